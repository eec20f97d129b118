"""Score eventwire's attributed statements against gold files in eval/quotes/*.jsonl.

Gold format, one JSON object per line: {"doc", "text" (or "text_sha1"), "start", "end", "kind"
(direct|indirect|mixed), "speaker" (local mention), "speaker_start", "speaker_end",
"speaker_name" (optional fullest name), "speaker_is_pronoun", "cue", "cue_start", "cue_end",
"via": [names], "hedged"}. Offsets index the text of document ``doc``: for GUM
Wikinews the ``text`` field of wikinews_gum_plain.jsonl (analysed as it is), for the sample
articles eventwire's cleaned ``document.text`` (re-anchored by text search if cleaning changed).

Matching: a predicted and a gold statement match when their content spans share at least 50% of
the characters of each (one-to-one, best overlap first), within a kind group (direct; indirect and
mixed). Speaker, cue, via and hedged are scored on matched statements.

Usage: python scripts/eval_quotes.py [GOLD.jsonl ...] [--write-docs] [--errors] [--json FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

# Run as a file, the scripts folder is on sys.path.
from docs_sections import EVALUATION, replace_section, shared_data_dir, time_limit

REPO = Path(__file__).resolve().parents[1]
SHARED = shared_data_dir()
GUM_TEXTS = SHARED / "gum-wikinews" / "wikinews_gum_plain.jsonl"
SAMPLES = REPO / "samples" / "articles"
SECTION = "## Attributed statements"
GROUPS = {"direct": "direct", "indirect": "reported", "mixed": "reported"}


TIMED_OUT: list[str] = []
ERRORS: list[str] = []
DOC_SECONDS = int(os.environ.get("EVAL_DOC_SECONDS", "60"))




@dataclass
class Analysed:
    text: str
    actors: dict[str, object]
    quotes: list[object]


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    checks: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def check(self, name: str, right: bool) -> None:
        self.checks[name][0] += int(right)
        self.checks[name][1] += 1

    def prf(self) -> tuple[float, float, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def analyse_documents(doc_ids: set[str]) -> dict[str, Analysed]:
    """Run eventwire on the GUM texts (as they are) and the sample articles (as ingested)."""
    from eventwire.extract import extract
    from eventwire.model import Document, Result
    from eventwire.nlp import load_pipeline
    from eventwire.pipeline import run
    from eventwire.settings import Settings

    settings = Settings()
    out: dict[str, Analysed] = {}
    gum = {}
    if GUM_TEXTS.exists():
        for line in GUM_TEXTS.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record["id"] in doc_ids:
                gum[record["id"]] = record["text"]
    if gum:
        nlp = load_pipeline(settings.model)
        for doc_id, text in gum.items():
            try:
                with time_limit(DOC_SECONDS):
                    doc = nlp(text)
                    actors, quotes, _ = extract(doc, Document(id=doc_id, text=text))
            except TimeoutError:
                # Counted as finding nothing: its gold statements are all misses.
                print(
                    f"warning: {doc_id} took over {DOC_SECONDS}s; scored as empty", file=sys.stderr
                )
                TIMED_OUT.append(doc_id)
                actors, quotes = [], []
            out[doc_id] = Analysed(text, {a.id: a for a in actors}, quotes)
    if doc_ids - set(out):
        for result in run(sorted(SAMPLES.iterdir()), settings):
            if isinstance(result, Result) and result.document.id in doc_ids:
                out[result.document.id] = Analysed(
                    result.document.text, {a.id: a for a in result.actors}, result.quotes
                )
    return out


def anchored(gold: dict, text: str, key: str = "") -> tuple[int, int] | None:
    """Gold offsets for ``key`` ("" for content, "speaker_", "cue_"), re-found if text moved."""
    start, end = gold.get(f"{key}start"), gold.get(f"{key}end")
    if start is None or end is None:
        return None
    words = gold.get({"": "text", "speaker_": "speaker", "cue_": "cue"}[key])
    if words is None:
        # Gold that stores only offsets and a hash of the content (texts we may not copy).
        digest = gold.get("text_sha1")
        ok = not digest or hashlib.sha1(text[start:end].encode()).hexdigest().startswith(digest)
        return (start, end) if ok else None
    if text[start:end] == words:
        return start, end
    hits = [m.start() for m in re.finditer(re.escape(words), text)]
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - start))
    return best, best + len(words)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def is_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = overlap(a, b)
    return shared * 2 >= (a[1] - a[0]) and shared * 2 >= (b[1] - b[0]) and shared > 0


def norm(name: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", name.lower().replace("’", "'")).strip()


def speaker_right(gold: dict, quote, analysed: Analysed) -> bool:
    span = anchored(gold, analysed.text, "speaker_")
    if gold.get("speaker") is None:
        return quote.speaker is None
    if quote.speaker is None:
        mention = quote.speaker_mention
        return bool(mention and span and overlap((mention.start, mention.end), span))
    actor = analysed.actors.get(quote.speaker)
    if actor is None:
        return False
    if span and any(overlap((m.start, m.end), span) for m in actor.mentions):
        return True
    targets = {norm(gold.get("speaker_name") or ""), norm(gold["speaker"])} - {""}
    if gold.get("speaker_is_pronoun"):
        targets.discard(norm(gold["speaker"]))
    names = {norm(actor.name), *(norm(a) for a in actor.aliases)} - {""}
    return any(
        n == t or f" {n} " in f" {t} " or f" {t} " in f" {n} " for n in names for t in targets
    )


def via_right(gold: dict, quote) -> bool:
    gold_via = [norm(v) for v in gold.get("via") or []]
    pred_via = [norm(v) for v in quote.via]

    def covered(xs: list[str], ys: list[str]) -> bool:
        return all(any(x in y or y in x for y in ys) for x in xs)

    return covered(gold_via, pred_via) and covered(pred_via, gold_via)


def score(gold_rows: list[dict], analysed: dict[str, Analysed]) -> dict[str, Counts]:
    counts = {"all": Counts(), "direct": Counts(), "reported": Counts(), "speech-verb": Counts()}
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in gold_rows:
        by_doc[row["doc"]].append(row)
    for doc_id, rows in by_doc.items():
        result = analysed.get(doc_id)
        if result is None:
            print(f"warning: no document {doc_id}", file=sys.stderr)
            continue
        for group in ("direct", "reported"):
            gold = [
                (r, anchored(r, result.text))
                for r in rows
                if GROUPS.get(r["kind"]) == group and anchored(r, result.text)
            ]
            pred = [q for q in result.quotes if GROUPS[q.kind] == group]
            pairs = sorted(
                (
                    (overlap(span, (q.start, q.end)), gi, pi)
                    for gi, (_, span) in enumerate(gold)
                    for pi, q in enumerate(pred)
                    if is_match(span, (q.start, q.end))
                ),
                reverse=True,
            )
            chosen = one_to_one(pairs)
            matches = [(gold[gi][0], pred[pi]) for gi, pi in chosen]
            note_misses(doc_id, group, gold, pred, chosen, result)
            for name in ("all", group):
                counts[name].gold += len(gold)
                counts[name].predicted += len(pred)
                counts[name].matched += len(matches)
            if group == "reported":
                verb_gold = {i for i, (r, _) in enumerate(gold) if _speech_verb(r.get("cue"))}
                verb_pred = {i for i, q in enumerate(pred) if q.cue and _speech_verb(q.cue.text)}
                sv = counts["speech-verb"]
                sv.gold += len(verb_gold)
                sv.predicted += len(verb_pred)
                sv.matched += sum(1 for gi, pi in chosen if gi in verb_gold and pi in verb_pred)
            for g, q in matches:
                for name in ("all", group):
                    c = counts[name]
                    right = speaker_right(g, q, result)
                    if not right and name == group:
                        note_speaker(doc_id, g, q, result)
                    c.check("speaker", right)
                    if g.get("speaker_is_pronoun"):
                        c.check("speaker (pronoun)", right)
                    cue_span = anchored(g, result.text, "cue_")
                    if cue_span is None:
                        c.check("cue", q.cue is None)
                    else:
                        c.check("cue", bool(q.cue and overlap(cue_span, (q.cue.start, q.cue.end))))
                    c.check("via", via_right(g, q))
                    c.check("hedged", bool(g.get("hedged")) == q.hedged)
    return counts


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def note_misses(
    doc_id: str,
    group: str,
    gold: list[tuple[dict, tuple[int, int]]],
    pred: list,
    chosen: list[tuple[int, int]],
    result: Analysed,
) -> None:
    """Record unmatched gold (misses) and unmatched predictions (false positives)."""
    matched_g = {gi for gi, _ in chosen}
    matched_p = {pi for _, pi in chosen}
    for gi, (_, (start, end)) in enumerate(gold):
        if gi not in matched_g:
            ERRORS.append(f"MISS {group} {doc_id}@{start}: {_clip(result.text[start:end])}")
    for pi, q in enumerate(pred):
        if pi not in matched_p:
            ERRORS.append(f"FP   {group} {doc_id}@{q.start}: {_clip(result.text[q.start:q.end])}")


def note_speaker(doc_id: str, gold: dict, quote, result: Analysed) -> None:
    actor = result.actors.get(quote.speaker) if quote.speaker else None
    mention = quote.speaker_mention.text if quote.speaker_mention else None
    ERRORS.append(
        f"SPKR {gold['kind']} {doc_id}@{gold['start']}: gold={gold.get('speaker')!r}"
        f"{' (pronoun)' if gold.get('speaker_is_pronoun') else ''} "
        f"name={gold.get('speaker_name')!r} pred={actor.name if actor else None!r} "
        f"mention={mention!r}"
    )


def one_to_one(pairs: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one assignment over (overlap, gold, predicted), best overlap first."""
    taken_g: set[int] = set()
    taken_p: set[int] = set()
    chosen = []
    for _, gi, pi in pairs:
        if gi not in taken_g and pi not in taken_p:
            taken_g.add(gi)
            taken_p.add(pi)
            chosen.append((gi, pi))
    return chosen


def _speech_verb(cue: str | None) -> bool:
    """Reported speech introduced by a verb, not by "according to" or a noun."""
    return bool(cue) and not cue.lower().startswith("accord")


def table(counts: dict[str, Counts], sources: list[str]) -> str:
    lines = [
        "| statements | gold | predicted | P | R | F1 | speaker | speaker (pronoun) | cue | via "
        "| hedged |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in ("direct", "reported", "speech-verb", "all"):
        c = counts[name]
        p, r, f = c.prf()

        def acc(key: str, c: Counts = c) -> str:
            right, total = c.checks.get(key, [0, 0])
            return f"{right / total:.2f} ({right}/{total})" if total else "-"

        label = {"reported": "indirect + mixed", "speech-verb": "reported, verb cue"}.get(
            name, name
        )
        lines.append(
            f"| {label} | {c.gold} | {c.predicted} | {p:.2f} | {r:.2f} | {f:.2f} | "
            f"{acc('speaker')} | {acc('speaker (pronoun)')} | {acc('cue')} | {acc('via')} | "
            f"{acc('hedged')} |"
        )
    return "\n".join(lines) + f"\n\nGold: {', '.join(sources)}.\n"


def figures(counts: dict[str, Counts]) -> dict:
    """P, R, F1 and the accuracies on matched statements, per group (for scripts/eval_gate.py)."""
    out = {}
    for name, c in counts.items():
        p, r, f = c.prf()
        out[name] = {"gold": c.gold, "predicted": c.predicted, "precision": round(p, 4),
                     "recall": round(r, 4), "f1": round(f, 4)}  # fmt: skip
        for key, (right, total) in c.checks.items():
            out[name][key] = round(right / total, 4) if total else None
    return out


EXPLANATION = """\
Scored by `scripts/eval_quotes.py` against `eval/quotes/*.jsonl` (statements of the 24 GUM
Wikinews articles, analysed as plain text, and of the sample articles). A predicted statement
matches a gold one when their content spans share at least half of the characters of each
(one-to-one), within its group: direct quotes, or reported speech (indirect and mixed).
"reported, verb cue" leaves out statements introduced by "according to" or a noun. Speaker, cue,
via and hedged are accuracies over matched statements; a speaker is right when the predicted
actor has a mention overlapping the gold speaker mention or its name matches it.

The rules were built on the project's own test sentences and the sample articles, so the
`samples.jsonl` scores are optimistic (development data); GUM errors were read only by category
(pull quotes without marks, missing actors, flattened paragraphs), never to fit a sentence;
`--errors` lists misses, false positives and wrong speakers for that reading.

"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path)
    parser.add_argument("--write-docs", action="store_true", help="update docs/evaluation.md")
    parser.add_argument("--errors", action="store_true", help="print misses and wrong speakers")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = parser.parse_args(argv)
    files = args.gold or sorted((REPO / "eval" / "quotes").glob("*.jsonl"))
    sections = []
    numbers: dict[str, dict] = {}
    for path in files:
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        analysed = analyse_documents({r["doc"] for r in rows})
        counts = score(rows, analysed)
        note = ""
        if TIMED_OUT:
            note = (
                f"Not analysed within {DOC_SECONDS} s (NLP stage), scored as finding nothing: "
                f"{', '.join(TIMED_OUT)}.\n"
            )
            TIMED_OUT.clear()
        numbers[path.stem] = figures(counts)
        sections.append(f"### {path.name}\n\n" + table(counts, [path.name]) + note)
        print(sections[-1])
        if args.errors:
            print("\n".join(sorted(ERRORS)) + "\n")
        ERRORS.clear()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(numbers, indent=1) + "\n", encoding="utf-8")
    if args.write_docs:
        replace_section(EVALUATION, f"{SECTION}\n\n" + EXPLANATION + "\n".join(sections))
    return 0


if __name__ == "__main__":
    sys.exit(main())
