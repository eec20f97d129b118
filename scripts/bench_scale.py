"""Benchmark of eventwire at scale: one worker vs two, Ray vs workers, memory over a long run.

Measures `eventwire ingest` (read, clean, parse, extract, store in DuckDB) on synthetic but
realistic articles: each is 6 to 16 paragraphs of the bundled sample articles
(``samples/articles``, text written for this project) recombined at random, with a date.

  1. ``--workers 1`` vs ``--workers 2``: articles per second (whole run, and without the
     workers' start-up), the CPU seconds per article of the whole path, and the CPU of the
     reading/writing process vs the workers; then ``--workers 2`` with one cleaning worker
     (what 4+ workers get by default), which leaves the reading process only reading and
     storing. The stores must be identical.
  2. Ray Data on a local cluster of 2 CPUs vs ``--workers 2``, the same store again.
  3. A long run with ``--workers 2``: resident memory (RSS) of the writer (main process) and
     of each worker, sampled every second, at ten points of the run.

Usage:
  python scripts/bench_scale.py                    # 500 + 500 (Ray) + 2,000 (long) articles
  python scripts/bench_scale.py --docs 100 --long-docs 500 --no-ray   # a quick run
  python scripts/bench_scale.py --long-docs 100000 # the issue's memory run (hours on 2 cores)
  python scripts/bench_scale.py --update-docs      # also rewrite "## Scale" in
                                                   # docs/benchmarks.md with the results

Wall-clock figures depend on what else runs on the machine: the load average at the start and
the end is printed and written next to them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

# Run as a file, the scripts folder is on sys.path.
from docs_sections import BENCHMARKS, REPO, replace_section

from eventwire.ingest import read_documents
from eventwire.model import Result
from eventwire.nlp import load_pipeline
from eventwire.settings import Settings
from eventwire.store import ingest
from eventwire.store.export import TABLES

SECTION = "## Scale: workers, Ray and memory"
SAMPLES = REPO / "samples" / "articles"
LOAD_AT_START = os.getloadavg()[0]


def paragraphs() -> list[str]:
    """The paragraphs of the sample articles, as cleaned by ingest."""
    found: list[str] = []
    for item in read_documents([SAMPLES], Settings()):
        if isinstance(item, Result) and not item.failed:
            found += [p.strip() for p in item.document.text.split("\n") if len(p.strip()) > 40]
    return found


def write_corpus(path: Path, count: int, seed: int) -> int:
    """``count`` articles of 6-16 recombined paragraphs as JSON Lines; returns their chars."""
    rng = random.Random(seed)
    pool = paragraphs()
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            text = "\n\n".join(rng.sample(pool, rng.randint(6, 16)))
            day = f"20{rng.randint(22, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            record = {"id": f"synthetic-{seed}-{number:06d}", "published": day, "text": text}
            out.write(json.dumps(record) + "\n")
            chars += len(text)
    return chars


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def rss_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def worker_pids(parent: int) -> list[int]:
    """The children of ``parent`` that are eventwire workers (spawned processes, not
    multiprocessing's resource tracker)."""
    pids = []
    for task in Path(f"/proc/{parent}/task").iterdir():
        try:
            pids += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    workers = []
    for pid in pids:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command:
            workers.append(pid)
    return sorted(workers)


class Sampler:
    """RSS of the process ``pid`` and of its worker processes every ``every`` seconds, with the
    number of documents stored so far (``done``, set by the caller)."""

    def __init__(self, pid: int, every: float = 1.0) -> None:
        self.pid = pid
        self.every = every
        self.samples: list[tuple[int, float, list[float]]] = []
        self.done = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            writer = rss_mib(self.pid)
            if writer is None:
                return
            workers = [m for pid in worker_pids(self.pid) if (m := rss_mib(pid)) is not None]
            self.samples.append((self.done, writer, workers))


def long_run(corpus: Path, db: Path) -> tuple[dict[str, float], Sampler]:
    """`eventwire ingest --workers 2` as a user runs it (its own process, which never loads the
    model), its memory and its workers' sampled every second."""
    command = [sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", str(db),
               "--workers", "2", "--progress"]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    _, children0 = cpu_seconds()
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    with Sampler(process.pid) as sampler:
        for line in process.stderr:
            if line.startswith("eventwire: committed "):
                sampler.done = int(line.split()[2])
        process.wait()
    wall = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"the long run failed with exit code {process.returncode}")
    _, children1 = cpu_seconds()  # the command and its workers
    return {"documents": sampler.done, "wall": wall, "rate": sampler.done / wall,
            "cpu": children1 - children0}, sampler  # fmt: skip


def command_run(corpus: Path, db: Path, workers: int) -> dict[str, float]:
    """`eventwire ingest --workers N` as a user runs it, in its own process: the model and
    tables loaded inside the run (in-process for 1 worker, in each worker for 2)."""
    command = [sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", str(db),
               "--workers", str(workers)]  # fmt: skip
    _, children0 = cpu_seconds()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"eventwire ingest --workers {workers} failed: {done.stderr[-2000:]}")
    _, children1 = cpu_seconds()
    with duckdb.connect(str(db), read_only=True) as con:
        documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    return {"documents": documents, "wall": wall, "rate": documents / wall,
            "cpu": children1 - children0}  # fmt: skip


def pool_start_up(settings: Settings) -> tuple[float, float]:
    """Seconds for two workers to start and warm up (``pipeline.warm_up``: the model and the
    tables its components load at first use; once per run)."""
    from eventwire.parallel import WorkerPool

    _, children0 = cpu_seconds()
    start = time.perf_counter()
    with WorkerPool(settings, 2) as pool:
        list(pool.map([[], []]))  # answered once both workers are ready
    wall = time.perf_counter() - start
    _, children1 = cpu_seconds()  # the workers have exited: their CPU is counted
    return wall, children1 - children0


def timed_ingest(corpus: Path, db: Path, settings: Settings) -> dict[str, float]:
    """One ingest, timed: wall seconds and CPU seconds of this process and of its workers."""
    own0, children0 = cpu_seconds()
    start = time.perf_counter()
    report = ingest([corpus], db, settings)
    end = time.perf_counter()
    own1, children1 = cpu_seconds()
    documents = report.stored + report.failed
    return {"documents": documents, "failed": report.failed, "wall": end - start,
            "rate": documents / (end - start), "main_cpu": own1 - own0,
            "worker_cpu": children1 - children0}  # fmt: skip


def store_rows(db: Path) -> dict[str, list[tuple]]:
    """Every row of every exported store table, in a fixed order; when a document was added
    differs between runs by design and is left out."""
    with duckdb.connect(str(db), read_only=True) as con:
        rows = {}
        for table in TABLES:
            columns = [c[0] for c in con.execute(f"DESCRIBE {table}").fetchall()]
            kept = ", ".join(f'"{c}"' for c in columns if c != "added")
            rows[table] = con.execute(f"SELECT {kept} FROM {table} ORDER BY ALL").fetchall()
        return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=500, help="articles for runs 1 and 2")
    parser.add_argument("--long-docs", type=int, default=2000, help="articles for the long run")
    parser.add_argument("--no-ray", action="store_true", help="skip the Ray run")
    parser.add_argument("--update-docs", action="store_true",
                        help=f"rewrite '{SECTION}' in docs/benchmarks.md")  # fmt: skip
    args = parser.parse_args()
    command = "python scripts/bench_scale.py " + " ".join(sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as scratch:
        folder = Path(scratch)
        corpus = folder / "corpus.jsonl"
        chars = write_corpus(corpus, args.docs, seed=1)
        print(f"{args.docs} articles, {chars / args.docs:,.0f} characters each on average")
        started = time.perf_counter()
        load_pipeline(Settings())  # the in-process model, loaded before the clock starts
        model_load = time.perf_counter() - started
        # one article first, untimed: the lazy one-off loads (gazetteer, lemma tables)
        write_corpus(folder / "warm.jsonl", 1, seed=0)
        ingest([folder / "warm.jsonl"], folder / "warm.duckdb", Settings(workers=1))
        start_up, start_up_cpu = pool_start_up(Settings(workers=2))
        print(f"model load in-process {model_load:.1f} s, two workers ready in {start_up:.1f} s "
              f"({start_up_cpu:.1f} CPU s)")

        one = timed_ingest(corpus, folder / "one.duckdb", Settings(workers=1))
        print("workers 1:", one)
        two = timed_ingest(corpus, folder / "two.duckdb", Settings(workers=2))
        print("workers 2:", two)
        same_two = store_rows(folder / "one.duckdb") == store_rows(folder / "two.duckdb")
        print("identical stores (1 vs 2 workers):", same_two)
        cleaning = timed_ingest(corpus, folder / "clean.duckdb",
                                Settings(workers=2, clean_workers=1))  # fmt: skip
        print("workers 2, 1 cleaning worker:", cleaning)
        same_cleaning = store_rows(folder / "one.duckdb") == store_rows(folder / "clean.duckdb")
        cold_one = command_run(corpus, folder / "cold-one.duckdb", 1)
        print("eventwire ingest --workers 1 (own process):", cold_one)
        cold_two = command_run(corpus, folder / "cold-two.duckdb", 2)
        print("eventwire ingest --workers 2 (own process):", cold_two)
        same_cold = store_rows(folder / "one.duckdb") == store_rows(folder / "cold-two.duckdb")

        on_ray: dict[str, float] | None = None
        same_ray = None
        ray_start = 0.0
        if not args.no_ray:
            import ray

            started = time.perf_counter()
            ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
            ray_start = time.perf_counter() - started
            try:
                on_ray = timed_ingest(corpus, folder / "ray.duckdb", Settings(engine="ray"))
            finally:
                ray.shutdown()
            print("ray (2 CPUs):", on_ray)
            same_ray = store_rows(folder / "one.duckdb") == store_rows(folder / "ray.duckdb")
            print("identical stores (1 worker vs Ray):", same_ray)

        long_corpus = folder / "long.jsonl"
        long_chars = write_corpus(long_corpus, args.long_docs, seed=2)
        long, sampler = long_run(long_corpus, folder / "long.duckdb")
        print("long run, workers 2:", long)
    load_at_end = os.getloadavg()[0]

    def row(name: str, run: dict[str, float], same: object, cpu: bool = True) -> str:
        docs = run["documents"]
        total = (run["main_cpu"] + run["worker_cpu"]) / docs
        split = (f"{total:.3f} ({run['main_cpu'] / docs:.3f} / {run['worker_cpu'] / docs:.3f})"
                 if cpu else "driver only: actors not counted")  # fmt: skip
        cores = f"{total * docs / run['wall']:.2f}" if cpu else "-"
        return (f"| {name} | {docs:,} | {run['wall']:.1f} | {run['rate']:.2f} | "
                f"{split} | {cores} | {same} |")  # fmt: skip

    lines = [
        SECTION, "",
        f"`{command.strip()}` on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, DuckDB {duckdb.__version__}. **Load average "
        f"{LOAD_AT_START:.1f} at the start, {load_at_end:.1f} at the end**: above ~2 the 2 cores "
        "were shared with other work, so wall-clock rates are low and noisy; CPU seconds per "
        "article are the steadier figure. Synthetic articles: 6-16 paragraphs of the sample "
        f"articles recombined at random ({chars / args.docs:,.0f} characters on average), in "
        "one JSON Lines file, each run into a new store (`eventwire.store.ingest`, the code of "
        "`eventwire ingest`: read, clean, parse, extract, store).", "",
        "| run | articles | wall s | articles/s | CPU s per article (reader+writer / workers) "
        "| cores used (CPU s / wall s) | same store as 1 worker |",
        "| --- | ---: | ---: | ---: | --- | ---: | --- |",
        row("`--workers 1` (in-process)", one, "-"),
        row("`--workers 2`", two, "yes" if same_two else "**NO**"),
        row("`--workers 2`, `EVENTWIRE_CLEAN_WORKERS=1` (the workers' column includes the "
            "cleaning worker)", cleaning, "yes" if same_cleaning else "**NO**"),
    ]  # fmt: skip
    if on_ray is not None:
        lines.append(row("`--engine ray`, local cluster of 2 CPUs", on_ray,
                         "yes" if same_ray else "**NO**", cpu=False))  # fmt: skip
    warm = (two["wall"] - start_up) if two["wall"] > start_up else two["wall"]
    one_cpu = one["main_cpu"] + one["worker_cpu"]
    steady_cpu = two["main_cpu"] + two["worker_cpu"] - start_up_cpu
    lines += [
        "",
        f"Two workers vs one: **{two['rate'] / one['rate']:.2f}x** articles per second over the "
        f"whole run, **{one['wall'] / warm:.2f}x** without the workers' start-up (measured "
        f"alone: {start_up:.1f} s for two workers to start, load the model and warm up; "
        f"in-process the model loads in {model_load:.1f} s and its tables warm up before the "
        f"clock starts). In CPU seconds, which other work on the machine disturbs less: the "
        f"two workers' start-up cost {start_up_cpu:.1f} CPU s; without it two workers spend "
        f"{steady_cpu / two['documents']:.3f} CPU s per article against "
        f"{one_cpu / one['documents']:.3f} in-process, so with two free cores they would run "
        f"**{2 * (one_cpu / one['documents']) / (steady_cpu / two['documents']):.2f}x** as "
        "fast as one, start-up aside."
        + (f" Ray vs two workers: **{on_ray['rate'] / two['rate']:.2f}x** over the whole run "
           f"(`ray.init` of the local cluster, {ray_start:.1f} s, not included; the actors "
           "load the model inside the run)." if on_ray else ""),
        "",
        f"As a user runs it (`eventwire ingest corpus.jsonl --workers N`, its own process, "
        f"each run loading the model and tables inside it): `--workers 1` "
        f"{cold_one['wall']:.1f} s ({cold_one['rate']:.2f} articles/s, "
        f"{cold_one['cpu'] / cold_one['documents']:.3f} CPU s per article), `--workers 2` "
        f"{cold_two['wall']:.1f} s ({cold_two['rate']:.2f} articles/s, "
        f"{cold_two['cpu'] / cold_two['documents']:.3f} CPU s per article): "
        f"**{cold_two['rate'] / cold_one['rate']:.2f}x**; same store: "
        f"{'yes' if same_cold else '**NO**'}.",
        "",
        "Reading the numbers: every process runs BLAS on one thread (`Settings.blas_threads`), "
        "the in-process run as each worker, so the in-process run uses one core and two "
        "workers can use two. The in-process run of the table has its model and tables loaded "
        "before its clock starts, while the workers load theirs inside the run (about 8 CPU s "
        "each): over a short run that start-up weighs on the whole-run ratio, hence the figure "
        "without it and the runs as a user makes them. When the two-worker runs use about as "
        "many cores as the in-process run, other work held the machine and the wall-clock "
        "ratios say nothing about the workers (the CPU seconds per article still do: two "
        "workers cost the in-process CPU plus the workers' start-up and the batches' "
        "pickling).",
        "",
        f"Memory over a long run: `eventwire ingest long.jsonl --workers 2` (its own process) on "
        f"{long['documents']:,} articles ({long_chars / args.long_docs:,.0f} characters on "
        f"average) in {long['wall']:.0f} s ({long['rate']:.2f} articles/s, "
        f"{long['cpu'] / long['documents']:.3f} CPU s per article); resident memory (RSS, MiB) "
        "of the writer and of each worker, sampled every second, by articles committed:",
        "",
    ]  # fmt: skip
    # while both workers run: not their start, nor their exit (memory handed back)
    samples = [s for s in sampler.samples if len(s[2]) >= 2 and s[0] > 0][:-2]
    if samples:
        picks = [samples[min(len(samples) - 1, round(i * (len(samples) - 1) / 9))]
                 for i in range(10)]  # fmt: skip
        lines.append("| articles committed | " + " | ".join(f"{s[0]:,}" for s in picks) + " |")
        lines.append("| --- |" + " ---: |" * len(picks))
        lines.append("| writer (main) | " + " | ".join(f"{s[1]:.0f}" for s in picks) + " |")
        for number in range(max(len(s[2]) for s in picks)):
            cells = [f"{s[2][number]:.0f}" if number < len(s[2]) else "-" for s in picks]
            lines.append(f"| worker {number + 1} | " + " | ".join(cells) + " |")
        peak_writer = max(s[1] for s in samples)
        peak_worker = max(max(s[2]) for s in samples)
        lines += ["", f"Peak RSS: writer {peak_writer:.0f} MiB, a worker {peak_worker:.0f} MiB."]
    section = "\n".join(lines) + "\n"
    print(section)
    if args.update_docs:
        replace_section(BENCHMARKS, section)
        print(f"updated {BENCHMARKS}")


if __name__ == "__main__":
    main()
