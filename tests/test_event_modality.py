"""The event coder's modality module on parses written by hand (no model loaded)."""

from __future__ import annotations

from eventwire.extract.event_candidates import Candidate, Party
from eventwire.extract.event_context import EventContext
from eventwire.extract.event_modality import mark_modality, with_intent
from eventwire.model import Cue, Quote

from .hand_parses import actor, candidate, context, parse

# "Russia attacked Ukraine", with what the cases below put around it
_ATTACK = """
    0 Russia   Russia  PROPN NNP nsubj 1 GPE
    1 attacked attack  VERB  VBD ROOT  1
    2 Ukraine  Ukraine PROPN NNP dobj  1 GPE
    3 .        .       PUNCT .   punct 1
"""


def _attack(table: str, trigger: int, source: int, target: int) -> tuple[EventContext, Candidate]:
    """The context of the parse and an attack (190) from ``source`` on ``target``."""
    doc = parse(table)
    actor(doc, "A1", "country", source, country="RUS")
    actor(doc, "A2", "country", target, country="UKR")
    attack = candidate(doc, trigger, "190", sources=[Party("A1", "Russia", True, doc[source])],
                       targets=[Party("A2", "Ukraine", True, doc[target])])
    return context(doc), attack


def test_a_plain_act_is_firm() -> None:
    ctx, attack = _attack(_ATTACK, 1, 0, 2)
    mark_modality(ctx, attack, attack.trigger)
    assert not (attack.negated or attack.hypothetical or attack.hedged or attack.alleged)
    assert with_intent(ctx, attack, attack.trigger) == [attack]


def test_negation() -> None:
    ctx, attack = _attack("""
        0 Russia Russia  PROPN NNP nsubj 3 GPE
        1 did    do      AUX   VBD aux   3
        2 not    not     PART  RB  neg   3
        3 attack attack  VERB  VB  ROOT  3
        4 Ukraine Ukraine PROPN NNP dobj 3 GPE
        5 .      .       PUNCT .   punct 3
    """, 3, 0, 4)
    mark_modality(ctx, attack, attack.trigger)
    assert attack.negated and not attack.hypothetical


def test_would_is_hypothetical_and_a_threat_is_stated_now() -> None:
    ctx, attack = _attack("""
        0 Russia  Russia  PROPN NNP nsubj 2 GPE
        1 would   would   AUX   MD  aux   2
        2 attack  attack  VERB  VB  ROOT  2
        3 Ukraine Ukraine PROPN NNP dobj  2 GPE
        4 .       .       PUNCT .   punct 2
    """, 2, 0, 3)
    mark_modality(ctx, attack, attack.trigger)
    assert attack.hypothetical and not attack.negated
    threat, act = with_intent(ctx, attack, attack.trigger)
    assert act is attack and act.hypothetical
    assert threat.code[:2] == "13" and threat.match == "wrapper" and not threat.hypothetical
    assert [p.actor for p in threat.sources] == ["A1"]


def test_if_makes_the_act_hypothetical() -> None:
    ctx, attack = _attack("""
        0 If      if      SCONJ IN  mark  2
        1 Russia  Russia  PROPN NNP nsubj 2 GPE
        2 attacks attack  VERB  VBZ advcl 6
        3 Ukraine Ukraine PROPN NNP dobj  2 GPE
        4 ,       ,       PUNCT ,   punct 6
        5 NATO    NATO    PROPN NNP nsubj 6 ORG
        6 responds respond VERB VBZ ROOT  6
        7 .       .       PUNCT .   punct 6
    """, 2, 1, 3)
    mark_modality(ctx, attack, attack.trigger)
    assert attack.hypothetical


def test_an_attack_a_future_clause_asks_about_keeps_its_own_modality() -> None:
    # "Lawmakers will ask about Russia's attack on Ukraine": the attack is what is asked about
    ctx, attack = _attack("""
        0 Lawmakers lawmaker NOUN  NNS nsubj 2
        1 will      will     AUX   MD  aux   2
        2 ask       ask      VERB  VB  ROOT  2
        3 about     about    ADP   IN  prep  2
        4 Russia    Russia   PROPN NNP poss  6 GPE
        5 's        's       PART  POS case  4
        6 attack    attack   NOUN  NN  pobj  3
        7 on        on       ADP   IN  prep  6
        8 Ukraine   Ukraine  PROPN NNP pobj  7 GPE
        9 .         .        PUNCT .   punct 2
    """, 6, 4, 8)
    mark_modality(ctx, attack, attack.trigger)
    assert not attack.hypothetical and not attack.negated


def test_a_planned_or_considered_attack_is_hypothetical() -> None:
    ctx, attack = _attack("""
        0 Russia's Russia   PROPN NNP poss  2 GPE
        1 planned  planned  ADJ   JJ  amod  2
        2 attack   attack   NOUN  NN  nsubj 6
        3 on       on       ADP   IN  prep  2
        4 Ukraine  Ukraine  PROPN NNP pobj  3 GPE
        5 was      be       AUX   VBD auxpass 6
        6 cancelled cancel  VERB  VBN ROOT  6
        7 .        .        PUNCT .   punct 6
    """, 2, 0, 4)
    mark_modality(ctx, attack, attack.trigger)
    assert attack.hypothetical
    ctx, attack = _attack("""
        0 Russia      Russia      PROPN NNP nsubj 2 GPE
        1 is          be          AUX   VBZ aux   2
        2 considering consider    VERB  VBG ROOT  2
        3 an          an          DET   DT  det   4
        4 attack      attack      NOUN  NN  dobj  2
        5 on          on          ADP   IN  prep  4
        6 Ukraine     Ukraine     PROPN NNP pobj  5 GPE
        7 .           .           PUNCT .   punct 2
    """, 4, 0, 6)
    mark_modality(ctx, attack, attack.trigger)
    assert attack.hypothetical


def test_said_without_evidence_hedges_what_was_said() -> None:
    table = """
        0 Minsk    Minsk    PROPN NNP nsubj 1 GPE
        1 said     say      VERB  VBD ROOT  1
        2 without  without  ADP   IN  prep  1
        3 evidence evidence NOUN  NN  pobj  2
        4 that     that     SCONJ IN  mark  6
        5 Russia   Russia   PROPN NNP nsubj 6 GPE
        6 attacked attack   VERB  VBD ccomp 1
        7 Ukraine  Ukraine  PROPN NNP dobj  6 GPE
        8 .        .        PUNCT .   punct 1
    """
    ctx, attack = _attack(table, 6, 5, 7)
    mark_modality(ctx, attack, attack.trigger)
    assert attack.hedged and not attack.hypothetical
    plain = table.replace("without  without  ADP   IN  prep  1",
                          "quickly  quickly  ADV   RB  advmod 1")
    ctx, attack = _attack(plain, 6, 5, 7)
    mark_modality(ctx, attack, attack.trigger)
    assert not attack.hedged


def test_reported_act_is_attributed_to_its_speaker_and_quote() -> None:
    ctx, attack = _attack("""
        0 Russia   Russia  PROPN NNP nsubj 1 GPE
        1 attacked attack  VERB  VBD ccomp 5
        2 Ukraine  Ukraine PROPN NNP dobj  1 GPE
        3 ,        ,       PUNCT ,   punct 5
        4 Kyiv     Kyiv    PROPN NNP nsubj 5 GPE
        5 said     say     VERB  VBD ROOT  5
        6 .        .       PUNCT .   punct 5
    """, 1, 0, 2)
    actor(ctx.doc, "A3", "country", 4, country="UKR")
    ctx = context(ctx.doc)
    mark_modality(ctx, attack, attack.trigger)
    assert attack.via == ["A3"] and attack.quote is None
    said = ctx.doc[5]
    ctx.quotes.append(Quote(id="Q1", kind="indirect", start=0, end=23, text=ctx.doc[:3].text,
                            speaker="A3", via=["TASS"],
                            cue=Cue(start=said.idx, end=said.idx + 4, text="said", lemma="say")))
    mark_modality(ctx, attack, attack.trigger)
    assert attack.quote == "Q1" and attack.via == ["TASS"]  # the quote's chain of sources


def test_a_known_act_that_may_be_undone_happened():
    from eventwire.api import analyse_text

    result = analyse_text("Kenya's president has not said whether any of his tariffs on Ugandan "
                          "sugar will be lifted.", published="2019-11-18", min_confidence=0)
    tariffs = [e for e in result.events if e.trigger.text == "tariffs"]
    assert tariffs and not tariffs[0].hypothetical
    result = analyse_text("A Russian attack on the capital could come at any time.",
                          published="2019-11-18", min_confidence=0)
    assert all(e.hypothetical for e in result.events if e.trigger.text == "attack")


def test_a_past_verb_the_parser_hangs_under_asked_is_no_request():
    from eventwire.api import analyse_text

    result = analyse_text("Rachel Dunmore was furious. During the call, she asked about the "
                          'Muslim Brotherhood, called Hal Peters a "terrorist" and said it twice.',
                          published="2024-03-05", min_confidence=0)
    called = [e for e in result.events if e.cameo.startswith("11")]
    assert called and not any(e.hypothetical for e in called)


def test_what_the_writer_expects_or_someone_wishes_is_speculation():
    from eventwire.api import analyse_text

    def confidences(text: str) -> dict[str, float]:
        result = analyse_text(text, published="2024-03-05", min_confidence=0)
        return {e.trigger.text: e.confidence for e in result.events}

    wished = confidences("Some advisers would like to see Brazil agree to large purchases of "
                         "American wheat.")
    likely = confidences("The ban on pork is likely to hit Spain and Denmark hardest.")
    done = confidences("Brazil agreed to large purchases of American wheat.")
    assert wished.get("agree", 0) < 0.25 and likely.get("hit", 0) < 0.25
    assert done["agreed"] > 0.5
