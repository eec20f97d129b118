"""The generated bad-input corpus (tests/bad_inputs.py) through ``extract`` and ``ingest``.

For every kind: no traceback, the README's exit code (0 when every document was analysed, 1
when one failed), every input accounted for (a result, an error record or a "skipped" line),
each error on stderr, the kind's own expectation; then all kinds in one ``ingest``: every
input is a stored document or a recorded failure, and the store still opens and answers.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import jsonschema
import pytest
from typer.testing import CliRunner

from eventwire.cli import SCHEMA_FILE, app
from eventwire.ingest.sources import kind_of, shown_path
from tests.bad_inputs import KINDS, Kind, slug, write_kind

runner = CliRunner()
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def failed(result: dict) -> bool:
    """Not analysed: an error that is not a notice, or no text at all (README: exit 1)."""
    return not result["document"]["text"] or any(not e["notice"] for e in result["errors"])


def input_files(folder: Path) -> list[str]:
    """The regular article files under ``folder`` that a run must account for (hidden ones
    and symlinks aside, as the directory walk leaves them), as the output shows them (a name
    that is not UTF-8, or has a line break, escaped)."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root) / name
            if name.startswith(".") or path.is_symlink() or not path.is_file():
                continue
            found.append(shown_path(path))
    return found


def accounted(path: str, sources: list[str], stderr: str) -> bool:
    if kind_of(Path(path)) is None:
        return f"{path}: skipped" in stderr
    return any(s == path or s.startswith(path + ":") for s in sources)


def params(kinds: list[Kind]) -> list:
    return [
        pytest.param(kind, id=slug(kind),
                     marks=[pytest.mark.xfail(strict=False, reason=kind.xfail)]
                     if kind.xfail else [])  # fmt: skip
        for kind in kinds
    ]


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception)
    )
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


@pytest.mark.parametrize("kind", params(KINDS))
def test_each_kind_through_extract(kind: Kind, nlp, tmp_path: Path):
    folder = write_kind(kind, tmp_path / slug(kind))
    result = runner.invoke(app, ["extract", str(folder), "--format", "jsonl"])
    no_traceback(result)
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    for record in records:
        jsonschema.validate(record, SCHEMA)
    # README: 1 exactly when a document failed
    assert result.exit_code == int(any(failed(r) for r in records)), result.stderr
    sources = [r["document"]["source"] for r in records]
    for path in input_files(folder):
        assert accounted(path, sources, result.stderr), (path, sources, result.stderr)
    for record in records:  # every error also on stderr, on its own line
        for error in record["errors"]:
            assert f"{error['stage']}: {error['message']}" in result.stderr
    if kind.expect == "analysed":
        assert records and not any(failed(r) for r in records), result.stderr
    elif kind.expect == "fails":
        assert records and all(failed(r) for r in records), records
    if kind.check:
        assert kind.check(records), records
    if kind.noted:
        assert f": skipped, {kind.noted}" in result.stderr, result.stderr


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Every kind, one folder each, under one root."""
    root = tmp_path_factory.mktemp("bad-corpus")
    for kind in KINDS:
        write_kind(kind, root / slug(kind))
    return root


def store_sources(db: Path) -> tuple[list[str], list[str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        # in a fixed order: the two ingests are compared below
        documents = [s for (s,) in con.execute(
            "SELECT source FROM documents ORDER BY source").fetchall()]
        failures = [s for (s,) in con.execute(
            "SELECT DISTINCT source FROM failures ORDER BY source").fetchall()]
    finally:
        con.close()
    return documents, failures


def test_every_kind_through_one_ingest(corpus: Path, nlp, tmp_path: Path):
    db = tmp_path / "corpus.duckdb"
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    no_traceback(first)
    assert first.exit_code == 1, first.stderr  # some kinds fail, and say so
    assert "failed by stage:" in first.stderr
    documents, failures = store_sources(db)
    for path in input_files(corpus):
        if kind_of(Path(path)) is None:
            assert path in failures, path  # recorded as skipped
        else:
            assert any(s == path or s.startswith(path + ":") for s in documents + failures), path
    # one line per failed input on stderr
    for source in failures:
        assert source in first.stderr

    # the store opens and answers
    for command in (["events", "-n", "0"], ["actors"], ["quotes"], ["search", "timber"],
                    ["timeline", "Norland", "Ostmark"]):  # fmt: skip
        answer = runner.invoke(app, [*command, "--db", str(db), "--format", "json"])
        no_traceback(answer)
        assert answer.exit_code == 0, (command, answer.stderr)
        json.loads(answer.stdout)

    # again: nothing new is stored, the failures are tried again and fail the same way
    second = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    no_traceback(second)
    assert second.exit_code == 1
    assert _count(second.stderr, "stored") == 0
    assert _count(second.stderr, "failed") == _count(first.stderr, "failed")
    assert store_sources(db) == (documents, failures)

    # and the store still takes new documents (a year-9999 date did not poison it)
    extra = tmp_path / "later.txt"
    extra.write_text("Norland and Ostmark signed a timber agreement on Friday.", "utf-8")
    later = runner.invoke(app, ["ingest", str(extra), "--db", str(db)])
    no_traceback(later)
    assert later.exit_code == 0 and "1 stored" in later.stderr, later.stderr


def _count(summary: str, what: str) -> int:
    """The number before ``what`` in the ingest summary line ("3 stored, 2 failed, ...")."""
    for line in summary.splitlines():
        if " stored, " in line:
            for part in line.split(", "):
                if part.endswith(what):
                    return int(part.split()[-2])
    raise AssertionError(summary)
