# Two commands set everything up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
STAMP := $(VENV)/.installed-stamp
TRANSLATIONS := app/translations
PO := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: run test test-sqlite test-browser translations extract-messages bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@ --statistics

translations: $(MO)

## Serve on http://127.0.0.1:5000 with SQLite, after migrating and loading the demo into an empty database.
run: $(STAMP) translations
	$(FLASK) db upgrade
	$(FLASK) demo load --if-empty
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

clean:
	rm -rf $(VENV) $(MO)
