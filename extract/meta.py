"""Document metadata from the preamble: issuer, number, date, subject, signer."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.digits import to_arabic
from extract.models import Line
from extract.officers import NameMention, find_names, position_after
from extract.thaichars import CONSONANT_RANGE, LETTERS_AND_MARKS_RANGE
from extract.wrap import join_wrapped_names

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
_DATE = re.compile(
    r"(?P<day>[๐-๙0-9]{1,2})?\s*(?P<month>" + "|".join(THAI_MONTHS) + r")\s*(?:พ\.ศ\.\s*)?"
    r"(?P<year>[๐-๙0-9]{4})"
)
_NUMBER = re.compile(
    r"(?:^|\s)ที่\s+(?P<no>(?:มท|[" + CONSONANT_RANGE + r"]{1,3}\s?)?[\s๐-๙0-9./ว]+[๐-๙0-9])"
)
_SUBJECT = re.compile(r"^เรื่อง\s*(?P<subject>.+)$")
_ISSUER = re.compile(r"^(?:คำสั่ง|ประกาศ)\s*(?P<issuer>\S.+)$")


@dataclass(frozen=True)
class Signer:
    title: str
    name: str
    position: str
    page: int


@dataclass(frozen=True)
class Coordinator:
    title: str
    name: str
    position: str
    phone: str
    page: int


@dataclass(frozen=True)
class DocumentMeta:
    issuer: str = ""
    number: str = ""
    date_th: str = ""
    date_iso: str = ""
    subject: str = ""
    signer: Signer | None = None
    coordinator: Coordinator | None = None


def thai_date_iso(day: str | None, month: str, year: str) -> str:
    """`๑๓ พฤศจิกายน ๒๕๖๖` -> `2023-11-13` (Buddhist era minus 543)."""
    y = int(to_arabic(year)) - 543
    m = THAI_MONTHS.index(month) + 1
    return f"{y:04d}-{m:02d}-{int(to_arabic(day)):02d}" if day else f"{y:04d}-{m:02d}"


# The formula that closes an order or a letter: its signature block follows.
CLOSING = re.compile(
    r"^(?:(?:สั่ง|ให้ไว้|ประกาศ)\s*ณ\s*\S?\s*วัน|ขอแสดงความนับถือ)"
)  # (a scan's stray letter after ณ: `ให้ไว้ ณววันที่`)
# What a scan leaves at the left margin of a line: specks, quotes, bars, a speck read as a
# digit or a Latin letter (`» สั่ง ณวันที่ …`, `2 ทั้งนี้ …`): nothing Thai.
_MARGIN_SPECKS = re.compile(rf"^[^{LETTERS_AND_MARKS_RANGE}]+")


def closing_text(text: str) -> str:
    """A line as the closing formula is matched: margin specks dropped, spaces squashed."""
    return _squash_spaces(_MARGIN_SPECKS.sub("", text))
# How far below the closing formula the signer's name may stand (date, blank lines, a seal).
SIGNER_WINDOW = 8
_PHONE = re.compile(
    r"(?:โทร(?:ศัพท์)?|Tel|มือถือ|โทรสาร)\.?\s*[:：]?\s*(?P<phone>[๐-๙0-9][๐-๙0-9 \-]{4,}[๐-๙0-9])"
)


def _squash_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip())


def _position_below(lines: list[Line], i: int) -> str:
    """The position under a signature: the next line of the same page; one more when the
    first ends with `แทน` (`ปลัดจังหวัด ปฏิบัติราชการแทน` / `ผู้ว่าราชการจังหวัด…`)."""
    out: list[str] = []
    for line in lines[i + 1 : i + 3]:
        text = line.text.strip()
        if (
            line.page != lines[i].page
            or not text
            or find_names(text)
            or CLOSING.match(closing_text(text))
            or _PHONE.search(text)
        ):
            break
        out.append(text)
        if not text.endswith("แทน"):
            break
    return " ".join(out)


def find_signer(lines: list[Line]) -> Signer | None:
    """The signer: the first name below the closing formula (`สั่ง ณ วันที่ …`), preferably
    in parentheses on a line of its own, its position on the line(s) under it; without a
    formula, the first name in parentheses standing alone."""
    for f, line in enumerate(lines):
        if not CLOSING.match(closing_text(line.text)):
            continue
        for i in range(f + 1, min(len(lines), f + 1 + SIGNER_WINDOW)):
            text = lines[i].text.strip()
            names: list[NameMention] = find_names(text.strip("() "))
            if len(names) == 1 and len(text) - len(names[0].as_written) <= 6:
                return Signer(names[0].title, names[0].name, _position_below(lines, i),
                              lines[i].page)
        break
    for i, line in enumerate(lines):
        text = line.text.strip()
        if not (text.startswith("(") and text.endswith(")")):
            continue
        names = find_names(text.strip("() "))
        if len(names) == 1:
            return Signer(names[0].title, names[0].name, _position_below(lines, i), line.page)
    return None


def find_coordinator(lines: list[Line]) -> Coordinator | None:
    """`ผู้ประสานงาน` (a field label) with a name and a phone number on that line or the two
    below; a phone number the line break cut (`๐๘ ๔๕๘๗` / `๕๙๕๐`) is joined."""
    from extract.fields import find_labels

    lines = join_wrapped_names(lines)
    for i, line in enumerate(lines):
        label = next((x for x in find_labels(line.text) if x.role == "coordinator"), None)
        if label is None:
            continue
        window = lines[i : i + 3]
        names = [n for n in find_names(line.text[label.end :])] or [
            n for w in window[1:] for n in find_names(w.text)
        ]
        phone = ""
        for k, w in enumerate(window):
            m = _PHONE.search(w.text)
            if m:
                phone = m.group("phone").strip()
                nxt = window[k + 1].text.strip() if k + 1 < len(window) else ""
                if m.end() >= len(w.text.rstrip()) and (more := _DIGITS_START.match(nxt)):
                    phone = f"{phone} {more.group().strip()}"
                break
        if names and phone:
            name = names[0]
            position = name.position
            if not position and i + 1 < len(lines):
                # the position on the line under the name: `ตำแหน่ง ผู้อำนวยการ… โทร. …`
                position = position_after(lines[i + 1].text, 0)[0]
            return Coordinator(name.title, name.name, position, phone, line.page)
    return None


_DIGITS_START = re.compile(r"^[๐-๙0-9][๐-๙0-9 \-]{2,}(?=\s|$)")


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
    return DocumentMeta(
        issuer, number, date_th, date_iso, subject, find_signer(lines), find_coordinator(lines)
    )
