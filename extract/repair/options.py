"""The readings a letter group may have, one function per kind of damage.

The decoder (`extract.repair.decoder`) reads a span with, for each letter group, the group as
written and the alternatives the pass's modes allow:

- glyph order (MODE_MARKS): marks a text layer put after the next consonant move back onto
  the group before (``หลกัเกณฑม์`` -> ``หลักเกณฑ์``), a mark it wrote twice goes, and a mark a
  bold face maps to another is read as the one meant (``ขูอ`` -> ``ข้อ``);
- OCR spacing (MODE_JOIN): a SARA AA after a space was SARA AM whose NIKHAHIT OCR read as the
  space (``ด าเนินการ``);
- confusions (MODE_CONFUSIONS): letters and marks read for their look-alikes (``ประซาซน``,
  ``ป้ญหา``), and a comma between letters that was MAI EK (``ไม,น้อย``).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from extract.repair.costs import (
    COMMA_MARK_COST,
    CONFUSABLE,
    CONFUSION_COST,
    FONT_MARK_SWAPS,
    FONT_SWAP_COST,
    MARK_CONFUSABLE,
    MODE_CONFUSIONS,
    MODE_JOIN,
    MODE_MARKS,
    MOVE_COST,
    NAME_SAFE_SWAPS,
    SARA_AM_COST,
)
from extract.repair.glyphs import WEAK_GAP
from extract.repair.spelling import LetterGroup, valid
from extract.thaichars import CONSONANT_SET, LEAD_SET, MAI_EK, SARA_AA, SARA_AM

_SPACE_LINKS = frozenset({" ", WEAK_GAP})
_SOFT_LINKS = frozenset({"", " ", WEAK_GAP})
_LETTER_SET = CONSONANT_SET | LEAD_SET


@dataclass(frozen=True, slots=True)
class Option:
    """One reading of a letter group: its base letter, the marks it keeps, the marks it hands
    to the group before it, and what the change costs."""

    base: str
    stay: str
    back: str
    cost: float
    #: a letter or mark replaced by its look-alike: 0 no; 1 a letter, the word it makes may
    #: be a name (ช for ซ, ข for ฃ: OCR does it to names); 2 a letter, the word must be a
    #: general word; 3 a mark, the word must be a general word of five letters or more
    substituted: int
    #: the gap before the group was a misread mark that ``back`` restores (a space for the
    #: NIKHAHIT of SARA AM, a comma for MAI EK): a word across it spans no gap
    absorbs_gap: bool = False


#: What the end of a span reads as: nothing, taking no marks back.
END = Option("", "", "", 0.0, 0)


@dataclass(frozen=True, slots=True)
class _Marks:
    """A reading of a group's marks: those that stay, those handed back, its cost and kind."""

    stay: str
    back: str
    cost: float
    substituted: int


def as_written(group: LetterGroup) -> Option:
    """The reading that changes nothing."""
    return Option(group[0], group[1], "", 0.0, 0)


def group_options(
    groups: Sequence[LetterGroup],
    links: Sequence[str | None],
    j: int,
    modes: frozenset[str],
) -> tuple[Option, ...]:
    """The readings of group j that the enabled modes allow; the first is the group as written.

    ``links[j]`` tells what separates group j from group j+1: '' (same run), ' ' or ','
    (a gap a word may span) or None (a hard boundary).
    """
    prev_base = groups[j - 1][0] if j else ""
    link_before = links[j - 1] if j else None
    return options_for(*groups[j], prev_base, link_before, modes)


@functools.lru_cache(maxsize=1 << 14)
def options_for(
    base: str, marks: str, prev_base: str, link_before: str | None, modes: frozenset[str]
) -> tuple[Option, ...]:
    """The readings of one group (``base`` + ``marks``) after ``prev_base`` and its link."""
    bases: list[tuple[str, float]] = [(base, 0.0)]
    variants = [_Marks(marks, "", 0.0, 0)]
    if MODE_CONFUSIONS in modes:
        bases += CONFUSABLE.get(base, ())
        variants += _misread_marks(marks)
    if MODE_MARKS in modes and marks:
        variants += _displaced_marks(marks, prev_base, link_before)
        variants += _font_swapped_marks(marks)
    options = [as_written((base, marks)), *_combine(base, marks, bases, variants)]
    if MODE_JOIN in modes and _lost_nikhahit(base, marks, prev_base, link_before):
        options.append(Option("", "", SARA_AM, SARA_AM_COST, 0, absorbs_gap=True))
    if MODE_CONFUSIONS in modes and _comma_for_mai_ek(base, prev_base, link_before):
        options.append(Option(base, marks, MAI_EK, COMMA_MARK_COST, 0, absorbs_gap=True))
    return tuple(options)


def _misread_marks(marks: str) -> list[_Marks]:
    """Confusions: each mark OCR may have read for another (`MARK_CONFUSABLE`)."""
    return [
        _Marks(marks[:i] + alt + marks[i + 1 :], "", CONFUSION_COST, 3)
        for i, mark in enumerate(marks)
        for alt in MARK_CONFUSABLE.get(mark, "")
    ]


def _displaced_marks(marks: str, prev_base: str, link_before: str | None) -> list[_Marks]:
    """Glyph order: any of the marks handed back to the consonant before (across no gap or a
    soft one), and a mark written twice in a row dropped."""
    out: list[_Marks] = []
    if prev_base in CONSONANT_SET and link_before in _SOFT_LINKS:
        for size in range(1, len(marks) + 1):
            for moved in itertools.combinations(range(len(marks)), size):
                stay = "".join(m for i, m in enumerate(marks) if i not in moved)
                back = "".join(marks[i] for i in moved)
                out.append(_Marks(stay, back, MOVE_COST * size, 0))
    for i in range(1, len(marks)):
        if marks[i] == marks[i - 1]:  # a repeat the text layer made: drop it
            out.append(_Marks(marks[:i] + marks[i + 1 :], "", MOVE_COST, 0))
    return out


def _font_swapped_marks(marks: str) -> list[_Marks]:
    """Glyph map: a mark a bold face's text layer writes for another (`FONT_MARK_SWAPS`),
    undone one at a time. A font's map is no look-alike guess: no swap rules apply (like a
    font's SARA AM for SARA AA); the cost alone must be paid for."""
    return [
        _Marks(marks[:i] + FONT_MARK_SWAPS[mark] + marks[i + 1 :], "", FONT_SWAP_COST, 0)
        for i, mark in enumerate(marks)
        if mark in FONT_MARK_SWAPS
    ]


def _combine(
    base: str, marks: str, bases: list[tuple[str, float]], variants: list[_Marks]
) -> list[Option]:
    """Every base letter with every reading of the marks that spelling allows, once each."""
    out: list[Option] = []
    seen = {(base, marks, "")}
    for (b, b_cost), m in itertools.product(bases, variants):
        if (b, m.stay, m.back) in seen or (m.stay and not valid(b, m.stay)):
            continue
        seen.add((b, m.stay, m.back))
        # a PDF font's SARA AM for SARA AA is no look-alike guess: no swap rules apply
        b_sub = 0 if b == base or base == SARA_AM else 1 if (base, b) in NAME_SAFE_SWAPS else 2
        out.append(Option(b, m.stay, m.back, b_cost + m.cost, max(m.substituted, b_sub)))
    return out


def _lost_nikhahit(base: str, marks: str, prev_base: str, link_before: str | None) -> bool:
    """OCR spacing: a bare SARA AA after a space following a consonant may be SARA AM whose
    NIKHAHIT was read as the space (the group then hands SARA AM back and vanishes)."""
    return (
        base == SARA_AA
        and not marks
        and link_before in _SPACE_LINKS
        and prev_base in CONSONANT_SET
    )


def _comma_for_mai_ek(base: str, prev_base: str, link_before: str | None) -> bool:
    """Confusions: OCR reads MAI EK as a comma (ไม,น้อยกว่า, คู,มือ)."""
    return link_before == "," and prev_base in CONSONANT_SET and base in _LETTER_SET
