"""Progress on stderr: a live line on a terminal, plain log lines otherwise (CI stays quiet)."""

from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger(__name__)


class Progress:
    """Files and pages done, and an ETA from the pages computed in this run.

    Pages taken from the ledger's cache count as done but not in the rate: they cost nothing,
    and counting them would promise a resumed run an ETA it cannot keep.
    """

    def __init__(self, total_pages: int, total_files: int, enabled: bool | None = None) -> None:
        self.total_pages = total_pages
        self.total_files = total_files
        self.pages = 0
        self.cached = 0
        self.files = 0
        self.start = time.monotonic()
        self.live = sys.stderr.isatty() if enabled is None else enabled

    def pages_cached(self, count: int) -> None:
        self.cached += count
        self.pages += count
        if count and not self.live:
            log.info("%d of %d page(s) taken from the ledger", count, self.total_pages)

    def page_done(self, count: int = 1) -> None:
        self.pages += count
        self._draw()

    def eta(self) -> float | None:
        computed = self.pages - self.cached
        if computed <= 0:
            return None
        elapsed = time.monotonic() - self.start
        return elapsed / computed * (self.total_pages - self.pages)

    def file_done(self, name: str, status: str) -> None:
        self.files += 1
        if self.live:
            self._draw()
        else:
            log.info("[%d/%d] %s: %s", self.files, self.total_files, name, status)

    def _draw(self) -> None:
        if not self.live:
            return
        eta = self.eta()
        width = 24
        filled = int(width * self.pages / max(self.total_pages, 1))
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] pages {self.pages}/{self.total_pages}"
            f" files {self.files}/{self.total_files}"
            + ("" if eta is None else f" ETA {eta:4.0f}s")
            + " "
        )
        sys.stderr.flush()

    def close(self) -> None:
        if self.live:
            sys.stderr.write("\n")
