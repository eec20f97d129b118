"""Modality of a coded act: whether it happened, and on whose word.

:func:`mark_modality` sets a :class:`~eventwire.extract.event_candidates.Candidate`'s flags from
the clause around its trigger: negation ("did not", "never", "had no intention of", "denied"),
hypothetical acts (threatened, planned, modal or conditional, asked for, prevented), hedges
("reportedly", "..., local media claimed", "according to unconfirmed reports", "without
evidence"), what someone is accused or arrested for (alleged), time clauses beside the news
(subordinate) and the statement it was reported in (attribution: quote and sources).
:func:`with_intent` adds what a future or obliged act says now: intent, a promise, a threat,
a rejection ("would not accept"), or a demand or appeal ("X said Y must withdraw").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from eventwire.extract.event_candidates import Candidate, Party
from eventwire.extract.event_context import EventContext
from eventwire.extract.event_implied import (
    located_in,
)
from eventwire.extract.event_participants import (
    is_enforcer,
    is_political,
    reporter_of,
    same_side,
    subjects_of,
)
from eventwire.extract.event_words import EventWords
from eventwire.extract.syntax import (
    aim_of,
    asked_clause,
    choose,
    clause_of,
    condition_marks,
    conditional,
    future,
    hypothetical,
    purpose,
    to_infinitive,
)

__all__ = ["backshifted", "mark_aims", "mark_asked_acts", "mark_modality", "with_intent",
           "without_evidence"]


def mark_modality(ctx: EventContext, candidate: Candidate, head: Token) -> None:
    """Negation, hypothesis, hedges, allegation, subordination and attribution of the act
    whose clause ``head`` heads."""
    words = ctx.words
    chain = [head, *head.ancestors]
    # the chain's labels and lemmas, and the children of its first words, read once: the tests
    # below look at them many times ((chain[k - 1], chain[k]) is a dependent and its head)
    deps = [t.dep_ for t in chain]
    lemmas = [t.lemma_.lower() for t in chain]
    children = [list(t.children) for t in chain[:3]]

    def kids(k: int) -> list[Token]:  # the children of chain[k], read when first asked
        while len(children) <= k:
            children.append(list(chain[len(children)].children))
        return children[k]

    pairs = range(1, len(chain))
    clause = clause_of(head)
    told_in = chain  # (the statement it was told in is found up the whole chain)
    if _topic(head, clause, words):
        # "lawmakers will ask about Macron's call": the call is what the clause is about; it
        # happened or not on its own (its own words still count: "a planned call")
        chain, deps, lemmas, children = chain[:1], deps[:1], lemmas[:1], children[:1]
        pairs, clause = range(1, 1), head
    candidate.negated = any(
        c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never")
        for c in clause.children
    ) or any(
        # "had no intention of invading", "has no plans to visit"; "denied supporting"
        (chain[k].pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no"
                                         for c in kids(k)))
        or (lemmas[k] in words.denials and deps[k - 1] in {"xcomp", "ccomp", "pcomp", "dobj"})
        # "Kenya's refusal to meet the envoy"
        or (lemmas[k] in words.refusal_nouns and deps[k - 1] == "acl")
        # "accused Ukraine without providing evidence", "left without meeting the envoy"
        or (deps[k - 1] == "pcomp" and chain[k].lower_ == "without" and k == 1)
        for k in pairs[:3]
    )
    # governed by an intention, a threat, an appeal or "is expected/due to": not done (yet)
    # a modal, conditional or generic clause ("might be indicted", "if the US imposes ...")
    modal_clause = hypothetical(clause, words)
    # a clause told in the past tense with its own subject happened, whatever is expected of
    # the clause above it ("is likely to face questions about the call when he asked
    # Zelenskiy for investigations": the asking was done)
    told = next((k for k in range(len(chain)) if chain[k].tag_ == "VBD"
                 and deps[k] in {"advcl", "relcl"}
                 and any(c.dep_ in {"nsubj", "nsubjpass"} for c in kids(k))), len(chain))
    # and an act in a time phrase happened before what the clause above intends ("agreed to
    # resolve their dispute after talks mediated by Turkey": the talks took place)
    told = min(told, next((k for k in range(1, len(chain)) if _time_clause(chain[k], words)),
                          len(chain)))
    candidate.hypothetical = modal_clause or any(
        deps[k - 1] == "xcomp" and (
            lemmas[k] in words.prospective
            or (lemmas[k] in ctx.lex.wrappers and ctx.lex.wrappers[lemmas[k]].kind != "refuse"))
        # (not a verb in the past tense the parser took for a complement: "he asked about
        # the Brotherhood, called Omar a terrorist and said ..." called her one)
        and not (chain[k - 1].tag_ == "VBD" and not to_infinitive(chain[k - 1]))
        for k in pairs if k <= told
    ) or any(
        # "efforts to get Ukraine to investigate", "a bid to oust the mayor": only an aim
        deps[k - 1] == "acl" and lemmas[k] in words.aim_nouns and to_infinitive(chain[k - 1])
        for k in pairs[:4]
    ) or any(
        # "stopped the crowd from marching": the march was kept from happening
        deps[k - 1] == "prep" and (
            chain[k - 1].lower_ == "from" and lemmas[k] in words.preventing
            # "warned Putin against invading": counselled against, not done
            or chain[k - 1].lower_ == "against" and lemmas[k] in words.cautioning)
        for k in pairs[1:3]
    )
    candidate.hypothetical = candidate.hypothetical or _planned(head, words) or (
        # "Hungary blocked an EU aid package": the aid an act noun names was kept from coming
        head.pos_ == "NOUN" and any(
            deps[k - 1] in {"dobj", "nsubjpass"} and lemmas[k] in words.preventing
            and all(d == "compound" for d in deps[:k - 1]) for k in pairs[:2]))
    candidate.hedged = any(
        c.lower_ in words.hedges for near in children[:3] for c in near if c.dep_ == "advmod"
    ) or any(
        # "..., local media claimed", "rebels alleged that ...": only a claim
        deps[k - 1] in {"ccomp", "parataxis"} and lemmas[k] in words.claiming for k in pairs
    ) or any(
        # "according to unconfirmed reports"
        c.lower_ == "according" and any(w.lower_ in words.unconfirmed for w in c.subtree)
        for near in children[:3] for c in near if c.dep_ == "prep"
    ) or any(
        lemmas[k] in words.hedging_verbs and deps[k - 1] == "xcomp"
        and any(c.dep_ == "auxpass" for c in chain[k].children) for k in pairs
    ) or ("without" in ctx.lower_text  # (a quick look at the text before the walk)
          and without_evidence(chain[1:5], words))  # the claim was made: only what it says
    # "accused Kenya of sheltering rebels", "arrested for spying": only alleged; but not a
    # time clause on the way up ("accused Pakistan of supporting terrorism after gunmen
    # killed 26 people": the killing is the occasion, not the charge)
    in_time_clause = next((k for k, t in enumerate(chain) if _time_clause(t, words)), None)
    charged = len(chain) if in_time_clause is None else in_time_clause + 1
    # (the parser may hang the "of" on the one accused: "accused [the police of torturing]";
    # a verb of accusing then, not any verb with a sense of criticism: "drew criticism for")
    candidate.alleged = any(
        deps[k - 1] == "prep" and chain[k - 1].lower_ in {"of", "for", "with"}
        and (_is_accusation(ctx, chain[k]) or k == 2 and deps[k] == "dobj"
             and len(chain) > 3 and charged > 3 and lemmas[3] in words.accusing_verbs)
        for k in pairs if k < charged
    )
    candidate.hedged = candidate.hedged or candidate.alleged
    # "... on Wednesday, one day after a jet shot down a helicopter": the time clause
    # tells what came before the news (the first time clause up the chain, found above)
    candidate.subordinate = in_time_clause is not None and in_time_clause < 4
    _attribution(ctx, candidate, told_in)
    # ... told by nobody but the writer: speculation, which annotators do not code
    # and a question ("said whether Trump will agree ... depends on ...") is nobody's act
    candidate.speculative = (modal_clause and not candidate.via and candidate.quote is None) or (
        any(c.dep_ == "mark" and c.lower_ in words.question_marks
            for k in range(min(len(chain), 3)) for c in kids(k))) or (
        # "advisers would like to see China agree", "wary of offering concessions", "is
        # likely to hit Spain": what the writer expects, fears or someone wishes, not done
        not candidate.via and candidate.quote is None and any(
            lemmas[k] in words.speculative_predicates and k <= told
            and deps[k - 1] in {"xcomp", "ccomp", "pcomp", "advcl", "prep", "acl"}
            for k in pairs[:3]))


def _planned(head: Token, words: EventWords) -> bool:
    """Whether the act a noun names is only planned, proposed or sought: "the planned visit",
    "is considering sanctions", "talks are planned"."""
    if head.pos_ not in {"NOUN", "PROPN"}:
        return False
    if any(c.dep_ == "amod" and c.lower_ in words.planned_modifiers for c in head.children):
        return True
    if head.dep_ == "pobj" and head.head.lower_ in {"in", "of"} and head.head.head.dep_ in {
            "dobj", "nsubjpass"}:
        head = head.head.head  # "pledged $325 million in military aid": the measure's verb
    elif head.dep_ == "pobj" and head.head.lower_ == "in" and head.head.head.pos_ == "VERB":
        # "pledged 50 billion euros in aid": "in aid" hung on the verb
        return head.head.head.lemma_.lower() in words.planning_verbs
    return head.dep_ in {"dobj", "nsubjpass"} and head.head.lemma_.lower() in words.planning_verbs


def _topic(head: Token, clause: Token, words: EventWords) -> bool:
    """Whether the noun ``head`` names what its clause is about: the object of a topic
    preposition on the way up to the clause's verb ("asked about the call")."""
    token = head
    while token.i != clause.i and token.head.i != token.i:
        if token.dep_ == "pobj" and token.head.lower_ in words.topic_prepositions:
            return True
        token = token.head
    return _known_subject(head, clause)


def _known_subject(head: Token, clause: Token) -> bool:
    """Whether the noun ``head`` is, or is "any of", the subject of its clause, told as one
    already known ("whether any of his tariffs will be removed", "the sanctions could be
    lifted"): it exists, whatever the clause says may happen to it (not "an attack could
    come": an indefinite one is only spoken of)."""
    if head.pos_ not in {"NOUN", "PROPN"}:
        return False
    known = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in _KNOWN_DETERMINERS)
                for c in head.children)
    subject = head
    if subject.dep_ == "pobj" and subject.head.lower_ == "of" and (
            subject.head.head.lower_ in {"any", "some", "all", "most", "none", "many"}):
        subject = subject.head.head  # "any of his tariffs"
    return known and subject.dep_ in {"nsubj", "nsubjpass"} and subject.head.i == clause.i


_KNOWN_DETERMINERS = frozenset({"the", "this", "these", "those", "its", "their", "his", "her"})


def _time_clause(token: Token, words: EventWords) -> bool:
    """Whether ``token`` heads a time clause or phrase ("after gunmen killed ...", "since the
    coup")."""
    return (token.dep_ == "advcl" and any(
        m.dep_ in {"mark", "advmod"} and m.lower_ in words.time_marks for m in token.children)
    ) or (token.dep_ == "pobj" and token.head.lower_ in words.time_marks)


def _is_accusation(ctx: EventContext, verb: Token) -> bool:
    """Accusing, charging, arresting or jailing someone (for something alleged), in the sense
    the word has here ("exchanged accusations" accuses; "in exchange for" does not)."""
    senses = ctx.lex.senses(verb.lemma_.lower())
    sense = choose(senses, verb, noun_context=verb.pos_ in {"NOUN", "PROPN"},
                   words=ctx.words) if senses else None
    return sense is not None and (sense.code[:2] == "11" or sense.code[:3] == "173")


def _attribution(ctx: EventContext, candidate: Candidate, chain: list[Token]) -> None:
    """The statement an event was reported in: its quote id and the chain of sources."""
    speakers: list[Party] = []
    for inner, outer in zip(chain, chain[1:], strict=False):
        if inner.dep_ in {"ccomp", "parataxis"} and outer.lemma_.lower() in ctx.lex.reporting:
            speakers = subjects_of(ctx, outer)
            candidate.via = [p.actor or p.text for p in speakers]
            break
    if not candidate.sources and candidate.code[:2] == "17":
        # "two journalists were detained, police said": the force that reports an arrest
        # without naming who made it made it (not one of another state than where it was
        # made: "the Dutch foreign ministry confirmed a Dutch citizen had been arrested in
        # Iran")
        where = located_in(ctx, candidate, countries=True)
        candidate.sources = [p for p in speakers if is_enforcer(ctx, p) and where in {
            None, getattr(ctx.cluster(p), "country", None)}]
    if not candidate.sources and candidate.code[:2] in ctx.words.speaker_done_roots and any(
            c.dep_ == "auxpass" for c in candidate.trigger.children):
        # "EU officials said EUR 30m in assistance to the Georgian government would be
        # suspended": what a political body says of its own dealings in the passive, it does
        candidate.sources = [p for p in speakers if is_political(ctx, p) and not any(
            t.actor and t.actor == p.actor for t in candidate.targets)]
    quote = ctx.quote_at(candidate.trigger.idx, (t.idx for t in chain))
    if quote is not None:
        candidate.quote = quote.id
        candidate.via = list(quote.via)


def without_evidence(chain: list[Token], words: EventWords) -> bool:
    """"claimed without evidence that ...", "accused X, without providing proof, of ...": the
    act is only claimed."""
    for token in chain:
        for child in (token, *token.children):
            if child.lower_ == "without" and any(
                    w.lemma_.lower() in words.evidence for w in child.subtree):
                return True
    return False


def mark_asked_acts(candidates: list[Candidate]) -> None:
    """An act a request or demand of the sentence asks for ("its demand that Israel lift the
    blockade") is hypothetical."""
    for request in [c for c in candidates if c.code[:2] in {"02", "10"}
                    and c.match in {"noun", "light"}]:
        asked = asked_clause(request.trigger)
        for candidate in candidates:
            if asked is not None and candidate.trigger.i == asked.i:
                candidate.hypothetical = True  # the act is asked for, not done


def mark_aims(candidates: list[Candidate], force_roots: frozenset[str] = frozenset(),
              goals: frozenset[str] = frozenset()) -> None:
    """An appeal or demand that states the aim of a protest of the sentence is that aim; so is
    a goal a fight is waged for (``goals``: "has fought for 15 years to topple the
    government": not toppled, and the fight is against the government)."""
    protests = {c.trigger.head.i if c.match == "light" else c.trigger.i
                for c in candidates if c.code[:2] == "14"}
    fights = {c.trigger.i: c for c in candidates if c.code[:2] in force_roots}
    for candidate in candidates:
        if candidate.code[:2] in {"02", "10"} and aim_of(candidate.trigger, protests):
            # "blocked roads demanding his return": the protest is the act, the demand
            # its aim
            candidate.aim = True
        fight = fights.get(candidate.trigger.head.i)
        if (fight is not None and fight is not candidate and purpose(candidate.trigger)
                and candidate.trigger.lemma_.lower() in goals):
            # (a goal, not the act's immediate effect: "opened fire to disperse the crowd"
            # dispersed it)
            candidate.aim = candidate.hypothetical = True
            if not fight.targets:
                fight.targets = list(candidate.targets)


def with_intent(ctx: EventContext, candidate: Candidate, head: Token) -> list[Candidate]:
    """An act in the future tense is, in CAMEO, a statement made now besides the
    hypothetical act itself: intent (03) for cooperation ("will provide aid"), a threat (13)
    for conflict ("would boycott", "will strike back")."""
    root = candidate.code[:2]
    obliged = _obligation(ctx, candidate, head)
    if obliged:
        return obliged
    if (candidate.negated and not candidate.hypothetical and "03" <= root <= "08"
            and head.lemma_.lower() in ctx.words.acceptance):
        # "did not accept the offer": not accepting what was offered is a rejection (12)
        kind = ctx.lex.wrappers["refuse"]
        return [replace(candidate, code=kind.code_for(candidate.code, head.lemma_.lower()),
                        negated=False)]
    if not (candidate.hypothetical and future(clause_of(head), ctx.words)):
        return [candidate]
    if _others_words(ctx, candidate, head):
        return [candidate]
    if "03" <= root <= "08" and candidate.negated:
        # "said it would not accept more refugees": refusing to cooperate is a rejection
        # (12), said now; the act itself stays negated ("will not allow a violent minority to
        # take the capital hostage" warns those who would: a threat)
        kind = ctx.lex.wrappers[
            "threaten" if head.lemma_.lower() in ctx.words.forbidding else "refuse"]
        stated = replace(candidate, code=kind.code_for(candidate.code, head.lemma_.lower()),
                         match="wrapper", hypothetical=False, negated=False,
                         targetless_ok=True)
        return [stated, candidate]
    if "04" <= root <= "08" and condition_marks(clause_of(head), ctx.words) & (
            ctx.words.threatening_conditions):
        # "would withdraw from the talks unless ...": cooperation held back until a condition
        # is met is a threat; "would meet him if he gave them a veto" offers it (a promise)
        kind = ctx.lex.wrappers["threaten"]
    elif "04" <= root <= "08":
        kind = ctx.lex.wrappers["promise"]
    elif root >= "14" and root != "15" and _own_measure(ctx, candidate, head):
        # "India said the crossing would be closed with immediate effect", "EU officials said
        # the assistance would be suspended": a measure its maker announces in the passive is
        # the act itself (as annotators code it), no threat
        return [candidate]
    elif root >= "14" and root != "15":
        # (a planned deployment, 15, is a threat only towards its enemy, which the
        # sentence rarely says: "will send troops to Latvia" is no threat to Latvia)
        kind = ctx.lex.wrappers["threaten"]
    else:
        return [candidate]
    stated = replace(candidate, code=kind.code_for(candidate.code, head.lemma_.lower()),
                     match="wrapper", hypothetical=False, targetless_ok=True)
    return [stated, candidate]


def _own_measure(ctx: EventContext, candidate: Candidate, head: Token) -> bool:
    """Whether a passive future act is told by its own doer ("X said Y would be closed")."""
    clause = clause_of(head)
    reporter = reporter_of(ctx, clause)
    if reporter is None or not any(c.dep_ == "auxpass" for c in clause.children):
        return False
    speakers = subjects_of(ctx, reporter)
    return any(same_side(ctx, s, d) for s in speakers for d in candidate.sources)


def _obligation(ctx: EventContext, candidate: Candidate, head: Token) -> list[Candidate]:
    """ "X said Y must withdraw": a speaker saying what another must do demands it (10);
    with "should" it is an appeal (02). The act itself becomes hypothetical."""
    token, modal = clause_of(head), None
    for _ in range(4):
        modal = modal or next((c.lower_ for c in token.children
                               if c.dep_ == "aux" and c.lower_ in ctx.words.obliging_modals),
                              None)
        if (token.dep_ in {"ccomp", "parataxis"} and token.head.lemma_.lower() in ctx.lex.reporting
                and token.head.lemma_.lower() not in ctx.words.relays):
            break
        if token.dep_ not in {"xcomp", "advcl", "conj", "ccomp"} or token.head.i == token.i:
            return []
        token = token.head
    else:
        return []
    reporter = token.head
    speakers = [p for p in subjects_of(ctx, reporter) if p.named]
    if modal is None or not speakers or not candidate.sources or {
            p.key for p in speakers} & {p.key for p in candidate.sources}:
        return []
    kind = ctx.lex.wrappers["demand" if modal == "must" else "urge"]
    asked = replace(candidate, code=kind.code_for(candidate.code, head.lemma_.lower()),
                    trigger=reporter, start=reporter.i, end=reporter.i + 1,
                    sources=speakers, targets=candidate.sources, match="wrapper",
                    targetless_ok=True, symmetric=False)
    mark_modality(ctx, asked, reporter)
    candidate.hypothetical = True
    return [asked, candidate]


def _others_words(ctx: EventContext, candidate: Candidate, head: Token) -> bool:
    """Whether the future act is what someone else hopes or predicts ("X expressed hope
    that Y would resume talks", "X said Y would sign"): then Y states no intent."""
    clause = clause_of(head)
    if clause.dep_ not in {"ccomp", "acl"} or clause.i < clause.head.i:
        return False  # "X will visit Y, sources said": news of X's plan, not a prediction
    governor = clause.head
    if governor.pos_ in {"NOUN", "ADJ"}:  # "expressed hope that", "was hopeful that"
        governor = governor.head
    speakers = subjects_of(ctx, governor)
    if not speakers or not candidate.sources:
        return False
    return not any(same_side(ctx, s, d) for s in speakers for d in candidate.sources)


def backshifted(ctx: EventContext, head: Token) -> bool:
    """Whether the clause's only modal is the "will/would" of reported speech, under a
    reporting verb and with no condition."""
    clause = clause_of(head)
    modals = {c.lower_ for c in clause.children
              if c.dep_ == "aux" and c.lower_ in ctx.words.modals}
    return (reporter_of(ctx, clause) is not None and bool(modals)
            and modals <= ctx.words.reported_future and not conditional(clause, ctx.words))
