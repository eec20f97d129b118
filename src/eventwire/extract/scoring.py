"""How far to trust an event: a logistic model over what the coder knows about it.

The features are structural, never words of a text: how the trigger was matched (a dictionary
verb, a wrapper such as "urged ... to", an event noun, a word-vector neighbour ...), how each
participant was found (a coded actor with a country, an actor, a name the actors stage did not
keep, bare words, nobody), the event's modality (hedged, alleged, hypothetical, negated), whether
it sits in a time clause, is the aim of another act or comes from inside a quote, whether its
target was inferred from the doer's earlier dealings, whether its clause is in the simple
present or is an infinitive of purpose, and, for acts (not plain statements), its
QuadClass, its CAMEO root and the kind of clause its trigger sits in (main, reported,
coordinated, other); and,
as a fixed offset, the hand-set prior that ranked events before the model was fitted.

The weights live in ``data/confidence.yaml``; ``scripts/fit_confidence.py`` fits them on the
real-news dev set (an event is right when it matches an annotator's event) and writes the file,
so that the reliability table in ``docs/evaluation.md`` holds for the published confidence. A
user can replace the file (``Settings.confidence_model``, ``EVENTWIRE_CONFIDENCE_MODEL``) with
weights fitted on their own gold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from eventwire.data import load_yaml

__all__ = ["STATEMENT_MATCHES", "Evidence", "confidence", "features", "load_target_weights",
           "load_weights", "prior_logit", "scored"]

# the kinds of match of a plain statement (CAMEO 01), dropped when its speaker or its trigger
# is a firm act's in the same sentence (events.extract_events)
STATEMENT_MATCHES = frozenset({"statement", "comment"})

# the hand-set starting score of each kind of trigger match (the prior feature)
_PRIOR = {"verb": 0.8, "wrapper": 0.8, "light": 0.75, "evaluative": 0.6, "statement": 0.4,
          "comment": 0.3, "noun": 0.55, "act": 0.7, "vector": 0.45, "petrarch": 0.5}


@dataclass(frozen=True)
class Evidence:
    """What the coder knows about one event when it scores it."""

    match: str  # verb, wrapper, light, evaluative, statement, comment, noun, act, vector
    # how each participant was found, from most to least certain: known (a knowledge-base actor
    # with a country), country (a coded actor with a country), actor, named (a name the actors
    # stage did not keep), words, none; a target may also be "alone": none, for an act that
    # has no recipient ("protesters marched")
    source: str
    target: str
    quad_class: int
    hedged: bool = False
    alleged: bool = False
    hypothetical: bool = False
    negated: bool = False
    subordinate: bool = False
    speculative: bool = False  # a modal or conditional act only the writer tells
    aim: bool = False
    quoted: bool = False
    same_country: bool = False  # source and target coded with one country
    inferred: bool = False  # the target is the doer's counterpart in the sentences before
    # told in the simple present with no auxiliary ("security forces who kill protesters",
    # "Kigali denies the claims"): often a habit or a standing position, less often a dated act
    present: bool = False
    purpose: bool = False  # an infinitive of purpose ("summoned the envoy to protest")
    # the kind of clause the trigger sits in: main (the sentence's own), reported (what a
    # verb says: "said that ..."), coordinated (a second verb: "... and attacked"), other
    clause: str = "main"
    root: str = ""  # the CAMEO root (acts only: "19"); some kinds of act are more often right

    def prior(self) -> float:
        """The hand-set score that ranked events before the model (kept as a feature)."""
        score = _PRIOR.get(self.match, 0.5)
        if self.source == "none":
            score -= 0.2
        for kind in (self.source, self.target):
            score += {"none": -0.12, "known": 0.07, "country": 0.07, "actor": 0.07,
                      "named": 0.03, "alone": 0.0}.get(
                kind, -0.05)
        if self.alleged:
            score -= 0.45
        elif self.hedged:
            score -= 0.1
        score -= 0.1 * self.subordinate + 0.2 * self.aim + 0.1 * self.inferred
        score *= 0.5 ** (self.hypothetical + self.negated)
        return min(max(score, 0.01), 0.99)


def features(evidence: Evidence) -> dict[str, float]:
    """The model's inputs: named indicator features and the prior."""
    # The kind of trigger match enters through the prior only: on the few hundred events of
    # the dev set, free weights per match kind reorder the acts of one sentence (an act below
    # the statement that reports it), which the single-sentence evaluations punish.
    found = {
        "bias": 1.0,
        f"source={evidence.source}": 1.0,
        f"target={evidence.target}": 1.0,
    }
    for flag in ("hedged", "alleged", "hypothetical", "negated", "subordinate", "speculative",
                 "aim", "quoted", "same_country", "inferred", "present", "purpose"):
        if getattr(evidence, flag):
            found[flag] = 1.0
    if evidence.match in STATEMENT_MATCHES:
        # plain statements (CAMEO 01) are right or wrong for other reasons than acts: their
        # own weights
        return {f"statement:{name}": value for name, value in found.items()}
    # how right an act is differs by its kind and by its clause's (measured on the dev sets:
    # acts in reported or coordinated clauses, and cooperation, are less often right); the
    # root beside the QuadClass ranked the events of the two newest written sets, which no fit
    # saw, better (more events at >= 0.8, at the same or a higher precision)
    found[f"quad={evidence.quad_class}"] = 1.0
    found[f"clause={evidence.clause}"] = 1.0
    if evidence.root:
        found[f"root={evidence.root}"] = 1.0
    return found


def _read_weights(bundled: str, path: str | None, required: bool = True) -> dict[str, float]:
    """The mapping ``weights`` of the file ``path``, else of the bundled data file ``bundled``
    (a file may have none when ``required`` is false: no weights)."""
    path = path or None
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) if path else load_yaml(bundled)
    weights = data.get("weights") if isinstance(data, dict) else None
    if weights is None and not required:
        return {}
    if not isinstance(weights, dict) or not all(
            isinstance(v, int | float) for v in weights.values()):
        raise ValueError(f"{path or bundled}: expected a mapping 'weights' of numbers")
    return {str(k): float(v) for k, v in weights.items()}


@cache
def load_weights(path: str | None = None) -> dict[str, float]:
    """The fitted weights: those of the file ``path`` (``Settings.confidence_model``,
    ``EVENTWIRE_CONFIDENCE_MODEL``), else the bundled ones."""
    return _read_weights("confidence.yaml", path)


@cache
def load_target_weights(path: str | None = None) -> dict[str, float]:
    """The target-choice model's weights (:mod:`eventwire.extract.target_choice`): those of the
    file ``path`` (``Settings.target_model``, ``EVENTWIRE_TARGET_MODEL``), else the bundled
    ones."""
    return _read_weights("target_choice.yaml", path, required=False)


def prior_logit(evidence: Evidence) -> float:
    """The prior as a fixed offset of the model: the fitted weights adjust it, so the ranking
    of one sentence's events by their kind of match survives unless the evidence says more."""
    prior = evidence.prior()
    return math.log(prior / (1.0 - prior))


def confidence(evidence: Evidence, weights: dict[str, float] | None = None) -> float:
    """The probability that the event is right, as the fitted model gives it (0.01-0.99)."""
    weights = load_weights() if weights is None else weights
    z = prior_logit(evidence) + sum(
        weights.get(name, 0.0) * value for name, value in features(evidence).items())
    return round(min(max(1.0 / (1.0 + math.exp(-z)), 0.01), 0.99), 3)


def scored(evidence: Evidence, weights: dict[str, float]) -> tuple[float, float]:
    """``(evidence.prior(), confidence(evidence, weights))``, remembered per weights mapping:
    the coder scores the same few kinds of evidence over and over. (The mapping is kept with
    its answers, so that its id stays its own; it must not change once in use, as the one
    :func:`load_weights` gives does not.)"""
    held = _scored.get(id(weights))
    if held is None or held[0] is not weights:
        if len(_scored) >= 8:  # (weights are a setting: a run has one or two)
            _scored.clear()
        held = _scored[id(weights)] = (weights, {})
    answers = held[1]
    found = answers.get(evidence)
    if found is None:
        if len(answers) >= 100_000:
            answers.clear()
        found = answers[evidence] = (evidence.prior(), confidence(evidence, weights))
    return found


# scored's answers: weights id -> (the weights, evidence -> (prior, confidence))
_scored: dict[int, tuple[dict[str, float], dict[Evidence, tuple[float, float]]]] = {}
