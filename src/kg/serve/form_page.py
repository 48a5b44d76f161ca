"""The SPARQL endpoint's page for people: a query form, and below it the answer as a table (or `true`/`false`, or the
Turtle of a CONSTRUCT), or what was wrong with the query. Plain HTML, no script; every text from the query or the
data is escaped. Clients get it when their `Accept` prefers `text/html` (a browser following a link to a query) or
with `format=html` (what the form sends).
"""

from __future__ import annotations

from html import escape

from ..query.engines import QueryResult, Term

EXAMPLE = 'SELECT ?person ?name WHERE { ?person a kg:Person ; rdfs:label ?name FILTER(LANG(?name) = "en") } ORDER BY ?name'
_FORMATS = (("html", "table"), ("json", "JSON"), ("xml", "XML"), ("csv", "CSV"), ("tsv", "TSV"))


def _cell(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        href = term.value
        # An entity of this graph links to its page on this server; any other IRI is shown, not linked (a page of
        # the endpoint must not send the reader anywhere a query's data names).
        from ..core.namespaces import MX

        if href.startswith(MX) and "/" not in href[len(MX):]:
            return f'<a href="/id/{escape(href[len(MX):])}">{escape(term.short())}</a>'
        return f"<code>{escape(term.short())}</code>"
    text = escape(term.value)
    if term.lang:
        return f'{text} <small lang="{escape(term.lang)}">@{escape(term.lang)}</small>'
    return text


def page(query: str, *, result: QueryResult | None = None, error: str | None = None, rows_shown: int = 1000) -> str:
    """The form with `query` in it, and the answer (or the error) below."""
    options = "".join(f'<option value="{v}"{" selected" if v == "html" else ""}>{label}</option>'
                      for v, label in _FORMATS)
    parts = [f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mxsec SPARQL endpoint</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:sans-serif;max-width:75em;margin:2em auto;padding:0 1em}}
textarea{{width:100%;font-family:monospace}} table{{border-collapse:collapse}}
th,td{{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}} th{{background:#eee}}
.error{{color:#a00;white-space:pre-wrap}}</style></head>
<body>
<h1>SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 Protocol endpoint over the Mexico security knowledge graph. The project's prefixes
(<code>kg:</code>, <code>mx:</code>, <code>kgc:</code>, <code>rdfs:</code>, ...) are pre-bound. Point any SPARQL
client (YASGUI, SPARQLWrapper, curl) at this address; the <a href="/">site</a> has a page per entity, and the
<a href="/explorer/">explorer</a> draws the network.</p>
<form method="get" action="/sparql">
<textarea name="query" rows="10" cols="90" aria-label="SPARQL query">{escape(query or EXAMPLE)}</textarea><br>
<label>Results as <select name="format">{options}</select></label>
<button type="submit">Run</button>
</form>"""]
    if error is not None:
        parts.append(f'<h2>No answer</h2><p class="error">{escape(error)}</p>')
    elif result is not None:
        parts.append(_answer(result, rows_shown))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _answer(result: QueryResult, rows_shown: int) -> str:
    if result.form == "ASK":
        return f"<h2>Answer</h2><p><strong>{'true' if result.boolean else 'false'}</strong></p>"
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return f"<h2>{len(result.triples)} triples</h2><pre>{escape(result.turtle())}</pre>"
    count = len(result.rows)
    head = "".join(f"<th>?{escape(v)}</th>" for v in result.variables)
    body = "\n".join("<tr>" + "".join(f"<td>{_cell(t)}</td>" for t in row) + "</tr>" for row in result.rows[:rows_shown])
    more = (f"<p>The first {rows_shown} of {count} rows are shown; choose another format for all of them.</p>"
            if count > rows_shown else "")
    return (f"<h2>{count} row{'s' if count != 1 else ''}</h2>{more}"
            f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>")
