"""Batch functions that worker processes import by name in tests of eventwire.parallel: they
stand in for the spaCy analysis, so the pool's own behaviour (order, crashes, time-outs) is
tested without loading a model."""

from __future__ import annotations

import os
import time

from eventwire.model import Result
from eventwire.settings import Settings


def mark(batch: list, settings: Settings) -> list:
    """Each document's title becomes "seen <n>" (n: its place in the batch); a text holding
    CRASH kills the worker, one holding HANG never ends, one holding SLOW takes a moment."""
    for number, item in enumerate(batch):
        if not isinstance(item, Result):
            continue
        text = item.document.text
        if "CRASH" in text:
            os._exit(3)  # a crash in a C library: no exception, the process is gone
        if "HANG" in text:
            time.sleep(3600)
        if "SLOW" in text:
            time.sleep(0.2)
        item.document.title = f"seen {number} of {len(batch)}"
    return batch


def stamp_process(batch: list, settings: Settings) -> list:
    """Each document's title becomes the id of the worker process that analysed it."""
    for item in batch:
        if isinstance(item, Result):
            item.document.title = str(os.getpid())
    return batch


def fail_to_start(settings: Settings) -> None:
    """A warm-up that cannot load what it needs."""
    raise RuntimeError("no such model: nothing to load")


def prepare_or_crash(batch: list, settings: Settings) -> list:
    """Cleaning, except that a raw text holding CRASH kills the worker."""
    from eventwire.ingest import prepare_batch

    if any("CRASH" in (getattr(item, "text", None) or "") for item in batch):
        os._exit(4)
    return prepare_batch(batch, settings)


def blas_threads(batch: list, settings: Settings) -> list:
    """Each document's title becomes the BLAS thread counts of the worker that analysed it."""
    import numpy  # noqa: F401 - loaded as spaCy loads it, after the worker started
    from threadpoolctl import threadpool_info

    counts = sorted({pool["num_threads"] for pool in threadpool_info()
                     if pool["user_api"] == "blas"})  # fmt: skip
    for item in batch:
        if isinstance(item, Result):
            item.document.title = ",".join(map(str, counts))
    return batch


# Where record_warm_up writes the process that warmed up (an environment variable: the
# loader and spawned workers inherit it).
WARM_UP_LOG = "EVENTWIRE_TEST_WARM_UP_LOG"
# Memory the warm-up holds, in the process that ran it: a forked worker shares it.
_held: list[bytes] = []


def record_warm_up(settings: Settings) -> None:
    """A warm-up that writes its process id to the file named by WARM_UP_LOG and holds 64 MiB
    (written, so that it is resident)."""
    with open(os.environ[WARM_UP_LOG], "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\n")
    _held.append(bytes(range(256)) * (64 * 2**20 // 256))


def who(batch: list, settings: Settings) -> list:
    """Each document's title becomes "<pid> <parent pid> <private MiB>" of the worker (private:
    pages the worker does not share with another process); a text holding CRASH kills the
    worker, one holding KILL LOADER kills the worker's parent first."""
    for item in batch:
        if not isinstance(item, Result):
            continue
        if "KILL LOADER" in item.document.text and os.getppid() != 1:  # never init
            os.kill(os.getppid(), 9)
        if "CRASH" in item.document.text:
            os._exit(3)
        private = 0
        with open("/proc/self/smaps_rollup", encoding="utf-8") as smaps:
            for line in smaps:
                if line.startswith(("Private_Clean:", "Private_Dirty:")):
                    private += int(line.split()[1])
        item.document.title = f"{os.getpid()} {os.getppid()} {private // 1024}"
    return batch
