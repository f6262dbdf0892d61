# `make demo` sets up and builds the sample deck; `make test` sets up and runs the checks.
# `make demo` installs what a build needs; `make test` adds the test, docs and engine extras.
# Each (re)installs into .venv on first use and when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime
STAMP := $(VENV)/.installed

.PHONY: demo test docs bench setup clean

setup: $(STAMP)

$(VENV)/bin/python:
	@sh scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip

$(RUNTIME): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $(RUNTIME)

$(STAMP): $(RUNTIME)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

demo: $(RUNTIME)
	$(BIN)/boardpack build sample_data/northwind --period 2026-Q3
	@echo
	@echo "boardpack is installed in $(VENV). To run it as \`boardpack\` from here:"
	@echo "    . $(VENV)/bin/activate"
	@echo "or from any folder (it then stays on your PATH):"
	@echo "    pipx install $(CURDIR)"

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

bench: $(STAMP)
	$(BIN)/python bench/build_time.py

clean:
	rm -rf $(VENV) site sample_data/*/out .pytest_cache .ruff_cache
