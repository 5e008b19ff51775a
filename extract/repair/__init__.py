"""The parts of Thai text repair (`extract.thai_repair` is the entry point and documents the chain).

- `glyphs`: character rules for glyph damage of PDF text layers (no dictionary);
- `spacing`: OCR specks and table rules, letter-spaced text and which gaps go;
- `spelling`: letter groups and what Thai spelling allows on a consonant;
- `options`: the readings a letter group may have, one function per kind of damage
  (marks displaced by a text layer, SARA AM lost to a space, OCR look-alikes);
- `decoder`: the dictionary-guided search for the best reading of a span;
- `spans`: which stretches get a second look, and the passes of `repair_words`;
- `costs`: the cost model shared by all of them.
"""
