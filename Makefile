# OmniCRM: `make run` starts the product, `make test` runs every test. Each sets up what it needs first.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VENV      := .venv
BIN       := $(VENV)/bin
PY_STAMP  := $(VENV)/.installed
UI_STAMP  := OmniCRM-UI/node_modules/.installed
E2E_STAMP := tests/e2e/node_modules/.installed
UI_BUILD  := OmniCRM-UI/dist/index.html
UI_SOURCES := $(shell find OmniCRM-UI/src OmniCRM-UI/public -type f 2>/dev/null) OmniCRM-UI/index.html OmniCRM-UI/vite.config.js
MARIADB_UP := $(BIN)/python -c "import pymysql; pymysql.connect(host='127.0.0.1', port=3306, user='root', connect_timeout=2)"

.PHONY: run setup test lint test-python test-ui test-e2e bench worker browser clean

## Set-up (skipped when nothing changed) -------------------------------------------------------------

$(PY_STAMP): OmniCRM-API/requirements.lock OmniCRM-API/pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r OmniCRM-API/requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e OmniCRM-API
	touch $@

$(UI_STAMP): OmniCRM-UI/package-lock.json
	cd OmniCRM-UI && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(UI_BUILD): $(UI_STAMP) $(UI_SOURCES)
	cd OmniCRM-UI && npm run build --silent

$(E2E_STAMP): tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(PY_STAMP) $(UI_BUILD)

## The two commands of README.md ----------------------------------------------------------------------

run: setup
	$(BIN)/omnicrm up

test: setup browser $(E2E_STAMP) lint test-python test-ui test-e2e

## Parts of `make test` --------------------------------------------------------------------------------

lint: $(PY_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# pytest on SQLite, then again on MariaDB (always in CI; elsewhere when one is reachable).
test-python: $(PY_STAMP)
	$(BIN)/pytest
	@if $(MARIADB_UP) 2>/dev/null; then \
		echo "== pytest on MariaDB"; OMNICRM_TEST_DB=mariadb $(BIN)/pytest; \
	elif [ "$$CI" = "true" ]; then \
		echo "CI must test on MariaDB, and none answers at 127.0.0.1:3306 (user root, no password)" >&2; exit 1; \
	else \
		echo "== MariaDB not reachable at 127.0.0.1:3306: MariaDB pass skipped (CI always runs it)"; \
	fi

test-ui: $(UI_STAMP)
	cd OmniCRM-UI && npm test --silent

test-e2e: $(UI_BUILD) $(E2E_STAMP) browser
	cd tests/e2e && npm test --silent

# Debian's Chromium drives the browser tests; it is installed from the distribution, never downloaded.
browser:
	@test -x /usr/bin/chromium || { \
		echo "== installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

## Other tools -----------------------------------------------------------------------------------------

bench: $(PY_STAMP)
	$(BIN)/python tests/bench/run.py
	$(BIN)/python tests/bench/search_scale.py
	$(BIN)/python tests/bench/provisioning.py
	$(BIN)/python tests/bench/provisioning_mobile.py

worker: $(PY_STAMP)
	$(BIN)/omnicrm worker

clean:
	rm -rf $(VENV) OmniCRM-UI/node_modules OmniCRM-UI/dist tests/e2e/node_modules
