"""Exports of a store: every table as Parquet or CSV, GDELT 2.0 event and mention files,
PLOVER/POLECAT-style JSON Lines.

Fields eventwire does not produce (tone, geography, ethnic/religious codes) are left empty in
the GDELT files, with the geography types set to 0 ("no location"), as GDELT does for events
without a location.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb

TABLES = (
    "documents", "doc_actors", "quotes", "mentions", "failures", "actor_overrides", "actors",
    "actor_aliases", "actor_codes", "doc_actor_map", "events", "mention_events", "schema_version",
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


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path) -> list[Path]:
    """Write the export ``fmt`` (parquet, csv, gdelt, plover) into directory ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    if fmt in ("parquet", "csv"):
        return export_tables(con, fmt, out)
    if fmt == "gdelt":
        return [export_gdelt_events(con, out / "events.export.CSV"),
                export_gdelt_mentions(con, out / "events.mentions.CSV")]  # fmt: skip
    if fmt == "plover":
        return [export_plover(con, out / "events.plover.jsonl")]
    raise ValueError(f"unknown export format {fmt!r}: parquet, csv, gdelt or plover")


def export_tables(con: duckdb.DuckDBPyConnection, fmt: str, out: Path) -> list[Path]:
    written = []
    for table in TABLES:
        path = out / f"{table}.{fmt}"
        options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
        con.execute(f"COPY (SELECT * FROM {table}) TO '{path}' ({options})")
        written.append(path)
    return written


def _write_tsv(path: Path, rows: list[tuple]) -> Path:
    # GDELT files are tab-separated with no header and no quoting; tabs and newlines in values
    # would break a row, so they become spaces.
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
        for row in rows:
            writer.writerow(
                ["" if v is None else str(v).replace("\t", " ").replace("\n", " ") for v in row]
            )
    return path


_FIRST_DOC = """
    FROM events e
    LEFT JOIN actors a1 ON a1.actor_id = e.source_actor
    LEFT JOIN actors a2 ON a2.actor_id = e.target_actor
    JOIN mentions fm ON fm.mention_id = e.first_mention
    JOIN documents fd ON fd.doc_id = fm.doc_id
"""


def export_gdelt_events(con: duckdb.DuckDBPyConnection, path: Path) -> Path:
    actor = ", ".join(
        f"upper(a{n}.code), upper(a{n}.name), a{n}.country, NULL, NULL, NULL, NULL, "
        f"a{n}.sector, NULL, NULL"
        for n in (1, 2)
    )
    geo = ", ".join(["0, NULL, NULL, NULL, NULL, NULL, NULL, NULL"] * 3)
    rows = con.execute(
        f"""
        SELECT e.event_id, strftime(e.date, '%Y%m%d'), strftime(e.date, '%Y%m'),
               year(e.date), round(year(e.date) + (dayofyear(e.date) - 1) / 365.0, 4),
               {actor},
               CASE WHEN position(chr(10) IN substr(fd.text, 1, fm.sentence_start)) = 0
                    THEN 1 ELSE 0 END,
               e.cameo, e.cameo_base, e.cameo_root, e.quad_class, e.goldstein,
               e.num_mentions, e.num_sources, e.num_articles, NULL,
               {geo},
               strftime(try_cast(fd.published AS DATE), '%Y%m%d') || '000000',
               coalesce(fd.url, fd.name)
        {_FIRST_DOC}
        ORDER BY e.event_id
        """
    ).fetchall()
    return _write_tsv(path, rows)


def export_gdelt_mentions(con: duckdb.DuckDBPyConnection, path: Path) -> Path:
    def offset(side: str) -> str:
        return (
            f"coalesce(list_filter({side}.mentions, x -> x.start >= m.sentence_start "
            f"AND x.end <= m.sentence_end)[1].start, -1)"
        )

    rows = con.execute(
        f"""
        SELECT me.event_id, strftime(e.date, '%Y%m%d') || '000000',
               strftime(try_cast(d.published AS DATE), '%Y%m%d') || '000000',
               1, coalesce(d.publisher, regexp_extract(d.url, '//([^/]+)', 1)),
               coalesce(d.url, d.name),
               1 + len(regexp_extract_all(substr(d.text, 1, m.sentence_start), '[.!?]["”’]?\\s')),
               {offset("s")}, {offset("t")},
               m.trigger_start, 1, CAST(round(100 * m.confidence) AS INTEGER),
               length(d.text), NULL, NULL, NULL
        FROM mention_events me
        JOIN events e USING (event_id)
        JOIN mentions m USING (mention_id)
        JOIN documents d ON d.doc_id = m.doc_id
        LEFT JOIN doc_actors s ON s.doc_id = m.doc_id AND s.local_id = m.source_local
        LEFT JOIN doc_actors t ON t.doc_id = m.doc_id AND t.local_id = m.target_local
        ORDER BY me.event_id, m.mention_id
        """
    ).fetchall()
    return _write_tsv(path, rows)


def export_plover(con: duckdb.DuckDBPyConnection, path: Path) -> Path:
    """One JSON object per event, PLOVER/POLECAT style: actor and recipient lists with code and
    sector, event type, mode, context, date, the text spans of every mention and a citation."""
    events = con.execute(
        f"""
        SELECT e.event_id, e.date, e.date_precision, e.plover, e.cameo, e.quad_class,
               e.goldstein, e.hedged, e.negated, e.num_mentions, e.num_sources, e.num_articles,
               a1.name, a1.code, a1.country, a1.sector, a2.name, a2.code, a2.country, a2.sector,
               fd.url, fd.publisher, fd.title, fd.published, fd.name, e.mode, e.context,
               e.hypothetical, e.date_text
        {_FIRST_DOC}
        ORDER BY e.event_id
        """
    ).fetchall()
    spans: dict[int, list[dict]] = {}
    for event_id, *mention in con.execute(
        """
        SELECT me.event_id, d.name, m.sentence_start, m.sentence_end,
               substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start),
               m.trigger_start, m.trigger_end, m.trigger_text
        FROM mention_events me JOIN mentions m USING (mention_id)
        JOIN documents d ON d.doc_id = m.doc_id
        ORDER BY me.event_id, m.mention_id
        """
    ).fetchall():
        doc, s_start, s_end, sentence, t_start, t_end, trigger = mention
        spans.setdefault(event_id, []).append(
            {
                "doc": doc,
                "sentence": {"start": s_start, "end": s_end, "text": sentence},
                "trigger": {"start": t_start, "end": t_end, "text": trigger},
            }
        )
    with path.open("w", encoding="utf-8") as handle:
        for row in events:
            (event_id, date, precision, plover, cameo, quad, goldstein, hedged, negated, mentions,
             sources, articles, *sides, url, publisher, title, published, doc, mode, context,
             hypothetical, date_text) = row  # fmt: skip
            record = {
                "id": str(event_id),
                "date": date.isoformat() if date else None,
                "date_precision": precision,
                "date_text": date_text,  # as reported: "2023", "2023-05" or the day
                "event_type": plover,
                "mode": mode,
                "context": context.split(";") if context else [],
                "actor": _side(sides[:4]),
                "recipient": _side(sides[4:]),
                "cameo": cameo,
                "quad_class": quad,
                "goldstein": goldstein,
                "hedged": hedged,
                "negated": negated,
                "hypothetical": hypothetical,
                "num_mentions": mentions,
                "num_sources": sources,
                "num_articles": articles,
                "text": spans.get(event_id, []),
                "citation": {
                    "doc": doc, "url": url, "publisher": publisher, "title": title,
                    "published": published,
                },  # fmt: skip
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def _side(values: list) -> list[dict]:
    name, code, country, sector = values
    if name is None:
        return []
    return [{"name": name, "code": code, "country": country, "sector": sector}]
