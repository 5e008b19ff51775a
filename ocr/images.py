"""Image inputs: PNG, JPEG, multi-page TIFF; and the optional OCR preprocessing."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

from ocr.models import InputError

# Pages bigger than this are scaled down: Tesseract gains nothing past ~600 dpi on A4.
MAX_SIDE = 7000


def frame_count(path: Path) -> int:
    try:
        with Image.open(path) as img:
            return getattr(img, "n_frames", 1)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise InputError(path, f"unreadable image ({type(exc).__name__}: {exc})", "open") from None


def load_frame(path: Path, index: int) -> Image.Image:
    try:
        with Image.open(path) as img:
            img.seek(index)
            image = img.convert("L")
    except (UnidentifiedImageError, OSError, EOFError, Image.DecompressionBombError) as exc:
        raise InputError(path, f"unreadable image ({type(exc).__name__}: {exc})", "open") from None
    return fit(image)


def is_bilevel(path: Path, index: int) -> bool:
    """Whether a frame of an image file has one bit per pixel (a fax, a copier's text mode)."""
    try:
        with Image.open(path) as img:
            img.seek(index)
            return img.mode == "1"
    except (UnidentifiedImageError, OSError, EOFError, Image.DecompressionBombError):
        return False


def fit(image: Image.Image) -> Image.Image:
    longest = max(image.size)
    if longest > MAX_SIDE:
        scale = MAX_SIDE / longest
        image = image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))))
    return image


def preprocess(image: Image.Image) -> Image.Image:
    """Denoise and stretch contrast; used only when the benchmark shows it lowers CER."""
    image = image.filter(ImageFilter.MedianFilter(3))
    return ImageOps.autocontrast(image, cutoff=1)
