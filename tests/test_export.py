"""Exports read back as their users read them: Parquet with pyarrow and DuckDB, CSV with the csv
module and pandas, GDELT 2.0 files with pandas and the official column names (tab-separated, no
header), PLOVER JSON Lines with a consumer of the manual's fields. Plus the path rules of the
export command (any path, no silent overwrite, one table on stdout)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.model import Place
from eventwire.store import Store
from eventwire.store.events import event_id_for
from eventwire.store.export import (
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    TABLES,
    ExportError,
    document_tone,
    export,
    fraction_date,
    known_group,
)
from tests.test_store import make_result

runner = CliRunner()

PUTIN = ("A1", "Vladimir Putin", "person", "RUSGOV", ["Putin"])
TOKAYEV = ("A2", "Kassym Tokayev", "person", "KAZGOV", ["Tokayev"])
UN = ("A3", "United Nations", "organization", "IGOUNO", ["UN"])
EU = ("A4", "European Union", "organization", "IGOEUREEC", ["EU"])
REPORTER = ("A5", "Anna Reporter", "person", "UKRMED", ["Reporter"])

KYIV = Place(name="Kyiv", start=0, end=4, level="city", resolved="Kyiv", country="UKR",
             adm1="12", lat=50.45466, lon=30.5238, geonames_id=703448, basis="sentence")
TEXAS = Place(name="Texas", start=0, end=5, level="region", resolved="Texas", country="USA",
              adm1="TX", geonames_id=4736286, basis="paragraph")  # fmt: skip


def _placed(result, place: Place | None):
    if place is not None:
        text = result.document.text
        start = text.index(place.name)
        result.events[0].place = place.model_copy(
            update={"start": start, "end": start + len(place.name)}
        )
    return result


def build_corpus(db: Path) -> tuple[Path, dt.datetime, dt.datetime]:
    """A visit reported twice (placed in Kyiv), a UN appeal to the EU dated by its year only,
    a journalist's accusation in Texas, and an offline report without a URL."""

    def article(name, publisher, published, text, actors, event, place=None):
        result = make_result(name, text, published=published, publisher=publisher,
                             actors=actors, events=[event])  # fmt: skip
        return _placed(result, place)

    offline = article(
        "gazette-print", "Valley Gazette", "2025-01-11",
        "In print: Russian leader Putin visited Tokayev on Friday in Kyiv.",
        [PUTIN, TOKAYEV], ("E1", "A1", "A2", "042", "visited"), KYIV,
    )  # fmt: skip
    offline.document.url = None
    results = [
        article("visit-a", "Harbour Wire", "2025-01-10",
                "Putin visited Tokayev in Kyiv. Putin said grain will flow east.",
                [PUTIN, TOKAYEV], ("E1", "A1", "A2", "042", "visited"), KYIV),
        offline,
        article("appeal", "Steppe Times", "2025-02-20",
                "In 2023 the UN urged the EU to fund the grain corridor.",
                [UN, EU], ("E1", "A3", "A4", "036", "urged", "2023")),
        article("accuse", "Harbour Wire", "2025-03-05",
                "In Texas, Reporter accused Putin of lying.",
                [REPORTER, PUTIN], ("E1", "A5", "A1", "112", "accused"), TEXAS),
    ]  # fmt: skip
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with Store(db) as store:
        store.add(results)
        store.rebuild()
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return db, before, after


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("export") / "corpus.duckdb")


@pytest.fixture(scope="module")
def store(corpus):
    with Store(corpus[0], read_only=True) as opened:
        yield opened


def _gdelt_time(text: str) -> dt.datetime:
    return dt.datetime.strptime(str(text), "%Y%m%d%H%M%S")


# --- GDELT -----------------------------------------------------------------------------------


def read_gdelt(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """As GDELT users load the files: tab-separated, no header, the codebook's names, codes as
    strings (the codebook asks for it: CAMEO codes have leading zeros)."""
    text = {c: str for c in columns if c.endswith(("Code", "Name", "FullName", "FeatureID"))}
    return pd.read_csv(path, sep="\t", header=None, names=list(columns), dtype=text,
                       quoting=csv.QUOTE_NONE)  # fmt: skip


def test_gdelt_codebook_columns_match_the_shared_codebook():
    assert len(GDELT_EVENT_COLUMNS) == 61 and len(GDELT_MENTION_COLUMNS) == 16
    assert GDELT_EVENT_COLUMNS[:2] == ("GlobalEventID", "Day")
    assert GDELT_EVENT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    codebook = Path(__file__).resolve().parents[2] / "shared/data/gdelt-codebook"
    if not codebook.exists():
        pytest.skip("the shared GDELT codebook is not here")
    with (codebook / "events-columns.csv").open(encoding="utf-8") as handle:
        official = [row["tableId"] for row in csv.DictReader(handle)]
    # the codebook's spellings of the first two ("GLOBALEVENTID", "SQLDATE") aside
    assert [c.lower() for c in official[2:]] == [c.lower() for c in GDELT_EVENT_COLUMNS[2:]]
    with (codebook / "mentions-columns.tsv").open(encoding="utf-8") as handle:
        rows = [line.split("\t") for line in handle.read().splitlines()[1:]]
    named = [r[1] for r in rows if len(r) > 2 and r[2]]
    assert [c.lower() for c in named[1:]] == [c.lower() for c in GDELT_MENTION_COLUMNS[1:]]


def test_fraction_date_is_the_codebook_formula():
    assert fraction_date(dt.date(2025, 1, 10)) == round(2025 + (1 * 30 + 10) / 365, 4)
    assert fraction_date(dt.date(2024, 6, 30)) == 2024.5753


def test_document_tone_counts_positive_and_negative_words():
    assert document_tone("The attack killed twelve people and wounded dozens.") < 0
    assert document_tone("Leaders welcomed the peaceful agreement and praised it.") > 0
    assert document_tone("The committee met on Tuesday.") == 0
    assert document_tone("") is None
    # 2 negative words of 5: -40
    assert document_tone("Killed. Attack. Table chair door.") == pytest.approx(-40.0)


def test_known_group_codes():
    assert known_group("IGOUNO") == "UNO"
    assert known_group("IGOEUREEC") == "EEC"
    assert known_group("IGOUNODEVWBK") == "WBK"
    assert known_group("IGOWSTNAT") == "NAT"
    assert known_group("RUSGOV") is None and known_group("NGOHRI") is None
    assert known_group(None) is None


def test_gdelt_events_read_with_pandas(corpus, store: Store, tmp_path: Path):
    _, before, after = corpus
    export(store.con, "gdelt", tmp_path)
    events = read_gdelt(tmp_path / "events.export.CSV", GDELT_EVENT_COLUMNS)
    assert len(events) == 3
    assert events["GlobalEventID"].dtype == "int64"
    assert (events["GlobalEventID"] < 2**53).all() and (events["GlobalEventID"] > 0).all()
    # a double holds every id exactly (what R, Excel and JavaScript read them as)
    assert (events["GlobalEventID"].astype("float64").astype("int64")
            == events["GlobalEventID"]).all()  # fmt: skip

    visit = events[events["EventCode"] == "042"].iloc[0]
    assert (visit["Day"], visit["MonthYear"], visit["Year"]) == (20250110, 202501, 2025)
    assert visit["FractionDate"] == pytest.approx(2025 + 40 / 365, abs=1e-4)
    assert (visit["Actor1Code"], visit["Actor1Name"]) == ("RUSGOV", "VLADIMIR PUTIN")
    assert (visit["Actor1CountryCode"], visit["Actor1Type1Code"]) == ("RUS", "GOV")
    assert pd.isna(visit["Actor1KnownGroupCode"])
    assert (visit["EventBaseCode"], visit["EventRootCode"], visit["QuadClass"]) == ("042", "04", 1)
    assert (visit["NumMentions"], visit["NumSources"], visit["NumArticles"]) == (2, 2, 2)
    assert visit["SOURCEURL"] == "https://harbourwire.example/visit-a"
    # added to the store now, not on the publication day, on GDELT's 15-minute grid
    added = _gdelt_time(visit["DATEADDED"])
    assert added.minute % 15 == 0 and added.second == 0
    assert before - dt.timedelta(minutes=15) < added <= after
    # where: a town outside the US, in FIPS codes, with its GeoNames point and id
    assert visit["ActionGeo_Type"] == 4
    assert visit["ActionGeo_FullName"] == "Kyiv, Ukraine"
    assert (visit["ActionGeo_CountryCode"], visit["ActionGeo_ADM1Code"]) == ("UP", "UP12")
    assert (visit["ActionGeo_Lat"], visit["ActionGeo_Long"]) == (50.45466, 30.5238)
    assert visit["ActionGeo_FeatureID"] == "703448"
    assert visit["Actor1Geo_Type"] == 0
    tones = [document_tone("Putin visited Tokayev in Kyiv. Putin said grain will flow east."),
             document_tone("In print: Russian leader Putin visited Tokayev on Friday in Kyiv.")]
    assert visit["AvgTone"] == pytest.approx(sum(tones) / 2, abs=1e-4)
    accused = events[events["EventCode"] == "112"].iloc[0]["AvgTone"]
    assert accused == pytest.approx(document_tone("In Texas, Reporter accused Putin of lying."))
    assert accused < 0

    appeal = events[events["EventCode"] == "036"].iloc[0]
    assert (appeal["Actor1KnownGroupCode"], appeal["Actor2KnownGroupCode"]) == ("UNO", "EEC")
    assert appeal["Day"] == 20230101  # a year-only date: flagged in the mentions' Extras
    assert appeal["ActionGeo_Type"] == 0

    accuse = events[events["EventCode"] == "112"].iloc[0]
    assert accuse["ActionGeo_Type"] == 2  # a US state
    assert (accuse["ActionGeo_ADM1Code"], accuse["ActionGeo_FullName"]) == (
        "USTX", "Texas, United States")
    assert pd.isna(accuse["ActionGeo_Lat"])  # no centroid is bundled for states


def test_gdelt_mentions_read_with_pandas(store: Store, tmp_path: Path):
    export(store.con, "gdelt", tmp_path)
    events = read_gdelt(tmp_path / "events.export.CSV", GDELT_EVENT_COLUMNS)
    mentions = read_gdelt(tmp_path / "events.mentions.CSV", GDELT_MENTION_COLUMNS)
    assert len(mentions) == 4
    joined = mentions.merge(events[["GlobalEventID", "DATEADDED", "EventCode"]],
                            on="GlobalEventID")  # fmt: skip
    assert len(joined) == 4
    # EventTimeDate is the event's DATEADDED: the first-mention idiom works
    assert (joined["EventTimeDate"] == joined["DATEADDED"]).all()
    assert (joined["EventTimeDate"] == joined["MentionTimeDate"]).all()

    visit = joined[joined["EventCode"] == "042"].set_index("MentionSourceName")
    web = visit.loc["harbourwire.example"]
    assert (web["MentionType"], web["MentionIdentifier"]) == (
        1, "https://harbourwire.example/visit-a")
    text = "Putin visited Tokayev in Kyiv. Putin said grain will flow east."
    assert web["ActionCharOffset"] == text.index("visited")
    assert (web["Actor1CharOffset"], web["Actor2CharOffset"]) == (0, text.index("Tok"))
    assert (web["SentenceID"], web["Confidence"], web["MentionDocLen"]) == (1, 80, len(text))
    assert web["MentionDocTone"] == pytest.approx(document_tone(text), abs=1e-4)
    printed = visit.loc["Valley Gazette"]  # no URL: a citation, named by its publisher
    assert printed["MentionType"] == 2
    assert printed["MentionIdentifier"].startswith('Valley Gazette, "gazette print", 2025-01-11')
    assert pd.isna(web["Extras"])

    (appeal,) = joined[joined["EventCode"] == "036"]["Extras"]
    assert appeal == "<DATE_PRECISION>year</DATE_PRECISION><DATE>2023</DATE>"


# --- PLOVER ----------------------------------------------------------------------------------


def test_plover_records_read_by_a_plover_consumer(store: Store, tmp_path: Path):
    export(store.con, "plover", tmp_path)
    with (tmp_path / "events.plover.jsonl").open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    assert len(records) == 3
    required = {"id", "date", "actor", "event"}
    for record in records:
        assert required <= set(record)
        assert isinstance(record["event"], list) and isinstance(record["actor"], list)
        assert record["quad_code"] in (1, 2, 3, 4)
        assert isinstance(record["event_scale"], float)
        assert isinstance(record["text"], str)
        info = record["text_info"]
        assert record["text"] and info["end"] - info["start"] == len(record["text"])
        assert {"url", "title", "publication"} <= set(record["cite_info"])
        for entity in record["actor"] + record["recipient"]:
            assert len(entity["code"]) == 3 and set(entity) >= {"code", "sector"}
    by_event = {r["event"][0]: r for r in records}

    visit = next(r for r in records if r["cameo"] == "042")
    # reported on the 10th and (undated, by its publication day) the 11th: a two-day period
    assert (visit["date"], visit["enddate"]) == ("2025-01-10", "2025-01-11")
    assert visit["actor"][0]["code"] == "RUS" and visit["actor"][0]["sector"] == "GOV"
    assert visit["actor"][0]["identifier_text"] == "Vladimir Putin"
    assert visit["recipient"][0]["code"] == "KAZ"
    assert (visit["quad_code"], visit["event_scale"]) == (1, 1.9)
    assert visit["text"] == "Putin visited Tokayev in Kyiv."
    assert visit["cite_info"]["publication"] == "Harbour Wire"
    assert len(visit["mentions"]) == 2 and visit["event_text"] == ["visited"]
    loc = visit["event_loc"]
    assert (loc["extracted_place"], loc["country_code"], loc["geonameid"]) == (
        "Kyiv", "UKR", 703448)
    assert (loc["lat"], loc["lon"], loc["resolution"], loc["feature_class"]) == (
        50.45466, 30.5238, 4, "P")

    appeal = next(r for r in records if r["cameo"] == "036")
    assert (appeal["date"], appeal["enddate"], appeal["date_precision"]) == (
        "2023-01-01", "2023-12-31", "year")
    assert appeal["actor"][0]["code"] == "UNO" and appeal["recipient"][0]["code"] == "EUR"
    assert appeal["event_loc"] is None

    accuse = by_event["ACCUSE"]
    assert accuse["actor"][0]["sector"] == "JRN"  # CAMEO's media; PLOVER's MED is health
    assert accuse["event_loc"]["province"] == "Texas"


# --- Parquet and CSV -------------------------------------------------------------------------


def test_parquet_keeps_every_table_with_real_types(store: Store, tmp_path: Path):
    export(store.con, "parquet", tmp_path)
    for table in TABLES:
        data = pq.read_table(tmp_path / f"{table}.parquet")
        (rows,) = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert data.num_rows == rows, table
    events = pq.read_table(tmp_path / "events.parquet")
    assert events.schema.field("event_id").type == pa.int64()
    assert events.schema.field("date").type == pa.date32()
    documents = pq.read_table(tmp_path / "documents.parquet")
    assert documents.schema.field("published").type == pa.date32()
    assert dt.date(2025, 1, 10) in documents.column("published").to_pylist()
    mentions = duckdb.read_parquet(str(tmp_path / "mentions.parquet"))
    types = dict(zip(mentions.columns, mentions.types, strict=True))
    assert (types["date"], types["date_text"], types["place_lat"]) == ("DATE", "VARCHAR", "DOUBLE")
    year_only = mentions.filter("date_precision = 'year'").fetchall()
    assert len(year_only) == 1


def test_csv_is_read_by_csv_and_pandas_with_json_for_nested_values(store: Store, tmp_path: Path):
    export(store.con, "csv", tmp_path)
    for table in TABLES:
        with (tmp_path / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        columns = [d[0] for d in store.con.execute(f"SELECT * FROM {table} LIMIT 0").description]
        extra = ["date_text", "date_precision"] if table == "mentions" else []
        assert header == columns + extra, table
        (count,) = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        assert len(rows) == count, table
    actors = pd.read_csv(tmp_path / "doc_actors.csv")
    spans = [json.loads(value) for value in actors["mentions"]]
    assert {"start", "end", "text"} <= set(spans[0][0])
    assert all(isinstance(json.loads(v), list) for v in actors["aliases"])
    documents = pd.read_csv(tmp_path / "documents.csv", parse_dates=["published"])
    assert str(documents["published"].dtype).startswith("datetime64")
    assert isinstance(json.loads(documents["minhash"][0]), list)
    mentions = pd.read_csv(tmp_path / "mentions.csv", dtype={"date_text": str})
    dated = mentions.dropna(subset=["date"])
    assert list(zip(dated["date"], dated["date_text"], dated["date_precision"], strict=True)) == [
        ("2023-01-01", "2023", "year")]
    events = pd.read_csv(tmp_path / "events.csv")
    assert events["goldstein"].dtype == "float64"


# --- paths -----------------------------------------------------------------------------------


def test_any_path_works_and_nothing_is_overwritten_without_force(store: Store, tmp_path: Path):
    out = tmp_path / "l'export; DROP TABLE events; --"
    written = export(store.con, "gdelt", out)
    assert [p.name for p in written] == ["events.export.CSV", "events.mentions.CSV"]
    first = (out / "events.export.CSV").read_bytes()
    (out / "events.mentions.CSV").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match="already exist.*--force"):
        export(store.con, "gdelt", out)
    assert (out / "events.mentions.CSV").read_text(encoding="utf-8") == "mine"
    export(store.con, "gdelt", out, force=True)
    assert (out / "events.export.CSV").read_bytes() == first
    assert (out / "events.mentions.CSV").read_text(encoding="utf-8") != "mine"
    (tables,) = store.con.execute("SELECT count(*) FROM events").fetchone()
    assert tables == 3
    with pytest.raises(ExportError, match="not a directory"):
        export(store.con, "csv", out / "events.export.CSV")


def test_cli_export_refuses_to_overwrite_and_writes_one_table_to_stdout(corpus, tmp_path: Path):
    db = str(corpus[0])
    out = tmp_path / "it's here"
    first = runner.invoke(app, ["export", "--db", db, "-f", "plover", "--out", str(out)])
    assert first.exit_code == 0 and (out / "events.plover.jsonl").exists()
    again = runner.invoke(app, ["export", "--db", db, "-f", "plover", "--out", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    assert "Traceback" not in again.output
    forced = runner.invoke(app, ["export", "--db", db, "-f", "plover", "--out", str(out),
                                 "--force"])  # fmt: skip
    assert forced.exit_code == 0
    assert not (tmp_path / "-").exists()

    mentions = runner.invoke(app, ["export", "--db", db, "-f", "gdelt", "--out", "-",
                                   "--table", "mentions"])  # fmt: skip
    assert mentions.exit_code == 0
    table = read_gdelt(io.BytesIO(mentions.stdout_bytes), GDELT_MENTION_COLUMNS)
    assert len(table) == 4
    parquet = runner.invoke(app, ["export", "--db", db, "-f", "parquet", "--out", "-",
                                  "--table", "documents"])  # fmt: skip
    assert parquet.exit_code == 0
    assert pq.read_table(pa.BufferReader(parquet.stdout_bytes)).num_rows == 4
    wrong = runner.invoke(app, ["export", "--db", db, "-f", "plover", "--out", "-",
                                "--table", "mentions"])  # fmt: skip
    assert wrong.exit_code == 2 and "no table 'mentions' in the plover export" in wrong.output


# --- stores from before places and 53-bit ids ------------------------------------------------


def test_an_older_store_gets_53_bit_ids_and_a_time_added(tmp_path: Path):
    from eventwire.store.schema import MIGRATIONS

    path = tmp_path / "v6.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, name VARCHAR)")
    for number, name, apply in MIGRATIONS[:6]:
        apply(con)
        con.execute("INSERT INTO schema_version VALUES (?, ?)", [number, name])
    old_id = event_id_for("doc-1/E1") << 7 | 0x55  # a 60-bit id as version 6 made them
    con.execute("INSERT INTO events (event_id, cameo) VALUES (?, '042')", [old_id])
    con.execute("INSERT INTO mention_events VALUES ('doc-1/E1', ?)", [old_id])
    con.execute(
        "INSERT INTO documents (doc_id, content_hash, name, text) VALUES ('doc-1', 'h', 'a', 't')"
    )
    con.close()
    # opened for writing: migrated, not yet rebuilt (a reader would rebuild the corpus tables
    # from the stored mentions, which this hand-made store does not have)
    with Store(path) as upgraded:
        ids = upgraded.con.execute(
            "SELECT event_id FROM events UNION ALL SELECT event_id FROM mention_events"
        ).fetchall()
        assert ids == [(event_id_for("doc-1/E1"),)] * 2
        (added,) = upgraded.con.execute("SELECT added FROM documents").fetchone()
        assert isinstance(added, dt.datetime)
