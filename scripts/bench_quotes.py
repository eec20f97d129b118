"""How much statement extraction adds to the spaCy parse of the same texts.

Texts: the sample articles (as ingested) and the 24 GUM Wikinews texts. The parse is the spaCy
model's own pipeline; eventwire's components (actors) then run untimed, and
``extract_quotes`` is timed on the parsed docs. Best of ``--repeat`` runs for each.

Usage: python scripts/bench_quotes.py [--repeat N] [--write-docs]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

# Run as a file, the scripts folder is on sys.path.
from docs_sections import BENCHMARKS, replace_section, shared_data_dir, time_limit

REPO = Path(__file__).resolve().parents[1]
SHARED = shared_data_dir()
GUM_TEXTS = SHARED / "gum-wikinews" / "wikinews_gum_plain.jsonl"
SECTION = "## Statement extraction speed"


def load_texts() -> list[str]:
    from eventwire.ingest import read_documents
    from eventwire.model import Result
    from eventwire.settings import Settings

    texts = [
        item.document.text
        for item in read_documents(sorted((REPO / "samples" / "articles").iterdir()), Settings())
        if isinstance(item, Result) and item.document.text
    ]
    if GUM_TEXTS.exists():
        texts += [json.loads(line)["text"] for line in GUM_TEXTS.read_text("utf-8").splitlines()]
    return texts


DOC_SECONDS = 60




def measure(repeat: int) -> dict[str, float]:
    from eventwire.extract.quotes import extract_quotes
    from eventwire.nlp import EVENTWIRE_COMPONENTS, load_pipeline
    from eventwire.settings import Settings

    nlp = load_pipeline(Settings().model)
    texts = load_texts()
    ours = [name for name in EVENTWIRE_COMPONENTS if name in nlp.pipe_names]
    parse_best = quotes_best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        with nlp.select_pipes(disable=ours):
            docs = list(nlp.pipe(texts))
        parse_best = min(parse_best, time.perf_counter() - started)
    for doc in docs:
        try:
            with time_limit(DOC_SECONDS):
                for name in ours:
                    doc = nlp.get_pipe(name)(doc)
        except TimeoutError:
            print("warning: eventwire components timed out on a text", file=sys.stderr)
            doc._.actors = []  # statements are still extracted, without speakers
    for _ in range(repeat):
        for doc in docs:
            doc.user_data.pop("eventwire_text", None)  # no caches carried between runs
            doc.user_data.pop("eventwire_paragraphs", None)
        started = time.perf_counter()
        for doc in docs:
            extract_quotes(doc)
        quotes_best = min(quotes_best, time.perf_counter() - started)
    return {
        "texts": len(texts),
        "chars": sum(len(t) for t in texts),
        "parse_s": parse_best,
        "quotes_s": quotes_best,
        "ratio": quotes_best / parse_best,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args(argv)
    m = measure(args.repeat)
    body = (
        f"`scripts/bench_quotes.py`: {m['texts']} texts ({m['chars']:,} characters: the sample "
        "articles and the 24 GUM Wikinews texts), best of "
        f"{args.repeat} runs on this machine.\n\n"
        "| spaCy parse (s) | statement extraction (s) | extraction / parse |\n"
        "|---|---|---|\n"
        f"| {m['parse_s']:.3f} | {m['quotes_s']:.3f} | {m['ratio']:.1%} |\n\n"
        "Target: statement extraction adds at most 15% to the parse.\n"
    )
    print(body)
    if args.write_docs:
        replace_section(BENCHMARKS, f"{SECTION}\n\n{body}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
