"""Dependency-parse helpers for the event coder: clauses, modality cues, phrases, senses.

Pure functions of spaCy tokens (and the dictionary's senses); they know nothing of actors or
events, so :mod:`eventwire.extract.events` reads as the coding rules themselves.
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

from eventwire.extract.event_lexicon import Sense
from eventwire.extract.event_tokens import Word
from eventwire.extract.event_words import EventWords, event_words
from eventwire.nlp.doctext import doc_text
from eventwire.nlp.mentions import entity_at, town_not_person

# The word lists (modals, particles, ...) are in data/event_words.yaml: every function that
# needs them takes ``words`` (the coder's EventWords; by default the ones in use).

# dependency labels of a clause's doer
SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# the values of the number words news writes out ("seven were released", "two weeks ago")
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}


def number_value(token: Token) -> int | None:
    """The value of a number written in figures or words ("12", "1,200", "seven")."""
    text = token.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text) if text not in {"a", "an"} else None



# the dictionary's code for a sense that is no event ("released a video")
NO_EVENT = "none"


def choose(senses: list[Sense], head: Token, noun_context: bool = False,
           words: EventWords | None = None) -> Sense | None:
    """The first sense whose preposition and keyword conditions hold around ``head``; but a
    sense chosen by a keyword somewhere in the complements gives way to one whose keyword is
    the head's own object ("blocked a proposal to give Ukraine aid" blocks a proposal, not
    an aid delivery; "used tear gas" keeps the sense its phrase names)."""
    chosen = _first_sense(senses, head, noun_context, words)
    if chosen is None or not chosen.with_words or noun_context:
        return chosen
    dobjs = [c for c in head.children if c.dep_ == "dobj"]
    objects = {form for c in dobjs for form in (c.lower_, c.lemma_.lower())}
    # the object's own phrase: its head and the words before it ("army positions")
    phrase_words = objects | {form for c in dobjs for m in c.children
                              if m.dep_ in {"compound", "amod", "nmod"}
                              for form in (m.lower_, m.lemma_.lower())}
    if not objects or any(w in phrase_words for phrase in chosen.with_words
                          for w in phrase.split()):
        return chosen
    named = [s for s in senses if s is not chosen and s.with_single & objects]
    if not named:
        return chosen
    return _first_sense(named, head, noun_context, words) or chosen


def _first_sense(senses: list[Sense], head: Token, noun_context: bool,
                 words: EventWords | None) -> Sense | None:
    preps: set[str] | None = None  # the head's prepositions, read when a sense asks for them
    context = doers = None  # the words around the head, read when a sense asks for them
    context_words: set[str] = set()
    doer_words: set[str] = set()
    for sense in senses:
        if sense.prep and preps is None:
            preps = taken_preps(head, noun_context, words)
        if sense.prep and not sense.prep & preps and not (
                # "discussed investigations with Ukrainian officials": a consultation's "with"
                # phrase may hang from the verb's object
                not noun_context and sense.code[:2] == "04" and "with" in sense.prep
                and any(g.dep_ == "prep" and g.lower_ == "with"
                        for c in head.children if c.dep_ == "dobj" for g in c.children)):
            continue
        if sense.with_words:
            if context is None:
                context = complement_words(head, include_head_context=noun_context,
                                           words=words)
                # a one-word entry is there when it is one of the space-separated words
                context_words = set(context.split(" "))
            if not (sense.with_single & context_words or any(
                    has_word(context, w) for w in sense.with_phrases)):
                continue
        if sense.by_words:
            if doers is None:
                doers = subject_words(head)
                doer_words = set(doers.split(" "))
            if not (sense.by_single & doer_words or any(
                    has_word(doers, w) for w in sense.by_phrases)):
                continue
        if sense.speech and not any(c.dep_ in {"ccomp", "parataxis"} for c in head.children):
            continue
        return None if sense.code == NO_EVENT else sense
    return None


def taken_preps(head: Token, noun_context: bool = False,
                words: EventWords | None = None) -> set[str]:
    """The prepositions and particles ``head`` takes, as a sense's ``prep`` condition reads
    them (a time phrase is none: "on Monday")."""
    particles = (words or event_words()).particles
    preps = {c.lower_ for c in head.children
             if (c.dep_ in {"prep", "prt", "agent", "dative"} and not _time_phrase(c))
             or c.dep_ == "advmod" and c.lower_ in particles}  # "pulled its forces back"
    if any(for_clause(c) for c in head.children):
        preps.add("for")  # "called for the government to resign"
    if noun_context and head.dep_ == "dobj":
        # "holds a hearing Wednesday with the executives": the phrase may hang from the verb
        preps |= {c.lower_ for c in head.head.children if c.dep_ == "prep"}
    elif not noun_context:
        # "charged Trump and 18 others with racketeering": the parser may join a second
        # object to the verb and hang the phrase on it
        preps |= {g.lower_ for c in head.children if c.dep_ == "conj"
                  and c.pos_ in {"NOUN", "PROPN"} for g in c.children if g.dep_ == "prep"}
        # "suspected Costache of influence peddling", "stripped them of their
        # citizenship": the parser hangs the verb's "of" on a named object
        preps |= {g.lower_ for c in head.children if c.dep_ == "dobj"
                  and (c.pos_ in {"PROPN", "PRON"} or c.ent_type_ in _ACTOR_ENTITIES)
                  for g in c.children if g.dep_ == "prep" and g.lower_ == "of"}
    return preps


# the dependents of a head that are not its complements (complement_words)
_NOT_COMPLEMENTS = SUBJECTS | {"punct", "cc", "conj", "mark", "advcl", "relcl", "ccomp",
                               "parataxis"}


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# entity labels of names that can be acted on as actors
_ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def small_clause(child: Token) -> bool:
    """Whether ``child`` is an object and its complement the parser made a clause of ("held
    Hamas responsible": "Hamas" the subject of "responsible"), with no verb of its own."""
    return child.dep_ == "ccomp" and child.pos_ == "ADJ" and any(
        g.dep_ == "nsubj" for g in child.children) and not any(
        g.dep_ in {"aux", "auxpass", "cop"} for g in child.children)


def for_clause(child: Token) -> bool:
    """Whether ``child`` is a "for X to do" clause the parser hung on its verb ("called for
    the government to resign": a call for the resignation, not a clause of purpose)."""
    return child.dep_ in {"advcl", "ccomp"} and any(
        m.dep_ == "mark" and m.lower_ == "for" for m in child.children) and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in child.children)


def complement_words(head: Token, include_head_context: bool,
                     words: EventWords | None = None) -> str:
    tokens: list[Token] = []
    for child in head.children:
        if child.dep_ in _NOT_COMPLEMENTS and not small_clause(child) and not for_clause(child):
            continue
        tokens.extend(child.subtree)
    # in the passive the thing acted on is the subject ("the lawsuit was filed", "visas were
    # denied") or the noun the participle describes ("tariffs imposed on China")
    patients = [] if include_head_context else _passive_patient(head)
    if include_head_context and not (head.dep_ == "dobj" and any(
            c.dep_ == "oprd" for c in head.head.children)):
        # (not a verb that names its object: "calling the strikes an attempt" calls no strike)
        tokens += [head.head]
        if head.head.pos_ == "ADP":  # "went on strike", "took into custody"
            tokens += [head.head.head]
    tokens += patients
    lemmas = " ".join([t.lemma_.lower() for t in tokens])
    lowers = " ".join([t.lower_ for t in tokens])
    # a named place as the object is a keyword of its own, "ent:gpe" ("captured Bakhmut" is
    # taken like "captured the town")
    # (so is a place held: "took control of Goma")
    objects = [c for c in head.children if c.dep_ == "dobj"]
    objects += [g for o in objects for g in held_things(o, head, words)]
    places = " ".join("ent:gpe" if c.ent_type_ == "PERSON" else f"ent:{c.ent_type_.lower()}"
                      for c in objects if (
                          c.ent_type_ in _PLACE_LABELS
                          # a town the tagger took for a person ("captured Bakhmut"), as the
                          # actors stage reads it
                          or c.ent_type_ == "PERSON"
                          and (name := entity_at(c.doc, c.i)) is not None
                          and town_not_person(name)))
    # a named person acted on is "ent:person" ("Cárdenas was seized by armed men")
    if any(c.ent_type_ == "PERSON" and (name := entity_at(c.doc, c.i)) is not None
           and not town_not_person(name) for c in (*objects, *patients)):
        places += " ent:person"
    return f" {lemmas} {places} | {lowers} "


def held_things(obj: Token, verb: Token, words: EventWords | None = None) -> list[Token]:
    """What an object that says what is held names in its "of" phrase ("seized control of the
    territories": the territories; event_words.yaml ``holding_nouns``), also when the parser
    hangs the phrase on the verb right after the object ("took control of Goma"); none for
    another object."""
    if obj.lemma_.lower() not in (words or event_words()).holding_nouns:
        return []
    return [g for c in (*obj.children, *(c for c in verb.children if c.i == obj.right_edge.i + 1))
            if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _passive_patient(verb: Token) -> list[Token]:
    """The words of what a passive verb acts on: its passive subject (that of the passive verb
    it is coordinated with, "was arrested and released"), or the noun a participle describes."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [verb.head]
    clause = verb
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(
            c.dep_ in SUBJECTS for c in verb.children):
        clause = verb.head
    if not any(c.dep_ == "auxpass" for c in clause.children):
        return []
    return [t for c in clause.children if c.dep_ == "nsubjpass" for t in c.subtree]


def _time_phrase(prep: Token) -> bool:
    """Whether a preposition's object is a date or time ("on Friday"): no participant's."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in {"DATE", "TIME"} for o in objects)


def subject_words(head: Token) -> str:
    """The doer's words: the active subject, or the passive's agent ("killed by troops"); a
    coordinated verb without a subject of its own shares its first verb's ("police arrested
    and questioned him")."""
    while head.dep_ == "conj" and head.head.pos_ in {"VERB", "AUX"} and not any(
            c.dep_ in {"nsubj", "nsubjpass", "csubj", "agent"} for c in head.children):
        head = head.head
    tokens = [t for c in head.children if c.dep_ in {"nsubj", "csubj", "agent"}
              for t in c.subtree]
    return f" {' '.join(t.lemma_.lower() for t in tokens)} | {' '.join(t.lower_ for t in tokens)} "


def has_word(words: str, word: str) -> bool:
    return f" {word} " in words


def has_object(verb: Token) -> bool:
    return any(c.dep_ in {"dobj", "prep", "dative"} for c in verb.children)


def infinitive(verb: Token) -> Token | None:
    """The act an infinitive names after a verb ("refused to pay", "urged X to withdraw"), or
    a gerund after "to" ("is committed to opening", "objected to sending")."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.tag_ == "VBD":
            continue  # a past tense is no infinitive: "asked about X, called him a liar"
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i > 0 and (
                child.doc[child.i - 1].text == ","):
            # "agreed to a ceasefire on Monday, bringing a halt to the fighting": a participle
            # after a comma tells what the act did, it is not what was agreed ("considered
            # imposing sanctions" is)
            continue
        if child.dep_ == "xcomp" and (child.pos_ in {"VERB", "AUX"} or to_infinitive(child)):
            # (to_infinitive: a verb the tokenizer cut at its hyphen, "to de-escalate": "de"
            # is tagged as no verb)
            return child
        if child.dep_ == "ccomp" and child.pos_ == "VERB" and to_infinitive(child):
            return child
        if child.dep_ == "prep" and child.lower_ == "to":
            gerund = next((g for g in child.children if g.dep_ == "pcomp" and g.tag_ == "VBG"),
                          None)
            if gerund is not None:
                return gerund
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        # "ordered two journalists working for a broadcaster to leave": the parser hangs the
        # infinitive on the participle that describes the object
        for participle in (c for c in obj.children
                           if c.dep_ == "acl" and c.tag_ in {"VBG", "VBN"}):
            clause = next((c for c in participle.children if c.dep_ == "advcl"
                           and c.i > participle.i and to_infinitive(c)), None)
            if clause is not None:
                return clause
    return None


def mandated(verb: Token, words: EventWords | None = None) -> Token | None:
    """The act of a "that" clause after a demand or appeal, in the subjunctive or with
    should/must ("demanded that Israel halt", "urged that talks should resume")."""
    obliging = (words or event_words()).obliging_modals
    for child in verb.children:
        if child.dep_ != "ccomp" or child.pos_ not in {"VERB", "AUX"}:
            continue
        if indirect_question(child, words):
            continue  # "asked officials how the documents wound up there": a question
        auxes = {c.lower_ for c in child.children if c.dep_ == "aux"}
        if child.tag_ == "VBP" and child.lemma_ in {"be", "have"}:
            continue  # "warned that migrants are at risk": indicative (the subjunctive is "be")
        if child.tag_ in {"VB", "VBP"} and not auxes or auxes & obliging:
            return child
    return None


def indirect_question(clause: Token, words: EventWords | None = None) -> bool:
    """Whether a clause is an indirect question ("whether/if the talks resume", "how the
    documents got out", "who leaked them")."""
    marks = (words or event_words()).question_marks | {"if"}
    return clause.left_edge.tag_ in {"WRB", "WP", "WDT"} or any(
        c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def aim_of(trigger: Token, acts: set[int]) -> bool:
    """Whether ``trigger`` is an adverbial or purpose clause of one of the ``acts`` (token
    indices): "rallied, saying he must go", "struck to demand higher pay"."""
    clause = clause_of(trigger)
    return clause.dep_ in {"advcl", "xcomp", "acl", "conj"} and clause.head.i in acts


def asked_clause(noun: Token) -> Token | None:
    """The act a demand or appeal noun asks for in a "that" clause ("the demand that Serbia
    withdraw"), if any; the clause may hang from the verb of which the noun is the object
    ("renewed its call today that Russia withdraw")."""
    holders = [noun] + ([noun.head] if noun.dep_ == "dobj" else [])
    return next((c for holder in holders for c in holder.children
                 if c.dep_ in {"acl", "ccomp"} and c.i > noun.i and c.pos_ in {"VERB", "AUX"}
                 and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)


def obliging_modal(clause: Token, words: EventWords | None = None) -> str | None:
    """ "must" or "should" on a reported clause ("Y must withdraw", "Y should be ready");
    "need to" and "have to" oblige as "must" does ("they would need to deliver")."""
    words = words or event_words()
    modal = next((c.lower_ for c in clause.children
                  if c.dep_ == "aux" and c.lower_ in words.obliging_modals), None)
    if modal is None and clause.lemma_.lower() in words.obliging_verbs and any(
            x.dep_ == "xcomp" and to_infinitive(x)
            for x in clause.children):
        return "must"
    return modal


def reported_act(clause: Token, verb: Token, words: EventWords | None = None) -> bool:
    """Whether a reported clause tells of an act already done by someone (in the perfect):
    "Israel has strengthened its forces", "Beijing had enlarged an island". Such a
    clause, and any clause that comes before its reporting verb ("..., officials said"), is
    news attributed to the speaker rather than the speaker's comment on someone."""
    words = words or event_words()
    if clause.pos_ not in {"VERB", "AUX"}:
        return False
    if clause.i < verb.i:
        # "..., a spokesman said" (but "X must ...")
        return obliging_modal(clause, words) is None
    if clause.lemma_ == "be":
        return False
    auxes = [c for c in clause.children if c.dep_ in {"aux", "auxpass"}]
    if any(c.lower_ in words.modals for c in auxes):
        return False
    # the perfect tells of a completed act; a plain past may be the backshift of reported
    # speech ("said it wanted a state"), so it is no sign
    return clause.tag_ == "VBN" and any(c.lemma_ == "have" for c in auxes)


def conditional(clause: Token, words: EventWords | None = None) -> bool:
    """Whether the clause, or the clause it hangs from, carries an if/unless condition."""
    return bool(condition_marks(clause, words))


def condition_marks(clause: Token, words: EventWords | None = None) -> set[str]:
    """The words ("if", "unless") of the conditions the clause, or the clause it hangs from,
    carries."""
    conditions = (words or event_words()).conditions
    marks = {g.lower_ for token in (clause, clause.head) for child in token.children
             if child.dep_ == "advcl" for g in child.children
             if g.dep_ == "mark" and g.lower_ in conditions}
    return marks | {c.lower_ for c in clause.children
                    if c.dep_ == "mark" and c.lower_ in conditions}


def particle_end(verb: Token) -> int:
    """End of a phrasal verb's trigger: "crack down" keeps its particle."""
    particles = [c.i for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    return (particles[0] if particles else verb.i) + 1


def conjuncts(token: Token) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "PRON"}:
            found += [child, *conjuncts(child)]
    return found


def prep_objects(token: Token, preps: Collection[str] | None = None, dep: str = "prep"
                 ) -> list[Token]:
    """The objects of ``token``'s prepositions, in order (of those of ``preps`` only, when
    given): "Goma" in "control of Goma"; with ``dep="agent"``, of a passive's "by" phrase."""
    return [g for c in token.children if c.dep_ == dep and (preps is None or c.lower_ in preps)
            for g in c.children if g.dep_ == "pobj"]


def coordinated_before(token: Token) -> list[Token]:
    """``token`` and the words it is coordinated after, nearest first, up to the first of the
    chain ("struck a school and shelled a hospital": "shelled", then "struck")."""
    chain = [token]
    while chain[-1].dep_ == "conj" and chain[-1].head.i < chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def joined_by_word(conj: Token) -> bool:
    """Whether a ``conj`` is joined to its head by a coordinator or a comma between them ("was
    regarded as a partner and praised"); the parser also hangs a relative clause's verb on a
    verb before it with no such word ("a region where insurgencies have killed thousands"),
    and that verb shares no subject with it."""
    head = conj.head
    low, high = sorted((head.i, conj.i))
    if any(low < c.i < high and (c.dep_ in {"cc", "preconj"} or c.text in {",", ";"})
           for c in (*head.children, *conj.children)):
        return True
    # ("imposed a curfew, deployed soldiers": the parser hangs the comma on the object)
    before = conj.left_edge.i - 1
    return head.i < before and conj.doc[before].text in {",", ";"}


def clause_of(token: Token) -> Token:
    """The verb whose clause a trigger sits in (itself for a verb)."""
    while token.pos_ not in {"VERB", "AUX"} and token.head != token:
        token = token.head
    return token


def hypothetical(clause: Token, words: EventWords | None = None) -> bool:
    words = words or event_words()
    token: Token | None = clause
    while token is not None:
        for child in token.children:
            if child.dep_ == "aux" and child.lower_ in words.modals:
                return True
            if child.dep_ == "mark" and child.lower_ in words.hypothetical_marks:
                return True
            if (child.dep_ in {"advmod", "mark"} and child.lower_ in words.generic_when
                    and token.tag_ in {"VBZ", "VBP"} and token.dep_ == "advcl"):
                # "when Putin calls you a visionary, ...": a generic case, not an act
                return True
            if child.dep_ == "aux" and child.lower_ == "going":
                return True
        if purpose(token) and token.head.lemma_.lower() in words.asking_verbs:
            return True  # asked for in order to do it: not done
        # a conjoined verb shares the modal of the first ("would meet and sign"), and so does
        # a purpose clause ("would send firefighters to help"); not one in a tense of its own
        # ("said it would expel the diplomats and warned that ...": the warning was made)
        shares = (token.dep_ == "conj" and token.tag_ not in {"VBD", "VBZ"}) or purpose(token)
        token = token.head if shares else None
    return False


def to_infinitive(verb: Token) -> bool:
    """Whether the verb is marked as an infinitive by "to" ("to help", "decision to expel")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def purpose(clause: Token) -> bool:
    """An infinitive of purpose: "sent troops to help", "will travel to Cairo to meet"."""
    return clause.dep_ == "advcl" and to_infinitive(clause)


def future(clause: Token, words: EventWords | None = None) -> bool:
    if purpose(clause):
        clause = clause.head
    auxiliaries = (words or event_words()).future_auxiliaries
    return any(c.dep_ == "aux" and c.lower_ in auxiliaries for c in clause.children)


def phrase(token: Token) -> str:
    """The words naming a participant: the head with its left modifiers, no determiner."""
    # (offsets and the document's text only: a Span object costs more than the rest; the
    # coder's Words read their neighbours from the document's Words, not as new Tokens)
    doc = token._words if isinstance(token, Word) else token.doc
    start = end = token.i
    for child in token.children:  # (in order: the left ones first)
        if child.i > token.i:
            break
        if child.dep_ in _PHRASE_MODIFIERS:
            start = min(start, child.left_edge.i)
    while start < token.i and doc[start].dep_ == "det":
        start += 1
    end += 1
    length = len(doc)
    while end < length and doc[end].dep_ == "flat":
        end += 1
    if token.ent_type_:  # the named entity covering the token (as entity_at finds it)
        first = token.i
        while first > 0 and doc[first].ent_iob_ == "I":
            first -= 1
        after = token.i + 1
        while after < length and doc[after].ent_iob_ == "I":
            after += 1
        start, end = min(start, first), max(end, after)
    last = doc[end - 1]  # the text of doc[start:end]
    return doc_text(token.doc)[doc[start].idx:last.idx + len(last)]


# the left modifiers that belong to a participant's words
_PHRASE_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod", "nummod", "det", "case"})


def entity_text(token: Token) -> str:
    ent = entity(token)
    return ent.text if ent is not None else token.text


def entity(token: Token) -> Span | None:
    """The named entity covering ``token``, if any."""
    return entity_at(token.doc, token.i)
