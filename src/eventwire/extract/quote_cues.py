"""The reporting-cue lexicon (``data/cues.yaml``), read once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventwire.data import load_yaml


@dataclass(frozen=True)
class CueLexicon:
    speech_verbs: frozenset[str]
    fragment_verbs: frozenset[str]
    relay_verbs: frozenset[str]
    infinitive_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    hedge_words: frozenset[str]
    report_nouns: frozenset[str]
    media_words: frozenset[str]
    media_names: frozenset[str]
    title_words: frozenset[str]
    caption_words: tuple[str, ...]


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    raw = load_yaml("cues.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key) or [])

    return CueLexicon(
        speech_verbs=words("speech_verbs"),
        fragment_verbs=words("fragment_verbs"),
        relay_verbs=words("relay_verbs"),
        infinitive_verbs=words("infinitive_verbs"),
        speech_nouns=words("speech_nouns"),
        hedge_words=words("hedge_words"),
        report_nouns=words("report_nouns"),
        media_words=words("media_words"),
        media_names=words("media_names"),
        title_words=words("title_words"),
        caption_words=tuple(sorted(words("caption_words"))),
    )
