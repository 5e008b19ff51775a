"""Already-OCR'd text files: decode and split into pages."""

from __future__ import annotations

import re
from pathlib import Path

from ocr.models import InputError

# OCR exports separate pages with a form feed; the seeds use runs of blank lines instead.
_BLANK_RUN = re.compile(r"\n[ \t]*\n[ \t]*\n[ \t]*\n+")


def read_text_pages(path: Path) -> list[str]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16", "cp874"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp874 decodes nearly anything
        raise InputError(path, "cannot decode text (not UTF-8, UTF-16 or TIS-620)")
    if "\x00" in text:
        raise InputError(path, "binary data in a text file")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = text.split("\f") if "\f" in text else _BLANK_RUN.split(text)
    pages = [c.strip("\n") for c in chunks]
    pages = [p for p in pages if p.strip()]
    if not pages:
        raise InputError(path, "no text in file")
    return pages
