"""The truth of a family document (schema circulars-truth/1), from what was typeset.

Everything comes from the spec the renderer laid out and from the layout itself (page texts,
the page each item's number fell on, the spellings each name was printed with).
"""

from __future__ import annotations

from samples.families.layout import Laid
from samples.families.spec import DocSpec, Person
from samples.truthfile import SCHEMA


def _person(person: Person) -> dict[str, str]:
    return {"title": person.title, "name": person.name}


def assignments(spec: DocSpec) -> list[dict[str, str]]:
    """Supervisor then responsible officers of every item, in printed order."""
    rows: list[dict[str, str]] = []
    if spec.kind != "order":
        return rows
    for item in spec.items:
        people = [("supervisor", item.supervisor)]
        people += [("responsible", i) for i in item.responsible]
        for role, index in people:
            assert index is not None
            rows.append({"criterion": item.criterion, "role": role,
                         **_person(spec.people[index])})
    return rows


def officers(spec: DocSpec, seen: dict[str, list[str]]) -> list[dict]:
    """Assigned officers, in order of their first assignment."""
    order: list[int] = []
    for item in spec.items if spec.kind == "order" else ():
        for index in (item.supervisor, *item.responsible):
            if index is not None and index not in order:
                order.append(index)
    out = []
    for index in order:
        person = spec.people[index]
        out.append({**_person(person), "written_as": list(seen.get(person.name, [])),
                    "position": person.position if person.shows_position else None})
    return out


def truth(spec: DocSpec, laid: Laid, seen: dict[str, list[str]],
          files: dict[str, dict]) -> dict:
    pages = laid.item_pages()
    missing = [i.criterion for i in spec.items if i.criterion not in pages]
    if missing:
        raise RuntimeError(f"{spec.name}: items not found on any page: {missing}")
    letter = spec.letter
    signer = letter.signer
    coordinator = None
    if spec.coordinator:
        c = spec.coordinator
        coordinator = {**_person(c.person), "position": c.person.position, "phone": c.phone}
    return {
        "schema": SCHEMA,
        "document": spec.name, "family": spec.family, "split": spec.split, "seed": spec.seed,
        "kind": spec.kind,
        "issuer": letter.issuer, "number": letter.number, "date": letter.date,
        "date_iso": letter.date_iso, "subject": letter.subject, "edition": spec.edition,
        "digits": spec.digits,
        "style": dict(spec.style),
        "items": [{"criterion": i.criterion, "printed": i.printed, "page": pages[i.criterion]}
                  for i in spec.items],
        "assignments": assignments(spec),
        "officers": officers(spec, seen),
        "signer": {**_person(signer.person), "position": " ".join(signer.position)},
        "coordinator": coordinator,
        "numbering_errors": [{"criterion": i.criterion, "printed": i.printed,
                              "correct": i.correct, "kind": i.slip}
                             for i in spec.items if i.slip],
        "declared_counts": [{"scope": d.scope, "count": d.count, "as_printed": d.as_printed}
                            for d in spec.declared],
        "pages": [page.text for page in laid.pages],
        "files": files,
    }
