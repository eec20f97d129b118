"""HTML pages to article text and metadata, with trafilatura and htmldate."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import trafilatura
from htmldate import find_date

# trafilatura and htmldate log every odd page at WARNING; the caller reports what matters.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


@dataclass
class HtmlArticle:
    text: str
    title: str | None
    author: str | None
    publisher: str | None
    published: str | None
    url: str | None


def extract_html(html: str, url: str | None = None) -> HtmlArticle:
    """Main text (paragraphs separated by blank lines) and metadata of a news page."""
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    if result is None:
        return HtmlArticle("", None, None, None, _find_date(html, url), url)
    doc = result if isinstance(result, dict) else result.as_dict()
    text = doc.get("text") or ""
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    published = _find_date(html, url) or (doc.get("date") or None)
    return HtmlArticle(
        text="\n\n".join(paragraphs),
        title=(doc.get("title") or None),
        author=(doc.get("author") or None),
        publisher=(doc.get("sitename") or None),
        published=published,
        url=url or doc.get("url") or None,
    )


def _find_date(html: str, url: str | None) -> str | None:
    try:
        return find_date(html, url=url, original_date=True, extensive_search=True)
    except (ValueError, TypeError, AttributeError):
        return None
