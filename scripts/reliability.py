"""Run the bad-input corpus and the routine faults through the CLI and write the evidence.

Every kind of tests/bad_inputs.py goes through ``eventwire extract`` (one run per kind) and
all of them through one ``eventwire ingest``; then routine faults (locked, foreign and stale
stores, bad options and settings, full disk, closed stdin, ...). For each: exit code,
tracebacks, inputs accounted for, and whether the store still opens and answers. Writes the
section "## Bad input and faults: the command line and the store" of docs/reliability.md.

Usage:
  python scripts/reliability.py                # print the table
  python scripts/reliability.py --update-docs  # also rewrite that section
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from docs_sections import replace_section  # noqa: E402

from eventwire.cli import app  # noqa: E402
from eventwire.ingest.sources import kind_of, shown_path  # noqa: E402
from tests.bad_inputs import KINDS, Kind, slug, write_kind  # noqa: E402

RELIABILITY = REPO / "docs" / "reliability.md"
SECTION = "## Bad input and faults: the command line and the store"
runner = CliRunner()


@dataclass
class Row:
    kind: str
    item: str
    exit_code: int
    expected: str  # the exit code(s) the README gives for what happened
    traceback: bool
    inputs: int
    lost: int
    outcome: str
    pending: str = ""  # why an expectation is not met yet (the kind's xfail reason)

    @property
    def wrong_exit(self) -> bool:
        return str(self.exit_code) not in self.expected.split("/")


def _failed(record: dict) -> bool:
    return not record["document"]["text"] or any(not e["notice"] for e in record["errors"])


def _input_files(folder: Path) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root) / name
            if not name.startswith(".") and not path.is_symlink() and path.is_file():
                found.append(shown_path(path))  # as the output shows it
    return found


def _traceback(result) -> bool:
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    return crashed or "Traceback" in result.stderr


def extract_kind(kind: Kind, root: Path) -> Row:
    folder = write_kind(kind, root / slug(kind))
    result = runner.invoke(app, ["extract", str(folder), "--format", "jsonl"])
    try:
        records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    except ValueError:
        records = []
    sources = [r["document"]["source"] for r in records]
    files = _input_files(folder)
    lost = sum(
        1 for path in files
        if not (f"{path}: skipped" in result.stderr if kind_of(Path(path)) is None
                else any(s == path or s.startswith(path + ":") for s in sources))
    )  # fmt: skip
    failed = sum(map(_failed, records))
    readme = "1" if failed else "0"  # the README's rule for what happened
    met = (kind.expect == "any"
           or (kind.expect == "analysed" and records and not failed)
           or (kind.expect == "fails" and records and failed == len(records)))  # fmt: skip
    checked = kind.check(records) if kind.check and records else True
    checked = checked and (not kind.noted or f": skipped, {kind.noted}" in result.stderr)
    stages = sorted({e["stage"] for r in records for e in r["errors"]})
    outcome = (f"{len(records)} result(s), {failed} failed"
               + (f" ({', '.join(stages)})" if stages else ""))  # fmt: skip
    pending = ""
    if not (met and checked) or lost or result.exit_code not in (0, 1) or _traceback(result):
        pending = kind.xfail or "NOT MET"
        outcome += "; expected: " + {"analysed": "analysed", "fails": "a failure",
                                     "any": "a check"}[kind.expect]  # fmt: skip
    wanted = readme if not pending or kind.expect == "any" else (
        "0" if kind.expect == "analysed" else "1")
    return Row(kind.name, kind.item, result.exit_code, wanted, _traceback(result), len(files),
               lost, outcome, pending)  # fmt: skip


def ingest_all(root: Path, work: Path) -> tuple[list[str], dict]:
    """One ingest of every kind (but those that stop a batch), then again, then queries."""
    db = work / "corpus.duckdb"
    first = runner.invoke(app, ["ingest", str(root), "--db", str(db)])
    con = duckdb.connect(str(db), read_only=True)
    stored = {s for (s,) in con.execute("SELECT source FROM documents").fetchall()}
    failed = {s for (s,) in con.execute("SELECT source FROM failures").fetchall()}
    con.close()
    files = _input_files(root)
    lost = [p for p in files
            if not any(s == p or s.startswith(p + ":") for s in stored | failed)]  # fmt: skip
    second = runner.invoke(app, ["ingest", str(root), "--db", str(db)])
    answers = {
        " ".join(cmd): runner.invoke(app, [*cmd, "--db", str(db), "-f", "json"]).exit_code
        for cmd in (["events", "-n", "0"], ["actors"], ["quotes"], ["search", "timber"],
                    ["timeline", "Norland", "Ostmark"])
    }  # fmt: skip
    later = work / "later.txt"
    later.write_text("Norland and Ostmark signed a timber agreement on Friday.", "utf-8")
    third = runner.invoke(app, ["ingest", str(later), "--db", str(db)])
    summary = {
        "files": len(files), "documents": len(stored), "failed inputs": len(failed),
        "lost": len(lost), "first exit": first.exit_code, "second exit": second.exit_code,
        "tracebacks": sum(map(_traceback, (first, second, third))),
        "queries answering": sum(code == 0 for code in answers.values()),
        "queries": len(answers), "new document after": third.exit_code,
        "summary line": next((ln for ln in first.stderr.splitlines() if " stored, " in ln), ""),
    }  # fmt: skip
    return lost, summary


def _closed_stdin() -> None:
    os.close(0)


def _small_files() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


def _cli(*args: str, **kwargs) -> tuple[int, str]:
    proc = subprocess.run([sys.executable, "-m", "eventwire", *args], capture_output=True,
                          text=True, cwd=REPO, timeout=300, **kwargs)  # fmt: skip
    return proc.returncode, proc.stderr


def faults(work: Path) -> list[Row]:
    from eventwire.store import Store
    from tests.test_query import PUTIN, TOKAYEV, build_corpus
    from tests.test_store import make_result

    db = build_corpus(work / "faults.duckdb")
    good = work / "good.txt"
    good.write_text("Norland and Ostmark signed a timber agreement on Friday.\n", "utf-8")
    rows: list[Row] = []

    def record(name: str, expected: int, outcome: tuple[int, str]) -> None:
        code, stderr = outcome
        lines = [ln for ln in stderr.splitlines() if ln.strip()]
        one = len(lines) == 1 and lines[0].startswith("eventwire: ")
        text = lines[0].removeprefix("eventwire: ") if lines else ""
        rows.append(Row(name, "#12.9/11", code, str(expected), "Traceback" in stderr, 0, 0,
                        (text[:90] + ("…" if len(text) > 90 else "")) if one
                        else f"{len(lines)} lines"))  # fmt: skip

    def invoke(*args: str, env: dict | None = None) -> tuple[int, str]:
        result = runner.invoke(app, list(args), env=env)
        return result.exit_code, result.stderr + ("Traceback" if _traceback(result) else "")

    for option, value in (("--since", "2024-02-30"), ("--until", "garbage"),
                          ("--limit", "-1"), ("--limit", "many"), ("--format", "xml")):
        record(f"events {option} {value}", 2, invoke("events", option, value, "--db", str(db)))
    missing = work / "no" / "dir" / "s.duckdb"
    record("ingest --db in a missing directory", 2, invoke("ingest", str(good), "--db",
                                                           str(missing)))  # fmt: skip
    record("query --db in a missing directory", 2, invoke("events", "--db", str(missing)))
    for variable, value in (("EVENTWIRE_MAX_BYTES", "abc"), ("EVENTWIRE_MAX_BYTES", "-1"),
                            ("EVENTWIRE_LANGUAGES", "en"), ("EVENTWIRE_MIN_CONFIDENCE", "high"),
                            ("EVENTWIRE_ACTORS", "/no/such.yaml"),
                            ("EVENTWIRE_MODEL", "no_such_pipeline")):  # fmt: skip
        record(f"{variable}={value}", 2, invoke("extract", str(good), env={variable: value}))
    record("extract -o into a missing directory", 2,
           invoke("extract", str(good), "-o", str(work / "none" / "o.json")))
    other = work / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE sales (x INTEGER)")
    con.close()
    record("ingest into another application's DuckDB file", 2,
           invoke("ingest", str(good), "--db", str(other)))
    text_db = work / "text.duckdb"
    text_db.write_text("not a database\n")
    record("query a file that is not DuckDB", 2, invoke("events", "--db", str(text_db)))
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    holder.stdout.readline()
    record("query a store locked by a running ingest", 3, invoke("events", "--db", str(db)))
    record("ingest into a locked store", 3, invoke("ingest", str(good), "--db", str(db)))
    holder.kill()
    holder.wait()
    holder.stdout.close()
    stale = work / "stale.duckdb"
    with Store(stale) as store:
        store.add([make_result("v", "Putin visited Tokayev.", actors=[PUTIN, TOKAYEV],
                               events=[("E1", "A1", "A2", "042", "visited")])])  # fmt: skip
    record("query after an ingest killed before its rebuild", 0,
           invoke("events", "--db", str(stale)))
    record("extract - with stdin closed", 2, _cli("extract", "-", preexec_fn=_closed_stdin))
    with open("/dev/full", "w") as full:
        record("stdout on a full disk (/dev/full)", 4, _full(db, full))
    record("store on a full disk (file size limit)", 4,
           _cli("ingest", str(good), "--db", str(work / "small.duckdb"),
                preexec_fn=_small_files))
    return rows


def _full(db: Path, full) -> tuple[int, str]:
    proc = subprocess.run([sys.executable, "-m", "eventwire", "events", "--db", str(db), "-f",
                           "json"], stdout=full, stderr=subprocess.PIPE, text=True, cwd=REPO,
                          timeout=300)  # fmt: skip
    return proc.returncode, proc.stderr


def section(kinds: list[Row], ingest: dict, fault_rows: list[Row]) -> str:
    tracebacks = sum(r.traceback for r in kinds + fault_rows) + ingest["tracebacks"]
    wrong = [r for r in kinds + fault_rows if r.wrong_exit]
    pending = [r for r in kinds if r.pending]
    lost = sum(r.lost for r in kinds) + ingest["lost"]
    lines = [
        SECTION, "",
        "Written by `scripts/reliability.py` (the same corpus `tests/test_bad_inputs.py` runs "
        "in `make test`). Each kind of input is a generated file or folder "
        "(`tests/bad_inputs.py`), run through `eventwire extract --format jsonl` on its own; "
        "then all kinds go through one `eventwire ingest` into one store. \"README code\" is "
        "the exit code the README's table gives for what happened (1 when a document failed, "
        "0 when all were analysed); an expectation not met yet (an xfail in the tests, its "
        "reason named) is listed as pending, not as passed.", "",
        "### Totals", "",
        "| what | count |", "| --- | ---: |",
        f"| kinds of bad input tried (files) | {len(kinds)} |",
        f"| routine faults tried | {len(fault_rows)} |",
        f"| tracebacks | {tracebacks} |",
        f"| wrong exit codes (against the README) | {len(wrong)} |",
        f"| of which in pending kinds | {sum(bool(r.pending) for r in wrong)} |",
        f"| inputs lost (no result, error record or skip note) | {lost} |",
        f"| of which in pending kinds | {sum(r.lost for r in kinds if r.pending)} |",
        f"| store corruption (store not answering after the corpus) | "
        f"{ingest['queries'] - ingest['queries answering']} |",
        f"| expectations pending (xfail) | {len(pending)} |",
        "",
        "### The corpus through one ingest", "",
        f"{ingest['files']} input files; {ingest['documents']} documents stored, "
        f"{ingest['failed inputs']} inputs recorded as failed, {ingest['lost']} lost; exit "
        f"code {ingest['first exit']} (some failed), {ingest['second exit']} again on a second "
        f"run (failures are retried); {ingest['queries answering']} of {ingest['queries']} "
        f"query commands answer afterwards; a new document is then stored with exit "
        f"{ingest['new document after']}. Summary line: `{ingest['summary line']}`.", "",
        "### Kinds of input", "",
        "| kind | issue | exit | README code | traceback | inputs | lost | result |",
        "| --- | --- | ---: | ---: | --- | ---: | ---: | --- |",
    ]
    for r in kinds:
        result = r.outcome + (f" — pending: {r.pending}" if r.pending else "")
        lines.append(f"| {r.kind} | {r.item} | {r.exit_code} | {r.expected} | "
                     f"{'yes' if r.traceback else 'no'} | {r.inputs} | {r.lost} | "
                     f"{result.replace('|', '/')} |")  # fmt: skip
    lines += ["", "### Routine faults", "",
              "| fault | exit | README code | traceback | what the user sees (one line) |",
              "| --- | ---: | ---: | --- | --- |"]  # fmt: skip
    for r in fault_rows:
        lines.append(f"| {r.kind} | {r.exit_code} | {r.expected} | "
                     f"{'yes' if r.traceback else 'no'} | {r.outcome.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update-docs", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        kinds = [extract_kind(kind, work / "extract") for kind in KINDS]
        root = work / "corpus"
        for kind in KINDS:
            write_kind(kind, root / slug(kind))
        _, ingest = ingest_all(root, work)
        fault_rows = faults(work)
    text = section(kinds, ingest, fault_rows)
    print(text)
    if args.update_docs:
        if not RELIABILITY.exists():
            RELIABILITY.write_text("# Reliability\n", encoding="utf-8")
        replace_section(RELIABILITY, text)


if __name__ == "__main__":
    main()
