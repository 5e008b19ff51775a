"""CPU time of single text stages on the seeds, against the budgets the tests once asserted.

Timings do not belong in tests (a loaded machine fails them, a fast one proves nothing), so the
three budgets live here and `docs/BENCHMARKS.md` reports them: Thai repair per 3,000 characters
of seed pages, finding and clustering the officers of seed 003 per page, and matching one item
text to the catalog. Each figure is measured in a fresh process (cold caches), after one warm-up
call that loads the word lists, and is CPU time of that process alone.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench.proc import spread

# The budgets the tests used to assert (generous: measured well under them on two cores).
BUDGETS = {
    "repair_ms_per_3000_chars": 50.0,
    "names_ms_per_page": 500.0,
    "match_ms_per_item": 25.0,
}
_PAGE_BREAK = re.compile(r"\n\s*\n\s*\n+|\f")
SEED_003 = "003_d10b89281753108f.txt"
# Every item line of seed 003 as OCR read it (the matching tests' fixture).
ITEMS_FILE = Path("tests") / "data" / "seed003_items.tsv"


def _seed_pages(seeds: Path, prefixes: tuple[str, ...]) -> list[str]:
    return [
        page
        for prefix in prefixes
        for path in sorted(seeds.glob(f"{prefix}_*.txt"))
        for page in _PAGE_BREAK.split(path.read_text(encoding="utf-8"))
        if page.strip()
    ]


def _repair_pass(pages: list[str]) -> float:
    from extract.thai_repair import repair

    repair(pages[0])  # loads the dictionary
    start = time.process_time()
    for page in pages:
        repair(page)
    chars = sum(len(p) for p in pages)
    return (time.process_time() - start) * 1000 / chars * 3000


def _names_pass(text: str) -> float:
    from extract.names import cluster_officers
    from extract.officers import find_names

    pages = text.count("เอกสารแนบท้าย") + 1  # each attachment page repeats this header
    find_names("นายสมชาย ใจดี")  # loads the name lists
    start = time.process_time()
    mentions = [m for line in text.splitlines() for m in find_names(line)]
    cluster_officers(mentions)
    return (time.process_time() - start) * 1000 / pages


def _match_pass(texts: list[str]) -> float:
    from extract.matching import match_item

    match_item("warm up", edition="2567")
    start = time.process_time()
    for text in texts:
        match_item(text, edition="2567")
    return (time.process_time() - start) * 1000 / len(texts)


def _all_passes(root: Path) -> dict[str, float]:
    os.environ["PYTHAINLP_OFFLINE"] = "1"
    seeds = root / "samples" / "seeds"
    lines = (root / ITEMS_FILE).read_text(encoding="utf-8").splitlines()[1:]
    return {
        "repair_ms_per_3000_chars": _repair_pass(_seed_pages(seeds, ("003", "004"))),
        "names_ms_per_page": _names_pass((seeds / SEED_003).read_text(encoding="utf-8")),
        "match_ms_per_item": _match_pass([line.split("\t", 1)[1] for line in lines]),
    }


def time_units(root: Path, repeats: int) -> dict[str, Any]:
    """Each unit's CPU time over `repeats` fresh processes, with its budget and verdict."""
    context = multiprocessing.get_context("spawn")
    runs = []
    for _ in range(repeats):
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            runs.append(pool.submit(_all_passes, root).result())
    out: dict[str, Any] = {}
    for key, budget in BUDGETS.items():
        measured = spread([r[key] for r in runs])
        value = measured["median"]
        out[key] = {**measured, "budget": budget,
                    "within": None if value is None else value <= budget}
    return out
