"""The ledger: unchanged files are skipped, changed files and settings redone, pages cached."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from ocr.models import Page, PageMethod
from ocr.reader import PageTask
from ocr.tesseract import LineBox, OcrSettings
from pipeline.batch import Finished, run_batch
from pipeline.executors import InlineExecutor, PageOutcome
from pipeline.ledger import LEDGER_NAME, Ledger, page_from_json, page_to_json, source_modules
from pipeline.models import DocumentResult, RunOptions
from pipeline.runner import run_pipeline
from pipeline.writers import read_csv
from tests.conftest import SEEDS

SEED_003 = SEEDS / "003_d10b89281753108f.txt"


class CountingExecutor(InlineExecutor):
    """The real page work in this process, noting which pages had to be computed."""

    def __init__(self) -> None:
        super().__init__()
        self.computed: list[tuple[str, int]] = []

    def map(
        self, tasks: Sequence[PageTask], settings: OcrSettings, repair: bool
    ) -> Iterator[tuple[int, PageOutcome]]:
        for i, outcome in super().map(tasks, settings, repair):
            self.computed.append((tasks[i].path.name, tasks[i].index))
            yield i, outcome


def _run(folder: Path, out: Path, options: RunOptions | None = None, force: bool = False):
    """One batch with the ledger in `out`; returns (pages computed, {name: reused}, result)."""
    executor = CountingExecutor()
    reused: dict[str, bool] = {}

    def hook(doc: DocumentResult, finished: Finished) -> None:
        reused[doc.name] = finished.reused

    with Ledger.open(out) as ledger:
        result = run_batch([folder], out, options or RunOptions(), hook, show_progress=False,
                           ledger=ledger, executor=executor, force=force)
    return executor.computed, reused, result


@pytest.fixture()
def folder(tmp_path: Path, order_scan: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    # Two pages of seed 003 (pages are separated by runs of blank lines in the seeds).
    (folder / "a.txt").write_text(SEED_003.read_text(encoding="utf-8")[:6000], encoding="utf-8")
    shutil.copy(order_scan, folder / "b.pdf")
    return folder


def test_rerun_skips_unchanged_files_and_redoes_changed_ones(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    computed, reused, first = _run(folder, out)
    a_pages = sum(1 for name, _ in computed if name == "a.txt")
    assert a_pages >= 2
    assert ("b.pdf", 0) in computed and len(computed) == a_pages + 1
    assert reused == {"a": False, "b": False}
    assert not first.errors
    with Ledger.open(out) as ledger:
        rows = {Path(r.path).name: r for r in ledger.files()}
    assert {n: r.status for n, r in rows.items()} == {"a.txt": "success", "b.pdf": "success"}
    assert rows["b.pdf"].pages == 1 and rows["b.pdf"].read_seconds > 0
    assert rows["a.txt"].sha256 == first.documents[0].source.sha256

    # Unchanged: nothing is computed, both documents come back whole from the cache.
    computed, reused, again = _run(folder, out)
    assert computed == []
    assert reused == {"a": True, "b": True}
    assert [p.text for p in again.documents[1].pages] == [p.text for p in first.documents[1].pages]

    # One file changed: only its pages are redone.
    with (folder / "a.txt").open("a", encoding="utf-8") as fh:
        fh.write("\n\n\n\nหน้าที่เพิ่มเข้ามาใหม่ในเอกสารฉบับแก้ไข\n")
    computed, reused, _ = _run(folder, out)
    assert {name for name, _ in computed} == {"a.txt"}
    assert len(computed) == a_pages + 1
    assert reused == {"a": False, "b": True}

    # A new file costs its own pages only.
    shutil.copy(SEEDS / "002_25045df08d39d79c.txt", folder / "c.txt")
    computed, reused, _ = _run(folder, out)
    assert {name for name, _ in computed} == {"c.txt"}
    assert reused == {"a": True, "b": True, "c": False}

    # A changed engine setting redoes every page; so does force.
    computed, _, _ = _run(folder, out, RunOptions(ocr=OcrSettings(psm=4)))
    assert ("b.pdf", 0) in computed and ("a.txt", 0) in computed
    computed, reused, _ = _run(folder, out, force=True)
    assert ("b.pdf", 0) in computed and ("c.txt", 0) in computed
    assert set(reused.values()) == {False}  # and rewrites every output


def test_stuck_page_is_reported_and_only_it_is_retried(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    stuck = RunOptions(ocr=OcrSettings(timeout=0.05))
    computed, _, result = _run(folder, out, stuck)
    (error,) = result.errors
    assert Path(error.file).name == "b.pdf" and error.stage == "ocr" and error.page == 1
    assert "timed out" in error.reason
    with Ledger.open(out) as ledger:
        rows = {Path(r.path).name: r for r in ledger.files()}
    assert rows["b.pdf"].status == "failure" and "timed out" in rows["b.pdf"].error
    assert rows["a.txt"].status == "success"
    # The timeout is no part of the cache key: with time enough only the failed page is redone.
    computed, reused, result = _run(folder, out)
    assert computed == [("b.pdf", 0)]
    assert reused["a"] is True and not result.errors


def test_identical_files_share_their_page_work(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = SEED_003.read_text(encoding="utf-8")[:6000]
    (folder / "district1.txt").write_text(text, encoding="utf-8")
    (folder / "district2.txt").write_text(text, encoding="utf-8")
    computed, _, result = _run(folder, tmp_path / "out")
    assert {name for name, _ in computed} == {"district1.txt"}
    one, two = result.documents
    assert one.name == "district1" and two.name == "district2"
    assert len(one.pages) == len(two.pages) == len(computed)
    assert [p.text for p in one.pages] == [p.text for p in two.pages]


def test_outputs_of_an_unchanged_batch_stay_and_change_with_it(
    folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = run_pipeline([folder], out, RunOptions(workers=1))
    items = (out / "items.csv").read_bytes()
    stamps = {p: (out / p).stat().st_mtime_ns for p in ("a/document.json", "items.csv")}
    second = run_pipeline([folder], out, RunOptions(workers=1))
    assert {p: (out / p).stat().st_mtime_ns for p in stamps} == stamps  # nothing rewritten
    assert len(second.documents) == len(first.documents) == 2
    assert all(d.extraction is not None for d in second.documents)
    # a deleted output is written again even though nothing changed
    (out / "a" / "document.json").unlink()
    (out / "matrix.xlsx").unlink()
    run_pipeline([folder], out, RunOptions(workers=1))
    assert (out / "a" / "document.json").exists() and (out / "matrix.xlsx").exists()
    assert (out / "items.csv").read_bytes() == items
    # a new document is added to the tables, the old rows stay, once
    before = read_csv(out / "items.csv")
    shutil.copy(SEEDS / "002_25045df08d39d79c.txt", folder / "c.txt")
    run_pipeline([folder], out, RunOptions(workers=1))
    rows = read_csv(out / "items.csv")
    assert {r["document"] for r in rows} == {"a", "b", "c"}
    assert [r for r in rows if r["document"] != "c"] == before


def test_corrupt_ledger_is_set_aside(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / LEDGER_NAME).write_bytes(b"this is not a database" * 100)
    with Ledger.open(out) as ledger:
        assert ledger.files() == []
    assert [p.name.startswith(f"{LEDGER_NAME}.corrupt-") for p in out.iterdir()].count(True) == 1


def test_page_record_round_trip() -> None:
    page = Page(
        number=3, method=PageMethod.OCR, raw_text="ก ข", text="กข", confidence=81.5, seconds=1.25,
        warnings=("page 3: text layer without a usable character map; OCR used instead",),
        lines=(LineBox(10, 20, 300, 40, "กข", 80.0), LineBox(10, 70, 200, 40, "ค", None)),
        dpi=300,
    )
    assert page_from_json(page_to_json(page)) == page
    assert page_from_json(page_to_json(replace(page, lines=()))) == replace(page, lines=())
    assert page_from_json('{"number": 1}') is None  # a record of another Page layout: a miss


def test_page_cache_key_follows_ocr_and_repair_code_not_extraction() -> None:
    modules = source_modules("pipeline.pages")
    assert {"ocr.tesseract", "ocr.pdf", "ocr.reader", "extract.thai_repair"} <= set(modules)
    # Editing extraction or output code must not throw away hours of OCR.
    assert not {"extract.document", "extract.officers", "pipeline.tables"} & set(modules)
