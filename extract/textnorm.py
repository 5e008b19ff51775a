"""A lossy matching key for Thai text that survives OCR and PDF text-layer damage.

Not a repair (see `thai_repair.py` for that): the key throws away exactly the information that
scans and broken text layers garble, so a damaged line and a clean catalog title fold to nearly
the same string. Applied to both sides of a comparison, in this order:

1. drop everything but Thai letters (digits, Latin junk, punctuation, spaces, PUA glyphs);
2. drop tone marks and above/below vowels (displaced, swapped or split by OCR and text layers),
   and SARA AM's nikhahit (so ``ดำ``, ``ด า`` and ``ดํา`` agree);
3. fold consonants OCR confuses with each other into one representative (ช/ซ/ข, น/บ, ด/ต, ...).
"""

from __future__ import annotations

import re

# Classes of consonants Tesseract confuses in seed scans (ประซาซน, หน่วยงาบ, ผู้รับผิดขอบ, ไต้ for
# ได้) or that differ only by spelling convention. Folding loses little: matching compares whole
# sentences against a catalog of a few dozen titles.
_CONFUSABLE = {
    "ช": "ขฃชซ",
    "น": "นบ",
    "ด": "ดตฎฏ",
    "พ": "พฟปผฝ",
    "ส": "สศษ",
    "ค": "คฅฆ",
    "ท": "ทธฑฒ",
    "ไ": "ใไ",
    "ภ": "ภถ",
}
_FOLD = str.maketrans({c: rep for rep, chars in _CONFUSABLE.items() for c in chars})

# Tone marks, above/below vowels, nikhahit, thanthakhat, maitaikhu, yamakkan, phinthu.
_MARKS_RE = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
_NOT_THAI_LETTER_RE = re.compile("[^\u0e01-\u0e2e\u0e30\u0e32\u0e40-\u0e45]")


def fold(text: str) -> str:
    """The matching key of `text`.

    >>> fold("ประซาซน") == fold("ประชาชน")
    True
    >>> fold("ด าเนินการ") == fold("ดำเนินการ") == fold("ดําเนินการ")
    True
    >>> fold("หลกัเกณฑม์าตรฐาน") == fold("หลักเกณฑ์มาตรฐาน")
    True
    """
    text = _MARKS_RE.sub("", text.replace("\u0e33", "\u0e32"))
    text = _NOT_THAI_LETTER_RE.sub("", text)
    return text.translate(_FOLD)
