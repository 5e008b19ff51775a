"""Lines a renderer or a scan broke inside a name, a title or a label, joined again.

A narrow column or a long list line wraps where the layout engine likes: between a title and
its given name (`ดร.` / `กาญจนา ทองดี`), inside a title (`ว่าที่ร้อย` / `ตรี…`), inside a
given or family name (`นางสาวกฤต` / `พร แสงแสน`, `นางวันดี ศรี` / `สุข`), between given and
family name (`นางสาวสุภาพร` / `มีสุข`), or inside a role label (`ผู้` / `รับผิดชอบ: …`). The
name lists and the title grammar say when the two pieces are one; only then is the start of
the next line moved up.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extract.models import Line
from extract.namegrammar import _name_shaped
from extract.names import MARKS, clean_name, listed, name_lexicon
from extract.numbering import parse_number
from extract.officers import (
    find_names,
    is_role_label,
    label_length,
    position_after,
    starts_with_title,
    title_only,
)
from extract.thaichars import LETTERS_AND_MARKS_RANGE
from extract.titles import _starts_word


def join_wrapped_names(lines: list[Line]) -> list[Line]:
    """A title and given name ending a line, the family name opening the next: one line.

    `นางสาวสุภาพร` / `ใจดี, นายสมชาย ใจดี` becomes `นางสาวสุภาพร ใจดี` / `นายสมชาย ใจดี`: the
    family name moves up when the next line starts with a word shaped like a family name and
    what follows it is a separator, another name or nothing.
    """
    lexicon = name_lexicon()
    out = list(lines)
    for i in range(len(out) - 1):
        for _ in range(3):  # `นางสาวกฤต` / `พร แสงแสน`: given, then family, move up in turn
            if not out[i].text.strip():
                break
            j = next((k for k in range(i + 1, len(out))
                      if out[k].text.strip() and not _speck_line(out[k].text)), None)
            if j is None or not _join_next(out, i, j, lexicon):
                break
    return [line for line in out if line.text.strip()]


def _speck_line(text: str) -> bool:
    """A line of a scan's specks only (`a   v   '      6`): no Thai letter, no word longer
    than two characters; a name wrapped across it continues on the line after.

    >>> _speck_line("a   v   '              6"), _speck_line("ชญาธร วงมะแสน"), _speck_line("24.")
    (True, False, False)
    """
    if re.search(f"[{LETTERS_AND_MARKS_RANGE}]", text):
        return False
    return all(len(word) <= 2 for word in text.split())


def _join_next(out: list[Line], i: int, j: int, lexicon) -> bool:
    """Move the start of line j (the next with text) up to line i when a break cut a name or
    a label; joined?"""
    line, nxt = out[i], out[j]
    if line.page != nxt.page:
        return False
    # OCR specks at the margin (`- ทองดี`, `: ข้อ`, `*  ประชา`) are no part of what continues.
    m = re.match(r"[\s\-–—:;.,'|_*+\"“”‘°•«»~^]*([" + LETTERS_AND_MARKS_RANGE + "'’]+)", nxt.text)
    text = _without_trailing_specks(line.text)
    if not m:
        return _join_cut_label(out, i, j, text)
    if _SENTENCE_LABEL.match(nxt.text) and find_names(text):
        # `ให้ นางสาว ภคพร พละเดช หัวหน้า…` / `เป็นผู้กำกับดูแลเงื่อนไขพิเศษ …`: the sentence
        # naming a section's supervisor wrapped before its label
        out[i] = replace(line, text=text + " " + nxt.text.strip())
        out[j] = replace(nxt, text="")
        return True
    last = re.search(r"(\S+)$", text)
    token = last.group(1) if last else ""
    if token and (
        (
            label_length(token + m.group(1)) > label_length(token)
            and not label_length(m.group(1))
        )
        or ((title_only(token) or _ends_with_title(token)) and not parse_number(nxt.text))
        or (not title_only(token) and _title_prefix(token, m.group(1)))
    ):
        # A label cut by the line break (`ผู้` / `รับผิดชอบ: …`), a title cut
        # (`ว่าที่ร้อย` / `ตรี …`), or a title whose name is on the next line
        # (`ดร.` / `กาญจนา ทองดี`): the next line moves up.
        glue = "" if not title_only(token) or token.endswith(".") else " "
        if _ends_with_title(token) and not token.endswith("."):
            glue = " "
        out[i] = replace(line, text=text + glue + nxt.text[m.start(1) :])
        out[j] = replace(nxt, text="")
        return True
    word, tail = m.group(1), nxt.text[m.end() :].strip()
    if not re.search("[" + LETTERS_AND_MARKS_RANGE + "0-9๐-๙]", tail) and (
        not re.search("[A-Za-z]", tail) or _MARGIN_LATIN.fullmatch(tail)
    ):
        # `สมสา .      :`, `ซาเสน          LC`: only a scan's specks after the word (a speck
        # at the right margin read as a Latin letter or two)
        tail = ""
    if (glued_position := _GLUED_POSITION.search(word)) and glued_position.start() > 1:
        # `สะ` / `แลแมตาแหน่ง …`: a text layer lost the space before ตำแหน่ง
        word, tail = word[: glued_position.start()], f"{word[glued_position.start():]} {tail}"
    glued = _glued_word(text, word, tail.strip(), lexicon)
    if glued is None:
        return False
    out[i] = replace(line, text=glued)
    out[j] = replace(nxt, text=tail.lstrip(",/; ") if tail[:1] in ",/;" else tail)
    return True


_MARGIN_LATIN = re.compile(r"[\s\W]*[A-Za-z]{1,2}[\s\W]*")
_SENTENCE_LABEL = re.compile(r"^\s*(?:เป็น|ทำหน้าที่)\s?ผู้\s?(?:กำกับ|รับผิดชอบ)")


def _join_cut_label(out: list[Line], i: int, j: int, text: str) -> bool:
    """`ผู้` / `2 รับผิดชอบ …`: a label cut by the line break, a speck at the margin of the
    next line read as a digit."""
    nxt = out[j]
    last = re.search(r"(\S+)$", text)
    token = last.group(1) if last else ""
    specked = re.match(r"[\s\-–—:;.,'|_0-9๐-๙]*([" + LETTERS_AND_MARKS_RANGE + "'’]+)",
                       nxt.text)
    if not (
        token
        and specked
        and label_length(token + specked.group(1)) > label_length(token)
        and not label_length(specked.group(1))
    ):
        return False
    out[i] = replace(out[i], text=text + nxt.text[specked.start(1) :])
    out[j] = replace(nxt, text="")
    return True


def _given_fragment(text: str) -> str:
    """The letters after a title that end the line (`… นาง แพร`, `… นางสาวกฤต`), or ''."""
    words = text.rstrip(" ,").split()
    if not words:
        return ""
    last = words[-1]
    if len(words) >= 2 and title_only(words[-2]):
        return clean_name(last)
    for k in range(len(last) - 1, 1, -1):
        if title_only(last[:k]):
            return clean_name(last[k:])
    return ""


_GLUED_POSITION = re.compile("ต[ำา]แหน[่]?ง")


def _without_trailing_specks(text: str) -> str:
    """The line without what a scan leaves at its right margin (`ผู้      a`, `… ทั่วไป   7`):
    trailing tokens with no Thai letter, then stray punctuation (a title's final dot stays)."""
    words = text.split(" ")
    while words and not re.search(f"[{LETTERS_AND_MARKS_RANGE}]", words[-1]):
        words.pop()
    return re.sub(r"[\s\-–—:;,'|_]+$", "", " ".join(words))


def _ends_with_title(token: str) -> bool:
    """`และน.ส.`, `แล่ะนาง`: a title glued to the word before it ends the token.

    >>> _ends_with_title("แล่ะน.ส."), _ends_with_title("พัฒนาง")
    (True, False)
    """
    return any(title_only(token[k:]) and _starts_word(token, k) for k in range(1, len(token)))


def _title_prefix(token: str, word: str) -> bool:
    """`ว่าที่ร้อย` + `ตรี`: a title the line break cut in two."""
    acting = re.fullmatch("ว่?าท[ี่ิ]{0,2}", token) is not None  # ว่าที่ / ร้อยตรี…
    for k in range(len(word), 0, -1):
        if title_only(token + word[:k]) and (acting or not title_only(word[:k])):
            return True
    return False


def _glued_word(text: str, word_raw: str, tail: str, lexicon) -> str | None:
    """`text` with the first word of the next line moved up, when it ends a name the line
    break cut; None when it does not."""
    word = clean_name(word_raw)
    if not word or word[0] in MARKS or is_role_label(word) or starts_with_title(word_raw):
        return None
    fragment = _given_fragment(text)
    after = clean_name(tail.split()[0]) if tail.split() else ""
    if fragment and fragment + word in lexicon.given and (
        fragment not in lexicon.given or listed(after, "family", lexicon)
    ):
        # `นาง แพร` / `พลอย พลดงนอก`: the given name cut, even before its last letter
        # (`น.ส. อามา` / `ล ภารสาร`: the whole is a listed given name, the fragment none)
        return text.rstrip() + word_raw
    if len(word) < 2:
        return None
    if tail and not (tail[0] in ",/;" or tail.startswith("และ") or find_names(tail[:40])
                     or is_role_label(tail) or position_after(tail, 0)[0]):
        return None
    words = text.rstrip(" ,").split()
    if (
        len(words) >= 2
        and clean_name(words[-1]) + word in lexicon.family
        and clean_name(words[-1]) not in lexicon.family
        and _given_fragment(" ".join(words[:-1]))
    ):
        return text.rstrip(" ,") + word_raw  # `กฤษฎาง นายก` / `ชน`: the family name cut
    mentions = find_names(text, trailing_given=True)
    if not mentions or text[mentions[-1].end :].strip(" ,"):
        return None
    last_name = mentions[-1]
    if not last_name.family:
        if _given_fragment(text[: last_name.start]):
            # `นางสาว เบญญา นางสาว กชพรรณ` / `พรรณา ศรเดช`: two table columns wrapped side
            # by side; which family belongs to which name is the table's to say, not ours
            return None
        # `นางสาวสุภาพร` / `มีสุข`: the family name on the next line
        if listed(word, "family", lexicon) or (
            word not in lexicon.words and _name_shaped(word, lexicon, "family")
        ):
            return text.rstrip(" ,") + " " + word_raw
        return None
    # `นางวันดี ศรี` / `สุข`: the family name cut inside the word
    # (listed: also when the scan put a stray mark on a piece, อำน่วย / มงคลพร)
    joined = listed(clean_name(last_name.family + word), "family", lexicon)
    if joined and last_name.family not in lexicon.family:
        return text.rstrip() + word_raw
    if joined and word not in lexicon.words:
        return text.rstrip() + word_raw
    return None
