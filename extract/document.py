"""Extraction of one document: items, officers, roles, catalog matches, validation."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from extract import validate
from extract.catalog import Catalog
from extract.counts import with_document_counts
from extract.findings import Finding, FindingKind, Flag, FlagKind, Severity
from extract.items import Parsed, walk
from extract.layout import iter_lines
from extract.matching import edition_scores, match_item
from extract.meta import DocumentMeta, read_meta
from extract.models import Assignment, Item, Line, RoleLabels
from extract.names import Officer, cluster_officers
from extract.number_choice import choose_by_neighbours, recover_numbers, settle_numbers
from extract.numbering import Profile, detect_profile
from extract.officers import NameMention
from extract.recognise import catalog_score
from extract.recognise import classifier as _classifier
from extract.recognise import recogniser as _recogniser
from extract.roles import resolve_roles
from extract.sections import DeclaredCount
from extract.sequence import Scorer, assign_ids
from ocr.layout import PageLayout, Word

log = logging.getLogger(__name__)

# Text similarity (0-100, number ignored) below which an unnamed numbered line is no criterion.
MIN_ITEM_TEXT_SCORE = 50.0
# Similarity an unnumbered row needs to be taken as the criterion whose title it repeats.
MIN_DISCOVERY_SCORE = 85.0


@dataclass(frozen=True)
class Extraction:
    """What the extract stage gives for one document (read-only: later stages only render it;
    tuples and a read-only mapping, so nothing downstream changes it in place)."""

    document: str
    edition: str | None
    edition_scores: tuple[tuple[str, float], ...]
    items: tuple[Item, ...]
    officers: tuple[Officer, ...]
    assignments: tuple[Assignment, ...]
    declared: tuple[DeclaredCount, ...]
    findings: tuple[Finding, ...]
    meta: DocumentMeta
    mentions: tuple[NameMention, ...] = ()  # every name seen, in order
    key_of: Mapping[int, str] = field(default_factory=dict)  # mention index -> officer key


def _score_fn(catalog: Catalog | None) -> Scorer | None:
    if catalog is None:
        return None
    cache: dict[tuple[str, str], float] = {}

    def score(text: str, cid: str) -> float:
        key = (text, cid)
        if key not in cache:
            cache[key] = catalog_score(catalog, text, cid)
        return cache[key]

    return score


def extract_document(
    document: str,
    pages: Sequence[tuple[int, str]],
    edition: str | None = None,
    layouts: Sequence[PageLayout | None] | None = None,
) -> Extraction:
    """`layouts` (one per page, from the ocr stage) lets tables be read by their columns."""
    lines = list(iter_lines(pages, layouts))
    profile = _profile(lines, layouts)
    walked = _walk(lines, profile, edition)
    parsed, catalog, edition = walked.parsed, walked.catalog, walked.edition
    parsed = replace(parsed, declared=tuple(with_document_counts(list(parsed.declared), lines)))
    readings = validate.number_readings(layouts)
    # A re-read number word holds several readings (`number_choice`): the neighbours' numbers
    # choose among them before the sequence gives the ids, the ids after.
    parsed = replace(parsed, items=tuple(choose_by_neighbours(parsed.items, readings)))
    items, dropped = _criteria(parsed, catalog)
    items = recover_numbers(settle_numbers(items, readings), readings)
    if catalog is not None:
        items = [_matched(item, catalog) for item in items]
    officers, key_of_name = cluster_officers(
        parsed.mentions, damaged=profile is Profile.DAMAGED
    )
    key_of = {i: key_of_name[m.as_written] for i, m in enumerate(parsed.mentions)}
    assignments = _assignments(document, edition, items, parsed, key_of,
                               {o.key: o for o in officers})
    assigned_keys = {a.officer_key for a in assignments}
    officers = [o for o in officers if o.key in assigned_keys]
    findings = _findings(document, items, parsed, catalog, assignments, walked.scores, edition,
                         validate.number_trust(layouts), validate.number_readings(layouts))
    findings += [
        Finding(document, FindingKind.NOT_A_CRITERION, Severity.INFO, it.criterion,
                page=it.page, printed=it.number_as_written, edition=str(edition), text=it.text)
        for it in dropped
    ]
    return Extraction(
        document,
        edition,
        tuple(walked.scores),
        tuple(items),
        tuple(officers),
        tuple(assignments),
        parsed.declared,
        tuple(findings),
        read_meta(lines),
        parsed.mentions,
        key_of,
    )


@dataclass(frozen=True)
class _Walked:
    """The walk's result, with the edition it was read against (guessed when not forced)."""

    parsed: Parsed
    catalog: Catalog | None
    edition: str | None
    scores: list[tuple[str, float]]  # editions ranked by how well the numbering fits


def _walk(lines: list[Line], profile: Profile, edition: str | None) -> _Walked:
    """Walk the lines into items; without a forced edition, guess it and walk again."""
    catalog = Catalog.load(edition) if edition else None
    parsed: Parsed = walk(
        lines,
        _recogniser(catalog, profile) if catalog else None,
        profile,
        _classifier(catalog) if catalog else None,
    )
    # Also with a forced edition: the validation says when another edition fits better.
    scores = edition_scores(
        [(it.number_as_written, it.text) for it in parsed.items], parsed.candidates
    )
    if catalog is None and scores:
        edition = scores[0][0]
        if edition:
            # Second pass, now that the catalog is known: rows whose number the scan lost
            # entirely are recognised by their title, and numbers no header announced get
            # their group from the criterion they fit (the walk is a few milliseconds).
            catalog = Catalog.load(edition)
            parsed = walk(lines, _recogniser(catalog, profile), profile, _classifier(catalog))
    return _Walked(parsed, catalog, edition, scores)


def _criteria(parsed: Parsed, catalog: Catalog | None) -> tuple[list[Item], list[Item]]:
    """The items with their criterion ids, and the numbered lines that are no criterion."""
    known = {c.id for c in catalog} if catalog else None
    items = assign_ids(parsed.items, _score_fn(catalog), known)
    dropped: list[Item] = []
    if catalog is not None:
        items, dropped = _drop_non_criteria(items, catalog)
        if dropped:
            # A dropped line (a page's junk read as `๑๐`) took part in the sequence: the ids
            # of the criteria that remain follow their own sequence (before unreadable rows
            # are judged by the id the sequence gives them).
            items = _reassign(items, catalog, known)
        merged = _merge_unreadable(items, catalog)
        if len(merged) < len(items):
            items = _reassign(merged, catalog, known)
            items, more = _drop_non_criteria(items, catalog)
            dropped.extend(more)
        items = _discover_unnumbered(items, parsed, catalog)
    return items, dropped


def _assignments(
    document: str,
    edition: str | None,
    items: list[Item],
    parsed: Parsed,
    key_of: dict[int, str],
    by_key: dict[str, Officer],
) -> list[Assignment]:
    """One row per criterion, role and officer, from the roles the items' names take."""
    assignments: list[Assignment] = []
    for ra in resolve_roles(items, key_of):
        item = items[ra.item_index]
        officer = by_key[ra.officer_key]
        mention = parsed.mentions[ra.mention] if ra.mention is not None else None
        assignments.append(
            Assignment(
                document=document,
                edition=edition or "",
                criterion=item.criterion,
                number_as_written=item.number_as_written,
                role=ra.role,
                officer_key=officer.key,
                title=officer.title,
                name=officer.name,
                name_as_written=mention.as_written if mention else "",
                page=parsed.mention_pages[ra.mention] if ra.mention is not None else item.page,
                match_score=item.match_score,
            )
        )
    return _dedupe(assignments)


def _matched(item: Item, catalog: Catalog) -> Item:
    """The item with its best catalog match, flagged when that is another criterion."""
    if not item.text:
        return item
    best = match_item(item.text[:300], number=item.criterion, edition=catalog.edition, top=1)
    if not best:
        return item
    flags = item.flags
    if best[0].criterion_id != item.criterion:
        flags = (*flags, Flag(FlagKind.TEXT_FITS, criterion=best[0].criterion_id,
                              score=best[0].score))
    return replace(item, match_score=round(best[0].score * 100, 1), match_title=best[0].title,
                   flags=flags)


def _profile(lines: list[Line], layouts: Sequence[PageLayout | None] | None) -> Profile:
    """DAMAGED for a document read from page images (a scan, a fax, a photo: Tesseract's
    look-alikes are possible on every page of it, however clean most read), else what the
    text shows (`detect_profile`: a text layer or a text file may be an OCR'd scan too)."""
    if any(layout is not None and layout.unit == "px" for layout in layouts or ()):
        return Profile.DAMAGED
    return detect_profile(line.text for line in lines)


_READING_FLAGS = (FlagKind.JUNK_SUB_NUMBER, FlagKind.UNREADABLE_NUMBER,
                  FlagKind.UNREADABLE_BY_TITLE, FlagKind.READ_AS_DUE)


def _reassign(items: list[Item], catalog: Catalog, known: set[str] | None) -> list[Item]:
    """Ids from the sequence again, after the list of items changed."""
    # What the reading found stays; what the sequence and the catalog said is redone.
    cleared = [
        replace(item, criterion="", flags=tuple(f for f in item.flags if f.kind in _READING_FLAGS))
        for item in items
    ]
    return assign_ids(cleared, _score_fn(catalog), known)


def _merge_unreadable(items: list[Item], catalog: Catalog) -> list[Item]:
    """An unreadable-number row whose text does not fit its sequence id continues the item above.

    OCR turns a wrapped line's first letters into a number-like token as often as it turns a
    real number into junk; the catalog tells the two apart. Returns the items after merging.
    """
    out = items[:1]
    for item in items[1:]:
        if (
            item.written is None
            and item.criterion
            and (catalog_score(catalog, item.text[:300], item.criterion) < MIN_ITEM_TEXT_SCORE)
        ):
            above = out[-1]
            out[-1] = replace(
                above,
                text=f"{above.text} {item.text}".strip(),
                name_rows=above.name_rows + item.name_rows,
                role_labels=RoleLabels({**above.role_labels, **item.role_labels}),
                sub_numbers=(*above.sub_numbers, item.number_as_written),
            )
            continue
        out.append(item)
    return out


def _drop_non_criteria(items: list[Item], catalog: Catalog) -> tuple[list[Item], list[Item]]:
    """Numbered lines whose text fits no criterion are not items.

    Slide decks and report forms number other things (`๑. จังหวัด`, page numbers); keeping
    them would invent criteria. An item with names stays when its id is in the catalog: an
    assignment to a real criterion is never thrown away for a badly scanned title.
    """
    kept, dropped = [], []
    for item in items:
        fits = catalog_score(catalog, item.text[:300], item.criterion)
        if fits < MIN_ITEM_TEXT_SCORE and (item.criterion not in catalog or not item.name_rows):
            dropped.append(item)
        else:
            kept.append(item)
    return kept, dropped


def _discover_unnumbered(items: list[Item], parsed: Parsed, catalog: Catalog) -> list[Item]:
    """In a block whose rows carry no numbers at all, recognise rows by their catalog title."""
    numbered_groups = {it.group for it in items if it.written}
    found = {it.criterion for it in items}
    inserts: list[tuple[int, Item]] = []
    for group, line, position in parsed.loose:
        if group in numbered_groups or len(line.text) < 12:
            continue
        best = match_item(line.text[:200], edition=catalog.edition, top=1)
        if not best or best[0].score * 100 < MIN_DISCOVERY_SCORE:
            continue
        crit = catalog.get(best[0].criterion_id)
        if crit.group != group.value or crit.id in found:
            continue
        found.add(crit.id)
        item = Item(
            group,
            "",
            None,
            line.page,
            line.text,
            criterion=crit.id,
            flags=(Flag(FlagKind.UNNUMBERED_ROW),),
        )
        inserts.append((position, item))
    out = list(items)
    for offset, (position, item) in enumerate(inserts):
        out.insert(position + offset, item)
    return out


def _dedupe(assignments: list[Assignment]) -> list[Assignment]:
    """One row per (criterion, role, officer): a continued row or a repeated item adds nothing."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for a in assignments:
        key = (a.criterion, a.role, a.officer_key)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def _findings(
    document: str,
    items: list[Item],
    parsed: Parsed,
    catalog: Catalog | None,
    assignments: list[Assignment],
    scores: list[tuple[str, float]],
    edition: str | None,
    trust: dict[int, str] | None = None,
    readings: dict[int, tuple[Word, ...]] | None = None,
) -> list[Finding]:
    findings = validate.numbering_findings(document, items, trust, readings)
    level_of: dict[str, str] = {}
    if catalog is not None:
        level_of = {c.id: c.level for c in catalog}
    for item in items:
        if item.marker and item.criterion:
            level_of.setdefault(item.criterion, item.marker)
    findings += validate.count_findings(document, list(parsed.declared), items, level_of)
    if catalog is not None and items:
        groups = {it.group.value for it in items}
        ids = [c.id for c in catalog if c.group in groups]
        findings += validate.gap_findings(document, items, ids)
        if assignments:
            findings += validate.unassigned_findings(
                document, ids, {a.criterion for a in assignments}
            )
    if len(scores) >= 2 and edition and scores[0][0] != edition:
        findings.append(Finding(document, FindingKind.EDITION_FIT, Severity.WARNING, "",
                                edition=edition, better=scores[0][0]))
    return findings
