"""Quotation marks in a text, paired into quoted stretches by one left-to-right scan.

Straight marks are read as opening or closing from the characters around them; curly and
guillemet marks say which they are but are read from context too when the text mixes them up.
A paragraph that opens a quotation without closing it continues into the next paragraph when that
paragraph starts with an opening mark (the newspaper convention for quotes over paragraphs).
Single quotes are told from apostrophes by their neighbours ("Trump's" is not a quotation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“«„「『"
DOUBLE_CLOSE = "”»」』"
DOUBLE_STRAIGHT = '"'
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
SINGLE_STRAIGHT = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT + SINGLE_OPEN + SINGLE_CLOSE + "'"

# Characters after which a mark starts a quotation rather than ending one.
_BEFORE_OPEN = set(" \t\n([{—–-/:;,") | set(ALL_MARKS)
# The scans visit only marks and line breaks.
_DOUBLE_OR_LINE = re.compile(f"[{DOUBLE_OPEN}{DOUBLE_CLOSE}{DOUBLE_STRAIGHT}\n]")
_SINGLE_OR_LINE = re.compile(f"[{SINGLE_OPEN}{SINGLE_CLOSE}{SINGLE_STRAIGHT}\n]")
# A quotation running past this many characters without a closing mark is taken as a stray mark.
_MAX_SINGLE_LEN = 400


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch: ``start``/``end`` bound the words inside the marks (stripped)."""

    open_at: int  # index of the opening mark
    close_at: int  # index of the closing mark (or of the last one, over paragraphs)
    start: int
    end: int
    double: bool
    paragraphs: int = 1
    inner_last: str = ""  # the last character inside the marks

    def contains(self, other: Quoted) -> bool:
        return self.open_at < other.open_at and other.close_at < self.close_at


def find_quotes(text: str) -> list[Quoted]:
    """Every outermost quoted stretch of ``text`` in order, nested ones dropped."""
    doubles = _pair_doubles(text)
    singles = _pair_singles(text)
    found = sorted(doubles + singles, key=lambda q: (q.open_at, -q.close_at))
    outer: list[Quoted] = []
    for quoted in found:
        if outer and outer[-1].close_at > quoted.open_at:
            continue  # inside (or crossing) an earlier quotation
        outer.append(quoted)
    return [q for q in outer if q.end > q.start]


def _role(text: str, i: int, opens: str, closes: str) -> str:
    """'open', 'close' or '' for the mark at ``i``, from its glyph and its neighbours."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    looks_open = (before in _BEFORE_OPEN or before.isspace()) and not after.isspace()
    looks_close = not before.isspace() and (not after.isalnum())
    mark = text[i]
    if mark in opens:
        return "close" if looks_close and not looks_open else "open"
    if mark in closes:
        return "open" if looks_open and not looks_close else "close"
    if looks_open and not looks_close:
        return "open"
    if looks_close and not looks_open:
        return "close"
    return ""


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _pair_doubles(text: str) -> list[Quoted]:
    quotes: list[Quoted] = []
    open_at: int | None = None
    first_open: int | None = None  # opening mark of a quote carried over paragraphs
    paragraphs = 1
    line_start = 0
    crossed_line = False  # a line break since the last mark
    for found in _DOUBLE_OR_LINE.finditer(text):
        i, ch = found.start(), found.group()
        if ch == "\n":
            line_start, crossed_line = i + 1, True
            continue
        if crossed_line:
            crossed_line = False
            if open_at is not None and _carries_over(text, open_at, line_start, i):
                first_open = first_open if first_open is not None else open_at
                paragraphs += 1
            else:
                first_open, paragraphs = None, 1
            open_at = None
        role = _role(text, i, DOUBLE_OPEN, DOUBLE_CLOSE) or ("open" if open_at is None else "close")
        if role == "close" and open_at is None and first_open is None and _misplaced_open(text, i):
            role = "open"
        if role == "open":
            if first_open is not None and open_at is None:
                open_at = i  # the reopening mark of a continued quotation
                continue
            if open_at is not None and _sentence_ends_before(text, i):
                # A new quotation opens after a finished sentence: the text lost a paragraph
                # break (or a closing mark); the open quotation ends with that sentence.
                begin = first_open if first_open is not None else open_at
                start, end = _stripped(text, begin + 1, i)
                quotes.append(Quoted(begin, end, start, end, True, paragraphs, text[end - 1]))
            first_open, paragraphs = None, 1
            open_at = i
        elif open_at is not None:
            begin = first_open if first_open is not None else open_at
            start, end = _stripped(text, begin + 1, i)
            quotes.append(Quoted(begin, i, start, end, True, paragraphs, text[end - 1 : end]))
            open_at, first_open, paragraphs = None, None, 1
    return quotes


def _misplaced_open(text: str, i: int) -> bool:
    """An opening mark typed against the comma before it: 'she said," We agree."'.

    Taken as opening only when nothing is open, a capitalised sentence (or an editorial
    "[") follows, and a closing mark ends it in the same paragraph.
    """
    if text[i - 1 : i] not in (",", ":") or text[i + 1 : i + 2] != " ":
        return False
    rest = text[i + 1 :].lstrip(" ")
    if not rest or not (rest[0].isupper() or rest[0] == "["):
        return False
    line_end = text.find("\n", i)
    line_end = len(text) if line_end < 0 else line_end
    following = _DOUBLE_OR_LINE.search(text, i + 1, line_end)
    return following is not None and _role(text, following.start(), DOUBLE_OPEN, DOUBLE_CLOSE) == (
        "close"
    )


def _sentence_ends_before(text: str, i: int) -> bool:
    before = text[max(0, i - 3) : i].rstrip()
    return bool(before) and before[-1] in ".!?" and i - len(before) >= 1


def _carries_over(text: str, open_at: int, line_start: int, next_mark: int) -> bool:
    """Whether a quotation opened at ``open_at`` and left open goes on at ``next_mark``.

    Only when ``next_mark`` opens the paragraph right after the quote's own, and the quote began
    a paragraph or followed a colon or comma, so that a stray mark inside a sentence does not
    swallow what follows.
    """
    if text[line_start:next_mark].strip():
        return False
    if _role(text, next_mark, DOUBLE_OPEN, DOUBLE_CLOSE) == "close":
        return False
    own_end = text.find("\n", open_at)
    if own_end < 0 or text[own_end:line_start].strip():
        return False  # a paragraph without marks lies between
    own_start = text.rfind("\n", 0, open_at) + 1
    lead = text[own_start:open_at].rstrip()
    return not lead or lead[-1] in ":,"


def _pair_singles(text: str) -> list[Quoted]:
    quotes: list[Quoted] = []
    stack: list[int] = []
    for found in _SINGLE_OR_LINE.finditer(text):
        i, ch = found.start(), found.group()
        if ch == "\n":
            stack.clear()
            continue
        before = text[i - 1] if i > 0 else "\n"
        after = text[i + 1] if i + 1 < len(text) else "\n"
        if before.isalnum() and after.isalnum():
            continue  # an apostrophe inside a word: don't, Trump's, O'Neill
        opens = (before in _BEFORE_OPEN or before.isspace()) and after.isalnum()
        closes = not before.isspace() and not after.isalnum()
        if (ch in SINGLE_OPEN or opens) and not closes:
            stack.append(i)
        elif closes and stack:
            begin = stack.pop()
            if i - begin <= _MAX_SINGLE_LEN:
                start, end = _stripped(text, begin + 1, i)
                quotes.append(Quoted(begin, i, start, end, False, 1, text[end - 1 : end]))
    return quotes
