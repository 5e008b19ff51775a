"""Find person names in a line of (repaired) page text and split them into title, given and
family name.

A mention is a title (นาย, นาง, นางสาว / น.ส., ว่าที่ร้อยตรี, ดร., ranks), a given name glued to
the title or one space after it, and a family name one space further. The title must start a
word (``พัฒนางาน`` holds no นาง); what may follow it is ``extract.namegrammar``'s to say. This
module scans a line: it folds away what a scan adds (specks, spaces before marks), tries the
titles longest first, and adds the names whose title a scan turned into look-alike letters or
glued a speck to.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from extract.damagedtitles import damaged_titles
from extract.namegrammar import (
    _name_shaped,
    _next_word,
    _parse_after_title,
    _starts_like_name,
)
from extract.names import (
    MARKS,
    NameLexicon,
    clean_name,
    name_lexicon,
)
from extract.positions import (
    ROLE_LABELS,
    is_role_label,
    label_length,
    position_after,
    starts_with_job,
)
from extract.titles import (
    _ANY_TITLE,
    _LOOKALIKE_TITLES,
    _THAI,
    _TITLES,
    _starts_word,
    normalise_title,
    starts_with_title,
    title_only,
    title_skeleton,
)

# Re-exported: callers read titles, labels and positions through this module.
__all__ = [
    "ROLE_LABELS",
    "NameMention",
    "find_names",
    "find_untitled_names",
    "is_role_label",
    "label_length",
    "normalise_title",
    "position_after",
    "starts_with_job",
    "starts_with_title",
    "title_only",
    "title_skeleton",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NameMention:
    """One person name as it stands in one line."""

    title: str  # normalised: นาย, นาง, นางสาว, ว่าที่ร้อยตรี, ดร., ranks in full (ร้อยตำรวจเอก)
    title_as_written: str
    given: str  # stray OCR specks removed, mark order normalised, letters untouched
    family: str  # '' when the line gives no family name that can be told apart
    as_written: str  # title to end of the family name, exactly as in the line
    start: int  # span of as_written in the line
    end: int
    position: str = ""  # an officer's position written after the name (ตำแหน่ง ...)
    position_end: int = 0  # where that position ends in the line (0: none)

    @property
    def name(self) -> str:
        """``"given family"``."""
        return f"{self.given} {self.family}".strip()


# --- the line scanner ----------------------------------------------------------------------------


def _prepare(line: str) -> tuple[str, list[int]]:
    """Drop zero-width characters and OCR spaces before marks (``ผ ู้``), keeping a map from
    each kept character to its index in ``line``; a scan's dot specks around names are
    dropped or read as the space they stand in (see ``_speck_dots``)."""
    out: list[str] = []
    index: list[int] = []
    n = len(line)
    specks = _speck_dots(line)
    for i, ch in enumerate(line):
        if ch in "\u200b\u200c\u200d\ufeff\u00ad":
            continue
        if ch == " " and i + 1 < n and line[i + 1] in MARKS and out and out[-1] not in " ":
            continue
        if i in specks:
            if specks[i] == "":
                continue
            ch = specks[i]
        out.append(ch)
        index.append(i)
    return "".join(out), index


_THAI_LETTER = re.compile(f"[{_THAI}]")
_SPECK_RUN = 3  # a dot after this many letters (marks aside) ends no abbreviation (ร.ต., พล.ต.อ.)


def _speck_dots(line: str) -> dict[int, str]:
    """Dots a scan put where a name has none: a speck before a word (``แพรพลอย .พลดงนอก``) is
    dropped, a dot or a hyphen between two words (``กนกพร.ทองแดง``, ``นาง.แพรพลอย``) is their
    space.

    A dot inside a title (``น.ส.``, ``ว่าที่ร.ต.``) is the title's, and one after a run of one or
    two letters may be an abbreviation's (``พ.ศ.``): both stay.
    """
    if "." not in line and "-" not in line and "–" not in line:
        return {}
    titled = [range(m.start(), m.end()) for m in _ANY_TITLE.finditer(line)]
    out: dict[int, str] = {}
    for i, ch in enumerate(line):
        if ch not in ".-–" or i + 1 >= len(line) or any(i in span for span in titled):
            continue
        if ch != ".":
            # `นางสาวกชพร-สายเนตร`: a hyphen between two names is their space
            if i and _THAI_LETTER.match(line[i - 1]) and _starts_like_name(line[i + 1]):
                out[i] = " "
            elif (i and _THAI_LETTER.match(line[i - 1]) and line[i + 1] in ".-–"
                  and i + 2 < len(line) and _starts_like_name(line[i + 2])):
                out[i], out[i + 1] = " ", ""  # `แวปา-.หามะ`: two specks for the space
            continue
        run = 0
        while run < i and _THAI_LETTER.match(line[i - 1 - run]):
            run += 1
        long_run = sum(c not in MARKS for c in line[i - run : i]) >= _SPECK_RUN
        if _starts_like_name(line[i + 1]):
            if i == 0 or line[i - 1] in " \t":
                out[i] = ""
            elif long_run:
                out[i] = " "
        elif line[i + 1] == " " and long_run and i + 2 < len(line) and _starts_like_name(
            line[i + 2]
        ):
            out[i] = ""  # `นางเยาวนา. สาตตา`: a speck after the given name
    return out


def find_names(line: str, trailing_given: bool = False) -> list[NameMention]:
    """All person names in one line of text, left to right.

    With ``trailing_given`` a title and given name that end the line are a name whose family
    name may be on the next line (``family`` is then ''; the caller joins the lines).

    >>> [m.name for m in find_names("นางนิภาพร เผ่ากันทะ นายปริญญา สุจริง")]
    ['นิภาพร เผ่ากันทะ', 'ปริญญา สุจริง']
    >>> find_names("นายอำเภอเมืองพะเยา")
    []
    >>> [(m.title, m.given) for m in find_names("นางสาวสุภาพร", trailing_given=True)]
    [('นางสาว', 'สุภาพร')]
    """
    if not line:
        return []
    lexicon = name_lexicon()
    text, index = _prepare(line)
    mentions: list[NameMention] = []
    pos = 0
    glued_at = -1  # where the last name ended: a title glued there starts the next name
    while True:
        found = _ANY_TITLE.search(text, pos)
        if not found:
            break
        start = found.start()
        if not _starts_word(text, start) and start != glued_at:
            pos = start + 1
            continue
        parsed = _best_parse(text, start, lexicon, trailing_given)
        if parsed is None:
            pos = start + 1
            continue
        end = parsed[3]
        position, position_end = position_after(text, end)
        mentions.append(_mention(line, index, start, parsed, position, position_end))
        pos = max(end, position_end)
        glued_at = end
    mentions = _with_lookalike_titles(line, text, index, mentions, lexicon)
    mentions = _with_damaged_titles(line, text, index, mentions, lexicon, trailing_given)
    return _with_specked_titles(line, text, index, mentions, lexicon)


def _mention(line: str, index: list[int], start: int, parsed: tuple[str, str, str, int],
             position: str = "", position_end: int = 0) -> NameMention:
    """The mention of a parsed (title as written, given, family, end) found at `start` of the
    folded text, with spans mapped back to the line through `index`."""
    title_written, given, family, end = parsed
    return NameMention(
        title=normalise_title(title_written),
        title_as_written=line[index[start] : index[start + len(title_written) - 1] + 1],
        given=given,
        family=family,
        as_written=line[index[start] : index[end - 1] + 1],
        start=index[start],
        end=index[end - 1] + 1,
        position=position,
        position_end=index[position_end - 1] + 1 if position else 0,
    )


def _with_specked_titles(
    line: str, text: str, index: list[int], mentions: list[NameMention], lexicon: NameLexicon
) -> list[NameMention]:
    """Add the names whose title a scan glued a speck letter to (``ตดร.สกาย พลอาจ``): one
    letter opening the word before a title, taken only before a listed given name."""
    found: list[NameMention] = []
    for m in _ANY_TITLE.finditer(text):
        start = m.start()
        if start < 1 or _starts_word(text, start) or not _THAI_LETTER.match(text[start - 1]):
            continue
        if start >= 2 and text[start - 2] not in " \t:;,":
            continue
        if any(x.start <= index[start] < x.end for x in [*mentions, *found]):
            continue
        parsed = _best_parse(text, start, lexicon, False)
        if parsed is None or parsed[1] not in lexicon.given or not parsed[2]:
            continue
        found.append(_mention(line, index, start, parsed))
    if not found:
        return mentions
    return sorted([*mentions, *found], key=lambda x: x.start)


def _with_lookalike_titles(
    line: str, text: str, index: list[int], mentions: list[NameMention], lexicon: NameLexicon
) -> list[NameMention]:
    """Add the names whose title a scan turned into look-alike letters (``ตร.ปราช ไชยยศ``).

    Such a title is taken only before a given name from the name lists: the look-alike
    letters alone (บาง, ตร.) are ordinary words.
    """
    taken = [(m.start, m.end) for m in mentions]
    found: list[NameMention] = []
    for pattern, title in _LOOKALIKE_TITLES:
        for m in pattern.finditer(text):
            start, title_end = m.start(), m.end()
            if m.group() == title or not _starts_word(text, start):
                continue
            covering = [k for k, (a, b) in enumerate(taken) if a <= index[start] < b]
            # `นางสารกชพร`: read as นาง + an unlisted given name, นางสาว + กชพร is the reading
            replaces = [
                k for k in covering
                if k < len(mentions) and mentions[k].start == index[start]
                and mentions[k].given not in lexicon.given
            ]
            if covering and not replaces:
                continue
            parsed = _parse_after_title(text, start, title_end, lexicon)
            if parsed is None or parsed[1] not in lexicon.given or not parsed[2]:
                continue
            if replaces:
                mentions = [x for k, x in enumerate(mentions) if k not in replaces]
                taken = [span for k, span in enumerate(taken) if k not in replaces]
            _, given, family, end = parsed
            mention = NameMention(
                title=title,
                title_as_written=line[index[start] : index[title_end - 1] + 1],
                given=given,
                family=family,
                as_written=line[index[start] : index[end - 1] + 1],
                start=index[start],
                end=index[end - 1] + 1,
            )
            found.append(mention)
            taken.append((mention.start, mention.end))
    if not found:
        return mentions
    return sorted([*mentions, *found], key=lambda m: m.start)


def _with_damaged_titles(
    line: str, text: str, index: list[int], mentions: list[NameMention], lexicon: NameLexicon,
    trailing_given: bool = False,
) -> list[NameMention]:
    """Add the names whose title a scan damaged more than look-alike letters do (``น สกชพร``,
    ``นางสาากชพร``; see ``extract.damagedtitles``), replacing a reading of the same words
    under a shorter title whose given name is unlisted (นาง + สาากชพร)."""
    out = list(mentions)
    for found, parsed in damaged_titles(
        text, lexicon, lambda t, s, e: _parse_after_title(t, s, e, lexicon, trailing_given),
        lambda t, p: _given_at(t, p, lexicon), trailing_given,
    ):
        at = index[found.start]
        covering = [m for m in out if m.start <= at < m.end]
        if any(m.start != at or m.given in lexicon.given for m in covering):
            continue
        _, given, family, end = parsed
        out = [m for m in out if m not in covering]
        out.append(NameMention(
            title=found.title,
            title_as_written=line[at : index[found.end - 1] + 1],
            given=given,
            family=family,
            as_written=line[at : index[end - 1] + 1],
            start=at,
            end=index[end - 1] + 1,
        ))
    return mentions if out == mentions else sorted(out, key=lambda m: m.start)


def _given_at(text: str, pos: int, lexicon: NameLexicon) -> bool:
    """Does a listed given name open at ``pos`` (after at most two spaces)?"""
    word = _next_word(text, pos, max_spaces=2)
    return word is not None and _clean_listed(text[word[0] : word[1]], lexicon)


@lru_cache(maxsize=4096)
def _clean_listed(word: str, lexicon: NameLexicon) -> bool:
    return word in lexicon.given or clean_name(word) in lexicon.given


def _best_parse(
    text: str, start: int, lexicon: NameLexicon, trailing_given: bool
) -> tuple[str, str, str, int] | None:
    """The reading of the name at ``start`` under the title that fits it best.

    Titles are tried longest first. A shorter title is never taken when a longer one matched
    and a real given name follows it: ``นางสาวสุภาพร`` is นางสาว + สุภาพร, never นาง + สาว...;
    among readings, one whose given name is in the name lists wins.
    """
    readings: list[tuple[str, str, str, int]] = []
    longer_title_has_given = False
    for pattern, _ in _TITLES:
        title_match = pattern.match(text, start)
        if not title_match:
            continue
        parsed = _parse_after_title(text, start, title_match.end(), lexicon, trailing_given)
        if parsed is None:
            word = _next_word(text, title_match.end(), max_spaces=2)
            if word and clean_name(text[word[0] : word[1]]) in lexicon.given:
                longer_title_has_given = True
            continue
        if readings or not longer_title_has_given:
            readings.append(parsed)
        if parsed[1] in lexicon.given:
            break
    if not readings:
        return None
    return max(
        enumerate(readings),
        key=lambda r: ((r[1][1] in lexicon.given) + (r[1][2] in lexicon.family), -r[0]),
    )[1]


_NAME_SEPARATORS = re.compile(r"\s*(?:,|/|;|\s(?:และ)\s*|^และ\s*)\s*")


def find_untitled_names(segment: str, offset: int = 0) -> list[NameMention]:
    """Names written without a title in a labelled field (``สมชาย ใจดี และ สมหญิง รักดี``).

    Only a chunk of exactly two words, the first a given name from the name lists and the
    second shaped like a family name, is taken: prose never looks like that.
    """
    lexicon = name_lexicon()
    out: list[NameMention] = []
    pos = 0
    for chunk in [*_NAME_SEPARATORS.split(segment)]:
        at = segment.find(chunk, pos) if chunk else -1
        if at < 0:
            continue
        pos = at + len(chunk)
        words = chunk.split()
        if len(words) != 2:
            continue
        given, family = clean_name(words[0]), clean_name(words[1])
        if given not in lexicon.given or not _name_shaped(family, lexicon, "family"):
            continue
        if family in lexicon.words and family not in lexicon.family:
            continue
        stripped = chunk.strip()
        start = offset + at + chunk.find(stripped)
        out.append(
            NameMention("", "", given, family, stripped, start, start + len(stripped))
        )
    return out
