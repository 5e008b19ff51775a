"""The run ledger, `<out>/ledger.sqlite3`: what each input file became, and a page cache.

One row per input file (path, size, sha256, status, error, timings, pipeline version) tells a
re-run which files are done; the page cache holds every page result keyed by the file's sha256,
the page index and a settings key (engine version, language, psm, dpi, preprocessing, repair,
and a fingerprint of the code that makes a page), so a re-run re-uses pages whose inputs did not
change and redoes the rest. A page image is a pure function of (file bytes, index, dpi), which
is why the file hash stands in for the page image hash at no cost.

Only the client process touches the ledger; every page is committed as soon as it arrives, so a
crash loses at most the pages in flight. It is a cache: deleting it costs time, never results.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import pickle
import sqlite3
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from ocr.layout import layout_from_dict
from ocr.models import Page, PageMethod
from ocr.tesseract import LineBox, OcrSettings

log = logging.getLogger(__name__)

LEDGER_NAME = "ledger.sqlite3"
SCHEMA_VERSION = 2
_ROOT = Path(__file__).resolve().parent.parent
_PACKAGES = ("ocr", "extract", "pipeline")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,          -- absolute path of the input
    size INTEGER,
    sha256 TEXT,                    -- NULL when the file could not be read
    name TEXT,                      -- output folder name in this batch
    status TEXT NOT NULL,           -- running, success, partial, failure
    error TEXT NOT NULL DEFAULT '', -- the reasons, one per line
    pages INTEGER,
    output_key TEXT,                -- settings and code the outputs were made with
    read_seconds REAL,              -- page work (OCR, text layer, repair), summed over pages
    finish_seconds REAL,            -- extraction and writing the document's outputs
    started_at TEXT,
    finished_at TEXT,
    pipeline_version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS extractions (
    sha256 TEXT NOT NULL,
    output_key TEXT NOT NULL,
    name TEXT NOT NULL,             -- the document name is part of the extraction
    data BLOB NOT NULL,             -- pickled extract.document.Extraction
    PRIMARY KEY (sha256, output_key, name)
);
CREATE TABLE IF NOT EXISTS page_settings (key TEXT PRIMARY KEY, settings TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    sha256 TEXT NOT NULL,
    page_index INTEGER NOT NULL,    -- 0-based
    settings_key TEXT NOT NULL,
    record TEXT NOT NULL,           -- the Page as JSON
    created_at TEXT NOT NULL,
    PRIMARY KEY (sha256, page_index, settings_key)
);
"""


@dataclass(frozen=True)
class FileRow:
    """What the ledger knows about one input file."""

    path: str
    status: str
    pipeline_version: str
    size: int | None = None
    sha256: str | None = None
    name: str | None = None
    error: str = ""
    pages: int | None = None
    output_key: str | None = None
    read_seconds: float | None = None
    finish_seconds: float | None = None
    started_at: str | None = None
    finished_at: str | None = None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def ledger_path(path: Path) -> str:
    """The key of an input: its absolute path, so a run from another folder finds it."""
    return str(path.resolve())


class Ledger:
    """The SQLite ledger of one output folder."""

    def __init__(self, db_path: Path) -> None:
        self.path = db_path
        self._db = _connect(db_path)

    @classmethod
    def open(cls, out_dir: Path) -> Ledger:
        """Open `<out>/ledger.sqlite3`; an unreadable one is set aside and a new one started."""
        path = out_dir / LEDGER_NAME
        try:
            return cls(path)
        except sqlite3.DatabaseError as exc:
            aside = path.with_name(f"{path.name}.corrupt-{int(time.time())}")
            log.warning("%s: unreadable ledger (%s); moved to %s, starting afresh",
                        path, exc, aside)
            path.rename(aside)
            for suffix in ("-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            return cls(path)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- files -------------------------------------------------------------------------------

    def file(self, path: Path) -> FileRow | None:
        cur = self._db.execute("SELECT * FROM files WHERE path = ?", (ledger_path(path),))
        row = cur.fetchone()
        return FileRow(**dict(row)) if row else None

    def files(self) -> list[FileRow]:
        return [FileRow(**dict(r)) for r in self._db.execute("SELECT * FROM files ORDER BY path")]

    def record_file(self, row: FileRow) -> None:
        data = asdict(row)
        columns = ", ".join(data)
        marks = ", ".join("?" for _ in data)
        with self._db:
            self._db.execute(
                f"INSERT OR REPLACE INTO files ({columns}) VALUES ({marks})", tuple(data.values())
            )

    # -- page cache --------------------------------------------------------------------------

    def register_settings(self, key: str, settings: dict[str, object]) -> None:
        """Keep the readable settings behind a key, for whoever inspects the ledger."""
        with self._db:
            self._db.execute(
                "INSERT OR IGNORE INTO page_settings (key, settings) VALUES (?, ?)",
                (key, json.dumps(settings, sort_keys=True)),
            )

    def cached_pages(self, sha256: str, settings_key: str) -> dict[int, Page]:
        """Every cached page of a file under these settings, by 0-based index."""
        cur = self._db.execute(
            "SELECT page_index, record FROM pages WHERE sha256 = ? AND settings_key = ?",
            (sha256, settings_key),
        )
        pages: dict[int, Page] = {}
        for index, record in cur:
            page = page_from_json(record)
            if page is not None:
                pages[index] = page
        return pages

    def store_page(self, sha256: str, index: int, settings_key: str, page: Page) -> None:
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO pages"
                " (sha256, page_index, settings_key, record, created_at) VALUES (?, ?, ?, ?, ?)",
                (sha256, index, settings_key, page_to_json(page), now()),
            )

    # -- extraction cache --------------------------------------------------------------------

    def cached_extraction(self, sha256: str, output_key: str, name: str) -> Any | None:
        """A document's extraction made from the same file with the same settings and code.

        Pickle is safe to load here: the key holds the fingerprint of the code that defined
        the classes, and the ledger is this tool's own file in the output folder.
        """
        row = self._db.execute(
            "SELECT data FROM extractions WHERE sha256 = ? AND output_key = ? AND name = ?",
            (sha256, output_key, name),
        ).fetchone()
        if row is None:
            return None
        try:
            return pickle.loads(row[0])
        except Exception as exc:  # a record the current classes cannot read: a miss
            log.debug("stale extraction of %s ignored: %s", name, exc)
            return None

    def store_extraction(self, sha256: str, output_key: str, name: str, extraction: Any) -> None:
        data = pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL)
        with self._db:
            # One extraction per file and name: older keys are dead weight.
            self._db.execute(
                "DELETE FROM extractions WHERE sha256 = ? AND name = ?", (sha256, name)
            )
            self._db.execute(
                "INSERT INTO extractions (sha256, output_key, name, data) VALUES (?, ?, ?, ?)",
                (sha256, output_key, name, data),
            )

    # -- batch-level facts --------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def page_count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM pages").fetchone()[0])


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=30)
    db.row_factory = sqlite3.Row
    try:
        # WAL: a commit is one append, and a reader can look while a run writes. NORMAL sync
        # survives a killed process (not a power cut, which costs only cache entries).
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        version = _schema_version(db)
        if version not in (None, SCHEMA_VERSION):
            # An older layout: it is only a cache, so start it again rather than migrate.
            log.info("%s: ledger schema %s replaced by %s", path, version, SCHEMA_VERSION)
            with db:
                for table in ("meta", "files", "extractions", "page_settings", "pages"):
                    db.execute(f"DROP TABLE IF EXISTS {table}")
        with db:
            db.executescript(_SCHEMA)
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)",
                (str(SCHEMA_VERSION),),
            )
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db


def _schema_version(db: sqlite3.Connection) -> int | None:
    has_meta = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if not has_meta:
        return None
    row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    return int(row[0]) if row else None


# -- page records --------------------------------------------------------------------------------


def page_to_json(page: Page) -> str:
    return json.dumps(asdict(page), ensure_ascii=False)


def page_from_json(record: str) -> Page | None:
    """The Page back; None (a cache miss) if the record no longer fits the Page type."""
    try:
        data = json.loads(record)
        data["method"] = PageMethod(data["method"])
        data["warnings"] = tuple(data.get("warnings", ()))
        data["lines"] = tuple(LineBox(**box) for box in data.get("lines", ()))
        if "layout" not in data:
            return None  # made before pages had layouts: read again
        data["layout"] = layout_from_dict(data["layout"])
        return Page(**data)
    except (ValueError, TypeError, KeyError) as exc:
        log.debug("stale page record ignored: %s", exc)
        return None


# -- keys ----------------------------------------------------------------------------------------


def page_settings(settings: OcrSettings, repair: bool, engine: str) -> dict[str, object]:
    """Everything a page result depends on besides the file bytes and the page index.

    The timeout is left out: it decides whether a page finishes, not what it says.
    """
    import pythainlp

    return {
        "engine": f"tesseract {engine}",
        "lang": settings.lang,
        "psm": settings.psm,
        "dpi": settings.dpi,
        "preprocess": settings.preprocess,
        "cells": settings.cells,
        "repair": repair,
        "pythainlp": pythainlp.__version__,
        "code": source_fingerprint("pipeline.pages"),
    }


def settings_key(settings: dict[str, object]) -> str:
    return _digest(json.dumps(settings, sort_keys=True))[:32]


@cache
def pipeline_version() -> str:
    """Package version plus a fingerprint of the whole source tree (code and catalogs)."""
    from pipeline import __version__

    digest = hashlib.sha256()
    for package in _PACKAGES:
        for path in sorted((_ROOT / package).rglob("*")):
            if path.suffix in {".py", ".json"} and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(_ROOT)).encode())
                digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def source_modules(module: str) -> dict[str, Path]:
    """A project module and every project module it imports, transitively (by reading them)."""
    seen: dict[str, Path] = {}
    todo = [module, *(module.rsplit(".", k)[0] for k in range(1, module.count(".") + 1))]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = _module_file(name)
        if path is None:
            continue
        seen[name] = path
        todo.extend(_project_imports(path.read_bytes()))
    return seen


@cache
def source_fingerprint(module: str) -> str:
    """Hash of the source of `source_modules(module)`.

    Narrower than `pipeline_version`: editing the extraction code must not throw away OCR
    results, editing the OCR or repair code must.
    """
    digest = hashlib.sha256()
    for name, path in sorted(source_modules(module).items()):
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _module_file(name: str) -> Path | None:
    base = _ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _project_imports(source: bytes) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            # `from ocr import pdf` imports the module ocr.pdf.
            found.extend(f"{node.module}.{alias.name}" for alias in node.names)
    # Importing a.b.c runs a/__init__.py and a/b/__init__.py too.
    parents = [n.rsplit(".", k)[0] for n in found for k in range(1, n.count(".") + 1)]
    return [n for n in found + parents if n.split(".")[0] in _PACKAGES]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
