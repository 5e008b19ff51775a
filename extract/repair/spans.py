"""Dictionary-guided repair of spans of Thai runs: which stretches get a second look, the passes.

A span is a stretch of Thai runs separated by single spaces, commas or weak gaps
(:data:`extract.repair.spacing.SPAN`). It is first read as written (:func:`segment`); the
stretches of that reading that look damaged (:func:`_is_suspect`) are decoded again with the
alternatives of the pass's modes, and a stretch changes only when its new reading beats the
written one by ACCEPT_MARGIN. The passes of :data:`REPAIR_PASSES` run in order.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from extract.repair.costs import (
    ACCEPT_MARGIN,
    ALWAYS_SUSPECT,
    CONFUSABLE,
    DIRTY_REACH,
    MODE_CONFUSIONS,
    MODE_JOIN,
    MODE_MARKS,
    SUSPECT_COST,
    SUSPECT_COST_SO_CHO,
    SUSPECT_GROUPS,
)
from extract.repair.decoder import Decoding, Token, decode, segment
from extract.repair.glyphs import WEAK_GAP
from extract.repair.options import Option, as_written, group_options
from extract.repair.spacing import SPAN, removed_gaps, split_span
from extract.repair.spelling import LetterGroup
from extract.thaichars import SARA_AA, SARA_UU

_SPACE_LINKS = frozenset({" ", WEAK_GAP})


@dataclass(frozen=True, slots=True)
class Window:
    """A stretch worth a second look: tokens ``first`` to ``last`` (exclusive) of a reading,
    and the letter groups that get alternatives (``dirty``)."""

    first: int
    last: int
    dirty: frozenset[int]


@dataclass(frozen=True, slots=True)
class Reread:
    """A span's reading after the second looks: the pieces, the tokens, the gaps read as marks."""

    pieces: tuple[str, ...]
    tokens: tuple[Token, ...]
    absorbed: frozenset[int]


def _is_suspect(token: Token, modes: frozenset[str]) -> bool:
    """An unknown token, or a rare short word that may be a misreading: with marks on, any
    (``เต|มิ`` for เติม) and any holding SARA UU (a bold face's MAI THO: ``หัว|หู|นา``); with
    confusions on, one holding a letter OCR confuses."""
    if not token.is_word:
        return True
    short_and_rare = token.end - token.start <= SUSPECT_GROUPS and token.cost >= SUSPECT_COST
    if MODE_MARKS in modes and token.end - token.start <= 2 and (
        short_and_rare or SARA_UU in token.text
    ):
        return True
    if MODE_CONFUSIONS not in modes:
        return False
    if token.cost >= SUSPECT_COST_SO_CHO and any(ch in ALWAYS_SUSPECT for ch in token.text):
        return True
    return short_and_rare and any(ch in CONFUSABLE for ch in token.text)


def _marked(
    groups: Sequence[LetterGroup],
    links: Sequence[str | None],
    tokens: Sequence[Token],
    modes: frozenset[str],
) -> list[bool]:
    """Per token, whether it is suspect: by itself (:func:`_is_suspect`), or because it holds a
    SARA AA right after a space (a SARA AM that lost its NIKHAHIT) or, with confusions on, a
    letter after a comma (a misread MAI EK)."""
    n = len(groups)
    marked = [_is_suspect(token, modes) for token in tokens]
    split_am: set[int] = set()
    if MODE_JOIN in modes:
        split_am = {
            g for g in range(1, n) if groups[g][0] == SARA_AA and links[g - 1] in _SPACE_LINKS
        }
    if MODE_CONFUSIONS in modes:
        split_am.update(g for g in range(1, n) if links[g - 1] == ",")
    if split_am:
        for t, token in enumerate(tokens):
            if not marked[t] and not split_am.isdisjoint(range(token.start, token.end)):
                marked[t] = True
    return marked


def _windows(
    groups: Sequence[LetterGroup],
    links: Sequence[str | None],
    reading: Decoding,
    modes: frozenset[str],
) -> list[Window]:
    """Stretches worth a second look.

    A stretch is a suspect token with one token either side, so a word that the repair makes
    may reach into its neighbours; overlapping stretches merge. Options go to the groups of
    suspect tokens and DIRTY_REACH groups around them (where their displaced marks may sit).
    """
    n = len(groups)
    tokens = reading.tokens
    dirty: set[int] = set()
    for token, suspect in zip(tokens, _marked(groups, links, tokens, modes), strict=True):
        if suspect:
            dirty.update(range(max(0, token.start - DIRTY_REACH), min(n, token.end + DIRTY_REACH)))
    if not dirty:
        return []
    spans: list[tuple[int, int]] = []
    lo, hi = min(dirty), max(dirty)
    for t, token in enumerate(tokens):
        if token.end <= lo or token.start > hi or dirty.isdisjoint(range(token.start, token.end)):
            continue
        # one more token either side: the repaired word may reach into it
        first, last = max(0, t - 1), min(len(tokens), t + 2)
        if spans and first <= spans[-1][1]:
            first = spans.pop()[0]
        spans.append((first, last))
    return [
        Window(first, last,
               frozenset(g for g in dirty if tokens[first].start <= g < tokens[last - 1].end))
        for first, last in spans
    ]


@functools.lru_cache(maxsize=1 << 14)
def _decode_window(
    groups: tuple[LetterGroup, ...],
    links: tuple[str | None, ...],
    dirty: frozenset[int],
    modes: frozenset[str],
) -> Decoding | None:
    """Decode a stretch with alternatives for its dirty groups; None if there are none.

    Cached: the same damaged stretch (a misread name, OCR junk) comes back on every page and
    in every round of `extract.thai_repair.repair_line`.
    """
    options: list[tuple[Option, ...]] = [
        group_options(groups, links, g, modes) if g in dirty else (as_written(groups[g]),)
        for g in range(len(groups))
    ]
    # marks can't move across the stretch's edges
    if len(options[0]) > 1:
        options[0] = tuple(o for o in options[0] if not o.back)
    if all(len(o) == 1 for o in options):
        return None
    return decode(groups, (*links, None), options)


def _strands_a_letter(decoding: Decoding, groups: Sequence[LetterGroup]) -> bool:
    """Whether a word made by moving marks sits next to a bare letter left unreadable
    (``ออน|ไ|ล่น`` for ออนไลน่): the move split a syllable, and the damage is of another kind
    (here ่ misread for ์), better left to the confusion pass."""
    tokens = decoding.tokens
    for i, token in enumerate(tokens):
        if token.is_word or token.end - token.start != 1 or groups[token.start][1]:
            continue
        for neighbour in tokens[max(0, i - 1) : i + 2 : 2] if i else tokens[1:2]:
            if any(
                decoding.pieces[g] != groups[g][0] + groups[g][1]
                for g in range(neighbour.start, neighbour.end)
            ):
                return True
    return False


def _read(
    groups: Sequence[LetterGroup],
    links: Sequence[str | None],
    modes: frozenset[str],
    reading: Decoding,
) -> Reread:
    """Re-decode each suspect stretch of ``reading`` (the span as written) with the modes'
    options; keep the new reading where it beats the written one by ACCEPT_MARGIN."""
    pieces = list(reading.pieces)
    tokens: list[Token] = []
    absorbed: set[int] = set()
    done = 0
    for window in _windows(groups, links, reading, modes):
        first, last = window.first, window.last
        a, b = reading.tokens[first].start, reading.tokens[last - 1].end
        changed = _decode_window(
            tuple(groups[a:b]),
            tuple(links[a : b - 1]),
            frozenset(g - a for g in window.dirty),
            modes,
        )
        if changed is None:
            continue
        written = sum(t.cost for t in reading.tokens[first:last])
        if changed.cost < written - ACCEPT_MARGIN and not (
            MODE_MARKS in modes and _strands_a_letter(changed, groups[a:b])
        ):
            tokens += reading.tokens[done:first]
            tokens += [
                Token(t.start + a, t.end + a, t.text, t.is_word, t.cost) for t in changed.tokens
            ]
            pieces[a:b] = changed.pieces
            absorbed.update(g + a for g in changed.absorbed)
            done = last
    tokens += reading.tokens[done:]
    return Reread(tuple(pieces), tuple(tokens), frozenset(absorbed))


@functools.lru_cache(maxsize=1 << 16)
def _repair_span(span: str, passes: tuple[frozenset[str], ...]) -> str:
    """Repair one span of Thai runs separated by single spaces or commas (cached: headers,
    names and phrases come back on every page)."""
    reading: Decoding | None = None
    split_text, (groups, gaps) = span, split_span(span)
    for index, modes in enumerate(passes):
        if span != split_text:
            split_text, (groups, gaps) = span, split_span(span)
        join = MODE_JOIN in modes
        # Without joining, every gap is a hard boundary and each run is read on its own.
        links: list[str | None] = list(gaps) if join else [None if g else g for g in gaps]
        if reading is None or not join:
            reading = segment(groups, links)
        reread = _read(groups, links, modes, reading)
        repaired = _join(reread.pieces, gaps,
                         removed_gaps(reread.pieces, reread.tokens, gaps, join,
                                      set(reread.absorbed)))
        if repaired != span or not join:
            reading = None  # the next pass must read the new text afresh
            # ... unless the new reading leaves nothing for the later passes to look at
            later = set().union(*passes[index + 1 :])
            if later and not any(_is_suspect(t, frozenset(later)) for t in reread.tokens):
                return repaired
        span = repaired
    return span


def _join(pieces: Sequence[str], gaps: Sequence[str], removed: set[int]) -> str:
    """The pieces with the gaps that stay (a weak gap stays weak for the next pass).

    >>> _join(["ก", "า", "ร"], [" ", " "], {0})
    'กา ร'
    """
    out: list[str] = []
    for g, piece in enumerate(pieces):
        out.append(piece)
        if g < len(gaps) and gaps[g] and g not in removed:
            out.append(gaps[g])
    return "".join(out)


def apply_spans(text: str, passes: tuple[frozenset[str], ...]) -> str:
    """Every span of ``text`` repaired by ``passes``; weak gaps left become spaces."""
    return SPAN.sub(lambda m: _repair_span(m.group(), passes), text).replace(WEAK_GAP, " ")


#: The decoder passes of :func:`repair_words`. Glyph-order damage (PDF) and misread letters
#: (OCR) rarely meet in one word, so each pass offers only its own alternatives, which keeps
#: the search small; both passes join split words.
REPAIR_PASSES: tuple[frozenset[str], ...] = (
    frozenset({MODE_JOIN, MODE_MARKS}),
    frozenset({MODE_JOIN, MODE_CONFUSIONS}),
)


def repair_words(text: str) -> str:
    """Dictionary-guided repair of Thai words: the decoder passes of :data:`REPAIR_PASSES`.

    >>> repair_words("หลกัเกณฑม์าตรฐาน ด าเนินการ") == "หลักเกณฑ์มาตรฐาน ดำเนินการ"
    True
    >>> repair_words("ผู้รับ ผิด ข อ บ") == "ผู้รับผิดชอบ"
    True
    """
    return apply_spans(text, REPAIR_PASSES)


def join_split_words(text: str) -> str:
    """Remove spaces inside words and restore a SARA AM lost to a space.

    >>> join_split_words("ม อ บ ห ม าย") == "มอบหมาย"
    True
    >>> join_split_words("นางนิภาพร เผ่ากันทะ") == "นางนิภาพร เผ่ากันทะ"
    True
    """
    return apply_spans(text, (frozenset({MODE_JOIN}),))


def fix_displaced_marks(text: str) -> str:
    """Move vowel and tone marks that a PDF text layer put after the next consonant back.

    >>> fix_displaced_marks("ศนูยร์าชการ มกีาร") == "ศูนย์ราชการ มีการ"
    True
    """
    return apply_spans(text, (frozenset({MODE_MARKS}),))


def fix_confusions(text: str) -> str:
    """Undo OCR misreadings where the dictionary prefers the other reading: ซ for ช, บ for น,
    ข for ช, ฃ for ข, one tone mark for another, a comma for MAI EK, and a PDF font's SARA AM
    for SARA AA (see `extract.repair.costs.CONFUSABLE` and `MARK_CONFUSABLE`).

    >>> fix_confusions("ประซาซน หน่วยงาบ") == "ประชาชน หน่วยงาน"
    True
    """
    return apply_spans(text, (frozenset({MODE_CONFUSIONS}),))
