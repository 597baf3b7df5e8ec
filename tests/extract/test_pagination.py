"""Multi-page articles: detecting the pages, merging them, and saying when one is missing.

The two-page articles are made from a real one-page Kompas article (samples/pages), split in
two the way Kompas splits long stories: ``?page=2`` links and a "Halaman" pager.
"""

from __future__ import annotations

import copy

import pytest
from lxml import html

from warta import extract, merge
from warta.extract.pagination import page_number_from_url

from conftest import SAMPLES

URL = "https://nasional.kompas.com/read/2016/02/16/14380011/menteri-yuddy"


def _split_kompas() -> tuple[str, str]:
    doc = html.document_fromstring((SAMPLES / "kompas-2016-menteri-yuddy.html").read_bytes())
    pages = []
    for number in (1, 2):
        page = copy.deepcopy(doc)
        body = page.cssselect("div.kcm-read-text")[0]
        paragraphs = [p for p in body if p.tag == "p" and p.text_content().strip()]
        half = len(paragraphs) // 2
        for p in paragraphs[half:] if number == 1 else paragraphs[:half]:
            p.drop_tree()
        pager = html.fragment_fromstring(
            f'<div class="paging"><span>Halaman {number}/2</span> '
            f'<a href="{URL}?page=1">1</a> <a href="{URL}?page=2">2</a>'
            + (f' <a href="{URL}?page=2">Selanjutnya</a>' if number == 1 else "")
            + "</div>"
        )
        body.addnext(pager)
        pages.append(html.tostring(page, encoding="unicode"))
    return pages[0], pages[1]


def test_first_page_alone_reports_the_missing_page() -> None:
    first, _ = _split_kompas()
    article = extract(first, url=URL)
    assert article.page.number == 1
    assert article.page.total == 2
    assert article.page.next_url == URL + "?page=2"
    assert article.has_problem("missing_page")


def test_pages_given_together_merge_into_the_whole_article() -> None:
    first, second = _split_kompas()
    whole = extract((SAMPLES / "kompas-2016-menteri-yuddy.html").read_bytes(), url=URL)
    merged = merge([extract(second, url=URL + "?page=2"), extract(first, url=URL)])
    assert merged.paragraphs == whole.paragraphs
    assert merged.title == whole.title
    assert merged.page.total == 2
    assert not merged.has_problem("missing_page")


def test_merge_of_an_incomplete_set_says_which_page_is_missing() -> None:
    first, _ = _split_kompas()
    merged = merge([extract(first, url=URL)])
    assert merged.has_problem("missing_page")
    assert "2" in next(p.detail for p in merged.problems if p.code == "missing_page")


@pytest.mark.parametrize(
    ("url", "style", "number"),
    [
        ("https://www.tribunnews.com/nasional/2024/06/18/judul?page=2", "query", 2),
        ("https://news.detik.com/berita/d-7396000/judul/2", "path", 2),
        ("https://www.merdeka.com/peristiwa/judul.html?page=3", "query", 3),
        ("https://nasional.kompas.com/read/2024/06/18/judul?page=all", "query", None),
        ("https://news.detik.com/berita/d-7396000/judul", "path", None),
    ],
)
def test_page_number_from_url(url: str, style: str, number: int | None) -> None:
    assert page_number_from_url(url, style) == number


def test_merge_needs_pages() -> None:
    with pytest.raises(ValueError):
        merge([])
