"""The Python API (issue #11 item 2): analyse_text, run, result tables, Settings, the Corpus
filters, and imports that do not load what they do not need."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

import eventwire
from eventwire.api import Analysis, Results
from eventwire.query import Corpus, EventFilter
from eventwire.tables import TABLES
from tests.test_query import build_corpus

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples" / "articles"

SANCTIONS = ("The European Union imposed new sanctions on Belarus on Monday, and Poland "
             "closed a border crossing with the country.")


@pytest.fixture(scope="module")
def sanctions() -> Analysis:
    return eventwire.analyse_text(SANCTIONS, published=dt.date(2024, 2, 26),
                                  title="EU sanctions Belarus", url="https://news.example/eu")


def test_analyse_text_gives_a_result_with_metadata(sanctions):
    assert isinstance(sanctions, eventwire.Result)
    doc = sanctions.document
    assert (doc.published, doc.title, doc.url) == ("2024-02-26", "EU sanctions Belarus",
                                                   "https://news.example/eu")
    assert doc.text == SANCTIONS  # analysed as given: offsets index the string
    assert sanctions.errors == []
    for event in sanctions.events:
        assert SANCTIONS[event.trigger.start:event.trigger.end] == event.trigger.text


def test_event_table_has_actor_names_joined(sanctions):
    rows = sanctions.to_arrow("events").to_pylist()
    names = {a.id: a.name for a in sanctions.actors}
    sanction = next(r for r in rows if r["cameo"].startswith("16"))
    assert (sanction["source"], sanction["target"]) == ("European Union", "Belarus")
    assert sanction["source"] == names[sanction["source_id"]]
    assert sanction["target_code"] == "BLR"
    assert sanction["doc_id"] == "text" and sanction["published"] == dt.date(2024, 2, 26)
    assert "imposed new sanctions" in sanction["sentence"]


def test_every_table_has_its_columns_even_when_empty(sanctions):
    for table, columns in TABLES.items():
        arrow = sanctions.to_arrow(table)
        assert arrow.column_names == [name for name, _ in columns]
    assert Results().to_arrow("quotes").num_rows == 0
    with pytest.raises(ValueError, match="no table 'people'"):
        sanctions.to_arrow("people")


def test_to_pandas(sanctions):
    pytest.importorskip("pandas")
    frame = sanctions.to_pandas("actors")
    assert {"European Union", "Belarus", "Poland"} <= set(frame["name"])
    assert frame["doc_id"].eq("text").all()


def test_clean_and_html_options():
    dump = " date 2024-03-01 Share this article\n\n" + SANCTIONS
    cleaned = eventwire.analyse_text(dump, clean=True)
    assert cleaned.document.published == "2024-03-01"
    assert cleaned.document.text.startswith("The European Union imposed")
    page = eventwire.analyse_text(f"<html><body><article><p>{SANCTIONS}</p></article></body>"
                                  "</html>", html=True)
    assert page.document.text == SANCTIONS


def test_run_takes_str_path_list_and_records():
    jsonl = SAMPLES / "wire.jsonl"
    by_str = eventwire.run(str(jsonl))
    by_path = eventwire.run(jsonl)
    assert isinstance(by_str, Results) and len(by_str) == len(by_path) >= 2
    assert [r.document.id for r in by_str] == [r.document.id for r in by_path]
    record = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])
    mixed = eventwire.run([record, str(SAMPLES / "putin-musk-scraped.txt")])
    assert [r.document.id for r in mixed] == [record["id"], "putin-musk-scraped"]
    assert mixed[0].document.published == record["published"]
    quotes = mixed.to_arrow("quotes").to_pylist()
    assert quotes and all(q["speaker"] for q in quotes if q["speaker_id"])


def test_run_reports_missing_paths_and_bad_documents(tmp_path):
    with pytest.raises(FileNotFoundError, match="analyse_text"):
        eventwire.run("Putin met Xi in Moscow.")
    with pytest.raises(TypeError):
        eventwire.run([42])
    results = eventwire.run([{"id": "empty", "text": "   "}, {"id": "no-text", "title": "x"}])
    assert [r.document.id for r in results.failed] == ["empty", "no-text"]
    errors = results.to_arrow("errors").to_pylist()
    assert [e["doc_id"] for e in errors] == ["empty", "no-text"]
    (tmp_path / "notes.odt").write_bytes(b"PK\x03\x04")
    assert [p.name for p in eventwire.run(tmp_path).skipped] == ["notes.odt"]


def test_settings_reach_the_run(tmp_path):
    people = tmp_path / "people.yaml"
    people.write_text("people:\n  - {name: Zorblat Quixley, country: NOR, sector: GOV}\n",
                      encoding="utf-8")
    text = {"id": "z", "text": "Zorblat Quixley criticised the tariffs on Monday."}
    plain = eventwire.run([text])[0]
    assert next(a for a in plain.actors if a.name == "Zorblat Quixley").code is None
    for results in (eventwire.run([text], eventwire.Settings(people=str(people))),
                    eventwire.run([text], people=str(people))):
        assert next(a for a in results[0].actors if a.name == "Zorblat Quixley").code == "NORGOV"
    everything = eventwire.run([{"id": "s", "text": SANCTIONS}], min_confidence=0)
    assert len(everything[0].events) >= len(eventwire.run([{"id": "s", "text": SANCTIONS}],
                                                          min_confidence=1)[0].events)


# --- the Corpus ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    db = build_corpus(tmp_path_factory.mktemp("api") / "corpus.duckdb")
    with Corpus(db) as opened:
        yield opened


def test_corpus_events_take_keywords_and_dates(corpus):
    by_filter = corpus.events(EventFilter(actor="Putin", since="2025-02"))
    by_keyword = corpus.events(actor="Putin", since=dt.date(2025, 2, 1))
    assert by_keyword == by_filter and by_keyword
    assert corpus.events(actor="Putin", since=dt.datetime(2025, 2, 1, 12)) == by_filter
    assert corpus.events(until=2024) == []
    assert {row["cameo"] for row in corpus.events(type="CONSULT")} <= {"036", "042"}
    # a keyword wins over the filter object
    assert corpus.events(EventFilter(actor="Nobody"), actor="Putin")
    assert len(corpus.events(limit=None)) == len(corpus.events(limit=0)) > 1
    assert len(corpus.events(limit=1)) == 1


def test_corpus_refuses_bad_filters(corpus):
    with pytest.raises(TypeError, match="unknown event filter actr"):
        corpus.events(actr="Putin")
    with pytest.raises(ValueError, match="since: 'last week' is not a date"):
        corpus.events(since="last week")
    with pytest.raises(ValueError, match="until: '2025-02-30' is not a date"):
        corpus.events(until="2025-02-30")


def test_query_api_imports_without_spacy():
    code = ("import sys\nimport eventwire.query\nfrom eventwire.query import Corpus\n"
            "import eventwire\neventwire.Corpus\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc'))\n"
            "print(len(loaded))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert done.stdout.strip() == "0", done.stdout


def test_package_exports_lazily():
    code = ("import sys\nimport eventwire\nprint('spacy' in sys.modules)\n"
            "eventwire.Settings\nprint('spacy' in sys.modules)\n"
            "eventwire.analyse_text\nprint('spacy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=REPO)
    assert done.stdout.split() == ["False", "False", "True"]
    assert set(eventwire.__all__) <= set(dir(eventwire))
    with pytest.raises(AttributeError):
        eventwire.no_such_thing  # noqa: B018
