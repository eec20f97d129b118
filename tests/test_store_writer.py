"""The store's writer (issue #13, memory): the connection reopened every N documents gives the
store a single connection gives; the writer lock keeps a second eventwire writer out, also
while the first one reconnects; a failure between reconnects keeps every committed batch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.cli_support import ExitCode
from eventwire.model import Result
from eventwire.settings import Settings
from eventwire.store import Store, StoreBusy, ingest
from eventwire.store import db as store_db
from eventwire.store.lock import WriterLock, lock_path
from tests.conftest import REPO
from tests.test_cli_faults import one_line
from tests.test_store import make_result
from tests.test_store_ingest import snapshot, write_articles

fcntl = pytest.importorskip("fcntl")  # the writer lock is an flock (none on Windows)
runner = CliRunner()

LEADERS = [("A1", "Mayor Lindqvist", "person", "NORGOV"), ("A2", "Governor Okafor", "person",
           "OSTGOV"), ("A3", "Harbour Union", "organization", "NORLAB")]  # fmt: skip
VERBS = [("042", "visited"), ("036", "promised to meet"), ("112", "accused")]


def articles(count: int, first: int = 0) -> list[Result]:
    """``count`` small articles with two actors and an event each; every fifth repeats an
    earlier one's text, so that the rebuild also links near-duplicates."""
    results = []
    for number in range(first, first + count):
        source, target = LEADERS[number % 3], LEADERS[(number + 1) % 3]
        code, verb = VERBS[number % len(VERBS)]
        story = number - 1 if number % 5 == 4 else number
        text = (f"{source[1]} {verb} {target[1]} in Velby on Friday about the ferry timetable "
                f"and the harbour fees of the coming year, the digest reported in item {story}.")
        results.append(make_result(
            f"item-{number:03d}", text, published=f"2025-04-{1 + number % 28:02d}",
            actors=[source, target], events=[("E1", source[0], target[0], code, verb)],
        ))  # fmt: skip
    return results


def store_in_batches(db: Path, results: list[Result], reconnect: int, batch: int = 8) -> int:
    """``results`` stored ``batch`` per transaction, as ingest commits; the reconnects made."""
    with Store(db, reconnect_documents=reconnect) as store:
        for start in range(0, len(results), batch):
            store.add(results[start : start + batch])
        store.rebuild()
        return store.reconnects


def test_reconnecting_every_few_documents_gives_the_store_of_one_connection(tmp_path: Path):
    results = articles(44)
    assert store_in_batches(tmp_path / "one.duckdb", results, reconnect=0) == 0
    # after every commit that brings the documents since the last opening to 16: 3 reopenings
    assert store_in_batches(tmp_path / "re.duckdb", results, reconnect=16) == 2
    assert store_in_batches(tmp_path / "every.duckdb", results, reconnect=1) == 6
    one = snapshot(tmp_path / "one.duckdb")
    assert one["documents"] and one["events"] and one["near_duplicates"]
    assert snapshot(tmp_path / "re.duckdb") == one
    assert snapshot(tmp_path / "every.duckdb") == one


def test_ingest_reconnects_as_the_setting_says_and_stores_the_same(nlp, tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    write_articles(folder, count=24)
    single = ingest([folder], tmp_path / "single.duckdb",
                    Settings(workers=1, store_reconnect_documents=0))  # fmt: skip
    reopened: list[int] = []
    reconnect = Store.reconnect

    def counted(store: Store) -> None:
        reconnect(store)
        reopened.append(store.reconnects)

    monkeypatch.setattr(Store, "reconnect", counted)
    report = ingest([folder], tmp_path / "re.duckdb",
                    Settings(workers=1, store_reconnect_documents=8))  # fmt: skip
    assert report.stored == single.stored == 24
    assert reopened == [1, 2, 3]  # 8 documents per commit (ingest's COMMIT_EVERY)
    assert snapshot(tmp_path / "re.duckdb") == snapshot(tmp_path / "single.duckdb")


def test_the_setting_is_read_from_the_environment(monkeypatch):
    assert Settings().store_reconnect_documents > 0
    monkeypatch.setenv("EVENTWIRE_STORE_RECONNECT_DOCUMENTS", "0")
    assert Settings().store_reconnect_documents == 0
    monkeypatch.setenv("EVENTWIRE_STORE_RECONNECT_DOCUMENTS", "-5")
    with pytest.raises(ValueError, match="store_reconnect_documents"):
        Settings()


# -- the writer lock -----------------------------------------------------------------------------

def probe_lock(db: Path) -> bool:
    """Whether another open file (as another process would) can take the writer lock now."""
    if not lock_path(db).exists():
        return True
    fd = os.open(lock_path(db), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def test_the_writer_lock_is_held_from_opening_to_closing(tmp_path: Path):
    db = tmp_path / "corpus.duckdb"
    with Store(db) as store:
        assert not probe_lock(db)
        assert lock_path(db).read_text().strip() == str(os.getpid())
        # the same process may open the store twice (a server that ingests): one lock, counted
        with Store(db) as again:
            again.add(articles(2))
        assert not probe_lock(db)
        store.add(articles(2, first=2))
    assert probe_lock(db) and not lock_path(db).exists()
    with Store(db, read_only=True) as reader:  # readers take no lock
        assert reader.con.execute("SELECT count(*) FROM documents").fetchone() == (4,)
        assert not lock_path(db).exists()


def test_a_store_that_cannot_be_opened_gives_the_lock_back(tmp_path: Path):
    db = tmp_path / "foreign.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE sales (item VARCHAR)")
    con.close()
    with pytest.raises(store_db.StoreError, match="not an eventwire store"):
        Store(db)
    assert probe_lock(db) and not lock_path(db).exists()


@pytest.fixture
def other_writer(tmp_path: Path):
    """Another process holding the writer lock of ``tmp_path/corpus.duckdb`` without a DuckDB
    connection, as an ingest does for a moment while it reconnects."""
    db = tmp_path / "corpus.duckdb"
    with Store(db) as store:
        store.add(articles(3))
        store.rebuild()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from eventwire.store.lock import WriterLock; WriterLock(Path(sys.argv[1])).acquire(); "
         "print('ready', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield db, holder.pid
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_a_second_writer_is_refused_with_one_line_even_between_connections(other_writer, tmp_path):
    db, pid = other_writer
    before = snapshot(db)
    with pytest.raises(StoreBusy, match=f"in use by another process \\(PID {pid}\\)"):
        Store(db)
    text = tmp_path / "new.txt"
    text.write_text("Mayor Lindqvist visited Governor Okafor in Velby on Friday.\n", "utf-8")
    result = runner.invoke(app, ["ingest", str(text), "--db", str(db), "--workers", "1"])
    assert result.exit_code == ExitCode.STORE_BUSY, result.output
    line = one_line(result.stderr)
    assert f"store {db} is in use by another process (PID {pid})" in line
    assert snapshot(db) == before
    # a reader is not a writer: queries still answer (DuckDB's own lock is free in the gap)
    assert runner.invoke(app, ["events", "--db", str(db), "--format", "json"]).exit_code == 0


def test_the_lock_of_a_killed_writer_is_free(tmp_path: Path):
    db = tmp_path / "corpus.duckdb"
    killed = subprocess.run(
        [sys.executable, "-c", "import os, signal, sys; from pathlib import Path; "
         "from eventwire.store import Store; s = Store(Path(sys.argv[1])); "
         "os.kill(os.getpid(), signal.SIGKILL)", str(db)], cwd=REPO,
    )  # fmt: skip
    assert killed.returncode == -9 and lock_path(db).exists()  # left behind, but not held
    with Store(db) as store:
        store.add(articles(1))
    assert not lock_path(db).exists()


def test_every_name_of_a_store_has_the_same_lock(tmp_path: Path):
    db = tmp_path / "corpus.duckdb"
    link = tmp_path / "link.duckdb"
    link.symlink_to(db)
    with Store(db):
        assert lock_path(link) == lock_path(db) and not probe_lock(link)
    with Store(link) as store:
        store.add(articles(1))
        assert not probe_lock(db)
    assert probe_lock(db) and not lock_path(db).exists()


def test_a_lock_file_removed_by_a_finishing_writer_is_not_taken(tmp_path: Path):
    # A writer that opened the lock file just before the holder removed and unlocked it must
    # not hold a lock on the removed file while a third process locks a new one.
    db = tmp_path / "corpus.duckdb"
    first = WriterLock(db)
    first.acquire()
    stale = os.open(lock_path(db), os.O_RDWR)
    first.release()
    fcntl.flock(stale, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the removed file: lockable, but unseen
    try:
        second = WriterLock(db)
        second.acquire()
        assert second.held and lock_path(db).exists() and not probe_lock(db)
        second.release()
    finally:
        os.close(stale)


# -- a reader in the gap, and failures between reconnects -----------------------------------------

def hold_read_only(db: Path, seconds: float) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys, time, duckdb; c = duckdb.connect(sys.argv[1], "
         "read_only=True); print('ready', flush=True); time.sleep(float(sys.argv[2]))",
         str(db), str(seconds)], stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout.readline().strip() == "ready"
    return process


def test_a_reader_that_opened_the_file_in_the_gap_is_waited_for(tmp_path: Path):
    db = tmp_path / "corpus.duckdb"
    with Store(db, reconnect_documents=4) as store:
        store.add(articles(2))
        store.con.close()  # the gap of a reconnect, held open while a reader comes in
        reader = hold_read_only(db, 1.0)
        try:
            store.reconnect()  # waits for the reader to finish, then reopens
        finally:
            reader.wait()
            reader.stdout.close()
        assert store.reconnects == 1
        store.add(articles(2, first=2))
        assert store.con.execute("SELECT count(*) FROM documents").fetchone() == (4,)


def test_a_reader_that_keeps_the_file_stops_the_ingest_with_one_line(tmp_path: Path,
                                                                      monkeypatch):  # fmt: skip
    db = tmp_path / "corpus.duckdb"
    monkeypatch.setattr(Store, "reconnect_wait_seconds", 0.3)
    with Store(db, reconnect_documents=4) as store:
        store.add(articles(4))  # 4 documents: committed, then the connection is reopened
        assert store.reconnects == 1
        store.add(articles(2, first=4))
        store.con.close()
        reader = hold_read_only(db, 60)
        try:
            with pytest.raises(StoreBusy) as refused:
                store.reconnect()
        finally:
            reader.kill()
            reader.wait()
            reader.stdout.close()
    message = str(refused.value)
    assert f"PID {reader.pid}" in message and "every batch committed so far is kept" in message
    assert "\n" not in message
    assert probe_lock(db)  # closed: the lock is given back
    with Store(db, read_only=True) as after:
        assert after.con.execute("SELECT count(*) FROM documents").fetchone() == (6,)


class Crash(Exception):
    pass


def test_a_failure_between_reconnects_keeps_every_committed_batch(nlp, tmp_path: Path):
    folder = tmp_path / "articles"
    write_articles(folder, count=40)
    clean, crashed = tmp_path / "clean.duckdb", tmp_path / "crashed.duckdb"
    settings = Settings(workers=1, store_reconnect_documents=8)
    ingest([folder], clean, settings)

    def crash_after_three(report) -> None:  # after the 3rd commit (and its reconnect)
        if report.stored == 24:
            raise Crash

    with pytest.raises(Crash):
        ingest([folder], crashed, settings, on_commit=crash_after_three)
    assert probe_lock(crashed)
    with Store(crashed, read_only=True) as store:  # stale corpus tables are rebuilt here
        assert store.con.execute("SELECT count(*) FROM documents").fetchone() == (24,)
    report = ingest([folder], crashed, settings)
    assert (report.stored, report.already_known) == (16, 24)
    assert snapshot(crashed) == snapshot(clean)


def test_a_reopening_that_keeps_failing_stops_ingest_with_one_line(nlp, tmp_path, monkeypatch):
    folder = tmp_path / "articles"
    write_articles(folder, count=16)
    db = tmp_path / "corpus.duckdb"
    connect = store_db._connect
    openings: list[Path] = []

    def reader_in_every_gap(path: Path, read_only: bool):
        openings.append(path)
        if len(openings) > 1:  # the first opening works; each reopening finds a reader there
            raise store_db.store_busy(path, 4242)
        return connect(path, read_only)

    monkeypatch.setattr(store_db, "_connect", reader_in_every_gap)
    monkeypatch.setattr(Store, "reconnect_wait_seconds", 0.2)
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--workers", "1"],
                           env={"EVENTWIRE_STORE_RECONNECT_DOCUMENTS": "8"})  # fmt: skip
    assert result.exit_code == ExitCode.STORE_BUSY, result.output
    line = one_line(result.stderr)
    assert "opened by another process (PID 4242) while this ingest reopened it" in line
    monkeypatch.undo()
    assert probe_lock(db)
    with Store(db, read_only=True) as store:  # the first commit is kept
        assert store.con.execute("SELECT count(*) FROM documents").fetchone() == (8,)
    report = ingest([folder], db, Settings(workers=1))
    assert (report.stored, report.already_known) == (8, 8)
