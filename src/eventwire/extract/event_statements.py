"""Statement triggers: what a speaker says of or to someone.

Describing verbs and reported statements become praise (051) or criticism (111) when what is
said of someone is evaluative ("called him a traitor", "said X was great": :func:`evaluation`);
otherwise a named speaker's statement is a plain one (010) to its addressee, a demand (100) or
appeal (020) when it says what another must or should do, or a coded actor's comment to no one
in particular (:func:`statement`). Plain statements are a political actor's only (a state, a
government, a party, an armed group, an organisation), as the annotation guide codes them; a
quote the quotes stage attributed to one is a statement at its cue (:func:`quoted_statements`).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.extract.event_candidates import Candidate, Party
from eventwire.extract.event_context import EventContext
from eventwire.extract.event_modality import mark_modality, without_evidence
from eventwire.extract.event_participants import (
    accuser_of,
    is_political,
    last_doers,
    maker_of,
    named_inside,
    noun_sources,
    noun_targets,
    objects_of,
    own_state,
    parties_at,
    previous_doer,
    subjects_of,
)
from eventwire.extract.event_words import EventWords
from eventwire.extract.syntax import (
    NO_EVENT,
    choose,
    obliging_modal,
    prep_objects,
    reported_act,
    taken_preps,
)
from eventwire.model import Quote

__all__ = ["allegation", "evaluation", "quoted_judgements", "quoted_statements", "statement"]


def evaluation(ctx: EventContext, verb: Token) -> list[Candidate]:
    """Praise or criticism in describing someone: "called X a traitor", "said X was great"."""
    lemma = verb.lemma_.lower()
    pairs: list[tuple[Token, Token]] = []  # (who is described, the description)
    if lemma in ctx.lex.evaluative_verbs:
        objects = [_what_stands_for(ctx, verb, c) if c.lower_ == "what" else c
                   for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        descriptions = [c for c in verb.children if c.dep_ in {"oprd", "attr", "acomp"}]
        direct = [c for c in objects if c.dep_ == "dobj"]
        if len(direct) > 1:
            # "designated Vietnam a currency manipulator" parses as two objects: the second
            # describes the first
            objects.remove(direct[-1])
            descriptions.append(direct[-1])
        # "as a disgrace"; the parser also hangs a quoted description on "as" as an adjective
        # or a clause ("as “improper.”", "as "another measure contradicting" the law")
        descriptions += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                         for g in c.children if g.dep_ in {"pobj", "amod", "pcomp", "acomp"}]
        for described in objects:
            pairs += [(described, d) for d in descriptions]
        # "X called Y a traitor" often parses Y as the subject of a small clause
        for clause in (c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}):
            pairs += _copular(clause, ctx.words)
    elif lemma not in ctx.words.relays:  # a reporting verb: what the statement says of someone
        for clause in (c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}):
            pairs += (_copular(clause, ctx.words) or _judged(ctx, clause)
                      or _judging_subject(ctx, clause))
    if not pairs:
        return []
    return _judgements(ctx, verb, pairs, subjects_of(ctx, verb))[:1]


def _what_stands_for(ctx: EventContext, verb: Token, what: Token) -> Token:
    """Whom "what" judges in a phrase on another act: its doer ("police took him away, in
    what the rector called a flagrant violation"; event_words ``judged_doer_preps``) or the
    one it is done to, for what they did ("expelled two diplomats over what it called
    attempts to interfere"; ``judged_patient_preps``); else "what" itself."""
    prep = verb.head
    act = prep.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or act.pos_ not in {"VERB", "AUX"}:
        return what
    if prep.lower_ in ctx.words.judged_doer_preps:
        links = {"nsubj"}
    elif prep.lower_ in ctx.words.judged_patient_preps:
        links = {"dobj", "nsubjpass"}
    else:
        return what
    return next((c for c in act.children if c.dep_ in links), what)


def _judgements(ctx: EventContext, verb: Token, pairs: list[tuple[Token, Token]],
                sources: list[Party], at_description: bool = False) -> list[Candidate]:
    """Praise (051) or criticism (111) by ``sources`` of each actor a (described, description)
    pair judges, at ``verb`` (or at the description's word)."""
    found = []
    for described, description in pairs:
        judged = described.lemma_.lower()  # (the thing judged, before it gives way to its owner)
        if described.i not in ctx.actor_of:
            # "Trump's approach was a disaster" judges Trump
            owner = _owner(ctx, described)
            described = owner if owner is not None else described
        # "said Washington was responsible for the attacks": blame laid is an accusation
        blames = description.lemma_.lower() in ctx.words.blame_words
        polarity = -1 if blames else _polarity(ctx, description)
        if polarity == 0:
            continue
        doers: list[Party] = []
        if described.lemma_.lower() in ctx.lex.nouns and described.i not in ctx.actor_of:
            # "called the attack on Belgorod a terrorist act by the Kyiv regime": an act judged
            # judges its doer (its own, or the one the description names), not whom it hit
            doers = [p for p in noun_sources(ctx, described) if p.named] or [
                p for p in (named_inside(ctx, description, victims=False),) if p is not None]
        targets = doers or [t for t in parties_at(ctx, described) if t.actor or t.named]
        if not targets:
            targets = maker_of(ctx, described)  # "called the sentence dangerous": the court
        if not targets:
            # "called the claims lies": whoever made them
            targets = accuser_of(ctx, described)
        if not targets and described.lower_ in ctx.words.act_pronouns:
            # "called it a disgrace": the doer of the act just told, not the speaker
            own = frozenset(p.actor for p in sources if p.actor)
            targets = last_doers(ctx, verb, 1, own=own) or previous_doer(ctx, verb, own)
        if not targets and described.i not in ctx.actor_of:
            # "calling the strike an unprovoked violation": the doer of that act, told before
            targets = _doers_of_told_act(ctx, described, frozenset(
                p.actor for p in sources if p.actor))
        targets = [t for t in targets if not any(
            own_state(ctx, t, s) and getattr(ctx.cluster(s), "sector", None)
            not in ctx.words.commanding_sectors for s in sources)]
        if not targets:
            continue  # "told them China was ready": praise of one's own state is no act
        word = description if at_description else verb
        # "called the report disinformation", "calling Ottawa's allegations absurd": to judge
        # a claim false denies it (127), it does not criticise (111)
        denies = polarity < 0 and (judged in ctx.words.accusation_nouns
                                    or judged in ctx.words.disputed_nouns)
        candidate = Candidate(
            code=("051" if polarity > 0 else ctx.words.accusation_code if blames
                  else ctx.words.denial_code if denies else "111"),
            trigger=word, start=word.i, end=word.i + 1,
            sources=sources, targets=targets, match="evaluative",
        )
        mark_modality(ctx, candidate, verb)
        found.append(candidate)
    return found


# How many sentences back the act a definite act noun names ("the strike") may have been told.
_TOLD_ACT_SENTENCES = 5


def _doers_of_told_act(ctx: EventContext, noun: Token, own: frozenset[str]) -> list[Party]:
    """The doers, other than ``own``, of the last act told before ``noun`` that the
    definite act noun names again ("the strike", "these attacks": an act of one of the
    noun's CAMEO roots), in its sentence or the few before."""
    senses = ctx.lex.nouns.get(noun.lemma_.lower(), ())
    if not senses or not any(c.dep_ == "det" and c.lower_ in ctx.words.definite_determiners
                             for c in noun.children):
        return []
    # ("Croatia does not expel journalists ... condemned the expulsion": of the one done)
    return last_doers(ctx, noun, _TOLD_ACT_SENTENCES, own=own,
                      roots=frozenset(sense.code[:2] for sense in senses), done_only=True)


def allegation(ctx: EventContext, verb: Token) -> list[Candidate]:
    """An allegation of a hostile act is an accusation of its doer (112): "Amnesty alleged that
    the army tortured detainees", "she claims the church held her on a ship". The act itself
    is coded on its own (hedged); a plain "said" that reports it accuses no one."""
    lemma = verb.lemma_.lower()
    # a plain "said" accuses only of a crime ("said Israel was committing war crimes")
    crimes_only = lemma not in ctx.words.alleging
    if crimes_only and lemma not in ctx.lex.reporting and lemma not in ctx.words.ruling_verbs:
        return []
    sources = [p for p in subjects_of(ctx, verb) if p.actor or p.named]
    if not sources or any(getattr(ctx.cluster(p), "sector", None) == "MED"
                          or p.token.lemma_.lower() in ctx.lex.press_audiences for p in sources):
        return []  # "..., local media claimed": a news outlet reports, it accuses no one
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}]
    if not clauses and verb.dep_ == "conj":
        # "accused Ukraine of shelling the plant and claimed, without evidence, that Kyiv had
        # tried to attack it": the parser hangs the clause on the first verb
        clauses = [c for c in verb.head.children if c.dep_ == "ccomp" and c.i > verb.i]
    # "claimed, without providing evidence, that foreign fighters had been deployed": a claim
    # its maker does not back up charges whoever it is about, whatever it says they did
    unproven = not crimes_only and without_evidence([verb], ctx.words)
    for clause in clauses:
        if not (_charged_crime(ctx, clause) or _force_on_own(ctx, clause, sources)
                or _foreign_hostile(ctx, clause, sources)
                or _ruled_wrong(ctx, verb, clause, sources)
                if crimes_only else unproven or _hostile(ctx, clause)):
            continue
        # the clause's subject, or its passive's agent
        doers = [d for d in subjects_of(ctx, clause) if (d.actor or d.named)
                 and not any(d.actor and d.actor == s.actor for s in sources)]
        if doers:
            candidate = Candidate(code="112", trigger=verb, start=verb.i, end=verb.i + 1,
                                  sources=sources, targets=doers, match="evaluative")
            mark_modality(ctx, candidate, verb)
            return [candidate]
    return []


def _force_on_own(ctx: EventContext, clause: Token, speakers: list[Party]) -> bool:
    """Whether the clause tells force or coercion (roots 18-20, ``reported_force_roots``) by
    another country's side on the speakers' own ("Azerbaijan's Defence Ministry said Armenian
    units had fired at Azerbaijani positions", "the Philippine military said Chinese vessels
    fired water cannon at a Philippine boat"): a side that reports the other's attack on it
    accuses it."""
    if clause.pos_ != "VERB" or any(c.dep_ == "neg" for c in clause.children):
        return False
    roots = ctx.words.force_roots | ctx.words.reported_force_roots
    senses = list(ctx.lex.senses(clause.lemma_.lower()) or [])
    if not any(s.code[:2] in roots for s in senses):
        return False  # (most clauses: no sense of force at all, one look-up)
    own = _countries(ctx, speakers)
    sense = choose(senses, clause, words=ctx.words) if len(own) == 1 else None
    if sense is None or sense.code[:2] not in roots:
        return False
    doers, hit = _doers_and_hit(ctx, clause)
    return len(own) == 1 and bool(own & hit) and bool(doers) and not own & doers


def _foreign_hostile(ctx: EventContext, clause: Token, speakers: list[Party]) -> bool:
    """Whether the clause tells a hostile act by a side of another country than the
    speakers', done to no third country ("the Defence Ministry said Russian hackers had
    attacked its servers"): a side that reports another country's hostile act accuses it (a
    verb every sense of which is hostile: ``_hostile``)."""
    own = _countries(ctx, speakers)
    if len(own) != 1 or any(p.token.lemma_.lower() in ctx.words.informant_nouns
                            for p in speakers) or not _hostile(ctx, clause):
        return False
    doers, hit = _doers_and_hit(ctx, clause)
    # (a third side's report of an attack on another, "Moldovan officials said Russia attacked
    # a Ukrainian port", accuses no one)
    return bool(doers) and not own & doers and not hit - own


def _countries(ctx: EventContext, parties: list[Party]) -> set[str]:
    """The known countries of ``parties``' actors."""
    return {c.country for p in parties if (c := ctx.cluster(p)) is not None} - {None}


def _doers_and_hit(ctx: EventContext, clause: Token) -> tuple[set[str], set[str]]:
    """The known countries of a reported clause's doers and of those it is done to."""
    return (_countries(ctx, subjects_of(ctx, clause)),
            _countries(ctx, objects_of(ctx, clause, ctx.words.target_preps)))


def _ruled_wrong(ctx: EventContext, verb: Token, clause: Token, speakers: list[Party]) -> bool:
    """Whether a court rules or finds that someone did wrong ("the high court ruled that the
    government had acted unlawfully"): a finding against them (event_words.yaml
    ``ruling_verbs``, by a ``commanding_sectors`` body or person)."""
    if verb.lemma_.lower() not in ctx.words.ruling_verbs or not any(
            getattr(ctx.cluster(p), "sector", None) in ctx.words.commanding_sectors
            for p in speakers):
        return False
    if clause.pos_ not in {"VERB", "AUX"} or any(c.dep_ == "neg" for c in clause.children):
        return False
    return clause.lemma_.lower() in ctx.lex.negative or any(
        c.dep_ in {"advmod", "acomp", "attr", "dobj"} and c.lemma_.lower() in ctx.lex.negative
        for c in clause.children)


def _charged_crime(ctx: EventContext, clause: Token) -> bool:
    """Whether the clause says its subject commits a crime ("was committing war crimes",
    "carried out genocide"; event_words.yaml ``crime_nouns``), not denied."""
    if clause.pos_ not in {"VERB", "AUX"} or any(c.dep_ == "neg" for c in clause.children):
        return False
    objects = [c for c in clause.children if c.dep_ in {"dobj", "attr"}]
    phrases = {o.doc[o.left_edge.i:o.i + 1].text.lower() for o in objects}
    return any(o.lemma_.lower() in ctx.words.crime_nouns for o in objects) or any(
        crime in text for text in phrases for crime in ctx.words.crime_nouns if " " in crime)


def _hostile(ctx: EventContext, clause: Token) -> bool:
    """Whether the clause's verb tells a hostile act: a negative word, or a verb every sense
    of which the dictionary codes as conflict (roots 11-20)."""
    lemma = clause.lemma_.lower()
    if clause.pos_ not in {"VERB", "AUX"} or any(c.dep_ == "neg" for c in clause.children):
        return False
    if lemma in ctx.lex.negative:
        return True
    # (not a no-event sense of a particle the verb does not take: "seized on the deal" is
    # none, "seized a nuclear plant" is hostile)
    senses = ctx.lex.senses(lemma) or []
    if any(s.code == NO_EVENT and s.prep for s in senses):  # (few verbs: read only for them)
        taken = taken_preps(clause, words=ctx.words)
        senses = [s for s in senses if s.code != NO_EVENT or not s.prep or taken & s.prep]
    if not senses:
        # "claimed that Kyiv had tried to attack the facility": the act tried or planned
        return any(c.dep_ == "xcomp" and _hostile(ctx, c) for c in clause.children)
    return all(s.code and "11" <= s.code[:2] <= "20" for s in senses)


def _judged(ctx: EventContext, clause: Token) -> list[tuple[Token, Token]]:
    """A reported clause that judges its subject's actor or what the actor did: "said
    Trump's approach was a disaster", "said the minister's remarks were misleading" (the
    whole clause is the description; the actor is the subject or the subject's owner)."""
    lemma = clause.lemma_.lower()
    if lemma != "be" and not any(c.dep_ in {"acomp", "attr"} for c in clause.children):
        if lemma not in ctx.lex.negative and lemma not in ctx.lex.positive:
            misdeed = _misdeed(ctx, clause)
            if misdeed is not None:
                # "said Kyiv was spreading disinformation", "said Polish troops were carrying
                # out provocations", "said the measures amounted to interference": what the
                # subject does is named by a word that judges it
                # (a thing's doer is found by the judgement: "said the measures amounted to
                # interference" judges whoever took them)
                return [(s, misdeed) for s in clause.children if s.dep_ == "nsubj"]
            if not _codes_act(ctx, clause):
                # "said the police acted illegally", "behaved irresponsibly": how a doer acted,
                # judged by a word that judges (a coded act is reported, not judged)
                manner = [c for c in clause.children if c.dep_ == "advmod"
                          and c.lower_ in ctx.lex.negative | ctx.lex.positive]
                return [(s, m) for s in clause.children if s.dep_ == "nsubj"
                        and s.i in ctx.actor_of for m in manner[:1]]
            return []  # "Putin praised Musk as a visionary, TASS reported": a reported act
        # "said the move by Hungary violated EU law": what an actor did is judged by the
        # clause's own verb (an actor as its subject does an act of its own, coded as such)
        judged = [(owner, clause) for owner, _subject in _judging_subject(ctx, clause)]
        if not judged and not _codes_act(ctx, clause):
            # "Russia is lying", "said Moscow had cheated": a verb that only judges, with
            # no act of its own to code, judges its subject
            judged = [(s, clause) for s in clause.children
                      if s.dep_ == "nsubj" and s.i in ctx.actor_of]
        return judged
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    pairs = []
    for subject in subjects:
        # what an actor did or has, judged: "Trump's approach", "Washington's sanctions"
        owner = _owner(ctx, subject)
        if owner is not None:
            pairs.append((owner, clause))
    return pairs


def _misdeed(ctx: EventContext, clause: Token) -> Token | None:
    """The judging word a clause's verb does or amounts to, when the verb codes no act of its
    own (or is a light verb: "carrying out provocations", "spreading disinformation", "amounted
    to interference", "trying to blame others for its failures"), not negated."""
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in ctx.words.modals)
           for c in clause.children):
        return None  # (not "the authorities must end this brutal crackdown": a demand)
    if _charged_crime(ctx, clause):
        return None  # "said Israel was committing war crimes": an accusation (allegation)
    if _codes_act(ctx, clause) and clause.lemma_.lower() not in ctx.lex.light_verbs:
        return None  # "said the army killed terrorists": a reported act, no judgement
    heads = [clause, *(c for c in clause.children if c.dep_ == "xcomp")]
    for head in heads:
        objects = [c for c in head.children if c.dep_ == "dobj"] + [
            g for c in head.children if c.dep_ in {"prep", "prt"}
            for g in c.children if g.dep_ == "pobj"]
        for thing in objects:
            if thing.lemma_.lower() in ctx.lex.negative or thing.lower_ in ctx.lex.negative:
                return thing
    return None


def _codes_act(ctx: EventContext, verb: Token) -> bool:
    """Whether a sense of the verb codes an act here ("interfere in a dispute" is mediation;
    "was interfering in China's affairs" is no act the dictionary knows; ``choose`` gives no
    sense for a "none" one)."""
    senses = ctx.lex.senses(verb.lemma_.lower())
    return bool(senses) and choose(senses, verb, words=ctx.words) is not None


def _judging_subject(ctx: EventContext, clause: Token) -> list[tuple[Token, Token]]:
    """A reported clause whose subject judges what an actor has or did: "said the president's
    mercurial temperament had complicated the talks" (the subject is the description)."""
    pairs = []
    for subject in (c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}):
        owner = _owner(ctx, subject)
        if owner is not None:
            pairs.append((owner, subject))
    return pairs


def _owner(ctx: EventContext, noun: Token) -> Token | None:
    """The actor a thing belongs to: its possessor when that is an actor ("Trump's approach")
    or a pronoun standing for a named one ("their level of engagement"), or the actor of its
    "of"/"by" phrase ("the response of the two operators", "the decision by Ottawa")."""
    for child in noun.children:
        if child.dep_ == "poss":
            if child.pos_ != "PRON" and child.i in ctx.actor_of:
                return child
            if child.pos_ == "PRON" and any(p.named for p in parties_at(ctx, child)):
                return child
        elif child.dep_ == "prep" and child.lower_ in {"of", "by"}:
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                if pobj.i in ctx.actor_of and ctx.actor_of[pobj.i].kind != "location":
                    return pobj
    return None


def _copular(clause: Token, words: EventWords) -> list[tuple[Token, Token]]:
    if clause.lemma_.lower() in words.blame_verbs and not any(
            c.dep_ == "neg" for c in clause.children):
        # "said London bore responsibility for the attacks": the bearer is blamed
        blame = [c for c in clause.children
                 if c.dep_ == "dobj" and c.lemma_.lower() in words.blame_words]
        return [(s, b) for s in clause.children if s.dep_ == "nsubj" for b in blame]
    if clause.pos_ in {"ADJ", "NOUN"}:
        # a small clause: "considers the sanctions illegal", "called Y a traitor"
        return [(s, clause) for s in clause.children if s.dep_ == "nsubj"]
    if clause.lemma_ != "be":
        return []
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    descriptions = [c for c in clause.children if c.dep_ in {"attr", "acomp"}]
    if any(c.dep_ == "neg" for c in clause.children):
        return []  # "is not a compliment": polarity is not worth guessing
    if any(s.dep_ == "nsubj" and s.lower_ == "it" for s in subjects):
        # "it is wrong for Labour to behave that way": the one whose conduct is judged is
        # the subject of the extraposed clause
        # (the parser may hang the clause on the description: "it was damning that ...")
        doers = [s for c in (*clause.children, *(g for d in descriptions for g in d.children))
                 if c.dep_ in {"xcomp", "ccomp", "advcl"}
                 for s in c.children if s.dep_ == "nsubj"]
        doers += [g for d in descriptions
                  for g in (*prep_objects(d, {"for"}), *prep_objects(clause, {"for"}))]
        if doers:
            return [(s, d) for s in doers for d in descriptions]
    return [(s, d) for s in subjects for d in descriptions]


def _polarity(ctx: EventContext, description: Token) -> int:
    if description.pos_ in {"VERB", "AUX"} and description.lemma_ != "be" and not any(
            c.dep_ in {"acomp", "attr"} for c in description.children):
        # a judging verb speaks for itself ("violated EU law"); its other words describe
        words = {description.lemma_.lower(), description.lower_}
        negated = any(c.dep_ == "neg" for c in description.children)
    else:
        words = {t.lemma_.lower() for t in description.subtree} | {
            t.lower_ for t in description.subtree
        }
        # (not a negation inside a clause the description governs: "damning that the
        # ministry isn't acting")
        negated = any((t.dep_ == "neg" or t.lower_ in {"not", "never", "no", "neither"})
                      and not _in_clause_below(t, description)
                      for t in description.subtree) or (
            # "said the election was not fair": the copula carries the negation
            description.dep_ in {"acomp", "attr"}
            and any(c.dep_ == "neg" for c in description.head.children))
    score = len(words & ctx.lex.positive) - len(words & ctx.lex.negative)
    if negated:
        score = -score
    return (score > 0) - (score < 0)


def _ruled_out(ctx: EventContext, clause: Token) -> list[Party]:
    """Those an act a reported clause rules out would be done to: "removing the sanctions on
    Burma is out of the question", "talks with the rebels are off the table" (event_words.yaml:
    ``ruling_out``)."""
    act = next((c for c in clause.children if c.dep_ == "csubj" or (
        c.dep_ == "nsubj" and c.lemma_.lower() in ctx.lex.nouns)), None)
    if act is None:
        return []
    said = " ".join(t.lower_ for c in clause.children if c.dep_ in {"prep", "attr", "acomp"}
                    for t in c.subtree)
    if not any(phrase in said for phrase in ctx.words.ruling_out):
        return []
    if act.dep_ == "nsubj":
        return [p for p in noun_targets(ctx, act) if p.named]
    return [p for c in act.children if c.dep_ == "dobj"
            for p in [*parties_at(ctx, c), *noun_targets(ctx, c)] if p.named]


def _in_clause_below(token: Token, top: Token) -> bool:
    """Whether ``token`` sits in a clause below ``top`` (a that-, infinitive or adverbial
    clause), not in ``top``'s own words."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ in {"ccomp", "xcomp", "advcl", "relcl", "acl"}:
            return True
        token = token.head
    return False


def statement(ctx: EventContext, verb: Token) -> list[Candidate]:
    """A plain statement about someone (CAMEO 010): a named speaker says something whose
    subject, or whose addressee, is another actor. Events inside the statement are coded
    on their own and outrank it."""
    if verb.lemma_.lower() not in ctx.lex.reporting or verb.lemma_.lower() in ctx.words.relays:
        return []
    speakers = [p for p in subjects_of(ctx, verb) if p.named]
    if not speakers:
        return []
    political = any(is_political(ctx, p) for p in speakers)
    demanded: list[Party] = []  # who is told what they must (should) do
    code, match = "010", "statement"
    addressed = any(c.dep_ in {"dative", "dobj"} for c in verb.children)
    clauses = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}]
    if any(_denial(ctx, clause, verb, speakers) for clause in clauses):
        candidate = Candidate(code=ctx.words.denial_code, trigger=verb, start=verb.i,
                              end=verb.i + 1, sources=speakers, targets=[], match="wrapper",
                              targetless_ok=True)
        mark_modality(ctx, candidate, verb)
        return [candidate]
    for clause in clauses:
        if (reported_act(clause, verb, ctx.words) and not addressed
                and not _quoted(ctx, clause)):
            # "Iran has seized a tanker, officials said": the speaker is the source of
            # a report of someone's act, not commenting on them; the act is coded on its own,
            # and the report is the speaker's public statement, to no one (one made to
            # someone, "told the envoy that ...", stays a statement to them)
            return [_comment(ctx, verb, speakers)] if political else []
        refused = _ruled_out(ctx, clause)
        if refused:
            # "said removing the sanctions on Burma is out of the question": the speaker
            # rejects the act for those it would be done to
            code, match = ctx.words.ruling_out_code, "wrapper"
            demanded += refused
            continue
        modal = obliging_modal(clause, ctx.words)
        # (the doer the clause obliges: not a passive subject nor the owner of a thing,
        # "said the president's comments should not be read as ...")
        subjects = [p for c in clause.children if c.dep_ == "nsubj"
                    for p in parties_at(ctx, c) if (p.actor or p.named)
                    and p.token.dep_ != "poss"]
        if modal and not subjects and any(
                c.dep_ == "nsubj" and c.lower_ in ctx.words.obliged_pronouns
                for c in clause.children):
            # "told the officials they would need to deliver": the ones told
            subjects = [p for c in verb.children if c.dep_ in {"dative", "dobj"}
                        for p in parties_at(ctx, c) if p.actor]
        if modal and subjects:
            # "said Sudan must return ...": what another must (should) do is demanded
            # (asked) whatever the act; known acts are handled by _obligation already
            code, match = ("100" if modal == "must" else "020"), "wrapper"
            demanded += subjects
    # A plain statement is made to its addressee ("told the envoy"), never to whoever
    # is named inside what was said: "Yermak wrote that those praised by the Kremlin
    # ..." is no act towards the Kremlin. Reporters and the press are no addressees.
    addressees = [p for c in verb.children if c.dep_ in {"dative", "dobj"}
                  and c.lemma_.lower() not in ctx.lex.press_audiences
                  for p in parties_at(ctx, c) if p.actor
                  # nor a news outlet ("told the BBC", "told The Hill")
                  and getattr(ctx.cluster(p), "sector", None) != "MED"]
    text = ctx.text
    about = [p for p in (demanded if match == "wrapper" else addressees)
             if not any(own_state(ctx, p, s) for s in speakers)
             and "\n" not in text[min(p.token.idx, verb.idx):max(p.token.idx, verb.idx)]]
    if not about:
        # A coded actor's own statement to no one in particular ("Lavrov said the talks
        # were useful") is still CAMEO's "make public statement", with no target; it is
        # dropped when its speaker does something firmer in the sentence.
        if not clauses or not political:
            return []  # "the company said revenue rose" is no political statement
        code, match = "010", "comment"
    elif code == "010" and not political:
        return []  # "Cook told Benioff ...": a firm's or a private person's talk is no event
    candidate = Candidate(code=code, trigger=verb, start=verb.i, end=verb.i + 1,
                          sources=speakers, targets=about[:1], match=match,
                          targetless_ok=match in {"wrapper", "comment"})
    mark_modality(ctx, candidate, verb)
    return [candidate]


def _denial(ctx: EventContext, clause: Token, verb: Token, speakers: list[Party]) -> bool:
    """Whether a reported clause denies an act of someone the story has accused, charged or
    attacked (the speaker or another): "said they have not received the materials", "her
    client never intended to harm Omar", '"We did not fire," the army said' (not a promise,
    "would not attack", nor news told before its verb of saying outside quotes)."""
    if clause.pos_ not in {"VERB", "AUX"} or clause.i < verb.i and not _quoted(ctx, clause):
        return False
    if not any(c.dep_ == "neg" or c.lower_ in ctx.words.denial_marks
               for c in clause.children):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ctx.words.modals for c in clause.children):
        return False
    subjects = [p for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}
                for p in parties_at(ctx, c)]
    accused = {t.actor for c in ctx.recent if c.code[:2] in ctx.words.denied_codes
               for t in c.targets if t.actor}
    # (the speaker's own acts only when the story has accused the speaker: "said she didn't
    # know much about him" denies nothing)
    if any(p.actor in accused for p in speakers):
        accused |= {p.actor for p in speakers if p.actor}
        if any(p.token.lower_ in ctx.words.first_person for p in subjects):
            return True
    return any(p.actor in accused for p in subjects)


def _quoted(ctx: EventContext, clause: Token) -> bool:
    """Whether the clause is inside a direct quote: the speaker's own words, a statement
    ('"We will respond," the ministry said'), not news attributed to a source."""
    start = clause.left_edge.idx
    return any(q.kind == "direct" for q in ctx.quotes_containing(start))


def quoted_statements(ctx: EventContext, sent: Span, found: list[Candidate]) -> list[Candidate]:
    """A political actor's statement the quotes stage attributed in ``sent``, at its cue
    ("'The cause is under investigation,' Volker said", "he testified"), when no candidate of
    ``found`` is coded on the cue already: CAMEO's make public statement (010), to no one.
    The parse of a quote often hangs the verb of saying under the quote, where
    :func:`statement` finds no reported clause; the quotes stage has placed the cue and its
    speaker (a pronoun resolved)."""
    taken = {c.trigger.i for c in found}
    made = []
    for quote in ctx.quotes_cued_between(sent.start_char, sent.end_char):
        if quote.speaker is None or quote.speaker_mention is None:
            continue
        cue = ctx.doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
        if cue is None or cue.root.i in taken:
            continue
        speaker = _political_speaker(ctx, quote)
        if speaker is None:
            continue  # "the company said revenue rose" is no political statement
        verb = ctx.tokens[cue.root.i]
        taken.add(verb.i)
        made.append(_comment(ctx, verb, [speaker]))
    return made


def quoted_judgements(ctx: EventContext, sent: Span, found: list[Candidate]
                      ) -> list[Candidate]:
    """Praise or criticism a direct quote says in a sentence of its own, by whom the quotes
    stage attributed it to: '"This is a naked violation of WTO rules," the spokesman said'
    (parsed with the verb of saying under the quote, where :func:`evaluation` finds no
    reported clause), or a quote's sentence before its cue ('"They are afraid of the ballot
    box. ..." he said'). Not when the sentence has a judgement already."""
    root = sent.root
    if root.lemma_.lower() in ctx.lex.reporting or any(
            c.match == "evaluative" for c in found):
        return []
    quote = next((q for q in reversed(ctx.quotes_containing(root.idx)) if q.kind == "direct"
                  and q.speaker is not None and q.speaker_mention is not None), None)
    speaker = _political_speaker(ctx, quote) if quote is not None else None
    if speaker is None:
        return []
    pairs = _copular(root, ctx.words) or _judged(ctx, root) or _judging_subject(ctx, root)
    return _judgements(ctx, root, pairs, [speaker], at_description=True)[:1]


def _political_speaker(ctx: EventContext, quote: Quote) -> Party | None:
    """The party the quotes stage attributed ``quote`` to (its speaker's mention, a pronoun
    resolved), when it is a political actor."""
    said = ctx.doc.char_span(quote.speaker_mention.start, quote.speaker_mention.end,
                             alignment_mode="expand")
    if said is None:
        return None
    speaker = Party(quote.speaker, said.text, True, said.root)
    return speaker if is_political(ctx, speaker) else None


def _comment(ctx: EventContext, verb: Token, speakers: list[Party]) -> Candidate:
    """The speakers' public statement at ``verb``, to no one (010, match "comment")."""
    candidate = Candidate(code="010", trigger=verb, start=verb.i, end=verb.i + 1,
                          sources=speakers, targets=[], match="comment", targetless_ok=True)
    mark_modality(ctx, candidate, verb)
    return candidate
