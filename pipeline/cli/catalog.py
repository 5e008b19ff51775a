"""`circulars catalog list | show EDITION [ID] | crosswalk A B [--csv]`: the criteria catalogs."""

from __future__ import annotations

import argparse
import csv
import io
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from extract.catalog import Catalog, CatalogError, Criterion
from pipeline.cli.main import ExitCode
from pipeline.runner import UsageError

if TYPE_CHECKING:
    from extract.crosswalk import Crosswalk

CSV_COLUMNS = (
    "edition_a",
    "id_a",
    "number_a",
    "edition_b",
    "id_b",
    "number_b",
    "similarity",
    "number_changed",
    "source",
    "concept_a",
    "concept_b",
    "title_a",
    "title_b",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("catalog", help="list, show and compare the GECC criteria catalogs")
    csub = p.add_subparsers(dest="catalog_command", required=True)

    p_list = csub.add_parser("list", help="editions with their counts")
    p_list.set_defaults(func=run_list)

    p_show = csub.add_parser("show", help="a table of an edition's criteria, or one criterion")
    p_show.add_argument("edition", help="e.g. 2566")
    p_show.add_argument("id", nargs="?", help="criterion id (P12, Q2.5, R1) or printed number")
    p_show.add_argument("--wide", action="store_true", help="do not shorten titles")
    p_show.set_defaults(func=run_show)

    p_cw = csub.add_parser("crosswalk", help="which criterion of edition A is which in B")
    p_cw.add_argument("edition_a")
    p_cw.add_argument("edition_b")
    p_cw.add_argument("--csv", action="store_true", help="CSV instead of a table")
    p_cw.add_argument(
        "-o", "--output", type=Path, help="write to this file (CSV gets a BOM for Excel)"
    )
    p_cw.add_argument("--wide", action="store_true", help="do not shorten titles")
    p_cw.set_defaults(func=run_crosswalk)


def run_list(args: argparse.Namespace) -> ExitCode:
    header = ("edition", "physical", "basic", "advanced", "special", "results", "points", "source")
    rows = []
    for ed in Catalog.editions():
        cat = Catalog.load(ed)
        n = cat.counts()
        rows.append(
            (
                ed,
                str(n["physical"]),
                str(n["basic"]),
                str(n["advanced"]),
                str(n["special"]),
                str(n["results"]),
                str(n["points_total"]),
                cat.source,
            )
        )
    _write(_table(header, rows))
    return ExitCode.OK


def run_show(args: argparse.Namespace) -> ExitCode:
    cat = _catalog(args.edition)
    if args.id:
        _write(_detail(cat, _criterion(cat, args.id)))
        return ExitCode.OK
    width = None if args.wide else _title_width(48)
    header = ("id", "no.", "group", "section", "level", "pts", "concept", "title")
    rows = [
        (
            c.id,
            c.number,
            c.group,
            c.section,
            c.level,
            "" if c.points is None else str(c.points),
            c.concept,
            _shorten(c.title, width),
        )
        for c in cat
    ]
    _write(f"{cat.label}\n{len(cat)} criteria\n\n" + _table(header, rows))
    return ExitCode.OK


def run_crosswalk(args: argparse.Namespace) -> ExitCode:
    _catalog(args.edition_a)
    _catalog(args.edition_b)
    from extract.crosswalk import build_crosswalk  # scipy: loaded only when asked for

    cw = build_crosswalk(args.edition_a, args.edition_b)
    if args.csv:
        text = crosswalk_csv(cw)
    else:
        text = crosswalk_table(cw, None if args.wide else _title_width(60))
    if args.output:
        encoding = "utf-8-sig" if args.csv else "utf-8"
        args.output.write_text(text, encoding=encoding, newline="")
    else:
        _write(text)
    return ExitCode.OK


def crosswalk_table(cw: Crosswalk, title_width: int | None) -> str:
    """Pairs (a `*` marks a criterion whose number changed), then the unmatched criteria."""
    half = None if title_width is None else max(12, title_width // 2)
    header = (
        cw.edition_a,
        cw.edition_b,
        "sim",
        "",
        "how",
        f"title {cw.edition_a}",
        f"title {cw.edition_b}",
    )
    rows = [
        (
            p.a.id,
            p.b.id,
            f"{p.similarity:.2f}",
            "*" if p.number_changed else "",
            p.source,
            _shorten(p.a.title, half),
            _shorten(p.b.title, half),
        )
        for p in cw.pairs
    ]
    out = [_table(header, rows)]
    moved = sum(p.number_changed for p in cw.pairs)
    out.append(
        f"\n{len(cw.pairs)} pairs ({moved} renumbered, marked *), "
        f"{len(cw.removed)} only in {cw.edition_a}, {len(cw.added)} only in {cw.edition_b}\n"
    )
    for label, crits in (
        (f"only in {cw.edition_a} (removed)", cw.removed),
        (f"only in {cw.edition_b} (added)", cw.added),
    ):
        if crits:
            out.append(f"\n{label}:\n")
            out.extend(f"  {c.id:<6} {_shorten(c.title, title_width)}\n" for c in crits)
    return "".join(out)


def crosswalk_csv(cw: Crosswalk) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    ea, eb = cw.edition_a, cw.edition_b
    for p in cw.pairs:
        writer.writerow(
            (
                ea,
                p.a.id,
                p.a.number,
                eb,
                p.b.id,
                p.b.number,
                f"{p.similarity:.3f}",
                int(p.number_changed),
                p.source,
                p.a.concept,
                p.b.concept,
                p.a.title,
                p.b.title,
            )
        )
    for c in cw.removed:
        writer.writerow(
            (ea, c.id, c.number, eb, "", "", "", "", "removed", c.concept, "", c.title, "")
        )
    for c in cw.added:
        writer.writerow(
            (ea, "", "", eb, c.id, c.number, "", "", "added", "", c.concept, "", c.title)
        )
    return buf.getvalue()


def _detail(cat: Catalog, c: Criterion) -> str:
    points = "no points (checklist)" if c.points is None else f"{c.points} points"
    lines = [
        f"{cat.edition} {c.id}  (number {c.number}; {c.group}, {c.section}, {c.level}; {points})",
        f"concept: {c.concept}",
    ]
    if c.topic:
        lines.append(f"topic:   {c.topic}")
    lines.append(f"title:   {c.title}")
    for s in c.sub_items:
        pts = "" if s.points is None else f" ({s.points})"
        lines.append(f"  {s.number}{pts} {s.title}")
    others = []
    for ed in Catalog.editions():
        if ed == cat.edition:
            continue
        pair = _crosswalk(cat.edition, ed).for_a(c.id)
        others.append(f"{ed}: {pair.b.id} ({pair.similarity:.2f})" if pair else f"{ed}: none")
    if others:
        lines.append("in other editions: " + ", ".join(others))
    return "\n".join(lines) + "\n"


def _catalog(edition: str) -> Catalog:
    try:
        return Catalog.load(edition)
    except CatalogError as exc:
        raise UsageError(str(exc)) from None


def _criterion(cat: Catalog, wanted: str) -> Criterion:
    if wanted.upper() in cat:
        return cat.get(wanted.upper())
    found = cat.by_number(wanted)
    if len(found) == 1:
        return found[0]
    if found:
        ids = ", ".join(c.id for c in found)
        raise UsageError(f"number {wanted} is ambiguous in {cat.edition}: {ids}")
    raise UsageError(f"edition {cat.edition} has no criterion {wanted}")


def _display_width(text: str) -> int:
    """Columns a string takes in a terminal: Thai vowel and tone marks take none."""
    return sum(
        0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Mn" else 1 for ch in text
    )


def _shorten(text: str, width: int | None) -> str:
    if width is None or _display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = 0 if unicodedata.category(ch) == "Mn" else 1
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + "…"


def _title_width(minimum: int) -> int:
    return max(minimum, shutil.get_terminal_size((160, 24)).columns - 60)


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    widths = [_display_width(h) for h in header]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], _display_width(cell))
    lines = []
    for row in (header, *rows):
        cells = [cell + " " * (widths[i] - _display_width(cell)) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _write(text: str) -> None:
    sys.stdout.write(text)


def _crosswalk(a: str, b: str) -> Crosswalk:
    from extract.crosswalk import build_crosswalk

    return build_crosswalk(a, b)
