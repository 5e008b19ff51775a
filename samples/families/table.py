"""Assignment tables for the table families (ruled, norules, multiname).

A table has a number column, a text column and two role columns in either order. Rows: a
group line, a block heading (with its declared count), items and their sub-items. With merged
supervisors (ruled) the table is laid out twice: once with every name in every row to find where
WeasyPrint breaks the pages, then page by page with the supervisor merged over the consecutive
items it supervises on that page, and an item continued on the next page named there again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from samples.families.layout import Laid, esc, lay_out, read, render
from samples.families.orderpage import preamble_page
from samples.families.spec import DocSpec, Item, Person
from samples.families.text import digits, join_names

log = logging.getLogger(__name__)
ROLE_LABELS = {"supervisor": "ผู้กำกับดูแล", "responsible": "ผู้รับผิดชอบ"}


@dataclass(frozen=True)
class Row:
    index: int
    kind: str  # intro, heading, item, sub
    number: str
    text: str
    item: Item | None
    thai: bool  # digits of the row's block (names numbered 1. 2. in a cell follow them)


class Sightings:
    """Collects every spelling of every name as typeset (the truth's `written_as`)."""

    def __init__(self) -> None:
        self.seen: dict[str, list[str]] = {}

    def write(self, person: Person, sighting: int) -> str:
        text = person.written(sighting)
        spellings = self.seen.setdefault(person.name, [])
        if text not in spellings:
            spellings.append(text)
        return text


def table_rows(spec: DocSpec) -> tuple[Row, ...]:
    rows: list[Row] = []

    def add(kind: str, number: str, text: str, item: Item | None, thai: bool) -> None:
        rows.append(Row(len(rows), kind, number, text, item, thai))

    for block in spec.blocks:
        if block.intro:
            add("intro", "", block.intro, None, block.thai)
        heading = block.heading + (f" {block.declaration}" if block.declaration else "")
        add("heading", "", heading, None, block.thai)
        for item in block.items:
            add("item", item.printed, item.title, item, block.thai)
            for sub in item.subitems:
                add("sub", sub.printed, sub.text, item, block.thai)
    return tuple(rows)


def _runs(rows: list[Row], key: Callable[[Row], object]) -> dict[int, int]:
    """Start position -> length of each run of consecutive rows sharing a non-None key."""
    runs: dict[int, int] = {}
    start = None
    for pos, row in enumerate(rows):
        value = key(row)
        if start is not None and value is not None and value == key(rows[start]):
            runs[start] += 1
            continue
        start = pos if value is not None else None
        if start is not None:
            runs[start] = 1
    return runs


class TableWriter:
    """HTML of the table pages for one document and its table style."""

    def __init__(self, spec: DocSpec, sightings: Sightings) -> None:
        self.spec = spec
        self.style = spec.style
        self.sightings = sightings

    def names(self, people: tuple[int, ...], row: Row) -> str:
        fmt = self.style["names"]
        persons = [self.spec.people[i] for i in people]
        if fmt == "comma":
            texts = [self.sightings.write(p, row.index + k) for k, p in enumerate(persons)]
            return f"<div>{esc(join_names(texts, self.style.get('joiner', 'comma')))}</div>"
        out = []
        for k, person in enumerate(persons):
            text = self.sightings.write(person, row.index + k)
            first, _, family = text.rpartition(" ")
            prefix = ""
            if fmt == "numbered" and len(persons) > 1:
                prefix = digits(f"{k + 1}. ", row.thai)
            out.append(f'<div><span class="nw">{esc(prefix + first)}</span> '
                       f'<span class="nw">{esc(family)}</span></div>')
            if person.shows_position:
                out.append(f'<div class="pos">{esc(person.position)}</div>')
        return "".join(out)

    def header(self) -> str:
        style = self.style
        roles = style["role_order"]
        if style.get("two_level_header", True):
            return (
                f'<thead><tr><th rowspan="2">{esc(style["num_label"])}</th>'
                f'<th rowspan="2">{esc(style["text_label"])}</th>'
                f'<th colspan="2">{esc(style["group_label"])}</th></tr>'
                "<tr>" + "".join(f"<th>{ROLE_LABELS[r]}</th>" for r in roles)
                + "</tr></thead>")
        return ("<thead><tr>" + f'<th>{esc(style["num_label"])}</th>'
                f'<th>{esc(style["text_label"])}</th>'
                + "".join(f"<th>{ROLE_LABELS[r]}</th>" for r in roles) + "</tr></thead>")

    def colgroup(self) -> str:
        style = self.style
        name = style["name_cm"]
        return (f'<colgroup><col style="width:{style["num_cm"]}cm"><col>'
                f'<col style="width:{name}cm"><col style="width:{name}cm"></colgroup>')

    def body(self, rows: list[Row], merged: bool, everywhere: bool) -> str:
        """Table body. merged: supervisor and responsible cells span their runs;
        everywhere: every name in every row (the trial layout that finds the page breaks)."""
        sup_runs = _runs(rows, lambda r: r.item.supervisor if r.item else None) if merged else {}
        resp_runs = _runs(rows, lambda r: r.item.criterion if r.item else None) if merged else {}
        out = []
        for pos, row in enumerate(rows):
            attrs = f'class="{row.kind}" data-row="{row.index}"'
            if row.kind == "item":
                attrs += f' data-item="{row.item.criterion}"'
            text = esc(row.text)
            if row.kind in ("intro", "heading"):
                out.append(f'<tr {attrs}><td colspan="4" class="headcell">{text}</td></tr>')
                continue
            assert row.item is not None
            cells = {"supervisor": "", "responsible": ""}
            named = everywhere or row.kind == "item"
            if merged and not everywhere:
                if pos in sup_runs:
                    cells["supervisor"] = (f'<td class="names" rowspan="{sup_runs[pos]}">'
                                           f"{self.names((row.item.supervisor,), row)}</td>")
                if pos in resp_runs:
                    cells["responsible"] = (f'<td class="names" rowspan="{resp_runs[pos]}">'
                                            f"{self.names(row.item.responsible, row)}</td>")
            else:
                sup = self.names((row.item.supervisor,), row) if named else ""
                resp = self.names(row.item.responsible, row) if named else ""
                cells = {"supervisor": f'<td class="names">{sup}</td>',
                         "responsible": f'<td class="names">{resp}</td>'}
            role_cells = "".join(cells[r] for r in self.style["role_order"])
            out.append(f'<tr {attrs}><td class="num">{esc(row.number)}</td>'
                       f'<td class="text">{text}</td>{role_cells}</tr>')
        return "".join(out)

    def table(self, rows: list[Row], merged: bool, everywhere: bool) -> str:
        return (f'<table class="assign">{self.colgroup()}{self.header()}'
                f"<tbody>{self.body(rows, merged, everywhere)}</tbody></table>")

    def css(self) -> str:
        style = self.style
        size = style["table_pt"]
        if style["rules"] == "grid":
            borders = ".assign th, .assign td { border: 0.8pt solid #000; }"
        else:  # only horizontal rules: under the header and between rows
            borders = (".assign th { border-top: 1pt solid #000; border-bottom: 1pt solid #000; }"
                       ".assign td { border-bottom: 0.5pt solid #000; }")
        return (f".assign {{ font-size: {size}pt; line-height: 1.18; }} {borders}"
                ".assign td.num { white-space: nowrap; text-align: center; }"
                ".assign td.headcell { font-weight: bold; }"
                ".assign tr.sub td.text { padding-left: 10pt; }")


def _attachment(writer: TableWriter, chunks: list[list[Row]], merged: bool,
                everywhere: bool) -> str:
    spec = writer.spec
    parts = []
    for n, chunk in enumerate(chunks):
        head = f'<p class="att-head">{esc(spec.letter.attachment_head)}</p>' if n == 0 else ""
        parts.append(f'<section class="page">{head}{writer.table(chunk, merged, everywhere)}'
                     "</section>")
    return "".join(parts)


def render_table_doc(spec: DocSpec) -> tuple[Laid, dict[str, list[str]]]:
    """Lay out an order with its assignment table; returns the layout and the spellings used."""
    rows = list(table_rows(spec))
    merged = spec.style.get("merged_supervisor", False)
    first = preamble_page(spec)
    if not merged:
        sightings = Sightings()
        writer = TableWriter(spec, sightings)
        laid = render(first + _attachment(writer, [rows], False, False), spec.name, spec.style,
                      writer.css())
        return laid, sightings.seen
    # Trial: every name in every row, one long table; WeasyPrint finds the page breaks.
    trial_writer = TableWriter(spec, Sightings())
    trial = read(lay_out(first + _attachment(trial_writer, [rows], False, True), spec.name,
                         spec.style, trial_writer.css()))
    chunks = _chunks(rows, trial)
    for _attempt in range(len(rows)):  # a row moves on per attempt; it settles before rows run out
        sightings = Sightings()
        writer = TableWriter(spec, sightings)
        laid = render(first + _attachment(writer, chunks, True, False), spec.name, spec.style,
                      writer.css())
        bad = _first_bad_chunk(laid, chunks)
        if bad is None:
            return laid, sightings.seen
        log.info("%s: chunk %d overflowed, moving a row on", spec.name, bad)
        moved = chunks[bad].pop()
        if bad + 1 == len(chunks):
            chunks.append([])
        chunks[bad + 1].insert(0, moved)
        _no_heading_at_end(chunks)
    raise RuntimeError(f"{spec.name}: table pages did not settle")


def _chunks(rows: list[Row], trial: tuple) -> list[list[Row]]:
    by_index = {str(r.index): r for r in rows}
    chunks = [[by_index[i] for i in page.rows] for page in trial if page.rows]
    _no_heading_at_end(chunks)
    return [c for c in chunks if c]


def _no_heading_at_end(chunks: list[list[Row]]) -> None:
    """A page never ends on a heading: the heading goes with the items it introduces."""
    for n in range(len(chunks) - 1):
        while chunks[n] and chunks[n][-1].kind in ("intro", "heading") and len(chunks[n]) > 1:
            chunks[n + 1].insert(0, chunks[n].pop())


def _first_bad_chunk(laid: Laid, chunks: list[list[Row]]) -> int | None:
    pages = [p for p in laid.pages if p.rows]
    for n, chunk in enumerate(chunks):
        want = tuple(str(r.index) for r in chunk)
        if n >= len(pages) or pages[n].rows != want:
            return n
    return None if len(pages) == len(chunks) else len(chunks) - 1
