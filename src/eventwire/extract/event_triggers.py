"""Event triggers: the words of a sentence that code an event, as candidates.

Verbs and event nouns of the dictionary (``data/event_verbs.yaml``); verbs that govern an
infinitive ("refused to", "threatened to", "urged ... to") code the act through their wrapper
table; light verbs hand the event to their object ("imposed sanctions"); adjectives of outlook
or stance ("hopeful about", "opposed to"); describing verbs and reported statements
(:mod:`~eventwire.extract.event_statements`); an unknown verb between two actors maps to the
nearest dictionary verb in the word vectors, with lower confidence. Each candidate gets its
parties (:mod:`~eventwire.extract.event_participants`) and modality
(:mod:`~eventwire.extract.event_modality`) where it is made.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from eventwire.extract.event_candidates import Candidate, Party
from eventwire.extract.event_context import EventContext
from eventwire.extract.event_implied import (
    carried_parties,
    critics_of,
)
from eventwire.extract.event_lexicon import Sense, Wrapper
from eventwire.extract.event_modality import backshifted, mark_modality, with_intent
from eventwire.extract.event_participants import (
    answerers,
    claimant,
    is_political,
    last_armed_pair,
    named_inside,
    names_both,
    noun_sources,
    noun_targets,
    objects_of,
    parties_at,
    protest_crowd,
    protest_noun,
    reacted_to,
    subjects_of,
    verb_parties,
)
from eventwire.extract.event_statements import allegation, evaluation, statement
from eventwire.extract.syntax import (
    SUBJECTS,
    asked_clause,
    choose,
    clause_of,
    has_object,
    infinitive,
    mandated,
    particle_end,
    prep_objects,
)

__all__ = ["sentence_triggers"]



def sentence_triggers(ctx: EventContext, sent: Span) -> list[Candidate]:
    """The candidates the triggers of ``sent`` code, each with its parties and modality; an
    act a wrapper or light verb has taken over ("refused to sign the deal") is no trigger of
    its own."""
    found: list[Candidate] = []
    absorbed: set[int] = set()
    for token in ctx.tokens[sent.start:sent.end]:
        if token.i in absorbed:
            continue
        dep, tag, pos = token.dep_, token.tag_, token.pos_  # read once: every word comes here
        if dep == "amod" and token.i < token.head.i:
            continue  # "the ousted president", "the banned party": a description
        if tag == "VBN" and any(c.dep_ == "det" for c in token.children):
            continue  # "evacuated the wounded": a participle used as a noun
        if tag == "VBN" and token.lemma_.lower() in ctx.lex.feelings:
            found += _feeling(ctx, token)
        elif pos in {"VERB", "AUX"} or tag.startswith("VB"):
            found += _verb(ctx, token, absorbed)
        elif pos in {"NOUN", "PROPN"}:
            if token.lemma_.lower() in ctx.lex.nouns:  # (else _noun has no sense to code)
                found += _noun(ctx, token)
        elif pos == "ADJ" and token.lemma_.lower() in ctx.lex.outlook:
            found += _outlook(ctx, token)
        elif pos == "ADJ" and token.lemma_.lower() in ctx.lex.wrappers:
            act = infinitive(token)  # "ready to host", "willing to send"
            if act is not None:
                found += _wrapped(ctx, token, act, ctx.lex.wrappers[token.lemma_.lower()],
                                  absorbed)
    return [c for c in found if c.trigger.i not in absorbed or c.match in {"wrapper", "act"}]


def _verb(ctx: EventContext, verb: Token, absorbed: set[int]) -> list[Candidate]:
    lemma = ctx.lex.verb_lemma(verb)
    if lemma in ctx.words.receiving_verbs and (prospect := _custody_prospect(ctx, verb)):
        return prospect
    wrapper = ctx.lex.wrappers.get(lemma)
    act = infinitive(verb) if wrapper is not None else None
    if (wrapper is not None and act is None and wrapper.kind in {"appeal", "demand"}
            and lemma not in wrapper.infinitive_only):
        act = mandated(verb, ctx.words)  # "demanded that Serbia withdraw its troops"
    if wrapper is not None and act is not None:
        if lemma in wrapper.asking and _asked_of_another(verb, act):
            wrapper = next(w for w in ctx.lex.wrappers.values() if w.kind == wrapper.asks_as)
        return _wrapped(ctx, verb, act, wrapper, absorbed)
    if (lemma in ctx.lex.reporting and lemma in ctx.lex.verbs
            and not any(c.dep_ in {"ccomp", "parataxis"} for c in verb.children)
            and (sense := choose(ctx.lex.senses(lemma) or [], verb, words=ctx.words)) is not None
            and sense.with_words):
        # "added dozens of Chinese companies to its trade blacklist": a verb of saying that
        # says nothing here does what its keywords say
        return with_intent(ctx, _verb_candidate(ctx, verb, sense, "verb"), verb)
    if lemma in ctx.lex.evaluative_verbs or lemma in ctx.lex.reporting:
        described = evaluation(ctx, verb) or allegation(ctx, verb) or statement(ctx, verb)
        if described:
            return described
        if lemma in ctx.lex.evaluative_verbs and any(
                c.dep_ in {"oprd", "xcomp", "ccomp", "attr"} for c in verb.children):
            return []  # "called it a development": a description, neither praise nor a call
    elif (lemma in ctx.words.alleging or lemma in ctx.words.ruling_verbs) and (
            alleged := allegation(ctx, verb)):
        # "alleged that the army tortured detainees", "the court ruled that the ministry had
        # acted unlawfully"
        return alleged
    senses = ctx.lex.senses(lemma)
    match = "verb"
    if senses is None:
        senses, match = _vector_senses(ctx, verb, lemma)
    if not senses:
        return []
    sense = choose(senses, verb, words=ctx.words)
    if sense is None:
        return []
    if sense.actor_object and any(c.dep_ == "dobj" and c.i not in ctx.actor_of
                                  and c.pos_ != "PRON" for c in verb.children):
        return []  # "called the allegations politically motivated": no one was called
    if sense.actor_object and _called_thing(ctx, verb):
        return []  # "the strike was the first called jointly by the unions": nor here
    if sense.source == "petrarch":
        match = "petrarch"  # a verb known only from PETRARCH-2 (event_verbs_petrarch.yaml)
    elif sense.with_single and sense.prep:
        # "called for an emergency meeting": the sense codes the meeting asked for, which is
        # no event of its own (it has not happened)
        # (not another's act the verb answers: "agreed to Beijing's demands" codes the
        # demands as Beijing's own act)
        absorbed.update(g.i for g in prep_objects(verb, sense.prep)
                        if g.lemma_.lower() in sense.with_single
                        and g.lemma_.lower() in ctx.lex.nouns
                        and not any(o.dep_ == "poss" and o.i in ctx.actor_of
                                    for o in g.children))
    candidate = _verb_candidate(ctx, verb, sense, match)
    if match == "vector" and not (
        any(p.actor for p in candidate.sources) and any(p.actor for p in candidate.targets)
    ):
        return []
    return with_intent(ctx, candidate, verb)


def _called_thing(ctx: EventContext, verb: Token) -> bool:
    """Whether a passive verb is said of a thing, no actor: the noun its participle modifies
    or its passive subject ("the first called jointly by the unions", "a meeting was
    called")."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        done_to: Token | None = verb.head
    else:
        done_to = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return done_to is not None and done_to.pos_ != "PRON" and done_to.i not in ctx.actor_of


def _custody_prospect(ctx: EventContext, verb: Token) -> list[Candidate]:
    """ "Carlineo faces up to 10 years in prison": a sentence that may come (``custody_code``,
    hypothetical) for the subject, by the court the custody noun implies (implied_agent)."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for word in obj.subtree:
            if (word.dep_ == "pobj" and word.head.lower_ in {"in", "behind"}
                    and word.lemma_.lower() in ctx.words.custody_nouns):
                targets = [p for p in subjects_of(ctx, verb) if p.named]
                if not targets:
                    return []
                candidate = Candidate(code=ctx.words.custody_code, trigger=word, start=word.i,
                                      end=word.i + 1, sources=[], targets=targets, match="noun")
                mark_modality(ctx, candidate, verb)
                candidate.hypothetical = True
                return [candidate]
    return []


def _asked_of_another(verb: Token, act: Token) -> bool:
    """Whether someone other than the verb's subject is to do the act: "wants Trump to
    eliminate" (the act's own subject or the verb's object), not "wants to eliminate"."""
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in act.children) or any(
        c.dep_ == "dobj" for c in verb.children)


def _vector_senses(ctx: EventContext, verb: Token, lemma: str) -> tuple[list[Sense] | None, str]:
    lex = ctx.lex
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


def _verb_candidate(ctx: EventContext, verb: Token, sense: Sense, match: str) -> Candidate:
    sources, targets = verb_parties(ctx, verb, sense)
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
        mutual=sense.mutual,
    )
    mark_modality(ctx, candidate, verb)
    return candidate


def _wrapped(
    ctx: EventContext, verb: Token, act: Token, wrapper: Wrapper, absorbed: set[int]
) -> list[Candidate]:
    act_lemma = act.lemma_.lower()
    if act_lemma in ctx.words.anonymity_acts and any(
            c.dep_ == "neg" for c in act.children) and any(
            c.dep_ == "auxpass" for c in act.children):
        return []  # "who asked not to be named": anonymity, no appeal
    act_sense, act_noun = _act_sense(ctx, act)
    own_objects = objects_of(ctx, verb, frozenset({"on", "upon"}))
    if (act_sense is None and wrapper.kind != "refuse"
            and (act_lemma in wrapper.need_act or act_lemma in ctx.lex.wrappers)
            # ("asked the court to order Venezuela to withdraw" appeals to the court)
            and not (wrapper.kind in {"appeal", "demand"} and act_lemma in ctx.lex.wrappers
                     and any(p.named for p in own_objects))):
        return []
    if act_sense is None and verb.lemma_.lower() in wrapper.need_act and not (
            wrapper.kind in {"appeal", "demand"} and any(p.named for p in own_objects)
    ) and not (verb.lemma_.lower() in wrapper.binding and has_object(act)
               and any(is_political(ctx, p) for p in subjects_of(ctx, verb))):
        # "asked to speak" is no event; "asked Bolivia to reconsider" appeals to Bolivia
        # whatever the act, "agreed to build a port" commits to it
        return []
    act_object = next((c.lemma_.lower() for c in act.children if c.dep_ == "dobj"), "")
    code = wrapper.code_for(act_sense.code if act_sense else None, act_lemma, act_object)
    sources = subjects_of(ctx, verb)
    if act.dep_ == "ccomp":  # "demanded that Serbia withdraw": Serbia is asked
        own_objects = [p for c in act.children if c.dep_ in {"nsubj", "nsubjpass"}
                       for p in parties_at(ctx, c)] or own_objects
    if act_noun is not None:  # "refused to sign the deal": the noun is the act's event
        absorbed.add(act_noun.i)
        act_targets = noun_targets(ctx, act_noun) or objects_of(
            ctx, act, ctx.words.target_preps, skip=act_noun)
    elif act_sense is not None:
        act_targets = verb_parties(ctx, act, act_sense)[1]
    else:
        act_targets = objects_of(ctx, act, ctx.words.target_preps)
    if (wrapper.kind == "demand" and act_sense is not None
            and act_sense.code[:2] in ctx.words.court_order_roots
            and act.tag_ == "VBN" and any(getattr(ctx.cluster(p), "sector", None)
                                          in ctx.words.court_sectors for p in sources)):
        # "a court ordered him jailed pending trial": the court's order is the jailing itself
        jailed = Candidate(code=act_sense.code, trigger=act, start=act.i, end=particle_end(act),
                           sources=sources, targets=own_objects, match="act")
        mark_modality(ctx, jailed, verb)
        absorbed.add(act.i)
        return [jailed]
    controlled_by_object = wrapper.kind in {"appeal", "demand"} and own_objects
    targets = own_objects if controlled_by_object else (act_targets or own_objects)
    wrapped = Candidate(
        code=code, trigger=verb, start=verb.i, end=particle_end(verb), sources=sources,
        targets=targets, match="wrapper",
        targetless_ok=wrapper.kind != "refuse" and not code.startswith("01"),
    )
    pair_word = len(sources) > 1 and names_both(sources[0].token)  # "the two governments"
    if verb.lemma_.lower() in wrapper.binding and len(sources) > 1 and (
            not any(p.named for p in targets)
            or len({p.token.i for p in sources}) == 1 and pair_word):
        # "South Korea and Japan agreed to restore a pact": a commitment to each other; so is
        # the two sides' agreement whatever it is about ("the two governments agreed to wind
        # down the coalition's mission")
        wrapped.symmetric = True
        if pair_word:
            wrapped.targets = []
    mark_modality(ctx, wrapped, verb)
    if wrapper.kind in {"intent", "threaten"} and backshifted(ctx, verb):
        # "said he would be ready to host talks": the intent is stated now
        wrapped.hypothetical = False
    found = [wrapped]
    absorbed.add(act.i)
    if wrapper.act_done and act_sense is not None:
        found = []  # the decision is the act itself
    if (wrapper.kind == "demand" and act_sense is not None and controlled_by_object
            and _own_organs(ctx, sources, own_objects)):
        # "the government ordered the armed forces to resume offensive operations": an order
        # to one's own forces is no demand on anyone; the forces' act is the event
        found = []
    if wrapper.emit_act and act_sense is not None:
        act_event = Candidate(
            code=act_sense.code, trigger=act, start=act.i, end=particle_end(act),
            sources=own_objects if controlled_by_object else sources, targets=act_targets,
            match="act", targetless_ok=act_sense.without_object, symmetric=act_sense.symmetric,
        )
        mark_modality(ctx, act_event, act)
        if wrapper.act_done:
            act_event.negated = act_event.negated or wrapped.negated
            act_event.hedged = act_event.hedged or wrapped.hedged
            act_event.hypothetical = wrapped.hypothetical
        else:
            act_event.hypothetical = True
        found.append(act_event)
    return found


def _own_organs(ctx: EventContext, sources: list[Party], objects: list[Party]) -> bool:
    """Whether every one ordered is a state organ (``state_sectors``) of the orderer's own
    country, the orderer speaking for that state."""
    countries = {c.country for p in sources if (c := ctx.cluster(p)) is not None and c.country
                 and (c.kind == "country" or c.sector in ctx.words.state_sectors)}
    if len(countries) != 1 or not objects:
        return False
    return all((c := ctx.cluster(p)) is not None and c.country in countries
               and c.sector in ctx.words.state_sectors for p in objects)


def _act_sense(ctx: EventContext, act: Token) -> tuple[Sense | None, Token | None]:
    """The dictionary sense of an act, looking through a light verb to its event noun."""
    lemma = act.lemma_.lower()
    senses = ctx.lex.senses(lemma)
    sense = choose(senses, act, words=ctx.words) if senses else None
    if sense is not None or (senses and lemma not in ctx.lex.light_verbs):
        return sense, None
    # (a light verb with senses of its own, none of which holds here: "threatened to hold a
    # general strike" is the strike's)
    if lemma in ctx.lex.light_verbs:
        for child in act.children:
            noun_senses = ctx.lex.nouns.get(child.lemma_.lower())
            if child.dep_ == "dobj" and noun_senses:
                return choose(noun_senses, child, noun_context=True, words=ctx.words), child
    return None, None


# the entity types of a measure of something given ("50 billion euros", "200 tons")
_MEASURES = frozenset({"MONEY", "QUANTITY"})


def _noun(ctx: EventContext, noun: Token) -> list[Candidate]:
    senses = ctx.lex.nouns.get(noun.lemma_.lower())
    if not senses:
        return []
    cluster = ctx.actor_of.get(noun.i)
    if (cluster is not None and cluster.kind == "organization" and cluster.sector
            and noun.dep_ != "dobj"):
        # "opened fire on a border patrol": the patrol is the body acted on ("opened an
        # embassy", the act's own object, stays the act)
        return []
    if (noun.dep_ == "compound" and noun.head.lemma_.lower() not in ctx.lex.nouns
            and noun.head.lemma_.lower() not in ctx.words.act_carriers):
        return []  # "longer detention periods", "a protest song": describes a thing, no act
    sense = choose(senses, noun, noun_context=True, words=ctx.words)
    if sense is None:
        return []
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in ctx.words.act_documents:
        return []  # "sought arrest warrants": the warrant is the act, the arrest only its kind
    if sense.code[:2] == "02" and any(g.lemma_.lower() in ctx.words.press_requests
                                      for g in prep_objects(noun, {"for"})):
        return []  # "a request for comment"
    governor = noun.head
    held: Token | None = None  # "placed the leader under arrest": the one it is done to
    measured = False  # the noun is the governor's object through a measure ("tons of aid")
    if (noun.dep_ == "pobj" and governor.head.dep_ == "dobj"
            and (governor.lower_, governor.head.head.lemma_) in ctx.words.phrasal_light):
        held = governor.head
        governor = governor.head.head
        light_object = True
    elif noun.dep_ == "pobj" and governor.head.dep_ == "dobj" and (
            governor.lower_ == "of" or governor.lower_ == "in" and governor.head.like_num):
        # "provided 20 tons of aid", "received $50 million in aid": the measure is skipped
        governor = governor.head.head
        light_object = measured = True
    elif noun.dep_ == "pobj" and governor.lower_ == "in" and governor.head.pos_ == "VERB" and any(
            c.dep_ == "dobj" and c.ent_type_ in _MEASURES for c in governor.head.children):
        # "pledged 50 billion euros in aid": the parser hangs "in aid" on the verb
        governor = governor.head
        light_object = measured = True
    elif noun.dep_ == "compound" and governor.dep_ == "dobj":
        governor = governor.head  # "launched a mediation effort"
        light_object = True
    elif noun.dep_ == "pobj" and (
            governor.lower_, governor.head.lemma_) in ctx.words.phrasal_light:
        governor = governor.head  # "engaged in ethnic cleansing", "went on strike"
        light_object = True
    elif (relative := _relative_light(ctx, noun)) is not None:
        governor = relative  # "a tariff that the administration had planned to impose"
        light_object = True
    else:
        light_object = noun.dep_ in {"dobj", "nsubjpass", "attr"}
    governor_senses = ctx.lex.senses(governor.lemma_.lower())
    light_verb = light_object and governor.lemma_.lower() in ctx.lex.light_verbs
    # the governing verb's own sense, read once: it decides whether the verb is light here and
    # whether it already codes the act the noun names
    own = (choose(governor_senses, governor, words=ctx.words)
           if governor_senses and (light_verb or noun.dep_ == "dobj" or measured) else None)
    light = light_verb and own is None
    if (noun.dep_ == "dobj" or measured) and own is not None and (
            own.code[:2] == sense.code[:2]
            # "lifted sanctions on Venezuela": the lifting is the event, not the sanctions
            # (unless a clause tells the measure as an act of its own: "lift the tariffs
            # imposed on Sept. 1")
            or governor.lemma_.lower() in ctx.words.ending_verbs and not any(
                t.dep_ in {"acl", "relcl"} for t in noun.subtree)
            and not _not_done(ctx, governor)):
        return []  # "slapped tariffs on China": the verb codes the act already
    ended = ctx.words.ended_cooperation.get(sense.code[:2])
    if (ended is not None and own is None and noun.dep_ in {"dobj", "nsubjpass"}
            and governor.lemma_.lower() in ctx.words.ending_verbs):
        return _ended(ctx, noun, governor, ended)
    sources = noun_sources(ctx, noun)
    targets = noun_targets(ctx, noun)
    undergone = (noun.dep_ == "pobj" and governor.lower_ == "under"
                 and governor.head.lemma_.lower() in ctx.words.undergoing_verbs)
    if undergone:
        governor = governor.head  # "the minister came under fire": received, as "faced"
    # "the ambassador was handed a note of protest": the passive subject of a verb that
    # gives is the one given to, as the subject of "faced" is
    # (or a verb that shares a passive one's subject: "was summoned and handed a note")
    given = light and noun.dep_ == "dobj" and (
        any(c.dep_ == "auxpass" for c in governor.children)
        or governor.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in governor.children)
        and any(c.dep_ == "auxpass" for c in governor.head.children))
    if undergone or given or ((noun.dep_ == "dobj" or measured)
                              and governor.lemma_.lower() in ctx.words.receiving_verbs):
        # "the United States faced Palestinian criticism": done to the subject, by the
        # noun's own doer or whoever it comes from
        # (the "from" phrase may hang from the verb: "faced questions from lawmakers")
        sources = sources or [
            p for g in (*prep_objects(noun, {"from"}), *prep_objects(governor, {"from"}),
                        *prep_objects(governor, dep="agent"))
            for p in parties_at(ctx, g)]
        # (the given-to: the passive subject, or the subject its verb shares: "met the
        # minister and was handed a note")
        receivers = [c for c in (*governor.children, *(
            governor.head.children if governor.dep_ == "conj" else ()))
            if c.dep_ in {"nsubjpass", "nsubj"}] if given else []
        targets = [p for c in receivers for p in parties_at(ctx, c) if p.named] or [
            p for p in ([] if given else subjects_of(ctx, governor)) if p.named] or [
            # "Germany's decision drew criticism from Poland": aimed at the decision's owner
            inner for s in governor.children if s.dep_ in SUBJECTS
            and (inner := named_inside(ctx, s, victims=False)) is not None]
        # "the senator faces trial": done by the doer the noun implies (implied_agent)
        implied = not sources and noun.lemma_.lower() in ctx.words.patient_nouns and (
            noun.lemma_.lower() in ctx.words.implied_agents)
        code = sense.code
        if undergone and code[:2] == "11" and (any(
                (c := ctx.cluster(p)) is not None and c.sector in ctx.words.armed_sectors
                for p in (*sources, *targets)) or any(
                m.lower_ in ctx.words.armed_fire_words for m in noun.children
                if m.dep_ in {"amod", "compound"})):
            # "troops came under fire from militants", "came under intense enemy fire"
            code = ctx.words.armed_fire_code
        # "the President has drawn criticism for the ban": from critics nobody names
        sources = sources or ([] if given else critics_of(ctx, code, targets, noun))
        # "a police patrol came under fire", "troops came under shelling": force by a doer the
        # sentence does not name, kept as violence with no doer (the gate decides)
        doerless = undergone and not sources and any(
            (c := ctx.cluster(p)) is not None and c.sector in ctx.words.armed_sectors
            for p in targets) and code[:2] in ctx.words.force_roots
        if (sources or implied or doerless) and targets:
            candidate = Candidate(
                code=code, trigger=noun, start=noun.i, end=noun.i + 1, sources=sources,
                targets=targets, match="noun", targetless_ok=sense.without_object,
                symmetric=sense.symmetric)
            mark_modality(ctx, candidate, governor)
            return [candidate]
    if not targets and noun.dep_ == "compound":
        targets = noun_targets(ctx, noun.head)  # "an assassination attempt on X"
    if not targets and sense.code[:2] in ctx.words.force_roots:
        # "a Houthi drone attack on a commercial ship": force is aimed at the thing it hits,
        # as the verb's is ("attacked a ship")
        targets = [p for g in prep_objects(noun, {"on", "against"}) for p in parties_at(ctx, g)]
    asked = asked_clause(noun) if sense.code[:2] in {"02", "10"} else None
    if asked is not None and not targets:
        # "its demand that Israel lift the blockade": the one asked is the clause's subject
        targets = [p for c in asked.children if c.dep_ in {"nsubj", "nsubjpass"}
                   for p in parties_at(ctx, c)]
    answered = False  # another's request, demand or offer this clause answers
    if sense.code[:2] in {"02", "03", "10"} and not targets and not light:
        targets = answerers(ctx, noun, sources)
        answered = bool(targets)
    if light:
        sources = sources or subjects_of(ctx, governor)
        targets = targets or objects_of(
            ctx, governor, ctx.words.target_preps | (
                ctx.words.posture_preps if sense.code[:2] == "15" else frozenset()), skip=noun)
        if held is not None:
            sources = subjects_of(ctx, governor) or sources
            targets = parties_at(ctx, held)
    # "an agreement between Sudan and the rebels", "the merger of Gannett and GateHouse" (not
    # "talks with"): all are doers
    if sense.symmetric and not sources and not targets and noun.dep_ in SUBJECTS:
        # "talks resumed between Israel and Hamas": the phrase hangs on the noun's verb
        targets = [p for c in governor.children if c.dep_ == "prep"
                   and c.lower_ in ctx.words.between_preps for p in _parties_between(ctx, c)]
    between = sense.symmetric and not sources and len(targets) > 1 and any(
        c.dep_ == "prep" and (c.lower_ in ctx.words.between_preps or c.lower_ == "of")
        for c in (*noun.children, *governor.children))
    if between:
        # (places are where it happened, not sides: "fighting between Oddar Meanchey
        # province and Surin province")
        sources = targets = [t for t in targets if not _known_place(ctx, t)]
    implied = noun.lemma_.lower() in ctx.words.patient_nouns and (
        noun.lemma_.lower() in ctx.words.implied_agents)
    if not light and targets and not sources and not implied:
        # "Trump has brought drama to trade talks with China": the doer of the clause the
        # event noun sits in takes part in it, when it is a known actor (not of "asked for
        # compassion during his sentencing": a court sentences)
        # "will not lift sanctions before a ceasefire in Ukraine": a time phrase's event is
        # not done by the clause's doer
        # (but fighting "with" a side is the clause doer's own, whenever it is told: "captured
        # the town after heavy fighting with the army")
        timed = noun.dep_ == "pobj" and noun.head.lower_ in ctx.words.time_marks and not (
            sense.symmetric and prep_objects(noun, {"with"}))
        # "imposed sanctions on Iranian officials over the crackdown": the reason for an act
        # is someone else's act
        reason = noun.dep_ == "pobj" and noun.head.lower_ in ctx.words.reason_preps
        verb = None if timed or reason else _governing_verb(noun)
        asking = verb is not None and getattr(
            ctx.lex.wrappers.get(verb.lemma_.lower()), "kind", None) in {"appeal", "demand"}
        # "three girls injured in the attack": a passive verb's subject suffered it
        passive = verb is not None and verb.tag_ == "VBN" and (
            verb.dep_ == "acl" or any(c.dep_ == "auxpass" for c in verb.children))
        if passive and sense.symmetric and noun.dep_ == "pobj" and noun.head.lower_ in {
                "in", "during"}:
            # "peacekeepers were injured in clashes with Serb protesters": the side they
            # clashed with hurt them
            sources, targets = targets, [p for c in verb.children if c.dep_ == "nsubjpass"
                                         for p in parties_at(ctx, c)]
            verb = None
        # ("governments have tied the group to attacks": whoever ties an act to another
        # did not do it)
        tying = verb is not None and verb.lemma_.lower() in (
            ctx.words.linking_verbs | ctx.words.blaming_verbs)
        if verb is not None and (verb.lemma_.lower() in ctx.words.topic_verbs
                                 or reacted_to(ctx, noun) or asking or passive or tying):
            # ("demanded his immediate release": the release is asked of another)
            # "discussed investigations with ...": talked of, not done; "the EU condemned
            # the attack on Israel": the EU reacts to the attack, it made none
            verb = None
        # (an exception for "police crushed the protests", where the verb acts on the event
        # rather than in it, was measured in session 7: dev F1 0.361 -> 0.350; not made)
        if verb is not None:
            sources = [p for p in subjects_of(ctx, verb) if p.actor
                       and p.actor not in {t.actor for t in targets}]
    sources, targets = carried_parties(ctx, sense.code, sources, targets)
    # "his sentencing": done by a court, the implied doer (events.implied_agent)
    # (an act claimed, "claimed responsibility for the attack", is one even before its
    # target is found: the place it happened may give it)
    owned = bool(sources) and bool(claimant(ctx, noun))
    # "Mr. Trump's tariffs remain a source of uncertainty": a named actor's act whose target
    # the story told before (the events stage looks for the doer's counterpart)
    # (not a thing given, "Iran's weapons", "U.S. aid": whose it is, not to whom it went)
    owned = owned or (not targets and any(p.actor for p in sources)
                      and sense.code[:2] not in ctx.words.giving)
    if not light and not sources and sense.code[:2] in ctx.words.recipientless_roots and (
            protest_noun(ctx, noun)) and not (noun.dep_ == "pobj" and noun.head.lower_ == "at"):
        # (not an occasion: "said at a rally")
        # "the protests in Chile", "weeks of rallies": held by the protesters named before,
        # else by those of the place, with no recipient needed
        sources, owned = [protest_crowd(ctx, noun)], True
    # the sides of a joint act that names none, found in the story or the clause (each acts
    # on the other)
    implied_sides = False
    if (not light and not sources and not implied and sense.symmetric
            and sense.code[:2] in ctx.words.force_roots):
        # "five days of fighting along their border", "an exchange of fire between border
        # forces", "three days of fighting with the army": between the two sides the story
        # last told using force (one of them the one named), each on the other
        # ("tensions between the military and the RSF exploded into street battles": the
        # sides its clause names between them, before those the story told)
        sides = _sides_between_in_clause(ctx, noun) or last_armed_pair(ctx, noun)
        named = {t.actor for t in targets if t.actor}
        if sides and (not named or named & {p.actor for p in sides}):
            sources, targets = sides, []  # (each side already at the noun)
            between = implied_sides = True
    if (not light and not sources and not targets and sense.symmetric
            and sense.code[:2] not in ctx.words.force_roots):
        # "Thailand and Cambodia agreed to a ceasefire after talks in Malaysia", "after several
        # rounds of talks, the two governments agreed": the talks a clause of two sides tells
        # as its time were theirs
        sources = _sides_of_clause_timed_by(ctx, noun)
        between = implied_sides = bool(sources)
    if not light and not ((sources or implied) and (targets or owned or implied_sides)):
        return []  # a bare event noun ("the praise") is not an event of its own
    start = governor.i if light and 0 < noun.i - governor.i <= 4 else noun.i
    candidate = Candidate(
        code=sense.code, trigger=noun, start=start, end=noun.i + 1, sources=sources,
        # the members of a "between" list are all doers of the joint act (one event each
        # with the first: events._events_of)
        targets=[] if between else targets, match="light" if light else "noun",
        targetless_ok=sense.without_object, symmetric=sense.symmetric, mutual=implied_sides,
        inferred=implied_sides,
    )
    mark_modality(ctx, candidate, governor if light else noun)
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ctx.words.ending_verbs or answered:
        # "urged Iran to end its crackdown", "did not lift the blockade": the measure to be
        # ended is in force, whatever becomes of its ending; "if Trump agrees to Beijing's
        # demands": the demands were made, whatever the answer
        candidate.hypothetical = candidate.negated = False
    if any(c.lower_ in {"no", "never"} for c in noun.children):
        candidate.negated = True
    return with_intent(ctx, candidate, governor) if light else [candidate]


def _ended(ctx: EventContext, noun: Token, verb: Token, code: str) -> list[Candidate]:
    """The ending of a cooperative act ("ended military cooperation with France"): by the
    verb's subject (else the act's own doer), aimed at the act's partner (``code``: the 16 code
    of ``event_words.yaml`` ``ended_cooperation``)."""
    sources = [p for p in subjects_of(ctx, verb) if p.actor or p.named] or noun_sources(ctx, noun)
    targets = [p for p in noun_targets(ctx, noun)
               if not any(p.actor and p.actor == s.actor for s in sources)]
    if not sources or not targets:
        return []
    candidate = Candidate(code=code, trigger=verb, start=verb.i, end=noun.i + 1,
                          sources=sources, targets=targets, match="verb")
    mark_modality(ctx, candidate, verb)
    return [candidate]


def _not_done(ctx: EventContext, verb: Token) -> bool:
    """Whether the act ``verb`` tells has not happened (asked for, planned, negated)."""
    probe = Candidate(code="000", trigger=verb, start=verb.i, end=verb.i + 1, sources=[],
                      targets=[], match="verb")
    mark_modality(ctx, probe, verb)
    return probe.hypothetical or probe.negated


def _relative_light(ctx: EventContext, noun: Token) -> Token | None:
    """The light verb of a relative clause on ``noun`` whose object is the relative pronoun
    ("a tariff that the administration imposed", "... had planned to impose"): the noun is
    that verb's object."""
    for clause in noun.children:
        if clause.dep_ != "relcl":
            continue
        for verb in (clause, *(c for c in clause.children if c.dep_ == "xcomp")):
            if verb.lemma_.lower() in ctx.lex.light_verbs and any(
                    c.dep_ == "dobj" and c.lower_ in ctx.words.relative_pronouns
                    for c in verb.children):
                return verb
    return None


def _known_place(ctx: EventContext, party: Party) -> bool:
    """Whether ``party`` is a place the gazetteers put in a country ("Surin province": where a
    joint act happened, no side of it); a name the tagger took for a place and no list knows
    ("between Sondland and Yermak") may still be a side."""
    cluster = ctx.cluster(party)
    return cluster is not None and cluster.kind == "location" and cluster.country is not None


def _sides_between_in_clause(ctx: EventContext, noun: Token) -> list[Party]:
    """The two or more named actors a "between" phrase of the clause ``noun`` is in puts
    together ("tensions between the military and the RSF exploded into street battles")."""
    for prep in clause_of(noun).subtree:
        if prep.dep_ != "prep" or prep.lower_ not in ctx.words.between_preps:
            continue
        sides = [p for p in _parties_between(ctx, prep) if p.actor and not _known_place(ctx, p)]
        if len({p.actor for p in sides}) > 1:
            return list({p.actor: replace(p, token=noun) for p in sides}.values())
    return []


def _parties_between(ctx: EventContext, prep: Token) -> list[Party]:
    """The named parties of a "between" or "among" phrase (its object and those coordinated
    with it, which ``parties_at`` gives)."""
    return [p for g in prep.children if g.dep_ == "pobj" for p in parties_at(ctx, g) if p.named]


def _sides_of_clause_timed_by(ctx: EventContext, noun: Token) -> list[Party]:
    """The two or more named doers of the clause whose time phrase ``noun`` is in ("after
    talks", "after several rounds of talks"), if the clause has them."""
    token = noun
    while (token.dep_ == "pobj" and token.head.lower_ == "of"
           and token.head.head.pos_ == "NOUN"):
        token = token.head.head  # "rounds of talks"
    if not (token.dep_ == "pobj" and token.head.lower_ in ctx.words.time_marks):
        return []
    verb = token.head.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    sides = [p for p in subjects_of(ctx, verb) if p.named and p.actor]
    return ([replace(p, token=noun) for p in sides]
            if len({p.actor for p in sides}) > 1 else [])


def _governing_verb(token: Token, steps: int = 4) -> Token | None:
    """The verb whose clause ``token`` sits in, as its object or in a phrase of its own ("held
    talks", "brought drama to trade talks"); not through another noun's phrase ("called for
    calm in the wake of the execution of X": the caller did not execute X)."""
    head = token
    for _ in range(steps):
        if head.head.i == head.i or head.dep_ in {"nsubj", "nsubjpass", "relcl", "ccomp"}:
            return None
        if head.dep_ == "pobj" and head.head.head.pos_ == "NOUN":
            # "the wake of the execution", "his departure from a meeting": a thing's
            # complement, not the verb's
            return None
        head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            return head
    return None


def _outlook(ctx: EventContext, adjective: Token) -> list[Candidate]:
    """An optimistic or pessimistic comment (013/012), or a stance (opposed, critical,
    grateful): "X was hopeful about the talks", "is opposed to French mediation". The
    target is what it is about."""
    if adjective.dep_ not in {"acomp", "oprd"} or adjective.head.lemma_ != "be":
        return []
    code = ctx.lex.outlook[adjective.lemma_.lower()]
    stance = code[:2] in {"05", "11", "12"}
    sources = [p for p in subjects_of(ctx, adjective.head) if p.named]
    preps = {"about", "over", "on", "of", "that", "for", "to"} | (
        {"with", "at", "by"} if stance else set())
    return _stance(ctx, adjective, adjective.head, code, sources, preps, needs_target=stance)


def _feeling(ctx: EventContext, verb: Token) -> list[Candidate]:
    """A feeling about someone, told in the passive of the one who feels: "Germany was
    disappointed by the decision" (disapproval, 111), "pleased with the talks" (051)."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        sources = [p for c in verb.children if c.dep_ == "nsubjpass"
                   for p in parties_at(ctx, c) if p.named]
    elif verb.dep_ == "acomp" and verb.head.lemma_ == "be":
        # "he was “very moved” by the announcement": the parser's predicative participle
        sources = [p for c in verb.head.children if c.dep_ == "nsubj"
                   for p in parties_at(ctx, c) if p.named]
    else:
        return []  # "the decision disappointed Germany" names no one who judges
    return _stance(ctx, verb, verb, ctx.lex.feelings[verb.lemma_.lower()], sources,
                   {"by", "with", "at", "over", "about"}, needs_target=True)


def _stance(ctx: EventContext, word: Token, clause: Token, code: str, sources: list[Party],
            preps: set[str], needs_target: bool) -> list[Candidate]:
    """The candidate of an outlook or feeling word: its target is what it is about."""
    if not sources:
        return []
    about = [g for c in word.children if c.dep_ in {"prep", "agent"} and c.lower_ in preps
             for g in c.children if g.dep_ == "pobj"]
    # "hopeful that the generals would agree": the subject of what it hopes
    about += [g for c in word.children if c.dep_ == "ccomp"
              for g in c.children if g.dep_ in {"nsubj", "nsubjpass"}]
    targets = [p for g in about for p in parties_at(ctx, g) if p.named]
    for g in about:  # "optimistic about a deal between Moscow and Kyiv"
        targets = targets or noun_targets(ctx, g)
    targets = [p for p in targets if p.key not in {s.key for s in sources}][:1]
    if needs_target and not targets:
        return []  # "the minister was disappointed": a feeling, about no one said
    candidate = Candidate(
        code=code, trigger=word, start=word.i, end=word.i + 1, sources=sources,
        targets=targets, match="verb", targetless_ok=True)
    mark_modality(ctx, candidate, clause)
    return [candidate]
