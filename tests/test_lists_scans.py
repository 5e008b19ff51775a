"""Lists on copies, faxes and photos: specks in names and titles, damaged labels, numbers whose
dot became a space, and one person read many ways (extract/officers.py, fields.py, numbering.py,
items.py, names.py, heads.py, wrap.py).

The damaged strings are what the pipeline's OCR (Tesseract, dev split, session 3) made of the
generator's list documents and what pdfplumber made of born-digital tables; the expected
names, roles and numbers are what the generator typeset there (the documents' truth.json:
list-0001..0004, multiname-0002, norules-0003, sectionlist-0006), read back by hand.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from extract.catalog import Catalog
from extract.document import extract_document
from extract.fields import find_labels
from extract.findings import FlagKind
from extract.models import Line
from extract.names import cluster_officers
from extract.numbering import Profile, parse_number
from extract.officers import find_names
from extract.wrap import join_wrapped_names

DAMAGED = Profile.DAMAGED


def _names(text: str) -> list[tuple[str, str]]:
    return [(m.title, m.name) for m in find_names(text)]


def _roles(text: str) -> list[str]:
    return [lb.role for lb in find_labels(text)]


# --- specks inside names and titles ----------------------------------------------------------


def test_dots_a_scan_put_before_or_between_names() -> None:
    # list-0001 grey scan and fax
    assert _names("ผู้รับผิดชอบ: นาง แพรพลอย .พลดงนอก และ นาง อรชา") == [
        ("นาง", "แพรพลอย พลดงนอก")]
    assert _names("ว่าทีร้อยตรี กฤษฎาง .นายกชน นาง กนกพร.ทองแดง และ นาง") == [
        ("ว่าที่ร้อยตรี", "กฤษฎาง นายกชน"), ("นาง", "กนกพร ทองแดง")]
    assert _names("นาง.แพรพลอย พลดงนอก ว่าที่ร้อยตรี กฤษฎาง นายกชน และ") == [
        ("นาง", "แพรพลอย พลดงนอก"), ("ว่าที่ร้อยตรี", "กฤษฎาง นายกชน")]
    assert _names("ร้อยตำรวจเอก บวรเดช ใจงาม.และ นาง") == [("ร้อยตำรวจเอก", "บวรเดช ใจงาม")]
    # list-0003 fax: a dot after the given name, a hyphen for the space (the letters the fax
    # damaged restored)
    assert _names("ผู้รับผิดชอง!: นางเยาวนา. สาตตา และ นางสาวกชพร-สายเนตร= 7") == [
        ("นาง", "เยาวนา สาตตา"), ("นางสาว", "กชพร สายเนตร")]
    # the dots of abbreviated titles stay theirs
    assert _names("ว่าที่ ร.ต.โกมล เสาะรส และ ดร.ธนศร กากาเคน") == [
        ("ว่าที่ร้อยตรี", "โกมล เสาะรส"), ("ดร.", "ธนศร กากาเคน")]


def test_specks_and_look_alike_letters_on_short_titles() -> None:
    # list-0002 copy (ดร.ปราช ไชยยศ, นายประชา ชาญประโคน), list-0001 fax (นางอรชา ถาวรชน)
    assert _names("ทรงกรด มาตรา และ ด์ร.ปราช ไชยยศ") == [("ดร.", "ปราช ไชยยศ")]
    assert _names("ดร,ปราช ไชยยศ") == [("ดร.", "ปราช ไชยยศ")]
    assert _names("น่ายประชา ชาญประโคน") == [("นาย", "ประชา ชาญประโคน")]
    assert _names("ผู้กำกับดูแล: น่าง อรชา ถาวรชน หัวหน้า") == [("นาง", "อรชา ถาวรชน")]
    # ด read as ต, a speck read as nikhahit (list-0002/0003 copies)
    assert _names("รับผิดชอบ ตร.ปราช ไชยยศ และ ว่าที่ร้อยตรีกอบพร เพชรกาศ") == [
        ("ดร.", "ปราช ไชยยศ"), ("ว่าที่ร้อยตรี", "กอบพร เพชรกาศ")]
    assert _names("ผู้กำกับตดูแล: ตํร.ธนศร กากาเคน") == [("ดร.", "ธนศร กากาเคน")]
    # ว read as ร in นางสาว: นาง + an unlisted given name gives way (list-0003 fax)
    assert _names("ผู้รับผิดช้อษะ-นางสารกชพร-สายเนตร7") == [("นางสาว", "กชพร สายเนตร")]
    # look-alike letters alone are ordinary words: no listed given name, no name
    assert _names("ในบางปราช ไชยยศ") == []
    assert _names("ตร.ไม่มี ใครเลย") == []


def test_labels_a_scan_damaged_around_their_colon() -> None:
    # list-0001 fax, list-0003 fax and copy
    assert _roles("ผู้รับผิดชอบ!: ว่าที่ร้อยตรี กฤษฎาง นายกชน นาง มนพร สอนคง") == ["responsible"]
    assert _roles("ผู้รับผิดชอบน: นางนฤภร ชำกรม และ นายกฤต ชยามฤต") == ["responsible"]
    assert _roles("ผู้กำกับตดูแล: ว่าที่ ร.ต.โกมล เสาะรส") == ["supervisor"]
    assert _roles("ผู้กากับตดูแล: ว่าที่ ร.ต.โกมล เสาะรส") == ["supervisor"]
    assert _roles("มีการกำหนดผู้รับผิดชอบ ผู้ประสานงาน/เจ้าของงาน เบอร์โทรติดต่อ") == []


# --- names a break or a lost space cut or glued ----------------------------------------------


def test_a_space_inside_a_given_or_family_name() -> None:
    # multiname-0002 born-digital: a narrow cell wrapped inside the name
    assert _names("นางสาวณกานดา เพชรทอง, นางแพรว พลอย ไชยสน, นางอรชา สระสม") == [
        ("นางสาว", "ณกานดา เพชรทอง"), ("นาง", "แพรวพลอย ไชยสน"), ("นาง", "อรชา สระสม")]
    assert _names("นายพล วรรษ โทไวยะ, นายพจนารถ ยอง เพชร") == [
        ("นาย", "พลวรรษ โทไวยะ"), ("นาย", "พจนารถ ยองเพชร")]
    assert _names("นายสมชาย ใจดี มีสุข") == [("นาย", "สมชาย ใจดี")]


def test_a_glued_name_that_reads_as_prose_is_split_by_the_name_lists() -> None:
    # norules-0003 born-digital: the text layer lost the space of นายมะสาเร อำลอย (and wrote
    # SARA AM as SARA AA)
    assert _names("นายมะสาเรอาลอย") == [("นาย", "มะสาเร อาลอย")]
    assert _names("เธอคือ นางสาวน้อยที่สดใส ของหมู่บ้าน") == []


def test_a_family_name_a_text_layer_spelt_with_sara_aa_after_a_wrap() -> None:
    # sectionlist-0006 born-digital: พ.ต.ท.เอกสรา นาคำ, wrapped inside the given name
    lines = [Line(1, "ผู้รับผิดชอบ พ.ต.ท.เอก", 0), Line(1, "สรา นาคา น.ส.พรหมพร พลหอม", 1)]
    joined = join_wrapped_names(lines)
    names = [m.name for line in joined for m in find_names(line.text)]
    assert names == ["เอกสรา นาคา", "พรหมพร พลหอม"]


# --- numbers ---------------------------------------------------------------------------------


def test_a_dot_read_as_a_space_inside_a_number() -> None:
    # list-0002 grey scan: 1.1. and 21.1. read as `1 1`, `21 1`
    assert parse_number("1 1 มีการสำรวจ เพื่อให้ทราบความต้องการ", DAMAGED).parts == (1, 1)
    assert parse_number("21 1 มีแผนการบริหารความต่อเนื่อง", DAMAGED).parts == (21, 1)
    assert parse_number("1 1 มีการสำรวจ").parts == (1,)  # clean text: no such reading
    assert parse_number("7 6) ยนาดและพื้นที่ใช้งาน", DAMAGED).parts == (6,)  # margin specks
    assert parse_number("3 ปีที่ผ่านมา", DAMAGED) is None


def test_a_garbled_number_before_the_next_criterions_title_is_that_criterion() -> None:
    # list-0002 copy (edition 2562): 9.1. read as `0.1.`
    cat = Catalog.load("2562")
    page = "\n".join([
        "เกณฑ์ด้านคุณภาพ",
        f"8.2. {cat.get('Q8.2').title[:60]} ผู้กำกับดูแล นายบรรเลง แปกลาง",
        f"8.3. {cat.get('Q8.3').title[:60]} ผู้กำกับดูแล นายบรรเลง แปกลาง",
        "ผู้รับผิดชอบ นายประชา ชาญประโคน",
        "0.1. มีก่ารพัฒนาเพิ่มช่องทางการให้บริการ ทารให้ปรึกษา ผู้กำกับดูแล นายบรรเลง แป่กลาง",
        "ผู้รับผิดชอบ นายประชา ชาญ่ประโคน และ ว่าที่ร้อยตรีประกอบ, เส้นานารถ",
        f"10.1. {cat.get('Q10.1').title[:60]} ผู้กำกับดูแล นายบรรเลง แปกลาง",
        "ผู้รับผิดชอบ ว่าที่ร้อยตรีประกอบ เสนานารถ",
        # a damaged line elsewhere on the page makes the profile the damaged scan's
        "(6(^61'กโฑ6ท1: เวิลร)/ (วิอกเลเะเ : (วิ!:(10",
        "(6(^61'กโฑ6ท1: เวิลร)/ (วิอกเลเะเ : (วิ!:(10",
    ])
    ex = extract_document("doc", [(1, page)], edition="2562")
    got = {(a.criterion, a.role) for a in ex.assignments if a.criterion == "Q9.1"}
    assert got == {("Q9.1", "supervisor"), ("Q9.1", "responsible")}
    assert "Q8.3" in {it.criterion for it in ex.items}


# --- one person, many spellings --------------------------------------------------------------


def _mentions(spellings: dict[str, int]) -> list:
    return [m for text, n in spellings.items() for _ in range(n) for m in find_names(text)]


def test_two_clusters_of_one_person_join_by_their_heads() -> None:
    # list-0002 copy: ว่าที่ร้อยตรีประกอบ เสนานารถ as Tesseract read it 17 times; the
    # damaged spellings are too far from each other for complete linkage to keep one cluster
    spellings = {
        "ว่าที่ร้อยตรีประกอบ เสนานารถ": 4, "ว่าที่ร้อยตรีประกอบ เสนานารถก": 2,
        "ว่าที่ร้อยตรีประกอบ เลนงนารถ": 1, "ว่าที่ร้อยตรีประกอบ เสนานารก": 1,
        "ว่าที่ร้อยตรีประกอบ เสนาน่ารถ": 1, "ว่าที่ร้อยตรีประกอบ เสนาน่ารถก": 1,
        "ว่าที่ร้อยตรีประกอบ เสนาษารก": 1, "ว่าที่ร้อยตรีประกอบ เสน่านารถก": 1,
        "ว่าที่ร้อยตรีประกอบ เสลนานารถก": 1, "ว่าที่ร้อยตรีประกอน เสนานารถก": 1,
        "ว่าที่ร้อยตรีประกอบ เส้นานารถ": 1,
        # two other people of the same order
        "ว่าที่ร้อยตรีกอบพร เพชรกาศ": 7, "ว่าที่ร้อยตรีกอบพร เพชรภาศ": 2,
        "นายประชา ชาญประโคน": 11, "นายประชา ชาญประโศน": 1,
    }
    mentions = _mentions(spellings)
    assert len(mentions) == sum(spellings.values())
    officers, _ = cluster_officers(mentions, damaged=True)
    assert sorted(o.name for o in officers) == [
        "กอบพร เพชรกาศ", "ประกอบ เสนานารถ", "ประชา ชาญประโคน"]


def test_a_name_whose_family_name_the_fax_lost_joins_its_person() -> None:
    # list-0001 fax: ร้อยตำรวจเอก บวรเดช ใจงาม once read as `ร้อยตำรวจเอก ปวรเดิซี RTT`
    mentions = _mentions({
        "ร้อยตำรวจเอก บวรเดช ใจงาม": 4, "นาย ยอดชาย เดชะผล": 6, "นาง อรชา ถาวรชน": 9,
    })
    lone = find_names("ผู้รับผิดชอบ: ร้อยตำรวจเอก ปวรเดิซี RTT", trailing_given=True)
    assert [(m.given, m.family) for m in lone] == [("ปวรเดิซี", "")]
    officers, key_of = cluster_officers([*mentions, *lone], damaged=True)
    assert sorted(o.name for o in officers) == ["บวรเดช ใจงาม", "ยอดชาย เดชะผล", "อรชา ถาวรชน"]
    assert key_of[lone[0].as_written] == key_of["ร้อยตำรวจเอก บวรเดช ใจงาม"]


def test_a_family_name_cut_short_joins_its_person() -> None:
    # list-0003 fax: ว่าที่ร้อยตรีโกมล เสาะรส read as `ว่าที่ร้อยตรีโกมล เส LR I`
    mentions = _mentions({"ว่าที่ร้อยตรีโกมล เสาะรส": 12, "ว่าที่ร้อยตรีโกมล เส": 1,
                          "นางเยาวนา สาตตา": 8})
    officers, _ = cluster_officers(mentions, damaged=True)
    assert sorted(o.name for o in officers) == ["เยาวนา สาตตา", "โกมล เสาะรส"]


def test_two_people_with_near_names_stay_two() -> None:
    # two listed given names (สมชาย, สมชัย) with one family name: siblings, not a misreading
    mentions = _mentions({"นายสมชาย ใจดี": 5, "นายสมชัย ใจดี": 4})
    officers, _ = cluster_officers(mentions, damaged=True)
    assert sorted(o.name for o in officers) == ["สมชัย ใจดี", "สมชาย ใจดี"]


def test_acting_ranks_with_dots_spaces_and_look_alike_letters() -> None:
    # the acting ranks as the tables' scans write them (ruled-0001, norules-0002, -0005)
    for written in ("ว่าที่ ร.ท.สำรวย ดอนมายา", "ว่าที่ร . ท . สำรวย ดอนมายา", "ว่าที่ ร.ท สำรวย ดอนมายา",
                    "ว่าที่ ร.ท,สำรวย ดอนมายา", "ว่าที่ ร.ห.สำรวย ดอนมายา", "ว่าทีร้อยโทสำรวย ดอนมายา"):
        assert _names(written) == [("ว่าที่ร้อยโท", "สำรวย ดอนมายา")], written
    assert _names("ว่าที่ ร.ต ชโลธร คำเพราะ") == [("ว่าที่ร้อยตรี", "ชโลธร คำเพราะ")]


def test_a_section_heading_whose_prefix_the_photo_damaged() -> None:
    # sectionlist-0004 photo: `ด้านที่ ๒ ด้านบริการ (๒๔ ข้อ)` read as below
    from extract.sections import parse_header

    header = parse_header("ด้านชี    ๒ ด้านบริการ (๒๔ ข้อ)")
    assert header is not None and header.section == 2
    assert parse_header("ด้านบริการ ๒๔ ข้อ ของศูนย์ราชการสะดวกทุกแห่ง") is None


def test_a_speck_letter_glued_before_a_title() -> None:
    # sectionlist-0004 photo: the section supervisor ดร.สกาย พลอาจ
    assert _names("ผู้กำกับดูแล: ตดร.สกาย พลอาจ") == [("ดร.", "สกาย พลอาจ")]
    assert _names("การพัฒนางานสกาย พลอาจ") == []


def test_a_tie_between_two_spellings_keeps_the_longer() -> None:
    # sectionlist-0001 photo: the section supervisor นายโทน ยาญา, once read `นาย ,ทน ยาญา`
    mentions = _mentions({"นายโทน ยาญา": 1, "นาย ,ทน ยาญา": 1, "นางสาวชมพู่ ใจดี": 3})
    officers, _ = cluster_officers(mentions, damaged=True)
    assert "โทน ยาญา" in {o.name for o in officers}


def test_a_topic_digit_misread_is_corrected_by_the_numbers_around_it() -> None:
    # list-0005 copy (edition 2562): ๔.๑ ๔.๓ read as ๕.๑ ๕.๓, ๖.๒ ๖.๓ as ๒.๒ ๒.๓, ๑๙.๑ as
    # ๑๕.๑ (the stock Thai models cannot write ๔ ๖ ๙)
    from extract.models import Group, Item
    from extract.sequence import assign_ids

    written = [(3, 1), (5, 1), (4, 2), (5, 3), (4, 4), (6, 1), (2, 2), (2, 3), (6, 4),
               (18, 1), (15, 1), (20, 1)]
    items = [Item(Group.QUALITY, ".".join(map(str, p)), p, 1, "") for p in written]
    known = {f"Q{a}.{b}" for a in range(1, 25) for b in range(1, 8)}
    items = assign_ids(items, None, known)
    assert [it.criterion for it in items] == [
        "Q3.1", "Q4.1", "Q4.2", "Q4.3", "Q4.4", "Q6.1", "Q6.2", "Q6.3", "Q6.4",
        "Q18.1", "Q19.1", "Q20.1"]
    assert [(f.kind, f.criterion) for f in items[1].flags] == [
        (FlagKind.CORRECTED_BY_NEIGHBOURS, "Q4.1")]


def test_a_given_name_alone_joins_its_person_after_the_full_names_joined() -> None:
    # sectionlist-0001 fax: นางโฉมเฉลา ถาวรชน, read ใฉมเฉลา with and without its family name
    mentions = _mentions({"นางโฉมเฉลา ถาวรชน": 8, "นางใฉมเฉลา ถาวรชน": 2, "นายรอม สมสา": 4})
    mentions += find_names("และ นางใฉมเฉลา", trailing_given=True)
    officers, _ = cluster_officers(mentions, damaged=True)
    assert sorted(o.name for o in officers) == ["รอม สมสา", "โฉมเฉลา ถาวรชน"]
    # `น่างสาว เล`: a speck cut นางสาว, no person นาง สาว…
    assert _names("ผู้รับผิดชอบ: น่างสาว เล") == []
