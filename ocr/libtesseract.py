"""The system Tesseract library, in this process, through its C API (ctypes).

Why: the `tesseract` command costs every page a process start, a model load (0.09 CPU s for
`script/Thai`), an image file written and read, and for each rendering asked for a pass over
the results. In-process the model is loaded once per worker and the page is handed over as
bytes; the recognition is the same library code with the same settings, so the text and tsv
are the command's, byte for byte (tests/test_libtesseract.py compares them on rendered pages).

Only the C API of Debian's `libtesseract5` (the package `tesseract-ocr` depends on) is used:
no compiled extension, no second Tesseract build. Where the library cannot be loaded, or with
`CIRCULARS_TESSERACT=cli` in the environment, `ocr/tesseract.py` runs the command instead.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PIL import Image

log = logging.getLogger(__name__)

LIBRARY_NAMES = ("libtesseract.so.5", "tesseract")  # Debian's soname, then any the loader finds
FORCE_CLI = "CIRCULARS_TESSERACT"  # =cli: always run the `tesseract` command


class EngineError(RuntimeError):
    """The engine could not start or read an image (bad model, timeout)."""


@dataclass(frozen=True)
class EngineKey:
    """What one loaded engine is for; an engine is reused for every image with the same key."""

    lang: str
    psm: int
    tessdata_dir: str | None = None  # None: the system models
    variables: tuple[tuple[str, str], ...] = (("preserve_interword_spaces", "1"),)


@cache
def _library() -> ctypes.CDLL | None:
    if os.environ.get(FORCE_CLI, "").lower() == "cli":
        return None
    for name in LIBRARY_NAMES:
        path = name if name.endswith(".5") else ctypes.util.find_library(name)
        if not path:
            continue
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        _declare(lib)
        return lib
    log.info("libtesseract not found: the tesseract command is run for every page")
    return None


def _declare(lib: ctypes.CDLL) -> None:
    p, s, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    for name, args, result in (
        ("TessVersion", [], s),
        ("TessBaseAPICreate", [], p),
        ("TessBaseAPIDelete", [p], None),
        ("TessBaseAPIInit3", [p, s, s], i),
        ("TessBaseAPISetVariable", [p, s, s], i),
        ("TessBaseAPISetPageSegMode", [p, i], None),
        ("TessBaseAPISetImage", [p, s, i, i, i, i], None),
        ("TessBaseAPISetSourceResolution", [p, i], None),
        ("TessBaseAPIRecognize", [p, p], i),
        ("TessBaseAPIGetUTF8Text", [p], p),
        ("TessBaseAPIGetHOCRText", [p, i], p),
        ("TessBaseAPIClear", [p], None),
        ("TessDeleteText", [p], None),
        ("TessBaseAPIGetIterator", [p], p),
        ("TessResultIteratorDelete", [p], None),
        ("TessResultIteratorGetPageIterator", [p], p),
        ("TessResultIteratorNext", [p, i], i),
        ("TessResultIteratorConfidence", [p, i], ctypes.c_float),
        ("TessResultIteratorGetUTF8Text", [p, i], p),
        ("TessPageIteratorIsAtBeginningOf", [p, i], i),
        ("TessPageIteratorBoundingBox", [p, i, *[ctypes.POINTER(i)] * 4], i),
        ("TessMonitorCreate", [], p),
        ("TessMonitorDelete", [p], None),
        ("TessMonitorSetDeadlineMSecs", [p, i], None),
        ("TessBaseAPIDetectOrientationScript",
         [p, ctypes.POINTER(i), ctypes.POINTER(ctypes.c_float), ctypes.POINTER(s),
          ctypes.POINTER(ctypes.c_float)], i),
    ):
        fn = getattr(lib, name)
        fn.argtypes, fn.restype = args, result


def available() -> bool:
    """Whether pages are read in-process (else by the `tesseract` command)."""
    return _library() is not None


def version() -> str | None:
    lib = _library()
    return lib.TessVersion().decode() if lib is not None else None


# The tsv's header row, which the command's renderer writes and the C API does not.
TSV_HEADER = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\t"
              "height\tconf\ttext\n")


# Tesseract's PageIteratorLevel values.
_BLOCK, _PARA, _LINE, _WORD = 0, 1, 2, 3


def _row(level: int, block: int, par: int, line: int, word: int, box: list[ctypes.c_int],
         conf: str, text: str) -> str:
    left, top, right, bottom = (b.value for b in box)
    return (f"{level}\t1\t{block}\t{par}\t{line}\t{word}\t{left}\t{top}\t{right - left}\t"
            f"{bottom - top}\t{conf}\t{text}\n")


class Engine:
    """One loaded model with its settings; not shared between threads."""

    def __init__(self, lib: ctypes.CDLL, key: EngineKey) -> None:
        self._lib = lib
        self._api = lib.TessBaseAPICreate()
        datapath = key.tessdata_dir.encode() if key.tessdata_dir else None
        if lib.TessBaseAPIInit3(self._api, datapath, key.lang.encode()) != 0:
            lib.TessBaseAPIDelete(self._api)
            raise EngineError(f"Tesseract could not load the model {key.lang!r}")
        # The command prints its warnings ("Estimating resolution as ...") on stderr, where
        # pytesseract swallowed them; in-process they would land in the user's terminal.
        lib.TessBaseAPISetVariable(self._api, b"debug_file", os.devnull.encode())
        for name, value in key.variables:
            lib.TessBaseAPISetVariable(self._api, name.encode(), value.encode())
        lib.TessBaseAPISetPageSegMode(self._api, key.psm)

    def read(self, image: Image.Image, renderings: Sequence[str], timeout: float,
             resolution: int | None = None, page: int = 0) -> dict[str, str]:
        """Recognise one image; the text of each rendering ("txt", "tsv", "hocr"). `page`:
        its 0-based number in a sequence (the hOCR's page id)."""
        lib, api = self._lib, self._api
        gray = image if image.mode == "L" else image.convert("L")
        data = gray.tobytes()
        lib.TessBaseAPISetImage(api, data, gray.width, gray.height, 1, gray.width)
        if resolution:
            lib.TessBaseAPISetSourceResolution(api, resolution)
        monitor = lib.TessMonitorCreate()
        try:
            lib.TessMonitorSetDeadlineMSecs(monitor, max(1, int(timeout * 1000)))
            if lib.TessBaseAPIRecognize(api, monitor) != 0:
                raise EngineError(f"OCR timed out after {timeout:g} s")
            out = {}
            for rendering in renderings:
                if rendering == "tsv":
                    out[rendering] = self._tsv(gray.width, gray.height)
                    continue
                raw = (lib.TessBaseAPIGetUTF8Text(api) if rendering == "txt"
                       else lib.TessBaseAPIGetHOCRText(api, page))
                out[rendering] = ctypes.string_at(raw).decode("utf-8") if raw else ""
                if raw:
                    lib.TessDeleteText(raw)
            return out
        finally:
            lib.TessMonitorDelete(monitor)
            lib.TessBaseAPIClear(api)

    def orientation(self, image: Image.Image, resolution: int | None = None
                    ) -> tuple[int, float] | None:
        """(degrees the page is turned by, confidence) from orientation and script detection
        (an engine loaded with the `osd` model); None when it finds too little text."""
        lib, api = self._lib, self._api
        gray = image if image.mode == "L" else image.convert("L")
        lib.TessBaseAPISetImage(api, gray.tobytes(), gray.width, gray.height, 1, gray.width)
        if resolution:
            lib.TessBaseAPISetSourceResolution(api, resolution)
        degrees, conf, script_conf = ctypes.c_int(), ctypes.c_float(), ctypes.c_float()
        script = ctypes.c_char_p()
        try:
            found = lib.TessBaseAPIDetectOrientationScript(
                api, ctypes.byref(degrees), ctypes.byref(conf), ctypes.byref(script),
                ctypes.byref(script_conf))
        finally:
            lib.TessBaseAPIClear(api)
        return (degrees.value, conf.value) if found else None

    def _tsv(self, width: int, height: int) -> str:
        """The tsv rendering of the last recognition, as `tesseract ... tsv` writes it.

        Walked word by word through the result iterator: the library's own GetTSVText
        assembles each word from its symbols and costs 0.3 CPU s on a Thai page, this 0.07 s.
        """
        lib = self._lib
        rows = [TSV_HEADER, f"1\t1\t0\t0\t0\t0\t0\t0\t{width}\t{height}\t-1\t\n"]
        results = lib.TessBaseAPIGetIterator(self._api)
        if not results:
            return "".join(rows)
        try:
            page = lib.TessResultIteratorGetPageIterator(results)
            box = [ctypes.c_int() for _ in range(4)]
            refs = [ctypes.byref(b) for b in box]
            block = par = line = word = 0
            while True:
                raw = lib.TessResultIteratorGetUTF8Text(results, _WORD)
                if raw:  # an empty word gets no row (as in the library's renderer)
                    text = ctypes.string_at(raw).decode("utf-8")
                    lib.TessDeleteText(raw)
                    for level, kind in ((2, _BLOCK), (3, _PARA), (4, _LINE)):
                        if lib.TessPageIteratorIsAtBeginningOf(page, kind):
                            if level == 2:
                                block, par, line, word = block + 1, 0, 0, 0
                            elif level == 3:
                                par, line, word = par + 1, 0, 0
                            else:
                                line, word = line + 1, 0
                            lib.TessPageIteratorBoundingBox(page, kind, *refs)
                            rows.append(_row(level, block, par, line, word, box, "-1", ""))
                    word += 1
                    lib.TessPageIteratorBoundingBox(page, _WORD, *refs)
                    conf = lib.TessResultIteratorConfidence(results, _WORD)
                    rows.append(_row(5, block, par, line, word, box, f"{conf:f}", text))
                if not lib.TessResultIteratorNext(results, _WORD):
                    break
        finally:
            lib.TessResultIteratorDelete(results)
        return "".join(rows)

    def close(self) -> None:
        if self._api:
            self._lib.TessBaseAPIDelete(self._api)
            self._api = None


_local = threading.local()  # one set of engines per thread: a TessBaseAPI is not thread-safe


def engine(key: EngineKey) -> Engine | None:
    """The engine for `key` in this thread, loaded on first use; None without the library."""
    lib = _library()
    if lib is None:
        return None
    engines: dict[EngineKey, Engine] = _local.__dict__.setdefault("engines", {})
    if key not in engines:
        engines[key] = Engine(lib, key)
    return engines[key]
