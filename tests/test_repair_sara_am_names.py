"""A name whose SARA AM a text layer split (`ค  าปวน`) gets it back, and keeps its space.

The Garuda and Loma text layers of WeasyPrint write SARA AM as a gap before SARA AA. SARA AA
never starts a word, so the gap can only be a lost NIKHAHIT or nothing: where the restored word
is a name (listed or not), the name is what was written. Before, only a general word could be
restored, so `นายกมล ค  าปวน` read `นายกมลคาปวน` (the name lost and glued to the given
name) on every page of dev-like multiname documents. The truth is what was typeset.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.thai_repair import repair
from ocr import pdf
from tests.conftest import render_pdf

NAMES = [
    "นายกมล คำปวน",  # a listed family name
    "นางสาวลำใย อำนาคะ",  # a listed given name and a listed family name
    "นายสมชาย ขำวงศ์ดี",  # a family name on no list
    "นางสำเนียง ทองดี",  # a general word as given name
    "ดำเนินการ ประจำปี",  # general words stay as they were repaired before
]


@pytest.mark.parametrize("font", ["Garuda", "Loma"])
def test_sara_am_of_names_in_a_weasyprint_text_layer(font: str, tmp_path: Path) -> None:
    path = render_pdf(NAMES, tmp_path / "names.pdf", font=font, size=14)
    raw = [line.strip() for line in pdf.text_layer(path, 0).split("\n") if line.strip()]
    assert len(raw) == len(NAMES)
    assert "ำ" not in raw[0]  # the damage is there to repair
    assert [repair(line) for line in raw] == NAMES


@pytest.mark.parametrize("written, meant", [
    ("นายกมล ค  าปวน", "นายกมล คำปวน"),
    ("นางสาวล  าใย อ  านาคะ", "นางสาวลำใย อำนาคะ"),
    ("นายสมชาย ข  าวงศ์ดี", "นายสมชาย ขำวงศ์ดี"),
    ("ก า ร มี ส่ ว น ร่ ว ม", "การมีส่วนร่วม"),  # spaced-out letters still join
])
def test_lost_nikhahit_restored_in_names(written: str, meant: str) -> None:
    assert repair(written) == meant
