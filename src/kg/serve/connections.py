"""Connections to `kg serve`: bounded in number and in time, so that idle or slow clients cannot take the server.

uvicorn's HTTP/1.1 protocol (h11) with four limits added, per connection:

- a client has `read_timeout` seconds to send a whole request (headers and body) once it starts one, or from the
  moment it connects: a connection that says nothing, or sends its headers a byte at a time (slowloris), is closed;
- between requests a kept-alive connection stays open `idle_timeout` seconds (uvicorn's keep-alive timeout);
- a response the client does not read (its window stays full) is given up after `write_timeout` seconds;
- at most `max_connections` are open: when one more arrives, the connection that has been waiting longest without a
  request in progress is closed to make room, so a flood of idle connections cannot keep a real client out. A
  connection whose request is being answered is never closed this way.

A request line and headers over 64 kB get a 400 that says so (a long query belongs in a POST body).
"""

from __future__ import annotations

import asyncio
import resource
from collections import OrderedDict
from dataclasses import dataclass

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_HEADER_BYTES = 64 * 1024


@dataclass
class ConnectionLimits:
    max_connections: int = 1000
    read_timeout: float = 10.0
    idle_timeout: float = 5.0
    write_timeout: float = 30.0


class _Registry:
    """Every open connection, and those waiting for a request in the order they started waiting."""

    def __init__(self, limits: ConnectionLimits):
        self.limits = limits
        self.open: set[GuardedProtocol] = set()
        self.waiting: OrderedDict[GuardedProtocol, None] = OrderedDict()
        self.evicted = 0

    def make_room(self) -> bool:
        """Close the longest-waiting idle connection if the server is full; False if it is full of busy ones."""
        while len(self.open) >= self.limits.max_connections:
            if not self.waiting:
                return False
            oldest, _ = self.waiting.popitem(last=False)
            self.evicted += 1
            oldest.drop()
        return True


class GuardedProtocol(H11Protocol):
    """uvicorn's h11 protocol with the limits above; `registry` is set on the subclass made by `guarded_protocol`."""

    registry: _Registry

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._read_timer: asyncio.TimerHandle | None = None
        self._write_timer: asyncio.TimerHandle | None = None
        if not self.registry.make_room():
            self.drop()
            return
        self.registry.open.add(self)
        self._start_reading()
        self._track()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_timers()
        self.registry.open.discard(self)
        self.registry.waiting.pop(self, None)
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._read_timer is None and not self._busy():
            self._start_reading()
        super().data_received(data)
        self._track()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._track()

    def _busy(self) -> bool:
        """Whether a whole request is in and being answered."""
        cycle = self.cycle
        return (cycle is not None and not cycle.response_complete
                and self.conn.their_state in (h11.DONE, h11.MUST_CLOSE))

    def _track(self) -> None:
        """A connection being answered has no reading deadline and is never evicted; any other waits in line."""
        if self.transport.is_closing():
            return
        if self._busy():
            if self._read_timer is not None:
                self._read_timer.cancel()
                self._read_timer = None
            self.registry.waiting.pop(self, None)
        elif self not in self.registry.waiting:
            self.registry.waiting[self] = None

    def _start_reading(self) -> None:
        self._read_timer = self.loop.call_later(self.registry.limits.read_timeout, self._read_deadline)

    def _read_deadline(self) -> None:
        self._read_timer = None
        if not self._busy():
            self.drop()

    def pause_writing(self) -> None:
        super().pause_writing()
        if self._write_timer is None:
            self._write_timer = self.loop.call_later(self.registry.limits.write_timeout, self.drop)

    def resume_writing(self) -> None:
        super().resume_writing()
        if self._write_timer is not None:
            self._write_timer.cancel()
            self._write_timer = None

    def send_400_response(self, msg: str) -> None:
        super().send_400_response(
            "Invalid HTTP request received: a malformed request, or a request line and headers over "
            f"{MAX_HEADER_BYTES // 1024} kB (send a long query by POST, in the body)."
        )

    def _stop_timers(self) -> None:
        for name in ("_read_timer", "_write_timer"):
            timer = getattr(self, name, None)
            if timer is not None:
                timer.cancel()
                setattr(self, name, None)

    def drop(self) -> None:
        """Close the connection now (the client was too slow, or room is needed)."""
        self._stop_timers()
        self.registry.waiting.pop(self, None)
        self.registry.open.discard(self)  # now: its connection_lost comes later, and the room is needed now
        if not self.transport.is_closing():
            self.transport.abort()


def guarded_protocol(limits: ConnectionLimits) -> type[GuardedProtocol]:
    """A protocol class for uvicorn's `http=` setting with these limits (one registry per server)."""
    return type("KgHttpProtocol", (GuardedProtocol,), {"registry": _Registry(limits)})


def raise_open_files_limit(connections: int) -> int:
    """Raise this process's limit of open files (soft, up to the hard one) to hold `connections` and some spare;
    returns how many connections fit."""
    spare = 256
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = connections + spare
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if wanted > soft:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    return max(16, min(connections, soft - spare))
