"""Whom an act is aimed at when no rule found anyone: a choice among the actors its sentence
names, by a fitted model.

The rules of :mod:`event_participants` and :mod:`event_implied` read a target from the parse
(an object, "against X") or from the story (the doer's counterpart, the story's state). When
they find none, the gate drops the act (most codes need a target), though annotators have
coded it with a target named in the same sentence about one time in seven on the dev sets.
Which actor, and when, is learned rather than written as rules: each actor of the sentence that
may be aimed at is an option with structural features (where it stands from the trigger, its
dependency label and preposition, whether the trigger governs it or it is the subject of what
the act says, its kind and sector, whether it shares the doer's country), and so is "no one"
(with the act's root and QuadClass, how the trigger was matched, its modality, how many actors
there are). A conditional logit scores the options; the best actor is kept when it beats "no
one", which it does only where the dev sets show a right target is likely enough to be worth a
false event let through.

The features are structural, never words of a text (a preposition's own word is a feature, as
in a dependency label). The weights live in ``data/target_choice.yaml``;
``scripts/fit_target_choice.py`` fits them on the real-news dev sets and writes the file. A
user can replace it (``Settings.target_model``, ``EVENTWIRE_TARGET_MODEL``); a file with no
weights turns the choice off.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.extract.codes import lookup
from eventwire.extract.event_candidates import Candidate, Party
from eventwire.extract.event_context import EventContext
from eventwire.extract.event_implied import may_be_aimed_at, modified_noun, tells_of_act
from eventwire.extract.syntax import SUBJECTS, clause_of

__all__ = ["TargetOption", "choose_target", "chosen_option", "target_options"]

# dependency labels of an option's noun, as the features group them
_DEP_GROUPS = {"nsubj": "subj", "nsubjpass": "subj", "csubj": "subj", "dobj": "dobj",
               "pobj": "pobj", "conj": "conj", "appos": "appos", "poss": "poss",
               "attr": "attr", "npadvmod": "other", "dative": "dobj"}
# the child clauses of a verb that tell what it says or aims at
_SAID = {"ccomp", "parataxis", "xcomp", "advcl"}


@dataclass(frozen=True)
class TargetOption:
    """One choice of target: an actor of the sentence (``party``) or no one (``None``)."""

    party: Party | None
    features: dict[str, float]


def _at_or_under(upper: Token, lower: Token) -> bool:
    """Whether ``upper`` is ``lower`` or one of its ancestors."""
    token = lower
    while True:
        if token.i == upper.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head


def _distance_band(distance: int) -> str:
    return "1-3" if distance <= 3 else "4-8" if distance <= 8 else (
        "9-15" if distance <= 15 else "16+")


@dataclass(frozen=True)
class _ActFacts:
    """What every option of one act's choice reads about the act, found once."""

    quad: int  # its QuadClass
    said: list[Token]  # the clauses that tell what it says or aims at
    doer_countries: set[str]
    dealt_with: set[str | None]  # whom its doers have dealt with earlier in the story


def _actor_features(ctx: EventContext, candidate: Candidate, token: Token, rank: int,
                    first_after: bool, act: _ActFacts) -> dict[str, float]:
    """The features of an actor named at ``token`` as the target of ``candidate``."""
    trigger = candidate.trigger
    cluster = ctx.actor_of[token.i]
    noun = modified_noun(token)
    base = [f"pos={'after' if token.i > trigger.i else 'before'}",
            f"dist={_distance_band(abs(token.i - trigger.i))}",
            f"dep={_DEP_GROUPS.get(noun.dep_, 'other')}", f"kind={cluster.kind}"]
    if noun.i != token.i:
        base.append("modifier")
    if noun.dep_ == "pobj":
        base.append(f"prep={noun.head.lower_}")
        if noun.head.head.i == trigger.i:
            base.append("prep_on_trigger")
    if noun.head.i == trigger.i and noun.i != trigger.i:
        base.append("of_trigger")
    elif _at_or_under(trigger, token):
        base.append("under_trigger")
    elif _at_or_under(token.head, trigger) and noun.dep_ in SUBJECTS:
        base.append("subject_above")
    if any(_at_or_under(c, token) for c in act.said):
        base.append("in_what_is_said")
    if noun.dep_ in SUBJECTS and noun.head.i != trigger.i:
        # (not of a reporting verb: whoever tells of the act is no option)
        base.append("subject_elsewhere")
    if noun.dep_ == "dobj" and noun.head.i != trigger.i:
        base.append("object_elsewhere")
    if rank == 0:
        base.append("nearest")
    if first_after:
        base.append("first_after")
    if ctx.inside_quote(token.idx) != ctx.inside_quote(trigger.idx):
        base.append("quote_differs")
    extra = [f"sector={cluster.sector or 'none'}"]
    if cluster.country is None:
        extra.append("no_country")
    elif cluster.country in act.doer_countries:
        extra.append("same_country")
    elif cluster.country == ctx.story_country:
        extra.append("story_country")  # (another country's act on the story's state)
    if cluster.id in act.dealt_with:
        extra.append("dealt_with")  # the doers have dealt with it before in the story
    features = {name: 1.0 for name in [*base, *extra]}
    features.update({f"q{act.quad}|{name}": 1.0 for name in base})
    return features


def _accusers(ctx: EventContext, candidate: Candidate) -> set[str]:
    """Who alleges an alleged act ("Musk blamed Ukraine for refusing to negotiate, a charge he
    repeated"): the subjects of the verbs of accusing above it, never whom it is aimed at."""
    if not candidate.alleged:
        return set()
    found: set[str] = set()
    verb = candidate.trigger
    while verb.head.i != verb.i:
        verb = verb.head
        if verb.lemma_.lower() in ctx.words.accusing_verbs or (
                verb.lemma_.lower() in ctx.words.alleging):
            found |= {cluster.id for c in verb.children if c.dep_ in SUBJECTS
                      if (cluster := ctx.actor_of.get(c.i)) is not None}
    return found


def _not_aimed_at(ctx: EventContext, candidate: Candidate) -> list[Token]:
    """The parts of the sentence whose actors a judgement or an act is not aimed at: what a
    clause tells of its doer ("criticised by Latvian officials, who argued that it had
    protected Russian warships"), and who takes up an act named as an object ("France supported
    Ukraine's calls for sanctions"); and, for a judgement, whom a thing it judges was done to or
    who only dealt with it ("condemned the attack on Israel", "criticised the plan that Israel
    rejected"; its owner is the rules' to find: "Israel's plan"), and who faces a thing judged
    in a relative clause ("Serbia faces tariffs which the Commission criticised")."""
    trigger = candidate.trigger
    parts = [c for p in candidate.sources if p.named for c in p.token.children
             if c.dep_ in {"relcl", "acl"}]
    # (nor who the doers' phrase says they are: "the governments of Turkey and Kenya")
    parts += [c for p in candidate.sources if p.named and p.token.dep_ in SUBJECTS
              for c in p.token.children if c.dep_ == "prep" and c.lower_ == "of"]
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
        # an act named as what another verb acts on: that verb's subject takes it up (the
        # rules read an answer: "Israel rejected Hamas's demands"), it is not whom it is aimed
        # at ("France supported Ukraine's calls for sanctions")
        parts += [c for c in trigger.head.children if c.dep_ in SUBJECTS]
    # what an act of the same doer coordinated before the trigger's is done to ("imposed a
    # curfew, deployed soldiers and shut down the internet": no one shuts down the soldiers;
    # not another doer's: "urged Dakar to ..., and the EU expressed concern")
    clause = clause_of(trigger)
    own_subject = any(c.dep_ in SUBJECTS for c in clause.children)
    earlier = []
    verb = clause
    while not own_subject and verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
        earlier += [verb, *(c for c in verb.children if c.dep_ == "conj" and c.i < clause.i)]
    parts += [c for v in earlier for c in v.children if c.dep_ in {"dobj", "dative"}]
    if candidate.code[:2] in ctx.words.voiced_roots:
        parts += [g for c in trigger.children if c.dep_ == "dobj" for g in c.children
                  if g.dep_ in {"prep", "relcl", "acl"}]
        if trigger.dep_ == "relcl":
            parts += [c for c in trigger.head.head.children if c.dep_ in SUBJECTS]
    return parts


def target_options(ctx: EventContext, candidate: Candidate) -> list[TargetOption]:
    """The options for the target of ``candidate``: each actor named in its sentence that may be
    aimed at (not a doer, its accuser, a place nor a news outlet), at its mention the trigger
    governs or else the nearest; then no one (last). No options for a protest, a show of force,
    a threat or an act told as a time (the rules' to read)."""
    trigger = candidate.trigger
    if (candidate.code[:2] in ctx.words.recipientless_roots
            or candidate.code[:2] in ctx.words.posture_roots or candidate.subordinate
            or candidate.code[:2] == ctx.words.threat_root):
        # (a protest names no recipient the rules did not find: "chanting 'Russia out'"; nor
        # does a show of force: "deploy army units onto the former British colony"; nor an act
        # told as a time beside the news: "surrendered following a government offensive"; a
        # warning's target is whom it says something will befall, as the rules read it)
        return []
    own = {p.actor for p in candidate.sources} | _accusers(ctx, candidate)
    outside = _not_aimed_at(ctx, candidate)
    mentions: dict[str, list[Token]] = {}
    for token in ctx.tokens[trigger.sent.start:trigger.sent.end]:
        cluster = ctx.actor_of.get(token.i)
        if not may_be_aimed_at(cluster, own) or token.i in ctx.dateline or any(
                _at_or_under(part, token) for part in outside):
            continue  # (nor a place: "a condemnation in Tehran")
        if token.head.i != token.i and ctx.actor_of.get(token.head.i) is cluster:
            continue  # not the head of its mention
        if candidate.start <= token.i < candidate.end:
            continue  # the trigger's own words
        mentions.setdefault(cluster.id, []).append(token)
    # (not whoever tells of the act: "..., the US military said", as nearest_actor)
    for actor in [a for a, tokens in mentions.items() if any(
            tells_of_act(ctx, t) and modified_noun(t).head.i != trigger.i for t in tokens)]:
        del mentions[actor]
    nearest: dict[str, tuple[int, Token]] = {}
    for actor, tokens in mentions.items():
        # the mention the trigger governs, else the nearest ("a charge he repeated" is Musk's
        # own: "Musk blamed Ukraine for ..." tells he is the accuser)
        governed = [t for t in tokens if _at_or_under(trigger, t)] or tokens
        token = min(governed, key=lambda t: abs(t.i - trigger.i))
        nearest[actor] = (abs(token.i - trigger.i), token)
    doers = {p.actor for p in candidate.sources if p.actor}
    act = _ActFacts(
        quad=lookup(candidate.code).quad_class,
        said=[c for c in trigger.children if c.dep_ in _SAID],
        doer_countries={getattr(ctx.cluster(p), "country", None)
                        for p in candidate.sources} - {None},
        dealt_with={party.actor for _i, _quad, actor, party in ctx.dealings if actor in doers})
    ranked = sorted(nearest.items(), key=lambda item: item[1][0])
    after = [actor for actor, (_d, token) in ranked if token.i > trigger.i]
    options: list[TargetOption] = []
    for rank, (actor, (_distance, token)) in enumerate(ranked):
        features = _actor_features(ctx, candidate, token, rank, bool(after) and
                                   actor == after[0], act)
        for other in mentions[actor]:
            # what its other mentions in the sentence are: who accuses the act ("he")
            noun = modified_noun(other)
            if other.i != token.i and noun.dep_ in SUBJECTS and _at_or_under(noun.head, trigger):
                features["also_subject_above"] = 1.0
        options.append(TargetOption(Party(actor, token.text, True, token), features))
    count = len(options)
    nobody = ["none", f"none|q{act.quad}",
              f"none|root={candidate.code[:2]}", f"none|match={candidate.match}",
              f"none|n={count if count < 3 else '3+'}"]
    if trigger.pos_ == "NOUN":
        nobody.append("none|noun")
    nobody += [f"none|{name}" for name in ("alleged", "hedged", "aim", "hypothetical")
               if getattr(candidate, name)]
    options.append(TargetOption(None, {name: 1.0 for name in nobody}))
    return options


def chosen_option(features: list[dict[str, float]], weights: dict[str, float]) -> int:
    """The index of the option chosen among options of these ``features`` (no one last): the
    best-scoring actor when it beats no one, else no one."""
    scores = [sum(weights.get(name, 0.0) * value for name, value in option.items())
              for option in features]
    best = max(range(len(scores) - 1), key=scores.__getitem__, default=None)
    return best if best is not None and scores[best] > scores[-1] else len(scores) - 1


def _best(candidate: Candidate, options: list[TargetOption], weights: dict[str, float]
          ) -> Party | None:
    del candidate  # (the fitting script's stand-in records it)
    if len(options) < 2 or not weights:
        return None
    return options[chosen_option([option.features for option in options], weights)].party


# how the choice is made from the options (the fitting script records them in its place)
decide: Callable[[Candidate, list[TargetOption], dict[str, float]], Party | None] = _best


def choose_target(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """The target the model chooses among the actors of ``candidate``'s sentence, or none."""
    chosen = decide(candidate, target_options(ctx, candidate), ctx.target_weights)
    return [chosen] if chosen is not None else []
