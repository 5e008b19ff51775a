"""Item numbers read from a table's number column on a damaged scan (issue 11/12 merge).

Lines are built the way `extract.layout.table_lines` builds them from a page layout: the
number and criterion cells as one line (with the number cell's text), then the role cells.
"""

from __future__ import annotations

from extract.catalog import Catalog
from extract.document import _classifier, _recogniser
from extract.items import walk
from extract.models import Group, Item, Line
from extract.numbering import Profile

SUP, RESP = "นางสุพัตรา แก้วมูลเมือง", "นายวีระพงษ์ คำแสน"


def _row(page: int, row: int, number: str, text: str) -> list[Line]:
    lead = f"{number} {text}".strip()
    return [
        Line(page, lead, row, column="criterion", table=0, number_cell=number),
        Line(page, SUP, row, column="supervisor", table=0),
        Line(page, RESP, row, column="responsible", table=0),
    ]


def _walk(lines: list[Line]):
    catalog = Catalog.load("2567")
    return walk(lines, _recogniser(catalog, Profile.DAMAGED), Profile.DAMAGED,
                _classifier(catalog))


def test_unreadable_number_cell_opens_an_item() -> None:
    # `<` is what OCR made of ๘ in the number cell: the row is still an item of its own.
    lines = [Line(1, "เกณฑ์ด้านกายภาพ จำนวน ๑๕ ข้อ", 1)]
    lines += _row(1, 2, "๗", "มีขนาดและพื้นที่ใช้งานสะดวกต่อการเอื้อมจับ และออกแบบจัดวางเอกสาร")
    # (its text as the 1-bit scan read it: too damaged for the catalog to recognise)
    lines += _row(1, 3, "<", "ในจุดทีสำคัญหรืออันตรายมีกวรออกแบบหรือจัดให้สามารถมอง เห็นได้ชัดเจน")
    # Without a catalog (the first pass, edition unknown) only the number cell says so.
    items = walk(lines, None, Profile.DAMAGED, None).items
    assert len(items) == 2
    assert items[1].written is None and items[1].number_as_written == "<"
    assert len(_walk(lines).items) == 2  # with it, the title may name the row as well


def test_sub_item_that_lost_its_dot_belongs_to_the_item() -> None:
    lines = [Line(1, "เกณฑ์ด้านคุณภาพ ด้านที่ ๔ ด้านเทคโนโลยี จำนวน ๔ ข้อ", 1)]
    lines += _row(1, 2, "๔.๑", "มีระบบจัดเก็บข้อมูลและระบบวิเคราะห์ฐานข้อมูลที่มีความครอบคลุม")
    lines += _row(1, 3, "๔.๑.๑", "มีการรวบรวม วิเคราะห์ และจัดทำข้อสังเกตเกี่ยวกับการใช้งานระบบ")
    lines += _row(1, 4, "๔.๑๒", "ดำเนินการตามเกณฑ์ ๑ คะแนน และ หน่วยงานสามารถใช้ประโยชน์")
    lines += _row(1, 5, "๔.๒", "มีระบบเทคโนโลยีที่มีความมั่นคง ปลอดภัย และน่าเชื่อถือ")
    lines += _row(1, 6, "๔๒.๑", "มีแผนการกำกับดูแลการป้องกันความเสี่ยงด้านเทคโนโลยีสารสนเทศ")
    items = _walk(lines).items
    assert [it.written for it in items] == [(4, 1), (4, 2)]
    assert items[0].sub_numbers == ("๔.๑.๑", "๔.๑๒")
    assert items[1].sub_numbers == ("๔๒.๑",)
    assert all(it.group is Group.QUALITY for it in items)


def test_a_spelling_seen_often_beats_the_letter_prior() -> None:
    # า is far more common in names than ำ, but twelve sightings of ำ outweigh three of า.
    from extract.names import canonical_spelling

    assert canonical_spelling({"คำแสน": 12, "คาแส่น": 2, "คาแสน": 1}, "family") == "คำแสน"


def test_number_cell_digits_are_its_parts() -> None:
    # `.'๒.๑` (margin specks) is item 2.1; `๒.๓=๒` (a misread dot) is its sub-item.
    lines = [Line(1, "ข้อ ๒ ด้านบริการ", 1)]
    lines += _row(1, 2, ".'๒.๑", "มีการสำรวจ เพื่อให้ทราบความต้องการ และ/หรือ ปัญหาในการให้บริการ")
    lines += _row(1, 3, "๒.๑.๑", "มีการสำรวจความต้องการของผู้รับบริการ")
    lines += _row(1, 4, "๒.๑=๒", "ดำเนินการตามเกณฑ์ ๑ คะแนน และ นำผลการสำรวจไปใช้")
    items = _walk(lines).items
    assert [it.written for it in items] == [(2, 1)]
    assert items[0].sub_numbers == ("๒.๑.๑", "๒.๑=๒")


def test_sibling_of_a_sub_item_under_an_unreadable_item() -> None:
    # The item's number is unreadable (`๒.»`): `๒.๒๒` after sub-item ๒.๒.๑ is its sibling.
    lines = [Line(1, "ข้อ ๒ ด้านบริการ", 1)]
    lines += _row(1, 2, "๒.๑", "มีการสำรวจ เพื่อให้ทราบความต้องการ และ/หรือ ปัญหาในการให้บริการ")
    lines += _row(1, 3, "๒.»", "มีระบบแจ้งเตือนการให้บริการและระบบการติดตามสถานะผู้รับบริการ")
    lines += _row(1, 4, "๒.๒.๑", "มีระบบการแจ้งเตือนโดยช่องทางปกติ เช่น หนังสือแจ้งเตือน โทรศัพท์")
    lines += _row(1, 5, "๒.๒๒", "มีระบบการแจ้งเตือนโดยช่องทางดิจิทัล เช่น SMS E-mail Application")
    items = _walk(lines).items
    assert len(items) == 2
    assert items[1].sub_numbers == ("๒.๒.๑", "๒.๒๒")


def test_gap_number_written_again_later_takes_the_due_id() -> None:
    # ๒.๑๓, ๒.๑๕, ๒.๑๕, ๒.๑๖: the first ๒.๑๕ is ๒.๑๔ with ๔ misread as ๕.
    from extract.sequence import assign_ids

    items = [Item(Group.QUALITY, f"2.{n}", (2, n), 1, "") for n in (13, 15, 15, 16)]
    items = assign_ids(items)
    assert [it.criterion for it in items] == ["Q2.13", "Q2.14", "Q2.15", "Q2.16"]


def _mentions(title: str, given: str, family: str, times: int) -> list:
    from extract.officers import NameMention

    written = f"{title}{given} {family}"
    return [NameMention(title, title, given, family, written, 0, len(written))] * times


def test_a_person_seen_far_more_often_absorbs_close_copies() -> None:
    # Four sightings with two marks lost, three with the family name cut where the narrow
    # cell wrapped it: next to nine clean sightings they are the same person.
    from extract.names import cluster_officers

    mentions = (
        _mentions("นาง", "จันทร์เพ็ญ", "มะโนวัง", 9)
        + _mentions("นาง", "จันทร์เพ็ญ", "มะโ", 3)
        + _mentions("นาง", "จันทรเพญ", "บะโนวัง", 3)
        + _mentions("ว่าที่ร้อยตรี", "ณัฐพล", "บุญเรือง", 12)
        + _mentions("ร้อยตรี", "ณฐพล", "บุญเร้อง", 4)
    )
    officers, _ = cluster_officers(mentions)
    assert sorted(o.name for o in officers) == ["จันทร์เพ็ญ มะโนวัง", "ณัฐพล บุญเรือง"]
