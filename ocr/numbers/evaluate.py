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

from PIL import Image
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

    from PIL import Image

    from ocr.numbers.crops import _normalise, _trim
    from ocr.numbers.reread import page_reader, stack_reader

    src = Image.open(tif)
    crops = []
    for i in range(n):
        src.seek(i)
        crops.append(_trim(_normalise(src.convert("L")), None))
    reader = stack_reader() if stacked else page_reader()
    read, seconds, calls = [], 0.0, 0
    for start in range(0, n, per_call):
        before = _cpu()
        read.extend(norm(r.text) for r in reader(crops[start:start + per_call]))
        seconds += _cpu() - before
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


# ---------------------------------------------------------------- the re-read on document lines
THAI_WORDS = ("ข้อ", "ภายในวันที่", "ธันวาคม", "พ.ศ.", "คำสั่งที่", "ลงวันที่", "โทร", "จำนวน",
              "ราย", "ผู้รับผิดชอบ", "นาย", "นางสาว", "เวลา", "น.", "บาท", "หน้า", "ตามข้อ",
              "มกราคม", "ผู้กำกับดูแล", "ศูนย์ราชการสะดวก")


def _cpu() -> float:
    import resource

    # This process and its children: the engine runs in-process where libtesseract loads,
    # else as a `tesseract` child process.
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def render_page(lines: list[list[str]], face: str, degradation: str, rng: random.Random,
                ) -> tuple[Image.Image, list[tuple[str, tuple[int, int, int, int]]]]:
    """A 300-dpi page of 16-pt lines, damaged as a whole; each token with its ink box."""
    from PIL import ImageDraw

    font = synth._font(rng.choice(synth.face_files(face)), 66)
    width = 120 + max(sum(int(font.getlength(t)) + 40 for t in line) for line in lines)
    img = Image.new("L", (width, 120 + 130 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    tokens = []
    for row, line in enumerate(lines):
        x, y = 60, 60 + 130 * row
        for t in line:
            draw.text((x, y), t, font=font, fill=20)
            left, top, right, bottom = draw.textbbox((x, y), t, font=font)
            tokens.append((t, (left, top, right - left, bottom - top)))
            x = right + int(font.getlength(" ")) + 12
    return synth.degrade(img, degradation, rng), tokens


def thai_words(img: Image.Image, boxes: list[tuple[int, int, int, int]], lang: str = "Thai",
               psm: int = 6) -> list:
    """The stock model's reading of each box: its tsv glyph clusters centred in the box.

    Stands in for the layout's word boxes (built from the same tsv) until they exist.
    """
    from ocr.numbers.reread import Word

    tsv = run_tesseract(img, lang=lang, tessdata_dir=None, psm=psm, renderings=("tsv",))["tsv"]
    clusters = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) == 12 and cols[0] == "5" and cols[11].strip():
            left, top, w, h = map(int, cols[6:10])
            clusters.append((left + w / 2, top + h / 2, left, cols[11].strip()))
    words = []
    for left, top, w, h in boxes:
        inside = sorted((cl, t) for cx, cy, cl, t in clusters
                        if left - 4 <= cx <= left + w + 4 and top - 4 <= cy <= top + h + 4)
        words.append(Word(left, top, w, h, "".join(t for _, t in inside)))
    return words


def document_lines(pages: int = 24, per_page: int = 8, seed: int = 606) -> dict:
    """Numbers inside Thai text lines, in the held-out faces, each damage; Thai model first,
    then the re-read. Counts numbers (tokens with a digit) read exactly before and after."""
    from ocr.numbers.reread import reread_page

    rng = random.Random(seed)
    kinds = ("scan", "copy", "bw", synth.HELDOUT_DEGRADATION)
    tally: dict[str, Counter] = defaultdict(Counter)
    for p in range(pages):
        face, kind = synth.HELDOUT_FACES[p % 2], kinds[(p // 2) % len(kinds)]
        lines = []
        for _ in range(per_page):
            line = []
            for _ in range(rng.randint(3, 6)):
                line.append(rng.choice(THAI_WORDS) if rng.random() < 0.5
                            else synth.number_text(rng).replace(" ", ""))
            lines.append(line)
        img, tokens = render_page(lines, face, kind, rng)
        t0 = _cpu()
        words = thai_words(img, [b for _, b in tokens])
        t1 = _cpu()
        fixes = {f.index: f for f in reread_page(img, words)}
        t2 = _cpu()
        tally["cpu"]["thai_ocr"] += t1 - t0
        tally["cpu"]["reread"] += t2 - t1
        tally["cpu"]["crops"] += len(fixes)
        tally["cpu"]["pages"] += 1
        for i, (truth, _) in enumerate(tokens):
            if not any(c.isdigit() for c in truth):
                tally["thai words"]["n"] += 1
                tally["thai words"]["changed"] += i in fixes and fixes[i].changed
                continue
            after = fixes[i].text if i in fixes else words[i].text
            groups = ["numbers", f"deg:{kind}"]
            if any(c in synth.THAI_DIGITS for c in truth):
                groups.append("thai-digit numbers")
                if RARE & set(truth):
                    groups.append("with ๔๖๗๘๙")
            else:
                groups.append("arabic numbers")
            for g in groups:
                tally[g]["n"] += 1
                tally[g]["before"] += words[i].text == truth
                tally[g]["after"] += after == truth
                tally[g]["broken"] += words[i].text == truth and after != truth
        log.info("page %d (%s, %s) done", p, face, kind)
    cpu = tally.pop("cpu")
    timing = {"pages": cpu["pages"], "crops_per_page": round(cpu["crops"] / cpu["pages"], 1),
              "thai_ocr_cpu_s_per_page": round(cpu["thai_ocr"] / cpu["pages"], 3),
              "reread_cpu_s_per_page": round(cpu["reread"] / cpu["pages"], 3)}
    scores = {g: {"n": c["n"], "exact_before": round(c["before"] / max(1, c["n"]), 4),
                  "exact_after": round(c["after"] / max(1, c["n"]), 4), "broken": c["broken"],
                  **({"changed": c["changed"]} if "changed" in c else {})}
              for g, c in sorted(tally.items())}
    return {"timing": timing} | scores


def measure_confusions(pages: int = 30, per_page: int = 8, seed: int = 505) -> dict:
    """What the stock models write for each digit and punctuation mark of numbers printed in
    Thai text lines (training faces, training damage; the page read with psm 6, as the
    pipeline reads pages). Never measured on the held-out faces the evaluation uses."""
    rng = random.Random(seed)
    pages_ = []
    for p in range(pages):
        lines = []
        for _ in range(per_page):
            line = []
            for _ in range(rng.randint(3, 6)):
                if rng.random() < 0.4:
                    line.append(rng.choice(THAI_WORDS))
                elif rng.random() < 0.5:  # every digit equally often
                    line.append("".join(rng.choice(synth.THAI_DIGITS)
                                        for _ in range(rng.randint(1, 5))))
                else:
                    line.append(synth.to_thai(synth.number_text(rng)).replace(" ", ""))
            lines.append(line)
        face = synth.TRAIN_FACES[p % len(synth.TRAIN_FACES)]
        kind = synth.DEGRADATIONS[p % len(synth.DEGRADATIONS)]
        pages_.append(render_page(lines, face, kind, rng))
    out: dict = {"about": "what the stock Thai models write for each character of Thai-digit "
                 "numbers inside rendered Thai text lines (training faces and damage, page read "
                 "with psm 6); counts per truth character, '' = dropped",
                 "models": {}}
    for label in ("script/Thai", "tha"):
        truth, read = [], []
        for img, tokens in pages_:
            words = thai_words(img, [b for _, b in tokens], lang=MODELS[label][0])
            for (t, _), w in zip(tokens, words, strict=True):
                if any(c in synth.THAI_DIGITS for c in t):
                    truth.append(t)
                    read.append(w.text)
        table = confusions(truth, read)
        out["models"][label] = {c: dict(table[c].most_common())
                                for c in synth.THAI_DIGITS + synth.PUNCT if c in table}
        log.info("confusions of %s from %d numbers", label, len(truth))
    return out


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    ap = argparse.ArgumentParser(prog="python -m ocr.numbers.evaluate")
    ap.add_argument("--confusions", action="store_true")
    ap.add_argument("--document-lines", action="store_true",
                    help="measure the re-read on numbers inside rendered Thai text lines")
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
    if args.document_lines:
        report = document_lines()
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")
        log.info("%s", json.dumps(report, ensure_ascii=False))
        return
    report = evaluate(args.sets, args.models, args.stacked)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log.info("wrote %s", args.out)


if __name__ == "__main__":
    main()
