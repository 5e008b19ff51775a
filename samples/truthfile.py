"""The truth schema of the family documents (`<doc>.truth.json`), and a reader for it.

No heavy imports: the benchmark and the tests read truth without loading the generator.
One schema for every document (orders and circulars), written by the generator from what it
typeset, never from a pipeline's output. Field by field:

- `schema`: "circulars-truth/1".
- `document`: "<family>-<seed:04d>", e.g. "ruled-0003"; `family`, `split` ("dev" or
  "validation"), `seed` (int); `kind`: "order" or "circular".
- `issuer`, `number` (as printed after ที่), `date` (as printed), `date_iso` ("YYYY-MM-DD",
  Gregorian), `subject`; `edition`: "2562", "2566" or "2567" (the catalog the items come from);
  `digits`: "thai", "arabic" or "mixed" (item numbers of different blocks in different digits).
- `style`: free-form layout facts (font, size_pt, orientation, role_order, rules, names,
  item_format, label_place, ...): for slicing results, not for scoring.
- `items`: top-level criteria in printed order: `criterion` (project id P1, Q2.5, Q5.1, Q22,
  R2), `printed` (the number as printed, digits as printed, without decoration such as ข้อ,
  ข้อที่, parentheses or a trailing dot or parenthesis; a clerk's slip shows here), `page`
  (1-based page where the item's number is typeset). Sub-items belong to their item.
- `assignments`: one per (criterion, role, person), supervisor first: `criterion`, `role`
  ("supervisor" or "responsible"), `title` (normalised: นาย, นาง, นางสาว, ว่าที่ร้อยตรี, ดร., a
  rank in full), `name` ("given family", one space). Empty for a circular.
- `officers`: the assigned officers (distinct names of `assignments`), in order of first
  assignment: `title`, `name`, `written_as` (every spelling printed, title included, e.g.
  "น.ส.ปวีณา ทองคำ"), `position` (the job title printed with the name, or null).
- `signer`: `title`, `name`, `position` (the lines under the signature joined by a space).
- `coordinator`: null, or `title`, `name`, `position`, `phone` (as printed).
- `numbering_errors`: the clerk's slips: `criterion`, `printed`, `correct` (the right number in
  the printed digits), `kind` ("repeated": the previous number again; "skipped": one ahead).
- `declared_counts`: counts the document states: `scope` (physical, quality, quality-1 ..
  quality-4, special, results, total), `count`, `as_printed` (the phrase, e.g. "จำนวน ๑๕ ข้อ").
- `pages`: the text of every page in reading order, lines joined by "\\n" (a table row by row,
  cell by cell: number, text, then the role cells left to right; a merged cell's text once, in
  the first row it spans; page numbers included).
- `files`: the inputs made from the document: file name -> {"form": digital | scan | copy |
  fax | photo}.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal, TypedDict

SCHEMA = "circulars-truth/1"
FORMS = ("digital", "scan", "copy", "fax", "photo")
FAMILIES = ("ruled", "norules", "multiname", "list", "sectionlist", "circular")
SPLITS = ("dev", "validation")


class TruthItem(TypedDict):
    criterion: str
    printed: str
    page: int


class Assignment(TypedDict):
    criterion: str
    role: Literal["supervisor", "responsible"]
    title: str
    name: str


class Officer(TypedDict):
    title: str
    name: str
    written_as: list[str]
    position: str | None


class Signer(TypedDict):
    title: str
    name: str
    position: str


class Coordinator(TypedDict):
    title: str
    name: str
    position: str
    phone: str


class NumberingError(TypedDict):
    criterion: str
    printed: str
    correct: str
    kind: Literal["repeated", "skipped"]


class DeclaredCount(TypedDict):
    scope: str
    count: int
    as_printed: str


class FileInfo(TypedDict):
    form: str


class Truth(TypedDict):
    schema: str
    document: str
    family: str
    split: str
    seed: int
    kind: Literal["order", "circular"]
    issuer: str
    number: str
    date: str
    date_iso: str
    subject: str
    edition: Literal["2562", "2566", "2567"]
    digits: Literal["thai", "arabic", "mixed"]
    style: dict
    items: list[TruthItem]
    assignments: list[Assignment]
    officers: list[Officer]
    signer: Signer
    coordinator: Coordinator | None
    numbering_errors: list[NumberingError]
    declared_counts: list[DeclaredCount]
    pages: list[str]
    files: dict[str, FileInfo]


def load_truth(path: str | Path) -> Truth:
    """Read a truth file and check its schema tag and top-level fields."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("schema") != SCHEMA:
        raise ValueError(f"{path}: not a {SCHEMA} file")
    missing = set(Truth.__annotations__) - set(data)
    if missing:
        raise ValueError(f"{path}: missing fields {sorted(missing)}")
    return data


def doc_name(family: str, seed: int) -> str:
    """
    >>> doc_name("ruled", 3)
    'ruled-0003'
    """
    return f"{family}-{seed:04d}"


def split_form(path: str | Path) -> tuple[str, str]:
    """(document, form) of an input file name; its truth is `<document>.truth.json`.

    >>> split_form("samples/generated/families/dev/sectionlist-0002_fax.pdf")
    ('sectionlist-0002', 'fax')
    """
    document, _, form = Path(path).stem.rpartition("_")
    if form not in FORMS:
        raise ValueError(f"{path}: no form suffix")
    return document, form


def truth_path(path: str | Path) -> Path:
    """The truth file next to an input file.

    >>> truth_path("x/dev/ruled-0001_scan.pdf").as_posix()
    'x/dev/ruled-0001.truth.json'
    """
    document, _ = split_form(path)
    return Path(path).with_name(f"{document}.truth.json")
