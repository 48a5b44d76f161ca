"""The build cache against a hostile or careless folder (issue 27): it deletes nothing kg did not make, reads nothing
that could run code, never answers for another graph, and heals from any damage. Each test owns its graph copy and its
cache root, and a secret of its own (XDG_CONFIG_HOME in a temporary folder)."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil

import pytest

from conftest import FIXTURES, run_kg
from kg.cache import entry as cache_entry
from kg.cache import signing
from kg.cache.entry import MARKER_FILE, PAYLOAD_FILE, CacheEntry
from kg.cache.kept_store import STORE_DIR
from kg.core.namespaces import MX, RDFS
from kg.pipeline import ONTOLOGY_DIR, check_graph

EXTRA = """
- id: only-in-the-other-graph
  type: CriminalOrganization
  label: {en: Only in the other graph, es: Solo en el otro grafo}
  cite: article-a §body ¶1
"""


@pytest.fixture(autouse=True)
def own_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    signing._warned.clear()
    cache_entry._warned.clear()


def copy_mini(where, extra: str = ""):
    where.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(FIXTURES / "mini", where)
    if extra:
        (where / "extra.yaml").write_text(extra, encoding="utf-8")
    return where


def tree(folder):
    """Every file under `folder` (but the graph kg is run on) with its bytes' hash: what a user would lose."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink() and "graph" not in p.relative_to(folder).parts}


def others_things(folder):
    for name in ("thesis", "photos", "other-app-cache", "src", "notes"):
        (folder / name).mkdir(parents=True)
        (folder / name / "keep.txt").write_text(f"{name}: not kg's\n", encoding="utf-8")
        os.utime(folder / name, (1, 1))  # older than anything kg makes: first in line if pruning took them


def edit_and_check(graph, times=6):
    things = graph / "things.yaml"
    text = things.read_text(encoding="utf-8")
    for n in range(times):
        things.write_text(text + f"# edit {n}\n", encoding="utf-8")
        assert check_graph(graph, shapes=False).ok


def entry_of(graph) -> CacheEntry:
    entry = CacheEntry.for_graph(graph, ONTOLOGY_DIR, str(graph))
    assert entry is not None
    return entry


def test_kg_cache_gets_its_own_folder_and_pruning_spares_everything_else(tmp_path, monkeypatch):
    shared = tmp_path / "v"
    others_things(shared)
    before = tree(shared)
    monkeypatch.setenv("KG_CACHE", str(shared))
    graph = copy_mini(tmp_path / "project" / "graph")
    edit_and_check(graph)
    assert {k: v for k, v in tree(shared).items() if not k.startswith("kg-cache/")} == before
    entries = [p for p in (shared / "kg-cache").iterdir() if p.is_dir()]
    assert 1 <= len(entries) <= 3, "kg's own entries are still pruned"
    assert (shared / "kg-cache" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_unmarked_folders_in_the_cache_root_are_never_deleted(tmp_path):
    graph = copy_mini(tmp_path / "project" / "graph")
    root = tmp_path / "project" / ".kg-cache"
    others_things(root)
    before = tree(root)
    edit_and_check(graph)
    after = tree(root)
    assert all(after.get(name) == digest for name, digest in before.items())


@pytest.mark.parametrize("target", ["..", "elsewhere"])
def test_a_cache_folder_that_is_a_symbolic_link_is_not_used(tmp_path, target):
    project = tmp_path / "project"
    graph = copy_mini(project / "graph")
    others_things(project)
    (tmp_path / "elsewhere").mkdir()
    others_things(tmp_path / "elsewhere")
    (project / ".kg-cache").symlink_to(target if target == ".." else tmp_path / "elsewhere")
    before_project, before_elsewhere = tree(project), tree(tmp_path / "elsewhere")
    edit_and_check(graph)
    assert not check_graph(graph).cached
    after_project = tree(project)
    assert all(after_project.get(k) == v for k, v in before_project.items())
    assert tree(tmp_path / "elsewhere") == before_elsewhere
    result = run_kg("validate", "--graph", str(graph), env={"XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"]})
    assert result.returncode == 0
    assert "is a symbolic link: not used" in result.stderr


def test_a_link_at_an_entrys_own_name_is_left_alone(tmp_path):
    graph = copy_mini(tmp_path / "project" / "graph")
    victim = tmp_path / "thesis"
    others_things(victim)
    before = tree(victim)
    entry = entry_of(graph)
    entry.root.mkdir(parents=True, exist_ok=True)
    (entry.root / entry.key).symlink_to(victim, target_is_directory=True)
    first, second = check_graph(graph), check_graph(graph)
    assert first.ok and second.ok and not second.cached
    assert tree(victim) == before
    assert second.oxigraph_store().query("ASK { ?s ?p ?o }")
    assert tree(victim) == before, "no store was made in the linked folder"


class RunsCode:
    """What an attacker would pickle: unpickling it creates a file."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (open, (self.path, "w"))


@pytest.mark.parametrize("how", ["old-digest", "another-secret", "no-signature"])
def test_a_crafted_payload_is_never_unpickled(tmp_path, how):
    graph = copy_mini(tmp_path / "project" / "graph")
    fresh = check_graph(graph)
    entry = entry_of(graph)
    ran = tmp_path / "payload-ran"
    body = pickle.dumps(RunsCode(ran))
    if how == "old-digest":  # the previous release's format: a digest anyone can recompute
        data = hashlib.blake2b(body, digest_size=32).digest() + body
    elif how == "another-secret":
        data = signing.Signer(os.urandom(32), entry.key).signed(PAYLOAD_FILE, body)
    else:
        data = body
    for name in (PAYLOAD_FILE, "model.pickle", "compiled.pickle", "shapes.pickle"):
        (entry.path / name).write_bytes(data)
    again = check_graph(graph)
    assert not ran.exists(), "the crafted pickle ran"
    assert again.ok and not again.cached
    assert again.compiled.lines == fresh.compiled.lines
    warm = run_kg("query", "-e", "ASK { ?s ?p ?o }", "--graph", str(graph),
                  env={"XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"]})
    assert warm.returncode == 0 and not ran.exists()


def both_graphs(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE", str(tmp_path / "cache"))
    mine = copy_mini(tmp_path / "mine" / "graph")
    other = copy_mini(tmp_path / "other" / "graph", EXTRA)
    check_graph(mine).oxigraph_store()
    check_graph(other).oxigraph_store()
    return mine, other, entry_of(mine), entry_of(other)


ONLY_OTHER = "ASK { <https://w3id.org/mxsec/id/only-in-the-other-graph> ?p ?o }"


def test_another_graphs_entry_copied_under_this_key_is_not_served(tmp_path, monkeypatch):
    mine, other, my_entry, other_entry = both_graphs(tmp_path, monkeypatch)
    shutil.rmtree(my_entry.path)
    shutil.copytree(other_entry.path, my_entry.path)
    result = check_graph(mine)
    assert "only-in-the-other-graph" not in result.model.entities
    assert not result.oxigraph_store().query(ONLY_OTHER)


def test_another_graphs_store_copied_into_this_entry_is_not_served(tmp_path, monkeypatch):
    mine, other, my_entry, other_entry = both_graphs(tmp_path, monkeypatch)
    assert check_graph(other).oxigraph_store().query(ONLY_OTHER)
    shutil.rmtree(my_entry.path / STORE_DIR)
    shutil.copytree(other_entry.path / STORE_DIR, my_entry.path / STORE_DIR)
    warm = check_graph(mine)
    assert warm.cached
    store = warm.oxigraph_store()
    assert not store.query(ONLY_OTHER)
    assert len(store) == len(check_graph(mine).compiled)


def damage_tables(store_dir):
    for table in store_dir.glob("*.sst"):
        data = bytearray(table.read_bytes())
        data[-16:] = b"\0" * 16  # the footer's magic number
        table.write_bytes(bytes(data))


def test_a_damaged_store_is_made_again(tmp_path):
    graph = copy_mini(tmp_path / "project" / "graph")
    expected = len(check_graph(graph).compiled)
    check_graph(graph).oxigraph_store()
    damage_tables(entry_of(graph).path / STORE_DIR)
    result = run_kg("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--graph", str(graph), "--format",
                    "csv", env={"XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"]})
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[1]) == expected


def test_a_store_rocksdb_refuses_is_made_again_even_with_a_good_manifest(tmp_path, monkeypatch):
    """RocksDB's own damage report (RuntimeError "Bad table magic number") makes the store again, never an error."""
    from kg.cache import kept_store

    graph = copy_mini(tmp_path / "project" / "graph")
    expected = len(check_graph(graph).compiled)
    check_graph(graph).oxigraph_store()
    damage_tables(entry_of(graph).path / STORE_DIR)
    monkeypatch.setattr(kept_store, "_verified", lambda signer, folder: True)
    store = check_graph(graph).oxigraph_store()
    assert len(store) == expected


def test_a_secret_others_can_read_turns_the_cache_off(tmp_path):
    graph = copy_mini(tmp_path / "project" / "graph")
    check_graph(graph)
    secret = signing.secret_path()
    assert secret is not None and secret.stat().st_mode & 0o777 == 0o600
    secret.chmod(0o644)
    signing._warned.clear()
    assert not check_graph(graph).cached
    result = run_kg("validate", "--graph", str(graph), env={"XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"]})
    assert result.returncode == 0 and "chmod 600" in result.stderr


def test_a_secret_inside_the_project_folder_is_not_used(tmp_path, monkeypatch):
    graph = copy_mini(tmp_path / "project" / "graph")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "project" / ".config"))
    check_graph(graph)
    assert not check_graph(graph).cached
    assert not (tmp_path / "project" / ".config" / "kg" / "cache-secret").exists()


def test_every_entry_carries_the_marker(tmp_path):
    graph = copy_mini(tmp_path / "project" / "graph")
    check_graph(graph)
    entry = entry_of(graph)
    assert (entry.path / MARKER_FILE).is_file() and entry.is_ours()


# ---------------------------------------------------------------------------------------------- per-file parts
@pytest.mark.parametrize("how", ["another-secret", "no-signature", "another-key"])
def test_a_crafted_part_is_never_unpickled(tmp_path, how):
    """The incremental build's per-file parts are signed for their own key: a part written by someone else, or moved
    under another part's name, is made again from the file, never read."""
    graph = copy_mini(tmp_path / "project" / "graph")
    fresh = check_graph(graph)
    entry = entry_of(graph)
    ran = tmp_path / "part-ran"
    body = b"p" + pickle.dumps(RunsCode(ran))
    parts = sorted((entry.path / "parts").glob("*.pickle"))
    assert parts
    for part in parts:
        kind, _, key = part.stem.partition("-")
        if how == "another-secret":
            data = signing.Signer(os.urandom(32), "part:" + key).signed(part.name, body)
        elif how == "no-signature":
            data = body
        else:  # a real signature, for another part's key
            data = entry.signer.for_scope("part:" + "0" * 40).signed(part.name, body)
        part.write_bytes(data)
    (entry.path / PAYLOAD_FILE).unlink()  # the next command reads the parts
    again = check_graph(graph)
    assert not ran.exists(), "the crafted part ran"
    assert again.ok and again.compiled.lines == fresh.compiled.lines
    assert sorted(again.model.entities) == sorted(fresh.model.entities)


def test_an_edit_makes_a_new_store_without_touching_the_old_one(tmp_path):
    """After an edit the store is made from the previous entry's (tables linked, not copied): the previous store's
    files stay byte for byte what they were, and the new store holds the new graph."""
    graph = copy_mini(tmp_path / "project" / "graph")
    check_graph(graph).oxigraph_store()
    old = entry_of(graph).path / STORE_DIR
    before = tree(old)
    things = graph / "things.yaml"
    things.write_text(things.read_text(encoding="utf-8").replace("label: Sinaloa", "label: Sinaloa State"),
                      encoding="utf-8")
    result = check_graph(graph)
    store = result.oxigraph_store()
    assert tree(old) == before, "the previous store was not written to"
    label = 'ASK {{ mx:sinaloa rdfs:label ?l FILTER(STR(?l) = "{}") }}'
    assert store.query(label.format("Sinaloa State"), prefixes={"mx": MX, "rdfs": RDFS})
    assert not store.query(label.format("Sinaloa"), prefixes={"mx": MX, "rdfs": RDFS})
    assert len(store) == len(result.compiled)
    new = entry_of(graph).path / STORE_DIR
    shared = {p.stat().st_ino for p in old.glob("*.sst")} & {p.stat().st_ino for p in new.glob("*.sst")}
    assert shared, "the new store shares the old one's tables (hard links), it was not loaded again"


def test_a_tampered_earlier_store_is_not_the_base_of_a_new_one(tmp_path):
    """A store whose files no longer match its signed manifest is never linked into a new entry's store."""
    graph = copy_mini(tmp_path / "project" / "graph", EXTRA)
    check_graph(graph).oxigraph_store()
    damage_tables(entry_of(graph).path / STORE_DIR)
    (graph / "extra.yaml").unlink()
    result = check_graph(graph)
    store = result.oxigraph_store()
    assert not store.query(ONLY_OTHER)
    assert len(store) == len(result.compiled)
