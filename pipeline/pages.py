"""The per-page work that runs in worker processes: read, repair, and judge a text layer."""

from __future__ import annotations

from dataclasses import replace

from extract.thai_repair import dictionary_coverage, repair
from ocr.models import Page, PageMethod
from ocr.pdf import is_thai
from ocr.reader import PageTask, read_page
from ocr.tesseract import OcrSettings

# A repaired text layer whose Thai words are found in the dictionary less often than this is
# junk (wrong character map, broken glyph order beyond repair): OCR the page instead.
MIN_LAYER_COVERAGE = 0.80


def process_page(task: PageTask, settings: OcrSettings, do_repair: bool = True) -> Page:
    page = read_page(task, settings)
    text = repair(page.raw_text)
    if page.method is PageMethod.TEXT_LAYER and is_thai(text):
        coverage = dictionary_coverage(text)
        if coverage < MIN_LAYER_COVERAGE:
            reason = f"text layer unreadable ({coverage:.0%} of Thai words in the dictionary)"
            page = read_page(task, settings, force_ocr=reason)
            text = repair(page.raw_text)
    layout = page.layout
    if layout is not None and do_repair:
        layout = layout.map_text(repair)
    return replace(page, text=text if do_repair else page.raw_text, layout=layout)
