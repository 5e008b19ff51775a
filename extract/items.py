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

from extract.digits import to_arabic
from extract.fields import Label, find_labels, section_named, strip_labels
from extract.findings import Flag, FlagKind
from extract.meta import CLOSING
from extract.models import Group, Item, Line
from extract.numbering import (
    Profile,
    Style,
    WrittenNumber,
    detect_profile,
    parse_number,
)
from extract.officers import (
    NameMention,
    find_names,
    find_untitled_names,
    is_role_label,
    position_after,
    starts_with_title,
)
from extract.sections import DeclaredCount, Header, declared_counts, parse_header
from extract.wrap import join_wrapped_names

# A table cell holding only a level marker, such as `(๕)` or `(☺)` in seed 002's checklist.
_MARKER_CELL = re.compile(r"^(?:\(\s*[๐-๙0-9☺☹©®^✓]\s*\)|[☺☹✓])$")
# The formula that ends an order's or a letter's text: what follows is its signature block.
_CLOSING = re.compile(CLOSING.pattern + r"|^(?:ทั้งนี้\s?ตั้งแต่|จึงเรียนมา)")
# A signature: a name in parentheses on a line of its own.
_SIGNATURE = re.compile(r"^\(\s*[^()]{4,60}\)$")
SectionKey = tuple[Group, int | None]
MAX_POSITION = 70  # letters of a position written on its own line under a name


@dataclass
class Parsed:
    """What the walk found in one document."""

    items: list[Item] = field(default_factory=list)
    mentions: list[NameMention] = field(default_factory=list)
    mention_pages: list[int] = field(default_factory=list)
    loose: list[tuple[Group, Line, int]] = field(default_factory=list)  # unnumbered block lines,
    # with the number of items before them: rows the catalog may recognise (seed 002's results)
    declared: list[DeclaredCount] = field(default_factory=list)
    ignored: set[int] = field(default_factory=set)  # mentions that are never assignees
    candidates: list[str] = field(default_factory=list)  # lines that may be criteria (edition)
    profile: Profile = Profile.CLEAN


def _item_depth(group: Group) -> int:
    return 1 if group in (Group.PHYSICAL, Group.RESULTS) else 2


# Given (group, quality section, line text, items so far), the parts of the criterion the line
# is the missing-number row of, or None. Supplied once the edition's catalog is known.
Recogniser = Callable[[Group, int | None, str, list[Item]], tuple[int, ...] | None]
# Given a number's parts and its text, the group whose criterion it is, "" when its text fits
# no criterion, None when the text says nothing. Supplied once the catalog is known.
Classifier = Callable[[tuple[int, ...], str], Group | str | None]


def _shape_group(parts: tuple[int, ...], seen_quality: bool) -> Group | None:
    """The group a number's shape gives when no header says it."""
    if len(parts) == 2:
        return Group.SPECIAL if parts[0] == 5 else Group.QUALITY
    if len(parts) == 1:
        return Group.RESULTS if seen_quality else Group.PHYSICAL
    return None


def _key(item: Item) -> SectionKey:
    return (item.group, item.section if item.group in (Group.QUALITY, Group.SPECIAL) else None)


def walk(
    lines: list[Line],
    recognise: Recogniser | None = None,
    profile: Profile | None = None,
    classify: Classifier | None = None,
) -> Parsed:
    lines = join_wrapped_names(lines)
    if profile is None:
        profile = detect_profile(line.text for line in lines)
    out = Parsed(profile=profile)
    group: Group | None = None
    group_inferred = False  # the group came from the numbers' shape, not from a header
    seen_quality = False
    section: int | None = None
    current: Item | None = None
    topic: Item | None = None  # a quality topic heading that may turn out to be an item
    pending_marker: str | None = None
    section_break = False
    pending_header: tuple[Line, Header] | None = None
    last_name_row: tuple[int, int] | None = None  # (item, physical row) of the last names
    block_style: Style | None = None  # how the block's first item number is written
    sublist: tuple[Style, int] | None = None  # a numbered list inside the current item
    field_role: str | None = None  # the open labelled field
    field_has_names = False
    in_signature = False  # after the closing formula: names there are no assignees
    section_sup: dict[SectionKey, int] = {}  # a supervisor named once for a section
    pending_sup: int | None = None  # named in a sentence before the section it supervises
    last_mention: int | None = None  # the last name seen, and on which line
    last_mention_line = -1

    def close_topic() -> None:
        nonlocal topic
        if topic is not None:
            out.items.append(topic)
            topic = None

    def open_section(key: SectionKey) -> None:
        nonlocal pending_sup
        if pending_sup is not None:
            section_sup.setdefault(key, pending_sup)
            pending_sup = None

    def add_mention(mention: NameMention, page: int) -> int:
        out.mentions.append(mention)
        out.mention_pages.append(page)
        return len(out.mentions) - 1

    for position, line in enumerate(lines):
        text = line.text
        nxt = lines[position + 1] if position + 1 < len(lines) else None
        # A table cell holding only a level marker (`(๑)`, `(☺)` before the number's cell).
        if _MARKER_CELL.match(text) and nxt is not None and nxt.row == line.row:
            pending_marker = _marker_from_cell(text)
            continue
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
        if len(re.findall("[\u0e01-\u0e2e]", text)) >= 15 and not role_cell:
            out.candidates.append(text)
        labels = find_labels(text)
        head_text = text[: labels[0].start] if labels and not labels[0].backward else text
        header = parse_header(head_text) if head_text.strip() and not role_cell else None
        number = None if role_cell else parse_number(text, profile)
        if number is not None and number.rest and (
            starts_with_title(number.rest) or is_role_label(number.rest)
        ):
            # `๑. นายสมชาย ใจดี`: a numbered name in a list of names; `2 ผู้กำกับดูแล …`: a
            # speck before a label (an item's text never starts with a role label)
            number = None
        if (number is None or number.parts is None) and not role_cell:
            number = _number_cell_number(line.number_cell, text) or number
        if _CLOSING.match(re.sub(r"\s+", " ", text.strip())):
            close_topic()
            current, group, in_signature, field_role = None, None, True, None
            continue
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
            group, section_break, group_inferred, in_signature = header.group, True, False, False
            seen_quality = seen_quality or group in (Group.QUALITY, Group.SPECIAL)
            if header.section is not None:
                section = header.section
            elif group in (Group.PHYSICAL, Group.RESULTS):
                section = None
            current, block_style, sublist, field_role = None, None, None, None
            open_section((group, header.section))
            pending_header = (line, header)
            # `ด้านบริการ ผู้กำกับดูแล: นาย…`: a supervisor written on the heading itself.
            for index, role in _labelled_names(text, labels, line.page, add_mention):
                if role == "supervisor":
                    section_sup[(group, header.section)] = index
                elif role != "responsible":
                    out.ignored.add(index)
            continue
        if _MARKER_CELL.match(text):
            pending_marker = _marker_from_cell(text)
            continue
        rest = text
        if number is not None and number.parts and (group is None or group_inferred):
            inferred = _infer_group(number, classify, seen_quality)
            if inferred == "":
                number = None  # numbered prose (`๑. ให้ผู้รับผิดชอบ…`): no criterion
            elif isinstance(inferred, Group):
                new_section = number.parts[0] if len(number.parts) == 2 else None
                if inferred is not group or (new_section and new_section != section):
                    close_topic()
                    group, section, group_inferred = inferred, new_section, True
                    seen_quality = seen_quality or group in (Group.QUALITY, Group.SPECIAL)
                    current, section_break, block_style, sublist = None, True, None, None
                    open_section((group, section))
                in_signature = False
        elif (
            number is not None
            and number.parts
            and classify is not None
            and len(number.parts) == 2
            and group in (Group.PHYSICAL, Group.RESULTS)
            and not (current is not None and current.written == number.parts[:1])
            and classify(number.parts, number.rest) in (Group.QUALITY, Group.SPECIAL)
        ):
            # (`๒.๑` under item ๒ of a one-level block is its sub-item, not a lost header.)
            # A quality number under a physical header: the quality header was lost.
            close_topic()
            group = Group.SPECIAL if number.parts[0] == 5 else Group.QUALITY
            section, group_inferred, seen_quality = number.parts[0], True, True
            current, section_break, block_style, sublist = None, True, None, None
            open_section((group, section))
        if (
            group in (Group.QUALITY, Group.SPECIAL)
            and number is not None
            and number.parts
            and len(number.parts) == 2
            and section is not None
            and number.parts[0] != section
            and current is not None
            and number.parts[0] != (current.written or (0,))[0]
            and (
                profile is Profile.CLEAN
                or (number.parts == (section + 1, 1) and (current.written or (0,))[0] == section)
            )
        ):
            # Clean text: a number in another section than the header's means the header of
            # that section is missing (a scan's misread digit is the damaged profile's case,
            # save the first item of the next section right after an item of this one: the
            # sequence vouches for it). Right after a heading the heading's section holds:
            # a fax or a scan reads the Thai ๔ as ๕ even where the rest reads clean, and
            # then reads it so under the whole heading (the item above was written so too).
            close_topic()
            section = number.parts[0]
            group = Group.SPECIAL if section == 5 else Group.QUALITY
            current, section_break, block_style, sublist = None, True, None, None
            open_section((group, section))
        recognised = False
        if (
            number is not None
            and number.parts is None
            and not number.row_start
            and recognise is not None
            and group is not None
            and topic is None
            and profile is Profile.DAMAGED
            and (head_number := parse_number(head_text, profile)) is not None
            and (parts := recognise(group, section, head_number.rest, out.items)) is not None
        ):
            # `0.1. มีการพัฒนาเพิ่มช่องทาง…`: a number the scan garbled opening a line whose
            # text is the next criterion's title: that criterion, not a sub-item.
            close_topic()
            current = Item(
                group,
                number.raw,
                parts,
                line.page,
                "",
                section_break=section_break,
                section=section if group in (Group.QUALITY, Group.SPECIAL) else None,
                flags=[Flag(FlagKind.UNREADABLE_BY_TITLE, number.raw)],
            )
            section_break, field_role, recognised = False, None, True
            out.items.append(current)
            rest, number = number.rest, None
        if group is not None and number is not None:
            if _is_sublist(number, block_style, sublist, current):
                sublist = (number.style, (number.parts or (0,))[-1])
                opened = "sublist"  # the entry is text of the item
            elif _lost_sub_dot(number, current):
                opened = None  # `๕.๑๒` under item ๕.๑: sub-item ๕.๑.๒ whose dot the scan lost
            else:
                opened = _open(number, group, section, line, pending_marker, profile)
            if (
                opened == "topic"
                and profile is Profile.DAMAGED
                and classify is not None
                and (verdict := classify(number.parts or (), number.rest)) is not None
                and (verdict == "" or (number.style is Style.BARE and verdict is not group))
            ) or (
                opened == "topic"
                and profile is Profile.DAMAGED
                and classify is not None
                and number.style is Style.BARE
                and classify(number.parts or (), number.rest) is None
            ):
                # `5 . ถังกัษดูแล…`, `2 ่บริการซึ่ง…`: a speck at the margin of a wrapped line
                # read as a topic number; a topic heading has its dot and fits its criteria
                opened, number, rest = "junk", None, text
            if opened == "topic":
                assert number is not None  # only a junk speck has none
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
                assert number is not None
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
                if block_style is None:
                    block_style = number.style
                sublist, field_role, in_signature = None, None, False
            elif current is not None and opened is None:
                # a sub-item: its number belongs to the current item
                assert number is not None
                current.sub_numbers.append(number.raw)
                if number.is_junk:
                    current.flags.append(Flag(FlagKind.JUNK_SUB_NUMBER, number.raw))
                rest = number.rest
                field_role = None
            pending_marker = None
        if (group is not None and number is None and head_text.strip() and not role_cell
                and not recognised):
            # Inside a topic heading's row (2562 style) the text cells belong to the topic.
            # A row's labelled fields are no part of the title it may repeat.
            parts = (
                recognise(group, section, _without(head_text, find_names(head_text)), out.items)
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
                    flags=[Flag(FlagKind.NUMBER_MISSING)],
                )
                section_break = False
                out.items.append(current)
                field_role = None
            elif (opened := _unreadable_cell_item(line, group, section, profile)) is not None:
                # A table row's number cell opens an item whatever OCR made of its digits
                # (`<`, `—,`) when its title was not recognised: the sequence gives its id.
                close_topic()
                opened.section_break, section_break = section_break, False
                opened.section = section if group in (Group.QUALITY, Group.SPECIAL) else None
                out.items.append(opened)
                current, field_role = opened, None
            else:
                out.loose.append((group, line, len(out.items)))
        # --- names and their roles on this line ---
        rest_labels = find_labels(rest) if rest is not text else labels
        names = find_names(rest)
        signature = bool(_SIGNATURE.match(rest.strip()))
        if (
            not names
            and number is None
            and last_mention is not None
            and last_mention_line == position - 1
            and not rest_labels
        ):
            position, _ = _position_line(rest)
            if position:
                m = out.mentions[last_mention]
                if not m.position:
                    out.mentions[last_mention] = replace(m, position=position)
                continue  # a position on its own line: neither text nor a new field
        roles = _roles_of(rest, names, rest_labels, field_role)
        untitled = _untitled_in_fields(rest, names, rest_labels, field_role)
        everything = sorted(
            [(m, r) for m, r in zip(names, roles, strict=True)] + untitled,
            key=lambda mr: mr[0].start,
        )
        row: list[int] = []
        for mention, role in everything:
            if role_cell:
                role = line.column  # a name's role is its column
            index = add_mention(mention, line.page)
            last_mention, last_mention_line = index, position
            if signature or in_signature or role in ("coordinator", "certifier"):
                out.ignored.add(index)
                continue
            sentence = role == "supervisor" and any(
                lb.backward and lb.start > mention.start for lb in rest_labels
            )
            if role == "supervisor" and (current is None or sentence):
                # A supervisor named once for a section: under its heading, or in a sentence.
                named = section_named(rest)
                if named is not None and sentence:
                    section_sup[named] = index
                elif current is None and group is not None and not sentence:
                    section_sup[(group, section if group in (Group.QUALITY, Group.SPECIAL)
                                 else None)] = index
                else:
                    pending_sup = index
                continue
            if current is None or group is None:
                continue  # preamble and signature: people named there are not assignees
            row.append(index)
            if role in ("supervisor", "responsible"):
                current.role_labels[index] = role
        if rest_labels:
            last = rest_labels[-1]
            field_role = None if last.backward else last.role
            field_has_names = any(m.start > last.start for m in names) or any(
                m.start > last.start for m, _ in untitled
            )
        elif field_role is not None:
            if names or untitled:
                field_has_names = True
            elif field_has_names:
                field_role = None  # a line without names after the field's names: it ended
        if row and current is not None:
            if current.name_rows and last_name_row == (id(current), line.row):
                current.name_rows[-1].extend(row)  # another cell of the same table row
            else:
                current.name_rows.append(row)
            last_name_row = (id(current), line.row)
        if current is not None and not signature and not in_signature and not role_cell:
            spans = [(m.start, max(m.end, m.position_end)) for m, _ in everything]
            kept = _without_spans(strip_labels(rest, rest_labels), spans, rest)
            current.text = (current.text + " " + kept).strip()
    if pending_header is not None:
        out.declared.extend(
            declared_counts(pending_header[0].text, pending_header[0].page, pending_header[1])
        )
    close_topic()
    _apply_section_supervisors(out, section_sup)
    return out


def _infer_group(
    number: WrittenNumber, classify: Classifier | None, seen_quality: bool
) -> Group | str | None:
    """The group of a number no header announced: the catalog's word, else the shape's."""
    parts = number.parts or ()
    if classify is not None and len(number.rest) >= 10:
        verdict = classify(parts, number.rest)
        if verdict is not None:
            return verdict
    return _shape_group(parts, seen_quality)


def _is_sublist(
    number: WrittenNumber, block_style: Style | None, sublist: tuple[Style, int] | None,
    current: Item | None,
) -> bool:
    """A numbered list inside an item: another style than the items', starting at 1.

    `ข้อ ๓ …` then `(๑) …`, `(๒) …` lists what item 3 asks; a number of another style that
    continues the items' sequence is an item written differently.
    """
    if current is None or block_style is None or not number.parts or len(number.parts) != 1:
        return False
    if Style.DAMAGED in (number.style, block_style) or number.style == block_style:
        return False
    if sublist is not None and sublist[0] == number.style and number.parts[0] == sublist[1] + 1:
        return True
    return number.parts[0] == 1 and (current.written or (0,))[-1] != 0


def _unreadable_cell_item(
    line: Line, group: Group, section: int | None, profile: Profile
) -> Item | None:
    if not _is_number_cell(line.number_cell) or not line.text.startswith(line.number_cell):
        return None
    number = WrittenNumber(
        raw=line.number_cell,
        parts=None,
        marker=None,
        rest=line.text[len(line.number_cell) :].strip(),
        row_start=True,
        style=Style.DAMAGED,
    )
    opened = _open(number, group, section, line, None, profile)
    return opened if isinstance(opened, Item) else None


def _is_number_cell(cell: str) -> bool:
    """A number column's cell with something in it and no Thai word (its number, misread)."""
    return bool(cell.strip()) and len(re.findall("[\u0e01-\u0e2e]", cell)) <= 2


# A number cell's digit groups joined by one misread separator each (`๒.๓=๒`), after margin
# specks (`.'๒.๑`).
_CELL_NUMBER = re.compile(r"^[^0-9๐-๙\u0e01-\u0e2e]*([0-9๐-๙]+(?:[^\s0-9๐-๙][0-9๐-๙]+)+)\W*$")


def _number_cell_number(cell: str, text: str) -> WrittenNumber | None:
    """The number a table's number cell holds when the line grammar could not read it: the
    column says it is a number, so its digit groups are its parts."""
    m = _CELL_NUMBER.match(cell.strip()) if cell else None
    if m is None or not text.startswith(cell):
        return None
    parts = tuple(int(g) for g in re.findall(r"[0-9๐-๙]+", to_arabic(m.group(1))))
    return WrittenNumber(
        raw=cell.strip(),
        parts=parts,
        marker=None,
        rest=text[len(cell) :].strip(),
        style=Style.DAMAGED,
    )


def _digits(raw: str) -> str:
    return re.sub(r"\D", "", to_arabic(raw))


def _lost_sub_dot(number: WrittenNumber, current: Item | None) -> bool:
    """A two-part number that is the current item's number plus one digit, dots aside.

    Under item ๕.๑ a scan reads sub-item ๕.๑.๒ as `๕.๑๒` or `๕๑.๒`. The item that follows
    ๕.๑ in the sequence is ๕.๒, never ๕.๑๒, so such a number is a sub-item of the current one
    (compared as written: a sub-item's digits are misread the way its item's are).
    """
    if current is None or not number.parts or len(number.parts) != 2:
        return False
    mine = _digits(number.raw)
    if current.sub_numbers and (
        Flag(FlagKind.JUNK_SUB_NUMBER, current.sub_numbers[-1]) not in current.flags
    ):
        # `๒.๒๒` after sub-item ๒.๒.๑: its sibling (the item's own number may be unreadable;
        # a junk number taken as a sub-item, `(219)`, has no siblings)
        last = _digits(current.sub_numbers[-1])
        if len(last) >= 3 and len(mine) == len(last) and mine[:-1] == last[:-1]:
            return True
    if not current.written or len(current.written) != 2:
        return False
    if number.parts == (current.written[0], current.written[1] + 1):
        return False
    theirs = _digits(current.number_as_written)
    return len(theirs) >= 2 and len(mine) == len(theirs) + 1 and mine.startswith(theirs)


def _labelled_names(text, labels, page, add_mention) -> list[tuple[int, str | None]]:
    names = find_names(text)
    roles = _roles_of(text, names, labels, None)
    return [(add_mention(m, page), r) for m, r in zip(names, roles, strict=True) if r]


def _roles_of(
    text: str, names: list[NameMention], labels: list[Label], field_role: str | None
) -> list[str | None]:
    """The role of each name: the label before it on the line, else the open field's; a
    `เป็นผู้…` label after it (before any other label) gives its role backwards."""
    roles: list[str | None] = []
    for mention in names:
        role = field_role
        for label in labels:
            if label.start < mention.start and not label.backward:
                role = label.role
            elif label.start < mention.start and label.backward:
                role = None  # a sentence ended: a new one starts
        for label in labels:
            if label.start >= mention.end:
                if label.backward:
                    role = label.role
                break
        roles.append(role)
    return roles


def _untitled_in_fields(
    text: str, names: list[NameMention], labels: list[Label], field_role: str | None
) -> list[tuple[NameMention, str]]:
    """Names written without a title inside labelled fields."""
    spans: list[tuple[int, int, str]] = []
    forward = [lb for lb in labels if not lb.backward]
    if field_role is not None:
        spans.append((0, forward[0].start if forward else len(text), field_role))
    for k, label in enumerate(forward):
        end = forward[k + 1].start if k + 1 < len(forward) else len(text)
        spans.append((label.end, end, label.role))
    found: list[tuple[NameMention, str]] = []
    for start, end, role in spans:
        segment = list(text[start:end])
        for m in names:  # titled names are already found: blank them out
            for p in range(max(m.start, start), min(max(m.end, m.position_end), end)):
                segment[p - start] = ","
        for m in find_untitled_names("".join(segment), start):
            found.append((replace(m, as_written=text[m.start : m.end]), role))
    return found


def _position_line(text: str) -> tuple[str, int]:
    """A line holding only an officer's position (`นักวิชาการเงินและบัญชีชำนาญการ`)."""
    stripped = text.strip().strip("()")
    if not stripped or len(stripped) > MAX_POSITION or find_names(stripped):
        return "", 0
    position, end = position_after(stripped, 0)
    if position and end >= len(stripped) - 1:
        return position, end
    return "", 0


def _apply_section_supervisors(out: Parsed, section_sup: dict[SectionKey, int]) -> None:
    """A supervisor named once for a section supervises each of its items that names none;
    the names such an item lists are then all responsible officers."""
    if not section_sup:
        return
    for item in out.items:
        key = _key(item)
        if key[0] in (Group.QUALITY, Group.SPECIAL) and key[1] is None and item.written:
            key = (key[0], item.written[0])  # no section heading: the number's section
        sup = section_sup.get(key)
        if sup is None and item.group in (Group.QUALITY, Group.SPECIAL):
            sup = section_sup.get((Group.QUALITY, None))
        if sup is None:
            continue
        mentions = [m for row in item.name_rows for m in row]
        if any(item.role_labels.get(m) == "supervisor" for m in mentions):
            continue
        for m in mentions:
            item.role_labels.setdefault(m, "responsible")
        item.name_rows.insert(0, [sup])
        item.role_labels[sup] = "supervisor"


def _open(
    number: WrittenNumber,
    group: Group,
    section: int | None,
    line: Line,
    marker: str | None,
    profile: Profile = Profile.CLEAN,
) -> Item | str | None:
    """Decide what a numbered line is: a new item, a topic heading, or a sub-item (None)."""
    parts = number.parts
    if parts is None:
        if number.row_start and (group in (Group.PHYSICAL, Group.RESULTS) or section):
            # An unreadable number opening a table row: an item whose id the sequence gives.
            return Item(group, number.raw, None, line.page, "",
                        flags=[Flag(FlagKind.UNREADABLE_NUMBER)])
        return None
    if (
        not number.rest
        and not number.trailing_dot
        and not number.marker
        and len(parts) == 1
        and number.style is not Style.KHOR
        and number.style not in (Style.PAREN, Style.BRACKET)
    ):
        return None  # a bare integer on its own line: a page or slide number
    depth = _item_depth(group)
    if group in (Group.QUALITY, Group.SPECIAL) and len(parts) == 1:
        digits = to_arabic(number.raw.split()[-1]).strip(".()")
        if (
            profile is Profile.DAMAGED
            and section
            and digits.isdigit()
            and len(digits) in (2, 3)
            and number.rest
        ):
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
                flags=[Flag(FlagKind.DOT_MISSING)],
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


def _without_spans(text: str, spans: list[tuple[int, int]], original: str) -> str:
    """`text` (same length as `original`) with the name and position spans blanked."""
    chars = list(text) if len(text) == len(original) else list(original)
    for start, end in spans:
        for p in range(start, min(end, len(chars))):
            chars[p] = " "
    return re.sub(r"\s+", " ", "".join(chars)).strip()


def _without(text: str, names: list[NameMention]) -> str:
    for mention in reversed(names):
        text = text[: mention.start] + " " + text[mention.end :]
    return re.sub(r"\s+", " ", text).strip()
