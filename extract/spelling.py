"""The canonical spelling of a name behind its OCR variants (ศุภศิลป็, คุภศิลป, ศุภคิลนิ,
ศูภศูลป๋, ศุภศิลฟ้ -> ศุภศิลป์): the variants are aligned, each position offers what was seen plus
the look-alikes of suspicious letters, and the spelling kept is the one that best explains the
variants while being valid Thai orthography and made of known names and words.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from extract.namedistance import (
    _SKELETON,
    BOTTOM_MARKS,
    CONFUSABLE,
    SUSPICIOUS,
    TOP_MARKS,
    NameKind,
    NameLexicon,
    _align,
    _slot_cost,
    name_lexicon,
    ocr_distance,
    orthography_errors,
)
from extract.thaichars import UNMARK

log = logging.getLogger(__name__)

_BEAM = 400
_MAX_UNSEEN = 2  # letters a canonical spelling may take that no variant shows there
EVIDENCE_WEIGHT = 2.0  # per unit of mean OCR cost between a spelling and the variants
ORTHOGRAPHY_WEIGHT = 1.5
KNOWN_NAME_BONUS = 0.6
KNOWN_WORD_BONUS = 0.3
COVERAGE_WEIGHT = 1.0


def _alternatives(observed: set[str]) -> set[str]:
    """Letters a position may really hold, given what was seen there."""
    alts = set(observed)
    for ch in observed:
        alts |= CONFUSABLE.get(ch, frozenset())
    if any(ch in TOP_MARKS for ch in observed) or ("" in observed and len(observed) > 1):
        alts |= TOP_MARKS - {"ํ", "๎"}
        alts.add("")
    if any(ch in BOTTOM_MARKS for ch in observed):
        alts |= {"ุ", "ู", ""}
    return alts


def spelling_score(text: str, kind: NameKind, lexicon: NameLexicon | None = None) -> float:
    """How much a spelling looks like a real name, higher is better (no OCR evidence)."""
    lexicon = lexicon or name_lexicon()
    score = COVERAGE_WEIGHT * lexicon.coverage(text)
    score -= ORTHOGRAPHY_WEIGHT * orthography_errors(text)
    if lexicon.known(text, kind):
        score += KNOWN_NAME_BONUS
    elif text in lexicon.words:
        score += KNOWN_WORD_BONUS
    return score


def canonical_spelling(
    variants: Mapping[str, int], kind: NameKind, lexicon: NameLexicon | None = None
) -> str:
    """The most likely true spelling behind OCR ``variants`` (spelling -> times seen).

    May be a spelling none of the variants shows, built letter by letter from them.

    >>> canonical_spelling({"ศุภศิลป็": 2, "คุภศิลป": 1, "ศุภคิลนิ": 1, "ศูภศูลป๋": 1,
    ...                     "ศุภศิลฟ้": 1}, "given")
    'ศุภศิลป์'
    """
    lexicon = lexicon or name_lexicon()
    variants = {v: c for v, c in variants.items() if v and c > 0}
    if not variants:
        return ""
    total = sum(variants.values())
    ref = min(
        variants,
        key=lambda r: (
            sum(c * ocr_distance(v, r)[0] for v, c in variants.items()),
            -variants[r],
            r,
        ),
    )
    aligned = {v: _align(v, ref) for v in variants}
    slots: list[dict[str, float]] = []  # option -> evidence cost (weighted mean)
    seen_sets: list[set[str]] = []
    bad_spots = _error_positions(ref)
    for pos in range(2 * len(ref) + 1):
        letter = pos % 2 == 1
        i = pos // 2
        seen: Counter[str] = Counter()
        for v, (subs, gaps) in aligned.items():
            seen[subs[i] if letter else gaps[i]] += variants[v]
        observed = set(seen)
        options = set(observed)
        if (
            len(observed) > 1
            or (letter and (ref[i] in SUSPICIOUS or i in bad_spots))
            or (not letter and (i in bad_spots or i - 1 in bad_spots))
        ):
            if all(len(o) <= 1 for o in observed):
                options = _alternatives(observed)
        slots.append({o: _slot_cost(seen, o) / total for o in options})
        seen_sets.append(observed)

    beam: list[tuple[float, str, int]] = [(0.0, "", 0)]
    for slot, observed in zip(slots, seen_sets, strict=True):
        grown = []
        for evidence, prefix, unseen in beam:
            for option, cost in slot.items():
                extra = option not in observed
                if unseen + extra > _MAX_UNSEEN:
                    continue
                text = prefix + option
                partial = evidence + cost
                grown.append((partial, text, unseen + extra))
        # The text breaks ties: the beam keeps the same states whatever order the variants
        # (and so the options of a slot) came in.
        grown.sort(key=lambda s: (s[0] + ORTHOGRAPHY_WEIGHT * orthography_errors(s[1], False),
                                  s[1]))
        beam, kept = [], set()
        for state in grown:
            if state[1] not in kept:
                kept.add(state[1])
                beam.append(state)
            if len(beam) >= _BEAM:
                break

    def final(state: tuple[float, str, int]) -> tuple[float, int, int, str]:
        evidence, text, _ = state
        score = EVIDENCE_WEIGHT * evidence - spelling_score(text, kind, lexicon)
        # On a tie the longer spelling: a scan loses ink (โทน read as ทน) more than it adds.
        return round(score, 6), -variants.get(text, 0), -len(text), text

    best = min(beam, key=final)[1]
    if not lexicon.known(best, kind):
        best = _listed_variant(best, variants, kind, lexicon) or best
    if not lexicon.known(best, kind):
        # Only marks may change here: a consonant a scan shows is evidence even when a listed
        # name is one look-alike away (รัชฎาพร in seed 003 is not the listed รัชฏาพร).
        best = _known_neighbour(best, kind, lexicon) or best
    if best not in variants:
        log.debug("constructed %s from %s", best, dict(variants))
    return best


# A listed name the scan itself showed this share of the time (and at least this often, or
# a third of the time) beats an unlisted spelling one letter away: a font read the same wrong
# way in most rows (ประกากร 29 times, ประภากร 5) is likelier than a misreading that happens to
# spell a listed name.
LISTED_VARIANT_SHARE = 0.1
LISTED_VARIANT_MIN = 2
LISTED_VARIANT_ALONE = 0.3


def _listed_variant(
    best: str, variants: Mapping[str, int], kind: NameKind, lexicon: NameLexicon
) -> str | None:
    """The listed spelling among ``variants`` that ``best`` (unlisted) is one letter off, when
    it was seen often enough; None when there is none or more than one."""
    total = sum(variants.values())
    found = [
        v for v, c in variants.items()
        if v != best and lexicon.known(v, kind)
        and ((c >= LISTED_VARIANT_MIN and c >= LISTED_VARIANT_SHARE * total)
             or c >= LISTED_VARIANT_ALONE * total)
        and abs(len(v) - len(best)) <= 1
        and min(ocr_distance(best, v)[1], ocr_distance(v, best)[1]) <= 1
    ]
    return found[0] if len(found) == 1 else None


# A spelling off a listed name by no more than this (one dropped or added mark, such as the
# thanthakhat OCR loses in สมศักดิ์) is taken to be that name.
NEIGHBOUR_MAX_COST = 0.5
# A long name (this many letters, marks aside) may have two marks damaged (อ้านวยม่งคลพร of
# อำนวยมงคลพร: SARA AM's circle read as a tone mark, a speck read as another): its letters
# alone already single it out.
NEIGHBOUR_LONG = 9
NEIGHBOUR_LONG_MAX_COST = 1.0


@lru_cache(maxsize=2)
def _skeleton_index(kind: NameKind) -> dict[str, tuple[str, ...]]:
    lexicon = name_lexicon()
    index: dict[str, list[str]] = {}
    for name in lexicon.given if kind == "given" else lexicon.family:
        index.setdefault(name.translate(_SKELETON), []).append(name)
    return {k: tuple(sorted(v)) for k, v in index.items()}


# Marks dropped, and SARA AM as SARA AA (a text layer's ชากรม for ชำกรม): what may differ.
_NO_MARKS = UNMARK


def _aa(text: str) -> str:
    return text.replace("ำ", "า")


def _known_neighbour(text: str, kind: NameKind, lexicon: NameLexicon) -> str | None:
    """The listed name an unlisted spelling is a near OCR copy of (None if not exactly one).

    Only marks may differ: a consonant the scan shows (ฎ in รัชฎาพร) is evidence, not noise.
    """
    letters = _aa(text.translate(_NO_MARKS))
    near = [
        name
        for name in _skeleton_index(kind).get(text.translate(_SKELETON), ())
        if _aa(name.translate(_NO_MARKS)) == letters
        and ocr_distance(_aa(text), _aa(name))[0]
        <= (NEIGHBOUR_MAX_COST if len(letters) < NEIGHBOUR_LONG else NEIGHBOUR_LONG_MAX_COST)
    ]
    return near[0] if len(near) == 1 else None


def _one_letter_off(a: str, b: str) -> bool:
    """One letter replaced, every mark and vowel as seen (a mark lost or added besides is too
    much: ไผ่ขาว is no misread of the listed ไฝขาว)."""
    return len(a) == len(b) and Levenshtein.distance(a, b) == 1


def listed_look_alike(
    best: str, variants: Mapping[str, int], kind: NameKind, lexicon: NameLexicon | None = None
) -> str | None:
    """The one listed name an unlisted spelling (or one of its variants) is one look-alike
    letter off, consonants included (`นวรรษฎมน` of นวรรษฏมน, `ชนกนาก` of ชนกนาถ); None when
    there is none or more than one.

    A consonant the scan shows is evidence (seed 003's รัชฎาพร is no misread of the listed
    รัชฏาพร), so the caller asks only where the person's other name is listed: a person whose
    family name the lists hold is likelier to bear a listed given name than an unseen one.
    """
    lexicon = lexicon or name_lexicon()
    if lexicon.known(best, kind):
        return None
    index = _skeleton_index(kind)
    found: set[str] = set()
    for seen in {best, *variants}:
        if lexicon.known(seen, kind):
            found.add(seen)  # the scan showed the listed spelling itself
            continue
        for name in index.get(seen.translate(_SKELETON), ()):
            if _one_letter_off(seen, name):  # the skeleton says it is a look-alike letter
                found.add(name)
    return found.pop() if len(found) == 1 else None


def listed(text: str, kind: NameKind, lexicon: NameLexicon | None = None) -> bool:
    """Is ``text`` a listed name of its kind, or a near copy of exactly one (marks only, SARA
    AM as SARA AA: a text layer's นาคา for นาคำ)?"""
    lexicon = lexicon or name_lexicon()
    return lexicon.known(text, kind) or _known_neighbour(text, kind, lexicon) is not None


def _error_positions(text: str) -> set[int]:
    """Indexes of letters involved in an orthography error (and their neighbours)."""
    spots = set()
    for i in range(len(text)):
        if orthography_errors(text[: i + 1], complete=i == len(text) - 1) > orthography_errors(
            text[:i], complete=False
        ):
            spots |= {i - 1, i}
    return {s for s in spots if s >= 0}
