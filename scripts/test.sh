#!/usr/bin/env bash
# Set up everything the tests need and run them: the project with its test extras in .venv, plus Debian's
# Virtuoso (a real SPARQL 1.1 server) and Chromium (a real browser), which the tests start on loopback themselves.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

apt_packages=()
command -v virtuoso-t >/dev/null 2>&1 || apt_packages+=(virtuoso-opensource-7)
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
command -v curl >/dev/null 2>&1 || apt_packages+=(curl)
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)  # ESLint, for the explorer's scripts
if [ ${#apt_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else sudo="none"; fi
  if [ "$sudo" = "none" ]; then
    echo "cannot install ${apt_packages[*]} (not root, no sudo): their tests will be skipped (and fail under CI=true)" >&2
  else
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
  fi
fi

# ESLint (pinned by package.json and package-lock.json) into the project's own node_modules/, from the npm registry;
# tests/test_view_lint.py runs it on the explorer's scripts.
if command -v npm >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --loglevel=error
else
  echo "cannot install ESLint (no npm): the lint test will be skipped (and fail under CI=true)" >&2
fi

.venv/bin/ruff check src tests benchmarks
# The tests run on as many workers as the machine has cores (KG_TEST_WORKERS=1 for one process): each worker is its own
# process with its own temporary folders, and tests that start servers take free ports.
.venv/bin/python -m pytest -n "${KG_TEST_WORKERS:-auto}" --dist worksteal "$@"
