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
from .rdf_terms import ASCII_LOCAL, LITERAL_VALUE, RDF_TYPE, SAME_ESCAPES, Terms, predicate_parts

_NODE_START = '  {\n   "@id": '
_NODE_END = "\n   ]\n  }"  # closes the last key's list and the node


def _parse_line(line: str) -> ox.Triple:
    triples = list(ox.parse((line + "\n").encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    if len(triples) != 1:
        raise ValueError(f"not one N-Triples statement: {line!r}")
    return triples[0]


def render(lines: Sequence[str], terms: Terms, lines_per_chunk: int = 1 << 15) -> Iterator[tuple[str, str]]:
    """(Turtle, JSON-LD) text for each block of lines: Turtle without its prefix lines, JSON-LD's nodes without the
    document's head and tail. Once the last block is out, `terms.jsonld_exact` false says the JSON-LD is not to be
    used (two predicates with one key): then write it with `jsonld_text`."""
    objects, predicates, suffixes = terms.objects, terms.predicates, terms.suffixes
    object_iri, predicate_of, suffix_of, subject_of = terms.object_iri, terms.predicate, terms.suffix, terms.subject
    by_namespace = {ns: name for name, ns in terms.prefixes.items()}
    plain_local, same_escapes = ASCII_LOCAL.fullmatch, SAME_ESCAPES.fullmatch
    literal_value, type_item = LITERAL_VALUE, terms.literal_type_item
    # The current subject and predicate as the lines wrote them (None when unknown: no line's token equals it).
    subject_token: str | None = None
    predicate_token: str | None = None
    t_subject = t_predicate = j_key = ""  # ... as Turtle, and the predicate's JSON-LD key
    is_type = False  # the current predicate is rdf:type
    namespace, prefix = "\0", ""  # the namespace of the last subject (as "<iri") and its prefix ("name:")
    for start in range(0, len(lines), lines_per_chunk):
        turtle: list[str] = []
        jsonld: list[str] = []
        t_add, j_add = turtle.append, jsonld.append
        for line in lines[start : start + lines_per_chunk]:
            try:
                s, p, o = line.split(" ", 2)
            except ValueError:
                s = p = o = ""
            # The object: Turtle, JSON-LD value object, JSON-LD "@type" entry (None for a literal: made if needed).
            known = objects.get(o)
            if known is not None:
                t, j, jt = known
            elif o[:1] == '"':
                t = None
                end = o.rfind('"')
                escaped = "\\" in o
                if (not escaped and o.count('"') == 2 or escaped and same_escapes(o, 1, end)) and o.isprintable():
                    info = suffixes.get(o[end + 1 :]) or suffix_of(o[end + 1 :])
                    if info is not None:
                        t_after, bare, j_after, j_after_escaped = info
                        quoted = o[: end + 1]
                        t = o[1:end] if bare is not None and bare.fullmatch(o, 1, end) else quoted + t_after
                        j = literal_value + quoted + (j_after_escaped if escaped else j_after)
                        jt = None
            elif o[:1] == "<":
                known = object_iri(o)
                t, j, jt = (None, "", None) if known is None else known
            else:
                t = None
            if t is not None:
                if s == subject_token:
                    if p == predicate_token:  # the commonest continuation needs nothing else
                        t_add(" , ")
                        t_add(t)
                        j_add(",\n")
                        j_add(j if not is_type else jt if jt is not None else type_item(o[: o.rfind('"') + 1]))
                        continue
                    pred = predicates.get(p) or predicate_of(p)
                    if pred is not None and pred[0] != t_predicate:
                        tp, key, is_type, t_next, t_open, j_next, j_open = pred
                        subject_token, predicate_token, t_predicate, j_key = s, p, tp, key
                        t_add(t_next)
                        t_add(t)
                        j_add(j_next)
                        j_add(j if not is_type else jt if jt is not None else type_item(o[: o.rfind('"') + 1]))
                        continue
                    ts, js = t_subject, _NODE_START  # js is not used: the subject continues
                elif s.startswith(namespace) and s[-1:] == ">" and plain_local(s, len(namespace), len(s) - 1):
                    ts = prefix + s[len(namespace) : -1]  # in the namespace of the subject before
                    js = '"' + ts + '"'
                    pred = predicates.get(p) or predicate_of(p)
                else:
                    subject = subject_of(s)
                    pred = None
                    if subject is not None:
                        ts, js = subject
                        cut = max(s.rfind("/"), s.rfind("#")) + 1
                        name = by_namespace.get(s[1:cut])
                        if name is not None:
                            namespace, prefix = s[:cut], name + ":"
                        pred = predicates.get(p) or predicate_of(p)
                if pred is not None:
                    tp, key, new_is_type, t_next, t_open, j_next, j_open = pred
                    item = j if not new_is_type else jt if jt is not None else type_item(o[: o.rfind('"') + 1])
                else:
                    t = None
            if t is None:  # an escape in an IRI, a blank node, anything unusual: Oxigraph reads the line
                triple = _parse_line(line)
                s = p = None
                ts, t = terms.turtle_term(triple.subject), terms.turtle_term(triple.object)
                p_iri = triple.predicate.value
                tp = "a" if p_iri == RDF_TYPE else terms.turtle_term(triple.predicate)
                s_iri, key, item = jl.line_parts(line)
                js = jl.quote(jl.short(s_iri))
                if terms.jsonld_key(p_iri) != key or f"<{p_iri}>" not in line:
                    terms.jsonld_exact = False  # a predicate spelled with escapes may come back after another
                new_is_type = p_iri == RDF_TYPE
                t_next, t_open, j_next, j_open = predicate_parts(tp, key)
            # Any case the fast paths above do not take: compare terms, not spellings.
            if ts == t_subject:
                t_add(" , " if tp == t_predicate else t_next)
                j_add(",\n" if key == j_key else j_next)
            else:
                if t_subject:
                    t_add(" .\n")
                    j_add(_NODE_END + ",\n")
                t_add(ts)
                t_add(t_open)
                j_add(_NODE_START)
                j_add(js)
                j_add(j_open)
            t_add(t)
            j_add(item)
            subject_token, predicate_token, t_subject, t_predicate, j_key, is_type = s, p, ts, tp, key, new_is_type
        yield "".join(turtle), "".join(jsonld)
    if t_subject:
        yield " .\n", _NODE_END
