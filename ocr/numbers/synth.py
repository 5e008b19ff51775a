"""Synthetic number lines as official Thai documents print them, rendered and degraded.

Training data for the number model comes only from here (renders), never from a scan that is
used to measure. Every line is a tight crop around its ink, as the pipeline cuts a word's box,
sometimes with a fragment of a table rule at an edge (a word in a table cell touches its rules).

Fonts and one degradation are held out of training so the model is measured on faces and damage
it never saw (see `TRAIN_FACES`, `HELDOUT_FACES`, `HELDOUT_DEGRADATION`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont, features

FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"
PUNCT = "./-():,"
CHARSET = frozenset(THAI_DIGITS + ARABIC_DIGITS + PUNCT + " ")

# File stems of every style of a face (regular, bold, italic/oblique).
TRAIN_FACES = ("Laksaman", "Garuda", "Kinnari", "Loma", "Waree", "Sawasdee", "Purisa",
               "TlwgTypo", "TlwgTypist")
HELDOUT_FACES = ("Norasi", "Umpush")
DEGRADATIONS = ("clean", "scan", "copy", "bw", "photo")
HELDOUT_DEGRADATION = "fax"  # ink spread + 1-bit + salt-and-pepper: never in training


@cache
def face_files(face: str) -> tuple[Path, ...]:
    files = tuple(sorted(FONT_DIR.glob(f"{face}*.ttf")))
    if not files:
        raise FileNotFoundError(f"no font files for {face} in {FONT_DIR} (fonts-thai-tlwg)")
    return files


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=engine)


# ---------------------------------------------------------------- text
def _num(rng: random.Random, lo: int, hi: int) -> str:
    return str(rng.randint(lo, hi))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ARABIC_DIGITS) for _ in range(n))


def _item(rng: random.Random) -> str:
    depth = rng.choice((1, 1, 2, 2, 2, 3))
    parts = [_num(rng, 1, 20 if i == 0 else 19) for i in range(depth)]
    core = ".".join(parts)
    return rng.choice((core, core, core + ".", core + ")", f"({core})", core + ".",
                       f"({parts[0]})"))


def _date(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 31), rng.randint(1, 12), rng.randint(2540, 2570)
    return rng.choice((
        f"{day}", f"{year}", f"{day} {year}", f"{day}/{month}/{year}",
        f"{day:02d}/{month:02d}/{year}",
        f"{day}-{month}-{year % 100:02d}", f"{day}/{month}/{year % 100:02d}",
    ))


def _order(rng: random.Random) -> str:
    return f"{rng.randint(1, 3999)}/{rng.randint(2540, 2570)}"


def _time(rng: random.Random) -> str:
    h, m = rng.randint(6, 20), rng.choice((0, 0, 15, 30, 30, 45, rng.randint(0, 59)))
    sep = rng.choice((".", ".", ":"))
    t = f"{h:02d}{sep}{m:02d}"
    if rng.random() < 0.3:
        t += f"-{h + rng.randint(1, 4):02d}{sep}{rng.choice((0, 30)):02d}"
    return t


def _phone(rng: random.Random) -> str:
    return rng.choice((
        f"0 {_digits(rng, 4)} {_digits(rng, 4)}", f"0{_digits(rng, 2)}-{_digits(rng, 6)}",
        f"0{_digits(rng, 2)}-{_digits(rng, 3)}-{_digits(rng, 4)}",
        f"(0{_digits(rng, 2)}) {_digits(rng, 6)}",
        f"0{_digits(rng, 9)}", f"0{_digits(rng, 2)} {_digits(rng, 3)} {_digits(rng, 4)}",
        f"{_digits(rng, 4)}", f"0{_digits(rng, 8)}",
    ))


def _money(rng: random.Random) -> str:
    v = rng.choice((rng.randint(1, 999), rng.randint(1000, 99999), rng.randint(100000, 9999999)))
    s = f"{v:,}"
    return s + rng.choice(("", "", ".00", f".{rng.randint(0, 99):02d}", ".-", "-"))


def _count(rng: random.Random) -> str:
    return rng.choice((_num(rng, 1, 99), _num(rng, 1, 20), _num(rng, 100, 999)))


def _random(rng: random.Random) -> str:
    # Uniform digit strings balance the rare digits (๔ ๖ ๗ ๘ ๙ are what the stock model lacks).
    n = rng.randint(1, 8)
    s = _digits(rng, n)
    if n > 2 and rng.random() < 0.5:
        i = rng.randint(1, n - 1)
        s = s[:i] + rng.choice(PUNCT + " ") + s[i:]
    return s


def _page(rng: random.Random) -> str:
    return f"- {_num(rng, 1, 30)} -"


KINDS = ((_item, 5), (_date, 3), (_order, 2), (_time, 1), (_phone, 2), (_money, 2), (_count, 2),
         (_random, 4), (_page, 1))


def number_text(rng: random.Random) -> str:
    """One number line: a kind chosen by how often documents print it, in Thai or Arabic digits."""
    kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
    text = kind(rng)
    if rng.random() < 0.15:  # two numbers on one line (`๑๒ ๒๕๖๖`, `๒.๑ ๒.๒`)
        text = f"{text} {number_text(rng)}"
    r = rng.random()
    if r < 0.65:
        text = to_thai(text)
    elif r < 0.75:  # mixed digits happen in typed documents
        text = "".join(to_thai(c) if rng.random() < 0.5 else c for c in text)
    return text.strip()


def to_thai(text: str) -> str:
    return text.translate(str.maketrans(ARABIC_DIGITS, THAI_DIGITS))


# ---------------------------------------------------------------- rendering
@dataclass(frozen=True)
class Sample:
    text: str
    face: str
    font_file: str
    degradation: str
    image: Image.Image


def render(text: str, font_file: Path, px: int, rng: random.Random) -> Image.Image:
    """Dark text on white, cropped tightly to the ink with a margin of a few pixels."""
    font = _font(font_file, px)
    left, top, right, bottom = font.getbbox(text)
    pad = px
    img = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 255)
    ink = rng.randint(0, 60)
    ImageDraw.Draw(img).text((pad - left, pad - top), text, font=font, fill=ink)
    angle = rng.gauss(0, 0.6)
    if abs(angle) > 0.1:
        img = img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    return _tight(img, rng, px)


def _tight(img: Image.Image, rng: random.Random, px: int) -> Image.Image:
    box = Image.eval(img, lambda v: 255 if v < 200 else 0).getbbox()
    if box is None:
        return img
    m = [rng.randint(0, max(1, px // 6)) for _ in range(4)]  # word boxes are tight, a few px off
    return img.crop((box[0] - m[0], box[1] - m[1], box[2] + m[2], box[3] + m[3]))


def _rules(img: Image.Image, rng: random.Random) -> Image.Image:
    """Fragments of table rules at the edges: a cell's word box often touches its borders."""
    if rng.random() > 0.25:
        return img
    w, h = img.size
    side = rng.choice(("left", "right", "top", "bottom"))
    thick = rng.randint(1, max(1, h // 18))
    gap = rng.randint(1, max(2, h // 8))
    if side in ("left", "right"):
        out = Image.new("L", (w + gap + thick, h), 255)
        x = 0 if side == "left" else w + gap
        out.paste(img, (thick + gap if side == "left" else 0, 0))
        ImageDraw.Draw(out).rectangle((x, 0, x + thick - 1, h), fill=rng.randint(0, 90))
    else:
        out = Image.new("L", (w, h + gap + thick), 255)
        y = 0 if side == "top" else h + gap
        out.paste(img, (0, thick + gap if side == "top" else 0))
        ImageDraw.Draw(out).rectangle((0, y, w, y + thick - 1), fill=rng.randint(0, 90))
    return out


def degrade(img: Image.Image, kind: str, rng: random.Random) -> Image.Image:
    """Scan-like damage. `fax` (ink spread, 1-bit, speckle) is held out of training."""
    if kind == "clean":
        return img
    if kind in ("scan", "copy", "photo"):
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 1.0 if kind == "scan" else 1.5)))
        a = np.asarray(img, dtype=np.float32)
        if kind == "photo":  # uneven light and low contrast
            ramp = np.linspace(0, rng.uniform(20, 70), a.shape[1])[None, :]
            a = a * rng.uniform(0.7, 0.95) + ramp + rng.uniform(10, 40)
        if kind == "copy":  # a copy of a copy: darker, greyer background
            a = a * rng.uniform(0.75, 0.95) + rng.uniform(0, 25)
        a = a + np.random.default_rng(rng.randint(0, 2**31)).normal(0, rng.uniform(2, 14), a.shape)
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        return _jpeg(img, rng.randint(25 if kind == "photo" else 40, 90))
    if kind == "bw":
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.0, 0.8)))
        t = rng.randint(110, 190)
        return img.point(lambda v: 0 if v < t else 255)
    if kind == "fax":
        if img.height > 40 and rng.random() < 0.6:  # ink spread of a fax's thermal print
            img = img.filter(ImageFilter.MinFilter(3))
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
        t = rng.randint(120, 200)
        a = np.where(np.asarray(img) < t, 0, 255).astype(np.uint8)
        speck = np.random.default_rng(rng.randint(0, 2**31)).random(a.shape)
        a[speck < 0.005] = 0
        a[speck > 0.995] = 255
        return Image.fromarray(a)
    raise ValueError(kind)


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    import io

    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("L")


def sample(rng: random.Random, faces: tuple[str, ...], degradations: tuple[str, ...],
           text: str | None = None) -> Sample:
    """A rendered number line: 150-300 dpi at 12-18 pt, tight crop, maybe a rule, degraded."""
    text = text if text is not None else number_text(rng)
    face = rng.choice(faces)
    font_file = rng.choice(face_files(face))
    dpi = rng.choice((150, 200, 200, 300, 300))
    px = max(12, round(rng.uniform(12, 18) * dpi / 72))
    img = _rules(render(text, font_file, px, rng), rng)
    if dpi < 300 and rng.random() < 0.5:  # a page scanned at 200 dpi, upsampled by the pipeline
        img = img.resize((img.width * 3 // 2, img.height * 3 // 2), Image.BILINEAR)
    kind = rng.choice(degradations)
    return Sample(text, face, font_file.stem, kind, degrade(img, kind, rng))
