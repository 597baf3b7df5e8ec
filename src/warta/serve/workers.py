"""Running the server in several processes (``warta serve --workers N``).

Each worker process gets a listening socket of its own, all bound to the same port with
``SO_REUSEPORT``, so the kernel spreads new connections over the workers. With one socket shared
by every worker (uvicorn's ``workers=N``), the worker that woke first accepted every pending
connection at once (asyncio accepts a whole backlog per wake-up): kept-alive clients piled onto one
process while the other idled, and the load benchmark's runs came out at either about 190 or about
350 requests/s depending on how a burst of 20 connections happened to land (benchmarks/serve_load.py).

The sockets are bound with ``IPPROTO_TCP``: uvicorn's own binding, ``socket.socket(family)``,
leaves the protocol 0, and asyncio turns Nagle's algorithm off (``TCP_NODELAY``) only on sockets
whose protocol says TCP, so every answer on a kept-alive connection waited for the client's delayed
ACK (44 ms for a 2 ms request).

The workers are forked children running uvicorn's ``Server`` on their socket; the parent waits,
and on Ctrl-C or SIGTERM stops them (each finishes its requests in flight). A worker that dies is
not restarted: the parent then stops the others and exits with an error, so a supervisor (systemd,
a container runtime) can restart the whole server.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sys
from types import FrameType

import uvicorn

from warta.errors import ConfigurationError

__all__ = ["listening_socket", "listening_sockets", "run_workers"]

#: What each worker process imports and calls to build its app (settings come through the environment).
APP_FACTORY = "warta.serve.app:app_from_environment"


def listening_socket(host: str, port: int, *, reuse_port: bool = False) -> socket.socket:
    """A TCP socket bound to ``host:port`` (with ``SO_REUSEPORT`` when asked), inheritable."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def listening_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """``count`` sockets on one port (port 0: the first one's), for one worker each."""
    first = listening_socket(host, port, reuse_port=True)
    chosen = first.getsockname()[1]
    return [first, *(listening_socket(host, chosen, reuse_port=True) for _ in range(count - 1))]


def _serve(config: uvicorn.Config, sock: socket.socket) -> None:
    uvicorn.Server(config).run(sockets=[sock])


class _Stop(Exception):
    pass


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def run_workers(db: str, *, host: str, port: int, workers: int, immutable: bool) -> None:
    """Serve the store at ``db`` with ``workers`` uvicorn processes until interrupted."""
    if not hasattr(socket, "SO_REUSEPORT") or "fork" not in multiprocessing.get_all_start_methods():
        raise ConfigurationError("--workers above 1 needs SO_REUSEPORT and fork (Linux, BSD, macOS); use --workers 1")
    os.environ["WARTA_SERVE_DB"] = db
    os.environ["WARTA_SERVE_IMMUTABLE"] = "1" if immutable else ""
    config = uvicorn.Config(APP_FACTORY, factory=True, host=host, port=port, log_level="warning", server_header=False)
    sockets = listening_sockets(host, port, workers)
    context = multiprocessing.get_context("fork")
    children = [
        context.Process(target=_serve, args=(config, sock), name=f"warta-serve-{n}") for n, sock in enumerate(sockets)
    ]
    previous = signal.signal(signal.SIGTERM, _stop)
    failed = False
    try:
        for child in children:
            child.start()
        for sock in sockets:
            sock.close()  # the workers hold them now
        multiprocessing.connection.wait([child.sentinel for child in children])
        failed = True  # a worker ended on its own
    except (KeyboardInterrupt, _Stop):
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for child in children:
            if child.is_alive():
                child.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for child in children:
            child.join(timeout=30)
            if child.is_alive():
                child.kill()
                child.join()
    if failed:
        print("warta serve: a worker process stopped; the server stops with it", file=sys.stderr)
        raise SystemExit(1)
