"""The JSON-LD export, written in one pass by kg.outputs.jsonld_fast, holds exactly the graph's triples as an
independent JSON-LD processor (pyld) reads them, and is laid out as `json.dumps(indent=1)` lays out its own document;
the Turtle is Oxigraph's serialiser's with the project's prefix lines. Checked on lines meant to reach every path:
escapes, blank nodes, unusual local names and characters, numbers, language tags, datatypes, a subject spelled two
ways, literals as rdf:type values, and random lines.

One thing JSON-LD cannot say is left out of the JSON-LD check: an absolute IRI whose scheme is one of the context's
prefixes (`<kg:p>`), which any processor reads as the compact IRI `kg:p`. The graph's IRIs are minted from slugs in
the project's namespaces, so none is ever written; the Turtle and N-Triples keep such a term exact."""

from __future__ import annotations

import io
import json
import random

import pyoxigraph as ox
import pytest

from kg.compile.compiler import CompiledGraph
from kg.core.namespaces import KG, MX, PREFIXES, RDF_TYPE, XSD
from kg.outputs.build_exports import write_exports
from kg.outputs.formats.jsonld import jsonld
from kg.outputs.formats.turtle import turtle
from kg.outputs.jsonld_terms import Terms


# ---------------------------------------------------------------------------------------------- the references
def oxigraph_turtle(lines: list[str]) -> bytes:
    """Turtle as the exports wrote it before: Oxigraph's serialiser, with the project's prefix lines."""
    body = io.BytesIO()
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), body, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    text = body.getvalue().split(b"\n")
    while text and text[0].startswith(b"@prefix "):
        text.pop(0)
    head = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items()).encode("utf-8") + b"\n"
    return head + b"\n".join(text)


_DOUBLE = XSD + "double"


def _comparable(term):
    """A term as compared across processors: blank nodes by nothing but being blank (checked by count), doubles by
    their value (pyld rewrites "1e5" as "1.0E5" and "NaN" as "NAN"; both are the same double)."""
    if isinstance(term, ox.BlankNode):
        return ("blank",)
    if isinstance(term, ox.Literal) and term.datatype.value == _DOUBLE:
        try:
            return ("double", repr(float(term.value)))
        except ValueError:
            return ("double", term.value)
    return (type(term).__name__, str(term))


def _triples(triples) -> tuple[set[tuple], int]:
    """The set of triples (RDF is a set: `""` and `""^^xsd:string` are one term) and how many blank nodes they use."""
    triples = list(triples)
    blanks = {t for triple in triples for t in (triple.subject, triple.object) if isinstance(t, ox.BlankNode)}
    return {(_comparable(t.subject), _comparable(t.predicate), _comparable(t.object)) for t in triples}, len(blanks)


def assert_jsonld_holds(lines: list[str], text: bytes) -> None:
    """The JSON-LD text is `json.dumps(document, indent=1)` of itself, and an independent JSON-LD processor (pyld,
    the JSON-LD 1.1 reference processor for Python) reads from it exactly the triples of the N-Triples lines."""
    from pyld import jsonld as pyld

    document = json.loads(text)
    assert text == (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    quads = pyld.to_rdf(document, {"format": "application/n-quads"})
    read = ox.parse(quads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    expected = ox.parse("".join(line + "\n" for line in lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    assert _triples(read) == _triples(expected)


def assert_same(lines: list[str]) -> None:
    compiled = CompiledGraph(lines)
    try:
        expected = oxigraph_turtle(lines)
    except SyntaxError:  # not N-Triples: the new writer refuses it too
        with pytest.raises(SyntaxError):
            turtle(compiled)
        return
    assert turtle(compiled) == expected
    assert_jsonld_holds(lines, jsonld(compiled))


# ---------------------------------------------------------------------------------------------- the cases
S, P = f"<{MX}s>", f"<{KG}p>"
XS = "http://www.w3.org/2001/XMLSchema#"
TRICKY_OBJECTS = [
    f"<{MX}a>", f"<{MX}>", f"<{MX}-a.b.>", f"<{MX}a%20b~c!$&'()*+,;=/?#@>", f"<{MX}0_é·:x>", f"<{MX}a/b>",
    f"<{KG}a#b>", f"<{MX}a#b>", f"<{KG}.a>", f"<{KG}_a>", f"<{KG}:a>", "<http://example.org/x>", "<urn:x:y>",
    f"<{MX}\\u0061b>", "_:b1", '"plain"', '"x"@en', '"x"@EN-us', '"dé"@es-MX', '"t\\tab"',
    '"a \\"quoted\\" \\\\ back\\nslash\\r"@en',
    '"raw\ttab"', '"nb\u00a0sp"', '"line\u2028sep"', '"del\x7f"', '"\\u00E9t\\u00e9"', '"\\U0001F600"', '"\\b\\f"',
    '"\\u0008"', "\"it\\'s\"", '"😀 ü"', '""', f'"12"^^<{XS}integer>', f'"+12"^^<{XS}integer>',
    f'"1.5"^^<{XS}decimal>',
    f'"1."^^<{XS}decimal>', f'".5"^^<{XS}decimal>', f'"1e5"^^<{XS}double>', f'"1.5E-3"^^<{XS}double>',
    f'"NaN"^^<{XS}double>', f'"true"^^<{XS}boolean>', f'"1"^^<{XS}boolean>', f'"x"^^<{XS}string>',
    f'"2019-05"^^<{XS}gYearMonth>', '"x"^^<http://example.org/dt>', f'"x"^^<{KG}a.b.>', f'"1 2"^^<{XS}integer>',
    f'"x\\ny"^^<{XS}string>',
]


@pytest.mark.parametrize("obj", TRICKY_OBJECTS)
def test_each_kind_of_object(obj):
    lines = sorted({f"{S} {P} {obj} .", f"{S} <{RDF_TYPE}> <{KG}Thing> .", f"{S} <{KG}q> {obj} .",
                    f"<{MX}t> {P} {obj} .", f"<{MX}t> {P} <{MX}s> ."})
    assert_same(lines)


def test_all_tricky_objects_together_and_blank_subjects():
    lines = [f"{S} {P} {o} ." for o in TRICKY_OBJECTS]
    lines += [f"_:b1 {P} {o} ." for o in TRICKY_OBJECTS[:10]]
    lines += [f"<{MX}r> <{RDF_TYPE}> {o} ." for o in TRICKY_OBJECTS]  # literals as rdf:type values too
    assert_same(sorted(set(lines)))


def test_a_subject_or_predicate_spelled_two_ways_is_one_term():
    lines = sorted({f"<{MX}\\u0061> {P} \"1\" .", f"<{MX}a> {P} \"2\" .", f"<{MX}a> <{KG}\\u0070> \"3\" .",
                    f"<{MX}a> <{KG}z> \"4\" .", f"<{MX}b> {P} \"5\" ."})
    assert_same(lines)
    # The subject's two spellings are one node, and a predicate of both is one key in it.
    assert_same(sorted({f"<{MX}\\u0061> {P} \"1\" .", f"<{MX}\\u0061> <{KG}q> \"2\" .", f"<{MX}a> {P} \"3\" ."}))


def test_two_predicates_with_one_jsonld_key():
    # "kg:p" is an absolute IRI (scheme "kg"): its short name is the same as that of KG + "p".
    lines = sorted({f"{S} <kg:p> \"1\" .", f"{S} {P} \"2\" .", f"{S} <{KG}o> \"3\" ."})
    terms = Terms(PREFIXES)
    terms.jsonld_key("kg:p")
    terms.jsonld_key(KG + "p")
    assert not terms.jsonld_exact
    compiled = CompiledGraph(lines)
    assert turtle(compiled) == oxigraph_turtle(lines)
    # JSON-LD cannot tell <kg:p> from kg:p (see the module's text): a processor reads both as the compact IRI.
    assert_jsonld_holds(sorted(line.replace("<kg:p>", P) for line in lines), jsonld(compiled))


def test_empty_graph():
    assert_same([])


@pytest.mark.parametrize("seed", [15, 16, 17])
def test_random_lines(seed):
    rng = random.Random(seed)
    # pyld takes U+00A0 and U+2028 for spaces and drops any triple whose IRI holds one (an IRI may hold both, and
    # the Turtle tests above keep them): IRIs here are drawn without them, literals with them.
    chars = "ab-._~%20é·:/#0Z"
    namespaces = [*PREFIXES.values(), "http://example.org/", "urn:x:"]

    def iri() -> str:
        return "<" + rng.choice(namespaces) + "".join(rng.choice(chars) for _ in range(rng.randint(0, 4))) + ">"

    def literal() -> str:
        text = "".join(rng.choice('ab "\\\tü\u00a0\x01') for _ in range(rng.randint(0, 5)))
        body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\x01", "\\u0001")
        return rng.choice([f'"{body}"', f'"{body}"@en', f'"{body}"@De-CH', f'"{body}"^^<{XS}string>',
                           f'"{rng.randint(-5, 5)}"^^<{XS}integer>', f'"{body}"^^{iri()}'])

    subjects = [iri() for _ in range(40)] + ["_:x", "_:y"]
    predicates = [iri() for _ in range(8)] + [f"<{RDF_TYPE}>"]
    lines = set()
    for _ in range(3000):
        line = f"{rng.choice(subjects)} {rng.choice(predicates)} {rng.choice([iri(), literal(), '_:z'])} ."
        try:
            ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES).__next__()
        except (SyntaxError, ValueError):
            continue
        lines.add(line)
    assert len(lines) > 1000
    assert_same(sorted(lines))


def test_write_exports_writes_the_same_files_as_each_format_alone(tmp_path):
    lines = {f"{S} {P} {o} ." for o in TRICKY_OBJECTS if o != f"<{KG}a#b>"}  # (that one is not a valid IRI)
    lines = sorted(lines | {f"<{MX}t> <{RDF_TYPE}> <{KG}T> ."})
    compiled = CompiledGraph(lines)
    write_exports(compiled, tmp_path)
    assert (tmp_path / "mxsec.ttl").read_bytes() == oxigraph_turtle(lines)
    assert (tmp_path / "mxsec.jsonld").read_bytes() == jsonld(compiled)
    assert_jsonld_holds(lines, jsonld(compiled))
    assert (tmp_path / "mxsec.nt").read_bytes() == "".join(line + "\n" for line in lines).encode("utf-8")


def test_an_error_while_making_a_file_ahead_reaches_the_writer_and_nothing_changes(tmp_path, monkeypatch):
    import dataclasses

    from kg.outputs.formats import registry

    lines = sorted({f"{S} {P} \"{i}\" ." for i in range(50)})
    write_exports(CompiledGraph(lines), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken_chunks():
        yield b"<a> <b> <c> .\n"
        raise RuntimeError("disk on fire")

    broken = dataclasses.replace(registry()["nt"], render=lambda inputs: {"mxsec.nt": broken_chunks()})
    monkeypatch.setitem(registry(), "nt", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_exports(CompiledGraph(lines[:10]), tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert [t.name for t in __import__("threading").enumerate() if t.name == "kg-export"] == []
