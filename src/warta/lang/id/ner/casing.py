"""Headlines in Title Case, read with the case their words have in the article's own text.

Indonesian news headlines capitalise every word ("Pengacara Ronald Tannur Divonis 11 Tahun
Penjara"), and the tagger, trained on running text, reads a run of capitalised words as one
name: "Ronald Tannur Divonis", "PLN Raup Laba", "Prabowo Bubarkan Saber Pungli Era Jokowi". The
article's body says how each word is really written. :class:`Casing` collects that from the
body's tokens, and :meth:`Casing.restore` gives the headline's words to the tagger with a
capitalised word lowered when the body writes it in lower case and never capitalised inside a
sentence ("Divonis" -> "divonis"; "Prabowo" stays). A word the body does not use is lowered when
it is a common lower-case word (:data:`LOWERCASE_FILE`: words the NER training corpora write in
lower case nearly always, built by ``scripts/build_casing.py``) or a long word ending in -kan or
-nya, and otherwise keeps its case.
Only what the tagger reads changes: the mentions keep the headline's own spans and text.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from warta.errors import ConfigurationError
from warta.lang.id.ner.conll import Sentence
from warta.lang.id.ner.lexicon import DATA

LOWERCASE_FILE = DATA / "lowercase.txt.gz"
# A word joins the common lower-case list when the corpora write it in lower case at least this
# often, and capitalised inside a sentence (or inside a name) at most this share of the time.
MIN_LOWER = 3
MAX_CAPITALISED_SHARE = 0.02
# A word this long ending in -kan or -nya is taken for a common word (see _affixed).
MIN_AFFIXED = 7


@dataclass(frozen=True, slots=True)
class Casing:
    """How a text writes its words: those seen in lower case, and those capitalised inside a sentence."""

    lower: frozenset[str]
    capitalised: frozenset[str]

    @classmethod
    def of(cls, sentences: Iterable[Sequence[str]]) -> Casing:
        """The casing of tokenised sentences; a sentence's first word says nothing and is skipped."""
        lower: set[str] = set()
        capitalised: set[str] = set()
        for words in sentences:
            for position, word in enumerate(words):
                first = word[:1]
                if first.islower():
                    lower.add(word)
                elif position and first.isupper():
                    capitalised.add(word)
        return cls(frozenset(lower), frozenset(capitalised))

    def restore(self, words: Sequence[str], common: frozenset[str] | None = None) -> list[str]:
        """``words`` with each capitalised word lowered that this text writes in lower case, or that
        it does not use and is in ``common`` (the shipped list by default), unless this text
        capitalises it inside a sentence. Acronyms (all capitals) are left alone."""
        common = load_lowercase() if common is None else common
        out = list(words)
        for i, word in enumerate(words):
            if not word[:1].isupper() or word.isupper() or word in self.capitalised:
                continue
            lowered = word.lower()
            if (lowered in self.lower or lowered in common or _affixed(lowered)) and len(lowered) == len(word):
                out[i] = lowered
        return out


def _affixed(lowered: str) -> bool:
    """A long word ending in a suffix that names hardly ever have: the verb suffix -kan
    ("Bandingkan", "Munculkan") and the possessive -nya ("Kondisinya")."""
    return len(lowered) >= MIN_AFFIXED and lowered.endswith(("kan", "nya"))


def build_lowercase(sentences: Iterable[Sentence]) -> list[str]:
    """The common lower-case words of annotated sentences, sorted: written in lower case at least
    :data:`MIN_LOWER` times, and capitalised (inside a sentence, or as part of a name) at most
    :data:`MAX_CAPITALISED_SHARE` of the time. A capital at a sentence's start is not counted."""
    lower: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for sentence in sentences:
        for position, (word, tag) in enumerate(zip(sentence.tokens, sentence.tags, strict=True)):
            if not word.isalpha() and not word.replace("-", "").isalpha():
                continue
            if word[:1].islower() and tag == "O":
                lower[word] += 1
            elif (position or tag != "O") and word[:1].isupper() and not word.isupper():
                capitalised[word.lower()] += 1
    return sorted(
        w for w, n in lower.items() if n >= MIN_LOWER and capitalised[w] <= MAX_CAPITALISED_SHARE * (n + capitalised[w])
    )


def write_lowercase(words: Iterable[str], path: Path = LOWERCASE_FILE) -> None:
    """Write the list as gzip text, one word a line (reproducible: no timestamp)."""
    with gzip.GzipFile(path, "wb", mtime=0) as fh:
        fh.write(("\n".join(words) + "\n").encode("utf-8"))


@lru_cache(maxsize=1)
def load_lowercase(path: Path = LOWERCASE_FILE) -> frozenset[str]:
    """The shipped common lower-case words."""
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, ValueError) as exc:
        raise ConfigurationError(
            f"lower-case word list {path} is missing or unreadable ({exc}); reinstall warta or rebuild it "
            "with scripts/build_casing.py"
        ) from exc
    return frozenset(line for line in text.splitlines() if line)
