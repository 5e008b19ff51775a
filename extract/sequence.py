"""Recover the true criterion id of each item from the sequence, its neighbours and its text.

The number as written is kept; the corrected id and a flag saying why they differ are added.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from extract.findings import Flag, FlagKind
from extract.models import Group, Item

Scorer = Callable[[str, str], float]  # (item text, criterion id) -> similarity 0..100
# How much better (in similarity points) the text must fit another id before we override a
# readable written number that is in sequence.
TEXT_OVERRIDE_MARGIN = 25.0


def criterion_id(group: Group, parts: Sequence[int]) -> str:
    if group is Group.PHYSICAL:
        return f"P{parts[0]}"
    if group is Group.RESULTS:
        return f"R{parts[0]}"
    return "Q" + ".".join(str(p) for p in parts)


def _with_last(group: Group, parts: tuple[int, ...], last: int) -> str:
    return criterion_id(group, (*parts[:-1], last))


def assign_ids(
    items: list[Item], score: Scorer | None = None, known: set[str] | None = None
) -> None:
    """Set `criterion` and `flags` on every item, in place.

    `known` is the set of ids of the edition's catalog, when the edition is known.
    """
    written_ids = [criterion_id(it.group, it.written) if it.written else "" for it in items]
    used: set[str] = set()
    prev: dict[tuple[Group, int | None], int] = {}
    seen: list[tuple[Group, tuple[int, ...]]] = []  # the numbers so far, as corrected
    for index, item in enumerate(items):
        parts = tuple(item.written or ())
        if not parts:
            # Unreadable number: the next one in its scope.
            section = item.section if item.group in (Group.QUALITY, Group.SPECIAL) else None
            if item.group in (Group.QUALITY, Group.SPECIAL) and not section:
                continue
            scope = (item.group, section)
            expected = prev.get(scope, 0) + 1
            base = (section, expected) if section else (expected,)
            item.criterion = criterion_id(item.group, base)
            item.flags.append(
                Flag(FlagKind.TAKEN_BY_SEQUENCE, item.number_as_written, item.criterion)
            )
            used.add(item.criterion)
            prev[scope] = expected
            continue
        header_section = item.section
        neighbour_first = _first_part_from_neighbours(items, index, parts, seen)
        if neighbour_first is not None:
            fixed = criterion_id(item.group, (neighbour_first, parts[1]))
            fits = _fit(score, item.text, written_ids[index], fixed)
            if (
                (known is None or fixed in known)
                and fixed not in used
                and fixed not in written_ids[index + 1 :]
                and fits <= TEXT_OVERRIDE_MARGIN
            ):
                # `๕.๑` between ๓.๑ and ๔.๒: Tesseract's Thai models write ๔ as ๕; the
                # numbers on both sides say which topic this is.
                item.flags.append(
                    Flag(FlagKind.CORRECTED_BY_NEIGHBOURS, item.number_as_written, fixed)
                )
                parts = (neighbour_first, parts[1])
        if len(parts) == 2 and header_section and parts[0] != header_section:
            item.flags.append(
                Flag(FlagKind.SECTION_BY_HEADER, section=parts[0], header=header_section)
            )
            parts = (header_section, parts[1])
        seen.append((item.group, parts))
        scope = (item.group, parts[0] if len(parts) == 2 else None)
        expected = prev.get(scope, 0) + 1
        written = parts[-1]
        chosen = written
        later = set(written_ids[index + 1 :])
        candidate = _with_last(item.group, parts, expected)
        if written != expected:
            as_written = _with_last(item.group, parts, written)
            fits = _fit(score, item.text, as_written, candidate)
            if as_written in used:
                reason: FlagKind | None = FlagKind.DUPLICATE
            elif written < expected:
                reason = FlagKind.OUT_OF_ORDER
            else:
                reason = None  # a gap
            if reason is not None:
                # A repeated or backward number: the sequence says `expected` unless another
                # item claims that number later or the text clearly fits the written one.
                if candidate not in later and fits <= TEXT_OVERRIDE_MARGIN:
                    chosen = expected
                    item.flags.append(Flag(reason, item.number_as_written, candidate))
                else:
                    item.flags.append(Flag(reason, item.number_as_written))
            elif (
                candidate not in later
                and written == expected + 1
                and as_written in later
                and fits <= TEXT_OVERRIDE_MARGIN
                and (known is None or candidate in known)
            ):
                # `๒.๑๕` where ๒.๑๔ is due and a later item is written ๒.๑๕ too: one digit
                # misread (Tesseract's Thai models write ๔ as ๕), the sequence says which.
                chosen = expected
                item.flags.append(
                    Flag(FlagKind.CORRECTED_BY_LATER, item.number_as_written, candidate)
                )
            elif (
                candidate not in later
                and fits < -TEXT_OVERRIDE_MARGIN
                and (known is None or candidate in known)
            ):
                chosen = expected
                item.flags.append(
                    Flag(FlagKind.CORRECTED_BY_TEXT, item.number_as_written, candidate)
                )
        item.criterion = _with_last(item.group, parts, chosen)
        if known is not None and item.criterion not in known:
            item.flags.append(Flag(FlagKind.NOT_IN_CATALOG, criterion=item.criterion))
        used.add(item.criterion)
        prev[scope] = max(prev.get(scope, 0), chosen)


def _first_part_from_neighbours(
    items: list[Item],
    index: int,
    parts: tuple[int, ...],
    seen: list[tuple[Group, tuple[int, ...]]],
) -> int | None:
    """The first part the numbered items before (as corrected) and after a two-part number
    give it, when its own first part fits neither (`๕.๑` between ๓.๑ and ๔.๒, `๕.๓` between
    ๔.๒ and ๔.๔)."""
    if len(parts) != 2:
        return None
    group = items[index].group
    earlier = [p for g, p in seen if g is group and p]
    if not earlier or earlier[-1][0] == parts[0]:
        return None  # in line with the number before it
    before = earlier[-1]
    # the nearest later item with another first part (`๒.๒`, `๒.๓` both misread)
    after = next((tuple(it.written) for it in items[index + 1 :]
                  if it.written and it.group is group and it.written[0] != parts[0]), None)
    if after is None or len(before) != 2 or len(after) != 2:
        return None
    if after[0] == before[0] and before[1] < parts[1] < after[1]:
        return after[0]
    if after[0] == before[0] + 1 and parts[1] < after[1]:
        return after[0]
    if after[0] == before[0] + 2:
        return before[0] + 1  # `๑๕.๑` between ๑๘.๑ and ๒๐.๑: the one topic between
    return None


def _fit(score: Scorer | None, text: str, written_id: str, candidate_id: str) -> float:
    """How much better the text fits the written id than the sequence candidate (points)."""
    if score is None or not text:
        return 0.0
    return score(text, written_id) - score(text, candidate_id)
