"""The counts a document declares, looked for in every line of it.

The walk over the lines (`items/reader.py`) records the counts of the block headers it meets; a
count stated elsewhere (`... รวมทั้งสิ้น` / `จำนวน ๕๖ (ห้าสิบหก) ข้อ ดังนี้` in a circular's letter, a
header the walk read as a table cell) is found here, line by line, with the header words of
its own line (`sections.declared_counts`). A sentence wraps wherever the page ends a line, so
a count phrase may cross a line break (`รวมทั้งสิ้นจำนวน ๕๑` / `(ห้าสิบเอ็ด) ข้อ`): each pair of
neighbouring lines is read joined too, and the counts only the join shows are added.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from extract.models import Line
from extract.sections import DeclaredCount, declared_counts, parse_header


def _counts(text: str, page: int) -> list[DeclaredCount]:
    return declared_counts(text, page, parse_header(text))


def document_counts(lines: Sequence[Line]) -> list[DeclaredCount]:
    """Every count declared in the lines, including those whose phrase crosses a line break."""
    out: list[DeclaredCount] = []
    own = [_counts(line.text, line.page) for line in lines]
    for i, line in enumerate(lines):
        out += own[i]
        if i + 1 == len(lines) or lines[i + 1].page != line.page:
            continue
        # What the two lines declare apart is counted once; the join adds only the rest.
        apart = Counter(d.count for d in own[i] + own[i + 1])
        for d in declared_counts(f"{line.text} {lines[i + 1].text}", line.page,
                                 parse_header(line.text)):
            if apart[d.count] > 0:
                apart[d.count] -= 1
            else:
                out.append(d)
    return out


def same_declaration(a: DeclaredCount, b: DeclaredCount) -> bool:
    """The same count on the same page is one declaration unless both name different scopes
    (a circular declares `เงื่อนไขพิเศษ ๓ ข้อ` and `ผลลัพธ์ ๓ ข้อ` on one page)."""
    return (a.page == b.page and a.count == b.count
            and (a.group is None or b.group is None or a.group == b.group))


def with_document_counts(walked: Sequence[DeclaredCount], lines: Sequence[Line]
                         ) -> list[DeclaredCount]:
    """The walk's counts, then those of `document_counts` the walk did not record (the walk's
    reading of a declaration's scope wins)."""
    out = list(walked)
    for d in document_counts(lines):
        if not any(same_declaration(d, seen) for seen in out):
            out.append(d)
    return out
