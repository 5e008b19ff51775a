"""Timing whole processes for the benchmark: wall and CPU seconds, peak memory of a process tree.

CPU time is the kernel's own accounting of every process a command started. A Python process
pool started with `forkserver` leaves its workers outside the waited-for tree of the command,
so `getrusage(RUSAGE_CHILDREN)` alone would miss them; the bench therefore makes itself the
"child subreaper" of what it runs (Linux), so orphaned workers come back to it and are reaped
with their CPU time.
"""

from __future__ import annotations

import ctypes
import logging
import os
import resource
import statistics
import subprocess
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

_PR_SET_CHILD_SUBREAPER = 36
_ORPHAN_WAIT = 10.0  # seconds to wait for orphans (pool workers) to exit after a command
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class Measured:
    """One finished command: wall and CPU seconds, peak memory, exit status."""

    wall: float
    cpu: float  # user + system seconds of the command and every process it started
    max_rss_mb: float  # the largest single process
    tree_rss_mb: float | None  # peak of the whole tree's summed RSS (when sampled)
    returncode: int


def become_subreaper() -> bool:
    """Ask the kernel to hand orphaned descendants to this process (Linux only)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def _children() -> set[int]:
    """Processes whose parent is this one (orphans handed to it included), from /proc."""
    me = str(os.getpid())
    found = set()
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            if stat[stat.rindex(")") + 2:].split()[1] == me:
                found.add(int(entry.name))
    return found


def _reap_orphans(before: set[int], deadline: float) -> tuple[float, float]:
    """Wait for the orphans a command left to this process (children that were not there
    before it); their CPU seconds and largest RSS in MB. Long-lived helpers of this process
    (a multiprocessing resource tracker) were there before and are left alone."""
    cpu, rss = 0.0, 0.0
    while True:
        waiting = _children() - before
        if not waiting:
            return cpu, rss
        for pid in waiting:
            try:
                done, _status, usage = os.wait4(pid, os.WNOHANG)
            except ChildProcessError:
                continue
            if done:
                cpu += _cpu(usage)
                rss = max(rss, usage.ru_maxrss / 1024)
        if time.monotonic() > deadline:
            log.warning("%d process(es) still running %.0f s after the command ended",
                        len(waiting), _ORPHAN_WAIT)
            return cpu, rss
        time.sleep(0.02)


class TreeSampler:
    """Samples the summed RSS of every descendant of this process, in a thread."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak / 2**20

    def _loop(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(me))
            self._stop.wait(self.interval)


def tree_rss(root: int) -> int:
    """Summed resident bytes of the descendants of `root` (not `root` itself), from /proc."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            statm = Path(entry.path, "statm").read_text()
        except OSError:  # exited while we looked
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        pid = int(entry.name)
        parent[pid] = int(fields[1])
        rss[pid] = int(statm.split()[1]) * _PAGE
    total = 0
    for pid in rss:
        p = parent.get(pid, 0)
        while p and p != root:
            p = parent.get(p, 0)
        if p == root:
            total += rss[pid]
    return total


def run_measured(
    cmd: Sequence[str], env: dict[str, str] | None = None, cwd: Path | None = None,
    sample_tree: bool = False, timeout: float = 3600.0,
) -> Measured:
    """Run a command to completion, output discarded; its times and memory."""
    sampler = TreeSampler() if sample_tree else None
    before = _children()
    start = time.perf_counter()
    if sampler is not None:
        sampler.__enter__()
    try:
        proc = subprocess.Popen(
            list(cmd), env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        # stderr is read in a thread so a chatty command cannot block on a full pipe.
        errors: list[bytes] = []
        reader = threading.Thread(target=lambda: errors.append(proc.stderr.read()), daemon=True)  # type: ignore[union-attr]
        reader.start()
        killer = threading.Timer(timeout, proc.kill)  # a hung command must not hang the bench
        killer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        reader.join()
        orphan_cpu, orphan_rss = _reap_orphans(before, time.monotonic() + _ORPHAN_WAIT)
    finally:
        if sampler is not None:
            sampler.__exit__()
    if proc.returncode not in (0, 1):
        tail = b"".join(errors).decode("utf-8", "replace").strip().splitlines()[-3:]
        log.warning("%s exited %d: %s", Path(cmd[0]).name, proc.returncode, " | ".join(tail))
    return Measured(
        wall=round(wall, 3),
        cpu=round(_cpu(usage) + orphan_cpu, 3),
        max_rss_mb=round(max(usage.ru_maxrss / 1024, orphan_rss), 1),
        tree_rss_mb=round(sampler.peak_mb, 1) if sampler is not None else None,
        returncode=proc.returncode,
    )


@dataclass(frozen=True)
class PoolRun:
    """A batch of commands run `workers` at a time."""

    wall: float
    cpu: float
    each: tuple[Measured, ...]


def run_pool(
    commands: Sequence[Sequence[str]], workers: int, env: dict[str, str] | None = None
) -> PoolRun:
    """Run commands with at most `workers` at once (threads only wait: each command is its
    own process, as with a process pool running the CLI)."""

    def one(cmd: Sequence[str]) -> Measured:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        return Measured(
            round(time.perf_counter() - start, 3), round(_cpu(usage), 3),
            round(usage.ru_maxrss / 1024, 1), None, proc.returncode,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(max(1, workers)) as pool:
        each = tuple(pool.map(one, commands))
    wall = time.perf_counter() - start
    failed = [m for m in each if m.returncode != 0]
    if failed:
        log.warning("%d of %d commands failed", len(failed), len(each))
    return PoolRun(round(wall, 3), round(sum(m.cpu for m in each), 3), each)


def median(values: Sequence[float]) -> float | None:
    values = [v for v in values if v is not None]
    return round(statistics.median(values), 4) if values else None


def spread(values: Sequence[float]) -> dict[str, float | None]:
    """Median, min and max of repeated timings (a wide range says the machine was noisy)."""
    values = [v for v in values if v is not None]
    if not values:
        return {"median": None, "min": None, "max": None, "runs": 0}
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "runs": len(values),
    }


def pair_ratio(a: Sequence[object], b: Sequence[object],
               what: str = "wall") -> dict[str, float | None]:
    """A/B run by run (A and B alternate, so drift of the machine hits both), then the median."""
    ratios = [getattr(x, what) / getattr(y, what) for x, y in zip(a, b, strict=False)
              if getattr(y, what)]
    return spread(ratios)
