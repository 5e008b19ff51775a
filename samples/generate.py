"""Generate the synthetic sample documents, their scanned copies and their truth.

    python -m samples.generate                 # everything, into samples/
    python -m samples.generate --out /tmp/s --only circular_dopa --dpi 150
    python -m samples.generate --family ruled --split dev --forms digital,scan
    python -m samples.generate --family list --seed 2 --out /tmp/s --dpi 100

Writes `<out>/docs/` (small inputs, committed), `<out>/generated/` (large scans, git-ignored)
and `<out>/expected/` (truth) for the two classic documents, and
`<out>/generated/families/<split>/<doc>_<form>.pdf` + `<doc>.truth.json` for the layout
families (samples/families/, samples/splits.py). `--only` alone makes only classic documents;
`--family`, `--split` or `--seed` alone only family documents; nothing: everything.
Everything is deterministic: fixed seeds, fixed PDF dates, and SOURCE_DATE_EPOCH for the fonts
WeasyPrint embeds. Documents are made by a pool of `--jobs` processes (default 2).
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import shutil
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from samples import degrade
from samples.circular import render_circular
from samples.content import CIRCULAR_DOPA, ORDER_LAMPANG, CircularDoc, OrderDoc
from samples.degrade import BAD_SCAN, BW_SCAN, SCAN, ScanProfile
from samples.families import IMPLEMENTED
from samples.families.build import Job, make
from samples.naming import VARIANT_SUFFIXES
from samples.order import render_order
from samples.splits import SPLIT_SEEDS
from samples.truth import (
    assignments_csv,
    circular_meta,
    order_meta,
    pages_text,
    write_json,
    write_text,
)
from samples.truthfile import FORMS, SPLITS, doc_name

log = logging.getLogger(__name__)

SAMPLES_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Variant:
    """One input file made from a document: the born-digital PDF or a scanned copy."""

    suffix: str  # appended to the document name: "", "_scan", "_badscan", ...
    container: str  # pdf or tiff
    profile: ScanProfile | None  # None: the born-digital PDF
    committed: bool  # docs/ (small, in git) or generated/ (large, git-ignored)

    def filename(self, name: str) -> str:
        return f"{name}{self.suffix}.{self.container}"

    @property
    def kind(self) -> str:
        return "born-digital" if self.profile is None else f"scan:{self.profile.name}"


ORDER_VARIANTS = (
    Variant("", "pdf", None, True),
    Variant("_bwscan", "pdf", BW_SCAN, True),
    Variant("_scan", "pdf", SCAN, False),  # ~5.5 MB: 10 grey 300-dpi pages of dense text
    Variant("_badscan", "pdf", BAD_SCAN, False),
)
CIRCULAR_VARIANTS = (
    Variant("", "pdf", None, True),
    Variant("_scan", "pdf", SCAN, True),
    Variant("_scan", "tiff", SCAN, True),  # the same scanned pages as a multi-page TIFF
)
DOCUMENTS: dict[str, tuple[OrderDoc | CircularDoc, tuple[Variant, ...]]] = {
    ORDER_LAMPANG.name: (ORDER_LAMPANG, ORDER_VARIANTS),
    CIRCULAR_DOPA.name: (CIRCULAR_DOPA, CIRCULAR_VARIANTS),
}
# Readers find a copy's truth by its suffix (truth_stem), so every suffix must be known there.
assert all(v.suffix in ("", *VARIANT_SUFFIXES) for _, vs in DOCUMENTS.values() for v in vs)


# Small dev-split documents committed under docs/ (their truth under expected/), so that a
# fresh clone has a few family documents before `make samples`: (family, seed) -> forms.
COMMITTED_FAMILY_DOCS: dict[tuple[str, int], tuple[str, ...]] = {
    ("ruled", 1): ("digital", "fax"), ("norules", 3): ("digital",),
    ("multiname", 2): ("digital",), ("list", 2): ("digital",), ("sectionlist", 1): ("digital",),
    ("circular", 1): ("digital",),
}


@dataclass(frozen=True)
class Options:
    out: Path
    only: tuple[str, ...]
    dpi: int | None  # overrides the 300 dpi of the scan profiles (tests use less)
    scans: bool
    families: tuple[str, ...] = ()
    splits: tuple[str, ...] = SPLITS
    seeds: tuple[int, ...] = ()  # family documents of these seeds only (any split's seeds)
    forms: tuple[str, ...] = FORMS
    jobs: int = 2

    @property
    def families_out(self) -> Path:
        return self.out / "generated" / "families"

    def family_jobs(self) -> list[Job]:
        jobs = []
        forms = self.forms if self.scans else ("digital",)
        for split in self.splits:
            for family in self.families:
                seeds = SPLIT_SEEDS[split][family]
                for seed in seeds:
                    if not self.seeds or seed in self.seeds:
                        jobs.append(Job(family, seed, split, self.families_out, forms, self.dpi))
        if self.seeds and not jobs:  # a seed outside the splits: a one-off (tests, a look)
            jobs = [Job(f, s, self.splits[0], self.families_out, forms, self.dpi)
                    for f in self.families for s in self.seeds]
        return jobs


def at_dpi(profile: ScanProfile, dpi: int | None) -> ScanProfile:
    """The profile at another resolution, pixel sizes scaled; the bad scan stays at 2/3."""
    if dpi is None:
        return profile
    target = dpi * profile.dpi // SCAN.dpi
    ratio = target / profile.dpi
    return dataclasses.replace(profile, dpi=target, blur=profile.blur * ratio,
                               shift=round(profile.shift * ratio))


def generate(options: Options) -> list[Path]:
    """Make every requested document; return the files written."""
    started = time.monotonic()
    written: list[Path] = []
    family_jobs = options.family_jobs()
    if options.jobs <= 1:
        for name in options.only:
            written += _classic(name, options)
        for job in family_jobs:
            written += make(job)
    else:
        with ProcessPoolExecutor(max_workers=options.jobs) as pool:
            # The classic documents first: the order is the longest single job.
            futures = [pool.submit(_classic, name, options) for name in options.only]
            futures += [pool.submit(make, job) for job in family_jobs]
            for future in futures:
                written += future.result()
    written += _commit_copies(options, family_jobs)
    log.info("%d documents in %.1f s", len(options.only) + len(family_jobs),
             time.monotonic() - started)
    return written


def _commit_copies(options: Options, jobs: list[Job]) -> list[Path]:
    """Copy the committed family documents into docs/ and their truth into expected/."""
    written = []
    for job in jobs:
        forms = COMMITTED_FAMILY_DOCS.get((job.family, job.seed), ())
        if job.split != "dev" or not forms or job.dpi is not None:
            continue  # low-resolution test runs never touch the committed copies
        name = doc_name(job.family, job.seed)
        pairs = [(job.out / job.split / f"{name}.truth.json",
                  options.out / "expected" / f"{name}.truth.json")]
        pairs += [(job.out / job.split / f"{name}_{form}.pdf",
                   options.out / "docs" / f"{name}_{form}.pdf")
                  for form in forms if form in job.forms]
        for source, target in pairs:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            written.append(target)
    return written


def _classic(name: str, options: Options) -> list[Path]:
    doc, variants = DOCUMENTS[name]
    started = time.monotonic()
    written = _generate_one(doc, variants, options)
    log.info("%s done in %.1f s", name, time.monotonic() - started)
    return written


def _generate_one(doc: OrderDoc | CircularDoc, variants: Sequence[Variant],
                  options: Options) -> list[Path]:
    if isinstance(doc, OrderDoc):
        layout = render_order(doc)
        rendered = layout.rendered
    else:
        layout = None
        rendered = render_circular(doc)

    files = {v.filename(doc.name): {"where": "docs" if v.committed else "generated",
                                    "kind": v.kind} for v in variants}
    expected = options.out / "expected"
    written = [expected / f"{doc.name}.pages.txt", expected / f"{doc.name}.meta.json"]
    write_text(written[0], pages_text(rendered))
    if isinstance(doc, OrderDoc):
        assert layout is not None
        write_text(expected / f"{doc.name}.assignments.csv", assignments_csv(doc))
        written.append(expected / f"{doc.name}.assignments.csv")
        write_json(written[1], order_meta(doc, layout, files))
    else:
        write_json(written[1], circular_meta(doc, rendered, files))

    scanned: dict[str, list[Image.Image]] = {}
    for variant in variants:
        folder = options.out / ("docs" if variant.committed else "generated")
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / variant.filename(doc.name)
        if variant.profile is None:
            path.write_bytes(rendered.pdf)
        elif not options.scans:
            continue
        else:
            profile = at_dpi(variant.profile, options.dpi)
            if profile.name not in scanned:
                scanned[profile.name] = degrade.scan_pages(rendered.pdf, profile, doc.name)
            save = degrade.save_pdf if variant.container == "pdf" else degrade.save_tiff
            save(scanned[profile.name], path, profile)
        written.append(path)
        log.info("wrote %s (%d kB)", path, path.stat().st_size // 1000)
    return written


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m samples.generate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=SAMPLES_DIR,
                        help="folder receiving docs/, generated/ and expected/ (default: samples/)")
    parser.add_argument("--only", action="append", choices=sorted(DOCUMENTS), default=[],
                        help="generate only this document (repeatable)")
    parser.add_argument("--dpi", type=int, default=None,
                        help="scan resolution instead of 300 (the bad scan uses 2/3 of it)")
    parser.add_argument("--no-scans", dest="scans", action="store_false",
                        help="only the born-digital PDFs and the truth")
    parser.add_argument("--family", action="append", choices=IMPLEMENTED, default=[],
                        help="generate this layout family's documents (repeatable)")
    parser.add_argument("--split", action="append", choices=SPLITS, default=[],
                        help="only this split of the family documents (repeatable)")
    parser.add_argument("--seed", action="append", type=int, default=[],
                        help="only the family documents of this seed (repeatable)")
    parser.add_argument("--forms", default=",".join(FORMS),
                        help=f"comma-separated forms of the family documents ({','.join(FORMS)})")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every file")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    # WeasyPrint warns on every render that it subsets fonts with fontTools instead of
    # libharfbuzz-subset; the output is correct either way, so keep the log readable.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    forms = tuple(f for f in args.forms.split(",") if f)
    unknown = set(forms) - set(FORMS)
    if unknown:
        build_parser().error(f"unknown forms: {sorted(unknown)}")
    wants_families = bool(args.family or args.split or args.seed)
    only = tuple(args.only) if args.only or wants_families else tuple(DOCUMENTS)
    families = tuple(args.family) if args.family else (
        IMPLEMENTED if wants_families or not args.only else ())
    options = Options(args.out, only, args.dpi, args.scans, families,
                      tuple(args.split) or SPLITS, tuple(args.seed), forms, args.jobs)
    written = generate(options)
    log.info("%d files written under %s", len(written), options.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
