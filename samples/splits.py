"""The development and validation seeds of every family.

Rule: tune and test only on `dev`. Never run the pipeline on, or read the outputs of, the
validation documents while changing a rule or a threshold; the lead measures them
(`make bench`). Both splits are drawn from the same generator, so validation measures how the
extraction generalises to unseen offices, names, fonts and layouts, not to another distribution.
"""

from __future__ import annotations

from samples.truthfile import FAMILIES, doc_name

DEV_SEEDS: dict[str, tuple[int, ...]] = {family: (1, 2, 3, 4, 5, 6) for family in FAMILIES}
VALIDATION_SEEDS: dict[str, tuple[int, ...]] = {family: (101, 102) for family in FAMILIES}
SPLIT_SEEDS = {"dev": DEV_SEEDS, "validation": VALIDATION_SEEDS}


def documents(split: str, families: tuple[str, ...] = FAMILIES) -> list[tuple[str, int]]:
    """(family, seed) of a split, family by family.

    >>> documents("dev", ("ruled",))[:3]
    [('ruled', 1), ('ruled', 2), ('ruled', 3)]
    """
    return [(f, s) for f in families for s in SPLIT_SEEDS[split][f]]


def split_of(document: str) -> str:
    """
    >>> split_of("list-0101"), split_of("list-0002")
    ('validation', 'dev')
    """
    family, _, seed = document.rpartition("-")
    for split, seeds in SPLIT_SEEDS.items():
        if int(seed) in seeds.get(family, ()) and doc_name(family, int(seed)) == document:
            return split
    raise KeyError(document)
