"""How generated input files are named, and which truth files belong to them.

Kept free of heavy imports so that readers of the samples (tests, benchmarks) can use it without
loading WeasyPrint.
"""

from __future__ import annotations

from pathlib import Path

# File-name suffixes of the scanned copies; a copy shares the truth of its original.
VARIANT_SUFFIXES = ("_scan", "_bwscan", "_badscan")


def truth_stem(path: str | Path) -> str:
    """The name of the truth files (samples/expected/<stem>.*) for an input file.

    >>> truth_stem("samples/docs/order_lampang_bwscan.pdf")
    'order_lampang'
    >>> truth_stem("circular_dopa.pdf")
    'circular_dopa'
    """
    stem = Path(path).stem
    for suffix in VARIANT_SUFFIXES:
        if stem.endswith(suffix):
            return stem.removesuffix(suffix)
    return stem
