"""Records that leave the extract stage."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from extract.findings import Finding, Flag

__all__ = [
    "Assignment", "Finding", "Flag", "Group", "Item", "Line", "Numbered", "Role", "RoleLabels",
]


class Group(StrEnum):
    PHYSICAL = "physical"
    QUALITY = "quality"
    SPECIAL = "special"
    RESULTS = "results"


class Role(StrEnum):
    SUPERVISOR = "supervisor"
    RESPONSIBLE = "responsible"


@dataclass(frozen=True)
class Line:
    """One line (or table cell) of repaired page text, with where it came from."""

    page: int
    text: str
    row: int = 0  # physical line number in the document: cells of one table row share it
    # Table cells only (a page layout with tables): what the cell's column holds, by its header:
    # "number", "criterion", "supervisor", "responsible", or "" (unknown or not a table cell).
    column: str = ""
    table: int = -1  # table index in the document, -1 outside tables
    row_span: int = 1  # grid rows the cell spans (a merged cell)
    spanned: bool = False  # the text of a merged cell repeated on a later row it covers
    # A table row's lead line: the text of its number column's cell, which `text` starts with.
    # Whatever its digits read as, that cell holds the row's number.
    number_cell: str = ""


class RoleLabels(Mapping[int, str]):
    """A read-only mapping of mention index -> the role a label or a column gave that name.

    Immutable like the frozen records that hold it (hashable, copied as itself), so an `Item`
    can carry it without being changed in place by a later stage.

    >>> labels = RoleLabels({3: "supervisor"})
    >>> labels.get(3), labels.get(4), len(labels)
    ('supervisor', None, 1)
    """

    __slots__ = ("_labels",)

    def __init__(self, labels: Mapping[int, str] | None = None) -> None:
        self._labels: dict[int, str] = dict(labels or {})

    def __getitem__(self, mention: int) -> str:
        return self._labels[mention]

    def __iter__(self) -> Iterator[int]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __hash__(self) -> int:
        return hash(frozenset(self._labels.items()))

    def __repr__(self) -> str:
        return f"RoleLabels({self._labels!r})"

    def __deepcopy__(self, memo: dict[int, Any]) -> RoleLabels:
        return self  # immutable: `dataclasses.asdict` copies it as itself

    def __reduce__(self) -> tuple[type[RoleLabels], tuple[dict[int, str]]]:
        return (RoleLabels, (self._labels,))


@dataclass(frozen=True)
class Item:
    """A criteria item found in a document.

    Frozen: the item reader (`extract.items`) builds it from a private draft when the item's
    lines end; the sequence (`extract.sequence`) and the document (`extract.document`) return
    new items with `dataclasses.replace`.
    """

    group: Group
    number_as_written: str  # the characters of the number as the text shows them
    written: tuple[int, ...] | None  # the parsed number; None when unreadable
    page: int
    text: str  # the item's own text (number and names removed), sub-items included
    marker: str | None = None  # level marker seen: basic / advanced
    criterion: str = ""  # corrected criterion id (P1, Q2.15, R3)
    flags: tuple[Flag, ...] = ()  # why number_as_written and criterion differ
    name_rows: tuple[tuple[int, ...], ...] = ()  # mention indexes per line (or table row)
    role_labels: RoleLabels = field(default_factory=RoleLabels)  # mention -> explicit role
    sub_numbers: tuple[str, ...] = ()  # sub-item numbers as written
    match_score: float = 0.0
    match_title: str = ""
    section_break: bool = False  # first item after a block/section header: carry resets
    section: int | None = None  # quality section named by the block header above the item


class Numbered(Protocol):
    """What the walk's catalog callbacks read of the items so far (finished or in progress)."""

    @property
    def group(self) -> Group: ...

    @property
    def written(self) -> tuple[int, ...] | None: ...


@dataclass(frozen=True)
class Assignment:
    document: str
    edition: str
    criterion: str
    number_as_written: str
    role: Role
    officer_key: str
    title: str
    name: str
    name_as_written: str
    page: int
    match_score: float
