"""The articles' checkable facts (tests/content_checklist.yaml), each proven structured in the built graph by its
SPARQL ASK or marked prose-only with a reason: the share structured must be at least 90 %.

    .venv/bin/python tests/test_content_checklist.py [GRAPH_DIR]

prints the share and every fact not structured (a graph other than graph/, e.g. an older one, may be given)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from kg.core.namespaces import PREFIXES as NAMESPACES

HERE = Path(__file__).resolve().parent
CHECKLIST = HERE / "content_checklist.yaml"
GRAPH_DIR = HERE.parent / "graph"
TARGET = 90.0
PREFIXES = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in NAMESPACES.items())
WHERE = re.compile(r"^(?P<source>[a-z0-9-]+) §(?P<section>[a-z0-9-]+) ¶(?P<paragraph>\d+)$")


def load_checklist() -> list[dict]:
    return yaml.safe_load(CHECKLIST.read_text(encoding="utf-8"))


def structured(graph_dir: Path = GRAPH_DIR) -> tuple[list[dict], list[dict], list[dict]]:
    """(structured, not structured though an ASK is given, prose-only) facts of the checklist on the graph built
    from `graph_dir`."""
    from kg.pipeline import check_graph
    from kg.query.engines import local_engine

    result = check_graph(graph_dir)
    assert result.ok, "\n".join(str(p) for p in result.problems.errors[:10])
    store = local_engine("oxigraph", result.compiled).store
    yes, no, prose = [], [], []
    for item in load_checklist():
        if "prose" in item:
            prose.append(item)
        elif bool(store.query(PREFIXES + "ASK {\n" + item["ask"] + "\n}")):
            yes.append(item)
        else:
            no.append(item)
    return yes, no, prose


@pytest.fixture(scope="module")
def outcome():
    return structured()


def test_every_fact_names_its_paragraph_and_has_an_ask_or_a_reason(real_build):
    seen = set()
    for item in load_checklist():
        assert item["id"] not in seen, item["id"]
        seen.add(item["id"])
        assert item["fact"] and ("ask" in item) != ("prose" in item), item["id"]
        match = WHERE.match(item["where"])
        assert match, item["id"]
        source = real_build.model.entities[match["source"]]
        assert match["section"] in source.sections, item["id"]
        assert 1 <= int(match["paragraph"]) <= source.sections[match["section"]].paragraphs, item["id"]
        if "prose" in item:
            assert len(item["prose"].split()) >= 6, f"{item['id']}: say why it stays prose"


def test_every_paragraph_with_facts_of_both_articles_is_covered():
    """The checklist walks every body paragraph of the articles that states a checkable fact (not the page chrome)."""
    wheres = {item["where"] for item in load_checklist()}
    for expected in ("shirk-2019 §illusion ¶6", "jim-two-years §legal ¶2", "jim-cienfuegos §cooperation ¶1",
                     "jim-cienfuegos §sources ¶16", "jim-two-years §sources ¶14"):  # fmt: skip
        assert expected in wheres
    assert len(load_checklist()) >= 150


def test_at_least_90_percent_of_the_checkable_facts_are_structured(outcome):
    yes, no, prose = outcome
    total = len(yes) + len(no) + len(prose)
    share = 100.0 * len(yes) / total
    detail = "\n".join(f"  not structured: {i['id']} ({i['where']}): {i['fact']}" for i in no)
    assert share >= TARGET, f"{share:.1f} % structured ({len(yes)} of {total}); {len(prose)} prose-only\n{detail}"


def test_every_fact_with_an_ask_is_structured(outcome):
    """An ASK that fails is a fact the graph lost (or a wrong ASK): either way, a regression to look at."""
    _, no, _ = outcome
    assert not no, "\n".join(f"{i['id']} ({i['where']}): {i['fact']}" for i in no)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent / "src"))
    yes, no, prose = structured(Path(sys.argv[1]) if len(sys.argv) > 1 else GRAPH_DIR)
    total = len(yes) + len(no) + len(prose)
    print(f"{100.0 * len(yes) / total:.1f} % structured: {len(yes)} of {total} facts; {len(no)} not structured, "
          f"{len(prose)} prose-only")
    for item in no:
        print(f"  not structured: {item['id']} ({item['where']}): {item['fact']}")
    for item in prose:
        print(f"  prose-only: {item['id']} ({item['where']}): {item['prose']}")
