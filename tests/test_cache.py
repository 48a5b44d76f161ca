"""The compiled-graph cache (issue 15): later commands reuse the first one's build, and nothing stale or damaged is
ever used. Each test works on its own copy of a small graph, so it owns that copy's `.kg-cache/`."""

from __future__ import annotations

import pytest

from conftest import run_kg
from kg.cache.entry import CACHE_DIR_NAME, PARTS_DIR, PAYLOAD_FILE
from kg.pipeline import check_graph


def entries(mini_graph):
    root = mini_graph.parent / CACHE_DIR_NAME
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def test_the_second_check_comes_from_the_cache_with_the_same_answer(mini_graph):
    first = check_graph(mini_graph)
    second = check_graph(mini_graph)
    assert not first.cached and second.cached
    assert second.compiled.lines == first.compiled.lines
    assert second.compiled.positions == first.compiled.positions
    assert second.model.entities.keys() == first.model.entities.keys()
    assert [str(p) for p in second.problems.sorted()] == [str(p) for p in first.problems.sorted()]
    assert second.vocab.classes == first.vocab.classes
    assert len(second.vocab.graph) == len(first.vocab.graph), "the vocabulary's rdflib graph is read when asked for"


def test_a_changed_added_or_removed_file_is_never_answered_from_the_cache(mini_graph):
    check_graph(mini_graph)
    things = mini_graph / "things.yaml"
    things.write_text(things.read_text(encoding="utf-8").replace("13", "14"), encoding="utf-8")
    changed = check_graph(mini_graph)
    assert not changed.cached and any('"14"' in line for line in changed.compiled.lines)
    (mini_graph / "extra.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert not check_graph(mini_graph).cached
    (mini_graph / "extra.yaml").unlink()
    assert check_graph(mini_graph).cached, "back to a state seen before: its entry is still there"


def test_warnings_and_errors_are_printed_from_a_warm_cache_too(mini_graph):
    things = mini_graph / "things.yaml"
    things.write_text(things.read_text(encoding="utf-8").replace("type: Incident", "type: Incidnet", 1),
                      encoding="utf-8")
    cold = run_kg("validate", "--graph", str(mini_graph))
    warm = run_kg("validate", "--graph", str(mini_graph))
    assert cold.returncode == warm.returncode == 1
    assert "Incidnet" in cold.stderr
    assert warm.stderr == cold.stderr
    assert check_graph(mini_graph).cached


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_a_damaged_entry_is_rebuilt_not_trusted(mini_graph, damage):
    fresh = check_graph(mini_graph)
    (entry,) = entries(mini_graph)
    payload = entry / PAYLOAD_FILE
    data = payload.read_bytes()
    if damage == "truncate":
        payload.write_bytes(data[: len(data) // 2])
    elif damage == "flip":
        payload.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    else:
        payload.write_bytes(b"not a cache at all")
    again = check_graph(mini_graph)
    assert not again.cached
    assert again.compiled.lines == fresh.compiled.lines
    assert check_graph(mini_graph).cached, "the rebuilt entry is stored again"


@pytest.mark.parametrize("kind", ["read", "comp"])
def test_a_damaged_part_read_late_is_remade_not_trusted(mini_graph, kind):
    """Each file's read and compiled triples are read from the cache only when a command first uses them (to put the
    model or the compiled graph together): damage found then makes that file's part again, with the same answer."""
    fresh = check_graph(mini_graph)
    lines, ids = list(fresh.compiled.lines), sorted(fresh.model.entities)
    (entry,) = entries(mini_graph)
    parts = sorted((entry / PARTS_DIR).glob(f"{kind}-*.pickle"))
    assert parts
    for part in parts:
        data = part.read_bytes()
        part.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    again = check_graph(mini_graph)
    assert again.cached, "the head of the entry is whole"
    assert again.compiled.lines == lines and sorted(again.model.entities) == ids
    stored = check_graph(mini_graph)
    assert stored.cached and stored.compiled.lines == lines, "the part is stored again, whole"


def test_a_query_reads_neither_the_model_nor_the_compiled_graph_from_a_warm_cache(mini_graph):
    check_graph(mini_graph).oxigraph_store()  # the store is made once
    warm = check_graph(mini_graph)
    assert warm.cached and warm.ok
    assert warm.oxigraph_store().query("ASK { ?s ?p ?o }")
    assert warm._model is None and warm._compiled is None, "opening the kept store needed neither"


def test_queries_use_a_store_kept_in_the_cache(mini_graph):
    first = run_kg("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--graph", str(mini_graph), "--format", "csv")
    (entry,) = entries(mini_graph)
    assert (entry / "oxigraph").is_dir()
    second = run_kg("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--graph", str(mini_graph), "--format",
                    "csv")
    rdflib = run_kg("query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--graph", str(mini_graph), "--format",
                    "csv", "--engine", "rdflib")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout == rdflib.stdout
    assert int(first.stdout.split()[1]) == len(check_graph(mini_graph).compiled)


def test_the_cache_can_be_turned_off(mini_graph, monkeypatch):
    monkeypatch.setenv("KG_CACHE", "off")
    assert not check_graph(mini_graph).cached
    assert not check_graph(mini_graph).cached
    assert entries(mini_graph) == []


def test_an_unwritable_cache_only_costs_speed(mini_graph, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("KG_CACHE", str(blocker))
    result = check_graph(mini_graph)
    assert result.ok and not result.cached
    assert len(result.oxigraph_store()) == len(result.compiled)


def test_old_entries_are_pruned(mini_graph):
    things = mini_graph / "things.yaml"
    text = things.read_text(encoding="utf-8")
    for n in range(6):
        things.write_text(text + f"# edit {n}\n", encoding="utf-8")
        check_graph(mini_graph, shapes=False)
    assert len(entries(mini_graph)) <= 3
