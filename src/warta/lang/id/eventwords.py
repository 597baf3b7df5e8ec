"""Indonesian event triggers, as data: the words that report a visit, a meeting, an arrest, ...

``data/events.toml`` lists, per event type, ``strong`` triggers (they nearly always report an
event of the type) and ``weak`` ones (often, not always), plus the negation words that cancel a
trigger right after them. Read on first use and validated; matching folds case and diacritics.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from warta.errors import ConfigurationError
from warta.lang.id.aliases import match_form

__all__ = ["EVENT_TYPES", "Trigger", "TriggerLexicon", "trigger_lexicon"]

DATA_FILE: Final = Path(__file__).resolve().parent / "data" / "events.toml"
# The ontology (docs/events.md): PLOVER-like types, named as a user would.
EVENT_TYPES: Final = (
    "visit", "meet", "statement", "accuse", "threaten", "demand", "agree",
    "support", "sanction", "attack", "protest", "arrest", "appoint", "disaster",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger phrase: its event type, its words (match form) and whether it is strong."""

    type: str
    words: tuple[str, ...]
    strong: bool


@dataclass(frozen=True, slots=True)
class TriggerLexicon:
    """Triggers by their first word, longest first, and the negation words."""

    by_first_word: dict[str, tuple[Trigger, ...]]
    negations: frozenset[str]

    def match(self, words: list[str], i: int) -> Trigger | None:
        """The longest trigger starting at ``words[i]`` (match-form words), if any."""
        for trigger in self.by_first_word.get(words[i], ()):
            if tuple(words[i : i + len(trigger.words)]) == trigger.words:
                return trigger
        return None


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(match_form(phrase).split())


@functools.cache
def trigger_lexicon(path: Path = DATA_FILE) -> TriggerLexicon:
    """The event triggers from ``path`` (the bundled table by default), loaded once."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigurationError(f"event trigger table {path} cannot be read: {exc}") from exc
    unknown = set(data) - set(EVENT_TYPES) - {"negation"}
    if unknown:
        raise ConfigurationError(f"event trigger table {path}: unknown event types {sorted(unknown)}")
    seen: dict[tuple[str, ...], str] = {}
    index: dict[str, list[Trigger]] = {}
    for type_ in EVENT_TYPES:
        table = data.get(type_, {})
        for strength in ("strong", "weak"):
            phrases = table.get(strength, [])
            if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
                raise ConfigurationError(f"event trigger table {path}: {type_}.{strength} must be a list of strings")
            for phrase in phrases:
                words = _words(phrase)
                if not words:
                    continue
                if words in seen and seen[words] != type_:
                    raise ConfigurationError(
                        f"event trigger table {path}: {phrase!r} is listed under {seen[words]!r} and {type_!r}"
                    )
                seen[words] = type_
                index.setdefault(words[0], []).append(Trigger(type_, words, strength == "strong"))
    negations = data.get("negation", {}).get("words", [])
    return TriggerLexicon(
        by_first_word={k: tuple(sorted(v, key=lambda t: -len(t.words))) for k, v in index.items()},
        negations=frozenset(match_form(w) for w in negations),
    )


_SPLIT: Final = re.compile(r"\s+")
