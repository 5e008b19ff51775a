"""The per-page work that runs in worker processes: read, then repair."""

from __future__ import annotations

from dataclasses import replace

from extract.thai_repair import repair
from ocr.models import Page
from ocr.reader import PageTask, read_page
from ocr.tesseract import OcrSettings


def process_page(task: PageTask, settings: OcrSettings, do_repair: bool = True) -> Page:
    page = read_page(task, settings)
    return replace(page, text=repair(page.raw_text) if do_repair else page.raw_text)
