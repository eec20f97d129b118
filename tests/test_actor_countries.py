"""Actor countries from the text's one country, from well-known names and from town names.

Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from eventwire.nlp.components import ActorCluster


@pytest.fixture(scope="module")
def actors_of(nlp):
    def run(text: str) -> list[ActorCluster]:
        return nlp(text)._.actors

    return run


def named(actors: list[ActorCluster], name: str) -> ActorCluster:
    matches = [a for a in actors if a.name == name]
    assert len(matches) == 1, f"{name!r} in {[(a.name, a.kind) for a in actors]}"
    return matches[0]


# --- the only country a text names ---------------------------------------------------------


def test_the_one_country_a_minister_talks_with_is_not_his_own(actors_of):
    actors = actors_of(
        "Interior Minister Omar Bakary said on Friday that talks with Chad had stalled."
    )
    assert named(actors, "Omar Bakary").country is None


def test_the_one_country_a_short_text_sends_an_official_to_is_not_his_own(actors_of):
    actors = actors_of("The defence minister flew to Japan on Sunday for two days of talks.")
    minister = next(a for a in actors if a.sector == "GOV" and a.kind == "person")
    assert minister.country is None


def test_the_place_where_rebels_act_is_their_country(actors_of):
    actors = actors_of("Rebels attacked an army post in northern Mali on Sunday.")
    rebels = next(a for a in actors if a.sector == "REB")
    assert rebels.country == "MLI"


def test_a_longer_domestic_story_gives_its_one_country_to_the_president(actors_of):
    actors = actors_of(
        "President Teodor Marin opened a new gas pipeline on Monday. The project cost two "
        "billion dollars and took four years. Officials said exports would rise next year. "
        "Romania hopes to double its gas sales by 2030."
    )
    assert named(actors, "Teodor Marin").country == "ROU"
