"""`report.html`, built from the files of an output folder: `build` assembles the page from
`load` (the folder's files), `matrix` (heatmap, workloads, coverage), `review` and `crops` (the
review queue with scanned lines), `svg` (charts), `html` (escaping and small helpers), `css`."""
