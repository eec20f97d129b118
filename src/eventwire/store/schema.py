"""The store's tables, with a version number and ordered migrations.

Two kinds of table. *Per-document* tables (documents, doc_actors, quotes, mentions, failures)
are written once per document, in the ingest transaction of that document's batch, and never
change afterwards (except ``documents.duplicate_of``). *Corpus* tables (actors, actor_aliases,
actor_codes, doc_actor_map, events, mention_events, and the incremental state rebuilt_docs,
doc_bands, near_duplicates) are derived from the per-document tables by
:func:`eventwire.store.derive.rebuild` as a pure function of their contents, so a store's state
never depends on the order or the history of the runs that filled it.

Only ``documents`` has a primary key (and ``failures``, which is small): every row of a
document is written in the same transaction as its ``documents`` row, so that key guards them
all. Since version 8 each rebuild ends by creating (non-unique) ART indexes on the read paths'
look-up columns and the *serving* tables (:mod:`eventwire.store.serving`); writes drop the
indexes first, so that no index is ever maintained row by row (nor replayed from the log after
a crash, which DuckDB 1.5 did incompletely).

``schema_version`` lists the migrations applied; :func:`migrate` applies the missing ones in
order when a store is opened for writing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import duckdb

Migration = Callable[[duckdb.DuckDBPyConnection], None]


def _v1_initial(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY,      -- 'doc-' + first 16 hex digits of content_hash
            content_hash VARCHAR NOT NULL UNIQUE,
            name VARCHAR NOT NULL,           -- Document.id as ingest named it
            url VARCHAR, publisher VARCHAR, title VARCHAR, author VARCHAR,
            published VARCHAR, language VARCHAR, source VARCHAR,
            text VARCHAR NOT NULL,
            notices VARCHAR[],               -- non-fatal errors ("decoded as cp1252")
            minhash UBIGINT[],               -- MinHash signature for near-duplicate search
            duplicate_of VARCHAR             -- doc_id of the original this one copies
        );
        CREATE TABLE doc_actors (
            doc_id VARCHAR NOT NULL, local_id VARCHAR NOT NULL,
            name VARCHAR NOT NULL, type VARCHAR NOT NULL,
            country VARCHAR, sector VARCHAR, code VARCHAR,
            aliases VARCHAR[],
            mentions STRUCT("start" INTEGER, "end" INTEGER, "text" VARCHAR)[]
        );
        CREATE TABLE quotes (
            quote_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, local_id VARCHAR NOT NULL,
            text VARCHAR NOT NULL, "start" INTEGER, "end" INTEGER, kind VARCHAR,
            speaker_local VARCHAR,
            speaker_start INTEGER, speaker_end INTEGER, speaker_text VARCHAR,
            cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR, cue_lemma VARCHAR,
            via VARCHAR[], hedged BOOLEAN, about_local VARCHAR[]
        );
        CREATE TABLE mentions (
            mention_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, local_id VARCHAR NOT NULL,
            source_local VARCHAR, target_local VARCHAR,
            cameo VARCHAR NOT NULL, cameo_root VARCHAR NOT NULL, plover VARCHAR,
            quad_class TINYINT NOT NULL, goldstein DOUBLE NOT NULL,
            date VARCHAR, date_basis VARCHAR,
            hedged BOOLEAN, negated BOOLEAN, via VARCHAR[], quote_local VARCHAR,
            sentence_start INTEGER, sentence_end INTEGER,
            trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
            confidence DOUBLE
        );
        CREATE TABLE failures (
            failure_id VARCHAR NOT NULL,     -- hash of the input (or of its source if unreadable)
            seq INTEGER NOT NULL,
            name VARCHAR, source VARCHAR, stage VARCHAR NOT NULL, message VARCHAR NOT NULL,
            PRIMARY KEY (failure_id, seq)
        );
        CREATE TABLE actor_overrides (       -- the last --actors file, kept for every rebuild
            name VARCHAR PRIMARY KEY, aliases VARCHAR[], type VARCHAR,
            country VARCHAR, sector VARCHAR, code VARCHAR,
            roles STRUCT(code VARCHAR, "from" VARCHAR, "until" VARCHAR)[]
        );

        CREATE TABLE actors (
            actor_id VARCHAR NOT NULL, name VARCHAR NOT NULL,
            key VARCHAR NOT NULL,            -- normalised name, for look-ups by name
            type VARCHAR,
            country VARCHAR, sector VARCHAR, code VARCHAR,
            n_docs INTEGER, n_mentions INTEGER, user_defined BOOLEAN
        );
        CREATE TABLE actor_aliases (
            actor_id VARCHAR NOT NULL, alias VARCHAR NOT NULL, key VARCHAR NOT NULL
        );
        CREATE TABLE actor_codes (
            actor_id VARCHAR NOT NULL, code VARCHAR NOT NULL,
            first_seen VARCHAR, last_seen VARCHAR, n_docs INTEGER, origin VARCHAR
        );
        CREATE TABLE doc_actor_map (
            doc_id VARCHAR NOT NULL, local_id VARCHAR NOT NULL, actor_id VARCHAR NOT NULL
        );
        CREATE TABLE events (
            event_id BIGINT NOT NULL,
            source_actor VARCHAR, target_actor VARCHAR,
            cameo VARCHAR NOT NULL, cameo_base VARCHAR, cameo_root VARCHAR, plover VARCHAR,
            quad_class TINYINT, goldstein DOUBLE,
            date DATE, date_precision VARCHAR, last_date DATE,
            hedged BOOLEAN, negated BOOLEAN,
            num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER,
            confidence DOUBLE, first_mention VARCHAR
        );
        CREATE TABLE mention_events (mention_id VARCHAR NOT NULL, event_id BIGINT NOT NULL);
        """
    )


def _v2_meta(con: duckdb.DuckDBPyConnection) -> None:
    # Bookkeeping that must survive a crash, such as how many documents the search index covers.
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")


def _v3_event_modality(con: duckdb.DuckDBPyConnection) -> None:
    # The contract gained optional event fields: hypothetical (threatened, planned, conditional),
    # the words naming source and target, and PLOVER mode and context. (No DEFAULT clauses:
    # DuckDB 1.5 cannot commit several ALTERs with defaults on one table in one transaction.)
    con.execute(
        """
        ALTER TABLE mentions ADD COLUMN hypothetical BOOLEAN;
        ALTER TABLE mentions ADD COLUMN source_text VARCHAR;
        ALTER TABLE mentions ADD COLUMN target_text VARCHAR;
        ALTER TABLE mentions ADD COLUMN mode VARCHAR;
        ALTER TABLE mentions ADD COLUMN context VARCHAR;
        ALTER TABLE events ADD COLUMN hypothetical BOOLEAN;
        ALTER TABLE events ADD COLUMN mode VARCHAR;
        ALTER TABLE events ADD COLUMN context VARCHAR;
        UPDATE mentions SET hypothetical = false;
        UPDATE events SET hypothetical = false;
        """
    )


def _v4_event_date_text(con: duckdb.DuckDBPyConnection) -> None:
    # An event's date keeps its precision: date_text is the date as reported ("2023", "2023-05",
    # "2023-05-14"), ``date`` the first day of that period (for sorting) and ``last_date`` now
    # the last day the event covers (31 December of a year-only date, the end of a month, the
    # last day of the day mentions merged into it). Filled here from the old columns, so readers
    # of a migrated store see correct values before any rebuild.
    con.execute(
        """
        ALTER TABLE events ADD COLUMN date_text VARCHAR;
        UPDATE events SET
            date_text = CASE date_precision WHEN 'year' THEN strftime(date, '%Y')
                                            WHEN 'month' THEN strftime(date, '%Y-%m')
                                            ELSE strftime(date, '%Y-%m-%d') END,
            last_date = CASE date_precision
                            WHEN 'year' THEN make_date(year(date), 12, 31)
                            WHEN 'month' THEN last_day(date)
                            ELSE greatest(date, coalesce(last_date, date)) END
        WHERE date IS NOT NULL;
        """
    )


def _v5_incremental_state(con: duckdb.DuckDBPyConnection) -> None:
    # What an incremental rebuild needs to keep between runs: the documents the corpus tables
    # already cover, each document's LSH band keys (so a new document is compared with the
    # stored ones without rebuilding the LSH table) and the near-duplicate pairs found so far.
    # Like the other corpus tables they are a function of the stored documents alone. Empty
    # here, so the first rebuild after this migration is a full one.
    con.execute(
        """
        CREATE TABLE rebuilt_docs (doc_id VARCHAR NOT NULL);
        CREATE TABLE doc_bands (doc_id VARCHAR NOT NULL, band TINYINT NOT NULL, key BIGINT);
        CREATE TABLE near_duplicates (doc_a VARCHAR NOT NULL, doc_b VARCHAR NOT NULL);
        DELETE FROM meta WHERE key = 'rebuilt_from';
        """
    )


def _v6_actor_kb_id(con: duckdb.DuckDBPyConnection) -> None:
    # The actor knowledge-base entry an article actor was found as: corpus actors with one
    # entry are one actor and take its id ("kb:vladimir-putin"). Stores from before have none;
    # their next rebuild keeps name-based ids for them.
    con.execute("ALTER TABLE doc_actors ADD COLUMN kb_id VARCHAR")


def _v7_places_and_export_ids(con: duckdb.DuckDBPyConnection) -> None:
    # Where each event mention happened (the contract's Event.place, flattened), and when each
    # document was added to the store (GDELT's DATEADDED: when an event was first seen, not
    # when its article was published). Documents stored before this version take the time
    # of the migration, the earliest time the store can vouch for them. Event ids shrink from
    # 60 to 53 bits (the first 53 bits of the same hash, so ids stay stable) to fit a double,
    # which R, Excel and JavaScript read GDELT ids as. The next rebuild is a full one, so
    # every id is then computed afresh.
    con.execute(
        """
        ALTER TABLE documents ADD COLUMN added TIMESTAMP;
        UPDATE documents SET added = now()::TIMESTAMP;
        ALTER TABLE mentions ADD COLUMN place_name VARCHAR;
        ALTER TABLE mentions ADD COLUMN place_start INTEGER;
        ALTER TABLE mentions ADD COLUMN place_end INTEGER;
        ALTER TABLE mentions ADD COLUMN place_level VARCHAR;
        ALTER TABLE mentions ADD COLUMN place_resolved VARCHAR;
        ALTER TABLE mentions ADD COLUMN place_country VARCHAR;
        ALTER TABLE mentions ADD COLUMN place_adm1 VARCHAR;
        ALTER TABLE mentions ADD COLUMN place_lat DOUBLE;
        ALTER TABLE mentions ADD COLUMN place_lon DOUBLE;
        ALTER TABLE mentions ADD COLUMN place_geonames_id BIGINT;
        ALTER TABLE mentions ADD COLUMN place_basis VARCHAR;
        UPDATE events SET event_id = event_id >> 7 WHERE event_id >= 9007199254740992;
        UPDATE mention_events SET event_id = event_id >> 7 WHERE event_id >= 9007199254740992;
        DELETE FROM meta WHERE key = 'rebuilt_from';
        """
    )
    # An event's place: that of its first mention, else of its earliest mention naming one.
    con.execute(EVENT_PLACES_VIEW)


EVENT_PLACES_VIEW = """
    CREATE OR REPLACE VIEW event_places AS
    SELECT me.event_id, m.mention_id, m.place_name AS name, m.place_level AS level,
           m.place_resolved AS resolved, m.place_country AS country, m.place_adm1 AS adm1,
           m.place_lat AS lat, m.place_lon AS lon, m.place_geonames_id AS geonames_id,
           m.place_basis AS basis
    FROM mention_events me
    JOIN mentions m USING (mention_id)
    JOIN events e USING (event_id)
    WHERE m.place_name IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY me.event_id ORDER BY m.mention_id <> e.first_mention, m.mention_id) = 1
"""


def _v8_serving(con: duckdb.DuckDBPyConnection) -> None:
    # From this version every rebuild also builds the read paths' look-up indexes and serving
    # tables (eventwire.store.serving); the next rebuild (or a reader's first open) makes
    # them. Nothing to change in the tables themselves.
    con.execute("DELETE FROM meta WHERE key = 'served_from'")


# Ordered: migration N brings a store from version N-1 to N. Append, never edit.
MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "initial tables", _v1_initial),
    (2, "meta table", _v2_meta),
    (3, "event modality, mode and context", _v3_event_modality),
    (4, "event date text and period", _v4_event_date_text),
    (5, "incremental rebuild state", _v5_incremental_state),
    (6, "actor knowledge-base id", _v6_actor_kb_id),
    (7, "event places, time added, 53-bit event ids", _v7_places_and_export_ids),
    (8, "look-up indexes and serving tables, built by rebuild", _v8_serving),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The store's schema version; 0 for an empty file. Works on read-only connections."""
    (exists,) = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_version'"
    ).fetchone()
    if not exists:
        return 0
    (version,) = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(version)


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration the store has not had yet, each in its own transaction."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, name VARCHAR)")
    version = current_version(con)
    if version > SCHEMA_VERSION:
        raise RuntimeError(
            f"store schema version {version} is newer than this eventwire ({SCHEMA_VERSION})"
        )
    for number, name, apply in MIGRATIONS:
        if number <= version:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            apply(con)
            con.execute("INSERT INTO schema_version VALUES (?, ?)", [number, name])
            con.execute("COMMIT")
        except Exception:
            rollback(con)
            raise
        version = number
    return version


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back after a failure; a commit that failed has already ended the transaction."""
    with contextlib.suppress(duckdb.Error):
        con.execute("ROLLBACK")
