"""Repair of damaged Thai text from PDF text layers and OCR.

:func:`repair` runs a chain of small pure functions over each line (line breaks are kept):

1. :func:`remove_invisible` -- BOM, zero-width characters, soft hyphen.
2. :func:`normalize_spaces` -- NBSP and other Unicode spaces become a plain space.
3. :func:`map_pua_marks` -- glyph variants in the Private Use Area (``U+F700``-``U+F71A``,
   ``U+F884``-``U+F89E``) become the standard vowel and tone marks.
4. :func:`remove_stray_quotes` -- OCR specks read as ``'`` inside Thai words (``มี'ป้าย``).
5. :func:`attach_orphan_marks` -- a mark after a space or punctuation belongs to the letter
   before it (``ท ี่`` -> ``ที่``; ``ศนูย ์Hotline`` -> ``ศนูย์ Hotline``).
6. :func:`move_marks_off_vowels` -- a mark written after a vowel letter was displaced from the
   consonant before it (``อยา่ง`` -> ``อย่าง``, ``พเิศษ`` -> ``พิเศษ``).
7. :func:`reorder_marks` -- a vowel mark comes before a tone mark (``ท่ี`` -> ``ที่``).
8. :func:`compose_sara_am` -- NIKHAHIT + [tone] + SARA AA (``นํ้า``) becomes SARA AM (``น้ำ``).
9. :func:`repair_words` -- a dictionary-guided decoder that joins words split by spaces
   (``ม อ บ ห ม าย``), restores SARA AM lost to a space (``ด าเนินการ``), moves marks
   displaced past the next consonant back (``หลกัเกณฑม์าตรฐาน``), and undoes OCR letter
   confusions (``ประซาซน``). Its parts are also public on their own:
   :func:`join_split_words`, :func:`fix_displaced_marks`, :func:`fix_confusions`.
   It lives in `extract.repair` (see its docstring for the modules, one per kind of damage).
10. :func:`remove_repeated_marks` -- a mark written twice that step 9 did not place.

Steps 1-8 and 10 are deterministic character rules. Step 9 decides per span of Thai letters,
not per file (in a PDF deck some spans are broken and others fine): candidate readings of a
suspect stretch are scored with a unigram model over PyThaiNLP's word and name lists
(:mod:`extract.thai_dictionary`), and the stretch changes only when the changed reading beats
the text as written by a margin. The fixes are decided together because they interact: a
SARA AM lost to a space can only be judged once the spaced-out letters around it are joined.
A changed line runs through the chain again until it is stable, so ``repair`` is idempotent.

What the decoder will not do, because on correct text it did more harm than good (measured on
the clean seed 002 and on a sample of Wikipedia titles full of loanwords and foreign names):
change a word that is in the dictionary (except ซ read for ช where the ช word is hundreds of
times more common, ``เซ่น`` -> ``เช่น``), make a repair whose only evidence is a short rare
word, read THANTHAKHAT, SARA I or MAITAIKHU as another mark, or glue two words that are whole
without spaced-out letters around them (``นางนิภาพร เผ่ากันทะ``).

Digits (Thai or Arabic), Latin text and punctuation are never changed (a comma between two
Thai letters may be read as the MAI EK it was, ``ไม,น้อย`` -> ``ไม่น้อย``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extract.digits import arabic_to_thai, to_arabic
from extract.repair.glyphs import (
    WEAK_GAP,
    attach_orphan_marks,
    compose_sara_am,
    map_pua_marks,
    move_marks_off_vowels,
    narrow_gap_before_sara_aa,
    normalize_spaces,
    remove_invisible,
    remove_repeated_marks,
    reorder_marks,
)
from extract.repair.spacing import remove_stray_quotes, table_rules_to_gaps
from extract.repair.spans import (
    REPAIR_PASSES,
    fix_confusions,
    fix_displaced_marks,
    join_split_words,
    repair_words,
)
from extract.thai_dictionary import thai_dictionary
from extract.thaichars import CONSONANTS, THAI_BLOCK_RANGE

if TYPE_CHECKING:
    from pythainlp.tokenize import Trie

__all__ = [
    "CHARACTER_STEPS",
    "REPAIR_PASSES",
    "WEAK_GAP",
    "RepairStats",
    "arabic_to_thai",
    "attach_orphan_marks",
    "compose_sara_am",
    "dictionary_coverage",
    "fix_confusions",
    "fix_displaced_marks",
    "join_split_words",
    "map_pua_marks",
    "move_marks_off_vowels",
    "narrow_gap_before_sara_aa",
    "normalize_spaces",
    "remove_invisible",
    "remove_repeated_marks",
    "remove_stray_quotes",
    "reorder_marks",
    "repair",
    "repair_line",
    "repair_stats",
    "repair_words",
    "table_rules_to_gaps",
    "thai_to_arabic",
    "thai_tokens",
]

_THAI_TOKEN = re.compile(f"[{THAI_BLOCK_RANGE}]+")
_HAS_CONSONANT = re.compile(f"[{CONSONANTS}]")

# --- the chain --------------------------------------------------------------------------------

#: The character rules in the order :func:`repair` applies them, before :func:`repair_words`.
CHARACTER_STEPS: tuple[Callable[[str], str], ...] = (
    remove_invisible,
    normalize_spaces,
    table_rules_to_gaps,
    narrow_gap_before_sara_aa,
    map_pua_marks,
    remove_stray_quotes,
    attach_orphan_marks,
    move_marks_off_vowels,
    reorder_marks,
    compose_sara_am,  # last: the steps before may bring NIKHAHIT next to SARA AA
)

#: Each accepted change lowers the cost of the line's reading, so repeating the chain until
#: nothing changes ends; the cap bounds the work on pathological input.
MAX_ROUNDS = 4


def repair_line(line: str) -> str:
    """Repair one line of text (no line breaks inside).

    The chain runs again on a changed line until it is stable (at most MAX_ROUNDS times):
    joining spaced-out letters can bring a mark next to the vowel it was displaced onto,
    which the character rules then place; this keeps ``repair`` idempotent.
    """
    for _round in range(MAX_ROUNDS):
        repaired = line
        for step in CHARACTER_STEPS:
            repaired = step(repaired)
        repaired = remove_repeated_marks(repair_words(repaired))
        if repaired == line:
            break
        line = repaired
    return line


def repair(text: str) -> str:
    """Repair damaged Thai text line by line; line breaks and form feeds are kept.

    >>> repair("ส านัก ผ ู้ก ำก ับ ด ูแ ล ๒.๑๐") == "สำนัก ผู้กำกับดูแล ๒.๑๐"
    True
    """
    return "\n".join(repair_line(line) for line in text.split("\n"))


# --- digits and measures ------------------------------------------------------------------------

# Digit conversion lives with the number parser; re-exported here as part of the repair API.
thai_to_arabic = to_arabic


def _tokenizer_trie() -> Trie:
    # The prefix table the repair decoder loads anyway, not a second tree of the same words.
    from extract.thai_dictionary import dictionary_trie

    return dictionary_trie()


def thai_tokens(text: str) -> list[str]:
    """Thai-script tokens of ``text`` (newmm over the repair dictionary) with a consonant."""
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(
        text, engine="newmm", custom_dict=_tokenizer_trie(), keep_whitespace=False
    )
    return [t for t in tokens if _THAI_TOKEN.fullmatch(t) and _HAS_CONSONANT.search(t)]


def dictionary_coverage(text: str) -> float:
    """Share of Thai tokens that are dictionary words; 1.0 when there is no Thai token.

    >>> dictionary_coverage("ประชาชน ได้รับ บริการ")
    1.0
    >>> dictionary_coverage("ศนูยร์าชการ") < 1.0
    True
    """
    tokens = thai_tokens(text)
    if not tokens:
        return 1.0
    words = thai_dictionary()
    return sum(1 for t in tokens if t in words) / len(tokens)


@dataclass(frozen=True, slots=True)
class RepairStats:
    """How much a repair changed a text and how much more of it the dictionary recognises."""

    coverage_before: float
    coverage_after: float
    lines: int
    lines_changed: int


def repair_stats(text: str) -> tuple[str, RepairStats]:
    """Repair ``text`` and measure it: the repaired text and a :class:`RepairStats`."""
    repaired = repair(text)
    before, after = text.split("\n"), repaired.split("\n")
    stats = RepairStats(
        coverage_before=dictionary_coverage(text),
        coverage_after=dictionary_coverage(repaired),
        lines=len(before),
        lines_changed=sum(1 for a, b in zip(before, after, strict=True) if a != b),
    )
    return repaired, stats
