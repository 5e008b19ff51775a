"""`circulars run`: process a batch of inputs into the output folder."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from ocr.tesseract import OcrSettings, check_languages
from pipeline.cli import ExitCode
from pipeline.models import RunOptions
from pipeline.runner import UsageError, run_pipeline

log = logging.getLogger(__name__)


def add_ocr_options(parser: argparse.ArgumentParser) -> None:
    defaults = OcrSettings()
    parser.add_argument("--lang", default=defaults.lang, help="Tesseract languages (%(default)s)")
    parser.add_argument("--psm", type=int, default=defaults.psm, help="page segmentation mode")
    parser.add_argument("--dpi", type=int, default=defaults.dpi, help="render PDFs at this dpi")
    parser.add_argument(
        "--preprocess", action="store_true", help="denoise and stretch contrast before OCR"
    )
    parser.add_argument(
        "--page-timeout", type=float, default=defaults.timeout, help="seconds per page"
    )
    parser.add_argument(
        "--no-number-reread", action="store_true",
        help="keep the Thai model's digits (no re-read with the number model)",
    )


def ocr_settings(args: argparse.Namespace, check: bool = True) -> OcrSettings:
    """The OCR settings; `check` that this machine has the languages (not when a cluster OCRs)."""
    if args.page_timeout <= 0:
        raise UsageError("--page-timeout must be positive")
    settings = OcrSettings(
        lang=args.lang, psm=args.psm, dpi=args.dpi, preprocess=args.preprocess,
        timeout=args.page_timeout,
        reread_numbers=not getattr(args, "no_number_reread", False),
    )
    if check:
        check_languages(settings.lang)
    return settings


def register(sub: argparse._SubParsersAction) -> None:
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
