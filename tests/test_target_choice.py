"""The target choice (extract/target_choice.py) on parses written by hand: which actors of a
sentence are options, and how weights choose among them and no one."""

from __future__ import annotations

from eventwire.extract.event_candidates import Party
from eventwire.extract.target_choice import choose_target, target_options

from .hand_parses import actor, candidate, context, parse

# "Serbia lashed out on Sunday after Croatia moved troops, officials in Belgrade said."
_TABLE = """
    0  Serbia    Serbia    PROPN NNP nsubj  1  GPE
    1  lashed    lash      VERB  VBD ccomp  12
    2  out       out       ADP   RP  prt    1
    3  on        on        ADP   IN  prep   1
    4  Sunday    Sunday    PROPN NNP pobj   3  DATE
    5  after     after     SCONJ IN  mark   7
    6  Croatia   Croatia   PROPN NNP nsubj  7  GPE
    7  moved     move      VERB  VBD advcl  1
    8  troops    troop     NOUN  NNS dobj   7
    9  ,         ,         PUNCT ,   punct  12
    10 officials official  NOUN  NNS nsubj  12
    11 in        in        ADP   IN  prep   10
    12 said      say       VERB  VBD ROOT   12
    13 .         .         PUNCT .   punct  12
"""


def _sentence():
    doc = parse(_TABLE)
    serbia = actor(doc, "A1", "country", 0, country="SRB")
    actor(doc, "A2", "country", 6, country="HRV")
    actor(doc, "A3", "person", 10, country="SRB", sector="GOV")
    ctx = context(doc)
    lashed = candidate(doc, 1, "111", sources=[Party(serbia.id, "Serbia", True, doc[0])])
    return ctx, lashed


def test_the_options_are_the_sentences_other_actors_then_no_one() -> None:
    ctx, lashed = _sentence()
    options = target_options(ctx, lashed)
    # not the doer, nor whoever tells of the act ("officials ... said")
    assert [o.party.actor if o.party else None for o in options] == ["A2", None]
    croatia = options[0].features
    assert croatia["pos=after"] and croatia["dep=subj"] and croatia["first_after"]
    assert options[-1].features["none|root=11"]


def test_weights_choose_an_actor_only_when_it_beats_no_one() -> None:
    ctx, lashed = _sentence()
    ctx.target_weights = {}
    assert choose_target(ctx, lashed) == []  # no model: no choice
    ctx.target_weights = {"first_after": 1.0, "none": 0.5}
    assert [p.actor for p in choose_target(ctx, lashed)] == ["A2"]
    ctx.target_weights = {"first_after": 1.0, "none|q3": 1.5}
    assert choose_target(ctx, lashed) == []


def test_a_protest_has_no_options() -> None:
    ctx, lashed = _sentence()
    lashed.code = "141"
    assert target_options(ctx, lashed) == []


def test_the_target_model_is_a_setting(tmp_path) -> None:
    from eventwire.extract.scoring import load_target_weights
    from eventwire.settings import Settings

    off = tmp_path / "off.yaml"
    off.write_text("weights: null\n", encoding="utf-8")
    assert load_target_weights(Settings(target_model=str(off)).target_model) == {}
    own = tmp_path / "own.yaml"
    own.write_text("weights:\n  first_after: 2.0\n", encoding="utf-8")
    assert load_target_weights(str(own)) == {"first_after": 2.0}
    assert load_target_weights()  # the bundled model
