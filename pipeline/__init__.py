"""Batches and outputs of circulars: plan and run the pages of a batch (`batch`, `executors`,
`pages`, with the `ledger` as cache and record), extract and write each document and the batch
tables (`runner`, `outputs`, `tables`, `xlsx`, `writers`); `cli/` is the command line and
`report/` writes report.html."""

__version__ = "0.1.0"
