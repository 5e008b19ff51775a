"""Page layout records: words, lines, ruling lines and table cells, with their boxes.

Every reader (text layer, scan, text file) produces the same records, so the extraction reads a
table as a table whatever the input was. Boxes are `(x0, top, x1, bottom)` in the page's own
units: PDF points for a text layer, pixels of the (deskewed) page image for a scan, and a
zero box for text files, which have no geometry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
NO_BOX: Box = (0.0, 0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Word:
    """A word as the reader saw it (Thai words rebuilt from Tesseract's glyph clusters)."""

    text: str
    box: Box
    confidence: float | None = None  # 0-100 for OCR words, None for a text layer
    # The Thai model's reading of a word the number model re-read (ocr/numbers/), for review;
    # equal to `text` where the two agreed, "" for a word not re-read.
    original: str = ""
    # The number model's own reading of that word ("" for a word not re-read): where it is
    # neither `text` nor `original`, the models disagreed and the Thai reading was kept.
    reading: str = ""
    # The number model's alternatives for each character of `reading` (ocr/numbers/choices.py:
    # `๑|๒|.|๕๔`, the last digit read ๕ with ๔ held too); "" when none were recorded.
    choices: str = ""


@dataclass(frozen=True)
class TextLine:
    """A line of text outside any table, in reading order."""

    text: str
    box: Box = NO_BOX
    confidence: float | None = None  # mean of its words' confidences


@dataclass(frozen=True)
class Rule:
    """A ruling line (table border) found in the drawing or the image."""

    box: Box
    horizontal: bool


@dataclass(frozen=True)
class Cell:
    """One table cell; a merged cell is one Cell with a span greater than 1."""

    row: int  # 0-based grid row of its top-left corner
    col: int  # 0-based grid column of its top-left corner
    box: Box
    text: str = ""  # its lines joined with newlines, read top to bottom
    row_span: int = 1
    col_span: int = 1
    confidence: float | None = None
    # For each line break in `text`: did the line before it run to the cell's right edge (the
    # text wrapped, so the next line continues it) rather than end short (a new entry)?
    wraps: tuple[bool, ...] = ()


# A line ending closer than this many line heights to its cell's right edge filled the cell.
WRAP_MARGIN = 2.0


def wraps_of(lines: list[TextLine], right: float) -> tuple[bool, ...]:
    """Which line breaks of a cell are wraps, from where each line ends."""
    out = []
    for line in lines[:-1]:
        height = max(line.box[3] - line.box[1], 1e-6)
        out.append(line.box[2] >= right - WRAP_MARGIN * height)
    return tuple(out)


@dataclass(frozen=True)
class Table:
    """A table as a grid of cells, read row by row, left to right."""

    box: Box
    rows: int
    cols: int
    cells: tuple[Cell, ...]
    ruled_columns: bool = True  # False: columns inferred from the words (no vertical rules)

    def reading_order(self) -> tuple[Cell, ...]:
        return tuple(sorted(self.cells, key=lambda c: (c.row, c.col)))

    def row_cells(self, row: int) -> tuple[Cell, ...]:
        """The cells that start in a grid row, left to right."""
        return tuple(c for c in self.reading_order() if c.row == row)

    def covering(self, row: int, col: int) -> Cell | None:
        """The cell (merged or not) that covers a grid position."""
        for c in self.cells:
            if c.row <= row < c.row + c.row_span and c.col <= col < c.col + c.col_span:
                return c
        return None

    def text(self) -> str:
        """The table in reading order: each cell's lines, cells row by row, left to right."""
        return "\n".join(c.text for c in self.reading_order() if c.text.strip())


@dataclass(frozen=True)
class PageLayout:
    """Everything a page shows besides its plain text.

    `lines` are the text lines outside tables; `tables` hold the rest. Reading order is top to
    bottom, a table taking its place by its top edge.
    """

    width: float
    height: float
    unit: str  # "pt" (PDF text layer), "px" (page image), "" (text file)
    lines: tuple[TextLine, ...] = ()
    tables: tuple[Table, ...] = ()
    rules: tuple[Rule, ...] = ()
    words: tuple[Word, ...] = ()
    skew: float = 0.0  # degrees the image was rotated by before reading (scans)

    def blocks(self) -> Iterator[TextLine | Table]:
        """Text lines and tables interleaved in reading order (by their top edge)."""
        items: list[tuple[float, int, TextLine | Table]] = [
            (line.box[1], i, line) for i, line in enumerate(self.lines)
        ]
        items += [(t.box[1], len(self.lines) + i, t) for i, t in enumerate(self.tables)]
        if self.unit:
            items.sort(key=lambda x: (x[0], x[1]))
        for _, _, block in items:
            yield block

    def text(self) -> str:
        """The page's text in reading order; a table reads like the table."""
        parts = [b.text if isinstance(b, TextLine) else b.text() for b in self.blocks()]
        return "\n".join(p for p in parts if p.strip())

    def map_text(self, fn) -> PageLayout:
        """The same layout with every line's and cell's text passed through `fn` (repair)."""
        return replace(
            self,
            lines=tuple(replace(line, text=fn(line.text)) for line in self.lines),
            tables=tuple(
                replace(t, cells=tuple(replace(c, text=fn(c.text)) for c in t.cells))
                for t in self.tables
            ),
        )


def text_only(lines: Iterable[str]) -> PageLayout:
    """The layout of an already-OCR'd text page: lines, no geometry."""
    return PageLayout(0.0, 0.0, "", lines=tuple(TextLine(t) for t in lines))


def layout_to_dict(layout: PageLayout) -> dict:
    return asdict(layout)


def layout_from_dict(data: dict | None) -> PageLayout | None:
    """The layout back from its JSON form (None stays None)."""
    if data is None:
        return None
    return PageLayout(
        width=data["width"],
        height=data["height"],
        unit=data["unit"],
        lines=tuple(
            TextLine(d["text"], tuple(d["box"]), d.get("confidence")) for d in data["lines"]
        ),
        tables=tuple(
            Table(
                tuple(t["box"]), t["rows"], t["cols"],
                tuple(
                    Cell(**{**c, "box": tuple(c["box"]), "wraps": tuple(c.get("wraps", ()))})
                    for c in t["cells"]
                ),
                t.get("ruled_columns", True),
            )
            for t in data["tables"]
        ),
        rules=tuple(Rule(tuple(r["box"]), r["horizontal"]) for r in data["rules"]),
        words=tuple(Word(w["text"], tuple(w["box"]), w.get("confidence"), w.get("original", ""),
                         w.get("reading", ""), w.get("choices", ""))
                    for w in data["words"]),
        skew=data.get("skew", 0.0),
    )

