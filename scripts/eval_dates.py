"""Score the dates eventwire gives events against eval/dates/gold.jsonl (our own articles).

Each gold row is one political event: {"article", "sentence_start", "trigger", "trigger_start",
"year", "month" (null when the text gives none), "background" (not in the publication month)}.
A gold event is found when one of our events has a trigger span overlapping the gold trigger;
its date is then compared with the gold year and month. The articles were written for the
project (eval/dates/articles_marked.txt, built by eval/dates/build.py), blind to the date
rules. Its first run (background year right 0.84) was held out; the error categories of that
run then led to general rule changes, so later figures are development figures.

Usage: python scripts/eval_dates.py [--write-docs] [--errors] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Run as a file, the scripts folder is on sys.path.
from docs_sections import EVALUATION, replace_section

REPO = Path(__file__).resolve().parents[1]
DATES = REPO / "eval" / "dates"
SECTION = "## Event dates (own articles)"

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# The date wording of a gold sentence, most specific first: it names the kind of dating problem.
CUES = [
    (
        "month and year",
        re.compile(rf"\b({MONTHS}) (of )?(\d{{4}}|that year)\b|\b\d{{4}}\b.*\bin ({MONTHS})\b"),
    ),
    ("year", re.compile(r"\b(1[89]|20)\d{2}\b")),
    (
        "relative",
        re.compile(
            r"\b(last|next|following|previous|earlier|later|ago|before|after|the time|"
            r"same|that (day|week|month|year|autumn|summer))\b",
            re.I,
        ),
    ),
    ("month only", re.compile(rf"\b({MONTHS})\b")),
    ("weekday", re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
]


@dataclass
class Judged:
    """One gold event with the event we matched to it (None when not found)."""

    gold: dict
    sentence: str
    cue: str
    date: str | None = None
    basis: str | None = None

    @property
    def found(self) -> bool:
        return self.basis is not None or self.date is not None

    @property
    def year_right(self) -> bool:
        return bool(self.date) and self.date[:4] == self.gold["year"]

    @property
    def month_right(self) -> bool:
        return self.year_right and self.date[5:7] == self.gold["month"]


@dataclass
class Scores:
    judged: list[Judged] = field(default_factory=list)

    def share(self, keep, right) -> tuple[int, int]:
        rows = [j for j in self.judged if keep(j)]
        return sum(1 for j in rows if right(j)), len(rows)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def sentence_of(text: str, start: int) -> str:
    """The gold sentence: from its start to the next sentence end or blank line."""
    match = re.compile(r"[.!?][\"”]?(?=\s)|\n\n").search(text, start)
    return text[start : match.end() if match else len(text)]


def cue_of(sentence: str) -> str:
    """The kind of date wording in a sentence; "none" when it must come from context."""
    return next((name for name, pattern in CUES if pattern.search(sentence)), "none")


def code_articles(articles: list[dict]) -> dict[str, list]:
    """Run eventwire (NLP + extraction) on the articles as they are; events per article id."""
    from eventwire.model import Document, Result
    from eventwire.pipeline import analyse
    from eventwire.settings import Settings

    items = [
        Result(
            document=Document(
                id=a["id"], title=a["title"], published=a["published"], text=a["text"]
            )
        )
        for a in articles
    ]
    events: dict[str, list] = {}
    for result in analyse(items, Settings(min_confidence=0.0)):  # dating, not filtering
        if isinstance(result, Result):
            if result.errors:
                print(f"warning: {result.document.id}: {result.errors}", file=sys.stderr)
            events[result.document.id] = result.events
    return events


def score(articles: list[dict], gold: list[dict], events: dict[str, list]) -> Scores:
    """Match each gold event to our event whose trigger overlaps it and keep its date."""
    texts = {a["id"]: a["text"] for a in articles}
    scores = Scores()
    for row in gold:
        if row["article"] not in events:
            continue
        start = row["trigger_start"]
        end = start + len(row["trigger"])
        sentence = sentence_of(texts[row["article"]], row["sentence_start"])
        judged = Judged(row, sentence, cue_of(sentence))
        overlapping = [
            e for e in events[row["article"]] if e.trigger.start < end and start < e.trigger.end
        ]
        if overlapping:
            # Several codings of one trigger share its date; the most confident one speaks.
            best = max(overlapping, key=lambda e: e.confidence)
            judged.date, judged.basis = best.date, best.date_basis or "none"
        scores.judged.append(judged)
    return scores


def fraction(pair: tuple[int, int]) -> str:
    right, total = pair
    return f"{right / total:.2f} ({right}/{total})" if total else "-"


def summary(scores: Scores) -> dict[str, tuple[int, int]]:
    """The headline numbers as (right, total) pairs."""
    s = scores.share
    return {
        "gold events found": s(lambda j: True, lambda j: j.found),
        "year right (found)": s(lambda j: j.found, lambda j: j.year_right),
        "year right (found, background)": s(
            lambda j: j.found and j.gold["background"], lambda j: j.year_right
        ),
        "year right (found, current)": s(
            lambda j: j.found and not j.gold["background"], lambda j: j.year_right
        ),
        "month right (found, gold has a month)": s(
            lambda j: j.found and j.gold["month"], lambda j: j.month_right
        ),
        "month right (found, background, gold has a month)": s(
            lambda j: j.found and j.gold["month"] and j.gold["background"],
            lambda j: j.month_right,
        ),
        "publication-date fallback (found, background)": s(
            lambda j: j.found and j.gold["background"], lambda j: j.basis == "publication"
        ),
    }


def by_cue(scores: Scores) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    """Year accuracy among found background events, by the date wording of the sentence."""
    rows = []
    for name in [c for c, _ in CUES] + ["none"]:
        keep = lambda j, name=name: j.found and j.gold["background"] and j.cue == name  # noqa: E731
        rows.append(
            (
                name,
                scores.share(keep, lambda j: j.year_right),
                scores.share(keep, lambda j: j.basis == "publication"),
            )
        )
    return rows


def error_kind(j: Judged) -> str | None:
    if not j.found:
        return "trigger not found"
    if not j.date:
        return "found, no date"
    if not j.year_right:
        if j.basis == "publication":
            return f"wrong year: publication fallback ({j.cue})"
        return f"wrong year: {j.basis} date ({j.cue})"
    if j.gold["month"] and not j.month_right:
        return f"wrong month ({j.cue})"
    return None


def errors(scores: Scores) -> str:
    lines = ["Every error:"]
    for j in scores.judged:
        kind = error_kind(j)
        if kind:
            g = j.gold
            gold_date = g["year"] + (f"-{g['month']}" if g["month"] else "")
            sentence = " ".join(j.sentence.split())[:110]
            lines.append(
                f"{kind:45s} {g['article']}@{g['trigger_start']} {g['trigger']!r} "
                f"gold={gold_date} ours={j.date} ({j.basis}) | {sentence}"
            )
    return "\n".join(lines)


def section(scores: Scores, articles: list[dict]) -> str:
    gold = [j.gold for j in scores.judged]
    lines = [
        SECTION,
        "",
        "Scored by `scripts/eval_dates.py` against `eval/dates/gold.jsonl`: "
        f"{len(articles)} news articles ({min(a['published'] for a in articles)[:4]}-"
        f"{max(a['published'] for a in articles)[:4]}) and {len(gold)} gold events, "
        f"{sum(g['background'] for g in gold)} of them background (not in the publication "
        "month). A gold event is found when one of our events has a trigger overlapping the gold "
        "trigger; its date is then compared with the gold year and month.",
        "",
        "Caveat: the articles and gold were written for the project (invented stories, "
        "`eval/dates/articles_marked.txt`), without looking at the date rules. The first, "
        "held-out run gave background year right 0.84 (73/87) and month right 0.58; the kinds "
        "of error it showed (a bare month read in the publication year inside a background "
        "paragraph, \"in May of that year\", \"days later\", a year and a month on one verb) "
        "were then fixed by general rules, so the figures below are development figures: a "
        "fresh set is needed for a held-out one. No rule quotes these texts.",
        "",
        "| measure | value |",
        "|---|---|",
    ]
    lines += [f"| {name} | {fraction(pair)} |" for name, pair in summary(scores).items()]
    lines += [
        "",
        "Found background events by the date wording of their sentence ('none': the date must "
        "come from an earlier sentence or paragraph):",
        "",
        "| wording | year right | publication fallback |",
        "|---|---|---|",
    ]
    lines += [
        f"| {name} | {fraction(year)} | {fraction(fallback)} |"
        for name, year, fallback in by_cue(scores)
        if year[1]
    ]
    kinds = Counter(k for j in scores.judged if (k := error_kind(j)))
    lines += ["", "Errors by kind (`--errors` lists every case):", ""]
    lines += [f"- {kind}: {n}" for kind, n in kinds.most_common()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-docs", action="store_true", help="update docs/evaluation.md")
    parser.add_argument("--errors", action="store_true", help="print error categories and cases")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = parser.parse_args(argv)
    articles = read_jsonl(DATES / "articles.jsonl")
    gold = read_jsonl(DATES / "gold.jsonl")
    scores = score(articles, gold, code_articles(articles))
    text = section(scores, articles)
    print(text)
    if args.errors:
        print(errors(scores))
    if args.json:
        numbers = {
            name: {"right": right, "total": total,
                   "share": round(right / total, 4) if total else None}
            for name, (right, total) in summary(scores).items()
        }  # fmt: skip
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(numbers, indent=1) + "\n", encoding="utf-8")
    if args.write_docs:
        replace_section(EVALUATION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
