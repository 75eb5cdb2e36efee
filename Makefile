# Chronicle: the two set-up commands are `make run` and `make test`. Both create .venv themselves.
PYTHON ?= python3
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8000
BIN := $(VENV)/bin

.PHONY: run test test-browser test-system bench backup restore lint format fixtures check-fixtures verify clean help

help:
	@echo "make run    - install, migrate, load the seed data, serve on http://$(HOST):$(PORT)"
	@echo "make test   - install the dev requirements and run the test suite (pytest)"
	@echo "make test-browser - the browser tests (Debian's chromium, axe-core and TimelineJS from the npm cache)"
	@echo "make test-system  - the slower tests that start servers or generate data at scale"
	@echo "make lint   - ruff check and format check"
	@echo "make fixtures - rebuild fixtures/ from seeds/"
	@echo "make bench  - EVENTS=1000000 REQUESTS=2000: the API against a one-query floor on a scratch PostgreSQL"
	@echo "make backup [FILE=…] / make restore FILE=… - back up / restore the database DATABASE_URL names"

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is required") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: $(BIN)/python requirements.txt
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime-installed

# Local development defaults, unless the environment says otherwise.
run: export DJANGO_DEBUG ?= 1
run: export ALLOWED_HOSTS ?= localhost,127.0.0.1
run: $(VENV)/.runtime-installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seed_data
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# `make test` spreads the tests over TEST_WORKERS processes (pytest-xdist); TEST_WORKERS=0 runs them in one.
TEST_WORKERS ?= 2
# Tests run with production-like settings (DEBUG off); the key below only ever signs test data.
test: export SECRET_KEY ?= insecure-key-for-the-test-suite-only
test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -m "not browser and not system" $(PYTEST_ARGS)

# pytest exits 5 when no test carries the marker: nothing to run is not a failure.
# Browser tests: Debian's chromium drives the page; the JavaScript they inject (axe-core, TimelineJS 3) is
# installed by scripts/npm-cache.sh into a cache folder outside the repository.
test-browser: export SECRET_KEY ?= insecure-key-for-the-test-suite-only
test-browser: $(VENV)/.dev-installed
	CHRONICLE_NPM_CACHE="$$(scripts/npm-cache.sh)" $(BIN)/python -m pytest -m browser $(PYTEST_ARGS) || [ $$? -eq 5 ]

test-system: export SECRET_KEY ?= insecure-key-for-the-test-suite-only
test-system: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -m system $(PYTEST_ARGS) || [ $$? -eq 5 ]

# The benchmark (docs/benchmarks.md): a scratch PostgreSQL database (BENCH_DATABASE, dropped after) on the
# server at BENCH_SERVER_URL, generated data, gunicorn with the production command. Results: bench/results.json.
EVENTS ?= 1000000
REQUESTS ?= 2000
bench: $(VENV)/.runtime-installed
	@start=$$(date +%s); \
	EVENTS=$(EVENTS) REQUESTS=$(REQUESTS) $(BIN)/python -m bench; status=$$?; \
	echo "make bench took $$(( $$(date +%s) - start )) s"; exit $$status

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

fixtures: export DJANGO_DEBUG ?= 1
fixtures: $(VENV)/.runtime-installed
	$(BIN)/python manage.py build_fixtures

check-fixtures: export DJANGO_DEBUG ?= 1
check-fixtures: $(VENV)/.runtime-installed
	$(BIN)/python manage.py build_fixtures --check

# A backup of the database DATABASE_URL names: pg_dump's custom format on PostgreSQL, YAML on SQLite.
BACKUP_DIR ?= backups
backup: export DJANGO_DEBUG ?= 1
backup: $(VENV)/.runtime-installed
	@case "$${DATABASE_URL:-sqlite}" in postgres*) ext=dump;; *) ext=yaml;; esac; \
	$(BIN)/python manage.py backup "$${FILE:-$(BACKUP_DIR)/chronicle-$$(date -u +%Y%m%dT%H%M%SZ).$$ext}"

# Restores FILE=… into a database with no timeline data (add RESTORE_ARGS=--replace to replace it).
restore: export DJANGO_DEBUG ?= 1
restore: $(VENV)/.runtime-installed
	@test -n "$(FILE)" || { echo "make restore FILE=backups/chronicle-….dump (or .yaml)"; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)" $(RESTORE_ARGS)

clean:
	rm -rf $(VENV) staticfiles staticfiles-debug screenshots .pytest_cache .ruff_cache
