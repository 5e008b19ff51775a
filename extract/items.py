"""Walk the lines of a document and build its criteria items, with the names on their rows.

A small state machine: block headers set the group (and quality section); a number at the
start of a line opens an item or a sub-item depending on the group and the number's depth;
other lines continue the current item. Names found on a line are kept as one "row" of the
item, which is how the table's columns (supervisor first, then responsible) survive OCR.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from extract.models import Group, Item, Line
from extract.numbering import WrittenNumber, parse_number, to_arabic
from extract.officers import NameMention, find_names
from extract.sections import DeclaredCount, Header, declared_counts, parse_header

_ROLE_LABELS = (
    ("ผู้กำกับดูแล", "supervisor"),
    ("ผู้กำกับ", "supervisor"),
    ("ผู้รับผิดชอบ", "responsible"),
)
# A table cell holding only a level marker, such as `(๕)` or `(☺)` in seed 002's checklist.
_MARKER_CELL = re.compile(r"^(?:\(\s*[๐-๙0-9☺☹©®^✓]\s*\)|[☺☹✓])$")


@dataclass
class Parsed:
    """What the walk found in one document."""

    items: list[Item] = field(default_factory=list)
    mentions: list[NameMention] = field(default_factory=list)
    mention_pages: list[int] = field(default_factory=list)
    loose: list[tuple[Group, Line, int]] = field(default_factory=list)  # unnumbered block lines,
    # with the number of items before them: rows the catalog may recognise (seed 002's results)
    declared: list[DeclaredCount] = field(default_factory=list)


def _item_depth(group: Group) -> int:
    return 1 if group in (Group.PHYSICAL, Group.RESULTS) else 2


def _label_role(text: str, start: int) -> str | None:
    """An explicit `ผู้กำกับดูแล:` / `ผู้รับผิดชอบ:` label just before a name."""
    before = re.sub(r"\s+", "", text[max(0, start - 30) : start])
    for label, role in _ROLE_LABELS:
        if before.endswith((label, label + ":", label + "：", label + "-")):
            return role
    return None


# Given (group, quality section, line text, items so far), the parts of the criterion the line
# is the missing-number row of, or None. Supplied once the edition's catalog is known.
Recogniser = Callable[[Group, int | None, str, list[Item]], tuple[int, ...] | None]


def walk(lines: list[Line], recognise: Recogniser | None = None) -> Parsed:
    out = Parsed()
    group: Group | None = None
    section: int | None = None
    current: Item | None = None
    topic: Item | None = None  # a quality topic heading that may turn out to be an item
    pending_marker: str | None = None
    section_break = False
    pending_header: tuple[Line, Header] | None = None
    last_name_row: tuple[int, int] | None = None  # (item, physical row) of the last names

    def close_topic() -> None:
        nonlocal topic
        if topic is not None:
            out.items.append(topic)
            topic = None

    for line in lines:
        text = line.text
        # A header's count may wrap onto the next line: `... (ขั้นสูง ©)` / `จำนวน ๑๑ ข้อ ...`.
        if pending_header is not None:
            prev, head = pending_header
            pending_header = None
            if text.lstrip().startswith("จำนวน"):
                out.declared.extend(declared_counts(prev.text + " " + text, prev.page, head))
                continue
            out.declared.extend(declared_counts(prev.text, prev.page, head))
        # A role column's cell (page layout) holds names only: `1. นาย...` there is no item.
        role_cell = line.column in ("supervisor", "responsible")
        header = None if role_cell else parse_header(text)
        number = None if role_cell else parse_number(text)
        if header is not None and not (
            number
            and number.parts
            and len(number.parts) >= 2
            and not declared_counts(text, line.page, header)
        ):
            if pending_header is None and header.section is not None and current is None:
                # `เกณฑ์ด้านคุณภาพ (ขั้นสูง) จำนวน ๔ ข้อ` then `ข้อ ๔ ด้านเทคโนโลยี`: the count
                # above belongs to the section named next.
                out.declared = [
                    replace(d, section=header.section)
                    if d.section is None and d.page == line.page and d.group is header.group
                    else d
                    for d in out.declared
                ]
            close_topic()
            group, section_break = header.group, True
            if header.section is not None:
                section = header.section
            current = None
            pending_header = (line, header)
            continue
        if _MARKER_CELL.match(text):
            pending_marker = _marker_from_cell(text)
            continue
        rest = text
        if group is not None and number is not None:
            opened = _open(number, group, section, line, pending_marker)
            if opened == "topic":
                close_topic()
                topic = Item(
                    group,
                    number.raw,
                    number.parts,
                    line.page,
                    number.rest,
                    marker=pending_marker,
                    section_break=section_break,
                )
                section_break = False
                current = topic
                rest = number.rest
            elif isinstance(opened, Item):
                if (
                    topic is not None
                    and number.parts
                    and number.parts[0] == (topic.written or (0,))[0]
                ):
                    topic = None  # the topic had sub-numbers: it was only a heading
                close_topic()
                opened.section_break = section_break
                opened.section = section if group in (Group.QUALITY, Group.SPECIAL) else None
                section_break = False
                out.items.append(opened)
                current = opened
                rest = number.rest
            elif current is not None:  # a sub-item: its number belongs to the current item
                current.sub_numbers.append(number.raw)
                if number.is_junk:
                    current.flags.append(f"junk sub-item number {number.raw!r}")
                rest = number.rest
            pending_marker = None
        if group is not None and number is None and not role_cell:
            # Inside a topic heading's row (2562 style) the text cells belong to the topic.
            parts = (
                recognise(group, section, _without(text, find_names(text)), out.items)
                if recognise and topic is None
                else None
            )
            if parts is not None:
                close_topic()
                current = Item(
                    group,
                    "",
                    parts,
                    line.page,
                    "",
                    section_break=section_break,
                    section=section if group in (Group.QUALITY, Group.SPECIAL) else None,
                    flags=["number missing: row recognised by its catalog title"],
                )
                section_break = False
                out.items.append(current)
            else:
                out.loose.append((group, line, len(out.items)))
        names = find_names(rest)
        row: list[int] = []
        for mention in names:
            index = len(out.mentions)
            out.mentions.append(mention)
            out.mention_pages.append(line.page)
            if current is None or group is None:
                continue  # preamble and signature: people named there are not assignees
            row.append(index)
            label = _label_role(rest, mention.start) or (line.column if role_cell else None)
            if label:
                current.role_labels[index] = label
        if row and current is not None:
            if current.name_rows and last_name_row == (id(current), line.row):
                current.name_rows[-1].extend(row)  # another cell of the same table row
            else:
                current.name_rows.append(row)
            last_name_row = (id(current), line.row)
        if current is not None and not role_cell:
            current.text = (current.text + " " + _without(rest, names)).strip()
    if pending_header is not None:
        out.declared.extend(
            declared_counts(pending_header[0].text, pending_header[0].page, pending_header[1])
        )
    close_topic()
    return out


def _open(
    number: WrittenNumber, group: Group, section: int | None, line: Line, marker: str | None
) -> Item | str | None:
    """Decide what a numbered line is: a new item, a topic heading, or a sub-item (None)."""
    parts = number.parts
    if parts is None:
        if number.row_start and (group in (Group.PHYSICAL, Group.RESULTS) or section):
            # An unreadable number opening a table row: an item whose id the sequence gives.
            return Item(group, number.raw, None, line.page, "", flags=["unreadable number"])
        return None
    if not number.rest and not number.trailing_dot and not number.marker and len(parts) == 1:
        return None  # a bare integer on its own line: a page or slide number
    depth = _item_depth(group)
    if group in (Group.QUALITY, Group.SPECIAL) and len(parts) == 1:
        digits = to_arabic(number.raw.split()[-1]).strip(".")
        if section and len(digits) in (2, 3) and number.rest:
            # `๑๑ มีการจัดภูมิทัศน์` under section 1: the scan lost the dot of 1.1. The first
            # digit is the section's (Tesseract often reads ๔ as ๕, so it is not checked);
            # the catalog later drops a line whose text fits no criterion.
            return Item(
                group,
                number.raw,
                (section, int(digits[1:])),
                line.page,
                "",
                marker=number.marker or marker,
                flags=["dot missing in number"],
            )
        # Topics (`๒๒. การขับเคลื่อน...`) exist only where no section header numbers items.
        return "topic" if section is None else None
    if len(parts) == depth:
        return Item(group, number.raw, parts, line.page, "", marker=number.marker or marker)
    return None


def _marker_from_cell(text: str) -> str | None:
    if "☺" in text or "☹" in text or "๒" in text or "2" in text:
        return "advanced"
    return "basic"


def _without(text: str, names: list[NameMention]) -> str:
    for mention in reversed(names):
        text = text[: mention.start] + " " + text[mention.end :]
    return re.sub(r"\s+", " ", text).strip()
