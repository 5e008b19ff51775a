"""The item reader (extract/items/): what it builds from lines, and that its records stay put."""

from __future__ import annotations

import dataclasses

import pytest

from extract.items import walk
from extract.models import Group, Line
from extract.sequence import assign_ids

TITLE = "มีการจัดภูมิทัศน์และสภาพแวดล้อมที่ดี"
POSITION = "นักวิชาการเงินและบัญชีชำนาญการ"


def _lines(*texts: str) -> list[Line]:
    return [Line(1, text, row) for row, text in enumerate(texts)]


def test_a_position_under_an_untitled_name_belongs_to_that_name() -> None:
    # A responsible field lists a titled name, then an untitled one on the next line, then
    # that officer's position on a line of its own: the position is the second name's, and
    # no part of the criterion's text. (The walk once lost track of the line the untitled
    # name stood on and took the position for text.)
    parsed = walk(_lines(f"ข้อ ๑ {TITLE}", "ผู้รับผิดชอบ นายสมชาย ใจดี", "สมศรี มีสุข", POSITION))
    assert [(m.as_written, m.position) for m in parsed.mentions] == [
        ("นายสมชาย ใจดี", ""), ("สมศรี มีสุข", POSITION)]
    (item,) = parsed.items
    assert item.text == TITLE
    assert item.name_rows == ((0,), (1,))
    assert dict(item.role_labels) == {0: "responsible", 1: "responsible"}


def test_later_stages_get_new_items_and_leave_the_walks_alone() -> None:
    parsed = walk(_lines(f"ข้อ ๑ {TITLE}", "ข้อ ๒ มีการจัดการด้านความปลอดภัย", "ข้อ ๒ มีการบริการ"))
    assert [it.written for it in parsed.items] == [(1,), (2,), (2,)]
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.items[0].criterion = "P9"  # a stage returns new items instead
    assigned = assign_ids(parsed.items)
    assert [it.criterion for it in assigned] == ["P1", "P2", "P3"]
    assert [f.kind for f in assigned[2].flags] == ["duplicate"]
    assert all(it.criterion == "" and it.flags == () for it in parsed.items)
    assert all(it.group is Group.PHYSICAL for it in assigned)
