"""The Thai word set behind text repair, loaded once per process.

Words are PyThaiNLP's bundled lists (general words plus person given and family names) and a
few domain terms of GECC documents. Each word has a cost, -ln P(word), estimated from the
bundled Thai National Corpus unigram counts, so a decoder can prefer common readings
(``เช่น`` over ``เซ่น``). Everything here works offline: the lists ship with PyThaiNLP.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import marshal
import math
import os
from collections.abc import Iterator
from pathlib import Path

from pythainlp.util.trie import Trie

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


def _counts_file() -> Path:
    """The bundled TNC unigram counts (read by `pythainlp.corpus.tnc.unigram_word_freqs`)."""
    from pythainlp.corpus import corpus_path

    return Path(corpus_path()) / "tnc_freq.txt"


# Bump when the way the tables are built changes: a cache of the old build is then ignored.
TABLES_FORMAT = 1


def tables_key() -> str:
    """Hash of everything the word tables are built from: the word lists, the corpus counts,
    the smoothing constants and the build's format."""
    digest = hashlib.sha256(f"{TABLES_FORMAT} {UNSEEN_COUNT} {NAME_COUNT}".encode())
    for words in (general_words(), person_names()):
        digest.update(b"\x00words\x00")
        digest.update("\n".join(sorted(words)).encode())
    digest.update(b"\x00counts\x00")
    digest.update(_counts_file().read_bytes())
    return digest.hexdigest()[:24]


def cache_dir() -> Path:
    """Where built word tables are kept between processes: ``$CIRCULARS_CACHE_DIR``, else
    the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``) under ``circulars``."""
    own = os.environ.get("CIRCULARS_CACHE_DIR")
    if own:
        return Path(own)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "circulars"


def _cache_file() -> Path:
    return cache_dir() / f"thai-word-tables-{tables_key()}.marshal"


@functools.cache
def _tables() -> tuple[dict[str, float], dict[str, float]]:
    """(word costs, prefix table), read from the on-disk cache when one was built from the
    same word lists and counts, else built and cached (building takes about a second; every
    worker process needs the tables)."""
    path = _cache_file()
    try:
        costs, table = marshal.loads(path.read_bytes())
        log.debug("word tables read from %s", path)
        return costs, table
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError) as exc:
        log.warning("ignoring unreadable word-table cache %s: %s", path, exc)
    costs = _build_costs()
    table = _build_prefix_table(costs)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps((costs, table)))
        os.replace(partial, path)  # atomic: a parallel worker reads a whole file or none
    except OSError as exc:  # a read-only home: build in every process, as before
        log.debug("word tables not cached (%s)", exc)
    return costs, table


@functools.cache
def word_costs() -> dict[str, float]:
    """Map every dictionary word to -ln P(word) under a smoothed unigram model."""
    return _tables()[0]


def _build_costs() -> dict[str, float]:
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
    return _tables()[1]


def _build_prefix_table(costs: dict[str, float]) -> dict[str, float]:
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


class PrefixTableTrie(Trie):
    """The dictionary as a PyThaiNLP `Trie` for the newmm tokenizer, answered from
    :func:`prefix_table` instead of a tree of nodes: the same words, the same `prefixes`, and
    no second copy of the dictionary to build in every process (a node tree takes a second).
    Read-only."""

    def __init__(self, table: dict[str, float]) -> None:
        super().__init__(())
        self._table = table
        self._size = sum(1 for cost in table.values() if cost >= 0)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        out = []
        get = self._table.get
        for end in range(start + 1, len(text) + 1):
            cost = get(text[start:end])
            if cost is None:  # no dictionary word begins like this
                break
            if cost >= 0:
                out.append(text[start:end])
        return out

    def __contains__(self, key: str) -> bool:
        return self._table.get(key, -1.0) >= 0

    def __iter__(self) -> Iterator[str]:
        return (word for word, cost in self._table.items() if cost >= 0)

    def __len__(self) -> int:
        return self._size

    def add(self, word: str) -> None:
        raise TypeError("the dictionary trie is read-only")

    def remove(self, word: str) -> None:
        raise TypeError("the dictionary trie is read-only")


@functools.cache
def dictionary_trie() -> Trie:
    """Every dictionary word (:func:`thai_dictionary`) as a tokenizer trie."""
    return PrefixTableTrie(prefix_table())


@functools.cache
def default_trie() -> Trie:
    """PyThaiNLP's own word list, the one newmm uses when given no dictionary, as a
    prefix-table trie: the same tokens, without building a node tree (about a second a
    process, for callers that want the tokenizer's stock behaviour)."""
    from pythainlp.corpus import thai_words

    return PrefixTableTrie(_build_prefix_table(dict.fromkeys(thai_words(), 0.0)))

