"""docs/BENCHMARKS.md from the benchmark's results (nothing here measures anything)."""

from __future__ import annotations

from typing import Any

from bench.markdown import cell, table
from bench.report_families import families_section
from bench.report_speed import speed_section, text_and_memory_section


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _settings(row: dict[str, Any]) -> str:
    pre = ", preprocess" if row.get("preprocess") else ""
    return f"`--lang {row['lang']} --psm {row['psm']}` {row['dpi']} dpi{pre}"


def render_markdown(results: dict[str, Any]) -> str:
    lines: list[str] = []
    lines += _head(results)
    lines += _targets_table(results)
    lines += families_section(results)
    # A partial run (`--only`) on a fresh clone has no earlier results for the other parts.
    if "accuracy" in results:
        lines += _accuracy(results)
    if "matrix" in results or "candidates" in results:
        lines += _settings_section(results)
    if "speed" in results:
        lines += speed_section(results)
    if "text_stages" in results or "memory" in results:
        lines += text_and_memory_section(results)
    lines += _target_notes(results)
    lines += _method(results)
    return "\n".join(lines).rstrip() + "\n"


def _head(r: dict[str, Any]) -> list[str]:
    m = r["machine"]
    s = r["settings"]
    mode = "quick subset (`circulars bench --quick`)" if r["quick"] else "full run (`make bench`)"
    lines = [
        "# Benchmarks",
        "",
        "Written by `circulars bench` (`make bench`); do not edit by hand. The raw figures are in "
        "`bench/results/results.json`. Accuracy is measured against the truth of the generated "
        "samples "
        "(`samples/expected/`) and the hand-written golden files of seed 003; speed is measured "
        "side by side with the bare `tesseract` command and OCRmyPDF on the same pages in the "
        "same run.",
        "",
        *table(["", ""], [
            ["date (UTC)", r["date"]],
            ["mode", f"{mode}, {r['duration_s'] / 60:.1f} min"],
            ["machine", f"{m['cores']} cores, {m['cpu_model']}, {cell(m['memory_gb'], 1)} GB"],
            ["OS, Python", f"{m['os']}, Python {m['python']}"],
            ["Tesseract", m["tesseract"]],
            ["OCRmyPDF", m["ocrmypdf"] or "not installed"],
            ["pipeline settings", f"`--lang {s['lang']} --psm {s['psm']} --dpi {s['dpi']}`"
             f"{' --preprocess' if s['preprocess'] else ''}, {r['workers']} workers"],
            ["timings", f"median of {r['repeats']} run(s) unless said otherwise"],
        ]),
    ]
    load = r.get("load_average", {})
    if load:
        peak = max(v[0] for v in load.values())
        lines += [
            "Load average (1 min) at the start of each part: "
            + ", ".join(f"{k} {v[0]:.1f}" for k, v in load.items())
            + (f". The machine was shared (load up to {peak:.1f} on {m['cores']} cores): "
               "seconds are inflated, ratios of alternating runs hold better."
               if peak > (m["cores"] or 1) else "."),
            "",
        ]
    code = r.get("code", {})
    if code.get("page_code_changed"):
        lines += ["**Warning: the code that makes a page changed during this run**: warm "
                  "re-runs may have found their page cache stale, and the figures mix two "
                  "versions of the code. Run the benchmark again on a quiet tree.", ""]
    elif code.get("changed_during_run"):
        lines += ["Note: some source files changed during this run (not the page code, so "
                  "the page cache stayed valid).", ""]
    missing = r.get("inputs", {}).get("missing")
    if missing:
        lines += [f"Not measured (missing: `make samples` makes them): {', '.join(missing)}.", ""]
    return lines


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.1f}" if abs(value) >= 10 else (
        f"{value:.2f}")


def _targets_table(r: dict[str, Any]) -> list[str]:
    rows = []
    for t in r["targets"]:
        status = "not measured" if t["met"] is None else "met" if t["met"] else "missed"
        rows.append([t["target"], t["goal"], _num(t["measured"]), status, t["gap"] or ""])
    return ["## Targets", "", *table(["target", "goal", "measured", "status", "gap"], rows),
            "Details, causes and what would close each gap: [below](#where-we-stand).", ""]


def _prf(doc: dict[str, Any], level: int) -> str:
    s = doc.get("assignments", {}).get(f"edits_{level}")
    if not s:
        return "–"
    return f"{s['f1']:.3f}" if level else (
        f"{s['f1']:.3f} (P {s['precision']:.2f}, R {s['recall']:.2f})")


def _accuracy(r: dict[str, Any]) -> list[str]:
    acc = r["accuracy"]
    run = acc["run"]
    lines = [
        "## Accuracy",
        "",
        f"One `circulars run` over every input with truth and the seeds, with the pipeline's "
        f"default settings ({run['wall']:.0f} s wall). CER: character error rate with all "
        "whitespace removed, over the whole document (all edits / all truth characters); raw "
        "is Tesseract's text (or the PDF text layer), repaired is the pipeline's text after "
        "Thai repair, both compared after `bench.evaluate.canonical_text`, which also "
        "forgives Thai mark order and SARA AM written as NIKHAHIT + SARA AA. The code-point "
        "CER compares the characters exactly as a program sees them (whitespace removed "
        "only): that is where the repair of spellings shows. Assignments: precision / recall / "
        "F1 over (criterion, role, name); names exact, or within one or two edits. Items: "
        "top-level items found with the right criterion id in printed order.",
        "",
    ]
    rows = []
    for d in acc["documents"]:
        if "error" in d:
            rows.append([f"`{_name(d['file'])}`", d["kind"], "–", "–", "–", "–", "–", d["error"],
                         "", "", "", "", ""])
            continue
        cer = d.get("cer", {})
        officers = d.get("officers")
        items = d.get("items")
        numbering = d.get("numbering_errors")
        rows.append([
            f"`{_name(d['file'])}`", d["kind"], d["pages"], cell(cer.get("raw")),
            cell(cer.get("repaired")),
            cell(cer.get("ratio"), 2),
            f"{cer['raw_strict']:.3f} → {cer['repaired_strict']:.3f}" if cer else "–",
            _prf(d, 0), _prf(d, 1), _prf(d, 2),
            f"{officers['found']} / {officers['true']}" if officers else "–",
            f"{items['in_sequence']} / {items['true']} (+{items['extra']})" if items else
            str(d.get("items_found", "–")),
            f"{numbering['detected']} / {len(numbering['true'])}" if numbering else "–",
        ])
    lines += table(
        ["file", "kind", "pages", "CER raw", "CER repaired", "ratio",
         "code-point CER raw → repaired", "assignment F1 exact",
         "F1 ≤1 edit", "F1 ≤2 edits", "officers found / true", "items in sequence / true",
         "numbering errors flagged"],
        rows,
    )
    summary = acc["summary"]
    if "scan_cer_raw_mean" in summary:
        lines += [
            f"Scans: mean CER raw {summary['scan_cer_raw_mean']:.3f}, repaired "
            f"{summary['scan_cer_repaired_mean']:.3f} (ratio {summary['scan_cer_ratio']:.2f}); "
            f"code points: raw {summary['scan_cer_raw_strict_mean']:.3f}, repaired "
            f"{summary['scan_cer_repaired_strict_mean']:.3f} "
            f"(ratio {summary['scan_cer_ratio_strict']:.2f}).",
            "",
        ]
    lines += ["CER per page (raw → repaired):", ""]
    for d in acc["documents"]:
        pages = d.get("cer", {}).get("pages")
        if pages and d["kind"] != "born-digital":
            cells = ", ".join(f"{p['page']}: {p['raw']:.3f} → {p['repaired']:.3f}" for p in pages)
            lines.append(f"- `{_name(d['file'])}`: {cells}")
    return [*lines, ""]


def _settings_section(r: dict[str, Any]) -> list[str]:
    lines = ["## Tesseract settings", ""]
    matrix = r["matrix"]
    if "skipped" in matrix:
        lines += [f"Settings matrix skipped: {matrix['skipped']}.", ""]
    else:
        lines += [
            f"Every combination on the same {len(matrix['pages'])} pages "
            f"({', '.join(matrix['pages'])}): the bare `tesseract` command on images rendered "
            "once by the pipeline's renderer, with the pipeline's options, "
            f"{matrix['workers']} at a time. CER over those pages, raw and after the pipeline's "
            "Thai repair; CPU seconds per page (one engine thread). Best repaired CER first. "
            "`Thai` is the script model (`script/Thai`; Debian installs it as `Thai`).",
            "",
        ]
        rows = [
            [s["lang"], s["psm"], s["dpi"], s["preprocess"], s["cer_raw"], s["cer_repaired"],
             cell(s["cpu_per_page"], 2)]
            for s in matrix["settings"]
        ]
        lines += table(["lang", "psm", "dpi", "preprocess", "CER raw", "CER repaired",
                         "CPU s/page"], rows)
        if matrix.get("not_installed"):
            lines += ["Not measured (language not installed): "
                      + "; ".join(matrix["not_installed"]), ""]
    cand = r["candidates"]
    if "skipped" in cand:
        return [*lines, f"End-to-end comparison skipped: {cand['skipped']}.", ""]
    lines += [
        "### End to end",
        "",
        f"`circulars run` on `{cand['file']}` with each setting (cold, fresh output folder): "
        "assignment F1 against the truth, best first.",
        "",
    ]
    lines += table(
        ["settings", "F1 exact", "P", "R", "F1 ≤1", "F1 ≤2", "items", "officers",
         "CER raw", "CER repaired", "s/page"],
        [[_settings(c), c["f1"], cell(c["precision"], 2), cell(c["recall"], 2), c["f1_edits_1"],
          c["f1_edits_2"], c["items_accuracy"],
          f"{c['officers_found']} / {c['officers_true']}", c["cer_raw"], c["cer_repaired"],
          cell(c["wall_per_page"], 2)] for c in cand["rows"]],
    )
    if cand["more"]:
        lines += ["The best of them, and the current default, on the other scans of the same "
                  "order:", ""]
        lines += table(
            ["settings", "document", "F1 exact", "F1 ≤2", "items", "CER repaired"],
            [[_settings(c), c["document"], c["f1"], c["f1_edits_2"], c["items_accuracy"],
              c["cer_repaired"]] for c in cand["more"]],
        )
    rec = cand.get("recommended")
    if rec:
        lines += [
            f"**Recommended default: {_settings(rec)}** (mean exact assignment F1 "
            f"{rec['mean_f1']:.3f} over the {rec['scans']} scan(s) it ran on; "
            + ("kept: no other setting leads it by more than 0.02, the noise of one order's F1"
               if rec.get("kept_default") else "the best mean, ties to the faster") + ").",
            "",
        ]
    return lines


def _target_notes(r: dict[str, Any]) -> list[str]:
    from bench.notes import notes

    lines = ["## Where we stand", ""]
    for title, text in notes(r):
        lines += [f"**{title}.** {text}", ""]
    return lines


def _method(r: dict[str, Any]) -> list[str]:
    return [
        "## How to run",
        "",
        "- `make bench` (or `circulars bench`): everything above; writes "
        "`bench/results/results.json` and this file. Needs the generated scans "
        "(`make samples`) for the grey and bad scans, and OCRmyPDF for the comparison (left "
        "out, and said so, when it is missing).",
        "- `circulars bench --quick`: a subset in a few minutes (committed samples only, one "
        "run of each timing, a smaller settings matrix, a 12-page memory run); it writes "
        "`bench/results/results.json` only, unless `--docs` is given.",
        f"- This run took {r['duration_s'] / 60:.1f} minutes.",
        "",
    ]
