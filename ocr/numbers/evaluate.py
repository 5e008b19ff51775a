"""Measure a model on a rendered set (multipage TIFF + truth JSON lines), and the Thai model's
confusions of Thai digits (what `tha` / `script/Thai` write for each digit).

    python -m ocr.numbers.evaluate               # every held-out set, thnum vs tha vs Thai
    python -m ocr.numbers.evaluate --confusions  # writes ocr/numbers/confusions.json

Each set is read in one engine call per model (psm 7: one line a page), as crops are.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from ocr.numbers import synth
from ocr.numbers.engine import HERE, MODEL_NAME, run_tesseract

log = logging.getLogger(__name__)

WORK = HERE / "work"
CONFUSIONS = HERE / "confusions.json"
RARE = frozenset("๔๖๗๘๙")  # the Thai digits the stock models cannot write
MODELS = {  # label -> (lang, tessdata dir); None = the system's tessdata
    MODEL_NAME: (MODEL_NAME, HERE),
    "tha": ("tha", None),
    "script/Thai": ("Thai", None),
}


@dataclass(frozen=True)
class Score:
    lines: int
    exact: float  # share of lines read exactly (spaces collapsed)
    cer: float  # character edit distance / truth length, spaces collapsed


def norm(text: str) -> str:
    return " ".join(text.split())


def read_set(tif: Path, lang: str, tessdata: Path | None, n: int) -> list[str]:
    """The text of each page of a multipage TIFF, in one engine call (pages end in form feeds)."""
    out = run_tesseract(tif, lang=lang, tessdata_dir=tessdata, psm=7, timeout=1800)["txt"]
    pages = out.split("\f")
    return [norm(p) for p in (pages + [""] * n)[:n]]


def read_as_reread(tif: Path, n: int, stacked: bool, per_call: int = 40
                   ) -> tuple[list[str], float]:
    """The pages read as the re-read step reads a page's words: crops normalised as `crop`
    does, `per_call` crops in one engine call (as pages of a TIFF, or stacked in one image).

    Returns the readings and the mean CPU seconds of the engine per call (wall time means
    little on a machine shared with other jobs).
    """
    import resource

    from PIL import Image

    from ocr.numbers.reread import _normalise, page_reader, stack_reader

    src = Image.open(tif)
    crops = []
    for i in range(n):
        src.seek(i)
        crops.append(_normalise(src.convert("L")))
    reader = stack_reader() if stacked else page_reader()
    read, seconds, calls = [], 0.0, 0
    for start in range(0, n, per_call):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        read.extend(norm(r) for r in reader(crops[start:start + per_call]))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds += (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        calls += 1
    return read, seconds / max(1, calls)


def score(truth: list[str], read: list[str]) -> Score:
    exact = sum(norm(t) == r for t, r in zip(truth, read, strict=True))
    dist = sum(Levenshtein.distance(norm(t), r) for t, r in zip(truth, read, strict=True))
    chars = sum(len(norm(t)) for t in truth)
    return Score(len(truth), round(exact / len(truth), 4), round(dist / max(1, chars), 4))


def load_set(name: str) -> tuple[Path, list[dict]]:
    base = WORK / "sets" / name
    rows = [json.loads(line) for line in base.with_suffix(".jsonl").read_text("utf-8").splitlines()]
    return base.with_suffix(".tif"), rows


def breakdown(rows: list[dict], read: list[str]) -> dict[str, Score]:
    """Scores by subset: Thai-digit lines, lines with ๔๖๗๘๙, Arabic lines, each degradation."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        t = row["text"]
        groups["all"].append(i)
        if any(c in synth.THAI_DIGITS for c in t) and not any(c in synth.ARABIC_DIGITS for c in t):
            groups["thai"].append(i)
            if RARE & set(t):
                groups["thai-rare"].append(i)
        if not any(c in synth.THAI_DIGITS for c in t):
            groups["arabic"].append(i)
        groups[f"deg:{row['degradation']}"].append(i)
        groups[f"face:{row['face']}"].append(i)
    return {k: score([rows[i]["text"] for i in ix], [read[i] for i in ix])
            for k, ix in sorted(groups.items())}


def evaluate(sets: list[str], models: list[str], stacked: bool = False) -> dict:
    report: dict = {}
    for name in sets:
        tif, rows = load_set(name)
        if stacked:
            for mode in ("pages", "stack"):
                read, seconds = read_as_reread(tif, len(rows), stacked=mode == "stack")
                key = f"{name} / {MODEL_NAME} re-read {mode} (40 crops a call)"
                report[key] = {k: vars(v) for k, v in breakdown(rows, read).items()}
                report[key]["cpu_seconds_per_call"] = round(seconds, 3)
                log.info("%s: %s, %.2f CPU s a call", key, report[key]["all"], seconds)
        for label in models:
            lang, tessdata = MODELS[label]
            read = read_set(tif, lang, tessdata, len(rows))
            report[f"{name} / {label}"] = {k: vars(v) for k, v in breakdown(rows, read).items()}
            log.info("%s / %s: %s", name, label, report[f"{name} / {label}"]["all"])
    return report


# ---------------------------------------------------------------- confusions of the Thai model
def confusion_set(n: int = 1000, seed: int = 505) -> Path:
    """Thai-digit strings (every digit equally often) in the training faces, all degradations."""
    base = WORK / "sets" / "confusion"
    if not base.with_suffix(".tif").exists():
        from ocr.numbers.recipe import write_pages

        rng = random.Random(seed)
        samples = []
        for _ in range(n):
            text = "".join(rng.choice(synth.THAI_DIGITS) for _ in range(rng.randint(1, 5)))
            if rng.random() < 0.4:
                text = text[:1] + "." + text[1:] if len(text) > 1 else f"({text})"
            samples.append(synth.sample(rng, synth.TRAIN_FACES, synth.DEGRADATIONS, text=text))
        write_pages(base, samples)
    return base


def confusions(truth: list[str], read: list[str]) -> dict[str, Counter]:
    """For each truth character, what the reading has at its place (aligned by edit distance).

    A truth character the reading replaced counts its replacement; one it dropped counts "".
    """
    table: dict[str, Counter] = defaultdict(Counter)
    for t, r in zip(truth, read, strict=True):
        t, r = t.replace(" ", ""), r.replace(" ", "")
        for op in Levenshtein.opcodes(t, r):
            src, dst = t[op.src_start:op.src_end], r[op.dest_start:op.dest_end]
            if op.tag in ("equal", "replace") and len(src) == len(dst):
                for a, b in zip(src, dst, strict=True):
                    table[a][b] += 1
            elif op.tag == "replace" and len(src) == 1:
                table[src][dst] += 1
            elif op.tag == "delete":
                for a in src:
                    table[a][""] += 1
    return table


def measure_confusions() -> dict:
    tif, rows = load_set(confusion_set().name)
    out: dict = {"about": "what the stock Thai models write for each Thai digit, measured on "
                 "renders of Thai-digit strings (training faces and degradations), psm 7; "
                 "counts per truth digit", "models": {}}
    for label in ("script/Thai", "tha"):
        lang, tessdata = MODELS[label]
        read = read_set(tif, lang, tessdata, len(rows))
        table = confusions([r["text"] for r in rows], read)
        out["models"][label] = {d: dict(table[d].most_common()) for d in synth.THAI_DIGITS}
    return out


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    ap = argparse.ArgumentParser(prog="python -m ocr.numbers.evaluate")
    ap.add_argument("--confusions", action="store_true")
    ap.add_argument("--sets", nargs="*", default=["heldout-fonts", "heldout-fax",
                                                  "heldout-fonts-fax", "dev"])
    ap.add_argument("--models", nargs="*", default=list(MODELS))
    ap.add_argument("--stacked", action="store_true", help="also read as the re-read step does")
    ap.add_argument("--out", type=Path, default=WORK / "eval.json")
    args = ap.parse_args(argv)
    if args.confusions:
        CONFUSIONS.write_text(json.dumps(measure_confusions(), ensure_ascii=False, indent=1) + "\n",
                              encoding="utf-8")
        log.info("wrote %s", CONFUSIONS)
        return
    report = evaluate(args.sets, args.models, args.stacked)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log.info("wrote %s", args.out)


if __name__ == "__main__":
    main()
