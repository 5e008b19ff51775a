"""The three catalogs against the counts and points their source documents declare, and the
spelling of every title. Expected values are read off the seeds, not off the catalog files."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize

from extract.catalog import Catalog, CatalogError, normalize_number
from pipeline.cli.main import main

EDITIONS = ("2562", "2566", "2567")

# What each document states about itself.
# 2562 (seed 002): "เกณฑ์ด้านกายภาพ จำนวน ๑๓ ข้อย่อย", "๒๔ หัวข้อ จำนวน ๕๒ ข้อย่อย",
#   "เกณฑ์พื้นฐาน จำนวน ๓๔ ข้อย่อย", "เกณฑ์ขั้นสูง จำนวน ๑๘ ข้อย่อย",
#   "เกณฑ์ด้านผลลัพธ์ ประกอบด้วย ๓ หัวข้อ จำนวน ๖ ข้อย่อย", "เกณฑ์ ๓ ด้าน จำนวน ๗๑ ข้อย่อย".
# 2566 (seed 004): physical 14 (the deck lists 1-14), "ขั้นพื้นฐาน มี 16 ข้อ ข้อละ 1 คะแนน",
#   "ขั้นสูง ... ข้อละ 2 คะแนน 21 ข้อ และ 6 คะแนน 2 ข้อ", "54 รวม คะแนน", results "30 รวม คะแนน".
# 2567 (seed 003): "เกณฑ์ด้านกายภาพ จำนวน ๑๕ ข้อ", location advanced ๓ ข้อ ๖ คะแนน, service basic
#   ๗ ข้อ + advanced ๑๑ ข้อ (๒๙ คะแนน), personnel basic ๑ + advanced ๔ (๙ คะแนน), technology
#   advanced ๔ ข้อ ๘ คะแนน, special ๓ ข้อ ข้อละ ๖ คะแนน ๑๘ คะแนน, results ๓ ข้อ ข้อละ ๑๐ คะแนน.
STATED = {
    "2562": {
        "physical": 13,
        "quality_items": 52,
        "basic": 34,
        "advanced": 18,
        "special": 0,
        "results": 3,
    },
    "2566": {
        "physical": 14,
        "quality_items": 39,
        "basic": 16,
        "advanced": 21,
        "special": 2,
        "results": 3,
    },
    "2567": {
        "physical": 15,
        "quality_items": 33,
        "basic": 8,
        "advanced": 22,
        "special": 3,
        "results": 3,
    },
}
STATED_2567_SECTIONS = {
    ("location", "advanced"): (3, 6),
    ("service", "basic"): (7, 7),
    ("service", "advanced"): (11, 22),
    ("personnel", "basic"): (1, 1),
    ("personnel", "advanced"): (4, 8),
    ("technology", "advanced"): (4, 8),
    ("special", "special"): (3, 18),
}
# Quality numbering per section as DOMAIN.md and the seeds show it.
QUALITY_RANGES = {
    "2566": {"1": 4, "2": 24, "3": 5, "4": 4, "5": 2},
    "2567": {"1": 3, "2": 18, "3": 5, "4": 4, "5": 3},
}
# Level points of the scheme (DOMAIN.md vocabulary, and the 2566/2567 documents).
LEVEL_POINTS = {"mandatory": None, "basic": 1, "advanced": 2, "special": 6, "result": 10}


@pytest.fixture(scope="module", params=EDITIONS)
def cat(request) -> Catalog:
    return Catalog.load(request.param)


def test_editions_are_the_three_of_the_seeds():
    assert Catalog.editions() == list(EDITIONS)


def test_catalog_counts_match_what_the_document_states(cat):
    counts = cat.counts()
    for key, value in STATED[cat.edition].items():
        assert counts[key] == value, key
        assert getattr(cat.declared, key) == value, key


def test_points_total_100_where_stated(cat):
    if cat.edition in ("2566", "2567"):
        assert cat.declared.points_total == 100
    total = sum(c.points or 0 for c in cat)
    # 2562 states no points; its levels follow the same 1/2/10 scheme, which also gives 100.
    assert total == 100


def test_quality_and_results_points_split(cat):
    quality = sum(c.points for c in cat if c.group in ("quality", "special"))
    results = sum(c.points for c in cat if c.group == "results")
    assert (quality, results) == (70, 30)


def test_2562_topics_and_subitems():
    cat = Catalog.load("2562")
    topics = {c.topic for c in cat if c.group == "quality"}
    assert len(topics) == 24 == cat.declared.quality_topics
    assert sum(len(c.sub_items) for c in cat if c.group == "results") == 6
    # "เกณฑ์ ๓ ด้าน จำนวน ๗๑ ข้อย่อย" = 13 physical + 52 quality + 6 results sub-items
    assert cat.declared.total_items == 71
    assert [c.id for c in cat if c.group == "quality"][-3:] == ["Q22", "Q23", "Q24"]


def test_2567_section_counts_and_points():
    cat = Catalog.load("2567")
    declared = {(s.section, s.level): (s.count, s.points) for s in cat.declared.sections}
    for key, (count, points) in STATED_2567_SECTIONS.items():
        found = [c for c in cat if (c.section, c.level) == key]
        assert (len(found), sum(c.points for c in found)) == (count, points), key
        assert declared[key] == (count, points), key


def test_2566_level_points():
    cat = Catalog.load("2566")
    assert sum(c.points for c in cat if c.level == "basic") == 16
    assert sum(c.points for c in cat if c.level in ("advanced", "special")) == 54


def test_every_level_has_its_points(cat):
    for c in cat:
        assert c.points == LEVEL_POINTS[c.level], c.id


@pytest.mark.parametrize("edition", ["2566", "2567"])
def test_quality_numbering_per_section(edition):
    cat = Catalog.load(edition)
    by_section: dict[str, list[int]] = {}
    for c in cat:
        if c.group in ("quality", "special"):
            sec, item = c.number.split(".")
            by_section.setdefault(sec, []).append(int(item))
    expected = {sec: list(range(1, n + 1)) for sec, n in QUALITY_RANGES[edition].items()}
    assert by_section == expected


def test_ids_numbers_and_order(cat):
    physical = [c.number for c in cat if c.group == "physical"]
    assert physical == [str(n) for n in range(1, len(physical) + 1)]
    assert [c.number for c in cat if c.group == "results"] == ["1", "2", "3"]
    for c in cat:
        prefix = {"physical": "P", "quality": "Q", "special": "Q", "results": "R"}[c.group]
        assert c.id == prefix + c.number, c.id
        for s in c.sub_items:
            assert s.number.startswith(c.number + "." if c.group != "results" else c.number)


def test_sub_item_points(cat):
    for c in cat:
        pts = [s.points for s in c.sub_items if s.points is not None]
        if not pts:
            continue
        if c.level == "advanced":  # 1-point and 2-point levels of one item
            assert sorted(pts) == [1, 2], c.id
        else:  # special conditions and results: the parts add up
            assert sum(pts) == c.points, c.id


def test_concepts_unique_within_an_edition(cat):
    dupes = [k for k, n in Counter(c.concept for c in cat).items() if n > 1]
    assert dupes == []
    assert all(re.fullmatch(r"[a-z][a-z0-9_]+", c.concept) for c in cat)


def test_known_renumberings_from_domain():
    found = {ed: {c.concept: c.id for c in Catalog.load(ed)} for ed in EDITIONS}
    assert [found[ed]["queue_system"] for ed in EDITIONS] == ["P11", "P11", "P12"]
    assert found["2566"]["waste_management"] == "Q1.3"
    assert found["2567"]["waste_management"] == "Q1.2"
    assert "waste_management" not in found["2562"]
    assert found["2567"]["smoke_free_area"] == "P15"


# --- lookups -----------------------------------------------------------------------------------


def test_lookup_by_id_and_number():
    cat = Catalog.load("2567")
    assert cat.get("Q2.5").title.startswith("มีการจัดทำคู่มือการปฏิบัติงาน")
    assert [c.id for c in cat.by_number("๑๒")] == ["P12"]
    assert [c.id for c in cat.by_number("๒ .๑๐")] == ["Q2.10"]
    assert [c.id for c in cat.by_number("1")] == ["P1", "R1"]
    assert [c.id for c in cat.by_number("1", group="results")] == ["R1"]
    assert cat.by_number("2.19") == []
    with pytest.raises(CatalogError):
        cat.get("Q2.19")
    with pytest.raises(CatalogError):
        Catalog.load("2570")
    assert normalize_number(" ๕.๓ ") == "5.3"


def test_iter_section():
    cat = Catalog.load("2567")
    assert len(list(cat.iter_section("service"))) == 18
    assert [c.id for c in cat.iter_section("personnel", level="basic")] == ["Q3.1"]
    assert len(list(cat.iter_section(group="physical"))) == 15
    assert len(cat) == 15 + 33 + 3 == len(list(iter(cat)))
    assert Catalog.load("2567") is cat  # parsed once


# --- titles are clean Thai ----------------------------------------------------------------------

_CONSONANT = "[\u0e01-\u0e2e]"
_ABOVE_BELOW = "[\u0e31\u0e34-\u0e3a\u0e47]"
_TONE = "[\u0e48-\u0e4c]"
_LEADING = "[\u0e40-\u0e44]"
_ALLOWED_PUNCT = set(" ()/-:,.%“”&")
_NOT_IN_DICTIONARY_OK = {"ณ", "พอร์ทัล"}
_WORDS = set(thai_words())


def title_problems(text: str) -> list[str]:
    """Why `text` is not clean Thai: written here independently of the repair code."""
    problems = []
    if re.search("[\ue000-\uf8ff]", text):
        problems.append("PUA code point")
    if "\u0e4d" in text or re.search(r"(^|[\s])[\u0e30\u0e32\u0e33\u0e45]", text):
        problems.append("SARA AM split or floating vowel")
    if re.search(f"(^|[^\u0e01-\u0e2e]){_ABOVE_BELOW}", text):
        problems.append("vowel mark not on a consonant")
    if re.search(f"(^|[^\u0e01-\u0e2e\u0e31\u0e34-\u0e39]){_TONE}", text):
        problems.append("tone mark not on a consonant or vowel")
    if re.search(f"{_TONE}{_ABOVE_BELOW}", text):
        problems.append("tone mark before vowel")
    if re.search(f"(^|[^\u0e01-\u0e2e\u0e48-\u0e4b]){chr(0x0E33)}", text):
        problems.append("SARA AM not after a consonant")
    if re.search(f"{_LEADING}($|[^\u0e01-\u0e2e])", text):
        problems.append("leading vowel without consonant")
    for token in text.split():
        has_thai = re.search("[\u0e01-\u0e5b]", token)
        if has_thai and re.search("[A-Za-z0-9]", token):
            problems.append(f"Latin/Thai mixed token {token!r}")
        if any(
            not (ch.isalnum() or ch in _ALLOWED_PUNCT or unicodedata.category(ch) == "Mn")
            for ch in token
        ):
            problems.append(f"odd symbol in {token!r}")
    for word in word_tokenize(text, engine="newmm", keep_whitespace=False):
        if re.search(_CONSONANT, word) and word not in _WORDS | _NOT_IN_DICTIONARY_OK:
            problems.append(f"not a word: {word!r}")
    if text != text.strip() or "  " in text:
        problems.append("stray spaces")
    return problems


@pytest.mark.parametrize(
    "damaged",
    [
        "ด าเนินการ",  # SARA AM split (text layer)
        "ดําเนินการ",  # nikhahit + SARA AA
        "หลกัเกณฑม์าตรฐาน",  # marks displaced past the next consonant
        "ศนูยร์าชการสะดวก",
        "ท่ีทำการ",  # tone mark before vowel
        "มี'ป้าย",
        "(6(^61'กโฑ6ท1: เวิลร)",  # English turned into Thai-looking junk
        "หน่วยงาน\uf70aราชการ",  # PUA
        "©๒.๑๔ มีการแลกเปลี่ยน",
    ],
)
def test_title_checker_catches_seed_damage(damaged):
    assert title_problems(damaged)


# Consonant confusions of the seed-003 scan that still spell dictionary syllables, so the word
# check above cannot see them: none may survive in a catalog title.
SEED_OCR_FORMS = (
    "ประซาซน",
    "ซัดเจน",
    "เซ่น",
    "ราซการ",
    "รับผิดขอบ",
    "ซ่องทาง",
    "หน่วยงาบ",
    "ป้ญหา",
    "ขัดเจน",
    "ประโยซน์",
    "ราขการ",
    "เนินเลิศ",
)


def test_every_title_is_clean(cat):
    bad = {}
    for c in cat:
        texts = [c.title, *(s.title for s in c.sub_items)] + ([c.topic] if c.topic else [])
        for t in texts:
            problems = title_problems(t) + [f for f in SEED_OCR_FORMS if f in t]
            if problems:
                bad[c.id] = problems
    assert bad == {}


def test_catalog_files_are_indented_utf8():
    from importlib import resources

    for ed in EDITIONS:
        raw = (resources.files("extract") / "catalogs" / f"{ed}.json").read_text("utf-8")
        assert "\\u0e" not in raw  # ensure_ascii=False: Thai readable in review
        assert raw == json.dumps(json.loads(raw), indent=2, ensure_ascii=False) + "\n"


# --- CLI ---------------------------------------------------------------------------------------


def test_cli_list(capsys):
    assert main(["catalog", "list"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split()[1:7] for line in out.splitlines()[1:]}
    assert rows["2562"] == ["13", "34", "18", "0", "3", "100"]
    assert rows["2566"] == ["14", "16", "21", "2", "3", "100"]
    assert rows["2567"] == ["15", "8", "22", "3", "3", "100"]


def test_cli_show_table_and_one(capsys):
    assert main(["catalog", "show", "2566"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^P11\s+11\s+physical\s+none\s+mandatory\s+queue_system", out, re.M)
    assert main(["catalog", "show", "2567", "๒.๕"]) == 0
    out = capsys.readouterr().out
    assert "2567 Q2.5" in out and "2.5.1 (1)" in out and "2.5.2 (2)" in out
    assert "2566: Q2.7" in out  # the manual was 2.7 in 2566


def test_cli_show_errors(capsys):
    assert main(["catalog", "show", "2570"]) == 2
    assert main(["catalog", "show", "2567", "Q9.9"]) == 2
    assert main(["catalog", "show", "2567", "1"]) == 2  # P1 or R1
