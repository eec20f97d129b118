"""The event coder's participants module on parses written by hand (no model loaded)."""

from __future__ import annotations

from eventwire.extract.event_candidates import Party
from eventwire.extract.event_implied import (
    code_for_doer,
    implied_agent,
)
from eventwire.extract.event_lexicon import lexicon
from eventwire.extract.event_participants import (
    noun_sources,
    noun_targets,
    parties_at,
    reciprocal,
    subjects_of,
    verb_parties,
)

from .hand_parses import EACH_OTHERS_POLICIES, actor, candidate, context, names, parse


def test_passive_agent_is_the_source_and_the_passive_subject_the_target() -> None:
    doc = parse("""
        0 Kyiv    Kyiv   PROPN NNP nsubjpass 2 GPE
        1 was     be     AUX   VBD auxpass   2
        2 shelled shell  VERB  VBN ROOT      2
        3 by      by     ADP   IN  agent     2
        4 Russia  Russia PROPN NNP pobj      3 GPE
        5 .       .      PUNCT .   punct     2
    """)
    actor(doc, "A1", "country", 0, country="UKR")
    actor(doc, "A2", "country", 4, country="RUS")
    (sense,) = lexicon().verbs["shell"]
    sources, targets = verb_parties(context(doc), doc[2], sense)
    assert [(p.actor, p.text) for p in sources] == [("A2", "Russia")]
    assert [(p.actor, p.text) for p in targets] == [("A1", "Kyiv")]


def test_subject_carries_into_an_infinitive() -> None:
    doc = parse("""
        0 Iran      Iran      PROPN NNP nsubj 1 GPE
        1 refused   refuse    VERB  VBD ROOT  1
        2 to        to        PART  TO  aux   3
        3 release   release   VERB  VB  xcomp 1
        4 the       the       DET   DT  det   5
        5 sailors   sailor    NOUN  NNS dobj  3
        6 .         .         PUNCT .   punct 1
    """)
    actor(doc, "A1", "country", 0, country="IRN")
    assert [p.actor for p in subjects_of(context(doc), doc[3])] == ["A1"]


def test_relative_clause_takes_the_noun_it_describes_as_subject() -> None:
    doc = parse("""
        0 Rebels   rebel  NOUN  NNS nsubj 4
        1 who      who    PRON  WP  nsubj 2
        2 attacked attack VERB  VBD relcl 0
        3 Juba     Juba   PROPN NNP dobj  2 GPE
        4 fled     flee   VERB  VBD ROOT  4
        5 .        .      PUNCT .   punct 4
    """)
    actor(doc, "A1", "group", 0, country="SSD", sector="REB")
    actor(doc, "A2", "location", 3, country="SSD")
    (rebels,) = subjects_of(context(doc), doc[2])
    assert (rebels.actor, rebels.text, rebels.token.i) == ("A1", "Rebels", 0)


def test_coordinated_parties_are_one_each() -> None:
    doc = parse("""
        0 Russia Russia PROPN NNP nsubj 3 GPE
        1 and    and    CCONJ CC  cc    0
        2 China  China  PROPN NNP conj  0 GPE
        3 met    meet   VERB  VBD ROOT  3
        4 .      .      PUNCT .   punct 3
    """)
    actor(doc, "A1", "country", 0, country="RUS")
    actor(doc, "A2", "country", 2, country="CHN")
    assert [p.actor for p in parties_at(context(doc), doc[0])] == ["A1", "A2"]


def test_each_other_is_reciprocal() -> None:
    doc = parse(EACH_OTHERS_POLICIES)
    assert reciprocal(doc[7])  # "each other's policies"
    assert not reciprocal(doc[0])


def test_agentless_arrest_implies_the_police_of_the_one_arrested() -> None:
    doc = parse("""
        0 Navalny  Navalny PROPN NNP nsubjpass 2 PERSON
        1 was      be      AUX   VBD auxpass   2
        2 arrested arrest  VERB  VBN ROOT      2
        3 .        .       PUNCT .   punct     2
    """)
    navalny = actor(doc, "A1", "person", 0, country="RUS")
    ctx = context(doc)
    target = Party("A1", "Navalny", True, doc[0])
    arrest = candidate(doc, 2, "173", targets=[target])
    implied_agent(ctx, arrest)
    (police,) = arrest.sources
    cluster = ctx.clusters[police.actor]
    assert (cluster.sector, cluster.country, cluster.name) == ("COP", "RUS", "police")
    assert doc._.actors == [navalny, cluster]
    again = candidate(doc, 2, "173", targets=[target])
    implied_agent(ctx, again)  # one implied doer per sector and country
    assert again.sources[0].actor == police.actor and len(doc._.actors) == 2


def test_force_is_coded_for_its_doer() -> None:
    doc = parse("""
        0 Police  police PROPN NNP nsubj 1 ORG
        1 shot    shoot  VERB  VBD ROOT  1
        2 Ali     Ali    PROPN NNP dobj  1 PERSON
        3 ,       ,      PUNCT ,   punct 2
        4 Omar    Omar   PROPN NNP conj  2 PERSON
        5 and     and    CCONJ CC  cc    4
        6 Iraq    Iraq   PROPN NNP conj  4 GPE
        7 .       .      PUNCT .   punct 1
    """)
    actor(doc, "A1", "organization", 0, country="IRQ", sector="COP")
    actor(doc, "A2", "person", 2, country="IRQ")
    actor(doc, "A3", "person", 4)
    actor(doc, "A4", "country", 6, country="IRQ")
    ctx = context(doc)
    police, ali, omar, iraq = (Party(f"A{n}", doc[i].text, True, doc[i])
                               for n, i in ((1, 0), (2, 2), (3, 4), (4, 6)))
    shooting = candidate(doc, 1, "190", sources=[police], targets=[ali])
    assert names(subjects_of(ctx, doc[1])) == ["Police"]
    assert code_for_doer(ctx, shooting, police, ali) == "175"  # the police: repression
    assert code_for_doer(ctx, shooting, omar, ali) == "180"  # a private person: assault
    assert code_for_doer(ctx, shooting, iraq, ali) == "190"  # a state's force stays force
    assert code_for_doer(ctx, candidate(doc, 1, "111"), police, ali) == "111"  # not force


def test_an_act_reacted_to_keeps_its_aim_phrase_the_parser_hung_on_the_verb() -> None:
    # "condemned the attack by gunmen on a school": the school is the attack's target, not
    # the condemning's; the condemning is aimed at the attackers
    doc = parse("""
        0 Officials official NOUN  NNS nsubj 1
        1 condemned condemn  VERB  VBD ROOT  1
        2 the       the      DET   DT  det   3
        3 attack    attack   NOUN  NN  dobj  1
        4 by        by       ADP   IN  prep  3
        5 gunmen    gunman   NOUN  NNS pobj  4
        6 on        on       ADP   IN  prep  1
        7 a         a        DET   DT  det   8
        8 school    school   NOUN  NN  pobj  6
        9 .         .        PUNCT .   punct 1
    """)
    actor(doc, "A1", "group", 0, country="NGA", sector="GOV")
    actor(doc, "A2", "group", 5, sector="UAF")
    actor(doc, "A3", "organization", 8, country="NGA", sector="EDU")
    ctx = context(doc)
    (sense,) = lexicon().verbs["condemn"]
    _sources, targets = verb_parties(ctx, doc[1], sense)
    assert [p.actor for p in targets] == ["A2"]
    assert [p.actor for p in noun_targets(ctx, doc[3])] == ["A3"]
    assert [p.actor for p in noun_sources(ctx, doc[3])] == ["A2"]


def test_a_by_phrase_of_an_act_noun_names_its_doer_only_when_it_is_an_actor() -> None:
    doc = parse("""
        0 trial        trial        NOUN NN  ROOT     0
        1 for          for          ADP  IN  prep     0
        2 manslaughter manslaughter NOUN NN  pobj     1
        3 by           by           ADP  IN  prep     0
        4 negligence   negligence   NOUN NN  pobj     3
        5 by           by           ADP  IN  prep     0
        6 Kenya        Kenya        PROPN NNP pobj    5 GPE
    """)
    actor(doc, "A1", "country", 6, country="KEN")
    assert [p.actor for p in noun_sources(context(doc), doc[0])] == ["A1"]


def test_criticising_a_breach_of_a_place_is_aimed_at_its_doer_not_the_place() -> None:
    doc = parse("""
        0 Brazil      Brazil    PROPN NNP nsubj 1 GPE
        1 criticized  criticize VERB  VBD ROOT  1
        2 the         the       DET   DT  det   3
        3 breach      breach    NOUN  NN  dobj  1
        4 of          of        ADP   IN  prep  3
        5 the         the       DET   DT  det   6
        6 embassy     embassy   NOUN  NN  pobj  4
        7 .           .         PUNCT .   punct 1
    """)
    actor(doc, "A1", "country", 0, country="BRA")
    actor(doc, "A2", "organization", 6, country="MEX", sector="GOV")
    # (what was breached suffers the breach: no one reacting to it takes aim at the embassy)
    assert "A2" not in [p.actor for p in parties_at(context(doc), doc[3])]
