"""Bad inputs: one clear line naming the file, an errors.csv row, the rest of the batch done."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ocr.detect import sniff
from ocr.models import InputError
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


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory, order_pdf: Path) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    (folder / "empty.pdf").write_bytes(b"")
    data = order_pdf.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (folder / "random.pdf").write_bytes(bytes(range(256)) * 40)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    _encrypted(order_pdf, folder / "locked.pdf", "secret")
    from PIL import Image

    Image.new("L", (1200, 800), 255).save(folder / "blank.png")
    (folder / "english.txt").write_text("This circular is written in English only.\n" * 5)
    (folder / "good.txt").write_text((SEEDS / "003_d10b89281753108f.txt").read_text()[:4000])
    return folder


def test_sniff_reasons(bad_folder: Path) -> None:
    with pytest.raises(InputError, match="empty file"):
        sniff(bad_folder / "empty.pdf")
    with pytest.raises(InputError, match="not a PDF"):
        sniff(bad_folder / "random.pdf")
    with pytest.raises(InputError, match="unsupported file type"):
        sniff(bad_folder / "notes.docx")


def test_batch_with_bad_files(bad_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(bad_folder), "--out", str(out),
         "--workers", "2"],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    errors = {Path(r["file"]).name: r for r in read_csv(out / "errors.csv")}
    assert set(errors) == {"empty.pdf", "truncated.pdf", "random.pdf", "notes.docx",
                           "locked.pdf", "blank.png", "english.txt"}
    assert "password" in errors["locked.pdf"]["reason"]
    assert "empty" in errors["empty.pdf"]["reason"]
    assert "no Thai text" in errors["english.txt"]["reason"]
    # one line on stderr per bad file, naming it
    for name in errors:
        assert sum(name in line for line in proc.stderr.splitlines()) >= 1, name
    # the good file went all the way through
    assert (out / "good" / "pages.json").exists()
    assert (out / "good" / "document.json").exists()


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
