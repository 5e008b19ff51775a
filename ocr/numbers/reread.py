"""Re-read the numbers of a page with the number model, and correct the Thai model's digits.

The stock Thai models cannot write ๔ ๖ ๗ ๘ ๙ (DOMAIN.md): they write ๕, ๒, ๓, Latin letters
or nothing instead. Every word whose Thai reading holds a digit or a look-alike (© ®, or a
short word made only of the junk the Thai model writes for digits) is cropped tightly from the
page image; all crops of a page are read in one engine call with the number model. The number
model's reading replaces the Thai reading only where the Thai reading is explained by the Thai
model's known errors (`confusions.json`, measured on renders), so a number-model slip on a
digit the Thai model reads reliably does not overwrite a right reading. See README.md.

    words = [Word(left, top, width, height, text), ...]      # the Thai model's words
    for fix in reread_page(page_image, words):                # only the words it re-read
        fix.index, fix.original, fix.reading, fix.text, fix.changed
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ocr.numbers import choices as alternatives
from ocr.numbers.confusion import (
    ARABIC_DIGITS,
    NUMBER_CHARS,
    THAI_DIGITS,
    THAI_RUN,
    correct,
    digit_junk,
    has_number,
    known_errors,
    unwritable,
)
from ocr.numbers.crops import Word, crop, map_lines, stack
from ocr.numbers.engine import HERE, MODEL_NAME, run_tesseract

log = logging.getLogger(__name__)

__all__ = ["Reading", "Reread", "Word", "apply", "page_reader", "reread_page", "select",
           "stack_reader"]


@dataclass(frozen=True)
class Reread:
    """The number model's view of one word; `text` is what the page should carry."""

    index: int  # position of the word in the caller's list
    original: str  # the Thai model's reading, kept for review
    reading: str  # the number model's reading of the crop
    text: str  # original with the digits corrected where the Thai model is known to err
    changed: bool
    # The number model's alternatives for each character of `reading` (`choices.py`; "" when
    # the reader gives none): evidence of how sure it was, for validation.
    choices: str = ""


@dataclass(frozen=True)
class Reading:
    """The number model's reading of one crop, and its alternatives per character."""

    text: str
    choices: str = ""


# A word made only of junk is re-read only when it stands this tall against the page's median
# word: shorter ones are marks or specks, not digits the Thai model turned into junk.
JUNK_MIN_HEIGHT = 0.6
# A word of a number column is forced through the number model unless no side of it reaches
# this share of the median word: a speck (`*` 8 px, `:` 5 px against 40-px words at 300 dpi)
# came back as a digit (`๓` + `๒`, dev multiname-0003 fax p2); a digit stands 15 px or more.
FORCED_MIN_SIZE = 0.3


def select(words: Sequence[Word], force: Collection[int] = (), thai_model: str = "Thai",
           ) -> list[int]:
    """Words to re-read: those with a digit or look-alike; short words made only of the junk
    the Thai model writes for digits (`GE`), as tall as the page's words; and the ones the
    caller forces (the cells of a table's number column, whatever the Thai model made of
    them)."""
    junk = digit_junk(known_errors(thai_model))
    heights = sorted(w.height for w in words)
    median = heights[len(heights) // 2] if heights else 0
    tall = JUNK_MIN_HEIGHT * median
    return [i for i, w in enumerate(words)
            if ((i in force and max(w.width, w.height) >= FORCED_MIN_SIZE * median)
                or has_number(w.text)
                or (0 < len(w.text) <= 3 and all(c in junk for c in w.text)
                    and w.height >= tall))
            and w.width > 0 and w.height > 0]


def _no_number(text: str) -> bool:
    """Neither a digit nor a look-alike nor a run of Thai letters: junk."""
    return not has_number(text) and not THAI_RUN.search(text)


def _is_number(reading: str) -> bool:
    return set(reading) <= NUMBER_CHARS and any(c in THAI_DIGITS or c in ARABIC_DIGITS
                                                for c in reading)


Reader = Callable[[Sequence[Image.Image]], list[Reading]]  # crops -> one reading per crop


# Each crop is read as one raw line (psm 13), as the model was trained (`lstm.train`): psm 7's
# line finder returns nothing for most single-digit crops of a page (README.md).
CROP_PSM = 13


def page_reader(tessdata_dir: Path = HERE, lang: str = MODEL_NAME, psm: int = CROP_PSM
                ) -> Reader:
    """All crops as the pages of one TIFF, read in one engine call, one line a page.

    The default: no layout analysis to go wrong, and each reading is its crop's by order. The
    same call writes the engine's alternatives per character (hOCR with `lstm_choice_mode=2`;
    the text read is the same with or without them, and they cost about 5 % of the call).
    """
    def read(crops: Sequence[Image.Image]) -> list[Reading]:
        if not crops:
            return []
        out = run_tesseract(list(crops), lang=lang, tessdata_dir=tessdata_dir, psm=psm,
                            renderings=("txt", "hocr"), choices=True)
        pages = [" ".join(p.split()) for p in out["txt"].split("\f")]
        pages = (pages + [""] * len(crops))[:len(crops)]
        found = alternatives.parse_hocr(out["hocr"])
        found = (found + [[]] * len(crops))[:len(crops)]
        return [Reading(text, alternatives.for_reading(alternatives.encode(symbols), text))
                for text, symbols in zip(pages, found, strict=True)]
    return read


def stack_reader(tessdata_dir: Path = HERE, lang: str = MODEL_NAME) -> Reader:
    """All crops stacked into one image, read in one engine call (psm 6), mapped back by
    position. Measured less accurate than `page_reader` (README.md); kept for comparison."""
    def read(crops: Sequence[Image.Image]) -> list[Reading]:
        if not crops:
            return []
        image, slots = stack(crops, list(range(len(crops))))
        tsv = run_tesseract(image, lang=lang, tessdata_dir=tessdata_dir, psm=6,
                            renderings=("tsv",))["tsv"]
        texts = map_lines(tsv, slots)
        return [Reading(texts.get(i, "")) for i in range(len(crops))]
    return read


def reread_page(page: Image.Image, words: Sequence[Word], *, thai_model: str = "Thai",
                force: Collection[int] = (), reader: Reader | None = None) -> tuple[Reread, ...]:
    """Re-read the number words of one page in one engine call; one result per word re-read."""
    chosen = select(words, force, thai_model)
    if not chosen:
        return ()
    readings = (reader or page_reader())([crop(page, words[i]) for i in chosen])
    out = []
    for i, read in zip(chosen, readings, strict=True):
        original, reading = words[i].text, read.text
        text = decide(original, reading, thai_model, forced=i in force)
        out.append(Reread(i, original, reading, text, text != original, read.choices))
    log.debug("re-read %d words, changed %d", len(out), sum(r.changed for r in out))
    return tuple(out)


def decide(original: str, reading: str, thai_model: str = "Thai", forced: bool = False) -> str:
    """What the page should carry for a word the Thai model read `original` and the number
    model `reading`; `forced`: the word lies in a table's number column."""
    if forced and _no_number(original) and _is_number(reading):
        # A number column's cell the Thai model read as no number at all (`—`, `b`): the cell
        # holds a number, and the number model read one.
        return "".join(reading.split())
    return correct(original, reading, known_errors(thai_model), unwritable(thai_model))


def apply(words: Sequence[Word], fixes: Sequence[Reread]) -> list[Word]:
    """The words with their corrected text (boxes unchanged)."""
    by_index = {f.index: f.text for f in fixes}
    return [Word(w.left, w.top, w.width, w.height, by_index.get(i, w.text))
            for i, w in enumerate(words)]
