"""Pages turned in their pixels (fed sideways or upside down) are read upright."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from bench.evaluate import cer
from ocr import tesseract
from ocr.models import InputKind
from ocr.orientation import may_be_turned
from ocr.reader import PageTask, read_page
from ocr.tesseract import OcrSettings
from pipeline.cli.main import main as cli_main
from pipeline.report.crops import ScanCropper
from pipeline.report.load import load_document
from tests.conftest import ORDER_LINES, render_pdf

# Enough text for the orientation detection, as on any real order's page.
LINES = ORDER_LINES + ORDER_LINES[3:] * 3
TRUTH = "\n".join(LINES)


@pytest.fixture(scope="module")
def upright(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    pdf_path = render_pdf(LINES, tmp_path_factory.mktemp("turn") / "order.pdf")
    pdf = pypdfium2.PdfDocument(str(pdf_path))
    page = pdf[0].render(scale=300 / 72, grayscale=True).to_pil().convert("L")
    pdf.close()
    return page


def _read(image: Image.Image, path: Path) -> tuple[str, tuple[str, ...]]:
    image.save(path, dpi=(300, 300))
    page = read_page(PageTask(path, InputKind.IMAGE, 0), OcrSettings())
    return page.raw_text, page.warnings


@pytest.mark.parametrize("turn", [Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180,
                                  Image.Transpose.ROTATE_270])
def test_a_turned_page_is_read_as_if_upright(
    upright: Image.Image, turn: Image.Transpose, tmp_path: Path
) -> None:
    text, warnings = _read(upright.transpose(turn), tmp_path / "turned.png")
    assert cer(text, TRUTH) < 0.1
    assert any("turned by" in w for w in warnings)


def test_an_upright_page_is_left_as_it_is(upright: Image.Image, tmp_path: Path) -> None:
    text, warnings = _read(upright, tmp_path / "upright.png")
    assert cer(text, TRUTH) < 0.1
    assert not any("turned by" in w for w in warnings)


def test_only_a_poor_reading_of_enough_text_is_checked() -> None:
    assert may_be_turned(30.0, TRUTH)
    assert not may_be_turned(91.0, TRUTH)  # reads well
    assert not may_be_turned(30.0, "ลงชื่อ")  # a stamp or a signature: nothing to go by
    assert not may_be_turned(None, TRUTH)


def test_the_report_crops_a_turned_page_where_its_lines_are(
    upright: Image.Image, tmp_path: Path
) -> None:
    """The line boxes of a turned page are in the upright frame: the scan is turned the same
    way for the report's crops, so a crop shows its line (read back by Tesseract)."""
    path = tmp_path / "sideways.png"
    upright.transpose(Image.Transpose.ROTATE_270).save(path, dpi=(300, 300))
    out = tmp_path / "out"
    assert cli_main(["-q", "run", str(path), "--out", str(out), "--workers", "1"]) == 0
    doc = load_document(out / "sideways")
    assert doc.pages[0].turned == 90
    line = max(doc.pages[0].lines, key=lambda b: len(b.text))
    crop = ScanCropper(doc, out).crop_lines(1, [line])
    assert crop.data_uri is not None
    png = base64.b64decode(crop.data_uri.split(",", 1)[1])
    seen = tesseract.recognise(Image.open(io.BytesIO(png)), OcrSettings(psm=7)).text
    assert cer(seen, line.text) < 0.3
