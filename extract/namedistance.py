"""OCR-aware name similarity: Thai letter classes, the name lexicon, an edit distance whose
costs know what Thai OCR confuses, orthography, and whether two spellings may be one person.

1. ``ocr_distance`` — look-alike consonants (ช/ซ, บ/น, ศ/ค ...), one vowel or tone mark for
   another, marks dropped or added cost little. Anything else is a "hard" edit.
2. ``same_person`` — given and family names are compared separately and both must be close,
   with no hard edit in short names; two spellings that are both real names from the name lists
   never merge, nor do a man and a woman.

``extract.names`` re-exports everything here; clustering is in ``extract.persons``, the
canonical spelling in ``extract.spelling``.
"""

from __future__ import annotations

import logging
import math
import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from pythainlp.util import normalize as _pythainlp_normalize

from extract.thaichars import (
    BELOW_SET,
    CONSONANT_SET,
    LEAD_SET,
    LOOKALIKE_PAIRS,
    LOOKALIKE_VOWEL_PAIRS,
    MARK_SET,
    MARK_SHAPES,
    TONE_SET,
    TOP_MARK_SET,
    TOP_VOWEL_SET,
    lookalikes,
)
from extract.thaichars import OBSOLETE as _OBSOLETE

log = logging.getLogger(__name__)

NameKind = Literal["given", "family"]

# --- Thai character classes ----------------------------------------------------------------------

# The classes and the look-alike table are extract/thaichars.py's (one table for the project).
CONSONANTS = CONSONANT_SET
LEADING_VOWELS = LEAD_SET
TOP_VOWELS = TOP_VOWEL_SET
TONES = TONE_SET
TOP_MARKS = TOP_MARK_SET
BOTTOM_MARKS = BELOW_SET
MARKS = MARK_SET
OBSOLETE = frozenset(_OBSOLETE)
# Letters rare in names but frequent as misreadings of a common letter (ซ for ช, ฃ for ข):
# a canonical spelling may replace them even when every variant agrees.
SUSPICIOUS = frozenset("ซฃฅ")
STRAY = "'‘’`\"“”-–,"  # OCR specks that land inside names

_CONSONANT_PAIRS = LOOKALIKE_PAIRS
_VOWEL_PAIRS = LOOKALIKE_VOWEL_PAIRS
CONFUSABLE: dict[str, frozenset[str]] = lookalikes()
_PAIR_SET = {frozenset(p) for p in (*LOOKALIKE_PAIRS, *LOOKALIKE_VOWEL_PAIRS)}

LOOKALIKE_COST = 0.35
LETTER_PRIOR_WEIGHT = 0.2  # per factor of ten between how common two look-alikes are in names
SECOND_LOOKALIKE_COST = 0.6
# Marks confused by shape: the wide vowel arcs above a letter, the small signs above it (tone
# marks, ็, ์), the vowels below it.
_MARK_SHAPES = MARK_SHAPES
MARK_SAME_SHAPE_COST = 0.2
MARK_SAME_PLACE_COST = 0.3  # one mark above the letter for another of a different shape
MARK_OTHER_PLACE_COST = 0.45
MARK_INDEL_COST = 0.35
HARD_COST = 1.0


_STRAY_TABLE = {ord(c): None for c in STRAY + "\u200b\u200c\u200d\ufeff"}


# Memoised (pure): every name-like span is cleaned again by each distance that compares it.
@lru_cache(maxsize=65536)
def clean_name(text: str) -> str:
    """Remove OCR specks and normalise mark order: ``'พัทธ์'ซัญญ'า`` -> ``พัทธ์ซัญญา``.

    >>> clean_name("พัทธ์'ซัญญ'า")
    'พัทธ์ซัญญา'
    """
    text = text.translate(_STRAY_TABLE)
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


# Memoised: a pure function of two letters, called a million times a 10-page order by the
# distances below (the look-alike table it reads is fixed once built).
@lru_cache(maxsize=16384)
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


# Memoised: the same words and titles are compared again on every line that holds them.
@lru_cache(maxsize=65536)
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
    kinds: tuple[tuple[NameKind, str, str], ...] = (("given", a[0], b[0]), ("family", a[1], b[1]))
    for kind, x, y in kinds:
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


def _skeleton_table() -> dict[int, str]:
    """Map every letter to one representative of its look-alike family, marks to nothing."""
    parent = {c: c for c in CONFUSABLE}

    def root(c: str) -> str:
        while parent[c] != c:
            c = parent[c]
        return c

    for pair in _CONSONANT_PAIRS:
        parent[root(pair[0])] = root(pair[1])
    table: dict[int, str] = {ord(c): root(c) for c in CONFUSABLE}
    table.update({ord(m): "" for m in MARKS})
    table.update({ord("ำ"): "า", ord("ๅ"): "า", ord("ไ"): "ใ", ord("โ"): "ใ"})
    return table


_SKELETON = _skeleton_table()
