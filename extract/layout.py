"""Split repaired page text into lines and table cells, dropping markup and table headers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from extract.cellnames import join_names, one_line
from extract.models import Line
from extract.officers import find_names
from extract.textnorm import fold
from extract.thai_repair import table_rules_to_gaps
from ocr.layout import PageLayout, Table, TextLine

_TAG = re.compile(r"<[^>]{1,200}>")
_TAB_SPLIT = re.compile(r"\t+")
_PIPE_SPLIT = re.compile(r"\s*\|\s*")
_RULE = re.compile(r"^[\s|:\-–—=_]*$")
# Column headers repeated on every page of an assignment table, and attachment captions.
# Compared with spaces removed, so `ผ ู้ก ำก ับ ด ูแ ล` counts before and after repair.
_HEADER_WORDS = (
    "ข้อที่", "สิ่งที่ต้องดำเนินการ", "มอบหมายดำเนินการ", "แนวทางการดำเนินงาน", "การดำเนินการ",
    "ผู้กำกับดูแล", "ผู้รับผิดชอบ", "หัวข้อ", "มี", "ไม่มี", "ชื่อ-สกุล", "ตำแหน่ง",
)
_FIELD_LABELS = ("ผู้กำกับดูแล", "ผู้รับผิดชอบ", "ผู้ประสานงาน", "ผู้รับรองข้อมูล")
_ATTACHMENT = re.compile(r"^เอกสารแนบท้าย|^สิ่งที่ส่งมาด้วย$|^/\s*\S+\s*\.\.\.$")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_table_header(text: str) -> bool:
    """True for a line made only of column-header words (in any order)."""
    rest = _squash(text)
    if not rest or len(rest) > 80:
        return False
    if rest.rstrip(":：-") in _FIELD_LABELS:
        return False  # one role label alone: a list's field whose names follow, not a header
    for word in sorted(_HEADER_WORDS, key=len, reverse=True):
        rest = rest.replace(word, "")
    return rest.strip("()/.,:") == ""


def iter_lines(
    pages: Iterable[tuple[int, str]], layouts: Sequence[PageLayout | None] | None = None
) -> Iterator[Line]:
    """Lines of every page; cells of tab- or markdown-pipe tables as separate lines of one row.

    A page whose layout has tables is read block by block: its text lines as below, each table
    row as the Lines of its cells, each carrying its column's meaning (`table_lines`).

    A `|` inside an OCR'd line is a scanned table border, not markup: it becomes a wide gap
    (the repair step's rule, applied again here for text extracted with `--no-repair`).
    Runs of three or more spaces are kept (as three): in OCR text they mark column gaps.
    """
    row = 0
    state = _TableState()
    for index, (page_no, text) in enumerate(pages):
        layout = layouts[index] if layouts is not None and index < len(layouts) else None
        if layout is None or not layout.tables:
            for raw in text.splitlines():
                row += 1
                yield from _text_line(page_no, raw, row)
            continue
        for block in layout.blocks():
            if isinstance(block, TextLine):
                for raw in block.text.splitlines():
                    row += 1
                    yield from _text_line(page_no, raw, row)
                continue
            state.table += 1
            for line in table_lines(page_no, block, state, row):
                row = max(row, line.row)
                yield line


def _text_line(page_no: int, raw: str, row: int) -> Iterator[Line]:
    line = _TAG.sub(" ", raw)
    if line.lstrip().startswith("|"):
        cells = _PIPE_SPLIT.split(line.strip().strip("|"))
    else:
        cells = _TAB_SPLIT.split(table_rules_to_gaps(line))
    for cell in cells:
        cell = re.sub(r"[ \u00a0]{3,}", "   ", cell)
        cell = re.sub(r"(?<! )[ \u00a0]{1,2}(?! )", " ", cell).strip()
        if not cell or _RULE.match(cell) or is_table_header(cell):
            continue
        if _ATTACHMENT.match(_squash(cell)):
            continue
        yield Line(page_no, cell, row)


# -- tables ----------------------------------------------------------------------------------

# What a column holds, from the words of its header cell (compared folded, so OCR and text-layer
# damage does not matter). "roles" is the upper level of a two-level header over both role
# columns: the level below names each column.
_COLUMN_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("ข้อที่", "ข้อ", "ลำดับที่", "ลำดับ", "ที่", "เลขที่", "เกณฑ์ข้อ", "ข้อเกณฑ์")),
    ("criterion", ("สิ่งที่ต้องดำเนินการ", "หลักเกณฑ์", "ประเด็น", "รายการ", "หัวข้อ", "เกณฑ์",
                   "ประเด็นการตรวจประเมิน", "ตัวชี้วัด", "รายละเอียด", "การดำเนินการ")),
    ("supervisor", ("ผู้กำกับดูแล", "ผู้กำกับ", "ผู้ควบคุม")),
    ("responsible", ("ผู้รับผิดชอบ", "ผู้ปฏิบัติ", "ผู้ดำเนินการ")),
    ("roles", ("มอบหมายดำเนินการ", "มอบหมาย", "การมอบหมาย", "ผู้รับผิดชอบดำเนินการ")),
)
ROLE_COLUMNS = ("supervisor", "responsible")
# Folded keywords this long or longer match with OCR damage; shorter ones must be exact.
_FUZZY_FROM = 5
_FUZZY_SCORE = 80.0
_HEADER_ROWS = 3  # a header is at most this many rows deep


def column_meaning(text: str) -> str | None:
    """What a header cell names, or None when it is no header word.

    The whole cell is compared with each header word (exactly for short words, with OCR
    damage allowed for long ones); failing that, a short cell naming a long header word among
    a few others (`ผู้รับผิดชอบ (ชื่อ-สกุล)`) counts by the longest word it contains.
    """
    key = fold(text)
    if not key:
        return None
    best: tuple[float, str] | None = None
    for meaning, words in _COLUMN_WORDS:
        for word in words:
            target = fold(word)
            if key == target:
                score = 100.0
            elif len(target) >= _FUZZY_FROM and abs(len(key) - len(target)) <= len(target) // 2:
                score = fuzz.ratio(key, target)
            else:
                continue
            if score >= _FUZZY_SCORE and (best is None or score > best[0]):
                best = (score, meaning)
    if best:
        return best[1]
    lines = [ln for ln in text.splitlines() if fold(ln)]
    if len(lines) > 1:
        # A header cell with a line of OCR junk (marks read as a line of their own).
        for line in lines:
            meaning = column_meaning(line)
            if meaning:
                return meaning
    contained = [
        (len(fold(word)), meaning)
        for meaning, words in _COLUMN_WORDS
        for word in words
        if len(fold(word)) >= _FUZZY_FROM and fold(word) in key
        and len(key) <= 3 * len(fold(word))
    ]
    return max(contained)[1] if contained else None


@dataclass
class _TableState:
    """Column meanings carried to a table that repeats no header (a continued page)."""

    table: int = -1
    meanings: dict[int, tuple[str, ...]] = field(default_factory=dict)  # by column count


def header_rows(table: Table) -> tuple[int, tuple[str, ...]]:
    """How many top rows are header rows, and each column's meaning ("" unknown)."""
    depth = 0
    for r in range(min(_HEADER_ROWS, table.rows)):
        starts = [c for c in table.row_cells(r) if c.text.strip()]
        named = [c for c in starts if column_meaning(c.text) is not None]
        # A header row names at least as many columns as it leaves unnamed (a criterion
        # column may be headed by words of the office's own), and holds no person.
        if not named or len(named) < len(starts) - len(named) or any(
            find_names(c.text) for c in starts
        ):
            break
        depth = r + 1
    meanings = []
    for col in range(table.cols):
        found: tuple[int, str] | None = None  # (span, meaning): the narrowest header wins
        for r in range(depth):
            cell = table.covering(r, col)
            if not cell or not cell.text.strip():
                continue
            labels = _labels(cell.text, cell.col_span)
            if labels is not None:  # the rules between its labels lost: one label a column
                meaning, span = labels[col - cell.col], 1
            else:
                meaning, span = column_meaning(cell.text), cell.col_span
            if meaning and meaning != "roles" and (found is None or span < found[0]):
                found = (span, meaning)
        meanings.append(found[1] if found else "")
    return depth, tuple(meanings)


def _labels(text: str, span: int) -> tuple[str, ...] | None:
    """The column labels of a header cell that spans `span` columns because the scan lost the
    rules between them (`ข้อที่     สิ่งที่ต้องดำเนินการ     ผู้กำกับดูแล     ผู้รับผิดชอบ` over four
    columns), one per column ("" unreadable), or None when the cell is one label (a group
    label over several columns, `มอบหมายดำเนินการ`). Its parts are split at wide gaps, else at
    every space; each must name a column but one (of three or more), and no two the same.

    >>> _labels("ผู้กำกับดูแล ผู้รับผิดชอบ", 2)
    ('supervisor', 'responsible')
    >>> _labels("มอบหมายดำเนินการ", 2) is None, _labels("ผู้รับผิดชอบ (ชื่อ-สกุล)", 2) is None
    (True, True)
    """
    if span < 2:
        return None
    for parts in (re.split(r"\s{3,}", text.strip()), text.split()):
        if len(parts) != span:
            continue
        named = [column_meaning(p) or "" for p in parts]
        known = [m for m in named if m]
        if "roles" in named or len(set(known)) != len(known):
            continue
        if len(known) == span or (span >= 3 and len(known) == span - 1):
            return tuple(named)
    return None


def _plausible(meanings: tuple[str, ...]) -> bool:
    """A header's meanings name each column once (a header cell the scan merged over several
    columns names them all alike, and must not be carried to the next page)."""
    named = [m for m in meanings if m]
    return len(set(named)) == len(named)


def _missing_role(meanings: tuple[str, ...]) -> tuple[str, ...]:
    """With number, criterion and one role column known, the one unnamed column is the other
    role (its header was unreadable)."""
    unknown = [i for i, m in enumerate(meanings) if not m]
    roles = [m for m in meanings if m in ROLE_COLUMNS]
    if len(unknown) == 1 and len(roles) == 1 and {"number", "criterion"} <= set(meanings):
        other = "supervisor" if roles[0] == "responsible" else "responsible"
        return tuple(other if i == unknown[0] else m for i, m in enumerate(meanings))
    return meanings


def _number_cell(starts: list, meanings: tuple[str, ...]) -> str:
    """The text of a row's number cell: the number column's, or (its header unread) an unnamed
    column left of the criterion column."""
    lead = [c for c in starts if meanings[c.col] in ("number", "criterion", "")]
    if not lead:
        return ""
    first = lead[0]
    if meanings[first.col] == "number" or (
        meanings[first.col] == "" and "criterion" in meanings[first.col + first.col_span :]
    ):
        return one_line(first.text)
    return ""


def table_lines(page_no: int, table: Table, state: _TableState, row: int) -> Iterator[Line]:
    """A table's rows as Lines: number and criterion cells as one line, then each role cell.

    A merged role cell is repeated (`spanned`) on every later row it covers, so each row has
    its names; a full-width row (a section heading) is a plain line.
    """
    depth, meanings = header_rows(table)
    before = state.meanings.get(table.cols)
    if before and not _plausible(meanings):
        meanings = before  # a header the scan garbled: the same table's last one
    elif before:
        # A header cell the scan spoiled: its column as the same table's last header said.
        meanings = tuple(m or b for m, b in zip(meanings, before, strict=True))
    meanings = _missing_role(meanings)
    if any(meanings) and _plausible(meanings):
        state.meanings[table.cols] = meanings
    known = any(m in ROLE_COLUMNS for m in meanings)
    for r in range(depth, table.rows):
        row += 1
        starts = [c for c in table.row_cells(r) if c.text.strip()]
        if not known:
            # Columns unknown: the cells in reading order, as a text table's cells.
            for c in starts:
                yield from _text_line(page_no, one_line(c.text), row)
            continue
        if len(starts) == 1 and starts[0].col_span >= max(2, table.cols - 1):
            yield Line(page_no, one_line(starts[0].text), row, table=state.table)
            continue
        lead = [
            one_line(c.text) for c in starts if meanings[c.col] in ("number", "criterion", "")
        ]
        number_cell = _number_cell(starts, meanings)
        if any(lead):
            yield Line(page_no, " ".join(t for t in lead if t), row, column="criterion",
                       table=state.table,
                       number_cell=number_cell)
        for col, meaning in enumerate(meanings):
            if meaning not in ROLE_COLUMNS:
                continue
            cell = table.covering(r, col)
            if cell is None or cell.col != col or not cell.text.strip():
                continue
            yield Line(
                page_no, join_names(cell.text, cell.wraps), row, column=meaning,
                table=state.table,
                row_span=cell.row_span, spanned=cell.row < r,
            )
