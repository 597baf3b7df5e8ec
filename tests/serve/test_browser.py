"""The reader in a real browser: Playwright driving Debian's chromium, headless, against
``warta serve`` on the sample store. A person's path (home -> search -> article -> entity ->
story, the quotes page, a feed link), with JavaScript on and off, and axe-core on every page type.

Screenshots go to ``test-artifacts/screenshots/`` (gitignored; CI keeps them). The browser is the
system's chromium (``apt-get install chromium``; ``make browser`` does it): Playwright's own
browser download is never used. Without a chromium on the machine these tests skip, saying so.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from warta.store import open_store

from conftest import ROOT
from serve_store import PUTIN, article_id, running_server, sample_store

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


def _chromium() -> str | None:
    found = os.environ.get("WARTA_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").is_file():
        found = "/usr/bin/chromium"
    return found


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on this machine: apt-get install chromium (or make browser)"
)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with running_server(sample_store()) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


# Generous waits: CI shares two cores, and a page that never shows still fails, only later.
expect.set_options(timeout=10_000)


def _context(browser: Browser, base_url: str, *, javascript: bool = True) -> BrowserContext:
    context = browser.new_context(base_url=base_url, java_script_enabled=javascript, locale="id-ID")
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = _context(browser, base_url)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def page_without_js(browser: Browser, base_url: str) -> Iterator[Page]:
    context = _context(browser, base_url, javascript=False)
    opened = context.new_page()
    yield opened
    context.close()


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _errors_of(page: Page) -> list[str]:
    """Console errors (a CSP violation shows up here) and resources that failed to load."""
    seen: list[str] = []
    page.on("console", lambda message: seen.append(message.text) if message.type == "error" else None)
    page.on("response", lambda r: seen.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("pageerror", lambda error: seen.append(str(error)))
    return seen


def test_a_reader_goes_from_search_to_article_entity_and_story(page: Page) -> None:
    errors = _errors_of(page)
    page.goto("/")
    expect(page).to_have_title(re.compile("Berita Terkini"))
    expect(page.get_by_role("heading", name="Berita Terkini")).to_be_visible()
    headline = "Presiden Rusia Vladimir Putin Akan Berkunjung ke Korea Utara"
    expect(page.get_by_role("link", name=headline)).to_be_visible()
    shot(page, "01-home")

    page.get_by_role("searchbox", name="Cari berita").fill("putin korea")
    page.get_by_role("button", name="Cari").click()
    expect(page).to_have_url(re.compile(r"/search\?q=putin\+korea"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("putin korea")
    result = page.locator("ol.results > li").first
    expect(result.locator("mark").first).to_be_visible()  # the matched words are marked
    shot(page, "02-search")

    result.get_by_role("link").click()
    title = page.get_by_role("heading", level=1)
    expect(title).to_have_text("Presiden Rusia Vladimir Putin Akan Berkunjung ke Korea Utara")
    expect(page.locator(".reader .body p").first).to_be_visible()
    mention = page.locator(".reader .body a.ent-per", has_text="Putin").first
    expect(mention).to_be_visible()
    expect(page.get_by_role("heading", name="Kutipan")).to_be_visible()
    expect(page.locator(".quotes-panel blockquote").first).to_be_visible()
    shot(page, "03-article")

    mention.click()
    expect(page).to_have_url(re.compile("/entities/" + re.escape(PUTIN)))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vladimir Putin")
    expect(page.get_by_role("heading", name="Sebutan per hari")).to_be_visible()
    # The sample about Putin has no date: his mentions are counted as undated, not charted.
    expect(page.get_by_text(re.compile(r"\d+ sebutan di artikel tanpa tanggal"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Presiden Rusia Vladimir Putin"))).to_be_visible()
    shot(page, "04-entity")

    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Cerita").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cerita")
    page.get_by_role("link", name="Presiden Rusia Vladimir Putin Akan Berkunjung ke Korea Utara").click()
    expect(page).to_have_url(re.compile(r"/stories/\d+$"))
    expect(page.get_by_role("heading", name="Linimasa cerita")).to_be_visible()
    timeline = page.locator("ol.timeline > li")
    expect(timeline).to_have_count(1)
    expect(timeline.first).to_contain_text("tanpa tanggal · Tribun Network (KG Media)")
    shot(page, "05-story")

    timeline.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Presiden Rusia Vladimir Putin Akan Berkunjung ke Korea Utara"
    )
    assert errors == [], errors


def test_the_quotes_page_finds_quotes_by_speaker(page: Page) -> None:
    """John Kirby is quoted three times in the Putin sample, once as "Kirby"."""
    page.goto("/")
    page.get_by_role("navigation", name="Navigasi utama").get_by_role("link", name="Kutipan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kutipan dari berita")
    everyone = page.locator("ul.quotes > li.quote")
    expect(everyone.first).to_be_visible()
    total = everyone.count()
    page.get_by_label("Pembicara").fill("John Kirby")
    page.get_by_role("button", name="Terapkan").click()
    expect(page).to_have_url(re.compile(r"speaker=John\+Kirby"))
    kirby = page.locator("ul.quotes > li.quote")
    expect(kirby).to_have_count(3)
    assert total > 3
    for speaker in kirby.locator(".speaker").all_inner_texts():
        assert "John Kirby" in speaker
    expect(kirby.first.get_by_role("link", name=re.compile("Presiden Rusia Vladimir Putin"))).to_be_visible()
    shot(page, "06-quotes")


def test_a_feed_link_gives_the_entitys_articles_as_atom(page: Page) -> None:
    page.goto(f"/entities/{PUTIN}")
    link = page.get_by_role("link", name=re.compile("Ikuti"))
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert href == f"/feeds/entities/{PUTIN}"
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    feed = response.text()
    assert "<title>warta: Vladimir Putin</title>" in feed
    assert "Presiden Rusia Vladimir Putin Akan Berkunjung ke Korea Utara" in feed
    alternate = page.locator('link[rel="alternate"][type="application/atom+xml"]')
    assert alternate.get_attribute("href") == href  # what a feed reader finds on the page


def test_the_reader_works_without_javascript(page_without_js: Page) -> None:
    page = page_without_js
    page.goto("/")
    expect(page.get_by_role("heading", name="Berita Terkini")).to_be_visible()
    page.get_by_role("searchbox", name="Cari berita").fill("samsung")
    page.get_by_role("searchbox", name="Cari berita").press("Enter")  # a plain GET form
    expect(page.get_by_role("heading", level=1)).to_contain_text("samsung")
    page.locator("ol.results > li").first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Google Umbar Kelemahan Galaxy S6 Edge")
    page.locator("a.ent-org", has_text="Samsung").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samsung")
    expect(page.locator("table.days tbody tr").first).to_contain_text("2015")  # the chart's numbers
    expect(page.locator("svg.chart rect").first).to_be_attached()
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Mentions per day")).to_be_visible()
    page.get_by_role("link", name="Home").click()  # the cookie keeps English
    expect(page.get_by_role("heading", name="Latest news")).to_be_visible()
    shot(page, "07-no-javascript-english")


def test_an_unknown_article_is_a_page_a_person_can_leave(page: Page) -> None:
    response = page.goto("/articles/99999")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")
    page.get_by_role("link", name="Kembali ke beranda").click()
    expect(page.get_by_role("heading", name="Berita Terkini")).to_be_visible()


# --- accessibility: axe-core in the page ---------------------------------------------------------


def _axe_source() -> str:
    """axe-core (MPL-2.0) as the axe-playwright-python wheel ships it: installed with the dev
    extra, never downloaded at run time."""
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


PAGE_TYPES = ["home", "search", "article", "entity", "story", "stories", "quotes", "not-found", "article-english"]


def _path(name: str) -> str:
    putin_article = article_id("Presiden Rusia Vladimir Putin")
    with open_store(sample_store()) as store:
        story = store.article(putin_article).story_id
    return {
        "home": "/",
        "search": "/search?q=putin",
        "article": f"/articles/{putin_article}",
        "entity": f"/entities/{PUTIN}",
        "story": f"/stories/{story}",
        "stories": "/stories",
        "quotes": "/quotes",
        "not-found": "/articles/99999",
        "article-english": f"/articles/{putin_article}?lang=en",
    }[name]


def serious_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations of WCAG 2.1 A/AA and its best practices on ``page``."""
    # Injected by page.evaluate (the DevTools protocol), which the pages' CSP does not stop.
    page.evaluate(_axe_source())
    found = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']})"
    )
    assert found["testEngine"]["name"] == "axe-core"
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in found["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_the_accessibility_check_catches_a_broken_page(page: Page) -> None:
    """The check itself can fail: an image without alt text, an unlabelled field, grey on grey."""
    page.set_content(
        '<html><head><title>t</title></head><body><main><img src="x.png"><input type="text">'
        '<p style="color:#aaa;background:#bbb">faint</p></main></body></html>'
    )
    found = {v["id"] for v in serious_violations(page)}
    assert {"image-alt", "label", "color-contrast", "html-has-lang"} <= found


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_pages_have_no_serious_accessibility_violations(page: Page, name: str) -> None:
    response = page.goto(_path(name))
    assert response is not None and response.status == (404 if name == "not-found" else 200)
    serious = serious_violations(page)
    assert serious == [], json.dumps(serious, indent=1)
