"""Officers: names from pythainlp's name lists, titles, spellings, positions, roles."""

from __future__ import annotations

from functools import cache

import numpy as np

from samples.families.spec import Person
from samples.families.text import choice

# Normalised title -> the spellings clerks use (the first is the full form).
SPELLINGS = {
    "นาย": ("นาย",),
    "นาง": ("นาง",),
    "นางสาว": ("นางสาว", "น.ส."),
    "ว่าที่ร้อยตรี": ("ว่าที่ร้อยตรี", "ว่าที่ ร.ต."),
    "ว่าที่ร้อยโท": ("ว่าที่ร้อยโท", "ว่าที่ ร.ท."),
    "ดร.": ("ดร.",),
    "ร้อยตำรวจเอก": ("ร้อยตำรวจเอก", "ร.ต.อ."),
    "พันตำรวจโท": ("พันตำรวจโท", "พ.ต.ท."),
    "จ่าสิบเอก": ("จ่าสิบเอก", "จ.ส.อ."),
}
MALE_TITLES = (("นาย", 70), ("ว่าที่ร้อยตรี", 8), ("ว่าที่ร้อยโท", 3), ("ดร.", 6),
               ("ร้อยตำรวจเอก", 2), ("พันตำรวจโท", 2), ("จ่าสิบเอก", 3))
FEMALE_TITLES = (("นาง", 42), ("นางสาว", 48), ("ดร.", 6), ("ว่าที่ร้อยตรี", 4))

STAFF_POSITIONS = (
    "นักวิชาการเงินและบัญชีชำนาญการ", "เจ้าพนักงานการเงินและบัญชีปฏิบัติงาน",
    "นักจัดการงานทั่วไปชำนาญการ", "นักวิเคราะห์นโยบายและแผนปฏิบัติการ",
    "เจ้าพนักงานธุรการชำนาญงาน", "นักวิชาการคอมพิวเตอร์ปฏิบัติการ", "นักทรัพยากรบุคคลชำนาญการ",
    "นักประชาสัมพันธ์ปฏิบัติการ", "นิติกรชำนาญการ", "เจ้าพนักงานพัสดุปฏิบัติงาน",
    "นักวิชาการตรวจสอบภายในปฏิบัติการ", "เจ้าพนักงานธุรการปฏิบัติงาน", "พนักงานราชการ",
    "นักวิชาการพัสดุชำนาญการ", "เจ้าพนักงานสถิติชำนาญงาน", "นักวิชาการสาธารณสุขชำนาญการ",
)
SENIOR_POSITIONS = (
    "หัวหน้าฝ่ายบริหารทั่วไป", "หัวหน้ากลุ่มงานบริหารทั่วไป", "นักวิชาการคลังชำนาญการพิเศษ",
    "หัวหน้ากลุ่มงานยุทธศาสตร์และแผนงาน", "นักจัดการงานทั่วไปชำนาญการพิเศษ",
    "หัวหน้ากลุ่มงานอำนวยการ", "ผู้อำนวยการกลุ่มพัฒนาระบบบริหาร", "หัวหน้างานบริการประชาชน",
)


@cache
def _names() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    # Sorted: the corpora are sets, whose order differs between processes.
    from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

    def clean(words: frozenset[str]) -> tuple[str, ...]:
        return tuple(sorted(w for w in words if w.isalpha() and 2 < len(w) < 13))

    return clean(thai_male_names()), clean(thai_female_names()), clean(thai_family_names())


def _weighted(rng: np.random.Generator, options: tuple[tuple[str, int], ...]) -> str:
    weights = np.array([w for _, w in options], dtype=float)
    return options[int(rng.choice(len(options), p=weights / weights.sum()))][0]


def draw_people(rng: np.random.Generator, count: int, *, abbreviations: str, glued: bool,
                positions_shown: float) -> tuple[Person, ...]:
    """`count` distinct officers; the first few are senior (the likely supervisors).

    abbreviations: "full" (always the full title), "short" (always the short form) or
    "mixed" (both, cycled over sightings, as real orders do).
    """
    male, female, family = _names()
    people: list[Person] = []
    seen: set[str] = set()
    while len(people) < count:
        is_male = bool(rng.random() < 0.5)
        given = choice(rng, male if is_male else female)
        surname = choice(rng, family)
        if given in seen or surname in seen:
            continue
        seen |= {given, surname}
        title = _weighted(rng, MALE_TITLES if is_male else FEMALE_TITLES)
        full = SPELLINGS[title]
        if abbreviations == "full" or len(full) == 1:
            spellings = full[:1]
        elif abbreviations == "short":
            spellings = full[-1:]
        else:
            spellings = full if rng.random() < 0.5 else full[::-1]
        senior = len(people) < max(2, count // 3)
        position = choice(rng, SENIOR_POSITIONS if senior else STAFF_POSITIONS)
        people.append(Person(title, given, surname, spellings, position,
                             bool(rng.random() < positions_shown), glued))
    return tuple(people)


def pick_responsible(rng: np.random.Generator, staff: list[int], supervisor: int,
                     team: tuple[float, float, float], both_rate: float = 0.06,
                     ) -> tuple[int, ...]:
    """One to three responsible officers; now and then the supervisor is one of them."""
    count = int(rng.choice([1, 2, 3], p=list(team)))
    chosen = [int(i) for i in rng.choice(staff, size=min(count, len(staff)), replace=False)]
    if rng.random() < both_rate and supervisor not in chosen:
        chosen[-1] = supervisor
    return tuple(chosen)
