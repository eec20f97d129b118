"""The loader's speed-ups of stock spaCy components give exactly the stock annotations."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.nlp.fast_pipes import CachedLemmas, QuickAttributeMatches, speed_up
from eventwire.settings import Settings
from tests.conftest import SAMPLES

# Hand-written to reach the attribute ruler's rarer patterns: contractions and spoken forms
# ("ain't", "gonna", "y'all", "nothin'", "c'mon", "let's"), auxiliaries and their objects,
# "there is", "but" as an adverb, pronoun cases, determiners used alone, spaces and breaks.
TEXTS = [
    "The mayor said on Monday that the ferries would resume. They ain't gonna wait, y'all.",
    "\"Nothin' is certain,\" she told them. C'mon, let's go, he said; I gotta leave now.\n\n"
    "There is a plan, and there are doubts. It was not clear whether it'd work.",
    "Those who had voted did so because they wanted change, but the council has not said "
    "which of them it will hear.  You saw it; it saw you. That is all  \n  we know.",
    "Will the talks go on? The minister doesn't think so, though aides say they might.",
    "",
    "   \n\n  ",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    stock = spacy.load(Settings().model)
    fast = spacy.load(Settings().model)
    speed_up(fast)
    return stock, fast


def annotations(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_,
             t.ent_iob_, t.is_sent_start) for t in doc]


def sample_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]


def test_the_speed_ups_are_applied(pipelines) -> None:
    _stock, fast = pipelines
    assert isinstance(fast.get_pipe("lemmatizer").lemmatize, CachedLemmas)
    assert isinstance(fast.get_pipe("attribute_ruler").match, QuickAttributeMatches)


def test_same_annotations_as_the_stock_components(pipelines) -> None:
    stock, fast = pipelines
    texts = TEXTS + sample_texts()
    for _round in range(2):  # the second time from the caches
        for expected, got in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
            assert annotations(got) == annotations(expected)


def test_same_matches_as_the_stock_attribute_ruler(pipelines) -> None:
    stock, _fast = pipelines
    ruler = stock.get_pipe("attribute_ruler")
    quick = QuickAttributeMatches(ruler)
    assert len(quick.rest) < len(ruler.matcher)  # most patterns are looked up
    for doc in stock.pipe(TEXTS + sample_texts()):
        assert quick(doc) == ruler.match(doc)


def test_patterns_added_later_are_matched(pipelines) -> None:
    stock, _fast = pipelines
    nlp = spacy.load(Settings().model)
    speed_up(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "ferries"}]], {"LEMMA": "boat"})
    doc = nlp("The ferries resume.")
    assert doc[1].lemma_ == "boat"
    assert stock("The ferries resume.")[1].lemma_ == "ferry"


def test_the_lemma_cache_is_bounded(pipelines) -> None:
    stock, _fast = pipelines
    lemmatizer = stock.get_pipe("lemmatizer")
    cached = CachedLemmas(lemmatizer.lemmatize, limit=5)
    doc = stock(TEXTS[2])
    assert [cached(t) for t in doc] == [lemmatizer.lemmatize(t) for t in doc]
    assert len(cached.cache) <= 5
