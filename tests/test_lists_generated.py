"""List-layout orders of the generator's dev split, end to end through `python -m pipeline run`.

The born-digital forms are the dev copies the generator commits (samples/docs/, truth in
samples/expected/); the grey scan is generated here from its dev seed (deterministic). Each
truth.json is what the generator typeset. Thresholds are the figures measured when the list
work landed (lists report: 1.000 born-digital, 0.959 grey scan), minus a margin.
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

DOCS = ROOT / "samples" / "docs"
DIGITAL = {"list-0002": 0.98, "sectionlist-0001": 0.98}
SCAN = ("list-0002", 2, 0.93)  # dev seed 2: Arabic and Thai digits, labels without colons


def _truth(document: str, folder: Path = EXPECTED) -> dict:
    truth = json.loads((folder / f"{document}.truth.json").read_text(encoding="utf-8"))
    assert truth["split"] == "dev"
    return truth


def _run(files: list[Path], out: Path) -> list[dict[str, str]]:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", *map(str, files), "--out", str(out),
         "--workers", "2"],
        capture_output=True, text=True, timeout=1800,
    )
    assert proc.returncode == 0, proc.stderr
    return read_csv(out / "assignments.csv")


def _check(rows: list[dict[str, str]], name: str, truth: dict, threshold: float) -> None:
    mine = [r for r in rows if r["document"] == name]
    scores = assignment_scores(mine, truth["assignments"])
    assert scores.f1 >= threshold, (name, scores)
    assert len({r["name"] for r in mine}) == len(truth["officers"]), name
    signer = truth["signer"]["name"].replace(" ", "")
    assert all(r["name"].replace(" ", "") != signer for r in mine), name


def test_born_digital_list_orders(tmp_path: Path) -> None:
    rows = _run([DOCS / f"{doc}_digital.pdf" for doc in DIGITAL], tmp_path)
    for doc, threshold in DIGITAL.items():
        _check(rows, f"{doc}_digital", _truth(doc), threshold)


def test_grey_scan_list_order(tmp_path_factory: pytest.TempPathFactory) -> None:
    document, seed, threshold = SCAN
    samples = tmp_path_factory.mktemp("samples")
    proc = subprocess.run(
        [sys.executable, "-m", "samples.generate", "--out", str(samples), "--family", "list",
         "--split", "dev", "--seed", str(seed), "--forms", "scan"],
        capture_output=True, text=True, timeout=1800, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    folder = samples / "generated" / "families" / "dev"
    rows = _run([folder / f"{document}_scan.pdf"], tmp_path_factory.mktemp("out"))
    _check(rows, f"{document}_scan", _truth(document, folder), threshold)


# Generator seeds outside both splits (a one-off seed is generated into the dev folder): born-
# digital layouts whose text layer breaks marks in titles (ว่าที่รูอยตรี, list seed 12) and
# section supervisors named in sentences over a quality block whose section headings carry
# counts (sectionlist seed 13). Measured at 1.000 and 0.997 when this landed.
MORE_DIGITAL = (("list", 12, 0.98), ("sectionlist", 13, 0.98))


def test_more_born_digital_list_orders(tmp_path_factory: pytest.TempPathFactory) -> None:
    samples = tmp_path_factory.mktemp("samples")
    for family, seed, _ in MORE_DIGITAL:
        proc = subprocess.run(
            [sys.executable, "-m", "samples.generate", "--out", str(samples), "--family",
             family, "--split", "dev", "--seed", str(seed), "--no-scans"],
            capture_output=True, text=True, timeout=1800, cwd=ROOT,
        )
        assert proc.returncode == 0, proc.stderr
    folder = samples / "generated" / "families" / "dev"
    names = [f"{family}-{seed:04d}" for family, seed, _ in MORE_DIGITAL]
    rows = _run([folder / f"{name}_digital.pdf" for name in names], tmp_path_factory.mktemp("o"))
    for name, (_, _, threshold) in zip(names, MORE_DIGITAL, strict=True):
        truth = json.loads((folder / f"{name}.truth.json").read_text(encoding="utf-8"))
        _check(rows, f"{name}_digital", truth, threshold)
