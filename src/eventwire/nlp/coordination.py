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
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

__all__ = ["coordination_component", "make_coordination_component"]

# Finite past tense; the verb it may be the conjunct of must have the same tag.
_FINITE_PAST = "VBD"
# Forms a finite verb cannot be the conjunct of (a gerund or present participle).
_NON_FINITE = frozenset({"VBG"})


def coordination_component(doc: Doc) -> Doc:
    """Re-hang each finite verb the parser made the conjunct of a gerund (see the module)."""
    for token in doc:
        if token.dep_ != "conj" or token.tag_ != _FINITE_PAST:
            continue
        head = token.head
        if _reported_past_perfect(head, token):
            # "Poland said a missile had entered its airspace, and summoned the envoy": the
            # report's own verb, told in its tense after a comma, is the speaker's next act
            finite = head.head
        elif head.tag_ not in _NON_FINITE or _progressive(head):
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
    it)."""
    return coordination_component


make_coordination_component.__annotations__ = {"nlp": Language, "name": str}
Language.factory("eventwire_coordination", func=make_coordination_component)
