"""Participants the parse does not name: the doer an agentless passive implies
(:func:`implied_agent`), the side a report or the story implies (:func:`passive_doer`,
:func:`reporting_force`, :func:`counterpart`, :func:`story_state`, ...), the fallback targets
(:func:`next_actor`, :func:`place_of`), the people an act is done to as its country's civilians
or crowd (:func:`as_civilians`, :func:`as_crowd`), and the code a doer's kind calls for
(:func:`code_for_doer`: the police's force is repression, a state's killing is military force).
Each looks only when the parse of the trigger's clause (:mod:`event_participants`) found none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from eventwire.extract.codes import lookup
from eventwire.extract.event_candidates import Candidate, Party
from eventwire.extract.event_context import EventContext
from eventwire.extract.event_participants import (
    COUNTERPART_SENTENCES,
    accuser_of,
    anaphor,
    as_state,
    attack_noun,
    attacks_in,
    attributed_to,
    coordination_head,
    earlier_owner,
    fought_by_both,
    is_political,
    last_conflict_pair,
    last_two_countries,
    named_state,
    noun_sources,
    noun_targets,
    parties_at,
    party_at,
    protest_noun,
    reacted_to,
    reporter_of,
    same_moment_clauses,
    subjects_of,
    through_modifier,
    with_compatriots,
)
from eventwire.extract.syntax import (
    SUBJECTS,
    clause_of,
    coordinated_before,
    phrase,
    prep_objects,
    purpose,
)
from eventwire.nlp.lexicon import country_of

if TYPE_CHECKING:  # the actors are reached through the context; this is only their type
    from eventwire.nlp.components import ActorCluster

__all__ = ["accuser", "armed_doer", "as_civilians", "as_crowd", "as_local_force",
           "captor", "carried_parties", "code_for_doer", "counted_people", "counterpart",
           "critics_of", "domestic_target", "employer", "gatekeeper", "implied_agent",
           "located_in",
           "may_be_aimed_at", "mediated_sides", "modified_noun", "nearest_actor", "next_actor",
           "opposed", "passive_critics", "passive_doer", "place_of", "population_target",
           "protested_government",
           "reporting_force", "reporting_state", "story_state", "tells_of_act", "threatened_if"]


def implied_agent(ctx: EventContext, candidate: Candidate) -> None:
    """An agentless passive whose doer is implied ("he was arrested": the police; "was
    convicted": a court) gets that doer, of the country of the one it was done to, as an
    actor without mentions (event_words.yaml: implied_agents)."""
    trigger = candidate.trigger
    lemma = trigger.lemma_.lower()
    sector = ctx.words.implied_agents.get(lemma)
    if sector is None and lemma not in ctx.words.protester_harm:
        return  # (most triggers: no doer is implied, the targets are not looked at)
    target = next((ctx.cluster(p) for p in candidate.targets if ctx.cluster(p)), None)
    if sector is None and target is not None and target.sector == "OPP":
        sector = ctx.words.protester_harm[lemma]  # "protesters were killed"
    nominal = trigger.pos_ == "NOUN" and (
        lemma in ctx.words.patient_nouns or lemma in ctx.words.custody_nouns)
    # (and a participle of the one it was done to: "Aleksei Gordeyev, a citizen convicted in
    # Vilnius", "a journalist jailed in 2022")
    reduced = trigger.dep_ == "acl" and trigger.tag_ == "VBN"
    if sector is None or not (nominal or reduced or any(
            c.dep_ in {"auxpass", "nsubjpass"} for c in trigger.children)):
        return  # "was arrested", "his sentencing": done by the police or a court
    if any(c.dep_ == "agent" for c in trigger.children):
        return
    # the force of the country where it was done ("the detention of a Japanese businessman
    # in Beijing": Chinese police), else of the one it was done to
    # ("a Dutch citizen was arrested in Iran": by Iran's police)
    # (else, "Thousands were arrested", the police of where the story is filed from or is about)
    country = located_in(ctx, candidate, countries=True) or (
        target.country if target is not None else None) or ctx.home_country
    candidate.sources = [_implied(ctx, sector, country, trigger)]


def armed_doer(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """The doer of an armed act whose subject is a weapon or a strike of no named owner ("a
    ballistic missile slammed into a warehouse in Odesa, killing four"): whoever last used
    force (18-20) in an event kept in the sentences before, unless that doer is of the country
    of the place or of the one struck (event_words ``weapons``)."""
    if candidate.code[:2] not in ctx.words.force_roots or any(p.named for p in candidate.sources):
        return []
    weapon = next((p.token for p in candidate.sources if p.token is not None and (
        p.token.lemma_.lower() in ctx.words.weapons)), None)
    if weapon is None or weapon.dep_ not in SUBJECTS:
        return []
    owner = earlier_owner(ctx, weapon)
    if owner is not None:
        return [owner]  # "a Houthi anti-ship missile ... The missile struck": the Houthis'
    struck = {c.country for p in candidate.targets
              if (c := ctx.cluster(p)) is not None and c.country}
    struck.add(located_in(ctx, candidate))
    doer = _last_armed_doer(ctx, candidate.trigger, struck)
    return [replace(doer, text=phrase(weapon), token=weapon)] if doer is not None else []


def _last_armed_doer(ctx: EventContext, trigger: Token, struck: set[str | None]
                    ) -> Party | None:
    """Whoever last used force (18-20) in an event kept in the ``armed_doer_sentences``
    before ``trigger`` (whatever its target), when of a country and not of one of the
    ``struck`` countries."""
    start = ctx.window_start(trigger, ctx.words.armed_doer_sentences)
    for index, doer in reversed(ctx.armed_doers):
        if index < start:
            break
        cluster = ctx.cluster(doer)
        if cluster is not None and cluster.country and cluster.country not in struck:
            return doer
    return None


def gatekeeper(ctx: EventContext, candidate: Candidate) -> None:
    """One denied entry, a visa or asylum in the passive with no agent ("the team was denied
    visas to enter the United States", "was refused entry to Israel") is turned down by the
    government of the country to be entered (event_words.yaml: entry_nouns), when the
    sentence names it."""
    trigger = candidate.trigger
    if candidate.sources or not any(c.dep_ in {"auxpass", "nsubjpass"}
                                     for c in trigger.children):
        return
    objects = [c for c in trigger.children if c.dep_ in {"dobj", "dative"}]
    if not any(o.lemma_.lower() in ctx.words.entry_nouns for o in objects):
        return
    # the country to be entered: "to enter X", "entry to X", "visas for X"
    places = [c for o in (*objects, trigger) for c in o.subtree
              if c.dep_ in {"dobj", "pobj"} and c.i != o.i and c.i in ctx.actor_of
              and (c.head.lower_ in {"to", "into", "for"} or c.head.lemma_.lower() == "enter")]
    country = next((cl.country for g in places if (cl := ctx.actor_of.get(g.i)) is not None
                    and cl.kind in {"country", "location"} and cl.country), None)
    if country is None:
        return
    candidate.sources = [_implied(ctx, "GOV", country, trigger)]


def _implied(ctx: EventContext, sector: str, country: str | None, trigger: Token) -> Party:
    """The party of the doer an act implies (``EventContext.implied_actor``), at its trigger."""
    cluster = ctx.implied_actor(sector, country)
    return Party(cluster.id, cluster.name, True, trigger)


def code_for_doer(ctx: EventContext, candidate: Candidate, source: Party | None,
                  target: Party | None) -> str:
    """A state or government protests by complaint (114), not by demonstrating (141). What a
    court asks, it demands (10). A raid by prosecutors is a search (091).
    Military force (19) is what armed forces, rebels and states use: a shooting or a
    killing by a private person or a criminal is an assault (18), and force used by the
    police is violent repression (175), by protesters a violent protest (145). A politician
    "attacking" a politician does it with words: criticism (111)."""
    code = candidate.code
    trigger = candidate.trigger
    if code[:3] == "141" and source is not None and (
            trigger.lemma_.lower() in ctx.words.complaining_verbs) and (
            trigger.pos_ == "VERB"
            # "drawing a protest from the Vatican" (one protest, from a state; not "Iranian
            # protests" nor "the Hong Kong protests", which are crowds)
            or (trigger.tag_ == "NN" and source.token.dep_ == "pobj")
            # ("India registered a strong protest with Pakistan": one, made by a state)
            or (trigger.tag_ == "NN" and trigger.dep_ == "dobj")):
        protester = ctx.cluster(source)
        if protester is not None and (protester.kind == "country" or (
                protester.kind == "organization" and protester.sector == "GOV")):
            return "114"  # "Manila summoned the envoy to protest": a state complains
    if code[:2] == ctx.words.appeal_root and source is not None and getattr(
            ctx.cluster(source), "sector", None) in ctx.words.commanding_sectors:
        # "the court asked both states to file affidavits": a court's request is a demand
        return ctx.words.demand_root + code[2:]
    if code[:2] not in {"18", "19"} or source is None:
        return code
    cluster = ctx.cluster(source)
    victim = ctx.cluster(target) if target is not None else None
    # "security forces killed 12 insurgents": the police fighting an armed force of another
    # kind fight (19); repression is of the unarmed
    fought = victim is not None and cluster is not None and (
        victim.sector in ctx.words.armed_sectors and victim.sector != cluster.sector)
    if (cluster is not None and cluster.sector in ctx.words.searching_sectors
            and ctx.lex.verb_lemma(candidate.trigger) in ctx.words.searching_verbs):
        return ctx.words.search_code  # "prosecutors raided his ministry": a search
    if code[:3] == "181" and (cluster is not None and (
            cluster.kind == "country" or cluster.sector in ctx.words.state_sectors)) and any(
            c.dep_ in {"dobj", "nsubjpass"} and (c.lemma_.lower() in ctx.words.vessels or any(
                g.lemma_.lower() in ctx.words.vessel_marks for g in c.children))
            for c in trigger.children):
        # "Iran's Revolutionary Guards seized a tanker": a state's seizure of a ship is a
        # confiscation (pirates' or rebels' is a hijacking, 181)
        return ctx.words.confiscation_code
    if code[:2] == "18":
        # "riot police beat demonstrators": the force of the police (or of the state's forces
        # on protesters) is repression; a killing or torture stays one
        if cluster is not None and code not in {"1823", "1822"} and not fought and (
                cluster.sector == "COP" and not _foreign_force(ctx, cluster, victim) or (
                    cluster.sector in ctx.words.armed_sectors
                    and _own_protesters(ctx, source, target))):
            return "175"
        if source.token.lemma_.lower() in ctx.words.protesters and code not in {"1823", "1822"}:
            # "were injured in clashes with Serb protesters": a crowd's blows are a violent
            # protest, as its use of arms is below (a killing stays one)
            return ctx.words.violent_protest_code
        lemma = candidate.trigger.lemma_.lower()
        state_force = cluster is not None and (cluster.kind == "country" or cluster.sector == "MIL")
        if (cluster is not None
                and (code == "1823" and lemma in ctx.words.killing_verbs
                     # "Indian forces fired first, wounding two civilians": a state's or an
                     # army's wounding is its fire too (a rebel bomb that wounds soldiers stays
                     # an assault, as the GSR codes it)
                     or code[:3] == "182" and lemma in ctx.words.wounding_verbs and state_force)
                and (cluster.kind == "country" or cluster.sector == "MIL" or (
                    # "militants ambushed a convoy, killing 15 soldiers": a battle
                    # (not "gunmen killed three police officers", nor a killing of one
                    # commander: "guerrillas killed the deputy chief of the militia", assaults)
                    cluster.sector == "REB" and victim is not None
                    and victim.sector in ctx.words.armed_sectors and victim.kind != "person"))
                and not _own_protesters(ctx, source, target)):
            # "Russia struck a building, killing three": a state's or an army's killing is
            # military force, not an assault (an execution stays one: "Iran executed a man")
            return ctx.words.armed_fire_code
        return code
    if (candidate.trigger.lemma_.lower() in ctx.words.verbal_attacks and victim is not None
            and not _blow(ctx, candidate.trigger)
            and victim.kind in {"person", "organization"} and cluster is not None
            and cluster.kind in {"person", "organization", "group"}
            and victim.sector not in ctx.words.armed_sectors
            and cluster.sector not in ctx.words.armed_sectors
            and cluster.sector not in ctx.words.deed_sectors
            # ("protesters attacked the US embassy": a crowd's attack is physical)
            and source.token.lemma_.lower() not in ctx.words.protesters):
        return "111"
    if cluster is None or cluster.kind == "country":
        return code
    if source.token.lemma_.lower() in ctx.words.protesters:
        # "protesters clashed with police": a violent protest
        return ctx.words.violent_protest_code
    if (cluster.sector == "COP" and not _foreign_force(ctx, cluster, victim) and not fought
            or _own_protesters(ctx, source, target)) and code[:3] not in {"191", "192"}:
        # force used by the police, or by a state's forces on its protesters, is repression; a
        # siege or an occupation stays what it is
        return "175"
    if cluster.sector in ctx.words.individual_sectors or (
            cluster.sector is None and cluster.kind == "person") or (
            cluster.sector in ctx.words.lone_sectors and (
                source.token.tag_ == "NN"
                # "gunmen stormed a primary school": armed men's force on a school, a firm or
                # villagers is an assault, as on people (not on troops or the police)
                or victim is not None and victim.sector in ctx.words.private_targets)):
        killing = code == "1823" or source.token.head.lemma_ in ctx.words.killing_verbs
        return "1823" if killing else "180"
    return code


def _foreign_force(ctx: EventContext, police: ActorCluster, victim: ActorCluster | None
                   ) -> bool:
    """Whether ``victim`` is an armed force of another country than ``police``'s: border
    guards of two states that clash fight each other, they repress no one."""
    return (victim is not None and victim.sector in ctx.words.armed_sectors
            and police.country is not None and victim.country is not None
            and victim.country != police.country)


def threatened_if(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """Whom a threat told with a condition is aimed at: the actor subject of its "if" or
    "unless" clause ("warned that they would act if Tehran does not curb ...": Tehran), when
    the threat names no one it is told to ("warned Iran that ...") and the condition is not
    the threatener's own."""
    trigger = candidate.trigger
    if any(c.dep_ in {"dobj", "dative"} and c.i in ctx.actor_of for c in trigger.children):
        return []
    own = {p.actor for p in candidate.sources if p.actor}
    for clause in trigger.subtree:
        if clause.dep_ != "advcl" or not any(
                c.dep_ == "mark" and c.lower_ in ctx.words.condition_marks
                for c in clause.children):
            continue
        subjects = [p for c in clause.children if c.dep_ in SUBJECTS
                    for p in parties_at(ctx, c) if p.actor and p.actor not in own]
        if subjects:
            return subjects
    return []


def _blow(ctx: EventContext, verb: Token) -> bool:
    """Whether the attack lands physically: on a part of the body ("hit him in the head") or
    with something used ("struck her with a bottle")."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for thing in (g for g in prep.children if g.dep_ == "pobj"):
            if prep.lower_ in {"in", "on"} and thing.lemma_.lower() in ctx.words.body_parts:
                return True
            if (prep.lower_ == "with" and thing.i not in ctx.actor_of
                    and thing.lemma_.lower() not in ctx.words.spoken_things):
                return True
    return False


def _own_protesters(ctx: EventContext, forces: Party, party: Party | None) -> bool:
    """Whether the party is protesters ("demonstrators", the opposition in the street) of the
    forces' own country (or of none known): foreign troops firing on a crowd is force."""
    if party is None:
        return False
    cluster, own = ctx.cluster(party), ctx.cluster(forces)
    heads = [party.token]
    if party.token.dep_ == "pobj" and party.token.head.lower_ == "of":
        heads.append(party.token.head.head)  # "crowds of people"
    crowd = any(t.lemma_.lower() in ctx.words.protesters for t in heads) or (
        cluster is not None and cluster.sector == "OPP" and cluster.kind == "group")
    return crowd and not (cluster is not None and own is not None and cluster.country
                          and own.country and cluster.country != own.country)


def carried_parties(ctx: EventContext, code: str, sources: list[Party],
                    targets: list[Party]) -> tuple[list[Party], list[Party]]:
    """A measure named with one side only ("retaliatory Chinese tariffs", "tariffs on imports
    from the EU") takes the other side from the last measure of its kind in the story that
    involved the side named: the same imposer's target, or, for a measure against an earlier
    imposer, that imposer (retaliation). Only for ``carried_roots`` (event_words.yaml)."""
    named_sources = [p for p in sources if p.named]
    named_targets = [p for p in targets if p.named]
    if code[:2] not in ctx.words.carried_roots or bool(named_sources) == bool(named_targets):
        return sources, targets
    known = {p.actor for p in named_sources or named_targets if p.actor}
    earlier_measures = [c for c in reversed(ctx.recent) if c.code[:2] == code[:2]
                        and any(p.actor for p in c.sources) and any(p.actor for p in c.targets)]
    for earlier in earlier_measures:
        doers = {p.actor for p in earlier.sources if p.actor}
        done_to = {p.actor for p in earlier.targets if p.actor}
        if not known & (doers | done_to):
            continue
        if not named_targets:
            return sources, list(earlier.targets if known & doers else earlier.sources)
        return list(earlier.sources if known & done_to else earlier.targets), targets
    if not named_sources and known:
        # "tariffs were imposed on imports from the EU": by whoever imposes them in the story
        # (most often; the first named on a tie), even in measures told without a target
        # ("the tariffs imposed so far by the Trump administration")
        doers = [p for c in ctx.recent if c.code[:2] == code[:2] for p in c.sources
                 if p.actor and p.actor not in known]
        counts = Counter(p.actor for p in doers)
        if counts:
            top = max(counts.values())
            return [next(p for p in doers if counts[p.actor] == top)], targets
    return sources, targets


def as_civilians(ctx: EventContext, candidate: Candidate, party: Party) -> Party:
    """People an act is done to who are only counted or described ("killed 30 people",
    "warned people to stay away") are the civilians of the country where it happened, else of
    the doer's country, else of the dateline's: an implied actor (``civilian_nouns`` in
    event_words.yaml)."""
    cluster = ctx.cluster(party) if party.actor else None
    if cluster is not None:
        # (the actors stage's "three civilians" have no country yet, or one guessed from
        # the sentence: "Russian missiles killed 12 civilians in Kharkiv" are Ukraine's)
        if (cluster.country and not cluster.country_derived) or cluster.sector != "CVL":
            return party
        if cluster.country:
            # a guessed country gives way only to the place the act was done in
            where = _country_where(ctx, candidate, [], fallback=False)
            if where is None or where == cluster.country:
                return party
            return Party(ctx.implied_actor("CVL", where).id, party.text, True, party.token)
    elif party.named or not (party.token.lemma_.lower() in ctx.words.civilian_nouns
                             or _someone(ctx, party.token) or counted_people(ctx, party.token)):
        return party
    # "Gaza's health ministry said Israeli strikes killed 30 people": those who count the dead
    # count their own, before the doer's country is a guess
    # ("killed 12 people, according to Gaza officials")
    counters = _reporters(ctx, candidate.trigger) or attributed_to(ctx, candidate.trigger)
    # (people the actors stage made a group of are placed by the counters or the place only:
    # "holds appeal to voters" are not the doer's voters)
    # (nor by a doer the text does not name there: "a ballistic missile slammed into a
    # warehouse, killing four" are not the country's whose strikes were told before)
    doers = [*counters, *candidate.sources] if cluster is None and not (
        candidate.inferred) else counters
    country = _country_where(ctx, candidate, doers)
    if country is None:
        return party
    civilians = ctx.implied_actor("CVL", country)
    return Party(civilians.id, party.text, True, party.token)


def employer(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """Whom a strike is against when the sentence names no one: the body the strikers work
    at, of or for ("workers at Ford went on strike"), a named organisation; or one named
    before their noun when the actors stage kept it apart ("Ford workers" is mostly one
    actor, and then no employer is found)."""
    for source in candidate.sources:
        token = source.token
        places = prep_objects(token, {"at", "of", "for"})
        places += [c for c in token.children if c.dep_ == "compound"]
        for place in places:
            party = party_at(ctx, place, own_only=True)
            cluster = ctx.cluster(party) if party is not None else None
            if (party is not None and party.named and cluster is not None
                    and cluster.kind == "organization" and cluster.id != source.actor):
                return [replace(party, token=place)]
    return []


def opposed(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """Whom a protest names as what it is against ("anti-government protests in Baghdad",
    "anti-Israel protests"): a country named after "anti-", or a body of the country where
    it happened (``opposed_bodies`` in event_words.yaml: the government, the regime)."""
    trigger = candidate.trigger
    words = [c for c in trigger.children if c.dep_ in {"amod", "compound"}]
    for first, dash, named in zip(words, words[1:], words[2:], strict=False):
        if first.lower_ != "anti" or dash.text != "-" or named.i != dash.i + 1:
            continue
        party = party_at(ctx, named)
        if party is not None and party.named:
            return [party]
        country = country_of(named.text)
        sector = ctx.words.opposed_bodies.get(named.lemma_.lower())
        if sector is not None:
            country = _country_where(ctx, candidate, [], fallback=False)
        if country is None:
            return []
        body = ctx.implied_actor(sector, country) if sector else next(
            (c for c in ctx.actors if c.kind == "country" and c.country == country), None)
        return [Party(body.id, named.text, True, named)] if body is not None else []
    return []


def protested_government(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """Whom a protest told as a noun is against when no one is named ("weeks of protests",
    "the demonstrations began", "a general strike"): the government of the country where it
    happened (of the protesters', else where the story is filed from or is about), as
    annotators code it; a protest told by its verb ("thousands marched") stays aimed at no
    one."""
    trigger = candidate.trigger
    if (trigger.pos_ != "NOUN" or trigger.lemma_.lower() not in ctx.words.protests_of_state
            or not protest_noun(ctx, trigger)):
        return []  # (not "a campaign rally")
    crowd = [c.country for p in candidate.sources if (c := ctx.cluster(p)) is not None
             and c.country]
    country = next(iter(crowd), None) or _country_where(ctx, candidate, [])
    if country is None:
        return []
    # (the government as such, an implied actor, not the first official the story names: no
    # evidence for the confidence model, as a protest's missing recipient is none)
    government = ctx.implied_actor("GOV", country)
    return [Party(government.id, government.name, True, trigger)]


def counted_people(ctx: EventContext, token: Token) -> bool:
    """Whether ``token`` is people counted by number alone ("killed 30", "injured dozens"):
    a number, or a quantity word with no "of" phrase."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return False
    return token.pos_ == "NUM" or token.lemma_.lower() in ctx.words.quantities and (
        token.tag_ == "NNS")


def _someone(ctx: EventContext, noun: Token) -> bool:
    """Whether ``noun`` is an unnamed single person or a few, counted or indefinite ("a
    man", "two teenagers", "students"), not one the story knows ("the child", "his wife")."""
    if noun.lemma_.lower() not in ctx.words.individual_nouns:
        return False
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head  # "Trump's wife, children and family": the list's determiner
    determiners = [c for m in {noun, first} for c in m.children
                   if c.dep_ in {"det", "poss", "nummod"}]
    if not determiners:
        return noun.tag_ == "NNS"  # "students were beaten"
    return all(c.dep_ == "nummod" or c.lower_ in {"a", "an", "another", "some", "several"}
               for c in determiners)


def as_local_force(ctx: EventContext, candidate: Candidate, party: Party) -> Party:
    """A force or authority no text gives a country ("Police arrested 12 protesters in
    Paris") is that of the country where it acted: the implied actor of its sector there."""
    cluster = ctx.cluster(party) if party.actor else None
    if cluster is None or cluster.country or cluster.sector not in ctx.words.enforcer_sectors:
        return party
    country = located_in(ctx, candidate)
    if country is None and cluster.sector in ctx.words.force_sectors:
        # "the Russian Defence Ministry said air defences destroyed 47 drones": the forces a
        # state's organ tells of are its own
        country = _reporting_country(ctx, candidate.trigger)
    if country is None:
        return party
    force = ctx.implied_actor(cluster.sector, country)
    return Party(force.id, party.text, True, party.token)


def _reporting_country(ctx: EventContext, trigger: Token) -> str | None:
    """The country of the state or state organ whose report ``trigger`` is told in."""
    return next((cluster.country for _, cluster in _state_reporters(ctx, trigger)), None)


def _reporters(ctx: EventContext, trigger: Token) -> list[Party]:
    """The subjects of the first reporting verb above ``trigger`` ("X said ...")."""
    return next((subjects_of(ctx, verb) for verb in trigger.ancestors
                 if verb.lemma_.lower() in ctx.lex.reporting), [])


def _state_reporters(ctx: EventContext, trigger: Token
                     ) -> Iterator[tuple[Party, ActorCluster]]:
    """The reporters of ``trigger`` that are states or state organs of a known country."""
    for speaker in _reporters(ctx, trigger):
        cluster = ctx.cluster(speaker)
        if cluster is not None and cluster.country and (
                cluster.kind == "country" or cluster.sector in ctx.words.state_sectors):
            yield speaker, cluster


def located_in(ctx: EventContext, candidate: Candidate, countries: bool = False
                ) -> str | None:
    """The country of the town or region named as where the act was done ("in Beijing"), with
    ``countries`` also of a country so named ("was arrested in Iran")."""
    place = place_of(ctx, candidate)
    where = ctx.cluster(place) if place is not None else None
    kinds = {"location", "country"} if countries else {"location"}
    return where.country if where is not None and where.kind in kinds else None


def as_crowd(ctx: EventContext, candidate: Candidate, party: Party) -> Party:
    """People who protest without a name ("hundreds of thousands of people blocked streets in
    Hong Kong", "prisoners rioted at a jail in Dili") are the protesters (``protesters``: the
    opposition) or the civilians of the country where it happened, else of the dateline's."""
    lemma = party.token.lemma_.lower()
    if party.named or lemma not in ctx.words.people:
        return party
    country = _country_where(ctx, candidate, [])
    if country is None:
        return party
    crowd = ctx.implied_actor("OPP" if lemma in ctx.words.protesters else "CVL", country)
    return Party(crowd.id, party.text, True, party.token)


def _country_where(ctx: EventContext, candidate: Candidate, doers: list[Party],
                   fallback: bool = True) -> str | None:
    """The country where an act happened, else the doers', else (with ``fallback``) the
    story's home (``EventContext.home_country``: the dateline's, else the one it is about)."""
    place = place_of(ctx, candidate)
    places = [ctx.cluster(place)] if place is not None else []
    # "killed in Israeli air strikes on Gaza": where the attack the harm came in was aimed
    places += [ctx.cluster(p) for g in attacks_in(ctx, candidate.trigger)
               for p in noun_targets(ctx, g)
               if getattr(ctx.cluster(p), "kind", None) in {"location", "country"}]
    trigger = candidate.trigger
    if not places:
        # "an Israeli strike on a school in Gaza killed 25": where the attack that did the
        # harm was aimed (the place, or the party the attack hit there: "a school in Gaza";
        # not its doer: "the bombing by Hamas")
        striker = {p.actor for p in candidate.sources if p.actor}
        striker_countries = {getattr(ctx.cluster(p), "country", None) for p in candidate.sources}
        for attack in (c for c in trigger.children if c.dep_ == "nsubj"
                       and c.pos_ == "NOUN" and attack_noun(ctx, c)):
            outer = replace(candidate, trigger=attack, targets=noun_targets(ctx, attack))
            where = place_of(ctx, outer)
            hit = ctx.cluster(where) if where is not None else None
            if hit is not None and hit.id not in striker:
                places.append(hit)
            elif hit is None:
                # "Israel's war on Hamas has killed thousands": the country of the side hit
                # (not of a striker's compatriot)
                places += [c for p in outer.targets if (c := ctx.cluster(p)) is not None
                           and c.country and c.country not in striker_countries][:1]
    if not places and purpose(trigger):
        # "thousands gathered in Tbilisi to protest": where the purpose was carried out
        outer = replace(candidate, trigger=trigger.head, targets=[])
        places += [c for p in [place_of(ctx, outer)] if p is not None
                   and (c := ctx.cluster(p)) is not None]
    # (the verb of an act noun's phrase, and the first of coordinated participles: "killing
    # 1,200 people and taking some 250 hostages")
    clause = coordinated_before(
        trigger.head if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" else trigger)[-1]
    if clause.dep_ == "advcl" and clause.tag_ == "VBG":
        # "launched a missile attack on Kyiv, killing 30 people": where the act the
        # participle follows from was done, or what it was done to
        # (and the acts coordinated before it: "struck a school in Rafah and shelled a
        # hospital, killing 20 people")
        outers = coordinated_before(clause.head)
        objects = [c for outer in outers for c in outer.children if c.dep_ == "dobj"]
        done_to = [*(p for outer in outers for p in noun_targets(ctx, outer)),
                   *(p for o in objects
                     for p in (*noun_targets(ctx, o), party_at(ctx, o)) if p is not None)]
        # (and where what it was done to stands: "struck an apartment building in Odesa")
        done_to += [p for o in objects for g in prep_objects(o, {"in"})
                    for p in parties_at(ctx, g)]
        places += [ctx.cluster(p) for p in done_to
                   if getattr(ctx.cluster(p), "kind", None) in {"location", "country"}]
    clusters = [ctx.cluster(p) for p in doers]
    return next((c.country for c in [*places, *clusters] if c is not None and c.country),
                # else where the story is filed from ("NEW DELHI -") or is about
                ctx.home_country if fallback else None)


def captor(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """Whom a demand or an appeal for someone's release is made of ("demanded the release of
    a reporter detained by Venezuelan forces", "demanded his release" after "police arrested
    him"): whoever holds them (``release_nouns``, ``captor_roots`` in event_words.yaml), not
    the one held."""
    if candidate.code[:2] not in {ctx.words.appeal_root, ctx.words.demand_root}:
        return []
    trigger = candidate.trigger
    asked = [c for c in trigger.children if c.dep_ == "dobj"] + prep_objects(trigger, {"for"})
    held = [g for noun in asked if noun.lemma_.lower() in ctx.words.release_nouns
            for g in (*prep_objects(noun, {"of"}),
                      *(c for c in noun.children if c.dep_ == "poss"))]
    askers = {p.actor for p in candidate.sources if p.actor}
    for person in held:
        # "a reporter detained by Venezuelan security forces" (never the askers themselves: an
        # actors stage's slip, "the group" taken for the body that asks)
        for doer in (g for acl in person.children if acl.dep_ == "acl"
                     for g in prep_objects(acl, dep="agent")):
            party = party_at(ctx, doer)
            if party is not None and party.named and party.actor not in askers:
                return [replace(party, token=doer)]
        # the last one who arrested or abducted them
        party = party_at(ctx, person)
        if party is None or party.actor is None:
            continue
        for _, done_to, doer, code in reversed(ctx.acted_on):
            if (done_to == party.actor and code[:2] in ctx.words.captor_roots
                    and doer.actor not in askers):
                return [replace(doer, token=person)]
    return []


def mediated_sides(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """The two sides a go-between acts for when its sentence names none ("her government was
    ready to facilitate dialogue at any level", after Venezuela and Guyana were told at odds):
    those of the last conflict told, else the last two countries named in the sentences just
    before, neither the go-between's own (event_words ``between_sides_codes``). An offer to
    help or host talks with no one named is an offer to mediate between them
    (``mediating_offers``)."""
    offer = candidate.code[:2] == "03" and any(
        c.dep_ in {"xcomp", "dobj"} and c.lemma_.lower() in ctx.words.mediating_offers
        for c in candidate.trigger.children)
    if (candidate.code not in ctx.words.between_sides_codes and not offer
            and not _calming_appeal(ctx, candidate)):
        return []
    doers = with_compatriots(ctx, {p.actor for p in candidate.sources if p.actor})
    # (nor an actor the doers' own phrase names: "Srpska Lista, the main party of Kosovo
    # Serbs, called for calm")
    doers |= {cluster.id for p in candidate.sources for a in p.token.children
              if a.dep_ == "appos" for t in a.subtree
              if (cluster := ctx.actor_of.get(t.i)) is not None}
    trigger = candidate.trigger
    sides = [replace(p, token=trigger) for p in (
        last_conflict_pair(ctx, trigger, doers) or last_two_countries(ctx, trigger, 3, doers))]
    if offer and sides:
        # "offered to help", "offered to host talks", "offered its good offices" between two
        # sides at odds: an offer to mediate (039)
        candidate.code = ctx.words.mediation_offer_code
    return sides


def _calming_appeal(ctx: EventContext, candidate: Candidate) -> bool:
    """Whether ``candidate`` is an appeal for calm, restraint or dialogue addressed to no one
    ("China urged calm", "the Commission called for restraint"), which is made to the sides
    at odds (event_words ``calming_appeals``)."""
    if candidate.code[:2] != ctx.words.appeal_root:
        return False
    asked = [c for c in candidate.trigger.children if c.dep_ == "dobj"] + prep_objects(
        candidate.trigger, {"for"})
    # (a hyphenated word is one with its parts: "de-escalation" is "deescalation")
    return any(a.lemma_.lower() in ctx.words.calming_appeals
               or _hyphenated_word(a) in ctx.words.calming_appeals for a in asked)


def _hyphenated_word(noun: Token) -> str:
    """The word a noun ends, with the parts hyphenated to it and without the hyphens
    ("de-escalation": "deescalation"; else the noun's own lowercase form)."""
    start = noun.i
    while start >= 2 and noun.doc[start - 1].text == "-" and not noun.doc[start - 2].whitespace_:
        start -= 2
    return "".join(t.lower_ for t in noun.doc[start:noun.i + 1] if t.text != "-")


# the QuadClass of accusing, criticising, demanding, rejecting and threatening
_VERBAL_CONFLICT = 3


def counterpart(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """The actor the doer last dealt with in an event kept in the sentences just before, as
    the target of an act whose own sentence names none ("Beijing has balked", "North Korea
    said it would attack"): that event's other side, when it is another actor and no place."""
    doers = {p.actor for p in candidate.sources if p.named and p.actor}
    if len(doers) != 1:
        return []
    doer = next(iter(doers))
    country = getattr(ctx.clusters.get(doer), "country", None)
    start = ctx.window_start(candidate.trigger, COUNTERPART_SENTENCES)
    # force is aimed at a side of an earlier conflict, not at whoever was last praised or
    # talked to ("Putin praised Musk ... when Russian troops crossed the border")
    # (force only: sanctions and cut ties follow talks as often as quarrels, "Trump met Xi
    # ... Mr. Trump's tariffs remain")
    # (so is coercion: protesters setting fire to tyres do not aim at the opposition leader
    # who called them out; event_words conflict_only_roots)
    forceful = candidate.code[:2] in ctx.words.conflict_only_roots
    recent = [(side, other) for index, quad, side, other in ctx.dealings
              if index >= start and (quad >= 3 or not forceful)]
    # the doer's own dealings first; else, for a state, its country's with another state
    # ("Trump threatened China ... Beijing has balked")
    state = getattr(ctx.clusters.get(doer), "kind", None) == "country"
    # a state's official deals with other states before the story's own people: "Trump's
    # tariffs" after "Duvall urged Trump" and "Trump threatened China" are aimed at China
    if country is not None and getattr(ctx.clusters.get(doer), "sector", None) in (
            ctx.words.state_sectors):
        abroad = [(side, other) for side, other in recent
                  if getattr(ctx.cluster(other), "country", None) not in {None, country}]
        # (and never a private person of its own country: a farm lobby is no tariff's aim)
        recent = abroad if any(side == doer for side, _ in abroad) else [
            (side, other) for side, other in recent
            if getattr(ctx.cluster(other), "sector", None) in ctx.words.political_sectors
            or getattr(ctx.cluster(other), "country", None) != country]
    for same in (lambda side: side == doer,
                 lambda side: state and country is not None
                 and getattr(ctx.clusters.get(side), "country", None) == country
                 and getattr(ctx.clusters.get(side), "kind", None) == "country"):
        for side, other in reversed(recent):
            cluster = ctx.cluster(other)
            if (same(side) and cluster is not None and cluster.id != doer
                    and cluster.kind != "location"
                    and (side == doer or cluster.country not in {None, country})):
                if state and cluster.kind != "country" and cluster.country:
                    # a state acts on a state: "China restricted exports" after a White
                    # House spokesperson's demand is aimed at the United States, when named
                    named = next((c for c in ctx.actors if c.kind == "country"
                                  and c.country == cluster.country), None)
                    if named is not None:
                        return [Party(named.id, named.name, True, candidate.trigger)]
                return [replace(other, token=candidate.trigger)]
    return []


def accuser(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """Whom a denial answers when its sentence names no one ("Swift accused Big Machine of
    trying to stop her ... Big Machine have twice denied doing anything wrong"): the last
    actor who accused, criticised or confronted the denier in words (QuadClass 3), or who
    investigated, arrested or charged them (event_words ``answered_codes``: "prosecutors raided
    his ministry ... Costache denied any wrongdoing"), in an event kept in the sentences
    before."""
    deniers = {p.actor for p in candidate.sources if p.named and p.actor}
    if len(deniers) != 1:
        return []
    (denier,) = deniers
    found = (_accused_before(ctx, candidate.trigger, denier) or _last_doer_to(
        ctx, candidate.trigger, denier, _VERBAL_CONFLICT, ctx.words.answered_codes)
        or _claim_maker(ctx, candidate.trigger, denier)
        or _attack_victims(ctx, candidate.trigger, denier)
        or _said_of(ctx, candidate.trigger, denier)
        or _last_claimant(ctx, candidate.trigger, denier))
    principal = _principal(ctx, candidate.sources)
    if not found and principal is not None:
        # "A lawyer for the company denied any wrongdoing": the company's accuser
        found = [p for p in _last_doer_to(ctx, candidate.trigger, principal, _VERBAL_CONFLICT,
                                          ctx.words.answered_codes) if p.actor != denier]
    return found


def _principal(ctx: EventContext, speakers: list[Party]) -> str | None:
    """The actor a lone speaker speaks for, named in its "for" or "of" phrase ("a lawyer for
    the company", "a spokesman of the ministry")."""
    if len(speakers) != 1:
        return None
    for prep in speakers[0].token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"for", "of"}:
            for pobj in prep.children:
                cluster = ctx.actor_of.get(pobj.i)
                if pobj.dep_ == "pobj" and cluster is not None and cluster.id != speakers[0].actor:
                    return cluster.id
    return None


def _claim_maker(ctx: EventContext, trigger: Token, denier: str) -> list[Party]:
    """Who made the claim a relative clause denies ("Turkish officials said the assailants had
    come from Syria, a claim the SDF denied": the officials)."""
    claim = trigger.head
    if trigger.dep_ != "relcl" or claim.lemma_.lower() not in ctx.words.accusation_nouns:
        return []
    said = claim.head
    while said.dep_ in {"ccomp", "conj"} and said.head.i != said.i:
        said = said.head  # (the claim hangs on the clause said, or on the saying)
    verb = said.lemma_.lower()
    if not (verb in ctx.lex.reporting or verb in ctx.words.accusing_verbs
            or verb in ctx.words.alleging):
        return accuser_of(ctx, claim, replying=trigger)
    # ("The EU accused Minsk of engineering the influx, a charge Belarus denies": the EU)
    return [replace(p, token=trigger) for p in subjects_of(ctx, said)
            if p.actor and p.actor != denier]


def _said_of(ctx: EventContext, trigger: Token, denier: str) -> list[Party]:
    """Who said, in the sentences just before, what a denial of "the claims" or "the report"
    answers ("Kinshasa and UN experts say the rebels are backed by Rwanda. Kigali denies the
    claims": Kinshasa and the experts): the speakers of the last report whose reported clause
    names the denier or its country."""
    if not any(c.dep_ == "dobj" and c.lemma_.lower() in (
            ctx.words.accusation_nouns | ctx.words.disputed_nouns) for c in trigger.children):
        return []
    told = ctx.clusters.get(denier)
    country = told.country if told is not None else None
    for verb, reported in _reports_before(ctx, trigger):
        named = [cluster for clause in reported for t in clause.subtree
                 if (cluster := ctx.actor_of.get(t.i)) is not None]
        if any(c.id == denier or (country and c.country == country and c.kind in {
                "country", "location"}) for c in named):
            # (no compatriot of the denier's: "the report said 4,000 Rwandan soldiers ...")
            speakers = [replace(p, token=trigger) for p in subjects_of(ctx, verb)
                        if p.actor and p.actor != denier and not (
                            country and getattr(ctx.cluster(p), "country", None)
                            == country)]
            if speakers:
                return speakers
    return []


def _reports_before(ctx: EventContext, trigger: Token, alleging: bool = False
                    ) -> Iterator[tuple[Token, list[Token]]]:
    """The verbs of saying with a reported clause (with ``alleging``, also the verbs of
    alleging, event_words ``alleging``) in the ``accuser_sentences`` before a denial's
    sentence, last first, each with its reported clauses: what the denial may answer."""
    start = ctx.window_start(trigger, ctx.words.accuser_sentences)
    for verb in reversed(ctx.tokens[start:trigger.sent.start]):
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        reported = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}]
        if (reported and lemma in ctx.lex.reporting) or (alleging and lemma in ctx.words.alleging):
            yield verb, reported


def _last_claimant(ctx: EventContext, trigger: Token, denier: str) -> list[Party]:
    """Whoever last claimed or reported something, in the sentences just before, when the
    denial names nothing it answers ("The PTI said one of its workers died after being hit by
    a tear gas shell. Police denied that anyone had been killed": the PTI): the subject of the
    last verb of saying with a reported clause, or of alleging, other than the denier, a news
    outlet or an informant."""
    if any(c.dep_ == "dobj" and any(d.dep_ in {"acl", "relcl"} for d in c.children)
           for c in trigger.children):
        return []  # "denied claims made in a viral post": the sentence tells whose they are
    for verb, _ in _reports_before(ctx, trigger, alleging=True):
        speakers = [p for p in subjects_of(ctx, verb) if p.actor]
        if not speakers:
            continue
        if any(p.actor == denier or getattr(ctx.cluster(p), "sector", None) == "MED"
               or p.token.lemma_.lower() in ctx.words.informant_nouns for p in speakers):
            return []  # the denier's own word, or a report's: nobody's claim to answer
        return [replace(p, token=trigger) for p in speakers]
    return []


def _attack_victims(ctx: EventContext, trigger: Token, denier: str) -> list[Party]:
    """Whom the attack a denier disowns was aimed at ("Iran's foreign ministry denied any role
    in the attacks" on US forces told before; event_words ``involvement_nouns``)."""
    attacks = [g for c in trigger.children if c.dep_ == "dobj"
               and c.lemma_.lower() in ctx.words.involvement_nouns
               for g in prep_objects(c) if attack_noun(ctx, g)]
    if not attacks:
        return []
    victims = [p for g in attacks for p in noun_targets(ctx, g) if p.named]
    if not victims:
        # "the attacks": the last use of force coded in the sentences before
        start = ctx.window_start(trigger, 3)
        victims = next(([p for p in c.targets if p.named] for c in reversed(ctx.recent)
                        if c.trigger.i >= start and c.code[:2] in ctx.words.force_roots
                        and any(p.named for p in c.targets)), [])
    # (an attack on a town answers the town's state, "killed 26 tourists in Jammu"; a place
    # of no state the story names answers no one)
    answered = [as_state(ctx, c.country, p, trigger)
                if (c := ctx.cluster(p)) is not None and c.kind == "location" and c.country
                else p for p in victims if p.actor and p.actor != denier]
    return [replace(p, token=trigger) for p in answered
            if getattr(ctx.cluster(p), "kind", None) != "location"]


def _accused_before(ctx: EventContext, trigger: Token, denier: str) -> list[Party]:
    """The subject of a verb of accusing earlier in the denial's own sentence whose object is
    the denier ("Pristina blamed Serbia, which denied involvement": Pristina)."""
    for token in reversed(ctx.tokens[trigger.sent.start:trigger.i]):
        if token.pos_ != "VERB" or token.lemma_.lower() not in ctx.words.accusing_verbs:
            continue
        if any(c.dep_ == "dobj" and (cluster := ctx.actor_of.get(c.i)) is not None
               and cluster.id == denier for c in token.children):
            accusers = [p for p in subjects_of(ctx, token) if p.actor and p.actor != denier]
            if accusers:
                return [replace(p, token=trigger) for p in accusers]
    return []


def _last_doer_to(ctx: EventContext, trigger: Token, patient: str,
                  quad_class: int | None = None,
                  codes: frozenset[str] = frozenset()) -> list[Party]:
    """Whoever last did something to ``patient`` (of ``quad_class``, or of a code beginning
    with one of ``codes``, when given) in an event kept in the sentences before ``trigger``,
    when it is another actor and no place."""
    start = ctx.window_start(trigger, COUNTERPART_SENTENCES)
    for index, done_to, doer, code in reversed(ctx.acted_on):
        if index < start:
            break
        cluster = ctx.cluster(doer)
        if (done_to == patient
                and (quad_class in {None, lookup(code).quad_class}
                     or code.startswith(tuple(codes)))
                and cluster is not None and cluster.id != patient
                and cluster.kind != "location"):
            return [replace(doer, token=trigger)]
    return []


def passive_doer(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """The doer of an act done to someone in the passive with no agent and no implied one ("she
    was sent to the ship", "he was released on bail"): whoever last did something to that one
    in an event kept in the sentences before, when it is no place."""
    trigger = candidate.trigger
    if not _agentless_passive(trigger):
        return []
    struck_by = _attack_in(ctx, candidate)
    if struck_by:
        return struck_by
    if trigger.lemma_.lower() in ctx.words.removal_verbs:
        # "Mali and Niger were suspended from ECOWAS": the body one is put out of did it
        bodies = [p for g in prep_objects(trigger, {"from"}) for p in parties_at(ctx, g)
                  if p.named and getattr(ctx.cluster(p), "kind", None) == "organization"]
        if bodies:
            keys = {p.key for p in bodies}
            candidate.targets = [t for t in candidate.targets if t.key not in keys]
            return bodies
    if candidate.code.startswith(tuple(ctx.words.self_done_codes)):
        # "the guerrillas have been demobilized": they did it, to no one
        doers = [p for p in candidate.targets if p.named]
        if doers:
            candidate.targets, candidate.targetless_ok = [], True
        return doers
    # (the one it was done to, not the owner of a thing: "whether his tariffs will be removed")
    # (nor one of a pair the subject is between: "relations between India and Pakistan have
    # been frozen" by no third state)
    patients = {p.actor for p in candidate.targets if p.named and p.actor
                and not through_modifier(ctx, p)
                and coordination_head(p.token).dep_ == "nsubjpass"}
    # (people released whom no name gives, "the detainees", "17 of whom": by their captor)
    release = candidate.code.startswith(ctx.words.release_code) and not any(
        p.token.pos_ == "PROPN" for p in candidate.targets)
    if len(patients) != 1:
        return _captor_of_the_held(ctx, candidate) if release and not patients else []
    patient = next(iter(patients))
    for clause in (c for c in trigger.children if c.dep_ == "advcl"):
        # "the ambassador was expelled after Moscow accused him of spying": the doer of an
        # act on the same one that the sentence ties to it
        if any(p.actor == patient for c in clause.children if c.dep_ in {"dobj", "dative"}
               for p in parties_at(ctx, c)):
            doers = [p for p in subjects_of(ctx, clause) if p.named and p.actor != patient]
            if doers:
                return [replace(p, token=trigger) for p in doers]
    return _last_doer_to(ctx, trigger, patient) or (
        _captor_of_the_held(ctx, candidate) if release else [])


def _captor_of_the_held(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """The doer of an agentless release of people no name gives ("Police detained 23
    protesters, 17 of whom were released", "the detainees were released"): whoever last held
    someone (an act of ``captor_roots``) in the release's sentence or the one before; those
    it held become the ones released (event_words ``release_code``)."""
    trigger = candidate.trigger
    held_by = trigger.head.head if trigger.dep_ == "relcl" and trigger.head.dep_ in {
        "dobj", "nsubjpass"} else None
    if held_by is not None and held_by.pos_ == "VERB" and any(
            s.code[:2] in ctx.words.captor_roots
            for s in ctx.lex.senses(held_by.lemma_.lower()) or ()):
        # "Police detained 23 protesters, 17 of whom were released": the clause's own captor
        doers = [p for p in subjects_of(ctx, held_by) if p.actor]
        held = [p for p in parties_at(ctx, trigger.head) if p.actor]
        if doers and held:
            candidate.targets = [replace(p, token=trigger) for p in held]
            return [replace(p, token=trigger) for p in doers]
    if any(c.dep_ == "nsubjpass" and c.pos_ == "NUM" for c in trigger.children):
        return []  # "Twenty were released": of a group named before only if it is as large
    start = ctx.window_start(trigger, 1)
    for index, done_to, doer, code in reversed(ctx.acted_on):
        if index < start:
            break
        held = ctx.clusters.get(done_to)
        if (index < trigger.i and code[:2] in ctx.words.captor_roots and held is not None
                and held.kind != "location" and doer.actor != done_to):
            candidate.targets = [Party(held.id, held.name, True, trigger)]
            return [replace(doer, token=trigger)]
    return []


def critics_of(ctx: EventContext, code: str, targets: list[Party], trigger: Token
               ) -> list[Party]:
    """Who criticised or accused when the text names nobody ("was accused of lying", "drew
    criticism"): critics of the country of the one criticised (event_words.yaml:
    unnamed_critics); none for other acts or one criticised of no country."""
    if not code.startswith(tuple(ctx.words.unnamed_critics)):
        return []
    country = next((c.country for p in targets if p.named and (c := ctx.cluster(p))
                    and c.kind != "location"), None)
    if country is None:
        return []
    return [_implied(ctx, "CRITICS", country, trigger)]


def passive_critics(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """The critics of an agentless passive judgement ("the party was accused of misleading
    voters", "he has been criticised for ...")."""
    if not _agentless_passive(candidate.trigger):
        return []
    return critics_of(ctx, candidate.code, candidate.targets, candidate.trigger)


def _attack_in(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """The doer of the attack a passive act of force happened in ("six people were killed in
    the strikes", "were wounded in Israeli shelling"): the attack's own doer, else the doer of
    the attack of that kind told before, else whoever last used force against no one of the
    victims' country."""
    if candidate.code[:2] not in ctx.words.force_roots:
        return []
    for prep in candidate.trigger.children:
        if prep.dep_ != "prep" or prep.lower_ not in {"in", "during", "by"}:
            continue
        for attack in (g for g in prep.children if g.dep_ == "pobj"):
            senses = ctx.lex.nouns.get(attack.lemma_.lower()) or []
            if not any(s.code[:2] in ctx.words.force_roots for s in senses) or fought_by_both(
                    ctx, senses):
                continue  # (not "killed in the fighting", "in clashes": both sides' doing)
            doers = [p for p in noun_sources(ctx, attack) if p.named and p.actor]
            if doers:
                return [replace(doers[0], token=attack)]
            earlier = anaphor(ctx, attack)
            if earlier is not None and earlier.actor:
                return [replace(earlier, token=attack)]
            struck = {c.country for p in candidate.targets
                      if (c := ctx.cluster(p)) is not None and c.country}
            doer = _last_armed_doer(ctx, candidate.trigger, struck)
            return [replace(doer, token=attack)] if doer is not None else []
    return []


def _agentless_passive(verb: Token) -> bool:
    """Whether ``verb`` is passive with no "by" agent ("was arrested", "has been criticised")."""
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) and not any(
        c.dep_ == "agent" for c in verb.children)


def reporting_force(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """The doer of a use of force or an arrest told in the passive with no agent in what an
    army or police force reports ("the army said 20 militants were killed in the operation":
    by the army), unless those it was done to are its own side's ("the army said three
    soldiers were killed": by the enemy)."""
    trigger = candidate.trigger
    if candidate.code[:2] not in ctx.words.force_roots | ctx.words.reported_force_roots or (
            not _agentless_passive(trigger)):
        return []
    clause = trigger
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    reporter = reporter_of(ctx, clause)
    # ("All five attackers were killed, according to the intelligence agency")
    tellers = subjects_of(ctx, reporter) if reporter is not None else attributed_to(ctx, clause)
    forces = [p for p in tellers if p.actor and getattr(
        ctx.cluster(p), "sector", None) in ctx.words.armed_sectors]
    if not forces:
        return []
    # (only on its enemies: fighters of no state, or another state's forces; "the army said
    # 12 civilians were killed" or "three soldiers were killed" does not say by whom)
    home = getattr(ctx.cluster(forces[0]), "country", None)

    def enemy(party: Party) -> bool:
        done_to = ctx.cluster(party)
        if done_to is None or party.key == forces[0].key:
            return False
        if done_to.sector in ctx.words.foes:
            return True
        return (home is not None and done_to.country is not None and done_to.country != home
                and (done_to.kind == "country" or done_to.sector in ctx.words.armed_sectors))

    if not candidate.targets or not all(enemy(t) for t in candidate.targets):
        return []
    return [replace(p, token=trigger) for p in forces]


def reporting_state(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """The state whose account tells of force used with no target named ("Ukraine said Russian
    forces launched 40 drones overnight", "the Israeli military said Hezbollah fired rockets"):
    a state reports the force used against itself, when it is not the doer's."""
    if lookup(candidate.code).quad_class != 4 or any(
            g.lemma_.lower() in ctx.words.open_waters for g in prep_objects(candidate.trigger)):
        return []  # ("fired a missile into the sea, South Korea said": aimed at no one)
    if prep_objects(candidate.trigger, ctx.words.aimed_preps):
        # "a drone attack on a commercial ship, the US military said": aimed at what it names
        return []
    if any(c.dep_ == "dobj" and c.lemma_.lower() not in ctx.words.weapons
           for c in candidate.trigger.children):
        # "Moscow seized a nuclear power plant, she said": done to what it names (not "launched
        # 40 drones", whose object is the weapon)
        return []
    doers = {getattr(ctx.cluster(p), "country", None) for p in candidate.sources}
    if None in doers or not doers:
        return []
    return next(([replace(speaker, token=candidate.trigger)]
                 for speaker, cluster in _state_reporters(ctx, candidate.trigger)
                 if cluster.country not in doers), [])


def population_target(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """Whom a measure laid on a whole population is aimed at when no one is named ("imposed a
    curfew in the town", "suspended mobile phone service"; event_words
    ``population_measures``): the civilians of the country where it was imposed, else of its
    doers'."""
    if candidate.code[:2] not in ctx.words.population_measure_roots:
        return []
    trigger = candidate.trigger
    words = {trigger.lemma_.lower()} | {
        t.lemma_.lower() for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"}
        for t in c.subtree}
    if not words & ctx.words.population_measures:
        return []
    country = _country_where(ctx, candidate, [p for p in candidate.sources if p.named],
                             fallback=False)
    if country is None:
        return []
    civilians = ctx.implied_actor("CVL", country)
    return [Party(civilians.id, civilians.name, True, trigger)]


def domestic_target(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """Whom a domestic force's hostile act is aimed at when neither its sentence nor the story
    before names anyone: police and courts act on their country's civilians ("riot police
    smashed car windows"; event_words: ``implied_targets``)."""
    if lookup(candidate.code).quad_class < 3:
        return []  # "police requested help", "the court invited": no one is implied
    doers = [ctx.cluster(p) for p in candidate.sources if p.named]
    doers = [d for d in doers if d is not None]
    if len(doers) != 1 or not doers[0].country:
        return []
    sector = ctx.words.implied_targets.get(doers[0].sector or "")
    if sector is None:
        return []
    trigger = candidate.trigger
    if any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in ctx.words.policy_things
           for c in trigger.children):
        sector = ctx.words.policy_maker  # "the court struck down the law": the government's
    cluster = ctx.implied_actor(sector, doers[0].country)
    return [Party(cluster.id, cluster.name, True, candidate.trigger)]


def _foreign(cluster: ActorCluster, country: str, ctx: EventContext) -> bool:
    """Whether ``cluster`` is of another country than ``country``, or an international body
    (of no country: event_words ``international_sectors``)."""
    if cluster.country is None:
        return cluster.sector in ctx.words.international_sectors
    return cluster.country != country


# How many mentions outside an act's sentence make a country the one a story is about.
_STORY_MENTIONS = 2


def nearest_actor(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """The actor named nearest the trigger in its sentence, as the target of a criticism or a
    use of force that names no object and whose parse and story give none ("its jets had
    struck what it called terrorist hideouts inside neighbouring Afghanistan"; event_words
    ``nearest_target_roots``); not the doer, whoever tells of the act, a place or a news
    outlet."""
    if (candidate.code[:2] not in ctx.words.nearest_target_roots or candidate.targetless_ok
            or candidate.code[:2] in ctx.words.recipientless_roots or candidate.match == "noun"
            or any(c.dep_ == "dobj" for c in candidate.trigger.children)):
        # (nor an act named by a noun of its own: "surrendered following a government
        # offensive" tells no more of the offensive)
        return []
    own = {p.actor for p in candidate.sources}
    trigger = candidate.trigger
    # what the act says ("Croatian authorities are failing to uphold the rights of refugees, a
    # rights group protested"): its subject is whom it is aimed at
    said = [c for c in trigger.children if c.dep_ in {"ccomp", "parataxis"}]
    subjects = [p for c in said for p in subjects_of(ctx, c) if p.actor and p.actor not in own]
    if subjects:
        return subjects[:1]
    nearest: tuple[int, Token, str] | None = None
    for token in ctx.tokens[trigger.sent.start:trigger.sent.end]:
        cluster = ctx.actor_of.get(token.i)
        if not may_be_aimed_at(cluster, own):
            continue
        if tells_of_act(ctx, token):
            continue  # "..., the US military said": who tells of the act
        head = modified_noun(token)
        distance = abs(token.i - trigger.i)
        # (nor what another verb acts on: right a twentieth of the time on the dev sets)
        if head.dep_ != "dobj" and (nearest is None or distance < nearest[0]):
            nearest = (distance, token, cluster.id)
    if nearest is None:
        return []
    _distance, token, actor = nearest
    return [Party(actor, token.text, True, token)]


def story_state(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """Whom a foreign side's verbal act is aimed at when neither its sentence nor the story
    before names anyone ("The United Nations called for a peaceful transition", "France called
    for restraint", in a story about Bangladesh or Chad): the state the story is about, as
    annotators code it (event_words ``story_addressed_roots``). Not for the story's own
    people, nor when the doer is unknown."""
    if candidate.code[:2] not in ctx.words.story_addressed_roots:
        return []
    country = ctx.story_country
    doers = [p for p in candidate.sources if p.named and ctx.cluster(p) is not None]
    # (a state or a political body of another country, or an international one: not "Twitter
    # pledged", "forecasters warned")
    if country is None or not doers or not all(
            is_political(ctx, p) and _foreign(ctx.cluster(p), country, ctx) for p in doers):
        return []
    trigger = candidate.trigger
    # not at the victims of an act reacted to ("condemned the attack on Israel": whoever made
    # it), nor at the one a thing judged in a relative clause was done to ("Serbia faces
    # tariffs which the Commission criticised")
    done_to = [p for c in trigger.children if c.dep_ == "dobj" and c.i not in ctx.actor_of
               for p in noun_targets(ctx, c)]
    if trigger.dep_ == "relcl":
        done_to += [p for c in trigger.head.head.children if c.dep_ in SUBJECTS
                    for p in parties_at(ctx, c)]
    if any(getattr(ctx.cluster(p), "country", None) == country for p in done_to):
        return []
    sent = trigger.sent
    told_elsewhere = sum(1 for c in ctx.actors if c.country == country for m in c.mentions
                         if not sent.start <= m.start < sent.end)
    if told_elsewhere < _STORY_MENTIONS:
        return []  # (a story's state is told of in more than the act's own sentence)
    state = named_state(ctx, country, countries_only=True) or ctx.implied_actor("GOV", country)
    return [Party(state.id, state.name, True, candidate.trigger)]


def next_actor(ctx: EventContext, candidate: Candidate) -> list[Party]:
    """The next actor named after the trigger in its sentence, as the target of an act whose
    parse gives none; none when it is the doer, a speaker, or a place."""
    own = {p.actor for p in candidate.sources}
    # nor whoever reports or judges the act ("Musk blamed Ukraine for refusing to
    # negotiate, a charge he repeated"): the subjects of the verbs above the trigger
    own |= {p.actor for verb in candidate.trigger.ancestors for p in subjects_of(ctx, verb)}
    sent = candidate.trigger.sent
    # what the trigger says ("warned that migrants are at risk"): who is named in it is no
    # recipient unless it tells what will befall them ("warned that Israel would pay")
    # (a finite clause: "allowed Ouattara to participate" names whom it is done to)
    said = [c for c in candidate.trigger.children if c.dep_ == "ccomp" and (
        c.tag_ in {"VBD", "VBZ", "VBP"} or any(
            m.dep_ == "mark" and m.lower_ in {"that", "whether", "if"} for m in c.children))
        and not any(a.dep_ == "aux" and (a.lower_ in ctx.words.modals or a.lower_ == "to")
                    for a in c.children)]
    if candidate.code.startswith("127"):
        # "Russia denied targeting civilians": the act denied is what was said of the doer
        said += [c for c in candidate.trigger.children if c.dep_ in {"xcomp", "ccomp"}
                 or c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children)]
    # an act the trigger is about ("protested against a drone strike that killed a commander"):
    # whom that act was done to is no recipient of the protest (not an act it follows or is
    # for: "rioted following a demonstration calling for Mubarak's removal")
    said += [g for g in prep_objects(candidate.trigger, ctx.words.about_preps)
             if g.lemma_.lower() in ctx.lex.nouns and g.i not in ctx.actor_of]
    # ("said in an email to The Associated Press", "warned in a statement carried by KCNA": a
    # news outlet that carries or hears the words is the audience, not whom they are aimed at)
    # (nor one named inside quotation marks the trigger is not in: "chanting 'No to the
    # Russian law!'", a slogan or a title)
    own_quote = ctx.quoted_stretch(candidate.trigger.idx)
    for token in ctx.tokens[candidate.end:sent.end]:
        cluster = ctx.actor_of.get(token.i)
        if not may_be_aimed_at(cluster, own):
            continue
        if ctx.quoted_stretch(token.idx) not in (None, own_quote):
            continue
        if any(c.left_edge.i <= token.i <= c.right_edge.i for c in said):
            continue
        # ("waving Russian and Nigerien flags": a coordinated modifier modifies too)
        head = modified_noun(token, through_coordinated_modifiers=True)
        if head.dep_ in SUBJECTS and head.head.lemma_.lower() in ctx.lex.reporting:
            return []  # the rest of the sentence is attribution
        if (head.dep_ in {"dobj", "dative"} and head.head.i != candidate.trigger.i
                and head.head.lemma_.lower() in ctx.lex.reporting):
            return []  # "..., Raab told the BBC": whom the speaker told is the audience
        if (head.dep_ in SUBJECTS and head.head.dep_ == "conj"
                and head.head.head.i == candidate.trigger.i):
            return []  # "resigned and Wolf was named": the doer of a clause of its own
        if (head.dep_ in {"dobj", "dative"} and head.head.dep_ == "conj"
                and head.head.head.i == clause_of(candidate.trigger).i):
            return []  # "imposed a curfew, deployed soldiers": what a clause of its own acts on
        # (nor one in a time phrase: "surrendered following a government offensive")
        if head.dep_ == "pobj" and (head.head.lower_ in ctx.words.place_preps
                                    or head.head.lower_ in ctx.words.time_marks
                                    or head.head.lower_ == "according"):
            continue
        if head.dep_ == "dobj" and head.head.i == candidate.trigger.i:
            continue  # "deploy army forces onto ...": what is moved, left out on purpose
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.like_num:
            continue  # "launched 86 drones and six missiles, four of them ...": a count
        if head is not token and any(c.lower_ in ctx.words.former_words for c in head.children):
            continue  # "onto the former British colony": not Britain
        modifier = token
        while modifier.dep_ == "conj" and modifier.head.i != modifier.i:
            modifier = modifier.head
        if (head is not token and modifier.dep_ in {"amod", "compound"}
                and head.i not in ctx.actor_of and head.pos_ == "NOUN"
                and head.lemma_.lower() not in ctx.lex.nouns
                and head.lemma_.lower() not in ctx.words.agents
                and head.lemma_.lower() not in ctx.words.people):
            # "marched ..., some waving Russian flags": a thing's country, no one (not an
            # owner: "landed within Japan's exclusive economic zone")
            continue
        if head.dep_ == "pobj" and head.head.head.lower_ == "according":
            return []
        return [Party(cluster.id, phrase(head), True, head)]
    return []


def tells_of_act(ctx: EventContext, token: Token) -> bool:
    """Whether the name at ``token`` (or the noun it modifies) is the subject of a reporting
    verb: who tells of an act in its sentence ("..., the US military said") is not whom it is
    aimed at."""
    head = modified_noun(token)
    return head.dep_ in SUBJECTS and head.head.lemma_.lower() in ctx.lex.reporting


def may_be_aimed_at(cluster: ActorCluster | None, own: set[str | None]) -> bool:
    """Whether an actor named in an act's sentence may be whom the act is aimed at: not one of
    its doers (``own``), a place or a news outlet."""
    return cluster is not None and cluster.id not in own and cluster.kind != "location" and not (
        cluster.sector == "MED" and cluster.kind == "organization")


def modified_noun(token: Token, through_coordinated_modifiers: bool = False) -> Token:
    """The noun a name modifies ("the US military" for "US"), or the name itself."""
    head = token
    while (head.dep_ in {"compound", "flat", "amod", "det", "poss", "nummod"} or (
            through_coordinated_modifiers
            and head.dep_ == "conj" and head.head.dep_ in {"compound", "amod"})) and (
            head.head.i != head.i):
        head = head.head
    return head


def place_of(ctx: EventContext, candidate: Candidate) -> Party | None:
    """Where a physical act happened stands for its target when no actor is named
    ("lifted the curfew in Montenegro", "shelled the capital Juba")."""
    trigger = candidate.trigger
    # (a judgement is voiced somewhere, not done to it: "In Tehran, the ministry condemned
    # ..."; where what it judges was done still names the doer: "the crackdown in Iran")
    voiced = candidate.code[:2] in ctx.words.voiced_roots
    heads = [*([] if voiced else [trigger]), *(p.token for p in candidate.targets),
             *(c for c in trigger.children if c.dep_ == "dobj"),  # "its embassy in"
             # what an act noun is done to: "the bombing of a mosque in Kabul"
             *(prep_objects(trigger, {"of", "on"}) if trigger.pos_ == "NOUN" else []),
             # "killed 23 people when they blew themselves up in Tel Aviv": the same moment
             *same_moment_clauses(ctx, trigger),
             # "Russian shelling killed three civilians in Kherson": the harm an act noun
             # did happened where the act did
             # (the parser may hang such a subject as a clause: "Shelling by X killed ...")
             *([trigger.head] if trigger.pos_ == "NOUN" and trigger.dep_ in {
                 "nsubj", "csubj", "advcl"} and trigger.i < trigger.head.i else []),
             # "launched an offensive in Gaza last year": the parser may hang the place on
             # the verb that carries the act noun
             *([trigger.head] if candidate.match == "light" and trigger.dep_ == "dobj"
               else [])]
    for head in heads:
        # "condemned the attack on Israel": what an act reacted to was done to is no place
        # of the reaction ("condemned the crackdown in Iran" still is)
        victim = reacted_to(ctx, head)
        for child in head.children:
            if child.dep_ == "appos" and child.ent_type_ in {"GPE", "LOC", "FAC"}:
                return party_at(ctx, child)
            if child.dep_ == "prep":
                # "took to the streets of Tbilisi": the town of a public place
                town = [t for g in child.children if g.dep_ == "pobj"
                        and g.lemma_.lower() in ctx.words.public_places
                        for t in prep_objects(g, {"of"}) if t.ent_type_ in {"GPE", "LOC"}]
                party = party_at(ctx, town[0]) if town else None
                if party is not None and party.named:
                    return party
            if child.dep_ == "prep" and child.lower_ in ctx.words.place_preps and not (
                    victim and child.lower_ in {"on", "at", "into"}):
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    if pobj.lemma_.lower() in ctx.lex.nouns and not pobj.ent_type_:
                        continue  # "killed in Israeli air strikes": an act, not a place
                    party = party_at(ctx, pobj)
                    if party is not None and party.named and pobj.ent_type_ in {
                            "GPE", "LOC", "FAC", ""}:
                        return party
    return None
