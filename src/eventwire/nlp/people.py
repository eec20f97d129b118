"""Well-known people: the country and sector a name stands for when the text says neither.

The bundled list is ``eventwire/data/people.yaml`` (its header describes the format and how to
keep it current); ``EVENTWIRE_PEOPLE`` names extra YAML files in the same format, merged over it
(an entry there replaces the bundled person of the same name). Names are compared without case,
accents, hyphens, dots, apostrophes and the particles al-/el- ("Bashar al-Assad" = "Bashar Assad").
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from eventwire.data import load_yaml
from eventwire.settings import Settings

_DROPPED_WORDS = {"al", "el"}
_PUNCTUATION = str.maketrans({c: " " for c in "-.'’‘`"})


def normalise(name: str) -> str:
    """The comparison form of a name: "Recep Tayyip Erdoğan" -> "recep tayyip erdogan"."""
    text = unicodedata.normalize("NFKD", name.replace("’s", "").replace("'s", ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(w for w in text.translate(_PUNCTUATION).split() if w not in _DROPPED_WORDS)


@dataclass(frozen=True)
class Term:
    """What a person acts for in a period: country (None for an IGO post) and CAMEO sector."""

    country: str | None
    sector: str | None
    start: int | None = None
    end: int | None = None

    def covers(self, year: int) -> bool:
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


@dataclass(frozen=True)
class Person:
    name: str
    words: frozenset[str]  # every word of every name and alias, normalised
    terms: tuple[Term, ...]  # sorted by start year

    def at(self, year: int | None) -> Term:
        """The term for a publication year: the one covering it, else the latest one before it,
        else the first; without a year the latest."""
        if year is None:
            return self.terms[-1]
        covering = [t for t in self.terms if t.covers(year)]
        if covering:
            return covering[-1]
        before = [t for t in self.terms if t.start is not None and t.start <= year]
        return before[-1] if before else self.terms[0]


@dataclass(frozen=True)
class People:
    by_name: dict[str, Person]  # normalised full name or alias -> person
    by_surname: dict[str, tuple[Person, ...]]  # normalised surname -> people so called

    def find(self, names: Iterable[str], year: int | None = None) -> Term | None:
        """The term of the one listed person that ``names`` (all names a text uses for one
        actor) refer to, or None when no name matches, two people match, or a full name in the
        text contradicts the surname ("Hunter Biden" is not Joe Biden)."""
        keys = {normalise(n) for n in names} - {""}
        full = {self.by_name[k] for k in keys if k in self.by_name}
        if full:
            return _one(full, year)
        found: set[Person] = set()
        for key in keys:
            words = key.split()
            owners = self.by_surname.get(key, ())
            if len(words) > 1 and not owners:
                # "Sergei Lavrov" written differently from the list: its last word is the
                # surname when every other word belongs to the person's names (or is an initial)
                owners = tuple(
                    p
                    for p in self.by_surname.get(words[-1], ())
                    if all(w in p.words or _initial_of(w, p) for w in words[:-1])
                )
                if not owners:
                    owners = self._misspelt(key)
                if not owners:
                    return None  # a full name the list does not know: someone else
            found.update(owners)
        return _one(found, year) if found else None


    def _misspelt(self, key: str) -> tuple[Person, ...]:
        """A full name one or two letters off a listed one ("Francois Mitterand")."""
        if len(key) < 10:
            return ()
        found = process.extractOne(key, self.by_name.keys(), scorer=fuzz.ratio,
                                   score_cutoff=_SPELLING_SCORE)
        return (self.by_name[found[0]],) if found else ()


# rapidfuzz ratio (0-100) above which a long full name is taken as a misspelling of a listed one
_SPELLING_SCORE = 93


def _initial_of(word: str, person: Person) -> bool:
    return len(word) == 1 and any(w.startswith(word) for w in person.words)


def _one(people: set[Person], year: int | None) -> Term | None:
    """One term for the people found: theirs if one, a shared country if several agree."""
    terms = {p.at(year) for p in people}
    if len(people) == 1:
        return next(iter(terms))
    countries = {t.country for t in terms}
    if len(countries) != 1:
        return None
    sectors = {t.sector for t in terms}
    return Term(countries.pop(), sectors.pop() if len(sectors) == 1 else None)


def _entries(data: object, where: str) -> list[dict]:
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        raise ValueError(f"{where}: expected a mapping with a 'people' list")
    return data["people"]


def load_people(extra: Sequence[Path] = ()) -> People:
    """The bundled list merged with ``extra`` files (later files replace earlier people)."""
    groups: dict[str, list[dict]] = {}
    sources = [("people.yaml", load_yaml("people.yaml"))]
    sources += [(str(p), yaml.safe_load(Path(p).read_text(encoding="utf-8"))) for p in extra]
    for index, (where, data) in enumerate(sources):
        replaced: set[str] = set()
        for entry in _entries(data, where):
            key = normalise(entry["name"])
            if index > 0 and key not in replaced:
                groups.pop(key, None)  # a user's entry replaces the bundled person
                replaced.add(key)
            groups.setdefault(key, []).append(entry)
    by_name: dict[str, Person] = {}
    by_surname: dict[str, list[Person]] = {}
    for entries in groups.values():
        person = _person(entries)
        names = [person.name] + [a for e in entries for a in e.get("aliases") or ()]
        for name in names:
            by_name.setdefault(normalise(name), person)
        surname = _surname(entries)
        if surname:
            by_surname.setdefault(surname, []).append(person)
    return People(by_name, {k: tuple(v) for k, v in by_surname.items()})


def _person(entries: list[dict]) -> Person:
    terms = sorted(
        (
            Term(e.get("country") or None, e.get("sector") or None, e.get("from"), e.get("to"))
            for e in entries
        ),
        key=lambda t: t.start or 0,
    )
    names = [e["name"] for e in entries] + [a for e in entries for a in e.get("aliases") or ()]
    words = frozenset(w for n in names for w in normalise(n).split())
    return Person(entries[0]["name"], words, tuple(terms))


def _surname(entries: list[dict]) -> str | None:
    """The surname given in any entry of the person (None if any says null), else the last word
    of the name."""
    for entry in entries:
        if "surname" in entry:
            return normalise(entry["surname"]) if entry["surname"] else None
    words = normalise(entries[0]["name"]).split()
    return words[-1] if words else None


@cache
def people() -> People:
    """The list in use: bundled plus the files named in ``EVENTWIRE_PEOPLE``, loaded once."""
    extra = [Path(p) for p in Settings().people.split(os.pathsep) if p.strip()]
    return load_people(extra)
