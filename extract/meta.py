"""Document metadata from the preamble: issuer, number, date, subject, signer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.models import Line
from extract.numbering import to_arabic
from extract.officers import NameMention, find_names

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
_DATE = re.compile(
    r"(?P<day>[๐-๙0-9]{1,2})?\s*(?P<month>" + "|".join(THAI_MONTHS) + r")\s*(?:พ\.ศ\.\s*)?"
    r"(?P<year>[๐-๙0-9]{4})"
)
_NUMBER = re.compile(r"(?:^|\s)ที่\s+(?P<no>(?:มท|[ก-ฮ]{1,3}\s?)?[\s๐-๙0-9./ว]+[๐-๙0-9])")
_SUBJECT = re.compile(r"^เรื่อง\s*(?P<subject>.+)$")
_ISSUER = re.compile(r"^(?:คำสั่ง|ประกาศ)\s*(?P<issuer>\S.+)$")


@dataclass(frozen=True)
class Signer:
    title: str
    name: str
    position: str
    page: int


@dataclass(frozen=True)
class DocumentMeta:
    issuer: str = ""
    number: str = ""
    date_th: str = ""
    date_iso: str = ""
    subject: str = ""
    signer: Signer | None = None


def thai_date_iso(day: str | None, month: str, year: str) -> str:
    """`๑๓ พฤศจิกายน ๒๕๖๖` -> `2023-11-13` (Buddhist era minus 543)."""
    y = int(to_arabic(year)) - 543
    m = THAI_MONTHS.index(month) + 1
    return f"{y:04d}-{m:02d}-{int(to_arabic(day)):02d}" if day else f"{y:04d}-{m:02d}"


def find_signer(lines: list[Line]) -> Signer | None:
    """The signer: a name in parentheses on a line of its own, its position on the next line."""
    for i, line in enumerate(lines):
        text = line.text.strip()
        if not (text.startswith("(") and text.endswith(")")):
            continue
        names: list[NameMention] = find_names(text.strip("() "))
        if len(names) == 1:
            position = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
            return Signer(names[0].title, names[0].name, position, line.page)
    return None


def read_meta(lines: list[Line], limit: int = 60) -> DocumentMeta:
    """Look at the first lines only: the preamble holds everything we want."""
    head = lines[:limit]
    issuer = number = subject = date_th = date_iso = ""
    date_is_own = False
    for line in head:
        text = line.text.strip()
        if not issuer and (m := _ISSUER.match(text)):
            issuer = m.group("issuer").strip()
        if not number and (m := _NUMBER.search(text)):
            number = re.sub(r"\s+", " ", m.group("no")).strip()
        if not subject and (m := _SUBJECT.match(text)):
            subject = m.group("subject").strip()
        m = _DATE.search(text)
        # The document's own date: an order's `สั่ง ณ วันที่ ...`, or a date standing alone on its
        # line (letters); a date inside a sentence usually cites an earlier document.
        own = m is not None and ("สั่ง ณ" in text or len(text) - len(m.group(0)) <= 4)
        if m and (not date_th or (own and not date_is_own)):
            date_th = m.group(0).strip()
            date_iso = thai_date_iso(m.group("day"), m.group("month"), m.group("year"))
            date_is_own = own
    return DocumentMeta(issuer, number, date_th, date_iso, subject, find_signer(head))
