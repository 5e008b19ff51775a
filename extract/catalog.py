"""The canonical GECC criteria catalog: one JSON file per edition under `extract/catalogs/`.

Each edition file holds the criteria as the standard of that round prints them (titles repaired by
hand, see `catalogs/README.md`) and the counts the source document declares, so that a validator
can hold an order against both.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

log = logging.getLogger(__name__)

GROUPS = ("physical", "quality", "special", "results")
SECTIONS = ("location", "service", "personnel", "technology", "special", "none")
LEVELS = ("mandatory", "basic", "advanced", "special", "result")

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_ID_RE = re.compile(r"^(?:P\d+|Q\d+(?:\.\d+)?|R\d+)$")


class CatalogError(Exception):
    """An unknown edition or criterion, or a catalog file that breaks its own rules."""


@dataclass(frozen=True)
class SubItem:
    """A scoring sub-item printed under a criterion (2.5.1, 5.1.3, results 1.2).

    `points` is what the sub-item is worth as printed: for an advanced item the 1- and 2-point
    levels (not additive: the item is worth 2); for special conditions and results the parts
    add up to the criterion's points. None where the document prints no points.
    """

    number: str
    title: str
    points: int | None


@dataclass(frozen=True)
class Criterion:
    """One criterion of one edition."""

    edition: str
    id: str  # P12, Q2.15, Q22, Q5.1, R3
    number: str  # as the standard numbers it, Arabic digits: "12", "2.15", "22"
    group: str  # physical / quality / special / results
    section: str  # location / service / personnel / technology / special / none
    level: str  # mandatory / basic / advanced / special / result
    points: int | None  # None for physical items (a checklist, no points)
    title: str  # canonical Thai title, correct spelling
    concept: str  # English slug shared by the same requirement across editions
    topic: str | None = None  # heading the item sits under (2562 topics, physical headings)
    sub_items: tuple[SubItem, ...] = ()


@dataclass(frozen=True)
class SectionCount:
    """A count the document declares for one section and level ("all" = across sections)."""

    section: str
    level: str
    count: int
    points: int | None


@dataclass(frozen=True)
class DeclaredCounts:
    """Counts as the source document states them (None: the document does not say)."""

    physical: int
    quality_items: int  # quality criteria including special conditions
    basic: int
    advanced: int
    special: int
    results: int
    quality_topics: int | None = None
    result_subitems: int | None = None
    total_items: int | None = None
    points_total: int | None = None
    sections: tuple[SectionCount, ...] = ()


def normalize_number(text: str) -> str:
    """A printed number in canonical form: Thai digits to Arabic, everything but digits and dots
    (spaces, OCR junk such as a level marker read as ``©``) dropped, end dots stripped.

    >>> normalize_number("๒ .๑๐")
    '2.10'
    >>> normalize_number("๑๒.")
    '12'
    >>> normalize_number("^ ๒.๑๗")
    '2.17'
    """
    digits = re.sub(r"[^0-9.]", "", text.translate(_THAI_DIGITS))
    return re.sub(r"\.{2,}", ".", digits).strip(".")


class Catalog:
    """The criteria of one edition, in document order."""

    def __init__(
        self,
        edition: str,
        label: str,
        source: str,
        criteria: tuple[Criterion, ...],
        declared: DeclaredCounts,
    ) -> None:
        self.edition = edition
        self.label = label
        self.source = source
        self.criteria = criteria
        self.declared = declared
        self._by_id = {c.id: c for c in criteria}
        if len(self._by_id) != len(criteria):
            raise CatalogError(f"{edition}: duplicate criterion ids")

    @staticmethod
    def editions() -> list[str]:
        """Editions with a catalog file, oldest first."""
        folder = resources.files("extract") / "catalogs"
        names = [p.name[:-5] for p in folder.iterdir() if re.fullmatch(r"\d{4}\.json", p.name)]
        return sorted(names)

    @staticmethod
    def load(edition: str) -> Catalog:
        """The catalog of `edition` (e.g. "2566"); parsed once per process."""
        return _load(str(edition))

    def get(self, criterion_id: str) -> Criterion:
        try:
            return self._by_id[criterion_id]
        except KeyError:
            raise CatalogError(f"edition {self.edition} has no criterion {criterion_id}") from None

    def __contains__(self, criterion_id: object) -> bool:
        return criterion_id in self._by_id

    def by_number(self, printed_number: str, group: str | None = None) -> list[Criterion]:
        """Criteria whose number matches (Thai or Arabic digits); "1" may be P1 and R1."""
        wanted = normalize_number(printed_number)
        return [
            c for c in self.criteria if c.number == wanted and (group is None or c.group == group)
        ]

    def iter_section(
        self,
        section: str | None = None,
        *,
        group: str | None = None,
        level: str | None = None,
    ) -> Iterator[Criterion]:
        """Criteria of one section (and/or group, level), in document order."""
        for c in self.criteria:
            if section is not None and c.section != section:
                continue
            if group is not None and c.group != group:
                continue
            if level is not None and c.level != level:
                continue
            yield c

    def counts(self) -> dict[str, int]:
        """Counts of the catalog itself, keyed like DeclaredCounts."""
        crit = self.criteria
        return {
            "physical": sum(c.group == "physical" for c in crit),
            "quality_items": sum(c.group in ("quality", "special") for c in crit),
            "basic": sum(c.level == "basic" for c in crit),
            "advanced": sum(c.level == "advanced" for c in crit),
            "special": sum(c.level == "special" for c in crit),
            "results": sum(c.group == "results" for c in crit),
            "result_subitems": sum(len(c.sub_items) for c in crit if c.group == "results"),
            "points_total": sum(c.points or 0 for c in crit),
        }

    def __iter__(self) -> Iterator[Criterion]:
        return iter(self.criteria)

    def __len__(self) -> int:
        return len(self.criteria)

    def __repr__(self) -> str:
        return f"Catalog({self.edition!r}, {len(self)} criteria)"


@cache
def _load(edition: str) -> Catalog:
    path = resources.files("extract") / "catalogs" / f"{edition}.json"
    if not path.is_file():
        known = ", ".join(Catalog.editions())
        raise CatalogError(f"no catalog for edition {edition!r} (known: {known})")
    data = json.loads(path.read_text(encoding="utf-8"))
    criteria = tuple(_criterion(edition, raw) for raw in data["criteria"])
    declared = _declared(data["declared"])
    log.debug("loaded catalog %s: %d criteria", edition, len(criteria))
    return Catalog(edition, data.get("label", ""), data.get("source", ""), criteria, declared)


def _criterion(edition: str, raw: dict[str, Any]) -> Criterion:
    crit = Criterion(
        edition=edition,
        id=raw["id"],
        number=raw["number"],
        group=raw["group"],
        section=raw["section"],
        level=raw["level"],
        points=raw["points"],
        title=raw["title"],
        concept=raw["concept"],
        topic=raw.get("topic"),
        sub_items=tuple(
            SubItem(number=s["number"], title=s["title"], points=s.get("points"))
            for s in raw.get("sub_items", ())
        ),
    )
    # Fail at load, not deep inside matching, when a hand-edited file has a typo.
    problems = []
    if not _ID_RE.match(crit.id):
        problems.append("bad id")
    if crit.group not in GROUPS:
        problems.append(f"group {crit.group!r}")
    if crit.section not in SECTIONS:
        problems.append(f"section {crit.section!r}")
    if crit.level not in LEVELS:
        problems.append(f"level {crit.level!r}")
    if problems:
        raise CatalogError(f"{edition} {crit.id}: " + ", ".join(problems))
    return crit


def _declared(raw: dict[str, Any]) -> DeclaredCounts:
    return DeclaredCounts(
        physical=raw["physical"],
        quality_items=raw["quality_items"],
        basic=raw["basic"],
        advanced=raw["advanced"],
        special=raw["special"],
        results=raw["results"],
        quality_topics=raw.get("quality_topics"),
        result_subitems=raw.get("result_subitems"),
        total_items=raw.get("total_items"),
        points_total=raw.get("points_total"),
        sections=tuple(
            SectionCount(s["section"], s["level"], s["count"], s.get("points"))
            for s in raw.get("sections", ())
        ),
    )
