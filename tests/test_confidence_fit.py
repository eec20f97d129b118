"""The confidence model's fitting procedure (scripts/fit_confidence.py) on small synthetic sets.

No shared data and no spaCy model: the events are made up here as the script records them
(the coder's feature names, the prior's logit, the article, each annotator's verdict).
"""

from __future__ import annotations

import json
import math
import random
from types import SimpleNamespace

import fit_confidence as fc
import numpy as np
from fit_confidence import Example
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.extract.events import _keep_prior_order

FREE = fc.Spec("free")
MERGED = fc.Spec("merged", known="merge")
MONOTONE = fc.Spec("monotone", monotone=True)


def event(doc: str, right: int, source: str = "country", target: str = "country",
          offset: float = 0.0, flags: tuple[str, ...] = (), statement: bool = False) -> Example:
    prefix = "statement:" if statement else ""
    features = {f"{prefix}{name}": 1.0 for name in
                ("bias", f"source={source}", f"target={target}", *flags)}
    return Example(features, offset, doc=doc, core=not statement,
                   right={"A": right, "B": right}, article=doc)


def articles(count: int, known_right, seed: int = 7) -> list[Example]:
    """``count`` articles of 20 events: a target coded with a country is right 3 times in 4,
    bare words once in 10 (in every article alike); 5 events per article have a known source,
    right as ``known_right(article number, event number)`` says."""
    rng = random.Random(seed)
    out = []
    for a in range(count):
        doc = f"a{a}"
        for _ in range(8):
            out.append(event(doc, int(rng.random() < 0.75)))
        for _ in range(7):
            out.append(event(doc, int(rng.random() < 0.1), target="words"))
        for k in range(5):
            out.append(event(doc, known_right(a, k), source="known"))
    return out


def test_the_held_out_article_never_trains_its_own_predictions():
    examples = articles(6, lambda a, k: int(k < 3))
    before = fc.cross_validate(FREE, examples, 1.0)
    for e in examples:
        if e.doc == "a2":
            e.right = {name: 1 - v for name, v in e.right.items()}
    after = fc.cross_validate(FREE, examples, 1.0)
    mine = [i for i, e in enumerate(examples) if e.doc == "a2"]
    others = [i for i, e in enumerate(examples) if e.doc != "a2"]
    assert all(before.learned[i] == after.learned[i] for i in mine)
    assert any(abs(before.learned[i] - after.learned[i]) > 1e-6 for i in others)


def test_a_feature_that_only_identifies_articles_is_merged_away():
    # known sources are all right in half the articles and all wrong in the other half: an
    # article's own events say so, other articles do not
    examples = articles(12, lambda a, k: int(a % 2 == 0))
    chosen, runs = fc.choose(examples, [FREE, MERGED], l2_grid=(0.3, 3.0))
    assert chosen.spec is MERGED
    assert len(runs) == 4


def test_a_feature_that_holds_across_articles_is_kept():
    examples = articles(12, lambda a, k: 1)
    chosen, _ = fc.choose(examples, [FREE, MERGED], l2_grid=(0.3, 3.0))
    assert chosen.spec is FREE
    weights = fc.coder_weights(chosen.spec, fc.fit(chosen.spec, examples, chosen.l2),
                               {n for e in examples for n in e.features})
    assert weights["source=known"] > weights.get("source=country", 0.0) + 1.0


def test_monotone_levels_never_rank_a_less_certain_participant_higher():
    # named sources happen to be right more often than actors here: the monotone spec still
    # ranks known >= country >= actor >= named >= words >= none
    rng = random.Random(3)
    rates = {"known": 0.6, "country": 0.7, "actor": 0.2, "named": 0.5, "words": 0.1, "none": 0.3}
    examples = [event(f"a{i % 5}", int(rng.random() < rate), source=level)
                for level, rate in rates.items() for i in range(30)]
    names = {n for e in examples for n in e.features}
    free = fc.coder_weights(FREE, fc.fit(FREE, examples, 0.1), names)
    monotone = fc.coder_weights(MONOTONE, fc.fit(MONOTONE, examples, 0.1), names)
    assert free.get("source=named", 0) > free.get("source=actor", 0)  # what the data says
    ladder = [monotone.get(f"source={level}", 0.0) for level in fc.LEVELS]
    assert ladder == sorted(ladder, reverse=True)


def test_capped_steps_and_bias_are_left_free():
    spec = fc.Spec("capped", monotone=True, cap=1.0)
    examples = articles(4, lambda a, k: 1)
    weights = fc.fit(spec, examples, 0.01)
    assert all(-1.0 - 1e-9 <= v <= 1.0 + 1e-9 for c, v in weights.items() if c != "bias")
    assert spec.bounds("bias") == (-math.inf, math.inf)
    assert spec.bounds("source>=known")[0] == 0.0


def test_fit_weights_reaches_the_optimum_within_bounds():
    rng = np.random.default_rng(5)
    x = np.column_stack([np.ones(200), rng.integers(0, 2, size=(200, 3))]).astype(float)
    y = (rng.random(200) < 1 / (1 + np.exp(-(x @ np.array([-1.0, 2.0, -1.5, 0.5]))))).astype(float)
    penalty = np.array([0.0, 1.0, 1.0, 1.0])
    free = fc.fit_weights(x, np.zeros(200), y, penalty, np.full(4, -np.inf), np.full(4, np.inf))
    p = 1 / (1 + np.exp(-(x @ free)))
    assert np.abs(x.T @ (p - y) + penalty * free).max() < 1e-6  # gradient zero
    low, high = np.array([-np.inf, 0.0, -1.0, 0.0]), np.array([np.inf, 1.0, 0.0, 0.2])
    bounded = fc.fit_weights(x, np.zeros(200), y, penalty, low, high)
    assert np.all(bounded >= low - 1e-12) and np.all(bounded <= high + 1e-12)
    assert bounded[1] == 1.0  # the optimum lies beyond this bound
    p = 1 / (1 + np.exp(-(x @ bounded)))
    gradient = x.T @ (p - y) + penalty * bounded
    # optimal within the box: zero gradient inside, pointing outwards at a bound
    for w, g, lo, hi in zip(bounded, gradient, low, high, strict=True):
        if lo < w < hi:
            assert abs(g) < 1e-6
        else:
            assert (g >= -1e-9) if w == lo else (g <= 1e-9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["known", "country", "actor", "named", "words",
                                           "none"]),
                          st.sampled_from(["known", "country", "words", "none", "alone"]),
                          st.booleans(), st.booleans(), st.booleans()),
                min_size=1, max_size=12),
       st.sampled_from(sorted(fc.SPECS)), st.floats(0.0, 1.0), st.floats(-2.0, 2.0))
def test_the_coder_weights_give_the_model_logit(rows, spec_name, shrink, shift):
    spec = fc.SPECS[spec_name]
    examples = [event("a", 0, source, target, flags=("quoted",) if quoted else (),
                      statement=statement) for source, target, quoted, statement, _ in rows]
    rng = random.Random(len(rows))
    model = {c: rng.uniform(-2, 2) for e in examples for c in fc._model_row(spec, e.features)}
    names = {n for e in examples for n in e.features}
    coder = fc.coder_weights(spec, model, names, shrink, shift)
    for e in examples:
        expected = shift + shrink * fc.learned_part(spec, e, model)
        got = sum(coder.get(name, 0.0) * v for name, v in e.features.items())
        assert abs(got - expected) < 0.003 * len(e.features)  # (weights rounded to 0.001)


class _Token:
    def __init__(self, i: int, head: _Token | None = None) -> None:
        self.i, self.head = i, head
        # (no relative clause between two triggers: each governs what hangs below it)
        self.dep_ = "ROOT" if head is None else "dobj"

    def is_ancestor(self, other: _Token) -> bool:
        node = other.head
        while node is not None:
            if node is self:
                return True
            node = node.head
        return False


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([None, "x", "y", "z"]),
                          st.sampled_from([None, "x", "y", "z"]),
                          st.integers(1, 99), st.integers(1, 99), st.integers(0, 3)),
                min_size=1, max_size=6))
def test_the_replayed_cap_is_the_coders_cap(rows):
    """cap_links + capped give what events._keep_prior_order does to the same sentence."""
    root = _Token(0)
    tokens = [root] + [_Token(i, root) for i in range(1, 4)]

    def sentence():
        return [(SimpleNamespace(source=s, target=t, confidence=c / 100, cameo="042"),
                 tokens[k]) for s, t, _, c, k in rows]

    priors = [p / 100 for _, _, p, _, _ in rows]
    direct = sentence()
    _keep_prior_order(direct, priors)
    probed = sentence()
    links = fc.cap_links(_keep_prior_order, probed, priors)
    assert [e.confidence for e, _ in probed] == [c / 100 for _, _, _, c, _ in rows]
    examples = [Example({}, 0.0, capped_by=found) for found in links]
    replayed = fc.capped(examples, [c / 100 for _, _, _, c, _ in rows])
    assert replayed == [e.confidence for e, _ in direct]


def test_calibration_only_shrinks_towards_the_prior():
    examples = articles(6, lambda a, k: int(k < 2))
    run = fc.cross_validate(FREE, examples, 0.01)
    scores, (shrink, shift) = fc.calibrated_predictions(examples, run)
    assert 0.0 <= shrink <= 1.0
    assert len(scores) == len(examples) and all(0.0 <= s <= 1.0 for s in scores)
    table = fc.bands(examples, scores)
    assert sum(n for cell in table.values() for n, _ in [cell.get("A", (0, 0))]) == len(examples)


def test_events_round_trip_and_main_fits_from_them(tmp_path, capsys):
    examples = articles(5, lambda a, k: int(k < 3))
    examples.append(Example({"bias": 1.0, "source=none": 1.0, "target=none": 1.0}, -1.0,
                            capped_by={0: 1}))  # not output: capped nothing, caps event 0
    path = tmp_path / "events.json"
    fc.save_examples(examples, path)
    loaded = fc.load_examples(path)
    assert [(e.features, e.doc, e.right, e.capped_by) for e in loaded] == [
        (e.features, e.doc, e.right, e.capped_by) for e in examples]
    assert loaded[-1].article == "a0"  # through the event it is linked to
    spec = "known-split/uncoded-split/statements-own/free"
    assert fc.main(["--events", str(path), "--spec", spec, "--l2", "1", "--dry-run"]) == 0
    weights = json.loads(capsys.readouterr().out)
    assert "bias" in weights


def test_the_nested_run_scores_each_article_without_its_own_labels():
    examples = articles(5, lambda a, k: int(a % 2 == 0))
    before = fc.nested_predictions(examples, [FREE, MERGED], l2_grid=(1.0,))
    for e in examples:
        if e.doc == "a1":
            e.right = {name: 1 - v for name, v in e.right.items()}
    after = fc.nested_predictions(examples, [FREE, MERGED], l2_grid=(1.0,))
    mine = [i for i, e in enumerate(examples) if e.doc == "a1"]
    assert [before[i] for i in mine] == [after[i] for i in mine]
    assert before != after


def test_an_act_is_scored_by_its_root_and_a_plain_statement_is_not() -> None:
    from eventwire.extract.scoring import Evidence, features

    act = Evidence(match="verb", source="country", target="country", quad_class=4, root="19")
    assert features(act)["root=19"] == 1.0 and features(act)["quad=4"] == 1.0
    said = Evidence(match="statement", source="country", target="none", quad_class=1, root="01")
    assert not any("root=" in name for name in features(said))


def test_the_tense_and_the_purpose_of_the_trigger_s_clause_are_features() -> None:
    from eventwire.extract.events import _simple_present
    from eventwire.extract.scoring import Evidence, features
    from eventwire.extract.syntax import purpose
    from eventwire.nlp import load_pipeline
    from eventwire.settings import Settings

    nlp = load_pipeline(Settings())
    habit = nlp("Security forces who kill protesters go unpunished.")
    assert _simple_present(next(t for t in habit if t.lemma_ == "kill"))
    done = nlp("Security forces killed three protesters.")
    assert not _simple_present(next(t for t in done if t.lemma_ == "kill"))
    aim = nlp("Kenya sent troops to help the army.")
    assert purpose(next(t for t in aim if t.lemma_ == "help"))
    flagged = Evidence(match="verb", source="country", target="country", quad_class=3,
                       root="11", present=True, purpose=True)
    assert features(flagged)["present"] == features(flagged)["purpose"] == 1.0
