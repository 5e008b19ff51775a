"""`circulars matrix OUT_DIR`: rebuild matrix.csv and matrix.xlsx from an output folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.main import ExitCode
from pipeline.runner import UsageError
from pipeline.tables import ASSIGNMENT_COLUMNS, write_matrices
from pipeline.writers import read_csv


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    m = sub.add_parser("matrix", help="rebuild matrix.csv and matrix.xlsx from an output folder")
    m.add_argument("out_dir", type=Path)
    m.set_defaults(func=matrix)


def matrix(args: argparse.Namespace) -> ExitCode:
    source = args.out_dir / "assignments.csv"
    if not source.exists():
        raise UsageError(
            f"{source}: not found (run `circulars run ... --out {args.out_dir}` first)"
        )
    rows = read_csv(source)
    missing = [c for c in ASSIGNMENT_COLUMNS if rows and c not in rows[0]]
    if missing:
        raise UsageError(f"{source}: not an assignments table (missing {', '.join(missing)})")
    write_matrices(args.out_dir, rows)
    sys.stdout.write(f"wrote {args.out_dir / 'matrix.csv'} and {args.out_dir / 'matrix.xlsx'}\n")
    return ExitCode.OK
