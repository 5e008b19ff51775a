"""A page as the stock Thai model alone read it, rebuilt from a run that re-read its numbers.

Every word the number model re-read keeps the Thai model's reading in `Word.original`
(`ocr/numbers/page.py`), so one run holds both readings: putting the originals back gives the
page the pipeline would have seen without the re-read, with everything else (cleaning, layout,
the rest of the text) the same. This is how `python -m ocr.numbers.scans --stock` compares the
number model against the stock models in the same run, on the same pages.
"""

from __future__ import annotations

from dataclasses import replace

from ocr.layout import Box, PageLayout, Word


def changed_words(layout: PageLayout) -> list[Word]:
    """Words whose re-read changed them (the Thai reading differs from the text kept)."""
    return [w for w in layout.words if w.original and w.original != w.text]


def _inside(box: Box, w: Word) -> bool:
    cx, cy = (w.box[0] + w.box[2]) / 2, (w.box[1] + w.box[3]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _put_back(text: str, words: list[Word]) -> str:
    """`text` with each word's reading replaced by its original, in order, each found after the
    previous one (from the start again when not found after it); a word not found is left."""
    cursor = 0
    for w in words:
        pos = text.find(w.text, cursor)
        if pos < 0:
            pos = text.find(w.text)
        if pos < 0:
            continue
        text = text[:pos] + w.original + text[pos + len(w.text):]
        cursor = pos + len(w.original)
    return text


def stock_layout(layout: PageLayout) -> PageLayout:
    """The layout with the Thai model's readings back in its lines, cells and words, and no
    trace of the re-read (`original`, `reading` and `choices` cleared, as a page the number
    model never saw).

    >>> from ocr.layout import TextLine
    >>> w = Word("๔", (10, 0, 20, 10), 90.0, "๕", "๔", "๔๕")
    >>> page = PageLayout(100, 100, "px", lines=(TextLine("ข้อ ๔", (0, 0, 50, 10)),), words=(w,))
    >>> stock_layout(page).lines[0].text, stock_layout(page).words[0] == Word("๕", w.box, 90.0)
    ('ข้อ ๕', True)
    """
    changed = changed_words(layout)
    lines = tuple(replace(line, text=_put_back(line.text, [w for w in changed
                                                            if _inside(line.box, w)]))
                  for line in layout.lines)
    tables = tuple(
        replace(t, cells=tuple(replace(c, text=_put_back(c.text, [w for w in changed
                                                                  if _inside(c.box, w)]))
                               for c in t.cells))
        for t in layout.tables)
    words = tuple(replace(w, text=w.original or w.text, original="", reading="", choices="")
                  for w in layout.words)
    return replace(layout, lines=lines, tables=tables, words=words)


def stock_text(text: str, layout: PageLayout) -> str:
    """The page text with the Thai model's readings back (words in the layout's order)."""
    return _put_back(text, changed_words(layout))
