"""Well-known people: the country and sector a name stands for when the text says neither.

The data is served by the actor knowledge base (:mod:`eventwire.nlp.kb`): the people of
``eventwire/data/people.yaml`` (its header describes the format and how to keep it current),
of extra people files in the same format and of user actor overrides, as a year-based
:class:`People` table. :func:`people` is the bundled table; a pipeline's own table (with the
files of its settings, ``EVENTWIRE_PEOPLE`` and ``EVENTWIRE_ACTORS``) is ``kb.people`` of the KB
its ``eventwire_actors`` component holds. Names are compared without case, accents, hyphens,
dots, apostrophes and the particles al-/el- ("Bashar al-Assad" = "Bashar Assad").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    from eventwire.nlp.kb import _Record

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
    title: str | None = None  # the post as a story names it alone ("president")

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


def load_people(extra: Sequence[Path] = ()) -> People:
    """The bundled list merged with ``extra`` people files (later files replace earlier
    people), as the knowledge base serves it."""
    from eventwire.nlp.kb import load_kb

    return load_kb(people_files=[str(p) for p in extra]).people


def people_from_records(records: Iterable[_Record]) -> People:
    """The year-based table of the KB's people that come from project or user files (the
    generated Phoenix people are looked up through the KB itself)."""
    by_name: dict[str, Person] = {}
    by_surname: dict[str, list[Person]] = {}
    for record in records:
        person = _person(record)
        if person is None:
            continue
        for name in (record.name, *record.aliases):
            by_name.setdefault(normalise(name), person)
        if record.surname != "":
            surname = normalise(record.surname) if record.surname else (
                normalise(record.name).split() or [""])[-1]
            if surname:
                by_surname.setdefault(surname, []).append(person)
    return People(by_name, {k: tuple(v) for k, v in by_surname.items()})


def _person(record: _Record) -> Person | None:
    """The terms of the newest source that has any (user files over people.yaml)."""
    sources = [r.source for r in record.roles if r.source != "generated"]
    if not sources:
        return None
    newest = "user" if "user" in sources else "project"
    terms = sorted(
        (
            Term(role.country, role.sector, role.start.year if role.start else None,
                 role.until.year if role.until else None, role.title)
            for role in record.roles
            if role.source == newest
        ),
        key=lambda t: t.start or 0,
    )  # fmt: skip
    words = frozenset(w for n in (record.name, *record.aliases) for w in normalise(n).split())
    return Person(record.name, words, tuple(terms))


def people() -> People:
    """The bundled table (``people.yaml``), loaded once; a pipeline's table with the user's
    files is ``kb.people`` of the KB it was configured with."""
    from eventwire.nlp.kb import load_kb

    return load_kb().people
