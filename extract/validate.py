"""Validation findings: numbering, declared counts, coverage and edition fit."""

from __future__ import annotations

from collections.abc import Iterable

from extract.models import Finding, Group, Item
from extract.sections import DeclaredCount

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


def numbering_findings(document: str, items: list[Item]) -> list[Finding]:
    out: list[Finding] = []
    for item in items:
        for flag in item.flags:
            kind, th = _flag_kind(flag)
            severity = "info" if kind in _INFO_KINDS or kind == "note" else "warning"
            out.append(
                Finding(
                    document,
                    kind,
                    severity,
                    item.criterion,
                    f"page {item.page}: {flag}",
                    f"หน้า {item.page}: {th}",
                )
            )
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
        scope = _GROUP_TH[decl.group] + (f" หมวด {decl.section}" if decl.section else "")
        level = f" {decl.level}" if decl.level else ""
        label = f"{decl.group}{' section ' + str(decl.section) if decl.section else ''}{level}"
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
