# warta's set-up lives here so README's two commands work on a fresh machine:
#   make demo   creates .venv (if needed), ingests the bundled sample pages into a fresh store
#               (.demo/warta.db) and shows what is in it
#   make test   creates .venv (if needed) and runs lint, types and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

DEMO_DB := .demo/warta.db

demo: $(STAMP)
	rm -rf .demo && mkdir -p .demo
	$(BIN)/warta ingest samples/pages --db $(DEMO_DB)
	@echo "== warta stats"
	@$(BIN)/warta stats --db $(DEMO_DB)
	@echo "== warta entities --limit 8"
	@$(BIN)/warta entities --db $(DEMO_DB) --limit 8
	@echo "== warta quotes --limit 6"
	@$(BIN)/warta quotes --db $(DEMO_DB) --limit 6
	@echo "== warta search 'korea utara'"
	@$(BIN)/warta search 'korea utara' --db $(DEMO_DB)
	@echo "== warta entity putin"
	@$(BIN)/warta entity putin --db $(DEMO_DB) --top 5
	@echo "(the store is $(DEMO_DB): try warta show 6 --format text --db $(DEMO_DB))"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/extraction.py

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache
