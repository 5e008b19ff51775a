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
from dataclasses import dataclass
from itertools import pairwise

from ocr.columns import columns_from_words
from ocr.layout import Box, Cell, Table, Word

# Rules closer than this (fraction of the page's longer side) are one grid line.
SNAP = 0.004
# A rule covering at least this share of a cell edge separates the two cells.
MIN_COVER = 0.5
# Horizontal rules whose ends differ by less than this (share of page width) belong together.
EXTENT_TOL = 0.04
# A stack of horizontal rules with a gap taller than this (share of page height) is two tables.
MAX_ROW = 0.45
# A horizontal rule inside a table is at least this share of the table's width.
MIN_PIECE = 0.12
# A thin rule a copy broke into dashes: at least DASHED_PIECES collinear pieces, each shorter
# than MIN_PIECE, together covering DASHED_COVER of the table's width and spread over
# DASHED_SPAN of it (a 0.5-pt rule of a dev copy kept 0.27-0.60 of its length).
DASHED_PIECES = 3
DASHED_COVER = 0.25
DASHED_SPAN = 0.6
# A rule covering this share of the table's width is whole (no dashes to bridge).
MIN_COVER_FULL = 0.9
# A gap between a dashed rule's pieces is bridged unless it covers this share of a column
# between two column rules (there the rule is missing on purpose: a merged cell).
MERGED_GAP = 0.8



@dataclass(frozen=True)
class _Segment:
    pos: float  # y of a horizontal rule, x of a vertical one
    lo: float  # start along the rule
    hi: float  # end along the rule


def _segments(rules: Iterable[Box], horizontal: bool) -> list[_Segment]:
    out = []
    for x0, top, x1, bottom in rules:
        if horizontal:
            out.append(_Segment((top + bottom) / 2, x0, x1))
        else:
            out.append(_Segment((x0 + x1) / 2, top, bottom))
    return out


def _joined(segs: list[_Segment], tol: float) -> list[_Segment]:
    """Collinear segments that touch end to end as one rule (cell borders drawn cell by cell,
    a rule broken by a scan).

    Segments are grouped by position first (a chain of positions each within `tol` of the
    next), then joined along the rule in order of their starts: two pieces of one rule whose
    positions differ by a pixel are never sorted apart (which lost the upper piece of a rule
    broken in two on a fax).

    >>> [(s.lo, s.hi) for s in _joined([_Segment(1720, 172, 2669), _Segment(1719, 2723, 3291)],
    ...                                   14)]
    [(172, 2669), (2723, 3291)]
    >>> [(s.lo, s.hi) for s in _joined([_Segment(10, 50, 100), _Segment(11, 0, 55)], 3)]
    [(0, 100)]
    """
    out: list[_Segment] = []
    groups: list[list[_Segment]] = []
    for seg in sorted(segs, key=lambda s: s.pos):
        if groups and seg.pos - groups[-1][-1].pos <= tol:
            groups[-1].append(seg)
        else:
            groups.append([seg])
    for group in groups:
        run: list[_Segment] = []
        for seg in sorted(group, key=lambda s: s.lo):
            last = run[-1] if run else None
            if last and seg.lo <= last.hi + tol:
                run[-1] = _Segment((last.pos + seg.pos) / 2, last.lo, max(last.hi, seg.hi))
            else:
                run.append(seg)
        out += run
    return out


def _snap(values: Iterable[float], tol: float) -> list[float]:
    """Cluster positions closer than `tol`; one mean per cluster, ascending."""
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= tol:
            groups[-1].append(v)
        else:
            groups.append([v])
    return [sum(g) / len(g) for g in groups]


def _cover(segs: Sequence[_Segment], pos: float, lo: float, hi: float, tol: float) -> float:
    """Share of [lo, hi] covered by segments lying at `pos` (within tol)."""
    spans = sorted((max(s.lo, lo), min(s.hi, hi)) for s in segs if abs(s.pos - pos) <= tol)
    covered, end = 0.0, lo
    for a, b in spans:
        if b <= end or b <= a:  # b <= a: the segment lies outside [lo, hi]
            continue
        a = max(a, end)
        covered += b - a
        end = b
    return covered / max(hi - lo, 1e-6)


def _components(
    hsegs: list[_Segment], vsegs: list[_Segment], width: float, height: float, tol: float
) -> list[tuple[list[_Segment], list[_Segment]]]:
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

    def touch(h: _Segment, v: _Segment) -> bool:
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
    groups: dict[int, tuple[list[_Segment], list[_Segment]]] = {}
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
    hsegs = _joined(_segments(hrules, True), tol)
    vsegs = _joined(_segments(vrules, False), tol)
    short_v = _segments(short_vrules, False)
    in_cells = _segments(cell_rules, True)
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
        dashed = _dashed(hsegs, rows_h, x0, x1, top, bottom, tol)
        ys = _snap([s.pos for s in rows_h] + [g[0].pos for g in dashed], tol)
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
        xs = _snap([*edges, *(s.pos for s in inner_v)], tol)
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
            full = [y for y in ys[1:] if _cover(rows_h, y, x0, x1, tol) >= MIN_COVER_FULL]
            header_bottom = min(full) if full else ys[1]
            xs = columns_from_words(ys, x0, x1, inside, header_bottom)
            if len(xs) < 3:
                continue  # rules with text between them, but no columns: ruled paper
            vsegs_t = _virtual_rules(ys, xs, inside)
        else:
            vsegs_t = [*inner_v, _Segment(x0, top, bottom), _Segment(x1, top, bottom),
                       *_band_rules(short_v, xs, ys, tol)]
        # Without column rules a merged cell cannot be told from a faded stretch of the rule.
        rows_h = rows_h + [s for g in dashed for s in _bridged(g, xs if ruled else [], x0, x1)]
        if ruled:
            rows_h += [s for s in in_cells if top < s.pos < bottom and x0 - tol <= s.lo
                       and s.hi <= x1 + tol]
        tables.append(_grid(ys, xs, rows_h, vsegs_t, tol, ruled))
    return tables


# A short vertical stroke closes a row when its ends lie within this share of SNAP of the row's
# rules (it touches both; a letter's stem stops short of them) ...
BAND_TOUCH = 0.35


def _band_rules(short: Sequence[_Segment], xs: Sequence[float], ys: Sequence[float],
                tol: float) -> list[_Segment]:
    """Pieces of column rules in rows shorter than the rule kernel: a short vertical stroke on
    one of the table's column lines that runs from one of its horizontal rules to the next.

    A header row above a full-width section row (a small table face: 59 px high at 300 dpi
    against a 70-px kernel) keeps its column rules only inside itself; without them the header
    was one cell across the table and its roles were lost (dev multiname-0003 copy and fax p2).

    >>> [(s.pos, s.lo, s.hi) for s in _band_rules(
    ...     [_Segment(101, 9, 51), _Segment(300, 15, 45), _Segment(160, 8, 52)],
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


def _dashed(hsegs: Sequence[_Segment], rows_h: Sequence[_Segment], x0: float, x1: float,
            top: float, bottom: float, tol: float) -> list[list[_Segment]]:
    """Rules between the table's rows that a copy broke into dashes: at one height, at least
    DASHED_PIECES collinear pieces (most too short to be a rule on their own) spread across
    the table and covering DASHED_COVER of its width, where no rule runs across it (a 0.5-pt
    rule of a copy of a copy faded in patches; left out, two rows were read as one item).

    >>> row = [_Segment(0, 0, 1000), _Segment(300, 0, 1000)]
    >>> dashes = [_Segment(150, a, a + 90) for a in range(40, 1000, 140)]
    >>> [len(g) for g in _dashed(row + dashes + [_Segment(100, 10, 90)], row, 0, 1000, 0, 300, 3)]
    [7]
    """
    width = x1 - x0
    pieces = sorted(
        (s for s in [*hsegs, *rows_h]
         if top + tol < s.pos < bottom - tol and s.lo >= x0 - tol and s.hi <= x1 + tol),
        key=lambda s: s.pos,
    )
    groups: list[list[_Segment]] = []
    for s in pieces:
        if groups and s.pos - groups[-1][-1].pos <= tol:
            if s not in groups[-1]:
                groups[-1].append(s)
        else:
            groups.append([s])
    out = []
    for g in groups:
        cover = _cover(g, g[0].pos, x0, x1, 2 * tol)
        if (len(g) >= DASHED_PIECES and DASHED_COVER <= cover < MIN_COVER_FULL
                and max(s.hi for s in g) - min(s.lo for s in g) >= DASHED_SPAN * width
                and any(s.hi - s.lo < MIN_PIECE * width for s in g)):
            out.append(g)
    return out


def _bridged(group: Sequence[_Segment], xs: Sequence[float], x0: float, x1: float
             ) -> list[_Segment]:
    """A dashed rule as the segments it draws: its pieces joined across their gaps (and to the
    table's edges), except where a gap covers most of a column between `xs` (column rules),
    the rule a merged cell lacks.

    >>> [(s.lo, s.hi) for s in _bridged([_Segment(5, 20, 80), _Segment(5, 120, 190)],
    ...                                 [0, 100, 200, 400], 0, 400)]
    [(0, 190)]
    >>> [(s.lo, s.hi) for s in _bridged([_Segment(5, 20, 80), _Segment(5, 220, 390)],
    ...                                 [0, 100, 200, 400], 0, 400)]
    [(0, 80), (220, 400)]
    """
    pos = sum(s.pos for s in group) / len(group)

    def missing(lo: float, hi: float) -> bool:
        return any(min(hi, b) - max(lo, a) >= MERGED_GAP * (b - a) for a, b in pairwise(xs))

    out: list[list[float]] = []
    end = x0
    for s in sorted(group, key=lambda s: s.lo):
        if out and not missing(end, s.lo):
            out[-1][1] = max(out[-1][1], s.hi)
        elif not out and not missing(x0, s.lo):
            out.append([x0, s.hi])
        else:
            out.append([s.lo, s.hi])
        end = max(end, s.hi)
    if not missing(end, x1):
        out[-1][1] = x1
    return [_Segment(pos, lo, hi) for lo, hi in out]


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


def _spans_band(seg: _Segment, ys: Sequence[float], tol: float) -> bool:
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
    hsegs: list[_Segment],
    vsegs: list[_Segment],
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
            if c + 1 < cols and _cover(vsegs, xs[c + 1], ys[r], ys[r + 1], tol) < MIN_COVER:
                union(r * cols + c, r * cols + c + 1)
            if r + 1 < rows and _cover(hsegs, ys[r + 1], xs[c], xs[c + 1], tol) < MIN_COVER:
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


def _virtual_rules(ys: list[float], xs: list[float], words: Sequence[Word]) -> list[_Segment]:
    """Vertical separators of an unruled table: a column boundary separates the cells of a row
    unless one of the row's words crosses it."""
    segs = []
    for r in range(len(ys) - 1):
        band = [w for w in words if ys[r] <= (w.box[1] + w.box[3]) / 2 <= ys[r + 1]]
        for x in xs:
            if not any(w.box[0] < x < w.box[2] for w in band):
                segs.append(_Segment(x, ys[r], ys[r + 1]))
    return segs
