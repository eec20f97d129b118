"""The words of a parse as the event coder reads them: each token's facts read once per document.

The coder's rules ask the same few facts of the same words many times per sentence (label,
lemma, head, dependents, ...). A spaCy ``Token`` reads each from the parse's C structure and
the string store on every access, and makes a new ``Token`` object for every head, child or
ancestor it hands on. A :class:`Word` *is* a spaCy ``Token`` (same document and index, same
comparisons and hash, and every ``Token`` attribute and method works on it) whose most read
facts are kept on the object: the label, part of speech, tag, lemma, lowercase form, text,
offset, entity label, head and dependents when the document's words are read
(:func:`read_words`, from one array of the parse's columns), the others (subtree, ancestors,
edges, sentence) the first time they are asked for.
The tokens a Word hands on (``head``, ``children``, ``subtree``, ...) are the document's
Words, one per token, so ``is`` between them means "the same token" as it does between the
coder's own tokens.

Dependents, subtree and ancestors are tuples in spaCy's order (spaCy yields them from
generators): the rules only iterate them. The parse must not change while the words are in use
(the coder only reads it; the implied actors it adds go to ``doc._.actors``, not to the parse).
"""

from __future__ import annotations

from bisect import bisect_right

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, POS, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

__all__ = ["Word", "read_words", "release_words"]


class Word(Token):
    """A token of a parsed document with its facts kept (see the module docstring). Made only
    by :func:`read_words`."""

    # (no __getattr__ on this class: it would slow every attribute read, found or not)
    __slots__ = (
        # read for every word by read_words
        "i", "idx", "dep_", "pos_", "tag_", "lemma_", "lower_", "text", "ent_type_", "ent_iob_",
        "head", "children",
        "_words",  # the document's Words, by index
        # kept by the properties below the first time they are asked for (None until then)
        "_lefts", "_rights", "_subtree", "_ancestors", "_left_edge", "_right_edge", "_sent",
    )

    @property
    def lefts(self) -> tuple[Word, ...]:
        if self._lefts is None:
            self._lefts = tuple(child for child in self.children if child.i < self.i)
        return self._lefts

    @property
    def rights(self) -> tuple[Word, ...]:
        if self._rights is None:
            self._rights = tuple(child for child in self.children if child.i > self.i)
        return self._rights

    @property
    def subtree(self) -> tuple[Word, ...]:
        """As spaCy's: each left dependent's subtree, the word, each right dependent's."""
        if self._subtree is None:
            found: list[Word] = []
            placed = False
            for child in self.children:
                if not placed and child.i > self.i:
                    found.append(self)
                    placed = True
                found += child.subtree
            if not placed:
                found.append(self)
            self._subtree = tuple(found)
        return self._subtree

    @property
    def ancestors(self) -> tuple[Word, ...]:
        """As spaCy's: up the heads to the root (at most as many steps as there are words)."""
        if self._ancestors is None:
            found = []
            word = self
            for _ in range(len(self._words)):
                if word.head is word:
                    break
                word = word.head
                found.append(word)
            self._ancestors = tuple(found)
        return self._ancestors

    @property
    def left_edge(self) -> Word:
        if self._left_edge is None:  # (a word without dependents is its own edge)
            self._left_edge = self._words[Token.left_edge.__get__(self).i] if self.children \
                else self
        return self._left_edge

    @property
    def right_edge(self) -> Word:
        if self._right_edge is None:  # (a word without dependents is its own edge)
            self._right_edge = self._words[Token.right_edge.__get__(self).i] if self.children \
                else self
        return self._right_edge

    @property
    def sent(self) -> Span:
        """As spaCy's: the sentence the word is in (found among the document's sentences, read
        once, rather than by a scan of the document per word)."""
        if self._sent is None:
            self._sent = self._words.sentence_of(self.i)
        return self._sent


class _DocumentWords(list[Word]):
    """The Words of a document, by index, and its sentences when first asked for."""

    def __init__(self, doc: Doc, words: list[Word]) -> None:
        super().__init__(words)
        self.doc = doc
        self._sentences: list[Span] = []
        self._starts: list[int] = []

    def sentence_of(self, i: int) -> Span:
        if not self._sentences:
            self._sentences = list(self.doc.sents)
            self._starts = [sentence.start for sentence in self._sentences]
        return self._sentences[bisect_right(self._starts, i) - 1]


# the columns read_words takes from the parse, in this order
_COLUMNS = [IDX, HEAD, ENT_IOB, DEP, POS, TAG, LEMMA, LOWER, ORTH, ENT_TYPE]
_IOB = ("", "I", "O", "B")  # spaCy's names of ENT_IOB's values (Token.ent_iob_)


def read_words(doc: Doc) -> list[Word]:
    """The Words of ``doc``, by index: the parse's columns read in one array, their strings
    looked up once per distinct value."""
    vocab = doc.vocab
    length = len(doc)
    words = _DocumentWords(doc, [Word(vocab, doc, i) for i in range(length)])
    if not length:
        return words
    table = doc.to_array(_COLUMNS)
    # HEAD is the head's offset from the word (0 for a root), stored unsigned: read signed
    heads = (table[:, 1].astype(numpy.int64) + numpy.arange(length)).tolist()
    offsets, _, iobs, *columns = table.T.tolist()
    names = _names_in(vocab.strings)
    deps, poss, tags, lemmas, lowers, texts, ent_types = (list(map(names.__getitem__, column))
                                                          for column in columns)
    children: list[list[Word]] = [[] for _ in words]
    for i, word, offset, head, iob, dep, pos, tag, lemma, lower, text, ent_type in zip(
            range(length), words, offsets, heads, iobs, deps, poss, tags, lemmas, lowers, texts,
            ent_types, strict=True):
        word._words = words
        word.i, word.idx, word.ent_iob_, word.ent_type_ = i, offset, _IOB[iob], ent_type
        word.dep_, word.pos_, word.tag_, word.lemma_, word.lower_ = dep, pos, tag, lemma, lower
        word.text = text
        word._lefts = word._rights = word._subtree = word._ancestors = None
        word._left_edge = word._right_edge = word._sent = None
        word.head = words[head]
        if head != i:
            children[head].append(word)  # in index order: spaCy's order of the dependents
    for word, dependents in zip(words, children, strict=True):
        word.children = tuple(dependents)
    return words


def release_words(words: list[Word]) -> None:
    """Drop the Words' links to one another (head, dependents, ...), so that they are freed as
    soon as the coder is done with them rather than by the cycle collector (whose passes over
    the many small cycles a document's Words make cost the coder several percent)."""
    for word in words:
        word._words = word.head = word.children = None  # type: ignore[assignment]
        word._lefts = word._rights = word._subtree = word._ancestors = None  # type: ignore[assignment]
        word._left_edge = word._right_edge = None  # type: ignore[assignment]


class _Names(dict[int, str]):
    """Hash -> string of the labels, lemmas and words read so far, each looked up in the string
    store the first time: a look-up here is a fraction of one in the string store."""

    def __init__(self, strings: StringStore) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, key: int) -> str:
        found = self[key] = self.strings[key]
        return found


def _names_in(strings: StringStore) -> _Names:
    """The names read from ``strings`` (kept with it, so that its id stays its own)."""
    names = _names.get(id(strings))
    if names is None or names.strings is not strings:
        if len(_names) >= 4:  # (a run has one model)
            _names.clear()
        names = _names[id(strings)] = _Names(strings)
    elif len(names) > 200_000:  # (a long run meets ever more words)
        names.clear()
    return names


# the names read so far, by string store id
_names: dict[int, _Names] = {}
