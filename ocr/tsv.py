"""Tesseract's word table (tsv) read: line boxes, the mean word confidence, and Thai words with
boxes rebuilt from the glyph clusters the table holds (`ocr/tesseract.py` asks for it)."""

from __future__ import annotations

from dataclasses import dataclass

from ocr.layout import Box, Word


@dataclass(frozen=True)
class LineBox:
    """A recognised line in page-image pixels (at the OCR dpi)."""

    left: int
    top: int
    width: int
    height: int
    text: str  # letters of the line without spaces (the tsv splits Thai into single letters)
    confidence: float | None


def line_boxes(tsv: str) -> tuple[LineBox, ...]:
    """Each text line's box and confidence, so a reviewer can be shown the scanned line."""
    # (block, paragraph, line) -> (left, top, width, height), its words, their confidences
    boxes: dict[tuple[str, str, str], tuple[tuple[int, int, int, int], list[str], list[float]]]
    boxes = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) != 12:
            continue
        key = (cols[2], cols[3], cols[4])
        if cols[0] == "4":
            boxes[key] = ((int(cols[6]), int(cols[7]), int(cols[8]), int(cols[9])), [], [])
        elif cols[0] == "5" and key in boxes and cols[11].strip():
            boxes[key][1].append(cols[11].strip())
            if float(cols[10]) >= 0:
                boxes[key][2].append(float(cols[10]))
    return tuple(
        LineBox(*box, "".join(words), round(sum(confs) / len(confs), 1) if confs else None)
        for box, words, confs in boxes.values()
        if words
    )


def mean_confidence(tsv: str) -> float | None:
    """Mean confidence of recognised words in Tesseract's tsv output (None if no word)."""
    confs: list[float] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) == 12 and cols[0] == "5" and cols[11].strip():
            conf = float(cols[10])
            if conf >= 0:
                confs.append(conf)
    return round(sum(confs) / len(confs), 2) if confs else None


# -- words with boxes, and reading regions -----------------------------------------------------

# Glyph clusters further apart than this many line heights are never one word, whatever the
# plain text says (a line that runs across two table columns).
WORD_BREAK = 1.2


def words_of(tsv: str, text: str) -> tuple[Word, ...]:
    """Words with boxes, rebuilt from the tsv's glyph clusters and the plain text's spaces.

    For Thai the tsv boxes each glyph cluster as a "word"; the plain text of the same run says
    where the spaces are. Each tsv line is matched with the plain-text line of the same letters;
    clusters with no space between them in that line are one word. A line that cannot be
    matched falls back to the gaps between the boxes.
    """
    lines: dict[tuple[str, str, str], list[tuple[str, Box, float]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) != 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, w, h = (int(v) for v in cols[6:10])
        lines.setdefault((cols[2], cols[3], cols[4]), []).append(
            (cols[11].strip(), (float(left), float(top), float(left + w), float(top + h)),
             float(cols[10]))
        )
    plain = [ln for ln in text.splitlines() if ln.strip()]
    by_letters: dict[str, list[str]] = {}
    for ln in plain:
        by_letters.setdefault("".join(ln.split()), []).append(ln)
    out: list[Word] = []
    for clusters in lines.values():
        letters = "".join(c[0] for c in clusters)
        candidates = by_letters.get("".join(letters.split()))
        spaces = _spaces_from_text(clusters, candidates.pop(0)) if candidates else None
        height = max(c[1][3] - c[1][1] for c in clusters)
        current: list[tuple[str, Box, float]] = []
        for i, cluster in enumerate(clusters):
            gap = cluster[1][0] - current[-1][1][2] if current else 0.0
            broken = spaces[i] if spaces is not None else gap > 0.45 * height
            if current and (broken or gap > WORD_BREAK * height):
                out.append(_word(current))
                current = []
            current.append(cluster)
        if current:
            out.append(_word(current))
    return tuple(w for w in out if not _floating(w, out))


# A word read below this confidence that stands just above a confident word it overlaps is
# that word's marks read as a line of their own (bold headers: `ข้อที่` gives `ขู่` over `ขอท`).
FLOAT_CONFIDENCE = 60.0


def _floating(word: Word, words: list[Word]) -> bool:
    if word.confidence is None or word.confidence >= FLOAT_CONFIDENCE:
        return False
    if all("\u0e30" <= ch <= "\u0e4e" for ch in word.text):
        return False  # a vowel or mark alone (NIKHAHIT of ำ) belongs to the word it stands on
    x0, top, x1, bottom = word.box
    for other in words:
        ox0, otop, ox1, obottom = other.box
        if other is word or (other.confidence or 0) < FLOAT_CONFIDENCE:
            continue
        height = obottom - otop
        # Overlapping it, and lying in its upper part (where marks stand).
        if ox0 < x1 and x0 < ox1 and otop - 0.3 * height <= top and bottom <= otop + 0.6 * height:
            return True
    return False


def _spaces_from_text(clusters: list[tuple[str, Box, float]], line: str) -> list[bool]:
    """For each cluster, whether the plain-text line has a space just before it."""
    flags, pos = [], 0
    for text, _, _ in clusters:
        space = False
        while pos < len(line) and line[pos].isspace():
            space, pos = True, pos + 1
        flags.append(space)
        for ch in text:
            while pos < len(line) and line[pos].isspace():
                pos += 1
            if pos < len(line) and line[pos] == ch:
                pos += 1
    return flags


def _word(clusters: list[tuple[str, Box, float]]) -> Word:
    confs = [c[2] for c in clusters if c[2] >= 0]
    return Word(
        "".join(c[0] for c in clusters),
        (min(c[1][0] for c in clusters), min(c[1][1] for c in clusters),
         max(c[1][2] for c in clusters), max(c[1][3] for c in clusters)),
        round(sum(confs) / len(confs), 1) if confs else None,
    )
