"""The library entry point: run a batch and write every output (raises on usage errors)."""

from __future__ import annotations

import logging
from pathlib import Path

from pipeline import writers
from pipeline.batch import run_batch
from pipeline.models import BatchResult, DocumentResult, ErrorRecord, RunOptions
from pipeline.outputs import write_document_pages, write_errors

log = logging.getLogger(__name__)


class UsageError(Exception):
    """Bad arguments that argparse could not catch (missing input, unknown edition)."""


def extract_pages(doc: DocumentResult, options: RunOptions) -> None:
    from extract.document import extract_document

    doc.extraction = extract_document(
        doc.name, [(p.number, p.text) for p in doc.pages], edition=options.edition
    )


def run_pipeline(inputs: list[Path], out_dir: Path, options: RunOptions) -> BatchResult:
    if not any(p.exists() for p in inputs):
        raise UsageError(f"no input found: {', '.join(map(str, inputs))}")
    out_dir.mkdir(parents=True, exist_ok=True)

    def on_document(doc: DocumentResult) -> None:
        # Each document's files are written as soon as it is done: a crash later loses nothing.
        if not doc.pages:
            return
        write_document_pages(out_dir, doc)
        try:
            extract_pages(doc, options)
        except Exception as exc:
            log.error("%s: extraction failed: %s", doc.source.path, exc, exc_info=log.isEnabledFor(10))
            doc.errors.append(ErrorRecord(str(doc.source.path), "extract", f"{type(exc).__name__}: {exc}"))
            return
        from pipeline.tables import extraction_record

        writers.write_json(out_dir / doc.name / "document.json", extraction_record(doc.extraction))

    batch = run_batch(inputs, out_dir, options, on_document=on_document)
    from pipeline.tables import write_batch_tables

    write_batch_tables(out_dir, [d.extraction for d in batch.documents if d.extraction is not None])
    write_errors(out_dir, batch)
    return batch
