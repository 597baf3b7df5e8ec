"""HTML extraction over the real pages bundled in the repo: the properties every page must keep."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from warta import extract, extract_path
from warta.publishers import all_profiles

from conftest import page_files, page_url

RELATED_LINE = re.compile(r"^(?:baca|lihat|simak)\s+juga\b", re.IGNORECASE | re.MULTILINE)
ARTICLES = [p for p in page_files() if "mainpage" not in p.name and p.suffix != ".txt"]
INDEXES = [p for p in page_files() if "mainpage" in p.name]


@pytest.mark.parametrize("page", ARTICLES, ids=lambda p: p.name)
def test_article_pages_are_clean_and_dated(page: Path) -> None:
    article = extract_path(page, url=page_url(page))
    assert article.title and len(article.title) >= 8
    assert not re.search(r"(?:kompas|detik|okezone|republika|liputan6|viva)\.?\w*$", article.title, re.I)
    assert article.paragraphs, "no body"
    assert not RELATED_LINE.search(article.text)
    assert "ADVERTISEMENT" not in article.text
    assert not article.has_problem("not_an_article")
    if not page.name.startswith("scrapinghub-id"):  # blog pages: no profile, dated by their metadata
        assert article.published and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", article.published)


@pytest.mark.parametrize("page", INDEXES, ids=lambda p: p.name)
def test_index_pages_and_feeds_are_not_articles(page: Path) -> None:
    assert extract_path(page).has_problem("not_an_article")


def test_every_profile_has_a_real_fixture_that_uses_it() -> None:
    pages = {p.name: p for p in page_files()}
    for profile in all_profiles():
        assert profile.fixtures, profile.id
        for name in profile.fixtures:
            assert name in pages, f"{profile.id}: fixture {name} is not bundled"
            article = extract_path(pages[name], url=page_url(pages[name]))
            assert article.publisher == profile.name, f"{profile.id}: {name} did not use the profile"
            assert article.paragraphs


def test_profile_found_without_a_url_from_the_pages_own_links() -> None:
    page = next(p for p in page_files() if p.name.startswith("kompas-2016"))
    article = extract_path(page)
    assert article.publisher == "Kompas.com"
    assert article.authors == ("Nabilla Tashandra",)
    assert article.editors == ("Bayu Galih",)


def test_kompas_page_metadata() -> None:
    page = next(p for p in page_files() if p.name.startswith("kompas-2016"))
    article = extract_path(page, url=page_url(page))
    assert article.title == 'Menteri Yuddy Ancam PNS yang Rankingnya Terendah Akan "Dipangkas"'
    assert article.published == "2016-02-16T14:38:00+07:00"
    assert article.dateline == "JAKARTA, KOMPAS.com"
    assert article.site == "nasional.kompas.com"
    assert article.text.startswith("Menteri Pendayagunaan Aparatur Negara")


def test_detik_local_time_marked_utc_is_read_as_wib() -> None:
    page = next(p for p in page_files() if p.name.startswith("detik-2015"))
    article = extract_path(page, url=page_url(page))
    assert article.published == "2015-11-05T10:08:58+07:00"
    assert article.dateline == "Jakarta"
    assert article.paragraphs[-1] == "(fyk/ash)"


def test_baca_juga_block_goes_to_related_with_its_link() -> None:
    html = """<html><head><title>Banjir Rendam Jakarta - Kompas.com</title></head><body>
    <div class="read__content"><p>JAKARTA, KOMPAS.com - Banjir merendam ratusan rumah di Jakarta Timur
    pada Senin (17/6/2024) pagi setelah hujan deras sepanjang malam, kata petugas.</p>
    <p><strong>Baca juga: <a href="https://www.kompas.com/a">Warga Mengungsi ke Masjid</a></strong></p>
    <p>ADVERTISEMENT</p><p>SCROLL TO CONTINUE WITH CONTENT</p>
    <p>Petugas pemadam kebakaran membantu evakuasi warga lanjut usia dari rumah mereka di bantaran
    kali.</p>
    <p>Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.</p></div></body></html>"""
    article = extract(html, url="https://megapolitan.kompas.com/read/2024/06/17/banjir")
    assert article.title == "Banjir Rendam Jakarta"
    assert [r.title for r in article.related] == ["Warga Mengungsi ke Masjid"]
    assert article.related[0].url == "https://www.kompas.com/a"
    assert len(article.paragraphs) == 2
    assert "Dapatkan update" not in article.text and "ADVERTISEMENT" not in article.text
