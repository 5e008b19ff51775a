"""Family `circular` (f): a circular letter (หนังสือเวียน) with the criteria as an attachment.

On purpose: the official letter form (number with ว, address, date, เรื่อง, เรียน, สิ่งที่ส่งมาด้วย);
declared counts in digits and in words ("จำนวน ๑๕ ข้อ (สิบห้าข้อ)", "จำนวนสามสิบ (๓๐) ข้อ"), a total;
a coordinator with position and phone number; the criteria listed without any assignment
(numbered items under block headings, a clerk's slip now and then). No officers are assigned:
the truth's assignments and officers are empty.
"""

from __future__ import annotations

import re
from datetime import date

from samples.families import layout
from samples.families.assemble import basics, draw_blocks
from samples.families.layout import EMBLEM_SVG, Laid, esc, signer_block
from samples.families.letter import PROVINCES, draw_date
from samples.families.people import draw_people
from samples.families.spec import Coordinator, DeclaredCount, DocSpec, Letter, Signer
from samples.families.text import choice, digits, rng_for, thai_date, thai_words

FAMILY = "circular"
# (issuer, code prefix, address, signer's position lines, addressee)
ISSUERS = (
    ("กรมการปกครอง", "มท ๐๓๐๕.{n}", ("กรมการปกครอง", "ถนนอัษฎางค์ กทม. ๑๐๒๐๐"),
     ("รองอธิบดี ปฏิบัติราชการแทน", "อธิบดีกรมการปกครอง"), "ผู้ว่าราชการจังหวัด ทุกจังหวัด"),
    ("กรมธนารักษ์", "กค ๐๓๑๐.{n}", ("กรมธนารักษ์", "ถนนพระรามที่ ๖ กทม. ๑๐๔๐๐"),
     ("อธิบดีกรมธนารักษ์",), "ธนารักษ์พื้นที่ ทุกพื้นที่"),
    ("กรมที่ดิน", "มท ๐๕๐๓.{n}", ("กรมที่ดิน", "ศูนย์ราชการฯ อาคารรัฐประศาสนภักดี กทม. ๑๐๒๑๐"),
     ("รองอธิบดี ปฏิบัติราชการแทน", "อธิบดีกรมที่ดิน"), "เจ้าพนักงานที่ดินจังหวัด ทุกจังหวัด"),
    ("จังหวัด{p}", "{c} ๐๐๑๗.{n}", ("ศาลากลางจังหวัด{p}", "ถนนเจริญราษฎร์ {p}"),
     ("รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน", "ผู้ว่าราชการจังหวัด{p}"),
     "นายอำเภอ ทุกอำเภอ"),
    ("สำนักงานปลัดกระทรวงการคลัง", "กค ๐๒๐๒.{n}", ("กระทรวงการคลัง", "ถนนพระรามที่ ๖ กทม. ๑๐๔๐๐"),
     ("ปลัดกระทรวงการคลัง",), "คลังจังหวัด ทุกจังหวัด"),
)
PROVINCE_CODES = ("ลป", "พย", "นน", "ชร", "ขก", "อด", "ชบ", "รย", "นศ", "สข")
OPENINGS = (
    "ด้วยสำนักงานปลัดสำนักนายกรัฐมนตรี และสำนักงาน ก.พ.ร. ได้ปรับปรุงหลักเกณฑ์มาตรฐาน"
    "ศูนย์ราชการสะดวก (Government Easy Contact Center : GECC) ประจำปี พ.ศ. {year} และกำหนดให้"
    "หน่วยงานที่ประสงค์จะขอรับรองมาตรฐานยื่นคำขอภายในเวลาที่กำหนด",
    "ตามที่ได้มีการขับเคลื่อนศูนย์ราชการสะดวกในส่วนภูมิภาคอย่างต่อเนื่อง บัดนี้ หลักเกณฑ์"
    "มาตรฐานศูนย์ราชการสะดวก ประจำปี พ.ศ. {year} ได้ประกาศใช้แล้ว",
    "เพื่อให้การยกระดับการให้บริการประชาชนของหน่วยงานในสังกัดเป็นไปตามมาตรฐานศูนย์ราชการ"
    "สะดวก ประจำปี พ.ศ. {year} {issuer}ขอแจ้งสาระสำคัญของหลักเกณฑ์ ดังนี้",
)
REQUESTS = (
    "จึงขอให้หน่วยงานตรวจสอบความพร้อมตามหลักเกณฑ์ที่แนบมาพร้อมนี้ และแต่งตั้งผู้รับผิดชอบ"
    "เป็นรายข้อ แล้วรายงานผลให้ทราบภายในวันที่ {deadline}",
    "ขอความร่วมมือแจ้งหน่วยงานในสังกัดเตรียมเอกสารหลักฐานตามหลักเกณฑ์แต่ละข้อให้ครบถ้วน "
    "และส่งแบบรายงานภายในวันที่ {deadline}",
)
COUNT_STYLES = ("จำนวน {d} ข้อ ({w}ข้อ)", "จำนวน{w} ({d}) ข้อ", "จำนวน {d} ({w}) ข้อ")
PHONES = ("{a} {b}{c} {d}", "{a} {b}{c} {d} ต่อ {e}", "๐๘ {b}{c} {d}")


def _phone(rng, thai: bool) -> str:
    template = choice(rng, PHONES)
    parts = {"a": "๐", "b": str(int(rng.integers(2, 8))), "c": str(int(rng.integers(100, 999))),
             "d": str(int(rng.integers(1000, 9999))), "e": str(int(rng.integers(100, 999)))}
    return digits(template.format(**parts), thai)


def draw(seed: int, split: str) -> DocSpec:
    rng = rng_for(FAMILY, seed, "content")
    base = basics(FAMILY, seed)
    thai = base.digits != "arabic"
    blocks, _ = draw_blocks(rng, base.edition, base.digits, subitems=False, declare=False,
                            slip_rate=0.35, title_limit=120)
    issuer, code, address, position, to = choice(rng, ISSUERS)
    province = choice(rng, PROVINCES)
    issuer = issuer.format(p=province)
    code = code.format(n=digits(int(rng.integers(1, 6)), True), c=choice(rng, PROVINCE_CODES))
    number = digits(f"{code}/ว {int(rng.integers(10, 9000))}", thai)
    day, month, year_be = draw_date(rng, base.edition)
    printed_date = thai_date(day, month, year_be, thai=thai, era=bool(rng.random() < 0.5))
    people = draw_people(rng, 2, abbreviations="full", glued=True, positions_shown=1.0)
    signer, coordinator = people
    count_style = choice(rng, COUNT_STYLES)

    def phrase(n: int) -> str:
        return count_style.format(d=digits(n, thai), w=thai_words(n))

    groups = [("physical", "เกณฑ์ด้านกายภาพ", [b for b in blocks if b.key == "physical"]),
              ("quality", "เกณฑ์ด้านคุณภาพ", [b for b in blocks if b.key.startswith("quality")]),
              ("special", "เงื่อนไขพิเศษ (เพิ่มเติม)", [b for b in blocks if b.key == "special"]),
              ("results", "เกณฑ์ด้านผลลัพธ์", [b for b in blocks if b.key == "results"])]
    declared = []
    lines = []
    for n, (scope, label, members) in enumerate([g for g in groups if g[2]], start=1):
        count = sum(len(b.items) for b in members)
        declared.append(DeclaredCount(scope, count, phrase(count)))
        lines.append(f"{digits(n, thai)}. {label} {phrase(count)}")
    total = sum(len(b.items) for b in blocks)
    declared.append(DeclaredCount("total", total, phrase(total)))
    values = {"year": digits(base.edition, thai), "issuer": issuer,
              "deadline": thai_date(min(28, day + 14), month, year_be, thai=thai, era=False)}
    phone = _phone(rng, thai)
    paragraphs = (
        choice(rng, OPENINGS).format(**values),
        f"หลักเกณฑ์ดังกล่าวประกอบด้วยเกณฑ์ ๓ ด้าน รวมทั้งสิ้น {phrase(total)} ดังนี้",
        *lines,
        choice(rng, REQUESTS).format(**values),
        f"ทั้งนี้ หากมีข้อสงสัย โปรดติดต่อผู้ประสานงาน {coordinator.written()} "
        f"ตำแหน่ง {coordinator.position} โทร. {phone}",
        "จึงเรียนมาเพื่อโปรดทราบและดำเนินการต่อไป",
    )
    letter = Letter(
        issuer, number, printed_date, date(year_be - 543, month, day).isoformat(),
        f"หลักเกณฑ์มาตรฐานศูนย์ราชการสะดวก ประจำปี พ.ศ. {digits(base.edition, thai)}",
        paragraphs, "", Signer(signer, tuple(p.format(p=province) for p in position)),
        "สิ่งที่ส่งมาด้วย หลักเกณฑ์มาตรฐานศูนย์ราชการสะดวก", to=to,
        address=tuple(a.format(p=province) for a in address),
        enclosure="หลักเกณฑ์มาตรฐานศูนย์ราชการสะดวก จำนวน ๑ ชุด",
        contact=("กลุ่มงานพัฒนาระบบบริหาร", f"โทร. {phone}"))
    style = {"font": base.font, "size_pt": base.size_pt, "layout": "circular",
             "page_numbers": choice(rng, ("thai", "arabic")), "count_style": count_style,
             "item_format": choice(rng, ("{n}.", "{n}", "ข้อ {n}")), "bold_headers": True}
    return DocSpec(FAMILY, seed, split, "circular", base.edition, base.digits, letter,
                   tuple(blocks), (), style, tuple(declared),
                   Coordinator(coordinator, phone))


COUNT_LINE = re.compile(r"[0-9๐-๙]+\. ")
CIRCULAR_CSS = """
.urgent { font-weight: bold; margin-top: 0.2cm; }
table.head { width: 100%; margin-top: 0.2cm; }
table.head td { padding: 0; }
table.head td.addr { width: 6.5cm; }
.date { margin-left: 8.0cm; margin: 0.3em 0 0.4em 8.0cm; }
.sub { text-indent: 3.0cm; }
.contact { margin-top: 0.8cm; }
.bhead { font-weight: bold; margin-top: 0.35em; break-after: avoid; }
.crit { break-inside: avoid; padding-left: 0.5cm; text-indent: -0.5cm; margin-left: 0.5cm; }
.listpage { break-before: page; }
"""


def render(spec: DocSpec) -> tuple[Laid, dict[str, list[str]]]:
    letter = spec.letter
    parts = [
        f'<p class="urgent">{"ด่วนที่สุด" if spec.seed % 2 else "ด่วน"}</p>',
        f'<table class="head"><tr><td>ที่ {esc(letter.number)}</td><td>{EMBLEM_SVG}</td>'
        f'<td class="addr">{"<br>".join(esc(a) for a in letter.address)}</td></tr></table>',
        f'<p class="date">{esc(letter.date)}</p>',
        f"<p>เรื่อง {esc(letter.subject)}</p>", f"<p>เรียน {esc(letter.to)}</p>",
        f"<p>สิ่งที่ส่งมาด้วย {esc(letter.enclosure)}</p>",
    ]
    for paragraph in letter.paragraphs:
        is_count_line = bool(COUNT_LINE.match(paragraph))
        parts.append(f'<p class="{"sub" if is_count_line else "indent"}">{esc(paragraph)}</p>')
    parts.append(signer_block(letter.signer.person.written(), letter.signer.position,
                              "ขอแสดงความนับถือ"))
    parts.append('<div class="contact">' + "".join(f"<p>{esc(c)}</p>" for c in letter.contact)
                 + "</div>")
    parts.append(f'<div class="listpage"><p class="att-head">{esc(letter.attachment_head)}</p>')
    fmt = spec.style["item_format"]
    for block in spec.blocks:
        if block.intro:
            parts.append(f'<p class="bhead">{esc(block.intro)}</p>')
        parts.append(f'<p class="bhead">{esc(block.heading)}</p>')
        for item in block.items:
            parts.append(f'<p class="crit" data-item="{item.criterion}">'
                         f"{esc(fmt.format(n=item.printed))} {esc(item.title)}</p>")
    parts.append("</div>")
    return layout.render(_body(parts), spec.name, spec.style, CIRCULAR_CSS), {}


def _body(parts: list[str]) -> str:
    return "".join(parts)
