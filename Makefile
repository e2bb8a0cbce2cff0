# The front door: `make run` and `make test` set up whatever is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

GATEWAY_HOST ?= 127.0.0.1
GATEWAY_PORT ?= 8000
RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055

VENV := .venv
RASA_VENV := .venv-rasa
RASA := $(RASA_VENV)/bin/rasa
MODEL := models/councilbot.tar.gz
INDEX := var/index/manifest.json

export GATEWAY_PORT RASA_PORT ACTIONS_PORT
export COUNCILBOT_GATEWAY_HOST := $(GATEWAY_HOST)
export COUNCILBOT_GATEWAY_PORT := $(GATEWAY_PORT)
export COUNCILBOT_RASA_URL := http://127.0.0.1:$(RASA_PORT)
export COUNCILBOT_ACTIONS_URL := http://127.0.0.1:$(ACTIONS_PORT)
export COUNCILBOT_ACTION_ENDPOINT := http://127.0.0.1:$(ACTIONS_PORT)/webhook
export COUNCILBOT_TRACKER_DB := var/tracker.db
# The gateway pauses and resumes conversations through Rasa's HTTP API, on
# loopback, with a token made fresh for each run unless one is given.
ifndef COUNCILBOT_RASA_TOKEN
COUNCILBOT_RASA_TOKEN := $(shell python3 -c 'import secrets; print(secrets.token_hex(24))')
endif
export COUNCILBOT_RASA_TOKEN
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONWARNINGS := ignore::DeprecationWarning

RASA_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)
KNOWLEDGE_INPUTS := $(wildcard knowledge/*.md) $(wildcard knowledge/*.yml) $(wildcard bot/knowledge/*.py)
FRONTEND := node_modules/govuk-frontend/package.json

.PHONY: help setup run run-cluster test lint unit rasa-validate rasa-test floors train index bench load evaluate clean

help:
	@echo "make run    set up what is missing, then start the assistant on http://$(GATEWAY_HOST):$(GATEWAY_PORT)"
	@echo "make run-cluster  the same on PostgreSQL, Redis and two of each server behind HAProxy"
	@echo "make test   set up what is missing, then run every check"
	@echo "make index  check the knowledge files and rebuild the index"
	@echo "make train  retrain the Rasa model if its data changed"
	@echo "make bench  measure the time per message through the whole stack"
	@echo "make load   load each profile and bare Rasa with 10, 25 and 50 simulated residents (15 to 20 minutes)"
	@echo "make evaluate  run the evaluations against their floors"
	@echo "add a console agent: .venv/bin/councilbot agents add USERNAME --name NAME [--role supervisor]"

$(VENV)/.installed: pyproject.toml scripts/setup-venv.sh
	scripts/setup-venv.sh

$(RASA_VENV)/.installed: requirements-rasa.txt scripts/setup-rasa-venv.sh
	scripts/setup-rasa-venv.sh

$(FRONTEND): package.json package-lock.json scripts/setup-frontend.sh
	scripts/setup-frontend.sh
	touch $@

setup: $(VENV)/.installed $(RASA_VENV)/.installed $(FRONTEND)

/usr/bin/chromium:
	scripts/setup-browser.sh

# Debian's PostgreSQL, Redis and HAProxy: the cluster profile, and the
# tests' own servers (setup-cluster.sh installs whichever is missing).
POSTGRES := /usr/lib/postgresql/15/bin/postgres
CLUSTER_TOOLS := $(POSTGRES) /usr/bin/redis-server /usr/sbin/haproxy

$(CLUSTER_TOOLS):
	scripts/setup-cluster.sh

# Rasa skips training when nothing changed but leaves the file's time alone;
# touch it so make knows it is current.
$(MODEL): $(RASA_INPUTS) | $(RASA_VENV)/.installed
	mkdir -p var
	$(RASA) train --fixed-model-name councilbot --out models
	touch $@

train: $(MODEL)

$(INDEX): $(KNOWLEDGE_INPUTS) | $(VENV)/.installed
	$(VENV)/bin/councilbot knowledge build

index: $(INDEX)

run: setup $(MODEL) $(INDEX)
	mkdir -p var
	$(VENV)/bin/councilbot supervise --announce

# The same assistant on PostgreSQL and Redis, two of each server behind
# HAProxy on the same public port (docs/operations.md).
run-cluster: setup $(MODEL) $(INDEX) $(CLUSTER_TOOLS)
	mkdir -p var
	$(VENV)/bin/councilbot supervise --announce --profile cluster

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

rasa-validate: $(RASA_VENV)/.installed
	$(RASA) data validate --domain domain.yml --data data

# The tests of the gateway's tables run twice: on SQLite, then on a real
# PostgreSQL the tests start and stop themselves. The chat, privacy canary,
# handoff and rights integration tests run on both profiles; the cluster's
# own tests (test_cluster.py) only on the cluster.
CLUSTER_TESTS := $(addprefix tests/integration/,test_cluster.py test_resident_conversation.py \
	test_privacy_canary.py test_handoff.py test_rights_in_chat.py)

unit: setup $(MODEL) /usr/bin/chromium $(CLUSTER_TOOLS)
	$(VENV)/bin/pytest
	$(VENV)/bin/pytest --database postgresql -m database tests/bot
	$(VENV)/bin/pytest --profile cluster $(CLUSTER_TESTS)

rasa-test: $(MODEL)
	$(RASA) test --model $(MODEL) --stories tests/stories --fail-on-prediction-errors --out var/rasa-results

# The privacy canary runs inside `unit` (tests/integration/); the floors of
# the privacy, knowledge retrieval and NLU evaluations are checked here too
# (`make evaluate` runs every evaluation, the knowledge one also through the
# running chat).
test: setup $(MODEL) $(INDEX) /usr/bin/chromium $(CLUSTER_TOOLS)
	$(MAKE) lint
	$(MAKE) rasa-validate
	$(MAKE) unit
	$(MAKE) rasa-test
	$(MAKE) floors

floors: $(VENV)/.installed $(MODEL) $(INDEX)
	@status=0; \
	$(VENV)/bin/python -m evaluate.privacy || status=1; \
	$(VENV)/bin/python -m evaluate.knowledge || status=1; \
	$(VENV)/bin/python -m evaluate.nlu || status=1; \
	exit $$status

bench: setup $(MODEL)
	$(VENV)/bin/python bench/chat_latency.py
	$(VENV)/bin/python bench/safety_net.py
	$(VENV)/bin/python bench/privacy_gate.py
	$(VENV)/bin/python bench/handoff_latency.py

# Headless locust on loopback, a few minutes; figures in docs/architecture.md#load.
load: setup $(MODEL) $(CLUSTER_TOOLS)
	$(VENV)/bin/python bench/load.py

evaluate: setup $(MODEL) $(INDEX)
	$(VENV)/bin/python -m evaluate.safety_training
	@status=0; \
	$(VENV)/bin/python -m evaluate.knowledge --chat || status=1; \
	$(VENV)/bin/python -m evaluate.nlu || status=1; \
	$(VENV)/bin/python -m evaluate.safety || status=1; \
	$(VENV)/bin/python -m evaluate.privacy || status=1; \
	$(VENV)/bin/python -m evaluate.language || status=1; \
	exit $$status

clean:
	rm -rf var models .pytest_cache .ruff_cache node_modules
