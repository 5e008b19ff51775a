"""A table with horizontal rules only whose two-level header stands over wide role columns.

The upper-level label (มอบหมายดำเนินการ) is centred over both role columns and, being narrower
than the gap between their labels, overlaps neither: it must name no column of its own, or the
names that run across its edges are cut between two columns. Typeset with WeasyPrint (the truth
is what was typeset); the born-digital page through its text layer, its 1-bit fax through the
real Tesseract.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from extract.document import extract_document
from extract.thai_repair import repair
from ocr import pdf
from ocr.detect import describe
from ocr.reader import plan_pages
from ocr.tesseract import OcrSettings
from pipeline.pages import process_page
from samples.degrade import ScanProfile, degrade, rasterise

FONT = "Garuda"
# (number, criterion, supervisor, responsible): long supervisors (ranks written in full) run
# past where the group label's left edge stands.
ROWS = (
    ("๑", "มีการให้บริการนอกเวลาราชการ หรือตามเวลาที่สอดคล้องกับผลการสำรวจ",
     "พันตำรวจโทสมเกียรติ ศรีสุวรรณ", ("นายชาญชล โปทาคำ", "นางธมลพรรณ คำเพราะ")),
    ("๒", "มีระบบการขนส่งสาธารณะที่เข้าถึงสถานที่บริการ",
     "นางสาวพนมวรรณ เจริญสุข", ("นายไชยพร พรหมเมตตา",)),
    ("๓", "มีป้าย/สัญลักษณ์ บอกทิศทางหรือตำแหน่งในการเข้าถึงจุดให้บริการ",
     "พันตำรวจโทสมเกียรติ ศรีสุวรรณ", ("นางเศรษฐดา ขนอม", "นายชาญชล โปทาคำ")),
    ("๔", "มีการออกแบบสถานที่คำนึงถึงผู้พิการ สตรีมีครรภ์ และผู้สูงอายุ",
     "นางสาวพนมวรรณ เจริญสุข", ("นางธมลพรรณ คำเพราะ",)),
)
TITLES = ("พันตำรวจโท", "นางสาว", "นาง", "นาย")
# A fax: 1 bit per pixel at 200 dpi, fed 1.2 degrees crooked.
FAX = ScanProfile("fax", 200, (1.2, 1.2), 10, 0.7, 8.0, 120, 238, 40, 226, 0, threshold=140)


def _bare(text: str) -> str:
    return "".join(repair(text).split())


def expected(rows: tuple = ROWS, titles: tuple[str, ...] = TITLES) -> set[tuple[str, str, str]]:
    """The (criterion, role, name without title) triples the table's rows typeset."""
    def title_free(name: str) -> str:
        return name[len(next(t for t in titles if name.startswith(t))):]

    out = set()
    for i, (_, _, sup, resp) in enumerate(rows):
        out.add((f"P{i + 1}", "supervisor", title_free(sup)))
        out |= {(f"P{i + 1}", "responsible", title_free(n)) for n in resp}
    return out


def render(path: Path) -> Path:
    from weasyprint import HTML

    rows = "".join(
        f"<tr><td>{num}</td><td>{text}</td><td>{sup}</td>"
        f"<td>{''.join(f'<div>{n}</div>' for n in resp)}</td></tr>"
        for num, text, sup, resp in ROWS
    )
    rule = "0.8pt solid #000"
    HTML(string=f"""<html><head><meta charset="utf-8"><style>
      @page {{ size: A4 landscape; margin: 1.5cm }}
      body {{ font-family: '{FONT}'; font-size: 13pt; line-height: 1.25 }}
      table {{ border-collapse: collapse; table-layout: fixed; width: 100% }}
      th, td {{ border-top: {rule}; border-bottom: {rule}; padding: 3pt 5pt;
               vertical-align: top; text-align: left }}
      th {{ font-weight: bold; text-align: center }}
      </style></head><body><p>เอกสารแนบท้ายคำสั่งจังหวัดน่าน ที่ ๑๒/๒๕๖๗</p>
      <table><colgroup><col style="width:1.5cm"><col><col style="width:8cm">
      <col style="width:8cm"></colgroup>
      <thead><tr><th rowspan="2">ข้อที่</th><th rowspan="2">หลักเกณฑ์</th>
      <th colspan="2">มอบหมายดำเนินการ</th></tr>
      <tr><th>ผู้กำกับดูแล</th><th>ผู้รับผิดชอบ</th></tr></thead>
      <tr><td colspan="4">เกณฑ์ด้านกายภาพ</td></tr>
      <tbody>{rows}</tbody></table></body></html>""").write_pdf(path)
    return path


def assignments(path: Path) -> set[tuple[str, str, str]]:
    pages = [process_page(task, OcrSettings()) for task in plan_pages(describe(path))]
    ex = extract_document("t", [(p.number, p.text) for p in pages], edition="2567",
                          layouts=[p.layout for p in pages])
    return {(a.criterion, a.role.value, a.name) for a in ex.assignments}


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> Path:
    return render(tmp_path_factory.mktemp("grid") / "table.pdf")


def test_the_group_label_names_no_column(table):
    t = pdf.page_layout(table, 0).tables[0]
    assert not t.ruled_columns
    assert t.cols == 4
    body = [r for r in range(t.rows) if (c := t.covering(r, 0)) is not None and c.text in
            {num for num, *_ in ROWS}]
    assert len(body) == len(ROWS)
    for r, (_, _, sup, resp) in zip(body, ROWS, strict=True):
        # Whole names in their own column (the text layer's SARA AM split repaired).
        assert _bare(t.covering(r, 2).text) == _bare(sup)
        assert _bare(t.covering(r, 3).text) == _bare("".join(resp))


def test_roles_of_the_born_digital_table(table):
    assert assignments(table) == expected()


def test_roles_of_its_one_bit_fax(table, tmp_path):
    page = degrade(rasterise(table.read_bytes(), FAX.dpi)[0], FAX, seed=5)
    bits = page.point(lambda v: 255 if v >= (FAX.threshold or 128) else 0).convert("1")
    buffer = io.BytesIO()
    bits.save(buffer, format="PNG")
    image = tmp_path / "fax.png"
    image.write_bytes(buffer.getvalue())
    assert Image.open(image).mode == "1"  # read as a 1-bit page (`ocr.scan` restores it)
    found = assignments(image)
    right = found & expected()
    assert len(right) >= len(expected()) - 1
    assert len(found - expected()) <= 1
