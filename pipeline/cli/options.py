"""The OCR options shared by the commands that read documents (run, ocr, validate, bench)."""

from __future__ import annotations

import argparse

from ocr.tesseract import OcrSettings, check_languages
from pipeline.runner import UsageError


def add_ocr_options(parser: argparse.ArgumentParser) -> None:
    defaults = OcrSettings()
    parser.add_argument("--lang", default=defaults.lang, help="Tesseract languages (%(default)s)")
    parser.add_argument("--psm", type=int, default=defaults.psm, help="page segmentation mode")
    parser.add_argument(
        "--dpi", type=int, default=defaults.dpi,
        help="render PDFs at this dpi",
    )
    parser.add_argument(
        "--own-resolution", action="store_true",
        help="read scanned PDF pages at their image's resolution when below --dpi (faster; "
        "less accurate on tables of 200-dpi scans, see README)",
    )
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
        own_resolution=args.own_resolution, timeout=args.page_timeout,
        reread_numbers=not args.no_number_reread,
    )
    if check:
        check_languages(settings.lang)
    return settings
