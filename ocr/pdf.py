"""The one module that reads PDFs: text layers with pdfplumber, page images with pypdfium2."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pdfplumber
import pypdfium2
from PIL import Image

from ocr.models import InputError

log = logging.getLogger(__name__)

_PUA = re.compile("[\ue000-\uf8ff]")
_CID = re.compile(r"\(cid:\d+\)")
_THAI = re.compile("[\u0e01-\u0e5b]")
_LETTER = re.compile(r"[^\W\d_]")


def _open_error(path: Path, exc: Exception) -> InputError:
    # pdfplumber wraps pdfminer's errors: look at the wrapped one too.
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    name = type(inner).__name__
    text = str(inner)
    if "Password" in name or "Encrypt" in name or "password" in text.lower():
        return InputError(
            path,
            "encrypted PDF that needs a password: decrypt it first "
            "(e.g. `qpdf --decrypt --password=PASS in.pdf out.pdf`)",
            stage="open",
        )
    return InputError(
        path, f"corrupt or truncated PDF ({name}: {text[:120] or 'no detail'})", "open"
    )


def page_count(path: Path) -> int:
    """Open the PDF once to check it and count pages; raise InputError with the reason."""
    try:
        with pdfplumber.open(path) as pdf:
            count = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        error: InputError | None = _open_error(path, exc)
        if "password" in error.reason:
            raise error from None
        count = 0
    else:
        error = None
    if count == 0:
        # pdfminer gives up on a broken cross-reference table that PDFium rebuilds: such a
        # file is still worth reading (its pages are then OCR'd).
        count = _pdfium_page_count(path)
        if count:
            log.warning("%s: damaged PDF structure, reading it with PDFium", path)
    if count == 0:
        raise error or InputError(path, "PDF has no pages", stage="open")
    return count


def _pdfium_page_count(path: Path) -> int:
    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


def text_layer(path: Path, index: int) -> str:
    """Text of one page's text layer ('' when there is none)."""
    try:
        with pdfplumber.open(path) as pdf:
            page = pdf.pages[index]
            # layout=False keeps reading order simple; x_tolerance small so Thai marks stay put.
            return page.extract_text(x_tolerance=1.5, y_tolerance=3) or ""
    except Exception as exc:  # unreadable for pdfminer but counted by PDFium: OCR the page
        log.debug("%s: no text layer for page %d: %s", path, index + 1, exc)
        return ""


def text_layer_problem(text: str) -> str | None:
    """Why a text layer is not worth using (None when it is usable).

    A page with no text, pdfminer `(cid:N)` placeholders (no ToUnicode map) or Private Use Area
    glyphs beyond a few is better OCR'd than guessed.
    """
    letters = _LETTER.findall(text)
    if len(letters) < 20:
        return "no text layer"
    junk = len(_CID.findall(text)) + len(_PUA.findall(text))
    if junk / max(len(letters), 1) > 0.05:
        return "text layer without a usable character map"
    return None


def render_page(path: Path, index: int, dpi: int) -> Image.Image:
    """Render one page to a grayscale image in memory."""
    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:
        raise _open_error(path, exc) from None
    try:
        page = pdf[index]
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        image = bitmap.to_pil().convert("L")
        page.close()
        return image
    finally:
        pdf.close()


def is_thai(text: str) -> bool:
    return bool(_THAI.search(text))
