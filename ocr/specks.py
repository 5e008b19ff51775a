"""Lone specks: dots of ink with nothing near them, on any page however thin its strokes.

`ocr.scan._specks` judges a blob small against the page's median glyph. On a fax of a light
face (Sawasdee on the dev split) every stroke is broken into dots, the median "glyph" is one of
those dots, and the fax's noise dots are as big as it: none was removed, and Tesseract read each
as `.`, `"`, `:` or `*` (ruled-0005 fax p2: 144 lines of text for 57). A noise dot is told from a
letter's dot by its distance: a broken letter's dots stand a few pixels apart, a Thai mark sits
just above or below its letter, and a full stop next to its word; a noise dot has no other ink
within a glyph's height.
"""

from __future__ import annotations

import cv2
import numpy as np

# Shares of the page's longer side (at 300 dpi on A4: 10 px and 17 px). A speck is no bigger
# than LONE_SIZE either way (a Thai digit of an 8-pt table stands about 15 px tall) and has no
# other ink within LONE_REACH around its box.
LONE_SIZE = 1 / 350
LONE_REACH = 1 / 200


def lone_blobs(ink: np.ndarray, stats: np.ndarray) -> np.ndarray:
    """Which blobs of `ink` (255 on 0) are lone specks, by label (`stats` of its labelling,
    background first): the page's labelling is shared with the glyph-relative dust test
    (`ocr.scan`).

    >>> ink = np.zeros((3509, 400), np.uint8)  # a strip of a 300-dpi A4 page
    >>> ink[100:104, 100:104] = 255   # a dot alone
    >>> ink[300:330, 300:303] = 255   # a stroke
    >>> ink[296:299, 304:307] = 255   # a mark next to it
    >>> from ocr.components import components
    >>> _, labels, stats = components(ink, 8)
    >>> found = lone_blobs(ink, stats)[labels]
    >>> bool(found[101, 101]), bool(found[297, 305]), bool(found[310, 301])
    (True, False, False)
    """
    lone = np.zeros(len(stats), dtype=bool)
    if len(stats) <= 1:
        return lone
    height, width = ink.shape
    long_side = max(height, width)
    size = max(2, round(long_side * LONE_SIZE))
    reach = max(3, round(long_side * LONE_REACH))
    x, y, w, h, area = (stats[1:, i] for i in range(5))
    small = (w <= size) & (h <= size)
    if not small.any():
        return lone
    # Ink in the box around each blob, from an integral image: a lone blob's is its own area.
    integral = cv2.integral((ink > 0).astype(np.uint8))
    x0, y0 = np.clip(x - reach, 0, width), np.clip(y - reach, 0, height)
    x1, y1 = np.clip(x + w + reach, 0, width), np.clip(y + h + reach, 0, height)
    around = integral[y1, x1] - integral[y0, x1] - integral[y1, x0] + integral[y0, x0]
    lone[1:] = small & (around == area)
    return lone
