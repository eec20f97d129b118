"""eventwire's extraction as spaCy components, for a user's own pipeline.

``eventwire_quotes`` sets ``doc._.quotes`` (a list of :class:`eventwire.model.Quote`),
``eventwire_events`` sets ``doc._.events`` (:class:`eventwire.model.Event`), ``doc._.quotes`` when
no quotes component ran before it, and ``doc._.actor_records`` (:class:`eventwire.model.Actor`,
the actors the events and quotes point at by id). Both need a parser; they run the
``eventwire_actors`` component themselves (with the bundled actor tables) when it is not in the
pipeline. They are registered through the ``spacy_factories`` entry points of the package, so

    nlp = spacy.load("en_core_web_md")
    nlp.add_pipe("eventwire_actors")
    nlp.add_pipe("eventwire_events")

works without importing eventwire first. The records survive ``doc.to_bytes()`` and so
``nlp.pipe(texts, n_process=2)``: msgpack writes them as their JSON and reads them back as models.

eventwire's own pipeline (:func:`eventwire.pipeline.run`) does not use these components: it calls
:func:`eventwire.extract.extract` with the document's metadata. The events component reads the
publication date from ``doc.user_data["published"]`` (YYYY-MM-DD) when the caller sets it.
"""

from __future__ import annotations

from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from eventwire import model
from eventwire.extract.actors import build_actors
from eventwire.extract.event_words import event_words
from eventwire.extract.events import extract_events
from eventwire.extract.quotes import extract_quotes
from eventwire.extract.scoring import load_target_weights, load_weights
from eventwire.model import Document
from eventwire.nlp.components import actors_component
from eventwire.settings import Settings

__all__ = ["EventsComponent", "QuotesComponent", "make_events_component",
           "make_quotes_component"]

for _name in ("quotes", "events", "actor_records"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_MODEL_TAG = "__eventwire_record__"


@srsly.msgpack_encoders("eventwire_record")
def _encode_record(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, model.BaseModel) and type(obj).__module__ == model.__name__:
        return {_MODEL_TAG: type(obj).__name__, "json": obj.model_dump(mode="json")}
    return obj if chain is None else chain(obj)


@srsly.msgpack_decoders("eventwire_record")
def _decode_record(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and _MODEL_TAG in obj:
        return getattr(model, obj[_MODEL_TAG]).model_validate(obj["json"])
    return obj if chain is None else chain(obj)


def _ensure_actors(doc: Doc) -> None:
    if doc._.actors is None:
        actors_component(doc)


class QuotesComponent:
    """Attributed statements (direct, reported and mixed) with their speakers."""

    def __call__(self, doc: Doc) -> Doc:
        _ensure_actors(doc)
        doc._.quotes = extract_quotes(doc)
        return doc


class EventsComponent:
    """CAMEO/PLOVER events with source, target, date and evidence offsets."""

    def __init__(self, event_words_file: str, confidence_model: str,
                 min_confidence: float, target_model: str = "") -> None:
        self.words = event_words(event_words_file or None)
        self.weights = load_weights(confidence_model or None)
        self.target_weights = load_target_weights(target_model or None)
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> Doc:
        _ensure_actors(doc)
        if doc._.quotes is None:
            # quotes first: a speaker the actors stage missed becomes an actor there
            doc._.quotes = extract_quotes(doc)
        published = doc.user_data.get("published")
        document = Document(id="doc", text=doc.text,
                            published=published if isinstance(published, str) else None)
        events = extract_events(doc, document, [], doc._.quotes, self.words, self.weights,
                                self.target_weights)
        doc._.events = [e for e in events if e.confidence >= self.min_confidence]
        doc._.actor_records = build_actors(doc)
        return doc


def make_quotes_component(nlp: Language, name: str) -> QuotesComponent:
    """The ``eventwire_quotes`` component."""
    return QuotesComponent()


def make_events_component(
    nlp: Language, name: str, event_words: str, confidence_model: str, min_confidence: float,
    target_model: str,
) -> EventsComponent:
    """The ``eventwire_events`` component; its config takes the settings of the same names
    (:class:`eventwire.settings.Settings`): a word-list file, a confidence-model file, the
    confidence below which events are dropped and a target-choice model file."""
    return EventsComponent(event_words, confidence_model, min_confidence, target_model)


# spaCy validates a factory's config against its annotations, which must be types, not the
# strings `from __future__ import annotations` leaves.
make_quotes_component.__annotations__ = {
    "nlp": Language, "name": str, "return": QuotesComponent}
make_events_component.__annotations__ = {
    "nlp": Language, "name": str, "event_words": str, "confidence_model": str,
    "min_confidence": float, "target_model": str, "return": EventsComponent,
}  # fmt: skip

_DEFAULTS = Settings.model_fields
Language.factory(
    "eventwire_quotes",
    assigns=["doc._.quotes"],
    func=make_quotes_component,
)
Language.factory(
    "eventwire_events",
    default_config={
        "event_words": _DEFAULTS["event_words"].default,
        "confidence_model": _DEFAULTS["confidence_model"].default,
        "min_confidence": _DEFAULTS["min_confidence"].default,
        "target_model": _DEFAULTS["target_model"].default,
    },
    assigns=["doc._.events", "doc._.quotes", "doc._.actor_records"],
    func=make_events_component,
)
