# Everything a fresh machine needs: Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck imports bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/vested

# ruff, mypy, the import contracts ([tool.importlinter] in pyproject.toml), then the tests.
test: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-logo
	$(VENV)/bin/pytest

typecheck: $(STAMP)
	$(VENV)/bin/mypy

imports: $(STAMP)
	$(VENV)/bin/lint-imports --no-logo

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/lint-imports --no-logo

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/matching.py
	$(VENV)/bin/python benchmarks/floors.py
	$(VENV)/bin/python benchmarks/startup.py
	$(VENV)/bin/python benchmarks/log_benchmark.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .grimp_cache
