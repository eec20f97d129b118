"""The gate behind `make eval`: run every evaluation on dev data and compare with a baseline.

Each evaluation script writes its figures with ``--json`` (into ``out/eval/``, not committed);
the gate compares the figures listed in the committed ``eval/baseline.json`` and fails (exit 1)
when one of them is worse than its baseline by more than the tolerance (0.01): lower for the
"higher" figures, higher for the "lower" ones (actor problems per article and the like). The
baseline also records how big each gold was; when a gold file has changed since (annotators added
articles), the gate fails and asks for a new baseline, as the figures are no longer comparable.

Without the shared evaluation data (``../shared/data`` or ``$EVENTWIRE_SHARED``) the gate is
skipped with a message (exit 0): the data is read at run time and never copied into the repo.
Only dev data is used; the held-out split is never run here.

Usage: python scripts/eval_gate.py [--skip-run] [--only NAME ...] [--write-baseline [--note TEXT]]
       --skip-run        compare the JSON files already in out/eval/
       --write-baseline  write eval/baseline.json from the figures measured now
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

# Run as a file, the scripts folder is on sys.path.
from docs_sections import shared_data_dir

REPO = Path(__file__).resolve().parents[1]
BASELINE = REPO / "eval" / "baseline.json"
OUT = REPO / "out" / "eval"
TOLERANCE = 0.01

# name -> the command (without --json) that measures it on dev data, docs left alone.
RUNS = {
    "events": ["scripts/eval_events.py", "--no-write"],
    "dates": ["scripts/eval_dates.py"],
    "quotes": ["scripts/eval_quotes.py"],
    "news_events": ["scripts/eval_news_events.py", "--split", "dev"],
    "news_events_wiki": ["scripts/eval_news_events.py", "--split", "wiki"],
    "news_events_dev2": ["scripts/eval_news_events.py", "--split", "dev2"],
    "news_events_dev3": ["scripts/eval_news_events.py", "--split", "dev3"],
    "news_events_written": ["scripts/eval_news_events.py", "--split", "written"],
    "news_events_written2": ["scripts/eval_news_events.py", "--split", "written2"],
    "news_events_written3": ["scripts/eval_news_events.py", "--split", "written3"],
    "news_events_written4": ["scripts/eval_news_events.py", "--split", "written4"],
    "news_events_written5": ["scripts/eval_news_events.py", "--split", "written5"],
    "news_events_written6": ["scripts/eval_news_events.py", "--split", "written6"],
    "news_events_written7": ["scripts/eval_news_events.py", "--split", "written7"],
    "news_actors": ["scripts/eval_news_actors.py", "--split", "dev"],
    "news_places": ["scripts/eval_news_places.py"],
}

_QUOTE_KEYS = [f"{group}.f1" for group in ("all", "direct", "reported", "speech-verb")] + [
    f"all.{key}" for key in ("speaker", "cue", "via", "hedged")
]
_NEWS_EVENT_KEYS = ["precision", "recall", "f1", "country_f1", "month_accuracy",
                    "precision_at_08", "statements.f1"]  # fmt: skip
# the AEB, Wikinews, dev2, dev3 and written sets are gated on the same figures
_NEWS_EVENTS_GATED = [(f"vs.{a}.{key}", "higher") for a in ("A", "B") for key in _NEWS_EVENT_KEYS]
_NEWS_EVENTS_GATED += [(f"vs.mean.{key}", "higher") for key in ("f1", "country_f1")]
_NEWS_EVENTS_GOLD = [f"vs.{a}.{key}" for a in ("A", "B") for key in ("gold", "articles")]
_NEWS_EVENTS_GOLD += [f"vs.{a}.statements.gold" for a in ("A", "B")]
# The figures a baseline keeps, per run: (dotted path in the run's JSON, which way is better).
GATED: dict[str, list[tuple[str, str]]] = {
    "events": [
        (f"gsr.{key}", "higher")
        for key in (
            "five-class macro-F1 (classes with gold support)", "PLOVER macro-F1",
            "PLOVER event of the top event correct", "CAMEO root correct", "QuadClass correct",
            "source country correct", "target country correct",
            "source words match the gold actor text", "target words match the gold actor text",
            "full dyad (source country, target country, CAMEO root)",
        )  # fmt: skip
    ]
    + [
        (f"petrarch.{key}", "higher")
        for key in ("sentences with gold events where we code one",
                    "gold events whose source we match", "gold events whose target we match")
    ],  # fmt: skip
    "dates": [
        (f"{key}.share", "higher")
        for key in ("gold events found", "year right (found)", "year right (found, background)",
                    "month right (found, gold has a month)")
    ],  # fmt: skip
    "quotes": [(f"{stem}.{key}", "higher") for stem in ("gum_wikinews", "samples")
               for key in _QUOTE_KEYS],  # fmt: skip
    "news_events": _NEWS_EVENTS_GATED,
    "news_events_wiki": _NEWS_EVENTS_GATED,
    "news_events_dev2": _NEWS_EVENTS_GATED,
    "news_events_dev3": _NEWS_EVENTS_GATED,
    "news_events_written": _NEWS_EVENTS_GATED,
    "news_events_written2": _NEWS_EVENTS_GATED,
    "news_events_written3": _NEWS_EVENTS_GATED,
    "news_events_written4": _NEWS_EVENTS_GATED,
    "news_events_written5": _NEWS_EVENTS_GATED,
    "news_events_written6": _NEWS_EVENTS_GATED,
    "news_events_written7": _NEWS_EVENTS_GATED,
    "news_actors": [
        (f"vs.{a}.{key}", "higher")
        for a in ("A", "B") for key in ("recall", "country_accuracy", "sector_accuracy")
    ]
    + [
        (f"vs.{a}.{key}", "lower")
        for a in ("A", "B")
        for key in ("problems_per_article", "non_actors_per_article", "splits_per_article",
                    "merges_per_article")
    ],  # fmt: skip
    "news_places": [(f"{a}.located: place right share", "higher") for a in ("A", "B")],
}
# Sizes of the gold behind each run's figures: a change means the baseline is stale.
GOLD_SIZE = {
    "news_events": _NEWS_EVENTS_GOLD,
    "news_events_wiki": _NEWS_EVENTS_GOLD,
    "news_events_dev2": _NEWS_EVENTS_GOLD,
    "news_events_dev3": _NEWS_EVENTS_GOLD,
    "news_events_written": _NEWS_EVENTS_GOLD,
    "news_events_written2": _NEWS_EVENTS_GOLD,
    "news_events_written3": _NEWS_EVENTS_GOLD,
    "news_events_written4": _NEWS_EVENTS_GOLD,
    "news_events_written5": _NEWS_EVENTS_GOLD,
    "news_events_written6": _NEWS_EVENTS_GOLD,
    "news_events_written7": _NEWS_EVENTS_GOLD,
    "news_actors": [f"vs.{a}.{key}" for a in ("A", "B") for key in ("gold", "articles")],
    "dates": ["gold events found.total"],
    "quotes": [f"{stem}.all.gold" for stem in ("gum_wikinews", "samples")],
    "events": ["gsr.sentences"],
    "news_places": [f"{a}.gold with a place" for a in ("A", "B")],
}


def lookup(figures: dict, path: str) -> object:
    """The value at a dotted path; keys may themselves hold dots only as whole keys."""
    node: object = figures
    rest = path
    while rest:
        if not isinstance(node, dict):
            return None
        # The longest key that starts the rest of the path (keys such as "P at 0.8" are allowed).
        for key in sorted(node, key=len, reverse=True):
            if rest == key or rest.startswith(key + "."):
                node, rest = node[key], rest[len(key) + 1 :]
                break
        else:
            return None
    return node


def data_missing() -> str | None:
    data = shared_data_dir()
    needed = [data / "scrapinghub-aeb" / "ground-truth.json", data / "plover-gsr",
              data / "gum-wikinews"]  # fmt: skip
    missing = [str(p) for p in needed if not p.exists()]
    return ", ".join(missing) if missing else None


def run_all(names: list[str]) -> list[str]:
    """Run the evaluations; the names of those that failed to run."""
    OUT.mkdir(parents=True, exist_ok=True)
    failed = []
    for name in names:
        target = OUT / f"{name}.json"
        target.unlink(missing_ok=True)
        command = [sys.executable, *RUNS[name], "--json", str(target)]
        started = time.perf_counter()
        with (OUT / f"{name}.log").open("w", encoding="utf-8") as log:
            code = subprocess.run(
                command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT
            ).returncode
        seconds = time.perf_counter() - started
        status = "ok" if code == 0 and target.exists() else f"FAILED (exit {code})"
        print(f"{name:12s} {status:18s} {seconds:6.1f} s  log: {OUT / (name + '.log')}")
        if status != "ok":
            failed.append(name)
            tail = (OUT / f"{name}.log").read_text(encoding="utf-8").splitlines()[-15:]
            print("\n".join("    " + line for line in tail))
    return failed


def measured(names: list[str]) -> dict[str, dict]:
    out = {}
    for name in names:
        path = OUT / f"{name}.json"
        if path.exists():
            out[name] = json.loads(path.read_text(encoding="utf-8"))
    return out


def compare(baseline: dict, figures: dict[str, dict], tolerance: float) -> list[str]:
    """The failures: figures worse than the baseline, missing figures, stale gold."""
    failures = []
    for name, gated in baseline["figures"].items():
        if name not in figures:
            continue
        current = figures[name]
        for path, size in baseline.get("gold_size", {}).get(name, {}).items():
            now = lookup(current, path)
            if now != size:
                failures.append(f"{name}: gold changed since the baseline ({path}: {size} -> "
                                f"{now}); rerun with --write-baseline")  # fmt: skip
        for path, entry in gated.items():
            old, better = entry["value"], entry["better"]
            now = lookup(current, path)
            if not isinstance(now, int | float):
                failures.append(f"{name}: {path}: missing (baseline {old})")
                continue
            drop = (old - now) if better == "higher" else (now - old)
            mark = "WORSE" if drop > tolerance + 1e-9 else "ok"
            if mark != "ok":
                failures.append(f"{name}: {path}: {old} -> {now} ({better} is better)")
            elif abs(now - old) > 1e-9:
                print(f"  {name}: {path}: {old} -> {now}")
    return failures


def dumps(baseline: dict) -> str:
    """The baseline as JSON with one figure per line."""
    lines = ["{"]
    items = list(baseline.items())
    for number, (key, value) in enumerate(items):
        comma = "," if number < len(items) - 1 else ""
        if isinstance(value, dict):
            lines.append(f"  {json.dumps(key)}: {{")
            runs = list(value.items())
            for run_number, (run, entries) in enumerate(runs):
                inner = [f"      {json.dumps(k, ensure_ascii=False)}: "
                         f"{json.dumps(v, ensure_ascii=False)}" for k, v in entries.items()]
                run_comma = "," if run_number < len(runs) - 1 else ""
                lines.append(f"    {json.dumps(run)}: {{\n" + ",\n".join(inner)
                             + f"\n    }}{run_comma}")  # fmt: skip
            lines.append(f"  }}{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_baseline(figures: dict[str, dict], tolerance: float, note: str | None = None) -> None:
    baseline: dict = {
        "about": "Figures of `make eval` (scripts/eval_gate.py) on dev data; the gate fails when "
        "one is worse by more than the tolerance. Rewrite with: python scripts/eval_gate.py "
        "--write-baseline",
        "measured": date.today().isoformat(),
        **({"note": note} if note else {}),
        "tolerance": tolerance,
        "figures": {},
        "gold_size": {},
    }
    for name, current in figures.items():
        gated = {}
        for path, better in GATED.get(name, []):
            value = lookup(current, path)
            if isinstance(value, int | float):
                gated[path] = {"value": value, "better": better}
        baseline["figures"][name] = gated
        baseline["gold_size"][name] = {
            path: lookup(current, path) for path in GOLD_SIZE.get(name, [])
        }
    BASELINE.write_text(dumps(baseline), encoding="utf-8")
    count = sum(len(v) for v in baseline["figures"].values())
    print(f"wrote {BASELINE.relative_to(REPO)}: {count} figures")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-run", action="store_true", help="compare out/eval/*.json as is")
    parser.add_argument("--only", nargs="+", choices=sorted(RUNS), help="only these evaluations")
    parser.add_argument("--write-baseline", action="store_true",
                        help="write eval/baseline.json from the figures measured now")
    parser.add_argument("--tolerance", type=float, default=None)
    parser.add_argument("--note", help="with --write-baseline: what was measured (commit, data)")
    args = parser.parse_args(argv)
    missing = data_missing()
    if missing:
        print(f"eval gate skipped: the shared evaluation data is not there ({missing}); set "
              "EVENTWIRE_SHARED to its folder to run it")  # fmt: skip
        return 0
    names = args.only or list(RUNS)
    failed = [] if args.skip_run else run_all(names)
    figures = measured(names)
    if args.write_baseline:
        if failed:
            print(f"not writing a baseline: {', '.join(failed)} failed to run")
            return 1
        write_baseline(figures, args.tolerance or TOLERANCE, args.note)
        return 0
    if not BASELINE.exists():
        print(f"no baseline at {BASELINE}: run with --write-baseline first")
        return 1
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    tolerance = args.tolerance if args.tolerance is not None else baseline.get("tolerance",
                                                                               TOLERANCE)
    failures = [f"{name}: did not run" for name in failed]
    failures += compare(baseline, figures, tolerance)
    if failures:
        print(f"eval gate FAILED ({len(failures)}; tolerance {tolerance}):")
        print("\n".join("  " + f for f in failures))
        return 1
    count = sum(len(baseline["figures"].get(n, {})) for n in figures)
    print(f"eval gate passed: {count} figures within {tolerance} of eval/baseline.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
