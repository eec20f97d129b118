"""Coordinated verbs the parser joins to the wrong verb, joined to the right one.

(Also a past tense after ", and" that the parser joined to a reported past perfect: "Poland
said a missile had entered its airspace, and summoned Russia's envoy" is Poland's summons.)

spaCy's parser joins a verb after "and" to the nearest verb before it. When that nearest verb
is a gerund inside a phrase ("accused Musk of lending his name to propaganda and called on
the administration to ...") and the verb after "and" is finite (past tense), the two cannot be
conjuncts: a gerund's conjunct is a gerund ("of lending ... and calling ..."). The finite verb
is the conjunct of the nearest finite verb above the gerund ("accused"). Every later stage
reads the tree (who did it, whether it is alleged, what it is about), so the repair is made
once, here, right after the parse: the verb and its "and" are hung from that finite verb.

A base verb after "and" in a list of acts ("would suspend the treaty, close the crossing and
expel Pakistani advisers") is sometimes tagged an adjective of the next noun, which then joins
the list of objects ("expel Pakistani advisers" became an actor, and the expulsion was lost).
A word the lemmatizer's own tables know as a verb and never as an adjective ("expel", not
"close" or "free") is re-tagged a verb there, the conjunct of the list's verb, with the noun
as its object.

And "called on X to act", which the parser sometimes reads as a clause "on X to act" whose
subject is X, is given the shape the parser gives it elsewhere ("on X" a phrase of the verb, the
infinitive its complement).

And "with X" after a medium of talk ("spoke by phone with Zelensky"), which the parser hangs
on the medium, is hung on the verb: the talk is with X (``roles.yaml talk_media``).

And a "that" clause after a medium of statement ("said in a statement that Russian troops had
shelled the village"), which the parser often hangs on the statement as its modifier, is hung
on the verb as its reported clause (``roles.yaml statement_media``): what was said, which
every later stage reads as such (who is accused, whether the act is only reported).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from eventwire.nlp.lexicon import lexicon

__all__ = ["coordination_component", "make_coordination_component"]

# Finite past tense; the verb it may be the conjunct of must have the same tag.
_FINITE_PAST = "VBD"
# Forms a finite verb cannot be the conjunct of (a gerund or present participle).
_NON_FINITE = frozenset({"VBG"})


def coordination_component(doc: Doc, verbs: frozenset[str] = frozenset(),
                           adjectives: frozenset[str] = frozenset(),
                           media: frozenset[str] | None = None,
                           statement_media: frozenset[str] | None = None) -> Doc:
    """Re-hang each finite verb the parser made the conjunct of a gerund, re-tag a base verb
    read as an adjective in a list of acts, hang "with X" after a medium of talk and a "that"
    clause after a medium of statement on the verb (see the module). ``verbs`` and
    ``adjectives`` are the lemmas the lemmatizer's tables know in each part of speech;
    ``media`` and ``statement_media``, the media of talk and of statements (``roles.yaml``)."""
    media = lexicon().talk_media if media is None else media
    if statement_media is None:
        statement_media = lexicon().statement_media
    asking = lexicon().asking_preps  # "called on X to act" (roles.yaml asking_preps)
    for token in doc:
        if verbs and token.tag_ == "JJ" and token.dep_ == "amod":
            _verb_read_as_adjective(token, verbs, adjectives)
        elif token.dep_ == "prep" and token.lower_ == "with":
            _with_after_medium(token, media)
        elif token.dep_ in {"acl", "relcl"}:
            _clause_after_medium(token, statement_media)
        elif token.dep_ in {"mark", "prep"} and token.lower_ in asking:
            _asked_read_as_clause(token)
    for token in doc:
        if token.dep_ != "conj" or token.tag_ != _FINITE_PAST:
            continue
        head = token.head
        if _reported_past_perfect(head, token):
            # "Poland said a missile had entered its airspace, and summoned the envoy": the
            # report's own verb, told in its tense after a comma, is the speaker's next act
            finite = head.head
        elif (head.tag_ not in _NON_FINITE and not _to_infinitive(head)) or _progressive(head):
            continue  # "was lending ... and called": the same subject, a true conjunct
        else:
            finite = _finite_verb_above(head)
        if finite is None:
            continue
        for child in list(head.children):
            if child.dep_ == "cc" and child.i < token.i and not any(
                    t.dep_ == "conj" and child.i < t.i < token.i for t in head.children):
                child.head = finite  # "and" goes with its conjunct
        token.head = finite
    return doc


def _verb_read_as_adjective(word: Token, verbs: frozenset[str],
                            adjectives: frozenset[str]) -> None:
    """Re-tag ``word`` a verb when it is a base verb only ("expel") right after "and"/"or",
    modifying a noun that is the conjunct of a base verb's object ("close the crossing and
    expel advisers"); the noun becomes its object."""
    doc = word.doc
    lower = word.lower_
    if lower not in verbs or lower in adjectives or word.i == 0:
        return
    if doc[word.i - 1].lower_ not in {"and", "or"}:
        return
    noun = word.head
    while noun.dep_ in {"amod", "compound"} and noun.head.i > noun.i:
        noun = noun.head  # (hung on the next modifier: "expel [Pakistani] military advisers")
    if noun.dep_ != "conj" or noun.pos_ not in {"NOUN", "PROPN"}:
        return
    first = noun.head
    while first.dep_ == "conj":
        first = first.head
    verb = first.head
    if first.dep_ != "dobj" or verb.tag_ != "VB":
        return
    word.tag_, word.pos_ = "VB", "VERB"
    word.head, word.dep_ = verb, "conj"
    noun.head, noun.dep_ = word, "dobj"
    doc[word.i - 1].head = verb  # "and" goes with its conjunct


def _asked_read_as_clause(mark: Token) -> None:
    """ "She called on Marchetti to resign", parsed as a clause "on Marchetti to resign" of
    which the name is the subject (the preposition its mark, or the clause the preposition's
    object): "on X" is the verb's phrase and the infinitive its complement, as the parser
    reads "called on Russia to withdraw"."""
    if mark.dep_ == "mark":
        act, verb = mark.head, mark.head.head
        if act.dep_ != "advcl":
            return
    else:
        act = next((c for c in mark.children if c.dep_ == "pcomp"), None)
        verb = mark.head
        if act is None:
            return
    subjects = [c for c in act.children if c.dep_ == "nsubj" and mark.i < c.i < act.i]
    if (act.tag_ != "VB" or verb.pos_ not in {"VERB", "AUX"} or verb.i > mark.i
            or len(subjects) != 1 or not _to_infinitive(act)):
        return
    act.head = verb
    mark.head, mark.dep_ = verb, "prep"
    subjects[0].head, subjects[0].dep_ = mark, "pobj"
    act.dep_ = "xcomp"


def _with_after_medium(with_: Token, media: frozenset[str]) -> None:
    """Hang "with X" on the verb when the parser hung it on a medium of talk in a "by"/"via"/
    "over" phrase of that verb ("spoke by phone with Zelensky")."""
    medium = with_.head
    if medium.dep_ != "pobj" or medium.lemma_.lower() not in media:
        return
    by = medium.head
    verb = by.head
    if by.dep_ == "prep" and by.lower_ in {"by", "via", "over"} and verb.pos_ in {"VERB", "AUX"}:
        with_.head = verb


def _clause_after_medium(clause: Token, media: frozenset[str]) -> None:
    """Hang a "that" clause with a subject of its own on the verb when the parser hung it on a
    medium of statement in a phrase of that verb ("said in a statement that troops had
    shelled the village", "told reporters at a briefing that Kenya had expelled ..."): it is
    the verb's reported clause. (A relative clause, "a statement that was read out", has
    "that" as its subject, not as its mark.)"""
    medium = clause.head
    if medium.dep_ != "pobj" or medium.lemma_.lower() not in media or clause.i < medium.i:
        return
    prep = medium.head
    verb = prep.head
    if prep.dep_ != "prep" or verb.pos_ not in {"VERB", "AUX"}:
        return
    if not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) or not any(
            c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children):
        return
    clause.head, clause.dep_ = verb, "ccomp"


def _reported_past_perfect(verb: Token, conjunct: Token) -> bool:
    """Whether ``verb`` is a reported clause's past perfect ("said a missile had entered") and
    ``conjunct``, a past tense with no subject of its own, follows it after a comma and "and"."""
    if not (verb.dep_ == "ccomp" and verb.tag_ == "VBN" and verb.head.tag_ == _FINITE_PAST
            and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)):
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in conjunct.children):
        return False
    before = verb.doc[conjunct.i - 2] if conjunct.i >= 2 else None
    return before is not None and before.text == "," and verb.doc[conjunct.i - 1].lower_ == "and"


def _to_infinitive(verb: Token) -> bool:
    """ "to resign": no finite verb is its conjunct ("called on him to resign and urged ...")."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _progressive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


def _finite_verb_above(verb: Token) -> Token | None:
    """The nearest verb above ``verb`` in its sentence tagged finite past, if it is reached
    through phrases only (not through a clause of its own: a reported clause or a relative
    clause has verbs of its own)."""
    node = verb
    while node.head.i != node.i:
        if node.dep_ in {"ccomp", "relcl", "advcl", "parataxis"}:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"} and node.tag_ == _FINITE_PAST:
            return node
    return None


def make_coordination_component(nlp: Language, name: str):
    """The ``eventwire_coordination`` component (a factory, so that an entry point can name
    it), with the verb and adjective lemmas of the pipeline's lemmatizer tables."""
    verbs, adjectives = _lemma_tables(nlp)
    media, statement_media = lexicon().talk_media, lexicon().statement_media

    def component(doc: Doc) -> Doc:
        return coordination_component(doc, verbs, adjectives, media, statement_media)

    return component


def _lemma_tables(nlp: Language) -> tuple[frozenset[str], frozenset[str]]:
    """The lemmas the rule lemmatizer's index lists as verbs and as adjectives (none when the
    pipeline has no such tables)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset(), frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset(), frozenset()
    index = lookups.get_table("lemma_index")
    return (frozenset(index.get("verb", ())), frozenset(index.get("adj", ())))


make_coordination_component.__annotations__ = {"nlp": Language, "name": str}
Language.factory("eventwire_coordination", func=make_coordination_component)
