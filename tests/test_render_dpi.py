"""Scanned PDF pages read at their own resolution when asked (`--own-resolution`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bench.evaluate import cer
from ocr.detect import describe
from ocr.pdf import image_dpi
from ocr.reader import plan_pages, read_page, render_dpi
from ocr.tesseract import OcrSettings
from tests.conftest import ORDER_LINES, scan_pdf

TRUTH = "\n".join(ORDER_LINES)


@pytest.fixture(scope="module")
def scans(order_pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("dpi")
    return {dpi: scan_pdf(order_pdf, folder / f"order_{dpi}.pdf", dpi) for dpi in (200, 400)}


def test_a_scans_resolution_is_read_from_its_image(scans: dict[int, Path], order_pdf: Path) -> None:
    assert image_dpi(scans[200], 0) == pytest.approx(200, abs=1)
    assert image_dpi(scans[400], 0) == pytest.approx(400, abs=1)
    assert image_dpi(order_pdf, 0) is None  # born-digital: no page-sized image


def test_own_resolution_never_upsamples_and_caps_at_the_setting(
    scans: dict[int, Path],
) -> None:
    settings = OcrSettings(own_resolution=True)
    assert render_dpi(scans[200], 0, settings) == 200
    assert render_dpi(scans[400], 0, settings) == settings.dpi  # larger scans are reduced
    # the default renders at --dpi (measured better for the table geometry, README)
    assert render_dpi(scans[200], 0, replace(settings, own_resolution=False)) == settings.dpi


def test_a_200_dpi_scan_at_its_own_resolution_has_boxes_in_its_pixels(
    scans: dict[int, Path],
) -> None:
    (task,) = plan_pages(describe(scans[200]))
    page = read_page(task, OcrSettings(own_resolution=True))
    assert page.dpi == 200
    # A4 at 200 dpi is 1654 x 2339 pixels: the review crops use these boxes with page.dpi.
    assert page.lines and max(line.left + line.width for line in page.lines) <= 1654
    assert max(line.top + line.height for line in page.lines) <= 2339
    # Clean 200-dpi page read at its own resolution: far below a broken reading.
    assert cer(page.raw_text, TRUTH) < 0.10
