"""Parses written by hand for the event coder's module tests: no spaCy model is loaded.

A parse is a table, one token a line: index, word, lemma, POS, tag, dependency label, head index
and, optionally, the entity label (``GPE`` starts an entity, ``I-GPE`` continues it). Actors are
given as the actors stage would set them (``doc._.actors``).
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from eventwire.extract.event_candidates import Candidate, Party
from eventwire.extract.event_context import EventContext
from eventwire.nlp.components import ActorCluster

# a blank English vocabulary sets the lexical attributes the rules read (lower_, like_num)
_VOCAB = spacy.blank("en").vocab


# "Johnson and Corbyn criticised each other's policies." as en_core_web_md 3.7.1 parses it
EACH_OTHERS_POLICIES = """
    0 Johnson    Johnson   PROPN NNP nsubj 3 PERSON
    1 and        and       CCONJ CC  cc    0
    2 Corbyn     Corbyn    PROPN NNP conj  0 PERSON
    3 criticised criticise VERB  VBD ROOT  3
    4 each       each      DET   DT  det   5
    5 other      other     ADJ   JJ  poss  7
    6 's         's        PART  POS case  5
    7 policies   policy    NOUN  NNS dobj  3
    8 .          .         PUNCT .   punct 3
"""


def parse(table: str) -> Doc:
    """The doc a table of tokens describes (see the module docstring)."""
    rows = [line.split() for line in table.strip().splitlines()]
    for number, row in enumerate(rows):
        assert int(row[0]) == number, f"row {number} is numbered {row[0]}"
    return Doc(
        _VOCAB,
        words=[row[1] for row in rows],
        lemmas=[row[2] for row in rows],
        pos=[row[3] for row in rows],
        tags=[row[4] for row in rows],
        deps=[row[5] for row in rows],
        heads=[int(row[6]) for row in rows],
        ents=[_iob(row[7]) if len(row) > 7 else "O" for row in rows],
    )


def _iob(label: str) -> str:
    return label if label.startswith(("B-", "I-")) else f"B-{label}"


def actor(doc: Doc, actor_id: str, kind: str, *at: int, country: str | None = None,
          sector: str | None = None) -> ActorCluster:
    """An actor whose mentions are the single tokens ``at``, named after the first, added to
    ``doc._.actors``."""
    cluster = ActorCluster(id=actor_id, kind=kind, name=doc[at[0]].text,
                           mentions=[doc[i:i + 1] for i in at], country=country, sector=sector,
                           named=True)
    doc._.actors = [*(doc._.actors or []), cluster]
    return cluster


def context(doc: Doc) -> EventContext:
    """The coder's context of ``doc`` with the bundled word lists and model, and no quotes."""
    return EventContext.for_document(doc, quotes=[])


def candidate(doc: Doc, trigger: int, code: str, sources: list[Party] | None = None,
              targets: list[Party] | None = None) -> Candidate:
    """A verb candidate for the token ``trigger``."""
    return Candidate(code=code, trigger=doc[trigger], start=trigger, end=trigger + 1,
                     sources=sources or [], targets=targets or [], match="verb")


def names(parties: list[Party]) -> list[str]:
    return [party.text for party in parties]
