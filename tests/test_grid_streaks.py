"""Short vertical strokes touching a rule of a table drawn with horizontal rules only.

A 200-dpi copy of a copy leaves streaks and letter stems that touch a horizontal rule but run
from no rule to the next. Taken for column rules they made the table "ruled" with columns at the
streaks, so every row was read as one cell and the roles were lost. The geometry is that of a
page of the dev split's norules copies (A4 at 300 dpi): rules across the page, three columns of
words, streaks one text line tall.
"""

from __future__ import annotations

from itertools import pairwise

from ocr.grid import find_tables
from ocr.layout import Word

W, H = 2482.0, 3509.0
X0, X1 = 200.0, 2300.0
YS = (380.0, 540.0, 770.0, 1000.0, 1230.0)
# Column starts: number, criterion, supervisor, responsible.
COLS = (220.0, 420.0, 1250.0, 1800.0)


def _hrule(y: float) -> tuple[float, float, float, float]:
    return (X0, y - 3, X1, y + 3)


def _words() -> list[Word]:
    out = []
    for top, bottom in pairwise(YS):
        y = (top + bottom) / 2
        for x, width in zip(COLS, (60.0, 500.0, 350.0, 350.0), strict=True):
            out.append(Word("คำ", (x, y - 25, x + width, y + 25)))
    return out


def _columns(vrules: list[tuple[float, float, float, float]]) -> tuple[bool, int]:
    tables = find_tables([_hrule(y) for y in YS], vrules, _words(), W, H)
    assert len(tables) == 1
    return tables[0].ruled_columns, tables[0].cols


def test_streaks_touching_a_rule_are_no_column_rules():
    # One text line tall, hanging from the header's rule and from a body rule.
    streaks = [(1437.0, YS[1] - 70, 1439.0, YS[1]), (900.0, YS[3], 902.0, YS[3] + 70)]
    ruled, cols = _columns(streaks)
    assert not ruled
    assert cols == len(COLS)


def test_column_rules_from_rule_to_rule_keep_the_table_ruled():
    rules = [(x - 10 - 1, YS[0], x - 10 + 1, YS[-1]) for x in COLS[1:]]
    rules += [(X0 - 1, YS[0], X0 + 1, YS[-1]), (X1 - 1, YS[0], X1 + 1, YS[-1])]
    ruled, cols = _columns(rules)
    assert ruled
    assert cols == len(COLS)


def test_specks_in_the_header_make_no_columns():
    """A fax's dots in the header band (4-6 px at 300 dpi, measured on dev norules-0004 fax,
    whose light face left them as ink blobs of their own) are no column labels: between the
    header's labels they had put boundaries, nine columns for four."""
    header = [Word("", (x, YS[0] + 20, x + width, YS[0] + 70))
              for x, width in zip(COLS, (100.0, 300.0, 250.0, 250.0), strict=True)]
    specks = [Word("", (x, YS[0] + 30 + k % 3 * 12, x + 5, YS[0] + 35 + k % 3 * 12))
              for k, x in enumerate((330.0, 900.0, 1100.0, 1350.0, 1650.0, 2050.0))]
    tables = find_tables([_hrule(y) for y in YS], [], header + specks + _words(), W, H)
    assert len(tables) == 1
    assert tables[0].cols == len(COLS)


def test_a_header_rule_broken_in_pieces_still_ends_the_header():
    """The rule under a header that a fax broke into pieces (none across the table alone) ends
    the header: the first body row's words are no header labels (dev multiname-0004 fax: a
    name of the first row between two labels made a fifth column)."""
    header = [Word("", (x, YS[0] + 20, x + width, YS[0] + 70))
              for x, width in zip(COLS, (100.0, 300.0, 250.0, 250.0), strict=True)]
    # A short name at the left of the first row's responsible cell, clear of every label.
    first = [Word("", (1700.0, YS[1] + 30, 1790.0, YS[1] + 80))]
    rules = [_hrule(y) for y in YS if y != YS[1]]
    rules += [(X0, YS[1] - 3, 1200.0, YS[1] + 3), (1215.0, YS[1] - 3, X1, YS[1] + 3)]
    tables = find_tables(rules, [], header + first + _words(), W, H)
    assert len(tables) == 1
    assert tables[0].cols == len(COLS)


def test_a_border_rule_cut_by_a_fax_dropout_keeps_its_row_in_the_table():
    """The top rule of a table with horizontal rules only, cut near its end by a gap of 21 px
    (300 dpi; a fax's white dropout line crossing the skewed rule, dev multiname-0005 fax p4):
    neither piece spans the table alone, and the header row fell out of the table, so the role
    columns lost their labels. The pieces are one rule; the header stays the table's first row."""
    header = [Word("", (x, YS[0] + 20, x + width, YS[0] + 70))
              for x, width in zip(COLS, (100.0, 300.0, 250.0, 250.0), strict=True)]
    cut = X1 - 170.0
    rules = [(X0, YS[0] - 3, cut, YS[0] + 3), (cut + 21.0, YS[0] - 2, X1, YS[0] + 4)]
    rules += [_hrule(y) for y in YS[1:]]
    tables = find_tables(rules, [], header + _words(), W, H)
    assert len(tables) == 1
    assert abs(tables[0].box[1] - YS[0]) < 5
    assert tables[0].rows == len(YS) - 1
    assert tables[0].cols == len(COLS)
