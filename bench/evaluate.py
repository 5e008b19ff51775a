"""Accuracy measures shared by tests and the benchmark: CER and assignment precision/recall."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pythainlp.util import normalize as thai_normalize
from rapidfuzz.distance import Levenshtein

_SPACE = re.compile(r"\s+")


def canonical_text(text: str) -> str:
    """Whitespace removed, Thai marks in standard order: two spellings a reader sees as equal."""
    return _SPACE.sub("", thai_normalize(unicodedata.normalize("NFC", text)))


def cer(hypothesis: str, truth: str) -> float:
    """Character error rate, whitespace ignored (edits / truth length)."""
    ref = canonical_text(truth)
    hyp = canonical_text(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return Levenshtein.distance(hyp, ref) / len(ref)


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    true_positives: int
    predicted: int
    expected: int


def assignment_scores(
    predicted: Iterable[Mapping[str, str]], truth: Iterable[Mapping[str, str]], max_edits: int = 0
) -> PRF:
    """Precision/recall/F1 over (criterion, role, name) triples.

    Names are compared after `canonical_text`; with `max_edits` > 0 a predicted name within
    that many edits of a true one (same criterion and role) also counts, each truth row once.
    """
    pred = {(r["criterion"], r["role"], canonical_text(r["name"])) for r in predicted}
    true = {(r["criterion"], r["role"], canonical_text(r["name"])) for r in truth}
    matched_true: set[tuple[str, str, str]] = set()
    tp = 0
    for p in sorted(pred):
        if p in true and p not in matched_true:
            matched_true.add(p)
            tp += 1
    if max_edits:
        for p in sorted(pred - true):
            for t in sorted(true - matched_true):
                if p[:2] == t[:2] and Levenshtein.distance(p[2], t[2]) <= max_edits:
                    matched_true.add(t)
                    tp += 1
                    break
    precision = tp / len(pred) if pred else 0.0
    recall = tp / len(true) if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(round(precision, 4), round(recall, 4), round(f1, 4), tp, len(pred), len(true))
