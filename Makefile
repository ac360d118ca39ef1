# GR Portal: the few commands a newcomer needs. `make run` and `make test` set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: setup frontend gettext chromium messages run worker test lint format typecheck migrations-check check schema clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# The front end: NL Design System CSS, the white-label theme and its fonts, pinned in
# package-lock.json, installed by `npm ci` and copied into static/vendor/ by frontend/build.mjs.
# Build output, never committed; static/vendor/manifest.json is written last by a complete build.
NPM_STAMP := node_modules/.installed-$(shell sha1sum package-lock.json | cut -c1-12)
VENDOR := static/vendor/manifest.json

$(NPM_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NPM_STAMP)

$(VENDOR): $(NPM_STAMP) frontend/build.mjs frontend/theme.css
	node frontend/build.mjs

frontend: $(VENDOR)

setup: $(STAMP) frontend

# The development server on the embedded SQLite database (or DATABASE_URL), with the real
# Drechtsteden dataset and the demo accounts of the README.
run: export DEBUG = 1
run: $(STAMP) messages frontend
	@mkdir -p var/static
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_drechtsteden
	$(BIN)/python manage.py load_municipalities
	$(BIN)/python manage.py create_demo_accounts
	@echo ""
	@echo "GR Portal draait op http://127.0.0.1:8000 (beheer: http://127.0.0.1:8000/beheer/). Stoppen: Ctrl+C."
	@echo "De achtergrondverwerking (raadsbrieven in batches) draait ernaast: manage.py db_worker."
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:8000

# The background worker alone (make run starts one): the queue in the database, or Redis/RQ
# when REDIS_URL is set.
worker: export DEBUG ?= 1
worker: $(STAMP)
	@if [ -n "$$REDIS_URL" ]; then \
		$(BIN)/python manage.py rqworker default --job-class django_tasks_rq.Job; \
	else \
		$(BIN)/python manage.py db_worker; \
	fi

# Debian packages, installed when missing (as root, with apt-get): gettext's msgfmt compiles the
# translation catalogues; Chromium drives the browser tests (tests/browser) at /usr/bin/chromium,
# never a browser download.
define debian_package
	@if ! $(1) >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2); \
		else \
			echo "Missing Debian package $(2). Install it as root: apt-get install -y $(2)" >&2; \
			exit 1; \
		fi; \
	fi
endef

gettext:
	$(call debian_package,command -v msgfmt,gettext)

chromium:
	$(call debian_package,test -x /usr/bin/chromium,chromium)

# Compiled catalogues are build output (not in git); made from locale/*/LC_MESSAGES/django.po.
messages: export DEBUG = 1
messages: $(STAMP) gettext
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var -v0

test: $(STAMP) messages chromium frontend
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# mypy with django-stubs over the paths listed in pyproject.toml ([tool.mypy] files).
typecheck: export DEBUG = 1
typecheck: $(STAMP)
	$(BIN)/mypy

migrations-check: export DEBUG = 1
migrations-check: $(STAMP)
	@mkdir -p var
	$(BIN)/python manage.py makemigrations --check --dry-run

# The API's OpenAPI document, committed so that changes to it show in review (the tests refuse
# a committed document that differs from the generated one).
schema: export DEBUG = 1
schema: $(STAMP)
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file docs/openapi.yaml

check: export DEBUG = 1
check: $(STAMP)
	$(BIN)/python manage.py check

clean:
	rm -rf $(VENV) var/static node_modules static/vendor
