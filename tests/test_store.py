"""The store on synthetic results: schema and migrations, corpus actors, duplicates, event merging.

The end-to-end tests with the real pipeline are in test_store_ingest.py; these build ``Result``
objects by hand so each rule can be checked on exactly the data it is about.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import duckdb
import pytest

from eventwire.model import Actor, Document, Event, Quote, Result, SentenceSpan, Span
from eventwire.store import Store, StoreError, load_overrides
from eventwire.store.actors import is_name_like, normalise
from eventwire.store.schema import SCHEMA_VERSION

# CAMEO facts used below: (code, root, quad class, Goldstein).
CAMEO = {
    "042": ("04", 1, 1.9, "CONSULT"),  # make a visit
    "036": ("03", 1, 4.0, "CONSULT"),  # express intent to meet
    "112": ("11", 3, -2.0, "ACCUSE"),  # accuse
    "190": ("19", 4, -10.0, "FIGHT"),  # use conventional military force
}


def make_result(
    name: str,
    text: str,
    *,
    published: str | None = "2025-03-14",
    publisher: str | None = "Harbour Wire",
    actors: list[tuple] = (),
    events: list[tuple] = (),
    quotes: list[tuple] = (),
) -> Result:
    """A Result over ``text``.

    actors: (id, name, type, code[, aliases]); events: (id, source, target, cameo, trigger
    word[, date, hedged, negated]); quotes: (id, speaker, quoted text[, about]).
    """
    built_actors = []
    for actor_id, actor_name, kind, code, *rest in actors:
        names = [actor_name, *(rest[0] if rest else [])]
        mentions = [Span(start=text.index(n), end=text.index(n) + len(n), text=n)
                    for n in names if n in text]  # fmt: skip
        built_actors.append(
            Actor(id=actor_id, name=actor_name, type=kind, code=code,
                  country=code[:3] if code else None, sector=(code[3:] or None) if code else None,
                  aliases=names[1:], mentions=mentions)
        )  # fmt: skip
    built_events = []
    for event_id, source, target, cameo, trigger, *rest in events:
        start = text.index(trigger)
        sentence_start = text.rfind(". ", 0, start) + 2 if ". " in text[:start] else 0
        sentence_end = text.find(".", start) + 1 or len(text)
        root, quad, goldstein, plover = CAMEO[cameo]
        built_events.append(
            Event(id=event_id, source=source, target=target, cameo=cameo, cameo_root=root,
                  plover=plover, quad_class=quad, goldstein=goldstein,
                  date=rest[0] if rest else None, hedged=rest[1] if len(rest) > 1 else False,
                  negated=rest[2] if len(rest) > 2 else False,
                  sentence=SentenceSpan(start=sentence_start, end=sentence_end),
                  trigger=Span(start=start, end=start + len(trigger), text=trigger),
                  confidence=0.8)
        )  # fmt: skip
    built_quotes = []
    for quote_id, speaker, quoted, *rest in quotes:
        start = text.index(quoted)
        built_quotes.append(
            Quote(id=quote_id, text=quoted, start=start, end=start + len(quoted), kind="direct",
                  speaker=speaker, about=list(rest[0]) if rest else [])
        )  # fmt: skip
    content_hash = hashlib.sha256(f"{name}\n{text}".encode()).hexdigest()
    document = Document(id=name, text=text, published=published, publisher=publisher,
                        url=f"https://{(publisher or 'x').lower().replace(' ', '')}.example/{name}",
                        title=name.replace("-", " "), content_hash=content_hash)  # fmt: skip
    return Result(document=document, actors=built_actors, events=built_events, quotes=built_quotes)


VISIT = (
    "Vladimir Putin received Kassym Tokayev in the Kremlin on Tuesday. The two leaders spoke "
    "about grain corridors, pipeline tariffs and a new rail link across the steppe. Officials "
    "said further rounds of talks would follow in Astana before the end of the spring."
)


def visit_report(name: str, publisher: str, published: str, lead: str) -> Result:
    text = f"{lead} {VISIT}"
    return make_result(
        name, text, published=published, publisher=publisher,
        actors=[("A1", "Vladimir Putin", "person", "RUSGOV", ["Putin"]),
                ("A2", "Kassym Tokayev", "person", "KAZGOV")],
        events=[("E1", "A2", "A1", "042", "received")],
    )  # fmt: skip


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "corpus.duckdb") as opened:
        yield opened


def table(store: Store, sql: str) -> list[tuple]:
    return store.con.execute(sql).fetchall()


def test_new_store_has_every_migration_and_reopening_keeps_it(tmp_path: Path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    with Store(path) as again:
        versions = table(again, "SELECT version FROM schema_version ORDER BY version")
    assert versions == [(v,) for v in range(1, SCHEMA_VERSION + 1)]


def test_store_refuses_a_newer_schema(tmp_path: Path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (99, 'from the future')")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)
    with pytest.raises(StoreError, match="newer"):
        Store(path, read_only=True)


def test_rows_of_a_result_are_stored_with_content_ids(store: Store):
    result = make_result(
        "visit", "Putin met Tokayev. Putin said: grain will flow.",
        actors=[("A1", "Putin", "person", "RUSGOV"), ("A2", "Tokayev", "person", "KAZGOV")],
        events=[("E1", "A1", "A2", "036", "met")],
        quotes=[("Q1", "A1", "grain will flow", ["A2"])],
    )  # fmt: skip
    store.add([result])
    store.rebuild()
    (doc_id,) = table(store, "SELECT doc_id FROM documents")[0]
    assert doc_id == "doc-" + result.document.content_hash[:16]
    assert table(store, "SELECT mention_id, trigger_text FROM mentions") == [
        (f"{doc_id}/E1", "met")
    ]
    assert table(store, "SELECT quote_id, speaker_local, about_local FROM quotes") == [
        (f"{doc_id}/Q1", "A1", ["A2"])
    ]
    assert store.known_keys() == {result.document.content_hash}


def test_one_word_name_joins_the_full_name(store: Store):
    store.add([
        make_result("a", "Vladimir Putin spoke in Moscow.",
                    actors=[("A1", "Vladimir Putin", "person", "RUSGOV")]),
        make_result("b", "Putin answered questions.", published="2025-03-20",
                    actors=[("A1", "Putin", "person", "RUSGOV")]),
        make_result("c", "President Putin left.", published="2025-03-22",
                    actors=[("A1", "President Putin", "person", "RUSGOV", ["Putin", "he"])]),
    ])  # fmt: skip
    store.rebuild()
    actors = table(store, "SELECT name, n_docs FROM actors")
    assert actors == [("Vladimir Putin", 3)]
    aliases = {a for (a,) in table(store, "SELECT alias FROM actor_aliases")}
    assert aliases == {"Putin", "President Putin"}  # "he" is not a name


def test_role_periods_come_from_document_dates(store: Store):
    store.add([
        make_result("m1", "Elon Musk opened a factory.", published="2023-05-02",
                    actors=[("A1", "Elon Musk", "person", "USABUS")]),
        make_result("m2", "Musk launched a rocket.", published="2024-11-30",
                    actors=[("A1", "Musk", "person", "USABUS")]),
        make_result("m3", "Elon Musk advised the White House.", published="2025-02-10",
                    actors=[("A1", "Elon Musk", "person", "USAGOV")]),
        make_result("m4", "Musk cut budgets.", published="2025-04-01",
                    actors=[("A1", "Musk", "person", "USAGOV")]),
    ])  # fmt: skip
    store.rebuild()
    codes = table(store, "SELECT code, first_seen, last_seen, n_docs FROM actor_codes ORDER BY 1")
    assert codes == [
        ("USABUS", "2023-05-02", "2024-11-30", 2),
        ("USAGOV", "2025-02-10", "2025-04-01", 2),
    ]


def test_user_overrides_join_names_and_set_codes(store: Store, tmp_path: Path):
    yaml_file = tmp_path / "actors.yaml"
    yaml_file.write_text(
        "- name: North Atlantic Treaty Organization\n"
        "  aliases: [NATO, the Alliance]\n"
        "  country: IGO\n"
        "  sector: MIL\n"
        "  roles:\n"
        "    - {code: IGOMIL, from: 1949-04-04}\n",
        encoding="utf-8",
    )
    store.set_overrides(load_overrides(yaml_file))
    store.add([
        make_result("n1", "NATO ministers met.", actors=[("A1", "NATO", "organization", None)]),
        make_result("n2", "The Alliance will respond.",
                    actors=[("A1", "the Alliance", "organization", None)]),
    ])  # fmt: skip
    store.rebuild()
    assert table(store, "SELECT name, code, n_docs, user_defined FROM actors") == [
        ("North Atlantic Treaty Organization", "IGOMIL", 2, True)
    ]
    assert table(store, "SELECT code, first_seen, origin FROM actor_codes") == [
        ("IGOMIL", "1949-04-04", "user")
    ]


def test_names_are_compared_without_case_accents_or_article():
    assert normalise("The Kremlin") == normalise("kremlin")
    assert normalise("Aleksandar Vučić") == "aleksandar vucic"
    assert is_name_like("the Kremlin") and is_name_like("Putin")
    assert not is_name_like("the Russian president") and not is_name_like("he")


def test_syndicated_copy_is_linked_and_not_counted_twice(store: Store):
    original = visit_report("wire-1", "Harbour Wire", "2025-03-14", "MOSCOW (Harbour Wire) -")
    copy = visit_report("copy-1", "Valley Gazette", "2025-03-15", "By Valley Gazette staff.")
    store.add([copy, original])
    store.rebuild()
    duplicates = table(store, "SELECT name, duplicate_of FROM documents ORDER BY name")
    original_id = "doc-" + original.document.content_hash[:16]
    assert duplicates == [("copy-1", original_id), ("wire-1", None)]
    assert table(store, "SELECT num_mentions, num_sources, num_articles FROM events") == [
        (1, 1, 1)
    ]
    assert table(store, "SELECT count(*) FROM mention_events") == [(2,)]  # both kept as evidence


def test_unrelated_articles_are_not_duplicates(store: Store):
    store.add([
        visit_report("wire-1", "Harbour Wire", "2025-03-14", "MOSCOW -"),
        make_result("other", "Floods closed three roads in the valley after a week of rain, "
                    "and farmers counted their losses as the river kept rising."),
    ])  # fmt: skip
    store.rebuild()
    assert table(store, "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL") == [(0,)]


def test_same_event_from_several_articles_becomes_one_event(store: Store):
    def report(name: str, publisher: str, published: str, date: str | None = None) -> Result:
        text = f"Report {name}: Tokayev visited Putin in Moscow, {publisher} says."
        return make_result(
            name, text, published=published, publisher=publisher,
            actors=[("A1", "Kassym Tokayev", "person", "KAZGOV", ["Tokayev"]),
                    ("A2", "Vladimir Putin", "person", "RUSGOV", ["Putin"])],
            events=[("E1", "A1", "A2", "042", "visited", date)],
        )  # fmt: skip

    store.add([
        report("a", "Harbour Wire", "2025-03-14"),
        report("b", "Valley Gazette", "2025-03-15"),
        report("c", "Harbour Wire", "2025-03-16", "2025-03-14"),
        report("d", "Steppe Times", "2025-03-25"),  # eleven days later: another visit
        report("e", "Steppe Times", "2025-04-02", "2025-03"),  # month precision only
    ])  # fmt: skip
    store.rebuild()
    events = table(
        store,
        "SELECT date, date_precision, num_mentions, num_sources, num_articles FROM events "
        "ORDER BY date_precision, date",
    )
    assert [(str(d), p, m, s, a) for d, p, m, s, a in events] == [
        ("2025-03-14", "day", 3, 2, 3),
        ("2025-03-25", "day", 1, 1, 1),
        ("2025-03-01", "month", 1, 1, 1),
    ]
    # every mention keeps its own evidence
    evidence = table(
        store,
        "SELECT m.doc_id, m.trigger_start, m.trigger_text FROM mention_events me "
        "JOIN mentions m USING (mention_id) JOIN events e USING (event_id) "
        "WHERE e.num_mentions = 3",
    )
    assert len(evidence) == 3 and {t for _, _, t in evidence} == {"visited"}


# Columns that record when, not what: left out where two stores are compared by content.
CONTENT = {"documents": "EXCLUDE (added)"}


def test_rebuild_does_not_depend_on_insertion_order(tmp_path: Path):
    results = [
        make_result("a", "Putin met Tokayev in Moscow.", published="2025-03-14",
                    actors=[("A1", "Putin", "person", "RUSGOV"),
                            ("A2", "Kassym Tokayev", "person", "KAZGOV", ["Tokayev"])],
                    events=[("E1", "A1", "A2", "036", "met")]),
        make_result("b", "Vladimir Putin met Tokayev again.", published="2025-03-15",
                    actors=[("A1", "Vladimir Putin", "person", "RUSGOV"),
                            ("A2", "Tokayev", "person", "KAZGOV")],
                    events=[("E1", "A1", "A2", "036", "met")]),
    ]  # fmt: skip
    dumps = []
    for order, name in ((results, "one"), (results[::-1], "two")):
        with Store(tmp_path / f"{name}.duckdb") as s:
            for result in order:
                s.add([result.model_copy(deep=True)])
            s.rebuild()
            dumps.append(
                [table(s, f"SELECT * {CONTENT.get(t, '')} FROM {t} ORDER BY ALL")
                 for t in ("actors", "actor_aliases", "events", "mention_events", "documents")]
            )  # fmt: skip
    assert dumps[0] == dumps[1]
    assert dumps[0][2][0][14:17] == (2, 1, 2)  # one event: two mentions, one source, two articles


def test_a_store_from_an_older_version_is_migrated(tmp_path: Path):
    from eventwire.store.schema import MIGRATIONS

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, name VARCHAR)")
    for number, name, apply in MIGRATIONS[:2]:
        apply(con)
        con.execute("INSERT INTO schema_version VALUES (?, ?)", [number, name])
    con.execute(
        "INSERT INTO mentions (mention_id, doc_id, local_id, cameo, cameo_root, quad_class, "
        "goldstein) VALUES ('doc-1/E1', 'doc-1', 'E1', '042', '04', 1, 1.9)"
    )
    con.close()
    with Store(path, read_only=True) as store:  # even a reader gets the current schema
        assert table(store, "SELECT max(version) FROM schema_version") == [(SCHEMA_VERSION,)]
        assert table(store, "SELECT mention_id, hypothetical, mode FROM mentions") == [
            ("doc-1/E1", False, None)
        ]


def test_hypothetical_and_done_events_are_not_merged(store: Store):
    planned = make_result("p", "Tokayev plans to visit Putin.", published="2025-03-14",
                          actors=[("A1", "Tokayev", "person", "KAZGOV"),
                                  ("A2", "Putin", "person", "RUSGOV")],
                          events=[("E1", "A1", "A2", "042", "visit")])  # fmt: skip
    planned.events[0].hypothetical = True
    planned.events[0].mode = "visit"
    done = make_result("d", "Tokayev visited Putin.", published="2025-03-15",
                       actors=[("A1", "Tokayev", "person", "KAZGOV"),
                               ("A2", "Putin", "person", "RUSGOV")],
                       events=[("E1", "A1", "A2", "042", "visited")])  # fmt: skip
    store.add([planned, done])
    store.rebuild()
    assert table(store, "SELECT hypothetical, mode FROM events ORDER BY hypothetical") == [
        (False, None), (True, "visit")
    ]  # fmt: skip


def test_the_sample_actor_overrides_load():
    overrides = load_overrides(Path(__file__).resolve().parents[1] / "samples" / "actors.yaml")
    musk = next(o for o in overrides if o.name == "Elon Musk")
    assert {r["code"] for r in musk.roles} == {"USABUS", "USAGOV"}
    assert all(isinstance(r["from"], str) for r in musk.roles)


def test_one_word_names_go_to_the_best_supported_person_and_places_stay_apart():
    from eventwire.store.actors import DocActor, merge_actors

    def actor(doc: str, name: str, kind: str = "person", aliases=()) -> DocActor:
        return DocActor(doc, "A1", name, kind, None, None, None, list(aliases), 1, "2025-01-01")

    merged = merge_actors(
        [
            actor("d1", "Donald Trump", aliases=["Trump"]),
            actor("d2", "Donald Trump", aliases=["Trump"]),
            actor("d3", "Melania Trump"),
            actor("d4", "Trump"),
            actor("d5", "George Washington"),
            actor("d6", "Washington", "location"),
        ],
        [],
    )
    names = {row[0]: row[1] for row in merged.actors}
    by_doc = {doc: names[actor_id] for doc, _, actor_id in merged.doc_map}
    assert by_doc["d4"] == "Donald Trump"
    assert by_doc["d3"] == "Melania Trump"
    assert by_doc["d6"] == "Washington" and by_doc["d5"] == "George Washington"


def test_year_and_month_only_dates_keep_their_precision_and_merge_only_alike(store: Store):
    def report(name: str, published: str, date: str | None) -> Result:
        text = f"Report {name}: Tokayev visited Putin in Moscow."
        return make_result(
            name, text, published=published,
            actors=[("A1", "Kassym Tokayev", "person", "KAZGOV", ["Tokayev"]),
                    ("A2", "Vladimir Putin", "person", "RUSGOV", ["Putin"])],
            events=[("E1", "A1", "A2", "042", "visited", date)],
        )  # fmt: skip

    store.add([
        report("day", "2025-03-14", "2023-05-14"),
        report("year-a", "2025-03-14", "2023"),  # may be the May visit, or another one
        report("year-b", "2025-04-01", "2023"),  # the same year-only report: one event
        report("month", "2025-04-02", "2023-05"),
        report("day-b", "2025-04-03", "2023-05-16"),  # two days later: the May 14 visit
    ])  # fmt: skip
    store.rebuild()
    events = table(
        store,
        "SELECT date_text, date_precision, date, last_date, num_mentions FROM events "
        "ORDER BY date_precision, date",
    )
    assert [(t, p, str(d), str(last), n) for t, p, d, last, n in events] == [
        ("2023-05-14", "day", "2023-05-14", "2023-05-16", 2),
        ("2023-05", "month", "2023-05-01", "2023-05-31", 1),
        ("2023", "year", "2023-01-01", "2023-12-31", 2),
    ]


def test_migration_to_dated_periods_fills_date_text_and_last_day(tmp_path: Path):
    from eventwire.store.schema import MIGRATIONS

    path = tmp_path / "v3.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, name VARCHAR)")
    for number, name, apply in MIGRATIONS[:3]:
        apply(con)
        con.execute("INSERT INTO schema_version VALUES (?, ?)", [number, name])
    con.execute(
        "INSERT INTO events (event_id, cameo, date, date_precision, last_date) VALUES "
        "(1, '042', DATE '2023-01-01', 'year', NULL), "
        "(2, '042', DATE '2024-02-01', 'month', DATE '2024-02-01'), "
        "(3, '042', DATE '2024-03-05', 'day', DATE '2024-03-07'), "
        "(4, '042', NULL, NULL, NULL)"
    )
    con.close()
    with Store(path) as upgraded:
        rows = table(upgraded, "SELECT event_id, date_text, last_date FROM events ORDER BY 1")
    assert [(i, t, str(d) if d else None) for i, t, d in rows] == [
        (1, "2023", "2023-12-31"),
        (2, "2024-02", "2024-02-29"),
        (3, "2024-03-05", "2024-03-07"),
        (4, None, None),
    ]


# Every table a rebuild writes or reads, with the incremental state (the search index aside).
STATE_TABLES = (
    "documents", "actors", "actor_aliases", "actor_codes", "doc_actor_map", "events",
    "mention_events", "rebuilt_docs", "doc_bands", "near_duplicates", "meta",
)  # fmt: skip

WORDS = ["grain", "rail", "harbour", "tariff", "border", "envoy", "budget", "drought", "summit",
         "treaty", "loan", "port", "factory", "pipeline", "ceasefire", "election", "sanctions",
         "talks", "bridge", "river"]  # fmt: skip


def varied_results() -> list[Result]:
    """Articles where later ones change earlier decisions: surnames that join a full name,
    a copy published before the article it copies, and day, month and year-only dates."""
    rng = random.Random(11)
    people = [("Vladimir Putin", "RUSGOV"), ("Kassym Tokayev", "KAZGOV"),
              ("Olaf Brenner", "DEUGOV"), ("Mira Santos", "BRAGOV")]  # fmt: skip
    acts = [("042", "visited"), ("036", "met"), ("112", "accused"), ("190", "struck")]
    results = []
    for number in range(24):
        (a, code_a), (b, code_b) = rng.sample(people, 2)
        a_name = a if rng.random() < 0.5 else a.split()[-1]
        cameo, verb = rng.choice(acts)
        date = rng.choice([None, "2024", "2024-05", "2024-05-02", "2024-05-04", "2024-05-20"])
        filler = " ".join(rng.choice(WORDS) for _ in range(14))
        text = f"Item {number}: {a_name} {verb} {b} after {filler}."
        results.append(make_result(
            f"item-{number}", text, published=f"2024-06-{1 + number % 9:02d}",
            publisher=rng.choice(["Harbour Wire", "Valley Gazette", "Steppe Times"]),
            actors=[("A1", a_name, "person", code_a), ("A2", b, "person", code_b)],
            events=[("E1", "A1", "A2", cameo, verb, date)],
        ))  # fmt: skip
    results += [
        visit_report("wire-1", "Harbour Wire", "2025-03-14", "MOSCOW (Harbour Wire) -"),
        visit_report("copy-1", "Valley Gazette", "2025-03-15", "By Valley Gazette staff."),
        visit_report("first-1", "Steppe Times", "2025-03-13", "ASTANA (Steppe Times) -"),
    ]
    return results


def state(s: Store) -> dict[str, list[tuple]]:
    return {t: table(s, f"SELECT * {CONTENT.get(t, '')} FROM {t} ORDER BY ALL")
            for t in STATE_TABLES}  # fmt: skip


def test_incremental_rebuilds_end_like_one_full_rebuild(tmp_path: Path):
    results = varied_results()
    with Store(tmp_path / "once.duckdb") as once:
        once.add([r.model_copy(deep=True) for r in results])
        once.rebuild()
        expected = state(once)
    assert len({row[1] for row in expected["events"]}) > 2  # several source actors
    assert sum(row[-1] is not None for row in expected["documents"]) == 2  # two copies

    for name, order, cuts in (("steps", results, (10, 20, 25)),
                              ("reversed", results[::-1], (1, 2, 14))):  # fmt: skip
        with Store(tmp_path / f"{name}.duckdb") as steps:
            start = 0
            for cut in (*cuts, len(order)):
                steps.add([r.model_copy(deep=True) for r in order[start:cut]])
                steps.rebuild()
                start = cut
            assert state(steps) == expected, name
            steps.rebuild(force=True)
            assert state(steps) == expected, name


def test_a_later_article_that_relinks_an_actor_or_reorders_copies_updates_old_events(
    tmp_path: Path,
):
    lone = make_result(
        "lone", "Brenner struck a deal with Mira Santos on the harbour fees.",
        published="2024-06-01",
        actors=[("A1", "Brenner", "person", "DEUGOV"), ("A2", "Mira Santos", "person", "BRAGOV")],
        events=[("E1", "A1", "A2", "190", "struck")],
    )  # fmt: skip
    full_name = make_result(
        "full-name", "Olaf Brenner met Mira Santos in the old port.", published="2024-06-03",
        actors=[("A1", "Olaf Brenner", "person", "DEUGOV"),
                ("A2", "Mira Santos", "person", "BRAGOV")],
        events=[("E1", "A1", "A2", "036", "met")],
    )  # fmt: skip
    wire = visit_report("wire-1", "Harbour Wire", "2025-03-14", "MOSCOW (Harbour Wire) -")
    earlier = visit_report("first-1", "Steppe Times", "2025-03-13", "ASTANA (Steppe Times) -")
    earlier.events[0].cameo, earlier.events[0].goldstein = "036", 4.0  # read differently
    other = make_result(  # the same visit, in other words, by the wire's publisher
        "other", "Kassym Tokayev was received by Vladimir Putin, officials said.",
        published="2025-03-15", publisher="Harbour Wire",
        actors=[("A1", "Vladimir Putin", "person", "RUSGOV"),
                ("A2", "Kassym Tokayev", "person", "KAZGOV")],
        events=[("E1", "A2", "A1", "042", "received")],
    )  # fmt: skip
    first, second = [lone, wire, other], [full_name, earlier]

    with Store(tmp_path / "once.duckdb") as once:
        once.add([r.model_copy(deep=True) for r in first + second])
        once.rebuild()
        expected = state(once)
    with Store(tmp_path / "twice.duckdb") as twice:
        twice.add([r.model_copy(deep=True) for r in first])
        twice.rebuild()
        before = state(twice)
        twice.add([r.model_copy(deep=True) for r in second])
        twice.rebuild()
        assert state(twice) == expected
    # the second step did change old rows: Brenner's event and the counts of the visit
    # (the wire copies the earlier article now, so the visit has two sources, one mention)
    assert {r[1] for r in before["events"]} != {r[1] for r in expected["events"]}
    visits = [
        [r[14:16] for r in rows["events"] if r[3] == "042"] for rows in (before, expected)
    ]
    assert visits == [[(2, 1)], [(1, 2)]]


def test_a_store_without_incremental_state_is_rebuilt_in_full(tmp_path: Path):
    # As after migration 5 on a store rebuilt by an older eventwire: corpus tables present,
    # no record of what they cover.
    results = varied_results()
    with Store(tmp_path / "once.duckdb") as once:
        once.add([r.model_copy(deep=True) for r in results])
        once.rebuild()
        expected = state(once)
    with Store(tmp_path / "old.duckdb") as old:
        old.add([r.model_copy(deep=True) for r in results[:20]])
        old.rebuild()
        for clear in ("rebuilt_docs", "doc_bands", "near_duplicates"):
            old.con.execute(f"DELETE FROM {clear}")
        old.con.execute("DELETE FROM meta WHERE key = 'rebuilt_from'")
        old.add([r.model_copy(deep=True) for r in results[20:]])
        old.rebuild()
        assert state(old) == expected
