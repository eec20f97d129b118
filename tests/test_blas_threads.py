"""Settings.blas_threads: the numeric library's threads in each process that parses, from the
settings (the pipeline load and a run's start), in the command's own process and in workers."""

from __future__ import annotations

import pytest
from threadpoolctl import threadpool_info

from eventwire.model import Document, Result
from eventwire.nlp import load_pipeline, use_blas_threads
from eventwire.parallel import WorkerPool
from eventwire.pipeline import analyse
from eventwire.settings import Settings


def _blas_threads() -> set[int]:
    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


@pytest.fixture
def restore_threads():
    before = _blas_threads()
    yield
    if len(before) == 1:
        use_blas_threads(before.pop())


def test_default_is_one_thread() -> None:
    assert Settings().blas_threads == 1


def test_the_pipeline_load_applies_the_setting(restore_threads: None) -> None:
    if not _blas_threads():
        pytest.skip("NumPy has no BLAS library that threadpoolctl can see here")
    use_blas_threads(2)
    assert _blas_threads() == {2}
    load_pipeline(Settings(blas_threads=1))
    assert _blas_threads() == {1}
    use_blas_threads(0)  # 0 leaves the library's threads as they are
    assert _blas_threads() == {1}


def test_a_run_applies_the_setting_before_reading(restore_threads: None) -> None:
    if not _blas_threads():
        pytest.skip("NumPy has no BLAS library that threadpoolctl can see here")
    use_blas_threads(2)
    # the first document is analysed lazily; the run's start already set the threads
    run = analyse(iter([Result(document=Document(id="d", text=""))]), Settings(blas_threads=1))
    next(run)
    assert _blas_threads() == {1}


def test_each_worker_runs_the_threads_of_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.delenv(name, raising=False)
    items = [[Result(document=Document(id=f"d{n}", text="Text."))] for n in range(4)]
    with WorkerPool(Settings(blas_threads=1), 2, task="tests.parallel_tasks:blas_threads",
                    warm_up=None) as pool:  # fmt: skip
        titles = {batch[0].document.title for batch in pool.map(items)}
    expected = {"1"} if _blas_threads() else {""}  # "": no BLAS library threadpoolctl sees
    assert titles == expected
