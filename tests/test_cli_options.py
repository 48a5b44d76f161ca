"""One meaning per option across verbs, and progress bars only where a person watches a terminal."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import FIXTURES, REPO, run_kg

MINI = FIXTURES / "analysis"


def test_graph_is_the_yaml_folder_in_every_verb():
    for verb in ("validate", "build", "query", "viz", "stats", "path", "export", "show", "find", "serve", "publish"):
        done = run_kg(verb, "--help")
        assert done.returncode == 0, verb
        assert "--graph, --graph-dir DIRECTORY" in done.stdout or "--graph, --graph-dir" in done.stdout, verb


def test_publish_takes_the_graph_folder_and_the_iri_separately(tmp_path):
    # Nothing listens on port 9: the graph is read from the folder given, then the store is unreachable.
    done = run_kg("publish", "--endpoint", "http://127.0.0.1:9/store", "--graph", str(MINI),
                  "--graph-iri", "https://example.org/g", "--timeout", "5")
    assert done.returncode == 1
    assert "cannot reach http://127.0.0.1:9/store" in done.stderr and "note:" not in done.stderr
    missing = run_kg("publish", "--endpoint", "http://127.0.0.1:9/store", "--graph", str(tmp_path / "none"))
    assert missing.returncode == 1 and "nothing published" in missing.stderr


def test_publish_still_takes_an_iri_given_the_old_way_and_says_so():
    done = run_kg("publish", "--endpoint", "http://127.0.0.1:9/store", "--graph", "https://example.org/g",
                  "--timeout", "5")
    assert done.returncode == 1
    assert "--graph now means the YAML folder" in done.stderr and "--graph-iri" in done.stderr
    assert "cannot reach" in done.stderr  # it went on, with the IRI as the named graph and graph/ as the folder
    both = run_kg("publish", "--endpoint", "http://127.0.0.1:9/store", "--graph", "https://example.org/g",
                  "--graph-iri", "https://example.org/other")
    assert both.returncode == 2 and "--graph is the folder of YAML files" in both.stderr


def run_on_terminal(*args: str, cwd=REPO) -> str:
    """Run kg with stderr on a pseudo-terminal (as in a person's shell) and return what the terminal showed."""
    leader, follower = os.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, stdout=subprocess.PIPE,
                              stderr=follower, timeout=300)
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the terminal is closed once everything is read
                break
            if not data:
                break
            chunks.append(data)
        assert done.returncode == 0
        return b"".join(chunks).decode("utf-8", errors="replace")
    finally:
        os.close(leader)


def test_build_shows_a_progress_bar_on_a_terminal_and_none_in_a_pipe(tmp_path):
    shown = run_on_terminal("build", "--graph", str(MINI), "--out", str(tmp_path / "tty"), "--no-shapes")
    assert "reading and checking" in shown and "writing the exports" in shown and "100%" in shown
    piped = run_kg("build", "--graph", str(MINI), "--out", str(tmp_path / "pipe"), "--no-shapes")
    assert piped.returncode == 0
    assert "reading and checking" not in piped.stderr and "[####" not in piped.stderr and "\r" not in piped.stderr
    assert (tmp_path / "pipe" / "mxsec.ttl").read_bytes() == (tmp_path / "tty" / "mxsec.ttl").read_bytes()
