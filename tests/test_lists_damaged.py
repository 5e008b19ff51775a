"""List layouts as broken text layers and bad scans write them: damaged labels, titles, names
and numbers (extract/fields.py, officers.py, numbering.py, items.py, wrap.py, names.py).

The damaged strings are what the pipeline's OCR and pdfplumber made of the generator's dev
documents (fax, grey scan and born-digital forms of the list families); the expected values
are what the generator typeset there (the document's truth.json), read back by hand.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from extract.catalog import Catalog
from extract.fields import find_labels
from extract.items import walk
from extract.models import Line
from extract.names import cluster_officers
from extract.numbering import Profile, parse_number
from extract.officers import find_names
from extract.roles import resolve_roles
from extract.sections import parse_header

DAMAGED = Profile.DAMAGED
CAT = Catalog.load("2566")


def _lines(text: str) -> list[Line]:
    return [Line(1, t, i) for i, t in enumerate(text.strip().splitlines()) if t.strip()]


def _roles(text: str, profile: Profile | None = None) -> set[tuple[str, str, str]]:
    parsed = walk(_lines(text), profile=profile)
    key_of = {i: m.name for i, m in enumerate(parsed.mentions)}
    return {
        (parsed.items[r.item_index].number_as_written, str(r.role), r.officer_key)
        for r in resolve_roles(parsed.items, key_of)
    }


def _labels(text: str) -> list[tuple[str, str]]:
    return [(lb.role, text[lb.start : lb.end].strip()) for lb in find_labels(text)]


# --- labels ----------------------------------------------------------------------------------


def test_labels_a_fax_damaged_are_read_by_edit_distance() -> None:
    line = "ชัดเจน ผู้ถ่ากับดูแล นายบรรเลิง โนกเลาง ฝ์รับพิดช้อบนายอโนภาส ท9งลสิม"
    assert _labels(line) == [("supervisor", "ผู้ถ่ากับดูแล"), ("responsible", "ฝ์รับพิดช้อบ")]
    line = "ทีมี พ้ก่ากับดูแล นายบรรเลง แนกลาง มีรับผดช้วบ"
    assert [role for role, _ in _labels(line)] == ["supervisor", "responsible"]


def test_words_that_look_like_labels_in_prose_are_no_labels() -> None:
    assert find_labels("ให้ผู้รับบริการ นายสมชาย ใจดี") == []
    assert find_labels("มีการกำหนดผู้รับผิดชอบ ผู้ประสานงาน/เจ้าของงาน เบอร์ติดต่อ") == []
    assert find_labels("ประชาชนผู้รับบริการในแต่ละพื้นที่ ให้ได้รับความสะดวก") == []


def test_a_text_layers_sara_aa_for_sara_am_in_a_label() -> None:
    # and a word ending in เป็น glued before it (จำเป็น) does not make it a sentence's label
    line = "ขูอ ๓.๑ มีการวิเคราะห์ประเมินความตูองการดูานกำลังคนที่จาเป็นผู้กากับด้แล น.ส.สำราญ ทายงาม"
    labels = find_labels(line)
    assert [(lb.role, lb.backward) for lb in labels] == [("supervisor", False)]


def test_a_label_ending_the_line_after_a_name_and_its_position() -> None:
    got = _roles("""
เกณฑ์ด้านกายภาพ
ข้อ ๑ มีการให้บริการนอกเวลาราชการ ผู้กำกับดูแล นางเบญจพรรณ ทองโสม นักจัดการงานทั่วไปชำนาญการพิเศษ ผู้รับผิดชอบ
น.ส.กนกพรรณ ยายา นักประชาสัมพันธ์ปฏิบัติการ
""")
    assert got == {("ข้อ ๑", "supervisor", "เบญจพรรณ ทองโสม"),
                   ("ข้อ ๑", "responsible", "กนกพรรณ ยายา")}


# --- section supervisors -------------------------------------------------------------------


def test_a_section_heading_with_its_count_is_a_heading() -> None:
    head = parse_header("ด้านสถานที่ จำนวน ๔ ข้อ")
    assert head is not None and head.section == 1
    assert parse_header("ด้านบริการ จำนวน 24 ข้อ").section == 2


def test_a_section_supervisor_named_in_a_sentence_when_no_section_heading_is_read() -> None:
    t11, t12 = CAT.get("Q1.1").title[:60], CAT.get("Q1.2").title[:60]
    t21 = CAT.get("Q2.1").title[:60]
    got = _roles(f"""
เกณฑ์ด้านคุณภาพ จำนวน ๓๗ ข้อ
ให้ นายหะรง เดวาดาแลเป็นผู้กำกับดูแลด้านสถานที่ โดยมีผู้รับผิดชอบรายข้อ ดังนี้
ข้อ 1.1 {t11}
ผู้รับผิดชอบ: นายปองพล ไทยตรง
ข้อ 1.2 {t12}
ผู้รับผิดชอบ: นายภาสวร แสงไสย
ให้ พ.ต.ท.นาธาร ไทรทองเป็นผู้กำกับดูแลด้านบริการ โดยมีผู้รับผิดชอบรายข้อ ดังนี้
ข้อ 2.1 {t21}
ผู้รับผิดชอบ: นายปองพล ไทยตรง
""")
    assert got == {
        ("ข้อ 1.1", "supervisor", "หะรง เดวาดาแล"), ("ข้อ 1.1", "responsible", "ปองพล ไทยตรง"),
        ("ข้อ 1.2", "supervisor", "หะรง เดวาดาแล"), ("ข้อ 1.2", "responsible", "ภาสวร แสงไสย"),
        ("ข้อ 2.1", "supervisor", "นาธาร ไทรทอง"), ("ข้อ 2.1", "responsible", "ปองพล ไทยตรง"),
    }


def test_a_supervisor_sentence_wrapped_before_its_label() -> None:
    t51, t52 = CAT.get("Q5.1").title[:50], CAT.get("Q5.2").title[:50]
    got = _roles(f"""
ให้ นางสาว ภคพร พละเดช หัวหน้ากลุ่มงานยุทธศาสตร์และแผนงาน
เป็นผู้กำกับดูแลเงื่อนไขพิเศษ (เพิ่มเติม) โดยมีผู้รับผิดชอบรายข้อ ดังนี้
เงื่อนไขพิเศษ (เพิ่มเติม)
(๕.๑) {t51}
ผู้รับผิดชอบ นางสาว รสกร พรหมยา และ นาย กฤช เจตนะเสน
(๕.๒) {t52}
ผู้รับผิดชอบ นาย ภราดร มาศทอง
""")
    assert ("(๕.๑)", "supervisor", "ภคพร พละเดช") in got
    assert ("(๕.๒)", "supervisor", "ภคพร พละเดช") in got
    assert ("(๕.๑)", "responsible", "กฤช เจตนะเสน") in got
    assert not any(role == "responsible" and name == "ภคพร พละเดช" for _, role, name in got)


# --- titles, names, positions ----------------------------------------------------------------


def _names(text: str) -> list[tuple[str, str]]:
    return [(m.title, m.name) for m in find_names(text)]


def test_long_titles_whose_marks_a_text_layer_broke() -> None:
    assert _names("ผู้รับผิดชอบ: ว่าท่รีู อยตรี กนกวรรณ วรรณกลาง และ นางสาว ชฎาพร สายคำทอน") == [
        ("ว่าที่ร้อยตรี", "กนกวรรณ วรรณกลาง"), ("นางสาว", "ชฎาพร สายคำทอน")]
    assert _names("รูอยตำรวจเอกยศธร เสมอภาพ, นางสาวกนกพร ปานาวา") == [
        ("ร้อยตำรวจเอก", "ยศธร เสมอภาพ"), ("นางสาว", "กนกพร ปานาวา")]
    assert _names("ว่าที่รูอยตรีเบญจพร ครคง") == [("ว่าที่ร้อยตรี", "เบญจพร ครคง")]


def test_nangsao_with_a_space_inside_is_one_title() -> None:
    assert _names("ว่าที่ร้อยตรีทวน บาดกลาง พนักงานราชการ, นาง สาวกฤศณา บรรดา") == [
        ("ว่าที่ร้อยตรี", "ทวน บาดกลาง"), ("นางสาว", "กฤศณา บรรดา")]
    assert _names("นาง สาวิตรี ใจดี") == [("นาง", "สาวิตรี ใจดี")]  # a given name สาวิตรี


def test_a_position_ending_with_its_level_is_no_part_of_the_name() -> None:
    [m] = find_names("และ น.ส.ชลลดา สมานทอง นักประชาสัมพันธ์ปฏิบัติการ")
    assert (m.name, m.position) == ("ชลลดา สมานทอง", "นักประชาสัมพันธ์ปฏิบัติการ")
    [m, n] = find_names("นายสมชาย ใจดี นิติกรชำนาญการ, นางวันดี ศรีสุข")
    assert m.position == "นิติกรชำนาญการ" and n.name == "วันดี ศรีสุข"


def test_a_family_name_glued_to_the_next_name_or_to_and() -> None:
    assert _names("พ.ต.ท.เอกสรา นาคานางสาวบรรทม ซาเสน และ น.ส.เยาวนา เอเบล") == [
        ("พันตำรวจโท", "เอกสรา นาคา"), ("นางสาว", "บรรทม ซาเสน"), ("นางสาว", "เยาวนา เอเบล")]
    assert _names("พ.ต.ท.เอกสรา นาคาและ น.ส.ปฐมา หอม") == [
        ("พันตำรวจโท", "เอกสรา นาคา"), ("นางสาว", "ปฐมา หอม")]


def test_a_fax_officer_behind_many_spellings_is_one_person() -> None:
    # list-0002's fax: บรรเลง แปกลาง and พรพรรณ นาคคำ as Tesseract read them
    lines = ["นายบรรเลง แปกลาง"] * 3 + ["นายปรรเสลง แบกลานิ", "นายมรรเลง แม่กลาง",
                                      "นายบรรเลง แปกตาง"]
    lines += ["นางพรพรรณ นาคคำ"] * 3 + ["นางพรพรรณ นาคภา"]
    mentions = [m for t in lines for m in find_names(t)]
    assert len(mentions) == len(lines)
    officers, _ = cluster_officers(mentions, damaged=True)
    assert sorted(o.name for o in officers) == ["บรรเลง แปกลาง", "พรพรรณ นาคคำ"]
    clean, _ = cluster_officers(mentions)  # born-digital text: a different spelling, a person
    assert len(clean) > 2


# --- numbers on damaged scans ----------------------------------------------------------------


def test_digits_at_the_margin_before_a_delimited_number() -> None:
    assert parse_number("7 6) ยนาดและพื้นที่ใช้งานสะดวกต่อการเอื้อมจับ", DAMAGED).parts == (6,)
    assert parse_number("0 10) มีห้องน้ำที่สะอาด และถูกสุขลักษณะ", DAMAGED).parts == (10,)
    # clean text: what is written first is the number
    assert parse_number("7 6) ยนาดและพื้นที่ใช้งานสะดวกต่อการเอื้อมจับ").parts == (7,)


def test_a_one_read_as_an_exclamation_mark_and_a_lost_dot() -> None:
    assert parse_number("!.1) การดำเนินการเพื่อลดความเสี่ยง", DAMAGED).parts == (1, 1)
    assert parse_number("!.1) การดำเนินการเพื่อลดความเสี่ยง") is None
    t13 = CAT.get("Q2.13").title[:60]
    parsed = walk(_lines(f"""
ด้านบริการ
2.12) {CAT.get("Q2.12").title[:60]}
213) {t13}
"""), profile=DAMAGED)
    assert [it.written for it in parsed.items] == [(2, 12), (2, 13)]


def test_a_lost_section_heading_on_a_scan_is_crossed_by_the_next_sections_first_item() -> None:
    parsed = walk(_lines(f"""
ด้านบุคลากร
3.5) {CAT.get("Q3.5").title[:60]}
4.1) {CAT.get("Q4.1").title[:60]}
4.2) {CAT.get("Q4.2").title[:60]}
"""), profile=DAMAGED)
    assert [(it.written, it.section) for it in parsed.items] == [
        ((3, 5), 3), ((4, 1), 4), ((4, 2), 4)]
    # right after a heading its section holds (Tesseract reads ๔ as ๕)
    parsed = walk(_lines(f"""
ด้านที่ ๔ ด้านเทคโนโลยี (๕ ข้อ)
๕.๑ {CAT.get("Q4.1").title[:60]}
"""), profile=DAMAGED)
    assert [it.section for it in parsed.items] == [4]


def test_a_sub_number_tesseract_garbled_is_unreadable_and_two_digits_lost_their_dot() -> None:
    # ๒.๑๙) read as ๒.๑๓๕) (the model has no ๙); ๕.๒) read as ๕๒)
    garbled = parse_number("๒.๑๓๕) มีการบูรณาการการทำงานระหว่างหน่วยงาน", DAMAGED)
    assert garbled.parts is None and garbled.row_start
    assert parse_number("๕๒) การดำเนินการยกระดับศูนย์ราชการสะดวก", DAMAGED).parts == (52,)
    assert parse_number("๒.๕๒ การจัดทำคู่มือ", DAMAGED).parts is None  # 2.5.2, no row
    assert not parse_number("๒.๕๒ การจัดทำคู่มือ", DAMAGED).row_start
    parsed = walk(_lines(f"""
ด้านบริการ
๒.๑๘) {CAT.get("Q2.18").title[:50]}
๒.๑๓๕) {CAT.get("Q2.19").title[:50]}
๒.๒๐) {CAT.get("Q2.20").title[:50]}
"""), profile=DAMAGED)
    assert [it.written for it in parsed.items] == [(2, 18), None, (2, 20)]


def test_a_family_name_on_the_next_line_followed_by_specks() -> None:
    t51 = CAT.get("Q5.1").title[:50]
    got = _roles(f"""
เงื่อนไขพิเศษ (เพิ่มเติม)
๕.๑) {t51} ผู้รับผิดชอบ: นางโฉมเฉลา ถาวรชน และ นายรอม .
สมสา .                                  .                                    :
""", DAMAGED)
    assert ("๕.๑)", "responsible", "รอม สมสา") in got


def test_a_junk_number_does_not_turn_the_items_after_it_into_sub_items() -> None:
    # sectionlist-0002's grey scan: (2.11) read as `|     (219)`
    parsed = walk(_lines(f"""
ด้านบริการ
(2.10) {CAT.get("Q2.10").title[:50]}
|     (219) {CAT.get("Q2.11").title[:50]}
(2.12) {CAT.get("Q2.12").title[:50]}
(2.13) {CAT.get("Q2.13").title[:50]}
"""), profile=DAMAGED)
    assert [it.written for it in parsed.items] == [(2, 10), None, (2, 12), (2, 13)]


# --- the closing formula and the signature block on damaged scans ---------------------------------


def test_a_closing_formula_behind_margin_specks_ends_the_last_item() -> None:
    # list-0002 fax (the end of its last page): `» สั่ง ณวันที่`, the signer's parenthesis lost;
    # sectionlist-0001 copy: `ให้ไว้ ณววันที่`, a bar after the signature. The signers (the
    # truth's นายดวงคำ สงนาวา, จ่าสิบเอกพรต อาจหาญ) are no assignees of the last item.
    r3 = CAT.get("R3").title[:60]
    for closing, signature in (
        ("          » สั่ง ณวันที่ ๑๐ มีกุนายน ๒๕๖๒", "-         “         (นายดวงคำ สงนาวาม"),
        ("                 ให้ไว้ ณววันที่ ๑๙ ธันวาคม.พ.ศ.๒๕๖๕ ':",
         "|                  .            (จ่าสิบเอกพรต อาจหาญ) |"),
    ):
        got = _roles(f"""
เกณฑ์ด้านผลลัพธ์
3. {r3}
เวลา ผู้กำกับดูแล นายบรรเลง แปกลาง ผู้รับผิดชอบ นายอโนภาส ทองสม
*             จ็งขอให้ผู้ได้วับมอบหมายปฏิงัติหน้าที่ด้วยความรับผิดชอบ เพื่อประโยชน์ของ
ทางราชการ
{closing}
{signature}
.                               ”         พัฒนาการจังหวัดพักลุง
""", DAMAGED)
        assert got == {("3.", "supervisor", "บรรเลง แปกลาง"), ("3.", "responsible", "อโนภาส ทองสม")}


def test_the_signature_block_ends_with_its_page() -> None:
    # sectionlist-0003 fax: the order signed on page 1, the list of assignments attached on
    # the next pages, a section's supervisor named in a sentence before its (damaged) header
    # (the truth's นางกรองทอง ปากหวาน supervises the physical criteria)
    t1 = CAT.get("P1").title[:60]
    page1 = ["สั่ง ณ วันที่ ๑๓ ธันวาคม พ.ศ. ๒๕๖๑", "(ว่าที่ร้อยตรีธนกร อาญา)",
             "หัวหน้าฝ่ายบริหารทั่วไป"]
    page2 = [
        "|    เอกสารแนบท้ายคำสั่งสำนักงานทะเบียนอำเภอเมืองหนองคาย ที่ ๒/๒๕๐๑๑",
        "|          ให้ นางกรองท่อง ป่ากหวาน เป็นผู้กำกับดูแลเกภณฑ์ด้านภายภาพ โดยมีผู้       ,",
        ".              รับผิดชอบรายข้อ ดังนี้                                  ”",
        ". เกณทีด้านกภายภาพ (๑๓ ข้อ)",
        f"ข้อ ๑ {t1}",
        "ต้องการของผู้รับบริการในแตละพื้นที่ ผู้รับผิดชอบ นายวรดร ปะจะเน",
    ]
    lines = [Line(1, t, i) for i, t in enumerate(page1)]
    lines += [Line(2, t, len(page1) + i) for i, t in enumerate(page2)]
    parsed = walk(lines, profile=DAMAGED)
    key_of = {i: m.name for i, m in enumerate(parsed.mentions)}
    got = {(parsed.items[r.item_index].number_as_written, str(r.role), r.officer_key)
           for r in resolve_roles(parsed.items, key_of)}
    assert ("ข้อ ๑", "supervisor", "กรองท่อง ป่ากหวาน") in got
    assert ("ข้อ ๑", "responsible", "วรดร ปะจะเน") in got


def test_a_row_whose_number_the_scan_lost_is_the_next_item_not_the_text_of_the_one_above() -> None:
    # sectionlist-0001 photo, physical items ๗ to ๑๐ (the first two numbers misread, the third
    # lost entirely): the names of the lost row are item ๙'s (the truth's นางโฉมเฉลา ถาวรชน
    # and นางธนภร เหลานาคำ), not item ๘'s
    parsed = walk(_lines("""
เกณฑ์ด้านกายภาพ
๓) ไนจุดที่ดำคัญหรือขันควายมีการออกแบบหรือจัดให้สามารถมองเห็นได้ชัดเจน ตามหลักสากลทั้งขณะย
หรือรถล้อเลือน ผู้รับผิดชอบ: นายรอม สมสา
๑) มีการจัดให้มีแสงสว่างอย่างเพียงพอ ผู้รับผิดชอบ: นางสาวฉลอง กาซอ นักจัดการงานทั่วไปชำนาญ
และ นางสาวนวลละออง สามะ
ต มีกาวัดตรรถึงอายวยความสะควกที่ตอดคล้องกับตลลำรวจความต้องการของู้รับบริการ และความ
พร้อมของทรัพยากรที่มี ผู้รับผิดชอบ: นางโฉมเฉลา ถาวรชน และ นางธนกภร เหลานาคำ
๑๐) มีห้องน้าที่สะอาด และถูกสุขลักษณะ ผู้รับผิดชอบ: น.ส.นวลละออง สามะ และ นางสำรวล มาตา
"""), profile=DAMAGED)
    key_of = {i: m.name for i, m in enumerate(parsed.mentions)}
    names: dict[int, set[str]] = {}
    for r in resolve_roles(parsed.items, key_of):
        names.setdefault(r.item_index, set()).add(r.officer_key)
    assert len(parsed.items) == 4
    assert names[1] == {"ฉลอง กาซอ", "นวลละออง สามะ"}
    assert names[2] == {"โฉมเฉลา ถาวรชน", "ธนกภร เหลานาคำ"}
    assert parsed.items[2].text.startswith("ต มีกาวัด")
