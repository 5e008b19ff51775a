"""One person, one name: OCR-aware name similarity, clustering and canonical spelling.

A scan spells one officer many ways (ศุภศิลป็, คุภศิลป, ศุภคิลนิ, ศูภศูลป๋, ศุภศิลฟ้ for
ศุภศิลป์). The pieces, in the order they are used, each in its own module and all importable
from here:

1. ``ocr_distance``, ``same_person`` (``extract.namedistance``) — an edit distance whose costs
   know what Thai OCR confuses, and whether two spellings may be one person.
2. ``cluster_officers`` (``extract.persons``, ``extract.heads``) — complete linkage over
   distinct spellings, then the clusters of one person joined by their heads.
3. ``canonical_spelling`` (``extract.spelling``) — the spelling that best explains the variants
   while being valid Thai orthography and made of known names and words.
"""

from __future__ import annotations

from extract.namedistance import (
    BOTTOM_MARKS,
    CONFUSABLE,
    CONSONANTS,
    LEADING_VOWELS,
    MARKS,
    OBSOLETE,
    STRAY,
    SUSPICIOUS,
    TONES,
    TOP_MARKS,
    TOP_VOWELS,
    NameKind,
    NameLexicon,
    char_cost,
    clean_name,
    name_lexicon,
    ocr_distance,
    orthography_errors,
    same_person,
)
from extract.persons import Officer, cluster_officers
from extract.spelling import canonical_spelling, listed, spelling_score

__all__ = [
    "BOTTOM_MARKS",
    "CONFUSABLE",
    "CONSONANTS",
    "LEADING_VOWELS",
    "MARKS",
    "OBSOLETE",
    "STRAY",
    "SUSPICIOUS",
    "TONES",
    "TOP_MARKS",
    "TOP_VOWELS",
    "NameKind",
    "NameLexicon",
    "Officer",
    "canonical_spelling",
    "char_cost",
    "clean_name",
    "cluster_officers",
    "listed",
    "name_lexicon",
    "ocr_distance",
    "orthography_errors",
    "same_person",
    "spelling_score",
]
