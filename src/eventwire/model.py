"""The output contract of eventwire, schema version ``eventwire/1``.

Every stage produces or consumes these models and nothing else crosses a stage boundary, so the
JSON a user reads, the rows in the store and the API responses all share one definition. Field
names listed in the contract are fixed; fields added later must be optional.

Offsets: every ``start``/``end`` pair indexes ``Document.text`` (Python string indices, end
exclusive), and for every span ``document.text[start:end] == text``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "eventwire/1"

ActorType = Literal["person", "organization", "country", "group", "location"]
QuoteKind = Literal["direct", "indirect", "mixed"]
DateBasis = Literal["explicit", "relative", "publication", "undated"]
PlaceLevel = Literal["country", "region", "city"]
PlaceBasis = Literal["sentence", "paragraph"]


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
    """One article after ingest and cleaning: the text every offset refers to."""

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
        None, description="How the date was found; \"undated\": an act the text places before"
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

    stage: Literal["read", "decode", "clean", "language", "nlp", "extract"]
    message: str


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
        """An error stopped this document. A decode notice ("decoded as cp1252") rides along
        with an analysed document and is not a failure."""
        return any(error.stage != "decode" for error in self.errors)
