"""The HTTP API over real HTTP: an app served by uvicorn on a free loopback port, over the
bundled samples (the Putin -> Musk demo) plus one hand-written article full of markup."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import httpx
import pytest

from eventwire.query import Corpus, EventFilter
from eventwire.query.views import CorpusViews
from tests.serve.conftest import MARKUP_TEXT, serve_app

INJECTIONS = [
    "' OR '1'='1",
    "x'; DROP TABLE events; --",
    "\" OR 1=1 --",
    "%' UNION SELECT doc_id, text FROM documents --",
    "$1",
    "%",
    "_",
    "\\",
    "1) OR (1=1",
    "<script>alert(1)</script>",
    "Robert'); DELETE FROM actors; --",
    "ʼ OR ʼ1ʼ=ʼ1",
    "\x00",
]
# Publisher and quote filters are (I)LIKE patterns and a name search ignores punctuation, so
# a lone wildcard may match many rows there: a pattern, never SQL. The test asks only that
# these answer without error and change nothing.
LIKE_WILDCARDS = {"%", "_", "\\", "\x00"}


@pytest.fixture(scope="module")
def client(live) -> httpx.Client:
    with httpx.Client(base_url=live.url, timeout=30) as opened:
        yield opened


def get(client: httpx.Client, path: str, **params) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_stats_and_pages_follow_next_links_with_stable_ids(client):
    stats = get(client, "/api/stats")
    assert stats["documents"] == 8  # seven sample articles and the markup one
    seen: list[str] = []
    url = "/api/documents?limit=3"
    while url:
        page = client.get(url).json()
        assert len(page["items"]) <= 3
        seen += [d["doc_id"] for d in page["items"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 8
    again = [d["doc_id"] for d in get(client, "/api/documents", limit=50)["items"]]
    assert again == seen  # the same order and ids, page by page or at once


def test_events_pages_cover_every_event_once(client):
    total = get(client, "/api/stats")["events"]
    first = get(client, "/api/events", limit=40)
    ids = [e["event_id"] for e in first["items"]]
    page = first
    while page["next"]:
        page = client.get(page["next"]).json()
        ids += [e["event_id"] for e in page["items"]]
    assert len(ids) == len(set(ids)) == total


def test_putin_musk_timeline_with_its_evidence(client):
    timeline = get(client, "/api/timeline", source="Putin", target="Musk")
    rows = {row["month"]: row for row in timeline["forward"]}
    assert set(rows) == {"2025-03", "2023 (year only)"}
    assert rows["2025-03"]["cooperation"] == 1 and rows["2025-03"]["conflict"] == 0
    assert timeline["backward"] == [] and timeline["source_known"] and timeline["target_known"]

    march = get(client, "/api/timeline/events", source="Putin", target="Musk", period="2025-03")
    (event,) = march["items"]
    assert event["source"] == "Vladimir Putin" and event["target"] == "Elon Musk"
    assert "Putin praised Elon Musk as a visionary" in event["sentence"]
    (earlier,) = get(client, "/api/timeline/events", source="Putin", target="Musk",
                     period="2023 (year only)")["items"]  # fmt: skip
    assert earlier["date"] == "2023" and "In 2023" in earlier["sentence"]
    assert get(client, "/api/timeline/events", source="Putin", target="Musk",
               period="undated")["items"] == []  # fmt: skip

    detail = get(client, f"/api/events/{event['event_id']}")
    assert detail["date_basis"] and detail["mentions"]
    assert all(m["sentence"] for m in detail["mentions"])
    assert {"negated", "hedged", "hypothetical", "confidence"} <= set(detail)


def test_event_filters_answer_as_the_query_api(client, sample_db):
    cases = [
        {"source": "Putin"}, {"target": "Musk"}, {"actor": "Zelensky"}, {"type": "04"},
        {"type": "CONSULT"}, {"quad_class": 4}, {"since": "2025-06"}, {"until": "2025-03"},
        {"hedged": True}, {"negated": False}, {"publisher": "Northbridge Wire"},
        {"min_confidence": 0.6}, {"place": "Ukraine"},
    ]
    with Corpus(sample_db) as corpus:
        for filters in cases:
            expected = [e["event_id"] for e in corpus.events(EventFilter(**filters), limit=500)]
            got = [e["event_id"] for e in get(client, "/api/events", limit=500, **{
                k: str(v).lower() if isinstance(v, bool) else v for k, v in filters.items()
            })["items"]]  # fmt: skip
            assert got == expected, filters
    assert get(client, "/api/events", source="Putin", limit=500)["items"]


def test_injection_strings_in_every_filter_are_only_values(client, sample_db):
    before = get(client, "/api/stats")
    text_filters = {
        "/api/events": ["source", "target", "actor", "type", "since", "until", "publisher",
                        "place"],
        "/api/quotes": ["speaker", "about", "text"],
        "/api/actors": ["q"],
        "/api/documents": ["publisher"],
        "/api/search": ["q"],
        "/api/network": ["since", "until", "type", "actor", "publisher"],
        "/api/timeline": ["source", "target"],
        "/api/timeline/events": ["source", "target", "period"],
    }  # fmt: skip
    needed = {"/api/timeline": {"source": "Putin", "target": "Musk"},
              "/api/timeline/events": {"source": "Putin", "target": "Musk", "period": "2025-03"},
              "/api/search": {"q": "Musk"}}  # fmt: skip
    for path, names in text_filters.items():
        for name in names:
            for injection in INJECTIONS:
                params = {**needed.get(path, {}), name: injection}
                response = client.get(path, params=params)
                # a value that is not a date or a period is refused, anything else is a name
                # or words that match nothing: never an error, never every row
                assert response.status_code in (200, 422), (path, name, injection, response.text)
                body = response.json()
                if response.status_code == 422:
                    assert isinstance(body["detail"], str) and "\n" not in body["detail"]
                    continue
                items = body.get("items", body.get("edges", body.get("forward")))
                if path == "/api/search":
                    # full-text search ranks articles by any of the words ("documents",
                    # "text" do occur): only the quotes must match the string as given
                    items = body["quotes"]
                if injection in LIKE_WILDCARDS:
                    continue  # a pattern character, not SQL: see LIKE_WILDCARDS
                assert items == [], (path, name, injection, items[:1])
    for quad in ("1 OR 1=1", "0", "5", "-1"):
        assert client.get("/api/events", params={"quad_class": quad}).status_code == 422
    for bound in ("2025-13", "2025-02-30", "1' OR '1"):
        response = client.get("/api/events", params={"since": bound})
        assert response.status_code == 422 and "since" in response.json()["detail"]
    assert client.get("/api/events/1%20OR%201=1").status_code == 422
    assert client.get("/api/documents/' OR '1'='1").status_code == 404
    assert client.get("/api/actors/' OR '1'='1").status_code == 404
    assert get(client, "/api/stats") == before
    with Corpus(sample_db) as corpus:  # the store itself is untouched
        assert len(corpus.events(limit=None)) == before["events"]


def test_oversized_requests_are_refused_before_any_route(client, live):
    big = b"x" * 6_000_000
    response = client.post("/api/ingest", content=big)
    assert response.status_code == 413 and "larger than" in response.json()["detail"]
    response = client.get("/api/actors", params={"q": "a" * 5000})
    assert response.status_code == 414
    assert client.get("/api/actors", params={"q": "a" * 201}).status_code == 422
    assert client.get("/api/events", params={"limit": 100_000}).status_code == 422
    assert client.get("/api/events", params={"offset": -1}).status_code == 422
    assert client.get("/api/network", params={"limit": 10**9}).status_code == 422
    assert get(client, "/api/stats")["documents"] == 8  # the server still answers


def test_read_only_server_refuses_ingest(client):
    response = client.post("/api/ingest", content=b'{"id": "a", "text": "Hello."}\n')
    assert response.status_code == 403 and "read-only" in response.json()["detail"]


def test_documents_keep_their_markup_as_text(client):
    (hit,) = [d for d in get(client, "/api/documents", limit=50)["items"]
              if d["doc"] == "markup-article"]  # fmt: skip
    document = get(client, f"/api/documents/{hit['doc_id']}")
    assert document["text"] == MARKUP_TEXT
    assert document["events"][0]["trigger"] == "accused"
    assert document["quotes"][0]["speaker"] == "Mallory Vance"
    response = client.get(f"/api/documents/{hit['doc_id']}")
    assert response.headers["content-type"] == "application/json"
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_actor_profile_search_and_network(client):
    putin = get(client, "/api/actors/Putin")
    assert putin["actor_id"] == "kb:vladimir-putin" and putin["kb"]["id"] == "kb:vladimir-putin"
    assert any(c["name"] == "Elon Musk" for c in putin["counterparts"])
    assert {"2025-03", "2023 (year only)"} <= {row["month"] for row in putin["activity"]}
    assert putin["latest_quotes"] and putin["latest_events"]
    assert client.get("/api/actors/Nobody%20Atall").status_code == 404

    found = get(client, "/api/search", q="Musk")
    assert found["documents"][0]["doc"] == "putin-musk-scraped"
    assert any(a["name"] == "Elon Musk" for a in found["actors"])

    network = get(client, "/api/network")
    names = {n["id"]: n["name"] for n in network["nodes"]}
    assert {names[e["source"]] for e in network["edges"]} <= set(names.values())
    conflict = get(client, "/api/network", quad_class=4)
    assert conflict["edges"] and all(e["quad_class"] == 4 for e in conflict["edges"])
    assert len(conflict["edges"]) < len(network["edges"])
    assert sum(e["events"] for e in get(client, "/api/network", limit=2000)["edges"]) == len(
        [e for e in get(client, "/api/events", limit=500)["items"] if e["source"] and e["target"]]
    )


def test_exports_are_downloads(client):
    response = client.get("/api/export/csv", params={"table": "events"})
    assert response.status_code == 200
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == get(client, "/api/stats")["events"]
    gdelt = client.get("/api/export/gdelt", params={"table": "events"})
    assert 'filename="events.export.CSV"' in gdelt.headers["content-disposition"]
    assert all(len(line.split("\t")) == 61 for line in gdelt.text.splitlines())
    plover = client.get("/api/export/plover")
    assert all(json.loads(line) for line in plover.text.splitlines())
    assert client.get("/api/export/gdelt", params={"table": "documents"}).status_code == 404
    assert client.get("/api/export/xml").status_code == 422


def test_openapi_docs_are_served_without_a_cdn(client):
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert client.get("/static/vendor/swagger-ui-bundle.js").status_code == 200
    spec = get(client, "/openapi.json")
    assert {"/api/events", "/api/timeline", "/api/network", "/api/search",
            "/api/export/{fmt}", "/api/ingest"} <= set(spec["paths"])  # fmt: skip
    index = client.get("/")
    assert index.status_code == 200 and "http" not in index.text.split("<body>")[0].replace(
        'http-equiv', '')


def test_bad_requests_are_one_line_errors(client):
    for path, status in [("/api/documents/doc-nothere", 404), ("/api/events/12345", 404),
                         ("/api/timeline/events?source=a&target=b&period=March", 422),
                         ("/api/timeline?source=Putin", 422), ("/api/nothing", 404)]:  # fmt: skip
        response = client.get(path)
        assert response.status_code == status, path
        detail = response.json()["detail"]
        assert isinstance(detail, str) and "\n" not in detail and "Traceback" not in detail


def test_slow_queries_are_interrupted(sample_db, monkeypatch):
    def slow_counts(self):
        return self.con.execute("SELECT count(*) FROM range(100000000000) a").fetchone()

    monkeypatch.setattr(CorpusViews, "counts", slow_counts)
    with serve_app(sample_db, request_timeout=0.5) as server, httpx.Client(
        base_url=server.url, timeout=30
    ) as slow:
        response = slow.get("/api/stats")
        assert response.status_code == 503 and "longer than 0.5 s" in response.json()["detail"]
        assert slow.get("/api/documents", params={"limit": 1}).status_code == 200


@pytest.mark.slow
def test_ingest_needs_the_flag_and_the_token(sample_db, tmp_path: Path):
    db = tmp_path / "writable.duckdb"
    shutil.copy(sample_db, db)
    line = json.dumps({"id": "api-1", "published": "2025-11-02", "title": "Talks",
                       "text": "Vladimir Putin met Kassym-Jomart Tokayev in Astana on Sunday "
                               "for talks on grain."})  # fmt: skip
    server = serve_app(db, allow_ingest=True, token="s3cret", max_request_bytes=100_000)
    with server, httpx.Client(base_url=server.url, timeout=300) as writer:
        assert writer.post("/api/ingest", content=line).status_code == 401
        wrong = writer.post("/api/ingest", content=line, headers={"authorization": "Bearer no"})
        assert wrong.status_code == 401
        ok = writer.post("/api/ingest", content=line + "\n",
                         headers={"authorization": "Bearer s3cret"})  # fmt: skip
        assert ok.status_code == 200, ok.text
        assert ok.json() == {"stored": 1, "failed": 0, "already_known": 0}
        assert writer.get("/api/stats").json()["documents"] == 9
        again = writer.post("/api/ingest", content=line, headers={"authorization": "Bearer s3cret"})
        assert again.json()["already_known"] == 1

        def chunks():
            for _ in range(3):
                yield b"y" * 60_000

        chunked = writer.post("/api/ingest", content=chunks(),  # no length: counted as read
                              headers={"authorization": "Bearer s3cret"})  # fmt: skip
        assert chunked.status_code == 413


def test_repeated_reads_come_from_the_cache_with_the_same_headers(client):
    first = client.get("/api/actors", params={"q": "musk", "limit": 3})
    second = client.get("/api/actors", params={"q": "musk", "limit": 3})
    assert first.headers["x-cache"] == "miss" and second.headers["x-cache"] == "hit"
    assert first.json() == second.json()
    for name in ("content-type", "content-security-policy", "x-content-type-options"):
        assert first.headers[name] == second.headers[name]
    assert client.get("/api/export/csv").headers.get("x-cache") is None  # downloads: never
