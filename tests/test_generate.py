"""The sample generator: the files it writes, their text layers and scans, and its truth.

The generator runs for real (a subprocess, as `make samples` runs it) into a temporary folder:
the circular at its real 300 dpi, the order's scans at 100 dpi to keep the suite fast.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pdfplumber
import pytesseract
import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein

from samples.naming import truth_stem

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
ORDER, CIRCULAR = "order_lampang", "circular_dopa"
TEST_DPI = 100


TITLE_SPELLINGS = {
    "นาย": ("นาย",),
    "นาง": ("นาง",),
    "นางสาว": ("นางสาว", "น.ส."),
    "ว่าที่ร้อยตรี": ("ว่าที่ร้อยตรี", "ว่าที่ ร.ต."),
    "ดร.": ("ดร.",),
}
THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def run_generator(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHAINLP_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "samples.generate", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("samples")
    for args in (("--only", CIRCULAR), ("--only", ORDER, "--dpi", str(TEST_DPI))):
        done = run_generator("--out", str(folder), *args)
        assert done.returncode == 0, done.stderr
    return folder


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate, whitespace ignored."""
    ref = squash(reference)
    return Levenshtein.distance(squash(hypothesis), ref) / max(1, len(ref))


def truth_pages(folder: Path, name: str) -> list[str]:
    text = (folder / "expected" / f"{name}.pages.txt").read_text(encoding="utf-8")
    assert text.endswith("\n")
    return text.removesuffix("\n").split("\f")


def meta(name: str) -> dict:
    return json.loads((SAMPLES / "expected" / f"{name}.meta.json").read_text(encoding="utf-8"))


def scanned_page(path: Path, index: int) -> Image.Image:
    """The JPEG a scanned PDF holds for one page, decoded (no re-rendering)."""
    with pdfplumber.open(path) as pdf:
        (image,) = pdf.pages[index].images
        return Image.open(io.BytesIO(image["stream"].get_data())).convert("L")


def pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image, dtype=np.float32)


def test_committed_inputs_are_listed_and_small() -> None:
    committed = []
    for name in (ORDER, CIRCULAR):
        for filename, info in meta(name)["files"].items():
            assert truth_stem(filename) == name
            if info["where"] == "docs":
                committed.append(SAMPLES / "docs" / filename)
    # Family documents (samples/families): their truth is expected/<doc>.truth.json.
    for truth_file in sorted((SAMPLES / "expected").glob("*.truth.json")):
        files = json.loads(truth_file.read_text(encoding="utf-8"))["files"]
        committed += [SAMPLES / "docs" / n for n in files if (SAMPLES / "docs" / n).exists()]
    assert {p.name for p in committed} == {p.name for p in (SAMPLES / "docs").iterdir()}
    assert sum(p.stat().st_size for p in committed) < 4_000_000


def test_regenerated_truth_equals_committed_truth(out: Path) -> None:
    # Golden files: if this fails, the generator changed; run `make samples` and review the diff.
    for filename in (f"{ORDER}.pages.txt", f"{ORDER}.assignments.csv", f"{ORDER}.meta.json",
                     f"{CIRCULAR}.pages.txt", f"{CIRCULAR}.meta.json"):
        fresh = (out / "expected" / filename).read_bytes()
        assert fresh == (SAMPLES / "expected" / filename).read_bytes(), filename


def test_every_listed_file_is_generated(out: Path) -> None:
    for name in (ORDER, CIRCULAR):
        for filename, info in meta(name)["files"].items():
            assert (out / info["where"] / filename).stat().st_size > 10_000, filename


def test_born_digital_text_layer_is_close_to_truth(out: Path) -> None:
    for name in (ORDER, CIRCULAR):
        truth = truth_pages(out, name)
        with pdfplumber.open(out / "docs" / f"{name}.pdf") as pdf:
            assert len(pdf.pages) == len(truth) == meta(name)["pages"]
            for number, (page, expected) in enumerate(zip(pdf.pages, truth, strict=True), 1):
                # Content-stream order is the layout's reading order. Measured 0.021-0.037:
                # what remains is the Thai glyph mapping (SARA AM loses its NIKHAHIT, marks
                # reordered), which the repair stage must undo. A missing row (~7%) or a page
                # swapped with another (>60%) exceeds 0.06.
                flow = page.extract_text(use_text_flow=True)
                assert cer(flow, expected) < 0.06, (name, number, cer(flow, expected))
                assert len(squash(page.extract_text())) > 0.9 * len(squash(expected))


def test_born_digital_pdf_text_matches_committed_pdf(out: Path) -> None:
    for name in (ORDER, CIRCULAR):
        with (pdfplumber.open(out / "docs" / f"{name}.pdf") as fresh,
              pdfplumber.open(SAMPLES / "docs" / f"{name}.pdf") as committed):
            assert [p.extract_text() for p in fresh.pages] == [
                p.extract_text() for p in committed.pages]


def test_scanned_pdfs_are_image_only_with_the_right_pages(out: Path) -> None:
    scans = [(ORDER, f"{ORDER}_scan.pdf", "generated"), (ORDER, f"{ORDER}_badscan.pdf",
             "generated"), (ORDER, f"{ORDER}_bwscan.pdf", "docs"),
             (CIRCULAR, f"{CIRCULAR}_scan.pdf", "docs")]
    for name, filename, where in scans:
        with pdfplumber.open(out / where / filename) as pdf:
            assert len(pdf.pages) == len(truth_pages(out, name)), filename
            for page in pdf.pages:
                assert page.chars == [], filename
                assert len(page.images) == 1, filename
    with pdfplumber.open(out / "docs" / f"{ORDER}_bwscan.pdf") as pdf:
        assert pdf.pages[0].images[0]["bits"] == 1
    with pdfplumber.open(out / "docs" / f"{CIRCULAR}_scan.pdf") as pdf:
        image = pdf.pages[0].images[0]
        # A4 at 300 dpi is 2480 x 3508 pixels.
        assert abs(image["srcsize"][0] - 2480) <= 2 and abs(image["srcsize"][1] - 3508) <= 2


def test_tiff_holds_the_same_scanned_pages(out: Path) -> None:
    with Image.open(out / "docs" / f"{CIRCULAR}_scan.tiff") as tiff:
        assert tiff.n_frames == len(truth_pages(out, CIRCULAR))
        assert round(tiff.info["dpi"][0]) == 300
        first = pixels(tiff.convert("L"))
    from_pdf = pixels(scanned_page(out / "docs" / f"{CIRCULAR}_scan.pdf", 0))
    assert first.shape == from_pdf.shape
    assert float(np.abs(first - from_pdf).mean()) < 1.0


def test_scans_are_reproducible(out: Path) -> None:
    # Same seeds, same pixels: the fresh 300-dpi scan equals the committed one (up to JPEG
    # decoder differences); another seed moves the skew and gives a difference of about 18.
    for page in range(2):
        fresh = pixels(scanned_page(out / "docs" / f"{CIRCULAR}_scan.pdf", page))
        committed = pixels(scanned_page(SAMPLES / "docs" / f"{CIRCULAR}_scan.pdf", page))
        assert float(np.abs(fresh - committed).mean()) < 0.5


def test_tesseract_reads_a_300_dpi_scanned_page(out: Path) -> None:
    image = scanned_page(out / "docs" / f"{CIRCULAR}_scan.pdf", 0)
    assert image.size == (2481, 3508)  # A4 (595.28 x 841.89 pt) at 300 dpi, rounded up
    text = pytesseract.image_to_string(image, lang="tha+eng")
    # Measured 0.099 with Tesseract 5.3 (tha+eng, psm 3). The page of another document or a
    # page the scan made unreadable scores above 0.5.
    assert cer(text, truth_pages(out, CIRCULAR)[0]) < 0.2


def _assignments() -> list[dict[str, str]]:
    raw = (SAMPLES / "expected" / f"{ORDER}.assignments.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so Excel shows Thai
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == "criterion,role,title,name"
    return list(csv.DictReader(io.StringIO(text)))


def printed_number(criterion: str) -> str:
    return criterion[1:].translate(THAI)


def test_assignments_cover_every_criterion_with_one_supervisor() -> None:
    rows = _assignments()
    info = meta(ORDER)
    assert len({tuple(r.values()) for r in rows}) == len(rows)
    for criterion in info["criteria"]:
        mine = [r for r in rows if r["criterion"] == criterion]
        assert sum(r["role"] == "supervisor" for r in mine) == 1, criterion
        assert 1 <= sum(r["role"] == "responsible" for r in mine) <= 3, criterion
    assert {r["criterion"] for r in rows} == set(info["criteria"])
    counts = info["declared_counts"]
    ids = info["criteria"]
    assert sum(c.startswith("P") for c in ids) == counts["physical"] == 15
    assert sum(c.startswith("Q5.") for c in ids) == counts["special"] == 3
    assert sum(c.startswith("R") for c in ids) == counts["results"] == 3
    for section, declared in counts["quality"].items():
        assert sum(c.startswith(f"Q{section}.") for c in ids) == declared
    assert counts["quality_basic"] + counts["quality_advanced"] == sum(
        counts["quality"].values())


def test_assignment_ids_titles_and_names_are_in_the_rendered_text() -> None:
    rows = _assignments()
    info = meta(ORDER)
    pages = truth_pages(SAMPLES, ORDER)
    text = "\n".join(pages)
    lines = set(text.splitlines())
    slips = {e["criterion"]: e for e in info["numbering_errors"]}
    for criterion in info["criteria"]:
        written = slips[criterion]["written"] if criterion in slips else printed_number(criterion)
        assert written in lines, criterion  # the number cell is a line of its own
    for criterion, slip in slips.items():
        assert slip["correct"] == printed_number(criterion)
        assert slip["correct"] not in lines  # the slip is really printed
    for row in rows:
        assert row["role"] in ("supervisor", "responsible")
        assert re.fullmatch(r"\S+ \S+", row["name"]), row
        given = row["name"].split()[0]
        assert any(f"{t}{given}" in text for t in TITLE_SPELLINGS[row["title"]]), row
        assert row["name"] in text
    names = {r["name"] for r in rows}
    assert len(names) == info["distinct_officers"]
    assert 10 <= len(names) <= 14
    signer = info["signer"]["name"]
    assert signer not in names and signer in pages[0]
    # The same person is written with both spellings of a title somewhere in the table.
    assert any(all(f"{t}{name.split()[0]}" in text for t in spellings)
               for name in names for spellings in TITLE_SPELLINGS.values() if len(spellings) > 1)


def test_continued_items_repeat_their_names_on_the_next_page() -> None:
    rows = _assignments()
    info = meta(ORDER)
    pages = truth_pages(SAMPLES, ORDER)
    assert info["continued_items"]
    for criterion in info["continued_items"]:
        on = info["item_pages"][criterion]
        assert len(on) > 1
        for page in on:
            for row in rows:
                if row["criterion"] == criterion:
                    assert row["name"] in pages[page - 1], (criterion, page, row)


def test_hand_read_rows_of_the_order() -> None:
    # Read on page 3 of order_lampang.pdf: item ๑๒ (queue system) names
    # ว่าที่ร้อยตรีณัฐพล บุญเรือง and นายเอกชัย ศรีสุข; the supervisor cell covering the page's
    # physical items reads นางสุพัตรา แก้วมูลเมือง.
    p12 = {(r["role"], r["title"], r["name"]) for r in _assignments() if r["criterion"] == "P12"}
    assert p12 == {("supervisor", "นาง", "สุพัตรา แก้วมูลเมือง"),
                   ("responsible", "ว่าที่ร้อยตรี", "ณัฐพล บุญเรือง"),
                   ("responsible", "นาย", "เอกชัย ศรีสุข")}
    # Item ๑.๒ is the last row of page 3; page 4 opens with its sub-item ๑.๒.๑, and the names
    # (supervisor and responsible) are written again in that row.
    page3, page4 = (page.splitlines() for page in truth_pages(SAMPLES, ORDER)[2:4])
    assert page3[-3:] == ["๑.๒", "มีการจัดการขยะอย่างมีประสิทธิภาพ", "นายสมศักดิ์ วงศ์ใหญ่"]
    first_row = page4[page4.index("๑.๒.๑"):page4.index("๑.๒.๒")]
    assert "นางสุพัตรา แก้วมูลเมือง" in first_row and "นายสมศักดิ์ วงศ์ใหญ่" in first_row


def test_circular_truth_names_coordinator_and_counts() -> None:
    info = meta(CIRCULAR)
    text = "\n".join(truth_pages(SAMPLES, CIRCULAR))
    assert info["number"] == "มท ๐๓๐๕.๑/ว ๔๑๒" and f"ที่ {info['number']}" in text
    coordinator = info["coordinator"]
    assert f"{coordinator['title']}{coordinator['name']}" in text
    assert squash(coordinator["phone"]) in squash(text)
    assert "เกณฑ์ด้านกายภาพ จำนวน ๑๕ ข้อ" in text
    counts = info["declared_counts"]
    assert counts["physical"] + counts["quality"] + counts["special"] + counts["results"] == (
        counts["total"])


def test_truth_stem_links_scans_to_their_original() -> None:
    assert truth_stem("samples/docs/order_lampang_bwscan.pdf") == ORDER
    assert truth_stem("order_lampang_badscan.pdf") == ORDER
    assert truth_stem(Path("circular_dopa_scan.tiff")) == CIRCULAR
    assert truth_stem("circular_dopa.pdf") == CIRCULAR


def test_unknown_document_is_a_usage_error() -> None:
    done = run_generator("--only", "no_such_document", "--no-scans")
    assert done.returncode == 2
    assert "no_such_document" in done.stderr
