"""The layout families of the sample generator: files, determinism, truth consistency.

The generator runs for real (a subprocess, as `make samples` runs it) into a temporary folder,
the scanned forms at a low resolution to keep the suite fast. Truth is checked against itself
and against what the PDFs hold (page counts, 1-bit fax images), never against pipeline output.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from samples.splits import DEV_SEEDS, VALIDATION_SEEDS, split_of
from samples.truthfile import FAMILIES, FORMS, load_truth, split_form, truth_path

ROOT = Path(__file__).resolve().parents[1]

TEST_DPI = 60
# Two orders in all five forms; the other families born-digital only (their truth is what the
# test reads; the forms are the same code for every family).
FULL = (("ruled", 1), ("list", 2))
DIGITAL = (("norules", 3), ("multiname", 1), ("sectionlist", 1), ("sectionlist", 2),
           ("circular", 1))


def run_generator(*args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHAINLP_OFFLINE": "1",
           "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run([sys.executable, "-m", "samples.generate", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr


def _generate(folder: Path, docs: tuple[tuple[str, int], ...], forms: str) -> None:
    for family, seed in docs:
        run_generator("--out", str(folder), "--family", family, "--seed", str(seed),
                      "--split", "dev", "--forms", forms, "--dpi", str(TEST_DPI))


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("families")
    _generate(folder, FULL, ",".join(FORMS))
    _generate(folder, DIGITAL, "digital")
    return folder / "generated" / "families" / "dev"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def truths(out: Path) -> list[dict]:
    return [load_truth(out / f"{f}-{s:04d}.truth.json") for f, s in FULL + DIGITAL]


def test_all_five_forms_written_with_the_truths_page_count(out: Path) -> None:
    for family, seed in FULL:
        truth = load_truth(out / f"{family}-{seed:04d}.truth.json")
        assert sorted(v["form"] for v in truth["files"].values()) == sorted(FORMS)
        for name in truth["files"]:
            path = out / name
            assert split_form(path) == (truth["document"], truth["files"][name]["form"])
            assert truth_path(path).name == f"{truth['document']}.truth.json"
            document = pdfium.PdfDocument(path)
            assert len(document) == len(truth["pages"]), name
            document.close()


def test_fax_is_one_bit_and_photo_is_colour_jpeg(out: Path) -> None:
    fax = PdfReader(out / "ruled-0001_fax.pdf").pages[0]
    images = [fax["/Resources"]["/XObject"][k].get_object()
              for k in fax["/Resources"]["/XObject"]]
    assert all(img["/BitsPerComponent"] == 1 for img in images)
    photo = PdfReader(out / "ruled-0001_photo.pdf").pages[0]
    images = [photo["/Resources"]["/XObject"][k].get_object()
              for k in photo["/Resources"]["/XObject"]]
    assert all(img["/Filter"] == "/DCTDecode" and img["/ColorSpace"] == "/DeviceRGB"
               for img in images)
    # The photo has no text layer: a reader must OCR it.
    document = pdfium.PdfDocument(out / "ruled-0001_photo.pdf")
    assert document[0].get_textpage().get_text_range().strip() == ""
    document.close()


def test_generation_is_deterministic(out: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    run_generator("--out", str(again), "--family", "ruled", "--seed", "1", "--split", "dev",
                  "--forms", "digital,fax", "--dpi", str(TEST_DPI), "--jobs", "1")
    second = again / "generated" / "families" / "dev"
    for name in ("ruled-0001_digital.pdf", "ruled-0001_fax.pdf"):
        assert hashlib.sha256((out / name).read_bytes()).digest() == \
            hashlib.sha256((second / name).read_bytes()).digest(), name
    first_truth = load_truth(out / "ruled-0001.truth.json")
    second_truth = load_truth(second / "ruled-0001.truth.json")
    first_truth.pop("files")
    second_truth.pop("files")
    assert first_truth == second_truth


def test_assignments_name_items_and_officers_are_the_assignees(out: Path) -> None:
    for truth in truths(out):
        criteria = [i["criterion"] for i in truth["items"]]
        assert len(criteria) == len(set(criteria)), truth["document"]
        assert {a["criterion"] for a in truth["assignments"]} <= set(criteria)
        assigned = list(dict.fromkeys(a["name"] for a in truth["assignments"]))
        assert [o["name"] for o in truth["officers"]] == assigned, truth["document"]
        if truth["kind"] == "order":
            for crit in criteria:  # one supervisor and 1-3 responsible per item
                roles = [a["role"] for a in truth["assignments"] if a["criterion"] == crit]
                assert roles.count("supervisor") == 1
                assert 1 <= roles.count("responsible") <= 3
        else:
            assert truth["assignments"] == [] and truth["officers"] == []
        for officer in truth["officers"]:
            assert officer["written_as"], officer
            assert all(w.endswith(officer["name"].split(" ")[1]) for w in officer["written_as"])
        assert truth["signer"]["name"] not in assigned


def test_page_text_holds_numbers_and_names_where_typeset(out: Path) -> None:
    for truth in truths(out):
        pages = [squash(p) for p in truth["pages"]]
        family = truth["family"]
        for item in truth["items"]:
            page = pages[item["page"] - 1]
            assert squash(item["printed"]) in page, (truth["document"], item)
            for a in truth["assignments"]:
                if a["criterion"] != item["criterion"]:
                    continue
                given = a["name"].split(" ")[0]
                if family == "sectionlist" and a["role"] == "supervisor":
                    # Named once per section, on its heading's page: at or before the item's.
                    assert any(given in p for p in pages[:item["page"]]), (item, a)
                else:
                    assert given in page, (truth["document"], item, a)
        assert squash(truth["number"]) in pages[0]
        assert squash(truth["signer"]["name"].split(" ")[0]) in "".join(pages)


def test_numbering_errors_match_printed_numbers(out: Path) -> None:
    slips = 0
    for truth in truths(out):
        printed = {i["criterion"]: i["printed"] for i in truth["items"]}
        order = [i["criterion"] for i in truth["items"]]
        for error in truth["numbering_errors"]:
            slips += 1
            crit = error["criterion"]
            assert printed[crit] == error["printed"] != error["correct"]
            if error["kind"] == "repeated":
                assert printed[order[order.index(crit) - 1]] == error["printed"]
            else:
                head, _, last = error["correct"].rpartition(".")
                assert error["printed"] == f"{head}{'.' if head else ''}" + _next(last)
    assert slips > 0  # the fixed documents include slips, so this test checks something


def _next(number: str) -> str:
    thai = "๐๑๒๓๔๕๖๗๘๙"
    is_thai = number[0] in thai
    value = int(number.translate(str.maketrans(thai, "0123456789"))) + 1
    text = str(value)
    return text.translate(str.maketrans("0123456789", thai)) if is_thai else text


def test_declared_counts_and_coordinator_of_the_circular(out: Path) -> None:
    truth = load_truth(out / "circular-0001.truth.json")
    text = squash("".join(truth["pages"]))
    by_scope = {d["scope"]: d for d in truth["declared_counts"]}
    assert by_scope["total"]["count"] == len(truth["items"])
    assert sum(d["count"] for s, d in by_scope.items() if s != "total") == len(truth["items"])
    for declared in truth["declared_counts"]:
        assert squash(declared["as_printed"]) in text
    coordinator = truth["coordinator"]
    assert coordinator and squash(coordinator["phone"]) in text
    assert coordinator["name"].split(" ")[0] in text


def test_families_vary_in_what_the_splits_hold() -> None:
    from samples.families import family_module

    for family in FAMILIES:
        specs = [family_module(family).draw(s, "dev") for s in DEV_SEEDS[family]]
        # Any three consecutive dev documents differ in edition and font (samples/README.md).
        for first in range(len(specs) - 2):
            three = specs[first:first + 3]
            assert len({s.edition for s in three}) == 3, family
            assert len({s.style["font"] for s in three}) == 3, family
        assert len({s.digits for s in specs}) >= 2, family
        assert len(DEV_SEEDS[family]) >= 3 and len(VALIDATION_SEEDS[family]) >= 2
        assert not set(DEV_SEEDS[family]) & set(VALIDATION_SEEDS[family])
        assert split_of(f"{family}-{VALIDATION_SEEDS[family][0]:04d}") == "validation"
    ruled = [family_module("ruled").draw(s, "dev").style["role_order"]
             for s in DEV_SEEDS["ruled"]]
    assert len({tuple(r) for r in ruled}) == 2


