"""Find input documents in files, directories and stdin, and read their bytes safely.

A source never raises for a user's bad file: whatever goes wrong becomes an ``InputError``
carried on the ``RawInput`` so the batch goes on and the failure is reported.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
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


NOT_AN_ARTICLE = "not an article format (.txt .html .jsonl .rss .atom .xml .warc .arc .wet)"


@dataclass
class SkippedFile:
    """A path in a walked directory that is not read: a file that is not an article format,
    a symbolic link to a directory or in a loop; reported with its reason."""

    path: Path
    reason: str = NOT_AN_ARTICLE

    @property
    def shown(self) -> str:
        """The path as text that can be printed and stored (see :func:`shown_path`)."""
        return shown_path(self.path)


@dataclass
class UnreadableDirectory:
    """A directory (or subdirectory) that could not be listed: a failed input, not a note."""

    path: Path
    message: str


def shown_path(path: Path | str) -> str:
    """A path as valid Unicode on one line: bytes of a file name that are not UTF-8 (kept by
    Python as lone surrogates, which no JSON, terminal or database takes) and control
    characters (a line break in a name would split a one-line message) become ``\\xNN``."""
    text = os.fsencode(path).decode("utf-8", errors="backslashreplace")
    return _CONTROL_CHARACTERS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


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
    name = shown_path(path.name)
    for _ in range(2):
        stem, dot, suffix = name.rpartition(".")
        known = "." + suffix.lower() in (*SUFFIX_KINDS, *SNIFFED_SUFFIXES)
        if dot and (known or suffix.lower() == "gz"):
            name = stem
    return name or shown_path(path.name)


def walk(paths: list[Path]) -> Iterator[Path | SkippedFile | UnreadableDirectory]:
    """Files named directly come back as they are; directories are walked in sorted order
    (hidden names skipped, links to files followed, links to directories not)."""
    for path in paths:
        if path.is_dir():
            yield from _walk_directory(path)
        else:
            yield path


def _walk_directory(directory: Path) -> Iterator[Path | SkippedFile | UnreadableDirectory]:
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as err:
        yield UnreadableDirectory(directory, f"cannot read directory: {err.strerror or err}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = directory / entry.name
        try:
            if entry.is_symlink():
                target = path.stat()  # follows the link; a loop or a dangling link raises
                if stat.S_ISDIR(target.st_mode):
                    yield SkippedFile(path, "a link to a directory, not followed")
                    continue
            if entry.is_dir(follow_symlinks=False):
                yield from _walk_directory(path)
            elif entry.is_file():
                known = kind_of(path) or _suffix(path) in SNIFFED_SUFFIXES
                yield path if known else SkippedFile(path)
        except OSError as err:
            reason = {
                errno.ELOOP: "a symbolic link in a loop, not followed",
                errno.ENOENT: "a symbolic link to nothing",
            }.get(err.errno, f"cannot read: {err.strerror or err}")
            yield SkippedFile(path, reason)


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
        except RecursionError:  # an object nested too deeply: JSON Lines, its reader says so
            return "jsonl"
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
    """A size for people: megabytes, or bytes when that would read 0.0 MB."""
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


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
