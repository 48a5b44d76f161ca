"""The JSON-LD export written from the sorted N-Triples lines in one pass, node by node.

The text is what `jsonld_text.py` defines (one node per subject, one key per predicate); this is the same text made
faster: most lines repeat the subject and often the predicate of the line before, so the lines are compared as
spellings and only the new part is written, and each term's text comes from `jsonld_terms.Terms`, worked out once per
distinct term. A line is taken apart by hand when it is a plain triple of IRIs and literals; any other (an escape, a
blank node, a character JSON escapes) is read as `jsonld_text` reads it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from . import jsonld_text as jl
from .jsonld_terms import ASCII_LOCAL, RDF_TYPE, Predicate, Terms, predicate_parts

_NODE_START = '  {\n   "@id": '
_NODE_END = "\n   ]\n  }"  # closes the last key's list and the node
_NEXT_NODE = _NODE_END + ",\n" + _NODE_START


def render(lines: Sequence[str], terms: Terms, lines_per_chunk: int = 1 << 14) -> Iterator[str]:
    """The JSON-LD nodes of each block of lines, without the document's head and tail. Once the last block is out,
    `terms.jsonld_exact` false says the text is not to be used (two predicates with one key, a subject or a
    predicate spelled with escapes, a literal as an rdf:type value): then write it with `jsonld_text`."""
    objects, predicates = terms.objects, terms.predicates
    object_of, literal_of, predicate_of, subject_of, type_entry = (
        terms.object_iri, terms.literal, terms.predicate, terms.subject, terms.type_entry
    )
    by_namespace = {ns: name for name, ns in terms.prefixes.items()}
    plain_local = ASCII_LOCAL.fullmatch
    # The current subject and predicate as the lines wrote them; None after a line read whole, so that the next one
    # compares terms (the general case at the end of the loop), as `jsonld_text` does, not spellings.
    subject_token: str | None = None
    predicate_token: str | None = None
    subject_iri: str | None = None  # the current subject's IRI (None before the first line)
    current: Predicate = ("", False, "", "", "")  # the current predicate, as Terms.predicates holds it
    is_type = False  # it is rdf:type
    namespace, prefix, cut = "\0", "", 1  # the last subject's namespace (as "<iri"), its prefix ("name:"), its length
    for start in range(0, len(lines), lines_per_chunk):
        out: list[str] = []
        add = out.append
        for line in lines[start : start + lines_per_chunk]:
            try:
                s, p, o = line.split(" ", 2)
            except ValueError:
                s = p = o = ""
            obj = literal_of(o) if o[:1] == '"' else objects.get(o) or object_of(o)
            pred = None
            if obj is not None:
                if s == subject_token:
                    if p == predicate_token:  # another object of the predicate
                        add(",\n")
                        add((obj[1] or type_entry(obj)) if is_type else obj[0])
                        continue
                    pred = predicates.get(p) or predicate_of(p)
                    if pred is not None:  # the next predicate of the subject: the commonest line
                        is_type = pred[1]
                        add(pred[2])
                        add((obj[1] or type_entry(obj)) if is_type else obj[0])
                        predicate_token, current = p, pred
                        continue
                elif s.startswith(namespace) and s[-1:] == ">" and plain_local(s, cut, len(s) - 1):
                    pred = predicates.get(p) or predicate_of(p)
                    if pred is not None:  # a new subject in the namespace of the one before
                        is_type = pred[1]
                        add(_NEXT_NODE if subject_iri is not None else _NODE_START)
                        add('"')
                        add(prefix)
                        add(s[cut:-1])
                        add(pred[4])
                        add((obj[1] or type_entry(obj)) if is_type else obj[0])
                        subject_token, predicate_token, subject_iri, current = s, p, s[1:-1], pred
                        continue
                else:
                    subject = subject_of(s)
                    if subject is not None:
                        iri, js = subject
                        end = max(s.rfind("/"), s.rfind("#")) + 1
                        name = by_namespace.get(s[1:end])
                        if name is not None:
                            namespace, prefix, cut = s[:end], name + ":", end
                        pred = predicates.get(p) or predicate_of(p)
            if pred is None:  # an escape, a blank node, anything unusual
                s = p = None
                iri, js, pred, item = _read(line, terms)
                namespace = "\0"  # the next subject too is compared as a term
            else:
                item = (obj[1] or type_entry(obj)) if pred[1] else obj[0]
            # The general case: compare terms, not spellings.
            if iri == subject_iri:
                add(",\n" if pred[0] == current[0] else pred[2])
            else:
                add(_NEXT_NODE + js if subject_iri is not None else _NODE_START + js)
                add(pred[3])
            add(item)
            subject_token, predicate_token, subject_iri, current, is_type = s, p, iri, pred, pred[1]
        yield "".join(out)
    if subject_iri is not None:
        yield _NODE_END


def _read(line: str, terms: Terms) -> tuple[str, str, Predicate, str]:
    """A line read as `jsonld_text` reads it: (the subject, its "@id" text, the predicate as Terms.predicates holds
    it, the value's entry)."""
    s, p, iri, value, language, datatype = jl.split_triple(line)
    key = terms.jsonld_key(p)
    if f"<{p}>" not in line or f"<{s}>" not in line or (p == RDF_TYPE and iri is None):
        # a term spelled with escapes may come back after another; a literal type goes under "rdf:type"
        terms.jsonld_exact = False
    return s, jl.quote(jl.short(s)), (key, p == RDF_TYPE, *predicate_parts(key)), jl.item(p, iri, value, language, datatype)
