"""HTML pages: article text through trafilatura, metadata (title, author, site, date)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.ingest.html import extract_html, headline

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"


@pytest.fixture(scope="module")
def summit():
    return extract_html((SAMPLES / "eu-china-summit.html").read_text(encoding="utf-8"))


def test_sample_page_metadata(summit) -> None:
    assert summit.title == (
        "EU presses Li Qiang on market access as Brussels summit exposes trade rift"
    )
    assert summit.publisher == "Continental Post"
    assert summit.author == "Sofia Lindqvist"
    assert summit.published == "2025-06-10"
    assert summit.url.startswith("https://www.continentalpost.example/")


def test_sample_page_body_without_furniture(summit) -> None:
    text = summit.text
    assert text.startswith("European Union leaders demanded on Monday that China open its markets")
    assert "The next EU-China summit is due to be held in Beijing next year." in text
    assert "Lin told a regular news briefing" in text
    for furniture in ("cookies", "Accept all", "newsletter", "Manage preferences", "Home"):
        assert furniture not in text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) >= 10
    assert all(p == " ".join(p.split()) for p in paragraphs)


LOCAL_NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour ferry strike called off after pay deal | Eastbay Courier</title>
<meta property="og:site_name" content="Eastbay Courier">
<meta name="author" content="Priya Natarajan">
<meta property="article:published_time" content="2024-11-05T07:30:00+00:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<div class="promo">Subscribe for unlimited access to local journalism. Only 1 euro a week.</div>
<main><article>
<h1>Harbour ferry strike called off after pay deal</h1>
<p class="byline">By Priya Natarajan</p>
<p>A strike that would have halted the harbour ferries for three days this week was called off
on Monday evening after the operator and the crews' union agreed a new pay deal.</p>
<p>The agreement gives deckhands and engineers a 6 per cent rise this year and a further
3 per cent next year, the union said in a statement. Commuters had been warned to expect
long queues at the bridge.</p>
<figure><img src="/img/ferry.jpg" alt=""><figcaption>A ferry leaves the north pier.
Photo: Courier staff</figcaption></figure>
<p>"This is a fair outcome for people who keep the city moving," said union organiser
Declan Moore. The operator said services would run to the normal timetable from Tuesday.</p>
<p>The dispute began in September, when crews rejected an offer of 4 per cent.</p>
</article></main>
<aside class="related"><h2>Most read</h2><ul>
<li><a href="/a">Council approves new cycle lanes on the seafront</a></li>
<li><a href="/b">Storm damage closes coastal path for winter</a></li></ul></aside>
<footer><p>&copy; 2024 Eastbay Courier. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def test_own_news_page() -> None:
    article = extract_html(LOCAL_NEWS_PAGE)
    assert article.title == "Harbour ferry strike called off after pay deal"
    assert article.publisher == "Eastbay Courier"
    assert article.author == "Priya Natarajan"
    assert article.published == "2024-11-05"
    text = article.text
    assert "A strike that would have halted the harbour ferries" in text
    assert "said union organiser Declan Moore" in text
    assert "The dispute began in September, when crews rejected an offer of 4 per cent." in text
    for furniture in ("Subscribe", "cycle lanes", "All rights reserved", "Privacy policy"):
        assert furniture not in text


DATE_IN_URL_PAGE = """<html><head><title>Grain exports resume from river port</title></head>
<body><article><h1>Grain exports resume from river port</h1>
<p>Barges loaded with wheat left the river port of Izmail on Thursday for the first time in a
month, after repairs to the quay were finished ahead of schedule, the port authority said.</p>
<p>Officials said about 40 vessels were waiting downstream and that the backlog would take two
weeks to clear. Traders said prices on the local market had already begun to fall.</p>
</article></body></html>
"""


def test_date_from_url_when_page_has_none() -> None:
    article = extract_html(
        DATE_IN_URL_PAGE, url="https://news.example.org/2023/08/17/grain-exports-resume"
    )
    assert article.published == "2023-08-17"
    assert article.text.startswith("Barges loaded with wheat left the river port")
    assert article.url == "https://news.example.org/2023/08/17/grain-exports-resume"


def test_broken_page_still_gives_its_story() -> None:
    page = (SAMPLES.parent / "bad" / "broken.html").read_text(encoding="utf-8")
    article = extract_html(page)
    assert article.title == "Lithuania summons Belarusian envoy over balloons"
    assert "Lithuania summoned the Belarusian chargé d'affaires on Tuesday" in article.text
    assert "Belarus denied any involvement." in article.text


def test_page_without_text() -> None:
    article = extract_html("<html><head><script>var x = 1;</script></head><body></body></html>")
    assert article.text == ""
    assert article.title is None


HEADLINES = [
    ("Clymer manual review | MoreBikes", "MoreBikes", "morebikes.co.uk", "Clymer manual review"),
    ("Tariffs rise again - Daily Ledger", "Daily Ledger", "dailyledger.com", "Tariffs rise again"),
    ("Opinion | Slower trains", "The Times", "times.example", "Slower trains"),
    ("Reuters says markets calm", "Reuters", "reuters.com", "Reuters says markets calm"),
    ("Fact check: is the bridge closing?", None, None, "Fact check: is the bridge closing?"),
    ("Site One | Hong Kong: on the brink", "Site One", "siteone.org", "Hong Kong: on the brink"),
]


@pytest.mark.parametrize(("title", "site", "host", "expected"), HEADLINES)
def test_headline_drops_site_and_section(title, site, host, expected) -> None:
    assert headline(title, site, host) == expected
