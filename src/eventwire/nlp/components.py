"""eventwire's spaCy components. Each is a small registered factory around one ``Doc``."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

COMPONENTS: tuple[str, ...] = ("eventwire_actors",)

_ENTITY_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}


@dataclass
class ActorCluster:
    """Mentions of one actor in one document, with what the text says about it.

    ``id`` is the actor's id in the output ("A1", ...). Later stages find the actor behind a
    token with :func:`actor_at`; mentions include pronouns and descriptions once resolved.
    """

    id: str
    kind: str
    name: str
    mentions: list[Span] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None


if not Doc.has_extension("actors"):
    Doc.set_extension("actors", default=None)


@Language.component("eventwire_actors")
def actors_component(doc: Doc) -> Doc:
    """Group named-entity mentions into actors (a surname joins its full name)."""
    clusters: list[ActorCluster] = []
    by_key: dict[tuple[str, str], ActorCluster] = {}
    for ent in doc.ents:
        kind = _ENTITY_TYPES.get(ent.label_)
        if kind is None:
            continue
        key = (kind, ent.text.lower())
        cluster = by_key.get(key)
        if cluster is None and kind == "person":
            last = ent.text.split()[-1].lower()
            cluster = next(
                (c for c in clusters if c.kind == "person" and c.name.split()[-1].lower() == last),
                None,
            )
        if cluster is None:
            cluster = ActorCluster(id=f"A{len(clusters) + 1}", kind=kind, name=ent.text)
            clusters.append(cluster)
        by_key[key] = cluster
        cluster.mentions.append(ent)
        if len(ent.text) > len(cluster.name):
            cluster.name = ent.text
    doc._.actors = clusters
    return doc


def actor_at(doc: Doc, token_index: int) -> ActorCluster | None:
    """The actor one of whose mentions covers token ``token_index``, if any."""
    for cluster in doc._.actors or []:
        for mention in cluster.mentions:
            if mention.start <= token_index < mention.end:
                return cluster
    return None
