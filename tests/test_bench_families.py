"""The family benchmark's scoring, on a hand-written truth and a hand-written output folder."""

from __future__ import annotations

import json
from pathlib import Path

from bench.families import pooled, score_document, summarise
from bench.report_families import families_section, splice

TRUTH = {
    "document": "list-0009", "family": "list", "split": "dev",
    "items": [{"criterion": "P1", "printed": "๑", "page": 1},
              {"criterion": "P2", "printed": "๒", "page": 1}],
    "assignments": [
        {"criterion": "P1", "role": "supervisor", "title": "นาย", "name": "สมชาย ใจดี"},
        {"criterion": "P1", "role": "responsible", "title": "นาง", "name": "สมศรี มีสุข"},
        {"criterion": "P2", "role": "supervisor", "title": "นาย", "name": "สมชาย ใจดี"},
        {"criterion": "P2", "role": "responsible", "title": "นาง", "name": "สมศรี มีสุข"},
    ],
    "officers": [{"title": "นาย", "name": "สมชาย ใจดี"}, {"title": "นาง", "name": "สมศรี มีสุข"}],
    "signer": {"title": "นาย", "name": "ประเสริฐ ชัยมงคล", "position": "ผู้ว่าราชการจังหวัด"},
    "numbering_errors": [{"criterion": "P2", "printed": "๑", "correct": "๒", "kind": "repeated"}],
    "declared_counts": [{"scope": "physical", "count": 2, "as_printed": "จำนวน ๒ ข้อ"}],
    "pages": ["ข้อ ๑ มีป้าย ผู้กำกับดูแล นายสมชาย ใจดี"],
}


def _output(folder: Path) -> Path:
    folder.mkdir()
    pages = [{"text": "ข้อ ๑ มีป้าย ผู้กำกับดูแล นายสมชาย ใจดี", "method": "ocr", "seconds": 1.0}]
    (folder / "pages.json").write_text(json.dumps({"pages": pages}), "utf-8")
    doc = {
        "items": [{"criterion": "P1"}, {"criterion": "P2"}],
        "assignments": [  # one right supervisor, a misspelt one, a wrong role, one missing
            {"criterion": "P1", "role": "supervisor", "name": "สมชาย ใจดี"},
            {"criterion": "P2", "role": "supervisor", "name": "สมชาย ใจดิ"},
            {"criterion": "P1", "role": "supervisor", "name": "สมศรี มีสุข"},
        ],
        "findings": [{"kind": "duplicate", "criterion": "P2"}],
        "declared_counts": [{"count": 2}],
        "meta": {"signer": {"name": "ประเสริฐ ชัยมงคล"}},
    }
    (folder / "document.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return folder


def test_score_document(tmp_path: Path) -> None:
    row = score_document(TRUTH, _output(tmp_path / "o"))
    exact, near = row["assignments"]["edits_0"], row["assignments"]["edits_1"]
    assert (exact["true_positives"], exact["predicted"], exact["expected"]) == (1, 3, 4)
    assert near["true_positives"] == 2  # ใจดิ is one edit from ใจดี
    assert row["officers"] == {"found": 3, "true": 2, "matched": 2}
    assert row["items"]["in_sequence"] == 2
    assert row["numbering"] == {"true": 1, "flagged": 1, "detected": 1}
    assert row["declared"]["matched"] == 1
    assert row["signer_right"] is True
    assert row["cer"] == 0.0


def test_pooled_sums_counts_not_scores(tmp_path: Path) -> None:
    row = {"family": "list", "form": "fax", **score_document(TRUTH, _output(tmp_path / "o"))}
    other = json.loads(json.dumps(row))
    other["assignments"]["edits_0"].update(true_positives=4, predicted=4, expected=4)
    total = pooled([row, other])["assign_edits_0"]
    assert (total["tp"], total["predicted"], total["expected"]) == (5, 7, 8)
    assert abs(total["f1"] - 2 * (5 / 7) * (5 / 8) / (5 / 7 + 5 / 8)) < 1e-3


def test_report_section_spliced_once(tmp_path: Path) -> None:
    row = {"family": "list", "form": "fax", "document": "list-0009", "file": "x.pdf",
           **score_document(TRUTH, _output(tmp_path / "o"))}
    results = {"families": {"split": "dev", "run": {"wall": 10.0, "cpu": 9.0},
                            "documents": [row], "summary": summarise([row])}}
    section = families_section(results)
    assert any(line.startswith("| list | 0.29 |") for line in section)  # F1 of 1/3 and 1/4
    report = "# Benchmarks\n\n## Targets\n\nt\n\n## Accuracy\n\na\n"
    once = splice(report, section)
    twice = splice(once, section)
    assert once == twice and once.count("## Generalisation") == 1
    assert once.index("## Targets") < once.index("## Generalisation") < once.index("## Accuracy")


def test_numbers_by_model_puts_the_thai_reading_back(tmp_path: Path) -> None:
    from bench.families_extras import numbers_by_model
    from bench.report_families import numbers_lines

    truth_dir = tmp_path / "truth"
    truth_dir.mkdir()
    truth = {**TRUTH, "pages": ["ข้อ ๑ มีป้าย\nข้อ ๔ มีที่นั่ง"]}
    (truth_dir / "list-0009.truth.json").write_text(json.dumps(truth, ensure_ascii=False),
                                                   "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    folder = _output(out / "list-0009_fax")
    # The number model read ๔ where the Thai model (which cannot write ๔) had read ๕.
    word = {"text": "๔", "box": [10, 40, 20, 50], "confidence": 90.0, "original": "๕",
            "reading": "๔"}
    layout = {"width": 100, "height": 100, "unit": "px", "tables": [], "rules": [],
              "lines": [{"text": "ข้อ ๑ มีป้าย", "box": [0, 0, 90, 10]},
                        {"text": "ข้อ ๔ มีที่นั่ง", "box": [0, 40, 90, 50]}],
              "words": [word]}
    page = {"text": "ข้อ ๑ มีป้าย\nข้อ ๔ มีที่นั่ง", "method": "ocr", "layout": layout}
    (folder / "pages.json").write_text(json.dumps({"pages": [page]}, ensure_ascii=False),
                                       "utf-8")
    result = numbers_by_model(out, truth_dir)
    assert result["reread"]["fax"]["numbers_exact"] == 1.0
    assert result["stock"]["fax"]["numbers_exact"] == 0.5
    assert any("fax 1-bit 200 dpi, stock" in line for line in numbers_lines(result))
