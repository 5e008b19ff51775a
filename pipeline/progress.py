"""Progress on stderr: a live line on a terminal, plain log lines otherwise (CI stays quiet)."""

from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger(__name__)


class Progress:
    def __init__(self, total_pages: int, total_files: int, enabled: bool | None = None) -> None:
        self.total_pages = total_pages
        self.total_files = total_files
        self.pages = 0
        self.files = 0
        self.start = time.monotonic()
        self.live = sys.stderr.isatty() if enabled is None else enabled

    def page_done(self) -> None:
        self.pages += 1
        self._draw()

    def file_done(self, name: str, status: str) -> None:
        self.files += 1
        if self.live:
            self._draw()
        else:
            log.info("[%d/%d] %s: %s", self.files, self.total_files, name, status)

    def _draw(self) -> None:
        if not self.live:
            return
        elapsed = time.monotonic() - self.start
        eta = ""
        if self.pages:
            remaining = elapsed / self.pages * (self.total_pages - self.pages)
            eta = f" ETA {remaining:4.0f}s"
        width = 24
        filled = int(width * self.pages / max(self.total_pages, 1))
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] pages {self.pages}/{self.total_pages}"
            f" files {self.files}/{self.total_files}{eta} "
        )
        sys.stderr.flush()

    def close(self) -> None:
        if self.live:
            sys.stderr.write("\n")
