"""`circulars run`: process a batch of inputs into the output folder."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from pipeline.cli.main import ExitCode
from pipeline.cli.options import add_ocr_options, ocr_settings
from pipeline.models import RunOptions
from pipeline.runner import UsageError, run_pipeline

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("run", help="process files or folders into tables")
    p.add_argument("inputs", nargs="+", type=Path, help="files or folders")
    p.add_argument("--out", type=Path, default=Path("criteria_out"), help="output folder")
    p.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="parallel pages (%(default)s)"
    )
    p.add_argument("--edition", help="criteria edition to use instead of guessing (2562/2566/2567)")
    p.add_argument("--no-repair", action="store_true", help="keep raw text (for comparison)")
    p.add_argument(
        "--force", action="store_true",
        help="redo every file and page, ignoring the ledger of earlier runs in --out",
    )
    p.add_argument(
        "--scheduler", metavar="tcp://HOST:PORT",
        help="send the pages to this Dask scheduler (pip install 'circulars[dask]')",
    )
    add_ocr_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.scheduler and "://" not in args.scheduler and ":" not in args.scheduler:
        raise UsageError(f"--scheduler {args.scheduler}: expected tcp://HOST:PORT")
    options = RunOptions(
        ocr=ocr_settings(args, check=not args.scheduler), workers=args.workers,
        edition=args.edition, repair=not args.no_repair,
    )
    batch = run_pipeline(
        args.inputs, args.out, options, force=args.force, scheduler=args.scheduler
    )
    ok = sum(1 for d in batch.documents if not d.errors)
    log.info(
        "%d document(s) processed, %d with errors, %d file(s) failed to open; "
        "outputs in %s (%.1f s)",
        ok, sum(1 for d in batch.documents if d.errors),
        len([e for e in batch.errors if e.stage in {"sniff", "open"}]), args.out, batch.seconds,
    )
    return ExitCode.SOME_FAILED if batch.failed else ExitCode.OK
