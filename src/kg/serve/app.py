"""The endpoint as an ASGI app (Starlette): SPARQL 1.1 Protocol queries at /sparql, the static site (`kg site`'s, with
the explorer at /explorer/) at /, and each entity at /id/<slug>, the path of its IRI. Read-only: updates are refused,
every query runs through the project's engines (so their refusals apply) in a worker process with a time limit, and a
result larger than the cap is refused rather than cut short.

The app itself does no graph work: it checks the request (`policy.py` has already checked who sent it and its size),
hands it to the pool of workers (`pool.py`) and sends back the reply the worker made (the site: the folder a worker
wrote, served as files).
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.staticfiles import StaticFiles

from ..core.names import SLUG_RE
from .answers import Reply
from .form_page import page
from .linked_data import FORMS, HTML, choose_form, links
from .pool import Busy, TimedOut, WorkerLost, WorkerPool
from .resident import EntityRequest, SiteRequest, SparqlRequest

FORM_TYPE = "application/x-www-form-urlencoded"
SITE_TIMEOUT = 600.0  # seconds to make the site (a few on the curated graph, minutes at tens of thousands of entities)
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


@dataclass
class EndpointSettings:
    timeout: float = 30.0  # seconds a request may take, waiting for a worker included (0: no limit)
    max_query: int = 1_000_000  # characters of query text


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    return PlainTextResponse(message.rstrip("\n") + "\n", status_code=status, headers=headers)


def _response(reply: Reply) -> Response:
    return Response(reply.body, status_code=reply.status, headers=dict(reply.headers), media_type=reply.media_type)


class Endpoint:
    """The state behind the app: the pool of workers, the settings, and pages already made for this graph."""

    def __init__(self, pool: WorkerPool, settings: EndpointSettings):
        self.pool = pool
        self.settings = settings
        self._site: tuple[int, StaticFiles] | None = None
        self._site_root: Path | None = None
        self._site_lock = asyncio.Lock()

    async def ask(self, request: Request, work: object, timeout: float | None = None) -> Response:
        """The worker's reply to `work` within `timeout` (the query limit by default), or why there is none; a client
        that goes away stops its work."""
        client = request.client.host if request.client else "-"
        limit = timeout if timeout is not None else self.settings.timeout or None
        call = asyncio.ensure_future(self.pool.call(client, work, limit))
        gone = asyncio.ensure_future(_disconnected(request))
        try:
            done, _ = await asyncio.wait({call, gone}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
        if call not in done:  # the client left: its query is stopped
            call.cancel()
            try:
                await call
            except (asyncio.CancelledError, Exception):  # noqa: BLE001 - nobody is left to answer
                pass
            return Response(status_code=499)
        try:
            return _response(call.result())
        except TimedOut:
            return _text(503, f"the query took longer than {limit:g} s and was stopped (kg serve --timeout)")
        except Busy as busy:
            if busy.per_client:
                return _text(429, f"too many queries at once from your address ({busy}): wait for them",
                             {"Retry-After": "1"})
            return _text(503, f"the server is busy ({busy}): try again shortly", {"Retry-After": "1"})
        except WorkerLost as lost:
            return _text(503, str(lost))

    async def site(self, request: Request) -> StaticFiles | Response:
        """The static site of the graph being served, built by a worker the first time a page is asked for after
        each reload (into a folder of the server's own, removed when the server stops or the graph changes); or the
        answer saying why it could not be made."""
        generation = self.pool.generation
        async with self._site_lock:
            if self._site is not None and self._site[0] == generation:
                return self._site[1]
            if self._site_root is None:
                self._site_root = Path(tempfile.mkdtemp(prefix="kg-serve-site-"))
            folder = self._site_root / f"graph-{generation}"
            shutil.rmtree(folder, ignore_errors=True)  # a build stopped half-way (it is the server's own folder)
            response = await self.ask(request, SiteRequest(str(folder)), timeout=max(SITE_TIMEOUT,
                                                                                       self.settings.timeout))
            if response.status_code != 200:
                return response
            old, self._site = self._site, (generation, StaticFiles(directory=folder, html=True))
            if old is not None:
                shutil.rmtree(self._site_root / f"graph-{old[0]}", ignore_errors=True)
            return self._site[1]

    async def site_file(self, request: Request, path: str) -> Response:
        """A file of the site (a folder's index.html, the site's 404 page where there is none)."""
        site = await self.site(request)
        if isinstance(site, Response):
            return site
        try:
            return await site.get_response(path, request.scope)
        except HTTPException as refused:
            return _text(refused.status_code, refused.detail or "not found")

    def close(self) -> None:
        if self._site_root is not None:
            shutil.rmtree(self._site_root, ignore_errors=True)
            self._site_root = None


async def _disconnected(request: Request) -> None:
    """Returns when the client has closed the connection (the body has been read by then)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


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
        return HTMLResponse(page(""))
    if len(text) > endpoint.settings.max_query:
        return _text(413, f"the query is {len(text):,} characters long, more than the {endpoint.settings.max_query:,} "
                          "this endpoint accepts (kg serve --max-query)")
    work = SparqlRequest(text, request.headers.get("accept", "*/*"), params.get("format") or params.get("output"))
    return await endpoint.ask(request, work)


async def entity(request: Request) -> Response:
    """An entity at the path of its IRI, in the form the client asks for (linked_data.py): a page for a browser, its
    triples and statement nodes as Turtle, N-Triples or JSON-LD for a linked-data client."""
    endpoint: Endpoint = request.app.state.endpoint
    slug = request.path_params["slug"]
    form = None
    stem, dot, extension = slug.rpartition(".")
    if dot and extension in FORMS:  # /id/<slug>.ttl
        slug, form = stem, FORMS[extension]
    file = request.path_params.get("file")
    if file is not None:  # /id/<slug>/index.ttl, as the static site names the forms
        stem, _, extension = file.partition(".")
        if stem != "index" or extension.rpartition(".")[2] not in FORMS:
            return _text(404, f"no `{file}` for an entity (index.html, index.ttl, index.nt, index.jsonld)")
        form = FORMS[extension.rpartition(".")[2]]
    if not SLUG_RE.match(slug):
        return _text(404, f"no entity `{slug}` in the graph")
    headers = {"Vary": "Accept", "Link": links(slug)}
    if form is None:
        form = choose_form(request.headers.get("accept"))
        if form is None:
            return _text(406, "none of the accepted types can carry an entity (use text/html, text/turtle, "
                              "application/n-triples or application/ld+json)", headers)
    if form == HTML and (file is not None or request.url.path.endswith("/")):  # the site's page, in its folder
        response = await endpoint.site_file(request, f"id/{slug}/{file or 'index.html'}")
    else:
        response = await endpoint.ask(request, EntityRequest(slug, form))
    response.headers.update(headers)
    return response


async def site(request: Request) -> Response:
    """The static site: its home page, indexes, source pages, search, dumps and the explorer."""
    return await request.app.state.endpoint.site_file(request, request.path_params.get("path", ""))


async def favicon(request: Request) -> Response:
    return Response(status_code=204)


def make_app(pool: WorkerPool, settings: EndpointSettings) -> Starlette:
    """The ASGI app over a pool of workers (wrap it in policy.RequestPolicy before serving it)."""
    app = Starlette(
        routes=[
            Route("/", site),
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/id/{slug}", entity),
            Route("/id/{slug}/", entity),
            Route("/id/{slug}/{file}", entity),
            Route("/favicon.ico", favicon),
            Route("/id/", lambda request: RedirectResponse("/")),
            Route("/{path:path}", site),
        ],
    )
    app.state.endpoint = Endpoint(pool, settings)
    return app
