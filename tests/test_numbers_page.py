"""The re-read of numbers inside the page reader, on pages typeset here and scanned.

The pages are rendered with WeasyPrint in Umpush, a face held out of the number model's
training (ocr/numbers/synth.py), and scanned with the generator's own degradation
(samples/degrade.py); what was typeset is the truth. Real Tesseract, both models.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from ocr import scanpage
from ocr.layout import Cell, Table, Word
from ocr.numbers.page import number_column_words, substitute
from ocr.tesseract import OcrSettings
from samples.degrade import SCAN, degrade, rasterise

FONT = "Umpush"
THAI_DIGITS = "๑๒๓๔๕๖๗๘๙"
ROWS = [
    "มีการให้บริการนอกเวลาราชการ", "มีระบบการขนส่งที่เข้าถึงสถานที่บริการ",
    "มีป้ายบอกทิศทางที่ชัดเจน", "มีการออกแบบสถานที่สำหรับผู้สูงอายุ",
    "มีการออกแบบผังงานการให้บริการ", "มีขนาดและพื้นที่ใช้งานสะดวก",
    "มีการจัดให้มีแสงสว่างอย่างเพียงพอ", "มีห้องน้ำที่สะอาด", "มีการจัดให้มีระบบคิว",
]
DATE_LINE = "คำสั่งที่ ๑๔๗/๒๕๖๗ ลงวันที่ ๒๘ ธันวาคม ๒๕๖๖"
ON, OFF = OcrSettings(), OcrSettings(reread_numbers=False)


def _scan(html_body: str, path: Path) -> Image.Image:
    from weasyprint import HTML

    HTML(string=f"""<html><head><meta charset="utf-8"><style>
      @page {{ size: A5 landscape; margin: 1.2cm }}
      body {{ font-family: '{FONT}'; font-size: 15pt; line-height: 1.3 }}
      table {{ border-collapse: collapse; width: 100% }}
      td, th {{ border: 0.8pt solid #000; padding: 2pt 5pt }}
      p {{ margin: 0 0 4pt }}
      </style></head><body>{html_body}</body></html>""").write_pdf(path)
    return degrade(rasterise(path.read_bytes(), SCAN.dpi)[0], SCAN, seed=3)


@pytest.fixture(scope="module")
def table_page(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    rows = "".join(f"<tr><td>{d}</td><td>{t}</td></tr>"
                   for d, t in zip(THAI_DIGITS, ROWS, strict=True))
    body = (f"<p>{DATE_LINE}</p><table><tr><th>ข้อที่</th><th>สิ่งที่ต้องดำเนินการ</th></tr>"
            f"{rows}</table>")
    return _scan(body, tmp_path_factory.mktemp("numtable") / "table.pdf")


@pytest.fixture(scope="module")
def list_page(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    body = f"<p>{DATE_LINE}</p>" + "".join(
        f"<p>ข้อ {d} {t}</p>" for d, t in zip(THAI_DIGITS[3:], ROWS[3:], strict=True))
    return _scan(body, tmp_path_factory.mktemp("numlist") / "list.pdf")


def _number_cells(reading: scanpage.ScanReading) -> list[str]:
    table = reading.layout.tables[0]
    return [c.text.strip() for c in table.reading_order() if c.col == 0 and c.row > 0]


def test_table_number_column_reads_the_digits_the_thai_model_cannot_write(table_page) -> None:
    stock = _number_cells(scanpage.read_image(table_page, OFF))
    # ๔ ๖ ๗ ๘ ๙ are not in the stock model's alphabet: at most ๑ ๒ ๓ ๕ come out right.
    assert sum(a == b for a, b in zip(stock, THAI_DIGITS, strict=False)) <= 4
    reading = scanpage.read_image(table_page, ON)
    cells = _number_cells(reading)
    assert len(cells) == len(THAI_DIGITS)
    right = sum(a == b for a, b in zip(cells, THAI_DIGITS, strict=True))
    assert right >= len(THAI_DIGITS) - 1, cells
    # The page text carries the corrected numbers; the layout keeps the Thai reading.
    assert "๘\nมีห้องน้ำที่สะอาด" in reading.text or "๘" in cells
    changed = [w for w in reading.layout.words if w.original and w.original != w.text]
    assert changed and all(any(c in THAI_DIGITS for c in w.text) for w in changed)
    # Every re-read word keeps the number model's own reading too; a changed word took it.
    assert all(w.reading for w in reading.layout.words if w.original)
    assert all(set(w.reading) & set(THAI_DIGITS) for w in changed)
    # Thai words are never touched.
    assert not [w for w in reading.layout.words
                if w.original and not any(c.isdigit() for c in w.original + w.text)
                and w.original != w.text and len(w.original) > 3]


def test_text_of_a_page_without_table_carries_the_corrected_numbers(list_page) -> None:
    stock = scanpage.read_image(list_page, OFF).text
    reading = scanpage.read_image(list_page, ON)
    lines = [ln for ln in reading.text.splitlines() if ln.strip().startswith("ข้อ")]
    assert len(lines) == len(ROWS[3:])
    right = sum(f"ข้อ {d}" in ln for d, ln in zip(THAI_DIGITS[3:], lines, strict=True))
    stock_right = sum(f"ข้อ {d} " in stock for d in THAI_DIGITS[3:])
    assert right >= len(lines) - 1 > stock_right, reading.text
    assert "๒๕๖๗" in reading.text.splitlines()[0]  # the order's year: ๖ ๗ re-read too


def test_the_setting_turns_the_reread_off(list_page) -> None:
    reading = scanpage.read_image(list_page, OFF)
    assert not [w for w in reading.layout.words if w.original]


# ---------------------------------------------------------------- the pure parts
def test_substitute_replaces_each_changed_word_where_it_stands() -> None:
    text = "ข้อ ๕ มีการ ๕\nข้อ ๒ มีระบบ"
    words = [Word(t, (0, 0, 1, 1)) for t in ("ข้อ", "๕", "มีการ", "๕", "ข้อ", "๒", "มีระบบ")]
    assert substitute(text, words, {3: "๘", 5: "๖"}) == "ข้อ ๕ มีการ ๘\nข้อ ๖ มีระบบ"


def test_number_column_is_found_from_what_its_cells_hold() -> None:
    cells = tuple(Cell(r, c, (c * 100, r * 50, c * 100 + 100, r * 50 + 50))
                  for r in range(5) for c in range(2))
    table = Table((0, 0, 200, 250), 5, 2, cells)
    texts = ["ข้อ", "สิ่งที่", "๑", "มีการ", "๒", "มีระบบ", "อ", "มีป้าย", "๕", "มีห้องน้ำ"]
    words = [Word(t, (c.box[0] + 10, c.box[1] + 10, c.box[0] + 40, c.box[1] + 40))
             for t, c in zip(texts, cells, strict=True)]
    forced = number_column_words([table], words)
    # Column 0 (four of five cells hold digits), the junk `อ` and the header included.
    assert forced == {0, 2, 4, 6, 8}
    assert number_column_words([table], [replace(w, text="มี") for w in words]) == set()
