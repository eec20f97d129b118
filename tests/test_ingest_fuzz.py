"""A bounded fuzz run of the ingest stage (issue 12): random bytes, tag soup and JSON Lines
under every article suffix. Whatever the input, reading it never raises, every input comes
out as a result (with text, or errors saying why) or a note, and every result can be written
as JSON. The NLP stages are covered by the bad-input corpus (tests/bad_inputs.py)."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.ingest import read_documents
from eventwire.model import Result, valid_published
from eventwire.settings import Settings

SUFFIXES = [".txt", ".html", ".jsonl", ".txt.gz", ".htm", ".text"]

_TAGS = [
    "<p>", "</p>", "<div>", "</div>", "<b>", "</i>", "<!--", "-->", "<script>", "</script>",
    "<meta charset='utf-7'>", "<meta charset=\"unicode_escape\">", "<title>", "</title>",
    "<html>", "<body>", "&amp;", "&#0;", "&#xD800;", "<br/>", "<", ">",
]  # fmt: skip
_WORDS = ["ferry", "storm", "Tromsø", "“quote”", "\\ud800", "\x00", "\r\n", " ", "2024-02-30"]

tag_soup = st.lists(st.sampled_from(_TAGS + _WORDS), max_size=80).map("".join)
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                  max_size=3),
    max_leaves=8,
)  # fmt: skip
record = st.fixed_dictionaries(
    {},
    optional={"id": json_value, "text": st.text(max_size=200) | json_value,
              "html": tag_soup, "published": json_value | st.text(max_size=30),
              "title": json_value, "url": json_value, "publisher": json_value},
)  # fmt: skip
jsonl = st.lists(record.map(json.dumps) | st.text(max_size=40), max_size=5).map("\n".join)
payload = st.one_of(
    st.binary(max_size=2000),
    tag_soup.map(str.encode),
    jsonl.map(str.encode),
    st.text(max_size=500).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=payload, suffix=st.sampled_from(SUFFIXES), gzipped=st.booleans())
def test_ingest_never_fails_on_any_input(data: bytes, suffix: str, gzipped: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(gzip.compress(data) if gzipped else data)
        items = list(read_documents([path], Settings()))
    results = [item for item in items if isinstance(item, Result)]
    assert results, "every input is accounted for"
    for result in results:
        result.model_dump_json()  # no lone surrogate, nothing unserialisable
        assert result.document.text or result.failed, "no text needs a reason"
        for error in result.errors:
            assert error.message and "\n" not in error.message
        if result.document.published is not None:
            assert valid_published(result.document.published) == result.document.published
