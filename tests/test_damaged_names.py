"""Names whose title, label or wrap a scan damaged (dev list and sectionlist scans, copies,
faxes and photos; the lines are the OCR text of those pages, the names their truth)."""

from __future__ import annotations

import pytest

from extract.models import Line
from extract.names import listed
from extract.officers import find_names
from extract.persons import cluster_officers
from extract.wrap import join_wrapped_names


def _names(line: str) -> list[tuple[str, str]]:
    return [(m.title, m.name) for m in find_names(line)]


@pytest.mark.parametrize(
    ("line", "title", "name"),
    [
        ("ผู้รับผิดชอบ น สกชพร สายเนตร", "นางสาว", "กชพร สายเนตร"),  # น.ส.'s dots lost
        ("ผู้รับผิดชอบ: น.สุกชพร สายเนตร", "นางสาว", "กชพร สายเนตร"),  # a dot read as a mark
        ("ผู้รับผิดชอบ: หางสาวกชพร สายเนตร", "นางสาว", "กชพร สายเนตร"),
        ("ผู้รับผิดชอบ นางสาวพรพชร สารภาพ และ นจงส่าวเกศกาญดา ดวงวงษา", "นางสาว",
         "เกศกาญดา ดวงวงษา"),
        ("ทรงกรด มาตรา และ ดร ปราช ไชยยศ", "ดร.", "ปราช ไชยยศ"),
        ("และ ดตร. มนฑา พรหมยา", "ดร.", "มนฑา พรหมยา"),  # ด read twice, as ด and ต
        ("ผู้รันผิดชอบ ว่าหี่ร้อยตรีกอบพร เพชรกาศ", "ว่าที่ร้อยตรี", "กอบพร เพชรกาศ"),
        ("ผู้รับผิดช่อบ: ว่าที ร3.ต.นฤเบศ ทะคำ", "ว่าที่ร้อยตรี", "นฤเบศ ทะคำ"),
        ("ผู้รับผิดชอบ นางสาวพรรณพร คงโส และ ผางวาสนา ปานาวา", "นาง", "วาสนา ปานาวา"),
    ],
)
def test_damaged_title_before_a_listed_name(line: str, title: str, name: str) -> None:
    assert (title, name) in _names(line)


@pytest.mark.parametrize("line", ["ตามสมชาย ใจดี", "วางแผน งานบริการ", "การ ดร ประชุม"])
def test_words_like_a_damaged_title_are_no_name(line: str) -> None:
    assert _names(line) == []


def test_glue_word_with_a_speck_before_a_title() -> None:
    """`แล่ะน.ส.` ending a line: the name on the next line is its."""
    lines = [
        Line(1, "บริการ ผู้รับผิดชอบ นาง ชนกพร เวชการ แล่ะน.ส."),
        Line(1, "ธมลพรรณ ทองปาน นักวิชาการสาธารณสุขชำนาญการ"),
    ]
    joined = join_wrapped_names(lines)
    assert ("นางสาว", "ธมลพรรณ ทองปาน") in _names(joined[0].text)


@pytest.mark.parametrize(
    ("first", "second", "name"),
    [
        # Latin specks at the right margin after the wrapped family name
        ("๑๐.๒) มีระบบการติดตามการให้บริการทีชัดเจน ผู้รับผิดชอบ น.ส.บรรทม",
         "ซาเสน                                             LC", "บรรทม ซาเสน"),
        # a speck opening the wrapped line
        ("ผู้รินนิเดชอบ นาย", "*           ประชา ชาญประโคน ':", "ประชา ชาญประโคน"),
        # a damaged title at the end of the line
        ("ผู้กำกับดูแล่ นายบรรเลง แบป่กลาง ฟู้รับผิดชอบ ดตร.ปราช", "ไชยยค และ นายประชา ชาญประโคน",
         "ปราช ไชยยค"),
        # two damaged marks on a long listed family name
        ("ผู้รับผิดชอบ: ดร.ผกาวรรณ", "อ้านวยม่งคลพร, นายวราธร โคมทอง", "ผกาวรรณ อ้านวยม่งคลพร"),
    ],
)
def test_wrapped_name_joins_across_specks(first: str, second: str, name: str) -> None:
    joined = join_wrapped_names([Line(1, first), Line(1, second)])
    assert name in [n for _, n in _names(joined[0].text)]


def test_speck_line_between_title_and_name() -> None:
    lines = [
        Line(1, "4.4) ให้บริการ ผู้รับผิดชอบ: นายรอม สมสา แล่ะ จ.ส.อ."),
        Line(1, "a   v   '              6"),
        Line(1, "ชญาธร วงมะแสน หัวหน้ากลุ่มงานยุทธศาสตร์และแผนงาน"),
    ]
    joined = join_wrapped_names(lines)
    assert "ชญาธร วงมะแสน" in [n for _, n in _names(joined[0].text)]


def test_two_specks_between_given_and_family() -> None:
    assert ("นาย", "แวปา หามะ") in _names("แย, นายมโน กาซอ และ นายแวปา-.หามะ")


def test_long_listed_name_with_two_damaged_marks() -> None:
    assert listed("อ้านวยม่งคลพร", "family")
    assert not listed("อ้านวยม่งคลพรณ", "family")


def _officers(lines: list[str]) -> list[str]:
    mentions = [m for line in lines for m in find_names(line)]
    return [o.name for o in cluster_officers(mentions)[0]]


def test_lookalike_twins_of_one_family_are_one_person() -> None:
    """A copy read ภ as ก in three of twelve rows (dev sectionlist-0001 copy): both given
    names are listed, the family name is the same."""
    names = _officers(["นางธนภร เหลานาคำ"] * 9 + ["นางธนกร เหลานาคำ"] * 3)
    assert names == ["ธนภร เหลานาคำ"]


def test_names_differing_by_more_than_a_lookalike_stay_apart() -> None:
    assert len(_officers(["นายสมชาย ใจดี"] * 6 + ["นายสมชัย ใจดี"] * 5)) == 2
    assert len(_officers(["นางวันดี ใจดี"] * 6 + ["นายวันชัย ใจดี"] * 5)) == 2


def test_nang_with_a_specked_sao_is_no_nang_name() -> None:
    """`นางส่าวเก่ศ` (dev sectionlist-0003 copy, its given name cut by the wrap): นางสาว with a
    speck, never นาง + a given name ส่าวเก่ศ (which made an officer of its own)."""
    assert ("นาง", "ส่าวเก่ศ") not in _names('ข่ละ"นางส่าวเก่ศ')
