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
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageFilter, ImageOps
from rapidfuzz import fuzz

from ocr.orientation import TURNS
from ocr.tesseract import LineBox
from pipeline.report.load import DocumentData

log = logging.getLogger(__name__)

CROP_DPI = 150  # scans are shown at this resolution: Thai stays legible, files stay small
LINE_HEIGHT = 34  # without a known dpi (images), a typical line is scaled to this height
MAX_WIDTH = 640  # pixels: the head of a line, shown 1:1 in the review table
MAX_LINES = 3  # the head of an item is enough to check its number and first words
NEEDLE_CHARS = 120
SHORT_NEEDLE = 40  # letters: names, not items
PAD = 6
GREY_LEVELS = 4  # still legible for a scanned line; PNGs ~40% smaller than with 16
PAPER = 190  # after contrast stretch, greys this light are background

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


@dataclass(frozen=True)
class Alignment:
    """Where a text sits among a page's OCR lines."""

    lines: tuple[int, ...]  # indices, at most MAX_LINES, vertically adjacent; () if not found
    score: float  # rapidfuzz alignment score 0-100
    start: float = 0.0  # where in the first line the text begins, as a fraction of its letters


def align_lines(text: str, lines: Sequence[LineBox]) -> Alignment:
    """The lines where `text` begins (none when the best alignment is too weak to trust)."""
    needle = match_key(text)[:NEEDLE_CHARS]
    keys = [match_key(line.text) for line in lines]
    hay = "".join(keys)
    if len(needle) < 4 or not hay:
        return Alignment((), 0.0)
    found = fuzz.partial_ratio_alignment(needle, hay)
    # Short needles (names) match by chance more easily.
    if found is None or found.score < (75 if len(needle) < 25 else 60):
        return Alignment((), found.score if found else 0.0)
    spans = []
    offset = 0
    for key in keys:
        spans.append((offset, offset + len(key)))
        offset += len(key)
    inside = [
        i for i, (a, b) in enumerate(spans)
        if keys[i] and min(b, found.dest_end) - max(a, found.dest_start) > 0
    ]
    if not inside:
        return Alignment((), found.score)
    # The alignment window is as long as the needle and may reach into the item above; the
    # line where the text begins is the one that reads like the needle's head.
    first = max(inside, key=lambda i: (_head_score(needle, keys[i]), -i))
    chosen = [first]
    for index in range(first + 1, min(first + MAX_LINES, len(lines))):
        if index not in inside or not _adjacent(lines[chosen[-1]], lines[index]):
            break
        chosen.append(index)
    line_start, line_end = spans[first]
    start = 0.0
    if len(needle) < SHORT_NEEDLE and line_start < found.dest_start < line_end:
        # A name in a table row that Tesseract read as one line across all columns. (A long
        # text such as an item begins its line; the window of a long alignment can start early.)
        start = (found.dest_start - line_start) / (line_end - line_start)
    return Alignment(tuple(chosen), found.score, start)


def _head_score(needle: str, key: str) -> float:
    head = needle[: len(key)]
    return fuzz.partial_ratio(head, key) if len(head) >= 4 else 0.0


def _adjacent(upper: LineBox, lower: LineBox) -> bool:
    # Tesseract orders table cells by block: the "next" line may sit in another column.
    gap = lower.top - (upper.top + upper.height)
    return -upper.height < gap < 1.5 * max(upper.height, lower.height)


def png_data_uri(
    image: Image.Image, boxes: Sequence[LineBox], start: float = 0.0, scale: float | None = None,
) -> str:
    """Crop the union of `boxes` (with a margin), downscale, reduce greys, encode.

    `scale` defaults to bringing the boxes' median height to LINE_HEIGHT. A line wider than
    MAX_WIDTH at that scale is cut, keeping the part from `start` (a fraction of the first box's
    width) on, where the text begins.
    """
    if scale is None:
        scale = LINE_HEIGHT / (statistics.median(b.height for b in boxes) or 1)
    scale = min(1.0, scale)
    left = max(0, min(b.left for b in boxes) - PAD)
    right = min(image.width, max(b.left + b.width for b in boxes) + PAD)
    span = MAX_WIDTH / scale
    if right - left > span:
        # Back off a little from the estimate: letters are not all the same width.
        wanted = boxes[0].left + start * boxes[0].width - span * 0.15
        left = int(max(left, min(wanted, right - span)))
        right = int(left + span)
    top = max(0, min(b.top for b in boxes) - PAD)
    bottom = min(image.height, max(b.top + b.height for b in boxes) + PAD)
    crop = image.crop((left, top, right, bottom)).convert("L")
    if scale < 0.75:
        # Speckle of a poor scan survives downscaling as grey noise that PNG cannot compress;
        # strokes at scan resolution are wider than the filter.
        crop = crop.filter(ImageFilter.MedianFilter(3))
    if scale < 1.0:
        size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
        crop = crop.resize(size, Image.Resampling.LANCZOS)
    # No dithering: dither noise costs PNG compression more than it adds legibility.
    # Paper texture and scanner noise are most of a PNG's bytes: light greys become white.
    crop = ImageOps.autocontrast(crop, cutoff=1).point(lambda v: 255 if v >= PAPER else v)
    small = crop.quantize(colors=GREY_LEVELS, dither=Image.Dither.NONE)
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
            image = self._load(number)
            page = self.doc.page(number)
            if image is not None and page is not None and page.turned in TURNS:
                # Turned as it was for reading, so that the line boxes fall on their lines.
                image = image.transpose(TURNS[page.turned])
            self._images[number] = image
        return self._images[number]

    def _load(self, number: int) -> Image.Image | None:
        from ocr.models import InputError

        page = self.doc.page(number)
        if self.path is None or page is None:
            return None
        try:
            if self.doc.kind == "pdf":
                from ocr.pdf import render_page

                # Rendered at the resolution crops are shown at, not the OCR's: a quarter of
                # the pixels to draw, and nothing to scale down afterwards.
                return render_page(self.path, number - 1, min(page.dpi or 300, CROP_DPI))
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
        found = align_lines(text, page.lines)
        if not found.lines:
            return Crop(None, f"line not found on page {number}", found.score)
        crop = self.crop_lines(number, [page.lines[i] for i in found.lines], found.start)
        return Crop(crop.data_uri, crop.note, found.score)

    def crop_lines(self, number: int, boxes: Sequence[LineBox], start: float = 0.0) -> Crop:
        problem = self._page_problem(number)
        if problem:
            return Crop(None, problem)
        image = self._image(number)
        if image is None:
            return Crop(None, f"page {number} could not be rendered")
        page = self.doc.page(number)
        # By resolution when known, not by box height: Tesseract may box a skewed line or a whole
        # table row (several lines of text in its cells) as one line.
        dpi = (page.dpi if page else None) or _image_dpi(image)
        scale = CROP_DPI / dpi if dpi else None
        if self.doc.kind == "pdf" and scale is not None and scale < 1.0:
            # The page was rendered at CROP_DPI already (`_load`): its boxes are brought to it.
            boxes = [_scaled(b, scale) for b in boxes]
            scale = 1.0
        data = png_data_uri(image, boxes, start, scale)
        return Crop(data, " / ".join(b.text for b in boxes))


def _scaled(box: LineBox, factor: float) -> LineBox:
    return replace(box, left=round(box.left * factor), top=round(box.top * factor),
                   width=max(1, round(box.width * factor)),
                   height=max(1, round(box.height * factor)))


def _image_dpi(image: Image.Image) -> float | None:
    """The resolution an image file declares (pages.json has none for image inputs)."""
    dpi = image.info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        return None
    # 72 and below is what many tools write when they do not know.
    return value if value > 72 else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
