"""Run a batch: plan every page of every file, process pages in parallel, finish per document."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from ocr.detect import collect_inputs, describe
from ocr.models import InputError, Page
from ocr.pdf import is_thai
from ocr.reader import PageTask, plan_pages
from pipeline.models import BatchResult, DocumentResult, ErrorRecord, RunOptions
from pipeline.pages import process_page
from pipeline.progress import Progress

log = logging.getLogger(__name__)

DocumentHook = Callable[[DocumentResult], None]


def _unique_name(stem: str, taken: set[str]) -> str:
    name, n = stem, 2
    while name in taken:
        name = f"{stem}-{n}"
        n += 1
    taken.add(name)
    return name


def plan(inputs: list[Path], result: BatchResult) -> list[tuple[DocumentResult, list[PageTask]]]:
    files, missing = collect_inputs(inputs)
    for path in missing:
        result.errors.append(ErrorRecord(str(path), "sniff", "no such file or folder"))
        log.error("%s: no such file or folder", path)
    planned: list[tuple[DocumentResult, list[PageTask]]] = []
    taken: set[str] = set()
    for path in files:
        try:
            source = describe(path)
            tasks = plan_pages(source)
        except InputError as exc:
            result.errors.append(ErrorRecord(exc.path, exc.stage, exc.reason))
            log.error("%s", exc)
            continue
        doc = DocumentResult(source=source, name=_unique_name(source.name, taken))
        planned.append((doc, tasks))
    return planned


def run_batch(
    inputs: list[Path],
    out_dir: Path,
    options: RunOptions,
    on_document: DocumentHook | None = None,
    show_progress: bool | None = None,
) -> BatchResult:
    """Process every page; call `on_document` as soon as each document's pages are all in."""
    started = time.perf_counter()
    result = BatchResult(out_dir=out_dir)
    planned = plan(inputs, result)
    progress = Progress(sum(len(t) for _, t in planned), len(planned), show_progress)
    pending = {id(doc): len(tasks) for doc, tasks in planned}
    pages: dict[int, list[Page]] = {id(doc): [] for doc, _ in planned}

    def finish(doc: DocumentResult) -> None:
        doc.pages = sorted(pages[id(doc)], key=lambda p: p.number)
        doc.seconds = sum(p.seconds for p in doc.pages)
        if doc.pages and not any(is_thai(p.raw_text) for p in doc.pages):
            doc.errors.append(
                ErrorRecord(str(doc.source.path), "read", "no Thai text found (not a Thai document?)")
            )
            doc.pages = []
            log.error("%s: no Thai text found (not a Thai document?)", doc.source.path)
        if on_document is not None:
            try:
                on_document(doc)
            except Exception as exc:  # one document's bug must not sink the batch
                log.exception("%s: failed after reading", doc.source.path)
                doc.errors.append(ErrorRecord(str(doc.source.path), "extract", repr(exc)))
        result.errors.extend(doc.errors)
        result.documents.append(doc)
        progress.file_done(doc.name, doc.status)

    def record(doc: DocumentResult, task: PageTask, get_page: Callable[[], Page]) -> None:
        try:
            pages[id(doc)].append(get_page())
        except InputError as exc:
            doc.errors.append(ErrorRecord(exc.path, exc.stage, exc.reason, task.index + 1))
            log.error("%s", exc)
        except Exception as exc:
            reason = f"page {task.index + 1}: {type(exc).__name__}: {exc}"
            doc.errors.append(ErrorRecord(str(task.path), "read", reason, task.index + 1))
            log.error("%s: %s", task.path, reason)
        progress.page_done()
        pending[id(doc)] -= 1
        if pending[id(doc)] == 0:
            finish(doc)

    for doc, tasks in planned:
        if not tasks:
            finish(doc)
    workers = max(1, options.workers)
    all_tasks = [(doc, t) for doc, tasks in planned for t in tasks]
    if workers == 1 or len(all_tasks) <= 1:
        for doc, task in all_tasks:
            record(doc, task, lambda t=task: process_page(t, options.ocr, options.repair))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures: list[tuple[DocumentResult, PageTask, Future[Page]]] = [
                (doc, t, pool.submit(process_page, t, options.ocr, options.repair))
                for doc, t in all_tasks
            ]
            # Finish documents in submission order so outputs appear file by file.
            for doc, task, future in futures:
                record(doc, task, future.result)
    progress.close()
    result.documents.sort(key=lambda d: str(d.source.path))
    result.seconds = time.perf_counter() - started
    return result
