"""Small Markdown helpers for docs/BENCHMARKS.md: a value as a table cell, a table, a spread."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def cell(value: Any, digits: int = 3) -> str:
    """A figure as the tables show it: `–` for none, yes/no, floats to `digits` places."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) if not isinstance(c, str) else c for c in row) + " |"
              for row in rows]
    return [*lines, ""]


def spread_cell(s: dict[str, Any] | None, digits: int = 2) -> str:
    """A repeated timing as `median (min–max)`; the range only when the runs differ."""
    if not s or s.get("median") is None:
        return "–"
    if s.get("runs", 1) > 1 and s["min"] != s["max"]:
        return f"{s['median']:.{digits}f} ({s['min']:.{digits}f}–{s['max']:.{digits}f})"
    return f"{s['median']:.{digits}f}"
