# GR Portal: the few commands a newcomer needs. `make run` and `make test` set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: setup browser run test lint format migrations-check check clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

# The development server on the embedded SQLite database (or DATABASE_URL), with the real
# Drechtsteden dataset and the demo accounts of the README.
run: export DEBUG = 1
run: $(STAMP)
	@mkdir -p var/static
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_drechtsteden
	$(BIN)/python manage.py create_demo_accounts
	@echo ""
	@echo "GR Portal draait op http://127.0.0.1:8000 (beheer: http://127.0.0.1:8000/beheer/). Stoppen: Ctrl+C."
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The browser tests (tests/browser) drive Debian's Chromium at /usr/bin/chromium; never a download.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "Chromium is missing (/usr/bin/chromium), so the browser tests (tests/browser) will fail." >&2; \
			echo "Install it as root: apt-get install -y chromium  (or: sudo make browser)" >&2; \
		fi; \
	fi

test: $(STAMP) browser
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: export DEBUG = 1
migrations-check: $(STAMP)
	@mkdir -p var
	$(BIN)/python manage.py makemigrations --check --dry-run

check: export DEBUG = 1
check: $(STAMP)
	$(BIN)/python manage.py check

clean:
	rm -rf $(VENV) var/static
