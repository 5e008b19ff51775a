"""The one wrapper around Tesseract (through pytesseract)."""

from __future__ import annotations

import logging
import subprocess
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytesseract
from PIL import Image

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OcrSettings:
    """Engine settings; part of every cache key, so keep them hashable."""

    lang: str = "Thai"  # script/Thai: measured better than tha+eng on the scans (BENCHMARKS.md)
    psm: int = 6
    dpi: int = 300
    preprocess: bool = False
    timeout: float = 300.0  # seconds per page: a stuck page is reported, not waited on forever

    def config(self) -> str:
        # preserve_interword_spaces keeps Tesseract from inventing spaces inside Thai words.
        return f"--psm {self.psm} -c preserve_interword_spaces=1"


@dataclass(frozen=True)
class LineBox:
    """A recognised line in page-image pixels (at the OCR dpi)."""

    left: int
    top: int
    width: int
    height: int
    text: str  # letters of the line without spaces (the tsv splits Thai into single letters)
    confidence: float | None


@dataclass(frozen=True)
class OcrResult:
    text: str
    confidence: float | None  # mean word confidence 0-100; None when no word was found
    lines: tuple[LineBox, ...] = ()


class OcrError(RuntimeError):
    pass


@cache
def tesseract_version() -> str:
    return str(pytesseract.get_tesseract_version())


@cache
def installed_languages() -> frozenset[str]:
    """Language models Tesseract can load; script models (`script/Thai`) also by short name.

    pytesseract's get_languages drops the `script/` entries, so ask the binary directly.
    """
    proc = subprocess.run(
        [pytesseract.pytesseract.tesseract_cmd, "--list-langs"],
        capture_output=True, text=True, check=False,
    )
    names = [line.strip() for line in proc.stdout.splitlines()[1:] if line.strip()]
    return frozenset(n.removeprefix("script/") for n in names)


def check_languages(lang: str) -> None:
    """Fail early, with the fix, when a language pack is missing."""
    available = installed_languages()
    missing = [code for code in lang.split("+") if code.removeprefix("script/") not in available]
    if missing:
        raise OcrError(
            f"Tesseract language data missing: {', '.join(missing)} "
            "(install tesseract-ocr-tha and tesseract-ocr-script-thai, or run `make run`)"
        )


def recognise(image: Image.Image, settings: OcrSettings) -> OcrResult:
    """OCR one page image: its plain text and the mean word confidence, in one engine run.

    Tesseract writes the `txt` and `tsv` renderings of the same recognition side by side; the
    plain text keeps Thai marks in place (the tsv splits Thai into single letters), the tsv
    gives the confidences. PGM is written because it costs nothing to encode.
    """
    with tempfile.TemporaryDirectory(prefix="circulars-ocr-") as tmp:
        source = Path(tmp) / "page.pgm"
        base = Path(tmp) / "out"
        image.convert("L").save(source)
        try:
            pytesseract.pytesseract.run_tesseract(
                str(source), str(base), extension="txt", lang=settings.lang,
                config=settings.config() + " tsv", timeout=settings.timeout,
            )
        except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
            raise OcrError(f"OCR timed out after {settings.timeout:g} s") from exc
        except (pytesseract.TesseractError, subprocess.SubprocessError, OSError) as exc:
            raise OcrError(f"Tesseract failed: {exc}") from exc
        text = base.with_suffix(".txt").read_text(encoding="utf-8")
        tsv = base.with_suffix(".tsv").read_text(encoding="utf-8")
    return OcrResult(
        text=text.strip("\n\f "), confidence=mean_confidence(tsv), lines=line_boxes(tsv)
    )


def line_boxes(tsv: str) -> tuple[LineBox, ...]:
    """Each text line's box and confidence, so a reviewer can be shown the scanned line."""
    boxes: dict[tuple[str, str, str], list] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) != 12:
            continue
        key = (cols[2], cols[3], cols[4])
        if cols[0] == "4":
            boxes[key] = [int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9]), [], []]
        elif cols[0] == "5" and key in boxes and cols[11].strip():
            boxes[key][4].append(cols[11].strip())
            if float(cols[10]) >= 0:
                boxes[key][5].append(float(cols[10]))
    return tuple(
        LineBox(left, top, width, height, "".join(words),
                round(sum(confs) / len(confs), 1) if confs else None)
        for left, top, width, height, words, confs in boxes.values()
        if words
    )


def mean_confidence(tsv: str) -> float | None:
    """Mean confidence of recognised words in Tesseract's tsv output (None if no word)."""
    confs: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) == 12 and cols[0] == "5" and cols[11].strip():
            conf = float(cols[10])
            if conf >= 0:
                confs.append(conf)
    return round(sum(confs) / len(confs), 2) if confs else None
