"""Item flags and validation findings are data: decisions read kinds, sentences are rendered."""

from __future__ import annotations

import dataclasses

import pytest

from extract.findings import (
    CLERK_KINDS,
    Finding,
    FindingKind,
    Flag,
    FlagKind,
    Severity,
    finding_record,
    flag_text,
)
from extract.models import Group, Item
from extract.sequence import assign_ids
from extract.validate import FLAG_FINDINGS, numbering_findings


def _items(numbers: list[tuple[int, ...]]) -> list[Item]:
    digits = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    return [Item(Group.QUALITY, ".".join(map(str, n)).translate(digits), n, 1, "", section=n[0])
            for n in numbers]


@pytest.mark.parametrize("kind", list(FlagKind))
def test_every_flag_kind_has_a_finding_and_both_sentences(kind: FlagKind) -> None:
    flag = Flag(kind, "๒.๓", "Q2.4", section=5, header=4, score=0.5)
    assert kind in FLAG_FINDINGS
    finding = Finding("d", FLAG_FINDINGS[kind], Severity.INFO, "Q2.4", page=3, flag=flag)
    assert finding.detail.startswith("page 3: ") and len(finding.detail) > len("page 3: ")
    assert finding.detail_th.startswith("หน้า 3: ") and len(finding.detail_th) > len("หน้า 3: ")


@pytest.mark.parametrize("kind", [FindingKind.GAP, FindingKind.UNASSIGNED,
                                  FindingKind.EDITION_FIT, FindingKind.NOT_A_CRITERION])
def test_findings_without_a_flag_render_their_facts(kind: FindingKind) -> None:
    f = Finding("d", kind, Severity.WARNING, "Q1.3", page=2, printed="๙", edition="2566",
                better="2567", text="จังหวัด")
    facts = {FindingKind.GAP: "Q1.3", FindingKind.UNASSIGNED: "Q1.3",
             FindingKind.EDITION_FIT: "2567", FindingKind.NOT_A_CRITERION: "๙"}[kind]
    assert facts in f.detail and facts in f.detail_th


def test_a_repeated_number_is_a_duplicate_flag_with_its_corrected_id() -> None:
    items = _items([(2, 1), (2, 2), (2, 2), (2, 4)])
    items = assign_ids(items)
    assert items[2].flags == (Flag(FlagKind.DUPLICATE, "๒.๒", "Q2.3"),)
    findings = numbering_findings("d", items, {1: "text"})
    clerk = [f for f in findings if f.kind in CLERK_KINDS]
    assert [(f.kind, f.criterion, f.printed, f.should_be) for f in clerk] == [
        (FindingKind.DUPLICATE, "Q2.3", "๒.๒", "๒.๓")]
    assert clerk[0].detail == ("page 1: duplicate number ๒.๒ corrected to Q2.3 by sequence "
                               "(printed ๒.๒, should be ๒.๓)")
    assert clerk[0].detail_th == "หน้า 1: เลขข้อซ้ำ (พิมพ์ ๒.๒ ที่ถูกคือ ๒.๓)"


def test_the_validation_does_not_read_sentences() -> None:
    # The kind decides: a flag whose English would match no prefix still becomes its finding.
    item = _items([(1, 1)])[0]
    item = dataclasses.replace(
        item, flags=(*item.flags, Flag(FlagKind.SECTION_BY_HEADER, section=5, header=1)))
    (finding,) = numbering_findings("d", [item])
    assert finding.kind is FindingKind.SECTION_MISMATCH and finding.flag is item.flags[0]
    assert finding.detail_th == "หน้า 1: เลขหมวดไม่ตรงกับหัวข้อหมวด"


def test_flags_and_findings_are_frozen() -> None:
    flag = Flag(FlagKind.UNREADABLE_NUMBER)
    with pytest.raises(dataclasses.FrozenInstanceError):
        flag.number = "๑"  # type: ignore[misc]
    assert flag_text(dataclasses.replace(flag, kind=FlagKind.DOT_MISSING)) == (
        "dot missing in number")


def test_document_json_keeps_its_schema() -> None:
    f = Finding("d", FindingKind.UNASSIGNED, Severity.WARNING, "P4")
    assert finding_record(f) == {"document": "d", "kind": "unassigned", "severity": "warning",
                                 "criterion": "P4", "detail": "P4: nobody assigned",
                                 "detail_th": "P4: ไม่มีผู้รับผิดชอบ"}
