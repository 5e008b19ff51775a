"""Validation that trusts numbers: clerk slips from what is printed, OCR misreadings as notes,
declared counts in digits and Thai number words (issue 13, part 3).

Count phrases come from the sample generator's own templates and number writers, so the truth
is what the generator typesets; the numbering cases are items as the extraction builds them.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from extract.findings import Flag, FlagKind
from extract.models import Group, Item
from extract.sections import declared_counts, parse_header
from extract.sequence import assign_ids
from extract.thainum import count_phrases, number_value, squash
from extract.validate import CLERK_KINDS, count_found, numbering_findings
from samples.families.circular import COUNT_STYLES
from samples.families.text import digits, thai_words

# The order families' templates (samples/families/assemble.py) and the circular's.
ORDER_STYLES = ("จำนวน {d} ข้อ", "({d} ข้อ)", "จำนวน {d} ข้อ ({w}ข้อ)")


@pytest.mark.parametrize("style", ORDER_STYLES + COUNT_STYLES)
@pytest.mark.parametrize("thai", [True, False])
def test_every_count_the_generator_writes_is_read(style: str, thai: bool) -> None:
    for n in range(1, 100):
        phrase = style.format(d=digits(n, thai), w=thai_words(n))
        found = count_phrases(squash(f"เกณฑ์ด้านกายภาพ {phrase} (ต้องผ่านเกณฑ์ทุกข้อ)"))
        assert [p.value for p in found] == [n], phrase


def test_words_win_over_misread_digits() -> None:
    # The Thai model writes ๘ as ๕: `๑๘ (สิบแปด)` read as `๑๕ (สิบแปด)` is still 18.
    assert [p.value for p in count_phrases(squash("จำนวน ๑๕ (สิบแปด) ข้อ"))] == [18]
    assert number_value("ห้าสิบเอ็ด") == 51 and number_value("๓๗") == 37
    assert number_value("นาย") is None


def test_a_rate_and_a_count_of_sets_are_no_declared_counts() -> None:
    assert count_phrases(squash("คะแนนข้อละ ๒ คะแนน")) == []
    assert count_phrases(squash("สิ่งที่ส่งมาด้วย หลักเกณฑ์ จำนวน ๑ ชุด")) == []


def test_a_circular_declares_its_total() -> None:
    text = "หลักเกณฑ์ดังกล่าวประกอบด้วยเกณฑ์ ๓ ด้าน รวมทั้งสิ้น จำนวนหกสิบแปด (68) ข้อ ดังนี้"
    (total,) = declared_counts(text, 1, parse_header(text))
    assert total.group is None and total.count == 68
    items = [Item(Group.PHYSICAL, str(n), (n,), 1, "", criterion=f"P{n}") for n in range(1, 14)]
    assert count_found(total, items, {}) == 13
    line = "๒. เกณฑ์ด้านคุณภาพ จำนวน ๓๗ (สามสิบเจ็ด) ข้อ"
    (quality,) = declared_counts(line, 1, parse_header(line))
    assert quality.group is Group.QUALITY and quality.count == 37


def _items(printed: list[tuple[int, ...]], page: int = 1) -> list[Item]:
    items = [Item(Group.QUALITY, ".".join(digits(p, True) for p in parts), parts, page, "")
             for parts in printed]
    items = assign_ids(items, known={f"Q{a}.{b}" for a in range(1, 5) for b in range(1, 25)})
    return items


def _clerk(findings) -> list[tuple[str, str]]:
    return [(f.kind, f.criterion) for f in findings if f.kind in CLERK_KINDS]


def test_a_repeated_number_is_the_clerks_slip_with_its_corrected_id() -> None:
    items = _items([(2, 16), (2, 17), (2, 17), (2, 19)])
    findings = numbering_findings("d", items, {1: "reread"})
    assert _clerk(findings) == [("duplicate", "Q2.18")]
    assert "should be ๒.๑๘" in next(f.detail for f in findings if f.kind == "duplicate")


def test_a_skipped_number_is_reported_with_the_id_it_should_have() -> None:
    # ๑.๑ ๑.๒ ๑.๓ ๑.๕ in a section of four: the clerk skipped ๑.๔.
    items = _items([(1, 1), (1, 2), (1, 3), (1, 5)])
    items[-1] = replace(items[-1], flags=(Flag(FlagKind.CORRECTED_BY_TEXT, "๑.๕", "Q1.4"),),
                        criterion="Q1.4")
    assert _clerk(numbering_findings("d", items, {1: "text"})) == [("skipped", "Q1.4")]


def test_a_misreading_the_thai_model_is_known_for_is_no_clerk_slip() -> None:
    # ๒.๑๘ printed, the Thai model alone wrote ๒.๑๕ (it writes ๘ as ๕): a note, not a slip,
    # on a page it read alone; on a page whose numbers were re-read, where the number model
    # read ๒.๑๕ too, the digit is trusted.
    from ocr.layout import Word

    items = _items([(2, 16), (2, 17), (2, 15), (2, 19)])
    assert any("2.15" in f.number or "๒.๑๕" in f.number for f in items[2].flags)
    on_ocr = numbering_findings("d", items, {1: "ocr"})
    assert _clerk(on_ocr) == []
    assert [f.criterion for f in on_ocr if f.kind == "ocr_misread"] == ["Q2.18"]
    both = Word("๒.๑๕", (10.0, 10.0, 60.0, 40.0), 80.0, original="๒.๑๕", reading="๒.๑๕")
    assert _clerk(numbering_findings("d", items, {1: "reread"}, {1: (both,)})) != []


def test_a_number_the_number_model_did_not_confirm_is_judged_as_the_thai_models() -> None:
    # ๒.๑๘ printed and read ๒.๑๕ by the Thai model; the number model read junk (`-`), so
    # nothing confirms ๒.๑๕: the Thai model's known ๘-as-๕ explains it, as on a page it read
    # alone. The same page prints a real ๒.๑๕ that both models read: that word does not
    # vouch for the second ๒.๑๕ (the k-th item with a number is the k-th word reading it).
    from ocr.layout import Word

    items = _items([(2, 14), (2, 15), (2, 16), (2, 17), (2, 15), (2, 19)])
    assert items[4].criterion == "Q2.18"

    def word(reading: str, top: float) -> Word:
        return Word("๒.๑๕", (10.0, top, 60.0, top + 30), 80.0, original="๒.๑๕", reading=reading)

    page = {1: (word("๒.๑๕", 50.0), word("-", 250.0))}
    findings = numbering_findings("d", items, {1: "reread"}, page)
    assert _clerk(findings) == []
    assert [f.criterion for f in findings if f.kind == "ocr_misread"] == ["Q2.18"]
    # Both words read ๒.๑๕ by both models: the clerk printed ๒.๑๕ twice.
    confirmed = {1: (word("๒.๑๕", 50.0), word("๒.๑๕", 250.0))}
    assert _clerk(numbering_findings("d", items, {1: "reread"}, confirmed)) == [
        ("duplicate", "Q2.18")]


def test_no_finding_on_a_correctly_numbered_list_whose_section_header_was_lost() -> None:
    # The header of section ๓ was not recognised, so ๓.๑ came under section ๒: the printed
    # numbers run on correctly and no clerk slip is reported.
    items = _items([(2, 23), (2, 24), (3, 1), (3, 2)])
    items[2:] = [replace(it, section=2) for it in items[2:]]
    items = assign_ids(items, known={f"Q{a}.{b}" for a in range(1, 5) for b in range(1, 25)})
    assert _clerk(numbering_findings("d", items, {1: "reread"})) == []


def test_a_number_the_two_models_read_differently_is_no_clerk_slip() -> None:
    # ๒.๑๘ printed; the number model read ๒.๑๘ but the Thai reading ๒.๑๕ was kept: the models
    # disagreed and one of them read the expected number, so it is an OCR misreading. Where
    # both models read ๒.๑๕ (no disagreement), the printed number is believed: a clerk's slip.
    from ocr.layout import Word

    items = _items([(2, 16), (2, 17), (2, 15), (2, 19)])
    disputed = Word("๒.๑๕", (10.0, 10.0, 60.0, 40.0), 80.0, original="๒.๑๕", reading="๒.๑๘")
    agreed = Word("๒.๑๕", (10.0, 10.0, 60.0, 40.0), 80.0, original="๒.๑๕", reading="๒.๑๕")
    on_disputed = numbering_findings("d", items, {1: "reread"}, {1: (disputed,)})
    assert _clerk(on_disputed) == []
    assert [f.criterion for f in on_disputed if f.kind == "ocr_misread"] == ["Q2.18"]
    assert _clerk(numbering_findings("d", items, {1: "reread"}, {1: (agreed,)})) != []


def test_a_number_printed_as_its_corrected_id_is_no_clerk_slip() -> None:
    # Another row misread as ๒.๒ made this (rightly printed) ๒.๒ look repeated: whatever the
    # sequence decided, an item printed exactly as its id is not misnumbered.
    items = _items([(2, 1), (2, 9), (2, 3)])  # ๒.๒ misread as ๒.๙ before it
    items[2] = replace(items[2], flags=(Flag(FlagKind.DUPLICATE, "๒.๓", "Q2.3"),),
                       criterion="Q2.3")
    findings = numbering_findings("d", items, {1: "reread"})
    assert ("duplicate", "Q2.3") not in _clerk(findings)
    assert [f.kind for f in findings if f.criterion == "Q2.3"] == ["section_mismatch"]


def test_a_number_both_models_misread_alike_is_no_clerk_slip_when_the_alternatives_hold_it(
) -> None:
    # ๑.๔ printed, read ๑.๕ by both models on a fax (measured on dev multiname-0002 fax: the
    # number model's alternatives there were `๑|.|๕๔`). Agreement proves nothing then: the
    # number model held ๔, the digit due, so it is an OCR reading. A real skip (๑.๕ printed
    # where ๑.๔ is due) read with no alternative stays the clerk's.
    from ocr.layout import Word

    items = _items([(1, 1), (1, 2), (1, 3), (1, 5), (1, 5)])
    assert items[3].criterion == "Q1.4"

    def word(choices: str, top: float) -> Word:
        return Word("๑.๕", (10.0, top, 60.0, top + 30), 80.0, original="๑.๕", reading="๑.๕",
                    choices=choices)

    unsure = {1: (word("๑|.|๕๔", 50.0), word("๑|.|๕", 250.0))}
    findings = numbering_findings("d", items, {1: "reread"}, unsure)
    assert ("ocr_misread", "Q1.4") in [(f.kind, f.criterion) for f in findings]
    assert ("skipped", "Q1.4") not in _clerk(findings)
    sure = {1: (word("๑|.|๕", 50.0), word("๑|.|๕", 250.0))}
    assert _clerk(numbering_findings("d", items, {1: "reread"}, sure)) != []


# Group names as OCR damaged them on dev scans (multiname-0002 fax `ดต้านกายกภาพ`,
# sectionlist-0003 fax `ด้านกภายภาพ`), and the same damage on the other groups' names: a stray
# letter inside, a letter doubled, the last letter lost.
DAMAGED_GROUPS = [("ดต้านกายกภาพ", Group.PHYSICAL), ("ด้านกภายภาพ", Group.PHYSICAL),
                  ("ด้านกายภา", Group.PHYSICAL), ("ดต้านคุณภาพ", Group.QUALITY),
                  ("ด้านคุณภา", Group.QUALITY), ("ด้านผลลลัพธ์", Group.RESULTS),
                  ("ดต้านผลลัพธ", Group.RESULTS)]


@pytest.mark.parametrize("damaged,group", DAMAGED_GROUPS)
def test_a_count_whose_group_name_ocr_damaged_still_counts_its_group(damaged: str,
                                                                      group: Group) -> None:
    for style in ORDER_STYLES:
        line = f"เกณฑ์{damaged} {style.format(d=digits(14, True), w=thai_words(14))}"
        found = declared_counts(line, 1, parse_header(line))
        assert [(d.group, d.count) for d in found] == [(group, 14)], line
    # A line naming no group, or only a quality section, declares no group's count.
    assert declared_counts("ด้านสถานที่ จำนวน ๔ ข้อ", 1, None) == []
    assert parse_header("ให้ นางสาวชนกนาก พวงประโคน เป็นผู้กำกับดูแลเกณฑ์ โดยมีผู้") is None
