# The README's two commands are `make run` and `make test`; .ci/run calls `make test` too.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
MANAGE := $(BIN)/python manage.py

.PHONY: run test messages lint format bench lighthouse install install-dev starter migrate worker beat clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Python 3.12+ is needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(MANAGE) migrate --noinput

starter: migrate
	$(MANAGE) load_starter_data
	$(MANAGE) create_dev_admin

# The Spanish catalogue (locale/es/LC_MESSAGES/django.po) is compiled here, never committed:
# the .mo is build output, and a stale committed one would show English on the Spanish pages.
messages: install
	@command -v msgfmt >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q gettext \
	  || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q gettext; }
	$(MANAGE) compilemessages --ignore=.venv --ignore=var --ignore=node_modules --verbosity 0

run: starter messages
	@echo "Serving http://127.0.0.1:8000  (admin: http://127.0.0.1:8000/admin/)"
	$(MANAGE) runserver 127.0.0.1:8000

# Uses PostgreSQL and Redis when they answer on their default local ports (tests/local_services.py).
test: install-dev messages
	@eval "$$($(BIN)/python -m tests.local_services)" && $(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# wrk drives the load (Debian's package, installed here when missing, as .ci/run does Chromium).
bench: install-dev messages
	@command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk \
	  || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
	$(BIN)/python bench/run.py

# Lighthouse 12.2.3 (npm) with Debian's Chromium, mobile: home and a topic page under gunicorn.
lighthouse: install-dev messages
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python bench/lighthouse.py

worker: install messages
	$(BIN)/celery -A clinic_site worker --loglevel=INFO

beat: install messages
	$(BIN)/celery -A clinic_site beat --loglevel=INFO

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
