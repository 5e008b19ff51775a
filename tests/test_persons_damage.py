"""One person behind the damage a scan or a wrapped cell does to a name.

The lines are recorded OCR output of the dev split's multiname copies and faxes (a document's
repaired page text); the expected people are the officers those documents typeset
(samples/generated/families/dev/multiname-000{2,4,6}.truth.json), never program output.
"""

from __future__ import annotations

from extract.names import cluster_officers
from extract.officers import NameMention, find_names


def _mentions(*lines: str) -> list[NameMention]:
    return [m for line in lines for m in find_names(line)]


def _people(mentions: list[NameMention], damaged: bool = True) -> list[tuple[str, str]]:
    officers, _ = cluster_officers(mentions, damaged=damaged)
    return sorted((o.title, o.name) for o in officers)


# --- นางสาว read as นาง + a damaged สาว glued to the given name ---------------------------------


def test_damaged_sao_tail_is_part_of_the_title_when_the_document_shows_the_name() -> None:
    mentions = _mentions(
        "นางสาวเนตรดาว ไผ่ขาว, นางลาวเนตรดาว ไผ่ขาว,",  # multiname-0004 copy
        "นางลาวเนตรดาว ไผ่ขาว นางสาวพนมมาศ มาตราช",
        "นางสลาวพนมมาศ มาตราช นางลาวพนมมาศ มาตราช",
        "นางสาวพนมมาศ มาตราช",
    )
    assert _people(mentions) == [
        ("นางสาว", "พนมมาศ มาตราช"),
        ("นางสาว", "เนตรดาว ไผ่ขาว"),
    ]


def test_damaged_sao_tail_before_a_listed_given_name_seen_once() -> None:
    # ดวงดาว is a listed given name and ดาวดวงดาว is none: one sighting is enough
    (m,) = _mentions("นางดาวดวงดาว วรสาร")
    officers, _ = cluster_officers([m])
    assert [(o.title, o.name) for o in officers] == [("นางสาว", "ดวงดาว วรสาร")]


def test_a_given_name_that_starts_like_sao_stays_whole() -> None:
    # ดาวเรือง is a given name of its own: นาง + ดาวเรือง, not นางสาว + เรือง
    mentions = _mentions("นางดาวเรือง ใจดี", "นางสาวเรือง ศรีสุข")
    assert _people(mentions, damaged=False) == [
        ("นาง", "ดาวเรือง ใจดี"),
        ("นางสาว", "เรือง ศรีสุข"),
    ]


def test_the_tail_alone_before_the_given_name() -> None:
    # `นางสาา ณกานตคา` (multiname-0002 fax): the tail, a space, then the given name
    mentions = _mentions(
        "นางสาวณกานดา เพชรทอง, นายศตพร บรรจบ",
        "นางสาวณกานดา เพชรทอง",
        "นางสาวณกานดา เพชรทอง",
        "นางสาา ณกานดา",
    )
    people = _people(mentions)
    assert ("นางสาว", "ณกานดา เพชรทอง") in people
    assert not [p for p in people if p[1].startswith("สา")]


# --- a colon read for SARA A -------------------------------------------------------------------


def test_colon_after_a_family_name_is_sara_a() -> None:
    # `โทไวย:` for โทไวยะ (multiname-0002 fax, the truth's นายพลวรรษ โทไวยะ)
    names = find_names("นายพลวรรษ โทไวย: นายศคพร บรรจบ")
    assert [(m.given, m.family) for m in names] == [("พลวรรษ", "โทไวยะ"), ("ศคพร", "บรรจบ")]


def test_colon_inside_a_family_name_is_sara_a() -> None:
    (m,) = find_names("นางสาวดนยา เสา:รส")
    assert (m.given, m.family) == ("ดนยา", "เสาะรส")


def test_colon_after_a_listed_family_name_stays_punctuation() -> None:
    (m,) = find_names("นายสมปอง ทองมาก: ผู้ประสานงาน")
    assert m.family == "ทองมาก"


# --- a family name or a given name cut where a cell wrapped -----------------------------------


def test_family_name_cut_at_a_wrap_joins_the_whole_name() -> None:
    # `นายอฤเดช ประสาท` / `ไทย` in a narrow cell (multiname-0004): seen three times cut
    mentions = _mentions(
        *["นายอฤเดช ประสาท"] * 3,
        *["นายอฤเดช ประสาทไทย, นางสาวเมธา สายดวง"] * 4,
    )
    assert _people(mentions, damaged=False) == [
        ("นางสาว", "เมธา สายดวง"),
        ("นาย", "อฤเดช ประสาทไทย"),
    ]


def test_two_people_with_one_family_name_stay_apart() -> None:
    mentions = _mentions(*["นายสมชาย ประสาท"] * 3, *["นายอฤเดช ประสาทไทย"] * 4)
    assert _people(mentions, damaged=False) == [
        ("นาย", "สมชาย ประสาท"),
        ("นาย", "อฤเดช ประสาทไทย"),
    ]


def test_given_name_cut_in_two_in_every_row_joins_the_person() -> None:
    # `นางแพรว` / `พลอย ไชยสน`, the family name then lost (multiname-0002 fax)
    mentions = _mentions(
        *["นางแพรว พลอย"] * 5,
        *["นางแพรวพลอย ไชยสน"] * 8,
    )
    assert _people(mentions) == [("นาง", "แพรวพลอย ไชยสน")]


def test_listed_family_name_with_junk_glued_on_keeps_its_spelling() -> None:
    # `นางกำไร บางปาไขแตง` (ruled-0001 copy): the next cell's words glued to the family name
    mentions = _mentions(*["นางกำไร บางปา"] * 11, *["นางกำไร บางปาไขแตง"] * 3)
    assert _people(mentions) == [("นาง", "กำไร บางปา")]


# --- the spelling of one person -------------------------------------------------------------


def test_listed_spelling_the_scan_showed_beats_a_frequent_misreading() -> None:
    # ruled-0001 fax: ภ read as ก in most rows; the truth is นางสาวประภากร ชนะพล
    mentions = _mentions(
        *["น.ส.ประกากร ชนะพล"] * 29, *["น.ส.ประภากร ชนะพล"] * 5, "น.ส.ประกากร ขชนะพล"
    )
    assert _people(mentions) == [("นางสาว", "ประภากร ชนะพล")]


def test_unlisted_spelling_seen_in_every_row_stays() -> None:
    # no listed name among the readings: the evidence decides
    mentions = _mentions(*["นายพศร แวตาเยะ"] * 6, "นายพคร แวตาเยะ")
    assert _people(mentions) == [("นาย", "พศร แวตาเยะ")]


def test_family_name_whose_start_went_to_the_line_above() -> None:
    # multiname-0004 copy: นางนฤนาท เปนนาม read three times with only the end of the family
    mentions = _mentions(*["นางนฤนาท นาม"] * 3, *["นางนฤนาท เปนนาม"] * 6)
    assert _people(mentions) == [("นาง", "นฤนาท เปนนาม")]


def test_a_family_name_alone_split_by_the_name_lists_joins_its_person() -> None:
    # multiname-0001 fax: `นาย ถนอมธรรม`, the given name ธราธร lost
    mentions = _mentions(*["นายธราธร ถนอมธรรม"] * 6, "นาย ถนอมธรรม")
    assert _people(mentions) == [("นาย", "ธราธร ถนอมธรรม")]


def test_the_next_names_damaged_acting_rank_is_no_family_name() -> None:
    # multiname-0004 scan: `ว่าทีร้อยตรีเมธา ว่าที่ข้อยตรีนฤพล์` (two people side by side)
    names = find_names("ว่าทีร้อยตรีเมธา ว่าที่ข้อยตรีนฤพล์")
    assert all(not m.family.startswith("ว่าที") for m in names)


def test_a_rare_missplit_sighting_does_not_respell_the_family_name() -> None:
    # a text layer's `นายธารา ทรอานาคะ` once beside `นายธาราทร อานาคะ` (อำนาคะ with SARA AM
    # as SARA AA) in every other row; the generator typeset นายธาราทร อำนาคะ
    mentions = _mentions(*["นายธาราทร อานาคะ"] * 17, "นายธารา ทรอานาคะ")
    assert _people(mentions, damaged=False) == [("นาย", "ธาราทร อำนาคะ")]


def test_the_cut_after_the_tail_that_the_document_confirms_wins() -> None:
    # ruled-0005 copy: `นางสาานยารรณ ประธาน` is สาา + นยารรณ (seen so), not สาาน + ยารรณ
    mentions = _mentions(*["น.ส.นยารรณ ประธาน"] * 4, "นางสาานยารรณ ประธาน")
    assert _people(mentions, damaged=False) == [("นางสาว", "นยารรณ ประธาน")]


# --- a stray sighting whose family name a wrap cut or ran on, with look-alike damage ---------
# Lines recorded from dev pages; people from the typeset truth (sectionlist-0003, ruled-0002).


def test_family_name_cut_with_a_look_alike_letter_joins_its_person() -> None:
    # sectionlist-0003 fax: `บ่ะ` is `ปะ` (บ/ป, a mark added) of ปะจะเน, cut where it wrapped
    mentions = _mentions(
        "ผู้คับผิดชอบ นายวรดร บ่ะจะเน เจ้าพนัวงานพัสดุปฏิบัติงาน และ น่ายมโน กาซอ",
        "ต้องการฯ ผู้รับผิดชอบ นายวรดร ปะจะเน เจ้าพนักงานพัลดุปฏิทัติงาน    และ นายแวปา หามะ",
        "ท่างการติดตวไว้อย่างชัดเจน ฟู้รับผิตชอบ นายวรดร ปะจะเน เจ้าพนักงานพัสดุมฏิบัติงาน",
        "รับผิดชอบ นายวรดร ปะจะเน เจ้าพนักงานพัลดุปฏิบัติงาน",
    )
    people = _people(mentions)
    assert ("นาย", "วรดร ปะจะเน") in people
    assert not [name for _, name in people if name.startswith("วรดร ") and name != "วรดร ปะจะเน"]


def test_family_name_run_on_into_the_next_words_joins_its_person() -> None:
    # ruled-0002 fax: the cell's `ตร.เมษยา ทยากรรม` / `พลงนอคา` joined into one family name
    mentions = _mentions(
        *["ดร.เมษยา ทยาธรรม"] * 4, "คร.เมษยา ทยาธรรม", "ตร.เมษยา ทยากรรมพลงนอคา"
    )
    assert [name for _, name in _people(mentions)] == ["เมษยา ทยาธรรม"]


def test_one_given_name_with_another_family_name_stays_a_second_person() -> None:
    # two people may share a given name: a family name that is no cut or run-on of the
    # other's keeps them apart, also when one is seen once
    mentions = _mentions(*["นายวรดร ปะจะเน"] * 4, "นายวรดร บุญมา")
    assert [name for _, name in _people(mentions)] == ["วรดร บุญมา", "วรดร ปะจะเน"]


# --- one look-alike letter off a listed name, the other half of the name listed ----------------


def test_a_font_read_one_look_alike_letter_off_in_every_sighting() -> None:
    # sectionlist-0002 copy: ฏ read as ฎ at every sighting (the truth's นางสาวนวรรษฏมน พจนา;
    # พจนา is a listed family name, นวรรษฎมน no listed given name, นวรรษฏมน one)
    mentions = _mentions(
        "ผู้กํากับดูแล .นางสาวนวรรษฎมน พจนา",
        "ไตรภพ, นางสาวนวรรษฎมน พจนา",
        "ผู้กำกับดูแล นางสาวนวรรษฎมน พจนา",
    )
    assert _people(mentions) == [("นางสาว", "นวรรษฏมน พจนา")]
    # sectionlist-0003 copy: ถ read as ก, seen once (the truth's นางสาวชนกนาถ พวงประโคน)
    (m,) = _mentions("ให้ นางสาวชนกนาก พวงประโคน เป็นผู้กำกับดูแลเกณฑ์ด้านผลลัพธ์ โดยมีผู้")
    assert _people([m]) == [("นางสาว", "ชนกนาถ พวงประโคน")]


def test_one_sighting_one_look_alike_off_the_listed_name_among_many_damaged_ones() -> None:
    # sectionlist-0003 copy: ฑ read as ทฑท, ฑท, ท (the truth's นางสาวมนฑวรรณ ชนะโรค)
    mentions = _mentions(
        "2 หู นางสาวมนทฑทวรรณ ชนะโรค เป็นผู้กำกับดูแลเกณ์ฑ์ด้านคุณภาพ โดยมีผู้'",
        "นายวรดร ปะจะเน เจ้าพนักงานพัสดุปฏิบัติงาน และ นางสาวมนฑทว์รรณ ชนะโรค",
        "ผู้รับผิดชอบม นางสาวมนทฑทวรรณ ชนะโรค",
        "ข้อมูลได้อย่างครอบคลุม ถูกต้อง ผู้รับผิดชอบ นางสาวมนทวรรณ ชนะโรค",
        "นักวิชาการตรวจุล่อบภายในปฏิบัติภาร และ นางสาวมนฑทวรรณะชนะโรค",
    )
    assert ("นางสาว", "มนฑวรรณ ชนะโรค") in _people(mentions)


def test_a_look_alike_consonant_stays_when_the_other_half_is_no_listed_name() -> None:
    # seed 003: รัชฎาพร ขันทะบุตร (ซ for ช), not the listed รัชฏาพร: ขันทะบุตร is unlisted, so
    # the lists say nothing about this person's spelling
    mentions = _mentions("นางรัซฎาพร ขันทะบุตร", "นางรัซฎาพร ขันทะบุตร", "นางรัซฎาพร ขันทะบุตร")
    assert _people(mentions) == [("นาง", "รัชฎาพร ขันทะบุตร")]
    # a mark lost besides the letter is too much: ไผ่ขาว stays (the listed ไฝขาว is not it)
    mentions = _mentions("นางสาวเนตรดาว ไผ่ขาว", "นางสาวเนตรดาว ไผ่ขาว")
    assert _people(mentions) == [("นางสาว", "เนตรดาว ไผ่ขาว")]
