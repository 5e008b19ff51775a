"""Command-line entry point: `circulars <command>`; one exception handler at the boundary."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from enum import IntEnum

from pipeline.runner import UsageError

log = logging.getLogger(__name__)


class ExitCode(IntEnum):
    OK = 0
    SOME_FAILED = 1  # at least one input file failed; the rest were processed
    USAGE = 2  # bad arguments or nothing to do
    INTERRUPTED = 130


# Subcommand modules, each with `register(subparsers)` that sets `func(args) -> ExitCode`.
COMMAND_MODULES = (
    "pipeline.cli.ocr",
    "pipeline.cli.run",
    "pipeline.cli.catalog",
    "pipeline.cli.validate",
    "pipeline.cli.matrix",
    "pipeline.cli.bench",
    "pipeline.cli.report",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="circulars",
        description="Turn Thai GECC circulars and orders into structured tables.",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging")
    parser.add_argument("-q", "--quiet", action="store_true", help="errors only")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def configure_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else logging.DEBUG if verbose > 1 else logging.INFO
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


def main(argv: list[str] | None = None) -> int:
    # One Tesseract thread per process: pages run in parallel processes instead.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose, args.quiet)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        log.error("interrupted")
        return ExitCode.INTERRUPTED
    except UsageError as exc:
        log.error("%s", exc)
        return ExitCode.USAGE
    except Exception as exc:  # the boundary: one line unless -v
        if args.verbose:
            log.exception("failed")
        else:
            log.error("%s: %s (run with -v for details)", type(exc).__name__, exc)
        return ExitCode.SOME_FAILED
