"""The Tesseract settings matrix: CER and seconds per page for each setting, on the same pages.

Every page is rendered once per dpi (and preprocessed once) before any timing; each setting then
runs the `tesseract` command on those images, `workers` at a time, with the same options the
pipeline passes (`--psm N -c preserve_interword_spaces=1`). The raw text is scored, and the
same text after the pipeline's Thai repair, so a setting is judged on what the pipeline makes
of it.
"""

from __future__ import annotations

import itertools
import logging
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bench.accuracy import corpus_cer
from bench.evaluate import cer
from bench.inputs import BenchInput
from bench.proc import run_pool
from ocr.tesseract import OcrSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MatrixSetting:
    lang: str
    psm: int
    dpi: int
    preprocess: bool

    @property
    def label(self) -> str:
        return f"{self.lang} psm{self.psm} {self.dpi}dpi{' pre' if self.preprocess else ''}"


@dataclass(frozen=True)
class MatrixPage:
    input: BenchInput
    index: int  # 0-based page of the file (= truth page index + 1 for a whole document)

    @property
    def label(self) -> str:
        return f"{self.input.name} p{self.index + 1}"


def grid(
    langs: Sequence[str], psms: Sequence[int], dpis: Sequence[int], preprocess: Sequence[bool],
    variant_psms: Sequence[int] | None = None, base_dpi: int = 300,
) -> list[MatrixSetting]:
    """Every language x psm at `base_dpi` without preprocessing, and every dpi x preprocessing
    for the psms in `variant_psms` (all psms when None: the full product)."""
    variant_psms = psms if variant_psms is None else variant_psms
    combos = set(itertools.product(langs, psms, [base_dpi], [False]))
    combos |= set(itertools.product(langs, [p for p in psms if p in variant_psms], dpis,
                                    preprocess))
    order = {lang: n for n, lang in enumerate(langs)}
    return [MatrixSetting(*c) for c in sorted(combos, key=lambda c: (order[c[0]], *c[1:]))]


@cache
def _listed_languages() -> tuple[str, ...]:
    proc = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                          check=False)
    return tuple(line.strip() for line in proc.stdout.splitlines()[1:] if line.strip())


def engine_lang(lang: str) -> str | None:
    """The name Tesseract loads a language by here (`Thai` may be `script/Thai`); None if
    a part is not installed. Debian installs the script model as `Thai`."""
    listed = _listed_languages()
    parts = []
    for part in lang.split("+"):
        short = part.removeprefix("script/")
        if part in listed:
            parts.append(part)
        elif short in listed:
            parts.append(short)
        elif f"script/{short}" in listed:
            parts.append(f"script/{short}")
        else:
            return None
    return "+".join(parts)


def tesseract_command(
    image: Path, out_base: Path, lang: str, psm: int, outputs: tuple[str, ...] = ()
) -> list[str]:
    """The bare engine, with the options the pipeline passes (`OcrSettings.config`);
    `outputs` are renderers besides the plain text (the pipeline also asks for `tsv`)."""
    config = OcrSettings(lang=lang, psm=psm).config().split()
    renderers = ["txt", *outputs] if outputs else []
    return ["tesseract", str(image), str(out_base), "-l", lang, *config, *renderers]


def render_matrix_images(
    pages: Sequence[MatrixPage], dpis: Sequence[int], preprocess: Sequence[bool], dest: Path
) -> dict[tuple[int, int, bool], Path]:
    """(page position, dpi, preprocess) -> PGM file, made with the pipeline's own renderer."""
    from ocr import images
    from ocr.pdf import render_page

    dest.mkdir(parents=True, exist_ok=True)
    out: dict[tuple[int, int, bool], Path] = {}
    for pos, page in enumerate(pages):
        for dpi in dpis:
            image = render_page(page.input.path, page.index, dpi)
            for pre in preprocess:
                path = dest / f"p{pos}-{dpi}{'-pre' if pre else ''}.pgm"
                (images.preprocess(image) if pre else image).save(path)
                out[(pos, dpi, pre)] = path
            image.close()
    return out


def run_matrix(
    pages: Sequence[MatrixPage],
    truth_pages: Sequence[str],
    settings: Sequence[MatrixSetting],
    workers: int,
    work_dir: Path,
    env: dict[str, str],
) -> dict[str, Any]:
    """CER (raw and repaired) and CPU/wall seconds per page of every setting."""
    from extract.thai_repair import repair

    dpis = sorted({s.dpi for s in settings})
    pres = sorted({s.preprocess for s in settings})
    images = render_matrix_images(pages, dpis, pres, work_dir / "images")
    runnable: list[tuple[MatrixSetting, str]] = []
    skipped: list[MatrixSetting] = []
    for s in settings:
        lang = engine_lang(s.lang)
        if lang:
            runnable.append((s, lang))
        else:
            skipped.append(s)
    jobs: list[tuple[MatrixSetting, int, Path]] = []
    commands = []
    for n, ((s, lang), pos) in enumerate(itertools.product(runnable, range(len(pages)))):
        base = work_dir / "text" / f"job{n}"
        base.parent.mkdir(parents=True, exist_ok=True)
        commands.append(tesseract_command(images[(pos, s.dpi, s.preprocess)], base, lang, s.psm))
        jobs.append((s, pos, base.with_suffix(".txt")))
    log.info("settings matrix: %d settings x %d pages", len(runnable), len(pages))
    pool = run_pool(commands, workers, env)
    per_setting: dict[MatrixSetting, list[dict[str, Any]]] = {s: [] for s, _ in runnable}
    for (s, pos, text_file), measured in zip(jobs, pool.each, strict=True):
        raw = text_file.read_text("utf-8").strip("\n\f ") if text_file.exists() else ""
        per_setting[s].append({
            "page": pages[pos].label,
            "raw": raw,
            "repaired": repair(raw),
            "truth": truth_pages[pos],
            "cpu": measured.cpu,
            "wall": measured.wall,
            "ok": measured.returncode == 0,
        })
    rows = []
    for s, results in per_setting.items():
        truths = [r["truth"] for r in results]
        rows.append({
            "lang": s.lang, "psm": s.psm, "dpi": s.dpi, "preprocess": s.preprocess,
            "label": s.label,
            "cer_raw": round(corpus_cer([r["raw"] for r in results], truths), 4),
            "cer_repaired": round(corpus_cer([r["repaired"] for r in results], truths), 4),
            "cpu_per_page": round(sum(r["cpu"] for r in results) / len(results), 3),
            "wall_per_page": round(sum(r["wall"] for r in results) / len(results), 3),
            "failed_pages": sum(not r["ok"] for r in results),
            "pages": [
                {"page": r["page"], "cer_raw": round(cer(r["raw"], r["truth"]), 4),
                 "cer_repaired": round(cer(r["repaired"], r["truth"]), 4), "cpu": r["cpu"]}
                for r in results
            ],
        })
    rows.sort(key=lambda r: (r["cer_repaired"], r["cpu_per_page"]))
    return {
        "pages": [p.label for p in pages],
        "workers": workers,
        "wall": pool.wall,
        "settings": rows,
        "not_installed": [s.label for s in skipped],
    }
