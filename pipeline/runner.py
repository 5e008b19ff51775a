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
from pipeline.ledger import Ledger, settings_key
from pipeline.models import BatchResult, DocumentResult, ErrorRecord, RunOptions
from pipeline.outputs import write_document_pages, write_errors

log = logging.getLogger(__name__)

# The files of a document folder; a re-used document is rewritten if any is missing.
DOCUMENT_FILES = ("pages.json", "text.txt", "document.json")
# The batch tables; rebuilt unless the batch's documents and keys are those they were made from.
TABLE_FILES = ("assignments.csv", "items.csv", "officers.csv", "validation.csv", "matrix.csv",
               "matrix.xlsx")
REPORT_FILE = "report.html"
TABLES_KEY = "batch_tables"  # ledger meta: the key of the batch the tables were made from


class UsageError(Exception):
    """Bad arguments that argparse could not catch (missing input, unknown edition)."""


def extract_pages(doc: DocumentResult, options: RunOptions) -> None:
    from extract.document import extract_document

    doc.extraction = extract_document(
        doc.name, [(p.number, p.text) for p in doc.pages], edition=options.edition,
        layouts=[p.layout for p in doc.pages],
    )


def open_executor(options: RunOptions, scheduler: str | None = None) -> PageExecutor:
    """The executor for a run; a Dask cluster that cannot do the work is a usage error."""
    try:
        executor = make_executor(options.workers, scheduler)
    except ClusterError as exc:
        raise UsageError(str(exc)) from None
    try:
        executor.check(options.ocr.lang)
    except ClusterError as exc:
        executor.close()
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

    output_keys: set[str | None] = set()

    def on_document(doc: DocumentResult, finished: Finished) -> None:
        output_keys.add(finished.output_key)
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
            executor.close()
            done = [d for d in batch.documents if d.extraction is not None]
            # The tables are a function of the documents' extractions, which are a function of
            # (file, name, settings, code): the same list of those means the same tables.
            key = settings_key({
                "outputs": sorted(map(str, output_keys)),
                "documents": [(d.name, d.source.sha256) for d in done],
            })
            current = all((out_dir / name).exists() for name in TABLE_FILES)
            tables_changed = force or not current or ledger.get_meta(TABLES_KEY) != key
            if tables_changed:
                from pipeline.tables import write_batch_tables

                ledger.set_meta(TABLES_KEY, "")  # a crash while writing leaves no valid key
                write_batch_tables(out_dir, [d.extraction for d in done])
                ledger.set_meta(TABLES_KEY, key)
    finally:
        executor.close()
    write_errors(out_dir, batch)
    if tables_changed or not (out_dir / REPORT_FILE).exists():
        _write_report(out_dir)
    return batch


def _write_report(out_dir: Path) -> None:
    """The HTML report; a failure here is logged, the tables are already written."""
    from pipeline.report.build import write_report

    try:
        write_report(out_dir)
    except Exception as exc:
        log.error("%s: report not written: %s", out_dir / REPORT_FILE, exc,
                  exc_info=log.isEnabledFor(logging.DEBUG))
