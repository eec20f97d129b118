"""Statement extraction never crashes and keeps every span true to the text, whatever the input.

Runs the real spaCy pipeline; example counts are kept small so the suite stays fast.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.extract import extract
from eventwire.extract.quote_marks import find_quotes
from eventwire.model import Document

MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "„"]
WORDS = ["said", "he", "she", "told", "reporters", "that", "according", "to", "Smith", "Jones"]
WORDS += ["the", "plan", "will", "fail", "Kremlin", "claimed", ",", ".", ":", "\n", "\n\n"]

texty = st.lists(st.sampled_from(WORDS + MARKS), max_size=60).map(" ".join)
glued = st.lists(st.sampled_from(WORDS + MARKS), max_size=60).map("".join)
anything = st.text(max_size=300)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(nlp, text: str) -> None:
    doc = nlp(text)
    document = Document(id="prop", text=text)
    _, quotes, _ = extract(doc, document)
    ids = set()
    for q in quotes:
        assert text[q.start : q.end] == q.text
        assert q.start <= q.end
        for span in (q.cue, q.speaker_mention):
            if span is not None:
                assert text[span.start : span.end] == span.text
        assert q.id not in ids
        ids.add(q.id)


@SETTINGS
@given(text=st.one_of(texty, glued, anything))
def test_any_text_gives_true_spans(nlp, text):
    check(nlp, text)


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(glued, anything))
def test_quote_marks_pair_inside_the_text(text):
    for q in find_quotes(text):
        assert 0 <= q.open_at < q.start <= q.end <= q.close_at <= len(text)
        assert text[q.start : q.end] == text[q.start : q.end].strip()


def test_ten_thousand_character_sentence_with_odd_marks(nlp):
    clause = 'Smith said "the plan, which “never” worked, will fail and ‘they know it, '
    text = (clause * (10_000 // len(clause) + 1))[:10_000] + "."
    check(nlp, text)


def test_unbalanced_quotes_sample(nlp):
    text = (
        'Minister Ana Ruiz said on Thursday that the West "was not interested in peace.\n\n'
        "“We have said many times that we are ready,” Ruiz told a news conference. "
        '"But nobody is listening.”\n\n'
        "A spokesman described the position as ‘predictable” and said Madrid would respond "
        '"in its own time.'
    )
    check(nlp, text)
