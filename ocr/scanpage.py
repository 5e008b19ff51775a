"""Read a page image into text and layout: tables found first, then read cell by cell."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np
from PIL import Image

from ocr import montage, orientation, scan, tesseract, wordlines
from ocr.layout import PageLayout, Table
from ocr.numbers.page import reread_numbers
from ocr.tesseract import LineBox, OcrResult, OcrSettings

log = logging.getLogger(__name__)

# Cell boxes run along the rules' centres; read inside them, clear of the (erased) rule.
CELL_INSET = 4


@dataclass(frozen=True)
class ScanReading:
    text: str
    confidence: float | None
    lines: tuple[LineBox, ...]
    layout: PageLayout
    turned: int = 0  # degrees (counter-clockwise) the page was turned by to be read upright


def read_image(image: Image.Image, settings: OcrSettings, bilevel: bool | None = None,
               dpi: int | None = None) -> ScanReading:
    """OCR one page image; a table page's text follows the table's reading order.

    `bilevel`: the page was scanned at one bit per pixel (a fax); None: judged by the image's
    own mode. A page that reads poorly is asked which way up it is (`ocr.orientation`); turned
    upright, it is read again and the better reading kept.
    """
    reading = _read(image, settings, bilevel)
    if not orientation.may_be_turned(reading.confidence, reading.text):
        return reading
    turn = orientation.upright_turn(image, dpi)
    if not turn:
        return reading
    upright = image.transpose(orientation.TURNS[turn])
    again = replace(_read(upright, settings, bilevel), turned=turn)
    log.info("page turned by %d degrees: confidence %.1f -> %.1f", turn,
             reading.confidence or 0.0, again.confidence or 0.0)
    better = (again.confidence or 0.0) > (reading.confidence or 0.0) + TURN_GAIN
    return again if better else reading


# A turned reading replaces the first only when its confidence is this much higher.
TURN_GAIN = 10.0


def _read(image: Image.Image, settings: OcrSettings, bilevel: bool | None) -> ScanReading:
    geometry = scan.analyse(image, bilevel=image.mode == "1" if bilevel is None else bilevel)
    width, height = geometry.image.size
    if not geometry.tables:
        # No table: the cleaned page (paper flattened, photos unwarped), read as a whole.
        result, words = tesseract.recognise_words(geometry.image, settings)
        result, words = reread_numbers(geometry.image, result, words, settings)
        layout = PageLayout(
            float(width), float(height), "px", lines=tuple(wordlines.lines_of(words)),
            rules=geometry.rules, words=words, skew=geometry.skew,
        )
        return ScanReading(result.text, result.confidence, result.lines, layout)
    if settings.cells == "crop":
        return _read_crops(geometry, settings)
    if settings.cells == "stack":
        return _read_stacked(geometry, settings)
    result, words = tesseract.recognise_words(geometry.image, settings)
    result, words = reread_numbers(geometry.image, result, words, settings, geometry.tables)
    tables, outside = wordlines.fill(geometry.tables, words)
    layout = PageLayout(
        float(width), float(height), "px", lines=tuple(wordlines.lines_of(outside)),
        tables=tuple(tables), rules=geometry.rules, words=words, skew=geometry.skew,
    )
    return ScanReading(layout.text(), result.confidence, result.lines, layout)


def _read_crops(geometry: scan.ScanGeometry, settings: OcrSettings) -> ScanReading:
    """The text outside tables in one run, then every cell's crop through the in-process API."""
    page = np.asarray(geometry.image).copy()
    for t in geometry.tables:
        x0, top, x1, bottom = (int(v) for v in t.box)
        page[max(top, 0) : bottom + 1, max(x0, 0) : x1 + 1] = 255
    result, words = tesseract.recognise_words(Image.fromarray(page), settings)
    tables: list[Table] = []
    confs: list[float] = []
    for t in geometry.tables:
        boxes = [
            (c.box[0] + CELL_INSET, c.box[1] + CELL_INSET, c.box[2] - CELL_INSET,
             c.box[3] - CELL_INSET)
            for c in t.cells
        ]
        read = tesseract.recognise_regions(geometry.image, boxes, settings)
        cells = tuple(
            replace(c, text="\n".join(ln for ln in text.splitlines() if ln.strip()),
                    confidence=conf)
            for c, (text, conf) in zip(t.cells, read, strict=True)
        )
        confs += [conf for _, conf in read if conf is not None]
        tables.append(replace(t, cells=cells))
    width, height = geometry.image.size
    layout = PageLayout(
        float(width), float(height), "px", lines=tuple(wordlines.lines_of(words)),
        tables=tuple(tables), rules=geometry.rules, words=words, skew=geometry.skew,
    )
    if result.confidence is not None:
        confs.append(result.confidence)
    confidence = round(sum(confs) / len(confs), 2) if confs else None
    return ScanReading(layout.text(), confidence, result.lines, layout)


def _read_stacked(geometry: scan.ScanGeometry, settings: OcrSettings) -> ScanReading:
    """The text outside tables in one run over the page with its tables whitened, every cell
    in a second run over the stack of their crops (`ocr.montage`)."""
    page = np.asarray(geometry.image).copy()
    for t in geometry.tables:
        x0, top, x1, bottom = (int(v) for v in t.box)
        page[max(top, 0) : bottom + 1, max(x0, 0) : x1 + 1] = 255
    around, outside = tesseract.recognise_words(Image.fromarray(page), settings)
    inside, cell_words = montage.read_cells(geometry.image, geometry.tables, settings)
    words = outside + cell_words
    confs = [w.confidence for w in words if w.confidence is not None]
    result = OcrResult(
        around.text, round(sum(confs) / len(confs), 2) if confs else None,
        around.lines + inside.lines,
    )
    result, words = reread_numbers(geometry.image, result, words, settings, geometry.tables)
    tables, rest = wordlines.fill(geometry.tables, words)
    width, height = geometry.image.size
    layout = PageLayout(
        float(width), float(height), "px", lines=tuple(wordlines.lines_of(rest)),
        tables=tuple(tables), rules=geometry.rules, words=words, skew=geometry.skew,
    )
    return ScanReading(layout.text(), result.confidence, result.lines, layout)
