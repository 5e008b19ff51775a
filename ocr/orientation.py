"""Pages turned in their pixels: which way up they are.

A landscape attachment fed portrait, or a sheet fed upside down, reaches the OCR turned by 90,
180 or 270 degrees (a PDF page's own /Rotate is applied by the renderer; this is a page turned
in its pixels). Tesseract reads such a page as noise with a mean word confidence of 16-40,
where the upright pages of the dev scans read at 89 and more and the worst fax at 45. So only a
page read with less than TURN_CHECK confidence is shown to the engine's orientation detection
(the `osd` model; 0.4 CPU s on a half-size copy, nothing on the pages that read well), and
`ocr.scanpage` keeps the turned reading only when it reads better.
"""

from __future__ import annotations

import logging

from PIL import Image

from ocr import libtesseract

# Counter-clockwise turns by degrees: how a page found turned is brought upright for reading
# (and its scan for the report's crops, whose boxes are in the upright frame).
TURNS = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
         270: Image.Transpose.ROTATE_270}

log = logging.getLogger(__name__)

TURN_CHECK = 50.0  # mean word confidence under which a page may be turned
MIN_TEXT = 200  # characters: a page with less (a blank back, a stamp) is not worth turning
OSD_SCALE = 2  # the detection looks at a copy this many times smaller (150 dpi for 300)


def may_be_turned(confidence: float | None, text: str) -> bool:
    """Whether a reading is poor enough, on enough text, to ask which way up the page is."""
    return confidence is not None and confidence < TURN_CHECK and len(text.strip()) >= MIN_TEXT


def upright_turn(image: Image.Image, dpi: int | None = None) -> int:
    """Degrees (counter-clockwise, as `Image.rotate` turns) that bring the page upright:
    0, 90, 180 or 270; 0 also when the detection finds too little to go by."""
    small = image.convert("L").reduce(OSD_SCALE)
    resolution = dpi // OSD_SCALE if dpi else None
    found = _detect(small, resolution)
    if found is None:
        return 0
    degrees, confidence = found
    log.debug("orientation: turned by %d degrees (confidence %.1f)", degrees, confidence)
    return degrees % 360 if degrees % 90 == 0 else 0


def _detect(image: Image.Image, resolution: int | None) -> tuple[int, float] | None:
    engine = libtesseract.engine(libtesseract.EngineKey("osd", 0, variables=()))
    if engine is not None:
        return engine.orientation(image, resolution)
    import pytesseract  # the command, where the library cannot be loaded

    try:
        found = pytesseract.image_to_osd(image, output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:  # "Too few characters"
        return None
    return int(found["orientation"]), float(found["orientation_conf"])
