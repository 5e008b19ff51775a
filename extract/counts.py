"""The counts a document declares, looked for in every line of it.

The walk over the lines (`items.py`) records the counts of the block headers it meets; a count
stated elsewhere (`... รวมทั้งสิ้น` / `จำนวน ๕๖ (ห้าสิบหก) ข้อ ดังนี้` in a circular's letter, a
header the walk read as a table cell) is found here, line by line, with the header words of
its own line (`sections.declared_counts`).
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.models import Line
from extract.sections import DeclaredCount, declared_counts, parse_header
from extract.thainum import squash


def document_counts(lines: Sequence[Line]) -> list[DeclaredCount]:
    """Every count declared in the lines; a line ending in `จำนวน` continues on the next."""
    out: list[DeclaredCount] = []
    for i, line in enumerate(lines):
        text = line.text
        if i + 1 < len(lines) and squash(text).endswith("จำนวน"):
            text = f"{text} {lines[i + 1].text}"
        out += declared_counts(text, line.page, parse_header(line.text))
    return out


def with_document_counts(walked: Sequence[DeclaredCount], lines: Sequence[Line]
                         ) -> list[DeclaredCount]:
    """The walk's counts, then those of `document_counts` the walk did not record (the same
    count on the same page is the same declaration: the walk's reading of its scope wins)."""
    seen = {(d.page, d.count) for d in walked}
    out = list(walked)
    for d in document_counts(lines):
        if (d.page, d.count) not in seen:
            seen.add((d.page, d.count))
            out.append(d)
    return out
