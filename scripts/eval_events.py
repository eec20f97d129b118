"""Evaluation of eventwire's event coder (CAMEO/PLOVER coding, source/target, QuadClass, dates).

Data (read at run time from ../shared/data or $EVENTWIRE_SHARED; nothing is copied into the repo):

* plover-gsr/PLOVER_GSR_CAMEO.txt: 322 human-coded sentences from the CAMEO manual, PLOVER v0.5b1
  (2016) names, mapped to today's: DEMAND->REQUEST, DISAPPROVE->ACCUSE, FIGHT->ASSAULT,
  INVESTIGATE->ACCUSE. The records carry no CAMEO code, so the gold CAMEO root is the root of the
  PLOVER category (REQUEST is CAMEO 02 appeal or 10 demand; either root counts).
* petrarch-unittest/PETR.UnitTest.records.xml: PETRARCH-2 unit tests (invented actors; toy event
  codes, mostly WEIS-derived): we score event/no-event and whether our source/target words map,
  through the suite's own actor dictionary, to the gold actor codes.

A sentence's prediction is its most confident event; its five-class label (1 statement/appeal
01-02, 2 verbal cooperation 03-05, 3 material cooperation 06-08, 4 verbal conflict 09-13 and 16,
5 material conflict 14-15 and 17-20, 0 no event) is that event's.

Usage: python scripts/eval_events.py [--data DIR] [--no-write] [--limit N] [--speed]
[--speed-only] [--json FILE]
Writes the "## Event coding" section of docs/evaluation.md and, with --speed, the "## Event coding
speed" section of docs/benchmarks.md (other sections of both files are kept); --speed-only writes
that section alone, without the accuracy evaluation.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# Run as a file, the scripts folder is on sys.path.
from docs_sections import BENCHMARKS, EVALUATION, replace_section, shared_data_dir
from profile_events import Prepared, parse

from eventwire.extract import extract
from eventwire.extract.codes import five_class
from eventwire.model import Document, Event
from eventwire.nlp import load_pipeline
from eventwire.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SECTION = "Event coding"
SPEED_SECTION = "Event coding speed"

OLD_TO_NEW = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT",
              "INVESTIGATE": "ACCUSE"}
# The CAMEO roots each 2016 PLOVER category comes from (CAMEO-to-PLOVER table, read backwards).
GOLD_ROOTS = {
    "AGREE": {"03"}, "CONSULT": {"04"}, "SUPPORT": {"05"}, "COOPERATE": {"06"}, "AID": {"07"},
    "CONCEDE": {"08"}, "RETREAT": {"08"}, "INVESTIGATE": {"09"}, "DEMAND": {"02", "10"},
    "DISAPPROVE": {"11"}, "REJECT": {"12"}, "THREATEN": {"13"}, "PROTEST": {"14"},
    "MOBILIZE": {"15"}, "SANCTION": {"16"}, "COERCE": {"17"}, "ASSAULT": {"18"},
    "FIGHT": {"19", "20"},
}


def shared_data(arg: str | None) -> Path:
    return Path(arg) if arg else shared_data_dir()


@dataclass
class Coded:
    """Our output for one sentence."""

    events: list[Event]
    countries: dict[str, str | None]  # actor id -> country

    @property
    def top(self) -> Event | None:
        # the sentence's act: a plain statement (root 01) is coded beside the act it reports
        # ("X said Y attacked Z", also when the act is one the coder does not know), and the
        # GSR gold codes only acts
        real = [e for e in self.events if e.cameo_root != "01"]
        return max(real, key=lambda e: e.confidence) if real else None

    def country(self, actor: str | None) -> str | None:
        return self.countries.get(actor) if actor else None


def code_texts(nlp, texts: list[str], published: str) -> list[Coded]:
    coded = []
    for number, (text, doc) in enumerate(zip(texts, nlp.pipe(texts, batch_size=32), strict=True)):
        document = Document(id=f"s{number}", text=text, published=published)
        actors, _quotes, events = extract(doc, document)
        # the gold's "country" is its CAMEO code's first three letters, which for bodies
        # without a country is their sector ("IGO" for the UN): compare like with like
        coded.append(Coded(events, {a.id: a.country or (a.code or "")[:3] or None
                                    for a in actors}))
    return coded


# --- metrics --------------------------------------------------------------------------------


def per_class(pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float, float, int]]:
    """Precision, recall, F1 and support per gold/predicted label ("-" = none)."""
    labels = sorted({g for g, _ in pairs} | {p for _, p in pairs} - {"-"})
    table = {}
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = (precision, recall, f1, tp + fn)
    return table


def macro_f1(table: dict[str, tuple[float, float, float, int]]) -> float:
    present = [row for row in table.values() if row[3]]
    return sum(row[2] for row in present) / len(present) if present else 0.0


def confusion_md(pairs: list[tuple[str, str]]) -> str:
    """Gold class in rows, predicted class in columns."""
    labels = sorted({g for g, _ in pairs} | {p for _, p in pairs})
    counts = Counter(pairs)
    lines = ["| gold \\ ours | " + " | ".join(labels) + " |",
             "| --- |" + " ---: |" * len(labels)]
    lines += [f"| {g} | " + " | ".join(str(counts[(g, p)]) for p in labels) + " |"
              for g in labels]
    return "\n".join(lines)


def rows_md(rows: list[tuple[str, float]]) -> str:
    lines = ["| measure | value |", "| --- | ---: |"]
    lines += [f"| {label} | {value:.2f} |" for label, value in rows]
    return "\n".join(lines)


def table_md(title: str, table: dict[str, tuple[float, float, float, int]]) -> str:
    lines = [f"| {title} | precision | recall | F1 | gold |", "| --- | ---: | ---: | ---: | ---: |"]
    for label, (p, r, f, n) in table.items():
        lines.append(f"| {label} | {p:.2f} | {r:.2f} | {f:.2f} | {n} |")
    return "\n".join(lines)


# --- PLOVER gold standard -------------------------------------------------------------------


@dataclass
class GsrScores:
    n: int = 0
    plover_pairs: list[tuple[str, str]] = field(default_factory=list)
    root_pairs: list[tuple[str, str]] = field(default_factory=list)
    five_pairs: list[tuple[str, str]] = field(default_factory=list)
    quad_right: int = 0
    any_plover: int = 0
    source_country: int = 0
    target_country: int = 0
    source_text: int = 0
    target_text: int = 0
    with_target: int = 0
    dyad: int = 0
    seconds: float = 0.0
    # (confidence of the top event, its CAMEO root right, its five-class right)
    calibration: list[tuple[float, bool, bool]] = field(default_factory=list)


def _texts_match(gold: list[dict], ours: str | None) -> bool:
    if not ours:
        return False
    ours = ours.lower()
    return any(g.get("actorText", "").lower() in ours or ours in g.get("actorText", "").lower()
               for g in gold if g.get("actorText"))


def _actors(value: object) -> list[dict]:
    """A record's source/target list (a few records carry a stray string instead)."""
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []


# Country codes in the gold that are not ISO 3166 alpha-3, as CAMEO and eventwire use: the GSR
# writes Japan as "JAP" and Italy as "ITL" in a few records.
_GOLD_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA"}


def _gold_country(gold: list[dict]) -> set[str]:
    codes = {g["code"][:3] for g in gold if g.get("code")}
    return {_GOLD_CODE_FIXES.get(code, code) for code in codes}


def _quad(roots: set[str]) -> set[int]:
    return {1 if int(r) <= 5 else 2 if int(r) <= 8 else 3 if int(r) <= 13 else 4 for r in roots}


def eval_gsr(nlp, data: Path, limit: int | None) -> GsrScores:
    records = json.loads((data / "plover-gsr" / "PLOVER_GSR_CAMEO.txt").read_text("utf-8"))
    records = [r for r in records if r.get("event") in GOLD_ROOTS][:limit]
    started = time.perf_counter()
    coded = code_texts(nlp, [r["text"] for r in records], "2000-01-01")
    scores = GsrScores(n=len(records), seconds=time.perf_counter() - started)
    for record, ours in zip(records, coded, strict=True):
        gold_plover = OLD_TO_NEW.get(record["event"], record["event"])
        gold_roots = GOLD_ROOTS[record["event"]]
        gold_five = {str(five_class(r + "0")) for r in gold_roots}
        top = ours.top
        our_root = top.cameo_root if top else "-"
        our_five = str(five_class(top.cameo)) if top else "0"
        scores.plover_pairs.append((gold_plover, (top.plover or "-") if top else "-"))
        # a root in the gold set counts as the gold label itself
        scores.root_pairs.append(("/".join(sorted(gold_roots)),
                                  "/".join(sorted(gold_roots)) if our_root in gold_roots
                                  else our_root))
        gold_five_label = our_five if our_five in gold_five else min(gold_five)
        scores.five_pairs.append((gold_five_label, our_five))
        if top and top.quad_class in _quad(gold_roots):
            scores.quad_right += 1
        if any(e.plover == gold_plover for e in ours.events):
            scores.any_plover += 1
        if not top:
            continue
        scores.calibration.append((top.confidence, our_root in gold_roots, our_five in gold_five))
        sources, targets = _actors(record.get("source")), _actors(record.get("target"))
        source_ok = ours.country(top.source) in _gold_country(sources)
        target_ok = ours.country(top.target) in _gold_country(targets) if targets else (
            top.target is None)
        scores.source_country += source_ok
        scores.source_text += _texts_match(sources, top.source_text)
        if targets:
            scores.with_target += 1
            scores.target_country += ours.country(top.target) in _gold_country(targets)
            scores.target_text += _texts_match(targets, top.target_text)
        scores.dyad += source_ok and target_ok and our_root in gold_roots
    return scores


# --- PETRARCH unit tests --------------------------------------------------------------------


def petrarch_actor_codes(data: Path) -> dict[str, str]:
    """Name -> code from the suite's actor and agent dictionaries (aliases take the code)."""
    names: dict[str, str] = {}
    pending: list[str] = []
    folder = data / "petrarch-unittest"
    for path in (folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt"):
        for line in path.read_text("utf-8", errors="replace").splitlines():
            line = line.split("#")[0].strip()
            if not line or line.startswith("<!--"):
                continue
            found = re.match(r"^([^\[+{]+?)\s*(?:\{[^}]*\})?\s*\[([^\]]+)\]", line)
            if found:
                name, code = found.group(1), found.group(2).strip().lstrip("~").upper()
                names[_norm(name)] = code
                for alias in pending:
                    names[_norm(alias)] = code
                pending = []
                last = code
                continue
            if line.startswith("+") and names:
                names[_norm(line[1:])] = last
    return names


def _norm(name: str) -> str:
    return re.sub(r"[^A-Z]+", " ", name.upper().replace("_", " ")).strip()


def _petr_code(text: str | None, names: dict[str, str]) -> str | None:
    if not text:
        return None
    words = _norm(text)
    best = None
    for name, code in names.items():
        if name and re.search(rf"\b{re.escape(name)}", words) and (
            best is None or len(name) > len(best[0])
        ):
            best = (name, code)
    return best[1] if best else None


@dataclass
class PetrScores:
    sentences: int = 0
    gold_events: int = 0
    noevent_sentences: int = 0
    noevent_right: int = 0
    event_sentences_found: int = 0
    source_match: int = 0
    target_match: int = 0
    root_match: int = 0


def eval_petrarch(nlp, data: Path, limit: int | None) -> PetrScores:
    root = ET.parse(data / "petrarch-unittest" / "PETR.UnitTest.records.xml").getroot()
    names = petrarch_actor_codes(data)
    items = []
    for sentence in root.iter("Sentence"):
        codings = sentence.findall("EventCoding")
        if any(c.get("error") for c in codings):
            continue
        text = " ".join((sentence.findtext("Text") or "").split())
        raw = sentence.get("date", "")
        published = f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}" if len(raw) == 8 else None
        items.append((text, published, codings))
    items = items[:limit]
    scores = PetrScores(sentences=len(items))
    for text, published, codings in items:
        (ours,) = code_texts(nlp, [text], published or "2000-01-01")
        if any(c.get("noevents") for c in codings) or not codings:
            scores.noevent_sentences += 1
            scores.noevent_right += not ours.events
            continue
        scores.event_sentences_found += bool(ours.events)
        for coding in codings:
            scores.gold_events += 1
            source, target = coding.get("sourcecode", ""), coding.get("targetcode", "")
            event = coding.get("eventcode", "")
            best = max(
                ours.events,
                key=lambda e: (_petr_code(e.source_text, names) == source)
                + (_petr_code(e.target_text, names) == target),
                default=None,
            )
            if best is None:
                continue
            scores.source_match += _petr_code(best.source_text, names) == source
            scores.target_match += _petr_code(best.target_text, names) == target
            scores.root_match += best.cameo_root == event[:2]
    return scores


# --- report ---------------------------------------------------------------------------------


CONFIDENCE_BINS = (0.0, 0.4, 0.6, 0.8, 0.9, 1.01)


def calibration_md(calibration: list[tuple[float, bool, bool]]) -> str:
    """How often the top event is right, by its confidence: what sorting by it buys."""
    lines = ["| confidence | top events | CAMEO root right | five-class right |",
             "| --- | ---: | ---: | ---: |"]
    for low, high in zip(CONFIDENCE_BINS, CONFIDENCE_BINS[1:], strict=False):
        inside = [(root, five) for c, root, five in calibration if low <= c < high]
        if inside:
            lines.append(f"| {low:.1f}-{min(high, 1.0):.1f} | {len(inside)} | "
                         f"{sum(r for r, _ in inside) / len(inside):.2f} | "
                         f"{sum(f for _, f in inside) / len(inside):.2f} |")
    return "\n".join(lines)


def gsr_rows(gsr: GsrScores) -> list[tuple[str, float]]:
    n = gsr.n or 1
    top = sum(1 for _, p in gsr.plover_pairs if p != "-")
    targets = max(gsr.with_target, 1)
    return [
        ("sentences with an event coded", top / n),
        ("five-class macro-F1 (classes with gold support)", macro_f1(per_class(gsr.five_pairs))),
        ("PLOVER event of the top event correct",
         sum(g == p for g, p in gsr.plover_pairs) / n),
        ("PLOVER macro-F1", macro_f1(per_class(gsr.plover_pairs))),
        ("gold PLOVER event among any of our events", gsr.any_plover / n),
        ("CAMEO root correct", sum(g == p for g, p in gsr.root_pairs) / n),
        ("QuadClass correct", gsr.quad_right / n),
        ("source country correct", gsr.source_country / n),
        ("source words match the gold actor text", gsr.source_text / n),
        (f"target country correct (of {gsr.with_target} with a gold target)",
         gsr.target_country / targets),
        ("target words match the gold actor text", gsr.target_text / targets),
        ("full dyad (source country, target country, CAMEO root)", gsr.dyad / n),
    ]


def petr_rows(petr: PetrScores) -> list[tuple[str, float]]:
    found = petr.sentences - petr.noevent_sentences
    events = max(petr.gold_events, 1)
    return [
        (f"sentences with gold events where we code one ({found})",
         petr.event_sentences_found / max(found, 1)),
        (f"no-event sentences where we code none ({petr.noevent_sentences})",
         petr.noevent_right / max(petr.noevent_sentences, 1)),
        (f"gold events whose source we match ({petr.gold_events})",
         petr.source_match / events),
        ("gold events whose target we match", petr.target_match / events),
        ("gold events whose (toy) event code root we match", petr.root_match / events),
    ]


def figures(gsr: GsrScores, petr: PetrScores | None) -> dict:
    """The measures as JSON (for scripts/eval_gate.py): names without their counts."""

    def key(label: str) -> str:
        return re.sub(r" \((of )?\d+[^)]*\)", "", label)

    out = {"gsr": {key(label): round(value, 4) for label, value in gsr_rows(gsr)}}
    out["gsr"]["sentences"] = gsr.n
    if petr is not None:
        out["petrarch"] = {key(label): round(value, 4) for label, value in petr_rows(petr)}
    return out


def section(gsr: GsrScores, petr: PetrScores | None) -> str:
    five = per_class(gsr.five_pairs)
    plover = per_class(gsr.plover_pairs)
    roots = per_class(gsr.root_pairs)
    text = f"""## {SECTION}

Measured with `python scripts/eval_events.py` (data read from `../shared/data` at run time).

### PLOVER gold-standard records ({gsr.n} sentences from the CAMEO manual)

Each sentence is coded alone (publication date 2000-01-01); the prediction is the sentence's most
confident event. The 2016 PLOVER names are mapped to today's (DEMAND->REQUEST, DISAPPROVE->ACCUSE,
FIGHT->ASSAULT, INVESTIGATE->ACCUSE); the gold CAMEO root is that of the PLOVER category
(DEMAND may be CAMEO 02 appeal or 10 demand: either counts; in the five-class table it counts as
class 1 or 4, whichever we predict, and a miss is booked to class 1). No sentence is without event.

{rows_md(gsr_rows(gsr))}

Time for all sentences (NLP + extraction): {gsr.seconds:.1f} s.

{table_md("five-class", five)}

Five-class confusion (gold in rows, ours in columns). The gold has no plain statements, so its
class 1 is only the REQUEST sentences we do not code as demands (10): a tiny class whose F1
moves a lot with a sentence or two; our own class-1 sentences are in `tests/test_event_classes.py`.

{confusion_md(gsr.five_pairs)}

Misses are mostly sentences with no event at all (an unknown verb or phrase, or a doer that
is neither a named actor nor an agentive noun). Dyads fail on: joint subjects ("X and Y signed a
treaty"), which the GSR codes as two sources and no target while eventwire, like ICEWS and
PETRARCH, codes X->Y and Y->X (19 gold sentences have two sources and no target); people
of the 1980s-90s with no country in the sentence and not in the people list; things as
targets whose owner the gold infers
("blocked a road" in protest at the US: gold target USA); and parse attachments. Country
"correct" compares the first three letters of CAMEO codes, as the gold does ("IGO" for the UN;
the GSR's "JAP" and "ITL" count as JPN and ITA).

Confidence of the sentence's top event against how often it is right (sentences where we code
one): the confidence is meant for sorting and thresholding, so higher bins should be more often
right.

{calibration_md(gsr.calibration)}

{table_md("PLOVER event", plover)}

{table_md("CAMEO root", roots)}
"""
    if petr is not None:
        text += f"""
### PETRARCH-2 unit tests ({petr.sentences} sentences, invented actors)

These test coder mechanics (compounds, passives, agents, dates) with invented countries, which our
actor stage does not code; our source/target words are mapped to the suite's toy codes through its
own actor dictionary. Its event codes are mostly WEIS-derived, so root agreement is only indicative.

{rows_md(petr_rows(petr))}
"""
    return text


def speed_section(nlp, data: Path, repeats: int = 7) -> str:
    """Time of the event coder alone (parse excluded) on the gold sentences and the sample, as
    scripts/profile_events.py measures it: CPU time of this process, the fastest of several
    passes, so that other work on a shared machine disturbs the figures less."""
    records = json.loads((data / "plover-gsr" / "PLOVER_GSR_CAMEO.txt").read_text("utf-8"))
    texts = [r["text"] for r in records if r.get("event") in GOLD_ROOTS]
    article = (REPO / "samples" / "articles" / "putin-musk-scraped.txt").read_text("utf-8")
    load_before = os.getloadavg()[0]
    rows = []
    for label, batch, published in (
        (f"{len(texts)} gold sentences, one document each", texts, "2000-01-01"),
        ("the scraped sample article x 20", [article] * 20, "2025-03-14"),
    ):
        docs, parsed = parse(nlp, batch)
        parsed = min([parsed] + [parse(nlp, batch)[1] for _ in range(2)])
        prepared = Prepared(docs, batch, published)
        # one-off loads (the dictionary, its vector matrix, LemmInflect's tables, the code
        # tables) are not per-document costs: a first, untimed pass makes them
        count = sum(len(found) for found in prepared.code())
        coding = prepared.timed(repeats)
        rows.append(f"| {label} | {parsed:.2f} | {coding:.3f} | {100 * coding / parsed:.1f}% | "
                    f"{1000 * coding / len(batch):.2f} | {count} |")
    load_after = os.getloadavg()[0]
    return f"""## {SPEED_SECTION}

Measured with `python scripts/eval_events.py --speed-only` (or `--speed`) on this machine (2 cores
shared; load average {load_before:.1f} at the start, {load_after:.1f} at the end). Parse = spaCy
pipeline with eventwire's components (its CPU time includes OpenBLAS's second thread, see
"Whole path: what was cut"); coding = `extract_events` alone on the parsed documents with
their quotes (as `extract` runs it), each pass starting from the actors the pipeline left. CPU
seconds of the process (`time.process_time`): the parse the fastest of 3 passes, the coding the
fastest of {repeats}, after an untimed pass that makes the one-off loads (dictionary, vectors,
lemma tables). `python scripts/profile_events.py` gives the same figures and a profile.

| input | parse s | event coding s | coding / parse | coding ms/doc | events |
| --- | ---: | ---: | ---: | ---: | ---: |
{chr(10).join(rows)}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="shared data folder (default ../shared/data)")
    parser.add_argument("--no-write", action="store_true", help="print, do not write the doc")
    parser.add_argument("--limit", type=int, help="only the first N records of each set")
    parser.add_argument("--no-petrarch", action="store_true")
    parser.add_argument("--speed", action="store_true",
                        help="also time the coder and write docs/benchmarks.md's section")
    parser.add_argument("--speed-only", action="store_true",
                        help="only time the coder (no accuracy evaluation)")
    parser.add_argument("--errors", type=int, default=0, help="print N GSR misses")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = parser.parse_args(argv)
    data = shared_data(args.data)
    if not (data / "plover-gsr").exists():
        print(f"no evaluation data under {data}", file=sys.stderr)
        return 2
    nlp = load_pipeline(Settings().model)
    if args.speed_only:
        _write_speed(nlp, data, args.no_write)
        return 0
    gsr = eval_gsr(nlp, data, args.limit)
    petr = None if args.no_petrarch else eval_petrarch(nlp, data, args.limit)
    text = section(gsr, petr)
    print(text)
    if args.errors:
        print(Counter(gsr.plover_pairs).most_common(args.errors))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures(gsr, petr), indent=1) + "\n", encoding="utf-8")
    if not args.no_write:
        replace_section(EVALUATION, text)
    if args.speed:
        _write_speed(nlp, data, args.no_write)
    return 0


def _write_speed(nlp, data: Path, no_write: bool) -> None:
    """Time the coder against the parse; print the section and, unless ``no_write``, put it
    in docs/benchmarks.md."""
    speed = speed_section(nlp, data)
    print(speed)
    if not no_write:
        replace_section(BENCHMARKS, speed)


if __name__ == "__main__":
    raise SystemExit(main())
