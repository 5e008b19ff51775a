"""Titles a scan damaged beyond the look-alike letters: a dot lost or read as a mark
(``น สกชพร``, ``น.สุกชพร``, ``ดร ปราช``), a letter read as another (``นางสาากชพร``,
``หางสาวกชพร``, ``หส.กชพร``, ``ว่าหี่ร้อยตรี``), a letter read twice (``ดตร.``).

A word's opening letters are compared with each short title by an OCR-weighted edit distance
(``extract.namedistance``: look-alike letters and marks cheap, other letters dear, a title's
dots cheaper still). Only a close reading is taken, and only where a given name from the name
lists follows it with a family name after: the damaged letters alone are ordinary words (บาง,
ตาม), a listed given name glued to them with a family name after is a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extract.namedistance import CONFUSABLE, LOOKALIKE_COST, ocr_distance
from extract.names import NameLexicon

_PUNCT = " .,'’"
_PUNCT_COST = 0.3  # a title's dot lost, added or read as a comma or a space
_SPECK_COST = 0.5


@dataclass(frozen=True)
class _Title:
    written: str  # the standard form
    letters: str  # its letters without dots
    dots: int
    limit: float  # the largest cost of a reading taken for it
    spaced: bool  # may OCR spaces stand inside it (in place of its dots)?
    sure: float = 2.0  # above this cost, only before a listed family name


# The titles lists use most: the short ones and the acting ranks (other ranks keep their
# mark-tolerant patterns). The limit grows with the title's letters: a three-letter title
# takes a look-alike letter or a mark, another letter (ผางวาสนา) only before a listed family
# name (ราย, ตาม are words); the acting ranks take two damaged letters.
_SHORT_TITLES = (
    _Title("นางสาว", "นางสาว", 0, 1.4, False),
    _Title("นาง", "นาง", 0, 1.0, False, sure=0.6),
    _Title("นาย", "นาย", 0, 1.0, False, sure=0.6),
    _Title("นางสาว", "นส", 2, 1.3, True),  # น.ส.
    _Title("ดร.", "ดร", 1, 0.7, False),  # (a dot the line scanner took for a speck)
    # `ว่าหี่ร้อยตรี`, `วาที่รูอมตรี`
    _Title("ว่าที่ร้อยตรี", "ว่าที่ร้อยตรี", 0, 2.0, True),
    _Title("ว่าที่ร้อยโท", "ว่าที่ร้อยโท", 0, 2.0, True),
    _Title("ว่าที่ร้อยเอก", "ว่าที่ร้อยเอก", 0, 2.0, True),
    _Title("ว่าที่ร้อยตรี", "ว่าที่รต", 2, 1.3, True),  # ว่าที่ ร.ต.
)
_FIRSTS = frozenset("นดว").union(*(CONFUSABLE.get(c, frozenset()) for c in "นดว"))
_SECONDS = frozenset("าร.,ส ่")
_WIDEST = max(len(t.letters) + t.dots for t in _SHORT_TITLES) + 2
_WORD_START = re.compile(r"(?:^|(?<=[\s:;,(/]))[ก-ฮ]")


def title_cost(seen: str, title: _Title) -> float:
    """OCR cost of reading ``title`` as ``seen`` (dots and spaces cheap).

    >>> t = _SHORT_TITLES[3]
    >>> round(title_cost("น ส", t), 2), round(title_cost("น.สุ", t), 2)
    (0.6, 0.65)
    """
    letters = "".join(c for c in seen if c not in _PUNCT and not c.isdigit())
    dots = sum(c in ".," for c in seen)
    specks = sum(c.isdigit() for c in seen)  # a speck read as a digit (`ร3.ต.`)
    spaces = seen.count(" ")
    if spaces and not title.spaced:
        return float("inf")
    # A letter read twice, as itself and as a look-alike (`ดตร.` for ดร.): one cheap edit.
    doubled = [k for k in range(1, len(letters))
               if letters[k] in CONFUSABLE.get(letters[k - 1], ())]
    if len(doubled) == 1:
        k = doubled[0]
        cost = min(ocr_distance(letters, title.letters)[0],
                   LOOKALIKE_COST + ocr_distance(letters[:k] + letters[k + 1 :], title.letters)[0])
    else:
        cost = ocr_distance(letters, title.letters)[0]
    if specks and not title.dots:
        return float("inf")
    return cost + _PUNCT_COST * (abs(title.dots - dots) + max(0, spaces - max(title.dots, 1))) \
        + _SPECK_COST * specks


@dataclass(frozen=True)
class DamagedTitle:
    """A damaged title found at ``start`` of the text, its reading ending at ``end``."""

    start: int
    end: int  # end of the title as written
    title: str
    cost: float


Parse = Callable[[str, int, int], "tuple[str, str, str, int] | None"]


def damaged_titles(
    text: str,
    lexicon: NameLexicon,
    parse: Parse,
    given_follows: Callable[[str, int], bool],
    trailing_given: bool = False,
) -> list[tuple[DamagedTitle, tuple[str, str, str, int]]]:
    """Each word start of ``text`` that reads as a damaged short title before a listed given
    name and a family name, with the parse (title as written, given, family, end).

    ``parse(text, start, title_end)`` is the name grammar's reading after a title;
    ``given_follows(text, pos)``: does a listed given name open at ``pos`` (spaces aside)?
    With ``trailing_given`` a title and given name ending the text need no family name (it is
    on the next line).
    """
    found = []
    for m in _WORD_START.finditer(text):
        start = m.start()
        if text[start] not in _FIRSTS and text[start + 1 : start + 2] not in _SECONDS:
            continue  # neither of a title's first two letters as it or a look-alike
        # Where a listed given name could follow: the cheap test, before any distance.
        ends = [e for e in range(start + 1, min(start + _WIDEST, len(text)) + 1)
                if given_follows(text, e)]
        if not ends:
            continue
        best: tuple[float, int, DamagedTitle, tuple[str, str, str, int]] | None = None
        for title in _SHORT_TITLES:
            width = len(title.letters) + title.dots
            for end in ends:
                if not max(1, width - 2) <= end - start < width + 3:
                    continue
                seen = text[start:end]
                if seen[-1] == " " or seen.strip() != seen:
                    continue
                cost = title_cost(seen, title)
                if cost > title.limit or cost == 0:
                    continue
                parsed = parse(text, start, end)
                if parsed is None or parsed[1] not in lexicon.given:
                    continue
                if not parsed[2] and not (trailing_given and not text[parsed[3]:].strip(" ,")):
                    continue  # no family name, and none to come on the next line
                if cost > title.sure and parsed[2] not in lexicon.family:
                    continue  # a letter unlike the title's: only before a listed family name
                key = (cost, -len(title.letters))
                if best is None or key < best[:2]:
                    best = (cost, -len(title.letters), DamagedTitle(start, end, title.written,
                                                                    cost), parsed)
        if best is not None:
            found.append((best[2], best[3]))
    return found
