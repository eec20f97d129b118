"""The DuckDB store: open and migrate, write batches of results, rebuild corpus tables, search."""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from eventwire.ingest import SkippedFile
from eventwire.model import Result
from eventwire.store import derive, serving
from eventwire.store.actors import Override
from eventwire.store.lock import WriterLock, WriterLockBusy
from eventwire.store.rows import TABLE_COLUMNS, RowBatch, input_key, is_storable, minhash_of
from eventwire.store.schema import SCHEMA_VERSION, current_version, migrate, rollback

DEFAULT_DB = Path("eventwire.duckdb")


class StoreError(Exception):
    """A store that cannot be used as given, with a one-line reason: a file that is not an
    eventwire store, a directory that does not exist, a store from a newer eventwire."""


class StoreBusy(StoreError):
    """A store that cannot be used now but will be later: another process holds it, or it is
    not up to date and cannot be brought up to date from here."""


class StoreIOError(StoreError):
    """The system refused to read or write the store: disk full, no permission, I/O error."""


# DuckDB reports every file problem as one IOException; these say which one it is.
_LOCKED = re.compile(r"Could not set lock on file")
_LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")
_NOT_DUCKDB = "is not a valid DuckDB database file"
_NO_DIRECTORY = "No such file or directory"


def store_error(path: Path, err: duckdb.Error) -> StoreError:
    """The store error a DuckDB error on ``path`` means, with one line for the user."""
    text = str(err).removeprefix("IO Error: ").splitlines()[0] if str(err) else type(err).__name__
    if _LOCKED.search(str(err)):
        holder = _LOCK_HOLDER.search(str(err))
        return store_busy(path, int(holder.group(1)) if holder else None)
    if _NOT_DUCKDB in str(err):
        return StoreError(f"{path} is not an eventwire store (not a DuckDB database file)")
    if _NO_DIRECTORY in str(err):
        return StoreError(f"cannot open store {path}: its directory does not exist")
    return StoreIOError(f"store {path}: {text}")


def store_busy(path: Path, holder: int | None) -> StoreBusy:
    """The one line for a store another process holds (its PID when known)."""
    return StoreBusy(
        f"store {path} is in use by another process"
        f"{f' (PID {holder})' if holder else ''}, such as a running ingest; "
        "try again when it has finished"
    )


# A failed commit is a TransactionException whose message says what the file system refused.
_IO_MESSAGES = ("Could not write", "Could not read", "No space left", "File too large",
                "Permission denied", "Input/output error", "Disk quota")  # fmt: skip


@contextlib.contextmanager
def store_errors(path: Path) -> Iterator[None]:
    """DuckDB's I/O failures (disk full, permission denied) as :class:`StoreIOError`."""
    try:
        yield
    except (duckdb.IOException, duckdb.PermissionException, duckdb.OutOfMemoryException) as err:
        raise store_error(path, err) from err
    except duckdb.Error as err:
        if any(marker in str(err) for marker in _IO_MESSAGES):
            raise store_error(path, err) from err
        raise
    except OSError as err:
        raise StoreIOError(f"store {path}: {err.strerror or err}") from err


def _check_path(path: Path, read_only: bool) -> None:
    if not read_only and not path.parent.exists():
        raise StoreError(f"cannot create store {path}: directory {path.parent} does not exist")
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not an eventwire store")


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    _check_path(path, read_only)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as err:
        raise store_error(path, err) from err
    try:
        _refuse_foreign(con, path)
    except BaseException:
        con.close()
        raise
    return con


def _refuse_foreign(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    # Another application's DuckDB file must not get eventwire's tables added: an eventwire
    # store is empty (new) or has our schema_version table.
    tables = {
        name for (name,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND schema_name = 'main'"
        ).fetchall()
    }  # fmt: skip
    if not tables:
        return
    columns = [
        name for (name,) in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'schema_version' "
            "AND schema_name = 'main' ORDER BY column_index"
        ).fetchall()
    ]  # fmt: skip
    if columns != ["version", "name"] or (len(tables) > 1 and "documents" not in tables):
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreError(
            f"{path} is a DuckDB file of another application (tables {shown}), not an "
            "eventwire store; it was left unchanged"
        )


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


def _bring_up_to_date(path: Path) -> list[str]:
    """Before a store is read: migrate a store written by an older eventwire, and rebuild the
    corpus tables of a store whose last ingest was interrupted before its rebuild committed
    (its new documents would otherwise be missing from every query). Returns the notices."""
    con = _connect(path, read_only=True)
    try:
        with store_errors(path):
            version = current_version(con)
            if version > SCHEMA_VERSION:
                raise StoreError(_newer_message(path, version))
            current = (version == SCHEMA_VERSION and derive.is_current(con)
                       and serving.is_current(con))
    finally:
        con.close()
    if current:
        return []
    try:
        with Store(path) as store:
            stale = version == SCHEMA_VERSION and not derive.is_current(store.con)
            store.rebuild()
    except StoreBusy:
        raise
    except StoreIOError as err:
        raise StoreBusy(
            f"store {path} is not up to date (an ingest was interrupted) and cannot be "
            f"updated here ({err}); run 'eventwire ingest' again on it"
        ) from err
    if stale:
        return [f"store {path} was not up to date (an ingest was interrupted); corpus tables "
                "rebuilt from the stored documents"]
    return []


def _newer_message(path: Path, version: int) -> str:
    return (f"store {path} has schema version {version}, newer than this eventwire "
            f"({SCHEMA_VERSION}); upgrade eventwire to use it")


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


class StoreMissing(StoreError, FileNotFoundError):
    """No store at the path a reader was given."""


def _retry_source(item: Result | SkippedFile) -> str | None:
    # Old failures of the same file (or JSONL line) go when it is read again, even if its
    # bytes changed since; stdin has no identity across runs, so it is matched by key only.
    source = item.shown if isinstance(item, SkippedFile) else item.document.source
    return None if source in (None, "stdin") else source


class Store:
    """A DuckDB file holding documents, actors, quotes, event mentions, events and failures.

    ``read_only`` opens it for queries; a store an interrupted ingest left with corpus tables
    older than its documents is rebuilt first (``notices`` says so). Opening raises a
    :class:`StoreError`: :class:`StoreMissing`, :class:`StoreBusy` (locked by another process),
    :class:`StoreIOError`, or the base type for a file that is not an eventwire store.

    A writer holds the store's writer lock (:mod:`eventwire.store.lock`) from opening to
    :meth:`close`. With ``reconnect_documents`` (``Settings.store_reconnect_documents``) it
    closes and reopens its DuckDB connection after each commit that brings the documents
    written since the last opening to that many: DuckDB keeps native memory per article
    written for the life of a connection (~0.5 KiB), given back only when it closes
    (docs/scale.md, "Memory over a long run"). Every commit is durable before, and the writer
    lock keeps other eventwire writers out meanwhile; without a lock (no ``fcntl``) it never
    reconnects."""

    # How long a reconnect waits for a reader that opened the file in the gap to let it go.
    reconnect_wait_seconds = 10.0

    def __init__(self, path: Path | str = DEFAULT_DB, read_only: bool = False,
                 reconnect_documents: int = 0) -> None:  # fmt: skip
        self.path = Path(path)
        # What opening the store did that a reader should know (a rebuild after a crash).
        self.notices: list[str] = []
        self._lock = WriterLock(self.path)
        # documents and failures written since the connection was opened; reopenings so far
        self._written = 0
        self.reconnects = 0
        if read_only and not self.path.exists():
            raise StoreMissing(f"no store at {self.path}; run 'eventwire ingest' first")
        if read_only:
            self.notices = _bring_up_to_date(self.path)
        else:
            _check_path(self.path, read_only)
            try:
                self._lock.acquire()
            except WriterLockBusy as busy:
                raise store_busy(self.path, busy.holder) from None
        try:
            self.con = _connect(self.path, read_only)
        except BaseException:
            self._lock.release()
            raise
        self.reconnect_documents = reconnect_documents if self._lock.held else 0
        try:
            with store_errors(self.path):
                if not read_only:
                    self._set_write_options()
                    version = current_version(self.con)
                    if version > SCHEMA_VERSION:
                        raise StoreError(_newer_message(self.path, version))
                    migrate(self.con)
                self.has_fts = load_fts(self.con)
        except BaseException:
            self.close()
            raise
        self._schemas: dict[str, pa.Schema] = {}

    def _set_write_options(self) -> None:
        # Fewer, larger checkpoints while writing batches (much faster bulk inserts than the
        # 16MB default, while uncheckpointed data held in memory stays bounded); every commit
        # is still durable in the write-ahead log.
        self.con.execute("SET checkpoint_threshold = '64MB'")

    def close(self) -> None:
        try:
            self.con.close()
        finally:
            self._lock.release()

    def reconnect(self) -> None:
        """Close the DuckDB connection and open a new one, keeping the writer lock (which
        keeps other eventwire writers out). A process that opened the file in the gap (a
        reader) is waited for up to :attr:`reconnect_wait_seconds`, then :class:`StoreBusy`
        is raised: what was committed stays stored, and the same ingest run again goes on
        from there."""
        with store_errors(self.path):  # a failed checkpoint leaves the log, replayed later
            self.con.close()  # checkpoints: the committed rows go from the log into the file
        self._written = 0
        deadline = time.monotonic() + self.reconnect_wait_seconds
        pause = 0.05
        while True:
            try:
                con = _connect(self.path, read_only=False)
                break
            except StoreBusy as err:
                if time.monotonic() + pause > deadline:
                    holder = _LOCK_HOLDER.search(str(err))
                    raise StoreBusy(
                        f"store {self.path} was opened by another process"
                        f"{f' (PID {holder.group(1)})' if holder else ''} while this ingest "
                        "reopened it; every batch committed so far is kept: run the same "
                        "ingest again when that process has finished"
                    ) from err
                time.sleep(pause)
                pause = min(pause * 2, 1.0)
        self.con = con
        with store_errors(self.path):
            self._set_write_options()
            self.has_fts = load_fts(self.con)
        self.reconnects += 1

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def known_keys(self) -> set[str]:
        """Keys of every input already stored as a document. Failed inputs are not in it:
        they are analysed again whenever they are given again (the cause may be fixed)."""
        with store_errors(self.path):
            rows = self.con.execute("SELECT content_hash FROM documents").fetchall()
        return {key for (key,) in rows}

    def failed_sources(self) -> list[str]:
        """Where the inputs recorded as failed came from (file paths, ``file.jsonl:3``,
        ``stdin``), in order, for ``ingest --retry-failed``."""
        with store_errors(self.path):
            rows = self.con.execute(
                "SELECT DISTINCT source FROM failures WHERE source IS NOT NULL ORDER BY source"
            ).fetchall()
        return [source for (source,) in rows]

    def add(self, batch: Iterable[Result | SkippedFile]) -> int:
        """Write results in one transaction (all or nothing); returns how many were written.

        An input that failed before and is given again replaces its old failure rows: by its
        document when it now succeeds, by its new failure when it fails again."""
        with cyclic_gc_paused():
            rows = RowBatch()
            replaced: list[tuple[str, str | None]] = []
            for item in batch:
                key = input_key(item)
                replaced.append((key, _retry_source(item)))
                if is_storable(item):
                    item.document.content_hash = key
                    rows.add_document(item, key, minhash_of(item.document.text))
                else:
                    rows.add_failure(item)
            self.write(rows, replaced)
        return rows.count

    def write(self, rows: RowBatch, replaced: list[tuple[str, str | None]] = ()) -> None:
        """Append ``rows`` in one transaction, first deleting the failure rows of the inputs
        in ``replaced`` ((key, source) pairs; a source of None matches by key only)."""
        if not rows.count:
            return
        with store_errors(self.path):
            serving.drop_lookup_indexes(self.con)  # rebuilt whole by the next rebuild
            self.con.execute("BEGIN TRANSACTION")
            try:
                if replaced:
                    keys = [key for key, _ in replaced]
                    sources = [source for _, source in replaced if source]
                    self.con.execute(
                        "DELETE FROM failures WHERE failure_id IN (SELECT unnest($1)) "
                        "OR source IN (SELECT unnest($2))",
                        [keys, sources],
                    )
                for table, table_rows in rows.rows.items():
                    if table_rows:
                        self._append(table, table_rows)
                self.con.execute("COMMIT")
            except Exception:
                rollback(self.con)
                raise
        self._written += rows.count
        if self.reconnect_documents and self._written >= self.reconnect_documents:
            self.reconnect()

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
        with store_errors(self.path):
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute("DELETE FROM actor_overrides")
                for o in overrides:
                    self.con.execute(
                        "INSERT INTO actor_overrides VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [o.name, o.aliases, o.type, o.country, o.sector, o.code, o.roles],
                    )
                self.con.execute("COMMIT")
            except Exception:
                rollback(self.con)
                raise

    def rebuild(self, force: bool = False) -> None:
        """Bring corpus actors, duplicates and merged events up to date with the stored
        documents and overrides (incrementally, see :mod:`eventwire.store.derive`; ``force``
        recomputes everything), then the search index and the serving tables
        (:mod:`eventwire.store.serving`)."""
        with store_errors(self.path):
            if force or not derive.is_current(self.con):
                serving.drop_lookup_indexes(self.con)  # not kept up to date row by row
                with cyclic_gc_paused():  # millions of rows become Python objects, none cyclic
                    derive.rebuild(self.con, full=force)
            self._index_text()
            if force or not serving.is_current(self.con):
                serving.create_lookup_indexes(self.con)
                serving.build(self.con)
                # the indexes and tables into the database file now, not left in the log
                # (skipped while another connection's transaction is open: DuckDB then
                # checkpoints later by itself)
                with contextlib.suppress(duckdb.TransactionException):
                    self.con.execute("CHECKPOINT")

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
