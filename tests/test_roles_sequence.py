"""Merged-cell roles and sequence-aware numbering on small hand-made item lists."""

from extract.findings import Flag, FlagKind
from extract.models import Group, Item, Role
from extract.roles import resolve_roles
from extract.sequence import assign_ids


def _item(group: Group, parts, rows=(), text="", section_break=False, section=None) -> Item:
    return Item(
        group,
        ".".join(map(str, parts)),
        tuple(parts),
        1,
        text,
        name_rows=tuple(tuple(r) for r in rows),
        section_break=section_break,
        section=section,
    )


def test_merged_cells_and_carried_supervisor() -> None:
    # P1: sup A, resp B C;  P2: no names (merged);  Q1.1: new block: sup D resp E;
    # Q1.2: one name F (resp, D carries);  Q1.2 continued row repeats "D F".
    items = [
        _item(Group.PHYSICAL, [1], [[0, 1], [2]], section_break=True),
        _item(Group.PHYSICAL, [2]),
        _item(Group.QUALITY, [1, 1], [[3, 4]], section_break=True),
        _item(Group.QUALITY, [1, 2], [[5], [6, 7]]),
    ]
    key_of = {0: "A", 1: "B", 2: "C", 3: "D", 4: "E", 5: "F", 6: "D", 7: "F"}
    got = {
        (items[r.item_index].written, r.role, r.officer_key) for r in resolve_roles(items, key_of)
    }
    assert got == {
        ((1,), Role.SUPERVISOR, "A"),
        ((1,), Role.RESPONSIBLE, "B"),
        ((1,), Role.RESPONSIBLE, "C"),
        ((2,), Role.SUPERVISOR, "A"),
        ((2,), Role.RESPONSIBLE, "B"),
        ((2,), Role.RESPONSIBLE, "C"),
        ((1, 1), Role.SUPERVISOR, "D"),
        ((1, 1), Role.RESPONSIBLE, "E"),
        ((1, 2), Role.SUPERVISOR, "D"),
        ((1, 2), Role.RESPONSIBLE, "F"),
    }


def test_section_break_resets_the_supervisor() -> None:
    items = [
        _item(Group.QUALITY, [1, 1], [[0, 1]], section_break=True),
        _item(Group.QUALITY, [2, 1], [[2]], section_break=True),
    ]
    roles = resolve_roles(items, {0: "A", 1: "B", 2: "C"})
    assert [(r.item_index, r.role, r.officer_key) for r in roles] == [
        (0, Role.SUPERVISOR, "A"),
        (0, Role.RESPONSIBLE, "B"),
        (1, Role.RESPONSIBLE, "C"),
    ]


def test_duplicate_number_becomes_the_next_in_sequence() -> None:
    items = [_item(Group.PHYSICAL, [n]) for n in (12, 13, 14, 14)]
    items = assign_ids(items)
    assert [it.criterion for it in items] == ["P12", "P13", "P14", "P15"]
    assert items[3].flags[0] == Flag(FlagKind.DUPLICATE, "14", "P15")


def test_duplicate_kept_when_next_number_follows() -> None:
    # 2.14, 2.14, 2.16: the second 2.14 is 2.15; but 3.4, 3.4, 3.5 keeps a real duplicate.
    items = [_item(Group.QUALITY, [2, n]) for n in (13, 14, 14, 16)]
    items = assign_ids(items)
    assert [it.criterion for it in items] == ["Q2.13", "Q2.14", "Q2.15", "Q2.16"]
    items = [_item(Group.QUALITY, [3, n]) for n in (3, 4, 4, 5)]
    items = assign_ids(items)
    assert [it.criterion for it in items] == ["Q3.3", "Q3.4", "Q3.4", "Q3.5"]
    assert [f.kind for f in items[2].flags] == [FlagKind.DUPLICATE]


def test_section_digit_misread_is_corrected_by_header() -> None:
    # Tesseract reads Thai 4 as 5: `๕.๑` under the header of section 4.
    items = [_item(Group.QUALITY, [5, 1], section=4)]
    items = assign_ids(items)
    assert items[0].criterion == "Q4.1"


def test_text_overrides_a_gap_only_when_it_fits_clearly() -> None:
    items = [_item(Group.PHYSICAL, [1], text="a"), _item(Group.PHYSICAL, [7], text="b")]

    def score(text: str, cid: str) -> float:
        return 90.0 if (text, cid) == ("b", "P2") else 20.0

    items = assign_ids(items, score)
    assert items[1].criterion == "P2"
    items = [_item(Group.PHYSICAL, [1], text="a"), _item(Group.PHYSICAL, [7], text="b")]
    items = assign_ids(items, lambda t, c: 50.0)
    assert items[1].criterion == "P7"
