"""`kg diff`: two versions of a small graph in a temporary git repository, every kind of change it reports, in every
format; the same answer from two export folders; and one commit of this repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from conftest import FIXTURES, REPO, run_kg

ATOM = "{http://www.w3.org/2005/Atom}"

EXTRA_PERSON = """
- id: extra-person
  type: Person
  label: Extra Person
  cite: article-a §body ¶3
  memberOf: sinaloa-cartel
"""

NEW_PERSON = """
- id: juan-perez
  type: Person
  label: {en: Juan Pérez, es: Juan Pérez}
  cite: article-a §body ¶3
  statements:
    - memberOf: sinaloa-cartel
      start: 2018
      cite: article-a §body ¶3
"""


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else None
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def versions(tmp_path: Path) -> Path:
    """A repository whose tag v1 is the mini graph (plus one person) and whose HEAD changes one thing of each kind."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini", repo / "graph")
    with (repo / "graph" / "things.yaml").open("a", encoding="utf-8") as f:
        f.write(EXTRA_PERSON)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "curator@example.org")
    git(repo, "config", "user.name", "A Curator")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "version 1", date="2021-01-10T12:00:00+00:00")
    git(repo, "tag", "v1")
    things = repo / "graph" / "things.yaml"
    edit(things, "label: {en: Sinaloa Cartel, es: Cártel de Sinaloa}",
         "label: {en: Sinaloa Cartel (CDS), es: Cártel de Sinaloa}")  # a label
    edit(things, "    - killed: 13\n      cite: article-a §body ¶2",
         "    - killed: 14\n      cite: article-a §body ¶2\n      note: The article's later count.")  # value, note
    edit(things, "      start: 2019\n", "      start: 2019-10\n")  # a qualifier's value
    edit(things, "      role: perpetrator\n      cite: article-a §body ¶2",
         "      role: perpetrator\n      cite: [article-a §body ¶2, article-a §body ¶3]")  # citations
    edit(things, "  date: 2019-10-17\n", "  date: 2019-10-17\n  injured: 5\n")  # a statement added
    edit(things, """    - nameInSource: "Culicán"
      cite: article-a §body ¶2
      error: The article misspells Culiacán.
      correction: Culiacán
""", "")  # a source's error and its correction removed
    edit(things, "- id: ovidio\n", "- id: ovidio-guzman\n")  # renamed, as renamed.yaml says
    (repo / "graph" / "renamed.yaml").write_text("ovidio: ovidio-guzman\n", encoding="utf-8")
    edit(things, EXTRA_PERSON, NEW_PERSON)  # an entity removed, another added
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "version 2", date="2021-02-03T09:30:00+00:00")
    return repo


def diff_json(repo: Path, *args: str) -> dict:
    done = run_kg("diff", *args, "--format", "json", "--graph", str(repo / "graph"))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def by_id(record: dict) -> dict[str, dict]:
    return {entity["id"]: entity for entity in record["entities"]}


def test_every_kind_of_change_is_reported(versions: Path):
    record = diff_json(versions, "v1", "HEAD")
    entities = by_id(record)
    assert set(entities) == {"sinaloa-cartel", "battle", "culiacan", "ovidio-guzman", "extra-person", "juan-perez"}
    assert record["counts"] == {"entities added": 1, "entities removed": 1, "entities changed": 4,
                                "entities renamed": 1, "statements added": 2, "statements removed": 3,
                                "statements changed": 3}

    cartel = entities["sinaloa-cartel"]
    assert cartel["status"] == "changed" and cartel["statements"] == []
    assert cartel["fields"] == [{"field": "labels", "old": {"en": "Sinaloa Cartel", "es": "Cártel de Sinaloa"},
                                 "new": {"en": "Sinaloa Cartel (CDS)", "es": "Cártel de Sinaloa"}}]

    battle = {(s["change"], s["new"]["predicate"] if s["new"] else s["old"]["predicate"]): s
              for s in entities["battle"]["statements"]}
    killed = battle["changed", "killed"]
    assert killed["what"] == ["value", "notes"]
    assert (killed["old"]["shown"], killed["new"]["shown"]) == ("13", "14")
    assert killed["new"]["notes"] == ["The article's later count."]
    assert killed["new"]["citations"][0]["text"] == "Article A, § Body, ¶ 2"
    participant = battle["changed", "participant"]
    assert participant["what"] == ["citations"]
    assert [c["text"] for c in participant["new"]["citations"]] == ["Article A, § Body, ¶ 2", "Article A, § Body, ¶ 3"]
    assert battle["added", "injured"]["new"]["shown"] == "5"

    culiacan = entities["culiacan"]["statements"]
    assert [(s["change"], s["old"]["assessment"]) for s in culiacan] == [("removed", "error"),
                                                                          ("removed", "correction")]

    ovidio = entities["ovidio-guzman"]
    assert ovidio["status"] == "changed" and ovidio["renamed_from"] == "ovidio"
    [member] = ovidio["statements"]
    assert member["change"] == "changed" and member["what"] == ["qualifiers"]
    assert (member["old"]["qualifiers"], member["new"]["qualifiers"]) == ({"start": "2019"}, {"start": "2019-10"})
    assert record["renames"] == {"ovidio": "ovidio-guzman"}

    assert entities["extra-person"]["status"] == "removed"
    assert [s["change"] for s in entities["extra-person"]["statements"]] == ["removed"]
    assert entities["juan-perez"]["status"] == "added"
    assert entities["juan-perez"]["statements"][0]["summary"] == "member of: Sinaloa Cartel (CDS) (sinaloa-cartel) " \
                                                                 "(start: 2018)"
    assert record["new"]["date"] == "2021-02-03T09:30:00+00:00"


def test_text_reads_as_a_changelog_for_the_terminal(versions: Path):
    done = run_kg("diff", "v1", "HEAD", "--graph", str(versions / "graph"))
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith("from v1 (")
    assert "1 entity added, 1 removed, 4 changed (1 renamed); 2 statements added, 3 removed, 3 changed" in text
    assert "~ Ovidio Guzmán  [ovidio-guzman, Person]  changed, renamed from ovidio" in text
    # each side named as that version names it
    assert "    ~ member of: Sinaloa Cartel (sinaloa-cartel) (start: 2019) → Sinaloa Cartel (CDS) " \
           "(sinaloa-cartel) (start: 2019-10)" in text
    assert "    ~ killed: 13 → 14 [notes changed]" in text
    assert "        + Article A, § Body, ¶ 3\n" in text
    assert "    - name as written in the source: ✗ Culicán (a source's error)\n        - Article A, § Body, ¶ 2\n" \
           "    - name as written in the source: Culiacán (the curators' correction)\n" in text
    assert "    ~ label: Sinaloa Cartel (en); Cártel de Sinaloa (es) → Sinaloa Cartel (CDS) (en); " in text


def test_markdown_and_atom(versions: Path):
    done = run_kg("diff", "v1", "HEAD", "--format", "markdown", "--graph", str(versions / "graph"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("## HEAD (")
    assert "### Battle of Culiacán (`battle`, Incident): changed" in done.stdout
    assert "- **changed** killed: 13 → 14 \\[notes changed\\]" in done.stdout

    feedparser = pytest.importorskip("feedparser")
    done = run_kg("diff", "v1", "HEAD", "--format", "atom", "--graph", str(versions / "graph"))
    assert done.returncode == 0, done.stderr
    parsed = feedparser.parse(done.stdout)
    assert parsed.version == "atom10" and not parsed.bozo
    assert len(parsed.entries) == 6
    assert parsed.feed.updated == "2021-02-03T09:30:00+00:00"
    assert parsed.feed.author == "A Curator"
    root = ElementTree.fromstring(done.stdout.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    for entry in root.iter(f"{ATOM}entry"):  # RFC 4287: each entry has an id, a title and an updated date
        assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}title").text
        assert entry.find(f"{ATOM}updated").text == "2021-02-03T09:30:00+00:00"
    ids = [e.find(f"{ATOM}id").text for e in root.iter(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids)
    again = run_kg("diff", "v1", "HEAD", "--format", "atom", "--graph", str(versions / "graph"))
    assert again.stdout == done.stdout  # no clock in it


def test_defaults_are_the_last_tag_and_the_working_tree(versions: Path):
    things = versions / "graph" / "things.yaml"
    edit(things, "    - killed: 14\n", "    - killed: 15\n")
    record = diff_json(versions)
    assert record["old"]["spec"] == "v1" and record["new"]["kind"] == "worktree"
    killed = [s for s in by_id(record)["battle"]["statements"] if s["new"] and s["new"]["predicate"] == "killed"]
    assert killed[0]["old"]["shown"] == "13" and killed[0]["new"]["shown"] == "15"


def test_export_folders_give_the_same_changes(versions: Path, tmp_path: Path):
    out_old, out_new = tmp_path / "exports-v1", tmp_path / "exports-v2"
    assert run_kg("build", "--graph", str(versions / "graph"), "--out", str(out_new), "-q").returncode == 0
    git(versions, "checkout", "-q", "v1")
    assert run_kg("build", "--graph", str(versions / "graph"), "--out", str(out_old), "-q").returncode == 0
    git(versions, "checkout", "-q", "-")
    same = diff_json(versions, str(out_new), "HEAD")  # an export and the revision it was built from: no change
    assert same["entities"] == [] and set(same["counts"].values()) == {0}
    from_exports = diff_json(versions, str(out_old), str(out_new))
    from_git = diff_json(versions, "v1", "HEAD")
    assert from_exports["counts"] == {**from_git["counts"], "entities renamed": 0, "entities added": 2,
                                      "entities removed": 2, "entities changed": 3,
                                      "statements added": 3, "statements removed": 4, "statements changed": 2}
    # without renamed.yaml (exports do not carry it) the rename is a removal and an addition; all else is the same
    same = {k: v for k, v in by_id(from_git).items() if k not in ("ovidio-guzman", "extra-person", "juan-perez")}
    exported = by_id(from_exports)
    for entity_id, entity in same.items():
        assert [(s["change"], s["what"], s["summary"]) for s in exported[entity_id]["statements"]] == \
               [(s["change"], s["what"], s["summary"]) for s in entity["statements"]], entity_id


def test_unknown_versions_are_refused(versions: Path):
    done = run_kg("diff", "no-such-tag", "HEAD", "--graph", str(versions / "graph"))
    assert done.returncode == 1
    assert "kg diff: `no-such-tag` is neither a folder nor a revision" in done.stderr
    done = run_kg("diff", "--graph", str(versions / "graph"), "--", "--output=x", "HEAD")  # never a git option
    assert done.returncode == 1 and "`--output=x` is neither a folder nor a revision" in done.stderr


def test_a_commit_of_this_repository():
    """fb0a530 recorded Shirk's account of Ayotzinapa (an attack) beside the Cienfuegos post's (a disappearance)."""
    if subprocess.run(["git", "-C", str(REPO), "cat-file", "-e", "fb0a530^{commit}"]).returncode != 0:
        pytest.skip("this clone lacks the commit (shallow)")
    record = diff_json(REPO, "fb0a530~1", "fb0a530")
    assert [e["id"] for e in record["entities"]] == ["ayotzinapa-2014"]
    changes = {(s["change"], s["summary"]) for s in record["entities"][0]["statements"]}
    assert changes == {("added", "event type: Attack"),
                       ("changed", "event type: Abduction/forced disappearance [citations changed]")}
    [added] = [s for s in record["entities"][0]["statements"] if s["change"] == "added"]
    assert [c["text"] for c in added["new"]["citations"]] == [
        "AMLO, Violent Crime, and Public Security in Mexico, § From Illusion to Reality: López Obrador’s Security "
        "Approach, ¶ 6"]


def test_the_real_graph_and_its_own_export_do_not_differ(tmp_path: Path):
    """Read from YAML or from N-Triples, the same graph gives the same statements: texts, language tags, aliases
    (a set in RDF, a list in YAML) and number types compare equal."""
    out = tmp_path / "exports"
    assert run_kg("build", "--out", str(out), "-q", "--no-shapes", cwd=REPO).returncode == 0
    done = run_kg("diff", str(out), "graph", "--format", "json", cwd=REPO)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["entities"] == [] and set(record["counts"].values()) == {0}
