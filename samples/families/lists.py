"""Family `list` (d): a list layout, every item with its own roles.

On purpose: item numbers `ข้อ N`, `ข้อที่ N`, `N.`, `N)`, `(N)`; role labels with or without a
colon, on the item's line or on the lines below (each role on its line, or both on one line);
names joined by commas or `และ`; some officers with their position after the name; the list in
the order's body or on attachment pages.
"""

from __future__ import annotations

from samples.families.assemble import draw_order
from samples.families.layout import Laid
from samples.families.listing import render_list_doc
from samples.families.spec import DocSpec
from samples.families.text import choice, rng_for

FAMILY = "list"
ITEM_FORMATS = ("ข้อ {n}", "ข้อที่ {n}", "{n}.", "{n})", "({n})")


def draw(seed: int, split: str) -> DocSpec:
    rng = rng_for(FAMILY, seed, "style")
    style = {
        "layout": "list",
        "item_format": ITEM_FORMATS[seed % len(ITEM_FORMATS)],
        "label_colon": bool(rng.random() < 0.6),
        "label_place": choice(rng, ("inline", "below", "below", "below-one")),
        "joiner": choice(rng, ("comma", "and", "space-and")),
        "in_body": bool(rng.random() < 0.5),
        "page_numbers": choice(rng, ("thai", "arabic", "none")),
        "bold_headers": True,
    }
    return draw_order(FAMILY, seed, split, style, positions_shown=0.25, title_limit=110)


def render(spec: DocSpec) -> tuple[Laid, dict[str, list[str]]]:
    return render_list_doc(spec)
