"""Ground truth of the generated documents, written from the data the generator rendered.

Files per document, in samples/expected/:
- `<name>.pages.txt`: the exact text of each page, pages separated by a form feed;
- `<name>.assignments.csv` (orders): one row per (criterion, role, person), UTF-8 with BOM;
- `<name>.meta.json`: issuer, number, date, signer, declared counts, officers, layout facts.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from samples.content import CircularDoc, Officer, OrderDoc
from samples.order import OrderLayout, declared_counts
from samples.render import Rendered
from samples.thai import thai_date, thai_digits

ASSIGNMENT_COLUMNS = ("criterion", "role", "title", "name")


def pages_text(rendered: Rendered) -> str:
    return "\f".join(page.text for page in rendered.pages) + "\n"


def assignment_rows(order: OrderDoc) -> list[dict[str, str]]:
    """Supervisor then responsible officers of every criterion, in document order."""
    rows: list[dict[str, str]] = []
    for section in order.sections:
        for item in section.items:
            people = [("supervisor", item.supervisor)]
            people += [("responsible", key) for key in item.responsible]
            for role, key in people:
                person = order.officer(key)
                rows.append({"criterion": item.criterion, "role": role, "title": person.title,
                             "name": person.name})
    return rows


def assignments_csv(order: OrderDoc) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ASSIGNMENT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(assignment_rows(order))
    return "\ufeff" + buffer.getvalue()


def _person(officer: Officer) -> dict[str, str]:
    return {"title": officer.title, "name": officer.name}


def _iso(day_month_year_be: tuple[int, int, int]) -> str:
    day, month, year_be = day_month_year_be
    return date(year_be - 543, month, day).isoformat()


def order_meta(order: OrderDoc, layout: OrderLayout, files: dict[str, dict]) -> dict:
    rows = assignment_rows(order)
    officers = []
    for person in order.officers:
        mine = [r for r in rows if r["name"] == person.name]
        officers.append({
            **_person(person),
            "written_as": sorted({person.written(i) for i in range(len(person.written_titles))}),
            "supervisor_of": sorted({r["criterion"] for r in mine if r["role"] == "supervisor"},
                                    key=_criterion_key),
            "responsible_for": sorted({r["criterion"] for r in mine if r["role"] == "responsible"},
                                      key=_criterion_key),
        })
    items = [item for section in order.sections for item in section.items]
    return {
        "name": order.name,
        "kind": "order",
        "issuer": order.issuer,
        "number": thai_digits(order.number),
        "date": thai_date(*order.date, era_prefix=True),
        "date_iso": _iso(order.date),
        "subject": order.subject,
        "signer": {**_person(order.signer.officer), "position": " ".join(order.signer.position)},
        "edition": order.edition,
        "declared_counts": declared_counts(order),
        "criteria": [item.criterion for item in items],
        "subitems": {item.criterion: [thai_digits(s.number) for s in item.subitems]
                     for item in items if item.subitems},
        "numbering_errors": [
            {"criterion": item.criterion, "written": thai_digits(item.written_number),
             "correct": thai_digits(item.number)}
            for item in items if item.written_number
        ],
        "distinct_officers": len({(r["name"]) for r in rows}),
        "officers": officers,
        "pages": len(layout.rendered.pages),
        "item_pages": layout.item_pages(),
        "continued_items": layout.continued_items(),
        "files": files,
    }


def circular_meta(doc: CircularDoc, rendered: Rendered, files: dict[str, dict]) -> dict:
    return {
        "name": doc.name,
        "kind": "circular",
        "issuer": doc.issuer,
        "number": doc.number,
        "date": thai_date(*doc.date),
        "date_iso": _iso(doc.date),
        "subject": doc.subject,
        "to": doc.to,
        "signer": {**_person(doc.signer.officer), "position": " ".join(doc.signer.position)},
        "coordinator": {**_person(doc.coordinator), "position": doc.coordinator_position,
                        "phone": doc.coordinator_phone},
        "edition": "2567",
        "declared_counts": doc.declared_counts,
        "highlighted_criteria": list(doc.highlighted),
        "pages": len(rendered.pages),
        "files": files,
    }


def _criterion_key(criterion: str) -> tuple:
    group = "PQR".index(criterion[0])
    return (group, *(int(part) for part in criterion[1:].split(".")))


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")


def write_json(path: Path, data: dict) -> None:
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
