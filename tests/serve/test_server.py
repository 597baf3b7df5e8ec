"""``warta serve`` for real: uvicorn in a subprocess on a free loopback port, read with urllib."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from serve_store import running_server, sample_store


@pytest.mark.parametrize("options", [[], ["--workers", "2"]], ids=["one-process", "two-workers"])
def test_warta_serve_answers_pages_and_api(options: list[str]) -> None:
    with running_server(sample_store(), *options) as base:
        with urllib.request.urlopen(base + "/", timeout=5) as response:
            home = response.read().decode()
            headers = response.headers
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
