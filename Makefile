# One entry point for everything. `make run` and `make test` work on a fresh machine with
# Python 3.11+, git and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-fast test-e2e lint fmt messages compilemessages migrate demo worker bench lock browser check clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

compilemessages: $(STAMP)
	$(PY) -m samenleren.core.i18n_compile

migrate: $(STAMP)
	mkdir -p var
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) demo

run: compilemessages demo
	$(MANAGE) runserver $(HOST):$(PORT)

worker: migrate
	$(MANAGE) db_worker

# Debian's Chromium for the browser journeys (never a downloaded browser build).
browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; \
	  else echo "Install Debian's chromium (sudo apt-get install chromium) for the browser tests."; exit 1; fi; }

# The whole suite: SQLite by default, PostgreSQL when DATABASE_URL is set.
test: $(STAMP) compilemessages browser
	$(PY) -m pytest -n 2 -m "not e2e" $(PYTEST_ARGS)
	$(PY) -m pytest -p no:xdist -m e2e $(PYTEST_ARGS)

test-fast: $(STAMP) compilemessages
	$(PY) -m pytest -n 2 -m "not e2e" $(PYTEST_ARGS)

test-e2e: $(STAMP) compilemessages browser
	$(PY) -m pytest -m e2e $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(STAMP)
	$(MANAGE) makemessages -l nl -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench --no-obsolete

check: $(STAMP)
	mkdir -p var
	$(MANAGE) makemigrations --check --dry-run
	SECRET_KEY=check-only-$$(date +%s)-not-secret-but-long-enough-for-the-check \
	  DJANGO_SETTINGS_MODULE=config.settings.prod ALLOWED_HOSTS=samenleren.example \
	  $(MANAGE) check --deploy --fail-level WARNING

bench: $(STAMP)
	@echo "Benchmarks live in bench/; see docs/performance.md for how to run each."

lock:
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf var/static var/test-media
