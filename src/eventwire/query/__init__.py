"""Questions to a corpus store, answered as plain JSON-ready dicts.

Public entry: :class:`Corpus`. Every name argument matches an actor's canonical name or any of
its aliases, compared without case, accents or punctuation ("putin" finds "Vladimir Putin").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from eventwire.store import DEFAULT_DB, Store
from eventwire.store.actors import normalise

__all__ = ["Corpus", "EventFilter", "QueryError", "parse_period"]


class QueryError(ValueError):
    """A query argument that cannot be used (a malformed date), with a one-line reason."""


_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_period(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day of a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` bound.

    Raises :class:`QueryError` for anything else, including impossible days (2024-02-30)."""
    match = _PERIOD.fullmatch(value.strip())
    if not match:
        raise QueryError(f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day is not None:
            first = last = dt.date(year, month, day)
        elif month is not None:
            first = dt.date(year, month, 1)
            following = dt.date(year + (month == 12), month % 12 + 1, 1) if year < 9999 else None
            last = following - dt.timedelta(days=1) if following else dt.date(9999, 12, 31)
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError as err:
        raise QueryError(f"{value!r} is not a date: {err}") from None
    return first, last


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own % and _ taken literally
    (with ``ESCAPE '\\'``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def like_literal(text: str) -> str:
    """``text`` as a LIKE pattern matching exactly itself (with ``ESCAPE '\\'``)."""
    return like_pattern(text)[1:-1]

COOPERATION = (1, 2)  # GDELT QuadClass: verbal and material cooperation
YEAR_ONLY = " (year only)"  # timeline row label suffix for events dated by year alone
QUOTE_WINDOW = 131_072  # quotes (in served order) a word search reads before all of them


# A day, month or year: what a filter bound may be, as text or as a date.
DateBound = str | int | dt.date


@dataclass
class EventFilter:
    """What ``Corpus.events`` selects; every field given must match. The same names are
    keyword arguments of ``Corpus.events`` (``corpus.events(actor="Putin", since=date(2023,
    1, 1))``)."""

    source: str | None = None
    target: str | None = None
    actor: str | None = None  # either side
    type: str | None = None  # CAMEO code prefix ("04", "042") or PLOVER category ("CONSULT")
    quad_class: int | None = None
    # YYYY, YYYY-MM or YYYY-MM-DD. An event matches when the period it covers overlaps the
    # range: a year-only "2023" event matches --since 2023-06 and --until 2023-03, since it may
    # have happened in either; a day event only when its day is inside.
    # A date or datetime object counts as its day, an int as its year.
    since: DateBound | None = None
    until: DateBound | None = None
    hedged: bool | None = None
    negated: bool | None = None
    publisher: str | None = None
    min_confidence: float | None = None  # the most confident report of the event
    # where it happened: the place as named or resolved ("Kyiv", "Kiev"), or a country (its
    # name or ISO3 code: "Ukraine", "UKR" also finds events placed in Kharkiv)
    place: str | None = None


def _period(value: DateBound, name: str) -> str:
    """A filter bound (a date, a year or YYYY[-MM[-DD]] text) as text that
    :func:`parse_period` reads; :class:`QueryError` naming the bound for anything else."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        parse_period(text)
    except QueryError as err:
        raise QueryError(f"{name}: {err}") from None
    return text


def _country_code(name: str) -> str | None:
    """ISO3 code of a country name or code ("Ukraine", "UKR", "UA"), else None."""
    import pycountry

    try:
        return pycountry.countries.lookup(name.strip()).alpha_3
    except LookupError:
        return None


def use_lookup_indexes(con: Any) -> None:
    """Let DuckDB use the look-up indexes for a whole page: a join whose small side has up to
    this many keys becomes index look-ups (DuckDB's default, 50, made a page of 100 a scan)."""
    con.execute("SET GLOBAL dynamic_or_filter_threshold = 1000")


class Corpus:
    """A read-only view of a store for queries."""

    def __init__(self, db: Path | str = DEFAULT_DB) -> None:
        self.store = Store(db, read_only=True)
        self.con = self.store.con
        use_lookup_indexes(self.con)
        # A store opened read-only cannot change while open (DuckDB holds its lock), so what
        # a name resolves to is looked up once (shared by every reader copied from this one).
        self._resolved: dict[str, list[str]] | None = {}
        # What opening did that the reader should know (corpus tables rebuilt after a crash).
        self.notices = self.store.notices

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    _resolved: dict[str, list[str]] | None = None  # None: the store may change (no memo)

    def resolve(self, name: str) -> list[str]:
        """Ids of the actors called ``name`` (canonically or as an alias)."""
        key = normalise(name)
        if self._resolved is not None and key in self._resolved:
            return list(self._resolved[key])
        rows = self.con.execute(
            "SELECT actor_id FROM actors WHERE key = $1 "
            "UNION SELECT actor_id FROM actor_aliases WHERE key = $1 ORDER BY 1",
            [key],
        ).fetchall()
        ids = [actor_id for (actor_id,) in rows]
        if self._resolved is not None and len(self._resolved) < 100_000:
            self._resolved[key] = ids
        return list(ids)

    # -- actors ---------------------------------------------------------------------------

    def actors(self, text: str | None = None, limit: int | None = 50,
               uncoded: bool = False, offset: int = 0) -> list[dict[str, Any]]:
        """Actors whose name or an alias contains ``text`` (all if None), most cited first;
        with ``uncoded``, only those without a CAMEO code, and no places: what an override
        file (``--actors``) should add first. ``limit`` None returns every row; ``offset`` skips
        that many first (pages)."""
        key = like_pattern(normalise(text)) if text else "%"
        only = "AND a.code IS NULL AND a.type <> 'location'" if uncoded else ""
        return self._rows(
            f"""
            SELECT actor_id, name, type, country, sector, code, n_docs, n_mentions,
                   (SELECT list(alias ORDER BY alias) FROM actor_aliases l
                    WHERE l.actor_id = a.actor_id) AS aliases
            FROM actors a
            WHERE (a.key LIKE $1 ESCAPE '\\'
               OR actor_id IN (SELECT actor_id FROM actor_aliases
                               WHERE key LIKE $1 ESCAPE '\\')) {only}
            ORDER BY n_docs DESC, n_mentions DESC, name, actor_id
            LIMIT $2 OFFSET $3
            """,
            [key, limit, offset],
        )

    def actor_profile(self, name: str) -> dict[str, Any] | None:
        """One actor: codes with the periods they were seen, aliases, and counterparts."""
        ids = self.resolve(name)
        if not ids:
            return None
        (actor_id,) = self.con.execute(
            "SELECT actor_id FROM actors WHERE actor_id IN (SELECT unnest($1)) "
            "ORDER BY n_docs DESC, actor_id LIMIT 1",
            [ids],
        ).fetchone()
        (profile,) = self._rows(
            "SELECT actor_id, name, type, country, sector, code, n_docs, n_mentions, "
            "user_defined FROM actors WHERE actor_id = $1",
            [actor_id],
        )
        profile["aliases"] = [
            alias
            for (alias,) in self.con.execute(
                "SELECT alias FROM actor_aliases WHERE actor_id = $1 ORDER BY alias", [actor_id]
            ).fetchall()
        ]
        profile["codes"] = self._rows(
            "SELECT code, first_seen, last_seen, n_docs, origin FROM actor_codes "
            "WHERE actor_id = $1 ORDER BY coalesce(first_seen, ''), code",
            [actor_id],
        )
        # Precomputed at rebuild, per actor (eventwire.store.serving): the 20 actors it
        # acts on or is acted on by most often, and how many events it takes part in.
        profile["counterparts"] = self._rows(
            "SELECT other AS actor_id, name, events, as_source, as_target, mean_goldstein "
            "FROM serve_counterparts WHERE actor_id = $1 ORDER BY rank",
            [actor_id],
        )
        found = self.con.execute(
            "SELECT events FROM serve_actors WHERE actor_id = $1", [actor_id]
        ).fetchone()
        profile["events"] = found[0] if found else 0
        return profile

    # -- events ---------------------------------------------------------------------------

    def events(
        self,
        where: EventFilter | None = None,
        limit: int | None = 100,
        mentions: bool = False,
        offset: int = 0,
        **filters: Any,
    ) -> list[dict[str, Any]]:
        """Merged events matching every given filter, newest first, with their evidence.

        Filters are an :class:`EventFilter` or its fields as keywords (which win over
        ``where``): ``corpus.events(actor="Putin", type="SUPPORT", since=date(2023, 1, 1))``.
        ``limit`` None (or 0) returns every match; ``offset`` skips that many first (pages)."""
        unknown = sorted(set(filters) - {f.name for f in fields(EventFilter)})
        if unknown:
            names = ", ".join(f.name for f in fields(EventFilter))
            raise TypeError(f"unknown event filter {', '.join(unknown)}; the filters are {names}")
        where = replace(where or EventFilter(), **filters)
        # The page of event ids first, from the serving table of events sorted in this order
        # (its positions stored), or, with an actor, from that actor's rows of it; then the
        # page's evidence and place (serve_event_places: the event_places view, computed at
        # rebuild) by their indexed ids: joining every event to its mention, document and
        # place before the LIMIT made a page cost a scan per table.
        source_table = "serve_events e"
        actor_ids: list[str] | None = None
        if where.actor is not None:
            actor_ids = self.resolve(where.actor)
            source_table = "serve_actor_events e"
            where = replace(where, actor=None)
        clauses, params = self._event_clauses(where)
        if actor_ids is not None:
            # one id (the usual case) as a plain equality: DuckDB then reads only that
            # actor's row groups of the sorted table
            params.append(actor_ids[0] if len(actor_ids) == 1 else actor_ids)
            clauses.append(f"e.actor_id = ${len(params)}" if len(actor_ids) == 1
                           else f"e.actor_id IN (SELECT unnest(${len(params)}))")  # fmt: skip
        # an event both of whose actors are namesakes of the name is listed once
        once = "QUALIFY row_number() OVER (PARTITION BY e.pos) = 1" if actor_ids and len(
            actor_ids) > 1 else ""  # fmt: skip
        params.append(limit or None)  # LIMIT NULL: no limit
        params.append(offset)
        place_join = (
            "LEFT JOIN serve_event_places ep ON ep.event_id = e.event_id" if where.place else ""
        )
        page = self._rows(
            f"""
            SELECT e.event_id, e.date_text, e.date_precision, e.date, e.last_date,
                   e.source_actor, e.target_actor, e.cameo, e.plover, e.quad_class,
                   e.goldstein, e.hedged, e.negated, e.num_mentions, e.num_sources,
                   e.num_articles, e.confidence
            FROM {source_table} {place_join}
            WHERE {" AND ".join(clauses) or "TRUE"}
            {once}
            ORDER BY e.pos
            LIMIT ${len(params) - 1} OFFSET ${len(params)}
            """,
            params,
        )
        # then the page's evidence, places and actor names by id (short indexed look-ups)
        ids = [e["event_id"] for e in page]
        evidence = self._by_id(
            "SELECT event_id, doc, publisher, trigger, sentence FROM serve_evidence "
            "WHERE event_id IN ({ids})", ids)  # fmt: skip
        places = self._by_id(
            "SELECT event_id, name, resolved, country, lat, lon FROM serve_event_places "
            "WHERE event_id IN ({ids})", ids)  # fmt: skip
        names = self._by_id(
            "SELECT actor_id, name FROM actors WHERE actor_id IN ({ids})",
            sorted({e[k] for e in page for k in ("source_actor", "target_actor") if e[k]}))
        rows = []
        for e in page:
            if e["event_id"] not in evidence:  # (an event without its first report)
                continue
            doc, publisher, trigger, sentence = evidence[e["event_id"]]
            place = places.get(e["event_id"], (None,) * 5)
            rows.append({
                "event_id": e["event_id"], "date": e["date_text"],
                "date_precision": e["date_precision"], "first_day": e["date"],
                "last_day": e["last_date"], "source": names.get(e["source_actor"]),
                "target": names.get(e["target_actor"]), "cameo": e["cameo"],
                "plover": e["plover"], "quad_class": e["quad_class"],
                "goldstein": e["goldstein"], "hedged": e["hedged"], "negated": e["negated"],
                "num_mentions": e["num_mentions"], "num_sources": e["num_sources"],
                "num_articles": e["num_articles"], "confidence": e["confidence"],
                "doc": doc, "publisher": publisher, "trigger": trigger, "sentence": sentence,
                "place": place[0], "place_resolved": place[1], "place_country": place[2],
                "place_lat": place[3], "place_lon": place[4],
            })  # fmt: skip
        if mentions:
            for row in rows:
                row["mentions"] = self.event_mentions(row["event_id"])
        return rows

    def _by_id(self, sql: str, ids: list[Any]) -> dict[Any, Any]:
        """Rows of ``sql`` (its first column an id, ``{ids}`` where the ids go, each a bound
        parameter: DuckDB looks each up in an index, which an IN over a list value does not)
        by id: the second column, or a tuple of the others. Asked 1,000 ids at a time."""
        found: dict[Any, Any] = {}
        for start in range(0, len(ids), 1000):
            chunk = ids[start:start + 1000]
            rows = self.con.execute(
                sql.format(ids=", ".join(f"${n}" for n in range(1, len(chunk) + 1))), chunk
            ).fetchall()
            found.update((row[0], row[1] if len(row) == 2 else row[1:]) for row in rows)
        return found

    def event_mentions(self, event_id: int) -> list[dict[str, Any]]:
        """Every report of one event, each with its own evidence."""
        return self._rows(
            """
            WITH me AS MATERIALIZED (SELECT mention_id FROM mention_events WHERE event_id = $1)
            SELECT m.mention_id, d.name AS doc, d.publisher, d.url, d.published,
                   d.duplicate_of IS NOT NULL AS duplicate, m.date, m.hedged, m.negated,
                   m.sentence_start, m.sentence_end, m.trigger_start, m.trigger_end,
                   m.trigger_text AS trigger, m.confidence,
                   substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start)
                       AS sentence
            FROM me JOIN mentions m USING (mention_id)
            JOIN documents d ON d.doc_id = m.doc_id
            ORDER BY d.published NULLS LAST, m.mention_id
            """,
            [event_id],
        )

    def _event_clauses(self, where: EventFilter) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def param(value: Any) -> str:
            params.append(value)
            return f"${len(params)}"

        for column, name in (("e.source_actor", where.source), ("e.target_actor", where.target)):
            if name is not None:
                clauses.append(f"{column} IN (SELECT unnest({param(self.resolve(name))}))")
        if where.actor is not None:
            ids = param(self.resolve(where.actor))
            clauses.append(
                f"(e.source_actor IN (SELECT unnest({ids})) "
                f"OR e.target_actor IN (SELECT unnest({ids})))"
            )
        if where.type:
            if where.type.isdigit():
                clauses.append(f"starts_with(e.cameo, {param(where.type)})")
            else:
                clauses.append(f"upper(e.plover) = {param(where.type.upper())}")
        if where.quad_class is not None:
            clauses.append(f"e.quad_class = {param(where.quad_class)}")
        # Overlap of the event's period [date, last_date] with the range (see EventFilter).
        if where.since:
            first_day, _ = parse_period(_period(where.since, "since"))
            clauses.append(f"coalesce(e.last_date, e.date) >= {param(first_day)}")
        if where.until:
            _, last_day = parse_period(_period(where.until, "until"))
            clauses.append(f"e.date <= {param(last_day)}")
        if where.hedged is not None:
            clauses.append(f"e.hedged = {param(where.hedged)}")
        if where.negated is not None:
            clauses.append(f"e.negated = {param(where.negated)}")
        if where.min_confidence is not None:
            clauses.append(f"e.confidence >= {param(float(where.min_confidence))}")
        if where.place:
            name = param(where.place)
            country = param(_country_code(where.place))
            clauses.append(
                f"(lower(ep.name) = lower({name}) OR lower(ep.resolved) = lower({name}) "
                f"OR ep.country = {country})"
            )
        if where.publisher:
            clauses.append(
                "e.event_id IN (SELECT me.event_id FROM mention_events me "
                "JOIN mentions m USING (mention_id) JOIN documents d ON d.doc_id = m.doc_id "
                f"WHERE d.publisher ILIKE {param(like_literal(where.publisher))} ESCAPE '\\')"
            )
        return clauses, params

    # -- quotes ---------------------------------------------------------------------------

    def quotes(
        self,
        speaker: str | None = None,
        about: str | None = None,
        text: str | None = None,
        limit: int | None = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Statements by ``speaker``, about ``about``, containing ``text`` (all given filters).

        ``speaker`` is matched like every actor name (never against the internal per-document
        ids such as "A1"); a speaker no corpus actor stands for is matched by the words that
        name them in the text. ``offset`` skips that many first (pages)."""
        clauses: list[str] = []
        params: list[Any] = []
        if about:
            params.append(self.resolve(about))
            clauses.append(
                "EXISTS (SELECT 1 FROM doc_actor_map ab WHERE ab.doc_id = q.doc_id "
                "AND list_contains(q.about_local, ab.local_id) "
                f"AND ab.actor_id IN (SELECT unnest(${len(params)})))"
            )
        # Words without a speaker read the quotes' text in served order (serve_quote_texts),
        # the first positions first; otherwise the serving table of quotes (sorted by the
        # speaker's corpus actor) gives the page, and the quotes table is joined only for the
        # filters that need it.
        by_words = bool(text) and not speaker
        if text:
            params.append(like_pattern(text))
            column = "s.text" if by_words else "q.text"
            clauses.append(f"{column} ILIKE ${len(params)} ESCAPE '\\'")
        where_quote = " AND ".join(clauses) or "TRUE"
        join_quote = "JOIN quotes q ON q.quote_id = s.quote_id" if about or (
            text and not by_words) else ""  # fmt: skip
        if speaker:
            # linked to one of the actors so named, or not linked and named so in the text;
            # two branches, each reading its own sorted range of the serving table
            params.append(self.resolve(speaker))
            ids = f"${len(params)}"
            params.append(like_literal(speaker))
            named = f"${len(params)}"
            # (ILIKE compares lower-cased text: speaker_key, the lower-cased speaker_text,
            # equal to the lower-cased name is implied, and finds the sorted range)
            params.append(speaker)
            key = f"lower(${len(params)})"
            chosen = f"""
                SELECT s.* FROM serve_quotes s {join_quote}
                WHERE s.speaker_id IN (SELECT unnest({ids})) AND {where_quote}
                UNION ALL
                SELECT s.* FROM serve_quotes s {join_quote}
                WHERE s.speaker_id IS NULL AND s.speaker_key = {key}
                  AND s.speaker_text ILIKE {named} ESCAPE '\\' AND {where_quote}"""
        else:
            table = "serve_quote_texts" if by_words else "serve_quotes"
            chosen = f"SELECT s.* FROM {table} s {join_quote} WHERE {where_quote}"
        params.extend([limit, offset])
        sql = f"""
            WITH picked AS (
                SELECT pos, quote_id, speaker_id, doc, publisher, published FROM ({chosen})
                ORDER BY pos LIMIT ${len(params) - 1} OFFSET ${len(params)}
            )
            SELECT q.quote_id, coalesce(a.name, q.speaker_text) AS speaker, q.text, q.kind,
                   q.hedged, q.via, q.cue_text AS cue, p.doc, p.publisher, p.published,
                   q.start, q.end
            FROM picked p JOIN quotes q ON q.quote_id = p.quote_id
            LEFT JOIN actors a ON a.actor_id = p.speaker_id
            ORDER BY p.pos
            """
        if by_words and limit:
            # the first positions alone usually hold a whole page of a common word: a full
            # page found among them is the page (matches are taken in position order)
            windowed = sql.replace(chosen, f"{chosen} AND s.pos <= ${len(params) + 1}")
            rows = self._rows(windowed, [*params, QUOTE_WINDOW + offset])
            if len(rows) == limit:
                return rows
        return self._rows(sql, params)

    # -- timeline and search --------------------------------------------------------------

    def timeline(self, source: str, target: str) -> list[dict[str, Any]]:
        """Per month, events from ``source`` to ``target``: count, mean Goldstein score,
        cooperation (quad class 1-2) and conflict (3-4) counts, mentions.

        Events known only by their year are not put in a month: they are counted in a row
        "YYYY (year only)" of their own, which sorts just before that year's months. Events
        the text places before the news without a date are counted in a last row, "undated"."""
        sources, targets = self.resolve(source), self.resolve(target)
        if len(sources) == 1 and len(targets) == 1:  # one actor each: precomputed rows
            return self._rows(
                "SELECT month, events, mean_goldstein, cooperation, conflict, mentions "
                "FROM serve_dyad_months WHERE source_actor = $1 AND target_actor = $2 "
                "ORDER BY month = 'undated', month",
                [sources[0], targets[0]],
            )
        return self._rows(
            """
            SELECT CASE WHEN date IS NULL THEN 'undated'
                        WHEN date_precision = 'year' THEN strftime(date, '%Y') || $3
                        ELSE strftime(date, '%Y-%m') END AS month,
                   count(*) AS events,
                   round(avg(goldstein), 2) AS mean_goldstein,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
                   sum(num_mentions) AS mentions
            FROM serve_dyad_events
            WHERE source_actor IN (SELECT unnest($1)) AND target_actor IN (SELECT unnest($2))
            GROUP BY month ORDER BY month = 'undated', month
            """,
            [sources, targets, YEAR_ONLY],
        )

    def search(self, text: str, limit: int | None = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Articles matching ``text``: BM25-ranked full-text search (DuckDB fts), or, if the
        extension is unavailable, every word must occur, ranked by occurrences."""
        indexed = self.store.has_fts and self.con.execute(
            "SELECT count(*) FROM information_schema.schemata "
            "WHERE schema_name = 'fts_main_documents'"
        ).fetchone()[0]
        columns = (
            "d.doc_id, d.name AS doc, d.title, d.publisher, d.published, d.url, d.duplicate_of"
        )
        postings = indexed and self.con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'serve_postings'"
        ).fetchone()[0]
        if postings:
            # fts's match_bm25 (k 1.2, b 0.75, any word) computed from the serving table of
            # postings: only the query's terms' rows are read, and only matching documents
            # are scored (match_bm25 scores through every occurrence of every word)
            return self._rows(
                f"""
                WITH tokens AS (
                    SELECT DISTINCT stem(unnest(fts_main_documents.tokenize($1)), 'porter') AS t
                ), term_tf AS (
                    SELECT p.termid, p.docid, p.tf, dict.df
                    FROM fts_main_documents.dict dict JOIN tokens ON dict.term = tokens.t
                    JOIN serve_postings p ON p.termid = dict.termid
                ), scores AS (
                    SELECT term_tf.docid, sum(
                        log((((SELECT num_docs FROM fts_main_documents.stats) - df) + 0.5)
                            / (df + 0.5) + 1)
                        * ((tf * (1.2 + 1)) / (tf + (1.2 * ((1 - 0.75) + (0.75 * (len / (
                            SELECT avgdl FROM fts_main_documents.stats)))))))) AS score
                    FROM term_tf JOIN fts_main_documents.docs docs
                         ON docs.docid = term_tf.docid
                    GROUP BY term_tf.docid
                ), best AS (
                    -- ranked as match_bm25's query ranks: by the score as shown (rounded)
                    SELECT docs.name AS doc_id, round(score, 4) AS score FROM scores
                    JOIN fts_main_documents.docs docs ON docs.docid = scores.docid
                    ORDER BY score DESC, doc_id LIMIT $2 OFFSET $3
                )
                SELECT {columns}, best.score
                FROM best JOIN documents d ON d.doc_id = best.doc_id
                ORDER BY best.score DESC, d.doc_id
                """,
                [text, limit, offset],
            )
        if indexed:
            return self._rows(
                f"""
                SELECT {columns}, round(score, 4) AS score FROM (
                    SELECT *, fts_main_documents.match_bm25(doc_id, $1) AS score FROM documents
                ) d WHERE score IS NOT NULL ORDER BY score DESC, doc_id LIMIT $2 OFFSET $3
                """,
                [text, limit, offset],
            )
        words = [w for w in normalise(text).split() if w] or [""]
        hits = " + ".join(
            f"len(regexp_extract_all(lower(d.text), '\\b' || ${i + 1} || '\\b'))"
            for i in range(len(words))
        )
        every = " AND ".join(
            f"contains(lower(d.text), ${i + 1})" for i in range(len(words))
        )
        return self._rows(
            f"SELECT {columns}, {hits} AS score FROM documents d WHERE {every} "
            f"ORDER BY score DESC, doc_id LIMIT ${len(words) + 1} OFFSET ${len(words) + 2}",
            [*words, limit, offset],
        )
