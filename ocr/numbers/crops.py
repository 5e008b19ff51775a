"""Tight crops of number words, and the stacked image of a page's crops with its mapping back.

The number model was trained on tight crops of one line; a loose crop with fragments of the
neighbouring lines makes it invent characters (README.md), so a crop follows the word's ink, not
the Thai model's box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image


@dataclass(frozen=True)
class Word:
    """A word of the Thai model's reading, in page-image pixels."""

    left: int
    top: int
    width: int
    height: int
    text: str


@dataclass(frozen=True)
class Slot:
    """Where one word's crop sits in the stacked image (rows top..bottom)."""

    index: int
    top: int
    bottom: int

def crop(page: Image.Image, word: Word, margin: int | None = None) -> Image.Image:
    """A tight crop of the word's ink, a few pixels of white around it.

    The Thai model's word box may cut a glyph (a box built from glyph clusters) or hold white
    space and a stray mark: the box is widened to the ink that runs on from it without a gap
    (a space is a gap), then cut down to the band of ink rows that holds most of the ink.
    """
    h = max(1, word.height)
    px, py = max(4, h // 2), max(2, h // 4)
    region = (max(0, word.left - px), max(0, word.top - py),
              min(page.width, word.left + word.width + px),
              min(page.height, word.top + word.height + py))
    img = _normalise(page.crop(region).convert("L"))
    ink = np.asarray(img) < INK
    x0, y0 = word.left - region[0], word.top - region[1]
    x1, y1 = x0 + word.width, y0 + word.height  # the box, exclusive ends
    gap = max(2, h // 6)
    x0, x1 = _run_on(np.asarray(ink[y0:y1].any(axis=0)), x0, x1, gap)
    y0, y1 = _run_on(np.asarray(ink[:, x0:x1].any(axis=1)), y0, y1, 1)
    m = max(2, h // 10) if margin is None else margin
    box = (max(0, x0 - m), max(0, y0 - m), min(img.width, x1 + m), min(img.height, y1 + m))
    return _trim(img.crop(box), margin)


def _run_on(has_ink: np.ndarray, lo: int, hi: int, gap: int) -> tuple[int, int]:
    """[lo, hi) widened on both sides to the ink that continues with no blank run over `gap`."""
    lo, hi = max(0, lo), min(len(has_ink), hi)
    i, blank = lo - 1, 0
    while i >= 0 and blank <= gap:
        if has_ink[i]:
            lo, blank = i, 0
        else:
            blank += 1
        i -= 1
    i, blank = hi, 0
    while i < len(has_ink) and blank <= gap:
        if has_ink[i]:
            hi, blank = i + 1, 0
        else:
            blank += 1
        i += 1
    return lo, hi


# Ink is darker than this after `_normalise`; rows apart by more than BAND_GAP blank rows are
# separate bands of ink.
INK = 128
BAND_GAP = 2


def _trim(img: Image.Image, margin: int | None) -> Image.Image:
    """The crop cut to its main band of ink rows and to the ink's columns, plus a margin."""
    a = np.asarray(img) < INK
    rows = np.flatnonzero(a.sum(axis=1))
    if rows.size == 0:
        return img
    bands: list[list[int]] = [[rows[0], rows[0]]]
    for r in rows[1:]:
        if r - bands[-1][1] > BAND_GAP + 1:
            bands.append([r, r])
        else:
            bands[-1][1] = r
    top, bottom = max(bands, key=lambda b: a[b[0]:b[1] + 1].sum())
    cols = np.flatnonzero(a[top:bottom + 1].sum(axis=0))
    m = max(2, (bottom - top + 1) // 10) if margin is None else margin
    box = (max(0, cols[0] - m), max(0, top - m), min(img.width, cols[-1] + 1 + m),
           min(img.height, bottom + 1 + m))
    return img.crop(box)


def _normalise(img: Image.Image) -> Image.Image:
    """Stretch the crop so its paper is white and its ink dark: crops of a grey scan then sit
    on the stack's white canvas without a visible frame the line finder would take as ink."""
    ink, paper = _percentile(img, 0.02), _percentile(img, 0.8)
    if paper - ink < 40:  # blank or flat: nothing to stretch
        return img
    scale = 255 / (paper - ink)
    return img.point(lambda v: max(0, min(255, round((v - ink) * scale))))


def _percentile(img: Image.Image, q: float) -> int:
    hist = img.histogram()
    limit, acc = q * sum(hist), 0
    for value, n in enumerate(hist):
        acc += n
        if acc >= limit:
            return value
    return 255


def stack(crops: Sequence[Image.Image], indices: Sequence[int]) -> tuple[Image.Image, list[Slot]]:
    """One image with the crops one under another, separated by white space so that the
    engine's line finder keeps each crop a line of its own."""
    pad = 20
    heights = [c.height for c in crops]
    gap = max(24, max(heights, default=0) // 2)
    width = max((c.width for c in crops), default=1) + 2 * pad
    height = sum(heights) + gap * (len(crops) + 1)
    canvas = Image.new("L", (width, max(1, height)), 255)
    slots, y = [], gap
    for c, i in zip(crops, indices, strict=True):
        canvas.paste(c, (pad, y))
        slots.append(Slot(i, y, y + c.height))
        y += c.height + gap
    return canvas, slots


def map_lines(tsv: str, slots: Sequence[Slot]) -> dict[int, str]:
    """The text the engine found inside each slot, in reading order.

    A tsv word belongs to the slot its vertical centre falls in (between two slots: the
    nearer one), so a crop the engine split into two lines still maps to one word. The tsv
    splits Thai-script text into single glyphs (DOMAIN.md), so spaces are rebuilt from the
    gaps: a gap wider than a third of the crop's height is a space (`๐ ๕๔๔๑ ๐๐๑๒`).
    """
    line_top: dict[tuple[str, ...], int] = {}
    words: list[tuple[tuple[str, ...], int, int, int, int, str]] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) != 12:
            continue
        key = tuple(cols[1:5])
        if cols[0] == "4":
            line_top[key] = int(cols[7])
        elif cols[0] == "5" and cols[11].strip():
            left, top, w, h = (int(c) for c in cols[6:10])
            words.append((key, left, top, w, h, cols[11].strip()))
    found: dict[int, list[tuple[int, int, int, str]]] = {s.index: [] for s in slots}
    height = {s.index: s.bottom - s.top for s in slots}
    for key, left, top, w, h, text in words:
        centre = top + h / 2
        slot = min(slots, key=lambda s: 0 if s.top <= centre <= s.bottom
                   else min(abs(centre - s.top), abs(centre - s.bottom)))
        found[slot.index].append((line_top.get(key, top), left, left + w, text))
    out = {}
    for i, ws in found.items():
        parts, right = [], None
        for _, left, end, text in sorted(ws):
            if right is not None and left - right > height[i] / 3:
                parts.append(" ")
            parts.append(text)
            right = end if right is None else max(right, end)
        out[i] = "".join(parts)
    return out
