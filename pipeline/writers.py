"""Atomic, Excel-friendly file writers: a crash never leaves a half-written output."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes owner-only files; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    atomic_write_bytes(path, (text + "\n").encode("utf-8"))


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """CSV in UTF-8 with a BOM so that Excel shows Thai."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    atomic_write_bytes(path, buf.getvalue().encode("utf-8-sig"))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def claim_name(first: str, numbered: Callable[[int], str], taken: set[str]) -> str:
    """`first`, or else `numbered(2)`, `numbered(3)`, ... : the first not in `taken`, which
    is then added to it (output folders of inputs with the same stem, workbook sheets).

    >>> taken = {"a"}
    >>> claim_name("a", lambda n: f"a-{n}", taken), claim_name("a", lambda n: f"a-{n}", taken)
    ('a-2', 'a-3')
    """
    name, n = first, 2
    while name in taken:
        name = numbered(n)
        n += 1
    taken.add(name)
    return name
