"""The speed and memory sections of the benchmark: the pipeline, the bare engine and OCRmyPDF on
the same pages (run by run, so machine drift hits all of them), with one worker, on growing page
counts (fixed vs per-page cost), and on a 50-page scan for peak memory."""

from __future__ import annotations

import itertools
import logging
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.config import ocrmypdf_status, shown
from bench.inputs import pdf_page_count, pdf_subset, render_images
from bench.matrix import engine_lang
from bench.proc import Measured, PoolRun, median, pair_ratio, spread
from bench.speed import (
    linear_fit,
    pages_json_seconds,
    summarise_runs,
    time_ocrmypdf,
    time_pipeline,
    time_raw_tesseract,
    time_startup,
)
from ocr.reader import render_dpi

if TYPE_CHECKING:
    from bench.run import Bench

log = logging.getLogger(__name__)


def speed_section(ctx: Bench) -> dict[str, Any]:
    cfg = ctx.config
    pdfs = [ctx.by_name[n].path for n in cfg.speed_files if n in ctx.by_name]
    if not pdfs:
        return {"skipped": "none of the speed files is present"}
    settings = cfg.settings
    page_list = [(pdf, i) for pdf in pdfs for i in range(pdf_page_count(pdf))]
    pages = len(page_list)
    images: list[Path] = []
    begun = time.perf_counter()
    for n, pdf in enumerate(pdfs):  # rendered before any timing, as a user of the engine would
        # at the dpi the pipeline reads the page at (a scan's own resolution)
        dpi = render_dpi(pdf, 0, settings)
        images += render_images(pdf, dpi, ctx.tmp / "images" / str(n))
    render_seconds = time.perf_counter() - begun
    ctx.speed_images = images
    log.info("speed: %d pages of %s, %d run(s) each", pages,
             ", ".join(p.name for p in pdfs), cfg.repeats)
    skip_ocrmypdf = ocrmypdf_status(cfg)
    raw, raw_tsv, cold, warm, ocrm, ocrm_same = [], [], [], [], [], []
    startup, page_secs = [], []
    for r in range(cfg.repeats):
        startup.append(time_startup(ctx.env))
        raw.append(time_raw_tesseract(images, settings, cfg.workers, ctx.env,
                                      ctx.tmp / "raw" / str(r)))
        # The engine asked for what the pipeline asks it for: text and tsv in one run.
        raw_tsv.append(time_raw_tesseract(images, settings, cfg.workers, ctx.env,
                                          ctx.tmp / "rawtsv" / str(r), outputs=("tsv",)))
        out = ctx.tmp / "speed" / f"run{r}"
        cold.append(time_pipeline(pdfs, out, settings, cfg.workers, ctx.env))
        page_secs += pages_json_seconds(out)
        warm.append(time_pipeline(pdfs, out, settings, cfg.workers, ctx.env))
        if skip_ocrmypdf is None:
            ocrm.append(time_ocrmypdf(pdfs, cfg.workers, ctx.env, ctx.tmp / "om" / str(r)))
            if cfg.ocrmypdf_same_settings:
                ocrm_same.append(time_ocrmypdf(
                    pdfs, cfg.workers, ctx.env, ctx.tmp / "oms" / str(r),
                    lang=engine_lang(settings.lang) or settings.lang, psm=settings.psm,
                ))
    result: dict[str, Any] = {
        "files": [shown(p) for p in pdfs],
        "pages": pages,
        "workers": cfg.workers,
        "dpi": settings.dpi,
        "startup": spread([s.wall for s in startup]),
        "render_seconds_per_page": round(render_seconds / pages, 3),
        "raw_tesseract": summarise_runs(raw, pages),
        "raw_tesseract_tsv": summarise_runs(raw_tsv, pages),
        "pipeline_cold": summarise_runs(cold, pages),
        "pipeline_warm": summarise_runs(warm, pages),
        "pipeline_page_seconds_mean": round(sum(page_secs) / len(page_secs), 3)
        if page_secs else None,
        "raw_page_seconds_mean": round(
            sum(m.wall for run in raw for m in run.each) / (pages * len(raw)), 3),
        "ratios": {
            "cold_over_raw": pair_ratio(cold, raw),
            "cold_over_raw_cpu": pair_ratio(cold, raw, "cpu"),
            "cold_over_raw_tsv": pair_ratio(cold, raw_tsv),
            "raw_tsv_over_raw": pair_ratio(raw_tsv, raw),
            "cold_over_warm": pair_ratio(cold, warm),
        },
    }
    if skip_ocrmypdf is not None:
        result["ocrmypdf"] = {"skipped": skip_ocrmypdf}
    else:
        result["ocrmypdf"] = summarise_runs(ocrm, pages)
        result["ratios"]["cold_over_ocrmypdf"] = pair_ratio(cold, ocrm)
        if ocrm_same:
            result["ocrmypdf_same_settings"] = summarise_runs(ocrm_same, pages)
            result["ratios"]["cold_over_ocrmypdf_same_settings"] = pair_ratio(cold, ocrm_same)
    result["workers_1"] = one_worker(ctx, pdfs, images, pages, cold, raw)
    result["scaling"] = scaling(ctx, pdfs[0], images)
    # Below `workers` pages some cores idle, which bends the line: fit the rest.
    points = [s for s in result["scaling"] if s["pages"] >= cfg.workers]
    result["fit"] = {
        "pages": [s["pages"] for s in points],
        "pipeline": linear_fit([(s["pages"], s["pipeline_wall"]) for s in points]),
        "raw": linear_fit([(s["pages"], s["raw_wall"]) for s in points]),
    }
    return result


def _speedup(one: float | None, many: float | None) -> float | None:
    """How many times slower one worker is than `workers` (None when either is missing)."""
    return round(one / many, 2) if one and many else None


def one_worker(ctx: Bench, pdfs: list[Path], images: list[Path], pages: int,
               cold_n: list[Measured], raw_n: list[PoolRun]) -> dict[str, Any] | None:
    """The same pages with one worker: what the second core buys each tool."""
    cfg = ctx.config
    if cfg.workers == 1:
        return None
    raw, cold = [], []
    for r in range(cfg.minor_repeats):
        raw.append(time_raw_tesseract(images, cfg.settings, 1, ctx.env,
                                      ctx.tmp / "raw1" / str(r)))
        cold.append(time_pipeline(pdfs, ctx.tmp / "w1" / str(r), cfg.settings, 1, ctx.env))
    raw_wall = median([p.wall for p in raw])
    cold_wall = median([c.wall for c in cold])
    return {
        "raw_tesseract": summarise_runs(raw, pages),
        "pipeline_cold": summarise_runs(cold, pages),
        "cold_over_raw": pair_ratio(cold, raw),
        "raw_speedup": _speedup(raw_wall, median([p.wall for p in raw_n])),
        "pipeline_speedup": _speedup(cold_wall, median([c.wall for c in cold_n])),
    }


def scaling(ctx: Bench, pdf: Path, images: list[Path]) -> list[dict[str, Any]]:
    """The first k pages of one scan: pipeline and bare engine, to split fixed from per-page
    cost."""
    cfg = ctx.config
    rows = []
    count = pdf_page_count(pdf)
    for k in cfg.scaling_pages:
        if k > count:
            continue
        sub = pdf_subset([(pdf, i) for i in range(k)], ctx.tmp / "scale" / f"p{k}.pdf")
        raw, cold = [], []
        for r in range(cfg.minor_repeats):
            raw.append(time_raw_tesseract(images[:k], cfg.settings, cfg.workers, ctx.env,
                                          ctx.tmp / "rawk" / f"{k}-{r}"))
            cold.append(time_pipeline([sub], ctx.tmp / "scale" / f"o{k}-{r}", cfg.settings,
                                      cfg.workers, ctx.env))
        rows.append({
            "pages": k,
            "raw_wall": median([p.wall for p in raw]),
            "pipeline_wall": median([c.wall for c in cold]),
            "ratio": pair_ratio(cold, raw)["median"],
        })
    return rows


def memory_section(ctx: Bench) -> dict[str, Any]:
    cfg = ctx.config
    pdfs = [ctx.by_name[n].path for n in cfg.speed_files if n in ctx.by_name]
    if not pdfs:
        return {"skipped": "none of the speed files is present"}
    pool = [(pdf, i) for pdf in pdfs for i in range(pdf_page_count(pdf))]
    chosen = list(itertools.islice(itertools.cycle(pool), cfg.memory_pages))
    big = pdf_subset(chosen, ctx.tmp / "memory" / f"scan_{cfg.memory_pages}p.pdf")
    log.info("memory: %d-page scan", cfg.memory_pages)
    run = time_pipeline([big], ctx.tmp / "memory" / "out", cfg.settings, cfg.workers,
                        ctx.env, sample_tree=True)
    warm = time_pipeline([big], ctx.tmp / "memory" / "out", cfg.settings, cfg.workers,
                         ctx.env)
    result: dict[str, Any] = {
        "pages": cfg.memory_pages,
        "made_of": [shown(p) for p in pdfs],
        "run": asdict(run),
        "peak_tree_mb": run.tree_rss_mb,
        "largest_process_mb": run.max_rss_mb,
        "pages_per_minute": round(60 * cfg.memory_pages / run.wall, 1),
        "warm_wall": warm.wall,
        "cold_over_warm": round(run.wall / warm.wall, 1) if warm.wall else None,
    }
    if cfg.raw_at_memory and len(ctx.speed_images) == len(pool):
        # The same pages as the speed run, so their images are already rendered.
        index = dict(zip(pool, ctx.speed_images, strict=True))
        raw = time_raw_tesseract([index[p] for p in chosen], cfg.settings, cfg.workers,
                                 ctx.env, ctx.tmp / "rawm")
        result["raw_wall"] = raw.wall
        result["cold_over_raw"] = round(run.wall / raw.wall, 3)
    return result
