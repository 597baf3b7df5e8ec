"""Publisher profiles, declared as data: one TOML file per publisher in this folder.

A profile says where a publisher's pages keep what structured data does not give well:
the body container, the visible date and byline, what to drop inside the body, the
title affixes, and how its multi-page articles are split. Every profile names at least one
real page as its test fixture (``fixtures``); ``tests/test_publishers.py`` checks that each
fixture exists and extracts. See docs/publishers.md for how to add one.

Profiles are loaded and validated once, on first use (never at import time).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, cast

import cssselect
from lxml import etree
from lxml.cssselect import CSSSelector, SelectorError

from warta.errors import ConfigurationError

_SELECTOR_FIELDS = (
    "body",
    "title",
    "published",
    "updated",
    "authors",
    "editors",
    "caption",
    "drop",
    "description",
    "section",
    "tags",
    "lead_image",
)


@dataclass(frozen=True, slots=True)
class Pagination:
    """How a publisher splits an article over pages.

    ``style``: ``query`` (``?page=2``), ``path`` (``/2`` appended to the article path) or
    ``none``. ``all_pages`` is the query that shows the whole article on one page
    (Kompas ``page=all``), when the publisher has one.
    """

    style: str = "none"
    param: str = "page"
    all_pages: str | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    """One publisher. Selectors are CSS (or ``xpath:...``), compiled once; each list is tried in order."""

    id: str
    name: str
    publisher: str
    domains: tuple[str, ...]
    fixtures: tuple[str, ...]
    title_affixes: tuple[str, ...] = ()
    selectors: dict[str, tuple[Selector, ...]] = field(default_factory=dict)
    pagination: Pagination = field(default_factory=Pagination)
    timezone: str = "+07:00"
    trust_offset: bool = True

    def candidates(self, name: str, doc: Any, present: str | None = None) -> Iterator[list[Any]]:
        """For each selector of field ``name`` in order, the elements it matches.

        ``present`` is :func:`names_present` of the page ``doc`` belongs to: a selector naming a
        class that is not in it matches nothing and is not run.
        """
        for selector in self.selectors.get(name, ()):
            if present is not None and not selector.may_match(present):
                yield []
                continue
            found = selector.find(doc)
            yield list(found) if isinstance(found, list) else []

    def select(self, name: str, doc: Any, present: str | None = None) -> list[Any]:
        """Elements matched by the first selector of field ``name`` that matches anything."""
        return next((found for found in self.candidates(name, doc, present) if found), [])

    def select_all(self, name: str, doc: Any, present: str | None = None) -> list[Any]:
        """Elements matched by any selector of field ``name`` (for ``drop``)."""
        return [el for found in self.candidates(name, doc, present) for el in found]

    def matches(self, host: str) -> bool:
        return host_in(host, self.domains)


def host_in(host: str, domains: tuple[str, ...]) -> bool:
    """Whether ``host`` is one of ``domains`` or under one (``regional.kompas.com`` in kompas.com)."""
    host = host.lower().removeprefix("www.")
    return any(host == d or host.endswith("." + d) for d in domains)


@dataclass(frozen=True, slots=True)
class Selector:
    """One compiled selector of a profile, and the class names it cannot match without."""

    expression: str
    find: CSSSelector | etree.XPath
    needs: tuple[str, ...] = ()

    def may_match(self, present: str) -> bool:
        """False when a class name the selector needs is not in ``present``."""
        return all(name in present for name in self.needs)


# Every class attribute of a page, as strings (not lxml's "smart" strings that point back into the
# tree): one pass in C. IDs are left out: few selectors name one, and reading them too cost as much
# as the selectors it would skip.
_NAMES = etree.XPath("//@class", smart_strings=False)


def names_present(doc: Any) -> str:
    """The class attributes of ``doc``, joined: what :meth:`Profile.candidates` checks a selector's
    class names against before running it.

    A profile tries layouts in turn (Kompas has four body selectors), and each CSS selector walks the
    whole page: on the extraction benchmark's Indonesian pages the selectors cost 0.73 ms a page, much
    of it in selectors for layouts the page does not have. With this check they cost 0.37 ms, and
    reading the class names about 0.15 ms. The page may lose elements afterwards (``drop``), so the
    string can only hold more than the page does: a selector is then run and finds nothing, never
    skipped wrongly.
    """
    return " ".join(cast(list[str], _NAMES(doc)))


def _needs(tree: Any) -> list[str]:
    """Class names a parsed CSS selector requires of the elements it matches, or of their ancestors
    and siblings along its combinators (not inside ``:not()``)."""
    kind = type(tree).__name__
    if kind == "Class":
        return [tree.class_name, *_needs(tree.selector)]
    if kind == "CombinedSelector":
        return [*_needs(tree.selector), *_needs(tree.subselector)]
    if kind in ("Hash", "Attrib", "Negation", "Pseudo", "Function", "Matching", "SpecificityAdjustment", "Relation"):
        return _needs(tree.selector)
    return []


def _compile(expression: str) -> Selector:
    """A CSS selector, or an XPath one written ``xpath:...`` for what CSS cannot say."""
    if expression.startswith("xpath:"):
        return Selector(expression, etree.XPath(expression.removeprefix("xpath:")))
    parsed = cssselect.parse(expression)
    # A group ("a, b") matches what either part matches: only names both parts need would count.
    needs = tuple(dict.fromkeys(_needs(parsed[0].parsed_tree))) if len(parsed) == 1 else ()
    return Selector(expression, CSSSelector(expression, translator="html"), needs)


def string_list(data: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigurationError(f"publisher profile {source}: '{key}' must be a list of strings")
    return tuple(value)


def parse_pagination(data: dict[str, Any], source: str) -> Pagination:
    """A publisher file's ``[pagination]`` table, validated."""
    pagination = data.get("pagination", {})
    if pagination.get("style", "none") not in ("none", "query", "path"):
        raise ConfigurationError(f"publisher profile {source}: pagination.style must be none, query or path")
    return Pagination(
        style=str(pagination.get("style", "none")),
        param=str(pagination.get("param", "page")),
        all_pages=pagination.get("all_pages"),
    )


def parse_profile(data: dict[str, Any], source: str) -> Profile:
    """Validate one profile's data and compile its selectors."""
    for key in ("id", "name", "publisher", "domains", "fixtures"):
        if key not in data:
            raise ConfigurationError(f"publisher profile {source}: missing required key '{key}'")
    known = {
        "id",
        "name",
        "publisher",
        "domains",
        "fixtures",
        "title_affixes",
        "selectors",
        "pagination",
        "timezone",
        "trust_offset",
        "notes",
        "crawl",  # where to find its articles: read by warta.crawl.sites
    }
    unknown = set(data) - known
    if unknown:
        raise ConfigurationError(f"publisher profile {source}: unknown keys {sorted(unknown)}")
    raw_selectors = data.get("selectors", {})
    selectors: dict[str, tuple[Selector, ...]] = {}
    for name in raw_selectors:
        if name not in _SELECTOR_FIELDS:
            raise ConfigurationError(f"publisher profile {source}: unknown selector field '{name}'")
        try:
            selectors[name] = tuple(_compile(expr) for expr in string_list(raw_selectors, name, source))
        except (SelectorError, etree.XPathError) as exc:
            raise ConfigurationError(f"publisher profile {source}: bad selector in '{name}': {exc}") from exc
    fixtures = string_list(data, "fixtures", source)
    if not fixtures:
        raise ConfigurationError(f"publisher profile {source}: a profile needs a real page as its fixture")
    return Profile(
        id=str(data["id"]),
        name=str(data["name"]),
        publisher=str(data["publisher"]),
        domains=tuple(d.lower() for d in string_list(data, "domains", source)),
        fixtures=fixtures,
        title_affixes=string_list(data, "title_affixes", source),
        selectors=selectors,
        pagination=parse_pagination(data, source),
        timezone=str(data.get("timezone", "+07:00")),
        trust_offset=bool(data.get("trust_offset", True)),
    )


def publisher_files(folder: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """``(file name, data)`` of each bundled publisher file in ``folder`` (``crawl``: the files of
    publishers warta crawls but has no extraction profile for), by name."""
    root = resources.files(__name__)
    for part in filter(None, folder.split("/")):
        root = root.joinpath(part)
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            try:
                yield entry.name, tomllib.loads(entry.read_text(encoding="utf-8"))
            except tomllib.TOMLDecodeError as exc:
                raise ConfigurationError(f"publisher profile {entry.name} is not valid TOML: {exc}") from exc


@cache
def all_profiles() -> tuple[Profile, ...]:
    """Every bundled profile, validated."""
    return tuple(parse_profile(data, name) for name, data in publisher_files())


def profile_for(host: str | None) -> Profile | None:
    """The profile whose domains cover ``host`` (``regional.kompas.com`` -> kompas), if any."""
    if not host:
        return None
    for profile in all_profiles():
        if profile.matches(host):
            return profile
    return None
