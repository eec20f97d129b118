"""Find input documents in files, directories and stdin, and read their bytes safely.

A source never raises for a user's bad file: whatever goes wrong becomes an ``InputError``
carried on the ``RawInput`` so the batch goes on and the failure is reported.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

# "jsonl" and "warc" files are streamed (a document at a time, each within the size limit);
# "feed" files (RSS/Atom) are read whole by feedparser, one document per item.
Kind = Literal["text", "html", "jsonl", "feed", "warc"]

SUFFIX_KINDS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".arc": "warc",
    ".wet": "warc",
}
# Read by their content (a feed, a page, or refused): XML may be either.
SNIFFED_SUFFIXES = frozenset({".xml"})


@dataclass
class RawInput:
    """One article as read, before any cleaning. Exactly one of text/html is set unless failed."""

    id: str
    source: str
    kind: Kind
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    content_hash: str | None = None
    author: str | None = None
    # the day the page was captured (a WARC record's date): the publication date when the
    # page itself gives none
    captured: str | None = None
    # text cut before cleaning (metadata fields at the start of a text dump), as (text, reason)
    removed: list[tuple[str, str]] = field(default_factory=list)
    # (stage, message) pairs: fatal ones stop the document, notices ride along.
    errors: list[tuple[str, str]] = field(default_factory=list)
    fatal: bool = False


@dataclass
class SkippedFile:
    """A file in a walked directory that is not an article format; reported, not read."""

    path: Path


def kind_of(path: Path) -> Kind | None:
    """Format from the file name, looking through a ``.gz`` suffix."""
    suffix = _suffix(path)
    return SUFFIX_KINDS.get(suffix) if suffix else None


def _suffix(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else None


def doc_id_for(path: Path) -> str:
    """A readable id from the file name: ``articles/putin.txt.gz`` -> ``putin``."""
    name = path.name
    for _ in range(2):
        stem, dot, suffix = name.rpartition(".")
        known = "." + suffix.lower() in (*SUFFIX_KINDS, *SNIFFED_SUFFIXES)
        if dot and (known or suffix.lower() == "gz"):
            name = stem
    return name or path.name


def walk(paths: list[Path]) -> Iterator[Path | SkippedFile]:
    """Files named directly come back as they are; directories are walked in sorted order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                known = kind_of(child) or _suffix(child) in SNIFFED_SUFFIXES
                yield child if known else SkippedFile(child)
        else:
            yield path


def sniff_kind(data: str) -> Kind:
    """Guess the format of unnamed input (stdin, odd suffixes) from its first characters."""
    head = data.lstrip()[:2000]
    if head.startswith("{"):
        first_line = head.split("\n", 1)[0]
        try:
            if isinstance(json.loads(first_line), dict):
                return "jsonl"
        except ValueError:
            pass
    lowered = head[:500].lower()
    if lowered.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and ("<body" in lowered or "<p" in lowered or "<div" in lowered)
    ):
        return "html"
    return "text"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a file (gunzipping it if needed) without ever holding more than ``max_bytes``.

    Raises ``InputError`` with a message meant for the user.
    """
    try:
        size = path.stat().st_size
    except OSError as err:
        raise InputError("read", f"cannot read file: {err.strerror or err}") from err
    # The size is known before reading, so an oversize file is refused without touching it.
    # (Compressed data is never larger than what it holds, so this also covers .gz files.)
    if size > max_bytes:
        raise InputError("read", f"file is {_mb(size)}, {_over_limit(max_bytes)}")
    try:
        with open(path, "rb") as handle:
            # Bounded even when the size lied (a pipe, a file still growing).
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise InputError("read", f"cannot read file: {err.strerror or err}") from err
    if len(data) > max_bytes:
        raise InputError("read", f"input is {_over_limit(max_bytes)}")
    # By content, not name: a plain file named .gz is read as it is.
    return gunzip(data, max_bytes) if data[:2] == GZIP_MAGIC else data


GZIP_MAGIC = b"\x1f\x8b"


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress gzip data (all members), refusing truncated streams and decompression bombs."""
    out = bytearray()
    rest = data
    while rest[:2] == GZIP_MAGIC:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += decompressor.decompress(rest, max_bytes + 1 - len(out))
        except zlib.error as err:
            raise InputError("read", f"broken gzip data: {err}") from err
        if len(out) > max_bytes or decompressor.unconsumed_tail:
            raise InputError("read", f"decompressed input is {_over_limit(max_bytes)}")
        if not decompressor.eof:
            raise InputError("read", "truncated gzip data: the compressed stream ends early")
        rest = decompressor.unused_data
    return bytes(out)


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _over_limit(max_bytes: int) -> str:
    return f"over the {_mb(max_bytes)} limit (EVENTWIRE_MAX_BYTES raises it)"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError("read", f"input is {_over_limit(max_bytes)}")
    if data[:2] == GZIP_MAGIC:
        data = gunzip(data, max_bytes)
    return data


class InputError(Exception):
    """A user's input that cannot be used, with the stage and a one-line reason."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage
        self.message = message


over_limit = _over_limit  # the same words for the readers of other formats
