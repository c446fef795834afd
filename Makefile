# Two commands for a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: serve test build build-zensical validate bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The stamp files re-run the install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

# The same site built by Zensical (Material's successor), which runs no MkDocs hooks: the pages are
# generated into a docs folder first, and the search index written after. The folders are the
# ones zensical.yml names.
ZENSICAL_DIR := build/zensical
build-zensical: $(VENV)/.installed-test
	$(BIN)/practices generate $(ZENSICAL_DIR)/docs --docs docs
	rm -rf $(ZENSICAL_DIR)/site
	$(BIN)/zensical build --strict -f zensical.yml
	$(BIN)/practices index $(ZENSICAL_DIR)/site

validate: $(VENV)/.installed
	$(BIN)/practices validate

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# Not part of `make test` (it takes about 25 minutes on 2 cores); a smoke run at N = 26 is.
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site build .pytest_cache
