"""An upper-level header label over two role columns whose body names are short.

In a table drawn with horizontal rules only, the group label (ผู้ได้รับมอบหมาย) stands centred
over the supervisor and responsible columns and overlaps neither of their labels. Told before
only by body words running across its edges, it was taken for a column of its own wherever the
names were short: the responsible column was cut in two, the names in its left half had no role
(dev-like multiname documents lost 7 to 14 % of their assignments on born-digital PDFs). The
labels it stands over begin under nothing on its line, so it is a group whatever the body holds.
Typeset with WeasyPrint; read through the text layer and the real pipeline.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.document import extract_document
from ocr import pdf
from ocr.detect import describe
from ocr.reader import plan_pages
from ocr.tesseract import OcrSettings
from pipeline.pages import process_page
from tests.test_grid_headers import expected as typeset

ROWS = (
    ("๑", "มีการให้บริการนอกเวลาราชการ", "นายสรชา วงษาเกษ", ("นายจอน ถาวร",)),
    ("๒", "มีระบบการขนส่งที่เข้าถึงสถานที่บริการ", "นายสรชา วงษาเกษ",
     ("นายแมน ธรรมเพชร", "นายจอน ถาวร")),
    ("๓", "มีป้าย/สัญลักษณ์ บอกทิศทาง", "นางนภาดา แสงคง", ("นายแวสะแม เดชา",)),
    ("๔", "มีการออกแบบสถานที่คำนึงถึงผู้พิการ", "นางนภาดา แสงคง", ("นายวาทะการ มาแฮ",)),
)
TITLES = ("นาง", "นาย")


def render(path: Path, font: str) -> Path:
    from weasyprint import HTML

    rows = "".join(
        f"<tr><td>{num}</td><td>{text}</td><td>{sup}</td><td>{', '.join(resp)}</td></tr>"
        for num, text, sup, resp in ROWS
    )
    rule = "0.8pt solid #000"
    HTML(string=f"""<html><head><meta charset="utf-8"><style>
      @page {{ size: A4 landscape; margin: 1.5cm }}
      body {{ font-family: '{font}'; font-size: 12pt; line-height: 1.25 }}
      table {{ border-collapse: collapse; table-layout: fixed; width: 100% }}
      th, td {{ border-top: {rule}; border-bottom: {rule}; padding: 3pt 5pt;
               vertical-align: top; text-align: left; font-size: 10pt }}
      th {{ text-align: center }}
      </style></head><body><p>เอกสารแนบท้ายคำสั่งอำเภองาว ที่ ๑๖๒/๒๕๖๖</p>
      <table><colgroup><col style="width:1.4cm"><col><col style="width:6.2cm">
      <col style="width:6.2cm"></colgroup>
      <thead><tr><th rowspan="2">ลำดับที่</th><th rowspan="2">หลักเกณฑ์มาตรฐาน</th>
      <th colspan="2">ผู้ได้รับมอบหมาย</th></tr>
      <tr><th>ผู้กำกับดูแล</th><th>ผู้รับผิดชอบ</th></tr></thead>
      <tr><td colspan="4">เกณฑ์ด้านกายภาพ</td></tr>
      <tbody>{rows}</tbody></table></body></html>""").write_pdf(path)
    return path


def expected() -> set[tuple[str, str, str]]:
    return typeset(ROWS, TITLES)


@pytest.mark.parametrize("font", ["Sawasdee", "Garuda"])
def test_a_group_label_over_short_names_names_no_column(font: str, tmp_path: Path) -> None:
    path = render(tmp_path / "table.pdf", font)
    t = pdf.page_layout(path, 0).tables[0]
    assert not t.ruled_columns
    assert t.cols == 4
    pages = [process_page(task, OcrSettings()) for task in plan_pages(describe(path))]
    ex = extract_document("t", [(p.number, p.text) for p in pages], edition="2567",
                          layouts=[p.layout for p in pages])
    assert {(a.criterion, a.role.value, a.name) for a in ex.assignments} == expected()
