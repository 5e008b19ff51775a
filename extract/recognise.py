"""The catalog's help to the item walk: the group of a number no header announced, and the
row whose number a scan lost, recognised as the next criterion by its title.

`extract.items.walk` takes both as callbacks (`classifier`, `recogniser`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from extract.catalog import Catalog
from extract.matching import criterion_score, match_item
from extract.models import Group, Numbered
from extract.numbering import Profile, parse_number
from extract.textnorm import fold

# A numberless row inside a numbered list: how many next criteria to try, and how well it
# must fit one of them.
RECOGNISE_AHEAD = 2
MIN_RECOGNISE_SCORE = 80.0
RECOGNISE_HEAD = 16  # folded letters compared at the start of the row and of the title


def catalog_score(catalog: Catalog, text: str, cid: str) -> float:
    """Similarity (0-100) of an item's text to one criterion of the catalog."""
    return criterion_score(text, cid, catalog.edition) * 100 if cid in catalog else 0.0


# A number's text must fit its criterion this well (0-100) for the catalog to give its group;
# below FITS_NOTHING everywhere it is numbered prose, not an item.
CLASSIFY_SCORE = 50.0
CLASSIFY_ANYWHERE = 0.75
FITS_NOTHING = 0.35


def classifier(catalog: Catalog) -> Callable[[tuple[int, ...], str], Group | str | None]:
    """A walk callback: the group of a number that no header announced, from the catalog."""
    group_of = {c.id: c.group for c in catalog}

    def classify(parts: tuple[int, ...], text: str) -> Group | str | None:
        if len(parts) == 1:
            ids = [f"P{parts[0]}", f"R{parts[0]}"]
        elif len(parts) == 2:
            ids = ["Q" + ".".join(map(str, parts))]
        else:
            return None
        scored = [(catalog_score(catalog, text[:300], cid), cid) for cid in ids if cid in catalog]
        if scored:
            score, cid = max(scored)
            if score >= CLASSIFY_SCORE:
                return Group(group_of[cid])
        best = match_item(text[:300], edition=catalog.edition, top=1)
        if best and best[0].score >= CLASSIFY_ANYWHERE:
            return Group(group_of[best[0].criterion_id])
        if not best or best[0].score < FITS_NOTHING:
            return ""
        return None

    return classify


def recogniser(
    catalog: Catalog, profile: Profile = Profile.CLEAN
) -> Callable[[Group, int | None, str, Sequence[Numbered]], tuple[int, ...] | None]:
    """A walk callback: is this unnumbered line the row of the next criterion in sequence?"""
    by_group: dict[str, list[tuple[tuple[int, ...], str]]] = {}
    for crit in catalog:
        parts = tuple(int(p) for p in crit.number.split(".") if p.isdigit())
        if parts:
            by_group.setdefault(crit.group, []).append((parts, crit.id))

    def recognise(
        group: Group, section: int | None, text: str, items: Sequence[Numbered]
    ) -> tuple[int, ...] | None:
        if len(text) < 10 or parse_number(text, profile) is not None:
            return None
        # The last readable number of this block: rows with unreadable numbers in between
        # are not counted (their ids come later, from the sequence).
        # Compared with the last number of the candidate's depth: a topic heading (or a
        # junk line read as one) says nothing about where the sub-numbered items are.
        # Only numbers the catalog knows count (a junk `91.` read as a topic says nothing).
        known_parts = {p for p, _ in by_group.get(group.value, [])}
        after: dict[int, tuple[int, ...]] = {}
        for item in reversed(items):
            if item.group is not group:
                break
            if item.written and tuple(item.written) in known_parts:
                after.setdefault(len(item.written), item.written)
        depths = {len(p) for p in known_parts}
        candidates = [
            (parts, cid)
            for parts, cid in by_group.get(group.value, [])
            if (
                section is None
                or group.value == "physical"
                or group.value == "results"
                or parts[0] == section
            )
            and (
                not after
                or (len(parts) in after and parts > after[len(parts)])
                or (len(parts) not in after and len(depths) > 1)
            )
        ][:RECOGNISE_AHEAD]
        best: tuple[float, tuple[int, ...]] | None = None
        head = fold(text)[: RECOGNISE_HEAD + 2]
        for parts, cid in candidates:
            # A row starts with its title; a wrapped line only repeats the middle of one.
            title_head = fold(catalog.get(cid).title)[:RECOGNISE_HEAD]
            # partial_ratio: a border read as a letter (`ไมีห้องน้ำ`) may precede the row.
            if fuzz.partial_ratio(title_head, head) < MIN_RECOGNISE_SCORE:
                continue
            score = criterion_score(text[:150], cid, catalog.edition) * 100
            if score >= MIN_RECOGNISE_SCORE and (best is None or score > best[0]):
                best = (score, parts)
        return best[1] if best else None

    return recognise
