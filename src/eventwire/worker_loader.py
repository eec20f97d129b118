"""A loader process: loads what the workers need once, then forks each worker from itself.

A spawned worker imports eventwire, loads the spaCy pipeline and warms up its tables on its
own: about 8 CPU seconds each, and its own copy of the model's memory. With a loader, that
work is done once, in one spawned process, and each worker is a ``fork`` of it, started in
milliseconds with the model and tables already in memory, shared with the loader and the other
workers page by page until one of them writes to a page (copy-on-write). A worker that crashes
is replaced by another fork, not by a new load.

The loader is itself started with ``spawn``, never forked from the calling process: that
process may hold DuckDB connections, threads and open files, which a fork would copy into
every worker. The loader runs one thread (its BLAS library on one thread, no thread pool of its
own), so forking it is safe. It only forks and reaps: each worker talks to the calling process
over its own connection, whose end the calling process passes to the loader (``SCM_RIGHTS``)
with the write end of a pipe that tells it when the worker has exited.

Fork is used on Linux only: on macOS, system libraries (Accelerate) are not safe to use after
a fork, and Windows has no fork; there each worker is spawned (:mod:`eventwire.parallel`).
"""

from __future__ import annotations

import contextlib
import gc
import os
import select
import signal
import socket
import sys
import time
from collections.abc import Callable
from multiprocessing import reduction
from multiprocessing.connection import Connection, wait
from typing import Any

from eventwire.settings import Settings

__all__ = ["FORK_WORKERS", "Loader", "ForkedProcess", "LoaderFailed", "send_start_failure"]

# Whether workers are forked from a loader here (else each is spawned and loads its own model).
FORK_WORKERS = sys.platform.startswith("linux")
# Seconds the loader gives its workers to exit when it is told to stop (or its caller is gone)
# before it kills them: a worker stuck in a document would otherwise outlive the run.
REAP_GRACE = 5.0


class LoaderFailed(RuntimeError):
    """The loader process stopped, or cannot be reached: no worker can be forked from it."""


class ForkedProcess:
    """A worker forked by the loader, seen from the calling process, with what
    :class:`eventwire.parallel.WorkerPool` uses of a ``multiprocessing`` process: ``pid``,
    ``sentinel`` (readable once the worker has exited), ``is_alive``, ``kill``, ``join`` and
    ``exitcode`` (its exit status, or minus the signal that ended it, as ``multiprocessing``
    gives it; None while it runs, or when the loader that could tell is gone)."""

    def __init__(self, pid: int, sentinel: int, loader: Loader) -> None:
        self.pid = pid
        self.sentinel = sentinel
        self.exitcode: int | None = None
        self._loader = loader
        self._reaped = False

    def is_alive(self) -> bool:
        if self._reaped:
            return False
        readable, _, _ = select.select([self.sentinel], [], [], 0)
        return not readable

    def kill(self) -> None:
        if not self._reaped:  # before it is reaped, its pid cannot be another process's
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)

    def join(self, timeout: float | None = None) -> None:
        """Wait up to ``timeout`` seconds (None: for ever) for the worker to exit; once it has,
        the loader reaps it and tells its exit code."""
        if self._reaped or not wait([self.sentinel], timeout):
            return
        self._reaped = True
        os.close(self.sentinel)
        self.exitcode = self._loader.reap(self.pid)


class Loader:
    """The loader process, seen from the calling process. Starting it does not wait for its
    load: ``conn`` becomes readable with ``("ready", pid)`` or ``("failed", error)``, which
    :meth:`started` reads; then :meth:`fork` starts workers."""

    def __init__(self, context: Any, settings: Settings, task: str, warm_up: str | None,
                 serve: str) -> None:  # fmt: skip
        self.conn, theirs = context.Pipe()  # a Unix socket pair: it can carry descriptors
        self.process = context.Process(
            target=_load_and_fork,
            args=(theirs, settings.model_dump(), task, warm_up, serve),
            name="eventwire-loader",
            daemon=True,
        )
        self.process.start()
        theirs.close()
        self.ready = False

    def started(self) -> bool:
        """Read the loader's first message if it has come: True once it has loaded; raises
        what stopped its load (the model is missing, ...), or :class:`LoaderFailed`."""
        if self.ready:
            return True
        if not self.conn.poll(0):
            if self.process.is_alive():
                return False
            self.process.join(1.0)
            raise LoaderFailed(f"the process loading the model stopped (exit code "
                               f"{self.process.exitcode})")  # fmt: skip
        try:
            message = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(1.0)
            raise LoaderFailed(f"the process loading the model stopped (exit code "
                               f"{self.process.exitcode})") from None  # fmt: skip
        if message[0] == "failed":
            error = message[1]
            raise error if isinstance(error, Exception) else LoaderFailed(str(error))
        self.ready = True
        return True

    def wait_started(self) -> None:
        """Wait for the load to end (see :meth:`started`)."""
        while not self.started():
            wait([self.conn, self.process.sentinel])

    def fork(self) -> tuple[ForkedProcess, Connection]:
        """A new worker, forked from the loaded process, and the calling process's end of its
        connection. Raises :class:`LoaderFailed` when the loader is gone."""
        mine, theirs = _pipe()
        sentinel, exit_end = os.pipe()
        try:
            self.conn.send(("fork",))
            with socket.socket(fileno=os.dup(self.conn.fileno())) as channel:
                reduction.sendfds(channel, [theirs.fileno(), exit_end])
            kind, pid = self.conn.recv()
        except (EOFError, OSError) as err:
            mine.close()
            os.close(sentinel)
            raise LoaderFailed(f"the process loading the model is gone ({err or 'closed'})") \
                from None  # fmt: skip
        finally:
            theirs.close()
            os.close(exit_end)
        return ForkedProcess(pid, sentinel, self), mine

    def reap(self, pid: int) -> int | None:
        """The exit code of a worker that has exited (the loader waits for it): None when the
        loader is gone (the worker is then reaped by the system)."""
        try:
            self.conn.send(("reap", pid))
            return self.conn.recv()
        except (EOFError, OSError):
            return None

    def close(self, grace: float = REAP_GRACE) -> None:
        """Tell the loader to stop (it reaps its workers, killing those still running after
        ``grace`` seconds), wait for it, and kill it if it does not stop. A loader still
        loading (Ctrl-C before the workers started) has forked nothing: it is killed at once."""
        if self.ready:
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(("stop", grace))
            self.process.join(grace + 5.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _pipe() -> tuple[Connection, Connection]:
    left, right = socket.socketpair()
    return Connection(left.detach()), Connection(right.detach())


def _load_and_fork(conn: Connection, settings_fields: dict[str, Any], task: str,
                   warm_up: str | None, serve: str) -> None:  # fmt: skip
    """The loader's life: load, then fork a worker for each request until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the calling process's to handle
    try:
        settings = Settings(**settings_fields)
        _function(task)  # imported here once, not in each worker
        if warm_up:
            _function(warm_up)(settings)
        serve_worker = _function(serve)
    except Exception as err:  # noqa: BLE001 - raised again in the caller (ModelNotFound, ...)
        send_start_failure(conn, err)
        return
    # what the load made is kept out of the collector's reach: a collection in a worker would
    # otherwise write to every page holding an object, and copy it
    gc.freeze()
    conn.send(("ready", os.getpid()))
    children: set[int] = set()
    grace = REAP_GRACE
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break  # the calling process is gone
        if message[0] == "fork":
            with socket.socket(fileno=os.dup(conn.fileno())) as channel:
                worker_end, exit_end = reduction.recvfds(channel, 2)
            pid = os.fork()
            if pid == 0:
                conn.close()
                _run_worker(serve_worker, worker_end, settings_fields, task)
            os.close(worker_end)
            os.close(exit_end)
            children.add(pid)
            conn.send(("forked", pid))
        elif message[0] == "reap":
            pid = message[1]
            children.discard(pid)
            conn.send(_reap(pid))
        elif message[0] == "stop":
            grace = message[1]
            break
    _reap_all(children, grace)


def _run_worker(serve_worker: Callable[..., None], fd: int, settings_fields: dict[str, Any],
                task: str) -> None:  # fmt: skip
    """A forked worker: serve on its connection (warmed up already: it is a copy of the
    loader), then exit without returning to the loader's loop (nor running what the loader
    would run at its exit)."""
    code = 1
    try:
        serve_worker(Connection(fd), settings_fields, task, None)
        code = 0
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _reap(pid: int) -> int | None:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return None
    return os.waitstatus_to_exitcode(status)


def _reap_all(children: set[int], grace: float) -> None:
    """Wait for every worker still running, killing those that have not exited after ``grace``
    seconds, so that none outlives the run and their CPU time is counted with the loader's."""
    deadline = time.monotonic() + grace
    while children:
        for pid in list(children):
            with contextlib.suppress(ChildProcessError):
                done, _ = os.waitpid(pid, os.WNOHANG)
                if not done:
                    continue
            children.discard(pid)
        if not children:
            return
        if time.monotonic() > deadline:
            for pid in children:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            deadline = float("inf")
        time.sleep(0.05)


def _function(path: str) -> Callable[..., Any]:
    from importlib import import_module

    module, _, name = path.partition(":")
    return getattr(import_module(module), name)

def send_start_failure(conn: Connection, err: Exception) -> None:
    """Tell the parent why a worker (or the loader) could not start: the error itself, or its
    words when it cannot be pickled."""
    try:
        conn.send(("failed", err))
    except Exception:  # noqa: BLE001 - an error that cannot be pickled: its words
        conn.send(("failed", f"a worker could not start: {err or type(err).__name__}"))
