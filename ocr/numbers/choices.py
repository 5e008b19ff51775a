"""The number model's own alternatives for each character it read (Tesseract's choice output).

With `-c lstm_choice_mode=2` Tesseract's hOCR gives, for every character of a line, the
characters the LSTM's CTC output held at that place with their confidences: `๕ 88.1, ๔ 31.0`.
The first is the character read. A second choice held with some confidence means the model
was unsure between the two: a `๕` whose alternatives hold `๔` may be a ๔ the fax blurred.
Validation uses this as evidence of an uncertain reading (`extract/number_trust.py`); the
reading itself is unchanged.

Stored per word (`Word.choices`) as a compact string, one group per character of the reading
(spaces included), groups separated by `|`: the character read, then each alternative held
with at least `MIN_CONFIDENCE` (`๑|๒|.|๕๔` for `๑๒.๕` with `๔` as the last digit's
alternative).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# An alternative below this confidence (0-100, Tesseract's scale) is no evidence: mode 2 lists
# six choices a character, most of them with confidence 0. Measured on rendered crops of held-out
# faces (README.md): a wrong digit's true digit is held at 1-30 where it is held at all.
MIN_CONFIDENCE = 1.0

SEPARATOR = "|"


@dataclass(frozen=True)
class Choice:
    char: str
    confidence: float


_PAGE = re.compile(r"<div class='ocr_page'")
_CHOICE = re.compile(r"<span class='ocrx_cinfo' id='choice_[^']*' title='x_confs ([0-9.]+)'>"
                     r"(.*?)</span>", re.S)


def parse_hocr(hocr: str) -> list[list[list[Choice]]]:
    """Per hOCR page (one crop each), per character read (spaces included): its choices,
    the character read first."""
    pages = _PAGE.split(hocr)[1:]
    out: list[list[list[Choice]]] = []
    for page in pages:
        symbols = []
        for part in page.split("id='lstm_choices_")[1:]:
            choices = [Choice(html.unescape(text), float(conf))
                       for conf, text in _CHOICE.findall(part)]
            if choices:
                symbols.append(choices)
        out.append(symbols)
    return out


def encode(symbols: list[list[Choice]], min_confidence: float = MIN_CONFIDENCE) -> str:
    """The compact form stored in the layout: per character read, it and its alternatives."""
    groups = []
    for choices in symbols:
        first = choices[0].char
        alts = "".join(dict.fromkeys(c.char for c in choices[1:]
                                     if c.confidence >= min_confidence and c.char != first
                                     and len(c.char) == 1 and c.char != SEPARATOR))
        groups.append(first + alts)
    return SEPARATOR.join(groups)


def decode(encoded: str) -> list[str]:
    """Per character read: it and its alternatives (`['๑', '๒', '.', '๕๔']`)."""
    return encoded.split(SEPARATOR) if encoded else []


def for_reading(encoded: str, reading: str) -> str:
    """The choices of a word whose reading is `reading` (spaces collapsed as the reading's
    are), or "" when they are not the choices of that reading."""
    groups = [g for g in decode(encoded) if g]
    kept: list[str] = []
    for g in groups:
        if g[0] == " " and (not kept or kept[-1][0] == " "):
            continue  # leading or repeated spaces: the reading collapses them
        kept.append(g)
    while kept and kept[-1][0] == " ":
        kept.pop()
    if "".join(g[0] for g in kept) != reading:
        return ""
    return SEPARATOR.join(kept)
