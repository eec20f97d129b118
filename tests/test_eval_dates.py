"""The event-date gold (eval/dates) is consistent, and scripts/eval_dates.py scores it."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import SimpleNamespace

import eval_dates
import pytest

REPO = Path(__file__).resolve().parents[1]
DATES = REPO / "eval" / "dates"


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def articles() -> dict[str, dict]:
    return {a["id"]: a for a in read_jsonl(DATES / "articles.jsonl")}


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return read_jsonl(DATES / "gold.jsonl")


def test_gold_offsets_point_at_their_triggers(articles, gold):
    for row in gold:
        text = articles[row["article"]]["text"]
        start, sentence = row["trigger_start"], row["sentence_start"]
        assert text[start : start + len(row["trigger"])] == row["trigger"], row
        assert re.fullmatch(r"\w+", row["trigger"]), row
        # The sentence starts the text or follows whitespace, and runs to the trigger unbroken.
        assert 0 <= sentence <= start and (sentence == 0 or text[sentence - 1].isspace()), row
        assert "\n\n" not in text[sentence:start], row
        assert not re.search(r"[.!?][\"”]? [A-Z]", text[sentence:start]), row


def test_gold_dates_are_sane(articles, gold):
    for row in gold:
        published = articles[row["article"]]["published"]
        assert 1990 <= int(row["year"]) <= int(published[:4]), row
        assert row["month"] is None or 1 <= int(row["month"]) <= 12, row
        if row["year"] == published[:4] and row["month"]:
            assert row["month"] <= published[5:7], row
        same_month = row["year"] == published[:4] and row["month"] == published[5:7]
        assert row["background"] == (not same_month), row
    assert sum(r["background"] for r in gold) * 2 >= len(gold)


def test_articles_are_news_sized_and_built_from_the_marked_source(articles, gold):
    for article in articles.values():
        assert 250 <= len(article["text"].split()) <= 600, article["id"]
        assert re.fullmatch(r"(2019|202[0-6])-\d\d-\d\d", article["published"])
    spec = importlib.util.spec_from_file_location("build_dates", DATES / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    built = build.parse((DATES / "articles_marked.txt").read_text(encoding="utf-8"))
    assert built == (list(articles.values()), gold), "run python eval/dates/build.py"


def test_score_matches_by_trigger_overlap_and_compares_year_and_month():
    text = "In 2019, Norway expelled a Russian envoy. Russia protested on Monday."
    articles = [{"id": "x", "published": "2021-03-10", "title": "t", "text": text}]
    gold = [
        {"article": "x", "sentence_start": 0, "trigger": "expelled", "trigger_start": 16,
         "year": "2019", "month": None, "background": True},
        {"article": "x", "sentence_start": 42, "trigger": "protested", "trigger_start": 49,
         "year": "2021", "month": "03", "background": False},
    ]  # fmt: skip

    def event(start: int, end: int, date: str, basis: str) -> SimpleNamespace:
        return SimpleNamespace(
            trigger=SimpleNamespace(start=start, end=end), date=date, date_basis=basis,
            confidence=0.5,
        )  # fmt: skip

    scores = eval_dates.score(articles, gold, {"x": [event(16, 24, "2021-03-10", "publication")]})
    numbers = eval_dates.summary(scores)
    assert numbers["gold events found"] == (1, 2)
    assert numbers["year right (found, background)"] == (0, 1)
    assert numbers["publication-date fallback (found, background)"] == (1, 1)
    assert eval_dates.error_kind(scores.judged[1]) == "trigger not found"


def test_eval_dates_runs_eventwire_on_two_articles(nlp, articles, gold):
    two = [articles["d01"], articles["d10"]]
    rows = [g for g in gold if g["article"] in {"d01", "d10"}]
    scores = eval_dates.score(two, rows, eval_dates.code_articles(two))
    numbers = eval_dates.summary(scores)
    found, total = numbers["gold events found"]
    assert total == len(rows) and found >= total // 2
    right, dated = numbers["year right (found)"]
    assert right >= dated * 0.7
    assert "| gold events found |" in eval_dates.section(scores, two)
