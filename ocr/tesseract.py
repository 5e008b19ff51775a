"""The one wrapper around Tesseract (through pytesseract)."""

from __future__ import annotations

import logging
import subprocess
from dataclasses import dataclass
from functools import cache

import pytesseract
from PIL import Image

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OcrSettings:
    """Engine settings; part of every cache key, so keep them hashable."""

    lang: str = "tha+eng"
    psm: int = 6
    dpi: int = 300
    preprocess: bool = False
    timeout: float = 300.0  # seconds per page: a stuck page is reported, not waited on forever

    def config(self) -> str:
        # preserve_interword_spaces keeps Tesseract from inventing spaces inside Thai words.
        return f"--psm {self.psm} -c preserve_interword_spaces=1"


@dataclass(frozen=True)
class OcrResult:
    text: str
    confidence: float | None  # mean word confidence 0-100; None when no word was found


class OcrError(RuntimeError):
    pass


@cache
def tesseract_version() -> str:
    return str(pytesseract.get_tesseract_version())


def check_languages(lang: str) -> None:
    """Fail early, with the fix, when a language pack is missing."""
    available = set(pytesseract.get_languages(config=""))
    missing = [code for code in lang.split("+") if code not in available]
    if missing:
        raise OcrError(
            f"Tesseract language data missing: {', '.join(missing)} "
            "(install tesseract-ocr-tha, or run `make run` which installs it)"
        )


def recognise(image: Image.Image, settings: OcrSettings) -> OcrResult:
    """OCR one page image: text with line structure, and the mean word confidence.

    One call to image_to_data gives both, instead of running the engine twice.
    """
    try:
        data = pytesseract.image_to_data(
            image,
            lang=settings.lang,
            config=settings.config(),
            output_type=pytesseract.Output.DICT,
            timeout=settings.timeout,
        )
    except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
        raise OcrError(f"OCR timed out after {settings.timeout:.0f} s") from exc
    except (pytesseract.TesseractError, subprocess.SubprocessError) as exc:
        raise OcrError(f"Tesseract failed: {exc}") from exc
    return OcrResult(text=_lines_from_data(data), confidence=_mean_confidence(data))


def _lines_from_data(data: dict[str, list]) -> str:
    """Rebuild plain text from Tesseract's word table: one line per text line, blank between blocks."""
    lines: list[str] = []
    current_key: tuple[int, int, int] | None = None
    current_block: int | None = None
    words: list[str] = []
    for i, word in enumerate(data["text"]):
        if data["level"][i] != 5:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if key != current_key:
            if words:
                lines.append(" ".join(words))
            if current_block is not None and key[0] != current_block:
                lines.append("")
            words = []
            current_key = key
            current_block = key[0]
        if word.strip():
            words.append(word.strip())
    if words:
        lines.append(" ".join(words))
    return "\n".join(lines).strip("\n")


def _mean_confidence(data: dict[str, list]) -> float | None:
    confs = [
        float(c)
        for c, w in zip(data["conf"], data["text"], strict=True)
        if w.strip() and float(c) >= 0
    ]
    return round(sum(confs) / len(confs), 2) if confs else None
