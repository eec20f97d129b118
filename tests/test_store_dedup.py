"""Near-duplicates in bounded memory: the store's groups equal those of all candidate pairs.

The rebuild compares each new document with a bounded number of representatives of each group
in its band buckets (``dedup.PER_GROUP``, ``dedup.PER_BUCKET``), a chunk of new documents at a
time (``derive.CHUNK_DOCUMENTS``). These tests shrink those bounds so that small corpora exceed
them, and check the ``duplicate_of`` of every document against an unbounded reference: every
pair of documents that shares a band and agrees on enough signature values, grouped by
:func:`eventwire.store.dedup.originals`. The event mentions, regrouped a part at a time
(``derive.CHUNK_MENTIONS``), must give the events of one regrouping.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.store import Store, dedup, derive
from eventwire.store.dedup import MIN_AGREEING, band_keys, originals
from eventwire.store.rows import minhash_of
from tests.test_store import make_result

# Hand-written wire sentences: articles are built from them, copies edit a few words.
SENTENCES = [
    "The harbour authority said on Tuesday that grain shipments would resume next week.",
    "Rail workers in the northern provinces ended a strike that had lasted nine days.",
    "The finance ministry raised its forecast for growth after a strong second quarter.",
    "Flooding closed three mountain roads and cut power to several villages overnight.",
    "A court in the capital postponed the trial of two former officials until March.",
    "The central bank kept its main interest rate unchanged for the fourth meeting.",
    "Negotiators from both sides met again to discuss the exchange of prisoners.",
    "Farmers blocked a motorway with tractors to protest against lower milk prices.",
    "The airline cancelled dozens of flights because of a shortage of pilots.",
    "Police arrested five people suspected of smuggling fuel across the border.",
    "The mayor opened a new bridge over the river after four years of building.",
    "Exports of copper fell sharply as demand from overseas smelters weakened.",
    "The opposition called for an inquiry into the sale of the state telecom company.",
    "Teachers received a pay rise of six percent under a deal signed on Friday.",
    "A fire at a chemical plant forced the evacuation of nearby neighbourhoods.",
    "The health ministry reported fewer cases of measles than in the previous year.",
    "Fishing boats stayed in port as a storm brought high waves to the coast.",
    "The parliament approved a budget that increases spending on hospitals.",
    "Two ministers resigned after a dispute over the reform of pensions.",
    "The president will travel abroad next month for talks on energy supplies.",
]
BOILERPLATE = (
    "Copyright Harbour Wire Services. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed in any form without prior written "
    "permission. Subscribers may share links to this article with readers of their own "
    "sites and newsletters, but not the text itself, which remains the property of the "
    "agency and its partners in every country where it is distributed."
)

NOTE_WORDS = [a + b for a in ("ka", "lo", "mi", "su", "te", "ra", "no", "vi")
              for b in ("ren", "tal", "mos", "dil", "par")]  # fmt: skip


def edited(text: str, rng: random.Random, edits: int) -> str:
    """A copy as another paper prints it: a few words dropped or replaced, a dateline."""
    words = text.split()
    for _ in range(edits):
        position = rng.randrange(len(words))
        if rng.random() < 0.5:
            del words[position]
        else:
            words[position] = rng.choice(["officials", "reported", "local", "Monday", "again"])
    return f"{rng.choice(['PORT TOWN', 'CAPITAL', 'RIVERSIDE'])} - " + " ".join(words)


def syndicated_corpus(seed: int = 5) -> list[tuple[str, str, str]]:
    """(name, text, published): one story copied 160 times with small edits (a group far
    larger than the bounds below), a few smaller groups, 120 unrelated notices under the same
    long boilerplate (band buckets of many groups) and some lone articles."""
    rng = random.Random(seed)
    corpus = []
    story = " ".join(SENTENCES[:8])
    for number in range(160):
        corpus.append((f"copy-{number}", edited(story, rng, rng.randint(0, 4)),
                       f"2025-01-{1 + number % 28:02d}"))  # fmt: skip
    for group in range(4):
        text = " ".join(rng.sample(SENTENCES, 6))
        for number in range(rng.randint(2, 6)):
            corpus.append((f"small-{group}-{number}", edited(text, rng, rng.randint(0, 2)),
                           rng.choice([None, "2025-02-03", "2025-02-01"])))  # fmt: skip
    for number in range(120):  # unrelated notes under the same long boilerplate
        note = " ".join(rng.choice(NOTE_WORDS) for _ in range(30))
        corpus.append((f"notice-{number}", f"Notice {number}: {note}. {BOILERPLATE}",
                       "2025-03-01"))  # fmt: skip
    for number in range(20):
        corpus.append((f"lone-{number}", " ".join(rng.sample(SENTENCES, 5)), "2025-04-01"))
    rng.shuffle(corpus)
    return corpus


def store_corpus(path: Path, corpus: list[tuple[str, str, str | None]],
                 cuts: tuple[int, ...] = ()) -> Store:  # fmt: skip
    """A store of ``corpus``, rebuilt after each part (cut at ``cuts``)."""
    store = Store(path)
    start = 0
    for cut in (*cuts, len(corpus)):
        store.add([make_result(name, text, published=published)
                   for name, text, published in corpus[start:cut]])  # fmt: skip
        store.rebuild()
        start = cut
    return store


def duplicates_of(store: Store) -> dict[str, str]:
    return dict(store.con.execute(
        "SELECT d.name, o.name FROM documents d JOIN documents o ON o.doc_id = d.duplicate_of"
    ).fetchall())  # fmt: skip


def reference_duplicates(store: Store) -> dict[str, str]:
    """``duplicate_of`` (by name) from every candidate pair of the stored documents."""
    rows = store.con.execute("SELECT doc_id, name, text, published FROM documents").fetchall()
    signatures = np.array([minhash_of(text) for _, _, text, _ in rows])
    keys = band_keys(signatures)
    pairs = []
    for i in range(len(rows)):
        shares_band = (keys[i + 1 :] == keys[i]).any(axis=1)
        agreeing = (signatures[i + 1 :] == signatures[i]).sum(axis=1) >= MIN_AGREEING
        pairs += [(rows[i][0], rows[i + 1 + j][0]) for j in np.flatnonzero(shares_band & agreeing)]
    names = {doc_id: name for doc_id, name, _, _ in rows}
    wanted = originals(pairs, {doc_id: published for doc_id, _, _, published in rows})
    return {names[d]: names[o] for d, o in wanted.items()}


def group_rows(store: Store) -> list[tuple]:
    return store.con.execute("SELECT * FROM near_duplicates ORDER BY ALL").fetchall()


@pytest.fixture
def tight_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bounds small enough for the corpora here to exceed them many times over."""
    monkeypatch.setattr(dedup, "PER_GROUP", 2)
    monkeypatch.setattr(dedup, "PER_BUCKET", 6)
    monkeypatch.setattr(derive, "CHUNK_DOCUMENTS", 40)


def test_a_large_group_of_copies_is_found_as_by_all_pairs(tmp_path: Path, tight_bounds: None):
    corpus = syndicated_corpus()
    with store_corpus(tmp_path / "store.duckdb", corpus) as store:
        found = duplicates_of(store)
        expected = reference_duplicates(store)
        (largest_bucket,) = store.con.execute(
            "SELECT max(n) FROM (SELECT count(*) AS n FROM doc_bands GROUP BY band, key)"
        ).fetchone()
        groups = group_rows(store)
    assert found == expected
    # the corpus is what it should be: a group of 160 copies, buckets above the bounds
    copies = {name: original for name, original in found.items() if name.startswith("copy-")}
    assert len(copies) == 159 and len(set(copies.values())) == 1
    assert largest_bucket > 10 * dedup.PER_BUCKET
    assert not any(name.startswith(("notice-", "lone-")) for name in found)
    # each group is stored as a star: one row per copy, not one per pair (159 * 160 / 2)
    assert len(groups) == len(found)
    assert all(a < b for a, b in groups)


def test_the_groups_do_not_depend_on_the_runs_that_stored_the_documents(
    tmp_path: Path, tight_bounds: None
):
    corpus = syndicated_corpus(seed=8)
    with store_corpus(tmp_path / "once.duckdb", corpus) as once:
        expected = (duplicates_of(once), group_rows(once))
    for name, order, cuts in (("steps", corpus, (7, 90, 91, 200)),
                              ("reversed", corpus[::-1], (150,))):  # fmt: skip
        with store_corpus(tmp_path / f"{name}.duckdb", order, cuts) as steps:
            assert (duplicates_of(steps), group_rows(steps)) == expected, name
            steps.rebuild(force=True)
            assert (duplicates_of(steps), group_rows(steps)) == expected, name


def test_a_store_holding_every_pair_is_brought_to_groups(tmp_path: Path):
    # As a store rebuilt before the groups were stored as stars: near_duplicates held every
    # pair found. Its next rebuild (with new documents) ends as if it had never held them.
    corpus = syndicated_corpus(seed=3)[:120]
    with store_corpus(tmp_path / "once.duckdb", corpus) as once:
        expected = (duplicates_of(once), group_rows(once))
    with store_corpus(tmp_path / "old.duckdb", corpus[:100]) as old:
        members: dict[str, list[str]] = {}
        for duplicate, original in old.con.execute(
            "SELECT doc_id, duplicate_of FROM documents WHERE duplicate_of IS NOT NULL"
        ).fetchall():
            members.setdefault(original, [original]).append(duplicate)
        assert max(map(len, members.values())) > 50
        old.con.execute("DELETE FROM near_duplicates")
        old.con.executemany("INSERT INTO near_duplicates VALUES (?, ?)",
                            [(a, b) for group in members.values() for a in group for b in group
                             if a < b])  # fmt: skip
        old.add([make_result(n, t, published=p) for n, t, p in corpus[100:]])
        old.rebuild()
        assert (duplicates_of(old), group_rows(old)) == expected


PARAGRAPHS = st.lists(st.integers(0, len(SENTENCES) - 1), min_size=2, max_size=4, unique=True)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    articles=st.lists(PARAGRAPHS, min_size=2, max_size=40),
    cut=st.integers(0, 40),
)
def test_recombined_articles_are_grouped_as_by_all_pairs(
    tmp_path_factory: pytest.TempPathFactory, articles: list[list[int]], cut: int
):
    # Articles of 2-4 sentences drawn from 20 (as bench_scale's recombined briefs): groups
    # that chain through shared sentences, stored in two runs, in chunks of 7.
    corpus = [(f"brief-{n}", " ".join(SENTENCES[i] for i in chosen), f"2025-05-{1 + n % 9:02d}")
              for n, chosen in enumerate(articles)]  # fmt: skip
    folder = tmp_path_factory.mktemp("briefs")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(derive, "CHUNK_DOCUMENTS", 7)
        with store_corpus(folder / "briefs.duckdb", corpus, (min(cut, len(corpus)),)) as store:
            assert duplicates_of(store) == reference_duplicates(store)


def test_events_regrouped_in_parts_are_the_events_regrouped_at_once(tmp_path: Path):
    # The rebuild regroups event mentions a part of the merge keys at a time
    # (derive.CHUNK_MENTIONS); with parts of three mentions the corpus tables are the same.
    from tests.test_store import state, varied_results

    results = varied_results()
    with Store(tmp_path / "once.duckdb") as once:
        once.add([r.model_copy(deep=True) for r in results])
        once.rebuild()
        expected = state(once)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(derive, "CHUNK_MENTIONS", 3)
        with Store(tmp_path / "parts.duckdb") as parts:
            parts.add([r.model_copy(deep=True) for r in results[:20]])
            parts.rebuild()
            parts.add([r.model_copy(deep=True) for r in results[20:]])
            parts.rebuild()
            assert state(parts) == expected
            parts.rebuild(force=True)
            assert state(parts) == expected
    assert len(expected["events"]) > 3 * 3
