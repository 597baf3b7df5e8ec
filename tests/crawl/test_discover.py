"""Article links from real index pages (bundled golden pages of 2015-16) and from feeds."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from warta.crawl.discover import from_section, from_xml, parse_feed_date
from warta.crawl.sites import all_sites, site_named
from warta.extract.dates import WIB

from conftest import GOLDEN


@pytest.mark.parametrize(
    ("name", "site_id", "base", "at_least"),
    [
        ("anpandu-kompas-mainpage.html.gz", "kompas", "https://www.kompas.com/", 10),
        ("anpandu-liputan6-mainpage.html.gz", "liputan6", "https://www.liputan6.com/", 20),
        ("anpandu-okezone-mainpage.html.gz", "okezone", "https://www.okezone.com/", 10),
    ],
)
def test_a_real_index_page_gives_article_links_only(name: str, site_id: str, base: str, at_least: int) -> None:
    site = site_named(site_id)
    found = from_section(
        gzip.decompress((GOLDEN / "pages" / name).read_bytes()), base, site.article_pattern, site.domains
    )
    assert len(found.articles) >= at_least
    assert all(site.article_pattern.search(url) and site.matches(url.split("/")[2]) for url in found.articles)
    assert len(set(found.articles)) == len(found.articles)


def test_atom_and_rss1_feeds() -> None:
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
    <entry><title>a</title><link rel="alternate" href="https://example.co.id/a"/>
    <link rel="edit" href="/edit/a"/></entry>
    <entry><title>b</title><link href="/b"/></entry></feed>"""
    assert from_xml(atom, "https://example.co.id/feed", 10**6).articles == (
        "https://example.co.id/a",
        "https://example.co.id/b",
    )
    rdf = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
    <item><link>https://example.co.id/c</link></item></rdf:RDF>"""
    assert from_xml(rdf, "https://example.co.id/", 10**6).articles == ("https://example.co.id/c",)


def test_xml_entities_are_not_expanded() -> None:
    evil = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <rss><channel><item><link>https://example.co.id/&x;</link></item></channel></rss>"""
    found = from_xml(evil, "https://example.co.id/", 10**6)
    assert not any("root:" in url for url in found.articles)


def test_links_keep_their_ampersands_after_an_xml_error() -> None:
    # A blank line before the XML declaration and an HTML entity are errors; libxml2's recover mode
    # then dropped every later named reference, and "?a=1&amp;b=2" came out as "?a=1b=2".
    body = b"""
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Berita &nbsp; terkini</title>
<item><title>A</title><link>https://example.co.id/read/1?a=1&amp;b=2</link></item>
<item><title>B AT&T</title><link>https://example.co.id/read/2?id=7&amp;page=2</link></item>
</channel></rss>"""
    found = from_xml(body, "https://example.co.id/", 10**6)
    assert found.articles == ("https://example.co.id/read/1?a=1&b=2", "https://example.co.id/read/2?id=7&page=2")
    latin1 = "<rss><channel><item><title>Caf\xe9 &hellip;</title><link>https://example.co.id/c?x=1&amp;y=2</link>"
    latin1 += "</item></channel></rss>"
    prolog = b'<?xml version="1.0" encoding="iso-8859-1"?>\n'
    found = from_xml(prolog + latin1.encode("latin-1"), "https://example.co.id/", 10**6)
    assert found.articles == ("https://example.co.id/c?x=1&y=2",)


def test_every_bundled_site_has_a_seed_and_a_pagination_rule() -> None:
    for site in all_sites():
        assert site.seeds(), site.id
        assert site.pagination.style in ("none", "query", "path")


_SINCE = datetime(2024, 6, 18, tzinfo=WIB)


@pytest.mark.parametrize(
    ("body", "kept", "older"),
    [
        (  # a news sitemap: the publication date wins over lastmod; no date at all is kept
            b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
            xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
            <url><loc>https://x.id/new</loc><news:news><news:publication_date>2024-06-18T09:00:00+07:00
            </news:publication_date></news:news><lastmod>2024-01-01</lastmod></url>
            <url><loc>https://x.id/old</loc><news:news><news:publication_date>2024-06-17T23:59:00+07:00
            </news:publication_date></news:news></url>
            <url><loc>https://x.id/undated</loc></url></urlset>""",
            ("https://x.id/new", "https://x.id/undated"),
            1,
        ),
        (  # lastmod as a date, in WIB; an image's <image:loc> is not the page's link
            b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
            xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
            <url><image:image><image:loc>https://x.id/foto.jpg</image:loc></image:image>
            <loc>https://x.id/a</loc><lastmod>2024-06-18</lastmod></url>
            <url><loc>https://x.id/b</loc><lastmod>2024-06-17</lastmod></url></urlset>""",
            ("https://x.id/a",),
            1,
        ),
        (  # a sitemap index: old monthly sitemaps are not fetched
            b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <sitemap><loc>https://x.id/2024-05.xml</loc><lastmod>2024-05-31T23:00:00Z</lastmod></sitemap>
            <sitemap><loc>https://x.id/2024-06.xml</loc><lastmod>2024-06-18T03:00:00Z</lastmod></sitemap>
            </sitemapindex>""",
            (),
            1,
        ),
        (  # RSS pubDate in RFC 822; an unreadable date is kept
            b"""<rss><channel>
            <item><link>https://x.id/r1</link><pubDate>Tue, 18 Jun 2024 08:00:00 +0700</pubDate></item>
            <item><link>https://x.id/r2</link><pubDate>Mon, 17 Jun 2024 08:00:00 +0700</pubDate></item>
            <item><link>https://x.id/r3</link><pubDate>kemarin sore</pubDate></item></channel></rss>""",
            ("https://x.id/r1", "https://x.id/r3"),
            1,
        ),
        (  # Atom: updated
            b"""<feed xmlns="http://www.w3.org/2005/Atom">
            <entry><link href="https://x.id/a1"/><updated>2024-06-19T00:00:00Z</updated></entry>
            <entry><link href="https://x.id/a2"/><updated>2023-06-19T00:00:00Z</updated></entry></feed>""",
            ("https://x.id/a1",),
            1,
        ),
    ],
)
def test_entries_dated_before_since_are_left_out(body: bytes, kept: tuple[str, ...], older: int) -> None:
    found = from_xml(body, "https://x.id/", 10**6, since=_SINCE)
    assert found.articles == kept
    assert found.older == older
    everything = from_xml(body, "https://x.id/", 10**6)  # without since nothing is left out
    assert everything.older == 0 and len(everything.articles) + len(everything.sitemaps) == len(kept) + older + (
        1 if b"sitemapindex" in body else 0
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-18", datetime(2024, 6, 18, tzinfo=WIB)),
        ("2024-06-18T10:00:00Z", datetime(2024, 6, 18, 10, tzinfo=UTC)),
        ("Tue, 18 Jun 2024 10:00:00 GMT", datetime(2024, 6, 18, 10, tzinfo=UTC)),
        ("besok", None),
        ("", None),
    ],
)
def test_feed_dates(text: str, expected: datetime | None) -> None:
    assert parse_feed_date(text) == expected
