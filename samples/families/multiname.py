"""Family `multiname` (c): table cells listing several names.

On purpose: responsible cells with two or three names numbered `1.` `2.` (one per line) or
separated by commas (flowing), many officers with their position on the next line, ruled or
horizontal-only, either column order.
"""

from __future__ import annotations

from samples.families.assemble import draw_order
from samples.families.layout import Laid
from samples.families.spec import DocSpec
from samples.families.table import render_table_doc
from samples.families.text import choice, rng_for

FAMILY = "multiname"


def draw(seed: int, split: str) -> DocSpec:
    rng = rng_for(FAMILY, seed, "style")
    landscape = bool(rng.random() < 0.7)
    names = "numbered" if seed % 2 else "comma"
    style = {
        "layout": "table", "rules": choice(rng, ("grid", "horizontal")),
        "merged_supervisor": False, "names": names,
        "joiner": choice(rng, ("comma", "and")),
        "role_order": choice(rng, (["supervisor", "responsible"], ["responsible", "supervisor"])),
        "orientation": "landscape" if landscape else "portrait",
        "num_cm": round(float(rng.uniform(1.3, 1.8)), 1),
        "name_cm": round(float(rng.uniform(6.0, 7.0) if landscape else rng.uniform(4.6, 5.2)), 1),
        "two_level_header": bool(rng.random() < 0.5),
        "num_label": choice(rng, ("ข้อ", "ลำดับที่", "ข้อที่")),
        "text_label": choice(rng, ("หลักเกณฑ์มาตรฐาน", "ตัวชี้วัด/เกณฑ์", "สิ่งที่ต้องดำเนินการ")),
        "group_label": choice(rng, ("ผู้ได้รับมอบหมาย", "มอบหมายดำเนินการ")),
        "bold_headers": bool(rng.random() < 0.7),
        "page_numbers": choice(rng, ("thai", "arabic")),
    }
    spec = draw_order(FAMILY, seed, split, style, subitems=False,
                      positions_shown=0.4 if names == "numbered" else 0.0,
                      title_limit=70 if landscape else 50, team=(0.15, 0.45, 0.4))
    spec.style["table_pt"] = spec.style["size_pt"] - 3
    return spec


def render(spec: DocSpec) -> tuple[Laid, dict[str, list[str]]]:
    return render_table_doc(spec)
