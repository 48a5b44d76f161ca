"""Releases as docs/history.md describes them: graph/release.yaml stamps the exports with its version and date (the
same bytes every build), a tag marks the version, and `kg diff` writes its changelog."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, run_kg

STAMP_VERSION = '<https://w3id.org/mxsec/graph> <https://schema.org/version> "2021.1" .'
STAMP_DATE = ('<https://w3id.org/mxsec/graph> <https://schema.org/datePublished> '
              '"2021-02-03"^^<http://www.w3.org/2001/XMLSchema#date> .')


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else None
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini", repo / "graph")
    (repo / "graph" / "release.yaml").write_text('version: "2021.1"\ndate: 2021-02-03\n', encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "curator@example.org")
    git(repo, "config", "user.name", "A Curator")
    return repo


def build(repo: Path, out: Path) -> None:
    done = run_kg("build", "--graph", str(repo / "graph"), "--out", str(out), "-q")
    assert done.returncode == 0, done.stderr


def test_the_release_stamps_the_exports_the_same_way_every_time(repo: Path, tmp_path: Path):
    build(repo, tmp_path / "one")
    build(repo, tmp_path / "two")
    lines = (tmp_path / "one" / "mxsec.nt").read_text(encoding="utf-8").splitlines()
    assert STAMP_VERSION in lines and STAMP_DATE in lines
    for name in ("mxsec.nt", "mxsec.ttl", "mxsec.jsonld"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert 'schema:version "2021.1"' in (tmp_path / "one" / "mxsec.ttl").read_text(encoding="utf-8")
    exported = run_kg("export", "--format", "ttl", "-o", "-", "--graph", str(repo / "graph"))
    assert exported.stdout.encode("utf-8") == (tmp_path / "one" / "mxsec.ttl").read_bytes()

    (repo / "graph" / "release.yaml").unlink()  # an unreleased graph carries no stamp
    build(repo, tmp_path / "three")
    assert "schema.org/version" not in (tmp_path / "three" / "mxsec.nt").read_text(encoding="utf-8")


def test_a_bad_release_file_stops_the_build(repo: Path, tmp_path: Path):
    (repo / "graph" / "release.yaml").write_text('version: "2021.1"\ndate: 2021-02-30\n', encoding="utf-8")
    done = run_kg("build", "--graph", str(repo / "graph"), "--out", str(tmp_path / "out"), "-q")
    assert done.returncode == 1
    assert "release.yaml: date `2021-02-30` is not a day (YYYY-MM-DD)" in done.stderr
    assert not (tmp_path / "out" / "mxsec.nt").exists()


def test_tag_then_changelog(repo: Path, tmp_path: Path):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Release 2021.1", date="2021-02-03T10:00:00+00:00")
    git(repo, "tag", "-a", "v2021.1", "-m", "Release 2021.1")
    build(repo, tmp_path / "v2021.1")
    things = repo / "graph" / "things.yaml"
    things.write_text(things.read_text(encoding="utf-8").replace("killed: 13", "killed: 14"), encoding="utf-8")
    (repo / "graph" / "release.yaml").write_text('version: "2021.2"\ndate: 2021-03-01\n', encoding="utf-8")

    done = run_kg("diff", "--format", "markdown", "--graph", str(repo / "graph"))  # the last tag → the working tree
    assert done.returncode == 0, done.stderr
    changelog = done.stdout
    assert changelog.startswith("## 2021.2 (2021-03-01)\n")
    assert "Changes from v2021.1 (" in changelog and "release 2021.1 of 2021-02-03" in changelog
    assert "- **changed** killed: 13 → 14 — *Article A, § Body, ¶ 2*" in changelog

    build(repo, tmp_path / "v2021.2")  # two published export folders compare the same way, dated by their stamps
    feed = run_kg("diff", str(tmp_path / "v2021.1"), str(tmp_path / "v2021.2"), "--format", "atom",
                  "--graph", str(repo / "graph"))
    assert feed.returncode == 0, feed.stderr
    assert "<updated>2021-03-01T00:00:00Z</updated>" in feed.stdout
    assert "killed: 13 → 14" in feed.stdout


def test_the_explorer_carries_the_release(repo: Path, tmp_path: Path):
    page = tmp_path / "mxsec.html"
    done = run_kg("viz", "-o", str(page), "-q", "--graph", str(repo / "graph"))
    assert done.returncode == 0, done.stderr
    assert '"release":{"version":"2021.1","date":"2021-02-03"}' in page.read_text(encoding="utf-8")
