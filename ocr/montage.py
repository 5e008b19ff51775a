"""Table cells read apart from each other in one engine run: their crops stacked in a column.

Read over the whole page, Tesseract's lines run across a table's columns, so a cell's words are
read in the company of the neighbouring cells' letters. Here every cell's ink is cut out and the
crops are stacked one under the other, a gap of paper between them, into one image read by one
run (no process per cell, no in-process API); each word read is moved back to the page by the
crop it lies in, and the cells are filled by their boxes as for a page run (`ocr.wordlines.fill`).
`OcrSettings(cells="stack")` turns it on; it is not the default, because it measured no better:
dev fax table pages, page CER / role-cell lines read exactly, page run -> stack: ruled-0001 p2+4
0.106 / 76 of 85 -> 0.084 / 71, ruled-0002 p3 0.068 / 33 of 41 -> 0.058 / 33, ruled-0003 p3
0.033 / 31 of 33 -> 0.050 / 32, ruled-0004 p3 0.041 / 39 of 41 -> 0.038 / 35, ruled-0006 p3
0.130 / 9 of 30 -> 0.130 / 11, multiname-0001 p3 0.073 / 21 of 40 -> 0.069 / 15, multiname-0002
p3 0.117 -> 0.241 / 18 of 40 both, multiname-0004 p3 0.093 -> 0.078 / 29 of 57 both,
norules-0001 p3 0.038 / 75 of 77 -> 0.037 / 72; the same time (one more engine run for the
text around the tables).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image

from ocr.layout import Box, Table, Word
from ocr.tesseract import OcrResult, OcrSettings, recognise_words

log = logging.getLogger(__name__)

# Cell boxes run along the rules' centres; crops start this far inside (the rule is erased).
INSET = 4
# Ink is darker than this (the cleaned page is white paper with grey or black ink).
INK = 160
# Paper kept around each crop's ink and between two crops, as shares of the page's long side
# (8 and 40 px on a 300-dpi A4): the gap is taller than a line's spacing, so no line of the
# engine runs from one crop into the next.
PAD = 1 / 440
GAP = 1 / 88


@dataclass(frozen=True)
class Piece:
    """One crop in the stack: where it lies in the stack and where it came from on the page."""

    top: int  # first row of the crop in the stack
    bottom: int  # one past its last row
    dx: float  # page x = stack x + dx
    dy: float  # page y = stack y + dy


def _crops(page: np.ndarray, tables: Sequence[Table], pad: int
           ) -> list[tuple[np.ndarray, int, int]]:
    """Each cell's ink with `pad` px of paper, and the page position of its top-left corner."""
    out = []
    h, w = page.shape
    for t in tables:
        for c in t.cells:
            x0, top = max(0, int(c.box[0]) + INSET), max(0, int(c.box[1]) + INSET)
            x1, bottom = min(w, int(c.box[2]) - INSET), min(h, int(c.box[3]) - INSET)
            if x1 <= x0 or bottom <= top:
                continue
            ink = page[top:bottom, x0:x1] < INK
            rows, cols = np.nonzero(ink.any(axis=1))[0], np.nonzero(ink.any(axis=0))[0]
            if not rows.size:
                continue  # an empty cell
            a, b = max(0, rows[0] - pad), min(bottom - top, rows[-1] + 1 + pad)
            c0, c1 = max(0, cols[0] - pad), min(x1 - x0, cols[-1] + 1 + pad)
            out.append((page[top + a : top + b, x0 + c0 : x0 + c1], x0 + c0, top + a))
    return out


def stack(page: np.ndarray, tables: Sequence[Table]) -> tuple[np.ndarray, list[Piece]]:
    """The cells' crops one under the other on white paper, and where each one came from.

    >>> page = np.full((200, 300), 255, np.uint8)
    >>> page[20:30, 40:80] = 0; page[120:130, 200:260] = 0
    >>> from ocr.layout import Cell
    >>> t = Table((0, 0, 300, 200), 2, 1, (Cell(0, 0, (0, 0, 300, 100)),
    ...                                    Cell(1, 0, (0, 100, 300, 200))))
    >>> image, pieces = stack(page, [t])
    >>> [(p.bottom - p.top, p.dx, p.dy) for p in pieces]  # 10-px ink, 2-px pad, 10-px gaps
    [(14, 28.0, 8.0), (14, 188.0, 84.0)]
    >>> image.shape[0] > 24
    True
    """
    long_side = max(page.shape)
    pad, gap = max(2, round(long_side * PAD)), max(10, round(long_side * GAP))
    crops = _crops(page, tables, pad)
    if not crops:
        return np.full((1, 1), 255, np.uint8), []
    width = max(c.shape[1] for c, _, _ in crops) + 2 * gap
    height = sum(c.shape[0] for c, _, _ in crops) + gap * (len(crops) + 1)
    image = np.full((height, width), 255, np.uint8)
    pieces, y = [], gap
    for crop, px, py in crops:
        ch, cw = crop.shape
        image[y : y + ch, gap : gap + cw] = crop
        pieces.append(Piece(y, y + ch, float(px - gap), float(py - y)))
        y += ch + gap
    return image, pieces


def _piece_of(y: float, pieces: Sequence[Piece]) -> Piece | None:
    """The crop a point of the stack belongs to: the one whose rows (or the gap around
    them) hold it."""
    best, dist = None, float("inf")
    for p in pieces:
        d = 0.0 if p.top <= y < p.bottom else min(abs(y - p.top), abs(y - p.bottom))
        if d < dist:
            best, dist = p, d
    return best


def _moved(box: Box, p: Piece) -> Box:
    return (box[0] + p.dx, box[1] + p.dy, box[2] + p.dx, box[3] + p.dy)


def read_cells(image: Image.Image, tables: Sequence[Table], settings: OcrSettings
               ) -> tuple[OcrResult, tuple[Word, ...]]:
    """The words of every cell of `tables`, read in one engine run, in page coordinates."""
    page = np.asarray(image.convert("L"))
    stacked, pieces = stack(page, tables)
    if not pieces:
        return OcrResult("", None, ()), ()
    result, words = recognise_words(Image.fromarray(stacked), settings)
    moved: list[Word] = []
    for w in words:
        p = _piece_of((w.box[1] + w.box[3]) / 2, pieces)
        if p is not None:
            moved.append(replace(w, box=_moved(w.box, p)))
    lines = []
    for ln in result.lines:
        p = _piece_of(ln.top + ln.height / 2, pieces)
        if p is not None:
            lines.append(replace(ln, left=round(ln.left + p.dx), top=round(ln.top + p.dy)))
    log.debug("cells: %d crops in a %dx%d stack, %d words", len(pieces), stacked.shape[1],
              stacked.shape[0], len(moved))
    return replace(result, lines=tuple(lines)), tuple(moved)
