"""Page images of the harder forms made clean before geometry and OCR (`ocr/clean.py`).

Real pages: the one-page table of `test_layout` rendered with WeasyPrint, then photographed,
copied or faxed by the generator's own degradations (`samples/degrade.py`); real Tesseract.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pytest
from PIL import Image

from bench.accuracy import corpus_cer
from ocr import clean, scan, scanpage
from ocr.tesseract import OcrSettings
from samples.degrade import COPY, FAMILY_SCAN, PHOTO, photo_pages
from tests.test_layout import TableDoc, grid_of, render_table, scanned


@pytest.fixture(scope="module")
def ruled(tmp_path_factory) -> TableDoc:
    return render_table(tmp_path_factory.mktemp("ruled") / "ruled.pdf")


def photographed(doc: TableDoc) -> Image.Image:
    """The page as the generator's phone photo, through the JPEG a scanner app would save."""
    photo = photo_pages(doc.path.read_bytes(), PHOTO, "test-photo")[0]
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", quality=PHOTO.jpeg_quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def test_a_photo_is_cut_out_and_unwarped_to_the_exact_grid(ruled):
    image = photographed(ruled)
    quad = clean.page_quad(np.asarray(image))
    assert quad is not None
    geometry = scan.analyse(image)
    assert len(geometry.tables) == 1
    assert grid_of(geometry.tables[0]) == ruled.grid
    # The sheet's own rectangle: no rotation left to undo once the perspective is gone.
    assert abs(geometry.skew) < 0.5


def test_a_scan_that_fills_its_image_is_not_cut(ruled):
    assert clean.page_quad(np.asarray(scanned(ruled, FAMILY_SCAN))) is None


def test_paper_is_white_everywhere_after_flattening(ruled):
    """A photo's light falls off towards one side and the corners; divided by its paper the
    sheet is white in every quarter."""
    gray = np.asarray(photographed(ruled))
    page = clean.unwarp(gray, clean.page_quad(gray))
    flat = clean.flatten(page)
    h, w = flat.shape
    for y in (slice(0, h // 2), slice(h // 2, h)):
        for x in (slice(0, w // 2), slice(w // 2, w)):
            assert np.median(flat[y, x]) >= 245
            assert np.median(page[y, x]) < 245  # it was not white before


def test_the_page_is_divided_by_its_paper_exactly_as_defined():
    """Every pair of 8-bit levels (grey, paper) gives the truncated quotient of the definition,
    including paper 0 and quotients above 255."""
    grey, paper = np.divmod(np.arange(65536), 256)
    got = clean.divided(grey.astype(np.uint8).reshape(256, 256),
                        paper.astype(np.uint8).reshape(256, 256))
    assert np.array_equal(got.ravel(), clean._quotients())


def test_a_page_without_edge_to_edge_lines_has_no_streaks(ruled):
    """Rules and text inside the margins are no fax streaks (the cheap bound and the full test
    agree: nothing is erased)."""
    page = clean.flatten(np.asarray(scanned(ruled, FAMILY_SCAN).convert("L")))
    assert not clean.streaks(page).any()
    page = page.copy()
    row = page.shape[0] // 40  # in the top margin
    page[row, :] = 0  # one streak from edge to edge
    assert clean.streaks(page)[row].all()


# A line of nothing but marks and Latin letters is grain read as text (`:`, `-`, `EE`, `CS`).
_JUNK = re.compile(r"^[\s\W_A-Za-z0-9]+$")


def test_a_copy_of_a_copy_reads_without_the_grain(ruled):
    reading = scanpage.read_image(scanned(ruled, COPY), OcrSettings())
    lines = [ln for ln in reading.text.splitlines() if ln.strip()]
    junk = [ln for ln in lines if _JUNK.match(ln)]
    assert len(junk) <= 1, junk
    assert corpus_cer([reading.text], [ruled.text]) <= 0.08


def test_only_grainy_paper_is_whitened(ruled):
    """A copy of a copy is grainy; a clean scan and a fax are not (whitening would erase a
    fax's faint dots)."""
    from samples.degrade import FAX

    def grain(image: Image.Image) -> bool:
        return clean.grainy(clean.flatten(np.asarray(image)))

    assert grain(scanned(ruled, COPY))
    assert not grain(scanned(ruled, FAMILY_SCAN))
    assert not grain(scanned(ruled, FAX))
