"""Page layout: the grid of a table rendered with a Thai font, from its text layer and from scans.

The tables are typeset here with WeasyPrint (Laksaman), so the true grid is the HTML's: which
cells span which rows and columns is known before anything is read. Scans are made with the
generator's own degradation (samples/degrade.py): a grey 300-dpi scan and a 1-bit 200-dpi fax
rotated 1.2 degrees.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PIL import Image

from ocr import pdf, scan
from ocr.layout import PageLayout, Table, layout_from_dict, layout_to_dict
from samples.degrade import SCAN, ScanProfile, degrade, rasterise

FONT = "Laksaman"
# A fax: 1 bit per pixel at 200 dpi, skewed by 1.2 degrees (the hardest grid case).
FAX = ScanProfile("fax", 200, (1.2, 1.2), 10, 0.8, 8.0, 120, 244, 28, 228, 0, threshold=150)

# (No SARA UU: Laksaman text layers from WeasyPrint map it to MAI THO, see the report.)
SUPERVISOR = "นางสุพัตรา แก้วประเสริฐ"
# Narrow name columns: "นางสาวรัตนาภรณ์" fills a line, so the family name wraps.
ROWS = (
    ("๑", "มีการให้บริการนอกเวลาราชการ หรือตามเวลาที่สอดคล้องกับผลการสำรวจความต้องการของ"
          "ผู้รับบริการในแต่ละพื้นที่", ("นางสาวรัตนาภรณ์ ขัติยะ", "นายวีระพงษ์ คำแสน")),
    ("๒", "มีระบบการขนส่งสาธารณะที่เข้าถึงสถานที่บริการเพื่อให้สะดวกต่อการเดินทาง",
     ("นายวีระพงษ์ คำแสน",)),
    ("๓", "มีป้าย/สัญลักษณ์ บอกทิศทางหรือตำแหน่งในการเข้าถึงจุดให้บริการได้อย่างสะดวกและชัดเจน",
     ("นางอรุณี สิทธิวงศ์",)),
)
SECTION = "เกณฑ์ด้านกายภาพ จำนวน ๓ ข้อ (ต้องผ่านเกณฑ์ทุกข้อ)"
TITLE = "เอกสารแนบท้ายคำสั่งสำนักงานที่ดินจังหวัดน่าน ที่ ๕/๒๕๖๗"


@dataclass(frozen=True)
class TableDoc:
    """A rendered one-page table and what was typeset in it."""

    path: Path
    grid: tuple[tuple[int, int, int, int], ...]  # (row, col, row span, col span), reading order
    text: str  # the page text in the table's reading order
    supervisor_first: bool
    vertical_rules: bool


def _names(names: tuple[str, ...]) -> str:
    return "".join(f"<div>{n}</div>" for n in names)


def render_table(path: Path, supervisor_first: bool = True, vertical_rules: bool = True,
                 merged: bool = True) -> TableDoc:
    """A landscape page: a title, then a two-level-header table with a section row and a
    supervisor merged over the section's three items (or written in every row)."""
    from weasyprint import HTML

    role_heads = ["ผู้กำกับดูแล", "ผู้รับผิดชอบ"]
    if not supervisor_first:
        role_heads.reverse()
    sup_col, resp_col = (2, 3) if supervisor_first else (3, 2)
    body_rows = []
    for i, (number, text, names) in enumerate(ROWS):
        cells = {0: f"<td>{number}</td>", 1: f"<td>{text}</td>",
                 resp_col: f'<td class="n">{_names(names)}</td>'}
        if not merged:
            cells[sup_col] = f'<td class="n"><div>{SUPERVISOR}</div></td>'
        elif i == 0:
            cells[sup_col] = f'<td class="n" rowspan="{len(ROWS)}"><div>{SUPERVISOR}</div></td>'
        body_rows.append("<tr>" + "".join(cells[k] for k in sorted(cells)) + "</tr>")
    border = "0.8pt solid #000"
    cell_border = (f"border: {border};" if vertical_rules
                   else f"border-top: {border}; border-bottom: {border};")
    html = f"""<html><head><meta charset="utf-8"><style>
      @page {{ size: A4 landscape; margin: 1.6cm }}
      body {{ font-family: '{FONT}'; font-size: 15pt; line-height: 1.2 }}
      table {{ border-collapse: collapse; table-layout: fixed; width: 100% }}
      th, td {{ {cell_border} padding: 3pt 5pt; vertical-align: top }}
      th {{ font-weight: bold; text-align: center }}
      td.n {{ width: 3.4cm }}
      </style></head><body><p>{TITLE}</p>
      <table><colgroup><col style="width:2cm"><col><col style="width:4.2cm">
      <col style="width:4.2cm"></colgroup>
      <thead><tr><th rowspan="2">ข้อที่</th><th rowspan="2">สิ่งที่ต้องดำเนินการ</th>
      <th colspan="2">มอบหมายดำเนินการ</th></tr>
      <tr><th>{role_heads[0]}</th><th>{role_heads[1]}</th></tr></thead>
      <tbody><tr><td colspan="4">{SECTION}</td></tr>{"".join(body_rows)}</tbody>
      </table></body></html>"""
    HTML(string=html).write_pdf(path)
    grid = [(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 1, 2), (1, 2, 1, 1), (1, 3, 1, 1), (2, 0, 1, 4)]
    for i in range(len(ROWS)):
        r = 3 + i
        grid += [(r, 0, 1, 1), (r, 1, 1, 1)]
        if not merged or i == 0:
            grid.append((r, sup_col, len(ROWS) if merged else 1, 1))
        grid.append((r, resp_col, 1, 1))
    grid.sort()
    text = [TITLE, "ข้อที่", "สิ่งที่ต้องดำเนินการ", "มอบหมายดำเนินการ", *role_heads, SECTION]
    for i, (number, criterion, names) in enumerate(ROWS):
        roles = {sup_col: [SUPERVISOR] if (not merged or i == 0) else [], resp_col: list(names)}
        text += [number, criterion, *roles[2], *roles[3]]
    return TableDoc(path, tuple(grid), "\n".join(text), supervisor_first, vertical_rules)


def grid_of(table: Table) -> tuple[tuple[int, int, int, int], ...]:
    return tuple(sorted((c.row, c.col, c.row_span, c.col_span) for c in table.cells))


def scanned(doc: TableDoc, profile: ScanProfile) -> Image.Image:
    """The page as the generator's scanner would give it (1-bit pages stay 1-bit)."""
    page = rasterise(doc.path.read_bytes(), profile.dpi)[0]
    image = degrade(page, profile, seed=7)
    if profile.threshold is not None:
        cut = profile.threshold
        image = image.point(lambda v: 255 if v >= cut else 0).convert("1")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # the bits a file would hold
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


@pytest.fixture(scope="module")
def ruled(tmp_path_factory) -> TableDoc:
    return render_table(tmp_path_factory.mktemp("ruled") / "ruled.pdf")


@pytest.fixture(scope="module")
def responsible_first(tmp_path_factory) -> TableDoc:
    return render_table(tmp_path_factory.mktemp("rf") / "rf.pdf", supervisor_first=False)


@pytest.fixture(scope="module")
def unruled(tmp_path_factory) -> TableDoc:
    return render_table(tmp_path_factory.mktemp("nr") / "nr.pdf", vertical_rules=False,
                        merged=False)


def test_text_layer_gives_the_exact_grid_with_the_merged_cell(ruled):
    layout = pdf.page_layout(ruled.path, 0)
    assert len(layout.tables) == 1
    table = layout.tables[0]
    assert (table.rows, table.cols) == (6, 4)
    assert grid_of(table) == ruled.grid
    merged = table.covering(5, 2)
    assert merged is not None and merged.row_span == 3
    assert "สุพัตรา" in merged.text


def test_text_layer_grid_with_the_responsible_column_first(responsible_first):
    table = pdf.page_layout(responsible_first.path, 0).tables[0]
    assert grid_of(table) == responsible_first.grid
    assert table.covering(3, 3).row_span == 3  # the supervisor, now the last column


def test_columns_of_a_table_with_horizontal_rules_only(unruled):
    layout = pdf.page_layout(unruled.path, 0)
    assert len(layout.tables) == 1
    table = layout.tables[0]
    assert not table.ruled_columns
    assert table.cols == 4
    assert table.rows == 6  # the rule under the upper header level counts
    # The section heading runs across the number/criterion boundary: one cell, and the only
    # text of its row.
    section = table.covering(2, 0)
    assert section.col_span >= 2 and "กายภาพ" in section.text
    assert [c.text for c in table.row_cells(2) if c is not section and c.text.strip()] == []
    for r in range(3, 6):
        assert [c.col for c in table.row_cells(r)] == [0, 1, 2, 3]
        assert "สุพัตรา" in table.covering(r, 2).text


@pytest.mark.parametrize("profile", [SCAN, FAX], ids=["grey-300dpi", "fax-1bit-200dpi-1.2deg"])
def test_scans_give_the_same_grid(ruled, profile):
    geometry = scan.analyse(scanned(ruled, profile))
    assert len(geometry.tables) == 1
    assert grid_of(geometry.tables[0]) == ruled.grid
    assert abs(abs(geometry.skew) - profile.rotation[0]) < 0.25 or profile.rotation[0] < 1


def test_fax_skew_is_measured_and_undone(ruled):
    geometry = scan.analyse(scanned(ruled, FAX))
    assert abs(abs(geometry.skew) - 1.2) < 0.15
    # Level rules after deskewing: every horizontal rule is at most a few pixels tall.
    assert all(r.box[3] - r.box[1] <= 6 for r in geometry.rules if r.horizontal)


def test_layout_survives_its_json_form(ruled):
    layout = pdf.page_layout(ruled.path, 0)
    assert layout_from_dict(layout_to_dict(layout)) == layout
    assert layout_from_dict(None) is None
    assert isinstance(replace(layout, skew=1.0), PageLayout)


def test_the_page_cache_keeps_the_layout(ruled):
    """Re-extraction reads tables from the ledger: the cached page comes back with its layout;
    a record made before pages had layouts is a miss (the page is read again)."""
    import json

    from ocr.models import Page, PageMethod
    from pipeline.ledger import page_from_json, page_to_json

    layout = pdf.page_layout(ruled.path, 0)
    page = Page(1, PageMethod.TEXT_LAYER, layout.text(), text=layout.text(), layout=layout)
    back = page_from_json(page_to_json(page))
    assert back == page
    assert grid_of(back.layout.tables[0]) == ruled.grid
    old = json.loads(page_to_json(page))
    del old["layout"]
    assert page_from_json(json.dumps(old)) is None
