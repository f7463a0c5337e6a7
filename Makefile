# The few commands the README names. Every target sets up what it needs first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DOCUMENT := quizapp/documents/second-nagorno-karabakh-war.txt

.PHONY: setup run test lint typecheck pytest bench bench-app clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

setup: $(STAMP)

# Migrate the database, build and import the bundled document, then serve (debug off).
# Accounts and reviews live in instance/ and survive every run.
run: $(STAMP)
	$(BIN)/flask --app quizapp setup
	$(BIN)/flask --app quizapp run --host 127.0.0.1 --port 5000 --no-debugger --no-reload

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/speed.py

# The service under load (gunicorn on 127.0.0.1) and today's queue for a heavy learner.
bench-app: $(STAMP)
	$(BIN)/python bench/load.py
	$(BIN)/python bench/queue_query.py

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
