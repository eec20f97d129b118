"""The output contract of eventwire, schema version ``eventwire/1``.

Every stage produces or consumes these models and nothing else crosses a stage boundary, so the
JSON a user reads, the rows in the store and the API responses all share one definition. Field
names listed in the contract are fixed; fields added later must be optional.

Offsets: every ``start``/``end`` pair indexes ``Document.text`` (Python string indices, end
exclusive), and for every span ``document.text[start:end] == text``.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = "eventwire/1"

ActorType = Literal["person", "organization", "country", "group", "location"]
QuoteKind = Literal["direct", "indirect", "mixed"]
DateBasis = Literal["explicit", "relative", "carried", "publication", "undated"]
PlaceLevel = Literal["country", "region", "city"]
PlaceBasis = Literal["sentence", "paragraph"]
Stage = Literal["read", "decode", "clean", "language", "nlp", "extract"]


# Publication dates outside these years are errors in the input, not news: dates are computed
# from them (a year later, a month earlier), and year 9999 or 0001 would overflow.
PUBLISHED_YEARS = (1700, 2199)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
                       r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?", re.I)  # fmt: skip
_EVENT_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def valid_published(value: object) -> str | None:
    """A publication date as ``YYYY-MM-DD``, from an ISO date or date-time or an RFC 2822
    date (as feeds give); ``None`` for none. Raises ``ValueError`` saying what is wrong."""
    if value is None:
        return None
    if isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"not a date: {type(value).__name__}")
    text = value.strip()
    if not text:
        return None
    shown = text if len(text) <= 40 else text[:37] + "..."
    match = _ISO_DATE.fullmatch(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            raise ValueError(f"{shown!r} is not a date (YYYY-MM-DD)") from None
        year, month, day = parsed.year, parsed.month, parsed.day
    try:
        date(year, month, day)
    except ValueError:
        raise ValueError(f"{shown!r} is not a day of the calendar") from None
    low, high = PUBLISHED_YEARS
    if not low <= year <= high:
        raise ValueError(f"{shown!r} is outside the years {low}-{high}")
    return f"{year:04d}-{month:02d}-{day:02d}"


def valid_event_date(value: str | None) -> str | None:
    """An event date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) that is a real period within
    the publication years, else ``None``: the store's guard against dates it cannot compute
    with."""
    match = _EVENT_DATE.fullmatch(value or "")
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date(year, month, day)
    except ValueError:
        return None
    low, high = PUBLISHED_YEARS
    return value if low <= year <= high else None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of ``Document.text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Cue(Span):
    """The reporting verb or phrase of a statement ("said", "told reporters")."""

    lemma: str


class Removed(_Model):
    """Text cut from the input during cleaning, with the rule that cut it."""

    text: str
    reason: str


class Document(_Model):
    """One article after ingest and cleaning: the text every offset refers to.

    ``published`` is validated when set, at construction and on assignment: an invalid date
    raises a ``ValidationError``, so no stage can carry one into the output or the store.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: str
    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = Field(None, description="ISO date YYYY-MM-DD or null")
    language: str | None = None
    text: str = ""
    removed: list[Removed] = Field(default_factory=list)
    source: str | None = Field(None, description="Where the document was read from")
    content_hash: str | None = Field(None, description="SHA-256 of the input bytes")

    @field_validator("published", mode="before")
    @classmethod
    def _published_is_a_date(cls, value: object) -> str | None:
        return valid_published(value)


class Actor(_Model):
    """A person, organisation, country or group, merged over all its mentions in a document."""

    id: str
    name: str
    type: ActorType
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 or a CAMEO region code")
    sector: str | None = Field(None, description="CAMEO role code: GOV, MIL, BUS, MED, ...")
    code: str | None = Field(None, description="CAMEO actor code, country + role (RUSGOV)")
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)
    kb_id: str | None = Field(
        None, description="Id of the actor knowledge-base entry it was found as (kb:...)")


class Quote(_Model):
    """An attributed statement: direct quote, reported speech, or a mix of both."""

    id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: QuoteKind
    speaker: str | None = None
    speaker_mention: Span | None = None
    cue: Cue | None = None
    via: list[str] = Field(default_factory=list)
    hedged: bool = False
    about: list[str] = Field(default_factory=list)


class SentenceSpan(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Place(_Model):
    """Where an event happened: a place its sentence (else its paragraph) names, resolved in
    GeoNames. Countries and first-level regions carry no coordinates (no centroid is
    bundled); towns carry their GeoNames point."""

    name: str = Field(description="The place as the text names it")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    level: PlaceLevel = Field(description="country, region (first-level division) or city")
    resolved: str | None = Field(None, description="GeoNames name of the place")
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    adm1: str | None = Field(
        None, description="GeoNames first-level division code (US: state, \"TX\")")
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    basis: PlaceBasis = Field(description="Named in the event's sentence or only its paragraph")


class Event(_Model):
    """Who did what to whom and when, coded in CAMEO and PLOVER, pointing at its evidence."""

    id: str
    source: str | None = None
    target: str | None = None
    cameo: str
    cameo_root: str
    plover: str | None = None
    quad_class: int = Field(ge=1, le=4)
    goldstein: float
    date: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    date_basis: DateBasis | None = Field(
        None, description="How the date was found; \"carried\": from an earlier mention of the"
        " same act that names its date; \"undated\": an act the text places before"
        " the news with no date to resolve (date null, never the publication day)")
    hedged: bool = False
    negated: bool = False
    via: list[str] = Field(default_factory=list)
    quote: str | None = None
    sentence: SentenceSpan
    trigger: Span
    confidence: float = Field(ge=0.0, le=1.0)
    hypothetical: bool = Field(False, description="Threatened, planned or conditional: not done")
    source_text: str | None = Field(None, description="Words naming the source, coded or not")
    target_text: str | None = Field(None, description="Words naming the target, coded or not")
    mode: str | None = Field(None, description="PLOVER mode")
    context: str | None = Field(None, description="PLOVER context(s), ';'-separated")
    place: Place | None = Field(None, description="Where it happened, when the text says")


class ErrorRecord(_Model):
    """A stage that failed for this document, in words a user can act on."""

    stage: Stage
    message: str
    notice: bool = Field(
        False,
        description="A note on a document that was still analysed (decoded as cp1252, a NUL "
        "byte removed, an invalid publication date dropped), not a failure",
    )


class Result(_Model):
    """Everything eventwire found in one document."""

    schema_version: Literal["eventwire/1"] = SCHEMA_VERSION
    document: Document
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    errors: list[ErrorRecord] = Field(default_factory=list)

    @property
    def failed(self) -> bool:
        """An error stopped this document. A notice ("decoded as cp1252") rides along with an
        analysed document and is not a failure."""
        return any(not error.notice for error in self.errors)
