"""Merge actor mentions into actors within one document and resolve pronouns.

Order of work, one pass each, all in text order:

1. names: a name joins an earlier actor with the same name, a surname joins the full name
   ("Putin" -> "Vladimir Putin"), an acronym joins its long form ("NATO");
2. descriptions: a definite singular description ("the Russian president", "the SpaceX
   founder") joins the most recently mentioned actor whose roles, country and organisation fit;
   plural groups with the same country and role merge ("Ukrainian officials");
3. pronouns: he/she/his/her join the most salient compatible person in the same or the two
   previous sentences (subjects first), only when no other candidate is about as likely; with
   nobody that near, the one person mentioned in the last five sentences, if there is only
   one. "they" joins a group that was the subject of this or the previous sentence, when no
   other group is as likely. Pronouns inside quotation marks are left alone (they speak from
   the speaker's point of view);
4. countries: an actor with a state role and no country of its own (from any of its mentions:
   "Vucic, the Serbian president") takes a wire dateline's country ("BELGRADE, March 16
   (Reuters) -") or, failing that, the only country the text names, unless that country is
   only its counterpart ("Lavrov said talks with Washington were useful"); otherwise none.
   Before that, a well-known person whom the text gives no country ("Lavrov said") takes the
   country and sector of ``people.yaml``.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventwire.nlp.doctext import paragraphs
from eventwire.nlp.kb import ActorKB, load_kb
from eventwire.nlp.lexicon import country_of, is_world_region, known_name, lexicon
from eventwire.nlp.mentions import Mention, dateline_country, dateline_end, find_mentions
from eventwire.nlp.people import Term
from eventwire.nlp.towns import town_country

_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "agent"}
_OBJECT_DEPS = {"dobj", "dative", "iobj", "attr", "oprd"}
_PRONOUN_WINDOW = 2  # sentences back
_LEDE_SENTENCES = 3  # the opening sentences, which may describe someone before naming them
_PRONOUN_FAR_WINDOW = 5  # sentences back, when only one person is in reach at all
_PRONOUN_MARGIN = 1.0  # how much better the best antecedent must score than the next one
_QUOTES_OPEN = {'"', "“", "«", "„", "「", "『"}
_QUOTES_CLOSE = {'"', "”", "»", "“", "」", "』"}  # „German“ closes with “
_OWNER_STOP = {"the", "s", "of", "a", "an"}  # words of an owner's phrase that name nobody
_NAME_PARTICLES = {"al", "el", "de", "van", "von", "bin", "da", "di", "der", "le", "la"}


@dataclass
class ActorCluster:
    """Mentions of one actor in one document, with what the text says about it.

    ``id`` is the actor's id in the output ("A1", ...). Later stages find the actor behind a
    token with :func:`eventwire.nlp.components.actor_at`; mentions include names, descriptions
    ("the Russian president") and resolved pronouns ("he"), sorted by position.
    """

    id: str
    kind: str
    name: str
    mentions: list[Span] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    gender: str | None = None  # "m" | "f" when names, titles or pronouns say so
    roles: set[str] = field(default_factory=set)  # role nouns used for it ("president")
    affiliation: str | None = None  # the organisation it belongs to ("SpaceX")
    named: bool = False  # whether any mention is a proper name
    kb_id: str | None = None  # the knowledge-base entry it was found as ("kb:vladimir-putin")
    kb_code: str | None = None  # a fuller CAMEO code the KB gives ("IGOUNO", "NGOHRIAMN")
    # the country was passed on from other actors or the sentence, not said of it ("12
    # civilians" in a sentence naming Russia): a guess later stages may correct
    country_derived: bool = False

    @property
    def state(self) -> str | None:
        """The country when it is one state's, not a world region's ("Western governments":
        WST)."""
        return None if is_world_region(self.country) else self.country

    @property
    def code(self) -> str | None:
        """CAMEO actor code: country + sector ("RUSGOV"), the country alone, or the sector."""
        if self.kind == "location":
            return None
        if self.kb_code and not self.country:
            return self.kb_code
        return (self.country or "") + (self.sector or "") or None


def add_actor(doc: Doc, **fields: object) -> ActorCluster:
    """A new actor of ``doc`` made by a later stage (a speaker the actors stage missed, the
    police an agentless arrest implies), numbered after the existing ones and appended to
    ``doc._.actors``."""
    actors = list(doc._.actors or [])
    number = max((int(c.id[1:]) for c in actors if c.id[1:].isdigit()), default=0) + 1
    cluster = ActorCluster(id=f"A{number}", **fields)  # type: ignore[arg-type]
    doc._.actors = [*actors, cluster]
    return cluster


@dataclass
class _Links:
    """Pronoun -> antecedent mention pairs, for evaluation and debugging."""

    pairs: list[tuple[Span, Span]] = field(default_factory=list)


def resolve_actors(
    doc: Doc, kb: ActorKB | None = None
) -> tuple[list[ActorCluster], list[tuple[Span, Span]]]:
    """Actors of ``doc`` and the (pronoun, antecedent) links that were made."""
    mentions = find_mentions(doc)
    sentence_of = _sentence_numbers(doc)
    clusters: list[_Work] = []
    owner: dict[int, _Work] = {}  # id(mention) -> cluster
    # Names first, over the whole document, so that descriptions can refer to a name that the
    # headline only describes ("The Russian leader ..." before "President Vladimir Putin").
    for mention in mentions:
        if mention.named:
            _place(mention, _match_name(mention, clusters), clusters, owner)
    for mention, cluster in _untagged_surnames(doc, mentions, clusters):
        _place(mention, cluster, clusters, owner)
        mentions.append(mention)
    mentions.sort(key=lambda m: m.span.start)
    kb = kb if kb is not None else load_kb()
    year = _publication_year(doc)
    listed = _listed_terms(clusters, year, kb)
    _listed_titles(clusters, year, listed)
    for mention in mentions:
        if not mention.named and mention.pronoun is None:
            _place(mention, _match(mention, clusters, sentence_of), clusters, owner)
    links = _resolve_pronouns(doc, mentions, owner, sentence_of)
    _pronoun_owners(mentions, owner, sentence_of)
    _known_people(clusters, listed)
    _known_actors(clusters, kb, doc.user_data.get("published"))
    _affiliations(clusters, kb, doc.user_data.get("published"))
    _named_after_place(clusters)
    dateline = dateline_country(doc)
    if dateline is not None and _filed_from_abroad(
            clusters, dateline, dateline_end(doc) or 0, sentence_of):
        dateline = None  # (the reporter's seat, not the story's country)
    if dateline is not None:
        _dateline_country(clusters, dateline, sentence_of)
    _home_country(clusters, dateline, sentence_of)
    clusters = _merge_places(clusters)
    _state_names(clusters)
    _usual_countries(clusters, members_only=True)
    _owners_country(clusters)
    _sentence_country(clusters, sentence_of)
    _capital_country(clusters, sentence_of)
    _nearby_country(clusters, doc, sentence_of)
    _article_country(clusters, dateline, sentence_of)
    _usual_countries(clusters)
    _leading_country(clusters, dateline, sentence_of)
    clusters.sort(key=lambda c: min(m.span.start for m in c.mentions))
    return [c.finish(f"A{n}") for n, c in enumerate(clusters, start=1)], links


def _untagged_surnames(
    doc: Doc, mentions: list[Mention], clusters: list[_Work]
) -> list[tuple[Mention, _Work]]:
    """Surnames the tagger left unlabelled ("Dubois was more cautious") after the full name
    ("President Claire Dubois") was found: one mention each, of the one person so named."""
    by_surname: dict[str, list[_Work]] = {}
    for cluster in clusters:
        if cluster.kind == "person":
            for surname in cluster.surnames:
                by_surname.setdefault(surname.lower(), []).append(cluster)
    covered = {i for m in mentions for i in range(m.span.start, m.span.end)}
    found = []
    for token in doc:
        owners = by_surname.get(token.lower_, [])
        if (
            len(owners) == 1
            and token.i not in covered
            and token.pos_ == "PROPN"
            and not token.ent_type_
            and token.dep_ != "compound"
            and not any(c.dep_ == "compound" for c in token.children)
        ):
            mention = Mention(doc[token.i : token.i + 1], "person", named=True, key=token.text)
            found.append((mention, owners[0]))
    return found


def _usual_countries(clusters: list[_Work], members_only: bool = False) -> None:
    """A bare name still without a country ("the Supreme Court", "Democrats") means what it
    usually does when the story names that country, or no country of its own at all.

    ``members_only``: only people and groups described by such a name ("a Republican aide",
    "Democratic senators"): run before the story's home is given out, as a party's members
    are more surely the party's country's than a bare "Supreme Court" is."""
    named = {c.state for c in clusters if c.state and not c.derived}
    for cluster in clusters:
        if members_only and (cluster.known is not None or cluster.named):
            continue
        usual = cluster.usual_country
        if cluster.country is None and usual and (usual in named or not named):
            cluster.country = usual


def _filed_from_abroad(clusters: list[_Work], home: str, body_start: int,
                       sentence_of: list[int]) -> bool:
    """Whether a story's dateline only says where the reporter sits: its first sentence names
    another country and the text after the dateline never names the dateline's ("CAIRO (AP) -
    A drone slammed into the main hospital in the besieged Sudanese city of El Fasher ... the
    military rejected that account": Sudan's military, not Egypt's)."""
    if body_start >= len(sentence_of):
        return False
    lede = sentence_of[body_start]
    named = [(c.state, sentence_of[m.span.start]) for c in clusters if c.state
             for m in c.mentions if m.pronoun is None and m.span.start >= body_start]
    return (any(country != home and sentence == lede for country, sentence in named)
            and all(country != home for country, _sentence in named))


def _dateline_country(clusters: list[_Work], home: str, sentence_of: list[int]) -> None:
    """A story filed from a capital ("BELGRADE, March 16 (Reuters) -") introduces that state's
    officials and bodies by title alone: an actor with a state role and no stated country gets
    the dateline's country, unless another country is named earlier in the sentence that
    introduces it ("Zelensky said Defence Minister Umerov would ..." filed from Moscow) or,
    for unnamed groups ("two officials", "the mediators"), in the sentence before."""
    # (a country the sentence names as a counterpart does not make the official its own:
    # "HONIARA - Solomon Islands has signed an agreement with China, Prime Minister Derek
    # Kwaiga announced")
    foreign = [
        m.span.start
        for c in clusters
        if c.state and c.state != home
        for m in c.mentions
        if m.pronoun is None and not _dealt_with(m.span)
    ]
    for cluster in clusters:
        if cluster.country or cluster.sector not in lexicon().home_state_sectors or cluster.fixed:
            continue
        first = cluster.first_named
        here = sentence_of[first]
        context = {here - 1, here} if cluster.kind == "group" else {here}
        if not any(sentence_of[other] in context and other < first for other in foreign):
            cluster.pass_on(home)


def _home_country(clusters: list[_Work], dateline: str | None, sentence_of: list[int]) -> None:
    """An official or body with a domestic role but no stated country ("the police", "rebels",
    "President Aliyev") belongs, in a text that names exactly one country, to that country.
    A dateline names a country too.

    Unless that country is the actor's counterpart rather than its home: "Foreign Minister
    Lavrov said talks with Washington were useful" names one country, the one Lavrov talks to.
    """
    countries = {c.state for c in clusters if c.state} | ({dateline} - {None})
    if len(countries) != 1:
        return
    (home,) = countries
    _give_home(clusters, home, dateline, sentence_of)


def _give_home(clusters: list[_Work], home: str, dateline: str | None,
               sentence_of: list[int]) -> None:
    """Give ``home`` to each official or body with a domestic role and no country, unless it
    serves abroad or, without a dateline naming ``home``, the text makes ``home`` its
    counterpart (:func:`_is_home`)."""
    for cluster in clusters:
        if (
            cluster.country is None
            and cluster.sector in lexicon().domestic_sectors
            and not cluster.fixed
            and not cluster.roles & lexicon().envoys
            and not _abroad(cluster)
            and (home == dateline or _is_home(cluster, home, clusters, sentence_of))
        ):
            cluster.pass_on(home)


def _merge_places(clusters: list[_Work]) -> list[_Work]:
    """One actor per place name: "Kyiv" the city where something happens and "Kyiv" the
    government that acts are one entity, kept as the acting one (its country and sector)."""
    acting = {name: c for c in clusters if c.kind == "country" for name in c.names}
    kept = []
    for cluster in clusters:
        other = next((acting[n] for n in cluster.names if n in acting), None)
        if cluster.kind == "location" and other is not None and other is not cluster:
            other.mentions = sorted([*other.mentions, *cluster.mentions],
                                    key=lambda m: m.span.start)
            continue
        kept.append(cluster)
    return kept


def _state_names(clusters: list[_Work]) -> None:
    """A country's name that is also the name of a state of the country the story is about
    ("Georgia prosecutors" in a story of Americans) stands for that state: every actor coded
    with the first country only through that name takes the second (places.yaml
    ``state_names``)."""
    lex = lexicon()
    for name, owner in lex.state_names.items():
        country = country_of(name)
        holders = [c for c in clusters if c.country == country] if country else []
        if not holders:
            continue
        # named only as the state: each holder has the name in a mention, none another word
        # of the country ("Georgian", "Tbilisi")
        if not all(any(name in m.span.text.lower() for m in c.mentions) for c in holders):
            continue
        if any(country_of(m.span.text) == country and name not in m.span.text.lower()
               for c in holders for m in c.mentions) or any(
                c.roles & lex.national_roles for c in holders):
            continue
        others = Counter(c.state for c in clusters if c.state and c.state != country)
        if not others or others.most_common(1)[0][0] != owner:
            continue
        # and one of them holds an office of a state ("Georgia prosecutors")
        if not any(c.roles & lex.state_roles for c in holders):
            continue
        for cluster in holders:
            cluster.country = owner
            if cluster.kind == "country":
                cluster.kind = "location"


def _owners_country(clusters: list[_Work]) -> None:
    """A body or person known only through its owner takes the owner's country: "Zelensky's
    office" is Ukrainian, "the ministry's spokesman" is the ministry's."""
    cluster_at = {i: c for c in clusters for m in c.mentions if m.pronoun is None
                  for i in range(m.span.start, m.span.end)}
    for cluster in clusters:
        if cluster.country or cluster.kind in {"location", "country"}:
            continue
        for mention in cluster.mentions:
            if mention.pronoun is not None:
                continue
            root = mention.span.root
            owners = [c for c in root.children if c.dep_ == "poss"]
            owners += [g for c in root.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"]
            found = next((cluster_at[o.i] for o in owners if o.i in cluster_at
                          and cluster_at[o.i] is not cluster and cluster_at[o.i].country), None)
            if found is not None:
                cluster.pass_on(found.country)
                break
            state = next((_state_before(clusters, o.i) for o in owners
                          if o.lemma_.lower() in lexicon().state_nouns
                          and any(d.lower_ in {"the", "this"} for d in o.children)), None)
            if state is not None:
                cluster.pass_on(state)  # "the country's military": the state named before
                break


def _state_before(clusters: list[_Work], index: int) -> str | None:
    """The country of the state named last before token ``index``."""
    named = [(m.span.start, c.country) for c in clusters if c.kind == "country" and c.country
             for m in c.mentions if m.pronoun is None and m.span.start < index]
    return max(named)[1] if named else None


def _sentence_country(clusters: list[_Work], sentence_of: list[int]) -> None:
    """A national body or group with no country ("called on the administration", "the
    committee") first named in a sentence whose other coded actors all belong to one country
    is that country's: "In Washington, Senator Whitfield called on the administration"."""
    by_sentence: dict[int, list[tuple[str, int]]] = {}  # sentence -> (country, token)
    for cluster in clusters:
        # (an envoy serves abroad: "the British ambassador was called to the foreign ministry"
        # names no ministry's country)
        if (cluster.state and cluster.kind != "location"
                and not cluster.roles & lexicon().envoys):
            for mention in cluster.mentions:
                if mention.pronoun is None and _is_counterpart(mention.span):
                    continue  # "the ministry proposed sanctions against Iran": the other side
                if mention.pronoun is None and mention.span.root.dep_ == "amod":
                    continue  # "chanting 'No to the Russian law!'": a thing's country
                by_sentence.setdefault(sentence_of[mention.span.start], []).append(
                    (cluster.state, mention.span.root.i))
    for cluster in clusters:
        if (cluster.country is not None or cluster.kind not in {"organization", "group"}
                or cluster.sector not in lexicon().domestic_sectors or cluster.fixed
                or cluster.roles & lexicon().envoys):
            continue
        first = cluster.first_named
        if first is None:
            continue
        root = next(m for m in cluster.mentions if m.span.start == first).span.root
        if _deep_in_phrases(root):
            continue
        said = _said_by(root)
        around = {country for country, i in by_sentence.get(sentence_of[first], [])
                  if i not in said}
        if len(around) == 1:
            cluster.pass_on(next(iter(around)))


def _deep_in_phrases(root: Token) -> bool:
    """Whether a mention (its ``root``) sits two or more prepositional phrases down from its
    clause ("raised concerns about the direction of the junta's policies"): what the speakers
    talk about, not one of their own."""
    token, preps = root, 0
    while token.dep_ in {"poss", "pobj", "prep", "compound", "amod"} and token.head.i != token.i:
        preps += token.dep_ == "prep"
        token = token.head
    return preps >= 2


def _said_by(root: Token) -> set[int]:
    """The tokens of what a mention (its ``root``) says, as the subject of a verb of claiming
    with a clause ("Prosecutors allege the two officers belong to a unit of the GRU";
    roles.yaml ``claim_verbs``): whose country that clause names is not the speaker's."""
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in lexicon().claim_verbs:
        return set()
    return {t.i for c in root.head.children if c.dep_ == "ccomp" for t in c.subtree}


def _capital_country(clusters: list[_Work], sentence_of: list[int]) -> None:
    """An official of no stated country whom the sentence introducing them places in one
    capital ("Defence Minister Chen Kuo-hua told reporters in Taipei", "In Kyiv, Foreign
    Minister Oleksandr Danylenko accused Budapest") is that state's."""
    capitals = lexicon().capitals
    in_capital: dict[int, set[str]] = {}  # sentence -> countries of the capitals it is "in"
    for cluster in clusters:
        for mention in cluster.mentions:
            root = mention.span.root
            country = capitals.get(mention.span.text.lower())
            if (country is not None and mention.pronoun is None and root.dep_ == "pobj"
                    and root.head.lower_ == "in"):
                in_capital.setdefault(sentence_of[mention.span.start], set()).add(country)
    for cluster in clusters:
        if (cluster.country is not None or cluster.kind != "person" or cluster.fixed
                or cluster.sector not in lexicon().home_state_sectors
                or cluster.roles & lexicon().envoys):
            continue
        first = cluster.first_named
        found = in_capital.get(sentence_of[first], set()) if first is not None else set()
        if len(found) == 1:
            cluster.pass_on(next(iter(found)))


# A story's own country must dominate what it names: this many mentions at least, and this
# many times as many as the next country.
_ARTICLE_COUNTRY_MENTIONS = 3
_ARTICLE_COUNTRY_LEAD = 2.0


def _coded_mentions(clusters: list[_Work], sentence_of: list[int]
                    ) -> Iterator[tuple[int, str, Mention]]:
    """(sentence, country, mention) for each mention, pronouns left out, of an actor coded
    with a country."""
    for cluster in clusters:
        if not cluster.state or len(cluster.state) != 3 or not cluster.state.isupper():
            continue
        for mention in cluster.mentions:
            if mention.pronoun is None:
                yield sentence_of[mention.span.start], cluster.state, mention


def _country_weights(clusters: list[_Work]) -> list[tuple[str, int]]:
    """The countries the actors' own words give, most mentioned first, with their mentions
    (pronouns left out). Countries passed on from another actor do not count: that actor
    would count twice (a party's wrong country would spread to all its members)."""
    weight: dict[str, int] = {}
    for cluster in clusters:
        if (cluster.state and len(cluster.state) == 3 and cluster.state.isupper()
                and not cluster.derived):
            weight[cluster.state] = weight.get(cluster.state, 0) + sum(
                1 for m in cluster.mentions if m.pronoun is None)
    return sorted(weight.items(), key=lambda kv: -kv[1])


def _article_country(clusters: list[_Work], dateline: str | None,
                     sentence_of: list[int]) -> None:
    """A national body or official with no country ("the administration", "lawmakers", "the
    police") in an undatelined story that is plainly about one country (most of the coded
    mentions belong to it) is that country's; and in any story plainly about one country (filed
    from it, if datelined), so are the people and bodies no list knows. Envoys and actors the
    text places abroad are left alone."""
    ranked = _country_weights(clusters)
    if ranked and ranked[0][1] >= _ARTICLE_COUNTRY_MENTIONS and (
            len(ranked) == 1 or ranked[0][1] >= _ARTICLE_COUNTRY_LEAD * ranked[1][1]):
        home = ranked[0][0]
        if dateline is not None and dateline != home:
            return  # filed from one country about another: no home to give
        if dateline is None:
            # (with a dateline, its country was given where the text allows:
            # _dateline_country)
            _give_home(clusters, home, dateline, sentence_of)
        # People and bodies no list knows, named with no country or role ("Cory Booker",
        # "Costco"), are, in a story about one country, mostly that country's; and so are
        # the people it only describes ("doctors", "voters", "a bishop").
        for cluster in clusters:
            if (_unlisted_and_uncoded(cluster) and cluster.sector not in {"IGO", "NGO"}
                    and _is_home(cluster, home, clusters, sentence_of)):
                cluster.pass_on(home)


def _leading_country(clusters: list[_Work], dateline: str | None,
                      sentence_of: list[int]) -> None:
    """The people, bodies and groups every rule before left without a country, in a story
    whose actors name one country more than any other (at least ``_ARTICLE_COUNTRY_MENTIONS``
    times, and not filed from another): that country, where it can be their home
    (:func:`_is_home`). A story about a trade war names both sides often, but its "businesses",
    "analysts" and "Phil Levy, an economist" are mostly the country it is written from and
    about; annotators give them its country rather than none. Bodies of several states and
    envoys are left alone."""
    ranked = _country_weights(clusters)
    if not ranked or ranked[0][1] < _ARTICLE_COUNTRY_MENTIONS:
        return
    if len(ranked) > 1 and ranked[0][1] <= ranked[1][1]:
        return
    home = ranked[0][0]
    if dateline is not None and dateline != home:
        return
    # the countries of the actors named in each sentence: an actor first named beside one of
    # another country ("a Republican aide said ... in Congress") is left to no default
    named_in: dict[int, set[str]] = {}
    outlets = {id(m) for c in clusters if c.sector == "MED" for m in c.mentions}
    for sentence, country, mention in _coded_mentions(clusters, sentence_of):
        if id(mention) not in outlets:  # ("Li, a doctor, told the New York Times": no side)
            named_in.setdefault(sentence, set()).add(country)
    for cluster in clusters:
        first = cluster.first_named
        if first is None or named_in.get(sentence_of[first], set()) - {home}:
            continue
        if (_unlisted_and_uncoded(cluster) and cluster.sector != "IGO"
                and not _abroad(cluster) and _is_home(cluster, home, clusters, sentence_of)):
            cluster.pass_on(home)


def _unlisted_and_uncoded(cluster: _Work) -> bool:
    """Whether a story's own country may be given to the actor by default: no country yet, no
    list codes it, a person or body (or a group the text only describes, not "Democrats"), no
    envoy (who serves abroad) and no refugees (whose home is the country they left)."""
    return (cluster.country is None and not cluster.fixed
            and cluster.kind in {"person", "organization", "group"}
            and not (cluster.kind == "group" and cluster.named)
            and cluster.sector != "REF"
            and not cluster.roles & lexicon().envoys)


# How many sentences before an actor's first mention, within its paragraph, can give its home.
_NEARBY_SENTENCES = 2


def _nearby_country(clusters: list[_Work], doc: Doc, sentence_of: list[int]) -> None:
    """An unnamed domestic body or group the earlier rules left without a country takes the one
    country named around its first mention: its sentence and the two before it in the same
    paragraph.
    Stories about two countries ("Hong Kong police" in a story that also names Beijing)
    defeat the whole-article rules; the paragraph usually names only the one where it happens.
    A country named only as a counterpart ("talks with Washington") gives no home, and two
    countries in the window give none."""
    # the paragraph (line) each sentence starts in
    line_of = paragraphs(doc).of_token
    paragraph_of = [line_of[sent.start] for sent in doc.sents]
    named_in: dict[int, set[str]] = {}  # every country named in a sentence
    home_in: dict[int, set[str]] = {}  # those named as a place or a doer, not a counterpart
    for sentence, country, mention in _coded_mentions(clusters, sentence_of):
        named_in.setdefault(sentence, set()).add(country)
        # a country named as a place or a doer; not "Chinese tariffs" (a modifier of a thing)
        # nor "talks with Washington" (a counterpart)
        if (not _is_counterpart(mention.span)
                and mention.span.root.dep_ not in {"amod", "compound", "nmod", "poss"}):
            home_in.setdefault(sentence, set()).add(country)
    for cluster in clusters:
        # ("the chancellor": an official the text names by title alone)
        titled = cluster.kind == "person" and not cluster.named
        if (cluster.country is not None or cluster.sector not in lexicon().domestic_sectors
                or cluster.fixed or cluster.roles & lexicon().envoys
                or (cluster.named and cluster.usual_country is None)
                or (cluster.kind not in {"organization", "group"} and not titled)
                or _abroad(cluster)):
            continue  # a named official met by a foreign leader is not the leader's
        first = cluster.first_named
        if first is None:
            continue
        here = sentence_of[first]
        window = [s for s in range(here - _NEARBY_SENTENCES, here + 1)
                  if s >= 0 and paragraph_of[s] == paragraph_of[here]]
        around = set().union(*(named_in.get(s, set()) for s in window))
        homes = set().union(*(home_in.get(s, set()) for s in window))
        if len(around) == 1 and around == homes:
            cluster.pass_on(next(iter(around)))
        elif titled and len(homes) == 1:
            # "Germany arrested three people ... The chancellor, who visited Beijing, pressed
            # China": the one country named as a doer or a place, not the ones dealt with
            cluster.pass_on(next(iter(homes)))


# Prepositions whose object is where something happens, not whom it is done to or with.
_PLACE_PREPS = {"in", "at", "inside", "across", "throughout", "within", "around", "near", "of"}
# Where a country is what an actor deals with: object, indirect object, "with/to/against X".
_COUNTERPART_DEPS = {"dobj", "dative", "iobj", "pobj", "agent"}
_SHORT_TEXT = 2  # sentences: a one- or two-sentence text says little about anyone's home


def _abroad(cluster: _Work) -> bool:
    """Whether the text puts the group outside any one country ("foreign leaders")."""
    abroad = lexicon().abroad
    return any(t.lower_ in abroad for m in cluster.mentions if m.pronoun is None for t in m.span)


def _is_home(cluster: _Work, home: str, clusters: list[_Work], sentence_of: list[int]) -> bool:
    """Whether the one country a text names can be the home of ``cluster``.

    A mention of that country in one of the actor's own sentences is a counterpart when it is
    an object or an oblique ("talks with Washington", "flew to Japan", "sanctions against
    Iran"), and a home otherwise (a place: "police in Sivas"; a subject: "the minister said
    Kenya would send troops"). A short text gives the country only with home evidence; a
    longer one also when the country comes up outside the actor's sentences.
    """
    own = {sentence_of[m.span.start] for m in cluster.mentions}
    homes = counterparts = elsewhere = 0
    for other in clusters:
        if other.country != home or other is cluster:
            continue
        for mention in other.mentions:
            if mention.pronoun is not None:
                continue
            if sentence_of[mention.span.start] not in own:
                elsewhere += 1
            elif _is_counterpart(mention.span):
                counterparts += 1
            else:
                homes += 1
    if homes or not counterparts:
        return True
    return sentence_of[-1] + 1 > _SHORT_TEXT and elsewhere > 0


def _dealt_with(span: Span) -> bool:
    """Whether the mention is whom an act is done to or with ("an agreement with China",
    "sanctions against Iran"), not where someone comes from ("delegations from Sudan")."""
    root = _argument_root(span)
    if root.dep_ == "pobj":
        return root.head.lower_ in _DEALING_PREPS
    return root.dep_ in {"dobj", "dative", "iobj"}


def _argument_root(span: Span) -> Token:
    """The word by which a mention is an argument of its clause: its root, above the
    compounds, conjuncts and appositions it sits in ("talks with Russia and China")."""
    root = span.root
    while root.dep_ in {"compound", "conj", "appos"} and root.head.i != root.i:
        root = root.head
    return root


# Prepositions whose object is the other side of an act.
_DEALING_PREPS = {"with", "against", "to", "on", "toward", "towards"}


def _is_counterpart(span: Span) -> bool:
    root = _argument_root(span)
    if root.dep_ == "pobj":
        return root.head.lower_ not in _PLACE_PREPS
    return root.dep_ in _COUNTERPART_DEPS


def _listed_terms(clusters: list[_Work], year: int | None, kb: ActorKB) -> dict[int, Term]:
    """The listed term (``people.yaml``) of each named person, or organisation that may be a
    person the tagger called one ("Trump"), by ``id`` of the cluster: looked up once, before
    descriptions are matched, for :func:`_listed_titles` and :func:`_known_people` (the names
    they read do not change in between)."""
    terms = {}
    for cluster in clusters:
        if cluster.kind not in {"person", "organization"} or not cluster.names:
            continue
        if cluster.kind == "organization" and (cluster.sector or cluster.country or cluster.known):
            continue  # a named body, not a person the tagger called an organisation
        term = kb.people.find(cluster.names, year)
        if term is not None:
            terms[id(cluster)] = term
    return terms


def _listed_titles(clusters: list[_Work], year: int | None, listed: dict[int, Term]) -> None:
    """A listed person the text names without a title gets the post the list gives for the
    publication year ("Trump" in 2019: president), so that "the president" can stand for
    them; and the listed country, so that "the Ukrainian president" cannot. Only a post held
    in that year: a former president is not "the president"."""
    if year is None:
        return
    for cluster in clusters:
        term = listed.get(id(cluster))
        if cluster.roles or term is None or term.title is None or not term.covers(year):
            continue
        if cluster.country and term.country not in {None, cluster.country}:
            continue  # the text says another country: another person
        cluster.kind = "person"
        cluster.roles.add(term.title)
        cluster.country = cluster.country or term.country


def _known_people(clusters: list[_Work], listed: dict[int, Term]) -> None:
    """A well-known person (``people.yaml``; ``listed``: :func:`_listed_terms`) gets the listed
    country and sector where the text gives none: "Lavrov said ..." is Russia's government.
    What the text says wins: a stated country that differs means another person (or a new
    post) and the list is not used."""
    for cluster in clusters:
        if cluster.kind not in {"person", "organization"} or cluster.known or not cluster.names:
            continue
        if cluster.kind == "organization" and (cluster.sector or cluster.country):
            continue  # a named body ("Foreign Ministry"), not a person the tagger called ORG
        term = listed.get(id(cluster))
        if term is None or (cluster.country and term.country not in {None, cluster.country}):
            continue
        cluster.kind = "person"
        cluster.country = cluster.country or term.country
        cluster.sector = cluster.sector or term.sector


# What the knowledge base may say a named actor is; a place is never taken for a person
_KB_KINDS = {"person": ("person",), "organization": ("organization", "group", "person"),
             "group": ("group", "organization")}


def _known_actors(clusters: list[_Work], kb: ActorKB, published: object) -> None:
    """Named actors found in the knowledge base (Phoenix dictionaries, project and user files)
    take its id, and its country and sector (the role held at the publication date) where the
    text gives none. An entry whose country contradicts the text's is another actor; a name
    several entries share with different countries is left alone unless the text's country
    picks one."""
    named_countries = {c.state for c in clusters if c.state}
    for cluster in clusters:
        kinds = _KB_KINDS.get(cluster.kind)
        names = sorted({m.key for m in cluster.mentions if m.named and m.pronoun is None},
                       key=len, reverse=True)
        if kinds is None or not names or cluster.usual_country:
            continue  # countries and places are the text's and pycountry's, not the KB's
            # (nor is a bare "Supreme Court" the KB's USA one)
        entry = None
        for name in names:
            entry = kb.lookup(name, on=published, country=cluster.country, kinds=kinds)
            if entry is not None:
                break
        picked = False  # an ambiguous name the text's country resolves
        if entry is not None and entry.ambiguous and not cluster.country:
            # "PTI supporters" in a story naming Pakistan (and not India): the entry of the
            # one country the text names among those the name may belong to
            told = {entry.country, *entry.alternative_countries} & named_countries
            if len(told) == 1:
                entry = kb.lookup(name, on=published, country=next(iter(told)), kinds=kinds)
                picked = True
        if entry is None and cluster.kind == "person":
            surname = _surname(names[0])
            if len(names[0].split()) == 1:
                entry = kb.lookup_surname(surname, on=published, country=cluster.country)
        if entry is None:
            continue
        if cluster.country and entry.country and entry.country != cluster.country:
            continue  # the text says another country: another actor of the same name
        if entry.ambiguous and not picked and not cluster.country and len(
                {entry.country, *entry.alternative_countries}) > 1:
            continue
        # A body found under a longer alias ("Senate Foreign Relations Committee" listed under
        # the Senate) is part of that entry, not the entry: its codes, not its identity
        part = entry.kind != "person" and entry.via == "alias" and len(
            entry.matched.split()) > len(entry.name.split())
        cluster.kb_id = None if part else entry.id
        cluster.country = cluster.country or entry.country
        cluster.sector = cluster.sector or entry.sector
        if entry.code and entry.sector in {"IGO", "NGO"} and cluster.sector == entry.sector:
            cluster.kb_code = entry.code  # "IGOUNO", "NGOHRIAMN": the full CAMEO code
        if entry.kind == "person" and cluster.kind == "organization":
            cluster.kind = "person"


def _affiliations(clusters: list[_Work], kb: ActorKB, published: object) -> None:
    """A person the text ties to an organisation ("Phil Levy, chief economist at Flexport",
    "Mark Quinlan, PG&E's senior director") and gives no sector of their own acts for it:
    they take its sector, and its country when they have none (a person whose role gave a
    sector takes the country of a body the story names)."""
    by_name = {name: c for c in clusters if c.kind != "person" for name in c.names}
    for cluster in clusters:
        if cluster.kind != "person" or not cluster.affiliation:
            continue
        body = by_name.get(cluster.affiliation.lower())
        if cluster.sector:
            # "AEOI spokesman Mohsen Karimzadeh" after "the Atomic Energy Organization of Iran
            # (AEOI)": the role gave the sector, the body named in the story its country
            if cluster.country is None and body is not None and body.country:
                cluster.pass_on(body.country)
            continue
        sector, country = (body.sector, body.country) if body is not None else (None, None)
        if sector is None:
            entry = kb.lookup(cluster.affiliation, on=published,
                              kinds=("organization", "group"))
            if entry is not None:
                sector, country = entry.sector, entry.country
        if sector in lexicon().affiliation_sectors:
            cluster.sector = sector
            if cluster.country is None and country is not None:
                cluster.pass_on(country)


def _pronoun_owners(mentions: list[Mention], owner: dict[int, _Work],
                    sentence_of: list[int]) -> None:
    """People described through "its" or "their" ("its commanders", "their leader") belong to
    the body, group or state the word stands for, the nearest one named before in the sentence
    or the one before (one that is not plural for "its"): they take its country when they have
    none, and its sector when they serve an armed group, party or movement ("Hezbollah said an
    Israeli strike killed two of its commanders": Hezbollah's, not soldiers of no country)."""
    bodies = [m for m in mentions if m.pronoun is None and id(m) in owner
              and owner[id(m)].kind in {"organization", "group", "country"}]
    for mention in mentions:
        if mention.pronoun is not None or mention.kind == "organization":
            continue
        head = mention.span.root
        if mention.named:
            if mention.kind != "person" or head.dep_ != "appos":
                continue
            head = head.head  # "Its foreign minister, Mehmet Kaya": the title owned
        cluster = owner.get(id(mention))
        poss = next((t for t in head.children if t.dep_ == "poss"
                     and t.lower_ in {"its", "their"}), None)
        if cluster is None or poss is None:
            continue
        earliest = sentence_of[poss.i] - 1
        # (not the doer of the clause the people are in: "an Israeli strike killed two of its
        # commanders" are not Israel's)
        doer = {t.i for c in _clause(head).children if c.dep_ in {"nsubj", "nsubjpass"}
                for t in c.subtree}
        before = [m for m in reversed(bodies)
                  if m.span.end <= poss.i and sentence_of[m.span.start] >= earliest
                  and owner[id(m)] is not cluster and m.span.start not in doer
                  # (a named group is "its" though its name is plural: "the Houthis")
                  and not (poss.lower_ == "its" and m.plural and not m.named)]
        # the subject of a clause the people's clause hangs on comes before a nearer name in
        # a modifier ("the group began attacking ships after the start of the war in Gaza,
        # when its fighters seized a carrier": the group's fighters, not Gaza's)
        above = {a.i for a in head.ancestors}
        # "Turkey, which has ties to Somalia and Ethiopia, is trying to broker a settlement.
        # Its foreign minister ...": opening a sentence, "its" is the state the sentence
        # before was about, its main subject, not the last one it named
        opening = not any(sentence_of[m.span.start] == sentence_of[poss.i] for m in before)
        body = next((owner[id(m)] for m in before
                     if m.span.root.dep_ in {"nsubj", "nsubjpass"}
                     and m.span.root.head.i in above), None) or next(
            (owner[id(m)] for m in before if opening
             and m.span.root.dep_ in {"nsubj", "nsubjpass"}
             and m.span.root.head.dep_ == "ROOT"), None) or next(
            (owner[id(m)] for m in before), None)
        if body is None:
            continue
        if cluster.country is None and body.country is not None:
            cluster.pass_on(body.country)
        if body.kind in {"organization", "group"} and body.sector in lexicon().served_sectors:
            cluster.sector = body.sector


# Words a body's name may put before its place ("University of Lagos", "Bank of New York").
_PLACE_IN_NAME = re.compile(r"^(?:the\s+)?(.+?)\s+(?:of|for|in)\s+(.+)$", re.IGNORECASE)


def _named_after_place(clusters: list[_Work]) -> None:
    """A named body no list knows takes the country of the place its name starts or ends with:
    "Hong Kong Polytechnic University", "California Public Utilities Commission", "University
    of Lagos". Only the leading words or the words after a final "of/for/in" count, so
    "Peterson Institute" stays uncoded."""
    for cluster in clusters:
        if cluster.kind != "organization" or cluster.country or cluster.known:
            continue
        for name in dict.fromkeys(m.span.text for m in cluster.mentions if m.named):
            country = _place_country_in(name)
            if country is not None:
                cluster.country = country
                break


def _place_country_in(name: str) -> str | None:
    words = name.split()
    for length in range(min(3, len(words) - 1), 0, -1):
        lead = " ".join(words[:length])
        if lead[:1].isupper():
            # several leading words only as a country ("Hong Kong"): as a town they are too
            # often a body's own words ("Federal Capital Territory Command")
            # (a body's acronym is no town: "USI Art Collections" is not in a town "Usi")
            town = length == 1 and not (lead.isupper() and len(lead) > 1)
            country = country_of(lead) or (town_country(lead) if town else None)
            if country is not None:
                return country
    tail = _PLACE_IN_NAME.match(name)
    if tail is not None and tail.group(2)[:1].isupper():
        return country_of(tail.group(2)) or town_country(tail.group(2))
    return None

def _publication_year(doc: Doc) -> int | None:
    """The year a caller may put in ``doc.user_data["published"]`` (ISO date), if any."""
    published = doc.user_data.get("published")
    try:
        return int(str(published)[:4]) if published else None
    except ValueError:
        return None


def _place(
    mention: Mention, cluster: _Work | None, clusters: list[_Work], owner: dict[int, _Work]
) -> None:
    if cluster is None:
        cluster = _Work(mention)
        clusters.append(cluster)
    else:
        cluster.add(mention)
    owner[id(mention)] = cluster


def _sentence_numbers(doc: Doc) -> list[int]:
    numbers = [0] * len(doc)
    for number, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            numbers[i] = number
    return numbers


# --- clusters under construction -------------------------------------------------------------


class _Work:
    """A cluster being built: its mentions plus the facts gathered so far."""

    def __init__(self, first: Mention) -> None:
        self.kind = first.kind
        self.mentions: list[Mention] = []
        self.names: set[str] = set()
        self.surnames: set[str] = set()
        self.known = first.known
        self.country: str | None = None
        self.sector: str | None = None
        self.roles: set[str] = set()
        self.affiliation: str | None = None
        self.gender: str | None = None
        self.kb_id: str | None = None
        self.kb_code: str | None = None
        # whether the country was passed on from other actors (home, owner, sentence,
        # affiliation) rather than read from the actor's own words or a list
        self.derived = False
        # owned by a body of no country ("the European Union's top court") or several states
        # ("the governments of the region"): no country around it is its own
        self.stateless = False
        self.add(first)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        attrs = mention.attrs
        # a surname the tagger took for a place ("Montalvo said", "Paris claims") is the
        # person's name, and the place's country is not theirs
        as_place = self.kind == "person" and mention.kind in {"location", "country"}
        self.country = self.country or (None if as_place else attrs.country)
        self.sector = self.sector or (None if as_place else attrs.sector)
        self.affiliation = self.affiliation or attrs.affiliation
        if attrs.affiliation and not mention.named:
            owner = known_name(attrs.affiliation)
            self.stateless = self.stateless or (
                owner is not None and owner.country is None and owner.kind != "country")
        if mention.plural and not attrs.country and mention.key in lexicon().plural_states:
            self.stateless = True  # "the governments of the region": several states
        self.roles |= attrs.roles
        if mention.pronoun in {"m", "f"}:
            self.gender = self.gender or mention.pronoun
        else:
            self.gender = self.gender or attrs.gender
        if mention.named:
            self.names.add(mention.key.lower())
            if self.kind == "person":
                self.surnames.add(_surname(mention.key))
            if self.kind != "person" and mention.kind == "person":
                self.kind = "person"  # NER called the first mention an ORG ("Musk")
                self.sector = attrs.sector if self.kind == "location" else self.sector
        self.known = self.known or mention.known

    def last_before(self, index: int) -> int:
        """Start of the latest mention before token ``index`` (-1 if none)."""
        return max((m.span.start for m in self.mentions if m.span.start < index), default=-1)

    @property
    def first_named(self) -> int | None:
        """Start of the first mention that is no pronoun (None if there is none)."""
        return min((m.span.start for m in self.mentions if m.pronoun is None), default=None)

    @property
    def named(self) -> bool:
        return any(m.named for m in self.mentions)

    @property
    def state(self) -> str | None:
        """The actor's country when it is one state's, not a world region's ("Western
        governments": WST), which no rule passes on to the actors around it."""
        return None if is_world_region(self.country) else self.country

    def pass_on(self, country: str) -> None:
        """Give the actor a country that other actors' (the story's home, an owner, a sentence,
        an affiliation) stand for: marked derived, so that it never counts as evidence."""
        if not self.stateless:
            self.country, self.derived = country, True

    @property
    def usual_country(self) -> str | None:
        """What the bare name usually means ("Supreme Court": USA), or the name of the body
        the actor is described by ("a Republican aide"), for want of another."""
        if self.known is not None:
            return self.known.usual_country
        owner = known_name(self.affiliation) if self.affiliation else None
        return owner.usual_country if owner is not None else None

    @property
    def fixed(self) -> bool:
        """Whether a list codes the actor by name (then the story's home is not given to it)."""
        return self.known is not None and self.known.usual_country is None

    def finish(self, actor_id: str) -> ActorCluster:
        spans: list[Span] = []
        for mention in self.mentions:
            spans.append(mention.span)
            spans.extend(mention.extra)
        spans = sorted(set(spans), key=lambda s: (s.start, s.end))
        return ActorCluster(
            id=actor_id,
            kind=self.kind,
            name=self._name(),
            mentions=spans,
            country=self.country,
            sector=self.sector,
            gender=self.gender,
            roles=set(self.roles),
            affiliation=self.affiliation,
            named=self.named,
            kb_id=self.kb_id,
            kb_code=self.kb_code,
            country_derived=self.derived and self.country is not None,
        )

    def _name(self) -> str:
        names = [m for m in self.mentions if m.named]
        # a country named only by its name or demonym shows its name, whatever its sector
        # (the keys of such mentions are the country code: "CHN" is no name to show)
        if (
            self.kind == "country"
            and names
            and (self.sector is None or all(m.key == self.country for m in names))
        ):
            return _country_display(names)
        if names:
            best = max(names, key=lambda m: (len(m.key.split()), len(m.key)))
            if self.known is not None:
                return self.known.name
            return _name_text(best)
        first = self.mentions[0]
        return first.label or first.span.text


def _name_text(mention: Mention) -> str:
    if mention.known is not None and mention.kind != "person":
        return (
            mention.span.text
            if mention.span.text.lower() == mention.known.name.lower()
            else (mention.known.name)
        )
    return mention.key


def _country_display(names: list[Mention]) -> str:
    countries = lexicon().countries
    # the country's name over a demonym that stood for it ("Ukraine", not "Ukrainian request")
    best = max(
        names,
        key=lambda m: (m.span.text.lower().removeprefix("the ") in countries, len(m.span.text)),
    )
    text = best.span.text
    return text[4:] if text.lower().startswith("the ") else text


def _surname(name: str) -> str:
    words = [w for w in name.replace("’s", "").split() if w.lower() not in {"jr", "jr.", "sr"}]
    return words[-1].lower() if words else name.lower()


def _name_parts(name: str) -> list[str]:
    """A person's name without particles, suffixes and middle initials."""
    return [w for w in name.lower().replace("’s", "").replace(",", " ").split()
            if w not in _NAME_PARTICLES and w not in {"jr", "jr.", "sr", "sr.", "ii", "iii"}
            and len(w.rstrip(".")) != 1]


def _same_person_name(one: str, other: str) -> bool:
    """Whether two full names are one person's: the same surname and first names that agree
    (equal, or one a short form of the other: "Pat" and "Patrick")."""
    first, second = _name_parts(one), _name_parts(other)
    if len(first) < 2 or len(second) < 2 or first[-1] != second[-1]:
        return False
    a, b = sorted((first[0], second[0]), key=len)
    common = len(os.path.commonprefix([a, b]))
    # "Pat" for "Patrick"; a pet form in -y/-ie: "Marty" for "Martin", "Danny" for "Daniel"
    return a == b or (len(a) >= 3 and b.startswith(a)) or (
        common >= 3 and a.endswith(("y", "ie")))


def _initials(name: str) -> str:
    """ "Pacific Gas & Electric Co." -> "PG&E": the first letters of a body's words, an
    ampersand kept, small words and a firm's legal form left out."""
    skip = {"of", "the", "and", "for", "on", "in", "de"} | lexicon().legal_forms
    return "".join(w[0] for w in name.split() if w.lower().rstrip(".,") not in skip).upper()


def _acronym_letters(name: str) -> bool:
    """Whether a name could be a body's acronym, whatever its case: letters, maybe with an
    ampersand ("PG&E", "Nato")."""
    return len(name) > 1 and name.replace("&", "").isalpha()


def _same_words(one: str, other: str) -> bool:
    """Whether two names of several words are the same words in another order ("Department of
    Homeland Security", "Homeland Security Department")."""
    small = {"of", "the", "and", "for"}
    first = [w for w in one.lower().split() if w not in small]
    second = [w for w in other.lower().split() if w not in small]
    return len(first) >= 3 and first != second and sorted(first) == sorted(second)


# --- matching names and descriptions ---------------------------------------------------------


def _match(mention: Mention, clusters: list[_Work], sentence_of: list[int]) -> _Work | None:
    if mention.plural:
        return _match_group(mention, clusters)
    if mention.kind == "organization":
        return _match_body(mention, clusters)
    if mention.key in lexicon().kin:
        return None  # "his son", "the minister's wife": someone new
    if mention.key in lexicon().serving_roles and any(
            t.tag_ == "PRP$" for t in mention.span.root.children):
        return None  # "his lawyer", "her spokesman": someone in the service of "him"
    # ("an Israeli official": someone new)
    found = (_match_person(mention, clusters, sentence_of) or _only_open_person(
        mention, clusters, sentence_of)) if mention.definite else None
    root = mention.span.root
    if any(c.dep_ == "prep" and c.lower_ == "of" and g.ent_type_ == "ORG"
           for c in root.children for g in c.children if g.dep_ == "pobj"):
        # "the president of the American Farm Bureau": a body's officer, never the president
        # (or minister) the story names elsewhere; only the name in apposition to it ("The
        # head of the IMF, Kristalina Georgieva"; the parser may hang it on the body)
        beside = {t.i for t in root.subtree if t.dep_ == "appos"}
        if root.dep_ == "appos":
            beside.add(root.head.i)
        if found is not None and any(m.span.start <= i < m.span.end
                                     for m in found.mentions for i in beside):
            return found
        return None
    if found is not None and _co_argument(mention, found):
        return None  # "Putin met the president of Armenia": two people
    if found is not None and mention.key in lexicon().serving_roles and mention.key not in (
            found.roles) and any(c.dep_ == "poss" for c in root.children):
        # "the Kremlin's spokesman", "Trump's lawyer": someone in another's service, the one
        # so titled before ("Kremlin spokesman Dmitry Peskov"), never another named person
        return None
    return found


def _co_argument(mention: Mention, cluster: _Work) -> bool:
    """Whether a description and a name of the cluster fill different slots of one clause
    ("The Brazilian president praised Merkel"): such a pair never names one person."""
    root = mention.span.root
    if root.dep_ == "appos" or any(c.dep_ == "appos" for c in root.children):
        return False
    if root.dep_ == "attr":
        return False  # "Putin is the president": a copula names one person
    # also when the name's clause governs the description's ("Putin offered to negotiate with
    # the president of Ukraine"); a name in a later, separate clause may still be the same
    # person ("praised the entrepreneur, adding that Musk's views ...")
    # (a clause joined by "and"/"but" is a sibling, not a governor: "Trump tried to ..., but
    # Sondland said he had spoken with the president")
    clause = _clause(root)
    governing = {clause.i}
    while clause.dep_ != "conj" and clause.head.i != clause.i:
        clause = _clause(clause.head)
        governing.add(clause.i)
    # (a description fills a slot as a name does: "the Labour leader called on the prime
    # minister to resign" names two people)
    return any(
        m.pronoun is None
        and m.span.root.dep_ != "appos"
        and not any(c.dep_ == "appos" for c in m.span.root.children)
        and _clause(m.span.root).i in governing
        # (in a clause above, only a name filling one of its slots: "his closeness to Trump
        # ... as the inquiry reaches closer to the president" names one person; "the Russian
        # president visited a shipyard, where the Kremlin leader spoke" too)
        and ((_clause(m.span.root).i == _clause(root).i or _argument(m.span.root))
             if m.named else
             _clause(m.span.root).i == _clause(root).i and _argument(m.span.root))
        for m in cluster.mentions
    )


def _argument(token: Token) -> bool:
    """Whether a name fills a slot of its clause's verb (subject, object, a verb's "with"
    phrase), not a phrase inside another noun ("his closeness to Trump")."""
    head = token.head
    if head.dep_ in {"prep", "agent"} and head.head.pos_ in {"VERB", "AUX"}:
        return True
    return head.pos_ in {"VERB", "AUX"}


def _match_name(mention: Mention, clusters: list[_Work]) -> _Work | None:
    key = mention.key.lower()
    for cluster in reversed(clusters):
        if key in cluster.names and _kinds_fit(cluster.kind, mention.kind) and not (
                # "Azerbaijan's Defence Ministry" ... "Armenia's Defence Ministry": two bodies
                mention.kind == "organization" and mention.attrs.country
                and mention.attrs.country != cluster.country
                # (and "the Foreign Ministry said ... Ukraine's Foreign Ministry said": a body
                # of the general name whose country the text names only now is another one)
                and (cluster.country or _generic_body(key))):
            return cluster
    words = [w for w in key.split() if w not in _NAME_PARTICLES]
    if mention.kind in {"person", "organization", "location", "country"}:
        # A surname (or a surname tagged ORG or GPE) joins the person: "Putin", "Mr Putin".
        if len(words) == 1:
            for cluster in reversed(clusters):
                if cluster.kind == "person" and words[0] in cluster.surnames:
                    return cluster
        # Otherwise a single word that is part of exactly one person's name: "Li" for
        # "Li Qiang" (family name first), "Milica" for "Milica Petrovic".
        if len(words) == 1:
            owners = [
                c
                for c in clusters
                if c.kind == "person" and any(words[0] in name.split() for name in c.names)
            ]
            if len(owners) == 1:
                return owners[0]
        # A single word that begins exactly one body's longer name joins it: "Tarrow" for
        # "Tarrow Minerals", whatever the tagger made of it (not a town of that name:
        # "Shanghai" is no short name of the Shanghai Futures Exchange)
        if (len(words) == 1 and mention.kind in {"organization", "location"}
                and mention.known is None and town_country(mention.key) is None
                and (owner := _sole_body_with(clusters, words[0], 0)) is not None):
            return owner
        if (len(words) == 1 and mention.kind == "organization" and mention.known is None
                and (owner := _sole_body_with(clusters, words[0], -1)) is not None):
            return owner  # "the European Commission ... the Commission": its last word
        # A full name joins an earlier bare surname: "Putin" ... "Vladimir Putin".
        if mention.kind == "person" and len(words) > 1:
            for cluster in reversed(clusters):
                if cluster.kind == "person" and cluster.names == {words[-1]}:
                    return cluster
            # ... or the same person written another way: "Patrick Carlineo Jr." ...
            # "Patrick W. Carlineo" ... "Pat Carlineo"
            for cluster in reversed(clusters):
                if cluster.kind == "person" and any(
                        _same_person_name(key, name) for name in cluster.names):
                    return cluster
    if mention.kind == "organization" and mention.key.isupper() and len(mention.key) > 1:
        start = mention.span.start
        if start >= 2 and mention.span.doc[start - 1].text == "(":
            # "the Office of the UN High Commissioner for Human Rights (OHCHR)": an acronym
            # in brackets right after a body's name is that body, whatever its letters
            for cluster in reversed(clusters):
                if cluster.kind == "organization" and any(
                        m.named and m.span.end == start - 1 for m in cluster.mentions):
                    return cluster
        for cluster in reversed(clusters):
            if cluster.kind == "organization" and any(
                _initials(name) == mention.key for name in cluster.names if " " in name
            ):
                return cluster
    if mention.kind == "organization" and " " in key:
        for cluster in reversed(clusters):
            if cluster.kind == "organization" and any(
                _acronym_letters(n) and n.upper() == _initials(mention.key)
                for n in cluster.names
            ):
                return cluster
        for cluster in reversed(clusters):
            if cluster.kind == "organization" and any(
                    _same_words(key, name) for name in cluster.names):
                return cluster
    return None


def _generic_body(name: str) -> bool:
    """Whether a body's name is a general one many states have ("Foreign Ministry")."""
    role = lexicon().roles.get(name)
    return role is not None and role.body


def _sole_body_with(clusters: list[_Work], word: str, at: int) -> _Work | None:
    """The one body of ``clusters`` whose name of several words has ``word`` at position
    ``at`` (0: its first word, -1: its last), or None when none or several have."""
    owners = [c for c in clusters if c.kind == "organization" and any(
        len(name.split()) > 1 and name.split()[at] == word for name in c.names)]
    return owners[0] if len(owners) == 1 else None


def _kinds_fit(a: str, b: str) -> bool:
    return a == b or {a, b} <= {"person", "organization"} or {a, b} <= {"organization", "group"}


def _match_group(mention: Mention, clusters: list[_Work]) -> _Work | None:
    attrs = mention.attrs
    vague = mention.definite and attrs.country is None  # "the students" after "students at X"
    fitting = [
        c
        for c in clusters
        if c.kind == "group"
        and not c.named
        and mention.key in c.roles | {m.key for m in c.mentions}
        and (vague or (c.country == attrs.country and c.affiliation == attrs.affiliation))
    ]
    return _most_recent(fitting, mention.span.start) if fitting else None


def _role_fits(role: str, sector: str | None, cluster: _Work) -> bool:
    """Whether a description's role noun can name this actor ("leader" for a president)."""
    if role in cluster.roles:
        return True
    broad = lexicon().broad
    if role not in broad:
        # A specific role refines an actor so far only broadly described: "the billionaire"
        # ... "the SpaceX founder".
        vague = bool(cluster.roles) and all(r in broad for r in cluster.roles)
        return vague and sector is not None and sector == cluster.sector
    return bool(broad[role] & cluster.roles) or cluster.sector in broad[role]


def _attributes_fit(mention: Mention, cluster: _Work) -> bool:
    attrs = mention.attrs
    if attrs.country and cluster.country and attrs.country != cluster.country:
        return False
    if (
        cluster.affiliation is None
        and cluster.known is None
        and attrs.sector in {cluster.sector} - {None}
    ):
        return True  # the description adds the organisation ("the SpaceX founder")
    if (
        attrs.affiliation
        and attrs.affiliation != cluster.affiliation
        and not (cluster.known is not None and cluster.known.name == attrs.affiliation)
    ):
        # "the SpaceX founder" needs SpaceX; "the Kremlin leader" only needs Russia's government.
        return attrs.sector == "GOV" and cluster.sector == "GOV" and bool(attrs.country)
    return True


def _most_recent(candidates: list[_Work], index: int) -> _Work | None:
    """The candidate mentioned last before ``index`` (or, failing that, first after it)."""
    if not candidates:
        return None
    before = [c for c in candidates if c.last_before(index) >= 0]
    if before:
        return max(before, key=lambda c: c.last_before(index))
    return min(candidates, key=lambda c: min(m.span.start for m in c.mentions))


def _match_person(mention: Mention, clusters: list[_Work], sentence_of: list[int]
                  ) -> _Work | None:
    """The person a definite description fits ("the Russian president" -> Putin): one named
    before it, or (in the lede, which may describe before it names) after it."""
    lede = sentence_of[mention.span.start] < _LEDE_SENTENCES
    fitting = [
        c
        for c in clusters
        if c.kind == "person"
        and _attributes_fit(mention, c)
        and _role_fits(mention.key, mention.attrs.sector, c)
        # (a body's officer, "Duvall, the president of the Farm Bureau", is not described
        # ahead by a bare "the president": that is the head of state)
        and ((lede and not (c.affiliation and c.sector is None
                            and not mention.attrs.affiliation))
             or c.last_before(mention.span.start) >= 0)
    ]
    # "the chancellor" is the one titled chancellor before any other official.
    exact = [c for c in fitting if mention.key in c.roles]
    chosen = exact or fitting
    if len(chosen) > 1 and not (mention.attrs.affiliation or mention.attrs.country):
        # A bare "the president" among several is the one the story is about so far: the most
        # named (Trump in a story that also quotes Zelensky and a bank's president)
        named = {id(c): sum(1 for m in c.mentions
                            if m.named and m.span.start < mention.span.start) for c in chosen}
        top = max(named.values())
        if top > 0 and sorted(named.values())[-2] < top:
            chosen = [c for c in chosen if named[id(c)] == top]
    return _most_recent(chosen, mention.span.start)


def _only_open_person(
    mention: Mention, clusters: list[_Work], sentence_of: list[int]
) -> _Work | None:
    """The one named person nearby that nothing yet describes ("the SpaceX founder").

    Looks back first, then (for a lede that describes before it names) ahead.
    """
    here = sentence_of[mention.span.start]
    open_people = [
        c
        for c in clusters
        if c.kind == "person"
        and c.named
        and not c.roles
        and c.sector is None
        and (c.country is None or mention.attrs.country in {None, c.country})
    ]
    # (ahead only in the lede: a description later in the story names someone already met)
    for before in (True, False) if here < _LEDE_SENTENCES else (True,):
        nearby = [
            c
            for c in open_people
            if any(
                (m.span.start < mention.span.start) == before
                and abs(here - sentence_of[m.span.start]) <= _PRONOUN_WINDOW
                for m in c.mentions
                if m.named
            )
        ]
        if nearby:
            return nearby[0] if len(nearby) == 1 else None
    return None


def _match_body(mention: Mention, clusters: list[_Work]) -> _Work | None:
    """The institution a description names again ("the ministry", "the Israeli military")."""
    if not mention.definite:
        return None
    after = mention.span.end
    if after < len(mention.span.doc) and mention.span.doc[after].pos_ == "PROPN":
        return None  # "the company Hitwise": the name that follows is the body
    last = mention.key.split()[-1]
    if any(c.dep_ == "relcl" and c.lemma_.lower() in lexicon().naming_verbs
           for c in mention.span.root.children):
        return None  # "the group that researchers call Sandworm": named anew, no body before
    if mention.attrs.sector is None and not mention.attrs.country:
        # "the group", "the organisation": the institution just named (not a news outlet that
        # reported it, nor a people: "the Americans" are no "group" of the story)
        fitting = [c for c in clusters if c.named and c.sector != "MED" and (
            c.kind == "organization" or c.kind == "group" and c.sector is not None)
            # ("the coalition" after "the Treasury Department" is no department)
            and (last in lexicon().any_body or _names_word(c, last))]
        return _most_recent(fitting, mention.span.start)
    fitting = [
        c
        for c in clusters
        if c.kind == "organization"
        and (mention.attrs.country is None or c.country == mention.attrs.country)
        # ("the two governments" are not "the government" named again, nor it them)
        and (
            any(m.key.split()[-1] == last and _several(m) == _several(mention)
                for m in c.mentions if not m.named)
            or not _several(mention) and any(name.split()[-1] == last for name in c.names)
        )
        # "the European Union's top court" is no court of another owner
        and _owner_fits(mention.attrs.affiliation, c)
        # (a body is named before it is described again)
        and c.last_before(mention.span.start) >= 0
    ]
    if not fitting and mention.attrs.sector == "BUS" and not mention.attrs.affiliation:
        # "Acme Corp sued the city ... The company accused": a business description names
        # again the business named last: one known to be a business, or a named body of no
        # known sector named just before ("Big Machine Records"; from further back, such a
        # body is as often a news outlet or a group)
        start = mention.span.start
        fitting = [
            c for c in clusters
            if c.kind == "organization" and c.named
            and (c.sector == "BUS" or c.sector is None
                 and 0 <= start - c.last_before(start) <= _RECENT_BODY_TOKENS)
            and (mention.attrs.country is None or c.country in {mention.attrs.country, None})
            and c.last_before(start) >= 0
        ]  # fmt: skip
    if not fitting and mention.attrs.sector == "MED" and not mention.attrs.affiliation:
        # "the broadcaster Ostwind Media ... The channel had ignored warnings": a news outlet
        # described names again the outlet named last (of its country, when it has one)
        fitting = _named_bodies_of_its_sector(mention, clusters)
    if (not fitting and mention.attrs.sector == "IGO" and not mention.attrs.affiliation
            and mention.attrs.country is None):
        # "the Economic Community of West African States (ECOWAS) ... the regional bloc": an
        # international body described names again the one named last (not a description
        # of one country's, "the northern alliance in Kunming", which would give it that
        # country)
        fitting = _named_bodies_of_its_sector(mention, clusters)
    if not fitting and mention.key in lexicon().armed_group_nouns and not (
            mention.attrs.affiliation or mention.attrs.country):
        # "Yemen's Houthis fired a missile ... the militia said": the armed group of no state
        # named last
        fitting = [c for c in clusters if c.named and c.kind in {"organization", "group"}
                   and c.sector == "REB" and c.last_before(mention.span.start) >= 0]
    return _most_recent(fitting, mention.span.start)


def _several(mention: Mention) -> bool:
    """Whether a description names several bodies ("the two governments"; not "the police",
    plural in form only)."""
    root = mention.span.root
    return mention.plural and root.lemma_.lower() != root.lower_


# how near before "the company" a named body of no known sector must be to be that company
_RECENT_BODY_TOKENS = 40


def _named_bodies_of_its_sector(mention: Mention, clusters: list[_Work]) -> list[_Work]:
    """The named organisations of the description's sector (and of its country, when it has
    one) named before it."""
    return [c for c in clusters if c.kind == "organization" and c.named
            and c.sector == mention.attrs.sector and c.last_before(mention.span.start) >= 0
            and (mention.attrs.country is None or c.country == mention.attrs.country)]


def _names_word(cluster: _Work, word: str) -> bool:
    """Whether one of the cluster's names or mentions has the word ``word``."""
    return any(word in name.lower().split() for name in cluster.names) or any(
        word in m.key.split() for m in cluster.mentions)


def _owner_fits(affiliation: str | None, cluster: _Work) -> bool:
    """Whether a description's owner ("the EU's", "of the ministry") may be the cluster or
    what the cluster's names hold: no owner, or a word shared with one of its names."""
    if not affiliation:
        return True
    owner = {w for w in re.findall(r"[a-z]+", affiliation.lower()) if w not in _OWNER_STOP}
    names = {w for name in cluster.names for w in re.findall(r"[a-z]+", name.lower())}
    return not owner or bool(owner & names)


# --- pronouns --------------------------------------------------------------------------------


def quoted_tokens(doc: Doc) -> list[bool]:
    """Which tokens stand inside quotation marks (a paragraph break closes any open quote)."""
    inside = [False] * len(doc)
    open_quote = False
    for token in doc:
        text = token.text
        if "\n" in text:
            open_quote = False
        elif text in _QUOTES_OPEN and not open_quote:
            open_quote = True
            continue
        elif text in _QUOTES_CLOSE and open_quote:
            open_quote = False
            continue
        inside[token.i] = open_quote
    return inside


def _clause(token: Token) -> Token:
    """The verb (or root) of the clause ``token`` belongs to."""
    # spaCy makes a new Token object on every access: compare indices, never identity.
    while token.pos_ not in {"VERB", "AUX"} and token.head.i != token.i:
        token = token.head
    return token


def _resolve_pronouns(
    doc: Doc, mentions: list[Mention], owner: dict[int, _Work], sentence_of: list[int]
) -> list[tuple[Span, Span]]:
    quoted = quoted_tokens(doc)
    owned = [m for m in mentions if m.pronoun is None and id(m) in owner]
    links: list[tuple[Span, Span]] = []
    seen: list[Mention] = []  # mentions with an owner, in text order
    for mention in mentions:
        if mention.pronoun is None:
            if id(mention) in owner:
                seen.append(mention)
            continue
        if quoted[mention.span.start]:
            continue
        pick = _antecedent(mention, seen, owner, sentence_of, quoted, owned)
        if pick is None:
            continue
        cluster = owner[id(pick)]
        cluster.add(mention)
        owner[id(mention)] = cluster
        seen.append(mention)
        links.append((mention.span, pick.span))
    return links


def _antecedent(
    pronoun: Mention,
    seen: list[Mention],
    owner: dict[int, _Work],
    sentence_of: list[int],
    quoted: list[bool],
    owned: list[Mention],
) -> Mention | None:
    near = _candidates(pronoun, seen, owner, sentence_of, quoted, _PRONOUN_WINDOW,
                       owned=owned)
    if near is not None or pronoun.pronoun == "pl":
        return near
    # Nobody near: the person the passage is about, if only one person is mentioned lately.
    far = _candidates(pronoun, seen, owner, sentence_of, quoted, _PRONOUN_FAR_WINDOW,
                      alone=True, owned=owned)
    return far


def _commanded(
    pronoun: Token, owned: list[Mention] | None, owner: dict[int, _Work], quoted: list[bool]
) -> set[int]:
    """Clusters a subject pronoun cannot stand for: those named later in its own clause ("He
    urged Mr. Trump to ...", "he said Trump was wrong") or in the quote its verb reports
    ('"Trump makes the talks harder," he said')."""
    if not owned or pronoun.dep_ not in {"nsubj", "nsubjpass"}:
        return set()
    clause = _clause(pronoun)
    first, last = clause.left_edge.i, clause.right_edge.i
    if clause.dep_ == "parataxis":
        # '"...," he said': the parser makes the quote the head of the speech verb
        first, last = min(first, clause.head.left_edge.i), max(last, clause.head.right_edge.i)
    return {
        id(owner[id(m)]) for m in owned
        if first <= m.span.start <= last and m.named
        and (m.span.start > pronoun.i or quoted[m.span.start])
    }


def _candidates(
    pronoun: Mention,
    seen: list[Mention],
    owner: dict[int, _Work],
    sentence_of: list[int],
    quoted: list[bool],
    window: int,
    alone: bool = False,
    owned: list[Mention] | None = None,
) -> Mention | None:
    token = pronoun.span.root
    here = sentence_of[token.i]
    best: dict[int, tuple[float, Mention]] = {}
    # clusters that the pronoun cannot refer to
    bound: set[int] = _commanded(token, owned, owner, quoted)
    people: set[int] = set()  # every person in reach, of any gender
    for candidate in reversed(seen):
        there = sentence_of[candidate.span.root.i]
        if here - there > window:
            break
        if owner[id(candidate)].kind == "person":
            people.add(id(owner[id(candidate)]))
        if candidate.span.end > token.i or quoted[candidate.span.root.i]:
            continue
        cluster = owner[id(candidate)]
        if not _fits(pronoun, cluster):
            continue
        if _bound(token, candidate.span.root):
            bound.add(id(cluster))
            continue
        if pronoun.pronoun == "pl" and (
            here - there > 1 or candidate.span.root.dep_ not in _SUBJECT_DEPS
        ) and not (
            # "ordered two journalists to leave, accusing them of ...": an object "them" may
            # be a group that is an object before it in its sentence
            here == there and token.dep_ in _OBJECT_DEPS
            and candidate.span.root.dep_ in _OBJECT_DEPS
        ):
            continue  # "they" only for a group that was just the subject
        score = _score(token, candidate.span.root, here - there)
        key = id(cluster)
        if key not in best or score > best[key][0]:
            best[key] = (score, candidate)
    for key in bound:
        best.pop(key, None)
    if not best or alone and len(people) > 1:
        return None
    ranked = sorted(best.values(), key=lambda item: item[0], reverse=True)
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < _PRONOUN_MARGIN:
        return None  # two plausible antecedents: leave it unresolved
    return ranked[0][1]


def _fits(pronoun: Mention, cluster: _Work) -> bool:
    if pronoun.pronoun == "pl":
        return cluster.kind == "group"
    if cluster.kind != "person":
        return False
    return cluster.gender is None or cluster.gender == pronoun.pronoun


def _bound(pronoun: Token, antecedent: Token) -> bool:
    """A plain object pronoun cannot refer to its own clause's subject ("Putin praised him")."""
    if pronoun.lower_ in {"his", "her", "hers", "himself", "herself", "their", "themselves"}:
        return False
    return (
        pronoun.dep_ in _OBJECT_DEPS | {"pobj"}
        and antecedent.dep_ in _SUBJECT_DEPS
        and _clause(pronoun).i == _clause(antecedent).i
    )


def _score(pronoun: Token, antecedent: Token, distance: int) -> float:
    """Salience of an antecedent: nearer sentences first, subjects over other mentions."""
    score = 3.0 - distance
    if antecedent.dep_ in _SUBJECT_DEPS:
        score += 1.0
    if pronoun.dep_ in _OBJECT_DEPS | {"pobj"} and antecedent.dep_ in _OBJECT_DEPS | {"pobj"}:
        score += 0.5  # parallel roles
    if distance == 0 and _clause(pronoun).i == _clause(antecedent).i:
        score += 0.5
    return score
