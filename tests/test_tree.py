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
