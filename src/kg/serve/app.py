"""The endpoint as an ASGI app (Starlette): SPARQL 1.1 Protocol queries at /sparql, the explorer page at /, and each
entity's Turtle at /id/<slug>, the path of its IRI. Read-only: updates are refused, every query runs through the
project's engines (so their refusals apply) with a time limit, and a result larger than the cap is refused rather than
cut short.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from html import escape
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from ..core.names import SLUG_RE
from ..core.namespaces import MX
from ..pipeline import BuildResult
from ..query.engines import QueryError, QueryResult, Term, local_engine, parse_query
from .results import NTRIPLES, TURTLE, NotAcceptable, choose, serialize

FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"
# The statements about an entity, as the graph holds them: its direct triples, and each statement node about it with
# its qualifiers and citation links.
ENTITY_QUERY = """CONSTRUCT { ?entity ?p ?o . ?statement ?sp ?so . }
WHERE { { ?entity ?p ?o } UNION { ?statement rdf:subject ?entity ; ?sp ?so } }"""


def _text(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip("\n") + "\n", status_code=status)


class Endpoint:
    """The state behind the app: one engine over the build, queried one at a time."""

    def __init__(self, build: BuildResult, *, engine: str, timeout: float, max_rows: int,
                 explorer: Callable[[], str]):
        assert build.compiled is not None
        self.build = build
        self.engine = local_engine(engine, build.compiled)
        self.timeout = timeout
        self.max_rows = max_rows
        self._explorer = explorer
        self._page: bytes | None = None
        self._lock = threading.Lock()  # one query at a time: the engines are not made for concurrent use

    def run(self, text: str, bindings: dict[str, Term] | None = None) -> QueryResult:
        parsed = parse_query(text)
        with self._lock:
            result = self.engine.run(parsed, bindings or {}, timeout=self.timeout or None)
        size = len(result.rows) if result.form == "SELECT" else len(result.triples)
        if self.max_rows and size > self.max_rows:
            what = "rows" if result.form == "SELECT" else "triples"
            raise ResultTooLarge(f"the result has {size} {what}, more than this endpoint's cap of {self.max_rows}"
                                 f" (kg serve --max-rows): narrow the query or add LIMIT")
        return result

    def explorer_page(self) -> bytes:
        if self._page is None:
            self._page = self._explorer().encode("utf-8")
        return self._page


class ResultTooLarge(Exception):
    """A result over the cap: refused whole, never sent cut short as if it were complete."""


def _answer(endpoint: Endpoint, request: Request, text: str, format_param: str | None) -> Response:
    try:
        result = endpoint.run(text)
    except QueryError as error:
        message = str(error)
        status = 403 if message.startswith("refused") else 503 if "longer than" in message else 400
        return _text(status, message)
    except ResultTooLarge as error:
        return _text(413, str(error))
    try:
        media = choose(result.form, request.headers.get("accept", "*/*"), format_param)
    except NotAcceptable as error:
        return _text(406, str(error))
    charset = "" if media.startswith("application/sparql-results") else "; charset=utf-8"
    return Response(serialize(result, media), media_type=media + charset, headers={"Vary": "Accept"})


async def sparql(request: Request) -> Response:
    """SPARQL 1.1 Protocol: query by GET, by POST of a form, or by POST of the query itself; updates refused."""
    endpoint: Endpoint = request.app.state.endpoint
    params = dict(request.query_params)
    if request.method == "POST":
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type == UPDATE_TYPE:
            return _text(403, "refused: this endpoint is read-only (SPARQL Update is not accepted)")
        if content_type == FORM_TYPE:
            body = (await request.body()).decode("utf-8", errors="replace")
            params.update({k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()})
        elif content_type == QUERY_TYPE:
            params["query"] = (await request.body()).decode("utf-8", errors="replace")
        else:
            return _text(415, f"send the query as {QUERY_TYPE} or as a {FORM_TYPE} form (got `{content_type}`)")
    if "update" in params:
        return _text(403, "refused: this endpoint is read-only (SPARQL Update is not accepted)")
    if "named-graph-uri" in params:
        return _text(400, "this endpoint holds one graph, the default graph: leave out named-graph-uri")
    text = params.get("query")
    if text is None:
        return HTMLResponse(_FORM_PAGE)
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_answer, endpoint, request, text, params.get("format") or params.get("output"))


async def entity(request: Request) -> Response:
    """An entity's triples and its statement nodes as Turtle (or N-Triples if asked), at the path of its IRI."""
    endpoint: Endpoint = request.app.state.endpoint
    slug = request.path_params["slug"]
    if not SLUG_RE.match(slug) or slug not in endpoint.build.model.entities:
        return _text(404, f"no entity `{slug}` in the graph")
    from starlette.concurrency import run_in_threadpool

    try:
        result = await run_in_threadpool(endpoint.run, ENTITY_QUERY, {"entity": Term("uri", MX + slug)})
    except (QueryError, ResultTooLarge) as error:
        return _text(503, str(error))
    try:
        media = choose("CONSTRUCT", request.headers.get("accept", "*/*"))
    except NotAcceptable:
        media = TURTLE
    body = serialize(result, media if media in (TURTLE, NTRIPLES) else TURTLE)
    return Response(body, media_type=media + "; charset=utf-8", headers={"Vary": "Accept"})


async def explorer(request: Request) -> Response:
    """The offline explorer page, as `kg viz` writes it."""
    from starlette.concurrency import run_in_threadpool

    page = await run_in_threadpool(request.app.state.endpoint.explorer_page)
    return Response(page, media_type="text/html; charset=utf-8")


async def favicon(request: Request) -> Response:
    return Response(status_code=204)


def make_app(build: BuildResult, *, engine: str = "oxigraph", timeout: float = 30.0, max_rows: int = 10_000,
             explorer_page: Callable[[], str] | None = None) -> Starlette:
    """The ASGI app over a checked build. `explorer_page` makes the HTML of `/` (called once, on first request)."""

    def default_page() -> str:
        from ..view.page import render_view

        return render_view(build.model, build.vocab)

    app = Starlette(
        routes=[
            Route("/", explorer),
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/id/{slug}", entity),
            Route("/favicon.ico", favicon),
            Route("/id/", lambda request: RedirectResponse("/")),
        ],
        # Read-only public data: a SPARQL client running in a web page (YASGUI) may query it from any origin.
        middleware=[Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                               allow_headers=["Accept", "Content-Type"])],
    )
    app.state.endpoint = Endpoint(build, engine=engine, timeout=timeout, max_rows=max_rows,
                                  explorer=explorer_page or default_page)
    return app


_FORM_PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mxsec SPARQL endpoint</title></head>
<body style="font-family: sans-serif; max-width: 60em; margin: 2em auto">
<h1>SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 Protocol endpoint over the Mexico security knowledge graph. The project's prefixes
(<code>kg:</code>, <code>mx:</code>, <code>kgc:</code>, <code>rdfs:</code>, ...) are pre-bound. Point any SPARQL
client (YASGUI, SPARQLWrapper, curl) at this address; the <a href="/">explorer</a> draws the network.</p>
<form method="get" action="/sparql">
<textarea name="query" rows="10" cols="90">{escape('SELECT ?person ?name WHERE { ?person a kg:Person ; rdfs:label ?name '
                                                  'FILTER(LANG(?name) = "en") } ORDER BY ?name')}</textarea><br>
<select name="format"><option>json</option><option>xml</option><option>csv</option><option>tsv</option></select>
<button type="submit">Run</button>
</form>
</body></html>
"""
