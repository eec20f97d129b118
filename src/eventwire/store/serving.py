"""Serving tables: what the read paths (``eventwire.query``, the HTTP API) look up, precomputed.

A page of a list, an actor's profile or a dyad's timeline asked of the per-document and corpus
tables costs a scan of over a million rows each on a store of 100,000 articles. These tables
hold the same answers laid out for look-ups: every list sorted in the order it is served with
its position (``pos``) stored, so a page is a range of positions, and per-actor and per-dyad
rows sorted by actor, so that DuckDB's min/max zone maps skip every other actor's rows.

Like the corpus tables they are a pure function of the stored documents, and like the
full-text index they are recomputed whole by :func:`build` at the end of every
``Store.rebuild`` (a few seconds on 100,000 articles). ``meta`` records what they were built
from (``served_from``, equal to ``rebuilt_from`` when current); a reader opening a store whose
serving tables are behind rebuilds them first, as it does the corpus tables.

The ART indexes that point look-ups use (an article's annotations by ``doc_id``, an event's
reports by ``event_id``) are created by :func:`create_lookup_indexes` at the end of a rebuild
and dropped by :func:`drop_lookup_indexes` before any write: an index kept up to date row by
row and then replayed from DuckDB's write-ahead log after a killed ingest lost entries (DuckDB
1.5), which made joins miss rows; an index created in one statement from the table is whole.
"""

from __future__ import annotations

import duckdb

from eventwire.store.schema import rollback

YEAR_ONLY = " (year only)"  # as eventwire.query labels year-only timeline rows
UNDATED = "undated"

# The orders the lists are served in (ties broken by id, so positions are stable).
EVENT_ORDER = "date DESC NULLS LAST, num_mentions DESC, event_id"

# A timeline row label of an event (Corpus.timeline's CASE, over an events row).
PERIOD_LABEL = f"""CASE WHEN date IS NULL THEN '{UNDATED}'
                        WHEN date_precision = 'year' THEN strftime(date, '%Y') || '{YEAR_ONLY}'
                        ELSE strftime(date, '%Y-%m') END"""

# (table, SELECT filling it), in build order. Tables are created here, not by a migration,
# so a change of layout is one edit here (and a new ``LAYOUT`` stamp), never an ALTER.
_TABLES: list[tuple[str, str]] = [
    ("serve_counts", """
        SELECT (SELECT count(*) FROM documents) AS documents,
               (SELECT count(*) FROM actors) AS actors,
               (SELECT count(*) FROM events) AS events,
               (SELECT count(*) FROM mentions) AS mentions,
               (SELECT count(*) FROM quotes) AS quotes
    """),
    # Documents newest first, with how many event mentions and quotes each gave.
    ("serve_documents", """
        WITH event_counts AS (SELECT doc_id, count(*) AS n FROM mentions GROUP BY doc_id),
             quote_counts AS (SELECT doc_id, count(*) AS n FROM quotes GROUP BY doc_id)
        SELECT (row_number() OVER (ORDER BY d.published DESC NULLS LAST, d.doc_id))::INTEGER
                   AS pos,
               d.doc_id, d.name AS doc, d.title, d.publisher, d.published, d.url,
               d.duplicate_of, length(d.text) AS chars,
               coalesce(e.n, 0) AS events, coalesce(q.n, 0) AS quotes
        FROM documents d LEFT JOIN event_counts e USING (doc_id)
        LEFT JOIN quote_counts q USING (doc_id)
        ORDER BY pos
    """),
    # Events newest first, with the columns every event filter reads.
    ("serve_events", f"""
        SELECT (row_number() OVER (ORDER BY {EVENT_ORDER}))::INTEGER AS pos, event_id,
               source_actor, target_actor, cameo, plover, quad_class, goldstein, date,
               last_date, date_text, date_precision, hedged, negated, hypothetical,
               confidence, num_mentions, num_sources, num_articles, first_mention
        FROM events ORDER BY pos
    """),
    # Each event's evidence: its first report's article and sentence (cut from the article
    # once here, not from whole article texts on every page).
    ("serve_evidence", """
        SELECT e.event_id, m.doc_id, d.name AS doc, d.publisher, m.trigger_text AS trigger,
               substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start)
                   AS sentence
        FROM events e JOIN mentions m ON m.mention_id = e.first_mention
        JOIN documents d ON d.doc_id = m.doc_id
        ORDER BY e.event_id
    """),
    # Each event's place (the event_places view, computed once).
    ("serve_event_places", """
        SELECT event_id, mention_id, name, level, resolved, country, adm1, lat, lon,
               geonames_id, basis
        FROM event_places ORDER BY event_id
    """),
    # The same, once per actor taking part (source or target), grouped by actor.
    ("serve_actor_events", """
        SELECT source_actor AS actor_id, * FROM serve_events WHERE source_actor IS NOT NULL
        UNION ALL
        SELECT target_actor, * FROM serve_events
        WHERE target_actor IS NOT NULL AND target_actor IS DISTINCT FROM source_actor
        ORDER BY actor_id, pos
    """),
    # Events grouped by dyad and timeline row, for a timeline month's events.
    ("serve_dyad_events", f"""
        SELECT {PERIOD_LABEL} AS period, *
        FROM serve_events WHERE source_actor IS NOT NULL AND target_actor IS NOT NULL
        ORDER BY source_actor, target_actor, period, pos
    """),
    # Per actor: how many events it takes part in.
    ("serve_actors", """
        SELECT actor_id, count(*) AS events FROM serve_actor_events GROUP BY actor_id
        ORDER BY actor_id
    """),
    # Per actor, its 20 most frequent counterparts (Corpus.actor_profile's rule for each).
    ("serve_counterparts", """
        WITH mine AS (
            SELECT source_actor AS actor_id, target_actor AS other, 'source' AS role,
                   quad_class, goldstein
            FROM events WHERE source_actor IS NOT NULL AND target_actor IS NOT NULL
            UNION ALL
            SELECT target_actor, source_actor, 'target', quad_class, goldstein
            FROM events WHERE target_actor IS NOT NULL AND source_actor IS NOT NULL
        ), counted AS (
            SELECT mine.actor_id, other, a.name, count(*) AS events,
                   count(*) FILTER (WHERE role = 'source') AS as_source,
                   count(*) FILTER (WHERE role = 'target') AS as_target,
                   round(avg(goldstein), 2) AS mean_goldstein
            FROM mine JOIN actors a ON a.actor_id = mine.other
            GROUP BY mine.actor_id, other, a.name
        )
        SELECT row_number() OVER (PARTITION BY actor_id ORDER BY events DESC, name, other)
                   AS rank, *
        FROM counted
        QUALIFY rank <= 20
        ORDER BY actor_id, rank
    """),
    # Per actor and timeline row: events as source and target, cooperation, conflict, and
    # the statements it made (Corpus.actor_activity's rule for each actor).
    ("serve_actor_activity", f"""
        WITH acts AS (
            SELECT actor_id, {PERIOD_LABEL} AS month, source_actor = actor_id AS as_source,
                   quad_class
            FROM serve_actor_events
        ), said AS (
            SELECT map.actor_id,
                   coalesce(strftime(TRY_CAST(left(d.published, 10) AS DATE), '%Y-%m'),
                            '{UNDATED}') AS month, count(*) AS quotes
            FROM quotes q JOIN documents d ON d.doc_id = q.doc_id
            JOIN doc_actor_map map ON map.doc_id = q.doc_id AND map.local_id = q.speaker_local
            GROUP BY ALL
        ), months AS (
            SELECT actor_id, month, count(*) FILTER (WHERE as_source) AS as_source,
                   count(*) FILTER (WHERE NOT as_source) AS as_target,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
            FROM acts GROUP BY actor_id, month
        )
        SELECT actor_id, month, coalesce(as_source, 0) AS as_source,
               coalesce(as_target, 0) AS as_target, coalesce(cooperation, 0) AS cooperation,
               coalesce(conflict, 0) AS conflict, coalesce(quotes, 0) AS quotes
        FROM months FULL JOIN said USING (actor_id, month)
        ORDER BY actor_id, month = '{UNDATED}', month
    """),
    # Quotes newest first with their speaker's corpus actor (NULL: none stands for them) and
    # their article's name and date; grouped by speaker, the others by their words.
    ("serve_quotes", """
        SELECT (row_number() OVER (ORDER BY d.published DESC NULLS LAST, q.quote_id))::INTEGER
                   AS pos,
               q.quote_id, q.doc_id, sp.actor_id AS speaker_id, q.speaker_text,
               lower(q.speaker_text) AS speaker_key, d.name AS doc, d.publisher, d.published
        FROM quotes q JOIN documents d ON d.doc_id = q.doc_id
        LEFT JOIN doc_actor_map sp ON sp.doc_id = q.doc_id AND sp.local_id = q.speaker_local
        ORDER BY speaker_id NULLS LAST, speaker_key, pos
    """),
    # The same in served order with their words, for a search by words.
    ("serve_quote_texts", """
        SELECT s.pos, s.quote_id, s.speaker_id, s.doc, s.publisher, s.published, q.text
        FROM serve_quotes s JOIN quotes q ON q.quote_id = s.quote_id
        ORDER BY s.pos
    """),
    # A dyad's timeline rows (Corpus.timeline's rule for each dyad).
    ("serve_dyad_months", """
        SELECT source_actor, target_actor, period AS month, count(*) AS events,
               round(avg(goldstein), 2) AS mean_goldstein,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
               sum(num_mentions) AS mentions
        FROM serve_dyad_events GROUP BY source_actor, target_actor, period
        ORDER BY source_actor, target_actor, month = 'undated', month
    """),
    # The network's edges by month: per dyad, QuadClass, code and the months an event starts
    # and ends in, the events and their Goldstein total. Filters by type, QuadClass and
    # month-aligned periods (YYYY, YYYY-MM) read this instead of every event.
    ("serve_edge_months", """
        SELECT source_actor, target_actor, quad_class, cameo, plover,
               date_trunc('month', date)::DATE AS first_month,
               date_trunc('month', coalesce(last_date, date))::DATE AS last_month,
               count(*) AS events, sum(goldstein) AS goldstein_sum
        FROM events WHERE source_actor IS NOT NULL AND target_actor IS NOT NULL
        GROUP BY ALL ORDER BY ALL
    """),
]
# Tables holding one row per actor (or dyad) are sorted by it; point filters on the others
# use these ART indexes. Recreated with their tables.
_INDEXES = [
    "CREATE INDEX serve_events_event ON serve_events(event_id)",
    "CREATE INDEX serve_documents_doc ON serve_documents(doc_id)",
    "CREATE INDEX serve_event_places_event ON serve_event_places(event_id)",
    "CREATE INDEX serve_evidence_event ON serve_evidence(event_id)",
]
# What the read paths expect; bump when a table above changes shape or meaning.
LAYOUT = "serving-6"


# (name, table, column) of the look-up indexes on the per-document and corpus tables.
LOOKUP_INDEXES = [
    ("mentions_doc", "mentions", "doc_id"),
    ("mentions_mention", "mentions", "mention_id"),
    ("quotes_doc", "quotes", "doc_id"),
    ("quotes_quote", "quotes", "quote_id"),
    ("doc_actors_doc", "doc_actors", "doc_id"),
    ("doc_actor_map_doc", "doc_actor_map", "doc_id"),
    ("mention_events_event", "mention_events", "event_id"),
    ("mention_events_mention", "mention_events", "mention_id"),
    ("events_event", "events", "event_id"),
]


def _present_lookup_indexes(con: duckdb.DuckDBPyConnection) -> set[str]:
    names = [name for name, _, _ in LOOKUP_INDEXES]
    return {name for (name,) in con.execute(
        "SELECT index_name FROM duckdb_indexes() WHERE index_name IN (SELECT unnest($1))",
        [names],
    ).fetchall()}  # fmt: skip


def has_lookup_indexes(con: duckdb.DuckDBPyConnection) -> bool:
    return len(_present_lookup_indexes(con)) == len(LOOKUP_INDEXES)


def drop_lookup_indexes(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the look-up indexes before the tables are written (see the module's note)."""
    for name in sorted(_present_lookup_indexes(con)):
        con.execute(f"DROP INDEX {name}")


def create_lookup_indexes(con: duckdb.DuckDBPyConnection) -> None:
    present = _present_lookup_indexes(con)
    for name, table, column in LOOKUP_INDEXES:
        if name not in present:
            con.execute(f"CREATE INDEX {name} ON {table}({column})")


def stamp(con: duckdb.DuckDBPyConnection) -> str:
    """What serving tables built now would be built from: the corpus tables' state."""
    row = con.execute("SELECT value FROM meta WHERE key = 'rebuilt_from'").fetchone()
    return f"{LAYOUT};{row[0] if row else ''}"


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the serving tables were built from the corpus tables now stored, and the
    look-up indexes are there."""
    row = con.execute("SELECT value FROM meta WHERE key = 'served_from'").fetchone()
    return row is not None and row[0] == stamp(con) and has_lookup_indexes(con)


def _build_postings(con: duckdb.DuckDBPyConnection) -> None:
    # The full-text index's postings with their term frequency, sorted by term: the BM25 score
    # of a query then reads only its terms' rows (the fts macro counts them in a table of one
    # row per word occurrence, 20 million on 100,000 articles, for every query).
    con.execute("DROP TABLE IF EXISTS serve_postings")
    (indexed,) = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'fts_main_documents' "
        "AND table_name = 'terms'"
    ).fetchone()
    if indexed:
        con.execute(
            "CREATE TABLE serve_postings AS SELECT termid, docid, count(*) AS tf "
            "FROM fts_main_documents.terms GROUP BY termid, docid ORDER BY termid, docid"
        )


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every serving table from the corpus tables, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        for table, select in _TABLES:
            con.execute(f"DROP TABLE IF EXISTS {table}")  # and its indexes
            con.execute(f"CREATE TABLE {table} AS {select}")
        for index in _INDEXES:
            con.execute(index)
        _build_postings(con)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('served_from', ?)", [stamp(con)])
        con.execute("COMMIT")
    except Exception:
        rollback(con)
        raise
