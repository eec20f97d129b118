"""Actor mentions in a parsed ``Doc``: names, role descriptions and pronouns, with attributes.

A mention is a span plus what the text around it says about the actor: country, CAMEO sector,
role nouns, the organisation it belongs to ("SpaceX founder"), gender. Names come from spaCy's
entities; descriptions are noun phrases headed by a role noun from ``roles.yaml``; titles,
premodifiers, possessives, "of X" phrases and appositives add attributes (and appositive noun
phrases become mentions of the same actor). Clustering happens in :mod:`eventwire.nlp.actors`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from eventwire.nlp.doctext import doc_text, line_break_tokens
from eventwire.nlp.lexicon import KnownName, Role, country_of, country_word, known_name, lexicon
from eventwire.nlp.people import people
from eventwire.nlp.towns import REGION_WORDS, town_country

# Dependency labels of words that modify a noun from the left ("Russian", "state", "Ukraine's").
_PREMOD_DEPS = {"compound", "amod", "nmod", "poss", "case", "det", "nummod", "quantmod", "npadvmod"}
_DEFINITE = {"the", "this", "that", "these", "those"}
_PERSON_PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
# ("Both were released": "both" standing alone, a pronoun, names the two just told of)
_PLURAL_PRONOUNS = {"they", "them", "their", "themselves", "both"}
_LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "around", "across", "from", "to", "of",
                   "through", "throughout", "within", "into", "toward", "towards"}
# Role nouns that say little beyond membership: the organisation's own sector wins
# ("Hamas official" is REB, "SpaceX founder" BUS, "Kremlin spokesman" GOV).
_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
# labels the tagger gives an organisation's name by mistake (see _tagged_organisations)
_RELABELLED = {"PRODUCT", "LOC", "WORK_OF_ART"}
_NAME_PARTICLES = {
    "von",
    "van",
    "der",
    "den",
    "de",
    "del",
    "da",
    "di",
    "al",
    "el",
    "bin",
    "le",
    "la",
}


@dataclass
class Attributes:
    """What modifiers say about an actor."""

    country: str | None = None
    sector: str | None = None
    roles: set[str] = field(default_factory=set)
    affiliation: str | None = None  # canonical name of the organisation ("SpaceX")
    gender: str | None = None

    def update(self, other: Attributes) -> None:
        """Fill what is still unknown from ``other`` (first description wins)."""
        self.country = self.country or other.country
        self.sector = self.sector or other.sector
        self.roles |= other.roles
        self.affiliation = self.affiliation or other.affiliation
        self.gender = self.gender or other.gender


@dataclass
class Mention:
    span: Span
    kind: str  # person | organization | country | group | location
    named: bool = False  # a proper name ("Putin"), not a description or pronoun
    key: str = ""  # the name as written, without titles; for descriptions the head role
    known: KnownName | None = None
    attrs: Attributes = field(default_factory=Attributes)
    plural: bool = False
    definite: bool = False
    pronoun: str | None = None  # "m" | "f" | "pl" for pronouns
    extra: list[Span] = field(default_factory=list)  # appositive descriptions of this actor
    label: str = ""  # for descriptions, the whole noun phrase ("Zelensky's office")

    @property
    def root(self) -> Token:
        return self.span.root


def find_mentions(doc: Doc) -> list[Mention]:
    """Every actor mention in ``doc``, in text order, none overlapping."""
    blocked = _credit_tokens(doc) | dateline_tokens(doc)
    taken = [False] * len(doc)
    for index in blocked:
        taken[index] = True
    mentions = [m for m in _named_mentions(doc, taken) if m is not None]
    mentions += _defined_acronyms(doc, taken, mentions)
    mentions += _descriptions(doc, taken)
    mentions += _pronouns(doc, taken)
    mentions.sort(key=lambda m: m.span.start)
    return mentions


# --- photo credits ---------------------------------------------------------------------------


def _credit_tokens(doc: Doc) -> set[int]:
    """Tokens inside a parenthesised photo credit: "( POOL/AFP via Getty Images )"."""
    blocked: set[int] = set()
    lex = lexicon()
    opened: int | None = None
    for index in _brackets_and_breaks(doc):  # no other token changes anything below
        token = doc[index]
        if token.text == "(":
            opened = token.i
        elif token.text == ")" and opened is not None:
            inside = doc[opened + 1 : token.i]
            text = inside.text.lower()
            line_start = opened == 0 or "\n" in doc[opened - 1].text_with_ws
            line_end = (
                token.i + 1 >= len(doc)
                or "\n" in token.text_with_ws
                or ("\n" in doc[token.i + 1].text)
            )
            is_credit = (
                " via " in f" {text} "
                or "/" in text
                or any(name in text for name in ("getty", "shutterstock", "alamy"))
                or (line_start and line_end and len(inside) <= 8)
                or text.strip() in lex.not_actors
            )
            if is_credit:
                blocked.update(range(opened, token.i + 1))
            opened = None
        elif "\n" in token.text:
            opened = None
    return blocked


def _brackets_and_breaks(doc: Doc) -> list[int]:
    """In text order, the tokens that are "(" or ")" and those holding a line break."""
    if not len(doc):
        return []
    orths = doc.to_array("ORTH")
    found = set(numpy.flatnonzero((orths == _OPEN) | (orths == _CLOSE)).tolist())
    found.update(line_break_tokens(doc))
    return sorted(found)


# as the array holds them (a hash above 2**63 compared as a plain int would become a float)
_OPEN, _CLOSE = numpy.uint64(get_string_id("(")), numpy.uint64(get_string_id(")"))


def dateline_tokens(doc: Doc) -> set[int]:
    """Tokens of wire datelines, which name no actor (found once per document)."""
    return {i for start, end in _dateline_bounds(doc) for i in range(start, end)}


def _dateline_bounds(doc: Doc) -> list[list[int]]:
    """(start, end) token offsets of the document's datelines, found once (before the parser
    runs: they depend on the words alone) and kept as lists: user_data stays serialisable."""
    found = doc.user_data.get("eventwire_datelines")
    if found is None:
        found = doc.user_data["eventwire_datelines"] = [
            [span.start, span.end] for span in _datelines(doc)]
    return found


def _line_starts(doc: Doc) -> list[int]:
    """The tokens that start a line: the first, and each one after a token whose text or
    trailing space holds a line break (found from the text's line breaks, not token by token)."""
    if not len(doc):
        return []
    offsets = doc.to_array("IDX").tolist()
    starts = [0]
    for newline in re.finditer("\n", doc_text(doc)):
        index = bisect_right(offsets, newline.start())
        if index < len(offsets) and index != starts[-1]:
            starts.append(index)
    return starts


def _datelines(doc: Doc) -> list[Span]:
    """Wire datelines at the start of a line: "BELGRADE, March 16 (APS) –", "DOHA (Agency) -",
    and in title case only with the agency in brackets: "Washington (AP) —"."""
    found: list[Span] = []
    for start in _line_starts(doc):
        token = doc[start]
        if not (token.is_alpha and len(token) > 1):
            continue
        if not (token.is_upper or token.is_title):
            continue
        for end in range(token.i + 1, min(token.i + 14, len(doc))):
            if "\n" in doc[end].text_with_ws or (
                    doc[end].text in {".", "!", "?"} and doc[end - 1].is_lower):
                break  # (a dateline ends before its line's first sentence does; "ST." no)
            if doc[end].text == ":":
                place = doc[token.i:end].text
                if token.is_upper and (lexicon().capitals.get(place.lower())
                                       or country_of(place) or town_country(place)):
                    found.append(doc[token.i : end + 1])  # "ISLAMABAD: The court ..."
                break
            if doc[end].text in {"-", "–", "—", "--"}:
                if not doc[end - 1].whitespace_ and doc[end].whitespace_ == "":
                    # "US-made", "Houthi-run": a hyphen inside a word, no dateline's dash
                    continue
                if token.is_upper or doc[end - 1].text == ")":
                    found.append(doc[token.i : end + 1])
                break
    return found


def dateline_end(doc: Doc) -> int | None:
    """The token after the article's first dateline (None without one)."""
    lines = _dateline_bounds(doc)
    return lines[0][1] if lines else None


def dateline_country(doc: Doc) -> str | None:
    """The country of the article's first dateline city ("BELGRADE, March 16 (Reuters) -"),
    when the city is a capital or a country; None for IGO seats ("BRUSSELS"), cities whose
    datelines file international bodies' news ("VIENNA": the IAEA's board, not Austria's
    officials) and others."""
    lines = _dateline_bounds(doc)
    if not lines:
        return None
    words = []
    stop = ""
    first, end = lines[0]
    for token in doc[first:end]:
        if token.text in {",", "(", "-", "–", "—", "--", ":"}:
            stop = token.text
            break
        words.append(token.text)
    place = " ".join(words).lower()
    lex = lexicon()
    if place in lex.igo_seats or place in lex.international_datelines:
        return None
    # A country name before a bare dash may be a headline ("RUSSIA - UKRAINE TALKS"): a dated
    # or credited line ("GAZA, Oct 3 (Reuters) -") is a dateline for sure, and so is one whose
    # dash opens a sentence ("HONG KONG — Many residents ...").
    sentence_follows = end < len(doc) and not doc[end].is_upper and doc[end].is_title
    if not (stop in {",", "("} or sentence_follows):
        return lex.capitals.get(place)
    # (a sure dateline of a city that is no capital files from its country too: "YANGON -",
    # "KARACHI, Pakistan (AP) -"; a story filed from abroad is told apart later)
    return lex.capitals.get(place) or country_of(place) or town_country(place.title())


# --- names -----------------------------------------------------------------------------------


def _extend_name(span: Span) -> Span:
    """A person's name cut after a particle ("Ursula von" | "der Leyen") runs on to the surname."""
    doc = span.doc
    end = span.end
    if span.label_ != "PERSON" and span.root.ent_type_ != "PERSON":
        return span
    while (
        end < len(doc)
        and doc[end - 1].lower_ in _NAME_PARTICLES
        and "\n" not in doc[end - 1].whitespace_
    ):
        if not (doc[end].lower_ in _NAME_PARTICLES or doc[end].text[:1].isupper()):
            break
        end += 1
    # A surname the tagger gave another label ("Olena | Marchenko" as a DATE): the name's
    # last word modifies the proper noun right after it.
    while (
        end < len(doc)
        and doc[end - 1].dep_ == "compound"
        and doc[end - 1].head.i == end
        and doc[end].pos_ == "PROPN"
        and doc[end].text[:1].isupper()
        and "\n" not in doc[end - 1].whitespace_
    ):
        end += 1
    return doc[span.start : end]


_NOT_IN_NAMES = {"VERB", "AUX", "ADP", "ADV", "PRON", "SCONJ", "CCONJ", "DET"}


def _trim(ent: Span) -> Span | None:
    """The entity without a leading "the", a trailing "'s" or anything past a line break."""
    start, end = ent.start, ent.end
    for token in ent:
        if "\n" in token.text or (token.i > start and "\n" in token.nbor(-1).whitespace_):
            end = token.i
            break
    while start < end and (ent.doc[start].lower_ in {"the", "a"} or ent.doc[start].is_punct):
        start += 1
    while end > start and (
        ent.doc[end - 1].lower_ in {"'s", "’s", "'"} or ent.doc[end - 1].is_punct
    ):
        end -= 1
    if ent.label_ == "PERSON":
        # The tagger runs a name on into a capitalised verb after it ("Jane Doe Speaking to
        # reporters"): a person's name ends at its last proper noun.
        while end - start > 1 and ent.doc[end - 1].pos_ in _NOT_IN_NAMES:
            end -= 1
    if start >= end:
        return None
    return ent.doc[start:end]


def _pair_first(span: Span) -> bool:
    """Whether ``span`` is the first of two names joined by a hyphen ("EU-China summit",
    "US-China talks", "the India-Pakistan border"): two actors, neither a modifier of the
    other."""
    doc = span.doc
    after = span.end
    return (after + 1 < len(doc) and doc[after].text == "-"
            and not doc[after - 1].whitespace_ and not doc[after].whitespace_
            and doc[after + 1].ent_type_ in _PAIRED_LABELS and doc[after + 1].ent_iob_ == "B")


# Entity labels of the names that can stand on either side of such a hyphen.
_PAIRED_LABELS = {"GPE", "ORG", "NORP", "LOC"}


def _is_premodifier(span: Span) -> bool:
    """A name used as a modifier of a noun outside it ("Russian" president, "US" officials)."""
    root = span.root
    return (
        root.dep_ in {"amod", "compound", "nmod", "poss"}
        and not (span.start <= root.head.i < span.end)
        and root.head.pos_ in {"NOUN", "PROPN"}
        and root.head.i > root.i
    )


def _names_actor(token: Token) -> bool:
    """Whether ``token`` heads a name or role noun phrase (a person, an institution)."""
    if token.ent_type_ in {"PERSON", "ORG"}:
        return True
    return (
        # (a role of several words ends there: "the Serbian chargé d'affaires")
        token.pos_ in {"NOUN", "PROPN"} and _role_ending_at(token.doc, token.i, 0) is not None
    )


def _country_pair(span: Span) -> list[tuple[Span, str]] | None:
    """The two countries of "North and South Korea" (tagged whole, or only its second half):
    each first word with the shared last word names a country."""
    doc = span.doc
    start = span.start
    if len(span) >= 4 and span[1].lower_ == "and":
        first, second = span[0:1], span[2:]
    elif (start >= 2 and len(span) >= 2 and doc[start - 1].lower_ == "and"
          and doc[start - 2].is_title):
        first, second = doc[start - 2 : start - 1], span
    else:
        return None
    shared = second[1:].text
    one, other = country_of(f"{first.text} {shared}"), country_of(second.text)
    if one is None or other is None or one == other:
        return None
    return [(first, one), (second, other)]


def _country_run_on(ent: Span) -> Span | None:
    """The country whose name the entity begins and one or two untagged capitalised words
    after it end ("Burkina" + "Faso"), when the entity alone is no country."""
    if country_of(ent.text) is not None:
        return None
    whole = _place_run_on(ent)
    if whole is None or country_of(whole.text) is None:
        return None
    return Span(ent.doc, whole.start, whole.end, label="GPE")


def _place_run_on(ent: Span) -> Span | None:
    """The entity with the one or two untagged capitalised words after it that end a longer
    country's or town's name ("Burkina" + "Faso", "Novi" + "Sad": not the Novi of Michigan)."""
    doc = ent.doc
    for end in range(min(ent.end + 2, len(doc)), ent.end, -1):
        if all(t.is_title and not t.ent_type_ for t in doc[ent.end:end]):
            text = doc[ent.start:end].text
            if country_of(text) is not None or town_country(text) is not None:
                return doc[ent.start:end]
    return None


def _country_branch(ent: Span) -> Span | None:
    """An organisation's name run on by a country's name that the tagger left out of it, the
    body's branch there ("Amnesty International Indonesia also condemned ...": the name
    modifies the country's, which heads the phrase)."""
    doc, end = ent.doc, ent.end
    if (ent.label_ != "ORG" or end >= len(doc) or ent.root.dep_ != "compound"
            or ent.root.head.i != end or "\n" in doc[end - 1].whitespace_):
        return None
    country = doc[end]
    if country.pos_ != "PROPN" or country.ent_type_ not in {"", "GPE"} or (
            country_of(country.text) is None):
        return None
    return Span(doc, ent.start, end + 1, label="ORG")


def _tagged_organisations(doc: Doc) -> set[str]:
    """Names the tagger calls an organisation somewhere in the document and never a person or
    a place: the tagger labels an unknown firm's name differently from one sentence to the next
    ("WeWork" an ORG, a PRODUCT, a LOC, or nothing), and one name is one actor."""
    labels: dict[str, set[str]] = {}
    for ent in doc.ents:
        labels.setdefault(ent.text, set()).add(ent.label_)
    return {name for name, found in labels.items()
            if "ORG" in found and not found & {"PERSON", "GPE", "NORP"}}


def _named_mentions(doc: Doc, taken: list[bool]) -> list[Mention | None]:
    lex = lexicon()
    found: list[Mention | None] = []
    organisations = _tagged_organisations(doc)
    for ent in doc.ents:
        if ent.label_ in _RELABELLED and ent.text in organisations:
            ent = Span(doc, ent.start, ent.end, label="ORG")
        elif ent.label_ == "LOC" and (town_country(ent.text) is not None
                                      or country_of(ent.text) is not None):
            # "annexing the Zaporizhzhia region": a known region the tagger calls a location;
            # "the Solomon Islands": a country
            ent = Span(doc, ent.start, ent.end, label="GPE")
        elif ent.label_ == "LOC" and known_name(ent.text) is not None:
            # "accused the West": a side the lists know, which the tagger calls a place
            ent = Span(doc, ent.start, ent.end, label="ORG")
        elif (whole := _country_run_on(ent)) is not None:
            ent = whole  # "Burkina" tagged and "Faso" left out: the country's whole name
        elif (branch := _country_branch(ent)) is not None:
            ent = branch  # "Amnesty International Indonesia": the body's branch, one actor
        if ent.label_ not in _ACTOR_LABELS:
            continue
        span = _trim(ent)
        if span is not None and ent.label_ == "PERSON":
            span = _extend_name(span)
        if span is None or any(taken[i] for i in range(span.start, span.end)):
            continue
        text = span.text
        lower = text.lower()
        if not text[:1].isupper() and not text[:1].isdigit():
            continue  # a lowercase "entity" is a tagging slip ("a congress of ...")
        if not any(ch.isalpha() for ch in text):
            continue  # "24/7", "1967": a number the tagger took for a name
        if lower in lex.not_actors or _US_PARTY_STATE.match(text):
            _take(taken, span)  # "(D-Minn.)" after a name is that person's party and state
            continue
        if lower.startswith(lex.natural_hazards):
            _take(taken, span)  # "Cyclone Idai killed 600 people": a storm is no one's act
            continue
        if ent.label_ != "PERSON" and span.root.lemma_.lower() in lex.documents and not (
                known_name(text)):
            continue  # "Verified video footage", "The Mueller Report": a document, no actor
        known = known_name(text)
        hyphenated = span.end < len(doc) and doc[span.end].text == "-"  # "Indian-administered"
        paired = _pair_first(span)  # "the EU-China summit": both sides are actors
        if known and known.sector != "BUS" and (
                ent.label_ == "ORG" or (ent.label_ in {"NORP", "GPE"} and known.kind != "country")
        ) and _owns_thing(span):
            # "a U.N. Security Council resolution", "United Nations planes": the body takes part
            # (so does a group the tagger calls a nationality or a place: "a Houthi drone
            # attack", "a Houthi anti-ship missile")
            _take(taken, span)
            found.append(
                Mention(
                    span,
                    known.kind,
                    named=True,
                    key=known.name,
                    known=known,
                    attrs=Attributes(country=known.country, sector=known.sector),
                )
            )
            continue
        if _country_of_thing(span, ent.label_, hyphenated):
            # "Russian aircraft bombed", "welcomed the Senegalese plan": no role noun carries
            # the country, so the country itself takes part (as the owner of the thing)
            country = country_of(text)
            _take(taken, span)
            found.append(
                Mention(
                    span, "country", named=True, key=str(country), attrs=Attributes(country=country)
                )
            )
            continue
        if ent.label_ == "NORP" and (
            _is_premodifier(span) or span.root.dep_ == "appos" or hyphenated
        ):
            continue  # an attribute of the noun it modifies, not an actor of its own
        if (ent.label_ == "GPE" and span.root.dep_ == "compound"
                and span.root.head.i == span.end and span.root.head.tag_ == "NN"
                and span.root.head.lemma_.lower() in REGION_WORDS
                and not any(taken[i] for i in range(span.start, span.end + 1))):
            # "the Kharkiv region", "Russia's Belgorod region": the region is a place
            region = Span(doc, span.start, span.end + 1, label="GPE")
            mention = _name_mention(region, "GPE", None)
            # (a region of a known country only: "the Essequibo region of Guyana" is left to
            # the country its "of" phrase names)
            if mention is not None and mention.attrs.country:
                _take(taken, region)
                found.append(mention)
                continue
        if (ent.label_ == "GPE" and _is_premodifier(span) and span.root.dep_ != "poss"
                and not paired):
            continue  # "US officials": the country of the officials
        if ent.label_ != "PERSON" and _is_premodifier(span) and _names_actor(span.root.head):
            continue  # "Ukraine's president", "Kremlin spokesman": attributes of that actor
        if (ent.label_ == "ORG" and span.root.dep_ == "compound" and _is_premodifier(span)
                and not paired):
            continue  # "Starlink terminal", "Patriot batteries": a product, not an actor
        if ent.label_ == "FAC" and known is None and not _country_alone(span):
            continue  # (a country's name tagged a building is the country: "the Vatican")
        if _ends_role(span):
            continue  # "State" in "Secretary of State" is part of a title
        if ent.label_ == "ORG" and known is None and _person_role(doc, span):
            continue  # "Jeff Rathke, the State Department Spokesperson": a title, no body
        pair = _country_pair(span) if ent.label_ == "GPE" else None
        if pair is not None:
            # "North and South Korea": two countries sharing one word, one mention each
            for part, country in pair:
                _take(taken, part)
                found.append(Mention(part, "country", named=True, key=country,
                                     attrs=Attributes(country=country)))
            continue
        mention = _name_mention(span, ent.label_, known)
        if mention is None:
            continue
        _take(taken, span)
        found.append(mention)
    found += _untagged_names(doc, taken, organisations)
    for mention in found:
        if mention is not None:
            _add_titles(mention, taken)
            _add_appositions(mention, taken)
            _add_predicates(mention, taken)
            _add_party_state(mention)
            _add_origin(mention)
    return found


# the prepositions after a name that say where a person is from, or whose a body is
_ORIGIN_PREPS = {"person": {"from", "of"}, "organization": {"for", "of"}}


def _add_origin(mention: Mention) -> None:
    """Where a person is from: "Thomas Sam, 42, from Sydney, Australia", "Carlineo, of
    Addison, New York"; whose a body is: "the Electoral Commission for Sierra Leone" (the
    place's country, when nothing else gave one: a listed body of another country's name is
    then another body)."""
    preps = _ORIGIN_PREPS.get(mention.kind)
    # (a listed name's country is the list's: the text may name another's body of that name)
    if preps is None or mention.attrs.country is not None and mention.known is None:
        return
    span = mention.span
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if mention.kind == "person":
        candidates = [p for p in span.root.rights if p.dep_ == "prep"]
    else:
        # (the phrase right after a body's name, wherever the parser hangs it inside the
        # name: "the Association of International Road Carriers of Ukraine")
        candidates = [after] if after is not None and after.dep_ == "prep" and (
            span.start <= after.head.i < span.end) else []
    if mention.kind != "person" and mention.attrs.country is None and (
            mention.attrs.sector in lexicon().home_state_sectors):
        # "the Foreign Ministry in Zagreb": a state body of no country named is the
        # country's where it sits (not a listed body's office abroad: those have a country)
        preps = preps | {"in"}
    for prep in candidates:
        if prep.lower_ not in preps:
            continue
        for place in (c for c in prep.children if c.dep_ == "pobj"):
            country = _place_country(place, mention.kind) or next(
                (found for a in place.children if a.dep_ == "appos"
                 and (found := _place_country(a, mention.kind)) is not None), None)
            if country is not None:
                if country != mention.attrs.country:
                    mention.attrs.country, mention.known = country, None
                return


def _place_country(place: Token, kind: str) -> str | None:
    """The country of a place a person is from (a town's too), or of the country a body's
    phrase names (the tagger may call it an organisation: "for Sierra Leone")."""
    if place.ent_type_ == "GPE":
        return _token_country(place)
    ent = entity_at(place.doc, place.i) if kind != "person" else None
    return country_of(ent.text.removeprefix("the ")) if ent is not None else None


# "Rep. Ilhan Omar (D-Minn.)", "Sen. Ted Cruz, R-Texas": a US lawmaker's party and state
_US_PARTY_STATE = re.compile(r"^\(?[DRI]-[A-Z][A-Za-z. ]{1,14}\)?$")


def _add_party_state(mention: Mention) -> None:
    """A person followed by a US party-and-state tag is a US lawmaker (or official)."""
    if mention.kind != "person":
        return
    doc = mention.span.doc
    after = doc[mention.span.end: mention.span.end + 6].text.lstrip(" ,(")
    if _US_PARTY_STATE.match(after.split(")")[0].split(",")[0].strip()):
        mention.attrs.country = mention.attrs.country or "USA"
        mention.attrs.sector = mention.attrs.sector or "LEG"


def _untagged_names(doc: Doc, taken: list[bool],
                    organisations: frozenset[str] | set[str] = frozenset()) -> list[Mention]:
    """Names the tagger missed ("Modi held a call with ...", "- Germany agreed"): a run of
    untagged proper nouns that is a country's name, a listed person's full name or
    unambiguous surname, a name tagged as an organisation elsewhere in the document, a person's
    name or surname the tagger gave a person elsewhere ("Swift got support" after "Taylor
    Swift"), or one word with a capital inside, as firms write their names ("WeWork")."""
    found: list[Mention] = []
    lex, listed = lexicon(), people()
    persons = {name for ent in doc.ents if ent.label_ == "PERSON" and ent[-1].pos_ == "PROPN"
               for name in (ent.text, ent[-1].text)}
    # each token read once (the run test below asks several things of it)
    untagged = [token.pos_ == "PROPN" and not token.ent_type_ and token.text[:1].isupper()
                for token in doc]
    i = 0
    while i < len(doc):
        start = i
        while i < len(doc) and untagged[i] and not taken[i]:
            i += 1
        if i == start:
            i += 1
            continue
        span = doc[start:i]
        # coded as the tagger's label would have been
        label = ("GPE" if span.text.lower() in lex.countries
                 else "PERSON" if listed.find([span.text]) is not None
                 else "ORG" if span.text in organisations and not (
                     # "Minister of Education": a title's part, however tagged elsewhere
                     start > 1 and doc[start - 1].lower_ == "of"
                     and doc[start - 2].lemma_.lower() in lex.roles) else
                 "PERSON" if span.text in persons and span.text.lower() not in lex.roles
                 else "ORG" if len(span) == 1 and _inner_capital(span.text) else None)
        if label is None:
            # "Prime Minister Modi": a title before a listed person's name
            name_start = start
            for width in range(min(lex.max_role_words, i - start - 1), 0, -1):
                words = " ".join(t.lower_ for t in doc[start:start + width])
                if words in lex.roles or words.rstrip(".") in lex.honorifics:
                    name_start = start + width
                    break
            if name_start > start and listed.find([doc[name_start:i].text]) is not None:
                label, span = "PERSON", doc[name_start:i]
        mention = _name_mention(span, label, None) if label else None
        if mention is not None:
            _take(taken, span)
            found.append(mention)
    return found


def _inner_capital(word: str) -> bool:
    """ "WeWork", "SoftBank": a capital after a lowercase letter inside one word."""
    return word[:1].isupper() and any(
        a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False))


# Where a modified thing takes part in an event: subject, object, agent, object of a preposition.
_PARTICIPANT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "agent", "conj"}


def _owns_thing(span: Span) -> bool:
    """A name premodifying a participant that is not a role noun ("UN planes")."""
    head = span.root.head
    return (
        _is_premodifier(span)
        and not _names_actor(head)
        and not head.ent_type_
        and head.dep_ in _PARTICIPANT_DEPS
    )


def _belongs(span: Span) -> bool:
    """Whether a name before a hyphen says whose the next noun is: "the Saudi-led blockade",
    "a Greek-owned tanker" (roles.yaml: ``belonging``)."""
    participle = span.root.head
    # (not of a role noun: "the Saudi-led coalition" is one actor, coded by its own words)
    return (span.end + 1 < len(span.doc) and participle.i == span.end + 1
            and participle.dep_ == "amod" and participle.lemma_.lower() in lexicon().belonging
            and not _names_actor(participle.head))


def _country_of_thing(span: Span, label: str, hyphenated: bool) -> bool:
    """A nationality or country premodifying a participant that is not a role noun, or
    owning it through a hyphenated participle ("a Greek-owned tanker", "the Saudi-led
    blockade": the country's, as "a Greek tanker" is)."""
    if label not in {"NORP", "GPE"}:
        return False
    if hyphenated:
        return _belongs(span) and country_of(span.text) is not None
    if not _is_premodifier(span):
        return False
    if label == "GPE" and span.root.dep_ == "poss":
        return False  # "Iran's army" is handled as a name of its own
    head = span.root.head
    # (a named model of a thing is a thing too: "a US F-16 shot down a drone")
    if _names_actor(head) or head.ent_type_ not in {"", "PRODUCT"} or (
            head.dep_ not in _PARTICIPANT_DEPS):
        return False
    # the tagger calls some nationalities GPE ("Ugandan opposition candidates")
    return country_of(span.text) is not None


def _name_mention(span: Span, label: str, known: KnownName | None) -> Mention | None:
    lex = lexicon()
    text = span.text
    lower = text.lower()
    if known is not None:
        attrs = Attributes(country=known.country, sector=known.sector)
        return Mention(span, known.kind, named=True, key=known.name, known=known, attrs=attrs)
    if label in {"PERSON", "ORG", "FAC"} and _country_alone(span):
        # "Jordan opened its border", "Chad said": the country, not a name ("the Vatican",
        # tagged a building)
        label = "GPE"
    if label == "PERSON" and town_not_person(span):
        label = "GPE"  # "Russian forces shelled Kherson": the tagger's person is a town
    if label in {"NORP", "PERSON", "ORG"} and lex.capitals.get(lower) is not None and (
            len(span) <= 3):
        label = "GPE"  # "accused Algiers of meddling": the tagger's nationality is a capital
    if label == "ORG" and any(_person_noun(c) for c in span.root.children if c.dep_ == "appos"):
        label = "PERSON"  # "Zippy Duvall, the president of the Farm Bureau": a person
    if label == "PERSON":
        return Mention(span, "person", named=True, key=text)
    if label == "ORG":
        return Mention(span, "organization", named=True, key=text, attrs=_org_name_attrs(span))
    if label == "NORP":
        # "Albanians in southern Serbia", "Kurds of Iraq": a people is coded where it lives;
        # counted people are citizens abroad ("four Americans in Mexico" are American)
        counted = any(c.dep_ == "nummod" for c in span.root.children)
        country = (None if counted else _where(span)) or country_of(text) or next(
            (c for m in span.root.lefts if m.dep_ in {"amod", "compound"}
             and (c := country_of(m.text))), None)  # "Iraqi Kurds"
        if country is None:
            if people().find([text]) is not None:
                # "Trump threatened Japan": the tagger's nationality is a listed person
                return Mention(span, "person", named=True, key=text)
            return None
        return Mention(
            span, "group", named=True, key=text, attrs=Attributes(country=country), plural=True
        )
    if label != "GPE":
        return None
    country = lex.countries.get(lower.removeprefix("the "))
    if country is not None:
        return Mention(span, "country", named=True, key=country, attrs=Attributes(country=country))
    locative = _is_locative(span)
    seat = lex.igo_seats.get(lower)
    if seat is not None and not locative:
        seat_known = lex.known[seat.lower()]
        attrs = Attributes(country=seat_known.country, sector=seat_known.sector)
        return Mention(
            span, seat_known.kind, named=True, key=seat_known.name, known=seat_known, attrs=attrs
        )
    capital = lex.capitals.get(lower)
    if capital is not None and not locative:
        # The capital stands for its government ("Moscow said", "Kyiv asks for weapons").
        return Mention(
            span, "country", named=True, key=text, attrs=Attributes(country=capital, sector="GOV")
        )
    town = town_country(text)
    if town is None and people().find([text]) is not None:
        # "a summit between Trump and Kim": the tagger's place is a listed person
        return Mention(span, "person", named=True, key=text)
    # A town or region ("shelled Gorazde", "in Bam"): a place, in its country (the one the
    # text frames it with when no table knows it: "the Ukrainian town of Kupiansk").
    place = Attributes(country=capital or town or _framing_country(span))
    return Mention(span, "location", named=True, key=text, attrs=place)


def _framing_country(span: Span) -> str | None:
    """The country a place's name is framed with: "the Ukrainian town of Kupiansk", "the
    Sudanese city of El Fasher", "Russia's Bryansk region", "Kupiansk, Ukraine"."""
    root = span.root
    nouns = lexicon().settlement_nouns
    frame: Token | None = None
    if root.lemma_.lower() in nouns:
        frame = root  # "Russia's Bryansk region" (the noun inside the name)
    elif root.dep_ == "compound" and root.head.lemma_.lower() in nouns:
        frame = root.head  # "Russia's Bryansk region" (the name a compound of the noun)
    elif (root.dep_ == "pobj" and root.head.lower_ == "of"
          and root.head.head.lemma_.lower() in nouns):
        frame = root.head.head  # "the Ukrainian town of Kupiansk"
    words = [c for c in frame.children if c.dep_ in {"amod", "poss", "compound", "nmod"}
             and not (span.start <= c.i < span.end)] if frame is not None else []
    words += [c for c in root.children if c.dep_ == "appos"]  # "Kupiansk, Ukraine"
    for word in words:
        found = _token_country(word)
        if found is not None:
            return found
    return None


def town_not_person(span: Span) -> bool:
    """Whether a one-word "person" is a town the towns table knows (and no listed person),
    which the text never names as a person in full ("Lloyd Austin" ... "Austin") and which
    says nothing ("Florence said")."""
    if len(span) != 1 or town_country(span.text) is None:
        return False
    root = span.root
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in lexicon().speech_verbs:
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.is_title and before.pos_ in {"PROPN", "NOUN"}
                               or before.dep_ == "compound" and before.head.i == root.i):
        return False  # "King Hassan", "Mr. Jordan": a title before a name
    if any(ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].lower_ == root.lower_
           for ent in span.doc.ents):
        return False
    # "their nine-month-old child, Gloria": a name the text gives a person in apposition
    for token in span.doc:
        if token.lower_ != root.lower_:
            continue
        described = [c for c in token.children if c.dep_ == "appos"]
        if token.dep_ == "appos":
            described.append(token.head)
        if any(_person_noun(d) for d in described):
            return False
    return True


def _person_noun(token: Token) -> bool:
    """Whether a noun names a person: a role a person holds, kin, or a bare "child"."""
    lex = lexicon()
    lemma = token.lemma_.lower()
    role = lex.roles.get(lemma)
    return token.pos_ == "NOUN" and (lemma in lex.person_nouns or lemma in lex.kin or (
        role is not None and not role.body))


def _where(span: Span) -> str | None:
    """The country an "in/of X" phrase after a people's name places it in."""
    for prep in span.root.rights:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "of"}:
            for token in (t for obj in prep.children if obj.dep_ == "pobj" for t in obj.subtree):
                if token.ent_type_ == "GPE" and (country := country_of(token.text)):
                    return country
    return None


def _country_alone(span: Span) -> bool:
    """A name that is a country's ("the Democratic People's Republic of Korea", tagged ORG),
    with no title or first name before it ("Jordan", not "Mr Jordan" or "Michael Jordan")."""
    if span.text.lower().removeprefix("the ") not in lexicon().countries:
        return False
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is None or before.tag_ not in {"NNP", "NNPS"} and before.lower_ not in {
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr."}


def _is_locative(span: Span) -> bool:
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE_PREPS


def _org_name_attrs(span: Span) -> Attributes:
    """Sector from the organisation's own head noun ("... Party", "... Ministry")."""
    attrs = Attributes()
    role = _role_ending_at(span.doc, span.end - 1, span.start)
    if role is None and span.root.i < span.end - 1 and any(
            t.lower_ == "of" and t.head.i == span.root.i for t in span):
        # "Ministry of Foreign Affairs", "Department of Justice": the body its head names
        role = _role_ending_at(span.doc, span.root.i, span.start)
    if role is not None:
        attrs.sector = role[1].sector
    elif _outlet_name(span):
        attrs.sector = "MED"  # "CBC News", "LA Weekly"
    for token in span:
        country = country_word(token.text) if token.pos_ in {"PROPN", "ADJ"} else None
        if country:
            attrs.country = country
            break
    if attrs.country is None and len(span) > 1:
        # "Senate Foreign Relations Committee", "Pentagon press office": a known body named
        # inside the name gives its country
        for token in span[:-1]:
            inner = known_name(token.text) if token.pos_ == "PROPN" else None
            if inner is not None and inner.country:
                attrs.country = inner.country
                break
            if inner is not None and inner.sector == "IGO" and token.i == _first_word(span):
                # "U.N. Security Council", "UN human rights office": an organ of the
                # international organisation its name begins with
                attrs.sector = "IGO"
                break
    return attrs


def _outlet_name(span: Span) -> bool:
    """Whether an organisation's name of two words or more ends as a news outlet's does
    ("CBC News", "the Los Angeles Times": roles.yaml ``media_name_words``)."""
    words = [t for t in span if t.dep_ != "det"]
    return len(words) > 1 and words[-1].lower_ in lexicon().media_name_words


def _first_word(span: Span) -> int:
    """The index of a name's first word after a determiner ("the UN refugee agency")."""
    return next((t.i for t in span if t.dep_ != "det"), span.start)


def _is_title_noun(token: Token) -> bool:
    """A singular role noun that can stand before a name ("president", "agency", "Senator")."""
    return (
        token.pos_ in {"NOUN", "PROPN"}
        and token.tag_ in {"NN", "NNP"}
        and not token.ent_type_
        and _role_ending_at(token.doc, token.i, token.i) is not None
    )


def _add_titles(mention: Mention, taken: list[bool]) -> None:
    """Fold the words before a name into it: "Russian President", "Mr", "SpaceX founder"."""
    doc = mention.span.doc
    lex = lexicon()
    start = mention.span.start
    # An honorific just before the name: "Mr Putin".
    while start > 0 and doc[start - 1].lower_ in lex.honorifics and not taken[start - 1]:
        start -= 1
        mention.attrs.gender = mention.attrs.gender or lex.gender.get(doc[start].lower_)
    # Modifiers of the name's head that stand to its left, up to a determiner.
    root = mention.span.root
    left = [t for t in root.lefts if t.i < start and t.dep_ in _PREMOD_DEPS | {"appos"}]
    first = min((t.left_edge.i for t in left), default=start)
    # The parser often misses a title ("state news agency TASS" parsed as two phrases): a
    # singular role noun right before the name starts a title too.
    if first == start and start > 0 and _is_title_noun(doc[start - 1]):
        first = doc[start - 1].left_edge.i
        while first < start - 1 and doc[first].dep_ not in _PREMOD_DEPS:
            first += 1
    first = _line_start(doc, first, start)
    for i in range(max(first, 1), start):
        # A spaced dash ends a dateline or a headline: "BERLIN - German Chancellor X".
        spaced = bool(doc[i].whitespace_ and doc[i - 1].whitespace_)
        if doc[i].text in {"-", "–", "—", "--"} and spaced:
            first = i + 1
    while first < start and (doc[first].is_punct or doc[first].pos_ == "DET"):
        first += 1
    # (words another mention took end the title: "Bree President Romendacil" when the tagger
    # made "Bree" a name of its own)
    first = max([first, *(i + 1 for i in range(first, start) if taken[i])])
    premods = doc[first:start]
    if start - 2 >= first and doc[start - 2].ent_type_ and _pair_first(doc[start - 2:start - 1]):
        premods = doc[start:start]  # "EU-China": the other side of a pair, no title
    if (
        premods
        and not any(taken[i] for i in range(premods.start, premods.end))
        and all(not t.is_punct or t.text in {"'s", "’s", "-"} for t in premods)
    ):
        attrs = describe(premods)
        if attrs.roles or attrs.country or attrs.affiliation or attrs.sector:
            mention.attrs.update(attrs)
            start = first
    title = root.head if root.dep_ == "conj" else None
    if (mention.kind == "person" and title is not None and title.i < start
            and _is_title_noun(title) and not any(
                c.dep_ in {"det", "poss"} for c in title.children)
            and doc[title.i + 1].lower_ == "and" and title.i + 2 == start
            and not any(taken[i] for i in range(title.left_edge.i, title.i + 1))):
        # "WeWork founder and former CEO Adam Neumann": a bare title joined to a titled name
        # by "and" is that person's too (the parser makes the name its conjunct)
        first = title.left_edge.i
        attrs = describe(doc[first : title.i + 1])
        mention.attrs.update(attrs)
        start = first
    if mention.kind not in {"country", "location"} and start != mention.span.start:
        mention.span = doc[start : mention.span.end]
        _take(taken, mention.span)


def _is_description_head(token: Token) -> bool:
    if token.pos_ == "NOUN":
        return True
    return token.pos_ == "PROPN" and (
        token.ent_type_ == "NORP" or _role_ending_at(token.doc, token.i, token.i) is not None
        or _is_demonym(token)
    )


def _is_demonym(token: Token) -> bool:
    """A people's name standing for one of them ("One Rohingya, Muhammad Amin", "an Afghan")."""
    return token.lower_ in lexicon().demonyms


def _add_appositions(mention: Mention, taken: list[bool]) -> None:
    """ "Musk, the founder of SpaceX" and "Egypt's foreign minister, Badr Abdelatty"."""
    if mention.kind not in {"person", "organization"}:
        return
    root = mention.span.root
    heads = [t for t in root.rights if t.dep_ == "appos" and _is_description_head(t)]
    if root.dep_ == "appos" and _is_description_head(root.head) and root.head.i < root.i:
        heads.append(root.head)
    doc, end = mention.span.doc, mention.span.end
    if not heads and mention.kind == "person" and end + 1 < len(doc) and doc[end].text == ",":
        # "The indictment against Zoran Milutinović, the 61-year-old leader of Republika
        # Srpska, was confirmed": the parser may hang the description that follows the name
        # on the noun before it
        heads += [t for t in doc[end + 1:min(end + 8, len(doc))] if t.dep_ == "appos"
                  and t.left_edge.i == end + 1 and t.head.i < mention.span.start
                  and _is_description_head(t)]
    for head in heads:
        span = _description_span(head, taken)
        if any(taken[i] for i in range(span.start, span.end)):
            continue
        attrs = describe(span, head)
        if not attrs.roles and mention.kind == "person" and not (
                attrs.country and _is_demonym(head)):
            continue  # ("Musk, a friend of Trump"; but "Amin, a Rohingya" is of Myanmar)
        mention.attrs.update(attrs)
        mention.extra.append(span)
        _take(taken, span)


_COPULAS = {"be", "become", "remain", "serve"}


def _add_predicates(mention: Mention, taken: list[bool]) -> None:
    """What a person is said to be: "Brnic, who became Serbian prime minister", "Brnic is the
    Serbian prime minister", "who serves as Serbia's prime minister". Only the facts are kept
    (the description stays where it is, free to be a mention of its own)."""
    if mention.kind != "person":
        return
    root = mention.span.root
    verbs = [t for t in root.rights if t.dep_ == "relcl" and t.lemma_ in _COPULAS]
    if root.dep_ == "nsubj" and root.head.lemma_ in _COPULAS:
        verbs.append(root.head)
    for verb in verbs:
        if verb.dep_ in {"ccomp", "parataxis"} and verb.head.lemma_ in lexicon().speech_verbs:
            continue  # '"Putin is a war criminal," Biden said': an opinion, not his role
        heads = [t for t in verb.rights if t.dep_ in {"attr", "oprd"}]
        heads += [
            c for p in verb.rights if p.lower_ == "as" for c in p.children if c.dep_ == "pobj"
        ]
        for head in heads:
            # the predicate itself must be a role: "a friend of the French president" is not
            if taken[head.i] or _role_ending_at(head.doc, head.i, 0) is None:
                continue
            attrs = describe(_description_span(head, taken), head)
            if attrs.roles and not (
                mention.attrs.country and attrs.country not in {None, mention.attrs.country}
            ):
                mention.attrs.update(attrs)


# --- descriptions ----------------------------------------------------------------------------


def describe(span: Span, head: Token | None = None) -> Attributes:
    """Country, sector, roles and affiliation stated by the words of ``span``.

    ``head`` is the role noun heading the phrase, if any; "of/at/from X" phrases attached to
    it add a country or an affiliation ("the founder of SpaceX", "officials in Moscow").
    """
    lex = lexicon()
    doc = span.doc
    attrs = Attributes()
    tokens = list(span)
    own = len(tokens)  # words of the phrase itself; the rest come from "of X" phrases
    if head is not None:
        preps = [p for p in head.rights if p.lower_ in {"of", "at", "from", "for", "in"}]
        if head.dep_ == "compound" and head.head.pos_ == "NOUN":
            # "an army base in northern Israel", "a police station in Kaduna": where the
            # thing the body's noun names stands is the body's country
            preps += [p for p in head.head.rights if p.lower_ in {"at", "in"}]
        for prep in preps:
            if prep.dep_ == "prep":
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        tokens += [t for t in _noun_phrase(obj) if t.i > head.i]
    owner: KnownName | None = None
    if head is not None:
        # "Canada's chargé d'affaires in New Delhi": a country owning the role is the role's,
        # before where it serves (the owner may be a mention of its own, outside the span)
        owners = [c for c in head.children if c.dep_ == "poss" and not span.start <= c.i < span.end]
        attrs.country = next((found for c in owners if (found := _token_country(c))), None)
        before = doc[head.i - 1] if head.i > 0 and head.i - 1 < span.start else None
        if (attrs.country is None and before is not None and before.ent_type_ == "GPE"
                and before.dep_ in {"dative", "dobj"} and head.dep_ == "dobj"
                and before.head.i == head.head.i):
            # "accused Kosovo police of ...", parsed as two objects: the name modifies
            attrs.country = _token_country(before)
        if attrs.country is None:
            # "Hezbollah's elite Radwan force": a body the lists know owning the unit names
            # its side
            owner = _known_owner(owners)
    role_sector: str | None = None
    unlisted_body = False  # the phrase names a body no list knows ("of the Farm Bureau")
    body_sector: str | None = owner.sector if owner is not None else None
    if owner is not None:
        attrs.country, attrs.affiliation = owner.country, owner.name
    head_sector: str | None = None
    modifier_sector: str | None = None  # a role word before the head ("rebel" leaders)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        in_phrase = i < own
        ent_known = known_name(token.text) if token.pos_ in {"PROPN", "NOUN", "ADJ"} else None
        ent_country = None
        if token.ent_type_ in {"ORG", "PERSON", "FAC", "NORP", "GPE", "LOC"} and (
                token.ent_iob_ == "B"):
            ent = _name_before(doc, token.i, head)
            if ent is not None:
                # (the name without its "'s": "the European Union's top court")
                trimmed = _trim(ent)
                ent_known = known_name((trimmed or ent).text) or ent_known
                if token.ent_type_ in {"GPE", "NORP", "LOC"} and len(ent) > 1:
                    ent_country = country_of(ent.text)  # "Ivory Coast rebels"
        if ent_known is not None:
            attrs.affiliation = attrs.affiliation or ent_known.name
            attrs.country = attrs.country or ent_known.country
            body_sector = body_sector or ent_known.sector
        elif _destination(token):
            pass  # "special envoy to Ukraine Kurt Volker": where an envoy serves, not whose
        elif ent_country or token.pos_ in {"PROPN", "ADJ", "NOUN"} and (
                ent_country := _token_country(token)):
            attrs.country = attrs.country or ent_country
        elif token.ent_type_ == "ORG" and token.ent_iob_ == "B":
            ent = _name_before(doc, token.i, head)
            if ent is not None and not all(t.is_lower for t in ent):
                # (a body's own name may say what it is: "the Ministry of Defence")
                kinds = [r for t in ent if (r := lex.roles.get(t.lemma_.lower())) is not None
                         and r.body and r.sector]
                media = not kinds and _outlet_name(ent)  # "of the Los Angeles Times"
                body_sector = body_sector or (kinds[0].sector if kinds else None) or (
                    "MED" if media else None)
                # (only after the role, "the president of X": "CPUC President Marybel
                # Batjer" may be of a state's body)
                unlisted_body = unlisted_body or (
                    attrs.affiliation is None and not kinds and not media and not in_phrase)
                attrs.affiliation = attrs.affiliation or ent.text
        if token.lemma_.lower() in lex.adjectives and token.pos_ in {"ADJ", "NOUN"}:
            body_sector = body_sector or lex.adjectives[token.lemma_.lower()]
        # (a common noun the tagger put in an organisation's name, "the foreign ministry", is
        # still a role noun)
        nominal = token.pos_ in {"NOUN", "PROPN"} and (
            token.ent_type_ not in {"ORG", "PERSON"} or token.is_lower) or (
            head is not None and token.i == head.i and (
                _holder_adjective(token) or token.ent_type_ == "ORG"))
        found = _role_ending_at(doc, token.i, tokens[0].i) if nominal else None
        if found is not None:
            lemma, role = found
            if role.body and head is not None and token.i == head.i and role.sector:
                head_sector = role.sector  # "the opposition party" is a party (PTY)
            elif role.body:
                body_sector = body_sector or role.sector
            elif in_phrase:
                attrs.roles.add(lemma)
                if head is None or token.i == head.i or role_sector is None:
                    role_sector = role.sector or role_sector
                if head is not None and token.i != head.i and lemma not in lex.generic_roles:
                    modifier_sector = modifier_sector or role.sector
        gender = lex.gender.get(token.lower_)
        if gender:
            attrs.gender = attrs.gender or gender
        i += 1
    generic = bool(attrs.roles) and attrs.roles <= lex.generic_roles
    first = doc[_first_word(span)] if own else None
    if head_sector in {"GOV", "MIL"} and body_sector == "IGO" and first is not None and (
            first.i + 1 < len(doc) and doc[first.i + 1].text != "-"
            and (known := known_name(first.text)) is not None and known.sector == "IGO"):
        # "the UN refugee agency", "the UN human rights office", "the UN peacekeeping force":
        # an organ of the international organisation the phrase begins with (not "the
        # UN-backed government"), and of no country where it serves ("in southern Lebanon")
        attrs.sector, attrs.country = "IGO", known.country
    elif head_sector:
        attrs.sector = head_sector
    elif body_sector == "IGO":
        attrs.sector = "IGO"  # "European Commission President ...": acts for the IGO
    elif generic and body_sector:
        attrs.sector = body_sector
    elif modifier_sector and head is not None and head.lemma_.lower() in lex.generic_roles:
        attrs.sector = modifier_sector  # "rebel leaders" lead rebels
    elif generic and role_sector == "LEG" and head is not None and any(
            c.dep_ == "poss" for c in head.children):
        # "Mourinho's representatives", "the company's representatives": agents of whoever owns
        # them, no legislators (the owner's body, when listed, gave its sector above)
        attrs.sector = body_sector
    elif (role_sector == "GOV" and body_sector in lex.private_sectors
          and attrs.roles & lex.heads and not attrs.roles - lex.heads - lex.generic_roles):
        # "the Muslim Student Association president", "president of an advertising agency":
        # the head of a school body or a firm, no office of state
        attrs.sector = body_sector
    else:
        attrs.sector = role_sector or body_sector
    if unlisted_body and not body_sector and attrs.sector == "GOV":
        # "the president of the American Farm Bureau": an officer of a body no list knows
        # holds no office of state
        attrs.sector = None
    if attrs.country is None and head is not None:
        # "the Bush administration": a listed leader's name before the head gives its country
        for left in head.lefts:
            ent = entity_at(doc, left.i) if left.ent_type_ == "PERSON" else None
            listed = people().find([ent.text]) if ent is not None else None
            if listed is not None and left.dep_ == "compound":
                attrs.country = listed.country
                break
    if attrs.country is None and head is not None:
        attrs.country = _world_region(head)
    return attrs


def _region_states(token: Token) -> tuple[str, Role] | None:
    """The states of a world region as one group, a role no list has ("Western countries",
    "Arab states", "smaller Asian nations", "Western partners"). Not states the story lists
    ("the only two Arab states - Egypt and Jordan -") or has listed ("accused the three
    European countries"): those are the states themselves."""
    lemma = token.lemma_.lower()
    if (lemma in lexicon().region_members and token.tag_ == "NNS"
            and not any(c.dep_ in {"det", "poss", "appos", "nummod"} for c in token.children)
            and _world_region(token) is not None):
        return lemma, Role(sector=None, body=False)
    return None


def _world_region(head: Token) -> str | None:
    """The CAMEO region code of a region adjective describing ``head`` ("Western governments",
    "Western and African envoys": WST), not one inside a name ("the West African States")."""
    regions = lexicon().world_regions
    doc = head.doc
    modifiers = [t for t in head.lefts if t.dep_ in {"amod", "compound", "nmod"}]
    modifiers += [c for t in modifiers for c in t.children if c.dep_ == "conj"]
    for modifier in modifiers:
        if not modifier.text[:1].isupper():
            continue  # "western Ukraine", "the western city": a direction
        ent = entity_at(doc, modifier.i)
        if ent is not None and (len(ent) > 2 or modifier.ent_type_ not in {"NORP", "LOC", "GPE"}):
            continue
        words = [modifier.lower_]
        if modifier.i > 0:  # "Latin American", "West African" (before "African")
            words.insert(0, f"{doc[modifier.i - 1].lower_} {modifier.lower_}")
        found = next((regions[w] for w in words if w in regions), None)
        if found is not None:
            return found
    return None


def _destination(token: Token) -> bool:
    """Whether ``token`` starts the "to X" of an envoy's title run into a name ("Ambassador to
    the EU Gordon Sondland", parsed as one phrase): the place served, not the person's own."""
    doc = token.doc
    before = token.i - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    return before >= 0 and doc[before].lower_ == "to" and doc[before].dep_ != "aux" and (
        before > 0 and doc[before - 1].lemma_.lower() in lexicon().envoys)


def _noun_phrase(token: Token) -> list[Token]:
    """``token`` with its left modifiers, and their own "of" phrase ("Israel's Mossad")."""
    left = [t for t in token.lefts if t.dep_ in _PREMOD_DEPS]
    start = min([t.left_edge.i for t in left] + [token.i])
    return list(token.doc[start : token.i + 1])


def _known_owner(owners: list[Token]) -> KnownName | None:
    """The data files' entry for the first organisation among the possessors ``owners``."""
    for owner in owners:
        if owner.ent_type_ != "ORG":
            continue
        ent = entity_at(owner.doc, owner.i)
        name = _trim(ent) if ent is not None else None
        known = known_name((name or owner).text)
        if known is not None:
            return known
    return None


def _token_country(token: Token) -> str | None:
    if token.ent_type_ not in {"GPE", "NORP"} and not token.text[:1].isupper():
        return None
    ent = None
    if token.ent_type_ in {"GPE", "NORP"}:
        ent = entity_at(token.doc, token.i)
    elif token.i > 0 and token.doc[token.i - 1].ent_type_ == "GPE":
        # "Burkina Faso's military authorities" with "Burkina" alone tagged
        ent = entity_at(token.doc, token.i - 1)
    if ent is not None:
        ent = _place_run_on(ent) or ent  # ("police in Novi Sad": "Novi" alone tagged)
    if ent is not None and ent.end > token.i:  # (an untagged word: when the name takes it)
        text = ent.text.removeprefix("the ").removeprefix("The ")
        found = country_of(text) or lexicon().capitals.get(text.lower())
        if found is None and token.ent_type_ != "NORP":
            found = town_country(text)  # "police in Sivas"
        return found
    found = country_word(token.text)
    if found is None and token.i + 1 < len(token.doc):
        # a two-word name the tagger left untagged ("the Sri Lankan navy")
        following = token.doc[token.i + 1]
        if following.text[:1].isupper():
            found = country_word(f"{token.text} {following.text}")
    return found


def entity_at(doc: Doc, index: int) -> Span | None:
    """The named entity covering token ``index``, found from its IOB tags (``doc.ents`` builds
    every entity of the document on each access)."""
    token = doc[index]
    if not token.ent_type_:
        return None
    start = index
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = index + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _name_before(doc: Doc, index: int, head: Token | None) -> Span | None:
    """The named entity at token ``index``, up to the role noun ``head`` when the tagger ran it
    on into the head ("the State Department Spokesperson": "State Department")."""
    ent = entity_at(doc, index)
    if ent is not None and head is not None and ent.start < head.i < ent.end:
        return doc[ent.start:head.i]
    return ent


def _person_role(doc: Doc, span: Span) -> bool:
    """Whether a name the tagger called an organisation ends in a person's role noun."""
    found = _role_ending_at(doc, span.end - 1, span.start)
    return found is not None and not found[1].body


def _ends_role(span: Span) -> bool:
    """Whether the span's words end a longer role noun ("Secretary of State", "Head of State")."""
    found = _role_ending_at(span.doc, span.end - 1, 0)
    return found is not None and len(found[0].split()) > len(span)


def _role_ending_at(doc: Doc, index: int, floor: int) -> tuple[str, Role] | None:
    """The longest role noun (possibly multiword) whose last word is token ``index``."""
    lex = lexicon()
    token = doc[index]
    last = _plural_acronym(token) or token.lemma_.lower()
    if last not in lex.role_ends and " " not in last and token.lower_ not in lex.roles:
        return None  # no role noun ends in this word: most nouns, answered without a loop
    first = max(index - lex.max_role_words + 1, floor, 0)
    before = [t.lower_ for t in doc[first:index]]  # the words of the longest window, once
    for size in range(lex.max_role_words, 0, -1):
        start = index - size + 1
        if start < floor or start < 0:
            continue
        words = [*before[start - first :], last]
        role = lex.roles.get(" ".join(words))
        if role is None and size == 1:
            role = lex.roles.get(token.lower_)
        if role is not None:
            return " ".join(words), role
    return None


def _plural_acronym(token: Token) -> str | None:
    """The singular of an acronym the tagger read as a plural name and left unlemmatised
    ("NGOs", "MPs": "ngo", "mp"), when a role ends in it."""
    if token.tag_ != "NNPS" or len(token.text) < 3 or not token.text.endswith("s") or not (
            token.text[:-1].isupper()):
        return None
    singular = token.lower_[:-1]
    return singular if singular in lexicon().role_ends else None


def _names_no_one(prep: Token) -> bool:
    """Whether an "of" phrase's object is a thing, not a name or a role ("of torture", "of
    fraud"; not "of the army", "of Hamas")."""
    lex = lexicon()
    return all(not obj.ent_type_ and obj.pos_ != "PROPN" and obj.lemma_.lower() not in lex.roles
               for obj in prep.children if obj.dep_ == "pobj")


def _description_span(head: Token, taken: list[bool] | None = None) -> Span:
    """The noun phrase of ``head`` up to the head, plus an "of X" phrase right after it.

    Words already in another mention are left out (the phrase is cut short instead).
    """
    doc = head.doc
    left = [t for t in head.lefts if t.dep_ in _PREMOD_DEPS and (t.pos_ != "VERB" or (
        # "Saudi-led coalition", "Vietnamese-led forces": led by that country's own
        t.lower_ == "led" and t.i > 1 and doc[t.i - 1].text == "-"))]
    start = min([t.left_edge.i for t in left] + [head.i])
    end = head.i + 1
    # the object of a verb of charging: an "of" phrase that names no one is the charge
    # ("accused the army of torture", "convicted the head of the ministry of fraud")
    charge_verbs = lexicon().charge_verbs
    charged = (head.dep_ == "dobj" or head.head.dep_ == "dobj") and (
        head.head.lemma_.lower() in charge_verbs or head.head.head.lemma_.lower() in charge_verbs)
    for prep in head.rights:
        # ("of" a noun: "the head of the army"; not a gerund, "accused the police of torturing
        # detainees", which says what they did)
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == end and any(
                c.dep_ == "pobj" for c in prep.children):
            if charged and _names_no_one(prep):
                break
            end = prep.right_edge.i + 1
            # (nor the gerund of a noun inside it: "the head of the police of ordering")
            end = min([g.i for g in prep.subtree if g.dep_ == "prep" and g.lower_ == "of"
                       and g.i > prep.i and (not any(c.dep_ == "pobj" for c in g.children)
                                             or charged and _names_no_one(g))]
                      + [end])
            break
    if taken is not None:
        if any(taken[i] for i in range(head.i + 1, end)):
            end = head.i + 1
        while start < head.i and any(taken[i] for i in range(start, head.i)):
            start += 1
        while start < head.i and (doc[start].is_punct or doc[start].tag_ == "POS"):
            start += 1
    start = _line_start(doc, start, head.i)
    while start < head.i and (
        doc[start].is_punct or doc[start].dep_ == "cc" or doc[start].pos_ in {"VERB", "AUX", "ADP"}
        or doc[start].tag_ in {"VB", "VBP", "VBD", "VBZ"}  # "and expel Pakistani advisers"
    ):
        start += 1
    return doc[start:end]


def _descriptions(doc: Doc, taken: list[bool]) -> list[Mention]:
    found: list[Mention] = []
    for token in doc:
        if (token.pos_ not in {"NOUN", "PROPN"} and not _holder_adjective(token)) or taken[
            token.i
        ] or token.ent_type_ in {
            "PERSON", "GPE", "DATE", "TIME", "MONEY", "CARDINAL", "PERCENT"
        } or (token.ent_type_ == "NORP" and token.pos_ != "NOUN"):  # fmt: skip
            # (a common noun the tagger took for a people is still a role: "Militants
            # rammed a truck into the gate")
            continue
        if token.dep_ in {"compound", "amod", "nmod"} and token.head.i > token.i and not (
                _stands_for_body(token.head)):
            continue  # a modifier ("news" in "news agency", "police" in "police officer")
        if token.pos_ == "PROPN" and token.ent_type_ == "ORG" and _owner_name(doc, token.i):
            continue  # "The European Union's top court": a name owning the body, no body
        found_role = _role_ending_at(doc, token.i, max(0, token.i - 4)) or _region_states(token)
        if found_role is None:
            continue
        lemma, role = found_role
        if _predicative(token):
            continue  # "praised him as an outstanding person": says what, not who
        if role.body and any(c.dep_ == "compound" and c.lemma_.lower()
                             in lexicon().not_body_modifiers for c in token.children):
            continue  # "the Gush Etzion settlement bloc": a place, no body
        determiners = {t.lower_ for t in token.lefts if t.dep_ in {"det", "poss"}}
        if (role.body and lemma in lexicon().stance_bodies and token.dep_ != "compound"
                and not determiners):
            continue  # "because of opposition from Hungary": a stance, no body
        span = _description_span(token, taken)
        attrs = describe(span, token)
        plural = token.tag_ in {"NNS", "NNPS"} or "Plur" in token.morph.get("Number")
        # The article may hang off a modifier ("the SpaceX founder"): read the phrase's first word.
        definite = (
            bool(determiners & _DEFINITE)
            or span[0].lower_ in _DEFINITE
            or any(t.dep_ == "poss" for t in token.lefts)
        )
        if determiners & {"every", "each", "any", "no"}:
            continue  # "every student": nobody in particular
        possessor = next((t for t in token.lefts if t.dep_ == "poss"), None)
        vague = not (definite or attrs.country or attrs.affiliation)
        # "police" is plural in form only: like "the police", it names one institution
        many = plural and (token.lemma_.lower() != token.lower_
                           or _plural_acronym(token) is not None)
        if role.body and many and vague and (role.person_too
                                             or lemma in lexicon().collective_bodies):
            # "regulators": officials, no body; "rights groups": a group of such bodies
            role = Role(sector=role.sector, body=False)
        if role.body and (
            many and vague or possessor is not None and possessor.tag_ in {"PRP$", "WP$"}
        ):
            continue  # "state agencies", "its website": not one particular institution
        # "a police crackdown", "army positions", "police cars": the body that runs the
        # operation or holds the place or craft, however the phrase is determined
        operating = token.dep_ in {"compound", "amod", "nmod"} and token.head.i > token.i and (
            _stands_for_body(token.head))
        indefinite_one = not plural and not definite and not operating
        if (role.body and indefinite_one and not determiners and token.is_lower
                and not (attrs.country or attrs.affiliation)):
            continue  # "excessive force", "government has a duty": a mass noun, no body
        # "Chinese coast guard ships blocked ...": the craft's place in the clause is the body's
        first = token.head if token.dep_ == "compound" and token.head.i > token.i else token
        # "lawmakers and a bishop protested": a coordinated subject is one too
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        # (a passive's doer is one too: "convicted by a Brazilian court")
        subject = first.dep_ in {"nsubj", "nsubjpass", "agent"} or (
            first.dep_ == "pobj" and first.head.dep_ == "agent")
        # (so is a person of a role acted on: "arrested an activist", "detained a journalist";
        # not a role-less noun: "provides a source of pressure")
        patient = role.sector is not None and (
            not role.body and first.dep_ in {"dobj", "dative"} and first.head.pos_ == "VERB"
            # (and a body a verb's act is aimed at: "opened fire on a border patrol")
            or first.dep_ == "pobj" and first.head.lower_ in {"on", "at", "against"}
            and first.head.head.pos_ == "VERB")
        if (
            indefinite_one
            and not (subject or patient)
            and not (attrs.country or attrs.affiliation)
        ):
            continue  # "a war criminal's propaganda": a description, not a new actor
        kind = "organization" if role.body else "group" if plural else "person"
        mention = Mention(span, kind, key=lemma, attrs=attrs, plural=plural, definite=definite)
        mention.label = _phrase_text(token, span)
        _take(taken, span)
        found.append(mention)
    return found


def _owner_name(doc: Doc, index: int) -> bool:
    """Whether token ``index`` is in a name that owns what follows ("the EU's top court")."""
    entity = entity_at(doc, index)
    return entity is not None and entity.root.dep_ == "poss"


def _stands_for_body(thing: Token) -> bool:
    """Whether a body's name before ``thing`` makes the body an actor of its own: a craft,
    an operation or a place it holds (roles.yaml ``platforms``, ``operations``, ``premises``)."""
    lemma, lex = thing.lemma_.lower(), lexicon()
    return lemma in lex.platforms or lemma in lex.operations or lemma in lex.premises


def _holder_adjective(token: Token) -> bool:
    """A body's name the tagger read as an adjective before a place it holds ("rebel
    strongholds", "military targets"); not before an act ("a military offensive" is the
    subject's, however it is described)."""
    return token.pos_ == "ADJ" and token.dep_ == "amod" and token.head.i > token.i and (
        token.head.lemma_.lower() in lexicon().premises)


def _predicative(token: Token) -> bool:
    if token.dep_ in {"attr", "oprd", "acomp"}:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in {"as", "like"}


def _phrase_text(head: Token, span: Span) -> str:
    """A name for a described actor: the phrase without its article ("Zelensky's office")."""
    doc = head.doc
    left = [t for t in head.lefts if t.dep_ in _PREMOD_DEPS and t.pos_ != "VERB"]
    start = _line_start(doc, min([t.left_edge.i for t in left] + [span.start]), head.i)
    while start < head.i and (
        doc[start].lower_ in {"the", "a", "an"}
        or doc[start].is_punct
        or doc[start].dep_ == "cc"
        or doc[start].pos_ in {"VERB", "AUX", "ADP"}
    ):
        start += 1
    return doc[start : max(span.end, head.i + 1)].text


# --- pronouns --------------------------------------------------------------------------------


def _pronouns(doc: Doc, taken: list[bool]) -> list[Mention]:
    found = []
    for token in doc:
        if taken[token.i] or token.pos_ != "PRON":
            continue
        lower = token.lower_
        gender = _PERSON_PRONOUNS.get(lower)
        if gender is None and lower not in _PLURAL_PRONOUNS:
            continue
        kind = "person" if gender else "group"
        mention = Mention(
            doc[token.i : token.i + 1],
            kind,
            key=lower,
            pronoun=gender or "pl",
            plural=gender is None,
        )
        found.append(mention)
    return found


# how long an acronym a text defines in brackets may be ("(MPP)", "(AIVD)", "(OHCHR)")
_ACRONYM_LETTERS = range(2, 7)


def _defined_acronyms(doc: Doc, taken: list[bool], named: list[Mention]) -> list[Mention]:
    """An acronym the text defines in brackets after a body's name ("the Mongolian People's
    Party (MPP)"), there and wherever else it stands alone ("The MPP dismissed the claims"),
    when the tagger left it out: the same body (the clustering joins it to the name)."""
    defined: dict[str, Mention] = {}
    for body in sorted((m for m in named if m.kind == "organization"),
                       key=lambda m: m.span.start):
        i = body.span.end + 1  # the word after the bracket that follows the name
        if i < len(doc) and doc[i - 1].text == "(" and not taken[i]:
            text = doc[i].text
            if text.isupper() and text.isalpha() and len(text) in _ACRONYM_LETTERS:
                defined.setdefault(text, body)
    if not defined:
        return []  # (most documents: no pass over their words)
    found = []
    for token in doc:
        body = defined.get(token.text)
        if body is not None and not taken[token.i]:
            taken[token.i] = True
            found.append(Mention(doc[token.i:token.i + 1], "organization", named=True,
                                 key=token.text, attrs=replace(body.attrs)))
    return found


def _line_start(doc: Doc, start: int, anchor: int) -> int:
    """Move ``start`` right so that doc[start:anchor] does not cross a line break."""
    for i in range(anchor - 1, start - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            return i + 1
    return start


def _take(taken: list[bool], span: Span) -> None:
    for i in range(span.start, span.end):
        taken[i] = True
