"""Item numbers at the start of a line: Thai or Arabic digits, OCR look-alikes, level markers.

The parser only reads what is written; `sequence.py` decides what the number should be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

# Level markers a scan shows before quality numbers: ^ basic; ©/® (the circled "2" of the
# form, read as a copyright sign), (0), (๒) advanced.
_MARKER = r"(?:\^|©|®|\(0\)|\(๒\)|\(2\)|['’‘`\"*•]+)"
# Inside a number the OCR reads ๑ as © or ®.
_DIGIT = r"[๐-๙0-9©®]"
# A scanned table's left border read as a letter or bracket just before the number (`ไ๑๑`).
_BORDER = r"(?:[.|\[\]!Iil\u0e44\u0e42]{1,2}(?=[๐-๙0-9]))?"
_NUMBER = re.compile(
    rf"^\s*{_BORDER}(?P<marker>(?:{_MARKER}\s*)*)"
    rf"(?P<num>{_DIGIT}{{1,2}}(?:\s?\.\s?{_DIGIT}{{1,2}}){{0,3}})"
    r"(?P<dot>\s?\.)?(?=\s|$)"
)
# A number reduced to junk: a first token of digit look-alikes, brackets and dots, such as
# `133.(5)0.6)`, `(5).(5).เอ`, `1̂3.6) (5). 1อ`, followed by Thai text.
_JUNK = re.compile(
    r"^\s*(?P<junk>(?=[^\s]*[.)•■])[()\d.©®^\u0302&'•■\u0e00-\u0e7f!|/\\]{3,18}"
    r"(?:\s(?=\S*[().\d๐-๙©®])[()\d.©®^\u0302\u0e00-\u0e7f]{1,5}){0,3})(?:\s+(?=[\u0e01-\u0e2e\u0e40-\u0e44])|\s*$)"
)
_THAI_CONSONANT = re.compile("[\u0e01-\u0e2e]")
# OCR of a table row whose number came out as something else (`a` for ๗, `ต` for ๓, `oe`):
# a short token at the left margin, then a column gap (kept as 3+ spaces), then Thai text.
_ROW_START = re.compile(
    r"^\s*(?P<tok>[^\s]{1,3}(?:\s[^\s]{1,3})?)\s{3,}(?=[\u0e01-\u0e2e\u0e40-\u0e44(])"
)
_THAI_WORD = re.compile("[\u0e01-\u0e4e]{2,}")


@dataclass(frozen=True)
class WrittenNumber:
    """A number as it stands at the start of a line."""

    raw: str  # the characters taken, markers included
    parts: tuple[int, ...] | None  # None when the number is junk
    marker: str | None  # 'basic', 'advanced' or None
    rest: str  # the line after the number
    trailing_dot: bool = False  # `๕. เงื่อนไขพิเศษ`: a heading form
    row_start: bool = False  # junk at the left margin followed by a column gap: a table row

    @property
    def is_junk(self) -> bool:
        return self.parts is None


def to_arabic(text: str) -> str:
    """Thai digits to Arabic, for parsing only.

    >>> to_arabic("๒.๑๐")
    '2.10'
    """
    return text.translate(_TO_ARABIC)


def arabic_to_thai(text: str) -> str:
    """Arabic digits to Thai, for writing numbers the way official documents print them.

    >>> arabic_to_thai("2.10")
    '๒.๑๐'
    """
    return text.translate(_TO_THAI)


def _marker_kind(marker: str) -> str | None:
    if "^" in marker:
        return "basic"
    if any(m in marker for m in ("©", "®", "(0)", "(๒)", "(2)")):
        return "advanced"
    return None


def parse_number(line: str) -> WrittenNumber | None:
    """Read the item number that opens `line`, if any.

    >>> parse_number("©๒.๑๔ มีการแลกเปลี่ยน").parts
    (2, 14)
    >>> parse_number("๒.๕.® มีการจัดทำคู่มือ").parts
    (2, 5, 1)
    >>> parse_number("© ๒ .๑๐ กรณีเกิดข้อร้องเรียน").marker
    'advanced'
    """
    m = _NUMBER.match(line)
    if m:
        num = m.group("num")
        digits = to_arabic(num.replace("©", "1").replace("®", "1"))
        pieces = [p.strip() for p in digits.split(".")]
        # ©/® may only stand for ๑ inside a number, never as its first digit on its own:
        # `© ๒.๕` is a marker followed by 2.5, handled by the marker group above.
        if (
            all(p.isdigit() for p in pieces)
            and not num.startswith(("©", "®"))
            # Criteria numbers never hold a zero part: `๑๗.๐๐` is a time.
            and all(int(p) > 0 for p in pieces)
        ):
            rest = line[m.end() :].strip()
            if _THAI_CONSONANT.search(rest[:40]) or not rest:
                return WrittenNumber(
                    raw=line[: m.end()].strip(),
                    parts=tuple(int(p) for p in pieces),
                    marker=_marker_kind(m.group("marker")),
                    rest=rest,
                    trailing_dot=bool(m.group("dot")),
                )
    r = _ROW_START.match(line)
    if (
        r
        and re.search(r"\w", r.group("tok"))
        and not _THAI_WORD.fullmatch(r.group("tok").replace(" ", ""))
    ):
        return WrittenNumber(
            raw=r.group("tok"),
            parts=None,
            marker=None,
            rest=line[r.end() :].strip(),
            row_start=True,
        )
    j = _JUNK.match(line)
    if j and _looks_like_junk_number(j.group("junk")):
        return WrittenNumber(
            raw=j.group("junk").strip(), parts=None, marker=None, rest=line[j.end() :].strip()
        )
    return None


def _looks_like_junk_number(token: str) -> bool:
    """Mostly digit look-alikes and punctuation, with at least one separator."""
    if not any(sep in token for sep in ".)•■"):
        return False
    thai_letters = len(re.findall("[\u0e01-\u0e2e]", token))
    lookalikes = len(re.findall(r"[()\d.©®^\u0302๐-๙]", token))
    return lookalikes >= 3 and thai_letters <= max(2, lookalikes // 2)
