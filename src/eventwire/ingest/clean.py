"""Cleaning of scraped plain text: cut page furniture, keep every sentence of the story.

Everything cut is reported as ``Removed(text, reason)``; nothing is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventwire.model import Removed

_DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s*(?:\n|\Z)", re.I)


@dataclass
class CleanText:
    text: str
    removed: list[Removed] = field(default_factory=list)
    published: str | None = None
    title: str | None = None


def clean_text(text: str) -> CleanText:
    """Split a page dump into paragraphs, keep the story, report the rest."""
    published = None
    match = _DATE_LINE.match(text)
    if match:
        published = match.group(1)
        text = text[match.end() :]
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text)]
    return CleanText("\n\n".join(p for p in paragraphs if p), [], published, None)
