"""`report.html`: one self-contained page that shows a batch (no script, no network).

Built only from the files of an output folder, so it can be rebuilt at any time with
`circulars report OUT_DIR`. Sections: batch summary; then per document its metadata, the
responsibility matrix as a heatmap, workload chart, assignments, coverage of the catalog,
validation findings in Thai and English, and a review queue with crops of the scanned lines.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.report.css import CSS
from pipeline.report.html import bi, esc, fmt_score, person, slug, table
from pipeline.report.load import BatchData, DocumentData, load_batch
from pipeline.report.matrix import (
    Responsibility,
    assignments_html,
    coverage_html,
    matrix_html,
    responsibility,
    workload_svg,
)
from pipeline.report.review import MATCH_REVIEW, review_html
from pipeline.report.svg import Panel, Segment, bar_chart
from pipeline.writers import read_csv, write_text

log = logging.getLogger(__name__)

REPORT_NAME = "report.html"
MERGE_AT = 3  # this many findings that differ only in the criterion become one row

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_SEVERITY_TH = {"error": "ผิดพลาด", "warning": "ควรตรวจ", "info": "ข้อมูล"}
# Thai for a kind, when a finding carries no Thai detail beyond its page.
_KIND_TH = {
    "duplicate": "เลขข้อซ้ำ",
    "gap": "ไม่พบข้อในเอกสาร",
    "out_of_order": "เลขข้อไม่เรียงลำดับ",
    "junk_number": "เลขข้ออ่านไม่ได้ (กู้คืนจากลำดับ)",
    "number_corrected": "แก้เลขข้อตามเนื้อความ",
    "declared_count": "จำนวนข้อไม่ตรงกับที่เอกสารระบุ",
    "declared_count_ok": "จำนวนข้อตรงกับที่เอกสารระบุ",
    "unassigned": "ไม่มีผู้รับผิดชอบ",
    "not_a_criterion": "ไม่ใช่ข้อของเกณฑ์",
    "edition_fit": "เลขข้อตรงกับเกณฑ์ฉบับอื่นมากกว่า",
    "note": "หมายเหตุจากการจับคู่เกณฑ์",
}
_METHOD_LABEL = {"ocr": "OCR", "text-layer": "text layer", "text": "text file"}


@dataclass(frozen=True)
class DocView:
    """A document with what its sections need, computed once."""

    doc: DocumentData
    anchor: str
    resp: Responsibility
    review: str
    review_count: int

    @property
    def ocr_confidence(self) -> float | None:
        confs = [p.confidence for p in self.doc.pages if p.method == "ocr" and p.confidence]
        return statistics.fmean(confs) if confs else None

    def severity_count(self, severity: str) -> int:
        return sum(f.get("severity") == severity for f in self.doc.records("findings"))

    def items_to_review(self) -> int:
        return sum(
            1 for it in self.doc.records("items")
            if it.get("flags") or not isinstance(it.get("match_score"), int | float)
            or it["match_score"] < MATCH_REVIEW
        )


def write_report(out_dir: Path) -> Path:
    """Write `<out_dir>/report.html` (atomically) from the files of the output folder."""
    out_dir = Path(out_dir)
    batch = load_batch(out_dir)
    views = []
    errors = list(batch.errors)
    for index, doc in enumerate(batch.documents, 1):
        anchor = slug(doc.name, index)
        try:
            review, count = review_html(doc, out_dir, f"{anchor}-review")
            views.append(DocView(doc, anchor, responsibility(doc), review, count))
        except Exception as exc:  # one odd document must not cost the batch its report
            log.warning("%s: left out of the report: %s", doc.name, exc,
                        exc_info=log.isEnabledFor(logging.DEBUG))
            errors.append({"file": doc.name, "stage": "report", "page": "",
                           "reason": f"{type(exc).__name__}: {exc}"})
    path = out_dir / REPORT_NAME
    write_text(path, render(batch, views, errors))
    log.debug("report: %s (%d document(s))", path, len(views))
    return path


def render(batch: BatchData, views: list[DocView], errors: list[dict[str, str]]) -> str:
    nav = "".join(f'<a href="#{esc(v.anchor)}">{esc(v.doc.name)}</a>' for v in views)
    generated = datetime.now().strftime("%Y-%m-%d %H:%M")
    return (
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>รายงานผลการประมวลผล · {esc(batch.out_dir.name)}</title>"
        f"<style>{CSS}</style></head><body>"
        '<header class="top"><h1>รายงานผลการประมวลผลเอกสารศูนย์ราชการสะดวก '
        '<span class="en">GECC batch report</span></h1>'
        f"<p>{esc(batch.out_dir.name)} · {esc(generated)}</p></header>"
        f'<nav class="toc"><a href="#summary">สรุป summary</a>{nav}</nav><main>'
        + summary_html(batch, views, errors)
        + "".join(document_html(v) for v in views)
        + "</main></body></html>\n"
    )


def summary_html(batch: BatchData, views: list[DocView], errors: list[dict[str, str]]) -> str:
    pages = [p for v in views for p in v.doc.pages]
    methods = Counter(p.method for p in pages)
    confs = [p.confidence for p in pages if p.method == "ocr" and p.confidence]
    officers_csv = batch.out_dir / "officers.csv"
    officers = len(read_csv(officers_csv)) if officers_csv.is_file() else 0
    n_items = sum(len(v.doc.records("items")) for v in views)
    n_assign = sum(len(v.doc.records("assignments")) for v in views)

    def card(value: object, th: str, en: str, bad: bool = False) -> str:
        return f'<div class="card{" bad" if bad else ""}"><b>{esc(value)}</b>{bi(th, en)}</div>'

    cards = "".join([
        card(len(views), "เอกสาร", "documents"),
        card(len(pages), "หน้า", "pages"),
        *(card(methods[m], _METHOD_LABEL.get(m, m), "pages") for m in ("ocr", "text-layer", "text")
          if methods[m]),
        card(f"{statistics.fmean(confs):.1f}" if confs else "–", "ความเชื่อมั่น OCR เฉลี่ย",
             "mean OCR confidence"),
        card(n_items, "ข้อเกณฑ์", "items"),
        card(n_assign, "การมอบหมาย", "assignments"),
        card(officers, "เจ้าหน้าที่", "officers"),
        card(sum(v.review_count for v in views), "รายการต้องตรวจ", "to review"),
        card(len(errors), "ข้อผิดพลาด", "errors", bad=bool(errors)),
    ])
    editions: dict[str, list[str]] = defaultdict(list)
    for v in views:
        editions[v.doc.edition or "–"].append(v.doc.name)
    edition_rows = [[e, str(len(d)), ", ".join(d)] for e, d in sorted(editions.items())]
    doc_rows = [
        [
            f'<a href="#{esc(v.anchor)}">{esc(v.doc.name)}</a>',
            esc(v.doc.kind),
            str(len(v.doc.pages)),
            esc(", ".join(f"{_METHOD_LABEL.get(m, m)} {n}" for m, n in
                          Counter(p.method for p in v.doc.pages).items())),
            fmt_score(v.ocr_confidence),
            esc(v.doc.edition or "–"),
            str(len(v.doc.records("items"))),
            str(len(v.doc.records("assignments"))),
            f'<span class="sev-error">{v.severity_count("error")}</span> / '
            f'<span class="sev-warning">{v.severity_count("warning")}</span>',
            str(v.review_count),
        ]
        for v in views
    ]
    doc_header = [bi("เอกสาร", "document"), bi("ชนิด", "kind"), bi("หน้า", "pages"),
                  bi("วิธีอ่าน", "method"), bi("OCR %", "confidence"), bi("ฉบับเกณฑ์", "edition"),
                  bi("ข้อ", "items"), bi("มอบหมาย", "assignments"),
                  bi("ผิดพลาด/เตือน", "errors/warnings"), bi("ต้องตรวจ", "to review")]
    error_table = (
        table([bi("ไฟล์", "file"), bi("ขั้นตอน", "stage"), bi("หน้า", "page"),
               bi("สาเหตุ", "reason")],
              ([e.get("file", ""), e.get("stage", ""), e.get("page", ""), e.get("reason", "")]
               for e in errors), "errors")
        if errors else
        '<p class="ok">ไม่มีข้อผิดพลาด <span class="en">no errors</span></p>'
    )
    chart = ""
    if views:
        chart = bar_chart(
            [v.doc.name for v in views],
            [
                Panel("ข้อเกณฑ์ (items)", [
                    Segment("ok", "ok", [len(v.doc.records("items")) - v.items_to_review()
                                         for v in views]),
                    Segment("to review", "review", [v.items_to_review() for v in views]),
                ]),
                Panel("ผลการตรวจ (findings)", [
                    Segment("errors", "err", [v.severity_count("error") for v in views]),
                    Segment("warnings", "warn", [v.severity_count("warning") for v in views]),
                ]),
            ],
            chart_id="summary-chart",
            title="Items and findings per document",
        )
    return (
        f'<section id="summary"><h2>{bi("สรุปชุดเอกสาร", "batch summary")}</h2>'
        f'<div class="cards">{cards}</div>'
        f"<h3>{bi('ฉบับเกณฑ์ที่ตรวจพบ', 'editions detected')}</h3>"
        + table([bi("ฉบับ", "edition"), bi("จำนวน", "documents"), bi("เอกสาร", "names")],
                edition_rows, "editions")
        + f"<h3>{bi('เอกสาร', 'documents')}</h3>"
        + table(doc_header, doc_rows, "documents", raw=True)
        + chart
        + f"<h3>{bi('ข้อผิดพลาด', 'errors')}</h3>{error_table}</section>"
    )


def document_html(view: DocView) -> str:
    doc, anchor = view.doc, view.anchor
    parts = [
        f'<section class="document" id="{esc(anchor)}"><h2>{esc(doc.name)}</h2>',
        f'<p class="muted">{esc(doc.source)} · {esc(doc.kind)} · {len(doc.pages)} page(s) · '
        f"{esc(doc.status)}</p>",
    ]
    if doc.errors:
        parts.append("<ul class='doc-errors'>" + "".join(
            f'<li class="sev-error">{esc(e.get("stage", ""))} p.{esc(e.get("page", ""))}: '
            f'{esc(e.get("reason", ""))}</li>' for e in doc.errors) + "</ul>")
    if doc.extraction is None:
        parts.append('<p class="note">ไม่มีผลการสกัดข้อมูล '
                     '<span class="en">no extraction (see errors)</span></p></section>')
        return "".join(parts)
    parts.append(f"<h3>{bi('ข้อมูลเอกสาร', 'metadata')}</h3>" + meta_html(doc.extraction))
    if view.resp.loads:
        parts += [
            f'<section class="matrix-page"><h3>{bi("ตารางความรับผิดชอบ", "responsibility matrix")}'
            f'</h3>{matrix_html(view.resp, anchor + "-matrix")}</section>',
            f"<h3>{bi('ภาระงานรายบุคคล', 'workload per officer')}</h3>",
            workload_svg(view.resp, anchor + "-workload"),
            f"<h3>{bi('การมอบหมาย', 'assignments')}</h3>",
            assignments_html(doc, view.resp),
            f"<h3>{bi('ความครอบคลุมของเกณฑ์', 'coverage')}</h3>",
            coverage_html(view.resp),
        ]
    else:
        parts.append(
            '<p class="note">เอกสารนี้ไม่มีการมอบหมายผู้รับผิดชอบ (หนังสือเวียนหรือรายการเกณฑ์) '
            '<span class="en">no assignments in this document (a circular or a criteria list)'
            "</span></p>"
        )
    parts.append(f"<h3>{bi('ผลการตรวจสอบ', 'validation findings')}</h3>")
    parts.append(findings_html(doc.records("findings")))
    parts.append(f"<h3>{bi('รายการที่ควรตรวจทาน', 'review queue')}</h3>{view.review}</section>")
    return "".join(parts)


def meta_html(extraction: dict[str, Any]) -> str:
    meta = extraction.get("meta") or {}
    signer = meta.get("signer") or {}
    signer_text = person(signer.get("title"), signer.get("name"))
    if signer.get("position"):
        signer_text += f" — {signer['position']}"
    date = meta.get("date_th") or ""
    if meta.get("date_iso"):
        date += f" ({meta['date_iso']})"
    scores = ", ".join(f"{e} ({s:.2f})" for e, s in extraction.get("edition_scores") or ())
    rows = [
        ("หน่วยงาน", "issuer", meta.get("issuer")),
        ("เลขที่", "number", meta.get("number")),
        ("วันที่", "date", date),
        ("เรื่อง", "subject", meta.get("subject")),
        ("ผู้ลงนาม", "signer", signer_text),
        ("ฉบับเกณฑ์", "edition", f"{extraction.get('edition') or '–'}  [{scores}]"),
    ]
    return '<dl class="meta">' + "".join(
        f"<dt>{bi(th, en)}</dt><dd>{esc(value) if value else '–'}</dd>" for th, en, value in rows
    ) + "</dl>"


def thai_detail(finding: dict[str, Any]) -> str:
    """The Thai detail, completed with the kind's Thai name when it holds only a page prefix."""
    th = str(finding.get("detail_th") or "").strip()
    if re.sub(r"^หน้า\s*\d+\s*:?", "", th).strip():
        return th
    label = _KIND_TH.get(str(finding.get("kind")), "")
    return f"{th} {label}".strip() if label else th


def merge_findings(findings: list[dict[str, Any]]) -> list[tuple[str, str, str, str, str]]:
    """(severity, kind, criteria, Thai, English) rows; findings that differ only in their
    criterion (gap, unassigned, ...) become one row listing the criteria."""
    groups: dict[tuple[str, str, str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in findings:
        cid = str(f.get("criterion") or "")
        en, th = str(f.get("detail") or ""), thai_detail(f)
        if cid and cid in en:
            key = ("T", str(f.get("severity")), str(f.get("kind")), en.replace(cid, "\0"),
                   th.replace(cid, "\0"))
        else:
            key = ("U", str(id(f)), "", "", "")  # a group of one
        groups[key].append(f)
    rows: list[tuple[str, str, str, str, str]] = []
    for key, group in groups.items():
        first = group[0]
        sev, kind = str(first.get("severity") or ""), str(first.get("kind") or "")
        if key[0] == "T" and len(group) >= MERGE_AT:
            ids = ", ".join(str(f["criterion"]) for f in group)
            rows.append((sev, kind, f"{len(group)} ข้อ", key[4].replace("\0", ids),
                         key[3].replace("\0", ids)))
        else:
            rows += [(sev, kind, str(f.get("criterion") or ""), thai_detail(f),
                      str(f.get("detail") or "")) for f in group]
    rows.sort(key=lambda r: _SEVERITY_ORDER.get(r[0], 3))
    return rows


def findings_html(findings: list[dict[str, Any]]) -> str:
    rows = merge_findings(findings)
    if not rows:
        return '<p class="ok">ไม่พบปัญหา <span class="en">no findings</span></p>'
    header = [bi("ระดับ", "severity"), bi("ชนิด", "kind"), bi("ข้อ", "criterion"),
              bi("รายละเอียด", "Thai"), "English"]

    def body(selected: list[tuple[str, str, str, str, str]]) -> str:
        return "".join(
            f'<tr class="sev-{esc(sev)}"><td class="sev-{esc(sev)}">'
            f"{esc(_SEVERITY_TH.get(sev, sev))}"
            f'<br><span class="en">{esc(sev)}</span></td><td>{esc(kind)}</td><td>{esc(cid)}</td>'
            f"<td>{esc(th)}</td><td>{esc(en)}</td></tr>"
            for sev, kind, cid, th, en in selected
        )

    head = "<thead><tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr></thead>"
    main_rows = [r for r in rows if r[0] != "info"]
    info_rows = [r for r in rows if r[0] == "info"]
    out = f'<table class="findings">{head}<tbody>{body(main_rows)}</tbody></table>' if main_rows \
        else '<p class="ok">ไม่มีข้อผิดพลาดหรือคำเตือน <span class="en">no errors or warnings</span></p>'
    if info_rows:
        out += (f"<details><summary>{bi(f'ข้อมูลเพิ่มเติม {len(info_rows)} รายการ', 'notes')}"
                f'</summary><table class="findings">{head}<tbody>{body(info_rows)}</tbody></table>'
                "</details>")
    return out
