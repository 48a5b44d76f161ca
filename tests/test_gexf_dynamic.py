"""The GEXF export is a dynamic graph (GEXF 1.3): spells for nodes and edges from the statements' dates, precision
turned into an interval, read back by NetworkX with the time attributes intact; and the spells themselves."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest

from conftest import run_kg
from kg.core.terms import statement_iri
from kg.outputs.spells import Spell, spells

GEXF = "{http://gexf.net/1.3}"

OFFICE = """
- id: mayor-of-culiacan
  type: Post
  label: Mayor of Culiacán
  cite: curator
- id: mayor-a
  type: Person
  label: Mayor A
  cite: curator
  statements:
    - heldPosition: mayor-of-culiacan
      start: 2010-01-01
      cite: curator
- id: mayor-b
  type: Person
  label: Mayor B
  cite: curator
  statements:
    - heldPosition: mayor-of-culiacan
      start: 2015-06-01
      cite: curator
- id: old-police
  type: GovernmentAgency
  label: Old Police
  cite: curator
  subOrganizationOf: new-police
- id: new-police
  type: GovernmentAgency
  label: New Police
  cite: curator
  statements:
    - replaces: old-police
      start: 2018
      cite: curator
"""


@pytest.fixture
def dated(mini_graph: Path) -> Path:
    with (mini_graph / "things.yaml").open("a", encoding="utf-8") as f:
        f.write(OFFICE)
    return mini_graph


def test_gexf_round_trips_through_networkx_with_its_spells(dated: Path, tmp_path: Path):
    target = tmp_path / "dynamic.gexf"
    done = run_kg("export", "--format", "gexf", "-o", str(target), "--graph", str(dated))
    assert done.returncode == 0, done.stderr
    root = ElementTree.parse(target).getroot()
    assert root.get("version") == "1.3"
    graph_element = root.find(f"{GEXF}graph")
    assert graph_element.get("mode") == "dynamic" and graph_element.get("timeformat") == "date"

    back = nx.read_gexf(target)
    assert back.graph["mode"] == "dynamic"
    for _, data in [*back.nodes(data=True), *((None, d) for *_, d in back.edges(data=True))]:
        if "spells" in data:  # NetworkX 3.6 reads a bound the file leaves open (GEXF: unbounded) as the text "None"
            data["spells"] = [tuple(None if t == "None" else t for t in spell) for spell in data["spells"]]
    # an event on a day exists that day; a relation of the event with no time of its own takes the event's date
    assert back.nodes["battle"]["spells"] == [("2019-10-17", "2019-10-17")]
    edges = {(u, v, d["predicate"]): d for u, v, d in back.edges(data=True)}
    assert edges["battle", "sinaloa-cartel", "participant"]["spells"] == [("2019-10-17", "2019-10-17")]
    # `start: 2019`: from the first day the year allows, still in force (no end); the year uncertain
    member = edges["ovidio", "sinaloa-cartel", "memberOf"]
    assert member["spells"] == [("2019-01-01", None)] and member["uncertain_years"] == "2019"
    assert member["start_date"] == "2019"  # the qualifier as written, beside the spell
    # replaced: the next holder of the office ends the open one the day before; `replaces` ends the replaced one
    assert edges["mayor-a", "mayor-of-culiacan", "heldPosition"]["spells"] == [("2010-01-01", "2015-05-31")]
    assert edges["mayor-b", "mayor-of-culiacan", "heldPosition"]["spells"] == [("2015-06-01", None)]
    assert edges["old-police", "new-police", "subOrganizationOf"]["spells"] == [(None, "2018-12-31")]
    assert back.nodes["old-police"]["spells"] == [(None, "2018-12-31")]
    assert "spells" not in back.nodes["sinaloa-cartel"]  # undated: always there

    again = run_kg("export", "--format", "gexf", "-o", "-", "--graph", str(dated))
    assert again.stdout.encode("utf-8") == target.read_bytes()


def test_spells_on_the_real_graph(real_build):
    entities, relations = spells(real_build.model, real_build.vocab)
    held = {}
    for st in real_build.model.statements():
        if st.predicate == "heldPosition" and st.value.text == "president-of-mexico":
            held[st.subject] = relations[statement_iri(st)]
    assert held["amlo"] == Spell("2018-12-01", "2024-09-30")
    assert held["enrique-pena-nieto"] == Spell("2012-12-01", "2018-11-30")
    assert held["amlo"].in_year(2018) == "certain" and held["enrique-pena-nieto"].in_year(2019) is None
    assert entities["ovidio-capture-2019"] == Spell("2019-10-17", "2019-10-17")
    # `at: 2002`, known only to the year: in force in 2002, uncertain within it
    [at_2002] = [relations[statement_iri(st)] for st in real_build.model.statements()
                 if st.subject == "amlo" and "at" in st.qualifiers and st.qualifiers["at"].text == "2002"]
    assert at_2002.in_year(2002) == "uncertain" and at_2002.in_year(2003) is None
