"""`kg serve`: the built graph as a local, read-only SPARQL endpoint, with the explorer page beside it."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from ..core.errors import UserError
from .common import graph_option

LOOPBACK = "127.0.0.1"


@click.command("serve")
@graph_option
@click.option("--host", default=LOOPBACK, show_default=True,
              help="Address to listen on. The default answers only this machine; another address shares the graph "
                   "with your network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port.")
@click.option("--engine", type=click.Choice(("oxigraph", "rdflib")), default="oxigraph", show_default=True,
              help="Query engine.")
@click.option("--timeout", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="Stop a query after this many seconds (0: no limit).")
@click.option("--max-rows", type=click.IntRange(min=0), default=10_000, show_default=True,
              help="Refuse a result with more rows (or triples) than this, rather than cut it short (0: no cap).")
def serve_command(graph_dir: Path, host: str, port: int, engine: str, timeout: float, max_rows: int) -> None:
    """Serve the graph over the SPARQL 1.1 Protocol at http://HOST:PORT/sparql (JSON, XML, CSV, TSV results; Turtle
    for CONSTRUCT and DESCRIBE), the explorer page at /, and each entity's Turtle at /id/<id>. Read-only.

    Stop it with Ctrl-C.
    """
    import uvicorn

    from ..serve.app import make_app
    from .common import checked_graph

    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    result = checked_graph(graph_dir, f"in {graph_dir}/: fix them first (kg validate)")
    app = make_app(result, engine=engine, timeout=timeout, max_rows=max_rows)
    # uvicorn's own log stays quiet below errors; kg prints the one line that matters (the address, or why not).
    config = uvicorn.Config(app, host=host, port=port, log_level="critical", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    if not loopback:
        click.echo(f"kg serve: note: listening on {host}, so other machines can reach the endpoint", err=True)
    shown = f"[{host}]" if ":" in host else host

    original_startup = server.startup

    async def startup(sockets=None) -> None:
        await original_startup(sockets)
        bound = port
        for listener in getattr(server, "servers", []):
            for sock in listener.sockets:
                bound = sock.getsockname()[1]
        click.echo(f"serving {len(result.compiled)} triples: SPARQL at http://{shown}:{bound}/sparql, explorer at "
                   f"http://{shown}:{bound}/ (Ctrl-C stops)", err=True)

    server.startup = startup
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    except SystemExit:  # uvicorn exits this way when it cannot bind; say it the way every kg error is said
        pass
    if not server.started:
        raise UserError(f"could not listen on {host}:{port} (in use? try --port)")
