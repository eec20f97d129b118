"""The long run of scripts/bench_scale.py: its corpus options and the memory report it builds
from the samples it writes as it goes (a partial run must still give a report)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from bench_scale import (
    halves,
    long_report,
    memory_table,
    paragraph_range,
    read_samples,
    while_workers_run,
    write_corpus,
)


def sample(seconds: float, documents: int, writer: float, workers: list[float]) -> dict:
    return {"seconds": seconds, "documents": documents, "load": 1.5, "writer_mib": writer,
            "worker_mib": workers, "worker_pids": list(range(len(workers))),
            "store_mib": documents / 100}  # fmt: skip


def test_paragraph_range_reads_fewest_and_most() -> None:
    assert paragraph_range("2-4") == (2, 4)
    assert paragraph_range("3") == (3, 3)
    for wrong in ("4-2", "0-3", "two"):
        with pytest.raises((argparse.ArgumentTypeError, ValueError)):
            paragraph_range(wrong)


def test_short_articles_have_the_asked_number_of_paragraphs(tmp_path: Path) -> None:
    corpus = tmp_path / "short.jsonl"
    write_corpus(corpus, 30, seed=5, per_article=(2, 4))
    records = [json.loads(line) for line in corpus.read_text().splitlines()]
    counts = {len(r["text"].split("\n\n")) for r in records}
    assert len(records) == 30
    assert counts <= {2, 3, 4} and len(counts) > 1
    assert len({r["id"] for r in records}) == 30


def test_articles_with_new_names_each_bring_words_of_their_own(tmp_path: Path) -> None:
    corpus = tmp_path / "names.jsonl"
    write_corpus(corpus, 20, seed=5, per_article=(2, 2), new_names=True)
    texts = [json.loads(line)["text"] for line in corpus.read_text().splitlines()]
    last = [set(t.split("\n\n")[-1].split()) for t in texts]
    assert all(len(t.split("\n\n")) == 3 for t in texts)
    assert all(len(words - set().union(*(o for o in last if o is not words))) >= 10
               for words in last)  # fmt: skip


def test_workers_start_and_exit_are_left_out() -> None:
    samples = [sample(1, 0, 300, []), sample(2, 8, 300, [600]), sample(3, 16, 310, [600, 610])]
    samples += [sample(4 + i, 24 + 8 * i, 320, [620, 630]) for i in range(5)]
    kept = while_workers_run(samples)
    assert [s["documents"] for s in kept] == [16, 24, 32, 40]  # the last two: exiting


def test_halves_tell_flat_from_growing() -> None:
    flat = [sample(i, 10 * i, 300 + (i % 3), [800, 800 + (i % 2)]) for i in range(1, 101)]
    growing = [sample(i, 10 * i, 300 + 2 * i, [800, 800]) for i in range(1, 101)]
    assert halves(flat)["writer"]["growth"] == pytest.approx(1.0, abs=0.01)
    assert halves(flat)["worker 2"]["spread"] == pytest.approx(1.0, abs=0.01)
    writer = halves(growing)["writer"]
    assert writer["first_max"] == 400 and writer["second_max"] == 500
    assert writer["growth"] == pytest.approx(1.25)


def test_ten_points_from_first_to_last() -> None:
    samples = [sample(i, 10 * i, 300, [800, 810]) for i in range(1, 51)]
    table = memory_table(samples)
    header = table[0].split("|")[2:-1]
    assert len(header) == 10
    assert header[0].strip() == "10" and header[-1].strip() == "500"
    assert table[4].startswith("| worker 1 |") and table[5].startswith("| worker 2 |")


def test_a_partial_samples_file_gives_a_report(tmp_path: Path) -> None:
    path = tmp_path / "long-samples.jsonl"
    meta = {"command": "bench", "documents": 1000, "chars": 650.0, "paragraphs": "2-4"}
    lines = [json.dumps({"meta": meta})]
    lines += [json.dumps(sample(i, 8 * i, 300, [800, 800])) for i in range(1, 40)]
    path.write_text("\n".join(lines) + '\n{"seconds": 40, "docum')  # cut while written
    read_meta, samples, result = read_samples(path)
    assert read_meta == meta and len(samples) == 39 and result is None
    report = long_report(read_meta, samples, result)
    assert "**partial**: 312 of 1,000 articles" in report
    assert "| worker 2 |" in report and "second max / first max" in report
    assert "writer flat (+0.0%)" in report


def test_a_finished_run_reports_its_result_and_what_grows(tmp_path: Path) -> None:
    path = tmp_path / "long-samples.jsonl"
    meta = {"command": "bench", "documents": 400, "chars": 650.0, "paragraphs": "2-4"}
    samples = [sample(i, 8 * i, 300 + i, [800, 800]) for i in range(1, 53)]
    result = {"documents": 400, "wall": 60.0, "rate": 6.7, "cpu": 20.0, "store_mib": 4.0,
              "stderr_lines": 1, "exit": 0}  # fmt: skip
    lines = [json.dumps({"meta": meta})] + [json.dumps(s) for s in samples]
    path.write_text("\n".join([*lines, json.dumps({"result": result})]) + "\n")
    report = long_report(*read_samples(path))
    assert "(finished)" in report and "400 articles in 1.0 min: **6.67 articles/s**" in report
    assert "writer GROWS" in report and "worker 1 flat" in report
