# warta's set-up lives here so README's two commands work on a fresh machine:
#   make demo   creates .venv (if needed), ingests the bundled sample pages into a fresh store
#               (.demo/warta.db), shows what is in it, then serves it: the reader and the API at
#               http://127.0.0.1:8000/ until Ctrl-C (make demo DEMO_PORT=8001 for another port)
#   make test   creates .venv (if needed), installs chromium for the browser tests (as root, with
#               apt-get, when it is missing) and runs lint, types and the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest browser bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

DEMO_DB := .demo/warta.db
DEMO_PORT ?= 8000

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
	@echo "== warta serve: open http://127.0.0.1:$(DEMO_PORT)/ in a browser (API docs at /docs); Ctrl-C stops"
	@$(BIN)/warta serve --db $(DEMO_DB) --port $(DEMO_PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

# The browser tests (tests/serve/test_browser.py) drive Debian's chromium; Playwright's own browser
# download is never used. Installed here when missing and we are root on an apt system; otherwise
# the tests skip, and this says what to install.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "== installing chromium for the browser tests (apt-get)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	else \
	  echo "note: no chromium here, so the browser tests will skip: install it (sudo apt-get install chromium)"; \
	fi

pytest: $(STAMP) browser
	$(BIN)/python -m pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/extraction.py

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache
