"""How the numbers of a pipeline run read against the layout families' truth (issue 13).

    python -m ocr.numbers.scans OUT [OUT2 ...]    # OUT: a `circulars run` over family files
    python -m ocr.numbers.scans OUT --stock       # and the stock models' digits, same run

Per form: the numbers of the pages read exactly (every number of the truth's page text,
matched in order against the numbers of the page as read), Thai-digit ones, those with
๔๖๗๘๙, Arabic ones; item numbers as printed (the truth's `printed` against the item's number as
written, by criterion); seeded numbering slips found and false numbering findings; declared
counts found. Truth comes from the generator (`<doc>.truth.json`), never from a run.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from extract.findings import CLERK_KINDS
from ocr.layout import PageLayout, layout_from_dict
from ocr.numbers.stock import stock_layout, stock_text

log = logging.getLogger(__name__)

NUMBER = re.compile(r"[๐-๙0-9]+(?:[./:,-][๐-๙0-9]+)*")
RARE = frozenset("๔๖๗๘๙")


def numbers(text: str) -> list[str]:
    return NUMBER.findall(text)


def _number_kinds(token: str) -> list[str]:
    thai = any("๐" <= c <= "๙" for c in token)
    kinds = ["all", "thai" if thai else "arabic"]
    if RARE & set(token):
        kinds.append("rare")
    return kinds


def number_scores(truth_pages: list[str], pages: list[str]) -> Counter:
    """Counts `<kind>` (numbers in the truth) and `<kind>_exact` (matched in order)."""
    out: Counter = Counter()
    for i, truth in enumerate(truth_pages):
        want = numbers(truth)
        got = numbers(pages[i]) if i < len(pages) else []
        matched: set[int] = set()
        for block in SequenceMatcher(None, want, got, autojunk=False).get_matching_blocks():
            matched.update(range(block.a, block.a + block.size))
        for j, token in enumerate(want):
            for kind in _number_kinds(token):
                out[kind] += 1
                out[f"{kind}_exact"] += j in matched
    return out


def _digits(written: str) -> str:
    return "".join(re.findall(r"[๐-๙0-9.]", written)).strip(".")


def item_scores(truth: dict[str, Any], doc: dict[str, Any]) -> Counter:
    """Item numbers as printed: by criterion, the digits of the number as written."""
    written = {it["criterion"]: it.get("number_as_written", "") for it in doc.get("items", [])}
    out: Counter = Counter()
    for it in truth["items"]:
        out["items"] += 1
        out["items_printed"] += _digits(written.get(it["criterion"], "")) == _digits(
            it["printed"])
    return out


def finding_scores(truth: dict[str, Any], doc: dict[str, Any]) -> Counter:
    slips = {e["criterion"] for e in truth["numbering_errors"]}
    flagged = {f["criterion"] for f in doc.get("findings", []) if f["kind"] in CLERK_KINDS}
    ocr = {f["criterion"] for f in doc.get("findings", []) if f["kind"] == "ocr_misread"}
    left = Counter(d["count"] for d in doc.get("declared_counts", []))
    declared = 0
    for d in truth["declared_counts"]:
        if left[d["count"]] > 0:
            left[d["count"]] -= 1
            declared += 1
    return Counter(slips=len(slips), slips_found=len(slips & flagged),
                   false_findings=len(flagged - slips), ocr_notes=len(ocr),
                   declared=len(truth["declared_counts"]), declared_found=declared)


def reextract(folder: Path, stock: bool = False) -> dict[str, Any]:
    """The document of a run's folder extracted again from its pages.json (no OCR), with the
    extraction code of this checkout; `stock`: from the pages as the Thai model alone read
    their numbers (`ocr/numbers/stock.py`)."""
    from dataclasses import asdict

    from extract.document import extract_document

    texts, layouts = _pages(folder, stock)
    ex = extract_document(folder.name, list(enumerate(texts, 1)), None, layouts)
    return {"items": [asdict(it) for it in ex.items],
            "findings": [asdict(f) for f in ex.findings],
            "declared_counts": [asdict(d) for d in ex.declared]}


def _pages(folder: Path, stock: bool) -> tuple[list[str], list[PageLayout | None]]:
    """The texts and layouts of a run's pages, as read or (`stock`) without the re-read."""
    pages = json.loads((folder / "pages.json").read_text("utf-8"))["pages"]
    texts = [p["text"] for p in pages]
    layouts = [layout_from_dict(p.get("layout")) for p in pages]
    if stock:
        texts = [t if lay is None else stock_text(t, lay)
                 for t, lay in zip(texts, layouts, strict=True)]
        layouts = [None if lay is None else stock_layout(lay) for lay in layouts]
    return texts, layouts


def score_run(out: Path, truth_dir: Path, only: set[str] | None = None,
              again: bool = False, stock: bool = False) -> dict[str, Counter]:
    """Counts per form (and `all`) over every document folder of a run (`only` those
    documents; `again`: extracted again from the pages, see `reextract`; `stock`: the pages
    and the document as they would be without the number re-read, from the same run)."""
    by_form: dict[str, Counter] = defaultdict(Counter)
    for folder in sorted(p for p in out.iterdir() if (p / "document.json").exists()):
        doc_name, form = folder.name.rsplit("_", 1)
        truth_path = truth_dir / f"{doc_name}.truth.json"
        if not truth_path.exists() or (only and doc_name not in only):
            continue
        truth = json.loads(truth_path.read_text("utf-8"))
        pages, _ = _pages(folder, stock)
        doc = (reextract(folder, stock) if again or stock
               else json.loads((folder / "document.json").read_text("utf-8")))
        counts = (number_scores(truth["pages"], pages) + item_scores(truth, doc)
                  + finding_scores(truth, doc))
        counts["documents"] = 1
        by_form[form] += counts
        by_form["all"] += counts
    return dict(by_form)


def summary(counts: Counter) -> dict[str, Any]:
    def rate(k: str) -> float | None:
        return round(counts[f"{k}_exact"] / counts[k], 3) if counts[k] else None

    return {
        "documents": counts["documents"],
        "numbers_exact": rate("all"), "thai_exact": rate("thai"), "rare_exact": rate("rare"),
        "arabic_exact": rate("arabic"), "numbers": counts["all"],
        "items_printed": round(counts["items_printed"] / counts["items"], 3)
        if counts["items"] else None,
        "slips_found": f"{counts['slips_found']}/{counts['slips']}",
        "false_findings": counts["false_findings"], "ocr_notes": counts["ocr_notes"],
        "declared_found": f"{counts['declared_found']}/{counts['declared']}",
    }


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = argparse.ArgumentParser(prog="python -m ocr.numbers.scans")
    ap.add_argument("out", nargs="+", type=Path, help="output folders of `circulars run`")
    ap.add_argument("--truth", type=Path, default=Path("samples/generated/families/dev"))
    ap.add_argument("--only", help="comma-separated document names (e.g. ruled-0001)")
    ap.add_argument("--again", action="store_true",
                    help="extract again from pages.json with this checkout's code (no OCR)")
    ap.add_argument("--stock", action="store_true",
                    help="also score the same pages as the stock Thai model read their numbers "
                         "(the re-read words' originals put back; extracted again)")
    args = ap.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    for out in args.out:
        for model in ("reread", "stock") if args.stock else ("reread",):
            counts = score_run(out, args.truth, only, args.again, model == "stock")
            for form, c in counts.items():
                print(json.dumps({"run": str(out), "model": model, "form": form,
                                  **summary(c)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
