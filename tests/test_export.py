"""Exports read back: Parquet and CSV of every table, GDELT 2.0 files, PLOVER JSON Lines."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from eventwire.store import Store
from eventwire.store.export import GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, TABLES, export
from tests.test_query import build_corpus


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = build_corpus(tmp_path_factory.mktemp("export") / "corpus.duckdb")
    with Store(db, read_only=True) as opened:
        yield opened


def test_gdelt_codebook_column_counts():
    assert len(GDELT_EVENT_COLUMNS) == 61 and len(GDELT_MENTION_COLUMNS) == 16
    assert GDELT_EVENT_COLUMNS[:2] == ("GlobalEventID", "Day")
    assert GDELT_EVENT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    assert GDELT_EVENT_COLUMNS[15] == "Actor2Code" and GDELT_EVENT_COLUMNS[25] == "IsRootEvent"


def test_parquet_has_every_table_with_its_rows_and_types(store: Store, tmp_path: Path):
    export(store.con, "parquet", tmp_path)
    for table in TABLES:
        data = pq.read_table(tmp_path / f"{table}.parquet")
        (rows,) = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert data.num_rows == rows, table
    events = pq.read_table(tmp_path / "events.parquet")
    assert events.schema.field("event_id").type == pa.int64()
    assert events.schema.field("date").type == pa.date32()
    visit = [r for r in events.to_pylist() if r["cameo"] == "042"][0]
    assert (visit["num_mentions"], visit["num_sources"], visit["num_articles"]) == (2, 2, 2)


def test_csv_has_every_table_with_a_header(store: Store, tmp_path: Path):
    export(store.con, "csv", tmp_path)
    for table in TABLES:
        with (tmp_path / f"{table}.csv").open(encoding="utf-8") as handle:
            header, *rows = list(csv.reader(handle))
        columns = [d[0] for d in store.con.execute(f"SELECT * FROM {table} LIMIT 0").description]
        assert header == columns, table
        (count,) = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert len(rows) == count, table
    typed = duckdb.sql(f"SELECT * FROM read_csv('{tmp_path / 'events.csv'}')")
    assert dict(zip(typed.columns, typed.types, strict=True))["goldstein"] == "DOUBLE"


def read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_gdelt_event_and_mention_files(store: Store, tmp_path: Path):
    export(store.con, "gdelt", tmp_path)
    events = read_tsv(tmp_path / "events.export.CSV")
    mentions = read_tsv(tmp_path / "events.mentions.CSV")
    assert len(events) == 4 and {len(row) for row in events} == {61}
    assert len(mentions) == 5 and {len(row) for row in mentions} == {16}

    visit = dict(zip(GDELT_EVENT_COLUMNS, [r for r in events if r[26] == "042"][0], strict=True))
    assert visit["Day"] == "20250110" and visit["MonthYear"] == "202501"
    assert visit["Year"] == "2025" and float(visit["FractionDate"]) == pytest.approx(2025.0247)
    assert (visit["Actor1Code"], visit["Actor1Name"]) == ("RUSGOV", "VLADIMIR PUTIN")
    assert (visit["Actor1CountryCode"], visit["Actor1Type1Code"]) == ("RUS", "GOV")
    assert (visit["Actor2Code"], visit["Actor2CountryCode"]) == ("KAZGOV", "KAZ")
    assert (visit["EventBaseCode"], visit["EventRootCode"]) == ("042", "04")
    assert visit["QuadClass"] == "1"
    assert float(visit["GoldsteinScale"]) == 1.9
    assert (visit["NumMentions"], visit["NumSources"], visit["NumArticles"]) == ("2", "2", "2")
    assert visit["IsRootEvent"] == "1" and visit["ActionGeo_Type"] == "0"
    assert visit["DATEADDED"] == "20250110000000"
    assert visit["SOURCEURL"] == "https://harbourwire.example/visit-a"

    rows = [dict(zip(GDELT_MENTION_COLUMNS, r, strict=True)) for r in mentions]
    reports = [r for r in rows if r["GlobalEventID"] == visit["GlobalEventID"]]
    assert {r["MentionSourceName"] for r in reports} == {"Harbour Wire", "Valley Gazette"}
    first = [r for r in reports if r["MentionSourceName"] == "Harbour Wire"][0]
    text = "Putin visited Tokayev in Astana. Putin said grain will flow east."
    assert first["ActionCharOffset"] == str(text.index("visited"))
    assert first["Actor1CharOffset"] == "0" and first["Actor2CharOffset"] == str(text.index("Tok"))
    assert (first["SentenceID"], first["Confidence"]) == ("1", "80")
    assert first["MentionDocLen"] == str(len(text))


def test_plover_json_lines(store: Store, tmp_path: Path):
    export(store.con, "plover", tmp_path)
    lines = (tmp_path / "events.plover.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 4
    (visit,) = [r for r in records if r["cameo"] == "042"]
    assert visit["event_type"] == "CONSULT" and visit["date"] == "2025-01-10"
    assert visit["actor"] == [
        {"name": "Vladimir Putin", "code": "RUSGOV", "country": "RUS", "sector": "GOV"}
    ]
    assert visit["recipient"][0]["code"] == "KAZGOV"
    assert {"mode", "context", "citation"} <= set(visit)
    assert visit["citation"]["publisher"] == "Harbour Wire"
    assert len(visit["text"]) == 2
    for span in visit["text"]:
        assert span["trigger"]["text"] == "visited" and "visited" in span["sentence"]["text"]
