"""HTML -> PDF with WeasyPrint, and the exact text of every rendered page.

The page text is read from WeasyPrint's own layout tree (its line boxes, in document order), not
from the PDF: the generator knows what it laid out, while the PDF text layer of Thai is damaged
by the font's glyph mapping (see samples/README.md). Document order is the reading order we want:
a table is read row by row, and within a row cell by cell.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass

import weasyprint
from weasyprint.formatting_structure import boxes

log = logging.getLogger(__name__)

# fontTools stamps subset fonts with the current time; a fixed epoch makes the PDF bytes
# reproducible (https://reproducible-builds.org/specs/source-date-epoch/).
SOURCE_DATE_EPOCH = "1705276800"  # 2024-01-15, the order's date

# Laksaman is the tlwg copy of TH Sarabun PSK, the font Thai government documents must use.
FONT_FAMILY = "Laksaman"


@dataclass(frozen=True)
class RenderedPage:
    """What one page of a rendered document holds."""

    text: str  # lines joined by "\n"
    rows: tuple[str, ...]  # data-row ids of table rows on the page, in order


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: tuple[RenderedPage, ...]


def layout(html: str) -> weasyprint.Document:
    """Lay out an HTML string (no PDF yet)."""
    # Read by fontTools when WeasyPrint writes the PDF; a caller's own value wins.
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    return weasyprint.HTML(string=html).render()


def render(html: str) -> Rendered:
    document = layout(html)
    pages = tuple(read_page(page) for page in document.pages)
    return Rendered(document.write_pdf(), pages)


def read_page(page: weasyprint.Page) -> RenderedPage:
    """Text and table-row ids of a laid-out page."""
    page_box = page._page_box  # WeasyPrint keeps the box tree only on this attribute
    margins = [child for child in page_box.children if isinstance(child, boxes.MarginBox)]
    top = [m for m in margins if m.at_keyword.startswith("@top")]
    bottom = [m for m in margins if not m.at_keyword.startswith("@top")]
    body = [child for child in page_box.children if not isinstance(child, boxes.MarginBox)]
    lines: list[str] = []
    for box in (*top, *body, *bottom):
        lines.extend(_lines(box))
    rows = tuple(
        box.element.get("data-row")
        for box in page_box.descendants()
        if isinstance(box, boxes.TableRowBox) and box.element is not None
        and box.element.get("data-row") is not None
    )
    return RenderedPage("\n".join(lines), rows)


def _lines(box: boxes.Box) -> Iterator[str]:
    for child in box.descendants():
        if isinstance(child, boxes.LineBox):
            text = "".join(t.text for t in child.descendants() if isinstance(t, boxes.TextBox))
            text = " ".join(text.split())
            if text:
                yield text


BASE_CSS = f"""
@page {{
  size: A4;
  margin: 2.0cm 1.8cm 1.8cm 2.6cm;
  @top-center {{ content: "- " counter(page, thai) " -"; font-family: "{FONT_FAMILY}";
                font-size: 15pt; padding-top: 0.8cm; }}
}}
@page :first {{ @top-center {{ content: none; }} }}
@page attachment {{ size: A4 landscape; margin: 1.7cm 1.5cm 1.3cm 1.8cm; }}
html {{ font-family: "{FONT_FAMILY}"; font-size: 16pt; line-height: 1.2; color: #000; }}
body {{ margin: 0; }}
p {{ margin: 0 0 0.15em 0; }}
.center {{ text-align: center; }}
.indent {{ text-indent: 2.5cm; }}
.bold {{ font-weight: bold; }}
.title {{ font-size: 20pt; font-weight: bold; text-align: center; margin-top: 1.6cm; }}
.sign {{ margin-left: 7.5cm; text-align: center; }}
.sign svg {{ display: block; margin: 0.2cm auto 0.1cm auto; }}
.page {{ break-before: page; page: attachment; }}
.att-head {{ text-align: center; font-weight: bold; margin-bottom: 0.3em; }}
table.assign {{ width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 14pt;
               line-height: 1.15; }}
.assign th, .assign td {{ border: 0.8pt solid #000; padding: 2pt 4pt; vertical-align: top; }}
.assign th {{ font-weight: bold; text-align: center; vertical-align: middle; }}
.assign tr {{ break-inside: avoid; }}
.assign td.num {{ white-space: nowrap; }}
.assign td.names div {{ white-space: nowrap; }}
.assign tr.declaration td {{ font-weight: bold; }}
.assign tr.heading td {{ font-weight: bold; }}
.assign tr.sub td.text {{ padding-left: 10pt; }}
"""

SIGNATURE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="4.2cm" height="1.3cm" viewBox="0 0 210 65">'
    '<path d="M6 44 C 28 4, 44 60, 66 30 S 104 8, 122 38 S 160 56, 176 22 S 196 18, 204 30" '
    'stroke="#141450" fill="none" stroke-width="2.6" stroke-linecap="round"/>'
    '<path d="M40 52 C 90 46, 140 50, 190 44" stroke="#141450" fill="none" stroke-width="1.8"/>'
    "</svg>"
)


def html_document(body: str, title: str) -> str:
    return (
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{BASE_CSS}</style></head><body>{body}</body></html>"
    )
