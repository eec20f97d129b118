"""The event coder's trigger and statement modules on parses written by hand (no model)."""

from __future__ import annotations

from eventwire.extract.event_statements import evaluation, statement
from eventwire.extract.event_triggers import sentence_triggers

from .hand_parses import actor, context, names, parse


def _triggers(doc):
    (sent,) = doc.sents
    return [(c.code, c.trigger.text, c.match, names(c.sources), names(c.targets), c.hypothetical)
            for c in sentence_triggers(context(doc), sent)]


def test_imposed_sanctions_takes_the_noun_sense_through_the_light_verb() -> None:
    doc = parse("""
        0 The       the      DET   DT  det    1
        1 EU        EU       PROPN NNP nsubj  2 ORG
        2 imposed   impose   VERB  VBD ROOT   2
        3 sanctions sanction NOUN  NNS dobj   2
        4 on        on       ADP   IN  prep   3
        5 Russia    Russia   PROPN NNP pobj   4 GPE
        6 .         .        PUNCT .   punct  2
    """)
    actor(doc, "A1", "organization", 1)
    actor(doc, "A2", "country", 5, country="RUS")
    ((code, trigger, match, sources, targets, hypothetical),) = _triggers(doc)
    assert (code[:2], trigger, match) == ("16", "sanctions", "light")  # reduce relations
    assert (sources, targets, hypothetical) == (["EU"], ["Russia"], False)
    (candidate,) = sentence_triggers(context(doc), doc[:])
    assert doc[candidate.start:candidate.end].text == "imposed sanctions"


def test_a_threat_takes_in_its_act() -> None:
    doc = parse("""
        0 Iran       Iran     PROPN NNP nsubj 1 GPE
        1 threatened threaten VERB  VBD ROOT  1
        2 to         to       PART  TO  aux   3
        3 attack     attack   VERB  VB  xcomp 1
        4 Israel     Israel   PROPN NNP dobj  3 GPE
        5 .          .        PUNCT .   punct 1
    """)
    actor(doc, "A1", "country", 0, country="IRN")
    actor(doc, "A2", "country", 4, country="ISR")
    # no attack happened: the threat (of an attack, 1384) is the event, its target the act's
    assert _triggers(doc) == [("1384", "threatened", "wrapper", ["Iran"], ["Israel"], False)]


def test_an_appeal_codes_the_act_asked_for_as_hypothetical() -> None:
    doc = parse("""
        0 Britain Britain PROPN NNP nsubj 1 GPE
        1 urged   urge    VERB  VBD ROOT  1
        2 Iran    Iran    PROPN NNP dobj  1 GPE
        3 to      to      PART  TO  aux   4
        4 release release VERB  VB  xcomp 1
        5 the     the     DET   DT  det   6
        6 sailors sailor  NOUN  NNS dobj  4
        7 .       .       PUNCT .   punct 1
    """)
    actor(doc, "A1", "country", 0, country="GBR")
    actor(doc, "A2", "country", 2, country="IRN")
    found = _triggers(doc)
    assert [(code[:2], trigger, match) for code, trigger, match, *_ in found] == [
        ("02", "urged", "wrapper"), ("08", "release", "act")]
    # Iran is asked, and would be the one to release them
    assert [(sources, targets[:1], hypothetical)
            for *_, sources, targets, hypothetical in found] == [
        (["Britain"], ["Iran"], False), (["Iran"], ["sailors"], True)]


def test_a_description_before_its_noun_is_no_trigger() -> None:
    doc = parse("""
        0 Rebels  rebel   NOUN  NNS nsubj 1
        1 freed   free    VERB  VBD ROOT  1
        2 the     the     DET   DT  det   4
        3 ousted  oust    VERB  VBN amod  4
        4 president president NOUN NN dobj 1
        5 .       .       PUNCT .   punct 1
    """)
    assert all(trigger != "ousted" for _, trigger, *_ in _triggers(doc))


def test_calling_someone_a_traitor_is_criticism() -> None:
    doc = parse("""
        0 Lavrov   Lavrov   PROPN NNP nsubj 1 PERSON
        1 called   call     VERB  VBD ROOT  1
        2 Zelensky Zelensky PROPN NNP dobj  1 PERSON
        3 a        a        DET   DT  det   4
        4 traitor  traitor  NOUN  NN  oprd  1
        5 .        .        PUNCT .   punct 1
    """)
    actor(doc, "A1", "person", 0, country="RUS")
    actor(doc, "A2", "person", 2, country="UKR")
    (criticism,) = evaluation(context(doc), doc[1])
    assert (criticism.code, criticism.match) == ("111", "evaluative")
    assert (names(criticism.sources), names(criticism.targets)) == (["Lavrov"], ["Zelensky"])
    assert _triggers(doc)[0][:3] == ("111", "called", "evaluative")


def test_a_statement_is_made_to_its_addressee() -> None:
    doc = parse("""
        0 Lavrov  Lavrov  PROPN NNP nsubj  1 PERSON
        1 told    tell    VERB  VBD ROOT   1
        2 Blinken Blinken PROPN NNP dative 1 PERSON
        3 that    that    SCONJ IN  mark   6
        4 talks   talk    NOUN  NNS nsubj  6
        5 were    be      AUX   VBD cop    6
        6 useful  useful  ADJ   JJ  ccomp  1
        7 .       .       PUNCT .   punct  1
    """)
    actor(doc, "A1", "person", 0, country="RUS", sector="GOV")
    actor(doc, "A2", "person", 2, country="USA", sector="GOV")
    (said,) = statement(context(doc), doc[1])
    assert (said.code, said.match) == ("010", "statement")
    assert (names(said.sources), names(said.targets)) == (["Lavrov"], ["Blinken"])
