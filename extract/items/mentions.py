"""The names on a line and the roles their labels give them.

`NameRows` is the walk's record of names: every name seen, the open labelled field, the names
of the current item's row, and supervisors named once for a whole section. Pure helpers: which
role each titled name takes from the labels around it, the untitled names written inside
labelled fields, a line holding only a position, a line's text with its names blanked out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extract.fields import Label, find_labels, section_named, strip_labels
from extract.items.draft import QUALITY_GROUPS, Draft, SectionKey
from extract.models import Group, Line
from extract.officers import NameMention, find_names, find_untitled_names, position_after

MAX_POSITION = 70  # letters of a position written on its own line under a name
# A signature: a name in parentheses on a line of its own.
_SIGNATURE = re.compile(r"^\(\s*[^()]{4,60}\)$")


@dataclass(frozen=True)
class Block:
    """What the walk has open when a line's names are read."""

    current: Draft | None  # the item the line continues
    group: Group | None
    section: int | None
    in_signature: bool  # after the closing formula: names there are no assignees


class NameRows:
    """The names seen so far, the open labelled field, and supervisors named for sections."""

    def __init__(self) -> None:
        self.mentions: list[NameMention] = []
        self.mention_pages: list[int] = []
        self.ignored: set[int] = set()  # mentions that are never assignees
        self.section_sup: dict[SectionKey, int] = {}  # a supervisor named once for a section
        self.pending_sup: int | None = None  # named in a sentence before its section
        self.last_mention: int | None = None  # the last name seen, and on which line
        self.last_mention_line = -1
        self.last_name_row: tuple[int, int] | None = None  # (item, physical row) of names
        self.field_role: str | None = None  # the open labelled field
        self.field_has_names = False

    def add(self, mention: NameMention, page: int) -> int:
        self.mentions.append(mention)
        self.mention_pages.append(page)
        return len(self.mentions) - 1

    def open_section(self, key: SectionKey) -> None:
        """A supervisor named in a sentence before a section supervises the section."""
        if self.pending_sup is not None:
            self.section_sup.setdefault(key, self.pending_sup)
            self.pending_sup = None

    def heading(self, line: Line, labels: list[Label], key: SectionKey) -> None:
        """`ด้านบริการ ผู้กำกับดูแล: นาย…`: a supervisor written on the heading itself."""
        names = find_names(line.text)
        for mention, role in zip(names, roles_of(line.text, names, labels, None), strict=True):
            if not role:
                continue
            index = self.add(mention, line.page)
            if role == "supervisor":
                self.section_sup[key] = index
            elif role != "responsible":
                self.ignored.add(index)


    def read(
        self,
        position: int,
        line: Line,
        rest: str,
        labels: list[Label] | None,
        numbered: bool,
        role_cell: bool,
        block: Block,
    ) -> None:
        """The names on the line's text left after its number: the current item's row, a
        section's supervisor, or people who are no assignees; the rest is the item's text."""
        rest_labels = find_labels(rest) if labels is None else labels
        names = find_names(rest)
        signature = bool(_SIGNATURE.match(rest.strip()))
        if (
            not names
            and not numbered
            and self.last_mention is not None
            and self.last_mention_line == position - 1
            and not rest_labels
            and self._position_of_last(rest)
        ):
            return  # a position on its own line: neither text nor a new field
        roles = roles_of(rest, names, rest_labels, self.field_role)
        untitled = untitled_in_fields(rest, names, rest_labels, self.field_role)
        titled: list[tuple[NameMention, str | None]] = list(zip(names, roles, strict=True))
        everything = sorted(
            titled + list(untitled),
            key=lambda mr: mr[0].start,
        )
        row: list[int] = []
        for mention, role in everything:
            index = self._mention(
                mention, line.column if role_cell else role, line.page, rest, rest_labels,
                signature, block,
            )
            self.last_mention_line = position
            if index is not None:
                row.append(index)
        self._track_field(rest_labels, names, untitled)
        current = block.current
        if row and current is not None:
            if current.name_rows and self.last_name_row == (id(current), line.row):
                current.name_rows[-1].extend(row)  # another cell of the same table row
            else:
                current.name_rows.append(row)
            self.last_name_row = (id(current), line.row)
        if current is not None and not signature and not block.in_signature and not role_cell:
            spans = [(m.start, max(m.end, m.position_end)) for m, _ in everything]
            kept = without_spans(strip_labels(rest, rest_labels), spans, rest)
            current.text = (current.text + " " + kept).strip()

    def _position_of_last(self, text: str) -> bool:
        """A line holding only a position: it is the last name's, unless it has one."""
        position = position_line(text)
        if not position:
            return False
        assert self.last_mention is not None
        mention = self.mentions[self.last_mention]
        if not mention.position:
            self.mentions[self.last_mention] = replace(mention, position=position)
        return True

    def _mention(
        self,
        mention: NameMention,
        role: str | None,
        page: int,
        rest: str,
        rest_labels: list[Label],
        signature: bool,
        block: Block,
    ) -> int | None:
        """Record a name; its index when it belongs on the current item's row."""
        index = self.add(mention, page)
        self.last_mention = index
        if signature or block.in_signature or role in ("coordinator", "certifier"):
            self.ignored.add(index)
            return None
        sentence = role == "supervisor" and any(
            lb.backward and lb.start > mention.start for lb in rest_labels
        )
        current, group = block.current, block.group
        if role == "supervisor" and (current is None or sentence):
            # A supervisor named once for a section: under its heading, or in a sentence.
            named = section_named(rest)
            if named is not None and sentence:
                self.section_sup[named] = index
            elif current is None and group is not None and not sentence:
                in_section = block.section if group in QUALITY_GROUPS else None
                self.section_sup[(group, in_section)] = index
            else:
                self.pending_sup = index
            return None
        if current is None or group is None:
            return None  # preamble and signature: people named there are not assignees
        if role in ("supervisor", "responsible"):
            current.role_labels[index] = role
        return index

    def _track_field(
        self,
        labels: list[Label],
        names: list[NameMention],
        untitled: list[tuple[NameMention, str]],
    ) -> None:
        """Open, keep or end the labelled field whose role names on later lines take."""
        if labels:
            last = labels[-1]
            self.field_role = None if last.backward else last.role
            self.field_has_names = any(m.start > last.start for m in names) or any(
                m.start > last.start for m, _ in untitled
            )
        elif self.field_role is not None:
            if names or untitled:
                self.field_has_names = True
            elif self.field_has_names:
                self.field_role = None  # a line without names after the field's names: ended


def roles_of(
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


def untitled_in_fields(
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


def position_line(text: str) -> str:
    """The position a line holds when it holds only an officer's position, else ""
    (`นักวิชาการเงินและบัญชีชำนาญการ` under the name it belongs to)."""
    stripped = text.strip().strip("()")
    if not stripped or len(stripped) > MAX_POSITION or find_names(stripped):
        return ""
    position, end = position_after(stripped, 0)
    return position if position and end >= len(stripped) - 1 else ""


def without_spans(text: str, spans: list[tuple[int, int]], original: str) -> str:
    """`text` (same length as `original`) with the name and position spans blanked."""
    chars = list(text) if len(text) == len(original) else list(original)
    for start, end in spans:
        for p in range(start, min(end, len(chars))):
            chars[p] = " "
    return re.sub(r"\s+", " ", "".join(chars)).strip()


def without_names(text: str, names: list[NameMention]) -> str:
    """`text` with its names cut out (a row's title without the names it lists)."""
    for mention in reversed(names):
        text = text[: mention.start] + " " + text[mention.end :]
    return re.sub(r"\s+", " ", text).strip()


def apply_section_supervisors(items: list[Draft], section_sup: dict[SectionKey, int]) -> None:
    """A supervisor named once for a section supervises each of its items that names none;
    the names such an item lists are then all responsible officers (drafts changed in place)."""
    if not section_sup:
        return
    for item in items:
        key = item.key()
        if key[0] in QUALITY_GROUPS and key[1] is None and item.written:
            key = (key[0], item.written[0])  # no section heading: the number's section
        sup = section_sup.get(key)
        if sup is None and item.group in QUALITY_GROUPS:
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
