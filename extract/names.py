"""One person, one name: OCR-aware name similarity, clustering and canonical spelling.

A scan spells one officer many ways (ศุภศิลป็, คุภศิลป, ศุภคิลนิ, ศูภศูลป๋, ศุภศิลฟ้ for
ศุภศิลป์). The pieces, in the order they are used:

1. ``ocr_distance`` — an edit distance whose costs know what Thai OCR confuses: look-alike
   consonants (ช/ซ, บ/น, ศ/ค ...), one vowel or tone mark for another, marks dropped or added.
   Anything else is a "hard" edit.
2. ``same_person`` — given and family names are compared separately and both must be close,
   with no hard edit in short names; two spellings that are both real names from the name lists
   never merge, nor do a man and a woman.
3. ``cluster_officers`` — complete linkage over distinct spellings: a cluster only grows when every
   member is close to every other member, so two people cannot be chained through a third.
4. ``canonical_spelling`` — the variants are aligned, each position offers what was seen plus
   the look-alikes of suspicious letters, and the spelling kept is the one that best explains the
   variants while being valid Thai orthography and made of known names and words.
"""

from __future__ import annotations

import logging
import math
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from pythainlp.util import normalize as _pythainlp_normalize

if TYPE_CHECKING:
    from extract.officers import NameMention

log = logging.getLogger(__name__)

NameKind = Literal["given", "family"]

# --- Thai character classes ----------------------------------------------------------------------

CONSONANTS = frozenset(chr(c) for c in range(0x0E01, 0x0E2F))  # ก..ฮ, with ฤ ฦ
LEADING_VOWELS = frozenset("เแโใไ")
TOP_VOWELS = frozenset("ัิีึื็")
TONES = frozenset("่้๊๋")
TOP_MARKS = TOP_VOWELS | TONES | frozenset("์ํ๎")
BOTTOM_MARKS = frozenset("ฺุู")
MARKS = TOP_MARKS | BOTTOM_MARKS
OBSOLETE = frozenset("ฃฅ")
# Letters rare in names but frequent as misreadings of a common letter (ซ for ช, ฃ for ข):
# a canonical spelling may replace them even when every variant agrees.
SUSPICIOUS = frozenset("ซฃฅ")
STRAY = "'‘’`\"“”-–,"  # OCR specks that land inside names

# Look-alike consonants in printed Thai, as OCR engines confuse them.
_CONSONANT_PAIRS = (
    "ชซ ขช ขฃ ชฃ ขซ คฅ คศ ศส คส คด ดต นบ บป นป ปฟ พฟ พผ ผฝ ฝฟ บษ ภถ ถฤ ภฦ ถก "
    "ฎฏ ฎฐ ญฌ ญณ มฆ ทฑ ทห รธ วร อฮ งจ ฬฟ"
).split()
_VOWEL_PAIRS = ("าำ", "าๅ", "ใไ", "ใโ", "ไโ")

CONFUSABLE: dict[str, frozenset[str]] = {}
for _a, _b in _CONSONANT_PAIRS:
    CONFUSABLE[_a] = CONFUSABLE.get(_a, frozenset()) | {_b}
    CONFUSABLE[_b] = CONFUSABLE.get(_b, frozenset()) | {_a}
_PAIR_SET = {frozenset(p) for p in _CONSONANT_PAIRS} | {frozenset(p) for p in _VOWEL_PAIRS}

LOOKALIKE_COST = 0.35
LETTER_PRIOR_WEIGHT = 0.2  # per factor of ten between how common two look-alikes are in names
SECOND_LOOKALIKE_COST = 0.6
# Marks confused by shape: the wide vowel arcs above a letter, the small signs above it (tone
# marks, ็, ์), the vowels below it.
_MARK_SHAPES = (frozenset("ัิีึื"), frozenset("็่้๊๋์ํ๎"), BOTTOM_MARKS)
MARK_SAME_SHAPE_COST = 0.2
MARK_SAME_PLACE_COST = 0.3  # one mark above the letter for another of a different shape
MARK_OTHER_PLACE_COST = 0.45
MARK_INDEL_COST = 0.35
HARD_COST = 1.0


def clean_name(text: str) -> str:
    """Remove OCR specks and normalise mark order: ``'พัทธ์'ซัญญ'า`` -> ``พัทธ์ซัญญา``.

    >>> clean_name("พัทธ์'ซัญญ'า")
    'พัทธ์ซัญญา'
    """
    text = text.translate({ord(c): None for c in STRAY + "\u200b\u200c\u200d\ufeff"})
    # Keeps the one space a family name may hold (ณ อยุธยา).
    return " ".join(_pythainlp_normalize(part) for part in text.split())


# --- lexicon -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NameLexicon:
    """pythainlp's bundled name lists and dictionary, loaded once."""

    given: frozenset[str]  # male and female given names
    family: frozenset[str]
    words: frozenset[str]  # the general dictionary
    pieces: frozenset[str]  # everything above of two letters or more: parts names are made of
    max_piece: int

    def known(self, text: str, kind: NameKind) -> bool:
        """True when ``text`` is in the name list of its kind."""
        return text in (self.given if kind == "given" else self.family)

    def coverage(self, text: str) -> float:
        """Share of the letters of ``text`` covered by known words and name parts (0..1)."""
        n = len(text)
        if n == 0:
            return 0.0
        if text in self.pieces:
            return 1.0
        best = [0] * (n + 1)  # best[i]: most letters covered in text[:i]
        for i in range(n):
            if best[i + 1] < best[i]:
                best[i + 1] = best[i]
            for j in range(i + 2, min(n, i + self.max_piece) + 1):
                if text[i:j] in self.pieces and best[i] + j - i > best[j]:
                    best[j] = best[i] + j - i
        return best[n] / n


@lru_cache(maxsize=1)
def name_lexicon() -> NameLexicon:
    """Load the lexicon (offline: the lists ship with pythainlp)."""
    from pythainlp.corpus import (
        thai_family_names,
        thai_female_names,
        thai_male_names,
        thai_words,
    )

    given = frozenset(thai_male_names()) | frozenset(thai_female_names())
    family = frozenset(thai_family_names())
    words = frozenset(thai_words())
    pieces = frozenset(w for w in given | family | words if 2 <= len(w) <= 20)
    return NameLexicon(
        given=given,
        family=family,
        words=words,
        pieces=pieces,
        max_piece=max(len(w) for w in pieces),
    )


# --- OCR-aware distance --------------------------------------------------------------------------


def char_cost(seen: str, true: str) -> float:
    """Cost of reading ``true`` as ``seen``; either may be '' (a dropped or added letter)."""
    if seen == true:
        return 0.0
    if not seen or not true:
        other = seen or true
        return MARK_INDEL_COST if other in MARKS else HARD_COST
    if seen in MARKS and true in MARKS:
        if any(seen in shape and true in shape for shape in _MARK_SHAPES):
            return MARK_SAME_SHAPE_COST
        same_place = (seen in TOP_MARKS) == (true in TOP_MARKS)
        return MARK_SAME_PLACE_COST if same_place else MARK_OTHER_PLACE_COST
    pair = _lookalike_costs().get((seen, true))
    if pair is not None:
        return pair
    if CONFUSABLE.get(seen, frozenset()) & CONFUSABLE.get(true, frozenset()):
        return SECOND_LOOKALIKE_COST  # both look like a third letter (น, ป, ฟ)
    return HARD_COST


@lru_cache(maxsize=1)
def _lookalike_costs() -> dict[tuple[str, str], float]:
    """Cost of reading each look-alike ``true`` letter as ``seen``.

    A noisy channel with a prior: reading ซ back as ช is cheap because ช is ten times more
    common in Thai names than ซ (letter counts from the bundled name lists), ช back as ซ dear.
    """
    lexicon = name_lexicon()
    counts = Counter(ch for name in lexicon.given | lexicon.family for ch in name)
    costs = {}
    for pair in _PAIR_SET:
        a, b = sorted(pair)
        for seen, true in ((a, b), (b, a)):
            ratio = (counts[true] + 1) / (counts[seen] + 1)
            prior = LETTER_PRIOR_WEIGHT * math.log10(ratio)
            costs[seen, true] = min(max(LOOKALIKE_COST - prior, 0.1), 0.55)
    return costs


def _string_cost(seen: str, true: str) -> float:
    if len(seen) <= 1 and len(true) <= 1:
        return char_cost(seen, true)
    return ocr_distance(seen, true)[0]


def _slot_cost(seen: Mapping[str, int], option: str) -> float:
    """Summed cost of reading `option` as each letter seen at one place, `seen[s]` times.

    A look-alike pair's cost holds a prior (how common each letter is in names). When the
    option itself is among the readings, how often each letter was read is the evidence: the
    prior counts once per letter seen and each further sighting costs the plain look-alike
    cost, so twelve readings of คำแสน outweigh three of คาแสน however much more common า is than
    ำ (one sighting each: the prior still breaks the tie). A letter never read there (ซ read
    for ช every time) keeps the prior on every sighting.
    """
    total = 0.0
    for letter, count in seen.items():
        cost = _string_cost(letter, option)
        if option in seen and (letter, option) in _lookalike_costs():
            total += count * LOOKALIKE_COST + (cost - LOOKALIKE_COST)
        else:
            total += count * cost
    return total


def ocr_distance(a: str, b: str) -> tuple[float, int]:
    """Weighted edit distance between two spellings and the number of hard edits on that path.

    ``a`` is the spelling seen, ``b`` the one supposed true: look-alike letters cost less in
    the direction of the letter more common in names (see ``_lookalike_costs``).

    >>> ocr_distance("สมบัติ", "สมนิติ")  # น read as บ (น is common), ิ read as ั
    (0.3836, 0)
    >>> ocr_distance("สมนิติ", "สมบัติ")  # บ read as น: less likely
    (0.7164, 0)
    >>> ocr_distance("สมชาย", "สมชัย")[1]
    1
    """
    n, m = len(a), len(b)
    prev: list[tuple[float, int]] = [(0.0, 0)] * (m + 1)
    for j in range(1, m + 1):
        c = char_cost("", b[j - 1])
        prev[j] = (prev[j - 1][0] + c, prev[j - 1][1] + (c >= HARD_COST))
    for i in range(1, n + 1):
        c = char_cost(a[i - 1], "")
        cur = [(prev[0][0] + c, prev[0][1] + (c >= HARD_COST))]
        for j in range(1, m + 1):
            sub = char_cost(a[i - 1], b[j - 1])
            dele = char_cost(a[i - 1], "")
            ins = char_cost("", b[j - 1])
            cur.append(
                min(
                    (prev[j - 1][0] + sub, prev[j - 1][1] + (sub >= HARD_COST)),
                    (prev[j][0] + dele, prev[j][1] + (dele >= HARD_COST)),
                    (cur[j - 1][0] + ins, cur[j - 1][1] + (ins >= HARD_COST)),
                )
            )
        prev = cur
    cost, hard = prev[m]
    return round(cost, 4), hard


def _align(seen: str, ref: str) -> tuple[list[str], list[str]]:
    """Align ``seen`` to ``ref``: for each ref letter what was seen there ('' if dropped),
    and for each gap (before letter i, and after the last) what was added there."""
    n, m = len(seen), len(ref)
    dp = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        dp[i][0] = dp[i - 1][0] + char_cost(seen[i - 1], "")
    for j in range(1, m + 1):
        dp[0][j] = dp[0][j - 1] + char_cost("", ref[j - 1])
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            dp[i][j] = min(
                dp[i - 1][j - 1] + char_cost(seen[i - 1], ref[j - 1]),
                dp[i - 1][j] + char_cost(seen[i - 1], ""),
                dp[i][j - 1] + char_cost("", ref[j - 1]),
            )
    subs = [""] * m
    gaps = [""] * (m + 1)
    i, j = n, m
    while i > 0 or j > 0:
        if (
            i > 0
            and j > 0
            and abs(dp[i][j] - dp[i - 1][j - 1] - char_cost(seen[i - 1], ref[j - 1])) < 1e-9
        ):
            subs[j - 1] = seen[i - 1]
            i, j = i - 1, j - 1
        elif j > 0 and abs(dp[i][j] - dp[i][j - 1] - char_cost("", ref[j - 1])) < 1e-9:
            j -= 1
        else:
            gaps[j] = seen[i - 1] + gaps[j]
            i -= 1
    return subs, gaps


# --- orthography ---------------------------------------------------------------------------------


def orthography_errors(text: str, complete: bool = True) -> int:
    """Count spellings Thai writing does not allow (``complete=False`` skips the checks that
    depend on what follows, for a prefix still being built).

    Checked: obsolete ฃ ฅ; a vowel or tone mark not on a consonant; two vowels or two tones
    stacked; ั or ็ or a leading vowel not followed by a consonant; a tone mark on a final
    consonant that has no vowel of its own (ศิลป้); ์ followed by another mark.

    >>> orthography_errors("ศุภศิลป์"), orthography_errors("ศุภศิลป็"), orthography_errors("มีสุฃ")
    (0, 1, 1)
    """
    errors = 0
    n = len(text)
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < n else None
        if ch in OBSOLETE:
            errors += 1
        if ch in TOP_VOWELS or ch in BOTTOM_MARKS:
            if prev not in CONSONANTS:
                errors += 1
        elif ch in TONES:
            if not (prev in CONSONANTS or prev in TOP_VOWELS - {"็"} or prev in BOTTOM_MARKS):
                errors += 1
        elif ch == "์":
            if not (prev in CONSONANTS or prev in "ิุ"):
                errors += 1
        elif ch == "ำ" and not (prev in CONSONANTS or prev in TONES):
            errors += 1
        if ch == "์" and nxt is not None and nxt in MARKS:
            errors += 1
        if ch in "ั็" or ch in LEADING_VOWELS:
            if nxt is None:
                errors += complete and not (ch == "็" and text == "ก็")
            elif nxt not in CONSONANTS and not (ch == "ั" and nxt in TONES):
                errors += 1
    if complete and n > 2 and text[-1] in TONES and text[-2] in CONSONANTS:
        # A tone on a bare final consonant (ศิลป้ is ศิลป์ misread), unless a leading vowel
        # opens its syllable, over a two-letter cluster too (แม่, ใหม่).
        if text[-3] not in LEADING_VOWELS and not (
            n > 3 and text[-3] in CONSONANTS and text[-4] in LEADING_VOWELS
        ):
            errors += 1
    return errors


# --- same person? --------------------------------------------------------------------------------


def _field_close(a: str, b: str) -> tuple[bool, float, int]:
    if a == b:
        return True, 0.0, 0
    longest = max(len(a), len(b))
    if abs(len(a) - len(b)) > 3:
        return False, float(longest), longest
    # Either may be the misreading: take the likelier direction.
    cost, hard = min(ocr_distance(a, b), ocr_distance(b, a))
    allowed_hard = 1 if longest >= 8 else 0
    return hard <= allowed_hard and cost <= 0.2 * longest + 0.4, cost, hard


def same_person(a: tuple[str, str], b: tuple[str, str], lexicon: NameLexicon | None = None) -> bool:
    """Could (given, family) ``a`` and ``b`` be OCR spellings of one person's name?

    >>> same_person(("สมบัติ", "อยู่สบาย"), ("สมนิติ", "อยู่สบาย"))
    True
    >>> same_person(("สมชาย", "ใจดี"), ("สมศักดิ์", "ใจดี"))
    False
    """
    return _pair_distance(a, b, lexicon or name_lexicon()) is not None


def _pair_distance(a: tuple[str, str], b: tuple[str, str], lexicon: NameLexicon) -> float | None:
    """Normalised distance when ``a`` and ``b`` may be one person, else None."""
    total_hard = 0
    distance = 0.0
    for kind, x, y in (("given", a[0], b[0]), ("family", a[1], b[1])):
        if x != y and lexicon.known(x, kind) and lexicon.known(y, kind):
            return None  # two real names: two people, however alike they look
        ok, cost, hard = _field_close(x, y)
        if not ok:
            return None
        total_hard += hard
        distance += cost / max(len(x), len(y), 1)
    if total_hard > 1:
        return None
    return distance


# --- canonical spelling --------------------------------------------------------------------------

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
        seen = Counter()
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
        grown.sort(key=lambda s: s[0] + ORTHOGRAPHY_WEIGHT * orthography_errors(s[1], False))
        beam, kept = [], set()
        for state in grown:
            if state[1] not in kept:
                kept.add(state[1])
                beam.append(state)
            if len(beam) >= _BEAM:
                break

    def final(state: tuple[float, str, int]) -> tuple[float, int, str]:
        evidence, text, _ = state
        score = EVIDENCE_WEIGHT * evidence - spelling_score(text, kind, lexicon)
        return round(score, 6), -variants.get(text, 0), text

    best = min(beam, key=final)[1]
    if not lexicon.known(best, kind):
        best = _known_neighbour(best, kind, lexicon) or best
    if best not in variants:
        log.debug("constructed %s from %s", best, dict(variants))
    return best


# A spelling off a listed name by no more than this (one dropped or added mark, such as the
# thanthakhat OCR loses in สมศักดิ์) is taken to be that name.
NEIGHBOUR_MAX_COST = 0.5


@lru_cache(maxsize=2)
def _skeleton_index(kind: NameKind) -> dict[str, tuple[str, ...]]:
    lexicon = name_lexicon()
    index: dict[str, list[str]] = {}
    for name in lexicon.given if kind == "given" else lexicon.family:
        index.setdefault(name.translate(_SKELETON), []).append(name)
    return {k: tuple(sorted(v)) for k, v in index.items()}


# Marks dropped, and SARA AM as SARA AA (a text layer's ชากรม for ชำกรม): what may differ.
_NO_MARKS = {ord(m): None for m in MARKS} | {ord("ำ"): "า"}


def _aa(text: str) -> str:
    return text.replace("ำ", "า")


def _known_neighbour(text: str, kind: NameKind, lexicon: NameLexicon) -> str | None:
    """The listed name an unlisted spelling is a near OCR copy of (None if not exactly one).

    Only marks may differ: a consonant the scan shows (ฎ in รัชฎาพร) is evidence, not noise.
    """
    letters = text.translate(_NO_MARKS)
    near = [
        name
        for name in _skeleton_index(kind).get(text.translate(_SKELETON), ())
        if name.translate(_NO_MARKS) == letters
        and ocr_distance(_aa(text), _aa(name))[0] <= NEIGHBOUR_MAX_COST
    ]
    return near[0] if len(near) == 1 else None


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


# --- clustering ----------------------------------------------------------------------------------

_FEMALE_TITLES = {"นาง", "นางสาว", "พญ.", "ว่าที่ร้อยตรีหญิง"}


def _gender(title: str) -> str | None:
    if title == "นาย" or title == "นพ.":
        return "m"
    if title in _FEMALE_TITLES or title.endswith("หญิง"):
        return "f"
    return None


@dataclass(frozen=True)
class Officer:
    """One person seen in one or more documents."""

    key: str  # stable id within the batch: the canonical name (suffixed when two people share it)
    title: str  # normalised title, majority over the mentions
    name: str  # canonical "given family"
    variants: tuple[str, ...]  # every spelling seen, as written, most frequent first
    position: str = ""  # the position written after the name, most often seen ('' if none)

    @property
    def given(self) -> str:
        return self.name.split(" ", 1)[0]

    @property
    def family(self) -> str:
        return self.name.split(" ", 1)[1] if " " in self.name else ""


@dataclass
class _Form:
    """One distinct (given, family) spelling with everything seen under it."""

    given: str
    family: str
    count: int = 0
    titles: Counter[str] | None = None
    written: Counter[str] | None = None
    positions: Counter[str] | None = None

    @property
    def gender(self) -> str | None:
        genders: Counter[str] = Counter()
        for title, count in (self.titles or {}).items():
            gender = _gender(title)
            if gender:
                genders[gender] += count
        return genders.most_common(1)[0][0] if genders else None


def _forms(mentions: Iterable[NameMention]) -> dict[tuple[str, str], _Form]:
    forms: dict[tuple[str, str], _Form] = {}
    for m in mentions:
        key = (clean_name(m.given), clean_name(m.family))
        if not key[0]:
            continue
        form = forms.setdefault(key, _Form(key[0], key[1], 0, Counter(), Counter(), Counter()))
        form.count += 1
        if m.title:  # a name written without its title says nothing about the title
            form.titles[m.title] += 1  # type: ignore[index]
        if getattr(m, "position", ""):
            form.positions[m.position] += 1  # type: ignore[index]
        form.written[m.as_written] += 1  # type: ignore[index]
    return forms


def _compatible(a: _Form, b: _Form, lexicon: NameLexicon) -> float | None:
    if a.gender and b.gender and a.gender != b.gender:
        return None
    if not a.family or not b.family:
        # A name read without the space between given and family: compare it whole.
        x, y = a.given + a.family, b.given + b.family
        ok, cost, _ = _field_close(x, y)
        return cost / max(len(x), len(y)) if ok else None
    return _pair_distance((a.given, a.family), (b.given, b.family), lexicon)


def cluster_officers(
    mentions: Sequence[NameMention], lexicon: NameLexicon | None = None, damaged: bool = False
) -> tuple[list[Officer], dict[str, str]]:
    """Group mentions into people and name each person once.

    ``damaged``: the document's text shows OCR damage (a bad scan, a fax): a spelling seen once
    or twice joins the one person seen often whose name it is clearly nearest to.

    Returns the officers (most mentioned first) and a map from every mention's ``as_written``,
    its cleaned "given family" and its ``name`` to the officer's key.
    """
    lexicon = lexicon or name_lexicon()
    forms = list(_forms(mentions).values())
    forms.sort(key=lambda f: (-f.count, f.given, f.family))
    dist = _close_pairs(forms, lexicon)

    # Complete linkage: merge the closest pair of clusters whose members are all pairwise close.
    # Only pairs of forms that are close at all can join, so the scan runs over those.
    owner = list(range(len(forms)))
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(forms))}
    while True:
        links: dict[tuple[int, int], list[float]] = {}
        for (i, j), d in dist.items():
            x, y = sorted((owner[i], owner[j]))
            if x != y:
                links.setdefault((x, y), []).append(d)
        complete = [
            (sum(ds) / len(ds), x, y)
            for (x, y), ds in links.items()
            if len(ds) == len(clusters[x]) * len(clusters[y])
        ]
        if not complete:
            break
        _, x, y = min(complete)
        for i in clusters[y]:
            owner[i] = x
        clusters[x].extend(clusters.pop(y))

    if damaged:
        from extract.heads import join_given_only, merge_near_heads

        merge_near_heads(forms, clusters, lexicon)
        join_given_only(forms, clusters)
    _absorb_stray_sightings(forms, clusters)
    if damaged:
        _absorb_damaged_sightings(forms, clusters)
    officers: list[Officer] = []
    mapping: dict[str, str] = {}
    used_keys: set[str] = set()
    groups = sorted(clusters.values(), key=lambda g: -sum(forms[i].count for i in g))
    for group in groups:
        members = [forms[i] for i in group]
        officer = _make_officer(members, lexicon, used_keys)
        used_keys.add(officer.key)
        officers.append(officer)
        for form in members:
            mapping[f"{form.given} {form.family}".strip()] = officer.key
            for written in form.written or ():
                mapping[written] = officer.key
        log.debug("officer %s <- %s", officer.name, officer.variants)
    # Also map each mention's name as the mention reports it (uncleaned), for callers' lookups.
    for m in mentions:
        key = mapping.get(m.as_written)
        if key is not None:
            mapping.setdefault(m.name, key)
    return officers, mapping


# A person seen often absorbs one or two damaged sightings close to their name.
DOMINANT_MIN_COUNT = 3
STRAY_MAX_COUNT = 2
STRAY_GIVEN_MAX_COST = 0.5  # one mark dropped or added (อรุณี read as อรุณ)
STRAY_FAMILY_MAX_COST = 2.0  # a few look-alike letters (สิทธิวงศ์ read as สทจัวงศี)
# Seen more often, a spelling joins a person seen this many times as often only when it is a
# close copy (a mark or two, or the family name cut where a narrow cell wrapped it).
DOMINATED_RATIO = 3
DOMINATED_FAMILY_MAX_COST = 0.5
DOMINATED_NEAR_RATIO = 4  # this many times as often: as near as a stray sighting is enough
STRAY_FULL_MAX_COST = 2.0  # the whole name, for a wrong given/family split (นายเอกชยศร์สุข)


def _absorb_stray_sightings(forms: list[_Form], clusters: dict[int, list[int]]) -> None:
    """Merge rare spellings into the one frequent person they are near copies of.

    The linkage above refuses to merge two spellings that are both real names (อรุณ, อรุณี).
    That protects two real people, but one or two sightings beside a person seen several
    times as often, with a damaged family name as well, are far likelier the same person: the
    evidence is asymmetric. Siblings (same given name, family names a few letters apart) stay
    apart by the costs.
    """

    def total(group: list[int]) -> int:
        return sum(forms[i].count for i in group)

    def near(stray: _Form, head: _Form) -> bool:
        if stray.gender and head.gender and stray.gender != head.gender:
            return False
        if (
            ocr_distance(stray.given, head.given)[0] <= STRAY_GIVEN_MAX_COST
            and ocr_distance(stray.family, head.family)[0] <= STRAY_FAMILY_MAX_COST
        ):
            return True
        whole = ocr_distance(stray.given + stray.family, head.given + head.family)[0]
        return whole <= STRAY_FULL_MAX_COST

    def copy(stray: _Form, head: _Form) -> bool:
        """A spelling a few marks off the head's, or its family name cut where it wrapped."""
        if stray.gender and head.gender and stray.gender != head.gender:
            return False
        if ocr_distance(stray.given, head.given)[0] > STRAY_GIVEN_MAX_COST:
            return False
        if ocr_distance(stray.family, head.family)[0] <= DOMINATED_FAMILY_MAX_COST:
            return True
        return (
            len(stray.family) >= 2
            and head.family.translate(_NO_MARKS).startswith(stray.family.translate(_NO_MARKS))
        )  # the family name cut short where it wrapped (marks a scan added aside)

    # A stray: seen once or twice, or several times less often than someone it copies closely
    # (rare ones first; a person who absorbed a copy may then dominate another).
    def absorbs(group: list[int], key: int) -> bool:
        size, heads = total(clusters[key]), total(group)
        head = max((forms[i] for i in group), key=lambda f: f.count)
        if size <= STRAY_MAX_COUNT:
            return heads >= max(DOMINANT_MIN_COUNT, 2 * size) and all(
                near(forms[i], head) or copy(forms[i], head) for i in clusters[key]
            )
        if heads >= DOMINATED_NEAR_RATIO * size:
            return all(near(forms[i], head) for i in clusters[key])
        return heads >= DOMINATED_RATIO * size and all(
            copy(forms[i], head) for i in clusters[key]
        )

    strays = sorted(clusters, key=lambda k: total(clusters[k]))
    for key in strays + strays:
        if key not in clusters:
            continue
        targets = [
            other for other, group in clusters.items() if other != key and absorbs(group, key)
        ]
        if len(targets) == 1:
            clusters[targets[0]].extend(clusters.pop(key))


# On a damaged scan a rare spelling is a misreading of the nearest person seen often when
# its whole name is this near (OCR cost per letter) and clearly nearer than to anyone else.
DAMAGED_MAX_COST = 0.34
DAMAGED_MARGIN = 0.1


def _whole_cost(a: _Form, b: _Form) -> float:
    x, y = a.given + a.family, b.given + b.family
    return min(ocr_distance(x, y)[0], ocr_distance(y, x)[0]) / max(len(x), len(y), 1)


def _absorb_damaged_sightings(forms: list[_Form], clusters: dict[int, list[int]]) -> None:
    """Rare spellings of a damaged scan join the person they are clearly nearest to.

    A fax turns one name into a different spelling at almost every sighting; the stray rule
    above wants near copies of a frequent spelling, and here there may be none. The evidence
    is relative instead: a spelling seen once or twice whose whole name is near one person's
    (or another rare spelling's) and clearly nearer to it than to anyone else is that person,
    the nearest pairs first. A real person named once stays apart when no name is near, or
    when two different people are about as near.
    """
    from rapidfuzz.distance import Levenshtein

    whole = [(f.given + f.family).translate(_SKELETON) for f in forms]
    cache: dict[tuple[int, int], float] = {}

    def cost(i: int, j: int) -> float:
        key = (min(i, j), max(i, j))
        if key not in cache:
            a, b = forms[i], forms[j]
            if (a.gender and b.gender and a.gender != b.gender) or (
                Levenshtein.normalized_distance(whole[i], whole[j]) > 2 * DAMAGED_MAX_COST
            ):
                cache[key] = math.inf
            else:
                cache[key] = _whole_cost(a, b)
        return cache[key]

    def between(x: int, y: int) -> float:
        return min(cost(i, j) for i in clusters[x] for j in clusters[y])

    def total(group: list[int]) -> int:
        return sum(forms[i].count for i in group)

    while True:
        best: tuple[float, int, int] | None = None
        for key, group in clusters.items():
            if total(group) > STRAY_MAX_COUNT:
                continue
            near = sorted((between(key, other), other) for other in clusters if other != key)
            if not near or near[0][0] > DAMAGED_MAX_COST:
                continue
            first, target = near[0]
            # Another person about as near makes the sighting ambiguous (not a second
            # spelling of the nearest one: those are near each other too).
            rivals = [c for c, o in near[1:] if c - first < DAMAGED_MARGIN
                      and between(o, target) > DAMAGED_MAX_COST]
            if rivals:
                continue
            if best is None or first < best[0]:
                best = (first, key, target)
        if best is None:
            return
        _, key, target = best
        clusters[target].extend(clusters.pop(key))


def _skeleton_table() -> dict[int, str]:
    """Map every letter to one representative of its look-alike family, marks to nothing."""
    parent = {c: c for c in CONFUSABLE}

    def root(c: str) -> str:
        while parent[c] != c:
            c = parent[c]
        return c

    for a, b in _CONSONANT_PAIRS:
        parent[root(a)] = root(b)
    table: dict[int, str] = {ord(c): root(c) for c in CONFUSABLE}
    table.update({ord(m): "" for m in MARKS})
    table.update({ord("ำ"): "า", ord("ๅ"): "า", ord("ไ"): "ใ", ord("โ"): "ใ"})
    return table


_SKELETON = _skeleton_table()


def _close_pairs(forms: list[_Form], lexicon: NameLexicon) -> dict[tuple[int, int], float]:
    """Distances of the pairs of forms that may be one person.

    A cheap test on skeletons (look-alike letters made equal, marks dropped) skips the pairs
    that cannot pass, so a batch of hundreds of names stays fast.
    """
    from rapidfuzz.distance import Levenshtein

    skeletons = [
        (
            f.given.translate(_SKELETON),
            f.family.translate(_SKELETON),
            (f.given + f.family).translate(_SKELETON),
        )
        for f in forms
    ]
    dist: dict[tuple[int, int], float] = {}
    for i in range(len(forms)):
        for j in range(i + 1, len(forms)):
            (g1, f1, w1), (g2, f2, w2) = skeletons[i], skeletons[j]
            if forms[i].family and forms[j].family:
                if (
                    Levenshtein.distance(g1, g2, score_cutoff=2) > 1
                    or Levenshtein.distance(f1, f2, score_cutoff=2) > 1
                ):
                    continue
            elif Levenshtein.distance(w1, w2, score_cutoff=2) > 1:
                continue
            d = _compatible(forms[i], forms[j], lexicon)
            if d is not None:
                dist[i, j] = d
    return dist


def _make_officer(members: list[_Form], lexicon: NameLexicon, used: set[str]) -> Officer:
    full = [f for f in members if f.family] or members
    given = canonical_spelling(_counts(full, "given"), "given", lexicon)
    family = ""
    if full[0].family:
        family = canonical_spelling(_counts(full, "family"), "family", lexicon)
    titles: Counter[str] = Counter()
    written: Counter[str] = Counter()
    positions: Counter[str] = Counter()
    for f in members:
        titles.update(f.titles or {})
        written.update(f.written or {})
        positions.update(f.positions or {})
    title = titles.most_common(1)[0][0] if titles else ""
    position = positions.most_common(1)[0][0] if positions else ""
    name = f"{given} {family}".strip()
    key, k = name, 2
    while key in used:
        key, k = f"{name} #{k}", k + 1
    variants = tuple(w for w, _ in sorted(written.items(), key=lambda kv: (-kv[1], kv[0])))
    return Officer(key=key, title=title, name=name, variants=variants, position=position)


def _counts(forms: list[_Form], kind: NameKind) -> Counter[str]:
    counts: Counter[str] = Counter()
    for f in forms:
        counts[f.given if kind == "given" else f.family] += f.count
    return counts
