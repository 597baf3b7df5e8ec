"""schema.org ``NewsArticle`` JSON-LD for an article, as search engines and archives read it.

Mapping (docs/store.md has the table): title -> ``headline``, published/updated ->
``datePublished``/``dateModified``, authors/editors -> ``author``/``editor`` (Person), publisher
or site -> ``publisher`` (Organization), url, canonical URL -> ``mainEntityOfPage``, text ->
``articleBody``, images -> ``image`` (ImageObject), section, tags -> ``keywords``, language ->
``inLanguage``; entities -> ``mentions`` (Person, Organization, Place by label, with the key as
``identifier``), and the entities named in the headline -> ``about``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from warta.model import Analysis, Article, Entity
from warta.store.records import StoredArticle

__all__ = ["SCHEMA_TYPES", "jsonld"]

#: Entity label -> schema.org type (anything else is a Thing).
SCHEMA_TYPES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}


def _thing(entity: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {
        "@type": SCHEMA_TYPES.get(entity.label, "Thing"),
        "name": entity.canonical,
        "identifier": entity.key,
    }
    if entity.aliases:
        out["alternateName"] = list(entity.aliases)
    return out


def _publisher(item: Article) -> dict[str, Any] | None:
    name = item.publisher or item.site
    if not name:
        return None
    out = {"@type": "Organization", "name": name}
    if item.site:
        out["url"] = f"https://{item.site}"
    return out


def _in_headline(entity: Entity, headline: str) -> bool:
    return any(
        re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", headline, re.IGNORECASE)
        for name in (entity.canonical, *entity.aliases)
        if name
    )


def jsonld(article: StoredArticle | Analysis | Article, entities: Sequence[Entity] | None = None) -> dict[str, Any]:
    """The article as a schema.org ``NewsArticle`` (a dict ready for ``json.dumps``).

    Takes a stored article or an analysis (their entities become ``about``/``mentions``) or a
    bare article (pass ``entities`` to have them). Empty fields are left out.
    """
    canonical: str | None = None
    if isinstance(article, StoredArticle):
        found: Sequence[Entity] = article.entities
        canonical = article.canonical_url
        item = article.article
    elif isinstance(article, Analysis):
        found, item = article.entities, article.article
    else:
        found, item = (), article
    if entities is not None:
        found = entities
    people = [e for e in found if e.label in SCHEMA_TYPES]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title,
        "description": item.description,
        "datePublished": item.published,
        "dateModified": item.updated,
        "author": [{"@type": "Person", "name": name} for name in item.authors],
        "editor": [{"@type": "Person", "name": name} for name in item.editors],
        "publisher": _publisher(item),
        "url": item.url,
        "mainEntityOfPage": canonical or item.url,
        "dateline": item.dateline,
        "articleSection": item.section,
        "keywords": list(item.tags),
        "inLanguage": item.language,
        "image": [
            {
                k: v
                for k, v in (("@type", "ImageObject"), ("url", i.url), ("caption", i.caption), ("creditText", i.credit))
                if v
            }
            for i in item.images
            if i.url
        ],
        "articleBody": item.text,
        "about": [_thing(e) for e in people if item.title and _in_headline(e, item.title)],
        "mentions": [_thing(e) for e in people],
    }
    return {k: v for k, v in data.items() if v not in (None, "", [])}
