"""Item flags and validation findings as data; their English and Thai sentences are rendered here.

A stage that notices something about an item records a `Flag` (a kind and its parameters); the
validation turns flags, counts and coverage into `Finding`s. Nothing downstream reads a sentence
back: the CSV, the JSON and the report render `flag_text`, `Finding.detail` and
`Finding.detail_th` at the edge, so rewording a sentence changes no decision.

A leaf module: no project imports (`extract.models` re-exports `Finding`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FlagKind(StrEnum):
    """Why an item's number as written and its criterion id differ, or what is odd about it."""

    JUNK_SUB_NUMBER = "junk_sub_number"  # a sub-item number that reads as no number
    UNREADABLE_NUMBER = "unreadable_number"  # an item number that reads as no number
    UNREADABLE_BY_TITLE = "unreadable_by_title"  # ... whose row its catalog title recognised
    NUMBER_MISSING = "number_missing"  # a row without number in a numbered list, by its title
    UNNUMBERED_ROW = "unnumbered_row"  # a row of a block without numbers, by its catalog title
    DOT_MISSING = "dot_missing"  # `๑๑` read where `๑.๑` is printed
    TAKEN_BY_SEQUENCE = "taken_by_sequence"  # an unreadable number: the sequence gives the id
    SECTION_BY_HEADER = "section_by_header"  # a section number other than its header's
    DUPLICATE = "duplicate"  # a number already used in its scope
    OUT_OF_ORDER = "out_of_order"  # a number below the one due
    CORRECTED_BY_LATER = "corrected_by_later"  # one ahead of the due one, and a later item too
    CORRECTED_BY_TEXT = "corrected_by_text"  # the catalog text fits the due id much better
    CORRECTED_BY_NEIGHBOURS = "corrected_by_neighbours"  # a topic digit the numbers around fix
    NOT_IN_CATALOG = "not_in_catalog"  # the id is no criterion of the edition
    TEXT_FITS = "text_fits"  # the item's text fits another criterion better
    READ_AS_DUE = "read_as_due"  # another reading of the number word spells the id due


@dataclass(frozen=True)
class Flag:
    """One flag on an item, with what its sentence needs."""

    kind: FlagKind
    number: str = ""  # the number as written (the raw token of a sub-item)
    criterion: str = ""  # the id the flag gives or names; "" when the written number was kept
    section: int = 0  # SECTION_BY_HEADER: the section as written ...
    header: int = 0  # ... and the section of the header above
    score: float = 0.0  # TEXT_FITS: similarity 0..1


def flag_text(flag: Flag) -> str:
    """The flag in English, as the items table shows it.

    >>> flag_text(Flag(FlagKind.DUPLICATE, "๒.๓", "Q2.4"))
    'duplicate number ๒.๓ corrected to Q2.4 by sequence'
    >>> flag_text(Flag(FlagKind.OUT_OF_ORDER, "๕"))
    'out of order number ๕'
    >>> flag_text(Flag(FlagKind.TEXT_FITS, criterion="P3", score=0.914))
    'text fits P3 better (91%)'
    """
    if flag.kind in (FlagKind.DUPLICATE, FlagKind.OUT_OF_ORDER) and flag.criterion:
        template = "{reason} number {number} corrected to {criterion} by sequence"
    else:
        template = _FLAG_SENTENCES[flag.kind]
    reason = "duplicate" if flag.kind is FlagKind.DUPLICATE else "out of order"
    return template.format(reason=reason, number=flag.number, criterion=flag.criterion,
                           section=flag.section, header=flag.header, score=flag.score)


# The English sentence of each flag kind, filled in from the flag's fields (`str.format`).
_FLAG_SENTENCES = {
    FlagKind.JUNK_SUB_NUMBER: "junk sub-item number {number!r}",
    FlagKind.UNREADABLE_NUMBER: "unreadable number",
    FlagKind.UNREADABLE_BY_TITLE: "unreadable number: row recognised by its catalog title",
    FlagKind.NUMBER_MISSING: "number missing: row recognised by its catalog title",
    FlagKind.UNNUMBERED_ROW: "unnumbered row recognised by its catalog title",
    FlagKind.DOT_MISSING: "dot missing in number",
    FlagKind.TAKEN_BY_SEQUENCE: "unreadable number {number!r} taken as {criterion} by sequence",
    FlagKind.SECTION_BY_HEADER: "section {section} written under the header of section {header}",
    FlagKind.DUPLICATE: "{reason} number {number}",
    FlagKind.OUT_OF_ORDER: "{reason} number {number}",
    FlagKind.CORRECTED_BY_LATER: "number {number} corrected to {criterion}: a later item is "
                                 "written the same",
    FlagKind.CORRECTED_BY_TEXT: "number {number} corrected to {criterion}: the text fits it",
    FlagKind.CORRECTED_BY_NEIGHBOURS: "number {number} corrected to {criterion} by its "
                                      "neighbours",
    FlagKind.NOT_IN_CATALOG: "{criterion} not in the catalog",
    FlagKind.TEXT_FITS: "text fits {criterion} better ({score:.0%})",
    FlagKind.READ_AS_DUE: "number read {number}; another reading of it is {criterion}, the "
                          "number due",
}


class FindingKind(StrEnum):
    """What a validation finding says (the `kind` column of validation.csv)."""

    DUPLICATE = "duplicate"
    OUT_OF_ORDER = "out_of_order"
    SKIPPED = "skipped"  # the clerk wrote a number just ahead of the due one
    OCR_MISREAD = "ocr_misread"  # the Thai model's known digit misreadings explain the number
    JUNK_NUMBER = "junk_number"
    UNREADABLE_NUMBER = "unreadable_number"
    NUMBER_MISSING = "number_missing"
    NUMBER_CORRECTED = "number_corrected"
    SECTION_MISMATCH = "section_mismatch"
    TEXT_FIT = "text_fit"
    NOT_IN_CATALOG = "not_in_catalog"
    NOT_A_CRITERION = "not_a_criterion"  # a numbered line whose text fits no criterion
    GAP = "gap"
    UNASSIGNED = "unassigned"
    DECLARED_COUNT = "declared_count"  # a declared count that differs, or cannot be counted
    DECLARED_COUNT_OK = "declared_count_ok"
    EDITION_FIT = "edition_fit"  # the numbering fits another edition better


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# Numbering findings that say the clerk misnumbered an item (the others are notes).
CLERK_KINDS = (FindingKind.DUPLICATE, FindingKind.OUT_OF_ORDER, FindingKind.SKIPPED)


@dataclass(frozen=True)
class Count:
    """A declared count and what the document has for it (`DeclaredCount` plus `found`)."""

    group: str  # a `Group` value, "" for the document's total
    section: int | None
    level: str | None
    unit: str
    count: int
    page: int
    found: int | None  # None: what it covers cannot be counted here


@dataclass(frozen=True)
class Finding:
    """One validation finding: a kind, where, and the facts its sentences are rendered from."""

    document: str
    kind: FindingKind
    severity: Severity
    criterion: str
    page: int = 0
    flag: Flag | None = None  # numbering findings: the item's flag
    printed: str = ""  # numbering, clerk's slips: the number as printed ...
    should_be: str = ""  # ... and the right one, as the document would print it
    count: Count | None = None  # declared counts
    edition: str = ""  # edition_fit: the edition in use; not_a_criterion: the catalog's
    better: str = ""  # edition_fit: the edition that fits better
    text: str = ""  # not_a_criterion: the line's text

    @property
    def detail(self) -> str:
        """English, for validation.csv and the command line."""
        return finding_sentences(self)[0]

    @property
    def detail_th(self) -> str:
        """Thai, for the report."""
        return finding_sentences(self)[1]


def finding_sentences(f: Finding) -> tuple[str, str]:
    """The finding in English and in Thai.

    >>> finding_sentences(Finding("d", FindingKind.GAP, Severity.WARNING, "Q1.3"))
    ('Q1.3 of the catalog is not in the document', 'ไม่พบข้อ Q1.3 ในเอกสาร')
    """
    k, cid = f.kind, f.criterion
    if f.flag is not None:
        en, th = f"page {f.page}: {flag_text(f.flag)}", f"หน้า {f.page}: {_numbering_th(k, f.flag)}"
        if k in CLERK_KINDS:
            en += f" (printed {f.printed}, should be {f.should_be})"
            th += f" (พิมพ์ {f.printed} ที่ถูกคือ {f.should_be})"
        return en, th
    if f.count is not None:
        return _count_sentences(f.count)
    if k is FindingKind.GAP:
        return f"{cid} of the catalog is not in the document", f"ไม่พบข้อ {cid} ในเอกสาร"
    if k is FindingKind.UNASSIGNED:
        return f"{cid}: nobody assigned", f"{cid}: ไม่มีผู้รับผิดชอบ"
    if k is FindingKind.EDITION_FIT:
        return (f"numbering fits edition {f.better} better than {f.edition}",
                f"เลขข้อตรงกับเกณฑ์ฉบับ {f.better} มากกว่า {f.edition}")
    if k is FindingKind.NOT_A_CRITERION:
        return (f"page {f.page}: numbered line {f.printed!r} is not a criterion "
                f"of {f.edition} (text: {f.text[:60]})",
                f"หน้า {f.page}: บรรทัดที่มีเลข {f.printed} ไม่ใช่ข้อของเกณฑ์")
    raise ValueError(f"no sentence for {k}")


_NUMBERING_TH = {
    FindingKind.DUPLICATE: "เลขข้อซ้ำ",
    FindingKind.OUT_OF_ORDER: "เลขข้อไม่เรียงลำดับ",
    FindingKind.SKIPPED: "เลขข้อข้าม",
    FindingKind.OCR_MISREAD: "เลขข้ออ่านผิดจากการสแกน (OCR) ไม่ใช่ความผิดของเอกสาร",
    FindingKind.JUNK_NUMBER: "เลขข้อย่อยอ่านไม่ได้ (กู้คืนจากลำดับ)",
    FindingKind.UNREADABLE_NUMBER: "เลขข้ออ่านไม่ได้ ใช้ลำดับแทน",
    FindingKind.NUMBER_MISSING: "แถวไม่มีเลขข้อ รู้จำจากชื่อเกณฑ์",
    FindingKind.NUMBER_CORRECTED: "แก้เลขข้อตามเนื้อความ",
    FindingKind.SECTION_MISMATCH: "เลขข้อเรียงถูกต้อง แต่ไม่ตรงกับหัวข้อหมวดที่อ่านได้",
    FindingKind.TEXT_FIT: "เนื้อความตรงกับข้ออื่นมากกว่า",
    FindingKind.NOT_IN_CATALOG: "ไม่พบในเกณฑ์ฉบับนี้",
}


def _numbering_th(kind: FindingKind, flag: Flag) -> str:
    """A numbering finding's Thai sentence: by its kind, sharpened by the flag behind it."""
    if kind is FindingKind.SECTION_MISMATCH and flag.kind is FlagKind.SECTION_BY_HEADER:
        return "เลขหมวดไม่ตรงกับหัวข้อหมวด"
    if kind is FindingKind.NUMBER_CORRECTED and flag.kind is FlagKind.DOT_MISSING:
        return "เลขข้อขาดจุด (เช่น ๑๑ แทน ๑.๑)"
    return _NUMBERING_TH[kind]


_GROUP_TH = {
    "physical": "ด้านกายภาพ",
    "quality": "ด้านคุณภาพ",
    "special": "เงื่อนไขพิเศษ",
    "results": "ด้านผลลัพธ์",
}


def _count_sentences(c: Count) -> tuple[str, str]:
    """
    >>> _count_sentences(Count("quality", 2, "basic", "ข้อ", 12, 1, 11))[0]
    'quality section 2 basic: declares 12 ข้อ (page 1) but 11 found'
    >>> _count_sentences(Count("", None, None, "ข้อ", 40, 1, 40))[1]
    'ทั้งหมด: ระบุ 40 ข้อ พบ 40 ตรงกัน'
    """
    level = f" {c.level}" if c.level else ""
    label = f"{c.group or 'total'}{' section ' + str(c.section) if c.section else ''}{level}"
    scope = (_GROUP_TH[c.group] if c.group else "ทั้งหมด") + (
        f" หมวด {c.section}" if c.section else "")
    en, th = f"{label}: declares {c.count} {c.unit}", f"{scope}: ระบุ {c.count} {c.unit}"
    if c.found is None:
        return f"{en}, not countable here", th
    if c.found == c.count:
        return f"{en}, found {c.found}", f"{th} พบ {c.found} ตรงกัน"
    return f"{en} (page {c.page}) but {c.found} found", f"{th} แต่พบ {c.found}"


def finding_record(f: Finding) -> dict[str, str]:
    """The finding as document.json stores it (sentences rendered, facts left out)."""
    return {"document": f.document, "kind": str(f.kind), "severity": str(f.severity),
            "criterion": f.criterion, "detail": f.detail, "detail_th": f.detail_th}
