"""Fit the event confidence model (eventwire/extract/scoring.py) on the real-news dev set.

Runs eventwire on the dev articles, records what the coder knew about each event (its
``Evidence``), labels an event right when it matches an event of annotator A or B (the matcher
of ``eval_news_events.py``: core events against core gold, statements against statements), and
fits an L2-regularised logistic regression. Writes ``src/eventwire/data/confidence.yaml``.

Only the dev split is ever used; the held-out split stays unseen. Re-run after changes to the
coder, then re-run ``eval_news_events.py --write-docs`` for the reliability table.

Usage: python scripts/fit_confidence.py [--l2 3.0] [--dry-run] [--choose-l2]

``--choose-l2`` picks the regularisation by cross-validation over the dev articles (five folds of
whole articles, mean log loss of the held-out fold) among a few values, and fits with the best.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import eval_news_events as news
import numpy as np
from news_gold import ANNOTATORS, load_articles, read_events_gold, split_ids

OFFSET = "_offset"  # the prior's logit: a fixed offset, not a fitted weight
OUT = Path(__file__).resolve().parents[1] / "src/eventwire/data/confidence.yaml"


def collect() -> tuple[list[dict[str, float]], list[int], list[str]]:
    """(features, label) of every event eventwire codes in the dev articles."""
    import eventwire.extract.events as events_module
    from eventwire.extract.scoring import features, prior_logit

    recorded: list[dict[str, float]] = []

    def record(evidence, weights=None):  # stands in for scoring.scored while fitting
        recorded.append({**features(evidence), OFFSET: prior_logit(evidence)})
        # (the prior, and a confidence that carries the event's index)
        return evidence.prior(), len(recorded) / 10**7

    ids = split_ids("dev")
    articles = load_articles(ids)
    golds = {a: read_events_gold("dev", a, articles) for a in ANNOTATORS}
    coded = [i for i in ids if any(r["doc"] == i for rows in golds.values() if rows
                                    for r in rows)]
    original = events_module.scored, events_module._keep_prior_order
    events_module.scored = record
    # the cap of competing readings would overwrite the confidences that carry the indexes
    # (it only lowers confidences: the events are the same)
    events_module._keep_prior_order = lambda *args, **kwargs: None
    try:
        results = news.run_eventwire([articles[i] for i in coded], min_confidence=0.0)
    finally:
        events_module.scored, events_module._keep_prior_order = original
    pred = [item for doc in coded for item in news.predicted_items(results[doc])]
    right = [0] * len(pred)
    for rows in golds.values():
        if not rows:
            continue
        gold = news.gold_items(rows)
        docs = {g.doc for g in gold}
        for statements in (False, True):
            def tier(item, statements=statements) -> bool:
                return (item.root == "01") == statements

            g_items = [g for g in gold if tier(g)]
            p_index = [i for i, p in enumerate(pred) if tier(p) and p.doc in docs]
            for _, pi in news.match(g_items, [pred[i] for i in p_index]):
                right[p_index[pi]] = 1
    rows_x = [recorded[round(p.confidence * 10**7) - 1] for p in pred]
    return rows_x, right, [p.doc for p in pred]


def fit(rows: list[dict[str, float]], labels: list[int], l2: float) -> dict[str, float]:
    names = sorted({name for row in rows for name in row} - {OFFSET})
    x = np.array([[row.get(n, 0.0) for n in names] for row in rows])
    offset = np.array([row[OFFSET] for row in rows])
    y = np.array(labels, dtype=float)
    w = np.zeros(len(names))
    penalty = np.full(len(names), l2)
    penalty[names.index("bias")] = 0.0
    for _ in range(100):  # Newton steps
        p = 1.0 / (1.0 + np.exp(-(offset + x @ w)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {n: round(float(v), 3) for n, v in zip(names, w, strict=True) if abs(v) >= 5e-4}


def score(row: dict[str, float], weights: dict[str, float]) -> float:
    z = row[OFFSET] + sum(weights.get(k, 0.0) * v for k, v in row.items() if k != OFFSET)
    return float(1.0 / (1.0 + np.exp(-z)))


def cross_validated_loss(rows: list[dict[str, float]], labels: list[int], docs: list[str],
                         l2: float, folds: int = 5) -> float:
    """Mean log loss of the events of held-out articles (folds of whole articles, so that
    one article's events never train the model that scores them)."""
    order = sorted(set(docs))
    fold_of = {doc: i % folds for i, doc in enumerate(order)}
    losses = []
    for fold in range(folds):
        train = [i for i, d in enumerate(docs) if fold_of[d] != fold]
        test = [i for i, d in enumerate(docs) if fold_of[d] == fold]
        if not test or not any(labels[i] for i in train):
            continue
        weights = fit([rows[i] for i in train], [labels[i] for i in train], l2)
        for i in test:
            p = min(max(score(rows[i], weights), 1e-6), 1 - 1e-6)
            losses.append(-np.log(p if labels[i] else 1 - p))
    return float(np.mean(losses))


def reliability(rows, labels, weights) -> str:
    from eventwire.extract import scoring

    lines = ["| confidence | events | right |", "|---|---:|---:|"]
    scores = [1 / (1 + np.exp(-r[OFFSET] - sum(weights.get(k, 0) * v for k, v in r.items()
                                               if k != OFFSET))) for r in rows]
    del scoring
    for low, high in ((0, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01)):
        band = [y for s, y in zip(scores, labels, strict=True) if low <= s < high]
        share = f"{sum(band) / len(band):.2f}" if band else "-"
        lines.append(f"| {low:.1f}-{min(high, 1):.1f} | {len(band)} | {share} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--l2", type=float, default=3.0)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--choose-l2", action="store_true",
                        help="choose --l2 by cross-validation over whole dev articles")
    args = parser.parse_args(argv)
    rows, labels, docs = collect()
    if args.choose_l2:
        losses = {l2: cross_validated_loss(rows, labels, docs, l2)
                  for l2 in (0.1, 0.3, 1.0, 3.0, 10.0)}
        for l2, loss in losses.items():
            print(f"l2={l2}: cross-validated log loss {loss:.4f}", file=sys.stderr)
        args.l2 = min(losses, key=losses.get)
    weights = fit(rows, labels, args.l2)
    print(f"{len(rows)} events, {sum(labels)} right (dev, A or B)", file=sys.stderr)
    print(reliability(rows, labels, weights), file=sys.stderr)
    if args.dry_run:
        print(weights)
        return 0
    body = "\n".join(f"  {name}: {value}" for name, value in sorted(weights.items()))
    OUT.write_text(
        "# Event confidence model (see eventwire/extract/scoring.py), written by\n"
        "# scripts/fit_confidence.py: L2-regularised logistic regression (l2="
        f"{args.l2}) on {len(rows)} events\n# of the real-news dev set ({sum(labels)} matched an "
        "annotator's event). Do not edit by hand; re-fit.\nweights:\n" + body + "\n",
        encoding="utf-8",
    )
    print(f"wrote {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
