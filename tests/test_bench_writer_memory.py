"""scripts/bench_scale.py --writer-memory: it stores through the reconnecting path and its
figures (the RSS slope, the table per interval) are computed as documented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bench_scale import rss_slope_kib, writer_memory, writer_memory_report


def test_the_slope_is_least_squares_in_kib_per_article() -> None:
    readings = [(n, 300 + n * 2 / 1024) for n in range(0, 10_000, 8)]  # 2 KiB per article
    assert rss_slope_kib(readings) == pytest.approx(2.0)
    # the start-up's growth before ``after`` is left out
    bumpy = [(n, 200.0 if n < 1_000 else 300 + n / 1024) for n in range(0, 10_000, 8)]
    assert rss_slope_kib(bumpy, after=1_000) == pytest.approx(1.0)
    assert rss_slope_kib([(8, 300.0)]) == 0.0


def test_a_short_run_reconnects_and_reports_each_interval(tmp_path: Path, capsys) -> None:
    samples = tmp_path / "writer-16.jsonl"
    summary = writer_memory(48, reconnect=16, every=16, samples_out=samples)
    assert summary["reconnects"] == 3 and summary["articles"] == 48
    assert [i["documents"] for i in summary["intervals"]] == [16, 32, 48]
    assert all(i["median_mib"] <= i["max_mib"] for i in summary["intervals"])
    readings = [json.loads(line) for line in samples.read_text().splitlines()]
    assert [r["documents"] for r in readings] == list(range(8, 49, 8))
    assert "48 stored (3 reconnects): RSS" in capsys.readouterr().out
    (tmp_path / "writer-16.json").write_text(json.dumps(summary))
    table = writer_memory_report(tmp_path)
    assert "| reconnect every 16 |" in table and "48 articles" in table
