"""How extraction generalises: accuracy per layout family and scan form on a split of the
generated families (`samples/generated/families/<split>/`, truth in `<doc>.truth.json`).

The validation split is measured here and nowhere else: nobody tunes on it. Figures are pooled
per family and form (true positives, predictions and truths summed over the documents), so a
long order weighs more than a short one, as it does for a user retyping it.
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.accuracy import (
    EDIT_LEVELS,
    NUMBERING_KINDS,
    corpus_cer,
    item_scores,
    officer_scores,
    output_folders,
)
from bench.evaluate import assignment_scores, canonical_text

log = logging.getLogger(__name__)

FORMS = ("digital", "scan", "copy", "fax", "photo")
FAMILIES = ("ruled", "norules", "multiname", "list", "sectionlist", "circular")
SPLITS = ("dev", "validation")


@dataclass(frozen=True)
class FamilyFile:
    """One input file of a family document and the truth it is measured against."""

    path: Path
    document: str  # e.g. ruled-0003
    family: str
    form: str  # digital, scan, copy, fax, photo
    truth: Path  # <doc>.truth.json


def split_folder(samples: Path, split: str) -> Path:
    return samples / "generated" / "families" / split


def family_files(samples: Path, split: str, families: Iterable[str] = (),
                 forms: Iterable[str] = ()) -> tuple[list[FamilyFile], list[str]]:
    """The split's input files (optionally some families / forms only) and the names of the
    files their truth lists that are not on disk (`make samples` writes them)."""
    wanted_families, wanted_forms = set(families), set(forms)
    found: list[FamilyFile] = []
    missing: list[str] = []
    for truth_path in sorted(split_folder(samples, split).glob("*.truth.json")):
        truth = json.loads(truth_path.read_text("utf-8"))
        if wanted_families and truth["family"] not in wanted_families:
            continue
        for name, info in sorted(truth["files"].items()):
            if wanted_forms and info["form"] not in wanted_forms:
                continue
            path = truth_path.parent / name
            if not path.exists():
                missing.append(name)
                continue
            found.append(FamilyFile(path, truth["document"], truth["family"], info["form"],
                                    truth_path))
    return found, missing


def _numbering(truth: dict[str, Any], findings: list[dict[str, Any]]) -> dict[str, Any]:
    true = sorted({e["criterion"] for e in truth["numbering_errors"]})
    flagged = sorted({f["criterion"] for f in findings if f["kind"] in NUMBERING_KINDS})
    return {"true": len(true), "flagged": len(flagged),
            "detected": len(set(true) & set(flagged))}


def _declared(truth: dict[str, Any], declared: list[dict[str, Any]]) -> dict[str, Any]:
    """Declared counts read right: true counts matched by value, each once."""
    left = Counter(d["count"] for d in declared)
    matched = 0
    for d in truth["declared_counts"]:
        if left[d["count"]] > 0:
            left[d["count"]] -= 1
            matched += 1
    return {"true": len(truth["declared_counts"]), "found": len(declared), "matched": matched}


def _signer(truth: dict[str, Any], meta: dict[str, Any]) -> bool | None:
    want = truth.get("signer")
    if not want:
        return None
    got = (meta or {}).get("signer") or {}
    return canonical_text(got.get("name", "")) == canonical_text(want["name"])


def score_document(truth: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Every figure one document's output gives against its truth.json."""
    pages = json.loads((folder / "pages.json").read_text("utf-8"))["pages"]
    doc_file = folder / "document.json"
    doc = json.loads(doc_file.read_text("utf-8")) if doc_file.exists() else {}
    predicted = [{"criterion": a["criterion"], "role": a["role"], "name": a["name"]}
                 for a in doc.get("assignments", [])]
    truth_pages = truth["pages"]
    hyp = [p["text"] for p in pages[: len(truth_pages)]]
    hyp += [""] * (len(truth_pages) - len(hyp))
    assigned_true = [o["name"] for o in truth["officers"]]
    return {
        "pages": len(pages),
        "methods": dict(Counter(p["method"] for p in pages)),
        "page_seconds": round(sum(p.get("seconds", 0.0) for p in pages), 2),
        "assignments": {
            f"edits_{n}": asdict(assignment_scores(predicted, truth["assignments"], max_edits=n))
            for n in EDIT_LEVELS
        },
        "officers": officer_scores(sorted({a["name"] for a in predicted}), assigned_true),
        "items": item_scores([it["criterion"] for it in doc.get("items", [])],
                             [it["criterion"] for it in truth["items"]]),
        "numbering": _numbering(truth, doc.get("findings", [])),
        "declared": _declared(truth, doc.get("declared_counts", [])),
        "signer_right": _signer(truth, doc.get("meta", {})),
        "cer": round(corpus_cer(hyp, truth_pages), 4),
    }


def score_run(files: Sequence[FamilyFile], out: Path) -> list[dict[str, Any]]:
    """Score every file of a `circulars run` over `files` into `out`."""
    folders = output_folders(out)
    rows = []
    for f in files:
        base = {"document": f.document, "family": f.family, "form": f.form, "file": f.path.name}
        folder = folders.get(f.path.resolve())
        if folder is None:
            rows.append({**base, "error": "no output (see errors.csv of the run)"})
            continue
        truth = json.loads(f.truth.read_text("utf-8"))
        rows.append({**base, **score_document(truth, folder)})
    return rows


def _prf(tp: int, predicted: int, expected: int) -> dict[str, float | int | None]:
    if not expected and not predicted:
        return {"precision": None, "recall": None, "f1": None, "tp": 0, "predicted": 0,
                "expected": 0}
    p = tp / predicted if predicted else 0.0
    r = tp / expected if expected else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "tp": tp,
            "predicted": predicted, "expected": expected}


def pooled(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Figures pooled over documents (sums of counts; CER over all pages)."""
    ok = [r for r in rows if "error" not in r]
    out: dict[str, Any] = {"documents": len(rows), "failed": len(rows) - len(ok)}
    for level in EDIT_LEVELS:
        parts = [r["assignments"][f"edits_{level}"] for r in ok]
        out[f"assign_edits_{level}"] = _prf(
            sum(p["true_positives"] for p in parts), sum(p["predicted"] for p in parts),
            sum(p["expected"] for p in parts))
    out["officers"] = {k: sum(r["officers"][k] for r in ok) for k in ("found", "true", "matched")}
    out["items"] = {"true": sum(r["items"]["true"] for r in ok),
                    "right": sum(r["items"]["in_sequence"] for r in ok),
                    "extra": sum(r["items"]["extra"] for r in ok)}
    out["numbering"] = {k: sum(r["numbering"][k] for r in ok)
                        for k in ("true", "flagged", "detected")}
    out["declared"] = {k: sum(r["declared"][k] for r in ok) for k in ("true", "found", "matched")}
    signers = [r["signer_right"] for r in ok if r["signer_right"] is not None]
    out["signer"] = {"right": sum(signers), "of": len(signers)}
    out["cer_mean"] = round(sum(r["cer"] for r in ok) / len(ok), 4) if ok else None
    return out


def summarise(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Pooled figures per (family, form), per family, per form, and over everything."""
    cells: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        cells[(r["family"], r["form"])].append(r)

    def order(values: Iterable[str], known: Sequence[str]) -> list[str]:
        return sorted(set(values), key=lambda v: (known.index(v) if v in known else 99, v))

    families = order((r["family"] for r in rows), FAMILIES)
    forms = order((r["form"] for r in rows), FORMS)
    return {
        "families": families,
        "forms": forms,
        "cells": {f"{fam}/{form}": pooled(cells[(fam, form)])
                  for fam in families for form in forms if cells.get((fam, form))},
        "by_family": {fam: pooled([r for r in rows if r["family"] == fam]) for fam in families},
        "by_form": {form: pooled([r for r in rows if r["form"] == form]) for form in forms},
        "all": pooled(rows),
    }
