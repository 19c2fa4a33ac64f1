# kizashi: the two set-up commands of the README, and helpers.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: run test eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## the main job: extract events from the bundled sample articles
run: $(STAMP)
	$(BIN)/kizashi extract --format table samples/*.txt

## the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

## precision, recall and F1 on the dev set (needs ../shared)
eval: $(STAMP)
	$(BIN)/kizashi eval
	$(BIN)/kizashi eval --cases

## throughput against bare GiNZA (see docs/performance.md)
bench: $(STAMP)
	$(BIN)/python -m benchmarks.bench_extract --chars 200000 --event-share 0.3
	$(BIN)/python -m benchmarks.bench_extract --chars 200000

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
