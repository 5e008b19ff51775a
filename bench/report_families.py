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
    failed = [d for d in fam["documents"] if "error" in d]
    if failed:
        lines += ["Files with no output: " + ", ".join(d["file"] for d in failed) + ".", ""]
    return lines


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
