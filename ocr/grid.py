"""Tables from geometry: ruling lines and word (or ink) boxes in, cells with spans out.

Pure geometry, shared by the text-layer and the scan readers:
- a table is a stack of horizontal rules of about the same extent;
- grid lines are the rules' positions; two neighbouring grid cells are one merged cell where the
  rule between them is missing (covers less than half of their common edge);
- a table without inner vertical rules gets its columns from the header rows: the gaps between
  the header's word clusters, narrowed to where the body's words leave the x-axis empty; a row
  whose words cross such a column boundary (a section heading, a two-level header) spans it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise

from ocr.columns import columns_from_words
from ocr.gridrules import (
    MIN_COVER_FULL,
    MIN_PIECE,
    Segment,
    bridged,
    cover,
    dashed,
    joined,
    segments,
    snap,
)
from ocr.layout import Box, Cell, Table, Word

# Rules closer than this (fraction of the page's longer side) are one grid line.
SNAP = 0.004
# A rule covering at least this share of a cell edge separates the two cells.
MIN_COVER = 0.5
# A gap along a horizontal rule narrower than this (share of the page's longer side; 3 mm) is
# the scan's, not the table's: a fax's dropout line crossing the skewed rule cut a 21-px (300
# dpi) gap into the top rule of dev multiname-0005 fax p4, the header row fell out of the table
# and the supervisor and responsible columns lost their labels (roles read swapped). A rule is
# missing on purpose only over a whole cell, and no column is that narrow.
BRIDGE = 0.01
# Horizontal rules whose ends differ by less than this (share of page width) belong together.
EXTENT_TOL = 0.04
# A stack of horizontal rules with a gap taller than this (share of page height) is two tables.
MAX_ROW = 0.45


def _components(
    hsegs: list[Segment], vsegs: list[Segment], width: float, height: float, tol: float
) -> list[tuple[list[Segment], list[Segment]]]:
    """Rules grouped into tables: rules that cross or touch are one table, and so are
    horizontal rules of about the same extent stacked without a big gap (a table without
    vertical rules)."""
    segs = [(True, s) for s in hsegs] + [(False, s) for s in vsegs]
    parent = list(range(len(segs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def touch(h: Segment, v: Segment) -> bool:
        return (h.lo - tol <= v.pos <= h.hi + tol) and (v.lo - tol <= h.pos <= v.hi + tol)

    for i, (hi_, a) in enumerate(segs):
        for j in range(i + 1, len(segs)):
            hj, b = segs[j]
            if hi_ != hj:
                joined = touch(a, b) if hi_ else touch(b, a)
            elif hi_:
                joined = (
                    abs(a.lo - b.lo) <= EXTENT_TOL * width
                    and abs(a.hi - b.hi) <= EXTENT_TOL * width
                    and abs(a.pos - b.pos) <= MAX_ROW * height
                    and a.hi - a.lo >= 0.15 * width
                )
            else:
                joined = False
            if joined:
                parent[find(i)] = find(j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for i, (horizontal, seg) in enumerate(segs):
        group = groups.setdefault(find(i), ([], []))
        group[0 if horizontal else 1].append(seg)
    return [g for g in groups.values() if len(g[0]) >= 2]


def find_tables(
    hrules: Iterable[Box],
    vrules: Iterable[Box],
    words: Sequence[Word] | Callable[[], Sequence[Word]],
    width: float,
    height: float,
    short_vrules: Iterable[Box] = (),
    cell_rules: Iterable[Box] = (),
) -> list[Table]:
    """Every table the rules draw, as cells (without text) with their spans.

    `words` (or a function making them, called only for a table without vertical rules) give
    the columns of unruled tables. `short_vrules`: vertical strokes too short to be taken for
    rules on their own (`_band_rules` keeps those that close a row on a column line).
    `cell_rules`: horizontal rules found inside cells (`ocr.faintrules`), however short.
    """
    tol = SNAP * max(width, height)
    hsegs = joined(segments(hrules, True), tol, max(tol, BRIDGE * max(width, height)))
    vsegs = joined(segments(vrules, False), tol)
    short_v = segments(short_vrules, False)
    in_cells = segments(cell_rules, True)
    tables = []
    for rows_h, inner_v in _components(hsegs, vsegs, width, height, tol):
        x0 = min(s.lo for s in rows_h + inner_v)
        x1 = max(s.hi for s in rows_h)
        top = min(s.pos for s in rows_h)
        bottom = max(s.pos for s in rows_h)
        if x1 - x0 < 0.15 * width:
            continue
        # Pieces shorter than a narrow column are no rules (a fax's streaks touch the border).
        rows_h = [s for s in rows_h if s.hi - s.lo >= MIN_PIECE * (x1 - x0)]
        if len(rows_h) < 2:
            continue
        top = min(s.pos for s in rows_h)
        bottom = max(s.pos for s in rows_h)
        # Shorter rules inside the table (under the upper level of a two-level header).
        rows_h = rows_h + [
            s for s in hsegs
            if s not in rows_h and top - tol <= s.pos <= bottom + tol
            and s.hi - s.lo >= MIN_PIECE * (x1 - x0)
            and s.lo >= x0 - tol and s.hi <= x1 + tol
        ]
        dashes = dashed(hsegs, rows_h, x0, x1, top, bottom, tol)
        ys = snap([s.pos for s in rows_h] + [g[0].pos for g in dashes], tol)
        # A column rule runs from one horizontal rule to the next. A table none of whose
        # vertical strokes does (a copy's streaks, a letter's stem touching a rule) has no
        # vertical rules: its columns come from the words.
        if not any(_spans_band(s, ys, tol) for s in inner_v):
            inner_v = []
        # The table's edges, unless a border rule stands there (a scanned rule's end may run a
        # little past the border).
        borders = [s.pos for s in inner_v if s.hi - s.lo >= 0.5 * (bottom - top)]
        # A horizontal stroke running past the outer border (a fax streak, a scanner shadow)
        # does not widen the table.
        if borders and min(borders) - x0 < 0.1 * (x1 - x0):
            x0 = max(x0, min(borders))
        if borders and x1 - max(borders) < 0.1 * (x1 - x0):
            x1 = min(x1, max(borders))
        near = max(3 * tol, 0.03 * (x1 - x0))
        edges = [x for x in (x0, x1) if all(abs(b - x) > near for b in borders)
                 and all(abs(s.pos - x) > 3 * tol for s in inner_v)]
        xs = snap([*edges, *(s.pos for s in inner_v)], tol)
        if len(ys) < 2 or (len(ys) < 3 and len(xs) < 3):
            continue  # one rule, or a framed box: not a table
        ruled = len(xs) >= 3
        if not ruled:
            if callable(words):
                words = words()
            area = (x0 - tol, top - tol, x1 + tol, bottom + tol)
            inside = _no_specks([w for w in words if _inside(w.box, area)])
            # The header ends at the first rule across the whole table, counting the pieces of
            # a rule a fax or a copy broke (one piece of it alone is not across).
            full = [y for y in ys[1:] if cover(rows_h, y, x0, x1, tol) >= MIN_COVER_FULL]
            header_bottom = min(full) if full else ys[1]
            xs = columns_from_words(ys, x0, x1, inside, header_bottom)
            if len(xs) < 3:
                continue  # rules with text between them, but no columns: ruled paper
            vsegs_t = _virtual_rules(ys, xs, inside)
        else:
            vsegs_t = [*inner_v, Segment(x0, top, bottom), Segment(x1, top, bottom),
                       *_band_rules(short_v, xs, ys, tol)]
        # Without column rules a merged cell cannot be told from a faded stretch of the rule.
        rows_h = rows_h + [s for g in dashes for s in bridged(g, xs if ruled else [], x0, x1)]
        if ruled:
            rows_h += [s for s in in_cells if top < s.pos < bottom and x0 - tol <= s.lo
                       and s.hi <= x1 + tol]
        tables.append(_grid(ys, xs, rows_h, vsegs_t, tol, ruled))
    return tables


# A short vertical stroke closes a row when its ends lie within this share of SNAP of the row's
# rules (it touches both; a letter's stem stops short of them) ...
BAND_TOUCH = 0.35


def _band_rules(short: Sequence[Segment], xs: Sequence[float], ys: Sequence[float],
                tol: float) -> list[Segment]:
    """Pieces of column rules in rows shorter than the rule kernel: a short vertical stroke on
    one of the table's column lines that runs from one of its horizontal rules to the next.

    A header row above a full-width section row (a small table face: 59 px high at 300 dpi
    against a 70-px kernel) keeps its column rules only inside itself; without them the header
    was one cell across the table and its roles were lost (dev multiname-0003 copy and fax p2).

    >>> [(s.pos, s.lo, s.hi) for s in _band_rules(
    ...     [Segment(101, 9, 51), Segment(300, 15, 45), Segment(160, 8, 52)],
    ...     [0, 100, 200, 400], [10, 50, 300], 10)]
    [(101, 9, 51)]
    """
    touch = BAND_TOUCH * tol
    out = []
    for seg in short:
        if not any(abs(seg.pos - x) <= tol for x in xs[1:-1]):
            continue
        if any(seg.lo <= a + touch and seg.hi >= b - touch and seg.hi - seg.lo <= 2 * (b - a)
               for a, b in pairwise(ys)):
            out.append(seg)
    return out


# A word (or ink blob) no side of which reaches this share of the median word height is a speck.
SPECK = 0.3


def _no_specks(words: list[Word]) -> list[Word]:
    """The words without the specks: a fax's dots and a copy's dust, each a header "label" of
    its own, put column boundaries between the letters of a header (dev norules-0004 fax:
    nine columns for four).

    >>> [w.text for w in _no_specks([Word("a", (0, 0, 40, 30)), Word("b", (50, 0, 90, 32)),
    ...                              Word(".", (95, 20, 99, 24))])]
    ['a', 'b']
    """
    if not words:
        return words
    heights = sorted(w.box[3] - w.box[1] for w in words)
    least = SPECK * heights[len(heights) // 2]
    return [w for w in words if max(w.box[2] - w.box[0], w.box[3] - w.box[1]) >= least]


def _spans_band(seg: Segment, ys: Sequence[float], tol: float) -> bool:
    """Whether a vertical segment reaches from one horizontal rule to the next."""
    return any(
        seg.lo <= a + tol and seg.hi >= b - tol for a, b in pairwise(ys)
    )


def _inside(box: Box, area: Box) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return area[0] <= cx <= area[2] and area[1] <= cy <= area[3]


def _grid(
    ys: list[float],
    xs: list[float],
    hsegs: list[Segment],
    vsegs: list[Segment],
    tol: float,
    ruled: bool,
) -> Table:
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and cover(vsegs, xs[c + 1], ys[r], ys[r + 1], tol) < MIN_COVER:
                union(r * cols + c, r * cols + c + 1)
            if r + 1 < rows and cover(hsegs, ys[r + 1], xs[c], xs[c + 1], tol) < MIN_COVER:
                union(r * cols + c, (r + 1) * cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(cols):
            groups.setdefault(find(r * cols + c), []).append((r, c))
    cells = []
    for members in groups.values():
        for r0, c0, r1, c1 in _rectangles(members):
            cells.append(Cell(r0, c0, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]), "",
                              r1 - r0 + 1, c1 - c0 + 1))
    cells.sort(key=lambda c: (c.row, c.col))
    return Table((xs[0], ys[0], xs[-1], ys[-1]), rows, cols, tuple(cells), ruled)


def _rectangles(members: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """A group of grid cells joined by missing rules as rectangles (r0, c0, r1, c1): itself
    when it is one; else (a rule broken where a merged cell meets a full-width row, an L
    whose box would overlap other cells) its runs along each row, stacked where the runs of
    neighbouring rows are the same.

    >>> _rectangles([(0, 0), (0, 1), (1, 0), (1, 1)])
    [(0, 0, 1, 1)]
    >>> _rectangles([(0, 3), (1, 3), (2, 0), (2, 1), (2, 2), (2, 3)])
    [(0, 3, 1, 3), (2, 0, 2, 3)]
    """
    r0, r1 = min(r for r, _ in members), max(r for r, _ in members)
    c0, c1 = min(c for _, c in members), max(c for _, c in members)
    if len(set(members)) == (r1 - r0 + 1) * (c1 - c0 + 1):
        return [(r0, c0, r1, c1)]
    runs: list[tuple[int, int, int]] = []  # (row, first col, last col)
    for r in sorted({r for r, _ in members}):
        cols = sorted(c for rr, c in members if rr == r)
        start = prev = cols[0]
        for c in cols[1:]:
            if c != prev + 1:
                runs.append((r, start, prev))
                start = c
            prev = c
        runs.append((r, start, prev))
    out: list[list[int]] = []
    for r, a, b in runs:
        above = next((o for o in out if o[2] == r - 1 and o[1] == a and o[3] == b), None)
        if above is not None:
            above[2] = r
        else:
            out.append([r, a, r, b])
    return [(o[0], o[1], o[2], o[3]) for o in out]


def _virtual_rules(ys: list[float], xs: list[float], words: Sequence[Word]) -> list[Segment]:
    """Vertical separators of an unruled table: a column boundary separates the cells of a row
    unless one of the row's words crosses it."""
    segs = []
    for r in range(len(ys) - 1):
        band = [w for w in words if ys[r] <= (w.box[1] + w.box[3]) / 2 <= ys[r + 1]]
        for x in xs:
            if not any(w.box[0] < x < w.box[2] for w in band):
                segs.append(Segment(x, ys[r], ys[r + 1]))
    return segs
