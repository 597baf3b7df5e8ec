"""Bad input never crashes or hangs warta: a typed error or a problem on the article.

Loading-level cases (charsets, gzip bombs, binary signatures) are in test_loading.py; these
go through the whole extractor.
"""

from __future__ import annotations

import gzip
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import warta
from warta.errors import BinaryInputError, EmptyInputError, InputError

from conftest import GOLDEN, SAMPLES

TAGS = [
    "<p>",
    "</p>",
    "<div class='read__content'>",
    "</div>",
    "<br>",
    "<h1>",
    "</h1>",
    "<script>",
    "</script>",
    "<a href='?page=2'>",
    "</a>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<figure>",
    "<figcaption>",
    "&amp;",
    "&#0;",
    "<meta charset='utf-8'>",
    "Baca juga: ",
    "Halaman 1/2",
    "Penulis: ",
    "Selasa (18/6/2024)",
    "\x00",
]
html_like = st.lists(st.one_of(st.sampled_from(TAGS), st.text(max_size=40)), max_size=60).map("".join)


def _extract_or_input_error(data: bytes | str) -> None:
    try:
        article = warta.extract(data)
    except InputError:
        return
    assert isinstance(article, warta.Article)
    assert all(p.code for p in article.problems)


@settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    _extract_or_input_error(data)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(html_like)
def test_arbitrary_markup_never_crashes(text: str) -> None:
    _extract_or_input_error(text)
    _extract_or_input_error(text.encode("utf-8", "surrogatepass"))


def test_empty_and_binary_inputs_are_typed_errors() -> None:
    for data, error in [
        (b"", EmptyInputError),
        (b"  \n\t ", EmptyInputError),
        (b"%PDF-1.7\n" + bytes(range(256)) * 4, BinaryInputError),
        (b"\x89PNG\r\n\x1a\n" + bytes(300), BinaryInputError),
    ]:
        try:
            warta.extract(data)
        except error as exc:
            assert "what to do" not in str(exc) or str(exc)
        else:
            raise AssertionError(f"{data[:10]!r} was accepted")


def test_gzip_bomb_is_refused_quickly() -> None:
    bomb = gzip.compress(bytes(200 * 1024 * 1024), compresslevel=9)
    started = time.monotonic()
    try:
        warta.extract(bomb)
    except InputError as exc:
        assert "large" in str(exc).lower() or "limit" in str(exc).lower()
    else:
        raise AssertionError("a 200 MB bomb was accepted")
    assert time.monotonic() - started < 10  # a guard against inflating it all, not a benchmark


def test_fifty_megabyte_page_is_extracted_whole() -> None:
    paragraph = "<p>" + "Presiden meresmikan jalan tol baru di Jawa Tengah pada Senin pagi. " * 20 + "</p>\n"
    page = "<html><head><title>Halaman sangat besar</title></head><body><article>"
    page += paragraph * (50_000_000 // len(paragraph)) + "</article></body></html>"
    article = warta.extract(page.encode())
    assert len(article.paragraphs) == 50_000_000 // len(paragraph)


def test_ten_thousand_deep_nesting_keeps_the_text() -> None:
    text = "Teks berita yang tersembunyi sangat dalam di halaman ini. " * 5
    page = "<html><body>" + "<div>" * 10_000 + text + "</div>" * 10_000 + "</body></html>"
    article = warta.extract(page)
    assert "tersembunyi sangat dalam" in article.text
    assert article.has_problem("malformed_html")


def test_windows_1252_page_labelled_utf8_decodes_right() -> None:
    page = (
        "<html><head><meta charset='utf-8'><title>Café Tanah Abang – Jakarta</title></head><body>"
        "<article><p>"
        + "Pengunjung kafe di Tanah Abang mengeluhkan harga kopi yang naik – kata pemilik. " * 5
        + "</p></article></body></html>"
    ).encode("cp1252")
    article = warta.extract(page)
    assert article.title == "Café Tanah Abang – Jakarta"
    assert "–" in article.text


def test_utf8_with_bom() -> None:
    page = (SAMPLES / "kompas-2016-menteri-yuddy.html").read_bytes()
    with_bom = warta.extract(b"\xef\xbb\xbf" + page)
    assert with_bom.paragraphs == warta.extract(page).paragraphs


def test_english_page_is_extracted_and_says_so() -> None:
    page = gzip.decompress((GOLDEN / "pages" / "anpandu-tempoen-singlepage.html.gz").read_bytes())
    article = warta.extract(page)
    assert article.language == "en"
    assert article.has_problem("language_not_indonesian")
    assert len(article.paragraphs) > 5


def test_a_flattened_body_of_many_inline_related_links_is_cleaned_in_linear_time() -> None:
    def run(links: int) -> tuple[float, warta.Article]:
        links_text = "".join(
            f"Baca juga: Judul Berita Nomor {i} Hari Ini Kalimat biasa di sini. " for i in range(links)
        )
        body = "Kalimat pembuka berita ini. " + links_text
        start = time.perf_counter()
        article = warta.extract(f"Judul Berita\n\n{body}".encode(), input_format="text")
        return time.perf_counter() - start, article

    small, _ = min((run(2_000) for _ in range(3)), key=lambda r: r[0])
    large, article = min((run(20_000) for _ in range(3)), key=lambda r: r[0])
    assert len(article.related) == 20_000
    assert [r.title for r in article.related[:2]] == ["Judul Berita Nomor 0 Hari Ini", "Judul Berita Nomor 1 Hari Ini"]
    assert "Baca juga" not in article.text and article.text.count("Kalimat biasa di sini.") == 20_000
    assert large < 30 * small + 0.5  # ten times the links, about ten times the time


def test_plain_text_of_many_short_lines_is_read_in_linear_time() -> None:
    def run(lines: int) -> float:
        text = "\n".join(f"Baris ke-{i} dari sebuah teks yang panjang sekali." for i in range(lines))
        start = time.perf_counter()
        warta.extract(text.encode(), input_format="text")
        return time.perf_counter() - start

    small = min(run(8_000) for _ in range(3))
    large = min(run(80_000) for _ in range(2))
    # ten times the lines, about ten times the time (a slice of the rest for every line was 40-50x)
    assert large < 25 * small + 0.5
