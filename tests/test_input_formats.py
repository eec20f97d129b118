"""Input formats and limits (issue #11 item 4): streamed JSON Lines with a per-document limit,
RSS/Atom feeds, WARC/ARC/WET archives, metadata lines of text dumps, language identification
of short texts, and formats that are refused with one clear line.

The fixtures written here are this project's own; the shared format fixtures (warcio's and
feedparser's test files) are read at run time when present."""

from __future__ import annotations

import gzip
import io
import json
import random
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.ingest import SkippedFile, read_documents
from eventwire.ingest.clean import clean_text
from eventwire.ingest.formats import open_stream, sniff_bytes
from eventwire.ingest.language import detect_language
from eventwire.ingest.metadata import read_header
from eventwire.ingest.records import jsonl_inputs
from eventwire.ingest.sources import InputError
from eventwire.model import Result
from eventwire.settings import Settings

REPO = Path(__file__).resolve().parents[1]
FORMAT_FIXTURES = REPO.parent / "shared" / "data" / "format-fixtures"

STORY = ("The port authority in Rotterdam said on Friday that container traffic fell by 4 per "
         "cent in the first half of the year, as shipping lines rerouted vessels.")
PAGE = ("<html><head><title>Rotterdam traffic falls</title></head><body><article>"
        "<h1>Rotterdam traffic falls</h1><p>{}</p><p>The authority expects a recovery in the "
        "autumn, its chief executive told reporters in the city.</p></article></body></html>")


def read_all(paths, **settings) -> list[Result | SkippedFile]:
    return list(read_documents(paths, Settings(**settings)))


def results(paths, **settings) -> list[Result]:
    return [r for r in read_all(paths, **settings) if isinstance(r, Result)]


def errors(result: Result) -> list[str]:
    return [f"{e.stage}: {e.message}" for e in result.errors]


# --- JSON Lines: streamed, each document within the limit ------------------------------------


def _jsonl(path: Path, records: list[dict], opener=open) -> Path:
    with opener(path, "wt", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record) + "\n")
    return path


def test_jsonl_larger_than_the_limit_is_read_line_by_line(tmp_path):
    records = [{"id": f"a{i}", "text": f"{STORY} Item {i}.", "published": "2025-01-02"}
               for i in range(400)]
    path = _jsonl(tmp_path / "corpus.jsonl", records)
    limit = 5_000
    assert path.stat().st_size > 10 * limit
    read = results([path], max_bytes=limit)
    assert [r.document.id for r in read] == [r["id"] for r in records]
    assert all(r.errors == [] for r in read)


def test_an_oversize_line_fails_alone(tmp_path):
    records = [{"id": "before", "text": STORY}, {"id": "huge", "text": "word " * 5000},
               {"id": "after", "text": STORY}]
    read = results([_jsonl(tmp_path / "three.jsonl", records)], max_bytes=5_000)
    assert [r.document.id for r in read] == ["before", "three-2", "after"]
    assert read[0].errors == [] and read[2].errors == []
    (message,) = errors(read[1])
    assert message.startswith("read: line 2 is 0.0 MB, over the 0.0 MB limit per document")


def test_gzipped_jsonl_is_streamed_and_a_truncated_one_ends_with_an_error(tmp_path):
    records = [{"id": f"g{i}", "text": STORY} for i in range(300)]
    path = _jsonl(tmp_path / "corpus.jsonl.gz", records, opener=gzip.open)
    assert [r.document.id for r in results([path], max_bytes=2_000)] == [
        r["id"] for r in records]
    varied = [{"id": f"v{i}", "text": f"{STORY} Ref {random.Random(i).getrandbits(256):x}."}
              for i in range(2_000)]  # varied, so that half the gzip data holds many lines
    data = _jsonl(tmp_path / "varied.jsonl.gz", varied, opener=gzip.open).read_bytes()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    read = results([cut])
    assert read[0].document.id == "v0" and len(read) > 100
    assert "breaks off" in errors(read[-1])[0]
    assert all(r.errors == [] for r in read[:-1])


def test_streaming_holds_one_document_at_a_time(tmp_path):
    path = _jsonl(tmp_path / "big.jsonl", [{"id": f"m{i}", "text": STORY * 20}
                                           for i in range(2_000)])  # about 7 MB
    tracemalloc.start()
    with open_stream(path) as (_, stream):  # the reader under read_documents
        count = sum(1 for _ in jsonl_inputs(stream, "big", str(path), max_bytes=100_000))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 2_000
    assert peak < path.stat().st_size / 4


def test_jsonl_from_stdin_is_streamed_too():
    lines = "".join(json.dumps({"id": f"s{i}", "text": STORY}) + "\n" for i in range(50))
    code = ("import sys\nfrom pathlib import Path\nfrom eventwire.ingest import read_documents\n"
            "from eventwire.settings import Settings\n"
            "items = list(read_documents([Path('-')], Settings(max_bytes=1000)))\n"
            "print(len(items), sum(bool(i.errors) for i in items))")
    done = subprocess.run([sys.executable, "-c", code], input=lines, capture_output=True,
                          text=True, check=True, cwd=REPO)
    assert done.stdout.split() == ["50", "0"]



@pytest.mark.parametrize("deep", [b"[" * 100_000 + b"]" * 100_000,
                                  b'{"a":' * 100_000 + b"1" + b"}" * 100_000])
def test_json_nested_too_deeply_fails_alone(tmp_path, deep):
    # json.loads raises RecursionError, not ValueError, past the interpreter's recursion limit
    path = tmp_path / "deep.jsonl"
    path.write_bytes(deep + b"\n" + json.dumps({"id": "after", "text": STORY}).encode() + b"\n")
    first, after = results([path])
    assert errors(first) == ["read: line 1 is JSON nested too deeply to read"]
    assert after.document.id == "after" and not after.errors
    if deep.startswith(b"{"):  # unnamed, an object line is sniffed as JSON Lines all the same
        unnamed = tmp_path / "deep"
        unnamed.write_bytes(path.read_bytes())
        assert [r.failed for r in results([unnamed])] == [True, False]


def test_a_record_nested_too_deeply_fails_alone():
    record: dict = {"text": STORY}
    for _ in range(100_000):
        record = {"text": STORY, "extra": record}
    first, after = results([record, {"id": "after", "text": STORY}])
    assert first.failed and "record 1 cannot be read" in errors(first)[0]
    assert after.document.id == "after" and not after.failed

# --- feeds -----------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <item>
    <title>Port workers end strike after pay deal</title>
    <link>https://gazette.example/2025/03/port-strike</link>
    <pubDate>Tue, 11 Mar 2025 09:30:00 GMT</pubDate>
    <dc:creator>Mara Lindqvist</dc:creator>
    <description>Dock workers in Gdansk ended a week-long strike.</description>
    <content:encoded><![CDATA[<p>Dock workers in Gdansk ended a week-long strike on Monday
    after the port authority agreed to raise wages by eight per cent, the union said.</p>
    <p>The port's director promised new talks on shift patterns in April.</p>]]></content:encoded>
  </item>
  <item>
    <title>Ferry service resumes</title>
    <link>https://gazette.example/2025/03/ferry</link>
    <pubDate>Wed, 12 Mar 2025 07:00:00 GMT</pubDate>
    <description>The ferry operator said on Wednesday that crossings to Ystad would resume
    after repairs to the harbour wall.</description>
  </item>
  <item>
    <title>Photo gallery</title>
    <link>https://gazette.example/2025/03/gallery</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Courier</title>
  <id>urn:example:valley</id>
  <updated>2025-06-02T10:00:00Z</updated>
  <entry>
    <title>Council approves new bridge</title>
    <link href="https://courier.example/bridge"/>
    <id>urn:example:bridge</id>
    <updated>2025-06-02T09:00:00Z</updated>
    <author><name>Tomas Reyes</name></author>
    <content type="html">&lt;p&gt;The town council approved a new bridge over the river on
    Sunday, the mayor said, after two years of debate.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def test_rss_items_are_documents_with_link_date_title_and_full_text(tmp_path):
    path = tmp_path / "gazette.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second, empty = results([path])
    assert first.document.url == "https://gazette.example/2025/03/port-strike"
    assert (first.document.title, first.document.published) == (
        "Port workers end strike after pay deal", "2025-03-11")
    assert (first.document.publisher, first.document.author) == ("Harbour Gazette",
                                                                 "Mara Lindqvist")
    # the full text (content:encoded), not the one-line description
    assert "raise wages by eight per cent" in first.document.text
    assert "shift patterns in April" in first.document.text
    assert first.errors == []
    assert second.document.text.startswith("The ferry operator said on Wednesday")
    assert errors(empty) == ["read: no text in the item"]
    assert empty.document.title == "Photo gallery"


def test_atom_entry_and_a_feed_named_xml(tmp_path):
    path = tmp_path / "courier.xml"
    path.write_text(ATOM, encoding="utf-8")
    (entry,) = results([tmp_path])  # .xml in a directory is read by its content
    assert (entry.document.url, entry.document.published, entry.document.author) == (
        "https://courier.example/bridge", "2025-06-02", "Tomas Reyes")
    assert entry.document.text.startswith("The town council approved a new bridge")


def test_feed_items_over_the_limit_fail_alone(tmp_path):
    big = RSS.replace("Dock workers in Gdansk ended", "Dock workers " * 2_000 + "ended")
    path = tmp_path / "big.rss"
    path.write_text(big, encoding="utf-8")
    first, second, _ = results([path], max_bytes=20_000)
    assert "over the 0.0 MB limit per document" in errors(first)[0]
    assert second.errors == []


@pytest.mark.skipif(not FORMAT_FIXTURES.exists(), reason="shared format fixtures absent")
def test_shared_feed_fixtures_are_read_item_by_item():
    tests = FORMAT_FIXTURES / "feedparser-tests" / "tests" / "wellformed"
    picked = sorted((tests / "rss").glob("item_content_encoded*.xml"))[:3] + sorted(
        (tests / "atom10").glob("entry_content_value*.xml"))[:3]
    assert picked
    for path in picked:
        items = read_all([path])
        assert items and all(isinstance(i, Result) for i in items), path
        # one document per item; none reads the XML itself as article text
        assert all("<rss" not in i.document.text and "<feed" not in i.document.text
                   for i in items), path


# --- WARC / ARC / WET ------------------------------------------------------------------------


def _warc(path: Path, records: list[tuple[str, str, str, bytes, str | None]]) -> Path:
    """records: (type, url, content type, payload, HTTP status or None)."""
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        for rec_type, url, content_type, payload, status in records:
            http = (StatusAndHeaders(status, [("Content-Type", content_type)],
                                     protocol="HTTP/1.1") if status else None)
            record = writer.create_warc_record(
                url, rec_type, payload=io.BytesIO(payload), http_headers=http,
                warc_content_type=None if status else content_type,
                warc_headers_dict={"WARC-Date": "2025-05-06T08:00:00Z"})
            writer.write_record(record)
    return path


def test_warc_gives_one_document_per_page_record(tmp_path):
    page = PAGE.format(STORY).encode()
    path = _warc(tmp_path / "crawl.warc.gz", [
        ("response", "https://port.example/traffic", "text/html; charset=utf-8", page,
         "200 OK"),
        ("response", "https://port.example/logo.png", "image/png", b"\x89PNG...", "200 OK"),
        ("response", "https://port.example/gone", "text/html", b"<html>gone</html>",
         "404 Not Found"),
        ("resource", "https://port.example/notes.txt", "text/plain", STORY.encode(), None),
    ])
    items = read_all([path])
    pages = [i for i in items if isinstance(i, Result)]
    assert [p.document.id for p in pages] == ["crawl-1", "crawl-2", "crawl-3"]
    html, gone, text = pages
    assert html.document.url == "https://port.example/traffic"
    assert html.document.published == "2025-05-06"  # the capture day: the page gives none
    assert html.document.title == "Rotterdam traffic falls"
    assert STORY in html.document.text and "WARC" not in html.document.text
    assert html.errors == []
    assert errors(gone) == ["read: HTTP 404 Not Found response, not a page"] or errors(
        gone) == ["read: HTTP 404 response, not a page"]
    assert gone.document.url == "https://port.example/gone"
    assert text.document.text == STORY
    (skipped,) = [i for i in items if isinstance(i, SkippedFile)]
    assert "1 response records of type image/png" in skipped.reason


def test_wet_conversion_records_are_text(tmp_path):
    path = _warc(tmp_path / "crawl.warc.wet", [
        ("conversion", "https://port.example/traffic", "text/plain",
         f"Menu Home News\n\n{STORY}\n\nShare this article".encode(), None),
    ])
    (doc,) = results([path])
    assert doc.document.url == "https://port.example/traffic"
    assert STORY in doc.document.text


def test_a_warc_without_pages_and_a_broken_warc_are_reported(tmp_path):
    only_images = _warc(tmp_path / "images.warc", [
        ("response", "https://port.example/a.png", "image/png", b"\x89PNG", "200 OK")])
    (result,) = results([only_images])
    assert errors(result) == [
        "read: no HTML or text page in the WARC file (1 response records of type image/png)"]
    broken = tmp_path / "broken.warc"
    good = _warc(tmp_path / "good.warc", [
        ("response", "https://port.example/a", "text/html", PAGE.format(STORY).encode(),
         "200 OK")]).read_bytes()
    broken.write_bytes(good + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n")
    read = results([broken])
    assert read[0].errors == [] and STORY in read[0].document.text
    assert len(read) == 2 and "breaks off" in errors(read[1])[0]


@pytest.mark.skipif(not FORMAT_FIXTURES.exists(), reason="shared format fixtures absent")
@pytest.mark.parametrize("name", ["example.warc.gz", "example.warc", "example.arc.gz",
                                  "example-iana.org-chunked.warc", "example-resource.warc.gz"])
def test_shared_warc_fixtures(name):
    path = FORMAT_FIXTURES / "warcio-test-data" / name
    pages = results([path])
    assert pages
    for page in pages:
        assert page.document.url and page.document.url.startswith("http")
        assert page.document.published and page.document.published[:2] == "20"
        assert "WARC/1" not in page.document.text and "HTTP/1" not in page.document.text


@pytest.mark.skipif(not FORMAT_FIXTURES.exists(), reason="shared format fixtures absent")
@pytest.mark.parametrize("name", ["example-bad-non-chunked.warc.gz", "example-digest.warc",
                                  "post-test.warc.gz", "example-trunc.warc", "bad.arc"])
def test_shared_odd_warc_fixtures_never_raise(name):
    items = read_all([FORMAT_FIXTURES / "warcio-test-data" / name])
    assert items  # each record a document, a failure or a notice: never an exception


# --- metadata lines of text dumps ------------------------------------------------------------


def test_metadata_glued_to_the_text_is_read_and_cut():
    header = read_header(" date 2025-04-17 Your support helps us keep reporting. Donate today."
                         "\n\nThe mayor opened the bridge on Thursday.")
    assert header.fields == {"date": "2025-04-17"}
    assert header.body.startswith("Your support helps")
    assert header.removed == [("date 2025-04-17", "metadata: date")]


def test_metadata_block_with_line_breaks():
    header = read_header("Title: Bridge opens\nURL: https://news.example/bridge\n"
                         "Date: 2025-04-17T08:15:00Z\nAuthor: Jane Roe\n\nThe mayor spoke.")
    assert header.fields == {"title": "Bridge opens", "url": "https://news.example/bridge",
                             "date": "2025-04-17", "author": "Jane Roe"}
    assert header.body == "The mayor spoke."
    no_colon = read_header("date 2025-04-17\ntitle Bridge opens\nThe mayor spoke.")
    assert no_colon.fields == {"date": "2025-04-17", "title": "Bridge opens"}


def test_story_openings_are_not_metadata():
    for text in ("Title IX rules were changed on Monday.", "By the river, the mayor spoke.",
                 "The mayor said on date 2025-04-17 that ...", "Dated 2025 rules apply."):
        assert read_header(text).fields == {}
        assert read_header(text).body == text


def test_text_dump_metadata_reaches_the_document(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_text(" date 2025-04-17 url https://news.example/bridge " + STORY + "\n\n"
                    + STORY.replace("Friday", "Monday"), encoding="utf-8")
    (result,) = results([path])
    assert result.document.published == "2025-04-17"
    assert result.document.url == "https://news.example/bridge"
    assert result.document.text.startswith("The port authority")
    assert [r.reason for r in result.document.removed][:2] == ["metadata: date", "metadata: url"]


def test_donation_box_after_a_glued_date_is_cut():
    header = read_header(" date 2025-04-17 Your support helps us to tell the story. Make a "
                         "donation today and become a supporter of independent journalism."
                         f"\n\n{STORY}\n\n{STORY}")
    cleaned = clean_text(header.body)
    assert cleaned.text.startswith("The port authority"), cleaned.removed


# --- language identification -----------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "José María Aznar and Núria Marín met in Barcelona on Monday to discuss the port.",
    "Ségolène Royal criticised Jean-Luc Mélenchon on Tuesday.",
    "Protesters in Bogotá greeted Andrés Pastrana and Sebastián Piñera.",
    "Jordi Puigdemont i Oriol Junqueras said Catalonia would hold talks with Madrid.",
])
def test_short_english_with_accented_names_is_never_refused(text, tmp_path):
    assert detect_language(text, ("en",)) in ("en", None)
    path = tmp_path / "short.txt"
    path.write_text(text, encoding="utf-8")
    (result,) = results([path], raw=True)
    assert not [e for e in result.errors if e.stage == "language"]


@pytest.mark.parametrize(("text", "language"), [
    ("El presidente dijo que las conversaciones fueron útiles y productivas para ambos "
     "países.", "es"),
    ("Der Präsident sagte, die Gespräche seien nützlich gewesen und würden fortgesetzt.", "de"),
    ("Lluís Companys i Jordi Pujol van parlar amb el president de la Generalitat ahir.", "ca"),
])
def test_short_text_in_another_language_is_still_identified(text, language):
    assert detect_language(text, ("en",)) == language


# --- unknown formats -------------------------------------------------------------------------


@pytest.mark.parametrize(("head", "named"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/"><url/></urlset>',
     "XML with a <urlset> root"),
])
def test_unknown_formats_are_refused_with_one_line(head, named, tmp_path):
    with pytest.raises(InputError, match=named):
        sniff_bytes(head)
    path = tmp_path / "upload"  # no suffix: read by its content
    path.write_bytes(head + b"\x00" * 100)
    (result,) = results([path])
    (message,) = errors(result)
    assert named in message and "\n" not in message
    assert "not a format eventwire reads" in message or "neither a feed" in message


def test_content_decides_for_unnamed_input(tmp_path):
    assert sniff_bytes(b'{"id": "a", "text": "x"}\n{"id": "b"}') == "jsonl"
    assert sniff_bytes(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n") == "warc"
    assert sniff_bytes(b"<!-- a comment -->\n<rss version='2.0'><channel/></rss>") == "feed"
    assert sniff_bytes(b"<!DOCTYPE html><html><body><p>x</p></body></html>") is None
    assert sniff_bytes(STORY.encode()) is None
    named = tmp_path / "export"
    named.write_bytes(gzip.compress("\n".join(json.dumps({"id": f"n{i}", "text": STORY})
                                              for i in range(3)).encode()))
    assert [r.document.id for r in results([named])] == ["n0", "n1", "n2"]
