# Isnad: the one entry point. `make run` and `make test` work on a fresh machine with Python 3.12+.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The first Python >= 3.12 found: $PYTHON, python3.13/3.12 on PATH, then pyenv's 3.12/3.13.
PYTHON ?= $(shell for p in python3.13 python3.12 $$(ls -d /root/.pyenv/versions/3.1[23].*/bin/python 2>/dev/null) python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run test test-browser lint format migrate seed messages makemessages bench bench-quick bench-extraction browser-deps audit clean

help:
	@echo "make run    - install, migrate, import seeds/, create demo accounts, serve on http://$(HOST):$(PORT)"
	@echo "make test   - install, then run the whole test suite (DATABASE_URL selects PostgreSQL)"
	@echo "make lint   - ruff check, format check and mypy (strict on claims/extraction)"
	@echo "make audit  - pip-audit of the pinned requirements (also run by make test)"
	@echo "make bench  - benchmarks (see bench/README.md); make bench-quick for the 10k-article run"
	@echo "make bench-extraction - extraction speed (ms per 10 KB article) and quality figures"

$(PY):
	@test -n "$(PYTHON)" || { echo "Isnad needs Python 3.12 or newer: none found (set PYTHON=/path/to/python3.12)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-test.txt
	@touch $@ $(VENV)/.installed-run

# Browser tests drive Debian's Chromium; install it when we may (root with apt), never a download.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi
	@[ -x /usr/bin/chromium ] || echo "warning: /usr/bin/chromium missing: browser tests will be skipped"

migrate: $(VENV)/.installed-run
	$(PY) manage.py migrate --no-input

# The Arabic and English catalogues (locale/*/LC_MESSAGES/django.po) compiled to .mo. Needs GNU
# gettext's msgfmt (Debian: gettext); without it the committed .mo files are used as they are
# (a test checks they match the .po files).
messages: $(VENV)/.installed-run
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --ignore=.venv --ignore=bench -v0; \
	else echo "msgfmt not found: using the committed locale/*/LC_MESSAGES/django.mo"; fi

# After changing user-facing strings: refresh the catalogues, translate, then `make messages`.
makemessages: $(VENV)/.installed-run
	$(PY) manage.py makemessages -l ar -l en --no-obsolete \
		--ignore=.venv --ignore=bench --ignore=tests --ignore=var --ignore=test-artifacts

seed: migrate messages
	$(PY) manage.py import_articles seeds/
	$(PY) manage.py load_curation seeds/curation.json
	$(PY) manage.py ensure_demo_accounts

run: seed
	@echo "Isnad on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-test browser-deps messages audit
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) -m pytest $(PYTEST_ARGS)

# pip-audit of the pinned requirements (.ci/pip_audit.py): fails on a known vulnerability, says
# SKIPPED when no vulnerability service answers from this machine.
audit: $(VENV)/.installed-test
	$(PY) .ci/pip_audit.py

# The Playwright tests alone (screenshots in test-artifacts/).
test-browser: $(VENV)/.installed-test browser-deps messages
	$(PY) -m pytest -m browser tests/browser $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Extraction speed and quality (no database needed): CPU ms per 10 KB article against baselines.
bench-extraction: $(VENV)/.installed-run
	$(PY) bench/bench_extraction.py --save

# Benchmarks (bench/README.md): their own venv, so gunicorn and Datasette stay out of the app's.
BENCH_VENV := bench/.venv
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/isnad_bench
BENCH_QUICK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/isnad_bench_quick
$(BENCH_VENV)/.installed: requirements.txt bench/requirements-bench.txt
	@test -n "$(PYTHON)" || { echo "The benchmarks need Python 3.12 or newer (set PYTHON=...)"; exit 1; }
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet -r bench/requirements-bench.txt
	@touch $@

bench: $(BENCH_VENV)/.installed
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BENCH_VENV)/bin/python bench/run.py --articles 100000 --claims-per-article 10 $(BENCH_ARGS)

bench-quick: $(BENCH_VENV)/.installed
	DATABASE_URL=$(BENCH_QUICK_DATABASE_URL) $(BENCH_VENV)/bin/python bench/run.py --articles 10000 --claims-per-article 10 --quick $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/ .pytest_cache test-artifacts
