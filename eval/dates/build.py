"""Build articles.jsonl and gold.jsonl from articles_marked.txt (the one file written by hand).

In articles_marked.txt each article starts with ``=== id | YYYY-MM-DD | title``; each gold event's
trigger is written in place as ``[[word|YYYY|MM]]`` (``-`` for a month the text does not give).
Offsets are computed here, never by hand. An event is background when its year or month differs
from the publication date (an event with a year but no month counts as background).

Usage: python eval/dates/build.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\[\[([^|\]]+)\|(\d{4})\|(\d{2}|-)\]\]")
# A sentence starts after . ! ? (and a closing quote) followed by space, or after a blank line.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“A-Z0-9])|\n\n+")


def sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in SENTENCE_END.finditer(text)]


def parse(source: str) -> tuple[list[dict], list[dict]]:
    articles, gold = [], []
    for block in re.split(r"^=== ", source, flags=re.M)[1:]:
        header, body = block.split("\n", 1)
        doc_id, published, title = (part.strip() for part in header.split("|", 2))
        marked = body.strip("\n")
        text, events, last = "", [], 0
        for match in MARK.finditer(marked):
            text += marked[last : match.start()]
            word, year, month = match.groups()
            events.append((len(text), word, year, None if month == "-" else month))
            text += word
            last = match.end()
        text += marked[last:]
        starts = sentence_starts(text)
        articles.append({"id": doc_id, "published": published, "title": title, "text": text})
        for offset, word, year, month in events:
            background = year != published[:4] or month != published[5:7]
            gold.append(
                {
                    "article": doc_id,
                    "sentence_start": max(s for s in starts if s <= offset),
                    "trigger": word,
                    "trigger_start": offset,
                    "year": year,
                    "month": month,
                    "background": background,
                }
            )
    return articles, gold


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def main() -> None:
    articles, gold = parse((HERE / "articles_marked.txt").read_text(encoding="utf-8"))
    write_jsonl(HERE / "articles.jsonl", articles)
    write_jsonl(HERE / "gold.jsonl", gold)
    background = sum(g["background"] for g in gold)
    print(f"{len(articles)} articles, {len(gold)} gold events, {background} background")


if __name__ == "__main__":
    main()
