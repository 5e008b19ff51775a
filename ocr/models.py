"""Records that leave the ocr stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ocr.layout import PageLayout
    from ocr.tesseract import LineBox


class InputKind(StrEnum):
    PDF = "pdf"
    IMAGE = "image"
    TEXT = "text"


class PageMethod(StrEnum):
    """How a page's text was obtained."""

    TEXT_FILE = "text"  # already-OCR'd text file
    TEXT_LAYER = "text-layer"  # PDF text layer read with pdfplumber
    OCR = "ocr"  # rendered or scanned image read with Tesseract


@dataclass(frozen=True)
class SourceDocument:
    """One input file of a batch."""

    path: Path
    kind: InputKind
    sha256: str
    size: int

    @property
    def name(self) -> str:
        """Output folder name: the file stem (unique within a batch is the caller's job)."""
        return self.path.stem


@dataclass(frozen=True)
class Page:
    """Text of one page and how it was made."""

    number: int  # 1-based
    method: PageMethod
    raw_text: str  # as the engine or text layer produced it
    text: str = ""  # after Thai repair
    confidence: float | None = None  # Tesseract mean word confidence 0-100, None if not OCR
    seconds: float = 0.0
    warnings: tuple[str, ...] = field(default_factory=tuple)
    # OCR'd pages only: each text line's box in pixels at `dpi`, for crops in the review queue.
    lines: tuple[LineBox, ...] = field(default_factory=tuple)
    dpi: int | None = None
    # Words, lines, rules and tables with their boxes (None: not read, e.g. an old cache entry).
    layout: PageLayout | None = None
    # Degrees (counter-clockwise, 0/90/180/270) the image was turned to be read upright: the
    # line boxes and the layout are in the turned image's pixels.
    turned: int = 0


class InputError(Exception):
    """A file that cannot be read; the message is one line meant for the user."""

    def __init__(self, path: Path | str, reason: str, stage: str = "read") -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason
        self.stage = stage
