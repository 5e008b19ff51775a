"""Tiny HTML building helpers for the report: every value goes through `esc`."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence

ROLE_TH = {"supervisor": "ผู้กำกับดูแล", "responsible": "ผู้รับผิดชอบ"}
ROLE_MARK = {"supervisor": "ก", "responsible": "ร"}  # as in matrix.csv and matrix.xlsx

_TITLE = re.compile(r"^\s*(?:นางสาว|นาง|นาย|น\.\s*ส\.|ว่าที่\s*ร\.?\s*ต\.?|ดร\.)\s*")


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def bi(thai: str, english: str) -> str:
    """A bilingual label: Thai first, English small after it."""
    return f'{esc(thai)} <span class="en">{esc(english)}</span>'


def table(
    header: Sequence[str], rows: Iterable[Sequence[str]], cls: str = "", raw: bool = False
) -> str:
    """A table; header cells are given as HTML, body cells escaped unless `raw`."""
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{c if raw else esc(c)}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return f'<table class="{esc(cls)}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def slug(name: str, index: int) -> str:
    """A safe, unique element id for a document."""
    return f"doc{index}-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:40] or "x")


def person(title: str | None, name: str | None) -> str:
    return f"{title or ''}{name or ''}".strip()


def fmt_score(value: object) -> str:
    return f"{value:.0f}" if isinstance(value, int | float) else "–"


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a nearby space (the full text is in the CSVs)."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", limit - 30, limit)
    return text[: cut if cut > 0 else limit].rstrip() + " …"


def name_key(text: str) -> str:
    """A written name without title, spaces or punctuation; tone marks and vowels kept, since a
    changed vowel (มีสุข / มืสุข) is exactly the odd spelling worth showing.

    >>> name_key("น.ส.ทิพวรรณ มีสุข") == name_key("นางสาวทิพวรรณมีสุข")
    True
    """
    text = _TITLE.sub("", unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in text if ch.isalnum() or unicodedata.category(ch) == "Mn")
