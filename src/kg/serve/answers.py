"""What a worker of `kg serve` answers: a SPARQL query, an entity at its IRI, a page; each as a finished HTTP reply.

Everything that depends on the query text runs here, in the worker, inside the request's time limit: parsing (the
light gate for Oxigraph, rdflib's parser for rdflib), the engine, the size cap, and writing the result. No query text
can make a reply other than an answer or a 4xx/5xx with a one-line reason: an unexpected failure of an engine on a
query is that query's 400, a failure to write the answer a 500 that says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..query.engines import (
    LocalEngine,
    ParsedQuery,
    QueryError,
    QueryResult,
    Term,
    parse_query,
    parse_query_light,
)
from .results import NotAcceptable, choose, serialize

# The statements about an entity, as the graph holds them: its direct triples, and each statement node about it with
# its qualifiers and citation links.
ENTITY_QUERY = """CONSTRUCT { ?entity ?p ?o . ?statement ?sp ?so . }
WHERE { { ?entity ?p ?o } UNION { ?statement rdf:subject ?entity ; ?sp ?so } }"""


@dataclass(frozen=True)
class Reply:
    """A finished HTTP reply: status, media type (with its charset where it has one), body, extra headers."""

    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default=())


def text_reply(status: int, message: str, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"), headers)


def query_error_status(message: str) -> int:
    """403 for what the endpoint refuses to do (updates, SERVICE), 503 for a query stopped at its time limit, else
    400: the query itself is wrong."""
    if message.startswith("refused"):
        return 403
    if "longer than" in message:
        return 503
    return 400


class ResultTooLarge(Exception):
    """A result over the cap: refused whole, never sent cut short as if it were complete."""


def checked_size(result: QueryResult, max_rows: int) -> QueryResult:
    size = len(result.rows) if result.form == "SELECT" else len(result.triples)
    if max_rows and size > max_rows:
        what = "rows" if result.form == "SELECT" else "triples"
        raise ResultTooLarge(f"the result has {size} {what}, more than this endpoint's cap of {max_rows}"
                             f" (kg serve --max-rows): narrow the query or add LIMIT")
    return result


def parse_for(engine: LocalEngine, text: str) -> ParsedQuery:
    """The query through the gate its engine needs: the light one for Oxigraph (which parses it itself), rdflib's
    parser for rdflib."""
    return parse_query_light(text) if engine.name == "oxigraph" else parse_query(text)


def run_parsed(engine: LocalEngine, parsed: ParsedQuery, bindings: dict[str, Term] | None = None) -> QueryResult:
    """Run a query that passed its gate; every failure is a QueryError."""
    try:
        return engine.run(parsed, bindings or {})
    except QueryError:
        if parsed.algebra is None:  # passed the light gate: say it as the full one would have
            parse_query(parsed.text)
        raise
    except RecursionError:
        raise QueryError("the query is nested too deeply for the query engine: simplify it") from None
    except MemoryError:
        raise QueryError("the query needed more memory than a query may use here (kg serve --max-memory)") from None
    except Exception as error:  # noqa: BLE001 - an engine's failure on this text: the query's error, in one line
        first = str(error).splitlines()[0] if str(error) else ""
        raise QueryError(f"the query failed: {type(error).__name__}: {first}") from None


def sparql_reply(engine: LocalEngine, text: str, accept: str, format_param: str | None, max_rows: int) -> Reply:
    """The answer to a SPARQL query in the format asked for, or a 4xx/5xx with its reason (on the endpoint's page,
    with the query in its form, when a browser asked)."""
    from .form_page import page
    from .results import HTML, wants_page

    as_page = wants_page(accept, format_param)

    def failed(status: int, message: str) -> Reply:
        if as_page:
            return Reply(status, "text/html; charset=utf-8", page(text, error=message).encode("utf-8"),
                         (("Vary", "Accept"),))
        return text_reply(status, message)

    try:
        parsed = parse_for(engine, text)
        media = choose(parsed.form, accept, format_param)
        result = checked_size(run_parsed(engine, parsed), max_rows)
    except QueryError as error:
        message = str(error)
        return failed(query_error_status(message), message)
    except NotAcceptable as error:
        return failed(406, str(error))
    except ResultTooLarge as error:
        return failed(413, str(error))
    if media == HTML:
        return Reply(200, "text/html; charset=utf-8", page(text, result=result).encode("utf-8"), (("Vary", "Accept"),))
    charset = "" if media.startswith("application/sparql-results") else "; charset=utf-8"
    return Reply(200, media + charset, serialize(result, media), (("Vary", "Accept"),))
