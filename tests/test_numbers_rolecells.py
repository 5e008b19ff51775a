"""A role column of numbered entries is no number column for the number model.

Offices number the responsible officers inside a cell (`1. น.ส. กนกพรรณ สายโสภา`, `2. ร.ท.
นพดล เกษาอาด`). Every cell of such a column holds a number, so the column had been taken
for the table's number column and all its words were forced through the number model: the
abbreviated titles came back as digits (`น.ส.` as `11.8.`, `ร.ท.` as `5.7.`) and the names
were lost (dev multiname-0001 copy and fax). A real page typeset with WeasyPrint, copied by the
generator's copy degradation; real Tesseract and the real number model.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from extract.document import extract_document
from ocr import scanpage
from ocr.tesseract import OcrSettings
from samples.degrade import COPY, FAMILY_SCAN, ScanProfile, degrade, rasterise
from tests.test_tables_names import order_table_html

SUPERVISOR = "นายเลาะจง นบกลาง"
# Each row's responsible officers, numbered in the cell, titles written apart from the name.
ROWS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("๑", "มีการให้บริการนอกเวลาราชการ",
     ("น.ส. กนกพรรณ สายโสภา", "ร.ท. นพดล เกษาอาด")),
    ("๒", "มีระบบการขนส่งสาธารณะที่เข้าถึงสถานที่บริการ",
     ("นาย สบาย เอมสอาด", "น.ส. กนกพรรณ สายโสภา", "นาย ธราธร ถนอมธรรม")),
    ("๓", "มีป้ายบอกทิศทางในการเข้าถึงจุดให้บริการ",
     ("ร.ท. นพดล เกษาอาด", "นาง ธนภร พรหมเวช")),
    ("๔", "มีการออกแบบสถานที่คำนึงถึงผู้พิการ",
     ("น.ส. สมปอง เดชวงษา", "ร.ท. นพดล เกษาอาด", "นาย สบาย เอมสอาด")),
)


def render(path: Path) -> Path:
    from weasyprint import HTML

    rows = "".join(
        f"<tr><td>{n}</td><td>{text}</td><td>{SUPERVISOR}</td><td>"
        + "".join(f"<div>{k}. {name}</div>" for k, name in enumerate(names, 1))
        + "</td></tr>"
        for n, text, names in ROWS
    )
    html = order_table_html(rows, 7.5, page="A4 landscape", font_pt=14)
    HTML(string=html).write_pdf(path)
    return path


def scanned(path: Path, profile: ScanProfile) -> Image.Image:
    page = degrade(rasterise(path.read_bytes(), profile.dpi)[0], profile, seed=5)
    buffer = io.BytesIO()
    page.save(buffer, format="JPEG", quality=profile.jpeg_quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


@pytest.fixture(scope="module")
def doc(tmp_path_factory) -> Path:
    return render(tmp_path_factory.mktemp("rolenumbers") / "numbered.pdf")


def _responsible_text(reading: scanpage.ScanReading) -> str:
    table = reading.layout.tables[0]
    return "\n".join(c.text for c in table.cells if c.col == 3 and c.row >= 2)


@pytest.mark.parametrize("profile", [FAMILY_SCAN, COPY], ids=["grey-300dpi", "copy-200dpi"])
def test_titles_in_numbered_role_cells_stay_letters(doc, profile):
    reading = scanpage.read_image(scanned(doc, profile), OcrSettings())
    lines = [ln for ln in _responsible_text(reading).splitlines() if ln.strip()]
    assert len(lines) == sum(len(names) for _, _, names in ROWS)
    # Each line is an entry number, then letters: no title came back as digits.
    for line in lines:
        rest = re.sub(r"^\W*[0-9๐-๙]{1,2}\W*", "", line)
        assert not re.search(r"[0-9๐-๙]", rest), line
    # The number column is still re-read by the number model.
    table = reading.layout.tables[0]
    number_cells = [c.box for c in table.cells if c.col == 0 and c.row >= 2]
    inside = [w for w in reading.layout.words
              if any(b[0] <= (w.box[0] + w.box[2]) / 2 <= b[2]
                     and b[1] <= (w.box[1] + w.box[3]) / 2 <= b[3] for b in number_cells)]
    assert len(inside) >= len(ROWS) and all(w.original for w in inside)


def test_the_numbered_officers_are_assigned(doc):
    reading = scanpage.read_image(scanned(doc, COPY), OcrSettings())
    ex = extract_document("t", [(1, reading.text)], edition="2567", layouts=[reading.layout])
    got = {(a.criterion, a.role.value, a.name) for a in ex.assignments}
    want = {(f"P{i + 1}", "responsible", " ".join(name.split()[-2:]))
            for i, (_, _, names) in enumerate(ROWS) for name in names}
    assert want <= got, sorted(want - got)
