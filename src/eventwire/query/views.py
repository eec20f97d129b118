"""Read views for browsing a corpus (the HTTP API and dashboard): documents with their
annotations, one event with every report of it, the actor network, activity over time.

Everything here is a question to the store, like :class:`eventwire.query.Corpus`, which
:class:`CorpusViews` extends; every value is a bound parameter.
"""

from __future__ import annotations

import copy
import re
import threading
import time
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import duckdb

from eventwire.query import YEAR_ONLY, Corpus, EventFilter, like_pattern
from eventwire.settings import Settings, split_paths
from eventwire.store import DEFAULT_DB, Store

__all__ = ["CorpusViews", "UNDATED"]

UNDATED = "undated"  # the timeline row of events the text places before the news, undated
_MONTH = re.compile(r"\d{4}-\d{2}")
_YEAR_ONLY = re.compile(r"(\d{4})" + re.escape(YEAR_ONLY))


class CorpusViews(Corpus):
    """A :class:`Corpus` with the views a browser needs. ``writable`` opens the store for
    writing (an ingesting server: DuckDB allows one kind of connection per file and process)."""

    def __init__(self, db: Path | str = DEFAULT_DB, writable: bool = False) -> None:
        if not writable:
            super().__init__(db)
            return
        self.store = Store(db)
        self.con = self.store.con

    deadline: float | None = None  # time.monotonic() after which no query starts

    def reader(self, seconds: float | None = None) -> CorpusViews:
        """The same corpus through a cursor of its own: one per thread (a DuckDB connection
        runs one query at a time). With ``seconds``, a query still running then is
        interrupted and none starts after it (``duckdb.InterruptException``). Close it with
        :meth:`close_reader`."""
        view = copy.copy(self)
        view.con = self.store.con.cursor()
        if seconds is not None:
            view.deadline = time.monotonic() + seconds
            view._timer = threading.Timer(seconds, view.con.interrupt)
            view._timer.daemon = True
            view._timer.start()
        return view

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise duckdb.InterruptException("query time limit reached")
        return super()._rows(sql, params)

    def close_reader(self) -> None:
        timer = getattr(self, "_timer", None)
        if timer is not None:
            timer.cancel()
        self.con.close()

    def counts(self) -> dict[str, int]:
        """How many documents, actors, events, event mentions and quotes the store holds."""
        row = self.con.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM actors), "
            "(SELECT count(*) FROM events), (SELECT count(*) FROM mentions), "
            "(SELECT count(*) FROM quotes)"
        ).fetchone()
        return dict(zip(("documents", "actors", "events", "mentions", "quotes"), row,
                        strict=True))  # fmt: skip

    # -- documents ------------------------------------------------------------------------

    def documents(self, publisher: str | None = None, limit: int = 50,
                  offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles, newest first, with how many events and quotes each gave."""
        # The page first, then the counts of its documents only (the annotation tables have
        # no index: one scan each, not one per document).
        return self._rows(
            """
            WITH page AS (
                SELECT d.doc_id, d.name AS doc, d.title, d.publisher, d.published, d.url,
                       d.duplicate_of, length(d.text) AS chars
                FROM documents d
                WHERE $1 IS NULL OR d.publisher ILIKE $1 ESCAPE '\\'
                ORDER BY d.published DESC NULLS LAST, d.doc_id
                LIMIT $2 OFFSET $3
            ), event_counts AS (
                SELECT doc_id, count(*) AS n FROM mentions
                WHERE doc_id IN (SELECT doc_id FROM page) GROUP BY doc_id
            ), quote_counts AS (
                SELECT doc_id, count(*) AS n FROM quotes
                WHERE doc_id IN (SELECT doc_id FROM page) GROUP BY doc_id
            )
            SELECT page.*, coalesce(e.n, 0) AS events, coalesce(q.n, 0) AS quotes
            FROM page LEFT JOIN event_counts e USING (doc_id)
            LEFT JOIN quote_counts q USING (doc_id)
            ORDER BY page.published DESC NULLS LAST, page.doc_id
            """,
            # words of the publisher's name, anywhere; its own % and _ taken literally
            [like_pattern(publisher) if publisher else None, limit, offset],
        )

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """One article: its clean text and every annotation as character offsets into it
        (actor mentions with their corpus actor, quotes with speaker, cue and via, event
        mentions with sentence, trigger and event id)."""
        found = self._rows(
            "SELECT doc_id, name AS doc, title, url, publisher, author, published, language, "
            "source, text, duplicate_of FROM documents WHERE doc_id = $1",
            [doc_id],
        )
        if not found:
            return None
        (document,) = found
        document["actors"] = self._rows(
            """
            WITH map AS (SELECT * FROM doc_actor_map WHERE doc_id = $1)
            SELECT da.local_id, coalesce(a.name, da.name) AS name, map.actor_id, da.type,
                   coalesce(a.code, da.code) AS code, da.mentions
            FROM doc_actors da
            LEFT JOIN map ON map.local_id = da.local_id
            LEFT JOIN actors a ON a.actor_id = map.actor_id
            WHERE da.doc_id = $1 ORDER BY da.local_id
            """,
            [doc_id],
        )
        document["quotes"] = self._rows(
            """
            SELECT q.quote_id, q.text, q.start, q."end", q.kind, q.hedged, q.via,
                   coalesce(a.name, q.speaker_text) AS speaker, map.actor_id AS speaker_id,
                   q.speaker_start, q.speaker_end, q.cue_text AS cue, q.cue_start, q.cue_end
            FROM quotes q
            LEFT JOIN (SELECT * FROM doc_actor_map WHERE doc_id = $1) map
                   ON map.local_id = q.speaker_local
            LEFT JOIN actors a ON a.actor_id = map.actor_id
            WHERE q.doc_id = $1 ORDER BY q.start, q.quote_id
            """,
            [doc_id],
        )
        document["events"] = self._rows(
            """
            WITH map AS (SELECT * FROM doc_actor_map WHERE doc_id = $1),
                 m AS (SELECT * FROM mentions WHERE doc_id = $1)
            SELECT m.mention_id, me.event_id, m.cameo, m.plover, m.quad_class, m.goldstein,
                   sa.name AS source, ta.name AS target, m.date, m.date_basis,
                   m.hedged, m.negated, m.hypothetical, m.confidence,
                   m.sentence_start, m.sentence_end, m.trigger_start, m.trigger_end,
                   m.trigger_text AS trigger
            FROM m
            LEFT JOIN mention_events me
                   ON me.mention_id = m.mention_id AND me.mention_id IN (SELECT mention_id FROM m)
            LEFT JOIN map sm ON sm.local_id = m.source_local
            LEFT JOIN actors sa ON sa.actor_id = sm.actor_id
            LEFT JOIN map tm ON tm.local_id = m.target_local
            LEFT JOIN actors ta ON ta.actor_id = tm.actor_id
            ORDER BY m.sentence_start, m.trigger_start, m.mention_id
            """,
            [doc_id],
        )
        return document

    # -- events ---------------------------------------------------------------------------

    def event(self, event_id: int) -> dict[str, Any] | None:
        """One merged event: its codes, flags, date and its basis, confidence and place, and
        every report of it (``mentions``, each with its article and sentence offsets)."""
        found = self._rows(
            """
            SELECT e.event_id, e.date_text AS date, e.date_precision, e.cameo, e.plover,
                   e.mode, e.context, e.quad_class, e.goldstein, e.hedged, e.negated,
                   e.hypothetical, e.confidence, e.num_mentions, e.num_sources,
                   e.num_articles, e.source_actor AS source_id, sa.name AS source,
                   e.target_actor AS target_id, ta.name AS target,
                   m.doc_id, m.date_basis, m.trigger_text AS trigger
            FROM events e
            LEFT JOIN actors sa ON sa.actor_id = e.source_actor
            LEFT JOIN actors ta ON ta.actor_id = e.target_actor
            JOIN mentions m ON m.mention_id = e.first_mention
            WHERE e.event_id = $1
            """,
            [event_id],
        )
        if not found:
            return None
        (event,) = found
        places = self._rows(
            "SELECT name, resolved, level, country, adm1, lat, lon, basis FROM event_places "
            "WHERE event_id = $1",
            [event_id],
        )
        event["place"] = places[0] if places else None
        event["mentions"] = self._rows(
            """
            SELECT m.mention_id, m.doc_id, d.name AS doc, d.title, d.publisher, d.url,
                   d.published, d.duplicate_of IS NOT NULL AS duplicate, m.date, m.date_basis,
                   m.hedged, m.negated, m.hypothetical, m.confidence,
                   m.sentence_start, m.sentence_end, m.trigger_start, m.trigger_end,
                   m.trigger_text AS trigger,
                   substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start)
                       AS sentence
            FROM mention_events me JOIN mentions m USING (mention_id)
            JOIN documents d ON d.doc_id = m.doc_id
            WHERE me.event_id = $1 ORDER BY d.published NULLS LAST, m.mention_id
            """,
            [event_id],
        )
        return event

    def dyad_events(self, source: str, target: str, period: str,
                    limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """The events of one timeline row (:meth:`Corpus.timeline`) from ``source`` to
        ``target``: ``period`` is a month "YYYY-MM", a "YYYY (year only)" row or "undated".
        ValueError for any other period."""
        if _MONTH.fullmatch(period):
            clause, value = "strftime(e.date, '%Y-%m') = $3 AND e.date_precision <> 'year'", period
        elif match := _YEAR_ONLY.fullmatch(period):
            clause, value = "strftime(e.date, '%Y') = $3 AND e.date_precision = 'year'", match[1]
        elif period == UNDATED:
            clause, value = "e.date IS NULL AND $3 IS NOT NULL", period
        else:
            raise ValueError(f"period must be YYYY-MM, 'YYYY{YEAR_ONLY}' or '{UNDATED}'")
        return self._rows(
            f"""
            SELECT e.event_id, e.date_text AS date, sa.name AS source, ta.name AS target,
                   e.cameo, e.plover, e.quad_class, e.goldstein, e.hedged, e.negated,
                   e.hypothetical, e.confidence, e.num_mentions, m.doc_id, d.name AS doc,
                   d.publisher, m.trigger_text AS trigger,
                   substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start)
                       AS sentence
            FROM events e
            LEFT JOIN actors sa ON sa.actor_id = e.source_actor
            LEFT JOIN actors ta ON ta.actor_id = e.target_actor
            JOIN mentions m ON m.mention_id = e.first_mention
            JOIN documents d ON d.doc_id = m.doc_id
            WHERE e.source_actor IN (SELECT unnest($1)) AND e.target_actor IN (SELECT unnest($2))
              AND {clause}
            ORDER BY e.date NULLS LAST, e.num_mentions DESC, e.event_id
            LIMIT $4 OFFSET $5
            """,
            [self.resolve(source), self.resolve(target), value, limit, offset],
        )

    def network(self, where: EventFilter | None = None, limit: int = 300,
                **filters: Any) -> dict[str, list[dict[str, Any]]]:
        """Who acts on whom: one edge per (source, target, QuadClass) with its event count
        and mean Goldstein, the ``limit`` largest edges among events matching the filters
        (those of :meth:`Corpus.events`), and their actors as nodes."""
        unknown = sorted(set(filters) - {f.name for f in fields(EventFilter)})
        if unknown:
            raise TypeError(f"unknown event filter {', '.join(unknown)}")
        where = replace(where or EventFilter(), **filters)
        clauses, params = self._event_clauses(where)
        clauses += ["e.source_actor IS NOT NULL", "e.target_actor IS NOT NULL"]
        place_join = "LEFT JOIN event_places ep ON ep.event_id = e.event_id" if where.place else ""
        params.append(limit)
        edges = self._rows(
            f"""
            SELECT e.source_actor AS source, e.target_actor AS target, e.quad_class,
                   count(*) AS events, round(avg(e.goldstein), 2) AS mean_goldstein
            FROM events e {place_join}
            WHERE {" AND ".join(clauses)}
            GROUP BY e.source_actor, e.target_actor, e.quad_class
            ORDER BY events DESC, source, target, e.quad_class
            LIMIT ${len(params)}
            """,
            params,
        )
        ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        nodes = self._rows(
            "SELECT actor_id AS id, name, type, code, country, n_docs FROM actors "
            "WHERE actor_id IN (SELECT unnest($1)) ORDER BY actor_id",
            [ids],
        )
        return {"nodes": nodes, "edges": edges}

    # -- actors ---------------------------------------------------------------------------

    def actor_activity(self, actor_id: str) -> list[dict[str, Any]]:
        """Per month (as :meth:`Corpus.timeline` labels them), the actor's events as source,
        as target, cooperation and conflict among them, and the statements it made."""
        return self._rows(
            """
            WITH acts AS (
                SELECT CASE WHEN date IS NULL THEN 'undated'
                            WHEN date_precision = 'year' THEN strftime(date, '%Y') || $2
                            ELSE strftime(date, '%Y-%m') END AS month,
                       source_actor = $1 AS as_source, quad_class
                FROM events WHERE source_actor = $1 OR target_actor = $1
            ), said AS (
                SELECT coalesce(strftime(TRY_CAST(left(d.published, 10) AS DATE), '%Y-%m'),
                                'undated') AS month, count(*) AS quotes
                FROM quotes q JOIN documents d ON d.doc_id = q.doc_id
                JOIN doc_actor_map map
                     ON map.doc_id = q.doc_id AND map.local_id = q.speaker_local
                WHERE map.actor_id = $1 GROUP BY ALL
            ), months AS (
                SELECT month, count(*) FILTER (WHERE as_source) AS as_source,
                       count(*) FILTER (WHERE NOT as_source) AS as_target,
                       count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                       count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict
                FROM acts GROUP BY month
            )
            SELECT month, coalesce(as_source, 0) AS as_source,
                   coalesce(as_target, 0) AS as_target,
                   coalesce(cooperation, 0) AS cooperation, coalesce(conflict, 0) AS conflict,
                   coalesce(quotes, 0) AS quotes
            FROM months FULL JOIN said USING (month)
            ORDER BY month = 'undated', month
            """,
            [actor_id, YEAR_ONLY],
        )

    def actor_kb_id(self, name: str) -> str | None:
        """The id of the actor ``name`` is (the most cited of its namesakes), or None."""
        ids = self.resolve(name)
        if not ids:
            return None
        row = self.con.execute(
            "SELECT actor_id FROM actors WHERE actor_id IN (SELECT unnest($1)) "
            "ORDER BY n_docs DESC, actor_id LIMIT 1",
            [ids],
        ).fetchone()
        return row[0] if row else None

    def kb_entry(self, actor_id: str, settings: Settings) -> dict[str, Any] | None:
        """The actor knowledge-base entry behind a corpus actor ("kb:vladimir-putin"), with
        its dated roles, read with the run's actor and people files; None for actors that
        are not in the knowledge base. (The knowledge base loads once per process, ~1 s.)"""
        if not actor_id.startswith("kb:"):
            return None
        from eventwire.nlp.kb import load_kb  # here: listing documents must not load spaCy

        entry = load_kb(split_paths(settings.actors), split_paths(settings.people)).get(actor_id)
        if entry is None:
            return None
        return {
            "id": entry.id, "name": entry.name, "kind": entry.kind, "country": entry.country,
            "sector": entry.sector, "code": entry.code, "aliases": list(entry.aliases),
            "tags": list(entry.tags), "source": entry.source,
            "roles": [
                {"code": r.code, "from": r.start, "until": r.until, "source": r.source}
                for r in entry.roles
            ],
        }  # fmt: skip
