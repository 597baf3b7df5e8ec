"""Article links from real index pages (bundled golden pages of 2015-16) and from feeds."""

from __future__ import annotations

import gzip

import pytest

from warta.crawl.discover import from_section, from_xml
from warta.crawl.sites import all_sites, site_named

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


def test_every_bundled_site_has_a_seed_and_a_pagination_rule() -> None:
    for site in all_sites():
        assert site.seeds(), site.id
        assert site.pagination.style in ("none", "query", "path")
