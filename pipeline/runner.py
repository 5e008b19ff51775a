"""The library entry point: run a batch and write every output (raises on usage errors).

Each document's files are written as soon as it is done; the batch tables are rebuilt at the end
from the extractions of every document of this run, those re-used from the ledger included, so
a resumed or repeated run never duplicates or loses a row.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pipeline import writers
from pipeline.batch import Finished, run_batch
from pipeline.executors import ClusterError, PageExecutor, make_executor
from pipeline.ledger import Ledger
from pipeline.models import BatchResult, DocumentResult, ErrorRecord, RunOptions
from pipeline.outputs import write_document_pages, write_errors

log = logging.getLogger(__name__)

# The files of a document folder; a re-used document is rewritten if any is missing.
DOCUMENT_FILES = ("pages.json", "text.txt", "document.json")


class UsageError(Exception):
    """Bad arguments that argparse could not catch (missing input, unknown edition)."""


def extract_pages(doc: DocumentResult, options: RunOptions) -> None:
    from extract.document import extract_document

    doc.extraction = extract_document(
        doc.name, [(p.number, p.text) for p in doc.pages], edition=options.edition
    )


def open_executor(options: RunOptions, scheduler: str | None = None) -> PageExecutor:
    """The executor for a run; a Dask cluster that cannot do the work is a usage error."""
    try:
        executor = make_executor(options.workers, scheduler)
        check = getattr(executor, "check", None)
        if check is not None:
            check(options.ocr.lang)
    except ClusterError as exc:
        raise UsageError(str(exc)) from None
    return executor


def run_pipeline(
    inputs: list[Path],
    out_dir: Path,
    options: RunOptions,
    *,
    force: bool = False,
    scheduler: str | None = None,
) -> BatchResult:
    """Process `inputs` into `out_dir`, re-using the ledger's work unless `force`.

    `scheduler` (`tcp://host:port`) sends the pages to a Dask cluster; the ledger and all
    outputs stay here.
    """
    if not any(p.exists() for p in inputs):
        raise UsageError(f"no input found: {', '.join(map(str, inputs))}")
    out_dir.mkdir(parents=True, exist_ok=True)

    def on_document(doc: DocumentResult, finished: Finished) -> None:
        if not doc.pages:
            return
        folder = out_dir / doc.name
        sha256, key = doc.source.sha256, finished.output_key
        # Same file, settings and code as the run that wrote these files: they are current.
        if finished.reused and key and all((folder / n).exists() for n in DOCUMENT_FILES):
            doc.extraction = ledger.cached_extraction(sha256, key, doc.name)
            if doc.extraction is not None:
                return
        write_document_pages(out_dir, doc)
        try:
            extract_pages(doc, options)
        except Exception as exc:
            log.error("%s: extraction failed: %s", doc.source.path, exc,
                      exc_info=log.isEnabledFor(logging.DEBUG))
            doc.errors.append(
                ErrorRecord(str(doc.source.path), "extract", f"{type(exc).__name__}: {exc}")
            )
            return
        from pipeline.tables import extraction_record

        writers.write_json(folder / "document.json", extraction_record(doc.extraction))
        if key:
            ledger.store_extraction(sha256, key, doc.name, doc.extraction)

    executor = open_executor(options, scheduler)
    try:
        with Ledger.open(out_dir) as ledger:
            batch = run_batch(
                inputs, out_dir, options, on_document=on_document,
                ledger=ledger, executor=executor, force=force,
            )
    finally:
        executor.close()
    from pipeline.tables import write_batch_tables

    write_batch_tables(out_dir, [d.extraction for d in batch.documents if d.extraction is not None])
    write_errors(out_dir, batch)
    return batch
