"""`circulars run` end to end on the seeds: every table written, Excel-friendly, Thai intact."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pipeline.tables import ASSIGNMENT_COLUMNS
from pipeline.writers import read_csv
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(SEEDS), "--out", str(out), "--workers", "2"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    return out


def test_tables_have_bom_and_columns(out_dir: Path) -> None:
    for name in ("assignments.csv", "items.csv", "officers.csv", "validation.csv", "matrix.csv",
                 "errors.csv"):
        assert (out_dir / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
    rows = read_csv(out_dir / "assignments.csv")
    assert list(rows[0]) == ASSIGNMENT_COLUMNS
    assert {r["role"] for r in rows} == {"supervisor", "responsible"}
    assert all(r["criterion"][0] in "PQR" for r in rows)
    assert any(r["name"] == "ศุภศิลป์ กลิ่นหอม" for r in rows)
    # one row per (document, criterion, role, officer)
    keys = [(r["document"], r["criterion"], r["role"], r["name"]) for r in rows]
    assert len(keys) == len(set(keys))


def test_officers_table_keeps_variants(out_dir: Path) -> None:
    officers = {r["name"]: r for r in read_csv(out_dir / "officers.csv")}
    assert len(officers) == 17
    assert officers["นรีกานต์ โกมิตร"]["title"] == "นางสาว"
    assert len(officers["ศุภศิลป์ กลิ่นหอม"]["variants"].split(" | ")) >= 4


def test_per_document_files(out_dir: Path) -> None:
    doc = out_dir / "003_d10b89281753108f"
    pages = json.loads((doc / "pages.json").read_text(encoding="utf-8"))
    assert len(pages["pages"]) == 21
    assert {"page", "method", "confidence", "raw_text", "text"} <= set(pages["pages"][0])
    record = json.loads((doc / "document.json").read_text(encoding="utf-8"))
    assert record["edition"] == "2567"
    assert len(record["items"]) == 51
    assert "\f" in (doc / "text.txt").read_text(encoding="utf-8")


def test_matrix_xlsx_round_trip(out_dir: Path) -> None:
    wb = load_workbook(out_dir / "matrix.xlsx")
    assert "workload" in wb.sheetnames
    ws = wb["003_d10b89281753108f"]
    assert ws.freeze_panes == "B2"
    header = [c.value for c in ws[1]]
    assert header[0] == "officer" and "P1" in header and "R3" in header
    names = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert "นิภาพร เผ่ากันทะ" in names
    row = names.index("นิภาพร เผ่ากันทะ") + 2
    assert ws.cell(row=row, column=header.index("P1") + 1).value == "ก"
    assert ws.cell(row=2, column=1).font.name == "Tahoma"


def test_matrix_command_rebuilds_what_run_wrote(out_dir: Path) -> None:
    written = (out_dir / "matrix.csv").read_bytes()
    (out_dir / "matrix.csv").unlink()
    proc = subprocess.run([sys.executable, "-m", "pipeline", "matrix", str(out_dir)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (out_dir / "matrix.csv").read_bytes() == written
