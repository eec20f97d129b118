"""Rebuild the corpus tables from the per-document tables, in one transaction.

Everything here is a pure function of the stored documents (and the stored actor overrides), so
two stores holding the same documents hold the same corpus tables, whatever the order, batching
or interruptions of the runs that filled them.
"""

from __future__ import annotations

import hashlib

import duckdb
import pyarrow as pa

from eventwire.store.actors import DocActor, Override, merge_actors
from eventwire.store.dedup import find_duplicates
from eventwire.store.events import group_mentions


def inputs_state(con: duckdb.DuckDBPyConnection) -> str:
    """What the corpus tables are derived from, in brief: documents (stored once, never
    changed) and the actor overrides. Equal states mean equal corpus tables."""
    (documents,) = con.execute("SELECT count(*) FROM documents").fetchone()
    overrides = con.execute("SELECT * FROM actor_overrides ORDER BY name").fetchall()
    digest = hashlib.sha256(repr(overrides).encode("utf-8")).hexdigest()[:16]
    return f"documents={documents};overrides={digest}"


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the corpus tables were rebuilt from the documents and overrides now stored."""
    row = con.execute("SELECT value FROM meta WHERE key = 'rebuilt_from'").fetchone()
    return row is not None and row[0] == inputs_state(con)


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        _link_duplicates(con)
        _merge_actors(con)
        _merge_events(con)
        # Recorded in the same transaction: a run killed before this commit rebuilds again.
        con.execute("INSERT OR REPLACE INTO meta VALUES ('rebuilt_from', ?)", [inputs_state(con)])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    con.execute(f"DELETE FROM {table}")
    if not rows:
        return
    schema = con.execute(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
    columns = list(zip(*rows, strict=True))
    arrow = pa.table(
        {f.name: pa.array(col, type=f.type) for f, col in zip(schema, columns, strict=True)}
    )
    con.register("_rows", arrow)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
    finally:
        con.unregister("_rows")


def _link_duplicates(con: duckdb.DuckDBPyConnection) -> None:
    docs = con.execute("SELECT doc_id, published, minhash FROM documents").fetchall()
    duplicates = find_duplicates(docs)
    con.execute("CREATE OR REPLACE TEMP TABLE _dups (doc_id VARCHAR, original VARCHAR)")
    if duplicates:
        con.executemany("INSERT INTO _dups VALUES (?, ?)", list(duplicates.items()))
    con.execute(
        """
        UPDATE documents SET duplicate_of = _dups.original
        FROM (SELECT d.doc_id, u.original FROM documents d LEFT JOIN _dups u USING (doc_id)) _dups
        WHERE documents.doc_id = _dups.doc_id
          AND documents.duplicate_of IS DISTINCT FROM _dups.original
        """
    )
    con.execute("DROP TABLE _dups")


def _merge_actors(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        """
        SELECT a.doc_id, a.local_id, a.name, a.type, a.country, a.sector, a.code, a.aliases,
               len(a.mentions), d.published
        FROM doc_actors a JOIN documents d USING (doc_id)
        """
    ).fetchall()
    doc_actors = [DocActor(*row[:7], list(row[7] or []), row[8] or 0, row[9]) for row in rows]
    overrides = [
        Override(name, list(aliases or []), type_, country, sector, code, list(roles or []))
        for name, aliases, type_, country, sector, code, roles in con.execute(
            "SELECT * FROM actor_overrides ORDER BY name"
        ).fetchall()
    ]
    merged = merge_actors(doc_actors, overrides)
    _insert(con, "actors", merged.actors)
    _insert(con, "actor_aliases", merged.aliases)
    _insert(con, "actor_codes", merged.codes)
    _insert(con, "doc_actor_map", merged.doc_map)


def _merge_events(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(
        """
        SELECT m.mention_id, s.actor_id, t.actor_id, m.cameo, m.negated, m.hypothetical,
               coalesce(m.date, d.published)
        FROM mentions m JOIN documents d USING (doc_id)
        LEFT JOIN doc_actor_map s ON s.doc_id = m.doc_id AND s.local_id = m.source_local
        LEFT JOIN doc_actor_map t ON t.doc_id = m.doc_id AND t.local_id = m.target_local
        """
    ).fetchall()
    grouped = group_mentions(rows)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _grouped "
        "(mention_id VARCHAR, event_id BIGINT, event_date DATE, date_precision VARCHAR, "
        "first_mention VARCHAR, date_text VARCHAR, last_day DATE)"
    )
    if grouped:
        names = ["mention_id", "event_id", "event_date", "date_precision", "first_mention",
                 "date_text", "last_day"]  # fmt: skip
        arrow = pa.table(dict(zip(names, map(list, zip(*grouped, strict=True)), strict=True)))
        con.register("_grouped_rows", arrow)
        con.execute("INSERT INTO _grouped SELECT * FROM _grouped_rows")
        con.unregister("_grouped_rows")
    con.execute("DELETE FROM mention_events")
    con.execute("INSERT INTO mention_events SELECT mention_id, event_id FROM _grouped")
    con.execute("DELETE FROM events")
    con.execute(
        """
        INSERT INTO events
        SELECT g.event_id,
               any_value(s.actor_id), any_value(t.actor_id),
               any_value(m.cameo), left(any_value(m.cameo), 3), any_value(m.cameo_root),
               min(m.plover), any_value(m.quad_class), round(avg(m.goldstein), 2),
               any_value(g.event_date), any_value(g.date_precision), max(g.last_day),
               bool_and(m.hedged), bool_or(m.negated),
               CASE WHEN count(*) FILTER (WHERE d.duplicate_of IS NULL) > 0
                    THEN count(*) FILTER (WHERE d.duplicate_of IS NULL)
                    ELSE count(DISTINCT d.duplicate_of) END,
               count(DISTINCT coalesce(o.publisher, regexp_extract(o.url, '//([^/]+)', 1),
                                       o.doc_id)),
               count(DISTINCT o.doc_id),
               max(m.confidence),
               any_value(g.first_mention),
               bool_or(m.hypothetical), min(m.mode), min(m.context),
               any_value(g.date_text)
        FROM _grouped g
        JOIN mentions m USING (mention_id)
        JOIN documents d ON d.doc_id = m.doc_id
        JOIN documents o ON o.doc_id = coalesce(d.duplicate_of, d.doc_id)
        LEFT JOIN doc_actor_map s ON s.doc_id = m.doc_id AND s.local_id = m.source_local
        LEFT JOIN doc_actor_map t ON t.doc_id = m.doc_id AND t.local_id = m.target_local
        GROUP BY g.event_id
        """
    )
    con.execute("DROP TABLE _grouped")
