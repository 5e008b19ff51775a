"""Rules a fax or a copy broke too badly for the morphology, looked for where the grid says a
rule may stand: inside a merged cell, on the table's own row lines.

The morphology keeps a horizontal rule only when a long enough piece of it is solid, and the
grid keeps a piece only when it spans a good share of the table (`grid.MIN_PIECE`): the rule
under one cell of a narrow column (a number, a responsible officer beside a merged supervisor
cell), thinned into dots by a fax or broken at a step of its scan lines, was lost, and the two
rows of that column became one merged cell (dev ruled-0002 fax p3: items 2.2 and 2.3 as one;
ruled-0003 fax p4: two officers' cells as one). The row lines are known from the other columns,
so the question asked of the ink is narrow: does a thin line run across this cell at this
height? A text line crossing there does not pass: its ink goes on above and below the band.
"""

from __future__ import annotations

import numpy as np

from ocr.layout import Box, Table

# A thin line: ink within RULE_HALF px (at 300 dpi, scaled to the page) of one row, and none in
# the rows from CLEAR_FROM to CLEAR_TO px above and below it, over at least RULE_COVER of the
# cell's width (a fax's dotted 0.5-pt rule keeps 0.6-0.9 of its length; a text line crossing
# the band, whose letters rise and fall through it, keeps less than 0.1 once its ink above and
# below is required absent).
RULE_HALF = 1.5 / 3509
CLEAR_FROM = 4 / 3509
CLEAR_TO = 8 / 3509
RULE_COVER = 0.5
# The row line is looked for this far (share of the page's long side) from where the grid
# puts it (a scanned rule steps a few pixels from one column to the next).
SEARCH = 6 / 3509
# The cell's ends are left out (the column rules and their anti-aliasing).
END_MARGIN = 0.08


def faint_rules(tables: list[Table], ink: np.ndarray) -> list[Box]:
    """Horizontal rules found in the ink (255 on 0) inside the ruled tables' merged cells."""
    height, width = ink.shape
    long_side = max(height, width)
    half = max(1, round(RULE_HALF * long_side))
    clear_from = max(half + 1, round(CLEAR_FROM * long_side))
    clear_to = max(clear_from + 1, round(CLEAR_TO * long_side))
    search = max(2, round(SEARCH * long_side))
    out: list[Box] = []
    for table in tables:
        if not table.ruled_columns:
            continue
        tops: dict[int, float] = {}
        for c in table.cells:
            tops.setdefault(c.row, c.box[1])
        for c in table.cells:
            if c.row_span < 2:
                continue
            x0, x1 = c.box[0], c.box[2]
            margin = END_MARGIN * (x1 - x0)
            a, b = int(x0 + margin), int(x1 - margin)
            if b - a < 4:
                continue
            for row in range(c.row + 1, c.row + c.row_span):
                if row not in tops:
                    continue
                y = _thin_line(ink, tops[row], a, b, half, clear_from, clear_to, search)
                if y is not None:
                    out.append((float(x0), y - half, float(x1), y + half))
    return out


def _thin_line(ink: np.ndarray, y: float, a: int, b: int, half: int, clear_from: int,
               clear_to: int, search: int) -> float | None:
    """The height near `y` where a thin line crosses columns a..b, or None."""
    height = ink.shape[0]
    lo, hi = int(y) - search - clear_to, int(y) + search + clear_to + 1
    if lo < 0 or hi > height:
        return None
    strip = ink[lo:hi, a:b] > 0
    best, best_y = 0.0, None
    for k in range(clear_to + 0, clear_to + 2 * search + 1):
        band = strip[k - half : k + half + 1].any(axis=0)
        above = strip[k - clear_to : k - clear_from + 1].any(axis=0)
        below = strip[k + clear_from : k + clear_to + 1].any(axis=0)
        cover = float((band & ~above & ~below).mean())
        if cover > best:
            best, best_y = cover, float(lo + k)
    return best_y if best >= RULE_COVER else None
