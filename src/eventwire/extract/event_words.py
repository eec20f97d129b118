"""The event coder's coding knowledge (``data/event_words.yaml``): the words and codes its rules
look for, loaded once into a frozen :class:`EventWords`.

The file is validated by :class:`EventWordsFile`: every list non-empty, words lowercase (they are
matched against lowercased words and lemmas), entity labels, sectors and PLOVER categories
uppercase, CAMEO roots two digits. A user file in the same format, named by the setting
``event_words`` (``EVENTWIRE_EVENT_WORDS``), replaces the bundled lists it gives; a key the
bundled file does not have is an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from eventwire.data import load_yaml, parse_yaml

BUNDLED = "event_words.yaml"


def _lowercase(word: str) -> str:
    if not word or word != word.strip() or word != word.lower():
        raise ValueError(f"{word!r} must be a lowercase word (words are matched lowercase)")
    return word


def _uppercase(label: str) -> str:
    if not label or label != label.strip() or label != label.upper():
        raise ValueError(f"{label!r} must be uppercase (an entity label, sector or category)")
    return label


def _root(code: str) -> str:
    if len(code) != 2 or not code.isdigit():
        raise ValueError(f"{code!r} must be a two-digit CAMEO root such as \"02\"")
    return code


def _phrasal(entry: str) -> str:
    if len(_lowercase(entry).split()) != 2:
        raise ValueError(f"{entry!r} must be 'verb preposition' (\"go on\")")
    return entry


def _code(code: str) -> str:
    if len(code) not in {3, 4} or not code.isdigit():
        raise ValueError(f"{code!r} must be a CAMEO code such as \"173\"")
    return code


def _month_day(day: str) -> str:
    month, _, number = day.partition("-")
    if not (len(month) == len(number) == 2 and month.isdigit() and number.isdigit()
            and 1 <= int(month) <= 12 and 1 <= int(number) <= 31):
        raise ValueError(f"{day!r} must be a day of the year as MM-DD (\"12-25\")")
    return day


Word = Annotated[str, AfterValidator(_lowercase)]
MonthDay = Annotated[str, AfterValidator(_month_day)]
Code = Annotated[str, AfterValidator(_code)]
Label = Annotated[str, AfterValidator(_uppercase)]
Root = Annotated[str, AfterValidator(_root)]
Phrasal = Annotated[str, AfterValidator(_phrasal)]
Words = Annotated[list[Word], Field(min_length=1)]
Labels = Annotated[list[Label], Field(min_length=1)]
Roots = Annotated[list[Root], Field(min_length=1)]


class EventWordsFile(BaseModel):
    """The schema of ``event_words.yaml`` (see the file's comments for what each list is for)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    # participants: prepositions
    target_preps: Words
    posture_preps: Words
    np_target_preps: Words
    belonging_verbs: Words
    holdings: Words
    aimed_preps: Words
    noun_target_preps: Words
    place_preps: Words
    public_places: Words
    open_waters: Words
    # participants: who may be one
    not_parties: Labels
    entity_labels: Labels
    named_things: Labels
    agents: Words
    people: Words
    victims: Words
    quantities: Words
    generic: Words
    relative_pronouns: Words
    authoring_verbs: Words
    personal_pronouns: Words
    plural_pronouns: Words
    first_person: Words
    second_person: Words
    country_nouns: Words
    pronoun_kinds: Annotated[dict[Word, Words], Field(min_length=1)]
    speech_verbs: Words
    relays: Words
    alleging: Words
    aiming: Words
    holding_nouns: Words
    claimed_acts: Words
    owning_verbs: Words
    claiming_verbs: Words
    reason_preps: Words
    channels: Words
    complaining_verbs: Words
    summoning_verbs: Words
    ending_verbs: Words
    blaming_verbs: Words
    linking_verbs: Words
    population_measures: Words
    population_measure_roots: Roots
    anonymity_acts: Words
    act_pronouns: Words
    definite_determiners: Words
    between_preps: Words
    act_nouns: Words
    summing_preps: Words
    act_determiners: Words
    judgement_codes: Words
    self_done_codes: Words
    ruling_out: Words
    ruling_out_code: Code
    accusing_verbs: Words
    accusation_nouns: Words
    charge_nouns: Words
    disputed_nouns: Words
    involvement_nouns: Words
    blame_words: Words
    protested_sectors: Labels
    demonstration_code: Code
    ended_cooperation: Annotated[dict[Root, Code], Field(min_length=1)]
    blame_verbs: Words
    accusation_code: Code
    mediating_offers: Words
    calming_appeals: Words
    judged_doer_preps: Words
    judged_patient_preps: Words
    mediation_offer_code: Code
    speaker_done_roots: Roots
    between_sides_codes: Annotated[list[Code], Field(min_length=1)]
    accuser_sentences: int
    denial_code: Code
    threat_root: Root
    denial_marks: Words
    denied_codes: Roots
    date_future_auxiliaries: Words
    dated_thing_preps: Words
    date_planning: Words
    date_planning_with_for: Words
    date_holidays: Annotated[dict[Word, MonthDay], Field(min_length=1)]
    anaphoric_heads: Words
    during_marks: Words
    occasion_marks: Words
    deadline_marks: Words
    topic_verbs: Words
    question_marks: Words
    recipientless_roots: Roots
    reaction_codes: Words
    former_words: Words
    charging: Words
    charge_replies: Words
    grounds_nouns: Words
    sports: Words
    sporting: Words
    game_terms: Words
    team_nouns: Words
    # sectors and codes
    political_sectors: Labels
    individual_sectors: Labels
    private_sectors: Labels
    lone_sectors: Labels
    condition_marks: Words
    private_targets: Labels
    enforcer_sectors: Labels
    force_sectors: Labels
    state_sectors: Labels
    killing_verbs: Words
    wounding_verbs: Words
    searching_verbs: Words
    weapons: Words
    armed_doer_sentences: int
    conduct_nouns: Words
    searching_sectors: Labels
    search_code: Code
    answered_codes: Annotated[list[str], Field(min_length=1)]
    giving: Roots
    targetless_roots: Roots
    doerless_roots: Roots
    force_roots: Roots
    speculative_predicates: Words
    story_addressed_roots: Roots
    nearest_target_roots: Roots
    international_sectors: Labels
    reported_force_roots: Roots
    foes: Labels
    conflict_only_roots: Roots
    own_forces_below: Root
    posture_roots: Roots
    custody_nouns: Words
    entry_nouns: Words
    custody_code: Code
    violent_protest_code: Code
    no_place: Roots
    carried_roots: Roots
    needs_recipient: Labels
    # triggers
    phrasal_light: Annotated[list[Phrasal], Field(min_length=1)]
    receiving_verbs: Words
    undergoing_verbs: Words
    armed_fire_code: Code
    armed_fire_words: Words
    unnamed_critics: Annotated[list[Code], Field(min_length=1)]  # code prefixes
    particles: Words
    mishaps: Words
    # modality
    modals: Words
    obliging_modals: Words
    obliging_verbs: Words
    obliged_pronouns: Words
    future_auxiliaries: Words
    reported_future: Words
    conditions: Words
    hypothetical_marks: Words
    topic_prepositions: Words
    planned_modifiers: Words
    planning_verbs: Words
    generic_when: Words
    denials: Words
    refusal_nouns: Words
    prospective: Words
    aim_nouns: Words
    policy_nouns: Words
    holding_verbs: Words
    preventing: Words
    crime_nouns: Words
    act_documents: Words
    cautioning: Words
    asking_verbs: Words
    same_moment: Words
    cataphoric_pronouns: Words
    thing_pronouns: Words
    press_requests: Words
    intent_auxiliaries: Words
    expletive_heads: Words
    act_carriers: Words
    hedges: Words
    claiming: Words
    unconfirmed: Words
    hedging_verbs: Words
    evidence: Words
    time_marks: Words
    earlier: Words
    # who does an act the text gives no doer for ("was arrested": the police)
    implied_agents: Annotated[dict[Word, Label], Field(min_length=1)]
    protester_harm: Annotated[dict[Word, Label], Field(min_length=1)]
    patient_nouns: Words
    civilian_nouns: Words
    individual_nouns: Words
    body_parts: Words
    spoken_things: Words
    pair_nouns: Words
    warring_nouns: Words
    verbal_attacks: Words
    deed_sectors: Labels
    protesters: Words
    acceptance: Words
    forbidding: Words
    answering_verbs: Words
    threatening_conditions: Words
    armed_sectors: Labels
    implied_agent_names: Annotated[dict[Label, Word], Field(min_length=1)]
    implied_targets: Annotated[dict[Label, Label], Field(min_length=1)]
    policy_things: Words
    removal_verbs: Words
    about_preps: Words
    voiced_roots: Roots
    fight_goals: Words
    court_sectors: Labels
    court_order_roots: Roots
    policy_maker: Label
    made_by: Annotated[dict[Word, Labels], Field(min_length=1)]
    made_by_sentences: int
    sports_terms: Words
    sports_report_hits: int
    opposed_bodies: Annotated[dict[Word, Label], Field(min_length=1)]
    list_numbers: Annotated[dict[Word, int], Field(min_length=1)]
    strike_code: Code
    confiscation_code: Code
    seizure_code: Code
    seized_with_roots: Roots
    vessels: Words
    vessel_marks: Words
    protests_of_state: Words
    informant_nouns: Words
    commanding_sectors: Labels
    ruling_verbs: Words
    appeal_root: Root
    release_nouns: Words
    captor_roots: Roots
    release_code: Code
    demand_root: Root
    lawsuit_code: Code
    court_venue_preps: Words
    court_nouns: Words
    mediation_code: Code


@dataclass(frozen=True)
class EventWords:
    """The lists of :class:`EventWordsFile` as sets, ready for membership tests."""

    target_preps: frozenset[str]
    posture_preps: frozenset[str]
    np_target_preps: frozenset[str]
    belonging_verbs: frozenset[str]
    holdings: frozenset[str]
    aimed_preps: frozenset[str]
    noun_target_preps: frozenset[str]
    place_preps: frozenset[str]
    public_places: frozenset[str]
    open_waters: frozenset[str]
    not_parties: frozenset[str]
    entity_labels: frozenset[str]
    named_things: frozenset[str]
    agents: frozenset[str]
    people: frozenset[str]
    victims: frozenset[str]
    quantities: frozenset[str]
    generic: frozenset[str]
    relative_pronouns: frozenset[str]
    authoring_verbs: frozenset[str]
    personal_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    first_person: frozenset[str]
    second_person: frozenset[str]
    country_nouns: frozenset[str]
    pronoun_kinds: Mapping[str, frozenset[str]]
    speech_verbs: frozenset[str]
    relays: frozenset[str]
    alleging: frozenset[str]
    aiming: frozenset[str]
    holding_nouns: frozenset[str]
    claimed_acts: frozenset[str]
    owning_verbs: frozenset[str]
    claiming_verbs: frozenset[str]
    reason_preps: frozenset[str]
    channels: frozenset[str]
    complaining_verbs: frozenset[str]
    summoning_verbs: frozenset[str]
    ending_verbs: frozenset[str]
    blaming_verbs: frozenset[str]
    linking_verbs: frozenset[str]
    population_measures: frozenset[str]
    population_measure_roots: frozenset[str]
    anonymity_acts: frozenset[str]
    act_pronouns: frozenset[str]
    definite_determiners: frozenset[str]
    between_preps: frozenset[str]
    act_nouns: frozenset[str]
    summing_preps: frozenset[str]
    act_determiners: frozenset[str]
    judgement_codes: frozenset[str]
    self_done_codes: frozenset[str]
    ruling_out: frozenset[str]
    ruling_out_code: str
    accusing_verbs: frozenset[str]
    accusation_nouns: frozenset[str]
    charge_nouns: frozenset[str]
    disputed_nouns: frozenset[str]
    involvement_nouns: frozenset[str]
    blame_words: frozenset[str]
    protested_sectors: frozenset[str]
    demonstration_code: str
    ended_cooperation: MappingProxyType  # a cooperative act's root -> the code of ending it
    blame_verbs: frozenset[str]
    accusation_code: str
    mediating_offers: frozenset[str]
    calming_appeals: frozenset[str]
    judged_doer_preps: frozenset[str]
    judged_patient_preps: frozenset[str]
    mediation_offer_code: str
    speaker_done_roots: frozenset[str]
    between_sides_codes: frozenset[str]
    accuser_sentences: int
    denial_code: str
    threat_root: str
    denial_marks: frozenset[str]
    denied_codes: frozenset[str]
    date_future_auxiliaries: frozenset[str]
    dated_thing_preps: frozenset[str]
    date_planning: frozenset[str]
    date_planning_with_for: frozenset[str]
    date_holidays: MappingProxyType  # a holiday's name -> its day of the year (MM-DD)
    anaphoric_heads: frozenset[str]
    during_marks: frozenset[str]
    occasion_marks: frozenset[str]
    deadline_marks: frozenset[str]
    topic_verbs: frozenset[str]
    question_marks: frozenset[str]
    recipientless_roots: frozenset[str]
    reaction_codes: frozenset[str]
    former_words: frozenset[str]
    charging: frozenset[str]
    charge_replies: frozenset[str]
    grounds_nouns: frozenset[str]  # "arrested on suspicion of ...": the crime's phrase
    sports: frozenset[str]
    sporting: frozenset[str]
    game_terms: frozenset[str]
    team_nouns: frozenset[str]
    political_sectors: frozenset[str]
    individual_sectors: frozenset[str]
    private_sectors: frozenset[str]
    lone_sectors: frozenset[str]
    condition_marks: frozenset[str]
    private_targets: frozenset[str]
    enforcer_sectors: frozenset[str]
    force_sectors: frozenset[str]
    state_sectors: frozenset[str]
    killing_verbs: frozenset[str]
    wounding_verbs: frozenset[str]
    searching_verbs: frozenset[str]
    weapons: frozenset[str]
    armed_doer_sentences: int
    conduct_nouns: frozenset[str]
    searching_sectors: frozenset[str]
    search_code: str
    answered_codes: frozenset[str]
    giving: frozenset[str]
    targetless_roots: frozenset[str]
    doerless_roots: frozenset[str]
    force_roots: frozenset[str]
    speculative_predicates: frozenset[str]
    story_addressed_roots: frozenset[str]
    nearest_target_roots: frozenset[str]
    international_sectors: frozenset[str]
    reported_force_roots: frozenset[str]
    foes: frozenset[str]
    conflict_only_roots: frozenset[str]
    own_forces_below: str
    posture_roots: frozenset[str]
    custody_nouns: frozenset[str]
    entry_nouns: frozenset[str]
    custody_code: str
    violent_protest_code: str
    no_place: frozenset[str]
    carried_roots: frozenset[str]
    needs_recipient: frozenset[str]
    phrasal_light: frozenset[tuple[str, str]]  # (preposition, verb lemma)
    receiving_verbs: frozenset[str]
    undergoing_verbs: frozenset[str]
    armed_fire_code: str
    armed_fire_words: frozenset[str]
    unnamed_critics: frozenset[str]
    particles: frozenset[str]
    mishaps: frozenset[str]
    modals: frozenset[str]
    obliging_modals: frozenset[str]
    obliging_verbs: frozenset[str]
    obliged_pronouns: frozenset[str]
    future_auxiliaries: frozenset[str]
    reported_future: frozenset[str]
    conditions: frozenset[str]
    hypothetical_marks: frozenset[str]
    topic_prepositions: frozenset[str]
    planned_modifiers: frozenset[str]
    planning_verbs: frozenset[str]
    generic_when: frozenset[str]
    denials: frozenset[str]
    refusal_nouns: frozenset[str]
    prospective: frozenset[str]
    aim_nouns: frozenset[str]
    policy_nouns: frozenset[str]
    holding_verbs: frozenset[str]
    preventing: frozenset[str]
    crime_nouns: frozenset[str]
    act_documents: frozenset[str]
    cautioning: frozenset[str]
    asking_verbs: frozenset[str]
    same_moment: frozenset[str]
    cataphoric_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    press_requests: frozenset[str]
    intent_auxiliaries: frozenset[str]
    expletive_heads: frozenset[str]
    act_carriers: frozenset[str]
    hedges: frozenset[str]
    claiming: frozenset[str]
    unconfirmed: frozenset[str]
    hedging_verbs: frozenset[str]
    evidence: frozenset[str]
    time_marks: frozenset[str]
    earlier: frozenset[str]
    implied_agents: MappingProxyType  # verb lemma -> the sector of its implied doer
    protester_harm: MappingProxyType  # verb lemma -> the implied doer's sector, done to protesters
    patient_nouns: frozenset[str]
    civilian_nouns: frozenset[str]
    individual_nouns: frozenset[str]
    body_parts: frozenset[str]
    spoken_things: frozenset[str]
    pair_nouns: frozenset[str]
    warring_nouns: frozenset[str]
    verbal_attacks: frozenset[str]
    deed_sectors: frozenset[str]
    protesters: frozenset[str]
    acceptance: frozenset[str]
    forbidding: frozenset[str]
    answering_verbs: frozenset[str]
    threatening_conditions: frozenset[str]
    armed_sectors: frozenset[str]
    implied_agent_names: MappingProxyType  # that sector -> the name the doer is shown by
    implied_targets: MappingProxyType  # a domestic doer's sector -> its implied target's
    policy_things: frozenset[str]
    removal_verbs: frozenset[str]
    about_preps: frozenset[str]
    voiced_roots: frozenset[str]
    fight_goals: frozenset[str]
    court_sectors: frozenset[str]
    court_order_roots: frozenset[str]
    policy_maker: str
    made_by: MappingProxyType  # a thing an institution makes -> its makers' sectors
    made_by_sentences: int
    sports_terms: frozenset[str]
    sports_report_hits: int
    opposed_bodies: MappingProxyType  # "anti-government": the body's sector in that country
    list_numbers: MappingProxyType  # "three" -> 3: how many a group counts ("the three powers")
    strike_code: str
    confiscation_code: str
    seizure_code: str
    seized_with_roots: frozenset[str]
    vessels: frozenset[str]
    vessel_marks: frozenset[str]
    protests_of_state: frozenset[str]
    informant_nouns: frozenset[str]
    commanding_sectors: frozenset[str]
    ruling_verbs: frozenset[str]
    appeal_root: str
    release_nouns: frozenset[str]
    captor_roots: frozenset[str]
    release_code: str
    demand_root: str
    lawsuit_code: str
    court_venue_preps: frozenset[str]
    court_nouns: frozenset[str]
    mediation_code: str

    @classmethod
    def from_file(cls, data: EventWordsFile) -> EventWords:
        values: dict[str, Any] = {}
        for f in fields(cls):
            value = getattr(data, f.name)
            if f.name == "pronoun_kinds":
                value = MappingProxyType({k: frozenset(v) for k, v in value.items()})
            elif f.name in {"implied_agents", "implied_agent_names", "implied_targets",
                            "protester_harm", "opposed_bodies", "list_numbers",
                            "ended_cooperation", "date_holidays"}:
                value = MappingProxyType(dict(value))
            elif f.name == "made_by":
                value = MappingProxyType({k: frozenset(v) for k, v in value.items()})
            elif f.name == "phrasal_light":
                value = frozenset((e.split()[1], e.split()[0]) for e in value)
            elif isinstance(value, (str, int)):
                pass  # a single code or number
            else:
                value = frozenset(value)
            values[f.name] = value
        return cls(**values)


class EventWordsError(ValueError):
    """An event words file that does not fit the schema."""


def _validate(data: Any, where: str) -> EventWordsFile:
    try:
        return EventWordsFile.model_validate(data)
    except ValidationError as error:
        raise EventWordsError(f"{where}: {error}") from None


def load_event_words(path: str | Path = "") -> EventWords:
    """The bundled lists, with those of the user file ``path`` (if any) in their place."""
    data = load_yaml(BUNDLED)
    if path:
        where = str(path)
        try:
            user = parse_yaml(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            raise EventWordsError(f"{where}: cannot read the event words file: {error}") from None
        if not isinstance(user, dict):
            raise EventWordsError(f"{where}: expected a mapping of list names to lists")
        unknown = sorted(set(user) - set(EventWordsFile.model_fields), key=str)
        if unknown:
            raise EventWordsError(
                f"{where}: unknown event word list(s) {', '.join(map(str, unknown))}; the lists "
                f"are those of eventwire/data/{BUNDLED}: {', '.join(EventWordsFile.model_fields)}"
            )
        data = {**data, **user}
    else:
        where = BUNDLED
    return EventWords.from_file(_validate(data, where))


@cache
def _cached(path: str) -> EventWords:
    return load_event_words(path)


def event_words(path: str | None = None) -> EventWords:
    """The event words in use, loaded once per file: those of ``path`` (the setting
    ``event_words``, ``EVENTWIRE_EVENT_WORDS``, which the pipeline passes) over the bundled
    lists; the bundled lists alone when ``path`` is empty or None."""
    return _cached(str(path or ""))
