"""Decide what kind of input a file is, from its first bytes rather than its name."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ocr.models import InputError, InputKind, SourceDocument

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp", ".pbm", ".pgm"}
TEXT_SUFFIXES = {".txt", ".text"}

# Magic numbers: a file named .pdf that holds random bytes must fail as "not a PDF".
_MAGIC = (
    (b"%PDF-", InputKind.PDF),
    (b"\x89PNG\r\n\x1a\n", InputKind.IMAGE),
    (b"\xff\xd8\xff", InputKind.IMAGE),
    (b"II*\x00", InputKind.IMAGE),
    (b"MM\x00*", InputKind.IMAGE),
    (b"BM", InputKind.IMAGE),
    (b"RIFF", InputKind.IMAGE),
)


def sniff(path: Path) -> InputKind:
    """Return the input kind or raise InputError with a one-line reason."""
    if not path.is_file():
        raise InputError(path, "not a file")
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except PermissionError:
        raise InputError(path, "permission denied (cannot read the file)") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if not head:
        raise InputError(path, "empty file (0 bytes)")
    # A PDF header may follow a little junk; readers accept it within the first 1 KB.
    if b"%PDF-" in head:
        return InputKind.PDF
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        raise InputError(path, "not a PDF (no %PDF header): the file is damaged or mislabelled")
    if suffix in IMAGE_SUFFIXES:
        raise InputError(path, f"not a readable {suffix} image (unknown header)")
    if suffix in TEXT_SUFFIXES or _looks_like_text(head):
        return InputKind.TEXT
    raise InputError(path, f"unsupported file type {suffix or '(no extension)'}")


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multibyte character cut at the 1 KB boundary is still text.
        return exc.start >= len(head) - 3
    return b"\x00" not in head


def describe(path: Path) -> SourceDocument:
    """Sniff and fingerprint one input file."""
    kind = sniff(path)
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return SourceDocument(path=path, kind=kind, sha256=digest.hexdigest(), size=path.stat().st_size)


def collect_inputs(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Expand folders (recursively, sorted) into files; return (files, missing paths)."""
    files: list[Path] = []
    missing: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(
                f for f in sorted(p.rglob("*")) if f.is_file() and not f.name.startswith(".")
                and f.suffix.lower() not in {".md", ".json", ".csv", ".py"}
            )
        elif p.exists():
            files.append(p)
        else:
            missing.append(p)
    return files, missing
