"""The in-process engine (system libtesseract through its C API) reads exactly as the
`tesseract` command does, and fails the way the command's wrapper fails."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from ocr import libtesseract, tesseract
from ocr.numbers.engine import HERE, MODEL_NAME
from ocr.pdf import render_page
from ocr.tesseract import OcrError, OcrSettings


@pytest.fixture
def command_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run the real `tesseract` command instead of the library, for this test only."""
    monkeypatch.setenv(libtesseract.FORCE_CLI, "cli")
    libtesseract._library.cache_clear()
    yield
    monkeypatch.delenv(libtesseract.FORCE_CLI)
    libtesseract._library.cache_clear()


@pytest.fixture(scope="module")
def page(order_scan: Path) -> Image.Image:
    return render_page(order_scan, 0, 300)


def _both(read, request: pytest.FixtureRequest):
    inside = read()
    request.getfixturevalue("command_engine")
    assert not libtesseract.available()
    return inside, read()


def test_the_library_is_loaded_here() -> None:
    # `make` installs tesseract-ocr, which depends on libtesseract5: the fast path is the
    # one every run takes, not a silent fallback.
    assert libtesseract.available()
    assert libtesseract.version() == tesseract.tesseract_version()


def test_page_text_and_tsv_are_the_commands(page: Image.Image,
                                            request: pytest.FixtureRequest) -> None:
    settings = OcrSettings()
    (text, tsv), (cli_text, cli_tsv) = _both(lambda: tesseract._run(page, settings), request)
    assert "ศูนย์ราชการ" in text.replace(" ", "")
    assert text == cli_text
    assert tsv == cli_tsv


def test_number_crops_read_as_the_commands_multipage_tiff(
        page: Image.Image, request: pytest.FixtureRequest) -> None:
    lines = tesseract.line_boxes(tesseract._run(page, OcrSettings())[1])
    crops = [page.crop((ln.left, ln.top, ln.left + ln.width, ln.top + ln.height))
             for ln in lines]

    def read() -> dict[str, str]:
        return tesseract.run_model(crops, lang=MODEL_NAME, tessdata_dir=HERE, psm=13,
                                   renderings=("txt", "hocr"),
                                   variables={"lstm_choice_mode": "2"})

    inside, command = _both(read, request)
    texts = inside["txt"].split("\f")
    assert len(texts) == len(crops) >= 5
    assert any("๓" in t for t in texts)  # "จำนวน ๓ ข้อ": the number model writes the digit
    assert inside["txt"] == command["txt"]
    # The command's hOCR wraps the same pages in an html document.
    body = command["hocr"]
    body = body[body.index("<div class='ocr_page'"): body.rindex("</body>")]
    assert inside["hocr"].count("<div class='ocr_page'") == len(crops)
    assert "lstm_choices" in inside["hocr"]
    # Only the page's image name differs (the command names its TIFF).
    assert _unnamed(inside["hocr"]).split() == _unnamed(body).split()


def _unnamed(hocr: str) -> str:
    return re.sub(r'image "[^"]*"; ', "", hocr)


def test_a_page_over_its_time_limit_is_an_ocr_error(page: Image.Image) -> None:
    with pytest.raises(OcrError, match="timed out"):
        tesseract._run(page, OcrSettings(timeout=0.001))


def test_a_missing_model_is_an_ocr_error(page: Image.Image) -> None:
    with pytest.raises(OcrError, match="nosuchmodel"):
        tesseract.run_model(page, lang="nosuchmodel", tessdata_dir=HERE, psm=6)
