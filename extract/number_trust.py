"""Whether a scanned page's reading of an item number is certain enough to blame the clerk.

On a scan whose numbers the number model re-read (`ocr/numbers/`), every re-read word carries
both models' readings: the Thai model's (`Word.original`) and the number model's
(`Word.reading`). Where the two disagree and one of them read exactly the number the sequence
expects, the number printed is most likely the expected one and the other model misread it:
that is an OCR uncertainty, not a clerk's slip. Where both read the same number, or neither
read the expected one, the reading stands and a numbering finding is the clerk's.

A reading is certain only where both models read the same number (`confirmed`) and the number
model held no alternative that spells the number expected (`choices_allow`): both models may
misread a digit alike (๔ as ๕ on a fax), and then the number model's own second choice is the
evidence. A number the number model did not confirm (it read junk, or was never asked) is as
uncertain as on a page the Thai model alone read: there the Thai model's known misreadings
decide (`validate.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import product

from extract.digits import to_arabic
from ocr.layout import Word
from ocr.numbers.confusion import COMMA_POINT

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
    read, want = value(written), value(expected)
    if not read or not want or read == want:
        return False
    for w in words_reading(read, words):
        seen = {value(w.original), value(w.reading)}
        if want in seen and len(seen) > 1:
            return True
    return False


def confirmed(written: str, words: Iterable[Word], occurrence: int = 0) -> bool:
    """Whether the word of the page that reads `written` was read as that number by both models.

    A page may print a number twice, once rightly and once as the Thai model misread another
    (`๒.๕` for ๒.๘): the `occurrence`-th item with that number on the page is the
    `occurrence`-th word reading it, in the page's order (any word when there are fewer).

    >>> agree = Word("๑๕", (0, 0, 10, 10), 90.0, original="๑๕", reading="๑๕")
    >>> junk = Word("๒.๕", (0, 0, 10, 10), 90.0, original="๒.๕", reading="-")
    >>> confirmed("๑๕", [agree]), confirmed("๒.๕", [junk]), confirmed("๒.๕", [])
    (True, False, False)
    >>> confirmed("๒.๖", [Word("๒.๖", (0, 0, 9, 9), 90.0, original="๒.๖", reading="๒,๖")])
    True
    >>> confirmed("๒.๕", [agree, junk]), confirmed("๒.๕", [Word("๒.๕", (0, 0, 9, 9), 90.0,
    ...     original="๒.๕", reading="๒.๕"), junk], occurrence=1)
    (False, False)
    """
    read = value(written)
    found = words_reading(read, words)
    if occurrence < len(found):
        found = [found[occurrence]]
    return bool(read) and any(value(w.original) == read == value(w.reading) for w in found)


def confirmed_where_wrong(written: str, expected: str, words: Iterable[Word],
                          occurrence: int = 0) -> bool:
    """Whether both models read, as written, every character where `written` differs from
    `expected` (the number due), though they may differ elsewhere.

    The Thai model misreads a digit the number model reads right (๔ as ๕): `๕.๕` against the
    number model's `๔.๕` says nothing about the last digit, which both read ๕. A clerk who
    wrote ๔.๕ where ๔.๔ is due is then certain, as a number both models read alike is
    (`confirmed`). Numbers of other lengths are judged whole.

    >>> w = Word("๔.๕", (0, 0, 9, 9), 90.0, original="๕.๕", reading="๔.๕")
    >>> confirmed_where_wrong("ข้อ ๔.๕", "๔.๔", [w]), confirmed_where_wrong("๔.๕", "๕.๕", [w])
    (True, False)
    >>> confirmed_where_wrong("๔.๕", "๔.๔", [Word("๔.๕", (0, 0, 9, 9), 90.0, original="๕๕",
    ...                                           reading="๔.๕")])
    False
    """
    if confirmed(written, words, occurrence):
        return True
    read, want = value(written), value(expected)
    found = words_reading(read, words)
    if occurrence < len(found):
        found = [found[occurrence]]
    if not read or len(read) != len(want):
        return False
    wrong = [i for i, (r, e) in enumerate(zip(read, want, strict=True)) if r != e]
    for w in found:
        both = value(w.original), value(w.reading)
        if wrong and all(len(b) == len(read) for b in both) and all(
                b[i] == read[i] for b in both for i in wrong):
            return True
    return False


def choices_allow(written: str, expected: str, words: Iterable[Word], occurrence: int = 0
                  ) -> bool:
    """Whether the number model, reading the word of the page that reads `written`, held the
    digits of `expected` among its own alternatives (`Word.choices`, `ocr/numbers/choices.py`).

    Both models may misread a digit alike (a fax's ๔ read ๕ by both): agreement then proves
    nothing, but the number model's second choice at that place is the digit the sequence
    expects, so the reading is uncertain. The `occurrence`-th item with a number on the page is
    the `occurrence`-th word reading it, as in `confirmed`.

    >>> w = Word("๕", (0, 0, 10, 10), 90.0, original="๕", reading="๕", choices="๕๔")
    >>> choices_allow("ข้อ ๕", "๔", [w]), choices_allow("๕", "๖", [w])
    (True, False)
    >>> two = Word("๑๒.๓", (0, 0, 9, 9), 90.0, original="๑๒.๓", reading="๑๒.๓",
    ...            choices="๑|๒|.|๓๑๐")
    >>> choices_allow("๑๒.๓", "๑๒.๑", [two]), choices_allow("๑๒.๓", "๑๓.๑", [two])
    (True, False)
    """
    read, want = value(written), value(expected)
    if not read or not want or read == want:
        return False
    found = words_reading(read, words)
    if occurrence < len(found):
        found = [found[occurrence]]
    return any(want in spelled(w.choices) for w in found if w.choices)


# At most this many spellings are tried from one word's alternatives (a word has one or two
# uncertain characters; a long junk reading could have thousands).
MAX_SPELLINGS = 4096


def spelled(choices: str) -> set[str]:
    """The numbers (`value`s) the alternatives of a reading can spell, one alternative a
    character.

    >>> sorted(spelled("๑|.|๕๔"))
    ['1.4', '1.5']
    """
    groups = [g for g in choices.split("|") if g]
    total = 1
    for g in groups:
        total *= len(g)
    if not groups or total > MAX_SPELLINGS:
        return set()
    return {value("".join(p)) for p in product(*groups)}


def value(text: str) -> str:
    """The number a reading holds, Thai and Arabic digits alike.

    >>> value("ข้อ ๒,๖"), value("(12")
    ('2.6', '12')
    """
    return to_arabic(number_of(COMMA_POINT.sub(".", text)))


def words_reading(number: str, words: Iterable[Word]) -> list[Word]:
    """The re-read words whose page text holds `number` (a `value`)."""
    return [w for w in words if w.reading and value(w.text) == number]
