"""The decoder's cost model and the switches that say which damage a pass may undo.

Costs are in nats, comparable to word costs -ln P(word) (about 2 for ที่, 17 for a word the
corpus never counted). A change must pay for itself with a better reading.
"""

from __future__ import annotations

import math

from extract.thaichars import FONT_MARK_SWAPS as _FONT_MARK_SWAPS
from extract.thaichars import REPAIR_MARK_MISREADINGS, REPAIR_MISREADINGS, SARA_AM

UNKNOWN_COST = 22.0  # one letter group outside any dictionary word
INVALID_COST = 12.0  # extra, for a letter group no Thai spelling allows (two tone marks...)
MOVE_COST = 2.0  # per mark moved back one consonant
SARA_AM_COST = 0.0  # a space before SARA AA was a lost NIKHAHIT: the usual reason for one
COMMA_MARK_COST = 2.0  # a comma between two Thai letters was a misread MAI EK
CONFUSION_COST = 5.5  # one OCR misreading: the other reading must be ~250x likelier
CROSS_GAP_COST = 4.0  # once per word that spans spaces: two real words keep their gap
WEAK_GAP_COST = -2.0  # per WEAK_GAP a word spans: a space that split a letter from its mark
ACCEPT_MARGIN = 2.0  # a changed stretch must beat the text as written by this much
COMMON_COST = 9.0  # a word at least this common (about 1 in 8,000 words)

# What undoing a misreading of `extract.thaichars.REPAIR_MISREADINGS` costs, where it is not
# CONFUSION_COST: ช read as ซ is the systematic one (ประซาซน), ฃ is only ever a misreading of
# ข, and a PDF font's SARA AM for SARA AA is a character map, not a guess.
_MISREADING_COST = {"ซ": 3.0, "ฃ": 1.0, SARA_AM: 3.0}

#: Letters OCR (or a broken PDF font) reads in place of another: the letter as read, the
#: letters it may stand for, with the cost of undoing the misreading (the directions and why
#: only these: `extract.thaichars.REPAIR_MISREADINGS`).
CONFUSABLE: dict[str, tuple[tuple[str, float], ...]] = {
    read: ((true, _MISREADING_COST.get(read, CONFUSION_COST)),)
    for read, true in REPAIR_MISREADINGS.items()
}
#: Marks OCR reads in place of another (as read: may stand for), undone at CONFUSION_COST
#: (`extract.thaichars.REPAIR_MARK_MISREADINGS`). A swapped mark must make a general word of
#: five letters or more (ดิวิชั่น is no ดิวิชั้น).
MARK_CONFUSABLE: dict[str, str] = REPAIR_MARK_MISREADINGS

#: A bold face's swapped marks (`extract.thaichars.FONT_MARK_SWAPS`), and what undoing one
#: costs. A short word holding SARA UU (หู of หัวหูนา, รู of รูอง) gets a second look.
FONT_MARK_SWAPS: dict[str, str] = _FONT_MARK_SWAPS
FONT_SWAP_COST = CONFUSION_COST

#: The most a word made by a swap may cost, by its length: a short rare word is no evidence
#: (in loanwords and foreign names a swap makes one by chance: ชาร์ลีบราวน์ -> ลีน).
SWAP_MAX_COST = {1: -math.inf, 2: -math.inf, 3: 7.0, 4: COMMON_COST}
#: The swaps whose word may be a person name (OCR does them to names too: ซัญญา).
NAME_SAFE_SWAPS = frozenset({("ซ", "ช"), ("ฃ", "ข")})

#: A short word rarer than COMMON_COST that holds a letter OCR confuses may be a misreading
#: (ผู้รับผิดขอบ reads as ผู้รับผิด|ขอบ): it gets a second look.
SUSPECT_COST = COMMON_COST
SUSPECT_GROUPS = 3
#: Letters whose misreading spells common words (ประซาซน = ประ|ซา|ซน) get a second look in
#: any word but the commonest (ซึ่ง, ซื้อ), whatever its length.
ALWAYS_SUSPECT = frozenset("ซฃ")
SUSPECT_COST_SO_CHO = 8.0
DIRTY_REACH = 2  # groups beside a suspect token that may hold its displaced marks

# What a decoder pass may change: spaces (and SARA AM lost to one), mark positions, look-alikes.
MODE_JOIN = "join"
MODE_MARKS = "marks"
MODE_CONFUSIONS = "confusions"
