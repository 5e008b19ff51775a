"""Thai character classes and the table of letters OCR and PDF fonts confuse: one place for all.

A leaf module (no project imports): the repair, the matching key (`textnorm.fold`), names,
officers and the PDF reader take their classes from here.

Character classes come twice where both forms are used: as a string (for regular-expression
classes, ``f"[{MARKS}]"``) and as a frozenset (for membership tests in loops).

The confusion table is :data:`LOOKALIKE_PAIRS`: every pair of letters OCR engines read for one
another in printed Thai. Its users take views of it, each documented where it is defined:

- names (`extract/names.py`) use every pair, both ways: a name is compared with its other
  sightings, never rewritten from a dictionary;
- the repair (:data:`REPAIR_MISREADINGS`) undoes only the directions seen in real scans, and not
  ศ read as ค (คุภศิลป): ค is the commonest letter of loanwords, and undoing it turned correct
  loanwords and names into dictionary fragments;
- the matching key (:data:`FOLD_CLASSES`) folds look-alikes and spelling variants into one
  letter (ส/ศ/ษ, ด/ต/ฎ/ฏ): lossy on purpose, and also without ค/ศ, which would merge the
  classes of ค and ส.
"""

from __future__ import annotations

import re

# --- code points --------------------------------------------------------------------------------

SARA_A = "\u0e30"
MAI_HAN_AKAT = "\u0e31"
SARA_AA = "\u0e32"
SARA_AM = "\u0e33"
SARA_I = "\u0e34"
SARA_UU = "\u0e39"
PHINTHU = "\u0e3a"
LAKKHANGYAO = "\u0e45"
MAITAIKHU = "\u0e47"
MAI_EK = "\u0e48"
MAI_THO = "\u0e49"
THANTHAKHAT = "\u0e4c"
NIKHAHIT = "\u0e4d"
YAMAKKAN = "\u0e4e"

# --- letters ------------------------------------------------------------------------------------

CONSONANTS = "".join(chr(c) for c in range(0x0E01, 0x0E2F))  # ก..ฮ, with ฤ and ฦ
#: Vowels written before the consonant they follow in speech.
LEAD_VOWELS = "เแโใไ"
#: Vowel letters written after the consonant, on the line (SARA A, AA, AM, LAKKHANGYAO).
FOLLOW_VOWELS = "ะาำๅ"
#: Letters rare in writing today, seen mostly as misreadings (ฃ for ข, ฅ for ค).
OBSOLETE = "ฃฅ"

# --- marks (combining characters stacked on a consonant) ---------------------------------------

#: Vowels above the consonant (MAI HAN-AKAT, SARA I, II, UE, UEE).
ABOVE_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37"
#: Vowels below it, and PHINTHU (SARA U, UU, PHINTHU).
BELOW_VOWELS = "\u0e38\u0e39\u0e3a"
#: Marks stacked first on a consonant: above and below vowels, PHINTHU, MAITAIKHU.
VOWEL_MARKS = ABOVE_VOWELS + BELOW_VOWELS + MAITAIKHU
#: The four tone marks.
TONES = "\u0e48\u0e49\u0e4a\u0e4b"
#: Signs above a consonant that are neither vowel nor tone: THANTHAKHAT, NIKHAHIT, YAMAKKAN.
SIGNS = THANTHAKHAT + NIKHAHIT + YAMAKKAN
#: Marks stacked last: the tone marks and the signs.
TONE_MARKS = TONES + SIGNS
#: Every combining mark (SARA AM is a letter, not a mark).
MARKS = VOWEL_MARKS + TONE_MARKS
#: Marks written above the consonant.
TOP_MARKS = ABOVE_VOWELS + MAITAIKHU + TONE_MARKS

CONSONANT_SET = frozenset(CONSONANTS)
LEAD_SET = frozenset(LEAD_VOWELS)
FOLLOW_SET = frozenset(FOLLOW_VOWELS)
MARK_SET = frozenset(MARKS)
TONE_MARK_SET = frozenset(TONE_MARKS)
TONE_SET = frozenset(TONES)
TOP_MARK_SET = frozenset(TOP_MARKS)
BELOW_SET = frozenset(BELOW_VOWELS)
TOP_VOWEL_SET = frozenset(ABOVE_VOWELS + MAITAIKHU)  # names: vowels above, with MAITAIKHU

#: Marks OCR confuses by shape: the wide arcs above a letter, the small signs above it (tone
#: marks, MAITAIKHU, THANTHAKHAT...), the vowels below it.
MARK_SHAPES = (frozenset(ABOVE_VOWELS), frozenset(MAITAIKHU + TONE_MARKS), BELOW_SET)

# --- ranges for regular-expression classes (use inside [...]) ----------------------------------

#: The consonants ก..ฮ (with ฤ and ฦ), as a range.
CONSONANT_RANGE = "\u0e01-\u0e2e"
#: Every combining mark, as a range.
MARK_RANGE = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
#: The characters a Thai word is made of: letters, vowels, marks (no digits, ฯ, ๆ or ฿).
WORD_RANGE = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
#: The letters that sit on the line (consonants, SARA A, SARA AA, lead vowels, LAKKHANGYAO).
LINE_LETTER_RANGE = "\u0e01-\u0e2e\u0e30\u0e32\u0e40-\u0e45"
#: ก to YAMAKKAN: letters, marks and the signs among them (ฯ ฿ ๆ), no digits.
LETTERS_AND_MARKS_RANGE = "\u0e01-\u0e4e"
#: Every assigned Thai character but the block's first code point: letters, marks, digits, ฯ ๆ ๏.
THAI_RANGE = "\u0e01-\u0e5b"
#: The whole Unicode block.
THAI_BLOCK_RANGE = "\u0e00-\u0e7f"

# --- the confusion table ------------------------------------------------------------------------

#: Look-alike consonants in printed Thai, as OCR engines confuse them (either way).
LOOKALIKE_PAIRS: tuple[str, ...] = tuple(
    "ชซ ขช ขฃ ชฃ ขซ คฅ คศ ศส คส คด ดต นบ บป นป ปฟ พฟ พผ ผฝ ฝฟ บษ ภถ ถฤ ภฦ ถก "
    "ฎฏ ฎฐ ญฌ ญณ มฆ ทฑ ทห รธ วร อฮ งจ ฬฟ".split()
)
#: Look-alike vowel letters (and a PDF font's SARA AM for SARA AA).
LOOKALIKE_VOWEL_PAIRS: tuple[str, ...] = ("าำ", "าๅ", "ใไ", "ใโ", "ไโ")


def lookalikes(pairs: tuple[str, ...] = LOOKALIKE_PAIRS) -> dict[str, frozenset[str]]:
    """Every letter of ``pairs`` and the letters it is confused with.

    >>> sorted(lookalikes()["น"])
    ['บ', 'ป']
    """
    out: dict[str, frozenset[str]] = {}
    for pair in pairs:
        a, b = pair[0], pair[1]
        out[a] = out.get(a, frozenset()) | {b}
        out[b] = out.get(b, frozenset()) | {a}
    return out


#: The repair's view: letter as read -> the letter it stands for, in the directions seen in
#: real scans and text layers: ช read as ซ (ประซาซน), น as บ (หน่วยงาบ), ช as ข (ผู้รับผิดขอบ),
#: ข as the obsolete ฃ; some PDF fonts map SARA AA to SARA AM (บริกำร).
REPAIR_MISREADINGS: dict[str, str] = {
    "ซ": "ช",
    "บ": "น",
    "ข": "ช",
    "ฃ": "ข",
    SARA_AM: SARA_AA,
}
#: Marks read in place of another (as read -> what it may stand for): MAI THO for MAI
#: HAN-AKAT (ป้ญหา), for MAI EK, THANTHAKHAT and SARA UU (bold faces map SARA UU to MAI THO);
#: MAI EK for MAI THO and THANTHAKHAT (ออนไลน่). SARA I, THANTHAKHAT and MAITAIKHU as read are
#: trusted: they are everywhere in loanwords and names (มินสค์, ไอรอนส์, จ็อบ).
REPAIR_MARK_MISREADINGS: dict[str, str] = {
    MAI_THO: MAI_HAN_AKAT + MAI_EK + THANTHAKHAT + SARA_UU,
    MAI_EK: MAI_THO + THANTHAKHAT,
}

#: Marks a bold Thai face's text layer writes for one another (as read -> what it may stand
#: for): MAI THO as SARA UU (``ผูู`` for ผู้, ``ขูอ`` for ข้อ, ``ดูาน`` for ด้าน) and SARA UU as
#: MAI THO (``ถ้ก`` for ถูก). A character map of the font, not a look-alike: no OCR does it.
FONT_MARK_SWAPS: dict[str, str] = {SARA_UU: MAI_THO, MAI_THO: SARA_UU}

#: The matching key's view: each class folds to its first letter. Look-alikes plus letters that
#: differ only by spelling convention (ษ/ส, ฆ/ค, ธ/ฒ/ท); see `extract.textnorm.fold`.
FOLD_CLASSES: dict[str, str] = {
    "ช": "ขฃชซ",
    "น": "นบ",
    "ด": "ดตฎฏ",
    "พ": "พฟปผฝ",
    "ส": "สศษ",
    "ค": "คฅฆ",
    "ท": "ทธฑฒ",
    "ไ": "ใไ",
    "ภ": "ภถ",
}

#: A `str.translate` table that drops every mark and writes SARA AM as SARA AA: what a text
#: layer's or a scan's spelling of a name may lose (ชากรม for ชำกรม).
UNMARK: dict[int, str | None] = {ord(m): None for m in MARKS} | {ord(SARA_AM): SARA_AA}


_ANY_THAI = re.compile(f"[{THAI_RANGE}]")


def has_thai(text: str) -> bool:
    """Whether `text` holds any Thai character.

    >>> has_thai("Order 12"), has_thai("คำสั่ง")
    (False, True)
    """
    return bool(_ANY_THAI.search(text))
