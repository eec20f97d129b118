"""Events: who did what to whom and when, coded in CAMEO and PLOVER, from the dependency parse.

For each sentence:

1. triggers (:mod:`~eventwire.extract.event_triggers`): verbs and event nouns of the dictionary
   (``data/event_verbs.yaml``); verbs that govern an infinitive ("refused to", "threatened to",
   "urged ... to") code the act through their wrapper table; light verbs hand the event to
   their object ("imposed sanctions"); describing verbs and reported statements become praise
   or criticism when what is said of someone is evaluative ("called him a traitor";
   :mod:`~eventwire.extract.event_statements`); an unknown verb between two actors maps to the
   nearest dictionary verb in the word vectors, with lower confidence;
2. participants from syntax (:mod:`~eventwire.extract.event_participants`): subject or passive
   agent is the source, object, dative or the sense's preposition the target; nominal events
   take possessor/adjective ("Russia's", "Russian") as source and of/on/against as target;
   coordination multiplies events; an event noun as target ("criticised the refusal") stands
   for the actor of that earlier event; an act whose sentence names no target takes the doer's
   counterpart in the events kept before (``counterpart``, flagged ``inferred``: the
   participants the parse does not name come from :mod:`~eventwire.extract.event_implied`);
3. modality (:mod:`~eventwire.extract.event_modality`): negation, hedges, hypothetical acts
   (threatened, planned, modal or conditional), attribution;
4. date: :class:`~eventwire.extract.dates.DateScope`; confidence:
   :mod:`~eventwire.extract.scoring`;
5. the sentence gate (:mod:`~eventwire.extract.event_gate`): an event needs a participant that
   is an actor or a named entity, and a target unless its code is about acting alone (protest,
   mobilise, withdraw, appeals).

Every stage reads the document through one :class:`~eventwire.extract.event_context.EventContext`
and passes :class:`~eventwire.extract.event_candidates.Candidate` records on; this module runs
the stages and the filters. The tokens the stages work on are the context's ``tokens``
(:class:`~eventwire.extract.event_tokens.Word`: spaCy tokens whose facts are read once per
document), never new ones from ``ctx.doc[...]``: ``is`` between two of them means the same word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from eventwire.extract.codes import CameoCode, lookup
from eventwire.extract.dates import DateScope
from eventwire.extract.event_candidates import Candidate, Party
from eventwire.extract.event_context import EventContext
from eventwire.extract.event_gate import passes
from eventwire.extract.event_implied import (
    accuser,
    armed_doer,
    as_civilians,
    as_crowd,
    as_local_force,
    captor,
    code_for_doer,
    counted_people,
    counterpart,
    domestic_target,
    employer,
    gatekeeper,
    implied_agent,
    mediated_sides,
    nearest_actor,
    next_actor,
    opposed,
    passive_critics,
    passive_doer,
    place_of,
    population_target,
    protested_government,
    reporting_force,
    reporting_state,
    story_state,
    threatened_if,
)
from eventwire.extract.event_modality import mark_aims, mark_asked_acts
from eventwire.extract.event_participants import (
    names_both,
    parties_at,
    possessed_by,
    reciprocal,
)
from eventwire.extract.event_statements import quoted_judgements, quoted_statements
from eventwire.extract.event_tokens import release_words
from eventwire.extract.event_triggers import sentence_triggers
from eventwire.extract.event_words import EventWords
from eventwire.extract.scoring import STATEMENT_MATCHES, Evidence, scored
from eventwire.extract.syntax import SUBJECTS, clause_of, phrase, purpose, to_infinitive
from eventwire.extract.target_choice import choose_target
from eventwire.model import Actor, Document, Event, Quote

__all__ = ["extract_events"]


def extract_events(
    doc: Doc, document: Document, actors: list[Actor], quotes: list[Quote],
    words: EventWords | None = None, weights: dict[str, float] | None = None,
    target_weights: dict[str, float] | None = None,
) -> list[Event]:
    """Events in ``doc`` (text ``document.text``), their actors taken from ``doc._.actors``.

    ``words`` are the coder's word lists (:mod:`eventwire.extract.event_words`), ``weights``
    the confidence model's (:mod:`eventwire.extract.scoring`) and ``target_weights`` the target
    choice's (:mod:`eventwire.extract.target_choice`); by default the bundled ones (the pipeline
    passes those of ``Settings.event_words``, ``Settings.confidence_model`` and
    ``Settings.target_model``)."""
    del actors  # actor ids come from the doc's clusters; the records carry the same ids
    ctx = EventContext.for_document(doc, quotes, words, weights, target_weights)
    scope = DateScope(doc, document.published, ctx.words, ctx.tokens)
    events: list[Event] = []
    quoted: set[tuple[str | None, str]] = set()  # (speaker, quote) already coded as comment
    undated: list[tuple[Event, str]] = []  # background acts with no date, and their words
    for sent in scope.segments:
        coded = [(candidate, list(_events_of(ctx, candidate, scope)))
                 for candidate in _sentence_candidates(ctx, sent)]
        _keep_prior_order([(event, c.trigger) for c, found in coded for event in found],
                          ctx.priors, ctx.words.judgement_codes)
        # A plain statement is coded beside the acts it reports, as the annotation guide
        # codes it ("Y attacked Z, the army said": Y->Z and the army's 010), but not on the
        # trigger of a firm act nor by its doer (that act told again: "Iran said it seized
        # the tanker" is the seizure); an act that only may happen ("said Y might attack")
        # leaves its speaker's statement too.
        firm_triggers: set[int] = set()
        firm_doers: set[str | None] = set()
        for c, found in coded:
            if found and c.match not in STATEMENT_MATCHES and not (c.hypothetical or c.negated):
                firm_triggers.add(c.trigger.i)
                firm_doers |= {e.source for e in found}
        said: set[tuple[str | None, str | None]] = set()
        for candidate, found in coded:
            if candidate.match in STATEMENT_MATCHES:
                if candidate.trigger.i in firm_triggers:
                    continue
                found = [e for e in found if e.source not in firm_doers]
                # "He said he believed ...": one statement per speaker and addressee, and a
                # quote running over several sentences is one statement
                found = [e for e in found if (e.source, e.target) not in said and not (
                    candidate.match == "comment" and e.quote and (e.source, e.quote) in quoted)]
                said |= {(e.source, e.target) for e in found}
                quoted |= {(e.source, e.quote) for e in found if e.quote}
            for event in found:
                if _same_act(event, events, ctx.words):
                    continue  # one trigger, one pair: one event (the more confident reading)
                event.id = f"E{len(events) + 1}"
                events.append(event)
                _deal(ctx, candidate, event)
                if event.date_basis == "undated":
                    undated.append((event, candidate.trigger.lemma_.lower()))
            ctx.remember(candidate)
    for event, lemma in undated:
        # "pleaded guilty to charges he threatened to kill Omar ... threatened her in a call
        # on March 21": a background act told by the same word and code as one the text
        # dates, before or after, is that incident (not undated, nor the publication day)
        known = ctx.act_dates.get((event.cameo_root, lemma))
        if known is not None:
            event.date, event.date_basis = known, "carried"
    release_words(ctx.tokens)  # (freed now, not by the cycle collector)
    return events


def _own_forces_or_place(ctx: EventContext, party: Party, sources: list[Party]) -> bool:
    """Whether ``party`` is an armed force or police of a source's own country, or a place in
    it."""
    cluster = ctx.cluster(party)
    if cluster is None or cluster.country is None or (
            cluster.sector not in {"MIL", "COP"} and cluster.kind != "location"):
        return False
    return any((c := ctx.cluster(s)) is not None and c.country == cluster.country
               for s in sources)


def _deal(ctx: EventContext, candidate: Candidate, event: Event) -> None:
    """Remember the two sides of a kept act, each as the other's counterpart (not of an act
    that did not happen, nor of one whose target was itself inferred); and the doer of a use
    of force that happened on someone, even one inferred."""
    if (event.cameo[:2] in ctx.words.force_roots and event.source and event.target
            and not (candidate.hypothetical or candidate.negated)):
        doer = next((p for p in candidate.sources if p.actor == event.source and p.named), None)
        if doer is not None:
            ctx.armed_doers.append((candidate.trigger.i, doer))
    if (not event.source or not event.target or event.source == event.target
            or candidate.hypothetical or candidate.negated or candidate.inferred):
        return
    by_actor = {p.actor: p for p in (*candidate.sources, *candidate.targets) if p.actor}
    source, target = by_actor.get(event.source), by_actor.get(event.target)
    if (target is not None and target.token.lemma_.lower() in ctx.words.warring_nouns
            and target.token.dep_ not in SUBJECTS):
        # "called on both sides": a third side's appeal to the sides told before is none of
        # their dealings (as "each side blamed the other" is)
        return
    if source is not None and target is not None:
        ctx.dealings.append((candidate.trigger.i, event.quad_class, event.source, target))
        ctx.dealings.append((candidate.trigger.i, event.quad_class, event.target, source))
        ctx.acted_on.append((candidate.trigger.i, event.target, source, event.cameo))


def _not_court_venues(ctx: EventContext, candidate: Candidate, targets: list[Party]
                      ) -> list[Party]:
    """``targets`` without the court a legal action is brought in, at, to or before: "filed a
    claim at the High Court against the firm", "will appeal to the Court of Arbitration for
    Sport" are against the firm and the body that ruled (found as for no target)."""
    if not candidate.code.startswith(ctx.words.lawsuit_code):
        return targets
    return [t for t in targets if not (
        t.token.dep_ == "pobj" and t.token.head.lower_ in ctx.words.court_venue_preps
        and (getattr(ctx.cluster(t), "sector", None) == "JUD"
             or t.token.lemma_.lower() in ctx.words.court_nouns))]


def _sentence_candidates(ctx: EventContext, sent: Span) -> list[Candidate]:
    """The candidates of one sentence, with what the sentence as a whole says of them."""
    found = sentence_triggers(ctx, sent)
    found += quoted_statements(ctx, sent, found)
    found += quoted_judgements(ctx, sent, found)
    for candidate in found:
        if not candidate.sources:
            implied_agent(ctx, candidate)
            gatekeeper(ctx, candidate)
        if not candidate.sources:
            # "she was sent to the ship": by whoever she last dealt with
            candidate.sources = passive_doer(ctx, candidate)
            candidate.inferred = bool(candidate.sources)
        if not candidate.sources:
            # "the army said 20 militants were killed": by the army
            candidate.sources = reporting_force(ctx, candidate)
        if not candidate.sources:
            # "the party was accused of misleading voters": by critics nobody names
            candidate.sources = passive_critics(ctx, candidate)
        armed = armed_doer(ctx, candidate)
        if armed:
            # "a ballistic missile slammed into a warehouse": fired by the side that has been
            # striking
            candidate.sources, candidate.inferred = armed, True
    for candidate in found:
        # (also what a wrapper's act is done to: "agreed to send their ambassadors back to
        # each other's capitals")
        objects = [c for c in candidate.trigger.children if c.dep_ in {"dobj", "prep", "xcomp"}]
        if len(candidate.sources) > 1 and any(
                reciprocal(t) for t in [*(p.token for p in candidate.targets), *objects]):
            # "Johnson and Corbyn attacked each other's policies": each targets the other
            candidate.targets, candidate.symmetric, candidate.mutual = [], True, True
    mark_asked_acts(found)
    mark_aims(found, ctx.words.force_roots, ctx.words.fight_goals)
    _seized_from_those_acted_on(ctx, found)
    return _dedupe(found)


def _seized_from_those_acted_on(ctx: EventContext, found: list[Candidate]) -> None:
    """Things seized with no owner named are seized from the people their seizer acts on in
    the same sentence ("arrested 23 Indian fishermen and seized three trawlers": the
    fishermen's; event_words ``seizure_code``, ``seized_with_roots``)."""
    for seizure in found:
        if not seizure.code.startswith(ctx.words.seizure_code) or any(
                p.named for p in seizure.targets):
            continue
        seizers = {p.actor for p in seizure.sources if p.actor}
        owners = next(([p for p in other.targets if p.named and p.actor not in seizers]
                       for other in found if other is not seizure
                       and other.code[:2] in ctx.words.seized_with_roots
                       and seizers & {p.actor for p in other.sources}), [])
        if owners:
            seizure.targets = [replace(p, token=seizure.trigger) for p in owners]
            seizure.inferred = True


def _events_of(ctx: EventContext, candidate: Candidate, scope: DateScope) -> Iterable[Event]:
    """One contract event per source-target pair that passes the gate (dated, coded for its
    doer and scored)."""
    joint = candidate.symmetric and len(candidate.sources) > 1  # "X and Y signed in Z"
    if (not candidate.targets and candidate.trigger.pos_ == "NOUN"
            and candidate.trigger.lemma_.lower() in ctx.words.civilian_nouns):
        # "taking some 250 hostages": the people the act noun names are whom it is done to
        candidate.targets = [Party(None, phrase(candidate.trigger), False, candidate.trigger)]
    if not candidate.targets and candidate.code[:2] in ctx.words.force_roots and any(
            getattr(ctx.cluster(p), "kind", None) == "country"
            or getattr(ctx.cluster(p), "sector", None) in ctx.words.armed_sectors
            for p in candidate.sources):
        # "killing 30 and wounding 100", "killed at least 25": people counted only by number,
        # by a state or an armed force (not the dead of a mishap: "the shuttle exploded,
        # killing all six aboard")
        candidate.targets = [Party(None, phrase(c), False, c) for c in candidate.trigger.children
                             if c.dep_ == "dobj" and counted_people(ctx, c)]
    if candidate.code[:2] == ctx.words.threat_root:
        conditioned = threatened_if(ctx, candidate)
        if conditioned:
            # "warned that they could trigger UN sanctions if Tehran does not curb its
            # programme": a threat is aimed at whoever must meet its condition
            candidate.targets = conditioned
    held_by = captor(ctx, candidate)
    if held_by:
        # "demanded the release of a reporter detained by Venezuelan forces": of the captors
        candidate.targets = held_by
    candidate.targets = [as_civilians(ctx, candidate, p) for p in candidate.targets]
    candidate.sources = [as_local_force(ctx, candidate, p) for p in candidate.sources]
    if candidate.code[:2] in ctx.words.recipientless_roots:
        candidate.sources = [as_crowd(ctx, candidate, p) for p in candidate.sources]
        # "blocked streets", "rioted at a jail": things are no recipients of a protest, nor
        # is where it was held ("took to the streets of Belgrade")
        candidate.targets = [p for p in candidate.targets if p.named and getattr(
            ctx.cluster(p), "kind", None) != "location"] or opposed(ctx, candidate) or (
            employer(ctx, candidate) if candidate.code.startswith(ctx.words.strike_code) else [])
    if (not any(p.named for p in candidate.targets)
            and candidate.code[:2] not in ctx.words.no_place and not joint):
        place = place_of(ctx, candidate)
        if place is not None:
            candidate.targets = [place]
    if candidate.code[:2] in ctx.words.posture_roots:
        # "put its troops on alert", "mobilised its army": a side's own forces are what it
        # shows force with, not whom it is aimed at (that is found below, as for no target)
        # ("its" may be read as another state's: an own thing is told with a pronoun; and
        # "announced the deployment of 2,000 troops": forces of the doer's own country; "sent
        # 600 troops to Nuevo Laredo": a place in it, where force is shown to no one)
        candidate.targets = [t for t in candidate.targets
                             if not possessed_by(ctx, t, candidate.sources) and not any(
                                 c.dep_ == "poss" and c.pos_ == "PRON" for c in t.token.children)
                             and not _own_forces_or_place(ctx, t, candidate.sources)]
    candidate.targets = _not_court_venues(ctx, candidate, candidate.targets)
    pair = [p for p in candidate.sources if p.named]
    if (not candidate.targets and not candidate.symmetric and len(pair) == 2
            and pair[0].token.i == pair[1].token.i and names_both(pair[0].token)
            and candidate.code[:2] not in ctx.words.recipientless_roots
            and candidate.match not in STATEMENT_MATCHES):
        # "Both countries recalled their ambassadors": each side's act is aimed at the other
        candidate.symmetric = candidate.mutual = True
    if not candidate.targets and not candidate.symmetric and candidate.match != "comment" and (
            candidate.match != "noun" or candidate.code[:2] not in ctx.words.recipientless_roots):
        # no recipient in the parse: the next actor named after the trigger in the same
        # sentence, when it is no speaker or place ("Iran protested ..., Tehran said"; not
        # of a protest noun: "the protests degrade the party's claim" are against no one)
        candidate.targets = _not_court_venues(ctx, candidate, next_actor(ctx, candidate))
        if (candidate.code.startswith(ctx.words.demonstration_code)
                and candidate.trigger.lemma_.lower() not in ctx.words.complaining_verbs):
            # a crowd's march is against a state or government named after it ("took to the
            # streets after the government adopted a decree"), not whoever else is named
            # ("marched through Dayton as police officers watched"); (a riot or a strike may
            # be aimed at the police or a firm: "threw stones at Israeli troops")
            candidate.targets = [p for p in candidate.targets if (c := ctx.cluster(p)) is not None
                                 and (c.kind == "country"
                                      or c.sector in ctx.words.protested_sectors)]
    if (candidate.code[:2] in ctx.words.recipientless_roots
            and not any(p.named for p in candidate.targets)):
        # "weeks of protests": against the government where they were held
        candidate.targets = protested_government(ctx, candidate) or candidate.targets
    if not any(p.named for p in candidate.targets):
        # "imposed a curfew in the town": on the people there
        restricted = population_target(ctx, candidate)
        if restricted:
            candidate.targets, candidate.inferred = restricted, True
    if candidate.code == ctx.words.denial_code and not any(p.named for p in candidate.targets):
        # "Big Machine have twice denied doing anything wrong": a denial answers its accuser
        # (before whoever else the denier last dealt with: "Pristina blamed Serbia, which
        # denied involvement")
        accusers = accuser(ctx, candidate)
        if accusers:
            candidate.targets, candidate.inferred = accusers, True
    if not any(p.named for p in candidate.targets) and not candidate.symmetric:
        # "Turkey offered to broker a settlement": for the two sides at odds before
        sides = mediated_sides(ctx, candidate)
        if sides:
            candidate.targets, candidate.inferred = sides, True
    if (not any(p.named for p in candidate.targets) and not candidate.targetless_ok
            and not candidate.symmetric and candidate.match not in STATEMENT_MATCHES
            and candidate.code[:2] not in ctx.words.recipientless_roots
            and not _deals_in_things(ctx, candidate)):
        # "Beijing has balked at the terms": at whom the story has told the doer dealing with
        inferred = (reporting_state(ctx, candidate) or counterpart(ctx, candidate)
                    or domestic_target(ctx, candidate))
        if inferred:
            candidate.targets, candidate.inferred = inferred, True
    if (not any(p.named for p in candidate.targets) and not candidate.symmetric
            and candidate.match not in STATEMENT_MATCHES
            and candidate.code[:2] not in ctx.words.recipientless_roots):
        # "France also called for restraint": at the state the story is about; else a
        # criticism's or an attack's nearest actor in its sentence (not a protest's: "have
        # spread to Istanbul and Ankara" names where, not whom)
        inferred = story_state(ctx, candidate) or nearest_actor(ctx, candidate)
        if inferred:
            candidate.targets, candidate.inferred = inferred, True
    if (not any(p.named for p in candidate.targets) and not candidate.symmetric
            and not candidate.targetless_ok and candidate.match not in STATEMENT_MATCHES
            and candidate.code[:2] not in ctx.words.recipientless_roots
            and not _deals_in_things(ctx, candidate)):
        # no rule found whom the act is aimed at: the actor of its sentence that the target
        # choice model prefers to no one ("... in a rebuke to Beijing"; not for buying things)
        chosen = choose_target(ctx, candidate)
        if chosen:
            candidate.targets, candidate.inferred = chosen, True
    # "Egypt closed its embassy in Khartoum": an act on one's own post abroad is aimed at
    # where it is
    candidate.targets = [_host_of(ctx, t) if possessed_by(ctx, t, candidate.sources) else t
                         for t in candidate.targets]
    if candidate.code[:2] < ctx.words.own_forces_below:
        # "Israel agreed to pull its troops out": no one cooperates with their own forces
        candidate.targets = [t for t in candidate.targets
                             if not possessed_by(ctx, t, candidate.sources)]
    # When a side names an actor, its unnamed things ("its troops") are not participants.
    sources = [p for p in candidate.sources if p.named] or candidate.sources or [None]
    targets = [p for p in candidate.targets if p.named] or [
        # no actor named: one recipient, the prepositional one ("aid to the villages")
        next((p for p in candidate.targets if p.token.dep_ == "pobj"), None)
        or next(iter(candidate.targets), None)]
    pairs = list({(s and s.key, t and t.key): (s, t) for s in sources for t in targets
                  }.values())  # one event per actor pair ("state news agency TASS")
    # (a name that is no actor is no party to it: "Washington and Beijing signed a 'Phase
    # One' trade deal")
    if candidate.symmetric and not any(p.named and p.actor for p in candidate.targets) and len(
            candidate.sources) > 1:
        members = [p for p in candidate.sources if p.named] or candidate.sources
        # Two sides of a joint act each act on the other, as annotators code it ("Kenya and
        # the UAE signed an agreement", "talks between the US and China", "the leaders of
        # India and China met"); so do the sides one word names ("the two sides negotiate",
        # "both countries")
        if candidate.mutual or len(members) == 2 or len(
                {p.token.i for p in members}) == 1 and names_both(members[0].token):
            pairs = [(s, t) for s in members for t in members if s is not t]
        else:
            # "talks between him, Sondland and other leaders": one event per pair with the
            # first named as source (every pair each way is more than annotators code)
            first = min(members, key=lambda p: p.token.i)
            pairs = [(first, t) for t in members if t is not first and t.key != first.key]
    elif candidate.mutual:
        # "North Korea exchanged fire with the South": each way
        pairs += [(t, s) for s, t in pairs if s is not None and t is not None and t.named
                  and (t, s) not in pairs]
    date, basis = scope.date_of(
        candidate.trigger, carry=candidate.trigger.lemma_.lower() not in ctx.lex.reporting)
    sent = scope.segment_of(candidate.trigger)
    # the trigger's offsets and words from its tokens and the text (a Span costs more), and the
    # sentence's offsets, read once for all the candidate's events
    trigger_start = trigger_end = ctx.tokens[candidate.start].idx
    if candidate.end > candidate.start:
        last = ctx.tokens[candidate.end - 1]
        trigger_end = last.idx + len(last)
    trigger_text = ctx.text[trigger_start:trigger_end]
    sentence_start, sentence_end = sent.start_char, sent.end_char
    for source, target in pairs:
        if not passes(ctx, candidate, source, target):
            continue
        facts = lookup(code_for_doer(ctx, candidate, source, target))
        date, basis = _incident_date(ctx, facts.root, candidate.trigger, source, target, date,
                                     basis, scope)
        yield Event(
            id="E0",  # numbered by extract_events once the sentence is settled
            source=source.actor if source else None,
            target=target.actor if target else None,
            source_text=source.text if source else None,
            target_text=target.text if target else None,
            cameo=facts.code,
            cameo_root=facts.root,
            plover=facts.plover,
            mode=facts.mode,
            context=facts.context,
            quad_class=facts.quad_class,
            goldstein=facts.goldstein,
            date=date,
            date_basis=basis,
            hedged=candidate.hedged,
            negated=candidate.negated,
            hypothetical=candidate.hypothetical,
            via=[v for v in candidate.via if v != (source.actor if source else None)],
            quote=candidate.quote,
            # (the two spans as plain mappings: validated with the event, in one call)
            sentence={"start": sentence_start, "end": sentence_end},
            trigger={"start": trigger_start, "end": trigger_end, "text": trigger_text},
            confidence=_confidence(ctx, candidate, source, target, facts),
        )


def _host_of(ctx: EventContext, party: Party) -> Party:
    """The place an owned thing is in ("its embassy in Khartoum"), when the phrase names one;
    else the party itself."""
    for prep in party.token.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for place in (g for g in prep.children if g.dep_ == "pobj"):
                found = [p for p in parties_at(ctx, place) if p.named
                         and getattr(ctx.cluster(p), "country", None)]
                if found:
                    return found[0]
    return party


def _deals_in_things(ctx: EventContext, candidate: Candidate) -> bool:
    """Whether an economic act is done to a thing the verb names ("Neumann bought
    properties"): its partner is in the sentence or nowhere, never the story's last one."""
    return candidate.code[:2] == "06" and candidate.trigger.pos_ == "VERB" and any(
        c.dep_ == "dobj" and not any(p.named for p in parties_at(ctx, c))
        for c in candidate.trigger.children)


def _incident_date(ctx: EventContext, root: str, trigger: Token, source: Party | None,
                   target: Party | None, date: str | None, basis: str | None,
                   scope: DateScope) -> tuple[str | None, str | None]:
    """An act dated in its own words is remembered; a later mention of the same act (same
    root, word, source and target: "the July 25 call" ... "Trump's call with Zelenskiy") that
    gives no date of its own takes that date rather than the publication day, or, for a noun
    naming the act again, rather than a day of the sentence around it ("the testimony Tuesday
    of an officer who described Trump's call as improper")."""
    if basis == "publication" or (basis == "relative" and not scope.sentence_dated(trigger)):
        # (not when the sentence says a date: that date is the act's own)
        during = _during(ctx, trigger, scope)
        if during is not None:
            return during, "carried"
    # (a date still to come, "sentencing is scheduled for Feb. 14", is no date a later
    # mention of the act took place on)
    ahead = date is not None and scope.after_publication(date)
    if basis in {"explicit", "relative"} and date is not None and not ahead:
        ctx.word_dates[trigger.lemma_.lower()] = date
        if root != "01":
            ctx.act_dates.setdefault((root, trigger.lemma_.lower()), date)
    if source is None or target is None or not source.actor or not target.actor or root == "01":
        return date, basis
    key = (root, trigger.lemma_.lower(), source.actor, target.actor)
    known = ctx.incident_dates.get(key)
    mentioned_again = (known is not None and trigger.pos_ == "NOUN" and basis == "relative"
                       and not scope.dated_within(trigger)
                       # "raised tariffs last year" dates them; "described Trump's call
                       # on Tuesday" does not
                       and not (scope.dated_on(trigger)
                                and clause_of(trigger).lemma_.lower() not in ctx.lex.reporting
                                and clause_of(trigger).lemma_.lower()
                                not in ctx.lex.evaluative_verbs))
    if basis in {"explicit", "relative"} and date is not None and not mentioned_again and (
            not ahead):
        ctx.incident_dates.setdefault(key, date)
    elif known is not None and (basis == "publication" or mentioned_again):
        return known, "carried"
    return date, basis


def _during(ctx: EventContext, trigger: Token, scope: DateScope) -> str | None:
    """The date of the act "during the call" names, told and dated before: as an act coded
    before, or in the phrase of the same noun ("arrested for the March 21 call ... During the
    call, he asked about ..., called Omar a terrorist": the phrase may hang on the first of
    the verbs it governs)."""
    verb = trigger
    while True:
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ in ctx.words.during_marks:
                for noun in prep.children:
                    if noun.dep_ == "pobj" and any(c.lower_ in {"the", "that", "this"}
                                                   for c in noun.children):
                        lemma = noun.lemma_.lower()
                        return ctx.word_dates.get(lemma) or scope.noun_date(lemma, noun.i)
        # (up coordinated verbs, and clauses the parser hangs as unmarked adverbials: "he
        # asked about ..., called Omar a terrorist"; not "after ...", "when ...")
        if verb.head.i >= verb.i or not (verb.dep_ == "conj" or verb.dep_ == "advcl" and not any(
                c.dep_ == "mark" for c in verb.children)):
            return None
        verb = verb.head


def _confidence(ctx: EventContext, candidate: Candidate, source: Party | None,
                target: Party | None, facts: CameoCode) -> float:
    """The event's confidence; its prior is kept in order for :func:`_keep_prior_order`."""
    prior, found = scored(_evidence(ctx, candidate, source, target, facts), ctx.weights)
    ctx.priors.append(prior)
    return found


def _evidence(ctx: EventContext, candidate: Candidate, source: Party | None,
              target: Party | None, facts: CameoCode) -> Evidence:
    """What the confidence model is told about the event (see extract/scoring.py)."""
    def kind(party: Party | None) -> str:
        if party is None:
            return "none"
        cluster = ctx.cluster(party)
        if cluster is not None and cluster.kb_id and (cluster.country or cluster.kb_code):
            # a knowledge-base actor of known country ("Vladimir Putin") or a coded
            # international body ("the European Union": IGOEU)
            return "known"
        if cluster is not None:
            return "country" if cluster.country else "actor"
        return "named" if party.named else "words"

    source_cluster = ctx.cluster(source) if source else None
    target_cluster = ctx.cluster(target) if target else None
    target_kind = kind(target)
    if facts.code == ctx.words.denial_code and target_kind == "none":
        target_kind = "alone"  # "Salcedo has denied any wrongdoing": denied to no one
    elif facts.root in ctx.words.recipientless_roots and (target_kind == "none" or (
            target_cluster is not None and not target_cluster.mentions)):
        # "protesters marched": nobody is missing; nor is the government a protest implies
        # ("weeks of protests") any evidence
        target_kind = "alone"
    source_kind = kind(source)
    if (source_kind == "country" and source_cluster is not None
            and not source_cluster.mentions and source_cluster.sector is None):
        # critics the text names nowhere ("was accused of lying") are no coded actor of the
        # story (unlike the police an arrest implies, whose sector the act tells)
        source_kind = "actor"
    return Evidence(
        match=candidate.match, source=source_kind, target=target_kind,
        quad_class=facts.quad_class, hedged=candidate.hedged, alleged=candidate.alleged,
        hypothetical=candidate.hypothetical, negated=candidate.negated,
        subordinate=candidate.subordinate, speculative=candidate.speculative,
        aim=candidate.aim, inferred=candidate.inferred,
        clause=_clause_kind(candidate.trigger), root=facts.root,
        present=_simple_present(candidate.trigger), purpose=purpose(candidate.trigger),
        # inside what a quote says, not the verb that reports it ("said X was a disgrace"
        # is the speaker's own act)
        quoted=candidate.quote is not None and ctx.inside_quote(candidate.trigger.idx),
        same_country=bool(source_cluster and target_cluster and source_cluster.country
                          and source_cluster.country == target_cluster.country))


# the clause kinds of the confidence model (Evidence.clause), by the clause verb's label
_CLAUSE_KINDS = {"ROOT": "main", "ccomp": "reported", "parataxis": "reported",
                 "conj": "coordinated"}


def _simple_present(trigger: Token) -> bool:
    """Whether the trigger's clause is in the simple present with no auxiliary ("who kill
    protesters", "denies the claims"), for the confidence model."""
    verb = clause_of(trigger)
    return verb.tag_ in _PRESENT_TAGS and not any(
        c.dep_ in {"aux", "auxpass"} for c in verb.children)


_PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def _clause_kind(trigger: Token) -> str:
    """The kind of clause the trigger sits in, for the confidence model."""
    return _CLAUSE_KINDS.get(clause_of(trigger).dep_, "other")


def _same_act(event: Event, earlier: list[Event], words: EventWords) -> bool:
    """Whether an event with the same trigger and the same source and target was already
    kept: a second root for one trigger ("take countermeasures" as 132 and 170) is dropped;
    and one threat per pair and sentence, and one use of force (``force_roots``, and a crowd's:
    ``violent_protest_code``) per pair, code and sentence ("warned that organizers would be
    arrested": the warning and the arrest it threatens are one threat)."""
    return any(e.source == event.source and e.target == event.target and (
        e.trigger.start == event.trigger.start
        or (e.sentence == event.sentence and (
            e.cameo_root == event.cameo_root == "13"
            # ("their convoy was hit by a bomb ..., killing two soldiers": one attack; not
            # "killing 1,200 people and taking 250 hostages", two acts; "were injured in
            # clashes with protesters": one clash)
            or e.cameo == event.cameo and (e.cameo_root in words.force_roots
                                           or e.cameo == words.violent_protest_code))))
        for e in earlier[-12:])


def _keep_prior_order(events: list[tuple[Event, Token]], priors: list[float],
                      judgements: frozenset[str] = frozenset()) -> None:
    """Within one sentence the hand-set prior decides which of two competing readings ranks
    first (it was tuned for choosing among one sentence's events); the fitted model only
    calibrates. Two events compete when they share a participant or one's trigger governs
    the other's ("X said Y attacked Z"; a wrapper and its act): an event with a lower prior
    than a competitor (or an equal one, made later) is capped just below that competitor's
    confidence. Separate acts of one sentence ("a bombing that killed police led to Indian
    air strikes on Pakistan") keep their own confidence.
    ``priors`` ends with the priors of ``events``, in the same order; ``judgements`` are the
    codes of judging an actor, whose told acts of that actor are not competing readings."""
    mine = priors[len(priors) - len(events):] if events else []
    ranked = sorted(range(len(events)), key=lambda index: (-mine[index], index))
    for place, index in enumerate(ranked):
        event, trigger = events[index]
        sides = {event.source, event.target} - {None}
        # a reading that lacks a side the other has does not outrank it ("announced the
        # deal during a meeting with Liu He": the announcement to no one, the meeting with him)
        above = [other.confidence for other, governing in (events[i] for i in ranked[:place])
                 if (sides & {other.source, other.target}
                     or _governs(governing, trigger) or _governs(trigger, governing)
                     or governing.i == trigger.i)
                 # an act told inside a judgement of its doer ("described Trump's call with
                 # Zelenskiy as improper") is another act, not a reading of the same one
                 and not (event.source is not None and event.source == other.target
                          and event.target is not None and event.target != other.source
                          and any(other.cameo.startswith(c) for c in judgements))
                 and (other.target is not None or event.target is None)
                 and (other.source is not None or event.source is None)
                 # a plain statement and the act it reports are two events, not two readings
                 # ("Y attacked Z, the army said": the army's statement stands on its own)
                 and (event.cameo[:2] == "01") == (other.cameo[:2] == "01")]
        if above:
            event.confidence = max(min(event.confidence, round(min(above) - 0.001, 3)), 0.0)


def _governs(upper: Token, lower: Token) -> bool:
    """Whether ``upper``'s clause governs ``lower``'s (a wrapper and its act, a verb and what
    it reports), not through a clause that only describes someone ("drew condemnation from
    governments, several of which said they would continue funding the agency": two acts)."""
    if not upper.is_ancestor(lower):
        return False
    token = lower
    while token.i != upper.i:
        if token.dep_ == "relcl":
            return False
        token = token.head
    return True


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per trigger and code (a verb seen as both wrapper and plain verb), and one
    act for an act and its purpose of the same kind ("took to the streets to protest the law",
    "used tear gas to disperse crowds": the purpose is the act's, no second one)."""
    seen: set[tuple[int, str]] = set()
    roots = {(c.trigger.i, c.code[:2]) for c in candidates}
    unique = []
    for candidate in candidates:
        key = (candidate.trigger.i, candidate.code[:2])
        if key in seen:
            continue
        trigger = candidate.trigger
        # (a purpose clause, or an infinitive of what an object is used for: "used tear gas
        # to disperse crowds")
        aimed = purpose(trigger) or (
            trigger.dep_ == "xcomp" and to_infinitive(trigger)
            and any(c.dep_ == "dobj" for c in trigger.head.children))
        if aimed and (trigger.head.i, candidate.code[:2]) in roots:
            continue
        seen.add(key)
        unique.append(candidate)
    return unique
