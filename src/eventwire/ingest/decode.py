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
    except UnicodeDecodeError:
        pass
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "ignore")
            try:
                return clean_controls(data.decode(name)), f"not UTF-8; decoded as declared {name}"
            except (LookupError, UnicodeDecodeError):
                pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("decode", "not valid UTF-8 and no other text encoding fits")
    return clean_controls(str(best)), f"not valid UTF-8; decoded as {best.encoding}"


def clean_controls(text: str) -> str:
    """Normalise newlines and drop control characters that would only confuse offsets."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text[:100000]):
        text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return unicodedata.normalize("NFC", text)
