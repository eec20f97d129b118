"""The gate an event passes before it is reported: a participant that is an actor or a named
entity, a doer that acts for others (or a crowd), two sides that are not one state, no sport,
and a target unless its code is about acting alone (protest, mobilise, withdraw, appeals) or
a political actor's act PLOVER codes without a recipient; no cooperation between private persons;
violence with a victim and no named doer passes unless the sentence says it was a mishap."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventwire.extract.codes import lookup
from eventwire.extract.event_candidates import Candidate, Party
from eventwire.extract.event_context import EventContext
from eventwire.extract.event_participants import (
    is_political,
    names_both,
    one_state,
    through_modifier,
)
from eventwire.extract.event_words import EventWords

if TYPE_CHECKING:  # the actors are reached through the context; this is only their type
    from eventwire.nlp.components import ActorCluster

__all__ = ["passes"]


def passes(
    ctx: EventContext, candidate: Candidate, source: Party | None, target: Party | None
) -> bool:
    """Whether the event of ``candidate`` between ``source`` and ``target`` (either may be
    missing) is one to report."""
    if ctx.tells_game(candidate.trigger) and not any(
            p is not None and _political_in_game(ctx.cluster(p), ctx.words)
            for p in (source, target)):
        return False  # "Nelson fired a shot at the goaltender": a game, even between nations
    if source is None:
        # "three soldiers were killed": violence with a victim but no named doer is still
        # an act of violence, unless the sentence says it was a mishap
        return _doerless_violence(ctx, candidate, target)
    if target is not None and source.key == target.key and (
            # (one mention on both sides: "the talks, mediated by Norway" are no one Norway
            # mediates between)
            source.token.i == target.token.i or target.token.is_ancestor(source.token)
            # ("closed the crossing between the two countries": the doer is one of the two)
            or names_both(target.token)
            # ("fired on its positions": a thing "its" gives the doer is no domestic target)
            or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in target.token.children)
            or getattr(ctx.cluster(source), "kind", None) == "person" or not (
                through_modifier(ctx, source) or through_modifier(ctx, target))):
        # ("Croatia investigated Croatian extremists" is domestic, and kept; a person never
        # acts on themself: "she spoke of her late nephew" is no act of the nephew's aunt's)
        return False
    if candidate.code[:2] in ctx.words.force_roots and getattr(
            ctx.cluster(source), "kind", None) == "location" and not (
            # (a place named as the act's own subject stands for its rulers: "the Hermit
            # Kingdom fired two shells")
            source.token.dep_ == "nsubj" and source.token.head == candidate.trigger):
        # "the earthquake in Manabi province, which killed 600", "relations poisoned by a
        # dispute over the dam on the Blue Nile": a place harms no one (the parser found the
        # doer's words in the wrong phrase)
        return False
    if target is not None and one_state(ctx, source, target):
        return False  # "India ... New Delhi": a country and its capital are one actor
    if candidate.code[:2] == "14" and getattr(
            ctx.cluster(source), "sector", None) in ctx.words.force_sectors:
        return False  # "the army took to the streets": a show of force, no protest
    if candidate.code[:2] == "15" and _private(ctx, source):
        return False  # "he amassed a library fine": a private person shows no force
    # crowds act without names: "thousands of workers marched", "students rioted"
    crowd = candidate.code[:2] == "14" and _is_people(source.token, ctx.words)
    # an unnamed doer must at least be one that acts for others ("police", "rebels")
    if not (source.named or crowd or source.token.lemma_.lower() in ctx.words.agents):
        # "a roadside bomb killed two soldiers": the weapon is no doer, the act stands
        return _doerless_violence(ctx, candidate, target)
    if not (source.named or (target and target.named)):
        return False
    if (candidate.code[:2] == "04" and target is not None and not target.named
            and target.token.lemma_.lower() not in ctx.words.agents
            and target.token.lemma_.lower() not in ctx.words.people):
        if candidate.code[:3] not in {"045", "046"}:
            return False  # "visited a school", "met reporters": no one to consult
        target = None  # "brokered a ceasefire": mediation needs no named recipient
    if candidate.code[:2] == "04" and any(
            p is not None and getattr(ctx.cluster(p), "sector", None) == "MED"
            for p in (source, target)):
        # "spoke to the BBC", "talked to CNN": an interview, no consultation; "when contacted
        # by Reuters", "Reuters reached the embassy": a request for comment
        return False
    if _sporting(source, ctx.words) or (target is not None and _sporting(target, ctx.words)):
        return False  # "Pakistan's cricket team arrived in Australia": sport, not politics
    if lookup(candidate.code).quad_class <= 2 and _private(ctx, source) and (
            target is None or _private(ctx, target)
            or getattr(ctx.cluster(target), "kind", None) == "location"):
        return False  # "the defector met his old friend", "travelled to Florida": private
    if target is not None and not target.named and target.token.lower_ in ctx.words.generic:
        return False  # "those who are praised by the Kremlin": nobody in particular
    if (target is not None and not target.named
            and target.token.ent_type_ in ctx.words.named_things):
        return False  # "will host the World Cup", "launched the iPhone": no recipient
    if target is None:
        # a thing as target ("ruled out job cuts") is no target: only acts that need none,
        # or a political actor's act of a kind that PLOVER codes without a recipient
        return (candidate.targetless_ok or candidate.code[:2] in ctx.words.targetless_roots
                or _political_alone(ctx, candidate, source))
    return True


def _private(ctx: EventContext, party: Party) -> bool:
    """A person with no public role: no sector, or a private citizen's (CVL), and no
    affiliation (the actors stage gives a titled person the title's sector)."""
    cluster = ctx.cluster(party)
    if cluster is None or cluster.kind != "person" or cluster.affiliation:
        return False
    return cluster.sector in (None, *ctx.words.private_sectors)


def _political_alone(ctx: EventContext, candidate: Candidate, source: Party) -> bool:
    if candidate.match not in {"verb", "wrapper", "light", "act"} or source.actor is None:
        return False
    if lookup(candidate.code).plover in ctx.words.needs_recipient:
        return False
    return is_political(ctx, source)


def _doerless_violence(ctx: EventContext, candidate: Candidate, target: Party | None) -> bool:
    if (candidate.code[:2] not in ctx.words.doerless_roots or target is None
            or candidate.negated):
        return False
    if not (target.named or _is_people(target.token, ctx.words)
            or target.token.lemma_.lower() in ctx.words.victims):
        return False
    sent = candidate.trigger.sent
    return not any(t.lemma_.lower() in ctx.words.mishaps for t in sent)


def _sporting(party: Party, words: EventWords) -> bool:
    """A sports team or player ("the cricket team", "the striker")."""
    lemma = party.token.lemma_.lower()
    return lemma in words.sporting or lemma in words.team_nouns and any(
        c.lemma_.lower() in words.sports for c in party.token.children)


def _is_people(token: Token, words: EventWords) -> bool:
    return token.lemma_.lower() in words.people


def _political_in_game(cluster: ActorCluster | None, words: EventWords) -> bool:
    """Whether an actor of a game report is a political one: of a political sector, and no
    person coded military ("Steelers defensive captain Cam Heyward" is a player)."""
    if cluster is None or cluster.sector not in words.political_sectors:
        return False
    return not (cluster.kind == "person" and cluster.sector == "MIL")
