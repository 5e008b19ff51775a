"""`circulars bench`: the options of the benchmark; the benchmark itself is the `bench` package
(a development tool of the checkout), imported only when the command runs. Writes
`bench/results/results.json` and docs/BENCHMARKS.md."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from pipeline.cli.main import ExitCode
from pipeline.cli.options import add_ocr_options, ocr_settings
from pipeline.runner import UsageError

log = logging.getLogger(__name__)


SECTIONS = ("accuracy", "families", "text_stages", "matrix", "candidates", "speed", "memory")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from bench import ROOT  # the package's light __init__ only

    p = sub.add_parser(
        "bench", help="measure accuracy and speed against raw Tesseract and OCRmyPDF",
        description="Accuracy against the samples' truth and speed beside the bare engine and "
        "OCRmyPDF, in one run. The full run takes about 15 minutes on two cores.",
    )
    p.add_argument("--quick", action="store_true",
                   help="a few minutes: committed samples, one run per timing, small matrix")
    p.add_argument("--samples", type=Path, default=ROOT / "samples", help="samples folder")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "results",
                   help="where results.json goes (%(default)s)")
    p.add_argument("--docs", type=Path, default=None,
                   help="Markdown report to write (full run: docs/BENCHMARKS.md; "
                   "--quick: none unless given)")
    p.add_argument("--no-docs", action="store_true", help="write results.json only")
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                   help="parallel pages for every tool (%(default)s)")
    p.add_argument("--repeats", type=int, help="runs of each timing (full 3, quick 1)")
    p.add_argument("--no-ocrmypdf", action="store_true", help="leave out the OCRmyPDF comparison")
    p.add_argument("--only", action="append", default=[], metavar="SECTION",
                   choices=SECTIONS,
                   help="measure only this part (repeatable; others are kept from the last "
                   f"results.json): {', '.join(SECTIONS)}")
    p.add_argument("--split", choices=("validation", "dev"), default="validation",
                   help="families: the split measured (%(default)s; tune on dev only)")
    p.add_argument("--family", action="append", default=[], help="families: only this family")
    p.add_argument("--form", action="append", default=[], help="families: only this form")
    p.add_argument("--save-baseline", action="store_true",
                   help="families: record this run as the baseline row of docs/BENCHMARKS.md")
    p.add_argument("--code", type=Path, default=None, metavar="CHECKOUT",
                   help="families: run the pipeline of another checkout (e.g. a `git worktree` "
                   "of an earlier commit, for the baseline row)")
    p.add_argument("--report-only", action="store_true",
                   help="measure nothing: rewrite the Markdown from OUT/results.json")
    add_ocr_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    from bench import ROOT
    from bench.config import RESULTS_NAME, BenchConfig
    from bench.run import run_bench

    if args.report_only:
        return report_only(args.out / RESULTS_NAME, args.docs or ROOT / "docs" / "BENCHMARKS.md")
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.repeats is not None and args.repeats < 1:
        raise UsageError("--repeats must be at least 1")
    if not (args.samples / "expected").is_dir():
        raise UsageError(f"{args.samples}: no samples folder with expected/ (truth) in it")
    docs = args.docs
    if docs is None and not args.quick:
        docs = ROOT / "docs" / "BENCHMARKS.md"
    overrides = {
        "samples": args.samples, "out_dir": args.out, "docs": None if args.no_docs else docs,
        "workers": args.workers, "settings": ocr_settings(args),
        "ocrmypdf": not args.no_ocrmypdf, "only": tuple(args.only),
        "families_split": args.split, "families": tuple(args.family),
        "forms": tuple(args.form), "save_baseline": args.save_baseline,
        "code": args.code.resolve() if args.code else None,
    }
    if args.repeats is not None:
        overrides["repeats"] = args.repeats
    config = BenchConfig.quick_subset(**overrides) if args.quick else BenchConfig(**overrides)
    results = run_bench(config)
    out = sys.stdout
    out.write(f"benchmark done in {results['duration_s'] / 60:.1f} min: "
              f"{config.out_dir / 'results.json'}")
    out.write(f", {config.docs}\n" if config.docs else "\n")
    for t in results["targets"]:
        status = "not measured" if t["met"] is None else "met" if t["met"] else "MISSED"
        measured = "–" if t["measured"] is None else f"{t['measured']:.3g}"
        out.write(f"  {t['target']:<12} {status:<12} {measured:>8}  {t['goal']}\n")
    rec = results.get("candidates", {}).get("recommended")
    if rec:
        out.write(f"  recommended OCR settings: --lang {rec['lang']} --psm {rec['psm']} "
                  f"--dpi {rec['dpi']}{' --preprocess' if rec['preprocess'] else ''}\n")
    return ExitCode.OK


def report_only(results_file: Path, docs: Path) -> ExitCode:
    import json

    from bench.report import render_markdown
    from pipeline import writers

    if not results_file.exists():
        raise UsageError(f"{results_file}: no results to report (run `circulars bench` first)")
    writers.write_text(docs, render_markdown(json.loads(results_file.read_text("utf-8"))))
    sys.stdout.write(f"{docs} written from {results_file}\n")
    return ExitCode.OK
