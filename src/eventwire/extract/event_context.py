"""The event coder's view of one document, built once and handed to every coding module
(:mod:`~eventwire.extract.event_triggers`, :mod:`~eventwire.extract.event_participants`,
:mod:`~eventwire.extract.event_modality`, ...), so that none of them reaches into another's
state or back into the NLP stage.

(The quotes stage's :class:`~eventwire.extract.quote_speakers.SpeakerResolver` is no fit: it
is the speaker lookup of quotes, with genders and paragraph windows, and knows nothing of the
coder's word lists, dictionary or memory of coded events.)
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import wraps

from spacy.tokens import Doc, Token

from eventwire.extract.event_candidates import Candidate, Party
from eventwire.extract.event_lexicon import Lexicon, lexicon
from eventwire.extract.event_tokens import Word, read_words
from eventwire.extract.event_words import EventWords, event_words
from eventwire.extract.quote_marks import find_quotes
from eventwire.extract.scoring import load_target_weights, load_weights
from eventwire.model import Quote
from eventwire.nlp.actors import add_actor
from eventwire.nlp.components import ActorCluster
from eventwire.nlp.doctext import doc_text
from eventwire.nlp.mentions import dateline_country, dateline_tokens

__all__ = ["EventContext", "same_while_nothing_coded"]


@dataclass
class EventContext:
    """One document as the coder sees it: the parse, the dictionary and word lists in use,
    the actors indexed by token, the quotes, and what has been coded so far."""

    doc: Doc
    lex: Lexicon
    words: EventWords  # the coder's word lists (data/event_words.yaml, Settings.event_words)
    weights: dict[str, float]  # the confidence model's (scoring.py, Settings.confidence_model)
    # the target-choice model's (target_choice.py, Settings.target_model)
    target_weights: dict[str, float]
    quotes: list[Quote]
    actors: list[ActorCluster]
    clusters: dict[str, ActorCluster]  # actor id -> actor (implied doers added as made)
    actor_of: dict[int, ActorCluster]  # token index -> the actor one of whose mentions it is in
    dateline: set[int]  # "DOHA (Agency) -" is where, not who
    dateline_country: str | None  # the country the story is filed from ("NEW DELHI -")
    recent: list[Candidate] = field(default_factory=list)  # coded so far, for "the refusal"
    priors: list[float] = field(default_factory=list)  # of each event made, in order (scoring)
    implied: dict[tuple[str, str | None], ActorCluster] = field(
        default_factory=dict)  # implied doers made, by (sector, country)
    # the date named for an act, by (CAMEO root, trigger lemma, source, target), for its later
    # mentions
    incident_dates: dict[tuple[str, str, str, str], str] = field(default_factory=dict)
    # the two sides of each event kept so far, with its trigger's index and its QuadClass:
    # whom each doer has dealt with, for an act whose own sentence names no target
    # (``counterpart``)
    dealings: list[tuple[int, int, str, Party]] = field(default_factory=list)
    # of each event kept so far with both sides, its trigger's index, whom it was done to, who
    # did it and its code: who acts on someone again when the text says no one
    # ("passive_doer"), whom a denial answers ("accuser")
    acted_on: list[tuple[int, str, Party, str]] = field(default_factory=list)
    # the named doer of each use of force kept (18-20, real), with its trigger's index: who
    # fired a weapon of no named owner ("armed_doer")
    armed_doers: list[tuple[int, Party]] = field(default_factory=list)
    # the date of the last dated act told by each word ("call"): what "during the call" means
    word_dates: dict[str, str] = field(default_factory=dict)
    # the first date named for an act by (CAMEO root, trigger lemma), whoever its parties: the
    # date of a background mention of the same act that has none of its own
    act_dates: dict[tuple[str, str], str] = field(default_factory=dict)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)  # window_start's
    # the quotes' look-up index (see _quote_index)
    _indexed_quotes: int = field(default=-1, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)
    _cues: dict[int, int] = field(default_factory=dict, repr=False)
    # (cue offset, quote position) of every cued quote, sorted: quotes_cued_between's index
    _cued: list[tuple[int, int]] = field(default_factory=list, repr=False)
    _lower_text: str | None = field(default=None, repr=False)
    _game_sentences: set[int] | None = field(default=None, repr=False)
    _story_country: tuple[str | None] | None = field(default=None, repr=False)
    _marked: list[tuple[int, int]] | None = field(default=None, repr=False)
    # answers of same_while_nothing_coded functions, by (function, token, len(recent))
    _answers: dict[tuple[str, int, int], list] = field(default_factory=dict, repr=False)
    # the document's tokens with their facts read once (event_tokens.py), by index: the coder
    # takes its tokens from here, not from ``doc``
    tokens: list[Word] = field(default_factory=list, repr=False)

    @classmethod
    def for_document(cls, doc: Doc, quotes: list[Quote], words: EventWords | None = None,
                     weights: dict[str, float] | None = None,
                     target_weights: dict[str, float] | None = None) -> EventContext:
        """The context of ``doc``, whose actors (``doc._.actors``) are settled: index them once."""
        actors: list[ActorCluster] = list(doc._.actors or [])
        return cls(
            doc=doc, lex=lexicon(), words=words or event_words(),
            weights=weights or load_weights(),
            target_weights=load_target_weights() if target_weights is None else target_weights,
            actors=actors,
            quotes=sorted(quotes, key=lambda q: q.start),  # in document order, for look-ups
            clusters={cluster.id: cluster for cluster in actors},
            actor_of={i: cluster for cluster in reversed(actors)
                      for mention in cluster.mentions for i in range(mention.start, mention.end)},
            dateline=dateline_tokens(doc), dateline_country=dateline_country(doc),
            tokens=read_words(doc),
        )

    @property
    def text(self) -> str:
        return doc_text(self.doc)

    @property
    def lower_text(self) -> str:
        """The document's text in lowercase, made once: a quick test of whether a word occurs
        at all before a walk over the parse looks for it."""
        if self._lower_text is None:
            self._lower_text = self.text.lower()
        return self._lower_text

    @property
    def story_country(self) -> str | None:
        """The country the story is about: the one whose actors (places included) it mentions
        most, found once (ties: the first named). What an act nobody places happened in when the
        story gives no dateline."""
        if self._story_country is None:
            counts: dict[str, int] = {}
            first: dict[str, int] = {}
            for cluster in self.actors:
                if cluster.state and cluster.mentions:
                    counts[cluster.state] = counts.get(cluster.state, 0) + len(
                        cluster.mentions)
                    first[cluster.state] = min(first.get(cluster.state, len(self.doc)),
                                               cluster.mentions[0].start)
            best = max(counts, key=lambda c: (counts[c], -first[c]), default=None)
            self._story_country = (best,)
        return self._story_country[0]

    @property
    def home_country(self) -> str | None:
        """Where the story is filed from ("NEW DELHI -"), else the country it is about: where
        an act nobody places happened."""
        return self.dateline_country or self.story_country

    def quoted_stretch(self, offset: int) -> tuple[int, int] | None:
        """The (start, end) characters of the stretch between quotation marks that holds
        character ``offset`` (a quote, a chant, a slogan, a title), found once per document."""
        if self._marked is None:
            self._marked = [(q.start, q.end) for q in find_quotes(self.text)]
        here = bisect_right(self._marked, (offset, len(self.text) + 1)) - 1
        if here >= 0 and self._marked[here][0] <= offset < self._marked[here][1]:
            return self._marked[here]
        return None

    def tells_game(self, token: Token) -> bool:
        """Whether ``token``'s sentence has a noun only a game report uses (event_words.yaml:
        ``game_terms``), or the whole document is a sports story (``sports_terms``): the
        sentences are found once per document."""
        if self._game_sentences is None:
            terms = self.words.game_terms
            self._game_sentences = {
                sent.start for sent in self.doc.sents
                if any(t.pos_ == "NOUN" and t.lower_ in terms for t in sent)
            } if any(term in self.lower_text for term in terms) else set()
            if self._sports_story():
                self._game_sentences = {sent.start for sent in self.doc.sents}
        return bool(self._game_sentences) and token.sent.start in self._game_sentences

    def _sports_story(self) -> bool:
        """Whether the document reports sport: ``sports_report_hits`` sports words in three
        sentences or more ("the NFL", "the quarterback", "his helmet", "football")."""
        words = self.words
        terms = words.sports_terms | words.game_terms | words.sports | words.sporting
        if not any(term in self.lower_text for term in terms):
            return False  # (most documents: one look at the text)
        hits = [self.window_start(word, 0) for word in self.tokens
                if word.lower_ in terms or word.lemma_.lower() in terms]
        return len(hits) >= words.sports_report_hits and len(set(hits)) >= 3

    def window_start(self, token: Token, sentences: int) -> int:
        """The first token of the parser's sentence ``sentences`` before ``token``'s (or of the
        document): the window of recent mentions a pronoun may point into."""
        if not self._sentence_starts:
            self._sentence_starts = [sent.start for sent in self.doc.sents]
        here = bisect_right(self._sentence_starts, token.i) - 1
        return self._sentence_starts[max(here - sentences, 0)]

    def actors_before(self, token: Token, sentences: int) -> Iterator[tuple[int, ActorCluster]]:
        """The actors mentioned before ``token`` in its sentence and the ``sentences`` before,
        nearest first, with the index of each mentioning token."""
        for i in range(token.i - 1, self.window_start(token, sentences) - 1, -1):
            cluster = self.actor_of.get(i)
            if cluster is not None:
                yield i, cluster

    def _quote_index(self) -> tuple[list[int], dict[int, int]]:
        """Each quote's start, and the character offset of each quote's cue -> the first quote
        so cued (its position); rebuilt, with the sorted cues (``_cued``), when quotes were
        added."""
        if self._indexed_quotes != len(self.quotes):
            self._starts = [quote.start for quote in self.quotes]
            self._cues = {}
            for position, quote in enumerate(self.quotes):
                if quote.cue is not None:
                    self._cues.setdefault(quote.cue.start, position)
            self._cued = sorted((q.cue.start, n) for n, q in enumerate(self.quotes)
                                if q.cue is not None)
            self._indexed_quotes = len(self.quotes)
        return self._starts, self._cues

    def quote_at(self, start: int, cue_offsets: Iterable[int] = ()) -> Quote | None:
        """The first quote (in document order) that contains character ``start`` or is cued by
        a word at one of ``cue_offsets``. Looked up, not scanned: long articles hold hundreds
        of quotes and events."""
        if not self.quotes:
            return None
        found = self._containing(start)
        cues = self._quote_index()[1]
        found += [cues[o] for o in cue_offsets if o in cues]
        return self.quotes[min(found)] if found else None

    def quotes_cued_between(self, start: int, end: int) -> list[Quote]:
        """The quotes whose cue starts at a character in [start, end), in cue order (one
        sentence's: looked up, not scanned)."""
        self._quote_index()  # (rebuilt with the other look-ups when quotes were added)
        low = bisect_left(self._cued, (start, -1))
        high = bisect_left(self._cued, (end, -1))
        return [self.quotes[n] for _, n in self._cued[low:high]]

    def inside_quote(self, start: int) -> bool:
        """Whether character ``start`` is inside the words of a quote (not its cue)."""
        return bool(self._containing(start))

    def quotes_containing(self, start: int) -> list[Quote]:
        """The quotes that contain character ``start``, in document order."""
        return [self.quotes[p] for p in sorted(self._containing(start))]

    def _containing(self, start: int) -> list[int]:
        # quotes start in order and rarely nest: look back over the few that start before
        position = bisect_right(self._quote_index()[0], start) - 1
        return [back for back in range(position, max(position - 8, -1), -1)
                if self.quotes[back].start <= start < self.quotes[back].end]

    def cluster(self, party: Party) -> ActorCluster | None:
        """The actor a party is, when it is one."""
        return self.clusters.get(party.actor or "")

    def implied_actor(self, sector: str, country: str | None) -> ActorCluster:
        """The doer an agentless act implies ("was arrested": the police of ``country``), one
        per sector and country, added to the document's actors the first time. The sector
        "CRITICS" (of criticism nobody is named for) is a group of the country with no sector."""
        key = (sector, country)
        cluster = self.implied.get(key)
        if cluster is None:
            critics = sector == "CRITICS"
            cluster = add_actor(self.doc, kind="group" if critics else "organization",
                                name=self.words.implied_agent_names.get(sector, sector.lower()),
                                country=country, sector=None if critics else sector)
            self.implied[key] = cluster
            self.clusters[cluster.id] = cluster
        return cluster

    def remember(self, candidate: Candidate) -> None:
        """Keep a coded, real (not hypothetical) act with a doer for later "the refusal"."""
        if candidate.sources and not candidate.hypothetical:
            self.recent.append(candidate)


def same_while_nothing_coded(
    function: Callable[[EventContext, Token], list[Party]],
) -> Callable[[EventContext, Token], list[Party]]:
    """Keep the answers of a party look-up that reads nothing of the context but the parse, the
    actors and the acts coded so far (``recent``, which only grows): asked again for the same
    token before another act is remembered, it answers the same (a copy of the list). The coder
    asks for a verb's subjects or a word's parties several times per sentence.

    A question asked again while it is being answered (the look-ups call one another: a
    word's parties, an anaphor's maker, a verb's subjects) is answered "none" rather than
    asked forever: the same question in the same state could only recur without end."""
    name = function.__name__

    @wraps(function)
    def remembered(ctx: EventContext, token: Token) -> list[Party]:
        key = (name, token.i, len(ctx.recent))
        found = ctx._answers.get(key)
        if found is None:
            ctx._answers[key] = []  # (asked again before the answer: none)
            found = ctx._answers[key] = function(ctx, token)
        return list(found)

    return remembered
