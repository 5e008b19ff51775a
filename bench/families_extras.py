"""Two more measures of a families run, taken from the same run's output: the numbers (read
with the number re-read, and as the stock Thai model alone read them) and the page CER of the
table pages against the bare `tesseract` command on the same pages."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.accuracy import output_folders
from bench.families import FamilyFile
from bench.rawcer import SCANNED, TABLE_FAMILIES, pooled, score_file
from ocr.numbers import scans
from ocr.tesseract import OcrSettings

log = logging.getLogger(__name__)


def numbers_by_model(out: Path, truth_dir: Path) -> dict[str, dict[str, Any]]:
    """model ("reread", "stock") -> form -> the numbers' summary, scanned forms only ("all":
    the scanned forms together)."""
    result: dict[str, dict[str, Any]] = {}
    for model in ("reread", "stock"):
        counts = scans.score_run(out, truth_dir, stock=model == "stock")
        scanned = {form: c for form, c in counts.items() if form in SCANNED}
        # "all" of the scanned forms only: born-digital text layers need no re-read.
        scanned["all"] = sum(scanned.values(), Counter())
        result[model] = {form: scans.summary(c) for form, c in scanned.items()}
    return result


def table_page_cer(files: Sequence[FamilyFile], out: Path, settings: OcrSettings,
                   workers: int) -> dict[str, Any]:
    """Pooled CER of the table families' scanned table pages, pipeline and bare engine."""
    folders = output_folders(out)
    rows = []
    with ThreadPoolExecutor(workers) as pool:
        for f in files:
            if f.family in TABLE_FAMILIES and f.form in SCANNED:
                row = score_file(f, folders.get(f.path.resolve()), settings.dpi, settings.lang,
                                 settings.psm, pool)
                if row:
                    rows.append(row)
    return {"rows": rows, "pooled": pooled(rows)} if rows else {}


def families_extras(files: Sequence[FamilyFile], out: Path, truth_dir: Path,
                    settings: OcrSettings, workers: int) -> dict[str, Any]:
    log.info("families: numbers (re-read and stock) and table pages against the bare engine")
    extras: dict[str, Any] = {}
    if any(f.form in SCANNED for f in files):
        extras["numbers"] = numbers_by_model(out, truth_dir)
        extras["table_pages"] = table_page_cer(files, out, settings, workers)
    return extras
