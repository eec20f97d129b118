"""Routine faults (#12 items 9 and 11): one line on stderr, the README's exit code, no
traceback; a store that is locked, foreign, stale or on a full disk; Ctrl-C during ``-o``."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire import __version__
from eventwire.cli import app
from eventwire.cli_support import EXIT_CODES, ExitCode
from eventwire.store import Store
from tests.conftest import REPO, SAMPLES
from tests.test_query import build_corpus
from tests.test_store import make_result

runner = CliRunner()
GOOD_TEXT = "Norland and Ostmark signed a timber agreement in Velby on Friday, officials said.\n"



def _interruptible() -> None:
    """Ctrl-C as a terminal gives it: a suite started in the background of a non-interactive
    shell ignores SIGINT, and the command would inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("faults") / "corpus.duckdb")


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def one_line(stderr: str) -> str:
    """The single ``eventwire: ...`` line a fault must print (and nothing else)."""
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("eventwire: "), stderr
    return lines[0]


def cli(*args: str, stdin=None, stdout=None, preexec_fn=None, env=None, timeout=120):
    """``python -m eventwire`` in a subprocess (for faults a CliRunner cannot fake)."""
    return subprocess.run(
        [sys.executable, "-m", "eventwire", *args], stdin=stdin,
        stdout=stdout if stdout is not None else subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=preexec_fn, env={**os.environ, **(env or {})}, timeout=timeout, cwd=REPO,
        text=True,
    )  # fmt: skip


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"eventwire {__version__}"


def test_every_stage_error_type_has_one_exit_code():
    codes = {error_type.__name__: code for error_type, code in EXIT_CODES}
    assert codes["StoreBusy"] is ExitCode.STORE_BUSY
    assert codes["StoreIOError"] is ExitCode.SYSTEM
    assert codes["QueryError"] is codes["ModelNotFound"] is codes["KBError"] is ExitCode.USAGE


@pytest.mark.parametrize(
    "args",
    [
        ["events", "--since", "2024-02-30"],
        ["events", "--until", "garbage"],
        ["events", "--since", "2024-13"],
        ["events", "--until", "2024-1-5"],
        ["events", "--since", "2024-05-01' OR 1=1 --"],
        ["events", "--limit", "-1"],
        ["events", "--limit", "many"],
        ["quotes", "--limit", "1.5"],
        ["events", "--format", "xml"],
        ["events", "--quad-class", "9"],
        ["events", "--bogus"],
        ["actors", "--profile"],
        ["timeline", "Putin"],
    ],
)
def test_bad_arguments_are_usage_errors(db: Path, args: list[str]):
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == ExitCode.USAGE, result.output
    one_line(result.stderr)


def test_a_store_in_a_missing_directory(tmp_path: Path, good_file: Path):
    missing = tmp_path / "no" / "such" / "dir" / "store.duckdb"
    result = runner.invoke(app, ["ingest", str(good_file), "--db", str(missing)])
    assert result.exit_code == ExitCode.USAGE
    assert "does not exist" in one_line(result.stderr)
    result = runner.invoke(app, ["events", "--db", str(missing)])
    assert result.exit_code == ExitCode.USAGE and "no store" in one_line(result.stderr)
    assert not missing.parent.exists()


def test_a_store_locked_by_another_process(db: Path, tmp_path: Path, good_file: Path):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ready"
        for args in (["events"], ["ingest", str(good_file)], ["export", "-o", str(tmp_path)]):
            result = runner.invoke(app, [*args, "--db", str(db)])
            assert result.exit_code == ExitCode.STORE_BUSY, (args, result.output)
            line = one_line(result.stderr)
            assert "in use by another process" in line and f"PID {holder.pid}" in line
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def test_another_applications_duckdb_file_is_refused_and_left_alone(tmp_path, good_file):
    other = tmp_path / "sales.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE sales (item VARCHAR, amount INTEGER)")
    con.close()
    for args in (["ingest", str(good_file)], ["events"], ["export", "-o", str(tmp_path / "x")]):
        result = runner.invoke(app, [*args, "--db", str(other)])
        assert result.exit_code == ExitCode.USAGE, result.output
        assert "not an eventwire store" in one_line(result.stderr)
    con = duckdb.connect(str(other), read_only=True)
    assert con.execute("SELECT table_name FROM duckdb_tables()").fetchall() == [("sales",)]
    con.close()
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database at all\n")
    result = runner.invoke(app, ["events", "--db", str(text)])
    assert result.exit_code == ExitCode.USAGE and "not an eventwire store" in result.stderr
    assert text.read_text() == "not a database at all\n"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("EVENTWIRE_MAX_BYTES", "abc"),
        ("EVENTWIRE_MAX_BYTES", "-1"),
        ("EVENTWIRE_MAX_CHARS", "0"),
        ("EVENTWIRE_BATCH_CHARS", "0"),
        ("EVENTWIRE_LANGUAGES", "en"),
        ("EVENTWIRE_MIN_CONFIDENCE", "high"),
        ("EVENTWIRE_MIN_CONFIDENCE", "2"),
        ("EVENTWIRE_ACTORS", "/no/such/actors.yaml"),
        ("EVENTWIRE_PEOPLE", "/no/such/people.yaml"),
        ("EVENTWIRE_MODEL", "no_such_pipeline_xyz"),
    ],
)
def test_bad_setting_values_are_usage_errors(variable: str, value: str, good_file: Path):
    result = runner.invoke(app, ["extract", str(good_file)], env={variable: value})
    assert result.exit_code == ExitCode.USAGE, result.output
    line = one_line(result.stderr)
    assert variable in line or value in line, line


def test_eventwire_db_names_the_store(db: Path, tmp_path: Path):
    result = runner.invoke(app, ["events", "--format", "json"], env={"EVENTWIRE_DB": str(db)})
    assert result.exit_code == 0 and len(json.loads(result.stdout)) == 4
    missing = str(tmp_path / "none" / "x.duckdb")
    result = runner.invoke(app, ["events"], env={"EVENTWIRE_DB": missing})
    assert result.exit_code == ExitCode.USAGE and missing in one_line(result.stderr)


def test_output_into_a_missing_directory_or_onto_a_directory(tmp_path: Path, good_file: Path):
    result = runner.invoke(app, ["extract", str(good_file), "-o", str(tmp_path / "no" / "o.json")])
    assert result.exit_code == ExitCode.USAGE and "does not exist" in one_line(result.stderr)
    result = runner.invoke(app, ["extract", str(good_file), "-o", str(tmp_path)])
    assert result.exit_code == ExitCode.USAGE and "directory" in one_line(result.stderr)


def test_missing_input_and_no_input(tmp_path: Path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "d")])
    assert result.exit_code == ExitCode.USAGE and "no such file" in one_line(result.stderr)
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "d")])
    assert result.exit_code == ExitCode.USAGE and "no input" in one_line(result.stderr)


def _close_stdin() -> None:
    os.close(0)


@pytest.mark.parametrize("command", [["extract", "-"], ["ingest", "-", "--db", "unused.duckdb"]])
def test_closed_stdin(command: list[str], tmp_path: Path):
    proc = cli(*command, preexec_fn=_close_stdin)
    assert proc.returncode == ExitCode.USAGE, proc.stderr
    assert "stdin is closed" in one_line(proc.stderr)
    assert not (REPO / "unused.duckdb").exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_disk_full_while_writing_output(db: Path):
    with open("/dev/full", "w") as full:
        proc = cli("events", "--db", str(db), "--format", "json", stdout=full)
    assert proc.returncode == ExitCode.SYSTEM, proc.stderr
    assert "No space left" in one_line(proc.stderr)


def _small_files() -> None:
    # Files may not grow past 20 KB (the first commit to the write-ahead log does not fit), and
    # writing past that fails with EFBIG instead of killing the process, like a full disk.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def test_no_room_for_the_store(tmp_path: Path, good_file: Path):
    proc = cli("ingest", str(good_file), "--db", str(tmp_path / "s.duckdb"),
               preexec_fn=_small_files)  # fmt: skip
    assert proc.returncode == ExitCode.SYSTEM, proc.stderr
    assert "store" in one_line(proc.stderr)


def test_closed_stdout_pipe_ends_quietly(db: Path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "events", "--db", str(db), "-n", "0", "-f", "jsonl"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    proc.stdout.close()  # the reader went away, like `| head -0`
    stderr = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=120) == ExitCode.OUTPUT_CLOSED
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_ctrl_c_during_extract_keeps_the_old_output_file(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "aaa-empty.txt").write_bytes(b"")  # fails first: its line says the run started
    for number in range(80):
        (folder / f"art{number:02d}.txt").write_text(
            f"Item {number}. {GOOD_TEXT} The two delegations agreed to meet again in "
            "Harbourtown next month. Farmers protested against the quotas on Monday.\n" * 3,
            encoding="utf-8",
        )
    out = tmp_path / "existing.json"
    out.write_text('{"earlier": "results"}\n', encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "extract", str(folder), "-o", str(out)],
        stderr=subprocess.PIPE, text=True, cwd=REPO,
        preexec_fn=_interruptible,  # noqa: PLW1509 - a signal disposition, before exec
    )
    for line in process.stderr:
        if "aaa-empty" in line:
            break
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    rest = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=120) == ExitCode.INTERRUPTED, rest
    assert "Traceback" not in rest and "interrupted" in rest
    assert out.read_text(encoding="utf-8") == '{"earlier": "results"}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.json", "in"]  # no .part


def test_extract_output_replaces_the_file_when_the_run_ends(tmp_path: Path, good_file: Path):
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    result = runner.invoke(app, ["extract", str(good_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["document"]["id"] == "good"
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "out.json"]


def test_a_store_left_stale_by_an_interrupted_ingest_is_brought_up_to_date(tmp_path: Path):
    from tests.test_query import PUTIN, TOKAYEV

    db = tmp_path / "stale.duckdb"
    with Store(db) as store:  # documents committed, the run killed before its rebuild
        store.add([make_result(
            "visit", "Putin visited Tokayev in Astana.", actors=[PUTIN, TOKAYEV],
            events=[("E1", "A1", "A2", "042", "visited")],
        )])  # fmt: skip
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [e["cameo"] for e in json.loads(result.stdout)] == ["042"]
    assert "not up to date" in one_line(result.stderr)
    again = runner.invoke(app, ["events", "--db", str(db), "--format", "json"])
    assert again.stderr == "" and json.loads(again.stdout)


def test_ingest_summary_stays_on_one_line_in_logs(nlp, tmp_path: Path, good_file: Path):
    db = tmp_path / ("a-long-directory-name-" * 5) / "store.duckdb"
    db.parent.mkdir()
    result = runner.invoke(app, ["ingest", str(good_file), "--db", str(db)])
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.stderr.splitlines() if "stored" in line]
    assert line == f"eventwire: 1 stored, 0 failed, 0 already in {db}"


def test_sample_ingest_then_queries_in_every_format(nlp, tmp_path: Path):
    db = tmp_path / "samples.duckdb"
    assert runner.invoke(app, ["ingest", str(SAMPLES), "--db", str(db)]).exit_code == 0
    for command in (["events"], ["actors"], ["quotes"], ["search", "Putin"],
                    ["timeline", "Putin", "Musk"]):  # fmt: skip
        for fmt in ("table", "json", "jsonl", "csv", "tsv"):
            result = runner.invoke(app, [*command, "--db", str(db), "-f", fmt, "-n", "0"]
                                   if command[0] != "timeline" else
                                   [*command, "--db", str(db), "-f", fmt])  # fmt: skip
            assert result.exit_code == 0, (command, fmt, result.output)
            assert "Traceback" not in result.stderr


def test_ctrl_c_seen_by_duckdb_is_an_interruption_not_a_bug():
    # DuckDB may raise its own error for Ctrl-C when the signal lands inside a query
    from eventwire.cli import _user_interrupt

    assert _user_interrupt(RuntimeError("Query interrupted"))
    assert _user_interrupt(duckdb.InterruptException("Query interrupted"))
    assert not _user_interrupt(duckdb.InterruptException("query time limit reached"))
    assert not _user_interrupt(RuntimeError("something else"))
