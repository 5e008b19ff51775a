"""The first page of an order: letterhead, number, subject, preamble, date, signature."""

from __future__ import annotations

from samples.families.layout import EMBLEM_SVG, esc, signer_block
from samples.families.spec import DocSpec


def order_head(spec: DocSpec) -> str:
    letter = spec.letter
    return (
        f"{EMBLEM_SVG}"
        f'<p class="title">คำสั่ง{esc(letter.issuer)}</p>'
        f'<p class="center">ที่ {esc(letter.number)}</p>'
        f'<p class="center">เรื่อง {esc(letter.subject)}</p>'
        '<p class="center">------------------------------</p>'
    )


def order_paragraphs(spec: DocSpec, paragraphs: tuple[str, ...] | None = None) -> str:
    texts = spec.letter.paragraphs if paragraphs is None else paragraphs
    return "".join(f'<p class="indent">{esc(p)}</p>' for p in texts)


def order_signature(spec: DocSpec) -> str:
    letter = spec.letter
    signer = letter.signer
    return (f'<p class="indent" style="margin-top:0.5em">{esc(letter.closing)}</p>'
            + signer_block(signer.person.written(), signer.position))


def preamble_page(spec: DocSpec) -> str:
    """The whole first page of an order whose list or table is an attachment."""
    return order_head(spec) + order_paragraphs(spec) + order_signature(spec)
