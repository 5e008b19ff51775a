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
from functools import lru_cache

from extract.thaichars import FOLD_CLASSES, LINE_LETTER_RANGE, MARK_RANGE, SARA_AA, SARA_AM

# Classes of consonants Tesseract confuses in seed scans (ประซาซน, หน่วยงาบ, ผู้รับผิดขอบ, ไต้ for
# ได้) or that differ only by spelling convention. Folding loses little: matching compares whole
# sentences against a catalog of a few dozen titles.
_FOLD = str.maketrans({c: rep for rep, chars in FOLD_CLASSES.items() for c in chars})

# Tone marks, above/below vowels, nikhahit, thanthakhat, maitaikhu, yamakkan, phinthu.
_MARKS_RE = re.compile(f"[{MARK_RANGE}]")
_NOT_THAI_LETTER_RE = re.compile(f"[^{LINE_LETTER_RANGE}]")


# Memoised (pure): catalog titles and the lines matched against them are folded again and again.
@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The matching key of `text`.

    >>> fold("ประซาซน") == fold("ประชาชน")
    True
    >>> fold("ด าเนินการ") == fold("ดำเนินการ") == fold("ดําเนินการ")
    True
    >>> fold("หลกัเกณฑม์าตรฐาน") == fold("หลักเกณฑ์มาตรฐาน")
    True
    """
    text = _MARKS_RE.sub("", text.replace(SARA_AM, SARA_AA))
    text = _NOT_THAI_LETTER_RE.sub("", text)
    return text.translate(_FOLD)
