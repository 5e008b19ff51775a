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

import functools
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from extract.digits import arabic_to_thai, to_arabic  # noqa: F401
from extract.thai_dictionary import general_words, prefix_table, thai_dictionary

# --- character classes ------------------------------------------------------------------------

CONSONANTS = "".join(chr(c) for c in range(0x0E01, 0x0E2F))  # ก..ฮ, with ฤ and ฦ
LEAD_VOWELS = "เแโใไ"
FOLLOW_VOWELS = "ะาำๅ"
#: Marks stacked first on a consonant: above and below vowels, PHINTHU, MAITAIKHU.
VOWEL_MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47"
#: Marks stacked last: the four tone marks, THANTHAKHAT, NIKHAHIT, YAMAKKAN.
TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
MARKS = VOWEL_MARKS + TONE_MARKS
#: Written by :func:`attach_orphan_marks` where it moved a space behind a mark: a word
#: boundary that is only a guess. :func:`repair_words` removes it where a dictionary word
#: spans it and writes a plain space elsewhere.
WEAK_GAP = "\u200b"
SARA_AA = "\u0e32"
MAI_EK = "\u0e48"
SARA_AM = "\u0e33"
NIKHAHIT = "\u0e4d"

_CONSONANT_SET = frozenset(CONSONANTS)
_MARK_SET = frozenset(MARKS)
_TONE_SET = frozenset(TONE_MARKS)
_LEAD_SET = frozenset(LEAD_VOWELS)
_LETTER_SET = _CONSONANT_SET | _LEAD_SET
_FOLLOW_SET = frozenset(FOLLOW_VOWELS)
# Letters that make up a Thai word; digits, ฯ, ๆ and ฿ end a run.
_LETTER_CLASS = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
_RUN = f"[{_LETTER_CLASS}]++"  # possessive: a lookahead after it must not cut a run
_THAI_TOKEN = re.compile("[\u0e00-\u0e7f]+")
_HAS_CONSONANT = re.compile(f"[{CONSONANTS}]")

# --- 1-8: character rules -----------------------------------------------------------------------

_INVISIBLE_CHARS = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE_CHARS))
_HAS_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_SPACE_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def remove_invisible(text: str) -> str:
    """Drop BOM, zero-width space/joiners, word joiner and soft hyphen.

    >>> remove_invisible("\\ufeffศูนย์\\u200bราชการ\\u200d")
    'ศูนย์ราชการ'
    """
    # str.translate is slow on non-ASCII text; most lines have nothing to remove
    return text.translate(_INVISIBLE) if _HAS_INVISIBLE.search(text) else text


def normalize_spaces(text: str) -> str:
    """Turn NBSP and the other Unicode space characters into a plain space (tabs stay).

    >>> normalize_spaces("นาย\\u00a0สมชาย\\tใจดี")
    'นาย สมชาย\\tใจดี'
    """
    return _SPACE_RE.sub(" ", text)


# Windows (U+F7xx) and Apple (U+F8xx) glyph-variant code points of Thai fonts, as a PDF
# without a proper ToUnicode map exposes them: shifted-down, shifted-left tone marks, etc.
# fmt: off
_PUA = {
    0xF700: "\u0e10", 0xF70F: "\u0e0d",  # ฐ, ญ without descender
    0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36", 0xF704: "\u0e37",
    0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a", 0xF708: "\u0e4b", 0xF709: "\u0e4c",
    0xF70A: "\u0e48", 0xF70B: "\u0e49", 0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c",
    0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47",
    0xF713: "\u0e48", 0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c",
    0xF718: "\u0e38", 0xF719: "\u0e39", 0xF71A: "\u0e3a",
    0xF884: "\u0e31", 0xF885: "\u0e34", 0xF886: "\u0e35", 0xF887: "\u0e36", 0xF888: "\u0e37",
    0xF889: "\u0e47", 0xF88A: "\u0e48", 0xF88B: "\u0e48", 0xF88C: "\u0e48",
    0xF88D: "\u0e49", 0xF88E: "\u0e49", 0xF88F: "\u0e49",
    0xF890: "\u0e4a", 0xF891: "\u0e4a", 0xF892: "\u0e4a",
    0xF893: "\u0e4b", 0xF894: "\u0e4b", 0xF895: "\u0e4b",
    0xF896: "\u0e4c", 0xF897: "\u0e4c", 0xF898: "\u0e4c",
    0xF899: "\u0e4d", 0xF89A: "\u0e0d", 0xF89B: "\u0e38", 0xF89C: "\u0e39", 0xF89D: "\u0e3a",
    0xF89E: "\u0e10",
}
# fmt: on


_HAS_PUA = re.compile("[\uf700-\uf71a\uf884-\uf89e]")


def map_pua_marks(text: str) -> str:
    """Map Private Use Area glyph variants of Thai marks to the standard code points.

    >>> map_pua_marks("ท\\uf702\\uf70a") == "ที่"
    True
    """
    return text.translate(_PUA) if _HAS_PUA.search(text) else text


# NIKHAHIT never ends a word, so a space between it and SARA AA is a split too
_NIKHAHIT_AA = re.compile(f"{NIKHAHIT}([{TONE_MARKS[:4]}]?) ?{SARA_AA}")
_TONE_NIKHAHIT_AA = re.compile(f"([{TONE_MARKS[:4]}]){NIKHAHIT} ?{SARA_AA}")


def compose_sara_am(text: str) -> str:
    """Write SARA AM as one character: NIKHAHIT + [tone] + SARA AA -> [tone] + SARA AM.

    Also folds a doubled SARA E into SARA AE, the other two-glyph vowel typists and OCR make.

    >>> compose_sara_am("นํ้า") == "น้ำ" and compose_sara_am("ทํา") == "ทำ"
    True
    >>> compose_sara_am("ซํ้ า") == "ซ้ำ"
    True
    >>> compose_sara_am("เเละ")
    'และ'
    """
    text = _NIKHAHIT_AA.sub(lambda m: m.group(1) + SARA_AM, text)
    text = _TONE_NIKHAHIT_AA.sub(lambda m: m.group(1) + SARA_AM, text)
    return text.replace("เเ", "แ")


_STRAY_QUOTE = re.compile(f"(?<=[{_LETTER_CLASS}.])['`´‘’](?=[{_LETTER_CLASS}])")


def remove_stray_quotes(text: str) -> str:
    """Remove apostrophe-like specks that OCR put between Thai letters.

    A quote between two Thai letters (or after the period of an abbreviation such as ``น.ส.``)
    is never punctuation in Thai; a real quotation has a space or the line edge outside it.

    >>> remove_stray_quotes("มี'ป้าย น.ส.'พัทธ์'ซัญญ'า")
    'มีป้าย น.ส.พัทธ์ซัญญา'
    >>> remove_stray_quotes("คำว่า 'ศูนย์'")
    "คำว่า 'ศูนย์'"
    """
    return _STRAY_QUOTE.sub("", text)


_ORPHAN = re.compile(f"(?<=[{_LETTER_CLASS}])( +)([{MARKS}{SARA_AM}]+)(.?)")
_THAI_LETTER = re.compile(f"[{_LETTER_CLASS}]")
_MARK_AFTER_PUNCT = re.compile(f"(?<=[{_LETTER_CLASS}])([)\\]}}\"'”’,.:;!?/-])([{MARKS}]+)")


def attach_orphan_marks(text: str) -> str:
    """Give a mark (or SARA AM) that follows a space back to the letter before the space.

    OCR breaks a letter from its mark with a space (``ท ี่``); a PDF text layer emits a
    word-final mark after the next space (``ศนูย ์Hotline``) or punctuation (``สถานที)่``).
    Either way the mark belongs to the letter before. The space moves behind the mark: as a
    plain space before Latin, digits or punctuation; dropped at the line end or before
    another space; before a Thai letter as :data:`WEAK_GAP` (a zero-width space), since only
    the dictionary can tell a word boundary (``อาทิตย์ เวลา``) from a split word
    (``ผู้ รับผิดชอบ``).

    >>> attach_orphan_marks("ข้อท ี่") == "ข้อที่"
    True
    >>> attach_orphan_marks("ศนูย ์Hotline ได ้38") == "ศนูย์ Hotline ได้ 38"
    True
    >>> attach_orphan_marks("ส ำนัก (สถานที)่") == "สำ\u200bนัก (สถานที่)"
    True
    """

    def fix(match: re.Match[str]) -> str:
        spaces, marks, after = match.groups()
        if not after or after == " ":
            return marks + after
        if _THAI_LETTER.match(after):
            return marks + WEAK_GAP + after
        return marks + spaces + after

    text = _MARK_AFTER_PUNCT.sub(lambda m: m.group(2) + m.group(1), text)
    return _ORPHAN.sub(fix, text)


_MARK_ON_VOWEL = re.compile(
    f"([{CONSONANTS}][{MARKS}]*)( ?[{LEAD_VOWELS}{FOLLOW_VOWELS}])([{MARKS}]+)"
)


def move_marks_off_vowels(text: str) -> str:
    """Move marks that follow a vowel letter back onto the consonant before that vowel.

    No Thai vowel letter carries a mark, so such a mark was displaced by the PDF text layer
    (or typed late); unlike a mark on a consonant this needs no dictionary to place. A space
    between the consonant and the vowel (letter-spaced text) stays where it was.

    >>> move_marks_off_vowels("อยา่ง") == "อย่าง" and move_marks_off_vowels("พเิศษ") == "พิเศษ"
    True
    >>> move_marks_off_vowels("ใ ซ ไ่ ด") == "ใ ซ่ ไ ด"
    True
    >>> move_marks_off_vowels("ใหเ้อือ้") == "ให้เอือ้"
    True
    """
    return _MARK_ON_VOWEL.sub(lambda m: m.group(1) + m.group(3) + m.group(2), text)


_MARK_RUN = re.compile(f"[{MARKS}]{{2,}}")


def _mark_rank(mark: str) -> int:
    return 1 if mark in _TONE_SET else 0


def reorder_marks(text: str) -> str:
    """Put stacked marks in standard order: vowel mark, then tone mark.

    A repeated mark is kept here: in PDF text it is often a neighbour's displaced mark
    (``เทคโนโลยทีีม่``), which :func:`repair_words` puts back; :func:`remove_repeated_marks`
    drops what is left afterwards.

    >>> reorder_marks("ท่ี") == "ที่" and reorder_marks("ก่ี่") == "กี่่"
    True
    """
    return _MARK_RUN.sub(lambda m: "".join(sorted(m.group(), key=_mark_rank)), text)


_REPEATED_MARK = re.compile(f"([{MARKS}])\\1+")


def remove_repeated_marks(text: str) -> str:
    """Drop a mark written twice in a row (``ก่่`` -> ``ก่``).

    >>> remove_repeated_marks("ก่่ ทีี")
    'ก่ ที'
    """
    return _REPEATED_MARK.sub(r"\1", text)


# --- 9: the dictionary-guided decoder ---------------------------------------------------------

# Costs are in nats, comparable to word costs -ln P(word) (about 2 for ที่, 17 for a word the
# corpus never counted). A change must pay for itself with a better reading.
UNKNOWN_COST = 22.0  # one letter group outside any dictionary word
INVALID_COST = 12.0  # extra, for a letter group no Thai spelling allows (two tone marks...)
MOVE_COST = 2.0  # per mark moved back one consonant
SARA_AM_COST = 0.0  # a space before SARA AA was a lost NIKHAHIT: the usual reason for one
COMMA_MARK_COST = 2.0  # a comma between two Thai letters was a misread MAI EK
CONFUSION_COST = 5.5  # one OCR misreading: the other reading must be ~250x likelier
CROSS_GAP_COST = 4.0  # once per word that spans spaces: two real words keep their gap
WEAK_GAP_COST = -2.0  # per WEAK_GAP a word spans: a space that split a letter from its mark
ACCEPT_MARGIN = 2.0  # a changed stretch must beat the text as written by this much
COMMON_COST = 9.0  # a word at least this common (about 1 in 8,000 words)

#: Letters OCR (or a broken PDF font) reads in place of another: the letter as read, the
#: letters it may stand for, with the cost of undoing the misreading. Only the directions
#: seen in real scans: ช read as ซ is the systematic one (ประซาซน, so it costs less), น as บ
#: (หน่วยงาบ), ช as ข (ผู้รับผิดขอบ); ฃ is obsolete and only ever a misreading of ข; some PDF
#: fonts map SARA AA to SARA AM (บริกำร). The reverse directions, and ศ read as ค (คุภศิลป,
#: but ค is the commonest letter of loanwords), turned correct loanwords and names into
#: dictionary fragments on a sample of Wikipedia titles.
CONFUSABLE: dict[str, tuple[tuple[str, float], ...]] = {
    "ซ": (("ช", 3.0),),
    "บ": (("น", CONFUSION_COST),),
    "ข": (("ช", CONFUSION_COST),),
    "ฃ": (("ข", 1.0),),
    SARA_AM: ((SARA_AA, 3.0),),
}
#: The most a word made by a swap may cost, by its length: a short rare word is no evidence
#: (in loanwords and foreign names a swap makes one by chance: ชาร์ลีบราวน์ -> ลีน).
_SWAP_MAX_COST = {1: -math.inf, 2: -math.inf, 3: 7.0, 4: COMMON_COST}
#: The swaps whose word may be a person name (OCR does them to names too: ซัญญา).
_NAME_SAFE_SWAPS = frozenset({("ซ", "ช"), ("ฃ", "ข")})
#: Marks OCR reads in place of another (as read: may stand for), undone at CONFUSION_COST:
#: MAI THO for MAI HAN-AKAT (ป้ญหา), the tone marks for each other and for THANTHAKHAT
#: (ออนไลน่). The other marks as read are trusted: SARA I, THANTHAKHAT and MAITAIKHU are
#: everywhere in loanwords and names (มินสค์, ไอรอนส์, จ็อบ), and reading them as something
#: else made more damage than it undid. A swapped mark must make a general word of five
#: letters or more (ดิวิชั่น is no ดิวิชั้น).
MARK_CONFUSABLE: dict[str, str] = {
    "\u0e49": "\u0e31\u0e48\u0e4c\u0e39",  # SARA UU: bold Thai faces map it to MAI THO
    "\u0e48": "\u0e49\u0e4c",
}

_SPACE_LINKS = frozenset({" ", WEAK_GAP})
_SOFT_LINKS = frozenset({"", " ", WEAK_GAP})

# What the decoder may change: spaces (and SARA AM lost to one), mark positions, look-alikes.
MODE_JOIN = "join"
MODE_MARKS = "marks"
MODE_CONFUSIONS = "confusions"

#: A short word rarer than COMMON_COST that holds a letter OCR confuses may be a misreading
#: (ผู้รับผิดขอบ reads as ผู้รับผิด|ขอบ): it gets a second look.
SUSPECT_COST = COMMON_COST
_SUSPECT_GROUPS = 3
#: Letters whose misreading spells common words (ประซาซน = ประ|ซา|ซน) get a second look in
#: any word but the commonest (ซึ่ง, ซื้อ), whatever its length.
_ALWAYS_SUSPECT = frozenset("ซฃ")
SUSPECT_COST_SO_CHO = 8.0
_DIRTY_REACH = 2  # groups beside a suspect token that may hold its displaced marks


@dataclass(frozen=True, slots=True)
class _Option:
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


_END = _Option("", "", "", 0.0, 0)


@dataclass(frozen=True, slots=True)
class _Token:
    start: int  # first letter group
    end: int  # one past the last letter group
    text: str
    is_word: bool
    cost: float


@dataclass(frozen=True, slots=True)
class _Decoding:
    cost: float
    tokens: tuple[_Token, ...]
    pieces: tuple[str, ...]  # the text of every letter group as read
    absorbed: frozenset[int] = frozenset()  # gaps read as a mark (see _Option.absorbs_gap)


def _parse_groups(run: str) -> list[tuple[str, str]]:
    """Split a run of Thai letters into (base, marks) groups; leading marks get base ''."""
    groups: list[tuple[str, str]] = []
    for ch in run:
        if ch in _MARK_SET:
            if groups:
                base, marks = groups[-1]
                groups[-1] = (base, marks + ch)
            else:
                groups.append(("", ch))
        else:
            groups.append((ch, ""))
    return groups


def _mark_key(mark: str) -> int:
    if mark == SARA_AM:
        return 2
    return 1 if mark in _TONE_SET else 0


def _valid(base: str, marks: str) -> bool:
    """Whether Thai spelling allows ``marks`` on ``base`` (SARA AM counts as a mark here)."""
    if not marks:
        return True
    if base not in _CONSONANT_SET:
        return False
    if len(marks) == 1:
        return True
    vowels = tones = 0
    for m in marks:
        if m in _TONE_SET:
            tones += 1
        elif m != SARA_AM:
            vowels += 1
    if vowels > 1 or tones > 1:
        return False
    if "\u0e47" in marks and tones:  # MAITAIKHU never takes a tone mark
        return False
    return not (SARA_AM in marks and vowels)


def _group_options(
    groups: Sequence[tuple[str, str]],
    links: Sequence[str | None],
    j: int,
    modes: frozenset[str],
) -> tuple[_Option, ...]:
    """The readings of group j that the enabled modes allow; the first is the group as written.

    ``links[j]`` tells what separates group j from group j+1: '' (same run), ' ' or ','
    (a gap a word may span) or None (a hard boundary).
    """
    prev_base = groups[j - 1][0] if j else ""
    link_before = links[j - 1] if j else None
    return _options_for(*groups[j], prev_base, link_before, modes)


@functools.lru_cache(maxsize=1 << 14)
def _options_for(
    base: str, marks: str, prev_base: str, link_before: str | None, modes: frozenset[str]
) -> tuple[_Option, ...]:
    options = [_Option(base, marks, "", 0.0, 0)]
    bases = [(base, 0.0)]
    # (stay, back, cost, substituted) of the marks
    variants: list[tuple[str, str, float, int]] = [(marks, "", 0.0, 0)]
    if MODE_CONFUSIONS in modes:
        bases += CONFUSABLE.get(base, ())
        for i, mark in enumerate(marks):
            for alt in MARK_CONFUSABLE.get(mark, ""):
                variants.append((marks[:i] + alt + marks[i + 1 :], "", CONFUSION_COST, 3))
    if MODE_MARKS in modes and marks:
        if prev_base in _CONSONANT_SET and link_before in _SOFT_LINKS:
            for size in range(1, len(marks) + 1):
                for moved in itertools.combinations(range(len(marks)), size):
                    stay = "".join(m for i, m in enumerate(marks) if i not in moved)
                    back = "".join(marks[i] for i in moved)
                    variants.append((stay, back, MOVE_COST * size, 0))
        for i in range(1, len(marks)):
            if marks[i] == marks[i - 1]:  # a repeat the text layer made: drop it
                variants.append((marks[:i] + marks[i + 1 :], "", MOVE_COST, 0))
    seen = {(base, marks, "")}
    for (b, b_cost), (stay, back, m_cost, m_sub) in itertools.product(bases, variants):
        if (b, stay, back) in seen or (stay and not _valid(b, stay)):
            continue
        seen.add((b, stay, back))
        # a PDF font's SARA AM for SARA AA is no look-alike guess: no swap rules apply
        b_sub = 0 if b == base or base == SARA_AM else 1 if (base, b) in _NAME_SAFE_SWAPS else 2
        options.append(_Option(b, stay, back, b_cost + m_cost, max(m_sub, b_sub)))
    if (
        MODE_JOIN in modes
        and base == SARA_AA
        and not marks
        and link_before in _SPACE_LINKS
        and prev_base in _CONSONANT_SET
    ):
        options.append(_Option("", "", SARA_AM, SARA_AM_COST, 0, absorbs_gap=True))
    if (
        MODE_CONFUSIONS in modes
        and link_before == ","
        and prev_base in _CONSONANT_SET
        and base in _LETTER_SET
    ):
        # OCR reads MAI EK as a comma (ไม,น้อยกว่า, คู,มือ)
        options.append(_Option(base, marks, MAI_EK, COMMA_MARK_COST, 0, absorbs_gap=True))
    return tuple(options)


def _decode(
    groups: Sequence[tuple[str, str]],
    links: Sequence[str | None],
    options: Sequence[Sequence[_Option]],
) -> _Decoding:
    """Best reading of the letter groups: a Viterbi search over words of the dictionary.

    State (j, o): groups before j are read, group j reads as option o (whose handed-back marks
    already went to group j-1). From each state a depth-first walk follows the dictionary's
    prefix table, choosing the next group's option as it goes; a dictionary word ending at
    group k moves to state (k+1, o'). A group left as written may always be read as an
    unknown token, so every input has a reading; a changed group must be part of a word.
    A word may span a link of ' ' or ',' (paying CROSS_GAP_COST once) or a WEAK_GAP (earning
    WEAK_GAP_COST), but no hard boundary (None).
    """
    table_get = prefix_table().get
    general = general_words()
    n = len(groups)
    # What each option o of group k reads as next to each option o2 of group k+1 (which may
    # hand marks back), split into the readings Thai spelling allows (for words) and the
    # reading as written (the only one an unknown token may have).
    opts = [
        [(o.base, o.stay, o.back, o.cost, o.substituted, o.absorbs_gap) for o in group]
        for group in options
    ]
    opts.append([("", "", "", 0.0, 0, False)])  # the end of the span takes nothing back
    # word_rows[k][o] = [(o2, piece, cost of o2, o2 reads the gap as a mark, o2's swap kind,
    # the piece got or lost marks)]; unknown_rows[k][o] = [(o2, piece, cost of o2)]
    word_rows: list[list[list[tuple[int, str, float, bool, bool, bool]]]] = []
    unknown_rows: list[list[list[tuple[int, str, float]]]] = []
    for k in range(n):
        original = groups[k][0] + groups[k][1]
        nxt = opts[k + 1]
        k_words, k_unknown = [], []
        for base, stay, back, _cost, _sub, _absorbs in opts[k]:
            # marks moved away (fewer stay) or SARA AA merged into the group before
            own_moved = bool(back) or len(stay) < len(groups[k][1])
            row_words, row_unknown = [], []
            for o2, (_base2, _stay2, back2, cost2, sub2, absorbs) in enumerate(nxt):
                marks = stay + back2
                if len(marks) > 1:
                    marks = "".join(sorted(marks, key=_mark_key))
                piece = base + marks
                if _valid(base, marks):
                    row_words.append((o2, piece, cost2, absorbs, sub2, own_moved or bool(back2)))
                if piece == original:  # a change must make a word, or it is no repair
                    row_unknown.append((o2, piece, cost2))
            k_words.append(row_words)
            k_unknown.append(row_unknown)
        word_rows.append(k_words)
        unknown_rows.append(k_unknown)

    # best[j][o] = (cost, previous state, pieces, (start, text, is_word, token cost))
    best: list[dict[int, tuple]] = [{} for _ in range(n + 1)]
    for o, opt in enumerate(opts[0]):
        if not opt[2]:
            best[0][o] = (opt[3], None, (), None)

    for j in range(n):
        unknown = UNKNOWN_COST + (0.0 if _valid(*groups[j]) and groups[j][0] else INVALID_COST)
        best_next = best[j + 1]
        for o, entry in list(best[j].items()):
            cost = entry[0]
            for o2, piece, cost2 in unknown_rows[j][o]:
                total = cost + unknown + cost2
                old = best_next.get(o2)
                if old is None or total < old[0]:
                    entry = (total, (j, o), (piece, False, None), (j, piece, False, unknown))
                    best_next[o2] = entry
            # Walk state: group k and its option, the word's text so far, the cost of the
            # options chosen, the pieces read (a linked list: no copying per step), the cost
            # of the gaps spanned, whether a plain space is among them, the strongest swap
            # made (see _Option.substituted) and whether marks moved. A changed word must be
            # long or common (a short rare word such as คู is no evidence), and a word made by
            # moving marks, by a strict swap or across a plain space must be a general word,
            # not only a name: names are too varied to guide a repair.
            stack = [(j, o, "", 0.0, None, 0.0, False, opts[j][o][4], False)]
            while stack:
                k, ok_, text, acc, pieces, gap_cost, spans_plain, swapped, moved = stack.pop()
                k1 = k + 1
                link = links[k] if k1 < n else None
                best_k1 = best[k1]
                for o2, piece, cost2, absorbs_gap, sub2, moved2 in word_rows[k][ok_]:
                    text2 = text + piece
                    w = table_get(text2)
                    if w is None:
                        continue
                    acc2 = acc + cost2
                    pieces2 = (piece, absorbs_gap, pieces)
                    moved2 = moved or moved2
                    if (
                        w >= 0
                        and (not moved2 or len(text2) > 3 or w <= COMMON_COST)
                        and (not swapped or w <= _SWAP_MAX_COST.get(len(text2), math.inf))
                        and (swapped < 3 or len(text2) > 4)
                        and (not (moved2 or spans_plain or swapped > 1) or text2 in general)
                    ):
                        word_cost = w + gap_cost
                        total = cost + acc2 + word_cost
                        old = best_k1.get(o2)
                        if old is None or total < old[0]:
                            best_k1[o2] = (total, (j, o), pieces2, (j, text2, True, word_cost))
                    if link is None:
                        continue
                    swapped2 = max(swapped, sub2)
                    if link == WEAK_GAP:  # spanned or read as a mark: a split either way
                        gap2, plain2 = gap_cost + WEAK_GAP_COST, spans_plain
                    elif not link or absorbs_gap:
                        gap2, plain2 = gap_cost, spans_plain
                    elif spans_plain:
                        gap2, plain2 = gap_cost, True
                    else:
                        gap2, plain2 = gap_cost + CROSS_GAP_COST, True
                    stack.append((k1, o2, text2, acc2, pieces2, gap2, plain2, swapped2, moved2))

    tokens: list[_Token] = []
    pieces_rev: list[str] = []  # every piece, last first
    absorbed: set[int] = set()
    end, o = n, 0
    total_cost = best[n][0][0]
    while True:
        _cost, prev, pieces, token = best[end][o]
        if prev is None:
            break
        start, text, is_word, token_cost = token
        tokens.append(_Token(start, end, text, is_word, token_cost))
        g = end - 1
        while pieces is not None:
            piece, absorbs_gap, pieces = pieces
            pieces_rev.append(piece)
            if absorbs_gap:
                absorbed.add(g)
            g -= 1
        end, o = prev
    tokens.reverse()
    pieces_rev.reverse()
    return _Decoding(total_cost, tuple(tokens), tuple(pieces_rev), frozenset(absorbed))


def _segment(groups: Sequence[tuple[str, str]], links: Sequence[str | None]) -> _Decoding:
    """Best reading of the groups as written: :func:`_decode` without options, on plain strings.

    Most text is not damaged, so this fast path decides where the slow search is needed.
    """
    table_get = prefix_table().get
    general = general_words()
    pieces = tuple(base + marks for base, marks in groups)
    n = len(pieces)
    # an unknown group costs more if no spelling allows it
    unknown = [
        UNKNOWN_COST + (INVALID_COST if not base or (marks and not _valid(base, marks)) else 0.0)
        for base, marks in groups
    ]
    after = [*links[: n - 1], None]  # what follows each group; nothing after the last
    best_cost = [0.0] + [math.inf] * n
    best_token: list[tuple[int, bool, float]] = [(-1, False, 0.0)] * (n + 1)
    prev_base = ""
    for j in range(n):
        cost = best_cost[j]
        step = cost + unknown[j]
        if step < best_cost[j + 1]:
            best_cost[j + 1], best_token[j + 1] = step, (j, False, unknown[j])
        base = groups[j][0]
        # no word starts with a following vowel or right after a leading one
        if not base or base in _FOLLOW_SET or prev_base in _LEAD_SET:
            prev_base = base
            continue
        prev_base = base
        text = ""
        cross = 0.0
        spans_plain = False
        k = j
        while True:
            text += pieces[k]
            w = table_get(text)
            if w is None:
                break
            k += 1
            if w >= 0 and (not spans_plain or text in general):
                total = cost + w + cross
                if total < best_cost[k]:
                    best_cost[k], best_token[k] = total, (j, True, w + cross)
            link = after[k - 1]
            if link is None:
                break
            if link:
                if link == WEAK_GAP:
                    cross += WEAK_GAP_COST
                elif not spans_plain:
                    cross += CROSS_GAP_COST
                    spans_plain = True
    tokens: list[_Token] = []
    end = n
    while end > 0:
        start, is_word, cost = best_token[end]
        tokens.append(_Token(start, end, "".join(pieces[start:end]), is_word, cost))
        end = start
    tokens.reverse()
    return _Decoding(best_cost[n], tuple(tokens), pieces)


def _is_suspect(token: _Token, modes: frozenset[str]) -> bool:
    """An unknown token, or a rare short word that may be a misreading: with marks on, any
    (``เต|มิ`` for เติม); with confusions on, one holding a letter OCR confuses."""
    if not token.is_word:
        return True
    short_and_rare = token.end - token.start <= _SUSPECT_GROUPS and token.cost >= SUSPECT_COST
    if MODE_MARKS in modes and short_and_rare and token.end - token.start <= 2:
        return True
    if MODE_CONFUSIONS not in modes:
        return False
    if token.cost >= SUSPECT_COST_SO_CHO and any(ch in _ALWAYS_SUSPECT for ch in token.text):
        return True
    return short_and_rare and any(ch in CONFUSABLE for ch in token.text)


def _windows(
    groups: Sequence[tuple[str, str]],
    links: Sequence[str | None],
    reading: _Decoding,
    modes: frozenset[str],
) -> list[tuple[int, int, set[int]]]:
    """Stretches worth a second look: (first token, last token + 1, groups given options).

    A stretch is a suspect token with one token either side, so a word that the repair makes
    may reach into its neighbours; overlapping stretches merge. Options go to the groups of
    suspect tokens and _DIRTY_REACH groups around them (where their displaced marks may sit).
    """
    n = len(groups)
    tokens = reading.tokens
    marked = [_is_suspect(token, modes) for token in tokens]
    # a SARA AA right after a space may be a SARA AM that lost its NIKHAHIT, a comma between
    # letters a misread MAI EK
    split_am: set[int] = set()
    if MODE_JOIN in modes:
        split_am = {
            g for g in range(1, n) if groups[g][0] == SARA_AA and links[g - 1] in _SPACE_LINKS
        }
    if MODE_CONFUSIONS in modes:
        split_am.update(g for g in range(1, n) if links[g - 1] == ",")
    if split_am:
        for t, token in enumerate(tokens):
            if not marked[t] and not split_am.isdisjoint(range(token.start, token.end)):
                marked[t] = True
    dirty: set[int] = set()
    for t, flag in enumerate(marked):
        if flag:
            token = tokens[t]
            dirty.update(
                range(max(0, token.start - _DIRTY_REACH), min(n, token.end + _DIRTY_REACH))
            )
    if not dirty:
        return []
    windows: list[tuple[int, int, set[int]]] = []
    lo, hi = min(dirty), max(dirty)
    for t, token in enumerate(tokens):
        if token.end <= lo or token.start > hi or dirty.isdisjoint(range(token.start, token.end)):
            continue
        # one more token either side: the repaired word may reach into it
        first, last = max(0, t - 1), min(len(tokens), t + 2)
        if windows and first <= windows[-1][1]:
            first = windows.pop()[0]
        windows.append((first, last, dirty))
    return [
        (first, last, {g for g in dirty if tokens[first].start <= g < tokens[last - 1].end})
        for first, last, _ in windows
    ]


@functools.lru_cache(maxsize=1 << 14)
def _decode_window(
    groups: tuple[tuple[str, str], ...],
    links: tuple[str | None, ...],
    dirty: frozenset[int],
    modes: frozenset[str],
) -> _Decoding | None:
    """Decode a stretch with alternatives for its dirty groups; None if there are none.

    Cached: the same damaged stretch (a misread name, OCR junk) comes back on every page and
    in every round of :func:`repair_line`.
    """
    options = [
        _group_options(groups, links, g, modes)
        if g in dirty
        else (_Option(groups[g][0], groups[g][1], "", 0.0, 0),)
        for g in range(len(groups))
    ]
    # marks can't move across the stretch's edges
    if len(options[0]) > 1:
        options[0] = tuple(o for o in options[0] if not o.back)
    if all(len(o) == 1 for o in options):
        return None
    return _decode(groups, (*links, None), options)


def _strands_a_letter(decoding: _Decoding, groups: Sequence[tuple[str, str]]) -> bool:
    """Whether a word made by moving marks sits next to a bare letter left unreadable
    (``ออน|ไ|ล่น`` for ออนไลน่): the move split a syllable, and the damage is of another kind
    (here ่ misread for ์), better left to the confusion pass."""
    tokens = decoding.tokens
    for i, token in enumerate(tokens):
        if token.is_word or token.end - token.start != 1 or groups[token.start][1]:
            continue
        for neighbour in tokens[max(0, i - 1) : i + 2 : 2] if i else tokens[1:2]:
            if any(
                decoding.pieces[g] != groups[g][0] + groups[g][1]
                for g in range(neighbour.start, neighbour.end)
            ):
                return True
    return False


def _read(
    groups: Sequence[tuple[str, str]],
    links: Sequence[str | None],
    modes: frozenset[str],
    reading: _Decoding,
) -> tuple[list[str], list[_Token], set[int]]:
    """Re-decode each suspect stretch of ``reading`` (the span as written) with the modes'
    options; keep the new reading where it beats the written one by ACCEPT_MARGIN.

    Returns the pieces, the tokens and the gaps read as marks.
    """
    pieces = list(reading.pieces)
    tokens: list[_Token] = []
    absorbed: set[int] = set()
    done = 0
    for first, last, dirty in _windows(groups, links, reading, modes):
        a, b = reading.tokens[first].start, reading.tokens[last - 1].end
        changed = _decode_window(
            tuple(groups[a:b]),
            tuple(links[a : b - 1]),
            frozenset(g - a for g in dirty),
            modes,
        )
        if changed is None:
            continue
        written = sum(t.cost for t in reading.tokens[first:last])
        if changed.cost < written - ACCEPT_MARGIN and not (
            MODE_MARKS in modes and _strands_a_letter(changed, groups[a:b])
        ):
            tokens += reading.tokens[done:first]
            tokens += [
                _Token(t.start + a, t.end + a, t.text, t.is_word, t.cost) for t in changed.tokens
            ]
            pieces[a:b] = changed.pieces
            absorbed.update(g + a for g in changed.absorbed)
            done = last
    tokens += reading.tokens[done:]
    return pieces, tokens, absorbed


# A run right before a period is an abbreviation (ก.พ.ร.): never glued to the word before it.
_GROUP = re.compile(f"{_RUN}(?:[ ,{WEAK_GAP}]{_RUN}(?!\\.))*")
_GAP = re.compile(f"[ ,{WEAK_GAP}]")


def _split_group(span: str) -> tuple[list[tuple[str, str]], list[str]]:
    """Letter groups of a span of runs, and the gap after each group ('' inside a run)."""
    groups: list[tuple[str, str]] = []
    gaps: list[str] = []
    pos = 0
    for match in _GAP.finditer(span):
        run_groups = _parse_groups(span[pos : match.start()])
        groups += run_groups
        gaps += [""] * (len(run_groups) - 1) + [match.group()]
        pos = match.end()
    run_groups = _parse_groups(span[pos:])
    groups += run_groups
    gaps += [""] * (len(run_groups) - 1)
    return groups, gaps


def _removed_gaps(
    pieces: Sequence[str],
    tokens: Sequence[_Token],
    gaps: Sequence[str],
    join: bool,
    absorbed: set[int],
) -> set[int]:
    """Gaps to delete: those a dictionary word spans, and spaces of letter-spaced text.

    A gap at a word boundary goes only when the stretch on one side of it, up to the next
    gap, is short (one or two letter groups) and that next gap went too: letter-spaced text
    (``ก า ร มี ส่ ว น``). Whole words apart from spaced-out letters keep their space
    (``นางนิภาพร เผ่ากันทะ``, ``พะเยา ที่ ๒๓``). A plain space looks only at plain spaces
    around it (a weak gap beside it says nothing about letter spacing); a gap read as a mark
    (``absorbed``) goes but is no evidence; commas stay unless a word spans them.
    """
    spanned = {g for t in tokens if t.is_word for g in range(t.start, t.end - 1) if gaps[g]}
    crossed = spanned | absorbed
    if not join or not crossed:
        return crossed
    evidence = spanned - absorbed
    removed = set(crossed)
    for kinds in ((" ",), (" ", WEAK_GAP)):
        delimiters = [g for g, gap in enumerate(gaps) if gap in kinds]
        candidates = {g for g in delimiters if gaps[g] == kinds[-1]}
        changed = True
        while changed:  # a removed gap is evidence for its neighbours in turn
            changed = False
            for i, g in enumerate(delimiters):
                if g in removed or g not in candidates:
                    continue
                sides = []
                if i:
                    sides.append((delimiters[i - 1], delimiters[i - 1] + 1, g + 1))
                if i + 1 < len(delimiters):
                    sides.append((delimiters[i + 1], g + 1, delimiters[i + 1] + 1))
                for beyond, lo, hi in sides:
                    if beyond in evidence and sum(1 for p in pieces[lo:hi] if p) <= 2:
                        removed.add(g)
                        evidence.add(g)
                        changed = True
                        break
    return removed


#: Each accepted change lowers the cost of the line's reading, so repeating the chain until
#: nothing changes ends; the cap bounds the work on pathological input.
MAX_ROUNDS = 4


@functools.lru_cache(maxsize=1 << 16)
def _repair_span(span: str, passes: tuple[frozenset[str], ...]) -> str:
    """Repair one span of Thai runs separated by single spaces or commas (cached: headers,
    names and phrases come back on every page)."""
    return _repair_span_once(span, passes)


def _repair_span_once(span: str, passes: tuple[frozenset[str], ...]) -> str:
    """One round of the passes over a span."""
    reading: _Decoding | None = None
    split_text, (groups, gaps) = span, _split_group(span)
    for modes in passes:
        if span != split_text:
            split_text, (groups, gaps) = span, _split_group(span)
        join = MODE_JOIN in modes
        # Without joining, every gap is a hard boundary and each run is read on its own.
        links: list[str | None] = list(gaps) if join else [None if g else g for g in gaps]
        if reading is None or not join:
            reading = _segment(groups, links)
        pieces, tokens, absorbed = _read(groups, links, modes, reading)
        removed = _removed_gaps(pieces, tokens, gaps, join, absorbed)
        out: list[str] = []
        for g, piece in enumerate(pieces):
            out.append(piece)
            if g < len(gaps) and gaps[g] and g not in removed:
                out.append(gaps[g])  # a weak gap stays weak for the next pass
        repaired = "".join(out)
        if repaired != span or not join:
            reading = None  # the next pass must read the new text afresh
            # ... unless the new reading leaves nothing for the later passes to look at
            later = set().union(*passes[passes.index(modes) + 1 :])
            if later and not any(_is_suspect(t, frozenset(later)) for t in tokens):
                return repaired
        span = repaired
    return span


def _apply_spans(text: str, passes: tuple[frozenset[str], ...]) -> str:
    return _GROUP.sub(lambda m: _repair_span(m.group(), passes), text).replace(WEAK_GAP, " ")


#: The decoder passes of :func:`repair_words`. Glyph-order damage (PDF) and misread letters
#: (OCR) rarely meet in one word, so each pass offers only its own alternatives, which keeps
#: the search small; both passes join split words.
REPAIR_PASSES: tuple[frozenset[str], ...] = (
    frozenset({MODE_JOIN, MODE_MARKS}),
    frozenset({MODE_JOIN, MODE_CONFUSIONS}),
)


def repair_words(text: str) -> str:
    """Dictionary-guided repair of Thai words: the decoder passes of :data:`REPAIR_PASSES`.

    >>> repair_words("หลกัเกณฑม์าตรฐาน ด าเนินการ") == "หลักเกณฑ์มาตรฐาน ดำเนินการ"
    True
    >>> repair_words("ผู้รับ ผิด ข อ บ") == "ผู้รับผิดชอบ"
    True
    """
    return _apply_spans(text, REPAIR_PASSES)


def join_split_words(text: str) -> str:
    """Remove spaces inside words and restore a SARA AM lost to a space.

    >>> join_split_words("ม อ บ ห ม าย") == "มอบหมาย"
    True
    >>> join_split_words("นางนิภาพร เผ่ากันทะ") == "นางนิภาพร เผ่ากันทะ"
    True
    """
    return _apply_spans(text, (frozenset({MODE_JOIN}),))


def fix_displaced_marks(text: str) -> str:
    """Move vowel and tone marks that a PDF text layer put after the next consonant back.

    >>> fix_displaced_marks("ศนูยร์าชการ มกีาร") == "ศูนย์ราชการ มีการ"
    True
    """
    return _apply_spans(text, (frozenset({MODE_MARKS}),))


def fix_confusions(text: str) -> str:
    """Undo OCR misreadings where the dictionary prefers the other reading: ซ for ช, บ for น,
    ข for ช, ฃ for ข, one tone mark for another, a comma for MAI EK, and a PDF font's SARA AM
    for SARA AA (see :data:`CONFUSABLE` and :data:`MARK_CONFUSABLE`).

    >>> fix_confusions("ประซาซน หน่วยงาบ") == "ประชาชน หน่วยงาน"
    True
    """
    return _apply_spans(text, (frozenset({MODE_CONFUSIONS}),))


# --- the chain --------------------------------------------------------------------------------

#: The character rules in the order :func:`repair` applies them, before :func:`repair_words`.
_GAP_BEFORE_AA = re.compile("(?<=[\u0e01-\u0e2e\u0e48-\u0e4b]) {2,}(?=\u0e32)")


def narrow_gap_before_sara_aa(text: str) -> str:
    """A run of spaces before SARA AA is one lost glyph's gap: make it a single space.

    SARA AA never starts a word, so the run is what a PDF leaves where SARA AM's NIKHAHIT was
    (`ค  าแสน`); a single space is the form the SARA AM decoder below knows.

    >>> narrow_gap_before_sara_aa("นายวีระพงษ์ ค  าแสน")
    'นายวีระพงษ์ ค าแสน'
    """
    return _GAP_BEFORE_AA.sub(" ", text)


_THAI_CONSONANT = re.compile("[\u0e01-\u0e2e]")


def table_rules_to_gaps(text: str) -> str:
    """A `|` inside an OCR'd line is a scanned table rule, not text: make it a column gap.

    Lines that start with `|` are markdown tables (OCR exports write them) and keep their
    pipes: the layout step splits them into cells.

    >>> table_rules_to_gaps("๒.๒ |มีการวิเคราะห์ |นายธนากร ปัญญาวงศ์")
    '๒.๒    มีการวิเคราะห์    นายธนากร ปัญญาวงศ์'
    >>> table_rules_to_gaps("| ๑. แนวทาง | จำนวน ๑ ชุด |")
    '| ๑. แนวทาง | จำนวน ๑ ชุด |'
    """
    if "|" not in text or text.lstrip().startswith("|") or not _THAI_CONSONANT.search(text):
        return text
    return text.replace("|", "   ")


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


@functools.cache
def _tokenizer_trie():  # pythainlp's Trie
    from pythainlp.tokenize import Trie

    return Trie(thai_dictionary())


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
