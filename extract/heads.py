"""Join the clusters of one person that complete linkage left apart (extract/names.py).

Complete linkage keeps a cluster only while every spelling in it is near every other one. On a
copy or a fax one person is read a dozen ways, and two damaged spellings of the same person are
often farther apart than either is from the true one (``เลนงนารถ`` and ``เสลนานารถก`` for
เสนานารถ), so the person ends up as two clusters, each seen several times. What tells them
apart from two people is how near their *heads* (the spelling each cluster holds most often)
are, measured with the OCR-aware distance: look-alike consonants (ด/ค, บ/ป, ถ/ภ, ข/ช), a mark
lost or added, cost little; two people's names differ by many hard edits.

A name read without its family name (the scan lost it) joins the one person whose given name
it is clearly nearest to.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from extract.namedistance import CONFUSABLE, NameLexicon, ocr_distance
from extract.thaichars import UNMARK

if TYPE_CHECKING:
    from extract.persons import _Form

log = logging.getLogger(__name__)

# Two heads are one person when their whole names are this near, OCR cost per letter, with
# at most one hard edit (one hard edit and a mark in a name of 11 letters is 0.12; two
# people's names are 0.4 apart and more).
HEAD_MAX_COST = 0.15
HEAD_MAX_HARD = 1
# A given name without its family name: cost per letter to the nearest person's given name,
# and how much nearer than the next person it must be.
GIVEN_ONLY_MAX_COST = 0.2
GIVEN_ONLY_MARGIN = 0.1


def _cost(a: str, b: str) -> float:
    """OCR cost per letter between two spellings, in the likelier direction."""
    if a == b:
        return 0.0
    return min(ocr_distance(a, b)[0], ocr_distance(b, a)[0]) / max(len(a), len(b), 1)


def _two_real_names(x: str, y: str, known: Callable[[str], bool]) -> bool:
    return x != y and known(x) and known(y)


def heads_are_one(a: _Form, b: _Form, lexicon: NameLexicon) -> bool:
    """Are the heads ``a`` and ``b`` of two clusters spellings of one person's name?

    Two real names (both in the name lists) stay two people, as in the linkage.
    """
    if a.gender and b.gender and a.gender != b.gender:
        return False
    if not a.family or not b.family:
        return False  # the given-only rule below decides those
    if _two_real_names(a.given, b.given, lambda x: x in lexicon.given):
        return False
    if _two_real_names(a.family, b.family, lambda x: x in lexicon.family):
        return False
    x, y = a.given + a.family, b.given + b.family
    hard = min(ocr_distance(x, y)[1], ocr_distance(y, x)[1])
    return hard <= HEAD_MAX_HARD and _cost(x, y) <= HEAD_MAX_COST


def merge_near_heads(
    forms: list[_Form], clusters: dict[int, list[int]], lexicon: NameLexicon
) -> None:
    """Merge clusters whose heads are one person, the nearest pairs first (in place)."""

    def head(key: int) -> _Form:
        return max((forms[i] for i in clusters[key]), key=lambda f: f.count)

    while True:
        best: tuple[float, int, int] | None = None
        keys = sorted(clusters)
        for n, x in enumerate(keys):
            hx = head(x)
            for y in keys[n + 1 :]:
                hy = head(y)
                if not heads_are_one(hx, hy, lexicon):
                    continue
                cost = _cost(hx.given + hx.family, hy.given + hy.family)
                if best is None or cost < best[0]:
                    best = (cost, x, y)
        if best is None:
            return
        _, x, y = best
        big, small = (x, y) if _total(forms, clusters[x]) >= _total(forms, clusters[y]) else (y, x)
        log.debug("one person: %s <- %s", _label(head(big)), _label(head(small)))
        clusters[big].extend(clusters.pop(small))


# A spelling seen this often at most, whose given and family name together are a person's
# given name, is that given name split in two by the name lists (`กนกนาภู` as กนก + นาภู).
SPLIT_GIVEN_MAX_COUNT = 2


def join_given_only(forms: list[_Form], clusters: dict[int, list[int]]) -> None:
    """A cluster of names read without a family name joins the one person (with a family
    name) whose given name it is clearly nearest to (in place). So does a rare spelling whose
    two halves together are that given name."""
    for key in sorted(clusters):
        if key not in clusters:
            continue
        group = [forms[i] for i in clusters[key]]
        lone = max(group, key=lambda f: f.count)
        if any(f.family for f in group) and not (
            (len(group) == 1 and lone.count <= SPLIT_GIVEN_MAX_COUNT)
            or _split_given(lone, clusters, forms, key)
        ):
            continue
        whole = lone.given + lone.family
        near: list[tuple[float, int]] = []
        for other, members in clusters.items():
            if other == key:
                continue
            with_family = [forms[i] for i in members if forms[i].family]
            if not with_family:
                continue
            person = max(with_family, key=lambda f: f.count)
            if lone.gender and person.gender and lone.gender != person.gender:
                continue
            near.append((min(_cost(whole, f.given) for f in with_family), other))
        near.sort()
        if not near or near[0][0] > GIVEN_ONLY_MAX_COST:
            continue
        if lone.family and near[0][0] > _cost(whole, _whole(max(
            (forms[i] for i in clusters[near[0][1]]), key=lambda f: f.count
        ))):
            continue  # nearer to the person's whole name: the linkage's case, not this one
        second = near[1][0] if len(near) > 1 else math.inf
        if second - near[0][0] < GIVEN_ONLY_MARGIN:
            continue
        log.debug("given name only: %s joins cluster %d", lone.given, near[0][1])
        clusters[near[0][1]].extend(clusters.pop(key))


# A family name cut where a cell wrapped keeps at least this many letters (marks aside).
CUT_FAMILY_MIN = 2
CUT_GIVEN_MAX_COST = 0.5  # the given names of the two: equal but for a mark or a look-alike


CUT_FAMILY_END_MIN = 3  # letters of the end of a family name whose start a wrap took away


def is_cut_of(short: str, whole: str) -> bool:
    """Is ``short`` the start of ``whole`` that a line break left (``ประสาท`` of ประสาทไทย), or
    its end when the start went to the line above (``นาม`` of เปนนาม), marks a scan added
    aside?"""
    a, b = short.translate(UNMARK), whole.translate(UNMARK)
    if len(b) <= len(a):
        return False
    return (len(a) >= CUT_FAMILY_MIN and b.startswith(a)) or (
        len(a) >= CUT_FAMILY_END_MIN and b.endswith(a)
    )


def join_cut_families(forms: list[_Form], clusters: dict[int, list[int]]) -> None:
    """A person whose family name a wrapped cell cut short (``อฤเดช ประสาท`` / ``ไทย``, the
    rest lost or read as the next line's) joins the one person with that given name whose
    family name it starts (in place). However often the cut is seen: the same given name
    and the start of the same family name in one document are one person."""
    for key in sorted(clusters):
        if key not in clusters:
            continue
        cuts = [forms[i] for i in clusters[key] if forms[i].family]
        targets = []
        for other, members in clusters.items():
            if other == key or not cuts:
                continue
            # against every spelling of the person: the head may spell the family name
            # with another look-alike than the cut one (ไผ่ of ไฝขาว beside ไผ่ขาว)
            if any(_cut_beside(cut, forms[i]) for cut in cuts for i in members):
                targets.append(other)
        if len(targets) == 1:
            log.debug("family name cut: %s joins %d", _label(cuts[0]), targets[0])
            clusters[targets[0]].extend(clusters.pop(key))


def _cut_beside(cut: _Form, head: _Form) -> bool:
    """Is ``cut`` ``head``'s name with the family name cut where a cell wrapped?"""
    if cut.gender and head.gender and cut.gender != head.gender:
        return False
    if not is_cut_of(cut.family, head.family):
        return False
    return min(ocr_distance(cut.given, head.given)[0],
               ocr_distance(head.given, cut.given)[0]) <= CUT_GIVEN_MAX_COST


def _split_given(lone: _Form, clusters: dict[int, list[int]], forms: list[_Form],
                 key: int) -> bool:
    """Is ``lone`` (given and family) exactly another person's given name cut in two
    (``แพรว พลอย`` of แพรวพลอย ไชยสน), however often the cut is seen? A line break inside the
    given name, read the same way in every row of a column."""
    whole = (lone.given + lone.family).translate(UNMARK)
    return any(
        forms[i].family and forms[i].given.translate(UNMARK) == whole
        for other, members in clusters.items() if other != key for i in members
    )


def join_family_only(forms: list[_Form], clusters: dict[int, list[int]]) -> None:
    """A rare sighting whose given and family name together are exactly one person's family
    name (``นาย ถนอมธรรม`` split by the name lists as ถนอม + ธรรม, the given name ธราธร
    lost) joins that person (in place)."""
    for key in sorted(clusters):
        if key not in clusters or _total(forms, clusters[key]) > SPLIT_GIVEN_MAX_COUNT:
            continue
        lone = max((forms[i] for i in clusters[key]), key=lambda f: f.count)
        if not lone.family:
            continue
        whole = (lone.given + lone.family).translate(UNMARK)
        targets = {
            other for other, members in clusters.items() if other != key
            for i in members if forms[i].family.translate(UNMARK) == whole
            and not (lone.gender and forms[i].gender and lone.gender != forms[i].gender)
        }
        if len(targets) == 1:
            clusters[targets.pop()].extend(clusters.pop(key))


def _whole(form: _Form) -> str:
    return form.given + form.family


def _total(forms: list[_Form], group: list[int]) -> int:
    return sum(forms[i].count for i in group)


def _label(form: _Form) -> str:
    return f"{form.given} {form.family}".strip()


def join_lookalike_twins(forms: list[_Form], clusters: dict[int, list[int]]) -> None:
    """Two spellings of one family name whose given names differ in one letter only, the two
    letters look-alikes (ธนภร / ธนกร, วรนาฎ / วรนาฏ), are one person: a font or a scan read
    that letter the other way in some rows. Both may be listed names, which is why the
    linkage kept them apart; two real people of one family are not named one look-alike
    apart. The rarer joins the more frequent (in place)."""
    def twins(a: _Form, b: _Form) -> bool:
        if not a.family or a.family != b.family or len(a.family) < 2:
            return False
        if a.gender and b.gender and a.gender != b.gender:
            return False
        if len(a.given) != len(b.given) or len(a.given) < 3:
            return False
        diff = [(x, y) for x, y in zip(a.given, b.given, strict=True) if x != y]
        return len(diff) == 1 and _look_alike(*diff[0])

    for key in sorted(clusters, key=lambda k: _total(forms, clusters[k])):
        if key not in clusters:
            continue
        targets = {
            other for other, members in clusters.items()
            if other != key and _total(forms, members) >= _total(forms, clusters[key])
            and any(twins(forms[i], forms[j]) for i in clusters[key] for j in members)
        }
        if len(targets) == 1:
            clusters[targets.pop()].extend(clusters.pop(key))


def _look_alike(a: str, b: str) -> bool:
    """Letters OCR confuses, directly or through a third (ภ and ก both look like ถ)."""
    near_a = CONFUSABLE.get(a, frozenset())
    return b in near_a or bool(near_a & CONFUSABLE.get(b, frozenset()))
