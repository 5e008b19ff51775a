"""`circulars validate FILE...`: print the numbering validation findings of documents."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from pipeline.cli.main import ExitCode
from pipeline.cli.options import add_ocr_options, ocr_settings
from pipeline.models import RunOptions
from pipeline.runner import run_pipeline

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    v = sub.add_parser("validate", help="print the numbering validation findings of documents")
    v.add_argument("files", nargs="+", type=Path)
    v.add_argument("--edition", help="criteria edition to check against (default: best fit)")
    v.add_argument("--all", action="store_true", help="include info lines (counts that agree)")
    v.add_argument("--workers", type=int, default=1)
    add_ocr_options(v)
    v.set_defaults(func=validate)


def validate(args: argparse.Namespace) -> ExitCode:
    options = RunOptions(ocr=ocr_settings(args), workers=args.workers, edition=args.edition)
    with tempfile.TemporaryDirectory(prefix="circulars-validate-") as tmp:
        batch = run_pipeline(args.files, Path(tmp), options)
    rows = []
    for doc in batch.documents:
        ex = doc.extraction
        if ex is None:
            continue
        for f in ex.findings:
            if f.severity == "info" and not args.all:
                continue
            rows.append((doc.name, ex.edition or "-", f.severity, f.kind, f.criterion, f.detail))
    rows.sort(key=lambda r: (r[0], _SEVERITY_ORDER.get(r[2], 3)))
    header = ("document", "edition", "severity", "kind", "criterion", "detail")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(5)]
    for row in [header, *rows]:
        cells = [str(c).ljust(w) for c, w in zip(row[:5], widths, strict=True)]
        sys.stdout.write("  ".join([*cells, str(row[5])]) + "\n")
    return ExitCode.SOME_FAILED if batch.failed else ExitCode.OK
