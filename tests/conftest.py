"""Shared test helpers: the repository's paths, the real graph built once, running `kg` (in this process, or in a
process of its own where the process boundary is the point), a fresh copy of the mini graph, and needed programs."""

from __future__ import annotations

import gc
import io
import os
import shlex
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


def run_kg_process(*args: str, cwd: Path = REPO, input: str | None = None, env: dict | None = None,
                   timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the real `kg` command line in a subprocess, as a user would: for what only a process shows (its exit after
    a signal, a lock between two commands, a terminal, the interpreter's own start and exit)."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], cwd=cwd, input=input, capture_output=True, text=True,
        env={**os.environ, **(env or {})}, timeout=timeout,
    )


def _reset_process_state() -> None:
    """What a command sets once per process and a new `kg` process would start without."""
    from kg.cache import entry, signing

    entry._warned.clear()
    signing._warned.clear()
    gc.unfreeze()  # kg's main() freezes the heap for a fast exit; this process goes on


def run_kg(*args: str, cwd: Path = REPO, input: str | None = None, env: dict | None = None,
           timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the `kg` command line in this process, through the same entry point as the installed command (its
    arguments, working directory, environment, standard streams and exit status), a fraction of a second faster
    than starting Python; `timeout` is not enforced here (run_kg_process enforces it)."""
    from kg.cli import main

    saved_env, saved_cwd = os.environ.copy(), os.getcwd()
    saved_streams, saved_argv = (sys.stdin, sys.stdout, sys.stderr), sys.argv
    out, err = io.BytesIO(), io.BytesIO()
    streams = []
    code = 0
    _reset_process_state()
    try:
        os.environ.update(env or {})
        os.chdir(cwd)
        sys.argv = ["kg", *map(str, args)]
        streams = [io.TextIOWrapper(io.BytesIO((input or "").encode("utf-8")), encoding="utf-8"),
                   io.TextIOWrapper(out, encoding="utf-8", write_through=True),
                   io.TextIOWrapper(err, encoding="utf-8", write_through=True)]
        sys.stdin, sys.stdout, sys.stderr = streams
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if exc.code is not None and not isinstance(exc.code, int):
                sys.stderr.write(f"{exc.code}\n")
    finally:
        for stream in streams:
            stream.flush()
            stream.detach()  # the bytes stay readable after the wrapper is gone
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        sys.argv = saved_argv
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        _reset_process_state()
    return subprocess.CompletedProcess(["kg", *args], code, out.getvalue().decode("utf-8", "replace"),
                                       err.getvalue().decode("utf-8", "replace"))


def _query_library():
    from kg.query.library import load_library

    return load_library(REPO / "queries")


LIBRARY = _query_library()  # the named queries of queries/, as `kg query` reads them


def example_params(name: str) -> list[str]:
    """The --param values of the named query's first `# example:` line."""
    words = shlex.split(LIBRARY[name].examples[0]) if LIBRARY[name].examples else []
    return [words[i + 1] for i, word in enumerate(words[:-1]) if word in ("--param", "-p")]


@pytest.fixture
def mini_graph(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/mini (the smallest valid graph) in its own folder, with its own cache."""
    directory = tmp_path / "graph"
    shutil.copytree(FIXTURES / "mini", directory)
    return directory


@pytest.fixture(scope="session")
def real_build():
    """The real graph/ checked and compiled once per test session."""
    from kg.pipeline import check_graph

    result = check_graph(GRAPH_DIR)
    assert result.ok, "\n".join(str(p) for p in result.problems.errors[:20])
    return result
