"""The event coder's own CPU time against the parse's, measured steadily, and its profile.

Parses the inputs once and keeps the Docs (with their quotes, as ``extract`` finds them), then
times ``extract_events`` alone over all of them several times and keeps the fastest pass (CPU
time of this process: ``time.process_time``), so that other work on a shared machine disturbs
the figure less. The parse is timed the same way (fastest of ``--parse-repeats`` passes). Each
coding pass starts from the actors the pipeline left (the coder adds implied doers to them).

Inputs (read at run time, nothing copied into the repository):

* ``gsr``: the PLOVER gold-standard sentences (``shared/data/plover-gsr``), one document each;
* ``article``: ``samples/articles/putin-musk-scraped.txt`` 20 times (as eval_events.py --speed).

    python scripts/profile_events.py                       # the ratio table
    python scripts/profile_events.py --profile gsr         # + cProfile of the coding loop
    python scripts/profile_events.py --dump /tmp/events.json   # every coded event, for diffs

``--dump`` writes every event of every input document (all fields, in order) as JSON: the file
must not change under a performance change.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

from docs_sections import REPO, shared_data_dir

from eventwire.extract.events import extract_events
from eventwire.extract.quotes import extract_quotes
from eventwire.model import Document
from eventwire.nlp import load_pipeline
from eventwire.settings import Settings


def inputs(data: Path) -> dict[str, tuple[list[str], str]]:
    """Input set name -> (texts, publication date)."""
    from eval_events import GOLD_ROOTS  # (eval_events imports this module: read when run)

    records = json.loads((data / "plover-gsr" / "PLOVER_GSR_CAMEO.txt").read_text("utf-8"))
    sentences = [r["text"] for r in records if r.get("event") in GOLD_ROOTS]
    article = (REPO / "samples" / "articles" / "putin-musk-scraped.txt").read_text("utf-8")
    return {"gsr": (sentences, "2000-01-01"), "article": ([article] * 20, "2025-03-14")}


def parse(nlp, texts: list[str]) -> tuple[list, float]:
    started = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=32))
    return docs, time.process_time() - started


class Prepared:
    """Parsed documents ready for coding, each pass starting from the pipeline's actors."""

    def __init__(self, docs: list, texts: list[str], published: str) -> None:
        self.items = []
        for number, (doc, text) in enumerate(zip(docs, texts, strict=True)):
            quotes = extract_quotes(doc)  # may add speakers: part of the actors the coder sees
            self.items.append((doc, Document(id=f"d{number}", text=text, published=published),
                               quotes, list(doc._.actors or [])))

    def code(self) -> list[list]:
        found = []
        for doc, document, quotes, actors in self.items:
            doc._.actors = list(actors)
            found.append(extract_events(doc, document, [], quotes))
        return found

    def timed(self, repeats: int) -> float:
        best = float("inf")
        for _ in range(repeats):
            started = time.process_time()
            self.code()
            best = min(best, time.process_time() - started)
        return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="*", default=["gsr", "article"], choices=["gsr", "article"])
    parser.add_argument("--repeats", type=int, default=7, help="coding passes (fastest kept)")
    parser.add_argument("--parse-repeats", type=int, default=3, help="parse passes")
    parser.add_argument("--profile", choices=["gsr", "article"],
                        help="profile the coding of this set (cProfile, by cumulative time)")
    parser.add_argument("--top", type=int, default=45, help="profile rows shown")
    parser.add_argument("--dump", type=Path, help="write every coded event as JSON here")
    args = parser.parse_args(argv)
    data = shared_data_dir()
    if not (data / "plover-gsr").exists():
        print(f"no evaluation data under {data}", file=sys.stderr)
        return 2
    nlp = load_pipeline(Settings().model)
    sets = inputs(data)
    dump = {}
    rows = []
    for name in args.sets:
        texts, published = sets[name]
        docs, parse_s = parse(nlp, texts)
        for _ in range(args.parse_repeats - 1):
            parse_s = min(parse_s, parse(nlp, texts)[1])
        prepared = Prepared(docs, texts, published)
        events = prepared.code()  # untimed: the one-off loads (dictionary, vectors, lemmas)
        dump[name] = [[e.model_dump(mode="json") for e in found] for found in events]
        coding_s = prepared.timed(args.repeats)
        count = sum(len(found) for found in events)
        rows.append(f"| {name} ({len(texts)} docs) | {parse_s:.3f} | {coding_s:.3f} | "
                    f"{100 * coding_s / parse_s:.1f}% | {1000 * coding_s / len(texts):.2f} | "
                    f"{count} |")
        if args.profile == name:
            profiler = cProfile.Profile()
            profiler.enable()
            prepared.code()
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)
            if os.environ.get("PROFILE_CALLERS"):
                pstats.Stats(profiler).print_callers(os.environ["PROFILE_CALLERS"])
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; CPU seconds, "
          f"fastest of {args.repeats} coding / {args.parse_repeats} parse passes")
    print("| input | parse s | coding s | coding / parse | coding ms/doc | events |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    if args.dump:
        args.dump.write_text(json.dumps(dump, indent=0, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {args.dump}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
