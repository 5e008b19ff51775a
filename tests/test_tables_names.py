"""Names listed with commas inside a narrow table cell: a line break that cuts a name (inside
the given name, inside the family name, or between them) keeps one person, a title or a comma
starts the next one.

The table is typeset here with WeasyPrint; the names in each cell are the truth. Which breaks
the renderer chose is read back from the text layer and checked to cut names, so the test
covers what it claims whatever the font's metrics.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.cellnames import join_names
from extract.document import extract_document
from ocr.detect import describe
from ocr.reader import plan_pages
from ocr.tesseract import OcrSettings
from pipeline.pages import process_page
from tests.test_layout import FAX, FONT, TableDoc, scanned

SUPERVISOR = "นางสาวอำนวย คำมา"
# Each row's responsible officers, written `title given family` and joined by commas.
ROWS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("๑", "มีการให้บริการนอกเวลาราชการ",
     ("นางสาวณกานดา เพชรทอง", "นางแพรวพลอย ไชยสน", "นางอรชา สระสม")),
    ("๒", "มีระบบการขนส่งสาธารณะที่เข้าถึงสถานที่บริการ",
     ("นายพลวรรษ โทไวยะ", "นายพจนารถ ยองเพชร")),
    ("๓", "มีป้ายบอกทิศทางในการเข้าถึงจุดให้บริการ",
     ("นางสาวดนยา เสาะรส", "นายศตพร บรรจบ", "นายอฤเดช ประสาทไทย")),
    ("๔", "มีการออกแบบสถานที่คำนึงถึงผู้พิการ",
     ("นายพจนารถ ยองเพชร", "นางแพรวพลอย ไชยสน", "นางสาวดนยา เสาะรส")),
)
TITLES = ("นางสาว", "นาง", "นาย")


def _split_title(name: str) -> tuple[str, str]:
    title = next(t for t in TITLES if name.startswith(t))
    return title, name[len(title):]


def order_table_html(rows: str, last_width_cm: float, *, page: str = "A4",
                     font_pt: int = 15) -> str:
    """An order's assignment table (number, criterion, supervisor, responsible) around `rows`."""
    return f"""<html><head><meta charset="utf-8"><style>
      @page {{ size: {page}; margin: 1.6cm }}
      body {{ font-family: '{FONT}'; font-size: {font_pt}pt; line-height: 1.2 }}
      table {{ border-collapse: collapse; table-layout: fixed; width: 100% }}
      th, td {{ border: 0.8pt solid #000; padding: 3pt 5pt; vertical-align: top }}
      </style></head><body><p>เอกสารแนบท้ายคำสั่ง ที่ ๑๒/๒๕๖๗</p>
      <table><colgroup><col style="width:1.6cm"><col><col style="width:4.4cm">
      <col style="width:{last_width_cm}cm"></colgroup>
      <thead><tr><th>ข้อที่</th><th>สิ่งที่ต้องดำเนินการ</th><th>ผู้กำกับดูแล</th>
      <th>ผู้รับผิดชอบ</th></tr></thead>
      <tbody><tr><td colspan="4">เกณฑ์ด้านกายภาพ จำนวน ๔ ข้อ</td></tr>{rows}</tbody>
      </table></body></html>"""


def render(path: Path, width_cm: float) -> Path:
    from weasyprint import HTML

    rows = "".join(
        f"<tr><td>{n}</td><td>{text}</td><td>{SUPERVISOR}</td><td>{', '.join(names)}</td></tr>"
        for n, text, names in ROWS
    )
    HTML(string=order_table_html(rows, width_cm)).write_pdf(path)
    return path


def read(source: Path):
    return [process_page(task, OcrSettings()) for task in plan_pages(describe(source))]


def expected() -> tuple[set[tuple[str, str, str]], set[str]]:
    pairs, people = set(), {_split_title(SUPERVISOR)[1]}
    for i, (_, _, names) in enumerate(ROWS):
        crit = f"P{i + 1}"
        pairs.add((crit, "supervisor", _split_title(SUPERVISOR)[1]))
        for name in names:
            pairs.add((crit, "responsible", _split_title(name)[1]))
            people.add(_split_title(name)[1])
    return pairs, people


def extracted(pages) -> tuple[set[tuple[str, str, str]], set[str]]:
    ex = extract_document(
        "t", [(p.number, p.text) for p in pages], edition="2567",
        layouts=[p.layout for p in pages],
    )
    return ({(a.criterion, a.role.value, a.name) for a in ex.assignments},
            {o.name for o in ex.officers})


def cut_names(pages) -> list[str]:
    """Line ends in the responsible cells that fall inside a typeset name (not after a comma)."""
    whole = {n for _, _, names in ROWS for n in names}
    cuts = []
    for table in pages[0].layout.tables:
        for cell in table.cells:
            for line in cell.text.splitlines()[:-1]:
                last = re.split(r",\s*", line.strip())[-1]
                if last and last not in whole and any(n.startswith(last) for n in whole):
                    cuts.append(last)
    return cuts


@pytest.fixture(scope="module")
def narrow(tmp_path_factory):
    """Two cell widths, so that the renderer breaks different names in different places."""
    folder = tmp_path_factory.mktemp("names")
    return {w: render(folder / f"names_{w}.pdf", w) for w in (3.6, 4.6)}


@pytest.mark.parametrize("width", [3.6, 4.6])
def test_comma_separated_names_cut_by_the_cell_edge_stay_one_person(narrow, width):
    pages = read(narrow[width])
    assert cut_names(pages), "the cell must break inside names for this test to mean anything"
    pairs, people = extracted(pages)
    want_pairs, want_people = expected()
    assert pairs == want_pairs
    assert people == want_people  # officers found = true: no half-name becomes a person


def test_a_fax_of_the_cut_names_finds_no_extra_person(narrow, tmp_path):
    image = tmp_path / "names_fax.png"
    scanned(TableDoc(narrow[3.6], (), "", True, True), FAX).save(image)
    pages = read(image)
    _, people = extracted(pages)
    _, want_people = expected()
    assert people <= want_people
    assert len(people) >= len(want_people) - 1


@pytest.mark.parametrize(
    "text,wraps,want",
    [
        # the break inside the given name, inside the family name, between them, after a title
        ("นางสาวณกานดา เพชรทอง, นางแพรว\nพลอย ไชยสน", (True,),
         "นางสาวณกานดา เพชรทอง, นางแพรวพลอย ไชยสน"),
        ("นางสาวดนยา เสาะรส, นางอรชา สระ\nสม, นายศตพร บรรจบ", (True,),
         "นางสาวดนยา เสาะรส, นางอรชา สระสม, นายศตพร บรรจบ"),
        ("นายพลวรรษ โทไวยะ, นายพจนารถ\nยองเพชร", (False,), "นายพลวรรษ โทไวยะ, นายพจนารถ ยองเพชร"),
        ("นางสาวณกานดา เพชรทอง, นาย\nพจนารถ ยองเพชร", (False,),
         "นางสาวณกานดา เพชรทอง, นาย พจนารถ ยองเพชร"),
        # a position under a complete name stays apart from the family name
        ("1. นาง ธนภร พรหมเวช\nนักวิเคราะห์นโยบายและแผน\n2. นาย สบาย เอมสอาด", (True, False),
         "1. นาง ธนภร พรหมเวช นักวิเคราะห์นโยบายและแผน 2. นาย สบาย เอมสอาด"),
        # one name a line: a short line after a complete name is a new entry, never glued
        ("นางสมใจ คมขาว\nสานล\nนายฐกฤต\nดอเลาะเซาะ", (False, False, False),
         "นางสมใจ คมขาว สานล นายฐกฤต ดอเลาะเซาะ"),
        # a speck read as a line of its own leaves the wraps of the other lines in place
        ("v\nนางสุพัตรา แก้ว\nประเสริฐ", (False, True), "นางสุพัตรา แก้วประเสริฐ"),
        # a comma at the line end starts the next name whatever follows
        ("นางอรชา สระสม,\nนายศตพร บรรจบ", (True,), "นางอรชา สระสม, นายศตพร บรรจบ"),
    ],
)
def test_join_names_tells_a_continued_name_from_a_new_one(text, wraps, want):
    assert join_names(text, wraps) == want
