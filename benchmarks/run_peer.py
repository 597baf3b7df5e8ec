"""Run one extractor over a list of pages and write one JSON line per page.

    python benchmarks/run_peer.py NAME --pages-file PAGES.jsonl --out OUT.jsonl [--passes N]
    python benchmarks/run_peer.py NAME --version

Run it with the interpreter that has the tool: the project venv for ``warta`` (which is imported
from this checkout's ``src/``), the peer venv ``.bench-venv`` for the others. Each input line is
``{"id", "path", "url", "lang"}``; each output line is ``{"id", "body", "title", "published",
"authors", "error", "ms"}``. A page the tool fails on is written with empty fields and the error,
and the run goes on. If the tool cannot be loaded at all, the runner exits with status 2.

Only the standard library is imported here; each tool is imported when it is chosen, so the
process start-up that the speed runs measure is the tool's own.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
FALLBACK_URL = "http://example.invalid/article"
_BLOCK_TAGS = "p div br li ul ol h1 h2 h3 h4 h5 h6 tr table blockquote pre section article figure figcaption"
BLOCKS = frozenset(_BLOCK_TAGS.split())

# (html, url, lang) -> {"body", "title", "published", "authors"}; lang is "id", "en" or None
# (None: the tool's own default, as in the published ScrapingHub runs).
Extract = Callable[[Any, str | None, str | None], dict[str, Any]]


def _when(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    return str(value)


def _result(body: str | None, title: Any = None, published: Any = None, authors: Any = ()) -> dict[str, Any]:
    return {
        "body": body or "",
        "title": str(title) if title else None,
        "published": _when(published),
        "authors": [str(a) for a in authors or () if str(a).strip()],
    }


def _html_to_text(fragment: str) -> str:
    """Text of an HTML fragment with a line break around every block element."""
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _warta() -> Extract:
    sys.path.insert(0, str(REPO / "src"))
    import warta
    from warta.errors import WartaError

    if not hasattr(warta, "extract"):
        raise ImportError("warta.extract does not exist yet")

    def run(html: bytes, url: str | None, lang: str | None) -> dict[str, Any]:
        try:
            art = warta.extract(html, url=url)
        except WartaError as error:
            return {**_result(""), "error": f"{type(error).__name__}: {error}"}
        return _result(art.text, art.title, art.published, art.authors)

    return run


def _trafilatura() -> Extract:
    import trafilatura

    def run(html: str, url: str | None, lang: str | None) -> dict[str, Any]:
        doc: Any = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
        if doc is None:
            return _result("")
        authors = [a.strip() for a in (doc.author or "").split(";")]
        return _result(doc.text, doc.title, doc.date, authors)

    return run


def _readability() -> Extract:
    from readability import Document

    def run(html: str, url: str | None, lang: str | None) -> dict[str, Any]:
        doc = Document(html, url=url)
        return _result(_html_to_text(doc.summary(html_partial=True)), doc.short_title())

    return run


def _newspaper() -> Extract:
    from newspaper import Article

    def run(html: str, url: str | None, lang: str | None) -> dict[str, Any]:
        article = Article(url or FALLBACK_URL, language=lang, fetch_images=False)
        article.download(input_html=html)
        article.parse()
        return _result(article.text, article.title, article.publish_date, article.authors)

    return run


def _goose() -> Extract:
    from goose3 import Goose

    def run(html: str, url: str | None, lang: str | None) -> dict[str, Any]:
        # A fresh Goose per page, as goose3's own examples do: a reused instance keeps the first
        # page's meta language and then finds no text on pages in other languages.
        config = {} if lang is None else {"target_language": lang, "use_meta_language": False}
        with Goose(config) as goose:
            article = goose.extract(url=url, raw_html=html)
        published = article.publish_datetime_utc or article.publish_date
        return _result(article.cleaned_text, article.title, published, article.authors)

    return run


def _justext() -> Extract:
    import justext

    stoplists = {"id": justext.get_stoplist("Indonesian"), "en": justext.get_stoplist("English")}

    def run(html: str, url: str | None, lang: str | None) -> dict[str, Any]:
        paragraphs = justext.justext(html, stoplists[lang or "en"])
        return _result("\n".join(p.text for p in paragraphs if not p.is_boilerplate))

    return run


def _boilerpy3() -> Extract:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor()

    def run(html: str, url: str | None, lang: str | None) -> dict[str, Any]:
        doc = extractor.get_doc(html)
        return _result(doc.content, doc.title)

    return run


# name -> (distribution name for the version, loader, whether it takes bytes rather than str)
TOOLS: dict[str, tuple[str, Callable[[], Extract], bool]] = {
    "warta": ("warta", _warta, True),
    "trafilatura": ("trafilatura", _trafilatura, False),
    "readability-lxml": ("readability-lxml", _readability, False),
    "newspaper4k": ("newspaper4k", _newspaper, False),
    "goose3": ("goose3", _goose, False),
    "justext": ("jusText", _justext, False),
    "boilerpy3": ("boilerpy3", _boilerpy3, False),
}


def tool_version(name: str) -> str:
    from importlib import metadata

    if name == "warta":
        sys.path.insert(0, str(REPO / "src"))
        import warta

        return str(getattr(warta, "__version__", "source tree"))
    try:
        return metadata.version(TOOLS[name][0])
    except metadata.PackageNotFoundError:
        return "not installed"


def read_page(path: str) -> bytes:
    data = Path(path).read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def run_pages(name: str, pages: list[dict[str, Any]], out: Path, passes: int) -> int:
    """Extract every page ``passes`` times; return how many page runs raised."""
    _, loader, wants_bytes = TOOLS[name]
    extract = loader()
    failures = 0
    with out.open("w", encoding="utf-8") as sink:
        for _ in range(passes):
            for page in pages:
                raw = read_page(page["path"])
                html: Any = raw if wants_bytes else raw.decode("utf-8", errors="replace")
                started = time.perf_counter()
                try:
                    result = extract(html, page.get("url"), page.get("lang"))
                except Exception as error:  # a peer crashing on one page is a result too
                    failures += 1
                    result = {**_result(""), "error": f"{type(error).__name__}: {error}"[:300]}
                result.setdefault("error", None)
                ms = round((time.perf_counter() - started) * 1000, 2)
                sink.write(json.dumps({"id": page["id"], **result, "ms": ms}, ensure_ascii=False) + "\n")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name", choices=sorted(TOOLS))
    parser.add_argument("--pages-file", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/dev/null"))
    parser.add_argument("--passes", type=int, default=1)
    parser.add_argument("--version", action="store_true", help="print the tool's version and exit")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    logging.disable(logging.CRITICAL)
    try:
        if args.version:
            print(tool_version(args.name))
            return 0
        if args.pages_file is None:
            parser.error("--pages-file is required")
        lines = args.pages_file.read_text(encoding="utf-8").splitlines()
        pages = [json.loads(line) for line in lines if line.strip()]
        run_pages(args.name, pages, args.out, args.passes)
    except ImportError as error:
        print(f"{args.name} cannot be loaded: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
