"""Attributed statements: direct quotes, reported speech and mixed quotes, with their speakers.

Data flow, one pass each:

1. quotation marks -> quoted stretches (:mod:`quote_marks`), minus titles, labels and captions;
2. reporting cues in the parse (speech verbs, "according to", "X's claim that") -> statements
   whose content is the cue's complement clause (reported speech);
3. each quoted stretch either *is* the content of a cue (direct quote), sits inside reported
   content (the statement becomes mixed), or has no cue and continues the previous speaker;
4. speakers, channels (``via``) and hedges come from the cue's dependents and its sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.extract.quote_cues import CueLexicon, cue_lexicon
from eventwire.extract.quote_marks import Quoted, find_quotes
from eventwire.extract.quote_speakers import SpeakerResolver
from eventwire.model import Cue, Quote, Span
from eventwire.nlp.doctext import doc_text, paragraphs

__all__ = ["extract_quotes"]

_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
_RELATIVE = {"which", "that", "who", "whom"}
_REQUEST_NOUNS = {"call", "request", "demand", "appeal", "plea", "recommendation", "proposal"}
_FOR_NOUNS = {"call", "demand", "appeal", "plea"}  # "calls for X"; a "request for comment" is not
_TITLE_VERBS = {"titled", "entitled", "named", "headlined", "nicknamed", "dubbed"}
_CONTENT_PREPS = {"as", "of", "for", "against"}
_OBJECT_PREP_VERBS = {"warn", "caution", "blame", "accuse"}
# Hedge adverbs that make a clause a report by themselves ("the navy reportedly saved ...").
_REPORT_ADVERBS = {"reportedly", "allegedly", "purportedly", "reputedly"}
_CLIMB_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acl", "prep")
_TRIM = " \t\n,;:.-–—"
# A quotation shorter than this many words with no cue of its own is a label or scare quote.
_MIN_FLOATING_WORDS = 6
_CLAUSE_CORE = {"nsubj", "nsubjpass", "expl", "mark"}  # "that officials, '...'" is mixed
# Verbs whose subject is the author of the statement they take as object.
_ISSUING_VERBS = {"issue", "release", "make", "publish", "send", "deliver", "give", "post", "put"}
# Documents that carry their issuer's own words ("a statement from the ministry").
_OWN_DOCUMENTS = {"statement", "transcript", "filing", "letter", "release", "communique"}
_CUE_SENTENCE_CHARS = 80  # at most this far from the quote that carries the cue
_SPEAKER_WORDS = {"i", "me", "my", "we", "us", "our", "you", "your"}
# Verbs of holding a view: with "according to <medium>" their subject is the source.
_VIEW_VERBS = {"believe", "think", "feel", "consider", "expect", "fear", "hope", "want", "doubt"}
# A wire dateline at the start of a paragraph: "BELGRADE, March 16 (APS) - ".
_DASH_SIGNATURE = re.compile(r"[ \t]*[-–—][ \t]*(?=[A-Z])")
_DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,}[^\n]{0,40}?\s[-–—]\s")


@dataclass
class Statement:
    start: int
    end: int
    kind: str
    cue: Token | None = None
    cue_end: Token | None = None  # last token of a multi-word cue ("according to")
    speaker: Token | None = None
    actor_id: str | None = None
    mention: tuple[int, int] | None = None
    via: list[Token] = field(default_factory=list)
    hedged: bool = False
    quotes: list[Quoted] = field(default_factory=list)
    frame: list[Token] = field(default_factory=list)  # objects of the cue ("praised him as")


def extract_quotes(doc: Doc) -> list[Quote]:
    """The attributed statements of ``doc``, in text order.

    Speakers are ids of ``doc._.actors``; a speaker the actors stage did not find is added
    there as a new actor, so build the output actors after this.
    """
    if not len(doc):
        return []
    lex = cue_lexicon()
    doc_text(doc)  # cached before anything reads the text
    resolver = SpeakerResolver.for_doc(doc)
    token_starts = doc.to_array("IDX").tolist()  # each token's t.idx, without a Token each
    quoted = [
        q
        for q in find_quotes(doc_text(doc))
        if _is_statement_quote(doc, q, token_starts, resolver.paragraph_starts, lex)
    ]
    in_quote = _quote_index(doc, quoted, token_starts)

    # Shadowed "according to" phrases go before quotations are attached, so that a quoted
    # fragment joins the verb's statement ("said X was 'ready,' according to TASS").
    statements = _without_shadowed_according(_reported_statements(doc, lex, in_quote))
    direct = _attach_quotes(doc, quoted, statements, in_quote, token_starts, lex)
    statements = [s for s in statements if s.kind != "absorbed"] + direct
    statements = _without_shadowed_according(statements)  # now also by mixed descriptions
    statements.sort(key=lambda s: s.start)
    _add_channels(doc, statements, lex)
    _resolve_speakers(doc, statements, resolver)
    known = {c.id for c in doc._.actors or []}
    return [_to_quote(doc, n, s, resolver, known, token_starts) for n, s in enumerate(statements)]


# --- paragraphs ------------------------------------------------------------------------------


def _same_paragraph(a: Token, b: Token) -> bool:
    of_token = paragraphs(a.doc).of_token
    return of_token[a.i] == of_token[b.i]


def _clip(token: Token, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` cut to the paragraph of ``token``."""
    paras = paragraphs(token.doc)
    low, high = paras.bounds(paras.of_token[token.i], len(doc_text(token.doc)))
    return max(start, low), min(end, high)


# --- quotation marks ---------------------------------------------------------------------


def _token_at(token_starts: list[int], char: int) -> int:
    return max(0, bisect.bisect_right(token_starts, char) - 1)


def _quote_index(doc: Doc, quoted: list[Quoted], token_starts: list[int]) -> list[int]:
    """For each token, the index of the quotation it lies in (marks included), or -1."""
    index = [-1] * len(doc)
    for n, q in enumerate(quoted):
        first = _token_at(token_starts, q.open_at)
        last = _token_at(token_starts, q.close_at)
        for i in range(first, last + 1):
            index[i] = n
    return index


def _is_statement_quote(
    doc: Doc, q: Quoted, token_starts: list[int], line_starts: list[int], lex: CueLexicon
) -> bool:
    """False for titles, names and quotation marks in photo captions."""
    text = doc_text(doc)
    next_line = bisect.bisect_right(line_starts, q.close_at)
    start = line_starts[bisect.bisect_right(line_starts, q.open_at) - 1]
    end = line_starts[next_line] - 1 if next_line < len(line_starts) else len(text)
    if _is_caption(text[start:end], lex) and not _cue_follows(doc, q, token_starts, lex):
        return False
    first = _token_at(token_starts, q.open_at)
    before = [t for t in doc[max(0, first - 3) : first] if not t.is_punct and not t.is_space]
    # "the film 'X'", "a report titled 'X'" (but not "to show 'restraint'").
    last = before[-1] if before else None
    if (
        last is not None
        and last.lower_ in lex.title_words
        and (last.pos_ in ("NOUN", "PROPN") or last.lower_ in _TITLE_VERBS)
    ):
        return False
    inner = text[q.start : q.end]
    words = inner.split()
    # A quoted run of capitalised words with no sentence punctuation is a title or a name.
    titled = words and all(w[0].isupper() or not w[0].isalpha() for w in words)
    return not (titled and len(words) <= 8 and not any(c in inner for c in ".!?,"))


def _cue_follows(doc: Doc, q: Quoted, token_starts: list[int], lex: CueLexicon) -> bool:
    """A headline quotation: "'We will rebuild', vows president" (a comma, then the cue)."""
    text = doc_text(doc)
    after = q.close_at + 1
    if text[after : after + 2] != ", " and text[q.end : q.end + 1] != ",":
        return False
    comma = after if text[after : after + 1] == "," else q.end
    nxt = _token_at(token_starts, comma + 2) if comma + 2 < len(text) else None
    return nxt is not None and nxt < len(doc) and _is_cue_verb(doc[nxt], lex)


def _is_caption(line: str, lex: CueLexicon) -> bool:
    stripped = line.strip()
    dateline = _DATELINE.match(stripped)
    if dateline:
        stripped = stripped[dateline.end() :]  # "WASHINGTON (Reuters) - " opens a story
    if not stripped:
        return False
    lowered = stripped.lower()
    credit = any(f"({word}" in lowered or f"{word})" in lowered for word in lex.caption_words)
    unfinished = stripped[-1] not in ".!?\"'”’»)" and len(stripped) < 200
    return credit or (unfinished and stripped.count(" ") < 25 and not stripped.endswith(":"))


# --- reported speech from cues -------------------------------------------------------------


def _reported_statements(doc: Doc, lex: CueLexicon, in_quote: list[int]) -> list[Statement]:
    statements: list[Statement] = []
    by_cue: dict[int, Statement] = {}
    nouns = lex.speech_nouns | _REQUEST_NOUNS  # once, not at every noun
    for tok in doc:
        if in_quote[tok.i] >= 0:
            continue
        lemma = tok.lemma_.lower()
        statement = None
        if tok.pos_ in ("VERB", "AUX") and (
            lemma in lex.speech_verbs or lemma in lex.fragment_verbs
        ):
            statement = _verb_statement(doc, tok, lemma, lex)
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            statement = _according_statement(doc, tok, lex)
        elif tok.pos_ == "NOUN" and lemma in nouns:
            statement = _noun_statement(doc, tok, lex)
        elif tok.lower_ in _REPORT_ADVERBS:
            statement = _adverb_statement(doc, tok, lex)
        if statement is not None:
            statements.append(statement)
            by_cue[tok.i] = statement
    return _settle_nesting(doc, statements, by_cue, lex)


def _span_of(tokens: list[Token]) -> tuple[int, int]:
    start = min(t.left_edge.idx for t in tokens)
    end = max(t.right_edge.idx + len(t.right_edge.text) for t in tokens)
    return start, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    dateline = _DATELINE.match(text, start, min(end, start + 80))
    if dateline and (start == 0 or text[start - 1] == "\n"):
        start = dateline.end()  # "BELGRADE, March 16 (APS) – " is not what anyone said
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _verb_statement(doc: Doc, verb: Token, lemma: str, lex: CueLexicon) -> Statement | None:
    if lemma == "say" and any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "is said to have ...": a hedge on another verb, not a statement
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses:
        # "told a briefing that ...": the parser may hang the clause on the object.
        clauses = [
            g
            for c in verb.children
            if c.dep_ in ("dobj", "dative")
            for g in c.children
            if g.dep_ in ("acl", "ccomp", "relcl") and _has_that(g)
        ]
    kind = "indirect"
    frame: list[Token] = []
    if not clauses and lemma in lex.infinitive_verbs:
        # "asked not to be named" is about the source, not a statement.
        clauses = [
            c
            for c in verb.children
            if c.dep_ == "xcomp" and _has_to(c) and not any(g.dep_ == "auxpass" for g in c.children)
        ]
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and clauses]
        if objects and lemma not in ("tell", "ask", "advise", "remind"):
            clauses = objects + clauses  # "urged Kyiv to negotiate": Kyiv is part of the content
        else:
            frame = objects
    if not clauses and (lemma in lex.fragment_verbs or lemma in _OBJECT_PREP_VERBS):
        # "which the Church describes as ...": the content is what follows the cue;
        # "warned Washington against ...", "praised the police for ...": object + phrase.
        objects = [
            c for c in verb.children if c.dep_ in ("dobj", "oprd") and c.lower_ not in _RELATIVE
        ]
        complements = [
            c for c in verb.children if c.dep_ in ("prep", "oprd", "acomp") and c.i > verb.i
        ]
        complements = [c for c in complements if c.dep_ != "prep" or c.lower_ in _CONTENT_PREPS]
        if not complements and objects:
            complements = [
                c for c in objects[0].children if c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS
            ]
        clauses = objects + complements if complements else []
        # A statement only if a quotation is inside, except for speech acts ("accused X of").
        kind = "indirect" if lemma in lex.speech_verbs else "fragment"
    if (
        not clauses
        and verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    ):
        # "As Smith told the paper, prices have fallen": the main clause is the content.
        phrase_end = verb.right_edge.idx + len(verb.right_edge.text)
        span = _rest_of_sentence(verb, verb.left_edge.idx, phrase_end)
        if span is None:
            return None
        return Statement(*span, "indirect", cue=verb)
    if not clauses and lemma in lex.relay_verbs | lex.fragment_verbs:
        return None
    if lemma not in lex.relay_verbs | {"say", "tell", "add", "write"} and not clauses:
        return None
    clauses = [c for c in clauses if _same_paragraph(c, verb)]
    if any(c.i > verb.i for c in clauses) and any(c.i < verb.i for c in clauses):
        # "X began in May and Norway says Y": a misparse hangs the clause before the cue on
        # it too; what is said follows the cue.
        clauses = [c for c in clauses if c.i > verb.i]
    if clauses:
        start, end = _trimmed(doc_text(doc), *_clip(verb, *_span_of(clauses)))
        if end <= start:
            return None
    else:
        start = end = verb.idx  # a bare cue; it may still introduce a quotation
        kind = "bare"
    frame += [c for c in verb.children if c.dep_ in ("dobj", "dative") and c not in clauses]
    return Statement(start, end, kind, cue=verb, frame=frame)


def _has_that(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def _has_to(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _according_statement(doc: Doc, according: Token, lex: CueLexicon) -> Statement | None:
    to = doc[according.i + 1]
    sources = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in according.children if c.dep_ == "pobj"
    ]
    if not sources:
        return None
    phrase_end = max(according.right_edge.idx + len(according.right_edge.text), to.right_edge.idx)
    span = _rest_of_sentence(according, according.idx, phrase_end)
    if span is None:
        return None
    start, end = span
    source = sources[0]
    statement = Statement(start, end, "indirect", cue=according, cue_end=to)
    statement.speaker = source
    issuer = _issuer(source)
    if issuer is not None:
        # "according to a statement from the ministry": the ministry's own words.
        statement.speaker = issuer
    elif _is_report(source, lex):
        statement.hedged = True  # second-hand: the medium's account
        clause = according.head
        viewer = next(iter(_subjects(clause)), None)
        if clause.lemma_.lower() in _VIEW_VERBS and viewer is not None:
            # "According to the BBC, Smith believes ...": Smith's view, reported by the BBC.
            statement.speaker, statement.via = viewer, [source]
    return statement


def _issuer(document: Token) -> Token | None:
    """X in "a statement from X" / "a transcript released by X": who issued the document."""
    if document.lemma_.lower() not in _OWN_DOCUMENTS:
        return None
    for prep in document.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
        if prep.dep_ == "acl":  # "a transcript released by the Kremlin"
            for agent in prep.children:
                if agent.dep_ == "agent":
                    return next((c for c in agent.children if c.dep_ == "pobj"), None)
    return None


def _adverb_statement(doc: Doc, adverb: Token, lex: CueLexicon) -> Statement | None:
    """ "The navy reportedly saved 200 people": a second-hand report with no named source."""
    clause = adverb.head
    if clause.lemma_.lower() in lex.speech_verbs or clause.pos_ not in ("VERB", "AUX"):
        return None  # "reportedly told ...": a hedge on a statement that has its own cue
    start, end = _trimmed(doc_text(doc), *_clip(adverb, *_span_of([clause])))
    if end <= start:
        return None
    return Statement(start, end, "indirect", cue=adverb, hedged=True)


def _rest_of_sentence(anchor: Token, phrase_start: int, phrase_end: int) -> tuple[int, int] | None:
    """The sentence around an attribution phrase, on the longer side of it."""
    text = doc_text(anchor.doc)
    sent_start, sent_end = _clip(anchor, anchor.sent.start_char, anchor.sent.end_char)
    left = _trimmed(text, sent_start, phrase_start)
    right = _trimmed(text, phrase_end, sent_end)
    start, end = left if left[1] - left[0] >= right[1] - right[0] else right
    # The side holding the clause the phrase modifies, when the parse says which: a headline
    # run into the sentence must not become part of the statement.
    if anchor.head.idx >= phrase_end and right[1] - right[0] >= 10:
        start, end = right
    elif anchor.head.idx < phrase_start and left[1] - left[0] >= 10:
        start, end = left
    return (start, end) if end - start >= 10 else None


def _noun_statement(doc: Doc, noun: Token, lex: CueLexicon) -> Statement | None:
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos") and _has_that(c)]
    if not clauses and noun.lemma_.lower() in _REQUEST_NOUNS:
        # "calls for mandatory testing", "requests to take the video down"
        clauses = [
            c
            for c in noun.children
            if (c.dep_ == "prep" and c.lower_ == "for" and noun.lemma_.lower() in _FOR_NOUNS)
            or (c.dep_ == "acl" and _has_to(c))
        ]
    if not clauses:
        return None
    start, end = _trimmed(doc_text(doc), *_clip(noun, *_span_of(clauses)))
    if end <= start:
        return None
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None
    if verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in lex.speech_verbs:
        # "told the paper in a statement that ...": the verb is the cue, its subject speaks.
        return Statement(start, end, "indirect", cue=verb)
    statement = Statement(start, end, "indirect", cue=noun)
    # "the minister's claim", "a Senate proposal": the owner or the naming modifier speaks.
    owners = [c for c in noun.children if c.dep_ == "poss"] or [
        c for c in noun.children if c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON")
    ]
    if owners:
        statement.speaker = owners[0]
    elif noun.dep_ == "dobj" and noun.head.lemma_.lower() in _ISSUING_VERBS:
        # "The ministry issued a statement that ...": who issued it speaks.
        statement.speaker = next(iter(_subjects(noun.head)), None)
    return statement


def _settle_nesting(
    doc: Doc, statements: list[Statement], by_cue: dict[int, Statement], lex: CueLexicon
) -> list[Statement]:
    """Keep the outermost statement, except that a relayed one wins over its relay.

    "TASS reported that Putin said X": Putin's statement stays and TASS becomes its channel.
    """
    dropped: set[int] = set()
    for statement in statements:
        cue = statement.cue
        if cue is None or statement.kind == "bare":
            continue
        ancestor = cue.head
        steps = 0
        while steps < 8 and _same_paragraph(ancestor, cue):
            outer = by_cue.get(ancestor.i)
            if outer is not None and outer.kind != "bare" and outer.start <= cue.idx < outer.end:
                if outer.cue.lemma_.lower() in lex.relay_verbs:
                    statement.via += _subjects(outer.cue)
                    statement.hedged = True
                    dropped.add(id(outer))
                else:
                    dropped.add(id(statement))
                break
            if ancestor.head.i == ancestor.i:
                break  # the root has been checked
            ancestor = ancestor.head
            steps += 1
    return [s for s in statements if id(s) not in dropped]


def _subjects(verb: Token) -> list[Token]:
    # Nearest first: a dateline misparsed as a second subject ("WASHINGTON (Reuters) - The
    # White House said") is farther from the verb than the real one.
    subjects = sorted(
        (c for c in verb.children if c.dep_ in _SUBJECT_DEPS), key=lambda c: abs(c.i - verb.i)
    )
    names = [s for s in subjects if s.pos_ in ("PROPN", "PRON")]
    return names[:1] or subjects[:1]


def _is_report(token: Token, lex: CueLexicon) -> bool:
    words = {t.lower_ for t in token.subtree if t.i <= token.i}
    phrase = " ".join(t.lower_ for t in token.subtree if t.i <= token.i)
    return (
        token.lemma_.lower() in lex.report_nouns
        or token.lower_ in lex.report_nouns
        or bool(words & lex.media_words)
        or phrase in lex.media_names
        or token.lower_ in lex.media_names
    )


# --- quotations against statements -------------------------------------------------------


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _attach_quotes(
    doc: Doc,
    quoted: list[Quoted],
    statements: list[Statement],
    in_quote: list[int],
    token_starts: list[int],
    lex: CueLexicon,
) -> list[Statement]:
    """Direct statements for the quotations; reported ones holding a quotation become mixed."""
    ordered = sorted(statements, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    direct: list[Statement] = []
    for q in quoted:
        owner = _owner(q, ordered, starts)
        if owner is not None and _introduced(doc_text(doc), q, owner):
            # Quotations after "said:" or "notes, " are direct; a colon ends the reported part.
            direct.append(_direct_from(q, owner))
            colon = doc_text(doc).rfind(":", owner.start, q.open_at)
            owner.start, owner.end = _trimmed(doc_text(doc), owner.start, max(owner.start, colon))
            if owner.end - owner.start < 3:
                owner.kind = "absorbed"
        elif owner is not None and owner.kind not in ("bare",):
            if _sentence_after_clause(doc_text(doc), q, owner, lex):
                direct.append(_direct_from(q, owner))
                owner.start, owner.end = _trimmed(doc_text(doc), owner.start, q.open_at)
            elif _only_the_quote(doc_text(doc), q, owner):
                direct.append(_direct_from(q, owner))
                owner.kind = "absorbed"
            elif q.start >= owner.start and (
                q.end <= owner.end + 2 or _framed(doc_text(doc), q, owner, lex)
            ):
                owner.kind = "mixed"
                owner.quotes.append(q)
                if owner.end <= q.close_at:
                    owner.end = q.close_at + 1  # the closing mark belongs with its words
            elif 2 * _overlap(q.start, q.end, owner.start, owner.end) >= owner.end - owner.start:
                # The reported clause lies inside the quotation: the quotation is the statement.
                direct.append(_direct_from(q, owner))
                owner.kind = "absorbed"
            else:
                owner = None
        if owner is None:
            cue = _nearby_cue(doc, q, token_starts, in_quote, statements, lex)
            if cue is not None:
                direct.append(_direct_from(q, cue))
                if cue.kind == "bare":
                    cue.kind = "absorbed"
            else:
                direct.append(Statement(q.start, q.end, "direct", quotes=[q]))
    for statement in statements:
        if statement.kind == "fragment":
            statement.kind = "absorbed"  # "praised him as a leader": no quotation, no statement
        elif statement.kind == "bare":
            statement.kind = "absorbed"
    cued_ends = [d.quotes[0].close_at for d in direct if d.cue is not None and d.quotes]
    return [d for d in direct if _keep_direct(doc, d) or _follows_cued_quote(doc, d, cued_ends)]


def _follows_cued_quote(doc: Doc, statement: Statement, cued_ends: list[int]) -> bool:
    """ '"We must act now," Haddad said. "Every hour counts."': a short quotation right after
    its speaker's attributed one, in the same paragraph, goes on with what they said."""
    if statement.cue is not None or not statement.quotes:
        return False
    text = doc_text(doc)
    q = statement.quotes[0]
    gap = [e for e in cued_ends if e < q.open_at and q.open_at - e <= _CUE_SENTENCE_CHARS]
    if not gap or "\n" in text[gap[-1] : q.open_at]:
        return False
    between = text[gap[-1] + 1 : q.open_at].rstrip()
    return between.endswith(".") and q.inner_last in ".!?…" and text[q.start].isupper()


def _without_shadowed_according(statements: list[Statement]) -> list[Statement]:
    """ "X said ..., according to TASS": TASS is a channel of X's statement, not a speaker."""
    verb_sentences = {
        (s.cue.sent.start, paragraphs(s.cue.doc).of_token[s.cue.i])
        for s in statements
        # A descriptive verb without a quotation ("called the talks useful") is no statement.
        if s.cue is not None and s.cue.lower_ != "according" and s.kind != "fragment"
    }
    return [
        s
        for s in statements
        if s.cue is None
        or s.cue.lower_ != "according"
        or (s.cue.sent.start, paragraphs(s.cue.doc).of_token[s.cue.i]) not in verb_sentences
    ]


def _introduced(text: str, q: Quoted, owner: Statement) -> bool:
    cue = owner.cue
    if cue is None or cue.idx > q.open_at:
        return False
    if text[: q.open_at].rstrip().endswith(":"):
        return True
    between = text[cue.idx + len(cue.text) : q.open_at].strip()
    return between in ("", ",", ":")


def _owner(q: Quoted, ordered: list[Statement], starts: list[int]) -> Statement | None:
    """The reported statement whose content overlaps the quotation most."""
    best, best_overlap = None, 0
    upto = bisect.bisect_right(starts, q.end)
    for statement in ordered[max(0, upto - 12) : upto]:
        if statement.kind in ("bare", "absorbed"):
            continue
        shared = _overlap(q.start, q.end, statement.start, statement.end)
        smaller = best is None or statement.end - statement.start < best.end - best.start
        if shared > best_overlap or (shared == best_overlap and shared and smaller):
            best, best_overlap = statement, shared
    return best


def _only_the_quote(text: str, q: Quoted, statement: Statement) -> bool:
    """Whether a reported clause is the quotation itself: no words of the frame before the
    opening mark ("him as '...'" is mixed), and the quotation covers most of the clause."""
    start = statement.start
    if any(ch.isalnum() for ch in text[start : q.open_at]):
        if not _introductory(statement, start, q.open_at):
            return False
        start = q.open_at
    covered = _overlap(q.start, q.end, start, statement.end)
    return covered >= 0.8 * max(1, statement.end - start)


def _introductory(statement: Statement, start: int, end: int) -> bool:
    """A short verbless phrase set off by a comma before the quotation ("By then, '...'"):
    it places the quotation in time or place, it is not part of what was said."""
    if statement.cue is None:
        return False
    words = statement.cue.doc.char_span(start, end, alignment_mode="contract") or []
    return (
        bool(words)
        and words[-1].text == ","
        and len(words) <= 6
        and not any(t.pos_ in ("VERB", "AUX") or t.dep_ in _CLAUSE_CORE for t in words)
    )


def _framed(text: str, q: Quoted, owner: Statement, lex: CueLexicon) -> bool:
    """Reported words before the opening mark ("wrote that '...'", "said officials, '...'"):
    the statement is mixed even when the quotation runs past the parsed clause, unless a cue
    of its own introduces the quotation ("reported a message stating, '...'")."""
    if owner.cue is None or owner.cue.idx >= owner.start or q.start >= owner.end:
        return False  # a quotation after the reported clause is a statement of its own
    if not any(ch.isalpha() for ch in text[owner.start : q.open_at]):
        return False
    before = owner.cue.doc.char_span(owner.start, q.open_at, alignment_mode="contract") or []
    return not any(_is_cue_verb(t, lex) for t in before)


def _sentence_after_clause(text: str, q: Quoted, owner: Statement, lex: CueLexicon) -> bool:
    """ 'said kits were ready," For example, ...': a whole reported clause, a comma, then a
    capitalised quotation. The quotation is a direct statement of its own."""
    if owner.cue is None or not owner.start < q.open_at <= owner.end:
        return False
    if not text[q.start : q.start + 1].isupper() or not text[: q.open_at].rstrip().endswith(","):
        return False
    before = owner.cue.doc.char_span(owner.start, q.open_at, alignment_mode="contract") or []
    if any(_is_cue_verb(t, lex) for t in before):
        return False  # "... a message stating, '...'": that cue introduces it
    return any(t.pos_ in ("VERB", "AUX") and t.dep_ != "aux" for t in before)


def _direct_from(q: Quoted, cue_statement: Statement) -> Statement:
    return Statement(
        q.start,
        q.end - 1 if q.end - q.start > 1 and q.inner_last == "," else q.end,
        "direct",
        cue=cue_statement.cue,
        cue_end=cue_statement.cue_end,
        speaker=cue_statement.speaker,
        via=list(cue_statement.via),
        hedged=cue_statement.hedged,
        quotes=[q],
        frame=list(cue_statement.frame),
    )


def _nearby_cue(
    doc: Doc,
    q: Quoted,
    token_starts: list[int],
    in_quote: list[int],
    statements: list[Statement],
    lex: CueLexicon,
) -> Statement | None:
    """A cue in the sentence right after or right before the quotation ("...," he said)."""
    first = _token_at(token_starts, q.open_at)
    last = _token_at(token_starts, q.close_at)
    bare = {s.cue.i: s for s in statements if s.cue is not None and s.kind in ("bare", "absorbed")}
    after_sent = doc[last].sent
    text = doc_text(doc)
    signed = _DASH_SIGNATURE.match(text, q.close_at + 1)
    if signed and q.inner_last in ".!?…":  # a sentence, not a title in a list of sources
        # A pull quote signed '"..." - Jane Smith': the name is the speaker, there is no cue.
        name = doc[_token_at(token_starts, signed.end())]
        if name.pos_ == "PROPN":
            while name.dep_ == "compound" and name.head.i > name.i:
                name = name.head
            return Statement(q.start, q.end, "bare", speaker=name)
    # "...," he said / "...?" asked Smith: the quotation ends its clause before the cue.
    ends_clause = q.inner_last in ",.!?…" or text[q.close_at + 1 : q.close_at + 2] in (",", "")
    reach = 12 if ends_clause else 0
    for tok in doc[last + 1 : min(after_sent.end, last + 1 + reach)]:
        if in_quote[tok.i] >= 0 or "\n" in tok.text:
            break
        if tok.i in bare or _is_cue_verb(tok, lex):
            return bare.get(tok.i) or Statement(q.start, q.end, "bare", cue=tok)
    before_sent = doc[first].sent
    # He said: "..." / she told them, "...": a colon or comma right before the quotation.
    # ... or a dash after an interrupting cue: '"The plan," she said — pausing — "is dead."'
    introduced = text[: q.open_at].rstrip()[-1:] in (":", ",", "—", "–")
    reach = 12 if introduced else 0
    floor = before_sent.start
    if floor == first and floor > 0 and text[: q.open_at].rstrip().endswith(":"):
        floor = doc[floor - 1].sent.start  # the colon ends the sentence above
    for tok in reversed(doc[max(floor, first - reach) : first]):
        # 'She said:' may stand as a paragraph of its own above the quotation.
        after_colon = tok.is_space and text[: tok.idx].rstrip().endswith(":")
        if in_quote[tok.i] >= 0 or ("\n" in tok.text and not after_colon):
            break
        if tok.i in bare or _is_cue_verb(tok, lex):
            return bare.get(tok.i) or Statement(q.start, q.end, "bare", cue=tok)
        words_of = _in_the_words_of(tok)
        if words_of is not None:
            cue, cue_end, speaker = words_of
            return Statement(q.start, q.end, "bare", cue=cue, cue_end=cue_end, speaker=speaker)
    return None


def _in_the_words_of(tok: Token) -> tuple[Token, Token, Token] | None:
    """ "in the words of the prosecutor, Jane Smith, "..."": cue "in ... of" and its speaker."""
    if tok.lower_ != "words" or tok.dep_ != "pobj" or tok.head.lower_ != "in":
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    speaker = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if of is None or speaker is None:
        return None
    return tok.head, of, speaker


def _is_cue_verb(tok: Token, lex: CueLexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lex.speech_verbs


def _keep_direct(doc: Doc, statement: Statement) -> bool:
    """A quotation without a cue is kept when it reads as a sentence (floating quote)."""
    if statement.cue is not None or statement.speaker is not None:
        return True
    quoted = statement.quotes[0]
    after = doc_text(doc)[quoted.close_at + 1 : quoted.close_at + 2]
    if quoted.inner_last not in ".!?…" and after not in (".", "!", "?"):
        return False  # a headline or a name, not a sentence someone said
    span = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if t.is_alpha]
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span)
    # Short sentences count when they speak in the first or second person ("I agree."):
    # headlines and titles rarely do.
    spoken = any(t.lower_ in _SPEAKER_WORDS for t in words)
    return has_verb and len(words) >= (3 if spoken else _MIN_FLOATING_WORDS)


# --- channels, hedges, speakers -------------------------------------------------------------


def _add_channels(doc: Doc, statements: list[Statement], lex: CueLexicon) -> None:
    """Intermediaries and hedges found around each statement's cue."""
    for statement in statements:
        cue = statement.cue
        if cue is None:
            continue
        lemma = cue.lemma_.lower()
        relay = _relay_of(cue, lex)
        if relay is not None:
            speaker, channels = relay
            # "It quoted critics, with Smith stating ...": a cue with its own subject keeps it.
            own = _subjects(cue) if cue.pos_ in ("VERB", "AUX") else []
            statement.speaker = own[0] if own else speaker
            statement.via += channels
            statement.hedged = True
        elif statement.speaker is None and cue.lower_ != "according":
            subjects = _subject_of(cue)
            if subjects is not None and any(
                q.open_at < subjects.idx < q.close_at for q in statement.quotes
            ):
                subjects = None  # "'We will rebuild', vows president": not the quote's "We"
            statement.speaker = subjects
            if subjects is None and cue.pos_ in ("VERB", "AUX"):
                statement.speaker = _inverted_subject(cue) or _subject_before(cue)
        if lemma == "tell":
            statement.via += [
                c for c in cue.children if c.dep_ in ("dative", "dobj") and _is_report(c, lex)
            ]
        for tok in cue.sent:
            if (
                tok.lower_ in lex.hedge_words
                and _same_paragraph(tok, cue)
                and tok.head in (cue, cue.head)
            ):
                statement.hedged = True
        reporters, spoken_to = _sentence_channels(doc, cue, statement, lex)
        statement.via += reporters + spoken_to
        if reporters:
            statement.hedged = True  # known through someone else's report


def _relay_of(cue: Token, lex: CueLexicon) -> tuple[Token | None, list[Token]] | None:
    """Speaker and channel of "X quoted Y as saying" / "Y was quoted by X as saying"."""
    node, steps = cue, 0
    while node.head.i != node.i and steps < 3:
        node = node.head
        steps += 1
        if node.lemma_.lower() in ("quote", "cite"):
            passive = [c for c in node.children if c.dep_ == "nsubjpass"]
            if passive:
                agents = [p for a in node.children if a.dep_ == "agent" for p in a.children]
                return passive[0], agents[:1]
            objects = [c for c in node.children if c.dep_ == "dobj"]
            return (objects[0] if objects else None), _subjects(node)
    return None


def _subject_of(cue: Token) -> Token | None:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children):
        # "were told to ...", "it was announced that ...": the speaker is the agent, if any.
        agents = [p for a in cue.children if a.dep_ == "agent" for p in a.children]
        return agents[0] if agents else None
    node, steps = cue, 0
    while steps < 5:
        subjects = _subjects(node)
        if subjects:
            return subjects[0]
        participle = node.dep_ in ("acl", "amod") and node.tag_ == "VBG"
        if node.dep_ == "relcl" or (participle and node.head.pos_ in ("NOUN", "PROPN")):
            return node.head  # "a letter saying ...": the letter speaks
        if node.dep_ not in _CLIMB_DEPS or node.head.i == node.i or not _same_paragraph(node, cue):
            return None
        node = node.head
        steps += 1
    return None


def _subject_before(cue: Token) -> Token | None:
    """The noun right before a subjectless cue ("... and Norway says ..."), for parses that
    attach it elsewhere."""
    i = cue.i - 1
    while i >= cue.sent.start and cue.doc[i].pos_ == "ADV":
        i -= 1
    if i < cue.sent.start or cue.tag_ not in ("VBZ", "VBP", "VBD"):
        return None
    token = cue.doc[i]
    return token if token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound" else None


def _inverted_subject(cue: Token) -> Token | None:
    for child in cue.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod", "appos", "dative") and child.pos_ in (
            "PROPN",
            "PRON",
            "NOUN",
        ):
            return child
    return None


def _sentence_channels(
    doc: Doc, cue: Token, statement: Statement, lex: CueLexicon
) -> tuple[list[Token], list[Token]]:
    """Channels in the cue's sentence: reporters ("according to TASS", "TASS reported") and
    media spoken to ("in an interview with the BBC"); only the first make a statement hedged."""
    found: list[Token] = []
    spoken_to: list[Token] = []
    if cue.lower_ == "according":
        return found, spoken_to
    for tok in cue.sent:
        if not _same_paragraph(tok, cue):
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            found += [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
        elif tok.lemma_.lower() in lex.relay_verbs and tok.pos_ == "VERB" and tok.i != cue.i:
            if not any(c.dep_ == "ccomp" for c in tok.children) or cue in tok.subtree:
                found += _subjects(tok)
        elif tok.lower_ == "interview":
            spoken_to += [
                p
                for prep in tok.children
                if prep.dep_ == "prep" and prep.lower_ in ("with", "to")
                for p in prep.children
                if p.dep_ == "pobj"
            ]
    speaker = statement.speaker

    def others(tokens: list[Token]) -> list[Token]:
        return [t for t in tokens if speaker is None or t.i != speaker.i]

    return others(found), others(spoken_to)


def _resolve_speakers(doc: Doc, statements: list[Statement], resolver: SpeakerResolver) -> None:
    """Actors behind the speakers, in text order so that floating quotes follow the last one."""
    previous: Statement | None = None
    for statement in statements:
        if statement.speaker is not None:
            resolved = resolver.resolve(statement.speaker)
            resolver.adopt(statement.speaker, resolved)
            statement.actor_id, statement.mention = resolved.actor_id, resolved.mention
            cluster = resolver.by_token.get(statement.speaker.i)
            if resolved.actor_id is not None:
                cluster = next(
                    (c for c in doc._.actors or [] if c.id == resolved.actor_id), cluster
                )
            if cluster is not None:
                resolver.note_speaker(statement.speaker, cluster)
        elif statement.cue is None and (announcer := _announcer(doc, statement, resolver)):
            # 'Smith issued a statement on Monday. "We are disappointed ..."'
            resolved = resolver.resolve(announcer)
            resolver.adopt(announcer, resolved)
            statement.speaker, statement.actor_id = announcer, resolved.actor_id
            statement.mention = resolved.mention
        elif (
            statement.cue is None
            and previous is not None
            and _continues(previous, statement, resolver)
        ):
            statement.actor_id = previous.actor_id
            statement.speaker = previous.speaker
            statement.via = list(previous.via)
            statement.hedged = previous.hedged
        if statement.speaker is not None or statement.cue is not None:
            previous = statement


def _announcer(doc: Doc, floating: Statement, resolver: SpeakerResolver) -> Token | None:
    """The subject of the sentence right before a cue-less quotation, when that sentence is
    about speaking ("X spoke to reporters.", "X issued a statement on the decision.")."""
    if not floating.quotes:
        return None
    first = doc.char_span(floating.quotes[0].open_at, floating.quotes[0].open_at + 1, "expand")
    if first is None or first.start == 0 or first.start != first[0].sent.start:
        return None
    before = doc[first.start - 1].sent
    gap = resolver.paragraph_of(floating.start) - resolver.paragraph_of(before.end_char)
    verb = before.root
    if not 0 <= gap <= 1 or verb.pos_ not in ("VERB", "AUX"):
        return None
    lex = cue_lexicon()
    lemma = verb.lemma_.lower()
    speaking = lemma in lex.speech_verbs or lemma == "speak"
    issuing = lemma in _ISSUING_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in lex.speech_nouns for c in verb.children
    )
    subjects = _subjects(verb) if speaking or issuing else []
    return subjects[0] if subjects and subjects[0].pos_ != "PRON" else None


def _continues(previous: Statement, floating: Statement, resolver: SpeakerResolver) -> bool:
    """A floating quote in the same or the next paragraph carries on the previous speaker."""
    gap = resolver.paragraph_of(floating.start) - resolver.paragraph_of(previous.end)
    return 0 <= gap <= 1


# --- output -------------------------------------------------------------------------------


def _to_quote(
    doc: Doc,
    n: int,
    statement: Statement,
    resolver: SpeakerResolver,
    known: set[str],
    token_starts: list[int],
) -> Quote:
    text = doc_text(doc)
    kind = "indirect" if statement.kind not in ("direct", "mixed") else statement.kind
    cue = None
    if statement.cue is not None:
        last = statement.cue_end or statement.cue
        start, end = statement.cue.idx, last.idx + len(last.text)
        lemma = statement.cue.lemma_.lower()
        if statement.cue_end is not None:
            lemma = f"{lemma} {statement.cue_end.lemma_.lower()}"
        cue = Cue(start=start, end=end, text=text[start:end], lemma=lemma)
    mention = None
    if statement.speaker is not None and statement.mention:
        m0, m1 = statement.mention
        mention = Span(start=m0, end=m1, text=text[m0:m1])
    speaker = statement.actor_id if statement.actor_id in known else None
    via_names = _via_names(statement, resolver, speaker)
    return Quote(
        id=f"Q{n + 1}",
        text=text[statement.start : statement.end],
        start=statement.start,
        end=statement.end,
        kind=kind,
        speaker=speaker,
        speaker_mention=mention,
        cue=cue,
        via=via_names,
        hedged=statement.hedged,
        about=_about(doc, statement, resolver, speaker, token_starts),
    )


def _via_names(statement: Statement, resolver: SpeakerResolver, speaker: str | None) -> list[str]:
    names: list[str] = []
    for token in statement.via:
        cluster = resolver.cluster_of(token)
        if cluster is not None and cluster.id == speaker:
            continue
        if cluster is not None:
            name = cluster.name
        else:
            start, end = resolver.mention_span(token)
            name = doc_text(resolver.doc)[start:end]
        if name and name not in names:
            names.append(name)
    return names


def _about(
    doc: Doc,
    statement: Statement,
    resolver: SpeakerResolver,
    speaker: str | None,
    token_starts: list[int],
) -> list[str]:
    """Actors mentioned in the content or the cue's objects, other than speaker and channels."""
    excluded = {speaker} | {
        c.id for c in (resolver.cluster_of(v) for v in statement.via) if c is not None
    }
    found: list[str] = []
    tokens: list[Token] = []
    if statement.end > statement.start:
        first = _token_at(token_starts, statement.start)
        last = _token_at(token_starts, statement.end - 1)
        tokens = list(doc[first : last + 1])
    for frame in statement.frame:
        tokens += list(frame.subtree)
    for tok in tokens:
        cluster = resolver.by_token.get(tok.i)
        if cluster is not None and cluster.id not in excluded and cluster.id not in found:
            found.append(cluster.id)
    return found
