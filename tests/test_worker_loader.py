"""Workers forked from a loader process (Linux): the warm-up runs once, in the loader; the
workers share its memory; a crashed worker is forked again, a dead loader started again; no
process outlives the pool. Spawned workers (fork=False, the path elsewhere) still work."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire.model import Document, Result
from eventwire.parallel import WorkerPool, analyse_in_workers
from eventwire.pipeline import analyse, batches
from eventwire.settings import Settings
from eventwire.worker_loader import FORK_WORKERS
from tests.parallel_tasks import WARM_UP_LOG

pytestmark = pytest.mark.skipif(not FORK_WORKERS, reason="workers are forked on Linux only")

WHO = "tests.parallel_tasks:who"
RECORD = "tests.parallel_tasks:record_warm_up"


def _results(texts: list[str]) -> list[Result]:
    return [Result(document=Document(id=f"d{n}", text=t)) for n, t in enumerate(texts)]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie has exited: only its parent has not read its exit status yet
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


def _parent(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


def _run(texts: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork: bool,
         batch_documents: int = 2) -> tuple[list[Result], list[int], int]:  # fmt: skip
    """The texts through a pool of two ``who`` workers warmed up by ``record_warm_up``: the
    results, the processes that warmed up, and the pool's restarts (the pool's workers, with
    their parents, are put in ``_run.workers``)."""
    log = tmp_path / "warm-up.log"
    monkeypatch.setenv(WARM_UP_LOG, str(log))
    settings = Settings(batch_documents=batch_documents)
    items = _results(texts)
    with WorkerPool(settings, 2, task=WHO, warm_up=RECORD, fork=fork) as pool:
        out = [r for batch in pool.map(batches(items, settings)) for r in batch]
        restarts = pool.restarts
        _run.workers = {w.process.pid: _parent(w.process.pid) for w in pool._workers}
    warmed = [int(line) for line in log.read_text(encoding="utf-8").split()]
    return out, warmed, restarts


def test_the_workers_are_forked_from_one_loader_that_warmed_up_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, warmed, _ = _run([f"Report {n}." for n in range(12)], tmp_path, monkeypatch, fork=True)
    seen = [tuple(int(x) for x in r.document.title.split()) for r in out]
    workers = {pid for pid, _, _ in seen}
    parents = {parent for _, parent, _ in seen}
    assert len(warmed) == 1 and parents == set(warmed)  # the loader, once
    # both workers are its forks (on a busy machine one of them may have done every batch)
    assert len(_run.workers) == 2 and set(_run.workers.values()) == set(warmed)
    assert workers <= set(_run.workers) and os.getpid() not in parents | workers
    # the 64 MiB the warm-up holds are the loader's pages, shared: not private to a worker
    assert max(private for _, _, private in seen) < 32
    # nothing outlives the pool: the workers and the loader have exited and been reaped
    assert not any(_alive(pid) for pid in set(_run.workers) | parents)


def test_spawned_workers_each_warm_up_and_hold_their_own_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, warmed, _ = _run([f"Report {n}." for n in range(8)], tmp_path, monkeypatch, fork=False)
    seen = [tuple(int(x) for x in r.document.title.split()) for r in out]
    assert {parent for _, parent, _ in seen} == {os.getpid()}
    assert len(warmed) == 2 and {pid for pid, _, _ in seen} <= set(warmed)  # each, itself
    assert min(private for _, _, private in seen) >= 64


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "spawned"])
def test_a_crashed_worker_is_replaced_and_only_its_document_fails(
    fork: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ["Fine.", "Fine.", "Fine.", "A CRASH here.", "Fine.", "Fine."]
    out, warmed, restarts = _run(texts, tmp_path, monkeypatch, fork=fork)
    assert [r.document.id for r in out] == [f"d{n}" for n in range(6)]
    assert [r.failed for r in out] == [n == 3 for n in range(6)]
    assert "died (exit code 3)" in out[3].errors[0].message
    assert restarts >= 2
    if fork:  # replacements are forks of the same loaded process: no second warm-up
        assert len(warmed) == 1
        assert {int(r.document.title.split()[1]) for r in out if not r.failed} == set(warmed)


def test_a_loader_that_died_is_started_again_when_a_worker_must_be_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the first batch's worker kills the loader (the OOM killer's choice), the fourth batch
    # crashes its worker: the replacement needs a new loader, which warms up again
    texts = ["KILL LOADER now.", "Fine.", "Fine.", "Fine.", "Fine.", "Fine.", "A CRASH here.",
             "Fine."]  # fmt: skip
    out, warmed, _ = _run(texts, tmp_path, monkeypatch, fork=True)
    assert [r.document.id for r in out] == [f"d{n}" for n in range(8)]
    assert [r.failed for r in out] == [n == 6 for n in range(8)]
    assert len(warmed) == 2
    # the workers of the dead loader went on until the pool stopped them; none is left
    assert not any(_alive(int(r.document.title.split()[0])) for r in out if not r.failed)


def test_the_workers_start_loading_once_the_input_is_known_to_go_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pipeline.analyse starts the pool after the first batch and one more item, not after
    reading a whole second batch; one batch's worth of input starts none."""
    started_at: list[int] = []
    taken = 0

    class Pool:
        def __init__(self, *args: object, **kwargs: object) -> None:
            started_at.append(taken)

        def __enter__(self) -> Pool:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def map(self, batches):
            yield from batches

    def source(count: int):
        nonlocal taken
        for item in _results(["Text."] * count):
            taken += 1
            yield item

    monkeypatch.setattr("eventwire.parallel.WorkerPool", Pool)
    monkeypatch.setattr("eventwire.pipeline.analyse_batch", lambda batch, settings: batch)
    monkeypatch.setattr("eventwire.pipeline.warm_up", lambda settings: None)
    settings = Settings(workers=2, batch_documents=3)
    assert len(list(analyse(source(7), settings))) == 7
    assert started_at == [4]
    started_at.clear()
    taken = 0
    assert len(list(analyse(source(3), settings))) == 3
    assert started_at == []
    # without the pipeline's count, the second batch is read first (as the cleaning pool does)
    taken = 0
    out = list(analyse_in_workers(batches(source(7), settings), settings, 2))
    assert sum(len(b) for b in out) == 7 and started_at == [7]  # 2 batches and a peek


def test_fork_workers_setting_chooses_spawned_workers() -> None:
    assert WorkerPool(Settings(), 2).fork
    assert not WorkerPool(Settings(fork_workers=False), 2).fork
    assert not WorkerPool(Settings(), 2, fork=False).fork
