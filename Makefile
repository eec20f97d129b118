# Two entry points for a fresh clone: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench eval clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/eventwire extract samples/articles --out demo-output.json --summary
	@echo "Full JSON output: demo-output.json"
	$(BIN)/eventwire ingest samples/articles --db demo.duckdb --actors samples/actors.yaml
	$(BIN)/eventwire timeline Putin Musk --db demo.duckdb
	@echo "Corpus store: demo.duckdb (try: $(BIN)/eventwire events --actor Putin --db demo.duckdb)"

test: $(BIN)/.installed
	$(BIN)/ruff check src tests scripts
	$(BIN)/pytest

bench: $(BIN)/.installed
	$(BIN)/python scripts/bench_extraction.py

# Every accuracy evaluation on dev data (GSR events, dates, quotes, real-news events and actors),
# compared with eval/baseline.json: fails when a figure is worse by more than 0.01. Skipped with a
# message when ../shared/data (or $$EVENTWIRE_SHARED) is absent.
eval: $(BIN)/.installed
	$(BIN)/python scripts/eval_gate.py

clean:
	rm -rf $(VENV) demo-output.json demo.duckdb .pytest_cache .ruff_cache
