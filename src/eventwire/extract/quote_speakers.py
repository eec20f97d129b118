"""Who said it: from the subject of a cue to an actor of the document.

The actors component (``doc._.actors``) resolves names, descriptions and most pronouns. Where it
has left a pronoun or a definite description ("the Russian president") unresolved, this module
falls back on the most recent compatible speaker or subject nearby, the way a reader would.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventwire.nlp.actors import ActorCluster, add_actor, quoted_tokens
from eventwire.nlp.doctext import doc_text
from eventwire.nlp.lexicon import lexicon

PERSONAL = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f"}
COLLECTIVE = {"they", "them", "their", "it", "its", "we", "our"}
_RELATIVE = {"who", "which", "that", "whom", "whose"}
_FEMALE_WORDS = {"mrs", "ms", "miss", "madam", "woman", "spokeswoman", "chairwoman", "she"}
_MALE_WORDS = {"mr", "sir", "man", "spokesman", "chairman", "he"}
_NOUN_PHRASE_DEPS = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case"}
_GROUP_KINDS = {"organization", "group", "country"}
_ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "country"}
_LEADING_WORDS = {"the", "a", "an", "one", "some"}
# How many paragraphs back a pronoun or description may look for its speaker.
_WINDOW_PARAGRAPHS = 1


@dataclass
class Resolved:
    actor_id: str | None
    mention: tuple[int, int] | None  # char offsets of the local mention


@dataclass
class SpeakerResolver:
    """Actor lookups for one document, built once: token -> actor, recent speakers, genders."""

    doc: Doc
    by_token: dict[int, object] = field(default_factory=dict)
    person_mentions: list[tuple[int, object]] = field(default_factory=list)
    group_mentions: list[tuple[int, object]] = field(default_factory=list)
    speakers: list[tuple[int, object]] = field(default_factory=list)  # (token index, cluster)
    gender: dict[str, str] = field(default_factory=dict)
    paragraph_starts: list[int] = field(default_factory=list)

    @classmethod
    def for_doc(cls, doc: Doc) -> SpeakerResolver:
        resolver = cls(doc)
        text = doc_text(doc)
        resolver.paragraph_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        # (a speaker is no one named inside a quote: '"... Macron makes a deal less likely,"
        # he said' is not Macron's)
        quoted = quoted_tokens(doc)
        for cluster in getattr(doc._, "actors", None) or []:
            for mention in cluster.mentions:
                for i in range(mention.start, mention.end):
                    resolver.by_token.setdefault(i, cluster)
                if mention[0].pos_ == "PRON" or quoted[mention.start]:
                    continue
                bucket = (
                    resolver.person_mentions
                    if cluster.kind == "person"
                    else resolver.group_mentions
                )
                bucket.append((mention.end - 1, cluster))
                resolver._learn_gender(cluster, mention)
        resolver.person_mentions.sort(key=lambda pair: pair[0])
        resolver.group_mentions.sort(key=lambda pair: pair[0])
        return resolver

    def _learn_gender(self, cluster, mention: Span) -> None:
        before = self.doc[max(0, mention.start - 2) : mention.start]
        for tok in list(before) + list(mention):
            word = tok.lower_.rstrip(".")
            if word in _FEMALE_WORDS:
                self.gender.setdefault(cluster.id, "f")
            elif word in _MALE_WORDS:
                self.gender.setdefault(cluster.id, "m")
        if mention[0].pos_ == "PRON" and mention[0].lower_ in PERSONAL:
            self.gender.setdefault(cluster.id, PERSONAL[mention[0].lower_])

    def paragraph_of(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    def actor_of(self, token: Token):
        return self.by_token.get(token.i)

    def note_speaker(self, token: Token, cluster) -> None:
        self.speakers.append((token.i, cluster))

    def resolve(self, head: Token) -> Resolved:
        """The actor behind the subject ``head`` of a cue and its local mention."""
        if head.lower_ in _RELATIVE and head.head.dep_ == "relcl":
            head = head.head.head  # "Smith, who replaced Jones, said" -> Smith
        mention = self.mention_span(head)
        cluster = self._cluster_near(head)
        if cluster is not None and head.i not in self.by_token:
            # Found through a title's appositive or conjunct: the name is the local mention.
            inside = [
                m
                for m in cluster.mentions
                if head.left_edge.i <= m.start and m.end <= head.right_edge.i + 1
            ]
            if inside:
                mention = inside[0].start_char, inside[0].end_char
        for child in head.children:
            # "the county engineer, Jane Smith,": the name is the local mention.
            appositive_name = (
                head.pos_ != "PROPN" and child.dep_ == "appos" and child.pos_ == "PROPN"
            )
            if appositive_name and cluster is not None and self.by_token.get(child.i) is cluster:
                mention = self.mention_span(child)
                break
        if cluster is None and head.pos_ == "PRON":
            cluster = self._antecedent(head)
        elif cluster is None and self._definite_description(head):
            cluster = self._described(head)
        if (cluster is None and head.pos_ == "NOUN"
                and head.lemma_.lower() in lexicon().issued_documents
                and self._definite_description(head)):
            cluster = self._author(head)
        if cluster is not None and head.lower_ in PERSONAL:
            self.gender.setdefault(cluster.id, PERSONAL[head.lower_])
        return Resolved(cluster.id if cluster is not None else None, mention)

    def adopt(self, head: Token, resolved: Resolved) -> None:
        """Make the speaker's mention part of the output actors.

        A resolved pronoun or description joins its actor's mentions; a speaker that covers no
        actor at all (a name the tagger missed, "a spokesperson", "the report") becomes a new
        actor, so that the statement can name its source by actor id.
        """
        if resolved.mention is None or head.pos_ not in ("NOUN", "PROPN", "PRON"):
            return
        if head.pos_ == "NOUN" and head.lemma_.lower() in lexicon().documents:
            # "the report said", "the statement said": a document speaks for its author (or
            # issuer, resolved or not), never as an actor nor as a mention of one
            return
        span = self.doc.char_span(*resolved.mention, alignment_mode="expand")
        if span is None or head.i in self.by_token:
            return
        if resolved.actor_id is not None and any(
            i in self.by_token for i in range(span.start, span.end)
        ):
            return
        if resolved.actor_id is not None:
            cluster = next(c for c in self.doc._.actors if c.id == resolved.actor_id)
            cluster.mentions = sorted([*cluster.mentions, span], key=lambda m: m.start)
            self._index(cluster, span)
        elif head.pos_ != "PRON":
            cluster = self._same_name(span) or self._new_actor(head, span)
            if span not in cluster.mentions:
                cluster.mentions = sorted([*cluster.mentions, span], key=lambda m: m.start)
            self._index(cluster, span)
            resolved.actor_id = cluster.id

    def _index(self, cluster: ActorCluster, span: Span) -> None:
        for i in range(span.start, span.end):
            # "His office": "His" stays the person's; the rest is the new actor's.
            self.by_token.setdefault(i, cluster)
        if span[0].pos_ != "PRON":
            pool = self.person_mentions if cluster.kind == "person" else self.group_mentions
            bisect.insort(pool, (span.end - 1, cluster), key=lambda pair: pair[0])
            self._learn_gender(cluster, span)

    def _same_name(self, span: Span) -> ActorCluster | None:
        """A name seen before as a speaker the actors stage missed ("Smith said ... Smith")."""
        if span.root.pos_ != "PROPN":
            return None
        name = _display_name(span).lower()
        for cluster in self.doc._.actors:
            if cluster.name.lower() == name or (
                cluster.kind == "person" and cluster.name.lower().endswith(" " + name)
            ):
                return cluster
        return None

    def _new_actor(self, head: Token, span: Span) -> ActorCluster:
        name = _display_name(span)
        owner = self.by_token.get(span.start) if span[0].tag_ == "PRP$" else None
        if owner is not None and span.start < head.i:
            # "His office" -> "Youssef Haddad's office"
            name = f"{owner.name}'s {self.doc[span.start + 1 : span.end].text}"
        return add_actor(self.doc, kind=_speaker_kind(head), name=name,
                         named=head.pos_ == "PROPN")

    def cluster_of(self, head: Token):
        return self._cluster_near(head)

    def _cluster_near(self, head: Token):
        cluster = self.by_token.get(head.i)
        if cluster is not None:
            return cluster
        for child in head.children:
            # "the head of the office, Andriy Yermak" / "Kremlin spokesman Dmitry Peskov"
            if child.dep_ in ("appos", "compound") and child.i in self.by_token:
                candidate = self.by_token[child.i]
                if child.dep_ == "appos" or candidate.kind == "person":
                    return candidate
            # "Historian and author Jane Smith said": the name hangs on the second title.
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN") and child.i != head.i:
                candidate = self._cluster_near(child)
                if candidate is not None and candidate.kind == "person":
                    return candidate
        return None

    def mention_span(self, head: Token) -> tuple[int, int]:
        cluster = self.by_token.get(head.i)
        if cluster is not None:
            for mention in cluster.mentions:
                if mention.start <= head.i < mention.end:
                    return mention.start_char, mention.end_char
        left = head
        for child in head.lefts:
            if child.dep_ in _NOUN_PHRASE_DEPS:
                left = min(left, child.left_edge, key=lambda t: t.i)
                break
        return left.idx, head.idx + len(head.text)

    def _definite_description(self, head: Token) -> bool:
        if head.pos_ not in ("NOUN", "PROPN"):
            return False
        return any(
            c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "one") for c in head.lefts
        )

    def _window_start(self, token: Token) -> int:
        paragraph = self.paragraph_of(token.idx)
        first = self.paragraph_starts[max(0, paragraph - _WINDOW_PARAGRAPHS)]
        return first

    def _compatible(self, cluster, want: str | None, kinds: set[str]) -> bool:
        if cluster.kind not in kinds:
            return False
        return want is None or self.gender.get(cluster.id, want) == want

    def _antecedent(self, pronoun: Token):
        word = pronoun.lower_
        if word in PERSONAL:
            want, kinds, pool = PERSONAL[word], {"person"}, self.person_mentions
        elif word in COLLECTIVE:
            want, kinds, pool = None, _GROUP_KINDS, self.group_mentions
        else:
            return None
        return self._recent(pronoun, want, kinds, pool)

    def _recent(self, token: Token, want: str | None, kinds: set[str], pool):
        floor = self._window_start(token)
        sentence_start = token.sent.start
        mentions = pool[: bisect.bisect_left(pool, (token.i,), key=lambda p: (p[0],))]
        # 1. a subject earlier in the same sentence ("Putin praised ..., although he added").
        for i, cluster in reversed(mentions):
            if i < sentence_start:
                break
            if self.doc[i].dep_.startswith("nsubj") and self._compatible(cluster, want, kinds):
                return cluster
        # 2. the latest speaker or subject earlier in the same paragraph.
        paragraph_start = self.paragraph_starts[self.paragraph_of(token.idx)]
        local = [(i, c) for i, c in self.speakers if i < token.i]
        local += [(i, c) for i, c in mentions if self.doc[i].dep_.startswith("nsubj")]
        for i, cluster in sorted(local, key=lambda pair: pair[0], reverse=True):
            if self.doc[i].idx < paragraph_start:
                break
            if self._compatible(cluster, want, kinds):
                return cluster
        # 3. the latest speaker nearby; 4. the latest subject; 5. the latest mention.
        for i, cluster in reversed(self.speakers):
            if i < token.i and self.doc[i].idx >= floor and self._compatible(cluster, want, kinds):
                return cluster
        for subjects_only in (True, False):
            for i, cluster in reversed(mentions):
                if self.doc[i].idx < floor:
                    break
                if subjects_only and not self.doc[i].dep_.startswith("nsubj"):
                    continue
                if self._compatible(cluster, want, kinds):
                    return cluster
        return None

    def _author(self, document: Token):
        """Who "the statement" or "its letter" speaks for: the owner it names, else the latest
        speaker nearby who was told issuing one ("the army said in a statement ... the
        statement said")."""
        for child in document.children:
            if child.dep_ == "poss":
                return self._cluster_near(child) or (
                    self._antecedent(child) if child.pos_ == "PRON" else None)
        floor = self._window_start(document)
        lemma = document.lemma_.lower()
        for i, cluster in reversed(self.speakers):
            if i < document.i and self.doc[i].idx >= floor and any(
                    t.lemma_.lower() == lemma for t in self.doc[i].sent if t.i != document.i):
                return cluster
        return None

    def _described(self, head: Token):
        """A definite description: a person introduced with the same title, or the last speaker."""
        title = head.lemma_.lower()
        floor_paragraph = max(0, self.paragraph_of(head.idx) - 3)
        floor = self.paragraph_starts[floor_paragraph]
        pool = self.person_mentions if head.pos_ != "PROPN" else self.group_mentions
        mentions = pool[: bisect.bisect_left(pool, (head.i,), key=lambda p: (p[0],))]
        for i, cluster in reversed(mentions):
            if self.doc[i].idx < floor:
                break
            for mention in cluster.mentions:
                if mention.start > head.i:
                    continue
                context = self.doc[max(0, mention.start - 3) : mention.end]
                appos = [t for t in mention.root.children if t.dep_ == "appos"]
                words = {t.lemma_.lower() for t in context} | {
                    t.lemma_.lower() for a in appos for t in a.subtree
                }
                if title in words:
                    return cluster
        if head.pos_ == "PROPN" or not _person_noun(head):
            return None  # "the report", "the request": not a person mentioned before
        return self._recent(head, None, {"person"}, self.person_mentions)


def _display_name(span: Span) -> str:
    """ "the company's" -> "company"; "a spokesperson" -> "spokesperson"; names as written."""
    tokens = [t for t in span if not (t.i == span.start and t.lower_ in _LEADING_WORDS)]
    while tokens and tokens[-1].tag_ == "POS":
        tokens.pop()
    if not tokens:
        return span.text
    doc = span.doc
    return doc[tokens[0].i : tokens[-1].i + 1].text


def _speaker_kind(head: Token) -> str:
    """What kind of actor a speaker is, from its entity type, number and role noun."""
    if head.ent_type_ in _ENTITY_KINDS:
        return _ENTITY_KINDS[head.ent_type_]
    role = lexicon().roles.get(head.lemma_.lower()) or lexicon().roles.get(head.lower_)
    if head.tag_ in ("NNS", "NNPS"):
        return "group"
    if role is not None:
        return "organization" if role.body else "person"
    # A bare proper name that says something is most often a person the tagger missed.
    return "person" if head.pos_ == "PROPN" else "organization"


def _person_noun(head: Token) -> bool:
    """A noun that names a person by role ("the minister", "the spokeswoman")."""
    roles = lexicon().roles
    role = roles.get(head.lemma_.lower()) or roles.get(head.lower_)
    return (role is not None and not role.body) or head.lower_ in _FEMALE_WORDS | _MALE_WORDS
