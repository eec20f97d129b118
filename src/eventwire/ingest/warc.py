"""WARC, ARC and WET files (warcio): one document per page record, streamed.

A ``response`` or ``resource`` record holding an HTML page goes through the page extractor; one
holding plain text, and a WET ``conversion`` record (the page text Common Crawl extracted), is
cleaned like a text dump. Each document carries the record's URL (``WARC-Target-URI``) and, as
the publication date when the page gives none, the day it was captured (``WARC-Date``).
Requests, metadata, revisits and ``warcinfo`` are not documents; nor are responses that are
not pages (images, scripts, JSON): those are counted in one notice per file. A page that is not
a 2xx response, or is over the size limit, fails alone; a file that breaks off ends with one
failed document saying where.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from eventwire.ingest.decode import decode
from eventwire.ingest.records import failed
from eventwire.ingest.sources import InputError, Kind, RawInput, SkippedFile, content_hash

__all__ = ["warc_inputs"]

# warcio logs every URI it repairs ("Replacing spaces in invalid WARC-Target-URI")
logging.getLogger("warcio").setLevel(logging.ERROR)

_PAGE_TYPES: dict[str, Kind] = {
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
}  # fmt: skip
_PAGE_RECORDS = ("response", "resource", "conversion")


def warc_inputs(
    stream: BinaryIO, stem: str, source: str, max_bytes: int
) -> Iterator[RawInput | SkippedFile]:
    """The page records of a (decompressed) WARC/ARC/WET stream, each within ``max_bytes``."""
    records = ArchiveIterator(stream, arc2warc=True)
    number = 0  # documents made so far
    position = 0  # records read so far
    not_pages: Counter[str] = Counter()
    while True:
        try:
            with contextlib.redirect_stderr(io.StringIO()):  # warcio prints damage warnings
                record = next(records, None)
            if record is None:
                break
            position += 1
            kind, reason = _page_kind(record)
            if kind is None:
                if reason:
                    not_pages[reason] += 1
                continue
            number += 1
            yield _record_input(record, kind, f"{stem}-{number}",
                                f"{source}#{position}", max_bytes)
        except Exception as err:  # noqa: BLE001 - warcio fails in many ways on a damaged file
            yield failed(f"{stem}-{number + 1}", f"{source}#{position + 1}",
                         f"the WARC file breaks off after record {position}: "
                         f"{_one_line(str(err))}")
            return
    if records.err_count:
        not_pages["records with a wrong length (warcio repaired them)"] += records.err_count
    what = "; ".join(f"{count} {reason}" for reason, count in not_pages.items())
    if number == 0:
        yield failed(stem, source, "no HTML or text page in the WARC file"
                     + (f" ({what})" if what else ""))
    elif what:
        # reported like a file of a directory that is not an article format
        yield SkippedFile(Path(source), f"records that are not pages: {what}")


def _page_kind(record) -> tuple[Kind | None, str | None]:  # type: ignore[no-untyped-def]
    """The kind of page a record holds, or None with why it is no document (None: a record
    that never is one, such as a request)."""
    if record.rec_type not in _PAGE_RECORDS:
        return None, None
    if record.rec_type == "response" and record.http_headers is not None:
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    media = content_type.split(";", 1)[0].strip().lower()
    if record.rec_type == "conversion" and not media:
        media = "text/plain"
    kind = _PAGE_TYPES.get(media)
    if kind is None:
        return None, f"{record.rec_type} records of type {media or 'unknown'}"
    return kind, None


def _record_input(record, kind: Kind, doc_id: str, where: str,  # type: ignore[no-untyped-def]
                  max_bytes: int) -> RawInput:
    url = record.rec_headers.get_header("WARC-Target-URI")
    status = record.http_headers.get_statuscode() if record.http_headers is not None else None
    if record.rec_type == "response" and status and not status.startswith("2"):
        return _with_url(failed(doc_id, where, f"HTTP {status} response, not a page"), url)
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return _with_url(failed(doc_id, where, f"record is over the {max_bytes / 1e6:.1f} MB "
                                "limit per document (EVENTWIRE_MAX_BYTES raises it)"), url)
    try:
        text, notice = decode(data, html=kind == "html")
    except InputError as err:
        return _with_url(failed(doc_id, where, err.message, stage=err.stage), url)
    date = record.rec_headers.get_header("WARC-Date") or ""
    raw = RawInput(
        id=doc_id, source=where, kind=kind, url=url, content_hash=content_hash(data),
        captured=date[:10] if len(date) >= 10 else None,
        errors=[("decode", notice)] if notice else [],
    )
    if kind == "html":
        raw.html = text
    else:
        raw.text = text
    return raw


def _with_url(raw: RawInput, url: str | None) -> RawInput:
    raw.url = url
    return raw


def _one_line(message: str) -> str:
    return " ".join(message.split())[:300]
