"""What a file is, from its first bytes, and a stream over it that never holds more than needed.

Used for input whose name does not say its format (stdin, ``.xml``, no suffix) and for the
formats that are streamed (JSON Lines, WARC). Known formats that eventwire does not read (PDF,
office documents, archives, images) are refused with one line naming them.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from eventwire.ingest.sources import GZIP_MAGIC, InputError, Kind

__all__ = ["HEAD_BYTES", "SUPPORTED", "open_stream", "sniff_bytes"]

HEAD_BYTES = 65536  # enough to tell any supported format from its start
SUPPORTED = "text, HTML, JSON Lines, RSS/Atom feeds, WARC/ARC/WET"

# magic bytes of formats people hand over by mistake -> what to call them
_REFUSED_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"SQLite format 3", "an SQLite database"),
)
_XML_ROOT = re.compile(rb"<(?![?!])([A-Za-z_][\w.:-]*)")
_FEED_ROOTS = {b"rss", b"feed", b"rdf:rdf", b"channel"}


def sniff_bytes(head: bytes) -> Kind | None:
    """The format of data that starts with ``head`` (decompressed), None for "text or HTML,
    decided after decoding". Raises ``InputError`` for a known format that is not read."""
    for magic, name in _REFUSED_MAGIC:
        if head.startswith(magic):
            raise InputError("read", f"{name}, not a format eventwire reads ({SUPPORTED})")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if stripped.startswith(b"{") and _first_line_is_object(stripped):
        return "jsonl"
    if stripped.startswith(b"<"):
        root = _xml_root(stripped)
        if root in _FEED_ROOTS:
            return "feed"
        if root is not None and root != b"html" and stripped.startswith(b"<?xml"):
            raise InputError(
                "read", f"XML with a <{root.decode('ascii', 'replace')}> root, neither a feed"
                f" nor a web page ({SUPPORTED})")
    return None


def _first_line_is_object(head: bytes) -> bool:
    line, newline, _ = head.partition(b"\n")
    if not newline and len(head) >= HEAD_BYTES - 1:
        return True  # one long first line that starts like an object: JSON Lines
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
    except RecursionError:  # an object nested too deeply: JSON Lines, its reader says so
        return True


def _xml_root(head: bytes) -> bytes | None:
    # skip the XML declaration, comments and doctype to the first element
    body = re.sub(rb"<!--.*?-->", b"", head, flags=re.S)
    match = _XML_ROOT.search(body)
    return match.group(1).lower() if match else None


class _Prefixed(io.RawIOBase):
    """``head`` (already read) followed by the rest of ``stream``; ``error``, raised once the
    head is used up, is what broke the stream while the head was read."""

    def __init__(self, head: bytes, stream: BinaryIO, error: Exception | None = None) -> None:
        self._head = memoryview(head)
        self._stream = stream
        self._error = error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        if self._error is not None:
            raise self._error
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


@contextmanager
def open_stream(path: Path | None) -> Iterator[tuple[bytes, io.BufferedReader]]:
    """The first :data:`HEAD_BYTES` of a file (or stdin when ``path`` is None), gunzipped when
    it is gzip data, and a stream over all of it from the start. Raises ``InputError`` when
    the file cannot be opened; a stream that breaks later raises ``OSError`` or ``EOFError``
    when read there."""
    try:
        raw: BinaryIO = sys.stdin.buffer if path is None else open(path, "rb")  # noqa: SIM115
    except OSError as err:
        raise InputError("read", f"cannot read file: {err.strerror or err}") from err
    try:
        start = raw.read(2)
        stream: BinaryIO = io.BufferedReader(_Prefixed(start, raw))  # type: ignore[assignment]
        if start == GZIP_MAGIC:
            stream = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[assignment]
        head, error = _read_head(stream)
        if error is not None and not head:
            raise InputError("read", f"broken gzip data: {error}")
        yield head, io.BufferedReader(_Prefixed(head, stream, error), buffer_size=1 << 16)
    finally:
        if path is not None:
            raw.close()


def _read_head(stream: BinaryIO) -> tuple[bytes, Exception | None]:
    head = b""
    try:
        while len(head) < HEAD_BYTES:
            chunk = stream.read(HEAD_BYTES - len(head))
            if not chunk:
                break
            head += chunk
    except (OSError, EOFError) as err:  # a truncated or broken gzip stream
        return head, err
    return head, None
