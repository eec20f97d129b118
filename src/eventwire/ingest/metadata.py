"""Metadata fields at the start of a plain-text dump, read into the document and cut from the body.

Scrapers write fields such as ``date 2025-04-17``, ``title: ...``, ``url https://...`` and
``author: ...`` before the text, one per line or run together with what follows
(`` date 2025-04-17 Your support helps ...``). A field is read only at the very start, one after
the other; a date or URL value ends where its shape ends, so it may be glued to the next text,
while a title or author runs to the end of its line and needs a colon, or a date or URL field
before it (a story may open with "Title IX ..."). The field names are data
(``data/metadata_fields.yaml``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from eventwire.data import load_yaml

__all__ = ["Header", "read_header"]

_VALUE = {
    # an ISO date, optionally with a time, glued or not to what follows
    "date": r"(?P<value>\d{4}-\d{2}-\d{2})"
            r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    "url": r"(?P<value>https?://[^\s<>\"]+)",
    # to the end of the line; the field name needs its colon or a line of its own
    "title": r"(?P<value>[^\n]{1,300}?)[ \t]*(?:\n|\Z)",
    "author": r"(?P<value>[^\n]{1,150}?)[ \t]*(?:\n|\Z)",
}


@dataclass
class Header:
    """What the fields at the start of a text said, the text after them, and what was cut."""

    body: str
    fields: dict[str, str] = field(default_factory=dict)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (text, reason)


_NEEDS_COLON = ("title", "author")


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, bool, re.Pattern[str]]]:
    """(field, whether it needs a colon, pattern) for every field name."""
    names: dict[str, list[str]] = load_yaml("metadata_fields.yaml")
    patterns = []
    for kind, words in names.items():
        alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
        for colon in (True, False):
            separator = r"[ \t]*[:=][ \t]*" if colon else r"[ \t]+"
            patterns.append((kind, colon, re.compile(
                rf"[ \t]*(?:{alternatives}){separator}{_VALUE[kind]}[ \t]*\n?", re.I)))
    return patterns


def read_header(text: str) -> Header:
    """The metadata fields at the start of ``text`` (``date``, ``url``, ``title``, ``author``)."""
    header = Header(body=text)
    position = len(text) - len(text.lstrip())
    while True:
        for kind, colon, pattern in _patterns():
            if not colon and kind in _NEEDS_COLON and not header.fields:
                continue
            match = pattern.match(text, position)
            if match and kind not in header.fields and match.group("value").strip():
                header.fields[kind] = match.group("value").strip()
                header.removed.append((match.group(0).strip(), f"metadata: {kind}"))
                position = match.end()
                position += len(text[position:]) - len(text[position:].lstrip())
                break
        else:
            break
    if header.fields:
        header.body = text[position:]
    return header
