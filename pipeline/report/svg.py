"""Horizontal bar charts as inline SVG: no script, no library, prints crisply."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.report.html import esc

ROW = 22
BAR = 14
PANEL_WIDTH = 270
GAP = 34
TOP = 26
CHAR_WIDTH = 7.2  # rough width of a Thai character at 13px, to size the label column


@dataclass(frozen=True)
class Segment:
    """One stacked part of every bar: a legend label, a CSS class, one value per row."""

    label: str
    css: str
    values: Sequence[float]


@dataclass(frozen=True)
class Panel:
    title: str
    segments: Sequence[Segment]


def _num(value: float) -> str:
    return f"{value:g}"


def bar_chart(labels: Sequence[str], panels: Sequence[Panel], *, chart_id: str, title: str) -> str:
    """Panels side by side, one row per label; each panel has its own scale."""
    label_width = min(230, 12 + CHAR_WIDTH * max((len(s) for s in labels), default=4))
    height = TOP + ROW * len(labels) + 26
    width = label_width + len(panels) * (PANEL_WIDTH + GAP)
    parts = [
        f'<svg class="chart" id="{esc(chart_id)}" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{esc(chart_id)}-t" viewBox="0 0 {width:.0f} {height}" '
        f'width="{width:.0f}" height="{height}">',
        f'<title id="{esc(chart_id)}-t">{esc(title)}</title>',
    ]
    for row, label in enumerate(labels):
        y = TOP + row * ROW + BAR - 2
        parts.append(
            f'<text x="{label_width - 8:.0f}" y="{y}" text-anchor="end">{esc(label)}</text>'
        )
    for index, panel in enumerate(panels):
        x0 = label_width + index * (PANEL_WIDTH + GAP)
        parts.append(_panel(panel, x0, len(labels), height))
    parts.append("</svg>")
    return "".join(parts)


def _panel(panel: Panel, x0: float, rows: int, height: int) -> str:
    totals = [sum(seg.values[r] for seg in panel.segments) for r in range(rows)]
    top = max(totals, default=0) or 1
    scale = (PANEL_WIDTH - 40) / top
    parts = [f'<text class="title" x="{x0:.0f}" y="14">{esc(panel.title)}</text>']
    for row in range(rows):
        x = x0
        y = TOP + row * ROW
        for seg in panel.segments:
            value = seg.values[row]
            if value <= 0:
                continue
            w = value * scale
            parts.append(
                f'<rect class="{esc(seg.css)}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR}">'
                f"<title>{esc(seg.label)}: {_num(value)}</title></rect>"
            )
            x += w
        parts.append(f'<text x="{x + 4:.1f}" y="{y + BAR - 2}">{_num(totals[row])}</text>')
    bottom = TOP + rows * ROW
    parts.append(f'<line class="axis" x1="{x0:.0f}" y1="{TOP - 3}" x2="{x0:.0f}" y2="{bottom}"/>')
    # Legend under the panel, one swatch per segment.
    lx = x0
    for seg in panel.segments:
        parts.append(
            f'<rect class="{esc(seg.css)}" x="{lx:.0f}" y="{height - 16}" width="12" height="12"/>'
            f'<text x="{lx + 16:.0f}" y="{height - 6}">{esc(seg.label)}</text>'
        )
        lx += 22 + CHAR_WIDTH * len(seg.label)
    return "".join(parts)
