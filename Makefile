# Quick start: `make demo` (console bot on bundled feeds), `make run` (Telegram; token in .env),
# `make test` (lint + the whole suite). Each target creates or reuses .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo run fetch test lint bench clean messages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsbrief console

run: $(STAMP)
	$(BIN)/newsbrief run

fetch: $(STAMP)
	$(BIN)/newsbrief fetch

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy bot handlers storage news
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench.ingest

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache

# Re-extract translatable messages into bot/locales/messages.pot and merge them into each
# catalog; translators then fill the new entries in bot/locales/<lang>.po.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k tr -k plural:1,2 -k N_ --no-location \
		--omit-header --sort-output -o bot/locales/messages.pot bot handlers
	for po in bot/locales/*.po; do \
		$(BIN)/pybabel update --no-fuzzy-matching -i bot/locales/messages.pot \
			-o $$po -l $$(basename $$po .po); \
	done
