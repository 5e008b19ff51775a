"""One person, one name: the mentions of a document grouped into officers.

``cluster_officers`` — complete linkage over distinct spellings: a cluster only grows when every
member is close to every other member, so two people cannot be chained through a third; then the
clusters one person left apart are joined (``extract.heads``), and rare damaged sightings join
the person they are clearly nearest to. Each officer is named by its canonical spelling.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extract.heads import is_cut_of, join_cut_families, join_lookalike_twins
from extract.namedistance import (
    _SKELETON,
    NameKind,
    NameLexicon,
    _field_close,
    _pair_distance,
    clean_name,
    name_lexicon,
    ocr_distance,
)
from extract.spelling import _NO_MARKS, canonical_spelling, listed_look_alike
from extract.titletails import detach_title_tails

if TYPE_CHECKING:
    from extract.officers import NameMention

log = logging.getLogger(__name__)

_FEMALE_TITLES = {"นาง", "นางสาว", "พญ.", "ว่าที่ร้อยตรีหญิง"}


def _gender(title: str) -> str | None:
    if title == "นาย" or title == "นพ.":
        return "m"
    if title in _FEMALE_TITLES or title.endswith("หญิง"):
        return "f"
    return None


@dataclass(frozen=True)
class Officer:
    """One person seen in one or more documents."""

    key: str  # stable id within the batch: the canonical name (suffixed when two people share it)
    title: str  # normalised title, majority over the mentions
    name: str  # canonical "given family"
    variants: tuple[str, ...]  # every spelling seen, as written, most frequent first
    position: str = ""  # the position written after the name, most often seen ('' if none)

    @property
    def given(self) -> str:
        return self.name.split(" ", 1)[0]

    @property
    def family(self) -> str:
        return self.name.split(" ", 1)[1] if " " in self.name else ""


@dataclass
class _Form:
    """One distinct (given, family) spelling with everything seen under it."""

    given: str
    family: str
    count: int = 0
    titles: Counter[str] | None = None
    written: Counter[str] | None = None
    positions: Counter[str] | None = None

    @property
    def gender(self) -> str | None:
        genders: Counter[str] = Counter()
        for title, count in (self.titles or {}).items():
            gender = _gender(title)
            if gender:
                genders[gender] += count
        return genders.most_common(1)[0][0] if genders else None


def _forms(mentions: Iterable[NameMention]) -> dict[tuple[str, str], _Form]:
    forms: dict[tuple[str, str], _Form] = {}
    for m in mentions:
        key = (clean_name(m.given), clean_name(m.family))
        if not key[0]:
            continue
        form = forms.setdefault(key, _Form(key[0], key[1], 0, Counter(), Counter(), Counter()))
        form.count += 1
        if m.title:  # a name written without its title says nothing about the title
            form.titles[m.title] += 1  # type: ignore[index]
        if getattr(m, "position", ""):
            form.positions[m.position] += 1  # type: ignore[index]
        form.written[m.as_written] += 1  # type: ignore[index]
    return forms


def _compatible(a: _Form, b: _Form, lexicon: NameLexicon) -> float | None:
    if a.gender and b.gender and a.gender != b.gender:
        return None
    if not a.family or not b.family:
        # A name read without the space between given and family: compare it whole.
        x, y = a.given + a.family, b.given + b.family
        ok, cost, _ = _field_close(x, y)
        return cost / max(len(x), len(y)) if ok else None
    return _pair_distance((a.given, a.family), (b.given, b.family), lexicon)


def cluster_officers(
    mentions: Sequence[NameMention], lexicon: NameLexicon | None = None, damaged: bool = False
) -> tuple[list[Officer], dict[str, str]]:
    """Group mentions into people and name each person once.

    ``damaged``: the document's text shows OCR damage (a bad scan, a fax): a spelling seen once
    or twice joins the one person seen often whose name it is clearly nearest to.

    Returns the officers (most mentioned first) and a map from every mention's ``as_written``,
    its cleaned "given family" and its ``name`` to the officer's key.
    """
    lexicon = lexicon or name_lexicon()
    forms = list(_forms(detach_title_tails(mentions, lexicon)).values())
    forms.sort(key=lambda f: (-f.count, f.given, f.family))
    dist = _close_pairs(forms, lexicon)

    # Complete linkage: merge the closest pair of clusters whose members are all pairwise close.
    # Only pairs of forms that are close at all can join, so the scan runs over those.
    owner = list(range(len(forms)))
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(forms))}
    while True:
        links: dict[tuple[int, int], list[float]] = {}
        for (i, j), d in dist.items():
            x, y = sorted((owner[i], owner[j]))
            if x != y:
                links.setdefault((x, y), []).append(d)
        complete = [
            (sum(ds) / len(ds), x, y)
            for (x, y), ds in links.items()
            if len(ds) == len(clusters[x]) * len(clusters[y])
        ]
        if not complete:
            break
        _, x, y = min(complete)
        for i in clusters[y]:
            owner[i] = x
        clusters[x].extend(clusters.pop(y))

    if damaged:
        from extract.heads import join_family_only, join_given_only, merge_near_heads

        merge_near_heads(forms, clusters, lexicon)
    _absorb_stray_sightings(forms, clusters)
    join_lookalike_twins(forms, clusters)
    join_cut_families(forms, clusters)
    if damaged:
        # after the full names have joined: a given name alone then has one person to join
        join_given_only(forms, clusters)
        join_family_only(forms, clusters)
        _absorb_damaged_sightings(forms, clusters)
    officers: list[Officer] = []
    mapping: dict[str, str] = {}
    used_keys: set[str] = set()
    groups = sorted(clusters.values(), key=lambda g: -sum(forms[i].count for i in g))
    for group in groups:
        members = [forms[i] for i in group]
        officer = _make_officer(members, lexicon, used_keys)
        used_keys.add(officer.key)
        officers.append(officer)
        for form in members:
            mapping[f"{form.given} {form.family}".strip()] = officer.key
            for written in form.written or ():
                mapping[written] = officer.key
        log.debug("officer %s <- %s", officer.name, officer.variants)
    # Also map each mention's name as the mention reports it (uncleaned), for callers' lookups.
    for m in mentions:
        key = mapping.get(m.as_written)
        if key is not None:
            mapping.setdefault(m.name, key)
    return officers, mapping


# A person seen often absorbs one or two damaged sightings close to their name.
DOMINANT_MIN_COUNT = 3
STRAY_MAX_COUNT = 2
STRAY_GIVEN_MAX_COST = 0.5  # one mark dropped or added (อรุณี read as อรุณ)
STRAY_FAMILY_MAX_COST = 2.0  # a few look-alike letters (สิทธิวงศ์ read as สทจัวงศี)
# Seen more often, a spelling joins a person seen this many times as often only when it is a
# close copy (a mark or two, or the family name cut where a narrow cell wrapped it).
DOMINATED_RATIO = 3
DOMINATED_FAMILY_MAX_COST = 0.5
DOMINATED_NEAR_RATIO = 4  # this many times as often: as near as a stray sighting is enough
STRAY_FULL_MAX_COST = 2.0  # the whole name, for a wrong given/family split (นายเอกชยศร์สุข)
# A family name that ran on into the next words at a wrap: this many letters more than the
# head's, whose start is the head's family name but for one look-alike letter.
RUN_ON_MIN = 3
RUN_ON_START_MAX_COST = 1.0


def _absorb_stray_sightings(forms: list[_Form], clusters: dict[int, list[int]]) -> None:
    """Merge rare spellings into the one frequent person they are near copies of.

    The linkage above refuses to merge two spellings that are both real names (อรุณ, อรุณี).
    That protects two real people, but one or two sightings beside a person seen several
    times as often, with a damaged family name as well, are far likelier the same person: the
    evidence is asymmetric. Siblings (same given name, family names a few letters apart) stay
    apart by the costs.
    """

    def total(group: list[int]) -> int:
        return sum(forms[i].count for i in group)

    def near(stray: _Form, head: _Form) -> bool:
        if stray.gender and head.gender and stray.gender != head.gender:
            return False
        if (
            ocr_distance(stray.given, head.given)[0] <= STRAY_GIVEN_MAX_COST
            and ocr_distance(stray.family, head.family)[0] <= STRAY_FAMILY_MAX_COST
        ):
            return True
        whole = ocr_distance(stray.given + stray.family, head.given + head.family)[0]
        return whole <= STRAY_FULL_MAX_COST

    def copy(stray: _Form, head: _Form) -> bool:
        """A spelling a few marks off the head's, or its family name cut where it wrapped."""
        if stray.gender and head.gender and stray.gender != head.gender:
            return False
        if ocr_distance(stray.given, head.given)[0] > STRAY_GIVEN_MAX_COST:
            return False
        if ocr_distance(stray.family, head.family)[0] <= DOMINATED_FAMILY_MAX_COST:
            return True
        # The family name cut short where it wrapped, compared as skeletons: marks a scan
        # added aside and look-alike letters (บ่ะ of ปะจะเน) say nothing against the cut.
        cut = stray.family.translate(_SKELETON)
        if len(cut) >= 2 and head.family.translate(_SKELETON).startswith(cut):
            return True
        # Or run on into the next words where a wrap joined them (ทยากรรมพลงนอคา of ทยาธรรม):
        # its start is the head's family name, a look-alike off at most.
        start = stray.family[: len(head.family)]
        return (
            len(stray.family) >= len(head.family) + RUN_ON_MIN
            and ocr_distance(start, head.family)[0] <= RUN_ON_START_MAX_COST
        )

    # A stray: seen once or twice, or several times less often than someone it copies closely
    # (rare ones first; a person who absorbed a copy may then dominate another).
    def absorbs(group: list[int], key: int) -> bool:
        size, heads = total(clusters[key]), total(group)
        head = max((forms[i] for i in group), key=lambda f: f.count)
        if size <= STRAY_MAX_COUNT:
            return heads >= max(DOMINANT_MIN_COUNT, 2 * size) and all(
                near(forms[i], head) or copy(forms[i], head) for i in clusters[key]
            )
        if heads >= DOMINATED_NEAR_RATIO * size:
            return all(near(forms[i], head) for i in clusters[key])
        return heads >= DOMINATED_RATIO * size and all(
            copy(forms[i], head) for i in clusters[key]
        )

    strays = sorted(clusters, key=lambda k: total(clusters[k]))
    for key in strays + strays:
        if key not in clusters:
            continue
        targets = [
            other for other, group in clusters.items() if other != key and absorbs(group, key)
        ]
        if len(targets) == 1:
            clusters[targets[0]].extend(clusters.pop(key))


# On a damaged scan a rare spelling is a misreading of the nearest person seen often when
# its whole name is this near (OCR cost per letter) and clearly nearer than to anyone else.
DAMAGED_MAX_COST = 0.34
DAMAGED_MARGIN = 0.1


def _whole_cost(a: _Form, b: _Form) -> float:
    x, y = a.given + a.family, b.given + b.family
    return min(ocr_distance(x, y)[0], ocr_distance(y, x)[0]) / max(len(x), len(y), 1)


def _absorb_damaged_sightings(forms: list[_Form], clusters: dict[int, list[int]]) -> None:
    """Rare spellings of a damaged scan join the person they are clearly nearest to.

    A fax turns one name into a different spelling at almost every sighting; the stray rule
    above wants near copies of a frequent spelling, and here there may be none. The evidence
    is relative instead: a spelling seen once or twice whose whole name is near one person's
    (or another rare spelling's) and clearly nearer to it than to anyone else is that person,
    the nearest pairs first. A real person named once stays apart when no name is near, or
    when two different people are about as near.
    """
    from rapidfuzz.distance import Levenshtein

    whole = [(f.given + f.family).translate(_SKELETON) for f in forms]
    cache: dict[tuple[int, int], float] = {}

    def cost(i: int, j: int) -> float:
        key = (min(i, j), max(i, j))
        if key not in cache:
            a, b = forms[i], forms[j]
            if (a.gender and b.gender and a.gender != b.gender) or (
                Levenshtein.normalized_distance(whole[i], whole[j]) > 2 * DAMAGED_MAX_COST
            ):
                cache[key] = math.inf
            else:
                cache[key] = _whole_cost(a, b)
        return cache[key]

    def between(x: int, y: int) -> float:
        return min(cost(i, j) for i in clusters[x] for j in clusters[y])

    def total(group: list[int]) -> int:
        return sum(forms[i].count for i in group)

    while True:
        best: tuple[float, int, int] | None = None
        for key, group in clusters.items():
            if total(group) > STRAY_MAX_COUNT:
                continue
            near = sorted((between(key, other), other) for other in clusters if other != key)
            if not near or near[0][0] > DAMAGED_MAX_COST:
                continue
            first, target = near[0]
            # Another person about as near makes the sighting ambiguous (not a second
            # spelling of the nearest one: those are near each other too).
            rivals = [c for c, o in near[1:] if c - first < DAMAGED_MARGIN
                      and between(o, target) > DAMAGED_MAX_COST]
            if rivals:
                continue
            if best is None or first < best[0]:
                best = (first, key, target)
        if best is None:
            return
        _, key, target = best
        clusters[target].extend(clusters.pop(key))




def _close_pairs(forms: list[_Form], lexicon: NameLexicon) -> dict[tuple[int, int], float]:
    """Distances of the pairs of forms that may be one person.

    A cheap test on skeletons (look-alike letters made equal, marks dropped) skips the pairs
    that cannot pass, so a batch of hundreds of names stays fast.
    """
    from rapidfuzz.distance import Levenshtein

    skeletons = [
        (
            f.given.translate(_SKELETON),
            f.family.translate(_SKELETON),
            (f.given + f.family).translate(_SKELETON),
        )
        for f in forms
    ]
    dist: dict[tuple[int, int], float] = {}
    for i in range(len(forms)):
        for j in range(i + 1, len(forms)):
            (g1, f1, w1), (g2, f2, w2) = skeletons[i], skeletons[j]
            if forms[i].family and forms[j].family:
                if (
                    Levenshtein.distance(g1, g2, score_cutoff=2) > 1
                    or Levenshtein.distance(f1, f2, score_cutoff=2) > 1
                ):
                    continue
            elif Levenshtein.distance(w1, w2, score_cutoff=2) > 1:
                continue
            d = _compatible(forms[i], forms[j], lexicon)
            if d is not None:
                dist[i, j] = d
    return dist


def _make_officer(members: list[_Form], lexicon: NameLexicon, used: set[str]) -> Officer:
    full = [f for f in members if f.family] or members
    given = canonical_spelling(_counts(full, "given"), "given", lexicon)
    # A given name a line break cut in two (แพรว พลอย beside แพรวพลอย ไชยสน) is no vote for
    # the family name.
    givens = {f.given.translate(_NO_MARKS) for f in members if f.family}
    full = [
        f for f in full if (f.given + f.family).translate(_NO_MARKS) not in givens
    ] or full
    family = ""
    if full[0].family:
        # A family name a wrap cut short is no vote for how the whole one is spelled.
        whole = [f for f in full if not any(
            f.given == g.given and is_cut_of(f.family, g.family)
            and (g.family in lexicon.family or f.family not in lexicon.family)
            for g in full
        )]  # (unless the longer one is a listed name with junk glued on: บางปา / บางปาไขแตง)
        family = canonical_spelling(_counts(whole or full, "family"), "family", lexicon)
        given, family = _look_alike_listed(given, family, members, lexicon)
    titles: Counter[str] = Counter()
    written: Counter[str] = Counter()
    positions: Counter[str] = Counter()
    for f in members:
        titles.update(f.titles or {})
        written.update(f.written or {})
        positions.update(f.positions or {})
    title = titles.most_common(1)[0][0] if titles else ""
    position = positions.most_common(1)[0][0] if positions else ""
    name = f"{given} {family}".strip()
    key, k = name, 2
    while key in used:
        key, k = f"{name} #{k}", k + 1
    variants = tuple(w for w, _ in sorted(written.items(), key=lambda kv: (-kv[1], kv[0])))
    return Officer(key=key, title=title, name=name, variants=variants, position=position)


def _look_alike_listed(
    given: str, family: str, members: list[_Form], lexicon: NameLexicon
) -> tuple[str, str]:
    """One half of the name listed, the other unlisted but a look-alike copy of exactly one
    listed name (ฏ read as ฎ, ถ as ก in every sighting of one font): that listed name."""
    given_known, family_known = lexicon.known(given, "given"), lexicon.known(family, "family")
    if family_known and not given_known:
        seen = _counts(members, "given")
        given = listed_look_alike(given, seen, "given", lexicon) or given
    elif given_known and family and not family_known:
        seen = _counts([f for f in members if f.family], "family")
        family = listed_look_alike(family, seen, "family", lexicon) or family
    return given, family


def _counts(forms: list[_Form], kind: NameKind) -> Counter[str]:
    counts: Counter[str] = Counter()
    for f in forms:
        counts[f.given if kind == "given" else f.family] += f.count
    return counts
