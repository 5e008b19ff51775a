"""The OCR settings tried end to end: each candidate on one scan, the best on the other scans of
that document, and the recommendation (which keeps the default unless another clearly leads)."""

from __future__ import annotations

import itertools
import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bench.config import shown
from bench.inputs import BenchInput
from bench.matrix import engine_lang
from bench.proc import Measured
from bench.speed import time_pipeline
from ocr.tesseract import OcrSettings

if TYPE_CHECKING:
    from bench.run import Bench

log = logging.getLogger(__name__)

KEEP_DEFAULT_MARGIN = 0.02  # mean F1 another OCR setting must gain to replace the default


def candidate_run(ctx: Bench, inputs: list[BenchInput], settings: OcrSettings,
                  tag: str) -> tuple[Measured, list[dict[str, Any]]]:
    out = ctx.tmp / "candidates" / tag
    run = time_pipeline([i.path for i in inputs], out, settings, ctx.config.workers,
                        ctx.env)
    return run, ctx.score_run(inputs, out)


def candidates_section(ctx: Bench) -> dict[str, Any]:
    """End to end on one scan for each language and psm; the best also on other scans."""
    cfg = ctx.config
    target = ctx.by_name.get(cfg.candidate_file)
    if target is None:
        return {"skipped": f"{cfg.candidate_file} not found"}
    combos = [
        ctx.settings(lang=lang, psm=psm)
        for lang, psm in itertools.product(cfg.candidate_langs, cfg.candidate_psms)
        if engine_lang(lang)
    ]
    if cfg.settings not in combos:
        combos.insert(0, cfg.settings)
    rows = []
    log.info("candidates: %d settings end to end on %s", len(combos), target.path.name)
    for n, settings in enumerate(combos):
        run, (doc,) = candidate_run(ctx, [target], settings, f"c{n}")
        rows.append(candidate_row(settings, run, doc))
    rows.sort(key=candidate_rank)
    if cfg.candidate_variants and rows:
        best = settings_of(rows[0])
        variants = [replace(best, dpi=d) for d in cfg.matrix_dpis if d != best.dpi]
        variants += [replace(best, preprocess=not best.preprocess)]
        for n, settings in enumerate(variants):
            run, (doc,) = candidate_run(ctx, [target], settings, f"v{n}")
            rows.append(candidate_row(settings, run, doc))
        rows.sort(key=candidate_rank)
    others = [
        i for i in ctx.inputs
        if i.truth == target.truth and i.scanned and i.path != target.path
        and i.path.suffix.lower() == ".pdf"
    ]
    more = []
    if others and cfg.candidate_more:
        chosen = [settings_of(r) for r in rows[: cfg.candidate_more]]
        if cfg.settings not in chosen:
            chosen.append(cfg.settings)
        log.info("candidates: %d best also on %s", len(chosen),
                 ", ".join(i.path.name for i in others))
        for n, settings in enumerate(chosen):
            run, docs = candidate_run(ctx, others, settings, f"m{n}")
            for doc in docs:
                more.append(candidate_row(settings, run, doc))
    return {
        "file": shown(target.path),
        "rows": rows,
        "more": more,
        "recommended": recommend(rows, more, cfg.settings),
    }


def settings_of(row: dict[str, Any]) -> OcrSettings:
    return OcrSettings(lang=row["lang"], psm=row["psm"], dpi=row["dpi"],
                       preprocess=row["preprocess"])


def candidate_row(settings: OcrSettings, run: Measured, doc: dict[str, Any]) -> dict[str, Any]:
    scores = doc.get("assignments", {})
    return {
        "lang": settings.lang,
        "psm": settings.psm,
        "dpi": settings.dpi,
        "preprocess": settings.preprocess,
        "document": doc["document"],
        "f1": scores.get("edits_0", {}).get("f1"),
        "precision": scores.get("edits_0", {}).get("precision"),
        "recall": scores.get("edits_0", {}).get("recall"),
        "f1_edits_1": scores.get("edits_1", {}).get("f1"),
        "f1_edits_2": scores.get("edits_2", {}).get("f1"),
        "items_accuracy": doc.get("items", {}).get("accuracy"),
        "officers_found": doc.get("officers", {}).get("found"),
        "officers_true": doc.get("officers", {}).get("true"),
        "cer_raw": doc.get("cer", {}).get("raw"),
        "cer_repaired": doc.get("cer", {}).get("repaired"),
        "wall": run.wall,
        "wall_per_page": round(run.wall / doc["pages"], 2) if doc.get("pages") else None,
    }


def candidate_rank(row: dict[str, Any]) -> tuple[float, float, float]:
    """Best first: strict F1, then F1 within two edits, then speed."""
    return (-(row["f1"] or 0), -(row["f1_edits_2"] or 0), row["wall"])


def recommend(
    rows: list[dict[str, Any]], more: list[dict[str, Any]], default: OcrSettings | None = None
) -> dict[str, Any] | None:
    """The settings with the best mean exact F1 over every scan they ran on; the current
    default stays unless another setting beats it by more than `KEEP_DEFAULT_MARGIN` (one
    order's F1 moves by about 0.01 per assignment row: a smaller lead is noise)."""
    if not any(row["f1"] is not None for row in rows):
        return None  # the file has no assignment truth to choose by
    per: dict[tuple[str, int, int, bool], list[float]] = {}
    wall: dict[tuple[str, int, int, bool], float] = {}
    for row in [*rows, *more]:
        key = (row["lang"], row["psm"], row["dpi"], row["preprocess"])
        per.setdefault(key, []).append(row["f1"] or 0.0)
        wall.setdefault(key, row["wall"])
    tried_everywhere = max(len(v) for v in per.values())
    scored = {k: sum(v) / len(v) for k, v in per.items() if len(v) == tried_everywhere}
    best = max(scored, key=lambda k: (scored[k], -wall[k]))
    kept = False
    if default is not None:
        current = (default.lang, default.psm, default.dpi, default.preprocess)
        if current in scored and current != best and (
            scored[best] - scored[current] <= KEEP_DEFAULT_MARGIN
        ):
            best, kept = current, True
    return {"lang": best[0], "psm": best[1], "dpi": best[2], "preprocess": best[3],
            "mean_f1": round(scored[best], 4), "scans": tried_everywhere,
            "kept_default": kept, "best_mean_f1": round(max(scored.values()), 4)}
