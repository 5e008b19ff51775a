"""HTML -> PDF for family documents: the CSS a style asks for, and what each page holds.

The page text comes from WeasyPrint's layout tree (samples.render.read_page): what was laid out,
in document order, which is the reading order the truth wants (a table row by row, cell by cell).
Elements carrying `data-item` tell on which page each criterion's number was typeset.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass

import weasyprint

from samples.render import SOURCE_DATE_EPOCH, read_page

esc = html.escape


@dataclass(frozen=True)
class Page:
    text: str
    rows: tuple[str, ...]  # data-row ids of table rows on the page
    items: tuple[str, ...]  # criteria whose data-item element is on the page


@dataclass(frozen=True)
class Laid:
    pdf: bytes
    pages: tuple[Page, ...]

    def item_pages(self) -> dict[str, int]:
        """1-based page where each criterion's number is typeset (its first page)."""
        out: dict[str, int] = {}
        for number, page in enumerate(self.pages, start=1):
            for crit in page.items:
                out.setdefault(crit, number)
        return out


def lay_out(body: str, title: str, style: dict, extra_css: str = "") -> weasyprint.Document:
    os.environ.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    document = (
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{css(style)}{extra_css}</style></head>"
        f"<body>{body}</body></html>"
    )
    return weasyprint.HTML(string=document).render()


def read(document: weasyprint.Document) -> tuple[Page, ...]:
    pages = []
    for page in document.pages:
        text_page = read_page(page)
        items: list[str] = []
        for box in page._page_box.descendants():  # the box tree lives only on this attribute
            element = getattr(box, "element", None)
            crit = element.get("data-item") if element is not None else None
            if crit and crit not in items:
                items.append(crit)
        pages.append(Page(text_page.text, text_page.rows, tuple(items)))
    return tuple(pages)


def render(body: str, title: str, style: dict, extra_css: str = "") -> Laid:
    document = lay_out(body, title, style, extra_css)
    return Laid(document.write_pdf(), read(document))


def css(style: dict) -> str:
    font = style["font"]
    size = style["size_pt"]
    weight = style.get("weight", 400)
    counter = {"thai": "counter(page, thai)", "arabic": "counter(page)"}.get(
        style.get("page_numbers", "thai"))
    number = f'content: "- " {counter} " -";' if counter else "content: none;"
    landscape = "landscape" if style.get("orientation") == "landscape" else ""
    return f"""
@page {{ size: A4; margin: 2.0cm 1.8cm 1.8cm 2.6cm;
  @top-center {{ {number} font-family: "{font}"; font-size: {size}pt; padding-top: 0.8cm; }} }}
@page :first {{ @top-center {{ content: none; }} }}
@page attachment {{ size: A4 {landscape}; margin: 1.6cm 1.5cm 1.4cm 1.8cm; }}
html {{ font-family: "{font}"; font-size: {size}pt; line-height: 1.25; color: #000;
       font-weight: {weight}; }}
body {{ margin: 0; }}
p {{ margin: 0 0 0.15em 0; }}
.center {{ text-align: center; }}
.indent {{ text-indent: 2.2cm; }}
.title {{ font-size: {size + 3}pt; font-weight: bold; text-align: center; margin-top: 0.3cm; }}
.emblem {{ display: block; margin: 0 auto 0.1cm auto; }}
.sign {{ margin-left: 7.0cm; text-align: center; margin-top: 0.4cm; }}
.sign svg {{ display: block; margin: 0.2cm auto 0.1cm auto; }}
.page {{ break-before: page; page: attachment; }}
.att-head {{ text-align: center; font-weight: bold; margin-bottom: 0.3em; }}
table {{ border-collapse: collapse; table-layout: fixed; width: 100%; }}
tr {{ break-inside: avoid; }}
td, th {{ vertical-align: top; padding: 2pt 4pt; }}
th {{ text-align: center; vertical-align: middle; font-weight: {700 if style.get(
        "bold_headers", True) else 400}; }}
.nw {{ white-space: nowrap; }}
.pos {{ font-size: {size - 2}pt; }}
"""


# A round seal drawn in lines: the Garuda emblem every letterhead carries, as a scanner sees it.
EMBLEM_SVG = (
    '<svg class="emblem" xmlns="http://www.w3.org/2000/svg" width="1.9cm" height="2.1cm" '
    'viewBox="0 0 100 110"><g stroke="#000" fill="none" stroke-width="3">'
    '<path d="M50 8 C 30 20, 12 30, 6 58 C 20 50, 30 52, 38 60 L 50 100 L 62 60 '
    'C 70 52, 80 50, 94 58 C 88 30, 70 20, 50 8 Z"/>'
    '<circle cx="50" cy="34" r="9"/><path d="M30 78 L 70 78 M 36 90 L 64 90"/></g></svg>'
)
SIGNATURE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="4.0cm" height="1.2cm" viewBox="0 0 210 65">'
    '<path d="M8 40 C 30 8, 48 58, 70 28 S 106 10, 126 40 S 162 52, 178 20 S 198 20, 204 34" '
    'stroke="#1a1a60" fill="none" stroke-width="2.6" stroke-linecap="round"/></svg>'
)


def signer_block(name: str, position: tuple[str, ...], lead: str = "") -> str:
    lines = "".join(f"<p>{esc(line)}</p>" for line in position)
    first = f"<p>{esc(lead)}</p>" if lead else ""
    return f'<div class="sign">{first}{SIGNATURE_SVG}<p>({esc(name)})</p>{lines}</div>'
