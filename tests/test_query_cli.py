"""The corpus commands of the CLI: ingest, actors, events, quotes, timeline, search, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from tests.conftest import SAMPLES
from tests.test_query import build_corpus

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("cli") / "corpus.duckdb")


def run_json(*args: str):
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_command_stores_the_samples_and_skips_them_the_second_time(nlp, tmp_path: Path):
    db = tmp_path / "samples.duckdb"
    first = runner.invoke(app, ["ingest", str(SAMPLES), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "7 stored, 0 failed" in first.output
    second = runner.invoke(app, ["ingest", str(SAMPLES), "--db", str(db)])
    assert "0 stored, 0 failed" in second.output and "7 already in" in second.output
    hits = run_json("search", "Zelensky", "--db", str(db))
    assert hits[0]["doc"] == "wire-0001"
    actors = run_json("actors", "Zelensky", "--db", str(db))
    assert actors[0]["name"] == "Volodymyr Zelensky" and "Zelensky" in actors[0]["aliases"]
    # one person across articles is one corpus actor, under the knowledge base's id
    putin = run_json("actors", "Putin", "--db", str(db))
    assert putin[0]["actor_id"] == "kb:vladimir-putin"
    uncoded = run_json("actors", "--uncoded", "--db", str(db))
    assert uncoded and all(a["code"] is None and a["type"] != "location" for a in uncoded)
    counts = [(a["n_docs"], a["n_mentions"]) for a in uncoded]
    assert counts == sorted(counts, reverse=True)  # the most frequent first


def test_ingest_command_reports_usage_errors(tmp_path: Path):
    missing = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "d")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    bad_yaml = tmp_path / "actors.yaml"
    bad_yaml.write_text("- aliases: [X]\n", encoding="utf-8")
    result = runner.invoke(
        app, ["ingest", str(SAMPLES), "--db", str(tmp_path / "d"), "--actors", str(bad_yaml)]
    )
    assert result.exit_code == 2 and "needs a 'name'" in result.output
    bad_yaml.write_text("- name: [unclosed\n", encoding="utf-8")
    result = runner.invoke(
        app, ["ingest", str(SAMPLES), "--db", str(tmp_path / "d"), "--actors", str(bad_yaml)]
    )
    assert result.exit_code == 2 and "not valid YAML" in result.output


def test_actors_command_lists_and_profiles(db: Path):
    names = [a["name"] for a in run_json("actors", "--db", str(db))]
    assert sorted(names) == ["Kassym Tokayev", "Vladimir Putin"]
    profile = run_json("actors", "putin", "--profile", "--db", str(db))
    assert profile["codes"][0]["code"] == "RUSGOV" and profile["events"] == 4
    table = runner.invoke(app, ["actors", "putin", "--profile", "--db", str(db)])
    assert table.exit_code == 0 and "Kassym Tokayev" in table.stdout
    unknown = runner.invoke(app, ["actors", "Nobody", "--profile", "--db", str(db)])
    assert unknown.exit_code == 1


def test_events_command_filters(db: Path):
    assert len(run_json("events", "--db", str(db))) == 4
    hedged = run_json("events", "--db", str(db), "--actor", "Putin", "--hedged")
    assert [e["cameo"] for e in hedged] == ["112"]
    consult = run_json("events", "--db", str(db), "--type", "consult", "--since", "2025-02")
    assert [e["cameo"] for e in consult] == ["036"]
    assert run_json("events", "--db", str(db), "--quad-class", "4")[0]["goldstein"] == -10.0
    visit = run_json("events", "--db", str(db), "--publisher", "Valley Gazette", "--mentions")
    assert visit[0]["num_articles"] == 2 and len(visit[0]["mentions"]) == 2
    assert run_json("events", "--db", str(db), "--target", "Putin", "--not-hedged") == []
    table = runner.invoke(app, ["events", "--db", str(db), "--source", "Putin"])
    assert table.exit_code == 0 and "Vladimir Putin" in table.stdout


def test_quotes_timeline_and_search_commands(db: Path):
    quotes = run_json("quotes", "--db", str(db), "--speaker", "Putin", "--text", "grain")
    assert [q["text"] for q in quotes] == ["grain will flow east"]
    months = run_json("timeline", "Putin", "Tokayev", "--db", str(db))
    assert [(m["month"], m["cooperation"], m["conflict"]) for m in months] == [
        ("2025-01", 1, 0), ("2025-02", 1, 0), ("2025-03", 0, 1)
    ]  # fmt: skip
    hits = run_json("search", "rail tariffs", "--db", str(db))
    assert hits[0]["doc"] == "visit-b"
    table = runner.invoke(app, ["timeline", "Putin", "Tokayev", "--db", str(db)])
    assert table.exit_code == 0 and "2025-03" in table.stdout


def test_export_command_and_a_missing_store(db: Path, tmp_path: Path):
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", "gdelt", "--out", str(tmp_path / "g")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g" / "events.export.CSV").exists()
    missing = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no store" in missing.output


def test_year_only_dates_are_shown_as_reported(tmp_path: Path):
    from eventwire.store import Store
    from tests.test_query import PUTIN, TOKAYEV
    from tests.test_store import make_result

    db = tmp_path / "dated.duckdb"
    with Store(db) as store:
        store.add([make_result(
            "year", "Putin accused Tokayev, officials said.", published="2025-06-01",
            actors=[PUTIN, TOKAYEV], events=[("E1", "A1", "A2", "112", "accused", "2023")],
        )])  # fmt: skip
        store.rebuild()
    (event,) = run_json("events", "--db", str(db))
    assert (event["date"], event["date_precision"], event["last_day"]) == (
        "2023", "year", "2023-12-31"
    )  # fmt: skip
    table = runner.invoke(app, ["events", "--db", str(db)])
    assert "2023-01-01" not in table.stdout and "2023" in table.stdout
    months = run_json("timeline", "Putin", "Tokayev", "--db", str(db))
    assert [m["month"] for m in months] == ["2023 (year only)"]
    assert "year only" in runner.invoke(app, ["timeline", "--help"]).stdout


# -- output formats, limits, hostile text (#11 item 3, #12 items 6 and 11) ---------------------

QUERIES = [["events"], ["actors"], ["quotes"], ["search", "Putin"],
           ["timeline", "Putin", "Tokayev"]]  # fmt: skip


@pytest.mark.parametrize("command", QUERIES, ids=lambda c: c[0])
def test_every_query_speaks_every_format(db: Path, command: list[str]):
    import csv
    import io

    rows = run_json(*command, "--db", str(db))
    assert rows, command
    jsonl = runner.invoke(app, [*command, "--db", str(db), "--format", "jsonl"])
    assert [json.loads(line) for line in jsonl.stdout.splitlines()] == rows
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        result = runner.invoke(app, [*command, "--db", str(db), "--format", fmt])
        assert result.exit_code == 0, result.output
        table = list(csv.DictReader(io.StringIO(result.stdout), delimiter=delimiter))
        assert len(table) == len(rows) and list(table[0]) == list(rows[0])
        first = rows[0]
        for name, value in first.items():
            if isinstance(value, list | dict):  # nested values as JSON text
                assert json.loads(table[0][name]) == value
            elif value is not None and not isinstance(value, bool | float):
                assert table[0][name] == str(value)


def test_limit_says_when_rows_are_cut_and_zero_means_all(db: Path):
    cut = runner.invoke(app, ["events", "--db", str(db), "-f", "json", "--limit", "2"])
    assert len(json.loads(cut.stdout)) == 2
    assert "showing the first 2 rows" in cut.stderr and "--limit 0" in cut.stderr
    every = runner.invoke(app, ["events", "--db", str(db), "-f", "json", "--limit", "0"])
    assert len(json.loads(every.stdout)) == 4 and every.stderr == ""
    exact = runner.invoke(app, ["events", "--db", str(db), "-f", "json", "--limit", "4"])
    assert len(json.loads(exact.stdout)) == 4 and exact.stderr == ""


def test_events_beyond_the_default_hundred_are_not_dropped_silently(tmp_path: Path):
    from eventwire.store import Store
    from tests.test_query import PUTIN, TOKAYEV
    from tests.test_store import make_result

    db = tmp_path / "many.duckdb"
    with Store(db) as store:
        store.add([
            make_result(f"day-{n}", f"Putin accused Tokayev on day {n}.",
                        published=f"20{10 + n // 12:02d}-{1 + n % 12:02d}-01",
                        actors=[PUTIN, TOKAYEV], events=[("E1", "A1", "A2", "112", "accused")])
            for n in range(120)
        ])  # fmt: skip
        store.rebuild()
    default = runner.invoke(app, ["events", "--db", str(db), "-f", "jsonl"])
    assert len(default.stdout.splitlines()) == 100 and "first 100 rows" in default.stderr
    every = runner.invoke(app, ["events", "--db", str(db), "-f", "jsonl", "-n", "0"])
    assert len(every.stdout.splitlines()) == 120


def test_speaker_and_text_filters_take_user_text_literally(db: Path):
    # "A1" is the per-document id of Putin in every article: it must not be a speaker name
    assert run_json("quotes", "--db", str(db), "--speaker", "A1") == []
    assert run_json("quotes", "--db", str(db), "--speaker", "%") == []
    assert run_json("quotes", "--db", str(db), "--text", "%") == []
    assert run_json("quotes", "--db", str(db), "--text", "gr_in") == []
    assert [q["text"] for q in run_json("quotes", "--db", str(db), "--text", "grain")] == [
        "grain will flow east"
    ]
    assert run_json("actors", "_", "--db", str(db)) == []
    assert run_json("events", "--db", str(db), "--publisher", "%") == []
    assert len(run_json("events", "--db", str(db), "--publisher", "harbour wire")) == 3


MARKUP = "[/b] [bold red]Alarm[/] [/quote] [link=file:///etc/passwd]x[/link] \\[ :warning:"


def test_console_markup_in_article_text_is_shown_as_written(tmp_path: Path):
    from eventwire.store import Store
    from tests.test_store import make_result

    text = f"Putin [/b] accused Tokayev [/quote]. Putin said: {MARKUP} ends."
    result = make_result(
        "markup [/b]", text, publisher="Wire [/quote]",
        actors=[("A1", "Putin [/b]", "person", "RUSGOV"), ("A2", "Tokayev [/quote]", "person",
                                                            "KAZGOV")],
        events=[("E1", "A1", "A2", "112", "accused")],
        quotes=[("Q1", "A1", f"{MARKUP} ends")],
    )  # fmt: skip
    db = tmp_path / "markup.duckdb"
    with Store(db) as store:
        store.add([result])
        store.rebuild()
    for command in (["events"], ["quotes"], ["actors"], ["search", "Putin"],
                    ["actors", "Putin [/b]", "--profile"]):  # fmt: skip
        shown = runner.invoke(app, [*command, "--db", str(db)])
        assert shown.exit_code == 0, (command, shown.output)
        assert "[/b]" in shown.stdout or "[/quote]" in shown.stdout, (command, shown.stdout)
    quotes = runner.invoke(app, ["quotes", "--db", str(db)])
    assert "[bold red]Alarm[/]" in quotes.stdout


def test_the_summary_shows_markup_as_written(tmp_path: Path):
    import io

    from rich.console import Console

    from eventwire.report import print_summary
    from tests.test_store import make_result

    text = f"Putin accused Tokayev. Putin said: {MARKUP} ends."
    result = make_result(
        "doc [/b]", text,
        actors=[("A1", "Putin [/b]", "person", "RUSGOV"), ("A2", "Tokayev", "person", "KAZGOV")],
        events=[("E1", "A1", "A2", "112", "accused")], quotes=[("Q1", "A1", f"{MARKUP} ends")],
    )  # fmt: skip
    result.document.title = "Talks [/quote] end [red]badly"
    out = io.StringIO()
    print_summary([result], Console(file=out, width=200))
    shown = out.getvalue()
    assert "Talks [/quote] end [red]badly" in shown and "Putin [/b]" in shown
    assert "[bold red]Alarm[/]" in shown


def test_extract_table_and_summary_with_markup_in_the_text(nlp, tmp_path: Path):
    path = tmp_path / "markup.txt"
    path.write_text(
        "title Summit [/b] ends [/quote]\n"
        f"Norland's foreign minister met Ostmark's envoy in Velby on Tuesday. \"{MARKUP} we "
        "agree,\" the minister said.\n",
        encoding="utf-8",
    )
    table = runner.invoke(app, ["extract", str(path), "--format", "table", "--summary"])
    assert table.exit_code == 0, table.output
    assert "[/b]" in table.stdout and "[/b]" in table.stderr
