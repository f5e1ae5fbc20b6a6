# ARTcms: the two commands are `make run` and `make test`; both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# The site's own address (sitemap, canonical and feed URLs, admin email links): where
# `make run` serves it, unless set in the environment.
SITE_URL ?= http://$(HOST):$(PORT)
export SITE_URL

.PHONY: install run serve setup test lint format check browsers clean-db

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)
	mkdir -p var

install: $(STAMP)

## Set up the database (migrate, create the site, import the shipped articles).
setup: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_site

## Install, set up and serve the site at http://$(HOST):$(PORT)/ (admin at /admin/).
run: setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Install and run the whole test suite (set DATABASE_URL to run it on PostgreSQL).
test: install
	mkdir -p var
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
