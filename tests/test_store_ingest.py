"""``eventwire ingest`` end to end with the real pipeline: idempotent, incremental, crash-safe."""

from __future__ import annotations

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

# The incremental rebuild's own state, which must not depend on the runs either.
REBUILD_STATE = ("meta", "rebuilt_docs", "doc_bands", "near_duplicates")


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every row of every store table, in a fixed order (the search index is left out)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
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
