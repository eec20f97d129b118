"""RSS and Atom feeds (feedparser): one document per item.

Each item gives its link (``url``), title, publication date (``published``, else ``updated``) and
author; the feed's title is the publisher. The text is the item's full content when it has one
(``content:encoded``, Atom ``content``: the longest), else its summary; HTML goes through the
page extractor like any page. An item without any text fails alone ("no text in the item").
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser

from eventwire.ingest.decode import clean_controls
from eventwire.ingest.records import failed
from eventwire.ingest.sources import RawInput, content_hash

__all__ = ["feed_inputs"]

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_TAG = re.compile(r"<[A-Za-z!/]")


def feed_inputs(data: bytes, stem: str, source: str, max_bytes: int) -> Iterator[RawInput]:
    """The items of the RSS/Atom feed ``data`` as inputs, each within ``max_bytes``."""
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    except Exception as err:  # noqa: BLE001 - feedparser on a broken file must not stop a batch
        yield failed(stem, source, f"not a readable feed: {err}")
        return
    if not parsed.entries:
        reason = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        yield failed(stem, source, f"a feed with no items{reason}")
        return
    publisher = _text(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        where, doc_id = f"{source}#{number}", f"{stem}-{number}"
        body, is_html = _body(entry)
        url, title = _text(entry.get("link")), _text(entry.get("title"))
        encoded = body.encode("utf-8")
        if not body or len(encoded) > max_bytes:
            reason = (f"item {number} is {len(encoded) / 1e6:.1f} MB, over the "
                      f"{max_bytes / 1e6:.1f} MB limit per document (EVENTWIRE_MAX_BYTES "
                      "raises it)") if body else "no text in the item"
            item = failed(doc_id, where, reason)
            item.url, item.title = url, title
            yield item
            continue
        yield RawInput(
            id=doc_id,
            source=where,
            kind="html" if is_html else "text",
            html=_page(body, title) if is_html else None,
            text=None if is_html else body,
            url=url,
            title=title,
            published=_day(entry.get("published_parsed") or entry.get("updated_parsed")),
            publisher=publisher,
            author=_text(entry.get("author")),
            content_hash=content_hash(encoded),
        )


def _body(entry: Any) -> tuple[str, bool]:
    """The item's fullest text and whether it is HTML."""
    candidates = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    summary = entry.get("summary_detail") or {}
    if not candidates and entry.get("summary"):
        candidates.append((entry.get("summary"), summary.get("type") or "text/html"))
    if not candidates:
        return "", False
    value, kind = max(candidates, key=lambda c: len(c[0]))
    # feedparser resolves character references such as &#0; and &#xD800; as they are: the same
    # cleaning as decoded text, so no control character or lone surrogate reaches the output
    value = clean_controls(value)
    # feeds call plain sentences HTML too: only markup needs the page extractor
    return value.strip(), kind.lower() in _HTML_TYPES and bool(_TAG.search(value))


def _page(fragment: str, title: str | None) -> str:
    """An item's HTML as a page: the page extractor drops a lone fragment's paragraph."""
    head = f"<title>{html.escape(title)}</title>" if title else ""
    return f"<html><head>{head}</head><body><article>{fragment}</article></body></html>"


def _text(value: object) -> str | None:
    return " ".join(clean_controls(value).split()) or None if isinstance(value, str) else None


def _day(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return time.strftime("%Y-%m-%d", parsed)
