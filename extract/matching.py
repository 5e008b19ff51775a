"""Find the catalog criterion an item's text (OCR-damaged or not) is about, and guess an edition.

Text and titles are compared on their `textnorm.fold` keys with rapidfuzz: `partial_ratio` finds a
title inside a longer item text (item text often carries officer names, notes or sub-items) or a
short item inside a longer title, and a little global `ratio` prefers the title of the right
length when several contain the same phrase. A printed number is a prior, not a filter: it adds
a bounded bonus, so a clerk's wrong number loses to clearly different text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from rapidfuzz import fuzz

from extract.catalog import Catalog, Criterion, normalize_number
from extract.textnorm import fold

log = logging.getLogger(__name__)

# Share of the score given to agreement with the printed number when one is given. Small enough
# that text which clearly belongs elsewhere wins (distinct titles differ by far more).
NUMBER_WEIGHT = 0.15
# Keys shorter than this many folded letters match almost anything partially.
_MIN_KEY_LETTERS = 12
_ID_LIKE_RE = re.compile(r"^[PQR]\d", re.IGNORECASE)
# How many criteria per edition the trigram prefilter passes on to rapidfuzz.
PREFILTER_KEEP = 8
# Below this many items a document is a circular without a criteria list: no edition guess.
MIN_ITEMS_FOR_EDITION = 3
# Guessing the edition from a sample of items is as sure as from all of them, and cheaper.
EDITION_ITEMS = 40
EDITION_TEXT = 150
# A line repeating a catalog title this well counts as a criterion when guessing the edition.
MIN_TITLE_LINE_SCORE = 0.8
EDITION_LINES = 120

T = TypeVar("T")


@dataclass(frozen=True)
class Match:
    """A catalog criterion that item text may be about."""

    edition: str
    criterion_id: str
    score: float  # 0..1; text similarity, blended with number agreement when a number was given
    title: str


@dataclass(frozen=True)
class _Entry:
    criterion: Criterion
    keys: tuple[str, ...]  # folded title, and folded title + sub-items when there are any
    grams: frozenset[str]  # letter trigrams of all keys, for the cheap prefilter


@cache
def _index(edition: str) -> tuple[_Entry, ...]:
    """Folded keys of one edition's criteria, built once per process."""
    entries = []
    for crit in Catalog.load(edition):
        keys = [fold(crit.title)]
        if crit.sub_items:
            keys.append(fold(" ".join([crit.title, *(s.title for s in crit.sub_items)])))
        entries.append(_Entry(crit, tuple(keys), _trigrams("".join(keys))))
    return tuple(entries)


def _trigrams(key: str) -> frozenset[str]:
    return frozenset(key[i : i + 3] for i in range(len(key) - 2))


def _candidates(
    query: str, index: tuple[_Entry, ...], number: str | None, keep_at_least: int = 1
) -> list[int]:
    """Entries worth a full rapidfuzz comparison: the best by shared trigrams, plus any whose
    number agrees with the printed one (so the prior can still act)."""
    wanted = max(PREFILTER_KEEP, keep_at_least)
    if len(index) <= wanted:
        return list(range(len(index)))
    grams = _trigrams(query)
    if not grams:
        return list(range(len(index)))
    overlap = sorted(
        range(len(index)),
        key=lambda i: -len(grams & index[i].grams) / min(len(grams), len(index[i].grams) or 1),
    )
    keep = set(overlap[:wanted])
    if number and number.strip():
        keep.update(i for i, e in enumerate(index) if number_agreement(number, e.criterion) > 0)
    return sorted(keep)


def text_similarity(query_key: str, key: str) -> float:
    """Similarity 0..1 of two folded keys."""
    if not query_key or not key:
        return 0.0
    partial = fuzz.partial_ratio(query_key, key)
    whole = fuzz.ratio(query_key, key)
    score = (0.8 * partial + 0.2 * whole) / 100
    shortest = min(len(query_key), len(key))
    if shortest < _MIN_KEY_LETTERS:
        score *= shortest / _MIN_KEY_LETTERS
    return score


def number_agreement(number: str, crit: Criterion) -> float:
    """1 when `number` is the criterion's number (or id), 0.5 when it is one of its sub-items."""
    raw = number.strip()
    if _ID_LIKE_RE.match(raw):
        return 1.0 if raw.upper() == crit.id else 0.0
    wanted = normalize_number(raw)
    if not wanted:
        return 0.0
    if wanted == crit.number:
        return 1.0
    if wanted.startswith(crit.number + ".") and crit.group != "physical":
        return 0.5
    return 0.0


def match_item(
    text: str,
    number: str | None = None,
    edition: str | None = None,
    top: int = 3,
) -> list[Match]:
    """The `top` best criteria for an item, best first, from one edition or from all."""
    # Newest edition first, so that an exact tie (a title two editions share) goes to it.
    editions = [edition] if edition else sorted(Catalog.editions(), reverse=True)
    query = fold(text)
    scored: list[tuple[float, int, int, Match]] = []
    for rank, ed in enumerate(editions):
        index = _index(ed)
        for order in _candidates(query, index, number, keep_at_least=top):
            entry = index[order]
            score = _score(query, number, entry)
            crit = entry.criterion
            scored.append((score, rank, order, Match(ed, crit.id, round(score, 4), crit.title)))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    return [m for *_, m in scored[:top]]


def criterion_score(text: str, criterion_id: str, edition: str, number: str | None = None) -> float:
    """The match_item score (0..1) of one given criterion, without ranking the others."""
    for entry in _index(edition):
        if entry.criterion.id == criterion_id:
            return round(_score(fold(text), number, entry), 4)
    return 0.0


def _score(query: str, number: str | None, entry: _Entry) -> float:
    sim = max(text_similarity(query, key) for key in entry.keys)
    if number is None or not number.strip():
        return sim
    agree = number_agreement(number, entry.criterion)
    return (1 - NUMBER_WEIGHT) * sim + NUMBER_WEIGHT * agree


def guess_edition(items: Sequence[tuple[str | None, str]]) -> list[tuple[str, float]]:
    """Editions ranked by how well a document's items fit them, best first.

    `items` are (printed number or None, text). An edition's score is the mean, over items, of the
    item's best match in that edition: where two editions share a title, the printed numbers
    decide (the queue system is physical 11 in 2566 and 12 in 2567).
    """
    usable = [(num, fold(text)) for num, text in items if fold(text)]
    ranking = []
    for ed in Catalog.editions():
        index = _index(ed)
        if not usable:
            ranking.append((ed, 0.0))
            continue
        total = sum(
            max(_score(query, num, index[i]) for i in _candidates(query, index, num))
            for num, query in usable
        )
        ranking.append((ed, round(total / len(usable), 4)))
    ranking.sort(key=lambda t: -t[1])
    log.debug("edition ranking: %s", ranking)
    return ranking


def edition_scores(
    numbered: Sequence[tuple[str, str]], lines: Sequence[str]
) -> list[tuple[str, float]]:
    """Editions ranked by how well a document fits them: by its numbered items (number as
    written, text), or, with few of them, by the lines that repeat a criterion's title."""
    if len(numbered) >= MIN_ITEMS_FOR_EDITION:
        sampled = _spread(numbered, EDITION_ITEMS)
        return guess_edition([(number, text[:EDITION_TEXT]) for number, text in sampled])
    # Few or unreadable numbers: the lines that repeat catalog titles tell the edition.
    sample = _spread(lines, EDITION_LINES)
    titled = [
        text for text in sample
        if (best := match_item(text[:EDITION_TEXT], top=1))
        and best[0].score >= MIN_TITLE_LINE_SCORE
    ]
    if len(titled) < MIN_ITEMS_FOR_EDITION:
        return []
    return guess_edition([(None, text[:EDITION_TEXT]) for text in titled])


def _spread(values: Sequence[T], most: int) -> list[T]:
    """At most `most` values, evenly spread over the document (all blocks stay represented)."""
    if len(values) <= most:
        return list(values)
    step = len(values) / most
    return [values[int(i * step)] for i in range(most)]
