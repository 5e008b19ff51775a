"""Where the pipeline stands against each target of the benchmark issue, in words.

The sentences are written from the measured figures of the run, so they stay true when the
figures change; the causes named are those the run itself measures (startup, per-page time
inside the pipeline, per-stage CPU), and the remedies are the known levers for each.
"""

from __future__ import annotations

from typing import Any


def _target(results: dict[str, Any], key: str) -> dict[str, Any]:
    return next((t for t in results["targets"] if t["target"] == key), {})


def _status(t: dict[str, Any]) -> str:
    if t.get("met") is None:
        return "Not measured"
    return "Met" if t["met"] else f"Missed ({t['gap']})"


def _median(d: dict[str, Any] | None, key: str) -> float | None:
    return ((d or {}).get(key) or {}).get("median")


def notes(results: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        _overhead(results),
        _ocrmypdf(results),
        _text(results),
        _warm(results),
        _memory(results),
        _cer(results),
        _defaults(results),
    ]


def _overhead(r: dict[str, Any]) -> tuple[str, str]:
    t = _target(r, "overhead")
    sp = r.get("speed", {})
    title = "Overhead over raw Tesseract (target ≤ 15% cold, equal parallelism)"
    if t.get("met") is None:
        return title, "Not measured (no speed files)."
    ratio = t["measured"]
    parts = [
        f"{_status(t)}: `circulars run` cold takes {ratio:.2f} × the bare engine on the same "
        f"{sp['pages']} pages with {sp['workers']} workers (median of run-by-run ratios; "
        f"CPU ratio {_median(sp['ratios'], 'cold_over_raw_cpu') or 0:.2f})."
    ]
    mem = r.get("memory", {})
    if "cold_over_raw" in mem:
        parts.append(f"On the {mem['pages']}-page scan the ratio is {mem['cold_over_raw']:.2f} "
                     "(one run), so the fixed cost of a run fades with batch size.")
    one = sp.get("workers_1") or {}
    if one.get("cold_over_raw"):
        parts.append(f"With one worker it is {_median(one, 'cold_over_raw'):.2f}.")
    startup = _median(sp, "startup")
    page_in = sp.get("pipeline_page_seconds_mean")
    page_raw = sp.get("raw_page_seconds_mean")
    tsv = _median(sp.get("ratios"), "raw_tsv_over_raw")
    with_tsv = _median(sp.get("ratios"), "cold_over_raw_tsv")
    fit = (sp.get("fit") or {}).get("pipeline")
    fit_raw = (sp.get("fit") or {}).get("raw")
    why = []
    if tsv and with_tsv:
        why.append(f"the pipeline needs the engine's text and its word table (confidences, "
                   f"word and line boxes); the bare command asked for both takes {tsv:.2f} × "
                   f"its text-only time, the pipeline's in-process engine walks the table "
                   f"through the result iterator for less; against the command writing both, "
                   f"the pipeline is at {with_tsv:.2f}")
    if startup:
        why.append(f"starting Python and importing the CLI costs {startup:.2f} s per run")
    if page_in and page_raw:
        render = sp.get("render_seconds_per_page")
        why.append(f"a page inside the pipeline takes {page_in:.2f} s against {page_raw:.2f} s "
                   "for the bare engine on a pre-rendered image"
                   + (f" (rendering is cheap: {render:.2f} s a page with pdftoppm)"
                      if render else ""))
    if fit and fit_raw:
        counts = (sp.get("fit") or {}).get("pages") or [s["pages"] for s in sp["scaling"]]
        why.append(f"the page-count fit ({', '.join(map(str, counts))} pages) gives the "
                   f"pipeline {fit['fixed']:.1f} s + {fit['per_page']:.2f} s a page against "
                   f"{fit_raw['fixed']:.1f} s + {fit_raw['per_page']:.2f} s for the engine alone: "
                   "the fixed part is the worker pool's start (each worker imports the OCR and "
                   "repair code and loads the Thai word lists), extraction and writing the CSV "
                   "and xlsx tables")
    if why:
        parts.append("Why: " + "; ".join(why) + ".")
    if not t["met"]:
        parts.append(
            "What would close it (the engine already runs in-process, one model load per "
            "worker): page cleaning and geometry (about 0.36 CPU s a page: the dust filter's "
            "connected components, the half-size copies for rule detection); the serial tail "
            "after the last page (the last document's extraction, the batch tables, the report, "
            "whose crops render each page again); start the worker pool while inputs are "
            "hashed and planned, with the OCR and repair modules preloaded in the forkserver; "
            "import the CLI's subcommands lazily; write the xlsx matrix only when asked for."
        )
    return title, " ".join(parts)


def _ocrmypdf(r: dict[str, Any]) -> tuple[str, str]:
    t = _target(r, "ocrmypdf")
    sp = r.get("speed", {})
    title = "Faster than OCRmyPDF (ratio < 1.0)"
    if t.get("met") is None:
        skipped = sp.get("ocrmypdf", {}).get("skipped", "no speed files")
        return title, f"Not measured: {skipped}."
    parts = [f"{_status(t)}: pipeline cold ÷ `ocrmypdf -l tha --jobs {sp['workers']} "
             f"--output-type pdf` = {t['measured']:.2f}."]
    same = _median(sp.get("ratios"), "cold_over_ocrmypdf_same_settings")
    settings = r.get("settings", {})
    if same:
        parts.append(
            f"With OCRmyPDF given the pipeline's own language and psm (`-l {settings.get('lang')} "
            f"--tesseract-pagesegmode {settings.get('psm')}`) the ratio is {same:.2f}: "
            "the first ratio also compares two engine settings (`tha` with automatic page "
            "segmentation costs a different amount per page than the pipeline's default), "
            "the second compares the tools alone."
        )
    parts.append("OCRmyPDF renders each page, runs Tesseract with hOCR output, builds a new "
                 "PDF with a text layer and optimises its images; the pipeline skips the PDF "
                 "but extracts and writes its tables.")
    if not t["met"]:
        parts.append("What would close it: the same levers as the overhead above, the fixed "
                     "cost per run first.")
    return title, " ".join(parts)


def _text(r: dict[str, Any]) -> tuple[str, str]:
    t = _target(r, "text_stages")
    ts = r.get("text_stages", {})
    title = "Text stages ≥ 100 pages per second on one core"
    if t.get("met") is None:
        return title, "Not measured."
    repair = _median(ts, "repair_cpu") or 0.0
    extract = _median(ts, "extract_cpu") or 0.0
    pages = ts.get("pages") or 1
    parts = [f"{_status(t)}: {t['measured']:.0f} pages per second over {pages} pages "
             f"({1000 * (repair + extract) / pages:.0f} ms a page: repair "
             f"{1000 * repair / pages:.0f} ms, extraction and matching "
             f"{1000 * extract / pages:.0f} ms)."]
    docs = sorted(ts.get("per_document", []), key=lambda d: -d["extract_ms_per_page"])
    if docs:
        slow = docs[0]
        parts.append(f"The slowest is `{slow['document']}` at {slow['extract_ms_per_page']:.0f} "
                     "ms a page of extraction: the more numbered lines and names a page has, "
                     "the more catalog comparisons it costs.")
    page = r.get("speed", {}).get("raw_page_seconds_mean")
    if page:
        share = (repair + extract) / pages / page
        parts.append(f"Against {page:.1f} s of OCR per page the text stages are {share:.1%} "
                     "of a page's cost, so OCR is already the only real cost in practice.")
    if not t["met"]:
        parts.append(
            "Why: extraction guesses the edition by scoring every numbered item against every "
            "criterion of every catalog edition with fuzzy string similarity, then matches "
            "each item again, and clusters all name mentions pairwise. What would close it: "
            "score an item only against the criteria whose number is near its own, stop the "
            "edition guess once one edition leads clearly, and cache title similarities per "
            "(text, criterion) across documents."
        )
    return title, " ".join(parts)


def _warm(r: dict[str, Any]) -> tuple[str, str]:
    t = _target(r, "warm")
    sp = r.get("speed", {})
    title = "Warm re-run ≥ 20× faster than cold"
    if t.get("met") is None:
        return title, "Not measured."
    warm = _median(sp.get("pipeline_warm"), "wall")
    startup = _median(sp, "startup")
    parts = [f"{_status(t)}: an unchanged re-run takes {warm:.2f} s against "
             f"{_median(sp.get('pipeline_cold'), 'wall'):.1f} s cold "
             f"({t['measured']:.1f}× faster)."]
    if r.get("code", {}).get("page_code_changed"):
        parts.append("The code that makes a page changed while the benchmark ran, which "
                     "invalidates the page cache by design: this figure may not be valid.")
    mem = r.get("memory", {})
    if mem.get("cold_over_warm"):
        parts.append(f"On the {mem['pages']}-page scan a warm re-run is "
                     f"{mem['cold_over_warm']:.0f}× faster ({mem['warm_wall']:.2f} s).")
    if startup and warm:
        cold = _median(sp.get("pipeline_cold"), "wall") or 0.0
        parts.append(f"Of the warm run, {startup:.2f} s is starting Python and the CLI's "
                     "imports; the rest is hashing the inputs, reading the ledger and "
                     "rebuilding the batch tables. Even with nothing else to do, startup alone "
                     f"caps the ratio at {cold / startup:.0f}× for this {sp['pages']}-page batch.")
    if not t["met"]:
        parts.append(
            "What would close it: the ratio grows with the batch, so it is a small-batch "
            "problem; cut the startup by importing the subcommands and the extraction, scipy "
            "and xlsx code only when used, trust size and modification time before hashing a "
            "file again, and leave unchanged batch tables alone."
        )
    return title, " ".join(parts)


def _memory(r: dict[str, Any]) -> tuple[str, str]:
    t = _target(r, "memory")
    mem = r.get("memory", {})
    title = "Peak memory < 1 GB for a 50-page scan"
    if t.get("met") is None:
        return title, "Not measured."
    parts = [f"{_status(t)}: {t['measured']:.0f} MB peak for all processes of the run together "
             f"on a {mem['pages']}-page scan ({r['workers']} workers), the largest single "
             f"process {mem['largest_process_mb']:.0f} MB."]
    parts.append("Pages are streamed: only a bounded window of pages (two per worker) is in "
                  "flight, each worker renders one page image at a time, and the client keeps "
                  "text, not images. Memory grows with the number of workers (each holds a "
                  "Tesseract instance, a page image and the Thai word lists), not with pages.")
    if not t["met"]:
        parts.append("What would close it: fewer workers, or a lower dpi for large pages.")
    return title, " ".join(parts)


def _cer(r: dict[str, Any]) -> tuple[str, str]:
    t = _target(r, "cer")
    acc = r.get("accuracy", {}).get("summary", {})
    title = "Repaired CER ≤ 0.7 × raw Tesseract CER on the generated scans"
    if t.get("met") is None:
        return title, "Not measured (no scans with truth)."
    parts = [f"{_status(t)}: mean CER of the scans {acc['scan_cer_raw_mean']:.3f} raw, "
             f"{acc['scan_cer_repaired_mean']:.3f} repaired (ratio {t['measured']:.2f})."]
    if "scan_cer_ratio_strict" in acc:
        parts.append(
            f"Compared code point by code point the ratio is {acc['scan_cer_ratio_strict']:.2f} "
            f"({acc['scan_cer_raw_strict_mean']:.3f} → "
            f"{acc['scan_cer_repaired_strict_mean']:.3f}): what the repair fixes (mark order, "
            "SARA AM in two characters, spaced-out words) is mostly what the canonical "
            "comparison already forgives."
        )
    if not t["met"]:
        best = (r.get("matrix", {}).get("settings") or [None])[0]
        parts.append(
            "Why: on the order's table pages most of the error is reading order (Tesseract reads "
            "the table's columns as blocks while the truth reads row by row) and letters "
            "misread or dropped, neither of which a character-level repair can undo."
        )
        if best:
            parts.append(
                f"The settings matter more: in the matrix the best setting "
                f"({best['label']}) has repaired CER {best['cer_repaired']:.3f} on its pages."
            )
        parts.append(
            "What would close it: rebuild table rows from Tesseract's line boxes (the tsv is "
            "already read) before repair, so cells of one row are read together; then a "
            "dictionary-guided correction of misread consonants within words. The target as "
            "written measures the repair alone; the extraction figures above are what the "
            "text is for."
        )
    return title, " ".join(parts)


def _defaults(r: dict[str, Any]) -> tuple[str, str]:
    cand = r.get("candidates", {})
    rec = cand.get("recommended")
    title = "Recommended OCR defaults"
    if not rec:
        return title, "Not measured."
    settings = r.get("settings", {})
    current = next(
        (c for c in cand.get("rows", [])
         if (c["lang"], c["psm"], c["dpi"], c["preprocess"])
         == (settings.get("lang"), settings.get("psm"), settings.get("dpi"),
             settings.get("preprocess"))),
        None,
    )
    best = next(
        (c for c in cand.get("rows", [])
         if (c["lang"], c["psm"], c["dpi"], c["preprocess"])
         == (rec["lang"], rec["psm"], rec["dpi"], rec["preprocess"])),
        None,
    )
    pre = " --preprocess" if rec["preprocess"] else ""
    if rec.get("kept_default"):
        text = (f"`--lang {rec['lang']} --psm {rec['psm']} --dpi {rec['dpi']}{pre}`, the current "
                f"default: mean exact assignment F1 {rec['mean_f1']:.3f} over the "
                f"{rec['scans']} scan(s) it was run on end to end; the best other setting "
                f"reaches {rec['best_mean_f1']:.3f}, within the noise of one order's F1.")
    else:
        text = (f"`--lang {rec['lang']} --psm {rec['psm']} --dpi {rec['dpi']}{pre}`: the best "
                f"mean exact assignment F1 ({rec['mean_f1']:.3f}) over the {rec['scans']} "
                "scan(s) it was run on end to end.")
    per_scan: dict[tuple[str, int, int, bool], list[str]] = {}
    for c in [*cand.get("rows", []), *cand.get("more", [])]:
        key = (c["lang"], c["psm"], c["dpi"], c["preprocess"])
        if c["f1"] is not None:
            per_scan.setdefault(key, []).append(f"{c['document']} {c['f1']:.3f}")
    tried = [(k, v) for k, v in per_scan.items() if len(v) > 1]
    if tried:
        text += " Exact F1 per scan: " + "; ".join(
            f"`--lang {k[0]} --psm {k[1]} --dpi {k[2]}{' --preprocess' if k[3] else ''}`: "
            + ", ".join(v) for k, v in tried
        ) + "."
        if len({k[3] for k, _ in tried}) > 1:
            text += (" Preprocessing (median filter, contrast stretch) helps a grey, noisy "
                     "scan and can hurt a clean 1-bit one, whose thin strokes the median "
                     "filter thins further: a per-page choice (preprocess grey pages only) "
                     "would take the better of both.")
    if current and best and current is not best:
        text += (f" On `{cand['file']}` it gives F1 {best['f1']:.3f} at "
                 f"{best['wall_per_page']:.2f} s a page, against {current['f1']:.3f} at "
                 f"{current['wall_per_page']:.2f} s a page for the current default "
                 f"(`--lang {current['lang']} --psm {current['psm']}`).")
    return title, text
