# Two entry points for a fresh clone: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo serve test lint bench eval clean vendor-js

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
	@echo "Dashboard: make serve (or $(BIN)/eventwire serve --db demo.duckdb), then open"
	@echo "  http://$(HOST):$(PORT)/#/timeline?source=Putin&target=Musk  (API docs: http://$(HOST):$(PORT)/docs)"

# The HTTP API and dashboard over the demo store (stored first if missing); Ctrl-C stops.
serve: $(BIN)/.installed
	@test -f demo.duckdb || $(BIN)/eventwire ingest samples/articles --db demo.duckdb --actors samples/actors.yaml
	@echo "Dashboard: http://$(HOST):$(PORT)/#/timeline?source=Putin&target=Musk"
	$(BIN)/eventwire serve --db demo.duckdb --host $(HOST) --port $(PORT)

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

# Re-copy the dashboard's JavaScript (Chart.js, Cytoscape, Swagger UI) from npm at the pinned
# versions into src/eventwire/serve/static/vendor/ (committed; needs npm, never run at run time).
vendor-js:
	bash scripts/vendor_js.sh

clean:
	rm -rf $(VENV) demo-output.json demo.duckdb .pytest_cache .ruff_cache
