"""Thai and Arabic digits: the one translation both ways.

A leaf module (no project imports), so that the OCR stage can use it without the numbering
grammar becoming part of the page cache's code fingerprint (pipeline/ledger.py).
"""

from __future__ import annotations

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)


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
