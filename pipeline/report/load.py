"""Read an output folder back for the HTML report (the report sees only what a run wrote)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocr.tesseract import LineBox
from pipeline.writers import read_csv

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageInfo:
    """One page as pages.json records it (the text itself is not needed by the report)."""

    number: int
    method: str  # ocr / text-layer / text
    confidence: float | None
    dpi: int | None
    lines: tuple[LineBox, ...]
    turned: int = 0  # degrees the scan was turned to be read (the boxes are in that frame)


@dataclass(frozen=True)
class DocumentData:
    """One document folder: pages.json and, when extraction ran, document.json."""

    name: str
    source: str
    sha256: str
    kind: str  # pdf / image / text
    status: str
    pages: tuple[PageInfo, ...]
    errors: tuple[dict[str, Any], ...]
    extraction: dict[str, Any] | None  # document.json as written; None when extraction failed

    def page(self, number: int) -> PageInfo | None:
        return next((p for p in self.pages if p.number == number), None)

    @property
    def edition(self) -> str:
        return str((self.extraction or {}).get("edition") or "")

    def records(self, key: str) -> list[dict[str, Any]]:
        """A list of document.json ("items", "assignments", ...), empty when absent."""
        value = (self.extraction or {}).get(key)
        return value if isinstance(value, list) else []


@dataclass(frozen=True)
class BatchData:
    out_dir: Path
    documents: tuple[DocumentData, ...]
    errors: tuple[dict[str, str], ...]  # errors.csv rows: file, stage, page, reason


def _line(raw: dict[str, Any]) -> LineBox:
    return LineBox(
        int(raw["left"]), int(raw["top"]), int(raw["width"]), int(raw["height"]),
        str(raw.get("text") or ""), raw.get("confidence"),
    )


def _page(raw: dict[str, Any]) -> PageInfo:
    return PageInfo(
        number=int(raw["page"]),
        method=str(raw.get("method") or ""),
        confidence=raw.get("confidence"),
        dpi=raw.get("dpi"),
        lines=tuple(_line(b) for b in raw.get("lines") or ()),
        turned=int(raw.get("turned") or 0),
    )


def load_document(folder: Path) -> DocumentData:
    """Raise ValueError (with the file) when pages.json is unreadable."""
    try:
        pages = json.loads((folder / "pages.json").read_text(encoding="utf-8"))
        page_list = tuple(_page(p) for p in pages.get("pages") or ())
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{folder / 'pages.json'}: {type(exc).__name__}: {exc}") from None
    extraction = None
    doc_file = folder / "document.json"
    if doc_file.is_file():
        try:
            extraction = json.loads(doc_file.read_text(encoding="utf-8"))
        except ValueError as exc:
            log.warning("%s: unreadable, shown without extraction: %s", doc_file, exc)
    return DocumentData(
        name=str(pages.get("document") or folder.name),
        source=str(pages.get("source") or ""),
        sha256=str(pages.get("sha256") or ""),
        kind=str(pages.get("kind") or ""),
        status=str(pages.get("status") or ""),
        pages=page_list,
        errors=tuple(pages.get("errors") or ()),
        extraction=extraction if isinstance(extraction, dict) else None,
    )


def load_batch(out_dir: Path) -> BatchData:
    documents = []
    errors: list[dict[str, str]] = []
    if (out_dir / "errors.csv").is_file():
        errors.extend(read_csv(out_dir / "errors.csv"))
    for folder in sorted(p for p in out_dir.iterdir() if (p / "pages.json").is_file()):
        try:
            documents.append(load_document(folder))
        except ValueError as exc:
            log.warning("%s", exc)
            errors.append({"file": folder.name, "stage": "report", "page": "", "reason": str(exc)})
    return BatchData(out_dir, tuple(documents), tuple(errors))
