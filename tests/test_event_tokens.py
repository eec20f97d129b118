"""The coder's Words (extract/event_tokens.py) answer as spaCy's tokens do: every fact they keep,
every token they hand on, in spaCy's order; and they are the document's tokens for comparisons."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Token

from eventwire.extract.event_tokens import Word, read_words, release_words

# hand-written for these tests: names of several words, a possessive, numbers, a quote, a line
# break, a relative clause, coordination, a passive and an infinitive
SENTENCES = [
    "The Russian Foreign Ministry on Tuesday accused the United States of arming Ukraine, "
    "which Washington denied.",
    'President Emmanuel Macron\'s office said 3,000 French troops would leave Mali by June. '
    '"We will not negotiate," the rebels said.\n\nTalks were postponed by the mediators.',
    "Kenyan police arrested two lawmakers and a bishop who sought to meet the protesters.",
    "",
]

# the facts a Word keeps, and the tokens it hands on
FACTS = ["i", "idx", "dep_", "pos_", "tag_", "lemma_", "lower_", "text", "ent_type_", "ent_iob_"]
ONE_TOKEN = ["head", "left_edge", "right_edge"]
SEVERAL = ["children", "lefts", "rights", "subtree", "ancestors"]


@pytest.fixture(scope="module")
def docs(nlp) -> list[Doc]:
    return list(nlp.pipe(SENTENCES))


def test_words_answer_as_spacy_tokens(docs):
    for doc in docs:
        words = read_words(doc)
        assert len(words) == len(doc)
        for word, token in zip(words, doc, strict=True):
            assert isinstance(word, Token) and word == token and hash(word) == hash(token)
            for name in FACTS:
                assert getattr(word, name) == getattr(token, name), name
            for name in ONE_TOKEN:
                handed = getattr(word, name)
                assert handed is words[getattr(token, name).i], name
            for name in SEVERAL:
                handed = getattr(word, name)
                assert [t.i for t in handed] == [t.i for t in getattr(token, name)], name
                assert all(t is words[t.i] for t in handed), name
                assert handed is getattr(word, name)  # read once
            assert word.sent == token.sent
            assert word.is_ancestor(words[0]) == token.is_ancestor(doc[0])
            # what a Word does not keep is spaCy's own
            assert word.like_num == token.like_num and word.is_punct == token.is_punct


def test_subtree_of_a_crossing_parse_is_spacys():
    """A parse with crossing arcs (the subtree is not the words between its edges)."""
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words=["a", "b", "c", "d", "e"], heads=[2, 3, 2, 2, 1],
              deps=["dep", "dep", "ROOT", "dep", "dep"])
    words = read_words(doc)
    for word, token in zip(words, doc, strict=True):
        assert [t.i for t in word.subtree] == [t.i for t in token.subtree]
        assert [t.i for t in word.ancestors] == [t.i for t in token.ancestors]


def test_one_word_per_token(docs):
    words = read_words(docs[2])
    verb = next(w for w in words if w.lemma_ == "arrest")
    assert all(child.head is verb for child in verb.children)
    assert verb.head is verb  # the root
    assert {w for w in words} == set(docs[2]) and words[3] in list(docs[2])


def test_released_words_keep_their_facts(docs):
    words = read_words(docs[0])
    subtree = words[5].subtree
    release_words(words)
    assert words[5].lemma_ == docs[0][5].lemma_ and len(subtree) == len(list(docs[0][5].subtree))
    assert words[5].head is None


def test_a_word_is_made_by_read_words_only(docs):
    assert Word.__slots__  # (no instance dict: every fact is a slot)
    with pytest.raises(AttributeError):
        Word(docs[0].vocab, docs[0], 0).__dict__  # noqa: B018
