"""Faxes: streaks of the fax line removed before the geometry, thin strokes thickened for the OCR.

Real pages typeset with WeasyPrint, faxed by the generator's own degradation
(`samples/degrade.py`: 200 dpi, crooked feed, 1 bit); real Tesseract. The streaks are drawn
here on the faxed page, so where they are is known; the text is what was typeset.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from rapidfuzz.distance import Levenshtein

from extract.thai_repair import repair
from ocr import clean, scan, scanpage, strokes, tesseract
from ocr.tesseract import OcrSettings
from samples.degrade import FAX as GENERATOR_FAX
from tests.test_layout import FAX, TableDoc, render_table, scanned

# The streaks drawn on the faxed table page: (y at the left edge, y at the right edge), as
# shares of the page height. One runs through the title line's height, one through the table.
STREAKS = ((0.30, 0.302), (0.55, 0.549), (0.80, 0.801))

# A light font (Sawasdee) at a table's size: faxed at the generator's threshold its strokes
# break into dots.
THIN_FONT = "Sawasdee"
THIN_TEXT = (
    "มีการให้บริการนอกเวลาราชการ หรือตามเวลาที่สอดคล้องกับผลการสำรวจ",
    "มีระบบการขนส่งสาธารณะที่เข้าถึงสถานที่บริการเพื่อให้สะดวกต่อการเดินทาง",
    "มีป้ายบอกทิศทางหรือตำแหน่งในการเข้าถึงจุดให้บริการได้อย่างสะดวกและชัดเจน",
    "นางสาวรัตนาภรณ์ ขัติยะ นายวีระพงษ์ คำแสน นางอรุณี สิทธิวงศ์",
)


def cer(text: str, truth: str) -> float:
    a, b = re.sub(r"\s+", "", repair(text)), re.sub(r"\s+", "", truth)
    return Levenshtein.distance(a, b) / max(len(b), 1)


def with_streaks(image: Image.Image) -> tuple[Image.Image, list[tuple[float, float]]]:
    """The page with black 2-px streaks from edge to edge, and their (left, right) rows."""
    page = image.copy()
    draw = ImageDraw.Draw(page)
    w, h = page.size
    rows = [(a * h, b * h) for a, b in STREAKS]
    for left, right in rows:
        draw.line((0, left, w, right), fill=0, width=2)
    return page, rows


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> TableDoc:
    return render_table(tmp_path_factory.mktemp("fax") / "table.pdf")


@pytest.fixture(scope="module")
def faxed(table) -> Image.Image:
    return scanned(table, FAX)


def test_streaks_are_found_from_edge_to_edge_and_nothing_else(faxed):
    page, rows = with_streaks(faxed)
    gray = clean.flatten(np.asarray(page))
    found = clean.streaks(gray) > 0
    w = found.shape[1]
    for left, right in rows:
        xs = np.arange(0, w, 7)
        ys = np.round(left + (right - left) * xs / w).astype(int)
        # Every sampled point of the streak is removed (or lies inside a letter it crosses).
        hit = np.array([found[max(0, y - 2) : y + 3, x].any() for x, y in zip(xs, ys, strict=True)])
        assert hit.mean() >= 0.9
    # Away from the drawn streaks nothing is taken: the table's rules and text stay.
    mask = np.ones_like(found)
    for left, right in rows:
        for y in range(int(min(left, right)) - 8, int(max(left, right)) + 9):
            mask[y] = False
    assert found[mask].sum() == 0
    assert clean.streaks(clean.flatten(np.asarray(faxed))).sum() == 0


def test_a_faxed_page_with_streaks_reads_as_without_them(table, faxed):
    page, _ = with_streaks(faxed)
    plain = scanpage.read_image(faxed, OcrSettings())
    streaked = scanpage.read_image(page, OcrSettings())
    # The skew comes from the rules, not from the level streaks.
    assert abs(streaked.layout.skew - plain.layout.skew) < 0.1
    assert abs(streaked.layout.skew) > 0.8
    # Same grid, and the streaks are never read as letters (`TTT`, `----`).
    assert [(t.rows, t.cols) for t in streaked.layout.tables] == [
        (t.rows, t.cols) for t in plain.layout.tables
    ]
    assert not re.search(r"T{2,}|-{3,}|_{3,}|—{2,}", streaked.text)
    assert cer(streaked.text, table.text) <= cer(plain.text, table.text) + 0.03


def thin_page(path: Path) -> Path:
    from weasyprint import HTML

    paragraphs = "".join(f"<p>{line}</p>" for line in THIN_TEXT)
    HTML(string=f"""<html><head><meta charset="utf-8"><style>
      @page {{ size: A4; margin: 2cm }}
      body {{ font-family: '{THIN_FONT}'; font-size: 13pt; line-height: 1.5 }}
      </style></head><body>{paragraphs}</body></html>""").write_pdf(path)
    return path


def test_thin_strokes_of_a_light_font_are_thickened_and_read(tmp_path, faxed):
    from samples.degrade import degrade, rasterise

    pdf = thin_page(tmp_path / "thin.pdf")
    # The generator's own fax (its threshold breaks light strokes), without its random streaks.
    profile = replace(GENERATOR_FAX, streaks=0)
    grey = degrade(rasterise(pdf.read_bytes(), profile.dpi)[0], profile, seed=3)
    cut = profile.threshold or 128
    bits = grey.point(lambda v: 255 if v >= cut else 0).convert("L")
    image = bits.resize((bits.width * 3 // 2, bits.height * 3 // 2), Image.Resampling.BILINEAR)
    truth = "\n".join(THIN_TEXT)
    on = scan.analyse(image)
    off = scan.analyse(image, thicken_thin=False)
    read_on = tesseract.recognise(on.image, OcrSettings()).text
    read_off = tesseract.recognise(off.image, OcrSettings()).text
    # Measured: thickened 0.054 against 0.186 unthickened; since lone specks are erased on
    # every page (ocr/specks.py) 0.035 against 0.081: thickening still more than halves it.
    assert cer(read_on, truth) <= 0.6 * cer(read_off, truth)
    assert cer(read_on, truth) <= 0.35


def stroke_ink(image: Image.Image) -> np.ndarray:
    gray = np.asarray(scan.analyse(image, thicken_thin=False).image)
    return (gray < strokes.STROKE_INK).astype(np.uint8) * 255


def test_a_regular_font_is_thickened_less_and_reads_no_worse(table, faxed, tmp_path):
    from samples.degrade import degrade, rasterise

    pdf = thin_page(tmp_path / "thin.pdf")
    profile = replace(GENERATOR_FAX, streaks=0)
    grey = degrade(rasterise(pdf.read_bytes(), profile.dpi)[0], profile, seed=3)
    bits = grey.point(lambda v: 255 if v >= (profile.threshold or 128) else 0).convert("L")
    light = bits.resize((bits.width * 3 // 2, bits.height * 3 // 2), Image.Resampling.BILINEAR)
    regular = faxed.resize((faxed.width * 3 // 2, faxed.height * 3 // 2),
                           Image.Resampling.BILINEAR)
    assert strokes.thickening(stroke_ink(light)) > strokes.thickening(stroke_ink(regular))
    thick = tesseract.recognise(scan.analyse(regular).image, OcrSettings())
    plain = tesseract.recognise(scan.analyse(regular, thicken_thin=False).image, OcrSettings())
    # Both read as plain pages: compared on their words, whatever the order.
    words = "".join(sorted(re.findall(r"[\u0e01-\u0e4e]+", table.text)))

    def bag_cer(text: str) -> float:
        return cer("".join(sorted(re.findall(r"[\u0e01-\u0e4e]+", repair(text)))), words)

    assert bag_cer(thick.text) <= bag_cer(plain.text) + 0.02


def test_a_one_bit_page_is_thickened_towards_the_stroke_the_ocr_reads_best(faxed):
    regular = faxed.resize((faxed.width * 3 // 2, faxed.height * 3 // 2),
                           Image.Resampling.BILINEAR)
    ink = stroke_ink(regular)
    # A grey page with these strokes is left alone; the same strokes known to come from a
    # 1-bit scan lost their hairlines to the threshold and are thickened (by 2..5 px).
    assert strokes.thickening(ink) == 0
    assert 2 <= strokes.thickening(ink, bilevel=True) <= strokes.THICKEN


def test_a_one_bit_fax_file_keeps_every_name_of_the_table(tmp_path):
    from tests.test_layout import render_table
    from tests.test_tables import assignments, expected_assignments, read

    doc = render_table(tmp_path / "table.pdf")
    page = scanned(doc, FAX).point(lambda v: 255 if v >= 128 else 0).convert("1")
    path = tmp_path / "fax.png"
    page.save(path)  # a 1-bit file: read as a fax, its strokes thickened
    assert Image.open(path).mode == "1"
    assert assignments(read(path)) == expected_assignments()
