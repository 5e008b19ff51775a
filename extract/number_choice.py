"""The sequence chooses among the readings of a re-read item number (issue 13).

A scanned page's number word carries three readings: the Thai model's (`Word.original`), the
number model's (`Word.reading`) and the number model's alternatives per character
(`Word.choices`); the page text holds the one the re-read's decision kept. Where that kept
reading is not the number the sequence gives the item (its criterion, from the neighbours'
numbering: the item before and after, the section above) but another of the readings spells
it exactly, the printed number is most likely the one due and the kept reading a misreading:
the item's number as written becomes that reading, flagged `READ_AS_DUE` (an OCR note, not a
clerk's slip). A clerk's real slip is read alike by the readings (`๗` where ๘ is due, no
reading holds ๘) and stays one.

Only readings of the same word are chosen from: nothing is invented, and a number no model
read as the due one is left as read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from extract.digits import THAI_DIGITS, arabic_to_thai
from extract.findings import Flag, FlagKind
from extract.models import Item
from extract.number_trust import number_of, spelled, value, words_reading
from extract.sequence import criterion_id
from ocr.layout import Word

# Flags that described the kept reading against its id: they no longer hold once the item is
# read as its id.
_SEQUENCE_FLAGS = frozenset({
    FlagKind.DUPLICATE, FlagKind.OUT_OF_ORDER, FlagKind.CORRECTED_BY_LATER,
    FlagKind.CORRECTED_BY_TEXT, FlagKind.CORRECTED_BY_NEIGHBOURS,
})


def readings_of(word: Word) -> set[str]:
    """The numbers (`value`s) a re-read word was read as, by either model or the number
    model's alternatives.

    >>> w = Word("๒๐.๓", (0, 0, 9, 9), 90.0, original="๒๐.๓", reading="๒๐.๒", choices="")
    >>> sorted(readings_of(w))
    ['20.2', '20.3']
    >>> sorted(readings_of(Word("๕.๒", (0, 0, 9, 9), 90.0, original="๕.๒", reading="๕.๒",
    ...                         choices="๕๔|.|๒")))
    ['4.2', '5.2']
    """
    found = {value(word.text), value(word.original), value(word.reading)}
    if word.choices:
        found |= spelled(word.choices)
    return {f for f in found if f}


def due_number(criterion: str) -> str:
    """The number an id stands for (`Q4.2` -> `4.2`, `P8` -> `8`), "" for none."""
    return ".".join(str(int(p)) for p in re.findall(r"\d+", criterion))


def settle_numbers(items: Sequence[Item], readings: Mapping[int, Sequence[Word]]) -> list[Item]:
    """The items, each whose kept reading differs from its id while another reading of its
    word spells the id exactly, read as its id (`READ_AS_DUE`).

    `readings`: per page, the words the number model re-read (`validate.number_readings`).
    The `k`-th item reading a number on a page is the `k`-th word reading it there.
    """
    out: list[Item] = []
    seen: Counter[tuple[int, str]] = Counter()
    for item in items:
        read = value(item.number_as_written)
        key = (item.page, read)
        occurrence, seen[key] = seen[key], seen[key] + 1
        due = due_number(item.criterion)
        words = words_reading(read, readings.get(item.page, ()))
        if not read or not due or read == due or not words:
            out.append(item)
            continue
        word = words[occurrence] if occurrence < len(words) else words[0]
        if due not in readings_of(word) and not lost_dots(word, due):
            out.append(item)
            continue
        as_due = _written_as(item.number_as_written, due)
        flags = tuple(f for f in item.flags if f.kind not in _SEQUENCE_FLAGS)
        flag = Flag(FlagKind.READ_AS_DUE, item.number_as_written.strip(), item.criterion)
        out.append(replace(item, number_as_written=as_due,
                           written=tuple(int(p) for p in due.split(".")), flags=(*flags, flag)))
    return out


def top_readings(word: Word) -> tuple[str, ...]:
    """A re-read word's own readings (the page's, the Thai model's, the number model's), not
    the number model's alternatives."""
    return tuple(r for r in (word.text, word.original, word.reading) if r)


def lost_dots(word: Word, due: str) -> bool:
    """Whether a reading of the word is the number due with its dots lost: `๒๑๓` for ๒.๑๓,
    `21` for 2.1. A 200-dpi copy or a fax loses the point between the digits, which both
    models then read alike; the digits are the printed ones, so the number is the one due.
    Only readings without any dot: `11.1` is no `1.11` that lost its dot.

    >>> w = Word("๒๑๓", (0, 0, 9, 9), 90.0, original="๒๑๓", reading="๒๑๓")
    >>> lost_dots(w, "2.13"), lost_dots(w, "2.14"), lost_dots(w, "21.3")
    (True, False, True)
    >>> lost_dots(Word("11.1", (0, 0, 9, 9), 90.0, original="11.1", reading="11.1"), "1.11")
    False
    """
    if "." not in due:
        return False
    bare = due.replace(".", "")
    return any(v == bare for v in map(value, top_readings(word)) if v and "." not in v)


def recover_numbers(items: Sequence[Item], readings: Mapping[int, Sequence[Word]]
                    ) -> list[Item]:
    """The items whose number the grammar could not read (none as written), while the word
    that opens the item's text was re-read and one of its own readings is the number due,
    read as that number (`READ_AS_DUE`), the word taken off the text.

    A table's number cell read as letters by the Thai model (`ไป` for 10) and as `10` by the
    number model, a `ล.2` for 4.2 read `4.2` by the number model, a `212` for 2.12 (the dots
    lost, `lost_dots`): the row is the item of its id (the sequence and the catalog say so),
    and its own word spells that id. Only the word's own readings count, not the number
    model's alternatives, so a clerk's slip whose number was lost is not made right.
    """
    out: list[Item] = []
    for item in items:
        due = due_number(item.criterion)
        token, _, rest = item.text.partition(" ")
        if not due or number_of(item.number_as_written) or not token:
            out.append(item)
            continue
        words = [w for w in readings.get(item.page, ()) if w.text == token]
        source = next((r for w in words for r in top_readings(w) if value(r) == due), None)
        if source is None and any(lost_dots(w, due) for w in words):
            source = token
        if source is None:
            out.append(item)
            continue
        thai = re.search(f"[{THAI_DIGITS}]", source) is not None
        flag = Flag(FlagKind.READ_AS_DUE, token, item.criterion)
        out.append(replace(item, number_as_written=arabic_to_thai(due) if thai else due,
                           written=_parts(due), text=rest.strip(), flags=(*item.flags, flag)))
    return out


_NUMBER = re.compile(r"[๐-๙0-9]+(?:\s?[.,]\s?[๐-๙0-9]+)*")


def _written_as(written: str, due: str) -> str:
    """`written` with its number replaced by `due`, in the script it was written in.

    >>> _written_as("ข้อ ๔.๕", "4.4"), _written_as("(5.2)", "3.2"), _written_as("๑๖.๑", "13.1")
    ('ข้อ ๔.๔', '(3.2)', '๑๓.๑')
    """
    number = due if not re.search(f"[{THAI_DIGITS}]", written) else arabic_to_thai(due)
    m = _NUMBER.search(written)
    if m is None:
        return number
    return written[: m.start()] + number + written[m.end():]


def _follows(before: tuple[int, ...], after: tuple[int, ...]) -> bool:
    """Whether `after` is the number printed next after `before` (`๗.๒` after ๗.๑, `๓.๑` after
    ๒.๒๔, `๘` after ๗)."""
    if not before or len(before) != len(after):
        return False
    return after == (*before[:-1], before[-1] + 1) or (
        len(after) == 2 and after == (before[0] + 1, 1))


def _parts(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split(".") if p.isdigit())


def choose_by_neighbours(items: Sequence[Item], readings: Mapping[int, Sequence[Word]]
                         ) -> list[Item]:
    """The items, each whose kept reading does not run on from the number before it or into
    the number after it (same group), while exactly one other reading of its word does both,
    read as that one (`READ_AS_DUE`), before the sequence gives the ids.

    `๙.๒` between ๗.๑ and ๘.๑ whose number model held ๗ among its alternatives for the first
    digit is ๗.๒: the neighbours' numbering chooses among the readings, none is invented.
    """
    out = list(items)
    seen: Counter[tuple[int, str]] = Counter()
    numbered = [i for i, it in enumerate(out) if it.written]
    for i in numbered:
        item = out[i]
        read = value(item.number_as_written)
        key = (item.page, read)
        occurrence, seen[key] = seen[key], seen[key] + 1
        written = tuple(item.written or ())
        same = [tuple(out[j].written or ()) for j in numbered if out[j].group is item.group]
        k = [j for j in numbered if out[j].group is item.group].index(i)
        before = same[k - 1] if k >= 1 else ()
        after = same[k + 1] if k + 1 < len(same) else ()
        if not before or not after or (_follows(before, written) and _follows(written, after)):
            continue
        # The neighbours must be read right themselves: each runs on from its own neighbour
        # (`๕.๑` misread for ๔.๑ before ๔.๒ says nothing about ๔.๒).
        if (k >= 2 and not _follows(same[k - 2], before)) or (
                k + 2 < len(same) and not _follows(after, same[k + 2])):
            continue
        words = words_reading(read, readings.get(item.page, ()))
        if not words:
            continue
        word = words[occurrence] if occurrence < len(words) else words[0]
        fits = {c for c in readings_of(word) - {read}
                if c == due_number(c)  # as a number is printed: no leading zero, no junk
                and _follows(before, _parts(c)) and _follows(_parts(c), after)}
        if len(fits) != 1:
            continue
        (number,) = fits
        flag = Flag(FlagKind.READ_AS_DUE, item.number_as_written.strip(),
                    criterion_id(item.group, _parts(number)))
        out[i] = replace(item, number_as_written=_written_as(item.number_as_written, number),
                         written=_parts(number), flags=(*item.flags, flag))
    return out
