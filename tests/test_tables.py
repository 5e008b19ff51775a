"""Tables read as tables: page text in the table's reading order, roles from the columns.

The pages are typeset in tests/test_layout.py (the truth is what was typeset there); the scans
go through the real Tesseract. Each scanned page is read once per module.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rapidfuzz.distance import Levenshtein

from extract.document import extract_document
from ocr.detect import describe
from ocr.reader import plan_pages
from ocr.tesseract import OcrSettings
from pipeline.pages import process_page
from tests.test_layout import FAX, ROWS, SCAN, SUPERVISOR, render_table, scanned

# Page CER (whitespace ignored) of a table page read in the table's order, measured on these
# pages: text layer 0.00-0.01, grey 300-dpi scan 0.03-0.05, 200-dpi fax 0.06-0.09. Reading the
# same scans across the columns (raw Tesseract) gives 0.25-0.40.
MAX_CER = {"digital": 0.03, "scan": 0.10, "fax": 0.15}


def cer(text: str, truth: str) -> float:
    a, b = re.sub(r"\s+", "", text), re.sub(r"\s+", "", truth)
    return Levenshtein.distance(a, b) / max(len(b), 1)


def read(path: Path):
    return [process_page(task, OcrSettings()) for task in plan_pages(describe(path))]


def expected_assignments() -> set[tuple[str, str, str]]:
    out = set()
    for i, (_, _, names) in enumerate(ROWS):
        crit = f"P{i + 1}"
        out.add((crit, "supervisor", SUPERVISOR.removeprefix("นาง")))
        for name in names:
            title = next(t for t in ("นางสาว", "นาง", "นาย") if name.startswith(t))
            out.add((crit, "responsible", name[len(title):]))
    return out


def assignments(pages) -> set[tuple[str, str, str]]:
    ex = extract_document(
        "t", [(p.number, p.text) for p in pages], edition="2567",
        layouts=[p.layout for p in pages],
    )
    return {(a.criterion, a.role.value, a.name) for a in ex.assignments}


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    """form -> (typeset document, pages read), for both column orders."""
    out = {}
    for order, first in (("sup-first", True), ("resp-first", False)):
        folder = tmp_path_factory.mktemp(order)
        doc = render_table(folder / "table.pdf", supervisor_first=first)
        out[("digital", order)] = (doc, read(doc.path))
        for name, profile in (("scan", SCAN), ("fax", FAX)):
            if order == "resp-first" and name == "scan":
                continue  # the fax is the harder case: enough to show order on scans
            image = folder / f"table_{name}.png"
            scanned(doc, profile).save(image)
            out[(name, order)] = (doc, read(image))
    return out


@pytest.mark.parametrize("form", ["digital", "scan", "fax"])
def test_page_text_follows_the_tables_reading_order(docs, form):
    doc, pages = docs[(form, "sup-first")]
    assert len(pages) == 1
    assert cer(pages[0].text, doc.text) <= MAX_CER[form]


@pytest.mark.parametrize("form", ["scan", "fax"])
def test_rules_are_never_read_as_letters(docs, form):
    _, pages = docs[(form, "sup-first")]
    # A border read as a letter shows up as `|`, `l`, `I` or a stray ไ/ใ/โ standing alone.
    assert not re.search(r"[|lI]", pages[0].text)
    assert not re.search(r"(?:^|\s)[ไใโ](?:\s|$)", pages[0].text)
    for table in pages[0].layout.tables:
        for cell in table.cells:
            assert not re.search(r"(?:^|\n)\s*[|lI\]\[]\s*(?:\n|$)", cell.text), cell


@pytest.mark.parametrize(
    "form,order",
    [("digital", "sup-first"), ("digital", "resp-first"), ("scan", "sup-first"),
     ("fax", "sup-first"), ("fax", "resp-first")],
)
def test_roles_come_from_the_columns(docs, form, order):
    """Either column order; the merged supervisor cell applies to all three rows it spans;
    `นางสาวรัตนาภรณ์ / ขัติยะ` wraps inside its narrow cell and stays one name."""
    _, pages = docs[(form, order)]
    assert assignments(pages) == expected_assignments()


def test_merged_supervisor_cell_spans_every_row(docs):
    _, pages = docs[("digital", "sup-first")]
    got = assignments(pages)
    supervised = {c for c, role, _ in got if role == "supervisor"}
    assert supervised == {"P1", "P2", "P3"}


def test_a_wrapped_family_name_stays_one_name(docs):
    for key in (("digital", "sup-first"), ("fax", "resp-first")):
        _, pages = docs[key]
        table = pages[0].layout.tables[0]
        cell = next(c for c in table.cells if "รัตนาภรณ์" in c.text)
        # The cell really wraps: title and given name on one line, family name on the next.
        line = next(ln for ln in cell.text.splitlines() if "รัตนาภรณ์" in ln)
        assert "ขัติยะ" not in line
        names = {n for _, _, n in assignments(pages)}
        assert "รัตนาภรณ์ ขัติยะ" in names
