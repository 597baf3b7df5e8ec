"""``warta serve --workers``: the parent accepts on a TCP socket (so asyncio turns Nagle's algorithm
off) and hands each connection to the worker holding the fewest; the workers share the connections
evenly and stop with the server."""

from __future__ import annotations

import asyncio
import gc
import os
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi.testclient import TestClient

from warta.serve.app import SERVER_GC_THRESHOLD, create_app
from warta.serve.workers import Dispatcher, listening_socket

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


def _received(channel: socket.socket) -> int:
    """How many connections the parent handed over ``channel`` (closing them)."""
    count = 0
    channel.setblocking(False)  # (recv_fds leaves out its flags argument before Python 3.12)
    while True:
        try:
            _, fds, _, _ = socket.recv_fds(channel, 16, 1)
        except BlockingIOError:
            return count
        for fd in fds:
            handed = socket.socket(fileno=fd)
            assert handed.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
            handed.close()
            count += 1


@contextmanager
def _dispatching(
    workers: int, *, channel_buffer: int | None = None
) -> Iterator[tuple[Dispatcher, list[socket.socket], Callable[[int], None]]]:
    """A dispatcher on a loopback port with ``workers`` channels; the workers' ends; and a function
    opening that many client connections to it (all closed afterwards)."""
    listener = listening_socket("127.0.0.1", 0)
    listener.listen(128)
    pairs = [socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET) for _ in range(workers)]
    if channel_buffer is not None:
        for ours, _ in pairs:
            ours.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, channel_buffer)
    dispatcher = Dispatcher(listener, [ours for ours, _ in pairs])
    port = listener.getsockname()[1]
    clients: list[socket.socket] = []

    def connect(count: int) -> None:
        clients.extend(socket.create_connection(("127.0.0.1", port)) for _ in range(count))
        time.sleep(0.2)

    try:
        yield dispatcher, [theirs for _, theirs in pairs], connect
    finally:
        for conn in clients:
            conn.close()
        listener.close()
        for ours, theirs in pairs:
            ours.close()
            theirs.close()


def test_the_dispatcher_hands_each_connection_to_the_worker_with_fewest() -> None:
    with _dispatching(3) as (dispatcher, ends, connect):
        connect(7)
        dispatcher.accept()
        assert [_received(end) for end in ends] == [3, 2, 2]
        assert dispatcher.open == [3, 2, 2]
        # Worker 0 reports two closed connections: it now holds the fewest and gets the next one; then
        # all hold two, and the one handed fewest so far (worker 1 before 2) gets the one after.
        ends[0].send(b"-")
        ends[0].send(b"-")
        assert dispatcher.closed(0) and dispatcher.closed(0)
        assert dispatcher.open == [1, 2, 2]
        connect(2)
        dispatcher.accept()
        assert [_received(end) for end in ends] == [1, 1, 0]
        assert dispatcher.open == [2, 3, 2]
        # A worker whose end has closed is reported as gone.
        ends[2].close()
        assert not dispatcher.closed(2)


def test_a_burst_waits_in_the_parent_while_the_workers_channels_are_full() -> None:
    """A busy worker's channel holds only so many connections not yet taken: the rest wait in the
    parent, nothing more is accepted meanwhile, and all are handed out once the workers take
    theirs; nothing is lost or raised. (The channels' buffers are made small here: by default
    one holds about 280.)"""
    with _dispatching(2, channel_buffer=4096) as (dispatcher, ends, connect):
        connect(60)
        dispatcher.accept()  # the workers take nothing yet
        assert dispatcher.waiting and sum(dispatcher.handed) < 60
        received = 0
        for _ in range(100):
            received += sum(_received(end) for end in ends)
            dispatcher.accept()
            if received == 60:
                break
        assert received == 60 and sum(dispatcher.handed) == 60 and not dispatcher.waiting


def test_two_workers_share_the_connections_and_stop_with_the_server() -> None:
    with serving(sample_store(), "--workers", "2") as (base, server):
        port = int(base.rsplit(":", 1)[1])
        children = [int(p) for p in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()]
        # 40 kept-open connections: the parent hands them out evenly.
        held = [socket.create_connection(("127.0.0.1", port)) for _ in range(40)]
        # A worker still starting takes its connections once it is up: wait until all are taken.
        for _ in range(100):
            owners = sorted((len(_established(child, port)) for child in children), reverse=True)
            if sum(owners) == 40:
                break
            time.sleep(0.1)
        for conn in held:
            conn.close()
        assert owners == [20, 20], owners  # two workers, each with half
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


def test_a_server_process_freezes_its_startup_objects_and_collects_young_ones_less_often() -> None:
    threshold = gc.get_threshold()
    try:
        with TestClient(create_app(sample_store(), immutable=True)) as client:  # a library's app: untouched
            assert client.get("/api/articles?limit=1").status_code == 200
            assert gc.get_threshold() == threshold
        with TestClient(create_app(sample_store(), immutable=True, server_process=True)) as client:
            assert client.get("/api/articles?limit=1").status_code == 200
            assert gc.get_threshold()[0] == SERVER_GC_THRESHOLD and gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
