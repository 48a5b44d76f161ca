"""The process that holds the graph for `kg serve`, and the worker processes it forks to answer requests.

`kg serve` forks the host before its HTTP server starts, while the command is still one thread. The host reads the
graph (the build cache makes that fast), keeps it — the model and an in-memory query engine — and then does two things
only, one at a time, on its control socket: fork a worker when the server asks for one, and reload the graph when its
files changed. Being single-threaded, it can fork safely at any moment; a worker is a copy of it that shares the
graph's memory and answers one request at a time on a socket of its own.

A query is stopped by killing the worker that runs it (a thread cannot be stopped): the server then asks for a fresh
worker, which costs a fork of the host, not a load of the graph. Every process here dies with its parent (Linux's
parent-death signal, and end of file on its socket), so no worker outlives the server.

Messages on the sockets are pickles with a length in front. Both ends are this program, forked from one process:
nothing on these sockets comes from outside the machine's user.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import select
import signal
import socket
import struct
import sys
from collections.abc import Callable
from typing import Any

FRAME_LENGTH = struct.Struct("!Q")  # each message's length, in front of it
_PR_SET_PDEATHSIG = 1


class HostGone(Exception):
    """The host process is not there any more (it crashed, or was killed)."""


def send_message(sock: socket.socket, message: Any, fds: list[int] | None = None) -> None:
    """One pickled message (and, with `fds`, open file descriptors passed along with its first byte)."""
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    data = FRAME_LENGTH.pack(len(body)) + body
    if fds:
        sent = socket.send_fds(sock, [data[:1]], fds)
        data = data[sent:]
    sock.sendall(data)


def receive_message(sock: socket.socket, with_fds: bool = False) -> tuple[Any, list[int]]:
    """The next message and any descriptors that came with it; raises EOFError when the other end closed."""
    fds: list[int] = []
    if with_fds:
        data, fds, _, _ = socket.recv_fds(sock, 1, 4)
        if not data:
            raise EOFError
        head = data + _receive_exactly(sock, FRAME_LENGTH.size - 1)
    else:
        head = _receive_exactly(sock, FRAME_LENGTH.size)
    (length,) = FRAME_LENGTH.unpack(head)
    return pickle.loads(_receive_exactly(sock, length)), fds  # noqa: S301 - our own forked process


def _receive_exactly(sock: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent exits (no-op elsewhere)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


class Handler:
    """What the host does; `kg.serve.resident.Resident` is the real one (tests may give a small one)."""

    def ready(self) -> Any:
        """Load the graph; the outcome is sent to the server as the host's first message."""
        raise NotImplementedError

    def reload(self) -> Any:
        """Bring the graph up to date with its files; the outcome is sent to the server."""
        raise NotImplementedError

    def answer(self, request: Any) -> Any:
        """A worker's reply to one request (never raises)."""
        raise NotImplementedError

    def in_worker(self) -> None:
        """Called once in each new worker, before its first request."""


class EngineHost:
    """The server's end of the host: start it, ask it for workers and reloads. Its methods block: call them from a
    thread, one at a time."""

    def __init__(self, pid: int, control: socket.socket):
        self.pid = pid
        self._control = control

    @classmethod
    def start(cls, make_handler: Callable[[], Handler]) -> tuple[EngineHost, Any]:
        """Fork the host, which makes its handler and loads the graph; returns the host and what `ready()` gave."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the host: never returns
            status = 1
            try:
                ours.close()
                _host_main(theirs, make_handler)
                status = 0
            except BaseException:  # noqa: BLE001 - a host that failed leaves; the server reports it
                import traceback

                traceback.print_exc()
            finally:
                os._exit(status)
        theirs.close()
        host = cls(pid, ours)
        try:
            outcome, _ = receive_message(ours)
        except (EOFError, OSError):
            host.close()
            raise HostGone("the process holding the graph stopped while reading it") from None
        return host, outcome

    def _ask(self, message: Any, fds: list[int] | None = None) -> Any:
        try:
            send_message(self._control, message, fds)
            reply, _ = receive_message(self._control)
        except (EOFError, OSError):
            raise HostGone("the process holding the graph is gone") from None
        return reply

    def spawn(self) -> tuple[int, socket.socket]:
        """A new worker: its process id and the server's end of its socket."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            pid = self._ask(("spawn",), [theirs.fileno()])
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        return pid, ours

    def reload(self) -> Any:
        """Ask the host to bring the graph up to date; workers forked after this see the new graph."""
        return self._ask(("reload",))

    def close(self) -> None:
        """Stop the host (its workers die with it)."""
        try:
            self._control.close()
        finally:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                os.waitpid(self.pid, 0)
            except ChildProcessError:
                pass


def _quiet_signals() -> None:
    # Ctrl-C reaches the whole process group: the server stops, and its children follow it, not the keyboard.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _host_main(control: socket.socket, make_handler: Callable[[], Handler]) -> None:
    die_with_parent()
    _quiet_signals()
    handler = make_handler()
    send_message(control, handler.ready())
    while True:
        _reap()
        readable, _, _ = select.select([control], [], [], 1.0)
        if not readable:
            continue
        try:
            message, fds = receive_message(control, with_fds=True)
        except EOFError:
            return
        if message[0] == "spawn":
            send_message(control, _fork_worker(control, fds[0], handler))
            os.close(fds[0])
        elif message[0] == "reload":
            send_message(control, handler.reload())


def _reap() -> None:
    """Collect the exit status of workers that ended (killed at a timeout, or done), so none stays a zombie."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _fork_worker(control: socket.socket, fd: int, handler: Handler) -> int:
    pid = os.fork()
    if pid:
        return pid
    status = 1
    try:  # the worker: never returns
        control.close()
        die_with_parent()
        handler.in_worker()
        _worker_main(socket.socket(fileno=fd), handler)
        status = 0
    except BaseException:  # noqa: BLE001
        pass
    finally:
        os._exit(status)


def _worker_main(sock: socket.socket, handler: Handler) -> None:
    while True:
        try:
            request, _ = receive_message(sock)
        except EOFError:
            return
        send_message(sock, handler.answer(request))
