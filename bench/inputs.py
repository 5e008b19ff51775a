"""The benchmark's inputs and their truth: the generated samples, the seeds, page subsets."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.writers import read_csv
from samples import naming

log = logging.getLogger(__name__)

INPUT_SUFFIXES = (".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class BenchInput:
    """One input file and where its truth is."""

    path: Path
    truth: str | None  # stem of samples/expected/<truth>.*; None when the file has no truth
    kind: str  # "scan:<profile>", "born-digital" or "seed"
    pages: tuple[int, ...] | None = None  # truth page numbers of the file's pages (None: 1..n)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def scanned(self) -> bool:
        return self.kind.startswith("scan")


@dataclass(frozen=True)
class Truth:
    """What is known to be in a document (each part None when not written down)."""

    pages: list[str] | None
    assignments: list[dict[str, str]] | None
    items: list[str] | None  # criterion ids of the top-level items, in printed order
    officers: list[str] | None  # "given family" of every distinct assigned officer
    numbering_errors: list[str] | None  # criteria printed with a wrong number


def truth_stem(path: Path) -> str:
    """The truth files' name for an input (a scan shares its original's truth)."""
    return naming.truth_stem(path)


def load_truth(expected: Path, stem: str) -> Truth:
    pages_file = expected / f"{stem}.pages.txt"
    pages = None
    if pages_file.exists():
        # Pages are separated by a form feed; the file ends with a newline.
        pages = pages_file.read_text(encoding="utf-8").removesuffix("\n").split("\f")
    assign_file = expected / f"{stem}.assignments.csv"
    assignments = read_csv(assign_file) if assign_file.exists() else None
    meta_file = expected / f"{stem}.meta.json"
    meta: dict[str, Any] = json.loads(meta_file.read_text("utf-8")) if meta_file.exists() else {}
    items_file = expected / f"{stem}.items.csv"
    items: list[str] | None
    if items_file.exists():
        items = [r["criterion"] for r in read_csv(items_file)]
    else:
        items = list(meta["criteria"]) if meta.get("kind") == "order" else None
    officers = [o["name"] for o in meta["officers"]] if "officers" in meta else None
    errors = meta.get("numbering_errors")
    if errors is None:
        errors = meta.get("found_counts", {}).get("numbering_errors")
    numbering = [e["criterion"] for e in errors] if errors is not None else None
    return Truth(pages, assignments, items, officers, numbering)


def file_kind(expected: Path, path: Path) -> str:
    """`scan:<profile>` or `born-digital`, as the truth's meta.json lists the file."""
    meta_file = expected / f"{truth_stem(path)}.meta.json"
    if meta_file.exists():
        files = json.loads(meta_file.read_text("utf-8")).get("files", {})
        if path.name in files:
            return str(files[path.name]["kind"])
    return "scan" if truth_stem(path) != path.stem else "born-digital"


def sample_inputs(samples: Path) -> tuple[list[BenchInput], list[str]]:
    """Generated documents with truth (docs/ and generated/) and the seeds.

    Returns the inputs and the names of the generated files the truth lists that are missing
    (`make samples` writes them).
    """
    expected = samples / "expected"
    found: list[BenchInput] = []
    for folder in (samples / "docs", samples / "generated"):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            stem = truth_stem(path)
            if path.suffix.lower() in INPUT_SUFFIXES and (expected / f"{stem}.pages.txt").exists():
                found.append(BenchInput(path, stem, file_kind(expected, path)))
    missing = []
    for meta_file in sorted(expected.glob("*.meta.json")):
        files = json.loads(meta_file.read_text("utf-8")).get("files", {})
        names = {i.path.name for i in found}
        missing += [name for name in files if name not in names]
    for path in sorted((samples / "seeds").glob("*.txt")):
        has_truth = (expected / f"{path.stem}.assignments.csv").exists()
        found.append(BenchInput(path, path.stem if has_truth else None, "seed"))
    return found, missing


def pdf_subset(sources: list[tuple[Path, int]], dest: Path) -> Path:
    """A PDF made of the given (file, 0-based page) pages, in order."""
    import pypdfium2

    out = pypdfium2.PdfDocument.new()
    opened: dict[Path, Any] = {}
    try:
        for path, index in sources:
            if path not in opened:
                opened[path] = pypdfium2.PdfDocument(str(path))
            out.import_pages(opened[path], [index])
        dest.parent.mkdir(parents=True, exist_ok=True)
        out.save(str(dest))
    finally:
        out.close()
        for doc in opened.values():
            doc.close()
    return dest


def pdf_page_count(path: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def render_images(pdf: Path, dpi: int, dest: Path) -> list[Path]:
    """Grey page images of a PDF, as a user of the bare engine would make them (pdftoppm)."""
    dest.mkdir(parents=True, exist_ok=True)
    prefix = dest / pdf.stem
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", str(pdf), str(prefix)], check=True
        )
        return sorted(dest.glob(f"{pdf.stem}-*.pgm"))
    from ocr.pdf import render_page  # no poppler: the pipeline's own renderer

    paths = []
    for index in range(pdf_page_count(pdf)):
        path = dest / f"{pdf.stem}-{index + 1:03d}.pgm"
        image = render_page(pdf, index, dpi)
        image.save(path)
        image.close()
        paths.append(path)
    return paths
