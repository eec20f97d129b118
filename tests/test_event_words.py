"""The event coder's word lists (data/event_words.yaml): schema, bundled file, user override."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from eventwire.data import load_yaml
from eventwire.extract.event_words import (
    BUNDLED,
    EventWords,
    EventWordsError,
    EventWordsFile,
    Labels,
    event_words,
    load_event_words,
)
from eventwire.extract.events import extract_events
from eventwire.model import Document
from eventwire.settings import Settings

# lists of entity labels, CAMEO sectors and PLOVER categories: uppercase codes, not words
# lists of labels (sectors, entity labels, PLOVER names): the schema's Labels fields
UPPERCASE = {name for name, field in EventWordsFile.model_fields.items()
             if field.annotation == Labels.__origin__}
# lists of CAMEO roots
ROOTS = {"giving", "targetless_roots", "doerless_roots", "no_place",
         "voiced_roots", "court_order_roots"}


def test_bundled_file_validates() -> None:
    data = load_yaml(BUNDLED)
    EventWordsFile.model_validate(data)
    assert set(data) == set(EventWordsFile.model_fields) == {f.name for f in fields(EventWords)}


def test_every_list_is_non_empty_and_in_its_case() -> None:
    data = load_yaml(BUNDLED)
    for key, value in data.items():
        assert value, f"{key} is empty"
        if key in {"implied_agents", "implied_agent_names", "protester_harm", "opposed_bodies"}:
            # lemma <-> sector mappings
            lemma_keyed = key != "implied_agent_names"
            words = value if lemma_keyed else value.values()
            labels = value.values() if lemma_keyed else value
            assert all(w == w.lower() for w in words) and all(s == s.upper() for s in labels)
            continue
        if key == "implied_targets":  # sector -> sector
            assert all(s == s.upper() for pair in value.items() for s in pair)
            continue
        if key == "made_by":  # lemma -> sectors
            assert all(w == w.lower() for w in value)
            assert all(s == s.upper() for sectors in value.values() for s in sectors)
            continue
        if isinstance(value, str):  # a single CAMEO code or sector
            assert value == value.strip() and value == value.upper(), key
            continue
        if isinstance(value, int):  # a number of sentences
            assert value > 0, key
            continue
        if key == "list_numbers":  # number word -> how many
            assert all(w == w.lower() and n > 2 for w, n in value.items())
            continue
        if isinstance(value, dict):  # pronoun_kinds: pronoun -> actor kinds
            entries = list(value) + [w for kinds in value.values() for w in kinds]
        else:
            entries = value
        assert all(isinstance(w, str) and w == w.strip() and w for w in entries), key
        if key in ROOTS:
            assert all(len(w) == 2 and w.isdigit() for w in entries), key
        elif key in UPPERCASE:
            assert all(w == w.upper() for w in entries), key
        else:  # matched against lowercased words and lemmas
            assert all(w == w.lower() for w in entries), key
        assert len(entries) == len(set(entries)) or isinstance(value, dict), f"{key}: repeats"


def test_loaded_words_are_frozen_sets() -> None:
    words = load_event_words()
    assert "reportedly" in words.hedges
    assert ("on", "go") in words.phrasal_light  # "went on strike": (preposition, verb)
    assert words.pronoun_kinds["it"] == frozenset({"country", "organization"})
    assert "'ll" in words.modals and "off" in words.particles  # quoted in the YAML
    with pytest.raises(AttributeError):
        words.hedges = frozenset()  # type: ignore[misc]
    with pytest.raises(TypeError):
        words.pronoun_kinds["we"] = frozenset()  # type: ignore[index]


def test_user_file_replaces_the_lists_it_gives(tmp_path: Path) -> None:
    path = tmp_path / "words.yaml"
    path.write_text("hedges: [reportedly]\nno_place: ['01']\n", encoding="utf-8")
    words, bundled = load_event_words(path), load_event_words()
    assert words.hedges == frozenset({"reportedly"})
    assert words.no_place == frozenset({"01"})
    assert words.agents == bundled.agents


def test_user_file_with_an_unknown_key_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "words.yaml"
    path.write_text("hedges: [reportedly]\nhedgs: [maybe]\n", encoding="utf-8")
    with pytest.raises(EventWordsError, match=r"unknown event word list\(s\) hedgs;") as error:
        load_event_words(path)
    assert str(path) in str(error.value)


@pytest.mark.parametrize("text", [
    "hedges: []\n",                 # empty
    "hedges: [Reportedly]\n",       # not lowercase
    "particles: [off, on]\n",       # YAML booleans, not words
    "no_place: [1]\n",              # a number, not a root
    "political_sectors: [gov]\n",   # not uppercase
    "phrasal_light: [go]\n",        # not "verb preposition"
])
def test_user_file_is_validated(tmp_path: Path, text: str) -> None:
    path = tmp_path / "words.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EventWordsError, match=str(path)):
        load_event_words(path)


def test_setting_names_the_user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "words.yaml"
    path.write_text("mishaps: [accident]\n", encoding="utf-8")
    monkeypatch.setenv("EVENTWIRE_EVENT_WORDS", str(path))
    settings = Settings()  # the pipeline reads the setting once and passes it down
    assert settings.event_words == str(path)
    assert event_words(settings.event_words).mishaps == frozenset({"accident"})
    text = "Twelve people were killed in an accident near Nairobi."
    document = Document(id="t", text=text, published="2025-03-14")
    from eventwire.extract import extract
    from eventwire.nlp import load_pipeline

    doc = load_pipeline(settings.model)(text)
    assert extract(doc, document, settings)[2] == []  # the user's mishaps are no violence
    monkeypatch.delenv("EVENTWIRE_EVENT_WORDS")
    assert event_words() is event_words("") and "storm" in event_words().mishaps


def test_the_coder_uses_the_words_it_is_given(nlp, tmp_path: Path) -> None:
    text = "Sudan reportedly arrested two Kenyan journalists."
    document = Document(id="t", text=text, published="2025-03-14")
    doc = nlp(text)
    (arrest,) = [e for e in extract_events(doc, document, [], []) if e.cameo_root == "17"]
    assert arrest.hedged
    path = tmp_path / "words.yaml"
    path.write_text("hedges: [allegedly]\n", encoding="utf-8")
    words = load_event_words(path)
    (arrest,) = [e for e in extract_events(doc, document, [], [], words) if e.cameo_root == "17"]
    assert not arrest.hedged
