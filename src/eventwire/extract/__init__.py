"""Extraction: an annotated spaCy ``Doc`` to the contract's actors, quotes and events.

Public entry: :func:`extract`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.extract.actors import build_actors
from eventwire.extract.event_words import event_words
from eventwire.extract.events import extract_events
from eventwire.extract.places import locate_events
from eventwire.extract.quotes import extract_quotes
from eventwire.extract.scoring import load_target_weights, load_weights
from eventwire.model import Actor, Document, Event, Quote
from eventwire.settings import Settings

__all__ = ["EventCodingFailed", "extract"]


class EventCodingFailed(Exception):
    """The event coder failed on a document whose actors and statements were found: they are
    kept (``actors``, ``quotes``), the events are lost, and ``cause`` says why."""

    def __init__(self, actors: list[Actor], quotes: list[Quote], cause: Exception) -> None:
        super().__init__(f"event coding failed: {cause}")
        self.actors, self.quotes, self.cause = actors, quotes, cause


def extract(
    doc: Doc, document: Document, settings: Settings | None = None
) -> tuple[list[Actor], list[Quote], list[Event]]:
    """Actors, statements and events found in ``doc`` (whose text is ``document.text``), with
    the word lists of ``settings`` (the bundled ones by default)."""
    # Quotes first: a speaker the actors stage missed becomes an actor of its own there.
    quotes = extract_quotes(doc)
    words = event_words(settings.event_words if settings is not None else None)
    weights = load_weights(settings.confidence_model if settings is not None else None)
    target_weights = load_target_weights(settings.target_model if settings is not None else None)
    # the coder reads the actors from the doc (its records carry the same ids); the records
    # are built after it, since an implied doer ("was arrested": the police) is an actor too
    try:
        events = extract_events(doc, document, [], quotes, words, weights, target_weights)
        events = locate_events(doc, events)  # where: the place the sentence or paragraph names
    except Exception as err:  # noqa: BLE001 - a coder bug must not cost the actors and quotes
        raise EventCodingFailed(build_actors(doc), quotes, err) from err
    return build_actors(doc), quotes, events
