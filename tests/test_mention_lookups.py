"""The quick paths of mention finding answer as the token-by-token rules they replace."""

from __future__ import annotations

import pytest

from eventwire.nlp.lexicon import lexicon
from eventwire.nlp.mentions import _datelines, _line_starts, _role_ending_at, dateline_tokens

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
