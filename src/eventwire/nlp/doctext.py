"""What every stage reads of a parsed document's text, built once per doc: the text itself and
its paragraphs (one per line of the clean text).

spaCy joins all tokens again on every ``doc.text``; these keep the result in ``doc.user_data``
(a cache: written as nothing when the doc is serialised, rebuilt on first use).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc

__all__ = ["Paragraphs", "doc_text", "line_break_tokens", "paragraphs"]


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins all tokens again on every access."""
    text = doc.user_data.get("eventwire_text")
    if text is None:
        text = doc.user_data["eventwire_text"] = doc.text
    return text


def line_break_tokens(doc: Doc) -> list[int]:
    """The tokens whose text holds a line break, in order, found from the text's line breaks
    (a loop over every token costs a Token object each). A token's trailing space is one space
    or none, so a line break is always inside a token."""
    if not len(doc):
        return []
    offsets = doc.to_array("IDX").tolist()
    found = (bisect.bisect_right(offsets, m.start()) - 1 for m in re.finditer("\n", doc_text(doc)))
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class Paragraphs:
    """The paragraphs (lines) of a doc's text. spaCy's parser sometimes runs a sentence over a
    paragraph break; statements, actors' home countries and places never do."""

    starts: list[int]  # char offset where each paragraph (line) starts
    of_token: list[int]  # paragraph index of each token

    def bounds(self, paragraph: int, text_len: int) -> tuple[int, int]:
        """(start, end) of ``paragraph``: from its first character to its line break."""
        end = self.starts[paragraph + 1] - 1 if paragraph + 1 < len(self.starts) else text_len
        return self.starts[paragraph], end

    def of_char(self, char: int) -> int:
        return bisect.bisect_right(self.starts, char) - 1


def paragraphs(doc: Doc) -> Paragraphs:
    """The paragraph index of ``doc``, built once."""
    cached = doc.user_data.get("eventwire_paragraphs")
    if cached is None:
        starts = [0] + [m.end() for m in re.finditer("\n", doc_text(doc))]
        of_token = [bisect.bisect_right(starts, idx) - 1
                    for idx in doc.to_array("IDX").tolist()]  # t.idx, without a Token each
        cached = doc.user_data["eventwire_paragraphs"] = Paragraphs(starts, of_token)
    return cached
