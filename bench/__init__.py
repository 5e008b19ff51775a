"""The benchmark (`circulars bench`, `make bench`): accuracy against the samples' truth and
speed beside the bare engine and OCRmyPDF. A development tool of the checkout, not part of the
runtime packages (`pipeline`, `ocr`, `extract` never import it); it reads the generator's
truth through the `samples` package.

`run` drives the sections and writes the results; `inputs` finds the inputs and their truth;
`accuracy`, `families` and `evaluate` score outputs; `speed`, `matrix`, `proc` and `units`
time things; `report`, `report_speed`, `report_families` and `notes` write docs/BENCHMARKS.md.
"""
