# GovFlex — the two commands a fresh machine needs are `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.stamp-run
STAMP_DEV := $(VENV)/.stamp-dev
GOVFLEX := $(BIN)/govflex
HOST ?= 127.0.0.1
PORT ?= 8000
STAFF ?= 300

.PHONY: run test setup setup-dev lint typecheck contracts migrations-check messages test-core test-app test-e2e bench worker clean security secrets-baseline backup-check chaos

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP_RUN): requirements/lock.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/lock.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(STAMP_DEV): requirements/lock-dev.txt requirements/lock.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/lock-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(STAMP_RUN)

setup: $(STAMP_RUN)
setup-dev: $(STAMP_DEV)

## make run: set up, migrate the SQLite database under var/, load the demo agency once, serve on :8000 (with a task worker)
run: setup
	$(GOVFLEX) migrate --no-input
	$(GOVFLEX) seed --staff $(STAFF) --if-empty
	$(GOVFLEX) eservice demo
	$(GOVFLEX) surveys demo
	$(GOVFLEX) insights demo
	$(GOVFLEX) demo_logins
	@# the background worker (live attendance results, large imports) runs beside the server
	$(GOVFLEX) worker & trap 'kill $$! 2>/dev/null' EXIT INT TERM; $(GOVFLEX) runserver $(HOST):$(PORT)

## make test: lint, type checks, import contract, migrations check, translations, the whole suite
test: setup-dev lint typecheck contracts migrations-check messages-check security
	$(BIN)/pytest tests/core -q
	$(BIN)/pytest tests/app -q -n 2
	$(BIN)/pytest tests/e2e -q

lint: setup-dev
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

typecheck: setup-dev
	$(BIN)/mypy src

contracts: setup-dev
	$(BIN)/lint-imports

migrations-check: setup-dev
	$(GOVFLEX) makemigrations --check --dry-run

## make security: bandit over src/, pip-audit over requirements/lock.txt, no committed secrets
## (docs/security.md; GOVFLEX_AUDIT_STRICT=1 fails when the vulnerability service cannot answer)
security: setup-dev
	@# medium and high severity here; ruff's S rules (make lint) already ask for a reason on
	@# each low-severity finding (asserts, pseudo-random numbers, password-like strings)
	$(BIN)/bandit -q -ll -c pyproject.toml -r src 2> >(grep -v "nosec encountered" >&2)
	$(BIN)/python scripts/audit_dependencies.py
	$(BIN)/python scripts/check_secrets.py

## make secrets-baseline: after checking that new findings are false positives, record them
secrets-baseline: setup-dev
	git ls-files -z | xargs -0 $(BIN)/detect-secrets scan --baseline .secrets.baseline

## make backup-check: back up a small PostgreSQL database and restore it into a scratch one
backup-check: setup
	scripts/backup_check.sh

messages-check: setup-dev
	$(BIN)/python scripts/check_messages.py

## make messages: refresh the Thai catalogue after changing user-facing strings, then translate
messages: setup-dev
	cd src/govflex && ../../$(GOVFLEX) makemessages -l th --no-obsolete --no-location
	$(BIN)/python scripts/check_messages.py --compile

worker: setup
	$(GOVFLEX) worker

bench: setup-dev
	$(BIN)/python -m benchmarks

## make chaos: slow fault tests on a private PostgreSQL instance — app workers and PostgreSQL
## killed under a punch load, a task worker killed mid-import, schemathesis (docs/reliability.md)
chaos: setup-dev
	$(BIN)/python -m benchmarks.chaos

clean:
	rm -rf $(VENV) var/*.sqlite3 .pytest_cache .mypy_cache .ruff_cache
