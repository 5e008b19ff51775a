"""The benchmark: accuracy against the samples' truth and speed beside the bare engine and
OCRmyPDF, all measured in one run; writes `bench/results/results.json` and `docs/BENCHMARKS.md`.

Every timed command runs as its own process, so timings include what a user waits for
(interpreter start, imports, writing the outputs). Timings are repeated and the median quoted;
comparisons are made run by run (A then B, repeated) and reported as ratios, which hold better
than seconds on a noisy shared machine. `Bench` holds one run's inputs and scratch folder; each
section is a function of it (accuracy, text stages and families here; `candidates`,
`speed_sections`, `matrix` for the rest).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import ROOT, candidates, speed_sections
from bench.accuracy import document_scores, output_folders, summary
from bench.config import RESULTS_NAME, SCHEMA, BenchConfig, code_version, machine, shown
from bench.families import family_files, score_run, split_folder, summarise
from bench.families_extras import families_extras
from bench.inputs import BenchInput, load_truth, sample_inputs
from bench.matrix import MatrixPage, grid, run_matrix
from bench.proc import become_subreaper, median, run_measured, spread
from bench.speed import bench_env, pipeline_command, time_pipeline, time_text_stages
from bench.targets import targets
from bench.units import time_units
from ocr.tesseract import OcrSettings
from pipeline import writers
from pipeline.ledger import pipeline_version, source_fingerprint

log = logging.getLogger(__name__)


class Bench:
    """One benchmark run; each `*_section` method fills one part of the results."""

    def __init__(self, config: BenchConfig, tmp: Path) -> None:
        self.config = config
        self.tmp = tmp
        self.env = bench_env()
        self.expected = config.samples / "expected"
        inputs, missing = sample_inputs(config.samples)
        if not config.include_generated:
            skipped = [i.path.name for i in inputs if i.path.parent.name == "generated"]
            inputs = [i for i in inputs if i.path.parent.name != "generated"]
            missing = sorted(set(missing) | set(skipped))
        self.inputs = inputs
        self.missing = missing
        self.by_name = {i.path.name: i for i in inputs}
        self.speed_images: list[Path] = []
        self.accuracy_out = tmp / "accuracy"

    def settings(self, **changes: Any) -> OcrSettings:
        return replace(self.config.settings, **changes)

    # -- accuracy ---------------------------------------------------------------------------

    def score_run(self, inputs: list[BenchInput], out: Path) -> list[dict[str, Any]]:
        folders = output_folders(out)
        docs = []
        for inp in inputs:
            folder = folders.get(inp.path.resolve())
            if folder is None:
                docs.append({"document": inp.name, "file": shown(inp.path), "kind": inp.kind,
                             "error": "no output (see errors.csv of the run)"})
                continue
            truth = load_truth(self.expected, inp.truth) if inp.truth else None
            docs.append({**document_scores(inp, folder, truth), "file": shown(inp.path)})
        return docs

    def accuracy_section(self) -> dict[str, Any]:
        out = self.accuracy_out
        log.info("accuracy: %d inputs with the default settings", len(self.inputs))
        run = time_pipeline([i.path for i in self.inputs], out, self.config.settings,
                            self.config.workers, self.env)
        docs = self.score_run(self.inputs, out)
        return {"run": asdict(run), "documents": docs, "summary": summary(docs)}

    def text_section(self) -> dict[str, Any]:
        """Text stages alone, on every page the accuracy run read (seeds, layers, OCR)."""
        documents = []
        for pages_file in sorted(self.accuracy_out.glob("*/pages.json")):
            data = json.loads(pages_file.read_text("utf-8"))
            documents.append((data["document"], [p["raw_text"] for p in data["pages"]]))
        pages = sum(len(p) for _, p in documents)
        log.info("text stages: %d pages, %d run(s) on one core", pages, self.config.repeats)
        runs = time_text_stages(documents, self.config.repeats)
        cpu = [r["repair_cpu"] + r["extract_cpu"] for r in runs]
        mid = median(cpu)
        per_document = []
        for n, (name, doc_pages) in enumerate(documents):
            rep = median([r["documents"][n]["repair_cpu"] for r in runs]) or 0.0
            ext = median([r["documents"][n]["extract_cpu"] for r in runs]) or 0.0
            per_document.append({
                "document": name, "pages": len(doc_pages),
                "repair_ms_per_page": round(1000 * rep / max(len(doc_pages), 1), 1),
                "extract_ms_per_page": round(1000 * ext / max(len(doc_pages), 1), 1),
            })
        return {
            "per_document": per_document,
            "documents": len(documents),
            "pages": pages,
            "cpu": spread(cpu),
            "repair_cpu": spread([r["repair_cpu"] for r in runs]),
            "extract_cpu": spread([r["extract_cpu"] for r in runs]),
            "warmup_cpu": spread([r["warmup_cpu"] for r in runs]),
            "pages_per_second": round(pages / mid, 1) if mid else None,
            "units": time_units(ROOT, self.config.repeats),
        }

    def families_section(self) -> dict[str, Any]:
        """Accuracy per layout family and form on a split of the generated families."""
        cfg = self.config
        files, missing = family_files(cfg.samples, cfg.families_split, cfg.families, cfg.forms)
        if missing:
            log.warning("families: %d files missing (`make samples` makes them)", len(missing))
        if not files:
            return {"skipped": f"no {cfg.families_split} family documents (`make samples`)",
                    "split": cfg.families_split}
        out = self.tmp / "families"
        log.info("families: %d files of the %s split", len(files), cfg.families_split)
        if cfg.code is None:
            run = time_pipeline([f.path for f in files], out, cfg.settings, cfg.workers,
                                self.env)
        else:  # that checkout's packages first on the path, whatever is installed
            run = run_measured(
                pipeline_command([f.path for f in files], out, cfg.settings, cfg.workers),
                env={**self.env, "PYTHONPATH": str(cfg.code)}, cwd=cfg.code)
        rows = score_run(files, out)
        section = {"split": cfg.families_split, "run": asdict(run), "missing": missing,
                   "documents": rows, "summary": summarise(rows),
                   **families_extras(files, out, split_folder(cfg.samples, cfg.families_split),
                                     cfg.settings, cfg.workers)}
        if cfg.save_baseline:
            writers.write_json(cfg.baseline, {
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "code": code_version(cfg.code), "split": cfg.families_split,
                "summary": section["summary"]})
        if cfg.baseline.exists():
            section["baseline"] = json.loads(cfg.baseline.read_text("utf-8"))
        return section

    # -- settings ---------------------------------------------------------------------------

    def matrix_section(self) -> dict[str, Any]:
        cfg = self.config
        pages: list[MatrixPage] = []
        truths: list[str] = []
        for name, number in cfg.matrix_pages:
            inp = self.by_name.get(name)
            if inp is None or inp.truth is None:
                continue
            truth = load_truth(self.expected, inp.truth).pages
            if truth is None or number > len(truth):
                continue
            pages.append(MatrixPage(inp, number - 1))
            truths.append(truth[number - 1])
        settings = grid(cfg.matrix_langs, cfg.matrix_psms, cfg.matrix_dpis, cfg.matrix_preprocess,
                        cfg.matrix_variant_psms, cfg.settings.dpi)
        if not pages:
            return {"skipped": "none of the matrix pages is present"}
        log.info("settings matrix: %d settings on %d pages", len(settings), len(pages))
        return run_matrix(pages, truths, settings, cfg.workers, self.tmp / "matrix", self.env)

    def candidates_section(self) -> dict[str, Any]:
        return candidates.candidates_section(self)

    def speed_section(self) -> dict[str, Any]:
        return speed_sections.speed_section(self)

    def memory_section(self) -> dict[str, Any]:
        return speed_sections.memory_section(self)


def run_bench(config: BenchConfig) -> dict[str, Any]:
    """Run every measurement; write results.json (and the Markdown when `config.docs`)."""
    from bench.report import render_markdown

    started = time.perf_counter()
    if not become_subreaper():
        log.warning("cannot collect the CPU time of orphaned pool workers on this system; "
                    "CPU seconds of the pipeline will be too low")
    previous: dict[str, Any] = {}
    if config.only and (config.out_dir / RESULTS_NAME).exists():
        previous = json.loads((config.out_dir / RESULTS_NAME).read_text("utf-8"))
    results: dict[str, Any] = {
        **previous,
        "schema": SCHEMA,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": config.quick,
        "machine": machine(),
        "settings": asdict(config.settings),
        "workers": config.workers,
        "repeats": config.repeats,
    }
    with tempfile.TemporaryDirectory(prefix="circulars-bench-") as tmp:
        bench = Bench(config, Path(tmp))
        results["inputs"] = {
            "used": [{"file": shown(i.path), "kind": i.kind, "truth": i.truth}
                     for i in bench.inputs],
            "missing": bench.missing,
        }
        if bench.missing:
            log.warning("not measured (missing; `make samples` makes them): %s",
                        ", ".join(bench.missing))
        sections: list[tuple[str, Callable[[], dict[str, Any]]]] = [
            ("accuracy", bench.accuracy_section),
            ("families", bench.families_section),
            ("text_stages", bench.text_section),
            ("matrix", bench.matrix_section),
            ("candidates", bench.candidates_section),
            ("speed", bench.speed_section),
            ("memory", bench.memory_section),
        ]
        seconds: dict[str, float] = {}
        load: dict[str, list[float]] = {}
        code = pipeline_version()
        page_code = source_fingerprint("pipeline.pages")
        if config.only:
            sections = [(n, f) for n, f in sections if n in config.only]
        for name, section in sections:
            begun = time.perf_counter()
            load[name] = [round(x, 2) for x in os.getloadavg()]
            results[name] = section()
            seconds[name] = round(time.perf_counter() - begun, 1)
            log.info("%s done in %.0f s", name, seconds[name])
        results["section_seconds"] = {**previous.get("section_seconds", {}), **seconds}
        # Other work on the machine slows every tool alike; the ratios hold better than seconds.
        results["load_average"] = {**previous.get("load_average", {}), **load}
        results["last_sections"] = [name for name, _ in sections]
    pipeline_version.cache_clear()
    results["code"] = {
        "version": code,
        "changed_during_run": pipeline_version() != code,
        # The page cache is keyed on the code that makes a page: if it changed, a warm re-run
        # may have redone pages.
        "page_code_changed": source_fingerprint("pipeline.pages") != page_code,
    }
    if results["code"]["changed_during_run"]:
        log.warning("the source changed during the benchmark: figures mix two versions of "
                    "the code%s", " and warm re-runs may have redone pages"
                    if results["code"]["page_code_changed"] else "")
    results["targets"] = targets(results)
    results["duration_s"] = round(time.perf_counter() - started, 1)
    writers.write_json(config.out_dir / RESULTS_NAME, results)
    if config.docs is not None:
        if config.only and not previous and config.docs.exists():
            from bench.report_families import families_section, splice

            if "families" in results:
                report = splice(config.docs.read_text("utf-8"), families_section(results))
                writers.write_text(config.docs, report)
        else:
            writers.write_text(config.docs, render_markdown(results))
    return results
