"""The grammar of a name after its title: what may be a given or a family name, and where
the name ends.

``parse_after_title`` reads (title as written, given, family, end) from the folded text of a
line. Ordinary words fail to be names because:

- the title and what follows must not be a dictionary word or a position (``นายอำเภอ``,
  ``นายกรัฐมนตรี``, ``นางพยาบาล``) unless a known family name follows;
- given and family names have the shape of names: Thai letters, starting with a consonant or a
  leading vowel, not prose (no run of function words such as ``ที่``, ``หนึ่ง``, ``ได้``).

A family name glued to the given name (``น.ส.นรีกานต์โกมิตร``) is split where the name lists say a
given name ends or a family name begins; a family name glued to what follows (a role, ``และ``,
the next title) is cut there; a colon a scan read for SARA A is ะ.
"""

from __future__ import annotations

import re

from extract.names import (
    CONSONANTS,
    LEADING_VOWELS,
    MARKS,
    STRAY,
    TONES,
    NameKind,
    NameLexicon,
    clean_name,
    listed,
)
from extract.positions import _JOB_WORDS, _ROLE_WORDS, starts_with_job
from extract.thai_dictionary import default_trie
from extract.thaichars import FOLLOW_VOWELS
from extract.titles import _ANY_TITLE, _THAI, _title_at, normalise_title

# Positions and trades that start with a title word; the dictionary knows most, these are the
# ones that also start longer glued text (นายกเทศมนตรีตำบล...).
_POSITION_PREFIXES = (
    "นายกรัฐมนตรี",
    "นายกเทศมนตรี",
    "นายกองค์การ",
    "นายกสมาคม",
    "นายกเมือง",
    "นายกสภา",
    "นายอำเภอ",
    "นายทะเบียน",
    "นายช่าง",
    "นายตรวจ",
    "นายสถานี",
    "นายด่าน",
    "นายทหาร",
    "นายตำรวจ",
    "นายหน้า",
    "นายจ้าง",
    "นายประกัน",
    "นายธนาคาร",
    "นายงาน",
    "นายเวร",
    "นายท่า",
    "นางพยาบาล",
    "นางผดุงครรภ์",
    "นางสนม",
    "นางกำนัล",
    "นางสาวไทย",
)
# Grammatical words that run through prose but not through names (pythainlp's stop-word list
# is too broad for this: it holds สบาย, จริง, ง่าย, which are parts of family names).
_FUNCTION_WORDS = frozenset(
    "ที่ ซึ่ง และ หรือ ได้ ให้ ของ ใน จะ ไม่ เป็น การ ความ ว่า กับ จาก แล้ว ก็ ไป นี้ นั้น "
    "หนึ่ง เพื่อ โดย ถึง เมื่อ ยัง คือ ตาม ทั้ง ด้วย แต่ เช่น ต้อง อย่าง กว่า จึง มี ๆ".split()
)
_WORD = re.compile(rf"[{_THAI}{re.escape(STRAY)}]+")
_MAX_NAME = 24


def _starts_like_name(word: str) -> bool:
    return bool(word) and (word[0] in CONSONANTS or word[0] in LEADING_VOWELS)


def _starts_with_mark(raw: str) -> bool:
    """``ิตรี`` after นางสา-: the title was cut in the wrong place."""
    stripped = raw.lstrip(STRAY)
    return not stripped or stripped[0] in MARKS or stripped[0] in FOLLOW_VOWELS


def _prose_like(word: str, lexicon: NameLexicon, kind: NameKind) -> bool:
    """Running text rather than a name: several words, some of them function words."""
    if lexicon.known(word, kind) or (kind == "family" and word in lexicon.given):
        return False
    if word in _FUNCTION_WORDS:
        return True
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(word, engine="newmm", custom_dict=default_trie())
    stops = sum(t in _FUNCTION_WORDS for t in tokens)
    # Only whole dictionary words count: OCR junk (มีสุฃ) falls apart into single letters.
    words = sum(len(t) >= 2 and t in lexicon.words for t in tokens)
    return stops >= 2 or (words >= 3 and stops >= 1) or words >= 5


def _has_function_word(word: str) -> bool:
    """Does ``word`` hold a function word of prose (``น้อยที่สดใส``)?"""
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(word, engine="newmm", custom_dict=default_trie())
    return any(t in _FUNCTION_WORDS for t in tokens)


def _name_shaped(word: str, lexicon: NameLexicon, kind: NameKind) -> bool:
    return (
        2 <= len(word) <= _MAX_NAME
        and _starts_like_name(word)
        and not any(ch.isdigit() for ch in word)
        and not _prose_like(word, lexicon, kind)
    )


def _position(title_written: str, given: str, lexicon: NameLexicon) -> str | None:
    """``"word"`` when the title and its given name make one dictionary word (``นางฟ้า``,
    ``นายพล``: still a name if a known family name follows), ``"prefix"`` when they start with a
    position (``นายอำเภอเมืองลำพูน``: never a name), else None."""
    base = re.sub(r"\s", "", title_written)
    glued = base + given
    if any(glued.startswith(p) and len(p) > len(base) for p in _POSITION_PREFIXES):
        return "prefix"
    if given not in lexicon.given and glued in lexicon.words:
        return "word"
    return None


def _split_glued(word: str, lexicon: NameLexicon) -> tuple[str, str] | None:
    """Split ``นรีกานต์โกมิตร`` into given and family name using the name lists."""
    if word in lexicon.given:
        return None  # สมชาย is one name, not สม + ชาย
    best: tuple[float, int, str, str] | None = None
    for i in range(2, len(word) - 1):
        given, family = word[:i], word[i:]
        if family[0] in MARKS or not _starts_like_name(family) or given[-1] in LEADING_VOWELS:
            continue
        if len(family) < 3 or (family[0] == "์"):
            continue
        score = 2.0 * (given in lexicon.given) + 2.0 * (family in lexicon.family)
        if score == 0:
            continue
        score += 0.5 * lexicon.coverage(family) + 0.5 * lexicon.coverage(given)
        candidate = (score, len(given), given, family)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return (best[2], best[3]) if best else None


def _next_word(text: str, pos: int, max_spaces: int = 3) -> tuple[int, int] | None:
    """Span of the word starting after at most ``max_spaces`` spaces from ``pos``."""
    p = pos
    while p < len(text) and text[p] in " \u00a0\t" and p - pos < max_spaces:
        p += 1
    m = _WORD.match(text, p)
    if not m:
        return None
    return m.start(), m.end()




_SPECKS = re.compile("[่้๊๋]")  # tone marks a scan sprinkles (สาว has none)


def _parse_after_title(
    text: str, start: int, title_end: int, lexicon: NameLexicon, trailing_given: bool = False
) -> tuple[str, str, str, int] | None:
    """(title as written, given, family, end) for a name starting at ``start``, or None."""
    title_written = text[start:title_end]
    first = _next_word(text, title_end, max_spaces=2)
    if first is None:
        return None
    w1_start, w1_end = first
    given = clean_name(text[w1_start:w1_end])
    if _starts_with_mark(text[w1_start:w1_end]):
        return None
    if not _name_shaped(given, lexicon, "given") and not (
        # `นายมะสาเรอาลอย`: a text layer lost the space; glued, the two look like prose
        len(given) <= _MAX_NAME
        and (split := _split_glued(given, lexicon)) is not None
        and split[0] in lexicon.given
        and _name_shaped(split[1], lexicon, "family")
        and not _has_function_word(split[1])
    ):
        return None
    glued_to_title = w1_start == title_end

    second = (
        _next_word(text, w1_end) if w1_end < len(text) and text[w1_end] in " \u00a0\t" else None
    )
    family, end = "", w1_end
    if second is not None and (
        not _title_at(text, second[0])
        or clean_name(text[second[0] : second[1]]) in lexicon.family  # นายกชน: a family name
    ) and not _ACTING_START.match(text, second[0]):
        raw_family = text[second[0] : second[1]]
        family_end = second[1]
        if (sara_a := _colon_as_sara_a(text, second[1], lexicon)) is not None:
            raw_family, family_end = raw_family + sara_a[0], sara_a[1]
        candidate = clean_name(raw_family)
        if candidate == "ณ":  # ณ อยุธยา: one family name in two words
            third = _next_word(text, second[1], max_spaces=1)
            if third is not None:
                family_end = third[1]
                candidate = "ณ " + clean_name(text[third[0] : third[1]])
        glued = _glued_next(raw_family, lexicon)
        if glued:
            # `นาคานางสาวบรรทม`, `นาคาและ`: a text layer lost the space after the family name
            raw_family, family_end = raw_family[:glued], second[0] + glued
            candidate = clean_name(raw_family)
        before_role = _cut_at_role(candidate, lexicon)
        if starts_with_job(candidate, _JOB_WORDS) and candidate not in lexicon.family:
            pass  # น.ส.นรีกานต์โกมิตร นักวิชาการ...: the next column, not a family name
        elif (
            before_role != candidate
            and not _starts_with_mark(raw_family)
            and _name_shaped(before_role, lexicon, "family")
            and (before_role in lexicon.family or before_role not in lexicon.words)
        ):
            # ใจดี|เป็นผู้รับผิดชอบ is a name and a sentence; เดินทาง|ไปตลาด only a sentence
            family, end = before_role, _end_of_prefix(text, second[0], before_role)
        elif not _starts_with_mark(raw_family) and (
            _name_shaped(candidate, lexicon, "family")
            # marks a scan damaged on a listed family name (อ้านวยม่งคลพร) look like no name
            or (len(candidate) <= _MAX_NAME and listed(candidate, "family", lexicon))
        ):
            family, end = candidate, family_end
        else:
            prefix = _known_prefix(candidate, lexicon)
            if prefix:
                family = prefix
                end = _end_of_prefix(text, second[0], prefix)
    if family and (rejoined := _space_inside_name(text, given, family, end, lexicon)):
        given, family, end = rejoined
    if not family:
        split = _split_glued(given, lexicon)
        if split:
            given, family = split
        elif trailing_given and not text[w1_end:].strip(" \u00a0\t,") and (
            given in lexicon.given or given not in lexicon.words
        ):
            pass  # the family name is on the next line
        elif len(given) < 6 or given in lexicon.words or given in lexicon.given:
            return None  # one short or dictionary word after a title: not enough for a name
    if normalise_title(title_written) == "นาง" and _SPECKS.sub("", given).startswith("สาว") and (
        given not in lexicon.given
    ):
        return None  # `น่างสาว เล`, `นางส่าวเก่ศ`: นางสาว cut by a speck, not นาง + สาว…
    position = _position(title_written, given, lexicon) if glued_to_title else None
    if position == "prefix" or (position == "word" and family not in lexicon.family):
        return None
    if (
        not glued_to_title
        and given in lexicon.words
        and given not in lexicon.given
        and (family not in lexicon.family)
    ):
        return None  # "นาย ทะเบียน ..." spelled apart
    return title_written, given, family, end


# ว่าที่ opens no family name: it is the next name's title, whatever a scan did to the rank
# after it (`ว่าที่ข้อยตรีนฤพล`).
_ACTING_START = re.compile("ว่?าท(?:ี่|่ี|ี|ิ่|ิ)(?=[ก-ฮ])")


def _colon_as_sara_a(text: str, end: int, lexicon: NameLexicon) -> tuple[str, int] | None:
    """A colon a scan read for SARA A after the family name ending at ``end`` (``โทไวย:``,
    ``เสา:รส``): the letters it stands for and where the word then ends, or None.

    Inside a word a colon is always a misread ะ; after one it is taken so only when the word
    with ะ is a listed family name or the word alone is none (a list's colon after a known
    family name stays punctuation).
    """
    # ะ follows a consonant, a tone mark (จ๊ะ) or the า of เ-าะ (เสาะ)
    if end >= len(text) or text[end] != ":" or not (
        text[end - 1] in CONSONANTS or text[end - 1] in TONES or text[end - 1] == "า"
    ):
        return None
    glued = _WORD.match(text, end + 1)
    if glued and not _title_at(text, end + 1):
        return "ะ" + glued.group(), glued.end()
    if end + 1 < len(text) and text[end + 1] not in " \t,":
        return None
    word = clean_name(text[: end].rsplit(" ", 1)[-1])
    if word + "ะ" in lexicon.family or word not in lexicon.family:
        return "ะ", end + 1
    return None


def _space_inside_name(
    text: str, given: str, family: str, end: int, lexicon: NameLexicon
) -> tuple[str, str, int] | None:
    """``แพรว พลอย ไชยสน``, ``พจนารถ ยอง เพชร``: a line break or an OCR space inside the
    given or the family name. Rejoined when the two pieces make a listed name, the piece
    taken for the family name is no listed family name, and the three words then read as a
    listed given name and a listed family name."""
    third = _next_word(text, end, max_spaces=1) if end < len(text) and text[end] == " " else None
    if third is None:
        return None
    word = clean_name(text[third[0] : third[1]])
    if family in lexicon.family or not word:
        return None
    if given + family in lexicon.given and listed(word, "family", lexicon):
        return given + family, word, third[1]
    if given in lexicon.given and family + word in lexicon.family:
        return given, family + word, third[1]
    return None


def _glued_next(word: str, lexicon: NameLexicon) -> int:
    """Where a family name glued to what follows it ends: before `และ` ending the word, or
    before a title whose given name is in the name lists (0: nowhere)."""
    if len(word) > 5 and word.endswith("และ"):
        return len(word) - 3
    for k in range(3, len(word) - 4):
        m = _ANY_TITLE.match(word, k)
        if m and word[k - 1] not in MARKS and clean_name(word[m.end() :]) in lexicon.given:
            return k
    return 0


def _cut_at_role(word: str, lexicon: NameLexicon) -> str:
    """``ใจดีผู้อำนวยการ``, ``ใจดีเป็นผู้...`` -> ``ใจดี``: the family name up to a glued role
    or function word."""
    if word in lexicon.family:
        return word
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(word, engine="newmm", custom_dict=default_trie())
    for k in range(1, len(tokens)):
        if starts_with_job(tokens[k], _ROLE_WORDS) or tokens[k] in _FUNCTION_WORDS:
            return "".join(tokens[:k])
    return word


def _known_prefix(word: str, lexicon: NameLexicon) -> str:
    """Longest family name from the list that starts ``word`` (text glued after a name)."""
    for i in range(min(len(word), _MAX_NAME), 2, -1):
        if word[:i] in lexicon.family and (i == len(word) or word[i] not in MARKS):
            return word[:i]
    return ""


def _end_of_prefix(text: str, start: int, prefix: str) -> int:
    """Where in ``text`` the cleaned ``prefix`` starting at ``start`` ends."""
    kept = 0
    p = start
    while p < len(text) and kept < len(prefix):
        if text[p] not in STRAY:
            kept += 1
        p += 1
    return p
