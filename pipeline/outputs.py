"""Per-document and batch output files."""

from __future__ import annotations

import logging
from dataclasses import asdict
from pathlib import Path

from pipeline import writers
from pipeline.models import BatchResult, DocumentResult

log = logging.getLogger(__name__)


def page_records(doc: DocumentResult) -> list[dict[str, object]]:
    return [
        {
            "page": p.number,
            "method": str(p.method),
            "confidence": p.confidence,
            "seconds": round(p.seconds, 3),
            "warnings": list(p.warnings),
            "dpi": p.dpi,
            "turned": p.turned,
            "lines": [asdict(box) for box in p.lines],
            "raw_text": p.raw_text,
            "text": p.text,
            "layout": asdict(p.layout) if p.layout is not None else None,
        }
        for p in doc.pages
    ]


def document_text(doc: DocumentResult) -> str:
    """Repaired text of all pages, a form feed between pages (the usual OCR export form)."""
    return "\f\n".join(p.text for p in doc.pages) + "\n"


def write_document_pages(out_dir: Path, doc: DocumentResult) -> Path:
    folder = out_dir / doc.name
    writers.write_json(
        folder / "pages.json",
        {
            "document": doc.name,
            "source": str(doc.source.path),
            "sha256": doc.source.sha256,
            "kind": str(doc.source.kind),
            "status": str(doc.status),
            "pages": page_records(doc),
            "errors": [e.__dict__ for e in doc.errors],
        },
    )
    writers.write_text(folder / "text.txt", document_text(doc))
    return folder


def write_errors(out_dir: Path, batch: BatchResult) -> None:
    writers.write_csv(
        out_dir / "errors.csv",
        ["file", "stage", "page", "reason"],
        ([e.file, e.stage, e.page, e.reason] for e in batch.errors),
    )
