"""eventwire's spaCy components. Each is a small registered factory around one ``Doc``.

``eventwire_actors`` sets ``doc._.actors`` (a list of :class:`ActorCluster`, see
:mod:`eventwire.nlp.actors`) and ``doc._.coref_links`` (pronoun -> antecedent span pairs).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.nlp.actors import ActorCluster, resolve_actors
from eventwire.nlp.mentions import dateline_tokens

__all__ = ["ActorCluster", "BEFORE_PARSER", "COMPONENTS", "actor_at", "actors_component",
           "doc_text"]

# Registered factories added to every pipeline by the loader, with where they go.
COMPONENTS: tuple[str, ...] = ("eventwire_actors",)
BEFORE_PARSER: tuple[str, ...] = ("eventwire_paragraphs",)

for _name in ("actors", "coref_links", "actor_index"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.component("eventwire_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, before the parser runs.

    Clean texts separate paragraphs with blank lines; the parser would otherwise sometimes run
    a sentence across a headline, a caption or a paragraph break, and every later stage works
    sentence by sentence. The parser keeps boundaries that are set before it. A single line break
    counts too after sentence-final punctuation (one paragraph per line), but not inside a
    hard-wrapped sentence.
    """
    for token in doc[2:]:
        brk = doc[token.i - 1]
        if not brk.is_space or "\n" not in brk.text:
            continue
        if "\n\n" in brk.text or doc[token.i - 2].text[-1:] in _SENTENCE_END:
            token.is_sent_start = True
    # "BERLIN, Jan 25 (Agency) - Germany agreed ...": the story starts after the dateline
    dateline = dateline_tokens(doc)
    for index in dateline:
        if index + 1 < len(doc) and index + 1 not in dateline:
            doc[index + 1].is_sent_start = True
    return doc


_SENTENCE_END = frozenset(".!?:\"\u201d'\u2019)")


@Language.component("eventwire_actors")
def actors_component(doc: Doc) -> Doc:
    """Find people, organisations, countries and groups and merge their mentions."""
    actors, links = resolve_actors(doc)
    doc._.actors = actors
    doc._.coref_links = links
    doc._.actor_index = None  # built on first use by actor_at
    return doc


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
    # Rebuilt when a later stage has added actors or mentions since the index was made.
    signature = (len(actors), sum(len(cluster.mentions) for cluster in actors))
    cached = doc._.actor_index
    if cached is None or cached[0] != signature:
        cached = doc._.actor_index = (signature, _index(actors))
    return cached[1].get(token_index)


def mention_at(doc: Doc, token_index: int) -> Span | None:
    """The actor mention covering token ``token_index``, if any."""
    cluster = actor_at(doc, token_index)
    if cluster is None:
        return None
    return next(m for m in cluster.mentions if m.start <= token_index < m.end)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins all tokens again on every access."""
    text = doc.user_data.get("eventwire_text")
    if text is None:
        text = doc.user_data["eventwire_text"] = doc.text
    return text
