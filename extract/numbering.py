"""Item numbers at the start of a line: a small grammar, and a profile for damaged scans.

Clean grammar (every document): `ข้อ N`, `ข้อที่ N`, `N`, `N.`, `N)`, `(N)`, `N.M`, `N.M)`,
in Thai or Arabic digits (mixed within one document). What is *not* an item number is told
apart by what surrounds it: a date (`๑๓ พฤศจิกายน`, `13/11/2566`), a time (`๘.๓๐ น.`,
`๑๗.๐๐`), a phone number (a leading zero, digits joined by `-`), a page number (a bare number
alone on its line, `๒/๕`), an order reference (`๒๓/๒๕๖๖`), an amount (`๒ คะแนน`).

The damaged-scan profile adds what OCR makes of numbers: level markers read as `^`/`©`/`®`,
`๑` read as `©` inside a number, a table border read as a letter before it (`ไ๑๑`), numbers
reduced to junk (`133.(5)0.6)`) and junk at the left margin of a table row. Those readings
would turn ordinary clean text into false items, so they apply only to a document that shows
OCR damage (`detect_profile`).

The parser only reads what is written; `sequence.py` decides what the number should be.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from extract import thaichars as tc
from extract.digits import to_arabic


class Profile(StrEnum):
    CLEAN = "clean"  # born-digital text, or a scan that OCR read without damage
    DAMAGED = "damaged"  # OCR of a bad scan: look-alikes, markers, junk numbers


class Style(StrEnum):
    """How an item number is written (the same list keeps one style; a sub-list another)."""

    KHOR = "khor"  # ข้อ N, ข้อที่ N
    BARE = "bare"  # N, N.M
    DOT = "dot"  # N.
    PAREN = "paren"  # N), N.M)
    BRACKET = "bracket"  # (N)
    DAMAGED = "damaged"  # read through the damaged-scan profile


# --- the clean grammar ---------------------------------------------------------------------------

_D = "[๐-๙0-9]"
# Where a Thai word begins: a consonant or a lead vowel.
_WORD_START = tc.CONSONANT_RANGE + tc.LEAD_VOWELS
# The marks of ที่ as OCR may read them: a vowel above (not MAI HAN-AKAT) and a tone mark.
_THI_MARKS = tc.ABOVE_VOWELS[1:] + tc.TONES
_CLEAN = re.compile(
    r"^\s*(?P<khor>ข\s?[" + tc.MARK_RANGE + r"]{1,2}\s?อ"
    r"(?:\s?(?:ท[" + _THI_MARKS + r"]{1,2}))?\s*\.?\s*)?"
    r"(?P<open>\(\s?)?"
    rf"(?P<num>{_D}{{1,2}}(?:\s?\.\s?{_D}{{1,2}}){{0,3}})"
    r"(?P<close>\s?\))?"
    r"(?P<dot>\s?\.)?"
    # `ข้อ๑มีการ…`: after ข้อ the number is sure, the text may be glued to it
    r"(?P<end>\s|$|(?<=[.)])(?=[" + _WORD_START + "])"
    r"|(?(khor)(?=[" + _WORD_START + "])|(?!)))"
)
THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
_MONTH_ABBREVIATIONS = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.",
    "ธ.ค.",
)
# Words that make the number before them a quantity, a time or a date, never an item.
_UNITS = (
    "น.", "นาฬิกา", "นาที", "ชั่วโมง", "ชม.", "วัน", "สัปดาห์", "เดือน", "ปี", "พ.ศ", "ค.ศ",
    "บาท", "ล้าน", "พัน", "หมื่น", "แสน", "คน", "ราย", "ครั้ง", "แห่ง", "หน่วย", "คะแนน",
    "ข้อ", "หน้า", "แผ่น", "ฉบับ", "เครื่อง", "ชุด", "เล่ม", "ร้อยละ", "เปอร์เซ็นต์", "%",
)
_UNIT_TAILS = ("ที่", "ทำการ", "ละ", "ขึ้นไป")
_TIME_OR_RANGE = re.compile(r"^[-–—~]|^ถึง\s*[๐-๙0-9]")
_THAI_CONSONANT = re.compile(f"[{tc.CONSONANT_RANGE}]")
# Thai letters and marks (a word goes on after a unit word when the next character is one).
_LETTER_OR_MARK = re.compile(f"[{tc.LETTERS_AND_MARKS_RANGE}]")


@dataclass(frozen=True)
class WrittenNumber:
    """A number as it stands at the start of a line."""

    raw: str  # the characters taken, markers included
    parts: tuple[int, ...] | None  # None when the number is junk
    marker: str | None  # 'basic', 'advanced' or None
    rest: str  # the line after the number
    trailing_dot: bool = False  # `๕. เงื่อนไขพิเศษ`: a heading form
    row_start: bool = False  # junk at the left margin followed by a column gap: a table row
    style: Style = Style.BARE

    @property
    def is_junk(self) -> bool:
        return self.parts is None


def _starts_with_word(rest: str, words: Iterable[str]) -> bool:
    """`rest` opens with one of `words` as a whole word (what follows is no Thai letter)."""
    for word in words:
        if rest.startswith(word) and not (word == "น." and rest[2:3] == "ส"):  # not น.ส.
            tail = rest[len(word) :]
            after = tail[:1]
            if word[-1] == "." or not after or not _LETTER_OR_MARK.match(after):
                return True
            if tail.startswith(_UNIT_TAILS):
                return True  # `๒ ปีที่ผ่านมา`, `๓ วันทำการ`, `ข้อละ`
    return False


def is_not_an_item(pieces: list[str], rest: str, bare: bool) -> bool:
    """A number with this text after it is a date, time, phone, quantity or reference."""
    if any(int(p) > 40 for p in pieces[1:]):
        return True  # `๒.๕๒`: no section has that many items (a sub-item that lost a dot)
    if any(len(p) > 1 and p[0] == "0" for p in pieces) or any(int(p) == 0 for p in pieces):
        return True  # `๑๗.๐๐`, `๐๘ ...`: times and phone numbers; criteria never hold a 0
    if rest.startswith("/") or _TIME_OR_RANGE.match(rest):
        return True  # `๒๓ / ๒๕๖๖` (an order), `๒ / ๕` (a page), `๙.๐๐ - ๑๒.๐๐`, `๑-๓`
    if rest.startswith(THAI_MONTHS) or rest.startswith(_MONTH_ABBREVIATIONS):
        return True
    if bare and _starts_with_word(rest, _UNITS):
        return True
    if len(pieces) == 2 and len(pieces[1]) == 2 and rest.startswith(("น", "นาฬิกา")):
        return True  # `๘.๓๐น.`
    return False


def parse_clean(line: str) -> WrittenNumber | None:
    """The clean grammar only.

    >>> parse_clean("ข้อที่ ๒.๑ มีการสำรวจ").parts, parse_clean("(๓) มีป้าย").style
    ((2, 1), <Style.BRACKET: 'bracket'>)
    """
    m = _CLEAN.match(line)
    if not m:
        return None
    if bool(m.group("open")) and not m.group("close"):
        return None
    if m.group("open") and m.group("khor"):
        return None
    num = m.group("num")
    pieces = [p.strip() for p in to_arabic(num).split(".")]
    rest = line[m.end() :].strip()
    khor = bool(m.group("khor"))
    bare = not (khor or m.group("close"))
    if is_not_an_item(pieces, rest, bare):
        return None
    if int(pieces[0]) > 40 and not khor:
        return None  # no group has that many items: a quantity
    if rest and not _THAI_CONSONANT.search(rest[:40]):
        return None
    if khor:
        style = Style.KHOR
    elif m.group("open"):
        style = Style.BRACKET
    elif m.group("close"):
        style = Style.PAREN
    elif m.group("dot"):
        style = Style.DOT
    else:
        style = Style.BARE
    return WrittenNumber(
        raw=line[: m.end()].strip(),
        parts=tuple(int(p) for p in pieces),
        marker=None,
        rest=rest,
        trailing_dot=bool(m.group("dot")),
        style=style,
    )


# --- the damaged-scan profile --------------------------------------------------------------------

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
    r"^\s*(?P<junk>(?=[^\s]*[.)•■])[()\d.©®^\u0302&'•■" + tc.THAI_BLOCK_RANGE + r"!|/\\]{3,18}"
    r"(?:\s(?=\S*[().\d๐-๙©®])[()\d.©®^\u0302" + tc.THAI_BLOCK_RANGE + r"]{1,5}){0,3})"
    r"(?:\s+(?=[" + _WORD_START + r"])|\s*$)"
)
# OCR of a table row whose number came out as something else (`a` for ๗, `ต` for ๓, `oe`):
# a short token at the left margin, then a column gap (kept as 3+ spaces), then Thai text.
_ROW_START = re.compile(
    r"^\s*(?P<tok>[^\s]{1,3}(?:\s[^\s]{1,3})?)\s{3,}(?=[" + _WORD_START + "(])"
)
_THAI_WORD = re.compile(f"[{tc.LETTERS_AND_MARKS_RANGE}]{{2,}}")


def _marker_kind(marker: str) -> str | None:
    if "^" in marker:
        return "basic"
    if any(m in marker for m in ("©", "®", "(0)", "(๒)", "(2)")):
        return "advanced"
    return None


def parse_damaged(line: str) -> WrittenNumber | None:
    """What a damaged scan's OCR makes of an item number (markers, look-alikes, junk).

    >>> parse_damaged("©๒.๑๔ มีการแลกเปลี่ยน").parts
    (2, 14)
    >>> parse_damaged("๒.๕.® มีการจัดทำคู่มือ").parts
    (2, 5, 1)
    >>> parse_damaged("© ๒ .๑๐ กรณีเกิดข้อร้องเรียน").marker
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
            if (_THAI_CONSONANT.search(rest[:40]) or not rest) and not is_not_an_item(
                pieces, rest, True
            ):
                return WrittenNumber(
                    raw=line[: m.end()].strip(),
                    parts=tuple(int(p) for p in pieces),
                    marker=_marker_kind(m.group("marker")),
                    rest=rest,
                    trailing_dot=bool(m.group("dot")),
                    style=Style.DAMAGED,
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
            style=Style.DAMAGED,
        )
    j = _JUNK.match(line)
    if j and _looks_like_junk_number(j.group("junk")):
        return WrittenNumber(
            raw=j.group("junk").strip(),
            parts=None,
            marker=None,
            rest=line[j.end() :].strip(),
            style=Style.DAMAGED,
        )
    return None


def _looks_like_junk_number(token: str) -> bool:
    """Mostly digit look-alikes and punctuation, with at least one separator."""
    if not any(sep in token for sep in ".)•■"):
        return False
    thai_letters = len(_THAI_CONSONANT.findall(token))
    lookalikes = len(re.findall(r"[()\d.©®^\u0302๐-๙]", token))
    return lookalikes >= 3 and thai_letters <= max(2, lookalikes // 2)


_SPLIT_FIRST_PART = re.compile(
    r"^\s*(?P<a>[๐-๙0-9])\s(?P<b>[๐-๙0-9](?:\.[๐-๙0-9]{1,2})+\.?)\s+(?P<rest>\S.*)$"
)
_MARGIN_SPECKS = re.compile(r"^[\s:;.,'’‘\"“”|_\-–=+]+(?=\S)")
# One to three short tokens at the margin before a number: digits and specks, Latin letters
# (OCR reads margin noise as `Lv`, `cS`), a border read as letters (`ไไ`).
_MARGIN_DIGITS = re.compile(
    r"^\s*(?:(?:[0-9๐-๙!|.,:;'’\"“”_\-–=+]|[A-Za-z]{1,3}|[ไโ]{2})\s+){1,3}(?=\(?[0-9๐-๙])"
)
_COMMA_DOT = re.compile(r"^(\s*[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2})+),(?=\s)")
_DELIMITED = (Style.PAREN, Style.BRACKET, Style.DOT, Style.KHOR)
_LOST_DOT = re.compile(
    r"^\s*(?:[.,:;'\"]\s*)?(?P<num>[1-5๑-๕][0-9๐-๙]{1,2})\s?\)\s+(?=[" + _WORD_START + "])"
)
# `๒.๑๓๕)` for ๒.๑๙), `(219)` for (2.11): no section has a hundred items, and the digits
# Tesseract cannot write (๔ ๖ ๗ ๘ ๙) come out as others. The number is unreadable, the row an
# item all the same (the sequence gives its id).
_GARBLED_PART = re.compile(
    r"^\s*(?:[0-9๐-๙]{1,2}\s?\.\s?[0-9๐-๙]{3}\s?[.)]?|[|!]?\s*\([0-9๐-๙]{3}\))"
    r"\s+(?=[" + _WORD_START + "])"
)
_SPACE_FOR_DOT = re.compile(
    r"^\s*(?P<a>[1-9๑-๙][0-9๐-๙]?) (?P<b>[1-9๑-๙][0-9๐-๙]?)\s+(?=[" + _WORD_START + "])"
)
_ONE_LOOKALIKE = re.compile(r"^\s*[!lI|](?=\s?\.\s?[0-9๐-๙])")


def parse_number(line: str, profile: Profile = Profile.CLEAN) -> WrittenNumber | None:
    """Read the item number that opens `line`, if any.

    The clean grammar first; with the damaged profile, OCR readings too. On a damaged scan a
    bracketed digit before another number is a level marker (`(๒) ๔.๒ ...` is advanced 4.2).

    >>> parse_number("ข้อ ๑ มีการให้บริการนอกเวลาราชการ").parts
    (1,)
    >>> parse_number("©๒.๑๔ มีการแลกเปลี่ยน") is None
    True
    >>> parse_number("©๒.๑๔ มีการแลกเปลี่ยน", Profile.DAMAGED).parts
    (2, 14)
    """
    clean = parse_clean(line)
    if profile is Profile.CLEAN:
        return clean
    if (split := _SPLIT_FIRST_PART.match(line)) and _THAI_CONSONANT.match(split.group("rest")):
        # `1 7.1. มีการ…`: OCR put a space inside the first part of a dotted number
        joined = parse_clean(split.group("a") + split.group("b") + " " + split.group("rest"))
        if joined is not None:
            return replace(joined, raw=line[: split.start("rest")].strip(), style=Style.DAMAGED)
    marker_first = clean is not None and (
        clean.style is Style.BRACKET and parse_damaged(clean.rest) is not None
    )
    if clean is not None and clean.style is not Style.BARE and not marker_first:
        return clean
    if (specks := _MARGIN_DIGITS.match(line)) is not None:
        # `7 6) ยนาด…`, `0 10) มีห้องน้ำ…`, `5 1.1, มีการ…`: specks at the margin read as digits
        # before a number written with its delimiter or its dot; that number is the item's
        tail = _COMMA_DOT.sub(r"\1.", line[specks.end() :], count=1)  # `1.1,` for `1.1.`
        after = parse_clean(tail)
        if after is not None and (after.style in _DELIMITED or len(after.parts or ()) >= 2):
            return replace(after, raw=line[: specks.end()].strip() + " " + after.raw,
                           style=Style.DAMAGED)
    if (spaced := _SPACE_FOR_DOT.match(line)) is not None:
        # `1 1 มีการสำรวจ`, `21 1 มีแผน…`: the scan read the dot of 1.1 as a space
        joined = parse_clean(f"{spaced.group('a')}.{spaced.group('b')} {line[spaced.end():]}")
        if joined is not None and joined.parts and len(joined.parts) == 2:
            return replace(joined, raw=line[: spaced.end()].strip(), style=Style.DAMAGED)
    if clean is not None and not marker_first:
        return clean
    if (garbled := _GARBLED_PART.match(line)) is not None:
        return WrittenNumber(raw=garbled.group().strip(), parts=None, marker=None,
                             rest=line[garbled.end() :].strip(), row_start=True,
                             style=Style.DAMAGED)
    if (lost := _LOST_DOT.match(line)) is not None:
        # `213)` for `2.13)`: the scan lost the dot; the walk reads it inside its section
        digits = lost.group("num")
        return WrittenNumber(raw=digits + ")", parts=(int(to_arabic(digits)),), marker=None,
                             rest=line[lost.end() :].strip(), style=Style.DAMAGED)
    if (one := _ONE_LOOKALIKE.match(line)) is not None:
        # `!.1)` for `1.1)`: a 1 read as ! or l before the dot of a dotted number
        fixed = parse_clean("1" + line[one.end() :])
        if fixed is not None and fixed.parts and len(fixed.parts) >= 2:
            return replace(fixed, raw=line[: one.end()] + fixed.raw[1:], style=Style.DAMAGED)
    damaged = parse_damaged(line)
    if damaged is None and (speck := _MARGIN_SPECKS.match(line)):
        # `: ข้อ ๑ …`, `- ๓. …`: OCR specks at the margin before a clean number
        damaged = parse_clean(line[speck.end() :])
    return damaged


# OCR damage a document shows: a Thai word with Latin letters or copyright signs inside it
# (`(6(^61'กโฑ6ท1`), or a level marker read as ^ © ®.
_MIXED_TOKEN = re.compile(
    r"\S*[" + tc.CONSONANT_RANGE + r"]\S*[A-Za-z©®^]|\S*[A-Za-z©®^]\S*[" + tc.CONSONANT_RANGE + "]"
)
# Lines with damage before a document is read with the damaged profile.
DAMAGED_MIN_LINES = 2


def detect_profile(lines: Iterable[str]) -> Profile:
    """DAMAGED when the text shows OCR damage, else CLEAN.

    Counted: lines that only the damaged profile reads as numbered, and lines holding a token
    where Thai letters and Latin letters or ©/®/^ are mixed (a born-digital text never has
    those; an OCR'd bad scan always does).
    """
    damaged = 0
    for text in lines:
        if (parse_clean(text) is None and parse_damaged(text) is not None) or _MIXED_TOKEN.search(
            text
        ):
            damaged += 1
            if damaged >= DAMAGED_MIN_LINES:
                return Profile.DAMAGED
    return Profile.CLEAN
