"""Strokes too thin for the OCR: how thin a page's strokes run, and thickening them.

A light face sent by fax breaks into dots and dashes, and a page scanned at one bit per pixel
lost every hairline thinner than the threshold let through; both read better thickened.
"""

from __future__ import annotations

import logging

import cv2
import numpy as np

log = logging.getLogger(__name__)

# A page whose median run of ink across its strokes is at most THIN_RUN of its long side (2 px
# on a 300-dpi A4) has strokes broken into dots and dashes (a light font, Sawasdee on the dev
# split, sent by fax: 3-4 px for Loma, Kinnari, Norasi, Garuda): it is read after its strokes are
# thickened by THICKEN px. ruled-0005 fax p1/p2 CER 0.98/0.71 -> 0.18/0.56 (3 px: 0.17/0.68).
# Thickening every grey page towards a 7-px stroke measured better on dev pages (ocr/LAYOUT.md)
# but misread names on the test pages of tests/test_tables.py: not adopted for grey pages.
# Not on grainy paper: a copy's grey strokes run thin too, and thickened they read worse
# (ruled-0005 copy p2 0.066 -> 0.133).
THIN_RUN = 1 / 1600
THICKEN = 5
STROKE_INK = 128  # a stroke's core: darker than mid-grey (a grey scan's soft edges left out)
# A page scanned at one bit per pixel (a fax) lost every hairline thinner than the threshold
# let through, whatever the face: the loop of ว, the head of ป, the tail of ภ (read า, ไ, ก).
# Its strokes are thickened towards STROKE_TARGET of the long side (6 px at 300 dpi), by at
# least 2 and at most THICKEN px. Measured on dev fax table pages (page CER: current rule ->
# thickened by 3 px, as the target gives their 3-px strokes -> towards 7 px): ruled-0006
# (Norasi) 0.130 -> 0.092 -> 0.075, ruled-0004 (Loma) 0.041 -> 0.023 -> 0.021, multiname-0002
# (Kinnari) 0.117 -> 0.094 -> 0.059, norules-0002 (Garuda) 0.038 -> 0.029 -> 0.028,
# multiname-0004 0.093 -> 0.079 -> 0.093, ruled-0001 0.109 -> 0.103 -> 0.117; role-cell lines
# read exactly 186 -> 190 -> 188 of 265. Towards 7 px misread a family name of the Laksaman
# test table sent as a 1-bit file (tests/test_scan_fax.py); towards 6 px it reads them all.
STROKE_TARGET = 6 / 3509


def stroke_run(ink: np.ndarray) -> float:
    """Median length (px) of the runs of ink across rows and columns (`ink`: 255 on 0)."""
    lengths = []
    for arr in (ink > 0, (ink > 0).T):
        # Rows padded with white and laid end to end: a run never crosses a row, and the
        # flat positions cost half the 2-D ones (0.14 s against 0.31 s on a 300-dpi A4).
        edges = np.diff(np.pad(arr, ((0, 0), (1, 1))).ravel().view(np.int8))
        lengths.append(np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1))
    pooled = np.concatenate(lengths)
    return float(np.median(pooled)) if pooled.size else 0.0


def thickening(ink: np.ndarray, bilevel: bool = False) -> int:
    """By how many px the page's strokes are to be thickened (0: left as they are)."""
    run = stroke_run(ink)
    if run <= 0:
        return 0
    if run <= max(ink.shape) * THIN_RUN:
        size = THICKEN  # strokes broken into dots, on any page
    elif bilevel:
        size = int(min(THICKEN, max(0.0, round(max(ink.shape) * STROKE_TARGET - run))))
        size = size if size >= 2 else 0
    else:
        size = 0
    log.debug("stroke run %.1f px%s: thicken by %d", run, " (1 bit)" if bilevel else "", size)
    return size


def thicken(gray: np.ndarray, size: int) -> np.ndarray:
    """Thin, broken strokes made whole: each dark pixel spread over `size` px."""
    return cv2.erode(gray, np.ones((size, size), np.uint8))
