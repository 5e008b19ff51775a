"""Thin rules a copy of a copy broke into dashes, in a table drawn with horizontal rules only.

A 0.5-pt rule between two rows, copied twice, fades in patches: what is left of it is a row of
dashes, each shorter than any rule, together covering a third to a half of the table's width
(dev norules-0006 copy: six of the eleven rules of a page). Left out, the rows on both sides of
the rule were one row, read as one item. The page is the one-page table of `test_layout`
rendered with WeasyPrint; the rules between its body rows are faded in patches on the clean
200-dpi raster (where they are is known), then the page is copied by the generator's own copy
degradation (`samples/degrade.py`).
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from rapidfuzz import fuzz

from ocr import scan, scanpage
from ocr.tesseract import OcrSettings
from samples.degrade import COPY, degrade, rasterise
from tests.test_layout import ROWS, SUPERVISOR, TableDoc, render_table

# Dashes and gaps (pixels at 200 dpi) a faded rule keeps and loses, drawn in turn.
DASH = (90, 200)
GAP = (60, 170)


def _rule_rows(page: np.ndarray) -> list[tuple[int, int]]:
    """The (first, last) pixel rows of each horizontal rule of the clean raster."""
    dark = (page < 128).mean(axis=1) > 0.5
    out: list[tuple[int, int]] = []
    for y in np.nonzero(dark)[0]:
        if out and y <= out[-1][1] + 1:
            out[-1] = (out[-1][0], int(y))
        else:
            out.append((int(y), int(y)))
    return out


def faded_copy(doc: TableDoc, seed: int = 3) -> tuple[Image.Image, int]:
    """The page copied with the rules between its body rows faded to dashes; and how many
    rules were faded."""
    page = np.asarray(rasterise(doc.path.read_bytes(), COPY.dpi)[0]).copy()
    rules = _rule_rows(page)
    # The top rule, the rules of the two-level header and the section row stay whole; the
    # rules under the three body rows but the last (the table's bottom) fade.
    body = rules[-len(ROWS) : -1]
    cols = np.nonzero(page[body[0][0]] < 128)[0]
    x0, x1 = int(cols.min()), int(cols.max())
    rng = np.random.default_rng(seed)
    for top, bottom in body:
        x = x0 + int(rng.integers(*GAP))
        page[top - 1 : bottom + 2, x0:x] = 255
        while x < x1:
            x += int(rng.integers(*DASH))
            gap = int(rng.integers(*GAP))
            page[top - 1 : bottom + 2, x : min(x + gap, x1 + 1)] = 255
            x += gap
    copied = degrade(Image.fromarray(page), COPY, seed=11)
    buffer = io.BytesIO()
    copied.save(buffer, format="JPEG", quality=COPY.jpeg_quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L"), len(body)


@pytest.fixture(scope="module")
def unruled(tmp_path_factory) -> TableDoc:
    return render_table(tmp_path_factory.mktemp("dashes") / "nr.pdf", vertical_rules=False,
                        merged=False)


@pytest.fixture(scope="module")
def copied(unruled) -> Image.Image:
    image, faded = faded_copy(unruled)
    assert faded == len(ROWS) - 1
    return image


def test_rules_faded_to_dashes_still_part_the_rows(copied):
    geometry = scan.analyse(copied)
    assert len(geometry.tables) == 1
    table = geometry.tables[0]
    assert not table.ruled_columns
    # Two header rows, the section row and one row per item, as typeset.
    assert table.rows == 3 + len(ROWS)
    for r in range(3, 3 + len(ROWS)):
        assert [c.col for c in table.row_cells(r)] == [0, 1, 2, 3]
        assert all(c.row_span == 1 for c in table.row_cells(r))


def test_each_item_row_reads_its_own_number_and_names(copied):
    """Every item row holds its own number and its own names: the supervisor (written in every
    row) once, and each responsible officer of the row (read with a letter's slack)."""
    reading = scanpage.read_image(copied, OcrSettings())
    table = reading.layout.tables[0]
    family = SUPERVISOR.split()[1]
    for i, (number, _, names) in enumerate(ROWS):
        r = 3 + i
        assert table.covering(r, 0).text.strip() == number
        assert table.covering(r, 2).text.replace("\n", "").count(family) == 1
        responsible = table.covering(r, 3).text.replace("\n", "")
        for name in names:
            given = name.split()[0]
            assert fuzz.partial_ratio(given, responsible) >= 85
