"""Rules a 200-dpi fax or copy leaves too short or too faint for the rule morphology.

The page is drawn here (A4 at 300 dpi, the size the pipeline reads scans at), so the truth is
the drawing: a ruled table whose header row (59 px, a small face) stands above a full-width
section row, so that its column rules exist only inside it; a responsible column whose rule
under one cell is a fax's dotted 0.5-pt rule beside a supervisor cell merged over two rows; and
a real merged cell with a line of "text" (letter-sized blobs) lying across the row line.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from PIL import Image

from ocr import scan
from ocr.faintrules import faint_rules
from ocr.grid import find_tables

W, H = 2482, 3509
XS = (200, 420, 1250, 1800, 2300)  # number, criterion, supervisor, responsible
HEADER = (400, 459)  # 59 px: shorter than the vertical rule kernel (1/50 of 3509 = 70 px)
SECTION = (459, 540)
ROWS = (540, 800, 1060, 1320)


def _page() -> np.ndarray:
    page = np.full((H, W), 255, np.uint8)
    x0, x1 = XS[0], XS[-1]
    for y in (HEADER[0], HEADER[1], SECTION[1], *ROWS[1:]):
        page[y - 1 : y + 2, x0:x1] = 0
    # Between the body rows the supervisor cell is merged over rows 0-1 and 1-2: the row
    # rule at ROWS[1] stops short of it; the responsible column's piece there is dotted.
    y = ROWS[1]
    page[y - 1 : y + 2, XS[2] : XS[3]] = 255
    page[y - 1 : y + 2, XS[3] : XS[4]] = 255
    for x in range(XS[3] + 4, XS[4] - 4, 10):  # 2-px dots 8 px apart, as a fax leaves them
        page[y - 1 : y + 1, x : x + 2] = 0
    # Column rules: in the header (59 px), none in the section row, all down the body.
    for x in XS:
        page[HEADER[0] : HEADER[1] + 1, x - 1 : x + 2] = 0
        page[SECTION[1] : ROWS[-1] + 1, x - 1 : x + 2] = 0
    for x in (XS[0], XS[-1]):
        page[HEADER[0] : ROWS[-1] + 1, x - 1 : x + 2] = 0
    # Text: letter-sized blobs in every cell, and in the merged supervisor cell a line of
    # them straddling the row line it has no rule on.
    rng = np.random.default_rng(3)
    for top in (HEADER[0], SECTION[0], *ROWS[:-1]):
        for a, b in pairwise(XS):
            _text(page, a + 20, min(b - 20, a + 400), top + 12, rng)
    _text(page, XS[2] + 20, XS[3] - 20, ROWS[1] - 18, rng)
    return page


def _text(page: np.ndarray, a: int, b: int, top: int, rng: np.random.Generator) -> None:
    x = a
    while x + 20 < b:
        w, h = int(rng.integers(14, 22)), int(rng.integers(22, 34))
        page[top : top + h, x : x + 3] = 0
        page[top : top + 3, x : x + w] = 0
        page[top + h - 3 : top + h, x : x + w] = 0
        page[top : top + h, x + w - 3 : x + w] = 0
        x += w + int(rng.integers(4, 9))


def _cells() -> set[tuple[int, int, int, int]]:
    tables = scan.analyse(Image.fromarray(_page())).tables
    assert len(tables) == 1
    return {(c.row, c.col, c.row_span, c.col_span) for c in tables[0].cells}


def test_a_short_header_row_keeps_its_column_rules() -> None:
    cells = _cells()
    assert {(0, c, 1, 1) for c in range(4)} <= cells  # the header: four cells, not one
    assert (1, 0, 1, 4) in cells  # the section row across the table


def test_a_dotted_rule_splits_a_cell_but_text_across_a_merged_cell_does_not() -> None:
    cells = _cells()
    assert (2, 3, 1, 1) in cells and (3, 3, 1, 1) in cells  # responsible: two cells
    assert (2, 2, 2, 1) in cells  # supervisor: merged over both rows, text across its line


def test_faint_rules_are_looked_for_on_the_row_lines_of_merged_cells_only() -> None:
    # The grid as the morphology left it: no rule at ROWS[1] right of the criterion column,
    # so supervisor and responsible are each one cell over two rows. In the ink, the
    # responsible cell has a dotted rule there (3-px dots 2 px apart, a step of 3 px
    # half-way), the supervisor cell a line of text across it.
    page = _page()
    hrules = [(XS[0], y - 1, XS[-1], y + 2) for y in (HEADER[0], HEADER[1], SECTION[1],
                                                       ROWS[0], ROWS[2], ROWS[3])]
    hrules.append((XS[0], ROWS[1] - 1, XS[2], ROWS[1] + 2))
    vrules = [(x - 1, SECTION[1], x + 2, ROWS[-1]) for x in XS]
    tables = find_tables(hrules, vrules, [], W, H)
    merged = {(c.row, c.col) for c in tables[0].cells if c.row_span > 1}
    assert merged == {(2, 2), (2, 3)}
    y = ROWS[1]
    page[y - 2 : y + 3, XS[3] : XS[4]] = 255
    for x in range(XS[3] + 4, XS[4] - 4, 5):
        dy = 0 if x < (XS[3] + XS[4]) // 2 else 3
        page[y + dy : y + dy + 2, x : x + 3] = 0
    ink = ((page < 128) * 255).astype(np.uint8)
    found = faint_rules(tables, ink)
    assert len(found) == 1
    x0, top, x1, bottom = found[0]
    assert abs(x0 - XS[3]) <= 2 and abs(x1 - XS[4]) <= 2 and abs((top + bottom) / 2 - y) <= 4
