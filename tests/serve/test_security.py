"""The reader does not run what a page brings: a crafted page with scripts, javascript: links and
on* attributes is ingested and every page that shows it is checked. And the guards: headers,
body size limit."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from warta.ingest import ingest
from warta.serve import create_app
from warta.store import open_store

_PARAGRAPH = (
    "<p>JAKARTA - Presiden Joko Widodo tiba di Jakarta pada Senin (17/6/2024) setelah kunjungan kerja ke "
    "Surabaya, Jawa Timur. <a href=\"javascript:alert('link')\" onmouseover=\"alert('hover')\">Baca di sini</a>. "
    "Menurut Menteri Sekretaris Negara Pratikno, kunjungan itu membahas pembangunan pelabuhan "
    "&lt;script&gt;alert('text')&lt;/script&gt; dan jalan tol di wilayah timur Indonesia.</p>"
    "<script>alert('inline')</script>"
    '<p onclick="alert(\'click\')">"Kita ingin pembangunan merata," kata Jokowi di Istana Merdeka, Jakarta. '
    "<img src=x onerror=\"alert('img')\"> Ia menambahkan bahwa anggaran untuk proyek itu sudah disiapkan "
    "oleh Kementerian Keuangan dan akan dicairkan bulan depan.</p>"
)
CRAFTED = f"""<!doctype html>
<html><head><meta charset="utf-8">
<title>Jokowi &lt;script&gt;alert('title')&lt;/script&gt; tiba di Jakarta</title>
<meta property="og:title" content="Jokowi &lt;img src=x onerror=alert('og')&gt; tiba di Jakarta">
<meta property="og:url" content="javascript:alert('url')">
<meta property="og:image" content="javascript:alert('image')">
<meta property="og:description" content="&lt;svg onload=alert('desc')&gt;">
<meta name="author" content="&lt;b onmouseover=alert('author')&gt;Redaksi">
<meta property="article:published_time" content="2024-06-17T10:00:00+07:00">
<script>alert('head')</script>
</head><body onload="alert('body')">
<article><h1 onclick="alert('h1')">Jokowi &lt;script&gt;alert('h1')&lt;/script&gt; tiba di Jakarta</h1>
{_PARAGRAPH * 3}
</article></body></html>
"""


class Audit(HTMLParser):
    """Every script tag, event-handler attribute and script URL in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed"):
            self.bad.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"{tag} {name}={value}")
            if name in ("href", "src", "action", "formaction") and value:
                scheme = value.strip().lower().split(":", 1)[0]
                if ":" in value and scheme in ("javascript", "data", "vbscript"):
                    self.bad.append(f"{tag} {name}={value}")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("xss")
    (folder / "crafted.html").write_text(CRAFTED, encoding="utf-8")
    db = folder / "x.db"
    with open_store(db) as store:
        ingest(store, [str(folder / "crafted.html")])
    with TestClient(create_app(db, max_body=4096)) as opened:
        yield opened


def _audit(html: str) -> list[str]:
    audit = Audit()
    audit.feed(html)
    return audit.bad


def test_a_crafted_page_runs_nothing_in_the_reader(client: TestClient) -> None:
    article = client.get("/api/articles?limit=1").json()["items"][0]
    found = client.get(f"/api/articles/{article['id']}").json()
    entity_keys = [e["key"] for e in found["entities"]][:3]
    urls = [
        "/",
        f"/articles/{article['id']}",
        "/search?q=jokowi",
        "/search?q=script",
        "/quotes",
        "/stories",
        *(f"/entities/{k}" for k in entity_keys),
    ]
    if found["story_id"]:
        urls.append(f"/stories/{found['story_id']}")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _audit(response.text) == [], url
        assert "alert(" not in response.text or "&lt;" in response.text, url
    reader = client.get(f"/articles/{article['id']}").text
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in reader  # the text is there, as text
    assert "Presiden" in reader and 'class="ent ent-per"' in reader


def test_feeds_escape_too(client: TestClient) -> None:
    feed = client.get("/feeds/search?q=jokowi")
    assert feed.status_code == 200 and b"<script" not in feed.content and b"javascript:" not in feed.content


def test_security_headers_on_every_response(client: TestClient) -> None:
    for url in ("/", "/api/articles", "/static/warta.css", "/api/articles/999", "/nothing"):
        headers = client.get(url).headers
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_body_size_limit(client: TestClient) -> None:
    big = b"<p>" + b"kata " * 2000 + b"</p>"
    response = client.post("/api/extract", content=big, headers={"content-type": "text/html"})
    assert response.status_code == 413 and response.json()["error"] == "body_too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts what arrives
        for _ in range(10):
            yield b"x" * 1000

    response = client.post("/api/extract", content=chunks(), headers={"content-type": "text/plain"})
    assert response.status_code == 413 and response.json()["error"] == "body_too_large"


def test_templates_autoescape_everything() -> None:
    from warta.serve.render import Renderer

    env = Renderer().env
    assert env.autoescape is True
    names = env.list_templates()
    assert names and all(n.endswith(".html") for n in names)
    source = Path(__file__).resolve().parents[2] / "src" / "warta" / "serve" / "templates"
    for path in source.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b", text) and "autoescape false" not in text, path.name
        assert "<script" not in text and "style=" not in text, path.name
