"""Known names: entities the NER model did not tag, though the article or the alias table knows them.

Two sources, both matched as written (case included, so the word "as" is never "AS") and only
where no entity mention already covers those characters:

- the alias table: short or rare forms the model misses ("AS", "ICC", "Korsel");
- the article itself (one name, one meaning within a story): a name the model tagged once is
  that entity wherever else it is written, and so is the family or given name of a person the
  model found in full ("Kirby" after "John Kirby").
"""

from __future__ import annotations

import re
from functools import cache

from warta.lang.id.aliases import AliasEntry, default_aliases
from warta.model import Mention


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, AliasEntry]]:
    by_name: dict[str, AliasEntry] = {}
    for entry in default_aliases():
        for name in (entry.canonical, *entry.aliases):
            # Only names that look like names: a lowercase alias would match ordinary words.
            if name[:1].isupper() and len(name) >= 2:
                by_name.setdefault(name, entry)
    names = sorted(by_name, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    return pattern, by_name


def known_mentions(text: str, taken: list[tuple[int, int]], *, field: str = "body", index: int = 0) -> list[Mention]:
    """Mentions of alias-table names in ``text`` that do not overlap the spans in ``taken``."""
    pattern, by_name = _matcher()
    found = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(start < b and a < end for a, b in taken):
            continue
        entry = by_name[match.group()]
        found.append(Mention(start, end, match.group(), entry.label, field, index))
    return found


_NAME_PART = re.compile(r"^[A-Z][\w'-]{2,}$")


def article_names(mentions: list[Mention]) -> dict[str, str]:
    """Names the article's own entity mentions establish, with their labels (first label wins)."""
    names: dict[str, str] = {}
    for mention in mentions:
        if mention.label not in ("PER", "ORG", "LOC") or len(mention.text) < 3 or not mention.text[:1].isupper():
            continue
        names.setdefault(mention.text, mention.label)
        words = mention.text.split()
        if mention.label == "PER" and len(words) >= 2:
            for part in (words[0], words[-1]):
                if _NAME_PART.match(part):
                    names.setdefault(part, "PER")
    return names


def repeated_mentions(
    text: str, names: dict[str, str], taken: list[tuple[int, int]], *, field: str = "body", index: int = 0
) -> list[Mention]:
    """Other occurrences of the article's own names in ``text`` that no mention covers yet."""
    if not names:
        return []
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w-])"
    )
    found = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if not any(start < b and a < end for a, b in taken):
            found.append(Mention(start, end, match.group(), names[match.group()], field, index))
    return found
