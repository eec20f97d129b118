"""Extraction: an annotated spaCy ``Doc`` to the contract's actors, quotes and events.

Public entry: :func:`extract`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.extract.actors import build_actors
from eventwire.extract.events import extract_events
from eventwire.extract.quotes import extract_quotes
from eventwire.model import Actor, Document, Event, Quote

__all__ = ["extract"]


def extract(doc: Doc, document: Document) -> tuple[list[Actor], list[Quote], list[Event]]:
    """Actors, statements and events found in ``doc`` (whose text is ``document.text``)."""
    # Quotes first: a speaker the actors stage missed becomes an actor of its own there.
    quotes = extract_quotes(doc)
    events = extract_events(doc, document, build_actors(doc), quotes)
    # after the events: an implied doer ("was arrested": the police) is an actor of its own
    return build_actors(doc), quotes, events
