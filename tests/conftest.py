"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from eventwire.ingest import read_documents
from eventwire.model import Result
from eventwire.nlp import load_pipeline
from eventwire.nlp.components import ActorCluster
from eventwire.pipeline import analyse
from eventwire.settings import Settings

REPO = Path(__file__).resolve().parents[1]
# Scripts run as files import their shared helpers (docs_sections) from their own folder.
sys.path.insert(0, str(REPO / "scripts"))
SAMPLES = REPO / "samples" / "articles"
BAD_SAMPLES = REPO / "samples" / "bad"
SHARED_DATA = REPO.parent / "shared" / "data"
# Commands run in their own process unless a test asks for workers (--workers 2, the tests of
# eventwire.parallel): a worker loads its own model, which would make the suite much slower.
os.environ.setdefault("EVENTWIRE_WORKERS", "1")


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline(Settings().model)


def analyse_paths(paths: list[Path], **settings: object) -> list[Result]:
    """The whole pipeline on files, as `eventwire extract` runs it."""
    config = Settings(**settings)
    return [r for r in analyse(read_documents(paths, config), config) if isinstance(r, Result)]


@pytest.fixture(scope="session")
def analyse_text(nlp, tmp_path_factory):
    """Run the whole pipeline on a text (cleaning included unless raw=True)."""
    folder = tmp_path_factory.mktemp("texts")
    counter = iter(range(10**6))

    def run(text: str, *, raw: bool = False, published: str | None = None) -> Result:
        path = folder / f"doc{next(counter)}.txt"
        body = f"date {published}\n{text}" if published and not raw else text
        path.write_text(body, encoding="utf-8")
        (result,) = analyse_paths([path], raw=raw)
        return result

    return run


@pytest.fixture(scope="module")
def actors_of(nlp):
    """The actors the NLP stage finds in a text."""

    def run(text: str) -> list[ActorCluster]:
        return nlp(text)._.actors

    return run


def actor_named(actors: list[ActorCluster], name: str) -> ActorCluster:
    """The one actor called ``name`` (fails, listing the actors, when there is none or several)."""
    matches = [a for a in actors if a.name == name]
    assert matches, f"no actor named {name!r} in {[(a.name, a.kind) for a in actors]}"
    assert len(matches) == 1, f"{name!r} split over {len(matches)} actors"
    return matches[0]
