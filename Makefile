# BimBonBon: the two commands a newcomer needs are `make run` and `make test`.
# Variables: DB (demo database, default bimbonbon), HTTP_PORT (8069), ADDONS (limit `make test`
# to some addons), ALONE=0 (skip the install-alone phase), ODOO_ROOT / ODOO_DEB (own Odoo).
SHELL := /bin/bash
.DEFAULT_GOAL := help
export DB HTTP_PORT ADDONS ALONE ODOO_ROOT ODOO_DEB PYTEST_ARGS UPSTREAM BACKUP_DIR FILE FORCE \
    USERS DURATION WARMUP NODES WORKERS REPLICA NEUTRALIZE SCALE

.PHONY: help bootstrap run test test-upstream lint format bench i18n screenshots lighthouse reset backup restore load replica replica-stop populate

help:
	@echo "make run    - set up (once) and serve the demo database on http://localhost:$${HTTP_PORT:-8069}"
	@echo "make test   - set up and run every test on new databases (browser tests in Chromium)"
	@echo "make test-upstream - the suites of the modules we extend, with and without our addons"
	@echo "make lint   - ruff and pylint-odoo's mandatory checks"
	@echo "make bench  - benchmarks in tests/benchmarks (prints time, queries, records)"
	@echo "make i18n   - re-export i18n/*.pot and merge them into i18n/nl.po"
	@echo "make lighthouse - Lighthouse (phone profile) on the customer's pages of the demo database"
	@echo "make reset  - drop the demo database so the next 'make run' builds it anew"
	@echo "make load [USERS=24] [DURATION=60] [WARMUP=20] [NODES=2] [REPLICA=1] - portal customers (Locust) against prefork"
	@echo "make populate [SCALE=1] - grow the demo (DB=...) to 100,000s of records; list views before/after"
	@echo "make replica / replica-stop - a streaming PostgreSQL replica, port 5433 on its own socket (db_replica_host)"
	@echo "make backup - the demo database (DB=...) and its filestore in one file under backups/"
	@echo "make restore FILE=backups/x.zip [DB=name] [FORCE=1] [NEUTRALIZE=0] - restore such a backup (neutralized)"

bootstrap:
	@bash scripts/bootstrap.sh

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

test-upstream:
	@bash scripts/test_upstream.sh

lint: bootstrap
	.venv/bin/ruff check addons tests scripts conftest.py
	.venv/bin/ruff format --check addons tests scripts conftest.py
	.venv/bin/pylint --rcfile=.pylintrc-mandatory addons/*

format: bootstrap
	.venv/bin/ruff check --fix addons tests scripts conftest.py
	.venv/bin/ruff format addons tests scripts conftest.py

bench:
	@bash scripts/bench.sh

i18n:
	@bash scripts/i18n.sh

screenshots:
	@bash scripts/screenshots.sh

lighthouse:
	@bash scripts/lighthouse.sh

reset:
	@bash -c '. scripts/lib.sh; drop_db $${DB:-bimbonbon}; log "dropped $${DB:-bimbonbon}"'

backup:
	@bash scripts/backup.sh

restore:
	@bash scripts/restore.sh

load:
	@bash scripts/load.sh

populate:
	@bash scripts/populate.sh

replica:
	@bash scripts/replica.sh start

replica-stop:
	@bash scripts/replica.sh stop
