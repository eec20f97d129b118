"""Serving tables and look-up indexes (migration 8): an older store upgrades when opened, and the
read paths answer from the serving tables exactly what the corpus tables say."""

from __future__ import annotations

from pathlib import Path

import duckdb

from eventwire.query import YEAR_ONLY, EventFilter
from eventwire.query.views import CorpusViews
from eventwire.store import Store, serving
from eventwire.store.schema import SCHEMA_VERSION
from tests.test_store import make_result

LOOKUP_INDEXES = {name for name, _, _ in serving.LOOKUP_INDEXES}


def _results(first: int, count: int) -> list:
    results = []
    for n in range(first, first + count):
        text = (f"Mara Quist met Olen Varga in Port Aster on day {n}. "
                f"Varga accused Quist of delays in report {n}.")  # fmt: skip
        results.append(make_result(
            f"article-{n}", text, published=f"2024-{1 + n % 12:02d}-{1 + n % 27:02d}",
            publisher=f"Wire {n % 3}",
            actors=[("A1", "Mara Quist", "person", "USAGOV", ["Quist"]),
                    ("A2", "Olen Varga", "person", "FRAGOV", ["Varga"])],
            events=[("E1", "A1", "A2", "042", "met"), ("E2", "A2", "A1", "112", "accused")],
            quotes=[("Q1", "A2", f"delays in report {n}")],
        ))  # fmt: skip
    return results


def _as_version_7(path: Path) -> None:
    """Make a current store look as eventwire wrote it before migration 8."""
    con = duckdb.connect(str(path))
    for (name,) in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall():
        con.execute(f'DROP INDEX "{name}"')
    for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'serve\\_%' ESCAPE '\\'"
    ).fetchall():
        con.execute(f"DROP TABLE {name}")
    con.execute("DELETE FROM schema_version WHERE version = 8")
    con.execute("DELETE FROM meta WHERE key = 'served_from'")
    con.close()


def _indexes(con) -> set[str]:
    return {name for (name,) in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}


def test_a_version_7_store_gets_indexes_and_serving_tables_when_read(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.add(_results(0, 6))
        store.rebuild()
    with CorpusViews(path) as fresh:
        expected = (fresh.counts(), fresh.documents(limit=10), fresh.events(limit=None),
                    fresh.timeline("Quist", "Varga"), fresh.actor_profile("Varga"),
                    fresh.quotes(speaker="Varga"))  # fmt: skip
    _as_version_7(path)
    with CorpusViews(path) as upgraded:  # a reader migrates and builds them first
        assert upgraded.con.execute("SELECT max(version) FROM schema_version").fetchone() == (
            SCHEMA_VERSION,
        )
        assert _indexes(upgraded.con) >= LOOKUP_INDEXES
        assert serving.is_current(upgraded.con)
        assert (upgraded.counts(), upgraded.documents(limit=10), upgraded.events(limit=None),
                upgraded.timeline("Quist", "Varga"), upgraded.actor_profile("Varga"),
                upgraded.quotes(speaker="Varga")) == expected  # fmt: skip


def test_serving_answers_equal_the_corpus_tables_after_each_ingest(tmp_path: Path):
    path = tmp_path / "store.duckdb"
    for first in (0, 7):  # the second ingest makes the serving tables stale, rebuild renews
        with Store(path) as store:
            store.add(_results(first, 7))
            store.rebuild()
        with CorpusViews(path) as corpus:
            con = corpus.con
            assert corpus.counts() == dict(zip(
                ("documents", "actors", "events", "mentions", "quotes"),
                con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM "
                            "actors), (SELECT count(*) FROM events), (SELECT count(*) FROM "
                            "mentions), (SELECT count(*) FROM quotes)").fetchone(),
                strict=True))  # fmt: skip
            newest = [row[0] for row in con.execute(
                "SELECT doc_id FROM documents ORDER BY published DESC NULLS LAST, doc_id"
            ).fetchall()]  # fmt: skip
            listed = [d["doc_id"] for offset in range(0, len(newest), 4)
                      for d in corpus.documents(limit=4, offset=offset)]  # fmt: skip
            assert listed == newest
            ordered = [row[0] for row in con.execute(
                "SELECT event_id FROM events "
                "ORDER BY date DESC NULLS LAST, num_mentions DESC, event_id").fetchall()]
            assert [e["event_id"] for e in corpus.events(limit=None)] == ordered
            accused = [row[0] for row in con.execute(
                "SELECT event_id FROM events WHERE cameo = '112' "
                "ORDER BY date DESC NULLS LAST, num_mentions DESC, event_id").fetchall()]
            assert [e["event_id"] for e in corpus.events(actor="Varga", type="11", limit=3,
                                                          offset=1)] == accused[1:4]
            months = corpus.timeline("Quist", "Varga")
            assert sum(m["events"] for m in months) == len(ordered) - len(accused)
            for month in months:
                listed = corpus.dyad_events("Quist", "Varga", month["month"], limit=500)
                assert len(listed) == month["events"]
                assert all(e["source"] == "Mara Quist" and e["sentence"] for e in listed)
            assert not any(m["month"].endswith(YEAR_ONLY) for m in months)


def test_a_document_page_is_found_by_publisher_words_in_served_order(tmp_path: Path):
    path = tmp_path / "store.duckdb"
    with Store(path) as store:
        store.add(_results(0, 9))
        store.rebuild()
    with CorpusViews(path) as corpus:
        wire_1 = corpus.documents(publisher="wire 1", limit=50)
        assert [d["publisher"] for d in wire_1] == ["Wire 1"] * 3
        assert [d["published"] for d in wire_1] == sorted(
            (d["published"] for d in wire_1), reverse=True)
        assert all(d["events"] == 2 and d["quotes"] == 1 for d in wire_1)


def test_the_network_by_whole_months_equals_the_network_of_every_event(tmp_path: Path):
    path = tmp_path / "store.duckdb"
    with Store(path) as store:
        store.add(_results(0, 14))
        store.rebuild()
    with CorpusViews(path) as corpus:
        for filters in ({}, {"quad_class": 3}, {"type": "04"}, {"type": "accuse"},
                        {"since": "2024-06"}, {"until": 2024}, {"since": "2024-03",
                        "until": "2024-05", "type": "1"}):  # fmt: skip
            where = EventFilter(**filters)
            monthly = corpus._monthly_edges(where, 300)
            assert monthly is not None
            assert monthly == corpus._edges(where, 300), filters
            assert corpus.network(where)["edges"] == monthly
        assert corpus._monthly_edges(EventFilter(since="2024-06-02"), 300) is None
        assert corpus._monthly_edges(EventFilter(actor="Varga"), 300) is None


def test_a_word_search_of_quotes_pages_like_the_whole_ordered_list(tmp_path: Path, monkeypatch):
    import eventwire.query as query

    monkeypatch.setattr(query, "QUOTE_WINDOW", 3)  # the first try sees only 3 positions
    path = tmp_path / "store.duckdb"
    with Store(path) as store:
        store.add(_results(0, 12))
        store.rebuild()
    with CorpusViews(path) as corpus:
        every = corpus.quotes(text="delays in report", limit=None)
        assert len(every) == 12
        pages = [corpus.quotes(text="delays in report", limit=5, offset=o) for o in (0, 5, 10)]
        assert [q for page in pages for q in page] == every
        assert corpus.quotes(text="report 1", limit=2) == [
            q for q in every if "report 1" in q["text"]][:2]
        assert corpus.quotes(text="DELAYS", speaker="Varga", limit=3) == every[:3]


def test_an_ingesting_server_upgrades_a_version_7_store_too(tmp_path: Path):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.add(_results(0, 3))
        store.rebuild()
    _as_version_7(path)
    with CorpusViews(path, writable=True) as corpus:  # opened for writing, as --allow-ingest
        assert corpus.counts()["documents"] == 3
        assert len(corpus.documents()) == 3
