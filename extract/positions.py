"""What stands beside a name: the role labels of a field (ผู้กำกับดูแล, ผู้รับผิดชอบ, ...) and
an officer's position written after the name (``ตำแหน่ง …``, ``นักวิชาการ…ชำนาญการ``,
``เจ้าพนักงาน…``), which is kept as the position and is no part of the name.
"""

from __future__ import annotations

import re

from extract.thaichars import LETTERS_AND_MARKS_RANGE, UNMARK
from extract.titles import _ANY_TITLE, _starts_word, starts_with_title

# `ตำแหน่ง` and the words that open a position; a position runs to the next separator.
_POSITION_WORD = re.compile("ต[ำา]แหน่?ง")  # also as a text layer spells it (ตาแหน่ง)
_POSITION_STOP = re.compile(r"\s*(?:[,;/(]|\s(?:และ|กับ|โทร|Tel|e-?mail)|$)")


# A civil-service position ends with its level (นักประชาสัมพันธ์ปฏิบัติการ, นิติกรชำนาญการ,
# เจ้าพนักงานธุรการชำนาญงาน): the level words tell a position from a name or from prose.
_LEVEL = re.compile(
    "[" + LETTERS_AND_MARKS_RANGE + "]{2,40}?(?:ปฏิบัติการ|ชำนาญการพิเศษ|ชำนาญการ|เชี่ยวชาญ|ทรงคุณวุฒิ|"
    r"ปฏิบัติงาน|ชำนาญงาน|อาวุโส|ทักษะพิเศษ)(?=\s|$|[,;)])"
)


def _levelled(rest: str) -> bool:
    """Does ``rest`` open with a one-word position that ends with a level?"""
    return bool(_LEVEL.match(rest)) and not starts_with_title(rest)


def position_after(text: str, end: int) -> tuple[str, int]:
    """A position written after a name (``ตำแหน่ง นักวิชาการ...``, ``เจ้าพนักงาน...``)."""
    p = end
    while p < len(text) and text[p] in " \u00a0\t":
        p += 1
    rest = text[p:]
    if word := _POSITION_WORD.match(rest):
        q = p + word.end()
        while q < len(text) and text[q] in " \u00a0\t:":
            q += 1
        body_start = q
    elif (starts_with_job(rest, _ROLE_WORDS) or _levelled(rest)) and not is_role_label(rest):
        body_start = p
    else:
        return "", 0
    stop = _POSITION_STOP.search(text, body_start)
    body_end = stop.start() if stop else len(text)
    title = _ANY_TITLE.search(text, body_start, body_end)
    if title and _starts_word(text, title.start()):
        body_end = title.start()
    from extract.fields import label_at_word

    # `… นักจัดการงานทั่วไปชำนาญการพิเศษ ผู้รับผิดชอบ`: the next field's label ends the position
    body_end = label_at_word(text, body_start, body_end) or body_end
    body = text[body_start:body_end].strip()
    if not body or is_role_label(body):
        return "", 0
    return body, body_start + len(text[body_start:body_end].rstrip())


# Role labels an order or a circular writes before (or after) the names of one role.
ROLE_LABELS = (
    ("ผู้กำกับดูแล", "supervisor"),
    ("ผู้รับผิดชอบ", "responsible"),
    ("ผู้ประสานงาน", "coordinator"),
    ("ผู้รับรองข้อมูล", "certifier"),
    ("ผู้กำกับ", "supervisor"),
)


def label_length(text: str) -> int:
    """Folded length of the longest role label ``text`` opens with (0: none)."""
    from extract.textnorm import fold

    flat = fold(text[:40])  # marks dropped, look-alike letters merged: OCR-proof
    return max((len(fold(label)) for label, _ in ROLE_LABELS if flat.startswith(fold(label))),
               default=0)


def is_role_label(text: str) -> bool:
    """Does ``text`` open with a role label (spaces inside it ignored)?"""
    return label_length(text) > 0


# Words that start a job title, never a family name.
_JOB_WORDS = (
    "ผู้", "ตำแหน่ง", "หัวหน้า", "นักวิชาการ", "นักวิเคราะห์", "นักจัดการ", "นักทรัพยากร",
    "เจ้าหน้าที่", "เจ้าพนักงาน", "ข้าราชการ", "พนักงาน", "ลูกจ้าง",
)
# Role and position words a table or a sentence may glue after a family name
# (นายสมชาย ใจดีผู้อำนวยการ); a family name does not continue into them.
_ROLE_WORDS = (
    *_JOB_WORDS, "ปลัด", "รอง", "ประธาน", "กรรมการ", "เลขานุการ", "คลังจังหวัด", "นายอำเภอ",
    "ผู้ว่าราชการ",
)


_UNMARK = UNMARK


def starts_with_job(text: str, words: tuple[str, ...]) -> bool:
    """Does ``text`` open with one of the job ``words``, also when a text layer or OCR lost or
    changed its marks (``เจูาพนักงาน``)? Short words must match exactly (ผู้ is not ผ)."""
    if text.startswith(words):
        return True
    bare = text.translate(_UNMARK)
    return any(
        len(w.translate(_UNMARK)) >= 4 and bare.startswith(w.translate(_UNMARK)) for w in words
    )
