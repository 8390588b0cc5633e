# Lumbung Praktik: developer and CI entry points.
# Needs only Python 3.11, make and git (plus access to the package registries).
# Run `make help` for the list of targets.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# python3.11 when present, otherwise python3 (must be 3.11 or newer).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
CI_TOOLS := actionlint properdocs
E2E_DIR := tests/e2e
AXE_JS := $(E2E_DIR)/node_modules/axe-core/axe.min.js
# The site's scripts' unit tests (node --test) and the vectors the Python side writes for them.
JS_TESTS := $(wildcard tests/js/*.test.js)
JS_VECTORS := build/js-vectors

# Extra arguments, e.g. `make test PYTEST_ARGS="-k smoke -x"` or `make lock LOCK_ARGS=--upgrade`.
PYTEST_ARGS ?=
LOCK_ARGS ?=

# Material for MkDocs 9.8 prints an end-of-life banner unless this is set.
export NO_MKDOCS_2_WARNING ?= 1
# Never let Playwright fetch a browser build of its own: tests use the system Chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD ?= 1

.PHONY: help venv serve build preview test test-fast test-js lint lock bench bench-validate same-site e2e-deps clean distclean

help: ## Show this help
	@echo "Lumbung Praktik: make targets"
	@echo
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sort \
		| awk 'BEGIN {FS = ":.*## "}; {printf "  %-16s %s\n", $$1, $$2}'
	@echo
	@echo "Variables: N (bench size), PYTEST_ARGS, LOCK_ARGS, PYTHON"

venv: $(STAMP) ## Create .venv and install the locked dependencies (only when needed)

# Rebuilt only when the stamp is missing or older than the lock file or pyproject.toml.
$(STAMP): $(LOCK) pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "error: python3.11 or python3 not found" >&2; exit 1; fi
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "error: Python 3.11+ required, found " + sys.version.split()[0])'
	@if [ ! -x $(BIN)/python ]; then echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off --no-deps --no-build-isolation -e .
	@touch $(STAMP)

serve: venv ## Preview the site at http://127.0.0.1:8000
	@# --dirty: after an edit, only the pages whose content changed are rendered again
	$(BIN)/mkdocs serve --dirty -a 127.0.0.1:8000

build: venv ## Build the site into site/ (strict: warnings are errors)
	$(BIN)/mkdocs build --strict

preview: venv ## Build the pull-request preview into site-preview/ (also draft and review practices)
	LUMBUNG_PREVIEW=true $(BIN)/mkdocs build --strict --site-dir site-preview

test: venv lint ## Lint, run the scripts' unit tests, then the test suite (LUMBUNG_REQUIRE_BROWSER=1: fail instead of skip browser tests)
	@if command -v node >/dev/null 2>&1 || [ "$${LUMBUNG_REQUIRE_BROWSER:-}" = 1 ]; then \
		$(MAKE) --no-print-directory test-js; \
	else \
		echo "warning: node not found; the site's script tests (make test-js) are skipped" >&2; \
	fi
	@if [ ! -f $(AXE_JS) ] && command -v npm >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory e2e-deps || echo "warning: npm ci failed; axe-core tests will be skipped" >&2; \
	fi
	export PYTHONWARNDEFAULTENCODING=1; $(BIN)/python -m pytest $(PYTEST_ARGS)

# Node 18 or newer, for its built-in test runner; no npm package is needed.
test-js: venv ## Unit tests of the site's scripts (node --test), against vectors the Python side writes
	@command -v node >/dev/null 2>&1 || { echo "error: node (Node.js 18 or newer) not found" >&2; exit 1; }
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' \
		|| { echo "error: Node.js 18 or newer required, found $$(node --version)" >&2; exit 1; }
	rm -rf $(JS_VECTORS)
	$(BIN)/python tests/js/vectors.py $(JS_VECTORS) >/dev/null
	LUMBUNG_JS_VECTORS=$(JS_VECTORS) node --test --test-reporter=spec $(JS_TESTS)

test-fast: venv ## The quick inner loop: the tests that build no site and drive no browser
	export PYTHONWARNDEFAULTENCODING=1; $(BIN)/python -m pytest -m "not slow and not browser" $(PYTEST_ARGS)

lint: venv ## Lint and check formatting (ruff) of tools/ and tests/, type-check tools/lumbung (mypy)
	$(BIN)/ruff check tools tests
	$(BIN)/ruff format --check tools tests
	$(BIN)/mypy

# Keeps existing pins; `make lock LOCK_ARGS=--upgrade` moves everything to the newest allowed versions.
# The lock is compiled into a copy and only replaced when it changed, so an unchanged lock does not
# trigger a reinstall of .venv.
lock: ## Regenerate requirements.lock from pyproject.toml (hashes, all extras)
	@test -x $(BIN)/pip-compile || $(MAKE) --no-print-directory venv
	cp $(LOCK) $(LOCK).tmp
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
		--all-extras --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host \
		$(LOCK_ARGS) --output-file=$(LOCK).tmp pyproject.toml \
		|| { rm -f $(LOCK).tmp; exit 1; }
	@if cmp -s $(LOCK).tmp $(LOCK); then rm -f $(LOCK).tmp; echo "$(LOCK) unchanged"; \
	else mv $(LOCK).tmp $(LOCK); echo "$(LOCK) updated"; fi
	@# the pre-commit hook's pins: the runtime dependencies only, at the lock's versions
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --no-emit-trusted-host -c $(LOCK) \
		--output-file=.github/requirements/hook.txt pyproject.toml
	$(BIN)/python tools/scripts/gen_contrib.py
	@# the tools CI installs beside the project (actionlint, ProperDocs), hashed and constrained to the lock
	for tool in $(CI_TOOLS); do \
		(cd .github/requirements && CUSTOM_COMPILE_COMMAND="make lock" ../../$(BIN)/pip-compile --quiet \
			--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
			--no-emit-trusted-host $(LOCK_ARGS) --output-file=$$tool.txt $$tool.in) || exit 1; \
	done

bench: N ?= 5000
bench: venv ## Benchmark the pipeline on a synthetic corpus of N practices (default 5000)
	N=$(N) $(BIN)/python tools/bench/bench.py

same-site: REV ?= HEAD
same-site: venv ## Build the site at REV and in the work tree, and list every file that differs
	$(BIN)/python tools/scripts/same_site.py $(REV)

bench-validate: N ?= 10000
bench-validate: venv ## Benchmark validation on N synthetic practices (default 10000)
	N=$(N) $(BIN)/python tools/bench/bench_validate.py

e2e-deps: $(AXE_JS) ## Install axe-core for the browser tests (needs npm)

$(AXE_JS): $(E2E_DIR)/package.json $(E2E_DIR)/package-lock.json
	cd $(E2E_DIR) && npm ci --no-audit --no-fund
	@touch $@

clean: ## Remove the built site, caches and build leftovers (keeps .venv)
	rm -rf site/ site-preview/ .lumbung-cache/ .pytest_cache/ .hypothesis/ .ruff_cache/ build/ dist/
	find . -path ./$(VENV) -prune -o -path ./.git -prune -o \
		\( -name __pycache__ -o -name '*.egg-info' \) -type d -print0 | xargs -0 rm -rf

distclean: clean ## Also remove .venv and the e2e node_modules
	rm -rf $(VENV) $(E2E_DIR)/node_modules
