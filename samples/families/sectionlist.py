"""Family `sectionlist` (e): a list layout with section-level supervisors.

On purpose: the supervisor of a block is named once, on a line under its heading or in a sentence
before it ("ให้ ... เป็นผู้กำกับดูแล..."), and covers every item of the block; the items list only
their responsible officers; item number formats and joiners vary as in `list`.
"""

from __future__ import annotations

from samples.families.assemble import draw_order
from samples.families.layout import Laid
from samples.families.listing import render_list_doc
from samples.families.lists import ITEM_FORMATS
from samples.families.spec import DocSpec
from samples.families.text import choice, rng_for

FAMILY = "sectionlist"


def draw(seed: int, split: str) -> DocSpec:
    rng = rng_for(FAMILY, seed, "style")
    style = {
        "layout": "list",
        "section_supervisor": "sentence" if seed % 2 else "under",
        "item_format": ITEM_FORMATS[(seed + 2) % len(ITEM_FORMATS)],
        "label_colon": bool(rng.random() < 0.5),
        "label_place": choice(rng, ("inline", "below")),
        "joiner": choice(rng, ("comma", "and", "space-and")),
        "in_body": bool(rng.random() < 0.4),
        "page_numbers": choice(rng, ("thai", "arabic", "none")),
        "bold_headers": True,
    }
    return draw_order(FAMILY, seed, split, style, strict_sections=True, positions_shown=0.2,
                      title_limit=110)


def render(spec: DocSpec) -> tuple[Laid, dict[str, list[str]]]:
    return render_list_doc(spec)
