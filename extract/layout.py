"""Split repaired page text into lines and table cells, dropping markup and table headers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from extract.models import Line
from extract.thai_repair import table_rules_to_gaps

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


def iter_lines(pages: Iterable[tuple[int, str]]) -> Iterator[Line]:
    """Lines of every page; cells of tab- or markdown-pipe tables as separate lines of one row.

    A `|` inside an OCR'd line is a scanned table border, not markup: it becomes a wide gap
    (the repair step's rule, applied again here for text extracted with `--no-repair`).
    Runs of three or more spaces are kept (as three): in OCR text they mark column gaps.
    """
    row = 0
    for page_no, text in pages:
        for raw in text.splitlines():
            row += 1
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
