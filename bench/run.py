"""The benchmark: accuracy against the samples' truth and speed beside the bare engine and
OCRmyPDF, all measured in one run; writes `bench/results.json` and `docs/BENCHMARKS.md`.

Every timed command runs as its own process, so timings include what a user waits for
(interpreter start, imports, writing the outputs). Timings are repeated and the median quoted;
comparisons are made run by run (A then B, repeated) and reported as ratios, which hold better
than seconds on a noisy shared machine.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import platform
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.accuracy import document_scores, output_folders, summary
from bench.families import family_files, score_run, summarise
from bench.inputs import (
    BenchInput,
    load_truth,
    pdf_page_count,
    pdf_subset,
    render_images,
    sample_inputs,
)
from bench.matrix import MatrixPage, engine_lang, grid, run_matrix
from bench.proc import Measured, become_subreaper, median, run_measured, spread
from bench.speed import (
    bench_env,
    linear_fit,
    ocrmypdf_command,
    ocrmypdf_version,
    pages_json_seconds,
    pipeline_command,
    summarise_runs,
    time_ocrmypdf,
    time_pipeline,
    time_raw_tesseract,
    time_startup,
    time_text_stages,
)
from ocr.tesseract import OcrSettings, tesseract_version
from pipeline import writers
from pipeline.ledger import pipeline_version, source_fingerprint

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
RESULTS_NAME = "results.json"
SCHEMA = 1

# The issue's targets (docs/BENCHMARKS.md reports where we stand against each).
MAX_OVERHEAD = 0.15  # pipeline cold over raw Tesseract at equal parallelism
MAX_OCRMYPDF_RATIO = 1.0  # pipeline cold / OCRmyPDF
MIN_TEXT_PAGES_PER_SECOND = 100.0
MIN_WARM_SPEEDUP = 20.0
MAX_PEAK_MB = 1024.0
MAX_CER_RATIO = 0.7  # repaired CER / raw CER on the generated scans
KEEP_DEFAULT_MARGIN = 0.02  # mean F1 another OCR setting must gain to replace the default


@dataclass(frozen=True)
class BenchConfig:
    """What to measure; the defaults are the full `make bench`, `quick()` a fast subset."""

    samples: Path = ROOT / "samples"
    out_dir: Path = ROOT / "bench" / "results"
    docs: Path | None = ROOT / "docs" / "BENCHMARKS.md"
    workers: int = os.cpu_count() or 1
    repeats: int = 3
    minor_repeats: int = 2  # for the one-worker and scaling timings
    quick: bool = False
    include_generated: bool = True  # the large scans in samples/generated, when present
    settings: OcrSettings = field(default_factory=OcrSettings)
    matrix_langs: tuple[str, ...] = ("tha", "tha+eng", "Thai", "Thai+eng")
    matrix_psms: tuple[int, ...] = (3, 4, 6)
    matrix_dpis: tuple[int, ...] = (200, 300)
    matrix_preprocess: tuple[bool, ...] = (False, True)
    # dpi and preprocessing are varied for these psms only (psm 3 reads a table's columns as
    # separate blocks: it is measured at the default dpi, not worth the full product).
    matrix_variant_psms: tuple[int, ...] = (4, 6)
    # (file name, 1-based page): prose and table pages of each scan kind.
    matrix_pages: tuple[tuple[str, int], ...] = (
        ("circular_dopa_scan.pdf", 1),
        ("order_lampang_bwscan.pdf", 4),
        ("order_lampang_scan.pdf", 6),
        ("order_lampang_badscan.pdf", 8),
    )
    candidate_file: str = "order_lampang_bwscan.pdf"
    candidate_langs: tuple[str, ...] = ("tha", "tha+eng", "Thai", "Thai+eng")
    candidate_psms: tuple[int, ...] = (4, 6)
    candidate_variants: bool = True  # the best candidate again at the other dpi / preprocessed
    candidate_more: int = 2  # the best candidates also run on the other scans of that document
    speed_files: tuple[str, ...] = ("order_lampang_bwscan.pdf", "circular_dopa_scan.pdf")
    scaling_pages: tuple[int, ...] = (1, 2, 4, 8)
    memory_pages: int = 50
    raw_at_memory: bool = True  # the bare engine on the memory run's pages too
    ocrmypdf: bool = True
    ocrmypdf_same_settings: bool = True  # OCRmyPDF also with the pipeline's language and psm
    # Generalisation: the split of the generated layout families measured per family and form
    # (the validation split: nobody tunes on it), optionally some families / forms only.
    families_split: str = "validation"
    families: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    only: tuple[str, ...] = ()  # run only these sections (all when empty)
    save_baseline: bool = False  # record the families figures as the report's baseline row
    baseline: Path = ROOT / "docs" / "families-baseline.json"
    # families: run the pipeline of another checkout (an earlier version, for the baseline row)
    code: Path | None = None

    @classmethod
    def quick_subset(cls, **overrides: Any) -> BenchConfig:
        """About three minutes on two cores: committed samples only, one run of each timing."""
        values: dict[str, Any] = {
            "repeats": 1,
            "minor_repeats": 1,
            "quick": True,
            "include_generated": False,
            "matrix_psms": (4, 6),
            "matrix_dpis": (300,),
            "matrix_preprocess": (False,),
            "matrix_pages": (("circular_dopa_scan.pdf", 1), ("order_lampang_bwscan.pdf", 4)),
            "candidate_langs": ("tha+eng", "Thai"),
            "candidate_psms": (6,),
            "candidate_variants": False,
            "candidate_more": 0,
            "scaling_pages": (1, 2),
            "memory_pages": 12,
            "raw_at_memory": False,
            "ocrmypdf_same_settings": False,
        }
        values.update(overrides)
        return cls(**values)


def code_version(code: Path | None) -> str:
    """The git commit of another checkout (or this code's fingerprint)."""
    if code is None:
        return pipeline_version()
    import subprocess

    proc = subprocess.run(["git", "-C", str(code), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True)
    return proc.stdout.strip() or str(code)


def shown(path: Path) -> str:
    """A path as the report shows it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    return {
        "cores": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "tesseract": tesseract_version(),
        "ocrmypdf": ocrmypdf_version(),
    }


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
                   "documents": rows, "summary": summarise(rows)}
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

    def candidate_run(self, inputs: list[BenchInput], settings: OcrSettings,
                      tag: str) -> tuple[Measured, list[dict[str, Any]]]:
        out = self.tmp / "candidates" / tag
        run = time_pipeline([i.path for i in inputs], out, settings, self.config.workers,
                            self.env)
        return run, self.score_run(inputs, out)

    def candidates_section(self) -> dict[str, Any]:
        """End to end on one scan for each language and psm; the best also on other scans."""
        cfg = self.config
        target = self.by_name.get(cfg.candidate_file)
        if target is None:
            return {"skipped": f"{cfg.candidate_file} not found"}
        combos = [
            self.settings(lang=lang, psm=psm)
            for lang, psm in itertools.product(cfg.candidate_langs, cfg.candidate_psms)
            if engine_lang(lang)
        ]
        if cfg.settings not in combos:
            combos.insert(0, cfg.settings)
        rows = []
        log.info("candidates: %d settings end to end on %s", len(combos), target.path.name)
        for n, settings in enumerate(combos):
            run, (doc,) = self.candidate_run([target], settings, f"c{n}")
            rows.append(candidate_row(settings, run, doc))
        rows.sort(key=candidate_rank)
        if cfg.candidate_variants and rows:
            best = settings_of(rows[0])
            variants = [replace(best, dpi=d) for d in cfg.matrix_dpis if d != best.dpi]
            variants += [replace(best, preprocess=not best.preprocess)]
            for n, settings in enumerate(variants):
                run, (doc,) = self.candidate_run([target], settings, f"v{n}")
                rows.append(candidate_row(settings, run, doc))
            rows.sort(key=candidate_rank)
        others = [
            i for i in self.inputs
            if i.truth == target.truth and i.scanned and i.path != target.path
            and i.path.suffix.lower() == ".pdf"
        ]
        more = []
        if others and cfg.candidate_more:
            chosen = [settings_of(r) for r in rows[: cfg.candidate_more]]
            if cfg.settings not in chosen:
                chosen.append(cfg.settings)
            log.info("candidates: %d best also on %s", len(chosen),
                     ", ".join(i.path.name for i in others))
            for n, settings in enumerate(chosen):
                run, docs = self.candidate_run(others, settings, f"m{n}")
                for doc in docs:
                    more.append(candidate_row(settings, run, doc))
        return {
            "file": shown(target.path),
            "rows": rows,
            "more": more,
            "recommended": recommend(rows, more, cfg.settings),
        }

    # -- speed ------------------------------------------------------------------------------

    def speed_section(self) -> dict[str, Any]:
        cfg = self.config
        pdfs = [self.by_name[n].path for n in cfg.speed_files if n in self.by_name]
        if not pdfs:
            return {"skipped": "none of the speed files is present"}
        settings = cfg.settings
        page_list = [(pdf, i) for pdf in pdfs for i in range(pdf_page_count(pdf))]
        pages = len(page_list)
        images: list[Path] = []
        begun = time.perf_counter()
        for n, pdf in enumerate(pdfs):  # rendered before any timing, as a user of the engine would
            images += render_images(pdf, settings.dpi, self.tmp / "images" / str(n))
        render_seconds = time.perf_counter() - begun
        self.speed_images = images
        log.info("speed: %d pages of %s, %d run(s) each", pages,
                 ", ".join(p.name for p in pdfs), cfg.repeats)
        skip_ocrmypdf = ocrmypdf_status(cfg)
        raw, raw_tsv, cold, warm, ocrm, ocrm_same = [], [], [], [], [], []
        startup, page_secs = [], []
        for r in range(cfg.repeats):
            startup.append(time_startup(self.env))
            raw.append(time_raw_tesseract(images, settings, cfg.workers, self.env,
                                          self.tmp / "raw" / str(r)))
            # The engine asked for what the pipeline asks it for: text and tsv in one run.
            raw_tsv.append(time_raw_tesseract(images, settings, cfg.workers, self.env,
                                              self.tmp / "rawtsv" / str(r), outputs=("tsv",)))
            out = self.tmp / "speed" / f"run{r}"
            cold.append(time_pipeline(pdfs, out, settings, cfg.workers, self.env))
            page_secs += pages_json_seconds(out)
            warm.append(time_pipeline(pdfs, out, settings, cfg.workers, self.env))
            if skip_ocrmypdf is None:
                ocrm.append(time_ocrmypdf(pdfs, cfg.workers, self.env, self.tmp / "om" / str(r)))
                if cfg.ocrmypdf_same_settings:
                    ocrm_same.append(time_ocrmypdf(
                        pdfs, cfg.workers, self.env, self.tmp / "oms" / str(r),
                        lang=engine_lang(settings.lang) or settings.lang, psm=settings.psm,
                    ))
        result: dict[str, Any] = {
            "files": [shown(p) for p in pdfs],
            "pages": pages,
            "workers": cfg.workers,
            "dpi": settings.dpi,
            "startup": spread([s.wall for s in startup]),
            "render_seconds_per_page": round(render_seconds / pages, 3),
            "raw_tesseract": summarise_runs(raw, pages),
            "raw_tesseract_tsv": summarise_runs(raw_tsv, pages),
            "pipeline_cold": summarise_runs(cold, pages),
            "pipeline_warm": summarise_runs(warm, pages),
            "pipeline_page_seconds_mean": round(sum(page_secs) / len(page_secs), 3)
            if page_secs else None,
            "raw_page_seconds_mean": round(
                sum(m.wall for run in raw for m in run.each) / (pages * len(raw)), 3),
            "ratios": {
                "cold_over_raw": pair_ratio(cold, raw),
                "cold_over_raw_cpu": pair_ratio(cold, raw, "cpu"),
                "cold_over_raw_tsv": pair_ratio(cold, raw_tsv),
                "raw_tsv_over_raw": pair_ratio(raw_tsv, raw),
                "cold_over_warm": pair_ratio(cold, warm),
            },
        }
        if skip_ocrmypdf is not None:
            result["ocrmypdf"] = {"skipped": skip_ocrmypdf}
        else:
            result["ocrmypdf"] = summarise_runs(ocrm, pages)
            result["ratios"]["cold_over_ocrmypdf"] = pair_ratio(cold, ocrm)
            if ocrm_same:
                result["ocrmypdf_same_settings"] = summarise_runs(ocrm_same, pages)
                result["ratios"]["cold_over_ocrmypdf_same_settings"] = pair_ratio(cold, ocrm_same)
        result["workers_1"] = self.one_worker(pdfs, images, pages, cold, raw)
        result["scaling"] = self.scaling(pdfs[0], images)
        # Below `workers` pages some cores idle, which bends the line: fit the rest.
        points = [s for s in result["scaling"] if s["pages"] >= cfg.workers]
        result["fit"] = {
            "pages": [s["pages"] for s in points],
            "pipeline": linear_fit([(s["pages"], s["pipeline_wall"]) for s in points]),
            "raw": linear_fit([(s["pages"], s["raw_wall"]) for s in points]),
        }
        return result

    def one_worker(self, pdfs: list[Path], images: list, pages: int,
                   cold_n: list[Measured], raw_n: list) -> dict[str, Any] | None:
        """The same pages with one worker: what the second core buys each tool."""
        cfg = self.config
        if cfg.workers == 1:
            return None
        raw, cold = [], []
        for r in range(cfg.minor_repeats):
            raw.append(time_raw_tesseract(images, cfg.settings, 1, self.env,
                                          self.tmp / "raw1" / str(r)))
            cold.append(time_pipeline(pdfs, self.tmp / "w1" / str(r), cfg.settings, 1, self.env))
        raw_wall = median([p.wall for p in raw])
        cold_wall = median([c.wall for c in cold])
        return {
            "raw_tesseract": summarise_runs(raw, pages),
            "pipeline_cold": summarise_runs(cold, pages),
            "cold_over_raw": pair_ratio(cold, raw),
            "raw_speedup": round(raw_wall / median([p.wall for p in raw_n]), 2)
            if raw_wall else None,
            "pipeline_speedup": round(cold_wall / median([c.wall for c in cold_n]), 2)
            if cold_wall else None,
        }

    def scaling(self, pdf: Path, images: list) -> list[dict[str, Any]]:
        """The first k pages of one scan: pipeline and bare engine, to split fixed from per-page
        cost."""
        cfg = self.config
        rows = []
        count = pdf_page_count(pdf)
        for k in cfg.scaling_pages:
            if k > count:
                continue
            sub = pdf_subset([(pdf, i) for i in range(k)], self.tmp / "scale" / f"p{k}.pdf")
            raw, cold = [], []
            for r in range(cfg.minor_repeats):
                raw.append(time_raw_tesseract(images[:k], cfg.settings, cfg.workers, self.env,
                                              self.tmp / "rawk" / f"{k}-{r}"))
                cold.append(time_pipeline([sub], self.tmp / "scale" / f"o{k}-{r}", cfg.settings,
                                          cfg.workers, self.env))
            rows.append({
                "pages": k,
                "raw_wall": median([p.wall for p in raw]),
                "pipeline_wall": median([c.wall for c in cold]),
                "ratio": pair_ratio(cold, raw)["median"],
            })
        return rows

    # -- memory -----------------------------------------------------------------------------

    def memory_section(self) -> dict[str, Any]:
        cfg = self.config
        pdfs = [self.by_name[n].path for n in cfg.speed_files if n in self.by_name]
        if not pdfs:
            return {"skipped": "none of the speed files is present"}
        pool = [(pdf, i) for pdf in pdfs for i in range(pdf_page_count(pdf))]
        chosen = list(itertools.islice(itertools.cycle(pool), cfg.memory_pages))
        big = pdf_subset(chosen, self.tmp / "memory" / f"scan_{cfg.memory_pages}p.pdf")
        log.info("memory: %d-page scan", cfg.memory_pages)
        run = time_pipeline([big], self.tmp / "memory" / "out", cfg.settings, cfg.workers,
                            self.env, sample_tree=True)
        warm = time_pipeline([big], self.tmp / "memory" / "out", cfg.settings, cfg.workers,
                             self.env)
        result: dict[str, Any] = {
            "pages": cfg.memory_pages,
            "made_of": [shown(p) for p in pdfs],
            "run": asdict(run),
            "peak_tree_mb": run.tree_rss_mb,
            "largest_process_mb": run.max_rss_mb,
            "pages_per_minute": round(60 * cfg.memory_pages / run.wall, 1),
            "warm_wall": warm.wall,
            "cold_over_warm": round(run.wall / warm.wall, 1) if warm.wall else None,
        }
        if cfg.raw_at_memory and len(self.speed_images) == len(pool):
            # The same pages as the speed run, so their images are already rendered.
            index = dict(zip(pool, self.speed_images, strict=True))
            raw = time_raw_tesseract([index[p] for p in chosen], cfg.settings, cfg.workers,
                                     self.env, self.tmp / "rawm")
            result["raw_wall"] = raw.wall
            result["cold_over_raw"] = round(run.wall / raw.wall, 3)
        return result


def ocrmypdf_status(config: BenchConfig) -> str | None:
    """Why the OCRmyPDF comparison is left out (None: it runs)."""
    if not config.ocrmypdf:
        return "not asked for"
    if ocrmypdf_command() is None:
        return "ocrmypdf is not installed (pip install ocrmypdf); comparison left out"
    return None


def pair_ratio(a: list, b: list, what: str = "wall") -> dict[str, float | None]:
    """A/B run by run (A and B alternate, so drift of the machine hits both), then the median."""
    ratios = [getattr(x, what) / getattr(y, what) for x, y in zip(a, b, strict=False)
              if getattr(y, what)]
    return spread(ratios)


def settings_of(row: dict[str, Any]) -> OcrSettings:
    return OcrSettings(lang=row["lang"], psm=row["psm"], dpi=row["dpi"],
                       preprocess=row["preprocess"])


def candidate_row(settings: OcrSettings, run: Measured, doc: dict[str, Any]) -> dict[str, Any]:
    scores = doc.get("assignments", {})
    return {
        "lang": settings.lang,
        "psm": settings.psm,
        "dpi": settings.dpi,
        "preprocess": settings.preprocess,
        "document": doc["document"],
        "f1": scores.get("edits_0", {}).get("f1"),
        "precision": scores.get("edits_0", {}).get("precision"),
        "recall": scores.get("edits_0", {}).get("recall"),
        "f1_edits_1": scores.get("edits_1", {}).get("f1"),
        "f1_edits_2": scores.get("edits_2", {}).get("f1"),
        "items_accuracy": doc.get("items", {}).get("accuracy"),
        "officers_found": doc.get("officers", {}).get("found"),
        "officers_true": doc.get("officers", {}).get("true"),
        "cer_raw": doc.get("cer", {}).get("raw"),
        "cer_repaired": doc.get("cer", {}).get("repaired"),
        "wall": run.wall,
        "wall_per_page": round(run.wall / doc["pages"], 2) if doc.get("pages") else None,
    }


def candidate_rank(row: dict[str, Any]) -> tuple:
    """Best first: strict F1, then F1 within two edits, then speed."""
    return (-(row["f1"] or 0), -(row["f1_edits_2"] or 0), row["wall"])


def recommend(
    rows: list[dict[str, Any]], more: list[dict[str, Any]], default: OcrSettings | None = None
) -> dict[str, Any] | None:
    """The settings with the best mean exact F1 over every scan they ran on; the current
    default stays unless another setting beats it by more than `KEEP_DEFAULT_MARGIN` (one
    order's F1 moves by about 0.01 per assignment row: a smaller lead is noise)."""
    if not any(row["f1"] is not None for row in rows):
        return None  # the file has no assignment truth to choose by
    per: dict[tuple, list[float]] = {}
    wall: dict[tuple, float] = {}
    for row in [*rows, *more]:
        key = (row["lang"], row["psm"], row["dpi"], row["preprocess"])
        per.setdefault(key, []).append(row["f1"] or 0.0)
        wall.setdefault(key, row["wall"])
    tried_everywhere = max(len(v) for v in per.values())
    scored = {k: sum(v) / len(v) for k, v in per.items() if len(v) == tried_everywhere}
    best = max(scored, key=lambda k: (scored[k], -wall[k]))
    kept = False
    if default is not None:
        current = (default.lang, default.psm, default.dpi, default.preprocess)
        if current in scored and current != best and (
            scored[best] - scored[current] <= KEEP_DEFAULT_MARGIN
        ):
            best, kept = current, True
    return {"lang": best[0], "psm": best[1], "dpi": best[2], "preprocess": best[3],
            "mean_f1": round(scored[best], 4), "scans": tried_everywhere,
            "kept_default": kept, "best_mean_f1": round(max(scored.values()), 4)}


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue: the goal, the measured figure, met or not and by how much."""
    speed = results.get("speed", {})
    ratios = speed.get("ratios", {})
    out = []

    def add(key: str, goal: str, value: float | None, ok: Callable[[float], bool],
            gap: Callable[[float], str]) -> None:
        met = None if value is None else bool(ok(value))
        out.append({"target": key, "goal": goal, "measured": value, "met": met,
                    "gap": None if met in (None, True) else gap(value)})

    overhead = ratios.get("cold_over_raw", {}).get("median")
    add("overhead", f"pipeline cold ≤ {1 + MAX_OVERHEAD:.2f} × raw Tesseract",
        overhead, lambda v: v <= 1 + MAX_OVERHEAD,
        lambda v: f"{(v - 1 - MAX_OVERHEAD) * 100:.0f} points over ({(v - 1) * 100:.0f}% overhead)")
    vs_ocrmypdf = ratios.get("cold_over_ocrmypdf", {}).get("median")
    add("ocrmypdf", "pipeline cold / OCRmyPDF < 1.0", vs_ocrmypdf,
        lambda v: v < MAX_OCRMYPDF_RATIO, lambda v: f"{(v - 1) * 100:.0f}% slower than OCRmyPDF")
    text = results.get("text_stages", {}).get("pages_per_second")
    add("text_stages", f"≥ {MIN_TEXT_PAGES_PER_SECOND:.0f} pages/s on one core", text,
        lambda v: v >= MIN_TEXT_PAGES_PER_SECOND,
        lambda v: f"{MIN_TEXT_PAGES_PER_SECOND / v:.1f}× too slow")
    warm = ratios.get("cold_over_warm", {}).get("median")
    add("warm", f"warm re-run ≥ {MIN_WARM_SPEEDUP:.0f}× faster than cold", warm,
        lambda v: v >= MIN_WARM_SPEEDUP, lambda v: f"{MIN_WARM_SPEEDUP / v:.1f}× short")
    memory = results.get("memory", {})
    peak = memory.get("peak_tree_mb")
    add("memory", f"peak RSS < {MAX_PEAK_MB:.0f} MB for a {memory.get('pages', 50)}-page scan",
        peak, lambda v: v < MAX_PEAK_MB, lambda v: f"{v - MAX_PEAK_MB:.0f} MB over")
    cer_ratio = results.get("accuracy", {}).get("summary", {}).get("scan_cer_ratio")
    add("cer", f"repaired CER ≤ {MAX_CER_RATIO} × raw CER on the scans", cer_ratio,
        lambda v: v <= MAX_CER_RATIO,
        lambda v: f"{v:.2f} × raw: {(v - MAX_CER_RATIO) / v * 100:.0f}% of the repaired "
                  "errors would have to go")
    return out


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
