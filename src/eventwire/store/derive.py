"""Derive the corpus tables from the per-document tables, in one transaction.

Everything here is a pure function of the stored documents (and the stored actor overrides), so
two stores holding the same documents hold the same corpus tables, whatever the order, batching
or interruptions of the runs that filled them.

The work is incremental where the result provably stays the same as a full rebuild:

* near-duplicates: only the documents not yet covered (``rebuilt_docs``) are looked up in the
  persisted LSH band table, a chunk of them at a time (``CHUNK_DOCUMENTS``), and compared with
  a bounded number of representatives of each stored group in their band buckets
  (:mod:`eventwire.store.dedup`); the stored groups (stars in ``near_duplicates``) are updated
  and each group's original is recomputed;
* corpus actors: recomputed from all document actors (the one-word-name votes are global), but
  only the actor links that changed are passed on;
* events: only the merge groups (source, target, CAMEO code, negation, hypothetical) that hold
  a new mention, a mention whose actor link changed or a mention of a document whose
  ``duplicate_of`` changed are regrouped; every mention of such a group is regrouped, so each
  group's events are computed from all of its mentions exactly as in a full rebuild. They are
  regrouped a part of the merge keys at a time (``CHUNK_MENTIONS``), which bounds memory.

A full rebuild (first rebuild, overrides changed, or ``force``) is the same code with every
document counted as new, after emptying the derived state.
"""

from __future__ import annotations

import hashlib

import duckdb
import numpy as np
import pyarrow as pa

from eventwire.store import dedup
from eventwire.store.actors import DocActor, Override, _UnionFind, merge_actors
from eventwire.store.dedup import BANDS, band_keys, link_new_documents, star_changes
from eventwire.store.events import group_mentions
from eventwire.store.rows import NUM_PERM
from eventwire.store.schema import rollback

# Derived tables emptied by a full rebuild (actor tables are always rewritten whole).
_DERIVED_STATE = ("rebuilt_docs", "doc_bands", "near_duplicates", "events", "mention_events")
# New documents whose near-duplicates are looked up at a time: what the look-up holds in memory
# (their signatures and band keys, the stored representatives of their buckets) is bounded by
# it, whatever the size of the store or of its groups of copies.
CHUNK_DOCUMENTS = 20_000
# Event mentions regrouped at a time (in parts by merge key), for the same reason.
CHUNK_MENTIONS = 100_000


def _overrides_digest(con: duckdb.DuckDBPyConnection) -> str:
    overrides = con.execute("SELECT * FROM actor_overrides ORDER BY name").fetchall()
    return hashlib.sha256(repr(overrides).encode("utf-8")).hexdigest()[:16]


def inputs_state(con: duckdb.DuckDBPyConnection) -> str:
    """What the corpus tables are derived from, in brief: documents (stored once, never
    changed) and the actor overrides. Equal states mean equal corpus tables."""
    (documents,) = con.execute("SELECT count(*) FROM documents").fetchone()
    return f"documents={documents};overrides={_overrides_digest(con)}"


def _recorded_state(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = 'rebuilt_from'").fetchone()
    return row[0] if row else None


def is_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the corpus tables were rebuilt from the documents and overrides now stored."""
    return _recorded_state(con) == inputs_state(con)


def rebuild(con: duckdb.DuckDBPyConnection, full: bool = False) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        recorded = _recorded_state(con)
        if full or recorded is None or not recorded.endswith(f"overrides={_overrides_digest(con)}"):
            for table in _DERIVED_STATE:
                con.execute(f"DELETE FROM {table}")
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _new AS SELECT doc_id FROM documents "
            "WHERE doc_id NOT IN (SELECT doc_id FROM rebuilt_docs)"
        )
        _link_duplicates(con)
        _merge_actors(con)
        _merge_events(con)
        con.execute("INSERT INTO rebuilt_docs SELECT doc_id FROM _new")
        for temp in ("_new", "_dup_changed", "_map_changed"):
            con.execute(f"DROP TABLE {temp}")
        # Recorded in the same transaction: a run killed before this commit rebuilds again.
        con.execute("INSERT OR REPLACE INTO meta VALUES ('rebuilt_from', ?)", [inputs_state(con)])
        con.execute("COMMIT")
    except Exception:
        rollback(con)
        raise


def _insert_arrow(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
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


def _replace(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    con.execute(f"DELETE FROM {table}")
    _insert_arrow(con, table, rows)


def _link_duplicates(con: duckdb.DuckDBPyConnection) -> None:
    """Find the near-duplicates of new documents, a chunk at a time; leave the documents whose
    ``duplicate_of`` changed in temp table ``_dup_changed``."""
    con.execute(
        # a document without a signature (a store from before them) has no bands to match
        "CREATE OR REPLACE TEMP TABLE _pending AS "
        "SELECT doc_id, row_number() OVER (ORDER BY doc_id) AS n FROM documents "
        "WHERE doc_id IN (SELECT doc_id FROM _new) AND minhash IS NOT NULL"
    )
    _groups_as_stars(con)
    (pending,) = con.execute("SELECT count(*) FROM _pending").fetchone()
    for first in range(0, pending, CHUNK_DOCUMENTS):
        _link_chunk(con, first, first + CHUNK_DOCUMENTS)
    con.execute("DROP TABLE _pending")
    # Each group's original: the earliest published member, then the smallest id.
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _dup_changed AS
        WITH members AS (
            SELECT doc_a AS root, doc_b AS doc_id FROM near_duplicates
            UNION SELECT doc_a, doc_a FROM near_duplicates
        ),
        wanted AS (
            SELECT doc_id, original FROM (
                SELECT m.doc_id, first_value(m.doc_id) OVER (
                    PARTITION BY m.root
                    ORDER BY d.published IS NULL, coalesce(d.published, ''), m.doc_id
                ) AS original
                FROM members m JOIN documents d USING (doc_id)
            ) WHERE doc_id <> original
        ),
        stored AS (SELECT doc_id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL)
        SELECT coalesce(w.doc_id, s.doc_id) AS doc_id, w.original
        FROM wanted w FULL JOIN stored s ON s.doc_id = w.doc_id
        WHERE w.original IS DISTINCT FROM s.duplicate_of
        """
    )
    con.execute(
        "UPDATE documents SET duplicate_of = c.original FROM _dup_changed c "
        "WHERE documents.doc_id = c.doc_id"
    )


def _groups_as_stars(con: duckdb.DuckDBPyConnection) -> None:
    """Store the groups of ``near_duplicates`` as stars (each member once, linked to the
    group's smallest id), if they are not: a store rebuilt by an eventwire from before 2026-12
    holds every pair found there, which gives the same groups."""
    (stars,) = con.execute(
        "SELECT count(*) = count(DISTINCT doc_b) AND NOT EXISTS (SELECT 1 FROM near_duplicates "
        "n JOIN near_duplicates m ON m.doc_b = n.doc_a) FROM near_duplicates"
    ).fetchone()
    if stars:
        return
    groups = _UnionFind()
    for a, b in con.execute("SELECT doc_a, doc_b FROM near_duplicates").fetchall():
        groups.union(a, b)
    _replace(con, "near_duplicates", [(groups.find(d), d) for d in list(groups.parent)
                                      if groups.find(d) != d])  # fmt: skip


def _signatures(
    con: duckdb.DuckDBPyConnection, query: str, parameters: list | None = None
) -> tuple[list[str], np.ndarray]:
    """The doc ids and MinHash signatures (one row each) a query of (doc_id, minhash) gives."""
    table = con.execute(query, parameters).to_arrow_table()
    signatures = np.asarray(
        table.column("minhash").combine_chunks().flatten(), dtype=np.uint64
    ).reshape(-1, NUM_PERM)
    return table.column("doc_id").to_pylist(), signatures


def _link_chunk(con: duckdb.DuckDBPyConnection, first: int, last: int) -> None:
    """Link the pending documents numbered ``first`` < n <= ``last`` to the stored ones (and
    to each other), update the stored groups and add their band keys to ``doc_bands``."""
    new_ids, signatures = _signatures(
        con, "SELECT d.doc_id, d.minhash FROM _pending p JOIN documents d USING (doc_id) "
        "WHERE p.n > ? AND p.n <= ? ORDER BY d.doc_id", [first, last]
    )  # fmt: skip
    keys = band_keys(signatures)
    bands = pa.table({
        "doc_id": pa.array(np.repeat(np.asarray(new_ids, dtype=object), BANDS), pa.string()),
        "band": pa.array(np.tile(np.arange(BANDS, dtype=np.int8), len(new_ids))),
        "key": pa.array(keys.reshape(-1)),
    })  # fmt: skip
    con.register("_chunk_bands", bands)
    try:
        # The stored representatives of each group in the chunk's buckets: its first
        # PER_GROUP members, and at most PER_BUCKET in a bucket, first members first.
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE _representatives AS
            WITH members AS (
                SELECT b.band, b.key, coalesce(g.doc_a, b.doc_id) AS root, b.doc_id
                FROM doc_bands b
                JOIN (SELECT DISTINCT band, key FROM _chunk_bands) USING (band, key)
                LEFT JOIN near_duplicates g ON g.doc_b = b.doc_id
            ),
            ranked AS (
                SELECT *, row_number() OVER (PARTITION BY band, key, root ORDER BY doc_id) AS nth
                FROM members
            )
            SELECT band, key, root, doc_id, nth FROM ranked WHERE nth <= {dedup.PER_GROUP}
            QUALIFY row_number() OVER (PARTITION BY band, key ORDER BY nth, doc_id)
                    <= {dedup.PER_BUCKET}
            """
        )
        stored = con.execute(
            "SELECT band, key, root, doc_id FROM _representatives ORDER BY band, key, nth, doc_id"
        ).fetchall()
        ids, matrix = _signatures(
            con, "SELECT doc_id, minhash FROM documents "
            "WHERE doc_id IN (SELECT doc_id FROM _representatives)"
        )  # fmt: skip
        stored_signatures = dict(zip(ids, matrix, strict=True))
        con.execute("DROP TABLE _representatives")
        groups = _UnionFind()
        link_new_documents(groups, new_ids, signatures, stored, stored_signatures)
        relinked, joined = star_changes(groups, {root for _, _, root, _ in stored}, new_ids)
        del stored, stored_signatures, groups
        # The groups are stored as stars from their smallest id: a stored group joined to one
        # with a smaller root moves its members to that root, and its old root joins them.
        if relinked:
            con.register("_relinked", pa.table({"old_root": [o for o, _ in relinked],
                                                "new_root": [n for _, n in relinked]}))
            con.execute(
                "UPDATE near_duplicates SET doc_a = r.new_root FROM _relinked r "
                "WHERE near_duplicates.doc_a = r.old_root"
            )
            con.execute("INSERT INTO near_duplicates SELECT new_root, old_root FROM _relinked")
            con.unregister("_relinked")
        _insert_arrow(con, "near_duplicates", joined)
        con.execute("INSERT INTO doc_bands SELECT doc_id, band, key FROM _chunk_bands")
    finally:
        con.unregister("_chunk_bands")


def _merge_actors(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the corpus actors; leave the (doc_id, local_id) whose corpus actor changed
    (new ones included) in temp table ``_map_changed``."""
    rows = con.execute(
        """
        SELECT a.doc_id, a.local_id, a.name, a.type, a.country, a.sector, a.code, a.aliases,
               len(a.mentions), d.published, a.kb_id
        FROM doc_actors a JOIN documents d USING (doc_id)
        """
    ).fetchall()
    doc_actors = [DocActor(*row[:7], list(row[7] or []), row[8] or 0, row[9], row[10])
                  for row in rows]
    overrides = [
        Override(name, list(aliases or []), type_, country, sector, code, list(roles or []))
        for name, aliases, type_, country, sector, code, roles in con.execute(
            "SELECT * FROM actor_overrides ORDER BY name"
        ).fetchall()
    ]
    merged = merge_actors(doc_actors, overrides)
    _replace(con, "actors", merged.actors)
    _replace(con, "actor_aliases", merged.aliases)
    _replace(con, "actor_codes", merged.codes)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _map "
        "(doc_id VARCHAR, local_id VARCHAR, actor_id VARCHAR)"
    )
    _insert_arrow(con, "_map", merged.doc_map)
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _map_changed AS
        SELECT DISTINCT doc_id, local_id FROM (
            (SELECT * FROM _map EXCEPT SELECT * FROM doc_actor_map)
            UNION ALL
            (SELECT * FROM doc_actor_map EXCEPT SELECT * FROM _map)
        )
        """
    )
    (changes,) = con.execute("SELECT count(*) FROM _map_changed").fetchone()
    if changes:
        con.execute("DELETE FROM doc_actor_map")
        con.execute("INSERT INTO doc_actor_map SELECT * FROM _map")
    con.execute("DROP TABLE _map")


# A mention's merge group without its date precision (which is computed in Python); the
# regrouped set is every mention of the touched keys, a superset of whole groups.
_MENTION_KEYS = """
    SELECT m.mention_id, s.actor_id AS source, t.actor_id AS target, m.cameo, m.negated,
           m.hypothetical, coalesce(m.date, d.published) AS date,
           coalesce(s.actor_id, '') AS k_source, coalesce(t.actor_id, '') AS k_target,
           coalesce(m.negated, false) AS k_negated, coalesce(m.hypothetical, false) AS k_hyp
    FROM mentions m JOIN documents d USING (doc_id)
    LEFT JOIN doc_actor_map s ON s.doc_id = m.doc_id AND s.local_id = m.source_local
    LEFT JOIN doc_actor_map t ON t.doc_id = m.doc_id AND t.local_id = m.target_local
"""


def _merge_events(con: duckdb.DuckDBPyConnection) -> None:
    # Mentions whose inputs changed: new, re-linked to another actor, or in a document whose
    # duplicate_of changed (which changes the counts of the events it belongs to).
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _touched AS
        SELECT mention_id FROM mentions
        WHERE doc_id IN (SELECT doc_id FROM _new UNION ALL SELECT doc_id FROM _dup_changed)
        UNION
        SELECT m.mention_id FROM mentions m JOIN _map_changed c
          ON c.doc_id = m.doc_id AND (c.local_id = m.source_local OR c.local_id = m.target_local)
        """
    )
    # Their old events (whose other mentions may now group differently) and their keys now.
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE _regroup AS
        WITH keyed AS ({_MENTION_KEYS}),
        involved AS (
            SELECT mention_id FROM _touched
            UNION
            SELECT mention_id FROM mention_events WHERE event_id IN (
                SELECT event_id FROM mention_events
                WHERE mention_id IN (SELECT mention_id FROM _touched))
        ),
        keys AS (
            SELECT DISTINCT k_source, k_target, cameo, k_negated, k_hyp
            FROM keyed WHERE mention_id IN (SELECT mention_id FROM involved)
        )
        SELECT keyed.* FROM keyed JOIN keys USING (k_source, k_target, cameo, k_negated, k_hyp)
        """
    )
    con.execute(
        "DELETE FROM events WHERE event_id IN (SELECT event_id FROM mention_events "
        "WHERE mention_id IN (SELECT mention_id FROM _regroup))"
    )
    con.execute(
        "DELETE FROM mention_events WHERE mention_id IN (SELECT mention_id FROM _regroup)"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _grouped "
        "(mention_id VARCHAR, event_id BIGINT, event_date DATE, date_precision VARCHAR, "
        "first_mention VARCHAR, date_text VARCHAR, last_day DATE)"
    )
    # Grouped in Python a part of the keys at a time (a merge group never spans two keys), so
    # that a full rebuild holds one part's mentions in memory, not all of them.
    (regrouped,) = con.execute("SELECT count(*) FROM _regroup").fetchone()
    parts = -(-regrouped // CHUNK_MENTIONS)
    for part in range(parts):
        rows = con.execute(
            "SELECT mention_id, source, target, cameo, negated, hypothetical, date FROM _regroup "
            "WHERE hash(k_source, k_target, cameo, k_negated, k_hyp) % ? = ?",
            [parts, part],
        ).fetchall()
        grouped = group_mentions(rows)
        del rows
        if grouped:
            names = ["mention_id", "event_id", "event_date", "date_precision", "first_mention",
                     "date_text", "last_day"]  # fmt: skip
            arrow = pa.table(dict(zip(names, map(list, zip(*grouped, strict=True)), strict=True)))
            con.register("_grouped_rows", arrow)
            con.execute("INSERT INTO _grouped SELECT * FROM _grouped_rows")
            con.unregister("_grouped_rows")
    con.execute("INSERT INTO mention_events SELECT mention_id, event_id FROM _grouped")
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
    for temp in ("_grouped", "_regroup", "_touched"):
        con.execute(f"DROP TABLE {temp}")
