# Prevent Duty Assurance: developer entry points.
#
#   make            set everything up (first time: a few minutes) and serve on
#                   http://127.0.0.1:8000/ with demo data; later runs reuse what exists
#   make setup      everything except serving
#   make test       lint + tests on SQLite and PostgreSQL (scripts/test.sh);
#                   PYTEST_ARGS="-k foo" is passed to pytest
#   make lint       ruff check + ruff format --check
#   make bench      every page at national scale on SQLite and PostgreSQL (BENCH_ARGS=...)
#   make audit      known vulnerabilities in Python and npm packages (scripts/audit.sh);
#                   says plainly when a registry's vulnerability service cannot be reached
#   make worker     background task worker (django-tasks-db)
#   make backup     one archive of the database and private files (var/backups/;
#                   `manage.py restore <archive>` rebuilds; docs/operations.md)
#   make clean      remove build output and caches (keeps .venv, node_modules, var/)
#   make distclean  clean, and remove .venv and node_modules too
#
# Needs only Python 3.11+ (with venv), Node.js/npm and access to PyPI and npm.
# Stamps live inside the directories they describe, so deleting .venv,
# node_modules or static/dist makes the next run rebuild just that part.

SHELL := /bin/bash
.DEFAULT_GOAL := run
.DELETE_ON_ERROR:

HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# Interpreter used only to create the virtualenv.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null || echo python3)

VENV_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
ASSETS_STAMP := static/dist/.built
ASSET_SOURCES := $(wildcard frontend/*.scss frontend/*.mjs) package.json $(wildcard package-lock.json)

.PHONY: run setup install system python node assets migrate frameworks demo test lint bench worker clean distclean audit backup

run: setup
	@echo
	@echo "Prevent Duty Assurance: http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	@echo
	$(MANAGE) runserver $(HOST):$(PORT)

setup: install migrate frameworks demo

# Python, npm packages and built assets: what `make test` needs; and the
# system packages the PDFs are faster with, when they can be installed.
install: python node assets system

system:
	@bash scripts/system_packages.sh

python: $(VENV_STAMP)
node: $(NODE_STAMP)
assets: $(ASSETS_STAMP)

$(VENV_STAMP): $(wildcard pyproject.toml)
	@if [ ! -x "$(PY)" ]; then \
		echo "Creating $(VENV) with $(PYTHON)"; \
		$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): install Python 3.11+ with venv (e.g. apt-get install python3-venv)" >&2; exit 1; }; \
	fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

$(NODE_STAMP): package.json $(wildcard package-lock.json)
	@command -v npm >/dev/null || { echo "npm not found: install Node.js 20+ and npm" >&2; exit 1; }
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
	@touch $@

$(ASSETS_STAMP): $(NODE_STAMP) $(ASSET_SOURCES)
	npm run --silent build
	@touch $@

# var/ (git-ignored) holds the SQLite database and uploads.
migrate: python
	@mkdir -p var
	$(MANAGE) createcachetable
	$(MANAGE) migrate --no-input

frameworks: migrate
	@if $(MANAGE) help load_frameworks >/dev/null 2>&1; then \
		echo "$(MANAGE) load_frameworks"; $(MANAGE) load_frameworks; \
	else \
		echo "(no load_frameworks command yet: skipped)"; \
	fi

demo: migrate frameworks
	$(MANAGE) seed_demo

test: install
	bash scripts/test.sh $(PYTEST_ARGS)

lint: python
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# National data (var/bench/, PostgreSQL pda_bench_<hash>) is built once and reused;
# writes benchmarks/results/national.md and fails when a target is missed.
bench: install
	$(PY) benchmarks/national/run.py $(BENCH_ARGS)

worker: install migrate
	$(MANAGE) db_worker

backup: python
	$(MANAGE) backup

clean:
	rm -rf static/dist .pytest_cache .ruff_cache htmlcov .coverage
	find . -path ./$(VENV) -prune -o -path ./node_modules -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) node_modules

audit:
	bash scripts/audit.sh
