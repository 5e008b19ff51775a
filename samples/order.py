"""Lay out an order: a preamble page, then the assignment table paginated page by page.

Each attachment page is its own table, as a clerk's word-processor table printed page by page
looks: a supervisor written once in a merged cell covers the consecutive items it supervises on
that page, and an item whose sub-items run onto the next page has its names written again there.
Page breaks are found by laying out candidate pages with WeasyPrint (greedy fit).
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass

from samples.content import Item, OrderDoc, Section
from samples.render import SIGNATURE_SVG, Rendered, html_document, layout, read_page, render
from samples.thai import thai_date, thai_digits

log = logging.getLogger(__name__)

MAX_ROWS_PER_PAGE = 30  # more than ever fit; bounds the cost of a trial layout
HEADING_KINDS = ("declaration", "heading")


@dataclass(frozen=True)
class Row:
    """One row of the attachment table, before pagination."""

    index: int
    kind: str  # declaration, heading, item, sub
    number: str  # printed number, Thai digits ("" for headings)
    text: str
    item: Item | None  # the item an item or sub row belongs to

    @property
    def group(self) -> str | None:
        return self.item.criterion if self.item else None


@dataclass(frozen=True)
class OrderLayout:
    """The rendered order and where its rows fell."""

    rendered: Rendered
    chunks: tuple[tuple[int, int], ...]  # [start, end) row ranges, one per attachment page
    rows: tuple[Row, ...]

    def item_pages(self) -> dict[str, list[int]]:
        """1-based pages on which each criterion's rows are printed."""
        pages: dict[str, list[int]] = {}
        for page_no, (start, end) in enumerate(self.chunks, start=2):
            for row in self.rows[start:end]:
                if row.item and page_no not in pages.setdefault(row.item.criterion, []):
                    pages[row.item.criterion].append(page_no)
        return pages

    def continued_items(self) -> list[str]:
        """Criteria whose rows continue across a page break."""
        return [crit for crit, pages in self.item_pages().items() if len(pages) > 1]


def table_rows(order: OrderDoc) -> tuple[Row, ...]:
    rows: list[Row] = []

    def add(kind: str, number: str, text: str, item: Item | None) -> None:
        rows.append(Row(len(rows), kind, number, text, item))

    for section in order.sections:
        if section.declared_count != len(section.items):
            raise ValueError(f"{order.name}: {section.key} declares {section.declared_count} "
                             f"items but lists {len(section.items)}")
        add("declaration", "", section.declaration, None)
        if section.heading:
            add("heading", "", section.heading, None)
        for item in section.items:
            add("item", thai_digits(item.written_number or item.number), item.text, item)
            for sub in item.subitems:
                add("sub", thai_digits(sub.number), sub.text, item)
    return tuple(rows)


def _names(order: OrderDoc, keys: tuple[str, ...], row_index: int) -> str:
    # The spelling of a title depends on the row where the cell starts, so the same person is
    # written differently in different rows, and a trial layout spells it as the final one does.
    people = [order.officer(k).written(row_index + i) for i, k in enumerate(keys)]
    return "".join(f"<div>{html.escape(p)}</div>" for p in people)


def _runs(rows: tuple[Row, ...], key: Callable[[Row], str | None]) -> dict[int, int]:
    """Start index -> length of each run of consecutive rows sharing a non-None key."""
    runs: dict[int, int] = {}
    start = None
    for pos, row in enumerate(rows):
        if start is not None and key(row) == key(rows[start]) and key(row) is not None:
            runs[start] += 1
            continue
        start = pos if key(row) is not None else None
        if start is not None:
            runs[start] = 1
    return runs


def chunk_table(order: OrderDoc, rows: tuple[Row, ...]) -> str:
    """One attachment page: its header line and a table of the given rows."""
    sup_runs = _runs(rows, lambda r: r.item.supervisor if r.item else None)
    resp_runs = _runs(rows, lambda r: r.group)
    out = []
    for pos, row in enumerate(rows):
        text = "<br>".join(html.escape(line) for line in row.text.split("\n"))
        if row.kind in HEADING_KINDS:
            out.append(f'<tr class="{row.kind}" data-row="{row.index}">'
                       f'<td colspan="4">{text}</td></tr>')
            continue
        cells = [f'<td class="num">{row.number}</td>', f'<td class="text">{text}</td>']
        if pos in sup_runs:
            assert row.item is not None
            cells.append(f'<td class="names" rowspan="{sup_runs[pos]}">'
                         f"{_names(order, (row.item.supervisor,), row.index)}</td>")
        if pos in resp_runs:
            assert row.item is not None
            cells.append(f'<td class="names" rowspan="{resp_runs[pos]}">'
                         f"{_names(order, row.item.responsible, row.index)}</td>")
        out.append(f'<tr class="{row.kind}" data-row="{row.index}">{"".join(cells)}</tr>')
    head = (
        f"เอกสารแนบท้ายคำสั่ง{order.issuer} ที่ {thai_digits(order.number)} "
        f"ลงวันที่ {thai_date(*order.date)}"
    )
    return (
        f'<section class="page"><p class="att-head">{html.escape(head)}</p>'
        '<table class="assign"><colgroup><col style="width:2cm"><col>'
        '<col style="width:5.9cm"><col style="width:5.9cm"></colgroup>'
        '<thead><tr><th rowspan="2">ข้อที่</th><th rowspan="2">สิ่งที่ต้องดำเนินการ</th>'
        '<th colspan="2">มอบหมายดำเนินการ</th></tr>'
        "<tr><th>ผู้กำกับดูแล</th><th>ผู้รับผิดชอบ</th></tr></thead>"
        f"<tbody>{''.join(out)}</tbody></table></section>"
    )


def preamble(order: OrderDoc) -> str:
    signer = order.signer
    paragraphs = "".join(f'<p class="indent">{html.escape(p)}</p>' for p in order.paragraphs)
    position = "".join(f"<p>{html.escape(line)}</p>" for line in signer.position)
    return (
        f'<p class="title">คำสั่ง{html.escape(order.issuer)}</p>'
        f'<p class="center">ที่ {thai_digits(order.number)}</p>'
        f'<p class="center">เรื่อง {html.escape(order.subject)}</p>'
        '<p class="center">---------------------------</p>'
        f"{paragraphs}"
        f'<p class="indent" style="margin-top:0.6em">{order.closing} '
        f"{thai_date(*order.date, era_prefix=True)}</p>"
        f'<div class="sign">{SIGNATURE_SVG}'
        f"<p>({html.escape(signer.officer.written())})</p>{position}</div>"
    )


def _pages_of_rows(order: OrderDoc, rows: tuple[Row, ...]) -> list[set[int]]:
    """Lay out one attachment page alone; the row indices found on each resulting page."""
    document = layout(html_document(chunk_table(order, rows), order.name))
    return [{int(r) for r in read_page(page).rows} for page in document.pages]


def paginate(order: OrderDoc, rows: tuple[Row, ...]) -> tuple[tuple[int, int], ...]:
    """Greedy page breaks: as many rows per page as fit, with two adjustments.

    A page never ends on a declaration or heading row. Once, an item's sub-items are sent to the
    next page so that the order has a row continuing across a page break (seed 003 has several).
    """

    def fits(a: int, b: int) -> bool:
        return len(_pages_of_rows(order, rows[a:b])) == 1

    chunks: list[tuple[int, int]] = []
    start = 0
    split_made = False
    while start < len(rows):
        end = min(len(rows), start + MAX_ROWS_PER_PAGE)
        first_page = _pages_of_rows(order, rows[start:end])[0]
        fit = start
        while fit < end and rows[fit].index in first_page:
            fit += 1
        # The trial's merged cells ran on past the page; the page's own cells stop at its end,
        # so it may hold a row more, or a row less.
        while fit < end and fits(start, fit + 1):
            fit += 1
        while fit - start > 1 and not fits(start, fit):
            fit -= 1
        while fit < len(rows) and fit - start > 1 and rows[fit - 1].kind in HEADING_KINDS:
            fit -= 1
        if not split_made and fit < len(rows):
            fit = _split_point(rows, start, fit)
        split_made = split_made or (fit < len(rows) and rows[fit].kind == "sub")
        chunks.append((start, fit))
        start = fit
    return tuple(chunks)


def _split_point(rows: tuple[Row, ...], start: int, fit: int) -> int:
    """Move the break up to the nearest sub-item row whose item is on this page, if close."""
    for cut in range(fit, start + (fit - start) * 2 // 3, -1):
        row = rows[cut]
        if row.kind == "sub" and rows[cut - 1].group == row.group:
            return cut
    return fit


def render_order(order: OrderDoc) -> OrderLayout:
    rows = table_rows(order)
    chunks = paginate(order, rows)
    body = preamble(order) + "".join(chunk_table(order, rows[a:b]) for a, b in chunks)
    rendered = render(html_document(body, order.name))
    if len(rendered.pages) != 1 + len(chunks):
        raise RuntimeError(f"{order.name}: expected {1 + len(chunks)} pages, "
                           f"WeasyPrint made {len(rendered.pages)}")
    for page, (a, b) in zip(rendered.pages[1:], chunks, strict=True):
        if page.rows != tuple(str(r.index) for r in rows[a:b]):
            raise RuntimeError(f"{order.name}: rows {a}-{b} did not stay on one page")
    log.info("%s: %d pages, rows per attachment page %s", order.name, len(rendered.pages),
             [b - a for a, b in chunks])
    return OrderLayout(rendered, chunks, rows)


def declared_counts(order: OrderDoc) -> dict[str, object]:
    quality = [s for s in order.sections if s.key.startswith("quality-")]
    items = [i for s in quality for i in s.items]
    return {
        "physical": _count(order, "physical"),
        "quality": {s.key.removeprefix("quality-"): s.declared_count for s in quality},
        "quality_basic": sum(1 for i in items if i.level == "basic"),
        "quality_advanced": sum(1 for i in items if i.level == "advanced"),
        "special": _count(order, "special"),
        "results": _count(order, "results"),
    }


def _count(order: OrderDoc, key: str) -> int:
    section: Section = next(s for s in order.sections if s.key == key)
    return section.declared_count
