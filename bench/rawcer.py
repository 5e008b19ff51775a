"""Page CER of table pages: the pipeline's reading against the bare engine's, same pages.

    python -m bench.rawcer RUN_OUT [--split validation] [--workers 2] [--json FILE]

RUN_OUT is the output folder of a `circulars run` (or of `circulars bench --only families`)
over a split's table families. For every scanned file of those families (scan, copy, fax,
photo) the pages that print items (the truth's `items[].page`: the table pages) are rendered
as a user of the bare engine would (pdftoppm, grey, at the pipeline's dpi) and read by
`tesseract <page> stdout -l <lang> --psm <psm>`; both readings are scored against the truth's
page text in the table's reading order (whitespace ignored). Issue 11 asks the pipeline's
CER of these pages to be at most half of the bare engine's.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.accuracy import corpus_cer, output_folders
from bench.families import FamilyFile, family_files

log = logging.getLogger(__name__)

TABLE_FAMILIES = ("ruled", "norules", "multiname")
SCANNED = ("scan", "copy", "fax", "photo")


def table_pages(truth: dict[str, Any]) -> list[int]:
    """1-based numbers of the pages that print items (the assignment table's pages)."""
    return sorted({int(it["page"]) for it in truth["items"]})


def bare_reading(pdf: Path, page: int, dpi: int, lang: str, psm: int, tmp: Path) -> str:
    """What the bare engine writes for one page (1-based), rendered as a user would."""
    prefix = tmp / f"p{page}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", "-f", str(page), "-l",
                    str(page), str(pdf), str(prefix)], check=True)
    done = subprocess.run(["tesseract", f"{prefix}.pgm", "stdout", "-l", lang, "--psm", str(psm)],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return done.stdout


def score_file(f: FamilyFile, folder: Path | None, dpi: int, lang: str, psm: int,
               pool: ThreadPoolExecutor, max_pages: int | None = None) -> dict[str, Any] | None:
    """Edits and lengths of one file's table pages (the first `max_pages` of them), bare engine
    and pipeline."""
    truth = json.loads(f.truth.read_text("utf-8"))
    if folder is None or not (folder / "pages.json").exists():
        log.warning("%s: no pipeline output in the run folder; skipped", f.path.name)
        return None
    numbers = [n for n in table_pages(truth) if n <= len(truth["pages"])][:max_pages]
    want = [truth["pages"][n - 1] for n in numbers]
    ours = json.loads((folder / "pages.json").read_text("utf-8"))["pages"]
    mine = [ours[n - 1]["text"] if n <= len(ours) else "" for n in numbers]
    with tempfile.TemporaryDirectory(prefix="rawcer-") as tmp:
        bare = list(pool.map(lambda n: bare_reading(f.path, n, dpi, lang, psm, Path(tmp)),
                             numbers))
    return {"file": f.path.name, "family": f.family, "form": f.form, "pages": len(numbers),
            "bare_cer": round(corpus_cer(bare, want), 4),
            "pipeline_cer": round(corpus_cer(mine, want), 4),
            "truth_chars": sum(len("".join(t.split())) for t in want)}


def pooled(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per `family/form` (and `all`): CERs weighted by the truth's characters, and their
    ratio (pipeline over bare engine)."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        for key in (f"{r['family']}/{r['form']}", f"all/{r['form']}", "all/all"):
            groups[key].append(r)
    out = {}
    for key, rs in sorted(groups.items()):
        chars = sum(r["truth_chars"] for r in rs) or 1
        bare = sum(r["bare_cer"] * r["truth_chars"] for r in rs) / chars
        mine = sum(r["pipeline_cer"] * r["truth_chars"] for r in rs) / chars
        out[key] = {"files": len(rs), "pages": sum(r["pages"] for r in rs),
                    "bare_cer": round(bare, 4), "pipeline_cer": round(mine, 4),
                    "ratio": round(mine / bare, 3) if bare else None}
    return out


def markdown(table: dict[str, dict[str, Any]]) -> str:
    lines = ["| family / form | files | table pages | bare `tesseract` CER | pipeline CER | "
             "ratio |", "|---|---|---|---|---|---|"]
    for key, v in table.items():
        lines.append(f"| {key} | {v['files']} | {v['pages']} | {v['bare_cer']:.3f} | "
                     f"{v['pipeline_cer']:.3f} | {v['ratio']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = argparse.ArgumentParser(prog="python -m bench.rawcer", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("run", type=Path, help="output folder of a run over the split's files")
    ap.add_argument("--samples", type=Path, default=Path("samples"))
    ap.add_argument("--split", default="validation", choices=("dev", "validation"))
    ap.add_argument("--lang", default="Thai")
    ap.add_argument("--psm", type=int, default=6)
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path, help="write the rows and the pooled table here")
    args = ap.parse_args(argv)
    files, _ = family_files(args.samples, args.split, TABLE_FAMILIES, SCANNED)
    folders = output_folders(args.run)
    rows = []
    with ThreadPoolExecutor(args.workers) as pool:
        for f in files:
            row = score_file(f, folders.get(f.path.resolve()), args.dpi, args.lang, args.psm,
                             pool)
            if row:
                rows.append(row)
                log.info("%s: bare %.3f, pipeline %.3f", row["file"], row["bare_cer"],
                         row["pipeline_cer"])
    table = pooled(rows)
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "pooled": table}, ensure_ascii=False,
                                        indent=1), "utf-8")
    print(markdown(table))


if __name__ == "__main__":
    main()
