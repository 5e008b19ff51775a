"""Small text helpers: digits, title cutting, Thai number words, a seeded generator."""

from __future__ import annotations

import zlib

import numpy as np

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
# Where a long requirement may be cut: the clause before these words states the requirement,
# what follows is examples, conditions or the evidence list.
_CUT_WORDS = (" เช่น", " ดังนี้", " โดย", " ซึ่ง", " ทั้งนี้", " ได้แก่", " ตลอดจน", " อาทิ",
              " ตามที่", " รวมทั้ง", " รวมถึง", " (")


def rng_for(*parts: object) -> np.random.Generator:
    """A generator seeded from its parts (stable across processes, unlike hash()).

    >>> int(rng_for("ruled", 3).integers(1000)) == int(rng_for("ruled", 3).integers(1000))
    True
    """
    return np.random.default_rng(zlib.crc32(":".join(map(str, parts)).encode()))


def digits(text: str | int, thai: bool) -> str:
    """Write every digit of `text` Thai or Arabic.

    >>> digits("2.15", True), digits("๑๒/๒๕๖๗", False)
    ('๒.๑๕', '12/2567')
    """
    text = str(text)
    return text.translate(_TO_THAI) if thai else text.translate(_TO_ARABIC)


def short_title(title: str, limit: int = 90) -> str:
    """A long requirement cut to its first clause, so a document stays a few pages long.

    >>> short_title("มีห้องน้ำที่สะอาด และถูกสุขลักษณะ")
    'มีห้องน้ำที่สะอาด และถูกสุขลักษณะ'
    >>> short_title("มีการจัดทำคู่มือการปฏิบัติงานสำหรับเจ้าหน้าที่ที่ครอบคลุม ถูกต้อง และทันสมัย "
    ...             "โดยมีการระบุขั้นตอน ระยะเวลา และค่าธรรมเนียมของงานบริการแต่ละประเภทไว้อย่างชัดเจน")
    'มีการจัดทำคู่มือการปฏิบัติงานสำหรับเจ้าหน้าที่ที่ครอบคลุม ถูกต้อง และทันสมัย'
    """
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cuts = [title.find(word, 25) for word in _CUT_WORDS]
    cuts = [c for c in cuts if 25 <= c <= limit]
    if cuts:
        return title[:min(cuts)].rstrip(" ,:")
    space = title.rfind(" ", 25, limit)
    if space < 0:  # no clause boundary before the limit: cut at the next one, never in a word
        space = title.find(" ", limit)
    return title[:space] if space > 0 else title


_UNITS = ("", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")


def thai_words(n: int) -> str:
    """A count below 1000 in Thai words, as letters write it.

    >>> thai_words(15), thai_words(21), thai_words(51), thai_words(100), thai_words(3)
    ('สิบห้า', 'ยี่สิบเอ็ด', 'ห้าสิบเอ็ด', 'หนึ่งร้อย', 'สาม')
    """
    if not 0 < n < 1000:
        raise ValueError(n)
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = f"{_UNITS[hundreds]}ร้อย" if hundreds else ""
    if tens:
        out += {1: "", 2: "ยี่"}.get(tens, _UNITS[tens]) + "สิบ"
    if units:
        out += "เอ็ด" if units == 1 and (tens or hundreds) else _UNITS[units]
    return out


def thai_date(day: int, month: int, year_be: int, thai: bool = True, era: bool = True) -> str:
    """
    >>> thai_date(5, 12, 2566), thai_date(5, 12, 2566, thai=False, era=False)
    ('๕ ธันวาคม พ.ศ. ๒๕๖๖', '5 ธันวาคม 2566')
    """
    prefix = "พ.ศ. " if era else ""
    return digits(f"{day} {THAI_MONTHS[month - 1]} {prefix}{year_be}", thai)


def choice(rng: np.random.Generator, options: tuple | list):
    """One element of a sequence (numpy's choice would turn tuples into arrays)."""
    return options[int(rng.integers(len(options)))]


def join_names(names: list[str], style: str) -> str:
    """Names joined as a clerk writes them in a sentence.

    >>> join_names(["ก", "ข", "ค"], "comma"), join_names(["ก", "ข", "ค"], "and")
    ('ก, ข, ค', 'ก, ข และ ค')
    >>> join_names(["ก", "ข"], "space-and")
    'ก และ ข'
    """
    if len(names) == 1:
        return names[0]
    if style == "comma":
        return ", ".join(names)
    if style == "space-and":
        return " ".join(names[:-1]) + " และ " + names[-1]
    return ", ".join(names[:-1]) + " และ " + names[-1]
