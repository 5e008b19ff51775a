"""The one wrapper around Tesseract: the system library in-process (`ocr/libtesseract.py`), or
the `tesseract` command through pytesseract where the library cannot be loaded."""

from __future__ import annotations

import logging
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image

from ocr import libtesseract
from ocr.layout import Box, Word
from ocr.tsv import LineBox, line_boxes, mean_confidence, words_of

log = logging.getLogger(__name__)

# The word table's readers live in ocr/tsv.py; their names stay importable from here.
__all__ = ["LineBox", "OcrError", "OcrResult", "OcrSettings", "check_languages",
           "installed_languages", "line_boxes", "mean_confidence", "recognise",
           "recognise_regions", "recognise_words", "run_model", "tesseract_version", "words_of"]


@dataclass(frozen=True)
class OcrSettings:
    """Engine settings; part of every cache key, so keep them hashable."""

    lang: str = "Thai"  # script/Thai: measured better than tha+eng on the scans (BENCHMARKS.md)
    psm: int = 6
    dpi: int = 300
    # Image-only PDF pages at their scan's own resolution (at most `dpi`) instead of `dpi`:
    # 15-25% less OCR, but the table geometry reads 200-dpi copies and faxes worse (README).
    own_resolution: bool = False
    preprocess: bool = False
    # How table cells are read: "stack" = the cells' crops stacked into one image, one engine
    # run (ocr/montage.py), plus one run for the text around the tables; "page" = one engine
    # run over the page with the rules erased, words given to cells by their boxes; "crop" =
    # each cell's crop read in-process (tesserocr).
    cells: str = "page"
    timeout: float = 300.0  # seconds per page: a stuck page is reported, not waited on forever
    # Re-read the page's numbers with the project's number model (ocr/numbers/README.md): the
    # Thai models cannot write ๔ ๖ ๗ ๘ ๙.
    reread_numbers: bool = True

    def config(self) -> str:
        # preserve_interword_spaces keeps Tesseract from inventing spaces inside Thai words.
        return f"--psm {self.psm} -c preserve_interword_spaces=1"


@dataclass(frozen=True)
class OcrResult:
    text: str
    confidence: float | None  # mean word confidence 0-100; None when no word was found
    lines: tuple[LineBox, ...] = ()


class OcrError(RuntimeError):
    pass


# The command on PATH, as pytesseract runs it. pytesseract (and the numpy it imports) is loaded
# only where the command reads a page: a warm re-run, whose pages all come from the ledger,
# never needs it.
TESSERACT_COMMAND = "tesseract"


@cache
def tesseract_version() -> str:
    """The version of the engine that reads the pages: the library's in-process (no command
    to start), else the command's."""
    found = libtesseract.version()
    if found:
        return found
    import pytesseract

    return str(pytesseract.get_tesseract_version())


@cache
def installed_languages() -> frozenset[str]:
    """Language models Tesseract can load; script models (`script/Thai`) also by short name.

    pytesseract's get_languages drops the `script/` entries, so ask the binary directly.
    """
    proc = subprocess.run(
        [TESSERACT_COMMAND, "--list-langs"],
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


def _run(image: Image.Image, settings: OcrSettings) -> tuple[str, str]:
    """One engine run over a page image: its `txt` and `tsv` renderings."""
    out = _in_process(libtesseract.EngineKey(settings.lang, settings.psm), image,
                      ("txt", "tsv"), settings.timeout)
    if out is not None:
        return out["txt"], out["tsv"]
    with tempfile.TemporaryDirectory(prefix="circulars-ocr-") as tmp:
        source = Path(tmp) / "page.pgm"
        base = Path(tmp) / "out"
        image.convert("L").save(source)
        import pytesseract

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
    return text, tsv


def _in_process(key: libtesseract.EngineKey, image: Image.Image, renderings: tuple[str, ...],
                timeout: float, resolution: int | None = None) -> dict[str, str] | None:
    """The renderings of one image read by the in-process engine; None without the library."""
    try:
        found = libtesseract.engine(key)
        if found is None:
            return None
        return found.read(image, renderings, timeout, resolution)
    except libtesseract.EngineError as exc:
        raise OcrError(str(exc)) from exc


def recognise(image: Image.Image, settings: OcrSettings) -> OcrResult:
    """OCR one page image: its plain text and the mean word confidence, in one engine run.

    Tesseract writes the `txt` and `tsv` renderings of the same recognition side by side; the
    plain text keeps Thai marks in place (the tsv splits Thai into single letters), the tsv
    gives the confidences. PGM is written because it costs nothing to encode.
    """
    text, tsv = _run(image, settings)
    return OcrResult(
        text=text.strip("\n\f "), confidence=mean_confidence(tsv), lines=line_boxes(tsv)
    )


def recognise_words(
    image: Image.Image, settings: OcrSettings
) -> tuple[OcrResult, tuple[Word, ...]]:
    """One engine run over the page: its text, confidence, line boxes and words with boxes."""
    text, tsv = _run(image, settings)
    result = OcrResult(text.strip("\n\f "), mean_confidence(tsv), line_boxes(tsv))
    return result, words_of(tsv, text)


# Measured alternative (README, issue 11): each cell read through tesserocr's in-process API.
CELL_MARGIN = 12  # white pixels around a cell crop: Tesseract misreads letters at the edge


@cache
def _api(lang: str, psm: int):
    import tesserocr  # optional: only the cell-by-cell reading uses it

    return tesserocr.PyTessBaseAPI(
        path=_tessdata_dir(), lang=lang, psm=psm,
        variables={"preserve_interword_spaces": "1"},
    )


def _tessdata_dir() -> str:
    proc = subprocess.run(
        [TESSERACT_COMMAND, "--list-langs"],
        capture_output=True, text=True, check=False,
    )
    first = proc.stdout.splitlines()[0] if proc.stdout else ""
    # `List of available languages in "/usr/share/tesseract-ocr/5/tessdata/" (4):`
    return first.split('"')[1] if '"' in first else "/usr/share/tesseract-ocr/5/tessdata/"


def recognise_regions(
    image: Image.Image, boxes: list[Box], settings: OcrSettings
) -> list[tuple[str, float | None]]:
    """The text and mean confidence of each region, read one by one in this process."""
    from PIL import ImageOps

    api = _api(settings.lang, settings.psm)
    out = []
    for x0, top, x1, bottom in boxes:
        crop = image.crop((int(x0), int(top), int(x1), int(bottom))).convert("L")
        crop = ImageOps.expand(crop, border=CELL_MARGIN, fill=255)
        api.SetImage(crop)
        text = api.GetUTF8Text().strip("\n\f ")
        out.append((text, float(api.MeanTextConf()) if text else None))
    return out


# -- a model outside the system tessdata (the number model of ocr/numbers/) ----------------------


TIFF_DPI = 300  # what a multipage TIFF of crops declares (and the engine is told in-process)


def run_model(source: Image.Image | Path | Sequence[Image.Image], *, lang: str,
              tessdata_dir: Path | None, psm: int, renderings: tuple[str, ...] = ("txt",),
              timeout: float = 120.0, variables: dict[str, str] | None = None,
              ) -> dict[str, str]:
    """Run Tesseract once on an image, a multipage TIFF file, or a sequence of images read as
    the pages of one such TIFF; the text of each rendering.

    `tessdata_dir=None` uses the system models. `variables`: more engine variables
    (`lstm_choice_mode`). Renderings are asked for as variables, not as config names: config
    files are looked up in the tessdata dir, and a model's own dir has no `configs/`.
    `preserve_interword_spaces=1`: without it the number model drops or invents the spaces
    of `๐ ๕๔๔๑ ๐๐๑๒`.
    """
    extra = tuple(sorted((variables or {}).items()))
    if not isinstance(source, Path):
        key = libtesseract.EngineKey(lang, psm, str(tessdata_dir) if tessdata_dir else None,
                                     (("preserve_interword_spaces", "1"), *extra))
        if isinstance(source, Image.Image):
            out = _in_process(key, source, renderings, timeout)
        else:
            out = _pages_in_process(key, source, renderings, timeout)
        if out is not None:
            return out
    config = f"--psm {psm} -c preserve_interword_spaces=1"
    for name, value in extra:
        config += f" -c {name}={value}"
    if tessdata_dir is not None:
        config = f"--tessdata-dir {tessdata_dir} {config}"
    for r in ("txt", *renderings):
        config += f" -c tessedit_create_{r}=1"
    with tempfile.TemporaryDirectory(prefix="circulars-model-") as tmp:
        if isinstance(source, Image.Image):
            path = Path(tmp) / "in.pgm"  # PGM: nothing to encode or decode (as in `_run`)
            source.convert("L").save(path)
        elif isinstance(source, Path):
            path = source
        else:
            path = Path(tmp) / "pages.tif"
            source[0].save(path, save_all=True, append_images=list(source[1:]),
                           compression="tiff_lzw", dpi=(TIFF_DPI, TIFF_DPI))
        base = Path(tmp) / "out"
        import pytesseract

        try:
            pytesseract.pytesseract.run_tesseract(
                str(path), str(base), extension="tsv", lang=lang,  # "tsv": pytesseract adds none
                config=config, timeout=timeout,
            )
        except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
            raise OcrError(f"Tesseract timed out after {timeout:g} s") from exc
        except (pytesseract.TesseractError, subprocess.SubprocessError, OSError) as exc:
            raise OcrError(f"Tesseract failed: {exc}") from exc
        return {r: base.with_suffix(f".{r}").read_text(encoding="utf-8") for r in renderings}


def _pages_in_process(key: libtesseract.EngineKey, images: Sequence[Image.Image],
                      renderings: tuple[str, ...], timeout: float) -> dict[str, str] | None:
    """The renderings of images read as the pages of one multipage TIFF: the pages' texts
    parted by a form feed (the command's page separator), hOCR pages one after another.
    The TIFF the command would read says 300 dpi, so the engine is told the same."""
    if "tsv" in renderings:
        raise ValueError("tsv of several pages is not needed, so not assembled")
    try:
        found = libtesseract.engine(key)
        if found is None:
            return None
        per_page = timeout / max(1, len(images))
        pages = [found.read(im, renderings, per_page, TIFF_DPI, page=n)
                 for n, im in enumerate(images)]
    except libtesseract.EngineError as exc:
        raise OcrError(str(exc)) from exc
    return {r: ("\f" if r == "txt" else "").join(p[r] for p in pages) for r in renderings}

