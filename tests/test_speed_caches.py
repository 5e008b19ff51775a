"""The speed mechanisms change nothing they compute: the on-disk word tables, the tokenizer
trie answered from them, the dust filter and the paper flattening (`ocr/clean.py`,
`ocr/scan.py`, `extract/thai_dictionary.py`).

Real parts: PyThaiNLP's bundled word lists and its own `Trie`, the text the generator typeset
(`samples/expected/*.truth.json`), a table page rendered with WeasyPrint and degraded by the
generator's scanner. Timings are never asserted here (`make bench` measures them).
"""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from pythainlp.tokenize import word_tokenize
from pythainlp.util.trie import Trie

from extract import thai_dictionary as td
from ocr import clean, scan
from samples.degrade import COPY, FAMILY_SCAN, FAX
from tests.test_layout import TableDoc, render_table, scanned
from tests.test_scan_clean import photographed

EXPECTED = Path(__file__).resolve().parents[1] / "samples" / "expected"
CACHED = (td.general_words, td.thai_dictionary, td._tables, td.word_costs, td.prefix_table,
          td.dictionary_trie)


def _forget() -> None:
    for fn in CACHED:
        fn.cache_clear()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CIRCULARS_CACHE_DIR", str(tmp_path / "cache"))
    _forget()
    yield tmp_path / "cache"
    monkeypatch.undo()
    _forget()  # later tests load the real lists again (from the user's cache)


def test_word_tables_are_built_once_and_read_back_equal(cache_dir):
    built = td.prefix_table()
    (stored,) = cache_dir.glob("thai-word-tables-*.marshal")
    fresh_costs = td._build_costs()
    assert td.word_costs() == fresh_costs
    assert built == td._build_prefix_table(fresh_costs)
    _forget()
    stored.write_bytes(stored.read_bytes())  # the same file: read, not rebuilt
    mtime = stored.stat().st_mtime_ns
    assert td.prefix_table() == built
    assert stored.stat().st_mtime_ns == mtime
    assert list(cache_dir.iterdir()) == [stored]


def test_word_tables_are_rebuilt_when_the_word_list_changes(cache_dir, monkeypatch):
    td.prefix_table()
    (old,) = cache_dir.glob("thai-word-tables-*.marshal")
    new_word = "ศูนย์ราชการสะดวกพิเศษ"
    assert td.word_cost(new_word) is None
    monkeypatch.setattr(td, "DOMAIN_WORDS", td.DOMAIN_WORDS | {new_word})
    _forget()
    assert td.word_cost(new_word) is not None
    assert td.prefix_table()[new_word[:4]] is not None
    files = set(cache_dir.glob("thai-word-tables-*.marshal"))
    assert len(files) == 2 and old in files


def test_an_unreadable_cache_file_is_rebuilt(cache_dir):
    td.prefix_table()
    (stored,) = cache_dir.glob("thai-word-tables-*.marshal")
    stored.write_bytes(b"not a table")
    _forget()
    assert td.word_costs() == td._build_costs()
    assert td.prefix_table() == td._build_prefix_table(td._build_costs())


def _typeset_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(EXPECTED.glob("*.truth.json")):
        for page in json.loads(path.read_text(encoding="utf-8"))["pages"]:
            lines += [ln for ln in page.splitlines() if ln.strip()]
    return lines


def test_the_prefix_table_trie_tokenizes_like_pythainlps_trie():
    words = td.thai_dictionary()
    tree = Trie(words)
    table = td.dictionary_trie()
    assert len(table) == len(tree)
    lines = _typeset_lines()
    assert len(lines) > 100
    # Damaged text too (what the repair scores): letters swapped and marks dropped.
    lines += [ln.replace("้", "").replace("ร", "ธ") for ln in lines[:80]]
    for line in lines:
        assert word_tokenize(line, engine="newmm", custom_dict=table, keep_whitespace=False) \
            == word_tokenize(line, engine="newmm", custom_dict=tree, keep_whitespace=False), line
        for start in range(0, len(line), 7):
            assert table.prefixes(line, start) == tree.prefixes(line, start)
    for word in [*list(words)[:3000], "ประซาซน", "ผูู้กำกับ", ""]:
        assert (word in table) == (word in tree)


def test_the_stock_word_list_as_a_table_tokenizes_like_newmm_without_a_dictionary():
    # The name grammar cuts glued words with newmm's own word list (no person names):
    # the prefix table of that list must give exactly the stock tokens.
    from pythainlp.corpus import thai_family_names

    table = td.default_trie()
    lines = _typeset_lines()
    families = sorted(thai_family_names())[::50]
    glued = [f + tail for f in families for tail in ("ผู้อำนวยการ", "เป็นผู้รับผิดชอบ", "และ")]
    for text in [*lines, *glued]:
        assert word_tokenize(text, engine="newmm", custom_dict=table) \
            == word_tokenize(text, engine="newmm"), text


# -- page images ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ruled(tmp_path_factory) -> TableDoc:
    return render_table(tmp_path_factory.mktemp("speed") / "ruled.pdf")


def _specks_by_definition(ink: np.ndarray) -> np.ndarray:
    """Dust as `scan._specks` defines it, blob by blob: a blob smaller than 0.45 of the median
    glyph height both ways with no pixel of a larger blob within the glyph window."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    areas, heights, widths = stats[:, cv2.CC_STAT_AREA], stats[:, cv2.CC_STAT_HEIGHT], \
        stats[:, cv2.CC_STAT_WIDTH]
    glyph = float(np.median(heights[1:][areas[1:] >= 8]))
    small = [i for i in range(1, count) if heights[i] < 0.45 * glyph and widths[i] < 0.45 * glyph]
    big = (labels > 0) & ~np.isin(labels, small)
    half = int(glyph) // 2
    out = np.zeros_like(ink)
    for i in small:
        x, y, w, h = (int(v) for v in stats[i][:4])
        y0, x0 = max(0, y - half), max(0, x - half)
        part = (labels[y0 : y + h + half, x0 : x + w + half] == i).astype(np.uint8)
        reach = cv2.dilate(part, np.ones((2 * half + 1, 2 * half + 1), np.uint8))
        if not (reach.astype(bool) & big[y0 : y + h + half, x0 : x + w + half]).any():
            out[y : y + h, x : x + w][labels[y : y + h, x : x + w] == i] = 255
    return out


@pytest.mark.parametrize("profile", [FAMILY_SCAN, COPY, FAX], ids=lambda p: p.name)
def test_the_dust_filter_removes_exactly_the_dust(ruled, profile):
    gray = clean.flatten(np.asarray(scanned(ruled, profile)))
    ink = clean.ink(gray) if clean.grainy(gray) else clean.local(gray)
    found = scan._specks(ink.copy())
    expected = _specks_by_definition(ink)
    assert expected.any()  # the generator's scanner dusts every page
    assert np.array_equal(found, expected)


@pytest.mark.parametrize("form", ["copy", "photo"])
def test_flattening_equals_the_division(ruled, form):
    # The forms whose paper is not white (a clean scan's or a fax's paper already is).
    gray = np.asarray(scanned(ruled, COPY) if form == "copy" else photographed(ruled))
    h, w = gray.shape
    small = cv2.resize(gray, None, fx=clean.BACKGROUND_SCALE, fy=clean.BACKGROUND_SCALE,
                       interpolation=cv2.INTER_AREA)
    size = max(5, int(max(small.shape) * clean.BACKGROUND_WINDOW) | 1)
    paper = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    paper = cv2.GaussianBlur(cv2.medianBlur(paper, 5), (size | 1, size | 1), 0)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    divided = np.clip(gray.astype(np.float32) * 255.0 / np.maximum(paper, 1.0), 0, 255)
    flat = clean.flatten(gray)
    assert np.array_equal(flat, divided.astype(np.uint8))
    # The page was not already flat, and its paper comes out whiter.
    assert not np.array_equal(flat, gray)
    assert (flat >= 250).mean() > (gray >= 250).mean()
