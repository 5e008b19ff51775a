"""Lay out a circular letter (หนังสือเวียน) in the official Thai letter form."""

from __future__ import annotations

import html

from samples.content import CircularDoc
from samples.render import SIGNATURE_SVG, Rendered, html_document, render
from samples.thai import thai_date

_CIRCULAR_CSS = """
<style>
.urgent { font-size: 22pt; font-weight: bold; margin-top: 0.4cm; }
table.head { width: 100%; border-collapse: collapse; margin-top: 0.3cm; }
table.head td { vertical-align: top; padding: 0; }
table.head td.addr { width: 6.5cm; }
.date { margin-left: 8.5cm; margin-top: 0.3em; margin-bottom: 0.4em; }
.sub { text-indent: 3.2cm; }
.contact { margin-top: 1.2cm; }
</style>
"""


def coordinator_line(doc: CircularDoc) -> str:
    person = doc.coordinator.written()
    return doc.closing_paragraphs[0].format(
        coordinator=person, position=doc.coordinator_position, phone=doc.coordinator_phone)


def circular_body(doc: CircularDoc) -> str:
    esc = html.escape
    parts = [
        _CIRCULAR_CSS,
        f'<p class="urgent">{esc(doc.urgency)}</p>',
        '<table class="head"><tr>'
        f"<td>ที่ {esc(doc.number)}</td>"
        f'<td class="addr">{"<br>".join(esc(a) for a in doc.address)}</td></tr></table>',
        f'<p class="date">{thai_date(*doc.date)}</p>',
        f"<p>เรื่อง {esc(doc.subject)}</p>",
        f"<p>เรียน {esc(doc.to)}</p>",
        f"<p>สิ่งที่ส่งมาด้วย {esc(doc.enclosure[0])} {esc(doc.enclosure[1])}</p>",
    ]
    parts += [f'<p class="indent">{esc(p)}</p>' for p in doc.paragraphs]
    for point, subpoints in doc.numbered:
        parts.append(f'<p class="indent">{esc(point)}</p>')
        parts += [f'<p class="sub">{esc(s)}</p>' for s in subpoints]
    closing = (coordinator_line(doc), *doc.closing_paragraphs[1:])
    parts += [f'<p class="indent">{esc(p)}</p>' for p in closing]
    signer = doc.signer
    parts.append(
        '<div class="sign"><p>ขอแสดงความนับถือ</p>'
        f"{SIGNATURE_SVG}<p>({esc(signer.officer.written())})</p>"
        + "".join(f"<p>{esc(line)}</p>" for line in signer.position)
        + "</div>"
    )
    parts.append('<div class="contact">' + "".join(f"<p>{esc(c)}</p>" for c in doc.contact)
                 + "</div>")
    return "".join(parts)


def render_circular(doc: CircularDoc) -> Rendered:
    return render(html_document(circular_body(doc), doc.name))
