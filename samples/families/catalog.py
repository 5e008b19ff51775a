"""The criteria of each edition, read from extract/catalogs/<edition>.json, grouped in blocks.

Only the JSON is read (no import of the extraction package): the generator must not depend on
the code it is meant to measure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CATALOGS = Path(__file__).resolve().parents[2] / "extract" / "catalogs"
EDITIONS = ("2562", "2566", "2567")

SECTION_NAMES = {"location": "ด้านสถานที่", "service": "ด้านบริการ", "personnel": "ด้านบุคลากร",
                 "technology": "ด้านเทคโนโลยี"}
SECTION_ORDER = ("location", "service", "personnel", "technology")


@dataclass(frozen=True)
class Criterion:
    id: str
    number: str  # Arabic digits
    group: str  # physical, quality, special, results
    section: str
    level: str
    title: str
    sub_items: tuple[tuple[str, str], ...]  # (number, title)


@dataclass(frozen=True)
class RawBlock:
    key: str  # physical, quality, quality-1 .. quality-4, special, results
    section_no: int | None  # 1..4 for a quality aspect, 5 for special
    criteria: tuple[Criterion, ...]


@cache
def criteria(edition: str) -> tuple[Criterion, ...]:
    data = json.loads((CATALOGS / f"{edition}.json").read_text(encoding="utf-8"))
    return tuple(
        Criterion(c["id"], c["number"], c["group"], c["section"], c["level"], c["title"],
                  tuple((s["number"], s["title"]) for s in c.get("sub_items") or ()))
        for c in data["criteria"]
    )


def blocks(edition: str) -> tuple[RawBlock, ...]:
    """Physical, then quality (one block, or one per aspect), special, results.

    >>> [b.key for b in blocks("2567")]
    ['physical', 'quality-1', 'quality-2', 'quality-3', 'quality-4', 'special', 'results']
    >>> [len(b.criteria) for b in blocks("2562")]
    [13, 52, 3]
    """
    crits = criteria(edition)
    out = [RawBlock("physical", None, tuple(c for c in crits if c.group == "physical"))]
    quality = [c for c in crits if c.group == "quality"]
    if all(c.section == "none" for c in quality):
        out.append(RawBlock("quality", None, tuple(quality)))
    else:
        for no, section in enumerate(SECTION_ORDER, start=1):
            out.append(RawBlock(f"quality-{no}", no,
                                tuple(c for c in quality if c.section == section)))
    special = tuple(c for c in crits if c.group == "special")
    if special:
        out.append(RawBlock("special", 5, special))
    out.append(RawBlock("results", None, tuple(c for c in crits if c.group == "results")))
    return tuple(b for b in out if b.criteria)
