"""Who answers for what, per document: matrix heatmap, workload chart, assignments, coverage."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from extract.catalog import Catalog, CatalogError
from pipeline.report.html import ROLE_MARK, ROLE_TH, bi, clip, esc, name_key, person, table
from pipeline.report.load import DocumentData
from pipeline.report.svg import Panel, Segment, bar_chart
from pipeline.tables import criterion_sort_key

log = logging.getLogger(__name__)

GROUP_LABEL = {
    "physical": ("กายภาพ", "physical"),
    "quality": ("คุณภาพ", "quality"),
    "special": ("พิเศษ", "special"),
    "results": ("ผลลัพธ์", "results"),
}
CHIP_CHARS = 60  # titles of uncovered criteria: enough to recognise the requirement
TITLE_CHARS = 110  # catalog titles in the assignments table; the full title is in items.csv
_GROUP_OF_PREFIX = {"P": "physical", "Q": "quality", "R": "results"}


@dataclass(frozen=True)
class Column:
    """One criterion of the matrix."""

    id: str
    group: str
    title: str
    points: int | None
    in_catalog: bool


@dataclass(frozen=True)
class Load:
    """One officer's share of a document."""

    key: str
    label: str  # title + name
    roles: dict[str, frozenset[str]]  # criterion -> {"supervisor", "responsible"}
    points: int

    @property
    def supervisor(self) -> int:
        return sum("supervisor" in r for r in self.roles.values())

    @property
    def responsible(self) -> int:
        return sum("responsible" in r for r in self.roles.values())


@dataclass(frozen=True)
class Responsibility:
    """Everything the per-document "who does what" sections show."""

    columns: tuple[Column, ...]
    loads: tuple[Load, ...]  # busiest first
    people: dict[str, int]  # criterion -> number of distinct officers
    catalog: Catalog | None

    @property
    def uncovered(self) -> list[Column]:
        return [c for c in self.columns if c.in_catalog and not self.people.get(c.id)]


def load_catalog(edition: str) -> Catalog | None:
    if not edition:
        return None
    try:
        return Catalog.load(edition)
    except CatalogError as exc:
        log.warning("report: %s", exc)
        return None


def responsibility(doc: DocumentData) -> Responsibility:
    catalog = load_catalog(doc.edition)
    assignments = doc.records("assignments")
    titles = {it.get("criterion"): it.get("match_title") or "" for it in doc.records("items")}
    columns: list[Column] = []
    if catalog is not None:
        columns = [Column(c.id, c.group, c.title, c.points, True) for c in catalog]
    known = {c.id for c in columns}
    extra = sorted({str(a.get("criterion") or "?") for a in assignments} - known,
                   key=criterion_sort_key)
    columns += [
        Column(cid, _GROUP_OF_PREFIX.get(cid[:1], "quality"), titles.get(cid, ""), None, False)
        for cid in extra
    ]
    points = {c.id: c.points or 0 for c in columns}
    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    labels: dict[str, str] = {}
    for a in assignments:
        key = str(a.get("officer_key") or a.get("name"))
        roles[key][str(a.get("criterion") or "?")].add(str(a.get("role")))
        labels.setdefault(key, person(a.get("title"), a.get("name")))
    loads = [
        Load(key, labels[key], {c: frozenset(r) for c, r in by_c.items()},
             sum(points.get(c, 0) for c in by_c))
        for key, by_c in roles.items()
    ]
    loads.sort(key=lambda ld: (-len(ld.roles), -ld.points, ld.label))
    people: dict[str, int] = defaultdict(int)
    for ld in loads:
        for cid in ld.roles:
            people[cid] += 1
    return Responsibility(tuple(columns), tuple(loads), dict(people), catalog)


def matrix_html(resp: Responsibility, element_id: str) -> str:
    """Officers x criteria; ก supervisor and ร responsible in different fills, gaps in red."""
    cols = resp.columns
    starts = {i for i, c in enumerate(cols) if i == 0 or cols[i - 1].group != c.group}
    groups = []
    for i in sorted(starts):
        span = next((j for j in sorted(starts) if j > i), len(cols)) - i
        th, en = GROUP_LABEL.get(cols[i].group, (cols[i].group, ""))
        groups.append(f'<th class="grp gstart" colspan="{span}">{bi(th, en)}</th>')
    head1 = '<tr><th class="who"></th>' + "".join(groups) + '<th class="tot" colspan="3"></th></tr>'
    head2 = ['<tr><th class="who">' + bi("ชื่อ", "officer") + "</th>"]
    for i, c in enumerate(cols):
        cls = ["cid"] + (["gstart"] if i in starts else []) + (
            ["uncovered"] if c.in_catalog and not resp.people.get(c.id) else [])
        tip = f"{c.id} {c.title}" + ("" if c.in_catalog else " (not in the catalog)")
        head2.append(
            f'<th class="{" ".join(cls)}" title="{esc(tip)}"><span>{esc(c.id)}</span></th>'
        )
    head2.append(
        '<th class="tot" title="supervisor">ก</th><th class="tot" title="responsible">ร</th>'
        '<th class="tot" title="points">คะแนน</th></tr>'
    )
    body = []
    for ld in resp.loads:
        cells = [f'<td class="who" title="{esc(ld.label)}">{esc(ld.label)}</td>']
        for i, c in enumerate(cols):
            r = ld.roles.get(c.id, frozenset())
            g = " gstart" if i in starts else ""
            if not r:
                cells.append(f'<td class="{g.strip()}"></td>')
                continue
            kind = "both" if len(r) == 2 else "sup" if "supervisor" in r else "resp"
            mark = "".join(ROLE_MARK[x] for x in ("supervisor", "responsible") if x in r)
            tip = f"{c.id}: " + ", ".join(ROLE_TH.get(x, x) for x in sorted(r, reverse=True))
            cells.append(f'<td class="{kind}{g}" title="{esc(tip)}">{esc(mark)}</td>')
        cells.append(f'<td class="tot">{ld.supervisor}</td><td class="tot">{ld.responsible}</td>'
                     f'<td class="tot">{ld.points}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    people = ['<tr class="people"><td class="who">' + bi("จำนวนคน", "people") + "</td>"]
    for i, c in enumerate(cols):
        n = resp.people.get(c.id, 0)
        mark_cls = ("uncovered " if c.in_catalog and not n else "") + (
            "gstart" if i in starts else "")
        people.append(f'<td class="{mark_cls.strip()}">{n}</td>')
    people.append('<td class="tot" colspan="3"></td></tr>')
    legend = (
        '<p class="legend"><i class="sup"></i>ก = ผู้กำกับดูแล <span class="en">supervisor</span>'
        '<i class="resp"></i>ร = ผู้รับผิดชอบ <span class="en">responsible</span>'
        '<i class="uncovered"></i>ไม่มีผู้รับผิดชอบ <span class="en">nobody assigned</span></p>'
    )
    return (
        f'{legend}<div class="matrix-wrap"><table class="matrix" id="{esc(element_id)}">'
        f"<thead>{head1}{''.join(head2)}</thead><tbody>{''.join(body)}{''.join(people)}</tbody>"
        "</table></div>"
    )


def workload_svg(resp: Responsibility, element_id: str) -> str:
    loads = resp.loads
    return bar_chart(
        [ld.label for ld in loads],
        [
            Panel("จำนวนข้อ (criteria)", [
                Segment("ก supervisor", "sup", [ld.supervisor for ld in loads]),
                Segment("ร responsible", "resp", [ld.responsible for ld in loads]),
            ]),
            Panel("คะแนนที่รับผิดชอบ (points)", [
                Segment("points", "pts", [ld.points for ld in loads]),
            ]),
        ],
        chart_id=element_id,
        title="Workload per officer: criteria as supervisor / responsible, and points",
    )


def assignments_html(doc: DocumentData, resp: Responsibility) -> str:
    """One row per criterion: supervisors and responsible officers, names as written if odd."""
    by_c: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for a in doc.records("assignments"):
        by_c[str(a.get("criterion") or "?")][str(a.get("role"))].append(a)
    order = {c.id: i for i, c in enumerate(resp.columns)}
    titles = {c.id: c.title for c in resp.columns}
    rows = []
    for cid in sorted(by_c, key=lambda c: (order.get(c, 10**6), criterion_sort_key(c))):
        roles = by_c[cid]
        first = (roles.get("supervisor") or roles.get("responsible") or [{}])[0]
        pages = sorted({int(a["page"]) for r in roles.values() for a in r if a.get("page")})
        rows.append([
            f"<b>{esc(cid)}</b>",
            esc(first.get("number_as_written", "")),
            esc(clip(titles.get(cid, ""), TITLE_CHARS)),
            _names(roles.get("supervisor", [])),
            _names(roles.get("responsible", [])),
            esc(", ".join(map(str, pages))),
        ])
    header = [bi("ข้อ", "criterion"), bi("เลขที่เขียน", "as written"), bi("เกณฑ์", "catalog title"),
              bi("ผู้กำกับดูแล", "supervisor"), bi("ผู้รับผิดชอบ", "responsible"), bi("หน้า", "page")]
    return table(header, rows, "assignments", raw=True)


def _names(assignments: list[dict[str, Any]]) -> str:
    out = []
    for a in assignments:
        name = person(a.get("title"), a.get("name"))
        written = str(a.get("name_as_written") or "")
        extra = ""
        if written and name_key(written) != name_key(name):
            extra = f' <span class="as-written">(เขียนว่า {esc(written)})</span>'
        out.append(esc(name) + extra)
    return "<br>".join(out) or '<span class="muted">–</span>'


def coverage_html(resp: Responsibility) -> str:
    missing = resp.uncovered
    if resp.catalog is None:
        return '<p class="note">No catalog for this edition: coverage cannot be checked.</p>'
    if not missing:
        return (f'<p class="ok">ทุกข้อของเกณฑ์ {esc(resp.catalog.edition)} มีผู้รับผิดชอบ '
                '<span class="en">every criterion has someone assigned</span></p>')
    pts = sum(c.points or 0 for c in missing)
    chips = "".join(
        f'<li title="{esc(c.title)}"><b>{esc(c.id)}</b>{esc(clip(c.title, CHIP_CHARS))}'
        + (f' <span class="en">({c.points} pt)</span>' if c.points else "") + "</li>"
        for c in missing
    )
    return (
        f'<p class="sev-error">ไม่มีผู้รับผิดชอบ {len(missing)} ข้อ ({pts} คะแนน) '
        f'<span class="en">{len(missing)} criteria ({pts} points) with nobody assigned</span></p>'
        f'<ul class="uncovered">{chips}</ul>'
    )
