"""The dictionary-guided search for the best reading of a span of Thai letter groups.

:func:`decode` is a Viterbi search over dictionary words with, per letter group, the readings
`extract.repair.options` allows; :func:`segment` is the same search over the text as written
(the fast path: most text is not damaged, and it tells where the slow search is needed).
Word costs come from :func:`extract.thai_dictionary.prefix_table` (-ln P(word); a prefix of a
word maps to -1).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from extract.repair.costs import (
    COMMON_COST,
    CROSS_GAP_COST,
    INVALID_COST,
    SWAP_MAX_COST,
    UNKNOWN_COST,
    WEAK_GAP_COST,
)
from extract.repair.glyphs import WEAK_GAP
from extract.repair.options import END, Option
from extract.repair.spelling import LetterGroup, mark_key, valid
from extract.thai_dictionary import general_words, prefix_table
from extract.thaichars import FOLLOW_SET, LEAD_SET, SARA_AM


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the dictionary, or an unknown letter group, in a reading."""

    start: int  # first letter group
    end: int  # one past the last letter group
    text: str
    is_word: bool
    cost: float


@dataclass(frozen=True, slots=True)
class Decoding:
    """The best reading of a span: its cost, its tokens and the text of every letter group."""

    cost: float
    tokens: tuple[Token, ...]
    pieces: tuple[str, ...]  # the text of every letter group as read
    absorbed: frozenset[int] = frozenset()  # gaps read as a mark (see Option.absorbs_gap)


@dataclass(frozen=True, slots=True)
class _Step:
    """Group k read as one option, next to option ``o2`` of group k+1 (which may hand marks
    back): the text of group k, and what reading it so costs and means."""

    o2: int
    piece: str
    cost: float  # the cost of option o2
    absorbs_gap: bool  # option o2 reads the gap before it as a mark
    swap: int  # option o2's look-alike kind (Option.substituted)
    moved: bool  # the piece got or lost marks


@dataclass(frozen=True, slots=True)
class _Piece:
    """The pieces read so far, last first: a linked list, so that a step copies nothing."""

    piece: str
    absorbs_gap: bool
    rest: _Piece | None


@dataclass(frozen=True, slots=True)
class _Best:
    """The cheapest way found to a state (group j read as option o)."""

    cost: float
    prev: tuple[int, int] | None  # the state the last token started from
    pieces: _Piece | None  # the pieces of the last token
    token: Token | None  # the last token (its ``end`` is the state's group)


@dataclass(frozen=True, slots=True)
class _Walk:
    """A partial word of the depth-first walk from one state: up to group k as option ``o``."""

    k: int
    o: int
    text: str
    acc: float  # the cost of the options chosen
    pieces: _Piece | None
    gap_cost: float  # of the gaps spanned
    spans_plain: bool  # a plain space is among them
    swapped: int  # the strongest swap made (see Option.substituted)
    moved: bool  # marks moved


def decode(
    groups: Sequence[LetterGroup],
    links: Sequence[str | None],
    options: Sequence[Sequence[Option]],
) -> Decoding:
    """Best reading of the letter groups: a Viterbi search over words of the dictionary.

    State (j, o): groups before j are read, group j reads as option o (whose handed-back marks
    already went to group j-1). From each state a depth-first walk follows the dictionary's
    prefix table, choosing the next group's option as it goes; a dictionary word ending at
    group k moves to state (k+1, o'). A group left as written may always be read as an
    unknown token, so every input has a reading; a changed group must be part of a word.
    A word may span a link of ' ' or ',' (paying CROSS_GAP_COST once) or a WEAK_GAP (earning
    WEAK_GAP_COST), but no hard boundary (None).
    """
    n = len(groups)
    table_get = prefix_table().get
    general = general_words()
    opts = [*options, (END,)]  # the end of the span takes nothing back
    word_rows, unknown_rows = _steps(groups, opts)
    best: list[dict[int, _Best]] = [{} for _ in range(n + 1)]
    for o, opt in enumerate(opts[0]):
        if not opt.back:
            best[0][o] = _Best(opt.cost, None, None, None)
    for j in range(n):
        unknown = UNKNOWN_COST + (0.0 if valid(*groups[j]) and groups[j][0] else INVALID_COST)
        for o, entry in list(best[j].items()):
            for step in unknown_rows[j][o]:
                total = entry.cost + unknown + step.cost
                old = best[j + 1].get(step.o2)
                if old is None or total < old.cost:
                    token = Token(j, j + 1, step.piece, False, unknown)
                    best[j + 1][step.o2] = _Best(total, (j, o), _Piece(step.piece, False, None),
                                                 token)
            _walk_words(j, o, entry.cost, opts[j][o].substituted, word_rows, links, best,
                        table_get, general)
    return _backtrack(best, n)


def _steps(
    groups: Sequence[LetterGroup], opts: Sequence[Sequence[Option]]
) -> tuple[list[list[list[_Step]]], list[list[list[_Step]]]]:
    """What each option o of group k reads as next to each option o2 of group k+1, split into
    the readings Thai spelling allows (for words) and the reading as written (the only one an
    unknown token may have): ``word_rows[k][o]``, ``unknown_rows[k][o]``."""
    word_rows: list[list[list[_Step]]] = []
    unknown_rows: list[list[list[_Step]]] = []
    for k, group in enumerate(groups):
        original = group[0] + group[1]
        k_words, k_unknown = [], []
        for opt in opts[k]:
            # marks moved away (fewer stay); SARA AM given back for a lost NIKHAHIT is no
            # move: SARA AA never starts a word, so the only other reading of `ค าปวน` glues
            # SARA AA on, and a name (คำปวน, ลำใย) may be what the restored word spells
            own_moved = (bool(opt.back) and not _lost_nikhahit(opt)) or len(opt.stay) < len(
                group[1])
            row_words, row_unknown = [], []
            for o2, nxt in enumerate(opts[k + 1]):
                marks = opt.stay + nxt.back
                if len(marks) > 1:
                    marks = "".join(sorted(marks, key=mark_key))
                piece = opt.base + marks
                step = _Step(o2, piece, nxt.cost, nxt.absorbs_gap, nxt.substituted,
                             own_moved or (bool(nxt.back) and not _lost_nikhahit(nxt)))
                if valid(opt.base, marks):
                    row_words.append(step)
                if piece == original:  # a change must make a word, or it is no repair
                    row_unknown.append(step)
            k_words.append(row_words)
            k_unknown.append(row_unknown)
        word_rows.append(k_words)
        unknown_rows.append(k_unknown)
    return word_rows, unknown_rows


def _lost_nikhahit(opt: Option) -> bool:
    """The option reads a SARA AA after a space as the SARA AM whose NIKHAHIT the space was."""
    return opt.absorbs_gap and opt.back == SARA_AM and not opt.base


def _walk_words(
    j: int,
    o: int,
    cost: float,
    swapped: int,
    word_rows: list[list[list[_Step]]],
    links: Sequence[str | None],
    best: list[dict[int, _Best]],
    table_get: Callable[[str], float | None],
    general: Collection[str],
) -> None:
    """Every dictionary word that starts at state (j, o), entered into ``best`` where cheaper.

    A changed word must be long or common (a short rare word such as คู is no evidence), and a
    word made by moving marks, by a strict swap or across a plain space must be a general
    word, not only a name: names are too varied to guide a repair.
    """
    n = len(word_rows)
    stack = [_Walk(j, o, "", 0.0, None, 0.0, False, swapped, False)]
    while stack:
        walk = stack.pop()
        k1 = walk.k + 1
        link = links[walk.k] if k1 < n else None
        for step in word_rows[walk.k][walk.o]:
            text = walk.text + step.piece
            w = table_get(text)
            if w is None:
                continue
            acc = walk.acc + step.cost
            pieces = _Piece(step.piece, step.absorbs_gap, walk.pieces)
            moved = walk.moved or step.moved
            if (
                w >= 0
                and (not moved or len(text) > 3 or w <= COMMON_COST)
                and (not walk.swapped or w <= SWAP_MAX_COST.get(len(text), math.inf))
                and (walk.swapped < 3 or len(text) > 4)
                and (not (moved or walk.spans_plain or walk.swapped > 1) or text in general)
            ):
                word_cost = w + walk.gap_cost
                total = cost + acc + word_cost
                old = best[k1].get(step.o2)
                if old is None or total < old.cost:
                    best[k1][step.o2] = _Best(total, (j, o), pieces,
                                              Token(j, k1, text, True, word_cost))
            if link is None:
                continue
            gap_cost, spans_plain = _spanned(link, step.absorbs_gap, walk.gap_cost,
                                             walk.spans_plain)
            stack.append(_Walk(k1, step.o2, text, acc, pieces, gap_cost, spans_plain,
                               max(walk.swapped, step.swap), moved))


def _spanned(link: str, absorbs_gap: bool, gap_cost: float, spans_plain: bool
             ) -> tuple[float, bool]:
    """The gap cost of a word that goes on across ``link``, and whether it spans a space.

    >>> _spanned(" ", False, 0.0, False), _spanned(" ", False, 4.0, True)
    ((4.0, True), (4.0, True))
    """
    if link == WEAK_GAP:  # spanned or read as a mark: a split either way
        return gap_cost + WEAK_GAP_COST, spans_plain
    if not link or absorbs_gap or spans_plain:
        return gap_cost, spans_plain
    return gap_cost + CROSS_GAP_COST, True


def _backtrack(best: list[dict[int, _Best]], n: int) -> Decoding:
    """The tokens and pieces of the cheapest reading, from the end state back."""
    tokens: list[Token] = []
    pieces_rev: list[str] = []  # every piece, last first
    absorbed: set[int] = set()
    end, o = n, 0
    total_cost = best[n][0].cost
    while True:
        entry = best[end][o]
        if entry.prev is None or entry.token is None:
            break
        tokens.append(entry.token)
        g = end - 1
        pieces = entry.pieces
        while pieces is not None:
            pieces_rev.append(pieces.piece)
            if pieces.absorbs_gap:
                absorbed.add(g)
            g -= 1
            pieces = pieces.rest
        end, o = entry.prev
    tokens.reverse()
    pieces_rev.reverse()
    return Decoding(total_cost, tuple(tokens), tuple(pieces_rev), frozenset(absorbed))


def segment(groups: Sequence[LetterGroup], links: Sequence[str | None]) -> Decoding:
    """Best reading of the groups as written: :func:`decode` without options, on plain strings.

    Most text is not damaged, so this fast path decides where the slow search is needed.
    """
    pieces = tuple(base + marks for base, marks in groups)
    n = len(pieces)
    # an unknown group costs more if no spelling allows it
    unknown = [
        UNKNOWN_COST + (INVALID_COST if not base or (marks and not valid(base, marks)) else 0.0)
        for base, marks in groups
    ]
    after = [*links[: n - 1], None]  # what follows each group; nothing after the last
    best_cost = [0.0] + [math.inf] * n
    best_token: list[tuple[int, bool, float]] = [(-1, False, 0.0)] * (n + 1)
    table_get = prefix_table().get
    general = general_words()
    for j in range(n):
        cost = best_cost[j]
        if cost + unknown[j] < best_cost[j + 1]:
            best_cost[j + 1], best_token[j + 1] = cost + unknown[j], (j, False, unknown[j])
        base = groups[j][0]
        # no word starts with a following vowel or right after a leading one
        if not base or base in FOLLOW_SET or (j and groups[j - 1][0] in LEAD_SET):
            continue
        # every dictionary word from group j, across the gaps it may span
        text, cross, spans_plain, k = "", 0.0, False, j
        while (w := table_get(text := text + pieces[k])) is not None:
            k += 1
            if w >= 0 and (not spans_plain or text in general) and cost + w + cross < best_cost[k]:
                best_cost[k], best_token[k] = cost + w + cross, (j, True, w + cross)
            link = after[k - 1]
            if link is None:
                break
            if link == WEAK_GAP:
                cross += WEAK_GAP_COST
            elif link and not spans_plain:
                cross, spans_plain = cross + CROSS_GAP_COST, True
    tokens: list[Token] = []
    end = n
    while end > 0:
        start, is_word, cost = best_token[end]
        tokens.append(Token(start, end, "".join(pieces[start:end]), is_word, cost))
        end = start
    tokens.reverse()
    return Decoding(best_cost[n], tuple(tokens), pieces)
