"""Make scanned copies of a rendered PDF: rasterise, degrade like a scanner, save as images.

Every random choice comes from a numpy Generator seeded per document and page, so a re-run
produces the same pixels. The order of the steps follows the physics: the sheet lies slightly
skewed on the glass, dust sits on it, the optics blur, the sensor adds noise, the scanner
software stores a grey JPEG.
"""

from __future__ import annotations

import io
import logging
import zlib
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter

log = logging.getLogger(__name__)

# PDF dates of the image-only PDFs: fixed so the files are byte-identical on every run.
FIXED_DATE = datetime(2024, 1, 15, 9, 0, 0)


@dataclass(frozen=True)
class ScanProfile:
    """How bad a scan is. Pixel sizes are at the profile's own dpi."""

    name: str
    dpi: int
    rotation: tuple[float, float]  # |skew| in degrees, uniform in this range, random sign
    shift: int  # max page offset in pixels
    blur: float  # Gaussian blur radius in pixels
    noise: float  # sensor noise sigma, grey levels
    speckles: int  # dust specks per page
    paper: int  # grey of the paper after the scanner's levels
    ink: int  # grey of solid black ink
    white_point: int  # the scanner's auto-levels map this grey and above to white
    jpeg_quality: int
    threshold: int | None = None  # black-and-white scan: grey below this becomes black
    streaks: int = 0  # thin horizontal lines across the page (a fax line's dropouts and noise)
    # Resampling of the skew: bicubic for the classic documents; the families' forms use
    # bilinear, twice as fast and invisible after the blur.
    resample: int = Image.Resampling.BICUBIC


SCAN = ScanProfile("scan", 300, (0.3, 1.2), 18, 0.8, 6.0, 160, 244, 28, 228, 70)
# A copy of a copy: grey, noisy background the scanner could not clean, washed-out ink.
BAD_SCAN = ScanProfile("badscan", 200, (0.6, 1.5), 14, 1.3, 14.0, 700, 222, 72, 250, 55)
# The office copier's default "text" mode: 1 bit per pixel, CCITT G4 in the PDF (tiny files).
BW_SCAN = ScanProfile("bwscan", 300, (0.3, 1.2), 18, 0.9, 8.0, 220, 244, 28, 228, 0, threshold=150)
# The families' "copy" form: the bad scan's copy-of-a-copy settings under the form's name.
COPY = ScanProfile("copy", 200, (0.6, 1.5), 14, 1.3, 14.0, 700, 222, 72, 250, 55,
                   resample=Image.Resampling.BILINEAR)
# The families' grey scan: SCAN, resampled bilinear.
FAMILY_SCAN = ScanProfile("scan", 300, (0.3, 1.2), 18, 0.8, 6.0, 160, 244, 28, 228, 70,
                          resample=Image.Resampling.BILINEAR)
# A fax received on a plain-paper machine: 200 dpi ("fine" mode), 1 bit, fed crooked (1-2
# degrees), a noisy line that leaves thin streaks, thresholded so thin strokes break up.
FAX = ScanProfile("fax", 200, (1.0, 2.0), 14, 0.7, 16.0, 350, 238, 40, 226, 0, threshold=135,
                  streaks=6, resample=Image.Resampling.BILINEAR)


def seed_for(name: str, page: int) -> int:
    """A stable seed per document and page (Python's hash() is salted per process)."""
    return zlib.crc32(f"{name}:{page}".encode())


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Render every page of a PDF to a grey image at the given resolution."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            for i in range(len(document))
        ]
    finally:
        document.close()


def degrade(image: Image.Image, profile: ScanProfile, seed: int) -> Image.Image:
    """One scanned page from a clean grey rendering at the profile's dpi."""
    rng = np.random.default_rng(seed)
    # Scanner levels: black ink is not 0 and paper is not 255.
    clean = np.asarray(image, dtype=np.float32)
    levelled = profile.ink + (profile.paper - profile.ink) * clean / 255.0
    page = Image.fromarray(levelled.clip(0, 255).astype(np.uint8))

    angle = float(rng.uniform(*profile.rotation) * rng.choice([-1.0, 1.0]))
    shift = tuple(int(v) for v in rng.integers(-profile.shift, profile.shift + 1, size=2))
    page = page.rotate(angle, resample=profile.resample, translate=shift,
                       fillcolor=profile.paper)
    _dust(page, rng, profile)
    _streaks(page, rng, profile.streaks)
    page = page.filter(ImageFilter.GaussianBlur(profile.blur))

    pixels = np.asarray(page, dtype=np.float32)
    width = pixels.shape[1]
    # Uneven lamp: a gentle gradient across the sheet.
    ramp = np.linspace(-1.0, 1.0, width, dtype=np.float32)[None, :] * float(rng.uniform(2, 6))
    pixels = pixels + ramp + rng.normal(0.0, profile.noise, size=pixels.shape).astype(np.float32)
    # Scanner software stretches levels so that the paper turns white (this also removes most
    # background noise, which is why office scans compress well).
    pixels = (pixels - profile.ink) * (255.0 - profile.ink) / (profile.white_point - profile.ink)
    return Image.fromarray((pixels + profile.ink).clip(0, 255).astype(np.uint8))


def _dust(page: Image.Image, rng: np.random.Generator, profile: ScanProfile) -> None:
    draw = ImageDraw.Draw(page)
    width, height = page.size
    scale = profile.dpi / 300
    for _ in range(profile.speckles):
        x, y = float(rng.uniform(0, width)), float(rng.uniform(0, height))
        r = float(rng.uniform(0.6, 2.4)) * scale
        grey = int(rng.integers(profile.ink, profile.ink + 90))
        draw.ellipse((x - r, y - r * float(rng.uniform(0.6, 1.4)), x + r, y + r), fill=grey)


def _streaks(page: Image.Image, rng: np.random.Generator, count: int) -> None:
    draw = ImageDraw.Draw(page)
    width, height = page.size
    for _ in range(count):
        y = float(rng.uniform(0, height))
        grey = int(rng.choice([40, 250]))  # a black line of noise or a white dropout
        draw.line((0, y, width, y + float(rng.uniform(-2, 2))), fill=grey,
                  width=int(rng.integers(1, 3)))


def scan_pages(pdf: bytes, profile: ScanProfile, name: str) -> list[Image.Image]:
    pages = rasterise(pdf, profile.dpi)
    scanned = [degrade(page, profile, seed_for(f"{name}:{profile.name}", i))
               for i, page in enumerate(pages)]
    if profile.threshold is None:
        return scanned
    cut = profile.threshold
    return [page.point(lambda v: 255 if v >= cut else 0).convert("1", dither=Image.Dither.NONE)
            for page in scanned]


def save_pdf(pages: list[Image.Image], path: Path, profile: ScanProfile | PhotoProfile) -> None:
    """An image-only PDF: one grey JPEG per page, or CCITT G4 for black-and-white pages."""
    # Pillow leaves encoder settings on the images it saved; copies keep the saves independent.
    first, *rest = (page.copy() for page in pages)
    # Pillow passes a quality setting on to the G4 (TIFF) encoder too, which refuses it.
    quality = {} if first.mode == "1" else {"quality": profile.jpeg_quality}
    first.save(path, "PDF", save_all=True, append_images=rest, resolution=float(profile.dpi),
               title=path.stem, producer="samples.generate",
               creationDate=FIXED_DATE.timetuple(), modDate=FIXED_DATE.timetuple(), **quality)


def save_tiff(pages: list[Image.Image], path: Path, profile: ScanProfile) -> None:
    """A multi-page TIFF with JPEG-compressed grey pages, as office scanners write them."""
    first, *rest = (page.copy() for page in pages)
    first.save(path, "TIFF", save_all=True, append_images=rest, compression="jpeg",
               quality=profile.jpeg_quality, dpi=(profile.dpi, profile.dpi))


def save_jpeg(page: Image.Image, path: Path, profile: ScanProfile) -> None:
    page.save(path, "JPEG", quality=profile.jpeg_quality, dpi=(profile.dpi, profile.dpi))


def jpeg_size(page: Image.Image, quality: int) -> int:
    """Bytes one page takes as JPEG: used to keep the committed samples small."""
    buffer = io.BytesIO()
    page.save(buffer, "JPEG", quality=quality)
    return buffer.tell()


def describe(profile: ScanProfile) -> dict[str, object]:
    return asdict(profile)


@dataclass(frozen=True)
class PhotoProfile:
    """A phone photo of the sheet on a desk, saved as an image-only PDF by a scanner app."""

    name: str
    dpi: int  # resolution of the sheet in the photo
    tilt: float  # corner displacement, fraction of the page size (perspective)
    light: float  # depth of the uneven light (0: flat)
    vignette: float  # darkening towards the photo's corners
    blur: float
    noise: float
    jpeg_quality: int


PHOTO = PhotoProfile("photo", 200, 0.045, 0.22, 0.35, 1.0, 5.0, 62)


def _perspective_coefficients(dst: list[tuple[float, float]],
                              src: list[tuple[float, float]]) -> list[float]:
    """Coefficients of Image.transform(PERSPECTIVE) mapping output points dst to input src."""
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=float)
    b = np.array([c for point in src for c in point], dtype=float)
    return [float(c) for c in np.linalg.solve(a, b)]


def photograph(image: Image.Image, profile: PhotoProfile, seed: int) -> Image.Image:
    """One phone photo from a clean grey rendering at the profile's dpi."""
    rng = np.random.default_rng(seed)
    width, height = image.size
    pad_x, pad_y = int(width * 0.05), int(height * 0.04)
    out_w, out_h = width + 2 * pad_x, height + 2 * pad_y
    # Paper slightly warm, ink not black, in colour as a phone takes it.
    grey = np.asarray(image, dtype=np.float32) / 255.0
    paper = np.array([236, 230, 216], dtype=np.float32) * float(rng.uniform(0.93, 1.0))
    ink = np.array([38, 36, 44], dtype=np.float32)
    rgb = ink + (paper - ink) * grey[..., None]
    sheet = Image.fromarray(rgb.clip(0, 255).astype(np.uint8), "RGB")
    # The sheet's corners in the photo: each pushed by up to `tilt` of the page size.
    jitter = rng.uniform(-profile.tilt, profile.tilt, size=(4, 2)) * (width, height)
    corners = [(pad_x, pad_y), (pad_x + width, pad_y), (pad_x + width, pad_y + height),
               (pad_x, pad_y + height)]
    dst = [(x + float(dx), y + float(dy)) for (x, y), (dx, dy) in zip(corners, jitter,
                                                                        strict=True)]
    src = [(0.0, 0.0), (float(width), 0.0), (float(width), float(height)), (0.0, float(height))]
    desk = tuple(int(v) for v in rng.integers(60, 110, size=3))
    photo = sheet.transform((out_w, out_h), Image.Transform.PERSPECTIVE,
                            _perspective_coefficients(dst, src), Image.Resampling.BILINEAR,
                            fillcolor=desk)
    photo = photo.filter(ImageFilter.GaussianBlur(profile.blur))
    pixels = np.asarray(photo, dtype=np.float32)
    # Uneven light: a lamp off to one side (linear ramp) and the lens's vignetting, computed
    # on a coarse grid and smoothed up (light varies slowly).
    small_h, small_w = max(2, out_h // 16), max(2, out_w // 16)
    ys, xs = np.mgrid[0:small_h, 0:small_w].astype(np.float32)
    angle = float(rng.uniform(0, 2 * np.pi))
    ramp = (np.cos(angle) * (xs / small_w - 0.5) + np.sin(angle) * (ys / small_h - 0.5))
    light = 1.0 - profile.light * (ramp + 0.5)
    light *= 1.0 - profile.vignette * ((xs / small_w - 0.5) ** 2 + (ys / small_h - 0.5) ** 2) / .5
    light_map = Image.fromarray((light * 255).clip(0, 255).astype(np.uint8), "L").resize(
        (out_w, out_h), Image.Resampling.BILINEAR)
    shade = np.asarray(light_map, dtype=np.float32) / 255.0
    # Sensor noise on the luminance only (colour noise is mostly removed by the phone).
    noise = rng.standard_normal(size=shade.shape, dtype=np.float32) * profile.noise
    pixels = pixels * shade[..., None] + noise[..., None]
    return Image.fromarray(pixels.clip(0, 255).astype(np.uint8), "RGB")


def photo_pages(pdf: bytes, profile: PhotoProfile, name: str) -> list[Image.Image]:
    return [photograph(page, profile, seed_for(f"{name}:{profile.name}", i))
            for i, page in enumerate(rasterise(pdf, profile.dpi))]
