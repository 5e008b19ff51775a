"""Item numbers as seed 003's scan wrote them (inputs copied from the seed, expectations by eye)."""

import pytest

from extract.numbering import parse_number, to_arabic


@pytest.mark.parametrize(
    ("line", "parts", "marker"),
    [
        ("©๑.๑ มีการจัดภูมิทัศน์ให้เอื้ออำนวย", (1, 1), "advanced"),
        ("^  ๒.๑ มีการสำรวจ เพื่อให้ทราบ", (2, 1), "basic"),
        ("© ๒ .๕ มีการจัดทำคู่มือการปฏิบัติงาน", (2, 5), "advanced"),
        ("© ๒ .๑๐ กรณีเกิดข้อร้องเรียน", (2, 10), "advanced"),
        ("๒.๕.® มีการจัดทำคู่มือ ประกอบด้วย", (2, 5, 1), None),
        ("๒.©๘.๒ ดำเนินการตามเกณฑ์", (2, 18, 2), None),
        ("๔. ๔. ๒ ดำเนินการตามเกณฑ์", (4, 4, 2), None),
        ("(0) ๔. ๒ มีระบบเทคโนโลยีที่มีความมั่นคง", (4, 2), "advanced"),
        ("^'’๓.๑ มีการวิเคราะห์ประเมินความต้องการ", (3, 1), "basic"),
        ("๑๔ มีการกำหนดพื้นที่เขตปลอดบุหรี่", (14,), None),
        ("๑ มีการให้บริการนอกเวลาราชการ", (1,), None),
        ("14. มีการกำหนดพื้นที่เขตปลอดบุหรี่", (14,), None),
        ("2.15 มีการบูรณาการการทำงาน", (2, 15), None),
    ],
)
def test_readable_numbers(line: str, parts: tuple[int, ...], marker: str | None) -> None:
    number = parse_number(line)
    assert number is not None
    assert number.parts == parts
    assert number.marker == marker
    assert number.rest and number.rest[0] not in "0123456789๐๑๒๓๔๕๖๗๘๙"


@pytest.mark.parametrize(
    "line",
    [
        "133.(5)0.6) ข้อร้องเรียนในการให้บริการ",
        "1̂3.6) (5). 1อ ดำเนินการตามเกณฑ์",
        "(3).©.© มีและสามารถใช้งานได้จริง",
        "(5).(5).เอ ดำเนินการตามเกณฑ์",
        "1ฝื.6)(สิน่ื.6) มีการแลกเปลี่ยนเรียนรู้",
        "เ33. (5) (5) หน่วยงานมีการพัฒนา",
        "ส1.(5̂ .© เจ้าหน้าที่มีทักษะ",
        "(5̂.(5̂.6) มีการจัดทำฐานข้อมูล",
    ],
)
def test_junk_numbers_are_recognised_as_numbers(line: str) -> None:
    number = parse_number(line)
    assert number is not None and number.is_junk
    assert number.rest and "." not in number.rest[:3]


@pytest.mark.parametrize(
    "line",
    [
        "๑) ที่จอดรถสำหรับคนพิการ",  # a list inside an item, not a criterion
        "- วันจันทร์-ศุกร์ ในวันเวลาราชการ",
        "๑๗.๐๐ - ๑๙.๐๐ น.",  # a time
        "น.ส.อาทิตยา ชัยรัตน์",
        "(นางฉวีวรรณ พิทักษ์วินัย)",
        "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป",
        "",
    ],
)
def test_not_numbers(line: str) -> None:
    assert parse_number(line) is None


def test_to_arabic() -> None:
    assert to_arabic("๒.๑๐ และ 3") == "2.10 และ 3"
