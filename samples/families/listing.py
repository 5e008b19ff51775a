"""List layouts (families list and sectionlist): items as paragraphs with role lines.

An item is its number (`ข้อ ๑`, `ข้อที่ ๒.๑`, `๑.`, `๒.๑)`, `(๓)`), its title and its roles:
`ผู้กำกับดูแล: ...` / `ผู้รับผิดชอบ ...` with or without a colon, on the item's line or on the
lines below, names joined by commas or `และ`. With section supervisors (sectionlist) the
supervisor is named once per block, under its heading or in a sentence before it, and the items
list only their responsible officers. WeasyPrint paginates; an item never splits over pages.
"""

from __future__ import annotations

from samples.families.layout import Laid, esc, render
from samples.families.orderpage import order_head, order_paragraphs, order_signature
from samples.families.spec import Block, DocSpec, Item, Person
from samples.families.table import Sightings
from samples.families.text import join_names

LIST_CSS = """
.bhead { font-weight: bold; margin-top: 0.35em; break-after: avoid; }
.item { break-inside: avoid; margin-bottom: 0.2em; }
.item p { margin: 0; }
.item .role { padding-left: 1.2cm; }
.secsup { padding-left: 0.6cm; break-after: avoid; }
.listpage { break-before: page; }
"""


class ListWriter:
    def __init__(self, spec: DocSpec, sightings: Sightings) -> None:
        self.spec = spec
        self.style = spec.style
        self.sightings = sightings
        self.count = 0

    def person(self, index: int) -> str:
        person: Person = self.spec.people[index]
        self.count += 1
        text = self.sightings.write(person, self.count)
        if person.shows_position:
            text += f" {person.position}"
        return text

    def label(self, role: str) -> str:
        word = {"supervisor": "ผู้กำกับดูแล", "responsible": "ผู้รับผิดชอบ"}[role]
        return word + (":" if self.style["label_colon"] else "")

    def roles(self, item: Item) -> list[str]:
        """The role phrases of an item, supervisor first unless the block names it."""
        out = []
        if not self.style.get("section_supervisor"):
            out.append(f"{self.label('supervisor')} {self.person(item.supervisor)}")
        names = [self.person(i) for i in item.responsible]
        out.append(f"{self.label('responsible')} {join_names(names, self.style['joiner'])}")
        return out

    def item(self, item: Item) -> str:
        number = self.style["item_format"].format(n=item.printed)
        line = f"{number} {item.title}"
        roles = self.roles(item)
        place = self.style["label_place"]
        if place == "inline":
            return (f'<div class="item" data-item="{item.criterion}">'
                    f"<p>{esc(line + ' ' + ' '.join(roles))}</p></div>")
        if place == "below-one":
            role_html = f'<p class="role">{esc(" ".join(roles))}</p>'
        else:
            role_html = "".join(f'<p class="role">{esc(r)}</p>' for r in roles)
        return f'<div class="item" data-item="{item.criterion}"><p>{esc(line)}</p>{role_html}</div>'

    def block(self, block: Block) -> str:
        parts = []
        heading = block.heading + (f" {block.declaration}" if block.declaration else "")
        if block.intro:
            parts.append(f'<p class="bhead">{esc(block.intro)}</p>')
        sup = block.items[0].supervisor if block.items else None
        where = self.style.get("section_supervisor")
        if where == "sentence" and sup is not None:
            name = self.person(sup)
            parts.append(f'<p class="indent" style="break-after: avoid">ให้ {esc(name)} '
                         f"เป็นผู้กำกับดูแล{esc(block.name)} โดยมีผู้รับผิดชอบรายข้อ ดังนี้</p>")
        parts.append(f'<p class="bhead">{esc(heading)}</p>')
        if where == "under" and sup is not None:
            parts.append(f'<p class="secsup">{esc(self.label("supervisor"))} '
                         f"{esc(self.person(sup))}</p>")
        parts += [self.item(item) for item in block.items]
        return "".join(parts)

    def listing(self) -> str:
        return "".join(self.block(b) for b in self.spec.blocks)


def render_list_doc(spec: DocSpec) -> tuple[Laid, dict[str, list[str]]]:
    sightings = Sightings()
    writer = ListWriter(spec, sightings)
    paragraphs = spec.letter.paragraphs
    if spec.style["in_body"]:
        # The list is the order's own body: preamble, list, closing paragraph, signature.
        body = (order_head(spec) + order_paragraphs(spec, paragraphs[:-1]) + writer.listing()
                + order_paragraphs(spec, paragraphs[-1:]) + order_signature(spec))
    else:
        body = (order_head(spec) + order_paragraphs(spec) + order_signature(spec)
                + f'<div class="listpage"><p class="att-head">{esc(spec.letter.attachment_head)}'
                f"</p>{writer.listing()}</div>")
    return render(body, spec.name, spec.style, LIST_CSS), sightings.seen
