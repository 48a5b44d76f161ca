#!/usr/bin/env bash
# Set up (a virtual environment with the project installed) and build the graph's exports into exports/.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
.venv/bin/kg build "$@"
