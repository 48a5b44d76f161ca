"""Shared test helpers: the repository's paths, the real graph built once, running `kg`, and needed programs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GRAPH_DIR = REPO / "graph"
FIXTURES = REPO / "tests" / "fixtures"
IN_CI = os.environ.get("CI", "").lower() == "true"


def require_program(program: str, package: str) -> str:
    """The program's path; missing, it skips the test locally and fails it under CI=true (CI installs it)."""
    path = shutil.which(program)
    if path is None:
        message = f"{program} not found (Debian package {package}; scripts/test.sh installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def run_kg(*args: str, cwd: Path = REPO, input: str | None = None, env: dict | None = None,
           timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the real `kg` command line in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, input=input, capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=timeout,
    )


@pytest.fixture(scope="session")
def real_build():
    """The real graph/ checked and compiled once per test session."""
    from kg.pipeline import check_graph

    result = check_graph(GRAPH_DIR)
    assert result.ok, "\n".join(str(p) for p in result.problems.errors[:20])
    return result
