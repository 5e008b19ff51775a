"""The re-read of numbers as a step of reading a page image (called from `ocr/scanpage.py`).

After the Thai model's run over a page, the words holding digits (or their look-alikes) and
the words of a table's number column are re-read with the number model in one engine call
(`reread.reread_page`); the words and the page text then carry the corrected numbers, and each
word re-read keeps the Thai model's reading in `Word.original` and the number model's in
`Word.reading` with its alternatives per character in `Word.choices`, for review and for
validation.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import replace

from PIL import Image

from ocr.layout import Table, Word
from ocr.numbers import confusion, reread
from ocr.tesseract import OcrResult, OcrSettings

log = logging.getLogger(__name__)

# A column is a table's number column when at least this share of its non-empty cells, and at
# least MIN_NUMBER_CELLS of them, hold a word that reads as a number (or a look-alike).
NUMBER_COLUMN_SHARE = 0.5
MIN_NUMBER_CELLS = 3


def reread_numbers(image: Image.Image, result: OcrResult, words: Sequence[Word],
                   settings: OcrSettings, tables: Sequence[Table] = (),
                   ) -> tuple[OcrResult, tuple[Word, ...]]:
    """The page's reading with its numbers re-read by the number model.

    `image` is the image the words were read from (their boxes are its pixels); `tables` the
    page's tables (cells without text), whose number columns are re-read whatever the Thai
    model made of them. Off (`settings.reread_numbers` False): the reading unchanged.
    """
    if not settings.reread_numbers or not words:
        return result, tuple(words)
    start = time.process_time()
    plain = [reread.Word(int(w.box[0]), int(w.box[1]), round(w.box[2] - w.box[0]),
                         round(w.box[3] - w.box[1]), w.text) for w in words]
    fixes = reread.reread_page(image, plain, thai_model=settings.lang,
                               force=number_column_words(tables, words))
    changed = {f.index: f.text for f in fixes if f.changed}
    # Every word re-read keeps the Thai reading (equal to its text where the models agree) and
    # the number model's: a page whose words carry them had its numbers checked, and a number
    # the two models read differently is known to be uncertain (extract/validate.py).
    readings = {f.index: f for f in fixes}
    out = tuple(
        replace(w, text=changed.get(i, w.text), original=w.text, reading=readings[i].reading,
                choices=readings[i].choices)
        if i in readings else w
        for i, w in enumerate(words)
    )
    text = substitute(result.text, words, changed)
    log.debug("numbers: %d words re-read, %d changed, %.3f s", len(fixes), len(changed),
              time.process_time() - start)
    return replace(result, text=text), out


def number_column_words(tables: Sequence[Table], words: Sequence[Word]) -> set[int]:
    """Indices of the words lying in a table's number column.

    The number column is found from what its cells hold, not from its header or position: the
    column (of single-column cells) most of whose non-empty cells hold a number (a word with
    a digit or a look-alike) and little else (`_mostly_number`). Its cells' words are all
    re-read, so a number the Thai model turned into letters (`ไ๑๑`, `อ`) is read again too.
    """
    forced: set[int] = set()
    for table in tables:
        cells = [c for c in table.cells if c.col_span == 1]
        members: dict[int, list[int]] = {}
        for i, w in enumerate(words):
            cx, cy = (w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2
            for k, c in enumerate(cells):
                if c.box[0] <= cx <= c.box[2] and c.box[1] <= cy <= c.box[3]:
                    members.setdefault(k, []).append(i)
                    break
        for col in {c.col for c in cells}:
            filled = [k for k, c in enumerate(cells) if c.col == col and k in members]
            numbered = [k for k in filled
                        if _mostly_number([words[i].text for i in members[k]])]
            if len(numbered) >= max(MIN_NUMBER_CELLS, NUMBER_COLUMN_SHARE * len(filled)):
                forced.update(i for k in filled for i in members[k])
    return forced


def _mostly_number(texts: Sequence[str]) -> bool:
    """Whether a cell holds a number and little else: its words with a digit (or a look-alike)
    make at least half of its letters. A role cell of numbered entries (`1. น.ส. กนกพรรณ
    สายโสภา`) is no number cell: forced through the number model, its titles came back as
    digits (`น.ส.` as `11.8.`, `ร.ท.` as `5.7.`; dev multiname-0001 copy and fax).

    >>> _mostly_number(["๑.๒"]), _mostly_number(["1.", "น.ส.", "กนกพรรณ", "สายโสภา"])
    (True, False)
    """
    total = sum(len(t) for t in texts)
    return total > 0 and 2 * sum(len(t) for t in texts if confusion.has_number(t)) >= total


# A word is looked for in the plain text at most this many lines after the previous one.
SEARCH_LINES = 2


def substitute(text: str, words: Sequence[Word], changed: dict[int, str]) -> str:
    """The plain text with the changed words' readings replaced.

    The words come in the engine's reading order, as the plain text does, and each word's
    letters stand together in it (words are split at its spaces): each word is found from
    where the previous one ended, within the next lines. A word not found there (a word the
    word builder dropped or split differently) is skipped without moving on.
    """
    if not changed:
        return text
    out: list[str] = []
    cursor = 0
    for i, w in enumerate(words):
        if not w.text:
            continue
        limit = cursor
        for _ in range(SEARCH_LINES + 1):
            nl = text.find("\n", limit)
            limit = len(text) if nl < 0 else nl + 1
        pos = text.find(w.text, cursor, limit)
        if pos < 0:
            continue
        out.append(text[cursor:pos])
        out.append(changed.get(i, w.text))
        cursor = pos + len(w.text)
    out.append(text[cursor:])
    return "".join(out)
