"""The corpus store: extraction results of many articles in one DuckDB file.

Public entry: :class:`Store` (open, add results, rebuild corpus tables) and :func:`ingest`
(``eventwire ingest``). Exports are in :mod:`eventwire.store.export`.
"""

from eventwire.store.db import (
    DEFAULT_DB,
    Store,
    StoreBusy,
    StoreError,
    StoreIOError,
    StoreMissing,
)
from eventwire.store.ingest import IngestReport, ingest, load_overrides

__all__ = [
    "Store", "ingest", "IngestReport", "load_overrides", "DEFAULT_DB",
    "StoreError", "StoreBusy", "StoreIOError", "StoreMissing",
]  # fmt: skip
