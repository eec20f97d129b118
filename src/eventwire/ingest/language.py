"""Language identification with py3langid (offline, a few milliseconds per article)."""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

# Long articles say no more about their language than their first few thousand characters.
_SAMPLE_CHARS = 4000
_MIN_LETTERS = 20  # fewer letters than this tell nothing about the language
# Below this probability the identifier is guessing (py3langid is sure of most short texts, so
# this catches only the real toss-ups); a guess never refuses a text.
_CONFIDENCE_FLOOR = 0.9


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str, expected: Collection[str] = ()) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell.

    With ``expected`` languages (those a run analyses), a text is called another language only
    when its common words say so too: names carry the spelling of their own language ("José
    María Aznar", "Ségolène Royal"), and in a short text they can outvote the sentence around
    them, so when the whole text looks like another language it is asked again without its
    capitalised words. Too few words left to tell, or a low probability: None (not refused).
    """
    sample = text[:_SAMPLE_CHARS]
    if _letters(sample) < _MIN_LETTERS:
        return None
    language, probability = _identifier().classify(sample)
    if not expected or language in expected:
        return language
    common = " ".join(word for word in sample.split() if not word[:1].isupper())
    if _letters(common) < _MIN_LETTERS:
        return None  # nearly all names: nothing to go on
    second, second_probability = _identifier().classify(common)
    if second in expected:
        return second
    if min(probability, second_probability) < _CONFIDENCE_FLOOR:
        return None
    return language


def _letters(text: str) -> int:
    return sum(map(str.isalpha, text))  # counted in C: a generator costs 3x as much
