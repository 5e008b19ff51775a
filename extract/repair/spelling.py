"""Letter groups (a base letter and the marks on it) and what Thai spelling allows in one."""

from __future__ import annotations

from extract.thaichars import CONSONANT_SET, MAITAIKHU, MARK_SET, SARA_AM, TONE_MARK_SET

#: One letter group: its base letter ('' for marks at the start of a run) and its marks.
LetterGroup = tuple[str, str]


def parse_groups(run: str) -> list[LetterGroup]:
    """Split a run of Thai letters into (base, marks) groups; leading marks get base ''.

    >>> parse_groups("ที่ดี") == [("ท", "ี่"), ("ด", "ี")]
    True
    """
    groups: list[LetterGroup] = []
    for ch in run:
        if ch in MARK_SET:
            if groups:
                base, marks = groups[-1]
                groups[-1] = (base, marks + ch)
            else:
                groups.append(("", ch))
        else:
            groups.append((ch, ""))
    return groups


def mark_key(mark: str) -> int:
    """Where a mark goes in a stack: vowel marks, then tone marks, then SARA AM."""
    if mark == SARA_AM:
        return 2
    return 1 if mark in TONE_MARK_SET else 0


def valid(base: str, marks: str) -> bool:
    """Whether Thai spelling allows ``marks`` on ``base`` (SARA AM counts as a mark here).

    >>> valid("ท", "ี่"), valid("ท", "่่"), valid("า", "่")
    (True, False, False)
    """
    if not marks:
        return True
    if base not in CONSONANT_SET:
        return False
    if len(marks) == 1:
        return True
    vowels = tones = 0
    for m in marks:
        if m in TONE_MARK_SET:
            tones += 1
        elif m != SARA_AM:
            vowels += 1
    if vowels > 1 or tones > 1:
        return False
    if MAITAIKHU in marks and tones:  # MAITAIKHU never takes a tone mark
        return False
    return not (SARA_AM in marks and vowels)
