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
