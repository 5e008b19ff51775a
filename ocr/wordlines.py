"""Words into text lines, and table cells filled with the words whose centre lies in them.

Shared by the text-layer and the scan readers, after the grid is found (`ocr/grid.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

from ocr.layout import Table, TextLine, Word, wraps_of


def line_groups(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into text lines by vertical overlap, each line left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.box[1] + w.box[3]) / 2):
        cy = (w.box[1] + w.box[3]) / 2
        for line in lines:
            # Against the line's first word, not its growing extent: two header levels and
            # a cell spanning both must not melt into one line.
            top, bottom = line[0].box[1], line[0].box[3]
            if top <= cy <= bottom:
                line.append(w)
                break
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w.box[0]) for line in lines]


def lines_of(words: Sequence[Word], space: float | None = None) -> list[TextLine]:
    """Words as text lines, top to bottom, left to right.

    Words are joined by a space; with `space` set, only where the gap between them is wider than
    that many line heights (boxes of pieces of words).
    """
    out = []
    for line in line_groups(words):
        height = max(max(w.box[3] - w.box[1] for w in line), 1e-6)
        text = line[0].text
        for prev, w in pairwise(line):
            gap = w.box[0] - prev.box[2]
            text += (" " if space is None or gap > space * height else "") + w.text
        confs = [w.confidence for w in line if w.confidence is not None]
        box = (min(w.box[0] for w in line), min(w.box[1] for w in line),
               max(w.box[2] for w in line), max(w.box[3] for w in line))
        out.append(TextLine(text, box, round(sum(confs) / len(confs), 1) if confs else None))
    return out


def fill(tables: Sequence[Table], words: Sequence[Word], space: float | None = None
         ) -> tuple[list[Table], list[Word]]:
    """Give each cell the words whose centre lies in it; return the words outside tables."""
    outside: list[Word] = []
    by_cell: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        cx, cy = (w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2
        for ti, t in enumerate(tables):
            if not (t.box[0] <= cx <= t.box[2] and t.box[1] <= cy <= t.box[3]):
                continue
            for ci, c in enumerate(t.cells):
                if c.box[0] <= cx <= c.box[2] and c.box[1] <= cy <= c.box[3]:
                    by_cell.setdefault((ti, ci), []).append(w)
                    break
            break
        else:
            outside.append(w)
    filled = []
    for ti, t in enumerate(tables):
        cells = []
        for ci, c in enumerate(t.cells):
            lines = lines_of(by_cell.get((ti, ci), []), space)
            confs = [ln.confidence for ln in lines if ln.confidence is not None]
            cells.append(replace(
                c, text="\n".join(ln.text for ln in lines),
                confidence=round(sum(confs) / len(confs), 1) if confs else None,
                wraps=wraps_of(lines, c.box[2]),
            ))
        filled.append(replace(t, cells=tuple(cells)))
    return filled, outside
