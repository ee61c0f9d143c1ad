# Every target bootstraps .venv from the pinned requirements on first use.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | sha1sum | cut -c1-12)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test lint format clean linkcheck-external audit schema hooks bench heldout rules new report

UV_VERSION := 0.13.9
PIP := $(PY) -m pip install --quiet --disable-pip-version-check

# uv installs the same pinned versions several times faster than pip (first start); pip is the fallback.
# --compile-bytecode writes the libraries' .pyc files as pip does: without them, a machine that sets
# PYTHONDONTWRITEBYTECODE compiles every library it imports on every run (0.6 s more per build).
$(STAMP): requirements.txt
	@test -x $(PY) || python3 -m venv $(VENV) || { echo "error: could not create .venv - install Python 3.11+ with its venv module"; exit 1; }
	@echo "Installing the pinned requirements into .venv (once)..."
	@uv=$$(command -v uv || echo $(VENV)/bin/uv); \
	if [ -x "$$uv" ] || $(PIP) uv==$(UV_VERSION); then \
	  $$uv pip install --quiet --compile-bytecode --python $(PY) -r requirements.txt || $(PIP) -r requirements.txt; \
	else $(PIP) -r requirements.txt; fi
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

# Editor autocomplete (data/schema/) is regenerated for editors; in CI a stale schema fails `make test`.
FRESH_SCHEMAS := [ -n "$$CI" ] || $(PY) -m macros schema --quiet

serve: $(STAMP) ## build and serve on 127.0.0.1:$(PORT), reloading on edits (data errors show in the browser)
	@$(FRESH_SCHEMAS)
	$(PY) -m macros check || true
	TA_PREVIEW=1 CHECK_LINKS=false $(PY) -m mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: $(STAMP) ## strict build into site/
	$(PY) -m mkdocs build --strict --site-dir site

check: $(STAMP) ## validate data/ and report every problem (JSON copy in build-reports/)
	@$(FRESH_SCHEMAS)
	@mkdir -p build-reports
	@$(PY) -m macros check --format json > build-reports/check.json || true
	$(PY) -m macros check

lint: $(STAMP) ## ruff lint and format check, and the import layers (import-linter)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

test: lint check ## lint, data check, then the whole test suite (includes a strict build)
	@if [ -n "$$CI" ]; then $(PY) -m macros schema --check; fi
	$(PY) -m pytest

linkcheck-external: $(STAMP) ## opt-in: check source URLs over the network (SINCE=main: only new or changed ones)
	@mkdir -p build-reports
	@$(if $(SINCE),git show "$(SINCE):data/sources.yaml" > build-reports/sources-since.yaml || { echo "error: cannot read data/sources.yaml at '$(SINCE)' - give a branch or commit id such as SINCE=main" >&2; exit 1; })
	$(PY) -m macros linkcheck-external --report build-reports/external-links.json $(if $(SINCE),--since build-reports/sources-since.yaml --since-label $(SINCE))

audit: $(STAMP) ## speed budget: Lighthouse (mobile) on three pages, served with gzip
	cd benchmarks && npm ci --no-audit --no-fund --loglevel=error
	$(PY) benchmarks/audit.py

clean:
	rm -rf site .pytest_cache .ruff_cache

schema: $(STAMP) ## regenerate data/schema/*.json (editor autocomplete) after changing ids or models
	$(PY) -m macros schema

new: $(STAMP) ## add a skeleton record to its data file: make new KIND=cause ID=my-new-cause
	@if [ -z "$(KIND)" ] || [ -z "$(ID)" ]; then echo "usage: make new KIND=<kind> ID=<new-id>   kinds: $$($(PY) -c 'from macros.kb.places import KIND_WORDS; print(", ".join(KIND_WORDS))')"; exit 1; fi
	$(PY) -m macros new $(KIND) $(ID)

report: $(STAMP) ## review report: facts due for review, unused sources and terms, reading grades
	$(PY) -m macros report

rules: $(STAMP) ## rewrite README.md's rules table from the registered rules
	$(PY) -m macros rules --readme README.md

hooks: $(STAMP) ## install the pre-commit hooks (ruff and the data check on every commit)
	$(VENV)/bin/pre-commit install

bench: $(STAMP) ## scaling benchmark: check and build at 1x, 10x and 100x the data, against the budgets (slow)
	$(PY) benchmarks/bench.py --scales $(or $(SCALES),1,10,100)
	$(PY) benchmarks/preview.py

heldout: $(STAMP) ## report: how the contradiction checker does on held-out sentences (recall, false alarms)
	$(PY) benchmarks/heldout.py
