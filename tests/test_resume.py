"""Kill a batch with SIGKILL partway, run it again: the outputs equal an uninterrupted run's."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ocr.detect import describe
from ocr.reader import PageTask, plan_pages
from ocr.tesseract import OcrSettings
from pipeline.executors import LocalExecutor, PageOutcome, run_page
from pipeline.ledger import LEDGER_NAME
from pipeline.pages import process_page
from pipeline.writers import read_csv
from tests.conftest import ORDER_LINES, SEEDS, render_pdf, scan_pdf

TABLES = ("assignments.csv", "items.csv", "officers.csv", "validation.csv", "matrix.csv",
          "errors.csv")
PROVINCES = ("ลำพูน", "พะเยา", "แพร่")


def make_batch(folder: Path, work: Path, scans: int = len(PROVINCES)) -> list[str]:
    """Two edited copies of each seed, a few scanned order pages and one broken file.

    Returns the document names the batch must produce.
    """
    folder.mkdir(parents=True)
    names = []
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for k in (1, 2):
            name = f"{seed.stem}_copy{k}"
            (folder / f"{name}.txt").write_text(f"{text}\n\n\n\nสำเนาที่ {k}\n", encoding="utf-8")
            names.append(name)
    for province in PROVINCES[:scans]:
        lines = [line.replace("น่าน", province) for line in ORDER_LINES]
        pdf = render_pdf(lines, work / f"order_{province}.pdf")
        scan_pdf(pdf, folder / f"scan_{len(names)}.pdf")
        names.append(f"scan_{len(names)}")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    return names


def circulars(*args: str | Path, env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
    env = {**(env or os.environ), "PYTHAINLP_OFFLINE": "1", "OMP_THREAD_LIMIT": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", *map(str, args)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, **kwargs,
    )


def finish(proc: subprocess.Popen, timeout: float = 300) -> tuple[int, str]:
    _, stderr = proc.communicate(timeout=timeout)
    return proc.returncode, stderr


def done_documents(out: Path) -> int:
    db_path = out / LEDGER_NAME
    if not db_path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM files WHERE status = 'success'").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def xlsx_values(path: Path) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    base = tmp_path_factory.mktemp("resume")
    return base / "in", make_batch(base / "in", base)


def test_killed_batch_resumes_to_the_same_outputs(
    batch: tuple[Path, list[str]], tmp_path: Path
) -> None:
    folder, names = batch
    reference, resumed = tmp_path / "reference", tmp_path / "resumed"

    code, stderr = finish(circulars("run", folder, "--out", reference, "--workers", "2"))
    assert code == 1, stderr  # broken.pdf failed, the rest were processed
    assert "broken.pdf" in stderr and "Traceback" not in stderr

    # The same batch, killed with SIGKILL (workers and all) once a few documents are done.
    proc = circulars("run", folder, "--out", resumed, "--workers", "2", start_new_session=True)
    deadline = time.monotonic() + 120
    while done_documents(resumed) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before it could be killed: make it bigger"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_when_killed = done_documents(resumed)
    assert 3 <= done_when_killed < len(names)
    assert not (resumed / "assignments.csv").exists()  # tables come last: none were written

    code, stderr = finish(circulars("run", folder, "--out", resumed, "--workers", "2"))
    assert code == 1, stderr
    assert "taken from the ledger" in stderr  # the resumed run re-used the killed run's pages

    for table in TABLES:
        assert (resumed / table).read_bytes() == (reference / table).read_bytes(), table
    assert xlsx_values(resumed / "matrix.xlsx") == xlsx_values(reference / "matrix.xlsx")
    for name in names:
        for output in ("document.json", "text.txt"):
            expected = (reference / name / output).read_bytes()
            assert (resumed / name / output).read_bytes() == expected, (name, output)
    # nothing missing, nothing twice
    items = read_csv(resumed / "items.csv")
    assert {r["document"] for r in items} == set(names)  # every one lists criteria
    keys = [(r["document"], r["criterion"], r["number_as_written"], r["page"]) for r in items]
    assert len(keys) == len(set(keys))
    assignments = read_csv(resumed / "assignments.csv")
    rows = [tuple(r.values()) for r in assignments]
    assert len(rows) == len(set(rows))
    assert [Path(r["file"]).name for r in read_csv(resumed / "errors.csv")] == ["broken.pdf"]

    # An unchanged batch again: every page from the ledger (no OCR at all), same tables. How
    # much faster that is belongs to the benchmark (`make bench`), not to a test.
    code, stderr = finish(circulars("run", folder, "--out", reference, "--workers", "2"))
    assert code == 1, stderr
    cached = [line for line in stderr.splitlines() if "taken from the ledger" in line]
    assert len(cached) == 1
    taken, total = map(int, re.findall(r"(\d+) of (\d+) page", cached[0])[0])
    assert taken == total
    for table in TABLES:
        assert (reference / table).read_bytes() == (resumed / table).read_bytes(), table


def _die_on_third_page(task: PageTask, settings: OcrSettings, repair: bool) -> PageOutcome:
    """A page whose reading kills the worker process outright (as a segfault or OOM kill)."""
    if task.index == 2:
        os._exit(70)
    return run_page(task, settings, repair)


def _seed_tasks(count: int) -> list[PageTask]:
    tasks = plan_pages(describe(SEEDS / "003_d10b89281753108f.txt"))
    assert len(tasks) >= count
    return tasks[:count]


def test_local_pool_reports_only_the_page_that_kills_its_worker() -> None:
    tasks = _seed_tasks(8)
    executor = LocalExecutor(2, work=_die_on_third_page)
    outcomes = dict(executor.map(tasks, OcrSettings(), True))
    assert sorted(outcomes) == list(range(8))
    assert outcomes[2].page is None and "died" in outcomes[2].reason
    assert [i for i, o in outcomes.items() if o.page is None] == [2]


def test_local_pool_survives_a_killed_worker() -> None:
    tasks = _seed_tasks(10)
    executor = LocalExecutor(2)
    outcomes = {}
    for i, outcome in executor.map(tasks, OcrSettings(), True):
        if not outcomes:  # after the first page, kill a worker as the OOM killer would
            assert executor._pool is not None
            os.kill(next(iter(executor._pool._processes)), signal.SIGKILL)
        outcomes[i] = outcome
    assert sorted(outcomes) == list(range(10))
    assert all(o.page is not None for o in outcomes.values())
    expected = [process_page(t, OcrSettings()) for t in tasks]
    assert [outcomes[i].page.text for i in range(10)] == [p.text for p in expected]
