"""Crosswalk between two editions of the catalog: which criterion became which.

Titles are compared as pythainlp `newmm` token lists (each token folded by `textnorm.fold`, so
spelling variants and digit styles agree) with rapidfuzz; the Hungarian assignment
(`scipy.optimize.linear_sum_assignment`) then pairs each criterion with at most one partner.
A small hand-kept file, `catalogs/overrides.json`, fixes the pairs whose wording changed too much
for a text match (forced pairs) or that the text match would pair wrongly (forced "no partner").
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from pythainlp.tokenize import word_tokenize
from rapidfuzz.distance import Indel
from scipy.optimize import linear_sum_assignment

from extract.catalog import Catalog, CatalogError, Criterion
from extract.textnorm import fold

log = logging.getLogger(__name__)

# Below this (group-weighted) similarity a pair is not a pair: the criterion was added or removed.
MIN_SIMILARITY = 0.4

# How plausible a move between groups is. Physical and quality items do trade places between
# editions (responsible-persons signs: quality 2.6 in 2566, physical 6 in 2567); results never
# become checklist items.
_GROUP_WEIGHT = {
    frozenset(["physical", "quality"]): 0.9,
    frozenset(["quality", "special"]): 0.9,
    frozenset(["physical", "special"]): 0.8,
}
_RESULTS_CROSS_WEIGHT = 0.5


@dataclass(frozen=True)
class CrosswalkPair:
    """Criterion `a` of edition A corresponds to criterion `b` of edition B."""

    a: Criterion
    b: Criterion
    similarity: float  # title similarity 0..1 (also shown for overridden pairs)
    source: str  # "text" (assignment over titles) or "override" (overrides.json)

    @property
    def number_changed(self) -> bool:
        """True when the criterion moved: another number or another group (P11 -> P12)."""
        return self.a.id != self.b.id

    @property
    def same_concept(self) -> bool:
        return self.a.concept == self.b.concept


@dataclass(frozen=True)
class Crosswalk:
    edition_a: str
    edition_b: str
    pairs: tuple[CrosswalkPair, ...]  # in A's document order
    removed: tuple[Criterion, ...]  # criteria of A with no counterpart in B
    added: tuple[Criterion, ...]  # criteria of B with no counterpart in A

    def for_a(self, criterion_id: str) -> CrosswalkPair | None:
        return next((p for p in self.pairs if p.a.id == criterion_id), None)

    def for_b(self, criterion_id: str) -> CrosswalkPair | None:
        return next((p for p in self.pairs if p.b.id == criterion_id), None)

    def mapping(self) -> dict[str, str]:
        """Criterion id in A -> criterion id in B."""
        return {p.a.id: p.b.id for p in self.pairs}


@dataclass(frozen=True)
class Override:
    """One hand-made decision of overrides.json, oriented from edition_a to edition_b."""

    edition_a: str
    edition_b: str
    a: str | None  # None: `b` has no counterpart in edition_a
    b: str | None  # None: `a` has no counterpart in edition_b
    why: str


def build_crosswalk(edition_a: str, edition_b: str) -> Crosswalk:
    """The crosswalk from `edition_a` to `edition_b` (cached per pair)."""
    return _build(str(edition_a), str(edition_b))


@cache
def _build(edition_a: str, edition_b: str) -> Crosswalk:
    cat_a, cat_b = Catalog.load(edition_a), Catalog.load(edition_b)
    crit_a, crit_b = list(cat_a), list(cat_b)
    sim = similarity_matrix(edition_a, edition_b)
    weighted = sim * _group_weights(crit_a, crit_b)

    index_a = {c.id: i for i, c in enumerate(crit_a)}
    index_b = {c.id: j for j, c in enumerate(crit_b)}
    forced: dict[int, tuple[int, str]] = {}
    blocked_a: set[int] = set()
    blocked_b: set[int] = set()
    for ov in overrides_for(edition_a, edition_b):
        i = index_a.get(ov.a) if ov.a else None
        j = index_b.get(ov.b) if ov.b else None
        if (ov.a and i is None) or (ov.b and j is None):
            raise CatalogError(f"overrides.json: {ov.a} / {ov.b} not in {edition_a} / {edition_b}")
        if i is not None:
            blocked_a.add(i)
        if j is not None:
            blocked_b.add(j)
        if i is not None and j is not None:
            forced[i] = (j, "override")

    rows = [i for i in range(len(crit_a)) if i not in blocked_a]
    cols = [j for j in range(len(crit_b)) if j not in blocked_b]
    chosen: dict[int, tuple[int, str]] = dict(forced)
    if rows and cols:
        sub = weighted[np.ix_(rows, cols)]
        r_idx, c_idx = linear_sum_assignment(sub, maximize=True)
        for r, c in zip(r_idx, c_idx, strict=True):
            if sub[r, c] >= MIN_SIMILARITY:
                chosen[rows[r]] = (cols[c], "text")

    pairs = tuple(
        CrosswalkPair(crit_a[i], crit_b[j], round(float(sim[i, j]), 3), source)
        for i, (j, source) in sorted(chosen.items())
    )
    used_b = {j for j, _ in chosen.values()}
    removed = tuple(c for i, c in enumerate(crit_a) if i not in chosen)
    added = tuple(c for j, c in enumerate(crit_b) if j not in used_b)
    log.debug(
        "crosswalk %s->%s: %d pairs, %d removed, %d added",
        edition_a,
        edition_b,
        len(pairs),
        len(removed),
        len(added),
    )
    return Crosswalk(edition_a, edition_b, pairs, removed, added)


def similarity_matrix(edition_a: str, edition_b: str) -> np.ndarray:
    """Title similarity of every criterion of A with every criterion of B, 0..1.

    Mostly IDF-weighted containment of token sets (an edition often keeps a title and adds a
    clause, so the shorter title's words reappear in the longer), plus a little rapidfuzz Indel
    similarity of the token sequences to break ties between near-identical titles.
    """
    tok_a, tok_b = _tokens(edition_a), _tokens(edition_b)
    docs = [set(t) for t in tok_a + tok_b]
    df: dict[str, int] = {}
    for doc in docs:
        for tok in doc:
            df[tok] = df.get(tok, 0) + 1
    idf = {tok: math.log(1 + len(docs) / n) for tok, n in df.items()}

    sim = np.zeros((len(tok_a), len(tok_b)))
    for i, ta in enumerate(tok_a):
        sa = set(ta)
        wa = sum(idf[t] for t in sa)
        for j, tb in enumerate(tok_b):
            sb = set(tb)
            wb = sum(idf[t] for t in sb)
            smaller = min(wa, wb)
            contain = sum(idf[t] for t in sa & sb) / smaller if smaller else 0.0
            sim[i, j] = 0.9 * contain + 0.1 * Indel.normalized_similarity(ta, tb)
    return sim


@cache
def _tokens(edition: str) -> list[list[str]]:
    """Folded newmm tokens of each title of `edition`, tokenised once per process."""
    out = []
    for crit in Catalog.load(edition):
        words = word_tokenize(crit.title, engine="newmm", keep_whitespace=False)
        out.append([f for f in (fold(w) for w in words) if f])
    return out


def _group_weights(crit_a: list[Criterion], crit_b: list[Criterion]) -> np.ndarray:
    weights = np.ones((len(crit_a), len(crit_b)))
    for i, a in enumerate(crit_a):
        for j, b in enumerate(crit_b):
            if a.group == b.group:
                continue
            if "results" in (a.group, b.group):
                weights[i, j] = _RESULTS_CROSS_WEIGHT
            else:
                weights[i, j] = _GROUP_WEIGHT[frozenset([a.group, b.group])]
    return weights


def overrides_for(edition_a: str, edition_b: str) -> list[Override]:
    """The manual decisions for this pair of editions, oriented A -> B."""
    out = []
    for ov in _all_overrides():
        if (ov.edition_a, ov.edition_b) == (edition_a, edition_b):
            out.append(ov)
        elif (ov.edition_a, ov.edition_b) == (edition_b, edition_a):
            out.append(Override(edition_a, edition_b, ov.b, ov.a, ov.why))
    return out


@cache
def _all_overrides() -> tuple[Override, ...]:
    path = resources.files("extract") / "catalogs" / "overrides.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for raw in data["overrides"]:
        ed_a, ed_b = raw["editions"]
        if raw.get("a") is None and raw.get("b") is None:
            raise CatalogError(f"overrides.json: empty override for {ed_a}/{ed_b}")
        out.append(Override(ed_a, ed_b, raw.get("a"), raw.get("b"), raw.get("why", "")))
    return tuple(out)
