"""Running the server in several processes (``warta serve --workers N``).

uvicorn's own ``workers=N`` binds its listening socket as ``socket.socket(family)``, with protocol
0; asyncio turns Nagle's algorithm off (``TCP_NODELAY``) only on sockets whose protocol says TCP,
so every answer on a kept-alive connection then waited for the client's delayed ACK: 44 ms for a
2 ms request (benchmarks/serve_load.py). Here the socket is bound with ``IPPROTO_TCP``: accepted
connections inherit it, and asyncio sets ``TCP_NODELAY`` as it does for one process.
"""

from __future__ import annotations

import os
import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

__all__ = ["run_workers"]

#: What each worker process imports and calls to build its app (settings come through the environment).
APP_FACTORY = "warta.serve.app:app_from_environment"


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host:port``, inheritable by the worker processes."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def run_workers(db: str, *, host: str, port: int, workers: int, immutable: bool) -> None:
    """Serve the store at ``db`` with ``workers`` uvicorn processes until interrupted."""
    os.environ["WARTA_SERVE_DB"] = db
    os.environ["WARTA_SERVE_IMMUTABLE"] = "1" if immutable else ""
    config = uvicorn.Config(
        APP_FACTORY, factory=True, workers=workers, host=host, port=port, log_level="warning", server_header=False
    )
    sock = listening_socket(host, port)
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        sock.close()
