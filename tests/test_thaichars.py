"""The Thai character classes and the confusion table agree with Unicode and with each other."""

from __future__ import annotations

import re
import unicodedata

from extract import thaichars as tc
from extract.textnorm import fold

BLOCK = [chr(c) for c in range(0x0E00, 0x0E80)]


def _matching(char_range: str) -> set[str]:
    pattern = re.compile(f"[{char_range}]")
    return {c for c in BLOCK if pattern.fullmatch(c)}


def test_classes_follow_the_unicode_categories() -> None:
    # Letters are Lo, marks Mn: the classes were typed by hand, Unicode is the truth.
    assert all(unicodedata.category(c) == "Lo" for c in tc.CONSONANTS + tc.LEAD_VOWELS)
    marks = {c for c in BLOCK if unicodedata.category(c) == "Mn"} - {"\u0e33"}
    # SARA AM is Lo in Unicode; MAI HAN-AKAT and the other Mn characters are all marks here.
    assert set(tc.MARKS) == marks
    assert len(tc.CONSONANTS) == 46 and tc.CONSONANTS[0] == "ก" and tc.CONSONANTS[-1] == "ฮ"


def test_ranges_hold_the_classes_they_name() -> None:
    assert _matching(tc.MARK_RANGE) == set(tc.MARKS)
    letters = set(tc.CONSONANTS + tc.LEAD_VOWELS + tc.FOLLOW_VOWELS)
    assert _matching(tc.WORD_RANGE) == letters | set(tc.MARKS)
    assert _matching(tc.LINE_LETTER_RANGE) == letters - {tc.SARA_AM}
    assert _matching(tc.LETTERS_AND_MARKS_RANGE) >= letters | set(tc.MARKS)
    assert not _matching(tc.LETTERS_AND_MARKS_RANGE) & set("๐๑๒๓๔๕๖๗๘๙๏๚๛")
    assert set("๐๙ฯๆ") <= _matching(tc.THAI_RANGE)


def test_mark_classes_partition_the_marks() -> None:
    assert set(tc.VOWEL_MARKS) | set(tc.TONE_MARKS) == set(tc.MARKS)
    assert not set(tc.VOWEL_MARKS) & set(tc.TONE_MARKS)
    assert set(tc.TOP_MARKS) | tc.BELOW_SET == set(tc.MARKS)
    assert frozenset().union(*tc.MARK_SHAPES) == tc.MARK_SET


def test_the_repair_undoes_only_pairs_of_the_table() -> None:
    pairs = {frozenset(p) for p in (*tc.LOOKALIKE_PAIRS, *tc.LOOKALIKE_VOWEL_PAIRS)}
    for read, true in tc.REPAIR_MISREADINGS.items():
        assert frozenset((read, true)) in pairs, (read, true)
    # ศ/ค is a look-alike pair, deliberately not undone by the repair (loanwords use ค).
    assert frozenset("คศ") in pairs
    assert tc.REPAIR_MISREADINGS.get("ค") != "ศ" and tc.REPAIR_MISREADINGS.get("ศ") != "ค"


def test_the_matching_key_survives_every_misreading_the_repair_undoes() -> None:
    for read, true in tc.REPAIR_MISREADINGS.items():
        assert fold(f"ก{read}ก") == fold(f"ก{true}ก"), (read, true)
    for read, trues in tc.REPAIR_MARK_MISREADINGS.items():
        for true in trues:
            assert fold(f"ก{read}") == fold(f"ก{true}")


def test_fold_classes_do_not_overlap() -> None:
    seen: set[str] = set()
    for rep, letters in tc.FOLD_CLASSES.items():
        assert rep in letters and not seen & set(letters)
        seen |= set(letters)


def test_lookalikes_is_symmetric() -> None:
    table = tc.lookalikes()
    assert all(a in table[b] for a, others in table.items() for b in others)
    assert "ศ" in table["ค"] and "บ" in table["น"]


def test_unmark_drops_marks_and_opens_sara_am() -> None:
    assert "ผู้อำนวยการ".translate(tc.UNMARK) == "ผอานวยการ"
