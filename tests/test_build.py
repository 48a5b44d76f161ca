"""`kg build` on a small graph: what the compiler writes, byte-identical across runs, parsed back by two parsers."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from conftest import FIXTURES, run_kg
from kg.core.namespaces import KG, KGC, MX, PROV
from kg.core.writing import write_all_or_nothing
from kg.pipeline import check_graph

MINI = FIXTURES / "mini"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    result = run_kg("build", "--graph", str(MINI), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out, result


def test_build_prints_a_summary(built):
    _, result = built
    assert "8 entities (" in result.stderr
    assert "1 Incident" in result.stderr and "1 Person" in result.stderr
    assert "100% cited" in result.stderr
    assert "triples" in result.stderr


def test_exports_identical_across_hash_seeds(built, tmp_path):
    out, _ = built
    for seed in ("0", "12345"):
        other = tmp_path / seed
        result = run_kg("build", "-q", "--graph", str(MINI), "--out", str(other), env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        for name in ("mxsec.ttl", "mxsec.nt", "mxsec.jsonld"):
            assert (other / name).read_bytes() == (out / name).read_bytes(), name


def test_turtle_parses_back_isomorphic_with_rdflib_and_oxigraph(built):
    out, _ = built
    from_nt = rdflib.Graph().parse(out / "mxsec.nt", format="nt")
    from_ttl = rdflib.Graph().parse(out / "mxsec.ttl", format="turtle")
    assert len(from_nt) > 1000
    assert isomorphic(from_nt, from_ttl)
    ox_triples = {str(t) for t in ox.parse(path=str(out / "mxsec.ttl"), format=ox.RdfFormat.TURTLE)}
    nt_triples = {str(t) for t in ox.parse(path=str(out / "mxsec.nt"), format=ox.RdfFormat.N_TRIPLES)}
    assert ox_triples == nt_triples and len(ox_triples) == len(from_nt)


def test_jsonld_parses_back_isomorphic(built):
    out, _ = built
    document = json.loads((out / "mxsec.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["mx"] == MX
    from_jsonld = rdflib.Graph().parse(out / "mxsec.jsonld", format="json-ld")
    assert isomorphic(from_jsonld, rdflib.Graph().parse(out / "mxsec.nt", format="nt"))


def test_no_blank_nodes(built):
    out, _ = built
    assert "_:" not in (out / "mxsec.nt").read_text(encoding="utf-8")


def test_turtle_groups_each_subject_once_in_iri_order(built):
    out, _ = built
    text = (out / "mxsec.ttl").read_text(encoding="utf-8")
    subjects = [
        line.split(" ", 1)[0]
        for line in text.splitlines()
        if line and not line[0].isspace() and not line.startswith("@")
    ]
    assert len(subjects) == len(set(subjects))
    assert "mx:battle a kg:Incident ;" in text


@pytest.fixture(scope="module")
def mini_rdflib():
    result = check_graph(MINI)
    assert result.ok
    return result.rdflib_graph


def q(mini_rdflib, text):
    from kg.core.namespaces import sparql_prologue

    return list(mini_rdflib.query(sparql_prologue() + text))


def test_direct_triple_and_statement_node_with_qualifiers_and_citations(mini_rdflib):
    rows = q(
        mini_rdflib,
        """
        SELECT ?start ?section ?para ?source WHERE {
          mx:ovidio kg:memberOf mx:sinaloa-cartel .
          ?st a kg:Statement ; rdf:subject mx:ovidio ; rdf:predicate kg:memberOf ; rdf:object mx:sinaloa-cartel ;
              kg:start ?start ; prov:wasDerivedFrom ?cit .
          ?cit kg:source ?source . OPTIONAL { ?cit kg:section ?section ; kg:paragraph ?para }
        } ORDER BY ?source""",
    )
    assert [(str(r.start), r.start.datatype.endswith("gYear"), str(r.source).rsplit("/", 1)[1]) for r in rows] == [
        ("2019", True, "article-a"),
        ("2019", True, "curator"),
    ]
    assert (str(rows[0].section), int(rows[0].para)) == ("Body", 2)


def test_participant_role_and_toll(mini_rdflib):
    rows = q(
        mini_rdflib,
        """
        SELECT ?role ?killed WHERE {
          ?st rdf:subject mx:battle ; rdf:predicate kg:participant ; rdf:object mx:sinaloa-cartel ; kg:role ?role .
          mx:battle kg:killed ?killed }""",
    )
    assert [(str(r.role), int(r.killed)) for r in rows] == [(KGC + "perpetrator", 13)]


def test_source_error_is_recorded_not_asserted(mini_rdflib):
    assert (rdflib.URIRef(MX + "culiacan"), rdflib.URIRef(KG + "nameInSource"), rdflib.Literal("Culicán")) not in mini_rdflib
    rows = q(
        mini_rdflib,
        """
        SELECT ?said ?fixed ?note WHERE {
          ?st rdf:subject mx:culiacan ; rdf:predicate kg:nameInSource ; rdf:object ?said ;
              kg:assessment kgc:source-error ; kg:curatorNote ?note ; kg:correctedBy ?fix .
          ?fix kg:assessment kgc:correction ; rdf:object ?fixed ; prov:wasDerivedFrom/kg:source mx:curator .
          mx:culiacan kg:nameInSource ?fixed }""",
    )
    assert [(str(r.said), str(r.fixed)) for r in rows] == [("Culicán", "Culiacán")]
    assert "misspells" in str(rows[0].note)


def test_labels_are_language_tagged_and_entities_cite_sources(mini_rdflib):
    labels = {(lit.language, str(lit)) for lit in mini_rdflib.objects(rdflib.URIRef(MX + "mexico"), rdflib.RDFS.label)}
    assert labels == {("en", "Mexico"), ("es", "México")}
    for entity in mini_rdflib.subjects(rdflib.RDF.type, rdflib.URIRef(KG + "Person")):
        assert (entity, rdflib.URIRef(PROV + "wasDerivedFrom"), None) in mini_rdflib
    assert (
        rdflib.URIRef(MX + "mexico"),
        rdflib.OWL.sameAs,
        rdflib.URIRef("http://www.wikidata.org/entity/Q96"),
    ) in mini_rdflib
    assert (rdflib.URIRef(KG + "Person"), rdflib.RDFS.subClassOf, rdflib.URIRef(KG + "Agent")) in mini_rdflib


def test_write_all_or_nothing_removes_staged_files_on_failure(tmp_path):
    good = tmp_path / "a.ttl"
    good.write_text("old\n")
    blocker = tmp_path / "b.nt"
    blocker.mkdir()  # a directory where a file must go: the rename of b cannot happen, so nothing may change
    (blocker / "x").write_text("")
    with pytest.raises(OSError):
        write_all_or_nothing([(good, b"new\n"), (tmp_path / "sub" / "c.jsonld", b"{}"), (blocker, b"nt\n")])
    assert good.read_text() == "old\n"
    assert not (tmp_path / "sub" / "c.jsonld").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
