"""The DuckDB store: open and migrate, write batches of results, rebuild corpus tables, search."""

from __future__ import annotations

import contextlib
import gc
import importlib.util
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from eventwire.ingest import SkippedFile
from eventwire.model import Result
from eventwire.store import derive
from eventwire.store.actors import Override
from eventwire.store.rows import TABLE_COLUMNS, RowBatch, input_key, is_storable, minhash_of
from eventwire.store.schema import SCHEMA_VERSION, current_version, migrate

DEFAULT_DB = Path("eventwire.duckdb")


def load_fts(con: duckdb.DuckDBPyConnection) -> bool:
    """Load DuckDB's full-text search extension without a network: bundled, or from the
    ``duckdb-extension-fts`` wheel built for this DuckDB version. False if neither works."""
    with contextlib.suppress(duckdb.Error):
        con.execute("LOAD fts")
        return True
    spec = importlib.util.find_spec("duckdb_extension_fts")
    if spec is None or spec.origin is None:
        return False
    binary = (
        Path(spec.origin).parent / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    )
    if not binary.exists():
        return False
    try:
        con.execute(f"LOAD '{binary}'")
    except duckdb.Error:
        return False
    return True


def _migrate_if_older(path: Path) -> None:
    # A store written by an older eventwire is brought up to date before it is read, so that
    # queries always see the current tables.
    with duckdb.connect(str(path), read_only=True) as con:
        if current_version(con) >= SCHEMA_VERSION:
            return
    with duckdb.connect(str(path)) as con:
        migrate(con)


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    # A batch becomes hundreds of thousands of small tuples and lists, and each allocation
    # burst sets off Python's cyclic collector, which rescans every live object (the caller's
    # results, spaCy state): that was over half the bulk insert time. The rows form no
    # cycles, so collection waits until the batch is written.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Store:
    """A DuckDB file holding documents, actors, quotes, event mentions, events and failures."""

    def __init__(self, path: Path | str = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise FileNotFoundError(f"no store at {self.path}; run 'eventwire ingest' first")
        if read_only:
            _migrate_if_older(self.path)
        self.con = duckdb.connect(str(self.path), read_only=read_only)
        if not read_only:
            # Fewer, larger checkpoints while writing batches (much faster bulk inserts than the
            # 16MB default, while uncheckpointed data held in memory stays bounded);
            # every commit is still durable in the write-ahead log.
            self.con.execute("SET checkpoint_threshold = '64MB'")
            migrate(self.con)
        self.has_fts = load_fts(self.con)
        self._schemas: dict[str, pa.Schema] = {}

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def known_keys(self) -> set[str]:
        """Keys of every input already stored or recorded as failed."""
        rows = self.con.execute(
            "SELECT content_hash FROM documents UNION SELECT failure_id FROM failures"
        ).fetchall()
        return {key for (key,) in rows}

    def add(self, batch: Iterable[Result | SkippedFile]) -> int:
        """Write results in one transaction (all or nothing); returns how many were written."""
        with cyclic_gc_paused():
            rows = RowBatch()
            for item in batch:
                if is_storable(item):
                    key = input_key(item)
                    item.document.content_hash = key
                    rows.add_document(item, key, minhash_of(item.document.text))
                else:
                    rows.add_failure(item)
            self.write(rows)
        return rows.count

    def write(self, rows: RowBatch) -> None:
        if not rows.count:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, table_rows in rows.rows.items():
                if table_rows:
                    self._append(table, table_rows)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _append(self, table: str, rows: list[tuple]) -> None:
        # Arrow columns from row tuples, inserted in one statement: much faster than a row-wise
        # INSERT or executemany.
        schema = self._schemas.get(table)
        if schema is None:
            schema = self.con.execute(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
            self._schemas[table] = schema
        columns = zip(*rows, strict=True)
        arrow = pa.table(
            {name: pa.array(values, type=schema.field(name).type)
             for name, values in zip(TABLE_COLUMNS[table], columns, strict=True)}
        )  # fmt: skip
        view = f"_batch_{table}"
        self.con.register(view, arrow)
        try:
            names = ", ".join(f'"{name}"' for name in TABLE_COLUMNS[table])
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM {view}")
        finally:
            self.con.unregister(view)

    def set_overrides(self, overrides: list[Override]) -> None:
        """Replace the stored user actor overrides (used by every later rebuild)."""
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("DELETE FROM actor_overrides")
        for o in overrides:
            self.con.execute(
                "INSERT INTO actor_overrides VALUES (?, ?, ?, ?, ?, ?, ?)",
                [o.name, o.aliases, o.type, o.country, o.sector, o.code, o.roles],
            )
        self.con.execute("COMMIT")

    def rebuild(self, force: bool = False) -> None:
        """Bring corpus actors, duplicates and merged events up to date with the stored
        documents and overrides (incrementally, see :mod:`eventwire.store.derive`; ``force``
        recomputes everything), then the search index."""
        if force or not derive.is_current(self.con):
            with cyclic_gc_paused():  # millions of rows become Python objects, none cyclic
                derive.rebuild(self.con, full=force)
        self._index_text()

    def _index_text(self) -> None:
        if not self.has_fts:
            return
        (count,) = self.con.execute("SELECT count(*) FROM documents").fetchone()
        indexed = self.con.execute("SELECT value FROM meta WHERE key = 'fts_documents'").fetchone()
        if indexed and int(indexed[0]) == count:
            return
        self.con.execute(
            "PRAGMA create_fts_index('documents', 'doc_id', 'title', 'text', overwrite=1)"
        )
        self.con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('fts_documents', ?)", [str(count)]
        )
