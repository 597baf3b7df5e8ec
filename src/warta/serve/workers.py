"""Running the server in several processes (``warta serve --workers N``).

**One accepting process, connections handed out evenly.** The parent process listens on the port,
accepts each connection and passes it (its file descriptor, over a Unix socket pair) to the worker
holding the fewest open connections; each worker tells the parent when one of its connections
closes. Kept-alive clients therefore end up spread evenly over the workers, however they arrive.
Two earlier ways left them uneven, and a worker holding more connections answers each of them later:

- one listening socket shared by every worker (uvicorn's ``workers=N``): the worker that woke first
  accepted every pending connection at once (asyncio accepts a whole backlog per wake-up), and the
  load benchmark's runs came out at either about 190 or about 350 requests/s depending on how a burst
  of 20 connections landed (benchmarks/serve_load.py);
- a ``SO_REUSEPORT`` socket per worker: the kernel picks a worker by a hash of the connection's
  addresses, so 20 connections split 13/7 or 12/8 as often as 10/10, and the busier worker's clients
  waited about a third longer.

The sockets are TCP sockets by protocol (``IPPROTO_TCP``): uvicorn's own binding,
``socket.socket(family)``, leaves the protocol 0, and asyncio turns Nagle's algorithm off
(``TCP_NODELAY``) only on sockets whose protocol says TCP, so every answer on a kept-alive connection
waited for the client's delayed ACK (44 ms for a 2 ms request). The parent sets ``TCP_NODELAY`` on
each connection it accepts as well.

The workers are forked children running uvicorn's ``Server`` without a listening socket of their
own. On Ctrl-C or SIGTERM the parent stops accepting and stops them (each finishes its requests in
flight). A worker that dies is not restarted: the parent then stops the others and exits with an
error, so a supervisor (systemd, a container runtime) can restart the whole server.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import multiprocessing
import multiprocessing.connection
import os
import selectors
import signal
import socket
import sys
from types import FrameType
from typing import Any

import uvicorn

from warta.errors import ConfigurationError

__all__ = ["Dispatcher", "listening_socket", "run_workers"]

#: What each worker process imports and calls to build its app (settings come through the environment).
APP_FACTORY = "warta.serve.app:app_from_environment"

#: What a worker sends the parent when one of its connections has closed.
_CLOSED = b"-"
#: How often the parent retries handing out connections that found every worker's channel full.
_RETRY_SECONDS = 0.005


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket (by protocol number, see the module docstring) bound to ``host:port``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


class Dispatcher:
    """The parent's side: accepts connections on ``listener`` and hands each to the worker (one
    ``channel`` each, a ``SOCK_SEQPACKET`` Unix socket) with the fewest open connections; among
    equals, the one handed fewest so far.

    A busy worker's channel holds only so many connections not yet taken (its socket buffer: about
    280): past that a connection goes to the next worker, and when every channel is full it waits
    here (``waiting``), and nothing more is accepted (the kernel's backlog holds the rest) until a
    worker has taken some."""

    def __init__(self, listener: socket.socket, channels: list[socket.socket]) -> None:
        self.listener = listener
        self.channels = channels
        self.open = [0] * len(channels)
        self.handed = [0] * len(channels)
        self.waiting: collections.deque[socket.socket] = collections.deque()
        self.listener.setblocking(False)
        for channel in channels:
            channel.setblocking(False)

    def hand_out(self, conn: socket.socket) -> bool:
        """Pass ``conn`` to the worker with the fewest connections whose channel has room; False
        when none has."""
        for worker in sorted(range(len(self.channels)), key=lambda n: (self.open[n], self.handed[n])):
            try:
                socket.send_fds(self.channels[worker], [b"c"], [conn.fileno()])
            except OSError:  # its channel is full (a busy worker), or it has ended: the next one
                continue
            self.open[worker] += 1
            self.handed[worker] += 1
            return True
        return False

    def flush(self) -> None:
        """Hand out the connections waiting for room, oldest first, as far as there is room."""
        while self.waiting and self.hand_out(self.waiting[0]):
            self.waiting.popleft().close()

    def accept(self) -> None:
        """Hand out every connection waiting to be accepted (none while some wait for room)."""
        self.flush()
        while not self.waiting:
            try:
                conn, _ = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # out of file descriptors, a connection reset before accept, ...
                print(f"warta serve: could not accept a connection: {exc}", file=sys.stderr)
                return
            if conn.family in (socket.AF_INET, socket.AF_INET6):
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.hand_out(conn):
                conn.close()  # the worker holds it now
            else:
                self.waiting.append(conn)

    def closed(self, worker: int) -> bool:
        """Count the closes ``worker`` has reported (a message each); False when its channel has
        closed (it ended)."""
        while True:
            try:
                message = self.channels[worker].recv(16)
            except (BlockingIOError, InterruptedError):
                return True
            if not message:
                return False
            self.open[worker] = max(0, self.open[worker] - 1)

    def run(self, sentinels: list[int]) -> None:
        """Dispatch until a worker ends (its process ``sentinel`` becomes readable) or the wait is
        interrupted (KeyboardInterrupt or another exception raised by a signal handler)."""
        self.listener.listen(2048)
        with selectors.DefaultSelector() as selector:
            selector.register(self.listener, selectors.EVENT_READ, None)
            for n, channel in enumerate(self.channels):
                selector.register(channel, selectors.EVENT_READ, n)
            for sentinel in sentinels:
                selector.register(sentinel, selectors.EVENT_READ, -1)
            while True:
                # While connections wait for room, look again every few milliseconds.
                for key, _ in selector.select(_RETRY_SECONDS if self.waiting else None):
                    if key.data == -1 or (key.data is not None and not self.closed(key.data)):
                        return
                self.accept()


class _HandedServer(uvicorn.Server):
    """uvicorn's server taking the connections the parent accepted (over ``channel``) instead of
    listening itself, and telling the parent when each one closes."""

    def __init__(self, config: uvicorn.Config, channel: socket.socket) -> None:
        super().__init__(config)
        self._channel = channel
        self._connecting: set[asyncio.Task[None]] = set()  # held so they are not collected midway

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=[])  # the app's lifespan and the server's state; no listener
        self._channel.setblocking(False)
        asyncio.get_running_loop().add_reader(self._channel.fileno(), self._receive)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        asyncio.get_running_loop().remove_reader(self._channel.fileno())
        await super().shutdown(sockets)

    def _receive(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            try:
                message, fds, _, _ = socket.recv_fds(self._channel, 16, 1)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                message, fds = b"", []
            if not message and not fds:  # the parent has gone: stop
                loop.remove_reader(self._channel.fileno())
                self.should_exit = True
                return
            for fd in fds:
                task = loop.create_task(self._connect(socket.socket(fileno=fd)))
                self._connecting.add(task)
                task.add_done_callback(self._connecting.discard)

    async def _connect(self, sock: socket.socket) -> None:
        try:
            await asyncio.get_running_loop().connect_accepted_socket(self._protocol, sock)
        except OSError:
            sock.close()
            self._report_closed()

    def _protocol(self) -> asyncio.Protocol:
        config = self.config
        make: Any = config.http_protocol_class  # built as uvicorn's own startup builds it
        protocol: Any = make(config=config, server_state=self.server_state, app_state=self.lifespan.state)
        lost = protocol.connection_lost

        def connection_lost(exc: Exception | None) -> None:
            lost(exc)
            self._report_closed()

        protocol.connection_lost = connection_lost
        return protocol  # type: ignore[no-any-return]

    def _report_closed(self) -> None:
        with contextlib.suppress(OSError):  # the parent has gone: the worker stops on reading that
            self._channel.send(_CLOSED)


def _serve(config: uvicorn.Config, channel: socket.socket, others: list[socket.socket]) -> None:
    for other in others:
        other.close()  # the parent's ends and the listener stay with the parent
    _HandedServer(config, channel).run()


class _Stop(Exception):
    pass


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def run_workers(db: str, *, host: str, port: int, workers: int, immutable: bool) -> None:
    """Serve the store at ``db`` with ``workers`` uvicorn processes until interrupted."""
    if not hasattr(socket, "send_fds") or "fork" not in multiprocessing.get_all_start_methods():
        raise ConfigurationError("--workers above 1 needs Unix sockets and fork (Linux, BSD, macOS); use --workers 1")
    os.environ["WARTA_SERVE_DB"] = db
    os.environ["WARTA_SERVE_IMMUTABLE"] = "1" if immutable else ""
    config = uvicorn.Config(APP_FACTORY, factory=True, host=host, port=port, log_level="warning", server_header=False)
    listener = listening_socket(host, port)
    pairs = [socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET) for _ in range(workers)]
    parent_ends = [ours for ours, _ in pairs]
    context = multiprocessing.get_context("fork")
    children = [
        context.Process(target=_serve, args=(config, theirs, [listener, *parent_ends]), name=f"warta-serve-{n}")
        for n, (_, theirs) in enumerate(pairs)
    ]
    previous = signal.signal(signal.SIGTERM, _stop)
    failed = False
    try:
        for child in children:
            child.start()
        for _, theirs in pairs:
            theirs.close()  # the workers hold them now
        Dispatcher(listener, parent_ends).run([child.sentinel for child in children])
        failed = True  # a worker ended on its own
    except (KeyboardInterrupt, _Stop):
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        listener.close()
        for child in children:
            if child.is_alive():
                child.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for child in children:
            child.join(timeout=30)
            if child.is_alive():
                child.kill()
                child.join()
        for channel in parent_ends:
            channel.close()
    if failed:
        print("warta serve: a worker process stopped; the server stops with it", file=sys.stderr)
        raise SystemExit(1)
