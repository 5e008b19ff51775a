"""A list-layout order of the generator's dev split, end to end through `python -m pipeline run`.

The document is generated here (deterministic, from its dev seed) in its born-digital and grey
scan forms; its truth.json is what the generator typeset. Thresholds are the figures measured
on this document when the list work landed (see the lists report), minus a small margin.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.evaluate import assignment_scores
from pipeline.writers import read_csv
from tests.conftest import ROOT

DOCUMENT = "list-0002"  # dev seed 2: 5 pages, Arabic and Thai digits, labels without colons
THRESHOLDS = {"digital": 0.98, "scan": 0.90}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    proc = subprocess.run(
        [sys.executable, "-m", "samples.generate", "--out", str(out), "--family", "list",
         "--split", "dev", "--seed", "2", "--forms", "digital,scan"],
        capture_output=True, text=True, timeout=1800, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    folder = out / "generated" / "families" / "dev"
    assert (folder / f"{DOCUMENT}.truth.json").is_file()
    return folder


@pytest.fixture(scope="module")
def results(generated: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    files = [generated / f"{DOCUMENT}_{form}.pdf" for form in THRESHOLDS]
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", *map(str, files), "--out", str(out),
         "--workers", "2"],
        capture_output=True, text=True, timeout=1800,
    )
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.mark.parametrize("form", sorted(THRESHOLDS))
def test_list_order_assignments_and_officers(generated: Path, results: Path, form: str) -> None:
    truth = json.loads((generated / f"{DOCUMENT}.truth.json").read_text(encoding="utf-8"))
    assert truth["family"] == "list" and truth["split"] == "dev"
    rows = [r for r in read_csv(results / "assignments.csv")
            if r["document"] == f"{DOCUMENT}_{form}"]
    scores = assignment_scores(rows, truth["assignments"])
    assert scores.f1 >= THRESHOLDS[form], scores
    assert len({r["name"] for r in rows}) == len(truth["officers"])
    signer = truth["signer"]["name"].replace(" ", "")
    assert all(r["name"].replace(" ", "") != signer for r in rows)
