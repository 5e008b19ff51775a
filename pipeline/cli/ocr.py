"""`circulars ocr FILE...`: print each page's text (repaired, or raw with --raw)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.main import ExitCode
from pipeline.cli.options import add_ocr_options, ocr_settings
from pipeline.models import RunOptions


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("ocr", help="print the text of each page")
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--raw", action="store_true", help="text before Thai repair")
    p.add_argument("--workers", type=int, default=1)
    add_ocr_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    from pipeline.batch import run_batch

    options = RunOptions(ocr=ocr_settings(args), workers=args.workers, repair=not args.raw)
    batch = run_batch(args.files, Path("."), options, show_progress=False)
    for doc in batch.documents:
        for page in doc.pages:
            conf = f" conf {page.confidence:.0f}" if page.confidence is not None else ""
            sys.stdout.write(
                f"=== {doc.source.path} page {page.number} ({page.method}{conf}) ===\n"
            )
            sys.stdout.write((page.raw_text if args.raw else page.text) + "\n")
    return ExitCode.SOME_FAILED if batch.failed else ExitCode.OK
