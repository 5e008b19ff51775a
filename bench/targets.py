"""The benchmark issue's targets: the goal, the measured figure, met or not and by how much."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# The targets (docs/BENCHMARKS.md reports where we stand against each).
MAX_OVERHEAD = 0.15  # pipeline cold over raw Tesseract at equal parallelism
MAX_OCRMYPDF_RATIO = 1.0  # pipeline cold / OCRmyPDF
MIN_TEXT_PAGES_PER_SECOND = 100.0
MIN_WARM_SPEEDUP = 20.0
MAX_PEAK_MB = 1024.0
MAX_CER_RATIO = 0.7  # repaired CER / raw CER on the generated scans


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue: the goal, the measured figure, met or not and by how much."""
    speed = results.get("speed", {})
    ratios = speed.get("ratios", {})
    out = []

    def add(key: str, goal: str, value: float | None, ok: Callable[[float], bool],
            gap: Callable[[float], str]) -> None:
        met = None if value is None else bool(ok(value))
        out.append({"target": key, "goal": goal, "measured": value, "met": met,
                    "gap": None if value is None or met else gap(value)})

    overhead = ratios.get("cold_over_raw", {}).get("median")
    add("overhead", f"pipeline cold ≤ {1 + MAX_OVERHEAD:.2f} × raw Tesseract",
        overhead, lambda v: v <= 1 + MAX_OVERHEAD,
        lambda v: f"{(v - 1 - MAX_OVERHEAD) * 100:.0f} points over ({(v - 1) * 100:.0f}% overhead)")
    vs_ocrmypdf = ratios.get("cold_over_ocrmypdf", {}).get("median")
    add("ocrmypdf", "pipeline cold / OCRmyPDF < 1.0", vs_ocrmypdf,
        lambda v: v < MAX_OCRMYPDF_RATIO, lambda v: f"{(v - 1) * 100:.0f}% slower than OCRmyPDF")
    text = results.get("text_stages", {}).get("pages_per_second")
    add("text_stages", f"≥ {MIN_TEXT_PAGES_PER_SECOND:.0f} pages/s on one core", text,
        lambda v: v >= MIN_TEXT_PAGES_PER_SECOND,
        lambda v: f"{MIN_TEXT_PAGES_PER_SECOND / v:.1f}× too slow")
    warm = ratios.get("cold_over_warm", {}).get("median")
    add("warm", f"warm re-run ≥ {MIN_WARM_SPEEDUP:.0f}× faster than cold", warm,
        lambda v: v >= MIN_WARM_SPEEDUP, lambda v: f"{MIN_WARM_SPEEDUP / v:.1f}× short")
    memory = results.get("memory", {})
    peak = memory.get("peak_tree_mb")
    add("memory", f"peak RSS < {MAX_PEAK_MB:.0f} MB for a {memory.get('pages', 50)}-page scan",
        peak, lambda v: v < MAX_PEAK_MB, lambda v: f"{v - MAX_PEAK_MB:.0f} MB over")
    cer_ratio = results.get("accuracy", {}).get("summary", {}).get("scan_cer_ratio")
    add("cer", f"repaired CER ≤ {MAX_CER_RATIO} × raw CER on the scans", cer_ratio,
        lambda v: v <= MAX_CER_RATIO,
        lambda v: f"{v:.2f} × raw: {(v - MAX_CER_RATIO) / v * 100:.0f}% of the repaired "
                  "errors would have to go")
    return out
