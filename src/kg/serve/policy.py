"""Who may talk to `kg serve`, and how much they may send: the checks every request passes before the app sees it.

- **Host names.** The server answers only requests addressed to a name it serves: `localhost` and loopback addresses
  by default, the address it listens on, and the names given with `--allow-host`. A web page cannot then reach it
  through a name of its own that it points at 127.0.0.1 (DNS rebinding): the browser sends that name as `Host`, and
  the request is refused. An address written as numbers cannot be rebound, so numeric hosts are accepted when the
  server listens on them (or on all addresses).
- **Other sites' pages.** A page from another site may not make the browser query the server: a request a browser
  marks as coming from another site (its `Origin`, or `Sec-Fetch-Site`) is refused, unless its origin was allowed
  with `--cors-origin`, or it is the user following a link to a page (a top-level navigation). Allowed origins also
  get CORS headers, so that a SPARQL client running in their pages (YASGUI) can read the answers. Clients that are
  not browsers (curl, SPARQLWrapper, `kg query --endpoint`) send neither header and are not affected.
- **Size.** A request body over `max_body` bytes is refused (413) before it is read whole.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

LOOPBACK_NAMES = frozenset({"localhost"})
_WILDCARDS = ("0.0.0.0", "::", "")


def host_name(value: str) -> str:
    """The name in a Host header, without its port, brackets or final dot, lower-cased."""
    value = value.strip().lower()
    if value.startswith("["):
        name = value[1:value.find("]")] if "]" in value else value[1:]
    elif value.count(":") == 1:
        name = value.partition(":")[0]
    else:
        name = value
    return name.rstrip(".")


def _ip(name: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        return None


class HostPolicy:
    """Which Host names the server answers to."""

    def __init__(self, listen_host: str, allowed: Iterable[str] = ()):
        self.names = set(LOOPBACK_NAMES) | {host_name(n) for n in allowed}
        listen = host_name(listen_host)
        self.any_address = listen in _WILDCARDS
        self.listen_ip = _ip(listen)
        if self.listen_ip is None and listen:
            self.names.add(listen)

    def allows(self, name: str) -> bool:
        if name in self.names:
            return True
        address = _ip(name)
        if address is None:
            return False
        return address.is_loopback or self.any_address or address == self.listen_ip

    def describe(self) -> str:
        return ", ".join(sorted(self.names | {"127.0.0.1", "::1"}))


def _text(status: int, message: str, extra: list[tuple[bytes, bytes]] | None = None) -> tuple[int, list, bytes]:
    body = (message.rstrip("\n") + "\n").encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
               *(extra or [])]
    return status, headers, body


class RequestPolicy:
    """ASGI middleware applying the checks above, then handing the request (its body read) to `app`."""

    def __init__(self, app: Any, *, hosts: HostPolicy, cors_origins: Iterable[str] = (), max_body: int = 2_000_000):
        self.app = app
        self.hosts = hosts
        self.cors_origins = {o.rstrip("/") for o in cors_origins}
        self.max_body = max_body

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers: dict[bytes, list[bytes]] = {}
        for name, value in scope["headers"]:
            headers.setdefault(name, []).append(value)
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await _respond(send, *refusal)
            return
        origin = _one(headers, b"origin")
        cors = [(b"access-control-allow-origin", origin.encode("latin-1")), (b"vary", b"Origin")] \
            if origin in self.cors_origins else []
        if scope["method"] == "OPTIONS" and cors:  # a CORS preflight from an allowed origin
            await _respond(send, 204, [*cors, (b"access-control-allow-methods", b"GET, POST"),
                                       (b"access-control-allow-headers", b"Accept, Content-Type"),
                                       (b"access-control-max-age", b"600")], b"")
            return
        body = b""
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            length = _one(headers, b"content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                await _respond(send, *self._too_large(), close=True)
                return
            chunks, size = [], 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_body:
                    await _respond(send, *self._too_large(), close=True)
                    return
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
            body = b"".join(chunks)
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: waits for the client to go away

        async def send_with_cors(message: dict) -> None:
            if cors and message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *cors]}
            await send(message)

        await self.app(scope, replay, send_with_cors)

    def _too_large(self) -> tuple[int, list, bytes]:
        return _text(413, f"the request body is over {self.max_body:,} bytes, more than this endpoint accepts "
                          "(kg serve --max-body)")

    def _refusal(self, scope: dict, headers: dict[bytes, list[bytes]]) -> tuple[int, list, bytes] | None:
        hosts = headers.get(b"host", [])
        if len(hosts) > 1:
            return _text(400, "refused: more than one Host header")
        if hosts:
            name = host_name(hosts[0].decode("latin-1"))
            if not self.hosts.allows(name):
                return _text(400, f"refused: this server answers as {self.hosts.describe()}, not as `{name}` "
                                  "(kg serve --allow-host NAME adds a name)")
        origin = _one(headers, b"origin")
        site = _one(headers, b"sec-fetch-site")
        own = hosts[0].decode("latin-1").strip().lower() if hosts else ""
        if origin is not None:
            if origin.rstrip("/") in self.cors_origins or origin.lower() == f"{scope.get('scheme', 'http')}://{own}":
                return None
        elif site in (None, "same-origin", "none"):
            return None
        followed_link = (_one(headers, b"sec-fetch-mode") == "navigate" and _one(headers, b"sec-fetch-dest")
                         in ("document", None) and scope["method"] == "GET")
        if followed_link:
            return None
        return _text(403, "refused: a page from another site may not query this server (kg serve --cors-origin "
                          "ORIGIN allows one)")


def _one(headers: dict[bytes, list[bytes]], name: bytes) -> str | None:
    values = headers.get(name)
    return values[0].decode("latin-1").strip() if values else None


async def _respond(send: Any, status: int, headers: list, body: bytes, close: bool = False) -> None:
    if close:
        headers = [*headers, (b"connection", b"close")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
