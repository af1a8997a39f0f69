# The career advisor. `make run` and `make test` each do all their own setup.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.10. Use $(PYTHON) if given, else the first working 3.10.
PYTHON ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do \
	"$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo "$$p"; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TRACKER_DB ?= $(CURDIR)/var/tracker.db
export ACTION_ENDPOINT_URL ?= http://127.0.0.1:5055/webhook
export PYTHONPATH := $(CURDIR)

KB_FILES := $(wildcard data/knowledge/*.yml)
# The build and the NLU pipeline, and the two layers they import (bot/language, bot/knowledge; see
# pyproject.toml's import contracts): a change here means a rebuild and a retrain. Answers
# (bot/advice), serving (bot/serving) and the widget don't need one.
BUILD_SOURCES := $(wildcard bot/knowledge/*.py bot/language/*.py bot/nlu/*.py) bot/nlu/shorthand.yml bot/paths.py bot/cli.py
BUILD_STAMP := build/.built
HAND_RULES := $(filter-out data/rules/generated.yml,$(wildcard data/rules/*.yml))
TRAINING_DATA := $(filter-out data/nlu/generated.yml data/nlu/augmented.yml data/rules/generated.yml,$(wildcard data/*.yml data/*/*.yml))
MODEL := models/advisor.tar.gz

.PHONY: lint eval bench bench-quick report help install build train run shell test validate test-stories test-nlu test-py check-chromium clean \
	cluster cluster-deps test-cluster bench-cluster docs docs-serve

help:
	@echo "make run    - set up, build, train if needed, and run the bot (REST on 127.0.0.1:5005)"
	@echo "make shell  - the same, then talk to the bot in the Rasa shell"
	@echo "make test   - set up, build, train if needed, and run every test"
	@echo "make eval   - quality against baselines (held-out, cross-validation, out of scope, answers)"
	@echo "make bench  - speed and memory against the stock Rasa pipeline and Rasa's floor (bench-quick: a short run)"
	@echo "make report - what visitors asked and how it went: results/report.html from \$$TRACKER_DB (REPORT_ARGS=...)"
	@echo "make lint   - format check, lint (ruff), types (mypy), import layers (import-linter) and the docs build"
	@echo "make docs   - the documentation site (docs/, mkdocs.yml) into $(DOCS_SITE)/; docs-serve: on 127.0.0.1:$(DOCS_PORT)"
	@echo "make build  - validate the knowledge base and regenerate what comes from it"
	@echo "make cluster      - nginx, REPLICAS Rasa replicas (2), action servers, PostgreSQL and Redis, on loopback"
	@echo "make test-cluster - fault tests against the real cluster, and the deploy/ files checked"
	@echo "make bench-cluster - capacity of 1 and 2 replicas (open-loop Poisson arrivals); part of make bench"
	@echo "make clean  - remove generated files, models and the venv"

$(VENV)/.installed: requirements.txt requirements-dev.txt requirements-lock.txt
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Python 3.10 is required (Rasa 3.6 does not support 3.11+) and none was found."; \
	  echo "Install it (e.g. 'apt-get install python3.10 python3.10-venv' or 'pyenv install 3.10') or run 'make PYTHON=/path/to/python3.10 ...'."; \
	  exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON) and installing dependencies (a few minutes the first time) ..."
	"$(PYTHON)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip<25" wheel
	$(PY) -m pip install --quiet -r requirements-dev.txt -c requirements-lock.txt
	touch $@

install: $(VENV)/.installed

$(BUILD_STAMP): $(VENV)/.installed $(KB_FILES) $(BUILD_SOURCES) domain.yml $(HAND_RULES) $(wildcard data/nlu/*.yml)
	$(PY) -m bot build
	touch $@

build: $(BUILD_STAMP)

$(MODEL): $(BUILD_STAMP) config.yml domain.yml $(TRAINING_DATA)
	@echo "Training the model (about 2.5 minutes on 2 cores) ..."
	$(PY) -m bot.nlu.train --config config.yml --name advisor
	touch $@

train: $(MODEL)

run: $(MODEL)
	$(PY) -m bot serve

shell: $(MODEL)
	$(PY) -m bot shell

validate: $(BUILD_STAMP)
	$(PY) -m rasa data validate --fail-on-warnings

test-stories: $(MODEL)
	$(PY) -m rasa test core --stories tests/stories --model $(MODEL) --out results/stories --fail-on-prediction-errors

test-nlu: $(MODEL)
	$(PY) -m rasa test nlu --nlu tests/nlu/heldout.yml --model $(MODEL) --out results/nlu
	$(PY) tests/check_nlu_report.py results/nlu/intent_report.json --min-accuracy 0.90

CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

check-chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "The browser tests need Debian's Chromium at $(CHROMIUM): run 'apt-get install -y chromium'"; \
	  echo "(or set CHROMIUM=/path/to/chromium). Playwright's own browser download is not used."; exit 1; fi

test-py: $(MODEL) check-chromium
	$(PY) -m pytest -q tests

test: validate test-stories test-nlu test-py

# Format, lint, types, import contracts (layers that only point down, in pyproject.toml) and the docs:
# the same checks CI runs (`ruff format` fixes the formatting).
LINT_PATHS := bot actions tests benchmarks
lint: $(VENV)/.installed
	$(PY) -m ruff format --check $(LINT_PATHS)
	$(PY) -m ruff check $(LINT_PATHS)
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-cache --no-logo
	$(PY) -m mkdocs build --strict --quiet --site-dir $(DOCS_SITE)

# The documentation site. Strict: a broken link or anchor fails the build.
DOCS_SITE := build/docs
DOCS_PORT ?= 8000
docs: $(VENV)/.installed
	$(PY) -m mkdocs build --strict --site-dir $(DOCS_SITE)
	@echo "open $(DOCS_SITE)/index.html, or run make docs-serve"

docs-serve: $(VENV)/.installed
	$(PY) -m mkdocs serve --strict --dev-addr 127.0.0.1:$(DOCS_PORT)

# The site owner's report over the stored conversations (docs/site-owner/report.md).
REPORT_ARGS ?=
report: $(VENV)/.installed
	$(PY) -m bot report $(REPORT_ARGS)

STOCK_MODEL := models/stock.tar.gz
$(STOCK_MODEL): $(BUILD_STAMP) benchmarks/stock.py domain.yml $(TRAINING_DATA)
	@echo "Training the baseline: Rasa's stock starter pipeline on our data ..."
	$(PY) -m benchmarks.stock
	touch $@

# Rasa's own per-message floor on this machine (benchmarks/floor.yml), for `make bench`.
FLOOR_MODEL := models/floor.tar.gz
$(FLOOR_MODEL): $(BUILD_STAMP) benchmarks/floor.yml domain.yml $(TRAINING_DATA)
	$(PY) -m bot.nlu.train --config benchmarks/floor.yml --name floor
	touch $@

EVAL_ARGS ?=
eval: $(MODEL) $(STOCK_MODEL)
	$(PY) -m benchmarks.eval $(EVAL_ARGS)

bench: $(MODEL) $(STOCK_MODEL) $(FLOOR_MODEL)
	$(PY) -m benchmarks.bench
	$(MAKE) bench-cluster

bench-quick: $(MODEL) $(STOCK_MODEL)
	$(PY) -m benchmarks.bench --quick

# The production topology on one machine (bot/serving/cluster, deploy/). Debian's nginx,
# PostgreSQL and Redis are installed if missing; everything listens on 127.0.0.1.
REPLICAS ?= 2
export REPLICAS
cluster-deps:
	@deploy/install-cluster-deps.sh

cluster: $(MODEL) cluster-deps
	$(PY) -m bot.serving.cluster

test-cluster: $(MODEL) cluster-deps
	RUN_CLUSTER_TESTS=1 $(PY) -m pytest -q -p no:cacheprovider tests/cluster

bench-cluster: $(MODEL) cluster-deps
	$(PY) -m benchmarks.cluster_bench

clean:
	rm -rf build models results var $(VENV) data/nlu/generated.yml data/nlu/augmented.yml .rasa
