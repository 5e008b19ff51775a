"""Batch tables rebuilt from per-document extractions (so a re-run never duplicates rows)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from extract.document import Extraction
from extract.findings import finding_record, flag_text
from extract.names import cluster_officers
from pipeline import writers

ROLE_MARK = {"supervisor": "ก", "responsible": "ร"}

ASSIGNMENT_COLUMNS = [
    "document",
    "edition",
    "criterion",
    "number_as_written",
    "role",
    "title",
    "name",
    "name_as_written",
    "page",
    "match_score",
]


def criterion_sort_key(cid: str) -> tuple[int, tuple[int, ...]]:
    order = {"P": 0, "Q": 1, "R": 2}
    nums = tuple(int(n) for n in re.findall(r"\d+", cid))
    return (order.get(cid[:1], 9), nums)


@dataclass
class BatchOfficer:
    key: str
    title: str
    name: str
    variants: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    roles: Counter[str] = field(default_factory=Counter)


def batch_officers(
    extractions: list[Extraction],
) -> tuple[dict[str, BatchOfficer], dict[tuple[str, str], str]]:
    """Cluster names across the whole batch; map (document, officer key) to a batch key."""
    mentions = [m for ex in extractions for m in ex.mentions]
    officers, key_of_name = cluster_officers(mentions)
    by_key = {o.key: BatchOfficer(o.key, o.title, o.name) for o in officers}
    doc_map: dict[tuple[str, str], str] = {}
    for ex in extractions:
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for index, mention in enumerate(ex.mentions):
            doc_key = ex.key_of.get(index)
            if doc_key is not None:
                votes[doc_key][key_of_name[mention.as_written]] += 1
        for doc_key, counter in votes.items():
            doc_map[(ex.document, doc_key)] = counter.most_common(1)[0][0]
        for officer in ex.officers:
            batch_key = doc_map.get((ex.document, officer.key))
            if batch_key:
                by_key[batch_key].variants.update(officer.variants)
                by_key[batch_key].documents.add(ex.document)
        for a in ex.assignments:
            batch_key = doc_map.get((ex.document, a.officer_key))
            if batch_key:
                by_key[batch_key].roles[str(a.role)] += 1
    return {k: v for k, v in by_key.items() if v.documents}, doc_map


def write_batch_tables(out_dir: Path, extractions: list[Extraction]) -> None:
    officers, doc_map = batch_officers(extractions)
    rows = []
    for ex in extractions:
        for a in ex.assignments:
            officer = officers.get(doc_map.get((ex.document, a.officer_key), ""))
            title = officer.title if officer else a.title
            name = officer.name if officer else a.name
            rows.append(
                [
                    a.document,
                    a.edition,
                    a.criterion,
                    a.number_as_written,
                    str(a.role),
                    title,
                    name,
                    a.name_as_written,
                    a.page,
                    a.match_score,
                ]
            )
    writers.write_csv(out_dir / "assignments.csv", ASSIGNMENT_COLUMNS, rows)
    writers.write_csv(
        out_dir / "items.csv",
        [
            "document",
            "edition",
            "criterion",
            "number_as_written",
            "group",
            "page",
            "marker",
            "match_score",
            "catalog_title",
            "flags",
            "text",
        ],
        (
            [
                ex.document,
                ex.edition or "",
                it.criterion,
                it.number_as_written,
                str(it.group),
                it.page,
                it.marker or "",
                it.match_score,
                it.match_title,
                "; ".join(flag_text(f) for f in it.flags),
                it.text[:300],
            ]
            for ex in extractions
            for it in ex.items
        ),
    )
    writers.write_csv(
        out_dir / "officers.csv",
        ["title", "name", "variants", "documents", "supervisor", "responsible"],
        (
            [
                o.title,
                o.name,
                " | ".join(sorted(o.variants)),
                " | ".join(sorted(o.documents)),
                o.roles["supervisor"],
                o.roles["responsible"],
            ]
            for o in sorted(officers.values(), key=lambda o: o.name)
        ),
    )
    writers.write_csv(
        out_dir / "validation.csv",
        ["document", "kind", "severity", "criterion", "detail", "detail_th"],
        (
            [f.document, f.kind, f.severity, f.criterion, f.detail, f.detail_th]
            for ex in extractions
            for f in ex.findings
        ),
    )
    write_matrices(out_dir, [dict(zip(ASSIGNMENT_COLUMNS, map(str, r), strict=True)) for r in rows])


def write_matrices(out_dir: Path, rows: list[dict[str, str]]) -> None:
    """matrix.csv (batch) and matrix.xlsx (one sheet per document, batch, workload)."""
    from pipeline.xlsx import write_matrix_xlsx

    sheets = matrices(rows)
    header, body = sheets["batch"]
    writers.write_csv(out_dir / "matrix.csv", header, body)
    write_matrix_xlsx(out_dir / "matrix.xlsx", sheets, workload(rows))


def matrices(rows: list[dict[str, str]]) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Officers x criteria per document, and for the batch (columns `document:criterion`)."""
    documents = sorted({r["document"] for r in rows})
    sheets: dict[str, tuple[list[str], list[list[str]]]] = {}
    for doc in documents:
        doc_rows = [r for r in rows if r["document"] == doc]
        sheets[doc] = _table(doc_rows, lambda r: r["criterion"])
    if len(documents) > 1:
        sheets["batch"] = _table(rows, lambda r: f"{r['document']}:{r['criterion']}")
    elif documents:
        sheets["batch"] = sheets[documents[0]]
    else:
        sheets["batch"] = (["officer"], [])
    return sheets


def _column_key(col: str) -> tuple[str, tuple[int, tuple[int, ...]]]:
    doc, _, cid = col.rpartition(":")
    return (doc, criterion_sort_key(cid))


def _table(
    rows: list[dict[str, str]], column: Callable[[dict[str, str]], str]
) -> tuple[list[str], list[list[str]]]:
    cells: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows:
        cells[r["name"]][column(r)].add(ROLE_MARK.get(r["role"], "?"))
    cols = sorted({column(r) for r in rows}, key=_column_key)
    body = [
        [name, *("".join(sorted(cells[name].get(c, set()))) for c in cols)]
        for name in sorted(cells)
    ]
    return ["officer", *cols], body


def workload(rows: list[dict[str, str]]) -> list[list[object]]:
    """Per officer: title, name, criteria as supervisor / responsible, total, documents."""
    titles: dict[str, str] = {}  # the first title seen
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    documents: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        titles.setdefault(r["name"], r["title"])
        roles[r["name"]]["supervisor" if r["role"] == "supervisor" else "responsible"] += 1
        documents[r["name"]].add(r["document"])
    out: list[list[object]] = []
    for name in sorted(titles):
        sup, resp = roles[name]["supervisor"], roles[name]["responsible"]
        out.append([titles[name], name, sup, resp, sup + resp, len(documents[name])])
    return out


def extraction_record(ex: Extraction) -> dict[str, object]:
    """Everything for one document, for document.json."""
    return {
        "document": ex.document,
        "edition": ex.edition,
        "edition_scores": ex.edition_scores,
        "meta": asdict(ex.meta),
        "declared_counts": [asdict(d) for d in ex.declared],
        "items": [
            {
                k: [flag_text(f) for f in it.flags] if k == "flags" else v
                for k, v in asdict(it).items()
                if k not in ("name_rows", "role_labels")
            }
            for it in ex.items
        ],
        "officers": [asdict(o) for o in ex.officers],
        "assignments": [asdict(a) for a in ex.assignments],
        "findings": [finding_record(f) for f in ex.findings],
    }
