"""What makes a process's start-up cheaper gives the same tables as before (issue #13).

- the data files are parsed by libyaml when PyYAML has it, into the same objects as the
  pure-Python parser, and both refuse a mapping with a key twice;
- the towns table's fast key for ASCII names is ``normalise`` (a property over any text);
- PETRARCH-2's senses, made on first look-up, are those made all at once before;
- the CLI's import (and so the workers' loader spawned from the ``eventwire`` script) does
  not import the web server.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import resources

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from eventwire.data import SAFE_LOADER, load_yaml, parse_yaml
from eventwire.extract import event_lexicon
from eventwire.nlp.people import normalise
from eventwire.nlp.towns import _key

BUNDLED_YAML = sorted(
    entry.name for entry in resources.files("eventwire.data").iterdir()
    if entry.name.endswith(".yaml")
)  # fmt: skip


def test_the_data_files_are_parsed_by_libyaml_when_pyyaml_has_it() -> None:
    expected = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    assert SAFE_LOADER is expected


@pytest.mark.parametrize("name", BUNDLED_YAML)
def test_both_parsers_give_the_same_objects_for_every_bundled_file(name: str) -> None:
    text = resources.files("eventwire.data").joinpath(name).read_text(encoding="utf-8")
    # repr: the same types too (True is not 1) and the same key order
    assert repr(parse_yaml(text)) == repr(parse_yaml(text, libyaml=False))


@pytest.mark.parametrize("libyaml", [None, False])
@pytest.mark.parametrize("text", [
    "act_nouns: [decision]\nact_nouns: [move]\n",
    "verbs:\n  meet:\n    - code: '040'\n  meet:\n    - code: '036'\n",
    "- name: Kyiv\n  name: Kiev\n",
])  # fmt: skip
def test_a_key_given_twice_is_refused_by_both_parsers(text: str, libyaml: bool | None) -> None:
    with pytest.raises(yaml.constructor.ConstructorError, match="is given twice"):
        parse_yaml(text, libyaml=libyaml)


def test_the_same_key_in_different_mappings_is_accepted() -> None:
    text = "a: {x: 1}\nb: {x: 2}\nc: [{x: 3}, {x: 4}]\n"
    assert parse_yaml(text) == parse_yaml(text, libyaml=False) == {
        "a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": 4}]}


@pytest.mark.parametrize("name", [
    "Sivas", "Ras al-Khaimah", "El Paso", "St. Louis", "Winston-Salem", "Al Ain",
    "Dar es Salaam", "Hell-Ville", "Ta`izz", "O'Fallon", "Land's End", "Bogotá", "Nuuk  ",
    "AL  EL al-el", "São Paulo", "Sankt Peter-Ording", "A.B.C", "  ", "",
])  # fmt: skip
def test_the_towns_key_is_normalise(name: str) -> None:
    assert _key(name) == normalise(name)


@given(st.text(alphabet=st.sampled_from("aAlLeE -.'`’‘sSéğ\u0301 x"), max_size=30))
def test_the_towns_key_is_normalise_for_any_text(name: str) -> None:
    assert _key(name) == normalise(name)


@given(st.text(max_size=20))
def test_the_towns_key_is_normalise_for_any_characters(name: str) -> None:
    assert _key(name) == normalise(name)


def test_petrarch_senses_made_on_first_use_are_those_made_at_once() -> None:
    lexicon = event_lexicon.lexicon()
    data = load_yaml("event_verbs.yaml")
    known = (set(data["verbs"]) | set(lexicon.wrappers) | set(data["light_verbs"])
             | set(data["reporting"]) | set(data["evaluative_verbs"]))  # fmt: skip
    eager = {lemma: event_lexicon._senses(entries, source="petrarch")
             for lemma, entries in event_lexicon._petrarch_verbs().items()
             if lemma not in known}  # fmt: skip
    lazy = lexicon.petrarch
    assert len(lazy) == len(eager) > 500
    assert list(lazy) == list(eager)
    for lemma, senses in eager.items():
        assert lemma in lazy
        assert lazy[lemma] == senses
        assert lazy.get(lemma) is lazy[lemma]  # made once, then the same list
    assert "meet" not in lazy and lazy.get("meet") is None  # the dictionary's own verb
    assert lazy.get("no-such-verb") is None


def test_the_cli_does_not_import_the_web_server() -> None:
    code = ("import sys, eventwire.cli; "
            "print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette', 'eventwire.serve.app') "
            "if m in sys.modules))")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert done.stdout.strip() == "[]"


def test_the_serve_package_still_gives_its_app() -> None:
    import eventwire.serve

    assert callable(eventwire.serve.create_app)
    with pytest.raises(AttributeError):
        eventwire.serve.no_such_name  # noqa: B018
