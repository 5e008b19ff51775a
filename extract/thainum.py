"""Counts as documents write them: digits (Thai or Arabic), Thai number words, or both.

    จำนวน ๑๕ ข้อ · จำนวนสิบห้า (15) ข้อ · จำนวน ๑๔ (สิบสี่) ข้อ · ๑๓ ข้อ (สิบสามข้อ) · (๔ ข้อ)

Where a count is written both ways the words win: the Thai model reads letters far better than
it reads Thai digits (๔ ๖ ๗ ๘ ๙ it cannot write at all; ocr/numbers/README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pythainlp.util import thaiword_to_num

from extract.thaichars import MARK_RANGE

_DIGIT_VALUE = {**{c: i for i, c in enumerate("๐๑๒๓๔๕๖๗๘๙")},
                **{c: i for i, c in enumerate("0123456789")}}
# Number words, longest first so that the regex prefers สิบ over a shorter overlap.
_WORDS = ("ศูนย์", "หนึ่ง", "เอ็ด", "สอง", "ยี่", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า",
          "สิบ", "ร้อย", "พัน")
_WORD = "(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + ")"
_NUM = rf"(?:[๐-๙0-9]{{1,3}}|{_WORD}{{1,6}})"
UNITS = ("หัวข้อ", "ข้อย่อย", "ข้อ")
# Units are matched without their marks (`ขูอ` for ข้อ: a text layer's font or the OCR garbles
# a mark far more often than a consonant).
_M = f"[{MARK_RANGE}]*"
_UNIT = rf"(?:ห{_M}ว{_M}ข{_M}อ|ข{_M}อย{_M}อย|ข{_M}อ)"
# On text without spaces: a number, optionally the other writing of it in brackets (read only
# if it is one: a garbled one is skipped), the unit,
# optionally the unit's words again in brackets (`๑๓ ข้อ (สิบสามข้อ)`). `ข้อละ` is a rate.
COUNT = re.compile(
    rf"(?P<a>{_NUM})(?:\((?P<b>[^()]{{1,24}})\))?(?P<unit>{_UNIT})(?!ละ)"
    rf"(?:\((?P<c>{_NUM}){_UNIT}?\))?"
)


def _unit(written: str) -> str:
    bare = re.sub(_M, "", written)
    return {"หวขอ": "หัวข้อ", "ขอยอย": "ข้อย่อย"}.get(bare, "ข้อ")


@dataclass(frozen=True)
class CountPhrase:
    value: int
    unit: str
    start: int  # in the squashed text
    end: int
    as_written: str


def squash(text: str) -> str:
    """Text without spaces, SARA AM written as one character (OCR writes NIKHAHIT + SARA AA)."""
    return re.sub(r"\s+", "", text).replace("\u0e4d\u0e32", "\u0e33")


def number_value(token: str) -> int | None:
    """The value of digits or of Thai number words; None when it is neither."""
    if token and all(c in _DIGIT_VALUE for c in token):
        value = 0
        for c in token:
            value = value * 10 + _DIGIT_VALUE[c]
        return value
    try:
        return int(thaiword_to_num(token))
    except (ValueError, TypeError, KeyError):
        return None


def _is_words(token: str | None) -> bool:
    return bool(token) and not any(c in _DIGIT_VALUE for c in token or "")


def count_phrases(flat: str) -> list[CountPhrase]:
    """Every count in squashed text (`squash`), each once however many ways it is written."""
    out = []
    for m in COUNT.finditer(flat):
        tokens = [t for t in (m.group("a"), m.group("b"), m.group("c")) if t]
        values = [(t, v) for t in tokens if (v := number_value(t)) is not None]
        if not values:
            continue
        words = [v for t, v in values if _is_words(t)]
        value = words[0] if words else values[0][1]
        out.append(CountPhrase(value, _unit(m.group("unit")), m.start(), m.end(), m.group(0)))
    return out
