"""Validation findings: numbering, declared counts, coverage and edition fit."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from extract.digits import THAI_DIGITS, arabic_to_thai, to_arabic
from extract.findings import CLERK_KINDS, Count, Finding, FindingKind, FlagKind, Severity
from extract.models import Group, Item
from extract.number_choice import due_number, readings_of
from extract.number_trust import (
    choices_allow,
    confirmed,
    confirmed_where_wrong,
    models_disagree_on,
    number_of,
    value,
    words_reading,
)
from extract.sections import DeclaredCount
from extract.sequence import criterion_id
from ocr.layout import PageLayout, Word
from ocr.numbers.confusion import known_errors, unexplained

# Item flag kind -> finding kind (a slip of the clerk may turn out to be a skip, a section
# header not recognised or an OCR misreading: `numbering_findings`).
FLAG_FINDINGS = {
    FlagKind.DUPLICATE: FindingKind.DUPLICATE,
    FlagKind.OUT_OF_ORDER: FindingKind.OUT_OF_ORDER,
    FlagKind.JUNK_SUB_NUMBER: FindingKind.JUNK_NUMBER,
    FlagKind.UNREADABLE_NUMBER: FindingKind.UNREADABLE_NUMBER,
    FlagKind.UNREADABLE_BY_TITLE: FindingKind.UNREADABLE_NUMBER,
    FlagKind.TAKEN_BY_SEQUENCE: FindingKind.UNREADABLE_NUMBER,
    FlagKind.NUMBER_MISSING: FindingKind.NUMBER_MISSING,
    FlagKind.UNNUMBERED_ROW: FindingKind.NUMBER_MISSING,
    FlagKind.DOT_MISSING: FindingKind.NUMBER_CORRECTED,
    FlagKind.CORRECTED_BY_LATER: FindingKind.NUMBER_CORRECTED,
    FlagKind.CORRECTED_BY_TEXT: FindingKind.NUMBER_CORRECTED,
    FlagKind.CORRECTED_BY_NEIGHBOURS: FindingKind.NUMBER_CORRECTED,
    FlagKind.SECTION_BY_HEADER: FindingKind.SECTION_MISMATCH,
    FlagKind.TEXT_FITS: FindingKind.TEXT_FIT,
    FlagKind.READ_AS_DUE: FindingKind.OCR_MISREAD,
    FlagKind.NOT_IN_CATALOG: FindingKind.NOT_IN_CATALOG,
}
_INFO_KINDS = {FindingKind.JUNK_NUMBER, FindingKind.UNREADABLE_NUMBER,
               FindingKind.NUMBER_MISSING, FindingKind.TEXT_FIT}


def numbering_findings(document: str, items: list[Item],
                       trust: Mapping[int, str] | None = None,
                       readings: Mapping[int, Sequence[Word]] | None = None) -> list[Finding]:
    """Findings from the items' flags.

    A number written other than its corrected id is the clerk's slip when the page's digits
    can be trusted: a text layer, or a scan whose numbers the number model re-read
    (`number_trust`). On a page the Thai model alone read, a difference its known misreadings
    of digits explain (`ocr/numbers/confusions.json`: ๘ read as ๕, ๖ as ๒) is reported as an
    OCR misreading, not as the clerk's mistake. On a re-read page, a number the two models read
    differently, one of them as the number the sequence expects (`readings`: the page's re-read
    words, `extract/number_trust.py`), is an OCR misreading too.
    """
    trust = trust or {}
    readings = readings or {}
    out: list[Finding] = []
    seen: Counter[tuple[int, str]] = Counter()  # (page, number) -> items so far
    for index, item in enumerate(items):
        key = (item.page, value(item.number_as_written))
        occurrence, seen[key] = seen[key], seen[key] + 1
        for flag in item.flags:
            kind = FLAG_FINDINGS[flag.kind]
            if kind is FindingKind.NUMBER_CORRECTED and _skips(item):
                kind = FindingKind.SKIPPED
            if kind in CLERK_KINDS and (follows_printed(items, index) or _as_due(item)):
                # `๓.๑` after `๒.๒๔`, or a number printed exactly as its corrected id: the
                # printed numbering is right; the block structure (a section header not
                # recognised, another row misread as this number) made it look wrong.
                kind = FindingKind.SECTION_MISMATCH
            elif kind in CLERK_KINDS and (
                    _uncertain(item, occurrence, trust, readings)
                    or _copy_in_doubt(kind, item, items, occurrence, trust, readings)):
                kind = FindingKind.OCR_MISREAD
            severity = Severity.INFO if kind in _INFO_KINDS else Severity.WARNING
            printed = right = ""
            if kind in CLERK_KINDS:
                printed = item.number_as_written.strip()
                right = printed_id(item.criterion, item.number_as_written)
            out.append(Finding(document, kind, severity, item.criterion, page=item.page,
                               flag=flag, printed=printed, should_be=right))
    return out


def _uncertain(item: Item, occurrence: int, trust: Mapping[int, str],
               readings: Mapping[int, Sequence[Word]]) -> bool:
    """Whether an OCR misreading explains the item's number better than a clerk's slip.

    On a re-read page: the two models read the number differently, one of them as the number
    due; or the number model held the due digits among its alternatives; or the number model
    did not confirm the Thai reading and the Thai model's known misreadings explain it. On a
    page the Thai model alone read: its known misreadings.
    """
    page = trust.get(item.page)
    words = readings.get(item.page, ())
    if page == "reread":
        due = printed_id(item.criterion, item.number_as_written)
        if models_disagree_on(item.number_as_written, due, words):
            return True
        if choices_allow(item.number_as_written, due, words, occurrence):
            # Both models may have misread it alike; the number model held the due digits.
            return True
        # The Thai model's known misreadings explain only a digit the two models did not
        # both read as written.
        return (not confirmed_where_wrong(item.number_as_written, due, words, occurrence)
                and ocr_explains(item))
    return page == "ocr" and ocr_explains(item)


def _copy_in_doubt(kind: FindingKind, item: Item, items: Sequence[Item], occurrence: int,
                   trust: Mapping[int, str], readings: Mapping[int, Sequence[Word]]) -> bool:
    """A repeated number the two models read alike only on its wrong digit (`๕.๕` and
    `๔.๕` where ๔.๖ is due), whose other copy on the page could be a number of the same list
    that no item has (`๔.๕` read for ๔.๔): that copy is the misread one, not the clerk's
    repetition."""
    if kind is not FindingKind.DUPLICATE or trust.get(item.page) != "reread":
        return False
    words = readings.get(item.page, ())
    if confirmed(item.number_as_written, words, occurrence) or not ocr_explains(item):
        return False
    used = {it.criterion for it in items}
    read = value(item.number_as_written)
    for word in words_reading(read, words):
        for other in readings_of(word) - {read}:
            # as a number is printed (no leading zero), in the same list (all but the last
            # part alike)
            same_list = other.rsplit(".", 1)[0] == read.rsplit(".", 1)[0] if "." in read \
                else "." not in other
            if other == due_number(other) and same_list and criterion_id(
                    item.group, tuple(int(p) for p in other.split("."))) not in used:
                return True
    return False


def _as_due(item: Item) -> bool:
    """The item's number is printed exactly as its corrected id (Thai or Arabic digits)."""
    read = to_arabic(number_of(item.number_as_written))
    return bool(read and item.criterion) and read == ".".join(
        str(p) for p in _parts(item.criterion))


def follows_printed(items: Sequence[Item], index: int) -> bool:
    """Whether the item's printed number is the next one after the printed number before it
    (`๗` after `๖`, `๒.๕` after `๒.๔`, `๓.๑` after `๒.๒๔`)."""
    cur = tuple(items[index].written or ())
    prev = next((tuple(it.written) for it in reversed(items[:index]) if it.written), ())
    if not cur or len(cur) != len(prev):
        return False
    head, last = prev[:-1], prev[-1]
    return cur == (*head, last + 1) or (len(cur) == 2 and cur == (prev[0] + 1, 1))


# A clerk who skips writes the next number or the one after; a number further off than this
# from its corrected id (`๒.๕๓๕` for ๒.๗) is a misreading, not a skip.
MAX_SKIP = 2


def _skips(item: Item) -> bool:
    """The written number lies just ahead of the item's corrected id (`๑.๕` where ๑.๔ is
    due)."""
    written, right = tuple(item.written or ()), _parts(item.criterion)
    return (bool(written) and len(written) == len(right) and written[:-1] == right[:-1]
            and 0 < written[-1] - right[-1] <= MAX_SKIP)


def _parts(cid: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", cid))


def printed_id(cid: str, as_written: str) -> str:
    """The corrected id as the document would print it (its digits, its dots)."""
    digits = ".".join(str(p) for p in _parts(cid))
    return arabic_to_thai(digits) if re.search(f"[{THAI_DIGITS}]", as_written) else digits


def ocr_explains(item: Item, thai_model: str = "") -> bool:
    """Whether the Thai model's known misreadings turn the corrected id into what was read."""
    read = number_of(item.number_as_written)
    if not read or not item.criterion:
        return False
    right = printed_id(item.criterion, item.number_as_written)
    return read != right and unexplained(read, right, known_errors(thai_model)) == 0


def number_readings(layouts: Sequence[PageLayout | None] | None) -> dict[int, tuple[Word, ...]]:
    """Per page (1-based): the words the number model re-read (both models' readings)."""
    return {number: tuple(w for w in layout.words if w.reading)
            for number, layout in enumerate(layouts or (), 1) if layout is not None}


def number_trust(layouts: Sequence[PageLayout | None] | None) -> dict[int, str]:
    """Per page (1-based): "text" (text layer or text file), "reread" (a scan whose numbers
    the number model re-read: its words carry the Thai reading in `original`) or "ocr"."""
    out: dict[int, str] = {}
    for number, layout in enumerate(layouts or (), 1):
        if layout is None or layout.unit != "px":
            out[number] = "text"
        elif any(w.original for w in layout.words):
            out[number] = "reread"
        else:
            out[number] = "ocr"
    return out


def gap_findings(
    document: str, items: list[Item], catalog_ids: Iterable[str] | None
) -> list[Finding]:
    """Catalog criteria between the first and last found number of a group that never appear."""
    found = {it.criterion for it in items if it.criterion}
    out: list[Finding] = []
    if catalog_ids is None:
        return out
    for cid in catalog_ids:
        if cid not in found:
            out.append(Finding(document, FindingKind.GAP, Severity.WARNING, cid))
    return out


def count_found(decl: DeclaredCount, items: list[Item], level_of: dict[str, str]) -> int | None:
    """How many items the document has for what a declared count covers (None: not countable)."""
    ids = {it.criterion for it in items if it.criterion}
    if decl.group is None:  # the document's total
        return len(ids) if decl.unit != "หัวข้อ" else None
    if decl.group is Group.PHYSICAL:
        return sum(1 for i in ids if i.startswith("P"))
    if decl.group is Group.RESULTS:
        return len({i for i in ids if i.startswith("R")}) if decl.unit != "ข้อย่อย" else None
    quality = {i for i in ids if i.startswith("Q")}
    if decl.group is Group.SPECIAL or decl.level == "special":
        return sum(1 for i in quality if i.startswith("Q5."))
    if decl.section is not None:
        quality = {i for i in quality if i.startswith(f"Q{decl.section}.")}
    elif decl.unit == "หัวข้อ":
        return len({i.split(".")[0] for i in quality})
    if decl.level in ("basic", "advanced"):
        quality = {i for i in quality if level_of.get(i) == decl.level}
    elif decl.section is None:
        quality = {i for i in quality if not i.startswith("Q5.") or level_of.get(i) != "special"}
    return len(quality)


def count_findings(
    document: str, declared: list[DeclaredCount], items: list[Item], level_of: dict[str, str]
) -> list[Finding]:
    out: list[Finding] = []
    for decl in declared:
        found = count_found(decl, items, level_of)
        if found is None:
            kind, severity = FindingKind.DECLARED_COUNT, Severity.INFO
        elif found == decl.count:
            kind, severity = FindingKind.DECLARED_COUNT_OK, Severity.INFO
        else:
            kind, severity = FindingKind.DECLARED_COUNT, Severity.ERROR
        count = Count(str(decl.group or ""), decl.section, decl.level, decl.unit, decl.count,
                      decl.page, found)
        out.append(Finding(document, kind, severity, "", count=count))
    return out


def unassigned_findings(
    document: str, catalog_ids: Iterable[str], assigned: set[str]
) -> list[Finding]:
    return [Finding(document, FindingKind.UNASSIGNED, Severity.WARNING, cid)
            for cid in catalog_ids if cid not in assigned]
