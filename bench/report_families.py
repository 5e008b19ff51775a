"""The generalisation section of docs/BENCHMARKS.md: accuracy per layout family and form."""

from __future__ import annotations

from typing import Any

FORM_NAMES = {
    "digital": "born-digital",
    "scan": "grey scan 300 dpi",
    "copy": "copy of a copy 200 dpi",
    "fax": "fax 1-bit 200 dpi",
    "photo": "phone photos",
}


def _f1(cell: dict[str, Any] | None, level: int = 0) -> str:
    if not cell:
        return "–"
    s = cell[f"assign_edits_{level}"]
    return "–" if s["f1"] is None else f"{s['f1']:.2f}"


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "–"


def _grid(summary: dict[str, Any], value: Any, baseline: dict[str, Any] | None = None) -> list[str]:
    """One table: families down, forms across; `value(cell)` formats a pooled cell."""
    forms = summary["forms"]
    head = ["family", *(FORM_NAMES.get(f, f) for f in forms), "all forms"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for fam in summary["families"]:
        cells = [value(summary["cells"].get(f"{fam}/{form}")) for form in forms]
        lines.append(f"| {fam} | " + " | ".join(cells) + f" | {value(summary['by_family'][fam])} |")
    lines.append("| **all** | " + " | ".join(value(summary["by_form"][f]) for f in forms)
                 + f" | {value(summary['all'])} |")
    if baseline:
        base_forms = baseline.get("by_form", {})
        lines.append("| *baseline* | " + " | ".join(value(base_forms.get(f)) for f in forms)
                     + f" | {value(baseline.get('all'))} |")
    return [*lines, ""]


def families_section(r: dict[str, Any]) -> list[str]:
    fam = r.get("families")
    if not fam:
        return []
    if "skipped" in fam:
        return ["## Generalisation: layout families", "", f"Not measured: {fam['skipped']}.", ""]
    s = fam["summary"]
    base = fam.get("baseline")
    run = fam["run"]
    lines = [
        "## Generalisation: layout families",
        "",
        f"The **{fam['split']}** split of the generated layout families "
        "(`samples/generated/families/`, `make samples`; see `samples/README.md`): "
        f"{s['all']['documents']} files, one `circulars run` of {run['wall']:.0f} s wall, "
        f"{run['cpu']:.0f} CPU s. Figures are pooled over the documents of each cell. "
        "Nobody tunes on the validation split.",
        "",
    ]
    if base:
        lines += [f"The *baseline* row is the pipeline as it was on {base['date'][:10]} "
                  f"(code `{base['code']}`), measured on the same split before the layout work.",
                  ""]
    base_s = base["summary"] if base else None
    lines += ["### Assignment F1 (criterion, role and name exact)", "",
              *_grid(s, _f1, base_s)]
    lines += ["### Assignment F1, names within 2 edits", "",
              *_grid(s, lambda c: _f1(c, 2), base_s)]
    lines += ["### Officers found / true (matched within 2 edits)", "",
              *_grid(s, lambda c: "–" if not c else
                     f"{c['officers']['found']} / {c['officers']['true']} "
                     f"({c['officers']['matched']})", base_s)]
    lines += ["### Items with the right id (in printed order) / true items", "",
              *_grid(s, lambda c: "–" if not c else _ratio(c["items"]["right"],
                                                           c["items"]["true"]), base_s)]
    lines += ["### Numbering slips found / printed", "",
              *_grid(s, lambda c: "–" if not c else
                     f"{_ratio(c['numbering']['detected'], c['numbering']['true'])} "
                     f"({c['numbering']['flagged']} flagged)", base_s)]
    lines += ["### Declared counts read right / declared", "",
              *_grid(s, lambda c: "–" if not c else _ratio(c["declared"]["matched"],
                                                           c["declared"]["true"]), base_s)]
    lines += ["### Page CER (whitespace ignored; tables in their own reading order)", "",
              *_grid(s, lambda c: "–" if not c or c["cer_mean"] is None
                     else f"{c['cer_mean']:.3f}", base_s)]
    lines += numbers_lines(fam.get("numbers"))
    lines += table_pages_lines(fam.get("table_pages"))
    failed = [d for d in fam["documents"] if "error" in d]
    if failed:
        lines += ["Files with no output: " + ", ".join(d["file"] for d in failed) + ".", ""]
    return lines


_NUMBER_COLUMNS = (("numbers_exact", "numbers exact"), ("thai_exact", "Thai-digit"),
                   ("rare_exact", "with ๔๖๗๘๙"), ("arabic_exact", "Arabic"),
                   ("items_printed", "item numbers as printed"), ("slips_found", "slips found"),
                   ("false_findings", "false numbering findings"),
                   ("declared_found", "declared counts"))


def numbers_lines(numbers: dict[str, Any] | None) -> list[str]:
    """Numbers of the scanned files, with the number re-read and as the stock Thai model alone
    read them (its readings put back from the same run: `ocr/numbers/stock.py`)."""
    if not numbers:
        return []
    head = ["form", "numbers", *(name for _, name in _NUMBER_COLUMNS)]
    lines = ["### Numbers on the scans: number re-read vs the stock Thai model, same run", "",
             "Every number of the truth's page text matched in order against the page as read; "
             "item numbers by criterion; the stock row puts back the Thai model's reading of "
             "every word the number model re-read and extracts again (`python -m "
             "ocr.numbers.scans OUT --stock`).", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for form in ("scan", "copy", "fax", "photo", "all"):
        for model in ("reread", "stock"):
            row = numbers.get(model, {}).get(form)
            if not row:
                continue
            label = f"{FORM_NAMES.get(form, form)}, {'re-read' if model == 'reread' else 'stock'}"
            cells = ["–" if row.get(k) is None else
                     (f"{row[k]:.3f}" if isinstance(row[k], float) else str(row[k]))
                     for k, _ in _NUMBER_COLUMNS]
            lines.append(f"| {label} | {row['numbers']} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def table_pages_lines(table_pages: dict[str, Any] | None) -> list[str]:
    """CER of the table pages of scanned table-family files, pipeline vs bare engine."""
    if not table_pages:
        return []
    lines = ["### Table pages: CER of the pipeline vs the bare `tesseract` command", "",
             "The pages that print items, rendered with pdftoppm at the pipeline's dpi and read "
             "by `tesseract page stdout` with the pipeline's language and psm, against the "
             "pipeline's page text; both against the truth in the table's reading order "
             "(`bench/rawcer.py`). Issue 11 asks for a ratio of at most 0.5.", "",
             "| family / form | files | pages | bare tesseract | pipeline | ratio |",
             "|---|---|---|---|---|---|"]
    for key, v in table_pages["pooled"].items():
        ratio = "–" if v["ratio"] is None else f"{v['ratio']:.2f}"
        lines.append(f"| {key} | {v['files']} | {v['pages']} | {v['bare_cer']:.3f} | "
                     f"{v['pipeline_cer']:.3f} | {ratio} |")
    return [*lines, ""]


def splice(markdown: str, section: list[str]) -> str:
    """Put the families section into an existing report, replacing an earlier one (a partial
    run with no earlier results.json keeps the other parts of the report as they were)."""
    head = "## Generalisation: layout families"
    text = "\n".join(section).rstrip() + "\n\n"
    if head in markdown:
        start = markdown.index(head)
        end = markdown.find("\n## ", start + len(head))
        return markdown[:start] + text + (markdown[end + 1:] if end != -1 else "")
    anchor = markdown.find("\n## Accuracy")
    if anchor == -1:
        return markdown.rstrip() + "\n\n" + text
    return markdown[: anchor + 1] + text + markdown[anchor + 1:]
