"""Validation findings: numbering, declared counts, coverage and edition fit."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from extract.models import Finding, Group, Item
from extract.sections import DeclaredCount
from ocr.layout import PageLayout
from ocr.numbers.reread import known_errors, unexplained

_GROUP_TH = {
    Group.PHYSICAL: "ด้านกายภาพ",
    Group.QUALITY: "ด้านคุณภาพ",
    Group.SPECIAL: "เงื่อนไขพิเศษ",
    Group.RESULTS: "ด้านผลลัพธ์",
}


# Item flag prefix -> (finding kind, Thai text). Flags are written by items.py, sequence.py
# and document.py; the first matching prefix wins.
_FLAG_KINDS = (
    ("duplicate", "duplicate", "เลขข้อซ้ำ"),
    ("out of order", "out_of_order", "เลขข้อไม่เรียงลำดับ"),
    ("junk", "junk_number", "เลขข้อย่อยอ่านไม่ได้ (กู้คืนจากลำดับ)"),
    ("unreadable number", "unreadable_number", "เลขข้ออ่านไม่ได้ ใช้ลำดับแทน"),
    ("number missing", "number_missing", "แถวไม่มีเลขข้อ รู้จำจากชื่อเกณฑ์"),
    ("unnumbered row", "number_missing", "แถวไม่มีเลขข้อ รู้จำจากชื่อเกณฑ์"),
    ("dot missing", "number_corrected", "เลขข้อขาดจุด (เช่น ๑๑ แทน ๑.๑)"),
    ("number", "number_corrected", "แก้เลขข้อตามเนื้อความ"),
    ("section", "section_mismatch", "เลขหมวดไม่ตรงกับหัวข้อหมวด"),
    ("text fits", "text_fit", "เนื้อความตรงกับข้ออื่นมากกว่า"),
)
_INFO_KINDS = {"junk_number", "unreadable_number", "number_missing", "text_fit"}


def _flag_kind(flag: str) -> tuple[str, str]:
    if flag.endswith("not in the catalog"):
        return "not_in_catalog", "ไม่พบในเกณฑ์ฉบับนี้"
    for prefix, kind, th in _FLAG_KINDS:
        if flag.startswith(prefix):
            return kind, th
    return "note", flag


# Numbering findings that say the clerk misnumbered an item (the others are notes).
CLERK_KINDS = ("duplicate", "out_of_order", "skipped")


def numbering_findings(document: str, items: list[Item],
                       trust: Mapping[int, str] | None = None) -> list[Finding]:
    """Findings from the items' flags.

    A number written other than its corrected id is the clerk's slip when the page's digits
    can be trusted: a text layer, or a scan whose numbers the number model re-read
    (`number_trust`). On a page the Thai model alone read, a difference its known misreadings
    of digits explain (`ocr/numbers/confusions.json`: ๘ read as ๕, ๖ as ๒) is reported as an
    OCR misreading, not as the clerk's mistake.
    """
    trust = trust or {}
    out: list[Finding] = []
    for index, item in enumerate(items):
        for flag in item.flags:
            kind, th = _flag_kind(flag)
            if kind == "number_corrected" and _skips(item):
                kind, th = "skipped", "เลขข้อข้าม"
            if kind in CLERK_KINDS and follows_printed(items, index):
                # `๓.๑` after `๒.๒๔`: the printed numbering is right; the block structure
                # (a section header not recognised) made it look repeated.
                kind, th = "section_mismatch", "เลขข้อเรียงถูกต้อง แต่ไม่ตรงกับหัวข้อหมวดที่อ่านได้"
            elif kind in CLERK_KINDS and trust.get(item.page) == "ocr" and ocr_explains(item):
                kind, th = "ocr_misread", "เลขข้ออ่านผิดจากการสแกน (OCR) ไม่ใช่ความผิดของเอกสาร"
            severity = "info" if kind in _INFO_KINDS or kind == "note" else "warning"
            detail, detail_th = f"page {item.page}: {flag}", f"หน้า {item.page}: {th}"
            if kind in CLERK_KINDS:
                right = printed_id(item.criterion, item.number_as_written)
                detail += f" (printed {item.number_as_written.strip()}, should be {right})"
                detail_th += f" (พิมพ์ {item.number_as_written.strip()} ที่ถูกคือ {right})"
            out.append(Finding(document, kind, severity, item.criterion, detail, detail_th))
    return out


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


_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def printed_id(cid: str, as_written: str) -> str:
    """The corrected id as the document would print it (its digits, its dots)."""
    digits = ".".join(str(p) for p in _parts(cid))
    return digits.translate(_THAI) if re.search("[๐-๙]", as_written) else digits


def ocr_explains(item: Item, thai_model: str = "") -> bool:
    """Whether the Thai model's known misreadings turn the corrected id into what was read."""
    read = "".join(re.findall(r"[๐-๙0-9.]", item.number_as_written)).strip(".")
    if not read or not item.criterion:
        return False
    right = printed_id(item.criterion, item.number_as_written)
    return read != right and unexplained(read, right, known_errors(thai_model)) == 0


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
            out.append(
                Finding(
                    document,
                    "gap",
                    "warning",
                    cid,
                    f"{cid} of the catalog is not in the document",
                    f"ไม่พบข้อ {cid} ในเอกสาร",
                )
            )
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
        scope = (_GROUP_TH[decl.group] if decl.group else "ทั้งหมด") + (
            f" หมวด {decl.section}" if decl.section else "")
        level = f" {decl.level}" if decl.level else ""
        label = (f"{decl.group or 'total'}"
                 f"{' section ' + str(decl.section) if decl.section else ''}{level}")
        if found is None:
            out.append(
                Finding(
                    document,
                    "declared_count",
                    "info",
                    "",
                    f"{label}: declares {decl.count} {decl.unit}, not countable here",
                    f"{scope}: ระบุ {decl.count} {decl.unit}",
                )
            )
        elif found == decl.count:
            out.append(
                Finding(
                    document,
                    "declared_count_ok",
                    "info",
                    "",
                    f"{label}: declares {decl.count} {decl.unit}, found {found}",
                    f"{scope}: ระบุ {decl.count} {decl.unit} พบ {found} ตรงกัน",
                )
            )
        else:
            out.append(
                Finding(
                    document,
                    "declared_count",
                    "error",
                    "",
                    f"{label}: declares {decl.count} {decl.unit} "
                    f"(page {decl.page}) but {found} found",
                    f"{scope}: ระบุ {decl.count} {decl.unit} แต่พบ {found}",
                )
            )
    return out


def unassigned_findings(
    document: str, catalog_ids: Iterable[str], assigned: set[str]
) -> list[Finding]:
    return [
        Finding(
            document, "unassigned", "warning", cid, f"{cid}: nobody assigned", f"{cid}: ไม่มีผู้รับผิดชอบ"
        )
        for cid in catalog_ids
        if cid not in assigned
    ]
