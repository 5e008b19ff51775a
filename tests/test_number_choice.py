"""The sequence chooses among a re-read number's readings; a clerk's slip is judged on the
digit that is wrong (issue 13).

The items are built as the extraction builds them (`assign_ids` gives the ids from the
sequence); the words carry the readings the two models gave, as `pages.json` keeps them.
"""

from __future__ import annotations

from dataclasses import replace

from extract.findings import Flag, FlagKind
from extract.models import Group, Item
from extract.number_choice import settle_numbers
from extract.sequence import assign_ids
from extract.validate import CLERK_KINDS, numbering_findings
from ocr.layout import Word
from samples.families.text import digits

KNOWN = {f"Q{a}.{b}" for a in range(1, 25) for b in range(1, 25)}


def _items(printed: list[tuple[int, ...]]) -> list[Item]:
    items = [Item(Group.QUALITY, ".".join(digits(p, True) for p in parts), parts, 1, "")
             for parts in printed]
    return assign_ids(items, known=KNOWN)


def _word(text: str, top: float, original: str, reading: str, choices: str = "") -> Word:
    return Word(text, (10.0, top, 60.0, top + 30), 80.0, original=original, reading=reading,
                choices=choices)


def _clerk(findings) -> list[tuple[str, str]]:
    return [(f.kind, f.criterion) for f in findings if f.kind in CLERK_KINDS]


def test_the_reading_that_spells_the_id_due_is_the_number_printed() -> None:
    # ๒๐.๑ ๒๐.๒ ๒๐.๓ printed; the Thai model read the middle one ๒๐.๓ and the re-read kept
    # it (the Thai model reads ๓ reliably), the number model read ๒๐.๒. The sequence gives the
    # item Q20.2, and one reading of its word spells it: the item is ๒๐.๒ as printed.
    items = _items([(20, 1), (20, 3), (20, 3)])
    assert [it.criterion for it in items] == ["Q20.1", "Q20.2", "Q20.3"]
    page = {1: (_word("๒๐.๑", 10, "๒๐.๑", "๒๐.๑"), _word("๒๐.๓", 50, "๒๐.๓", "๒๐.๒"),
                _word("๒๐.๓", 90, "๒๐.๓", "๒๐.๓"))}
    settled = settle_numbers(items, page)
    assert [it.number_as_written for it in settled] == ["๒๐.๑", "๒๐.๒", "๒๐.๓"]
    assert settled[1].written == (20, 2)
    assert [f.kind for f in settled[1].flags] == [FlagKind.READ_AS_DUE]
    findings = numbering_findings("d", settled, {1: "reread"}, page)
    assert _clerk(findings) == []
    assert [f.criterion for f in findings if f.kind == "ocr_misread"] == ["Q20.2"]


def test_an_alternative_of_the_number_model_spells_the_id_due() -> None:
    # ๔.๒ printed, read ๕.๒ by both models on a fax; the number model held ๔ there.
    items = _items([(4, 1), (5, 2), (4, 3)])
    assert items[1].criterion == "Q4.2"
    page = {1: (_word("๔.๑", 10, "๔.๑", "๔.๑"), _word("๕.๒", 50, "๕.๒", "๕.๒", "๕๔|.|๒"),
                _word("๔.๓", 90, "๔.๓", "๔.๓"))}
    assert settle_numbers(items, page)[1].number_as_written == "๔.๒"


def test_a_slip_no_reading_calls_the_id_due_stays_the_clerks() -> None:
    # ๗ printed twice where ๘ is due, both models read ๗ with no alternative: the sequence
    # must not write ๘ over what is printed, and the duplicate is the clerk's.
    items = [Item(Group.PHYSICAL, digits(n, True), (n,), 1, "") for n in (6, 7, 7, 9)]
    items = assign_ids(items)
    assert items[2].criterion == "P8"
    page = {1: tuple(_word(digits(n, True), 10 + 40 * k, digits(n, True), digits(n, True))
                     for k, n in enumerate((6, 7, 7, 9)))}
    settled = settle_numbers(items, page)
    assert settled[2].number_as_written == "๗"
    assert _clerk(numbering_findings("d", settled, {1: "reread"}, page)) == [("duplicate", "P8")]


def test_a_slip_is_judged_on_the_digit_that_is_wrong() -> None:
    # ๔.๕ printed where ๔.๔ is due (a skip). The Thai model read ๕.๕ (it writes ๔ as ๕), the
    # number model ๔.๕: they disagree on the first digit only, and both read the wrong last
    # digit ๕ as printed. The skip is the clerk's, with the id it should have.
    items = _items([(4, 1), (4, 2), (4, 3), (4, 5)])
    items[-1] = replace(items[-1], flags=(Flag(FlagKind.CORRECTED_BY_TEXT, "๔.๕", "Q4.4"),),
                        criterion="Q4.4")
    words = (_word("๔.๓", 10, "๔.๓", "๔.๓"), _word("๔.๕", 50, "๕.๕", "๔.๕"))
    findings = numbering_findings("d", items, {1: "reread"}, {1: words})
    assert _clerk(findings) == [("skipped", "Q4.4")]
    assert "should be ๔.๔" in next(f.detail for f in findings if f.kind == "skipped")
    # The Thai model read the last digit otherwise (๔.๔): the digit that is wrong is in doubt.
    doubt = (words[0], _word("๔.๕", 50, "๔.๔", "๔.๕"))
    assert _clerk(numbering_findings("d", items, {1: "reread"}, {1: doubt})) == []


def test_the_neighbours_choose_among_the_readings_before_the_sequence() -> None:
    # ๗.๒ printed between ๗.๑ and ๘.๑, read ๙.๒ by the number model (the Thai model: ๓๒),
    # which held ๗ among its alternatives for the first digit (dev ruled-0003 photo). The
    # numbers around it, each read in line with its own neighbour, choose ๗.๒.
    from extract.number_choice import choose_by_neighbours

    printed = [(6, 6), (7, 1), (9, 2), (8, 1), (8, 2)]
    items = [Item(Group.QUALITY, ".".join(digits(p, True) for p in parts), parts, 1, "")
             for parts in printed]
    page = {1: (_word("๙.๒", 50, "๓๒", "๙.๒", "๙๗๓๒๘๕|.|๒"),)}
    chosen = assign_ids(choose_by_neighbours(items, page), known=KNOWN)
    assert [it.criterion for it in chosen] == ["Q6.6", "Q7.1", "Q7.2", "Q8.1", "Q8.2"]
    assert chosen[2].number_as_written == "๗.๒"
    assert _clerk(numbering_findings("d", chosen, {1: "reread"}, page)) == []
    # A neighbour itself misread (`๕.๑` for ๔.๑ after ๓.๓) does not choose: ๔.๒, whose
    # alternatives hold ๕, stays ๔.๒.
    printed = [(3, 3), (5, 1), (4, 2), (5, 3), (4, 4)]
    items = [Item(Group.QUALITY, ".".join(digits(p, True) for p in parts), parts, 1, "")
             for parts in printed]
    page = {1: (_word("๔.๒", 50, "๔.๒", "๔.๒", "๔๕|.|๒"),)}
    assert [it.number_as_written for it in choose_by_neighbours(items, page)][2] == "๔.๒"


def test_a_repeated_number_whose_other_copy_could_be_a_missing_number_is_no_slip() -> None:
    # Dev ruled-0006 fax: ๔.๔ and ๔.๕ printed (๔.๓ lost by the table reading), both read ๔.๕
    # by the number model and ๕.๕ by the Thai model; the first copy held ๔ among the
    # alternatives of its last digit, and no item is ๔.๔. The second ๔.๕ is no repetition.
    items = _items([(4, 1), (4, 2), (4, 5), (4, 5), (4, 7)])
    assert [it.criterion for it in items] == ["Q4.1", "Q4.2", "Q4.5", "Q4.6", "Q4.7"]

    def page(first: str) -> dict[int, tuple[Word, ...]]:
        return {1: (_word("๔.๕", 50, "๕.๕", "๔.๕", first), _word("๔.๕", 90, "๕.๕", "๔.๕",
                                                               "๔๕|.|๕"))}

    findings = numbering_findings("d", items, {1: "reread"}, page("๔๙๕๘|.|๕๔"))
    assert _clerk(findings) == []
    assert ("ocr_misread", "Q4.6") in [(f.kind, f.criterion) for f in findings]
    # Neither copy could be another number: the clerk printed ๔.๕ twice.
    assert _clerk(numbering_findings("d", items, {1: "reread"}, page("๔|.|๕"))) == [
        ("duplicate", "Q4.6")]


def test_a_number_whose_dots_the_scan_lost_is_the_id_due() -> None:
    # Dev copies at 200 dpi: ๑.๓ and 2.12 printed, both models read ๑๓ and 212 (the point
    # faded). The sequence gives Q1.3 and Q2.12; the digits are the printed ones.
    items = [replace(Item(Group.QUALITY, "๑๓", (13,), 1, ""), criterion="Q1.3"),
             replace(Item(Group.QUALITY, "", None, 1, "212 มีการจัดทำแผน"), criterion="Q2.12")]
    page = {1: (_word("๑๓", 10, "๑๓", "๑๓"), _word("212", 50, "212", "212", "2|1|2"))}
    from extract.number_choice import recover_numbers

    out = recover_numbers(settle_numbers(items, page), page)
    assert [it.number_as_written for it in out] == ["๑.๓", "2.12"]
    assert out[1].text == "มีการจัดทำแผน"
    assert all(f.kind == FlagKind.READ_AS_DUE for it in out for f in it.flags)
    # Another number than the one due (a slip: ๑๔ where ๑.๓ is due) is not made the id.
    wrong = [replace(Item(Group.QUALITY, "๑๔", (14,), 1, ""), criterion="Q1.3")]
    assert settle_numbers(wrong, {1: (_word("๑๔", 10, "๑๔", "๑๔"),)})[0].number_as_written \
        == "๑๔"


def test_a_number_cell_read_as_letters_takes_the_number_models_reading_of_the_id() -> None:
    # Dev multiname-0006 copy: the number cell 10 read `ไป` by the Thai model and 10 by the
    # number model; the grammar read no number, the catalog and sequence made the row P10.
    from extract.number_choice import recover_numbers

    item = replace(Item(Group.PHYSICAL, "", None, 1, "ไป มีการจัดสรรสิ่งอำนวยความสะดวก"),
                   criterion="P10")
    out = recover_numbers([item], {1: (_word("ไป", 10, "ไป", "10", "1|0"),)})
    assert (out[0].number_as_written, out[0].written) == ("10", (10,))
    assert out[0].text == "มีการจัดสรรสิ่งอำนวยความสะดวก"
    # Only the word's own readings count, not the number model's alternatives: a lost number
    # read 9 (alternative 1|0) stays unread, as a clerk's slip would.
    kept = recover_numbers([item], {1: (_word("ไป", 10, "ไป", "9", "91|0"),)})
    assert kept[0].number_as_written == ""
