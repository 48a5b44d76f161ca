"""`kg query` (named, file or inline SPARQL; local engines or a remote endpoint) and `kg publish`."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path

import click

from ..core.errors import UserError
from ..core.names import SLUG_RE
from ..core.writing import write_stdout
from ..outputs.rows import format_option, raw_option, render_rows, wide_option
from ..pipeline import DEFAULT_GRAPH_DIR, check_graph
from ..query.endpoint_settings import AUTH_MODES, DEFAULT_GRAPH_IRI
from ..query.engines import (
    ENGINES,
    OxigraphEngine,
    QueryError,
    QueryResult,
    Term,
    local_engine,
    parse_query,
    parse_query_light,
)
from ..query.library import DEFAULT_LIBRARY_DIR, LibraryError, NamedQuery, bind_parameters, find_query, load_library
from .as_of import as_of_option, view_as_of
from .common import fail_if_errors, graph_dir_option, require_graph_dir

_graph_dir_option = graph_dir_option(help="Directory of YAML entity files (local engines; names and labels with "
                                          "--endpoint).")


def _graph_dir_or_old_iri(ctx: click.Context, param: click.Parameter, value: str) -> Path:
    """--graph is the YAML folder, as in every verb. Before, `kg publish --graph` took the named graph's IRI: an
    IRI given there (it cannot be a folder) still works, with a note, unless --graph-iri is given too."""
    if "://" in value:
        if ctx.params.get("graph_iri") not in (None, DEFAULT_GRAPH_IRI):
            raise click.BadParameter(f"`{value}` is an IRI: --graph is the folder of YAML files; the named graph "
                                     "is --graph-iri", ctx=ctx, param=param)
        click.echo("kg publish: note: --graph now means the YAML folder, as in every other command; "
                   "give the named graph as --graph-iri (taken as such this time)", err=True)
        ctx.meta["old_graph_iri"] = value
        return DEFAULT_GRAPH_DIR
    return Path(value)
_auth_option = click.option(
    "--auth", type=click.Choice(AUTH_MODES), default="auto", show_default=True,
    help="HTTP authentication: auto answers the server's Basic or Digest challenge; basic sends credentials up front."
         " Credentials come from KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD.",
)


# Labels beside ids in tables are cut to this many characters, so that a table still fits a wide terminal.
LABEL_WIDTH = 32


def list_library(library: dict[str, NamedQuery], fmt: str) -> str:
    columns = ["name", "parameters", "description"]
    rows = [[q.name, " ".join(p.usage() for p in q.parameters), q.title] for q in library.values()]
    return render_rows(columns, rows, fmt)


def render_result(result: QueryResult, fmt: str, labels: Mapping[str, str] | None = None, raw: bool = False,
                  wide: bool = False) -> str:
    """The answer in `fmt`. A table shows each entity's English label beside its id when `labels` (IRI → label) has
    it, shortened to LABEL_WIDTH characters, except in a column the query already names (`?x` beside `?x_name`)."""
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        return result.turtle()
    if fmt == "json":
        return json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
    if result.form == "ASK":
        return "true\n" if result.boolean else "false\n"
    cells = result.cells(short=fmt == "table", table=fmt == "table")
    if fmt == "table" and labels:
        named = {v for v in result.variables if f"{v}_name" in result.variables}
        for row, terms in zip(cells, result.rows, strict=True):
            for i, term in enumerate(terms):
                if term is None or term.kind != "uri" or result.variables[i] in named:
                    continue
                label = labels.get(term.value)
                if label:
                    short = label if len(label) <= LABEL_WIDTH else label[:LABEL_WIDTH - 1].rstrip() + "…"
                    row[i] = f"{row[i]} ({short})"
    return render_rows(result.variables, cells, fmt, raw, wide)


# Text that can only be a query, not a name or a file: a SPARQL keyword that opens a query, then a space.
_QUERY_TEXT = re.compile(r"\s*(?:#[^\n]*\n\s*)*(?:PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE)\s", re.IGNORECASE)


def resolve_query(query_arg: str | None, inline: str | None, library_dir: Path) -> tuple[str, NamedQuery | None]:
    """The query text and, for a library query, its NamedQuery."""
    if inline is not None and query_arg is not None:
        raise click.UsageError("give either a query name or file, or -e TEXT, not both")
    if inline is not None:
        return inline, None
    if query_arg is None:
        raise click.UsageError("which query? give a name (kg query --list), a .rq file, - for stdin, or -e TEXT")
    if query_arg == "-":
        return sys.stdin.read(), None
    if _QUERY_TEXT.match(query_arg):  # the query itself, given where a name or a file goes: take it as -e would
        return query_arg, None
    path = Path(query_arg)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):  # a name too long for a file, or one with a NUL in it
        is_file = False
    if query_arg.endswith(".rq") or "/" in query_arg or is_file:
        if not is_file:
            raise click.UsageError(f"no query file {query_arg}")
        return path.read_text(encoding="utf-8"), None
    library = load_library(library_dir)
    try:
        named = find_query(library, query_arg)
    except LibraryError as error:
        raise click.UsageError(str(error)) from None
    return named.text, named


def _names_entities(named: NamedQuery | None, params: tuple[str, ...]) -> bool:
    """True when some --param gives an entity parameter a value that is not already an id-shaped slug or IRI."""
    if named is None:
        return False
    for raw in params:
        name, _, value = raw.partition("=")
        parameter = next((p for p in named.parameters if p.name == name.partition(":")[0]), None)
        if parameter is not None and parameter.type == "entity" and not SLUG_RE.match(value.removeprefix("mx:")):
            return True
    return False


@click.command("query")
@click.argument("query_arg", metavar="[NAME | FILE.rq | -]", required=False)
@click.option("-e", "--expression", "inline", metavar="SPARQL", help="The query itself, inline.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@click.option("--show", is_flag=True, help="Print the query's text (with its header) instead of running it.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a parameter (repeatable), e.g. --param person=amlo. Ad-hoc queries: NAME[:TYPE]=VALUE.")
@format_option
@raw_option
@wide_option
@click.option("--engine", type=click.Choice(ENGINES), default="oxigraph", show_default=True,
              help="Local query engine (both give the same answers; Oxigraph is much faster on large graphs).")
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Stop the query after this many seconds (0: no limit locally).")
@_graph_dir_option
@click.option("--library", "library_dir", type=click.Path(file_okay=False, path_type=Path),
              default=DEFAULT_LIBRARY_DIR, show_default=True, help="Directory of named queries.")
@click.option("--endpoint", metavar="URL", help="Run against this SPARQL 1.1 Protocol endpoint instead of locally.")
@click.option("--graph-iri", metavar="IRI", default=DEFAULT_GRAPH_IRI, show_default=True,
              help="With --endpoint: the named graph to query as the default graph ('' for the server's own).")
@_auth_option
@click.option("--allow-service", is_flag=True,
              help="Let a local query's SERVICE clauses contact the servers they name (refused by default).")
@as_of_option
def query_command(query_arg, inline, list_queries, show, params, fmt, raw, wide, engine, timeout, graph_dir, library_dir,
                  endpoint, graph_iri, auth, allow_service, as_of) -> None:
    """Ask the graph a question in SPARQL: a named query from the library, a .rq file, or -e TEXT (the query text
    given in place of a name, starting with SELECT, ASK, CONSTRUCT, DESCRIBE, PREFIX or BASE, is taken the same way).

    The project's prefixes (kg:, mx:, kgc:, rdfs:, skos:, ...) are pre-bound. SELECT prints rows; ASK prints
    true/false and exits 0 or 1; CONSTRUCT and DESCRIBE print Turtle. Updates are refused.
    """
    if list_queries:
        write_stdout(list_library(load_library(library_dir), fmt))
        return
    text, named = resolve_query(query_arg, inline, library_dir)
    if show:
        write_stdout(text if text.endswith("\n") else text + "\n")
        return
    try:
        # The light gate only where Oxigraph parses the query itself (rdflib and remote stores get the full one).
        parsed = parse_query_light(text) if engine == "oxigraph" and not endpoint else parse_query(text)
    except QueryError as error:
        where = f"{named.path}: " if named else ""
        raise QueryError(f"{where}{error}") from None
    # Names in --param and labels in tables come from the local graph; against an endpoint it is optional.
    build = None
    if not endpoint or graph_dir.is_dir() and fmt == "table" or _names_entities(named, params):
        if not endpoint:
            require_graph_dir(graph_dir)
        build = check_graph(graph_dir, shapes=False)
        if not build.ok:
            if not endpoint:
                fail_if_errors(build, "run `kg validate` to see them", show=False)
            build = None
    if as_of is not None:
        if endpoint:
            raise click.UsageError("--as-of filters the local graph: it does not apply with --endpoint")
        build = view_as_of(build, as_of)
    index = None
    # Only a --param needs the index (and the model under it, seconds to read on a large graph).
    if build is not None and named is not None and params and any(p.type == "entity" for p in named.parameters):
        from ..query.lookup import EntityIndex

        index = EntityIndex(build.name_model(), build.vocab)  # names only: not the whole model
    try:
        bindings = bind_parameters(named, params, index=index)
    except LibraryError as error:
        raise click.UsageError(str(error)) from None
    try:
        if endpoint:
            from ..query.remote import Endpoint

            remote = Endpoint.from_env(endpoint, auth=auth, timeout=timeout or 60.0)
            result = remote.query(parsed, bindings, graph_iri or None)
        elif engine == "oxigraph":  # the store kept in the compiled-graph cache: opened, not loaded
            runner = OxigraphEngine(build.oxigraph_store())
            runner.allow_service = allow_service
            result = runner.run(parsed, bindings, timeout=timeout or None)
        else:
            runner = local_engine(engine, build.compiled, allow_service=allow_service)
            result = runner.run(parsed, bindings, timeout=timeout or None)
    except QueryError:
        if not endpoint and parsed.algebra is None:  # passed the light gate: say it as the full one would have
            try:
                parse_query(text)
            except QueryError as refused:
                raise QueryError(f"{f'{named.path}: ' if named else ''}{refused}") from None
        raise
    write_stdout(render_result(result, fmt, build.labels if build is not None and fmt == "table" else None, raw,
                               wide))
    if result.form == "SELECT" and fmt == "table":
        click.echo(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})", err=True)
    if result.form == "ASK" and not result.boolean:
        sys.exit(1)


@click.command("publish")
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL, e.g. http://localhost:8890/sparql-graph-crud-auth (Virtuoso).")
@click.option("--graph-iri", "graph_iri", default=DEFAULT_GRAPH_IRI, show_default=True, metavar="IRI",
              is_eager=True, help="The named graph to replace with the build.")
@graph_dir_option(type=str, default=str(DEFAULT_GRAPH_DIR), metavar="DIRECTORY", callback=_graph_dir_or_old_iri)
@click.option("--check", "check_url", metavar="URL",
              help="The store's SPARQL endpoint: after publishing, count the triples it holds in the graph.")
@_auth_option
@click.option("--timeout", type=click.FloatRange(min=1), default=300.0, show_default=True,
              help="Seconds to wait for the server.")
def publish_command(endpoint, graph_iri, graph_dir, check_url, auth, timeout) -> None:
    """Validate the graph and replace a named graph in a SPARQL 1.1 store with it (Graph Store Protocol PUT).

    No store at hand? `kg serve` gives a local read-only SPARQL endpoint without publishing; for a store that takes
    updates, see "The same questions on a real triple store" in docs/queries.md (Debian's Virtuoso on loopback).
    """
    from .progress import progress

    graph_iri = click.get_current_context().meta.get("old_graph_iri", graph_iri)
    try:
        Term.iri(graph_iri)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--graph-iri") from None

    with progress(1) as bar:
        bar.step("reading and checking")
        build = check_graph(graph_dir)
    fail_if_errors(build, "nothing published")
    assert build.compiled is not None
    expected = len(build.compiled)
    from ..query.remote import Endpoint

    with progress(1) as bar:
        bar.step("sending to the store")
        store = Endpoint.from_env(endpoint, auth=auth, timeout=timeout)
        status = store.put_graph(build.compiled.ntriples().encode("utf-8"), graph_iri, "application/n-triples")
    click.echo(f"published {expected} triples to <{graph_iri}> at {store.url} (HTTP {status})", err=True)
    if check_url:
        checker = Endpoint.from_env(check_url, auth=auth, timeout=timeout)
        check_url = checker.url  # without any credentials written into it
        held = checker.count_triples(graph_iri)
        if held != expected:
            raise UserError(f"the store holds {held} triples in <{graph_iri}>, not the {expected} sent: the "
                        "publication is incomplete")
        click.echo(f"checked: {check_url} holds {held} triples in <{graph_iri}>", err=True)


# Errors of a query or a store name no verb: they read "kg: ..." as the SPARQL docs show them.
query_command.error_prefix = "kg"  # type: ignore[attr-defined]
publish_command.error_prefix = "kg"  # type: ignore[attr-defined]
