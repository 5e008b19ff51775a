"""Assignments from the generated order (truth written by the generator) through the whole CLI.

The born-digital PDF goes through its damaged text layer and Thai repair; the grey 300-dpi scan
is regenerated here (it is too large to commit) and goes through Tesseract.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.evaluate import assignment_scores
from pipeline.writers import read_csv
from tests.conftest import EXPECTED, ROOT

TRUTH = read_csv(EXPECTED / "order_lampang.assignments.csv")
META = json.loads((EXPECTED / "order_lampang.meta.json").read_text(encoding="utf-8"))


def _run(inputs: list[Path], out: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", *map(str, inputs), "--out", str(out),
         "--workers", "2"],
        capture_output=True, text=True, timeout=1800,
    )
    assert proc.returncode == 0, proc.stderr


def _document_rows(out: Path, document: str) -> list[dict[str, str]]:
    return [r for r in read_csv(out / "assignments.csv") if r["document"] == document]


def _true_officer_count() -> int:
    return len(META["officers"])


@pytest.fixture(scope="module")
def grey_scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    proc = subprocess.run(
        [sys.executable, "-m", "samples.generate", "--out", str(out), "--only", "order_lampang"],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    return out / "generated" / "order_lampang_scan.pdf"


def test_born_digital_order(tmp_path: Path) -> None:
    _run([ROOT / "samples" / "docs" / "order_lampang.pdf"], tmp_path)
    rows = _document_rows(tmp_path, "order_lampang")
    scores = assignment_scores(rows, TRUTH)
    assert scores.f1 >= 0.95, scores
    assert len({r["name"] for r in rows}) == _true_officer_count()


def test_grey_scan_order(grey_scan: Path, tmp_path: Path) -> None:
    _run([grey_scan], tmp_path)
    rows = _document_rows(tmp_path, "order_lampang_scan")
    scores = assignment_scores(rows, TRUTH)
    assert scores.f1 >= 0.95, scores
    assert len({r["name"] for r in rows}) == _true_officer_count()


def test_black_and_white_scan_order(tmp_path: Path) -> None:
    # The committed 1-bit copier scan: harder for Tesseract than the grey one (measured 0.956).
    _run([ROOT / "samples" / "docs" / "order_lampang_bwscan.pdf"], tmp_path)
    rows = _document_rows(tmp_path, "order_lampang_bwscan")
    scores = assignment_scores(rows, TRUTH)
    assert scores.f1 >= 0.93, scores
    assert len({r["name"] for r in rows}) == _true_officer_count()
