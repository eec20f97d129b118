"""A bounded fuzz run of ``eventwire extract`` on tag soup, Unicode text and JSON Lines
(#12): whatever the input, no traceback, exit 0 or 1 as the README says, and one schema-valid
record per input. Seeded (derandomized) so that CI runs the same examples every time; about
half a minute in all. Random bytes (mostly not text, so they never reach the NLP stages) are
fuzzed at the ingest stage, under every suffix and gzipped (tests/test_ingest_fuzz.py), and
through the command line by the bad-input corpus (tests/bad_inputs.py)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from eventwire.cli import SCHEMA_FILE, app

runner = CliRunner()
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Pieces of hostile markup and prose, written for this test.
SOUP = ["<p>", "</p>", "<div>", "</div>", "<b>", "</b>", "<script>", "</script>", "<!--", "-->",
        "<![CDATA[", "]]>", "&amp;", "&#0;", "&#xD800;", "&bogus;", "[/b]", "[red]", "[/quote]",
        "\x00", "\ufeff", "\u202e", "\r\n", "\n\n", "\"", "«", "“", "'",
        "Norland's minister met Ostmark's envoy in Velby on Tuesday.",
        "\"We will not accept this,\" the envoy said.", "date 9999-12-31\n", "title [/b]\n"]


def run_extract(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        result = runner.invoke(app, ["extract", str(path), "--format", "jsonl"])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception)
    )
    assert "Traceback" not in result.stderr
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records, result.stderr  # every input accounted for
    for record in records:
        jsonschema.validate(record, SCHEMA)
    failed = any(not r["document"]["text"] or any(not e["notice"] for e in r["errors"])
                 for r in records)  # README: 1 when a document was not analysed
    assert result.exit_code == int(failed), result.stderr


@FUZZ
@given(pieces=st.lists(st.sampled_from(SOUP) | st.text(max_size=40), max_size=60))
def test_tag_soup(nlp, pieces: list[str]):
    run_extract("soup.html", "".join(pieces).encode("utf-8", "surrogatepass"))


@FUZZ
@given(text=st.text(max_size=2000))
def test_unicode_text(nlp, text: str):
    run_extract("text.txt", text.encode("utf-8"))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=10,
)
RECORDS = st.fixed_dictionaries(
    {},
    optional={"id": JSON_VALUES, "text": st.text(max_size=300) | JSON_VALUES,
              "html": st.text(max_size=300), "published": st.text(max_size=25) | JSON_VALUES,
              "title": JSON_VALUES, "url": JSON_VALUES},
)  # fmt: skip


@FUZZ
@given(lines=st.lists(RECORDS.map(json.dumps) | st.text(max_size=80), min_size=1, max_size=6))
def test_json_lines(nlp, lines: list[str]):
    run_extract("records.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))
