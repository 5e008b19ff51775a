"""report.html of a real batch (the seeds, a scanned order, a file with an awkward name), opened
in headless Chromium: matrix, charts, review queue with scan crops, Thai fonts, print layout.

Chromium is the Debian package (/usr/bin/chromium) driven by Playwright; no browser download.
"""

from __future__ import annotations

import base64
import io
import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from fontTools.ttLib import TTFont
from PIL import Image
from playwright.sync_api import Page, sync_playwright
from rapidfuzz import fuzz

from extract.catalog import Catalog
from ocr.tesseract import OcrSettings, recognise
from pipeline.cli.main import main as cli_main
from pipeline.models import RunOptions
from pipeline.report.build import merge_findings, write_report
from pipeline.report.crops import ScanCropper, align_lines, match_key
from pipeline.report.load import load_document
from pipeline.report.review import review_pages
from pipeline.runner import run_pipeline
from tests.conftest import ORDER_LINES, SEEDS

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
THAI_FAMILIES = {"TH Sarabun New", "Sarabun", "Laksaman", "Garuda", "Loma"}
# A file name that breaks HTML unless escaped.
TRICKY = '<หนังสือ> & "x"'
TEXTS = "es => es.map(e => e.textContent)"
A4_LANDSCAPE_CSS_PX = (297 - 16) / 25.4 * 96  # page width minus the 8 mm margins


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory, order_scan: Path) -> Path:
    inputs = tmp_path_factory.mktemp("inputs")
    tricky = inputs / f"{TRICKY}.txt"
    tricky.write_text("\n".join(ORDER_LINES) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("report") / "out"
    run_pipeline([*sorted(SEEDS.glob("*.txt")), order_scan, tricky], out, RunOptions(workers=2))
    write_report(out)
    return out


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser(out_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Page, list]]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS,
            viewport={"width": 1300, "height": 900},
        )
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((out_dir / "report.html").as_uri())
        page.wait_for_load_state("load")
        yield page, requests
        context.close()


def document(out_dir: Path, stem: str) -> dict:
    return json.loads((out_dir / stem / "document.json").read_text(encoding="utf-8"))


def section(page: Page, name: str) -> str:
    """The id of a document's section, found by its heading."""
    ids = page.eval_on_selector_all(
        "section.document", "(ss, n) => ss.filter(s => s.querySelector('h2').textContent === n)"
        ".map(s => s.id)", name)
    assert len(ids) == 1, f"{name}: {ids}"
    return ids[0]


MATRIX_JS = """t => {
  const ids = [...t.querySelectorAll('thead th.cid')].map(th => th.textContent);
  const rows = {};
  for (const tr of t.querySelectorAll('tbody tr:not(.people)')) {
    const cells = [...tr.querySelectorAll('td')];
    rows[cells[0].textContent] =
      Object.fromEntries(ids.map((id, i) => [id, cells[i + 1].textContent]));
  }
  const people = [...t.querySelectorAll('tr.people td')].slice(1, ids.length + 1);
  const uncovered = ids.filter((id, i) => people[i].classList.contains('uncovered'));
  return {ids, rows, uncovered};
}"""


def matrix(page: Page, anchor: str) -> dict:
    return page.eval_on_selector(f"#{anchor}-matrix", MATRIX_JS)


def test_report_is_self_contained(out_dir: Path, browser: tuple[Page, list]) -> None:
    _, requests = browser
    html = (out_dir / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    # The only URL is the SVG namespace, which is a name, not a request.
    assert set(re.findall(r"https?://[^\s\"'<>)]+", html)) <= {"http://www.w3.org/2000/svg"}
    assert requests, "the page itself was loaded"
    assert all(url.startswith(("file:", "data:")) for url in requests), requests


def test_names_are_escaped(out_dir: Path, browser: tuple[Page, list]) -> None:
    page, _ = browser
    html = (out_dir / "report.html").read_text(encoding="utf-8")
    assert TRICKY not in html
    assert "&lt;หนังสือ&gt; &amp; &quot;x&quot;" in html
    # The browser shows the name exactly as the file is called.
    assert section(page, TRICKY)


def test_matrix_shows_every_assignment(out_dir: Path, browser: tuple[Page, list]) -> None:
    page, _ = browser
    checked = 0
    for stem in ("003_d10b89281753108f", "order_scan"):
        doc = document(out_dir, stem)
        m = matrix(page, section(page, stem))
        expected: dict[tuple[str, str], set[str]] = {}
        for a in doc["assignments"]:
            label = f"{a['title']}{a['name']}"
            expected.setdefault((label, a["criterion"]), set()).add(a["role"])
        for (label, cid), roles in expected.items():
            marks = {"supervisor": "ก", "responsible": "ร"}
            assert m["rows"][label][cid] == "".join(
                marks[r] for r in ("supervisor", "responsible") if r in roles), (stem, label, cid)
            checked += 1
        filled = sum(1 for row in m["rows"].values() for v in row.values() if v)
        assert filled == len(expected)
        # Columns are the catalog of the edition the document was read against.
        catalog_ids = [c.id for c in Catalog.load(doc["edition"])]
        assert m["ids"][: len(catalog_ids)] == catalog_ids
    assert checked > 100


def test_matrix_of_the_phayao_order(out_dir: Path, browser: tuple[Page, list]) -> None:
    """Facts read from seed 003: item ๑ is supervised by นางนิภาพร เผ่ากันทะ with นายปริญญา สุจริง
    and น.ส.อารีย์ ยอดแก้ว responsible; ศุภศิลป์ กลิ่นหอม, written five ways, is one person; the
    order assigns every criterion."""
    page, _ = browser
    m = matrix(page, section(page, "003_d10b89281753108f"))
    assert m["rows"]["นางนิภาพร เผ่ากันทะ"]["P1"] == "ก"
    assert m["rows"]["นายปริญญา สุจริง"]["P1"] == "ร"
    assert m["rows"]["นางสาวอารีย์ ยอดแก้ว"]["P1"] == "ร"
    assert len([label for label in m["rows"] if "กลิ่นหอม" in label]) == 1
    assert m["uncovered"] == []
    # Supervisor and responsible cells are drawn differently.
    colours = page.eval_on_selector_all(
        "table.matrix td.sup, table.matrix td.resp",
        "cs => [...new Set(cs.map(c => c.className.split(' ')[0] + getComputedStyle(c)"
        ".backgroundColor))]")
    assert len(colours) == 2 and colours[0] != colours[1]


def test_coverage_highlights_criteria_nobody_has(out_dir: Path, browser: tuple[Page, list]) -> None:
    page, _ = browser
    doc = document(out_dir, "order_scan")
    anchor = section(page, "order_scan")
    assigned = {a["criterion"] for a in doc["assignments"]}
    # The order assigns items ๑ and ๓ only: most of the catalog has nobody.
    expected = [c.id for c in Catalog.load(doc["edition"]) if c.id not in assigned]
    assert matrix(page, anchor)["uncovered"] == expected
    listed = page.eval_on_selector_all(f"#{anchor} ul.uncovered li b", TEXTS)
    assert listed == expected
    colour = page.eval_on_selector(
        f"#{anchor} ul.uncovered li", "e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")


def test_workload_charts(out_dir: Path, browser: tuple[Page, list]) -> None:
    page, _ = browser
    assert page.query_selector("svg#summary-chart") is not None
    for stem in ("003_d10b89281753108f", "order_scan"):
        anchor = section(page, stem)
        rows = list(matrix(page, anchor)["rows"])
        chart = page.query_selector(f"svg#{anchor}-workload")
        assert chart is not None and chart.bounding_box()["height"] > 50
        labels = chart.eval_on_selector_all("text[text-anchor=end]", TEXTS)
        assert labels == rows
        # One criteria bar per officer (supervisor and/or responsible parts), each visible.
        widths = chart.eval_on_selector_all(
            "rect.sup, rect.resp", "rs => rs.map(r => r.getBBox().width)")
        assert len(widths) >= len(rows) and min(widths) > 0
    # The Phayao order's section supervisors carry the most criteria: the first bar is theirs.
    anchor = section(page, "003_d10b89281753108f")
    doc = document(out_dir, "003_d10b89281753108f")
    per_officer: dict[str, set[str]] = {}
    for a in doc["assignments"]:
        per_officer.setdefault(f"{a['title']}{a['name']}", set()).add(a["criterion"])
    busiest = max(len(v) for v in per_officer.values())
    first = page.eval_on_selector(
        f"svg#{anchor}-workload text[text-anchor=end]", "t => t.textContent")
    assert len(per_officer[first]) == busiest


def test_review_queue(out_dir: Path, browser: tuple[Page, list], shots: Path) -> None:
    page, _ = browser
    # Seed 003 writes ศุภศิลป์ กลิ่นหอม several ways; a text input has no scan to show.
    anchor = section(page, "003_d10b89281753108f")
    rows = page.eval_on_selector_all(
        f"#{anchor}-review tbody tr", "rs => rs.map(r => [...r.cells].map(c => c.innerText))")
    names = [r for r in rows if "กลิ่นหอม" in r[0]]
    assert len(names) == 1 and len(names[0][2].split(" | ")) >= 2
    assert all("no scan" in r[1] for r in rows)
    # The scanned order: its items are short paraphrases of catalog titles, so they are queued,
    # each with the scanned line; OCR of the crop must give back that item's line.
    anchor = section(page, "order_scan")
    queue = page.query_selector(f"#{anchor}-review")
    assert queue is not None
    queue.scroll_into_view_if_needed()
    queue.screenshot(path=str(shots / "review_queue.png"))
    entries = queue.eval_on_selector_all(
        "tbody tr", "rs => rs.map(r => [r.querySelector('img') && r.querySelector('img').src,"
        " r.cells[2].innerText])")
    crops = [(src, text) for src, text in entries if src]
    assert crops, entries
    for src, text in crops:
        assert src.startswith("data:image/png;base64,")
        data = base64.b64decode(src.split(",", 1)[1])
        assert len(data) < 30_000
        image = Image.open(io.BytesIO(data))
        assert image.width <= 640 and image.height < 300
        # Back to the scan's 300 dpi (crops are 150 dpi), where Tesseract reads best.
        big = image.convert("L").resize((image.width * 2, image.height * 2))
        read = recognise(big, OcrSettings(lang="tha")).text
        assert fuzz.partial_ratio(match_key(text)[:20], match_key(read)) >= 70, (text, read)


def fonts_for(page: Page, selector: str) -> tuple[str, list[dict]]:
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    text = page.eval_on_selector(
        selector, "e => [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('')")
    session.detach()
    return text, fonts


def cmap(family: str) -> set[int]:
    path = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, text=True,
                          check=True).stdout
    return set(TTFont(path, fontNumber=0).getBestCmap())


def test_thai_text_renders_with_thai_fonts(browser: tuple[Page, list], shots: Path) -> None:
    """Every character of a Thai element is in a font Chromium used for it: no .notdef boxes."""
    page, _ = browser
    anchor = section(page, "003_d10b89281753108f")
    selectors = [
        "header.top h1",
        f"#{anchor}-matrix td.who",
        f"svg#{anchor}-workload text[text-anchor=end]",
        f"#{anchor} dl.meta dd",
        f"#{anchor} table.assignments tbody td:nth-child(3)",
    ]
    for index, selector in enumerate(selectors):
        text, fonts = fonts_for(page, selector)
        assert re.search("[\u0e01-\u0e5b]", text), (selector, text)
        families = {f["familyName"] for f in fonts}
        assert families & THAI_FAMILIES, (selector, fonts)
        covered = set().union(*(cmap(f) for f in families))
        missing = {ch for ch in text if not ch.isspace() and ord(ch) not in covered}
        assert not missing, (selector, missing, families)
        page.query_selector(selector).screenshot(path=str(shots / f"thai_{index}.png"))
    page.screenshot(path=str(shots / "report_top.png"))


def test_print_layout(browser: tuple[Page, list], tmp_path: Path) -> None:
    page, _ = browser
    page.emulate_media(media="print")
    try:
        widths = page.eval_on_selector_all("table.matrix", "ts => ts.map(t => t.scrollWidth)")
    finally:
        page.emulate_media(media="no-override")  # page.pdf prints with the emulated media
    # The widest matrix (68 criteria of 2562 for the small scanned order) fits a landscape page.
    assert widths and max(widths) <= A4_LANDSCAPE_CSS_PX
    pdf_path = tmp_path / "report.pdf"
    page.pdf(path=str(pdf_path), prefer_css_page_size=True, print_background=True)
    matrices = page.eval_on_selector_all("table.matrix", "ts => ts.length")
    with pdfplumber.open(pdf_path) as pdf:
        landscape = [p for p in pdf.pages if p.width > p.height]
        # Only the landscape pages are read: extracting text from every page is slow.
        texts = [p.extract_text() or "" for p in landscape]
        portrait_first = pdf.pages[0].width < pdf.pages[0].height
    assert portrait_first, "the summary is on portrait A4"
    assert len(landscape) == matrices and len(pdf.pages) > matrices
    assert all("responsibility matrix" in text for text in texts)


def test_align_lines_finds_the_item_line(out_dir: Path) -> None:
    doc = load_document(out_dir / "order_scan")
    lines = doc.pages[0].lines
    found = align_lines("๓ มีการจัดให้มีระบบคิว", lines)
    assert len(found.lines) == 1 and found.score >= 80 and found.start < 0.1
    assert "ระบบคิว" in lines[found.lines[0]].text
    # A name in the middle of its line: the crop starts near it, not at the line's start.
    found = align_lines("นายสมชาย รักไทย", lines)
    assert "สมชาย" in lines[found.lines[0]].text and 0.4 < found.start < 0.8
    assert align_lines("ข้อความที่ไม่มีอยู่ในหน้านี้เลยแม้แต่คำเดียว", lines).lines == ()


def test_low_confidence_page_and_changed_scan(out_dir: Path) -> None:
    doc = load_document(out_dir / "order_scan")
    low = replace(doc, pages=tuple(replace(p, confidence=55.0) for p in doc.pages))
    entries = review_pages(low, ScanCropper(low, out_dir))
    assert len(entries) == 1 and entries[0].reasons == ("OCR confidence 55",)
    crops = entries[0].crops
    assert len(crops) == 3 and all(crop.data_uri for _, crop in crops)
    shown = [float(caption.split("%")[0]) for caption, _ in crops]
    lowest = sorted(b.confidence for b in doc.pages[0].lines if len(b.text) >= 4)[:3]
    assert shown == [round(c) for c in lowest]
    assert review_pages(doc, ScanCropper(doc, out_dir)) == []  # the real page reads well
    # A scan replaced after the run is not cropped: its boxes would point at other text.
    changed = replace(doc, sha256="0" * 64)
    crop = ScanCropper(changed, out_dir).crop_text(1, "มีการจัดให้มีระบบคิว")
    assert crop.data_uri is None and "changed" in crop.note


def test_merge_findings_groups_by_criterion() -> None:
    findings = [
        {"kind": "gap", "severity": "warning", "criterion": c,
         "detail": f"{c} of the catalog is not in the document",
         "detail_th": f"ไม่พบข้อ {c} ในเอกสาร"}
        for c in ("P2", "P4", "P5")
    ] + [{"kind": "duplicate", "severity": "error", "criterion": "P7",
          "detail": "page 3: duplicate number", "detail_th": "หน้า 3: "}]
    rows = merge_findings(findings)
    assert rows[0][:2] == ("error", "duplicate") and rows[0][3] == "หน้า 3: เลขข้อซ้ำ"
    assert rows[1][3] == "ไม่พบข้อ P2, P4, P5 ในเอกสาร"
    assert rows[1][4] == "P2, P4, P5 of the catalog is not in the document"


def test_report_command_and_damaged_folder(out_dir: Path, tmp_path: Path) -> None:
    assert cli_main(["-q", "report", str(out_dir)]) == 0
    assert cli_main(["-q", "report", str(tmp_path / "missing")]) == 2
    # A document whose extraction failed and one whose pages.json is broken still give a report.
    damaged = tmp_path / "out"
    damaged.mkdir()
    for stem in ("order_scan", "002_25045df08d39d79c"):
        (damaged / stem).mkdir()
        (damaged / stem / "pages.json").write_bytes((out_dir / stem / "pages.json").read_bytes())
    (damaged / "broken").mkdir()
    (damaged / "broken" / "pages.json").write_text("{not json", encoding="utf-8")
    html = write_report(damaged).read_text(encoding="utf-8")
    assert html.count('class="document"') == 2
    assert "no extraction" in html and "broken" in html
