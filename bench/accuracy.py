"""Accuracy of a pipeline output folder against the truth of its inputs."""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from dataclasses import asdict
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from bench.evaluate import assignment_scores, canonical_text, cer
from bench.inputs import BenchInput, Truth

log = logging.getLogger(__name__)

EDIT_LEVELS = (0, 1, 2)  # assignment names: exact, within one edit, within two edits
NUMBERING_KINDS = ("duplicate", "out_of_order", "skipped")  # findings: a misnumbered item
_SPACE = re.compile(r"\s+")


def output_folders(out_dir: Path) -> dict[Path, Path]:
    """Input file (resolved) -> its document folder in a pipeline output folder."""
    folders: dict[Path, Path] = {}
    for pages_file in sorted(out_dir.glob("*/pages.json")):
        source = json.loads(pages_file.read_text("utf-8"))["source"]
        folders[Path(source).resolve()] = pages_file.parent
    return folders


def code_points(text: str) -> str:
    """Whitespace removed and nothing else: the characters exactly as a program sees them
    (`canonical_text` also forgives Thai mark order and SARA AM spelt as two characters)."""
    return _SPACE.sub("", text)


def corpus_cer(hypotheses: list[str], truths: list[str], strict: bool = False) -> float:
    """CER over several pages: all edits over all truth characters (whitespace ignored);
    `strict` compares code points instead of the canonical text."""
    norm = code_points if strict else canonical_text
    edits = sum(
        Levenshtein.distance(norm(h), norm(t)) for h, t in zip(hypotheses, truths, strict=True)
    )
    length = sum(len(norm(t)) for t in truths)
    return edits / length if length else 0.0


def page_cers(pages: list[dict[str, Any]], truth_pages: list[str],
              numbers: tuple[int, ...] | None = None) -> dict[str, Any]:
    """CER of raw and repaired text per page and over the document.

    `numbers` are the truth page numbers of the output's pages (a subset of a document);
    by default page i of the output is page i of the truth.
    """
    numbers = numbers or tuple(range(1, len(pages) + 1))
    rows, raws, reps, refs = [], [], [], []
    for page, number in zip(pages, numbers, strict=False):
        if number > len(truth_pages):
            continue
        truth = truth_pages[number - 1]
        rows.append({
            "page": number,
            "raw": round(cer(page["raw_text"], truth), 4),
            "repaired": round(cer(page["text"], truth), 4),
        })
        raws.append(page["raw_text"])
        reps.append(page["text"])
        refs.append(truth)
    if not refs:
        return {"pages": [], "raw": None, "repaired": None, "ratio": None}
    raw = corpus_cer(raws, refs)
    repaired = corpus_cer(reps, refs)
    raw_strict = corpus_cer(raws, refs, strict=True)
    repaired_strict = corpus_cer(reps, refs, strict=True)
    return {
        "pages": rows,
        "raw": round(raw, 4),
        "repaired": round(repaired, 4),
        "ratio": round(repaired / raw, 3) if raw else None,
        "raw_strict": round(raw_strict, 4),
        "repaired_strict": round(repaired_strict, 4),
        "ratio_strict": round(repaired_strict / raw_strict, 3) if raw_strict else None,
    }


def item_scores(predicted: list[str], truth: list[str]) -> dict[str, Any]:
    """Items in printed order: how many true ids were found in sequence, and the extras."""
    blocks = SequenceMatcher(None, truth, predicted, autojunk=False).get_matching_blocks()
    matched = sum(b.size for b in blocks)
    return {
        "true": len(truth),
        "found": len(predicted),
        "in_sequence": matched,
        "accuracy": round(matched / len(truth), 4) if truth else None,
        "extra": len(predicted) - matched,
        "missing": sorted(set(truth) - set(predicted)),
        "exact": predicted == truth,
    }


def officer_scores(found: list[str], truth: list[str], max_edits: int = 2) -> dict[str, Any]:
    """Distinct officers found vs true; `matched` within `max_edits` of a true name, each once."""
    left = [canonical_text(t) for t in truth]
    matched = 0
    for name in sorted({canonical_text(f) for f in found}):
        best = min(left, key=lambda t: Levenshtein.distance(name, t), default=None)
        if best is not None and Levenshtein.distance(name, best) <= max_edits:
            left.remove(best)
            matched += 1
    return {"found": len(set(map(canonical_text, found))), "true": len(truth),
            "matched": matched}


def document_scores(inp: BenchInput, folder: Path, truth: Truth | None) -> dict[str, Any]:
    """Every accuracy figure one document's outputs allow, against what its truth holds."""
    pages = json.loads((folder / "pages.json").read_text("utf-8"))["pages"]
    doc_file = folder / "document.json"
    doc = json.loads(doc_file.read_text("utf-8")) if doc_file.exists() else {}
    result: dict[str, Any] = {
        "document": inp.name,
        "file": str(inp.path),
        "kind": inp.kind,
        "pages": len(pages),
        "methods": dict(Counter(p["method"] for p in pages)),
        "page_seconds": round(sum(p["seconds"] for p in pages), 3),
        "items_found": len(doc.get("items", [])),
        "assignments_found": len(doc.get("assignments", [])),
    }
    if truth is None:
        return result
    if truth.pages is not None:
        result["cer"] = page_cers(pages, truth.pages, inp.pages)
    if truth.assignments is not None:
        predicted = [
            {"criterion": a["criterion"], "role": a["role"], "name": a["name"]}
            for a in doc.get("assignments", [])
        ]
        result["assignments"] = {
            f"edits_{n}": asdict(assignment_scores(predicted, truth.assignments, max_edits=n))
            for n in EDIT_LEVELS
        }
    if truth.officers is not None:
        names = sorted({a["name"] for a in doc.get("assignments", [])})
        result["officers"] = officer_scores(names, truth.officers)
    if truth.items is not None:
        result["items"] = item_scores([it["criterion"] for it in doc.get("items", [])],
                                      truth.items)
    if truth.numbering_errors is not None:
        flagged = sorted({
            f["criterion"] for f in doc.get("findings", []) if f["kind"] in NUMBERING_KINDS
        })
        result["numbering_errors"] = {
            "true": truth.numbering_errors,
            "flagged": flagged,
            "detected": len(set(flagged) & set(truth.numbering_errors)),
        }
    return result


def summary(documents: list[dict[str, Any]]) -> dict[str, Any]:
    """Overall figures: CER over the scanned pages, mean assignment F1 of the orders."""
    scans = [d for d in documents if d["kind"].startswith("scan") and d.get("cer", {}).get("raw")]
    out: dict[str, Any] = {}
    if scans:
        # Each document counts once, whatever its length: a short circular is no less a test.
        raw = [d["cer"]["raw"] for d in scans]
        rep = [d["cer"]["repaired"] for d in scans]
        out["scan_cer_raw_mean"] = round(sum(raw) / len(raw), 4)
        out["scan_cer_repaired_mean"] = round(sum(rep) / len(rep), 4)
        out["scan_cer_ratio"] = round(sum(rep) / sum(raw), 3)
        raw_s = [d["cer"]["raw_strict"] for d in scans]
        rep_s = [d["cer"]["repaired_strict"] for d in scans]
        out["scan_cer_raw_strict_mean"] = round(sum(raw_s) / len(raw_s), 4)
        out["scan_cer_repaired_strict_mean"] = round(sum(rep_s) / len(rep_s), 4)
        out["scan_cer_ratio_strict"] = round(sum(rep_s) / sum(raw_s), 3)
    for level in EDIT_LEVELS:
        f1s = [d["assignments"][f"edits_{level}"]["f1"] for d in documents if "assignments" in d]
        if f1s:
            out[f"assignment_f1_edits_{level}_mean"] = round(sum(f1s) / len(f1s), 4)
    return out
