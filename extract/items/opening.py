"""What a numbered line opens: a new item, a topic heading, a sub-item, or nothing.

Also how a number no header announced gets its group, how a table's number cell is read when
the line grammar cannot read it, and the level markers written in cells of their own.
"""

from __future__ import annotations

import re
from typing import Literal

from extract.digits import to_arabic
from extract.findings import Flag, FlagKind
from extract.items.draft import QUALITY_GROUPS, Classifier, Draft
from extract.models import Group, Line
from extract.numbering import Profile, Style, WrittenNumber
from extract.thaichars import CONSONANT_RANGE

# A table cell holding only a level marker, such as `(๕)` or `(☺)` in seed 002's checklist.
MARKER_CELL = re.compile(r"^(?:\(\s*[๐-๙0-9☺☹©®^✓]\s*\)|[☺☹✓])$")
_CONSONANT = re.compile(f"[{CONSONANT_RANGE}]")
# A number cell's digit groups joined by one misread separator each (`๒.๓=๒`), after margin
# specks (`.'๒.๑`).
_CELL_NUMBER = re.compile(
    rf"^[^0-9๐-๙{CONSONANT_RANGE}]*([0-9๐-๙]+(?:[^\s0-9๐-๙][0-9๐-๙]+)+)\W*$"
)

# What `open_numbered` found: a new item, a topic heading (`"topic"`), or a sub-item (None).
Opened = Draft | Literal["topic"] | None


def marker_from_cell(text: str) -> str:
    """The level a marker cell gives: `(๒)`, `☺` advanced, anything else basic."""
    if "☺" in text or "☹" in text or "๒" in text or "2" in text:
        return "advanced"
    return "basic"


def count_consonants(text: str) -> int:
    return len(_CONSONANT.findall(text))


def _item_depth(group: Group) -> int:
    return 1 if group in (Group.PHYSICAL, Group.RESULTS) else 2


def _shape_group(parts: tuple[int, ...], seen_quality: bool) -> Group | None:
    """The group a number's shape gives when no header says it."""
    if len(parts) == 2:
        return Group.SPECIAL if parts[0] == 5 else Group.QUALITY
    if len(parts) == 1:
        return Group.RESULTS if seen_quality else Group.PHYSICAL
    return None


def infer_group(
    number: WrittenNumber, classify: Classifier | None, seen_quality: bool
) -> Group | str | None:
    """The group of a number no header announced: the catalog's word, else the shape's."""
    parts = number.parts or ()
    if classify is not None and len(number.rest) >= 10:
        verdict = classify(parts, number.rest)
        if verdict is not None:
            return verdict
    return _shape_group(parts, seen_quality)


def is_sublist(
    number: WrittenNumber, block_style: Style | None, sublist: tuple[Style, int] | None,
    current: Draft | None,
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


def unreadable_cell_item(
    line: Line, group: Group, section: int | None, profile: Profile
) -> Draft | None:
    """The item a table row's number cell opens when OCR made no number of its digits."""
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
    opened = open_numbered(number, group, section, line, None, profile)
    return opened if isinstance(opened, Draft) else None


def _is_number_cell(cell: str) -> bool:
    """A number column's cell with something in it and no Thai word (its number, misread)."""
    return bool(cell.strip()) and count_consonants(cell) <= 2


def number_cell_number(cell: str, text: str) -> WrittenNumber | None:
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


def lost_sub_dot(number: WrittenNumber, current: Draft | None) -> bool:
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


def open_numbered(
    number: WrittenNumber,
    group: Group,
    section: int | None,
    line: Line,
    marker: str | None,
    profile: Profile = Profile.CLEAN,
) -> Opened:
    """Decide what a numbered line is: a new item, a topic heading, or a sub-item (None)."""
    parts = number.parts
    if parts is None:
        if number.row_start and (group in (Group.PHYSICAL, Group.RESULTS) or section):
            # An unreadable number opening a table row: an item whose id the sequence gives.
            return Draft(group, number.raw, None, line.page, "",
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
    if group in QUALITY_GROUPS and len(parts) == 1:
        return _one_part_quality(number, group, section, line, marker, profile)
    if len(parts) == _item_depth(group):
        return Draft(group, number.raw, parts, line.page, "", marker=number.marker or marker)
    return None


def _one_part_quality(
    number: WrittenNumber,
    group: Group,
    section: int | None,
    line: Line,
    marker: str | None,
    profile: Profile,
) -> Opened:
    """A one-part number in a quality block: a topic heading, or a number that lost its dot."""
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
        return Draft(
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
