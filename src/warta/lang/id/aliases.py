"""The alias table: abbreviations, exonyms and short names of well-known entities, as data.

``data/aliases.toml`` lists, per kind (PER, ORG, LOC), canonical names and their aliases ("AS",
"United States" and "USA" for "Amerika Serikat"), plus the honorifics stripped from person
mentions. The format is documented in ``docs/aliases.md``. The table is read on first use
(``default_aliases()``, cached), never at import, and validated: a malformed file, an unknown
kind or an alias claimed by two entities raises :class:`~warta.errors.ConfigurationError`.

Matching works on :func:`match_form`, which folds case, diacritics, hyphens, dots and apostrophes,
so "Kim Jong-un" = "Kim Jong Un", "U.S." = "US", "Ma'ruf" = "Maruf". One exception keeps common
words out: an alias written in capitals ("AS", "MA", "PAN") matches only a mention written in
capitals, because in lower case those are the Indonesian words "as", "ma", "pan".
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from warta.errors import ConfigurationError

__all__ = ["LABELS", "AliasEntry", "AliasTable", "Honorifics", "default_aliases", "load_aliases", "match_form"]

DATA_FILE: Final = Path(__file__).resolve().parent / "data" / "aliases.toml"
LABELS: Final = ("PER", "ORG", "LOC")

_DROP: Final = re.compile(r"[.'’‘`ʼ]")  # abbreviation dots and name apostrophes vanish: "U.S." = "US"
_SEPARATORS: Final = re.compile(r"[^\w]|_")  # everything else that is not a letter or digit splits words


def match_form(name: str) -> str:
    """The form names are compared in: case-, accent-, hyphen- and punctuation-folded words.

    ``"Kim Jong-un"`` -> ``"kim jong un"``; ``"U.S."`` -> ``"us"``; ``"Erdoğan"`` -> ``"erdogan"``;
    ``"Perserikatan Bangsa-Bangsa"`` -> ``"perserikatan bangsa bangsa"``.
    """
    # Words and names repeat across an article and a corpus: short strings are cached.
    return _cached_match_form(name) if len(name) <= _CACHED_LENGTH else _match_form(name)


_CACHED_LENGTH: Final = 64


def _match_form(name: str) -> str:
    folded = name.casefold()
    if not folded.isascii():  # only non-ASCII text can carry accents to strip
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_SEPARATORS.sub(" ", _DROP.sub("", folded)).split())


_cached_match_form = functools.lru_cache(maxsize=1 << 16)(_match_form)


def _is_capitals(text: str) -> bool:
    """Written in capitals: it has letters and none of them is lower case ("AS", "PDI-P", "G20")."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any(c.islower() for c in letters)


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One entity of the table: its kind, canonical name and aliases as written in the file."""

    label: str
    canonical: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Honorifics:
    """Titles and forms of address stripped from person mentions, as match-form word tuples."""

    titles: frozenset[tuple[str, ...]] = frozenset()
    offices: frozenset[tuple[str, ...]] = frozenset()
    suffixes: tuple[str, ...] = ()
    # Words in the longest title or office phrase (how far ahead a strip has to look); computed
    # once, since linking and speaker finding ask for it for every mention.
    longest: int = field(init=False, compare=False)
    titles_or_offices: frozenset[tuple[str, ...]] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "titles_or_offices", self.titles | self.offices)
        object.__setattr__(self, "longest", max((len(p) for p in self.titles_or_offices), default=0))


class AliasTable:
    """Canonical entities by alias; ``lookup`` answers for a mention's text."""

    __slots__ = ("_capitals", "_names", "_not_capitals", "_not_names", "entries", "honorifics")

    def __init__(
        self,
        entries: tuple[AliasEntry, ...],
        honorifics: Honorifics,
        *,
        source: str = "aliases",
        not_names: tuple[str, ...] = (),
    ) -> None:
        self.entries = entries
        self.honorifics = honorifics
        # Words the model reads as names that are not ("WNI", "IHSG", "Tanah Air"); one written in
        # capitals only matches a mention written in capitals, as aliases do.
        self._not_capitals = frozenset(match_form(n) for n in not_names if _is_capitals(n))
        self._not_names = frozenset(match_form(n) for n in not_names if not _is_capitals(n))
        self._names: dict[str, AliasEntry] = {}  # any case: canonical names and mixed-case aliases
        self._capitals: dict[str, AliasEntry] = {}  # aliases written in capitals: capital mentions only
        for entry in entries:
            for i, name in enumerate((entry.canonical, *entry.aliases)):
                form = match_form(name)
                if not form:
                    raise ConfigurationError(f"{source}: {entry.label} {entry.canonical!r}: alias {name!r} is empty")
                index = self._capitals if i > 0 and _is_capitals(name) else self._names
                index.setdefault(form, entry)
                for other in (self._names.get(form), self._capitals.get(form)):
                    if other is not None and other is not entry:
                        raise ConfigurationError(
                            f"{source}: {name!r} is claimed by both {other.label} {other.canonical!r} and "
                            f"{entry.label} {entry.canonical!r}; keep it under one entity"
                        )
        for name in not_names:  # checked against the indexes just built: every canonical name and alias
            if (form := match_form(name)) in self._names or form in self._capitals:
                raise ConfigurationError(f"{source}: {name!r} is both a name and in [not_names]")

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[AliasEntry]:
        return iter(self.entries)

    def is_not_a_name(self, text: str) -> bool:
        """Whether a mention's whole text is one of the table's ``[not_names]``."""
        form = match_form(text)
        return form in self._not_names or (form in self._not_capitals and _is_capitals(text))

    def lookup(self, name: str) -> AliasEntry | None:
        """The entity ``name`` is an alias or the canonical name of, or None."""
        form = match_form(name)
        if not form:
            return None
        found = self._capitals.get(form)
        if found is not None and _is_capitals(name):
            return found
        return self._names.get(form)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigurationError(f"{where} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _phrases(value: Any, where: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(match_form(v).split()) for v in _strings(value, where) if match_form(v))


def _parse(data: Mapping[str, Any], source: str) -> AliasTable:
    sections = [*LABELS, "honorifics", "not_names"]
    unknown = set(data) - set(sections)
    if unknown:
        raise ConfigurationError(f"{source}: unknown section(s) {sorted(unknown)}; expected {sections}")
    raw_not_names = data.get("not_names", {})
    if not isinstance(raw_not_names, dict) or set(raw_not_names) - {"names"}:
        raise ConfigurationError(f"{source}: [not_names] holds only names")
    not_names = _strings(raw_not_names.get("names", []), f"{source}: not_names.names")
    raw_honorifics = data.get("honorifics", {})
    if not isinstance(raw_honorifics, dict) or set(raw_honorifics) - {"titles", "offices", "suffixes"}:
        raise ConfigurationError(f"{source}: [honorifics] holds only titles, offices and suffixes")
    honorifics = Honorifics(
        titles=_phrases(raw_honorifics.get("titles", []), f"{source}: honorifics.titles"),
        offices=_phrases(raw_honorifics.get("offices", []), f"{source}: honorifics.offices"),
        suffixes=_strings(raw_honorifics.get("suffixes", []), f"{source}: honorifics.suffixes"),
    )
    entries: list[AliasEntry] = []
    for label in LABELS:
        section = data.get(label, {})
        if not isinstance(section, dict):
            raise ConfigurationError(f'{source}: [{label}] must be a table of "Canonical" = [aliases]')
        for canonical, aliases in section.items():
            where = f"{source}: {label} {canonical!r}"
            if not canonical.strip():
                raise ConfigurationError(f"{where}: the canonical name is empty")
            unique = tuple(dict.fromkeys(a for a in _strings(aliases, where) if a != canonical))
            entries.append(AliasEntry(label, canonical.strip(), unique))
    return AliasTable(tuple(entries), honorifics, source=source, not_names=not_names)


def load_aliases(path: Path | None = None) -> AliasTable:
    """Read and validate an alias table (the shipped ``data/aliases.toml`` by default)."""
    path = path or DATA_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"alias table {path} cannot be read: {exc}") from exc
    return _parse(data, str(path))


@functools.cache
def default_aliases() -> AliasTable:
    """The shipped alias table, loaded and validated on first use."""
    return load_aliases()
