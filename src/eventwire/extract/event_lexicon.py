"""The event dictionary (``data/event_verbs.yaml``) loaded into lookup tables, and the word-vector
fallback that maps an unknown verb to the nearest dictionary verb."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import yaml
from spacy.tokens import Token
from spacy.vocab import Vocab

from eventwire.data import SAFE_LOADER, load_yaml, read_text

# Below this cosine similarity an unknown verb is not taken for a dictionary verb. Chosen on our
# own examples ("assailed" ~ attack, "excoriated" ~ condemn) against near misses such as
# "describe" ~ demonstrate (0.66) in en_core_web_md's vectors.
VECTOR_THRESHOLD = 0.7
ALIAS_SCORE = 0.999  # the same vector row: a pruned word, not a neighbour


@dataclass(frozen=True)
class Sense:
    code: str
    prep: frozenset[str] = frozenset()
    with_words: tuple[str, ...] = ()
    by_words: tuple[str, ...] = ()  # one must be in the subject ("peacekeepers arrived")
    speech: bool = False  # needs a reported clause ("..., the union protested")
    without_object: bool = False
    symmetric: bool = False
    # each side does it to the other ("North and South Korea exchanged fire", "traded
    # accusations"): one event each way
    mutual: bool = False
    theme_object: bool = False  # the object is what is moved ("withdrew its troops from X")
    # the object must be an actor ("called Erdogan" is a phone call; "called the allegations
    # politically motivated" is none)
    actor_object: bool = False
    # whether unknown verbs may borrow this sense through the word vectors: not for senses
    # too general to lend ("allow" would lend "yield" to "require")
    lends: bool = True
    # "eventwire", or "petrarch" for a verb known only from PETRARCH-2 (event_verbs_petrarch.yaml)
    source: str = "eventwire"
    # with_words and by_words as a set of their one-word entries and a tuple of the others
    # (phrases), made once: a PETRARCH-2 sense may list hundreds, and syntax.choose looks for
    # each among the words around the trigger
    with_single: frozenset[str] = field(init=False, repr=False, compare=False)
    with_phrases: tuple[str, ...] = field(init=False, repr=False, compare=False)
    by_single: frozenset[str] = field(init=False, repr=False, compare=False)
    by_phrases: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name, words in (("with", self.with_words), ("by", self.by_words)):
            single = frozenset(word for word in words if word and " " not in word)
            object.__setattr__(self, f"{name}_single", single)
            object.__setattr__(self, f"{name}_phrases",
                               tuple(word for word in words if word not in single))


@dataclass(frozen=True)
class Wrapper:
    kind: str
    emit_act: bool
    default: str
    by_code: dict[str, str]
    by_lemma: dict[str, str]
    need_act: frozenset[str]
    # need_act lemmas that still commit to an act the dictionary does not know, when the act
    # has an object ("agreed to build a port"; "agreed to speak" stays nothing)
    binding: frozenset[str] = frozenset()
    # the act is done, not intended: "decided to release him" releases him
    act_done: bool = False
    # lemmas that ask the act of someone else when that someone is named ("wants Trump to
    # eliminate the tariffs"): coded with the wrapper of kind ``asks_as``
    asking: frozenset[str] = frozenset()
    asks_as: str = ""
    # lemmas whose act is only an infinitive ("told them to leave"), never a "that" clause
    # ("told Sky News any process must be fair" is a statement)
    infinitive_only: frozenset[str] = frozenset()

    def code_for(self, act_code: str | None, act_lemma: str, act_object: str = "") -> str:
        # ("refused to give details": the act's verb and object, then its verb alone)
        if act_object and f"{act_lemma} {act_object}" in self.by_lemma:
            return self.by_lemma[f"{act_lemma} {act_object}"]
        if act_lemma in self.by_lemma:
            return self.by_lemma[act_lemma]
        prefix = act_code or ""
        while prefix:
            if prefix in self.by_code:
                return self.by_code[prefix]
            prefix = prefix[:-1]
        return self.default


@dataclass
class Lexicon:
    verbs: dict[str, list[Sense]]
    nouns: dict[str, list[Sense]]
    light_verbs: frozenset[str]
    reporting: frozenset[str]
    wrappers: dict[str, Wrapper]
    evaluative_verbs: frozenset[str]
    positive: frozenset[str]
    negative: frozenset[str]
    # adjectives of outlook ("optimistic about", "worried over") -> CAMEO 012/013 comment
    outlook: dict[str, str] = field(default_factory=dict)
    # verbs of feeling in the passive ("disappointed by", "frustrated with") -> 051/111
    feelings: dict[str, str] = field(default_factory=dict)
    # who a statement may be made to without being a party to it ("told reporters")
    press_audiences: frozenset[str] = frozenset()
    # PETRARCH-2's verbs (event_verbs_petrarch.yaml) for lemmas the dictionary does not know:
    # a fallback tried before the word vectors, lending nothing to unknown verbs
    petrarch: Mapping[str, list[Sense]] = field(default_factory=dict)
    _vectors: dict[int, tuple[list[str], np.ndarray]] = field(default_factory=dict)
    # nearest_verb's answers by (vocab, lemma): a verb recurs across a corpus
    _nearest: dict[tuple[int, str], tuple[str, float] | None] = field(default_factory=dict)

    def senses(self, lemma: str) -> list[Sense] | None:
        """The dictionary's senses of a verb, else PETRARCH-2's."""
        found = self.verbs.get(lemma)
        return found if found is not None else self.petrarch.get(lemma)

    def verb_lemma(self, verb: Token) -> str:
        """The verb's lemma; when spaCy's lemmatizer missed an irregular form the dictionary
        knows ("forgave", "extolled", "probed"), the lemma LemmInflect gives it."""
        lemma = verb.lemma_.lower()
        if lemma in self.verbs or lemma in self.wrappers or lemma in self.reporting:
            return lemma
        for other in _lemmas_of(verb.lower_):
            if other in self.verbs or other in self.wrappers:
                return other
        if lemma not in self.petrarch:
            for other in _lemmas_of(verb.lower_):
                if other in self.petrarch:
                    return other
        return lemma

    def nearest_verb(self, lemma: str, vocab: Vocab) -> tuple[str, float] | None:
        """The dictionary verb closest to ``lemma`` in the model's word vectors, if close enough."""
        key = (id(vocab), lemma)
        if key not in self._nearest:
            if len(self._nearest) >= 50_000:
                self._nearest.clear()
            self._nearest[key] = self._nearest_verb(lemma, vocab)
        return self._nearest[key]

    def _nearest_verb(self, lemma: str, vocab: Vocab) -> tuple[str, float] | None:
        lexeme = vocab[lemma]
        if not lexeme.has_vector or not lexeme.vector_norm:
            return None
        names, matrix = self._matrix(vocab)
        if not names:
            return None
        scores = matrix @ (lexeme.vector / lexeme.vector_norm)
        best = int(np.argmax(scores))
        score = float(scores[best])
        if score > ALIAS_SCORE and names[best] != lemma:
            # en_core_web_md prunes rare words onto the vector of a kept word: such an alias
            # ("thwart" = "hijack", "decapitate" = "threaten") says little about meaning
            return None
        return (names[best], score) if score >= VECTOR_THRESHOLD else None

    def _matrix(self, vocab: Vocab) -> tuple[list[str], np.ndarray]:
        key = id(vocab)
        if key not in self._vectors:
            names, rows = [], []
            for lemma, senses in self.verbs.items():
                last = senses[-1]
                if (last.with_words or last.by_words or last.prep or last.speech
                        or not last.lends):
                    # a verb that is an event only in some phrases ("decline an offer", "build
                    # up troops") says nothing about a word that merely resembles it
                    continue
                lexeme = vocab[lemma]
                if lexeme.has_vector and lexeme.vector_norm:
                    names.append(lemma)
                    rows.append(lexeme.vector / lexeme.vector_norm)
            matrix = np.vstack(rows) if rows else np.zeros((0, 1))
            self._vectors[key] = (names, matrix)
        return self._vectors[key]


def _word(value: object) -> str:
    """A word of the dictionary: YAML 1.1 reads a bare on/off as a boolean."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value).lower()


def _senses(entries: list[dict], source: str = "eventwire") -> list[Sense]:
    return [
        Sense(
            code=str(entry["code"]),
            prep=frozenset(_word(p) for p in entry.get("prep", [])),
            with_words=tuple(_word(word) for word in entry.get("with", [])),
            by_words=tuple(_word(word) for word in entry.get("by", [])),
            speech=bool(entry.get("speech", False)),
            without_object=bool(entry.get("without_object", False)),
            symmetric=bool(entry.get("symmetric", False)),
            mutual=bool(entry.get("mutual", False)),
            theme_object=bool(entry.get("theme_object", False)),
            actor_object=bool(entry.get("actor_object", False)),
            lends=bool(entry.get("lends", True)),
            source=source,
        )
        for entry in entries
    ]


@cache
def _lemmas_of(word: str) -> tuple[str, ...]:
    from lemminflect import getLemma  # loads its tables (~0.5 s) only when first needed

    return tuple(getLemma(word, upos="VERB"))


def _petrarch_verbs() -> dict[str, list[dict]]:
    """PETRARCH-2's verbs (``data/event_verbs_petrarch.yaml``, converted from its CAMEO.2.0.txt
    by ``scripts/convert_petrarch_verbs.py``; MIT). The C parser when there is one: the file is
    large (~0.4 s with it, ~2 s without)."""
    data = yaml.load(read_text("event_verbs_petrarch.yaml"), Loader=SAFE_LOADER)  # noqa: S506
    return {_word(lemma): entries for lemma, entries in data["verbs"].items()}


class _SensesOnFirstUse(Mapping[str, list[Sense]]):
    """Lemma -> senses, each lemma's made from its entries when it is first looked up: PETRARCH-2
    adds ~950 verbs and ~9,000 senses, of which a corpus meets a few hundred, and making them
    all was a third of the lexicon's load. The same senses, the same list at every look-up."""

    def __init__(self, entries: dict[str, list[dict]], source: str) -> None:
        self._entries = entries
        self._source = source
        self._made: dict[str, list[Sense]] = {}

    def __getitem__(self, lemma: str) -> list[Sense]:
        made = self._made.get(lemma)
        if made is None:
            made = self._made[lemma] = _senses(self._entries[lemma], source=self._source)
        return made

    def __contains__(self, lemma: object) -> bool:
        return lemma in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


@cache
def lexicon() -> Lexicon:
    data = load_yaml("event_verbs.yaml")
    wrappers: dict[str, Wrapper] = {}
    for kind, spec in data["wrappers"].items():
        wrapper = Wrapper(
            kind=kind,
            emit_act=bool(spec.get("emit_act", True)),
            default=str(spec["default"]),
            by_code={str(k): str(v) for k, v in spec.get("by_code", {}).items()},
            by_lemma={str(k): str(v) for k, v in spec.get("by_lemma", {}).items()},
            need_act=frozenset(spec.get("need_act", [])),
            binding=frozenset(spec.get("binding", [])),
            act_done=bool(spec.get("act_done", False)),
            asking=frozenset(spec.get("asking", [])),
            asks_as=str(spec.get("asks_as", "")),
            infinitive_only=frozenset(spec.get("infinitive_only", [])),
        )
        for lemma in spec["lemmas"]:
            wrappers[lemma] = wrapper
    verbs = {lemma: _senses(entries) for lemma, entries in data["verbs"].items()}
    known = (set(verbs) | set(wrappers) | set(data["light_verbs"]) | set(data["reporting"])
             | set(data["evaluative_verbs"]))
    # PETRARCH-2's verbs only where the project's dictionary says nothing about the lemma; they
    # lend nothing to unknown verbs through the word vectors (that lowered the dev scores)
    petrarch = _SensesOnFirstUse({lemma: entries for lemma, entries in _petrarch_verbs().items()
                                  if lemma not in known}, source="petrarch")
    return Lexicon(
        verbs=verbs,
        petrarch=petrarch,
        nouns={lemma: _senses(entries) for lemma, entries in data["nouns"].items()},
        light_verbs=frozenset(data["light_verbs"]),
        reporting=frozenset(data["reporting"]),
        wrappers=wrappers,
        evaluative_verbs=frozenset(data["evaluative_verbs"]),
        positive=frozenset(data["evaluative"]["positive"]),
        negative=frozenset(data["evaluative"]["negative"]),
        outlook={str(k): str(v) for k, v in data.get("outlook", {}).items()},
        feelings={str(k): str(v) for k, v in data.get("feelings", {}).items()},
        press_audiences=frozenset(data.get("press_audiences", [])),
    )
