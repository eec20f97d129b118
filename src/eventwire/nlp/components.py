"""eventwire's spaCy components. Each is a small registered factory around one ``Doc``.

``eventwire_actors`` sets ``doc._.actors`` (a list of :class:`ActorCluster`, see
:mod:`eventwire.nlp.actors`) and ``doc._.coref_links`` (pronoun -> antecedent span pairs). It
is configured with the user's actor and people files (``actors_files``, ``people_files``; see
:func:`eventwire.nlp.load_pipeline`), holds the actor knowledge base they give
(:func:`eventwire.nlp.kb.load_kb`, loaded once per set of files) as ``kb`` and hands it to
:func:`eventwire.nlp.actors.resolve_actors`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.nlp.actors import ActorCluster, resolve_actors
from eventwire.nlp.kb import ActorKB, as_date, load_kb
from eventwire.nlp.mentions import dateline_tokens

__all__ = ["ActorCluster", "ActorsComponent", "BEFORE_PARSER", "COMPONENTS", "actor_at",
           "actors_component", "doc_text"]

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
