"""Corpus actors: one actor for all the names an entity goes by across articles.

Within an article the extractor has already merged "Vladimir Putin", "Putin" and "he". Across
articles the names are joined here, by rules that do not depend on the order of documents:

1. names (and name-like aliases) of one article actor that have two or more words are the same
   actor; a user override joins its name and aliases the same way;
2. a one-word name ("Putin", "NATO") joins the multi-word actor it appears with most often as an
   alias, or, for people, whose last word it is ("Putin" -> "Vladimir Putin"); if none, it stays
   an actor of its own.

Codes are kept per period: every (actor, code) pair seen in an article gets the first and last
publication date it was seen on, so a businessman who became a government adviser has both
codes with their dates.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

PRONOUNS = {
    "he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their", "we", "us",
    "our", "i", "me", "my", "you", "your", "who", "which", "that", "this", "these", "those",
}  # fmt: skip
# Titles before a person's name: "President Putin" and "Russian President Vladimir Putin" are
# keyed by the words after the last title ("putin", "vladimir putin").
TITLES = {
    "president", "vice", "prime", "minister", "chancellor", "secretary", "general", "mr", "mrs",
    "ms", "dr", "sir", "dame", "king", "queen", "prince", "princess", "senator", "governor",
    "mayor", "spokesman", "spokeswoman", "spokesperson", "ambassador", "chairman", "ceo",
    "premier", "leader", "pope", "sheikh", "emir", "judge", "justice", "colonel", "admiral",
    "foreign", "defence", "defense", "finance", "interior", "deputy", "former", "rep", "sen",
}  # fmt: skip
FUNCTION_WORDS = {"the", "of", "and", "for", "de", "la", "le", "von", "van", "al", "bin", "du"}
_NON_WORD = re.compile(r"[^\w]+")


# The name functions are pure and a corpus repeats the same names endlessly, so they are
# memoised: merging the actors of 100,000 articles then costs dict look-ups, not Unicode work.
@functools.lru_cache(maxsize=1 << 18)
def normalise(name: str) -> str:
    """Comparison key of a name: no accents, case, punctuation or leading article."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = _NON_WORD.sub(" ", folded).strip()
    return folded.removeprefix("the ").strip()


@functools.lru_cache(maxsize=1 << 18)
def is_name_like(alias: str) -> bool:
    """Proper names ("Putin", "the Kremlin"), not pronouns or descriptions ("the president")."""
    words = [w for w in re.findall(r"[^\W\d_][\w'.-]*", alias)]
    if not words or alias.strip().lower() in PRONOUNS:
        return False
    content = [w for w in words if w.lower() not in FUNCTION_WORDS]
    return bool(content) and all(w[0].isupper() for w in content)


def actor_id_for(name: str) -> str:
    return "act-" + hashlib.sha256(normalise(name).encode("utf-8")).hexdigest()[:12]


@dataclass
class DocActor:
    doc_id: str
    local_id: str
    name: str
    type: str
    country: str | None
    sector: str | None
    code: str | None
    aliases: list[str]
    n_mentions: int
    published: str | None
    kb_id: str | None = None  # the knowledge-base entry the extractor found it as


@dataclass
class Override:
    name: str
    aliases: list[str] = field(default_factory=list)
    type: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    roles: list[dict] = field(default_factory=list)  # {"code", "from", "until"}


@dataclass
class CorpusActors:
    # actor_id, name, key, type, country, sector, code, n_docs, n_mentions, user_defined
    actors: list[tuple]
    aliases: list[tuple]  # actor_id, alias, key
    codes: list[tuple]  # actor_id, code, first_seen, last_seen, n_docs, origin
    doc_map: list[tuple]  # doc_id, local_id, actor_id


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            # The smaller key wins, so the result does not depend on the order of unions.
            low, high = sorted((root_a, root_b))
            self.parent[high] = low


@functools.lru_cache(maxsize=1 << 18)
def person_key(key: str) -> str:
    """The words of a person's name after the last title word ("president putin" -> "putin")."""
    words = key.split()
    last_title = max((i for i, w in enumerate(words) if w in TITLES), default=-1)
    return " ".join(words[last_title + 1 :]) or key


def _keys(actor: DocActor) -> frozenset[str]:
    return _keys_of(actor.name, actor.type, tuple(actor.aliases))


@functools.lru_cache(maxsize=1 << 18)
def _keys_of(name: str, type_: str, aliases: tuple[str, ...]) -> frozenset[str]:
    names = [name] + [a for a in aliases if is_name_like(a)]
    keys = {key for key in map(normalise, names) if key}
    return frozenset({person_key(k) for k in keys} if type_ == "person" else keys)


def _name_key(actor: DocActor) -> str:
    return _name_key_of(actor.name, actor.type)


@functools.lru_cache(maxsize=1 << 18)
def _name_key_of(name: str, type_: str) -> str:
    key = normalise(name)
    return person_key(key) if type_ == "person" and key else key


def merge_actors(doc_actors: list[DocActor], overrides: list[Override]) -> CorpusActors:
    groups = _UnionFind()
    override_of: dict[str, Override] = {}
    for override in overrides:
        keys = {normalise(n) for n in [override.name, *override.aliases]} - {""}
        for key in keys:
            groups.union(normalise(override.name), key)
            override_of[key] = override

    support: dict[str, Counter[str]] = defaultdict(Counter)  # one-word key -> multi-word keys
    person_keys: set[str] = set()  # multi-word names of people
    person_words: set[str] = set()  # one-word names of people ("Putin", not "Washington" the city)
    # Identical article actors (same name, type and aliases) count once each but join the
    # same keys: each distinct one is handled once, with its count as weight.
    distinct = Counter((a.name, a.type, tuple(a.aliases)) for a in doc_actors)
    for (name, type_, aliases), count in distinct.items():
        keys = _keys_of(name, type_, aliases)
        multi = sorted(k for k in keys if " " in k)
        single = sorted(k for k in keys if " " not in k)
        for key in keys:
            groups.find(key)
        for key in multi[1:]:
            groups.union(multi[0], key)
        if not multi:
            for key in single[1:]:
                groups.union(single[0], key)
        for key in single:
            support[key].update(dict.fromkeys(multi, count))
        if type_ == "person":
            person_keys.update(multi)
            person_words.update(single)

    _attach_one_word_names(groups, support, person_keys, person_words, override_of)
    # One knowledge-base entry is one actor, whatever the names used ("Putin", "Vladimir
    # Vladimirovich Putin"). Two entries that share a name key end up in one group, which then
    # keeps a name-based id (see _build).
    for actor in doc_actors:
        key = _name_key(actor)
        if actor.kb_id and key:
            groups.union(actor.kb_id, key)
    return _build(groups, doc_actors, overrides)


def _attach_one_word_names(
    groups: _UnionFind,
    support: dict[str, Counter[str]],
    person_keys: set[str],
    person_words: set[str],
    override_of: dict[str, Override],
) -> None:
    by_last_word: dict[str, list[str]] = defaultdict(list)
    for key in person_keys:
        by_last_word[key.rsplit(" ", 1)[-1]].append(key)
    decisions: list[tuple[str, str]] = []
    for key in sorted(set(groups.parent)):
        if " " in key or key in override_of:
            continue
        votes: Counter[str] = Counter()
        for multi, count in support.get(key, Counter()).items():
            votes[groups.find(multi)] += count
        for full in by_last_word.get(key, []) if key in person_words else []:
            votes[groups.find(full)] += 1
        votes.pop(groups.find(key), None)
        if votes:
            best = min(votes, key=lambda root: (-votes[root], root))
            decisions.append((key, best))
    # Decide everything first, then join, so one join cannot change the next decision.
    for key, root in decisions:
        groups.union(key, root)


def _most_common(values: list[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _build(
    groups: _UnionFind, doc_actors: list[DocActor], overrides: list[Override]
) -> CorpusActors:
    members: dict[str, list[DocActor]] = defaultdict(list)
    for actor in doc_actors:
        key = _name_key(actor)
        members[groups.find(key) if key else f"~{actor.doc_id}/{actor.local_id}"].append(actor)
    override_by_root = {groups.find(normalise(o.name)): o for o in overrides}

    result = CorpusActors([], [], [], [])
    used_ids: set[str] = set()
    for root in sorted(set(members) | set(override_by_root)):
        group = members.get(root, [])
        override = override_by_root.get(root)
        name_counts = Counter(a.name for a in group)
        if override:
            name = override.name
        else:
            # A full name ("Vladimir Putin") over a surname, with or without title.
            key_of = {a.name: _name_key(a) for a in group}
            name = min(
                name_counts,
                key=lambda n: (" " not in key_of[n], -name_counts[n], -len(n), n),
            )
        entries = sorted({a.kb_id for a in group if a.kb_id})
        # the knowledge-base id when the group is one entry: the same id in every corpus
        actor_id = entries[0] if len(entries) == 1 else actor_id_for(name)
        if actor_id in used_ids:  # two groups with one display name: keep both, apart
            actor_id = actor_id_for(f"{name} {root}")
        used_ids.add(actor_id)
        result.actors.append(
            (
                actor_id,
                name,
                normalise(name),
                (override and override.type) or _most_common([a.type for a in group]),
                (override and override.country) or _most_common([a.country for a in group]),
                (override and override.sector) or _most_common([a.sector for a in group]),
                (override and override.code) or _most_common([a.code for a in group]),
                len({a.doc_id for a in group}),
                sum(a.n_mentions for a in group),
                override is not None,
            )
        )
        aliases = {a.name for a in group}
        aliases.update(alias for a in group for alias in a.aliases if is_name_like(alias))
        if override:
            aliases.update(override.aliases)
        result.aliases.extend(
            (actor_id, alias, normalise(alias)) for alias in sorted(aliases - {name})
        )
        result.codes.extend(_code_periods(actor_id, group, override))
        result.doc_map.extend((a.doc_id, a.local_id, actor_id) for a in group)
    return result


def _code_periods(actor_id: str, group: list[DocActor], override: Override | None) -> list[tuple]:
    seen: dict[str, list[DocActor]] = defaultdict(list)
    for actor in group:
        if actor.code:
            seen[actor.code].append(actor)
    rows = []
    for code in sorted(seen):
        dates = sorted(a.published for a in seen[code] if a.published)
        docs = len({a.doc_id for a in seen[code]})
        rows.append((actor_id, code, dates[0] if dates else None, dates[-1] if dates else None,
                     docs, "text"))  # fmt: skip
    for role in (override.roles if override else []):
        rows.append((actor_id, role["code"], role.get("from"), role.get("until"), 0, "user"))
    return rows
