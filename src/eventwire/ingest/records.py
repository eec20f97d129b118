"""Article records (a JSON Lines line, a mapping from the Python API) and JSON Lines streams.

A record is an object with ``text`` or ``html`` and optional ``id``, ``url``, ``title``,
``published``, ``publisher`` and ``author``. A JSON Lines file is read line by line: however large
the file, only one line is held at a time, and a line over the size limit is refused alone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from eventwire.ingest.decode import clean_controls, decode
from eventwire.ingest.sources import InputError, RawInput, content_hash

__all__ = ["jsonl_inputs", "record_input"]

_READ_CHUNK = 1 << 20


def record_input(
    record: object, label: str, where: str, fallback_id: str, digest: str | None,
    notices: list[tuple[str, str]] | None = None,
) -> RawInput:
    """The article of one record (``label`` names it in messages: "line 3"); a failed
    ``RawInput`` with the reason when it is not one. Strings are cleaned as decoded text is
    (lone surrogate escapes, NUL and control characters), with a notice saying what went."""
    if not isinstance(record, Mapping):
        return failed(fallback_id, where, f"{label} is not a JSON object")
    doc_id = _str_or_none(record.get("id")) or fallback_id
    body_text, body_html = record.get("text"), record.get("html")
    if not isinstance(body_text, str) and not isinstance(body_html, str):
        return failed(doc_id, where, f"{label} has no 'text' or 'html' string")
    is_text = isinstance(body_text, str)
    body = body_text if isinstance(body_text, str) else body_html
    notices = list(notices or [])
    for what, count in (
        ("lone surrogate escape(s) replaced with U+FFFD", len(_SURROGATES.findall(body))),
        ("NUL character(s) removed", body.count("\0")),
    ):
        if count:
            notices.append(("decode", f"{label}: {count} {what}"))
    body = clean_controls(body)  # surrogates become U+FFFD, control characters go
    return RawInput(
        id=doc_id,
        source=where,
        kind="text" if is_text else "html",
        text=body if is_text else None,
        html=body if not is_text else None,
        url=_str_or_none(record.get("url")),
        title=_str_or_none(record.get("title")),
        published=_date_or_none(record.get("published")),
        publisher=_str_or_none(record.get("publisher")),
        author=_str_or_none(record.get("author")),
        content_hash=digest,
        errors=notices,
    )


def jsonl_inputs(stream: BinaryIO, stem: str, source: str, max_bytes: int) -> Iterator[RawInput]:
    """One ``RawInput`` per non-blank line of a JSON Lines stream, each line within
    ``max_bytes``. A stream that breaks (truncated gzip) ends with one failed input saying so."""
    number = 0
    try:
        while True:
            line = stream.readline(max_bytes + 1)
            if not line:
                return
            number += 1
            where, fallback_id = f"{source}:{number}", f"{stem}-{number}"
            if len(line) > max_bytes and not line.endswith(b"\n"):
                size = len(line) + _skip_line(stream)
                yield failed(fallback_id, where, f"line {number} is {size / 1e6:.1f} MB, over the "
                             f"{max_bytes / 1e6:.1f} MB limit per document (EVENTWIRE_MAX_BYTES "
                             "raises it); the other lines are read")
                continue
            if not line.strip():
                continue
            yield _line_input(line, number, where, fallback_id)
    except (OSError, EOFError) as err:
        yield failed(f"{stem}-{number + 1}", f"{source}:{number + 1}",
                     f"the input breaks off after line {number}: {err}")


def _skip_line(stream: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(_READ_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _line_input(line: bytes, number: int, where: str, fallback_id: str) -> RawInput:
    try:
        text, notice = decode(line)
    except InputError as err:
        return failed(fallback_id, where, f"line {number}: {err.message}", stage=err.stage)
    text = text.rstrip("\n")
    try:
        record = json.loads(text)
    except ValueError as err:
        return failed(fallback_id, where, f"line {number} is not valid JSON: {err}")
    except RecursionError:  # the decoder recurses once per level of [ or {
        return failed(fallback_id, where, f"line {number} is JSON nested too deeply to read")
    notices = [("decode", f"line {number}: {notice}")] if notice else []
    # the hash of the decoded line, as when whole files were split (stores stay idempotent)
    return record_input(record, f"line {number}", where, fallback_id,
                        content_hash(text.encode("utf-8")), notices)


def failed(doc_id: str, source: str, message: str, stage: str = "read") -> RawInput:
    return RawInput(doc_id, source, "text", errors=[(stage, message)], fatal=True)


# JSON may escape halves of UTF-16 pairs alone ("\ud800"), which no UTF-8 output can hold.
_SURROGATES = re.compile("[\ud800-\udfff]")


def _str_or_none(value: object) -> str | None:
    """A metadata string as one clean line (no lone surrogate, no control character); a
    number is taken as its digits."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return " ".join(clean_controls(value).split()) or None


def _date_or_none(value: Any) -> str | None:
    """A date as given, for the model to validate: anything that is not a string or a date
    (20240101, a list) is kept as its JSON, so that dropping it is noted, not silent."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, str):
        return _str_or_none(value)
    return _str_or_none(json.dumps(value, default=str))
