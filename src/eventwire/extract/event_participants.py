"""Participants of an event: who acts (sources) and on whom (targets), from the parse.

Subject or passive agent is the source, object, dative or the sense's preposition the target
(:func:`verb_parties`); nominal events take possessor/adjective ("Russia's", "Russian") as source
and of/on/against as target (:func:`noun_sources`, :func:`noun_targets`); coordination gives a
party each (:func:`parties_at`); a token becomes a :class:`Party` through the actors stage, a
name, the actor a thing belongs to, a pronoun's antecedent or speaker, or an earlier event it
names (:func:`party_at`), with the antecedents of pronouns and descriptions ("the two sides",
"the ministry") resolved here too, since finding them needs the clauses' subjects. Also here:
what the gate asks of parties (:func:`one_state`, :func:`is_political`, ...). Participants the
parse does not name are found in :mod:`~eventwire.extract.event_implied`.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventwire.extract.codes import lookup
from eventwire.extract.event_candidates import Party
from eventwire.extract.event_context import EventContext, same_while_nothing_coded
from eventwire.extract.event_lexicon import Sense
from eventwire.extract.syntax import (
    SUBJECTS,
    choose,
    clause_of,
    conjuncts,
    entity_text,
    for_clause,
    held_things,
    indirect_question,
    joined_by_word,
    number_value,
    phrase,
    prep_objects,
    small_clause,
    to_infinitive,
)
from eventwire.nlp.lexicon import country_of, lexicon

if TYPE_CHECKING:  # the actors are reached through the context; this is only their type
    from eventwire.nlp.components import ActorCluster

__all__ = ["COUNTERPART_SENTENCES", "accuser_of", "anaphor", "answerers", "as_state",
           "attack_noun", "attacks_in", "attributed_to", "coordination_head", "earlier_owner",
           "fought_by_both", "is_enforcer", "is_political", "last_armed_pair",
           "last_conflict_pair", "last_doers", "last_two_countries", "maker_of", "named_inside",
           "named_state", "names_both", "noun_sources", "noun_targets",
           "objects_of", "one_state", "own_state", "parties_at", "party_at", "possessed_by",
           "previous_doer", "protest_crowd", "protest_noun", "reacted_to", "reciprocal",
           "reporter_of", "same_moment_clauses", "same_side", "subjects_of", "through_modifier",
           "verb_parties", "with_compatriots"]

# Dependency labels of a noun's modifiers that may name the actor it acts for.
_MODIFIERS = {"poss", "compound", "amod", "nmod"}


def verb_parties(ctx: EventContext, verb: Token, sense: Sense) -> tuple[list[Party], list[Party]]:
    """Sources and targets of a verb coded with ``sense``: subject (passive agent) and
    object, dative or the sense's preposition (passive subject)."""
    # "officials briefed on the talks", "the journalist detained by police": a participle
    # after its noun is passive too
    # (and a participle with a "by" agent, whatever the parser made of its subject: "the
    # journalist detained by police ...")
    # ("condemned the attack on Israel by Hamas": a "by" phrase the parser hung on an active
    # verb with a subject and an object is the object's doer, not a passive agent)
    active = any(c.dep_ == "nsubj" for c in verb.children) and any(
        c.dep_ == "dobj" for c in verb.children)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} or c.dep_ == "agent" and not active
                  for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(
            g.dep_ == "dobj" for c in (verb, *verb.conjuncts) for g in c.children)) or (
        # "Two officials briefed on the negotiations said ...", parsed as a clause before a
        # reporting verb that is left without a subject: a reduced relative (passive)
        verb.dep_ == "ccomp" and verb.i < verb.head.i
        and verb.head.lemma_.lower() in ctx.lex.reporting
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.head.children)
        and any(c.dep_ == "nsubj" for c in verb.children)
        and not any(c.dep_ in {"aux", "auxpass", "dobj"} for c in verb.children))
    # "was arrested and later released on bail": a participle coordinated with a passive verb
    # shares its voice and its subject
    shared_passive = _passive_conjunct(verb)
    passive = passive or shared_passive
    if passive:
        sources = _agents(ctx, verb)
        if not sources:
            # "were beaten and arrested by police", "detained by police and deported": the
            # agent of the coordinated passive verb does both
            sources = [p for other in (verb.head if shared_passive else None, *(
                           c for c in verb.children if c.dep_ == "conj" and _passive_conjunct(c)))
                       if other is not None for p in _agents(ctx, other)]
        if not sources and "18" <= sense.code[:2] <= "20":
            # "killed in Israeli air strikes": whoever made the attack the harm came in;
            # "were killed when their convoy was hit by a bomb planted by the Taliban": the
            # doer of the blow told at the same moment
            # (the moment told for the coordinated passive is this one's too: "a constable
            # was killed and three officers were injured when militants attacked a post")
            moments = [clause for other in _coordinated_passives(verb)
                       for clause in same_moment_clauses(ctx, other)]
            attacks = attacks_in(ctx, verb)
            sources = [p for g in attacks for p in noun_sources(ctx, g)] or [
                # "were killed in clashes with Tajik troops": the side they clashed with
                p for g in attacks for o in prep_objects(g, {"with"})
                for p in parties_at(ctx, o) if p.named
            ] or [
                p for clause in moments
                for g in prep_objects(clause, dep="agent")
                for p in (parties_at(ctx, g) if g.i in ctx.actor_of else noun_sources(ctx, g))
            ] or [
                # "an officer was wounded when gunmen opened fire on a patrol": the doers of
                # the armed act told at the same moment
                p for clause in moments if _armed_clause(ctx, clause)
                for p in subjects_of(ctx, clause) if p.named]
        targets = [p for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}
                   for p in parties_at(ctx, c)]
        if not targets and verb.dep_ in {"relcl", "acl"}:
            summed = verb.head
            if summed.lemma_.lower() in ctx.words.act_nouns and (
                    summed.dep_ in {"npadvmod", "appos"}
                    # (the parser may take the appended noun for a second object)
                    or summed.dep_ == "dobj" and summed.left_edge.i > 0
                    and summed.doc[summed.left_edge.i - 1].text == ","):
                # "Moscow annexed the region, a move rejected by Kyiv": a reaction to the
                # doer of the clause the act noun sums up
                targets = [p for p in subjects_of(ctx, summed.head) if p.named]
            elif (summed.lemma_.lower() in ctx.words.act_nouns and summed.dep_ == "pobj"
                  and summed.head.lower_ in ctx.words.summing_preps):
                # "ordered two journalists to leave, in a move condemned by Germany": the
                # doer of the main clause the phrase sums up (wherever the parser hung it)
                summed_clause = summed.head.head
                while summed_clause.dep_ in {"pcomp", "prep", "advcl", "pobj"}:
                    summed_clause = summed_clause.head
                targets = [p for p in subjects_of(ctx, summed_clause) if p.named]
            # "the city, which was shelled by ..."
            targets = targets or parties_at(ctx, verb.head)
        if (not any(p.named for p in targets) and verb.dep_ == "acl"
                and sense.code == ctx.words.mediation_code):
            # "the army and the RSF agreed to a ceasefire brokered by Saudi Arabia": the
            # go-between mediates for the doers of the clause the thing brokered is in
            targets = [p for p in subjects_of(ctx, clause_of(verb.head)) if p.named] or targets
        if not targets and verb.dep_ == "pcomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
            # "the minister resigned after being accused of corruption by lawmakers": the
            # subject of the clause the passive gerund hangs on
            targets = [p for c in verb.head.head.children if c.dep_ in {"nsubj", "nsubjpass"}
                       for p in parties_at(ctx, c)]
        if not targets and shared_passive:
            targets = [p for c in verb.head.children if c.dep_ == "nsubjpass"
                       for p in parties_at(ctx, c)]
        if not any(p.named for p in targets):
            # "relations with the Holy See were suspended", "EUR 30m in assistance to the
            # Georgian government would be suspended": whom the thing acted on concerns
            things = [c for c in verb.children if c.dep_ == "nsubjpass"
                      and c.i not in ctx.actor_of]
            things += [g for t in things for g in prep_objects(t, {"in"})]
            targets = [p for t in things for p in noun_targets(ctx, t)] or targets
        # "two activists were deported to Uganda": when the one acted on is named, a phrase
        # of the verb says where or how (unless the sense asks for it: "handed over to")
        preps = sense.prep or (frozenset() if any(p.named for p in targets)
                               else ctx.words.target_preps)
        return sources, targets + (objects_of(ctx, verb, preps) if preps else [])
    sources = subjects_of(ctx, verb)
    # "to protect Ukraine against (from) Russian strikes": whom one helps, not whom from
    # "assured the public on Weibo", "agreed on a ceasefire": a statement's or a promise's
    # "on" names its medium or topic ("called on X" has the preposition in its sense)
    preps = frozenset(ctx.words.target_preps - (
        {"against", "from", "on"} if "03" <= sense.code[:2] <= "05"
        else {"against", "from"} if "06" <= sense.code[:2] <= "07"
        else {"on"} if sense.code[:2] in {"01", "02"}
        else {"against"} if sense.code[:2] == "08" else set()))
    if sense.code[:2] == "15":
        preps |= ctx.words.posture_preps  # "deployed troops near the border with Ukraine"
    # "set fire to the building": an object that is the sense's own word and no actor is no
    # party, and the "to" phrase names what the act is done to ("beat demonstrators" keeps
    # its demonstrators)
    keyword_objects = {c.i for c in verb.children
                       if c.dep_ == "dobj" and c.lemma_.lower() in sense.with_words
                       and c.i not in ctx.actor_of}
    if "17" <= sense.code[:2] <= "20" and not (
            sense.mutual or sense.symmetric or keyword_objects) and any(
            c.dep_ == "dobj" for c in verb.children):
        # "hit a police officer with a bottle", "attacked the convoy with drones": after an
        # object, a "with" phrase of force is the weapon ("traded fire with" is mutual), and
        # a "to" phrase where the one acted on was sent ("deported the activists to Turkey")
        preps = preps - {"with", "to"}
    if any(reacted_to(ctx, c) for c in verb.children):
        # "condemned the attack by gunmen on a school": the parser hangs the act's "on"
        # phrase on the verb; the school is whom the attack was aimed at, not the condemning
        preps = preps - ctx.words.aimed_preps
    targets = objects_of(ctx, verb, sense.prep or preps, with_direct=not sense.theme_object)
    if keyword_objects:
        # (but a keyword object an actor owns stands for its owner: "froze Nigerien state
        # assets" is aimed at Niger)
        targets = [p for p in targets if p.token.i not in keyword_objects or p.actor] or targets
    if sense.code[:2] in ctx.words.giving:
        # "offered its troops to Lebanon", "gave Tanzania a grant": what is given is no
        # party when a recipient is named
        recipients = objects_of(ctx, verb, frozenset({"to"}), with_direct=False) + [
            p for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"
            for p in parties_at(ctx, c)]
        targets = [p for p in recipients if p.named] or targets
    if sense.code == ctx.words.mediation_code:
        # "facilitate dialogue between the two countries": the go-between acts for the sides
        # of what it helps along
        sides = [p for c in verb.children if c.dep_ == "dobj"
                 for g in prep_objects(c, ctx.words.between_preps)
                 for m in (g, *conjuncts(g)) for p in parties_at(ctx, m)]
        targets = [p for p in sides if p.named] or targets
    if sense.code[:2] == "04":
        # "met Biden at the White House": where they met is a venue, not another party
        targets = [p for p in targets if not (
            p.token.dep_ == "pobj" and p.token.head.lower_ in {"at", "in"})] or targets
    if not any(p.named for p in targets) and not sense.without_object:
        # "used tear gas to disperse the protesters": whom the act's purpose is done to
        targets = [p for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"
                   and any(a.lower_ == "to" for a in c.children)
                   for p in objects_of(ctx, c, ctx.words.target_preps) if p.named] or targets
    if not targets and sense.code[:2] in {"02", "10"} and not any(
            c.dep_ in {"dobj", "dative"} for c in verb.children):
        # "demanded that Hamas renounce ...": the one asked is the clause's subject (not when
        # someone is asked, named or not: "asked officials how the documents got out"; nor
        # in a question: "asked whether the talks would resume")
        targets = [p for c in verb.children
                   if (c.dep_ == "ccomp" and not indirect_question(c, ctx.words)
                       or for_clause(c))  # "called for the minister to appear"
                   for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}
                   for p in parties_at(ctx, s)]
    if (sense.symmetric or sense.mutual) and not sources and len(targets) > 1 and all(
            p.token.dep_ == "pobj" and p.token.head.lower_ in ctx.words.between_preps
            or p.token.dep_ == "conj" for p in targets):
        # "fighting between the army and the rebels killed 20": the sides between whom it is
        # are its doers (the events stage pairs them)
        sources, targets = targets, []
    return sources, targets


def _agents(ctx: EventContext, verb: Token) -> list[Party]:
    """The parties of a passive verb's "by" phrase."""
    return [p for g in prep_objects(verb, dep="agent") for p in parties_at(ctx, g)]


def same_moment_clauses(ctx: EventContext, verb: Token) -> list[Token]:
    """The clauses told as happening at the same moment as ``verb`` ("when their convoy was
    hit by a roadside bomb", "killed 23 when they blew themselves up")."""
    return [c for c in verb.children if c.dep_ == "advcl" and any(
        w.dep_ in {"advmod", "mark"} and w.lower_ in ctx.words.same_moment for w in c.children)]


def _armed_clause(ctx: EventContext, clause: Token) -> bool:
    """Whether an active clause's verb is coded as an armed act (18-20) in its context."""
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in clause.children):
        return False
    return _armed(ctx, ctx.lex.senses(ctx.lex.verb_lemma(clause)), clause)


def _armed(ctx: EventContext, senses: list[Sense] | None, token: Token,
           noun_context: bool = False) -> bool:
    """Whether the sense ``token`` takes of ``senses`` in its context is force (18-20)."""
    sense = choose(senses, token, noun_context=noun_context, words=ctx.words) if senses else None
    return sense is not None and sense.code[:2] in ctx.words.force_roots


def _coordinated_passives(verb: Token) -> list[Token]:
    """A passive verb and the passive verbs coordinated with it ("was killed and ... were
    injured")."""
    linked = [c for c in verb.children if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        linked.append(verb.head)
    return [verb, *(c for c in linked if c.pos_ == "VERB" and (
        _passive_conjunct(c) or any(g.dep_ == "auxpass" for g in c.children)))]


def _passive_conjunct(verb: Token) -> bool:
    """Whether ``verb`` is a bare participle coordinated with a passive verb ("was arrested
    and released"), with no subject or auxiliary of its own."""
    return (verb.dep_ == "conj" and verb.tag_ == "VBN"
            and any(c.dep_ == "auxpass" for c in verb.head.children)
            and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "dobj"}
                        for c in verb.children))  # (a "by" agent of its own may follow)


def attacks_in(ctx: EventContext, verb: Token) -> list[Token]:
    """The attack nouns of a verb's "in" phrase ("killed in Israeli air strikes")."""
    return [g for g in prep_objects(verb, {"in"}) if attack_noun(ctx, g)]


def attack_noun(ctx: EventContext, token: Token) -> bool:
    """Whether the noun names an armed attack (its sense here is coded 18-20)."""
    return _armed(ctx, ctx.lex.nouns.get(token.lemma_.lower()), token, noun_context=True)


def claimant(ctx: EventContext, act: Token) -> list[Party]:
    """Who claims an act as theirs: "the Taliban claimed responsibility for shooting down the
    helicopter", "... for the attack", "the attack was claimed by the Houthis": the claimant is
    its doer."""
    prep = act.head
    if act.dep_ in {"dobj", "nsubjpass"} and prep.lemma_.lower() in ctx.words.claiming_verbs:
        # (the claiming verb's subject, or its passive's "by" agent)
        claims = not any(c.dep_ == "neg" for c in prep.children)
        return subjects_of(ctx, prep) if claims else []
    if act.dep_ not in {"pcomp", "pobj"} or prep.lower_ != "for" or prep.dep_ != "prep":
        return []
    owned = prep.head
    if owned.lemma_.lower() not in ctx.words.claimed_acts or owned.dep_ != "dobj":
        return []
    verb = owned.head
    if verb.lemma_.lower() not in ctx.words.owning_verbs or any(
            c.dep_ == "neg" for c in verb.children):
        return []
    return [p for c in verb.children if c.dep_ == "nsubj" for p in parties_at(ctx, c)]


def blamed(ctx: EventContext, act: Token) -> list[Party]:
    """Who an act is blamed on: "the assassination was blamed on Israel", "Israel was blamed
    for the assassination", "blamed Israel for the attack" (event_words.yaml
    ``blaming_verbs``)."""
    verb = act.head
    if act.dep_ == "nsubjpass" and verb.lemma_.lower() in ctx.words.blaming_verbs:
        return [p for g in prep_objects(verb, {"on", "to"}) for p in parties_at(ctx, g)
                if p.named]
    if act.dep_ in {"pobj", "pcomp"} and verb.lower_ == "for" and (
            verb.head.lemma_.lower() in ctx.words.blaming_verbs):
        return [p for c in verb.head.children if c.dep_ in {"dobj", "nsubjpass"}
                for p in parties_at(ctx, c) if p.named]
    if act.dep_ == "pobj" and verb.lower_ == "to" and (
            verb.head.lemma_.lower() in ctx.words.linking_verbs):
        # "a group which governments have tied to attacks", "was linked to the bombing":
        # the one tied (the relative pronoun's noun for "which")
        tied = [c for c in verb.head.children if c.dep_ in {"dobj", "nsubjpass"}]
        tied = [t.head.head if t.lower_ in ctx.words.relative_pronouns
                and t.head.dep_ == "relcl" else t for t in tied]
        return [p for t in tied for p in parties_at(ctx, t) if p.named]
    return []


@same_while_nothing_coded
def subjects_of(ctx: EventContext, verb: Token) -> list[Party]:
    """The doer of ``verb``: its subject, or the subject of the verb it hangs from."""
    claimed = claimant(ctx, verb)
    if claimed:
        return claimed
    token: Token | None = verb
    reporting = ctx.lex.reporting
    if (verb.dep_ == "conj" and (verb.lemma_.lower() in reporting
                                 or any(c.dep_ == "ccomp" for c in verb.children)
                                 or _addressing(ctx, verb))
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
            and verb.head.dep_ in {"ccomp", "parataxis"}
            and verb.head.head.lemma_.lower() in reporting):
        # "Kindiki said the protests were illegal and warned that ...": the parser joins the
        # second speech verb (one with a clause of its own) to the reported clause; the
        # speaker does both ("retorted that Ukraine was in no position ... and accused Kyiv
        # of blackmail" too: a verbal act aimed at someone)
        token = verb.head.head
    through_conj = False
    for _ in range(6):
        if token is None:
            break
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "csubj"}]
        if not subjects and any(c.dep_ == "auxpass" for c in token.children):
            # (a verb joined to a passive one shares its subject, not its agent: "Iran was
            # sanctioned by the EU and condemned the US")
            subjects = [] if through_conj else prep_objects(token, dep="agent")
            if not subjects and token.i != verb.i:
                # "Ruto is expected to visit": the raised subject does the visiting
                subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
        if subjects and token.dep_ == "relcl" and _authored(ctx, token.head) and all(
                s.lower_ in ctx.words.relative_pronouns for s in subjects) and (
                _made_by_subject(ctx, token.head.head)):
            # "Putin signed decrees that allow the confiscation": the decree acts for its maker
            token = token.head.head
            continue
        if (subjects and token.dep_ == "relcl" and token.head.i not in ctx.actor_of
                and all(s.lower_ in ctx.words.relative_pronouns for s in subjects)
                and _act_noun(ctx, token.head)):
            # "a military campaign that has killed 30,000": what an act does, its doer does
            # (the noun's own doer, else whoever carried it out: "Israel launched a campaign";
            # not whoever reacts to it: "protested against a drone strike that killed ...")
            carrier = (token.head.head if token.head.dep_ == "dobj" else
                       token.head.head.head if token.head.dep_ == "pobj" else None)
            doers = noun_sources(ctx, token.head) or (
                subjects_of(ctx, carrier) if carrier is not None and carrier.pos_ == "VERB"
                and carrier.lemma_.lower() in ctx.lex.light_verbs else [])
            if doers:
                return doers
        if subjects:
            return [p for s in subjects for p in parties_at(ctx, s)]
        if token.dep_ in {"relcl", "acl"} and (token is verb or not through_conj):
            if token.dep_ == "acl" and _channel(ctx, token.head):
                # "Swift posted on Twitter accusing Big Machine": the poster accuses
                token = token.head.head.head
                continue
            if token.dep_ == "acl" and _authored(ctx, token.head) and _made_by_subject(
                    ctx, token.head.head):
                # "the PKK issued a declaration demanding that ...": its author demands
                token = token.head.head
                continue
            if token.dep_ == "acl" and token.head.pos_ == "NOUN" and any(
                    sense.code[:2] in {"02", "10"}
                    for sense in ctx.lex.nouns.get(token.head.lemma_.lower(), ())):
                # "agreed to Beijing's demands to roll back tariffs": the one asked acts
                asked = answerers(ctx, token.head, [])
                if asked:
                    return asked
            if token.dep_ == "acl" and to_infinitive(token):
                # "Kenya's decision to expel the envoy": the owner of the decision expels
                owners = [p for c in token.head.children if c.dep_ == "poss"
                          for p in parties_at(ctx, c) if p.actor or p.named]
                if owners:
                    return owners
            # "forces using tear gas to disperse protests": the forces disperse them too
            return parties_at(ctx, coordination_head(token.head))
        if token.dep_ == "prep" and token.head.pos_ == "VERB":
            # "blamed Ukraine for refusing": the object does what the complement says
            objects = [c for c in token.head.children if c.dep_ == "dobj"]
            # "prevented students from marching": the object would have done it; "warned
            # Putin against invading" too
            # "charged Carlineo with threatening", "tasked Mueller with investigating" too
            if objects and token.lower_ in {"for", "of", "from", "against", "with"} and (
                    not through_conj):
                return [p for o in objects for p in parties_at(ctx, o)]
        if (token.dep_ == "prep" and token.lower_ == "of" and not through_conj
                and token.head.lemma_.lower() in ctx.words.charge_nouns
                and token.head.dep_ == "pobj" and token.head.head.head.pos_ == "VERB"):
            # "indicted seven officers on charges of hacking", "arrested him on suspicion of
            # spying": the one charged is the one said to have done it
            charged = [c for c in token.head.head.head.children
                       if c.dep_ in {"dobj", "nsubjpass"}]
            if charged:
                return [p for c in charged for p in parties_at(ctx, c)]
        if (token.dep_ == "prep" and token.lower_ in {"of", "for"} and not through_conj
                and token.head.dep_ == "dobj" and token.head.head.pos_ == "VERB"
                and token.head.i in ctx.actor_of):
            # "accused the police of torturing detainees", the parser hanging "of" on the
            # object: the one accused is the one said to have done it
            return parties_at(ctx, token.head)
        if token.dep_ == "advcl" and token.tag_ in {"VBD", "VBZ", "VBP"}:
            break  # a finite clause without a subject is a misparse, not a shared doer
        if token.dep_ == "xcomp" and not through_conj and (
                token.head.lemma_.lower() not in ctx.words.summoning_verbs):
            # "prompted officials from Mexico to make concessions": the object does the act
            # (when it is someone: "used tear gas to disperse" is done by the user)
            # (not an act as the object: "continued their hunger strike to demand ...")
            doers = [p for c in token.head.children if c.dep_ == "dobj"
                     and c.lemma_.lower() not in ctx.lex.nouns
                     for p in parties_at(ctx, c)
                     if p.actor or c.lemma_.lower() in ctx.words.agents
                     or c.lemma_.lower() in ctx.words.people]
            if doers:
                return doers
        if (token.dep_ == "conj" and token.tag_ == "VBG" and token.head.dep_ == "pcomp"
                and not through_conj):
            # "accused the authorities of rounding up and expelling migrants": a gerund joined
            # to one after a preposition has its doer
            return subjects_of(ctx, token.head)
        if token.dep_ == "conj" and token.pos_ in {"VERB", "AUX"} and not joined_by_word(token):
            break  # a misparsed relative clause: "in a region where insurgencies have killed"
        # ("calling it null and void and accusing EU lawmakers": the parser may join the
        # second participle to the first one's object predicate)
        if token.dep_ in {"conj", "xcomp", "advcl", "pcomp", "pobj", "prep", "acomp", "oprd"}:
            through_conj = through_conj or token.dep_ == "conj"
            token = token.head
            continue
        if (token.dep_ == "dobj" and token is not verb
                and token.lemma_.lower() in ctx.words.policy_nouns
                and token.head.lemma_.lower() in ctx.words.holding_verbs):
            token = token.head  # "Malaysia has maintained a policy of turning away boats"
            continue
        break
    return []


def _addressing(ctx: EventContext, verb: Token) -> bool:
    """A verbal act aimed at someone named as its object: every sense of the verb appeals,
    demands, disapproves, rejects or threatens (quad classes 1 and 3: "accused Kyiv of",
    "urged Baku to"), not a plain statement and no deed."""
    senses = ctx.lex.senses(ctx.lex.verb_lemma(verb))
    return bool(senses) and any(c.dep_ == "dobj" and c.i in ctx.actor_of
                                for c in verb.children) and all(
        sense.code.isdigit() and sense.code[:2] != "01"
        and lookup(sense.code).quad_class in {1, 3} for sense in senses)


def answerers(ctx: EventContext, noun: Token, sources: list[Party]) -> list[Party]:
    """Who answers a request, demand or offer is the one asked or offered: "Trump agreed to
    Beijing's demands", "Israel rejected Hamas's demands", "Kyiv rejected Moscow's offer"."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ in {"to", "with"}:
        verb = verb.head
    elif noun.dep_ != "dobj":
        return []
    if verb.lemma_.lower() not in ctx.words.answering_verbs:
        return []
    own = {p.actor for p in sources if p.actor}
    return [p for p in subjects_of(ctx, verb) if p.named and p.actor not in own]


def _act_noun(ctx: EventContext, noun: Token) -> bool:
    """Whether ``noun`` names an act (an event noun, an operation or a course of action)."""
    lemma = noun.lemma_.lower()
    return noun.pos_ == "NOUN" and (
        lemma in ctx.lex.nouns or lemma in ctx.words.policy_nouns
        or lemma in lexicon().operations)


def _made_by_subject(ctx: EventContext, verb: Token) -> bool:
    """Whether ``verb`` is an authoring verb ("signed", "issued") its subject did: not one
    it refused or failed to do ("refused to sign the statement criticising Israel"), nor a
    negated one."""
    if verb.lemma_.lower() not in ctx.words.authoring_verbs or any(
            c.dep_ == "neg" for c in verb.children):
        return False
    wrapper = ctx.lex.wrappers.get(verb.head.lemma_.lower()) if verb.dep_ == "xcomp" else None
    return getattr(wrapper, "kind", None) != "refuse"


def _authored(ctx: EventContext, document: Token) -> bool:
    """Whether ``document`` is a document or measure someone made or issued, which says or
    does what its maker does ("signed a decree", "issued a declaration"; roles.yaml:
    ``documents``)."""
    return (document.lemma_.lower() in lexicon().documents and document.dep_ == "dobj"
            and document.i not in ctx.actor_of)


def _channel(ctx: EventContext, noun: Token) -> bool:
    """Whether ``noun`` is the channel a verb's message went out on ("posted on Twitter",
    "said in a statement"; event_words.yaml ``channels``)."""
    prep = noun.head
    return (noun.dep_ == "pobj" and prep.lower_ in {"on", "in", "via", "through"}
            and prep.head.pos_ in {"VERB", "AUX"}
            and (noun.lemma_.lower() in ctx.words.channels
                 or noun.lower_ in ctx.words.channels
                 or f"{noun.doc[noun.i - 1].lower_} {noun.lower_}" in ctx.words.channels))


def coordination_head(noun: Token) -> Token:
    """The first member of the coordination ``noun`` closes: "lawmakers and a bishop who
    sought to talk" are all doers of "sought", though the parser hangs the clause on the last
    one."""
    while noun.dep_ == "conj" and noun.head.pos_ in {"NOUN", "PROPN"} and noun.head.i < noun.i:
        noun = noun.head
    return noun


def objects_of(ctx: EventContext, verb: Token, preps: frozenset[str],
               skip: Token | None = None, with_direct: bool = True) -> list[Party]:
    """The parties a verb acts on: direct object (with ``with_direct``; else what the object's
    ``preps`` phrase names), dative and ``preps`` phrases; none inside ``skip``."""
    found: list[Party] = []
    # "struck what it called Hezbollah infrastructure": the parser hangs the naming clause on
    # the verb, with "what" its object; what it is called is what the verb acts on
    found += [p for c in verb.children if c.dep_ == "ccomp"
              and c.lemma_.lower() in lexicon().naming_verbs
              and any(w.dep_ == "dobj" and w.tag_ == "WP" for w in c.children)
              for named in c.children if named.dep_ in {"oprd", "attr"}
              for p in parties_at(ctx, named)]
    # (a verb has one direct object: a second is the parser's slip, a phrase from a clause
    # further on: "accuse him of pushing laws that bar the court, the prosecutor's office ...")
    first_object = next((c.i for c in verb.children if c.dep_ == "dobj"), None)
    for child in verb.children:
        if skip is not None and child.left_edge.i <= skip.i <= child.right_edge.i:
            continue
        if child.dep_ == "dobj" and child.i != first_object:
            continue
        held = held_things(child, verb, ctx.words) if child.dep_ == "dobj" else []
        if held:  # "seized control of the territories": the territories
            found += [p for g in held for p in parties_at(ctx, g)]
        elif child.dep_ == "dobj" and not with_direct:
            # "withdrew its troops from Lebanon": the target hangs inside the object too
            found += [p for g in prep_objects(child, preps) for p in parties_at(ctx, g)]
            # "fired artillery rounds aimed at a loudspeaker in South Korea"
            found += [p for a in child.children if a.dep_ == "acl"
                      and a.lemma_.lower() in ctx.words.aiming
                      for p in objects_of(ctx, a, preps | {"at"})]
        elif child.dep_ in {"dobj", "dative", "obj"}:
            if child.dep_ == "dative" and child.pos_ == "ADP":
                found += [p for g in child.children if g.dep_ == "pobj"
                          for p in parties_at(ctx, g)]
            else:
                parties = parties_at(ctx, child)
                if child.dep_ == "dobj" and not any(p.named for p in parties) and (
                        child.lemma_.lower() not in ctx.lex.nouns):
                    # "discussed investigations with Kyiv", "demanded answers from the
                    # operators": a thing's phrase names the party (not an event noun's:
                    # "condemned the attack on Israel" is not aimed at Israel)
                    # ("ended mediation efforts between the militias")
                    parties = [p for g in prep_objects(child, {*preps, *ctx.words.between_preps})
                               for p in parties_at(ctx, g) if p.named] or parties
                found += parties
        elif child.dep_ in {"prep", "prt"} and child.lower_ in preps:
            if child.lower_ == "from" and with_direct and _actor_object(ctx, verb):
                # "abducted 20 students from a school": where they were taken from (not what
                # a moved object leaves: "withdraw its troops from the border with Georgia")
                continue
            if child.lower_ == "at" and any(
                    c.dep_ == "dobj" and (c.i in ctx.actor_of
                                          or c.lemma_.lower() in ctx.words.people
                                          or c.lemma_.lower() in ctx.words.individual_nouns)
                    for c in verb.children):
                # "detained an IT worker at a logistics firm", "exchanged four prisoners at
                # Ankara's airport": where the people were (not "fired rockets at a base", nor
                # "blocked the package at a summit of EU leaders")
                continue
            # (not "with X doing ...", a clause of its own: "criticised the shift, with the
            # foreign minister warning of consequences"; nor what one is held for: "arrested
            # on suspicion of spying for China")
            found += [p for g in child.children if g.dep_ == "pobj" and not (
                          child.lower_ == "with" and _absolute(g))
                      and g.lemma_.lower() not in ctx.words.grounds_nouns
                      for p in parties_at(ctx, g)]
        elif small_clause(child):
            # "held Hamas responsible": the parser's clause "Hamas responsible" holds the object
            found += [p for g in child.children if g.dep_ == "nsubj" for p in parties_at(ctx, g)]
    return found


def _absolute(pobj: Token) -> bool:
    """Whether a "with" phrase's object has a participle of its own ("with Safadi warning
    of consequences", "with the United States abstaining"): an absolute clause."""
    # (the parser may make the participle the object, the name its modifier: "with ...
    # Ayman Safadi warning of ...")
    return any(c.dep_ in {"acl", "relcl", "advcl"} and c.tag_ == "VBG" and c.i > pobj.i
               for c in pobj.children) or (pobj.lower_.endswith("ing") and any(
                   c.dep_ == "compound" and c.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}
                   for c in pobj.children))


def _actor_object(ctx: EventContext, verb: Token) -> bool:
    """Whether the verb's direct object is an actor ("abducted 20 students"), not a thing
    ("demanded answers")."""
    return any(c.dep_ == "dobj" and any(p.actor for p in parties_at(ctx, c))
               for c in verb.children)


def noun_sources(ctx: EventContext, noun: Token) -> list[Party]:
    """Who does what an event noun names: its named possessor or modifier ("Russia's
    invasion", "the Russian invasion"), or its "by" phrase; for a noun whose possessor suffers
    the act ("his arrest": ``patient_nouns``), the "by" phrase only."""
    found: list[Party] = claimant(ctx, noun) or blamed(ctx, noun)
    if found:
        return found
    patient = noun.lemma_.lower() in ctx.words.patient_nouns and not _of_phrase(noun)
    for child in noun.children:
        if child.dep_ in {"poss", "compound", "amod", "nmod"} and not patient:
            # "international and Palestinian criticism": each coordinated modifier
            for modifier in [child, *(c for c in child.subtree
                                      if c.dep_ == "conj" and c.head.i != noun.i)]:
                party = party_at(ctx, modifier, own_only=True)
                verb = noun.head
                if (modifier.lower_ in {"its", "their"} and noun.dep_ == "dobj"
                        and verb.dep_ == "xcomp"):
                    # "called on Russia to lift its blockade": the one asked to act owns it
                    # (the asking verb's object, as a wrapper reads it, else the subject:
                    # "vowed to end its siege")
                    asked = objects_of(ctx, verb.head, frozenset({"on", "upon"}))
                    controllers = [p for p in asked or subjects_of(ctx, verb) if p.named]
                    party = controllers[0] if len(controllers) == 1 else party
                if party is None and modifier.dep_ == "poss" and modifier.pos_ == "PRON":
                    party = party_at(ctx, modifier)  # "my tariffs": the speaker's; "his"
                if party is not None and party.named:
                    found.append(party)
        elif child.dep_ == "prep" and child.lower_ == "by":
            # (an actor only: "trial for manslaughter by gross negligence" says how)
            found += [p for g in child.children if g.dep_ == "pobj"
                      for p in parties_at(ctx, g) if p.named]
        elif child.dep_ == "acl":  # "tariffs imposed by China", "a plan drawn up by Senegal"
            found += [p for g in prep_objects(child, dep="agent") for p in parties_at(ctx, g)]
    if not found and noun.dep_ == "dobj" and any(c.dep_ == "nsubj" for c in noun.head.children):
        # "criticised the demolition of homes by Israeli forces": the parser may hang the
        # noun's "by" phrase on the active verb, which has a doer of its own
        found = [p for c in noun.head.children if c.dep_ in {"prep", "agent"}
                 and c.lower_ == "by" and c.i > noun.i for g in c.children if g.dep_ == "pobj"
                 for p in parties_at(ctx, g)]
    if not found and noun.dep_ == "compound" and noun.head.i > noun.i and not patient:
        # "the EU's aid package", "Israel's ground operation plan", "an EU aid package": the
        # owner of the phrase the event noun modifies does it
        found = [p for c in noun.head.children
                 if c.dep_ == "poss" or c.dep_ == "compound" and c.i < noun.i
                 and c.pos_ == "PROPN"
                 if (p := party_at(ctx, c, own_only=True)) is not None and p.named]
    return found


def _of_phrase(noun: Token) -> bool:
    """Whether the noun has an "of" phrase ("the sentencing of Carlineo")."""
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)


def noun_targets(ctx: EventContext, noun: Token) -> list[Party]:
    """The named parties an event noun is aimed at ("sanctions on Russia", "talks with Iran")."""
    # "talks in Doha", "a visit in March": where talks happen is no party to them, and what
    # they are on is their topic
    senses = ctx.lex.nouns.get(noun.lemma_.lower(), [])
    talks = _talk_noun(ctx, noun)
    # "a curfew in Algiers", "strikes in Gaza" are done to the place; "protests in Tehran"
    # only happen there
    done_to_place = any(s.code[:2] >= "15" for s in senses)
    # "the withdrawal of its troops from Armenia": what is moved is no party
    theme = any(s.theme_object for s in senses)
    preps = ctx.words.noun_target_preps
    if any(s.code[:2] == "15" for s in senses):
        preps = preps | ctx.words.posture_preps  # "drills near Taiwan"
    if theme:
        preps = preps - {"of"} | {"from"}
    if noun.lemma_.lower() in ctx.words.patient_nouns and not _of_phrase(noun):
        # "his arrest", "Navalny's sentencing": the possessor is the one it is done to (not
        # in "the court's sentencing of Navalny")
        sufferers = [p for c in noun.children if c.dep_ == "poss"
                     for p in parties_at(ctx, c) if p.named]
        if sufferers:
            return sufferers
    phrases = list(noun.children)
    if noun.dep_ == "dobj" and _reacts(ctx, ctx.lex.verb_lemma(noun.head)):
        # "condemned the attack by gunmen on a school": the act's own phrase, which the
        # parser hangs on the verb reacting to it
        phrases += [c for c in noun.head.children if c.i > noun.i
                    and c.lower_ in ctx.words.aimed_preps]
    found = [(p, child.lower_ in ctx.words.place_preps and _is_place(ctx, g))
             for child in phrases
             if child.dep_ == "prep" and child.lower_ in preps
             # ("an agreement on the return of migrants": what talks are on is their topic)
             and not (talks and child.lower_ in {"in", "on"})
             for g in child.children if g.dep_ == "pobj"
             for p in parties_at(ctx, g) if p.named]
    # where it happened is a target only of an act done to the place, when nobody else is
    # named ("the arrest of Ali in Cairo" is done to Ali)
    others = [p for p, place in found if not place]
    return others if others or not done_to_place else [p for p, _ in found]


def _talk_noun(ctx: EventContext, noun: Token) -> bool:
    """Whether ``noun`` names talks, a promise or an agreement (a noun sense of roots 03-05),
    whose "on" phrase says what it is about."""
    return any(s.code[:2] in {"03", "04", "05"} for s in ctx.lex.nouns.get(noun.lemma_.lower(), []))


def _is_place(ctx: EventContext, token: Token) -> bool:
    """Whether ``token`` names a place ("protests in Tehran": where they were, not whom
    against)."""
    cluster = ctx.actor_of.get(token.i)
    if cluster is not None:
        return cluster.kind == "location"
    return token.ent_type_ in {"LOC", "FAC"}


@same_while_nothing_coded
def parties_at(ctx: EventContext, token: Token) -> list[Party]:
    """A participant and those coordinated with it ("Russia and China"); a thing that is not
    an actor gives way to the actor its phrase names ("an agreement with Iran")."""
    found = []
    if token.lower_ in ctx.words.relative_pronouns and token.head.dep_ == "relcl":
        antecedent = coordination_head(token.head.head)  # "lawmakers and a bishop who sought"
        maker = _object_maker(ctx, antecedent) if token.dep_ == "dobj" else None
        if maker is not None:
            # "Hungary adopted a law, which the Commission criticised": the law's maker
            return [replace(maker, token=token)]
        token = antecedent
    owners = _joint_owners(ctx, token) or _coordinated_countries(ctx, token)
    if owners:
        return owners
    speakers = _speaking_group(ctx, token)
    if speakers:
        return speakers
    if token.lower_ in ctx.words.plural_pronouns and token.i not in ctx.actor_of:
        own = _own_side(ctx, token)
        if own is not None:
            return [own]
        listed = _listed_antecedents(ctx, token)
        if listed:
            return listed
    elif token.lower_ in ctx.words.plural_pronouns and token.dep_ in SUBJECTS:
        # "Cuba and Norway expressed concern. They urged the ELN ...": the actors stage links
        # "they" to the first of the list; it stands for the whole list
        listed = _listed_antecedents(ctx, token)
        if len(listed) > 1 and ctx.actor_of[token.i].id in {p.actor for p in listed}:
            return [replace(p, token=token) for p in listed]
    pair = _the_two(ctx, token) or _numbered_list(ctx, token)
    if pair:
        return pair
    if token.lemma_.lower() in ctx.words.agents:
        # "troops of the two nuclear-armed neighbours exchanged fire": each side's
        sides = [p for g in prep_objects(token, {"of"}) for p in _the_two(ctx, g, inside=True)]
        if sides:
            # (each side as its state: "Indian citizens" named last are not India's troops)
            return [as_state(ctx, c.country, p, token) if (c := ctx.cluster(p)) is not None
                    and c.country else replace(p, token=token) for p in sides]
    part = _counted_members(ctx, token)
    if part is not None:
        return [part]
    members = [token, *conjuncts(token)]
    if token.dep_ in SUBJECTS and not members[1:]:
        # "President of the Senate, Bukola Adeyemi, Senator Dan Bello and Senator Ruth Ade
        # have sued": the parser hangs the other doers on the apposition's name
        # (named ones only: "Valeska Paris, an Australian woman and former Scientologist,
        # claimed" describes one doer)
        members += [c for a in token.children if a.dep_ == "appos"
                    and not any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in a.children)
                    for c in conjuncts(a) if c.i in ctx.actor_of]
    for member in members:
        owners = _joint_owners(ctx, member, listed=True) if members[1:] else []
        if owners:
            # "the African Union and the governments of Turkey, Kenya and Britain": each
            # state of a listed member's "of" phrase
            found += owners
            continue
        party = party_at(ctx, member)
        if party is not None and party.actor is None and member.lemma_.lower() not in ctx.lex.nouns:
            # "the only two Arab states with treaties - Egypt and Jordan - criticised": the
            # actors in apposition are the participants (no actor renames an event: "signed
            # an agreement ..., alarming Canberra" is a clause the parser hung there)
            named = [p for a in member.children if a.dep_ == "appos"
                     for m in [a, *conjuncts(a)] if (p := party_at(ctx, m, own_only=True))
                     is not None and p.actor]
            if named:
                found += named
                continue
        listed = _included(ctx, member) if party is not None and not party.named else []
        if listed:
            found += listed  # "talks with other partners, including Japan and Canada"
            continue
        if party is not None and not party.named and (
                member.dep_ not in SUBJECTS or member.dep_ == "nsubjpass"):
            # ("Russia's demand was rejected by NATO": a passive subject is acted on, as an
            # object is)
            reacted = reacted_to(ctx, member)
            doers = [p for p in noun_sources(ctx, member) if p.named] if reacted else []
            if doers:
                # "condemned the killing of journalists by the police": the police, who did it
                found += doers
                continue
            inner = named_inside(ctx, member, victims=not reacted)
            if inner is None:
                # "slammed the impeachment hearings": held by the legislators named before;
                # "the Church denied these allegations": made by whoever alleged them
                replying = member.dep_ == "dobj" and member.head.lemma_.lower() in (
                    ctx.words.charge_replies)
                found += (maker_of(ctx, member) if member.dep_ == "dobj" and _reacting(
                    ctx, member.head) else []) or (
                    accuser_of(ctx, member) if replying else []) or [party]
                continue
            pair = _the_two(ctx, inner.token) if inner.token.i != member.i else []
            if pair:
                found += pair  # "called for dialogue between the parties": the two sides
                continue
            # "officials from Mexico, Canada and Japan": each named one coordinated with it
            # (or with the noun it modifies: "support from Arab states and Turkey")
            named_head = inner.token.head if inner.token.dep_ in _MODIFIERS and (
                inner.token.head.i != member.i) else None
            found += [inner, *(other for c in (*conjuncts(inner.token), *(
                conjuncts(named_head) if named_head is not None else ()))
                               if (other := party_at(ctx, c, own_only=True)) is not None
                               and other.named and other.key != inner.key)]
        elif party is not None:
            found.append(party)
    return found


def maker_of(ctx: EventContext, noun: Token) -> list[Party]:
    """The institution that made a thing no phrase names the maker of: the last actor of the
    sector that makes such things named in the sentences before ("the sentence": the court;
    "the hearings": the legislators; event_words.yaml ``made_by``)."""
    # (by its word too: the tagger may read "the ruling" as a verb, lemma "rule")
    sectors = ctx.words.made_by.get(noun.lemma_.lower()) or ctx.words.made_by.get(noun.lower_)
    if sectors is None or any(c.dep_ in {"poss", "compound", "amod"} and c.i in ctx.actor_of
                              for c in noun.children):
        return []
    # (not the one reacting: "his lawyer criticised the verdict"; a noun that is its verb's
    # own subject has no one reacting to it there: "called for the inquiry to be independent")
    own = set() if noun.dep_ in SUBJECTS else {
        p.actor for p in subjects_of(ctx, noun.head) if p.actor}
    for _, cluster in ctx.actors_before(noun, ctx.words.made_by_sentences):
        if cluster.sector in sectors and cluster.id not in own:
            return [Party(cluster.id, cluster.name, True, noun)]
    return []


def accuser_of(ctx: EventContext, noun: Token, replying: Token | None = None) -> list[Party]:
    """Who made the allegations a reply is about ("Paris claims she was held ... The Church
    denied these allegations"): the subject of the last verb of alleging or accusing in the
    sentences before (event_words ``alleging``, ``accusation_nouns``), other than the one
    replying (the subject of ``replying``, by default the verb the noun hangs on)."""
    lemma = noun.lemma_.lower()
    # ("called the report disinformation": a report is whoever last told something, not of
    # the replying side: "Azerbaijan's Defence Ministry said Armenian units had fired ...")
    told = lemma in ctx.words.disputed_nouns
    if lemma not in ctx.words.accusation_nouns and not told:
        return []
    repliers = [] if replying is None and noun.dep_ in SUBJECTS else subjects_of(
        ctx, replying if replying is not None else noun.head)  # (as in maker_of)
    own = {p.actor for p in repliers if p.actor}
    own_countries = {c.country for p in repliers if (c := ctx.cluster(p)) is not None} - {None}
    start = ctx.window_start(noun, ctx.words.accuser_sentences)
    for i in range(noun.i - 1, start - 1, -1):
        token = ctx.tokens[i]
        verb = token.lemma_.lower()
        if token.pos_ == "VERB" and (
                verb in ctx.lex.reporting and any(c.dep_ == "ccomp" for c in token.children)
                if told else verb in ctx.words.alleging or verb in ctx.words.accusing_verbs):
            accusers = [p for p in subjects_of(ctx, token)
                        if p.actor and p.actor not in own and not (
                            told and getattr(ctx.cluster(p), "country", None) in own_countries)]
            if accusers:
                return [replace(p, token=noun) for p in accusers]
    return []


def _included(ctx: EventContext, noun: Token) -> list[Party]:
    """The actors an unnamed group is given as ("other partners, including Japan, Canada and
    Mexico"): those of its "including" list."""
    return [party for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "including"
            for pobj in prep.children if pobj.dep_ == "pobj"
            for member in [pobj, *conjuncts(pobj)]
            if (party := party_at(ctx, member, own_only=True)) is not None and party.actor]


def _counted_members(ctx: EventContext, token: Token) -> Party | None:
    """ "Police detained nine opposition activists ... Seven were later released": a bare
    number as a clause's subject counts members of the group of people named last, in its
    sentence or the one before, when that group is counted with a larger number."""
    if (token.pos_ != "NUM" or token.dep_ not in SUBJECTS or token.i in ctx.actor_of
            or any(c.dep_ == "prep" for c in token.children)):
        return None
    part = number_value(token)
    if part is None:
        return None
    for index, cluster in ctx.actors_before(token, 1):
        if cluster.kind == "group":
            whole = [value for c in ctx.tokens[index].children if c.dep_ == "nummod"
                     and (value := number_value(c)) is not None]
            if whole and part < whole[0]:
                return Party(cluster.id, token.text, True, token)
            return None
    return None


def _coordinated_countries(ctx: EventContext, token: Token) -> list[Party]:
    """ "US and British forces", "Israeli and Egyptian officials": one body of each country
    the coordinated modifiers name (the actors stage keeps the phrase as one actor, of one
    country or none), each as the body of its state."""
    cluster = ctx.actor_of.get(token.i)
    role = lexicon().roles.get(token.lemma_.lower())
    sector = (cluster.sector if cluster is not None else None) or (
        role.sector if role is not None else None)
    if not sector:
        return []
    for modifier in token.children:
        if modifier.dep_ not in {"amod", "compound", "nmod"}:
            continue
        # (nationality adjectives too, which conjuncts() leaves out)
        group = [modifier, *(c for c in modifier.subtree if c.dep_ == "conj")]
        countries = [country_of(m.text) for m in group]
        if len(group) > 1 and all(countries) and len(set(countries)) == len(countries):
            return [Party(ctx.implied_actor(sector, country).id, phrase(token), True, token)
                    for country in countries]
    return []


def _joint_owners(ctx: EventContext, token: Token, listed: bool = False) -> list[Party]:
    """ "The leaders of India and China met": the coordinated states of a role noun's
    "of" phrase are the participants, one each; so are coordinated nationalities before a
    noun that is no role ("French and Egyptian warships", "US and British jets": a role noun,
    "Israeli and Palestinian negotiators", is one actor of the actors stage). A noun
    coordinated with others is ``listed`` by the caller, one member at a time."""
    if conjuncts(token) and not listed:
        return []
    for modifier in (c for c in token.children if c.dep_ in {"amod", "compound", "nmod"}):
        # (conjuncts() follows nouns only; nationalities are adjectives)
        members = [modifier, *(c for c in modifier.children if c.dep_ == "conj")]
        clusters = [ctx.actor_of.get(m.i) for m in members]
        if len(members) > 1 and all(c is not None and c.country for c in clusters):
            return [Party(c.id, c.name, True, token) for c in clusters if c is not None]
    if token.lemma_.lower() not in ctx.words.agents:
        return []
    # "officials from Mexico, Canada and Japan made concessions": one each too
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "from"}):
        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
            members = [pobj, *conjuncts(pobj)]
            parties = [party_at(ctx, m, own_only=True) for m in members]
            if len(members) > 1 and all(p is not None and p.actor for p in parties):
                return [replace(p, token=token) for p in parties if p is not None]
    return []


def reacted_to(ctx: EventContext, noun: Token) -> bool:
    """Whether ``noun`` names an act that its verb reacts to: "condemned the attack on
    Israel", "welcomed the decision" (the verb's senses are all reactions: statements,
    approval, disapproval, rejection); an act noun of the lexicon or a word for someone's
    conduct (event_words ``conduct_nouns``: "condemned the police response")."""
    lemma = noun.lemma_.lower()
    if lemma not in ctx.lex.nouns and lemma not in ctx.words.conduct_nouns:
        return False
    if noun.dep_ == "compound" and noun.head.dep_ == "dobj":
        noun = noun.head  # "condemned the coup attempt": the attempt is the object
    if noun.dep_ != "dobj":
        return False
    return _reacts(ctx, ctx.lex.verb_lemma(noun.head))


def _reacting(ctx: EventContext, verb: Token) -> bool:
    """Whether ``verb`` reacts here: every sense of it is a reaction, or the sense its words
    choose is ("welcomed the ruling"; "welcomed him to Kyiv" hosts)."""
    lemma = ctx.lex.verb_lemma(verb)
    if _reacts(ctx, lemma):
        return True
    senses = ctx.lex.senses(lemma)
    chosen = choose(senses, verb, words=ctx.words) if senses else None
    return chosen is not None and chosen.code.startswith(tuple(ctx.words.reaction_codes))


def _reacts(ctx: EventContext, lemma: str) -> bool:
    """Whether every sense of the verb ``lemma`` is a reaction (a statement, approval,
    disapproval or rejection: ``reaction_codes``); False for a verb with no sense."""
    senses = ctx.lex.senses(lemma)
    return bool(senses) and all(s.code.startswith(tuple(ctx.words.reaction_codes))
                                for s in senses)


def named_inside(ctx: EventContext, head: Token, depth: int = 2,
                  victims: bool = True) -> Party | None:
    """The actor a thing belongs to or comes from: "calls by Kofi Annan", "the withdrawal
    of Serbian forces", "a deal with Iran", "Iran's proposal"; without ``victims``, not the
    one an act is done to ("condemned the attack on Israel" is aimed at the attackers)."""
    frontier = [head]
    preps = ctx.words.np_target_preps if victims else (
        ctx.words.np_target_preps - ctx.words.aimed_preps)
    if _talk_noun(ctx, head):
        preps = preps - {"on"}  # "an agreement on the return of migrants": its topic
    # ("condemned the killing of two journalists": whom an act is done to is no doer)
    of_doer = victims or head.lemma_.lower() not in ctx.words.patient_nouns
    owner: Party | None = None  # a possessive pronoun's referent: the last resort
    for _ in range(depth):
        following = []
        for token in frontier:
            for child in token.children:
                if child.dep_ == "prep" and (child.lower_ in preps
                                             # "the agreement between Serbia and Kosovo"
                                             or child.lower_ == "by"
                                             or child.lower_ in ctx.words.between_preps
                                             or child.lower_ == "of" and (
                                                 of_doer or token is not head)):
                    pobjs = [g for g in child.children if g.dep_ == "pobj"]
                    for pobj in pobjs:
                        party = party_at(ctx, pobj, own_only=True)
                        if party is not None and party.named:
                            return party
                    following += pobjs
                elif (child.dep_ == "prep" and child.lower_ == "in" and token is head
                      and (doer := _attack_doer(ctx, child)) is not None):
                    return doer  # "the killing of its commander in a US strike": the US
                elif child.dep_ == "poss" and child.pos_ == "PRON":
                    # "threatening my life", "attacked his home": whose it is, unless the
                    # phrase names another ("reneged on his commitment to the people")
                    found = party_at(ctx, child)
                    owner = owner or (found if found is not None and found.named else None)
                elif child.dep_ in {"poss", "compound", "amod", "nmod"}:
                    party = party_at(ctx, child, own_only=True)
                    if party is not None and party.named:
                        return party
                elif child.dep_ == "relcl" and token is head:
                    maker = _relative_maker(ctx, child)
                    if maker is not None:
                        return maker
                elif child.dep_ == "acl" and token.i not in ctx.actor_of and (
                        token.lemma_.lower() not in ctx.words.agents) and not _mediating(
                        ctx, child):
                    # "a peace plan drawn up by Senegal" (a thing; not a person described by
                    # what others did to them: "a cartel leader wanted by the United States")
                    # ("assets belonging to Russian oligarchs", "accounts linked to the
                    # Chinese government": whose they are)
                    for pobj in (g for a in child.children if a.dep_ == "agent" or (
                                     child.lemma_.lower() in ctx.words.belonging_verbs
                                     and a.lower_ == "to")
                                 for g in a.children if g.dep_ == "pobj"):
                        party = party_at(ctx, pobj, own_only=True)
                        if party is not None and party.named:
                            return party
        frontier = following
    return owner or earlier_owner(ctx, head)


def _mediating(ctx: EventContext, verb: Token) -> bool:
    """Whether a verb's sense is mediation ("a ceasefire brokered by Qatar"): its doer is the
    go-between, no party to the thing (``mediation_code`` in event_words.yaml)."""
    senses = ctx.lex.senses(verb.lemma_.lower()) or ()
    return any(s.code == ctx.words.mediation_code for s in senses)


def _attack_doer(ctx: EventContext, prep: Token) -> Party | None:
    """The named doer of an attack an "in" phrase names ("in a US strike", "in an Israeli air
    raid"): an event noun of force (``force_roots``) with a named modifier."""
    for noun in (g for g in prep.children if g.dep_ == "pobj"):
        senses = ctx.lex.nouns.get(noun.lemma_.lower(), ())
        if not any(s.code[:2] in ctx.words.force_roots for s in senses):
            continue
        for modifier in noun.children:
            if modifier.dep_ in {"amod", "compound", "nmod", "poss"}:
                party = party_at(ctx, modifier, own_only=True)
                if party is not None and party.named:
                    return party
    return None


# How many sentences back "the helicopter" may point at "a US military helicopter".
_THING_SENTENCES = 4


def earlier_owner(ctx: EventContext, head: Token) -> Party | None:
    """Whose a thing named again with "the" is, by its earlier mention with its owner ("a US
    military helicopter crashed ... the Taliban said they shot down the helicopter") or its
    maker ("Hungary adopted a media law ... criticised the law"): the actor that modified the
    same noun last, or made it, within a few sentences. Not an event noun (whose doer is told
    otherwise), nor a thing described again with modifiers of its own."""
    lemma = head.lemma_.lower()
    # (an event noun only with words of its own, "martial law", is a thing without them)
    event_noun = any(not s.with_words for s in ctx.lex.nouns.get(lemma, ()))
    if head.pos_ != "NOUN" or event_noun or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in head.children) or any(
            c.dep_ in _MODIFIERS for c in head.children):
        return None
    for i in range(head.i - 1, ctx.window_start(head, _THING_SENTENCES) - 1, -1):
        earlier = ctx.tokens[i]
        if earlier.lemma_.lower() != lemma or earlier.pos_ != "NOUN":
            continue
        for child in earlier.children:
            if child.dep_ in _MODIFIERS:
                party = party_at(ctx, child, own_only=True)
                if party is not None and party.named:
                    return replace(party, token=head)
        # "Hungary adopted a media law ... The Commission criticised the law"
        maker = _object_maker(ctx, earlier)
        return replace(maker, token=head) if maker is not None else None
    return None


def _relative_maker(ctx: EventContext, clause: Token) -> Party | None:
    """Whose a thing is by the relative clause that says who made or did it: "the policy
    (that) Malaysia adopted", "the sanctions Washington imposed". Not a clause whose verb
    only reacts to it ("the plan Israel rejected") or receives it ("the tariffs China
    faces"), nor one whose relative pronoun is the subject ("the attack that killed ...")."""
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or subjects[0].lower_ in ctx.words.relative_pronouns:
        return None
    if any(c.dep_ == "dobj" and c.lower_ not in ctx.words.relative_pronouns
           for c in clause.children):
        return None  # the thing is no object of the clause ("the day he signed the deal")
    if not _making_verb(ctx, clause.lemma_.lower()):
        return None
    party = party_at(ctx, subjects[0])
    return party if party is not None and party.named else None


def _making_verb(ctx: EventContext, lemma: str) -> bool:
    """Whether a verb's subject made or did the thing that is its object: an authoring or
    holding verb, or any coded act; not a verb that only receives the thing ("the tariffs
    China faces") or reacts to it ("the plan Israel rejected"), nor no act at all ("the policy
    Malaysia likes")."""
    if lemma in ctx.words.receiving_verbs:
        return False
    return lemma in ctx.words.authoring_verbs or lemma in ctx.words.holding_verbs or bool(
        ctx.lex.senses(lemma)) and not _reacts(ctx, lemma)


def _object_maker(ctx: EventContext, thing: Token) -> Party | None:
    """Whose a thing is by the verb it is the object of: "Hungary adopted a law, which the
    Commission criticised" (the law is Hungary's)."""
    verb = thing.head
    if thing.dep_ != "dobj" or verb.pos_ not in {"VERB", "AUX"} or not _making_verb(
            ctx, verb.lemma_.lower()):
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) != 1:
        return None
    party = party_at(ctx, subjects[0], own_only=True)
    return party if party is not None and party.named else None


def _belonging_to(ctx: EventContext, token: Token) -> Token | None:
    """The name of the actor a hyphenated participle names ("Saudi-led", "Greek-owned";
    roles.yaml: ``belonging``): whose the thing or the act it describes is."""
    if token.dep_ != "amod" or token.lemma_.lower() not in lexicon().belonging:
        return None
    return next((g for g in token.children
                 if g.dep_ in {"npadvmod", "compound", "nmod"} and g.i in ctx.actor_of), None)


def party_at(ctx: EventContext, token: Token, own_only: bool = False) -> Party | None:
    """The party ``token`` names, if any; with ``own_only`` only an actor, a name or what
    acts for one (not the words of an unnamed thing, nor a pronoun's antecedent)."""
    if token.i in ctx.dateline:
        return None
    if token.lower_ in ctx.words.relative_pronouns and token.head.dep_ == "relcl":
        token = token.head.head
    if token.lemma_.lower() in ctx.words.quantities or token.like_num:
        inner = prep_objects(token, {"of"})
        if inner:  # "thousands of students", "a group of rebels"
            return party_at(ctx, inner[0], own_only)
        if not own_only and token.lemma_.lower() in ctx.words.people and (
                token.like_num or token.ent_type_ == "CARDINAL"):
            # "thousands took to the streets": a crowd counted only by number
            return Party(None, phrase(token), False, token)
    if token.ent_type_ in ctx.words.not_parties:
        return None
    if token.ent_type_ == "LOC" and token.lemma_.lower() in ctx.words.open_waters:
        return None  # a sea is where an act happened, never whom: "fired into the Sea of Japan"
    owner = _belonging_to(ctx, token)
    if owner is not None:
        token = owner  # "the Saudi-led blockade": done by Saudi Arabia
    cluster = ctx.actor_of.get(token.i)
    if cluster is None and token.dep_ == "appos" and token.pos_ == "NOUN":
        # "the Alliance for American Manufacturing, a group that has applauded ...": the
        # description stands for the named actor it describes
        cluster = ctx.actor_of.get(token.head.i)
    if cluster is not None:
        return Party(cluster.id, phrase(token), True, token)
    if token.lemma_.lower() in ctx.words.holdings:
        # "froze the British assets of two judges": the owner the "of" phrase names, not the
        # country the holdings are in
        for pobj in prep_objects(token, {"of"}):
            party = party_at(ctx, pobj, own_only=True)
            if party is not None and party.named:
                return party
    agentive = token.lemma_.lower() in ctx.words.agents
    # "fired on its positions": a place a side holds stands for the side, as its forces do
    held = token.lemma_.lower() in lexicon().premises
    # "the former British colony" no longer belongs to Britain
    former = any(c.lower_ in ctx.words.former_words for c in token.children)
    for child in token.children:
        # "Ukrainian leaders", "Iran's army" act for their country; "Canada's fires" do not
        if child.dep_ in _MODIFIERS and (agentive or held or child.dep_ != "poss") and (
                not former):
            owner = _belonging_to(ctx, child)  # "a Greek-owned tanker"
            cluster = ctx.actor_of.get((owner or child).i)
            if cluster is None and (agentive or held) and child.lower_ in {"its", "their"}:
                cluster = _owner_of(ctx, child)  # "Ukraine denied its drones attacked"
            if cluster is not None and held and child.lower_ in {"its", "their"} and (
                    cluster.id in _doer_ids(ctx, token)):
                # "the ministry said Armenian forces fired on its positions": no side fires
                # on what it holds itself; the owner is another state or body named before
                cluster = _owner_of(ctx, child, skip=cluster.id)
            if cluster is not None:
                return Party(cluster.id, phrase(token), True, token)
            if child.dep_ == "compound" and not former:
                # "Chinese coast guard ships": the country hangs on the compound's words
                inner = [g for g in child.children if g.dep_ in {"amod", "compound"}]
                while inner:
                    word = inner.pop()
                    if word.i in ctx.actor_of:
                        return Party(ctx.actor_of[word.i].id, phrase(token), True, token)
                    inner += [g for g in word.children if g.dep_ in {"amod", "compound"}]
    if token.ent_type_ in ctx.words.entity_labels:
        return Party(None, entity_text(token), True, token)
    if token.pos_ == "PROPN" and not token.ent_type_ and token.text[:1].isupper():
        return Party(None, phrase(token), True, token)  # a name the tagger missed
    if own_only:
        return None
    for child in token.children:
        if child.dep_ in _MODIFIERS and child.ent_type_ in ctx.words.entity_labels and (
                agentive or child.dep_ != "poss"):
            return Party(None, phrase(token), True, token)
    if token.lower_ in ctx.words.first_person:
        speaker = _quote_speaker(ctx, token)
        if speaker is not None:
            return speaker
    if token.lower_ in ctx.words.second_person:
        addressee = _quote_addressee(ctx, token)
        if addressee is not None:
            return addressee
    if token.lower_ in ctx.words.personal_pronouns:
        antecedent = _antecedent(ctx, token)
        if antecedent is not None:
            return antecedent
    if token.lower_ in {"it", "they", "we"} and token.dep_ in SUBJECTS:
        speaker = _speaker_of(ctx, token)
        if speaker is not None:
            return speaker
    if token.lower_ in ctx.words.cataphoric_pronouns and token.dep_ in SUBJECTS:
        main = _main_subject_after(ctx, token)
        if main is not None:
            return main
    if token.lower_ in ctx.words.thing_pronouns and token.dep_ in SUBJECTS:
        body = _body_antecedent(ctx, token)
        if body is not None:
            return body
    if token.lower_ in ctx.words.thing_pronouns and token.dep_ == "dobj":
        body = _addressed_body(ctx, token)
        if body is not None:
            return body
    if token.dep_ not in SUBJECTS and protest_noun(ctx, token):
        return protest_crowd(ctx, token)
    if token.lemma_.lower() in ctx.words.country_nouns:
        country = _named_country(ctx, token)
        if country is not None:
            return country
    if token.dep_ in SUBJECTS and token.pos_ == "NOUN" and token.head.pos_ == "VERB" and (
            token.lemma_.lower() in ctx.lex.nouns):
        # (of an act's verb: "the battles are a threat to X" says what they are)
        # "the bombing by Hamas killed five people": the act's doer does the harm
        doers = [p for p in noun_sources(ctx, token) if p.named and p.actor]
        if doers:
            return replace(doers[0], text=phrase(token), token=token)
    if token.pos_ in {"NOUN", "PROPN", "PRON"}:
        linked = anaphor(ctx, token)
        if linked is not None:
            return linked
        return Party(None, phrase(token), False, token)
    return None


def protest_noun(ctx: EventContext, token: Token) -> bool:
    """Whether ``token`` names a protest ("the protests", "a rally"; "the strikes" only when
    its words make them a walkout, not air strikes)."""
    senses = ctx.lex.nouns.get(token.lemma_.lower(), ())
    if token.pos_ != "NOUN" or not any(sense.code[:2] == "14" for sense in senses):
        return False
    if all(sense.code[:2] == "14" for sense in senses):
        return True
    chosen = choose(list(senses), token, noun_context=True, words=ctx.words)
    return chosen is not None and chosen.code[:2] == "14"


def protest_crowd(ctx: EventContext, noun: Token) -> Party:
    """Those who protest, as the party a protest noun stands for when something is done to it
    ("police crushed the protests", "banned the rallies"): the protesters named in the last
    few sentences, else the protesters of the place it was held in (an implied actor)."""
    for _, cluster in ctx.actors_before(noun, 3):
        if cluster.sector == "OPP" and cluster.kind == "group":
            return Party(cluster.id, phrase(noun), True, noun)
    places = [ctx.actor_of.get(g.i) for g in prep_objects(noun, ctx.words.place_preps)]
    country = next((p.country for p in places if p is not None and p.country), None)
    crowd = ctx.implied_actor("OPP", country)
    return Party(crowd.id, phrase(noun), True, noun)


def _owner_of(ctx: EventContext, pronoun: Token, skip: str | None = None
              ) -> ActorCluster | None:
    """The state or body an unresolved "its/their" stands for: the nearest one named
    before it in the sentence ("Ukraine denied that its drones had attacked ..."), other than
    actor ``skip``."""
    # ("its" is no group's: "the ministry said troops fired on its positions")
    kinds = {"country", "organization"} if pronoun.lower_ == "its" else {
        "country", "organization", "group"}
    for token in reversed(ctx.tokens[pronoun.sent.start:pronoun.i]):
        cluster = ctx.actor_of.get(token.i)
        if cluster is not None and cluster.kind in kinds and cluster.id != skip:
            return cluster
    return None


def _doer_ids(ctx: EventContext, thing: Token) -> set[str]:
    """The actors named as subject or object of the verb ``thing`` is the object of (directly
    or through a preposition: "firing on its positions"), else of the first verb above it
    that names one ("accused Armenian forces of firing on its positions": the accused fire)."""
    verb = thing.head.head if thing.dep_ == "pobj" else thing.head
    for _ in range(4):
        found = {ctx.actor_of[c.i].id for c in verb.children
                 if c.dep_ in {"nsubj", "nsubjpass", "dobj"} and c.i in ctx.actor_of}
        if found or verb.dep_ not in {"pcomp", "prep", "xcomp", "conj"} or (
                verb.head.i == verb.i):
            return found
        verb = verb.head
    return set()


def attributed_to(ctx: EventContext, verb: Token) -> list[Party]:
    """The named parties of an "according to" phrase on ``verb`` or a word above it ("killed
    12 people, according to Gaza officials")."""
    return [p for word in (verb, *verb.ancestors) for prep in word.children
            if prep.dep_ == "prep" and prep.lower_ == "according"
            for g in prep_objects(prep, {"to"}) for p in parties_at(ctx, g) if p.named]


def reporter_of(ctx: EventContext, clause: Token) -> Token | None:
    """The verb of saying whose reported clause ``clause`` is ("the army said [20 militants
    were killed]"), if it is one."""
    if clause.dep_ in {"ccomp", "parataxis"} and clause.head.lemma_.lower() in ctx.lex.reporting:
        return clause.head
    return None


def _own_side(ctx: EventContext, pronoun: Token) -> Party | None:
    """ "Erekat said they would take a series of measures": what a speaker says "they" will
    do is his own side's plan (the speaker stands for it), not the act of whoever was listed
    last; a past act ("said they attacked") may be anyone's."""
    if pronoun.dep_ not in SUBJECTS:
        return None
    clause = clause_of(pronoun)
    if not any(c.dep_ == "aux" and c.lower_ in ctx.words.intent_auxiliaries
               for c in clause.children):
        return None
    reporter = reporter_of(ctx, clause)
    if reporter is None or any(c.dep_ in {"dobj", "dative"} for c in reporter.children):
        return None  # ("told the officials they would need to": the ones told)
    speakers = [p for p in subjects_of(ctx, reporter) if p.named and p.actor]
    return replace(speakers[0], text=pronoun.text, token=pronoun) if speakers else None


def _speaking_group(ctx: EventContext, pronoun: Token) -> list[Party]:
    """ "Cuba and Norway said that they regretted the suspension": a plural subject pronoun of
    a reported clause stands for the several actors who report it (the actors stage links a
    pronoun to one actor only)."""
    if pronoun.lower_ not in ctx.words.plural_pronouns or pronoun.dep_ not in SUBJECTS:
        return []
    reporter = reporter_of(ctx, clause_of(pronoun))
    if reporter is None:
        return []
    speakers = [p for p in subjects_of(ctx, reporter) if p.named and p.actor]
    if len({p.actor for p in speakers}) < 2:
        return []
    return [replace(p, token=pronoun) for p in speakers]


def _speaker_of(ctx: EventContext, pronoun: Token) -> Party | None:
    """ "Syria says it is willing ...": a pronoun subject of a reported clause is the
    speaker, when the actors stage has not resolved it."""
    clause = clause_of(pronoun)
    if clause.dep_ not in {"ccomp", "parataxis"}:
        return None
    reporter = clause.head
    if (reporter.lemma_.lower() not in ctx.lex.reporting
            and reporter.lemma_.lower() not in ctx.words.speech_verbs):
        return None
    speakers = [p for p in subjects_of(ctx, reporter) if p.named]
    kinds = ctx.words.pronoun_kinds.get(pronoun.lower_)
    if kinds is not None:
        # "leaders, who argued that it had ...": "it" is not the leaders
        speakers = [p for p in speakers
                    if getattr(ctx.cluster(p), "kind", None) in kinds]
    return replace(speakers[0], text=pronoun.text, token=pronoun) if speakers else None


def _quote_speaker(ctx: EventContext, pronoun: Token) -> Party | None:
    """"I" or "we" inside a direct quote is its speaker ("'I rejected it,' Biden said")."""
    quote = ctx.quote_at(pronoun.idx)
    if quote is not None and quote.kind == "direct" and quote.speaker:
        return Party(quote.speaker, pronoun.text, True, pronoun)
    return None


def _quote_addressee(ctx: EventContext, pronoun: Token) -> Party | None:
    """ "You" inside a direct quote is whom the speaker addresses, when the cue names one
    ("'We implore you to act,' the doctors wrote in a letter to the minister", "told the
    envoy"); never the press ("told reporters")."""
    quote = ctx.quote_at(pronoun.idx)
    if quote is None or quote.kind != "direct" or quote.cue is None:
        return None
    cue = next((t for t in ctx.tokens[pronoun.sent.start:] if t.idx >= quote.cue.start), None)
    if cue is None or cue.idx >= quote.cue.end:
        return None
    heard = [c for c in cue.children if c.dep_ in {"dative", "dobj"}]
    # "wrote in a letter to the minister", "said in a message to X": the message's "to"
    heard += [g for c in cue.subtree if c.dep_ == "prep" and c.lower_ == "to"
              and _through_phrases(c, cue) for g in c.children if g.dep_ == "pobj"]
    for token in heard:
        if token.lemma_.lower() in ctx.lex.press_audiences:
            continue
        party = party_at(ctx, token)
        if party is not None and party.named and party.actor and getattr(
                ctx.cluster(party), "sector", None) != "MED":
            return replace(party, text=pronoun.text, token=pronoun)
    return None


def _through_phrases(token: Token, head: Token) -> bool:
    """Whether ``token`` hangs from ``head`` through prepositional phrases only ("wrote in a
    letter to ...": "to" under "letter" under "in" under "wrote")."""
    while token.i != head.i:
        if token.dep_ not in {"prep", "pobj"} or token.head.i == token.i:
            return False
        token = token.head
    return True


# How many sentences before a pronoun or "the country" may name what it stands for.
_RECENT_SENTENCES = 3


def _clause_subjects(ctx: EventContext, token: Token) -> set[str | None]:
    """The actor ids of the subjects of the clause ``token`` is in: never what it stands for
    ("Putin praised him")."""
    return {getattr(ctx.actor_of.get(c.i), "id", None)
            for c in clause_of(token).children if c.dep_ in SUBJECTS}


def _antecedent(ctx: EventContext, pronoun: Token) -> Party | None:
    """Fallback when the actors stage left a pronoun unresolved: the last person named
    before it who is not the subject of the same clause ("Putin praised him")."""
    subjects = _clause_subjects(ctx, pronoun)
    # Among people named in the last few sentences, the most talked-about one so far.
    window_start = ctx.window_start(pronoun, _RECENT_SENTENCES)
    best: tuple[int, int, str] | None = None
    for cluster in ctx.actors:
        if cluster.kind != "person" or cluster.id in subjects:
            continue
        ends = [m.end for m in cluster.mentions if m.end <= pronoun.i]
        if not ends or max(ends) <= window_start:
            continue
        score = (len(ends), max(ends), cluster.id)
        best = max(best, score) if best else score
    if best is None:
        return None
    return Party(best[2], pronoun.text, True, pronoun)


def names_both(noun: Token) -> bool:
    """Whether ``noun`` is said to be two sides at once ("the two sides", "both countries")."""
    return any((c.dep_ == "nummod" and c.lower_ == "two")
               or (c.dep_ in {"det", "predet"} and c.lower_ == "both") for c in noun.children)


def _the_two(ctx: EventContext, noun: Token, inside: bool = False) -> list[Party]:
    """ "The two sides continue to negotiate", "both countries": the last two actors of two
    different countries named before, in this sentence or the three before (``pair_nouns``).
    ``inside``: the noun is inside a larger mention ("troops of the two neighbours"), whose
    actor is not the pair's."""
    # (the actors stage may keep "both countries" as a group)
    own = None if inside else ctx.actor_of.get(noun.i)
    lemma = noun.lemma_.lower()
    each = noun.dep_ in SUBJECTS and names_each(noun) and (
        noun.lower_ == "each" or lemma in ctx.words.pair_nouns)
    # "urged all sides", "called on all parties": the sides of a conflict, however many, as
    # addressed (not "lawmakers of both parties")
    sides = lemma in ctx.words.warring_nouns and not inside and (
        noun.dep_ in {"dobj", "dative"} or noun.dep_ == "pobj" and noun.head.lower_ in {
            "on", "upon", "to"}) and (names_both(noun) or any(
                c.dep_ in {"det", "predet"} and c.lower_ == "all" for c in noun.children))
    # "called for dialogue between the parties": those the phrase is between
    between = (lemma in ctx.words.warring_nouns and not inside and noun.dep_ == "pobj"
               and noun.head.lower_ in ctx.words.between_preps and not names_both(noun))
    if not each and not sides and not between and (
            (own is not None and own.country)
            or lemma not in ctx.words.pair_nouns or not names_both(noun)):
        return []
    # (not the clause's own doers: "the US and Britain urged both sides to talk")
    clause = clause_of(noun)
    while clause.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in clause.children):
        clause = clause.head  # "Cuba and Norway regretted ... and called on both sides"
    subjects = [m for s in clause.children if s.dep_ in SUBJECTS for m in (s, *conjuncts(s))]
    doers = {c.id for m in subjects if (c := ctx.actor_of.get(m.i)) is not None}
    doers |= {p.actor for m in subjects for p in _speaking_group(ctx, m) if p.actor}
    if not subjects:
        # "Brazil said it was ready to facilitate dialogue between the two countries": the
        # doer of a clause of no subject of its own
        doers |= {p.actor for p in subjects_of(ctx, clause) if p.actor}

    # "made a state visit to China, where the two sides signed 20 agreements": two countries
    # of its own sentence; else the two sides of the last conflict told ("India and Pakistan
    # exchanged fire ... a State Department spokesman said ... China called on both sides"),
    # the last two countries named
    own_doers = doers
    if between:
        # the sides of the last conflict told, of two countries before one's own
        return (last_conflict_pair(ctx, noun, own_doers)
                or last_conflict_pair(ctx, noun, own_doers, civil=True))
    if noun.dep_ in {"dobj", "dative"} or (
            noun.dep_ == "pobj" and noun.head.lower_ in {"on", "upon", "to"}):
        # (nor the doers' own country when the two are addressed: "the Turkish foreign
        # ministry urged both countries" after talks in Ankara; "closed the crossing between
        # the two countries" is one of them)
        doers = with_compatriots(ctx, doers)
    if sides and not names_both(noun):
        # "urged all parties to refrain from attacks": those of the last conflict told, of one
        # country or two
        return last_conflict_pair(ctx, noun, own_doers, civil=True)
    # "a Turkish diplomat said the two sides had agreed": the people who report what the two
    # did are no side, where the story names two others (a state reporting may be one)
    reporter = reporter_of(ctx, clause)
    reporters = {p.actor for p in subjects_of(ctx, reporter) if p.actor and getattr(
        ctx.cluster(p), "kind", None) in {"person", "group"}} if reporter else set()
    for excluded in ([doers | reporters] if reporters else []) + [doers]:
        pair = (last_two_countries(ctx, noun, 0, excluded)
                or last_conflict_pair(ctx, noun, excluded)
                or last_coordinated_pair(ctx, noun, 3, excluded)
                or last_two_countries(ctx, noun, 3, excluded))
        if pair:
            return pair
    # "called on both sides" of a civil conflict (the government and a rebel group, the police
    # and protesters), with the doers' compatriots
    if sides:
        return last_conflict_pair(ctx, noun, own_doers, civil=True)
    if lemma in ctx.words.warring_nouns or (
            lemma in ctx.words.pair_nouns and lemma not in ctx.words.country_nouns):
        # "Yemen's government and the Houthis met ... the two sides accused each other": the
        # sides of one country named together, else of its last conflict
        return (last_coordinated_pair(ctx, noun, 3, doers, one_country=True)
                or last_conflict_pair(ctx, noun, doers, civil=True))
    return []


def with_compatriots(ctx: EventContext, ids: set[str]) -> set[str]:
    """The actors ``ids`` and every actor of their countries."""
    countries = {c.country for i in ids if (c := ctx.clusters.get(i)) is not None} - {None}
    return ids | {c.id for c in ctx.clusters.values() if c.country in countries}


def last_two_countries(ctx: EventContext, noun: Token, sentences: int, doers: set[str]
                        ) -> list[Party]:
    """The last two actors of two different countries named before ``noun``, in its sentence
    and the ``sentences`` before, other than ``doers`` and places."""
    found: dict[str, Party] = {}  # by country: "both countries" are two states, and
    # "Indian airlines" named last is no second side to India
    states = noun.lemma_.lower() in ctx.words.country_nouns
    for i, cluster in ctx.actors_before(noun, sentences):
        if (cluster.country in found or cluster.kind == "location" or not cluster.country
                or cluster.id in doers or states and _names_private_people(ctx, ctx.tokens[i])):
            continue
        found[cluster.country] = Party(cluster.id, ctx.tokens[i].text, True, noun)
        if len(found) == 2:
            if states:
                # "both countries" are the states themselves, where the story names them
                return [as_state(ctx, country, party, noun) for country, party in found.items()]
            return list(found.values())
    return []


def last_coordinated_pair(ctx: EventContext, noun: Token, sentences: int, doers: set[str],
                          one_country: bool = False) -> list[Party]:
    """The last two actors of two different countries (with ``one_country``, also of one)
    named together ("urged Ethiopia and Somalia to talk ... the two sides agreed") before
    ``noun``, in its sentence and the ``sentences`` before, neither one of ``doers`` nor a
    place."""
    states = noun.lemma_.lower() in ctx.words.country_nouns
    for i, second in ctx.actors_before(noun, sentences):
        token = ctx.tokens[i]
        if token.dep_ != "conj":
            continue
        first = ctx.actor_of.get(token.head.i)
        sides = (first, second)
        if states and _names_private_people(ctx, token):
            continue
        if first is None or first.id == second.id or not all(
                c.country and c.kind != "location" and c.id not in doers for c in sides
        ) or first.country == second.country and not one_country:
            continue
        found = [Party(first.id, token.head.text, True, noun),
                 Party(second.id, token.text, True, noun)]
        if states:
            return [as_state(ctx, c.country, p, noun)
                    for c, p in zip(sides, found, strict=True)]
        return found
    return []


def _names_private_people(ctx: EventContext, token: Token) -> bool:
    """Whether ``token`` is a nationality word on people who are not the state ("both
    Lebanese and Syrian refugees", "Indian firms"): no stand-in for "the two countries"."""
    while token.dep_ == "conj":
        token = token.head
    owner = ctx.actor_of.get(token.head.i) if token.dep_ == "amod" else None
    return owner is not None and owner.sector in ctx.words.individual_sectors


# How many sentences back "both sides" or "the three countries" may have been told.
_GROUP_SENTENCES = 8


def last_conflict_pair(ctx: EventContext, noun: Token, doers: set[str], civil: bool = False
                        ) -> list[Party]:
    """The two sides, of two countries (with ``civil``, also of one), of the last conflict
    event (QuadClass 3 or 4) kept in the sentences before ``noun``, when neither is one of
    ``doers``."""
    start = ctx.window_start(noun, _GROUP_SENTENCES)
    # the sides of the last use of force, else of the last verbal conflict ("urged the two
    # sides to show restraint" after a clash, not after an accusation told since); a use of
    # force told further back is the story's conflict, before a quarrel told since ("Friday's
    # fighting" between Armenia and Azerbaijan ... "Yerevan accused the Russian troops of
    # standing by" ... "urged the two sides to show restraint")
    for lowest, first in ((4, start), (4, 0), (3, start)):
        pair = _conflict_pair(ctx, first, lowest, doers, noun, civil)
        if pair:
            return pair
    return []


def last_armed_pair(ctx: EventContext, noun: Token) -> list[Party]:
    """The doer and the one done to of the last use of force (``force_roots``) kept in the
    sentences before ``noun``: the sides of "the fighting" the sentence names no one in."""
    start = ctx.window_start(noun, _GROUP_SENTENCES)
    for index, done_to, doer, code in reversed(ctx.acted_on):
        if index < start:
            break
        target, source = ctx.clusters.get(done_to), ctx.cluster(doer)
        if (code[:2] in ctx.words.force_roots and target is not None and source is not None
                and target.id != source.id
                and "location" not in {target.kind, source.kind}):
            return [replace(doer, token=noun), Party(target.id, target.name, True, noun)]
    return []


def _conflict_pair(ctx: EventContext, start: int, lowest: int, doers: set[str],
                   noun: Token, civil: bool = False) -> list[Party]:
    """The two sides of the last event of QuadClass ``lowest`` or more kept from token
    ``start`` on (see :func:`last_conflict_pair`)."""
    dealings = ctx.dealings  # kept in pairs: (doer, whom) then (whom, doer) of each event
    for k in range(len(dealings) - 1, 0, -1):
        index, quad, whom, doer = dealings[k]
        if index < start:
            break
        if dealings[k - 1][0] != index or quad < lowest:
            continue
        done_to = dealings[k - 1][3]
        sides = [ctx.cluster(doer), ctx.cluster(done_to)]
        # (no place is a side: "a dispute over the dam on the Blue Nile, which Egypt regards
        # as a threat"; in a civil dispute, two bodies of no country are sides too: a union
        # and a company)
        stateless = civil and not any(c.country for c in sides if c is not None)
        if not all(c is not None and (c.country or stateless) and c.id not in doers
                   and c.kind != "location" for c in sides):
            continue
        if civil and sides[0].country == sides[1].country and sides[0].id != sides[1].id:
            # a civil conflict's sides as themselves ("the government and the ELN")
            return [replace(p, token=noun) for p in (doer, done_to)]
        if sides[0].country != sides[1].country:
            # each side as its state where the story names it ("Indian forces" wounding
            # "civilians": both sides are India and Pakistan)
            return [as_state(ctx, c.country, replace(p, token=noun), noun, countries_only=True)
                    for c, p in zip(sides, (doer, done_to), strict=True)]
    return []


def as_state(ctx: EventContext, country: str, party: Party, noun: Token,
              countries_only: bool = False) -> Party:
    """The state of ``country`` as the story names it, standing for ``party`` at ``noun``
    (else ``party``): see :func:`named_state`."""
    state = named_state(ctx, country, countries_only)
    return Party(state.id, state.name, True, noun) if state is not None else party


def named_state(ctx: EventContext, country: str, countries_only: bool = False
                 ) -> ActorCluster | None:
    """The state of ``country`` as the story names it: its first actor of no sector that is
    no place (with ``countries_only``, its first country actor)."""
    return next((c for c in ctx.actors if c.mentions and c.country == country
                 and c.sector is None and c.kind != "location"
                 and (c.kind == "country" or not countries_only)), None)


# How many sentences back an act's counterpart may have been named with its doer.
COUNTERPART_SENTENCES = 15


def _numbered_list(ctx: EventContext, noun: Token) -> list[Party]:
    """ "The three European countries", "the four governments": the actors of a list of
    exactly that many countries coordinated in the sentences before ("France, Germany and
    Britain said ...")."""
    own = ctx.actor_of.get(noun.i)  # (the actors stage may keep the group as one, uncoded)
    if noun.lemma_.lower() not in ctx.words.pair_nouns or (own is not None and own.country):
        return []
    count = next((ctx.words.list_numbers[c.lower_] for c in noun.children
                  if c.dep_ == "nummod" and c.lower_ in ctx.words.list_numbers), 0)
    if count < 3:
        return []
    # (a list of exactly that many countries is rare enough to be looked for further back)
    start = ctx.window_start(noun, COUNTERPART_SENTENCES)
    for i in range(noun.i - 1, start - 1, -1):
        token = ctx.tokens[i]
        if token.dep_ == "conj" or i not in ctx.actor_of:
            continue  # (a list is read from its first member)
        members = [token, *conjuncts(token)]
        clusters = [ctx.actor_of.get(m.i) for m in members]
        if len(members) == count and all(c is not None and c.country for c in clusters) and (
                len({c.country for c in clusters}) == count):
            return [Party(c.id, m.text, True, noun) for c, m in zip(clusters, members, strict=True)]
    return []


def _listed_antecedents(ctx: EventContext, pronoun: Token) -> list[Party]:
    """A plural pronoun the actors stage left open ("threatening them") stands for the list
    of actors named last before it, in its sentence or the one before ("partners including
    Brazil, India and Japan"), unless that list is its own clause's subject."""
    clause = clause_of(pronoun)
    own = {c.i for c in clause.children if c.dep_ in SUBJECTS}
    sentence = pronoun.sent
    start = ctx.tokens[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    for i in range(pronoun.i - 1, start - 1, -1):
        token = ctx.tokens[i]
        members = [token, *conjuncts(token)]
        if len(members) < 2 or token.i in own or token.dep_ == "conj":
            continue
        clusters = [ctx.actor_of.get(m.i) for m in members]
        actors = [(c, m) for c, m in zip(clusters, members, strict=True)
                  if c is not None and c.kind != "location"]
        # "including Europe, Japan, Canada and Mexico": one name no actor is still the list
        if len(actors) >= 2 and len(actors) >= len(members) - 1:
            return list({c.id: Party(c.id, m.text, True, m) for c, m in actors}.values())
    return []


def _body_antecedent(ctx: EventContext, pronoun: Token) -> Party | None:
    """ "Russia denied the report. It has refused to negotiate": a subject "it" ("they") the
    actors stage left open stands for a state or body (a group) named in the nearest of its
    sentence (before it) and the two before, their subject first; not an "it" that stands
    for nothing ("it is unclear", "it seems"), nor one that stands for a person."""
    head = pronoun.head
    if head.lemma_.lower() in ctx.words.expletive_heads or pronoun.dep_ == "nsubjpass" or any(
            c.dep_ in {"csubj", "csubjpass"} for c in head.children):
        return None
    if head.lemma_.lower() not in ctx.lex.reporting and any(
            c.dep_ == "ccomp" and any(m.dep_ == "mark" for m in c.children)
            for c in head.children):
        return None  # "it's striking that ...": the clause is the subject
    thing = None if pronoun.lower_ in ctx.words.plural_pronouns else _thing_subject_before(
        ctx, pronoun)
    if thing is not None:
        # "it" is the thing; an act ("the refusal") stands for its doer
        doer = anaphor(ctx, thing)
        return replace(doer, text=pronoun.text, token=pronoun) if doer is not None else None
    subjects = _clause_subjects(ctx, pronoun)
    # (nor whom its own verb acts on: "It sued Apple" is not Apple)
    subjects |= {cluster.id for c in head.children if c.dep_ in {"dobj", "dative", "prep"}
                 for t in c.subtree if (cluster := ctx.actor_of.get(t.i)) is not None}
    here = ctx.window_start(pronoun, 0)
    best: tuple[int, bool] | None = None  # (nearness of its sentence, a subject) of the best
    chosen: ActorCluster | None = None
    for token, cluster in _bodies_before(ctx, pronoun, subjects):
        score = (token.sent.start - here, token.dep_ in SUBJECTS)
        if best is None or score > best:
            best, chosen = score, cluster
    if chosen is None:
        return None
    return Party(chosen.id, pronoun.text, True, pronoun)


def _addressed_body(ctx: EventContext, pronoun: Token) -> Party | None:
    """ "Mali demanded the departure of MINUSMA, accusing it of failing to protect
    civilians": an object "it" ("them") of a verb that says what its object did or must do (an
    "of" or "for" phrase, a "to" clause) stands for the state or body named last before it, in
    its sentence or the two before, other than the verb's own doers."""
    verb = pronoun.head
    if not any((c.dep_ == "prep" and c.lower_ in {"of", "for"}
                and any(g.dep_ == "pcomp" for g in c.children))
               or (c.dep_ in {"xcomp", "ccomp"} and to_infinitive(c)) for c in verb.children):
        return None
    doers = {p.actor for p in subjects_of(ctx, verb) if p.actor}
    nearest = next(_bodies_before(ctx, pronoun, doers), None)
    return Party(nearest[1].id, pronoun.text, True, pronoun) if nearest is not None else None


def _bodies_before(ctx: EventContext, pronoun: Token, excluded: Container[str | None]
                   ) -> Iterator[tuple[Token, ActorCluster]]:
    """The states and bodies "it" ("they") may stand for, nearest first, named in its sentence
    before it or the two before (``pronoun_kinds``), with the mentioning token; none of
    ``excluded`` (actor ids)."""
    kinds = ctx.words.pronoun_kinds.get(pronoun.lower_, ())
    plural_pronoun = pronoun.lower_ in ctx.words.plural_pronouns
    for i, cluster in ctx.actors_before(pronoun, 2):
        if cluster.kind not in kinds or cluster.id in excluded:
            continue
        token = ctx.tokens[i]
        plural = token.tag_ in {"NNS", "NNPS"} or cluster.kind == "group"
        if plural_pronoun and not plural:
            continue  # "they" are a group named as many, not a state
        if not plural_pronoun and plural and cluster.kind != "country":
            continue  # "the protesters": they, not it
        yield token, cluster


def _thing_subject_before(ctx: EventContext, pronoun: Token) -> Token | None:
    """The thing "it" more likely stands for than a state: the subject of its sentence's main
    clause, before it, when that is a singular noun that is no actor ("The refusal was
    criticised by leaders, who argued that it had protected ..."); for an "it" that opens its
    sentence, the main subject of the sentence before ("The ban took effect. It ...")."""
    sent = pronoun.sent
    root = sent.root
    if pronoun.i == sent.start or not any(
            c.dep_ in SUBJECTS and c.i < pronoun.i for c in root.children):
        if sent.start == 0:
            return None
        root = ctx.tokens[sent.start - 1].sent.root
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    # (a statement or a report speaks for whoever issued it: "the statement said ... It did
    # not reveal ...")
    if (subject is not None and subject.i < pronoun.i and subject.pos_ == "NOUN"
            and subject.tag_ == "NN" and ctx.actor_of.get(subject.i) is None
            and subject.lemma_.lower() not in ctx.words.spoken_things):
        return subject
    return None


def _named_country(ctx: EventContext, noun: Token) -> Party | None:
    """"The country" with nothing else said about it is the country named last before it in
    the last few sentences, other than its clause's subject ("after Washington invaded the
    country" names the country of the sentence before)."""
    if any(c.dep_ not in {"det"} for c in noun.children) or not any(
            c.lower_ in {"the", "this", "that"} for c in noun.children):
        return None
    subjects = _clause_subjects(ctx, noun)
    window_start = ctx.window_start(noun, _RECENT_SENTENCES)
    best: tuple[int, str] | None = None
    for cluster in ctx.actors:
        if cluster.kind != "country" or cluster.id in subjects:
            continue
        ends = [m.end for m in cluster.mentions if window_start <= m.end <= noun.i]
        if ends and (best is None or max(ends) > best[0]):
            best = (max(ends), cluster.id)
    return Party(best[1], phrase(noun), True, noun) if best else None


def _main_subject_after(ctx: EventContext, pronoun: Token) -> Party | None:
    """ "Since 1989, when it crushed the protests, Beijing has ...": the subject pronoun of a
    clause put before the main one stands for the main clause's subject named after it, when
    nothing before it in the sentence could be meant."""
    sent = pronoun.sent
    if any(ctx.actor_of.get(t.i) is not None for t in ctx.tokens[sent.start:pronoun.i]):
        return None  # an actor named before: the ordinary antecedent
    clause = clause_of(pronoun)
    if clause.dep_ in {"ROOT", "ccomp", "parataxis", "conj"}:
        return None  # the main clause itself or what is said: no fronted clause
    head = clause
    for _ in range(6):
        if head.head.i == head.i:
            break
        head = head.head
        if head.pos_ in {"VERB", "AUX"} and head.i > pronoun.i:
            subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}
                        and c.i > pronoun.i and c.lower_ not in ctx.words.cataphoric_pronouns]
            if subjects:
                party = party_at(ctx, subjects[0], own_only=True)
                return replace(party, text=pronoun.text, token=pronoun) if party else None
    return None


def anaphor(ctx: EventContext, token: Token) -> Party | None:
    """An event noun ("the refusal") as a participant stands for the doer of that event; a
    noun for any act ("condemned the move") for the doer of the last act told in its
    sentence or the two before."""
    lemma = token.lemma_.lower()
    if lemma in ctx.words.act_nouns and any(
            c.dep_ == "det" and c.lower_ in ctx.words.act_determiners for c in token.children):
        # (not the one an act is done to: "criticised the breach of the embassy" is aimed at
        # whoever breached it)
        if named_inside(ctx, token, victims=False) is not None:
            return None  # "the move announced by Pompeo" names its doer
        # "The League condemned the move": the act, not the reactions to it
        doers = last_doers(ctx, token, 2, skip_codes=ctx.words.reaction_codes)
        return doers[0] if doers else None
    senses = ctx.lex.nouns.get(lemma)
    if not senses or not any(c.lower_ in {"the", "this", "that"} for c in token.children):
        return None
    if fought_by_both(ctx, senses):
        return None  # "the fighting has killed thousands": both sides fight, no one doer
    if lemma in ctx.words.made_by:
        # "the hearings", "the verdict": the institution that holds or gives them, not the
        # doer of the last act of the kind the noun may code
        makers = maker_of(ctx, token)
        return makers[0] if makers else None
    if lemma in ctx.words.weapons:
        # "a Houthi anti-ship missile set the carrier on fire ... The missile struck": the
        # weapon's owner named before, not the doer of the last attack told
        owner = earlier_owner(ctx, token)
        if owner is not None:
            return owner
    roots = {s.code[:2] for s in senses}
    for earlier in reversed(ctx.recent):
        # (or the act its verb told, coded by its own words: "seized a tanker" (181) ... "the
        # seizure")
        # (an act told as not done, or not yet, is none "the expulsion" names again: "Croatia
        # does not expel journalists ... condemned the expulsion")
        if earlier.sources and not (earlier.negated or earlier.hypothetical) and (
                earlier.code[:2] in roots or _same_stem(earlier.trigger.lemma_.lower(), lemma)):
            return earlier.sources[0]
    return None


def fought_by_both(ctx: EventContext, senses: list[Sense]) -> bool:
    """Whether an event noun's uses of force are each waged by two sides against each other
    ("the fighting", "clashes"): no one side did what it did."""
    force = [s for s in senses if s.code[:2] in ctx.words.force_roots]
    return bool(force) and all(s.symmetric or s.mutual for s in force)


def _same_stem(verb: str, noun: str) -> bool:
    """Whether an event noun is the verb's own ("seize" / "seizure", "arrest" / "arrest"): the
    first four letters in common."""
    return len(verb) >= 4 and noun[:4] == verb[:4]


def last_doers(ctx: EventContext, token: Token, sentences: int, own: frozenset[str] = frozenset(),
               skip_codes: frozenset[str] = frozenset(), roots: frozenset[str] = frozenset(),
               done_only: bool = False) -> list[Party]:
    """The actors who did the last act told before ``token``, in its sentence or the
    ``sentences`` before, other than ``own`` (actor ids), acts coded with a ``skip_codes``
    prefix left out (with ``roots``, only acts of those CAMEO roots; with ``done_only``, only
    acts told as done, not negated or hypothetical): whom "it" or "the move" stands for."""
    start = ctx.window_start(token, sentences)
    skipped = tuple(skip_codes)
    for earlier in reversed(ctx.recent):
        if earlier.trigger.i >= token.i:
            continue
        if earlier.trigger.i < start:
            break
        if (skipped and earlier.code.startswith(skipped)) or (
                roots and earlier.code[:2] not in roots) or (
                done_only and (earlier.negated or earlier.hypothetical)):
            continue
        doers = [p for p in earlier.sources if p.actor and p.actor not in own]
        if doers:
            return doers
    return []


def previous_doer(ctx: EventContext, token: Token, own: frozenset[str] = frozenset()
                  ) -> list[Party]:
    """The subject of the main clause of the sentence before ``token``'s, when it is an actor
    other than ``own``: whom "it" stands for after a deed that is no coded act ("The party
    renamed its account. 'It was an attempt to mislead voters,' Moy said")."""
    start = ctx.window_start(token, 1)
    if start >= token.sent.start:
        return []
    root = ctx.tokens[start].sent.root
    if root.pos_ not in {"VERB", "AUX"} or root.lemma_.lower() in ctx.lex.reporting:
        return []  # what the sentence before said is no deed
    return [p for c in root.children if c.dep_ == "nsubj"
            for p in parties_at(ctx, c) if p.actor and p.actor not in own]


def possessed_by(ctx: EventContext, party: Party, owners: list[Party]) -> bool:
    """Whether ``party`` is something one of ``owners`` has ("its troops", "Israel's army")."""
    actors = {p.actor for p in owners if p.actor}
    for child in party.token.children:
        if child.dep_ != "poss":
            continue
        owner = ctx.actor_of.get(child.i)
        if owner is not None and owner.id in actors:
            return True  # "Israel's army"
        if child.tag_ == "PRP$":
            # "its troops": a possessive inside the mention gave the thing its owner's country
            return any(same_side(ctx, party, p) for p in owners)
    return False


def reciprocal(token: Token) -> bool:
    """Whether the participant is "each other" / "one another" (or what they possess)."""
    if token.lower_ == "other" and any(c.lower_ == "the" for c in token.children) and any(
            s.lower_ == "each" for s in _each_subjects(token)):
        return True  # "each has accused the other"
    words = {t.lower_ for t in token.subtree}
    return {"each", "other"} <= words or {"one", "another"} <= words


def _each_subjects(token: Token) -> list[Token]:
    """The subject words of the clause ``token`` is acted on in, with their determiners."""
    verb = clause_of(token)
    while verb.dep_ in {"conj", "xcomp", "advcl"} and not any(
            c.dep_ in SUBJECTS for c in verb.children):
        verb = verb.head
    return [w for c in verb.children if c.dep_ in SUBJECTS for w in (c, *c.children)]


def names_each(noun: Token) -> bool:
    """Whether ``noun`` is "each" of two sides ("each has accused the other", "each side")."""
    return noun.lower_ == "each" or any(
        c.dep_ == "det" and c.lower_ == "each" for c in noun.children)


def same_side(ctx: EventContext, one: Party, other: Party) -> bool:
    """Whether two parties are one actor or actors of one country."""
    if one.key == other.key:
        return True
    first, second = ctx.cluster(one), ctx.cluster(other)
    return (first is not None and second is not None and first.country is not None
            and first.country == second.country)


def one_state(ctx: EventContext, one: Party, other: Party) -> bool:
    """Whether both are the same state named twice ("India ... New Delhi"); not a state and
    a group it only modifies ("Croatia investigated Croatian extremists")."""
    if through_modifier(ctx, one) or through_modifier(ctx, other):
        return False
    return own_state(ctx, one, other) and own_state(ctx, other, one)


def own_state(ctx: EventContext, party: Party, of: Party) -> bool:
    """Whether ``party`` is the state itself (not a group of it) that ``of`` belongs to:
    "Trump said the United States would ..." speaks of his own state."""
    if party.key == of.key:
        return True
    state, member = ctx.cluster(party), ctx.cluster(of)
    return (state is not None and member is not None and state.kind == "country"
            and not through_modifier(ctx, party)
            and state.country is not None and state.country == member.country)


def through_modifier(ctx: EventContext, party: Party) -> bool:
    """Whether the party is a thing or group its actor only modifies ("Croatian
    extremists"), rather than a mention of the actor itself."""
    # (a number counting the actor's members is a mention of it: "Seven were released")
    return party.actor is not None and ctx.actor_of.get(party.token.i) is None and not (
        party.token.pos_ == "NUM" and party.text == party.token.text)


def is_political(ctx: EventContext, party: Party) -> bool:
    """Whether the party is a state or a political actor (government, military, rebels,
    parties, international bodies...), as opposed to a firm or a private person."""
    cluster = ctx.cluster(party)
    return cluster is not None and (
        cluster.kind == "country" or cluster.sector in ctx.words.political_sectors)


def is_enforcer(ctx: EventContext, party: Party) -> bool:
    """Whether the party is of a sector that makes arrests (event_words.yaml:
    enforcer_sectors)."""
    cluster = ctx.cluster(party)
    return cluster is not None and cluster.sector in ctx.words.enforcer_sectors
