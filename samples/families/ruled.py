"""Family `ruled` (a): a fully ruled table, supervisors in merged cells.

On purpose: the supervisor is one merged cell over the consecutive items it supervises on a page
(written again at the top of the next page), the supervisor column comes before or after the
responsible column, the name columns are so narrow that title and given name sit on one line and
the family name on the next, some items carry scoring sub-items and run onto the next page.
"""

from __future__ import annotations

from samples.families.assemble import draw_order
from samples.families.layout import Laid
from samples.families.spec import DocSpec
from samples.families.table import render_table_doc
from samples.families.text import choice, rng_for

FAMILY = "ruled"


def draw(seed: int, split: str) -> DocSpec:
    rng = rng_for(FAMILY, seed, "style")
    landscape = bool(rng.random() < 0.6)
    style = {
        "layout": "table", "rules": "grid", "merged_supervisor": True, "names": "lines",
        "role_order": ["supervisor", "responsible"] if seed % 2 else
                      ["responsible", "supervisor"],
        "orientation": "landscape" if landscape else "portrait",
        "num_cm": round(float(rng.uniform(1.4, 2.0)), 1),
        "name_cm": round(float(rng.uniform(3.3, 3.8)), 1),
        "two_level_header": bool(rng.random() < 0.6),
        "num_label": choice(rng, ("ข้อที่", "ข้อ", "เกณฑ์ข้อ")),
        "text_label": choice(rng, ("สิ่งที่ต้องดำเนินการ", "หลักเกณฑ์", "รายการเกณฑ์มาตรฐาน")),
        "group_label": choice(rng, ("มอบหมายดำเนินการ", "การมอบหมาย")),
        "bold_headers": bool(rng.random() < 0.8),
        "page_numbers": choice(rng, ("thai", "thai", "arabic", "none")),
    }
    spec = draw_order(FAMILY, seed, split, style, subitems=True, positions_shown=0.0,
                      title_limit=80 if landscape else 70)
    spec.style["table_pt"] = spec.style["size_pt"] - 2
    return spec


def render(spec: DocSpec) -> tuple[Laid, dict[str, list[str]]]:
    return render_table_doc(spec)
