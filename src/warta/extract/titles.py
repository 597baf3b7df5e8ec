"""Titles without the site's name: " - Kompas.com", "| Republika Online", "KapanLagi.com: ".

Publishers put their name before or after the headline in ``<title>`` and often in
``og:title`` too. A profile lists its exact affixes; for every site, a segment cut off by a
separator is also dropped when it names the site (its host, its site name or its publisher).
"""

from __future__ import annotations

import re

from warta.extract.boilerplate import normalize_space

# Separators between a headline and the site's name, with the spaces around them.
_SEPARATORS = re.compile(r"\s+[-–—|:·•»]\s+|\s*\|\s*|\s+::\s+|(?<=\w):\s+(?=\S)")
_WORD = re.compile(r"[a-z0-9]+")
# Words that mark a segment as a site or section name rather than headline text.
_SITE_WORDS = frozenset(
    {
        "com",
        "co",
        "id",
        "online",
        "news",
        "berita",
        "terkini",
        "terbaru",
        "hari",
        "ini",
        "indonesia",
        "portal",
        "situs",
        "www",
        "net",
        "org",
    }
)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _names_site(segment: str, site_words: set[str]) -> bool:
    words = _words(segment)
    if not words or len(words) > 6:
        return False
    joined = "".join(words)
    return any(len(w) >= 4 and (w in words or w in joined) for w in site_words)


def site_words(*names: str | None) -> set[str]:
    """Distinctive words of a host and site names: "regional.kompas.com" -> {"kompas", ...}."""
    words: set[str] = set()
    for name in names:
        if not name:
            continue
        for word in _words(name):
            if word not in _SITE_WORDS and len(word) >= 4:
                words.add(word)
    return words


def strip_site_affixes(title: str, *, affixes: tuple[str, ...] = (), names: tuple[str | None, ...] = ()) -> str:
    """Remove the site's name from the start or end of a title.

    ``affixes`` are exact strings from a publisher profile; ``names`` are the host, the
    og:site_name and the publisher, used to recognise a site segment on unknown sites.
    """
    title = normalize_space(title)
    for affix in sorted(affixes, key=len, reverse=True):
        if title.endswith(affix) and len(title) > len(affix) + 8:
            title = title[: -len(affix)].strip()
        if title.startswith(affix) and len(title) > len(affix) + 8:
            title = title[len(affix) :].strip()
    words = site_words(*names)
    if not words:
        return title
    for _ in range(3):  # "Headline - Section - Site" needs two cuts
        parts = [m for m in _SEPARATORS.finditer(title)]
        if not parts:
            break
        first, last = parts[0], parts[-1]
        head, tail = title[: last.start()], title[last.end() :]
        if _names_site(tail, words) and len(head) >= 10:
            title = head.strip()
            continue
        head, tail = title[: first.start()], title[first.end() :]
        if _names_site(head, words) and len(tail) >= 10:
            title = tail.strip()
            continue
        break
    return title
