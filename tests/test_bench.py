"""The benchmark code itself, on a tiny input: it runs, writes its files, and its measures are
right. Timings are never asserted (the benchmark is a separate command)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from bench import candidates, config
from bench.accuracy import corpus_cer, item_scores, officer_scores, page_cers
from bench.config import BenchConfig
from bench.evaluate import cer
from bench.inputs import pdf_page_count, pdf_subset
from bench.matrix import grid
from bench.proc import Measured, pair_ratio
from bench.run import run_bench
from bench.speed import linear_fit
from bench.units import BUDGETS
from ocr.tesseract import OcrSettings, tesseract_version
from tests.conftest import EXPECTED, ROOT, SEEDS

SEED_003 = "003_d10b89281753108f"


# -- the measures -------------------------------------------------------------------------------


def test_cer_counts_edits_over_truth_length_ignoring_whitespace() -> None:
    assert cer("abd", "abc") == pytest.approx(1 / 3)
    assert cer("ab c\n", "a bc") == 0.0
    assert cer("", "abcd") == 1.0
    assert cer("ทำงาน", "ทางาน") == pytest.approx(1 / 5)  # one substitution in five letters


def test_cer_forgives_sara_am_as_two_characters_but_code_point_cer_does_not() -> None:
    spelt_apart = "ท\u0e4d\u0e32"  # NIKHAHIT + SARA AA, as Tesseract writes SARA AM
    assert cer(spelt_apart, "ทำ") == 0.0
    # Code points: SARA AM replaced by NIKHAHIT and SARA AA inserted, 2 edits over 2 letters.
    assert corpus_cer([spelt_apart], ["ทำ"], strict=True) == pytest.approx(1.0)


def test_corpus_cer_sums_edits_over_all_pages() -> None:
    # one edit in "xyz" against "xyy"; truth has 2 + 3 letters
    assert corpus_cer(["ab", "xyz"], ["ab", "xyy"]) == pytest.approx(1 / 5)


def test_page_cers_follow_the_truth_page_numbers_of_a_subset() -> None:
    pages = [{"raw_text": "ผิด", "text": "ถูก"}]
    result = page_cers(pages, ["หน้าหนึ่ง", "ถูก"], numbers=(2,))
    assert result["pages"] == [{"page": 2, "raw": 1.0, "repaired": 0.0}]
    assert result["ratio"] == 0.0


def test_item_scores_count_items_found_in_printed_order() -> None:
    scores = item_scores(["P1", "P2", "P4", "P9"], ["P1", "P2", "P3", "P4"])
    assert scores["in_sequence"] == 3
    assert scores["accuracy"] == 0.75
    assert scores["extra"] == 1
    assert scores["missing"] == ["P3"]
    assert scores["exact"] is False


def test_officer_scores_match_each_true_name_once_within_two_edits() -> None:
    truth = ["สมศักดิ์ วงศ์ไชย", "สมศักดิ์ วงศ์ใหญ่", "กานดา ใจงาม"]
    found = ["สมศักดิ์ วงศ์ไชย", "กานดา ใจงาน", "ประเสริฐ ชัยมงคล"]
    assert officer_scores(found, truth) == {"found": 3, "true": 3, "matched": 2}


def test_linear_fit_and_pair_ratio() -> None:
    assert linear_fit([(1, 3.0), (2, 5.0), (4, 9.0)]) == {"fixed": 1.0, "per_page": 2.0}
    assert linear_fit([(4, 1.0)]) is None
    a = [Measured(6.0, 1, 1, None, 0), Measured(3.0, 1, 1, None, 0)]
    b = [Measured(4.0, 1, 1, None, 0), Measured(3.0, 1, 1, None, 0)]
    assert pair_ratio(a, b)["median"] == pytest.approx((1.5 + 1.0) / 2)


def test_grid_varies_dpi_and_preprocessing_only_for_the_chosen_psms() -> None:
    settings = grid(("tha", "Thai"), (3, 6), (200, 300), (False, True), variant_psms=(6,))
    # psm 3: 300 dpi only; psm 6: 2 dpis x 2 = 4; for two languages: 2 x (1 + 4)
    assert len(settings) == 10
    assert {(s.dpi, s.preprocess) for s in settings if s.psm == 3} == {(300, False)}


def _row(lang: str, f1: float, wall: float = 10.0, preprocess: bool = False) -> dict:
    return {"lang": lang, "psm": 6, "dpi": 300, "preprocess": preprocess, "f1": f1, "wall": wall}


def test_recommend_keeps_the_default_unless_another_setting_leads_clearly() -> None:
    default = OcrSettings(lang="Thai", psm=6, dpi=300)
    # mean F1 over two scans: Thai 0.90, Thai preprocessed 0.91, tha 0.70
    rows = [_row("Thai", 0.95), _row("Thai", 0.85, preprocess=True), _row("tha", 0.7)]
    more = [_row("Thai", 0.85), _row("Thai", 0.97, preprocess=True)]
    kept = candidates.recommend(rows, more, default)
    assert (kept["lang"], kept["preprocess"], kept["kept_default"]) == ("Thai", False, True)
    assert kept["mean_f1"] == pytest.approx(0.90) and kept["best_mean_f1"] == pytest.approx(0.91)
    # "tha" ran on one scan only, so it cannot win; a clear lead replaces the default
    more[1] = _row("Thai", 1.0, preprocess=True)
    rows[1] = _row("Thai", 0.95, preprocess=True)
    changed = candidates.recommend(rows, more, default)
    assert (changed["preprocess"], changed["kept_default"]) == (True, False)


def test_missing_ocrmypdf_is_reported_not_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "ocrmypdf_command", lambda: None)
    status = config.ocrmypdf_status(BenchConfig())
    assert status is not None and "not installed" in status
    assert config.ocrmypdf_status(BenchConfig(ocrmypdf=False)) == "not asked for"


# -- a whole run on a tiny input ----------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Page 2 of the circular scan (with its truth page) and seed 003 with its golden files."""
    root = tmp_path_factory.mktemp("samples")
    (root / "docs").mkdir()
    (root / "expected").mkdir()
    (root / "seeds").mkdir()
    pdf_subset([(ROOT / "samples" / "docs" / "circular_dopa_scan.pdf", 1)],
               root / "docs" / "circular_dopa_scan.pdf")
    truth = (EXPECTED / "circular_dopa.pages.txt").read_text("utf-8").split("\f")
    (root / "expected" / "circular_dopa.pages.txt").write_text(truth[1], "utf-8")
    shutil.copy(EXPECTED / "circular_dopa.meta.json", root / "expected")
    shutil.copy(SEEDS / f"{SEED_003}.txt", root / "seeds")
    for suffix in ("assignments.csv", "items.csv", "meta.json"):
        shutil.copy(EXPECTED / f"{SEED_003}.{suffix}", root / "expected")
    return root


@pytest.fixture(scope="module")
def tiny_run(tiny_samples: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    out = tmp_path_factory.mktemp("bench")
    settings = OcrSettings(lang="tha", psm=6, dpi=200)
    config = BenchConfig(
        samples=tiny_samples, out_dir=out, docs=out / "BENCHMARKS.md", workers=1, repeats=1,
        minor_repeats=1, settings=settings,
        matrix_langs=("tha",), matrix_psms=(6,), matrix_dpis=(200,), matrix_preprocess=(False,),
        matrix_variant_psms=(6,), matrix_pages=(("circular_dopa_scan.pdf", 1),),
        candidate_file="circular_dopa_scan.pdf", candidate_langs=("tha",), candidate_psms=(6,),
        candidate_variants=False, candidate_more=0, speed_files=("circular_dopa_scan.pdf",),
        scaling_pages=(1,), memory_pages=2, raw_at_memory=True, ocrmypdf_same_settings=False,
    )
    return run_bench(config), out


def test_tiny_bench_writes_results_json_and_markdown(tiny_run: tuple[dict, Path]) -> None:
    results, out = tiny_run
    assert json.loads((out / "results.json").read_text("utf-8")) == json.loads(
        json.dumps(results, default=str)
    )
    markdown = (out / "BENCHMARKS.md").read_text("utf-8")
    assert markdown.startswith("# Benchmarks")
    assert tesseract_version() in markdown
    for heading in ("## Targets", "## Accuracy", "## Speed", "## Memory", "## Where we stand"):
        assert heading in markdown
    assert results["machine"]["cores"] == os.cpu_count()
    assert results["machine"]["tesseract"] == tesseract_version()


def test_tiny_bench_scores_the_scan_page_against_its_truth(tiny_run: tuple[dict, Path]) -> None:
    results, _ = tiny_run
    docs = {d["document"]: d for d in results["accuracy"]["documents"]}
    scan = docs["circular_dopa_scan"]
    assert scan["methods"] == {"ocr": 1}
    assert [p["page"] for p in scan["cer"]["pages"]] == [1]
    # A clean grey scan read at 200 dpi: well under half wrong (a misaligned page is ~1.0).
    assert 0.0 < scan["cer"]["raw"] < 0.5
    seed = docs[SEED_003]
    # 117 assignment rows, 51 items and 17 officers in the hand-written truth of seed 003
    assert seed["assignments"]["edits_0"]["expected"] == 117
    assert seed["items"]["true"] == 51
    assert seed["officers"]["true"] == 17
    assert seed["numbering_errors"]["true"] == ["P15", "Q2.15", "Q3.5"]


def test_tiny_bench_has_every_measurement(tiny_run: tuple[dict, Path]) -> None:
    results, _ = tiny_run
    matrix = results["matrix"]["settings"]
    assert [(s["lang"], s["psm"], s["dpi"]) for s in matrix] == [("tha", 6, 200)]
    assert results["candidates"]["rows"][0]["lang"] == "tha"
    speed = results["speed"]
    assert speed["pages"] == 1
    for key in ("raw_tesseract", "pipeline_cold", "pipeline_warm"):
        assert speed[key]["wall"]["runs"] == 1 and speed[key]["wall"]["median"] > 0
    assert speed["ratios"]["cold_over_raw"]["median"] > 0
    if config.ocrmypdf_command() is None:
        assert "not installed" in speed["ocrmypdf"]["skipped"]
    else:
        assert speed["ocrmypdf"]["wall"]["median"] > 0
        assert speed["ratios"]["cold_over_ocrmypdf"]["median"] > 0
    assert [s["pages"] for s in speed["scaling"]] == [1]
    text = results["text_stages"]
    assert text["pages"] == 1 + 21  # the scan page and the 21 pages of seed 003
    assert text["pages_per_second"] > 0
    # The budgets the unit tests once asserted are measured here, not in the tests.
    units = text["units"]
    assert set(units) == set(BUDGETS)
    for key, unit in units.items():
        assert unit["runs"] == 1 and unit["median"] > 0 and unit["budget"] == BUDGETS[key]
        assert unit["within"] == (unit["median"] <= unit["budget"])
    memory = results["memory"]
    assert memory["pages"] == 2 and memory["peak_tree_mb"] > 0 and memory["raw_wall"] > 0
    assert {t["target"] for t in results["targets"]} == {
        "overhead", "ocrmypdf", "text_stages", "warm", "memory", "cer"
    }


def test_pdf_subset_keeps_the_chosen_pages(tmp_path: Path) -> None:
    source = ROOT / "samples" / "docs" / "order_lampang_bwscan.pdf"
    made = pdf_subset([(source, 0), (source, 3), (source, 0)], tmp_path / "three.pdf")
    assert pdf_page_count(made) == 3


def test_a_bench_of_some_sections_reports_those_only(tiny_run: tuple[dict, Path]) -> None:
    """`--only text_stages` (or memory) into a fresh folder has no other section to keep: the
    report shows what was measured instead of failing on what was not."""
    from bench.report import render_markdown
    from bench.targets import targets

    results, _ = tiny_run
    for kept, shown, absent in (("text_stages", "## Text stages", "## Memory"),
                                ("memory", "## Memory", "## Text stages")):
        partial = {k: v for k, v in results.items()
                   if k not in {"accuracy", "families", "matrix", "candidates", "speed",
                                "text_stages", "memory"} or k == kept}
        partial["targets"] = targets(partial)
        markdown = render_markdown(partial)
        assert shown in markdown and absent not in markdown
