"""Extraction: a raw page (HTML, a text dump or plain text) -> a clean :class:`~warta.model.Article`.

Stages: ``loading`` (bytes -> RawPage: charset, gzip, binary and size checks, HTML or dump),
then ``htmlpage`` (structured data, publisher profile, generic cascade; a feed saved as a
page is read as XML by ``feeds``) or ``dump`` (text dumps), both ending in ``cleaning`` (Indonesian
furniture out, bylines and related links kept); ``pagination`` merges the pages of one article.

>>> import warta
>>> article = warta.extract(open("page.html", "rb").read(), url="https://...")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from warta.extract.loading import LoadOptions, load_page, read_source
from warta.extract.pagination import merge
from warta.model import Article, RawPage

__all__ = ["LoadOptions", "extract", "extract_page", "extract_path", "extract_paths", "merge"]


def extract_page(page: RawPage) -> Article:
    """Run the extractor that fits the page's kind."""
    if page.kind == "html":
        from warta.extract.htmlpage import extract_html

        return extract_html(page)
    from warta.extract.dump import extract_dump, extract_text

    return extract_text(page) if page.kind == "text" else extract_dump(page)


def extract(
    data: bytes | str,
    *,
    url: str | None = None,
    input_format: str = "auto",
    source: str | None = None,
    options: LoadOptions | None = None,
) -> Article:
    """Extract one article from a page's bytes or text.

    ``input_format`` is ``auto`` (HTML or text dump, detected), ``html``, ``dump`` (a page's
    text with its chrome, like ``lynx -dump``) or ``text`` (plain article text).
    Raises a :class:`warta.errors.InputError` for input that is not a page at all; anything
    else it noticed is a Problem on the article.
    """
    page = load_page(data, url=url, source=source, input_format=input_format, options=options or LoadOptions())
    return extract_page(page)


def extract_path(
    path: str | Path,
    *,
    url: str | None = None,
    input_format: str = "auto",
    options: LoadOptions | None = None,
) -> Article:
    """Extract one article from a file (``.gz`` allowed) or ``-`` for standard input."""
    opts = options or LoadOptions()
    name = "<stdin>" if str(path) == "-" else str(path)
    return extract(read_source(path, opts), url=url, input_format=input_format, source=name, options=opts)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[str | Path]:
    """Files named by ``paths``: a directory stands for every file in it, sorted by name."""
    for path in paths:
        if str(path) != "-" and Path(path).is_dir():
            yield from sorted(p for p in Path(path).rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def extract_paths(
    paths: Iterable[str | Path],
    *,
    url: str | None = None,
    input_format: str = "auto",
    options: LoadOptions | None = None,
) -> Iterator[Article]:
    """Extract every page named by ``paths`` in order, one at a time (a stream: memory stays flat)."""
    for path in expand_paths(paths):
        yield extract_path(path, url=url, input_format=input_format, options=options)
