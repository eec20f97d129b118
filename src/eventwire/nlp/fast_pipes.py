"""The same annotations for less work: speed-ups of stock spaCy components, applied by the loader.

Each one gives exactly the annotations of the component it speeds up (tests compare them token
by token, and ``scripts/check_same_output.py`` the whole output), and is applied only to the
stock class it was written for; any other component is left as it is.

* ``lemmatizer`` (rule or lookup mode): spaCy's rule lemmatizer caches only the words that go
  through its rules and recomputes every base form ("Number=Sing" nouns, infinitives, ...) from
  the token's morphology on every token. Its result depends on the word, its part of speech and
  its morphology alone, so :class:`CachedLemmas` keeps it per (word, POS, morphology).
* ``attribute_ruler``: spaCy's ``Matcher`` tries each of its patterns (179 in the English
  pipelines) at every token, although most are one token with a fixed tag and/or word ("TAG
  VBZ, LOWER is"). :class:`QuickAttributeMatches` finds those by dictionary look-up of each
  token's tag, word and lowercase form, leaves the others (dependencies, sets of words,
  several tokens) to a ``Matcher`` of their own, and hands the same sorted matches to the
  ruler's own ``set_annotations``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

__all__ = ["CachedLemmas", "QuickAttributeMatches", "speed_up"]

# Lemmatizer classes whose lemmas depend on the token's text, POS and morphology only.
_CONTEXT_FREE_LEMMATIZERS = (Lemmatizer, EnglishLemmatizer)


class CachedLemmas:
    """A lemmatizer's ``lemmatize`` with its answers kept per (word, POS, morphology). The cache
    is emptied when it holds ``limit`` keys (tens of thousands of keys for a large corpus)."""

    def __init__(self, lemmatize: Callable[[Token], list[str]], limit: int = 200_000) -> None:
        self.lemmatize = lemmatize
        self.limit = limit
        self.cache: dict[tuple[int, int, int], list[str]] = {}

    def __call__(self, token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        lemmas = self.cache.get(key)
        if lemmas is None:
            if len(self.cache) >= self.limit:
                self.cache.clear()
            lemmas = self.cache[key] = self.lemmatize(token)
        return lemmas


# Token attributes a one-token pattern may test to be looked up instead of matched, as
# ``Doc.to_array`` gives them (the values the Matcher compares: hashes, or 0/1 for flags).
_COLUMNS = {"TAG": TAG, "LOWER": LOWER, "ORTH": ORTH, "DEP": DEP, "IS_SPACE": IS_SPACE}
_STRING_COLUMNS = ("TAG", "LOWER", "ORTH", "DEP")


@dataclass(frozen=True)
class _Test:
    """One attribute test of a one-token pattern, as the Matcher makes it: equal to a value,
    in or not in a set of values, or a regular expression searched in the attribute's string."""

    column: str
    equals: int | None = None
    within: frozenset[int] | None = None
    outside: frozenset[int] | None = None
    pattern: re.Pattern[str] | None = None


class QuickAttributeMatches:
    """An ``AttributeRuler``'s ``match``, with its one-token patterns looked up."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self._build()

    def _build(self) -> None:
        ruler = self.ruler
        self.size = len(ruler.attrs)
        self.rest = Matcher(ruler.vocab, validate=False)
        # Each looked-up pattern is filed under one value that a token must have (by column
        # and value), with its other tests; patterns with no such value are tried everywhere.
        self.index: dict[str, dict[int, list[tuple[int, tuple[_Test, ...]]]]] = {}
        self.everywhere: list[tuple[int, tuple[_Test, ...]]] = []
        for attr_id in range(self.size):
            key = str(attr_id)
            _on_match, patterns = ruler.matcher.get(key)
            tests = _tests(patterns)
            if tests is None:
                self.rest.add(key, patterns)
                continue
            anchor = next((t for t in tests if t.equals is not None), None) or next(
                (t for t in tests if t.within is not None), None)
            if anchor is None:
                self.everywhere.append((attr_id, tests))
                continue
            others = tuple(t for t in tests if t is not anchor)
            values = [anchor.equals] if anchor.equals is not None else anchor.within
            for value in values or ():
                self.index.setdefault(anchor.column, {}).setdefault(value, []).append(
                    (attr_id, others))
        used = {t.column for entries in self.index.values() for ts in entries.values()
                for _a, tests in ts for t in tests}
        used |= set(self.index) | {t.column for _a, tests in self.everywhere for t in tests}
        self.columns = sorted(used)
        self.match_ids = [ruler.vocab.strings.add(str(i)) for i in range(self.size)]
        self.searched: dict[tuple[int, int], bool] = {}  # (regex id, string hash) -> found

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if len(self.ruler.attrs) != self.size:  # patterns were added since
            self._build()
        strings = self.ruler.vocab.strings
        found = [
            (int(strings[match_id]), match_id, start, end)
            for match_id, start, end in self.rest(doc, allow_missing=True, as_spans=False)
        ]
        if not len(doc) or not self.columns:
            found.sort()
            return found
        position = {name: i for i, name in enumerate(self.columns)}
        rows = doc.to_array([_COLUMNS[name] for name in self.columns]).tolist()
        if len(self.columns) == 1:
            rows = [[value] for value in rows]
        indexes = [(position[column], table) for column, table in self.index.items()]
        match_ids = self.match_ids
        for i, row in enumerate(rows):
            for where, table in indexes:
                candidates = table.get(row[where])
                if candidates:
                    for attr_id, tests in candidates:
                        if self._passes(tests, row, position):
                            found.append((attr_id, match_ids[attr_id], i, i + 1))
            for attr_id, tests in self.everywhere:
                if self._passes(tests, row, position):
                    found.append((attr_id, match_ids[attr_id], i, i + 1))
        found.sort()
        return found

    def _passes(self, tests: tuple[_Test, ...], row: list[int], position: dict[str, int]) -> bool:
        for test in tests:
            value = row[position[test.column]]
            if test.equals is not None and value != test.equals:
                return False
            if test.within is not None and value not in test.within:
                return False
            if test.outside is not None and value in test.outside:
                return False
            if test.pattern is not None:
                key = (id(test.pattern), value)
                hit = self.searched.get(key)
                if hit is None:
                    if len(self.searched) >= 200_000:
                        self.searched.clear()
                    hit = self.searched[key] = bool(
                        test.pattern.search(self.ruler.vocab.strings[value]))
                if not hit:
                    return False
        return True


def _tests(patterns: list[list[dict[str, Any]]]) -> tuple[_Test, ...] | None:
    """The tests of a single one-token pattern whose every test can be looked up, else None."""
    if len(patterns) != 1 or len(patterns[0]) != 1 or not patterns[0][0]:
        return None
    tests = []
    for name, value in patterns[0][0].items():
        if name not in _COLUMNS:
            return None
        if name == "IS_SPACE":
            if not isinstance(value, bool):
                return None
            tests.append(_Test(name, equals=int(value)))
        elif isinstance(value, str):
            tests.append(_Test(name, equals=get_string_id(value)))
        elif isinstance(value, dict) and len(value) == 1:
            ((operator, operand),) = value.items()
            if operator in ("IN", "NOT_IN") and isinstance(operand, list) and all(
                    isinstance(v, str) for v in operand):
                ids = frozenset(get_string_id(v) for v in operand)
                tests.append(_Test(name, within=ids) if operator == "IN"
                             else _Test(name, outside=ids))
            elif operator == "REGEX" and isinstance(operand, str) and name in _STRING_COLUMNS:
                tests.append(_Test(name, pattern=re.compile(operand)))
            else:
                return None
        else:
            return None
    return tuple(tests)


def speed_up(nlp: Language) -> None:
    """Apply the speed-ups above to the stock components of ``nlp`` they were written for."""
    for _name, pipe in nlp.pipeline:
        if type(pipe) in _CONTEXT_FREE_LEMMATIZERS and pipe.mode in ("rule", "lookup"):
            stock = getattr(pipe, f"{pipe.mode}_lemmatize")
            if getattr(pipe.lemmatize, "__func__", None) is getattr(stock, "__func__", stock):
                pipe.lemmatize = CachedLemmas(pipe.lemmatize)
        elif type(pipe) is AttributeRuler and "match" not in vars(pipe):
            pipe.match = QuickAttributeMatches(pipe)
