"""The tree is the architecture: the runtime packages do not depend on the development ones.

`pipeline`, `ocr` and `extract` are what a user installs to process documents; `bench` (the
benchmark) and `samples` (the generator and its truth) are tools of the checkout. Read from the
source with `ast`, so an import hidden inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

RUNTIME = ("pipeline", "ocr", "extract")
# The one bridge: `circulars bench` is a command of the CLI, and imports the benchmark when run.
BENCH_COMMAND = Path("pipeline/cli/bench.py")


def imported_packages(path: Path) -> set[str]:
    """Top-level package of every absolute import in a module, at any depth."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def runtime_modules() -> list[Path]:
    return sorted(p.relative_to(ROOT) for pkg in RUNTIME for p in (ROOT / pkg).rglob("*.py"))


def test_the_import_reader_sees_imports_inside_functions() -> None:
    imports = imported_packages(ROOT / BENCH_COMMAND)
    assert "bench" in imports  # imported only inside the command's functions
    assert {"argparse", "pipeline"} <= imports


def test_runtime_code_never_imports_the_development_packages() -> None:
    modules = runtime_modules()
    assert BENCH_COMMAND in modules and len(modules) > 50
    offending = {}
    for module in modules:
        allowed = {"bench"} if module == BENCH_COMMAND else set()
        wrong = imported_packages(ROOT / module) & ({"bench", "samples"} - allowed)
        if wrong:
            offending[str(module)] = sorted(wrong)
    assert offending == {}


# Modules split to one job each (issue 14): the repair by kind of damage, findings as data, the
# character classes, the item reader; they stay small. Other modules are still to be split
# (extract/officers.py) and are not held to it yet.
SMALL = ("extract/repair/*.py", "extract/thai_repair.py", "extract/findings.py",
         "extract/thaichars.py", "extract/validate.py", "extract/document.py",
         "extract/recognise.py", "extract/textnorm.py", "extract/items/*.py",
         "extract/sequence.py", "extract/models.py", "extract/matching.py")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def test_split_modules_stay_small() -> None:
    too_long = []
    for path in sorted(p for pattern in SMALL for p in ROOT.glob(pattern)):
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(ROOT)}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {size}")
    assert too_long == []


# Modules whose Thai character classes come from extract/thaichars.py (the others still to
# switch are written in the session's report).
ONE_CLASS_MODULE = (*SMALL, "ocr/pdf.py", "extract/numbering.py", "extract/sections.py",
                    "extract/thainum.py", "extract/meta.py")


def test_thai_character_classes_live_in_one_module() -> None:
    # The modules switched to extract/thaichars.py define no class of their own: a code point
    # range or a set of marks written out again is how the copies came to disagree.
    spelled = ("\\u0e31\\u0e34", "\\u0e01-\\u0e2e", "ัิีึื", "\\u0e48\\u0e49", "\\u0e01-\\u0e4e",
               "\\u0e01-\\u0e5b", "\\u0e00-\\u0e7f", "ก-ฮ", "\\u0e40-\\u0e44")
    checked = 0
    for pattern in ONE_CLASS_MODULE:
        for path in ROOT.glob(pattern):
            if path.name == "thaichars.py":
                continue
            checked += 1
            source = path.read_text(encoding="utf-8")
            assert not [s for s in spelled if s in source], path
    assert checked > 20


def test_the_shared_leaf_modules_import_nothing_of_the_project() -> None:
    # ocr/ reads Thai classes and digits from these two extract modules: being leaves is what
    # lets the page reader import them without a cycle (and without the numbering grammar
    # entering the page cache's code fingerprint).
    for leaf in ("extract/thaichars.py", "extract/digits.py"):
        assert imported_packages(ROOT / leaf) & {*RUNTIME, "bench", "samples"} == set(), leaf
