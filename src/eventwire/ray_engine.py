"""A Ray cluster when one machine is not enough: the same parse and extraction on Ray Data.

The calling process reads and cleans the input (the same readers as a local run) and cuts it
into the same batches (:func:`eventwire.pipeline.batches`); Ray Data runs
:func:`eventwire.pipeline.analyse_batch` on each batch in a pool of actors that each load and
warm up the spaCy pipeline once (``map_batches`` with a callable class, ``ActorPoolStrategy``).

One Ray Data execution serves the whole input, and it streams both ways:

- in: the dataset is read from :func:`feed_datasource`, whose one read task takes the batches
  from a queue (a Ray actor) that the calling process fills as it reads, so the execution, and
  with it the actors' model loads, starts before the first batch is read, and the calling
  process holds only the batches out (at most ``BATCHES_PER_ACTOR`` per actor and as many read
  ahead; until the first answer, while the actors load the model, up to
  ``START_UP_BATCHES_PER_ACTOR`` per actor and ``Settings.ray_wave_documents`` documents);
- out: the analysed batches are taken as they come (``Dataset.iter_batches`` in a thread of
  the calling process) and yielded in input order, so ``eventwire ingest`` stores each batch
  while the cluster goes on, through its usual write path (the same store as a local run).

Batches cross to the actors and back as one JSON text each (pydantic's serialiser and
validator), one row per batch. With ``Settings.parquet_out`` the analysed documents are also
written, by the calling process from the streamed results, as a Parquet dataset: one row per
document with its ``eventwire/1`` JSON object (``result``) and a few columns to filter on, a
shard per ``Settings.ray_wave_documents`` documents.

Errors: a batch whose analysis raises on an actor comes back with an ``nlp`` error record on
each of its documents. An actor that dies ends the Ray Data execution: the batches it had out
fail the same way (recorded, and analysed again by the next ingest), and a new execution (new
actors) takes the rest of the input, up to once per actor of the pool; past that the rest
fails. Nothing is lost silently.

Ray is an optional dependency (``pip install 'eventwire[ray]'``); without it a Ray run raises
:class:`EngineUnavailable` before anything is read.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import queue
import threading
import uuid
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from eventwire.ingest import SkippedFile
from eventwire.model import ErrorRecord, Result
from eventwire.settings import Settings

__all__ = ["EngineUnavailable", "check_ray", "analyse_with_ray", "BatchAnalyser",
           "feed_datasource", "SHARD_COLUMNS"]  # fmt: skip

# One row per analysed document in a Parquet shard.
SHARD_COLUMNS = ("seq", "position", "doc_id", "source", "content_hash", "published", "failed",
                 "actors", "quotes", "events", "result")  # fmt: skip
# Batches out per actor in steady state, and as many again read ahead: the one it analyses and
# the next, so it never waits for the calling process (as eventwire.parallel.BATCHES_PER_WORKER)
BATCHES_PER_ACTOR = 2
# Batches read ahead per actor while no answer has come (the actors load the model): the calling
# process reads and cleans meanwhile (as eventwire.parallel.START_UP_BATCHES_PER_WORKER)
START_UP_BATCHES_PER_ACTOR = 32

# A batch's documents as one JSON text, both ways.
_RESULTS = TypeAdapter(list[Result])


class EngineUnavailable(RuntimeError):
    """The Ray engine was asked for but cannot run here (Ray is not installed)."""


def check_ray() -> None:
    """Raise :class:`EngineUnavailable` with one line when Ray Data cannot be imported."""
    if importlib.util.find_spec("ray") is None:
        raise EngineUnavailable(
            "--engine ray needs Ray, which is not installed: pip install 'eventwire[ray]'"
        )


class BatchAnalyser:
    """The callable class of ``map_batches``: one per Ray actor, which loads and warms up the
    spaCy pipeline once (when the actor starts) and analyses the eventwire batches of each
    call, one row per batch (``seq``, ``documents``: the batch's results as JSON)."""

    def __init__(self, settings_fields: dict[str, Any]) -> None:
        from eventwire.pipeline import warm_up

        self.settings = Settings(**settings_fields)
        warm_up(self.settings)

    def __call__(self, rows: dict[str, Any]) -> dict[str, list[Any]]:
        return {"seq": [int(seq) for seq in rows["seq"]],
                "documents": [self.analyse(documents) for documents in rows["documents"]]}

    def analyse(self, documents: bytes) -> bytes:
        """One batch's documents analysed, as JSON; if the analysis raises, the documents with
        an ``nlp`` error record each (an exception would end the whole Ray Data execution)."""
        try:
            return _RESULTS.dump_json(self.analyse_batch(list(_RESULTS.validate_json(documents))))
        except Exception as err:  # noqa: BLE001 - the batch fails, recorded; the run goes on
            batch = _RESULTS.validate_json(documents)
            _fail_results(batch, f"its analysis on a Ray actor failed: {_one_line(err)}")
            return _RESULTS.dump_json(batch)

    def analyse_batch(self, batch: list[Result]) -> list[Result]:
        """:func:`eventwire.pipeline.analyse_batch` (a stand-in for tests replaces it)."""
        from eventwire.pipeline import analyse_batch

        return analyse_batch(batch, self.settings)  # type: ignore[return-value] - Results in


def _feed_blocks(feed: Any) -> Iterator[Any]:
    """The read task of :func:`feed_datasource`: one block (a one-row Arrow table) per batch
    put in ``feed``, until ``None``."""
    import pyarrow as pa

    while (item := feed.get(block=True)) is not None:
        seq, documents = item
        yield pa.table({"seq": pa.array([seq], pa.int64()),
                        "documents": pa.array([documents], pa.binary())})  # fmt: skip


def feed_datasource(feed: Any) -> Any:
    """A Ray Data source read lazily from ``feed``, a queue that the calling process fills as it
    reads the input: one read task, streaming a block per batch, so the whole input is one Ray
    Data execution of which only the batches out are in memory. (The class is made here, not
    at import, so that importing this module does not import Ray Data.)"""
    from ray.data import Datasource, ReadTask
    from ray.data.block import BlockMetadata

    class FeedDatasource(Datasource):
        def __init__(self, feed: Any) -> None:
            super().__init__()
            self.feed = feed

        def estimate_inmemory_data_size(self) -> int | None:
            return None

        def get_read_tasks(self, parallelism: int, per_task_row_limit: int | None = None,
                           data_context: Any = None) -> list[ReadTask]:  # fmt: skip
            feed = self.feed
            unknown = BlockMetadata(num_rows=None, size_bytes=None, input_files=None,
                                    exec_stats=None)  # fmt: skip
            return [ReadTask(lambda: _feed_blocks(feed), unknown)]

    return FeedDatasource(feed)


class _Execution:
    """One Ray Data execution: the feed queue, the dataset read from it through the actors'
    ``map_batches``, and a thread that takes its analysed batches as they come."""

    def __init__(self, settings: Settings, actors: int, analyser: type) -> None:
        import ray
        from ray.util.queue import Queue

        self.feed = Queue(actor_options={"num_cpus": 0})
        self.answers: queue.Queue[tuple[str, Any, Any]] = queue.Queue()
        self.stopping = False
        self.input_ended = False
        context = ray.data.DataContext.get_current()
        changed = {
            "enable_progress_bars": False, "print_on_execution_start": False,
            # a block per batch, passed on at once: Ray Data would otherwise gather the read
            # task's blocks up to 128 MiB before the actors see any
            "target_max_block_size": 1,
            # no sampling of each task's peak memory (USS) once a second: reading smaps of an
            # actor holding the model costs ~12 ms, ~2% of the actors' CPU, for a figure the
            # run does not use
            "memory_usage_poll_interval_s": None,
        }  # fmt: skip
        before = {name: getattr(context, name) for name in changed}
        try:  # a dataset keeps a copy of the context it was made in; the caller's is restored
            for name, value in changed.items():
                setattr(context, name, value)
            with warnings.catch_warnings():  # Ray 2.6x deprecates actor options by keyword
                warnings.simplefilter("ignore", DeprecationWarning)
                self.dataset = self._dataset(settings, actors, analyser)
        finally:
            for name, value in before.items():
                setattr(context, name, value)
        self.thread = threading.Thread(target=self._take, name="eventwire-ray-results",
                                       daemon=True)  # fmt: skip
        self.thread.start()

    def _dataset(self, settings: Settings, actors: int, analyser: type) -> Any:
        import ray

        return ray.data.read_datasource(
            feed_datasource(self.feed), override_num_blocks=1, num_cpus=0,
        ).map_batches(
            analyser,
            batch_size=1,
            fn_constructor_kwargs={"settings_fields": settings.model_dump()},
            compute=ray.data.ActorPoolStrategy(
                size=actors, max_tasks_in_flight_per_actor=BATCHES_PER_ACTOR),
            num_cpus=1,
            # an actor that dies ends the execution: its batches fail (recorded, tried
            # again on the next ingest) instead of a restart that Ray warns may not work
            max_restarts=0,
        )  # fmt: skip

    def _take(self) -> None:
        try:
            for block in self.dataset.iter_batches(batch_size=None, batch_format="pyarrow",
                                                   prefetch_batches=0):  # fmt: skip
                for seq, documents in zip(block.column("seq").to_pylist(),
                                          block.column("documents").to_pylist(), strict=True):
                    self.answers.put(("batch", seq, documents))
                if self.stopping:
                    break
        except Exception as err:  # noqa: BLE001 - the caller fails the batches out
            self.answers.put(("failed", None, err))
            return
        self.answers.put(("end", None, None))

    def send(self, seq: int, documents: bytes) -> None:
        self.feed.put((seq, documents))

    def end_input(self) -> None:
        """No more batches: the read task ends once it has passed on those sent."""
        if not self.input_ended:
            self.input_ended = True
            self.feed.put(None)

    def next_answer(self) -> tuple[str, Any, Any]:
        """``("batch", seq, documents)``, ``("failed", None, exception)`` or ``("end", ...)``:
        every batch sent has been answered."""
        return self.answers.get()

    def stop(self) -> None:
        """End the execution early (the caller stopped): the input ends, the batches out are
        let go."""
        import ray

        self.stopping = True
        with contextlib.suppress(Exception):  # the queue may be gone with the execution
            self.end_input()
        self.thread.join(timeout=5)
        ray.kill(self.feed.actor)


@dataclass
class _Sent:
    """A batch read by the calling process, and where its analysis is."""

    batch: list[Result | SkippedFile]
    results: list[Result]  # the batch's documents sent (the SkippedFile items stay here)
    done: bool = False


def analyse_with_ray(
    batches: Iterable[list[Result | SkippedFile]], settings: Settings,
    analyser: type = BatchAnalyser,
) -> Iterator[list[Result | SkippedFile]]:  # fmt: skip
    """Each batch analysed on the Ray cluster at ``settings.ray_address`` (``auto``: the
    running one; empty: a local one started here), in input order, each as soon as it and
    those before it are done. ``analyser``: the callable class of ``map_batches`` (tests give
    one without the model)."""
    check_ray()
    import ray

    if not ray.is_initialized():
        try:
            ray.init(address=settings.ray_address or None, include_dashboard=False,
                     logging_level=logging.ERROR, log_to_driver=False)  # fmt: skip
        except (ConnectionError, RuntimeError, ValueError) as err:
            where = settings.ray_address or "a new local cluster"
            raise EngineUnavailable(f"cannot start or join the Ray cluster ({where}): "
                                    f"{_one_line(err)}") from None  # fmt: skip
    import ray.data  # noqa: F401 - its logging set up first, then quietened

    for name in ("ray", "ray.data"):  # eventwire's stderr has one line per message
        logging.getLogger(name).setLevel(logging.ERROR)
    actors = settings.ray_actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
    shards = _ShardWriter(settings) if settings.parquet_out else None
    try:
        yield from _stream(batches, settings, actors, analyser, shards)
    finally:
        if shards is not None:
            shards.close()


def _stream(batches: Iterable[list[Result | SkippedFile]], settings: Settings, actors: int,
            analyser: type, shards: _ShardWriter | None,
            ) -> Iterator[list[Result | SkippedFile]]:  # fmt: skip
    """Send each batch to the execution and yield the batches back in input order: at most
    BATCHES_PER_ACTOR batches out per actor and as many read ahead; until the first answer
    (the actors load the model) up to START_UP_BATCHES_PER_ACTOR per actor read ahead, and at
    most ``settings.ray_wave_documents`` documents."""
    source = iter(batches)
    read: deque[_Sent] = deque()  # read, in input order, not yet yielded
    unsent: deque[_Sent] = deque()  # read, to analyse, not sent yet
    out: dict[int, _Sent] = {}  # sent to the current execution, not yet answered
    most_out = BATCHES_PER_ACTOR * actors
    read_documents = 0
    answered = False  # some batch came back: the actors have loaded the model
    exhausted = False
    executions_left = actors  # after the first: one more for each actor of the pool
    number = 0
    # started before the first batch is read: the actors load the model meanwhile
    execution: _Execution | None = _Execution(settings, actors, analyser)

    def room() -> bool:
        steady = len(read) < 2 * most_out
        start_up = (not answered and len(read) < START_UP_BATCHES_PER_ACTOR * actors
                    and read_documents < settings.ray_wave_documents)  # fmt: skip
        return steady or start_up

    try:
        while True:
            while not exhausted and room():
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                    break
                sent = _Sent(batch, [item for item in batch if isinstance(item, Result)])
                read.append(sent)
                read_documents += len(batch)
                if sent.results:
                    unsent.append(sent)
                else:
                    sent.done = True
            while unsent and len(out) < most_out:
                if execution is None:
                    if not executions_left:
                        for sent in unsent:
                            _fail(sent, "the Ray runs failed too often")
                        unsent.clear()
                        break
                    execution = _Execution(settings, actors, analyser)
                    executions_left -= 1
                sent = unsent.popleft()
                execution.send(number, _RESULTS.dump_json(sent.results))
                out[number] = sent
                number += 1
            if exhausted and not unsent and execution is not None:
                execution.end_input()
            while read and read[0].done:
                sent = read.popleft()
                read_documents -= len(sent.batch)
                if shards is not None:
                    shards.add(sent.results)
                yield sent.batch
            if not out or execution is None:
                if exhausted and not read:
                    return
                continue
            kind, seq, answer = execution.next_answer()
            if kind == "batch" and seq in out:
                answered = True
                _receive(out.pop(seq), answer)
                continue
            reason = ("the Ray run failed: " + _one_line(answer) if kind == "failed"
                      else "missing from the Ray run's output")  # fmt: skip
            for sent in out.values():
                _fail(sent, reason)
            out.clear()
            execution.stop()
            execution = None
    finally:
        if execution is not None:
            execution.stop()


def _receive(sent: _Sent, answer: bytes) -> None:
    """Put the analysed documents in the batch in place of those sent."""
    from eventwire.pipeline import _received_batch

    sent.done = True
    analysed = _received_batch(answer, list(range(len(sent.results))), [])
    if len(analysed) != len(sent.results):
        _fail(sent, "the Ray actor's answer has the wrong number of documents")
        return
    replaced = iter(analysed)
    sent.batch[:] = [next(replaced) if isinstance(item, Result) else item
                     for item in sent.batch]  # fmt: skip
    sent.results = analysed  # type: ignore[assignment] - every item is a Result


def _fail(sent: _Sent, reason: str) -> None:
    sent.done = True
    _fail_results(sent.results, reason)


def _fail_results(results: list[Result], reason: str) -> None:
    for item in results:
        if not item.failed:
            item.errors.append(ErrorRecord(stage="nlp", message=f"{reason}; not analysed"))


class _ShardWriter:
    """The analysed documents as a Parquet dataset: ``DIR/run-<id>-wave-<n>/part-0.parquet``,
    one row per document (SHARD_COLUMNS), a shard per ``ray_wave_documents`` documents."""

    def __init__(self, settings: Settings) -> None:
        self.folder = Path(settings.parquet_out)
        self.run_id = uuid.uuid4().hex[:8]
        self.per_shard = settings.ray_wave_documents
        self.rows: dict[str, list[Any]] = {name: [] for name in SHARD_COLUMNS}
        self.batches = 0
        self.number = 0

    def add(self, results: list[Result]) -> None:
        for position, result in enumerate(results):
            document = result.document
            for name, value in (
                ("seq", self.batches), ("position", position), ("doc_id", document.id),
                ("source", document.source), ("content_hash", document.content_hash),
                ("published", document.published), ("failed", result.failed),
                ("actors", len(result.actors)), ("quotes", len(result.quotes)),
                ("events", len(result.events)), ("result", result.model_dump_json()),
            ):  # fmt: skip
                self.rows[name].append(value)
        self.batches += 1
        if len(self.rows["seq"]) >= self.per_shard:
            self.close()

    def close(self) -> None:
        """Write the rows held as a shard (none: no file)."""
        if not self.rows["seq"]:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([
            ("seq", pa.int64()), ("position", pa.int64()), ("doc_id", pa.string()),
            ("source", pa.string()), ("content_hash", pa.string()),
            ("published", pa.string()), ("failed", pa.bool_()), ("actors", pa.int64()),
            ("quotes", pa.int64()), ("events", pa.int64()), ("result", pa.string()),
        ])  # fmt: skip
        shard = self.folder / f"run-{self.run_id}-wave-{self.number:05d}"
        shard.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table(self.rows, schema=schema), shard / "part-0.parquet")
        self.rows = {name: [] for name in SHARD_COLUMNS}
        self.batches = 0
        self.number += 1


def _one_line(err: BaseException) -> str:
    """The exception's type and the line of its message that says what happened: the last (a
    Ray task's error ends with the exception it carries), or the first for an actor's death
    (the rest is Ray's advice)."""
    text = str(err).strip().splitlines()
    if not text:
        return type(err).__name__
    line = text[0] if "ActorDied" in type(err).__name__ else text[-1]
    return f"{type(err).__name__}: {line.strip()}"
