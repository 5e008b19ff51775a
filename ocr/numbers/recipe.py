"""The training recipe of the number model (`make model`); every step resumes where it stopped.

    python -m ocr.numbers.recipe data      # renders: training pages, dev list, held-out sets
    python -m ocr.numbers.recipe lstmf     # Tesseract's lstm.train on each 100-line page file
    python -m ocr.numbers.recipe starter   # unicharset + combine_lang_model --pass_through_recoder
    python -m ocr.numbers.recipe train     # lstmtraining from scratch (or from its checkpoint)
    python -m ocr.numbers.recipe finish    # best checkpoint -> ocr/numbers/thnum.traineddata
    python -m ocr.numbers.recipe all       # all of the above in order

Everything but the final model goes to `ocr/numbers/work/` (git-ignored). `train` with
`--minutes N` stops itself after N minutes of wall time; run it again to continue from the
checkpoint (lstmtraining restores `<model_output>_checkpoint` by itself).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

from PIL import Image

from ocr.numbers import synth

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
WORK = HERE / "work"
MODEL_NAME = "thnum"
MODEL = HERE / f"{MODEL_NAME}.traineddata"
LINES_PER_FILE = 100  # lstm.train is quadratic in the pages of a multipage TIFF: keep files small
TRAIN_LINES = 80_000
DEV_LINES = 200
HELDOUT_LINES = 300
# About 370k weights (issue 13); the output layer's size is the unicharset's.
NET = "[1,36,0,1 Ct3,3,16 Mp3,3 Lfys48 Lfx96 Lrx96 Lfx192 O1c{n}]"
LEARNING_RATE = 0.002  # tesstrain's rate when training from scratch

# name -> (faces, degradations, seed); the held-out sets never share a face or damage with training
SETS = {
    "dev": (synth.TRAIN_FACES, synth.DEGRADATIONS, 101),
    "heldout-fonts": (synth.HELDOUT_FACES, synth.DEGRADATIONS, 202),
    "heldout-fax": (synth.TRAIN_FACES, (synth.HELDOUT_DEGRADATION,), 303),
    "heldout-fonts-fax": (synth.HELDOUT_FACES, (synth.HELDOUT_DEGRADATION,), 404),
}


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def write_pages(path: Path, samples: list[synth.Sample]) -> None:
    """A multipage TIFF, its WordStr box file (one line per page) and the truth as JSON lines."""
    images = [s.image for s in samples]
    images[0].save(path.with_suffix(".tif"), save_all=True, append_images=images[1:],
                   compression="tiff_lzw", dpi=(300, 300))
    boxes = []
    for page, s in enumerate(samples):
        w, h = s.image.size
        boxes.append(f"WordStr 0 0 {w} {h} {page} #{s.text}\n\t {w} {h} {w + 1} {h + 1} {page}\n")
    path.with_suffix(".box").write_text("".join(boxes), encoding="utf-8")
    path.with_suffix(".jsonl").write_text(
        "".join(json.dumps({"text": s.text, "face": s.face, "font": s.font_file,
                            "degradation": s.degradation}, ensure_ascii=False) + "\n"
                for s in samples), encoding="utf-8")


def step_data(train_lines: int = TRAIN_LINES) -> None:
    (WORK / "train").mkdir(parents=True, exist_ok=True)
    (WORK / "sets").mkdir(parents=True, exist_ok=True)
    for name, (faces, degradations, seed) in SETS.items():
        out = WORK / "sets" / name
        if out.with_suffix(".box").exists():
            continue
        rng = random.Random(seed)
        n = DEV_LINES if name == "dev" else HELDOUT_LINES
        write_pages(out, [synth.sample(rng, faces, degradations) for _ in range(n)])
        log.info("set %s: %d lines", name, n)
    for i in range(train_lines // LINES_PER_FILE):
        out = WORK / "train" / f"p{i:04d}"
        if out.with_suffix(".box").exists():
            continue
        rng = random.Random(10_000 + i)  # one seed per file: a resumed run writes the same data
        write_pages(out, [synth.sample(rng, synth.TRAIN_FACES, synth.DEGRADATIONS)
                          for _ in range(LINES_PER_FILE)])
        if i % 20 == 0:
            log.info("train page file %d", i)


def _lstmf(tif: Path) -> Path:
    out = tif.with_suffix(".lstmf")
    if not out.exists():
        subprocess.run(["tesseract", str(tif), str(tif.with_suffix("")), "--psm", "13",
                        "lstm.train"], check=True, capture_output=True, env=_env())
    return out


def step_lstmf() -> None:
    train = [_lstmf(t) for t in sorted((WORK / "train").glob("p*.tif"))]
    (WORK / "list.train").write_text("".join(f"{p}\n" for p in train if p.exists()))
    dev = _lstmf(WORK / "sets" / "dev.tif")
    (WORK / "list.eval").write_text(f"{dev}\n")
    log.info("lstmf: %d training files", len(train))


def step_starter() -> None:
    """The unicharset of the truth text, and a starter traineddata that passes codes through."""
    texts = [json.loads(line)["text"] for f in sorted((WORK / "train").glob("p*.jsonl"))
             for line in f.read_text(encoding="utf-8").splitlines()]
    corpus = WORK / "all.gt.txt"
    corpus.write_text("\n".join(texts) + "\n", encoding="utf-8")
    subprocess.run(["unicharset_extractor", "--output_unicharset", str(WORK / "unicharset"),
                    "--norm_mode", "1", str(corpus)], check=True, capture_output=True)
    (WORK / "langdata").mkdir(exist_ok=True)
    (WORK / MODEL_NAME).mkdir(exist_ok=True)
    # combine_lang_model insists on reading a radical table even when the pass-through recoder
    # never uses it (it is for Han scripts): one well-formed line is enough.
    (WORK / "langdata" / "radical-stroke.txt").write_text("19968 1\n")
    subprocess.run(["combine_lang_model", "--input_unicharset", str(WORK / "unicharset"),
                    "--script_dir", str(WORK / "langdata"), "--output_dir", str(WORK),
                    "--lang", MODEL_NAME, "--pass_through_recoder"],
                   check=True, capture_output=True)


def unicharset_size() -> int:
    return int((WORK / "unicharset").read_text(encoding="utf-8").split("\n", 1)[0])


def _train_cmd(max_iterations: int) -> list[str]:
    (WORK / "ckpt").mkdir(exist_ok=True)
    return ["lstmtraining", "--debug_interval", "0",
            "--traineddata", str(WORK / MODEL_NAME / f"{MODEL_NAME}.traineddata"),
            "--net_spec", NET.format(n=unicharset_size()),
            "--model_output", str(WORK / "ckpt" / MODEL_NAME),
            "--learning_rate", str(LEARNING_RATE),
            "--train_listfile", str(WORK / "list.train"),
            "--eval_listfile", str(WORK / "list.eval"),
            "--max_iterations", str(max_iterations), "--target_error_rate", "0.002"]


def step_train(minutes: float, max_iterations: int) -> None:
    """Run lstmtraining (niced, one thread) for at most `minutes`; it resumes its checkpoint."""
    cmd = ["nice", "-n", "19", *_train_cmd(max_iterations)]
    log.info("%s", " ".join(cmd))
    with open(WORK / "train.log", "a", encoding="utf-8") as logf:
        proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, env=_env())
        try:
            proc.wait(timeout=minutes * 60)
        except subprocess.TimeoutExpired:
            # SIGINT is not handled specially by lstmtraining; its checkpoint is written every
            # --save_best / iteration interval, so at most the last 100 iterations are lost.
            proc.send_signal(signal.SIGTERM)
            proc.wait()


_BEST = re.compile(rf"{MODEL_NAME}_(\d+\.\d+)_(\d+)_(\d+)\.checkpoint$")


def _ranked() -> list[Path]:
    """lstmtraining's best-model checkpoints, lowest training error first (newest on ties)."""
    ranked = []
    for p in (WORK / "ckpt").glob("*.checkpoint"):
        if m := _BEST.search(p.name):
            ranked.append((float(m.group(1)), -int(m.group(3)), p))
    return [p for _, _, p in sorted(ranked)]


def prune(keep: int = 3) -> None:
    """Delete all but the `keep` best of lstmtraining's best-model checkpoints (12 MB each)."""
    for path in _ranked()[keep:]:
        path.unlink()


def convert(checkpoint: Path, output: Path, to_int: bool = True) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    cmd = ["lstmtraining", "--stop_training", "--continue_from", str(checkpoint),
           "--traineddata", str(WORK / MODEL_NAME / f"{MODEL_NAME}.traineddata"),
           "--model_output", str(output)]
    if to_int:
        cmd.append("--convert_to_int")
    subprocess.run(cmd, check=True, capture_output=True)
    return output


def dev_exact(model: Path) -> float:
    """Exact-line accuracy of a model on the dev set (training faces and damage, unseen lines):
    the selection set. The held-out sets are for the final measure only."""
    from ocr.numbers.evaluate import load_set, read_set, score

    tif, rows = load_set("dev")
    read = read_set(tif, MODEL_NAME, model.parent, len(rows))
    return score([r["text"] for r in rows], read).exact


def step_finish(checkpoint: Path | None = None, to_int: bool = True) -> Path:
    """The final model: the given checkpoint, or whichever of the latest checkpoint and the
    best two saved reads the dev set best."""
    prune()
    candidates = [checkpoint] if checkpoint else [WORK / "ckpt" / f"{MODEL_NAME}_checkpoint",
                                                  *_ranked()[:2]]
    best, best_exact = candidates[0], -1.0
    if len(candidates) > 1:
        for cand in candidates:
            out = convert(cand, WORK / "select" / cand.stem / f"{MODEL_NAME}.traineddata", to_int)
            exact = dev_exact(out)
            log.info("%s: dev exact %.4f", cand.name, exact)
            if exact > best_exact:
                best, best_exact = cand, exact
    convert(best, MODEL, to_int)
    (WORK / "chosen.txt").write_text(f"{best}\n")
    log.info("%s from %s (%d kB)", MODEL, best.name, MODEL.stat().st_size // 1024)
    return MODEL


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    ap = argparse.ArgumentParser(prog="python -m ocr.numbers.recipe")
    ap.add_argument("step", choices=("data", "lstmf", "starter", "train", "finish", "all"))
    ap.add_argument("--lines", type=int, default=TRAIN_LINES)
    ap.add_argument("--minutes", type=float, default=120.0)
    ap.add_argument("--max-iterations", type=int, default=200_000)
    ap.add_argument("--checkpoint", type=Path)
    ap.add_argument("--float", action="store_true", help="keep the float model (no int conversion)")
    args = ap.parse_args(argv)
    t0 = time.time()
    if args.step in ("data", "all"):
        step_data(args.lines)
    if args.step in ("lstmf", "all"):
        step_lstmf()
    if args.step in ("starter", "all"):
        step_starter()
    if args.step in ("train", "all"):
        step_train(args.minutes, args.max_iterations)
    if args.step in ("finish", "all"):
        step_finish(args.checkpoint, to_int=not args.float)
    log.info("%s done in %.0f s", args.step, time.time() - t0)
    if shutil.which("tesseract") is None:
        log.warning("tesseract not on PATH")


if __name__ == "__main__":
    Image.init()
    main()
