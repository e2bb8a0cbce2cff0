#!/usr/bin/env bash
# .venv-rasa: Python 3.10 with Rasa Open Source 3.6.21 and nothing of ours.
# Rasa pins old numpy, pydantic and sanic; sharing an environment with the
# project would break those pins, so it lives apart.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(scripts/find-python.sh 3.10)
[ -x .venv-rasa/bin/python ] || "$python" -m venv .venv-rasa
.venv-rasa/bin/python -m pip install --quiet --upgrade pip
.venv-rasa/bin/python -m pip install --quiet -r requirements-rasa.txt
touch .venv-rasa/.installed
echo "Set up .venv-rasa (Python 3.10, Rasa)."
