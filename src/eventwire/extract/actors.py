"""Actor clusters from the NLP stage to contract ``Actor`` records with CAMEO codes.

Codes follow CAMEO's actor-code shape, country + role: "RUSGOV", "USABUS", "RUSMED". A country
on its own is its ISO3 code ("RUS"); an actor with a role but no country is the role alone
("MED" for a news agency of unknown country); intergovernmental organisations have no country
and the role IGO, so NATO, the EU and the UN are all "IGO" (the deeper CAMEO IGO codes are not
used). Locations have no code.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.model import Actor, Span

_PRONOUNS = {
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "they",
    "them",
    "their",
    "themselves",
}


def build_actors(doc: Doc) -> list[Actor]:
    actors = []
    for cluster in doc._.actors or []:
        mentions = [Span(start=m.start_char, end=m.end_char, text=m.text) for m in cluster.mentions]
        aliases = {m.text for m in mentions if m.text.lower() not in _PRONOUNS} - {cluster.name}
        actors.append(
            Actor(
                id=cluster.id,
                name=cluster.name,
                type=cluster.kind,
                country=cluster.country,
                sector=cluster.sector,
                code=cluster.code,
                aliases=sorted(aliases),
                mentions=mentions,
                kb_id=cluster.kb_id,
            )
        )
    return actors
