"""Declared counts found anywhere in a document (extract/counts.py): lines written as the
generator's circulars and letters print them (samples/families/circular.py)."""

from __future__ import annotations

from extract.counts import document_counts, with_document_counts
from extract.models import Group, Line


def _lines(*texts: str, page: int = 1) -> list[Line]:
    return [Line(page, t, row=i) for i, t in enumerate(texts)]


def test_a_count_whose_phrase_crosses_a_line_break_is_found_once() -> None:
    lines = _lines("หลักเกณฑ์ดังกล่าวประกอบด้วยเกณฑ์ ๓ ด้าน รวมทั้งสิ้นจำนวน ๕๑",
                   "(ห้าสิบเอ็ด) ข้อ ดังนี้",
                   "๑. เกณฑ์ด้านกายภาพ จำนวน ๑๕ (สิบห้า) ข้อ")
    found = document_counts(lines)
    assert sorted(d.count for d in found) == [15, 51]
    total = next(d for d in found if d.count == 51)
    assert total.group is None  # the document's total


def test_total_words_on_the_line_before_the_count() -> None:
    found = document_counts(_lines("เกณฑ์การประเมินมาตรฐานศูนย์ราชการสะดวก รวมทั้งสิ้น",
                                   "จำนวนหกสิบแปด (68) ข้อ ดังนี้"))
    assert [(d.group, d.count) for d in found] == [(None, 68)]


def test_jamnuan_without_its_sara_am_still_declares() -> None:
    found = document_counts(_lines("รวมทั้งสิ้นจานวน ๕๖ ข้อ"))
    assert [d.count for d in found] == [56]


def test_equal_counts_of_two_scopes_on_one_page_are_two_declarations() -> None:
    lines = _lines("๓. เงื่อนไขพิเศษ (เพิ่มเติม) จำนวน ๓ (สาม) ข้อ",
                   "๔. เกณฑ์ด้านผลลัพธ์ จำนวน ๓ (สาม) ข้อ")
    found = with_document_counts([], lines)
    assert {(d.group, d.count) for d in found} == {(Group.SPECIAL, 3), (Group.RESULTS, 3)}
    # ... while the walk's reading of the same declaration is not repeated.
    again = with_document_counts(found[:1], lines)
    assert len(again) == 2


def test_a_number_in_a_sentence_is_no_count() -> None:
    assert document_counts(_lines("ตามหนังสือ ที่ มท ๐๓๐๕.๑/ว ๔๑๒ ลงวันที่ ๑๓ พฤศจิกายน ๒๕๖๒",
                                  "ข้อ ๑ มีป้ายบอกทาง")) == []
