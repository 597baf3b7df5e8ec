"""Feeds saved as pages: read as XML into the feed's text (``warta.extract.feeds``).

The real cases are the four RSS feeds among the bundled ``anpandu-*-mainpage`` pages; the
others are small feeds written here for what those four do not show (RSS 1.0, Atom, a declared
Latin-1 encoding, broken XML).
"""

from __future__ import annotations

import gzip
import re

import pytest

from warta import extract, extract_path
from warta.extract.feeds import html_paragraphs, read_feed
from warta.extract.htmlpage import extract_html
from warta.extract.pageclass import is_feed
from warta.model import Article, RawPage

from conftest import GOLDEN

FEEDS = {
    "anpandu-antara-mainpage.html.gz": "ANTARA News - Berita Terkini",
    "anpandu-detik-mainpage.html.gz": "news.detik",
    "anpandu-kapanlagi-mainpage.html.gz": "KapanLagi.com",
    "anpandu-republika-mainpage.html.gz": "Republika Online RSS Feed",
}


def _content(name: str) -> str:
    return gzip.decompress((GOLDEN / "pages" / name).read_bytes()).decode("utf-8")


def _feed_article(content: str, url: str | None = None) -> Article:
    return extract_html(RawPage(content=content, kind="html", url=url))


def test_the_bundled_feeds_are_the_four_rss_mainpages() -> None:
    mainpages = sorted(p.name for p in (GOLDEN / "pages").glob("*mainpage*"))
    assert [name for name in mainpages if is_feed(_content(name))] == sorted(FEEDS)


@pytest.mark.parametrize("name", sorted(FEEDS))
def test_a_bundled_feed_reads_as_its_items_text(name: str) -> None:
    article = extract_path(GOLDEN / "pages" / name)
    items = len(re.findall(r"<item[\s>]", _content(name)))
    assert article.title == FEEDS[name]
    assert article.has_problem("not_an_article") and article.has_problem("no_published_date")
    assert article.published is None and article.dateline is None
    assert not re.search(r"<|>|&[a-z]+;|https?:|\bwww\.", article.text), "markup or a URL left in the text"
    assert len(article.related) == items
    assert all(link.url and link.url.startswith("http") for link in article.related)
    assert article.paragraphs[0] == article.related[0].title  # each item: its title, then its text
    assert article.language == "id"


def test_antara_items_in_feed_order_with_their_leads() -> None:
    article = extract_path(GOLDEN / "pages" / "anpandu-antara-mainpage.html.gz")
    assert article.site == "www.antaranews.com" and article.publisher == "ANTARA News"
    assert article.description == "News And Service"
    assert article.paragraphs[:3] == (
        "29 penerbangan Bandara Internasional Lombok dibatalkan",
        "Sebanyak 29 penerbangan baik domestik dan internasional dari dan menuju Bandara Internasional "
        "Lombok harus dibatalkan menyusul ditutupnya operasional bandara akibat abu vulkanik erupsi "
        "Gunung Baru Jari, anak Gunung ...",
        "Mengatasi kebuntuan riset pangan Indonesia",
    )
    # "&amp;nbsp;" in the XML is an HTML space in the description.
    assert "Penguatan Inovasi Kementerian Riset" in article.text
    # A plain-text description's blank line is a paragraph break.
    assert '"Pada hari Minggu, 8 ...' in article.paragraphs


def test_detik_feed_drops_the_ad_links_and_tracking_images() -> None:
    article = extract_path(GOLDEN / "pages" / "anpandu-detik-mainpage.html.gz")
    assert "feedsportal" not in article.text
    assert article.paragraphs[1].startswith("Galaxy S6 Edge, dengan material premium")
    assert article.paragraphs[1].endswith("khususnya di sisi sekuriti.")


def test_content_encoded_is_read_once_when_it_repeats_the_description() -> None:
    article = extract_path(GOLDEN / "pages" / "anpandu-kapanlagi-mainpage.html.gz")
    assert article.text.count("Diangkat dari kisah webtoon terkenal") == 1
    assert article.related[0].title == "Drama Adaptasi Webtoon 'Cheese In Trap' Rilis Teaser Perdana"


def test_the_encoding_declared_in_the_prolog_is_used() -> None:
    feed = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n<rss version="2.0"><channel><title>Caf\xe9</title>'
        "<item><title>Pr\xe9sident</title><description>&lt;p&gt;Cr\xe8me br\xfbl\xe9e&lt;/p&gt;</description>"
        "</item></channel></rss>"
    ).encode("iso-8859-1")
    article = extract(feed)
    assert article.title == "Café"
    assert article.paragraphs == ("Président", "Crème brûlée")


def test_rss_1_0_rdf_items_sit_next_to_the_channel() -> None:
    feed = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
 <channel rdf:about="https://contoh.co.id/rss"><title>Contoh RDF</title><link>https://contoh.co.id/</link>
  <description>Berita contoh</description></channel>
 <item rdf:about="https://contoh.co.id/a"><title>Judul pertama</title><link>/a</link>
  <description>Isi &lt;b&gt;pertama&lt;/b&gt; di sini.</description><dc:date>2024-06-18</dc:date></item>
 <item rdf:about="https://contoh.co.id/b"><title>Judul kedua</title><link>https://contoh.co.id/b</link></item>
</rdf:RDF>"""
    article = _feed_article(feed)
    assert article.title == "Contoh RDF" and article.description == "Berita contoh"
    assert article.paragraphs == ("Judul pertama", "Isi pertama di sini.", "Judul kedua")
    assert [r.url for r in article.related] == ["https://contoh.co.id/a", "https://contoh.co.id/b"]
    assert article.site == "contoh.co.id"


def test_atom_text_html_and_xhtml_content() -> None:
    feed = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">
 <title>Contoh Atom</title><subtitle type="html">Berita &lt;i&gt;terkini&lt;/i&gt;</subtitle>
 <link rel="self" href="https://contoh.co.id/atom.xml"/><link href="https://contoh.co.id/"/>
 <entry><title>Teks biasa</title><link rel="alternate" href="https://contoh.co.id/1"/>
  <summary>Baris satu &lt;b&gt; tetap teks
Baris dua</summary></entry>
 <entry><title type="html">Judul &lt;em&gt;HTML&lt;/em&gt;</title><link href="/2"/>
  <summary>Ringkasan pendek</summary>
  <content type="html">&lt;p&gt;Paragraf satu yang lebih panjang.&lt;/p&gt;
   &lt;p&gt;Paragraf dua.&lt;/p&gt;</content></entry>
 <entry><title>XHTML</title>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>A &amp; B</p><p>C<br/>D</p></div></content></entry>
</feed>"""
    article = _feed_article(feed)
    assert article.title == "Contoh Atom" and article.description == "Berita terkini"
    assert article.paragraphs == (
        "Teks biasa",
        "Baris satu <b> tetap teks",  # type="text": a "<" is a character, not markup
        "Baris dua",
        "Judul HTML",
        "Paragraf satu yang lebih panjang.",  # the content is longer than the summary: it is read
        "Paragraf dua.",
        "XHTML",
        "A & B",
        "C",
        "D",
    )
    assert [r.url for r in article.related] == ["https://contoh.co.id/1", "https://contoh.co.id/2", None]
    assert article.has_problem("not_an_article") and article.published is None


def test_a_truncated_feed_gives_the_items_before_the_cut() -> None:
    content = _content("anpandu-antara-mainpage.html.gz")
    cut = content.index("Dinas Kesehatan Kota Mataram")  # inside the fourth item's description
    article = _feed_article(content[:cut])
    assert article.title == "ANTARA News - Berita Terkini"
    assert [r.title for r in article.related][:4] == [
        "29 penerbangan Bandara Internasional Lombok dibatalkan",
        "Mengatasi kebuntuan riset pangan Indonesia",
        "Indonesia akan terima kunjungan presiden Italia",
        "Warga Mataram diimbau kurangi aktivitas di luar rumah",
    ]
    assert "&lt;" not in article.text and "<img" not in article.text
    assert article.has_problem("not_an_article")


@pytest.mark.parametrize("step", [1, 7, 31])
def test_every_cut_of_a_real_feed_reads_without_markup(step: int) -> None:
    content = _content("anpandu-kapanlagi-mainpage.html.gz")
    for end in range(0, len(content), step * 11):
        article = _feed_article(content[:end])
        assert "<p>" not in article.text and "CDATA" not in article.text, end


def test_an_empty_channel() -> None:
    article = _feed_article('<?xml version="1.0"?><rss version="2.0"><channel><title>Kosong</title></channel></rss>')
    assert article.title == "Kosong" and article.paragraphs == () and article.related == ()
    assert article.has_problem("empty_body") and article.has_problem("not_an_article")


def test_items_without_a_description_give_their_titles() -> None:
    article = _feed_article(
        "<rss><channel><title>Judul saja</title>"
        "<item><title>Satu</title><link>https://contoh.co.id/1</link></item>"
        "<item><title>Dua</title><description></description></item>"
        "<item><description>Tanpa judul</description></item></channel></rss>"
    )
    assert article.paragraphs == ("Satu", "Dua", "Tanpa judul")
    assert [(r.title, r.url) for r in article.related] == [("Satu", "https://contoh.co.id/1"), ("Dua", None)]


def test_html_entities_and_bare_ampersands_do_not_spoil_the_escaped_html_after_them() -> None:
    # Once libxml2 meets an error in recover mode it drops later &amp; and &lt; references.
    article = _feed_article(
        "\n<?xml version='1.0'?><rss><channel><title>AT&T &nbsp;Berita&hellip;</title>"
        "<item><title>Satu &amp;quot;dua&amp;quot;</title>"
        "<description>&lt;p&gt;Isi &amp;amp; lain&lt;/p&gt;&lt;img src='x.jpg'&gt;</description></item>"
        "<item><title>&unknown; tiga</title></item></channel></rss>"
    )
    assert article.title == "AT&T Berita…"
    assert article.paragraphs == ('Satu "dua"', "Isi & lain", "&unknown; tiga")


def test_a_document_lxml_cannot_read_as_a_feed_takes_the_html_path() -> None:
    assert read_feed('<?xml version="1.0"?>\x00<rss></rss>') is None  # lxml finds no element
    # Roots that look like a feed to is_feed but are not RSS or Atom.
    for content in ('<feed xmlns="urn:x-not-atom"><title>Lain</title></feed>', "<rss-items><item>x</item></rss-items>"):
        assert is_feed(content) and read_feed(content) is None
        assert _feed_article(content).has_problem("not_an_article")


def test_is_feed_reads_past_comments_and_a_doctype() -> None:
    assert is_feed('<?xml version="1.0"?>\n<!-- generator="WordPress/4.3" -->\n<rss version="2.0">')
    assert is_feed(
        '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n'
        ' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91">'
    )
    assert not is_feed('<?xml version="1.0"?><!DOCTYPE html><html><body><rss></rss></body></html>')


def test_html_paragraphs_of_plain_text_and_of_markup() -> None:
    assert html_paragraphs("Satu\r\n\r\nDua &amp; tiga") == ("Satu", "Dua & tiga")
    assert html_paragraphs("<p>Satu\ndua</p><p>Tiga<br>empat</p>") == ("Satu dua", "Tiga", "empat")
    assert html_paragraphs('<a href="https://x.id/">Tautan</a> teks <script>x()</script>') == ("Tautan teks",)
    assert html_paragraphs("") == ()
