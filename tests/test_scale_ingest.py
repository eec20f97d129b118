"""`eventwire ingest` at scale: two workers store what one stores, a run stopped with Ctrl-C
resumes without redoing work, and a Ray run (local cluster) stores what a local run stores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from eventwire.store import ingest
from eventwire.store.export import TABLES
from tests.conftest import REPO, SAMPLES
from tests.test_store_ingest import snapshot, write_articles


def _interruptible() -> None:
    """Ctrl-C as a terminal gives it: a suite started in the background of a non-interactive
    shell ignores SIGINT, and the command would inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
def test_ingest_stopped_with_ctrl_c_resumes_with_two_workers(nlp, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    write_articles(folder, count=24)
    clean_db, stopped_db = tmp_path / "clean.duckdb", tmp_path / "stopped.duckdb"
    ingest([folder], clean_db)  # in-process, one batch at a time

    command = [sys.executable, "-m", "eventwire", "ingest", str(folder), "--db", str(stopped_db),
               "--workers", "2", "--batch-size", "4"]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([*command, "--progress"], stderr=subprocess.PIPE, text=True,
                               env=env, cwd=REPO,
                               preexec_fn=_interruptible)  # noqa: PLW1509  # fmt: skip
    commits = 0
    for line in process.stderr:
        commits += "committed" in line
        if commits == 1:
            assert "with 2 workers" in line
            process.send_signal(signal.SIGINT)
            break
    rest = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 130, rest
    assert "interrupted" in rest and "Traceback" not in rest
    with duckdb.connect(str(stopped_db), read_only=True) as con:
        (stored,) = con.execute("SELECT count(*) FROM documents").fetchone()
    assert 0 < stored < 24

    # the resumed run in-process (--workers 1): a worker pool costs its model loads again
    again = subprocess.run([*command, "--workers", "1"], capture_output=True, text=True,
                           env=env, timeout=300, cwd=REPO)  # fmt: skip
    assert again.returncode == 0, again.stderr
    # nothing stored is analysed again
    assert f"{24 - stored} stored, 0 failed, {stored} already in" in again.stderr
    assert snapshot(stopped_db) == snapshot(clean_db)


def test_engine_ray_without_ray_is_one_line(tmp_path: Path) -> None:
    """Without Ray installed, --engine ray is refused with one line (exit 2), nothing read."""
    hide_ray = tmp_path / "hide"
    hide_ray.mkdir()
    (hide_ray / "ray.py").write_text("raise ImportError('hidden for this test')\n")
    (hide_ray / "sitecustomize.py").write_text(
        "import importlib.util, sys\n"
        "_find = importlib.util.find_spec\n"
        "importlib.util.find_spec = lambda name, *a: None if name == 'ray' else _find(name, *a)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(hide_ray)}
    shown = subprocess.run(
        [sys.executable, "-m", "eventwire", "ingest", str(SAMPLES), "--db",
         str(tmp_path / "x.duckdb"), "--engine", "ray"],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120,
    )  # fmt: skip
    assert shown.returncode == 2
    assert shown.stderr.strip().splitlines() == [
        "eventwire: --engine ray needs Ray, which is not installed: pip install 'eventwire[ray]'"
    ]
    assert not (tmp_path / "x.duckdb").exists()


@pytest.mark.slow
def test_a_ray_run_stores_what_a_local_run_stores(nlp, tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        # three articles: one HTML page, one scraped text and a JSON Lines file of five
        inputs = sorted(SAMPLES.iterdir())
        local_db, ray_db = tmp_path / "local.duckdb", tmp_path / "ray.duckdb"
        local = ingest(inputs, local_db)
        from eventwire.settings import Settings

        shards = tmp_path / "shards"
        settings = Settings(engine="ray", batch_documents=3, parquet_out=str(shards))
        on_ray = ingest(inputs, ray_db, settings)
    finally:
        ray.shutdown()
    assert (on_ray.stored, on_ray.failed) == (local.stored, local.failed) == (7, 0)
    assert snapshot(ray_db) == snapshot(local_db)
    assert set(TABLES) >= {"documents", "events", "actors", "quotes"}
    # the shards stay as a Parquet dataset anyone can query: one row per document
    with duckdb.connect() as con:
        rows = con.execute(
            f"SELECT doc_id, events FROM read_parquet('{shards}/*/*.parquet') ORDER BY doc_id"
        ).fetchall()
        (stored_events,) = duckdb.connect(str(local_db), read_only=True).execute(
            "SELECT count(*) FROM mentions").fetchone()
    assert len(rows) == 7 and sum(events for _, events in rows) == stored_events


def test_a_resumed_ingest_does_not_clean_stored_documents_again(
    nlp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eventwire.ingest as reader

    folder = tmp_path / "articles"
    write_articles(folder, count=6)
    db = tmp_path / "corpus.duckdb"
    assert ingest([folder], db).stored == 6
    (folder / "art99.txt").write_text("The mayor of Eastmere opened a bridge on Monday.", "utf-8")
    cleaned: list[str] = []
    prepare = reader._prepare
    monkeypatch.setattr(reader, "_prepare", lambda raw, settings: (
        cleaned.append(raw.id) or prepare(raw, settings)))  # fmt: skip
    again = ingest([folder], db)
    assert (again.stored, again.already_known) == (1, 6)
    assert cleaned == ["art99"]  # the six stored articles were hashed, not cleaned
