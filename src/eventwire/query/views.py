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

from eventwire.query import (
    YEAR_ONLY,
    Corpus,
    EventFilter,
    _period,
    like_pattern,
    parse_period,
    use_lookup_indexes,
)
from eventwire.settings import Settings, split_paths
from eventwire.store import DEFAULT_DB, Store

__all__ = ["CorpusViews", "UNDATED"]

UNDATED = "undated"  # the timeline row of events the text places before the news, undated
_MONTH = re.compile(r"\d{4}-\d{2}")
_YEAR_ONLY = re.compile(r"(\d{4})" + re.escape(YEAR_ONLY))
_WHOLE_MONTHS = re.compile(r"\s*\d{4}(-\d{2})?\s*")  # a filter bound of whole months


class CorpusViews(Corpus):
    """A :class:`Corpus` with the views a browser needs. ``writable`` opens the store for
    writing (an ingesting server: DuckDB allows one kind of connection per file and process)."""

    def __init__(self, db: Path | str = DEFAULT_DB, writable: bool = False) -> None:
        if not writable:
            super().__init__(db)
            return
        self.store = Store(db)
        self.con = self.store.con
        # a store from before the serving tables gets them now (as a reader's would)
        self.store.rebuild()
        use_lookup_indexes(self.con)

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
        """How many documents, actors, events, event mentions and quotes the store holds
        (counted at the last rebuild, which every change of the store ends with)."""
        row = self.con.execute(
            "SELECT documents, actors, events, mentions, quotes FROM serve_counts"
        ).fetchone()
        return dict(zip(("documents", "actors", "events", "mentions", "quotes"), row,
                        strict=True))  # fmt: skip

    # -- documents ------------------------------------------------------------------------

    def documents(self, publisher: str | None = None, limit: int = 50,
                  offset: int = 0) -> list[dict[str, Any]]:
        """Stored articles, newest first, with how many events and quotes each gave."""
        # Pages of the serving table (sorted in this order, with each position stored): the
        # whole list is a range of positions; a publisher filter scans one narrow column.
        columns = ("doc_id, doc, title, publisher, published, url, duplicate_of, chars, "
                   "events, quotes")  # fmt: skip
        if not publisher:
            return self._rows(
                f"SELECT {columns} FROM serve_documents WHERE pos > $1 AND pos <= $1 + $2 "
                "ORDER BY pos",
                [offset, limit],
            )
        return self._rows(
            f"SELECT {columns} FROM serve_documents WHERE publisher ILIKE $1 ESCAPE '\\' "
            "ORDER BY pos LIMIT $2 OFFSET $3",
            # words of the publisher's name, anywhere; its own % and _ taken literally
            [like_pattern(publisher), limit, offset],
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
        # Simple indexed look-ups joined here: each annotation table's rows of this article,
        # then the corpus actors and events they link to (one short query each; the joins
        # in SQL cost more to plan than to run).
        linked = dict(self.con.execute(
            "SELECT local_id, actor_id FROM doc_actor_map WHERE doc_id = $1", [doc_id]
        ).fetchall())  # fmt: skip
        corpus_actors = self._by_id(
            "SELECT actor_id, name, code FROM actors WHERE actor_id IN ({ids})",
            sorted(set(linked.values())),
        )
        document["actors"] = []
        for row in self._rows(
            "SELECT local_id, name, type, code, mentions FROM doc_actors WHERE doc_id = $1 "
            "ORDER BY local_id",
            [doc_id],
        ):
            actor_id = linked.get(row["local_id"])
            name, code = corpus_actors.get(actor_id, (None, None))
            document["actors"].append({
                "local_id": row["local_id"], "name": name if name is not None else row["name"],
                "actor_id": actor_id, "type": row["type"],
                "code": code if code is not None else row["code"], "mentions": row["mentions"],
            })  # fmt: skip
        document["quotes"] = []
        for row in self._rows(
            """
            SELECT quote_id, text, start, "end", kind, hedged, via, speaker_text, speaker_local,
                   speaker_start, speaker_end, cue_text, cue_start, cue_end
            FROM quotes WHERE doc_id = $1 ORDER BY start, quote_id
            """,
            [doc_id],
        ):
            speaker_id = linked.get(row["speaker_local"])
            name = corpus_actors.get(speaker_id, (None, None))[0]
            document["quotes"].append({
                "quote_id": row["quote_id"], "text": row["text"], "start": row["start"],
                "end": row["end"], "kind": row["kind"], "hedged": row["hedged"],
                "via": row["via"], "speaker": name if name is not None else row["speaker_text"],
                "speaker_id": speaker_id, "speaker_start": row["speaker_start"],
                "speaker_end": row["speaker_end"], "cue": row["cue_text"],
                "cue_start": row["cue_start"], "cue_end": row["cue_end"],
            })  # fmt: skip
        mentions = self._rows(
            """
            SELECT mention_id, source_local, target_local, cameo, plover, quad_class,
                   goldstein, date, date_basis, hedged, negated, hypothetical, confidence,
                   sentence_start, sentence_end, trigger_start, trigger_end, trigger_text
            FROM mentions WHERE doc_id = $1
            ORDER BY sentence_start, trigger_start, mention_id
            """,
            [doc_id],
        )
        event_of = {
            mention_id: event_id for mention_id, event_id in self._by_id(
                "SELECT mention_id, event_id FROM mention_events WHERE mention_id IN ({ids})",
                [m["mention_id"] for m in mentions]).items()
        }  # fmt: skip
        document["events"] = []
        for m in mentions:
            source = corpus_actors.get(linked.get(m["source_local"]), (None,))[0]
            target = corpus_actors.get(linked.get(m["target_local"]), (None,))[0]
            document["events"].append({
                "mention_id": m["mention_id"], "event_id": event_of.get(m["mention_id"]),
                "cameo": m["cameo"], "plover": m["plover"], "quad_class": m["quad_class"],
                "goldstein": m["goldstein"], "source": source, "target": target,
                "date": m["date"], "date_basis": m["date_basis"], "hedged": m["hedged"],
                "negated": m["negated"], "hypothetical": m["hypothetical"],
                "confidence": m["confidence"], "sentence_start": m["sentence_start"],
                "sentence_end": m["sentence_end"], "trigger_start": m["trigger_start"],
                "trigger_end": m["trigger_end"], "trigger": m["trigger_text"],
            })  # fmt: skip
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
            "SELECT name, resolved, level, country, adm1, lat, lon, basis "
            "FROM serve_event_places WHERE event_id = $1",
            [event_id],
        )
        event["place"] = places[0] if places else None
        event["mentions"] = self._rows(
            """
            WITH me AS MATERIALIZED (SELECT mention_id FROM mention_events WHERE event_id = $1)
            SELECT m.mention_id, m.doc_id, d.name AS doc, d.title, d.publisher, d.url,
                   d.published, d.duplicate_of IS NOT NULL AS duplicate, m.date, m.date_basis,
                   m.hedged, m.negated, m.hypothetical, m.confidence,
                   m.sentence_start, m.sentence_end, m.trigger_start, m.trigger_end,
                   m.trigger_text AS trigger,
                   substr(d.text, m.sentence_start + 1, m.sentence_end - m.sentence_start)
                       AS sentence
            FROM me JOIN mentions m USING (mention_id)
            JOIN documents d ON d.doc_id = m.doc_id
            ORDER BY d.published NULLS LAST, m.mention_id
            """,
            [event_id],
        )
        return event

    def dyad_events(self, source: str, target: str, period: str,
                    limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """The events of one timeline row (:meth:`Corpus.timeline`) from ``source`` to
        ``target``: ``period`` is a month "YYYY-MM", a "YYYY (year only)" row or "undated".
        ValueError for any other period."""
        if not (_MONTH.fullmatch(period) or _YEAR_ONLY.fullmatch(period) or period == UNDATED):
            raise ValueError(f"period must be YYYY-MM, 'YYYY{YEAR_ONLY}' or '{UNDATED}'")
        # The page of the dyad's row first (serving rows sorted by dyad and row label), then
        # its details by event id.
        return self._rows(
            """
            WITH e AS (
                SELECT * FROM serve_dyad_events
                WHERE source_actor = ANY($1) AND target_actor = ANY($2) AND period = $3
                ORDER BY date NULLS LAST, num_mentions DESC, event_id
                LIMIT $4 OFFSET $5
            )
            SELECT e.event_id, e.date_text AS date, sa.name AS source, ta.name AS target,
                   e.cameo, e.plover, e.quad_class, e.goldstein, e.hedged, e.negated,
                   e.hypothetical, e.confidence, e.num_mentions, ev.doc_id, ev.doc,
                   ev.publisher, ev.trigger, ev.sentence
            FROM e
            LEFT JOIN actors sa ON sa.actor_id = e.source_actor
            LEFT JOIN actors ta ON ta.actor_id = e.target_actor
            JOIN serve_evidence ev ON ev.event_id = e.event_id
            ORDER BY e.date NULLS LAST, e.num_mentions DESC, e.event_id
            """,
            [self.resolve(source), self.resolve(target), period, limit, offset],
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
        edges = self._monthly_edges(where, limit)
        if edges is None:
            edges = self._edges(where, limit)
        ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        nodes = self._rows(
            "SELECT actor_id AS id, name, type, code, country, n_docs FROM actors "
            "WHERE actor_id IN (SELECT unnest($1)) ORDER BY actor_id",
            [ids],
        )
        return {"nodes": nodes, "edges": edges}

    def _monthly_edges(self, where: EventFilter, limit: int) -> list[dict[str, Any]] | None:
        """The network's edges from the monthly edge table (eventwire.store.serving), when
        the filters are only a type, a QuadClass and periods of whole months or years; None
        for any other filter (a day, an actor, a publisher...), which needs every event."""
        whole_months = all(
            bound is None or (isinstance(bound, str | int) and _WHOLE_MONTHS.fullmatch(str(bound)))
            for bound in (where.since, where.until)
        )
        others = replace(where, since=None, until=None, type=None, quad_class=None)
        if not whole_months or others != EventFilter():
            return None
        clauses: list[str] = []
        params: list[Any] = []
        if where.type:
            params.append(where.type if where.type.isdigit() else where.type.upper())
            clauses.append(f"starts_with(e.cameo, ${len(params)})" if where.type.isdigit()
                           else f"upper(e.plover) = ${len(params)}")  # fmt: skip
        if where.quad_class is not None:
            params.append(where.quad_class)
            clauses.append(f"e.quad_class = ${len(params)}")
        # an event overlaps [since, until] when it ends in or after since's first month and
        # starts in or before until's last day (the rule of Corpus.events, by whole months)
        if where.since:
            params.append(parse_period(_period(where.since, "since"))[0])
            clauses.append(f"e.last_month >= ${len(params)}")
        if where.until:
            params.append(parse_period(_period(where.until, "until"))[1])
            clauses.append(f"e.first_month <= ${len(params)}")
        params.append(limit)
        return self._rows(
            f"""
            SELECT e.source_actor AS source, e.target_actor AS target, e.quad_class,
                   sum(e.events) AS events,
                   round(sum(e.goldstein_sum) / sum(e.events), 2) AS mean_goldstein
            FROM serve_edge_months e
            WHERE {" AND ".join(clauses) or "TRUE"}
            GROUP BY e.source_actor, e.target_actor, e.quad_class
            ORDER BY events DESC, source, target, e.quad_class
            LIMIT ${len(params)}
            """,
            params,
        )

    def _edges(self, where: EventFilter, limit: int) -> list[dict[str, Any]]:
        clauses, params = self._event_clauses(where)
        clauses += ["e.source_actor IS NOT NULL", "e.target_actor IS NOT NULL"]
        place_join = (
            "LEFT JOIN serve_event_places ep ON ep.event_id = e.event_id" if where.place else ""
        )
        params.append(limit)
        return self._rows(
            f"""
            SELECT e.source_actor AS source, e.target_actor AS target, e.quad_class,
                   count(*) AS events, round(avg(e.goldstein), 2) AS mean_goldstein
            FROM serve_events e {place_join}
            WHERE {" AND ".join(clauses)}
            GROUP BY e.source_actor, e.target_actor, e.quad_class
            ORDER BY events DESC, source, target, e.quad_class
            LIMIT ${len(params)}
            """,
            params,
        )

    # -- actors ---------------------------------------------------------------------------

    def actor_activity(self, actor_id: str) -> list[dict[str, Any]]:
        """Per month (as :meth:`Corpus.timeline` labels them), the actor's events as source,
        as target, cooperation and conflict among them, and the statements it made."""
        return self._rows(
            "SELECT month, as_source, as_target, cooperation, conflict, quotes "
            "FROM serve_actor_activity WHERE actor_id = $1 ORDER BY month = $2, month",
            [actor_id, UNDATED],
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
