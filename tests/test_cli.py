"""The `eventwire extract` command end to end: real files, real subprocesses, the schema."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import jsonschema
import pytest
from typer.testing import CliRunner

from eventwire.cli import SCHEMA_FILE, app
from eventwire.settings import Settings
from tests.conftest import BAD_SAMPLES, REPO, SAMPLES

runner = CliRunner()
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "eventwire", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        cwd=REPO,
    )


def assert_spans_index_text(result: dict) -> None:
    """Every span in a result obeys document.text[start:end] == text."""
    text = result["document"]["text"]
    spans: list[dict] = []
    for actor in result["actors"]:
        spans += actor["mentions"]
    for quote in result["quotes"]:
        spans.append(quote)
        spans += [s for s in (quote["speaker_mention"], quote["cue"]) if s]
    for event in result["events"]:
        spans.append(event["trigger"])
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"], span


def test_committed_schema_is_current():
    from scripts.write_schema import schema_text

    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "run: python scripts/write_schema.py"
    )


def test_samples_give_schema_valid_output(tmp_path):
    out = tmp_path / "out.jsonl"
    proc = run_cli("extract", str(SAMPLES), "--format", "jsonl", "--out", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(results) == 7  # one txt, one html, five jsonl records
    for result in results:
        jsonschema.validate(result, SCHEMA)
        assert result["schema_version"] == "eventwire/1"
        assert result["errors"] == []
        assert result["document"]["language"] == "en"
        assert result["actors"], result["document"]["id"]
        assert_spans_index_text(result)
    ids = {r["document"]["id"] for r in results}
    assert "putin-musk-scraped" in ids and "eu-china-summit" in ids
    scraped = next(r for r in results if r["document"]["id"] == "putin-musk-scraped")
    assert scraped["document"]["published"] == "2025-03-14"
    assert scraped["document"]["removed"], "scraper boilerplate must be reported"
    assert "Support Now" not in scraped["document"]["text"]


def test_bad_inputs_fail_one_by_one_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Germany's chancellor met the Polish prime minister in Warsaw on Monday.\n")
    proc = run_cli("extract", str(BAD_SAMPLES), str(good), "--format", "jsonl")
    assert proc.returncode == 1
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr
    results = {r["document"]["id"]: r for r in map(json.loads, proc.stdout.decode().splitlines())}
    for result in results.values():
        jsonschema.validate(result, SCHEMA)
    assert results["good"]["errors"] == []
    for name in ("empty", "whitespace", "binary", "german", "truncated"):
        assert results[name]["errors"], name
        assert sum(f"{name}." in line for line in stderr.splitlines()) == 1, (name, stderr)
    assert results["german"]["document"]["language"] == "de"
    assert "truncated" in results["truncated"]["errors"][0]["message"]
    # Recoverable: decoded with a notice, and analysed.
    assert results["latin1"]["actors"]
    assert any(e["stage"] == "decode" for e in results["latin1"]["errors"])
    assert results["broken"]["document"]["text"]


def test_stdin_and_raw_offsets_index_the_input():
    text = (
        "date 2025-01-02\nNATO's secretary general visited Kyiv.  "
        "Ukraine's president thanked him.\n"
    )
    proc = run_cli("extract", "-", "--raw", "--format", "json", stdin=text.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    result = json.loads(proc.stdout)
    assert result["document"]["text"] == text
    assert result["document"]["published"] is None
    assert_spans_index_text(result)


def test_gzipped_jsonl_keeps_record_ids(tmp_path):
    records = [
        {"id": "wire-1", "text": "France recalled its ambassador to Algeria.", "url": "u1"},
        {"id": "wire-2", "html": "<html><body><p>Japan and India signed a defence pact.</p>"},
        {"text": "A record with no id still gets one."},
    ]
    path = tmp_path / "batch.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(map(json.dumps, records)).encode()))
    result = runner.invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["document"]["id"] for line in result.stdout.splitlines()]
    assert ids == ["wire-1", "wire-2", "batch-3"]


def test_huge_input_is_refused_with_a_clear_message(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "w") as handle:
        paragraph = "The minister said the talks would continue next week. " * 20 + "\n\n"
        while handle.tell() < 20_000_000:
            handle.write(paragraph)
    result = runner.invoke(app, ["extract", str(big), "--format", "jsonl"])
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert "limit" in record["errors"][0]["message"]
    assert "huge.txt" in result.stderr


def test_missing_path_and_missing_model_are_usage_errors(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    good = tmp_path / "good.txt"
    good.write_text("Chile and Peru signed a trade agreement.")
    result = runner.invoke(app, ["extract", str(good), "--model", "no_such_pipeline_xyz"])
    assert result.exit_code == 2
    assert "not installed" in result.stderr


@pytest.mark.parametrize("fmt", ["table"])
def test_table_format_is_readable(fmt):
    result = runner.invoke(app, ["extract", str(SAMPLES / "putin-musk-scraped.txt"), "-f", fmt])
    assert result.exit_code == 0
    assert "Actors" in result.stdout and "Putin" in result.stdout


def test_min_confidence_withholds_less_confident_events():
    sample = "samples/articles/putin-musk-scraped.txt"
    every = json.loads(run_cli("extract", sample, "--min-confidence", "0").stdout)["events"]
    default = json.loads(run_cli("extract", sample).stdout)["events"]
    strict = json.loads(run_cli("extract", sample, "--min-confidence", "0.99").stdout)["events"]
    floor = Settings().min_confidence
    assert len(every) > len(default) > len(strict) == 0
    assert all(e["confidence"] >= floor for e in default)
    assert any(e["confidence"] < floor for e in every)  # the floor does remove something here
