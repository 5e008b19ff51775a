"""The speed, text-stage and memory sections of docs/BENCHMARKS.md."""

from __future__ import annotations

from typing import Any

from bench.markdown import cell, spread_cell, table


def speed_section(r: dict[str, Any]) -> list[str]:
    sp = r["speed"]
    if "skipped" in sp:
        return ["## Speed", "", f"Skipped: {sp['skipped']}.", ""]
    lines = [
        "## Speed",
        "",
        f"The same {sp['pages']} scanned pages ({', '.join(f'`{f}`' for f in sp['files'])}) at "
        f"{sp['dpi']} dpi, {sp['workers']} at a time. Raw Tesseract: the `tesseract` command "
        "on images rendered beforehand with `pdftoppm` (not timed), run by a pool of "
        f"{sp['workers']}. Pipeline cold: `circulars run` into a fresh output folder; warm: "
        "the same command again on the same folder. OCRmyPDF: `ocrmypdf -l tha --jobs N "
        "--output-type pdf` on each PDF in turn. Wall and CPU seconds of every process each "
        "command started; median (min–max) of the runs; ratios taken run by run.",
        "",
    ]
    raw = sp["raw_tesseract"]
    rows = []

    def row(name: str, s: dict[str, Any], ratio: dict[str, Any] | None) -> None:
        rows.append([name, spread_cell(s["wall"]), spread_cell(s["cpu"]),
                     cell(s["wall_per_page"], 2), cell(s["cpu_per_page"], 2),
                     spread_cell(ratio) if ratio else "1"])

    row("raw `tesseract`, text (lower bound)", raw, None)
    if "raw_tesseract_tsv" in sp:
        row("raw `tesseract`, text + tsv (what the pipeline asks for)",
            sp["raw_tesseract_tsv"], None)
        rows[-1][-1] = ""
    row("`circulars run`, cold", sp["pipeline_cold"], sp["ratios"]["cold_over_raw"])
    row("`circulars run`, warm", sp["pipeline_warm"], None)
    rows[-1][-1] = ""
    om = sp.get("ocrmypdf", {})
    if "skipped" not in om:
        row("`ocrmypdf -l tha`", om, None)
        rows[-1][-1] = ""
    if "ocrmypdf_same_settings" in sp:
        row("`ocrmypdf` with the pipeline's lang and psm", sp["ocrmypdf_same_settings"], None)
        rows[-1][-1] = ""
    lines += table(["command", "wall s", "CPU s", "wall s/page", "CPU s/page",
                     "pipeline ÷ raw (wall)"], rows)
    ratios = sp["ratios"]
    lines += ["Ratios (median of run-by-run ratios):", ""]
    lines.append(f"- pipeline cold ÷ raw Tesseract: wall {spread_cell(ratios['cold_over_raw'])}, "
                 f"CPU {spread_cell(ratios['cold_over_raw_cpu'])}")
    if "cold_over_raw_tsv" in ratios:
        lines.append(f"- pipeline cold ÷ raw Tesseract writing text + tsv: "
                     f"{spread_cell(ratios['cold_over_raw_tsv'])}; the tsv alone costs the engine "
                     f"{spread_cell(ratios['raw_tsv_over_raw'])} × its text-only time")
    if "cold_over_ocrmypdf" in ratios:
        lines.append(f"- pipeline cold ÷ OCRmyPDF (`-l tha`): "
                     f"{spread_cell(ratios['cold_over_ocrmypdf'])}")
    else:
        lines.append(f"- OCRmyPDF: {om.get('skipped')}")
    if "cold_over_ocrmypdf_same_settings" in ratios:
        lines.append("- pipeline cold ÷ OCRmyPDF with the same language and psm: "
                     f"{spread_cell(ratios['cold_over_ocrmypdf_same_settings'])}")
    lines.append(f"- cold ÷ warm (speed-up of an unchanged re-run): "
                 f"{spread_cell(ratios['cold_over_warm'], 1)}")
    lines.append(f"- interpreter start and CLI imports (`circulars --help`): "
                 f"{spread_cell(sp['startup'])} s")
    lines.append(f"- one page inside the pipeline (render, OCR with tsv, repair; pages.json): "
                 f"{cell(sp['pipeline_page_seconds_mean'], 2)} s, the bare engine on the same "
                 f"pages {cell(sp['raw_page_seconds_mean'], 2)} s (mean wall per page)")
    if sp.get("render_seconds_per_page"):
        lines.append(f"- rendering a page with `pdftoppm` for the lower bound (not timed in it): "
                     f"{sp['render_seconds_per_page']:.2f} s")
    lines.append("")
    one = sp.get("workers_1")
    if one:
        lines += [
            "One worker against all cores, same pages:",
            "",
            *table(
                ["", "wall s, 1 worker", f"wall s, {sp['workers']} workers", "speed-up"],
                [
                    ["raw `tesseract`", spread_cell(one["raw_tesseract"]["wall"]),
                     spread_cell(raw["wall"]), cell(one["raw_speedup"], 2)],
                    ["`circulars run`, cold", spread_cell(one["pipeline_cold"]["wall"]),
                     spread_cell(sp["pipeline_cold"]["wall"]), cell(one["pipeline_speedup"], 2)],
                ],
            ),
            f"With one worker the pipeline takes {spread_cell(one['cold_over_raw'])} × the bare "
            "engine.",
            "",
        ]
    if sp["scaling"]:
        lines += [
            f"Scaling with the number of pages (first k pages of `{sp['files'][0]}`, "
            f"{sp['workers']} workers):",
            "",
            *table(["pages", "raw wall s", "pipeline wall s", "pipeline ÷ raw"],
                    [[s["pages"], cell(s["raw_wall"], 2), cell(s["pipeline_wall"], 2),
                      cell(s["ratio"], 2)] for s in sp["scaling"]]),
        ]
        fit = sp.get("fit")
        if fit and fit.get("pipeline") and fit.get("raw"):
            lines += [
                f"Least-squares fit over {fit.get('pages', 'all')} pages (fewer pages than "
                "workers leave a core idle), wall = fixed + per page × pages: pipeline "
                f"{fit['pipeline']['fixed']:.2f} s + {fit['pipeline']['per_page']:.2f} s/page, "
                f"raw {fit['raw']['fixed']:.2f} s + {fit['raw']['per_page']:.2f} s/page.",
                "",
            ]
    return lines


def text_and_memory_section(r: dict[str, Any]) -> list[str]:
    """The text stages and memory sections, each when it was measured (`--only` may have
    measured one of them)."""
    lines = _text_stages_lines(r["text_stages"]) if "text_stages" in r else []
    return [*lines, *_memory_lines(r)] if "memory" in r else lines


def _text_stages_lines(t: dict[str, Any]) -> list[str]:
    return [
        "## Text stages",
        "",
        f"Thai repair + extraction + catalog matching (`extract.thai_repair.repair` and "
        f"`extract.document.extract_document`) on one core, over the {t['pages']} pages of "
        f"{t['documents']} documents that the accuracy run read (OCR text of the scans, text "
        "layers, the seeds); each run in a new process; CPU seconds.",
        "",
        *table(["", "CPU s"], [
            ["one-off start (word lists, catalogs)", spread_cell(t["warmup_cpu"])],
            ["repair", spread_cell(t["repair_cpu"])],
            ["extraction and matching", spread_cell(t["extract_cpu"])],
            ["total per pass", spread_cell(t["cpu"])],
        ]),
        f"**{cell(t['pages_per_second'], 1)} pages per second** on one core. Per document "
        "(milliseconds per page):",
        "",
        *table(["document", "pages", "repair ms/page", "extraction ms/page"],
                [[d["document"], d["pages"], cell(d["repair_ms_per_page"], 1),
                  cell(d["extract_ms_per_page"], 1)] for d in t.get("per_document", [])]),
        *_units(t.get("units")),
    ]


def _memory_lines(r: dict[str, Any]) -> list[str]:
    mem = r["memory"]
    if "skipped" in mem:
        return ["## Memory", "", f"Skipped: {mem['skipped']}.", ""]
    lines = [
        "## Memory",
        "",
        f"`circulars run` on a {mem['pages']}-page scanned PDF (the speed pages repeated), "
        f"{r['workers']} workers, one run: peak summed RSS of all its processes "
        f"**{cell(mem['peak_tree_mb'], 0)} MB** (sampled every 0.1 s), largest single process "
        f"{cell(mem['largest_process_mb'], 0)} MB; {mem['run']['wall']:.0f} s wall "
        f"({mem['pages_per_minute']:.0f} pages per minute).",
    ]
    if mem.get("warm_wall"):
        lines.append(f"A warm re-run of it took {mem['warm_wall']:.2f} s "
                     f"({mem['cold_over_warm']:.0f}× faster than cold).")
    if "raw_wall" in mem:
        lines.append(f"The bare engine on the same {mem['pages']} pages took "
                     f"{mem['raw_wall']:.0f} s: pipeline ÷ raw {mem['cold_over_raw']:.2f} at this "
                     "batch size (one run).")
    return [*lines, ""]


UNIT_LABELS = {
    "repair_ms_per_3000_chars": "Thai repair, ms per 3,000 characters (seeds 003 and 004)",
    "names_ms_per_page": "officers found and clustered, ms per page (seed 003)",
    "match_ms_per_item": "one item text matched to the 2567 catalog, ms (seed 003's items)",
}


def _units(units: dict[str, Any] | None) -> list[str]:
    """Single stages against the budgets the tests once asserted (`bench/units.py`)."""
    if not units:
        return []
    rows = [[UNIT_LABELS.get(key, key), spread_cell(u, 1), cell(u["budget"], 0),
             "within" if u["within"] else "over"] for key, u in units.items()]
    return ["Single stages, CPU time in a fresh process after one warm-up call:", "",
            *table(["stage", "measured", "budget", ""], rows)]
