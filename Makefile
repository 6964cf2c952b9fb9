# Two commands for everyone: `make serve` and `make test`. Both create .venv and install on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build test test-determinism test-browser test-notebooks test-proofs bench names new-term

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

serve: install            ## the site on http://127.0.0.1:8000, rebuilt on every save (search off: faster)
	GLOSSARY_SEARCH=$${GLOSSARY_SEARCH:-false} $(BIN)/mkdocs serve --dirty -f mkdocs.serve.yml

build: install            ## the static site in site/, its proof ledger with mutation scores
	GLOSSARY_PROOFS=1 $(BIN)/mkdocs build --strict

test: install             ## the test suite: a strict build on the snippet cache, every check (PAGE=softmax: one page)
	GLOSSARY_PAGE=$(PAGE) $(BIN)/python -m pytest -m "not browser and not notebooks and not proofs and not determinism"

test-determinism: install ## two builds from nothing (one killed at random points), compared byte for byte (CI)
	$(BIN)/python -m pytest -m determinism

test-browser: install     ## the built site in headless Chromium (needs: apt-get install chromium)
	$(BIN)/python -m pytest -m browser

test-notebooks: install   ## every page's notebook, run top to bottom in a fresh kernel (PAGE=softmax: one)
	GLOSSARY_PAGE=$(PAGE) $(BIN)/python -m pytest -m notebooks -s

test-proofs: install      ## mutation testing: each page's score, every survivor killed or listed as equivalent
	$(BIN)/python -m glossary.mutate --min-score 0.9 || true
	$(BIN)/python -m pytest -m proofs -q

bench: install            ## build, serve-rebuild, test-suite and page-weight figures
	$(BIN)/python -m glossary.bench

names: install            ## regenerate docs/names.txt (2015) and docs/names-1915.txt from the SSA counts
	$(BIN)/python -m glossary.names --year 2015 --out docs/names.txt
	$(BIN)/python -m glossary.names --year 1915 --out docs/names-1915.txt

new-term: install         ## start a term page: make new-term SLUG=layer-norm TITLE="Layer normalization"
	$(BIN)/python -m glossary.new_term "$(SLUG)" "$(TITLE)"
