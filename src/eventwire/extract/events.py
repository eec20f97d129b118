"""Events: who did what to whom and when, coded in CAMEO and PLOVER, from the dependency parse.

For each sentence:

1. triggers: verbs and event nouns of the dictionary (``data/event_verbs.yaml``); verbs that
   govern an infinitive ("refused to", "threatened to", "urged ... to") code the act through
   their wrapper table; light verbs hand the event to their object ("imposed sanctions");
   describing verbs and reported statements become praise or criticism when what is said of
   someone is evaluative ("called him a traitor"); an unknown verb between two actors maps to
   the nearest dictionary verb in the word vectors, with lower confidence;
2. participants from syntax: subject or passive agent is the source, object, dative or the
   sense's preposition the target; nominal events take possessor/adjective ("Russia's",
   "Russian") as source and of/on/against as target; coordination multiplies events; an event
   noun as target ("criticised the refusal") stands for the actor of that earlier event;
3. modality: negation, hedges, hypothetical acts (threatened, planned, modal or conditional);
4. date: :class:`~eventwire.extract.dates.DateScope`;
5. the sentence gate: an event needs a participant that is an actor or a named entity, and a
   target unless its code is about acting alone (protest, mobilise, withdraw, appeals).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from eventwire.extract.codes import lookup
from eventwire.extract.dates import DateScope
from eventwire.extract.event_lexicon import Lexicon, Sense, Wrapper, lexicon
from eventwire.extract.event_words import EventWords, event_words
from eventwire.extract.scoring import STATEMENT_MATCHES, Evidence, confidence, load_weights
from eventwire.extract.syntax import (
    SUBJECTS,
    aim_of,
    asked_clause,
    choose,
    clause_of,
    conditional,
    conjuncts,
    entity_text,
    future,
    has_object,
    hypothetical,
    infinitive,
    mandated,
    obliging_modal,
    particle_end,
    phrase,
    reported_act,
)
from eventwire.model import Actor, Document, Event, Quote, SentenceSpan
from eventwire.model import Span as TextSpan
from eventwire.nlp.actors import add_actor
from eventwire.nlp.components import ActorCluster, doc_text
from eventwire.nlp.mentions import dateline_tokens

__all__ = ["extract_events"]

# Dependency labels of a noun's modifiers that may name the actor it acts for.
_MODIFIERS = {"poss", "compound", "amod", "nmod"}
# The word lists the rules look for are data: data/event_words.yaml (EventWords, self.words).


@dataclass(frozen=True)
class Party:
    """One side of an event: an actor when the actors stage has one, else the words used."""

    actor: str | None
    text: str
    named: bool
    token: Token

    @property
    def key(self) -> str:
        return self.actor or self.text.lower()


@dataclass
class Candidate:
    code: str
    trigger: Token
    start: int  # trigger span, token indices
    end: int
    sources: list[Party]
    targets: list[Party]
    match: str
    targetless_ok: bool = False
    symmetric: bool = False
    hypothetical: bool = False
    negated: bool = False
    hedged: bool = False
    aim: bool = False  # the stated aim of another act ("marched, demanding ...")
    alleged: bool = False  # what someone is accused or arrested for ("arrested for spying")
    subordinate: bool = False  # in a time clause beside the main news ("after X shot down")
    quote: str | None = None
    via: list[str] = field(default_factory=list)


def extract_events(
    doc: Doc, document: Document, actors: list[Actor], quotes: list[Quote],
    words: EventWords | None = None, weights: dict[str, float] | None = None,
) -> list[Event]:
    """Events in ``doc`` (text ``document.text``), their actors taken from ``doc._.actors``.

    ``words`` are the coder's word lists (:mod:`eventwire.extract.event_words`) and ``weights``
    the confidence model's (:mod:`eventwire.extract.scoring`); by default the bundled ones (the
    pipeline passes those of ``Settings.event_words`` and ``Settings.confidence_model``)."""
    del actors  # actor ids come from the doc's clusters; the records carry the same ids
    coder = _Coder(doc, lexicon(), quotes, words or event_words(), weights or load_weights())
    scope = DateScope(doc, document.published, coder.words)
    events: list[Event] = []
    quoted: set[tuple[str | None, str]] = set()  # (speaker, quote) already coded as comment
    for sent in scope.segments:
        coded = [(candidate, list(coder.expand(candidate, scope)))
                 for candidate in coder.sentence(sent)]
        _keep_prior_order([event for _, found in coded for event in found], coder.priors)
        # a plain statement is coded only when nothing more specific happens in the sentence;
        # an act that only may happen ("said Y might attack") is the speaker's prediction,
        # and the statement stays (it outranks the halved act)
        firm = any(found and c.match not in STATEMENT_MATCHES
                   and not (c.hypothetical or c.negated) for c, found in coded)
        said: set[tuple[str | None, str | None]] = set()
        for candidate, found in coded:
            if candidate.match in STATEMENT_MATCHES:
                if firm:
                    continue
                # "He said he believed ...": one statement per speaker and addressee, and a
                # quote running over several sentences is one statement
                found = [e for e in found if (e.source, e.target) not in said and not (
                    candidate.match == "comment" and e.quote and (e.source, e.quote) in quoted)]
                said |= {(e.source, e.target) for e in found}
                quoted |= {(e.source, e.quote) for e in found if e.quote}
            for event in found:
                if _same_act(event, events):
                    continue  # one trigger, one pair: one event (the more confident reading)
                event.id = f"E{len(events) + 1}"
                events.append(event)
            coder.remember(candidate)
    return events


class _Coder:
    def __init__(self, doc: Doc, lex: Lexicon, quotes: list[Quote], words: EventWords,
                 weights: dict[str, float]) -> None:
        self.doc = doc
        self.lex = lex
        self.words = words
        self.weights = weights
        self.quotes = quotes
        # the actors are settled before events are coded: index them once
        self.actors: list[ActorCluster] = list(doc._.actors or [])
        self.clusters = {cluster.id: cluster for cluster in self.actors}
        self.actor_of = {i: cluster for cluster in reversed(self.actors)
                         for mention in cluster.mentions for i in range(mention.start, mention.end)}
        self.dateline = dateline_tokens(doc)  # "DOHA (Agency) -" is where, not who
        self.recent: list[Candidate] = []  # coded events so far, for "the refusal" anaphora
        self.priors: list[float] = []  # the prior of each event made, in order (scoring.py)
        self.implied: dict[tuple[str, str | None], ActorCluster] = {}  # implied doers made

    # --- triggers ------------------------------------------------------------------------

    def sentence(self, sent: Span) -> list[Candidate]:
        found: list[Candidate] = []
        absorbed: set[int] = set()
        for token in sent:
            if token.i in absorbed:
                continue
            if token.dep_ == "amod" and token.i < token.head.i:
                continue  # "the ousted president", "the banned party": a description
            if token.tag_ == "VBN" and any(c.dep_ == "det" for c in token.children):
                continue  # "evacuated the wounded": a participle used as a noun
            if token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB"):
                found += self._verb(token, absorbed)
            elif token.pos_ in {"NOUN", "PROPN"}:
                found += self._noun(token)
            elif token.pos_ == "ADJ" and token.lemma_.lower() in self.lex.outlook:
                found += self._outlook(token)
            elif token.pos_ == "ADJ" and token.lemma_.lower() in self.lex.wrappers:
                act = infinitive(token)  # "ready to host", "willing to send"
                if act is not None:
                    found += self._wrapped(token, act, self.lex.wrappers[token.lemma_.lower()],
                                           absorbed)
        found = [c for c in found if c.trigger.i not in absorbed or c.match in {"wrapper", "act"}]
        for candidate in found:
            if not candidate.sources:
                self._implied_agent(candidate)
        for candidate in found:
            if len(candidate.sources) > 1 and any(_reciprocal(p.token) for p in candidate.targets):
                # "Johnson and Corbyn attacked each other's policies": each targets the other
                candidate.targets, candidate.symmetric = [], True
        for request in [c for c in found if c.code[:2] in {"02", "10"}
                        and c.match in {"noun", "light"}]:
            asked = asked_clause(request.trigger)
            for candidate in found:
                if asked is not None and candidate.trigger.i == asked.i:
                    candidate.hypothetical = True  # the act is asked for, not done
        protests = {c.trigger.head.i if c.match == "light" else c.trigger.i
                    for c in found if c.code[:2] == "14"}
        for candidate in found:
            if candidate.code[:2] in {"02", "10"} and aim_of(candidate.trigger, protests):
                # "blocked roads demanding his return": the protest is the act, the demand
                # its aim
                candidate.aim = True
        return _dedupe(found)

    def _verb(self, verb: Token, absorbed: set[int]) -> list[Candidate]:
        lemma = self.lex.verb_lemma(verb)
        wrapper = self.lex.wrappers.get(lemma)
        act = infinitive(verb) if wrapper is not None else None
        if wrapper is not None and act is None and wrapper.kind in {"appeal", "demand"}:
            act = mandated(verb, self.words)  # "demanded that Serbia withdraw its troops"
        if wrapper is not None and act is not None:
            return self._wrapped(verb, act, wrapper, absorbed)
        if lemma in self.lex.evaluative_verbs or lemma in self.lex.reporting:
            described = self._evaluation(verb) or self._statement(verb)
            if described:
                return described
        senses = self.lex.senses(lemma)
        match = "verb"
        if senses is None:
            senses, match = self._vector_senses(verb, lemma)
        if not senses:
            return []
        sense = choose(senses, verb, words=self.words)
        if sense is None:
            return []
        if sense.source == "petrarch":
            match = "petrarch"  # a verb known only from PETRARCH-2 (event_verbs_petrarch.yaml)
        candidate = self._verb_candidate(verb, sense, match)
        if match == "vector" and not (
            any(p.actor for p in candidate.sources) and any(p.actor for p in candidate.targets)
        ):
            return []
        return self._with_intent(candidate, verb)

    def _with_intent(self, candidate: Candidate, head: Token) -> list[Candidate]:
        """An act in the future tense is, in CAMEO, a statement made now besides the
        hypothetical act itself: intent (03) for cooperation ("will provide aid"), a threat (13)
        for conflict ("would boycott", "will strike back")."""
        root = candidate.code[:2]
        obliged = self._obligation(candidate, head)
        if obliged:
            return obliged
        if not (candidate.hypothetical and future(clause_of(head), self.words)):
            return [candidate]
        if self._others_words(candidate, head):
            return [candidate]
        if "03" <= root <= "08" and candidate.negated:
            # "said it would not accept more refugees": refusing to cooperate is a rejection
            # (12), said now; the act itself stays negated
            kind = self.lex.wrappers["refuse"]
            stated = replace(candidate, code=kind.code_for(candidate.code, head.lemma_.lower()),
                             match="wrapper", hypothetical=False, negated=False,
                             targetless_ok=True)
            return [stated, candidate]
        if "04" <= root <= "08" and conditional(clause_of(head), self.words):
            # "would withdraw from the talks unless ...": cooperation on a condition is a threat
            kind = self.lex.wrappers["threaten"]
        elif "04" <= root <= "08":
            kind = self.lex.wrappers["promise"]
        elif root >= "14" and root != "15":
            # (a planned deployment, 15, is a threat only towards its enemy, which the
            # sentence rarely says: "will send troops to Latvia" is no threat to Latvia)
            kind = self.lex.wrappers["threaten"]
        else:
            return [candidate]
        stated = replace(candidate, code=kind.code_for(candidate.code, head.lemma_.lower()),
                         match="wrapper", hypothetical=False, targetless_ok=True)
        return [stated, candidate]

    def _backshifted(self, head: Token) -> bool:
        """Whether the clause's only modal is the "will/would" of reported speech, under a
        reporting verb and with no condition."""
        clause = clause_of(head)
        modals = {c.lower_ for c in clause.children
                  if c.dep_ == "aux" and c.lower_ in self.words.modals}
        reported = clause.dep_ in {"ccomp", "parataxis"} and (
            clause.head.lemma_.lower() in self.lex.reporting)
        return reported and bool(modals) and modals <= self.words.reported_future and not (
            conditional(clause, self.words))

    def _others_words(self, candidate: Candidate, head: Token) -> bool:
        """Whether the future act is what someone else hopes or predicts ("X expressed hope
        that Y would resume talks", "X said Y would sign"): then Y states no intent."""
        clause = clause_of(head)
        if clause.dep_ not in {"ccomp", "acl"} or clause.i < clause.head.i:
            return False  # "X will visit Y, sources said": news of X's plan, not a prediction
        governor = clause.head
        if governor.pos_ in {"NOUN", "ADJ"}:  # "expressed hope that", "was hopeful that"
            governor = governor.head
        speakers = self._subjects(governor)
        if not speakers or not candidate.sources:
            return False
        return not any(self._same_side(s, d) for s in speakers for d in candidate.sources)

    def _cluster(self, party: Party) -> ActorCluster | None:
        return self.clusters.get(party.actor or "")

    def _same_side(self, one: Party, other: Party) -> bool:
        if one.key == other.key:
            return True
        first, second = self._cluster(one), self._cluster(other)
        return (first is not None and second is not None and first.country is not None
                and first.country == second.country)

    def _obligation(self, candidate: Candidate, head: Token) -> list[Candidate]:
        """ "X said Y must withdraw": a speaker saying what another must do demands it (10);
        with "should" it is an appeal (02). The act itself becomes hypothetical."""
        token, modal = clause_of(head), None
        for _ in range(4):
            modal = modal or next((c.lower_ for c in token.children
                                   if c.dep_ == "aux" and c.lower_ in self.words.obliging_modals),
                                  None)
            if token.dep_ in {"ccomp", "parataxis"} and token.head.lemma_.lower() in (
                    self.lex.reporting - self.words.relays):
                break
            if token.dep_ not in {"xcomp", "advcl", "conj", "ccomp"} or token.head.i == token.i:
                return []
            token = token.head
        else:
            return []
        reporter = token.head
        speakers = [p for p in self._subjects(reporter) if p.named]
        if modal is None or not speakers or not candidate.sources or {
                p.key for p in speakers} & {p.key for p in candidate.sources}:
            return []
        kind = self.lex.wrappers["demand" if modal == "must" else "urge"]
        asked = replace(candidate, code=kind.code_for(candidate.code, head.lemma_.lower()),
                        trigger=reporter, start=reporter.i, end=reporter.i + 1,
                        sources=speakers, targets=candidate.sources, match="wrapper",
                        targetless_ok=True, symmetric=False)
        self._modality(asked, reporter)
        candidate.hypothetical = True
        return [asked, candidate]

    def _vector_senses(self, verb: Token, lemma: str) -> tuple[list[Sense] | None, str]:
        lex = self.lex
        if (
            verb.pos_ != "VERB"
            or lemma in lex.reporting
            or lemma in lex.light_verbs
            or lemma in lex.wrappers
            or lemma in lex.evaluative_verbs
            or not any(c.dep_ == "dobj" for c in verb.children)
        ):
            return None, "verb"
        nearest = lex.nearest_verb(lemma, verb.vocab)
        if nearest is None:
            return None, "verb"
        # The general sense of the nearest verb: the last one, which has no conditions.
        return [replace(lex.verbs[nearest[0]][-1], prep=frozenset(), with_words=())], "vector"

    def _verb_candidate(self, verb: Token, sense: Sense, match: str) -> Candidate:
        sources, targets = self._verb_parties(verb, sense)
        candidate = Candidate(
            code=sense.code,
            trigger=verb,
            start=verb.i,
            end=particle_end(verb),
            sources=sources,
            targets=targets,
            match=match,
            targetless_ok=sense.without_object,
            symmetric=sense.symmetric,
        )
        self._modality(candidate, verb)
        return candidate

    def _wrapped(
        self, verb: Token, act: Token, wrapper: Wrapper, absorbed: set[int]
    ) -> list[Candidate]:
        act_lemma = act.lemma_.lower()
        act_sense, act_noun = self._act_sense(act)
        if (act_sense is None and wrapper.kind != "refuse"
                and act_lemma in wrapper.need_act | self.lex.wrappers.keys()):
            return []
        own_objects = self._objects(verb, frozenset({"on", "upon"}))
        if act_sense is None and verb.lemma_.lower() in wrapper.need_act and not (
                wrapper.kind in {"appeal", "demand"} and any(p.named for p in own_objects)
        ) and not (verb.lemma_.lower() in wrapper.binding and has_object(act)
                   and any(self._political(p) for p in self._subjects(verb))):
            # "asked to speak" is no event; "asked Bolivia to reconsider" appeals to Bolivia
            # whatever the act, "agreed to build a port" commits to it
            return []
        code = wrapper.code_for(act_sense.code if act_sense else None, act_lemma)
        sources = self._subjects(verb)
        if act.dep_ == "ccomp":  # "demanded that Serbia withdraw": Serbia is asked
            own_objects = [p for c in act.children if c.dep_ in {"nsubj", "nsubjpass"}
                           for p in self._expand(c)] or own_objects
        if act_noun is not None:  # "refused to sign the deal": the noun is the act's event
            absorbed.add(act_noun.i)
            act_targets = self._noun_targets(act_noun) or self._objects(
                act, self.words.target_preps, skip=act_noun)
        elif act_sense is not None:
            act_targets = self._verb_parties(act, act_sense)[1]
        else:
            act_targets = self._objects(act, self.words.target_preps)
        controlled_by_object = wrapper.kind in {"appeal", "demand"} and own_objects
        targets = own_objects if controlled_by_object else (act_targets or own_objects)
        wrapped = Candidate(
            code=code, trigger=verb, start=verb.i, end=particle_end(verb), sources=sources,
            targets=targets, match="wrapper",
            targetless_ok=wrapper.kind != "refuse" and not code.startswith("01"),
        )
        self._modality(wrapped, verb)
        if wrapper.kind in {"intent", "threaten"} and self._backshifted(verb):
            # "said he would be ready to host talks": the intent is stated now
            wrapped.hypothetical = False
        found = [wrapped]
        absorbed.add(act.i)
        if wrapper.act_done and act_sense is not None:
            found = []  # the decision is the act itself
        if wrapper.emit_act and act_sense is not None:
            act_event = Candidate(
                code=act_sense.code, trigger=act, start=act.i, end=particle_end(act),
                sources=own_objects if controlled_by_object else sources, targets=act_targets,
                match="act", targetless_ok=act_sense.without_object, symmetric=act_sense.symmetric,
            )
            self._modality(act_event, act)
            if wrapper.act_done:
                act_event.negated = act_event.negated or wrapped.negated
                act_event.hedged = act_event.hedged or wrapped.hedged
                act_event.hypothetical = wrapped.hypothetical
            else:
                act_event.hypothetical = True
            found.append(act_event)
        return found

    def _act_sense(self, act: Token) -> tuple[Sense | None, Token | None]:
        """The dictionary sense of an act, looking through a light verb to its event noun."""
        senses = self.lex.senses(act.lemma_.lower())
        if senses:
            return choose(senses, act, words=self.words), None
        if act.lemma_.lower() in self.lex.light_verbs:
            for child in act.children:
                noun_senses = self.lex.nouns.get(child.lemma_.lower())
                if child.dep_ == "dobj" and noun_senses:
                    return choose(noun_senses, child, noun_context=True, words=self.words), child
        return None, None

    def _noun(self, noun: Token) -> list[Candidate]:
        senses = self.lex.nouns.get(noun.lemma_.lower())
        if not senses:
            return []
        sense = choose(senses, noun, noun_context=True, words=self.words)
        if sense is None:
            return []
        governor = noun.head
        held: Token | None = None  # "placed the leader under arrest": the one it is done to
        if (noun.dep_ == "pobj" and governor.head.dep_ == "dobj"
                and (governor.lower_, governor.head.head.lemma_) in self.words.phrasal_light):
            held = governor.head
            governor = governor.head.head
            light_object = True
        elif noun.dep_ == "pobj" and governor.lower_ == "of" and governor.head.dep_ == "dobj":
            governor = governor.head.head  # "provided 20 tons of aid": the measure is skipped
            light_object = True
        elif noun.dep_ == "compound" and governor.dep_ == "dobj":
            governor = governor.head  # "launched a mediation effort"
            light_object = True
        elif noun.dep_ == "pobj" and (
                governor.lower_, governor.head.lemma_) in self.words.phrasal_light:
            governor = governor.head  # "engaged in ethnic cleansing", "went on strike"
            light_object = True
        else:
            light_object = noun.dep_ in {"dobj", "nsubjpass", "attr"}
        governor_senses = self.lex.senses(governor.lemma_.lower())
        light = (
            light_object
            and governor.lemma_.lower() in self.lex.light_verbs
            and (not governor_senses or choose(governor_senses, governor, words=self.words) is None)
        )
        sources = self._noun_sources(noun)
        targets = self._noun_targets(noun)
        if not targets and noun.dep_ == "compound":
            targets = self._noun_targets(noun.head)  # "an assassination attempt on X"
        asked = asked_clause(noun) if sense.code[:2] in {"02", "10"} else None
        if asked is not None and not targets:
            # "its demand that Israel lift the blockade": the one asked is the clause's subject
            targets = [p for c in asked.children if c.dep_ in {"nsubj", "nsubjpass"}
                       for p in self._expand(c)]
        if light:
            sources = sources or self._subjects(governor)
            targets = targets or self._objects(governor, self.words.target_preps, skip=noun)
            if held is not None:
                sources = self._subjects(governor) or sources
                targets = self._expand(held)
        if sense.symmetric and not sources and len(targets) > 1:
            sources = targets  # "an agreement between Sudan and the rebels"
        if not light and targets and not sources:
            # "Trump has brought drama to trade talks with China": the doer of the clause the
            # event noun sits in takes part in it, when it is a known actor
            verb = _governing_verb(noun)
            if verb is not None:
                sources = [p for p in self._subjects(verb) if p.actor
                           and p.actor not in {t.actor for t in targets}]
        if not light and not (sources and targets):
            return []  # a bare event noun ("the praise") is not an event of its own
        start = governor.i if light and 0 < noun.i - governor.i <= 4 else noun.i
        candidate = Candidate(
            code=sense.code, trigger=noun, start=start, end=noun.i + 1, sources=sources,
            targets=targets, match="light" if light else "noun",
            targetless_ok=sense.without_object, symmetric=sense.symmetric,
        )
        self._modality(candidate, governor if light else noun)
        if any(c.lower_ in {"no", "never"} for c in noun.children):
            candidate.negated = True
        return self._with_intent(candidate, governor) if light else [candidate]

    def _outlook(self, adjective: Token) -> list[Candidate]:
        """An optimistic or pessimistic comment (013/012), or a stance (opposed, critical,
        grateful): "X was hopeful about the talks", "is opposed to French mediation". The
        target is what it is about."""
        if adjective.dep_ not in {"acomp", "oprd"} or adjective.head.lemma_ != "be":
            return []
        sources = [p for p in self._subjects(adjective.head) if p.named]
        if not sources:
            return []
        about = [g for c in adjective.children if c.dep_ == "prep"
                 and c.lower_ in {"about", "over", "on", "of", "that", "for", "to"}
                 for g in c.children if g.dep_ == "pobj"]
        # "hopeful that the generals would agree": the subject of what it hopes
        about += [g for c in adjective.children if c.dep_ == "ccomp"
                  for g in c.children if g.dep_ in {"nsubj", "nsubjpass"}]
        targets = [p for g in about for p in self._expand(g) if p.named]
        for g in about:  # "optimistic about a deal between Moscow and Kyiv"
            targets = targets or self._noun_targets(g)
        candidate = Candidate(
            code=self.lex.outlook[adjective.lemma_.lower()], trigger=adjective,
            start=adjective.i, end=adjective.i + 1, sources=sources,
            targets=[p for p in targets if p.key not in {s.key for s in sources}][:1],
            match="verb", targetless_ok=True)
        self._modality(candidate, adjective.head)
        return [candidate]

    def _evaluation(self, verb: Token) -> list[Candidate]:
        """Praise or criticism in describing someone: "called X a traitor", "said X was great"."""
        lemma = verb.lemma_.lower()
        pairs: list[tuple[Token, Token]] = []  # (who is described, the description)
        if lemma in self.lex.evaluative_verbs:
            objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
            descriptions = [c for c in verb.children if c.dep_ in {"oprd", "attr", "acomp"}]
            descriptions += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                             for g in c.children if g.dep_ == "pobj"]
            for described in objects:
                pairs += [(described, d) for d in descriptions]
            # "X called Y a traitor" often parses Y as the subject of a small clause
            for clause in (c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}):
                pairs += self._copular(clause)
        else:  # a reporting verb: what the statement says of someone
            for clause in (c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}):
                pairs += self._copular(clause)
        found = []
        for described, description in pairs:
            polarity = self._polarity(description)
            if polarity == 0:
                continue
            sources = self._subjects(verb)
            targets = [t for t in self._expand(described)
                       if not any(self._own_state(t, s) for s in sources)]
            if not targets:
                continue  # "told them China was ready": praise of one's own state is no act
            candidate = Candidate(
                code="051" if polarity > 0 else "111",
                trigger=verb, start=verb.i, end=verb.i + 1,
                sources=sources, targets=targets, match="evaluative",
            )
            self._modality(candidate, verb)
            found.append(candidate)
        return found[:1]

    def _statement(self, verb: Token) -> list[Candidate]:
        """A plain statement about someone (CAMEO 010): a named speaker says something whose
        subject, or whose addressee, is another actor. Events inside the statement are coded
        on their own and outrank it."""
        if verb.lemma_.lower() not in self.lex.reporting - self.words.relays:
            return []
        speakers = [p for p in self._subjects(verb) if p.named]
        if not speakers:
            return []
        demanded: list[Party] = []  # who is told what they must (should) do
        code, match = "010", "statement"
        addressed = any(c.dep_ in {"dative", "dobj"} for c in verb.children)
        clauses = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}]
        for clause in clauses:
            if (reported_act(clause, verb, self.words) and not addressed
                    and not self._quoted(clause)):
                # "Iran has seized a tanker, officials said": the speaker is the source of
                # a report of someone's act, not commenting on them; an act the dictionary
                # does not know is then no event, rather than a statement (one made to
                # someone, "told the envoy that ...", stays a statement)
                return []
            modal = obliging_modal(clause, self.words)
            subjects = [p for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}
                        for p in self._expand(c) if p.actor or p.named]
            if modal and subjects:
                # "said Sudan must return ...": what another must (should) do is demanded
                # (asked) whatever the act; known acts are handled by _obligation already
                code, match = ("100" if modal == "must" else "020"), "wrapper"
                demanded += subjects
        # A plain statement is made to its addressee ("told the envoy"), never to whoever
        # is named inside what was said: "Yermak wrote that those praised by the Kremlin
        # ..." is no act towards the Kremlin. Reporters and the press are no addressees.
        addressees = [p for c in verb.children if c.dep_ in {"dative", "dobj"}
                      and c.lemma_.lower() not in self.lex.press_audiences
                      for p in self._expand(c) if p.actor]
        text = doc_text(self.doc)
        about = [p for p in (demanded if match == "wrapper" else addressees)
                 if not any(self._own_state(p, s) for s in speakers)
                 and "\n" not in text[min(p.token.idx, verb.idx):max(p.token.idx, verb.idx)]]
        if not about:
            # A coded actor's own statement to no one in particular ("Lavrov said the talks
            # were useful") is still CAMEO's "make public statement", with no target; it is
            # dropped when the sentence codes anything firmer.
            if not clauses or not any(self._political(p) for p in speakers):
                return []  # "the company said revenue rose" is no political statement
            code, match = "010", "comment"
        candidate = Candidate(code=code, trigger=verb, start=verb.i, end=verb.i + 1,
                              sources=speakers, targets=about[:1], match=match,
                              targetless_ok=match in {"wrapper", "comment"})
        self._modality(candidate, verb)
        return [candidate]

    def _quoted(self, clause: Token) -> bool:
        """Whether the clause is inside a direct quote: the speaker's own words, a statement
        ('"We will respond," the ministry said'), not news attributed to a source."""
        start = clause.left_edge.idx
        return any(q.kind == "direct" and q.start <= start < q.end for q in self.quotes)

    def _enforcer(self, party: Party) -> bool:
        cluster = self._cluster(party)
        return cluster is not None and cluster.sector in self.words.enforcer_sectors

    def _political(self, party: Party) -> bool:
        """Whether the party is a state or a political actor (government, military, rebels,
        parties, international bodies...), as opposed to a firm or a private person."""
        cluster = self._cluster(party)
        return cluster is not None and (
            cluster.kind == "country" or cluster.sector in self.words.political_sectors)

    def _actors_in(self, clauses: list[Token]) -> list[Party]:
        """The actors named in the given clauses, in text order, one party per actor."""
        found: dict[str, Party] = {}
        for token in sorted((t for c in clauses for t in c.subtree), key=lambda t: t.i):
            cluster = self.actor_of.get(token.i)
            if cluster is not None and cluster.id not in found and token.dep_ not in {
                    "compound", "amod", "poss"}:
                found[cluster.id] = Party(cluster.id, phrase(token), True, token)
        return list(found.values())

    @staticmethod
    def _copular(clause: Token) -> list[tuple[Token, Token]]:
        if clause.lemma_ != "be":
            return []
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        descriptions = [c for c in clause.children if c.dep_ in {"attr", "acomp"}]
        if any(c.dep_ == "neg" for c in clause.children):
            return []  # "is not a compliment": polarity is not worth guessing
        return [(s, d) for s in subjects for d in descriptions]

    def _polarity(self, description: Token) -> int:
        words = {t.lemma_.lower() for t in description.subtree} | {
            t.lower_ for t in description.subtree
        }
        negated = any(t.dep_ == "neg" or t.lower_ in {"not", "never", "no"}
                      for t in description.subtree)
        score = len(words & self.lex.positive) - len(words & self.lex.negative)
        if negated:
            score = -score
        return (score > 0) - (score < 0)

    # --- participants --------------------------------------------------------------------

    def _verb_parties(self, verb: Token, sense: Sense) -> tuple[list[Party], list[Party]]:
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)
        if passive:
            sources = [p for agent in verb.children if agent.dep_ == "agent"
                       for g in agent.children if g.dep_ == "pobj" for p in self._expand(g)]
            targets = [p for c in verb.children if c.dep_ == "nsubjpass"
                       for p in self._expand(c)]
            if not targets and verb.dep_ in {"relcl", "acl"}:
                targets = self._expand(verb.head)  # "the city, which was shelled by ..."
            return sources, targets + self._objects(verb, sense.prep or self.words.target_preps)
        sources = self._subjects(verb)
        # "to protect Ukraine against (from) Russian strikes": whom one helps, not whom from
        preps = frozenset(self.words.target_preps - (
            {"against", "from"} if "03" <= sense.code[:2] <= "07"
            else {"against"} if sense.code[:2] == "08" else set()))
        targets = self._objects(verb, sense.prep or preps, with_direct=not sense.theme_object)
        if sense.code[:2] in self.words.giving:
            # "offered its troops to Lebanon", "gave Tanzania a grant": what is given is no
            # party when a recipient is named
            recipients = self._objects(verb, frozenset({"to"}), with_direct=False) + [
                p for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"
                for p in self._expand(c)]
            targets = [p for p in recipients if p.named] or targets
        if not targets and sense.code[:2] in {"02", "10"}:
            # "demanded that Hamas renounce ...": the one asked is the clause's subject
            targets = [p for c in verb.children if c.dep_ == "ccomp" for s in c.children
                       if s.dep_ in {"nsubj", "nsubjpass"} for p in self._expand(s)]
        return sources, targets

    def _subjects(self, verb: Token) -> list[Party]:
        """The doer of ``verb``: its subject, or the subject of the verb it hangs from."""
        token: Token | None = verb
        through_conj = False
        for _ in range(6):
            if token is None:
                break
            subjects = [c for c in token.children if c.dep_ in {"nsubj", "csubj"}]
            if not subjects and any(c.dep_ == "auxpass" for c in token.children):
                subjects = [g for a in token.children if a.dep_ == "agent"
                            for g in a.children if g.dep_ == "pobj"]
                if not subjects and token.i != verb.i:
                    # "Ruto is expected to visit": the raised subject does the visiting
                    subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
            if subjects:
                return [p for s in subjects for p in self._expand(s)]
            if token.dep_ in {"relcl", "acl"} and token is verb:
                return self._expand(token.head)
            if token.dep_ == "prep" and token.head.pos_ == "VERB":
                # "blamed Ukraine for refusing": the object does what the complement says
                objects = [c for c in token.head.children if c.dep_ == "dobj"]
                # "prevented students from marching": the object would have done it
                if objects and token.lower_ in {"for", "of", "from"} and not through_conj:
                    return [p for o in objects for p in self._expand(o)]
            if token.dep_ == "advcl" and token.tag_ in {"VBD", "VBZ", "VBP"}:
                break  # a finite clause without a subject is a misparse, not a shared doer
            if token.dep_ in {"conj", "xcomp", "advcl", "pcomp", "pobj", "prep", "acomp"}:
                through_conj = through_conj or token.dep_ == "conj"
                token = token.head
                continue
            break
        return []

    def _objects(self, verb: Token, preps: frozenset[str], skip: Token | None = None,
                 with_direct: bool = True) -> list[Party]:
        found: list[Party] = []
        for child in verb.children:
            if skip is not None and child.left_edge.i <= skip.i <= child.right_edge.i:
                continue
            if child.dep_ == "dobj" and not with_direct:
                # "withdrew its troops from Lebanon": the target hangs inside the object too
                found += [p for c in child.children if c.dep_ == "prep" and c.lower_ in preps
                          for g in c.children if g.dep_ == "pobj" for p in self._expand(g)]
            elif child.dep_ in {"dobj", "dative", "obj"}:
                if child.dep_ == "dative" and child.pos_ == "ADP":
                    found += [p for g in child.children if g.dep_ == "pobj"
                              for p in self._expand(g)]
                else:
                    found += self._expand(child)
            elif child.dep_ in {"prep", "prt"} and child.lower_ in preps:
                found += [p for g in child.children if g.dep_ == "pobj" for p in self._expand(g)]
        return found

    def _noun_sources(self, noun: Token) -> list[Party]:
        found: list[Party] = []
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                party = self._party(child, own_only=True)
                if party is not None and party.named:
                    found.append(party)
            elif child.dep_ == "prep" and child.lower_ == "by":
                found += [p for g in child.children if g.dep_ == "pobj" for p in self._expand(g)]
        return found

    def _noun_targets(self, noun: Token) -> list[Party]:
        # "talks in Doha", "a visit in March": where talks happen is no party to them
        senses = self.lex.nouns.get(noun.lemma_.lower(), [])
        talks = any(s.code[:2] in {"03", "04", "05"} for s in senses)
        # "the withdrawal of its troops from Armenia": what is moved is no party
        theme = any(s.theme_object for s in senses)
        preps = self.words.noun_target_preps
        if theme:
            preps = preps - {"of"} | {"from"}
        return [p for child in noun.children
                if child.dep_ == "prep" and child.lower_ in preps
                and not (talks and child.lower_ == "in")
                for g in child.children if g.dep_ == "pobj" for p in self._expand(g)
                if p.named]

    def _expand(self, token: Token) -> list[Party]:
        """A participant and those coordinated with it ("Russia and China"); a thing that is not
        an actor gives way to the actor its phrase names ("an agreement with Iran")."""
        found = []
        owners = self._joint_owners(token)
        if owners:
            return owners
        for member in [token, *conjuncts(token)]:
            party = self._party(member)
            if party is not None and not party.named and member.dep_ not in SUBJECTS:
                inner = self._named_inside(member)
                found += [inner] if inner else [party]
            elif party is not None:
                found.append(party)
        return found

    def _joint_owners(self, token: Token) -> list[Party]:
        """ "The leaders of India and China met": the coordinated states of a role noun's
        "of" phrase are the participants, one each."""
        if token.lemma_.lower() not in self.words.agents or conjuncts(token):
            return []
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                members = [pobj, *conjuncts(pobj)]
                parties = [self._party(m, own_only=True) for m in members]
                if len(members) > 1 and all(p is not None and p.actor for p in parties):
                    return [replace(p, token=token) for p in parties if p is not None]
        return []

    def _named_inside(self, head: Token, depth: int = 2) -> Party | None:
        """The actor a thing belongs to or comes from: "calls by Kofi Annan", "the withdrawal
        of Serbian forces", "a deal with Iran", "Iran's proposal"."""
        frontier = [head]
        for _ in range(depth):
            following = []
            for token in frontier:
                for child in token.children:
                    if child.dep_ == "prep" and child.lower_ in (
                            self.words.np_target_preps | {"of", "by"}):
                        pobjs = [g for g in child.children if g.dep_ == "pobj"]
                        for pobj in pobjs:
                            party = self._party(pobj, own_only=True)
                            if party is not None and party.named:
                                return party
                        following += pobjs
                    elif child.dep_ in {"poss", "compound", "amod", "nmod"}:
                        party = self._party(child, own_only=True)
                        if party is not None and party.named:
                            return party
                    elif child.dep_ == "acl":  # "a peace plan drawn up by Senegal"
                        for pobj in (g for a in child.children if a.dep_ == "agent"
                                     for g in a.children if g.dep_ == "pobj"):
                            party = self._party(pobj, own_only=True)
                            if party is not None and party.named:
                                return party
            frontier = following
        return None

    def _party(self, token: Token, own_only: bool = False) -> Party | None:
        if token.i in self.dateline:
            return None
        if token.lower_ in self.words.relative_pronouns and token.head.dep_ == "relcl":
            token = token.head.head
        if token.lemma_.lower() in self.words.quantities or token.like_num:
            inner = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"]
            if inner:  # "thousands of students", "a group of rebels"
                return self._party(inner[0], own_only)
        if token.ent_type_ in self.words.not_parties:
            return None
        cluster = self.actor_of.get(token.i)
        if cluster is None and token.dep_ == "appos" and token.pos_ == "NOUN":
            # "the Alliance for American Manufacturing, a group that has applauded ...": the
            # description stands for the named actor it describes
            cluster = self.actor_of.get(token.head.i)
        if cluster is not None:
            return Party(cluster.id, phrase(token), True, token)
        agentive = token.lemma_.lower() in self.words.agents
        for child in token.children:
            # "Ukrainian leaders", "Iran's army" act for their country; "Canada's fires" do not
            if child.dep_ in _MODIFIERS and (agentive or child.dep_ != "poss"):
                cluster = self.actor_of.get(child.i)
                if cluster is None and agentive and child.lower_ in {"its", "their"}:
                    cluster = self._owner_of(child)  # "Ukraine denied its drones attacked"
                if cluster is not None:
                    return Party(cluster.id, phrase(token), True, token)
        if token.ent_type_ in self.words.entity_labels:
            return Party(None, entity_text(token), True, token)
        if token.pos_ == "PROPN" and not token.ent_type_ and token.text[:1].isupper():
            return Party(None, phrase(token), True, token)  # a name the tagger missed
        if own_only:
            return None
        for child in token.children:
            if child.dep_ in _MODIFIERS and child.ent_type_ in self.words.entity_labels and (
                    agentive or child.dep_ != "poss"):
                return Party(None, phrase(token), True, token)
        if token.lower_ in self.words.personal_pronouns:
            antecedent = self._antecedent(token)
            if antecedent is not None:
                return antecedent
        if token.lower_ in {"it", "they", "we"} and token.dep_ in SUBJECTS:
            speaker = self._speaker_of(token)
            if speaker is not None:
                return speaker
        if token.pos_ in {"NOUN", "PROPN", "PRON"}:
            linked = self._anaphor(token)
            if linked is not None:
                return linked
            return Party(None, phrase(token), False, token)
        return None

    def _owner_of(self, pronoun: Token) -> ActorCluster | None:
        """The state or body an unresolved "its/their" stands for: the nearest one named
        before it in the sentence ("Ukraine denied that its drones had attacked ...")."""
        for token in reversed(self.doc[pronoun.sent.start:pronoun.i]):
            cluster = self.actor_of.get(token.i)
            if cluster is not None and cluster.kind in {"country", "organization", "group"}:
                return cluster
        return None

    def _speaker_of(self, pronoun: Token) -> Party | None:
        """ "Syria says it is willing ...": a pronoun subject of a reported clause is the
        speaker, when the actors stage has not resolved it."""
        clause = clause_of(pronoun)
        if clause.dep_ not in {"ccomp", "parataxis"}:
            return None
        reporter = clause.head
        if reporter.lemma_.lower() not in self.lex.reporting | self.words.speech_verbs:
            return None
        speakers = [p for p in self._subjects(reporter) if p.named]
        kinds = self.words.pronoun_kinds.get(pronoun.lower_)
        if kinds is not None:
            # "leaders, who argued that it had ...": "it" is not the leaders
            speakers = [p for p in speakers
                        if getattr(self._cluster(p), "kind", None) in kinds]
        return replace(speakers[0], text=pronoun.text, token=pronoun) if speakers else None

    def _antecedent(self, pronoun: Token) -> Party | None:
        """Fallback when the actors stage left a pronoun unresolved: the last person named
        before it who is not the subject of the same clause ("Putin praised him")."""
        clause = clause_of(pronoun)
        subjects = {getattr(self.actor_of.get(c.i), "id", None)
                    for c in clause.children if c.dep_ in SUBJECTS}
        # Among people named in the last few sentences, the most talked-about one so far.
        sentences = list(self.doc.sents)  # the parser's, for a window of recent mentions
        here = next(i for i, s in enumerate(sentences) if s.start <= pronoun.i < s.end)
        window_start = sentences[max(here - 3, 0)].start
        best: tuple[int, int, str] | None = None
        for cluster in self.actors:
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

    def _anaphor(self, token: Token) -> Party | None:
        """An event noun ("the refusal") as a participant stands for the doer of that event."""
        senses = self.lex.nouns.get(token.lemma_.lower())
        if not senses or not any(c.lower_ in {"the", "this", "that"} for c in token.children):
            return None
        roots = {s.code[:2] for s in senses}
        for earlier in reversed(self.recent):
            if earlier.code[:2] in roots and earlier.sources:
                return earlier.sources[0]
        return None

    def remember(self, candidate: Candidate) -> None:
        if candidate.sources and not candidate.hypothetical:
            self.recent.append(candidate)

    # --- modality --------------------------------------------------------------------------

    def _modality(self, candidate: Candidate, head: Token) -> None:
        words = self.words
        chain = [head, *head.ancestors]
        clause = clause_of(head)
        candidate.negated = any(
            c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never")
            for c in clause.children
        ) or any(
            # "had no intention of invading", "has no plans to visit"; "denied supporting"
            (t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in t.children))
            or (t.lemma_.lower() in words.denials and c.dep_ in {"xcomp", "ccomp", "pcomp", "dobj"})
            for c, t in zip(chain[:4], chain[1:4], strict=False)
        )
        # governed by an intention, a threat, an appeal or "is expected/due to": not done (yet)
        candidate.hypothetical = hypothetical(clause, words) or any(
            c.dep_ == "xcomp" and (
                t.lemma_.lower() in words.prospective
                or (t.lemma_.lower() in self.lex.wrappers
                    and self.lex.wrappers[t.lemma_.lower()].kind != "refuse"))
            for c, t in zip(chain, chain[1:], strict=False)
        ) or any(
            # "stopped the crowd from marching": the march was kept from happening
            c.dep_ == "prep" and c.lower_ == "from" and t.lemma_.lower() in words.preventing
            for c, t in zip(chain[1:4], chain[2:4], strict=False)
        )
        candidate.hedged = any(
            c.lower_ in words.hedges for t in chain[:3] for c in t.children if c.dep_ == "advmod"
        ) or any(
            # "..., local media claimed", "rebels alleged that ...": only a claim
            c.dep_ in {"ccomp", "parataxis"} and t.lemma_.lower() in words.claiming
            for c, t in zip(chain, chain[1:], strict=False)
        ) or any(
            # "according to unconfirmed reports"
            c.lower_ == "according" and any(w.lower_ in words.unconfirmed for w in c.subtree)
            for t in chain[:3] for c in t.children if c.dep_ == "prep"
        ) or any(
            t.lemma_.lower() in words.hedging_verbs and any(c.dep_ == "auxpass" for c in t.children)
            and c.dep_ == "xcomp" for c, t in zip(chain, chain[1:], strict=False)
        ) or _without_evidence(chain[1:5], words)  # the claim was made: only what it says
        # "accused Kenya of sheltering rebels", "arrested for spying": only alleged
        candidate.alleged = any(
            c.dep_ == "prep" and c.lower_ in {"of", "for", "with"} and self._is_accusation(t)
            for c, t in zip(chain, chain[1:], strict=False)
        )
        candidate.hedged = candidate.hedged or candidate.alleged
        # "... on Wednesday, one day after a jet shot down a helicopter": the time clause
        # tells what came before the news
        candidate.subordinate = any(
            (t.dep_ == "advcl" and any(m.dep_ in {"mark", "advmod"} and m.lower_ in words.time_marks
                                       for m in t.children))
            or (t.dep_ == "pobj" and t.head.lower_ in words.time_marks)
            for t in chain[:4]
        )
        self._attribution(candidate, chain)

    def _is_accusation(self, verb: Token) -> bool:
        """Accusing, charging, arresting or jailing someone (for something alleged)."""
        senses = self.lex.senses(verb.lemma_.lower()) or []
        return any(s.code[:2] == "11" or s.code[:3] == "173" for s in senses)

    def _attribution(self, candidate: Candidate, chain: list[Token]) -> None:
        """The statement an event was reported in: its quote id and the chain of sources."""
        speakers: list[Party] = []
        for inner, outer in zip(chain, chain[1:], strict=False):
            if inner.dep_ in {"ccomp", "parataxis"} and outer.lemma_.lower() in self.lex.reporting:
                speakers = self._subjects(outer)
                candidate.via = [p.actor or p.text for p in speakers]
                break
        if not candidate.sources and candidate.code[:2] == "17":
            # "two journalists were detained, police said": the force that reports an arrest
            # without naming who made it made it
            candidate.sources = [p for p in speakers if self._enforcer(p)]
        start = candidate.trigger.idx
        for quote in self.quotes:
            cue = quote.cue
            inside = quote.start <= start < quote.end
            cued = cue is not None and any(t.idx == cue.start for t in chain)
            if inside or cued:
                candidate.quote = quote.id
                candidate.via = list(quote.via)
                return

    # --- output ----------------------------------------------------------------------------

    def expand(self, candidate: Candidate, scope: DateScope) -> Iterable[Event]:
        """One contract event per source-target pair that passes the gate."""
        joint = candidate.symmetric and len(candidate.sources) > 1  # "X and Y signed in Z"
        if (not any(p.named for p in candidate.targets)
                and candidate.code[:2] not in self.words.no_place and not joint):
            place = self._place(candidate)
            if place is not None:
                candidate.targets = [place]
        if not candidate.targets and not candidate.symmetric and candidate.match != "comment":
            # no recipient in the parse: the next actor named after the trigger in the same
            # sentence, when it is no speaker or place ("Iran protested ..., Tehran said")
            candidate.targets = self._next_actor(candidate)
        # When a side names an actor, its unnamed things ("its troops") are not participants.
        sources = [p for p in candidate.sources if p.named] or candidate.sources or [None]
        targets = [p for p in candidate.targets if p.named] or [
            # no actor named: one recipient, the prepositional one ("aid to the villages")
            next((p for p in candidate.targets if p.token.dep_ == "pobj"), None)
            or next(iter(candidate.targets), None)]
        pairs = list({(s and s.key, t and t.key): (s, t) for s in sources for t in targets
                      }.values())  # one event per actor pair ("state news agency TASS")
        if candidate.symmetric and not any(p.named for p in candidate.targets) and len(
                candidate.sources) > 1:
            members = [p for p in candidate.sources if p.named] or candidate.sources
            pairs = [(s, t) for s in members for t in members if s is not t]
        date, basis = scope.date_of(
            candidate.trigger, carry=candidate.trigger.lemma_.lower() not in self.lex.reporting)
        sent = scope.segment_of(candidate.trigger)
        trigger = self.doc[candidate.start:candidate.end]
        for source, target in pairs:
            if not self._passes(candidate, source, target):
                continue
            facts = lookup(self._for_doer(candidate, source, target))
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
                sentence=SentenceSpan(start=sent.start_char, end=sent.end_char),
                trigger=TextSpan(start=trigger.start_char, end=trigger.end_char,
                                 text=trigger.text),
                confidence=self._confidence(candidate, source, target, facts),
            )

    def _confidence(self, candidate: Candidate, source: Party | None, target: Party | None,
                    facts) -> float:
        evidence = self._evidence(candidate, source, target, facts)
        self.priors.append(evidence.prior())
        return confidence(evidence, self.weights)

    def _evidence(self, candidate: Candidate, source: Party | None, target: Party | None,
                  facts) -> Evidence:
        """What the confidence model is told about the event (see extract/scoring.py)."""
        def kind(party: Party | None) -> str:
            if party is None:
                return "none"
            cluster = self._cluster(party)
            if cluster is not None:
                return "country" if cluster.country else "actor"
            return "named" if party.named else "words"

        source_cluster = self._cluster(source) if source else None
        target_cluster = self._cluster(target) if target else None
        return Evidence(
            match=candidate.match, source=kind(source), target=kind(target),
            quad_class=facts.quad_class, hedged=candidate.hedged, alleged=candidate.alleged,
            hypothetical=candidate.hypothetical, negated=candidate.negated,
            subordinate=candidate.subordinate, aim=candidate.aim,
            quoted=candidate.quote is not None,
            same_country=bool(source_cluster and target_cluster and source_cluster.country
                              and source_cluster.country == target_cluster.country))

    def _implied_agent(self, candidate: Candidate) -> None:
        """An agentless passive whose doer is implied ("he was arrested": the police; "was
        convicted": a court) gets that doer, of the country of the one it was done to, as an
        actor without mentions (event_words.yaml: implied_agents)."""
        trigger = candidate.trigger
        sector = self.words.implied_agents.get(trigger.lemma_.lower())
        if sector is None or not any(c.dep_ in {"auxpass", "nsubjpass"} for c in trigger.children):
            return
        if any(c.dep_ == "agent" for c in trigger.children):
            return
        target = next((self._cluster(p) for p in candidate.targets if self._cluster(p)), None)
        country = target.country if target is not None else None
        key = (sector, country)
        cluster = self.implied.get(key)
        if cluster is None:
            cluster = add_actor(self.doc, kind="organization",
                                name=self.words.implied_agent_names.get(sector, sector.lower()),
                                country=country, sector=sector)
            self.implied[key] = cluster
            self.clusters[cluster.id] = cluster
        candidate.sources = [Party(cluster.id, cluster.name, True, trigger)]

    def _for_doer(self, candidate: Candidate, source: Party | None,
                  target: Party | None) -> str:
        """Military force (19) is what armed forces, rebels and states use: a shooting or a
        killing by a private person or a criminal is an assault (18), and force used by the
        police is violent repression (175). A politician "attacking" a politician does it
        with words: criticism (111)."""
        code = candidate.code
        if code[:2] != "19" or source is None:
            return code
        cluster = self._cluster(source)
        victim = self._cluster(target) if target is not None else None
        if (candidate.trigger.lemma_.lower() in self.words.verbal_attacks and victim is not None
                and victim.kind in {"person", "organization"} and cluster is not None
                and cluster.kind in {"person", "organization", "group"}
                and victim.sector not in self.words.armed_sectors
                and cluster.sector not in self.words.armed_sectors):
            return "111"
        if cluster is None or cluster.kind == "country":
            return code
        if cluster.sector == "COP":
            return "175"
        if cluster.sector in self.words.individual_sectors or (
                cluster.sector is None and cluster.kind == "person"):
            killing = code == "1823" or source.token.head.lemma_ in self.words.killing_verbs
            return "1823" if killing else "180"
        return code

    def _next_actor(self, candidate: Candidate) -> list[Party]:
        own = {p.actor for p in candidate.sources}
        # nor whoever reports or judges the act ("Musk blamed Ukraine for refusing to
        # negotiate, a charge he repeated"): the subjects of the verbs above the trigger
        own |= {p.actor for verb in candidate.trigger.ancestors for p in self._subjects(verb)}
        sent = candidate.trigger.sent
        for token in self.doc[candidate.end:sent.end]:
            cluster = self.actor_of.get(token.i)
            if cluster is None or cluster.id in own or cluster.kind == "location":
                continue
            head = token
            while head.dep_ in {"compound", "flat", "amod", "det", "poss", "nummod"} and (
                    head.head.i != head.i):
                head = head.head
            if head.dep_ in SUBJECTS and head.head.lemma_.lower() in self.lex.reporting:
                return []  # the rest of the sentence is attribution
            if head.dep_ == "pobj" and head.head.lower_ in self.words.place_preps | {"according"}:
                continue
            if head.dep_ == "pobj" and head.head.head.lower_ == "according":
                return []
            return [Party(cluster.id, phrase(head), True, head)]
        return []

    def _place(self, candidate: Candidate) -> Party | None:
        """Where a physical act happened stands for its target when no actor is named
        ("lifted the curfew in Montenegro", "shelled the capital Juba")."""
        heads = [candidate.trigger, *(p.token for p in candidate.targets),
                 *(c for c in candidate.trigger.children if c.dep_ == "dobj")]  # "its embassy in"
        for head in heads:
            for child in head.children:
                if child.dep_ == "appos" and child.ent_type_ in {"GPE", "LOC", "FAC"}:
                    return self._party(child)
                if child.dep_ == "prep" and child.lower_ in self.words.place_preps:
                    for pobj in (g for g in child.children if g.dep_ == "pobj"):
                        party = self._party(pobj)
                        if party is not None and party.named and pobj.ent_type_ in {
                                "GPE", "LOC", "FAC", ""}:
                            return party
        return None

    def _passes(self, candidate: Candidate, source: Party | None, target: Party | None) -> bool:
        if source is None:
            # "three soldiers were killed": violence with a victim but no named doer is still
            # an act of violence, unless the sentence says it was a mishap
            return self._doerless_violence(candidate, target)
        if target is not None and source.key == target.key and not (
                self._through_modifier(source) or self._through_modifier(target)):
            return False  # "Croatia investigated Croatian extremists" is domestic, and kept
        if target is not None and self._one_state(source, target):
            return False  # "India ... New Delhi": a country and its capital are one actor
        # crowds act without names: "thousands of workers marched", "students rioted"
        crowd = candidate.code[:2] == "14" and _is_people(source.token, self.words)
        # an unnamed doer must at least be one that acts for others ("police", "rebels")
        if not (source.named or crowd or source.token.lemma_.lower() in self.words.agents):
            # "a roadside bomb killed two soldiers": the weapon is no doer, the act stands
            return self._doerless_violence(candidate, target)
        if not (source.named or (target and target.named)):
            return False
        if (candidate.code[:2] == "04" and target is not None and not target.named
                and target.token.lemma_.lower() not in self.words.agents | self.words.people):
            if candidate.code[:3] not in {"045", "046"}:
                return False  # "visited a school", "met reporters": no one to consult
            target = None  # "brokered a ceasefire": mediation needs no named recipient
        if _sporting(source, self.words) or (target is not None and _sporting(target, self.words)):
            return False  # "Pakistan's cricket team arrived in Australia": sport, not politics
        if target is not None and not target.named and target.token.lower_ in self.words.generic:
            return False  # "those who are praised by the Kremlin": nobody in particular
        if (target is not None and not target.named
                and target.token.ent_type_ in self.words.named_things):
            return False  # "will host the World Cup", "launched the iPhone": no recipient
        if target is None:
            # a thing as target ("ruled out job cuts") is no target: only acts that need none,
            # or a political actor's act of a kind that PLOVER codes without a recipient
            return (candidate.targetless_ok or candidate.code[:2] in self.words.targetless_roots
                    or self._political_alone(candidate, source))
        return True

    def _one_state(self, one: Party, other: Party) -> bool:
        """Whether both are the same state named twice ("India ... New Delhi"); not a state and
        a group it only modifies ("Croatia investigated Croatian extremists")."""
        if self._through_modifier(one) or self._through_modifier(other):
            return False
        return self._own_state(one, other) and self._own_state(other, one)

    def _own_state(self, party: Party, of: Party) -> bool:
        """Whether ``party`` is the state itself (not a group of it) that ``of`` belongs to:
        "Trump said the United States would ..." speaks of his own state."""
        if party.key == of.key:
            return True
        state, member = self._cluster(party), self._cluster(of)
        return (state is not None and member is not None and state.kind == "country"
                and not self._through_modifier(party)
                and state.country is not None and state.country == member.country)

    def _through_modifier(self, party: Party) -> bool:
        """Whether the party is a thing or group its actor only modifies ("Croatian
        extremists"), rather than a mention of the actor itself."""
        return party.actor is not None and self.actor_of.get(party.token.i) is None

    def _political_alone(self, candidate: Candidate, source: Party) -> bool:
        if candidate.match not in {"verb", "wrapper", "light", "act"} or source.actor is None:
            return False
        if lookup(candidate.code).plover in self.words.needs_recipient:
            return False
        return self._political(source)

    def _doerless_violence(self, candidate: Candidate, target: Party | None) -> bool:
        if (candidate.code[:2] not in self.words.doerless_roots or target is None
                or candidate.negated):
            return False
        if not (target.named or _is_people(target.token, self.words)
                or target.token.lemma_.lower() in self.words.victims):
            return False
        sent = candidate.trigger.sent
        return not any(t.lemma_.lower() in self.words.mishaps for t in sent)


def _sporting(party: Party, words: EventWords) -> bool:
    """A sports team or player ("the cricket team", "the striker")."""
    lemma = party.token.lemma_.lower()
    return lemma in words.sporting or lemma in words.team_nouns and any(
        c.lemma_.lower() in words.sports for c in party.token.children)


def _is_people(token: Token, words: EventWords) -> bool:
    return token.lemma_.lower() in words.people


def _without_evidence(chain: list[Token], words: EventWords) -> bool:
    """"claimed without evidence that ...", "accused X, without providing proof, of ...": the
    act is only claimed."""
    for token in chain:
        for child in (token, *token.children):
            if child.lower_ == "without" and any(
                    w.lemma_.lower() in words.evidence for w in child.subtree):
                return True
    return False


def _same_act(event: Event, earlier: list[Event]) -> bool:
    """Whether an event with the same trigger and the same source and target was already
    kept: a second root for one trigger ("take countermeasures" as 132 and 170) is dropped."""
    return any(e.trigger.start == event.trigger.start and e.source == event.source
               and e.target == event.target for e in earlier[-12:])


def _governing_verb(token: Token, steps: int = 4) -> Token | None:
    """The verb whose clause ``token`` sits in (through prepositions and objects)."""
    head = token
    for _ in range(steps):
        if head.head.i == head.i or head.dep_ in {"nsubj", "nsubjpass", "relcl", "ccomp"}:
            return None
        head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            return head
    return None


def _keep_prior_order(events: list[Event], priors: list[float]) -> None:
    """Within one sentence the hand-set prior decides which reading ranks first (it was tuned
    for choosing among one sentence's events); the fitted model only calibrates. An event
    with a lower prior than another of its sentence (or an equal one, made later) is capped
    just below that event's confidence.
    ``priors`` ends with the priors of ``events``, in the same order."""
    mine = priors[len(priors) - len(events):] if events else []
    ranked = sorted(range(len(events)), key=lambda index: (-mine[index], index))
    ceiling = None
    for index in ranked:  # ties keep the order in which the coder made them
        event = events[index]
        if ceiling is not None:
            event.confidence = max(min(event.confidence, round(ceiling - 0.001, 3)), 0.0)
        ceiling = event.confidence


def _reciprocal(token: Token) -> bool:
    """Whether the participant is "each other" / "one another" (or what they possess)."""
    words = {t.lower_ for t in token.subtree}
    return {"each", "other"} <= words or {"one", "another"} <= words


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per trigger and code (a verb seen as both wrapper and plain verb)."""
    seen: set[tuple[int, str]] = set()
    unique = []
    for candidate in candidates:
        key = (candidate.trigger.i, candidate.code[:2])
        if key in seen:
            continue
        seen.add(key)
        unique.append(candidate)
    return unique
