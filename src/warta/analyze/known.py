"""Known names: entities the NER model did not tag, though the article or the alias table knows them.

Three sources, all matched as written (case included, so the word "as" is never "AS") and only
where no entity mention already covers those characters:

- a person named right after a title ("Deputi Perdana Menteri Denis Manturov yang ...");
- the alias table: short or rare forms the model misses ("AS", "ICC", "Korsel");
- the article itself (one name, one meaning within a story): a name the model tagged once is
  that entity wherever else it is written, and so is the family or given name of a person the
  model found in full ("Kirby" after "John Kirby").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import cast

from warta.analyze.spans import SpanSet
from warta.lang.id.aliases import AliasEntry, default_aliases, match_form
from warta.lang.patterns import alternation
from warta.model import Mention, Token


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, AliasEntry]]:
    by_name: dict[str, AliasEntry] = {}
    for entry in default_aliases():
        for name in (entry.canonical, *entry.aliases):
            # Only names that look like names: a lowercase alias would match ordinary words.
            if name[:1].isupper() and len(name) >= 2:
                by_name.setdefault(name, entry)
    return _names_pattern(by_name), by_name


def _names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Any of ``names`` as whole words, longest first.

    The lookahead on the names' first letters lets the regex engine skip every other position
    at once; without it, each position of the text tried hundreds of alternatives (measured: a
    6,000-character article 1.9 ms -> 0.35 ms). The names are factored into a trie
    (:func:`~warta.lang.patterns.alternation`), so a word start tries one branch per letter rather
    than every name (154 -> 37 µs an article on the extraction benchmark's pages).
    """
    distinct = set(names)
    firsts = "".join(sorted({re.escape(n[0]) for n in distinct}))
    return re.compile(rf"(?=[{firsts}])(?<!\w)(?:{alternation(distinct, space=None)})(?![\w-])")


def known_mentions(text: str, taken: list[tuple[int, int]], *, field: str = "body", index: int = 0) -> list[Mention]:
    """Mentions of alias-table names in ``text`` that do not overlap the spans in ``taken``."""
    pattern, by_name = _matcher()
    spans = SpanSet(taken)
    found = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if spans.overlaps(start, end):
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
    spans = SpanSet(taken)
    found = []
    for start, end in whole_word_occurrences(text, names):
        if not spans.overlaps(start, end):
            found.append(Mention(start, end, text[start:end], names[text[start:end]], field, index))
    return found


def whole_word_occurrences(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    """Where ``names`` occur in ``text`` as whole words, left to right without overlaps, the
    longest name winning where several start at one place: what the regex ``_names_pattern``
    finds, without building one.

    An article's own names change with every article, and compiling their pattern cost 0.25 ms an
    article (a trie-factored one 0.45 ms), more than searching for each name with ``str.find``.
    """
    longest: dict[int, int] = {}  # start -> end of the longest name found there
    for name in names:
        if not name:
            continue
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            starts_word = not at or not _word_char(text[at - 1])
            ends_word = end == len(text) or not _word_char(text[end], "-")
            if starts_word and ends_word and end > longest.get(at, -1):
                longest[at] = end
            at = text.find(name, at + 1)
    out: list[tuple[int, int]] = []
    reached = 0
    for start in sorted(longest):
        if start >= reached:
            out.append((start, longest[start]))
            reached = longest[start]
    return out


def _word_char(char: str, also: str = "") -> bool:
    """A character of ``\\w`` (letters, digits and the underscore, in any script), or one of ``also``."""
    return char.isalnum() or char == "_" or char in also


_CAPITALISED = re.compile(r"^[A-Z][a-z][\w'-]*$")
# A titled name is exactly two capitalised words followed by a word that is not capitalised:
# "Deputi Perdana Menteri Denis Manturov yang ...". One word after a title is too often an
# office or a place ("Menteri Keuangan", "Gubernur Bali"), and a longer run may start with one
# ("Gubernur Bali Wayan Koster"), so those are left to the model.
_NAME_WORDS = 2


def _phrase_at(words: list[str], i: int, phrases: frozenset[tuple[str, ...]], longest: int) -> int:
    """Length of the longest phrase of ``phrases`` starting at word ``i`` (0 if none)."""
    for size in range(min(longest, len(words) - i), 0, -1):
        if tuple(words[i : i + size]) in phrases:
            return size
    return 0


@lru_cache(maxsize=4)
def _first_words(phrases: frozenset[tuple[str, ...]]) -> frozenset[str]:
    """The first word of each phrase."""
    return frozenset(phrase[0] for phrase in phrases if phrase)


def titled_people(
    text: str,
    taken: list[tuple[int, int]],
    *,
    tokens: Sequence[Token] | None = None,
    field: str = "body",
    index: int = 0,
) -> list[Mention]:
    """People named right after a title the model did not tag: "Deputi Perdana Menteri Denis Manturov".

    After a capitalised title (the alias table's honorifics), office words and alias-table names
    ("Menteri Pertahanan Korea Selatan") are skipped, and one comma (an apposition: "Menteri
    Pertahanan Korea Selatan, Shin Wonsik,"); two capitalised words then followed by a word that is
    not capitalised are a person's name. ``tokens`` are the text's tokens when the caller has
    them already (the pipeline's segment stage); without them the text is tokenized here.
    """
    from warta.lang.id.tokens import tokenize

    table = default_aliases()
    titles, titles_or_offices, longest = (
        table.honorifics.titles,
        table.honorifics.titles_or_offices,
        table.honorifics.longest,
    )
    if not titles:
        return []
    spans = SpanSet(taken)
    tokens = list(tokens) if tokens is not None else tokenize(text)
    forms: list[str | None] = [None] * len(tokens)  # match forms, made only where a title may be

    def words(start: int) -> list[str]:
        """The match forms of the tokens from ``start``, as far as the longest phrase reaches."""
        stop = min(start + longest, len(tokens))
        for k in range(start, stop):
            if forms[k] is None:
                forms[k] = match_form(tokens[k].text)
        return cast(list[str], forms[start:stop])

    found: list[Mention] = []
    firsts = _first_words(titles)
    reached = 0  # tokens before this were read as a title and what followed it
    # Most tokens start no title: only a capitalised token whose form starts one is looked at.
    for i in [i for i, token in enumerate(tokens) if token.text[:1].isupper()]:
        if i < reached or (forms[i] or words(i)[0]) not in firsts:
            continue
        size = _phrase_at(words(i), 0, titles, longest)
        if not size:
            continue
        j = i + size
        while j < len(tokens):  # more titles, offices and named places or bodies: "Perdana Menteri Rusia"
            step = _phrase_at(words(j), 0, titles_or_offices, longest) or _alias_at(tokens, j)
            if not step:
                break
            j += step
        if j < len(tokens) and tokens[j].text == ",":
            j += 1
        k = j + _NAME_WORDS
        name = tokens[j:k]
        followed = k >= len(tokens) or not tokens[k].text[:1].isupper()
        if len(name) == _NAME_WORDS and followed and all(_CAPITALISED.match(t.text) for t in name):
            start, end = name[0].start, name[-1].end
            if not _alias_at(tokens, j) and not spans.overlaps(start, end):
                found.append(Mention(start, end, text[start:end], "PER", field, index))
        reached = max(j, i + 1)
    return found


def _alias_at(tokens: list[Token], i: int) -> int:
    """Number of capitalised tokens from ``i`` that spell a place or body of the alias table (0 if none)."""
    table = default_aliases()
    run = 0
    while run < 4 and i + run < len(tokens) and tokens[i + run].text[:1].isupper():
        run += 1
    for size in range(run, 0, -1):
        entry = table.lookup(" ".join(t.text for t in tokens[i : i + size]))
        if entry is not None and entry.label != "PER":
            return size
    return 0
