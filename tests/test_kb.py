"""The actor knowledge base: Phoenix conversion, dated roles, places, parties, user overrides."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.nlp.kb import KBError, load_kb, normalise, read_actor_file
from eventwire.settings import Settings, split_paths

runner = CliRunner()


@pytest.fixture(scope="module")
def kb():
    return load_kb()


# --- names ------------------------------------------------------------------------------------


def test_names_are_compared_without_case_accents_titles_or_article():
    assert normalise("Mr. Recep Tayyip Erdoğan") == "recep tayyip erdogan"
    assert normalise("The U.S. State Department") == normalise("US State Department")
    assert normalise("Ban Ki-moon") == "ban ki moon"
    assert normalise("People's Liberation Army") == "peoples liberation army"


def test_short_capitals_only_match_capitals(kb):
    assert kb.lookup("UN").code == "IGOUNO"
    assert kb.lookup("un") is None
    assert kb.lookup("US").country == "USA"
    assert kb.lookup("us") is None


# --- what the Phoenix dictionaries give ----------------------------------------------------------


def test_igos_and_ngos_keep_their_full_cameo_code(kb):
    unicef = kb.lookup("UNICEF")
    assert (unicef.code, unicef.country, unicef.sector) == ("IGOUNOKID", None, "IGO")
    amnesty = kb.lookup("Amnesty International")
    assert (amnesty.code, amnesty.country, amnesty.sector) == ("NGOHRIAMN", None, "NGO")
    nato = kb.lookup("NATO")
    assert nato.code.startswith("IGO") and nato.sector == "IGO"


def test_a_dated_role_is_chosen_by_the_date(kb):
    # Phoenix: GEOELI 1957-1990, GEOGOV 1990-11-14 .. 1992-01-06, GEOELI to 1993
    assert kb.lookup("Zviad Gamsakhurdia", "1991-06-01").code == "GEOGOV"
    assert kb.lookup("Zviad Gamsakhurdia", "1993-01-01").code == "GEOELI"
    assert kb.lookup("Zviad Gamsakhurdia", 1980).code == "GEOELI"
    # Putin: RUSELI until 1999, RUSGOV from then on
    assert kb.lookup_surname("Putin", "1995-01-01").code == "RUSELI"
    assert kb.lookup("President Vladimir Putin", "2023-02-24").code == "RUSGOV"


def test_people_yaml_is_newer_than_phoenix(kb):
    assert kb.lookup("Mark Rutte", "2015-06-01").code == "NLDGOV"
    assert kb.lookup("Mark Rutte", "2025-06-01").sector == "IGO"
    # an IGO post of people.yaml keeps the full code Phoenix gives for the same period
    assert kb.lookup("Ban Ki-moon", "2010-01-01").code == "IGOUNO"
    assert kb.lookup("Ban Ki-moon", "2005-01-01").country == "KOR"


def test_generic_nouns_give_sectors(kb):
    assert kb.agent("border patrol police").sector == "COP"  # Phoenix agents
    assert kb.agent("gendarmerie").sector == "COP"
    assert kb.agent("police officers").sector == "COP"  # roles.yaml, plural
    assert kb.agent("lawmakers").sector == "LEG"
    assert kb.agent("the supreme court").sector == "JUD"
    assert kb.agent("analyst").sector is None  # an actor noun without a role


def test_surnames_answer_only_when_one_person_has_them(kb):
    assert kb.lookup_surname("Lavrov", "2023-01-01").code == "RUSGOV"
    assert kb.lookup_surname("Kim") is None  # North and South Korean leaders
    assert kb.lookup_surname("Bush") is None  # father and son


# --- places and parties ---------------------------------------------------------------------------


def test_georgia_the_state_and_georgia_the_country_are_both_known(kb):
    country = kb.lookup("Georgia")
    assert (country.kind, country.country, country.ambiguous) == ("country", "GEO", True)
    assert "USA" in country.alternative_countries
    state = kb.lookup("Georgia", country="USA")
    assert (state.kind, state.country) == ("location", "USA")
    assert "subdivision:US-GA" in state.tags
    assert kb.lookup("Bavaria").country == "DEU"
    assert kb.lookup("Punjab").ambiguous  # India and Pakistan


def test_capitals_and_demonyms(kb):
    moscow = kb.lookup("Moscow")
    assert (moscow.kind, moscow.country, "capital" in moscow.tags) == ("location", "RUS", True)
    russian = kb.lookup("Russian")
    assert (russian.id, russian.via) == ("kb:russia", "demonym")


def test_parties_by_country(kb):
    assert kb.lookup("Bharatiya Janata Party").code == "INDPTY"
    labour = kb.lookup("Labour")
    assert labour.country == "GBR" and labour.ambiguous and "NZL" in labour.alternative_countries
    assert kb.lookup("Labour", country="NZL").country == "NZL"
    assert kb.lookup("Republicans").country == "USA"
    assert kb.lookup("Chinese Communist Party").code == "CHNGOV"


def test_ids_are_stable_slugs(kb):
    assert kb.lookup("Vladimir Putin").id == "kb:vladimir-putin"
    assert kb.get("kb:vladimir-putin", "2023-01-01").code == "RUSGOV"
    assert len({entry.id for entry in kb.entries()}) == len(kb)


# --- user override files --------------------------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "actors.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_override_replaces_an_entry_and_keeps_its_id(tmp_path):
    path = write(
        tmp_path,
        "- name: Vladimir Putin\n"
        "  aliases: [VVP]\n"
        "  type: person\n"
        "  roles:\n"
        "    - {code: RUSGOV, from: 1999-12-31}\n"
        "    - {code: RUSELI, from: 2040-01-01}\n"
        "- name: Ana Tavares\n"
        "  type: person\n"
        "  country: PRT\n"
        "  sector: GOV\n",
    )
    kb = load_kb(actors_files=[path])
    putin = kb.lookup("VVP", "2045-01-01")
    assert (putin.id, putin.code, putin.source) == ("kb:vladimir-putin", "RUSELI", "user")
    assert kb.lookup("Putin", "2020-01-01").code == "RUSGOV"  # the old aliases still work
    assert kb.lookup("Ana Tavares").code == "PRTGOV"
    assert kb.lookup_surname("Tavares").country == "PRT"
    assert load_kb().lookup("Ana Tavares") is None  # the bundled KB is unchanged
    assert load_kb(actors_files=[path]) is kb  # loaded once per set of files


def test_the_sample_override_file_is_valid():
    specs = read_actor_file(Path(__file__).resolve().parents[1] / "samples" / "actors.yaml")
    assert {s.name for s in specs} >= {"Elon Musk", "North Atlantic Treaty Organization"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- aliases: [X]\n", "needs a 'name'"),
        ("- name: [unclosed\n", "not valid YAML"),
        ("- name: X\n  country: usa\n", "country"),
        ("- name: X\n  roles: [{code: gov}]\n", "roles.0.code"),
        ("- name: X\n  contry: USA\n", "contry: unknown field"),
        ("name: X\n", "a list of actors"),
    ],
)
def test_invalid_override_files_give_one_clear_line(tmp_path, text, expected):
    path = write(tmp_path, text)
    with pytest.raises(KBError) as err:
        read_actor_file(path)
    message = str(err.value)
    assert expected in message and "\n" not in message and str(path) in message


def test_the_settings_take_several_override_files(monkeypatch):
    monkeypatch.setenv("EVENTWIRE_ACTORS", "a.yaml:b.yaml")
    assert split_paths(Settings().actors) == ("a.yaml", "b.yaml")


def extract_json(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["extract", *args, "--format", "json"])
    return result.exit_code, result.output


def test_an_override_changes_a_code_end_to_end(tmp_path):
    article = write(tmp_path, "Elon Musk criticised the new rules on satellite launches.\n",
                    "article.txt")  # fmt: skip
    plain_code, plain = extract_json(str(article), "--raw")
    assert plain_code == 0, plain
    (musk,) = [a for a in json.loads(plain)["actors"] if a["name"] == "Elon Musk"]
    assert musk["code"] == "USABUS"

    override = write(tmp_path, "- {name: Elon Musk, type: person, country: ZAF, sector: GOV}\n")
    code, output = extract_json(str(article), "--raw", "--actors", str(override))
    assert code == 0, output
    (musk,) = [a for a in json.loads(output)["actors"] if a["name"] == "Elon Musk"]
    assert (musk["country"], musk["sector"], musk["code"]) == ("ZAF", "GOV", "ZAFGOV")


def test_an_invalid_override_file_exits_2_with_one_line(tmp_path):
    article = write(tmp_path, "Elon Musk spoke.\n", "article.txt")
    override = write(tmp_path, "- name: Elon Musk\n  sector: business\n")
    code, output = extract_json(str(article), "--actors", str(override))
    lines = output.strip().splitlines()
    assert code == 2 and len(lines) == 1, output
    assert lines[0].startswith("eventwire: ") and "sector" in lines[0]
    assert "Traceback" not in output
    missing = runner.invoke(app, ["extract", str(article), "--actors", str(tmp_path / "no.yaml")])
    assert missing.exit_code == 2 and "no such file" in missing.output
