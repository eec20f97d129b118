"""The real-news evaluations (scripts/eval_news_events.py, eval_news_actors.py, news_gold.py,
eval_gate.py) on small hand-made gold and predictions, and the committed gold files' contents.

No shared data is needed, except by the one test that re-checks the gold offsets against the
article bodies (skipped without it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import eval_gate
import eval_news_actors as actors
import eval_news_events as events
import news_gold
import pytest
from eval_news_events import Item, Party

REPO = Path(__file__).resolve().parents[1]


def item(
    sentence=(0, 50),
    trigger=(10, 16),
    root="18",
    source=("Russian troops",),
    source_country="RUS",
    target=("Ukrainian soldiers",),
    target_country="UKR",
    date="2023-05-02",
    confidence=0.9,
    doc="d",
) -> Item:
    return Item(
        doc=doc,
        sentence=sentence,
        trigger=trigger,
        root=root,
        source=Party(source, source_country) if source is not None else None,
        target=Party(target, target_country) if target is not None else None,
        date=date,
        confidence=confidence,
    )


# --- actors of an event -----------------------------------------------------------------------


def test_actor_codes_give_countries_only_for_countries():
    assert events.code_country("USAGOV") == "USA"
    assert events.code_country("PSEREB") == "PSE"
    assert events.code_country("JAP") == "JPN"
    assert events.code_country("IGOUNO") is None
    assert events.code_country("COP") is None
    assert events.code_country("REB") is None
    assert events.code_country(None) is None


def test_actors_match_by_a_content_word_or_the_same_country():
    biden = Party(("President Joe Biden",), "USA")
    assert events.party_match(biden, Party(("Biden",), None))
    assert events.party_match(biden, Party(("the White House",), "USA"))  # same country
    assert not events.party_match(biden, Party(("the Kremlin",), "RUS"))
    # stop words alone are no evidence; dots are dropped (U.S. = US)
    assert not events.party_match(Party(("the police",), None), Party(("the army",), None))
    assert events.party_match(Party(("U.S. officials",), None), Party(("US",), None))
    # no actor matches only no actor
    assert events.party_match(None, None)
    assert not events.party_match(None, Party(("Hamas",), "PSE"))
    assert not events.party_match(biden, None)


def test_gold_rows_become_items_with_country_from_the_code():
    row = {"doc": "d", "sentence_start": 5, "sentence_end": 60, "trigger": "struck",
           "trigger_start": 20, "cameo": "190", "target": None, "date": "2023-10",
           "source": {"text": "Israeli jets", "code": "ISRMIL"}}  # fmt: skip
    (gold,) = events.gold_items([row])
    assert gold.root == "19" and gold.trigger == (20, 26) and gold.sentence == (5, 60)
    assert gold.source == Party(("Israeli jets",), "ISR") and gold.target is None


def test_predicted_actor_names_include_aliases_and_mentions_but_not_pronouns():
    from eventwire.model import Actor, Span

    mentions = [Span(start=0, end=5, text="Putin"), Span(start=9, end=11, text="he"),
                Span(start=20, end=33, text="the president")]  # fmt: skip
    actor = Actor(id="A1", name="Vladimir Putin", type="person", country="RUS", sector="GOV",
                  aliases=["Putin"], mentions=mentions)  # fmt: skip
    party = events.predicted_party("A1", "the Russian leader", {"A1": actor})
    assert party.country == "RUS"
    assert set(party.names) == {"Vladimir Putin", "Putin", "the president", "the Russian leader"}
    assert events.predicted_party(None, "live fire", {"A1": actor}) is None


# --- matching ---------------------------------------------------------------------------------


def test_match_needs_overlapping_sentences_equal_roots_and_both_actors():
    gold = item()
    assert events.is_match(gold, item())
    assert not events.is_match(gold, item(sentence=(50, 90), trigger=(60, 66)))
    assert not events.is_match(gold, item(root="19"))
    assert not events.is_match(gold, item(source=("Hamas",), source_country="PSE"))
    assert not events.is_match(gold, item(target=None))
    assert not events.is_match(gold, item(doc="other"))


def test_gold_without_target_matches_only_a_prediction_without_target():
    gold = item(root="14", target=None)
    assert events.is_match(gold, item(root="14", target=None))
    assert not events.is_match(gold, item(root="14"))


def test_countries_variant_requires_the_gold_country_on_each_side():
    gold = item(source=("police",), source_country="HKG", target=("protesters",),
                target_country=None)  # fmt: skip
    pred = item(source=("police",), source_country=None, target=("protesters",),
                target_country="CHN")  # fmt: skip
    assert events.is_match(gold, pred)
    assert not events.is_match(gold, pred, countries=True)  # no HKG on the source
    right = item(source=("police",), source_country="HKG", target=("protesters",),
                 target_country="CHN")  # fmt: skip
    assert events.is_match(gold, right, countries=True)  # the gold target has no country


def test_matching_is_one_to_one_preferring_the_same_trigger_then_confidence():
    gold = [item(trigger=(10, 16))]
    confident_elsewhere = item(trigger=(30, 36), confidence=0.99)
    same_trigger = item(trigger=(10, 16), confidence=0.5)
    assert events.match(gold, [confident_elsewhere, same_trigger]) == [(0, 1)]
    two_gold = [item(trigger=(10, 16)), item(trigger=(30, 36))]
    assert sorted(events.match(two_gold, [confident_elsewhere, same_trigger])) == [(0, 1), (1, 0)]
    assert events.match(two_gold, [same_trigger]) == [(0, 0)]


def test_dates_are_compared_at_the_gold_precision():
    assert events.date_right("2023-05-02", "2023-05-20", "2023-05-21")  # month is enough
    assert not events.date_right("2023-05-02", "2023-04-30", "2023-05-21")
    assert events.date_right("2019", "2019-06", "2023-05-21")
    assert not events.date_right("2019-06", "2019", "2023-05-21")
    assert events.date_right("2023-05-21", None, "2023-05-21") is None  # "no clue": not judged
    assert events.date_right("2019-06", None, "2023-05-21") is False
    assert events.date_right(None, "2019", "2023-05-21") is None


def test_scores_precision_recall_bands_statements_and_months():
    gold = [
        item(trigger=(10, 16), date="2023-05"),
        item(sentence=(60, 120), trigger=(70, 75), root="17", date="2022"),
        item(sentence=(130, 180), trigger=(140, 144), root="01", target=None),  # statement
        item(sentence=(200, 260), trigger=(210, 215), root="04"),  # missed
    ]
    pred = [
        item(trigger=(10, 16), date="2023-05-09", confidence=0.95),  # right, month right
        item(sentence=(60, 120), trigger=(70, 75), root="17", date="2023", confidence=0.85),
        item(sentence=(60, 120), trigger=(90, 95), root="12", confidence=0.5),  # false positive
        item(sentence=(130, 180), trigger=(140, 144), root="01", target=None, confidence=0.3),
        item(sentence=(300, 320), trigger=(305, 310), root="01", target=None, confidence=0.3),
    ]
    result = events.score(gold, pred, ["d"], {"d": "2023-05-21"}).figures()
    assert (result["gold"], result["predicted"], result["matched"]) == (3, 3, 2)
    assert result["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert result["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert (result["month_right"], result["month_judged"]) == (1, 2)  # 2022 gold, 2023 ours
    assert (result["high_confidence_matched"], result["high_confidence_n"]) == (2, 2)
    assert result["precision_at_08"] == 1.0
    assert result["bands"]["0.4-0.6"] == {"n": 1, "matched": 0, "precision": 0.0}
    assert result["bands"]["< 0.4"]["n"] == 0  # statements are not core events
    statements = result["statements"]
    assert (statements["gold"], statements["predicted"], statements["matched"]) == (1, 2, 1)


def test_another_annotator_is_scored_with_the_same_matcher():
    a = [{"doc": "d", "sentence_start": 0, "sentence_end": 40, "trigger": "arrested",
          "trigger_start": 10, "cameo": "173", "source": {"text": "police", "code": "GBRCOP"},
          "target": {"text": "a man", "code": "GBRCVL"}, "date": "2023"}]  # fmt: skip
    b = [dict(a[0], cameo="1731", source={"text": "Police officers", "code": "GBRCOP"})]
    agreement = events.score(events.gold_items(a), events.gold_items(b), ["d"], {})
    assert agreement.figures()["f1"] == 1.0 and agreement.figures()["country_f1"] == 1.0


# --- actors -----------------------------------------------------------------------------------


def entity(key, spans, country=None, sector=None, countries=(), type="person"):
    return actors.Entity(key, key, spans, country, tuple(countries), sector, type)


def test_predicted_mentions_link_to_the_best_overlapping_gold_mention():
    # "US Ambassador Gordon Sondland" (0-29) is the ambassador; "US" (0-2) inside it is the US.
    gold = [entity("Sondland", [(0, 29), (40, 48)], "USA", "GOV"),
            entity("United States", [(0, 2), (60, 62)], "USA", "GOV", type="state")]  # fmt: skip
    pred = [entity("Gordon Sondland", [(0, 29), (40, 48)], "USA", "GOV"),
            entity("US", [(60, 62)], "USA", None, type="country")]  # fmt: skip
    links = actors.link(gold, pred)
    assert links[0] == {0: 2} and links[1] == {1: 1}
    doc = actors.score_doc(gold, pred)
    assert (doc.found, doc.splits, doc.merges, doc.non_actors) == (2, 0, 0, 0)
    assert (doc.country_right, doc.sector_right) == (2, 1)
    assert doc.problems == 0


def test_a_mention_inside_a_longer_gold_mention_links_only_through_its_head():
    rows = [{"doc": "d", "entity": "Eswar Prasad", "country": "USA", "sector": "EDU",
             "mentions": [{"text": "Cornell University professor Eswar Prasad", "starts": [10]},
                          {"text": "Prasad", "starts": [100]}]}]  # fmt: skip
    (prasad,) = actors.gold_entities(rows)["d"]
    assert prasad.heads == [(10 + 35, 10 + 41), (100, 106)]
    cornell = entity("Cornell", [(10, 17)], "USA", "EDU", type="organization")
    professor = entity("Eswar Prasad", [(39, 51), (100, 106)], "USA", "EDU")
    assert actors.link([prasad], [cornell, professor]) == [{}, {0: 2}]
    doc = actors.score_doc([prasad], [cornell, professor])
    assert (doc.found, doc.splits, doc.non_actors) == (1, 0, 1)
    assert actors.head_of("Will Moy, chief executive of Full Fact") == (5, 8)


def test_splits_merges_non_actors_and_wrong_countries_are_problems():
    gold = [entity("Boris Johnson", [(0, 13), (50, 57), (80, 97)], "GBR", "GOV"),
            entity("Jeremy Corbyn", [(100, 113)], "GBR", "PTY"),
            entity("voters", [(150, 156)], "GBR", "CVL", type="group")]  # fmt: skip
    pred = [
        entity("Boris Johnson", [(0, 13), (50, 57)], "GBR", "GOV"),
        entity("the prime minister", [(80, 97), (100, 113)], None, "GOV"),  # split and merge
        entity("Reuters", [(200, 207)], "GBR", "MED", type="organization"),  # non-actor
        entity("London", [(220, 226)], "GBR", type="location"),  # a place: not counted
        entity("he", [], "GBR", "GOV"),  # pronouns only: nothing to judge
        entity("voters", [(150, 156)], None, "CVL", type="group"),  # wrong country
    ]
    doc = actors.score_doc(gold, pred)
    assert (doc.gold, doc.found, doc.predicted, doc.places) == (3, 3, 4, 1)
    assert (doc.non_actors, doc.splits, doc.merges) == (1, 1, 1)
    # Johnson -> "Boris Johnson" (2 mentions): right; Corbyn -> "the prime minister": no country
    assert doc.country_right == 1 and doc.wrong_country == 2
    assert doc.problems == 1 + 1 + 1 + 2
    figures = actors.figures_of({"d": doc})
    assert figures["recall"] == 1.0 and figures["problems_per_article"] == 5.0


def test_country_rules_null_and_lists():
    assert actors.country_right(entity("UN", [], None), entity("UN", [], None))
    assert not actors.country_right(entity("UN", [], None), entity("UN", [], "USA"))
    activists = entity("US and British activists", [], None, countries=("USA", "GBR"))
    assert actors.country_right(activists, entity("activists", [], "GBR"))
    assert not actors.country_right(activists, entity("activists", [], None))


# --- building the gold ------------------------------------------------------------------------

BODY = (
    "LONDON (AP) — Police arrested two men on Tuesday. The  government “strongly” condemned the "
    "attack, officials said.\n\nThe ministry imposed new sanctions on Iran."
)


def article() -> news_gold.Article:
    return news_gold.Article("d1", "aeb", "2023-05-03", "https://example.org/x", BODY)


def test_gold_events_keep_offsets_and_a_hash_instead_of_the_sentence():
    rows = [
        {"doc": "d1", "sentence": "LONDON (AP) — Police arrested two men on Tuesday.",
         "trigger": "arrested", "cameo": "173", "source": {"text": "Police", "code": "GBRCOP"},
         "target": {"text": "two men", "code": "GBRCVL"}, "date": "2023-05-02",
         "negated": False, "hypothetical": False, "hedged": False, "tier": "core"},
        # annotator's straight quotes and single space: found loosely
        {"doc": "d1", "sentence": 'The government "strongly" condemned the attack, officials said.',
         "trigger": "condemned", "cameo": "111", "source": {"text": "government", "code": "GBRGOV"},
         "target": None, "date": "2023-05-03", "tier": "core"},
        # a discontinuous trigger: its first word is located
        {"doc": "d1", "sentence": "The ministry imposed new sanctions on Iran.",
         "trigger": "imposed ... sanctions", "cameo": "163",
         "source": {"text": "The ministry", "code": "GBRGOV"},
         "target": {"text": "Iran", "code": "IRN"}, "date": "2023-05-03", "tier": "core"},
        {"doc": "d1", "sentence": "Not in the article.", "trigger": "x", "cameo": "010"},
        {"doc": "unknown", "sentence": "x", "trigger": "x", "cameo": "010"},
    ]  # fmt: skip
    gold, counts = news_gold.build_events(rows, {"d1": article()})
    assert len(gold) == 3
    assert counts["exact"] == 2 and counts["loose"] == 1
    assert counts["not located"] == 1 and counts["unknown doc"] == 1
    for row in gold:
        assert set(row) == set(news_gold.EVENT_FIELDS)
        text = BODY[row["sentence_start"] : row["sentence_end"]]
        assert news_gold.sha1(text) == row["sentence_sha1"]
        assert text not in json.dumps(row, ensure_ascii=False)
    assert BODY[gold[0]["trigger_start"] :].startswith("arrested")
    assert BODY[gold[1]["trigger_start"] :].startswith("condemned")
    assert BODY[gold[2]["trigger_start"] :].startswith("imposed")
    assert gold[1]["target"] is None and gold[1]["negated"] is False


def test_gold_actor_mentions_carry_every_whole_word_offset():
    rows = [{"doc": "d1", "entity": "government of the UK", "type": "organization",
             "country": "GBR", "sector": "GOV",
             "mentions": ["The  government", "government", "Police", "absent"]}]  # fmt: skip
    (gold,), counts = news_gold.build_actors(rows, {"d1": article()})
    mentions = {m["text"]: m["starts"] for m in gold["mentions"]}
    assert mentions["government"] == [BODY.index("government")]
    assert mentions["The  government"] == [BODY.index("The  government")]
    assert mentions["Police"] == [BODY.index("Police")]
    assert mentions["absent"] == [] and counts["mentions not found"] == 1
    assert gold["countries"] is None
    # case-insensitive only when the exact case is nowhere; never inside a longer word
    assert news_gold.mention_starts("police", BODY) == [BODY.index("Police")]
    assert news_gold.mention_starts("Lond", BODY) == []


# --- the committed gold files -----------------------------------------------------------------

EVENT_GOLD = sorted((REPO / "eval" / "events").glob("gold-*.jsonl"))
ACTOR_GOLD = sorted((REPO / "eval" / "actors").glob("gold-*.jsonl"))


def test_committed_manifest_holds_ids_and_dates_only():
    manifest = news_gold.read_manifest()
    assert set(manifest) == {"dev", "heldout", "wiki", "dev2", "dev3", "written",
                             "written_heldout", "written2", "written3", "written4", "written5",
                             "written6", "written7",
                             "actors_dev",
                             "actors_heldout"}
    written = news_gold.written_articles()
    for split in news_gold.SPLITS:
        for short, source, published in manifest[split]:
            if source.startswith(news_gold.WRITTEN_PREFIX):
                # (the project's own articles: their text is committed beside the gold)
                assert source == news_gold.WRITTEN_PREFIX + short and short in written
            elif source.startswith(news_gold.GUM_PREFIX):
                assert short == source.replace("GUM_news_", "wiki-")
            else:
                assert source.startswith(short) and re.fullmatch(r"[0-9a-f]{64}", source)
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", published)
    for split in ("dev", "heldout"):
        ids = set(news_gold.split_ids(split))
        assert set(manifest[f"actors_{split}"]) <= ids
    # no article is in two splits
    ids = [short for split in news_gold.SPLITS for short in news_gold.split_ids(split)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", EVENT_GOLD, ids=lambda p: p.name)
def test_committed_event_gold_carries_no_sentence_text(path):
    for row in news_gold.read_jsonl(path):
        assert set(row) == set(news_gold.EVENT_FIELDS), row.keys()
        assert re.fullmatch(r"[0-9a-f]{40}", row["sentence_sha1"])
        assert row["sentence_end"] > row["sentence_start"] >= 0
        assert len(row["trigger"]) < 80
        for side in ("source", "target"):
            if row[side] is not None:
                assert set(row[side]) == {"text", "code"}
                assert len(row[side]["text"] or "") < 120
        # nothing long enough to be a sentence anywhere in the row
        strings = re.findall(r'"((?:[^"\\]|\\.)*)"', json.dumps(row, ensure_ascii=False))
        assert max(map(len, strings)) < 120


@pytest.mark.parametrize("path", ACTOR_GOLD, ids=lambda p: p.name)
def test_committed_actor_gold_carries_names_and_offsets_only(path):
    for row in news_gold.read_jsonl(path):
        assert set(row) == set(news_gold.ACTOR_FIELDS), row.keys()
        for mention in row["mentions"]:
            assert set(mention) == {"text", "starts"} and len(mention["text"]) < 120
            assert all(isinstance(s, int) for s in mention["starts"])


@pytest.mark.skipif(not news_gold.aeb_path().exists(), reason="no shared AEB data")
def test_committed_gold_offsets_point_at_their_sentences_and_mentions(capsys):
    assert news_gold.check() == 0


# --- the gate ---------------------------------------------------------------------------------


def test_gate_compares_in_the_better_direction_and_notices_changed_gold():
    baseline = {
        "figures": {"news_actors": {
            "vs.A.recall": {"value": 0.80, "better": "higher"},
            "vs.A.problems_per_article": {"value": 5.0, "better": "lower"},
        }},
        "gold_size": {"news_actors": {"vs.A.gold": 94}},
    }  # fmt: skip

    def measured(recall, problems, gold=94):
        return {"news_actors": {"vs": {"A": {"recall": recall, "problems_per_article": problems,
                                             "gold": gold}}}}  # fmt: skip

    assert eval_gate.compare(baseline, measured(0.795, 5.005), 0.01) == []
    assert eval_gate.compare(baseline, measured(0.85, 3.0), 0.01) == []
    assert len(eval_gate.compare(baseline, measured(0.78, 5.0), 0.01)) == 1
    assert len(eval_gate.compare(baseline, measured(0.80, 5.2), 0.01)) == 1
    stale = eval_gate.compare(baseline, measured(0.80, 5.0, gold=120), 0.01)
    assert len(stale) == 1 and "gold changed" in stale[0]
    missing = eval_gate.compare(baseline, {"news_actors": {"vs": {"A": {"gold": 94}}}}, 0.01)
    assert len(missing) == 2


def test_gate_lookup_reads_keys_with_spaces_and_parentheses():
    figures = {"gsr": {"source country correct": 0.7, "full dyad (a, b)": 0.5},
               "year right (found)": {"share": 0.9}}  # fmt: skip
    assert eval_gate.lookup(figures, "gsr.source country correct") == 0.7
    assert eval_gate.lookup(figures, "gsr.full dyad (a, b)") == 0.5
    assert eval_gate.lookup(figures, "year right (found).share") == 0.9
    assert eval_gate.lookup(figures, "gsr.missing") is None


def test_gate_skips_without_the_shared_data(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("EVENTWIRE_SHARED", str(tmp_path / "nothing"))
    assert eval_gate.main([]) == 0
    assert "eval gate skipped" in capsys.readouterr().out
