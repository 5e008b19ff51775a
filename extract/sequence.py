"""Recover the true criterion id of each item from the sequence, its neighbours and its text.

The number as written is kept; the corrected id and a flag saying why they differ are added
to new items (items are frozen: `assign_ids` returns them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

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
    items: Sequence[Item], score: Scorer | None = None, known: set[str] | None = None
) -> list[Item]:
    """The items with their `criterion` set and the flags saying why it differs from the
    number as written (new items: the flags are added to those the item has).

    `known` is the set of ids of the edition's catalog, when the edition is known.
    """
    return _Sequence(items, score, known).run()


class _Sequence:
    """The ids used so far and the last number of every scope, as the items are walked."""

    def __init__(self, items: Sequence[Item], score: Scorer | None, known: set[str] | None):
        self.items, self.score, self.known = items, score, known
        self.written_ids = [criterion_id(it.group, it.written) if it.written else ""
                            for it in items]
        self.used: set[str] = set()
        self.prev: dict[tuple[Group, int | None], int] = {}
        self.seen: list[tuple[Group, tuple[int, ...]]] = []  # the numbers so far, as corrected

    def run(self) -> list[Item]:
        out: list[Item] = []
        for index, item in enumerate(self.items):
            out.append(self._numbered(index, item) if item.written else self._unreadable(item))
        return out

    def _unreadable(self, item: Item) -> Item:
        """Unreadable number: the next one in its scope (none in a quality block without a
        section: the item keeps its id)."""
        section = item.section if item.group in (Group.QUALITY, Group.SPECIAL) else None
        if item.group in (Group.QUALITY, Group.SPECIAL) and not section:
            return item
        scope = (item.group, section)
        expected = self.prev.get(scope, 0) + 1
        criterion = criterion_id(item.group, (section, expected) if section else (expected,))
        self.used.add(criterion)
        self.prev[scope] = expected
        flag = Flag(FlagKind.TAKEN_BY_SEQUENCE, item.number_as_written, criterion)
        return replace(item, criterion=criterion, flags=(*item.flags, flag))

    def _numbered(self, index: int, item: Item) -> Item:
        flags: list[Flag] = []
        parts = self._corrected_parts(index, item, tuple(item.written or ()), flags)
        self.seen.append((item.group, parts))
        scope = (item.group, parts[0] if len(parts) == 2 else None)
        expected = self.prev.get(scope, 0) + 1
        chosen = self._chosen(index, item, parts, expected, flags)
        criterion = _with_last(item.group, parts, chosen)
        if self.known is not None and criterion not in self.known:
            flags.append(Flag(FlagKind.NOT_IN_CATALOG, criterion=criterion))
        self.used.add(criterion)
        self.prev[scope] = max(self.prev.get(scope, 0), chosen)
        return replace(item, criterion=criterion, flags=(*item.flags, *flags))

    def _corrected_parts(
        self, index: int, item: Item, parts: tuple[int, ...], flags: list[Flag]
    ) -> tuple[int, ...]:
        """The number with its topic digit fixed by the numbers around it, and its section
        by the header above it."""
        neighbour_first = _first_part_from_neighbours(self.items, index, parts, self.seen)
        if neighbour_first is not None:
            fixed = criterion_id(item.group, (neighbour_first, parts[1]))
            fits = _fit(self.score, item.text, self.written_ids[index], fixed)
            if (
                (self.known is None or fixed in self.known)
                and fixed not in self.used
                and fixed not in self.written_ids[index + 1 :]
                and fits <= TEXT_OVERRIDE_MARGIN
            ):
                # `๕.๑` between ๓.๑ and ๔.๒: Tesseract's Thai models write ๔ as ๕; the
                # numbers on both sides say which topic this is.
                flags.append(Flag(FlagKind.CORRECTED_BY_NEIGHBOURS, item.number_as_written, fixed))
                parts = (neighbour_first, parts[1])
        header_section = item.section
        if len(parts) == 2 and header_section and parts[0] != header_section:
            flags.append(Flag(FlagKind.SECTION_BY_HEADER, section=parts[0], header=header_section))
            parts = (header_section, parts[1])
        return parts

    def _chosen(
        self, index: int, item: Item, parts: tuple[int, ...], expected: int, flags: list[Flag]
    ) -> int:
        """The last part of the id: the written one, or the one the sequence expects."""
        written = parts[-1]
        if written == expected:
            return written
        later = set(self.written_ids[index + 1 :])
        candidate = _with_last(item.group, parts, expected)
        as_written = _with_last(item.group, parts, written)
        fits = _fit(self.score, item.text, as_written, candidate)
        known = self.known is None or candidate in self.known
        reason = (FlagKind.DUPLICATE if as_written in self.used
                  else FlagKind.OUT_OF_ORDER if written < expected else None)
        if reason is not None:
            # A repeated or backward number: the sequence says `expected` unless another
            # item claims that number later or the text clearly fits the written one.
            if candidate not in later and fits <= TEXT_OVERRIDE_MARGIN:
                flags.append(Flag(reason, item.number_as_written, candidate))
                return expected
            flags.append(Flag(reason, item.number_as_written))
            return written
        if candidate in later or not known:
            return written  # a gap
        if written == expected + 1 and as_written in later and fits <= TEXT_OVERRIDE_MARGIN:
            # `๒.๑๕` where ๒.๑๔ is due and a later item is written ๒.๑๕ too: one digit
            # misread (Tesseract's Thai models write ๔ as ๕), the sequence says which.
            flags.append(Flag(FlagKind.CORRECTED_BY_LATER, item.number_as_written, candidate))
            return expected
        if fits < -TEXT_OVERRIDE_MARGIN:
            flags.append(Flag(FlagKind.CORRECTED_BY_TEXT, item.number_as_written, candidate))
            return expected
        return written


def _first_part_from_neighbours(
    items: Sequence[Item],
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
