"""Whether a scanned page's reading of an item number is certain enough to blame the clerk.

On a scan whose numbers the number model re-read (`ocr/numbers/`), every re-read word carries
both models' readings: the Thai model's (`Word.original`) and the number model's
(`Word.reading`). Where the two disagree and one of them read exactly the number the sequence
expects, the number printed is most likely the expected one and the other model misread it:
that is an OCR uncertainty, not a clerk's slip. Where both read the same number, or neither
read the expected one, the reading stands and a numbering finding is the clerk's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.digits import to_arabic
from ocr.layout import Word

_NUMBER_CHARS = re.compile(r"[๐-๙0-9.]")


def number_of(text: str) -> str:
    """The digits and dots of a written number, without the ends' dots.

    >>> number_of("ข้อที่ ๒.๑๓"), number_of("(๑๘"), number_of("๕.")
    ('๒.๑๓', '๑๘', '๕')
    """
    return "".join(_NUMBER_CHARS.findall(text)).strip(".")


def models_disagree_on(written: str, expected: str, words: Iterable[Word]) -> bool:
    """Whether a word of the page that reads `written` was read as `expected` by one model and
    otherwise by the other.

    >>> w = Word("๑๕", (0, 0, 10, 10), 90.0, original="๑๕", reading="๑๔")
    >>> models_disagree_on("ข้อ ๑๕", "๑๔", [w]), models_disagree_on("ข้อ ๑๕", "๑๖", [w])
    (True, False)
    >>> both = Word("๑๕", (0, 0, 10, 10), 90.0, original="๑๕", reading="๑๕")
    >>> models_disagree_on("๑๕", "๑๔", [both])
    False
    """
    def value(text: str) -> str:  # Thai and Arabic digits alike
        return to_arabic(number_of(text))

    read, want = value(written), value(expected)
    if not read or not want or read == want:
        return False
    for w in words:
        if not w.reading or value(w.text) != read:
            continue
        seen = {value(w.original), value(w.reading)}
        if want in seen and len(seen) > 1:
            return True
    return False
