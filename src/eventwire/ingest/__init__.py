"""Ingest: inputs (files, directories, stdin) to clean ``Document``s.

Public entry: :func:`read_documents`. Each input article comes out as a ``Result`` holding its
``Document`` and, for input that could not be used, its errors; later stages fill the rest.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from eventwire.ingest.clean import clean_text
from eventwire.ingest.decode import decode
from eventwire.ingest.feeds import feed_inputs
from eventwire.ingest.formats import HEAD_BYTES, open_stream, sniff_bytes
from eventwire.ingest.html import extract_html
from eventwire.ingest.language import detect_language
from eventwire.ingest.metadata import read_header
from eventwire.ingest.records import failed, jsonl_inputs, record_input
from eventwire.ingest.sources import (
    InputError,
    Kind,
    RawInput,
    SkippedFile,
    UnreadableDirectory,
    content_hash,
    doc_id_for,
    kind_of,
    over_limit,
    read_bytes,
    shown_path,
    sniff_kind,
    walk,
)
from eventwire.ingest.warc import warc_inputs
from eventwire.model import Document, ErrorRecord, Removed, Result, Stage
from eventwire.settings import Settings

__all__ = ["read_documents", "prepare_batch", "SkippedFile"]

STDIN = Path("-")
# A feed is parsed whole (feedparser); it may be this many times the per-document limit.
FEED_FILE_FACTOR = 20


def read_documents(
    inputs: Iterable[Path | Mapping[str, Any]],
    settings: Settings,
    skip: Callable[[str], bool] | None = None,
) -> Iterator[Result | SkippedFile]:
    """Every article in ``inputs`` as a ``Result`` with its document filled.

    An input is a path (a file or a directory; ``-`` is stdin) or a record (a mapping with
    ``text`` or ``html`` and optional ``id``, ``url``, ``title``, ``published``, ``publisher``,
    ``author``, as one JSON Lines line). Never raises for bad input: a document that cannot be
    used carries ``errors`` instead. A document whose content hash ``skip`` accepts (one
    already stored) is left out before it is cleaned, so resuming a long run costs a hash per
    stored document, not its cleaning.

    With ``Settings.clean_worker_count()`` above 0, documents are cleaned (page extraction,
    cleaning, language) by that many worker processes, in input order, with the same results:
    reading them stays here, so one process can feed more analysis workers.
    """
    raw = _numbered_inputs(inputs, settings, skip)
    cleaners = settings.clean_worker_count()
    if cleaners > 0:
        from eventwire.parallel import run_in_workers  # here: it starts processes

        for chunk in run_in_workers(_chunks(raw), settings, cleaners, task=PREPARE_TASK,
                                    warm_up=None, lost=PREPARE_LOST):  # fmt: skip
            yield from chunk
        return
    for item in raw:
        yield item if isinstance(item, SkippedFile) else _prepare(item, settings)


# What cleaning workers run, and what stands for a document that broke one.
PREPARE_TASK = "eventwire.ingest:prepare_batch"
PREPARE_LOST = "eventwire.ingest:preparation_lost"
# Documents sent to a cleaning worker at once: at most this many, and this many characters.
CHUNK_DOCUMENTS = 16
CHUNK_CHARS = 1_000_000


def _numbered_inputs(
    inputs: Iterable[Path | Mapping[str, Any]], settings: Settings,
    skip: Callable[[str], bool] | None,
) -> Iterator[RawInput | SkippedFile]:  # fmt: skip
    """The raw documents with ids unique in the run, those ``skip`` accepts left out."""
    seen_ids: dict[str, int] = {}
    for item in _raw_inputs(inputs, settings):
        if isinstance(item, SkippedFile):
            yield item
            continue
        item.id = _unique(item.id, seen_ids)
        if skip is not None and item.content_hash and not item.fatal and skip(item.content_hash):
            continue
        yield item


def _chunks(items: Iterable[RawInput | SkippedFile]) -> Iterator[list[RawInput | SkippedFile]]:
    chunk: list[RawInput | SkippedFile] = []
    chars = 0
    for item in items:
        chunk.append(item)
        if isinstance(item, RawInput):
            chars += len(item.html or item.text or "")
        if len(chunk) >= CHUNK_DOCUMENTS or chars >= CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def prepare_batch(
    items: list[RawInput | SkippedFile], settings: Settings
) -> list[Result | SkippedFile]:
    """Raw documents to clean documents (what a cleaning worker runs on a chunk)."""
    return [item if isinstance(item, SkippedFile) else _prepare(item, settings)
            for item in items]  # fmt: skip


def preparation_lost(item: RawInput | SkippedFile, reason: str) -> Result | SkippedFile:
    """A document whose cleaning broke a worker: failed, with a ``clean`` error saying why."""
    if isinstance(item, SkippedFile):
        return item
    document = Document(id=item.id, url=item.url, source=item.source,
                        content_hash=item.content_hash)  # fmt: skip
    return Result(document=document,
                  errors=[ErrorRecord(stage="clean", message=f"{reason}; not read")])


def _unique(doc_id: str, seen: dict[str, int]) -> str:
    count = seen.get(doc_id, 0)
    seen[doc_id] = count + 1
    return doc_id if count == 0 else f"{doc_id}-{count + 1}"


def _raw_inputs(
    inputs: Iterable[Path | Mapping[str, Any]], settings: Settings
) -> Iterator[RawInput | SkippedFile]:
    records = 0
    for item in inputs:
        if isinstance(item, Mapping):
            records += 1
            where = f"record {records}"
            try:
                digest = content_hash(
                    json.dumps(item, sort_keys=True, default=str).encode("utf-8"))
            except (TypeError, ValueError, RecursionError) as err:  # a cycle, or too deep
                yield failed(f"record-{records}", where, f"{where} cannot be read: {err}")
                continue
            yield record_input(item, where, where, f"record-{records}", digest)
            continue
        path = Path(item)
        if path == STDIN:
            yield from _file_inputs(None, "stdin", "stdin", None, settings)
            continue
        for file in walk([path]):
            if isinstance(file, SkippedFile):
                yield file
            elif isinstance(file, UnreadableDirectory):
                yield failed(shown_path(file.path.name), shown_path(file.path), file.message)
            else:
                yield from _file_inputs(file, doc_id_for(file), shown_path(file), kind_of(file),
                                        settings)  # fmt: skip


def _file_inputs(
    file: Path | None, doc_id: str, source: str, kind: Kind | None, settings: Settings
) -> Iterator[RawInput | SkippedFile]:
    """The documents of one file (or stdin when ``file`` is None). JSON Lines and WARC are
    streamed, a document at a time; other formats are read whole within the size limit."""
    if kind in (None, "jsonl", "warc") or file is None:
        try:
            with open_stream(file) as (head, stream):
                if not head.strip():
                    raise InputError("read", "empty input: no text at all")
                kind = kind or sniff_bytes(head)
                if kind == "jsonl":
                    yield from jsonl_inputs(stream, doc_id, source, settings.max_bytes)
                    return
                if kind == "warc":
                    yield from warc_inputs(stream, doc_id, source, settings.max_bytes)
                    return
                if file is None:  # stdin cannot be read again: take the rest from here
                    limit = _whole_file_limit(kind, settings)
                    data = stream.read(limit + 1)
                    if len(data) > limit:
                        raise InputError("read", f"input is {over_limit(limit)}")
                    yield from _from_bytes_source(doc_id, source, kind, lambda: data, settings)
                    return
        except InputError as err:
            yield failed(doc_id, source, err.message, stage=err.stage)
            return
    limit = _whole_file_limit(kind, settings)
    yield from _from_bytes_source(
        doc_id, source, kind, lambda: read_bytes(file, limit), settings)


def _whole_file_limit(kind: Kind | None, settings: Settings) -> int:
    # feedparser needs a whole feed, which holds many items, each within max_bytes
    return settings.max_bytes * FEED_FILE_FACTOR if kind == "feed" else settings.max_bytes


def _from_bytes_source(
    doc_id: str, source: str, kind: Kind | None, read: Callable[[], bytes], settings: Settings
) -> Iterator[RawInput]:
    try:
        data = read()
        digest = content_hash(data)
        if not data.strip():
            raise InputError("read", "empty input: no text at all")
        kind = kind or sniff_bytes(data[:HEAD_BYTES])
        if kind == "feed":
            yield from feed_inputs(data, doc_id, source, settings.max_bytes)
            return
        text, notice = decode(data, html=kind == "html")
    except InputError as err:
        yield failed(doc_id, source, err.message, stage=err.stage)
        return
    notices = [("decode", notice)] if notice else []
    kind = kind or sniff_kind(text)
    if kind == "jsonl":  # whole JSON Lines text given some other way (not a file or stdin)
        yield from jsonl_inputs(io.BytesIO(text.encode("utf-8")), doc_id, source,
                                settings.max_bytes)
        return
    raw = RawInput(doc_id, source, kind, content_hash=digest, errors=notices)
    if kind == "html":
        raw.html = text
    else:
        raw.text = text
    yield raw


def _set_published(result: Result, value: str | None, stage: Stage) -> None:
    """The document's publication date, or none and a notice when ``value`` is not a date
    (year 9999, 2024-02-30, garbage): an invalid date never reaches the output or the store."""
    try:
        result.document.published = value
    except ValidationError as err:
        reason = err.errors()[0]["msg"].removeprefix("Value error, ")
        result.errors.append(
            ErrorRecord(
                stage=stage, message=f"publication date dropped: {reason}", notice=True
            )
        )


def _prepare(raw: RawInput, settings: Settings) -> Result:
    document = Document(
        id=raw.id,
        url=raw.url,
        title=raw.title,
        publisher=raw.publisher,
        author=raw.author,
        source=raw.source,
        content_hash=raw.content_hash,
    )
    errors = [
        ErrorRecord(stage=stage, message=message, notice=not raw.fatal)
        for stage, message in raw.errors
    ]
    result = Result(document=document, errors=errors)
    if raw.fatal:
        return result
    _set_published(result, raw.published, "read")
    try:
        if raw.html is not None:
            article = extract_html(raw.html, raw.url)
            document.text = article.text
            document.title = document.title or article.title
            document.author = document.author or article.author
            document.publisher = document.publisher or article.publisher
            if not document.published:
                _set_published(result, article.published, "clean")
            document.url = document.url or article.url
        elif settings.raw:
            document.text = raw.text or ""
        else:
            # metadata fields at the start of a text dump ("date 2025-04-17 ...") first
            header = read_header(raw.text or "")
            cleaned = clean_text(header.body)
            document.text = cleaned.text
            document.removed = [Removed(text=text, reason=reason)
                                for text, reason in header.removed] + cleaned.removed
            fields = header.fields
            if not document.published:
                _set_published(result, fields.get("date") or cleaned.published, "clean")
            document.title = document.title or fields.get("title") or cleaned.title
            document.url = document.url or fields.get("url")
            document.author = document.author or fields.get("author")
        if not document.published:  # a WARC record's capture day, when the page gives none
            _set_published(result, raw.captured, "read")
    except Exception as err:  # noqa: BLE001 - a library failing on one page must not stop a batch
        result.errors.append(ErrorRecord(stage="clean", message=f"could not extract text: {err}"))
        return result
    if len(document.text.strip()) < settings.min_chars:
        result.errors.append(ErrorRecord(stage="clean", message="no article text found"))
        return result
    document.language = detect_language(document.text, settings.languages)
    if document.language is not None and document.language not in settings.languages:
        result.errors.append(
            ErrorRecord(
                stage="language",
                message=f"language is '{document.language}', not one of "
                f"{', '.join(settings.languages)}; text kept, not analysed",
            )
        )
    return result
