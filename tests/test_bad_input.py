"""Bad inputs: one clear line naming the file, an errors.csv row, the rest of the batch done."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ocr.detect import sniff
from ocr.models import InputError
from pipeline.ledger import Ledger
from pipeline.writers import read_csv
from tests.conftest import SEEDS


def _encrypted(src: Path, dst: Path, password: str) -> Path:
    import pypdf

    reader = pypdf.PdfReader(src)
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password=password, owner_password="owner")
    with dst.open("wb") as fh:
        writer.write(fh)
    return dst


def _broken_xref(src: Path, dst: Path) -> Path:
    """A copy whose cross-reference table points 7 bytes past every object (a careless edit)."""
    import io

    import pypdf

    buf = io.BytesIO()
    pypdf.PdfWriter(clone_from=pypdf.PdfReader(src)).write(buf)
    data = re.sub(
        rb"(\d{10})( \d{5} n)", lambda m: b"%010d" % (int(m.group(1)) + 7) + m.group(2),
        buf.getvalue(),
    )
    dst.write_bytes(data)
    return dst


def _no_pages(dst: Path) -> Path:
    import pypdf

    with dst.open("wb") as fh:
        pypdf.PdfWriter().write(fh)
    return dst


def _wide_image(scan: Path, dst: Path) -> Path:
    """The scanned order page at the left of a 20000 px wide sheet (a banner-sized scan)."""
    from PIL import Image

    from ocr.pdf import render_page

    page = render_page(scan, 0, 300)
    sheet = Image.new("L", (20000, page.height), 255)
    sheet.paste(page, (0, 0))
    sheet.save(dst)
    return dst


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory, order_pdf: Path, order_scan: Path) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "empty.pdf").write_bytes(b"")
    data = order_pdf.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (folder / "random.pdf").write_bytes(bytes(range(256)) * 40)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    _encrypted(order_pdf, folder / "locked.pdf", "secret")
    _encrypted(order_pdf, folder / "open_locked.pdf", "")  # empty user password: readable
    _broken_xref(order_pdf, folder / "broken_xref.pdf")
    _no_pages(folder / "no_pages.pdf")
    _wide_image(order_scan, folder / "wide.png")
    from PIL import Image

    Image.new("L", (1200, 800), 255).save(folder / "blank.png")
    (folder / "english.txt").write_text("This circular is written in English only.\n" * 5)
    (folder / "unreadable.pdf").write_bytes(data)
    (folder / "unreadable.pdf").chmod(0)
    # the two good files: OCR text of an order, and a scanned order
    (folder / "good.txt").write_text((SEEDS / "003_d10b89281753108f.txt").read_text()[:4000])
    shutil.copy(order_scan, folder / "good_scan.pdf")
    return folder


def test_sniff_reasons(bad_folder: Path) -> None:
    with pytest.raises(InputError, match="empty file"):
        sniff(bad_folder / "empty.pdf")
    with pytest.raises(InputError, match="not a PDF"):
        sniff(bad_folder / "random.pdf")
    with pytest.raises(InputError, match="unsupported file type"):
        sniff(bad_folder / "notes.docx")


# Root reads any file whatever its mode: drop the two capabilities that allow it, so the
# unreadable file is unreadable for real (the run is still root, and owns everything else).
NO_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def test_batch_with_bad_files(bad_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run(
        [*NO_OVERRIDE, sys.executable, "-m", "pipeline", "run", str(bad_folder),
         "--out", str(out), "--workers", "2"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    rows = read_csv(out / "errors.csv")
    errors = {Path(r["file"]).name: r for r in rows}
    assert len(rows) == len(errors)  # one row per bad file
    bad = {"empty.pdf", "truncated.pdf", "random.pdf", "notes.docx", "locked.pdf", "blank.png",
           "english.txt", "no_pages.pdf", "unreadable.pdf"}
    # PDFium can rebuild a broken cross-reference table, pdfminer cannot: the file is either
    # read whole or reported on one row, never a crash.
    assert set(errors) - {"broken_xref.pdf"} == bad
    assert "password" in errors["locked.pdf"]["reason"]
    assert "empty" in errors["empty.pdf"]["reason"]
    assert "no Thai text" in errors["english.txt"]["reason"]
    assert "no pages" in errors["no_pages.pdf"]["reason"]
    assert "permission denied" in errors["unreadable.pdf"]["reason"]
    assert all(r["stage"] and r["reason"] for r in rows)
    # one line on stderr per bad file, naming it
    for name in errors:
        assert sum(name in line for line in proc.stderr.splitlines()) >= 1, name
    # the good files went all the way through, the readable odd ones too
    for name in ("good", "good_scan", "open_locked", "wide"):
        assert (out / name / "pages.json").exists(), name
        assert (out / name / "document.json").exists(), name
    if "broken_xref.pdf" not in errors:
        assert (out / "broken_xref" / "document.json").exists()
    # the 20000 px scan was scaled down and still read
    wide = json.loads((out / "wide" / "pages.json").read_text(encoding="utf-8"))
    assert "นางสาวกานดา" in wide["pages"][0]["text"].replace(" ", "")
    # every file, good or bad, has its row in the ledger
    with Ledger.open(out) as ledger:
        statuses = {Path(r.path).name: r.status for r in ledger.files()}
    assert {n for n, s in statuses.items() if s == "failure"} == set(errors)
    assert {n for n, s in statuses.items() if s == "success"} >= {"good.txt", "good_scan.pdf"}


def test_stuck_page_is_reported_not_waited_on(order_scan: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(order_scan), "--out", str(out),
         "--page-timeout", "0.05"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    (row,) = read_csv(out / "errors.csv")
    assert row["stage"] == "ocr" and row["page"] == "1" and "timed out" in row["reason"]
    assert sum("timed out" in line for line in proc.stderr.splitlines()) == 1


def test_usage_error_exit_code(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(tmp_path / "missing.pdf"),
         "--out", str(tmp_path / "o")],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 2
    assert "no input found" in proc.stderr


def test_encrypted_with_empty_password_is_read(order_pdf: Path, tmp_path: Path) -> None:
    from ocr.detect import describe
    from ocr.reader import plan_pages

    pdf = _encrypted(order_pdf, tmp_path / "empty_pw.pdf", "")
    assert len(plan_pages(describe(pdf))) == 1
