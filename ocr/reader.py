"""Turn one page of any input into raw text, choosing text layer or OCR per page."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from ocr import tesseract
from ocr.layout import text_only
from ocr.models import InputError, InputKind, Page, PageMethod, SourceDocument
from ocr.tesseract import OcrSettings
from ocr.textfile import read_text_pages

log = logging.getLogger(__name__)

# The readers of PDFs, images and scans (pdfplumber, PDFium, OpenCV) are imported where a page
# is planned or read: the main process of a re-run whose pages all come from the ledger, and of
# every run for its own part, never needs OpenCV; a warm re-run needs none of them.


@dataclass(frozen=True)
class PageTask:
    """One unit of work, small enough to send to another process."""

    path: Path
    kind: InputKind
    index: int  # 0-based page index
    text: str | None = None  # page text already known (text files)


def plan_pages(doc: SourceDocument) -> list[PageTask]:
    """List the pages of a document; opening it here surfaces corrupt files early."""
    if doc.kind is InputKind.TEXT:
        return [
            PageTask(doc.path, doc.kind, i, text)
            for i, text in enumerate(read_text_pages(doc.path))
        ]
    from ocr import images, pdf

    if doc.kind is InputKind.PDF:
        count = pdf.page_count(doc.path)
    else:
        count = images.frame_count(doc.path)
    return [PageTask(doc.path, doc.kind, i) for i in range(count)]


# Below this a scan is still rendered larger: Tesseract wants an x-height of about 20 pixels.
MIN_SCAN_DPI = 150


def render_dpi(path: Path, index: int, settings: OcrSettings) -> int:
    """The dpi to render a PDF page at: a scanned page at its own resolution, at most `dpi`."""
    from ocr import pdf

    own = pdf.image_dpi(path, index) if settings.own_resolution else None
    if own is None:
        return settings.dpi
    return max(MIN_SCAN_DPI, min(settings.dpi, round(own)))


def read_page(task: PageTask, settings: OcrSettings, force_ocr: str | None = None) -> Page:
    """Raw text of one page (no repair); `force_ocr` gives the reason to skip a text layer."""
    start = time.perf_counter()
    number = task.index + 1
    if task.kind is InputKind.TEXT:
        text = task.text or ""
        return Page(number, PageMethod.TEXT_FILE, text, layout=text_only(text.splitlines()))
    from ocr import images, pdf, scanpage

    warnings: tuple[str, ...] = ()
    dpi = settings.dpi
    if task.kind is InputKind.PDF:
        layer = "" if force_ocr else pdf.text_layer(task.path, task.index)
        problem = force_ocr or pdf.text_layer_problem(layer)
        if problem is None:
            layout = pdf.page_layout(task.path, task.index)
            if layout.tables:
                layer = layout.text()  # a table page reads like the table
            return Page(
                number, PageMethod.TEXT_LAYER, layer, seconds=time.perf_counter() - start,
                layout=layout,
            )
        if problem != "no text layer":
            warnings = (f"page {number}: {problem}; OCR used instead",)
        dpi = render_dpi(task.path, task.index, settings)
        image = pdf.render_page(task.path, task.index, dpi)
        found = pdf.scan_image(task.path, task.index)
        bilevel = found is not None and found[1] == 1
    else:
        image = images.load_frame(task.path, task.index)
        bilevel = images.is_bilevel(task.path, task.index)
    if settings.preprocess:
        image = images.preprocess(image)
    try:
        result = scanpage.read_image(image, settings, bilevel=bilevel,
                                     dpi=dpi if task.kind is InputKind.PDF else None)
    except tesseract.OcrError as exc:
        raise InputError(task.path, f"page {number}: {exc}", stage="ocr") from None
    finally:
        image.close()
    if result.turned:
        warnings += (f"page {number}: turned by {result.turned} degrees to be read upright",)
    return Page(
        number,
        PageMethod.OCR,
        result.text,
        confidence=result.confidence,
        seconds=time.perf_counter() - start,
        warnings=warnings,
        lines=result.lines,
        dpi=dpi if task.kind is InputKind.PDF else None,
        layout=result.layout,
        turned=result.turned,
    )
