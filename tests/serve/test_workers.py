"""``warta serve --workers``: a socket per worker on one port, each making asyncio turn Nagle's
algorithm off; the workers share the connections and stop with the server."""

from __future__ import annotations

import asyncio
import os
import socket
import time
from pathlib import Path

from warta.serve.workers import listening_socket, listening_sockets

from serve_store import sample_store, serving


async def _nodelay_of_accepted(sock: socket.socket) -> int:
    seen: list[int] = []

    async def accepted(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conn = writer.get_extra_info("socket")
        seen.append(conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()

    server = await asyncio.start_server(accepted, sock=sock)
    port = sock.getsockname()[1]
    async with server:
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
    return seen[0]


def test_accepted_connections_get_tcp_nodelay() -> None:
    sock = listening_socket("127.0.0.1", 0)
    assert sock.proto == socket.IPPROTO_TCP
    assert asyncio.run(_nodelay_of_accepted(sock)) != 0


def test_a_socket_without_its_protocol_does_not() -> None:
    """Why listening_socket names the protocol: uvicorn's socket.socket(family) leaves it 0."""
    sock = socket.socket(socket.AF_INET)
    sock.bind(("127.0.0.1", 0))
    assert asyncio.run(_nodelay_of_accepted(sock)) == 0


def test_each_worker_gets_its_own_socket_on_one_port() -> None:
    sockets = listening_sockets("127.0.0.1", 0, 3)
    try:
        ports = {s.getsockname()[1] for s in sockets}
        assert len(sockets) == 3 and len(ports) == 1 and 0 not in ports
        assert all(s.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) for s in sockets)
        assert all(s.proto == socket.IPPROTO_TCP for s in sockets)
    finally:
        for s in sockets:
            s.close()


def test_two_workers_share_the_connections_and_stop_with_the_server() -> None:
    with serving(sample_store(), "--workers", "2") as (base, server):
        port = int(base.rsplit(":", 1)[1])
        children = [int(p) for p in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()]
        # 40 kept-open connections: the kernel spreads them over the two workers' sockets.
        held = [socket.create_connection(("127.0.0.1", port)) for _ in range(40)]
        time.sleep(0.5)
        owners = sorted((len(_established(child, port)) for child in children), reverse=True)
        for conn in held:
            conn.close()
        assert sum(owners) == 40 and owners[1] >= 5, owners  # two workers, each with a fair share
    assert server.returncode == 0  # stopped by SIGTERM, cleanly
    for child in children:
        status = Path(f"/proc/{child}/status")
        assert not status.exists() or "zombie" in status.read_text().lower()  # the workers stopped too


def _established(pid: int, port: int) -> list[str]:
    """The inodes of the established TCP connections process ``pid`` holds on local ``port``."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for line in Path(f"/proc/{pid}/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, state, inode = fields[1], fields[3], fields[9]
        if int(local.split(":")[1], 16) == port and state == "01" and inode in inodes:
            found.append(inode)
    return found
