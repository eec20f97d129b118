"""eventwire's spaCy components in a user's own pipeline: found through the package's entry
points, and their doc extensions serialisable (doc.to_bytes, DocBin, nlp.pipe(n_process=2))."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import eventwire
from eventwire.model import Actor, Event, Quote
from eventwire.nlp.components import ActorCluster, actor_at

REPO = Path(__file__).resolve().parents[1]

TEXT = ("Russia's foreign minister Sergei Lavrov met his Chinese counterpart Wang Yi in Beijing "
        "on Tuesday. \"We will deepen our partnership,\" Lavrov told reporters. The United States "
        "imposed new sanctions on Iran, the Treasury said.")


@pytest.fixture(scope="module")
def user_nlp():
    nlp = spacy.load(eventwire.Settings().model)
    nlp.add_pipe("eventwire_actors")
    nlp.add_pipe("eventwire_quotes")
    nlp.add_pipe("eventwire_events", config={"min_confidence": 0.0})
    return nlp


def _events(doc: Doc) -> list[tuple]:
    return [(e.cameo, e.source, e.target, e.trigger.start) for e in doc._.events]


def _actors(doc: Doc) -> list[tuple]:
    return [(c.id, c.name, c.country, c.sector, [(m.start, m.end) for m in c.mentions])
            for c in doc._.actors]


def test_factories_load_through_entry_points_without_importing_eventwire():
    code = f"""
import sys
import spacy
assert "eventwire" not in sys.modules
nlp = spacy.load({eventwire.Settings().model!r})
for name in ("eventwire_actors", "eventwire_events"):
    nlp.add_pipe(name)
doc = nlp("The United States imposed new sanctions on Iran on Friday.")
print(sorted(e.cameo for e in doc._.events))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "'163'" in done.stdout or "'16" in done.stdout, done.stdout


def test_components_give_contract_records(user_nlp):
    doc = user_nlp(TEXT)
    assert all(isinstance(e, Event) for e in doc._.events) and doc._.events
    assert all(isinstance(q, Quote) for q in doc._.quotes) and doc._.quotes
    assert all(isinstance(a, Actor) for a in doc._.actor_records)
    ids = {a.id: a.name for a in doc._.actor_records}
    meeting = next(e for e in doc._.events if e.trigger.text == "met")
    assert (ids[meeting.source], ids[meeting.target]) == ("Sergei Lavrov", "Wang Yi")
    assert ids[doc._.quotes[0].speaker] == "Sergei Lavrov"


def test_components_code_as_the_pipeline_does(user_nlp):
    result = eventwire.analyse_text(TEXT, min_confidence=0.0)
    doc = user_nlp(TEXT)
    assert [(e.cameo, e.source, e.target, e.trigger.text) for e in doc._.events] == [
        (e.cameo, e.source, e.target, e.trigger.text) for e in result.events]


def test_events_component_alone_runs_the_actors_itself():
    nlp = spacy.load(eventwire.Settings().model)
    nlp.add_pipe("eventwire_events")
    doc = nlp("Japan and South Korea agreed to resume security talks.")
    assert doc._.actors and {a.name for a in doc._.actor_records} >= {"Japan", "South Korea"}


def test_doc_to_bytes_round_trip(user_nlp):
    doc = user_nlp(TEXT)
    actor_at(doc, 0)  # fills the index cache, which is not written
    again = Doc(user_nlp.vocab).from_bytes(doc.to_bytes())
    assert _actors(again) == _actors(doc)
    assert all(isinstance(c, ActorCluster) for c in again._.actors)
    assert again._.actors[0].mentions[0].doc is again
    assert again._.events == doc._.events and again._.quotes == doc._.quotes
    assert again._.actor_records == doc._.actor_records
    assert [(p.text, a.text) for p, a in again._.coref_links] == [
        (p.text, a.text) for p, a in doc._.coref_links]
    assert actor_at(again, doc._.actors[0].mentions[0].start).id == doc._.actors[0].id


def test_docbin_round_trip(user_nlp):
    docs = list(user_nlp.pipe([TEXT, "Turkey closed its border with Syria on Sunday."]))
    packed = DocBin(store_user_data=True, docs=docs).to_bytes()
    again = list(DocBin().from_bytes(packed).get_docs(user_nlp.vocab))
    assert [_events(d) for d in again] == [_events(d) for d in docs]


@pytest.mark.slow
def test_pipe_with_two_processes(user_nlp):
    texts = [TEXT, "Turkey closed its border with Syria on Sunday.",
             "Japan and South Korea agreed to resume security talks."]
    single = [_events(doc) for doc in user_nlp.pipe(texts)]
    double = [_events(doc) for doc in user_nlp.pipe(texts, n_process=2)]
    assert double == single and any(single)


def test_eventwire_pipeline_docs_serialise_too():
    nlp = eventwire.pipeline.load_pipeline(eventwire.Settings())
    doc = nlp(TEXT)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _actors(again) == _actors(doc)
