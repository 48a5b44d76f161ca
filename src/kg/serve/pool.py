"""The server's pool of worker processes: requests run side by side, each within its own time limit, and no client can
take every worker.

A request waits for a place among its client's running requests (`per_client` at a time, by address), then for an idle
worker; the time it waits counts towards its limit. A worker whose request runs past the limit, or whose client went
away, is killed (the query in it cannot be stopped any other way) and replaced by a fresh fork of the host: the other
workers go on answering meanwhile. After the graph is reloaded, workers forked before the reload finish the request
they hold and leave; new requests go to workers that see the new graph.
"""

from __future__ import annotations

import asyncio
import os
import signal
import struct
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .host import FRAME_LENGTH, EngineHost, HostGone

# Requests that may wait for one client's turn, and for a worker overall, before new ones are turned away at once.
CLIENT_QUEUE = 64
POOL_QUEUE = 512


class TimedOut(Exception):
    """The request's time ran out (waiting for a worker, or in one)."""


class Busy(Exception):
    """Too many requests are waiting: this one is turned away without waiting (`per_client`: the client's own)."""

    def __init__(self, message: str, per_client: bool):
        super().__init__(message)
        self.per_client = per_client


class WorkerLost(Exception):
    """The worker stopped without an answer (it crashed or ran out of memory)."""


@dataclass(eq=False)
class Worker:
    pid: int
    pidfd: int | None
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    generation: int

    def kill(self) -> None:
        try:
            if self.pidfd is not None:
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            else:  # pragma: no cover - kernels before 5.3
                os.kill(self.pid, signal.SIGKILL)
        except (ProcessLookupError, OSError):
            pass
        self.close()

    def close(self) -> None:
        self.writer.close()
        if self.pidfd is not None:
            try:
                os.close(self.pidfd)
            except OSError:
                pass
            self.pidfd = None


@dataclass
class _Client:
    running: int = 0
    waiting: deque = field(default_factory=deque)


def _open_pidfd(pid: int) -> int | None:
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):  # pragma: no cover - kernels before 5.3
        return None


class WorkerPool:
    """`size` workers forked from `host`; `call()` runs one request on one of them."""

    def __init__(self, host: EngineHost, size: int, per_client: int):
        self.host = host
        self.size = max(1, size)
        self.per_client = max(1, min(per_client, self.size))
        self.generation = 0
        self._idle: deque[Worker] = deque()
        self._waiting: deque[asyncio.Future] = deque()  # requests waiting for a worker, first come first served
        self._live = 0  # workers alive or being made, of the current generation
        self._clients: dict[str, _Client] = {}
        self._host_lock = asyncio.Lock()  # one conversation with the host at a time
        self._closed = False

    # ------------------------------------------------------------------ workers
    async def start(self) -> None:
        for _ in range(self.size):
            self._live += 1
            await self._add_worker()

    async def _add_worker(self) -> None:
        """Fork one worker for the current generation and hand it to a waiting request or the idle list."""
        generation = self.generation
        try:
            async with self._host_lock:
                pid, sock = await asyncio.to_thread(self.host.spawn)
        except HostGone:
            self._live -= 1
            self._fail_waiting(WorkerLost("the process holding the graph is gone"))
            return
        sock.setblocking(False)
        reader, writer = await asyncio.open_unix_connection(sock=sock, limit=1 << 20)
        worker = Worker(pid, _open_pidfd(pid), reader, writer, generation)
        if generation != self.generation:  # the graph was reloaded meanwhile
            worker.close()
            return
        self._release(worker)

    def _replace(self) -> None:
        """Start a worker in place of one that is gone (killed, or of an old generation)."""
        if self._closed or self._live >= self.size:
            return
        self._live += 1
        asyncio.get_running_loop().create_task(self._add_worker())

    def _release(self, worker: Worker) -> None:
        if worker.generation != self.generation:
            worker.close()  # the worker ends when its socket closes
            self._replace()
            return
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    def _lost(self, worker: Worker) -> None:
        worker.kill()
        if worker.generation == self.generation:
            self._live -= 1
        self._replace()

    def _fail_waiting(self, error: Exception) -> None:
        if self._live > 0:
            return
        while self._waiting:
            waiter = self._waiting.popleft()
            if not waiter.done():
                waiter.set_exception(error)

    async def renew(self) -> None:
        """The graph changed in the host: from now on, requests go to newly forked workers."""
        self.generation += 1
        old = list(self._idle)
        self._idle.clear()
        for worker in old:
            worker.close()
        self._live = 0
        for _ in range(self.size):
            self._replace()

    async def reload(self) -> Any:
        """Ask the host to reload the graph (workers keep answering meanwhile); then renew the workers."""
        async with self._host_lock:
            outcome = await asyncio.to_thread(self.host.reload)
        if getattr(outcome, "changed", False):
            await self.renew()
        return outcome

    async def close(self) -> None:
        self._closed = True
        for worker in self._idle:
            worker.close()
        self._idle.clear()
        await asyncio.to_thread(self.host.close)

    # ------------------------------------------------------------------ requests
    async def call(self, client: str, request: Any, timeout: float | None) -> Any:
        """The reply of a worker to `request`, within `timeout` seconds from now (None: no limit)."""
        loop = asyncio.get_running_loop()
        deadline = None if not timeout else loop.time() + timeout

        def left() -> float | None:
            return None if deadline is None else max(0.0, deadline - loop.time())

        slot = self._clients.setdefault(client, _Client())
        try:
            await self._client_turn(slot, left)
            try:
                worker = await self._worker(left)
                return await self._run(worker, request, left)
            finally:
                slot.running -= 1
                self._next_of(slot)
        finally:
            if not slot.running and not slot.waiting:
                self._clients.pop(client, None)

    async def _client_turn(self, slot: _Client, left: Callable[[], float | None]) -> None:
        if slot.running < self.per_client and not slot.waiting:
            slot.running += 1
            return
        if len(slot.waiting) >= CLIENT_QUEUE:
            raise Busy(f"this address already has {slot.running} queries running and {len(slot.waiting)} waiting",
                       per_client=True)
        turn = asyncio.get_running_loop().create_future()
        slot.waiting.append(turn)
        try:
            await asyncio.wait_for(turn, left())
        except (TimeoutError, asyncio.CancelledError) as stop:
            if turn.done() and not turn.cancelled():  # given the turn just as time ran out: pass it on
                slot.running -= 1
                self._next_of(slot)
            else:
                turn.cancel()
                try:
                    slot.waiting.remove(turn)
                except ValueError:
                    pass
            if isinstance(stop, TimeoutError):
                raise TimedOut from None
            raise

    def _next_of(self, slot: _Client) -> None:
        while slot.waiting and slot.running < self.per_client:
            turn = slot.waiting.popleft()
            if not turn.done():
                slot.running += 1
                turn.set_result(None)

    async def _worker(self, left: Callable[[], float | None]) -> Worker:
        while self._idle:
            worker = self._idle.pop()  # the most recently used: its memory is warm
            if worker.reader.at_eof():  # it died while idle (killed from outside, out of memory)
                self._lost(worker)
                continue
            if worker.generation == self.generation:
                return worker
            worker.close()
            self._replace()
        if len(self._waiting) >= POOL_QUEUE:
            raise Busy(f"{len(self._waiting)} queries are waiting for the server", per_client=False)
        if self._live == 0:
            self._replace()
        waiter = asyncio.get_running_loop().create_future()
        self._waiting.append(waiter)
        try:
            return await asyncio.wait_for(waiter, left())
        except (TimeoutError, asyncio.CancelledError) as stop:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self._release(waiter.result())  # handed a worker just as time ran out: pass it on
            else:
                waiter.cancel()
            if isinstance(stop, TimeoutError):
                raise TimedOut from None
            raise

    async def _run(self, worker: Worker, request: Any, left: Callable[[], float | None]) -> Any:
        import pickle

        body = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            worker.writer.write(FRAME_LENGTH.pack(len(body)) + body)
            reply = await asyncio.wait_for(self._reply(worker), left())
        except TimeoutError:
            self._lost(worker)
            raise TimedOut from None
        except asyncio.CancelledError:  # the client went away: its query must not go on running
            self._lost(worker)
            raise
        except (ConnectionError, EOFError, asyncio.IncompleteReadError, OSError, struct.error):
            self._lost(worker)
            raise WorkerLost("the query engine stopped without an answer (out of memory?)") from None
        self._release(worker)
        return reply

    @staticmethod
    async def _reply(worker: Worker) -> Any:
        import pickle

        await worker.writer.drain()
        head = await worker.reader.readexactly(FRAME_LENGTH.size)
        (length,) = FRAME_LENGTH.unpack(head)
        return pickle.loads(await worker.reader.readexactly(length))  # noqa: S301 - our own forked worker

