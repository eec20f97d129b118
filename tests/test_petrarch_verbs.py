"""PETRARCH-2's verbs (data/event_verbs_petrarch.yaml, converted by
scripts/convert_petrarch_verbs.py) widen the triggers for lemmas eventwire's own dictionary does
not know; eventwire's verbs keep their own senses."""

from __future__ import annotations

import pytest

from eventwire.data import read_text
from eventwire.extract import extract
from eventwire.extract.codes import cameo_table
from eventwire.extract.event_lexicon import _petrarch_verbs, lexicon
from eventwire.extract.syntax import NO_EVENT
from eventwire.model import Document


@pytest.fixture(scope="module")
def code(nlp):
    def run(text: str) -> list[tuple[str, str, str, str]]:
        document = Document(id="t", text=text, published="2025-03-14")
        _, _, events = extract(nlp(text), document)
        return [(e.trigger.text, e.cameo, e.source_text or "", e.target_text or "")
                for e in events]

    return run


def test_converted_file_loads_with_its_notice() -> None:
    header = read_text("event_verbs_petrarch.yaml").split("verbs:", 1)[0]
    assert "MIT License" in header and "Copyright (c)" in header and "CAMEO.2.0.txt" in header
    verbs = _petrarch_verbs()
    assert len(verbs) > 500
    table = cameo_table()
    for lemma, entries in verbs.items():
        assert lemma == lemma.lower(), lemma
        assert any(str(e["code"]) != NO_EVENT for e in entries), lemma
        for entry in entries:
            assert str(entry["code"]) in table or entry["code"] == NO_EVENT, (lemma, entry)
            assert set(entry) <= {"code", "prep", "with"}, (lemma, entry)


def test_petrarch_only_verbs_are_added_and_marked() -> None:
    lex = lexicon()
    assert "commandeer" not in lex.verbs  # a fallback, not part of the project's dictionary
    senses = lex.senses("commandeer")
    assert senses and all(s.source == "petrarch" for s in senses)
    assert senses[-1].code == "171"
    assert not set(lex.petrarch) & (set(lex.verbs) | set(lex.wrappers) | lex.reporting)
    # specific senses (a preposition or an object word) come before the unconditional default
    for senses in lex.petrarch.values():
        plain = [i for i, s in enumerate(senses) if not s.prep and not s.with_words]
        assert plain in ([], [len(senses) - 1]), senses


def test_petrarch_only_verb_is_coded(code) -> None:
    events = code("The Iranian navy commandeered a British tanker.")
    assert [(t, c) for t, c, *_ in events] == [("commandeered", "171")]
    _, _, source, target = events[0]
    assert "navy" in source and "tanker" in target
    events = code("A Serbian court exonerated the Croatian general.")
    assert [(t, c) for t, c, *_ in events] == [("exonerated", "081")]


def test_eventwire_verb_keeps_its_own_senses(code) -> None:
    lex = lexicon()
    # PETRARCH codes "condemn" as an accusation (112x); eventwire's own sense is criticism (111)
    assert "condemn" in _petrarch_verbs()
    assert all(s.source == "eventwire" for s in lex.senses("condemn"))
    events = code("France condemned the Russian missile strikes.")
    assert ("condemned", "111") in [(t, c) for t, c, *_ in events]
