"""Draw the content of an order (or a circular's criteria list) from a seed: edition, blocks,
printed numbers with a clerk's slips, officers and who holds which item.

Family modules call `draw_order` with their layout choices; what is drawn here is shared.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from samples.families import catalog
from samples.families.letter import draw_order_letter
from samples.families.people import draw_people, pick_responsible
from samples.families.spec import Block, DeclaredCount, DocSpec, Item, Person, SubItem
from samples.families.text import choice, digits, rng_for, short_title, thai_words

DIGIT_MODES = ("thai", "arabic", "mixed")
FONTS = ("Laksaman", "Garuda", "Norasi", "Kinnari", "Loma", "Umpush", "Waree", "Sawasdee")
# Body sizes that look like an office's template in each face (the tlwg faces differ a lot in
# x-height: Laksaman is small at 16 pt, Garuda large at 13 pt).
FONT_SIZES = {"Laksaman": (15, 16, 16), "Norasi": (13, 14, 15), "Kinnari": (13, 14, 15),
              "Garuda": (11, 12, 13), "Loma": (12, 13, 14), "Umpush": (12, 13, 14),
              "Waree": (11, 12, 13), "Sawasdee": (12, 13, 14)}
FAMILY_INDEX = {"ruled": 0, "norules": 3, "multiname": 5, "list": 1, "sectionlist": 6,
                "circular": 2}


@dataclass(frozen=True)
class Basics:
    """The choices every family shares, spread over seeds so that a split's few documents
    differ in edition, digits and font."""

    edition: str
    digits: str
    font: str
    size_pt: int


def basics(family: str, seed: int) -> Basics:
    """
    >>> basics("ruled", 1) == basics("ruled", 1)
    True
    >>> sorted({basics("list", s).edition for s in (1, 2, 3)})
    ['2562', '2566', '2567']
    """
    rng = rng_for(family, seed, "basics")
    offset = FAMILY_INDEX.get(family, 0)
    edition = catalog.EDITIONS[(seed + offset) % 3]
    mode = DIGIT_MODES[(seed * 2 + offset) % 3]
    font = FONTS[(seed * 3 + offset) % len(FONTS)]
    return Basics(edition, mode, font, int(choice(rng, FONT_SIZES[font])))


SECTION_HEADS = (
    "ด้านที่ {n} {name}", "{n}. {name}", "{n} {name}", "{name}",
)


def block_digits(rng: np.random.Generator, mode: str, count: int) -> list[bool]:
    """Thai digits per block: all, none, or a mix with both kinds present."""
    if mode != "mixed":
        return [mode == "thai"] * count
    flags = [bool(rng.random() < 0.5) for _ in range(count)]
    if count > 1 and len(set(flags)) == 1:
        flags[int(rng.integers(count))] = not flags[0]
    return flags


def _slips(rng: np.random.Generator, blocks: list[list[tuple[str, str]]],
           rate: float) -> dict[tuple[int, int], tuple[str, str]]:
    """(block, item) -> (printed number in Arabic digits, kind) for a clerk's slips.

    A repeated number copies the previous item's number (same topic, so it looks like a slip);
    a skipped number jumps one ahead on a block's last item, which leaves the others right.
    """
    out: dict[tuple[int, int], tuple[str, str]] = {}
    if rng.random() >= rate:
        return out
    wanted = 2 if rng.random() < 0.2 else 1
    for _ in range(20):
        if len(out) == wanted:
            break
        b = int(rng.integers(len(blocks)))
        numbers = [n for n, _ in blocks[b]]
        if len(numbers) < 3:
            continue
        if rng.random() < 0.6:
            i = int(rng.integers(1, len(numbers)))
            prev, cur = numbers[i - 1], numbers[i]
            if prev.rpartition(".")[0] != cur.rpartition(".")[0] or (b, i - 1) in out:
                continue
            if (b, i + 1) in out:
                continue
            out[(b, i)] = (prev, "repeated")
        else:
            i = len(numbers) - 1
            head, dot, last = numbers[i].rpartition(".")
            out[(b, i)] = (f"{head}{dot}{int(last) + 1}", "skipped")
    return out


def block_name(key: str, section_no: int | None) -> str:
    """
    >>> block_name("quality-2", 2), block_name("physical", None)
    ('ด้านบริการ', 'เกณฑ์ด้านกายภาพ')
    """
    fixed = {"physical": "เกณฑ์ด้านกายภาพ", "quality": "เกณฑ์ด้านคุณภาพ",
             "special": "เงื่อนไขพิเศษ (เพิ่มเติม)", "results": "เกณฑ์ด้านผลลัพธ์"}
    if key in fixed:
        return fixed[key]
    return catalog.SECTION_NAMES[catalog.SECTION_ORDER[(section_no or 1) - 1]]


def heading_of(key: str, section_no: int | None, thai: bool, template: str) -> str:
    name = block_name(key, section_no)
    if key in ("physical", "quality", "results"):
        return name
    return template.format(n=digits(section_no or 0, thai), name=name)


def draw_blocks(rng: np.random.Generator, edition: str, mode: str, *, subitems: bool,
                declare: bool, slip_rate: float, title_limit: int) -> tuple[
                    list[Block], list[DeclaredCount]]:
    """Blocks without people (supervisor None): the criteria as this document prints them."""
    raw = catalog.blocks(edition)
    thai_flags = block_digits(rng, mode, len(raw))
    doc_thai = mode != "arabic"
    slips = _slips(rng, [[(c.number, c.id) for c in b.criteria] for b in raw], slip_rate)
    template = choice(rng, SECTION_HEADS)
    count_style = choice(rng, ("จำนวน {n} ข้อ", "({n} ข้อ)", "จำนวน {n} ข้อ ({w}ข้อ)"))

    def count_text(n: int) -> str:
        return count_style.format(n=digits(n, doc_thai), w=thai_words(n))

    blocks: list[Block] = []
    declared: list[DeclaredCount] = []
    quality_total = sum(len(b.criteria) for b in raw if b.key.startswith("quality"))
    sub_budget = 4
    for b_index, (raw_block, thai) in enumerate(zip(raw, thai_flags, strict=True)):
        items = []
        for i_index, crit in enumerate(raw_block.criteria):
            slip = slips.get((b_index, i_index))
            printed = digits(slip[0] if slip else crit.number, thai)
            subs: tuple[SubItem, ...] = ()
            wants_subs = subitems and crit.sub_items and (
                raw_block.key in ("special", "results") or (sub_budget > 0 and rng.random() < .3))
            if wants_subs:
                if raw_block.key not in ("special", "results"):
                    sub_budget -= 1
                subs = tuple(SubItem(digits(n, thai), short_title(t, 60))
                             for n, t in crit.sub_items[:4])
            title = short_title(crit.title, title_limit)
            if mode != "mixed":
                title = digits(title, thai)
            items.append(Item(crit.id, crit.number, printed, digits(crit.number, thai), title,
                              crit.level, None, (), subs, slip[1] if slip else None))
        heading = heading_of(raw_block.key, raw_block.section_no, doc_thai, template)
        declaration = None
        intro = None
        if declare:
            declaration = count_text(len(items))
            declared.append(DeclaredCount(raw_block.key, len(items), declaration))
            if raw_block.key == "physical" and rng.random() < 0.6:
                declaration += " (ต้องผ่านเกณฑ์ทุกข้อ)"
        if raw_block.key == "quality-1":
            intro = "เกณฑ์ด้านคุณภาพ"
            if declare:
                phrase = count_text(quality_total)
                intro += " " + phrase
                declared.append(DeclaredCount("quality", quality_total, phrase))
        blocks.append(Block(raw_block.key, heading, declaration, tuple(items), thai, intro,
                            block_name(raw_block.key, raw_block.section_no)))
    # The order templates print no total: the draw stays only so that every document keeps
    # the typesetting it had (the truth listed a total that no page printed).
    if declare:
        rng.random()
    return blocks, declared


def assign(rng: np.random.Generator, blocks: list[Block], people: tuple[Person, ...], *,
           strict_sections: bool, team: tuple[float, float, float],
           exception_rate: float = 0.12) -> list[Block]:
    """Supervisor per block (now and then one item has another), 1-3 responsible per item."""
    n_sup = max(2, min(5, len(people) // 3))
    supervisors = list(range(n_sup))
    staff = list(range(n_sup, len(people)))
    out = []
    for block in blocks:
        boss = int(choice(rng, supervisors))
        items = []
        for item in block.items:
            sup = boss
            if not strict_sections and rng.random() < exception_rate:
                sup = int(choice(rng, [s for s in supervisors if s != boss]))
            items.append(replace(item, supervisor=sup,
                                 responsible=pick_responsible(rng, staff, sup, team)))
        out.append(replace(block, items=tuple(items)))
    return out


def draw_order(family: str, seed: int, split: str, style: dict, *, subitems: bool = False,
               strict_sections: bool = False, positions_shown: float = 0.0,
               title_limit: int = 90, team: tuple[float, float, float] = (0.45, 0.4, 0.15),
               ) -> DocSpec:
    """An order of `family`: content drawn here, `style` (layout choices) from the family.

    team: probabilities of one, two and three responsible officers per item.
    """
    rng = rng_for(family, seed, "content")
    base = basics(family, seed)
    declare = bool(rng.random() < 0.7)
    blocks, declared = draw_blocks(rng, base.edition, base.digits, subitems=subitems,
                                   declare=declare, slip_rate=0.45, title_limit=title_limit)
    abbreviations = choice(rng, ("full", "short", "mixed", "mixed"))
    glued = bool(rng.random() < 0.8)
    people = draw_people(rng, int(rng.integers(8, 15)), abbreviations=abbreviations,
                         glued=glued, positions_shown=positions_shown)
    signer = draw_people(rng_for(family, seed, "signer"), 1, abbreviations="full",
                         glued=True, positions_shown=0.0)[0]
    # A signer who shares a name with an officer would make the truth ambiguous.
    if {signer.given, signer.family} & {p for q in people for p in (q.given, q.family)}:
        signer = replace(signer, given=signer.given + "ศักดิ์")
    blocks = assign(rng, blocks, people, strict_sections=strict_sections, team=team)
    letter = draw_order_letter(rng, base.edition, signer, thai=base.digits != "arabic")
    style = {"font": base.font, "size_pt": base.size_pt, "titles": abbreviations,
             "title_glued": glued, **style}
    return DocSpec(family, seed, split, "order", base.edition, base.digits, letter,
                   tuple(blocks), people, style, tuple(declared))
