"""The one module that reads PDFs: text layers with pdfplumber, page images with pypdfium2."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pypdfium2
from PIL import Image

from extract.thaichars import has_thai  # a leaf module (no project imports): no cycle
from ocr import grid
from ocr.layout import Cell, PageLayout, Rule, Table, TextLine, Word, wraps_of
from ocr.models import InputError

log = logging.getLogger(__name__)

_PUA = re.compile("[\ue000-\uf8ff]")
_CID = re.compile(r"\(cid:\d+\)")
_LETTER = re.compile(r"[^\W\d_]")


def _open_error(path: Path, exc: Exception) -> InputError:
    # pdfplumber wraps pdfminer's errors: look at the wrapped one too.
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    name = type(inner).__name__
    text = str(inner)
    if "Password" in name or "Encrypt" in name or "password" in text.lower():
        return InputError(
            path,
            "encrypted PDF that needs a password: decrypt it first "
            "(e.g. `qpdf --decrypt --password=PASS in.pdf out.pdf`)",
            stage="open",
        )
    return InputError(
        path, f"corrupt or truncated PDF ({name}: {text[:120] or 'no detail'})", "open"
    )


def page_count(path: Path) -> int:
    """Open the PDF once to check it and count pages; raise InputError with the reason."""
    try:
        with pdfplumber.open(path) as pdf:
            count = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        error: InputError | None = _open_error(path, exc)
        if "password" in error.reason:
            raise error from None
        count = 0
    else:
        error = None
    if count == 0:
        # pdfminer gives up on a broken cross-reference table that PDFium rebuilds: such a
        # file is still worth reading (its pages are then OCR'd).
        count = _pdfium_page_count(path)
        if count:
            log.warning("%s: damaged PDF structure, reading it with PDFium", path)
    if count == 0:
        raise error or InputError(path, "PDF has no pages", stage="open")
    return count


def _pdfium_page_count(path: Path) -> int:
    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


def text_layer(path: Path, index: int) -> str:
    """Text of one page's text layer ('' when there is none)."""
    try:
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[index]
            # layout=False keeps reading order simple; x_tolerance small so Thai marks stay put.
            return page.extract_text(x_tolerance=1.5, y_tolerance=3) or ""
    except Exception as exc:  # unreadable for pdfminer but counted by PDFium: OCR the page
        log.debug("%s: no text layer for page %d: %s", path, index + 1, exc)
        return ""


def text_layer_problem(text: str) -> str | None:
    """Why a text layer is not worth using (None when it is usable).

    A page with no text, pdfminer `(cid:N)` placeholders (no ToUnicode map) or Private Use Area
    glyphs beyond a few is better OCR'd than guessed.
    """
    letters = _LETTER.findall(text)
    if len(letters) < 20:
        return "no text layer"
    junk = len(_CID.findall(text)) + len(_PUA.findall(text))
    if junk / max(len(letters), 1) > 0.05:
        return "text layer without a usable character map"
    return None


# A page whose largest image covers at least this share of it is a scanned page.
_SCAN_COVER = 0.8


def image_dpi(path: Path, index: int) -> float | None:
    """Resolution of the scan an image-only page carries, or None when it is no such page.

    OCRmyPDF reads a scan at its own resolution; the pipeline does when asked
    (`OcrSettings.own_resolution`): the measurement is in the README.
    """
    found = scan_image(path, index)
    return found[0] if found else None


def scan_image(path: Path, index: int) -> tuple[float, int] | None:
    """(dpi, bits per pixel) of the scan an image-only page carries, or None when it is no
    such page. One bit per pixel is a fax or a copier's text mode (`ocr.scan` restores it)."""
    try:
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[index]
            area = float(page.width * page.height)
            best: tuple[float, float, int] | None = None  # (covered share, dpi, bits)
            for image in page.images:
                width_pt = float(image["x1"] - image["x0"])
                height_pt = float(image["bottom"] - image["top"])
                pixels = image.get("srcsize") or (0, 0)
                if width_pt <= 0 or height_pt <= 0 or not pixels[0]:
                    continue
                share = width_pt * height_pt / area if area else 0.0
                if best is None or share > best[0]:
                    bits = image.get("bits")
                    best = (share, float(pixels[0]) * 72 / width_pt,
                            int(bits) if isinstance(bits, int) else 8)
    except Exception:  # a page pdfminer cannot parse is rendered at the asked dpi
        return None
    if best is None or best[0] < _SCAN_COVER:
        return None
    return best[1], best[2]


def render_page(path: Path, index: int, dpi: int) -> Image.Image:
    """Render one page to a grayscale image in memory."""
    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise _open_error(path, exc) from None
    try:
        page = pdf[index]
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        image = bitmap.to_pil().convert("L")
        page.close()
        return image
    finally:
        pdf.close()


def is_thai(text: str) -> bool:
    return has_thai(text)


# -- layout ----------------------------------------------------------------------------------

_TEXT_OPTS = {"x_tolerance": 1.5, "y_tolerance": 3}
_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
# Drawn edges thinner than this (points) are rules; thicker rectangles are shading.
_RULE_THICKNESS = 3.0


def page_layout(path: Path, index: int) -> PageLayout:
    """Words, rules, tables (cells with spans and text) and the other lines of a text layer.

    Ruled tables come from pdfplumber's `find_tables` (lines strategy): a merged cell's
    continuation comes back as None and the merged cell keeps its full box. Stacks of horizontal
    rules without vertical ones get their columns from the words (`ocr.columns`).
    """
    with pdfplumber.open(path) as doc:
        page = doc.pages[index]
        words = tuple(
            Word(w["text"], (w["x0"], w["top"], w["x1"], w["bottom"]))
            for w in page.extract_words(**_TEXT_OPTS)
        )
        rules = tuple(
            Rule((e["x0"], e["top"], e["x1"], e["bottom"]), e["orientation"] == "h")
            for e in page.edges
            if min(e["x1"] - e["x0"], e["bottom"] - e["top"]) <= _RULE_THICKNESS
            and e["orientation"] in ("h", "v")
        )
        tables = [_table_of(page, t) for t in page.find_tables(_LINES)]
        tables = [t for t in tables if t is not None]
        hrules = [r.box for r in rules if r.horizontal]
        vrules = [r.box for r in rules if not r.horizontal]
        for t in grid.find_tables(hrules, vrules, words, float(page.width), float(page.height)):
            if not t.ruled_columns and not any(_overlaps(t.box, u.box) for u in tables):
                tables.append(_with_text(page, t))
        rest = page.filter(lambda obj: not any(_centre_in(obj, t.box) for t in tables))
        lines = tuple(
            TextLine(ln["text"], (ln["x0"], ln["top"], ln["x1"], ln["bottom"]))
            for ln in rest.extract_text_lines(**_TEXT_OPTS)
        )
        return PageLayout(
            float(page.width), float(page.height), "pt", lines=lines,
            tables=tuple(tables), rules=rules, words=words,
        )


def _centre_in(obj: dict, box: tuple[float, float, float, float]) -> bool:
    if "x0" not in obj or "top" not in obj:
        return False
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _table_of(page, found) -> Table | None:
    """A pdfplumber table as cells with spans (from the grid of all cell edges)."""
    boxes = [c for row in found.rows for c in row.cells if c is not None]
    if not boxes:
        return None
    tol = 1.0
    xs = _edges_of([b[0] for b in boxes] + [b[2] for b in boxes], tol)
    ys = _edges_of([b[1] for b in boxes] + [b[3] for b in boxes], tol)
    if len(xs) < 3 or len(ys) < 2:
        return None  # a framed paragraph, not a table

    def at(values: list[float], v: float) -> int:
        return min(range(len(values)), key=lambda i: abs(values[i] - v))

    cells = []
    for b in boxes:
        r0, r1 = at(ys, b[1]), at(ys, b[3])
        c0, c1 = at(xs, b[0]), at(xs, b[2])
        if r1 <= r0 or c1 <= c0:
            continue
        cells.append(Cell(r0, c0, tuple(b), "", r1 - r0, c1 - c0))
    table = Table((xs[0], ys[0], xs[-1], ys[-1]), len(ys) - 1, len(xs) - 1,
                  tuple(sorted(cells, key=lambda c: (c.row, c.col))))
    return _with_text(page, table)


def _edges_of(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _with_text(page, table: Table) -> Table:
    """Each cell's text as the text layer gives it inside the cell's box."""
    cells = []
    for c in table.cells:
        # By the glyph's centre: Thai glyph boxes reach past the cell's edges.
        inside = page.filter(lambda obj, box=c.box: _centre_in(obj, box))
        lines = [
            TextLine(ln["text"], (ln["x0"], ln["top"], ln["x1"], ln["bottom"]))
            for ln in inside.extract_text_lines(**_TEXT_OPTS)
        ]
        cells.append(replace(
            c, text="\n".join(ln.text for ln in lines), wraps=wraps_of(lines, c.box[2])
        ))
    return replace(table, cells=tuple(cells))
