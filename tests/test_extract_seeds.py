"""Extraction on the real seeds against golden files written by reading the documents."""

from __future__ import annotations

import json
from functools import cache

from bench.evaluate import assignment_scores
from extract.document import Extraction, extract_document
from ocr.textfile import read_text_pages
from pipeline.pages import repair
from pipeline.writers import read_csv
from tests.conftest import EXPECTED, SEEDS

SEED_002 = SEEDS / "002_25045df08d39d79c.txt"
SEED_003 = SEEDS / "003_d10b89281753108f.txt"


@cache
def _extract(path) -> Extraction:
    pages = [(i + 1, repair(text)) for i, text in enumerate(read_text_pages(path))]
    return extract_document(path.stem, pages)


def _rows(ex: Extraction) -> list[dict[str, str]]:
    return [{"criterion": a.criterion, "role": str(a.role), "name": a.name} for a in ex.assignments]


def test_seed_003_assignment_f1() -> None:
    ex = _extract(SEED_003)
    truth = read_csv(EXPECTED / "003_d10b89281753108f.assignments.csv")
    scores = assignment_scores(_rows(ex), truth)
    assert scores.f1 >= 0.98, scores


def test_seed_003_distinct_officers_equal_truth() -> None:
    ex = _extract(SEED_003)
    meta = json.loads((EXPECTED / "003_d10b89281753108f.meta.json").read_text())
    true_count = meta["officer_count"]
    assert true_count == len(meta["officers"]) == 17
    assert len({a.officer_key for a in ex.assignments}) == true_count


def test_seed_003_items_and_edition() -> None:
    ex = _extract(SEED_003)
    truth = [r["criterion"] for r in read_csv(EXPECTED / "003_d10b89281753108f.items.csv")]
    assert ex.edition == "2567"
    assert [it.criterion for it in ex.items] == truth


def test_seed_003_repeated_numbers_are_reported_with_corrected_ids() -> None:
    ex = _extract(SEED_003)
    duplicates = {(f.criterion, f.kind) for f in ex.findings if f.kind == "duplicate"}
    assert duplicates == {("P15", "duplicate"), ("Q2.15", "duplicate"), ("Q3.5", "duplicate")}


def test_seed_003_signer_is_not_an_assignee() -> None:
    ex = _extract(SEED_003)
    assert ex.meta.signer is not None
    assert ex.meta.signer.name.replace(" ", "") == "ฉวีวรรณพิทักษ์วินัย"
    assert all("ฉวีวรรณ" not in a.name for a in ex.assignments)


def test_seed_002_declared_counts_confirmed() -> None:
    ex = _extract(SEED_002)
    assert ex.edition == "2562"
    ok = {f.detail for f in ex.findings if f.kind == "declared_count_ok"}
    assert "physical: declares 13 ข้อย่อย, found 13" in ok
    assert "quality: declares 52 ข้อย่อย, found 52" in ok
    assert "quality basic: declares 34 ข้อย่อย, found 34" in ok
    assert "quality advanced: declares 18 ข้อย่อย, found 18" in ok
    assert not [f for f in ex.findings if f.kind == "declared_count" and f.severity == "error"]
    ids = [it.criterion for it in ex.items]
    assert sum(i.startswith("P") for i in ids) == 13
    assert sum(i.startswith("Q") for i in ids) == 52


def test_metadata_of_the_order_and_the_circular() -> None:
    order = _extract(SEED_003).meta
    assert order.issuer == "สำนักงานคลังจังหวัดพะเยา"
    # `สั่ง ณ วันที่ ... ธันวาคม พ.ศ. ๒๕๖๖` (day left blank), not the date of the order it cites
    assert order.date_iso == "2023-12"
    assert order.signer is not None and order.signer.position == "คลังจังหวัดพะเยา"
    circular = _extract(SEED_002).meta
    assert circular.date_iso == "2019-11-20"
    assert circular.subject.startswith("การขับเคลื่อนโครงการสำคัญของกรมการปกครอง")


def test_forced_edition_that_fits_worse_is_reported() -> None:
    pages = [(i + 1, repair(t)) for i, t in enumerate(read_text_pages(SEED_003))]
    ex = extract_document(SEED_003.stem, pages, edition="2566")
    assert ex.edition == "2566"
    fit = [f for f in ex.findings if f.kind == "edition_fit"]
    assert len(fit) == 1 and "2567" in fit[0].detail
