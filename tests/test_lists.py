"""List-layout orders: items without tables, labelled fields, section supervisors, wrapped names,
signer and coordinator (extract/items.py, fields.py, meta.py, document.py).

Inputs are written the way offices type list layouts (DOMAIN.md, "Layouts that offices use");
the expected values are what the text says, and for the whole documents of tests/listdocs.py
the truth its builder recorded while writing them.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from bench.evaluate import assignment_scores
from extract.catalog import Catalog
from extract.document import extract_document
from extract.fields import find_labels
from extract.items import walk
from extract.models import Group, Line
from extract.roles import resolve_roles
from tests import listdocs

P1 = Catalog.load("2567").get("P1").title[:80]
P2 = Catalog.load("2567").get("P2").title[:80]
P3 = Catalog.load("2567").get("P3").title[:80]


def _lines(text: str) -> list[Line]:
    return [Line(1, t, i) for i, t in enumerate(text.strip().splitlines()) if t.strip()]


def _roles(text: str) -> set[tuple[str, str, str]]:
    """(item number as written, role, name) of a small list, through the walk and the roles."""
    parsed = walk(_lines(text))
    key_of = {i: m.name for i, m in enumerate(parsed.mentions)}
    return {
        (parsed.items[r.item_index].number_as_written, str(r.role), r.officer_key)
        for r in resolve_roles(parsed.items, key_of)
    }


def _ex(doc: listdocs.Doc):
    ex = extract_document("doc", [(i + 1, p) for i, p in enumerate(doc.pages)])
    rows = [{"criterion": a.criterion, "role": str(a.role), "name": a.name} for a in ex.assignments]
    return ex, assignment_scores(rows, doc.rows())


# --- labelled fields -----------------------------------------------------------------------


def test_labels_with_a_colon_on_the_items_line() -> None:
    got = _roles(f"""
เกณฑ์ด้านกายภาพ
ข้อ ๑ {P1} ผู้กำกับดูแล: นางวันดี ศรีสุข ผู้รับผิดชอบ: นายสมชาย ใจดี, น.ส.สุนิสา แก้วมณี
""")
    assert got == {
        ("ข้อ ๑", "supervisor", "วันดี ศรีสุข"),
        ("ข้อ ๑", "responsible", "สมชาย ใจดี"),
        ("ข้อ ๑", "responsible", "สุนิสา แก้วมณี"),
    }


def test_labels_without_a_colon_on_the_lines_below() -> None:
    got = _roles(f"""
เกณฑ์ด้านกายภาพ
ข้อที่ 1 {P1}
ผู้กำกับดูแล นางวันดี ศรีสุข
ผู้รับผิดชอบ นายสมชาย ใจดี และนางสาวสุภาพร มีสุข
ข้อที่ 2 {P2}
ผู้รับผิดชอบ
นายวิชัย สุขสวัสดิ์
ผู้กำกับดูแล
นางวันดี ศรีสุข
""")
    assert got == {
        ("ข้อที่ 1", "supervisor", "วันดี ศรีสุข"),
        ("ข้อที่ 1", "responsible", "สมชาย ใจดี"),
        ("ข้อที่ 1", "responsible", "สุภาพร มีสุข"),
        ("ข้อที่ 2", "supervisor", "วันดี ศรีสุข"),
        ("ข้อที่ 2", "responsible", "วิชัย สุขสวัสดิ์"),
    }


def test_a_field_runs_over_several_lines_and_stops_at_the_next_item() -> None:
    got = _roles(f"""
เกณฑ์ด้านกายภาพ
(๑) {P1}
ผู้รับผิดชอบ: นายสมชาย ใจดี /
นางสาวสุภาพร มีสุข
ผู้กำกับดูแล: นางวันดี ศรีสุข
(๒) {P2}
ผู้กำกับดูแล: ดร.กาญจนา ทองดี
""")
    assert ("(๑)", "responsible", "สุภาพร มีสุข") in got
    assert ("(๒)", "supervisor", "กาญจนา ทองดี") in got
    assert not any(n == "(๒)" and role == "responsible" and name == "สุภาพร มีสุข"
                   for n, role, name in got)


def test_one_person_supervisor_and_responsible_of_the_same_item() -> None:
    got = _roles(f"""
เกณฑ์ด้านกายภาพ
๑. {P1}
ผู้กำกับดูแล: นางวันดี ศรีสุข
ผู้รับผิดชอบ: นางวันดี ศรีสุข, นายสมชาย ใจดี
""")
    assert ("๑.", "supervisor", "วันดี ศรีสุข") in got
    assert ("๑.", "responsible", "วันดี ศรีสุข") in got


def test_label_words_inside_a_criterion_title_open_no_field() -> None:
    title = Catalog.load("2567").get("P6").title
    assert "ผู้รับผิดชอบ" in title and "ผู้ประสานงาน" in title
    assert find_labels(title) == []
    assert [x.role for x in find_labels("ผู้รับผิดชอบ นายสมชาย ใจดี")] == ["responsible"]
    assert find_labels("มอบหมายผู้กำกับดูแลและผู้รับผิดชอบตามหลักเกณฑ์") == []


def test_untitled_names_in_a_field_are_the_same_people() -> None:
    got = _roles(f"""
เกณฑ์ด้านกายภาพ
ข้อ ๑ {P1}
ผู้กำกับดูแล: นางวันดี ศรีสุข ผู้รับผิดชอบ: นายสมชาย ใจดี
ข้อ ๒ {P2}
ผู้กำกับดูแล: วันดี ศรีสุข ผู้รับผิดชอบ: สมชาย ใจดี และ สุภาพร มีสุข
""")
    assert ("ข้อ ๒", "supervisor", "วันดี ศรีสุข") in got
    assert ("ข้อ ๒", "responsible", "สุภาพร มีสุข") in got


# --- section-level supervisors -------------------------------------------------------------


def test_section_supervisor_under_the_heading() -> None:
    got = _roles(f"""
เกณฑ์ด้านกายภาพ
ผู้กำกับดูแล: นางวันดี ศรีสุข
๑ {P1}
ผู้รับผิดชอบ นายสมชาย ใจดี
๒ {P2}
ผู้รับผิดชอบ นางสาวสุภาพร มีสุข
๓ {P3}
ผู้กำกับดูแล ดร.กาญจนา ทองดี ผู้รับผิดชอบ นายวิชัย สุขสวัสดิ์
""")
    assert got == {
        ("๑", "supervisor", "วันดี ศรีสุข"),
        ("๑", "responsible", "สมชาย ใจดี"),
        ("๒", "supervisor", "วันดี ศรีสุข"),
        ("๒", "responsible", "สุภาพร มีสุข"),
        ("๓", "supervisor", "กาญจนา ทองดี"),  # an item that names its own keeps it
        ("๓", "responsible", "วิชัย สุขสวัสดิ์"),
    }


def test_section_supervisor_in_a_sentence_before_the_section() -> None:
    q11 = Catalog.load("2567").get("Q1.1").title[:80]
    q12 = Catalog.load("2567").get("Q1.2").title[:80]
    got = _roles(f"""
เกณฑ์ด้านกายภาพ
๑ {P1}
ผู้กำกับดูแล นางวันดี ศรีสุข ผู้รับผิดชอบ นายสมชาย ใจดี
สำหรับเกณฑ์ด้านคุณภาพ มอบหมายให้ ดร.กาญจนา ทองดี เป็นผู้กำกับดูแลด้านสถานที่ ดังนี้
เกณฑ์ด้านคุณภาพ ด้านสถานที่
๑.๑ {q11}
ผู้รับผิดชอบ นางสาวสุภาพร มีสุข นายวิชัย สุขสวัสดิ์
๑.๒ {q12}
ผู้รับผิดชอบ นายสมชาย ใจดี
""")
    assert got == {
        ("๑", "supervisor", "วันดี ศรีสุข"),
        ("๑", "responsible", "สมชาย ใจดี"),
        ("๑.๑", "supervisor", "กาญจนา ทองดี"),
        ("๑.๑", "responsible", "สุภาพร มีสุข"),
        ("๑.๑", "responsible", "วิชัย สุขสวัสดิ์"),
        ("๑.๒", "supervisor", "กาญจนา ทองดี"),
        ("๑.๒", "responsible", "สมชาย ใจดี"),
    }


# --- names over two lines, positions on the next line --------------------------------------


def test_family_name_on_the_next_line() -> None:
    got = _roles(f"""
เกณฑ์ด้านกายภาพ
ข้อ ๑ {P1}
ผู้กำกับดูแล: นางสาวสุภาพร
มีสุข
ผู้รับผิดชอบ: นายสมชาย ใจดี, ว่าที่ ร.ต.อนุชา
บุญมา และนางวันดี ศรีสุข
""")
    assert got == {
        ("ข้อ ๑", "supervisor", "สุภาพร มีสุข"),
        ("ข้อ ๑", "responsible", "สมชาย ใจดี"),
        ("ข้อ ๑", "responsible", "อนุชา บุญมา"),
        ("ข้อ ๑", "responsible", "วันดี ศรีสุข"),
    }


def test_a_family_name_and_a_label_cut_by_the_line_break() -> None:
    # What a renderer's line breaking does to a long item line (seen in a WeasyPrint PDF).
    got = _roles(f"""
เกณฑ์ด้านกายภาพ
ข้อ ๑ {P1[:50]} ผู้กำกับดูแล: นางวันดี ศรี
สุข ผู้รับผิดชอบ: นางสาวสุภาพร มีสุข
ข้อ ๒ {P2[:50]} ผู้กำกับดูแล: ดร.กาญจนา ทองดี ผู้
รับผิดชอบ: นายวิชัย สุขสวัสดิ์
""")
    assert got == {
        ("ข้อ ๑", "supervisor", "วันดี ศรีสุข"),
        ("ข้อ ๑", "responsible", "สุภาพร มีสุข"),
        ("ข้อ ๒", "supervisor", "กาญจนา ทองดี"),
        ("ข้อ ๒", "responsible", "วิชัย สุขสวัสดิ์"),
    }


def test_a_given_name_cut_before_its_last_letter() -> None:
    # sectionlist-0005's text layer: `… ผู้รับผิดชอบ น.ส. อามา` / `ล ภารสาร` (the truth's
    # น.ส. อามาล ภารสาร; อามาล is a listed given name, อามา none)
    got = _roles(f"""
เกณฑ์ด้านกายภาพ
ข้อ ๑ {P1[:50]} ผู้รับผิดชอบ น.ส. อามา
ล ภารสาร
""")
    assert got == {("ข้อ ๑", "responsible", "อามาล ภารสาร")}


def test_position_on_the_line_under_a_name_is_the_officers_position() -> None:
    parsed = walk(_lines(f"""
เกณฑ์ด้านกายภาพ
ข้อ ๑ {P1}
ผู้รับผิดชอบ: นายสมชาย ใจดี
นักวิชาการเงินและบัญชีชำนาญการ
"""))
    assert [(m.name, m.position) for m in parsed.mentions] == [
        ("สมชาย ใจดี", "นักวิชาการเงินและบัญชีชำนาญการ")
    ]
    assert "นักวิชาการ" not in parsed.items[0].text


# --- items that no header announces, sub-lists, numbers that are no items ------------------


def test_items_without_headers_take_their_group_from_the_number() -> None:
    q21 = Catalog.load("2567").get("Q2.1").title[:80]
    parsed = walk(_lines(f"""
1. {P1}
2. {P2}
2.1 {q21}
"""))
    assert [(it.group, it.written) for it in parsed.items] == [
        (Group.PHYSICAL, (1,)), (Group.PHYSICAL, (2,)), (Group.QUALITY, (2, 1)),
    ]


def test_a_numbered_list_inside_an_item_is_not_an_item() -> None:
    parsed = walk(_lines(f"""
เกณฑ์ด้านกายภาพ
ข้อ ๑ {P1} ดังนี้
(๑) วันจันทร์-ศุกร์ เพิ่มเวลาพักเที่ยง
(๒) วันเสาร์-อาทิตย์ เป็นต้น
ข้อ ๒ {P2}
"""))
    assert [it.number_as_written for it in parsed.items] == ["ข้อ ๑", "ข้อ ๒"]
    assert "วันเสาร์" in parsed.items[0].text


def test_dates_references_and_phones_in_the_letter_are_no_items() -> None:
    ex, _ = _ex(listdocs.labelled_list())
    assert all(it.criterion[0] in "PQR" for it in ex.items)
    assert [it.criterion for it in ex.items] == listdocs.labelled_list().items


def test_edition_and_items_when_numbers_are_unreadable() -> None:
    titles = [Catalog.load("2567").get(f"P{i}").title[:90] for i in range(1, 7)]
    text = "เกณฑ์ด้านกายภาพ\n" + "\n".join(f"{t}\nผู้รับผิดชอบ: นายสมชาย ใจดี" for t in titles)
    ex = extract_document("doc", [(1, text)])
    assert ex.edition == "2567"
    assert {it.criterion for it in ex.items} >= {f"P{i}" for i in range(1, 7)}


# --- signer and coordinator ----------------------------------------------------------------


def test_signer_and_coordinator_by_position_never_assignees() -> None:
    doc = listdocs.labelled_list()
    ex, _ = _ex(doc)
    signer, coordinator = ex.meta.signer, ex.meta.coordinator
    assert signer is not None and signer.name == listdocs.SIGNER.name
    assert signer.position == listdocs.SIGNER.position
    assert coordinator is not None and coordinator.name == listdocs.COORDINATOR.name
    assert coordinator.phone == "๐ ๕๔๗๑ ๐๒๓๔"
    assigned = {a.name for a in ex.assignments}
    assert listdocs.SIGNER.name not in assigned and listdocs.COORDINATOR.name not in assigned


def test_the_signer_after_the_last_item_is_not_its_responsible() -> None:
    text = f"""เกณฑ์ด้านกายภาพ
ข้อ ๑ {P1}
ผู้รับผิดชอบ: นายสมชาย ใจดี
ข้อ ๒ {P2}
ผู้รับผิดชอบ: นางวันดี ศรีสุข
ข้อ ๓ {P3}
ผู้รับผิดชอบ: นางวันดี ศรีสุข
ให้ไว้ ณ วันที่ ๑๕ มกราคม พ.ศ. ๒๕๖๗
นายประเสริฐ รักษาดี
ผู้อำนวยการสำนักงาน"""
    ex = extract_document("doc", [(1, text)])
    assert "ประเสริฐ รักษาดี" not in {a.name for a in ex.assignments}
    assert ex.meta.signer.name == "ประเสริฐ รักษาดี"


# --- whole documents (truth from the builder) ----------------------------------------------


@pytest.mark.parametrize(
    "doc",
    [
        listdocs.labelled_list(),
        listdocs.labelled_list(colon=False, below=True),
        listdocs.labelled_list(thai=False, headers=False),
        listdocs.section_list(sentence=False),
        listdocs.section_list(sentence=True),
    ],
    ids=["labels-same-line", "labels-below-no-colon", "arabic-no-headers", "section-heading",
         "section-sentence"],
)
def test_hand_written_list_orders(doc: listdocs.Doc) -> None:
    ex, scores = _ex(doc)
    assert ex.edition == "2567"
    assert scores.f1 == 1.0, scores
    assert len({a.officer_key for a in ex.assignments}) == len(doc.officers)


def test_a_clean_number_of_another_section_opens_that_section() -> None:
    q51 = Catalog.load("2567").get("Q5.1").title[:60]
    q41 = Catalog.load("2567").get("Q4.1").title[:60]
    parsed = walk(_lines(f"""
เกณฑ์ด้านคุณภาพ ด้านเทคโนโลยี
4.1) {q41} ผู้รับผิดชอบ: นายสมชาย ใจดี
5.1) {q51} ผู้รับผิดชอบ: นางวันดี ศรีสุข
"""))
    assert [(it.group, it.section, it.written) for it in parsed.items] == [
        (Group.QUALITY, 4, (4, 1)), (Group.SPECIAL, 5, (5, 1)),
    ]


def test_a_title_ending_the_line_keeps_its_dot_and_its_name() -> None:
    got = _roles(f"""
เกณฑ์ด้านกายภาพ
ข้อ ๑ {P1[:40]} ผู้รับผิดชอบ: นายรอม สมสา และ จ.ส.อ.
ชญาธร วงมะแสน หัวหน้ากลุ่มงานยุทธศาสตร์และแผนงาน
""")
    assert ("ข้อ ๑", "responsible", "ชญาธร วงมะแสน") in got


def test_coordinator_of_a_circular_across_lines() -> None:
    from extract.meta import read_meta

    text = """หนังสือเวียน
จึงเรียนมาเพื่อโปรดทราบ
ขอแสดงความนับถือ
(นางวันดี ศรีสุข)
รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน
ผู้ว่าราชการจังหวัดน่าน
ทั้งนี้ หากมีข้อสงสัย โปรดติดต่อผู้ประสานงาน นายสมชาย ใจ
ดีตาแหน่ง หัวหน้ากลุ่มงานบริหารทั่วไป โทร. ๐๘ ๔๕๘๗
๕๙๕๐"""
    meta = read_meta(_lines(text))
    assert meta.signer is not None and meta.signer.name == "วันดี ศรีสุข"
    assert meta.signer.position == "รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทน ผู้ว่าราชการจังหวัดน่าน"
    coordinator = meta.coordinator
    assert coordinator is not None
    assert (coordinator.name, coordinator.position, coordinator.phone) == (
        "สมชาย ใจดี", "หัวหน้ากลุ่มงานบริหารทั่วไป", "๐๘ ๔๕๘๗ ๕๙๕๐"
    )


def test_two_table_columns_wrapped_side_by_side_are_not_joined() -> None:
    from extract.wrap import join_wrapped_names

    lines = _lines("""
๑ มีการให้บริการนอกเวลาราชการ นางสาว สุภาพร นางสาว สุนิสา
มีสุข แก้วมณี
ข้อ ๒ ผู้รับผิดชอบ: นางสาวสุภาพร
มีสุข
""")
    joined = [line.text for line in join_wrapped_names(lines)]
    assert joined[0].endswith("นางสาว สุนิสา") and joined[1] == "มีสุข แก้วมณี"
    assert joined[2] == "ข้อ ๒ ผู้รับผิดชอบ: นางสาวสุภาพร มีสุข"
    # text of the next line is no family name: `… นางสาว สุนิสา` / `การปฏิบัติงาน …`
    prose = join_wrapped_names(_lines("ผู้รับผิดชอบ นางสาวสุนิสา\nการปฏิบัติงานตามแผน"))
    assert [line.text for line in prose] == ["ผู้รับผิดชอบ นางสาวสุนิสา", "การปฏิบัติงานตามแผน"]
