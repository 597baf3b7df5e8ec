"""Indonesian speech cues, as data: the verbs that attribute quotes and the words around them.

``data/speech.toml`` lists the cues written after a direct quote ("kata", "ujar"), the reporting
verbs ("mengatakan", "menegaskan"), the "menurut X" openers, the pronouns that stand for the last
speaker, and the words that end a speaker phrase ("kepada", "di", a weekday). The ``-nya`` form of
every after-cue ("katanya", "ujarnya") is derived here. Read on first use and validated.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from warta.errors import ConfigurationError

__all__ = ["SpeechCues", "speech_cues"]

DATA_FILE: Final = Path(__file__).resolve().parent / "data" / "speech.toml"
_KEYS: Final = (
    "after",
    "reporting",
    "indirect",
    "according",
    "pronouns",
    "demonstratives",
    "phrase_stops",
    "role_words",
    "title_words",
    "headline_labels",
)


@dataclass(frozen=True, slots=True)
class SpeechCues:
    """The cue lexicon: every word lower case."""

    after: frozenset[str]
    suffixed: frozenset[str]  # "katanya", "ujarnya": the speaker is the last one named
    reporting: frozenset[str]
    indirect: frozenset[str]  # reporting verbs that make indirect speech without "bahwa"
    according: tuple[str, ...]
    pronouns: frozenset[str]
    demonstratives: frozenset[str]  # "politisi Partai Hanura itu": a description pointing back
    phrase_stops: frozenset[str]
    role_words: frozenset[str]
    title_words: frozenset[str]  # "bertajuk", "bertema": the quotation after them is a title
    headline_labels: frozenset[str]  # "opini", "foto": a headline's "X: …" that is a rubric, not speech

    def cue_kind(self, word: str) -> str | None:
        """``"after"``, ``"suffixed"``, ``"reporting"`` or None for a word (any case)."""
        low = word.casefold()
        if low in self.suffixed:
            return "suffixed"
        if low in self.after:
            return "after"
        if low in self.reporting:
            return "reporting"
        return None


def _suffixed(verb: str) -> str:
    return verb if verb.endswith("nya") else verb + "nya"


@functools.cache
def speech_cues(path: Path = DATA_FILE) -> SpeechCues:
    """The speech cues from ``path`` (the bundled table by default), loaded once."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"speech cue table {path} cannot be read: {exc}") from exc
    lists: dict[str, list[str]] = {}
    for key in _KEYS:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v == v.casefold() for v in value):
            raise ConfigurationError(f"speech cue table {path}: {key!r} must be a list of lower-case strings")
        lists[key] = value
    after = frozenset(v for v in lists["after"] if not v.endswith("nya"))
    suffixed = frozenset(_suffixed(v) for v in lists["after"]) | frozenset(
        v + "nya" for v in lists["reporting"] if v.startswith("ber")
    )
    return SpeechCues(
        after=after,
        suffixed=suffixed,
        reporting=frozenset(lists["reporting"]) | frozenset(lists["indirect"]),
        indirect=frozenset(lists["indirect"]),
        according=tuple(lists["according"]),
        pronouns=frozenset(lists["pronouns"]),
        demonstratives=frozenset(lists["demonstratives"]),
        phrase_stops=frozenset(lists["phrase_stops"]),
        role_words=frozenset(lists["role_words"]),
        title_words=frozenset(lists["title_words"]),
        headline_labels=frozenset(lists["headline_labels"]),
    )
