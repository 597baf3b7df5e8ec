"""``warta serve`` for real: uvicorn in a subprocess on a free loopback port, read with urllib."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from serve_store import sample_store


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("options", [[], ["--workers", "2"]], ids=["one-process", "two-workers"])
def test_warta_serve_answers_pages_and_api(options: list[str]) -> None:
    port = _free_port()
    env = {**os.environ, "WARTA_API_TOKEN": ""}
    server = subprocess.Popen(
        [sys.executable, "-m", "warta", "serve", "--db", str(sample_store()), "--port", str(port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=5) as response:
                    home = response.read().decode()
                    headers = response.headers
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "warta serve did not start within 30 s"
                time.sleep(0.2)
        assert "Berita Terkini" in home and '<html lang="id">' in home
        assert "default-src 'self'" in headers["content-security-policy"]
        with urllib.request.urlopen(base + "/api/articles?limit=2", timeout=5) as response:
            listing = json.loads(response.read())
        assert len(listing["items"]) == 2 and listing["next_offset"] == 2
        try:
            urllib.request.urlopen(base + "/api/articles/99999", timeout=5)
            raise AssertionError("an unknown article must be a 404")
        except urllib.error.HTTPError as exc:
            assert exc.code == 404 and json.loads(exc.read())["error"] == "not_found"
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout:
            server.stdout.close()
        if server.stderr:
            server.stderr.close()
