# Django Reader — `make run` to read, `make test` to check everything. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-installed
TEST_STAMP := $(VENV)/.test-installed
OFFSCREEN := QT_QPA_PLATFORM=offscreen
PY_DIRS := reader tests benchmarks scripts

.PHONY: run test lint bench screenshots check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/django-reader

test: $(TEST_STAMP) lint
	$(OFFSCREEN) $(BIN)/python -m pytest

# The shape guardrails: style, types, the import contract (pyproject's [tool.importlinter]), dead code.
lint: $(TEST_STAMP)
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/vulture

check: $(RUN_STAMP)
	$(BIN)/django-reader --check

bench: $(TEST_STAMP)
	$(OFFSCREEN) $(BIN)/python benchmarks/run.py

screenshots: $(TEST_STAMP)
	$(OFFSCREEN) $(BIN)/python scripts/make_screenshots.py docs/screenshots

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
