"""Labelled fields of a list-layout order: `ผู้กำกับดูแล: นาย…`, `ผู้รับผิดชอบ นาย…, นาง…`.

A role label opens a field that runs to the next label, item or heading, on the same line or
the lines below. A label written after the names (`มอบหมายให้ นาย… เป็นผู้กำกับดูแล…`) gives
its role to the names before it: the sentence form a preamble uses for a section supervisor.

A label word inside running text (`มีการกำหนดผู้รับผิดชอบ ผู้ประสานงาน/เจ้าของงาน` in a
criterion's title) opens nothing: a field label starts its line, ends it, or is followed by a
colon or a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from extract.models import Group
from extract.officers import ROLE_LABELS
from extract.sections import QUALITY_SECTIONS
from extract.textnorm import fold
from extract.thaichars import LETTERS_AND_MARKS_RANGE, MARK_RANGE, MARK_SET

# The label's letters with optional OCR spaces between them (`ผ ู้ก ำก ับ ด ูแ ล`) and the
# consonants OCR confuses in them (ผู้รับผิดขอบ); a PDF font's SARA AA for SARA AM (ผู้กากับ).
_CONFUSED = {"ช": "[ชขซ]", "บ": "[บน]", "ด": "[ดต]", "\u0e33": "(?:\u0e33|\u0e32|\u0e4d\u0e32)"}


_MARK = f"[{MARK_RANGE}]"


def _label_pattern(label: str) -> str:
    """Marks may be lost, added or read as another mark (`ผู้กำกับด้แล`, `ผู้รับผิดช่อบ`), and
    OCR puts spaces inside words (`ผ ู้ก ำก ับ`)."""
    letters = [_CONFUSED.get(ch, re.escape(ch)) for ch in label if not re.fullmatch(_MARK, ch)]
    between = f"(?:\\s?{_MARK}){{0,2}}\\s?"
    return between.join(letters) + f"{_MARK}{{0,2}}"


_LABEL = re.compile(
    "|".join(f"(?P<l{i}>{_label_pattern(label)})" for i, (label, _) in enumerate(ROLE_LABELS))
)
_TITLE_START = re.compile(
    r"\s*(?:นาย|นาง|น\s?\.\s?ส|ว่าที่|ดร\.|ร\.|พ\.|พล\.|จ\.|ส\.|ด\.ต|ผศ|รศ|ศ\.)"
)
# `ผู้รับผิดชอบ.`: a colon OCR read as a dot; `ผู้รับผิดชอบ!:`, `ผู้กำกับดูแล':`: a speck before it
# `ผู้รับผิดชอบน:`, `ผู้รับผิดชอง!:`: letters a scan added before a colon are no words
_COLON = re.compile(
    r"\s*(?:[!|'’`]{1,2}\s*(?=[:：\-–.])|[" + LETTERS_AND_MARKS_RANGE
    + r"!|'’`]{1,3}(?=[:：]))?(?:[:：\-–.]\s*)?"
)
_BACKWARD = re.compile(r"(?:เป็น|ทำหน้าที่|ให้เป็น)\s?$")


@dataclass(frozen=True)
class Label:
    """A role label in a line."""

    role: str  # supervisor, responsible, coordinator, certifier
    start: int
    end: int  # after the label and its colon
    backward: bool  # `… เป็นผู้กำกับดูแล`: the role of the names before it


def find_labels(text: str) -> list[Label]:
    """The role labels of a line that open a field (or close a sentence), left to right.

    >>> [(x.role, x.backward) for x in find_labels("ผู้กำกับดูแล: นายสมชาย ใจดี ผู้รับผิดชอบ นางวันดี มีสุข")]
    [('supervisor', False), ('responsible', False)]
    >>> find_labels("มีการกำหนดผู้รับผิดชอบ ผู้ประสานงาน/เจ้าของงาน เบอร์โทรติดต่อ")
    []
    """
    out: list[Label] = []
    for start, label_end, role, fuzzy in _candidates(text):
        colon = _COLON.match(text, label_end)
        end = colon.end() if colon else label_end
        after = text[end:]
        has_colon = bool(colon and colon.group().strip())
        before = text[:start]
        if _BACKWARD.search(before) and not has_colon and (
            not _names_follow(after) or _names_before(before)
        ):
            # (`…ที่จำเป็นผู้กำกับดูแล นาย…`: a word ending in เป็น before a forward label)
            out.append(Label(role, start, end, True))
            continue
        if after.startswith(("/", "ผู้")) or (after and after[0] in "ฯ"):
            continue  # ผู้ประสานงาน/เจ้าของงาน: words of a sentence
        # OCR specks at the margin (`: ผู้รับผิดชอบ`) do not stop a label starting its line
        at_start = not before.strip(" :;.,'|_-–•") or before.rstrip().endswith((",", ";", ")"))
        if fuzzy and not (has_colon or at_start or _TITLE_START.match(after)
                          or _name_ends(before)):
            continue  # a damaged label counts where a label stands: never inside prose
        if has_colon or fuzzy or (not after.strip() and (at_start or _name_ends(before))) or (
            (at_start or _TITLE_START.match(after) or _name_ends(before))
            and _names_follow(after)
        ):
            out.append(Label(role, start, end, False))
    return out


# A label OCR damaged beyond the pattern (`ฝ์รับพิดช้อบ`, `ผู้ถ่ากับดูแล`, `พผกากับดูแล`) is
# found by edit distance on folded letters: at most this many edits, and this similarity.
FUZZY_EDITS = 2
FUZZY_SIMILARITY = 0.75
_PHU = frozenset("ผฝพฟ")  # ผู้ as OCR reads it, the one word a label may have a space after
_FOLDED_LABELS = [(fold(label), role) for label, role in ROLE_LABELS]
_WORD_START = re.compile(
    r"(?:^|(?<=[\s:;,(\[\"“'0-9๐-๙])|(?<=เป็น))[" + LETTERS_AND_MARKS_RANGE + "]")


def _candidates(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, role, fuzzy) of the label-like spans of a line: the pattern's, then the
    fuzzy ones at word starts the pattern did not cover."""
    found = []
    for m in _LABEL.finditer(text):
        index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        longer = _fuzzy_label_at(text, m.start())
        if longer is not None and longer[0] > m.end() and len(fold(text[m.start():m.end()])) < 8:
            # `ผู้กำกับตดูแล`: the short label ผู้กำกับ matched inside a longer damaged one
            found.append((m.start(), longer[0], longer[1], True))
            continue
        found.append((m.start(), m.end(), ROLE_LABELS[index][1], False))
    taken = [(a, b) for a, b, _, _ in found]
    for w in _WORD_START.finditer(text):
        start = w.start()
        if any(a <= start < b for a, b in taken):
            continue
        best = _fuzzy_label_at(text, start)
        if best is not None:
            found.append((start, best[0], best[1], True))
            taken.append((start, best[0]))
    return sorted(found)


def _fuzzy_label_at(text: str, start: int) -> tuple[int, str] | None:
    """(end, role) of the label that `text[start:]` opens with, read by edit distance."""
    head = text[start : start + 24]
    if not head[:1] or len(fold(head)) < 6:
        return None
    best: tuple[float, int, int, str] | None = None  # (similarity, -edits, end, role)
    for end in range(6, len(head) + 1):
        if end < len(head) and head[end] in MARK_SET:
            continue  # a span never ends between a letter and its mark
        if " " in head[:end].strip() and fold(head[:end].split(" ")[0]) not in _PHU:
            break  # a label holds no space, save after ผู้ (`ผู้ รับผิดชอบ`)
        key = fold(head[:end])
        for label, role in _FOLDED_LABELS:
            if len(label) < 7 or abs(len(key) - len(label)) > FUZZY_EDITS:
                continue
            edits = Levenshtein.distance(key, label)
            similarity = 1 - edits / max(len(key), len(label))
            if edits <= FUZZY_EDITS and similarity >= FUZZY_SIMILARITY:
                cand = (similarity, -edits, start + end, role)
                if best is None or cand[:2] > best[:2]:
                    best = cand
    if best is None or _is_word(text[start : best[2]]):
        return None
    return best[2], best[3]


def _is_word(span: str) -> bool:
    """A dictionary word that merely looks like a label (ผู้รับบริการ is no ผู้รับผิดชอบ)."""
    from extract.thai_dictionary import general_words

    return span.replace(" ", "") in general_words()


def label_at_word(text: str, start: int, end: int) -> int | None:
    """Where the first role label starting a word of `text[start:end]` begins, if one does."""
    for a, _, _, _ in _candidates(text):
        if start < a < end and text[a - 1] in " \t":
            return a
    return None


def _name_ends(before: str) -> bool:
    """`… ผู้กำกับดูแล นายบรรเลง แปกลาง ผู้รับผิดชอบ`: a name just before the label."""
    from extract.officers import find_names

    names = find_names(before)
    if not names:
        return False
    last = names[-1]
    return not before[max(last.end, last.position_end) :].strip(" ,")


def _names_before(before: str) -> bool:
    from extract.officers import find_names

    return bool(find_names(before))


def _names_follow(after: str) -> bool:
    from extract.officers import find_names, find_untitled_names

    names = find_names(after[:80])
    if names and names[0].start <= 2:
        return True
    untitled = find_untitled_names(after[:60])
    return bool(untitled) and untitled[0].start <= 2


# fuzz.partial_ratio of a damaged section name: one letter in ten (งานบริการ is no ด้านบริการ)
SECTION_NAME_SCORE = 90.0
_GROUP_NAMES = (
    ("ด้านกายภาพ", Group.PHYSICAL),
    ("ด้านผลลัพธ์", Group.RESULTS),
    ("ด้านคุณภาพ", Group.QUALITY),
    ("เกณฑ์คุณภาพ", Group.QUALITY),
)


def section_named(text: str) -> tuple[Group, int | None] | None:
    """The block or quality section a sentence names (`…ผู้กำกับดูแลด้านบริการ…`), if one."""
    key = fold(text)
    for name, number in QUALITY_SECTIONS.items():
        if fold(name) in key:
            return (Group.SPECIAL if number == 5 else Group.QUALITY, number)
    for name, group in _GROUP_NAMES:
        if fold(name) in key:
            return (group, None)
    # A scan's damaged letters (`ด้านเทคโนโลขี`): the nearest name, when it is near
    named: list[tuple[Group, int | None, str]] = [
        ((Group.SPECIAL if n == 5 else Group.QUALITY), n, fold(name))
             for name, n in QUALITY_SECTIONS.items()]
    named += [(group, None, fold(name)) for name, group in _GROUP_NAMES]
    score, index = max(
        (fuzz.partial_ratio(folded, key), -k) for k, (_, _, folded) in enumerate(named)
        if len(folded) >= 6
    )
    nearest, section, _ = named[-index]
    return (nearest, section) if score >= SECTION_NAME_SCORE else None


def strip_labels(text: str, labels: list[Label]) -> str:
    """The line with its labels blanked (same length: name spans still point right)."""
    for label in reversed(labels):
        text = text[: label.start] + " " * (label.end - label.start) + text[label.end :]
    return text
