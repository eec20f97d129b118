"""``eventwire ingest`` end to end with the real pipeline: idempotent, incremental, crash-safe."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from eventwire.store import Store, ingest
from eventwire.store.export import TABLES
from tests.conftest import BAD_SAMPLES, SAMPLES
from tests.test_store import CONTENT

# The incremental rebuild's own state, which must not depend on the runs either.
REBUILD_STATE = ("meta", "rebuilt_docs", "doc_bands", "near_duplicates")


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every row of every store table, in a fixed order (the search index is left out)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        # when a document was added (documents.added) differs between runs by design
        return {t: con.execute(f"SELECT * {CONTENT.get(t, '')} FROM {t} ORDER BY ALL").fetchall()
                for t in (*TABLES, *REBUILD_STATE)}  # fmt: skip
    finally:
        con.close()


def test_ingesting_the_samples_twice_leaves_the_store_unchanged(nlp, tmp_path: Path):
    db = tmp_path / "corpus.duckdb"
    first = ingest([SAMPLES, BAD_SAMPLES], db)
    before = snapshot(db)
    second = ingest([SAMPLES, BAD_SAMPLES], db)
    assert snapshot(db) == before
    # stored documents are skipped; failed inputs are tried again and fail the same way
    assert (second.stored, second.failed) == (0, first.failed)
    assert second.already_known == first.stored
    # every input is either a stored document or a failure with its reason
    documents = len(before["documents"])
    failed_inputs = {row[0] for row in before["failures"]}
    inputs = 2 + 5 + len(list(BAD_SAMPLES.iterdir()))  # wire.jsonl holds 5 articles
    assert documents == first.stored >= 7
    assert len(failed_inputs) == first.failed
    assert documents + len(failed_inputs) == inputs
    reasons = {row[5] for row in before["failures"]}
    assert any("empty" in reason for reason in reasons)
    assert any("language is 'de'" in reason for reason in reasons)
    assert before["actors"], "corpus actors are built from the samples"


def test_only_new_files_are_analysed(nlp, tmp_path: Path):
    db = tmp_path / "corpus.duckdb"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "The mayor of Harbourtown opened a new bridge on Monday, officials said.", "utf-8"
    )
    assert ingest([folder], db).stored == 1
    (folder / "two.txt").write_text(
        "Farmers in the northern valley protested against water prices on Friday.", "utf-8"
    )
    report = ingest([folder], db)
    assert (report.stored, report.already_known) == (1, 1)
    with Store(db, read_only=True) as store:
        names = store.con.execute("SELECT name FROM documents ORDER BY name").fetchall()
    assert names == [("one",), ("two",)]


PEOPLE = ["Maria Lindqvist", "Tomas Okafor", "Anika Sorensen", "Ravi Mehta", "Lucia Ferrante",
          "Henrik Bauer", "Amara Diallo", "Kenji Watanabe"]  # fmt: skip
PLACES = ["Harbourtown", "Eastmere", "Northgate", "Lowbridge", "Ashford Bay", "Kettleby"]
ACTS = [
    "met {b} in {place} to discuss fishing quotas",
    "accused {b} of delaying the new rail contract",
    "criticised {b} over rising fuel prices in {place}",
    "praised {b} for the flood relief effort in {place}",
    "visited {place} with {b} to open a hospital wing",
    "rejected a proposal from {b} on harbour fees",
]  # fmt: skip


def write_articles(folder: Path, count: int = 40) -> None:
    rng = random.Random(7)
    folder.mkdir()
    for number in range(count):
        a, b = rng.sample(PEOPLE, 2)
        place = rng.choice(PLACES)
        act = rng.choice(ACTS).format(b=b, place=place)
        day = 1 + number % 27
        text = (
            f"date 2025-05-{day:02d}\n"
            f"{a} {act} on Tuesday, according to local officials. "
            f"\"We expect answers within weeks,\" {a} told reporters in {place}. "
            f"{b} said the talks had been useful. Item {number} of the regional digest."
        )
        (folder / f"art{number:02d}.txt").write_text(text, encoding="utf-8")


def test_an_ingest_killed_midway_and_rerun_ends_like_a_clean_run(nlp, tmp_path: Path):
    folder = tmp_path / "articles"
    write_articles(folder)
    clean_db, killed_db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    ingest([folder], clean_db)

    command = [sys.executable, "-m", "eventwire", "ingest", str(folder), "--db", str(killed_db)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([*command, "--progress"], stderr=subprocess.PIPE, text=True, env=env)
    commits = 0
    for line in process.stderr:
        commits += "committed" in line
        if commits == 2:  # two batches are in the store, the rest are not
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait()
    process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    with Store(killed_db) as partial:
        (stored,) = partial.con.execute("SELECT count(*) FROM documents").fetchone()
    assert 0 < stored < 40

    rerun = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{40 - stored} stored" in rerun.stderr
    assert snapshot(killed_db) == snapshot(clean_db)


def test_ingesting_in_two_runs_gives_the_store_of_one_run(nlp, tmp_path: Path):
    folder = tmp_path / "articles"
    write_articles(folder, count=16)
    one_run, two_runs = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    ingest([folder], one_run)
    assert ingest(sorted(folder.iterdir())[::2], two_runs).stored == 8
    assert ingest([folder], two_runs).stored == 8  # the other half; the rebuild is incremental
    assert snapshot(two_runs) == snapshot(one_run)


# -- failed inputs are retried (#12 item 2), stdin, progress (#11 item 3) ----------------------

def _cli():
    from typer.testing import CliRunner

    from eventwire.cli import app

    return CliRunner(), app


def test_inputs_that_failed_are_retried_once_the_cause_is_fixed(nlp, tmp_path: Path):
    runner, app = _cli()
    folder = tmp_path / "articles"
    write_articles(folder, count=3)
    db = tmp_path / "corpus.duckdb"
    # a wrong setting makes every document fail (here: only German is analysed)
    broken = runner.invoke(app, ["ingest", str(folder), "--db", str(db)],
                           env={"EVENTWIRE_LANGUAGES": '["de"]'})  # fmt: skip
    assert broken.exit_code == 1, broken.output
    lines = broken.stderr.splitlines()
    for number in range(3):  # one line per failed document, with its reason
        assert sum(f"art{number:02d}.txt: language:" in line for line in lines) == 1, lines
    assert "0 stored, 3 failed, 0 already in" in broken.stderr
    assert "failed by stage: language 3" in broken.stderr
    fixed = runner.invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert fixed.exit_code == 0, fixed.output
    assert "3 stored, 0 failed, 0 already in" in fixed.stderr
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM failures").fetchone() == (0,)
        assert store.con.execute("SELECT count(*) FROM documents").fetchone() == (3,)


def test_retry_failed_reads_the_recorded_failures_again(nlp, tmp_path: Path):
    runner, app = _cli()
    folder = tmp_path / "articles"
    write_articles(folder, count=2)
    wire = tmp_path / "wire.jsonl"
    wire.write_text(json.dumps({"id": "w1", "text": "Farmers in Eastmere protested on Friday "
                                "against the new water prices, officials said."}) + "\n"
                    + json.dumps({"id": "w2", "title": "no text yet"}) + "\n", "utf-8")
    db = tmp_path / "corpus.duckdb"
    first = runner.invoke(app, ["ingest", str(folder), str(wire), "--db", str(db)],
                          env={"EVENTWIRE_LANGUAGES": '["de"]'})  # fmt: skip
    assert first.exit_code == 1 and "0 stored, 4 failed" in first.stderr, first.stderr
    # no paths: the recorded failures are the inputs
    retried = runner.invoke(app, ["ingest", "--retry-failed", "--db", str(db)])
    assert "3 stored, 1 failed, 0 already in" in retried.stderr, retried.stderr
    assert retried.exit_code == 1  # the record without text still fails
    assert f"{wire}:2: read:" in retried.stderr
    with Store(db, read_only=True) as store:
        rows = store.con.execute("SELECT source, stage FROM failures").fetchall()
    assert rows == [(f"{wire}:2", "read")]


def test_ingest_reads_stdin(nlp, tmp_path: Path):
    runner, app = _cli()
    db = tmp_path / "corpus.duckdb"
    text = "The mayor of Kettleby opened a new harbour on Monday, officials said.\n"
    result = runner.invoke(app, ["ingest", "-", "--db", str(db)], input=text)
    assert result.exit_code == 0, result.output
    assert "1 stored" in result.stderr
    again = runner.invoke(app, ["ingest", "-", "--db", str(db)], input=text)
    assert "0 stored, 0 failed, 1 already in" in again.stderr


def test_progress_in_logs_has_totals_rate_and_time_left(nlp, tmp_path: Path):
    runner, app = _cli()
    folder = tmp_path / "articles"
    write_articles(folder, count=10)
    db = tmp_path / "corpus.duckdb"
    shown = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--progress"])
    assert shown.exit_code == 0, shown.output
    (line,) = [line for line in shown.stderr.splitlines() if "committed" in line]
    assert line.startswith("eventwire: committed 8 inputs; ingest: ")
    assert "/10 files" in line and "documents/s" in line and "left" in line
    quiet = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "q.duckdb"),
                                "--progress", "--quiet"])  # fmt: skip
    assert "committed" not in quiet.stderr
    silent = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "s.duckdb")])
    assert "committed" not in silent.stderr  # not a terminal, not asked for


def test_progress_report_counts_files_by_their_bytes(tmp_path: Path):
    from eventwire.report import ProgressReport

    files = [(tmp_path / "a.txt", 100), (tmp_path / "b.jsonl", 300), (tmp_path / "c.txt", 600)]
    report = ProgressReport(files, "extract", bar=False, log_lines=False)
    report.seen(str(tmp_path / "a.txt"))
    report.seen(f"{tmp_path / 'b.jsonl'}:1")
    report.seen(f"{tmp_path / 'b.jsonl'}:2")
    assert (report.files_done, report.documents) == (1, 3)
    report.seen(str(tmp_path / "c.txt"))
    assert report.files_done == 2 and "2/3 files, 4 documents" in report.summary()
    report.finished()
    assert report.summary().startswith("3/3 files") and "about 0:00:00 left" in report.summary()
