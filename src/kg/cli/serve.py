"""`kg serve`: the built graph as a local, read-only SPARQL endpoint, with the explorer page beside it."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import click

from ..core.errors import UserError
from ..core.problems import Problems
from .common import GraphHasErrors, graph_option, report

LOOPBACK = "127.0.0.1"


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@click.command("serve")
@graph_option
@click.option("--host", default=LOOPBACK, show_default=True,
              help="Address to listen on. The default answers only this machine; another address shares the graph "
                   "with your network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port.")
@click.option("--engine", type=click.Choice(("oxigraph", "rdflib")), default="oxigraph", show_default=True,
              help="Query engine.")
@click.option("--timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Stop a query after this many seconds, waiting for a free worker included (0: no limit).")
@click.option("--max-rows", type=click.IntRange(min=0), default=10_000, show_default=True,
              help="Refuse a result with more rows (or triples) than this, rather than cut it short (0: no cap).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests addressed to this host name (repeatable). By default only localhost and "
                   "the addresses the server listens on are answered, which keeps web pages from reaching it "
                   "through names of their own (DNS rebinding).")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Let pages from this origin (e.g. https://yasgui.triply.cc) query the server and read the "
                   "answers (repeatable). By default pages from other sites may not.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Queries answered at once, each in a process of its own  [default: the number of cores + 1].")
@click.option("--max-client-queries", type=click.IntRange(min=1), default=None,
              help="Queries one address may have running at once; more wait their turn  [default: workers - 1].")
@click.option("--max-query", type=click.IntRange(min=1), default=1_000_000, show_default=True,
              help="Refuse a query text longer than this many characters.")
@click.option("--max-body", type=click.IntRange(min=1), default=2_000_000, show_default=True,
              help="Refuse a request body larger than this many bytes.")
@click.option("--max-connections", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Connections open at once; when full, the one idle the longest is closed for a new one.")
@click.option("--read-timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a client has to send a whole request, from connecting or starting one.")
@click.option("--idle-timeout", type=click.FloatRange(min=0.1), default=5.0, show_default=True,
              help="Seconds a kept-alive connection may stay idle between requests.")
@click.option("--max-memory", type=click.IntRange(min=0), default=2048, show_default=True,
              help="Megabytes of memory one query may take beyond the graph (0: no limit).")
@click.option("--reload/--no-reload", default=True, show_default=True,
              help="Read the graph again when its files change (only what changed is redone).")
def serve_command(graph_dir: Path, host: str, port: int, engine: str, timeout: float, max_rows: int,
                  allow_hosts: tuple[str, ...], cors_origins: tuple[str, ...], workers: int | None,
                  max_client_queries: int | None, max_query: int, max_body: int, max_connections: int,
                  read_timeout: float, idle_timeout: float, max_memory: int, reload: bool) -> None:
    """Serve the graph over the SPARQL 1.1 Protocol at http://HOST:PORT/sparql (JSON, XML, CSV, TSV results, a table
    for a browser; Turtle for CONSTRUCT and DESCRIBE), the static site at / (as kg site writes it, the explorer at
    /explorer/), and each entity at /id/<id> (its page for a browser; Turtle, N-Triples or JSON-LD by Accept).
    Read-only; the graph is read again when its files change.

    Stop it with Ctrl-C.
    """
    from ..serve.server import ServerSettings, run_server, start_host

    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    for origin in cors_origins:
        if "://" not in origin or origin.rstrip("/").count("/") > 2:
            raise click.BadParameter(f"`{origin}` is not an origin (scheme://host[:port], e.g. https://yasgui.triply.cc)",
                                     param_hint="--cors-origin")
    size = workers or _cores() + 1
    settings = ServerSettings(
        graph_dir=graph_dir, host=host, port=port, engine=engine, timeout=timeout, max_rows=max_rows,
        allow_hosts=allow_hosts, cors_origins=cors_origins, workers=size,
        per_client=max_client_queries or max(1, size - 1), max_query=max_query, max_body=max_body,
        max_connections=max_connections, read_timeout=read_timeout, idle_timeout=idle_timeout,
        memory_mb=max_memory, reload=reload,
    )
    if not loopback:
        click.echo(f"kg serve: note: listening on {host}, so other machines can reach the endpoint", err=True)
    engine_host, loaded = start_host(settings)
    if not loaded.ok:
        engine_host.close()
        problems = Problems(list(loaded.problems))
        report(problems, quiet_warnings=True)
        raise GraphHasErrors(f"{len(problems.errors)} error(s): in {graph_dir}/: fix them first (kg validate)")
    if not run_server(settings, engine_host, loaded):
        raise UserError(f"could not listen on {host}:{port} (in use? try --port)")
