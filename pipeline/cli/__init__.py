"""The command line, one module per command: `circulars run | ocr | validate | matrix |
catalog | report | bench` (`python -m pipeline` is the same). `main` holds the entry point and
the one exception handler at the boundary; each command module has `register(subparsers)`."""

from pipeline.cli.main import ExitCode, main

__all__ = ["ExitCode", "main"]
