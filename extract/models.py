"""Records that leave the extract stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from extract.findings import Finding, Flag

__all__ = ["Assignment", "Finding", "Flag", "Group", "Item", "Line", "Role"]


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


@dataclass
class Item:
    """A criteria item found in a document (built up line by line, then frozen by use)."""

    group: Group
    number_as_written: str  # the characters of the number as the text shows them
    written: tuple[int, ...] | None  # the parsed number; None when unreadable
    page: int
    text: str  # the item's own text (number and names removed), sub-items included
    marker: str | None = None  # level marker seen: basic / advanced
    criterion: str = ""  # corrected criterion id (P1, Q2.15, R3)
    flags: list[Flag] = field(default_factory=list)  # why number_as_written and criterion differ
    name_rows: list[list[int]] = field(default_factory=list)  # mention indexes per line
    role_labels: dict[int, str] = field(default_factory=dict)  # mention index -> explicit role
    sub_numbers: list[str] = field(default_factory=list)  # sub-item numbers as written
    match_score: float = 0.0
    match_title: str = ""
    section_break: bool = False  # first item after a block/section header: carry resets
    section: int | None = None  # quality section named by the block header above the item


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
