"""Hand-written list-layout orders for the list tests, with the truth of what was written.

Each builder writes the text of an order the way offices type list layouts (DOMAIN.md, "Layouts
that offices use") and records, as it writes, which officer holds which role of which
criterion. Titles come from the 2567 catalog; officers are real names from pythainlp's lists.
The truth is what the builder wrote, never what the program read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.catalog import Catalog
from extract.digits import arabic_to_thai


@dataclass(frozen=True)
class Person:
    title: str  # normalised
    written: str  # the title as the document writes it
    given: str
    family: str
    position: str = ""

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"

    def text(self, with_position: bool = False) -> str:
        out = f"{self.written}{self.given} {self.family}"
        return f"{out} ตำแหน่ง {self.position}" if with_position and self.position else out


SOMCHAI = Person("นาย", "นาย", "สมชาย", "ใจดี", "นักวิชาการเงินและบัญชีชำนาญการ")
SUPAPORN = Person("นางสาว", "นางสาว", "สุภาพร", "มีสุข", "เจ้าพนักงานธุรการชำนาญงาน")
WANDEE = Person("นาง", "นาง", "วันดี", "ศรีสุข", "หัวหน้าฝ่ายบริหารทั่วไป")
SUNISA = Person("นางสาว", "น.ส.", "สุนิสา", "แก้วมณี")
ANUCHA = Person("ว่าที่ร้อยตรี", "ว่าที่ ร.ต.", "อนุชา", "บุญมา", "นักวิชาการคอมพิวเตอร์ปฏิบัติการ")
KANCHANA = Person("ดร.", "ดร.", "กาญจนา", "ทองดี", "ผู้อำนวยการกลุ่มพัฒนาระบบบริหาร")
WICHAI = Person("นาย", "นาย", "วิชัย", "สุขสวัสดิ์")
SAWITREE = Person("นางสาว", "น.ส.", "สาวิตรี", "วงศ์ใหญ่")
SIGNER = Person("นาย", "นาย", "ประเสริฐ", "รักษาดี", "ผู้อำนวยการสำนักงาน")
COORDINATOR = Person("นางสาว", "นางสาว", "พิมพ์ใจ", "พรหมมา", "นักจัดการงานทั่วไป")


@dataclass
class Doc:
    pages: list[str]
    assignments: set[tuple[str, str, str]] = field(default_factory=set)  # criterion, role, name
    officers: set[str] = field(default_factory=set)
    items: list[str] = field(default_factory=list)

    def assign(self, criterion: str, role: str, *people: Person) -> None:
        for p in people:
            self.assignments.add((criterion, role, p.name))
            self.officers.add(p.name)

    def rows(self) -> list[dict[str, str]]:
        return [{"criterion": c, "role": r, "name": n} for c, r, n in sorted(self.assignments)]


def _title(cid: str) -> str:
    return Catalog.load("2567").get(cid).title.split(" (")[0][:120]


def _digits(text: str, thai: bool) -> str:
    return arabic_to_thai(text) if thai else text


HEAD = (
    "คำสั่งสำนักงานพัฒนาชุมชนจังหวัดน่าน\n"
    "ที่ ๑๒/๒๕๖๗\n"
    "เรื่อง มอบหมายผู้กำกับดูแลและผู้รับผิดชอบการดำเนินงานศูนย์ราชการสะดวก\n"
    "ตามคำสั่งสำนักงานพัฒนาชุมชนจังหวัดน่าน ที่ ๒๓/๒๕๖๖ ลงวันที่ ๑๓ พฤศจิกายน ๒๕๖๖\n"
    "ได้แต่งตั้งคณะทำงานศูนย์ราชการสะดวกไว้แล้ว นั้น เพื่อให้การดำเนินงานเป็นไปด้วยความเรียบร้อย\n"
    "จึงมอบหมายผู้กำกับดูแลและผู้รับผิดชอบหลักเกณฑ์มาตรฐานศูนย์ราชการสะดวกเป็นรายข้อ ดังนี้\n"
)


def _tail(coordinator: bool = False) -> str:
    out = (
        "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป\n"
        "สั่ง ณ วันที่ ๑๕ มกราคม พ.ศ. ๒๕๖๗\n"
        f"({SIGNER.text()})\n"
        f"{SIGNER.position}\n"
    )
    if coordinator:
        out += (
            "กลุ่มงานอำนวยการ\n"
            f"ผู้ประสานงาน {COORDINATOR.text()} โทร. ๐ ๕๔๗๑ ๐๒๓๔\n"
        )
    return out


PHYSICAL = [f"P{i}" for i in range(1, 8)]
QUALITY = ["Q1.1", "Q1.2", "Q2.1", "Q2.2", "Q2.3"]
RESULTS = ["R1", "R2"]


def labelled_list(thai: bool = True, colon: bool = True, below: bool = False,
                  headers: bool = True) -> Doc:
    """`ข้อ N` / `ข้อที่ N.M` / `(N)` items, each with a supervisor and responsible officers
    behind labels (with or without a colon, on the item's line or on the lines below)."""
    c = ":" if colon else ""
    doc = Doc([])
    body: list[str] = [HEAD]
    staff = [SUPAPORN, SUNISA, ANUCHA, WICHAI, SAWITREE]
    sups = [WANDEE, KANCHANA]
    forms = ["ข้อ {n}", "ข้อที่ {n}", "{n}.", "({n})", "{n})"]

    def item(cid: str, number: str, k: int) -> None:
        sup = sups[k % 2]
        resp = [staff[k % 5], staff[(k + 2) % 5]][: 1 + k % 2]
        if k % 7 == 3:
            resp = [sup, staff[k % 5]]  # the supervisor is also responsible
        joiner = ", " if k % 3 else " และ"
        names = joiner.join(p.text() for p in resp)
        form = forms[k % len(forms)] if len(number.split(".")) == 1 else "ข้อที่ {n}"
        head = form.format(n=_digits(number, thai and k % 4 != 1)) + " " + _title(cid)
        if below:
            body.append(head)
            body.append(f"ผู้กำกับดูแล{c} {sup.text()}")
            body.append(f"ผู้รับผิดชอบ{c} {names}")
        else:
            body.append(f"{head} ผู้กำกับดูแล{c} {sup.text()} ผู้รับผิดชอบ{c} {names}")
        doc.items.append(cid)
        doc.assign(cid, "supervisor", sup)
        doc.assign(cid, "responsible", *resp)

    if headers:
        body.append("๑. เกณฑ์ด้านกายภาพ จำนวน ๑๕ ข้อ")
    for k, cid in enumerate(PHYSICAL):
        item(cid, cid[1:], k)
    if headers:
        body.append("๒. เกณฑ์ด้านคุณภาพ")
    for k, cid in enumerate(QUALITY):
        if headers and cid.endswith(".1"):
            section = {"1": "ด้านสถานที่", "2": "ด้านบริการ"}[cid[1]]
            body.append(f"ข้อ {_digits(cid[1], thai)} {section}")
        item(cid, cid[1:], k + 10)
    if headers:
        body.append("๓. เกณฑ์ด้านผลลัพธ์")
    for k, cid in enumerate(RESULTS):
        item(cid, cid[1:], k + 20)
    body.append(_tail(coordinator=True))
    doc.pages = ["\n".join(body)]
    return doc


def section_list(sentence: bool) -> Doc:
    """Supervisors named once per section, under the heading or in a sentence before it;
    items list only their responsible officers (some wrapped over two lines)."""
    doc = Doc([])
    body = [HEAD]
    plan = [
        ("เกณฑ์ด้านกายภาพ", "ด้านกายภาพ", PHYSICAL[:4], WANDEE),
        ("เกณฑ์ด้านคุณภาพ ด้านสถานที่", "ด้านสถานที่", ["Q1.1", "Q1.2", "Q1.3"], KANCHANA),
        ("เกณฑ์ด้านคุณภาพ ด้านบริการ", "ด้านบริการ", ["Q2.1", "Q2.2", "Q2.4"], SOMCHAI),
    ]
    staff = [SUPAPORN, SUNISA, ANUCHA, WICHAI]
    for s, (heading, short, cids, sup) in enumerate(plan):
        if sentence:
            body.append(f"มอบหมายให้ {sup.text()} เป็นผู้กำกับดูแล{short} ดังต่อไปนี้")
            body.append(heading)
        else:
            body.append(heading)
            body.append(f"ผู้กำกับดูแล {sup.text()}")
        for k, cid in enumerate(cids):
            number = cid[1:]
            body.append(f"{arabic_to_thai(number)} {_title(cid)}")
            resp = [staff[(s + k) % 4], staff[(s + k + 1) % 4]][: 1 + (k % 2)]
            if k == 1:
                # the family name of the first officer wraps onto the next line
                first, *others = resp
                body.append(f"ผู้รับผิดชอบ {first.written}{first.given}")
                body.append(" ".join([first.family, *[", " + p.text() for p in others]]))
            else:
                body.append("ผู้รับผิดชอบ " + " / ".join(p.text() for p in resp))
            doc.items.append(cid)
            doc.assign(cid, "supervisor", sup)
            doc.assign(cid, "responsible", *resp)
    body.append(_tail())
    doc.pages = ["\n".join(body)]
    return doc


def to_html(doc: Doc, font: str = "Laksaman", size_pt: int = 15) -> str:
    """An A4 page per document page, one paragraph per line, in a Thai font."""
    import html

    pages = []
    for page in doc.pages:
        paras = "".join(f"<p>{html.escape(line)}</p>" for line in page.splitlines() if line)
        pages.append(f"<section>{paras}</section>")
    return (
        "<html><head><meta charset='utf-8'><style>"
        f"@page {{ size: A4; margin: 2cm 2cm 2cm 2.5cm }} body {{ font-family: '{font}'; "
        f"font-size: {size_pt}pt; line-height: 1.25 }} p {{ margin: 0 0 0.2em 0 }} "
        "section + section { break-before: page }"
        "</style></head><body>" + "".join(pages) + "</body></html>"
    )
