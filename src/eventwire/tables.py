"""Results as flat tables (Arrow, pandas): one row per event, quote, actor, document or error.

In the JSON output an event's ``source`` is a per-document actor id ("A1"); here every table
carries the document id and the actor's name, country and CAMEO code next to the id, so a
notebook user needs no join. The evidence stays: offsets into the document text and the words
themselves (``trigger``, ``sentence``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import pyarrow as pa

from eventwire.model import Actor, Result

__all__ = ["TABLES", "to_arrow", "to_pandas"]

_STR, _INT, _FLOAT, _BOOL = pa.string(), pa.int64(), pa.float64(), pa.bool_()
_STRS = pa.list_(pa.string())

# ``published`` is a date (the contract's YYYY-MM-DD); event dates stay text, since an event may
# be known to the month or year only ("2023-05", "2023").
_DOCUMENT_COLUMNS = [("doc_id", _STR), ("url", _STR), ("publisher", _STR),
                     ("published", pa.date32())]


def _actor_columns(role: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{role}_id", _STR), (role, _STR), (f"{role}_country", _STR),
            (f"{role}_code", _STR)]


# table name -> its columns and their types (the same columns for an empty table)
TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "events": [
        *_DOCUMENT_COLUMNS, ("event_id", _STR), ("date", _STR), ("date_basis", _STR),
        *_actor_columns("source"), *_actor_columns("target"),
        ("cameo", _STR), ("cameo_root", _STR), ("plover", _STR), ("mode", _STR),
        ("context", _STR), ("quad_class", _INT), ("goldstein", _FLOAT),
        ("confidence", _FLOAT), ("hedged", _BOOL), ("negated", _BOOL),
        ("hypothetical", _BOOL), ("via", _STRS), ("trigger", _STR), ("trigger_start", _INT),
        ("trigger_end", _INT), ("sentence", _STR), ("sentence_start", _INT),
        ("sentence_end", _INT), ("source_text", _STR), ("target_text", _STR), ("quote", _STR),
    ],
    "quotes": [
        *_DOCUMENT_COLUMNS, ("quote_id", _STR), *_actor_columns("speaker"), ("kind", _STR),
        ("text", _STR), ("start", _INT), ("end", _INT), ("cue", _STR), ("hedged", _BOOL),
        ("via", _STRS), ("about", _STRS),
    ],
    "actors": [
        *_DOCUMENT_COLUMNS, ("actor_id", _STR), ("name", _STR), ("type", _STR),
        ("country", _STR), ("sector", _STR), ("code", _STR), ("kb_id", _STR),
        ("mentions", _INT), ("aliases", _STRS),
    ],
    "documents": [
        *_DOCUMENT_COLUMNS, ("title", _STR), ("author", _STR), ("language", _STR),
        ("source", _STR), ("chars", _INT), ("actors", _INT), ("quotes", _INT), ("events", _INT),
        ("failed", _BOOL), ("errors", _STRS),
    ],
    "errors": [*_DOCUMENT_COLUMNS, ("source", _STR), ("stage", _STR), ("message", _STR)],
}


def to_arrow(results: Iterable[Result], table: str = "events") -> pa.Table:
    """One of :data:`TABLES` for ``results``, as an Arrow table."""
    if table not in TABLES:
        raise ValueError(f"no table {table!r}: choose one of {', '.join(TABLES)}")
    rows = [row for result in results for row in _ROWS[table](result)]
    schema = pa.schema(TABLES[table])
    return pa.Table.from_pylist(rows, schema=schema)


def to_pandas(results: Iterable[Result], table: str = "events") -> Any:
    """One of :data:`TABLES` for ``results``, as a pandas DataFrame (needs pandas installed)."""
    try:
        import pandas  # noqa: F401  (only to fail with a clear message)
    except ImportError as err:
        raise ImportError(
            "to_pandas() needs pandas: pip install pandas (or use to_arrow())") from err
    return to_arrow(results, table).to_pandas()


def _document(result: Result) -> dict[str, Any]:
    d = result.document
    return {"doc_id": d.id, "url": d.url, "publisher": d.publisher,
            "published": _day(d.published)}


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _actor(role: str, actor_id: str | None, actors: dict[str, Actor]) -> dict[str, Any]:
    actor = actors.get(actor_id) if actor_id else None
    return {
        f"{role}_id": actor_id,
        role: actor.name if actor else None,
        f"{role}_country": actor.country if actor else None,
        f"{role}_code": actor.code if actor else None,
    }


def _names(ids: list[str], actors: dict[str, Actor]) -> list[str]:
    return [actors[i].name if i in actors else i for i in ids]


def _event_rows(result: Result) -> Iterable[dict[str, Any]]:
    actors = {a.id: a for a in result.actors}
    text = result.document.text
    for e in result.events:
        yield {
            **_document(result), "event_id": e.id, "date": e.date, "date_basis": e.date_basis,
            **_actor("source", e.source, actors), **_actor("target", e.target, actors),
            "cameo": e.cameo, "cameo_root": e.cameo_root, "plover": e.plover, "mode": e.mode,
            "context": e.context, "quad_class": e.quad_class, "goldstein": e.goldstein,
            "confidence": e.confidence, "hedged": e.hedged, "negated": e.negated,
            "hypothetical": e.hypothetical, "via": _names(e.via, actors),
            "trigger": e.trigger.text, "trigger_start": e.trigger.start,
            "trigger_end": e.trigger.end, "sentence": text[e.sentence.start : e.sentence.end],
            "sentence_start": e.sentence.start, "sentence_end": e.sentence.end,
            "source_text": e.source_text, "target_text": e.target_text, "quote": e.quote,
        }


def _quote_rows(result: Result) -> Iterable[dict[str, Any]]:
    actors = {a.id: a for a in result.actors}
    for q in result.quotes:
        yield {
            **_document(result), "quote_id": q.id, **_actor("speaker", q.speaker, actors),
            "kind": q.kind, "text": q.text, "start": q.start, "end": q.end,
            "cue": q.cue.text if q.cue else None, "hedged": q.hedged,
            "via": _names(q.via, actors), "about": _names(q.about, actors),
        }


def _actor_rows(result: Result) -> Iterable[dict[str, Any]]:
    for a in result.actors:
        yield {
            **_document(result), "actor_id": a.id, "name": a.name, "type": a.type,
            "country": a.country, "sector": a.sector, "code": a.code, "kb_id": a.kb_id,
            "mentions": len(a.mentions), "aliases": a.aliases,
        }


def _document_rows(result: Result) -> Iterable[dict[str, Any]]:
    d = result.document
    yield {
        **_document(result), "title": d.title, "author": d.author, "language": d.language,
        "source": d.source, "chars": len(d.text), "actors": len(result.actors),
        "quotes": len(result.quotes), "events": len(result.events), "failed": result.failed,
        "errors": [f"{e.stage}: {e.message}" for e in result.errors],
    }


def _error_rows(result: Result) -> Iterable[dict[str, Any]]:
    for error in result.errors:
        yield {**_document(result), "source": result.document.source, "stage": error.stage,
               "message": error.message}


_ROWS = {"events": _event_rows, "quotes": _quote_rows, "actors": _actor_rows,
         "documents": _document_rows, "errors": _error_rows}
