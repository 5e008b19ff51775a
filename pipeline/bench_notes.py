"""Where the pipeline stands against each target of the benchmark issue, in words."""

from __future__ import annotations

from typing import Any


def notes(results: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for t in results["targets"]:
        status = "not measured" if t["met"] is None else "met" if t["met"] else "missed"
        out.append((f"{t['target']} ({t['goal']})", f"{status}: {t['measured']}; {t['gap'] or ''}"))
    return out
