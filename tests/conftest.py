"""Shared fixtures: real PDFs rendered with a Thai font, scanned copies, the seeds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "samples" / "seeds"
EXPECTED = ROOT / "samples" / "expected"

# Text of a small order page, written for the tests (Laksaman is the tlwg version of TH Sarabun).
ORDER_LINES = [
    "คำสั่งสำนักงานที่ดินจังหวัดน่าน",
    "เรื่อง มอบหมายหน้าที่ศูนย์ราชการสะดวก",
    "เกณฑ์ด้านกายภาพ จำนวน ๓ ข้อ",
    "๑ มีการให้บริการนอกเวลาราชการ นางสาวกานดา ใจงาม นายประเสริฐ ทองดี",
    "๒ มีป้ายบอกทิศทางที่ชัดเจน",
    "๓ มีการจัดให้มีระบบคิว นายสมชาย รักไทย",
]


def render_pdf(lines: list[str], path: Path, font: str = "Laksaman", size: int = 18) -> Path:
    from weasyprint import HTML

    body = "".join(f"<p>{line}</p>" for line in lines)
    html = (
        f"<html><head><meta charset='utf-8'><style>@page {{ size: A4; margin: 2cm }}"
        f" body {{ font-family: '{font}'; font-size: {size}pt }} p {{ margin: 0 0 6pt }}"
        f"</style></head><body>{body}</body></html>"
    )
    HTML(string=html).write_pdf(path)
    return path


def scan_pdf(source: Path, path: Path, dpi: int = 300) -> Path:
    """An image-only copy of a PDF, as a scanner would make it."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(source))
    images = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in pdf]
    pdf.close()
    images[0].save(path, save_all=True, append_images=images[1:], resolution=dpi)
    return path


@pytest.fixture(scope="session")
def order_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_pdf(ORDER_LINES, tmp_path_factory.mktemp("pdf") / "order.pdf")


@pytest.fixture(scope="session")
def order_scan(order_pdf: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scan_pdf(order_pdf, tmp_path_factory.mktemp("scan") / "order_scan.pdf")
