# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
STAMP := $(VENV)/.installed-stamp
LOCK := requirements.lock
# pip-tools only writes the lock; it is not one of Minga's dependencies.
PIP_TOOLS := pip-tools>=7.7,<8
TRANSLATIONS := app/translations
PO := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: run test test-sqlite test-browser translations extract-messages bench lock clean

# Only the versions and files hashed in requirements.lock are installed, then Minga itself
# (editable, so it has no hash); pip check fails when pyproject.toml has moved past the lock.
$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@ --statistics

translations: $(MO)

## Serve on http://127.0.0.1:5000 with SQLite, after migrating and loading the demo into an empty database,
## with the background worker (mail) beside the web server: Ctrl-C stops both.
run: $(STAMP) translations
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
	$(FLASK) jobs worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(FLASK) run --host 127.0.0.1 --port 5000

## The whole suite: SQLite, or the database in DATABASE_URL.
test: $(STAMP) translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [ -z "$$DATABASE_URL" ]; then \
	  echo ""; \
	  echo "Ran on SQLite. To run the same suite on PostgreSQL:"; \
	  echo "  createdb minga_test && DATABASE_URL=postgresql+psycopg://$$USER@127.0.0.1:5432/minga_test make test"; \
	fi

## Benchmark at national scale against the framework and storage ceilings (needs wrk, see
## README, Performance). SQLite unless DATABASE_URL is set; BENCH_ARGS="--scale 0.1" is quick.
bench: $(STAMP) translations
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## Re-extract messages after changing strings, then translate the .po files.
extract-messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location -o $(TRANSLATIONS)/messages.pot app templates
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching

## Re-resolve requirements.lock from the ranges in pyproject.toml (with the dev extra), from
## PyPI alone, with the hashes of every file. Pins already in the lock are kept unless a range
## excludes them: LOCK_ARGS="--upgrade-package flask" moves one package, "--upgrade" all.
# pip's own settings are left out here (a machine's local indexes or find-links): the lock
# must name only versions and files that a clean machine finds on PyPI.
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet '$(PIP_TOOLS)'
	env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL -u PIP_CONSTRAINT \
	  PIP_CONFIG_FILE=/dev/null CUSTOM_COMPILE_COMMAND='make lock' \
	  $(BIN)/pip-compile --quiet --generate-hashes --extra dev --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links $(LOCK_ARGS) -o $(LOCK) pyproject.toml

clean:
	rm -rf $(VENV) $(MO)
