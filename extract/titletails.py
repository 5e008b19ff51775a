"""The tail of นางสาว read into the given name: ``นางลาวเนตรดาว`` is นางสาว เนตรดาว.

A scan or a fax breaks the three letters after นาง (``สาา``, ``ลาว``, ``สลาว``, ``ศาว``,
``ดาว``), the title pattern then stops at นาง, and the given name starts with the damaged
tail: one person becomes two (นางสาว เนตรดาว and นาง ลาวเนตรดาว). What tells such a tail from a
given name that really starts with those letters (นางดาวเรือง) is evidence outside the
spelling itself:

- the document names the rest of the word as someone's given name, with a family name near
  the one here (the other sightings of the same person); or
- the rest of the word is a listed given name and the whole word is not.

Only then is the mention re-read as นางสาว and the rest of the word.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from extract.namedistance import (
    CONSONANTS,
    LEADING_VOWELS,
    NameLexicon,
    _field_close,
    clean_name,
    name_lexicon,
    ocr_distance,
)

if TYPE_CHECKING:
    from extract.officers import NameMention

log = logging.getLogger(__name__)

_TAIL = "สาว"  # what นางสาว has after นาง
# A damaged tail is at most this long and this many edits from สาว (a letter doubled, lost or
# read as a look-alike, a speck letter added): with the document's evidence, and without it.
_MAX_TAIL = 4
_MAX_EDITS_SEEN = 2
_MAX_EDITS_LISTED = 1
_MIN_REST = 3  # letters left for the given name


def _tail_splits(given: str) -> list[tuple[str, int]]:
    """(rest of the word, edits of its tail from สาว) for every way ``given`` may open with a
    damaged สาว, the longest tail first."""
    out = []
    for k in range(min(_MAX_TAIL, len(given) - _MIN_REST), 1, -1):
        tail, rest = given[:k], given[k:]
        if rest[0] not in CONSONANTS and rest[0] not in LEADING_VOWELS:
            continue  # the cut must not leave a mark or a vowel opening the name
        edits = Levenshtein.distance(tail, _TAIL)
        if edits <= _MAX_EDITS_SEEN:
            out.append((rest, edits))
    return out


def _one_hard_edit(a: str, b: str) -> bool:
    """Two given names of five letters or more one hard edit apart (พนมมาต, พนมมาศ): with a
    near family name as well, one person."""
    if min(len(a), len(b)) < 5:
        return False
    return min(ocr_distance(a, b)[1], ocr_distance(b, a)[1]) <= 1


def _seen_elsewhere(rest: str, family: str, others: Sequence[tuple[str, str]],
                    loose: bool = False) -> bool:
    """Is ``rest family`` near another sighting's given and family name (``loose``: the
    given names one hard edit apart)?"""
    for given, other_family in others:
        if not _field_close(rest, given)[0] and not (loose and _one_hard_edit(rest, given)):
            continue
        if not family or not other_family or _field_close(family, other_family)[0]:
            return True
    return False


def _confirmed_rest(splits: list[tuple[str, int]], family: str,
                    others: Sequence[tuple[str, str]], lexicon: NameLexicon) -> str | None:
    """The given name after the tail that the best evidence confirms: seen elsewhere, then
    listed (a tail one edit off สาว), then seen elsewhere one hard edit off."""
    for rest, _ in splits:
        if _seen_elsewhere(rest, family, others):
            return rest
    for rest, edits in splits:
        if edits <= _MAX_EDITS_LISTED and rest in lexicon.given:
            return rest
    for rest, _ in splits:
        if _seen_elsewhere(rest, family, others, loose=True):
            return rest
    return None


def detach_title_tails(
    mentions: Sequence[NameMention], lexicon: NameLexicon | None = None
) -> list[NameMention]:
    """The mentions with every นาง + damaged สาว + given name re-read as นางสาว + given name.

    >>> from extract.officers import find_names
    >>> seen = find_names("นางสาวเนตรดาว ไผ่ขาว นางลาวเนตรดาว ไผ่ขาว")
    >>> [(m.title, m.given) for m in detach_title_tails(seen)]
    [('นางสาว', 'เนตรดาว'), ('นางสาว', 'เนตรดาว')]
    >>> [(m.title, m.given) for m in detach_title_tails(find_names("นางดาวเรือง ใจดี"))]
    [('นาง', 'ดาวเรือง')]
    """
    lexicon = lexicon or name_lexicon()
    names = [(clean_name(m.given), clean_name(m.family)) for m in mentions]
    out = list(mentions)
    for i, m in enumerate(mentions):
        given, family = names[i]
        if m.title != "นาง" or given in lexicon.given:
            continue
        others = [n for j, n in enumerate(names) if j != i and n[0] != given]
        if (
            family
            and len(given) <= _MAX_TAIL
            and Levenshtein.distance(given, _TAIL) <= _MAX_EDITS_LISTED
            and (family in lexicon.given or _seen_elsewhere(family, "", others))
        ):
            # `นางสาา ณกานตคา`: the tail alone, a space before the given name; the family
            # name is on another line or lost
            out[i] = replace(m, title="นางสาว", given=family, family="")
            continue
        # The strictest evidence first, over every cut (`นางสาานยารรณ`: สาา + นยารรณ, seen
        # elsewhere, before สาาน + ยารรณ, one hard edit off); then the fewest edits to สาว.
        chosen = _confirmed_rest(sorted(_tail_splits(given), key=lambda s: s[1]), family,
                                 others, lexicon)
        if chosen is not None:
            log.debug("title tail: %s read as นางสาว %s", m.as_written, chosen)
            out[i] = replace(m, title="นางสาว", given=chosen)
    return out
