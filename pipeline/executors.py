"""Where page tasks run: in this process, a local process pool, or a Dask cluster.

Every executor runs the same worker function, `run_page` (which calls
`pipeline.pages.process_page`), over the same `PageTask`s and yields `(position, PageOutcome)`
as pages complete, in any order. Only a bounded window of tasks is in flight, so memory does
not grow with the size of the batch. Page errors come back as data, not exceptions: a worker
never has to pickle an exception, and one bad page cannot stop the others.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import tempfile
import warnings
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from ocr.models import InputError, InputKind, Page
from ocr.reader import PageTask
from ocr.tesseract import OcrSettings

log = logging.getLogger(__name__)

# Tasks in flight per worker: one running and one queued keeps a worker busy between results.
TASKS_PER_WORKER = 2
WORKER_DIED = "the worker process died on this page (crash or out of memory)"


@dataclass(frozen=True)
class PageOutcome:
    """One page's result: the page, or the stage and reason it failed."""

    page: Page | None = None
    stage: str = ""
    reason: str = ""


WorkFn = Callable[[PageTask, OcrSettings, bool], PageOutcome]


def _worker_environment() -> None:
    # One Tesseract thread per worker (pages run in parallel instead); PyThaiNLP offline.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")


def run_page(task: PageTask, settings: OcrSettings, repair: bool) -> PageOutcome:
    """The worker function: one page read, OCR'd if needed and repaired."""
    _worker_environment()
    from pipeline.pages import process_page

    try:
        return PageOutcome(page=process_page(task, settings, repair))
    except InputError as exc:
        # The page number travels beside the reason (errors.csv has a page column).
        reason = exc.reason.removeprefix(f"page {task.index + 1}: ")
        return PageOutcome(stage=exc.stage, reason=reason)
    except Exception as exc:  # a reader bug on one page must not lose the others
        log.debug("page %d of %s failed", task.index + 1, task.path, exc_info=True)
        return PageOutcome(stage="read", reason=f"{type(exc).__name__}: {exc}")


def run_shipped_page(
    task: PageTask, data: bytes, settings: OcrSettings, repair: bool, work: WorkFn = run_page
) -> PageOutcome:
    """Run a page on a machine that cannot see the input file: its bytes came with the task."""
    with tempfile.TemporaryDirectory(prefix="circulars-page-") as tmp:
        local = Path(tmp) / f"input{task.path.suffix}"
        local.write_bytes(data)
        return work(replace(task, path=local), settings, repair)


class PageExecutor(Protocol):
    def check(self, lang: str) -> None:
        """Raise ClusterError when the machines that run pages cannot read `lang`."""
        ...

    def engine(self) -> str:
        """Version of the OCR engine that runs the pages (part of the page cache key)."""
        ...

    def map(
        self, tasks: Sequence[PageTask], settings: OcrSettings, repair: bool
    ) -> Iterator[tuple[int, PageOutcome]]:
        """Yield (index into `tasks`, outcome) for every task, as each completes."""
        ...

    def close(self) -> None: ...


class InlineExecutor:
    """Pages one after another in this process (`--workers 1`, and tiny batches)."""

    def __init__(self, work: WorkFn = run_page) -> None:
        self.work = work

    def check(self, lang: str) -> None:
        pass  # this machine: `circulars run` checks its languages before starting

    def engine(self) -> str:
        from ocr.tesseract import tesseract_version

        return tesseract_version()

    def map(
        self, tasks: Sequence[PageTask], settings: OcrSettings, repair: bool
    ) -> Iterator[tuple[int, PageOutcome]]:
        for i, task in enumerate(tasks):
            yield i, self.work(task, settings, repair)

    def close(self) -> None:
        pass


class LocalExecutor:
    """A process pool on this machine, over pages of all documents at once.

    A worker that dies (a crashing PDF library, the kernel's out-of-memory killer) breaks a
    Python process pool for every task in it. The pool is then restarted, and the tasks that
    were in flight are re-run one at a time so that only the page that kills a worker is
    reported; the innocent ones complete.
    """

    def __init__(self, workers: int, work: WorkFn = run_page) -> None:
        self.workers = max(1, workers)
        self.work = work
        self.window = self.workers * TASKS_PER_WORKER
        self._pool: ProcessPoolExecutor | None = None

    def check(self, lang: str) -> None:
        pass  # this machine: `circulars run` checks its languages before starting

    def engine(self) -> str:
        from ocr.tesseract import tesseract_version

        return tesseract_version()

    def _new_pool(self) -> ProcessPoolExecutor:
        # forkserver: workers inherit neither the ledger's SQLite handle nor client threads.
        context = multiprocessing.get_context("forkserver")
        return ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_worker_environment
        )

    def map(
        self, tasks: Sequence[PageTask], settings: OcrSettings, repair: bool
    ) -> Iterator[tuple[int, PageOutcome]]:
        queue = deque(range(len(tasks)))
        suspects: deque[int] = deque()  # in flight when a worker died: re-run one at a time
        running: dict[Future[PageOutcome], int] = {}
        isolated = False  # the one task in flight is a suspect running alone
        self._pool = self._new_pool()

        def submit(i: int) -> None:
            assert self._pool is not None
            try:
                future = self._pool.submit(self.work, tasks[i], settings, repair)
            except BrokenProcessPool as exc:  # broke since the last wait: handled as below
                future = Future()
                future.set_exception(exc)
            running[future] = i

        try:
            while queue or suspects or running:
                if suspects:
                    if not running:
                        submit(suspects.popleft())
                        isolated = True
                else:
                    while queue and len(running) < self.window:
                        submit(queue.popleft())
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        broken = True
                        continue
                    except Exception as exc:  # the task or its result could not be pickled
                        outcome = PageOutcome(stage="read", reason=f"{type(exc).__name__}: {exc}")
                    yield running.pop(future), outcome
                if broken:
                    lost = list(running.values())
                    running.clear()
                    self._pool.shutdown(wait=False, cancel_futures=True)
                    if isolated:
                        (culprit,) = lost
                        yield culprit, PageOutcome(stage="read", reason=WORKER_DIED)
                    else:
                        log.warning("a worker process died; re-running %d page(s) one by one",
                                    len(lost))
                        suspects.extend(sorted(lost))
                    self._pool = self._new_pool()
                isolated = isolated and not broken and bool(running)
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _identity(data: bytes) -> bytes:
    return data


class ClusterError(RuntimeError):
    """The Dask scheduler cannot be reached, or its workers cannot run the pages."""


def worker_report(lang: str | None = None) -> dict[str, Any]:
    """What a Dask worker can do; run on each worker when the client connects."""
    _worker_environment()
    from ocr.tesseract import check_languages, tesseract_version
    from pipeline.ledger import source_fingerprint

    report: dict[str, Any] = {"code": source_fingerprint("pipeline.pages"), "error": ""}
    try:
        report["engine"] = tesseract_version()
        if lang:
            check_languages(lang)  # the same check the client runs on its own machine
    except Exception as exc:  # no Tesseract, or no Thai data, on that machine
        report["error"] = f"{type(exc).__name__}: {exc}"
    return report


class DaskExecutor:
    """Pages sent to a Dask distributed cluster; results come back to this client.

    Input files are shipped with the tasks (sent once per document, released when its pages
    are done), so workers need no shared file system, only Tesseract, the Thai data and this
    package. Dask re-runs the tasks of a worker that dies; a page that kills workers
    repeatedly (`distributed.scheduler.allowed-failures`, 3 by default) is reported as failed.
    """

    def __init__(self, address: str, work: WorkFn = run_page) -> None:
        try:
            import dask
            from dask.utils import parse_timedelta
            from distributed import Client
        except ImportError:
            raise ClusterError(
                "--scheduler needs Dask: pip install 'circulars[dask]'"
            ) from None
        self.address = address
        self.work = work
        # Dask's own setting (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT), 30 s by default.
        timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"))
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        try:
            self.client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            self.client.close()
            raise ClusterError(f"no Dask worker is connected to {address}") from None
        self._reports: dict[str, dict[str, Any]] = self.client.run(worker_report)
        log.info("Dask scheduler %s: %d worker(s), %d thread(s)",
                 address, len(self._reports), self.threads())

    def check(self, lang: str) -> None:
        """Fail early when a worker lacks Tesseract or a language; warn on other code."""
        from pipeline.ledger import source_fingerprint

        self._reports = self.client.run(worker_report, lang)
        for worker, report in sorted(self._reports.items()):
            if report["error"]:
                raise ClusterError(f"Dask worker {worker} cannot OCR: {report['error']}")
            if report["code"] != source_fingerprint("pipeline.pages"):
                log.warning("Dask worker %s runs other circulars code than this client: "
                            "its pages may differ", worker)

    def engine(self) -> str:
        engines = sorted({str(r.get("engine")) for r in self._reports.values()})
        if len(engines) > 1:
            log.warning("Dask workers run different Tesseract versions: %s", ", ".join(engines))
        return "+".join(engines)

    def threads(self) -> int:
        threads: dict[str, int] = self.client.nthreads()
        return max(1, sum(threads.values()))

    def map(
        self, tasks: Sequence[PageTask], settings: OcrSettings, repair: bool
    ) -> Iterator[tuple[int, PageOutcome]]:
        from distributed import as_completed

        window = self.threads() * TASKS_PER_WORKER
        queue = deque(range(len(tasks)))
        remaining: dict[Path, int] = {}  # pages of a file not yet submitted or not yet done
        for task in tasks:
            remaining[task.path] = remaining.get(task.path, 0) + 1
        shipped: dict[Path, Any] = {}  # file path -> future of its scattered bytes
        position: dict[Any, int] = {}
        flow = as_completed(loop=self.client.loop)

        def submit(i: int) -> None:
            task = tasks[i]
            if task.kind is InputKind.TEXT:  # the page text travels inside the task
                future = self.client.submit(self.work, task, settings, repair, pure=False)
            else:
                if task.path not in shipped:
                    shipped[task.path] = self._ship(task.path)
                future = self.client.submit(
                    run_shipped_page, task, shipped[task.path], settings, repair, self.work,
                    pure=False,
                )
            position[future] = i
            flow.add(future)

        def fill() -> Iterator[tuple[int, PageOutcome]]:
            while queue and len(position) < window:
                i = queue.popleft()
                try:
                    submit(i)
                except Exception as exc:  # the client lost its scheduler: report, do not hang
                    yield i, PageOutcome(
                        stage="read", reason=f"Dask could not take this page: {exc}"
                    )

        yield from fill()
        for future in flow:
            i = position.pop(future)
            yield i, self._outcome(future)
            future.release()
            path = tasks[i].path
            remaining[path] -= 1
            if remaining[path] == 0 and path in shipped:
                shipped.pop(path).release()  # the file's bytes leave the cluster
            yield from fill()

    def _ship(self, path: Path) -> Any:
        """The file's bytes as a Dask task, not scattered data: the scheduler keeps the task,
        so if the worker holding the bytes dies they are made again instead of lost."""
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Large object", category=UserWarning)
            return self.client.submit(_identity, path.read_bytes(), pure=False)

    def _outcome(self, future: Any) -> PageOutcome:
        from distributed import KilledWorker

        try:
            outcome: PageOutcome = future.result()
            return outcome
        except KilledWorker:
            return PageOutcome(stage="read", reason=f"{WORKER_DIED}, on several Dask workers")
        except Exception as exc:  # lost scheduler, cancelled task: this page is not done
            return PageOutcome(
                stage="read", reason=f"Dask could not run this page: {type(exc).__name__}: {exc}"
            )

    def close(self) -> None:
        self.client.close()


def make_executor(workers: int, scheduler: str | None = None) -> PageExecutor:
    """The Dask client for `--scheduler`, else a local pool (in this process for one worker)."""
    if scheduler:
        return DaskExecutor(scheduler)
    if workers <= 1:
        return InlineExecutor()
    return LocalExecutor(workers)
