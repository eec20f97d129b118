"""Bytes to text: UTF-8 first, then the declared or detected encoding, never binary junk.

Text that is mostly valid UTF-8 stays UTF-8: a few bad bytes in it are read one by one (as the
Windows-1252 letter or punctuation they most likely are, else U+FFFD), so a handful of stray
bytes never turns a whole article into another code page. Only text whose non-ASCII bytes are
mostly not UTF-8 is decoded in a legacy encoding. Input that is not text at all (an image, a
PDF, random bytes) raises ``InputError`` with a one-line reason.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from contextvars import ContextVar
from functools import lru_cache

from charset_normalizer import from_bytes

from eventwire.data import load_yaml
from eventwire.ingest.sources import InputError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Bytes looked at to tell text from binary: enough for any file's header and first pages.
_SAMPLE_BYTES = 65536
# More NUL bytes than this share (outside UTF-16) make the input binary; fewer are removed.
_MAX_NUL_SHARE = 0.01
# More C0 control bytes than this share (other than tab, newlines, form feed) make it binary.
_MAX_CONTROL_SHARE = 0.05
# Text stays UTF-8 when its bad sequences are at most this share of its bytes, or fewer than
# its valid non-ASCII characters (a Latin-1 article has every accented letter bad).
_MAX_BAD_UTF8_SHARE = 0.005
# Text in any script has a space or a line break at least this often (in bytes).
_BYTES_PER_SPACE = 2000
# Windows-1252 is how stray bytes in UTF-8 text are read: the code page they mostly come from.
_STRAY_BYTE_ENCODING = "cp1252"


def decode(data: bytes, *, html: bool = False) -> tuple[str, str | None]:
    """Return the text and, when it was not plain UTF-8, a notice saying how it was decoded.

    Raises ``InputError`` (stage ``decode``) for input that is not text.
    """
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom):
            try:
                return clean_controls(data[len(bom) :].decode(encoding)), None
            except UnicodeDecodeError as err:
                raise InputError("decode", f"broken {encoding} text: {err.reason}") from err
    data = data.removeprefix(_UTF8_BOM)
    kind = binary_signature(data)
    if kind:
        raise InputError("decode", f"binary content ({kind}), not text")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    data, nul_notice = _without_nuls(data)
    if looks_binary(data):
        raise InputError("decode", "binary content, not text (control bytes)")
    text, notice = _decode_text(data, html)
    notices = "; ".join(n for n in (nul_notice, notice) if n)
    return clean_controls(text), notices or None


@lru_cache(maxsize=1)
def _signatures() -> tuple[tuple[bytes, str], ...]:
    table = load_yaml("binary_signatures.yaml")
    return tuple(
        (value.encode("latin-1"), name)
        for name, values in table.items()
        for value in (values if isinstance(values, list) else [values])
    )


def binary_signature(data: bytes) -> str | None:
    """The name of the non-text file format ``data`` starts with ("PDF document"), if any."""
    head = data[:32]
    for signature, name in _signatures():
        if head.startswith(signature):
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """Many control bytes mean this is not text in any encoding we read."""
    sample = data[:_SAMPLE_BYTES]
    if not sample:
        return False
    # one pass that deletes the control bytes (not one count per control byte)
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > _MAX_CONTROL_SHARE


_CONTROL_BYTES = bytes([byte for byte in range(32) if byte not in (0, 9, 10, 12, 13)] + [127])


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text with no byte-order mark: every other byte NUL, as Latin text gives."""
    sample = data[: _SAMPLE_BYTES - _SAMPLE_BYTES % 2]
    if len(sample) < 8:
        return None
    for encoding, zeros, other in (("utf-16-le", 1, 0), ("utf-16-be", 0, 1)):
        high, low = sample[zeros::2], sample[other::2]
        if high.count(0) < 0.7 * len(high) or low.count(0) > 0.05 * len(low):
            continue
        try:
            text = data[: len(data) - len(data) % 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text, max_share=1.0) and not looks_binary(text.encode("utf-8")):
            return clean_controls(text), f"UTF-16 without a byte-order mark; decoded as {encoding}"
    return None


def _without_nuls(data: bytes) -> tuple[bytes, str | None]:
    """A few NUL bytes (a damaged file) are dropped with a notice; many mean binary data."""
    count = data[:_SAMPLE_BYTES].count(0)
    if count > _MAX_NUL_SHARE * min(len(data), _SAMPLE_BYTES):
        raise InputError("decode", "binary content, not text (NUL bytes)")
    total = data.count(0)
    if not total:
        return data, None
    return data.replace(b"\0", b""), f"{total} NUL byte(s) removed"


def _decode_text(data: bytes, html: bool) -> tuple[str, str | None]:
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        if (
            err.start >= len(data) - 3
            and err.reason == "unexpected end of data"
            and err.end == len(data)
            # (ASCII up to one last high byte is as likely Latin-1 ending in "fermé" as
            # UTF-8 cut short: only UTF-8 met before says which)
            and not data[: err.start].isascii()
        ):
            text = data[: err.start].decode("utf-8")
            return text, "the text ends in a broken UTF-8 character, which was dropped"
    if _mostly_utf8(data):
        return _utf8_with_stray_bytes(data)
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "ignore")
            try:
                return data.decode(name), f"not UTF-8; decoded as declared {name}"
            except (LookupError, UnicodeDecodeError):
                pass
    spaces = sum(data.count(byte) for byte in b" \n\t")
    if spaces * _BYTES_PER_SPACE < len(data):
        # Every byte pair is a character of some CJK code page, even in random data.
        raise InputError("decode", "not text: no spaces or line breaks, and not UTF-8")
    encoding = _guess_encoding(data)
    if encoding is not None:
        return data.decode(encoding), f"not valid UTF-8; decoded as {encoding}"
    if _utf8_share(data)[0]:  # UTF-8 characters, and bad bytes no code page reads as text
        return _utf8_with_stray_bytes(data)
    raise InputError("decode", "not text: not UTF-8, and no other text encoding fits")


def _utf8_share(data: bytes) -> tuple[int, int]:
    """(valid non-ASCII UTF-8 characters, bad UTF-8 sequences) in ``data``."""
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(replaced) - len(replaced.encode("ascii", errors="ignore")) - bad
    return non_ascii, bad


def _mostly_utf8(data: bytes) -> bool:
    """Few bad UTF-8 sequences, or fewer than the valid non-ASCII characters around them."""
    non_ascii, bad = _utf8_share(data)
    return bad <= _MAX_BAD_UTF8_SHARE * len(data) or non_ascii >= bad


class _StrayBytes:
    """What one decode did with its bad bytes, and which of its lines are Latin text."""

    def __init__(self) -> None:
        self.read = 0  # read as Windows-1252
        self.replaced = 0  # replaced with U+FFFD
        # The line of the last bad byte, [start, end), and whether it is all Windows-1252.
        # (Bad bytes come in order, so each line is looked at once, in linear time.)
        self.line = (0, -1)
        self.latin = False

    def latin_line(self, data: bytes, position: int) -> bool:
        """Whether the line around ``position`` has no UTF-8 characters and reads as
        Windows-1252 text: a line of Latin-1 in UTF-8 text, decoded whole."""
        start, end = self.line
        if not start <= position < end:
            start = data.rfind(b"\n", max(end, 0), position) + 1 or max(end + 1, 0)
            end = data.find(b"\n", position)
            end = len(data) if end < 0 else end
            line = data[start:end]
            as_utf8 = line.decode("utf-8", errors="replace")
            utf8_chars = len(as_utf8.encode("ascii", errors="ignore")) + as_utf8.count(
                "\ufffd"
            ) < len(as_utf8)
            western = _decoded(_STRAY_BYTE_ENCODING, line)
            self.line = (start, end)
            self.latin = (
                not utf8_chars and western is not None and _plausible(western, max_share=0.5)
            )
        return self.latin


# The stray bytes of the decode running now (the codec error handler has no other state).
_STRAY: ContextVar[_StrayBytes] = ContextVar("stray_bytes")
_STRAY_HANDLER = "eventwire-stray-bytes"


def _utf8_with_stray_bytes(data: bytes) -> tuple[str, str]:
    stray = _StrayBytes()
    token = _STRAY.set(stray)
    try:
        text = data.decode("utf-8", errors=_STRAY_HANDLER)
    finally:
        _STRAY.reset(token)
    parts = []
    if stray.read:
        parts.append(f"{stray.read} byte(s) not valid UTF-8 read as {_STRAY_BYTE_ENCODING}")
    if stray.replaced:
        parts.append(f"{stray.replaced} invalid UTF-8 byte(s) replaced with U+FFFD")
    return text, "; ".join(parts)


def _stray_bytes(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bad bytes in a line of Latin text as Windows-1252; elsewhere each
    one as the punctuation it likely is, or a letter when it stands next to other letters
    (Latin-1 pasted into UTF-8); else U+FFFD."""
    assert isinstance(err, UnicodeDecodeError)
    stray = _STRAY.get()
    data, out = err.object, []
    latin_line = stray.latin_line(data, err.start)
    for position in range(err.start, err.end):
        char = bytes([data[position]]).decode(_STRAY_BYTE_ENCODING, errors="replace")
        before = data[position - 1 : position]
        after = data[position + 1 : position + 2]
        in_word = any(b.isalpha() or (b and b[0] >= 0x80) for b in (before, after))
        if char != "\ufffd" and (
            latin_line or char in _COMMON_PUNCTUATION or (char.isalpha() and in_word)
        ):
            stray.read += 1
            out.append(char)
        else:
            stray.replaced += 1
            out.append("\ufffd")
    return "".join(out), err.end


codecs.register_error(_STRAY_HANDLER, _stray_bytes)


def _guess_encoding(data: bytes) -> str | None:
    """Windows-1252 for Western text, else the first of charset-normalizer's guesses that reads
    as text, else None (not text in any encoding we can tell).

    charset-normalizer alone is unreliable on short articles (it ties Windows-1252 with the
    Central European and Baltic code pages, and can take German for Shift-JIS), so plausible
    text is checked first: Western text has a few accented letters among plain ASCII ones.
    """
    western = _decoded("cp1252", data)
    if western is not None and _plausible(western, max_share=1.0) and _western_words(western):
        return "cp1252"
    for match in from_bytes(data):
        text = _decoded(match.encoding, data)
        if text is not None and _plausible(text, max_share=1.0, any_punctuation=True):
            return match.encoding
    return None


def _decoded(encoding: str, data: bytes) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


_COMMON_PUNCTUATION = set("’‘“”„–—…«»°€£¥©®·•§¡¿ ")


def _plausible(text: str, max_share: float, any_punctuation: bool = False) -> bool:
    """Every non-ASCII character is a letter or common punctuation (with ``any_punctuation``:
    any letter, mark, digit, punctuation or space, as CJK text has), and at most ``max_share``
    of the letters are non-ASCII (Cyrillic read as Windows-1252 is all accented letters)."""
    high = [ch for ch in text if ord(ch) > 127]
    if any_punctuation:
        if any(unicodedata.category(ch)[0] not in "LMNPZ" and ch not in _COMMON_PUNCTUATION
               for ch in high):  # fmt: skip
            return False
    elif any(not ch.isalpha() and ch not in _COMMON_PUNCTUATION for ch in high):
        return False
    letters = sum(ch.isalpha() for ch in text)
    return sum(ch.isalpha() for ch in high) <= max_share * max(letters, 1)


_WORDS = re.compile(r"[^\W\d_]{2,}")


def _western_words(text: str) -> bool:
    """Whether text read as Windows-1252 looks Western: at most a quarter of its words (of two
    letters or more) have no ASCII letter. Cyrillic or Greek read that way is words of accented
    letters only ("Ïðåçèäåíò"); French, German or Spanish has accents inside ASCII words, and
    one-letter words such as "à" say nothing either way."""
    words = _WORDS.findall(text)
    foreign = sum(1 for word in words if not any(ch.isascii() for ch in word))
    return foreign <= 0.25 * len(words)


# C0 and C1 control characters other than tab and newline.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone UTF-16 halves, which a declared charset such as UTF-7 or unicode_escape can produce and
# no UTF-8 output (JSON, terminal, database) can hold.
_SURROGATES = re.compile("[\ud800-\udfff]")


# The same characters in UTF-8 bytes: C0 controls and DEL as themselves, C1 controls as
# 0xC2 0x80-0x9F (0xC2 only ever leads a character).
_CONTROL_UTF8_BYTES = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])
_C1_CONTROL_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")


def clean_controls(text: str) -> str:
    """Normalise newlines, drop control characters that would only confuse offsets, and
    replace lone surrogates with U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if _has_controls_or_surrogates(text):
        text = _SURROGATES.sub("\ufffd", _CONTROLS.sub("", text))
    return unicodedata.normalize("NFC", text.lstrip("\ufeff"))


def _has_controls_or_surrogates(text: str) -> bool:
    """Whether ``text`` holds a character of ``_CONTROLS`` or ``_SURROGATES``: nearly no page
    does, and encoding it to UTF-8 (which fails on a lone surrogate) and deleting control bytes
    tells that five times faster than running the two patterns."""
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return (
        len(encoded.translate(None, _CONTROL_UTF8_BYTES)) != len(encoded)
        or _C1_CONTROL_UTF8.search(encoded) is not None
    )
