"""The benchmark (`circulars bench`, `make bench`): accuracy against the samples' truth and
speed beside the bare engine and OCRmyPDF. A development tool of the checkout, not part of the
runtime packages (`pipeline`, `ocr`, `extract` never import it); it reads the generator's
truth through the `samples` package.

`config` says what to measure (`BenchConfig`); `run` drives the sections and writes
`bench/results/results.json`; `inputs` finds the inputs and their truth; `accuracy`,
`families` and `evaluate` (CER and assignment scores, shared with the tests) score outputs;
`speed`, `speed_sections`, `matrix`, `candidates`, `units` and `proc` time things; `targets`
holds the goals; `report`, `report_speed`, `report_families`, `markdown` and `notes` write
docs/BENCHMARKS.md.
"""

from pathlib import Path

# The checkout the benchmark measures (samples/, docs/ and bench/results/ are found from it).
ROOT = Path(__file__).resolve().parent.parent
