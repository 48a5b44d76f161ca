"""`kg site`'s history section and relations-by-year strip: a small graph in a temporary git repository with two
commits (the second corrects a count), the same graph outside git, with an uncommitted edit, and with --no-history."""

from __future__ import annotations

import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import run_kg


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else None
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def dated(graph: Path) -> None:
    """Ovidio's membership gets a start and an end known to the day and the month."""
    edit(graph / "things.yaml", "      start: 2019\n", "      start: 2016-05-01\n      end: 2018-02\n")


def build(graph: Path, out: Path, *args: str) -> Path:
    done = run_kg("site", str(out), "--graph", str(graph), "--no-explorer", *args)
    assert done.returncode == 0, done.stderr
    return out


def page(site: Path, entity_id: str, lang: str = "en") -> str:
    return (site / "id" / entity_id / ("index.html" if lang == "en" else "index.es.html")).read_text(encoding="utf-8")


def text_of(html: str, section: str) -> str:
    """The visible text of the page's <section class="SECTION">, spaces collapsed."""
    start = html.index(f'<section class="{section}"')
    end = html.index("</section>", start)

    class Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.parts.append(" ")

        def handle_data(self, data):
            self.parts.append(data)

    parser = Text()
    parser.feed(html[start:end])
    return re.sub(r"\s+", " ", "".join(parser.parts)).strip()


@pytest.fixture
def repo_graph(mini_graph: Path) -> Path:
    repo = mini_graph.parent
    dated(mini_graph)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "curator@example.org")
    git(repo, "config", "user.name", "A Curator")
    git(repo, "add", "graph")
    git(repo, "commit", "-q", "-m", "first", date="2021-01-10T12:00:00+00:00")
    edit(mini_graph / "things.yaml", "killed: 13", "killed: 14")
    git(repo, "commit", "-q", "-am", "a better count", date="2021-02-03T09:30:00+00:00")
    return mini_graph


def test_history_lists_each_commit_change(repo_graph: Path, tmp_path: Path):
    site = build(repo_graph, tmp_path / "site")
    battle = text_of(page(site, "battle"), "history")
    assert "First recorded 10 January 2021 · first" in battle
    assert "Last changed 3 February 2021 · a better count" in battle
    first, second = git(repo_graph.parent, "log", "--format=%h", "-2", "--abbrev=7").split()[::-1]
    assert first in battle and second in battle
    assert "changed: killed: 13 → 14" in battle
    assert battle.index("a better count: changed") < battle.index("first: recorded")  # the latest first
    culiacan = text_of(page(site, "culiacan"), "history")
    assert "First recorded 10 January 2021 · first" in culiacan and "Last changed 10 January 2021 · first" in culiacan
    assert "a better count" not in culiacan
    assert "Changed since the last commit" not in battle
    spanish = text_of(page(site, "battle", "es"), "history")
    assert "Registrada por primera vez 10 de enero de 2021" in spanish and "13 → 14" in spanish


def test_uncommitted_edits_are_said(repo_graph: Path, tmp_path: Path):
    edit(repo_graph / "things.yaml", "killed: 14", "killed: 15")
    site = build(repo_graph, tmp_path / "site")
    assert "Changed since the last commit" in text_of(page(site, "battle"), "history")
    assert "Changed since the last commit" not in text_of(page(site, "culiacan"), "history")


def test_outside_git_the_section_says_there_is_no_history(mini_graph: Path, tmp_path: Path):
    if subprocess.run(["git", "-C", str(mini_graph), "rev-parse"], capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git repository")
    done = run_kg("site", str(tmp_path / "site"), "--graph", str(mini_graph), "--no-explorer")
    assert done.returncode == 0, done.stderr
    assert "not in a git repository" in done.stderr
    history = text_of(page(tmp_path / "site", "battle"), "history")
    assert history == "History No history: the graph this site was built from is not in a git repository."
    assert "Sin historial" in text_of(page(tmp_path / "site", "battle", "es"), "history")


def test_no_history_flag_leaves_the_section_out(repo_graph: Path, tmp_path: Path):
    site = build(repo_graph, tmp_path / "site", "--no-history")
    assert 'class="history"' not in page(site, "battle")


def test_relations_by_year_strip(repo_graph: Path, tmp_path: Path):
    site = build(repo_graph, tmp_path / "site", "--no-history")
    html = page(site, "ovidio")
    start, end = html.index('<figure class="relyears"'), html.index("</figure>", html.index('<figure class="relyears"'))
    strip = html[start:end]
    assert re.findall(r'<text class="year"[^>]*>(\d+)</text>', strip) == ["2016", "2018"]  # every other year
    assert strip.count('<rect class="in"') == 3 and 'class="uncertain"' not in strip  # 2016, 2017, 2018
    assert "Member of: Sinaloa Cartel: <span class=\"when\">2016–2018</span>" in re.sub(r"<a [^>]*>|</a>", "", strip)
    cartel = page(site, "sinaloa-cartel")
    rows = re.findall(r"<li>(.*?)</li>", cartel[cartel.index('<ul class="relyears-text">'):])
    shown = [re.sub(r"<[^>]+>", "", r) for r in rows[:2]]
    assert shown == ["Ovidio Guzmán (member of): 2016–2018", "Battle of Culiacán (participant): 2019"]
    assert 'class="relyears"' not in page(site, "article-a")  # no dated relation: no strip


def test_without_git_or_with_an_unreadable_history_nothing_is_guessed(repo_graph: Path, monkeypatch):
    from kg.site import history as site_history

    def broken(graph_dir):
        raise ValueError("a commit this kg cannot read")

    monkeypatch.setattr(site_history, "graph_history", broken)
    found = site_history.read_history(repo_graph)
    assert (found.unavailable, found.entities) == ("history_unreadable", {})
    assert site_history.history_section(found, "battle", "en") == {
        "unavailable": "No history: the graph's git history could not be read when this site was built."}
    monkeypatch.setattr(site_history.shutil, "which", lambda name: None)
    assert site_history.read_history(repo_graph).unavailable == "history_no_git"
    assert site_history.history_section(None, "battle", "en") is None  # --no-history
