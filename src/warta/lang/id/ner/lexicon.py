"""The NER tagger's word lists: cue words (titles, organisation and place words) and a gazetteer.

The gazetteer is a compact list of lower-cased names from Indonesian DBpedia (people, places,
organisations), built by the training script and shipped as ``data/gazetteer.txt.gz``: one
``KINDS<TAB>name`` line per name, ``KINDS`` being ``PER``, ``ORG``, ``LOC`` or several joined
by ``|`` when DBpedia lists the same name under more than one kind. Names are matched greedily,
longest first, on lower-cased tokens, so "kota bandung barat" beats "kota bandung".
"""

from __future__ import annotations

import gzip
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
CUES_FILE = DATA / "cues.toml"
GAZETTEER_FILE = DATA / "gazetteer.txt.gz"

# Longest name matched, in tokens. Longer DBpedia names (school and village names with their
# district) are rare in text and only slow the matcher down.
MAX_NAME_TOKENS = 6


@dataclass(frozen=True, slots=True)
class Cues:
    """Cue-word classes, each a set of lower-case words."""

    titles: frozenset[str]
    organisation: frozenset[str]
    place: frozenset[str]
    place_prepositions: frozenset[str]
    speech: frozenset[str]

    @classmethod
    def load(cls, path: Path = CUES_FILE) -> Cues:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return cls(**{name: frozenset(data.get(name, ())) for name in cls.__slots__})

    @classmethod
    def empty(cls) -> Cues:
        """No cue words at all (for a baseline without them)."""
        return cls(*(frozenset[str]() for _ in cls.__slots__))

    def classes(self, lower: str) -> list[str]:
        """The names of the cue classes a lower-case word belongs to (often none)."""
        return [name for name in self.__slots__ if lower in getattr(self, name)]


class Gazetteer:
    """Lower-cased names and their kinds, matched greedily longest-first over a token list."""

    __slots__ = ("_names", "_sizes")

    def __init__(self, entries: Iterable[tuple[str, str]] = ()) -> None:
        # (first token -> the lengths of the names starting with it, longest first) keeps the
        # matcher to one dict probe for the great majority of tokens, which start no name at
        # all, and to the lengths some name has for the others.
        self._names: dict[tuple[str, ...], str] = {}
        self._sizes: dict[str, tuple[int, ...]] = {}
        for kinds, name in entries:
            self.add(name.split(), kinds)

    def add(self, tokens: Sequence[str], kinds: str) -> None:
        key = tuple(t.lower() for t in tokens)
        if not key or len(key) > MAX_NAME_TOKENS:
            return
        old = self._names.get(key)
        if old and kinds not in old.split("|"):
            kinds = "|".join(sorted({*old.split("|"), *kinds.split("|")}))
        self._names[key] = kinds
        sizes = self._sizes.get(key[0], ())
        if len(key) not in sizes:
            self._sizes[key[0]] = tuple(sorted((*sizes, len(key)), reverse=True))

    def __len__(self) -> int:
        return len(self._names)

    def match(self, lowers: Sequence[str]) -> list[tuple[int, int, str]]:
        """Greedy longest-first matches as ``(start, end, kinds)``, end exclusive."""
        out: list[tuple[int, int, str]] = []
        names, sizes = self._names, self._sizes
        n = len(lowers)
        end = 0  # tokens before this are inside a match already
        # Most tokens start no name: find the few that may in one pass (in C), then try only those.
        for i in compress(range(n), map(sizes.__contains__, lowers)):
            if i < end:
                continue
            for size in sizes[lowers[i]]:
                if size > n - i:
                    continue
                kinds = names.get(tuple(lowers[i : i + size]))
                if kinds is not None:
                    out.append((i, i + size, kinds))
                    end = i + size
                    break
        return out

    def write(self, path: Path) -> None:
        """Write the gazetteer as gzip text, sorted so the file is reproducible."""
        lines = sorted(f"{kinds}\t{' '.join(key)}\n" for key, kinds in self._names.items())
        with gzip.GzipFile(path, "wb", mtime=0) as fh:
            fh.write("".join(lines).encode("utf-8"))

    @classmethod
    def load(cls, path: Path = GAZETTEER_FILE) -> Gazetteer:
        gazetteer = cls()
        if path.exists():
            text = gzip.decompress(path.read_bytes()).decode("utf-8")
            for line in text.splitlines():
                kinds, _, name = line.partition("\t")
                gazetteer.add(name.split(" "), kinds)
        return gazetteer
