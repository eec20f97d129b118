"""The cheaper HTML path (issue 13) gives what trafilatura's own path gives: the same tree from
the same page, the same metadata, the same date, the same article, whichever path computes them.

The reference is the path eventwire used before: ``trafilatura.bare_extraction`` with its
metadata, then htmldate, read the same way. Hand-written pages always run; the AEB pages of the
shared data are read at run time when present (never copied), a sample of them to stay quick.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from trafilatura.metadata import extract_metadata
from trafilatura.utils import load_html

from eventwire.ingest.decode import decode
from eventwire.ingest.html import (
    TRAFILATURA_OPTIONS,
    HtmlArticle,
    _author,
    _find_date,
    _publisher,
    _title,
    _without_headline,
    extract_html,
    flatten_deep_nesting,
    headline,
    page_metadata,
    paragraph_text,
    parse_page,
    trafilatura_date,
)

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED") or REPO.parent / "shared" / "data")
AEB_PAGES = sorted((SHARED / "scrapinghub-aeb" / "html").glob("*.html.gz"))[::6]  # 31 of 181


def reference_article(html: str, url: str | None = None) -> HtmlArticle:
    """``extract_html`` as it was: trafilatura's whole ``bare_extraction`` with its metadata."""
    html = flatten_deep_nesting(html)
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, **TRAFILATURA_OPTIONS)
    if result is None:
        return HtmlArticle("", None, None, None, _find_date(html, url), url)
    doc = result if isinstance(result, dict) else result.as_dict()
    page_url = url or doc.get("url") or None
    publisher = _publisher(doc.get("sitename"))
    raw_title = _title(doc.get("title"), html)
    title = headline(raw_title, doc.get("sitename"), doc.get("hostname"))
    return HtmlArticle(
        text=_without_headline(paragraph_text(doc.get("text") or ""), (raw_title, title)),
        title=title,
        author=_author(doc.get("author"), publisher),
        publisher=publisher,
        published=_find_date(html, page_url) or (doc.get("date") or None),
        url=page_url,
    )


STORY = """<p>The regional water board said on Tuesday that the reservoir above Kettleby had
reached its lowest level in twenty years, and asked households to take shorter showers.</p>
<p>Engineers will begin repairs to the leaking outflow pipe next month, the board's chair,
Aisha Okafor, told a meeting of the county council.</p>
<p>"We are asking for patience while the work is done," she said.</p>"""

# Pages written for these tests, each with a different way of giving its metadata.
PAGES: dict[str, tuple[str, str | None]] = {
    "meta tags": (f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Reservoir at twenty-year low | Kettleby Echo</title>
<meta property="og:site_name" content="Kettleby Echo">
<meta name="author" content="Tom Barlow">
<meta property="article:published_time" content="2024-07-02T08:00:00+01:00">
<link rel="canonical" href="https://kettlebyecho.example/news/reservoir-low">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Reservoir at twenty-year low</h1>{STORY}</article>
<form action="/subscribe"><label for="m">Email</label><input id="m" name="m">
<select name="f"><option>daily</option></select><textarea name="t"></textarea></form>
<footer>Kettleby Echo, all rights reserved</footer></body></html>""", None),
    "JSON-LD, relative canonical link, twitter site name": ("""<html><head>
<title>Reservoir at twenty-year low</title>
<meta name="twitter:site" content="@kettlebyecho">
<meta property="og:url" content="https://kettlebyecho.example/x">
<link rel="canonical" href="/news/2024/07/02/reservoir-low">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Reservoir at twenty-year low", "author": {"@type": "Person", "name": "Tom Barlow"},
"datePublished": "2024-07-02"}</script></head><body><article>""" + STORY + """</article>
</body></html>""", "https://feeds.example/item/77"),
    "no metadata, date in the text": (f"""<html><body><div class="content">
<p class="date">Published 2 July 2024</p>{STORY}<!-- a comment the parser drops -->
</div></body></html>""", None),
    "title with markup leaked into it": ("""<html><head><title>Water board warns &lt;b&gt;
households</title></head><body><main>""" + STORY + "</main></body></html>", None),
    "not HTML at all": ("Just a line of text, no markup.", None),
    "empty body": ("<html><head><title>Nothing here</title></head><body></body></html>", None),
    "XML declaration with an encoding": ("""<?xml version="1.0" encoding="utf-8"?>
<html><head><title>Reservoir low</title></head><body><article>""" + STORY + """</article>
</body></html>""", None),
}


def aeb_page(path: Path) -> str:
    return decode(gzip.decompress(path.read_bytes()), html=True)[0]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_hand_written_page_gives_what_trafilaturas_path_gives(name: str) -> None:
    html, url = PAGES[name]
    assert extract_html(html, url) == reference_article(html, url)


@pytest.mark.parametrize("path", AEB_PAGES, ids=lambda p: p.name[:12])
def test_news_page_gives_what_trafilaturas_path_gives(path: Path) -> None:
    html = aeb_page(path)
    assert extract_html(html) == reference_article(html)
    assert extract_html(html, "https://news.example/2021/03/04/story") == reference_article(
        html, "https://news.example/2021/03/04/story")


def test_hand_written_pages_have_their_article() -> None:
    """The reference is not trivially empty: the pages above give their story and metadata."""
    article = extract_html(*PAGES["meta tags"])
    assert article.title == "Reservoir at twenty-year low"
    assert article.author == "Tom Barlow" and article.publisher == "Kettleby Echo"
    assert article.published == "2024-07-02"
    assert "lowest level in twenty years" in article.text and "Email" not in article.text
    linked = extract_html(*PAGES["JSON-LD, relative canonical link, twitter site name"])
    assert linked.url == "https://feeds.example/item/77"
    assert linked.published == "2024-07-02" and linked.author == "Tom Barlow"


def _same_tree(ours: etree._Element | None, theirs: etree._Element | None) -> None:
    assert (ours is None) == (theirs is None)
    if ours is None or theirs is None:
        return
    assert etree.tostring(ours) == etree.tostring(theirs)
    # every element of the same lxml.html class (FormElement, InputElement, HtmlElement, ...)
    assert [type(e) for e in ours.iter()] == [type(e) for e in theirs.iter()]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_is_parsed_as_trafilatura_parses_it(name: str) -> None:
    html = flatten_deep_nesting(PAGES[name][0])
    _same_tree(parse_page(html), load_html(html))


def test_form_elements_keep_their_lxml_html_classes() -> None:
    tree = parse_page(PAGES["meta tags"][0])
    assert tree is not None
    classes = {e.tag: type(e).__name__ for e in tree.iter("form", "input", "label", "select",
                                                          "textarea", "p")}  # fmt: skip
    assert classes == {"form": "FormElement", "input": "InputElement", "label": "LabelElement",
                       "select": "SelectElement", "textarea": "TextareaElement",
                       "p": "HtmlElement"}  # fmt: skip


def _metadata_as_trafilatura_gives_it(html: str, url: str | None) -> None:
    tree = parse_page(flatten_deep_nesting(html))
    if tree is None:
        return
    ours, date_url = page_metadata(tree, url)
    # extensive=False: the date options bare_extraction gives extract_metadata (no fast mode)
    theirs = extract_metadata(load_html(flatten_deep_nesting(html)), url, None, False)
    for field in ("title", "author", "url", "hostname", "sitename"):
        assert getattr(ours, field) == getattr(theirs, field), field
    assert trafilatura_date(tree, date_url) == theirs.date


@pytest.mark.parametrize("name", sorted(PAGES))
def test_hand_written_page_metadata_is_trafilaturas(name: str) -> None:
    _metadata_as_trafilatura_gives_it(*PAGES[name])


@pytest.mark.parametrize("path", AEB_PAGES[:10], ids=lambda p: p.name[:12])
def test_news_page_metadata_is_trafilaturas(path: Path) -> None:
    _metadata_as_trafilatura_gives_it(aeb_page(path), None)


def test_metadata_leaves_the_tree_as_it_was() -> None:
    """trafilatura's date (asked last, only when htmldate finds none with our options) reads
    the tree extract_metadata would have read: page_metadata must not change it."""
    tree = parse_page(PAGES["meta tags"][0])
    assert tree is not None
    before = etree.tostring(tree)
    page_metadata(tree, None)
    trafilatura_date(tree, None)
    assert etree.tostring(tree) == before


def test_date_failure_loses_the_page_as_bare_extraction_did(monkeypatch) -> None:
    """trafilatura's date is asked last, outside bare_extraction: when htmldate fails on it with
    the errors bare_extraction turned into "no result", the page gives no article, as before."""
    import eventwire.ingest.html as html_module

    def failing_date(tree, date_url):
        raise ValueError("date parser failed")

    monkeypatch.setattr(html_module, "trafilatura_date", failing_date)
    html, url = PAGES["title with markup leaked into it"]  # a page with no date anywhere
    assert extract_html(html, url) == HtmlArticle("", None, None, None, None, None)
    dated, dated_url = PAGES["meta tags"]  # htmldate finds its date: trafilatura's is not asked
    assert extract_html(dated, dated_url).published == "2024-07-02"
