"""Where the time goes: eventwire's whole path against a bare spaCy parse, and per stage.

Three measurements, in one run on the same machine state, in CPU seconds of this process
(``time.process_time``: less noisy than wall time on a shared machine):

a. the **bare parse**: ``spacy.load(model)`` as shipped (no eventwire component), ``nlp.pipe``
   over the clean texts eventwire analysed (the texts of (b), so both parse the same words);
b. eventwire's **whole path** from HTML to ``Result`` (``eventwire.pipeline.run`` over the AEB
   ``.html.gz`` files: read and decode, HTML extraction, language, spaCy with eventwire's
   components, quotes, events, places, actors);
c. a **per-stage breakdown** of (b), run again stage by stage: ingest with its library calls
   timed, each spaCy component over the same batches as ``pipeline.run``, each extraction
   stage, and storing the results in a fresh DuckDB store. Functions are timed by wrapping
   them (each call ~1 us of overhead); the time of a row includes the rows indented under it.

The overhead of eventwire is (b) / (a). Model and table loads are made before the clocks start
(a warm-up on the bundled samples), and so are dateparser's and jusText's one-off loads, which
htmldate and trafilatura make once per process (their CPU time is reported). Writes the
``## Whole path: where the time goes`` section of ``docs/benchmarks.md`` (other sections kept).
Finishes in about 2-3 minutes on 2 cores.

Usage: python scripts/profile_path.py [--data DIR] [--limit N] [--no-write]
The AEB pages are read at run time from ../shared/data/scrapinghub-aeb (or $EVENTWIRE_SHARED).
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy

# Run as a file, the scripts folder is on sys.path.
from docs_sections import BENCHMARKS, REPO, replace_section, shared_data_dir

from eventwire.model import Result
from eventwire.pipeline import SkippedFile, batches, run
from eventwire.settings import Settings

SECTION = "## Whole path: where the time goes"


class StageClock:
    """CPU time spent inside wrapped functions (and generators), per stage name. A stage
    called again from inside itself (recursion) is counted once."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._active: dict[str, int] = defaultdict(int)
        self._undo: list[tuple[object, str, object]] = []

    def timed(self, stage: str, func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if self._active[stage]:
                return func(*args, **kwargs)
            self._active[stage] += 1
            started = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                self.seconds[stage] += time.process_time() - started
                self.calls[stage] += 1
                self._active[stage] -= 1

        return wrapper

    def wrap(self, stage: str, owner: object, name: str) -> None:
        """Time ``owner.name`` (a function or method) wherever eventwire or a library refers
        to it by that name: every loaded module holding the same object is patched."""
        original = getattr(owner, name)
        replacement = self.timed(stage, original)
        holders = [owner] + [
            module for module in list(sys.modules.values())
            if module is not owner and vars(module).get(name) is original
        ] if not isinstance(owner, type) else [owner]
        for holder in holders:
            self._undo.append((holder, name, original))
            setattr(holder, name, replacement)

    def add(self, stage: str, seconds: float, calls: int = 1) -> None:
        self.seconds[stage] += seconds
        self.calls[stage] += calls

    def restore(self) -> None:
        for holder, name, original in reversed(self._undo):
            setattr(holder, name, original)
        self._undo.clear()


def aeb_dir(data: Path | None) -> Path:
    return (data or shared_data_dir() / "scrapinghub-aeb").resolve() / "html"


def pages(html_dir: Path, limit: int | None) -> list[Path]:
    return sorted(html_dir.glob("*.html.gz"))[:limit]


def copy_pages(files: list[Path], into: Path) -> Path:
    """The pages as links in one folder, so ``run`` reads exactly these (``--limit``)."""
    for file in files:
        (into / file.name).symlink_to(file)
    return into


def warm_up(settings: Settings) -> float:
    """One-off loads (model, knowledge base, gazetteer, dictionaries) before any clock; returns
    the CPU seconds of the HTML libraries' own (see :func:`warm_up_page_libraries`)."""
    list(run([REPO / "samples" / "articles"], settings))
    return warm_up_page_libraries()


def warm_up_page_libraries() -> float:
    """Loads the HTML libraries make once per process, on whichever page needs them first, and
    the bundled samples do not set off: dateparser, to which htmldate hands a date-like phrase
    it cannot read ("... Published 11:34"), compiles the patterns of its 200-odd locales (about
    3 CPU s); trafilatura reads jusText's stop lists of every language the first time its
    fallback runs jusText (about 0.2 s). Loads like the model's: paid before the clocks, and
    their size reported. Each is asked through the library's own instance or function."""
    from htmldate.extractors import get_external_parser
    from trafilatura.external import jt_stoplist_init

    started = time.process_time()
    get_external_parser().get_date_data("Jane Roe Harbour Gazette Published 09:15")
    jt_stoplist_init()
    return time.process_time() - started


class Spent:
    """CPU seconds of this process and wall seconds between ``start()`` and ``stop()``."""

    def __init__(self) -> None:
        self.cpu = self.wall = 0.0

    def start(self) -> Spent:
        self._cpu, self._wall = time.process_time(), time.perf_counter()
        return self

    def stop(self) -> Spent:
        self.cpu += time.process_time() - self._cpu
        self.wall += time.perf_counter() - self._wall
        return self


def whole_path(folder: Path, settings: Settings) -> tuple[Spent, list[Result]]:
    spent = Spent().start()
    results = [item for item in run([folder], settings) if not isinstance(item, SkippedFile)]
    return spent.stop(), results


def analysed(results: list[Result]) -> list[Result]:
    """The documents the NLP stage parsed (not failed, not another language)."""
    return [r for r in results if not r.failed and r.document.text]


def text_path(results: list[Result], settings: Settings) -> Spent:
    """CPU seconds of eventwire's path from the same clean texts (given as records, used as
    they are: ``raw``) to ``Result``: language, spaCy with eventwire's components, extraction."""
    records = [{"id": r.document.id, "text": r.document.text, "published": r.document.published}
               for r in results]
    raw = Settings(**{**settings.model_dump(), "raw": True})
    spent = Spent().start()
    for _item in run(records, raw):
        pass
    return spent.stop()


def bare_parse(model: str, texts: list[str], batch_size: int) -> Spent:
    """The stock pipeline's parse, with the BLAS threads eventwire's warm-up set in this
    process (``Settings.blas_threads``), as the whole path ran."""
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:2]))  # warm-up
    spent = Spent().start()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    return spent.stop()


def blas_comparison(model: str, texts: list[str], batch_size: int) -> dict[int, Spent]:
    """The bare parse with 1 and with 2 BLAS threads, alternated (1, 2, 2, 1) so that a change
    in the machine's load falls on both; each total is of two runs."""
    from threadpoolctl import threadpool_limits

    nlp = spacy.load(model)
    list(nlp.pipe(texts[:2]))
    spent = {1: Spent(), 2: Spent()}
    for threads in (1, 2, 2, 1):
        with threadpool_limits(limits=threads):
            spent[threads].start()
            for _doc in nlp.pipe(texts, batch_size=batch_size):
                pass
            spent[threads].stop()
    return spent


# --- the per-stage run ------------------------------------------------------------------------

INGEST_STAGES = [
    # (stage, module, function): wrapped wherever referred to by name
    ("  read (read_bytes, gunzip included)", "eventwire.ingest.sources", "read_bytes"),
    ("  decode", "eventwire.ingest.decode", "decode"),
    ("  HTML extraction (extract_html)", "eventwire.ingest.html", "extract_html"),
    ("    flatten_deep_nesting", "eventwire.ingest.html", "flatten_deep_nesting"),
    ("    parse_page (lxml, trafilatura's parser settings)", "eventwire.ingest.html",
     "parse_page"),
    ("    page_metadata (trafilatura's metadata functions)", "eventwire.ingest.html",
     "page_metadata"),
    ("    trafilatura.bare_extraction (text only)", "trafilatura", "bare_extraction"),
    ("    htmldate.find_date", "htmldate", "find_date"),
    ("  cleaning (clean_text, text inputs)", "eventwire.ingest.clean", "clean_text"),
    ("  language (detect_language)", "eventwire.ingest.language", "detect_language"),
]
ACTOR_STAGES = [
    ("  find_mentions", "eventwire.nlp.mentions", "find_mentions"),
    ("  town_country (towns)", "eventwire.nlp.towns", "town_country"),
    ("  ActorKB.candidates (kb names)", "eventwire.nlp.kb", "ActorKB.candidates"),
    ("  ActorKB.lookup_surname (kb)", "eventwire.nlp.kb", "ActorKB.lookup_surname"),
    ("  ActorKB.agent (kb nouns)", "eventwire.nlp.kb", "ActorKB.agent"),
    ("  People.find (people)", "eventwire.nlp.people", "People.find"),
    ("  _resolve_pronouns", "eventwire.nlp.actors", "_resolve_pronouns"),
]
EXTRACT_STAGES = [
    ("  quotes (extract_quotes)", "eventwire.extract.quotes", "extract_quotes"),
    ("  events (extract_events)", "eventwire.extract.events", "extract_events"),
    ("    dates: DateScope() (finds the dates)", "eventwire.extract.dates", "DateScope.__init__"),
    ("    dates: DateScope.date_of", "eventwire.extract.dates", "DateScope.date_of"),
    ("  places (locate_events)", "eventwire.extract.places", "locate_events"),
    ("  actor records (build_actors)", "eventwire.extract.actors", "build_actors"),
]


def _wrap_all(clock: StageClock, stages: list[tuple[str, str, str]]) -> None:
    import importlib

    for stage, module_name, attr in stages:
        module = importlib.import_module(module_name)
        owner: object = module
        name = attr
        if "." in attr:
            class_name, name = attr.split(".")
            owner = getattr(module, class_name)
        if hasattr(owner, name):
            clock.wrap(stage, owner, name)
        else:
            print(f"note: {module_name}.{attr} not found; its row is left out", file=sys.stderr)


def staged_run(folder: Path, settings: Settings, clock: StageClock) -> list[Result]:
    """The whole path again, one stage at a time over the same batches as ``pipeline.run``."""
    from eventwire.extract import extract
    from eventwire.ingest import read_documents
    from eventwire.nlp import load_pipeline
    from eventwire.pipeline import _unparsed

    nlp = load_pipeline(settings)
    _wrap_all(clock, INGEST_STAGES + ACTOR_STAGES + EXTRACT_STAGES)
    try:
        started = time.process_time()
        items = [i for i in read_documents([folder], settings) if not isinstance(i, SkippedFile)]
        clock.add("ingest (all of it)", time.process_time() - started, len(items))
        todo = analysed(items)
        for batch in batches(todo, settings):  # the batches the pipeline parses
            docs = [_unparsed(nlp, item) for item in batch]
            for name, proc in nlp.pipeline:
                started = time.process_time()
                if hasattr(proc, "pipe"):
                    docs = list(proc.pipe(docs, batch_size=len(docs)))
                else:
                    docs = [proc(doc) for doc in docs]
                clock.add(f"spaCy: {name}", time.process_time() - started, len(docs))
            for item, doc in zip(batch, docs, strict=True):
                started = time.process_time()
                item.actors, item.quotes, item.events = extract(doc, item.document, settings)
                item.events = [e for e in item.events if e.confidence >= settings.min_confidence]
                clock.add("extraction (extract)", time.process_time() - started)
    finally:
        clock.restore()
    return items


def store_results(results: list[Result], clock: StageClock) -> None:
    from eventwire.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "profile.duckdb")
        try:
            started = time.process_time()
            store.add(results)
            clock.add("store: add", time.process_time() - started)
            started = time.process_time()
            store.rebuild()
            clock.add("store: rebuild (corpus tables)", time.process_time() - started)
        finally:
            store.close()


# --- the report -------------------------------------------------------------------------------

STAGE_ORDER = (
    ["ingest (all of it)"] + [s for s, _m, _f in INGEST_STAGES]
    + ["spaCy: tok2vec", "spaCy: tagger", "spaCy: eventwire_paragraphs", "spaCy: parser",
       "spaCy: attribute_ruler", "spaCy: lemmatizer", "spaCy: ner", "spaCy: eventwire_actors"]
    + [s for s, _m, _f in ACTOR_STAGES]
    + ["extraction (extract)"] + [s for s, _m, _f in EXTRACT_STAGES]
    + ["store: add", "store: rebuild (corpus tables)"]
)


def section(
    count: int, parsed: int, chars: int, bare: Spent, whole: Spent, from_text: Spent,
    blas: dict[int, Spent] | None, clock: StageClock, model: str, loads: tuple[float, float],
    blas_threads: int, library_loads: float,
) -> str:
    names = [s for s in STAGE_ORDER if s in clock.seconds]
    names += [s for s in clock.seconds if s not in names]
    spacy_own = sum(v for k, v in clock.seconds.items()
                    if k.startswith("spaCy: ") and not k.startswith("spaCy: eventwire"))
    ingest_rows = {"ingest (all of it)"} | {s for s, _m, _f in INGEST_STAGES}
    measures = "\n".join(
        f"| {name} | {cpu} | {wall} | {rate} |" for name, cpu, wall, rate in [
            (f"(a) bare `{model}` parse of the clean texts (`nlp.pipe`)", f"{bare.cpu:.2f}",
             f"{bare.wall:.2f}", f"{parsed / bare.cpu:.1f}"),
            ("(b) eventwire's whole path, HTML to `Result` (`run`)", f"{whole.cpu:.2f}",
             f"{whole.wall:.2f}", f"{count / whole.cpu:.1f}"),
            ("**overhead (b) / (a)**", f"**{whole.cpu / bare.cpu:.2f}x**",
             f"{whole.wall / bare.wall:.2f}x", ""),
            ("(c) eventwire from the same clean texts to `Result`", f"{from_text.cpu:.2f}",
             f"{from_text.wall:.2f}", f"{parsed / from_text.cpu:.1f}"),
            ("overhead of NLP and extraction alone, (c) / (a)",
             f"{from_text.cpu / bare.cpu:.2f}x", f"{from_text.wall / bare.wall:.2f}x", ""),
        ]
    )
    blas_text = "" if not blas else f"""
**BLAS threads** (`Settings.blas_threads`, default 1): the bare parse of the same texts, run
twice with each (alternated), totals: **1 thread {blas[1].cpu:.2f} CPU s, {blas[1].wall:.2f}
s wall; 2 threads {blas[2].cpu:.2f} CPU s, {blas[2].wall:.2f} s wall** (wall 2 / 1:
{blas[2].wall / blas[1].wall:.2f}).
"""
    rows = "\n".join(
        f"| {_name(name)} | {clock.seconds[name]:.2f} | "
        f"{1000 * clock.seconds[name] / max(count if name in ingest_rows else parsed, 1):.1f} | "
        f"{100 * clock.seconds[name] / spacy_own:.0f}% | {clock.calls[name]:,} |"
        for name in names
    )
    return f"""{SECTION}

`python scripts/profile_path.py` on {platform.machine()}, {os.cpu_count()} cores (shared with
other work), Python {platform.python_version()}, spaCy {spacy.__version__}, `{model}`; load
average {loads[0]:.1f} at the start and {loads[1]:.1f} at the end. CPU seconds of the process
(`time.process_time`) and wall seconds, one run; model and table loads made before the clocks
start, and so are two loads the HTML libraries make once per process on the first page that
needs them, dateparser's patterns of its locales (set off by htmldate) and jusText's stop lists
(by trafilatura's fallback): {library_loads:.2f} CPU s in this process, not a cost per article.
Every row ran with {blas_threads} BLAS thread(s) (`Settings.blas_threads`, set by the warm-up
for the whole process, the bare parse included).

**Overhead over a bare parse**: {count} AEB pages, {parsed} of them analysed (the others are
not English or have no text), {chars:,} characters of clean text.

| measure | CPU s | wall s | articles per CPU-second |
| --- | ---: | ---: | ---: |
{measures}
{blas_text}
**Per stage** (the same path run again stage by stage; an indented row is part of the row
above it; "% of parse" is against the spaCy model's own components in this run; "ms/doc" per
page for the ingest rows, per analysed document for the others):

| stage | CPU s | ms/doc | % of parse | calls |
| --- | ---: | ---: | ---: | ---: |
{rows}
"""


def _name(stage: str) -> str:
    indent = len(stage) - len(stage.lstrip(" "))
    return "&nbsp;" * 2 * indent + stage.strip() if indent else stage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="the AEB folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--no-write", action="store_true", help="print, do not edit the doc")
    parser.add_argument("--no-stages", action="store_true", help="only (a), (b) and (c)")
    parser.add_argument("--no-blas", action="store_true",
                        help="skip the bare parse with 1 vs 2 BLAS threads")  # fmt: skip
    args = parser.parse_args(argv)
    files = pages(aeb_dir(args.data), args.limit)
    if not files:
        print(f"AEB pages not found in {aeb_dir(args.data)}", file=sys.stderr)
        return 2
    load_start = os.getloadavg()[0]
    settings = Settings()
    library_loads = warm_up(settings)
    clock = StageClock()
    with tempfile.TemporaryDirectory() as tmp:
        folder = copy_pages(files, Path(tmp))
        whole, results = whole_path(folder, settings)
        texts = [r.document.text for r in analysed(results)]
        print(f"(b) whole path: {len(results)} pages, {whole.cpu:.2f} CPU s, "
              f"{whole.wall:.2f} s wall", file=sys.stderr)
        bare = bare_parse(settings.model, texts, settings.batch_documents)
        print(f"(a) bare parse: {len(texts)} texts, {bare.cpu:.2f} CPU s, {bare.wall:.2f} s "
              f"wall; overhead {whole.cpu / bare.cpu:.2f}x", file=sys.stderr)
        from_text = text_path(analysed(results), settings)
        print(f"(c) from clean text: {from_text.cpu:.2f} CPU s, {from_text.wall:.2f} s wall; "
              f"{from_text.cpu / bare.cpu:.2f}x", file=sys.stderr)
        blas = None if args.no_blas else blas_comparison(settings.model, texts,
                                                          settings.batch_documents)
        if blas:
            print(f"bare parse, CPU / wall s: 1 BLAS thread {blas[1].cpu:.2f} / "
                  f"{blas[1].wall:.2f}, 2 threads {blas[2].cpu:.2f} / {blas[2].wall:.2f} "
                  "(two runs each)", file=sys.stderr)
        if not args.no_stages:
            staged = staged_run(folder, settings, clock)
            store_results(staged, clock)
    for name in [s for s in STAGE_ORDER if s in clock.seconds]:
        print(f"{name:44} {clock.seconds[name]:8.2f} s {clock.calls[name]:8}", file=sys.stderr)
    text = section(len(results), len(texts), sum(map(len, texts)), bare, whole, from_text, blas,
                   clock, settings.model, (load_start, os.getloadavg()[0]),
                   settings.blas_threads, library_loads)
    if args.no_write or args.no_stages:
        print(text)
    else:
        replace_section(BENCHMARKS, text)
        print(f"wrote {BENCHMARKS.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
