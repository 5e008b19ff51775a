"""Family `norules` (b): a table with horizontal rules only, supervisor written in every row.

On purpose: no vertical lines (columns are found from the text alone), a rule under the header
and between rows, the supervisor repeated in every item row, either column order, wider name
columns (names rarely wrap), no sub-items.
"""

from __future__ import annotations

from samples.families.assemble import draw_order
from samples.families.layout import Laid
from samples.families.spec import DocSpec
from samples.families.table import render_table_doc
from samples.families.text import choice, rng_for

FAMILY = "norules"


def draw(seed: int, split: str) -> DocSpec:
    rng = rng_for(FAMILY, seed, "style")
    landscape = bool(rng.random() < 0.5)
    style = {
        "layout": "table", "rules": "horizontal", "merged_supervisor": False, "names": "lines",
        "role_order": ["responsible", "supervisor"] if seed % 2 else
                      ["supervisor", "responsible"],
        "orientation": "landscape" if landscape else "portrait",
        "num_cm": round(float(rng.uniform(1.3, 1.9)), 1),
        "name_cm": round(float(rng.uniform(5.0, 6.2) if landscape else rng.uniform(4.2, 4.8)), 1),
        "two_level_header": bool(rng.random() < 0.4),
        "num_label": choice(rng, ("ข้อ", "ลำดับ", "ข้อที่")),
        "text_label": choice(rng, ("หลักเกณฑ์", "ประเด็นการประเมิน", "รายการ")),
        "group_label": choice(rng, ("ผู้ได้รับมอบหมาย", "มอบหมายดำเนินการ")),
        "bold_headers": bool(rng.random() < 0.6),
        "page_numbers": choice(rng, ("thai", "arabic", "none")),
    }
    spec = draw_order(FAMILY, seed, split, style, subitems=False, positions_shown=0.0,
                      title_limit=90 if landscape else 70)
    spec.style["table_pt"] = spec.style["size_pt"] - 1
    return spec


def render(spec: DocSpec) -> tuple[Laid, dict[str, list[str]]]:
    return render_table_doc(spec)
