# ebay-post-order: spec + overlays -> generator -> generated/ebay-post-order.
# `make help` lists the targets. Everything runs inside .venv, which `make setup` creates and fills.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PKG := generated/ebay-post-order

.DEFAULT_GOAL := help
.PHONY: help setup generate check-generated lint typecheck test check bench clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml $(PKG)/pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# Wheels of the generated package's dependencies, so tests can install it with --no-index.
	$(BIN)/python -m pip download --quiet --dest $(VENV)/wheelhouse ./$(PKG) hatchling
	@touch $@

setup: $(STAMP) ## Create .venv with the toolkit and its dev tools

generate: $(STAMP) ## Regenerate generated/ from spec/, overlays/ and generator/
	$(BIN)/python -m generator

check-generated: $(STAMP) ## Fail if generated/ differs from what spec/ + overlays/ + generator/ produce
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/generator/test_golden.py

lint: $(STAMP) ## ruff on the hand-written code
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

typecheck: $(STAMP) ## mypy --strict on the generated package and the generator
	$(BIN)/mypy --strict $(PKG)/ebay_post_order
	$(BIN)/mypy --strict --ignore-missing-imports --exclude generator/runtime generator

test: $(STAMP) ## Run the whole test suite (offline)
	$(BIN)/python -m pytest -q

check: lint typecheck test ## lint + typecheck + test

bench: $(STAMP) ## Run the benchmarks (figures, not pass/fail)
	$(BIN)/python bench/generate_time.py
	$(BIN)/python bench/decode.py
	$(BIN)/python bench/facade.py

clean: ## Remove .venv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
