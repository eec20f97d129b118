"""Every core of one machine: worker processes that parse and extract batches of documents.

The workers run :func:`eventwire.pipeline.analyse_batch` on the batches they are sent, with the
spaCy pipeline loaded and warmed up once: on Linux it is loaded once for all of them by a loader
process (:mod:`eventwire.worker_loader`, itself spawned, never a fork of the calling process,
which may hold DuckDB connections and threads) and each worker is a fork of that loaded process,
sharing the model's memory; elsewhere each worker is a process started with ``spawn`` that
loads its own. Results come back **in input order**. Reading, cleaning and storing stay in the
calling process: a store has one writer. Each worker runs NumPy's BLAS on
``Settings.blas_threads`` threads (1 by default): the workers already fill the cores.

Memory stays flat: at most ``2 * workers`` batches are out at once (sent, being parsed, or
finished and waiting for an earlier one), and the input is read only as fast as batches leave.
While the model loads, before any worker is ready, the calling process reads and cleans ahead
up to ``START_UP_BATCHES_PER_WORKER`` batches per worker instead: a core would otherwise wait
idle for the load, and the cleaning done then is not done later, when the workers need the
cores (a bounded buffer, once per run).
A worker is sent its next batch while it parses the one before (it holds up to
``JOBS_PER_WORKER``), and it receives and sends on threads of its own, so that it never waits
for the reading process to store results or clean more input between two batches.

A worker that has analysed ``Settings.worker_documents`` documents is sent nothing more and,
once its last batch is back, stops and is replaced by a fresh one: spaCy's vocabulary keeps
every word type a process meets, so a long run on real news would otherwise grow by the new
words of every article. Output is the same: a fresh worker is the same loaded model.

A worker that dies (a crash in a C library, the kernel's OOM killer) or takes longer than
``Settings.document_timeout`` seconds per document is stopped and replaced; its batch is tried
again one document at a time, and the document that kills a worker alone gets an error record
(stage ``nlp``) instead of its analysis. No document is lost.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from eventwire.model import ErrorRecord, Result
from eventwire.settings import Settings
from eventwire.worker_loader import FORK_WORKERS, Loader, LoaderFailed, send_start_failure

__all__ = ["WorkerPool", "WorkerFailed", "analyse_in_workers", "run_in_workers",
           "DEFAULT_TASK"]  # fmt: skip

# What a worker runs on a batch, what it loads before the first one, and what becomes of a
# document that broke a worker alone ("module:function").
DEFAULT_TASK = "eventwire.pipeline:analyse_batch_to_send"
DEFAULT_WARM_UP = "eventwire.pipeline:warm_up"
DEFAULT_LOST = "eventwire.parallel:analysis_lost"
# Batches out at once per worker: one being parsed, one waiting in its pipe or for its turn.
BATCHES_PER_WORKER = 2
# Batches a worker holds at once: the one it parses and the next, already received.
JOBS_PER_WORKER = 2
# Batches read (and cleaned) ahead per worker while the model loads and no worker is ready.
START_UP_BATCHES_PER_WORKER = 32
# Seconds a worker is given to finish its batch after being asked to stop.
STOP_GRACE = 5.0
# What a forked worker runs (see _serve).
SERVE = "eventwire.parallel:_serve"


class WorkerFailed(RuntimeError):
    """A worker could not start (the model is missing, a setting is invalid): nothing can run."""


Batch = list[Any]  # Result | SkippedFile items, analysed in place by the task


def analyse_in_workers(
    batches: Iterable[Batch], settings: Settings, workers: int,
    more: Callable[[Batch], bool] | None = None,
) -> Iterator[Batch]:  # fmt: skip
    """Each batch parsed and extracted by one of ``workers`` processes, in input order (for
    ``more``, see :func:`run_in_workers`)."""
    yield from run_in_workers(batches, settings, workers, more=more)


def run_in_workers(
    batches: Iterable[Batch],
    settings: Settings,
    workers: int,
    *,
    task: str = DEFAULT_TASK,
    warm_up: str | None = DEFAULT_WARM_UP,
    lost: str = DEFAULT_LOST,
    more: Callable[[Batch], bool] | None = None,
) -> Iterator[Batch]:
    """``task`` run on each batch by one of ``workers`` processes, in input order. A run of
    one batch is done here: starting processes costs more than it saves. ``more(first)`` says
    whether the input goes on after the first batch; without it the second batch is read to
    know, before the workers start loading (with it, they start as soon as it is known)."""
    batches = iter(batches)
    first = next(batches, None)
    if first is None:
        return
    if more is not None:
        alone, rest = not more(first), batches
    else:
        second = next(batches, None)
        alone, rest = second is None, _chain([second], batches)
    if alone:
        if warm_up:
            _function(warm_up)(settings)
        yield _function(task)(first, settings)
        return
    with WorkerPool(settings, workers, task=task, warm_up=warm_up, lost=lost) as pool:
        yield from pool.map(_chain([first], rest))


def analysis_lost(item: Any, reason: str) -> Any:
    """A document whose analysis broke a worker: an ``nlp`` error record says why."""
    if isinstance(item, Result):
        item.errors.append(ErrorRecord(stage="nlp", message=f"{reason}; not analysed"))
    return item


def _chain(read: list[Batch], rest: Iterator[Batch]) -> Iterator[Batch]:
    yield from read
    yield from rest


@dataclass
class _Job:
    """A batch, or one document of a batch that broke a worker (``part`` is its place)."""

    number: int
    items: Batch
    part: int | None = None


@dataclass(eq=False)  # workers are told apart by identity
class _Worker:
    process: Any  # a ForkedProcess, or a multiprocessing.context.SpawnProcess
    conn: Connection
    ready: bool = False
    jobs: deque[_Job] = field(default_factory=deque)  # the first is being analysed
    deadline: float = 0.0  # for the first job
    pid: int | None = None
    sent: int = 0  # documents sent to it (see WorkerPool._used_up)

    @property
    def job(self) -> _Job | None:
        """The job being analysed, if any."""
        return self.jobs[0] if self.jobs else None


@dataclass
class _Parts:
    """A batch being analysed one document at a time, after it broke a worker."""

    items: list[Any | None]
    left: int = field(init=False)

    def __post_init__(self) -> None:
        self.left = len(self.items)


class WorkerPool:
    """``workers`` processes that each load what they need once (the model) and run a task on
    the batches sent to them.

    ``task`` and ``warm_up`` name functions (``"module:function"``) that the workers import:
    ``task(batch, settings)`` returns the analysed batch, ``warm_up(settings)`` loads what every
    batch needs; ``lost(item, reason)``, called here, returns what stands for an item that
    broke a worker alone. Use it as a context manager: leaving it stops every worker.

    ``fork`` (default: on Linux, unless ``Settings.fork_workers`` is false) forks the workers
    from a loader process that ran ``warm_up`` once (:mod:`eventwire.worker_loader`); else each
    worker is spawned and runs it itself."""

    def __init__(
        self,
        settings: Settings,
        workers: int,
        *,
        task: str = DEFAULT_TASK,
        warm_up: str | None = DEFAULT_WARM_UP,
        lost: str = DEFAULT_LOST,
        fork: bool | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        self.settings = settings
        self.size = workers
        self.task = task
        self.warm_up = warm_up
        self._lost = _function(lost)
        self.restarts = 0  # workers replaced after a crash or a timeout
        self.recycled = 0  # workers replaced after Settings.worker_documents documents
        self._retired: list[_Worker] = []  # told to stop after their last batch
        self.fork = FORK_WORKERS and settings.fork_workers if fork is None else fork
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []
        self._loader: Loader | None = None
        self._started = False  # a worker has said it is ready (see _running)

    def __enter__(self) -> WorkerPool:
        if self.fork:  # the workers are forked once the loader has loaded (see _wait)
            self._loader = self._new_loader()
        else:
            self._workers = [self._start() for _ in range(self.size)]
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        # after an error or Ctrl-C the work in hand is not wanted: stop at once
        self.close(grace=STOP_GRACE if exc_type is None else 0.0)

    def _new_loader(self) -> Loader:
        with _blas_threads(self.settings.blas_threads), _without_ctrl_c():
            return Loader(self._context, self.settings, self.task, self.warm_up, SERVE)

    def _loaded(self) -> bool:
        """Whether the loader has loaded; once it has, the workers are forked. Raises what
        stopped its load."""
        assert self._loader is not None
        try:
            if not self._loader.started():
                return False
        except LoaderFailed as err:
            raise WorkerFailed(str(err)) from None
        if not self._workers:
            self._workers = [self._start() for _ in range(self.size)]
        return True

    def _start(self) -> _Worker:
        if self._loader is not None:
            return self._fork()
        mine, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(theirs, self.settings.model_dump(), self.task, self.warm_up),
            name="eventwire-worker",
            daemon=True,
        )
        with _blas_threads(self.settings.blas_threads), _without_ctrl_c():
            process.start()
        theirs.close()
        return _Worker(process, mine)

    def _fork(self) -> _Worker:
        """A worker forked from the loader; a loader that has died (the OOM killer) is
        replaced first, and this waits for its load."""
        assert self._loader is not None
        try:
            process, conn = self._loader.fork()
        except LoaderFailed:
            self._loader.close(grace=0.0)
            self._loader = self._new_loader()
            try:
                self._loader.wait_started()
                process, conn = self._loader.fork()
            except LoaderFailed as err:
                raise WorkerFailed(str(err)) from None
        return _Worker(process, conn)

    def close(self, grace: float = STOP_GRACE) -> None:
        """Ask every worker to stop, then stop those that do not within ``grace`` seconds."""
        for worker in self._workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        deadline = time.monotonic() + grace
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []
        self._reap(wait=True)
        if self._loader is not None:
            self._loader.close(grace=0.0)  # its workers have been reaped: it stops at once
            self._loader = None

    def map(self, batches: Iterable[Batch]) -> Iterator[Batch]:
        """Every batch analysed, in the order given, while at most ``2 * workers`` batches are
        out at once."""
        source = iter(batches)
        waiting: deque[_Job] = deque()
        finished: dict[int, Batch] = {}
        split: dict[int, _Parts] = {}
        taken = given = 0
        exhausted = False
        while True:
            while not exhausted and taken - given < self._read_ahead():
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                else:
                    waiting.append(_Job(taken, batch))
                    taken += 1
                if not self._running():  # has the load ended? (without waiting)
                    self._wait(waiting, finished, split, block=False)
            self._hand_out(waiting, ahead=not exhausted)
            if given in finished:
                yield finished.pop(given)
                given += 1
                continue  # take more input before waiting
            if exhausted and given == taken:
                return
            self._wait(waiting, finished, split)

    def _running(self) -> bool:
        """Whether a worker has started (loaded and said it is ready): from then on, the
        steady read-ahead, also while a crashed worker is replaced."""
        if not self._started:
            self._started = any(worker.ready for worker in self._workers)
        return self._started

    def _read_ahead(self) -> int:
        """Batches that may be out at once: more while the model loads (see the module)."""
        per_worker = BATCHES_PER_WORKER if self._running() else START_UP_BATCHES_PER_WORKER
        return per_worker * self.size

    def _hand_out(self, waiting: deque[_Job], ahead: bool) -> None:
        """Waiting jobs to the workers: first one to each idle worker, then (``ahead``) one
        more to each worker busy with a batch, to start when its batch is done. Once the input
        is read, nothing is sent ahead: this process is then free to answer at once, and a
        batch held by a busy worker could leave another idle. A document analysed alone
        (after a crash) is never sent ahead, nor anything behind it, so that a worker that
        dies holding one is known to have died on it."""
        for depth in range(1, JOBS_PER_WORKER + 1 if ahead else 2):
            for worker in self._workers:
                if not waiting:
                    return
                if not worker.ready or len(worker.jobs) >= depth or self._used_up(worker):
                    continue
                if worker.jobs and (worker.jobs[-1].part is not None
                                    or waiting[0].part is not None):  # fmt: skip
                    continue
                self._send(worker, waiting.popleft())

    def _used_up(self, worker: _Worker) -> bool:
        """Whether ``worker`` has been sent its share of documents (it gets nothing more)."""
        limit = self.settings.worker_documents
        return bool(limit) and worker.sent >= limit

    def _recycle(self, worker: _Worker) -> None:
        """A used-up worker with nothing left in hand: told to stop, and a fresh one started
        in its place (its own exit is reaped later, without waiting for it)."""
        with contextlib.suppress(OSError, ValueError):
            worker.conn.send(None)
        self._retired.append(worker)
        self._workers[self._workers.index(worker)] = self._start()
        self.recycled += 1
        self._reap()

    def _reap(self, wait: bool = False) -> None:
        """Retired workers that have exited joined (``wait``: all of them, killed after
        ``STOP_GRACE`` seconds)."""
        left = []
        for worker in self._retired:
            worker.process.join(STOP_GRACE if wait else 0)
            if worker.process.is_alive() and wait:
                worker.process.kill()
                worker.process.join()
            if worker.process.is_alive():
                left.append(worker)
            else:
                worker.conn.close()
        self._retired = left

    def _send(self, worker: _Worker, job: _Job) -> None:
        worker.sent += len(job.items)
        worker.jobs.append(job)
        if len(worker.jobs) == 1:
            self._start_clock(worker)
        # a worker that has just died: _wait sees its death and gives the job again
        with contextlib.suppress(OSError):
            worker.conn.send((job.number, job.part, job.items))

    def _start_clock(self, worker: _Worker) -> None:
        """The deadline of the worker's first job, which it starts now (a job sent ahead
        starts when the one before it is done)."""
        job = worker.jobs[0]
        worker.deadline = time.monotonic() + self.settings.document_timeout * max(
            1, len(job.items)
        )

    def _wait(
        self, waiting: deque[_Job], finished: dict[int, Batch], split: dict[int, _Parts],
        block: bool = True,
    ) -> None:  # fmt: skip
        """Wait for a message or a death, or for the next deadline (``block`` False: only
        what has already come), and handle it."""
        now = time.monotonic()
        busy = [w for w in self._workers if w.job is not None]
        timeout = min((w.deadline for w in busy), default=now + 1.0) - now
        loader = self._loader
        if loader is not None and not loader.ready:
            if self._loaded():
                return
            timeout = min(timeout, 1.0)
        watched: dict[Any, _Worker | None] = {}
        if loader is not None and not loader.ready:
            watched[loader.conn] = watched[loader.process.sentinel] = None
        for worker in self._workers:
            watched[worker.conn] = worker
            watched[worker.process.sentinel] = worker
        for ready in wait(list(watched), timeout=max(0.0, min(timeout, 1.0)) if block else 0):
            worker = watched[ready]
            if worker is None:
                self._loaded()
                continue
            if worker not in self._workers:
                continue  # replaced while handling an earlier event of this round
            if ready is worker.conn:
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    message = None
                if message is not None:
                    self._received(worker, message, finished, split)
                    continue
            if not worker.process.is_alive() or ready is worker.process.sentinel:
                worker.process.join(1.0)
                self._replace(worker, waiting, finished, split,
                              f"the worker process analysing it died (exit code "
                              f"{worker.process.exitcode})")  # fmt: skip
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.job is not None and now > worker.deadline:
                limit = self.settings.document_timeout
                self._replace(worker, waiting, finished, split,
                              f"analysis took longer than {limit:g} s "
                              "(EVENTWIRE_DOCUMENT_TIMEOUT); stopped")  # fmt: skip

    def _received(
        self, worker: _Worker, message: tuple, finished: dict[int, Batch],
        split: dict[int, _Parts],
    ) -> None:  # fmt: skip
        kind = message[0]
        if kind == "ready":
            worker.ready, worker.pid = True, message[1]
        elif kind == "failed":
            error = message[1]
            raise error if isinstance(error, Exception) else WorkerFailed(str(error))
        elif kind == "done":
            job = worker.jobs.popleft()
            assert job.number == message[1] and job.part == message[2]
            if worker.jobs:
                self._start_clock(worker)
            elif self._used_up(worker):
                self._recycle(worker)
            self._finish(job, message[3], finished, split)

    def _finish(
        self, job: _Job, items: Batch, finished: dict[int, Batch], split: dict[int, _Parts]
    ) -> None:
        if job.part is None:
            finished[job.number] = items
            return
        parts = split[job.number]
        parts.items[job.part] = items[0]
        parts.left -= 1
        if parts.left == 0:
            finished[job.number] = list(parts.items)
            del split[job.number]

    def _replace(
        self, worker: _Worker, waiting: deque[_Job], finished: dict[int, Batch],
        split: dict[int, _Parts], reason: str,
    ) -> None:  # fmt: skip
        """Stop ``worker`` and start another. When it held one job of one document, that
        document fails with ``reason``; else every document it held (the batch it was
        analysing and the one sent ahead: which of the two broke it is not known) is tried
        again alone."""
        if not worker.ready and worker.job is None:
            worker.process.kill()
            raise WorkerFailed(f"a worker process stopped while loading the model ({reason})")
        with contextlib.suppress(OSError):
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self._workers[self._workers.index(worker)] = self._start()
        self.restarts += 1
        jobs = list(worker.jobs)
        if len(jobs) == 1 and len(jobs[0].items) == 1:
            (item,) = jobs[0].items
            self._finish(jobs[0], [self._lost(item, reason)], finished, split)
            return
        alone: list[_Job] = []
        for job in jobs:
            if job.part is not None:
                alone.append(job)
                continue
            split[job.number] = _Parts([None] * len(job.items))
            alone += [_Job(job.number, [item], part) for part, item in enumerate(job.items)]
        # first in line: these hold back every later batch
        for job in reversed(alone):
            waiting.appendleft(job)


# Thread pools of the numeric libraries a worker loads (spaCy's thinc uses NumPy's BLAS).
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@contextlib.contextmanager
def _blas_threads(threads: int) -> Iterator[None]:
    """The environment a worker starts with: ``threads`` BLAS threads (``Settings.blas_threads``;
    0 or a variable the user set leaves the library's choice), so that its libraries start with
    that many threads, before NumPy loads; the worker's pipeline load sets them again."""
    added = [name for name in THREAD_VARIABLES if name not in os.environ] if threads else []
    for name in added:
        os.environ[name] = str(threads)
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


@contextlib.contextmanager
def _without_ctrl_c() -> Iterator[None]:
    """A process started in this block ignores Ctrl-C from its first instruction (an ignored
    signal stays ignored across exec): a Ctrl-C while it imports would otherwise print its
    traceback. The calling process handles Ctrl-C, and stops it. Only the main thread can set
    a signal's handler; elsewhere the process ignores it once it runs (see _serve)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, handler)


def _serve(conn: Connection, settings_fields: dict[str, Any], task: str,
           warm_up: str | None) -> None:  # fmt: skip
    """A worker's life: load once, then analyse each batch it is sent until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        settings = Settings(**settings_fields)
        run = _function(task)
        if warm_up:
            _function(warm_up)(settings)
    except Exception as err:  # noqa: BLE001 - raised again in the parent (ModelNotFound, ...)
        send_start_failure(conn, err)
        return
    conn.send(("ready", os.getpid()))
    # Receiving and sending run on threads, so that the next batch is already here when one is
    # done and a finished batch waits in the outbox, not in this loop, until the parent reads.
    inbox: queue.SimpleQueue = queue.SimpleQueue()
    outbox: queue.SimpleQueue = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(conn, inbox), daemon=True).start()
    sender = threading.Thread(target=_deliver, args=(conn, outbox, inbox), daemon=True)
    sender.start()
    while True:
        message = inbox.get()
        if message is None:  # told to stop, or the parent is gone
            break
        number, part, batch = message
        outbox.put(("done", number, part, run(batch, settings)))
    outbox.put(None)
    sender.join()


def _receive(conn: Connection, inbox: queue.SimpleQueue) -> None:
    """A worker's receiving thread: each message into the inbox; None when told to stop or
    when the parent is gone."""
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            message = None
        inbox.put(message)
        if message is None:
            return


def _deliver(conn: Connection, outbox: queue.SimpleQueue, inbox: queue.SimpleQueue) -> None:
    """A worker's sending thread: each finished batch to the parent, until None."""
    while True:
        message = outbox.get()
        if message is None:
            return
        try:
            conn.send(message)
        except (BrokenPipeError, OSError):
            inbox.put(None)  # the parent is gone: the worker stops after its batch
            return


def _function(path: str) -> Callable[..., Any]:
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)

