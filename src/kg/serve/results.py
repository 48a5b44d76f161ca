"""SPARQL results in the formats clients ask for: the W3C SPARQL 1.1 Query Results JSON, XML, CSV and TSV formats, and
Turtle or N-Triples for CONSTRUCT and DESCRIBE; which one is chosen from the `Accept` header or a `format` parameter.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from ..query.engines import QueryResult, Term

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
HTML = "text/html"  # the endpoint's page: the form with the answer as a table (form_page.py)
TABLE_TYPES = (JSON, XML, CSV, TSV, HTML)
GRAPH_TYPES = (TURTLE, NTRIPLES, HTML)
# Other names clients use for the same formats (SPARQLWrapper and YASGUI send some of these).
ALIASES = {
    "application/json": JSON, "text/javascript": JSON, "application/javascript": JSON, "json": JSON,
    "application/xml": XML, "text/xml": XML, "xml": XML, "csv": CSV, "tsv": TSV,
    "application/x-turtle": TURTLE, "turtle": TURTLE, "ttl": TURTLE, "text/n3": TURTLE, "n3": TURTLE,
    "text/plain": NTRIPLES, "nt": NTRIPLES, "ntriples": NTRIPLES, "application/rdf+xml": None,
    "html": HTML, "table": HTML, "application/xhtml+xml": HTML,
}


class NotAcceptable(Exception):
    """None of the media types the client accepts can carry this result."""


def accepted(accept: str) -> list[tuple[float, int, str]]:
    """(quality, position, media type) for each entry of an Accept header, best first."""
    entries = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for field in fields[1:]:
            name, _, value = field.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        entries.append((quality, position, media))
    return sorted((e for e in entries if e[0] > 0), key=lambda e: (-e[0], e[1]))


def choose(form: str, accept: str, format_param: str | None = None) -> str:
    """The media type to answer with: the `format` parameter if given, else the best acceptable one the form allows
    (JSON for SELECT and ASK, Turtle for CONSTRUCT and DESCRIBE when anything goes)."""
    offered = GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else TABLE_TYPES
    if form == "ASK":
        offered = (JSON, XML, HTML)
    if format_param:
        wanted = ALIASES.get(format_param.lower(), format_param.lower())
        if wanted in offered:
            return wanted
        raise NotAcceptable(f"format `{format_param}` cannot carry a {form} result (use {', '.join(offered)})")
    for _, _, media in accepted(accept or "*/*"):
        if media in ("*/*", "application/*", "text/*"):
            return offered[0]
        media = ALIASES.get(media, media)
        if media in offered:
            return media
    raise NotAcceptable(f"none of the accepted types ({accept}) can carry a {form} result (use {', '.join(offered)})")


def _xml_term(term: Term) -> str:
    if term.kind == "uri":
        return f"<uri>{escape(term.value)}</uri>"
    if term.kind == "bnode":
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.lang:
        return f"<literal xml:lang={quoteattr(term.lang)}>{escape(term.value)}</literal>"
    if term.datatype and not term.datatype.endswith("#string"):
        return f"<literal datatype={quoteattr(term.datatype)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format (SELECT and ASK)."""
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
           "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>")
    if result.form == "ASK":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                    for v, t in zip(result.variables, row, strict=True) if t is not None]
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: a header of variable names, then plain values (IRIs and lexical forms), CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else t.plain() for t in row])
    return buffer.getvalue()


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: a header of ?variables, then terms in Turtle/N-Triples syntax (typed, language-tagged)."""
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else _tsv_term(t) for t in row))
    return "\n".join(lines) + "\n"


def _tsv_term(term: Term) -> str:
    text = term.n3()
    return text.replace("\t", "\\t")


def wants_page(accept: str | None, format_param: str | None) -> bool:
    """Whether the client asks for the endpoint's page (a browser, or the form's `format=html`)."""
    if format_param:
        return ALIASES.get(format_param.lower(), format_param.lower()) == HTML
    for _, _, media in accepted(accept or "*/*"):
        return ALIASES.get(media, media) == HTML
    return False


def serialize(result: QueryResult, media: str) -> bytes:
    """The result as bytes of `media` (one chosen by `choose`)."""
    if media == JSON:
        return json.dumps(result.to_json(), ensure_ascii=False).encode("utf-8")
    if media == XML:
        return to_xml(result).encode("utf-8")
    if media == CSV:
        return to_csv(result).encode("utf-8")
    if media == TSV:
        return to_tsv(result).encode("utf-8")
    if media == TURTLE:
        return result.turtle().encode("utf-8")
    if media == HTML:
        from .form_page import page

        return page("", result=result).encode("utf-8")
    return result.ntriples().encode("utf-8")
