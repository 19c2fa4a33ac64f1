# kizashi: the two set-up commands of the README, and helpers.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
WEB_STAMP = kizashi/web/static/vendor/.built

.PHONY: run test test-fast eval bench clean web screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## the workbench's browser libraries (npm) copied into kizashi/web/static/vendor/
web: $(WEB_STAMP)

$(WEB_STAMP): web/package-lock.json web/build.mjs
	cd web && npm ci --no-audit --no-fund && npm run build
	touch $(WEB_STAMP)

DEMO_DB ?= out/kizashi.db
PORT    ?= 8000

## the main job: ingest the bundled sample corpus into SQLite and serve the workbench + API
run: $(STAMP) web
	$(BIN)/kizashi ingest --db $(DEMO_DB) samples/
	$(BIN)/kizashi serve --db $(DEMO_DB) --port $(PORT)

## the whole test suite
test: $(STAMP) web
	$(BIN)/python -m pytest -q

## docs/screenshots/: every view of the workbench, taken by the browser tests (tests write to out/
## screenshots/ otherwise, so that a test run leaves the checkout clean)
screenshots: $(STAMP) web
	KIZASHI_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/web tests/briefing

## the fast tier: rules on parses given by hand, no parser loaded (seconds)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q tests/fast

## precision, recall and F1 on the dev set (needs ../shared)
eval: $(STAMP)
	$(BIN)/kizashi eval
	$(BIN)/kizashi eval --cases

## throughput against bare GiNZA, query latency on 1M events, ingest without NLP (docs/performance.md)
bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench_extract --chars 200000 --event-share 0.3
	$(BIN)/python -m benchmarks.bench_extract --chars 200000
	$(BIN)/python -m benchmarks.bench_queries --backend sqlite
	$(BIN)/python -m benchmarks.bench_queries --backend postgresql
	$(BIN)/python -m benchmarks.bench_ingest
	$(BIN)/python -m benchmarks.bench_fetch

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
