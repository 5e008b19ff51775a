"""Character rules for glyph damage, mostly from PDF text layers: each a small pure function.

A PDF's text layer spells Thai the way its font draws it, not the way it is written: zero-width
characters and odd spaces, glyph variants in the Private Use Area, a mark after the space or
punctuation that follows its letter (``ศนูย ์Hotline``), a mark after the vowel letter instead
of before it (``อยา่ง``), marks stacked in the wrong order (``ท่ี``), SARA AM as NIKHAHIT plus
SARA AA (``นํ้า``), a mark written twice. These need no dictionary; `extract.thai_repair`
applies them in its documented order. Marks displaced past the next consonant
(``หลกัเกณฑม์``) do need one: `extract.repair.options` offers the moves, the decoder picks.
"""

from __future__ import annotations

import re

from extract.thaichars import (
    CONSONANTS,
    FOLLOW_VOWELS,
    LEAD_VOWELS,
    MARKS,
    NIKHAHIT,
    SARA_AA,
    SARA_AM,
    TONE_MARK_SET,
    TONE_MARKS,
    TONES,
    WORD_RANGE,
)

#: Written by :func:`attach_orphan_marks` where it moved a space behind a mark: a word
#: boundary that is only a guess. `extract.repair.spans.repair_words` removes it where a
#: dictionary word spans it and writes a plain space elsewhere.
WEAK_GAP = "\u200b"

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


_ORPHAN = re.compile(f"(?<=[{WORD_RANGE}])( +)([{MARKS}{SARA_AM}]+)(.?)")
_THAI_LETTER = re.compile(f"[{WORD_RANGE}]")
_MARK_AFTER_PUNCT = re.compile(f"(?<=[{WORD_RANGE}])([)\\]}}\"'”’,.:;!?/-])([{MARKS}]+)")


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
    return 1 if mark in TONE_MARK_SET else 0


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


_GAP_BEFORE_AA = re.compile(f"(?<=[{CONSONANTS}{TONES}]) {{2,}}(?={SARA_AA})")


def narrow_gap_before_sara_aa(text: str) -> str:
    """A run of spaces before SARA AA is one lost glyph's gap: make it a single space.

    SARA AA never starts a word, so the run is what a PDF leaves where SARA AM's NIKHAHIT was
    (`ค  าแสน`); a single space is the form the SARA AM decoder below knows.

    >>> narrow_gap_before_sara_aa("นายวีระพงษ์ ค  าแสน")
    'นายวีระพงษ์ ค าแสน'
    """
    return _GAP_BEFORE_AA.sub(" ", text)
