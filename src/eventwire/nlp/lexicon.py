"""Word lists for actor detection and CAMEO coding: roles, known organisations, countries.

Role nouns and known names live in ``eventwire/data/*.yaml`` (written for this project); country
names and ISO codes come from pycountry, with demonyms, short names and capitals from
``places.yaml``. Everything is loaded once and looked up by lowercase text or lemma.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry

from eventwire.data import load_yaml


@dataclass(frozen=True)
class Role:
    """What a role noun says about the actor it names."""

    sector: str | None
    body: bool  # an institution ("ministry") rather than a person ("minister")
    # also a person's role: "the regulator" is a body, "regulators" are officials
    person_too: bool = False


@dataclass(frozen=True)
class KnownName:
    """An organisation, group or place the data files code by name."""

    name: str
    kind: str
    country: str | None
    sector: str | None
    # the country the bare name usually means ("Supreme Court": USA), taken only when the story
    # gives the actor no other (``usual: true`` in organizations.yaml; ``country`` is then None)
    usual_country: str | None = None


@dataclass(frozen=True)
class Lexicon:
    roles: dict[str, Role]  # lemma or multiword lemma string -> role
    max_role_words: int
    role_ends: frozenset[str]  # the last word of every role noun (a quick "no role ends here")
    gender: dict[str, str]  # word -> "m" | "f"
    honorifics: frozenset[str]
    broad: dict[str, frozenset[str]]  # broad role -> roles or sectors it may refer back to
    adjectives: dict[str, str]  # adjective -> sector ("congressional" -> LEG)
    known: dict[str, KnownName]  # lowercase name -> entry
    acronyms: frozenset[str]  # known names written in capitals: matched case-sensitively
    spellings: frozenset[str]  # every known name exactly as listed
    not_actors: frozenset[str]
    documents: frozenset[str]  # head nouns of documents and records, never actors
    natural_hazards: tuple[str, ...]  # first words of hazards' names ("Cyclone Idai"), no actors
    abroad: frozenset[str]  # words that put a group outside the story's country ("foreign")
    platforms: frozenset[str]  # craft a body's name may modify ("coast guard ships")
    envoys: frozenset[str]  # roles that serve abroad ("ambassador")
    state_nouns: frozenset[str]  # "the country('s)": the state named last
    plural_states: frozenset[str]  # "governments", "countries": several states
    armed_group_nouns: frozenset[str]  # "the militia": the armed group named last
    any_body: frozenset[str]  # "the group": whatever body was named last
    naming_verbs: frozenset[str]  # "the group that researchers call Sandworm": someone new
    generic_roles: frozenset[str]  # "official", "spokesman": acting for someone, no capacity
    kin: frozenset[str]  # "son", "wife": a description by kinship names someone new
    person_nouns: frozenset[str]  # "child", "woman": a person, no role
    serving_roles: frozenset[str]  # "his lawyer": someone in another's service
    collective_bodies: frozenset[str]  # "rights groups": a group of bodies, one actor
    not_body_modifiers: frozenset[str]  # "a settlement bloc": a place, no body
    stance_bodies: frozenset[str]  # "opposition from Hungary": a stance, no body
    media_name_words: frozenset[str]  # "CBC News": the last word of an outlet's name
    heads: frozenset[str]  # "president": heads whatever body it is of (its sector)
    private_sectors: frozenset[str]  # bodies whose head holds no office of state
    domestic_sectors: frozenset[str]  # act for one country's state or society
    home_state_sectors: frozenset[str]  # act for the state where the story is filed
    served_sectors: frozenset[str]  # bodies whose members are coded as the body
    affiliation_sectors: frozenset[str]  # taken from the body a person is affiliated with
    issued_documents: frozenset[str]  # "the statement said": its issuer speaks
    talk_media: frozenset[str]  # "phone" in "spoke by phone with X"
    asking_preps: frozenset[str]  # "on" in "called on X to resign"
    legal_forms: frozenset[str]  # "co" in "Pacific Gas & Electric Co." (PG&E)
    statement_media: frozenset[str]  # "statement" in "said in a statement that ..."
    charge_verbs: frozenset[str]  # "accused X of Y": Y is the charge, not X's name
    operations: frozenset[str]  # acts a body's name may modify ("a police crackdown")
    premises: frozenset[str]  # places a body's name may modify ("army positions")
    belonging: frozenset[str]  # "-led", "-owned": the hyphenated name owns the thing or act
    speech_verbs: frozenset[str]  # verbs whose subject speaks, so is no town ("Florence said")
    claim_verbs: frozenset[str]  # "Prosecutors allege ...": the clause's countries are the claim's
    countries: dict[str, str]  # lowercase country name -> ISO3
    # country names of two letters, as written ("US", "UK"): other two-letter words are not
    # read as countries inside a name ("IT department", "AM radio")
    short_countries: frozenset[str]
    demonyms: dict[str, str]  # lowercase demonym -> ISO3
    capitals: dict[str, str]  # lowercase capital -> ISO3
    regions: dict[str, str]  # lowercase region name (places.yaml "regions") -> ISO3
    world_regions: dict[str, str]  # lowercase region adjective ("western") -> CAMEO region code
    world_region_codes: frozenset[str]
    region_members: frozenset[str]  # "countries" in "Western countries": the region's states
    igo_seats: dict[str, str]  # lowercase city -> known IGO name
    # cities whose datelines mostly file international bodies' news (lowercase)
    international_datelines: frozenset[str]
    state_names: dict[str, str]  # lowercase country name that is also a state -> its ISO3
    national_roles: frozenset[str]  # roles of a country, never of a state of another
    state_roles: frozenset[str]  # roles of a state's own offices ("Georgia prosecutors")
    # nouns that frame a place's name with its country ("the Ukrainian town of Kupiansk")
    settlement_nouns: frozenset[str]


def _load(name: str) -> dict:
    return load_yaml(name)


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    return {word.lower(): key for key, words in table.items() for word in words}


def _country_names(aliases: dict[str, str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[value.lower()] = country.alpha_3
    names.update(aliases)
    return names


@cache
def lexicon() -> Lexicon:
    roles_data = _load("roles.yaml")
    orgs_data = _load("organizations.yaml")
    places = _load("places.yaml")

    roles: dict[str, Role] = {}
    for group, body in (("people", False), ("bodies", True)):
        for sector, words in roles_data[group].items():
            for word in words:
                person_too = body and word.lower() in roles and not roles[word.lower()].body
                roles[word.lower()] = Role(sector=None if sector == "none" else sector,
                                           body=body, person_too=person_too)
    gender = {w.lower(): "m" for w in roles_data["gender"]["male"]}
    gender.update({w.lower(): "f" for w in roles_data["gender"]["female"]})

    known: dict[str, KnownName] = {}
    for entry in orgs_data["organizations"]:
        usual = bool(entry.get("usual"))
        item = KnownName(
            name=entry["names"][0],
            kind=entry["type"],
            country=None if usual else entry.get("country") or None,
            sector=entry.get("sector") or None,
            usual_country=(entry.get("country") or None) if usual else None,
        )
        for name in entry["names"]:
            known[name.lower()] = item
    # A short name an organisation shares with a party of another country ("PTI": the Press
    # Trust of India, Pakistan Tehreek-e-Insaf) is no known name here: the knowledge base
    # answers it with both and the text's country picks one.
    for entry in _load("parties.yaml")["parties"]:
        for name in entry["names"]:
            other = known.get(name.lower())
            if other is not None and other.country not in {None, entry.get("country")}:
                del known[name.lower()]

    return Lexicon(
        roles=roles,
        max_role_words=max(len(word.split()) for word in roles),
        role_ends=frozenset(word.rsplit(" ", 1)[-1] for word in roles),
        gender=gender,
        honorifics=frozenset(w.lower() for w in roles_data["honorifics"]),
        broad={k.lower(): frozenset(v) for k, v in roles_data["broad"].items()},
        adjectives=_invert(roles_data["adjectives"]),
        known=known,
        acronyms=frozenset(
            name
            for entry in orgs_data["organizations"]
            for name in entry["names"]
            if name.isupper() or name.replace(".", "").isupper()
        ),
        spellings=frozenset(
            name for entry in orgs_data["organizations"] for name in entry["names"]
        ),
        not_actors=frozenset(w.lower() for w in orgs_data["not_actors"]),
        documents=frozenset(w.lower() for w in roles_data.get("documents", [])),
        natural_hazards=tuple(w.lower() + " " for w in roles_data.get("natural_hazards", [])),
        abroad=frozenset(w.lower() for w in roles_data.get("abroad", [])),
        platforms=frozenset(w.lower() for w in roles_data.get("platforms", [])),
        envoys=frozenset(w.lower() for w in roles_data.get("envoys", [])),
        state_nouns=frozenset(w.lower() for w in roles_data.get("state_nouns", [])),
        plural_states=frozenset(w.lower() for w in roles_data.get("plural_states", [])),
        armed_group_nouns=frozenset(
            w.lower() for w in roles_data.get("armed_group_nouns", [])),
        any_body=frozenset(w.lower() for w in roles_data.get("any_body", [])),
        naming_verbs=frozenset(w.lower() for w in roles_data.get("naming_verbs", [])),
        generic_roles=frozenset(w.lower() for w in roles_data.get("generic_roles", [])),
        kin=frozenset(w.lower() for w in roles_data.get("kin", [])),
        person_nouns=frozenset(w.lower() for w in roles_data["person_nouns"]),
        serving_roles=frozenset(w.lower() for w in roles_data["serving_roles"]),
        collective_bodies=frozenset(w.lower() for w in roles_data["collective_bodies"]),
        not_body_modifiers=frozenset(
            w.lower() for w in roles_data.get("not_body_modifiers", [])),
        stance_bodies=frozenset(w.lower() for w in roles_data.get("stance_bodies", [])),
        media_name_words=frozenset(w.lower() for w in roles_data.get("media_name_words", [])),
        heads=frozenset(w.lower() for w in roles_data.get("heads", [])),
        private_sectors=frozenset(roles_data.get("private_sectors", [])),
        domestic_sectors=frozenset(roles_data["domestic_sectors"]),
        home_state_sectors=frozenset(roles_data["home_state_sectors"]),
        served_sectors=frozenset(roles_data["served_sectors"]),
        affiliation_sectors=frozenset(roles_data["affiliation_sectors"]),
        issued_documents=frozenset(w.lower() for w in roles_data.get("issued_documents", [])),
        talk_media=frozenset(w.lower() for w in roles_data.get("talk_media", [])),
        asking_preps=frozenset(w.lower() for w in roles_data.get("asking_preps", [])),
        legal_forms=frozenset(w.lower() for w in roles_data.get("legal_forms", [])),
        statement_media=frozenset(w.lower() for w in roles_data.get("statement_media", [])),
        charge_verbs=frozenset(w.lower() for w in roles_data["charge_verbs"]),
        operations=frozenset(w.lower() for w in roles_data.get("operations", [])),
        premises=frozenset(w.lower() for w in roles_data.get("premises", [])),
        belonging=frozenset(w.lower() for w in roles_data.get("belonging", [])),
        speech_verbs=frozenset(w.lower() for w in roles_data.get("speech_verbs", [])),
        claim_verbs=frozenset(w.lower() for w in roles_data.get("claim_verbs", [])),
        countries=_country_names(_invert(places["country_aliases"])),
        short_countries=frozenset(
            name for names in places["country_aliases"].values() for name in names
            if len(name) <= 2
        ),
        demonyms=_invert(places["demonyms"]),
        # the hand-written capitals (with their other spellings) over GeoNames' (capitals.yaml)
        capitals=_invert(_load("capitals.yaml")["capitals"]) | _invert(places["capitals"]),
        regions=_invert(places.get("regions", {})),
        world_regions=_invert(places.get("world_regions", {})),
        world_region_codes=frozenset(places.get("world_regions", {})),
        region_members=frozenset(w.lower() for w in places.get("region_members", [])),
        igo_seats={k.lower(): v for k, v in places["igo_seats"].items()},
        international_datelines=frozenset(
            w.lower() for w in places.get("international_datelines", [])),
        state_names=_invert(places.get("state_names", {})),
        national_roles=frozenset(w.lower() for w in places.get("national_roles", [])),
        state_roles=frozenset(w.lower() for w in places.get("state_roles", [])),
        settlement_nouns=frozenset(w.lower() for w in places.get("settlement_nouns", [])),
    )


def country_of(text: str) -> str | None:
    """ISO3 code for a country name, short name or demonym ("Russia", "US", "Russian")."""
    # "Sri Lanka's" (the tagger may keep the possessive inside the entity)
    key = text.lower().removeprefix("the ").strip().removesuffix("'s").removesuffix("’s")
    lex = lexicon()
    return lex.countries.get(key) or lex.demonyms.get(key)


def country_word(text: str) -> str | None:
    """ISO3 code of a word inside a name that names a country ("Russian", "US"); a word of two
    letters only when it is a listed short name written as listed."""
    if len(text) <= 2 and text not in lexicon().short_countries:
        return None
    return country_of(text)


def is_world_region(code: str | None) -> bool:
    """Whether ``code`` is a CAMEO region's ("WST", "AFR"), which no state's rules pass on."""
    return code is not None and code in lexicon().world_region_codes


def known_name(text: str) -> KnownName | None:
    """The data files' entry for an organisation or group name ("TASS", "the Kremlin")."""
    lex = lexicon()
    text = text.strip()
    if text[:4].lower() == "the ":
        text = text[4:]
    entry = lex.known.get(text.lower())
    # a name, not a common word: capitalised, or with a capital after a particle ("al-Qaeda")
    if entry is None or not (text[:1].isupper() or any(c.isupper() for c in text[1:4])):
        return None
    # "WHO", "AP", "UN" are names only in capitals; "who", "ap" and "un" are words.
    if text.upper() in lex.acronyms and text not in lex.spellings:
        return None
    return entry
