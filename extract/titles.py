"""Person titles as documents and scans write them: นาย, นาง, นางสาว / น.ส., ว่าที่ร้อยตรี /
ว่าที่ ร.ต., ดร., ranks spelled out or abbreviated with dots and spaces, and the OCR forms of
each (marks a font or a scan displaced, specks on the short titles, look-alike letters).
``normalise_title`` gives each its standard form.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.thaichars import LETTERS_AND_MARKS_RANGE, MARK_RANGE, MARK_SET

_THAI = LETTERS_AND_MARKS_RANGE

# Abbreviated titles, normalised form: each is matched with optional spaces around its dots.
_ABBREVIATIONS = (
    # police
    "พล.ต.อ.",
    "พล.ต.ท.",
    "พล.ต.ต.",
    "พ.ต.อ.",
    "พ.ต.ท.",
    "พ.ต.ต.",
    "ร.ต.อ.",
    "ร.ต.ท.",
    "ร.ต.ต.",
    "ด.ต.",
    "จ.ส.ต.",
    "ส.ต.อ.",
    "ส.ต.ท.",
    "ส.ต.ต.",
    # armed forces
    "พล.ร.อ.",
    "พล.อ.อ.",
    "พล.อ.",
    "พล.ท.",
    "พล.ต.",
    "พ.อ.",
    "พ.ท.",
    "พ.ต.",
    "ร.อ.",
    "ร.ท.",
    "ร.ต.",
    "จ.ส.อ.",
    "จ.ส.ท.",
    "จ.อ.",
    "จ.ท.",
    "จ.ต.",
    "ส.อ.",
    "ส.ท.",
    "น.อ.",
    "น.ท.",
    "น.ต.",
    # academic, medical, royal
    "ผศ.ดร.",
    "รศ.ดร.",
    "ศ.ดร.",
    "ผศ.",
    "รศ.",
    "ดร.",
    "นพ.",
    "พญ.",
    "ทพ.",
    "ทพญ.",
    "ภก.",
    "ภญ.",
    "ม.ร.ว.",
    "ม.ล.",
    "น.ส.",
)
_SPELLED = {
    "นางสาว": "นางสาว",
    "นาง": "นาง",
    "นาย": "นาย",
    "นายแพทย์": "นพ.",
    "แพทย์หญิง": "พญ.",
    "ร้อยตำรวจเอก": "ร.ต.อ.",
    "ร้อยตำรวจโท": "ร.ต.ท.",
    "ร้อยตำรวจตรี": "ร.ต.ต.",
    "พันตำรวจเอก": "พ.ต.อ.",
    "พันตำรวจโท": "พ.ต.ท.",
    "พันตำรวจตรี": "พ.ต.ต.",
    "พลตำรวจเอก": "พล.ต.อ.",
    "พลตำรวจโท": "พล.ต.ท.",
    "พลตำรวจตรี": "พล.ต.ต.",
    "ดาบตำรวจ": "ด.ต.",
    "จ่าสิบตำรวจ": "จ.ส.ต.",
    "สิบตำรวจเอก": "ส.ต.อ.",
    "สิบตำรวจโท": "ส.ต.ท.",
    "สิบตำรวจตรี": "ส.ต.ต.",
    "ร้อยเอก": "ร.อ.",
    "ร้อยโท": "ร.ท.",
    "ร้อยตรี": "ร.ต.",
    "พันเอก": "พ.อ.",
    "พันโท": "พ.ท.",
    "พันตรี": "พ.ต.",
    "พลเอก": "พล.อ.",
    "พลโท": "พล.ท.",
    "พลตรี": "พล.ต.",
    "จ่าสิบเอก": "จ.ส.อ.",
    "จ่าสิบโท": "จ.ส.ท.",
    "จ่าสิบตรี": "จ.ส.ต.",
    "สิบเอก": "ส.อ.",
    "สิบโท": "ส.ท.",
    "สิบตรี": "ส.ต.",
}
# Ranks are named in full (ร.ต.อ. is ร้อยตำรวจเอก); academic and medical titles stay short.
_IN_FULL = {abbr: full for full, abbr in _SPELLED.items() if "แพทย์" not in full}
_ACTING = {
    "ร.ต.": "ว่าที่ร้อยตรี",
    "ร.ท.": "ว่าที่ร้อยโท",
    "ร.อ.": "ว่าที่ร้อยเอก",
    "ร้อยตรี": "ว่าที่ร้อยตรี",
    "ร้อยโท": "ว่าที่ร้อยโท",
    "ร้อยเอก": "ว่าที่ร้อยเอก",
}

_ACTING_PREFIX = "ว่?าท(?:ี่|่ี|ิ่|ี|ิ)"
_SEP = r"\s?[.,]\s?"  # a dot, sometimes read as a comma, with OCR spaces around it


def _abbreviation_pattern(abbr: str) -> str:
    chunks = [c for c in abbr.split(".") if c]
    body = _SEP.join(re.escape(c) for c in chunks)
    if len(chunks) == 1:
        # ดร. needs its dot (ดร alone starts ordinary words), which a scan may read as a comma
        return body + r"\s?(?:\.|,(?=[ก-ฮเ-ไ]))"
    return body + r"(?:\s?[.,'’]|(?=[\s'’\-]))"  # last dot may be lost or read as a speck


_TITLE_MARK = f"[{MARK_RANGE}]"
# Marks a scan sprinkles on the short titles, which have none (`น่าง`, `น่ายประชา`, `ด์ร.`).
_STRAY_MARKS = "่้๊๋์ํ"


def _stray_marked(word: str) -> str:
    """``word`` with one stray mark after any of its letters but the last (at least one:
    the plain word has its own pattern)."""
    letters = [re.escape(c) for c in word]
    options = [
        "".join(letters[: k + 1]) + f"[{_STRAY_MARKS}]" + "".join(letters[k + 1 :])
        for k in range(len(letters) - 1)
    ]
    return "(?:" + "|".join(options) + ")"
_TITLE_MARKS = MARK_SET


def _mark_tolerant(word: str) -> str:
    """A long title's letters with its marks free: a broken PDF font or a scan swaps, drops
    or displaces them (`ว่าท่รีู อยตรี`, `รูอยตำรวจเอก`) and reads SARA AM as SARA AA."""
    letters = [c for c in word if c not in _TITLE_MARKS]
    pieces = ["(?:\u0e33|\u0e4d?\u0e32)" if c == "\u0e33" else re.escape(c) for c in letters]
    return f"{_TITLE_MARK}{{0,3}} ?".join(pieces) + f"{_TITLE_MARK}{{0,2}}"


def title_skeleton(text: str) -> str:
    """A title's letters without marks, spaces or dots, SARA AM as SARA AA."""
    return "".join(c for c in text.replace("\u0e33", "\u0e32") if c not in _TITLE_MARKS
                   and c not in " .,'’`-\u0e4d")


# Spelled-out titles with marks, long enough that their letters alone are no ordinary word.
_TOLERANT_MIN = 6


def _title_patterns() -> list[tuple[re.Pattern[str], str | None]]:
    """(pattern, normalised title or None when it must be computed), longest first."""
    specs: list[tuple[str, str | None]] = []
    acting_ranks = "|".join(
        [re.escape(k) for k in _ACTING if "." not in k]
        + [_abbreviation_pattern(k) for k in _ACTING if "." in k]
    )
    # ว่าที่ as scans give it: the tone mark or the vowel lost or swapped (ว่าที, ว่าทิ).
    specs.append((rf"{_ACTING_PREFIX}\s?(?:{acting_ranks})(?:\s?หญิง)?", None))
    for abbr in _ABBREVIATIONS:
        specs.append((_abbreviation_pattern(abbr) + r"(?:\s?หญิง)?", None))
    specs.append((_stray_marked("ดร") + r"\s?[.,]", None))  # ด่ร.ปราช: ดร. with a speck
    specs.append((r"น\s?\.\s?ส(?=[" + _THAI + "])", "นางสาว"))  # น.ส glued to the name
    # `นาง สาวกฤศณา`: a text layer's space inside นางสาว (a given name สาวิตรี has a mark next)
    specs.append((r"นาง\sสาว(?=[ก-ฮเ-ไ])", "นางสาว"))
    tolerant_ranks = "|".join(_mark_tolerant(k) for k in _ACTING if "." not in k)
    specs.append((rf"{_mark_tolerant('ว่าที่')} ?(?:{tolerant_ranks})(?:\s?หญิง)?", None))
    for word in sorted(_SPELLED, key=len, reverse=True):
        suffix = "(?:หญิง)?" if _SPELLED[word].endswith(".") else ""
        if word in ("นาย", "นาง", "นางสาว"):
            suffix = "(?:[่้๊๋](?=[ก-ฮเ-ไ]))?"  # a stray OCR tone mark on the title (นาย่วิชัย)
            specs.append((_stray_marked(word) + suffix, None))
        specs.append((re.escape(word) + suffix, None))
        if len(title_skeleton(word)) >= _TOLERANT_MIN and title_skeleton(word) != word:
            specs.append((_mark_tolerant(word) + suffix, None))
    ordered = sorted(specs, key=lambda s: -len(s[0]))
    return [(re.compile(p), t) for p, t in ordered]


_TITLES = _title_patterns()
_ANY_TITLE = re.compile("|".join(p.pattern for p, _ in _TITLES))
# Words prose writes glued to the name that follows (โดยมอบหมายให้นายปฐวี): a title may follow
# one of these directly; after any other Thai letter it is part of a word (พัฒนางาน).
_GLUE_WORDS = (
    "ให้",
    "โดย",
    "และ",
    "กับ",
    "ของ",
    "ถึง",
    "จาก",
    "แก่",
    "คือ",
    "ได้แก่",
    "เรียน",
    "ข้าพเจ้า",
    "ผม",
    "ดิฉัน",
    "ท่าน",
    "ราย",
)


def _starts_word(text: str, start: int) -> bool:
    """May a title start at ``start``: at a word boundary, or right after a glue word."""
    if start == 0:
        return True
    before = text[start - 1]
    if before == ".":
        # Inside an abbreviation (ร.ต. in ว่าที่ร.ต.), not after a list number (๑.นาย...).
        return start < 2 or not ("\u0e01" <= text[start - 2] <= "\u0e4e")
    if not ("\u0e01" <= before <= "\u0e4e"):
        return True
    return any(text.endswith(w, 0, start) or _specked(text[max(0, start - len(w) - 1) : start], w)
               for w in _GLUE_WORDS)


def _specked(seen: str, word: str) -> bool:
    """Is ``seen`` ``word`` with one stray mark a scan added (`แล่ะ` for และ)?

    >>> _specked("แล่ะ", "และ"), _specked("แล่ะ", "ให้")
    (True, False)
    """
    if len(seen) != len(word) + 1:
        return False
    return any(seen[k] in _STRAY_MARKS and seen[:k] + seen[k + 1 :] == word
               for k in range(1, len(seen)))


@lru_cache(maxsize=256)
def normalise_title(raw: str) -> str:
    """The standard form of a title as written.

    >>> normalise_title("น. ส.'"), normalise_title("ว่าที่ ร.ต."), normalise_title("พ.ต.ท")
    ('นางสาว', 'ว่าที่ร้อยตรี', 'พันตำรวจโท')
    """
    text = re.sub(r"[\s'’`\-]", "", raw).replace(",", ".").replace("ท่ี", "ที่")
    if (known := _BY_SKELETON.get(title_skeleton(text))) is not None and "." not in text:
        return known  # marks a font or a scan damaged (`ว่าท่รีูอยตรี`)
    if (unmarked := re.sub(f"[{_STRAY_MARKS}]", "", text)) in ("นาย", "นาง", "นางสาว", "ดร."):
        text = unmarked  # specks on a title that has no marks
    female = text.endswith("หญิง") and text != "แพทย์หญิง"
    if female:
        text = text[: -len("หญิง")]
    suffix = "หญิง" if female else ""
    acting = re.match(_ACTING_PREFIX, text)
    if acting:
        rank = text[acting.end() :]
        rank_dotted = rank if rank.endswith(".") or "." not in rank else rank + "."
        return _ACTING.get(rank_dotted, _ACTING.get(rank, "ว่าที่" + rank)) + suffix
    if text in _SPELLED:
        return _IN_FULL.get(_SPELLED[text], _SPELLED[text]) + suffix
    if text.replace(".", "") in ("นส",):
        return "นางสาว"
    dotted = text if text.endswith(".") else text + "."
    if dotted in _ABBREVIATIONS:
        return _IN_FULL.get(dotted, dotted) + suffix
    return text + suffix


def _skeletons() -> dict[str, str]:
    forms = [w for w in _SPELLED if len(title_skeleton(w)) >= _TOLERANT_MIN]
    forms += [v for v in _ACTING.values()]
    out: dict[str, str] = {}
    for form in forms:
        for female in ("", "หญิง"):
            out[title_skeleton(form + female)] = normalise_title(form + female)
    return out


_BY_SKELETON: dict[str, str] = {}
_BY_SKELETON.update(_skeletons())


def title_only(token: str) -> bool:
    """Is ``token`` a person's title and nothing more (``ดร.``, ``น.ส.``, ``ว่าที่ร.ต.``)?"""
    return _ANY_TITLE.fullmatch(token.strip()) is not None


def starts_with_title(text: str) -> bool:
    """Does ``text`` open with a person's title (``๑. นายสมชาย``: a numbered name)?"""
    return bool(_ANY_TITLE.match(text.lstrip()))


def _title_at(text: str, pos: int) -> bool:
    return bool(_ANY_TITLE.match(text, pos))


def _lookalike_title_patterns() -> list[tuple[re.Pattern[str], str]]:
    """The short titles and the acting ranks with each letter free to be one OCR confuses it
    with (``ตร.`` for ดร., ``บาง`` for นาง, ``นำย`` for นาย), the dot free to be a comma."""
    from extract.namedistance import CONFUSABLE

    def lookalike(title: str) -> str:
        pieces = []
        for ch in title:
            if ch == ".":
                pieces.append(r"\s?[.,]\s?")
            elif ch in "าำ":
                pieces.append("[าำ]")
            else:
                pieces.append("[" + ch + "".join(sorted(CONFUSABLE.get(ch, ()))) + "]")
            pieces.append(f"[{_STRAY_MARKS}]?")  # and a speck read as a mark (ตํร.)
        return "".join(pieces)

    out = [(re.compile(lookalike(t)), t) for t in ("นางสาว", "นาย", "นาง", "ดร.")]
    # the acting ranks' abbreviations (`ว่าที่ ร.ห.` for ว่าที่ ร.ท.), their last dot optional
    for rank in ("ร.ต.", "ร.ท.", "ร.อ."):
        body = lookalike(rank[:-1])
        out.append((re.compile(rf"{_ACTING_PREFIX}\s?{body}(?:\s?[.,])?"), _ACTING[rank]))
    return out


_LOOKALIKE_TITLES = _lookalike_title_patterns()
