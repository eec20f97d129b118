"""The actor knowledge base (KB): who a name stands for, coded in CAMEO, at a given date.

Public entry: :func:`load_kb`, which returns an :class:`ActorKB` (loaded once per process for
each set of user files, about 1 s and 100 MB; see ``docs/benchmarks.md``).

The KB merges, from the lowest precedence to the highest:

1. the generated tables in ``eventwire/data/kb/`` (``scripts/build_actor_kb.py``): the
   Phoenix/PETRARCH-2 actor dictionaries (people and state bodies with dated roles, IGOs, NGOs,
   companies, armed groups; MIT, see ``NOTICE-petrarch2.txt``), countries and their first-level
   subdivisions from pycountry, and the Phoenix agents dictionary (generic nouns -> sectors);
2. the project's own files: ``people.yaml``, ``organizations.yaml``, ``places.yaml``
   (country short names, demonyms, capitals), ``parties.yaml`` and ``roles.yaml`` (agents);
3. user files: people files in the ``people.yaml`` format (``EVENTWIRE_PEOPLE``) and actor
   override files in the format of ``samples/actors.yaml`` (``EVENTWIRE_ACTORS`` /
   ``--actors``). An override entry whose name (or, failing that, one of whose aliases) is a
   name of a KB entry replaces that entry's name, kind and codes and keeps its id; otherwise it
   is added.

Names are compared by :func:`normalise` (no case, accents, hyphens, dots or apostrophes, no
leading "the" or honorific). Short all-capital names ("US", "UN", "WHO") only match text
written in capitals.

Dated roles: every source contributes roles (a CAMEO code with optional start and end dates).
The role at a date comes from the newest source that has any role starting on or before that
date (user files over project files over Phoenix, whose roles end around 2016-2018): among its
roles, the one covering the date with the latest start; outside every period the latest one
before the date; before all of them the first. Without a date: that source's latest role.
"""

from __future__ import annotations

import gc
import gzip
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from eventwire.data import read_text

if TYPE_CHECKING:
    from eventwire.nlp.people import People

__all__ = [
    "ActorKB",
    "ActorSpec",
    "AgentRole",
    "KBEntry",
    "KBError",
    "Role",
    "code_parts",
    "load_kb",
    "normalise",
    "read_actor_file",
]

FORMAT = "eventwire-kb/1"
# Bump when normalise() changes: the generated tables store normalised keys and are rebuilt.
NORMALISER_VERSION = 1
KINDS = ("person", "organization", "country", "group", "location")
KB_DATA = "kb"  # folder inside eventwire/data

# Sources, lowest precedence first; a record's layer is the highest source that touched it.
GENERATED, PROJECT, USER = 0, 1, 2
_LAYER_NAMES = {GENERATED: "generated", PROJECT: "project", USER: "user"}

_KIND_RANK = {"country": 0, "organization": 1, "group": 2, "person": 3, "location": 4}
_VIA_RANK = {"name": 0, "alias": 1, "demonym": 2}


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed


def _yaml(text: str) -> Any:
    return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)


@cache
def load_yaml(name: str) -> Any:
    """A project data file (``people.yaml`` ...), parsed with libyaml when it is available."""
    return _yaml(read_text(name))


# --- names -----------------------------------------------------------------------------------

_HONORIFICS = frozenset(
    "mr mrs ms miss mx dr sir dame lady lord madam madame prof professor".split()  # noqa: SIM905
)
_PARTICLES = frozenset({"al", "el"})
_DOTTED = re.compile(r"\b(?:[^\W\d_]\.)+[^\W\d_]\b\.?")  # U.S., U.S.A., J.D.
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")  # Putin's, Workers'
_INNER_APOSTROPHE = re.compile(r"(?<=\w)['’`](?=\w)")
_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """Comparison key of a name: "The U.S. Department of State" -> "us department of state",
    "Mr. Erdoğan" -> "erdogan", "People's Liberation Army" -> "peoples liberation army"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).strip().casefold()
    text = _POSSESSIVE.sub(lambda m: "s" if m.group().startswith("s") else "", text)
    text = _INNER_APOSTROPHE.sub("", text)
    text = _DOTTED.sub(lambda m: m.group().replace(".", ""), text)
    words = _NON_WORD.sub(" ", text.replace("&", " and ")).split()
    while len(words) > 1 and (words[0] == "the" or words[0] in _HONORIFICS):
        words.pop(0)
    return " ".join(words)


def _particle_free(key: str) -> str:
    """"bashar al assad" -> "bashar assad" (people are also indexed so)."""
    return " ".join(w for w in key.split() if w not in _PARTICLES)


def _is_cased_form(text: str) -> bool:
    """A short all-capital name ("US", "U.N.", "WHO") that only matches text in capitals."""
    letters = [c for c in text if c.isalpha()]
    return 0 < len(letters) <= 3 and all(c.isupper() for c in letters) and " " not in text.strip()


def _written_in_capitals(text: str) -> bool:
    return not any(c.islower() for c in text)


# --- CAMEO codes -----------------------------------------------------------------------------

# Three-letter CAMEO prefixes that are not countries: international actors and regions.
_INTERNATIONAL = {"IGO": "IGO", "NGO": "NGO", "NGM": "NGO", "MNC": "BUS", "IMG": "REB"}
_REGIONS = frozenset(
    "AFR ASA BLK CAF CAS CAU CFR CRB EAF EEU EIN EUR INT LAM MDT MEA NAF NMR PGS SAF SAM SAS "  # noqa: SIM905
    "SCN SEA WAF WEU WST".split()
)
# CAMEO role (sector) codes; religion codes stand for the sector REL.
ROLE_CODES = frozenset(
    "GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL ELI LAB LEG HLH REF MOD RAD AGR DEV "  # noqa: SIM905
    "ENV HRI UAF INS SEP IGO NGO REL".split()
)
_RELIGIONS = frozenset(
    "MUS CHR JEW BUD HIN SHI SUN CTH PRO ORT ALE DRZ SFI JAN JAI SIK TAO ZRO BAH CON MOS ITH "  # noqa: SIM905
    "SHN".split()
)


@cache
def _countries() -> frozenset[str]:
    import pycountry

    codes = {c.alpha_3 for c in pycountry.countries}
    codes |= {c.alpha_3 for c in pycountry.historic_countries}
    return frozenset(codes | {"KOS"})


@lru_cache(maxsize=8192)
def code_parts(code: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of a CAMEO actor code: "RUSGOV" -> ("RUS", "GOV"), "IGOUNOKID" ->
    (None, "IGO"), "NGOAMN" -> (None, "NGO"), "USAGOVMIL" -> ("USA", "GOV"), "ELI" -> (None,
    "ELI"), "USA" -> ("USA", None), "SYRREBMUS" -> ("SYR", "REB")."""
    if not code:
        return None, None
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    head = chunks[0]
    if head in _INTERNATIONAL:
        return None, _INTERNATIONAL[head]
    if head in _REGIONS:
        return None, _sector_of(chunks[1:])
    if head in _countries():
        return head, _sector_of(chunks[1:])
    if head in ROLE_CODES or head in _RELIGIONS:
        return None, _sector_of(chunks)
    return None, _sector_of(chunks[1:])


def _sector_of(chunks: Sequence[str]) -> str | None:
    for chunk in chunks[:1]:
        if chunk in _INTERNATIONAL:
            return _INTERNATIONAL[chunk]
        if chunk in ROLE_CODES:
            return chunk
        if chunk in _RELIGIONS:
            return "REL"
    return None


def _role_code(country: str | None, sector: str | None, code: str | None) -> str | None:
    """The CAMEO code an entry written with country and sector stands for ("RUS"+"GOV")."""
    if code:
        return code
    joined = (country or "") + (sector if sector and sector != (country or "") else "")
    return joined or None


# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Role:
    """A CAMEO code an actor held, optionally between two dates (both included)."""

    code: str
    country: str | None
    sector: str | None
    start: date | None = None
    until: date | None = None
    source: str = "generated"  # generated | project | user
    title: str | None = None  # the post as a story names it alone ("president"): people files

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (
            self.until is None or day <= self.until
        )


@dataclass(frozen=True, slots=True)
class KBEntry:
    """One KB actor as it stands at the date looked up.

    ``country``, ``sector`` and ``code`` are those of ``role`` (the role at the date), or the
    entry's own when it has no roles (places). ``ambiguous`` is True when other entries answer
    to the same name; their ids and their countries at the date are in ``alternatives`` and
    ``alternative_countries`` (best first), so a caller can decide by context.
    """

    id: str
    name: str
    kind: str  # person | organization | country | group | location
    country: str | None
    sector: str | None
    code: str | None
    role: Role | None
    roles: tuple[Role, ...]
    aliases: tuple[str, ...]
    tags: tuple[str, ...]  # "capital", "subdivision:US-GA", "party", "post", "igo-seat", ...
    source: str  # the highest source that contributed: generated | project | user
    matched: str = ""  # the normalised name that was looked up
    via: str = "name"  # name | alias | demonym | surname | id
    ambiguous: bool = False
    alternatives: tuple[str, ...] = ()
    alternative_countries: tuple[str | None, ...] = ()


@dataclass(frozen=True, slots=True)
class AgentRole:
    """What a generic noun says about an actor: "riot police" -> COP, "lawmakers" -> LEG."""

    phrase: str  # the normalised phrase that matched
    code: str | None  # CAMEO role code(s) as written ("GOVMIL"), None for a role-less noun
    sectors: tuple[str, ...]  # its three-letter parts ("GOV", "MIL")
    body: bool | None  # an institution ("ministry") rather than people; None when unknown
    source: str  # "roles.yaml" | "phoenix"

    @property
    def sector(self) -> str | None:
        """The primary sector (religion codes as REL)."""
        return _sector_of(self.sectors) if self.sectors else None


class _Record:
    """A KB entity as stored: all its names and all its roles, independent of any date."""

    __slots__ = ("id", "name", "kind", "country", "sector", "_roles", "aliases", "tags",
                 "layer", "surname", "keys", "dkeys", "cased")

    def __init__(self, id: str, name: str, kind: str, *, country: str | None = None,
                 sector: str | None = None, roles: Sequence[Any] = (),
                 aliases: Sequence[str] = (), tags: Sequence[str] = (),
                 layer: int = GENERATED, surname: str | None = None,
                 keys: Sequence[str] = (), dkeys: Sequence[str] = (),
                 cased: frozenset[str] = frozenset()) -> None:  # fmt: skip
        self.id, self.name, self.kind = id, name, kind
        self.country, self.sector = country, sector
        # Role objects, or the generated table's [code, from, until] lists until first use
        self._roles: Sequence[Any] = roles
        self.aliases, self.tags, self.layer = aliases, tags, layer
        # "" never by surname; None: the last word of the name (people only)
        self.surname = surname
        self.keys, self.dkeys, self.cased = keys, dkeys, cased

    @property
    def roles(self) -> tuple[Role, ...]:
        roles = self._roles
        if roles and not isinstance(roles[0], Role):
            roles = self._roles = _generated_roles(roles)
        return tuple(roles)

    @roles.setter
    def roles(self, value: Sequence[Role]) -> None:
        self._roles = tuple(value)

    def copy(self) -> _Record:
        return _Record(self.id, self.name, self.kind, country=self.country, sector=self.sector,
                       roles=self.roles, aliases=self.aliases, tags=self.tags, layer=self.layer,
                       surname=self.surname, keys=self.keys, dkeys=self.dkeys,
                       cased=self.cased)  # fmt: skip


_MIN, _MAX = date.min, date.max


def role_at(roles: Sequence[Role], on: date | None) -> Role | None:
    """The role at ``on`` (see the module docstring): newest source first, then by date."""
    if not roles:
        return None
    by_source: dict[str, list[Role]] = {}
    for role in roles:
        by_source.setdefault(role.source, []).append(role)
    order = [name for _, name in sorted(_LAYER_NAMES.items(), reverse=True) if name in by_source]
    for name in order:
        group = by_source[name]
        if on is None or min(r.start or _MIN for r in group) <= on:
            return _pick(group, on)
    return _pick(by_source[order[-1]], on)  # every source starts after the date: the oldest


def _pick(roles: list[Role], on: date | None) -> Role:
    if on is None:
        return max(roles, key=lambda r: (r.start or _MIN, r.until or _MAX))
    covering = [r for r in roles if r.covers(on)]
    if covering:  # the latest start; of two, the one that ends first (an undated default last)
        return max(covering, key=lambda r: (r.start or _MIN, -(r.until or _MAX).toordinal()))
    ended = [r for r in roles if r.until is not None and r.until < on]
    if ended:
        return max(ended, key=lambda r: (r.until, r.start or _MIN))
    return min(roles, key=lambda r: r.start or _MIN)


def as_date(on: date | datetime | str | int | None) -> date | None:
    """A date from a date, a datetime, an ISO string ("2023-05-01", "2023-05", "2023") or a
    year; None when there is none."""
    if on is None or on == "":
        return None
    if isinstance(on, datetime):
        return on.date()
    if isinstance(on, date):
        return on
    if isinstance(on, int):
        return date(on, 7, 1)
    text = str(on).strip()
    try:
        if len(text) >= 10:
            return date.fromisoformat(text[:10])
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 15)
        if len(text) == 4:
            return date(int(text), 7, 1)
    except ValueError:
        pass
    raise ValueError(f"not a date: {on!r}")


# --- user files ------------------------------------------------------------------------------


class KBError(ValueError):
    """A user file (actors or people) that cannot be read; the message is one line."""


class RoleSpec(BaseModel):
    """A period in which an actor held a CAMEO code."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    code: str = Field(pattern=r"^(?:[A-Z]{3})+$", description="CAMEO actor code, e.g. USAGOV")
    start: date | None = Field(None, alias="from", description="first day (YYYY-MM-DD or year)")
    until: date | None = Field(None, description="last day (YYYY-MM-DD or year)")

    @field_validator("start", mode="before")
    @classmethod
    def _year_start(cls, value: object) -> object:
        return _year(value, 1, 1)

    @field_validator("until", mode="before")
    @classmethod
    def _year_end(cls, value: object) -> object:
        return _year(value, 12, 31)


def _year(value: object, month: int, day: int) -> object:
    """A bare year (``from: 2004``) as its first or last day."""
    if isinstance(value, int) and not isinstance(value, bool):
        return date(value, month, day)
    return value


class ActorSpec(BaseModel):
    """One entry of an actor override file (``samples/actors.yaml``)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, description="canonical name")
    aliases: list[str] = Field(default_factory=list)
    type: Literal["person", "organization", "country", "group", "location"] | None = None
    country: str | None = Field(None, pattern=r"^[A-Z]{3}$", description="ISO3 or CAMEO region")
    sector: str | None = Field(None, pattern=r"^[A-Z]{3}$", description="CAMEO role code")
    code: str | None = Field(None, pattern=r"^(?:[A-Z]{3})+$", description="CAMEO actor code")
    roles: list[RoleSpec] = Field(default_factory=list)
    surname: str | None = Field(None, description="the word used alone for a person")

    @field_validator("aliases", mode="before")
    @classmethod
    def _alias_list(cls, value: object) -> object:
        if value is None:
            return []
        return [value] if isinstance(value, str) else value

    @field_validator("country", "sector", "code", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value


def read_actor_file(path: str | os.PathLike[str]) -> list[ActorSpec]:
    """The entries of one override file: a YAML list (or a mapping with an ``actors`` list).

    Raises :class:`KBError` with a one-line message naming the file, the entry and the field.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise KBError(f"{path}: cannot read: {err.strerror or err}") from None
    try:
        data = _yaml(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise KBError(f"{path}: not valid YAML{where}: {getattr(err, 'problem', err)}") from None
    if data is None:
        return []
    entries = data.get("actors") if isinstance(data, dict) else data
    if isinstance(data, dict) and "actors" not in data:
        raise KBError(f"{path}: expected a list of actors (or a mapping with an 'actors' list)")
    if not isinstance(entries, list):
        raise KBError(f"{path}: expected a list of actors, got {type(entries).__name__}")
    specs = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise KBError(f"{path}: actor {number}: expected a mapping with a 'name', "
                          f"got {entry!r}")  # fmt: skip
        if not entry.get("name"):
            raise KBError(f"{path}: actor {number} needs a 'name'")
        try:
            specs.append(ActorSpec.model_validate(entry))
        except ValidationError as err:
            raise KBError(f"{path}: actor {number} ({entry.get('name')}): "
                          f"{_one_line(err)}") from None  # fmt: skip
    return specs


def _one_line(err: ValidationError) -> str:
    parts = []
    for item in err.errors():
        where = ".".join(str(p) for p in item["loc"]) or "entry"
        message = item["msg"]
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        elif item["type"] == "string_pattern_mismatch":
            message = f"{item.get('input')!r} is not a CAMEO code (three capital letters each)"
        parts.append(f"{where}: {message}")
    return "; ".join(parts)


def _people_file_entries(path: Path) -> list[dict]:
    try:
        data = _yaml(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise KBError(f"{path}: cannot read: {err.strerror or err}") from None
    except yaml.YAMLError as err:
        raise KBError(f"{path}: not valid YAML: {getattr(err, 'problem', err)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("people"), list):
        raise KBError(f"{path}: expected a mapping with a 'people' list")
    for number, entry in enumerate(data["people"], 1):
        if not isinstance(entry, dict) or not entry.get("name"):
            raise KBError(f"{path}: person {number} needs a 'name'")
    return data["people"]


# --- the knowledge base ----------------------------------------------------------------------


@dataclass
class _Hit:
    index: int
    via: str
    cased: bool


@dataclass
class ActorKB:
    """Names -> actors (with dated CAMEO roles) and generic nouns -> sectors."""

    records: list[_Record]
    index: dict[str, list[tuple[int, str, bool]]]  # key -> (record, via, cased)
    agents: dict[str, tuple[str | None, bool | None, str]]  # phrase -> (code, body, source)
    files: tuple[str, ...] = ()
    by_id: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.by_id:
            self.by_id = {r.id: i for i, r in enumerate(self.records)}

    # ---- look-ups ----

    def lookup(self, name: str, on: date | datetime | str | int | None = None, *,
               country: str | None = None,
               kinds: Iterable[str] | None = None) -> KBEntry | None:  # fmt: skip
        """The entry a name (or alias, or demonym) stands for at ``on``, or None.

        When several entries answer to the name the best is returned with ``ambiguous`` set:
        an entry of ``country`` first (when given), then the newest source (user, project,
        generated), a name before an alias before a demonym, a role covering the date, a
        country before an organisation, group, person or place.
        """
        found = self.candidates(name, on, country=country, kinds=kinds)
        return found[0] if found else None

    def candidates(self, name: str, on: date | datetime | str | int | None = None, *,
                   country: str | None = None,
                   kinds: Iterable[str] | None = None) -> list[KBEntry]:  # fmt: skip
        """Every entry answering to ``name``, best first (see :meth:`lookup`)."""
        day = as_date(on)
        text = name.strip()
        key = normalise(text)
        if not key:
            return []
        allowed = set(kinds) if kinds is not None else None
        capitals = _written_in_capitals(text)
        hits: dict[int, str] = {}
        for key_ in (key, "\x00" + _particle_free(key)):
            for index, via, cased in self.index.get(key_, ()):
                if cased and not capitals:
                    continue
                if allowed is not None and self.records[index].kind not in allowed:
                    continue
                if index not in hits or _VIA_RANK[via] < _VIA_RANK[hits[index]]:
                    hits[index] = via
            if hits:
                break
        return self._ranked(hits, key, day, country)

    def lookup_surname(self, surname: str, on: date | datetime | str | int | None = None, *,
                       country: str | None = None) -> KBEntry | None:  # fmt: skip
        """The one person known by this surname alone ("Lavrov"), or None when nobody or
        several people are (with ``country``, the one person of that country at the date).

        Surnames are those of ``people.yaml`` (``surname``, else the last word of the name;
        ``surname: null`` never), of user files, and the one-word aliases Phoenix gives.
        """
        day = as_date(on)
        key = normalise(surname)
        owners = self._surnames.get(key) or self._surnames.get("\x00" + _particle_free(key))
        if not owners:
            return None
        entries = self._ranked(dict.fromkeys(owners, "alias"), key, day, None)
        if country is not None and len(entries) > 1:
            entries = [e for e in entries if e.country == country]
        if len(entries) != 1:
            return None
        return _replace(entries[0], via="surname", ambiguous=False, alternatives=(),
                        alternative_countries=())  # fmt: skip

    def get(self, entry_id: str, on: date | datetime | str | int | None = None) -> KBEntry | None:
        """The entry with this id (e.g. "kb:vladimir-putin") at ``on``."""
        index = self.by_id.get(entry_id)
        if index is None:
            return None
        return self._entry(self.records[index], as_date(on), entry_id, "id")

    def agent(self, phrase: str) -> AgentRole | None:
        """The sector a generic noun or noun phrase gives an actor ("police officer" -> COP,
        "gunmen" -> UAF, "lawmakers" -> LEG, "the supreme court" -> JUD), from ``roles.yaml``
        (which wins) and the Phoenix agents dictionary. Lemmas and plurals both work."""
        forms = _singulars(normalise(phrase))
        for wanted in ("roles.yaml", "phoenix"):
            for candidate in forms:
                found = self.agents.get(candidate)
                if found is not None and found[2] == wanted:
                    code, body, source = found
                    sectors = tuple(code[i : i + 3] for i in range(0, len(code), 3)) if code else ()
                    return AgentRole(candidate, code, sectors, body, source)
        return None

    def entries(self, kind: str | None = None,
                on: date | datetime | str | int | None = None) -> Iterator[KBEntry]:  # fmt: skip
        """Every entry (of one kind), at ``on``."""
        day = as_date(on)
        for record in self.records:
            if kind is None or record.kind == kind:
                yield self._entry(record, day, "", "id")

    @cached_property
    def has_user_entries(self) -> bool:
        """Whether user files (actor overrides, people files) added or changed entries."""
        return any(record.layer == USER for record in self.records)

    def user_entry(self, names: Iterable[str],
                   on: date | datetime | str | int | None = None) -> KBEntry | None:  # fmt: skip
        """The entry a user file gives for the first of ``names`` that one answers to."""
        if not self.has_user_entries:
            return None
        for name in names:
            entry = self.lookup(name, on)
            if entry is not None and entry.source == "user":
                return entry
        return None

    def __len__(self) -> int:
        return len(self.records)

    def counts(self) -> dict[str, int]:
        """Entries by kind."""
        result: dict[str, int] = {}
        for record in self.records:
            result[record.kind] = result.get(record.kind, 0) + 1
        return dict(sorted(result.items()))

    @cached_property
    def people(self) -> People:
        """The well-known people of the project and user files (``people.yaml``, people files
        and person overrides) as :class:`eventwire.nlp.people.People`, for callers of the
        year-based people API."""
        from eventwire.nlp.people import people_from_records

        return people_from_records(
            r for r in self.records if r.kind == "person" and r.layer > GENERATED
        )

    # ---- internals ----

    @cached_property
    def _surnames(self) -> dict[str, tuple[int, ...]]:
        table: dict[str, list[int]] = {}
        for index, record in enumerate(self.records):
            if record.kind != "person" or "post" in record.tags:
                continue
            names: set[str] = set()
            if record.layer > GENERATED and record.surname != "":
                names.add(normalise(record.surname) if record.surname else
                          normalise(record.name).rsplit(" ", 1)[-1])  # fmt: skip
            if record.surname != "":
                # one-word aliases that are a word of the full name ("Putin", "Lula"; not a
                # one-word name of its own such as Phoenix's "Hassan")
                words = set(normalise(record.name).split())
                names.update(k for k in record.keys[1:] if " " not in k and k in words)
            for name in names:
                table.setdefault(name, []).append(index)
                free = _particle_free(name)
                if free != name and free:
                    table.setdefault("\x00" + free, []).append(index)
        return {k: tuple(dict.fromkeys(v)) for k, v in table.items()}

    def _ranked(self, hits: dict[int, str], key: str, day: date | None,
                country: str | None) -> list[KBEntry]:  # fmt: skip
        if not hits:
            return []
        entries = [self._entry(self.records[i], day, key, via) for i, via in hits.items()]
        place = {self.records[i].id: (self.records[i].layer, i) for i in hits}

        def rank(entry: KBEntry) -> tuple:
            covers = entry.role is None or day is None or entry.role.covers(day)
            layer, position = place[entry.id]
            return (
                country is not None and entry.country != country,
                -layer,
                _VIA_RANK[entry.via],
                not covers,
                _KIND_RANK.get(entry.kind, 9),
                position,  # project files: the order they list entries in
            )

        entries.sort(key=rank)
        if len(entries) == 1:
            return entries
        result = []
        for position, entry in enumerate(entries):
            others = entries[:position] + entries[position + 1 :]
            result.append(_replace(
                entry, ambiguous=True, alternatives=tuple(e.id for e in others),
                alternative_countries=tuple(e.country for e in others),
            ))  # fmt: skip
        return result

    @staticmethod
    def _entry(record: _Record, day: date | None, key: str, via: str) -> KBEntry:
        role = role_at(record.roles, day)
        country, sector, code = record.country, record.sector, None
        if role is not None:
            code = role.code
            country = role.country if role.country or not record.country else record.country
            sector = role.sector or sector
        return KBEntry(
            id=record.id, name=record.name, kind=record.kind, country=country, sector=sector,
            code=code, role=role, roles=record.roles, aliases=tuple(record.aliases),
            tags=tuple(record.tags),
            source=_LAYER_NAMES[record.layer], matched=key, via=via,
        )  # fmt: skip


def _replace(entry: KBEntry, **changes: Any) -> KBEntry:
    from dataclasses import replace

    return replace(entry, **changes)


_IRREGULAR_PLURALS = {"men": "man", "women": "woman", "people": "person", "police": "police",
                      "staff": "staff", "personnel": "personnel", "children": "child"}  # fmt: skip


def _singulars(key: str) -> list[str]:
    """The phrase and its possible singulars ("riot policemen" -> "riot policeman")."""
    forms = [key]
    head, _, last = key.rpartition(" ")
    prefix = head + " " if head else ""
    if last.endswith("men"):
        forms.append(prefix + last[:-3] + "man")
    if last in _IRREGULAR_PLURALS:
        forms.append(prefix + _IRREGULAR_PLURALS[last])
    if last.endswith("ies"):
        forms.append(prefix + last[:-3] + "y")
    if last.endswith("es"):
        forms.append(prefix + last[:-2])
    if last.endswith("s") and not last.endswith("ss"):
        forms.append(prefix + last[:-1])
    return list(dict.fromkeys(forms))


# --- loading ---------------------------------------------------------------------------------


def _data_path(name: str) -> Any:
    return resources.files("eventwire.data").joinpath(KB_DATA, name)


def _read_generated() -> tuple[list[_Record], dict[str, tuple[str | None, bool | None, str]]]:
    with _data_path("actors.jsonl.gz").open("rb") as raw:
        text = gzip.decompress(raw.read()).decode("utf-8")
    first, _, rest = text.partition("\n")
    header = json.loads(first)
    if header.get("format") != FORMAT:
        raise KBError(f"eventwire/data/kb/actors.jsonl.gz: format {header.get('format')!r}, "
                      f"expected {FORMAT}; rebuild with scripts/build_actor_kb.py")  # fmt: skip
    renormalise = header.get("normaliser") != NORMALISER_VERSION
    items = json.loads("[" + rest.strip().replace("\n", ",") + "]")
    empty: frozenset[str] = frozenset()
    records = []
    for item in items:
        get = item.get
        keys = item["keys"]
        dkeys = get("dkeys", ())
        if renormalise:
            keys = _keys_of([item["name"], *get("aliases", ())])
            dkeys = _keys_of(get("demonyms", ()))
        cased = get("cased")
        records.append(_Record(
            item["id"], item["name"], item["kind"], country=get("country"), sector=get("sector"),
            roles=get("roles", ()), aliases=get("aliases", ()), tags=get("tags", ()),
            keys=keys, dkeys=dkeys, cased=frozenset(cased) if cased else empty,
        ))  # fmt: skip
    agents: dict[str, tuple[str | None, bool | None, str]] = {}
    for line in _data_path("agents.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        phrase, code = line.split("\t")[:2]
        agents.setdefault(phrase, (code or None, None, "phoenix"))
    return records, agents


def _generated_roles(raw: Sequence[Sequence[str | None]]) -> tuple[Role, ...]:
    return tuple(
        Role(code, *code_parts(code), _iso(start), _iso(until), "generated")  # type: ignore[arg-type]
        for code, start, until in raw
    )


def _iso(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _keys_of(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(k for k in map(normalise, names) if k))


class _Builder:
    """Applies project and user layers on top of the generated records."""

    def __init__(self, records: list[_Record], index: dict[str, list[tuple[int, str, bool]]],
                 agents: dict) -> None:  # fmt: skip
        self.records = records
        self.index = index
        self.agents = agents
        self.ids = {r.id for r in records}

    @classmethod
    def fresh(cls, records: list[_Record], agents: dict) -> _Builder:
        builder = cls(records, {}, agents)
        for position, record in enumerate(records):
            builder._index_record(position, record)
        return builder

    def clone(self) -> _Builder:
        return _Builder(list(self.records), {k: list(v) for k, v in self.index.items()},
                        dict(self.agents))  # fmt: skip

    def kb(self, files: tuple[str, ...]) -> ActorKB:
        return ActorKB(self.records, self.index, self.agents, files)

    # -- indexing --

    def _index_record(self, position: int, record: _Record,
                      only: Iterable[str] | None = None) -> None:  # fmt: skip
        keys = record.keys if only is None else [k for k in record.keys if k in set(only)]
        name_key = record.keys[0] if record.keys else ""
        if record.kind == "person" and record.layer == GENERATED:
            # a Phoenix person's one-word name ("Hassan", "Putin") is a surname or a first name:
            # only lookup_surname answers it
            keys = [k for k in keys if " " in k]
        for key in keys:
            self._add(key, position, "name" if key == name_key else "alias", key in record.cased)
            if record.kind == "person":
                free = _particle_free(key)
                if free != key and free:
                    self._add("\x00" + free, position, "alias", False)
        for key in record.dkeys if only is None else [k for k in record.dkeys if k in set(only)]:
            self._add(key, position, "demonym", key in record.cased)

    def _add(self, key: str, position: int, via: str, cased: bool) -> None:
        bucket = self.index.setdefault(key, [])
        for i, (other, other_via, _) in enumerate(bucket):
            if other == position:
                if _VIA_RANK[via] < _VIA_RANK[other_via]:
                    bucket[i] = (position, via, cased)
                return
        bucket.append((position, via, cased))

    def _unindex(self, position: int) -> None:
        record = self.records[position]
        free = ("\x00" + _particle_free(k) for k in record.keys)
        for key in (*record.keys, *record.dkeys, *free):
            bucket = self.index.get(key)
            if bucket:
                self.index[key] = [hit for hit in bucket if hit[0] != position]

    def _replace_record(self, position: int, record: _Record) -> None:
        self._unindex(position)
        self.records[position] = record
        self._index_record(position, record)

    def _new_record(self, record: _Record) -> int:
        record.id = self._unique_id(record)
        self.ids.add(record.id)
        self.records.append(record)
        self._index_record(len(self.records) - 1, record)
        return len(self.records) - 1

    def _unique_id(self, record: _Record) -> str:
        base = "kb:" + slug(record.name)
        if base not in self.ids:
            return base
        for extra in (record.country, record.kind):
            if extra and f"{base}-{slug(extra)}" not in self.ids:
                return f"{base}-{slug(extra)}"
        number = 2
        while f"{base}-{number}" in self.ids:
            number += 1
        return f"{base}-{number}"

    # -- matching --

    def find(self, names: Sequence[str], kind: str | None, country: str | None,
             kinds_ok: frozenset[str] | None = None) -> int | None:  # fmt: skip
        """The record one of ``names`` (tried in order) already names, compatible in kind and
        country; by its own name first, then by its aliases."""
        compatible = kinds_ok or _COMPATIBLE.get(kind or "", frozenset(KINDS))
        for name in names:
            key = normalise(name)
            best: tuple | None = None
            for position, via, _ in self.index.get(key, ()):
                record = self.records[position]
                if record.kind not in compatible or not _country_fits(record, country):
                    continue
                rank = (_VIA_RANK[via], record.kind != kind, -record.layer, position)
                if best is None or rank < best:
                    best = rank
            if best is not None:
                return best[-1]
        return None

    # -- layers --

    def merge(self, position: int | None, *, name: str, kind: str | None,
              aliases: Sequence[str] = (), demonyms: Sequence[str] = (),
              roles: Sequence[Role] = (), country: str | None = None,
              sector: str | None = None, tags: Sequence[str] = (), layer: int = PROJECT,
              surname: str | None = None, rename: bool = True,
              replace_roles: bool = False) -> int:  # fmt: skip
        """Add an entry, or merge it into the record at ``position`` (newer source wins)."""
        cased = {normalise(n) for n in (name, *aliases) if _is_cased_form(n)}
        if position is None:
            record = _Record("", name, kind or "organization", country=country, sector=sector,
                             roles=tuple(roles), aliases=_dedupe(aliases, name),
                             tags=tuple(dict.fromkeys(tags)), layer=layer, surname=surname,
                             keys=_keys_of([name, *aliases]), dkeys=_keys_of(demonyms),
                             cased=frozenset(cased))  # fmt: skip
            return self._new_record(record)
        old = self.records[position]
        record = old.copy()
        if rename and normalise(name) != normalise(old.name):
            record.name = name
            record.aliases = _dedupe((old.name, *old.aliases, *aliases), name)
        else:
            record.name = name if rename else old.name
            record.aliases = _dedupe((*old.aliases, *aliases), record.name)
        record.kind = kind or old.kind
        if roles:
            kept = tuple(r for r in old.roles if r.source != _LAYER_NAMES[layer])
            record.roles = tuple(roles) if replace_roles else kept + tuple(roles)
        record.country = country or old.country
        record.sector = sector or old.sector
        record.tags = tuple(dict.fromkeys((*old.tags, *tags)))
        record.layer = max(layer, old.layer)
        if surname is not None or layer > old.layer:
            record.surname = surname if surname is not None else old.surname
        record.keys = _keys_of([record.name, *old.keys, *record.aliases])
        record.dkeys = tuple(dict.fromkeys((*old.dkeys, *_keys_of(demonyms))))
        record.cased = frozenset(old.cased | cased)
        self._replace_record(position, record)
        return position


_COMPATIBLE = {
    "person": frozenset({"person"}),
    "organization": frozenset({"organization", "group"}),
    "group": frozenset({"organization", "group"}),
    "country": frozenset({"country"}),
    "location": frozenset({"location"}),
}


def _country_fits(record: _Record, country: str | None) -> bool:
    if country is None:
        return True
    countries = {r.country for r in record.roles} | {record.country}
    countries.discard(None)
    return not countries or country in countries


def _dedupe(names: Iterable[str], name: str) -> tuple[str, ...]:
    seen = {name}
    result = []
    for alias in names:
        if alias and alias not in seen:
            seen.add(alias)
            result.append(alias)
    return tuple(result)


_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """"Vladimir Putin" -> "vladimir-putin" (ASCII, lowercase, hyphens)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _SLUG.sub("-", text.replace("&", " and ")).strip("-") or "x"


# -- project files --


def _apply_places(builder: _Builder) -> None:
    places = load_yaml("places.yaml")
    country_at: dict[str, int] = {}
    for position, record in enumerate(builder.records):
        if record.kind == "country" and record.country and record.country not in country_at:
            country_at[record.country] = position
    for iso3 in sorted(set(places["country_aliases"]) | set(places["demonyms"])):
        aliases = places["country_aliases"].get(iso3) or []
        demonyms = places["demonyms"].get(iso3) or []
        position = country_at.get(iso3)
        if position is None:
            name = aliases[0] if aliases else iso3
            code = Role(iso3, iso3, None, source="project")
            country_at[iso3] = builder.merge(None, name=name, kind="country", aliases=aliases[1:],
                                             demonyms=demonyms, roles=[code], country=iso3,
                                             layer=PROJECT)  # fmt: skip
        else:
            builder.merge(position, name=builder.records[position].name, kind="country",
                          aliases=aliases, demonyms=demonyms, layer=PROJECT,
                          rename=False)  # fmt: skip
    seats = {normalise(k) for k in places.get("igo_seats") or {}}
    for iso3, cities in places["capitals"].items():  # one capital, several spellings
        names = [str(c) for c in cities]
        tags = ["capital", *(["igo-seat"] if any(normalise(c) in seats for c in names) else [])]
        position = builder.find(names, "location", iso3)
        if position is not None and builder.records[position].country != iso3:
            position = None  # a town of the same name elsewhere
        builder.merge(position, name=names[0], kind="location", aliases=names[1:], country=iso3,
                      tags=tags, layer=PROJECT, rename=position is None)  # fmt: skip


def _apply_organizations(builder: _Builder) -> None:
    for entry in load_yaml("organizations.yaml")["organizations"]:
        names = [str(n) for n in entry["names"]]
        kind = entry.get("type") or "organization"
        country = entry.get("country") or None
        sector = entry.get("sector") or None
        position = builder.find(names, kind, country)
        if position is None:  # a Phoenix organisation the build took for a person
            position = builder.find(names[:1], kind, country, kinds_ok=frozenset({"person"}))
        code = _role_code(country, sector, entry.get("code"))
        if position is not None and code:
            code = _specific(builder.records[position], code)
        roles = [Role(code, *_parts(code, country, sector), source="project")] if code else []
        builder.merge(position, name=names[0], kind=kind, aliases=names[1:], roles=roles,
                      country=country, sector=sector, layer=PROJECT)  # fmt: skip


def _apply_parties(builder: _Builder) -> None:
    for entry in load_yaml("parties.yaml")["parties"]:
        names = [str(n) for n in entry["names"]]
        country = entry["country"]
        sector = entry.get("sector") or "PTY"
        code = _role_code(country, sector, entry.get("code"))
        position = builder.find(names[:1], "organization", country)
        roles = [Role(code, *_parts(code, country, sector), source="project")]
        builder.merge(position, name=names[0], kind="organization", aliases=names[1:],
                      roles=roles, country=country, sector=sector, tags=["party"],
                      layer=PROJECT)  # fmt: skip


def _specific(record: _Record, code: str) -> str:
    """Keep a generated record's more specific CAMEO code ("IGOWSTNAT" for a project "IGO")."""
    longer = [r.code for r in record.roles if r.code.startswith(code) and len(r.code) > len(code)]
    return max(longer, key=lambda c: (len(c), c)) if longer else code


def _specific_role(record: _Record, role: Role) -> Role:
    """A project "IGO" post gets the generated record's full IGO code for the same period
    (Ban Ki-moon: IGOUNO)."""
    if role.country is not None or role.code not in _INTERNATIONAL:
        return role
    start, until = role.start or _MIN, role.until or _MAX
    overlapping = [
        r.code for r in record.roles
        if r.code.startswith(role.code) and len(r.code) > len(role.code)
        and (r.start or _MIN) <= until and start <= (r.until or _MAX)
    ]  # fmt: skip
    if not overlapping:
        return role
    from dataclasses import replace

    return replace(role, code=min(overlapping, key=len))


def _parts(code: str, country: str | None, sector: str | None) -> tuple[str | None, str | None]:
    """Country and sector of a role written with a code and maybe a country and sector: an
    international code keeps its own sector ("IGOMIL" is IGO, with no country)."""
    parsed_country, parsed_sector = code_parts(code)
    if code[:3] in _INTERNATIONAL:
        return None, parsed_sector
    iso = country if country and country in _countries() else None
    return iso or parsed_country, sector or parsed_sector


def _people_groups(entries: Iterable[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for entry in entries:
        groups.setdefault(normalise(str(entry["name"])), []).append(entry)
    return groups


def _person_roles(entries: list[dict], source: str) -> list[Role]:
    roles = []
    for entry in entries:
        country = entry.get("country") or None
        sector = entry.get("sector") or None
        code = _role_code(country, sector, entry.get("code"))
        if not code:
            continue
        start, until = entry.get("from"), entry.get("to", entry.get("until"))
        title = str(entry["title"]).lower() if entry.get("title") else None
        roles.append(Role(code, *_parts(code, country, sector), _year_or_date(start, True),
                          _year_or_date(until, False), source, title))  # fmt: skip
    return roles


def _year_or_date(value: object, first: bool) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, int):
        return date(value, 1, 1) if first else date(value, 12, 31)
    return as_date(value)  # type: ignore[arg-type]


def _apply_people(builder: _Builder, entries: Iterable[dict], layer: int) -> None:
    source = _LAYER_NAMES[layer]
    for entries_ in _people_groups(entries).values():
        first = entries_[0]
        name = str(first["name"])
        aliases = [str(a) for e in entries_ for a in (e.get("aliases") or ())]
        roles = _person_roles(entries_, source)
        countries = {r.country for r in roles if r.country}
        country = next(iter(countries)) if len(countries) == 1 else None
        position = builder.find([name], "person", country)
        if position is not None:
            roles = [_specific_role(builder.records[position], role) for role in roles]
        surname: str | None = None
        for entry in entries_:
            if "surname" in entry:
                surname = str(entry["surname"]) if entry["surname"] else ""
                break
        if surname == "" and position is not None:
            # a common surname: the generated one-word aliases are surnames too
            old = builder.records[position]
            old_aliases = tuple(a for a in old.aliases if " " in normalise(a))
            record = old.copy()
            record.aliases = old_aliases
            record.keys = _keys_of([old.name, *old_aliases])
            builder._replace_record(position, record)
        builder.merge(position, name=name, kind="person", aliases=aliases, roles=roles,
                      layer=layer, surname=surname, replace_roles=False)  # fmt: skip


def _apply_roles(builder: _Builder) -> None:
    roles = load_yaml("roles.yaml")
    for group, body in (("people", False), ("bodies", True)):
        for sector, words in roles[group].items():
            code = None if sector == "none" else sector
            for word in words:
                builder.agents[normalise(word)] = (code, body, "roles.yaml")


def _apply_overrides(builder: _Builder, specs: Iterable[ActorSpec]) -> None:
    for spec in specs:
        country_iso = spec.country if spec.country and spec.country in _countries() else None
        code = _role_code(spec.country, spec.sector, spec.code)
        roles = [
            Role(r.code, *_parts(r.code, country_iso, None), r.start, r.until, "user")
            for r in spec.roles
        ]
        if not roles and code:
            roles = [Role(code, *_parts(code, country_iso, spec.sector), source="user")]
        kinds_ok = _COMPATIBLE.get(spec.type) if spec.type else frozenset(KINDS)
        position = builder.find([spec.name], spec.type, None, kinds_ok)
        if position is None and spec.aliases:
            position = builder.find(spec.aliases, spec.type, None, kinds_ok)
        kind = spec.type or (builder.records[position].kind if position is not None else
                             _guess_kind(spec.name, code))  # fmt: skip
        builder.merge(position, name=spec.name, kind=kind, aliases=spec.aliases, roles=roles,
                      country=country_iso, sector=spec.sector, layer=USER,
                      surname=spec.surname)  # fmt: skip


def _guess_kind(name: str, code: str | None) -> str:
    country, sector = code_parts(code)
    if code and len(code) == 3 and country:
        return "country"
    words = name.split()
    capitalised = all(w[:1].isupper() for w in words)
    if 2 <= len(words) <= 4 and capitalised and sector not in {"IGO", "NGO"}:
        return "person"
    return "organization"


@cache
def _base_builder() -> _Builder:
    # Tens of thousands of small objects are made here and none is garbage: the cyclic
    # collector would only walk them again and again (it doubles the load time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        records, agents = _read_generated()
        builder = _Builder.fresh(records, agents)
        _apply_places(builder)
        _apply_organizations(builder)
        _apply_parties(builder)
        _apply_people(builder, load_yaml("people.yaml")["people"], PROJECT)
        _apply_roles(builder)
    finally:
        if enabled:
            gc.enable()
    return builder


def _paths(files: Iterable[str | os.PathLike[str]] | str | None) -> tuple[str, ...]:
    if files is None:
        return ()
    if isinstance(files, str | os.PathLike):
        files = [p for p in str(files).split(os.pathsep)]
    return tuple(str(Path(p).expanduser().resolve()) for p in files if str(p).strip())


Files = Iterable[str | os.PathLike[str]] | str | None


def load_kb(actors_files: Files = (), people_files: Files = ()) -> ActorKB:
    """The knowledge base with the user's files on top, loaded once per set of files.

    ``actors_files`` are override files (``samples/actors.yaml`` format), ``people_files`` extra
    people files (``people.yaml`` format); either may be a path-separator-separated string.
    Later files win over earlier ones. Raises :class:`KBError` for a file that cannot be used.
    """
    return _load(_paths(actors_files), _paths(people_files))


@lru_cache(maxsize=8)
def _load(actors_files: tuple[str, ...], people_files: tuple[str, ...]) -> ActorKB:
    base = _base_builder()
    if not actors_files and not people_files:
        return base.kb(())
    people = [entry for path in people_files for entry in _people_file_entries(Path(path))]
    specs = [spec for path in actors_files for spec in read_actor_file(path)]
    builder = base.clone()
    _apply_people(builder, people, USER)
    _apply_overrides(builder, specs)
    return builder.kb(actors_files + people_files)


def check_actor_files(files: Iterable[str | os.PathLike[str]] | str | None) -> None:
    """Validate override files without loading the KB; raises :class:`KBError`."""
    for path in _paths(files):
        if not Path(path).exists():
            raise KBError(f"{path}: no such file")
        read_actor_file(path)


def check_people_files(files: Iterable[str | os.PathLike[str]] | str | None) -> None:
    """Validate people files without loading the KB; raises :class:`KBError`."""
    for path in _paths(files):
        if not Path(path).exists():
            raise KBError(f"{path}: no such file")
        _people_file_entries(Path(path))
