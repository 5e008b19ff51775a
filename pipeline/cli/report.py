"""`circulars report OUT_DIR`: rebuild report.html from an output folder."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from pipeline.cli.main import ExitCode
from pipeline.runner import UsageError

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", help="write report.html (summary, matrix, review queue)")
    p.add_argument("out_dir", type=Path, help="output folder of `circulars run`")
    p.set_defaults(func=report)


def report(args: argparse.Namespace) -> ExitCode:
    from pipeline.report.build import write_report

    if not args.out_dir.is_dir():
        raise UsageError(f"not a folder: {args.out_dir}")
    if not any((p / "pages.json").is_file() for p in args.out_dir.iterdir()) and not (
        args.out_dir / "errors.csv"
    ).is_file():
        raise UsageError(f"{args.out_dir} holds no output of `circulars run`")
    path = write_report(args.out_dir)
    log.info("report written: %s", path)
    return ExitCode.OK
