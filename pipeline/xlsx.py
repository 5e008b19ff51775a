"""The responsibility matrix as an Excel workbook: one sheet per document, batch and workload."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.writers import atomic_write_bytes, claim_name

THAI_FONT = (
    "Tahoma"  # ships with Windows and Office and has Thai glyphs; Excel's default lacks them
)
FILL = {"ก": PatternFill("solid", fgColor="F4B183"), "ร": PatternFill("solid", fgColor="9DC3E6")}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(name: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("_", name)[:28] or "sheet"
    return claim_name(base, lambda n: f"{base[:26]}-{n}", taken)


def write_matrix_xlsx(
    path: Path,
    sheets: Mapping[str, tuple[list[str], Sequence[Sequence[object]]]],
    workload: Sequence[Sequence[object]],
) -> None:
    wb = Workbook()
    summary = wb.active
    summary.title = "workload"
    _fill(summary, ["title", "name", "supervisor", "responsible", "total", "documents"], workload)
    taken = {"workload"}
    for name, (header, body) in sheets.items():
        ws = wb.create_sheet(_sheet_title(name, taken))
        _fill(ws, header, body)
        for row in ws.iter_rows(min_row=2, min_col=2):
            for cell in row:
                if cell.value:
                    cell.fill = FILL.get(str(cell.value)[:1], PatternFill())
                    cell.alignment = Alignment(horizontal="center")
    buf = io.BytesIO()
    wb.save(buf)
    atomic_write_bytes(path, buf.getvalue())


def _fill(ws: Worksheet, header: list[str], body: Sequence[Sequence[object]]) -> None:
    font, bold = Font(name=THAI_FONT, size=11), Font(name=THAI_FONT, size=11, bold=True)
    ws.append(header)
    for row in body:
        ws.append(row)
    for row in ws.iter_rows():
        for cell in row:
            cell.font = bold if cell.row == 1 else font
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = 28
    for col in range(2, len(header) + 1):
        ws.column_dimensions[get_column_letter(col)].width = max(
            6, min(14, len(str(header[col - 1])) + 2)
        )
