# The few commands the README names. Every target sets up what it needs first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DOCUMENT := quizapp/documents/second-nagorno-karabakh-war.txt

.PHONY: setup run serve test test-postgres lint typecheck pytest bench bench-app bench-faults clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,server]'
	touch $(STAMP)

setup: $(STAMP)

# Migrate the database, build and import the bundled document, then serve (debug off)
# with the generation workers beside the server. Accounts and reviews live in instance/
# and survive every run. Ctrl-C stops the server and the workers.
run: $(STAMP)
	$(BIN)/flask --app quizapp setup
	$(BIN)/flask --app quizapp worker & workers=$$!; \
	trap 'kill -TERM $$workers 2>/dev/null; wait $$workers' EXIT INT TERM; \
	$(BIN)/flask --app quizapp run --host 127.0.0.1 --port 5000 --no-debugger --no-reload

# Production: migrate, import the bundled document, then gunicorn with the settings in
# gunicorn.conf.py (QUIZAPP_BIND, default 127.0.0.1:8000; QUIZAPP_WORKERS, default one
# per core on SQLite, two on PostgreSQL; QUIZAPP_DATABASE_URL for PostgreSQL) and the
# generation workers (QUIZAPP_GENERATION_WORKERS, default 2; QUIZAPP_QUEUE_URL). Logs are
# JSON lines on stderr. Ctrl-C (or SIGTERM to make) stops both.
serve: $(STAMP)
	$(BIN)/flask --app quizapp setup
	$(BIN)/flask --app quizapp worker & workers=$$!; \
	trap 'kill -TERM $$workers 2>/dev/null; wait $$workers' EXIT INT TERM; \
	$(BIN)/gunicorn --config gunicorn.conf.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

# The suite against PostgreSQL: QUIZAPP_TEST_DATABASE_URL names an empty database
# (`eval "$$(.ci/start-postgres)"` starts a throwaway cluster on 127.0.0.1 and sets it).
# The browser tests drive the same views and run in the SQLite pass.
test-postgres: $(STAMP)
	@test -n "$$QUIZAPP_TEST_DATABASE_URL" || { \
		echo 'set QUIZAPP_TEST_DATABASE_URL, e.g.: eval "$$(.ci/start-postgres)"'; exit 2; }
	$(BIN)/pytest -m "not browser"

# The question bank (quality on the dev set, build speed), uploads and exports.
bench: $(STAMP)
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/unseen.py
	$(BIN)/python bench/corpus.py --quiet
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/generate.py
	$(BIN)/python bench/export.py

# The service under load (gunicorn on 127.0.0.1) and today's queue for a heavy learner.
bench-app: $(STAMP)
	$(BIN)/python bench/load.py
	$(BIN)/python bench/queue_query.py

# Kill -9 a worker and the whole server under load, restart, check every answer
# (SQLite; add --database URL for PostgreSQL).
bench-faults: $(STAMP)
	$(BIN)/python bench/faults.py

clean:
	rm -rf $(VENV) instance .pytest_cache .mypy_cache .ruff_cache
