"""Page images made flat and clean before geometry and OCR (OpenCV).

Three steps, each a no-op on a clean 300-dpi scan:
- a photographed page is cut out of its background and its perspective undone: the page is the
  largest bright quadrilateral, its corners are mapped onto a rectangle of the page's own size;
- the background is flattened: the page is divided by an estimate of its paper (a grey
  photocopy, the light falling off across a photo), so paper is white everywhere;
- ink is what is both darker than its neighbourhood and darker than a threshold of the whole
  flattened page (Otsu): the grain of a copy of a copy is darker than its surroundings but
  nowhere near as dark as ink, and no local threshold alone tells the two apart.
"""

from __future__ import annotations

import logging
import math

import cv2
import numpy as np

log = logging.getLogger(__name__)

# The page is found on a copy of at most this long side.
QUAD_SIDE = 800
# A page quad covering more of the frame than this is a scan (the page fills the image); one
# covering less than this is no page at all.
MAX_PAGE_SHARE = 0.97
MIN_PAGE_SHARE = 0.35
# The paper must be brighter than what surrounds it by at least this (grey levels).
MIN_PAGE_CONTRAST = 25.0


def _order(points: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    s = points.sum(axis=1)
    d = points[:, 1] - points[:, 0]
    return np.array([points[np.argmin(s)], points[np.argmin(d)], points[np.argmax(s)],
                     points[np.argmax(d)]], dtype=np.float32)


def page_quad(gray: np.ndarray) -> np.ndarray | None:
    """The four corners (full-resolution pixels) of a photographed page, or None when the
    page fills the image (a scan) or no page stands out from its background."""
    h, w = gray.shape
    scale = min(1.0, QUAD_SIDE / max(h, w))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    blur = cv2.GaussianBlur(small, (9, 9), 0)
    _, bright = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    page = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(page) / float(small.shape[0] * small.shape[1])
    if not MIN_PAGE_SHARE <= share <= MAX_PAGE_SHARE:
        return None
    inside = np.zeros_like(small)
    cv2.drawContours(inside, [page], -1, 255, -1)
    paper, around = float(np.median(blur[inside > 0])), float(np.median(blur[inside == 0]))
    if paper - around < MIN_PAGE_CONTRAST:
        return None
    hull = cv2.convexHull(page)
    approx = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    corners = _order((approx if len(approx) == 4 else hull).reshape(-1, 2).astype(np.float32))
    refined = _refined(corners, page.reshape(-1, 2).astype(np.float32))
    return (refined if _plausible(refined, corners, small.shape) else corners) / scale


def _plausible(quad: np.ndarray, rough: np.ndarray, shape: tuple[int, ...]) -> bool:
    """A refined quad stays (nearly) inside the image, convex, and near the rough corners (a
    side fitted to the image's own edge, where the sheet runs out of the photo, is not)."""
    h, w = shape[:2]
    margin = 0.02 * max(h, w)
    if np.any(quad[:, 0] < -margin) or np.any(quad[:, 0] > w + margin):
        return False
    if np.any(quad[:, 1] < -margin) or np.any(quad[:, 1] > h + margin):
        return False
    if np.max(np.linalg.norm(quad - rough, axis=1)) > 0.1 * float(np.hypot(h, w)):
        return False
    return bool(cv2.isContourConvex(quad.reshape(-1, 1, 2).astype(np.float32)))


def _refined(corners: np.ndarray, outline: np.ndarray) -> np.ndarray:
    """Corners as the crossings of lines fitted to the middle of each side of the outline: the
    light falls off towards a photo's corners, so the outline is least sure there."""
    lines = []
    for i in range(4):
        a, b = corners[i], corners[(i + 1) % 4]
        side = b - a
        length = float(np.linalg.norm(side))
        if length < 1:
            return corners
        t = (outline - a) @ side / length**2
        rel = outline - a
        dist = np.abs(side[0] * rel[:, 1] - side[1] * rel[:, 0]) / length
        near = outline[(t > 0.15) & (t < 0.85) & (dist < 0.03 * length)]
        if len(near) < 2:
            return corners
        vx, vy, x0, y0 = cv2.fitLine(near, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0]), np.array([vx, vy])))
    out = []
    for i in range(4):
        (p, u), (q, v) = lines[i - 1], lines[i]
        det = u[0] * -v[1] - u[1] * -v[0]
        if abs(det) < 1e-6:
            return corners
        s = ((q - p)[0] * -v[1] - (q - p)[1] * -v[0]) / det
        out.append(p + s * u)
    return np.array(out, dtype=np.float32)


def unwarp(gray: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The page inside `quad` as an upright rectangle of its own size."""
    tl, tr, br, bl = quad
    width = round(float(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))
    height = round(float(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]],
                      dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    return cv2.warpPerspective(gray, matrix, (width, height), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


# The paper is estimated on a copy of this share of the page, with a window wider than any
# letter: what a letter-sized max filter leaves is paper.
BACKGROUND_SCALE = 0.25
BACKGROUND_WINDOW = 1 / 60  # of the longer side


def flatten(gray: np.ndarray) -> np.ndarray:
    """The page divided by its paper: white paper everywhere, ink kept at its contrast."""
    h, w = gray.shape
    small = cv2.resize(gray, None, fx=BACKGROUND_SCALE, fy=BACKGROUND_SCALE,
                       interpolation=cv2.INTER_AREA)
    size = max(5, int(max(small.shape) * BACKGROUND_WINDOW) | 1)
    paper = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    paper = cv2.medianBlur(paper, 5)
    paper = cv2.GaussianBlur(paper, (size | 1, size | 1), 0)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR)
    return divided(gray, paper)


def divided(gray: np.ndarray, paper: np.ndarray) -> np.ndarray:
    """``min(255, gray * 255 / max(paper, 1))`` per pixel, truncated (`_quotients`)."""
    # In float32, then truncated: a quotient of 8-bit levels that is no integer lies at least
    # 1/255 from one, far beyond float32's rounding, so this is exact, in two OpenCV passes.
    quotient = cv2.divide(gray, cv2.max(paper, 1), scale=255.0, dtype=cv2.CV_32F)
    return cv2.min(quotient, 255.0).astype(np.uint8)


def _quotients() -> np.ndarray:
    """``min(255, grey * 255 / max(paper, 1))`` for every (grey, paper) pair of 8-bit levels,
    computed in float32 and truncated as a per-pixel division would, indexed ``grey << 8 |
    paper``: the definition `divided` is tested against."""
    grey = np.arange(256, dtype=np.float32)[:, None]
    paper = np.arange(256, dtype=np.float32)[None, :]
    out = grey * 255.0 / np.maximum(paper, 1.0)
    return np.clip(out, 0, 255).astype(np.uint8).ravel()


# Ink is darker than the local mean by this much (grey levels) ...
LOCAL_C = 15
# ... and darker than the page's Otsu threshold, which is kept between these bounds so that a
# nearly empty page (no ink to make two classes) does not turn its grain into ink.
OTSU_RANGE = (120, 215)


def dark(gray: np.ndarray) -> np.ndarray:
    """Pixels darker than the flattened page's (bounded) Otsu threshold, as 255 on 0."""
    smooth = cv2.GaussianBlur(gray, (3, 3), 0)
    thr, _ = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    thr = min(max(thr, OTSU_RANGE[0]), OTSU_RANGE[1])
    # `smooth < thr` in one OpenCV pass: for 8-bit levels it is `smooth <= ceil(thr) - 1`.
    _, out = cv2.threshold(smooth, math.ceil(thr) - 1, 255, cv2.THRESH_BINARY_INV)
    return out


def local(gray: np.ndarray) -> np.ndarray:
    """Pixels darker than their neighbourhood, as 255 on 0: keeps the faint thin rules of a
    photo (lighter than any letter), and the grain of a copy, which the rules' morphology
    removes."""
    size = max(15, (min(gray.shape) // 60) | 1)
    return cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, size, LOCAL_C
    )


# Paper with more than this share of its pixels below GRAIN_LEVEL is grainy (measured on dev
# pages: clean scan 0.018, fax 0.009, photo 0.046, copy of a copy 0.25).
GRAIN_SHARE = 0.03
GRAIN_LEVEL = 235


def grainy(gray: np.ndarray) -> bool:
    """Whether a flattened page's paper is grainy (a copy of a copy, a photo): only then is
    the paper away from ink whitened, since whitening also loses a fax's faint dots (the dot
    of `2.3`)."""
    sample = gray[::4, ::4]
    paper = sample[dark(sample) == 0]
    return bool(paper.size) and float(np.mean(paper < GRAIN_LEVEL)) > GRAIN_SHARE


def ink(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0 of a flattened page: darker than its neighbourhood and than the page's
    threshold."""
    return cv2.bitwise_and(local(gray), dark(gray))


# -- fax streaks ------------------------------------------------------------------------------
# A fax line's noise leaves thin level lines from one edge of the sheet to the other, drawn
# after the page was fed crooked: they are level while the page's rules are not, and they run
# through the margins, where nothing is printed. A band of rows is a streak when its isolated
# ink (nothing STREAK_CLEAR rows above or below) covers at least STREAK_MARGIN of both outer
# margins (STREAK_EDGE of the width each) and STREAK_COVER of the whole width.
STREAK_EDGE = 0.05
STREAK_MARGIN = 0.25
STREAK_COVER = 0.3
STREAK_BAND = 2  # rows either side of a row OR-ed: a streak is 1-3 px thick and may slope
STREAK_CLEAR = 4  # rows above and below a streak pixel that must be paper (not a letter)
STREAK_WINDOW = 8  # rows either side of the found band in which a sloping streak is followed
STREAK_INK = 160  # a streak is black on the flattened page (no blur: a 1-px line stays whole)


def _shifted_or(mask: np.ndarray, a: int, b: int) -> np.ndarray:
    """For every row y, rows y+a .. y+b of `mask` OR-ed (rows outside the image are paper)."""
    h = mask.shape[0]
    pad = max(abs(a), abs(b))
    padded = np.zeros((h + 2 * pad, mask.shape[1]), dtype=bool)
    padded[pad : pad + h] = mask
    out = np.zeros_like(mask)
    for k in range(a, b + 1):
        out |= padded[pad + k : pad + k + h]
    return out


def streaks(gray: np.ndarray) -> np.ndarray:
    """Pixels of a fax's streaks (255 on 0): an edge-to-edge level band, except where it runs
    through a letter (ink just above and below it), so that the letter stays whole.

    >>> page = np.full((120, 400), 255, np.uint8)
    >>> page[40:70, 60:340] = 0            # a block of print inside the margins
    >>> page[20, :] = 0                     # a streak from edge to edge
    >>> page[90, 60:340] = 0                # a rule: inside the margins only
    >>> found = streaks(page) > 0
    >>> bool(found[20].all()), bool(found[90].any()), bool(found[40:70].any())
    (True, False, False)
    """
    ink = gray < STREAK_INK
    h, w = ink.shape
    if h < 4 * STREAK_CLEAR or w < 40:
        return np.zeros_like(gray)
    edge = max(1, int(w * STREAK_EDGE))
    # A cheap bound first: the band below is ink spread by 1 + STREAK_BAND rows at most, so a
    # page whose two margins hold no such row (every page but a fax's) has no streak.
    reach = 1 + STREAK_BAND
    spread = _shifted_or(np.hstack((ink[:, :edge], ink[:, -edge:])), -reach, reach)
    if not ((spread[:, :edge].mean(axis=1) >= STREAK_MARGIN)
            & (spread[:, edge:].mean(axis=1) >= STREAK_MARGIN)).any():
        return np.zeros_like(gray)
    clear = ~_shifted_or(ink, -STREAK_CLEAR, -2) & ~_shifted_or(ink, 2, STREAK_CLEAR)
    iso = _shifted_or(ink, -1, 1) & clear  # thin horizontal ink with paper above and below
    band = _shifted_or(iso, -STREAK_BAND, STREAK_BAND)
    rows = (
        (band[:, :edge].mean(axis=1) >= STREAK_MARGIN)
        & (band[:, -edge:].mean(axis=1) >= STREAK_MARGIN)
        & (band.mean(axis=1) >= STREAK_COVER)
    )
    out = np.zeros_like(gray)
    if not rows.any():
        return out
    # The streak slopes by a few rows across the sheet: follow it chunk by chunk, within a
    # window around the rows where it was found, and erase it (its grey edges too: a 1-bit
    # line rendered at another resolution) in every column where it does not run through a
    # letter (ink just above and just below the band).
    ys = np.nonzero(rows)[0]
    for group in np.split(ys, np.nonzero(np.diff(ys) > 1)[0] + 1):
        top, bottom = max(0, group[0] - STREAK_WINDOW), min(h, group[-1] + STREAK_WINDOW + 1)
        for x in range(0, w, edge):
            cover = iso[top:bottom, x : x + edge].mean(axis=1)
            peak = int(np.argmax(cover))
            if cover[peak] < STREAK_MARGIN / 2:
                continue
            # The rows of the line itself: contiguous around the best row, as well covered.
            a = b = peak
            while a > max(0, peak - STREAK_BAND) and cover[a - 1] >= cover[peak] / 2:
                a -= 1
            while b < min(len(cover) - 1, peak + STREAK_BAND) and cover[b + 1] >= cover[peak] / 2:
                b += 1
            r0, r1 = top + a - 1, top + b + 1
            # `iso` is the band OR-ed one row either way: the line itself is a row inside.
            above = ink[max(0, r0 - STREAK_CLEAR) : max(0, r0 - 1), x : x + edge].any(axis=0)
            below = ink[r1 + 2 : r1 + STREAK_CLEAR + 1, x : x + edge].any(axis=0)
            cols = ~(above & below)
            out[max(0, r0) : r1 + 1, x : x + edge][:, cols] = 255
    log.debug("fax streaks: %d rows, %d pixels", int(rows.sum()), int((out > 0).sum()))
    return out
