"""The review queue: what the pipeline was unsure of, with the scanned line beside the text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.report.crops import Crop, ScanCropper
from pipeline.report.html import bi, clip, esc, fmt_score, name_key, person, table
from pipeline.report.load import DocumentData

MATCH_REVIEW = 85.0  # items matched to their catalog title below this are worth a look
PAGE_CONFIDENCE_REVIEW = 80.0  # mean Tesseract word confidence of a page
WORST_LINES = 3  # low-confidence lines shown for such a page
MAX_ITEMS = 60  # per document; the rest are in items.csv
MAX_VARIANT_CROPS = 4
TEXT_CHARS = 280  # extracted text shown; the whole of it is in items.csv


@dataclass(frozen=True)
class ReviewEntry:
    kind: str  # item / name / page
    label: str  # criterion id, officer name, "page 3"
    page: int | None
    reasons: tuple[str, ...]
    text: str  # extracted text, the spellings found, or the lines' OCR text
    catalog_title: str
    score: float | None
    crops: tuple[tuple[str, Crop], ...]  # (caption, crop)


def review_items(doc: DocumentData, cropper: ScanCropper) -> tuple[list[ReviewEntry], int]:
    """Items with a low match score or flags, worst first; and how many were left out."""
    chosen = []
    for it in doc.records("items"):
        score = it.get("match_score")
        low = not isinstance(score, int | float) or score < MATCH_REVIEW
        if low or it.get("flags"):
            chosen.append(it)
    chosen.sort(key=lambda it: (it.get("match_score") or 0.0, it.get("page") or 0))
    entries = []
    for it in chosen[:MAX_ITEMS]:
        score = it.get("match_score")
        low = not isinstance(score, int | float) or score < MATCH_REVIEW
        reasons = [f"match {fmt_score(score)}%"] if low else []
        reasons += [str(f) for f in it.get("flags") or ()]
        page = int(it.get("page") or 0)
        written = str(it.get("number_as_written") or "")
        crop = cropper.crop_text(page, f"{written} {it.get('text', '')}")
        entries.append(ReviewEntry(
            "item", str(it.get("criterion") or "?"), page, tuple(reasons),
            f"{written} {it.get('text', '')}".strip(), str(it.get("match_title") or ""),
            score if isinstance(score, int | float) else None, (("", crop),),
        ))
    return entries, max(0, len(chosen) - MAX_ITEMS)


def review_names(doc: DocumentData, cropper: ScanCropper) -> list[ReviewEntry]:
    """Officers written several ways, or never written the way the matrix spells them."""
    pages: dict[str, int] = {}
    for a in doc.records("assignments"):
        pages.setdefault(str(a.get("name_as_written") or ""), int(a.get("page") or 0))
    entries = []
    for officer in doc.records("officers"):
        variants = [str(v) for v in officer.get("variants") or ()]
        canonical = name_key(str(officer.get("name") or ""))
        keys = {name_key(v) for v in variants}
        reasons = []
        if len(keys) > 1:
            reasons.append(f"{len(keys)} spellings")
        if variants and canonical not in keys:
            reasons.append("never written as shown")
        if not reasons:
            continue
        crops = []
        for variant in variants[:MAX_VARIANT_CROPS]:
            page = pages.get(variant)
            if page:
                crops.append((variant, cropper.crop_text(page, variant)))
        entries.append(ReviewEntry(
            "name", person(officer.get("title"), officer.get("name")), None, tuple(reasons),
            " | ".join(variants), "", None, tuple(crops),
        ))
    return entries


def review_pages(doc: DocumentData, cropper: ScanCropper) -> list[ReviewEntry]:
    """OCR'd pages of low mean confidence, each with its least confident lines."""
    entries = []
    for page in doc.pages:
        conf = page.confidence
        if page.method != "ocr" or conf is None or conf >= PAGE_CONFIDENCE_REVIEW:
            continue
        worst = sorted(
            (b for b in page.lines if b.confidence is not None and len(b.text) >= 4),
            key=lambda b: b.confidence or 0.0,
        )[:WORST_LINES]
        crops = tuple(
            (f"{fmt_score(b.confidence)}%: {b.text}", cropper.crop_lines(page.number, [b]))
            for b in worst
        )
        entries.append(ReviewEntry(
            "page", f"page {page.number}", page.number, (f"OCR confidence {conf:.0f}",),
            "\n".join(b.text for b in worst), "", None, crops,
        ))
    return entries


def review_html(doc: DocumentData, out_dir: Path, element_id: str) -> tuple[str, int]:
    """The queue of one document as HTML, and its number of entries."""
    cropper = ScanCropper(doc, out_dir)
    items, left_out = review_items(doc, cropper)
    entries = items + review_names(doc, cropper) + review_pages(doc, cropper)
    if not entries:
        return (f'<p class="note" id="{esc(element_id)}">ไม่มีรายการที่ต้องตรวจ '
                '<span class="en">nothing to review</span></p>', 0)
    rows = [_row(e, doc) for e in entries]
    header = [bi("รายการ", "what"), bi("ภาพสแกน", "scanned line"), bi("ข้อความที่อ่านได้", "extracted"),
              bi("ชื่อเกณฑ์ที่จับคู่", "matched catalog title")]
    more = (f'<p class="note">and {left_out} more items in items.csv</p>' if left_out else "")
    # The scan column is sized for crops only when there are any (text inputs have none).
    scans = any(crop.data_uri for e in entries for _, crop in e.crops)
    body = table(header, rows, "review scans" if scans else "review", raw=True)
    return f'<div class="review-queue" id="{esc(element_id)}">{body}{more}</div>', len(entries)


def _row(entry: ReviewEntry, doc: DocumentData) -> list[str]:
    kind = {"item": "ข้อ", "name": "ชื่อ", "page": "หน้า"}[entry.kind]
    page = ""
    if entry.page and entry.kind != "page":
        page = f' <span class="muted">p. {entry.page}</span>'
    if entry.score is not None and not any(r.startswith("match ") for r in entry.reasons):
        page += f' <span class="muted">· {fmt_score(entry.score)}%</span>'
    what = (
        f'<span class="chip">{esc(kind)}</span> <b>{esc(entry.label)}</b>{page}<br>'
        + "".join(f'<span class="chip bad">{esc(r)}</span>' for r in entry.reasons)
    )
    return [what, _crops(entry, doc), _text(clip(entry.text, TEXT_CHARS)),
            esc(clip(entry.catalog_title, TEXT_CHARS))]


def _crops(entry: ReviewEntry, doc: DocumentData) -> str:
    if not entry.crops:
        return f'<span class="noscan">{esc(_no_crop_reason(doc))}</span>'
    parts = []
    for caption, crop in entry.crops:
        cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
        if crop.data_uri:
            alt = f"scan of {entry.label}"
            parts.append(f'<figure><img src="{crop.data_uri}" alt="{esc(alt)}">{cap}</figure>')
        else:
            parts.append(f'<figure><span class="noscan">{esc(crop.note)}</span>{cap}</figure>')
    return "".join(parts)


def _no_crop_reason(doc: DocumentData) -> str:
    return "no scan (text input)" if doc.kind == "text" else "no page for this entry"


def _text(text: str) -> str:
    return esc(text).replace("\n", "<br>")
