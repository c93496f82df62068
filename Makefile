# Two commands matter: `make dashboard` and `make test`. Everything installs into .venv from the
# lock files in requirements/, so a fresh machine gets the versions that were tested.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= data/events.yaml
PORT ?= 8501

.PHONY: dashboard test lint typecheck unit browser bench lock chromium clean

dashboard: $(VENV)/.app-installed
	$(BIN)/timeline dashboard $(DATA) --port $(PORT)

test: $(VENV)/.dev-installed chromium tests/js/node_modules/.installed lint typecheck
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check src tests benchmarks dashboard.py
	$(BIN)/ruff format --check src tests benchmarks dashboard.py

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

bench: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks

chromium:
	@bash scripts/ensure-chromium.sh

# TimelineJS itself, to check in Chromium that our TimelineJS export opens (tests only).
tests/js/node_modules/.installed: tests/js/package.json tests/js/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the TimelineJS check: install nodejs and npm" >&2; exit 1; }
	cd tests/js && npm ci --silent --no-audit --no-fund
	touch $@

# Regenerate the lock files after changing dependencies in pyproject.toml.
lock: $(VENV)/.dev-installed
	$(BIN)/uv pip compile pyproject.toml -q --python-version 3.11 --generate-hashes -o requirements/app.lock
	$(BIN)/uv pip compile pyproject.toml -q --extra dev --python-version 3.11 --generate-hashes -o requirements/dev.lock

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# pip byte-compiles what it installs, but not an editable install: compiled here, or with
# PYTHONDONTWRITEBYTECODE set every command would compile our modules again (0.15 s a start).
$(VENV)/.app-installed: $(VENV)/bin/python requirements/app.lock pyproject.toml
	$(BIN)/python -m pip install -q --require-hashes -r requirements/app.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	$(BIN)/python -m compileall -q src
	touch $@

$(VENV)/.dev-installed: $(VENV)/bin/python requirements/dev.lock pyproject.toml
	$(BIN)/python -m pip install -q --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	$(BIN)/python -m compileall -q src
	touch $@ $(VENV)/.app-installed

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
