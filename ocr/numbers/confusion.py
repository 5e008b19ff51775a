"""What the stock Thai model writes for each digit, and how a number-model reading corrects it.

`confusions.json` holds, per Thai model, the counts of what the model wrote for every digit on
rendered number lines (`python -m ocr.numbers.confusions`). `known_errors` turns it into the
model's habits; `correct` takes the number model's reading of a word only where the Thai reading
is explained by those habits, so a number-model slip on a digit the Thai model reads reliably
does not overwrite a right reading.

    errors = known_errors("Thai")           # {"๔": {"๕", "c", ...}, ...}
    correct("๕.๑", "๔.๑", errors)            # "๔.๑": ๕ for ๔ is a habit of the Thai model
"""

from __future__ import annotations

import json
import re
from functools import cache

from rapidfuzz.distance import Levenshtein

from extract.thaichars import LETTERS_AND_MARKS_RANGE
from ocr.numbers.engine import HERE

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
PUNCT = frozenset("./-():,")
NUMBER_CHARS = frozenset(THAI_DIGITS + ARABIC_DIGITS + " ") | PUNCT
# Marks the Thai model writes for digits inside numbers (๑ as © or ®; see README.md).
LOOKALIKES = frozenset("©®")
CONFUSIONS = HERE / "confusions.json"
MIN_COUNT = 2  # a confusion seen once in the measured renders is noise, not a habit
MIN_SHARE = 0.005
COMMA_POINT = re.compile(r"(?<=[๐-๙0-9]),(?=[๐-๙0-9])")

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


_THAI_LETTER = re.compile(f"[{LETTERS_AND_MARKS_RANGE}]")
THAI_RUN = re.compile(f"[{LETTERS_AND_MARKS_RANGE}]{{2,}}")


def _is_thai_letter(c: str) -> bool:
    return _THAI_LETTER.fullmatch(c) is not None


def has_number(text: str) -> bool:
    return any(c in THAI_DIGITS or c in ARABIC_DIGITS or c in LOOKALIKES for c in text)


def digit_junk(errors: dict[str, frozenset[str]]) -> frozenset[str]:
    """Characters the Thai model writes for Thai digits that are neither Thai letters, digits
    nor punctuation (`G` `E` `c` `»` for ๘ ๕ ๔ ๖)."""
    return frozenset(c for c in _misread_chars(errors)
                     if not _is_thai_letter(c) and c not in NUMBER_CHARS and c not in THAI_DIGITS)



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
    if THAI_RUN.search(original):
        return _correct_chars(original, reading, errors)
    if "," not in original:
        # The number model writes a comma for a point between digits (`๒,๖` for ๒.๖); a
        # comma the Thai model read too (`๑,๒๐๐`) stays.
        reading = COMMA_POINT.sub(".", reading)
    # The slack of one unexplained edit in five is for numbers holding a digit the Thai model
    # cannot write (its reading of them is junk); elsewhere it reads well and is kept.
    slack = len(reading) // 5 if set(reading) & rare else 0
    if unexplained(original, reading, errors) <= slack:
        return reading
    # Not all of the reading is explained: take the characters that are (`๒.๑๒»` and `๒.๒๖`
    # give `๒.๑๖`: ๒ for ๖ is a habit of the Thai model, ๑ for ๒ is not, `»` is junk).
    return merge_number(original, reading, errors)


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


def _foreign(c: str, original: str, reading: str, misread: frozenset[str]) -> bool:
    """A character of the Thai reading that cannot be part of the number the number model
    read: junk (a Latin letter, a symbol; a Thai letter only where the Thai model is known to
    write it for a digit, for a Thai letter may be the word's own: `๑/ว`), or a digit of one
    script in a reading that otherwise holds the other script's digits, the script the number
    model read (`7` in `๒.๑7`). A word wholly in the other script (`7` where the number model
    read `๒`) is no junk: which script is printed is what the two models disagree on."""
    if c in PUNCT or c == " ":
        return False
    for mine, other in ((THAI_DIGITS, ARABIC_DIGITS), (ARABIC_DIGITS, THAI_DIGITS)):
        if c in mine:
            return (any(d in other for d in original) and any(d in other for d in reading)
                    and not any(d in mine for d in reading))
    return c in misread or not _is_thai_letter(c)


def merge_number(original: str, reading: str, errors: dict[str, frozenset[str]]) -> str:
    """A number word's Thai reading with each character replaced by the number model's where
    the Thai model is known to misread it that way or it is junk; the Thai model's own digits
    and points stay where the number model differs from them in no known way.

    Aligned on the cheapest path where known errors and junk cost little (as `unexplained`).
    A character only the number model read is not added (the whole reading was not believed:
    it may have invented it); junk the number model does not read is dropped.

    >>> errors = known_errors("Thai")
    >>> merge_number("๒.๑๒»", "๒.๒๖", errors), merge_number("๒.๑7", "๒.๒๙", errors)
    ('๒.๑๖', '๒.๑๙')
    """
    misread = _misread_chars(errors)

    def sub(a: str, b: str) -> tuple[float, str]:
        if a == b:
            return 0.0, a
        if a in errors.get(b, ()) or _foreign(a, original, reading, misread):
            return 0.2, b
        return 1.0, a

    def drop(a: str) -> tuple[float, str]:  # a Thai character the number model did not read
        # Dearer than a disagreement on a character: the number model sees how many there are.
        return (0.3, "") if _foreign(a, original, reading, misread) else (1.5, a)

    def add(b: str) -> tuple[float, str]:  # a character only the number model read: not taken
        return 1.0, ""                     # (the whole reading was not believed)

    n, m = len(original), len(reading)
    # cost[i][j], out[i][j]: the cheapest merge of original[:i] with reading[:j].
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    out = [[""] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        c, t = add(reading[j - 1])
        cost[0][j], out[0][j] = cost[0][j - 1] + c, out[0][j - 1] + t
    for i in range(1, n + 1):
        c, t = drop(original[i - 1])
        cost[i][0], out[i][0] = cost[i - 1][0] + c, out[i - 1][0] + t
        for j in range(1, m + 1):
            options = []
            for (pi, pj), (c, t) in (((i - 1, j - 1), sub(original[i - 1], reading[j - 1])),
                                     ((i - 1, j), drop(original[i - 1])),
                                     ((i, j - 1), add(reading[j - 1]))):
                options.append((cost[pi][pj] + c, out[pi][pj] + t))
            cost[i][j], out[i][j] = min(options, key=lambda o: o[0])
    return out[n][m]
