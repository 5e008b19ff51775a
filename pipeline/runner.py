"""The library entry point: run a batch and write every output (raises on usage errors)."""

from __future__ import annotations

import logging
from pathlib import Path

from pipeline.batch import run_batch
from pipeline.models import BatchResult, DocumentResult, RunOptions
from pipeline.outputs import write_document_pages, write_errors

log = logging.getLogger(__name__)


def run_pipeline(inputs: list[Path], out_dir: Path, options: RunOptions) -> BatchResult:
    from pipeline.cli import UsageError

    if not any(p.exists() for p in inputs):
        raise UsageError(f"no input found: {', '.join(map(str, inputs))}")
    out_dir.mkdir(parents=True, exist_ok=True)

    def on_document(doc: DocumentResult) -> None:
        if doc.pages:
            write_document_pages(out_dir, doc)

    batch = run_batch(inputs, out_dir, options, on_document=on_document)
    write_errors(out_dir, batch)
    return batch
