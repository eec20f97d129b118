"""Cleaning of scraped plain text: cut page furniture, keep every sentence of the story.

Input is what crude scrapers and Common Crawl WET records give: every visible line of a page.
Three passes, in the spirit of jusText and boilerpipe:

1. furniture: lines whose whole shape is page furniture (share lines, photo credits, menus,
   timestamps...) from the patterns in ``data/boilerplate.yaml``, and reader appeals (donation,
   newsletter, cookie notices) from counting their cue words;
2. context: captions next to photo credits, whole appeal blocks, lists under "Most popular";
3. story: each remaining line is scored for being prose (length, sentence punctuation, stopword
   density); the densest run of prose is the story, and prose lines are kept there while short,
   link-like lines around it are cut.

Everything cut is reported as ``Removed(text, reason)``; nothing is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from eventwire.data import load_yaml
from eventwire.ingest.language import detect_language
from eventwire.model import Removed

_DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s*(?:\n|\Z)", re.I)
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
# A quotation of three words or more. The runs before the first two spaces hold no space, so
# the regex engine has one way to match from each quote mark: linear time even when the
# closing mark is missing (three free runs took cubic time on an unclosed quote).
_QUOTED = re.compile(
    r"[\"“”«»„][^\"“”«»„\s]*\s[^\"“”«»„\s]*\s[^\"“”«»„]*+[\"“”«»]"
)
_READER = re.compile(r"\b(you|your|yours|we|our|us)\b", re.I)
_REPORTING = re.compile(r"\b(said|says|told|according to|added|asked)\b", re.I)
# A caption that carries its own credit: "Troops near Kyiv. (AFP via Getty Images)".
_TRAILING_CREDIT = re.compile(
    r"(\(([^()]{0,60}/)?[^()]*\b(getty|afp|reuters|ap photo|ap|pa|epa|shutterstock|alamy|"
    r"bloomberg|handout|file photo|supplied)\b[^()]{0,40}\)|"
    r"\b(photo|photograph|image|picture|credit)s?\s*:\s*[^.]{2,60})\s*$",
    re.I,
)
_COMMENTS_HEADER = re.compile(
    r"(\d+ )?(comments?|responses?|replies|thoughts|reactions)( \(\d+\))?"
    r"|(top rated|all|latest|newest|oldest|reader|readers'?|show|view|load|read) comments?.{0,20}"
    r"|\d+ (comments?|responses|replies|thoughts) (to|on) .{1,150}"
    r"|(leave|post|add|write) a (reply|comment|response).{0,40}"
    r"|(join|start) the (discussion|conversation).{0,40}",
    re.I,
)
_COMMENT_META = re.compile(
    r".{1,50} (says|said|wrote|commented|replied)( on .{1,40})?:"
    r"|(reply|report|flag|like|upvote|downvote|permalink|recommend|quote)( this)?( comment)?"
    r"|(rating|score|votes?|likes?|points?):? ?[+-]?\d+( \w+)?|[+-]?\d+ (votes?|likes?|points?)",
    re.I,
)
# Furniture that pages put inside the story; it does not mean the story has ended.
_IN_STORY_FURNITURE = {
    "caption", "photo credit", "media prompt", "advertisement", "donation appeal",
    "newsletter prompt", "share line",
}  # fmt: skip
_MENU_SEPARATOR = re.compile(r"\s+[|•·/»›>]\s+")
# "Daniel Hartley", "Anna de Souza": a bare name, as bylines are printed.
_NAME_LINE = re.compile(
    r"^(?:[A-ZÀ-Ý][\w.'’-]+)(?: (?:[A-ZÀ-Ý][\w.'’-]*|de|van|von|da|al|bin)){1,3}$"
)

# Justext's stopword lists, by the ISO code that the language identifier gives.
_STOPLIST_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish",
    "id": "Indonesian", "ms": "Malay", "tr": "Turkish", "sv": "Swedish", "da": "Danish",
    "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal", "fi": "Finnish", "cs": "Czech",
    "sk": "Slovak", "ro": "Romanian", "hu": "Hungarian", "el": "Greek", "ko": "Korean",
    "ca": "Catalan", "hr": "Croatian", "sr": "Serbian", "bg": "Bulgarian", "ar": "Arabic",
    "fa": "Persian", "he": "Hebrew", "hi": "Hindi", "vi": "Vietnamese", "tl": "Tagalog",
}  # fmt: skip

# Scoring thresholds, in words rather than jusText's characters because lines are whole blocks.
_SHORT_WORDS = 7
_GOOD_WORDS = 10
_LONG_WORDS = 30
# Prose this long without one full stop is a list of headlines or links run together.
_RUN_ON_WORDS = 60
_STOP_GOOD = 0.28
_STOP_NEAR = 0.18
# Text just above a photo credit is its caption when no longer than this.
_CAPTION_MAX_WORDS = 35
_LINE_PATTERN_MAX_WORDS = 90
# Extra cost of each further non-prose line in a row (see _story_region).
_GAP_COST = 2.0


@dataclass
class CleanText:
    text: str
    removed: list[Removed] = field(default_factory=list)
    published: str | None = None
    title: str | None = None


@dataclass
class _Line:
    text: str
    words: int
    stop: float | None
    sentence: bool
    reason: str | None = None
    kind: str = "short"  # good | near | short | bad
    keep: bool = False
    unit: int = 0  # the input line (block) this piece comes from
    split: bool = False  # the input line was cut into pieces
    glue: str = ""  # what stood between this piece and the one before it in its input line


def clean_text(text: str) -> CleanText:
    """Split a page dump into lines, keep the story paragraphs, report the rest with reasons."""
    removed: list[Removed] = []
    published = None
    match = _DATE_LINE.match(text)
    if match:
        published = match.group(1)
        removed.append(Removed(text=match.group(0).strip(), reason="date line"))
        text = text[match.end() :]
    stoplist = _stoplist_for(text)
    lines = [
        _measure(piece, stoplist, number, glue, reason)
        for number, unit in enumerate(_units(text))
        for glue, piece, reason in _pieces(unit, stoplist)
    ]
    for line, before, after in zip(lines, [None, *lines], [*lines[1:], None], strict=False):
        line.split = any(other and other.unit == line.unit for other in (before, after))
        line.reason = line.reason or _furniture(line)
    _context(lines)
    start, end = _story_region(lines)
    published = published or _timestamp_date(lines[:start])
    furniture = [line.reason for line in lines]
    title = _decide(lines, start, end)
    if not any(line.keep for line in lines):
        # No prose at all (a headline, a list): keep what is not furniture rather than nothing.
        title = None
        for line, reason in zip(lines, furniture, strict=True):
            line.keep, line.reason = reason is None, reason
    _keep_glued_pieces(lines, furniture)
    removed += _removed_pieces(lines)
    return CleanText(_paragraphs(lines), removed, published, title)


def _removed_pieces(lines: list[_Line]) -> list[Removed]:
    """Cut pieces with their reasons; pieces of one line cut for the same reason, or glued
    without a space ("Whats" "App"), are reported together as they were written."""
    pieces: list[tuple[list[str], str]] = []  # (parts of the text, reason)
    previous: _Line | None = None
    for line in lines:
        if line.keep:
            previous = None
            continue
        if (
            previous
            and previous.unit == line.unit
            and (not line.glue or previous.reason == line.reason)
        ):
            pieces[-1][0].extend((line.glue, line.text))
        else:
            pieces.append(([line.text], line.reason or ""))
        previous = line
    return [Removed(text="".join(parts), reason=reason) for parts, reason in pieces]


def _paragraphs(lines: list[_Line]) -> str:
    """Kept pieces of one input line make one paragraph again, as they were written."""
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    for line in lines:
        if line.keep:
            if previous is not None and previous.keep and previous.unit == line.unit:
                paragraphs[-1] += [line.glue, line.text]
            else:
                paragraphs.append([line.text])
        previous = line
    return "\n\n".join("".join(parts) for parts in paragraphs)


def _keep_glued_pieces(lines: list[_Line], furniture: list[str | None]) -> None:
    """A piece cut only for its size ("You" of "YouTube said") goes back to a kept neighbour
    it was glued to without a space, so a split never cuts a word of the story."""
    for i, line in enumerate(lines):
        if line.keep or furniture[i] is not None:
            continue
        after = lines[i + 1] if i + 1 < len(lines) else None
        before = lines[i - 1] if i > 0 else None
        if (after and after.keep and after.unit == line.unit and not after.glue) or (
            before and before.keep and before.unit == line.unit and not line.glue
        ):
            line.keep, line.reason = True, None


# --- lines and their measures ----------------------------------------------------------------


def _units(text: str) -> list[str]:
    """Non-blank lines, whitespace normalised; hard-wrapped prose lines are joined again."""
    # Each unit as its list of lines, with the word count of the last one: joining and
    # re-counting a growing unit line by line took quadratic time on a long wrapped text.
    units: list[list[str]] = []
    unit_words = 0
    previous_blank = True
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            previous_blank = True
            continue
        words = len(line.split())
        if units and not previous_blank and _continues(units[-1][-1], unit_words, line, words):
            units[-1].append(line)
            unit_words += words
        else:
            units.append([line])
            unit_words = words
        previous_blank = False
    return [" ".join(lines) for lines in units]


# Where a long line is cut into pieces to be judged one by one: after a sentence (not after
# "Mr." or an initial), and where two words were glued without a space ("MenuHomeNews"), as
# dumps that drop the breaks between inline elements give them.
_SENTENCE_BREAK = re.compile(
    r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|No|vs))(?<!\b(?:Mrs|Gen|Sen|Rep|Gov|Col|Sgt|Inc|Ltd))"
    r"[.!?…][\"'”’»)\]]*(\s+)(?=[\"“‘«(\[]?[A-ZÀ-Ý0-9])"
)
_GLUED_WORDS = re.compile(r"(?:(?<=[a-zà-ÿ]{2})|(?<=[a-zà-ÿ][.!?:)]))(?=[A-ZÀ-Ý][a-zà-ÿ])")
# Lines up to this long are judged whole, as before; longer ones are judged piece by piece.
_SPLIT_WORDS = 40


# A picture credit in parentheses ends a caption even when the next text is glued to it.
_CREDIT_BREAK = re.compile(
    r"\((?:[^()]{0,40}\b(?:image|photo|picture|credit|getty|afp|reuters|ap|epa)\b[^()]{0,40})\)"
    r"(\s*)(?=\S)",
    re.I,
)
# A run of this many words with few stopwords at the head of a long piece is a menu or a
# list of links glued to the text that follows.
_MENU_HEAD_WORDS = 8
_MENU_HEAD_STOP = 0.2
# ... or one of mostly capitalised words ("Home Local News Business Jobs Contact"), as menus
# are, even when some of them are on the stopword list.
_MENU_CAPITALS = 0.75


def _pieces(unit: str, stoplist: frozenset[str] | None) -> list[tuple[str, str, str | None]]:
    """(glue before, piece, reason if already known furniture) for the parts of a line that
    are judged one by one."""
    words = len(unit.split())
    if words <= _GOOD_WORDS:
        return [("", unit, None)]
    cuts = {(m.start(), m.start()) for m in _GLUED_WORDS.finditer(unit)}
    cuts |= {(m.start(1), m.end(1)) for m in _CREDIT_BREAK.finditer(unit)}
    if words > _SPLIT_WORDS:
        cuts |= {(m.start(1), m.end(1)) for m in _SENTENCE_BREAK.finditer(unit)}
    pieces: list[tuple[str, str]] = []
    start, glue = 0, ""
    for cut_start, cut_end in sorted(cuts):
        if cut_start > start:
            pieces.append((glue, unit[start:cut_start]))
            start, glue = cut_end, unit[cut_start:cut_end]
    pieces.append((glue, unit[start:]))
    if stoplist is None:
        return [(glue, piece, None) for glue, piece in pieces]
    return [part for glue, piece in pieces for part in _split_menu_head(glue, piece, stoplist)]


# The header of a list of other articles, glued to the list: "Related articles Floods hit...".
_LIST_HEADER = re.compile(
    r"(related( articles?| stories| content| coverage)?|most (read|popular|viewed|shared)|"
    r"trending( now)?|top stories|recommended( for you)?|more (stories|news)|"
    r"(read|see) (more|also|next)|you (may|might) (also )?like|editor'?s picks|don'?t miss)\b",
    re.I,
)


def _split_menu_head(
    glue: str, piece: str, stoplist: frozenset[str]
) -> list[tuple[str, str, str | None]]:
    """Cut a long stopword-poor head ("Home News World Sport Sign in") off the prose after it.

    The prose starts where the run with the most stopwords (a maximum subarray, each stopword
    +0.75 and each other word -0.25) starts, moved back over a capitalised word or two so the
    sentence keeps its subject.
    """
    tokens = list(re.finditer(r"\S+", piece))
    if len(tokens) < 2 * _MENU_HEAD_WORDS:
        return [(glue, piece, None)]
    is_stop = [_token_word(t.group()) in stoplist for t in tokens]
    best, best_start, total, start = 0.0, 0, 0.0, 0
    for i, stop in enumerate(is_stop):
        if total <= 0:
            total, start = 0.0, i
        total += 0.75 if stop else -0.25
        if total > best:
            best, best_start = total, start
    while best_start > 0 and tokens[best_start - 1].group()[:1].islower():
        best_start -= 1  # back over "recognizes" to the start of the clause
    if best_start > 0 and tokens[best_start - 1].group()[:1].isupper():
        best_start -= 1
    head = is_stop[:best_start]
    if len(head) < (3 if _LIST_HEADER.match(piece) else _MENU_HEAD_WORDS):
        return [(glue, piece, None)]
    capitals = sum(t.group()[:1].isupper() for t in tokens[:best_start]) / len(head)
    stop = sum(head) / len(head)
    menu = stop <= _MENU_HEAD_STOP or (capitals >= _MENU_CAPITALS and stop <= _STOP_NEAR + 0.1)
    if not menu and not (_LIST_HEADER.match(piece) and stop < _STOP_GOOD + 0.1):
        return [(glue, piece, None)]
    cut = tokens[best_start].start()
    # A list under its header is surely furniture; a head without one is judged as a line.
    reason = "related links" if _LIST_HEADER.match(piece) else None
    return [
        (glue, piece[:cut].rstrip(), reason),
        (piece[tokens[best_start - 1].end() : cut], piece[cut:], None),
    ]


def _token_word(token: str) -> str:
    return token.strip("\"'“”‘’«»()[],.:;!?").lower()


def _continues(previous: str, previous_words: int, line: str, line_words: int) -> bool:
    # A wrapped sentence: the previous line stops mid-sentence and this one goes on in lowercase.
    return (
        line[0].islower()
        and (previous[-1].isalpha() or previous[-1] in ",;-")
        and previous_words >= 8
        and line_words >= 3
    )


def _measure(
    text: str,
    stoplist: frozenset[str] | None,
    unit: int = 0,
    glue: str = "",
    reason: str | None = None,
) -> _Line:
    tokens = _WORD.findall(text)
    cjk = len(_CJK.findall(text))
    # CJK runs are one \w+ token; about two characters make a word.
    words = len(tokens) + cjk // 2 if cjk else len(tokens)
    stop = None
    if stoplist is not None and tokens and not cjk:
        stop = sum(token.lower() in stoplist for token in tokens) / len(tokens)
    sentence = bool(_SENTENCE_END.search(text))
    return _Line(text, words, stop, sentence, reason=reason, unit=unit, glue=glue)


def _stoplist_for(text: str) -> frozenset[str] | None:
    language = detect_language(text)
    name = _STOPLIST_NAMES.get(language or "")
    return _stoplist(name) if name else None


@lru_cache(maxsize=8)
def _stoplist(name: str) -> frozenset[str] | None:
    try:
        import justext

        return frozenset(justext.get_stoplist(name))
    except (ImportError, ValueError):
        return None


# --- pass 1: furniture by shape --------------------------------------------------------------


@lru_cache(maxsize=1)
def _patterns() -> tuple[list[tuple[str, re.Pattern[str]]], dict[str, list[re.Pattern[str]]]]:
    data = load_yaml("boilerplate.yaml")
    lines = [
        (reason, re.compile(pattern, re.I))
        for reason, patterns in data["lines"].items()
        for pattern in patterns
    ]
    cues = {
        reason: [re.compile(rf"\b(?:{pattern})\b", re.I) for pattern in patterns]
        for reason, patterns in data["cues"].items()
    }
    return lines, cues


def _furniture(line: _Line) -> str | None:
    line_patterns, cues = _patterns()
    if not _WORD.search(line.text):
        return "no words"
    items = _MENU_SEPARATOR.split(line.text)
    if len(items) >= 3 and all(len(item.split()) <= 3 for item in items):
        return "navigation"  # "Home | Politics | Culture"
    if line.words <= _LINE_PATTERN_MAX_WORDS:
        bare = line.text.strip(" \t|•·*>-–—»›.:…!")
        for reason, pattern in line_patterns:
            if pattern.fullmatch(bare):
                return reason
    return _appeal(line, cues)


def _appeal(line: _Line, cues: dict[str, list[re.Pattern[str]]]) -> str | None:
    """Donation, newsletter or cookie text: several cue words, spoken to the reader."""
    if (_REPORTING.search(line.text) or _QUOTED.search(line.text)) and line.words > 6:
        return None  # speech in the story: "We need your support," the mayor said.
    best, best_hits = None, 0
    for reason, patterns in cues.items():
        hits = sum(bool(p.search(line.text)) for p in patterns)
        if hits > best_hits:
            best, best_hits = reason, hits
    if best is None:
        return None
    if line.words <= 6 and not line.sentence:
        return best  # a button or a form label: "Support now", "Email address", "Sign up"
    # A long paragraph needs more cues: an article about subscriptions or advertising names
    # them too, but an appeal is nothing else.
    needed = max(2, round(line.words / 12))
    if best_hits >= needed and (_READER.search(line.text) or best_hits >= 3):
        return best
    return None


# --- pass 2: furniture by context ------------------------------------------------------------


def _context(lines: list[_Line]) -> None:
    for line in lines:
        if line.reason is None and _TRAILING_CREDIT.search(line.text) and line.words <= 50:
            line.reason = "caption"
    for i, line in enumerate(lines):
        # The text just above a photo credit or an image prompt describes the picture.
        if line.reason in ("photo credit", "media prompt") and i > 0:
            above = lines[i - 1]
            if above.reason is None and above.words <= _CAPTION_MAX_WORDS:
                above.reason = "caption"
    _appeal_blocks(lines)
    _related_lists(lines)
    _bylines(lines)
    _comment_threads(lines)
    _teaser_cards(lines)
    _truncated_teasers(lines)
    _repeats(lines)


def _appeal_blocks(lines: list[_Line]) -> None:
    """Lines between two parts of one appeal that speak to the reader belong to the appeal,
    and so does a neighbour that speaks to the reader with one cue of the same kind."""
    appeals = ("donation appeal", "newsletter prompt", "cookie notice")
    _, cues = _patterns()
    # Spread from each appeal line to its neighbours, and on from every line that joins (a
    # work list: a pass over all lines per step took quadratic time on a long chain).
    todo = [i for i, line in reversed(list(enumerate(lines))) if line.reason in appeals]
    while todo:
        i = todo.pop()
        reason = lines[i].reason
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and lines[j].reason is None:
                other = lines[j]
                if (
                    _READER.search(other.text)
                    and not _REPORTING.search(other.text)
                    and any(p.search(other.text) for p in cues[reason])
                ):
                    other.reason = reason
                    todo.append(j)
    marked = [i for i, line in enumerate(lines) if line.reason in appeals]
    for a, b in zip(marked, marked[1:], strict=False):
        if 1 < b - a <= 4 and lines[a].reason == lines[b].reason:
            between = lines[a + 1 : b]
            if all(ln.reason is None and _READER.search(ln.text) for ln in between):
                for ln in between:
                    ln.reason = lines[a].reason


def _related_lists(lines: list[_Line]) -> None:
    """After a "Most popular" or "More about" header, the short lines are its links."""
    in_list = False
    for line in lines:
        if line.reason == "related links" and line.words <= 6:
            in_list = True
        elif in_list and line.reason is None:
            if _is_prose(line):
                in_list = False  # the list has ended and text goes on
            else:
                line.reason = "related links"
        elif in_list and line.reason == "no words":
            line.reason = "related links"  # bullets and separators inside the list


def _bylines(lines: list[_Line]) -> None:
    """A bare name next to a timestamp is the byline."""
    for i, line in enumerate(lines):
        if line.reason is None and _NAME_LINE.match(line.text) and line.words <= 4:
            near = lines[max(0, i - 2) : i + 3]
            if any(ln.reason in ("timestamp", "byline") for ln in near):
                line.reason = "byline"


def _comment_threads(lines: list[_Line]) -> None:
    """From a comments header followed by a thread (names with "says:", ratings, replies),
    the rest of the page is readers' comments."""
    for i, line in enumerate(lines):
        if not _COMMENTS_HEADER.fullmatch(line.text.strip(" []()")):
            continue
        window = lines[i + 1 : i + 30]
        replies = sum(bool(_COMMENT_META.fullmatch(ln.text)) for ln in window)
        stamps = sum(ln.reason == "timestamp" for ln in window)
        if replies >= 2 or stamps >= 3:
            for ln in lines[i:]:
                ln.reason = ln.reason or "comments"
            return


def _teaser_cards(lines: list[_Line]) -> None:
    """Headline, byline or date, then a paragraph, again and again: other articles' teasers.

    A story's own subheadings are not followed by a byline or a date, so one such card is
    left alone; two or more in a row are a list of other articles.
    """
    cards: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        if line.reason is not None or not _is_prose(line):
            continue
        j = i - 1
        while j >= 0 and i - j <= 3 and lines[j].reason in ("byline", "timestamp"):
            j -= 1
        head = lines[j] if j >= 0 else None
        headline_like = head is not None and head.reason is None and 4 <= head.words <= 25
        if j < i - 1 and headline_like and not lines[j].text.endswith("."):
            cards.append((j, i))
    groups: list[list[tuple[int, int]]] = []
    for card in cards:
        if groups and card[0] - groups[-1][-1][1] <= 2:
            groups[-1].append(card)
        else:
            groups.append([card])
    for group in groups:
        if len(group) >= 2:
            for first, last in group:
                for line in lines[first : last + 1]:
                    line.reason = line.reason or "related links"


_TRUNCATED = re.compile(r"\w(\.\.\.|…)$")


def _truncated_teasers(lines: list[_Line]) -> None:
    """Paragraphs cut off mid-word or mid-sentence ("...available via Windows 10 Upd...") two
    or more in a row are excerpts of other articles; a story does not end its paragraphs so."""
    marked = [i for i, line in enumerate(lines) if _TRUNCATED.search(line.text)]
    for a, b in zip(marked, marked[1:], strict=False):
        if b - a <= 2:
            for line in (lines[a], lines[b]):  # a headline between them goes by its shape
                line.reason = line.reason or "related links"


def _repeats(lines: list[_Line]) -> None:
    """A line that repeats an earlier one word for word is a menu, teaser or pull quote."""
    seen: set[str] = set()
    for line in lines:
        key = line.text.lower()
        if key in seen and line.reason is None and line.words >= 3:
            line.reason = "repeated line"
        seen.add(key)


# --- pass 3: the story -----------------------------------------------------------------------


def _long_prose(line: _Line) -> bool:
    return line.words >= _LONG_WORDS and (
        line.words <= _RUN_ON_WORDS or _SENTENCE_BREAK.search(line.text) is not None
    )


def _is_prose(line: _Line) -> bool:
    if line.stop is None:
        return line.sentence and line.words >= _GOOD_WORDS
    return (
        line.words >= _GOOD_WORDS
        and line.stop >= _STOP_GOOD
        and (line.sentence or _long_prose(line))
    )


def _classify(line: _Line) -> str:
    if line.reason:
        return "bad"
    if _is_prose(line):
        return "good"
    if line.words < _SHORT_WORDS:
        return "short"
    if line.stop is None or line.stop >= _STOP_NEAR:
        return "near"
    return "bad"


def _weight(line: _Line) -> float:
    if line.kind == "good":
        return float(min(line.words, 80))
    if line.kind == "near":
        return 0.3 * line.words if line.sentence else -1.0
    if line.kind == "short":
        return 0.5 if line.sentence else -2.0
    return -2.0 - 0.1 * min(line.words, 30)


def _story_region(lines: list[_Line]) -> tuple[int, int]:
    """The run of lines with the most prose weight (maximum subarray): [start, end).

    Each line that is not prose in a row costs more than the one before, so a story can carry a
    caption or an appeal box in its middle but not a page of teasers after a menu.
    """
    for line in lines:
        line.kind = _classify(line)
    best, best_span = 0.0, (0, 0)
    total, start, gap = 0.0, 0, 0
    for i, line in enumerate(lines):
        if total <= 0:
            total, start = 0.0, i
        weight = _weight(line)
        if weight > 0:
            gap = 0
        elif line.reason not in _IN_STORY_FURNITURE:
            gap += 1
        total += weight - _GAP_COST * max(0, gap - 1)
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _decide(lines: list[_Line], start: int, end: int) -> str | None:
    """Mark kept lines and give the cut ones a reason; return the headline if one is clear."""
    title_at = _headline_index(lines, start)
    listed = _in_label_runs(lines, start, end)
    for i, line in enumerate(lines):
        if line.reason:
            continue
        inside = start <= i < end
        if inside and (line.kind in ("good", "near") or line.sentence):
            line.keep = True
        elif inside and line.words >= 2 and i not in listed:
            line.keep = True  # a subheading or a list item of the story
        elif i == title_at:
            line.reason = "headline"
        elif title_at is not None and title_at < i < start and line.words >= _SHORT_WORDS:
            line.reason = "standfirst"
        elif inside:
            line.reason = "menu or tag list" if i in listed else "label"
        elif line.words <= 3:
            line.reason = "navigation"
        elif i >= end and not line.sentence:
            line.reason = "related links"
        else:
            line.reason = (
                "short line outside the story"
                if line.kind == "short"
                else ("text outside the story")
            )
    return lines[title_at].text if title_at is not None else None


def _in_label_runs(lines: list[_Line], start: int, end: int) -> set[int]:
    """Indexes of short non-prose lines that come three or more in a row: menus and tag lists."""
    runs: set[int] = set()
    run: list[int] = []
    for i in range(start, end + 1):
        if i < end and lines[i].reason:
            continue  # furniture already cut neither makes nor breaks a run
        if i < end and lines[i].kind in ("short", "bad") and not lines[i].sentence:
            run.append(i)
            continue
        if len(run) >= 3:
            runs.update(run)
        run = []
    return runs


_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\b", re.I
)
_MONTH_DAY_YEAR = re.compile(
    r"\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def _timestamp_date(header: list[_Line]) -> str | None:
    """The publication date printed above the story ("Thursday 13 March 2025 21:40 GMT").

    Only dates written out with their year count: "3 hours ago" says nothing without the
    time of the crawl.
    """
    for line in header:
        if line.reason != "timestamp":
            continue
        if match := _ISO_DATE.search(line.text):
            year, month, day = (int(g) for g in match.groups())
        elif match := _DAY_MONTH_YEAR.search(line.text):
            day, month, year = int(match[1]), _MONTHS.get(match[2].lower(), 0), int(match[3])
        elif match := _MONTH_DAY_YEAR.search(line.text):
            month, day, year = _MONTHS.get(match[1].lower(), 0), int(match[2]), int(match[3])
        else:
            continue
        if 1 <= month <= 12 and 1 <= day <= 31 and 1900 < year < 2100:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _headline_index(lines: list[_Line], start: int) -> int | None:
    """The first headline-shaped line in the dozen lines above the story."""
    for i in range(max(0, start - 12), start):
        line = lines[i]
        shaped = line.reason is None and 4 <= line.words <= 30 and not line.text.endswith(".")
        if shaped and not _NAME_LINE.match(line.text):
            return i
    return None
