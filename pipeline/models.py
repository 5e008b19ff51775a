"""Records of a batch run."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ocr.models import Page, SourceDocument
from ocr.tesseract import OcrSettings


class Status(StrEnum):
    SUCCESS = "success"
    PARTIAL = "partial"  # some pages failed
    FAILURE = "failure"


@dataclass(frozen=True)
class ErrorRecord:
    """One problem with one input, as written to errors.csv."""

    file: str
    stage: str  # sniff, open, read, ocr, extract, write
    reason: str
    page: int | None = None


@dataclass(frozen=True)
class RunOptions:
    ocr: OcrSettings = field(default_factory=OcrSettings)
    workers: int = 1
    edition: str | None = None  # force a catalog edition instead of guessing
    repair: bool = True


@dataclass
class DocumentResult:
    """Everything the batch knows about one input file."""

    source: SourceDocument
    name: str  # output folder name, unique in the batch
    pages: list[Page] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    extraction: Any = None  # extract.document.Extraction once extraction ran
    seconds: float = 0.0

    @property
    def status(self) -> Status:
        if not self.pages:
            return Status.FAILURE
        return Status.PARTIAL if self.errors else Status.SUCCESS


@dataclass
class BatchResult:
    out_dir: Path
    documents: list[DocumentResult] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)  # every error, including unopened files
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.errors)
