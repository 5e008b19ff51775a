"""Speed measurements: the pipeline, the bare engine and OCRmyPDF on the same pages, and the
text stages alone."""

from __future__ import annotations

import importlib.util
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from bench.matrix import engine_lang, tesseract_command
from bench.proc import Measured, PoolRun, run_measured, run_pool
from ocr.tesseract import OcrSettings

log = logging.getLogger(__name__)

# A tiny document run once before timing the text stages, so that loading the word lists and
# catalogs (paid once per process) is reported apart from the per-page cost.
WARMUP_PAGES = [
    "คำสั่งสำนักงานที่ดินจังหวัดน่าน ที่ ๑/๒๕๖๗\nเรื่อง มอบหมายหน้าที่ศูนย์ราชการสะดวก",
    "เกณฑ์ด้านกายภาพ จำนวน ๒ ข้อ\n๑ มีการให้บริการนอกเวลาราชการ นางสาวกานดา ใจงาม\n"
    "๒ มีป้ายบอกทิศทางที่ชัดเจน นายสมชาย รักไทย",
]


def bench_env() -> dict[str, str]:
    """The environment every timed command gets: one engine thread per process, offline."""
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    env["PYTHAINLP_OFFLINE"] = "1"
    return env


def pipeline_command(
    inputs: Sequence[Path], out: Path, settings: OcrSettings, workers: int
) -> list[str]:
    cmd = [
        sys.executable, "-m", "pipeline", "-q", "run", *map(str, inputs), "--out", str(out),
        "--workers", str(workers), "--lang", engine_lang(settings.lang) or settings.lang,
        "--psm", str(settings.psm), "--dpi", str(settings.dpi),
    ]
    return [*cmd, "--preprocess"] if settings.preprocess else cmd


def time_pipeline(
    inputs: Sequence[Path], out: Path, settings: OcrSettings, workers: int,
    env: dict[str, str], sample_tree: bool = False,
) -> Measured:
    return run_measured(
        pipeline_command(inputs, out, settings, workers), env=env, sample_tree=sample_tree
    )


def time_startup(env: dict[str, str]) -> Measured:
    """Interpreter start and the CLI's imports: a fixed cost of every `circulars` command."""
    return run_measured([sys.executable, "-m", "pipeline", "--help"], env=env)


def time_raw_tesseract(
    images: Sequence[Path], settings: OcrSettings, workers: int, env: dict[str, str],
    work_dir: Path, outputs: tuple[str, ...] = (),
) -> PoolRun:
    """The lower bound: the `tesseract` command on pre-rendered images, `workers` at a time
    (plain text only, unless `outputs` adds renderers)."""
    lang = engine_lang(settings.lang) or settings.lang
    work_dir.mkdir(parents=True, exist_ok=True)
    commands = [
        tesseract_command(image, work_dir / f"page{n}", lang, settings.psm, outputs)
        for n, image in enumerate(images)
    ]
    return run_pool(commands, workers, env)


def ocrmypdf_command() -> list[str] | None:
    """How to start OCRmyPDF here (None when it is not installed)."""
    if importlib.util.find_spec("ocrmypdf") is not None:
        return [sys.executable, "-m", "ocrmypdf"]
    found = shutil.which("ocrmypdf")
    return [found] if found else None


def ocrmypdf_version() -> str | None:
    cmd = ocrmypdf_command()
    if cmd is None:
        return None
    proc = subprocess.run([*cmd, "--version"], capture_output=True, text=True, check=False)
    return proc.stdout.strip() or None


def time_ocrmypdf(
    pdfs: Sequence[Path], workers: int, env: dict[str, str], work_dir: Path,
    lang: str = "tha", psm: int | None = None,
) -> Measured:
    """`ocrmypdf -l LANG --jobs N --output-type pdf` on each PDF in turn; times summed."""
    base = ocrmypdf_command()
    assert base is not None
    work_dir.mkdir(parents=True, exist_ok=True)
    runs = []
    for pdf in pdfs:
        cmd = [*base, "-q", "-l", lang, "--jobs", str(workers), "--output-type", "pdf"]
        if psm is not None:
            cmd += ["--tesseract-pagesegmode", str(psm)]
        runs.append(run_measured([*cmd, str(pdf), str(work_dir / pdf.name)], env=env))
    return Measured(
        wall=round(sum(r.wall for r in runs), 3),
        cpu=round(sum(r.cpu for r in runs), 3),
        max_rss_mb=max(r.max_rss_mb for r in runs),
        tree_rss_mb=None,
        returncode=max(r.returncode for r in runs),
    )


def _text_stage_pass(documents: list[tuple[str, list[str]]]) -> dict[str, Any]:
    """In a fresh process: repair and extract every document once; CPU seconds of each stage."""
    os.environ["PYTHAINLP_OFFLINE"] = "1"
    start = time.process_time()
    from extract.document import extract_document
    from extract.thai_repair import repair

    extract_document("warmup", [(i + 1, repair(p)) for i, p in enumerate(WARMUP_PAGES)])
    warmup = time.process_time() - start
    wall = time.perf_counter()
    per_document = []
    for name, pages in documents:
        t0 = time.process_time()
        repaired = [(i + 1, repair(p)) for i, p in enumerate(pages)]
        t1 = time.process_time()
        extract_document(name, repaired)
        per_document.append({"document": name, "pages": len(pages), "repair_cpu": t1 - t0,
                             "extract_cpu": time.process_time() - t1})
    return {
        "warmup_cpu": warmup,
        "repair_cpu": sum(d["repair_cpu"] for d in per_document),
        "extract_cpu": sum(d["extract_cpu"] for d in per_document),
        "wall": time.perf_counter() - wall,
        "documents": per_document,
    }


def time_text_stages(
    documents: list[tuple[str, list[str]]], repeats: int
) -> list[dict[str, Any]]:
    """Repair + extraction + matching on one core, each repeat in a new process (cold caches)."""
    context = multiprocessing.get_context("spawn")
    runs = []
    for _ in range(repeats):
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            runs.append(pool.submit(_text_stage_pass, documents).result())
    return runs


def linear_fit(points: Sequence[tuple[int, float]]) -> dict[str, float] | None:
    """Least-squares seconds = fixed + per_page x pages."""
    if len({p for p, _ in points}) < 2:
        return None
    n = len(points)
    mx = sum(p for p, _ in points) / n
    my = sum(s for _, s in points) / n
    sxx = sum((p - mx) ** 2 for p, _ in points)
    slope = sum((p - mx) * (s - my) for p, s in points) / sxx
    return {"fixed": round(my - slope * mx, 3), "per_page": round(slope, 3)}


def pages_json_seconds(out: Path) -> list[float]:
    """Seconds each page took inside the pipeline (render, OCR, repair), from pages.json."""
    import json

    seconds: list[float] = []
    for pages_file in sorted(out.glob("*/pages.json")):
        seconds += [p["seconds"] for p in json.loads(pages_file.read_text("utf-8"))["pages"]]
    return seconds


def summarise_runs(runs: Sequence[Measured | PoolRun], pages: int) -> dict[str, Any]:
    from bench.proc import spread

    walls = [r.wall for r in runs]
    cpus = [r.cpu for r in runs]
    wall = spread(walls)
    cpu = spread(cpus)
    return {
        "wall": wall,
        "cpu": cpu,
        "wall_per_page": round(wall["median"] / pages, 3) if pages and wall["median"] else None,
        "cpu_per_page": round(cpu["median"] / pages, 3) if pages and cpu["median"] else None,
        "max_rss_mb": max((_largest(r) for r in runs), default=None),
        "failed_runs": sum(_failed(r) for r in runs),
    }


def _largest(run: Measured | PoolRun) -> float:
    if isinstance(run, PoolRun):
        return max((m.max_rss_mb for m in run.each), default=0.0)
    return run.max_rss_mb


def _failed(run: Measured | PoolRun) -> bool:
    if isinstance(run, PoolRun):
        return any(m.returncode != 0 for m in run.each)
    return run.returncode not in (0, 1)  # 1: some input failed, the run itself worked
