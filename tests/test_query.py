"""The query API over a small synthetic corpus whose answers are known."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.query import Corpus, EventFilter
from eventwire.store import Store
from tests.test_store import make_result

PUTIN = ("A1", "Vladimir Putin", "person", "RUSGOV", ["Putin"])
TOKAYEV = ("A2", "Kassym Tokayev", "person", "KAZGOV", ["Tokayev"])


def build_corpus(db: Path) -> Path:
    """Five articles: one visit reported twice, an accusation, a refused meeting, a strike."""

    def article(name, publisher, published, text, event, quotes=()):
        return make_result(
            name, text, published=published, publisher=publisher,
            actors=[PUTIN, TOKAYEV], events=[event], quotes=list(quotes),
        )  # fmt: skip

    results = [
        article("visit-a", "Harbour Wire", "2025-01-10",
                "Putin visited Tokayev in Astana. Putin said grain will flow east.",
                ("E1", "A1", "A2", "042", "visited"),
                [("Q1", "A1", "grain will flow east", ["A2"])]),
        article("visit-b", "Valley Gazette", "2025-01-11",
                "Russian leader Putin visited Tokayev on Friday for talks on rail tariffs.",
                ("E1", "A1", "A2", "042", "visited")),
        article("accuse", "Steppe Times", "2025-02-20",
                "Tokayev reportedly accused Putin of blocking the pipeline deal.",
                ("E1", "A2", "A1", "112", "accused", None, True)),
        article("meet", "Harbour Wire", "2025-02-21",
                "Putin did not agree to meet Tokayev in Moscow next month.",
                ("E1", "A1", "A2", "036", "meet", None, False, True)),
        article("strike", "Harbour Wire", "2025-03-05",
                "Putin struck targets near the border with Tokayev's country, reports said.",
                ("E1", "A1", "A2", "190", "struck")),
    ]  # fmt: skip
    with Store(db) as store:
        store.add(results)
        store.rebuild()
    return db


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("query") / "corpus.duckdb")


@pytest.fixture
def corpus(corpus_db: Path):
    with Corpus(corpus_db) as opened:
        yield opened


def count(corpus: Corpus, **filters) -> int:
    return len(corpus.events(EventFilter(**filters)))


def test_names_match_canonical_names_and_aliases(corpus: Corpus):
    assert corpus.resolve("putin") == corpus.resolve("Vladimir PUTIN") != []
    assert corpus.resolve("Nobody Atall") == []
    assert [a["name"] for a in corpus.actors("tok")] == ["Kassym Tokayev"]


def test_event_filters(corpus: Corpus):
    assert count(corpus) == 4  # the visit reported twice is one event
    assert count(corpus, source="Putin") == 3
    assert count(corpus, target="Putin") == 1
    assert count(corpus, actor="Tokayev") == 4
    assert count(corpus, source="Putin", target="Tokayev", type="04") == 1
    assert count(corpus, type="CONSULT") == 2  # 042 and 036
    assert count(corpus, quad_class=4) == 1
    assert count(corpus, since="2025-02") == 3
    assert count(corpus, until="2025-01") == 1
    assert count(corpus, since="2025-02-21", until="2025-02-21") == 1
    assert count(corpus, hedged=True) == 1
    assert count(corpus, negated=True) == 1
    assert count(corpus, publisher="valley gazette") == 1
    assert count(corpus, source="Nobody") == 0


def test_merged_event_counts_and_every_mention_keeps_its_evidence(corpus: Corpus):
    (visit,) = corpus.events(EventFilter(type="042"), mentions=True)
    assert (visit["num_mentions"], visit["num_sources"], visit["num_articles"]) == (2, 2, 2)
    assert (visit["source"], visit["target"]) == ("Vladimir Putin", "Kassym Tokayev")
    assert [m["doc"] for m in visit["mentions"]] == ["visit-a", "visit-b"]
    for mention in visit["mentions"]:
        assert mention["trigger"] == "visited" and "visited" in mention["sentence"]


def test_actor_profile(corpus: Corpus):
    profile = corpus.actor_profile("Putin")
    assert profile["name"] == "Vladimir Putin" and profile["aliases"] == ["Putin"]
    assert profile["codes"] == [
        {"code": "RUSGOV", "first_seen": "2025-01-10", "last_seen": "2025-03-05", "n_docs": 5,
         "origin": "text"}
    ]  # fmt: skip
    (counterpart,) = profile["counterparts"]
    assert counterpart["name"] == "Kassym Tokayev"
    assert (counterpart["events"], counterpart["as_source"], counterpart["as_target"]) == (4, 3, 1)
    assert corpus.actor_profile("Nobody") is None


def test_quotes_by_speaker_topic_and_text(corpus: Corpus):
    (quote,) = corpus.quotes(speaker="Putin")
    assert quote["text"] == "grain will flow east" and quote["speaker"] == "Vladimir Putin"
    assert corpus.quotes(about="Tokayev") == [quote]
    assert corpus.quotes(text="GRAIN") == [quote]
    assert corpus.quotes(speaker="Tokayev") == []


def test_dyad_timeline_per_month(corpus: Corpus):
    months = corpus.timeline("Putin", "Tokayev")
    assert months == [
        {"month": "2025-01", "events": 1, "mean_goldstein": 1.9, "cooperation": 1,
         "conflict": 0, "mentions": 2},
        {"month": "2025-02", "events": 1, "mean_goldstein": 4.0, "cooperation": 1,
         "conflict": 0, "mentions": 1},
        {"month": "2025-03", "events": 1, "mean_goldstein": -10.0, "cooperation": 0,
         "conflict": 1, "mentions": 1},
    ]  # fmt: skip


def test_full_text_search_ranks_articles(corpus: Corpus):
    assert corpus.store.has_fts, "the fts extension loads offline from duckdb-extension-fts"
    hits = corpus.search("grain")
    assert [h["doc"] for h in hits] == ["visit-a"]
    assert {h["doc"] for h in corpus.search("pipeline deal")} == {"accuse"}


def test_search_without_the_extension_falls_back_to_plain_sql(corpus: Corpus):
    corpus.store.has_fts = False
    assert [h["doc"] for h in corpus.search("grain")] == ["visit-a"]
    assert [h["doc"] for h in corpus.search("Tokayev Moscow")] == ["meet"]


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    """Putin -> Tokayev reported with a day, a month only and a year only."""

    def article(name: str, date: str, cameo: str, trigger: str) -> object:
        return make_result(
            name, f"Putin {trigger} Tokayev, officials said.", published="2025-06-01",
            actors=[PUTIN, TOKAYEV], events=[("E1", "A1", "A2", cameo, trigger, date)],
        )  # fmt: skip

    db = tmp_path_factory.mktemp("dated") / "corpus.duckdb"
    with Store(db) as store:
        store.add([article("day", "2023-01-20", "042", "visited"),
                   article("month", "2023-07", "036", "met"),
                   article("year", "2023", "112", "accused")])  # fmt: skip
        store.rebuild()
    with Corpus(db) as opened:
        yield opened


def test_events_show_dates_as_reported_with_their_period(dated: Corpus):
    rows = {e["cameo"]: e for e in dated.events()}
    assert {c: e["date"] for c, e in rows.items()} == {
        "042": "2023-01-20", "036": "2023-07", "112": "2023"
    }  # fmt: skip
    year = rows["112"]
    assert (year["date_precision"], str(year["first_day"]), str(year["last_day"])) == (
        "year", "2023-01-01", "2023-12-31"
    )  # fmt: skip


def test_since_and_until_keep_events_whose_period_overlaps(dated: Corpus):
    def cameos(**filters) -> set[str]:
        return {e["cameo"] for e in dated.events(EventFilter(**filters))}

    assert cameos(since="2023-06") == {"036", "112"}  # the year may reach past June
    assert cameos(until="2023-03") == {"042", "112"}  # ... and may have begun before March
    assert cameos(since="2023-07-15", until="2023-07-20") == {"036", "112"}
    assert cameos(since="2024") == set()


def test_timeline_puts_year_only_events_in_a_row_of_their_own(dated: Corpus):
    months = [(m["month"], m["events"]) for m in dated.timeline("Putin", "Tokayev")]
    assert months == [("2023 (year only)", 1), ("2023-01", 1), ("2023-07", 1)]


def test_pages_of_every_listing_join_up_to_the_whole_list(corpus: Corpus):
    # offset pages (the HTTP API's) cut the same ordered list that limit None returns whole
    listings = {
        "actors": lambda limit, offset: corpus.actors(limit=limit, offset=offset),
        "events": lambda limit, offset: corpus.events(limit=limit, offset=offset),
        "quotes": lambda limit, offset: corpus.quotes(limit=limit, offset=offset),
        "search": lambda limit, offset: corpus.search("Putin", limit=limit, offset=offset),
    }
    for name, listing in listings.items():
        whole = listing(None, 0)
        assert whole, name
        pages = listing(2, 0) + listing(2, 2) + listing(None, 4)
        assert pages == whole, name
        assert listing(None, 1) == whole[1:], name
