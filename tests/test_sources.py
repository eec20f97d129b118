"""Bad input never stops a batch: each problem becomes a clear error or notice on its document."""

from __future__ import annotations

import gzip
import json
import time
import tracemalloc
from pathlib import Path

import pytest

from eventwire.ingest import SkippedFile, read_documents
from eventwire.ingest.decode import decode
from eventwire.ingest.sources import InputError, gunzip, read_bytes
from eventwire.model import Result
from eventwire.settings import Settings

BAD = Path(__file__).resolve().parents[1] / "samples" / "bad"

STORY = (
    "The port authority in Rotterdam said on Friday that container traffic fell by 4 per cent "
    "in the first half of the year, as shipping lines rerouted vessels around southern Africa."
)


def read_one(path: Path, **settings: object) -> Result:
    (result,) = [r for r in read_documents([path], Settings(**settings)) if isinstance(r, Result)]
    return result


def messages(result: Result) -> list[tuple[str, str]]:
    return [(error.stage, error.message) for error in result.errors]


# --- the project's bad samples ---------------------------------------------------------------


def test_empty_and_whitespace_files_are_reported() -> None:
    for name in ("empty.txt", "whitespace.txt"):
        result = read_one(BAD / name)
        assert messages(result) == [("read", "empty input: no text at all")]
        assert result.document.text == ""


def test_binary_file_is_refused() -> None:
    result = read_one(BAD / "binary.txt")
    ((stage, message),) = messages(result)
    assert stage == "decode"
    assert "binary" in message


def test_latin1_sample_is_decoded_with_a_notice() -> None:
    result = read_one(BAD / "latin1.txt")
    assert messages(result) == [("decode", "not valid UTF-8; decoded as cp1252")]
    assert "Jean-Noël Barrot" in result.document.text
    assert "ministère des Affaires étrangères" in result.document.text
    assert "“firm but proportionate”" in result.document.text


def test_truncated_gzip_sample_is_refused() -> None:
    result = read_one(BAD / "truncated.txt.gz")
    ((stage, message),) = messages(result)
    assert stage == "read"
    assert "truncated gzip" in message


def test_broken_html_sample_still_gives_its_story() -> None:
    result = read_one(BAD / "broken.html")
    assert result.errors == []
    assert result.document.title == "Lithuania summons Belarusian envoy over balloons"
    assert "forced the closure of Vilnius airport" in result.document.text
    assert "Belarus denied any involvement." in result.document.text


def test_german_sample_is_kept_but_flagged() -> None:
    result = read_one(BAD / "german.txt")
    assert result.document.language == "de"
    assert [stage for stage, _ in messages(result)] == ["language"]
    assert result.document.text


def test_whole_bad_directory_in_one_batch() -> None:
    results = list(read_documents([BAD], Settings()))
    assert len(results) == len([p for p in BAD.iterdir() if not p.name.startswith(".")])
    ids = [r.document.id for r in results if isinstance(r, Result)]
    assert "odd-quotes" in ids and "latin1" in ids


# --- generated inputs ------------------------------------------------------------------------


def test_oversize_file_is_refused_quickly_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(20_000_000)  # 20 MB on disk, nothing to write
    tracemalloc.start()
    started = time.perf_counter()
    result = read_one(big)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ((stage, message),) = messages(result)
    assert stage == "read"
    assert message.startswith("file is 20.0 MB, over the 10.0 MB limit")
    assert peak < 1_000_000  # the file's bytes were never loaded
    assert elapsed < 5


def test_limit_can_be_raised(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    with pytest.raises(InputError, match="over the 10 bytes limit"):
        read_bytes(path, max_bytes=10)
    assert read_bytes(path, max_bytes=10_000) == STORY.encode()


def test_generated_truncated_gzip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress(((STORY + "\n") * 50).encode())[:-30])
    with pytest.raises(InputError, match="truncated gzip"):
        read_bytes(path, 10_000_000)


def test_gzip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 2_000_000))
    with pytest.raises(InputError, match="decompressed input is over"):
        read_bytes(path, max_bytes=1_000_000)


def test_gzip_members_are_all_read(tmp_path: Path) -> None:
    path = tmp_path / "two.txt.gz"
    path.write_bytes(gzip.compress(b"first part. ") + gzip.compress(b"second part."))
    assert read_bytes(path, 1000) == b"first part. second part."
    with pytest.raises(InputError, match="over"):
        gunzip(gzip.compress(b"x" * 600) + gzip.compress(b"y" * 600), max_bytes=1000)


def test_gzipped_story_is_read(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(STORY.encode()))
    result = read_one(path)
    assert result.errors == []
    assert result.document.text == STORY
    assert result.document.id == "story"


def test_plain_file_named_gz_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "misnamed.txt.gz"
    path.write_text(STORY, encoding="utf-8")
    assert read_one(path).document.text == STORY


def test_generated_latin1_text_is_decoded_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = "The café owner in Genève, Zoë Müller, said the façade would be repaired in the spring."
    path.write_bytes(text.encode("latin-1"))
    result = read_one(path)
    assert result.document.text == text
    assert messages(result) == [("decode", "not valid UTF-8; decoded as cp1252")]


def test_other_single_byte_encodings() -> None:
    russian = "Президент России заявил в четверг, что переговоры продолжатся."
    assert decode(russian.encode("cp1251"))[0] == russian
    polish = "Żółta łódź płynie po Wiśle, a rząd ogłosił nowe przepisy."
    assert decode(polish.encode("cp1250"))[0] == polish


def test_utf8_cut_inside_a_character() -> None:
    text, notice = decode("Zürich café".encode()[:-1])
    assert text == "Zürich caf"
    assert notice is not None and "broken UTF-8 character" in notice


def test_utf8_with_a_stray_byte() -> None:
    data = "Kraków and Łódź agreed, said the mayor of Gdańsk.".encode() + b" \xff ok"
    text, notice = decode(data)
    assert text.startswith("Kraków and Łódź agreed")
    assert notice == "1 invalid UTF-8 byte(s) replaced with U+FFFD"


def test_utf16_with_bom_and_control_characters() -> None:
    text, notice = decode("\ufeffLine one\r\nLine\x07 two\x0c".encode("utf-16"))
    assert (text, notice) == ("Line one\nLine two\n", None)


def test_html_declared_charset_is_used() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Zoë</p></body></html>'
    text, notice = decode(page.encode("latin-1"), html=True)
    assert "Zoë" in text
    assert notice == "not UTF-8; decoded as declared iso-8859-1"


def test_missing_file_is_reported(tmp_path: Path) -> None:
    result = read_one(tmp_path / "nowhere.txt")
    ((stage, message),) = messages(result)
    assert stage == "read"
    assert message.startswith("cannot read file")


def test_jsonl_bad_records_fail_alone(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "good", "text": STORY, "published": "2024-07-05"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "no-text", "title": "Only a title"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = [r for r in read_documents([path], Settings()) if isinstance(r, Result)]
    assert [r.document.id for r in results] == ["good", "feed-2", "feed-3", "no-text"]
    assert results[0].errors == [] and results[0].document.published == "2024-07-05"
    assert "not valid JSON" in results[1].errors[0].message
    assert "not a JSON object" in results[2].errors[0].message
    assert "no 'text' or 'html'" in results[3].errors[0].message


def test_directory_walk_skips_hidden_and_reports_unknown(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    items = list(read_documents([tmp_path], Settings()))
    assert [type(item) for item in items] == [Result, SkippedFile]
    assert items[1].path.name == "photo.jpg"
