"""A corpus of bad input for the input side of issue 12, generated on the fly (nothing copied).

``write_corpus(folder)`` writes one file (or link) per kind and returns the kinds with what
must happen to each: ``analysed`` (a result without failure, perhaps with notices), ``failed``
(a result whose errors say why) or ``noted`` (a line on stderr: skipped, with the reason).
Used by ``tests/test_bad_input_corpus.py`` and ``scripts/measure_input_limits.py --kinds``.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.hostile_text import SHAPES

STORY = (
    "The harbour board in Tromsø said on Monday that ferry crossings to the islands would "
    "resume after the storm. “We have checked every boat twice,” its chair, Zoë Lindqvist, "
    "told reporters at the northern pier.\n\n"
    "The first ferries will leave at dawn on Tuesday, and the timetable for the rest of the "
    "week will be published on the board's website, she said.\n"
)
ASCII_STORY = STORY.replace("ø", "o").replace("“", '"').replace("”", '"').replace("ë", "e")
LATIN_LINE = "Le maire de Genève a déclaré que le pont serait fermé à la circulation.\n"


@dataclass
class Kind:
    name: str
    expect: str  # analysed | failed | noted
    file: str  # the name written in the corpus folder (for links: the link's name)
    write: Callable[[Path], None]


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _story(n: int) -> str:
    """The story, made distinct per kind (the store keeps one copy of identical input)."""
    return STORY.replace("Monday", f"Monday, day {n} of the storm,")


def _jsonl(record: dict) -> Callable[[Path], None]:
    return lambda path: path.write_text(json.dumps(record) + "\n", encoding="utf-8")


def _stray_bytes() -> bytes:
    data = bytearray((_story(17) * 30).encode()[:6800].rsplit(b" ", 1)[0])
    for i, byte in enumerate(b"\x81\x8d\x8f\x90\x9d\xfe\xff\x80"):
        data[i * 800 + 4] = byte
    return bytes(data)


def _deep_html(depth: int, closed: bool, n: int) -> bytes:
    story = "".join(f"<p>{p}</p>" for p in _story(n).split("\n\n"))
    return (
        "<html><head><title>Ferries resume after the storm</title></head><body>"
        + "<div>" * depth + f"<article>{story}</article>" + ("</div>" * depth if closed else "")
        + "</body></html>"
    ).encode()  # fmt: skip


def _link(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(path.parent / target)


def _non_utf8_name(path: Path) -> None:
    Path(os.fsdecode(bytes(path.parent) + b"/caf\xe9-story.txt")).write_text(
        _story(40), encoding="utf-8"
    )


def _kinds() -> list[Kind]:
    rng = random.Random(12)
    kinds = [
        # --- not text -------------------------------------------------------------------------
        Kind("random bytes", "failed", "random.txt", _bytes(rng.randbytes(5000))),
        Kind("random high bytes", "failed", "high.txt",
             _bytes(bytes(b | 0x80 for b in rng.randbytes(3000)))),
        Kind("PNG image named .txt", "failed", "image.txt",
             _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rng.randbytes(300))),
        Kind("JPEG image named .html", "failed", "photo.html",
             _bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + rng.randbytes(300))),
        Kind("GIF image", "failed", "anim.txt", _bytes(b"GIF89a" + rng.randbytes(200))),
        Kind("PDF document", "failed", "report.txt",
             _bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nstream\n"
                    + zlib.compress(STORY.encode() * 20))),
        Kind("ZIP archive (a .docx)", "failed", "letter.txt",
             _bytes(b"PK\x03\x04\x14\x00\x06\x00" + rng.randbytes(300))),
        Kind("ELF executable", "failed", "program.txt",
             _bytes(b"\x7fELF\x02\x01\x01" + bytes(300))),
        Kind("SQLite database", "failed", "db.txt", _bytes(b"SQLite format 3\x00" + bytes(600))),
        Kind("gzip holding a PNG", "failed", "packed.txt.gz",
             _bytes(gzip.compress(b"\x89PNG\r\n\x1a\n" + rng.randbytes(300)))),
        Kind("raw zlib stream, no header", "failed", "stream.txt",
             _bytes(zlib.compress(STORY.encode() * 30))),
        Kind("mostly NUL bytes", "failed", "zeros.txt", _bytes(STORY.encode()[:60] + bytes(2000))),
        Kind("control characters throughout", "failed", "controls.txt",
             _bytes(bytes(rng.choice(b"\x01\x02\x03\x1b abc") for _ in range(2000)))),
        Kind("empty file", "failed", "empty.txt", _bytes(b"")),
        Kind("only whitespace", "failed", "blank.txt", _bytes(b" \n\t\n  \r\n")),
        Kind("truncated gzip", "failed", "cut.txt.gz",
             _bytes(gzip.compress(_story(1).encode() * 20)[:-40])),
        Kind("UTF-16 with a broken byte-order-marked body", "failed", "odd16.txt",
             _bytes(b"\xff\xfe" + "ab".encode("utf-16-le") + b"\x00\xd8")),
        # --- text with damage: analysed, with a notice ----------------------------------------
        Kind("UTF-16 LE without byte-order mark", "analysed", "u16le.txt",
             _bytes(_story(2).encode("utf-16-le"))),
        Kind("UTF-16 BE without byte-order mark", "analysed", "u16be.txt",
             _bytes(_story(3).encode("utf-16-be"))),
        Kind("UTF-16 with byte-order mark", "analysed", "u16bom.txt",
             _bytes(_story(4).encode("utf-16"))),
        Kind("UTF-8 with byte-order mark", "analysed", "u8bom.txt",
             _bytes(b"\xef\xbb\xbf" + _story(5).encode())),
        Kind("one NUL byte", "analysed", "one-nul.txt",
             _bytes(_story(6).encode()[:80] + b"\x00" + _story(6).encode()[80:])),
        Kind("a few NUL bytes", "analysed", "some-nul.txt",
             _bytes(_story(7).encode().replace(b" the ", b" the\x00 ", 3))),
        Kind("8 stray bytes in 6.8 KB of UTF-8", "analysed", "stray.txt", _bytes(_stray_bytes())),
        Kind("mixed UTF-8 and Latin-1 lines", "analysed", "mixed.txt",
             _bytes(_story(8).encode() + LATIN_LINE.encode("latin-1") + _story(8).encode())),
        Kind("Windows-1252 quotes in UTF-8", "analysed", "quotes.txt",
             _bytes(_story(9).encode().replace("“".encode(), b"\x93")
                    .replace("”".encode(), b"\x94"))),
        Kind("Latin-1 text", "analysed", "latin1.txt",
             _bytes(ASCII_STORY.replace("Monday", "Montag, Genève,").encode("latin-1"))),
        Kind("UTF-8 cut inside its last character", "analysed", "cut-char.txt",
             _bytes((_story(10).strip() + " Tromsø").encode()[:-1])),
        Kind("overlong and surrogate UTF-8 sequences", "analysed", "overlong.txt",
             _bytes(_story(11).encode() + b"\xc0\xaf \xed\xa0\x80 end.\n")),
        Kind("a few control characters", "analysed", "bell.txt",
             _bytes(_story(12).encode().replace(b"storm.", b"storm.\x07\x1b", 1))),
        Kind("CR line ends", "analysed", "mac.txt",
             _bytes(_story(13).replace("\n", "\r").encode())),
        Kind("HTML whose meta charset lies", "analysed", "lying.html",
             _bytes(("<html><head><meta charset='utf-8'><title>Ferries</title></head><body><p>"
                     + ASCII_STORY.replace("Monday", "Lundi à Genève") + "</p></body></html>"
                     ).encode("latin-1"))),
        Kind("HTML nested 300 elements deep", "analysed", "deep300.html",
             _bytes(_deep_html(300, True, 14))),
        Kind("HTML nested 5,000 deep, never closed", "analysed", "deep5000.html",
             _bytes(_deep_html(5000, False, 15))),
        Kind("HTML with no text", "failed", "scripts.html",
             _bytes(b"<html><head><script>var a = 1;</script></head><body></body></html>")),
        # --- dates ----------------------------------------------------------------------------
        *(Kind(f"JSONL published {value!r}", "analysed", f"date-{i}.jsonl",
               _jsonl({"id": f"date-{i}", "text": _story(20 + i), "published": value}))
          for i, value in enumerate(["9999-12-31", "2024-02-30", "0001-01-01", "garbage",
                                     20240101, "2024-13-45T99:00"])),
        Kind("date line with year 9999", "analysed", "date-line.txt",
             lambda path: path.write_text(f"date 9999-12-31\n{_story(30)}", encoding="utf-8")),
        # --- JSONL records ----------------------------------------------------------------------
        Kind("JSONL line that is not JSON", "failed", "notjson.jsonl", _bytes(b"{not json\n")),
        Kind("JSONL line that is a list", "failed", "list.jsonl", _bytes(b'["a", "list"]\n')),
        Kind("JSONL record without text", "failed", "notext.jsonl",
             _jsonl({"id": "notext", "title": "Only a title"})),
        Kind("JSONL text with a lone surrogate escape", "analysed", "surrogate.jsonl",
             _bytes(('{"id": "surrogate", "text": "'
                     + _story(31).replace("\n", " ").replace('"', "'")
                     + ' \\ud800", "title": "A \\udfff title"}\n').encode())),
        Kind("JSONL text with a NUL escape", "analysed", "nul.jsonl",
             _bytes(('{"id": "nul", "text": "' + _story(32).replace("\n", " ").replace('"', "'")
                     + ' \\u0000 end."}\n').encode())),
        Kind("JSONL with control characters in its id and title", "analysed", "ctl.jsonl",
             _jsonl({"id": "ctl\x1b[31m", "title": "Red\x1b[0m\nline", "text": _story(33)})),
        # --- cleaner --------------------------------------------------------------------------
        Kind("22 KB paragraph with an unclosed quotation mark", "analysed", "unclosed.txt",
             lambda path: path.write_text(SHAPES["unclosed quote"](22_000), encoding="utf-8")),
        Kind("40 KB of hard-wrapped lines", "analysed", "wrapped.txt",
             lambda path: path.write_text(SHAPES["hard-wrapped lines"](40_000), encoding="utf-8")),
        # --- paths ----------------------------------------------------------------------------
        Kind("file name that is not UTF-8", "analysed", "caf\\xe9-story.txt", _non_utf8_name),
        Kind("symbolic links in a loop", "noted", "loop-a", _link("loop-b")),
        Kind("symbolic link to nothing", "noted", "dangling.txt", _link("nowhere.txt")),
        Kind("symbolic link to a directory", "noted", "up",
             lambda path: path.symlink_to(path.parent)),
        Kind("file of another format", "noted", "notes.docx", _bytes(b"PK\x03\x04")),
    ]  # fmt: skip
    return kinds


def write_corpus(folder: Path) -> list[Kind]:
    """Write every kind into ``folder`` (which must exist and be empty)."""
    kinds = _kinds()
    for kind in kinds:
        kind.write(folder / kind.file)
    (folder / "loop-b").symlink_to(folder / "loop-a")  # the other half of the loop
    return kinds


def outcomes(kinds: list[Kind], stdout: str, stderr: str) -> list[tuple[Kind, str, bool]]:
    """What `extract --format jsonl` did with each kind: (kind, what happened, as expected)."""
    by_file: dict[str, list[dict]] = {}
    for line in stdout.splitlines():
        result = json.loads(line)
        name = result["document"]["source"].rsplit("/", 1)[-1].split(":")[0]
        by_file.setdefault(name, []).append(result)
    rows = []
    for kind in kinds:
        if kind.expect == "noted":
            note = next((line.split(": skipped, ", 1)[1] for line in stderr.splitlines()
                         if f"/{kind.file}: skipped, " in line), None)  # fmt: skip
            rows.append((kind, f"noted: {note}" if note else "LOST", note is not None))
            continue
        results = by_file.get(kind.file, [])
        if not results:
            rows.append((kind, "LOST", False))
            continue
        errors = [e for r in results for e in r["errors"]]
        fatal = [e for e in errors if not e["notice"]]
        if fatal:
            outcome = f"failed: {fatal[0]['stage']}: {fatal[0]['message']}"
            ok = kind.expect == "failed"
        else:
            notes = "; ".join(e["message"] for e in errors)
            outcome = "analysed" + (f" ({notes})" if notes else "")
            ok = kind.expect == "analysed" and all(r["document"]["text"] for r in results)
        rows.append((kind, outcome, ok))
    return rows
