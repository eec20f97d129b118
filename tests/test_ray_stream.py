"""The Ray engine's streaming, on a local 2-CPU Ray cluster with a stand-in for the model (an
analyser that upper-cases each document's text): one Ray Data execution whose actors start
before the first batch is read, the first batches come back before the last is read, the
calling process holds a bounded number of batches, the batches come back in input order
whatever order the actors finish in, a batch whose analysis raises or whose actor dies fails
its documents (recorded, the run goes on), and the Parquet shards hold one row per document.

The real thing, the model on a local 2-CPU Ray cluster storing what a local run stores, is
``tests/test_scale_ingest.py::test_a_ray_run_stores_what_a_local_run_stores``."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventwire import ray_engine
from eventwire.ingest import SkippedFile
from eventwire.model import Document, Result
from eventwire.settings import Settings

pytestmark = pytest.mark.slow  # a Ray cluster, and actors started for each run


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def stand_in(marks: Path, load_seconds: float = 0.0) -> type:
    """A ``map_batches`` class like :class:`ray_engine.BatchAnalyser` without the model: it
    notes its start in ``marks``, "loads" for ``load_seconds``, and upper-cases each text after
    a short random wait (so batches finish out of order); a text asking for it raises, or ends
    the actor's process. Made in a function, so that Ray sends the class itself to its
    workers."""

    class StandInAnalyser(ray_engine.BatchAnalyser):
        def __init__(self, settings_fields: dict[str, Any]) -> None:
            (marks / f"actor-{os.getpid()}").write_text(str(time.time()))
            self.settings = Settings(**settings_fields)
            time.sleep(load_seconds)

        def analyse_batch(self, batch: list[Result]) -> list[Result]:
            time.sleep(random.uniform(0.0, 0.05))
            for result in batch:
                if "end the actor" in result.document.text:
                    os._exit(1)
                if "raise" in result.document.text:
                    raise ValueError("a stand-in failure")
                result.document.text = result.document.text.upper()
            return batch

    return StandInAnalyser


def numbered_batches(count: int, size: int, read: list[int],
                     texts: dict[int, str] | None = None) -> Iterator[list[Any]]:  # fmt: skip
    """``count`` batches of ``size`` documents and a skipped file each, noting in ``read`` the
    batches taken."""
    for number in range(count):
        read.append(number)
        batch: list[Result | SkippedFile] = [
            Result(document=Document(id=f"d{number}-{k}",
                                     text=(texts or {}).get(number, f"text {number} {k}")))
            for k in range(size)
        ]  # fmt: skip
        batch.insert(1, SkippedFile(Path(f"skipped-{number}.bin")))
        yield batch


def results_of(out: list[list[Any]]) -> list[Result]:
    return [item for batch in out for item in batch if isinstance(item, Result)]


def test_batches_stream_back_in_order_with_the_read_ahead_bounded(
    cluster: None, tmp_path: Path
) -> None:
    read: list[int] = []
    settings = Settings(engine="ray", ray_wave_documents=9)  # start-up read-ahead: 3 batches
    stream = ray_engine.analyse_with_ray(numbered_batches(80, 2, read), settings,
                                         analyser=stand_in(tmp_path))  # fmt: skip
    out, held = [], []
    for batch in stream:
        out.append(batch)
        held.append(len(read) - len(out))  # read, not yet given back
    assert [batch[0].document.id for batch in out] == [f"d{n}-0" for n in range(80)]
    assert all(isinstance(batch[1], SkippedFile) for batch in out)
    assert [item.document.text for item in out[7] if isinstance(item, Result)] == [
        "TEXT 7 0", "TEXT 7 1"]
    assert not any(r.failed for r in results_of(out))
    # streamed: the first batch came back when a few of the 80 had been read
    assert held[0] + 1 <= 2 * ray_engine.BATCHES_PER_ACTOR * 2 + 1
    # bounded: never more out than the actors' batches and as many read ahead
    assert max(held) <= 2 * ray_engine.BATCHES_PER_ACTOR * 2
    assert len(list(tmp_path.glob("actor-*"))) == 2  # one execution: one pool of two actors


def test_the_actors_start_before_the_first_batch_is_read(cluster: None, tmp_path: Path) -> None:
    started: list[bool] = []

    def slow_input() -> Iterator[list[Any]]:
        # the first batch is read only once an actor has started (or never: a minute)
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob("actor-*")) and time.monotonic() < deadline:
            time.sleep(0.1)
        started.append(bool(list(tmp_path.glob("actor-*"))))
        yield from numbered_batches(3, 2, [])

    out = list(ray_engine.analyse_with_ray(slow_input(), Settings(engine="ray"),
                                           analyser=stand_in(tmp_path, 1.0)))  # fmt: skip
    assert started == [True]
    assert len(out) == 3 and not any(r.failed for r in results_of(out))


def test_a_batch_whose_analysis_raises_fails_alone(cluster: None, tmp_path: Path) -> None:
    read: list[int] = []
    texts = {4: "please raise here"}
    out = list(ray_engine.analyse_with_ray(numbered_batches(10, 2, read, texts),
                                           Settings(engine="ray"),
                                           analyser=stand_in(tmp_path)))  # fmt: skip
    results = results_of(out)
    assert len(results) == 20
    assert {r.document.id for r in results if r.failed} == {"d4-0", "d4-1"}
    failed = [r for r in results if r.failed]
    assert all("its analysis on a Ray actor failed: ValueError: a stand-in failure"
               in r.errors[0].message for r in failed)  # fmt: skip
    assert all(r.document.text.isupper() for r in results if not r.failed)


def test_a_dead_actor_fails_its_batches_and_the_run_goes_on(
    cluster: None, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    read: list[int] = []
    texts = {5: "please end the actor"}
    out = list(ray_engine.analyse_with_ray(numbered_batches(30, 2, read, texts),
                                           Settings(engine="ray"),
                                           analyser=stand_in(tmp_path)))  # fmt: skip
    results = results_of(out)
    assert [r.document.id for r in results] == [f"d{n}-{k}" for n in range(30) for k in (0, 1)]
    failed = [r for r in results if r.failed]
    assert {"d5-0", "d5-1"} <= {r.document.id for r in failed}
    assert all("the Ray run failed" in r.errors[0].message for r in failed)
    # only the batches out with it fail; a new execution takes the rest
    assert len(failed) <= 2 * 2 * ray_engine.BATCHES_PER_ACTOR * 2
    assert results[-1].document.text == "TEXT 29 1" and not results[-1].failed
    assert "Traceback" not in capfd.readouterr().err


def test_a_stream_closed_early_lets_the_cluster_go(cluster: None, tmp_path: Path) -> None:
    read: list[int] = []
    stream = ray_engine.analyse_with_ray(numbered_batches(500, 2, read), Settings(engine="ray"),
                                         analyser=stand_in(tmp_path))  # fmt: skip
    for _ in range(5):
        next(stream)
    stream.close()
    assert len(read) < 500
    # the cluster's CPUs are free again: a new run goes through
    again = list(ray_engine.analyse_with_ray(numbered_batches(3, 1, []), Settings(engine="ray"),
                                             analyser=stand_in(tmp_path)))  # fmt: skip
    assert [r.document.text for r in results_of(again)] == ["TEXT 0 0", "TEXT 1 0", "TEXT 2 0"]


def test_the_shards_hold_one_row_per_document(cluster: None, tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    settings = Settings(engine="ray", parquet_out=str(shards), ray_wave_documents=25)
    out = list(ray_engine.analyse_with_ray(numbered_batches(12, 4, []), settings,
                                           analyser=stand_in(tmp_path)))  # fmt: skip
    assert len(out) == 12
    files = sorted(shards.glob("run-*-wave-*/*.parquet"))
    assert len(files) == 2  # 25 documents a shard: 28 (7 batches), then 20
    with duckdb.connect() as con:
        rows = con.execute(f"SELECT doc_id, failed, result FROM "
                           f"read_parquet('{shards}/*/*.parquet') ORDER BY doc_id").fetchall()
        columns = [c[0] for c in con.execute(
            f"DESCRIBE SELECT * FROM read_parquet('{files[0]}')").fetchall()]
    assert columns == list(ray_engine.SHARD_COLUMNS)
    assert len(rows) == 48 and not any(failed for _, failed, _ in rows)
    assert all(Result.model_validate_json(text).document.id == doc_id
               and Result.model_validate_json(text).document.text.isupper()
               for doc_id, _, text in rows)  # fmt: skip
