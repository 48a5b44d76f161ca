"""Turtle and JSON-LD written from the sorted N-Triples lines in one pass.

Turtle: the bytes Oxigraph's serialiser (pyoxigraph 0.5) writes for the lines: consecutive triples of one subject
share it (`S P O ;`, then a tab and the next predicate), consecutive objects of one predicate are listed (`O , O`), and
each subject's block ends with ` .`; the lines' order is kept. JSON-LD: the text `jsonld_text.py` defines, one node
per subject and one key per predicate. Both need the same work on each line — cutting it into subject, predicate and
object, and seeing where the subject and the predicate change — and at a million lines that work is most of the cost,
so it is done once for both. Each term's text comes from `rdf_terms.Terms`, worked out once per distinct term.

A line is taken apart by hand when it is a plain triple of IRIs and literals; any other (an escape in an IRI, a blank
node, a character either format escapes) is parsed by Oxigraph, and a malformed line fails there.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pyoxigraph as ox

from . import jsonld_text as jl
from .rdf_terms import ASCII_LOCAL, RDF_TYPE, Predicate, Terms, predicate_parts

_NODE_START = '  {\n   "@id": '
_NODE_END = "\n   ]\n  }"  # closes the last key's list and the node
_NEXT_NODE = _NODE_END + ",\n" + _NODE_START


def _parse_line(line: str) -> ox.Triple:
    triples = list(ox.parse((line + "\n").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    if len(triples) != 1:
        raise ValueError(f"not one N-Triples statement: {line!r}")
    return triples[0]


def render(lines: Sequence[str], terms: Terms, lines_per_chunk: int = 1 << 14) -> Iterator[tuple[str, str]]:
    """(Turtle, JSON-LD) text for each block of lines: Turtle without its prefix lines, JSON-LD's nodes without the
    document's head and tail. Once the last block is out, `terms.jsonld_exact` false says the JSON-LD is not to be
    used (two predicates with one key): then write it with `jsonld_text`."""
    objects, predicates = terms.objects, terms.predicates
    object_of, literal_of, predicate_of, subject_of, type_entry = (
        terms.object_iri, terms.literal, terms.predicate, terms.subject, terms.type_entry
    )
    by_namespace = {ns: name for name, ns in terms.prefixes.items()}
    plain_local = ASCII_LOCAL.fullmatch
    # The current subject and predicate as the lines wrote them; None after a line Oxigraph read, so that the next
    # one compares terms (the general case at the end of the loop), as Oxigraph does, not spellings.
    subject_token: str | None = None
    predicate_token: str | None = None
    t_subject = ""  # the current subject as Turtle ("" before the first line)
    current: Predicate = ("", "", False, "", "", "", "", "")  # the current predicate, as Terms.predicates holds it
    is_type = False  # it is rdf:type
    namespace, prefix, cut = "\0", "", 1  # the last subject's namespace (as "<iri"), its prefix ("name:"), its length
    for start in range(0, len(lines), lines_per_chunk):
        turtle: list[str] = []
        jsonld: list[str] = []
        t_add, j_add = turtle.append, jsonld.append
        for line in lines[start : start + lines_per_chunk]:
            try:
                s, p, o = line.split(" ", 2)
            except ValueError:
                s = p = o = ""
            obj = literal_of(o) if o[:1] == '"' else objects.get(o) or object_of(o)
            if obj is not None:
                if s == subject_token:
                    if p == predicate_token:  # another object of the predicate
                        t_add(" , ")
                        t_add(obj[0])
                        j_add(",\n")
                        j_add((obj[2] or type_entry(obj)) if is_type else obj[1])
                        continue
                    pred = predicates.get(p) or predicate_of(p)
                    if pred is not None:  # the next predicate of the subject: the commonest line
                        is_type = pred[2]
                        t_add(pred[3])
                        t_add(obj[0])
                        j_add(pred[5])
                        j_add((obj[2] or type_entry(obj)) if is_type else obj[1])
                        predicate_token, current = p, pred
                        continue
                    ts, js = t_subject, ""  # (the subject continues: js is not used)
                elif s.startswith(namespace) and s[-1:] == ">" and plain_local(s, cut, len(s) - 1):
                    pred = predicates.get(p) or predicate_of(p)
                    if pred is not None:  # a new subject in the namespace of the one before
                        ts = prefix + s[cut:-1]
                        is_type = pred[2]
                        if t_subject:
                            t_add(" .\n")
                        t_add(ts)
                        t_add(pred[4])
                        t_add(obj[0])
                        j_add(_NEXT_NODE if t_subject else _NODE_START)
                        j_add('"')
                        j_add(ts)
                        j_add(pred[7])
                        j_add((obj[2] or type_entry(obj)) if is_type else obj[1])
                        subject_token, predicate_token, t_subject, current = s, p, ts, pred
                        continue
                else:
                    subject = subject_of(s)
                    pred = None
                    if subject is not None:
                        ts, js = subject
                        end = max(s.rfind("/"), s.rfind("#")) + 1
                        name = by_namespace.get(s[1:end])
                        if name is not None:
                            namespace, prefix, cut = s[:end], name + ":", end
                        pred = predicates.get(p) or predicate_of(p)
                if pred is not None:
                    t = obj[0]
                    item = (obj[2] or type_entry(obj)) if pred[2] else obj[1]
            if obj is None or pred is None:  # an escape in an IRI, a blank node, anything unusual
                s = p = None
                ts, js, pred, t, item = _read(line, terms)
                namespace = "\0"  # the next subject too is compared as a term
            # The general case: compare terms, not spellings.
            if ts == t_subject:
                t_add(" , " if pred[0] == current[0] else pred[3])
                j_add(",\n" if pred[1] == current[1] else pred[5])
            else:
                if t_subject:
                    t_add(" .\n")
                    j_add(_NODE_END + ",\n")
                t_add(ts)
                t_add(pred[4])
                j_add(_NODE_START + js)
                j_add(pred[6])
            t_add(t)
            j_add(item)
            subject_token, predicate_token, t_subject, current, is_type = s, p, ts, pred, pred[2]
        yield "".join(turtle), "".join(jsonld)
    if t_subject:
        yield " .\n", _NODE_END


def _read(line: str, terms: Terms) -> tuple[str, str, Predicate, str, str]:
    """A line Oxigraph parses: (subject as Turtle, as JSON-LD "@id", the predicate as Terms.predicates holds it, the
    object as Turtle, its JSON-LD entry)."""
    triple = _parse_line(line)
    p_iri = triple.predicate.value
    s_iri, key, item = jl.line_parts(line)
    if terms.jsonld_key(p_iri) != key or f"<{p_iri}>" not in line:
        terms.jsonld_exact = False  # a predicate spelled with escapes may come back after another
    tp = "a" if p_iri == RDF_TYPE else terms.turtle_term(triple.predicate)
    pred = (tp, key, p_iri == RDF_TYPE, *predicate_parts(tp, key))
    return terms.turtle_term(triple.subject), jl.quote(jl.short(s_iri)), pred, terms.turtle_term(triple.object), item
