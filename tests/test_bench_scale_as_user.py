"""scripts/bench_scale.py --as-user: the wall time its CPU figures predict on two free cores,
and its report (the runs themselves take minutes: the lead runs them on a quiet machine)."""

from __future__ import annotations

import math

from bench_scale import as_user_report, predicted_wall


def _run(workers: int, own: float, children: float, fork: bool = True, **marks) -> dict:
    return {"workers": workers, "fork": fork, "documents": 100, "wall": own + children,
            "rate": 100 / (own + children), "own_cpu": own, "children_cpu": children,
            "first_commit": 9.0, "last_commit": 20.0, "load_start": 0.1, "load_end": 0.2,
            "marks": {"start": (0.0, 0.0), "rebuild_start": (18.0, 6.0),
                      "rebuild_end": (20.0, 8.0), **marks}}  # fmt: skip


def test_one_worker_takes_its_cpu_seconds() -> None:
    assert predicted_wall(_run(1, own=50.0, children=0.0), start_up_cpu=7.0) == 50.0


def test_two_workers_share_the_middle_of_the_run_and_not_its_ends() -> None:
    # the command spends 2 s before it starts the loader and 3 s reading ahead while the
    # loader loads (7 s); the rebuild takes 2 s; the rest, 60 - 2 - 3 - 7 - 2 = 46 s, is shared
    run = _run(2, own=12.0, children=48.0, loader_spawn=(2.5, 2.0), loader_ready=(9.5, 5.0))
    assert math.isclose(predicted_wall(run, start_up_cpu=7.0), 2 + 7 + 46 / 2 + 2)
    # spawned workers have no loader: no prediction
    assert math.isnan(predicted_wall(_run(2, own=12.0, children=55.0, fork=False), 7.0))


def test_the_report_gives_the_measured_and_predicted_ratios() -> None:
    one = _run(1, own=50.0, children=0.0)
    two = _run(2, own=12.0, children=18.0, loader_spawn=(2.5, 2.0), loader_ready=(9.5, 5.0))
    spawned = _run(2, own=12.0, children=25.0, fork=False)
    report = as_user_report({1: [one], 2: [two]}, spawned, 7.0, True, "bench", 100, 2400.0)
    assert report.startswith("## Scale: --workers 2 as a user runs it\n")
    assert f"**`--workers 2` vs `--workers 1`: {50 / 30:.2f}x**" in report
    predicted = 50 / (2 + 7 + (30 - 2 - 3 - 7 - 2) / 2 + 2)
    assert f"**{predicted:.2f}x predicted from the CPU seconds**" in report
    assert "spawned workers (`EVENTWIRE_FORK_WORKERS=0`)" in report and "| - |" in report
    assert "same store (all runs): yes" in report


def test_the_ray_report_gives_the_ratio_to_two_workers() -> None:
    from bench_scale import as_user_ray_report

    local = {**_run(2, own=12.0, children=48.0), "engine": "local", "tree_cpu": {}}
    ray = {**_run(2, own=14.0, children=56.0), "engine": "ray",
           "tree_cpu": {"ray::BatchAnalyser": 50.0, "raylet": 4.0, "gcs_server": 2.0}}
    report = as_user_ray_report({"local": [local], "ray": [ray]}, True, "bench", 100, 2400.0)
    assert report.startswith("## Scale: Ray vs --workers 2 as a user runs it\n")
    assert f"**`--engine ray` vs `--workers 2`: {60 / 70:.2f}x**" in report
    assert "CPU seconds 70.0 against 60.0 (1.17x); same store: yes" in report
    assert "ray::BatchAnalyser 50.0, raylet 4.0, gcs_server 2.0" in report


def test_the_ray_report_compares_each_pair_run_back_to_back() -> None:
    from bench_scale import as_user_ray_report

    runs = {"local": [{**_run(2, own=12.0, children=48.0), "tree_cpu": {}},
                      {**_run(2, own=20.0, children=80.0), "tree_cpu": {}}],
            "ray": [{**_run(2, own=14.0, children=61.0), "tree_cpu": {}},
                    {**_run(2, own=20.0, children=105.0), "tree_cpu": {}}]}  # fmt: skip
    report = as_user_ray_report(runs, True, "bench", 100, 2400.0)
    # the first pair: 60 s against 75 s; the second, at a higher load: 100 s against 125 s
    assert ("Pair by pair (each pair run back to back, so at about the same load): 0.80x the "
            "articles per second, 1.25x the CPU s per article; 0.80x the articles per second, "
            "1.25x the CPU s per article.") in report
