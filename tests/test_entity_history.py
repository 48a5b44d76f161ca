"""The API the static site's entity pages use: an entity's history from the repository (first recorded, last changed,
each change) and its relations year by year."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from kg.history.entity_history import graph_history, relations_by_year


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else None
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout


def test_history_of_each_entity(mini_graph: Path):
    repo = mini_graph.parent
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "curator@example.org")
    git(repo, "config", "user.name", "A Curator")
    git(repo, "add", "graph")
    git(repo, "commit", "-q", "-m", "first", date="2021-01-01T00:00:00+00:00")
    things = mini_graph / "things.yaml"
    things.write_text(things.read_text(encoding="utf-8").replace("killed: 13", "killed: 14"), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "a better count", date="2021-02-01T00:00:00+00:00")
    (repo / "README").write_text("not the graph\n", encoding="utf-8")
    git(repo, "add", "README")
    git(repo, "commit", "-q", "-m", "docs only", date="2021-03-01T00:00:00+00:00")

    history = graph_history(mini_graph)
    battle = history["battle"]
    assert battle.first_recorded.subject == "first" and battle.first_recorded.date == "2021-01-01T00:00:00+00:00"
    assert battle.last_changed.subject == "a better count"
    assert [(e.commit.subject, e.change.status) for e in battle.changes] == [("first", "added"),
                                                                          ("a better count", "changed")]
    [killed] = battle.changes[1].change.facts
    assert (killed.old.value.text, killed.new.value.text) == ("13", "14")
    culiacan = history["culiacan"]
    assert culiacan.first_recorded == culiacan.last_changed and len(culiacan.changes) == 1


def test_relations_by_year(real_build):
    years = relations_by_year(real_build.model, real_build.vocab, "president-of-mexico")
    holders = {year: sorted(r.other for r in found if r.predicate == "heldPosition") for year, found in years.items()}
    assert holders[2010] == ["felipe-calderon"]
    assert holders[2012] == ["enrique-pena-nieto", "felipe-calderon"]  # the office changed hands in December
    assert holders[2019] == ["amlo"]
    assert all(not r.outgoing for found in years.values() for r in found if r.predicate == "heldPosition")
