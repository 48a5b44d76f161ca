"""Running `kg serve`: the host process holding the graph, the pool of workers, the app behind its request policy,
uvicorn with bounded connections, and a watch on the graph's files that reloads it when they change."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

from .app import EndpointSettings, make_app
from .connections import MAX_HEADER_BYTES, ConnectionLimits, guarded_protocol, raise_open_files_limit
from .host import EngineHost
from .policy import HostPolicy, RequestPolicy
from .pool import WorkerPool
from .resident import Loaded, Resident, ServeSettings

RELOAD_INTERVAL = 1.0  # seconds between looks at the graph's files


@dataclass
class ServerSettings:
    graph_dir: Path
    host: str = "127.0.0.1"
    port: int = 8000
    engine: str = "oxigraph"
    timeout: float = 30.0
    max_rows: int = 10_000
    allow_hosts: tuple[str, ...] = ()
    cors_origins: tuple[str, ...] = ()
    workers: int = 3
    per_client: int = 2
    max_query: int = 1_000_000
    max_body: int = 2_000_000
    max_connections: int = 1000
    read_timeout: float = 10.0
    idle_timeout: float = 5.0
    memory_mb: int = 2048
    reload: bool = True


def start_host(settings: ServerSettings) -> tuple[EngineHost, Loaded]:
    """Fork the process that reads and holds the graph; what it found comes back with it."""
    serve = ServeSettings(engine=settings.engine, max_rows=settings.max_rows, memory_mb=settings.memory_mb)
    return EngineHost.start(lambda: Resident(settings.graph_dir, serve))


def files_signature(*folders: Path) -> tuple:
    """What changes when a file under the folders is added, removed, renamed or written (size, times, inode)."""
    found = []
    for folder in folders:
        for root, dirs, files in os.walk(folder, followlinks=True):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                try:
                    info = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                found.append((root, name, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))
    return tuple(found)


def _say(message: str) -> None:
    print(f"kg serve: {message}", file=sys.stderr, flush=True)


async def _watch(settings: ServerSettings, pool: WorkerPool) -> None:
    """Reload the graph when its files change (the ontology's too), one reload at a time."""
    from ..load.vocabulary import ONTOLOGY_DIR

    folders = (settings.graph_dir, ONTOLOGY_DIR)
    seen = await asyncio.to_thread(files_signature, *folders)
    while True:
        await asyncio.sleep(RELOAD_INTERVAL)
        now = await asyncio.to_thread(files_signature, *folders)
        if now == seen:
            continue
        seen = now
        started = time.perf_counter()
        outcome: Loaded = await pool.reload()
        took = time.perf_counter() - started
        if not outcome.ok:
            for problem in sorted(p for p in outcome.problems if p.severity == "error"):
                print(str(problem), file=sys.stderr, flush=True)
            errors = sum(p.severity == "error" for p in outcome.problems)
            _say(f"{errors} error(s) in {settings.graph_dir}/: still serving the previous graph (fix them and save)")
        elif outcome.changed:
            _say(f"reloaded {settings.graph_dir}/ in {took:.2f} s: {outcome.triples} triples "
                 f"(+{outcome.added} −{outcome.removed})")


def run_server(settings: ServerSettings, host: EngineHost, loaded: Loaded) -> bool:
    """Serve until interrupted; False if the address could not be bound."""
    import uvicorn

    connections = raise_open_files_limit(settings.max_connections)
    pool = WorkerPool(host, settings.workers, settings.per_client)

    @contextlib.asynccontextmanager
    async def lifespan(app) -> AsyncIterator[None]:
        await pool.start()
        watcher = asyncio.ensure_future(_watch(settings, pool)) if settings.reload else None
        try:
            yield
        finally:
            if watcher is not None:
                watcher.cancel()
            await pool.close()
            app.state.endpoint.close()

    app = make_app(pool, EndpointSettings(timeout=settings.timeout, max_query=settings.max_query))
    app.router.lifespan_context = lifespan
    guarded = RequestPolicy(app, hosts=HostPolicy(settings.host, settings.allow_hosts),
                            cors_origins=settings.cors_origins, max_body=settings.max_body)
    limits = ConnectionLimits(max_connections=connections, read_timeout=settings.read_timeout,
                              idle_timeout=settings.idle_timeout)
    config = uvicorn.Config(guarded, host=settings.host, port=settings.port, log_level="critical", access_log=False,
                            lifespan="on", http=guarded_protocol(limits), timeout_keep_alive=settings.idle_timeout,
                            h11_max_incomplete_event_size=MAX_HEADER_BYTES, backlog=2048)
    server = uvicorn.Server(config)
    shown = f"[{settings.host}]" if ":" in settings.host else settings.host
    original_startup = server.startup

    async def startup(sockets=None) -> None:
        await original_startup(sockets)
        bound = settings.port
        for listener in getattr(server, "servers", []):
            for sock in listener.sockets:
                bound = sock.getsockname()[1]
        if server.started:
            print(f"serving {loaded.triples} triples: the site at http://{shown}:{bound}/ (entities at /id/<slug>, "
                  f"the explorer at /explorer/), SPARQL at http://{shown}:{bound}/sparql (Ctrl-C stops)",
                  file=sys.stderr, flush=True)

    server.startup = startup
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    except SystemExit:  # uvicorn exits this way when it cannot bind; say it the way every kg error is said
        pass
    finally:
        host.close()
    return bool(server.started)
