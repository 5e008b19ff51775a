"""Crops of scanned lines for the review queue: the line as the scanner saw it, as a small PNG.

A line is found by aligning the extracted text against the page's OCR lines (pages.json keeps
each line's box and raw letters). Both sides are reduced to base letters and digits first, so that
Thai repair, tone-mark swaps and spaces do not stop the match.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from rapidfuzz import fuzz

from ocr.tesseract import LineBox
from pipeline.report_load import DocumentData

log = logging.getLogger(__name__)

LINE_HEIGHT = 30  # pixels per text line in the report: legible Thai, small files
MAX_WIDTH = 820
MAX_LINES = 3  # the head of an item is enough to check its number and first words
NEEDLE_CHARS = 120
PAD = 6
GREY_LEVELS = 16  # a scan line needs no more; keeps each PNG to a few KB

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass(frozen=True)
class Crop:
    """A crop as a data URI, or None with the reason shown instead."""

    data_uri: str | None
    note: str
    score: float | None = None  # alignment score 0-100 of the text against the lines


def match_key(text: str) -> str:
    """Base letters and digits only: what survives OCR noise and Thai repair on both sides.

    >>> match_key("คำสั่ง ๑๒")
    'คาสง12'
    """
    text = unicodedata.normalize("NFKC", text).translate(_THAI_DIGITS).lower()
    return "".join(ch for ch in text if ch.isalnum())


def align_lines(text: str, lines: Sequence[LineBox]) -> tuple[list[int], float]:
    """Indices of the lines (at most MAX_LINES, vertically adjacent) where `text` begins.

    Returns ([], score) when the best alignment is too weak to trust.
    """
    needle = match_key(text)[:NEEDLE_CHARS]
    keys = [match_key(line.text) for line in lines]
    hay = "".join(keys)
    if len(needle) < 4 or not hay:
        return [], 0.0
    found = fuzz.partial_ratio_alignment(needle, hay)
    # Short needles (names) match by chance more easily.
    if found is None or found.score < (75 if len(needle) < 25 else 60):
        return [], found.score if found else 0.0
    chosen: list[int] = []
    offset = 0
    for index, key in enumerate(keys):
        start, end = offset, offset + len(key)
        offset = end
        overlap = min(end, found.dest_end) - max(start, found.dest_start)
        # A line that only shares a few letters with the alignment's edge belongs to its
        # neighbour (the end of the heading above, the start of the next item).
        if key and overlap > 0 and (overlap >= 12 or overlap >= len(key) / 2):
            if chosen and not _adjacent(lines[chosen[-1]], lines[index]):
                break
            chosen.append(index)
            if len(chosen) == MAX_LINES:
                break
    return chosen, found.score


def _adjacent(upper: LineBox, lower: LineBox) -> bool:
    # Tesseract orders table cells by block: the "next" line may sit in another column.
    gap = lower.top - (upper.top + upper.height)
    return -upper.height < gap < 1.5 * max(upper.height, lower.height)


def png_data_uri(image: Image.Image, boxes: Sequence[LineBox]) -> str:
    """Crop the union of `boxes` (with a margin), downscale, reduce greys, encode."""
    left = max(0, min(b.left for b in boxes) - PAD)
    top = max(0, min(b.top for b in boxes) - PAD)
    right = min(image.width, max(b.left + b.width for b in boxes) + PAD)
    bottom = min(image.height, max(b.top + b.height for b in boxes) + PAD)
    crop = image.crop((left, top, right, bottom)).convert("L")
    line_height = statistics.median(b.height for b in boxes) or 1
    scale = min(1.0, LINE_HEIGHT / line_height, MAX_WIDTH / max(crop.width, 1))
    if scale < 1.0:
        size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
        crop = crop.resize(size, Image.Resampling.LANCZOS)
    small = crop.quantize(colors=GREY_LEVELS)
    buf = io.BytesIO()
    small.save(buf, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


class ScanCropper:
    """Crops for one document; page images are rendered once and kept while it lives."""

    def __init__(self, doc: DocumentData, out_dir: Path) -> None:
        self.doc = doc
        self._images: dict[int, Image.Image | None] = {}
        self.path, self.problem = self._locate(out_dir)

    def _locate(self, out_dir: Path) -> tuple[Path | None, str]:
        if self.doc.kind == "text":
            return None, "no scan (text input)"
        if not any(p.lines for p in self.doc.pages):
            return None, "no scan (PDF text layer)" if self.doc.kind == "pdf" else "no line boxes"
        source = Path(self.doc.source)
        # pages.json keeps the path as given to `run`: relative to where it was run.
        candidates = [source] if source.is_absolute() else [
            Path.cwd() / source, out_dir.parent / source, out_dir / source
        ]
        path = next((c for c in candidates if c.is_file()), None)
        if path is None:
            return None, f"scan not found: {self.doc.source}"
        if self.doc.sha256 and _sha256(path) != self.doc.sha256:
            return None, f"scan changed since the run: {self.doc.source}"
        return path, ""

    def _image(self, number: int) -> Image.Image | None:
        if number not in self._images:
            self._images[number] = self._load(number)
        return self._images[number]

    def _load(self, number: int) -> Image.Image | None:
        from ocr.models import InputError

        page = self.doc.page(number)
        if self.path is None or page is None:
            return None
        try:
            if self.doc.kind == "pdf":
                from ocr.pdf import render_page

                return render_page(self.path, number - 1, page.dpi or 300)
            from ocr.images import load_frame

            return load_frame(self.path, number - 1)
        except (InputError, OSError, IndexError) as exc:
            log.warning("%s page %d: no crop: %s", self.doc.name, number, exc)
            return None

    def _page_problem(self, number: int) -> str | None:
        if self.path is None:
            return self.problem
        page = self.doc.page(number)
        if page is None:
            return f"page {number} not in pages.json"
        if page.method != "ocr" or not page.lines:
            return "no scan (PDF text layer)" if page.method == "text-layer" else "no line boxes"
        return None

    def crop_text(self, number: int, text: str) -> Crop:
        """The scanned lines of page `number` where `text` begins."""
        problem = self._page_problem(number)
        if problem:
            return Crop(None, problem)
        page = self.doc.page(number)
        assert page is not None
        chosen, score = align_lines(text, page.lines)
        if not chosen:
            return Crop(None, f"line not found on page {number}", score)
        crop = self.crop_lines(number, [page.lines[i] for i in chosen])
        return Crop(crop.data_uri, crop.note, score)

    def crop_lines(self, number: int, boxes: Sequence[LineBox]) -> Crop:
        problem = self._page_problem(number)
        if problem:
            return Crop(None, problem)
        image = self._image(number)
        if image is None:
            return Crop(None, f"page {number} could not be rendered")
        return Crop(png_data_uri(image, boxes), " / ".join(b.text for b in boxes))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
