"""The dashboard in headless Chromium (Debian's ``chromium``, driven by Playwright for Python
through ``executable_path``; ``playwright install`` is never used). Skipped, with the reason,
where /usr/bin/chromium is missing; CI (.ci/run) installs it.

Screenshots of every page go to a temporary folder (or ``$EVENTWIRE_TEST_ARTEFACTS``), and to
``docs/dashboard/`` with ``EVENTWIRE_SCREENSHOTS_TO_DOCS=1``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO
from tests.serve.conftest import MARKUP_TEXT, MARKUP_TITLE

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium waits on the closed network here.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="browser tests need Debian's chromium at /usr/bin/chromium "
                       "(apt-get install chromium; .ci/run installs it)"),  # fmt: skip
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright, tempfile.TemporaryDirectory(
        prefix="eventwire-chromium-", ignore_cleanup_errors=True
    ) as profile:
        # A fresh profile each run; CSP bypassed so that what keeps article markup inert is
        # the page's escaping alone (the server's policy is checked in test_api.py).
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1100, "height": 760}, bypass_csp=True,
        )  # fmt: skip
        yield context
        context.close()


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory) -> list[Path]:
    folders = [Path(os.environ.get("EVENTWIRE_TEST_ARTEFACTS") or
                    tmp_path_factory.mktemp("screenshots"))]  # fmt: skip
    if os.environ.get("EVENTWIRE_SCREENSHOTS_TO_DOCS") == "1":
        folders.append(REPO / "docs" / "dashboard")
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    return folders


@pytest.fixture
def page(browser, live):
    opened = browser.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda err: errors.append(str(err)))
    opened.base = live.url
    yield opened
    opened.close()
    assert errors == []  # no page raised a JavaScript error


def show(page, fragment: str) -> None:
    page.goto(f"{page.base}/{fragment}")
    page.wait_for_selector("body[data-ready]", timeout=20_000)


def shoot(page, artefacts: list[Path], name: str) -> None:
    for folder in artefacts:
        page.screenshot(path=str(folder / f"{name}.png"))


def putin_musk_march_event(live) -> int:
    rows = httpx.get(f"{live.url}/api/timeline/events",
                     params={"source": "Putin", "target": "Musk", "period": "2025-03"}).json()
    return rows["items"][0]["event_id"]


def test_each_page_renders_with_the_sample_store(page, live, artefacts):
    show(page, "#/")
    assert "8 articles" in page.inner_text("#page")
    shoot(page, artefacts, "home")

    show(page, "#/timeline?source=Putin&target=Musk")
    assert page.evaluate("() => window.eventwire.charts.timeline.data.labels") == ["2025-03"]
    periods = page.inner_text("table")
    assert "2025-03" in periods and "2023 (year only)" in periods
    shoot(page, artefacts, "timeline")

    show(page, "#/actor/Putin")
    assert "kb:vladimir-putin" in page.inner_text("#kb-entry")
    assert "Elon Musk" in page.inner_text("#page")
    assert page.evaluate("() => window.eventwire.charts.activity.data.labels.length") >= 2
    shoot(page, artefacts, "actor")

    show(page, "#/network")
    assert page.evaluate("() => window.eventwire.charts.network.nodes().length") > 10
    shoot(page, artefacts, "network")

    show(page, f"#/event/{putin_musk_march_event(live)}")
    highlighted = page.evaluate(
        "() => [...document.querySelectorAll('.ann-sentence')].map(e => e.textContent).join('')"
    )
    assert highlighted.startswith("Russian President Vladimir Putin praised Elon Musk as a")
    assert highlighted.endswith("TASS reported on Thursday.")
    assert page.inner_text(".ann-sentence.ann-trigger") == "praised"
    assert "not negated" in page.inner_text("#event-flags")
    shoot(page, artefacts, "event")

    show(page, "#/search?q=Musk")
    assert "Putin praises Elon Musk" in page.inner_text("#page")
    page.click("text=Putin praises Elon Musk")
    page.wait_for_selector("#article-text")
    page.wait_for_selector("body[data-ready]")
    assert page.locator("#article-text .ann-trigger").count() > 3
    assert page.locator("#article-text .ann-quote").count() > 3
    assert page.locator("#article-text .ann-actor").count() > 10
    shoot(page, artefacts, "article")


def test_a_filter_changes_the_network(page):
    show(page, "#/network")
    every = page.evaluate("() => window.eventwire.charts.network.edges().length")
    page.select_option("#network-filters select[name=quad_class]", "4")
    page.click("#network-filters button")
    page.wait_for_function("() => location.hash.includes('quad_class=4')")
    page.wait_for_selector("body[data-ready]")
    colours = page.evaluate(
        "() => window.eventwire.charts.network.edges().map(e => e.data('color'))"
    )
    assert 0 < len(colours) < every
    assert set(colours) == {"#c53030"}  # material conflict only
    page.fill("#network-filters input[name=since]", "2099")
    page.click("#network-filters button")
    page.wait_for_function("() => location.hash.includes('since=2099')")
    page.wait_for_selector("body[data-ready]")
    assert page.evaluate("() => window.eventwire.charts.network.edges().length") == 0


def test_clicking_a_timeline_month_lists_its_events(page, artefacts):
    show(page, "#/timeline?source=Putin&target=Musk")
    x, y = page.evaluate(
        """() => {
            const chart = window.eventwire.charts.timeline;
            const bar = chart.getDatasetMeta(0).data[0];
            const box = chart.canvas.getBoundingClientRect();
            return [box.left + bar.x, box.top + (bar.y + bar.base) / 2];
        }"""
    )
    page.mouse.click(x, y)
    page.wait_for_selector("#period-title")
    assert page.inner_text("#period-title") == "Events of 2025-03 (1)"
    assert "Putin praised Elon Musk as a visionary" in page.inner_text("#period-events")
    shoot(page, artefacts, "timeline-month")
    page.click("tr:has-text('2023 (year only)')")
    page.wait_for_selector("#period-title:has-text('2023 (year only)')")
    assert "In 2023" in page.inner_text("#period-events")


def test_article_markup_stays_inert(page, live, artefacts):
    docs = httpx.get(f"{live.url}/api/documents", params={"limit": 50}).json()["items"]
    (doc_id,) = [d["doc_id"] for d in docs if d["doc"] == "markup-article"]
    show(page, f"#/article/{doc_id}")
    assert page.text_content("#article-text") == MARKUP_TEXT
    assert page.inner_text("#article-title") == MARKUP_TITLE
    assert "<img src=x" in page.inner_text("#page .grid")  # the quote, as text
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#page script, #page img, #page b, #page i").count() == 0
    shoot(page, artefacts, "markup-inert")
    show(page, "#/")  # the title in the list of articles too
    assert MARKUP_TITLE in page.inner_text("#page")
    assert page.evaluate("() => window.__pwned") is None
