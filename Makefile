# Two commands for a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: serve test build offline build-zensical validate bench mutants clean

# Quiet: a newcomer sees a few lines and the address. Errors and warnings still show.
# Material 9.8 prints a banner on its end of life at every start (the README says what follows).
export NO_MKDOCS_2_WARNING := 1
# setuptools reports at every editable install that the install is editable.
PIP := PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip --quiet --disable-pip-version-check

$(BIN)/activate:
	@echo "Creating $(VENV) and installing the project into it (once; a minute or two)"
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) install --upgrade pip

# The stamp files re-run the install only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	@$(PIP) install -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/activate
	@$(PIP) install -e '.[test]'
	@touch $@

$(VENV)/.installed-mutants: pyproject.toml | $(BIN)/activate
	@$(PIP) install -e '.[test,mutants]'
	@touch $@

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# The site offers the offline edition's ZIP file with its size (docs/offline.md): the edition is built first.
build: offline
	$(BIN)/mkdocs build --strict

# The offline edition (README, "Offline edition"): the site for file://, packed into
# build/offline/good-practice-library-offline.zip. Its build log shows only when the build fails.
offline: $(VENV)/.installed
	@mkdir -p build
	@$(BIN)/mkdocs build --strict -f mkdocs-offline.yml > build/offline.log 2>&1 || { cat build/offline.log; exit 1; }
	@$(BIN)/practices offline-zip

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

# Mutation testing (not part of `make test`; README, "Mutation testing"): mutmut changes the modules
# that [tool.mutmut] in pyproject.toml names, one small change at a time, and runs the in-process tests
# on each; a change no test notices survives. mutmut fails only when the tests fail without a change.
mutants: $(VENV)/.installed-mutants
	$(BIN)/mutmut run --max-children 2
	@$(BIN)/python tests/mutation_score.py

clean:
	rm -rf site build .pytest_cache mutants
