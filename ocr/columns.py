"""Column boundaries of a table drawn with horizontal rules only, from its words.

The header (down to the first rule across the whole table) names the columns: the gaps between
its word clusters, line by line, are where boundaries may be; within each such gap the boundary
is put where the fewest body rows have a word. An upper-level label over several columns
(มอบหมายดำเนินการ) names no column of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from ocr.layout import Word
from ocr.wordlines import line_groups

# Header word clusters: words closer than this many line heights belong to one header cell.
HEADER_GAP = 1.0


def _clusters(line: list[Word], gap: float) -> list[tuple[float, float]]:
    """x-extents of runs of words no further apart than `gap`."""
    out: list[list[float]] = []
    for w in line:
        if out and w.box[0] - out[-1][1] <= gap:
            out[-1][1] = max(out[-1][1], w.box[2])
        else:
            out.append([w.box[0], w.box[2]])
    return [(a, b) for a, b in out]


def columns_from_words(
    ys: list[float], x0: float, x1: float, words: Sequence[Word], header_bottom: float
) -> list[float]:
    """Column boundaries of a table drawn with horizontal rules only.

    The header (down to the first rule across the whole table) names the columns: the gaps
    between its word clusters, line by line, are where boundaries may be; within each such gap
    the boundary is put where the fewest body rows have a word.
    """
    header = [w for w in words if ys[0] <= (w.box[1] + w.box[3]) / 2 <= header_bottom]
    body = [w for w in words if (w.box[1] + w.box[3]) / 2 > header_bottom]
    if not header:
        return [x0, x1]
    found: list[tuple[int, float, float]] = []  # (line, x0, x1) of each header cell's words
    for index, line in enumerate(line_groups(header)):
        height = max(w.box[3] - w.box[1] for w in line)
        found += [(index, a, b) for a, b in _clusters(line, HEADER_GAP * height)]
    # An upper-level label over several columns (มอบหมายดำเนินการ) overlaps the labels of the
    # level below: it names no column of its own.
    bands = [
        [w for w in body if ys[r] <= (w.box[1] + w.box[3]) / 2 <= ys[r + 1]]
        for r in range(len(ys) - 1) if ys[r] >= header_bottom - 1e-6
    ]
    cells = sorted(
        (a, b) for index, a, b in found
        if sum(1 for j, c, d in found if j != index and c < b and a < d) < 2
        and not _group_label(index, a, b, found, bands)
    )
    merged: list[list[float]] = []
    for a, b in cells:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    gaps = [(a[1], b[0]) for a, b in pairwise(merged)]
    bounds: list[float] = []
    for lo, hi in sorted(gaps):
        x = _emptiest(lo, hi, bands)
        if all(abs(x - b) > (hi - lo) / 2 for b in bounds):
            bounds.append(x)
    return [x0, *sorted(bounds), x1]


def _group_label(index: int, a: float, b: float, found: Sequence[tuple[int, float, float]],
                 bands: Sequence[Sequence[Word]]) -> bool:
    """Whether the header cluster [a, b] of line `index` is an upper-level label standing over
    the columns of a line below it (มอบหมายดำเนินการ, narrower than the gap between the wide
    role columns it stands over): that line has a label on each side of it and none under it,
    and the body's words run across one of its edges, so no column can end there. (A label
    between the wrapped halves of its neighbours' labels has columns ending at both edges.)"""
    for line in {j for j, _, _ in found if j > index}:
        below = [(c, d) for j, c, d in found if j == line]
        if any(c < b and a < d for c, d in below):
            continue
        left = [(c, d) for c, d in below if d <= a]
        right = [(c, d) for c, d in below if c >= b]
        if not left or not right:
            continue
        # The labels it stands over sit under nothing on its own line: they are whole labels
        # of the lower level, not the wrapped halves of labels that begin on its line, so the
        # label is a group over them whatever the body's words do (short names leave its
        # edges uncrossed).
        near = (max(left, key=lambda e: e[1]), min(right, key=lambda e: e[0]))
        if not any(c < nd and nc < d for nc, nd in near for j, c, d in found if j == index
                   and (c, d) != (a, b)):
            return True
        if not bands:
            continue
        for lo, hi in ((max(e[1] for e in left), a), (b, min(e[0] for e in right))):
            if hi > lo and _fewest_crossing(lo, hi, bands) > len(bands) / 2:
                return True
    return False


def _crossings(lo: float, hi: float, bands: Sequence[Sequence[Word]]) -> list[tuple[float, int]]:
    """For points across [lo, hi]: how many table rows have a word running across the point."""
    steps = 200
    xs = [lo + (hi - lo) * (i + 0.5) / steps for i in range(steps)]
    return [(x, sum(1 for band in bands if any(w.box[0] < x < w.box[2] for w in band)))
            for x in xs]


def _fewest_crossing(lo: float, hi: float, bands: Sequence[Sequence[Word]]) -> int:
    return min(c for _, c in _crossings(lo, hi, bands))


def _emptiest(lo: float, hi: float, bands: Sequence[Sequence[Word]]) -> float:
    """The middle of the widest x-stretch within [lo, hi] crossed by the fewest table rows.

    Counted per row, so that one row whose words run across the gap (a section heading) does
    not hide the column boundary that all the other rows leave empty.
    """
    points = _crossings(lo, hi, bands)
    xs = [x for x, _ in points]
    counts = [c for _, c in points]
    least = min(counts)
    best: tuple[int, int] = (0, 0)  # (length, start index) of the widest run of `least`
    run = 0
    for i, c in enumerate(counts):
        run = run + 1 if c == least else 0
        if run > best[0]:
            best = (run, i - run + 1)
    return xs[best[1] + (best[0] - 1) // 2] if best[0] > 1 else xs[best[1]]
