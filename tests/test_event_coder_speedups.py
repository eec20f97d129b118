"""The event coder's speed-ups answer as the code they replaced: participant phrases cut from the
text (also from the coder's Words), a sense's one-word keywords met as a set, party look-ups kept
per sentence, scores kept per weights and date expressions resolved once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from eventwire.extract.dates import DateValue, resolve
from eventwire.extract.event_candidates import Candidate
from eventwire.extract.event_context import EventContext
from eventwire.extract.event_lexicon import Sense
from eventwire.extract.event_participants import parties_at, subjects_of
from eventwire.extract.event_tokens import read_words
from eventwire.extract.scoring import Evidence, confidence, load_weights, scored
from eventwire.extract.syntax import (
    choose,
    complement_words,
    entity,
    has_word,
    phrase,
    subject_words,
)

# hand-written for these tests: entities of several words, possessives, flat names, numbers,
# a determiner before modifiers, line breaks and double spaces
SENTENCES = [
    "The Russian Foreign Ministry on Tuesday accused the United States of arming Ukraine.",
    "President Emmanuel Macron's  office said 3,000 French troops would leave Mali by June.",
    "Kenyan police arrested two opposition lawmakers in Nairobi after the protests.\n\n"
    "The government of Ethiopia and the rebels signed a ceasefire in Pretoria.",
]


def _old_phrase(token) -> str:
    """phrase() as it was, with spaCy Spans."""
    doc = token.doc
    left = [c for c in token.lefts if c.dep_ in {"amod", "compound", "poss", "nmod", "nummod",
                                                  "det", "case"}]
    start = min([token.i, *(c.left_edge.i for c in left)])
    while start < token.i and doc[start].dep_ == "det":
        start += 1
    end = token.i + 1
    while end < len(doc) and doc[end].dep_ == "flat":
        end += 1
    ent = entity(token)
    if ent is not None:
        start, end = min(start, ent.start), max(end, ent.end)
    return doc[start:end].text


@pytest.fixture(scope="module")
def docs(nlp):
    return list(nlp.pipe(SENTENCES))


def test_phrase_is_the_span_text(docs):
    for doc in docs:
        for token in doc:
            assert phrase(token) == _old_phrase(token)


@pytest.mark.parametrize("keywords", [
    ("troops",), ("french troops",), ("leave", "nothing"), ("absent",), ("", "troops"),
    ("by june", "mali"), ("ceasefire",), ("police",), ("kenyan police",),
])
def test_choose_meets_keywords_as_the_text_search_did(docs, keywords):
    """A sense asking for words around the trigger (or in its doer) is chosen exactly when one
    keyword is found as a whole word or phrase in the words complement_words gives."""
    for doc in docs:
        for token in doc:
            for noun_context in (False, True):
                around = complement_words(token, include_head_context=noun_context)
                sense = Sense(code="042", with_words=keywords)
                expected = sense if any(has_word(around, w) for w in keywords) else None
                assert choose([sense], token, noun_context=noun_context) == expected
            doers = subject_words(token)
            sense = Sense(code="173", by_words=keywords)
            expected = sense if any(has_word(doers, w) for w in keywords) else None
            assert choose([sense], token) == expected


def test_sense_keyword_sets_follow_replace():
    sense = Sense(code="042", with_words=("troops", "french troops"), by_words=("police",))
    assert sense.with_single == {"troops"} and sense.with_phrases == ("french troops",)
    assert sense.by_single == {"police"} and sense.by_phrases == ()
    bare = replace(sense, with_words=())
    assert bare.with_single == frozenset() and bare.with_phrases == ()
    # the derived sets take no part in equality
    assert sense == Sense(code="042", with_words=("troops", "french troops"), by_words=("police",))


def test_party_lookups_are_kept_until_an_act_is_remembered(docs):
    doc = docs[0]
    ctx = EventContext.for_document(doc, [])
    verb = next(t for t in doc if t.lemma_ == "accuse")
    first = subjects_of(ctx, verb)
    again = subjects_of(ctx, verb)
    assert first == again and first is not again  # the same answer, in a list of its own
    again.clear()
    assert subjects_of(ctx, verb) == first
    obj = next(t for t in doc if t.dep_ == "dobj")
    parties = parties_at(ctx, obj)
    assert parties == parties_at(ctx, obj)
    ctx.remember(Candidate(code="112", trigger=verb, start=verb.i, end=verb.i + 1,
                           sources=first, targets=parties, match="verb"))
    assert ("subjects_of", verb.i, 1) not in ctx._answers
    assert subjects_of(ctx, verb) == first  # asked anew after an act was remembered
    assert ("subjects_of", verb.i, 1) in ctx._answers


def test_phrase_of_a_word_is_the_phrase_of_its_token(docs):
    for doc in docs:
        for word, token in zip(read_words(doc), doc, strict=True):
            assert phrase(word) == phrase(token)


def test_scores_are_kept_per_weights_mapping():
    evidences = [Evidence(match=m, source=s, target=t, quad_class=q, hedged=h, quoted=h)
                 for m in ("verb", "statement", "noun") for s in ("known", "none")
                 for t in ("words", "country") for q in (1, 4) for h in (False, True)]
    weights = load_weights()
    other = {name: -value for name, value in weights.items()}
    for evidence in evidences * 2:  # the second time from what was kept
        assert scored(evidence, weights) == (evidence.prior(), confidence(evidence, weights))
        assert scored(evidence, other) == (evidence.prior(), confidence(evidence, other))
    assert any(scored(e, weights) != scored(e, other) for e in evidences)


@pytest.mark.parametrize("text", ["Tuesday", "last week", "March 3", "in 2019", "that year",
                                  "two days later", "May", "yesterday", "next month"])
def test_kept_date_answers_are_the_function_s(text):
    published = date(2024, 5, 17)
    anchor = DateValue("2021-08", "explicit")
    for args in [(text, published), (text, published, anchor), (text, None),
                 (text, published, None, anchor, True)]:
        assert resolve(*args) == resolve.__wrapped__(*args) == resolve(*args)


def test_date_entities_read_from_the_words_are_those_of_doc_ents(nlp):
    from eventwire.extract.dates import _date_entities

    texts = [*SENTENCES, "On Monday morning, two days after the vote of March 3, 2024, the "
             "council met again at 9 a.m. last week in Kyiv."]
    for doc in nlp.pipe(texts):
        expected = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ in {"DATE", "TIME"}]
        found = [(e.start, e.end, e.label_) for e in _date_entities(doc, read_words(doc))]
        assert found == expected
