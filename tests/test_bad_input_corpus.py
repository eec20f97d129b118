"""The input side's bad-input corpus (tests/bad_inputs.py) through `extract` and `ingest`:
no traceback, exit code 1 (some documents failed), every input accounted for, the store
still opens and answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.store import Store
from tests.bad_inputs import Kind, write_corpus
from tests.conftest import REPO


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "eventwire", *args],
        capture_output=True, text=True, timeout=600, cwd=REPO, env=env,
    )  # fmt: skip


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Kind]]:
    folder = tmp_path_factory.mktemp("bad-inputs")
    return folder, write_corpus(folder)


@pytest.fixture(scope="module")
def extracted(corpus) -> tuple[subprocess.CompletedProcess[str], dict[str, list[dict]]]:
    folder, _kinds = corpus
    proc = run("extract", str(folder), "--format", "jsonl")
    by_file: dict[str, list[dict]] = {}
    for line in proc.stdout.splitlines():
        result = json.loads(line)
        name = result["document"]["source"].rsplit("/", 1)[-1].split(":")[0]
        by_file.setdefault(name, []).append(result)
    return proc, by_file


def test_corpus_has_the_kinds_of_the_issue(corpus) -> None:
    _folder, kinds = corpus
    names = " ".join(kind.name for kind in kinds)
    for wanted in ("random bytes", "PNG", "PDF", "UTF-16 LE without", "one NUL byte",
                   "8 stray bytes", "mixed UTF-8 and Latin-1", "'9999-12-31'", "'2024-02-30'",
                   "'0001-01-01'", "'garbage'", "unclosed quotation", "not UTF-8",
                   "in a loop", "nested 300"):  # fmt: skip
        assert wanted in names, wanted
    assert len(kinds) >= 50


def test_extract_accounts_for_every_input(corpus, extracted) -> None:
    _folder, kinds = corpus
    proc, by_file = extracted
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1
    assert all(line.startswith("eventwire: ") for line in proc.stderr.splitlines())
    for kind in kinds:
        if kind.expect == "noted":
            assert f"{kind.file}: skipped, " in proc.stderr, kind.name
            continue
        assert kind.file in by_file, kind.name
        for result in by_file[kind.file]:
            fatal = [e for e in result["errors"] if not e["notice"]]
            if kind.expect == "failed":
                assert fatal, kind.name
                source = result["document"]["source"]
                assert f"eventwire: {source}: {fatal[0]['stage']}: " in proc.stderr, kind.name
            else:
                assert not fatal, (kind.name, fatal)
                assert result["document"]["text"], kind.name


def test_dates_never_reach_the_output_invalid(extracted) -> None:
    _proc, by_file = extracted
    for name, results in by_file.items():
        for result in results:
            published = result["document"]["published"]
            assert published is None or "1700" <= published[:4] <= "2199", name


def test_ingest_stores_every_input_and_the_store_answers(corpus, tmp_path: Path) -> None:
    folder, kinds = corpus
    db = tmp_path / "corpus.duckdb"
    proc = run("ingest", str(folder), "--db", str(db))
    assert "Traceback" not in proc.stderr, proc.stderr
    with Store(db) as store:
        documents = store.con.execute("SELECT count(*) FROM documents").fetchone()[0]
        failures = store.con.execute(
            "SELECT count(DISTINCT failure_id) FROM failures").fetchone()[0]
        store.con.execute("SELECT count(*) FROM events").fetchone()
    analysed = sum(kind.expect == "analysed" for kind in kinds)
    failed = sum(kind.expect != "analysed" for kind in kinds) + 1  # loop-b, the loop's other end
    assert documents == analysed
    assert failures == failed
    again = run("events", "--db", str(db), "--format", "json")
    assert again.returncode == 0 and "Traceback" not in again.stderr
