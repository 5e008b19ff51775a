"""Item numbers: the clean grammar every document gets, and the damaged-scan profile.

Damaged inputs are copied from seed 003's scan (expectations by eye); clean ones are written
the way list-layout orders number their items (DOMAIN.md, "Layouts that offices use").
"""

import pytest

from extract.digits import to_arabic
from extract.numbering import Profile, Style, detect_profile, parse_number

DAMAGED = Profile.DAMAGED


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
    number = parse_number(line, DAMAGED)
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
    number = parse_number(line, DAMAGED)
    assert number is not None and number.is_junk
    assert number.rest and "." not in number.rest[:3]


@pytest.mark.parametrize(
    "line",
    [
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
    assert parse_number(line, DAMAGED) is None


@pytest.mark.parametrize(
    ("line", "parts", "style"),
    [
        ("ข้อ ๑ มีการให้บริการนอกเวลาราชการ", (1,), Style.KHOR),
        ("ข้อ 12 มีการจัดให้มีระบบคิว", (12,), Style.KHOR),
        ("ข้อที่ ๒.๑ มีการสำรวจ เพื่อให้ทราบความต้องการ", (2, 1), Style.KHOR),
        ("ข้อที่ 3. มีป้าย/สัญลักษณ์ บอกทิศทาง", (3,), Style.KHOR),
        ("๔ มีการออกแบบสถานที่คำนึงถึงผู้พิการ", (4,), Style.BARE),
        ("15. มีการกำหนดพื้นที่เขตปลอดบุหรี่", (15,), Style.DOT),
        ("๕.มีการออกแบบผังงาน", (5,), Style.DOT),
        ("๖) มีการกำหนดผู้รับผิดชอบ ผู้ประสานงาน", (6,), Style.PAREN),
        ("(๗) มีขนาดและพื้นที่ใช้งานสะดวก", (7,), Style.BRACKET),
        ("( 8 ) ในจุดที่สำคัญหรืออันตราย", (8,), Style.BRACKET),
        ("๑.๒ มีการจัดการขยะอย่างมีประสิทธิภาพ", (1, 2), Style.BARE),
        ("4.1) มีระบบจัดเก็บข้อมูล", (4, 1), Style.PAREN),
        ("๔.๑) มีระบบจัดเก็บข้อมูล", (4, 1), Style.PAREN),
        ("2.๑๐ กรณีเกิดข้อร้องเรียน", (2, 10), Style.BARE),  # digits mixed in one number
        ("ข้อ ๑", (1,), Style.KHOR),  # the title on the next line
    ],
)
def test_numbering_forms(line: str, parts: tuple[int, ...], style: Style) -> None:
    for profile in Profile:
        number = parse_number(line, profile)
        assert number is not None, profile
        assert number.parts == parts
        assert number.style is style


@pytest.mark.parametrize(
    "line",
    [
        "๑๓ พฤศจิกายน ๒๕๖๖",  # a date
        "13 พ.ย. 2566 เป็นต้นไป",
        "15/01/2567 ลงนาม",
        "๘.๓๐ น. ถึง ๑๖.๓๐ น. ณ ห้องประชุม",  # a time
        "๘.๓๐-๑๖.๓๐ น.",
        "๑๗.๐๐ - ๑๙.๐๐ น.",
        "08.30 น. ประชุมคณะทำงาน",
        "0 5471 0234 ต่อ 12",  # a phone number
        "๐๘ ๑๒๓๔ ๕๖๗๘ (มือถือ)",
        "053-711234 โทรสาร",
        "๒",  # a page number alone on its line ... (the walk drops it)
        "- ๒ -",
        "๒/๕",
        "๒ / ๕ หน้า",
        "๒๓/๒๕๖๖ ลงวันที่ ๑๓ พฤศจิกายน ๒๕๖๖",  # a reference to another order
        "๒๓ / ๒๕๖๖ เรื่อง แต่งตั้งคณะทำงาน",
        "๒๕๖๗ เป็นต้นไป",  # a year
        "๒ คะแนน รวม ๖ คะแนน",  # quantities
        "๓ ข้อ ข้อละ ๒ คะแนน",
        "๑๐๐ คน",
        "๒ ปีที่ผ่านมา",
    ],
)
def test_numbers_that_are_no_items(line: str) -> None:
    number = parse_number(line)
    # a bare page number parses (the walk knows a number alone on its line is no item)
    assert number is None or (not number.rest and number.style is Style.BARE)


@pytest.mark.parametrize(
    "line",
    [
        "©๑.๑ มีการจัดภูมิทัศน์ให้เอื้ออำนวย",  # ๑ read as ©
        "^  ๒.๑ มีการสำรวจ เพื่อให้ทราบ",  # a basic-level marker
        "133.(5)0.6) ข้อร้องเรียนในการให้บริการ",  # junk
        "ไ๑๑ มีห้องน้ำที่สะอาด",  # a border read as a letter
    ],
)
def test_lookalikes_only_in_the_damaged_profile(line: str) -> None:
    assert parse_number(line) is None
    assert parse_number(line, DAMAGED) is not None


def test_a_bracketed_digit_before_a_number_is_a_marker_only_on_damaged_scans() -> None:
    line = "(๒) ๔.๒ มีระบบเทคโนโลยีที่มีความมั่นคง"
    assert parse_number(line).parts == (2,)  # clean: item (2) whose text starts with 4.2
    damaged = parse_number(line, DAMAGED)
    assert damaged.parts == (4, 2) and damaged.marker == "advanced"


def test_profile_detection() -> None:
    clean = ["ข้อ ๑ มีการให้บริการนอกเวลาราชการ", "ผู้กำกับดูแล: นายสมชาย ใจดี", "(๒) มีระบบ"]
    assert detect_profile(clean) is Profile.CLEAN
    damaged = [*clean, "(6(^61'กโฑ6ท1: เวิลร)/ (วิอกเลเะเ", "©๑.๑ มีการจัดภูมิทัศน์"]
    assert detect_profile(damaged) is Profile.DAMAGED


def test_to_arabic() -> None:
    assert to_arabic("๒.๑๐ และ 3") == "2.10 และ 3"
