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
  python scripts/bench_scale.py --long-only --long-docs 100000 --long-paragraphs 2-4 \
      --long-dir /tmp/mem-run        # the long run alone, on short wire briefs (~1.5 h), its
                                     # samples written to long-samples.jsonl as it goes
  python scripts/bench_scale.py --report /tmp/mem-run/long-samples.jsonl   # its report, also
                                     # of a run still going (--update-docs: into the docs)
  python scripts/bench_scale.py --as-user 1500 --repeat 2   # --workers 2 vs 1 as a user
                                     # runs them (own processes, model loads included)
  python scripts/bench_scale.py --as-user 1500 --ray   # --engine ray vs --workers 2 as a user
                                     # runs them (the Ray run starts its local cluster)
  python scripts/bench_scale.py --vocab-growth 600  # what a worker keeps per new word
  python scripts/bench_scale.py --writer-memory 12000   # where the writer's memory goes
  python scripts/bench_scale.py --writer-memory 100000 --reconnect-every 0 --writer-out DIR
                                     # the writer's RSS over 100,000 stored articles, with one
                                     # connection (0) or reconnecting (default: the setting)
  python scripts/bench_scale.py --writer-report DIR  # the table of the runs written to DIR
  python scripts/bench_scale.py --rebuild-memory 30000  # the rebuild's peak memory on a store
                                     # of short recombined briefs (no NLP: synthetic results);
                                     # --reference-src DIR: also with another version's src
  python scripts/bench_scale.py --update-docs      # also rewrite "## Scale" in
                                                   # docs/benchmarks.md with the results

Wall-clock figures depend on what else runs on the machine: the load average at the start and
the end is printed and written next to them.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
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
from eventwire.store.ingest import COMMIT_EVERY

SECTION = "## Scale: workers, Ray and memory"
MEMORY_SECTION = "## Scale: memory over a long run"
AS_USER_SECTION = "## Scale: --workers 2 as a user runs it"
AS_USER_RAY_SECTION = "## Scale: Ray vs --workers 2 as a user runs it"
FLAT = 0.05  # RSS within 5% from the first half of a long run to the second is "flat"
SAMPLES = REPO / "samples" / "articles"
LOAD_AT_START = os.getloadavg()[0]


def paragraphs() -> list[str]:
    """The paragraphs of the sample articles, as cleaned by ingest."""
    found: list[str] = []
    for item in read_documents([SAMPLES], Settings()):
        if isinstance(item, Result) and not item.failed:
            found += [p.strip() for p in item.document.text.split("\n") if len(p.strip()) > 40]
    return found


def write_corpus(path: Path, count: int, seed: int, per_article: tuple[int, int] = (6, 16),
                 new_names: bool = False) -> int:  # fmt: skip
    """``count`` articles of ``per_article`` (fewest, most) recombined paragraphs as JSON
    Lines (``new_names``: each with a paragraph of new names, see
    :func:`new_names_paragraph`); returns their chars."""
    rng = random.Random(seed)
    pool = paragraphs()
    chars = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            text = "\n\n".join(rng.sample(pool, rng.randint(*per_article)))
            if new_names:
                text += "\n\n" + new_names_paragraph(rng)
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


def _proc_mib(pid: int, file: str, field: str) -> float | None:
    """A kB figure of ``/proc/PID/FILE`` (the line starting with ``field``), in MiB."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def rss_mib(pid: int) -> float | None:
    return _proc_mib(pid, "status", "VmRSS:")


def pss_mib(pid: int) -> float | None:
    """Proportional set size: the process's own pages plus its share of the pages it shares
    (a forked worker shares the model's pages with the loader and the other workers)."""
    return _proc_mib(pid, "smaps_rollup", "Pss:")


def _spawned_children(parent: int) -> list[int]:
    """The children of ``parent`` started by multiprocessing's spawn (not its resource
    tracker)."""
    pids = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{parent}/task").iterdir():
            with contextlib.suppress(OSError):
                pids += [int(p) for p in (task / "children").read_text().split()]
    found = []
    for pid in pids:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command:
            found.append(pid)
    return sorted(found)


def worker_processes(parent: int) -> tuple[list[int], list[int]]:
    """The eventwire workers under ``parent`` and the loaders they were forked from: on Linux
    the command spawns a loader, which forks the workers (its children, with its command
    line); elsewhere the workers are the command's spawned children."""
    workers, loaders = [], []
    for pid in _spawned_children(parent):
        forked = _spawned_children(pid)
        if forked:
            loaders.append(pid)
            workers += forked
        else:
            workers.append(pid)
    return sorted(workers), loaders


def worker_pids(parent: int) -> list[int]:
    """The eventwire workers under ``parent`` (see :func:`worker_processes`)."""
    return worker_processes(parent)[0]


def store_mib(db: Path) -> float:
    """The store on disk: the DuckDB file and its write-ahead log, MiB."""
    size = 0
    for path in (db, db.with_name(db.name + ".wal")):
        with contextlib.suppress(OSError):
            size += path.stat().st_size
    return size / 2**20


class Sampler:
    """RSS of the process ``pid`` and of its worker processes every ``every`` seconds, with the
    number of documents stored so far (``done``, set by the caller), the load average and the
    store's size on disk. Each sample is also appended to ``out`` (JSON Lines, flushed), so a
    run stopped half way is still evidence."""

    def __init__(self, pid: int, db: Path, out: Path | None = None, every: float = 1.0) -> None:
        self.pid = pid
        self.db = db
        self.every = every
        self.samples: list[dict[str, object]] = []
        self.done = 0
        self._out = out.open("a", encoding="utf-8") if out else None
        self._start = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        if self._out:
            self._out.close()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            writer = rss_mib(self.pid)
            if writer is None:
                return
            pids, loaders = worker_processes(self.pid)
            workers = {pid: m for pid in pids if (m := rss_mib(pid)) is not None}
            # the model's memory, counted once however many workers share it
            shared = [m for pid in [*loaders, *workers] if (m := pss_mib(pid)) is not None]
            sample = {"seconds": round(time.perf_counter() - self._start, 1),
                      "documents": self.done, "load": round(os.getloadavg()[0], 2),
                      "writer_mib": round(writer, 1),
                      "worker_mib": [round(m, 1) for m in workers.values()],
                      "worker_pids": list(workers),
                      "loader_mib": [round(m, 1) for pid in loaders
                                     if (m := rss_mib(pid)) is not None],
                      "workers_pss_mib": round(sum(shared), 1),
                      "store_mib": round(store_mib(self.db), 1)}  # fmt: skip
            self.samples.append(sample)
            if self._out:
                self._out.write(json.dumps(sample) + "\n")
                self._out.flush()


def long_run(corpus: Path, db: Path, samples_out: Path | None = None,
             ) -> tuple[dict[str, float], Sampler]:  # fmt: skip
    """`eventwire ingest --workers 2` as a user runs it (its own process, which never loads the
    model), its memory and its workers' sampled every second (and appended to
    ``samples_out``). Lines on stderr other than the progress go to ``<db>.stderr.log``."""
    for old in (db, db.with_name(db.name + ".wal")):
        old.unlink(missing_ok=True)  # a new store: nothing already stored to skip
    command = [sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", str(db),
               "--workers", "2", "--progress"]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    _, children0 = cpu_seconds()
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
    other_lines = 0
    with (Sampler(process.pid, db, samples_out) as sampler,
          db.with_name(db.name + ".stderr.log").open("w", encoding="utf-8") as log):  # fmt: skip
        for line in process.stderr:
            if line.startswith("eventwire: committed "):
                sampler.done = int(line.split()[2])
            else:
                other_lines += 1
                log.write(line)
        process.wait()
    wall = time.perf_counter() - start
    if process.returncode not in (0, 1):  # 1: some documents failed (counted, in the store)
        raise SystemExit(f"the long run failed with exit code {process.returncode}; "
                         f"its stderr is in {db}.stderr.log")  # fmt: skip
    _, children1 = cpu_seconds()  # the command and its workers
    return {"documents": sampler.done, "wall": wall, "rate": sampler.done / wall,
            "cpu": children1 - children0, "store_mib": store_mib(db),
            "stderr_lines": other_lines, "exit": process.returncode}, sampler  # fmt: skip


def while_workers_run(samples: list[dict]) -> list[dict]:
    """The samples taken while both workers ran and documents were being committed: not the
    workers' start, nor their exit (when memory is handed back)."""
    return [s for s in samples if len(s["worker_mib"]) >= 2 and s["documents"] > 0][:-2]


def memory_table(samples: list[dict], points: int = 10) -> list[str]:
    """RSS (MiB) of the writer and of each worker at ``points`` points of the run, by documents
    committed, as a Markdown table; with the store's size and the load average."""
    if not samples:
        return ["(no sample taken while both workers ran)"]
    picks = [samples[min(len(samples) - 1, round(i * (len(samples) - 1) / (points - 1)))]
             for i in range(points)]  # fmt: skip
    lines = [
        "| articles committed | " + " | ".join(f"{s['documents']:,}" for s in picks) + " |",
        "| --- |" + " ---: |" * len(picks),
        "| minutes | " + " | ".join(f"{s['seconds'] / 60:.0f}" for s in picks) + " |",
        "| writer (main) | " + " | ".join(f"{s['writer_mib']:.0f}" for s in picks) + " |",
    ]
    for number in range(max(len(s["worker_mib"]) for s in picks)):
        cells = [f"{s['worker_mib'][number]:.0f}" if number < len(s["worker_mib"]) else "-"
                 for s in picks]  # fmt: skip
        lines.append(f"| worker {number + 1} | " + " | ".join(cells) + " |")
    if any(s.get("loader_mib") for s in picks):  # forked workers: RSS counts shared pages
        cells = [f"{s['loader_mib'][0]:.0f}" if s.get("loader_mib") else "-" for s in picks]
        lines.append("| loader (the workers are its forks) | " + " | ".join(cells) + " |")
        cells = [f"{s['workers_pss_mib']:.0f}" if "workers_pss_mib" in s else "-" for s in picks]
        lines.append("| loader + workers, PSS (shared pages counted once) | "
                     + " | ".join(cells) + " |")  # fmt: skip
    sizes = " | ".join(f"{s['store_mib']:.0f}" for s in picks)
    lines.append(f"| store on disk, file + WAL (MiB) | {sizes} |")
    lines.append("| load average | " + " | ".join(f"{s['load']:.1f}" for s in picks) + " |")
    return lines


def halves(samples: list[dict]) -> dict[str, dict[str, float]]:
    """For the writer and each worker: the lowest and highest RSS in the first and the second
    half of the run (by documents committed), and the ratios that say whether it is flat:
    ``growth`` = highest of the second half / highest of the first, ``spread`` = highest /
    lowest of the second half."""
    if not samples:
        return {}
    middle = samples[-1]["documents"] / 2
    first = [s for s in samples if s["documents"] <= middle]
    second = [s for s in samples if s["documents"] > middle]
    if not first or not second:
        return {}
    series = {"writer": lambda s: s["writer_mib"]}
    for number in range(min(len(s["worker_mib"]) for s in samples)):
        series[f"worker {number + 1}"] = lambda s, n=number: s["worker_mib"][n]
    found = {}
    for name, value in series.items():
        a = [value(s) for s in first]
        b = [value(s) for s in second]
        found[name] = {"first_min": min(a), "first_max": max(a), "second_min": min(b),
                       "second_max": max(b), "growth": max(b) / max(a),
                       "spread": max(b) / min(b)}  # fmt: skip
    return found


def halves_table(samples: list[dict]) -> list[str]:
    found = halves(samples)
    if not found:
        return []
    lines = [
        "| process | first half min-max MiB | second half min-max MiB | second max / first "
        "max | second half max / min |",
        "| --- | --- | --- | ---: | ---: |",
    ]
    for name, h in found.items():
        lines.append(f"| {name} | {h['first_min']:.0f}-{h['first_max']:.0f} | "
                     f"{h['second_min']:.0f}-{h['second_max']:.0f} | {h['growth']:.3f} | "
                     f"{h['spread']:.3f} |")  # fmt: skip
    return lines


def read_samples(path: Path) -> tuple[dict, list[dict], dict | None]:
    """The run's description (first line, ``{"meta": ...}``), its samples and its result (last
    line, ``{"result": ...}``, once it finished) from a samples file: also from a run still
    going or stopped half way (no result then)."""
    meta: dict = {}
    samples = []
    result = None
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # the line being written when the file was read
        if "meta" in record:
            meta = record["meta"]
        elif "result" in record:
            result = record["result"]
        else:
            samples.append(record)
    return meta, samples, result


def verdict(samples: list[dict]) -> str:
    """Flat or not, per process: a process is flat when the highest RSS of the second half of
    the run is within ``FLAT`` of the highest of the first half."""
    found = halves(samples)
    if not found:
        return "Too few samples to compare the two halves of the run."
    said = [f"{name} {'flat' if h['growth'] <= 1 + FLAT else 'GROWS'} ({h['growth'] - 1:+.1%})"
            for name, h in found.items()]  # fmt: skip
    return ("Second half vs first (highest RSS; flat within "
            f"{FLAT:.0%}): " + ", ".join(said) + ".")  # fmt: skip


def long_report(meta: dict, samples: list[dict], result: dict | None) -> str:
    """The long run in Markdown: what ran, the rate, the ten-point RSS table, the halves."""
    kept = while_workers_run(samples)
    last = samples[-1] if samples else {"documents": 0, "seconds": 0.0, "store_mib": 0.0}
    documents = result["documents"] if result else last["documents"]
    seconds = result["wall"] if result else last["seconds"]
    store = result["store_mib"] if result else last["store_mib"]
    loads = [s["load"] for s in samples] or [0.0]
    state = ("finished" if result else
             f"**partial**: {documents:,} of {meta.get('documents', 0):,} articles committed when "
             "the samples were read")  # fmt: skip
    streaming = [s for s in samples if s["worker_mib"]]
    after = samples[samples.index(streaming[-1]) + 1 :] if streaming else []
    stored_in = streaming[-1]["seconds"] if streaming else seconds
    lines = [
        f"`{meta.get('command', '?')}` ({state}): `eventwire ingest long.jsonl --workers 2 "
        f"--progress` in its own process (niceness {meta.get('niceness', 0)}), "
        f"{meta.get('documents', 0):,} "
        f"articles of {meta.get('paragraphs', '?')} recombined sample paragraphs "
        + ("and a paragraph of fourteen new names and a new figure each "
           if meta.get("new_names") else "")
        + f"({meta.get('chars', 0):,.0f} characters on average)"
        + (f"; each worker replaced after {meta['worker_documents']:,} documents "
           "(`WORKER_DOCUMENTS`)" if meta.get("worker_documents") else "")
        + (f" ({meta['note']})" if meta.get("note") else "")
        + f". {documents:,} articles in {seconds / 60:.1f} min: **"
        f"{documents / max(seconds, 1e-9):.2f} articles/s** "
        + (f"({result['cpu'] / max(documents, 1):.3f} CPU s per article), " if result else "")
        + f"load average {min(loads):.1f}-{max(loads):.1f} (median "
        f"{sorted(loads)[len(loads) // 2]:.1f}) over the run; store {store:,.0f} MiB on disk "
        f"({store / max(documents, 1) * 100_000:,.0f} MiB per 100,000 articles)."
        + (f" Exit code {result['exit']}, {result['stderr_lines']} other lines on stderr."
           if result else ""),
        "",
        f"Analysed and committed in {stored_in / 60:.1f} min "
        f"({documents / max(stored_in, 1e-9):.2f} articles/s); then the store's rebuild "
        f"(duplicates, corpus actors, merged events, search index) in the writer alone: "
        + (f"{(after[-1]['seconds'] - stored_in) / 60:.1f} min{'' if result else ' so far'}, "
           f"**peak RSS {max(s['writer_mib'] for s in after):,.0f} MiB**." if after else
           "not sampled."),
        "",
        "Resident memory (RSS, MiB) of the writer (the `eventwire ingest` process: reading, "
        "cleaning, DuckDB) and of each worker, sampled every second, at ten points of the run:",
        "",
        *memory_table(kept),
        "",
        *halves_table(kept),
        "",
        verdict(kept),
        "",
        ("Each article brings fourteen words the workers have not seen, as real news does: "
         "without a fresh worker every `WORKER_DOCUMENTS` documents each would keep growing "
         "(the drops in the worker rows are the replacements). " if meta.get("new_names") else
         "These recombined paragraphs bring no new word after the first few hundred articles, "
         "so spaCy's vocabulary growth on real news does not show here. ")
        + "Where the writer's memory goes: docs/scale.md, 'Memory over a long run'.",
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def paragraph_range(text: str) -> tuple[int, int]:
    """``"2-4"`` -> (2, 4); ``"3"`` -> (3, 3)."""
    low, _, high = text.partition("-")
    fewest, most = int(low), int(high or low)
    if not 1 <= fewest <= most:
        raise argparse.ArgumentTypeError(f"paragraphs: FEWEST-MOST with 1 <= FEWEST <= MOST, "
                                         f"not {text!r}")  # fmt: skip
    return fewest, most


def long_only(args: argparse.Namespace, command: str) -> None:
    """Only the long run (no runs 1 and 2): corpus, store, samples and report in
    ``--long-dir`` (kept), or in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="bench-scale-long-") as scratch:
        folder = Path(args.long_dir or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        corpus = folder / "long.jsonl"
        chars = write_corpus(corpus, args.long_docs, seed=2, per_article=args.long_paragraphs,
                             new_names=args.long_new_names)  # fmt: skip
        fewest, most = args.long_paragraphs
        meta = {"command": command, "documents": args.long_docs, "chars": chars / args.long_docs,
                "paragraphs": f"{fewest}-{most}", "niceness": os.nice(0),
                "new_names": args.long_new_names,
                "worker_documents": Settings().worker_documents,
                "started": time.strftime("%Y-%m-%d %H:%M:%S %Z")}  # fmt: skip
        samples_out = folder / "long-samples.jsonl"
        samples_out.write_text(json.dumps({"meta": meta}) + "\n", encoding="utf-8")
        print(f"{args.long_docs:,} articles ({chars / args.long_docs:,.0f} characters on average)"
              f"; samples in {samples_out}", flush=True)  # fmt: skip
        result, sampler = long_run(corpus, folder / "long.duckdb", samples_out)
        with samples_out.open("a", encoding="utf-8") as out:
            out.write(json.dumps({"result": result}) + "\n")
        report = long_report(meta, sampler.samples, result)
        (folder / "long-report.md").write_text(report, encoding="utf-8")
        print(report)
        if args.update_docs:
            update_memory_section(report)


def update_memory_section(report: str) -> None:
    """Put the long run's report in ``MEMORY_SECTION`` of docs/benchmarks.md."""
    replace_section(BENCHMARKS, f"{MEMORY_SECTION}\n\n{report}")
    print(f"updated '{MEMORY_SECTION}' in {BENCHMARKS}")


def invented_word(rng: random.Random) -> str:
    """A capitalised word no dictionary has (a new name, as real news brings every day)."""
    consonants, vowels = "bdfgklmnprstvz", "aeiou"
    return "".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(4)).capitalize()


def new_names_paragraph(rng: random.Random) -> str:
    """A sentence (that cleaning keeps) with fourteen new words, as names, and a new figure:
    the new strings real news brings every day."""
    w = [invented_word(rng) for _ in range(14)]
    return (f"{w[0]} {w[1]}, a spokesman for the {w[2]} Party, told reporters in {w[3]} that "
            f"{w[4]} {w[5]} would meet {w[6]} {w[7]} of the {w[8]} Council on Tuesday, and that "
            f"{rng.randint(10**5, 10**8):,} people had signed a petition organised by {w[9]} "
            f"{w[10]} and {w[11]} {w[12]} of {w[13]}.")  # fmt: skip


def vocab_growth(count: int, seed: int = 3) -> dict[str, float]:
    """What a worker holds for each string it has never seen: ``count`` short articles are
    analysed in this process (the code a worker runs) three times: a warm-up (the one-off
    loads and caches) and a run of recombined sample paragraphs only (no new string), then
    articles that each add a sentence with fourteen new names and a new figure. RSS
    and the sizes of spaCy's ``Vocab`` (lexemes) and ``StringStore`` are read after each, and
    the memory still allocated (tracemalloc) after each of the last two."""
    from eventwire.pipeline import run

    settings = Settings(workers=1)
    nlp = load_pipeline(settings)
    rng = random.Random(seed)
    pool = paragraphs()

    def articles(new_strings: bool) -> Iterator[dict[str, str]]:
        for number in range(count):
            text = "\n\n".join(rng.sample(pool, rng.randint(2, 4)))
            if new_strings:
                text += "\n\n" + new_names_paragraph(rng)
            yield {"id": f"vocab-{new_strings}-{number}", "text": text}

    def state() -> tuple[float, float, int, int]:
        traced = tracemalloc.get_traced_memory()[0] / 2**20 if tracemalloc.is_tracing() else 0.0
        return rss_mib(os.getpid()) or 0.0, traced, len(nlp.vocab), len(nlp.vocab.strings)

    found: dict[str, float] = {}
    for phase in ("warm-up", "no new strings", "new strings"):
        if phase != "warm-up":
            # spaCy's lexemes and strings are allocated through Python's allocator (cymem),
            # so tracemalloc sees what stays allocated; RSS alone hides it in freed memory
            tracemalloc.start()
        before = state()
        for _ in run(articles(phase == "new strings"), settings):
            pass
        gc.collect()
        after = state()
        for number, name in enumerate(("RSS MiB", "traced MiB", "lexemes", "strings")):
            found[f"{phase}: {name}"] = after[number] - before[number]
        print(f"{count:,} articles, {phase}: RSS {before[0]:.0f} -> {after[0]:.0f} MiB, kept "
              f"(tracemalloc) {after[1] - before[1]:+.1f} MiB, lexemes {before[2]:,} -> "
              f"{after[2]:,}, strings {before[3]:,} -> {after[3]:,}", flush=True)  # fmt: skip
        tracemalloc.stop()
    added = found["new strings: strings"] - found["no new strings: strings"]
    kept = found["new strings: traced MiB"] - found["no new strings: traced MiB"]
    found["bytes per new string"] = kept * 2**20 / max(added, 1)
    print(f"kept: {found['bytes per new string']:,.0f} bytes per new string ({added:,.0f} new "
          f"strings, {found['new strings: lexemes']:,.0f} new lexemes)")  # fmt: skip
    return found


def glibc_heap_mib() -> float | None:
    """Memory in use in glibc's heap, all arenas (``malloc_stats``); None elsewhere."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        text = _c_stderr_of(libc.malloc_stats)  # malloc_stats writes to the C stderr
        total = text.split("Total (incl. mmap):")[1]
        return int(re.search(r"in use bytes\s*=\s*(\d+)", total).group(1)) / 2**20
    except (OSError, IndexError, ValueError, AttributeError):
        return None


def _c_stderr_of(function: Callable[[], object]) -> str:
    """What ``function`` writes to the process's file descriptor 2 (C-level stderr)."""
    with tempfile.TemporaryFile() as captured:
        saved = os.dup(2)
        os.dup2(captured.fileno(), 2)
        try:
            function()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        captured.seek(0)
        return captured.read().decode("ascii", "replace")


def python_arenas() -> int | None:
    """Arenas Python's small-object allocator holds (``sys._debugmallocstats``; None while
    tracemalloc runs, which replaces the allocator's hooks)."""
    text = _c_stderr_of(sys._debugmallocstats)
    for line in text.splitlines():
        if line.startswith("# arenas allocated current"):
            return int(line.split("=")[1].replace(",", ""))
    return None


def writer_memory(count: int, memory_limit: str | None = None, statements: list[str] = (),
                  reconnect: int = 0, every: int = 10_000, trace: bool = False,
                  samples_out: Path | None = None) -> dict:  # fmt: skip
    """The writer's memory over ``count`` stored articles: this process only stores synthetic
    results (``bench_store.py``'s, 4 events each, with the long run's texts: 2-4 sample
    paragraphs recombined at random) through ``Store.add``, 8 per transaction as ingest
    commits, reopening the connection every ``reconnect`` documents as ingest does with
    ``Settings.store_reconnect_documents`` (0: never). Its RSS is read after every commit
    (appended to ``samples_out`` as JSON Lines, so a run stopped half way is still evidence);
    every ``every`` articles one line gives the RSS (now, median and highest since the last
    line), what DuckDB accounts for (``duckdb_memory()``: buffer-managed blocks and ART
    indexes) and glibc's heap in use; with ``trace``, also what Python's allocator still holds
    since a fifth of the run (tracemalloc, which slows every allocation). ``statements``
    (``SET ...``) are run on the store's connection first (and after each reconnect), to try
    settings. Returns the summary: the slope of RSS (least squares over every reading from a
    tenth of the run on) and the median and highest RSS per ``every`` articles."""
    from bench_store import duckdb_memory_mb

    from eventwire.store.db import Store

    def configure(store: Store) -> None:
        if memory_limit:
            store.con.execute(f"SET memory_limit = '{memory_limit}'")
        for statement in statements:
            store.con.execute(statement)

    every = max(every // COMMIT_EVERY * COMMIT_EVERY, COMMIT_EVERY)
    fifth = count // 5 // COMMIT_EVERY * COMMIT_EVERY
    out = samples_out.open("w", encoding="utf-8") if samples_out else None
    readings: list[tuple[int, float]] = []  # (articles stored, RSS MiB) after every commit
    intervals: list[dict] = []
    loads = [os.getloadavg()[0]]
    begun = time.perf_counter()
    with (tempfile.TemporaryDirectory(prefix="bench-writer-") as scratch,
          Store(Path(scratch) / "writer.duckdb", reconnect_documents=reconnect) as store):
        configure(store)
        source = recombined_results(count)
        done = reconnects = 0
        start = (0.0, 0.0)
        arenas = None
        while done < count:
            store.add([r for _, r in zip(range(COMMIT_EVERY), source, strict=False)])
            done += COMMIT_EVERY
            if store.reconnects != reconnects:
                reconnects = store.reconnects
                configure(store)
            rss = rss_mib(os.getpid()) or 0.0
            readings.append((done, rss))
            if out:
                out.write(json.dumps({"documents": done, "rss_mib": round(rss, 1),
                                      "reconnects": reconnects}) + "\n")  # fmt: skip
            if trace and done == fifth:
                arenas = python_arenas()
                tracemalloc.start()
                start = (duckdb_memory_mb(store)[0], glibc_heap_mib() or 0.0)
            if done % every == 0 or done >= count:
                loads.append(os.getloadavg()[0])
                since = [r for n, r in readings if n > done - every]
                total, art = duckdb_memory_mb(store)
                heap = glibc_heap_mib()
                interval = {"documents": done, "rss_mib": rss,
                            "median_mib": sorted(since)[len(since) // 2], "max_mib": max(since),
                            "duckdb_mib": total, "art_mib": art, "heap_mib": heap,
                            "minutes": (time.perf_counter() - begun) / 60, "load": loads[-1]}
                intervals.append(interval)
                traced = (f", Python objects kept {tracemalloc.get_traced_memory()[0] / 2**20:+.1f}"
                          " MiB" if tracemalloc.is_tracing() else "")
                print(f"{done:,} stored ({reconnects} reconnects): RSS {rss:.0f} MiB (since "
                      f"{done - len(since) * COMMIT_EVERY:,}: median {interval['median_mib']:.0f},"
                      f" max {interval['max_mib']:.0f}){traced}, DuckDB {total:.0f} MiB (ART "
                      f"{art:.0f}), glibc heap in use {'?' if heap is None else f'{heap:.0f}'} "
                      f"MiB; {interval['minutes']:.1f} min, load {loads[-1]:.1f}",
                      flush=True)  # fmt: skip
        if trace and tracemalloc.is_tracing():
            duck, heap = duckdb_memory_mb(store)[0], glibc_heap_mib() or 0.0
            kept = tracemalloc.get_traced_memory()[0] / 2**20
            tracemalloc.stop()
            print(f"from {fifth:,} to {done:,} stored: Python objects {kept:+.1f} MiB (arenas: "
                  f"{arenas} at a fifth, {python_arenas()} at the end), DuckDB "
                  f"{duck - start[0]:+.1f} MiB, glibc heap {heap - start[1]:+.1f} MiB")
    if out:
        out.close()
    summary = {"articles": done, "reconnect": reconnect, "reconnects": reconnects,
               "slope_kib": rss_slope_kib(readings, done // 10), "intervals": intervals,
               "minutes": (time.perf_counter() - begun) / 60,
               "load": (min(loads), max(loads))}  # fmt: skip
    print(f"RSS slope from {done // 10:,} to {done:,} articles: {summary['slope_kib']:+.3f} KiB "
          f"per article (least squares over {len(readings):,} readings); "
          f"{'reconnecting every ' + format(reconnect, ',') if reconnect else 'one connection'}"
          f"; load average {min(loads):.1f}-{max(loads):.1f}")
    return summary


def rss_slope_kib(readings: list[tuple[int, float]], after: int = 0) -> float:
    """KiB of RSS per article: the least-squares slope of (articles stored, RSS MiB) over the
    readings past ``after`` articles (the first ones hold the start-up's one-off growth)."""
    points = [(n, rss) for n, rss in readings if n > after] or readings
    if len(points) < 2:
        return 0.0
    mean_n = sum(n for n, _ in points) / len(points)
    mean_rss = sum(rss for _, rss in points) / len(points)
    spread = sum((n - mean_n) ** 2 for n, _ in points)
    if not spread:
        return 0.0
    slope = sum((n - mean_n) * (rss - mean_rss) for n, rss in points) / spread
    return slope * 1024


def writer_memory_table(runs: list[dict]) -> str:
    """Markdown: the writer's RSS per interval of each run (median, and highest in brackets,
    MiB), and each run's slope."""
    header = [f"{i['documents']:,}" for i in runs[0]["intervals"]]
    lines = ["| writer RSS MiB, median (max) up to ... articles | " + " | ".join(header)
             + " | slope KiB/article |",
             "| --- | " + " | ".join("---:" for _ in header) + " | ---: |"]  # fmt: skip
    for run in runs:
        name = _run_name(run)
        cells = [f"{i['median_mib']:.0f} ({i['max_mib']:.0f})" for i in run["intervals"]]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {run['slope_kib']:+.2f} |")
    return "\n".join(lines)


def _run_name(run: dict) -> str:
    return f"reconnect every {run['reconnect']:,}" if run["reconnect"] else "one connection"


def writer_memory_report(folder: Path) -> str:
    """The table of every run whose summary (``writer-R.json``) is in ``folder``, one
    connection first, with the runs' load averages and durations."""
    runs = sorted((json.loads(p.read_text()) for p in folder.glob("writer-*.json")),
                  key=lambda run: run["reconnect"])  # fmt: skip
    if not runs:
        raise SystemExit(f"no writer-*.json in {folder}")
    notes = [f"{_run_name(r)}: {r['articles']:,} articles in {r['minutes']:.1f} min, "
             f"{r['reconnects']} reconnects, load average {r['load'][0]:.1f}-{r['load'][1]:.1f}"
             for r in runs]  # fmt: skip
    return writer_memory_table(runs) + "\n\n" + "; ".join(notes) + "."


def recombined_results(count: int, first: int = 0, seed: int = 2,
                       per_article: tuple[int, int] = (2, 4)) -> Iterator[Result]:
    """``bench_store.py``'s synthetic results (4 events each) with the texts of the long run:
    ``per_article`` sample paragraphs recombined at random, so the store holds as many
    near-duplicates as the long run's (no NLP: the rebuild only reads the stored rows)."""
    from bench_store import synthetic_results

    rng = random.Random(seed)
    pool = paragraphs()
    for _ in range(first):  # the same texts whatever the split into runs
        rng.sample(pool, rng.randint(*per_article))
    for result in synthetic_results(count, 4, seed=seed, first=first):
        result.document.text = "\n\n".join(rng.sample(pool, rng.randint(*per_article)))
        yield result


def fill_store(db: Path, count: int, first: int = 0) -> None:
    """Store ``count`` recombined results (from number ``first``), 512 per transaction."""
    from eventwire.store.db import Store

    with Store(db) as store:
        source = recombined_results(count, first)
        while batch := [r for _, r in zip(range(512), source, strict=False)]:
            store.add(batch)


def rebuild_child(db: Path) -> None:
    """In a process of its own (``--rebuild-store``): rebuild the store, print one JSON line
    with the RSS before, the peak RSS of the process (``ru_maxrss``) at the end of each step
    of the rebuild and of the whole, the seconds taken and what the near-duplicate step
    found."""
    from eventwire.store import derive, serving
    from eventwire.store.db import Store

    steps: dict[str, float] = {}

    def peak_mib() -> float:
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)

    def watched(name: str, step: Callable[..., None]) -> Callable[..., None]:
        def run(*args: object) -> None:
            step(*args)
            steps[name] = peak_mib()

        return run

    # the rebuild's steps, in order (the peak so far at the end of each)
    for module, name in ((derive, "_link_duplicates"), (derive, "_merge_actors"),
                         (derive, "_merge_events"), (Store, "_index_text"),
                         (serving, "build")):  # fmt: skip
        setattr(module, name, watched(name.strip("_"), getattr(module, name)))
    with Store(db) as store:
        before = rss_mib(os.getpid()) or 0.0
        started = time.perf_counter()
        cpu0 = cpu_seconds()[0]
        store.rebuild()
        seconds = time.perf_counter() - started
        cpu = cpu_seconds()[0] - cpu0
        documents, duplicates = store.con.execute(
            "SELECT count(*), count(duplicate_of) FROM documents"
        ).fetchone()
        (largest,) = store.con.execute(
            "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM doc_bands "
            "GROUP BY band, key)"
        ).fetchone()
    print(json.dumps({"documents": documents, "duplicates": duplicates,
                      "largest_bucket": largest, "rss_before_mib": round(before, 1),
                      "peak_mib": peak_mib(), "peak_after_step_mib": steps,
                      "seconds": round(seconds, 1), "cpu": round(cpu, 1)}),
          flush=True)  # fmt: skip


def rebuild_in_child(db: Path, source: Path | None = None) -> dict:
    """:func:`rebuild_child` in a new process (so that its peak RSS is the rebuild's), with
    the eventwire of ``source`` (a ``src`` folder, e.g. of ``git archive``) if given."""
    env = {**os.environ, "PYTHONPATH": str(source)} if source else None
    done = subprocess.run([sys.executable, __file__, "--rebuild-store", str(db)],
                          capture_output=True, text=True, check=False, env=env)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"the rebuild failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def duplicates_in(db: Path) -> dict[str, str]:
    """``{document name: name of its original}`` of a store."""
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute(
            "SELECT d.name, o.name FROM documents d JOIN documents o ON o.doc_id = d.duplicate_of"
        ).fetchall())  # fmt: skip


REBUILD_SECTION = "## Scale: memory of the store's rebuild"


def rebuild_memory(count: int, added: int, folder: Path | None,
                   reference: Path | None = None) -> str:  # fmt: skip
    """The rebuild's memory: a store of ``count`` recombined results is rebuilt in full in a
    process of its own, then ``added`` more are stored and it is rebuilt again
    (incrementally); each rebuild's peak RSS, time and findings. With ``reference`` (the
    ``src`` folder of another version of eventwire), the same is done with it on a copy of
    the same store, and the two versions' ``duplicate_of`` are compared. Returns the report
    (Markdown)."""
    with tempfile.TemporaryDirectory(prefix="bench-rebuild-") as scratch:
        folder = folder or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        base = folder / "stored.duckdb"
        for name in ("stored", "this-version", "reference"):  # the stores of an earlier run
            for old in (folder / f"{name}.duckdb", folder / f"{name}.duckdb.wal"):
                old.unlink(missing_ok=True)
        started = time.perf_counter()
        fill_store(base, count)
        print(f"{count:,} recombined results stored in {time.perf_counter() - started:.0f} s; "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
        versions = [("this version", None)] + ([("reference", reference)] if reference else [])
        runs: list[tuple[str, str, dict]] = []
        duplicates = {}
        for name, source in versions:
            db = folder / f"{name.replace(' ', '-')}.duckdb"
            shutil.copy(base, db)
            full = rebuild_in_child(db, source)
            print(f"{name}, full rebuild: {json.dumps(full)}", flush=True)
            runs.append((name, "full", full))
            if added:
                fill_store(db, added, first=count)
                step = rebuild_in_child(db, source)
                print(f"{name}, incremental rebuild after {added:,} more: {json.dumps(step)}",
                      flush=True)  # fmt: skip
                runs.append((name, f"incremental (+{added:,})", step))
            duplicates[name] = duplicates_in(db)
    loads = f"{LOAD_AT_START:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
    lines = [
        f"{count:,} synthetic results (`bench_store.py`'s, 4 events each) whose texts are 2-4 "
        "sample paragraphs recombined at random, as the long run's briefs, stored without NLP "
        f"and rebuilt by `Store.rebuild` in a process of its own (peak RSS: `ru_maxrss`). "
        f"Load average {loads}.", "",
        "| eventwire | rebuild | documents | near-duplicates | largest band bucket | peak RSS MiB "
        "| peak at the end of: duplicates / actors / events / search index / serving "
        "| wall s | CPU s |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]  # fmt: skip
    for name, kind, run in runs:
        steps = " / ".join(f"{v:,.0f}" for v in run["peak_after_step_mib"].values())
        lines.append(f"| {name} | {kind} | {run['documents']:,} | {run['duplicates']:,} | "
                     f"{run['largest_bucket']:,} | **{run['peak_mib']:,.0f}** | {steps} | "
                     f"{run['seconds']:.1f} | {run['cpu']:.1f} |")  # fmt: skip
    if reference:
        ours, theirs = duplicates["this version"], duplicates["reference"]
        differing = sum(ours.get(d) != theirs.get(d) for d in ours.keys() | theirs.keys())
        lines += ["", f"Same `duplicate_of` for every document in both versions: "
                  f"{'**yes**' if not differing else f'**no**, {differing:,} differ'}."]
    report = "\n".join(lines) + "\n"
    print(report)
    return report


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


# What --as-user runs: `eventwire ingest` as `python -m eventwire` runs it, plus an exit hook
# that writes the command's own CPU time and its children's (the loader and the workers it
# forked, or the spawned workers), and marks (wall and CPU seconds of the command's process) of
# its phases: the loader started and ready, the store's rebuild. Run with `python -c`, so that
# the spawned loader imports nothing of this script.
AS_USER_COMMAND = r"""
import atexit, json, resource, sys, time
marks, marks_file = {}, sys.argv[1]
def mark(name):
    marks.setdefault(name, (time.perf_counter(), time.process_time()))
mark("start")
def report():
    mark("exit")
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(marks_file, "w") as out:
        json.dump({"marks": marks, "own_cpu": own.ru_utime + own.ru_stime,
                   "children_cpu": children.ru_utime + children.ru_stime}, out)
atexit.register(report)
from eventwire.cli import app
import eventwire.worker_loader as loader, eventwire.store.db as db
spawn, started, rebuild = loader.Loader.__init__, loader.Loader.started, db.Store.rebuild
def spawn_marked(self, *args, **kwargs):
    mark("loader_spawn")
    spawn(self, *args, **kwargs)
def started_marked(self):
    ready = started(self)
    if ready:
        mark("loader_ready")
    return ready
def rebuild_marked(self, *args, **kwargs):
    mark("rebuild_start")
    try:
        return rebuild(self, *args, **kwargs)
    finally:
        mark("rebuild_end")
loader.Loader.__init__, loader.Loader.started = spawn_marked, started_marked
db.Store.rebuild = rebuild_marked
sys.argv = ["eventwire", *sys.argv[2:]]
app(prog_name="eventwire")
"""


def _descendants(root: int) -> list[int]:
    """Every process under ``root`` (children, their children, ...)."""
    found, todo = [], [root]
    while todo:
        parent = todo.pop()
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{parent}/task").iterdir():
                with contextlib.suppress(OSError):
                    children = [int(p) for p in (task / "children").read_text().split()]
                    found += children
                    todo += children
    return found


def _cpu_of(pid: int) -> float | None:
    """User + system CPU seconds of a live process (``/proc/PID/stat``)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class TreeCPU:
    """The CPU seconds of every process under ``root``, sampled every ``every`` seconds (the
    last value seen of each): Ray's processes (its cluster's daemons, the actors' workers) are
    not children the command waits for, so its rusage may miss them. A process that exits
    between two samples loses at most ``every`` seconds of its CPU."""

    def __init__(self, root: int, every: float = 0.25) -> None:
        self.root, self.every = root, every
        self.seen: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in _descendants(self.root):
                cpu = _cpu_of(pid)
                if cpu is not None:
                    with contextlib.suppress(OSError):
                        name = Path(f"/proc/{pid}/comm").read_text().strip()
                        self.seen[pid] = (name, cpu)
            self._stop.wait(self.every)

    def stop(self) -> dict[str, float]:
        """CPU seconds by process name (``ray::BatchAnalyser``, ``raylet``, ...)."""
        self._stop.set()
        self._thread.join()
        by_name: dict[str, float] = {}
        for name, cpu in self.seen.values():
            by_name[name] = by_name.get(name, 0.0) + cpu
        return by_name


def as_user_run(corpus: Path, db: Path, workers: int, fork: bool = True,
                engine: str = "local") -> dict[str, float]:  # fmt: skip
    """`eventwire ingest CORPUS --workers N --progress` in its own process (AS_USER_COMMAND):
    wall seconds, CPU seconds of the command's process and of its children, and when (wall
    seconds from the start) the first and last batches were committed, the loader was ready
    and the rebuild ran, with the command's own CPU seconds at those points. ``fork`` False:
    the workers are spawned, each loading the model (EVENTWIRE_FORK_WORKERS=0)."""
    for old in (db, db.with_name(db.name + ".wal")):
        old.unlink(missing_ok=True)
    marks_file = db.with_suffix(".marks.json")
    command = [sys.executable, "-c", AS_USER_COMMAND, str(marks_file), "ingest", str(corpus),
               "--db", str(db), "--workers", str(workers), "--progress"]  # fmt: skip
    if engine == "ray":
        command += ["--engine", "ray"]  # a local cluster of this machine's CPUs, started by it
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "EVENTWIRE_FORK_WORKERS": str(int(fork))}
    load = os.getloadavg()[0]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, env=env)  # fmt: skip
    tree = TreeCPU(process.pid) if engine == "ray" else None
    commits: list[tuple[float, int]] = []
    other: list[str] = []
    for line in process.stderr:
        if line.startswith("eventwire: committed "):
            commits.append((time.perf_counter() - start, int(line.split()[2])))
        else:
            other.append(line.rstrip())
    process.wait()
    wall = time.perf_counter() - start
    tree_cpu = tree.stop() if tree is not None else {}
    if process.returncode != 0 or not commits:
        raise SystemExit(f"eventwire ingest --workers {workers} failed: " + "\n".join(other[-20:]))
    found = json.loads(marks_file.read_text(encoding="utf-8"))
    origin_wall, _ = found["marks"]["start"]
    marks = {name: (when - origin_wall, cpu) for name, (when, cpu) in found["marks"].items()}
    documents = commits[-1][1]
    children_cpu = found["children_cpu"]
    if tree_cpu:  # Ray's processes: what the command's rusage saw, or what was sampled
        children_cpu = max(children_cpu, sum(tree_cpu.values()))
    return {"workers": workers, "fork": fork, "engine": engine, "documents": documents,
            "wall": wall, "rate": documents / wall, "own_cpu": found["own_cpu"],
            "children_cpu": children_cpu, "tree_cpu": tree_cpu,
            "rusage_children_cpu": found["children_cpu"], "first_commit": commits[0][0],
            "last_commit": commits[-1][0], "marks": marks, "load_start": load,
            "load_end": os.getloadavg()[0]}  # fmt: skip


def predicted_wall(run: dict, start_up_cpu: float) -> float:
    """Wall seconds the run would take on two free cores, from its CPU seconds:

    - ``--workers 1``: its CPU seconds (one process, one core);
    - ``--workers 2``: what runs alone, one after the other (the command's own start until it
      starts the loader, the loader's load, ``start_up_cpu``, measured alone; the store's
      rebuild at the end), plus half of the rest: the reading, cleaning and storing of the
      command and the workers' analyses share the two cores, less the command's work done
      while the loader loaded (on the core the load leaves free)."""
    marks = run["marks"]
    total = run["own_cpu"] + run["children_cpu"]
    if run["workers"] == 1:
        return total
    if "loader_spawn" not in marks:
        return float("nan")  # spawned workers: no loader
    before_pool = marks["loader_spawn"][1]
    during_load = marks["loader_ready"][1] - before_pool
    rebuild = marks["rebuild_end"][1] - marks["rebuild_start"][1]
    shared = total - before_pool - during_load - start_up_cpu - rebuild
    return before_pool + start_up_cpu + max(0.0, shared) / 2 + rebuild


def as_user(count: int, update_docs: bool, command: str, repeat: int = 1) -> None:
    """`--workers 1` vs `--workers 2` as a user runs them on ``count`` recombined articles
    (seed 11), ``repeat`` times in alternating order; with the CPU split and the prediction
    for two free cores (see :func:`predicted_wall`); and once `--workers 2` with spawned
    workers that each load the model (EVENTWIRE_FORK_WORKERS=0, as before the loader)."""
    with tempfile.TemporaryDirectory(prefix="bench-scale-as-user-") as scratch:
        folder = Path(scratch)
        corpus = folder / "corpus.jsonl"
        chars = write_corpus(corpus, count, seed=11)
        write_corpus(folder / "warm.jsonl", 16, seed=12)
        # untimed: the files the commands read (Python, the model) into the page cache
        as_user_run(folder / "warm.jsonl", folder / "warm.duckdb", 1)
        _, start_up_cpu = pool_start_up(Settings(workers=2))
        print(f"{count:,} articles ({chars / count:,.0f} characters on average); two workers "
              f"start in {start_up_cpu:.1f} CPU s", flush=True)  # fmt: skip
        runs: dict[int, list[dict]] = {1: [], 2: []}
        for number in range(repeat):
            for workers in ((1, 2) if number % 2 == 0 else (2, 1)):
                run = as_user_run(corpus, folder / f"w{workers}.duckdb", workers)
                runs[workers].append(run)
                print(f"--workers {workers}: {run['wall']:.1f} s, {run['rate']:.2f} articles/s,"
                      f" CPU {run['own_cpu']:.1f} (command) + {run['children_cpu']:.1f} "
                      f"(workers), load {run['load_start']:.1f}-{run['load_end']:.1f}",
                      flush=True)  # fmt: skip
        spawned = as_user_run(corpus, folder / "spawned.duckdb", 2, fork=False)
        print(f"--workers 2, spawned: {spawned['wall']:.1f} s, {spawned['rate']:.2f} "
              f"articles/s, CPU {spawned['own_cpu']:.1f} + {spawned['children_cpu']:.1f}",
              flush=True)  # fmt: skip
        same = (store_rows(folder / "w1.duckdb") == store_rows(folder / "w2.duckdb")
                == store_rows(folder / "spawned.duckdb"))  # fmt: skip
    report = as_user_report(runs, spawned, start_up_cpu, same, command, count, chars / count)
    print(report)
    if update_docs:
        replace_section(BENCHMARKS, report)
        print(f"updated '{AS_USER_SECTION}' in {BENCHMARKS}")


def as_user_report(runs: dict[int, list[dict]], spawned: dict, start_up_cpu: float, same: bool,
                   command: str, count: int, chars: float) -> str:  # fmt: skip
    """The --as-user runs in Markdown: a row per run, the ratios measured and predicted."""

    def phases(run: dict) -> str:
        marks = run["marks"]
        rebuild = marks["rebuild_end"][0] - marks["rebuild_start"][0]
        ready = (f"{marks['loader_ready'][0]:.1f} (command CPU "
                 f"{marks['loader_spawn'][1]:.1f} before it started the loader, "
                 f"{marks['loader_ready'][1] - marks['loader_spawn'][1]:.1f} during its load)"
                 if "loader_ready" in marks else "-")  # fmt: skip
        return f"{ready} | {run['first_commit']:.1f} | {rebuild:.1f}"

    lines = [
        AS_USER_SECTION, "",
        f"`{command.strip()}` on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}: `eventwire ingest corpus.jsonl --workers N --progress`, "
        f"each run its own process into a new store, on {count:,} recombined sample articles "
        f"(seed 11, {chars:,.0f} characters on average). Wall seconds are as the user waits; "
        "CPU seconds are the command's own process and its children (the loader and the "
        f"workers it forked). Two workers alone start in {start_up_cpu:.1f} CPU s (the "
        "loader's imports, model load and warm-up, and two forks).", "",
        "| run | load avg | wall s | articles/s | loader ready at s | first commit at s | "
        "rebuild s | CPU s: command / workers | CPU s per article | predicted wall s on 2 "
        "free cores |",
        "| --- | --- | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: |",
    ]  # fmt: skip
    for run in [*runs[1], *runs[2], spawned]:
        total = run["own_cpu"] + run["children_cpu"]
        name = f"`--workers {run['workers']}`" + ("" if run["fork"] else ", spawned workers "
                                                  "(`EVENTWIRE_FORK_WORKERS=0`)")  # fmt: skip
        lines.append(
            f"| {name} | {run['load_start']:.1f}-{run['load_end']:.1f} | "
            f"{run['wall']:.1f} | {run['rate']:.2f} | {phases(run)} | "
            f"{run['own_cpu']:.1f} / {run['children_cpu']:.1f} | "
            f"{total / run['documents']:.4f} | {predicted_wall(run, start_up_cpu):.1f} |"
            .replace("| nan |", "| - |"))
    best = {w: min(runs[w], key=lambda r: r["wall"]) for w in (1, 2)}
    measured = best[1]["wall"] / best[2]["wall"]
    predicted = (predicted_wall(best[1], start_up_cpu)
                 / predicted_wall(best[2], start_up_cpu))  # fmt: skip
    lines += [
        "",
        f"**`--workers 2` vs `--workers 1`: {measured:.2f}x** articles per second as measured "
        f"(the fastest run of each); **{predicted:.2f}x predicted from the CPU seconds** for "
        "two free cores (docs/scale.md, 'Two workers on two cores'); spawned workers (each "
        f"loading the model, as before the loader): **{best[1]['wall'] / spawned['wall']:.2f}x**"
        " measured; same store (all runs): "
        f"{'yes' if same else '**NO**'}. The measured ratio is the one that counts on a quiet "
        "machine (load average under ~0.5 at the start); with other work on the cores it "
        "falls below the prediction.",
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def as_user_ray(count: int, update_docs: bool, command: str, repeat: int = 1) -> None:
    """`--workers 2` vs `--engine ray` as a user runs them on ``count`` recombined articles
    (seed 11), ``repeat`` times in alternating order: each its own process, the Ray run
    starting its local cluster (as many CPUs as the machine) and its actors inside the run."""
    with tempfile.TemporaryDirectory(prefix="bench-scale-as-user-ray-") as scratch:
        folder = Path(scratch)
        corpus = folder / "corpus.jsonl"
        chars = write_corpus(corpus, count, seed=11)
        write_corpus(folder / "warm.jsonl", 16, seed=12)
        # untimed: the files the commands read (Python, the model, Ray) into the page cache
        as_user_run(folder / "warm.jsonl", folder / "warm.duckdb", 2, engine="ray")
        print(f"{count:,} articles ({chars / count:,.0f} characters on average)", flush=True)
        runs: dict[str, list[dict]] = {"local": [], "ray": []}
        for number in range(repeat):
            for engine in (("local", "ray") if number % 2 == 0 else ("ray", "local")):
                run = as_user_run(corpus, folder / f"{engine}.duckdb", 2, engine=engine)
                runs[engine].append(run)
                print(f"{engine}: {run['wall']:.1f} s, {run['rate']:.2f} articles/s, CPU "
                      f"{run['own_cpu']:.1f} (command) + {run['children_cpu']:.1f} (workers or "
                      f"Ray), load {run['load_start']:.1f}-{run['load_end']:.1f}"
                      + (f"; Ray's processes: {_tree_summary(run['tree_cpu'])}"
                         if run["tree_cpu"] else ""), flush=True)  # fmt: skip
        same = store_rows(folder / "local.duckdb") == store_rows(folder / "ray.duckdb")
    report = as_user_ray_report(runs, same, command, count, chars / count)
    print(report)
    if update_docs:
        replace_section(BENCHMARKS, report)
        print(f"updated '{AS_USER_RAY_SECTION}' in {BENCHMARKS}")


def _tree_summary(tree_cpu: dict[str, float]) -> str:
    return ", ".join(f"{name} {cpu:.1f}" for name, cpu in
                     sorted(tree_cpu.items(), key=lambda item: -item[1]) if cpu >= 0.1)


def _cpu_per_article(run: dict) -> float:
    return (run["own_cpu"] + run["children_cpu"]) / run["documents"]


def as_user_ray_report(runs: dict[str, list[dict]], same: bool, command: str, count: int,
                       chars: float) -> str:  # fmt: skip
    """The --as-user --ray runs in Markdown: a row per run, the ratio of the fastest runs."""
    lines = [
        AS_USER_RAY_SECTION, "",
        f"`{command.strip()}` on {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}: `eventwire ingest corpus.jsonl --workers 2 --progress` "
        "and `eventwire ingest corpus.jsonl --engine ray --progress` (a local Ray cluster of "
        "the machine's CPUs started by the command, one actor per CPU), each run its own "
        f"process into a new store, on {count:,} recombined sample articles (seed 11, "
        f"{chars:,.0f} characters on average). CPU seconds: the command's own process and, for "
        "Ray, every process under it (its cluster's daemons and the actors' workers, sampled "
        "every 0.25 s from /proc).", "",
        "| run | load avg | wall s | articles/s | first commit at s | CPU s: command / "
        "workers or Ray | CPU s per article |",
        "| --- | --- | ---: | ---: | ---: | --- | ---: |",
    ]  # fmt: skip
    for engine, name in (("local", "`--workers 2`"), ("ray", "`--engine ray`")):
        for run in runs[engine]:
            total = run["own_cpu"] + run["children_cpu"]
            lines.append(
                f"| {name} | {run['load_start']:.1f}-{run['load_end']:.1f} | {run['wall']:.1f} "
                f"| {run['rate']:.2f} | {run['first_commit']:.1f} | {run['own_cpu']:.1f} / "
                f"{run['children_cpu']:.1f} | {total / run['documents']:.4f} |")
    best = {engine: min(runs[engine], key=lambda r: r["wall"]) for engine in runs}
    cpu = {engine: best[engine]["own_cpu"] + best[engine]["children_cpu"] for engine in runs}
    lines += [
        "",
        f"**`--engine ray` vs `--workers 2`: {best['local']['wall'] / best['ray']['wall']:.2f}x"
        f"** the articles per second (the fastest run of each; the issue asks at least 0.8x); "
        f"CPU seconds {cpu['ray']:.1f} against {cpu['local']:.1f} "
        f"({cpu['ray'] / cpu['local']:.2f}x); same store: {'yes' if same else '**NO**'}.",
    ]
    # each pair run back to back (A/B, then B/A, ...)
    pairs = list(zip(runs["local"], runs["ray"], strict=True))
    if len(pairs) > 1:
        lines += ["", "Pair by pair (each pair run back to back, so at about the same load): "
                  + "; ".join(
                      f"{local['wall'] / ray['wall']:.2f}x the articles per second, "
                      f"{_cpu_per_article(ray) / _cpu_per_article(local):.2f}x the CPU s "
                      "per article" for local, ray in pairs) + "."]  # fmt: skip
    tree = best["ray"]["tree_cpu"]
    if tree:
        lines += ["", f"Ray's processes in its fastest run, CPU s: {_tree_summary(tree)}."]
    return "\n".join(lines) + "\n"


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
    parser.add_argument("--long-paragraphs", type=paragraph_range, default=(6, 16),
                        metavar="FEWEST-MOST",
                        help="paragraphs per article of the long run (default 6-16; 2-4: short "
                        "wire briefs)")  # fmt: skip
    parser.add_argument("--long-new-names", action="store_true",
                        help="each long-run article gains a paragraph of new names (new words "
                             "for spaCy's vocabulary, as real news brings)")
    parser.add_argument("--long-only", action="store_true",
                        help="only the long run (skip runs 1 and 2); its report is printed, "
                        "written to LONG_DIR/long-report.md and, with --update-docs, to "
                        f"'{MEMORY_SECTION}' in docs/benchmarks.md")  # fmt: skip
    parser.add_argument("--long-dir", type=Path,
                        help="keep the long run's corpus, store (long.duckdb), samples "
                        "(long-samples.jsonl, written as it goes) and report here")  # fmt: skip
    parser.add_argument("--report", type=Path, metavar="SAMPLES",
                        help="only print the long run's report from its samples file (also of "
                        "a run still going or stopped half way)")  # fmt: skip
    parser.add_argument("--vocab-growth", type=int, metavar="N",
                        help="only measure what a worker keeps per new string: N articles "
                        "without, then N with new names and figures, in this process")  # fmt: skip
    parser.add_argument("--writer-memory", type=int, metavar="N",
                        help="only measure the writer's memory: N synthetic results stored, 8 "
                        "per transaction, in this process, RSS after every commit")  # fmt: skip
    parser.add_argument("--reconnect-every", type=int, metavar="DOCS",
                        help="with --writer-memory: reopen the store's connection every DOCS "
                        "documents (default: Settings.store_reconnect_documents; 0: never)")
    parser.add_argument("--writer-every", type=int, default=10_000, metavar="DOCS",
                        help="with --writer-memory: a line of figures every DOCS articles")
    parser.add_argument("--writer-trace", action="store_true",
                        help="with --writer-memory: also trace Python's allocations (slow)")
    parser.add_argument("--writer-report", type=Path, metavar="DIR",
                        help="only print the table of the --writer-memory runs whose summaries "
                        "are in DIR (with and without reconnecting)")  # fmt: skip
    parser.add_argument("--writer-out", type=Path, metavar="DIR",
                        help="with --writer-memory: write the readings (writer-R.jsonl) and the "
                        "summary (writer-R.json; R: the reconnect interval) here")  # fmt: skip
    parser.add_argument("--memory-limit", help="with --writer-memory: DuckDB's memory_limit")
    parser.add_argument("--writer-setting", action="append", default=[], metavar="SQL",
                        help="with --writer-memory: a statement run on the store's connection "
                        "first, e.g. \"SET preserve_insertion_order = false\" (repeatable)")
    parser.add_argument("--rebuild-memory", type=int, metavar="N",
                        help="only measure the rebuild's peak memory: a store of N recombined "
                        "short briefs (synthetic results, no NLP) rebuilt in full, then after "
                        "--rebuild-added more")  # fmt: skip
    parser.add_argument("--rebuild-added", type=int, default=500, metavar="N",
                        help="with --rebuild-memory: documents added before the incremental "
                        "rebuild (default 500; 0: none)")  # fmt: skip
    parser.add_argument("--rebuild-dir", type=Path,
                        help="with --rebuild-memory: keep the store here")
    parser.add_argument("--reference-src", type=Path, metavar="SRC",
                        help="with --rebuild-memory: also rebuild with the eventwire of this "
                        "src folder (e.g. 'git archive' of an older commit), on a copy of the "
                        "same store, and compare")  # fmt: skip
    parser.add_argument("--rebuild-store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--as-user", type=int, metavar="N",
                        help="only `eventwire ingest --workers 1` vs `--workers 2` as a user "
                        "runs them, on N articles, with their CPU split and the ratio "
                        f"predicted from it (--update-docs: '{AS_USER_SECTION}')")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=1,
                        help="with --as-user: run each this many times (alternating order)")
    parser.add_argument("--no-ray", action="store_true", help="skip the Ray run")
    parser.add_argument("--ray", action="store_true",
                        help="with --as-user: `--workers 2` vs `--engine ray` (a local cluster "
                        "started by the command) instead of `--workers 1` vs 2 "
                        f"(--update-docs: '{AS_USER_RAY_SECTION}')")  # fmt: skip
    parser.add_argument("--update-docs", action="store_true",
                        help=f"rewrite '{SECTION}' in docs/benchmarks.md (with --long-only or "
                        f"--report: '{MEMORY_SECTION}')")  # fmt: skip
    args = parser.parse_args()
    command = "python scripts/bench_scale.py " + " ".join(sys.argv[1:])
    if args.rebuild_store:
        rebuild_child(args.rebuild_store)
        return
    if args.rebuild_memory:
        report = rebuild_memory(args.rebuild_memory, args.rebuild_added, args.rebuild_dir,
                                args.reference_src)  # fmt: skip
        if args.update_docs:
            replace_section(BENCHMARKS, f"{REBUILD_SECTION}\n\n`{command}`: {report}")
            print(f"updated '{REBUILD_SECTION}' in {BENCHMARKS}")
        return
    if args.writer_report:
        print(writer_memory_report(args.writer_report))
        return
    if args.writer_memory:
        reconnect = (Settings().store_reconnect_documents if args.reconnect_every is None
                     else args.reconnect_every)  # fmt: skip
        name = f"writer-{reconnect}"
        if args.writer_out:
            args.writer_out.mkdir(parents=True, exist_ok=True)
        summary = writer_memory(
            args.writer_memory, args.memory_limit, args.writer_setting, reconnect,
            args.writer_every, args.writer_trace,
            args.writer_out / f"{name}.jsonl" if args.writer_out else None,
        )  # fmt: skip
        print(writer_memory_table([summary]))
        if args.writer_out:
            summary["command"] = command
            (args.writer_out / f"{name}.json").write_text(json.dumps(summary, indent=1) + "\n")
        return
    if args.as_user and args.ray:
        as_user_ray(args.as_user, args.update_docs, command, args.repeat)
        return
    if args.as_user:
        as_user(args.as_user, args.update_docs, command, args.repeat)
        return
    if args.vocab_growth:
        vocab_growth(args.vocab_growth)
        return
    if args.report:
        report = long_report(*read_samples(args.report))
        print(report)
        if args.update_docs:
            update_memory_section(report)
        return
    if args.long_only:
        long_only(args, command)
        return
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
        long_chars = write_corpus(long_corpus, args.long_docs, seed=2,
                                  per_article=args.long_paragraphs)  # fmt: skip
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
        "before its clock starts, while the workers' loader loads them inside the run (about "
        "7.5 CPU s, once; the workers are its forks; with FORK_WORKERS=0, about 8 CPU s per "
        "worker): over a short run that start-up weighs on the whole-run ratio, hence the figure "
        "without it and the runs as a user makes them. When the two-worker runs use about as "
        "many cores as the in-process run, other work held the machine and the wall-clock "
        "ratios say nothing about the workers (the CPU seconds per article still do: two "
        "workers cost the in-process CPU plus the workers' start-up and the batches' "
        "transfer). `--as-user N` measures the runs as a user makes them on their own, with "
        "the ratio their CPU seconds predict.",
        "",
        "Memory over a long run:",
        "",
        long_report({"command": command, "documents": args.long_docs,
                     "paragraphs": "{}-{}".format(*args.long_paragraphs),
                     "chars": long_chars / args.long_docs}, sampler.samples, long),
    ]  # fmt: skip
    section = "\n".join(lines) + "\n"
    print(section)
    if args.update_docs:
        replace_section(BENCHMARKS, section)
        print(f"updated {BENCHMARKS}")


if __name__ == "__main__":
    main()
