# ebay-post-order: spec + overlays -> generator -> generated/ebay-post-order.
# `make help` lists the targets. Everything runs inside .venv, which `make setup` creates and fills.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PKG := generated/ebay-post-order

.DEFAULT_GOAL := help
.PHONY: help demo setup redis-server generate check-generated lint typecheck test deep check bench emulator record record-sandbox fuzz clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml $(PKG)/pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,emulator]'
	@# Wheels of the generated package's dependencies, so tests can install it with --no-index.
	$(BIN)/python -m pip download --quiet --dest $(VENV)/wheelhouse "./$(PKG)[emulator]" hatchling pytest
	@touch $@

demo: $(STAMP) ## A seller's workflow through the client against a fresh emulator, as a table
	PYTHONPATH=$(PKG) $(BIN)/python -m emulator.background $(BIN)/python examples/seller_workflow.py

setup: $(STAMP) redis-server ## Create .venv with the toolkit and its dev tools (and redis-server, for the tests)

# RedisBudget's tests start a real redis-server of their own on a free loopback port: Debian's
# package is installed where it is missing (as root, with apt-get), else the way to get it is said.
redis-server: ## Install Debian's redis-server where it is not on PATH (RedisBudget's tests need one)
	@command -v redis-server >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server; \
	  else \
	    echo "redis-server is not on PATH: install Debian's redis-server package (as root: apt-get install -y redis-server)"; \
	  fi; }

generate: $(STAMP) ## Regenerate generated/ from spec/, overlays/ and generator/
	$(BIN)/python -m generator

check-generated: $(STAMP) ## Fail if generated/ differs from what spec/ + overlays/ + generator/ produce
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/generator/test_golden.py

emulator: $(STAMP) ## Serve the Post-Order emulator on http://127.0.0.1:8765 (ARGS=... for more)
	$(BIN)/python -m emulator $(ARGS)

RECORD = $(BIN)/python -m pytest -q -p no:cacheprovider -m vcr tests/contract --record-mode=rewrite

record: $(STAMP) ## Re-record every contract cassette against a fresh emulator, in-process
	$(RECORD)

record-sandbox: $(STAMP) ## Record the contract tests against eBay's sandbox (EBAY_SANDBOX_TOKEN=...)
	@test -n "$$EBAY_SANDBOX_TOKEN" || { echo "record-sandbox: set EBAY_SANDBOX_TOKEN (a sandbox user token)"; exit 1; }
	POST_ORDER_BASE_URL=$${POST_ORDER_BASE_URL:-https://api.sandbox.ebay.com} \
	POST_ORDER_CASSETTES=$${POST_ORDER_CASSETTES:-tests/cassettes-sandbox} $(RECORD)

# decideReturn answers a bare 200 as eBay's sample does (overlays/35-bare-success.yaml), which
# schemathesis cannot accept as JSON, so its body is left out of the schema checks.
FUZZ = $(BIN)/schemathesis run generated/openapi.yaml --url "$$POST_ORDER_BASE_URL" \
  -H "Authorization: TOKEN emu-seller-token" --max-examples $${FUZZ_EXAMPLES:-200} --phases examples,coverage,fuzzing

fuzz: $(STAMP) ## schemathesis against the emulator from the effective spec, bounded (FUZZ_EXAMPLES=200)
	$(BIN)/python -m emulator.background sh -c '$(FUZZ) --exclude-operation-id decideReturn \
	  --checks not_a_server_error,status_code_conformance,response_schema_conformance \
	  && $(FUZZ) --include-operation-id decideReturn --checks not_a_server_error,status_code_conformance'

lint: $(STAMP) ## ruff on the hand-written code
	$(BIN)/ruff check generator emulator tests bench examples
	$(BIN)/ruff format --check generator emulator tests bench examples

typecheck: $(STAMP) ## mypy --strict on the generated package, the generator and the emulator
	$(BIN)/mypy --strict $(PKG)/ebay_post_order
	$(BIN)/mypy --strict --ignore-missing-imports --exclude generator/runtime generator
	MYPYPATH=$(PKG) $(BIN)/mypy --strict emulator

test: $(STAMP) redis-server ## Run the whole test suite offline (cassettes replayed, only loopback reachable)
	$(BIN)/python -m pytest -q --record-mode=none --block-network --allowed-hosts=127.0.0.1

deep: $(STAMP) ## The property tests with thorough counts (hostile payloads, fuzz slice with coverage, headers)
	POST_ORDER_DEEP=1 $(BIN)/python -m pytest -q -p no:cacheprovider --record-mode=none --block-network --allowed-hosts=127.0.0.1 \
	  tests/client/test_hostile_payloads.py tests/emulator/test_fuzz_slice.py tests/emulator/test_hardening.py

check: lint typecheck test ## lint + typecheck + test

bench: $(STAMP) ## Run the benchmarks (figures, not pass/fail)
	$(BIN)/python bench/generate_time.py
	$(BIN)/python bench/decode.py
	$(BIN)/python bench/facade.py
	$(BIN)/python bench/first_call.py
	$(BIN)/python bench/encode.py

clean: ## Remove .venv and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .schemathesis
