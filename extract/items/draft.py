"""The item while the walk reads its lines, and what the walk gives for a document.

A `Draft` is private to the walk: names, sub-numbers and text are added to it line by line.
When the walk ends every draft is frozen into an `extract.models.Item`, and the walk's result
(`Parsed`) is frozen too, so later stages return new records instead of changing these.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from extract.findings import Flag
from extract.models import Group, Item, Line, Numbered, RoleLabels
from extract.numbering import Profile
from extract.officers import NameMention
from extract.sections import DeclaredCount

SectionKey = tuple[Group, int | None]
QUALITY_GROUPS = (Group.QUALITY, Group.SPECIAL)

# Given (group, quality section, line text, items so far), the parts of the criterion the line
# is the missing-number row of, or None. Supplied once the edition's catalog is known.
Recogniser = Callable[[Group, int | None, str, Sequence[Numbered]], tuple[int, ...] | None]
# Given a number's parts and its text, the group whose criterion it is, "" when its text fits
# no criterion, None when the text says nothing. Supplied once the catalog is known.
Classifier = Callable[[tuple[int, ...], str], Group | str | None]


@dataclass
class Draft:
    """An item being read: the fields of `Item` that the walk fills in line by line."""

    group: Group
    number_as_written: str
    written: tuple[int, ...] | None
    page: int
    text: str
    marker: str | None = None
    flags: list[Flag] = field(default_factory=list)
    name_rows: list[list[int]] = field(default_factory=list)
    role_labels: dict[int, str] = field(default_factory=dict)
    sub_numbers: list[str] = field(default_factory=list)
    section_break: bool = False
    section: int | None = None

    def key(self) -> SectionKey:
        """The scope a supervisor named for a section covers: group, and quality section."""
        return (self.group, self.section if self.group in QUALITY_GROUPS else None)

    def freeze(self) -> Item:
        return Item(
            self.group,
            self.number_as_written,
            self.written,
            self.page,
            self.text,
            marker=self.marker,
            flags=tuple(self.flags),
            name_rows=tuple(tuple(row) for row in self.name_rows),
            role_labels=RoleLabels(self.role_labels),
            sub_numbers=tuple(self.sub_numbers),
            section_break=self.section_break,
            section=self.section,
        )


@dataclass(frozen=True)
class Parsed:
    """What the walk found in one document."""

    items: tuple[Item, ...] = ()
    mentions: tuple[NameMention, ...] = ()
    mention_pages: tuple[int, ...] = ()
    # Unnumbered block lines, with the number of items before them: rows the catalog may
    # recognise (seed 002's results).
    loose: tuple[tuple[Group, Line, int], ...] = ()
    declared: tuple[DeclaredCount, ...] = ()
    ignored: frozenset[int] = frozenset()  # mentions that are never assignees
    candidates: tuple[str, ...] = ()  # lines that may be criteria (edition)
    profile: Profile = Profile.CLEAN
