"""The reader's pages over the sample store: what a person sees, in both languages, and the feeds."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from warta.serve import create_app

from serve_store import PUTIN, article_id, sample_store

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(sample_store())) as opened:
        yield opened


class Outline(HTMLParser):
    """The parts of a page the tests look at: links, headings, the html lang, images."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[dict[str, str | None], str]] = []
        self.headings: list[int] = []
        self.lang: str | None = None
        self.images: list[dict[str, str | None]] = []
        self.landmarks: set[str] = set()
        self._open: dict[str, str | None] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("main", "nav", "header", "footer", "aside"):
            self.landmarks.add(tag)
        if tag == "img":
            self.images.append(found)
        if tag == "a":
            self._open, self._text = found, ""

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self.links.append((self._open, self._text))
            self._open = None


def page(client: TestClient, url: str, status: int = 200) -> tuple[str, Outline]:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    outline = Outline()
    outline.feed(response.text)
    assert outline.lang in ("id", "en") and {"main", "nav", "header", "footer"} <= outline.landmarks
    assert outline.headings and outline.headings[0] == 1 and outline.headings.count(1) == 1
    # Headings go down one level at a time (a screen reader's outline has no holes).
    assert all(b <= a + 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False))
    assert all(img.get("alt") is not None for img in outline.images)
    return response.text, outline


def test_home_has_latest_popular_and_search(client: TestClient) -> None:
    html, outline = page(client, "/")
    assert "Berita Terkini" in html and "Populer" in html and "24 jam terakhir" in html
    assert 'role="search"' in html and '<label for="site-search">' in html
    titles = [text for attrs, text in outline.links if (attrs.get("href") or "").startswith("/articles/")]
    assert "Google Umbar Kelemahan Galaxy S6 Edge" in titles
    assert any((attrs.get("href") or "").startswith("/entities/") for attrs, _ in outline.links)


def test_article_page_highlights_entities_and_shows_quotes(client: TestClient) -> None:
    html, _ = page(client, f"/articles/{article_id('Presiden Rusia')}")
    assert '<h1 id="article-title">Presiden Rusia Vladimir Putin Akan Berkunjung ke Korea Utara</h1>' in html
    body = html[html.index('<div class="body">') : html.index("</article>")]
    assert f'<a class="ent ent-per" href="/entities/{PUTIN}" title="Vladimir Putin">Vladimir Putin</a>' in body
    assert f'href="/entities/{PUTIN}" title="Vladimir Putin">Putin</a>' in body  # the short name, linked too
    panel = html[html.index('class="quotes-panel"') :]
    assert "Programnya sangat padat" in panel and "Yuri Ushakov" in panel and "penasihat" in panel
    assert "Oleh Redaksi</span>" in html and "Editor: Donny Yosua" in html
    assert "Baca juga" in html and "Peristiwa" in html


def test_article_page_has_its_image_and_caption(client: TestClient) -> None:
    html, outline = page(client, f"/articles/{article_id('Menteri Yuddy')}")
    assert outline.images and outline.images[0]["src"].startswith("http://assets.kompas.com/")  # type: ignore[union-attr]
    assert "<figure>" in html


def test_entity_page_has_chart_quotes_and_co_mentions(client: TestClient) -> None:
    html, outline = page(client, f"/entities/{PUTIN}")
    assert "<h1>Vladimir Putin</h1>" in html and "Sering disebut bersama" in html
    assert any(text == "Kim Jong Un" for _, text in outline.links)
    assert f'href="/feeds/entities/{PUTIN}"' in html
    dated, _ = page(client, "/entities/loc:jakarta")
    assert '<svg class="chart"' in dated and "<rect " in dated and '<table class="days">' in dated


def test_search_quotes_stories_pages(client: TestClient) -> None:
    html, _ = page(client, "/search?q=korea+utara")
    assert "<mark>Korea</mark>" in html and "Presiden Rusia" in html
    assert 'href="/feeds/search?q=korea%20utara"' in html
    html, _ = page(client, "/quotes?speaker=Almaraja+Limbong")
    assert "Almaraja Limbong" in html and "wisuda bukanlah akhir" in html
    html, _ = page(client, "/stories")
    story_ids = re.findall(r'href="/stories/(\d+)"', html)
    assert story_ids
    html, _ = page(client, f"/stories/{story_ids[0]}")
    assert "Linimasa cerita" in html and 'href="/articles/' in html
    page(client, "/quotes?limit=2")  # a page with a pager


def test_errors_are_pages_for_people(client: TestClient) -> None:
    html, _ = page(client, "/articles/99999", status=404)
    assert "Halaman tidak ditemukan" in html
    html, _ = page(client, "/search?q=-", status=422)
    assert "no words to look for" in html


def test_language_switch_by_parameter_then_cookie(client: TestClient) -> None:
    client.cookies.clear()
    html, outline = page(client, "/?lang=en")
    assert outline.lang == "en" and "Latest news" in html and "Berita Terkini" not in html
    html, outline = page(client, f"/entities/{PUTIN}")  # the cookie remembers
    assert outline.lang == "en" and "Often named with" in html
    switch = [attrs for attrs, text in outline.links if text == "Bahasa Indonesia"]
    assert switch and switch[0]["href"] == f"/entities/{PUTIN}?lang=id"
    html, outline = page(client, "/?lang=id")
    assert outline.lang == "id" and "Berita Terkini" in html
    client.cookies.clear()


def _feed(client: TestClient, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for tag in ("title", "id", "updated"):
        assert root.find(f"{ATOM}{tag}") is not None
    return root


def test_atom_feeds_parse(client: TestClient) -> None:
    search = _feed(client, "/feeds/search?q=putin")
    entries = search.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "Presiden Rusia Vladimir Putin Akan Berkunjung ke Korea Utara"
    ]
    assert all(e.findtext(f"{ATOM}id") and e.findtext(f"{ATOM}updated") for e in entries)
    entity = _feed(client, "/feeds/entities/loc:indonesia")
    assert len(entity.findall(f"{ATOM}entry")) == 2
    story_id = client.get(f"/api/articles/{article_id('Google Umbar')}").json()["story_id"]
    story = _feed(client, f"/feeds/stories/{story_id}")
    assert story.findall(f"{ATOM}entry")
