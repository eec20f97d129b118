"""Hostile plain text for the cleaner's time bounds: shapes that make naive regexes or
line-by-line loops take more than linear time. Each maker returns about ``size`` characters."""

from __future__ import annotations

import random
from collections.abc import Callable

_SENTENCE = (
    "the minister thought that talks with the union would go on next week and a deal was near "
    "after months of strikes across the ports"
)
_WORDS = _SENTENCE.split(" ")


def _words(size: int, seed: int, vocabulary: tuple[str, ...] | list[str] = _WORDS) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(vocabulary)
        out.append(word)
        total += len(word) + 1
    return out


def unclosed_quote(size: int, seed: int = 1) -> str:
    """One paragraph opening a quotation it never closes (the cubic case of issue 12)."""
    return '"' + " ".join(_words(size - 1, seed))


def many_quote_marks(size: int, seed: int = 1) -> str:
    return " ".join(w if i % 3 else "“" + w for i, w in enumerate(_words(size, seed)))


def unclosed_parenthesis(size: int, seed: int = 1) -> str:
    """Photo-credit words inside a parenthesis that never closes."""
    words = _words(size, seed, [*_WORDS, "photo", "getty", "(", "credit:"])
    return "(" + " ".join(words)


def open_parentheses(size: int, seed: int = 1) -> str:
    return "( " * (size // 2)


def hard_wrapped(size: int, seed: int = 1) -> str:
    """Lines that each continue the one before: all joined into one unit."""
    words = _words(size, seed)
    return "\n".join(" ".join(words[i : i + 9]) for i in range(0, len(words), 9))


def many_sentences_one_line(size: int, seed: int = 1) -> str:
    words = _words(size, seed)
    return " ".join(
        " ".join(words[i : i + 6]).capitalize() + "." for i in range(0, len(words), 6)
    )


def glued_words(size: int, seed: int = 1) -> str:
    return "".join(w.capitalize() for w in _words(size, seed))


def one_long_word(size: int, seed: int = 1) -> str:
    return "a" * size


def appeal_lines(size: int, seed: int = 1) -> str:
    """Reader appeals line after line: each one spreads to its neighbour."""
    line = "Your support keeps our journalism free, you can donate"
    other = "We ask you to sign up for our newsletter today"
    lines = [line if i % 2 else other for i in range(size // 50)]
    return "\n".join(lines) + "\nSupport us"


def appeal_chain(size: int, seed: int = 1) -> str:
    """Lines that each join a reader appeal only once their neighbour has: a chain that grows
    backwards from the appeal at the end, one line at a time."""
    line = "We hope you enjoy reading the newsletter each morning at home"
    return "\n".join([line] * (size // 60) + ["Sign up"])


def menu_separators(size: int, seed: int = 1) -> str:
    return " | ".join(_words(size, seed))


def short_lines(size: int, seed: int = 1) -> str:
    """Thousands of one-word lines: menus, tags, navigation."""
    return "\n".join(_words(size, seed))


def comment_headers(size: int, seed: int = 1) -> str:
    return "\n".join(["Comments", "Reply", "Anna says:"] * (size // 25))


SHAPES: dict[str, Callable[..., str]] = {
    "unclosed quote": unclosed_quote,
    "many quote marks": many_quote_marks,
    "unclosed parenthesis": unclosed_parenthesis,
    "open parentheses": open_parentheses,
    "hard-wrapped lines": hard_wrapped,
    "many sentences on one line": many_sentences_one_line,
    "glued words": glued_words,
    "one long word": one_long_word,
    "appeal lines": appeal_lines,
    "appeal chain": appeal_chain,
    "menu separators": menu_separators,
    "one-word lines": short_lines,
    "comment headers": comment_headers,
}
