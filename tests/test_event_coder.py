"""The event coder's entry (extract_events) and its gate on parses written by hand (no model)."""

from __future__ import annotations

from eventwire.extract.event_candidates import Party
from eventwire.extract.event_gate import passes
from eventwire.extract.events import extract_events
from eventwire.model import Document

from .hand_parses import EACH_OTHERS_POLICIES, actor, candidate, context, parse


def test_each_other_makes_one_event_each_way() -> None:
    doc = parse(EACH_OTHERS_POLICIES)
    actor(doc, "A1", "person", 0, country="GBR")
    actor(doc, "A2", "person", 2, country="GBR")
    events = extract_events(doc, Document(id="d1", text=doc.text, published="2019-11-20"), [], [])
    # each criticised the other, on the day of publication
    assert [(e.id, e.source, e.target, e.cameo, e.trigger.text, e.date) for e in events] == [
        ("E1", "A1", "A2", "111", "criticised", "2019-11-20"),
        ("E2", "A2", "A1", "111", "criticised", "2019-11-20")]


def test_gate() -> None:
    doc = parse("""
        0  India    India    PROPN NNP nsubj    3 GPE
        1  and      and      CCONJ CC  cc       0
        2  Tata     Tata     PROPN NNP conj     0 ORG
        3  expelled expel    VERB  VBD ROOT     3
        4  envoys   envoy    NOUN  NNS dobj     3
        5  of       of       ADP   IN  prep     4
        6  Pakistan Pakistan PROPN NNP pobj     5 GPE
        7  from     from     ADP   IN  prep     3
        8  New      New      PROPN NNP compound 9 GPE
        9  Delhi    Delhi    PROPN NNP pobj     7 I-GPE
        10 .        .        PUNCT .   punct    3
    """)
    actor(doc, "A1", "country", 0, 9, country="IND")
    actor(doc, "A2", "organization", 2, country="IND")
    actor(doc, "A3", "country", 6, country="PAK")
    ctx = context(doc)
    india, tata, pakistan, delhi, envoys = (
        Party("A1", "India", True, doc[0]), Party("A2", "Tata", True, doc[2]),
        Party("A3", "Pakistan", True, doc[6]), Party("A1", "New Delhi", True, doc[9]),
        Party(None, "envoys", False, doc[4]))
    expulsion = candidate(doc, 3, "1663")
    assert passes(ctx, expulsion, india, pakistan)
    assert not passes(ctx, expulsion, india, delhi)  # one state named twice
    assert not passes(ctx, expulsion, envoys, None)  # no named doer, no target
    # without a recipient, a state's act still counts; a firm's does not
    assert passes(ctx, expulsion, india, None)
    assert not passes(ctx, expulsion, tata, None)


def test_gate_a_person_never_acts_on_themself() -> None:
    doc = parse("""
        0 She      she      PRON  PRP  nsubj 1
        1 praised  praise   VERB  VBD  ROOT  1
        2 her      her      PRON  PRP$ poss  4
        3 late     late     ADJ   JJ   amod  4
        4 nephew   nephew   NOUN  NN   dobj  1
        5 Ford     Ford     PROPN NNP  appos 4 PERSON
        6 .        .        PUNCT .    punct 1
    """)
    actor(doc, "A1", "person", 5, 0, country="USA", sector="GOV")
    ctx = context(doc)
    # (the nephew's words are no mention of the actor: found through the name beside them)
    she, nephew = Party("A1", "She", True, doc[0]), Party("A1", "nephew", True, doc[4])
    assert not passes(ctx, candidate(doc, 1, "051"), she, nephew)
