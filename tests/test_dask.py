"""`circulars run --scheduler` on a real Dask LocalCluster (two worker processes, loopback)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import distributed
import pytest

from pipeline.ledger import Ledger
from tests.conftest import ORDER_LINES, SEEDS, render_pdf, scan_pdf
from tests.test_resume import TABLES, circulars, finish, xlsx_values


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    ) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seed, three one-page scans (OCR work for the workers) and one broken PDF."""
    base = tmp_path_factory.mktemp("dask")
    folder = base / "in"
    folder.mkdir()
    seed = SEEDS / "002_25045df08d39d79c.txt"
    (folder / seed.name).write_bytes(seed.read_bytes())
    for province in ("เชียงราย", "ตาก", "สุโขทัย"):
        pdf = render_pdf([line.replace("น่าน", province) for line in ORDER_LINES],
                         base / f"{province}.pdf")
        scan_pdf(pdf, folder / f"order_{len(list(folder.iterdir()))}.pdf")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    return folder


@pytest.fixture(scope="module")
def local(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    code, stderr = finish(circulars("run", folder, "--out", out, "--workers", "2"))
    assert code == 1, stderr  # broken.pdf
    return out


def assert_same_outputs(out: Path, reference: Path) -> None:
    for table in TABLES:
        assert (out / table).read_bytes() == (reference / table).read_bytes(), table
    assert xlsx_values(out / "matrix.xlsx") == xlsx_values(reference / "matrix.xlsx")
    documents = sorted(p.name for p in reference.iterdir() if p.is_dir())
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == documents
    assert len(documents) == 4
    for name in documents:
        for output in ("document.json", "text.txt"):
            assert (out / name / output).read_bytes() == (reference / name / output).read_bytes()


def test_dask_run_equals_local_run(
    cluster: distributed.LocalCluster, folder: Path, local: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, stderr = finish(circulars("run", folder, "--out", out, "--scheduler",
                                    cluster.scheduler_address))
    assert code == 1, stderr
    assert "broken.pdf" in stderr and "Traceback" not in stderr
    assert_same_outputs(out, local)
    # The pages ran on the cluster (shipped scans and text pages); the ledger stayed here.
    prefixes = set(cluster.scheduler.task_prefixes)
    assert {"run_shipped_page", "run_page"} <= prefixes
    with Ledger.open(out) as ledger:
        statuses = sorted(r.status for r in ledger.files())
        assert statuses == ["failure", "success", "success", "success", "success"]
        assert ledger.page_count() == 5 + 3  # seed 002 has five pages, each scan one


def test_killed_worker_has_its_pages_rerun(
    cluster: distributed.LocalCluster, folder: Path, local: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    proc = circulars("run", folder, "--out", out, "--scheduler", cluster.scheduler_address)
    with distributed.Client(cluster.scheduler_address, set_as_default=False) as client:
        victim = None
        deadline = time.monotonic() + 60
        while victim is None and time.monotonic() < deadline and proc.poll() is None:
            for worker, keys in client.processing().items():
                if any(str(k).startswith("run_shipped_page") for k in keys):
                    victim = worker
                    break
            time.sleep(0.02)
        assert victim is not None, "no worker was ever seen OCR-ing a page"
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        code, stderr = finish(proc)
        assert code == 1, stderr  # only broken.pdf failed: the lost pages were re-run
        assert_same_outputs(out, local)
        client.wait_for_workers(2, timeout=60)  # the nanny replaced the dead worker
        assert victim not in client.scheduler_info()["workers"]


def test_unreachable_scheduler_is_a_usage_error(folder: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Dask's own setting for how long to try (default 30 s), as a user would set it.
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"}
    code, stderr = finish(circulars("run", folder, "--out", tmp_path / "o", "--scheduler",
                                    f"tcp://127.0.0.1:{port}", env=env))
    assert code == 2, stderr
    assert "cannot reach the Dask scheduler" in stderr


def test_workers_without_the_language_are_refused(
    cluster: distributed.LocalCluster, folder: Path, tmp_path: Path
) -> None:
    code, stderr = finish(circulars("run", folder, "--out", tmp_path / "o", "--scheduler",
                                    cluster.scheduler_address, "--lang", "tha+klingon"))
    assert code == 2, stderr
    assert "cannot OCR" in stderr and "klingon" in stderr
    assert not (tmp_path / "o" / "items.csv").exists()
