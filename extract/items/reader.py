"""Walk the lines of a document and build its criteria items, with the names on their rows.

A small state machine: block headers set the group (and quality section); a number at the
start of a line opens an item or a sub-item depending on the group and the number's depth;
other lines continue the current item. Names found on a line are kept as one "row" of the
item, which is how the table's columns (supervisor first, then responsible) survive OCR.

The walk's state lives in `_Walk`; each line goes through its steps in order (marker cells,
a header's wrapped count, the closing formula, block headers, the number's group, what the
number opens, unnumbered rows, then the names). Items are drafts while their lines are read
and are frozen when the walk ends.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from extract.fields import Label, find_labels
from extract.findings import Flag, FlagKind
from extract.items.draft import QUALITY_GROUPS, Classifier, Draft, Parsed, Recogniser
from extract.items.lostrow import lost_number_row
from extract.items.mentions import Block, NameRows, apply_section_supervisors, without_names
from extract.items.opening import (
    MARKER_CELL,
    Opened,
    count_consonants,
    infer_group,
    is_sublist,
    lost_sub_dot,
    marker_from_cell,
    number_cell_number,
    open_numbered,
    unreadable_cell_item,
)
from extract.meta import CLOSING, closing_text
from extract.models import Group, Line
from extract.numbering import Profile, Style, WrittenNumber, detect_profile, parse_number
from extract.officers import (
    find_names,
    is_role_label,
    starts_with_title,
)
from extract.sections import DeclaredCount, Header, declared_counts, parse_header
from extract.wrap import join_wrapped_names

# The formula that ends an order's or a letter's text: what follows is its signature block.
_CLOSING = re.compile(CLOSING.pattern + r"|^(?:ทั้งนี้\s?ตั้งแต่|จึงเรียนมา)")
# A line with this many consonants may repeat a criterion's title (the edition guess).
CANDIDATE_CONSONANTS = 15


def walk(
    lines: list[Line],
    recognise: Recogniser | None = None,
    profile: Profile | None = None,
    classify: Classifier | None = None,
) -> Parsed:
    """The items, names and declared counts of a document's lines (`recognise` and `classify`
    come from the edition's catalog once it is known)."""
    lines = join_wrapped_names(lines)
    if profile is None:
        profile = detect_profile(line.text for line in lines)
    state = _Walk(recognise, profile, classify)
    for position, line in enumerate(lines):
        state.step(position, line, lines[position + 1] if position + 1 < len(lines) else None)
    return state.finish()


class _Walk:
    """The walk's state between lines: the open block, item, topic, field and names."""

    def __init__(
        self, recognise: Recogniser | None, profile: Profile, classify: Classifier | None
    ) -> None:
        self.recognise, self.profile, self.classify = recognise, profile, classify
        self.items: list[Draft] = []
        self.names = NameRows()
        self.loose: list[tuple[Group, Line, int]] = []
        self.declared: list[DeclaredCount] = []
        self.candidates: list[str] = []
        self.group: Group | None = None
        self.group_inferred = False  # the group came from the numbers' shape, not a header
        self.seen_quality = False
        self.section: int | None = None
        self.current: Draft | None = None
        self.topic: Draft | None = None  # a quality topic heading that may turn out an item
        self.pending_marker: str | None = None
        self.section_break = False
        self.pending_header: tuple[Line, Header] | None = None
        self.block_style: Style | None = None  # how the block's first item number is written
        self.sublist: tuple[Style, int] | None = None  # a numbered list inside the item
        self.in_signature = False  # after the closing formula: names there are no assignees
        self.signature_page = 0

    # --- the steps of one line ----------------------------------------------------------------

    def step(self, position: int, line: Line, nxt: Line | None) -> None:
        text = line.text
        if self.in_signature and line.page != self.signature_page:
            # The signature block ends with its page: an order's body signed on page 1, the
            # list of assignments attached after it (`บัญชีท้ายคำสั่ง`, a section's supervisor
            # named in a sentence before its header).
            self.in_signature = False
        # A table cell holding only a level marker (`(๑)`, `(☺)` before the number's cell).
        if MARKER_CELL.match(text) and nxt is not None and nxt.row == line.row:
            self.pending_marker = marker_from_cell(text)
            return
        if self.pending_header is not None and self._header_count(text):
            return
        # A role column's cell (page layout) holds names only: `1. นาย...` there is no item.
        role_cell = line.column in ("supervisor", "responsible")
        if count_consonants(text) >= CANDIDATE_CONSONANTS and not role_cell:
            self.candidates.append(text)
        labels = find_labels(text)
        head_text = text[: labels[0].start] if labels and not labels[0].backward else text
        header = parse_header(head_text) if head_text.strip() and not role_cell else None
        number = None if role_cell else self._line_number(line)
        if _CLOSING.match(closing_text(text)):
            self._close_topic()
            self.current, self.group, self.in_signature = None, None, True
            self.signature_page = line.page
            self.names.field_role = None
            return
        if header is not None and not (
            number
            and number.parts
            and len(number.parts) >= 2
            and not declared_counts(text, line.page, header)
        ):
            self._header(line, header, labels)
            return
        if MARKER_CELL.match(text):
            self.pending_marker = marker_from_cell(text)
            return
        number = self._regroup(number)
        rest, number, recognised = self._garbled_title_row(line, number, head_text)
        if self.group is not None and number is not None:
            rest, number = self._numbered(line, number)
        if (self.group is not None and number is None and head_text.strip() and not role_cell
                and not recognised):
            self._unnumbered(line, head_text, nxt)
        block = Block(self.current, self.group, self.section, self.in_signature)
        self.names.read(position, line, rest, labels if rest is text else None,
                        numbered=number is not None, role_cell=role_cell, block=block)

    def _header_count(self, text: str) -> bool:
        """A header's count may wrap onto the next line: `... (ขั้นสูง ©)` / `จำนวน ๑๑ ข้อ ...`.
        Records the pending header's counts; True when this line was the count's end."""
        assert self.pending_header is not None
        prev, head = self.pending_header
        self.pending_header = None
        if text.lstrip().startswith("จำนวน"):
            self.declared.extend(declared_counts(prev.text + " " + text, prev.page, head))
            return True
        self.declared.extend(declared_counts(prev.text, prev.page, head))
        return False

    def _line_number(self, line: Line) -> WrittenNumber | None:
        """The item number the line starts with, if any (its number cell's, in a table)."""
        text = line.text
        number = parse_number(text, self.profile)
        if number is not None and number.rest and (
            starts_with_title(number.rest) or is_role_label(number.rest)
        ):
            # `๑. นายสมชาย ใจดี`: a numbered name in a list of names; `2 ผู้กำกับดูแล …`: a
            # speck before a label (an item's text never starts with a role label)
            number = None
        if number is None or number.parts is None:
            number = number_cell_number(line.number_cell, text) or number
        return number

    def _header(self, line: Line, header: Header, labels: list[Label]) -> None:
        """A block header: the group (and quality section) of the items below it."""
        if self.pending_header is None and header.section is not None and self.current is None:
            # `เกณฑ์ด้านคุณภาพ (ขั้นสูง) จำนวน ๔ ข้อ` then `ข้อ ๔ ด้านเทคโนโลยี`: the count
            # above belongs to the section named next.
            self.declared = [
                replace(d, section=header.section)
                if d.section is None and d.page == line.page and d.group is header.group
                else d
                for d in self.declared
            ]
        self._close_topic()
        group = header.group
        self.group, self.section_break, self.group_inferred = group, True, False
        self.in_signature = False
        self.seen_quality = self.seen_quality or group in QUALITY_GROUPS
        if header.section is not None:
            self.section = header.section
        elif group in (Group.PHYSICAL, Group.RESULTS):
            self.section = None
        self.current, self.block_style, self.sublist = None, None, None
        self.names.field_role = None
        self.names.open_section((group, header.section))
        self.pending_header = (line, header)
        self.names.heading(line, labels, (group, header.section))

    def _regroup(self, number: WrittenNumber | None) -> WrittenNumber | None:
        """Open the block a number shows when no header (or a lost one) announced it; the
        number, or None when its text says it is numbered prose."""
        if number is None or not number.parts:
            return number
        parts = number.parts
        if self.group is None or self.group_inferred:
            inferred = infer_group(number, self.classify, self.seen_quality)
            if inferred == "":
                return None  # numbered prose (`๑. ให้ผู้รับผิดชอบ…`): no criterion
            if isinstance(inferred, Group):
                new_section = parts[0] if len(parts) == 2 else None
                if inferred is not self.group or (new_section and new_section != self.section):
                    self._new_block(inferred, new_section, inferred=True)
                self.in_signature = False
        elif (
            self.classify is not None
            and len(parts) == 2
            and self.group in (Group.PHYSICAL, Group.RESULTS)
            and not (self.current is not None and self.current.written == parts[:1])
            and self.classify(parts, number.rest) in QUALITY_GROUPS
        ):
            # (`๒.๑` under item ๒ of a one-level block is its sub-item, not a lost header.)
            # A quality number under a physical header: the quality header was lost.
            self._new_block(_quality_group(parts[0]), parts[0], inferred=True)
        if self._section_jumps(parts):
            # Clean text: a number in another section than the header's means the header of
            # that section is missing (a scan's misread digit is the damaged profile's case,
            # save the first item of the next section right after an item of this one: the
            # sequence vouches for it). Right after a heading the heading's section holds:
            # a fax or a scan reads the Thai ๔ as ๕ even where the rest reads clean, and
            # then reads it so under the whole heading (the item above was written so too).
            self._new_block(_quality_group(parts[0]), parts[0], inferred=self.group_inferred)
        return number

    def _section_jumps(self, parts: tuple[int, ...]) -> bool:
        """A quality number of another section than the open one, where that is believed."""
        section, current = self.section, self.current
        if self.group not in QUALITY_GROUPS or len(parts) != 2 or section is None:
            return False
        if parts[0] == section or current is None:
            return False
        current_first = (current.written or (0,))[0]
        first_of_next = parts == (section + 1, 1) and current_first == section
        return parts[0] != current_first and (self.profile is Profile.CLEAN or first_of_next)

    def _garbled_title_row(
        self, line: Line, number: WrittenNumber | None, head_text: str
    ) -> tuple[str, WrittenNumber | None, bool]:
        """`0.1. มีการพัฒนาเพิ่มช่องทาง…`: a number the scan garbled opening a line whose text
        is the next criterion's title: that criterion, not a sub-item. Gives the text left
        for names, the number still to open, and whether the row was recognised."""
        group = self.group
        if (
            number is not None
            and number.parts is None
            and not number.row_start
            and self.recognise is not None
            and group is not None
            and self.topic is None
            and self.profile is Profile.DAMAGED
            and (head_number := parse_number(head_text, self.profile)) is not None
            and (parts := self.recognise(group, self.section, head_number.rest, self.items))
            is not None
        ):
            flag = Flag(FlagKind.UNREADABLE_BY_TITLE, number.raw)
            self._append(Draft(group, number.raw, parts, line.page, "", flags=[flag]))
            return number.rest, None, True
        return line.text, number, False

    def _numbered(self, line: Line, number: WrittenNumber) -> tuple[str, WrittenNumber | None]:
        """Open what a numbered line opens; the text left for names, and the number (None
        when it was a speck)."""
        assert self.group is not None
        opened: Opened | Literal["sublist"]
        if is_sublist(number, self.block_style, self.sublist, self.current):
            self.sublist = (number.style, (number.parts or (0,))[-1])
            opened = "sublist"  # the entry is text of the item
        elif lost_sub_dot(number, self.current):
            opened = None  # `๕.๑๒` under item ๕.๑: sub-item ๕.๑.๒ whose dot the scan lost
        else:
            opened = open_numbered(
                number, self.group, self.section, line, self.pending_marker, self.profile
            )
        marker, self.pending_marker = self.pending_marker, None
        rest = line.text
        if opened == "topic" and self._margin_speck(number):
            return rest, None
        if opened == "topic":
            self._close_topic()
            self.topic = Draft(self.group, number.raw, number.parts, line.page, number.rest,
                               marker=marker, section_break=self.section_break)
            self.section_break = False
            self.current = self.topic
            return number.rest, number
        if isinstance(opened, Draft):
            topic = self.topic
            if topic is not None and number.parts and number.parts[0] == (topic.written or (0,))[0]:
                self.topic = None  # the topic had sub-numbers: it was only a heading
            self._append(opened)
            if self.block_style is None:
                self.block_style = number.style
            self.sublist, self.in_signature = None, False
            return number.rest, number
        if self.current is not None and opened is None:
            # a sub-item: its number belongs to the current item
            self.current.sub_numbers.append(number.raw)
            if number.is_junk:
                self.current.flags.append(Flag(FlagKind.JUNK_SUB_NUMBER, number.raw))
            self.names.field_role = None
            return number.rest, number
        return rest, number

    def _margin_speck(self, number: WrittenNumber) -> bool:
        """`5 . ถังกัษดูแล…`, `2 ่บริการซึ่ง…`: a speck at the margin of a wrapped line read as
        a topic number; a topic heading has its dot and fits its criteria."""
        if self.profile is not Profile.DAMAGED or self.classify is None:
            return False
        verdict = self.classify(number.parts or (), number.rest)
        if verdict is not None and (
            verdict == "" or (number.style is Style.BARE and verdict is not self.group)
        ):
            return True
        return number.style is Style.BARE and verdict is None

    def _unnumbered(self, line: Line, head_text: str, nxt: Line | None = None) -> None:
        """A line without a number inside a block: a row whose number is lost, or text."""
        group = self.group
        assert group is not None
        # Inside a topic heading's row (2562 style) the text cells belong to the topic.
        # A row's labelled fields are no part of the title it may repeat.
        parts = (
            self.recognise(group, self.section, without_names(head_text, find_names(head_text)),
                           self.items)
            if self.recognise and self.topic is None
            else None
        )
        if parts is not None:
            flag = Flag(FlagKind.NUMBER_MISSING)
            self._append(Draft(group, "", parts, line.page, "", flags=[flag]))
        elif lost_number_row(
            line, head_text, nxt, self.current, self.profile,
            field_open=self.names.field_role is not None
            and (not self.names.field_has_names or bool(find_names(line.text))),
        ):
            self._append(Draft(group, "", None, line.page, "",
                               flags=[Flag(FlagKind.UNREADABLE_NUMBER)]))
        elif (opened := unreadable_cell_item(line, group, self.section, self.profile)) is not None:
            # A table row's number cell opens an item whatever OCR made of its digits
            # (`<`, `—,`) when its title was not recognised: the sequence gives its id.
            self._append(opened)
        else:
            self.loose.append((group, line, len(self.items)))

    # --- state changes ------------------------------------------------------------------------

    def _close_topic(self) -> None:
        if self.topic is not None:
            self.items.append(self.topic)
            self.topic = None

    def _new_block(self, group: Group, section: int | None, inferred: bool) -> None:
        """A block no header (or a lost one) announced, opened by a number."""
        self._close_topic()
        self.group, self.section, self.group_inferred = group, section, inferred
        self.seen_quality = self.seen_quality or group in QUALITY_GROUPS
        self.current, self.section_break, self.block_style, self.sublist = None, True, None, None
        self.names.open_section((group, section))

    def _append(self, item: Draft) -> None:
        """A new item becomes the current one (the first after a header carries the break)."""
        self._close_topic()
        item.section_break, self.section_break = self.section_break, False
        item.section = self.section if item.group in QUALITY_GROUPS else None
        self.items.append(item)
        self.current, self.names.field_role = item, None

    def finish(self) -> Parsed:
        """The walk's result, its drafts frozen."""
        if self.pending_header is not None:
            line, header = self.pending_header
            self.declared.extend(declared_counts(line.text, line.page, header))
        self._close_topic()
        apply_section_supervisors(self.items, self.names.section_sup)
        return Parsed(
            items=tuple(item.freeze() for item in self.items),
            mentions=tuple(self.names.mentions),
            mention_pages=tuple(self.names.mention_pages),
            loose=tuple(self.loose),
            declared=tuple(self.declared),
            ignored=frozenset(self.names.ignored),
            candidates=tuple(self.candidates),
            profile=self.profile,
        )


def _quality_group(section: int) -> Group:
    """Section 5 of the quality criteria is the special conditions' block."""
    return Group.SPECIAL if section == 5 else Group.QUALITY
