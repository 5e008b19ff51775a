"""The bare-engine CER comparison of table pages (bench/rawcer.py) on a committed fax."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.families import FamilyFile
from bench.rawcer import pooled, score_file, table_pages

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TRUTH = SAMPLES / "expected" / "ruled-0001.truth.json"


def test_table_pages_are_the_pages_that_print_items() -> None:
    truth = json.loads(TRUTH.read_text("utf-8"))
    pages = table_pages(truth)
    assert pages and 1 not in pages  # the letter's first page prints no item
    assert all(any(it["page"] == n for it in truth["items"]) for n in pages)


def test_bare_engine_and_a_perfect_reading_scored_on_the_same_pages(tmp_path: Path) -> None:
    truth = json.loads(TRUTH.read_text("utf-8"))
    fax = SAMPLES / "docs" / "ruled-0001_fax.pdf"
    # A "pipeline output" that reads every page exactly as typeset: its CER must be 0, while the
    # bare engine on the fax's images reads table pages with errors (rules, columns).
    folder = tmp_path / "ruled-0001_fax"
    folder.mkdir()
    (folder / "pages.json").write_text(json.dumps(
        {"source": str(fax), "pages": [{"text": t} for t in truth["pages"]]}), "utf-8")
    f = FamilyFile(fax, "ruled-0001", "ruled", "fax", TRUTH)
    with ThreadPoolExecutor(2) as pool:
        row = score_file(f, folder, 300, "Thai", 6, pool, max_pages=1)
    assert row is not None and row["pages"] == 1
    assert row["pipeline_cer"] == 0.0
    assert 0.05 < row["bare_cer"] < 1.0
    table = pooled([row])
    assert table["ruled/fax"]["ratio"] == 0.0 and table["all/all"]["files"] == 1
