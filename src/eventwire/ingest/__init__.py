"""Ingest: inputs (files, directories, stdin) to clean ``Document``s.

Public entry: :func:`read_documents`. Each input article comes out as a ``Result`` holding its
``Document`` and, for input that could not be used, its errors; later stages fill the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from eventwire.ingest.clean import clean_text
from eventwire.ingest.decode import clean_controls, decode
from eventwire.ingest.html import extract_html
from eventwire.ingest.language import detect_language
from eventwire.ingest.sources import (
    InputError,
    RawInput,
    SkippedFile,
    UnreadableDirectory,
    content_hash,
    doc_id_for,
    kind_of,
    read_bytes,
    read_stdin,
    shown_path,
    sniff_kind,
    walk,
)
from eventwire.model import Document, ErrorRecord, Result, Stage
from eventwire.settings import Settings

__all__ = ["read_documents", "SkippedFile"]

STDIN = Path("-")


def read_documents(
    paths: list[Path], settings: Settings
) -> Iterator[Result | SkippedFile]:
    """Every article in ``paths`` (``-`` is stdin) as a ``Result`` with its document filled.

    Never raises for bad input: a document that cannot be used carries ``errors`` instead.
    """
    seen_ids: dict[str, int] = {}
    for item in _raw_inputs(paths, settings):
        if isinstance(item, SkippedFile):
            yield item
            continue
        item.id = _unique(item.id, seen_ids)
        yield _prepare(item, settings)


def _unique(doc_id: str, seen: dict[str, int]) -> str:
    count = seen.get(doc_id, 0)
    seen[doc_id] = count + 1
    return doc_id if count == 0 else f"{doc_id}-{count + 1}"


def _raw_inputs(paths: list[Path], settings: Settings) -> Iterator[RawInput | SkippedFile]:
    for path in paths:
        if path == STDIN:
            yield from _from_bytes_source(
                "stdin", "stdin", None, lambda: read_stdin(settings.max_bytes)
            )
            continue
        for file in walk([path]):
            if isinstance(file, SkippedFile):
                yield file
            elif isinstance(file, UnreadableDirectory):
                yield _failed(shown_path(file.path.name), shown_path(file.path), "read",
                              file.message)  # fmt: skip
            else:
                yield from _from_bytes_source(
                    doc_id_for(file),
                    shown_path(file),
                    kind_of(file),
                    lambda f=file: read_bytes(f, settings.max_bytes),
                )


def _from_bytes_source(doc_id, source, kind, read) -> Iterator[RawInput]:
    try:
        data = read()
        digest = content_hash(data)
        if not data.strip():
            raise InputError("read", "empty input: no text at all")
        text, notice = decode(data, html=kind == "html")
    except InputError as err:
        yield _failed(doc_id, source, err.stage, err.message)
        return
    notices = [("decode", notice)] if notice else []
    kind = kind or sniff_kind(text)
    if kind == "jsonl":
        yield from _jsonl_records(text, doc_id, source, notices)
        return
    raw = RawInput(doc_id, source, kind, content_hash=digest, errors=notices)
    if kind == "html":
        raw.html = text
    else:
        raw.text = text
    yield raw


def _jsonl_records(
    text: str, stem: str, source: str, notices: list[tuple[str, str]]
) -> Iterator[RawInput]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        fallback_id = f"{stem}-{number}"
        try:
            record = json.loads(line)
        except ValueError as err:
            yield _failed(fallback_id, where, "read", f"line {number} is not valid JSON: {err}")
            continue
        if not isinstance(record, dict):
            yield _failed(fallback_id, where, "read", f"line {number} is not a JSON object")
            continue
        doc_id = _str_or_none(record.get("id")) or fallback_id
        body_text, body_html = record.get("text"), record.get("html")
        if not isinstance(body_text, str) and not isinstance(body_html, str):
            yield _failed(doc_id, where, "read", f"line {number} has no 'text' or 'html' string")
            continue
        body = body_text if isinstance(body_text, str) else body_html
        record_notices = list(notices)
        for what, count in (
            ("lone surrogate escape(s) replaced with U+FFFD", len(_SURROGATES.findall(body))),
            ("NUL character(s) removed", body.count("\0")),
        ):
            if count:
                record_notices.append(("decode", f"line {number}: {count} {what}"))
        body = clean_controls(_SURROGATES.sub("\ufffd", body))
        published = record.get("published")
        yield RawInput(
            id=doc_id,
            source=where,
            kind="text" if isinstance(body_text, str) else "html",
            text=body if isinstance(body_text, str) else None,
            html=body if not isinstance(body_text, str) else None,
            url=_str_or_none(record.get("url")),
            title=_str_or_none(record.get("title")),
            # Not a string (20240101) is kept as text, so that dropping it is noted.
            published=_str_or_none(published if isinstance(published, str | None)
                                   else json.dumps(published)),  # fmt: skip
            publisher=_str_or_none(record.get("publisher")),
            content_hash=content_hash(line.encode("utf-8")),
            errors=record_notices,
        )


# JSON may escape halves of UTF-16 pairs alone ("\ud800"), which no UTF-8 output can hold.
_SURROGATES = re.compile("[\ud800-\udfff]")


def _str_or_none(value: object) -> str | None:
    """A metadata string as one clean line (no lone surrogate, no control character)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(clean_controls(_SURROGATES.sub("\ufffd", value)).split())
    return value or None


def _failed(doc_id: str, source: str, stage: str, message: str) -> RawInput:
    return RawInput(doc_id, source, "text", errors=[(stage, message)], fatal=True)


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
            document.author = article.author
            document.publisher = document.publisher or article.publisher
            if not document.published:
                _set_published(result, article.published, "clean")
            document.url = document.url or article.url
        elif settings.raw:
            document.text = raw.text or ""
        else:
            cleaned = clean_text(raw.text or "")
            document.text = cleaned.text
            document.removed = cleaned.removed
            if not document.published:
                _set_published(result, cleaned.published, "clean")
            document.title = document.title or cleaned.title
    except Exception as err:  # noqa: BLE001 - a library failing on one page must not stop a batch
        result.errors.append(ErrorRecord(stage="clean", message=f"could not extract text: {err}"))
        return result
    if len(document.text.strip()) < settings.min_chars:
        result.errors.append(ErrorRecord(stage="clean", message="no article text found"))
        return result
    document.language = detect_language(document.text)
    if document.language is not None and document.language not in settings.languages:
        result.errors.append(
            ErrorRecord(
                stage="language",
                message=f"language is '{document.language}', not one of "
                f"{', '.join(settings.languages)}; text kept, not analysed",
            )
        )
    return result
