"""What the re-read of numbers costs against the Thai model's run over a page (CPU seconds).

    python -m ocr.numbers.cost FILE.pdf[:PAGE] ...

CPU time, not wall time: the machine is shared. The page OCR is the engine run of
`tesseract.recognise_words`; the re-read is everything `page.reread_numbers` does (crops, the
number model's engine call, the decision), both on the same page image.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import time
from pathlib import Path

from ocr import pdf, scan, tesseract
from ocr.numbers.page import reread_numbers
from ocr.tesseract import OcrSettings

log = logging.getLogger(__name__)


def _cpu() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def page_cost(path: Path, index: int, settings: OcrSettings) -> dict[str, float | int]:
    image = pdf.render_page(path, index, settings.dpi)
    geometry = scan.analyse(image)
    source = geometry.image if geometry.tables else image
    s0, k0 = _cpu()
    result, words = tesseract.recognise_words(source, settings)
    s1, k1 = _cpu()
    _, fixed = reread_numbers(source, result, words, settings, geometry.tables)
    s2, k2 = _cpu()
    ocr = (s1 - s0) + (k1 - k0)
    reread = (s2 - s1) + (k2 - k1)
    return {"ocr_cpu": round(ocr, 3), "reread_cpu": round(reread, 3),
            "share": round(reread / ocr, 3) if ocr else 0.0,
            "words_reread": sum(1 for w in fixed if w.original)}


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = argparse.ArgumentParser(prog="python -m ocr.numbers.cost")
    ap.add_argument("pages", nargs="+", help="FILE.pdf or FILE.pdf:PAGE (1-based)")
    args = ap.parse_args(argv)
    settings = OcrSettings()
    total = {"ocr_cpu": 0.0, "reread_cpu": 0.0, "words_reread": 0}
    start = time.time()
    for spec in args.pages:
        path, _, page = spec.partition(":")
        row = page_cost(Path(path), int(page or 1) - 1, settings)
        print(json.dumps({"page": spec, **row}))
        for k in total:
            total[k] += row[k]
    share = total["reread_cpu"] / total["ocr_cpu"] if total["ocr_cpu"] else 0.0
    print(json.dumps({"pages": len(args.pages), **{k: round(v, 2) for k, v in total.items()},
                      "share": round(share, 3), "wall": round(time.time() - start, 1)}))


if __name__ == "__main__":
    main()
