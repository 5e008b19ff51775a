"""Rules as segments for the grid (`ocr.grid`): pieces of one rule joined, positions snapped,
how much of an edge the rules cover, and thin rules a copy broke into dashes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

from ocr.layout import Box

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
class Segment:
    pos: float  # y of a horizontal rule, x of a vertical one
    lo: float  # start along the rule
    hi: float  # end along the rule


T = TypeVar("T")


def chains(items: Iterable[T], pos: Callable[[T], float], tol: float) -> list[list[T]]:
    """Items in order of `pos`, grouped into chains whose neighbours lie within `tol`.

    >>> chains([5, 1, 2, 9, 3], float, 1)
    [[1, 2, 3], [5], [9]]
    """
    groups: list[list[T]] = []
    for item in sorted(items, key=pos):
        if groups and pos(item) - pos(groups[-1][-1]) <= tol:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def segments(rules: Iterable[Box], horizontal: bool) -> list[Segment]:
    out = []
    for x0, top, x1, bottom in rules:
        if horizontal:
            out.append(Segment((top + bottom) / 2, x0, x1))
        else:
            out.append(Segment((x0 + x1) / 2, top, bottom))
    return out


def joined(segs: list[Segment], tol: float, bridge: float | None = None) -> list[Segment]:
    """Collinear segments that touch end to end as one rule (cell borders drawn cell by cell,
    a rule broken by a scan).

    Segments are grouped by position first (a chain of positions each within `tol` of the
    next), then joined along the rule in order of their starts: two pieces of one rule whose
    positions differ by a pixel are never sorted apart (which lost the upper piece of a rule
    broken in two on a fax).

    >>> [(s.lo, s.hi) for s in joined([Segment(1720, 172, 2669), Segment(1719, 2723, 3291)],
    ...                                   14)]
    [(172, 2669), (2723, 3291)]
    >>> [(s.lo, s.hi) for s in joined([Segment(10, 50, 100), Segment(11, 0, 55)], 3)]
    [(0, 100)]

    `bridge` (default `tol`): the widest gap along the rule that is closed.

    >>> [(s.lo, s.hi) for s in joined([Segment(185, 193, 2117), Segment(186, 2138, 2287)],
    ...                                   14, 35)]
    [(193, 2287)]
    """
    bridge = tol if bridge is None else bridge
    out: list[Segment] = []
    for group in chains(segs, _pos, tol):
        run: list[Segment] = []
        for seg in sorted(group, key=lambda s: s.lo):
            last = run[-1] if run else None
            if last and seg.lo <= last.hi + bridge:
                run[-1] = Segment((last.pos + seg.pos) / 2, last.lo, max(last.hi, seg.hi))
            else:
                run.append(seg)
        out += run
    return out


def snap(values: Iterable[float], tol: float) -> list[float]:
    """Cluster positions closer than `tol`; one mean per cluster, ascending."""
    return [sum(g) / len(g) for g in chains(values, float, tol)]


def _pos(seg: Segment) -> float:
    return seg.pos


def cover(segs: Sequence[Segment], pos: float, lo: float, hi: float, tol: float) -> float:
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


def dashed(hsegs: Sequence[Segment], rows_h: Sequence[Segment], x0: float, x1: float,
           top: float, bottom: float, tol: float) -> list[list[Segment]]:
    """Rules between the table's rows that a copy broke into dashes: at one height, at least
    DASHED_PIECES collinear pieces (most too short to be a rule on their own) spread across
    the table and covering DASHED_COVER of its width, where no rule runs across it (a 0.5-pt
    rule of a copy of a copy faded in patches; left out, two rows were read as one item).

    >>> row = [Segment(0, 0, 1000), Segment(300, 0, 1000)]
    >>> dashes = [Segment(150, a, a + 90) for a in range(40, 1000, 140)]
    >>> [len(g) for g in dashed(row + dashes + [Segment(100, 10, 90)], row, 0, 1000, 0, 300, 3)]
    [7]
    """
    width = x1 - x0
    # Each piece once: the table's own rows are among all the page's rules.
    pieces = dict.fromkeys(
        s for s in [*hsegs, *rows_h]
        if top + tol < s.pos < bottom - tol and s.lo >= x0 - tol and s.hi <= x1 + tol)
    out = []
    for g in chains(pieces, _pos, tol):
        share = cover(g, g[0].pos, x0, x1, 2 * tol)
        if (len(g) >= DASHED_PIECES and DASHED_COVER <= share < MIN_COVER_FULL
                and max(s.hi for s in g) - min(s.lo for s in g) >= DASHED_SPAN * width
                and any(s.hi - s.lo < MIN_PIECE * width for s in g)):
            out.append(g)
    return out


def bridged(group: Sequence[Segment], xs: Sequence[float], x0: float, x1: float
            ) -> list[Segment]:
    """A dashed rule as the segments it draws: its pieces joined across their gaps (and to the
    table's edges), except where a gap covers most of a column between `xs` (column rules),
    the rule a merged cell lacks.

    >>> [(s.lo, s.hi) for s in bridged([Segment(5, 20, 80), Segment(5, 120, 190)],
    ...                                 [0, 100, 200, 400], 0, 400)]
    [(0, 190)]
    >>> [(s.lo, s.hi) for s in bridged([Segment(5, 20, 80), Segment(5, 220, 390)],
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
    return [Segment(pos, lo, hi) for lo, hi in out]
