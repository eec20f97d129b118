"""Bytes to text: UTF-8 first, then the declared or detected encoding, never binary junk."""

from __future__ import annotations

import re
import unicodedata

from charset_normalizer import from_bytes

from eventwire.ingest.sources import InputError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters mean this is not text in any encoding we read."""
    sample = data[:65536]
    if not sample:
        return False
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls / len(sample) > 0.05


def decode(data: bytes, *, html: bool = False) -> tuple[str, str | None]:
    """Return the text and, when it was not plain UTF-8, a notice saying how it was decoded."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return clean_controls(data[len(bom) :].decode(encoding)), None
            except UnicodeDecodeError as err:
                raise InputError("decode", f"broken {encoding} text: {err.reason}") from err
    if looks_binary(data):
        raise InputError("decode", "binary content, not text (NUL or control bytes)")
    try:
        return clean_controls(data.decode("utf-8")), None
    except UnicodeDecodeError as err:
        mostly_utf8 = _mostly_utf8(data, err)
    if mostly_utf8 is not None:
        return mostly_utf8
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "ignore")
            try:
                return clean_controls(data.decode(name)), f"not UTF-8; decoded as declared {name}"
            except (LookupError, UnicodeDecodeError):
                pass
    encoding = _guess_encoding(data)
    if encoding is None:
        raise InputError("decode", "not valid UTF-8 and no other text encoding fits")
    return clean_controls(data.decode(encoding)), f"not valid UTF-8; decoded as {encoding}"


def _mostly_utf8(data: bytes, err: UnicodeDecodeError) -> tuple[str, str] | None:
    """UTF-8 cut in the middle of its last character, or with a few stray bytes in it."""
    if err.start >= len(data) - 3 and err.reason == "unexpected end of data":
        text = data[: err.start].decode("utf-8", errors="replace")
        return clean_controls(text), "the text ends in a broken UTF-8 character, which was dropped"
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for ch in replaced if ord(ch) > 127 and ch != "\ufffd")
    # Real UTF-8 characters and only a handful of bad bytes: a damaged UTF-8 file, not another
    # encoding (in Latin-1 text every accented letter would be a bad byte).
    if multibyte >= 2 * bad and bad <= max(3, len(data) // 1000):
        return clean_controls(replaced), f"{bad} invalid UTF-8 byte(s) replaced with U+FFFD"
    return None


def _guess_encoding(data: bytes) -> str | None:
    """Windows-1252 for Western text, else the first of charset-normalizer's guesses that reads
    as letters and common punctuation, else its best guess.

    charset-normalizer alone is unreliable on short articles (it ties Windows-1252 with the
    Central European and Baltic code pages, and can take German for Shift-JIS), so plausible
    text is checked first: Western text has a few accented letters among plain ASCII ones.
    """
    western = _decoded("cp1252", data)
    if western is not None and _plausible(western, max_share=0.25):
        return "cp1252"
    matches = list(from_bytes(data))
    for match in matches:
        text = _decoded(match.encoding, data)
        if text is not None and _plausible(text, max_share=1.0):
            return match.encoding
    return matches[0].encoding if matches else None


def _decoded(encoding: str, data: bytes) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


_COMMON_PUNCTUATION = set("’‘“”„–—…«»°€£¥©®·•§¡¿ ")


def _plausible(text: str, max_share: float) -> bool:
    """Every non-ASCII character is a letter or common punctuation, and at most ``max_share``
    of the letters are non-ASCII (Cyrillic read as Windows-1252 is all accented letters)."""
    high = [ch for ch in text if ord(ch) > 127]
    if any(not ch.isalpha() and ch not in _COMMON_PUNCTUATION for ch in high):
        return False
    letters = sum(ch.isalpha() for ch in text)
    return sum(ch.isalpha() for ch in high) <= max_share * max(letters, 1)


# C0 and C1 control characters other than tab and newline.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_controls(text: str) -> str:
    """Normalise newlines and drop control characters that would only confuse offsets."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _CONTROLS.sub("", text).lstrip("\ufeff")
    return unicodedata.normalize("NFC", text)
