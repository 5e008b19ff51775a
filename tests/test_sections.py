"""Block headers and the counts documents declare (lines from seeds 002 and 003)."""

from extract.models import Group
from extract.sections import declared_counts, parse_header


def _counts(line: str):
    header = parse_header(line)
    assert header is not None, line
    return header, [
        (d.group, d.section, d.level, d.count) for d in declared_counts(line, 1, header)
    ]


def test_physical_header_with_count() -> None:
    header, counts = _counts("เกณฑ์ด้านกายภาพ จำนวน ๑๕ ข้อ (ต้องผ่านเกณฑ์ทุกข้อ)")
    assert header.group is Group.PHYSICAL
    assert counts == [(Group.PHYSICAL, None, None, 15)]


def test_one_line_declares_two_levels() -> None:
    line = (
        "๒. เกณฑ์คุณภาพ ด้านบริการ (ขั้นพื้นฐาน ^ ) จำนวน ๗ ข้อ ข้อละ ๑ คะแนน รวม ๗ คะแนน "
        "(ต้องผ่านเกณฑ์ทุกข้อ) เกณฑ์ด้านคุณภาพ ด้านบริการ (ขั้นสูง © ) จำนวน ๑๑ ข้อ ข้อละ ๒ คะแนน"
    )
    header, counts = _counts(line)
    assert (header.group, header.section) == (Group.QUALITY, 2)
    assert counts == [(Group.QUALITY, 2, "basic", 7), (Group.QUALITY, 2, "advanced", 11)]


def test_special_conditions() -> None:
    header, counts = _counts("เกณฑ์ด้านคุณภาพ (เงื่อนไขพิเศษเพิ่มเติม) จำนวน ๓ ข้อ ข้อละ ๖ คะแนน รวม ๑๘ คะแนน")
    assert header.group is Group.SPECIAL
    assert counts == [(Group.SPECIAL, 5, "special", 3)]


def test_circular_declares_topics_and_sub_items() -> None:
    _, counts = _counts("๒. เกณฑ์ด้านคุณภาพ ประกอบด้วย ๒๔ หัวข้อ จำนวน ๕๒ ข้อย่อย โดยแบ่งเป็น ๒ ประเภท")
    assert [c[3] for c in counts] == [24, 52]
    _, counts = _counts("๒.๑ (๑) เกณฑ์พื้นฐาน จำนวน ๓๔ ข้อย่อย")
    assert counts == [(Group.QUALITY, None, "basic", 34)]


def test_section_heads() -> None:
    assert parse_header("ข้อ ๓ ด้านบุคลากร").section == 3
    assert parse_header("๕. เงื่อนไขพิเศษ").group is Group.SPECIAL
    assert parse_header("เกณฑ์ด้านผลลัพธ์ จำนวน ๓ ข้อ ข้อละ ๑๐ คะแนน").group is Group.RESULTS


def test_ordinary_lines_are_not_headers() -> None:
    assert parse_header("มีการจัดให้มีระบบคิวเพื่อให้บริการได้อย่างเป็นธรรม") is None
    assert parse_header("(ด้านกายภาพและด้านสถานที่) มี ข้อ") is None


def test_header_survives_ocr_damage() -> None:
    # From the black-and-white scan of the generated order: เกณฑ์ misread, stray tone mark.
    header = parse_header("โคณฑ์ด้านผลลัพธ์ จำนวน ๓ ข้อ ข้อละ ๑๐ คะแนน รวม ๓๐ คะแนน")
    assert header is not None and header.group is Group.RESULTS
    header = parse_header("เกณฑ์ด้านก่ายภาพ จำนวน ๑๕ Ha. (ต้องผ่านเกณฑ์ทกข้อ)")
    assert header is not None and header.group is Group.PHYSICAL
    assert parse_header("ข้อ ๑ ต้านสถานที") is not None


def test_section_headings_of_list_layouts() -> None:
    # numbering prefixes and bracketed remarks around the section's name (list layouts)
    for line, group, section in [
        ("ด้านที่ 1 ด้านสถานที่ (3 ข้อ)", Group.QUALITY, 1),
        ("ดูานที่ 2 ดูานบริการ (18 ข้อ)", Group.QUALITY, 2),  # marks damaged by a text layer
        ("๕ เงื่อนไขพิเศษ (เพิ่มเติม) (๒ ข้อ)", Group.SPECIAL, 5),
        ("ข้อที่ ๓ ด้านบุคลากร", Group.QUALITY, 3),
    ]:
        header = parse_header(line)
        assert header is not None and (header.group, header.section) == (group, section), line
    assert parse_header("มีการสำรวจด้านบริการ") is None
