"""eventwire's spaCy components. Each is a small registered factory around one ``Doc``.

``eventwire_actors`` sets ``doc._.actors`` (a list of :class:`ActorCluster`, see
:mod:`eventwire.nlp.actors`) and ``doc._.coref_links`` (pronoun -> antecedent span pairs). It
is configured with the user's actor and people files (``actors_files``, ``people_files``; see
:func:`eventwire.nlp.load_pipeline`), holds the actor knowledge base they give
(:func:`eventwire.nlp.kb.load_kb`, loaded once per set of files) as ``kb`` and hands it to
:func:`eventwire.nlp.actors.resolve_actors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import srsly
from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.nlp.actors import ActorCluster, resolve_actors
from eventwire.nlp.doctext import line_break_tokens
from eventwire.nlp.kb import ActorKB, as_date, load_kb
from eventwire.nlp.mentions import dateline_tokens

__all__ = ["ActorCluster", "ActorsComponent", "BEFORE_PARSER", "COMPONENTS", "actor_at",
           "actors_component"]

# Registered factories added to every pipeline by the loader, with where they go.
COMPONENTS: tuple[str, ...] = ("eventwire_coordination", "eventwire_actors")
BEFORE_PARSER: tuple[str, ...] = ("eventwire_paragraphs",)


# -- doc extensions that survive doc.to_bytes() ------------------------------------------------
#
# spaCy serialises ``doc.user_data`` with msgpack (``doc.to_bytes()``, ``DocBin``, and the
# worker processes of ``nlp.pipe(n_process=...)``, which send their docs back as bytes). An
# actor holds token spans, which msgpack cannot write, so an actor is written as its token
# offsets (the msgpack encoder below) and read back unbound; the ``actors`` getter binds the
# spans to the doc again on first access. Later stages change actors in place (add mentions,
# set a country), so the getter hands out the stored objects themselves, never copies.
# Any other eventwire object in ``user_data`` (``actor_index``, the paragraph map of the quote
# stage) is a cache that its stage rebuilds when it finds None: it is written as None. The
# contract records (pydantic models) are written by :mod:`eventwire.extract.components`.

_ACTORS_KEY = ("._.", "actors", None, None)  # where spaCy keeps ``doc._.actors``
_LINKS_KEY = ("._.", "coref_links", None, None)
_ACTOR_TAG = "__eventwire_actor__"


@dataclass
class _ActorIndex:
    """``actor_at``'s token -> actor map, valid while the actors keep their ``signature``."""

    signature: tuple[int, int, int]
    by_token: dict[int, ActorCluster]


@srsly.msgpack_encoders("eventwire_actor")
def _encode_actor(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, ActorCluster):
        fields = dict(vars(obj))
        fields["mentions"] = [_span_offsets(span) for span in obj.mentions]
        fields["roles"] = sorted(obj.roles)
        fields.pop(_UNBOUND, None)
        return {_ACTOR_TAG: fields}
    if type(obj).__module__.startswith("eventwire.") and not isinstance(obj, BaseModel):
        return None  # a cache (see above)
    return obj if chain is None else chain(obj)


@srsly.msgpack_decoders("eventwire_actor")
def _decode_actor(obj: Any, chain: Any = None) -> Any:
    if isinstance(obj, dict) and _ACTOR_TAG in obj:
        fields = dict(obj[_ACTOR_TAG])
        fields["roles"] = set(fields.get("roles") or ())
        cluster = ActorCluster(**fields)
        setattr(cluster, _UNBOUND, True)  # its mentions are offsets until a doc binds them
        return cluster
    return obj if chain is None else chain(obj)


_UNBOUND = "_eventwire_unbound"


def _span_offsets(span: Span | list) -> list:
    if isinstance(span, Span):
        return [span.start, span.end, span.label_]
    return list(span)  # still unbound: already offsets


def _bind(doc: Doc, offsets: Span | list) -> Span:
    if isinstance(offsets, Span):
        return offsets
    start, end, label = offsets
    return Span(doc, start, end, label=label)


def _get_actors(doc: Doc) -> list[ActorCluster] | None:
    actors = doc.user_data.get(_ACTORS_KEY)
    if actors and any(getattr(cluster, _UNBOUND, False) for cluster in (actors[0], actors[-1])):
        for cluster in actors:
            if getattr(cluster, _UNBOUND, False):
                cluster.mentions = [_bind(doc, offsets) for offsets in cluster.mentions]
                delattr(cluster, _UNBOUND)
    return actors


def _set_actors(doc: Doc, actors: list[ActorCluster] | None) -> None:
    doc.user_data[_ACTORS_KEY] = actors


def _get_links(doc: Doc) -> list[tuple[Span, Span]] | None:
    links = doc.user_data.get(_LINKS_KEY)
    if links is None:
        return None
    return [(_bind(doc, pronoun), _bind(doc, antecedent)) for pronoun, antecedent in links]


def _set_links(doc: Doc, links: list[tuple[Span, Span]] | None) -> None:
    # stored as token offsets: links are only read, so they need not stay the same objects
    doc.user_data[_LINKS_KEY] = None if links is None else [
        (_span_offsets(pronoun), _span_offsets(antecedent)) for pronoun, antecedent in links
    ]


for _name, _getter, _setter in (
    ("actors", _get_actors, _set_actors),
    ("coref_links", _get_links, _set_links),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, getter=_getter, setter=_setter)
if not Doc.has_extension("actor_index"):
    Doc.set_extension("actor_index", default=None)


def paragraphs_component(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, before the parser runs.

    Clean texts separate paragraphs with blank lines; the parser would otherwise sometimes run
    a sentence across a headline, a caption or a paragraph break, and every later stage works
    sentence by sentence. The parser keeps boundaries that are set before it. A single line break
    counts too after sentence-final punctuation (one paragraph per line), but not inside a
    hard-wrapped sentence.
    """
    for index in line_break_tokens(doc):  # the tokens holding a line break, not every token
        if not 1 <= index < len(doc) - 1:
            continue
        brk = doc[index]
        if not brk.is_space:
            continue
        if "\n\n" in brk.text or doc[index - 1].text[-1:] in _SENTENCE_END:
            doc[index + 1].is_sent_start = True
    # "BERLIN, Jan 25 (Agency) - Germany agreed ...": the story starts after the dateline
    dateline = dateline_tokens(doc)
    for index in dateline:
        if index + 1 < len(doc) and index + 1 not in dateline:
            doc[index + 1].is_sent_start = True
    return doc


_SENTENCE_END = frozenset(".!?:\"\u201d'\u2019)")


def make_paragraphs_component(nlp: Language, name: str):
    """The ``eventwire_paragraphs`` component (a factory, so that an entry point can name it)."""
    return paragraphs_component


make_paragraphs_component.__annotations__ = {"nlp": Language, "name": str}
Language.factory("eventwire_paragraphs", func=make_paragraphs_component)


class ActorsComponent:
    """Find people, organisations, countries and groups and merge their mentions, with the
    actor knowledge base ``kb``."""

    def __init__(self, kb: ActorKB) -> None:
        self.kb = kb

    def __call__(self, doc: Doc) -> Doc:
        return actors_component(doc, self.kb)


def make_actors_component(
    nlp: Language, name: str, actors_files: list[str], people_files: list[str]
) -> ActorsComponent:
    """The ``eventwire_actors`` component with the knowledge base of the files given (user
    actor overrides and extra people files on top of the bundled tables)."""
    return ActorsComponent(load_kb(actors_files, people_files))


# spaCy validates a factory's config against its annotations, which must be types, not the
# strings `from __future__ import annotations` leaves.
make_actors_component.__annotations__ = {
    "nlp": Language, "name": str, "actors_files": list[str], "people_files": list[str],
    "return": ActorsComponent,
}  # fmt: skip
Language.factory(
    "eventwire_actors",
    default_config={"actors_files": [], "people_files": []},
    func=make_actors_component,
)


def actors_component(doc: Doc, kb: ActorKB | None = None) -> Doc:
    """Set ``doc._.actors`` and ``doc._.coref_links`` (``kb``: the bundled KB when None)."""
    kb = kb if kb is not None else load_kb()
    actors, links = resolve_actors(doc, kb)
    _apply_user_entries(actors, kb, doc.user_data.get("published"))
    doc._.actors = actors
    doc._.coref_links = links
    doc._.actor_index = None  # built on first use by actor_at
    return doc


def _apply_user_entries(actors: list[ActorCluster], kb: ActorKB, published: object) -> None:
    """The user's override files have the last word: an actor called by a name or alias of an
    entry they add or correct gets that entry's country and sector (at the publication date)."""
    if not kb.has_user_entries:
        return
    try:
        on = as_date(published)  # type: ignore[arg-type]
    except ValueError:
        on = None
    for cluster in actors:
        names = [cluster.name, *(m.text for m in cluster.mentions if m.text[:1].isupper())]
        entry = kb.user_entry(dict.fromkeys(names), on)
        if entry is not None and (entry.country or entry.sector):
            cluster.country, cluster.sector = entry.country, entry.sector


def _index(actors: list[ActorCluster]) -> dict[int, ActorCluster]:
    index: dict[int, ActorCluster] = {}
    for cluster in actors:
        for mention in cluster.mentions:
            for i in range(mention.start, mention.end):
                index.setdefault(i, cluster)
    return index


def actor_at(doc: Doc, token_index: int) -> ActorCluster | None:
    """The actor one of whose mentions covers token ``token_index``, if any."""
    actors = doc._.actors or []
    # Rebuilt when a later stage has added actors or mentions since the index was made (or
    # when the doc is a copy, whose actors are other objects).
    signature = (id(actors), len(actors), sum(len(cluster.mentions) for cluster in actors))
    cached = doc._.actor_index
    if cached is None or cached.signature != signature:
        cached = doc._.actor_index = _ActorIndex(signature, _index(actors))
    return cached.by_token.get(token_index)


def mention_at(doc: Doc, token_index: int) -> Span | None:
    """The actor mention covering token ``token_index``, if any."""
    cluster = actor_at(doc, token_index)
    if cluster is None:
        return None
    return next(m for m in cluster.mentions if m.start <= token_index < m.end)
