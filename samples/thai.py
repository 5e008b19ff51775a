"""Small Thai formatting helpers for the sample generator (digits, dates)."""

from __future__ import annotations

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)


def thai_digits(text: str | int) -> str:
    """Write Arabic digits as Thai digits.

    >>> thai_digits("2.15")
    '๒.๑๕'
    """
    return str(text).translate(_TO_THAI)


def thai_date(day: int, month: int, year_be: int, *, era_prefix: bool = False) -> str:
    """A date as official Thai documents write it, Buddhist era, Thai digits.

    >>> thai_date(15, 1, 2567, era_prefix=True)
    '๑๕ มกราคม พ.ศ. ๒๕๖๗'
    """
    era = "พ.ศ. " if era_prefix else ""
    return f"{thai_digits(day)} {THAI_MONTHS[month - 1]} {era}{thai_digits(year_be)}"
