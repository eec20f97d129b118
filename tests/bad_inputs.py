"""A corpus of hostile and odd inputs, generated (nothing copied from real articles).

Each :class:`Kind` is one way an input can be bad or unusual (issue #12): undecodable bytes,
broken encodings, impossible dates, malformed JSON Lines, deep or huge HTML, hostile text for
the cleaner, console markup, odd file names and links, ... :func:`write_kind` writes a kind's
files into a directory of its own. The tests run every kind through ``eventwire extract`` and
all of them through ``eventwire ingest`` (tests/test_bad_inputs.py);
``scripts/reliability.py`` writes the table of docs/reliability.md from the same kinds.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tests.hostile_text import SHAPES

Expect = Literal["analysed", "fails", "any"]

# A few sentences of plain English news prose, written for these tests.
LEAD = (
    "The finance minister of Norland met the trade commissioner of Ostmark in Velby on "
    "Tuesday to discuss tariffs on timber and grain, officials said."
)
BODY = (
    "The two delegations agreed to meet again next month. Farmers' groups in the northern "
    "valleys protested against the proposed quotas outside the ministry. \"We will not accept "
    "a deal that closes our markets,\" the head of the growers' union told reporters."
)


def article(tag: str, extra: str = "") -> str:
    """A short English article, made unique by ``tag`` (so no two kinds share bytes)."""
    return f"{LEAD} {BODY} {extra}\n\nReference {tag}.\n"


def jsonl(*records: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records).encode()


@dataclass
class Kind:
    """One kind of bad input: its files (relative name -> bytes; a bytes name is used as is
    for names that are not UTF-8), what must happen and, for what is not fixed yet, the xfail
    reason naming the issue item."""

    name: str
    item: str  # the issue item it belongs to ("#12.7") or "extra"
    files: dict[str | bytes, bytes]
    expect: Expect = "any"
    note: str = ""
    # A check of the extract results (list of JSON objects) beyond the shared invariants.
    check: Callable[[list[dict]], bool] | None = None
    # Words that must follow "skipped, " on stderr (a link or file that is noted, not read).
    noted: str = ""
    xfail: str | None = None
    # Kinds that need a file system feature (symlinks, FIFOs) are made by a function.
    make: Callable[[Path], None] | None = field(default=None, repr=False)


def _rng(name: str) -> random.Random:
    return random.Random(name)


def _random_bytes(name: str, size: int) -> bytes:
    return _rng(name).randbytes(size)


def _text_has(word: str) -> Callable[[list[dict]], bool]:
    def check(results: list[dict]) -> bool:
        return all(word in r["document"]["text"] for r in results if not _failed(r))

    return check


def _failed(result: dict) -> bool:
    return any(not e["notice"] for e in result["errors"])


def _published_valid(results: list[dict]) -> bool:
    """A published date is absent or a real YYYY-MM-DD day between 1700 and 2199 (README)."""
    import datetime as dt

    for result in results:
        published = result["document"]["published"]
        if published is None:
            continue
        try:
            day = dt.date.fromisoformat(published)
        except (ValueError, TypeError):
            return False
        if not 1700 <= day.year <= 2199:
            return False
    return True


def _one_clean_line(field: str) -> Callable[[list[dict]], bool]:
    """The document's ``field`` has no control character and no lone surrogate."""

    def check(results: list[dict]) -> bool:
        values = [r["document"][field] or "" for r in results]
        return bool(results) and not any(
            ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for value in values for ch in value)

    return check


def _analysed(results: list[dict]) -> bool:
    return bool(results) and not any(_failed(r) for r in results)


def _nested_html(depth: int, tag: str) -> bytes:
    opening = "<div>" * depth
    closing = "</div>" * depth
    return (f"<html><body>{opening}<p>{article(tag)}</p>{closing}</body></html>").encode()


def _symlink_loop(folder: Path) -> None:
    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")
    (folder / "ok.txt").write_text(article("symlink loop"), encoding="utf-8")


def _dangling_symlink(folder: Path) -> None:
    (folder / "gone.txt").symlink_to(folder / "does-not-exist.txt")
    (folder / "ok.txt").write_text(article("dangling symlink"), encoding="utf-8")


def _directory_loop(folder: Path) -> None:
    sub = folder / "sub"
    sub.mkdir()
    (sub / "up").symlink_to(folder, target_is_directory=True)
    (sub / "ok.txt").write_text(article("directory symlink loop"), encoding="utf-8")


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")
    (folder / "ok.txt").write_text(article("fifo beside"), encoding="utf-8")


def _kinds() -> list[Kind]:
    k: list[Kind] = []
    add = k.append

    # -- bytes and encodings (#12.7, #12.8) ---------------------------------------------
    add(Kind("empty file", "#12.7", {"empty.txt": b""}, "fails"))
    add(Kind("whitespace only", "#12.7", {"blank.txt": b" \n\t \r\n  \n"}, "fails"))
    add(Kind("random bytes .txt", "#12.7", {"random.txt": _random_bytes("r1", 4096)}, "fails"))
    add(Kind("random bytes .html", "#12.7",
             {"random.html": _random_bytes("r2", 4096)}, "fails"))
    add(Kind("random bytes .jsonl", "#12.7",
             {"random.jsonl": _random_bytes("r3", 4096)}, "fails"))
    add(Kind("PNG header", "#12.7",
             {"image.txt": b"\x89PNG\r\n\x1a\n" + _random_bytes("png", 2048)}, "fails"))
    add(Kind("PDF header", "#12.7",
             {"doc.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 900 >>\nstream\n"
              + _random_bytes("pdf", 900) + b"\nendstream\nendobj\n%%EOF\n"}, "fails"))
    add(Kind("ZIP archive", "#12.7",
             {"archive.txt": b"PK\x03\x04" + _random_bytes("zip", 1500)}, "fails"))
    add(Kind("ELF binary", "#12.7",
             {"program.txt": b"\x7fELF\x02\x01\x01" + _random_bytes("elf", 1500)}, "fails"))
    add(Kind("UTF-16 LE without BOM", "#12.7",
             {"utf16.txt": article("utf16 le").encode("utf-16-le")}, "any",
             check=_text_has("minister")))
    add(Kind("UTF-16 BE without BOM", "#12.7",
             {"utf16be.txt": article("utf16 be").encode("utf-16-be")}, "any",
             check=_text_has("minister")))
    add(Kind("UTF-16 with BOM", "#12.8", {"bom16.txt": article("utf16 bom").encode("utf-16")},
             "analysed", check=_text_has("minister")))
    add(Kind("UTF-8 with BOM", "#12.8",
             {"bom8.txt": b"\xef\xbb\xbf" + article("utf8 bom").encode()}, "analysed",
             check=lambda rs: not rs[0]["document"]["text"].startswith("\ufeff")))
    add(Kind("UTF-32 with BOM", "#12.8",
             {"bom32.txt": article("utf32").encode("utf-32")}, "any",
             check=_text_has("minister")))
    add(Kind("BOM only", "#12.7", {"bomonly.txt": b"\xef\xbb\xbf"}, "fails"))
    add(Kind("one NUL byte in good text", "#12.8",
             {"nul.txt": article("one nul").replace("Tuesday", "Tues\x00day").encode()},
             "analysed"))
    add(Kind("NUL bytes only", "#12.7", {"nulls.txt": b"\x00" * 200}, "fails"))
    add(Kind("Windows-1252 text", "#12.8",
             {"cp1252.txt": article("cp1252", "The café owner’s résumé – naïve.").encode(
                 "cp1252")}, "analysed", check=_text_has("café")))
    add(Kind("8 stray bytes in UTF-8", "#12.8",
             {"stray.txt": (article("stray", "Zürich, Ångström, São Paulo. " * 20)
                            .encode("utf-8") + b"\x81\x8d\x8f\x90\x9d\xa0\xad\xff")},
             "analysed", check=_text_has("Zürich")))
    add(Kind("mixed UTF-8 and Latin-1 lines", "#12.8",
             {"mixed.txt": article("mixed", "Zürich and São Paulo.").encode("utf-8")
              + "\nMünchen und Köln.\n".encode("latin-1")},
             "analysed", check=_text_has("Zürich")))
    add(Kind("CESU-8 surrogates", "extra",
             {"cesu.txt": article("cesu").encode() + b"\xed\xa0\x80\xed\xb0\x80"}, "any"))
    add(Kind("overlong UTF-8", "extra",
             {"overlong.txt": article("overlong").encode() + b"\xc0\xaf\xe0\x80\xaf"}, "any"))
    add(Kind("C0 control characters", "extra",
             {"controls.txt": (article("controls") + "".join(map(chr, range(1, 32)))).encode()},
             "any"))
    add(Kind("ANSI escape sequences", "#12.6",
             {"ansi.txt": article("ansi", "\x1b[31mred\x1b[0m \x1b]0;title\x07").encode()},
             "any"))
    add(Kind("bidi override characters", "extra",
             {"bidi.txt": article("bidi", "\u202eevil\u202c \u2066x\u2069").encode()},
             "analysed"))
    add(Kind("zero-width characters", "extra",
             {"zw.txt": article("zero width").replace(" ", " \u200b").encode()}, "any"))
    add(Kind("emoji", "extra", {"emoji.txt": article("emoji", "🌾🚜🤝 " * 30).encode()},
             "analysed"))
    add(Kind("combining marks (zalgo)", "extra",
             {"zalgo.txt": article("zalgo", "m̴̡̛a̸̢̛r̷̢̛k̶̡̛" * 40).encode()}, "any"))
    add(Kind("CRLF line endings", "extra",
             {"crlf.txt": article("crlf").replace("\n", "\r\n").encode()}, "analysed"))
    add(Kind("CR-only line endings", "extra",
             {"cr.txt": article("cr only").replace("\n", "\r").encode()}, "analysed"))
    add(Kind("form feeds and vertical tabs", "extra",
             {"ff.txt": article("form feed").replace("\n", "\f\v\n").encode()}, "any"))
    add(Kind("no-break and odd spaces", "extra",
             {"spaces.txt": article("odd spaces").replace(" ", "\u00a0").encode()}, "any"))

    add(Kind("JPEG image named .html", "#12.7",
             {"photo.html": b"\xff\xd8\xff\xe0\x00\x10JFIF" + _random_bytes("jpeg", 300)},
             "fails"))
    add(Kind("GIF image", "#12.7", {"anim.txt": b"GIF89a" + _random_bytes("gif", 200)}, "fails"))
    add(Kind("SQLite database", "#12.7", {"db.txt": b"SQLite format 3\x00" + bytes(600)},
             "fails"))
    add(Kind("gzip holding a PNG", "#12.7",
             {"packed.txt.gz": gzip.compress(b"\x89PNG\r\n\x1a\n" + _random_bytes("gzpng", 300))},
             "fails"))
    add(Kind("raw zlib stream, no header", "#12.7",
             {"stream.txt": zlib.compress(article("zlib").encode() * 30)}, "fails"))
    add(Kind("mostly NUL bytes", "#12.7", {"zeros.txt": article("zeros").encode()[:60]
                                           + bytes(2000)}, "fails"))
    add(Kind("control characters throughout", "#12.7",
             {"controls-all.txt": bytes(_rng("ctl").choice(b"\x01\x02\x03\x1b abc")
                                        for _ in range(2000))}, "fails"))
    add(Kind("UTF-16 with a broken byte-order-marked body", "#12.7",
             {"odd16.txt": b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xd8"}, "fails"))
    add(Kind("a few NUL bytes in good text", "#12.8",
             {"some-nul.txt": article("some nul").replace(" the ", " the\x00 ", 3).encode()},
             "analysed", check=_text_has("minister")))
    add(Kind("Windows-1252 quotes in UTF-8", "#12.8",
             {"quotes1252.txt": article("cp1252 quotes", "“We agree,” she said. Zürich.")
              .encode().replace("“".encode(), b"\x93").replace("”".encode(), b"\x94")},
             "analysed", check=_text_has("“We agree,”")))
    add(Kind("UTF-8 cut inside its last character", "#12.8",
             {"cut-char.txt": (article("cut char").strip() + " Tromsø").encode()[:-1]},
             "analysed", check=_text_has("minister")))
    # -- compression ---------------------------------------------------------------------
    add(Kind("gzip of good text", "extra",
             {"good.txt.gz": gzip.compress(article("gzip").encode())}, "analysed"))
    add(Kind("truncated gzip", "extra",
             {"cut.txt.gz": gzip.compress(article("truncated gzip").encode() * 20)[:120]},
             "fails"))
    add(Kind("gzip bomb (50 MB of zeros)", "extra",
             {"bomb.txt.gz": gzip.compress(b"\0" * 50_000_000, 9)}, "fails"))
    add(Kind("gzip magic then garbage", "extra",
             {"fake.txt.gz": b"\x1f\x8b" + _random_bytes("gz", 500)}, "fails"))
    add(Kind("plain text named .gz", "extra",
             {"plain.txt.gz": article("not gzip").encode()}, "analysed"))
    add(Kind("gzip inside gzip", "extra",
             {"double.txt.gz": gzip.compress(gzip.compress(article("double").encode()))},
             "any"))
    add(Kind("concatenated gzip members", "extra",
             {"members.txt.gz": gzip.compress(article("member one").encode())
              + gzip.compress(b"More text from the second member.\n")}, "analysed"))

    # -- languages and tiny texts ----------------------------------------------------------
    add(Kind("German text", "extra",
             {"de.txt": ("Der Finanzminister traf am Dienstag den Handelskommissar in Velby, "
                         "um über Zölle auf Holz und Getreide zu sprechen, sagten Beamte. Die "
                         "beiden Delegationen wollen sich im nächsten Monat erneut treffen."
                         ).encode()}, "fails"))
    add(Kind("Chinese text", "extra",
             {"zh.txt": "财政部长星期二在维尔比会见了贸易专员，讨论木材和粮食关税问题。"
              .encode() * 3}, "fails"))
    add(Kind("Arabic text", "extra",
             {"ar.txt": "التقى وزير المالية يوم الثلاثاء بمفوض التجارة لمناقشة الرسوم "
              "الجمركية.".encode() * 3}, "fails"))
    add(Kind("English with Russian", "extra",
             {"en-ru.txt": article("en ru", "Министр заявил, что переговоры продолжатся.")
              .encode()}, "any"))
    add(Kind("one short sentence", "extra",
             {"short.txt": b"Norland recalled its ambassador.\n"}, "any"))
    add(Kind("a single word", "extra", {"word.txt": b"Hello\n"}, "any"))
    add(Kind("punctuation only", "extra", {"punct.txt": b"!!! ??? ... --- ***\n" * 5}, "any"))
    add(Kind("digits only", "extra", {"digits.txt": b"1234567890 " * 50}, "any"))
    add(Kind("one 150 KB line", "extra",
             {"longline.txt": (article("long line").replace("\n", " ") * 500).encode()}, "any"))
    add(Kind("one 60 KB word", "extra", {"word60k.txt": b"x" * 60_000}, "any"))
    add(Kind("5,000 one-letter lines", "extra", {"lines.txt": b"a\n" * 5_000}, "any"))

    # -- dates (#12.1) ----------------------------------------------------------------------
    def dated(date: object, tag: str) -> bytes:
        return jsonl({"id": f"dated-{tag}", "text": article(tag), "published": date})

    add(Kind("published 9999-12-31", "#12.1", {"y9999.jsonl": dated("9999-12-31", "y9999")},
             "any", check=_published_valid))
    add(Kind("published 9999-12 (month)", "#12.1",
             {"m9999.jsonl": dated("9999-12", "m9999")}, "any", check=_published_valid))
    add(Kind("published 10000-01-01", "#12.1",
             {"y10000.jsonl": dated("10000-01-01", "y10000")}, "any", check=_published_valid))
    add(Kind("published 0001-01-01", "#12.1", {"y1.jsonl": dated("0001-01-01", "y0001")},
             "analysed", check=_published_valid))
    add(Kind("published 2024-02-30", "#12.1", {"feb30.jsonl": dated("2024-02-30", "feb30")},
             "analysed", check=_published_valid))
    add(Kind("published garbage", "#12.1", {"garbage.jsonl": dated("next tuesday-ish", "garb")},
             "analysed", check=_published_valid))
    add(Kind("published empty string", "#12.1", {"pempty.jsonl": dated("", "pempty")},
             "analysed"))
    add(Kind("published a number", "#12.1", {"pnum.jsonl": dated(20240501, "pnum")},
             "analysed"))
    add(Kind("published negative year", "#12.1", {"pneg.jsonl": dated("-0044-03-15", "pneg")},
             "analysed", check=_published_valid))
    add(Kind("published 2024-13-45T99:00", "#12.1",
             {"p1345.jsonl": dated("2024-13-45T99:00", "p1345")}, "analysed",
             check=_published_valid))
    add(Kind("published 25:61 o'clock", "#12.1",
             {"ptime.jsonl": dated("2024-05-01T25:61:00Z", "ptime")}, "any",
             check=_published_valid))
    add(Kind("text header date 9999-12-31", "#12.1",
             {"hdr9999.txt": ("date 9999-12-31\n" + article("header 9999")).encode()}, "any",
             check=_published_valid))
    add(Kind("HTML meta date 9999", "#12.1",
             {"meta9999.html": ('<html><head><meta property="article:published_time" '
                                'content="9999-12-31T00:00:00Z"></head><body><p>'
                                + article("meta 9999") + "</p></body></html>").encode()},
             "any", check=_published_valid))
    add(Kind("event date in year 9999 in text", "#12.1",
             {"in9999.txt": ("date 2024-05-01\nIn December 9999, " + article("text 9999"))
              .encode()}, "any"))

    # -- JSON Lines ---------------------------------------------------------------------------
    add(Kind("JSONL: a line that is not JSON", "extra",
             {"notjson.jsonl": jsonl({"id": "j1", "text": article("j1")}, "{not json",
                                     {"id": "j3", "text": article("j3")})}, "any"))
    add(Kind("JSONL: an array line", "extra",
             {"array.jsonl": jsonl([1, 2, 3], {"id": "a2", "text": article("a2")})}, "any"))
    add(Kind("JSONL: no text or html", "extra",
             {"notext.jsonl": jsonl({"id": "n1", "title": "Only a title"})}, "fails"))
    add(Kind("JSONL: text is a number", "extra",
             {"textnum.jsonl": jsonl({"id": "t1", "text": 42})}, "fails"))
    add(Kind("JSONL: html is a list", "extra",
             {"htmllist.jsonl": jsonl({"id": "h1", "html": ["<p>a</p>"]})}, "fails"))
    add(Kind("JSONL: empty text", "extra", {"emptytext.jsonl": jsonl({"id": "e1", "text": ""})},
             "fails"))
    add(Kind("JSONL: 100,000 nested arrays", "extra",
             {"deep.jsonl": b"[" * 100_000 + b"]" * 100_000 + b"\n"
              + jsonl({"id": "after-deep", "text": article("after deep")})}, "any",
             check=lambda rs: [_failed(r) for r in rs] == [True, False]))
    add(Kind("JSONL: 100,000 nested objects", "extra",
             {"deepobj.jsonl": b'{"a":' * 100_000 + b"1" + b"}" * 100_000 + b"\n"
              + jsonl({"id": "after-deep-obj", "text": article("after deep object")})}, "any",
             check=lambda rs: [_failed(r) for r in rs] == [True, False]))
    add(Kind("JSONL: BOM before the first line", "extra",
             {"bom.jsonl": b"\xef\xbb\xbf" + jsonl({"id": "b1", "text": article("bom jsonl")})},
             "analysed"))
    add(Kind("JSONL: CRLF and blank lines", "extra",
             {"crlf.jsonl": jsonl({"id": "c1", "text": article("crlf1")}).replace(b"\n", b"")
              + b"\r\n\r\n\r\n" + jsonl({"id": "c2", "text": article("crlf2")}) + b"\r\n"},
             "analysed"))
    add(Kind("JSONL: duplicate ids", "extra",
             {"dups.jsonl": jsonl({"id": "same", "text": article("dup1")},
                                  {"id": "same", "text": article("dup2")})}, "analysed",
             check=lambda rs: len({r["document"]["id"] for r in rs}) == len(rs)))
    add(Kind("JSONL: id is an object", "extra",
             {"idobj.jsonl": jsonl({"id": {"x": 1}, "text": article("idobj")})}, "any"))
    add(Kind("JSONL: NaN and Infinity", "extra",
             {"nan.jsonl": jsonl({"id": "nan", "text": article("nan"), "score": "NAN",
                                  "w": "INF"}).replace(b'"NAN"', b"NaN")
              .replace(b'"INF"', b"Infinity")}, "analysed"))
    add(Kind("JSONL: trailing garbage after the object", "extra",
             {"trailing.jsonl": jsonl({"id": "tr", "text": article("trailing")}) + b" xyz\n"},
             "any"))
    add(Kind("JSONL: one line of invalid UTF-8", "#12.8",
             {"badline.jsonl": jsonl({"id": "g1", "text": article("good line")}) + b"\n"
              + b'{"id": "g2", "text": "caf\xe9 \xff\xfe"}\n'}, "any"))
    add(Kind("JSONL: NUL escape in text", "extra",
             {"nulesc.jsonl": jsonl({"id": "ne", "text": article("nul escape") + "\u0000x"})},
             "analysed", check=lambda rs: all("\0" not in r["document"]["text"] for r in rs)))
    add(Kind("JSONL: control characters in id and title", "#12.6",
             {"ctl.jsonl": jsonl({"id": "ctl\x1b[31m", "title": "Red\x1b[0m\nline",
                                  "text": article("ctl title")})}, "analysed",
             check=lambda rs: _one_clean_line("title")(rs) and _one_clean_line("id")(rs)))
    add(Kind("JSONL: lone surrogate escape in the title", "extra",
             {"sgtitle.jsonl": jsonl({"id": "sgt", "title": "A SURROGATE title",
                                      "text": article("surrogate title")})
              .replace(b"SURROGATE", b"\\udfff")}, "analysed", check=_one_clean_line("title")))
    add(Kind("JSONL: lone surrogate escape", "extra",
             {"surrogate.jsonl": jsonl({"id": "sg",
                                        "text": article("surrogate", "The envoy SURROGATE left.")})
              .replace(b"SURROGATE", b"\\ud800")}, "analysed",
             check=_text_has("envoy \ufffd left")))
    add(Kind("JSONL: javascript: URL", "extra",
             {"jsurl.jsonl": jsonl({"id": "js", "text": article("js url"),
                                    "url": "javascript:alert(1)"})}, "analysed"))
    add(Kind("JSONL: console markup in title and text", "#12.6",
             {"markup.jsonl": jsonl({"id": "mk", "title": "Talks end [/b] [red]abruptly[/red]",
                                     "text": article("markup jsonl", "He said: \"[/quote] ok\".")
                                     })}, "analysed"))
    add(Kind("JSONL: unknown extra fields", "extra",
             {"extra.jsonl": jsonl({"id": "ex", "text": article("extra"), "foo": [1, {"b": 2}]})},
             "analysed"))
    add(Kind("JSONL: 30 records", "extra",
             {"many.jsonl": jsonl(*({"id": f"m{n}", "text": f"Record {n}: " + LEAD}
                                    for n in range(30)))}, "analysed",
             check=lambda rs: len(rs) == 30))
    add(Kind("JSONL: a record that is a string", "extra",
             {"str.jsonl": jsonl('"just a string"')}, "fails"))
    add(Kind("JSONL: title, url and publisher of wrong types", "extra",
             {"types.jsonl": jsonl({"id": "ty", "text": article("types"), "title": 5,
                                    "url": ["x"], "publisher": {"a": 1}})}, "analysed"))

    # -- HTML -----------------------------------------------------------------------------------
    add(Kind("HTML nested 300 deep", "#12.11", {"deep300.html": _nested_html(300, "deep300")},
             "analysed", check=_text_has("timber")))
    add(Kind("HTML nested 5,000 deep", "#12.11",
             {"deep5000.html": _nested_html(5000, "deep5000")}, "analysed",
             check=_text_has("timber")))
    add(Kind("HTML nested 5,000 deep, never closed", "#12.11",
             {"open5000.html": _nested_html(5000, "open5000").replace(b"</div>", b"")},
             "analysed", check=_text_has("timber")))
    add(Kind("huge HTML (1.2 MB)", "extra",
             {"huge.html": ("<html><body>" + "".join(
                 f"<p>{n}. {LEAD}</p>" for n in range(7_000)) + "</body></html>").encode()},
             "any"))
    add(Kind("HTML with only scripts and styles", "extra",
             {"scripts.html": b"<html><head><style>p{}</style></head><body><script>var a=1;"
              b"</script></body></html>"}, "fails"))
    add(Kind("HTML without a body", "extra",
             {"nobody.html": f"<html><head><title>{LEAD}</title></head></html>".encode()},
             "any"))
    add(Kind("HTML with unclosed tags", "extra",
             {"unclosed.html": f"<html><body><div><p>{article('unclosed')}<p><b><i>".encode()},
             "analysed"))
    add(Kind("HTML comments and CDATA", "extra",
             {"cdata.html": f"<html><body><!-- {LEAD} --><![CDATA[x]]><p>{article('cdata')}</p>"
              "</body></html>".encode()}, "any"))
    add(Kind("HTML entities &#0; and &#xD800;", "extra",
             {"entities.html": f"<html><body><p>{article('entities')} &#0; &#xD800; &#x110000;"
              " &bogus;</p></body></html>".encode()}, "any"))
    add(Kind("XML entity expansion (billion laughs)", "extra",
             {"laughs.html": ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
                              f'<html><body><p>&lol3; {article("laughs")}</p></body></html>'
                              ).encode()}, "any"))
    add(Kind("HTML declaring UTF-16 but UTF-8", "#12.8",
             {"lying.html": ('<html><head><meta charset="utf-16"></head><body><p>'
                             + article("lying charset", "Zürich.") + "</p></body></html>"
                             ).encode()}, "any"))
    add(Kind("HTML declaring UTF-8 but Latin-1", "#12.8",
             {"latin.html": ('<html><head><meta charset="utf-8"></head><body><p>'
                             + article("latin html", "Zürich.") + "</p></body></html>"
                             ).encode("latin-1")}, "analysed"))
    add(Kind("XHTML with XML declaration", "extra",
             {"page.xhtml": ('<?xml version="1.0" encoding="utf-8"?><html xmlns='
                             '"http://www.w3.org/1999/xhtml"><body><p>' + article("xhtml")
                             + "</p></body></html>").encode()}, "analysed"))
    add(Kind("HTML frameset", "extra",
             {"frames.html": b'<html><frameset><frame src="a.html"></frameset></html>'}, "any"))
    add(Kind("HTML with 5,000 links", "extra",
             {"links.html": ("<html><body><p>" + article("links") + "</p>" + "".join(
                 f'<a href="/n{n}">link {n}</a>' for n in range(5000)) + "</body></html>"
              ).encode()}, "any"))
    add(Kind("console markup in HTML title", "#12.6",
             {"markup.html": ("<html><head><title>[/b][red]Crisis[/red] [/quote]</title>"
                              "</head><body><p>" + article("markup html") + "</p></body></html>"
                              ).encode()}, "analysed"))
    add(Kind("script text containing </script", "extra",
             {"script.html": ('<html><body><script>var s = "</scr" + "ipt>";</script><p>'
                              + article("script") + "</p></body></html>").encode()}, "any"))
    add(Kind("HTML in a .txt file", "extra",
             {"html.txt": ("<html><body><p>" + article("html in txt") + "</p></body></html>"
                           ).encode()}, "any"))

    # -- the plain-text cleaner (#12.4) -------------------------------------------------------
    add(Kind("unclosed quotation mark, 3 KB paragraph", "#12.4",
             {"unclosed-quote.txt": ("The spokesman said \"" + (LEAD + " ") * 20).encode()},
             "any"))
    add(Kind("many unclosed quotes", "#12.4",
             {"quotes.txt": ("\n".join(f'Line {n} says "open' for n in range(300))).encode()},
             "any"))
    add(Kind("unbalanced guillemets and curly quotes", "#12.4",
             {"guillemets.txt": ("« " + LEAD + " “ " + BODY + " »» ”” “").encode()}, "any"))
    add(Kind("metadata header glued to the text", "extra",
             {"glued.txt": (" date 2025-04-17 " + article("glued")).encode()}, "any"))
    add(Kind("scraper boilerplate only", "extra",
             {"boiler.txt": b"Subscribe now\nLog in\nCookie settings\nShare this\n" * 10},
             "any"))

    add(Kind("unclosed quotation mark, 22 KB paragraph", "#12.4",
             {"unclosed-22k.txt": SHAPES["unclosed quote"](22_000).encode()}, "analysed"))
    add(Kind("40 KB of hard-wrapped lines", "#12.4",
             {"wrapped.txt": SHAPES["hard-wrapped lines"](40_000).encode()}, "analysed"))

    # -- console markup in text (#12.6) ----------------------------------------------------------
    add(Kind("markup in the title line and quotes", "#12.6",
             {"markup.txt": ("title Summit [/b] ends\n" + article(
                 "markup txt", "\"[/quote] We agree [/b],\" the minister said.")).encode()},
             "analysed"))
    add(Kind("rich style tags and backslashes", "#12.6",
             {"styles.txt": article("styles", "[bold red]alarm[/] \\[not] C:\\path\\ [").encode()},
             "analysed"))
    add(Kind("rich link markup", "#12.6",
             {"link.txt": article("link", "[link=file:///etc/passwd]click[/link]").encode()},
             "analysed"))
    add(Kind("rich emoji codes and brackets", "#12.6",
             {"emojicode.txt": article("emoji codes", ":warning: [[x]] [/] []").encode()},
             "analysed"))

    # -- file names and directories (#12.3, #12.11) ---------------------------------------------
    add(Kind("file name not UTF-8", "#12.3",
             {b"caf\xe9-\xff.txt": article("latin name").encode()}, "analysed"))
    add(Kind("file name with a newline", "#12.3",
             {"two\nlines.txt": article("newline name").encode()}, "analysed"))
    add(Kind("file name with quotes and spaces", "#12.3",
             {"it's \"odd\" name.txt": article("quoted name").encode()}, "analysed"))
    add(Kind("file name with console markup", "#12.6",
             {"[red]x[/red] [/b].txt": article("markup name").encode()}, "analysed"))
    add(Kind("file name starting with a dash", "#12.3",
             {"-dash.txt": article("dash name").encode()}, "analysed"))
    add(Kind("file name of 240 characters", "#12.3",
             {("n" * 236) + ".txt": article("long name").encode()}, "analysed"))
    add(Kind("upper-case suffix", "extra", {"LOUD.TXT": article("upper suffix").encode()},
             "analysed"))
    add(Kind(".htm, .ndjson and .text suffixes", "extra",
             {"a.htm": f"<html><body><p>{article('htm')}</p></body></html>".encode(),
              "b.ndjson": jsonl({"id": "nd", "text": article("ndjson")}),
              "c.text": article("text suffix").encode()}, "analysed"))
    add(Kind("not an article format (.md, .pdf)", "extra",
             {"notes.md": b"# notes\n", "paper.pdf": b"%PDF-1.4\n", "ok.txt":
              article("beside md").encode()}, "analysed", noted="not an article format"))
    add(Kind("hidden files", "extra",
             {".hidden.txt": article("hidden").encode(), "shown.txt": article("shown").encode()},
             "analysed"))
    add(Kind("directory named like an article", "extra",
             {"dir.txt/inner.txt": article("dir named txt").encode()}, "analysed"))
    add(Kind("deep directory tree", "extra",
             {"/".join(["d"] * 40) + "/deep.txt": article("deep tree").encode()}, "analysed"))
    add(Kind("symlink loop", "#12.11", {}, "analysed", make=_symlink_loop,
             noted="a symbolic link in a loop"))
    add(Kind("dangling symlink", "#12.11", {}, "analysed", make=_dangling_symlink,
             noted="a symbolic link to nothing"))
    add(Kind("directory symlink loop", "#12.11", {}, "analysed", make=_directory_loop,
             noted="a link to a directory"))
    add(Kind("FIFO named .txt in a directory", "extra", {}, "analysed", make=_fifo))
    add(Kind("over the 10 MB input limit", "#12.10",
             {"big.txt": (LEAD + "\n") * 80_000}, "fails"))
    return k


KINDS: list[Kind] = _kinds()


def write_kind(kind: Kind, folder: Path) -> Path:
    """Write ``kind``'s files into ``folder`` (created); returns ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in kind.files.items():
        raw = name if isinstance(name, bytes) else name.encode()
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), raw)))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    if kind.make:
        kind.make(folder)
    return folder


def slug(kind: Kind) -> str:
    """A directory name for a kind."""
    return "".join(c if c.isalnum() else "-" for c in kind.name.lower()).strip("-")[:60]
