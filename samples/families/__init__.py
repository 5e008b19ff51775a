"""Layout families of generated orders and circulars (issue 10): one module per family.

Each module has `draw(seed, split) -> DocSpec` (what the document says and how it is styled,
from a seeded generator) and `render(spec) -> (Laid, spellings)` (the laid-out PDF, its page
texts and the spellings each name was printed with). `samples.families.build` turns both into
the five forms and the truth file.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from samples.truthfile import FAMILIES

MODULES = {"ruled": "ruled", "norules": "norules", "multiname": "multiname", "list": "lists",
           "sectionlist": "sectionlist", "circular": "circular"}
IMPLEMENTED = tuple(f for f in FAMILIES if f in MODULES)


def family_module(family: str) -> ModuleType:
    return importlib.import_module(f"samples.families.{MODULES[family]}")
