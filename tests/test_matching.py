"""Matching OCR-damaged item text to the catalog, and guessing a document's edition."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from extract.catalog import Catalog
from extract.matching import Match, criterion_score, guess_edition, match_item
from extract.textnorm import fold

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "samples" / "seeds"
FIXTURE = Path(__file__).resolve().parent / "data" / "seed003_items.tsv"

# Numbers the Phayao order prints wrongly (read in seed 003): the second ๑๔ is 15, the second
# ๒.๑๔ is 2.15, the second ๓.๔ is 3.5.
MISPRINTED = {"P15": "๑๔", "Q2.15": "๒.๑๔", "Q3.5": "๓.๔"}
_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def load_items() -> list[tuple[str, str]]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "criterion_id\traw_text"
    return [tuple(line.split("\t")) for line in lines[1:]]  # type: ignore[misc]


ITEMS = load_items()


def printed_number(cid: str) -> str:
    """The number as the order prints it: Thai digits, with the clerk's mistakes."""
    return MISPRINTED.get(cid, cid[1:].translate(_TO_THAI))


def accuracy(numbers: list[str | None]) -> float:
    hits = sum(
        match_item(text, number=num, edition="2567", top=1)[0].criterion_id == cid
        for (cid, text), num in zip(ITEMS, numbers, strict=True)
    )
    return hits / len(ITEMS)


def test_fixture_covers_every_2567_criterion_once():
    assert [cid for cid, _ in ITEMS] == [c.id for c in Catalog.load("2567")]
    assert all(text.strip() for _, text in ITEMS)


def test_raw_seed_text_without_number_matches_2567():
    assert accuracy([None] * len(ITEMS)) >= 0.95


def test_printed_numbers_with_clerk_mistakes():
    assert accuracy([printed_number(cid) for cid, _ in ITEMS]) >= 0.95


def test_robust_to_wrong_numbers():
    # Every item given its predecessor's number: the text must still win.
    shifted = [None] + [printed_number(cid) for cid, _ in ITEMS[:-1]]
    assert accuracy(shifted) >= 0.95


def test_number_prior_decides_when_text_says_nothing():
    assert match_item("", number="๑๒", edition="2567")[0].criterion_id == "P12"
    assert match_item("", number="P12", edition="2566")[0].criterion_id == "P12"
    # the sub-item number 2.5.1 points at its item
    assert match_item("", number="๒.๕.๑", edition="2567")[0].criterion_id == "Q2.5"


def test_number_prior_separates_shared_text():
    # The queue-system sentence is the same in both editions; the number tells which.
    text = "มีการจัดให้มีระบบคิวเพื่อให้บริการได้อย่างเป็นธรรม"
    assert match_item(text, number="11", edition="2566")[0].criterion_id == "P11"
    assert match_item(text, edition="2567")[0].criterion_id == "P12"


def test_cross_edition_matching_of_damaged_text():
    by_id = dict(ITEMS)
    assert match_item(by_id["P12"], edition="2566")[0].criterion_id == "P11"
    assert match_item(by_id["Q1.2"], edition="2566")[0].criterion_id == "Q1.3"
    assert match_item(by_id["P6"], edition="2566")[0].criterion_id == "Q2.6"


def test_criterion_score_agrees_with_match_item():
    text = dict(ITEMS)["Q2.9"]
    best = match_item(text, number="©๒.๙", edition="2567", top=1)[0]
    assert best.criterion_id == "Q2.9"  # level marker read as © around the number
    assert criterion_score(text, "Q2.9", "2567", number="©๒.๙") == best.score
    assert criterion_score(text, "P12", "2567") < best.score
    assert criterion_score(text, "Q9.9", "2567") == 0.0


def test_top_is_honoured():
    assert len(match_item("ระบบคิว", edition="2567", top=20)) == 20
    everything = sum(len(Catalog.load(ed)) for ed in Catalog.editions())
    assert len(match_item("ระบบคิว", top=200)) == everything


def test_all_editions_result():
    found = match_item(dict(ITEMS)["Q5.3"], top=5)
    assert isinstance(found[0], Match)
    assert (found[0].edition, found[0].criterion_id) == ("2567", "Q5.3")
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert found[0].title == Catalog.load("2567").get("Q5.3").title


def _deck_items() -> list[tuple[str, str]]:
    """Quality items of the 2566 deck as its broken text layer gives them (first line only)."""
    text = (SEEDS / "004_7e17d38c9f74c873.txt").read_text(encoding="utf-8")
    quality = text.split("เงือ่นไขพเิศษเพิม่เตมิ")[1].split("5. เงื่อนไขพิเศษเพ่ิมเติม")[0]
    items = {}
    for m in re.finditer(r"^[\s(☺)]*([1-4])\s*\.\s*(\d{1,2})\s+(\S.*)$", quality, re.M):
        items.setdefault(f"{m.group(1)}.{int(m.group(2))}", m.group(3))
    return sorted(items.items())


def test_2566_deck_text_layer_matches_2566():
    items = _deck_items()
    assert len(items) == 37  # 1.1-1.4, 2.1-2.24, 3.1-3.5, 4.1-4.4
    hits = sum(match_item(t, edition="2566", top=1)[0].criterion_id == "Q" + n for n, t in items)
    assert hits / len(items) >= 0.9


def _circular_items() -> list[tuple[str | None, str]]:
    """Physical and quality items of the seed-002 list, number and text."""
    text = (SEEDS / "002_25045df08d39d79c.txt").read_text(encoding="utf-8")
    items: list[tuple[str | None, str]] = [
        (m.group(1), m.group(2)) for m in re.finditer(r"^([๐-๙]{1,2})\.\t([^\t]+)", text, re.M)
    ]
    items += [
        (m.group(1), m.group(2)) for m in re.finditer(r"([๐-๙]{1,2}\.[๐-๙])\s+([^<\n]{8,})", text)
    ]
    return items


def test_guess_edition_of_each_seed():
    order = [(printed_number(cid), text) for cid, text in ITEMS]
    assert guess_edition(order)[0][0] == "2567"
    assert guess_edition([(None, text) for _, text in ITEMS])[0][0] == "2567"
    deck = [(n, t) for n, t in _deck_items()]
    assert guess_edition(deck)[0][0] == "2566"
    circular = _circular_items()
    assert len(circular) > 40
    ranking = guess_edition(circular)
    assert ranking[0][0] == "2562"
    assert len(ranking) == 3 and ranking[0][1] > ranking[1][1]


def test_guess_edition_with_nothing():
    assert {ed for ed, score in guess_edition([]) if score == 0.0} == {"2562", "2566", "2567"}


@pytest.mark.parametrize(
    ("damaged", "clean"),
    [
        ("ประซาซน", "ประชาชน"),  # ช read as ซ
        ("หน่วยงาบ", "หน่วยงาน"),  # น read as บ
        ("ด าเนินการ", "ดำเนินการ"),  # SARA AM split
        ("หลกัเกณฑม์าตรฐาน", "หลักเกณฑ์มาตรฐาน"),  # marks displaced
        ("ท่ี", "ที่"),  # tone mark order
        ("ผ ู้ก ำก ับ ด ูแ ล", "ผู้กำกับดูแล"),  # spaces inside words
        ("ศูนย์ 1:357 (วิ0ท1: ราชการ", "ศูนย์ วิท ราชการ"),  # Latin/digit junk dropped
    ],
)
def test_fold_absorbs_seed_damage(damaged, clean):
    assert fold(damaged) == fold(clean)


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x0E7F), max_size=80),
    number=st.one_of(st.none(), st.from_regex(r"[0-9๐-๙.\s]{0,6}", fullmatch=True)),
)
def test_match_item_never_crashes(text, number):
    found = match_item(text, number=number, edition="2567", top=3)
    assert len(found) == 3
    assert all(0.0 <= m.score <= 1.0 for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
