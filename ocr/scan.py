"""Geometry of a scanned page with OpenCV: deskew, ruling lines, ink blobs, tables.

The rules are found by morphology on the binarised page: an opening with a long thin kernel
keeps only strokes longer than any letter. The page is rotated so that its rules are level
(table rules are the longest straight strokes a page has), the rules are erased so that the
OCR never reads a border as a letter, and the grid is built from the rules (`ocr.grid`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from ocr import clean, grid
from ocr.components import components
from ocr.faintrules import faint_rules
from ocr.layout import Box, Rule, Table, Word
from ocr.specks import lone_blobs
from ocr.strokes import STROKE_INK, thicken, thickening

log = logging.getLogger(__name__)

# Kernel lengths as shares of the page's longer side: longer than any letter stroke, shorter
# than one row of a table (a vertical rule is interrupted at every merged cell).
H_KERNEL = 1 / 40
V_KERNEL = 1 / 50
# The column rules of a row shorter than V_KERNEL (a header of a small face above a full-width
# row): strokes of at least this share, kept only where they close a row (`grid._band_rules`).
V_SHORT = 1 / 120
# Rules skewed more than this (degrees) are not straightened: the page is something else.
MAX_SKEW = 5.0
# Strokes thicker than this share of the longer side are shading or photos, not rules.
MAX_THICKNESS = 1 / 150


@dataclass(frozen=True)
class ScanGeometry:
    """A page image ready for OCR, and what was found on it."""

    image: Image.Image  # cut out of a photo, flattened, deskewed, rules and dust erased, grey
    skew: float  # degrees the page was rotated by
    rules: tuple[Rule, ...]
    tables: tuple[Table, ...]  # cells without text yet


def _binary(gray: np.ndarray) -> np.ndarray:
    """Strokes as 255 on 0 of a flattened page, for finding rules (`ocr.clean.local`)."""
    return clean.local(gray)


def _open(ink: np.ndarray, horizontal: bool, length: int) -> np.ndarray:
    kernel = cv2.getStructuringElement(
        cv2.MORPH_RECT, (length, 1) if horizontal else (1, length)
    )
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)


def estimate_skew(ink: np.ndarray) -> float:
    """Median angle (degrees) of the long horizontal strokes; 0 when the page has none.

    A short kernel keeps a skewed rule in pieces; each long piece's angle comes from a line fit.
    """
    long_side = max(ink.shape)
    pieces = _open(ink, True, max(20, int(long_side / 120)))
    count, labels, stats = components(pieces, 8)
    angles, weights = [], []
    for i in range(1, count):
        x, y, w, h, _area = stats[i]
        if w < long_side / 10:
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == i)
        if len(xs) < 10:
            continue
        step = max(1, len(xs) // 2000)
        pts = np.stack([xs[::step], ys[::step]], axis=1).astype(np.float32)
        vx, vy, _, _ = cv2.fitLine(pts, cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        angle = float(np.degrees(np.arctan2(vy, vx)))
        if angle > 90:
            angle -= 180
        elif angle < -90:
            angle += 180
        if abs(angle) <= MAX_SKEW:
            angles.append(angle)
            weights.append(w)
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cum, cum[-1] / 2)])


def _rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(
        gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
        borderValue=255,
    )


# A rule is drawn solid: at least this share of its length is ink before gaps are closed.
# A fax's streaks and a dotted leader line are not table rules.
MIN_SOLID = 0.8


def _rule_boxes(
    mask: np.ndarray, solid: np.ndarray, horizontal: bool, min_len: int, max_thick: int
) -> list[Box]:
    count, labels, stats = components(mask, 8)
    out = []
    for i in range(1, count):
        x, y, w, h, _ = stats[i]
        length, thick = (w, h) if horizontal else (h, w)
        if length < min_len:
            continue
        boxes = [(x, y, w, h)]
        if thick > max_thick:
            boxes = _bands(labels[y : y + h, x : x + w] == i, horizontal, x, y, max_thick)
        for bx, by, bw, bh in boxes:
            along = solid[by : by + bh, bx : bx + bw].any(axis=0 if horizontal else 1)
            if (bw if horizontal else bh) >= min_len and along.mean() >= MIN_SOLID:
                out.append((float(bx), float(by), float(bx + bw), float(by + bh)))
    return out


def _bands(part: np.ndarray, horizontal: bool, x: int, y: int, max_thick: int
           ) -> list[tuple[int, int, int, int]]:
    """The rules inside a blob too thick to be one (a rule touched by a slanting fax streak,
    or by a letter): runs of rows (columns) at least half filled along the blob's length."""
    fill = part.mean(axis=1 if horizontal else 0)
    full = fill >= 0.5
    out = []
    i = 0
    while i < len(full):
        if not full[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(full) and full[j + 1]:
            j += 1
        if j - i + 1 <= max_thick:
            strip = part[i : j + 1] if horizontal else part[:, i : j + 1]
            along = np.nonzero(strip.any(axis=0 if horizontal else 1))[0]
            a, b = int(along.min()), int(along.max()) + 1
            out.append((x + a, y + i, b - a, j - i + 1) if horizontal
                       else (x + i, y + a, j - i + 1, b - a))
        i = j + 1
    return out


# A dotted rule (a thin rule sent by fax) is a band of rows whose ink is isolated: nothing just
# above or below it. At least this share of the band's ink is isolated (a text line's tops and
# bottoms are a small part of its ink) ...
DOTTED_ISOLATED = 0.75
# ... its ink covers at least this share of the table's width ...
DOTTED_COVER = 0.08
# ... in runs of dots with gaps under DOTTED_GAP (share of the page width), each run at least
# DOTTED_PIECE and all of them DOTTED_EXTENT of the table's width.
DOTTED_GAP = 0.02
DOTTED_PIECE = 0.1
DOTTED_EXTENT = 0.3


def _rows_or(band: np.ndarray, h: int, a: int, b: int) -> np.ndarray:
    """For every y, rows y+a .. y+b of `band` (padded by 5 rows each side) OR-ed."""
    acc = band[5 + a : 5 + a + h].copy()
    for k in range(a + 1, b + 1):
        acc |= band[5 + k : 5 + k + h]
    return acc


def dotted_rules(dark: np.ndarray, solid: list[Box]) -> list[Box]:
    """Horizontal rules drawn as dots or dashes, within the extent of the long solid rules.

    Only where a table's solid rules say a table stands (the header rules of a fax are thick
    enough to stay solid), so that a dotted leader line in running text is never a rule. A rule
    found solid in some columns and dotted in others gives its dotted pieces here; the grid
    joins collinear pieces. `dark`: ink as 255 on 0.
    """
    h, w = dark.shape
    ink = dark > 0
    out: list[Box] = []
    done: list[tuple[int, int]] = []
    for x0, x1 in sorted({(int(b[0]), int(b[2])) for b in solid if b[2] - b[0] >= 0.3 * w}):
        if any(abs(x0 - a) < 0.02 * w and abs(x1 - b) < 0.02 * w for a, b in done):
            continue
        done.append((x0, x1))
        width = x1 - x0
        band = np.zeros((h + 10, width), dtype=bool)
        band[5 : h + 5] = ink[:, x0:x1]

        hit = _rows_or(band, h, -1, 1)
        iso = hit & ~_rows_or(band, h, -4, -2) & ~_rows_or(band, h, 2, 4)
        count, alone = hit.sum(axis=1), iso.sum(axis=1)
        good = (count >= DOTTED_COVER * width) & (alone >= DOTTED_ISOLATED * np.maximum(count, 1))
        gap = max(2, int(DOTTED_GAP * w))
        y = 0
        while y < h:
            if not good[y]:
                y += 1
                continue
            end = y
            while end + 1 < h and good[end + 1]:
                end += 1
            row = iso[max(0, y - 1) : end + 2].any(axis=0).astype(np.uint8)
            closed = cv2.morphologyEx(row[None, :], cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8))
            runs, _, stats = components(closed, 4)
            pieces = [(int(stats[i][0]), int(stats[i][0] + stats[i][2])) for i in range(1, runs)
                      if stats[i][2] >= DOTTED_PIECE * width]
            if sum(b - a for a, b in pieces) >= DOTTED_EXTENT * width:
                out += [(float(x0 + a), float(y - 1), float(x0 + b), float(end + 2))
                        for a, b in pieces]
            y = end + 1
    return out


def ink_blobs(ink: np.ndarray, rules: np.ndarray | None = None) -> list[Word]:
    """Word-sized ink blobs (letters smeared together), for columns of unruled tables.

    The smear stops at the ruling lines (`rules`, 255 where a rule was erased): a header word
    smeared into the first body line below the header's rule was a blob of the body, and its
    column boundary was lost (dev norules-0006 copy: criterion and supervisor read as one
    column on two pages).
    """
    count, _, stats = components(ink, 8)
    heights = [stats[i][3] for i in range(1, count) if stats[i][4] >= 8]
    if not heights:
        return []
    glyph = float(np.median(heights))
    kernel = cv2.getStructuringElement(
        cv2.MORPH_RECT, (max(3, int(glyph * 0.6)), max(3, int(glyph * 0.8)))
    )
    smeared = cv2.dilate(ink, kernel)
    if rules is not None:
        smeared[rules > 0] = 0
    count, _, stats = components(smeared, 8)
    pad_x, pad_y = kernel.shape[1] // 2, kernel.shape[0] // 2
    return [
        Word("", (float(x + pad_x), float(y + pad_y), float(x + w - pad_x), float(y + h - pad_y)))
        for x, y, w, h, area in (stats[i] for i in range(1, count))
        if area >= 4 * glyph and w > 2 * pad_x and h > 2 * pad_y
    ]


def _specks(ink: np.ndarray) -> np.ndarray:
    """Dust (`_dust`) of `ink` as 255 on 0."""
    _, labels, stats = components(ink, 8)
    small, glyph = _small_blobs(stats)
    pixels = np.flatnonzero(small[labels])
    owners = labels.ravel()[pixels]
    out = np.zeros_like(ink)
    np.put(out, pixels[_dust(ink, small, glyph, pixels, owners)[owners]], 255)
    return out


def _speck_pixels(ink: np.ndarray, labels: np.ndarray, stats: np.ndarray) -> np.ndarray:
    """Flat indices of the pixels of `ink`'s dust (`_dust`) and lone specks
    (`specks.lone_blobs`); `labels`, `stats`: its labelling. The label image is looked up once,
    for the candidates of both tests; the rest touches only their few pixels."""
    small, glyph = _small_blobs(stats)
    lone = lone_blobs(ink, stats)
    candidates = small | lone
    if not candidates.any():
        return np.zeros(0, dtype=np.intp)
    pixels = np.flatnonzero(candidates[labels])
    owners = labels.ravel()[pixels]
    in_small = small[owners]
    dust = _dust(ink, small, glyph, pixels[in_small], owners[in_small])
    return pixels[(dust | lone)[owners]]


def _small_blobs(stats: np.ndarray) -> tuple[np.ndarray, float]:
    """Which blobs (by label) are smaller than 0.45 of the page's median glyph height both
    ways, and that height; none when the page has no glyphs (median under 4 px)."""
    count = len(stats)
    small = np.zeros(count, dtype=bool)
    if count <= 1:
        return small, 0.0
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    areas = stats[1:, cv2.CC_STAT_AREA]
    glyph = float(np.median(heights[areas >= 8])) if np.any(areas >= 8) else 0.0
    if glyph < 4:
        return small, glyph
    small[1:] = (heights < 0.45 * glyph) & (stats[1:, cv2.CC_STAT_WIDTH] < 0.45 * glyph)
    return small, glyph


def _dust(ink: np.ndarray, small: np.ndarray, glyph: float, spots: np.ndarray,
          spot_labels: np.ndarray) -> np.ndarray:
    """Dust by label: small blobs with no letter within a glyph's height (Thai marks sit next
    to their letter, dust in the empty parts of a cell, where Tesseract would read it as `I` or
    `.`). `small`, `glyph`: `_small_blobs`; `spots`: the flat indices of every small blob's
    pixels, `spot_labels` their labels."""
    dust = np.zeros(len(small), dtype=bool)
    if not small.any():
        return dust
    # The big blobs are the rest of the ink.
    big_ink = ink > 0
    np.put(big_ink, spots, False)
    near = cv2.dilate(big_ink.view(np.uint8), cv2.getStructuringElement(
        cv2.MORPH_RECT, (int(glyph) | 1, int(glyph) | 1)))
    touching = np.zeros(len(small), dtype=bool)
    touching[spot_labels[near.ravel()[spots] > 0]] = True
    dust[1:] = small[1:] & ~touching[1:]
    return dust


# Rules and skew are found on a copy of at most this long side (a 150-dpi A4): a rule stays a
# few pixels thick there, and the morphology costs a quarter.
GEOMETRY_SIDE = 1800


def _half(gray: np.ndarray) -> tuple[np.ndarray, float]:
    long_side = max(gray.shape)
    if long_side <= GEOMETRY_SIDE:
        return gray, 1.0
    scale = GEOMETRY_SIDE / long_side
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def _scaled(box: Box, factor: float) -> Box:
    return (box[0] * factor, box[1] * factor, box[2] * factor, box[3] * factor)


def analyse(image: Image.Image, thicken_thin: bool = True, bilevel: bool = False
            ) -> ScanGeometry:
    """Undo a photo's perspective, flatten the paper, remove a fax's streaks, deskew the page,
    find its rules and tables, erase the rules, the dust and the paper's grain for the OCR,
    and thicken strokes broken too thin to read (unless `thicken_thin` is False; `bilevel`:
    the page was scanned at one bit per pixel, see `ocr/strokes.py`)."""
    gray = np.asarray(image.convert("L"))
    quad = clean.page_quad(gray)
    if quad is not None:
        gray = clean.unwarp(gray, quad)
    gray = clean.flatten(gray)
    # A fax's streaks first: level while the page is skewed, they would pull the skew to 0,
    # and left standing after the rotation they cross the text and are read as `TTT`, `---`.
    gray = gray.copy()
    gray[clean.streaks(gray) > 0] = 255
    # Grainy paper (a copy of a copy): strokes must also be darker than the page's threshold,
    # or the grain joins the rules; elsewhere the local threshold keeps a photo's faint rules.
    grainy = clean.grainy(gray)
    strokes = clean.ink if grainy else _binary
    small, scale = _half(gray)
    skew = estimate_skew(strokes(small))
    if abs(skew) >= 0.05:
        gray = _rotate(gray, skew)
        small, scale = _half(gray)
    ink_small = strokes(small)
    long_side = max(small.shape)
    h_open = _open(ink_small, True, int(long_side * H_KERNEL))
    v_open = _open(ink_small, False, int(long_side * V_KERNEL))
    # A fax or a copy breaks rules into dashes: close the small gaps along the rule.
    gap = max(3, long_side // 400)
    horiz = cv2.morphologyEx(h_open, cv2.MORPH_CLOSE, cv2.getStructuringElement(
        cv2.MORPH_RECT, (gap * 2, 1)))
    vert = cv2.morphologyEx(v_open, cv2.MORPH_CLOSE, cv2.getStructuringElement(
        cv2.MORPH_RECT, (1, gap * 2)))
    thick = max(3, int(long_side * MAX_THICKNESS))
    up = 1 / scale
    # Solid along the rule: the ink itself, smeared across the rule's thickness.
    h_solid = cv2.dilate(ink_small, np.ones((3, 1), np.uint8))
    v_solid = cv2.dilate(ink_small, np.ones((1, 3), np.uint8))
    hsmall = _rule_boxes(horiz, h_solid, True, int(long_side * H_KERNEL), thick)
    # Dots of a fax's thin rules fade when the page is scaled down: any dark pixel counts.
    dark = clean.dark(gray)  # also where faint rules are looked for, below
    dots = cv2.resize(dark, (small.shape[1], small.shape[0]),
                      interpolation=cv2.INTER_AREA)
    hsmall += dotted_rules(dots, hsmall)
    # Column rules of rows shorter than the kernel (kept by the grid only where they close a
    # row on a column line).
    v_short = cv2.morphologyEx(_open(ink_small, False, int(long_side * V_SHORT)), cv2.MORPH_CLOSE,
                               cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    short_boxes = [_scaled(b, up) for b in
                   _rule_boxes(v_short, v_solid, False, int(long_side * V_SHORT), thick)]
    hboxes = [_scaled(b, up) for b in hsmall]
    vboxes = [_scaled(b, up) for b in
              _rule_boxes(vert, v_solid, False, int(long_side * V_KERNEL), thick)]
    rules = tuple([Rule(b, True) for b in hboxes] + [Rule(b, False) for b in vboxes])
    # Erase the rules (and their anti-aliased edges) before reading, at full resolution.
    h, w = gray.shape
    lines = cv2.resize(cv2.bitwise_or(horiz, vert), (w, h), interpolation=cv2.INTER_NEAREST)
    lines = cv2.dilate(lines, np.ones((5, 5), np.uint8))
    # And each rule's whole box with a margin: a rule binarised after rotating is jagged, and
    # its teeth left standing are read as `I`, `>` or `CS`.
    margin = max(2, max(h, w) // 1000)
    for x0, top, x1, bottom in hboxes:
        lines[max(0, int(top) - margin) : int(bottom) + margin, int(x0) : int(x1)] = 255
    for x0, top, x1, bottom in vboxes:
        lines[int(top) : int(bottom), max(0, int(x0) - margin) : int(x1) + margin] = 255
    # Ink for dust and blobs: gated by the page's threshold only on grainy paper, where the
    # local threshold alone turns the grain into ink; elsewhere the local threshold keeps the
    # broken strokes of a fax whole enough not to be taken for dust.
    ink = clean.ink(gray) if grainy else clean.local(gray)
    cleaned = gray.copy()
    cleaned[lines > 0] = 255
    text_ink = ink
    text_ink[lines > 0] = 0
    # Dust judged against the page's glyphs, and dots alone wherever nothing stands near them
    # (on a page whose strokes are broken into dots the first finds none).
    _, labels, stats = components(text_ink, 8)
    specks = _speck_pixels(text_ink, labels, stats)
    np.put(cleaned, specks, 255)
    np.put(text_ink, specks, 0)
    # Grainy paper away from any ink is white: the grain of a copy is read as `:` `-` `.`.
    if grainy:
        near_ink = cv2.dilate(text_ink, np.ones((5, 5), np.uint8))
        cleaned[near_ink == 0] = 255
    # Strokes too thin for the OCR (a light font sent by fax breaks into dots): thickened.
    if thicken_thin and not grainy:
        core = (cleaned < STROKE_INK) & (text_ink > 0)
        size = thickening(core.astype(np.uint8) * 255, bilevel)
        if size:
            cleaned = thicken(cleaned, size)
    # Ink blobs are only needed for a table without vertical rules: made on demand.
    tables = grid.find_tables(hboxes, vboxes, lambda: ink_blobs(text_ink, lines), float(w),
                              float(h), short_boxes)
    # Rules too faint for the morphology, looked for inside the merged cells on the row lines.
    faint = faint_rules(tables, dark) if tables else []
    if faint:
        tables = grid.find_tables(hboxes, vboxes, lambda: ink_blobs(text_ink, lines), float(w),
                                  float(h), short_boxes, faint)
    return ScanGeometry(Image.fromarray(cleaned), skew, rules, tuple(tables))
