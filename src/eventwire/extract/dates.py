"""When an event happened, from the words of the text, resolved against the publication date.

Two layers:

* :func:`resolve` turns one date expression ("in 2023", "last March", "on Tuesday", "the
  following year") into a :class:`DateValue`, given the publication date and, for anaphoric
  expressions, the date the text is currently talking about (the anchor).
* :class:`DateScope` dates an event in a parsed document. A date scopes over its clause: an event
  takes the date attached to its own clause or to a clause that governs it; otherwise the date
  of the paragraph so far (a background paragraph that opens "In 2023, ..." keeps talking about
  2023); otherwise, for an act the text places before the news (past perfect, "earlier",
  "previously"), no date (``basis="undated"``): a background act is never given the day the
  article appeared; otherwise the publication date, flagged with ``basis="publication"``.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc, Span, Token

from eventwire.extract.event_lexicon import lexicon
from eventwire.extract.event_words import EventWords, event_words
from eventwire.extract.syntax import NUMBER_WORDS as _NUMBERS
from eventwire.extract.syntax import clause_of
from eventwire.nlp.doctext import doc_text, line_break_tokens, paragraphs
from eventwire.nlp.lexicon import lexicon as roles_lexicon

Basis = Literal["explicit", "relative", "carried", "publication", "undated"]

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS.pop("may", None)  # "may" is far more often the modal verb; the full month is re-added
MONTHS["may"] = 5
_CAPITAL_MAY = re.compile(r"\bMay\b")
MONTHS["sept"] = 9  # AP style: "Sept. 1"
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"((?:19|20)\d\d)"
_FULL_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b")
_FULL_MDY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b")
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b")
_DAY_MONTH = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?)\b"
)
_MONTH_ONLY = re.compile(rf"\b(last|next|this|early|mid|late|in)?[\s-]*{_MONTH}\b")
_YEAR_ONLY = re.compile(rf"(?<!\d)(?<!\d-){_YEAR}(?!s|\d|-\d)")  # "mid-2019", not "2018-19"
_WEEKDAY = re.compile(r"\b(last|next|this|on|coming)?\s*(" + "|".join(WEEKDAYS) + r")\b")
_AGO = re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                  r"(day|week|month|year|decade)s?\s+ago\b")
# Expressions that point back at the date the text is already talking about.
_SAME_AS_ANCHOR = re.compile(
    r"\b(at the time|that (day|week|month|year)|the same (day|week|month|year)|later that "
    r"(day|week|month|year)|earlier that (day|week|month|year)|(?<!since )(?<!until )"
    r"(?<!till )(?<!from )then)\b"
)
_MONTH_OF_YEAR = re.compile(
    rf"\b{_MONTH},?\s+(?:of\s+)?(that year|the same year|last year|this year|next year|"
    r"the (?:following|next|previous) year)\b")
# "days later", "weeks afterwards", "months later": an unsized step (not "years later").
_VAGUE_STEP = re.compile(
    r"\b(day|week|month)s (?:later|afterwards|after|earlier|before)\b(?! the| a| an)")
# "the following year", "two months later", "the day before": a step from the anchor date.
_ANCHOR_STEP = re.compile(
    r"\b(?:(?P<side>the following|the next|the previous|the preceding) (?P<unit1>day|week|month|"
    r"year)|the (?P<unit2>day|week|month|year) (?P<side2>before|after)|(?P<count>\d+|a|an|one|"
    r"two|three|four|five|six|seven|eight|nine|ten) (?P<unit3>day|week|month|year)s? "
    r"(?P<side3>later|earlier|after|before)(?! the| a| an| his| her| its| their))\b"
)
_DECADE = re.compile(r"\b(19|20)\d0s\b")
_TODAY = re.compile(r"\btoday\b|\btonight\b|\bthis (morning|afternoon|evening)\b")
_YESTERDAY = re.compile(r"\byesterday\b")
_TOMORROW = re.compile(r"\btomorrow\b")
# "last/this/next year", "... month", "... week": (step, year, month and week patterns)
_LAST_THIS_NEXT = [
    (delta, *(re.compile(rf"\b{word} {unit}\b") for unit in ("year", "month", "week")))
    for word, delta in (("last", -1), ("this", 0), ("next", 1))]


@dataclass(frozen=True)
class DateValue:
    """A date at the precision the text gives: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

    value: str
    basis: Basis


def _day(day: date, basis: Basis) -> DateValue:
    return DateValue(day.isoformat(), basis)


def _month(year: int, month: int, basis: Basis) -> DateValue:
    return DateValue(f"{year:04d}-{month:02d}", basis)


def _shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _recent_month(month: int, published: date, strictly_before: bool = False) -> DateValue:
    """The most recent ``month`` not after the publication month (before it if ``strictly``)."""
    year = published.year
    if month > published.month or (strictly_before and month == published.month):
        year -= 1
    return _month(year, month, "relative")


def _recent_weekday(weekday: int, published: date, qualifier: str) -> DateValue:
    back = (published.weekday() - weekday) % 7
    if qualifier in {"next", "coming"}:
        return _day(published + timedelta(days=(weekday - published.weekday()) % 7 or 7),
                    "relative")
    if qualifier == "last" and back == 0:
        back = 7
    return _day(published - timedelta(days=back), "relative")


@lru_cache(maxsize=8192)  # (a pure function: the same expressions recur across a corpus)
def resolve(text: str, published: date | None, anchor: DateValue | None = None,
            frame: DateValue | None = None, ahead: bool = False) -> DateValue | None:
    """The date an expression names, or None when it names none we can place.

    ``frame`` is the earlier date the passage is about ("In 2012, ... In April, ..."): a month
    or day named without a year falls in its year when that is not the publication year.
    ``ahead`` reads a bare day, weekday or month as the next one rather than the last ("will
    visit in August", "talks are due to resume on Monday")."""
    low = text.lower().strip()
    # a capital "May" is the month, however bare ("In May, Russia attacked ..."); a lowercase
    # one alone is the modal verb
    month_may = _CAPITAL_MAY.search(text) is not None
    if found := _ISO.search(low):
        return DateValue("-".join(found.groups()), "explicit")
    if found := _FULL_DMY.search(low):
        day, month, year = found.groups()
        return _safe_day(int(year), MONTHS[month], int(day))
    if found := _FULL_MDY.search(low):
        month, day, year = found.groups()
        return _safe_day(int(year), MONTHS[month], int(day))
    if found := _MONTH_YEAR.search(low):
        month, year = found.groups()
        return _month(int(year), MONTHS[month], "explicit")
    if _DECADE.search(low):
        return None  # a decade is background colour, not an event date
    if found := _YEAR_ONLY.search(low):
        return DateValue(found.group(1), "explicit")
    if (found := _MONTH_OF_YEAR.search(low)) and (
            year := _year_of(found.group(2), published, anchor)) is not None:
        # "in May of that year", "in February last year"
        return _month(year, MONTHS[found.group(1)], "relative")
    if found := _SAME_AS_ANCHOR.search(low):
        if anchor is None:
            return None
        # "later that year" is that year, not the month the text was on
        width = {"year": 4, "month": 7}.get(found.group(0).rsplit(" ", 1)[-1], 10)
        return DateValue(anchor.value[:width], anchor.basis)
    if found := _ANCHOR_STEP.search(low):
        return anchor and _step(anchor, found)
    if found := _VAGUE_STEP.search(low):
        return anchor and _vague_step(anchor, found.group(1))
    background = frame is not None and (
        published is None or frame.value[:4] != str(published.year))
    if background and (value := _in_year(low, int(frame.value[:4]), month_may)):
        if value.value[:7] < frame.value[:7] and (
                later := _in_year(low, int(frame.value[:4]) + 1, month_may)) and (
                published is None or later.value[:7] <= published.isoformat()[:7]):
            # "Since October 2023, cables have been cut. In January, ...": the story runs on,
            # so a month before the frame's own is the next year's (when that is not to come)
            return later
        return value
    if published is None:
        return None
    return _relative(low, published, ahead, month_may)


def _year_of(words: str, published: date | None, anchor: DateValue | None) -> int | None:
    """The year "that year", "last year", "the following year" point at."""
    if words in {"that year", "the same year"}:
        return int(anchor.value[:4]) if anchor else None
    if words.startswith("the "):
        step = -1 if "previous" in words else 1
        return int(anchor.value[:4]) + step if anchor else None
    if published is None:
        return None
    return published.year + {"last year": -1, "this year": 0, "next year": 1}[words]


def _month_day(found: re.Match[str]) -> tuple[int, int]:
    """Month and day of a :data:`_DAY_MONTH` match ("3 March", "March 3")."""
    day_a, month_a, month_b, day_b = found.groups()
    return MONTHS[month_a or month_b], int(day_a or day_b)


def _in_year(low: str, year: int, month_may: bool = False) -> DateValue | None:
    """A month or day named without a year ("in April", "on March 3") in the given year."""
    if found := _DAY_MONTH.search(low):
        value = _safe_day(year, *_month_day(found))
        return value and DateValue(value.value, "relative")
    if (found := _MONTH_ONLY.search(low)) and found.group(1) not in {"last", "next", "this"}:
        if found.group(2) == "may" and found.group(1) is None and not month_may:
            return None  # bare "may" is the modal verb
        return _month(year, MONTHS[found.group(2)], "relative")
    return None


def _vague_step(anchor: DateValue, unit: str) -> DateValue:
    """ "days later", "weeks after": near the anchor, at the precision the step leaves sure."""
    parts = anchor.value.split("-")
    if unit in {"day", "week"}:
        return DateValue("-".join(parts[:2]), "relative")  # the same month, roughly
    return DateValue(parts[0], "relative")  # "months later": the same year, roughly


def _step(anchor: DateValue, found: re.Match[str]) -> DateValue:
    """The anchor moved by the step an expression names, at the coarser of the two precisions."""
    unit = found.group("unit1") or found.group("unit2") or found.group("unit3")
    side = found.group("side") or found.group("side2") or found.group("side3")
    count = found.group("count")
    amount = (_NUMBERS.get(count) or int(count)) if count else 1
    if side in {"the previous", "the preceding", "before", "earlier"}:
        amount = -amount
    parts = [int(p) for p in anchor.value.split("-")]
    if unit == "year" or len(parts) == 1:
        if unit != "year":
            return DateValue(anchor.value, "relative")  # "a week later" than a year: same year
        if len(parts) >= 2 and found.group("unit3"):
            # "a year earlier" than February 2018 is February 2017 ("the following year", "the
            # year before" are only the calendar year)
            return _month(parts[0] + amount, parts[1], "relative")
        return DateValue(str(parts[0] + amount), "relative")
    if unit == "month" or len(parts) == 2:
        if unit in {"day", "week"}:
            return DateValue(anchor.value, "relative")
        return _month(*_shift_months(parts[0], parts[1], amount), "relative")
    day = date(*parts) + timedelta(days=amount * (7 if unit == "week" else 1))
    return _day(day, "relative")


def _safe_day(year: int, month: int, day: int) -> DateValue | None:
    try:
        return _day(date(year, month, day), "explicit")
    except ValueError:
        return _month(year, month, "explicit")


def _relative(low: str, published: date, ahead: bool = False,
              month_may: bool = False) -> DateValue | None:
    """Expressions resolved against the publication date."""
    if _TODAY.search(low):
        return _day(published, "relative")
    if _YESTERDAY.search(low):
        return _day(published - timedelta(days=1), "relative")
    if _TOMORROW.search(low):
        return _day(published + timedelta(days=1), "relative")
    if found := _AGO.search(low):
        amount = _NUMBERS.get(found.group(1)) or int(found.group(1))
        unit = found.group(2)
        if unit in {"day", "week"}:
            days = amount * (7 if unit == "week" else 1)
            return _day(published - timedelta(days=days), "relative")
        if unit == "month":
            return _month(*_shift_months(published.year, published.month, -amount), "relative")
        return DateValue(str(published.year - amount * (10 if unit == "decade" else 1)),
                         "relative")
    for delta, that_year, that_month, that_week in _LAST_THIS_NEXT:
        if that_year.search(low):
            return DateValue(str(published.year + delta), "relative")
        if that_month.search(low):
            return _month(*_shift_months(published.year, published.month, delta), "relative")
        if that_week.search(low):
            day = published + timedelta(days=7 * delta)
            return _month(day.year, day.month, "relative")
    if found := _DAY_MONTH.search(low):
        month, day = _month_day(found)
        today = (published.month, published.day)
        # the last such day, or with ``ahead`` the next one (today counts as both)
        year = published.year + ((month, day) < today if ahead else -((month, day) > today))
        value = _safe_day(year, month, day)
        return value and DateValue(value.value, "relative")
    if found := _WEEKDAY.search(low):
        qualifier = found.group(1) or ("next" if ahead else "")
        return _recent_weekday(WEEKDAYS[found.group(2)], published, qualifier)
    if found := _MONTH_ONLY.search(low):
        qualifier, month = found.groups()
        if month == "may" and qualifier in {None, "this"} and not month_may:
            return None  # bare "may" is the modal verb
        if qualifier == "next" or (ahead and qualifier != "last"):
            year = published.year + (MONTHS[month] < published.month
                                     or (qualifier == "next" and MONTHS[month] == published.month))
            return _month(year, MONTHS[month], "relative")
        return _recent_month(MONTHS[month], published, strictly_before=qualifier == "last")
    return None


def parse_published(published: str | None) -> date | None:
    """The document's publication date (ISO ``YYYY-MM-DD``), or None when absent or odd."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


# Openers that make a paragraph continue the story of the paragraph before it.
_CONTINUES = re.compile(
    r"^\W*(at the time|that (day|week|month|year)|then|later that|the same (day|week|month|year))",
    re.IGNORECASE,
)


# "18 years after ...": how many years, in figures or words
_YEARS_COUNT = re.compile(r"(?:about |some |nearly |almost |more than )?(\d{1,3}|[a-z]+) years?")


@dataclass
class _Found:
    span: Span
    value: DateValue
    head: Token  # the verb or noun the expression modifies


_DATE_LABELS = frozenset({"DATE", "TIME"})


def _date_entities(doc: Doc, tokens: Sequence[Token],
                   holidays: Mapping[str, str] | None = None) -> list[Span]:
    """The document's DATE and TIME entities, in text order, read from the words' entity
    tags (the same spans as ``doc.ents`` gives, without a ``Token`` made per word); and the
    days of the year ``holidays`` names, which the tagger calls events ("New Year's Day")."""
    found: list[Span] = []
    holidays = holidays or {}
    start, label = -1, ""

    def close(end: int) -> None:
        span = Span(doc, start, end, label=label)
        if label != "EVENT" or _holiday(span.text, holidays):
            found.append(span)

    for word in tokens:
        iob = word.ent_iob_
        if start >= 0 and iob != "I":
            close(word.i)
            start = -1
        if iob == "B" and (word.ent_type_ in _DATE_LABELS
                           or holidays and word.ent_type_ == "EVENT"):
            start, label = word.i, word.ent_type_
    if start >= 0:
        close(len(doc))
    return found


def _holiday(named: str, holidays: Mapping[str, str]) -> str | None:
    """ "New Year's Day" -> "January 1": a day of the year a holiday's name gives
    (``date_holidays``), as a month and day the resolver reads; None for any other words."""
    low = named.lower().replace("’", "'").strip()
    low = low.removeprefix("on ").removeprefix("the ").strip()
    day = holidays.get(low)
    if day is None:
        return None
    month, number = (int(part) for part in day.split("-"))
    return f"{calendar.month_name[month]} {number}"


class DateScope:
    """Dates the events of one parsed document (see the module docstring)."""

    def __init__(self, doc: Doc, published: str | None,
                 words: EventWords | None = None, tokens: Sequence[Token] | None = None) -> None:
        self.doc = doc
        # the doc's tokens as the words a date hangs from are taken (the coder's Words, whose
        # heads and dependents are read once; else spaCy's)
        self.tokens = doc if tokens is None else tokens
        self.published = parse_published(published)
        self.words = words or event_words()  # the coder's word lists (event_words.yaml)
        self._frames: dict[int, DateValue | None] = {}  # sentence start -> date it carries on
        # noun lemma -> (index, date) of each date said inside a noun's phrase ("the March 21
        # call", "Sunday's attack"), in text order: what "during the call" later points back to
        self._noun_dates: dict[str, list[tuple[int, str]]] = {}
        self._found: dict[int, list[_Found]] = {}
        # doc.ents rebuilds its tuple on every access (and Span.ents scans it): read once
        self._dates = _date_entities(doc, self.tokens, self.words.date_holidays)
        self._date_starts = [ent.start for ent in self._dates]  # ents come in text order
        self.segments = segments(doc)
        self._starts = [segment.start for segment in self.segments]
        self._walked = False  # the date expressions are read on the first event to date

    def _walk(self) -> None:
        """One pass in reading order: each sentence's dates and the date carried into it."""
        carried: DateValue | None = None
        last_frame: DateValue | None = None
        last_named: DateValue | None = None  # the latest date the text named, framing or not
        paragraph = -1
        text = doc_text(self.doc)
        line_of = paragraphs(self.doc).of_token  # the line each segment starts on
        for sent in self.segments:
            this_paragraph = line_of[sent.start]
            is_new_paragraph = this_paragraph != paragraph and text[
                sent.start_char - 1: sent.start_char
            ] in {"\n", ""}
            if is_new_paragraph:
                if carried is not None and not self._continues(sent):
                    carried = None
                paragraph = this_paragraph
            # "at the time", "the following year" point back even across a paragraph break,
            # to the date last named ("fell in 2016; at the time, ...")
            found = self._expressions(sent, carried or last_named or last_frame, carried)
            self._found[sent.start] = found
            self._frames[sent.start] = carried
            frame = next((f.value for f in found if self._is_frame(f, sent)), None)
            if frame is not None and not self.after_publication(frame.value):
                # (a day still to come, "will sentence him on Feb. 14", frames no sentence
                # after it: they tell what happened, or what is said now)
                carried = last_frame = frame
            if found:
                last_named = max(found, key=lambda f: f.span.start).value
            for f in found:
                if f.head.pos_ == "NOUN" and not self.after_publication(f.value.value):
                    self._noun_dates.setdefault(f.head.lemma_.lower(), []).append(
                        (f.head.i, f.value.value))

    def after_publication(self, value: str) -> bool:
        """Whether a date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) is after the publication
        day, at the date's own precision: a day still to come."""
        return self.published is not None and value > self.published.isoformat()[:len(value)]

    def segment_of(self, token: Token) -> Span:
        return self.segments[bisect_right(self._starts, token.i) - 1]

    def _continues(self, sent: Span) -> bool:
        if _CONTINUES.search(doc_text(self.doc)[sent.start_char:sent.end_char]):  # sent.text
            return True
        root = sent.root
        subjects = (t for t in sent if t.dep_ in {"nsubj", "nsubjpass"} and t.head == root)
        subject = next(subjects, None)
        return (
            subject is not None
            and subject.lemma_.lower() in self.words.anaphoric_heads
            and any(child.lower_ in {"the", "this", "that"} for child in subject.children)
        )

    def _expressions(self, sent: Span, anchor: DateValue | None,
                     frame: DateValue | None) -> list[_Found]:
        """The sentence's date expressions, resolved. A month or day without a year takes the
        year this sentence names ("In 2020, ... in August"), else the paragraph's (``frame``)."""
        found: list[_Found] = []
        spans = self._dates[bisect_left(self._date_starts, sent.start):
                            bisect_left(self._date_starts, sent.end)]
        text = doc_text(self.doc)  # (a span's words cut from it: Span.text joins its tokens)
        words = text[sent.start_char:sent.end_char].lower()
        # (each of its phrases has one of these words: the pattern is slow to run on a sentence)
        if "that" in words or "then" in words or "time" in words or "same" in words:
            for match in _SAME_AS_ANCHOR.finditer(words):
                span = sent.char_span(match.start(), match.end())  # offsets within the sentence
                if span is not None and not any(s.start <= span.start < s.end for s in spans):
                    spans.append(span)
        pieces = sorted((piece for s in spans for piece in _pieces(s, self.tokens)),
                        key=lambda p: p.start)
        said = [text[piece.start_char:piece.end_char] for piece in pieces]  # each piece's text
        # ("New Year's Day": its day of the year)
        said = [_holiday(named, self.words.date_holidays) or named for named in said]
        years = [(piece.start, value) for piece, named in zip(pieces, said, strict=True)
                 # (an explicit date names a year 19xx or 20xx: no other piece is resolved here)
                 if ("19" in named or "20" in named)
                 and (value := resolve(named, None)) is not None and value.basis == "explicit"]
        for span, named in zip(pieces, said, strict=True):
            # "Under a 2016 deal, Turkey agreed in March of that year": that year is the one
            # this sentence named before
            # ("In June, Israel struck ..., and the US bombed ... days later": a month the
            # paragraph's year completes anchors a step as well)
            earlier = [f.value for f in found if f.value.basis == "explicit"
                       or len(f.value.value) >= 7]
            # "In 2020, ... in August" is August 2020; "in a Nov. 5 letter ... during the 2018
            # season" is not November 2018: only a year named before frames a month or day
            before = [value for start, value in years if start < span.start]
            head = _attachment(span, self.tokens)
            value = resolve(named, self.published, earlier[-1] if earlier else anchor,
                            before[0] if before else frame, ahead=_ahead(head, self.words))
            if value is None:
                value = self._years_after(span)
            if value is not None:
                found.append(_Found(span, value, head))
        return found

    def _years_after(self, span: Span) -> DateValue | None:
        """"18 years after Washington invaded the country": the act was that many years before
        the news (a year, at year precision)."""
        found = _YEARS_COUNT.fullmatch(span.text.lower())
        head = _attachment(span)
        # (the count right before the "after": not a term of years in a clause "after" opens,
        # "after the leader was sentenced to two years in prison")
        following = span.doc[span.end] if span.end < len(span.doc) else None
        if found is None or self.published is None or following is None or (
                following.lower_ not in {"after", "since"}) or not any(
                c.dep_ == "mark" and c.lower_ in {"after", "since"} for c in head.children):
            return None
        count = found.group(1)
        years = int(count) if count.isdigit() else _NUMBERS.get(count)
        if years is None or years > self.published.year - 1:
            return None
        return DateValue(str(self.published.year - years), "relative")

    @staticmethod
    def _is_frame(found: _Found, sent: Span) -> bool:
        """A date that frames the whole sentence: on its main clause or fronted before it (not
        on a past perfect after the sentence's start: "... and had been designated a terrorist
        in 2022" tells what came before the story's time, and frames nothing after it)."""
        doc = sent.doc  # (the words before the date by index: no Span made of them)
        fronted = all(doc[i].pos_ in {"ADP", "DET", "PUNCT", "ADV"}
                      for i in range(sent.start, found.span.start))
        if fronted:
            return True
        if any(c.dep_ == "aux" and c.lower_ in {"had", "'d"} for c in found.head.children):
            return False
        return found.head == sent.root or (
            found.head.dep_ == "conj" and found.head.head == sent.root)

    def _found_in(self, sent: Span) -> list[_Found]:
        """The date expressions of the segment ``sent``, the document's read on first use."""
        self._read()
        return self._found.get(sent.start, [])

    def _read(self) -> None:
        """Read the document's date expressions (:meth:`_walk`) on first use."""
        if not self._walked:
            self._walk()
            self._walked = True

    def sentence_dated(self, token: Token) -> bool:
        """Whether ``token``'s sentence says a date of its own."""
        return bool(self._found_in(self.segment_of(token)))

    def _news_days(self, value: DateValue) -> bool:
        """Whether ``value`` is a day of the week before publication: the news, not history."""
        if self.published is None or len(value.value) != 10:
            return False
        try:
            day = date.fromisoformat(value.value)
        except ValueError:
            return False
        return timedelta(0) <= self.published - day <= timedelta(days=NEWS_DAYS)

    def dated_on(self, token: Token) -> bool:
        """Whether a date is said on the verb of ``token``'s own clause ("raised tariffs last
        year")."""
        verb = clause_of(token)
        return any(f.head == verb or clause_of(f.head) == verb
                   for f in self._found_in(self.segment_of(token)))

    def noun_date(self, lemma: str, before: int) -> str | None:
        """The date last said inside the phrase of a noun of ``lemma`` before word ``before``
        ("the March 21 call"), if any."""
        self._read()
        earlier = [value for i, value in self._noun_dates.get(lemma, ()) if i < before]
        return earlier[-1] if earlier else None

    def dated_within(self, noun: Token) -> bool:
        """Whether a date is said inside ``noun``'s own phrase ("the July 25 call")."""
        return any(f.head == noun or noun.is_ancestor(f.head)
                   for f in self._found_in(self.segment_of(noun)))

    def date_of(self, trigger: Token, carry: bool = True) -> tuple[str | None, Basis | None]:
        """The date of the event whose trigger is ``trigger``, and how it was found.

        ``carry=False`` for statements ("X said"): a quote in a background paragraph is
        usually given now, so only a date in its own sentence applies."""
        sent = self.segment_of(trigger)
        found = self._found_in(sent)
        if found:
            # "ordered six diplomats to leave the country by Saturday": a deadline of another
            # act is no date of this one
            found = [f for f in found
                     if f.head == trigger or not _deadline(f.span, self.words.deadline_marks)]
        if found and _past(trigger):
            # a past act is not dated by a day still to come: "promised in September to cut
            # emissions by 2030", "pledged that output would double by 2022" (the deadline of
            # what was promised, not the promise)
            found = [f for f in found if not self.after_publication(f.value.value)]
        if trigger.dep_ == "relcl" and not any(f.head == trigger for f in found):
            # "in May, when the agency tapped three companies": the clause tells what happened
            # on the date it hangs on (unless it says its own: "in 2014, when Mogadishu sued in
            # August of that year")
            named = [f for f in found if f.span.start <= trigger.head.i < f.span.end]
            if named:
                return named[0].value.value, named[0].value.basis
        # "threatened to kill her in March": the date of the act a verb governs is its own
        # (not of one it has another do: "tapped three companies to send landers next year")
        acted = [f for f in found if f.head.dep_ == "xcomp" and f.head.head == trigger
                 and not any(c.dep_ == "dobj" for c in trigger.children)]
        if acted:
            return _most_precise(acted)
        charge = _charging_word(trigger, self.words.charging)
        if charge is not None and trigger.lemma_.lower() not in self.words.charge_replies:
            # "pleaded guilty on Monday to charges he threatened ...": the plea's date, the
            # sentence's frame and the story's current date are not the crime's; only a date
            # in the crime's own clause is
            governing = {trigger, *(a for a in trigger.ancestors if charge.is_ancestor(a))}
            own = [f for f in found if f.head in governing or clause_of(f.head) in governing]
            if own:
                return _most_precise(own)
            return (None, "undated") if carry else (
                (self.published.isoformat(), "publication") if self.published else (None, None))
        if trigger.lemma_.lower() in self.words.charging:
            # "convicted of threatening her in a call on March 3": the crime's date, not the
            # conviction's
            found = [f for f in found
                     if _charging_word(clause_of(f.head), self.words.charging) != trigger]
        if trigger.pos_ in {"NOUN", "PROPN"}:
            # "the 15% tariffs imposed on Sept. 1": a clause describing the event noun dates it
            # (the parser often hangs the clause on a noun of the event noun's own phrase:
            # "tariffs on $125 billion worth of Chinese goods imposed on ...", taken when its
            # verb is one that carries the event)
            # ("a tariff that the administration had planned to impose Dec. 15": the
            # describing clause's own infinitive)
            described = [f for f, verb in ((f, _describing_clause(clause_of(f.head)))
                                           for f in found if not _things_date(f))
                         if verb.dep_ in {"acl", "relcl"} and (
                             verb.head == trigger or (
                                 trigger.is_ancestor(verb.head)
                                 and verb.lemma_.lower() in lexicon().light_verbs))]
            if described:
                return _most_precise(described)
        governing = {trigger, *trigger.ancestors} if found else set()  # (no date: not needed)
        # A nominal trigger ("the invasion") takes the date of the clause it sits in; a date
        # inside an object ("bombed an academy in January") dates that object's clause.
        # (not a year that only says when a thing the trigger acts on was: "blamed the GRU for
        # the 2017 NotPetya attack" is no blame of 2017)
        scoped = [f for f in found if f.head in governing] or [
            f for f in found if clause_of(f.head) in governing
            and not (_things_date(f) and _acted_on_by(f.head, trigger, self.words))]
        if scoped:
            nearest = min(_distance(trigger, clause_of(f.head) if f.head not in governing
                                    else f.head) for f in scoped)
            # of dates on the same word, the most precise ("In 2012, ... in August")
            best = max((f for f in scoped if _distance(trigger, f.head if f.head in governing
                                                       else clause_of(f.head)) == nearest),
                       key=lambda f: len(f.value.value))
            return best.value.value, best.value.basis
        if found and _participle_of_the_moment(trigger):
            # "attacked a camp sheltering refugees on Sunday, killing 12 people": the participle
            # tells the moment of the verb it hangs on, dated as that verb is
            return self.date_of(trigger.head, carry)
        fronted = [f for f in found if self._is_frame(f, sent)]
        if fronted:
            return fronted[0].value.value, fronted[0].value.basis
        # a date elsewhere in the sentence ("Two days after the vote on May 3, troops entered
        # the city") still beats every fallback: the nearest one; not one of a clause that
        # only describes a thing ("the tariffs imposed on Sept. 1")
        # nor one of what the trigger says or asks ("demanded how he could be so sure what he
        # was doing on March 10": the night is not the day of the demand)
        # nor one that only says when a thing named was made ("reaffirmed its commitment
        # under a 1951 treaty": the treaty's year, not the reaffirmation's)
        elsewhere: list[_Found] = []
        described: list[_Found] = []  # those of a clause that describes a thing (used below)
        for f in found:
            if _complement_of(f.head, trigger) or _things_date(f):
                continue
            if not _of_another_act_below(f.head, trigger, self.words):
                (described if _describing(f.head, governing) else elsewhere).append(f)
            elif _describes_argument(f.head, trigger):
                described.append(f)
        if elsewhere and carry:
            nearest = min(elsewhere, key=lambda f: abs(f.head.i - trigger.i))
            return nearest.value.value, nearest.value.basis
        carried = self._frames.get(sent.start)
        if carried is not None and _present(trigger) and not self._news_days(carried):
            carried = None  # "In 2014, Russia annexed Crimea. Kyiv has never recognised it"
        if carried is not None and (carry or self._news_days(carried)):
            # a statement takes its paragraph's date only when that is the news itself ("On
            # Thursday, the office did not comment. But Yermak wrote ..."), not a background day
            return carried.value, carried.basis
        # "a system backed by the Red Cross in September 2021 was rejected by Johnson": a past
        # act done to a thing the sentence dates is of that time at the earliest, nearer to it
        # than to the news
        described = [f for f in described if not self.after_publication(f.value.value)]
        if described and carry and _past(trigger):
            nearest = min(described, key=lambda f: abs(f.head.i - trigger.i))
            return nearest.value.value, nearest.value.basis
        if carry and _before_the_news(trigger, self.words.earlier):
            return None, "undated"
        if self.published is not None:
            return self.published.isoformat(), "publication"
        return None, None


def _participle_of_the_moment(trigger: Token) -> bool:
    """Whether the trigger is a present participle adding what a verb's act did, with no
    subject or conjunction of its own ("..., killing 12 people")."""
    return (trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and trigger.head.pos_ == "VERB"
            and not any(c.dep_ in {"mark", "nsubj", "nsubjpass"} for c in trigger.children))


def _deadline(span: Span, marks: frozenset[str]) -> bool:
    """Whether a date expression is a deadline ("by Saturday", "until June 30", "within 72
    hours")."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return (before is not None and before.lower_ in marks) or span[0].lower_ in marks


def _acted_on_by(noun: Token, trigger: Token, words: EventWords) -> bool:
    """Whether ``noun`` is what ``trigger`` acts on or is about: its object, or the object of
    one of its prepositions of a thing (``dated_thing_preps``: "blamed the GRU for the
    attack")."""
    head = noun.head
    return (head == trigger and noun.dep_ in {"dobj", "nsubjpass"}) or (
        head.dep_ == "prep" and head.head == trigger and head.lower_ in words.dated_thing_preps)


def _things_date(found: _Found) -> bool:
    """Whether a date only says when a thing was made, before the noun it modifies ("under a
    1951 treaty"), rather than when something happened in the clause."""
    return (found.head.pos_ == "NOUN" and found.span.end <= found.head.i
            and found.span.root.head == found.head)


# the links from a date up to the trigger that keep it on the trigger's own moment: an
# adverbial clause or phrase ("grabbed the girl as they were walking home on May 18")
_SAME_MOMENT_LINKS = frozenset({"advcl", "prep", "pobj", "npadvmod", "advmod"})


def _of_another_act_below(head: Token, trigger: Token, words: EventWords) -> bool:
    """Whether ``head`` sits below the trigger in another act it governs: a coordinated verb,
    a complement or a gerund ("accused the army of shelling villages since September", "asked
    them to appear on Monday", "fought for years and pledged allegiance in 2019"), whose date
    is that act's, not the trigger's."""
    if not trigger.is_ancestor(head):
        return False
    word = head
    while word != trigger:
        if word.dep_ == "acl" and _occasion(word.head, trigger, words):
            return False
        if word.dep_ not in _SAME_MOMENT_LINKS and not (
                word.dep_ == "xcomp" and _same_moment_complement(word.head, words)):
            return True
        word = word.head
    return False


def _same_moment_complement(verb: Token, words: EventWords) -> bool:
    """Whether the infinitive a verb takes is done at the verb's own moment ("used tear gas to
    clear the square on Monday", "ordered residents to leave on Monday"), unlike one planned,
    promised, hoped or asked for ("threatened to stage sit-ins in May", "asked them to appear
    on Monday")."""
    lemma = verb.lemma_.lower()
    return not any(lemma in kind for kind in (words.planning_verbs, words.prospective,
                                              words.asking_verbs, words.cautioning))


def _occasion(noun: Token, trigger: Token, words: EventWords) -> bool:
    """Whether ``noun`` is the object of a preposition on the trigger, or on its direct object
    (where the parser often hangs it), so that a participle on it names the occasion of the act
    ("asked in a letter posted on Tuesday", "condemned the attack in a statement issued on
    Monday")."""
    if (noun.dep_ != "pobj" or noun.head.dep_ != "prep"
            or noun.head.lower_ not in words.occasion_marks):
        return False
    holder = noun.head.head
    return holder == trigger or (holder.dep_ == "dobj" and holder.head == trigger)


def _describes_argument(head: Token, trigger: Token) -> bool:
    """Whether ``head`` sits in a clause describing a thing the trigger is done to or by ("a
    system backed by the Red Cross in September 2021 was rejected"), not a person ("Rai, who
    was elected in 2024, welcomed") nor a thing further down ("accused the court of delaying
    a lawsuit against a reform passed last year")."""
    word = head
    while word != trigger and word.dep_ not in {"relcl", "acl"}:
        word = word.head
    thing = word.head
    return (word != trigger and thing.head == trigger and thing.pos_ == "NOUN"
            and thing.dep_ in {"nsubj", "nsubjpass", "dobj"})


def _complement_of(head: Token, trigger: Token) -> bool:
    """Whether ``head`` sits in a clause the trigger takes as its complement ("said that ...",
    "asked how ..."), at any depth."""
    word = head
    while word.head != word and word != trigger:
        if word.dep_ == "ccomp" and trigger.is_ancestor(word):
            return True
        word = word.head
    return False


def _present(trigger: Token) -> bool:
    """Whether the trigger's clause is in the present or the present perfect ("has never
    recognised", "is holding"): its time runs up to the news, so an earlier sentence's past
    date does not frame it."""
    verb = clause_of(trigger)
    if verb.tag_ in {"VBZ", "VBP"}:
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBZ", "VBP"}
               and c.lemma_ in {"have", "be"} for c in verb.children)


def _past(trigger: Token) -> bool:
    """Whether the trigger is a verb in the simple past, the past perfect or the past passive
    ("pledged", "had agreed", "was rejected"): an act already done."""
    if trigger.tag_ == "VBD":
        return True
    return trigger.tag_ == "VBN" and any(
        (c.dep_ == "aux" and c.lower_ == "had") or (c.dep_ == "auxpass" and c.tag_ == "VBD")
        for c in trigger.children)


def _describing_clause(verb: Token) -> Token:
    """The relative or participle clause an infinitive completes ("that they had planned
    to impose"), else the clause itself."""
    if verb.dep_ == "xcomp" and verb.head.dep_ in {"acl", "relcl"}:
        return verb.head
    return verb


def _describing(head: Token, governing: set[Token]) -> bool:
    """Whether ``head`` sits in a relative or participle clause or an apposition of a noun
    (above it, up to the trigger's own clause) that does not govern the trigger."""
    token = head
    while token.head.i != token.i and token not in governing:
        if token.dep_ == "appos":
            # "The strikes, the latest since the allies began operations in January, were
            # supported ...": a noun's apposition tells of another time
            return True
        if token.dep_ in {"relcl", "acl"}:
            # (not what a document says it for: "vetoed a resolution calling for a ceasefire
            # on Friday", where the parser hangs the main act's date on the participle)
            return not (token.dep_ == "acl" and token.tag_ == "VBG"
                        and token.head.lemma_.lower() in roles_lexicon().documents)
        token = token.head
    return False


def _most_precise(found: list[_Found]) -> tuple[str, Basis]:
    """The value and basis of the most precise of ``found`` (the longest value: a day beats a
    month, a month a year; the first of equals)."""
    best = max(found, key=lambda f: len(f.value.value))
    return best.value.value, best.value.basis


def _charging_word(trigger: Token, charging: frozenset[str]) -> Token | None:
    """The plea, charge or conviction (``charging``) whose crime the verb ``trigger`` is, within
    three steps up: "pleaded guilty to threatening", "charges he threatened", "convicted of
    spying". The crime came before the news."""
    if trigger.pos_ != "VERB":
        return None
    return next((a for a in list(trigger.ancestors)[:3] if a.lemma_.lower() in charging), None)


def _before_the_news(trigger: Token, earlier: frozenset[str]) -> bool:
    """Whether the text places the act before the news without dating it: past perfect ("had
    seized"), or one of the ``earlier`` adverbs ("earlier", "previously") on its clause."""
    verb = clause_of(trigger)
    reporting = lexicon().reporting
    if verb.dep_ in {"ccomp", "parataxis"} or any(
            a.dep_ in {"ccomp", "parataxis"} or a.lemma_.lower() in reporting
            for a in verb.ancestors):
        # "the ministry said strikes had killed 30": reported speech shifts the tense back;
        # the act is today's news, not background
        return False
    for word in (verb, *([verb.head] if verb.dep_ in {"xcomp", "conj"} else [])):
        children = list(word.children)
        if word.tag_ == "VBN" and any(
                c.dep_ in {"aux", "auxpass"} and c.lower_ in {"had", "'d"} for c in children):
            return True
        if any(c.dep_ == "advmod" and c.lower_ in earlier for c in children):
            return True
    return False


def segments(doc: Doc) -> list[Span]:
    """The doc's sentences, also cut at line breaks: a parser sentence that runs over a
    paragraph break is two sentences for dating and evidence."""
    # (spans made with Span(), not by slicing the doc: its slice checks cost three times more)
    found = []
    # only these can cut a sentence below (none in a text of one line: not looked for)
    breaks = line_break_tokens(doc) if "\n" in doc_text(doc) else []
    for sent in doc.sents:
        start = sent.start
        for index in breaks[bisect_left(breaks, sent.start) : bisect_left(breaks, sent.end)]:
            token = doc[index]
            if token.is_space and "\n" in token.text:
                if token.i > start:
                    found.append(Span(doc, start, token.i))
                start = token.i + 1
            elif "\n" in token.whitespace_ and token.i + 1 < sent.end:
                found.append(Span(doc, start, token.i + 1))
                start = token.i + 1
        if start < sent.end:
            found.append(sent if start == sent.start else Span(doc, start, sent.end))
    return found


def _pieces(span: Span, tokens: Sequence[Token]) -> list[Span]:
    """A date entity split at commas: "March 2022, weeks" is two expressions; "July 25, 2019"
    and "Saturday, May 18" are one (the comma between a day and its year, or a weekday and its
    date). ``tokens``: the doc's tokens, or the coder's Words."""
    pieces, start = [], span.start
    for token in tokens[span.start:span.end]:
        if token.is_punct and token.text == "," and token.i > 0 and token.i + 1 < span.end and (
                tokens[token.i - 1].like_num and _YEAR_ONLY.fullmatch(tokens[token.i + 1].text)
                or tokens[token.i - 1].lower_ in WEEKDAYS
                and tokens[token.i + 1].lower_ in MONTHS):
            continue
        if token.is_punct:
            if token.i > start:
                pieces.append(Span(span.doc, start, token.i))
            start = token.i + 1
    if start < span.end:
        pieces.append(Span(span.doc, start, span.end))
    return pieces


def _attachment(span: Span, tokens: Sequence[Token] | None = None) -> Token:
    """The word a date expression hangs from: the head of its prepositional phrase or NP (one
    of ``tokens``, the doc's tokens or the coder's Words, when given)."""
    head = span.root if tokens is None else tokens[span.root.i]
    while head.dep_ in {"pobj", "prep", "npadvmod", "nummod", "nmod", "compound", "amod", "det",
                        "advmod", "pcomp", "quantmod", "appos"} and head.head != head:
        head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            break
        if head.pos_ == "NOUN" and not span.start <= head.i < span.end:
            # "arrested in April for the March 21 call", "deaths during the 2018 season": the
            # date of the thing named, which dates the verb only when nothing else does
            break
    return head


# How many days before publication a paragraph's date is still the news itself (a statement
# in it takes that date; older ones are background, given now)
NEWS_DAYS = 7


def _ahead(head: Token, words: EventWords) -> bool:
    """Whether the clause a date is on speaks of the future: "will visit", "is due to resume"."""
    verb = clause_of(head)
    if any(c.dep_ == "aux" and c.lower_ in words.date_future_auxiliaries for c in verb.children):
        return True
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lexicon().reporting and any(
            c.dep_ == "aux" and c.lower_ == "would" for c in verb.children):
        return True  # "said Biden would travel to Israel on Wednesday": reported "will"
    if verb.lemma_.lower() in words.date_planning and verb.tag_ == "VBN" and (
            verb.lemma_.lower() not in words.date_planning_with_for or any(
                c.dep_ == "prep" and c.lower_ == "for" or c.dep_ == "xcomp"
                for c in verb.children)):
        return True  # "his sentencing is scheduled for Feb. 14": the next Feb. 14
    governor = verb.head if verb.dep_ == "xcomp" else None
    return governor is not None and governor.lemma_.lower() in words.date_planning


def _distance(trigger: Token, head: Token) -> int:
    steps, token = 0, trigger
    while token != head and token.head != token:
        token, steps = token.head, steps + 1
    return steps

