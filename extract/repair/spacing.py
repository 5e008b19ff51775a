"""OCR spacing: specks and table rules between letters, letter-spaced text, which gaps go.

OCR puts spaces inside words (``ม อ บ ห ม าย``), reads a scanned table rule as ``|`` and a
speck as a quote (``มี'ป้าย``). The character rules here clean the specks and rules; the
decoder (`extract.repair.decoder`) reads a span of runs across its gaps, and
:func:`removed_gaps` says which gaps its reading deletes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.repair.decoder import Token
from extract.repair.glyphs import WEAK_GAP
from extract.repair.spelling import LetterGroup, parse_groups
from extract.thaichars import CONSONANTS, WORD_RANGE

_RUN = f"[{WORD_RANGE}]++"  # possessive: a lookahead after it must not cut a run

_STRAY_QUOTE = re.compile(f"(?<=[{WORD_RANGE}.])['`´‘’](?=[{WORD_RANGE}])")


def remove_stray_quotes(text: str) -> str:
    """Remove apostrophe-like specks that OCR put between Thai letters.

    A quote between two Thai letters (or after the period of an abbreviation such as ``น.ส.``)
    is never punctuation in Thai; a real quotation has a space or the line edge outside it.

    >>> remove_stray_quotes("มี'ป้าย น.ส.'พัทธ์'ซัญญ'า")
    'มีป้าย น.ส.พัทธ์ซัญญา'
    >>> remove_stray_quotes("คำว่า 'ศูนย์'")
    "คำว่า 'ศูนย์'"
    """
    return _STRAY_QUOTE.sub("", text)


_THAI_CONSONANT = re.compile(f"[{CONSONANTS}]")


def table_rules_to_gaps(text: str) -> str:
    """A `|` inside an OCR'd line is a scanned table rule, not text: make it a column gap.

    Lines that start with `|` are markdown tables (OCR exports write them) and keep their
    pipes: the layout step splits them into cells.

    >>> table_rules_to_gaps("๒.๒ |มีการวิเคราะห์ |นายธนากร ปัญญาวงศ์")
    '๒.๒    มีการวิเคราะห์    นายธนากร ปัญญาวงศ์'
    >>> table_rules_to_gaps("| ๑. แนวทาง | จำนวน ๑ ชุด |")
    '| ๑. แนวทาง | จำนวน ๑ ชุด |'
    """
    if "|" not in text or text.lstrip().startswith("|") or not _THAI_CONSONANT.search(text):
        return text
    return text.replace("|", "   ")


# A run right before a period is an abbreviation (ก.พ.ร.): never glued to the word before it.
SPAN = re.compile(f"{_RUN}(?:[ ,{WEAK_GAP}]{_RUN}(?!\\.))*")
_GAP = re.compile(f"[ ,{WEAK_GAP}]")


def split_span(span: str) -> tuple[list[LetterGroup], list[str]]:
    """Letter groups of a span of runs, and the gap after each group ('' inside a run)."""
    groups: list[LetterGroup] = []
    gaps: list[str] = []
    pos = 0
    for match in _GAP.finditer(span):
        run_groups = parse_groups(span[pos : match.start()])
        groups += run_groups
        gaps += [""] * (len(run_groups) - 1) + [match.group()]
        pos = match.end()
    run_groups = parse_groups(span[pos:])
    groups += run_groups
    gaps += [""] * (len(run_groups) - 1)
    return groups, gaps


def removed_gaps(
    pieces: Sequence[str],
    tokens: Sequence[Token],
    gaps: Sequence[str],
    join: bool,
    absorbed: set[int],
) -> set[int]:
    """Gaps to delete: those a dictionary word spans, and spaces of letter-spaced text.

    A gap at a word boundary goes only when the stretch on one side of it, up to the next
    gap, is short (one or two letter groups) and that next gap went too: letter-spaced text
    (``ก า ร มี ส่ ว น``). Whole words apart from spaced-out letters keep their space
    (``นางนิภาพร เผ่ากันทะ``, ``พะเยา ที่ ๒๓``). A plain space looks only at plain spaces
    around it (a weak gap beside it says nothing about letter spacing); a gap read as a mark
    (``absorbed``) goes but is no evidence; commas stay unless a word spans them.
    """
    spanned = {g for t in tokens if t.is_word for g in range(t.start, t.end - 1) if gaps[g]}
    crossed = spanned | absorbed
    if not join or not crossed:
        return crossed
    evidence = spanned - absorbed
    removed = set(crossed)
    for kinds in ((" ",), (" ", WEAK_GAP)):
        delimiters = [g for g, gap in enumerate(gaps) if gap in kinds]
        candidates = {g for g in delimiters if gaps[g] == kinds[-1]}
        changed = True
        while changed:  # a removed gap is evidence for its neighbours in turn
            changed = False
            for i, g in enumerate(delimiters):
                if g in removed or g not in candidates:
                    continue
                sides = []
                if i:
                    sides.append((delimiters[i - 1], delimiters[i - 1] + 1, g + 1))
                if i + 1 < len(delimiters):
                    sides.append((delimiters[i + 1], g + 1, delimiters[i + 1] + 1))
                for beyond, lo, hi in sides:
                    if beyond in evidence and sum(1 for p in pieces[lo:hi] if p) <= 2:
                        removed.add(g)
                        evidence.add(g)
                        changed = True
                        break
    return removed
