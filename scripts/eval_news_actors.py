"""Score eventwire's actors on real news: the AEB actor dev set annotated by two annotators.

Gold: ``eval/actors/gold-<A|B>.jsonl`` (built by ``scripts/news_gold.py`` from annotator files
written by ``eval/actors/GUIDE.md``): one entity per line with every offset of each of its
mention strings in the article body. Articles: ``actors_dev`` (15; default) or ``actors_heldout``
of ``eval/events/articles.json``; bodies from the shared AEB data, analysed uncleaned as in
``scripts/eval_news_events.py``.

Mapping: each non-pronoun mention of a predicted actor is linked to the gold mention occurrence
it overlaps best (most shared characters over the union of the two spans; the longer overlap on a
tie), so "US Ambassador Gordon Sondland" goes to the ambassador, not to the US inside it; an
overlap counts only when it covers the gold mention's head word (its last word before a comma,
preposition or relative clause), so "Cornell" inside "Cornell University professor Eswar
Prasad" is not the professor. A predicted actor then covers the gold entities its mentions link
to. Per article and overall:

* found: gold entities covered by some predicted actor (recall);
* non-actors: predicted actors none of whose non-pronoun mentions overlaps a gold mention
  (actors typed ``location`` are places, listed by eventwire as such, and not counted here;
  their number is reported);
* splits: gold entities covered by more than one predicted actor;
* merges: predicted actors covering more than one gold entity;
* country and sector right, on each found entity against the predicted actor that covers most
  of its mentions: equal codes, null for null; a gold ``countries`` list accepts any of its
  countries;
* actor problems per article = (non-actors + splits + merges + wrong country on found) / articles.

The annotators' agreement: B scored against A with the same mapping (entities of A that B has,
entities of B that A has, their F1; country and sector agreement on matched entities).

PLOVER GSR source and target country (single sentences): ``python scripts/eval_events.py
--no-write`` (or ``--gsr`` here, which calls its ``eval_gsr``).

Usage: python scripts/eval_news_actors.py [--split dev|heldout] [--write-docs] [--json FILE]
                                          [--errors] [--gsr]
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field

# Run as a file, the scripts folder is on sys.path.
from docs_sections import EVALUATION, replace_section
from eval_news_events import is_pronoun, run_eventwire
from news_gold import (
    ANNOTATORS,
    check_split_arguments,
    load_articles,
    read_actors_gold,
    split_arguments,
    split_ids,
)

SECTION = "## Actors on real news (AEB dev set)"
GSR_HINT = (
    "PLOVER GSR source/target country: python scripts/eval_events.py --no-write --no-petrarch "
    "(or this script with --gsr)"
)


@dataclass
class Entity:
    """A gold entity or a predicted actor: its mention spans and codes."""

    key: str
    name: str
    spans: list[tuple[int, int]]
    country: str | None = None
    countries: tuple[str, ...] = ()
    sector: str | None = None
    type: str | None = None
    heads: list[tuple[int, int]] = field(default_factory=list)  # head word of each gold span


def gold_entities(rows: list[dict]) -> dict[str, list[Entity]]:
    out: dict[str, list[Entity]] = {}
    for number, row in enumerate(rows):
        occurrences = sorted({
            ((s, s + len(m["text"])), (s + head[0], s + head[1]))
            for m in row["mentions"]
            for head in [head_of(m["text"])]
            for s in m["starts"]
        })  # fmt: skip
        out.setdefault(row["doc"], []).append(
            Entity(
                key=f"{row['doc']}#{number}",
                name=row.get("entity") or "",
                spans=[span for span, _ in occurrences],
                heads=[head for _, head in occurrences],
                country=row.get("country"),
                countries=tuple(row.get("countries") or ()),
                sector=row.get("sector"),
                type=row.get("type"),
            )
        )
    return out


def predicted_entities(result) -> list[Entity]:
    return [
        Entity(
            key=actor.id,
            name=actor.name,
            spans=sorted({(m.start, m.end) for m in actor.mentions if not is_pronoun(m.text)}),
            country=actor.country,
            sector=actor.sector,
            type=actor.type,
        )
        for actor in result.actors
    ]


def link(gold: list[Entity], pred: list[Entity]) -> list[Counter]:
    """For each predicted actor, how many of its mentions link to each gold entity (by index).

    A predicted mention links to the overlapping gold occurrence that shares most of the two
    spans (overlap over union; the longer overlap on a tie), among those whose head word it
    covers: "Cornell" inside "Cornell University professor Eswar Prasad" is not the professor,
    nor "Stern School of Business" inside "a professor at ... Stern School of Business".
    """
    occurrences = [
        (span, head, gi)
        for gi, g in enumerate(gold)
        for span, head in zip(g.spans, g.heads or g.spans, strict=True)
    ]
    links = []
    for p in pred:
        counts: Counter = Counter()
        for start, end in p.spans:
            best = None
            for (g_start, g_end), (h_start, h_end), gi in occurrences:
                shared = min(end, g_end) - max(start, g_start)
                if shared <= 0:
                    continue
                union = max(end, g_end) - min(start, g_start)
                if not (start < h_end and h_start < end):
                    continue
                key = (shared / union, shared)
                if best is None or key > best[0]:
                    best = (key, gi)
            if best is not None:
                counts[best[1]] += 1
        links.append(counts)
    return links


_HEAD_END = re.compile(r",|;|:| \(| [–—-] | (of|who|which|that|from|at|in|for|with|on|to|"
                       r"whose|as|familiar|close|responsible|based|loyal|involved)\b",
                       re.I)  # fmt: skip


def head_of(mention: str) -> tuple[int, int]:
    """Offsets (within the mention) of its head word: the last word before a comma, a
    preposition or a relative clause ("Will Moy, chief executive of ..." -> "Moy")."""
    cut = _HEAD_END.search(mention, 1)
    core = mention[: cut.start()] if cut else mention
    words = list(re.finditer(r"\w+", core)) or list(re.finditer(r"\w+", mention))
    if not words:
        return 0, len(mention)
    return words[-1].start(), words[-1].end()


def country_right(gold: Entity, pred: Entity) -> bool:
    if gold.countries:
        return pred.country in gold.countries or bool(set(pred.countries) & set(gold.countries))
    if gold.country is None:
        return pred.country is None and not pred.countries
    return pred.country == gold.country or gold.country in pred.countries


def sector_right(gold: Entity, pred: Entity) -> bool:
    return (gold.sector or None) == (pred.sector or None)


@dataclass
class DocActors:
    gold: int = 0
    predicted: int = 0  # counted predicted actors (not places)
    places: int = 0  # predicted actors typed location that match no gold entity
    found: int = 0
    non_actors: int = 0
    splits: int = 0
    merges: int = 0
    country_right: int = 0
    sector_right: int = 0
    missed: list[str] = field(default_factory=list)
    non_actor_names: list[str] = field(default_factory=list)
    split_names: list[str] = field(default_factory=list)
    merge_names: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def wrong_country(self) -> int:
        return self.found - self.country_right

    @property
    def problems(self) -> int:
        return self.non_actors + self.splits + self.merges + self.wrong_country


COUNTS = ("gold", "predicted", "places", "found", "non_actors", "splits", "merges",
          "country_right", "sector_right")  # fmt: skip


def score_doc(gold: list[Entity], pred: list[Entity]) -> DocActors:
    links = link(gold, pred)
    out = DocActors(gold=len(gold))
    covering: dict[int, list[tuple[int, int]]] = {}  # gold index -> (mentions, predicted index)
    for pi, (p, counts) in enumerate(zip(pred, links, strict=True)):
        if not p.spans:
            continue  # only pronoun mentions: nothing to judge
        if not counts:
            if p.type == "location":
                out.places += 1
            else:
                out.predicted += 1
                out.non_actors += 1
                out.non_actor_names.append(p.name)
            continue
        out.predicted += 1
        if len(counts) > 1:
            out.merges += 1
            out.merge_names.append(f"{p.name} = {' + '.join(gold[g].name for g in counts)}")
        for gi, n in counts.items():
            covering.setdefault(gi, []).append((n, pi))
    for gi, g in enumerate(gold):
        if gi not in covering:
            out.missed.append(g.name)
            continue
        out.found += 1
        actors = covering[gi]
        if len(actors) > 1:
            out.splits += 1
            out.split_names.append(f"{g.name} = {' + '.join(pred[pi].name for _, pi in actors)}")
        _, main = max(actors, key=lambda pair: (pair[0], -pair[1]))
        p = pred[main]
        c_ok, s_ok = country_right(g, p), sector_right(g, p)
        out.country_right += c_ok
        out.sector_right += s_ok
        if not (c_ok and s_ok):
            gold_country = "/".join(g.countries) if g.countries else g.country
            out.wrong.append(f"{g.name} gold {gold_country} {g.sector}, ours {p.name!r} "
                             f"{p.country} {p.sector}")  # fmt: skip
    return out


def share(right: int, total: int) -> float | None:
    return round(right / total, 4) if total else None


def figures_of(docs: dict[str, DocActors]) -> dict:
    total = {name: sum(getattr(d, name) for d in docs.values()) for name in COUNTS}
    n = len(docs)
    problems = sum(d.problems for d in docs.values())
    wrong_country = sum(d.wrong_country for d in docs.values())
    return {
        **total,
        "articles": n,
        "recall": share(total["found"], total["gold"]),
        "non_actor_share": share(total["non_actors"], total["predicted"]),
        "country_accuracy": share(total["country_right"], total["found"]),
        "sector_accuracy": share(total["sector_right"], total["found"]),
        "wrong_country": wrong_country,
        "problems": problems,
        "problems_per_article": share(problems, n),
        "non_actors_per_article": share(total["non_actors"], n),
        "splits_per_article": share(total["splits"], n),
        "merges_per_article": share(total["merges"], n),
        "per_article": {
            doc: {name: getattr(d, name) for name in COUNTS} | {"problems": d.problems}
            for doc, d in docs.items()
        },
    }


def evaluate(split: str) -> tuple[dict, dict[str, dict[str, DocActors]]]:
    ids = split_ids(split, "actors")
    golds = {}
    for annotator in ANNOTATORS:
        rows = read_actors_gold(annotator, ids)
        if rows:
            golds[annotator] = gold_entities(rows)
    coded = [i for i in ids if any(i in g for g in golds.values())]
    articles = load_articles(coded)
    results = run_eventwire([articles[i] for i in coded])
    preds = {doc: predicted_entities(results[doc]) for doc in coded}
    figures: dict = {"split": split, "articles": len(ids), "articles_scored": {}, "vs": {}}
    scores: dict[str, dict[str, DocActors]] = {}
    for annotator, gold in golds.items():
        docs = [i for i in ids if i in gold]
        scores[annotator] = {doc: score_doc(gold[doc], preds[doc]) for doc in docs}
        figures["vs"][annotator] = figures_of(scores[annotator])
        figures["articles_scored"][annotator] = len(docs)
    if len(scores) > 1:
        keys = ("recall", "non_actor_share", "country_accuracy", "sector_accuracy",
                "problems_per_article", "non_actors_per_article", "splits_per_article",
                "merges_per_article")  # fmt: skip
        figures["vs"]["mean"] = {
            k: round(sum(figures["vs"][a][k] or 0 for a in scores) / len(scores), 4) for k in keys
        }
    if "A" in golds and "B" in golds:
        both = [i for i in ids if i in golds["A"] and i in golds["B"]]
        agree = {doc: score_doc(golds["A"][doc], golds["B"][doc]) for doc in both}
        a_total = sum(d.gold for d in agree.values())
        b_total = sum(d.predicted for d in agree.values())
        found = sum(d.found for d in agree.values())
        b_found = b_total - sum(d.non_actors for d in agree.values())
        a_rate, b_rate = share(found, a_total) or 0.0, share(b_found, b_total) or 0.0
        figures["agreement"] = {
            "articles": len(both),
            "A_entities": a_total,
            "B_entities": b_total,
            "A_found_by_B": a_rate,
            "B_found_by_A": b_rate,
            "entity_f1": round(2 * a_rate * b_rate / (a_rate + b_rate), 4) if a_rate + b_rate
            else 0.0,
            "country_agreement": share(sum(d.country_right for d in agree.values()), found),
            "sector_agreement": share(sum(d.sector_right for d in agree.values()), found),
        }
    return figures, scores


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def section(figures: dict, scores: dict[str, dict[str, DocActors]]) -> str:
    vs = figures["vs"]
    title = SECTION if figures["split"] == "dev" else SECTION.replace("dev set", "held-out set")
    scored = ", ".join(f"{a} {n}" for a, n in figures["articles_scored"].items())
    lines = [
        title,
        "",
        "Scored by `scripts/eval_news_actors.py` against `eval/actors/gold-A.jsonl` and "
        "`gold-B.jsonl`: actors of real AEB articles (bodies read from `../shared/data` at run "
        "time, never committed), listed with all their mentions, country and sector by two "
        "annotators working independently from `eval/actors/GUIDE.md`, blind to eventwire's "
        f"output. {figures['articles']} dev articles (coded: {scored}); a fixed held-out set of "
        "15 more (`--split heldout`) is scored only at the end of a piece of work.",
        "",
        "Each predicted mention (pronouns left out) is linked to the gold mention it overlaps "
        "best among those whose head word it covers (\"Cornell\" inside \"Cornell University "
        "professor Eswar Prasad\" is not the professor). "
        "Found: gold entities some predicted actor covers. Non-actors: predicted actors "
        "that cover no gold entity (places typed `location` are not counted). Splits: gold "
        "entities covered by several predicted actors; merges: predicted actors covering several "
        "gold entities. Country and sector are judged on found entities against the actor that "
        "covers most of their mentions (null = null right). Problems per article = non-actors + "
        "splits + merges + wrong country.",
        "",
        "| gold | entities | found | our actors | non-actors | splits | merges | country right "
        "| sector right | problems per article |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in vs.items():
        if name == "mean":
            lines.append(
                f"| mean | | {fmt(f['recall'])} | | {fmt(f['non_actors_per_article'])}/article "
                f"| {fmt(f['splits_per_article'])}/article | {fmt(f['merges_per_article'])}/article"
                f" | {fmt(f['country_accuracy'])} | {fmt(f['sector_accuracy'])} | "
                f"{fmt(f['problems_per_article'])} |"
            )
            continue
        lines.append(
            f"| {name} | {f['gold']} | {fmt(f['recall'])} ({f['found']}) | {f['predicted']} | "
            f"{f['non_actors']} | {f['splits']} | {f['merges']} | {fmt(f['country_accuracy'])} "
            f"({f['country_right']}/{f['found']}) | {fmt(f['sector_accuracy'])} "
            f"({f['sector_right']}/{f['found']}) | {fmt(f['problems_per_article'])} |"
        )
    agreement = figures.get("agreement")
    if agreement:
        lines += [
            "",
            f"Agreement of the annotators ({agreement['articles']} articles listed by both; "
            f"A {agreement['A_entities']}, B {agreement['B_entities']} entities; B mapped to A "
            f"as above): entities of A that B lists {fmt(agreement['A_found_by_B'])}, of B that "
            f"A lists {fmt(agreement['B_found_by_A'])}, F1 {fmt(agreement['entity_f1'])}; on "
            f"matched entities country agreement {fmt(agreement['country_agreement'])}, sector "
            f"agreement {fmt(agreement['sector_agreement'])}.",
        ]
    names = [n for n in vs if n != "mean"]
    lines += [
        "",
        "Per article (gold entities / found / non-actors / splits / merges / country right / "
        "problems):",
        "",
        "| article | " + " | ".join(f"{n}" for n in names) + " |",
        "|---|" + "---|" * len(names),
    ]
    docs = list(dict.fromkeys(d for n in names for d in scores[n]))
    for doc in docs:
        cells = []
        for n in names:
            d = scores[n].get(doc)
            cells.append(
                f"{d.gold} / {d.found} / {d.non_actors} / {d.splits} / {d.merges} / "
                f"{d.country_right} / {d.problems}" if d else "-"
            )
        lines.append(f"| {doc} | " + " | ".join(cells) + " |")
    lines += ["", "PLOVER GSR source and target country (single sentences) are measured by "
              "`scripts/eval_events.py` (section \"Event coding\" above)."]  # fmt: skip
    return "\n".join(lines) + "\n"


def errors(scores: dict[str, dict[str, DocActors]]) -> str:
    lines = []
    for name, docs in scores.items():
        for doc, d in docs.items():
            lines.append(f"== {doc} vs {name}: problems {d.problems}")
            lines += [f"  MISSED    {x}" for x in d.missed]
            lines += [f"  NON-ACTOR {x}" for x in d.non_actor_names]
            lines += [f"  SPLIT     {x}" for x in d.split_names]
            lines += [f"  MERGE     {x}" for x in d.merge_names]
            lines += [f"  CODE      {x}" for x in d.wrong]
    return "\n".join(lines)


def gsr_countries() -> str:
    """Source and target country on the PLOVER GSR, by scripts/eval_events.py's own scorer."""
    import eval_events

    from eventwire.nlp import load_pipeline
    from eventwire.settings import Settings

    gsr = eval_events.eval_gsr(load_pipeline(Settings().model), eval_events.shared_data(None),
                               None)  # fmt: skip
    return (f"PLOVER GSR: source country {gsr.source_country / max(gsr.n, 1):.2f}, target country "
            f"{gsr.target_country / max(gsr.with_target, 1):.2f}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = split_arguments(
        __doc__.splitlines()[0],
        "print misses, non-actors, splits, merges, codes (dev split only)")
    parser.add_argument("--gsr", action="store_true",
                        help="also print the PLOVER GSR source/target country (eval_events.py)")
    args = parser.parse_args(argv)
    if not check_split_arguments(parser, args):
        return 2
    figures, scores = evaluate(args.split)
    if not scores:
        print(f"no actor gold for the {args.split} split", file=sys.stderr)
        return 2
    text = section(figures, scores)
    print(text)
    if args.errors:
        print(errors(scores))
    print(gsr_countries() if args.gsr else GSR_HINT)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    if args.write_docs:
        replace_section(EVALUATION, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
