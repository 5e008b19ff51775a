"""Where the number model lives, and one engine call with it through `ocr/tesseract.py`.

The project's one engine wrapper is `ocr/tesseract.py` (`run_model`); this module only gives
it the number model's name and tessdata dir as defaults.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from ocr.tesseract import run_model

HERE = Path(__file__).resolve().parent
MODEL_NAME = "thnum"


def run_tesseract(source: Image.Image | Path | Sequence[Image.Image], *, lang: str = MODEL_NAME,
                  tessdata_dir: Path | None = HERE, psm: int = 6,
                  renderings: tuple[str, ...] = ("txt",), timeout: float = 120.0,
                  choices: bool = False) -> dict[str, str]:
    """Run Tesseract once on an image, a multipage TIFF file or a sequence of images (read as
    that TIFF's pages); the text of each rendering.

    `tessdata_dir=None` uses the system models (`tha`, `Thai`). `choices`: the hOCR rendering
    carries the engine's alternatives for each character (`lstm_choice_mode=2`).
    """
    return run_model(source, lang=lang, tessdata_dir=tessdata_dir, psm=psm,
                     renderings=renderings, timeout=timeout,
                     variables={"lstm_choice_mode": "2"} if choices else None)
