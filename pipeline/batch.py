"""Run a batch: plan every page of every file, process pages in parallel, finish per document.

With a ledger, pages already in its cache are not sent to the executor, every page that comes
back is cached at once (a crash loses only pages in flight), and each finished document is
recorded. Identical files in one batch share their page work.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extract.thaichars import has_thai
from ocr.detect import collect_inputs, describe
from ocr.models import InputError, Page, SourceDocument
from ocr.reader import PageTask, plan_pages
from pipeline.executors import PageExecutor, PageOutcome, make_executor
from pipeline.ledger import (
    FileRow,
    Ledger,
    ledger_path,
    now,
    page_settings,
    pipeline_version,
    settings_key,
)
from pipeline.models import BatchResult, DocumentResult, ErrorRecord, RunOptions, Status
from pipeline.progress import Progress
from pipeline.writers import claim_name

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Finished:
    """What the batch knows about a document whose pages are all in."""

    reused: bool  # the ledger shows its outputs were made from this file, settings and code
    output_key: str | None  # the key this run's outputs are filed under (None without a ledger)


# Called once per document, as soon as all its pages are in.
DocumentHook = Callable[[DocumentResult, Finished], None]


@dataclass
class PlannedDocument:
    doc: DocumentResult
    count: int  # pages in the document
    tasks: list[PageTask]  # pages still to compute
    pages: dict[int, Page] = field(default_factory=dict)  # 0-based index -> page
    reused: bool = False
    previous_name: str | None = None  # output folder of the run that made the outputs
    started: str = ""

    @property
    def pending(self) -> int:
        return self.count - len(self.pages) - sum(e.page is not None for e in self.doc.errors)


@dataclass(frozen=True)
class BatchKeys:
    """The keys a run's results are filed under in the ledger."""

    settings: str  # page cache key: engine, language, dpi, repair, page code
    output: str  # document outputs: the page key plus edition and the whole pipeline version


def _unique_name(path: Path, taken: set[str]) -> str:
    """Output folder name: the file stem; `stem_ext` when another input has the same stem
    (a scan as PDF and as TIFF), then `-2`, `-3` for files of the same name in other folders."""
    stem = path.stem
    first = stem if stem not in taken else f"{stem}_{path.suffix.lstrip('.').lower()}"
    return claim_name(first, lambda n: f"{first}-{n}", taken)


def batch_keys(options: RunOptions, engine: str, ledger: Ledger | None) -> BatchKeys:
    settings = page_settings(options.ocr, options.repair, engine)
    key = settings_key(settings)
    if ledger is not None:
        ledger.register_settings(key, settings)
    output = settings_key({"pages": key, "edition": options.edition, "code": pipeline_version()})
    return BatchKeys(key, output)


def _failed(
    ledger: Ledger | None, path: Path, exc: InputError, source: SourceDocument | None
) -> None:
    if ledger is None:
        return
    ledger.record_file(
        FileRow(
            path=ledger_path(path), status=str(Status.FAILURE), pipeline_version=pipeline_version(),
            size=source.size if source else None, sha256=source.sha256 if source else None,
            error=f"{exc.stage}: {exc.reason}", finished_at=now(),
        )
    )


def plan(
    inputs: list[Path],
    result: BatchResult,
    ledger: Ledger | None = None,
    keys: BatchKeys | None = None,
    force: bool = False,
) -> list[PlannedDocument]:
    """Open every input; list the pages still to compute, taking the rest from the cache."""
    files, missing = collect_inputs(inputs)
    for path in missing:
        result.errors.append(ErrorRecord(str(path), "sniff", "no such file or folder"))
        log.error("%s: no such file or folder", path)
    cache = None if force or keys is None else ledger
    planned: list[PlannedDocument] = []
    taken: set[str] = set()
    for path in files:
        source: SourceDocument | None = None
        try:
            source = describe(path)
            entry = _plan_document(source, cache, keys)
        except InputError as exc:
            result.errors.append(ErrorRecord(exc.path, exc.stage, exc.reason))
            log.error("%s", exc)
            _failed(ledger, path, exc, source)
            continue
        entry.doc.name = _unique_name(source.path, taken)
        # Outputs are current only if made under the same keys and in the same folder.
        entry.reused = entry.reused and entry.doc.name == entry.previous_name
        planned.append(entry)
    return planned


def _plan_document(
    source: SourceDocument, cache: Ledger | None, keys: BatchKeys | None
) -> PlannedDocument:
    doc = DocumentResult(source=source, name=source.name)
    if cache is None or keys is None:
        tasks = plan_pages(source)
        return PlannedDocument(doc, len(tasks), tasks, started=now())
    row = cache.file(source.path)
    cached = cache.cached_pages(source.sha256, keys.settings)
    if (
        row is not None and row.sha256 == source.sha256 and row.status == Status.SUCCESS
        and row.pages is not None and all(i in cached for i in range(row.pages))
    ):
        # Unchanged and complete: no need to open the file again.
        pages = {i: cached[i] for i in range(row.pages)}
        return PlannedDocument(
            doc, row.pages, [], pages, reused=row.output_key == keys.output,
            previous_name=row.name, started=now(),
        )
    tasks = plan_pages(source)
    pages = {t.index: cached[t.index] for t in tasks if t.index in cached}
    todo = [t for t in tasks if t.index not in cached]
    return PlannedDocument(doc, len(tasks), todo, pages, started=now())


def run_batch(
    inputs: list[Path],
    out_dir: Path,
    options: RunOptions,
    on_document: DocumentHook | None = None,
    show_progress: bool | None = None,
    *,
    ledger: Ledger | None = None,
    executor: PageExecutor | None = None,
    force: bool = False,
) -> BatchResult:
    """Process every page; call `on_document` as soon as each document's pages are all in.

    `ledger` adds the page cache and the file records (`force` ignores what it holds); the
    `executor` decides where pages run (default: a local pool of `options.workers`).
    """
    started = time.perf_counter()
    result = BatchResult(out_dir=out_dir)
    own_executor = executor is None
    if executor is None:
        executor = make_executor(options.workers)
    try:
        keys = batch_keys(options, executor.engine(), ledger) if ledger is not None else None
        planned = plan(inputs, result, ledger, keys, force)
        _run(planned, result, options, executor, ledger, keys, on_document, show_progress)
    finally:
        if own_executor:
            executor.close()
    # Documents finish in whatever order their pages do: sort, so outputs repeat run to run.
    result.documents.sort(key=lambda d: str(d.source.path))
    result.errors.sort(key=lambda e: (e.file, e.page or 0))
    result.seconds = time.perf_counter() - started
    return result


def _run(
    planned: list[PlannedDocument],
    result: BatchResult,
    options: RunOptions,
    executor: PageExecutor,
    ledger: Ledger | None,
    keys: BatchKeys | None,
    on_document: DocumentHook | None,
    show_progress: bool | None,
) -> None:
    # One task per distinct (file content, page): copies of a file wait on the same task.
    unique: list[PageTask] = []
    unique_keys: list[tuple[str, int]] = []
    waiting: dict[tuple[str, int], list[PlannedDocument]] = {}
    for entry in planned:
        for task in entry.tasks:
            key = (entry.doc.source.sha256, task.index)
            if key not in waiting:
                waiting[key] = []
                unique.append(task)
                unique_keys.append(key)
            waiting[key].append(entry)
        if ledger is not None and entry.tasks:
            ledger.record_file(_row(entry, "running", keys))
    total = sum(e.count for e in planned)
    progress = Progress(total, len(planned), show_progress)
    progress.pages_cached(sum(len(e.pages) for e in planned))

    def finish(entry: PlannedDocument) -> None:
        doc = entry.doc
        doc.pages = [entry.pages[i] for i in sorted(entry.pages)]
        doc.seconds = sum(p.seconds for p in doc.pages)
        if doc.pages and not any(has_thai(p.raw_text) for p in doc.pages):
            reason = "no Thai text found (not a Thai document?)"
            doc.errors.append(ErrorRecord(str(doc.source.path), "read", reason))
            doc.pages = []
            log.error("%s: %s", doc.source.path, reason)
        begun = time.perf_counter()
        if on_document is not None:
            try:
                on_document(doc, Finished(entry.reused, keys.output if keys else None))
            except Exception as exc:  # one document's bug must not sink the batch
                log.exception("%s: failed after reading", doc.source.path)
                doc.errors.append(ErrorRecord(str(doc.source.path), "extract", repr(exc)))
        if ledger is not None:
            ledger.record_file(
                _row(entry, str(doc.status), keys, finish_seconds=time.perf_counter() - begun)
            )
        result.errors.extend(doc.errors)
        result.documents.append(doc)
        progress.file_done(doc.name, doc.status)

    def record(entry: PlannedDocument, task: PageTask, outcome: PageOutcome) -> None:
        if outcome.page is not None:
            entry.pages[task.index] = outcome.page
        else:
            path = str(entry.doc.source.path)
            error = ErrorRecord(path, outcome.stage, outcome.reason, task.index + 1)
            entry.doc.errors.append(error)
            log.error("%s: page %d: %s", path, task.index + 1, outcome.reason)
        if entry.pending == 0:
            finish(entry)

    for entry in planned:
        if entry.pending == 0:
            finish(entry)
    for position, outcome in executor.map(unique, options.ocr, options.repair):
        task = unique[position]
        sha256, index = unique_keys[position]
        if ledger is not None and keys is not None and outcome.page is not None:
            ledger.store_page(sha256, index, keys.settings, outcome.page)
        entries = waiting.pop((sha256, index))
        progress.page_done(len(entries))
        for entry in entries:
            record(entry, task, outcome)
    progress.close()


def _row(
    entry: PlannedDocument, status: str, keys: BatchKeys | None, finish_seconds: float | None = None
) -> FileRow:
    doc = entry.doc
    done = status != "running"
    errors = "\n".join(
        f"{e.stage}: {e.reason}" if e.page is None else f"{e.stage}: page {e.page}: {e.reason}"
        for e in doc.errors
    )
    return FileRow(
        path=ledger_path(doc.source.path),
        status=status,
        pipeline_version=pipeline_version(),
        size=doc.source.size,
        sha256=doc.source.sha256,
        name=doc.name,
        error=errors,
        pages=entry.count,
        # Only a finished document's outputs are vouched for.
        output_key=keys.output if keys is not None and done else None,
        read_seconds=round(sum(p.seconds for p in entry.pages.values()), 3),
        finish_seconds=None if finish_seconds is None else round(finish_seconds, 3),
        started_at=entry.started,
        finished_at=now() if done else None,
    )
