"""Where events happened, on real news: eventwire's event places against blind gold.

The gold (``eval/places/gold-dev-<A|B>.jsonl``) gives, for each core event of annotator A's
real-news event gold (``eval/events/gold-dev-A.jsonl``), the place it happened as a place
annotator read it (``eval/places/NEWS-GUIDE.md``): the place's offsets in the article body, its
country and level, or null. Two annotators worked independently, blind to eventwire's output.

Scored: eventwire's events matched to those gold events (the matcher of
``eval_news_events.py``); of the matched events whose gold has a place, the share where our
place names the same place (a content word in common, or the same country for a country-level
gold place), and the share with the right country. Also reported: how often we give a place when
the gold has none.

Usage: python scripts/eval_news_places.py [--write-docs] [--json FILE]
       python scripts/eval_news_places.py build [--annot DIR]   (annotator files -> gold)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import eval_news_events as news
from docs_sections import EVALUATION, replace_section
from news_gold import load_articles, read_events_gold, read_jsonl, split_ids, write_jsonl

REPO = Path(__file__).resolve().parents[1]
PLACES_DIR = REPO / "eval" / "places"
DEFAULT_ANNOT = Path("/work/devsets/places")
PLACE_ANNOTATORS = ("A", "B")


def gold_path(annotator: str) -> Path:
    return PLACES_DIR / f"gold-dev-{annotator}.jsonl"


def _core_events(articles: dict) -> list[dict]:
    """Annotator A's core dev events in file order: what the place tasks were made from."""
    rows = read_events_gold("dev", "A", articles) or []
    return [row for row in rows if row["cameo"][:2] != "01"]


def build(annot: Path) -> int:
    """Annotator answers (task order = core event order) -> gold with offsets, no text."""
    ids = split_ids("dev")
    articles = load_articles(ids)
    events = _core_events(articles)
    for annotator in PLACE_ANNOTATORS:
        answers = read_jsonl(annot / f"annot-{annotator}.jsonl")
        if len(answers) != len(events):
            print(f"annotator {annotator}: {len(answers)} answers for {len(events)} events",
                  file=sys.stderr)
            return 2
        rows, placed, unfound = [], 0, 0
        for number, (event, answer) in enumerate(zip(events, answers, strict=True)):
            row = {"doc": event["doc"], "event": number, "sentence_start": event["sentence_start"],
                   "place": None, "place_start": None, "country": None, "level": None}
            place = (answer.get("place") or "").strip()
            if place:
                text = articles[event["doc"]].text
                paragraph_start = text.rfind("\n", 0, event["sentence_start"]) + 1
                # the sentence first, then the paragraph before it
                start = text.find(place, event["sentence_start"], event["sentence_end"])
                if start < 0:
                    start = text.rfind(place, paragraph_start, event["sentence_end"])
                if start < 0:
                    unfound += 1
                row.update(place=place, place_start=start if start >= 0 else None,
                           country=answer.get("country"), level=answer.get("level"))
                placed += 1
            rows.append(row)
        write_jsonl(gold_path(annotator), rows)
        print(f"annotator {annotator}: {len(rows)} events, {placed} with a place "
              f"({unfound} not found verbatim)")
    return 0


def _same_place(gold: dict, ours) -> bool:
    if ours is None:
        return False
    words = news.content_words(gold["place"])
    if words & (news.content_words(ours.name) | news.content_words(ours.resolved)):
        return True
    return gold.get("level") == "country" and bool(gold.get("country")) and (
        gold["country"] == ours.country and ours.level == "country")


def evaluate() -> dict:
    ids = split_ids("dev")
    articles = load_articles(ids)
    events = _core_events(articles)
    golds = {a: read_jsonl(gold_path(a)) for a in PLACE_ANNOTATORS if gold_path(a).exists()}
    if not golds:
        return {}
    results = news.run_eventwire([articles[i] for i in ids])
    gold_items = news.gold_items(events)
    matched: dict[int, object] = {}  # gold event number -> our Event
    for doc in ids:
        numbers = [n for n, item in enumerate(gold_items) if item.doc == doc]
        ours = [e for e in results[doc].events if e.cameo_root != "01"]
        items = [i for i in news.predicted_items(results[doc]) if i.root != "01"]
        for g, p in news.match([gold_items[n] for n in numbers], items):
            matched[numbers[g]] = ours[p]
    # Looser: any of our events on the gold event's trigger, else in its sentence (the place
    # finder's own accuracy, whatever the coder made of the event)
    located: dict[int, object] = {}
    for number, item in enumerate(gold_items):
        ours = [e for e in results[item.doc].events if e.cameo_root != "01"]
        on_trigger = [e for e in ours if news.overlaps(item.trigger, (e.trigger.start,
                                                                      e.trigger.end))]
        in_sentence = [e for e in ours if news.overlaps(item.sentence, (e.sentence.start,
                                                                        e.sentence.end))]
        if on_trigger or in_sentence:
            located[number] = (on_trigger or in_sentence)[0]
    figures: dict = {"events": len(events), "matched": len(matched), "located": len(located)}
    for annotator, rows in golds.items():
        placed = [r for r in rows if r["place"]]
        scored = [(r, matched[r["event"]]) for r in placed if r["event"] in matched]
        unplaced = [matched[r["event"]] for r in rows if not r["place"] and r["event"] in matched]
        figures[annotator] = {
            "gold with a place": len(placed),
            "matched with a place": len(scored),
            "ours placed": sum(1 for _, e in scored if e.place is not None),
            "place right": sum(1 for r, e in scored if _same_place(r, e.place)),
            "country right": sum(1 for r, e in scored
                                 if e.place is not None and e.place.country == r["country"]),
            "matched without a gold place": len(unplaced),
            "ours placed anyway": sum(1 for e in unplaced if e.place is not None),
        }
        near = [(r, located[r["event"]]) for r in placed if r["event"] in located]
        figures[annotator].update({
            "located with a place": len(near),
            "located: ours placed": sum(1 for _, e in near if e.place is not None),
            "located: place right": sum(1 for r, e in near if _same_place(r, e.place)),
            "located: country right": sum(1 for r, e in near if e.place is not None
                                          and e.place.country == r["country"]),
        })
        f = figures[annotator]
        f["located: place right share"] = round(
            f["located: place right"] / f["located with a place"], 4) if near else 0.0
    if len(golds) == 2:
        a, b = (golds[x] for x in PLACE_ANNOTATORS)
        both = [(x, y) for x, y in zip(a, b, strict=True) if x["place"] and y["place"]]
        figures["agreement"] = {
            "events": len(a),
            "place or none agreed": sum(1 for x, y in zip(a, b, strict=True)
                                        if bool(x["place"]) == bool(y["place"])),
            "both placed": len(both),
            "same place": sum(1 for x, y in both
                              if news.content_words(x["place"]) & news.content_words(y["place"])),
            "same country": sum(1 for x, y in both if x["country"] == y["country"]),
        }
    return figures


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.2f} ({part}/{whole})" if whole else "- (0/0)"


def section(figures: dict) -> str:
    lines = [
        "## Event places on real news (AEB dev set)",
        "",
        "Scored by `scripts/eval_news_places.py`: for each core event of the real-news event dev "
        "gold (annotator A's, `eval/events/gold-dev-A.jsonl`), two place annotators working "
        "independently and blind to eventwire's output wrote where it happened, when the "
        "sentence or its paragraph says so (`eval/places/NEWS-GUIDE.md`; gold offsets in "
        "`eval/places/gold-dev-<A|B>.jsonl`). eventwire's events are matched to the gold events "
        "as in the events section; of the matched events whose gold has a place, *place right* "
        "is the share where our place names the same place (a content word in common, or the "
        "same country for a country-level place), *country right* the share in the right "
        "country.",
        "",
        f"{figures['events']} gold core events; {figures['matched']} matched by eventwire.",
        "",
        "| place gold | gold events with a place | matched | we give a place | place right "
        "| country right | matched, no gold place: we give one anyway |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for annotator in PLACE_ANNOTATORS:
        f = figures.get(annotator)
        if not f:
            continue
        n = f["matched with a place"]
        lines.append(
            f"| {annotator} | {f['gold with a place']} | {n} | {_share(f['ours placed'], n)} | "
            f"{_share(f['place right'], n)} | {_share(f['country right'], n)} | "
            f"{_share(f['ours placed anyway'], f['matched without a gold place'])} |")
    lines += [
        "",
        "The same on every gold event with a place that eventwire codes some event for (one on "
        "its trigger, else one in its sentence, whatever its code): the place finder's own "
        "accuracy.",
        "",
        "| place gold | gold events with a place, coded | we give a place | place right "
        "| country right |",
        "|---|---:|---:|---:|---:|",
    ]
    for annotator in PLACE_ANNOTATORS:
        f = figures.get(annotator)
        if not f:
            continue
        n = f["located with a place"]
        lines.append(
            f"| {annotator} | {n} | {_share(f['located: ours placed'], n)} | "
            f"{_share(f['located: place right'], n)} | {_share(f['located: country right'], n)} |")
    agreement = figures.get("agreement")
    if agreement:
        both = agreement["both placed"]
        lines += [
            "",
            f"Agreement of the place annotators: place or none agreed on "
            f"{_share(agreement['place or none agreed'], agreement['events'])} events; where both "
            f"gave a place, the same place {_share(agreement['same place'], both)}, the same "
            f"country {_share(agreement['same country'], both)}.",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["build"]:
        parser = argparse.ArgumentParser(description="build the place gold")
        parser.add_argument("--annot", type=Path, default=DEFAULT_ANNOT)
        return build(parser.parse_args(argv[1:]).annot)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    figures = evaluate()
    if not figures:
        print("no place gold (eval/places/gold-dev-*.jsonl)", file=sys.stderr)
        return 2
    text = section(figures)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    if args.write_docs:
        replace_section(EVALUATION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
