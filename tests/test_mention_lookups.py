"""The quick paths of mention finding and sentence cutting answer as the token-by-token rules
they replace (credits and datelines, role nouns, line breaks)."""

from __future__ import annotations

import pytest

from eventwire.extract.dates import segments
from eventwire.nlp.doctext import line_break_tokens
from eventwire.nlp.lexicon import lexicon
from eventwire.nlp.mentions import (
    _credit_tokens,
    _datelines,
    _line_starts,
    _role_ending_at,
    dateline_tokens,
)

TEXTS = [
    "BERLIN, Jan 25 (Agency) - Germany agreed to send tanks.\n\nThe defence minister said so.",
    "\nWashington (AP) — The Secretary of State met the head of state.\n\n\nX",
    "A \n B\n",
    "",
    "\n",
    "  \n\n  DOHA (Agency) - talks resumed.\r\nThe prime minister's office said nothing.",
    "The deputy foreign minister and two police officers spoke to the chief executive.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_line_starts_are_the_tokens_after_a_line_break(nlp, text: str) -> None:
    doc = nlp.make_doc(text)
    expected = [t.i for t in doc if t.i == 0 or "\n" in doc[t.i - 1].text_with_ws]
    assert _line_starts(doc) == expected


def test_datelines_are_found_once_and_kept(nlp) -> None:
    doc = nlp(TEXTS[0])
    assert [span.text for span in _datelines(doc)] == ["BERLIN, Jan 25 (Agency) -"]
    assert dateline_tokens(doc) == set(range(0, 8))
    assert doc.user_data["eventwire_datelines"] == [[0, 8]]


def _role_ending_at_slowly(doc, index: int, floor: int):
    """The window loop alone, as it was written before the quick check."""
    lex = lexicon()
    for size in range(lex.max_role_words, 0, -1):
        start = index - size + 1
        if start < floor or start < 0:
            continue
        words = [t.lower_ for t in doc[start:index]] + [doc[index].lemma_.lower()]
        role = lex.roles.get(" ".join(words))
        if role is None and size == 1:
            role = lex.roles.get(doc[index].lower_)
        if role is not None:
            return " ".join(words), role
    return None


@pytest.mark.parametrize("text", TEXTS)
def test_role_nouns_found_as_by_the_window_loop(nlp, text: str) -> None:
    doc = nlp(text)
    for token in doc:
        for floor in (0, max(0, token.i - 4), token.i):
            assert _role_ending_at(doc, token.i, floor) == _role_ending_at_slowly(
                doc, token.i, floor)


def test_role_nouns_of_several_words(nlp) -> None:
    doc = nlp(TEXTS[-1])
    found = {_role_ending_at(doc, t.i, 0)[0] for t in doc if _role_ending_at(doc, t.i, 0)}
    assert {"foreign minister", "police officer", "chief executive"} <= found


CREDITS = [
    "Troops crossed the river (Photo: AFP/Getty Images) on Monday.\n(Reuters)\nTalks went on",
    "The minister (left) met the envoy ( POOL via Shutterstock ).\n\n(a\nb) c (d)",
    "(",
    ")",
]


def _credit_tokens_slowly(doc) -> set[int]:
    """Every token in turn, as it was written before only brackets and breaks were visited."""
    blocked: set[int] = set()
    opened = None
    for token in doc:
        if token.text == "(":
            opened = token.i
        elif token.text == ")" and opened is not None:
            if _is_credit(doc, opened, token.i):
                blocked.update(range(opened, token.i + 1))
            opened = None
        elif "\n" in token.text:
            opened = None
    return blocked


def _is_credit(doc, opened: int, closed: int) -> bool:
    inside = doc[opened + 1 : closed]
    text = inside.text.lower()
    line_start = opened == 0 or "\n" in doc[opened - 1].text_with_ws
    line_end = closed + 1 >= len(doc) or "\n" in doc[closed].text_with_ws or (
        "\n" in doc[closed + 1].text)
    return (" via " in f" {text} " or "/" in text or "getty" in text or "shutterstock" in text
            or (line_start and line_end and len(inside) <= 8))


@pytest.mark.parametrize("text", CREDITS + TEXTS)
def test_credits_found_as_token_by_token(nlp, text: str) -> None:
    doc = nlp.make_doc(text)
    assert _credit_tokens(doc) == _credit_tokens_slowly(doc)
    assert line_break_tokens(doc) == [t.i for t in doc if "\n" in t.text]


def test_a_credit_is_blocked(nlp) -> None:
    doc = nlp.make_doc(CREDITS[0])
    assert {t.text for t in doc if t.i in _credit_tokens(doc)} >= {"Getty", "Reuters"}


@pytest.mark.parametrize("text", TEXTS)
def test_segments_cut_at_line_breaks_as_token_by_token(nlp, text: str) -> None:
    doc = nlp(text)
    expected = []
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    expected.append((start, token.i))
                start = token.i + 1
        if start < sent.end:
            expected.append((start, sent.end))
    assert [(s.start, s.end) for s in segments(doc)] == expected


@pytest.mark.parametrize("text", TEXTS + ["A.\nB c", "x\ny.\n\nz", "a\n"])
def test_paragraph_starts_as_token_by_token(nlp, text: str) -> None:
    from eventwire.nlp.components import _SENTENCE_END, paragraphs_component

    doc = paragraphs_component(nlp.make_doc(text))
    expected = nlp.make_doc(text)
    for token in expected[2:]:
        brk = expected[token.i - 1]
        if brk.is_space and "\n" in brk.text and (
                "\n\n" in brk.text or expected[token.i - 2].text[-1:] in _SENTENCE_END):
            token.is_sent_start = True
    dateline = dateline_tokens(expected)
    for index in dateline:
        if index + 1 < len(expected) and index + 1 not in dateline:
            expected[index + 1].is_sent_start = True
    assert [t.is_sent_start for t in doc] == [t.is_sent_start for t in expected]


def test_an_acronym_the_tagger_takes_for_a_place_is_no_town():
    from eventwire.nlp.mentions import find_mentions
    from eventwire.nlp.towns import town_country
    from tests.hand_parses import parse

    # "DAB's Ben Chan kept his seat." with the tagger's DAB as a place (a town "Dab" is in
    # Côte d'Ivoire)
    doc = parse("""
        0 DAB      DAB      PROPN NNP  poss     3 GPE
        1 's       's       PART  POS  case     0
        2 Ben      Ben      PROPN NNP  compound 3 PERSON
        3 Chan     Chan     PROPN NNP  nsubj    4 I-PERSON
        4 kept     keep     VERB  VBD  ROOT     4
        5 his      his      PRON  PRP$ poss     6
        6 seat     seat     NOUN  NN   dobj     4
        7 .        .        PUNCT .    punct    4
    """)
    assert all(m.attrs.country != "CIV" for m in find_mentions(doc))
    assert town_country("DAB") is None and town_country("Yangon") == "MMR"
