"""The Thai word set behind text repair, loaded once per process.

Words are PyThaiNLP's bundled lists (general words plus person given and family names) and a
few domain terms of GECC documents. Each word has a cost, -ln P(word), estimated from the
bundled Thai National Corpus unigram counts, so a decoder can prefer common readings
(``เช่น`` over ``เซ่น``). Everything here works offline: the lists ship with PyThaiNLP.
"""

from __future__ import annotations

import functools
import logging
import math
import os

# The corpora we read are bundled; offline mode turns any accidental download into an error.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

log = logging.getLogger(__name__)

# Compounds of GECC circulars that the general word list lacks. Only domain vocabulary, named
# in DOMAIN.md; spelling variants or seed-specific strings do not belong here.
DOMAIN_WORDS: frozenset[str] = frozenset(
    {
        "ศูนย์ราชการ",
        "ศูนย์ราชการสะดวก",
        "ผู้กำกับดูแล",
        "ผู้รับรองข้อมูล",
        "เงื่อนไขพิเศษ",
        "อารยสถาปัตย์",
    }
)
# Common words the list leaves out because they are one letter long.
SHORT_WORDS: frozenset[str] = frozenset({"ณ"})

#: Cost of a word that the corpus never counted (compounds, names): as if seen a few times.
UNSEEN_COUNT = 3.0
#: Person names are rarely in the corpus; they cost like a rare but real word.
NAME_COUNT = 3.0


@functools.cache
def general_words() -> frozenset[str]:
    """PyThaiNLP's general word list plus :data:`DOMAIN_WORDS` and :data:`SHORT_WORDS`."""
    from pythainlp.corpus import thai_words

    return frozenset(thai_words()) | DOMAIN_WORDS | SHORT_WORDS


@functools.cache
def person_names() -> frozenset[str]:
    """Thai given names (female and male) and family names bundled with PyThaiNLP."""
    from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

    return (
        frozenset(thai_family_names())
        | frozenset(thai_female_names())
        | frozenset(thai_male_names())
    )


@functools.cache
def thai_dictionary() -> frozenset[str]:
    """Every word the repair accepts as real: general words and person names."""
    return general_words() | person_names()


@functools.cache
def _unigram_counts() -> dict[str, int]:
    from pythainlp.corpus import tnc

    return tnc.unigram_word_freqs()


@functools.cache
def word_costs() -> dict[str, float]:
    """Map every dictionary word to -ln P(word) under a smoothed unigram model."""
    counts = _unigram_counts()
    words = thai_dictionary()
    names = person_names()
    total = float(sum(counts.values())) + len(words)
    costs: dict[str, float] = {}
    for word in words:
        count: float | None = counts.get(word)
        if count is None:
            count = NAME_COUNT if word in names else UNSEEN_COUNT
        costs[word] = math.log(total / (count + 1.0))
    log.debug("loaded %d Thai words", len(costs))
    return costs


@functools.cache
def prefix_table() -> dict[str, float]:
    """Map every prefix of a dictionary word to the word's cost, or -1.0 for a mere prefix.

    A decoder walks this table character group by character group: a missing key ends the
    walk, so the search never leaves the dictionary's prefix tree.
    """
    costs = word_costs()
    table: dict[str, float] = {}
    for word in costs:
        for end in range(1, len(word)):
            table.setdefault(word[:end], -1.0)
    table.update(costs)
    return table


def word_cost(word: str) -> float | None:
    """Cost of ``word`` (-ln P), or None when it is not a dictionary word.

    >>> word_cost("เช่น") < word_cost("เซ่น")
    True
    >>> word_cost("ประซาซน") is None
    True
    """
    return word_costs().get(word)
