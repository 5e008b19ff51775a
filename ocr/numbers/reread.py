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

import json
import logging
import re
import tempfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image
from rapidfuzz.distance import Levenshtein

from ocr.numbers.engine import HERE, MODEL_NAME, run_tesseract

log = logging.getLogger(__name__)

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
PUNCT = frozenset("./-():,")
NUMBER_CHARS = frozenset(THAI_DIGITS + ARABIC_DIGITS + " ") | PUNCT
# Marks the Thai model writes for digits inside numbers (๑ as © or ®; see README.md).
LOOKALIKES = frozenset("©®")
CONFUSIONS = HERE / "confusions.json"
MIN_COUNT = 2  # a confusion seen once in the measured renders is noise, not a habit
MIN_SHARE = 0.005


@dataclass(frozen=True)
class Word:
    """A word of the Thai model's reading, in page-image pixels."""

    left: int
    top: int
    width: int
    height: int
    text: str


@dataclass(frozen=True)
class Reread:
    """The number model's view of one word; `text` is what the page should carry."""

    index: int  # position of the word in the caller's list
    original: str  # the Thai model's reading, kept for review
    reading: str  # the number model's reading of the crop
    text: str  # original with the digits corrected where the Thai model is known to err
    changed: bool


@dataclass(frozen=True)
class Slot:
    """Where one word's crop sits in the stacked image (rows top..bottom)."""

    index: int
    top: int
    bottom: int


# ---------------------------------------------------------------- confusion table
@cache
def known_errors(thai_model: str = "Thai") -> dict[str, frozenset[str]]:
    """digit -> what the Thai model writes for it often enough to be a habit ("" = drops it).

    `thai_model` is the Tesseract language (`Thai` = script/Thai, `tha`); an unknown model gets
    the union of the measured ones.
    """
    data = json.loads(CONFUSIONS.read_text(encoding="utf-8"))["models"]
    label = {"Thai": "script/Thai", "script/Thai": "script/Thai", "tha": "tha"}.get(thai_model)
    tables = [data[label]] if label in data else list(data.values())
    out: dict[str, set[str]] = {}
    for table in tables:
        for digit, counts in table.items():
            total = sum(counts.values())
            # Readings as punctuation are left out (`/` for ๗): both models read punctuation,
            # so there a disagreement is no known weakness of the Thai model.
            out.setdefault(digit, set()).update(
                read for read, n in counts.items()
                if read != digit and n >= MIN_COUNT and n / total >= MIN_SHARE
                and not set(read) & PUNCT
            )
    return {d: frozenset(s) for d, s in out.items()}


@cache
def unwritable(thai_model: str = "Thai") -> frozenset[str]:
    """Thai digits the Thai model (almost) never writes: ๔ ๖ ๗ ๘ ๙ for the Debian models."""
    data = json.loads(CONFUSIONS.read_text(encoding="utf-8"))["models"]
    label = {"Thai": "script/Thai", "script/Thai": "script/Thai", "tha": "tha"}.get(thai_model)
    tables = [data[label]] if label in data else list(data.values())
    return frozenset(d for table in tables for d, counts in table.items()
                     if d in THAI_DIGITS and counts.get(d, 0) < 0.05 * sum(counts.values()))


def _misread_chars(errors: dict[str, frozenset[str]]) -> frozenset[str]:
    return frozenset(c for reads in errors.values() for r in reads for c in r)


# ---------------------------------------------------------------- selection and correction
def _is_thai_letter(c: str) -> bool:
    return "\u0e01" <= c <= "\u0e4f"


_THAI_RUN = re.compile("[\u0e01-\u0e4f]{2,}")


def has_number(text: str) -> bool:
    return any(c in THAI_DIGITS or c in ARABIC_DIGITS or c in LOOKALIKES for c in text)


def digit_junk(errors: dict[str, frozenset[str]]) -> frozenset[str]:
    """Characters the Thai model writes for Thai digits that are neither Thai letters, digits
    nor punctuation (`G` `E` `c` `»` for ๘ ๕ ๔ ๖)."""
    return frozenset(c for c in _misread_chars(errors)
                     if not _is_thai_letter(c) and c not in NUMBER_CHARS and c not in THAI_DIGITS)


# A word made only of junk is re-read only when it stands this tall against the page's median
# word: shorter ones are marks or specks, not digits the Thai model turned into junk.
JUNK_MIN_HEIGHT = 0.6


def select(words: Sequence[Word], force: Collection[int] = (), thai_model: str = "Thai",
           ) -> list[int]:
    """Words to re-read: those with a digit or look-alike; short words made only of the junk
    the Thai model writes for digits (`GE`), as tall as the page's words; and the ones the
    caller forces (the cells of a table's number column, whatever the Thai model made of
    them)."""
    junk = digit_junk(known_errors(thai_model))
    heights = sorted(w.height for w in words)
    tall = JUNK_MIN_HEIGHT * heights[len(heights) // 2] if heights else 0
    return [i for i, w in enumerate(words)
            if (i in force or has_number(w.text)
                or (0 < len(w.text) <= 3 and all(c in junk for c in w.text)
                    and w.height >= tall))
            and w.width > 0 and w.height > 0]


def _no_number(text: str) -> bool:
    """Neither a digit nor a look-alike nor a run of Thai letters: junk."""
    return not has_number(text) and not _THAI_RUN.search(text)


def _is_number(reading: str) -> bool:
    return set(reading) <= NUMBER_CHARS and any(c in THAI_DIGITS or c in ARABIC_DIGITS
                                                for c in reading)


def correct(original: str, reading: str, errors: dict[str, frozenset[str]],
            rare: frozenset[str] = frozenset("๔๖๗๘๙")) -> str:
    """What the page should carry for a word: the number model's reading when the Thai
    model's reading is explained by its known errors, else the Thai reading.

    A word that is a number (no run of Thai letters) takes the whole reading when at most one
    edit in five is not a known error of the Thai model (a digit it writes as another, a mark
    it drops). A word with Thai letters (`ที่๑๒`) keeps its letters; only its characters the
    Thai model is known to misread are replaced (`_correct_chars`).
    """
    reading = "".join(reading.split()) if " " not in original else " ".join(reading.split())
    if not reading or not (set(reading) <= NUMBER_CHARS):
        return original
    if _THAI_RUN.search(original):
        return _correct_chars(original, reading, errors)
    # The slack of one unexplained edit in five is for numbers holding a digit the Thai model
    # cannot write (its reading of them is junk); elsewhere it reads well and is kept.
    slack = len(reading) // 5 if set(reading) & rare else 0
    return reading if unexplained(original, reading, errors) <= slack else original


def unexplained(original: str, reading: str, errors: dict[str, frozenset[str]]) -> int:
    """Edits from the Thai reading to the number reading that no known error explains, on the
    cheapest alignment (known errors cost 0.2, unknown ones 1)."""
    misread = _misread_chars(errors)

    def sub(a: str, b: str) -> tuple[float, int]:
        if a == b:
            return 0.0, 0
        return (0.2, 0) if a in errors.get(b, ()) else (1.0, 1)

    def drop_thai(a: str) -> tuple[float, int]:  # junk the Thai model wrote (`GE` for ๘)
        junk = a in misread and a not in THAI_DIGITS and a not in ARABIC_DIGITS
        return (0.3, 0) if junk or a in LOOKALIKES else (1.0, 1)

    def add_number(b: str) -> tuple[float, int]:  # what the Thai model dropped
        return (0.2, 0) if "" in errors.get(b, ()) else (1.0, 1)

    # Rows of the alignment table: cell j of row i = (cost, unexplained) of aligning the
    # first i Thai characters with the first j read ones; `older` is row i-2, for the Thai
    # model's two-character misreadings of one digit (`๑๓` for ๗).
    inf = (float("inf"), 0)
    older: list[tuple[float, int]] | None = None
    prev = [(0.0, 0)]
    for b in reading:
        c, u = prev[-1]
        bc, bu = add_number(b)
        prev.append((c + bc, u + bu))
    for i, a in enumerate(original):
        dc, du = drop_thai(a)
        row = [(prev[0][0] + dc, prev[0][1] + du)]
        for j, b in enumerate(reading, 1):
            steps = [(prev[j - 1], sub(a, b)), (prev[j], (dc, du)), (row[j - 1], add_number(b))]
            if older is not None and original[i - 1:i + 1] in errors.get(b, ()):
                steps.append((older[j - 1], (0.2, 0)))
            best = inf
            for (c, u), (ec, eu) in steps:
                if c + ec < best[0]:
                    best = (c + ec, u + eu)
            row.append(best)
        older, prev = prev, row
    return prev[-1][1]


def _correct_chars(original: str, reading: str, errors: dict[str, frozenset[str]]) -> str:
    """The original with each character the number model disagrees on replaced, where the
    Thai model is known to write that character for the one the number model read.

    Alignment is by edit distance. Thai letters are kept: they are the word's own.
    """
    # A Thai letter can stand for a digit (`อ` for ๖) only inside a number: here the word has
    # letters of its own, so none is replaced.
    errors = {d: frozenset(r for r in rs if not any(_is_thai_letter(c) for c in r))
              for d, rs in errors.items()}
    misread = _misread_chars(errors)
    out: list[str] = []
    for op in Levenshtein.opcodes(original, reading):
        src = original[op.src_start:op.src_end]
        dst = reading[op.dest_start:op.dest_end]
        if op.tag == "equal":
            out.append(src)
        elif op.tag == "replace" and len(src) == len(dst):
            out.extend(d if s in errors.get(d, ()) else s for s, d in zip(src, dst, strict=True))
        elif op.tag == "replace":
            # `©` for `๑๔`, `GE` for `๘`: take the reading only when every character replaced
            # is one the Thai model writes for digits, and the reading is digits.
            take = all(c in misread or c in LOOKALIKES for c in src) and all(
                c in THAI_DIGITS or c in ARABIC_DIGITS for c in dst)
            out.append(dst if take else src)
        elif op.tag == "insert":
            # Only digits the Thai model is known to drop; other insertions are inventions.
            out.append("".join(d for d in dst if "" in errors.get(d, ())))
        else:  # delete: the number model missed something; keep the Thai reading
            out.append(src)
    return "".join(out)


# ---------------------------------------------------------------- crops, stack, mapping
def crop(page: Image.Image, word: Word, margin: int | None = None) -> Image.Image:
    """A tight crop of the word's ink, a few pixels of white around it.

    The Thai model's word box may cut a glyph (a box built from glyph clusters) or hold white
    space and a stray mark: the box is widened to the ink that runs on from it without a gap
    (a space is a gap), then cut down to the band of ink rows that holds most of the ink.
    """
    h = max(1, word.height)
    px, py = max(4, h // 2), max(2, h // 4)
    region = (max(0, word.left - px), max(0, word.top - py),
              min(page.width, word.left + word.width + px),
              min(page.height, word.top + word.height + py))
    img = _normalise(page.crop(region).convert("L"))
    ink = np.asarray(img) < INK
    x0, y0 = word.left - region[0], word.top - region[1]
    x1, y1 = x0 + word.width, y0 + word.height  # the box, exclusive ends
    gap = max(2, h // 6)
    x0, x1 = _run_on(np.asarray(ink[y0:y1].any(axis=0)), x0, x1, gap)
    y0, y1 = _run_on(np.asarray(ink[:, x0:x1].any(axis=1)), y0, y1, 1)
    m = max(2, h // 10) if margin is None else margin
    box = (max(0, x0 - m), max(0, y0 - m), min(img.width, x1 + m), min(img.height, y1 + m))
    return _trim(img.crop(box), margin)


def _run_on(has_ink: np.ndarray, lo: int, hi: int, gap: int) -> tuple[int, int]:
    """[lo, hi) widened on both sides to the ink that continues with no blank run over `gap`."""
    lo, hi = max(0, lo), min(len(has_ink), hi)
    i, blank = lo - 1, 0
    while i >= 0 and blank <= gap:
        if has_ink[i]:
            lo, blank = i, 0
        else:
            blank += 1
        i -= 1
    i, blank = hi, 0
    while i < len(has_ink) and blank <= gap:
        if has_ink[i]:
            hi, blank = i + 1, 0
        else:
            blank += 1
        i += 1
    return lo, hi


# Ink is darker than this after `_normalise`; rows apart by more than BAND_GAP blank rows are
# separate bands of ink.
INK = 128
BAND_GAP = 2


def _trim(img: Image.Image, margin: int | None) -> Image.Image:
    """The crop cut to its main band of ink rows and to the ink's columns, plus a margin."""
    a = np.asarray(img) < INK
    rows = np.flatnonzero(a.sum(axis=1))
    if rows.size == 0:
        return img
    bands: list[list[int]] = [[rows[0], rows[0]]]
    for r in rows[1:]:
        if r - bands[-1][1] > BAND_GAP + 1:
            bands.append([r, r])
        else:
            bands[-1][1] = r
    top, bottom = max(bands, key=lambda b: a[b[0]:b[1] + 1].sum())
    cols = np.flatnonzero(a[top:bottom + 1].sum(axis=0))
    m = max(2, (bottom - top + 1) // 10) if margin is None else margin
    box = (max(0, cols[0] - m), max(0, top - m), min(img.width, cols[-1] + 1 + m),
           min(img.height, bottom + 1 + m))
    return img.crop(box)


def _normalise(img: Image.Image) -> Image.Image:
    """Stretch the crop so its paper is white and its ink dark: crops of a grey scan then sit
    on the stack's white canvas without a visible frame the line finder would take as ink."""
    ink, paper = _percentile(img, 0.02), _percentile(img, 0.8)
    if paper - ink < 40:  # blank or flat: nothing to stretch
        return img
    scale = 255 / (paper - ink)
    return img.point(lambda v: max(0, min(255, round((v - ink) * scale))))


def _percentile(img: Image.Image, q: float) -> int:
    hist = img.histogram()
    limit, acc = q * sum(hist), 0
    for value, n in enumerate(hist):
        acc += n
        if acc >= limit:
            return value
    return 255


def stack(crops: Sequence[Image.Image], indices: Sequence[int]) -> tuple[Image.Image, list[Slot]]:
    """One image with the crops one under another, separated by white space so that the
    engine's line finder keeps each crop a line of its own."""
    pad = 20
    heights = [c.height for c in crops]
    gap = max(24, max(heights, default=0) // 2)
    width = max((c.width for c in crops), default=1) + 2 * pad
    height = sum(heights) + gap * (len(crops) + 1)
    canvas = Image.new("L", (width, max(1, height)), 255)
    slots, y = [], gap
    for c, i in zip(crops, indices, strict=True):
        canvas.paste(c, (pad, y))
        slots.append(Slot(i, y, y + c.height))
        y += c.height + gap
    return canvas, slots


def map_lines(tsv: str, slots: Sequence[Slot]) -> dict[int, str]:
    """The text the engine found inside each slot, in reading order.

    A tsv word belongs to the slot its vertical centre falls in (between two slots: the
    nearer one), so a crop the engine split into two lines still maps to one word. The tsv
    splits Thai-script text into single glyphs (DOMAIN.md), so spaces are rebuilt from the
    gaps: a gap wider than a third of the crop's height is a space (`๐ ๕๔๔๑ ๐๐๑๒`).
    """
    line_top: dict[tuple[str, ...], int] = {}
    words: list[tuple[tuple[str, ...], int, int, int, int, str]] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) != 12:
            continue
        key = tuple(cols[1:5])
        if cols[0] == "4":
            line_top[key] = int(cols[7])
        elif cols[0] == "5" and cols[11].strip():
            left, top, w, h = (int(c) for c in cols[6:10])
            words.append((key, left, top, w, h, cols[11].strip()))
    found: dict[int, list[tuple[int, int, int, str]]] = {s.index: [] for s in slots}
    height = {s.index: s.bottom - s.top for s in slots}
    for key, left, top, w, h, text in words:
        centre = top + h / 2
        slot = min(slots, key=lambda s: 0 if s.top <= centre <= s.bottom
                   else min(abs(centre - s.top), abs(centre - s.bottom)))
        found[slot.index].append((line_top.get(key, top), left, left + w, text))
    out = {}
    for i, ws in found.items():
        parts, right = [], None
        for _, left, end, text in sorted(ws):
            if right is not None and left - right > height[i] / 3:
                parts.append(" ")
            parts.append(text)
            right = end if right is None else max(right, end)
        out[i] = "".join(parts)
    return out


Reader = Callable[[Sequence[Image.Image]], list[str]]  # crops -> one reading per crop


# Each crop is read as one raw line (psm 13), as the model was trained (`lstm.train`): psm 7's
# line finder returns nothing for most single-digit crops of a page (README.md).
CROP_PSM = 13


def page_reader(tessdata_dir: Path = HERE, lang: str = MODEL_NAME, psm: int = CROP_PSM
                ) -> Reader:
    """All crops as the pages of one TIFF, read in one engine call, one line a page.

    The default: no layout analysis to go wrong, and each reading is its crop's by order.
    """
    def read(crops: Sequence[Image.Image]) -> list[str]:
        if not crops:
            return []
        with tempfile.TemporaryDirectory(prefix="circulars-reread-") as tmp:
            tif = Path(tmp) / "crops.tif"
            crops[0].save(tif, save_all=True, append_images=list(crops[1:]),
                          compression="tiff_lzw", dpi=(300, 300))
            txt = run_tesseract(tif, lang=lang, tessdata_dir=tessdata_dir, psm=psm)["txt"]
        pages = [" ".join(p.split()) for p in txt.split("\f")]
        return (pages + [""] * len(crops))[:len(crops)]
    return read


def stack_reader(tessdata_dir: Path = HERE, lang: str = MODEL_NAME) -> Reader:
    """All crops stacked into one image, read in one engine call (psm 6), mapped back by
    position. Measured less accurate than `page_reader` (README.md); kept for comparison."""
    def read(crops: Sequence[Image.Image]) -> list[str]:
        if not crops:
            return []
        image, slots = stack(crops, list(range(len(crops))))
        tsv = run_tesseract(image, lang=lang, tessdata_dir=tessdata_dir, psm=6,
                            renderings=("tsv",))["tsv"]
        texts = map_lines(tsv, slots)
        return [texts.get(i, "") for i in range(len(crops))]
    return read


def reread_page(page: Image.Image, words: Sequence[Word], *, thai_model: str = "Thai",
                force: Collection[int] = (), reader: Reader | None = None) -> tuple[Reread, ...]:
    """Re-read the number words of one page in one engine call; one result per word re-read."""
    chosen = select(words, force, thai_model)
    if not chosen:
        return ()
    readings = (reader or page_reader())([crop(page, words[i]) for i in chosen])
    errors = known_errors(thai_model)
    out = []
    for i, reading in zip(chosen, readings, strict=True):
        original = words[i].text
        text = correct(original, reading, errors, unwritable(thai_model))
        if i in force and _no_number(original) and _is_number(reading):
            # A number column's cell the Thai model read as no number at all (`—`, `b`): the
            # cell holds a number, and the number model read one.
            text = "".join(reading.split())
        out.append(Reread(i, original, reading, text, text != original))
    log.debug("re-read %d words, changed %d", len(out), sum(r.changed for r in out))
    return tuple(out)


def apply(words: Sequence[Word], fixes: Sequence[Reread]) -> list[Word]:
    """The words with their corrected text (boxes unchanged)."""
    by_index = {f.index: f.text for f in fixes}
    return [Word(w.left, w.top, w.width, w.height, by_index.get(i, w.text))
            for i, w in enumerate(words)]
