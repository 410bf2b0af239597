# TCXD — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements/dev.lock pyproject.toml | cksum | cut -d' ' -f1)
HOST   ?= 127.0.0.1
PORT   ?= 8000
# The demo is served with DEBUG off, like production, with a key made once under var/.
DEMO_ENV = TCXD_SECRET_KEY="$$(cat var/secret_key)" TCXD_ALLOWED_HOSTS=127.0.0.1,localhost

.PHONY: install demo serve test lint typecheck test-sqlite test-postgres messages bench bench-tools clean

install: $(STAMP)

$(STAMP): requirements/dev.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "TCXD needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

var/secret_key:
	@mkdir -p var
	@$(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key

demo: install var/secret_key
	@$(DEMO_ENV) $(BIN)/tcxd migrate --verbosity 0
	@$(DEMO_ENV) $(BIN)/tcxd seed_demo --if-empty
	@echo ""
	@echo "Open http://$(HOST):$(PORT)/ and sign in with one of the accounts above."
	@echo "Try first: Members → type 'dang' (no diacritics) → open a member → record a transfer."
	@echo "Stop the server with Ctrl+C. Start again with 'make demo' (it reuses var/)."
	@$(DEMO_ENV) $(BIN)/tcxd runserver $(HOST):$(PORT) --noreload --skip-checks

lint: install
	$(BIN)/ruff check tcxd bench conftest.py
	$(BIN)/ruff format --check tcxd bench conftest.py

typecheck: install
	TCXD_DEBUG=1 TCXD_SECRET_KEY=checks-only $(BIN)/mypy tcxd

test: lint typecheck
	TCXD_DEBUG=1 TCXD_SECRET_KEY=checks-only $(BIN)/tcxd makemigrations --check --dry-run
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: install
	@echo "== tests on SQLite"
	env -u TCXD_DATABASE_URL $(BIN)/pytest -n 2 -q

test-postgres: install
	@url="$$($(BIN)/python -m tcxd.testing.postgres)"; status=$$?; \
	if [ $$status -ne 0 ]; then exit $$status; fi; \
	if [ -z "$$url" ]; then \
	  echo "!! PostgreSQL is not reachable on 127.0.0.1:5432 and TCXD_TEST_DATABASE_URL is not set:"; \
	  echo "!! the PostgreSQL run is SKIPPED (CI requires it)."; \
	else \
	  echo "== tests on PostgreSQL ($$url)"; \
	  TCXD_DATABASE_URL="$$url" $(BIN)/pytest -n 2 -q; \
	fi

messages: install
	TCXD_DEBUG=1 $(BIN)/tcxd makemessages -l vi --no-obsolete --ignore=.venv --ignore=var --ignore=bench
	TCXD_DEBUG=1 $(BIN)/tcxd compilemessages --ignore=.venv

bench: install
	$(BIN)/python bench/registry.py

# Tools the benchmarks need beyond the Python packages: wrk (HTTP load, bench/news.py), from
# Debian's packages, installed only when missing (with sudo when not root).
bench-tools:
	@command -v wrk >/dev/null 2>&1 || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get install -y wrk || { $$SUDO apt-get update && $$SUDO apt-get install -y wrk; }; }
	@wrk -v 2>&1 | head -1

clean:
	rm -rf $(VENV) var
