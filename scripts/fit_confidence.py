"""Fit the event confidence model (eventwire/extract/scoring.py) on the real-news dev set.

Runs eventwire on the dev articles, records what the coder knew about each event (its
``Evidence``), labels each event against annotator A and annotator B (the matcher of
``eval_news_events.py``: core events against core gold, statements against statements; a tie
between two predictions for one gold event goes to the higher hand-set prior, which does not
depend on the weights being fitted) and fits a logistic regression whose target is the share of
the annotators who coded the event (0, 1/2 or 1: the mean per-annotator precision that
``eval_news_events.py`` reports). Writes ``src/eventwire/data/confidence.yaml``.

Only the dev split is ever used; the held-out split stays unseen. Re-run after changes to the
coder, then re-run ``eval_news_events.py --write-docs`` for the reliability table.

How the model is chosen (``--choose``, the default when no ``--spec`` is given):

* candidates: a few feature sets (the "known actor" level kept or merged into "coded with a
  country"; the uncoded participant levels kept or merged; statements with their own weights or
  sharing the acts'; participant levels monotone and modality flags only lowering, or free;
  weights capped or not) times a few L2 strengths;
* each is scored by **leave-one-article-out** cross-validation: the events of one article are
  scored by a model fitted on the other articles only, so an article's recurring actors never
  train the model that scores them; the loss is the pooled log loss of those held-out events;
* the simplest candidate (fewest weights, then the strongest L2) within one standard error of the
  best loss (articles as the clusters) is chosen: a small model that ranks unseen articles;
* calibration: the fitted part of the score (everything but the hand-set prior) is shrunk by a
  factor in [0, 1] and shifted, both fitted on the pooled held-out predictions, so that the
  probabilities hold on unseen articles (``shrink`` and ``shift`` in the file's note);
* the reliability bands of the held-out predictions (pooled over the folds, each article's
  calibration fitted without it, the cap of competing readings of one sentence replayed as the
  coder applies it, events under the output floor left out) are printed and, with
  ``--write-docs``, written to ``docs/evaluation.md``.

Usage: python scripts/fit_confidence.py [--choose | --spec NAME --l2 X] [--dry-run]
           [--write-docs] [--save-events FILE | --events FILE]
  --choose        grouped cross-validation over the candidates (``--choose-l2`` is the same)
  --spec NAME     fit one candidate feature set (see SPECS), with ``--l2``, no search
  --events FILE   read the recorded events of an earlier ``--save-events`` instead of running
                  eventwire (structural features, article ids and labels only: no text)
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

# Run as a file, the scripts folder is on sys.path.
from docs_sections import EVALUATION, replace_section

OFFSET = "_offset"  # the prior's logit: a fixed offset, not a fitted weight
OUT = Path(__file__).resolve().parents[1] / "src/eventwire/data/confidence.yaml"
SECTION = "## Confidence model: grouped cross-validation (AEB dev set)"
L2_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
BANDS = ((0.0, 0.4, "< 0.4"), (0.4, 0.6, "0.4-0.6"), (0.6, 0.8, "0.6-0.8"), (0.8, 1.01, ">= 0.8"))
STATEMENT = "statement:"
# participant levels, most certain first (scoring.Evidence); "alone" (an act that has no
# recipient) is no level of certainty and keeps a free weight of its own
LEVELS = ("known", "country", "actor", "named", "words", "none")
LOWERING_FLAGS = frozenset({"hedged", "alleged", "hypothetical", "negated", "speculative"})


# --- the recorded events -----------------------------------------------------------------------


@dataclass
class Example:
    """One event the coder scored while fitting: its features, the prior's logit, and, when it
    was output, its article and whether each annotator's gold has it."""

    features: dict[str, float]
    offset: float
    doc: str | None = None  # None: not output (dropped after scoring), only caps others
    core: bool = True  # CAMEO 02-20 (the events the reliability bands count)
    right: dict[str, int] = field(default_factory=dict)  # annotator -> 1/0 (coded articles)
    # the cap of competing readings (events._keep_prior_order): index of an event of the same
    # sentence -> how many steps below it this one ends up at most (0.001 per step)
    capped_by: dict[int, int] = field(default_factory=dict)
    # the article, also of an event not output that caps or is capped by an output one
    article: str | None = None

    @property
    def label(self) -> float | None:
        """The share of the annotators (who coded the article) that have the event."""
        return sum(self.right.values()) / len(self.right) if self.right else None


def collect() -> list[Example]:
    """Every event eventwire scores in the coded dev articles, with its labels."""
    import eval_news_events as news
    from news_gold import ANNOTATORS, load_articles, read_events_gold, split_ids

    import eventwire.extract.events as events_module
    from eventwire.extract.scoring import features, prior_logit

    examples: list[Example] = []
    priors: list[float] = []

    def record(evidence, weights=None):  # stands in for scoring.scored while fitting
        examples.append(Example(features(evidence), prior_logit(evidence)))
        priors.append(evidence.prior())
        # (the prior, and a confidence that carries the event's index)
        return evidence.prior(), len(examples) / 10**7

    def index(event) -> int:
        return round(event.confidence * 10**7) - 1

    cap = events_module._keep_prior_order

    def probe_cap(events, sentence_priors, judgements=frozenset()) -> None:
        """Which events of the sentence cap which, found by running the cap itself: one event
        at 0.5 and the others at 1.0, the events it pulls down end 0.001 below per step."""
        carried = [index(e) for e, _ in events]
        for k, held in enumerate(carried):
            for j, (event, _) in enumerate(events):
                event.confidence = 0.5 if j == k else 1.0
            cap(events, sentence_priors, judgements)
            for j, (event, _) in enumerate(events):
                if j != k and event.confidence <= 0.5:
                    examples[carried[j]].capped_by[held] = round((0.5 - event.confidence) * 1000)
        for (event, _), carry in zip(events, carried, strict=True):
            event.confidence = (carry + 1) / 10**7

    ids = split_ids("dev")
    articles = load_articles(ids)
    golds = {a: read_events_gold("dev", a, articles) for a in ANNOTATORS}
    coded = [i for i in ids if any(r["doc"] == i for rows in golds.values() if rows
                                    for r in rows)]
    original = events_module.scored, events_module._keep_prior_order
    events_module.scored, events_module._keep_prior_order = record, probe_cap
    try:
        results = news.run_eventwire([articles[i] for i in coded], min_confidence=0.0)
    finally:
        events_module.scored, events_module._keep_prior_order = original
    output = [item for doc in coded for item in news.predicted_items(results[doc])]
    index_of = [round(p.confidence * 10**7) - 1 for p in output]
    # ties between predictions for one gold event go to the higher prior (not the index)
    pred = [replace(p, confidence=priors[i]) for p, i in zip(output, index_of, strict=True)]
    for p, i in zip(pred, index_of, strict=True):
        examples[i].doc, examples[i].core = p.doc, p.root != "01"
    for annotator, rows in golds.items():
        if not rows:
            continue
        gold = news.gold_items(rows)
        docs = {g.doc for g in gold}
        for statements in (False, True):
            def tier(item, statements=statements) -> bool:
                return (item.root == "01") == statements

            g_items = [g for g in gold if tier(g)]
            p_index = [i for i, p in enumerate(pred) if tier(p) and p.doc in docs]
            for i in p_index:
                examples[index_of[i]].right[annotator] = 0
            for _, pi in news.match(g_items, [pred[i] for i in p_index]):
                examples[index_of[p_index[pi]]].right[annotator] = 1
    link_articles(examples)
    return examples


def link_articles(examples: list[Example]) -> None:
    """Set ``article``: the output events' own, and through the cap's links (one sentence) that
    of the events not output (an event linked to nothing affects no output event)."""
    for e in examples:
        e.article = e.doc
    changed = True
    while changed:
        changed = False
        for i, e in enumerate(examples):
            for other in e.capped_by:
                for a, b in ((i, other), (other, i)):
                    if examples[a].article is None and examples[b].article is not None:
                        examples[a].article = examples[b].article
                        changed = True


def save_examples(examples: list[Example], path: Path) -> None:
    rows = [{"features": e.features, "offset": e.offset, "doc": e.doc, "core": e.core,
             "right": e.right, "capped_by": e.capped_by} for e in examples]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rows) + "\n", encoding="utf-8")


def load_examples(path: Path) -> list[Example]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    examples = [Example(r["features"], r["offset"], r["doc"], r["core"], r["right"],
                        {int(k): v for k, v in r["capped_by"].items()}) for r in rows]
    link_articles(examples)
    return examples


# --- candidate feature sets --------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """A candidate model: how the coder's features (scoring.features) map to fitted weights.

    ``known``: keep "known" (a knowledge-base actor) apart from "country", or merge the two
    (the known actors of 20 articles are a handful of people, who identify articles).
    ``uncoded``: keep "named" and "words" apart, or merge them. ``statements``: "own" weights
    for plain statements (CAMEO 01), or "shared" with the acts (plus a bias of their own; how
    their target was found left out).
    ``monotone``: a participant found more certainly never lowers the confidence, and the
    modality flags (hedged, alleged, hypothetical, negated, speculative) only lower it.
    ``cap``: no weight but the biases beyond +-cap."""

    name: str
    known: str = "split"  # split | merge
    uncoded: str = "split"  # split | merge
    statements: str = "own"  # own | shared
    monotone: bool = False
    cap: float | None = None

    def levels(self) -> list[str]:
        """The participant levels this spec tells apart, most certain first."""
        out: list[str] = []
        for level in LEVELS:
            merged = self.merged(level)
            if merged not in out:
                out.append(merged)
        return out

    def merged(self, level: str) -> str:
        if level == "known" and self.known == "merge":
            return "country"
        if level in ("named", "words") and self.uncoded == "merge":
            return "uncoded"
        return level

    def columns(self, raw: str) -> dict[str, float]:
        """The model's columns (and values) that the coder's indicator ``raw`` stands for."""
        prefix = ""
        if raw.startswith(STATEMENT):
            raw = raw[len(STATEMENT):]
            prefix = STATEMENT if self.statements == "own" or raw == "bias" else ""
            if self.statements == "shared" and raw.startswith("target="):
                return {}  # a statement is told to whoever listens: its target says little
        side, _, level = raw.partition("=")
        if not level or level not in LEVELS:
            return {prefix + raw: 1.0}
        level = self.merged(level)
        if not self.monotone:
            return {f"{prefix}{side}={level}": 1.0}
        # cumulative steps above the least certain level, each with a weight >= 0
        ladder = self.levels()
        rank = ladder.index(level)
        return {f"{prefix}{side}>={above}": 1.0 for above in ladder[rank:-1]}

    def bounds(self, column: str) -> tuple[float, float]:
        base = column.removeprefix(STATEMENT)
        if base == "bias":
            return -math.inf, math.inf
        low, high = (-self.cap, self.cap) if self.cap else (-math.inf, math.inf)
        if self.monotone and ">=" in base:
            low = max(low, 0.0)
        if self.monotone and base in LOWERING_FLAGS:
            high = min(high, 0.0)
        return low, high


def _specs() -> list[Spec]:
    out = []
    for known in ("split", "merge"):
        for uncoded in ("split", "merge"):
            for statements in ("own", "shared"):
                for monotone in (False, True):
                    for cap in (None, 2.0):
                        name = (f"known-{known}/uncoded-{uncoded}/statements-{statements}/"
                                f"{'monotone' if monotone else 'free'}"
                                f"{f'/cap{cap:g}' if cap else ''}")
                        out.append(Spec(name, known, uncoded, statements, monotone, cap))
    return out


SPECS = {spec.name: spec for spec in _specs()}


# --- fitting -----------------------------------------------------------------------------------


@dataclass
class Design:
    """The examples as a matrix for one spec."""

    columns: list[str]
    x: np.ndarray
    offset: np.ndarray
    y: np.ndarray
    low: np.ndarray
    high: np.ndarray


def design(spec: Spec, examples: list[Example]) -> Design:
    rows = [_model_row(spec, e.features) for e in examples]
    columns = sorted({c for row in rows for c in row})
    position = {c: i for i, c in enumerate(columns)}
    x = np.zeros((len(rows), len(columns)))
    for r, row in enumerate(rows):
        for c, value in row.items():
            x[r, position[c]] += value
    bounds = [spec.bounds(c) for c in columns]
    return Design(columns, x, np.array([e.offset for e in examples]),
                  np.array([e.label if e.label is not None else 0.0 for e in examples]),
                  np.array([b[0] for b in bounds]), np.array([b[1] for b in bounds]))


def _model_row(spec: Spec, raw: dict[str, float]) -> dict[str, float]:
    row: dict[str, float] = {}
    for name, value in raw.items():
        for column, weight in spec.columns(name).items():
            row[column] = row.get(column, 0.0) + weight * value
    return row


def _loss(w: np.ndarray, x: np.ndarray, offset: np.ndarray, y: np.ndarray,
          penalty: np.ndarray) -> float:
    z = offset + x @ w
    # log(1 + e^z) - y z, stably
    return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * np.sum(penalty * w * w))


def fit_weights(x: np.ndarray, offset: np.ndarray, y: np.ndarray, penalty: np.ndarray,
                low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """L2-penalised logistic regression (labels in [0, 1]) with the weights kept within
    [low, high]: projected Newton steps with backtracking, on the free weights only."""
    w = np.clip(np.zeros(x.shape[1]), low, high)
    for _ in range(200):
        p = 1.0 / (1.0 + np.exp(-(offset + x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        stuck = ((w <= low + 1e-12) & (gradient > 0)) | ((w >= high - 1e-12) & (gradient < 0))
        free = ~stuck
        if not free.any() or np.abs(gradient[free]).max() < 1e-8:
            break
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.zeros_like(w)
        step[free] = np.linalg.solve(hessian[np.ix_(free, free)], gradient[free])
        before, t = _loss(w, x, offset, y, penalty), 1.0
        while True:
            moved = np.clip(w - t * step, low, high)
            if _loss(moved, x, offset, y, penalty) <= before - 1e-4 * gradient @ (w - moved) \
                    or t < 1e-6:
                break
            t /= 2
        done = np.abs(moved - w).max() < 1e-9
        w = moved
        if done:
            break
    return w


def fit(spec: Spec, examples: list[Example], l2: float) -> dict[str, float]:
    """The fitted weights of the model's columns."""
    d = design(spec, examples)
    penalty = np.array([0.0 if c.removeprefix(STATEMENT) == "bias" else l2 for c in d.columns])
    w = fit_weights(d.x, d.offset, d.y, penalty, d.low, d.high)
    return dict(zip(d.columns, (float(v) for v in w), strict=True))


def learned_part(spec: Spec, example: Example, weights: dict[str, float]) -> float:
    """What the fitted weights add to the prior's logit for one event."""
    return sum(weights.get(c, 0.0) * v for c, v in _model_row(spec, example.features).items())


def coder_weights(spec: Spec, weights: dict[str, float], raw_names: Iterable[str],
                  shrink: float = 1.0, shift: float = 0.0) -> dict[str, float]:
    """The weights per feature name of scoring.features (what the coder reads), calibrated:
    every fitted weight times ``shrink``, ``shift`` added to the acts' and statements' bias."""
    out = {}
    for raw in sorted(set(raw_names)):
        value = shrink * sum(weights.get(c, 0.0) * v for c, v in spec.columns(raw).items())
        if raw in ("bias", STATEMENT + "bias"):
            value += shift
        if abs(value) >= 5e-4:
            out[raw] = round(value, 3)
    return out


def confidence(offset: float, learned: float) -> float:
    """As scoring.confidence computes it (rounded, within 0.01-0.99)."""
    z = offset + learned
    return round(min(max(1.0 / (1.0 + math.exp(-z)), 0.01), 0.99), 3)


def capped(examples: list[Example], scores: list[float]) -> list[float]:
    """The confidences after the cap of competing readings of one sentence."""
    out = []
    for e, s in zip(examples, scores, strict=True):
        for other, steps in e.capped_by.items():
            s = min(s, round(scores[other] - 0.001 * steps, 3))
        out.append(max(s, 0.0))
    return out


# --- grouped cross-validation ------------------------------------------------------------------


@dataclass
class CrossValidation:
    """Held-out predictions of one candidate: each output event scored by the model fitted
    without its article."""

    spec: Spec
    l2: float
    learned: dict[int, float]  # example index -> fitted part of its logit (every scored event)
    loss: float  # mean log loss of the labelled events
    loss_se: float  # its standard error, articles as clusters
    size: int  # number of fitted weights (biases included)


def labelled(examples: list[Example]) -> list[int]:
    return [i for i, e in enumerate(examples) if e.doc is not None and e.label is not None]


def folds(examples: list[Example]) -> list[str]:
    """One fold per article (leave one article out)."""
    return sorted({examples[i].doc for i in labelled(examples)})


def cross_validate(spec: Spec, examples: list[Example], l2: float) -> CrossValidation:
    train_all = labelled(examples)
    learned: dict[int, float] = {}
    size = len(design(spec, [examples[i] for i in train_all]).columns)
    for doc in folds(examples):
        train = [examples[i] for i in train_all if examples[i].doc != doc]
        weights = fit(spec, train, l2)
        # every event of the article, output or not (a dropped one may cap an output one)
        for i, e in enumerate(examples):
            if e.article == doc:
                learned[i] = learned_part(spec, e, weights)
    losses: dict[str, list[float]] = {}
    for i in train_all:
        e = examples[i]
        z = e.offset + learned[i]
        # log loss with a soft label y: y log p + (1 - y) log(1 - p), from the logit
        loss = float(np.logaddexp(0.0, z) - e.label * z)
        losses.setdefault(e.doc, []).append(loss)
    total = sum(len(v) for v in losses.values())
    mean = sum(sum(v) for v in losses.values()) / total
    se = math.sqrt(sum((sum(v) - len(v) * mean) ** 2 for v in losses.values())) / total
    return CrossValidation(spec, l2, learned, mean, se, size)


def choose(examples: list[Example], specs: Iterable[Spec], l2_grid: Iterable[float] = L2_GRID,
           log=None) -> tuple[CrossValidation, list[CrossValidation]]:
    """Every candidate cross-validated; the chosen one: the fewest weights (then the strongest
    L2) among those within one standard error of the best loss."""
    runs = [cross_validate(spec, examples, l2) for spec in specs for l2 in l2_grid]
    best = min(runs, key=lambda r: r.loss)
    near = [r for r in runs if r.loss <= best.loss + best.loss_se]
    chosen = min(near, key=lambda r: (r.size, -r.l2, r.loss))
    if log:
        for r in sorted(runs, key=lambda r: r.loss)[:12]:
            log(f"  {r.loss:.4f} +- {r.loss_se:.4f}  {r.size:2d} weights  l2={r.l2:g}  "
                f"{r.spec.name}")
    return chosen, runs


def fit_shrink(offsets: np.ndarray, learned: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(shrink in [0, 1], shift): offset + shift + shrink * learned fits the labels best."""
    x = np.column_stack([np.ones_like(learned), learned])
    w = fit_weights(x, offsets, y, np.array([0.0, 1e-6]), np.array([-math.inf, 0.0]),
                    np.array([math.inf, 1.0]))
    return float(w[1]), float(w[0])


def calibrated_predictions(examples: list[Example], run: CrossValidation
                           ) -> tuple[list[float], tuple[float, float]]:
    """Held-out confidences of every event, calibrated per article by a shrink and shift
    fitted on the other articles' held-out predictions, then capped as the coder caps them;
    and the (shrink, shift) fitted on all held-out predictions (for the final model)."""
    train_all = labelled(examples)

    def shrink_without(doc: str | None) -> tuple[float, float]:
        use = [i for i in train_all if examples[i].doc != doc]
        return fit_shrink(np.array([examples[i].offset for i in use]),
                          np.array([run.learned[i] for i in use]),
                          np.array([examples[i].label for i in use]))

    per_doc = {doc: shrink_without(doc) for doc in folds(examples)}
    scores = []
    for i, e in enumerate(examples):
        shrink, shift = per_doc.get(e.article, (1.0, 0.0))
        scores.append(confidence(e.offset, shift + shrink * run.learned.get(i, 0.0)))
    return capped(examples, scores), shrink_without(None)


# --- reports -----------------------------------------------------------------------------------


def bands(examples: list[Example], scores: list[float], floor: float = 0.0,
          core_only: bool = True) -> dict[str, dict[str, tuple[int, int]]]:
    """Per band: annotator -> (events, matched), over the output events at or above ``floor``
    of the articles that annotator coded (core events only, as eval_news_events counts)."""
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for low, high, label in BANDS:
        cell: dict[str, tuple[int, int]] = {}
        for i, e in enumerate(examples):
            s = scores[i]
            if e.doc is None or (core_only and not e.core) or s < floor or not low <= s < high:
                continue
            for annotator, right in e.right.items():
                n, m = cell.get(annotator, (0, 0))
                cell[annotator] = (n + 1, m + right)
        out[label] = cell
    return out


def bands_table(table: dict[str, dict[str, tuple[int, int]]]) -> str:
    annotators = sorted({a for cell in table.values() for a in cell})
    head = "| confidence | " + " | ".join(f"n ({a}) | precision ({a})" for a in annotators)
    lines = [head + " | precision (mean) |",
             "|---|" + "---:|---:|" * len(annotators) + "---:|"]
    for label, cell in table.items():
        parts, shares = [], []
        for a in annotators:
            n, m = cell.get(a, (0, 0))
            parts.append(f"{n} | {m / n:.2f}" if n else "0 | -")
            if n:
                shares.append(m / n)
        mean = f"{sum(shares) / len(shares):.2f}" if shares else "-"
        lines.append(f"| {label} | " + " | ".join(parts) + f" | {mean} |")
    return "\n".join(lines)


def top_band(table: dict[str, dict[str, tuple[int, int]]]) -> tuple[float | None, int]:
    """Mean precision over the annotators at >= 0.8, and the events there."""
    cell = table[BANDS[-1][2]]
    shares = [m / n for n, m in cell.values() if n]
    return (sum(shares) / len(shares) if shares else None,
            max((n for n, _ in cell.values()), default=0))


def docs_section(chosen: CrossValidation, runs: list[CrossValidation], cv_table: str,
                 fit_table: str, shrink: float, shift: float, n_events: int, n_articles: int
                 ) -> str:
    ranked = sorted(runs, key=lambda r: r.loss)
    rows = "\n".join(f"| {r.spec.name} | {r.l2:g} | {r.size} | {r.loss:.4f} | {r.loss_se:.4f} |"
                     for r in ranked[:8])
    return f"""{SECTION}

Written by `python scripts/fit_confidence.py --choose --write-docs`. The confidence model
(`src/eventwire/data/confidence.yaml`) is chosen and calibrated by leave-one-article-out
cross-validation on the dev articles: each article's events are scored by a model fitted on
the other {n_articles - 1} articles only, so that the actors that recur within one article
never train the model that scores them. {n_events} output events; target: the share of the
annotators who coded the article that have the event. Candidates: {len({r.spec for r in runs})}
feature sets times L2 in {", ".join(f"{v:g}" for v in L2_GRID)}; the simplest within one
standard error of the best held-out log loss is kept (fewest weights, then strongest L2).
Best candidates (log loss of held-out events, standard error over articles):

| candidate | L2 | weights | log loss | s.e. |
|---|---:|---:|---:|---:|
{rows}

Chosen: `{chosen.spec.name}`, L2 {chosen.l2:g}, {chosen.size} weights. Calibration: the fitted
part of the logit times {shrink:.2f}, plus {shift:+.2f} (fitted on the pooled held-out
predictions).

Reliability of the held-out predictions (pooled over the 20 folds; each article's calibration
fitted without it; competing readings capped as the coder caps them; core events at or above
the output floor; precision = share an annotator matched). This is the estimate for unseen
articles:

{cv_table}

The same bands for the final model scored on the articles it was fitted on (what
`eval_news_events.py` reports on dev, optimistic by construction):

{fit_table}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--choose", "--choose-l2", dest="choose", action="store_true",
                        help="choose the feature set and L2 by leave-one-article-out CV")
    parser.add_argument("--spec", choices=sorted(SPECS), help="fit this candidate, no search")
    parser.add_argument("--l2", type=float, default=3.0, help="with --spec")
    parser.add_argument("--dry-run", action="store_true", help="print, write no file")
    parser.add_argument("--write-docs", action="store_true",
                        help="write the cross-validation section of docs/evaluation.md")
    parser.add_argument("--save-events", type=Path, help="write the recorded events to FILE")
    parser.add_argument("--events", type=Path, help="read recorded events instead of running")
    args = parser.parse_args(argv)
    from eventwire.settings import Settings

    def log(text: str) -> None:
        print(text, file=sys.stderr)

    examples = load_examples(args.events) if args.events else collect()
    if args.save_events:
        save_examples(examples, args.save_events)
    use = labelled(examples)
    floor = Settings().min_confidence
    log(f"{len(use)} events in {len(folds(examples))} articles, mean label "
        f"{sum(examples[i].label for i in use) / len(use):.2f} (dev)")
    if args.spec:
        run = cross_validate(SPECS[args.spec], examples, args.l2)
        runs = [run]
    else:
        log("leave-one-article-out log loss, best candidates:")
        run, runs = choose(examples, SPECS.values(), log=log)
    log(f"chosen: {run.spec.name}, l2={run.l2:g}, {run.size} weights, "
        f"log loss {run.loss:.4f} +- {run.loss_se:.4f}")
    scores, (shrink, shift) = calibrated_predictions(examples, run)
    cv = bands(examples, scores, floor)
    log(f"calibration: shrink {shrink:.3f}, shift {shift:+.3f}")
    log("held-out reliability (pooled over the folds, core events >= the output floor):")
    log(bands_table(cv))
    weights = fit(run.spec, [examples[i] for i in use], run.l2)
    raw_names = {name for e in examples for name in e.features}
    final = coder_weights(run.spec, weights, raw_names, shrink, shift)
    fitted_scores = capped(examples, [
        confidence(e.offset, sum(final.get(k, 0.0) * v for k, v in e.features.items()))
        for e in examples])
    in_sample = bands(examples, fitted_scores, floor)
    log("the final model on the articles it was fitted on:")
    log(bands_table(in_sample))
    if args.write_docs:
        replace_section(EVALUATION, docs_section(run, runs, bands_table(cv),
                                                 bands_table(in_sample), shrink, shift,
                                                 len(use), len(folds(examples))))
        log(f"wrote the section {SECTION!r} of {EVALUATION}")
    if args.dry_run:
        print(json.dumps(final, indent=1))
        return 0
    body = "\n".join(f"  {name}: {value}" for name, value in sorted(final.items()))
    precision, n_top = top_band(cv)
    OUT.write_text(
        "# Event confidence model (see eventwire/extract/scoring.py), written by\n"
        "# scripts/fit_confidence.py: logistic regression on the prior's logit (a fixed offset)\n"
        f"# and structural features, fitted on {len(use)} events of the real-news dev set\n"
        f"# ({len(folds(examples))} articles; target: the share of annotators A and B who have "
        "the event).\n"
        f"# Chosen by leave-one-article-out cross-validation: {run.spec.name}, l2={run.l2:g};\n"
        f"# calibrated on the held-out predictions: fitted part x {shrink:.3f}, "
        f"bias {shift:+.3f}.\n"
        f"# Held-out precision at confidence >= 0.8: "
        f"{'-' if precision is None else f'{precision:.2f}'} ({n_top} events). Do not edit by "
        "hand; re-fit.\nweights:\n" + body + "\n",
        encoding="utf-8",
    )
    log(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
