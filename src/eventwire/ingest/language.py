"""Language identification with py3langid (offline, a few milliseconds per article)."""

from __future__ import annotations

from functools import lru_cache

# Long articles say no more about their language than their first few thousand characters.
_SAMPLE_CHARS = 4000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    language, _probability = _identifier().classify(sample)
    return language
