"""The names of a role cell joined across the cell's line breaks.

A name is title + given + family. Where a line break (or a text layer's cut inside a word)
splits one, the parts are joined with or without a space, whichever leaves two parts; a title,
an entry number, a comma or `และ` before a line starts a new person.
"""

from __future__ import annotations

import re

from extract.officers import find_names, title_only
from extract.thaichars import CONSONANT_RANGE


def one_line(text: str) -> str:
    """The text with every run of white space, line breaks included, as one space."""
    return re.sub(r"\s+", " ", text).strip()


# Where a name unit begins inside a role cell: after a comma, `/`, `;` or `และ`, or at a number.
_UNIT_SEP = re.compile(r"(?:,|/|;|\sและ\s?|^และ\s?)\s*")
_ENTRY_NUMBER = re.compile(r"[0-9๐-๙]{1,2}[.)]\s*\S")
_TITLE_MAX = 24  # longest title prefix tried (`ว่าที่ร้อยตำรวจตรี`)


def _title_length(text: str) -> int:
    """Length of the title `text` opens with (0: none); the longest title wins (นางสาว, not
    นาง)."""
    for k in range(min(len(text), _TITLE_MAX), 0, -1):
        if title_only(text[:k]):
            return k
    return 0


def _name_parts(unit: str) -> int:
    """How many space-separated parts follow the title in a name unit (given, family)."""
    unit = _ENTRY_NUMBER.sub(lambda m: m.group(0)[-1], unit.strip(), count=1)
    return len(unit[_title_length(unit):].split())


def _break_glue(before: str, after: str, may_cut: bool = True) -> str | None:
    """How a line that continues a name joins the next one: " " (the break fell between the
    given and the family name) or "" (inside one of them), None when the parts do not tell.

    A person is written `title given family`: the glue is the one that leaves the unit that
    the break cut (from the last separator before it to the first one after it) with exactly
    two parts. A position written under a complete name (`นักวิชาการ...`) is joined by a
    space so that the name reader takes it as the officer's position. Without `may_cut` (a
    cell of one name a line whose line did not fill the cell) a word is never cut: the next
    line is a new entry whatever its parts.
    """
    tail = _UNIT_SEP.split(before)[-1]
    head = _UNIT_SEP.split(after)[0]
    names = find_names(after)
    if names and names[0].start > 0:
        head = head[: names[0].start]
    tail_parts, head_parts = _name_parts(tail), len(head.split())
    if not head_parts or not tail.strip():
        return None
    if tail_parts == 2:
        mention = find_names(f"{tail} {after}")
        if mention and mention[0].position:
            return " "
    if tail_parts + head_parts == 2:
        return " "
    if tail_parts + head_parts - 1 == 2:
        return "" if may_cut else " "
    return None


_BARE_NUMBER = re.compile(r"([0-9๐-๙]{1,2})\s+(?=\S)")


def _entry_dot(line: str) -> str:
    """An entry number whose dot the scan lost (`๒ นายสรกฤช`, a fax drops small dots) given
    it back when a title follows: `๒. นายสรกฤช`.

    >>> _entry_dot("๒ นายสรกฤช มานะ"), _entry_dot("๒. นางสาวกวาง"), _entry_dot("๒ ด้านบริการ")
    ('๒. นายสรกฤช มานะ', '๒. นางสาวกวาง', '๒ ด้านบริการ')
    """
    found = _BARE_NUMBER.match(line)
    if found and _title_length(line[found.end():]) > 0:
        return f"{found.group(1)}. {line[found.end():]}"
    return line


def join_names(text: str, wraps: tuple[bool, ...]) -> str:
    """A role cell's lines as one line, a name wrapped inside the narrow cell made whole.

    A line starts a new name when it opens with a title or an entry number (`2.`), or when
    the line before ended with a separator (`,`, `และ`). Otherwise it continues the name the
    line before cut: joined by a space when the break fell between the given and the family
    name, without one when it cut a word (`นางแพรว` / `พลอย ไชยสน`, `นางอรชา สระ` / `สม`),
    which the name's parts tell (`_break_glue`); a word is cut only in a cell of names joined
    by commas or in a line that filled the cell (`wraps`). Where the parts do not tell, a line
    that filled the cell after a complete name continues the family name, else a space.
    """
    # Names are Thai: a line without a Thai letter is a speck or a rule the OCR read. Each
    # kept line keeps its own wrap (did it fill the cell?), whatever was dropped around it.
    kept = [
        (_entry_dot(ln.strip()), k < len(wraps) and wraps[k])
        for k, ln in enumerate(text.splitlines()) if re.search(f"[{CONSONANT_RANGE}]", ln)
    ]
    if not kept:
        return ""
    lines = [ln for ln, _ in kept]
    # Names joined by commas run on from line to line, so a line may end inside a word
    # wherever the cell's edge fell; in a cell of one name a line only a full line does.
    listed = bool(re.search(r",|\sและ\s", text))
    out = lines[0]
    for i, line in enumerate(lines[1:]):
        wrapped = kept[i][1]
        # With the line after it: a title and given name whose family name wrapped too.
        ahead = line + (" " + lines[i + 2] if i + 2 < len(lines) else "")
        starts_name = (
            any(m.start <= 3 for m in find_names(ahead))
            or _title_length(line) > 0
            or bool(_ENTRY_NUMBER.match(line))
            or bool(re.search(r"(?:[,/;]|\sและ)$", out))
        )
        glue = None if starts_name else _break_glue(out, line, wrapped or listed)
        if glue is None:
            glue = " "
            if wrapped and not starts_name:
                last = find_names(out)
                complete = bool(last) and bool(last[-1].family) and (
                    last[-1].end >= len(out.rstrip()) - 1
                )
                glue = "" if complete else " "
        out += glue + line
    return one_line(out)
