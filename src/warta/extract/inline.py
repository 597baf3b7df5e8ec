"""A "Baca juga: <title>" left inside running text, where the page's line breaks were lost.

Scraped article text often arrives as one line per article (the February 2023 Kompas and
Tribunnews dumps in ../shared: 1,124 of their 1,246 bodies carry 2,574 such links). The related
title then runs straight into the next sentence, and nothing but the words says where it ends:

    ... Baca juga: Masjid Al Jabbar Ditutup 2 Pekan, Ridwan Kamil: Sedang Dievaluasi Kapolsek
    Gedebage, Kompol Kurnia mengatakan, pelaku diamankan ...

Indonesian headlines capitalise every word but a few short ones (di, ke, dan, yang, untuk ...);
running text does not. So the title runs up to the first word written in lower case that is not
one of those; the sentence began at the capitalised word just before it, or earlier when that word
is a name after a rank or role ("Kompol Kurnia", "Kapolsek Gedebage, Kompol Kurnia") or follows a
sentence opener ("Sebelumnya, Presiden Joko Widodo meminta"). A quote mark or a numbered list item
("1. New booking") also starts the text after the title. When that reading gives a title longer
than any headline (over 24 words: a table of results, a list of names), the text is left as it is.

:func:`take_inline_related` removes each such link from a paragraph and returns the titles, which
cleaning files under the article's related links. Measured on hand-marked title ends: see
docs/extraction.md.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

_MARKER = re.compile(r"\b(?:Baca|BACA)\s+(?:juga|Juga|JUGA)\s*:\s*")
_TOKEN = re.compile(r"\S+")
_LIST_ITEM = re.compile(r"^\d{1,2}\.$")
_ADDRESS = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/\S*)?$")
_QUOTES = ('"', "“", "‘", "'")
_ENDS_CLAUSE = ("?", "!", ".", ":")
MAX_TITLE_WORDS = 24

_WORDS = tomllib.loads((Path(__file__).resolve().parent / "data" / "inline.toml").read_text(encoding="utf-8"))
_TITLE_LOWER = frozenset(_WORDS["title_lower"])  # words a headline writes in lower case
_ROLES = frozenset(_WORDS["roles"])  # ranks and roles that open a subject naming a person
_OPENERS = frozenset(_WORDS["openers"])  # words that open a sentence and do not end a headline


def _plain(word: str) -> str:
    return word.lower().strip(",")


def _opener(word: str) -> bool:
    """A sentence opener, also as the damaged Tribunnews text writes one ("Sebelumny." for "Sebelumnya,")."""
    plain = _plain(word)
    if plain in _OPENERS:
        return True
    cut = plain.rstrip(".")
    return plain.endswith(".") and len(cut) >= 4 and any(o[:-1] == cut for o in _OPENERS)


def _in_running_text(word: str) -> bool:
    """A word written in lower case that a headline would not write so (a web address is neither)."""
    if not word[:1].islower():
        return False
    plain = _plain(word).strip(".")
    return plain not in _TITLE_LOWER and not _ADDRESS.match(plain)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def title_length(words: list[str]) -> int | None:
    """How many of ``words`` (the text after "Baca juga:") are the related title, or None if unclear."""
    stop = None
    for i, word in enumerate(words):
        if i and (
            word.startswith(_QUOTES) or (_LIST_ITEM.match(word) and i + 1 < len(words) and _capitalised(words[i + 1]))
        ):
            return i
        if _in_running_text(word):
            stop = i
            break
    if stop is None:
        return None  # no running text after it within reach: leave it
    start = stop - 1
    while start > 0 and words[start][:1].islower():  # "Mulai dari look ...": the sentence's own small words
        start -= 1
    subject = start
    while subject - 1 > 0 and _plain(words[subject - 1]) in _ROLES:  # "Kompol Kurnia"
        subject -= 1
    named = subject
    for back in range(2, 7):  # "Kapolsek Gedebage, Kompol Kurnia"
        k = named - back
        if (
            k > 0
            and _plain(words[k]) in _ROLES
            and all(_capitalised(w) and not w.endswith(_ENDS_CLAUSE) for w in words[k:named])
        ):
            subject = min(subject, k)
    for back in range(6):  # "Sebelumnya, Presiden Joko Widodo meminta"
        k = subject - back
        if k > 0 and _opener(words[k]) and all(_capitalised(w) for w in words[k : subject + 1]):
            subject = k
            break
    return subject if 0 < subject <= MAX_TITLE_WORDS else None


def take_inline_related(text: str) -> tuple[str, list[str]]:
    """``text`` without its inline "Baca juga: <title>" links, and the titles, in order."""
    if "uga" not in text and "UGA" not in text:  # no "juga": nothing to look at
        return text, []
    titles: list[str] = []
    kept: list[str] = []
    position = 0
    for marker in _MARKER.finditer(text):
        if marker.start() < position:
            continue
        tokens = list(_TOKEN.finditer(text, marker.end(), min(len(text), marker.end() + 600)))
        count = title_length([t.group() for t in tokens])
        if count is None:
            continue
        kept.append(text[position : marker.start()])
        titles.append(text[tokens[0].start() : tokens[count - 1].end()])
        position = tokens[count].start() if count < len(tokens) else len(text)
    if not titles:
        return text, []
    kept.append(text[position:])
    return re.sub(r"\s{2,}", " ", " ".join(part.strip() for part in kept if part.strip())), titles


__all__ = ["MAX_TITLE_WORDS", "take_inline_related", "title_length"]
