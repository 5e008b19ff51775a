"""Block headers (physical / quality sections / special / results) and the counts they declare."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from extract.models import Group
from extract.textnorm import fold
from extract.thaichars import LETTERS_AND_MARKS_RANGE
from extract.thainum import count_phrases, squash

QUALITY_SECTIONS = {  # section number in the 2566/2567 standard
    "ด้านสถานที่": 1,
    "ด้านบริการ": 2,
    "ด้านบุคลากร": 3,
    "ด้านเทคโนโลยี": 4,
    "เงื่อนไขพิเศษ": 5,
}
_GROUP_WORDS = (
    ("ด้านกายภาพ", Group.PHYSICAL),
    ("ด้านผลลัพธ์", Group.RESULTS),
    ("ด้านคุณภาพ", Group.QUALITY),
    ("เกณฑ์คุณภาพ", Group.QUALITY),
    ("เชิงคุณภาพ", Group.QUALITY),
    ("เกณฑ์พื้นฐาน", Group.QUALITY),
    ("เกณฑ์ขั้นสูง", Group.QUALITY),
)
_LEVEL_WORDS = (("พื้นฐาน", "basic"), ("ขั้นสูง", "advanced"), ("ขั้นสง", "advanced"),
                ("เงื่อนไขพิเศษ", "special"))


@dataclass(frozen=True)
class Header:
    group: Group
    section: int | None  # quality section number when the header names one
    text: str


@dataclass(frozen=True)
class DeclaredCount:
    """A count the document states, e.g. `เกณฑ์ด้านกายภาพ จำนวน ๑๕ ข้อ`."""

    group: Group | None  # None: the document's total
    section: int | None
    level: str | None  # basic / advanced / special / None
    unit: str  # ข้อ, ข้อย่อย, หัวข้อ
    count: int
    page: int
    text: str


_FOLDED = {w: fold(w) for w in [*QUALITY_SECTIONS, *(w for w, _ in _GROUP_WORDS), "เกณฑ์"]}


def _misread_criteria_word(prefix: str) -> bool:
    """`โคณฑ์` for `เกณฑ์` just before a group name: half the letters are enough."""
    return len(prefix) >= 3 and fuzz.ratio(prefix[-4:], _FOLDED["เกณฑ์"]) >= 50


_BRACKETED = re.compile(r"\([^()]*\)")
# ข้อ(ที่), ด้านที่, หมวด(ที่), ส่วนที่ as `fold` writes them (digits are gone by then).
_SECTION_PREFIX = re.compile(r"^(?:ชอ(?:ท)?|ดานท|หมวด(?:ท)?|สวนท)")
# `ด้านชี ๒ ด้านบริการ`: ด้านที่ with its last letters damaged, before the section's digit
_DAMAGED_PREFIX = re.compile("^ด้?าน[" + LETTERS_AND_MARKS_RANGE + "]{1,3}(?=[๐-๙0-9])")
# `ด้านสถานที่ จำนวน ๔ ข้อ`: the count a section heading declares is no part of its name.
_COUNT_TAIL = re.compile(r"จำนวน[๐-๙0-9OolI]{1,3}(?:หัวข้อ|ข้อย่อย|ข้อ).{0,40}$")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def parse_header(text: str) -> Header | None:
    """A line that opens a block or a quality section; None for ordinary lines.

    Keywords are compared on `fold`ed text, so a stray OCR tone mark (`ก่ายภาพ`) or a confused
    consonant does not hide a header.
    """
    flat = _squash(text)
    if len(flat) > 220:
        return None
    key = fold(flat)
    if len(flat) < 60:
        # `ข้อ ๑ ด้านสถานที่`, `๕. เงื่อนไขพิเศษ (เพิ่มเติม) (๒ ข้อ)`, `ด้านที่ 1 ด้านสถานที่
        # (3 ข้อ)`: the name after a short numbering prefix; what brackets hold is a remark.
        bare = _DAMAGED_PREFIX.sub("", _COUNT_TAIL.sub("", _BRACKETED.sub("", flat)))
        short = _SECTION_PREFIX.sub("", fold(bare))
        for name, number in QUALITY_SECTIONS.items():
            pos = short.find(_FOLDED[name])
            if 0 <= pos <= 3 and len(short) - len(_FOLDED[name]) <= 4:
                group = Group.SPECIAL if number == 5 else Group.QUALITY
                return Header(group, number, text)
    has_criteria_word = _FOLDED["เกณฑ์"] in key
    for word, group in _GROUP_WORDS:
        # `โคณฑ์ด้านผลลัพธ์`: an OCR'd header may lose เกณฑ์ itself; a distinctive group name
        # at the start of a short line still opens the block.
        pos = key.find(_FOLDED[word])
        if pos >= 0 and (has_criteria_word or _misread_criteria_word(key[max(0, pos - 5):pos])):
            section = None
            if group is Group.QUALITY:
                for name, number in QUALITY_SECTIONS.items():
                    if _FOLDED[name] in key:
                        section = number
                        group = Group.SPECIAL if number == 5 else group
                        break
            return Header(group, section, text)
    if len(flat) < 60 and has_criteria_word:
        # `เกณทีด้านกภายภาพ (๑๓ ข้อ)`: a short line of เกณฑ์, a group name OCR damaged and a
        # declared count is the group's header still.
        counts = count_phrases(flat)
        named = _misread_group(flat[: counts[0].start]) if counts else None
        if named is not None:
            return Header(named, None, text)
    return None


# Words before a count that make it the document's total (`รวมทั้งสิ้น จำนวน ๕๖ ข้อ`).
_TOTAL_WORDS = ("รวมทั้งสิ้น", "ทั้งสิ้น", "รวม", "ทั้งหมด")
_JAMNUAN = fold("จำนวน")


# A group name OCR damaged (`ดต้านกายกภาพ` for ด้านกายภาพ) still names the group when it is this
# close (rapidfuzz partial ratio of the folded words) and no other group name comes as close.
GROUP_NAME_SCORE = 85.0
GROUP_NAME_MARGIN = 10.0
# The group name stands just before the count (`เกณฑ์ด้านกายภาพ จำนวน ๑๔ ข้อ`).
GROUP_NAME_REACH = 30


def _misread_group(before: str) -> Group | None:
    """The group a damaged group name just before a count names, if one clearly fits.

    >>> _misread_group("เกณฑ์ดต้านกายกภาพ จำนวน "), _misread_group("ต้านสถานที จำนวน ")
    (<Group.PHYSICAL: 'physical'>, None)
    """
    key = fold(before[-GROUP_NAME_REACH:])
    scored = sorted(((fuzz.partial_ratio(_FOLDED[w], key), g) for w, g in _GROUP_WORDS),
                    key=lambda s: -s[0])
    (top, group), runner_up = scored[0], next((s for s, g in scored if g is not scored[0][1]),
                                              0.0)
    if top >= GROUP_NAME_SCORE and top - runner_up >= GROUP_NAME_MARGIN:
        return group
    return None


def declared_counts(text: str, page: int, context: Header | None) -> list[DeclaredCount]:
    """Counts stated in a header line; the words before each number give its scope.

    A count is written in digits, in Thai number words, or both (`extract/thainum.py`); a count
    after `รวมทั้งสิ้น` with no group named is the document's total (group None).
    """
    found: list[DeclaredCount] = []
    flat = squash(text)
    for m in count_phrases(flat):
        before = flat[: m.start]
        # จำนวน folded: a text layer or a scan loses its SARA AM (`จานวน`).
        if context is None and _JAMNUAN not in fold(before[-12:]):
            continue
        group = context.group if context else None
        section = context.section if context else None
        # The nearest group/section word before the number wins: one line may declare two.
        best = -1
        for word, g in _GROUP_WORDS:
            pos = before.rfind(word)
            if pos > best:
                best, group = pos, g
        if best < 0 and group is None:
            group = _misread_group(before)
        for name, number in QUALITY_SECTIONS.items():
            pos = before.rfind(name)
            if pos >= 0 and pos >= best - 20:
                section = number
                if number == 5:
                    group = Group.SPECIAL
        level = None
        level_pos = -1
        for word, lv in _LEVEL_WORDS:
            pos = before.rfind(word)
            if pos > level_pos:
                level_pos, level = pos, lv
        if group is None and not any(w in before for w in _TOTAL_WORDS):
            continue
        found.append(DeclaredCount(group, section, level, m.unit, m.value, page, text.strip()))
    return found
