"""One Tesseract call with a chosen tessdata dir (the number model lives in `ocr/numbers/`).

At integration this function belongs in `ocr/tesseract.py`, the project's one engine wrapper;
it is here so that the number work does not edit a module another helper is changing.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytesseract
from PIL import Image

HERE = Path(__file__).resolve().parent
MODEL_NAME = "thnum"


class EngineError(RuntimeError):
    pass


def run_tesseract(source: Image.Image | Path, *, lang: str = MODEL_NAME,
                  tessdata_dir: Path | None = HERE, psm: int = 6,
                  renderings: tuple[str, ...] = ("txt",), timeout: float = 120.0,
                  ) -> dict[str, str]:
    """Run Tesseract once on an image (or a multipage TIFF file); the text of each rendering.

    The number model needs `preserve_interword_spaces=1`: without it Tesseract drops or invents
    the spaces of `๐ ๕๔๔๑ ๐๐๑๒`. `tessdata_dir=None` uses the system models (`tha`, `Thai`).
    """
    config = f"--psm {psm} -c preserve_interword_spaces=1"
    if tessdata_dir is not None:
        config = f"--tessdata-dir {tessdata_dir} {config}"
    # Renderings as variables, not config names: config files are looked up in the tessdata
    # dir, and the number model's dir has no `configs/`.
    for r in ("txt", *renderings):
        config += f" -c tessedit_create_{r}=1"
    with tempfile.TemporaryDirectory(prefix="circulars-num-") as tmp:
        if isinstance(source, Image.Image):
            path = Path(tmp) / "in.png"
            source.convert("L").save(path)
        else:
            path = source
        base = Path(tmp) / "out"
        try:
            pytesseract.pytesseract.run_tesseract(
                str(path), str(base), extension="tsv", lang=lang,  # "tsv": pytesseract adds nothing
                config=config, timeout=timeout,
            )
        except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
            raise EngineError(f"Tesseract timed out after {timeout:g} s") from exc
        except (pytesseract.TesseractError, subprocess.SubprocessError, OSError) as exc:
            raise EngineError(f"Tesseract failed: {exc}") from exc
        return {r: (base.with_suffix(f".{r}")).read_text(encoding="utf-8") for r in renderings}
