"""The crosswalk between editions against pairs known from reading the three seeds."""

from __future__ import annotations

import csv
import io
import itertools
import os

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from extract.catalog import Catalog
from extract.crosswalk import MIN_SIMILARITY, build_crosswalk, overrides_for
from pipeline.cli.main import main

# (edition A, id in A, edition B, id in B), each found by reading the requirement in both seeds.
KNOWN_PAIRS = [
    # seed 002 list -> 2566 deck
    ("2562", "P6", "2566", "P6"),  # ขนาดและพื้นที่ใช้งานสะดวกต่อการเอื้อมจับ
    ("2562", "P11", "2566", "P11"),  # ระบบคิว
    ("2562", "P13", "2566", "P13"),  # จุดประเมินผลความพึงพอใจ
    ("2562", "Q1.1", "2566", "Q2.1"),  # การสำรวจความต้องการ
    ("2562", "Q1.2", "2566", "Q2.2"),  # วิเคราะห์ผลการสำรวจ
    ("2562", "Q2.1", "2566", "Q2.3"),  # งานบริการครอบคลุมประเภทงาน
    ("2562", "Q2.2", "2566", "Q2.4"),  # ไม่ร้องขอสำเนาบัตรประชาชน
    ("2562", "Q3.1", "2566", "Q1.2"),  # สิ่งอำนวยความสะดวกคนพิการ ๑๑ รายการ
    ("2562", "Q4.1", "2566", "Q2.5"),  # จัดลำดับขั้นตอนการบริการ
    ("2562", "Q4.2", "2566", "Q2.6"),  # กำหนดผู้รับผิดชอบ ผู้ประสานงาน
    ("2562", "Q4.3", "2566", "Q2.7"),  # คู่มือการปฏิบัติงาน
    ("2562", "Q4.5", "2566", "Q2.8"),  # ระบบแจ้งเตือน
    ("2562", "Q4.6", "2566", "Q2.9"),  # บริการออนไลน์
    ("2562", "Q5.1", "2566", "Q3.1"),  # ความต้องการด้านกำลังคน
    ("2562", "Q5.3", "2566", "Q3.2"),  # สิ่งจูงใจ
    ("2562", "Q6.1", "2566", "Q3.3"),  # เพิ่มศักยภาพและทักษะ
    ("2562", "Q6.6", "2566", "Q3.5"),  # มาตรฐานในแต่ละช่องทางออนไลน์
    ("2562", "Q7.2", "2566", "Q2.11"),  # ความพึงพอใจไม่น้อยกว่าร้อยละ ๘๐
    ("2562", "Q8.2", "2566", "Q2.12"),  # กลไกรับฟังข้อร้องเรียน
    ("2562", "Q8.3", "2566", "Q2.13"),  # ข้อร้องเรียนยุติร้อยละ ๘๐
    ("2562", "Q9.1", "2566", "Q2.14"),  # เพิ่มช่องทางการให้บริการ
    ("2562", "Q10.1", "2566", "Q2.15"),  # แผนการติดตามผล
    ("2562", "Q10.2", "2566", "Q2.16"),  # ระบบการติดตาม ชุดเฉพาะกิจ
    ("2562", "Q11.1", "2566", "Q2.17"),  # ค้นหาปัญหา/อุปสรรค
    ("2562", "Q12.1", "2566", "Q2.10"),  # นำผลการติดตามงานมาปรับปรุง
    ("2562", "Q13.2", "2566", "Q2.18"),  # แลกเปลี่ยนเรียนรู้
    ("2562", "Q15.1", "2566", "Q4.1"),  # ระบบจัดเก็บและวิเคราะห์ฐานข้อมูล
    ("2562", "Q16.1", "2566", "Q4.2"),  # ระบบเทคโนโลยีปลอดภัย (override)
    ("2562", "Q17.1", "2566", "Q2.19"),  # บูรณาการระหว่างหน่วยงาน
    ("2562", "Q20.1", "2566", "Q2.20"),  # Call Center (override)
    ("2562", "Q21.1", "2566", "Q2.21"),  # แผนบริหารความต่อเนื่อง
    ("2562", "Q22", "2566", "Q4.3"),  # นวัตกรรม
    ("2562", "Q23", "2566", "Q4.4"),  # เชื่อมโยงแบบเรียลไทม์
    ("2562", "Q24", "2566", "Q5.1"),  # สู่ความเป็นเลิศ
    ("2562", "R1", "2566", "R1"),
    # 2566 deck -> Phayao order (2567)
    ("2566", "P1", "2567", "P1"),
    ("2566", "P6", "2567", "P7"),
    ("2566", "P10", "2567", "P11"),  # ห้องน้ำ
    ("2566", "P11", "2567", "P12"),  # ระบบคิว (the example)
    ("2566", "P13", "2567", "P14"),
    ("2566", "P14", "2567", "P15"),  # เขตปลอดบุหรี่
    ("2566", "Q2.6", "2567", "P6"),  # ผู้รับผิดชอบ became a physical item
    ("2566", "Q1.2", "2567", "Q1.1"),  # ภูมิทัศน์
    ("2566", "Q1.3", "2567", "Q1.2"),  # การจัดการขยะ (DOMAIN.md)
    ("2566", "Q1.4", "2567", "Q1.3"),  # พลังงานสีเขียว
    ("2566", "Q2.1", "2567", "Q2.1"),
    ("2566", "Q2.5", "2567", "Q2.4"),
    ("2566", "Q2.7", "2567", "Q2.5"),  # คู่มือ
    ("2566", "Q2.8", "2567", "Q2.6"),
    ("2566", "Q2.9", "2567", "Q2.7"),
    ("2566", "Q2.10", "2567", "Q2.8"),
    ("2566", "Q2.12", "2567", "Q2.9"),
    ("2566", "Q2.13", "2567", "Q2.10"),
    ("2566", "Q2.14", "2567", "Q2.11"),
    ("2566", "Q2.15", "2567", "Q2.12"),
    ("2566", "Q2.16", "2567", "Q2.13"),
    ("2566", "Q2.18", "2567", "Q2.14"),
    ("2566", "Q2.19", "2567", "Q2.15"),
    ("2566", "Q2.20", "2567", "Q2.16"),
    ("2566", "Q2.21", "2567", "Q2.17"),
    ("2566", "Q2.24", "2567", "Q2.18"),  # ทบทวนแผนบริหารความต่อเนื่อง
    ("2566", "Q3.1", "2567", "Q3.1"),
    ("2566", "Q3.4", "2567", "Q3.4"),
    ("2566", "Q4.2", "2567", "Q4.2"),
    ("2566", "Q5.2", "2567", "Q5.2"),
    ("2566", "R3", "2567", "R3"),
    # seed 002 list -> Phayao order
    ("2562", "P8", "2567", "P9"),  # แสงสว่าง
    ("2562", "P11", "2567", "P12"),
    ("2562", "Q3.1", "2567", "Q1.1"),
    ("2562", "Q4.2", "2567", "P6"),
    ("2562", "Q4.3", "2567", "Q2.5"),
    ("2562", "Q5.1", "2567", "Q3.1"),
    ("2562", "Q8.2", "2567", "Q2.9"),
    ("2562", "Q21.1", "2567", "Q2.17"),
    ("2562", "Q22", "2567", "Q4.3"),
    ("2562", "Q24", "2567", "Q5.1"),
]

# Requirements one edition has and the other has not (read in the seeds).
KNOWN_REMOVED = {
    ("2566", "2567"): ["Q1.1", "Q2.4", "Q2.11", "Q2.17", "Q2.22"],
    ("2562", "2566"): ["Q2.3", "Q4.4", "Q4.7", "Q8.1", "Q14.1", "Q14.2", "Q18.1", "Q19.1"],
}
KNOWN_ADDED = {
    ("2566", "2567"): ["Q5.3"],
    ("2562", "2566"): ["P14", "Q1.1", "Q1.3", "Q1.4", "Q5.2"],
    ("2562", "2567"): ["P15", "Q1.2", "Q5.3"],
}

EDITION_PAIRS = list(itertools.combinations(("2562", "2566", "2567"), 2))


def test_enough_known_pairs_over_all_edition_pairs():
    assert len(KNOWN_PAIRS) >= 25
    assert {(a, b) for a, _, b, _ in KNOWN_PAIRS} == set(EDITION_PAIRS)


@pytest.mark.parametrize(("ed_a", "id_a", "ed_b", "id_b"), KNOWN_PAIRS)
def test_known_pair(ed_a, id_a, ed_b, id_b):
    assert build_crosswalk(ed_a, ed_b).mapping().get(id_a) == id_b
    assert build_crosswalk(ed_b, ed_a).mapping().get(id_b) == id_a


@pytest.mark.parametrize("key", sorted(KNOWN_REMOVED))
def test_known_removed(key):
    removed = {c.id for c in build_crosswalk(*key).removed}
    assert set(KNOWN_REMOVED[key]) <= removed


@pytest.mark.parametrize("key", sorted(KNOWN_ADDED))
def test_known_added(key):
    added = {c.id for c in build_crosswalk(*key).added}
    assert set(KNOWN_ADDED[key]) <= added


@pytest.mark.parametrize(("ed_a", "ed_b"), EDITION_PAIRS)
def test_one_to_one_and_complete(ed_a, ed_b):
    cw = build_crosswalk(ed_a, ed_b)
    ids_a = [p.a.id for p in cw.pairs] + [c.id for c in cw.removed]
    ids_b = [p.b.id for p in cw.pairs] + [c.id for c in cw.added]
    assert sorted(ids_a) == sorted(c.id for c in Catalog.load(ed_a))
    assert sorted(ids_b) == sorted(c.id for c in Catalog.load(ed_b))


@pytest.mark.parametrize(("ed_a", "ed_b"), EDITION_PAIRS)
def test_reverse_is_inverse(ed_a, ed_b):
    forward = build_crosswalk(ed_a, ed_b).mapping()
    backward = build_crosswalk(ed_b, ed_a).mapping()
    assert backward == {b: a for a, b in forward.items()}


@pytest.mark.parametrize(("ed_a", "ed_b"), EDITION_PAIRS)
def test_pairs_share_the_hand_assigned_concept(ed_a, ed_b):
    wrong = [(p.a.id, p.b.id) for p in build_crosswalk(ed_a, ed_b).pairs if not p.same_concept]
    assert wrong == []


@pytest.mark.parametrize(("ed_a", "ed_b"), EDITION_PAIRS)
def test_similarity_and_sources(ed_a, ed_b):
    cw = build_crosswalk(ed_a, ed_b)
    forced = {(o.a, o.b) for o in overrides_for(ed_a, ed_b) if o.a and o.b}
    for p in cw.pairs:
        assert 0.0 <= p.similarity <= 1.0
        if p.source == "text":
            assert p.similarity >= MIN_SIMILARITY - 0.001  # stored rounded to 3 places
        else:
            assert (p.a.id, p.b.id) in forced


def test_number_changed_flag():
    cw = build_crosswalk("2566", "2567")
    assert cw.for_a("P11").number_changed  # 11 -> 12
    assert cw.for_a("Q2.6").number_changed  # quality 2.6 -> physical 6
    assert not cw.for_a("Q2.1").number_changed
    assert not cw.for_a("R2").number_changed
    assert cw.for_b("P12").a.id == "P11"


def test_overrides_are_used_in_both_directions():
    assert ("Q16.1", "Q4.2") in {(o.a, o.b) for o in overrides_for("2562", "2566")}
    assert ("Q4.2", "Q16.1") in {(o.a, o.b) for o in overrides_for("2566", "2562")}
    assert build_crosswalk("2566", "2562").for_a("Q4.2").source == "override"


def test_cli_crosswalk_table(capsys):
    assert main(["catalog", "crosswalk", "2566", "2567"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["2566", "2567", "sim"]
    row = next(line for line in lines if line.startswith("P11 "))
    assert row.split()[1] == "P12" and row.split()[3] == "*"
    assert "only in 2567 (added):" in out and "  Q5.3 " in out


def test_cli_crosswalk_csv(capsys, tmp_path):
    assert main(["catalog", "crosswalk", "2566", "2567", "--csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    by_a = {r["id_a"]: r for r in rows if r["id_a"]}
    assert by_a["P11"]["id_b"] == "P12" and by_a["P11"]["number_changed"] == "1"
    assert by_a["Q2.1"]["number_changed"] == "0"
    assert by_a["Q2.4"]["source"] == "removed" and by_a["Q2.4"]["id_b"] == ""
    assert [r["id_b"] for r in rows if r["source"] == "added"] == ["Q5.3"]
    assert len(rows) == len(Catalog.load("2566")) + 1  # every 2566 row, plus one added

    out = tmp_path / "cw.csv"
    assert main(["catalog", "crosswalk", "2562", "2567", "--csv", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so Excel reads the Thai
    assert "มีการจัดให้มีระบบคิว" in raw.decode("utf-8-sig")


def test_cli_crosswalk_unknown_edition():
    assert main(["catalog", "crosswalk", "2566", "2599"]) == 2
