"""What a benchmark run measures (`BenchConfig`), where it writes, and the machine it ran on."""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import ROOT
from bench.speed import ocrmypdf_command, ocrmypdf_version
from ocr.tesseract import OcrSettings, tesseract_version
from pipeline.ledger import pipeline_version

RESULTS_NAME = "results.json"
SCHEMA = 1


@dataclass(frozen=True)
class BenchConfig:
    """What to measure; the defaults are the full `make bench`, `quick()` a fast subset."""

    samples: Path = ROOT / "samples"
    out_dir: Path = ROOT / "bench" / "results"
    docs: Path | None = ROOT / "docs" / "BENCHMARKS.md"
    workers: int = os.cpu_count() or 1
    repeats: int = 3
    minor_repeats: int = 2  # for the one-worker and scaling timings
    quick: bool = False
    include_generated: bool = True  # the large scans in samples/generated, when present
    settings: OcrSettings = field(default_factory=OcrSettings)
    matrix_langs: tuple[str, ...] = ("tha", "tha+eng", "Thai", "Thai+eng")
    matrix_psms: tuple[int, ...] = (3, 4, 6)
    matrix_dpis: tuple[int, ...] = (200, 300)
    matrix_preprocess: tuple[bool, ...] = (False, True)
    # dpi and preprocessing are varied for these psms only (psm 3 reads a table's columns as
    # separate blocks: it is measured at the default dpi, not worth the full product).
    matrix_variant_psms: tuple[int, ...] = (4, 6)
    # (file name, 1-based page): prose and table pages of each scan kind.
    matrix_pages: tuple[tuple[str, int], ...] = (
        ("circular_dopa_scan.pdf", 1),
        ("order_lampang_bwscan.pdf", 4),
        ("order_lampang_scan.pdf", 6),
        ("order_lampang_badscan.pdf", 8),
    )
    candidate_file: str = "order_lampang_bwscan.pdf"
    candidate_langs: tuple[str, ...] = ("tha", "tha+eng", "Thai", "Thai+eng")
    candidate_psms: tuple[int, ...] = (4, 6)
    candidate_variants: bool = True  # the best candidate again at the other dpi / preprocessed
    candidate_more: int = 2  # the best candidates also run on the other scans of that document
    speed_files: tuple[str, ...] = ("order_lampang_bwscan.pdf", "circular_dopa_scan.pdf")
    scaling_pages: tuple[int, ...] = (1, 2, 4, 8)
    memory_pages: int = 50
    raw_at_memory: bool = True  # the bare engine on the memory run's pages too
    ocrmypdf: bool = True
    ocrmypdf_same_settings: bool = True  # OCRmyPDF also with the pipeline's language and psm
    # Generalisation: the split of the generated layout families measured per family and form
    # (the validation split: nobody tunes on it), optionally some families / forms only.
    families_split: str = "validation"
    families: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    only: tuple[str, ...] = ()  # run only these sections (all when empty)
    save_baseline: bool = False  # record the families figures as the report's baseline row
    baseline: Path = ROOT / "docs" / "families-baseline.json"
    # families: run the pipeline of another checkout (an earlier version, for the baseline row)
    code: Path | None = None

    @classmethod
    def quick_subset(cls, **overrides: Any) -> BenchConfig:
        """About three minutes on two cores: committed samples only, one run of each timing."""
        values: dict[str, Any] = {
            "repeats": 1,
            "minor_repeats": 1,
            "quick": True,
            "include_generated": False,
            "matrix_psms": (4, 6),
            "matrix_dpis": (300,),
            "matrix_preprocess": (False,),
            "matrix_pages": (("circular_dopa_scan.pdf", 1), ("order_lampang_bwscan.pdf", 4)),
            "candidate_langs": ("tha+eng", "Thai"),
            "candidate_psms": (6,),
            "candidate_variants": False,
            "candidate_more": 0,
            "scaling_pages": (1, 2),
            "memory_pages": 12,
            "raw_at_memory": False,
            "ocrmypdf_same_settings": False,
        }
        values.update(overrides)
        return cls(**values)


def code_version(code: Path | None) -> str:
    """The git commit of another checkout (or this code's fingerprint)."""
    if code is None:
        return pipeline_version()
    proc = subprocess.run(["git", "-C", str(code), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True)
    return proc.stdout.strip() or str(code)


def shown(path: Path) -> str:
    """A path as the report shows it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "cores": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "tesseract": tesseract_version(),
        "ocrmypdf": ocrmypdf_version(),
    }


def ocrmypdf_status(config: BenchConfig) -> str | None:
    """Why the OCRmyPDF comparison is left out (None: it runs)."""
    if not config.ocrmypdf:
        return "not asked for"
    if ocrmypdf_command() is None:
        return "ocrmypdf is not installed (pip install ocrmypdf); comparison left out"
    return None
