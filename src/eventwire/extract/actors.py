"""Actor clusters from the NLP stage to contract ``Actor`` records with CAMEO codes."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.model import Actor, Span


def build_actors(doc: Doc) -> list[Actor]:
    actors = []
    for cluster in doc._.actors or []:
        mentions = [Span(start=m.start_char, end=m.end_char, text=m.text) for m in cluster.mentions]
        code = (cluster.country or "") + (cluster.sector or "") or None
        actors.append(
            Actor(
                id=cluster.id,
                name=cluster.name,
                type=cluster.kind,
                country=cluster.country,
                sector=cluster.sector,
                code=code,
                aliases=sorted({m.text for m in mentions} - {cluster.name}),
                mentions=mentions,
            )
        )
    return actors
