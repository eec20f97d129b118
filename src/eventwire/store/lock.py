"""The writer lock of a store: one eventwire process writes a store at a time.

DuckDB already refuses a second process while a connection is open, but a writer that closes
its connection for a moment (:class:`eventwire.store.db.Store` reopens it every
``Settings.store_reconnect_documents`` documents, to give back the native memory DuckDB keeps
for a connection's life) would give that lock away. So every eventwire process that opens a
store for writing first takes an exclusive ``flock`` on ``<store>.lock`` next to it and holds
it until the store is closed: a second writer is refused at once (:class:`StoreBusy`), also
while the first one reconnects.

``flock`` locks belong to an open file, so one process that opens the same store twice (an
``eventwire serve --allow-ingest`` holds it and ingests into it) shares one lock, counted.
Without ``fcntl`` (Windows) there is no lock file and :attr:`WriterLock.held` is False: the
store is then never closed mid-ingest, and DuckDB's own lock is the only one.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

LOCK_SUFFIX = ".lock"

# Locks this process holds, by lock file path: (file descriptor, holders).
_held: dict[str, tuple[int, int]] = {}
_held_guard = threading.Lock()


class WriterLockBusy(Exception):
    """Another process holds the store's writer lock; ``holder`` is its PID when known."""

    def __init__(self, holder: int | None) -> None:
        super().__init__(f"writer lock held by PID {holder}" if holder else "writer lock held")
        self.holder = holder


def lock_path(store: Path) -> Path:
    """The lock file of a store: ``corpus.duckdb`` -> ``corpus.duckdb.lock``, next to the file
    itself when ``store`` is a link to it (so that every name of a store has the same lock)."""
    real = Path(os.path.realpath(store))
    return real.with_name(real.name + LOCK_SUFFIX)


def locking_available() -> bool:
    """Whether this platform has the ``flock`` writer lock (and so reconnecting is safe)."""
    return fcntl is not None


class WriterLock:
    """The exclusive writer lock of ``store``, taken by :meth:`acquire` without waiting.

    Raises :class:`WriterLockBusy` when another process holds it. Where no lock can be taken
    (no ``fcntl``, a directory that refuses the lock file, a file system without ``flock``)
    :attr:`held` stays False and the store is opened as before, its connection never closed
    mid-ingest; DuckDB then reports what it refuses itself."""

    def __init__(self, store: Path) -> None:
        self.path = lock_path(store)
        self._key = str(self.path)
        self.held = False

    def acquire(self) -> None:
        if fcntl is None or self.held:
            return
        with _held_guard:
            fd, holders = _held.get(self._key, (-1, 0))
            if not holders:
                try:
                    fd = _lock_file(self.path)
                except OSError:  # (WriterLockBusy is no OSError: it goes to the caller)
                    return
            _held[self._key] = (fd, holders + 1)
        self.held = True

    def release(self) -> None:
        if fcntl is None or not self.held:
            return
        self.held = False
        with _held_guard:
            fd, holders = _held.pop(self._key)
            if holders > 1:
                _held[self._key] = (fd, holders - 1)
                return
            # Removed while still locked, so that no process can lock this file after we let
            # go of it (one that opened it before is refused, see _lock_file); then unlocked
            # explicitly: a copy of the descriptor in a child process must not keep it.
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


def _lock_file(path: Path) -> int:
    """Open, lock and stamp with our PID the lock file at ``path``; its descriptor."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # EWOULDBLOCK: another open file holds it
            holder = _holder(fd)
            os.close(fd)
            raise WriterLockBusy(holder) from None
        except BaseException:
            os.close(fd)
            raise
        # The file we locked may have been removed by a writer that just finished (it removes
        # it before unlocking); then the lock is on a file nobody else sees: open it anew.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
    except OSError:
        pass  # the PID is only shown to a refused writer; the lock holds without it
    return fd


def _holder(fd: int) -> int | None:
    with contextlib.suppress(OSError, ValueError):
        os.lseek(fd, 0, os.SEEK_SET)
        return int(os.read(fd, 32).decode("ascii").strip() or 0) or None
    return None
