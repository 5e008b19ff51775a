"""Text layers that write MAI THO as SARA UU (and SARA UU as MAI THO) are repaired.

WeasyPrint's PDFs of the Thai TLWG faces map the two marks onto each other in their text layer
(``ขูอ`` for ข้อ, ``ถ้ก`` for ถูก), as the born-digital dev documents show. The truth is what
was typeset; the text layer is read by the pipeline's own reader (pdfplumber).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.thai_repair import repair
from ocr import pdf
from tests.conftest import render_pdf

LINES = [
    "ผู้รับผิดชอบรายข้อ ด้านเทคโนโลยี",
    "ให้บริการได้ถูกต้อง เจ้าหน้าที่",
    "มีการสร้างความเข้าใจ",
    "กรณีเกิดข้อร้องเรียน",
    "หัวหน้าฝ่ายบริหารทั่วไป",
    # words whose SARA UU is right stay as they are
    "ดูแลผู้สูงอายุ",
    "ครูภูมิปัญญา การขู่",
]


@pytest.mark.parametrize("font", ["Garuda", "Loma", "Sawasdee"])
def test_swapped_marks_of_a_weasyprint_text_layer(font: str, tmp_path: Path) -> None:
    path = render_pdf(LINES, tmp_path / "swapped.pdf", font=font, size=14)
    raw = [line.strip() for line in pdf.text_layer(path, 0).split("\n") if line.strip()]
    assert len(raw) == len(LINES)
    assert "ขูอ" in raw[0] and "ถ้ก" in raw[1]  # the damage is there to repair
    assert [repair(line) for line in raw] == LINES


@pytest.mark.parametrize("written, meant", [
    ("ผููรับผิดชอบ", "ผู้รับผิดชอบ"),  # the second SARA UU was MAI THO
    # a face that also writes SARA AA as SARA AM (text layer of samples/docs/ruled-0001_digital)
    ("เกณฑ์ดูำนกำยภำพ (๑๔ ขูอ)", "เกณฑ์ด้านกายภาพ (๑๔ ข้อ)"),
    ("ใหูบริการ", "ให้บริการ"),
    ("ดูแล ครู หนู ภูมิ ปู่ ผู้", "ดูแล ครู หนู ภูมิ ปู่ ผู้"),
])
def test_sara_uu_for_mai_tho_where_the_dictionary_prefers_it(written: str, meant: str) -> None:
    assert repair(written) == meant
