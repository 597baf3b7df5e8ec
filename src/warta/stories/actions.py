"""Who the lead says did what: the story gate on distinct participants.

Reports of one court session, one incident or one war often share most of their words; what tells
them apart is whom the action is about. "Zarof Ricar divonis 16 tahun", "Ibu Ronald Tannur divonis
3 tahun" and "Pengacara Ronald Tannur divonis 11 tahun" are three verdicts of one afternoon, written
from one template. Their first sentences name the defendant: the event layer reads each as an
``arrest`` event (the verdict, the charge, the detention) on a different person.

:func:`lead_actions` takes the events of an article's **lead sentence** (the body's first sentence,
where an Indonesian report says who did what) with a person as actor or target, by event type.
Statements are left out: third parties comment on an event in the event's own story (a legislator
on a visit, an association on a decision; docs/stories-annotation.md, rule 2), so who speaks does
not make a new story. Titles are left out too: headline events are read less reliably than running
text.

:func:`conflicts` is true when an article's lead reports an action of a type a story's leads also
report, with none of the same people: no name shared with the story's participants of that type,
the article naming none of them anywhere in its title or body, and the story's articles naming
none of the article's. Such an article does not join that story (``StorySettings.participant_gate``):
a report that mentions the other defendant, or a story that already named this one, still can.

Names are compared by their words, not their keys: scraped text glues words where links were
("Moon Taeilbersama"), and the tagger takes a neighbouring word into a name ("Marcella Santoso
Akui"), so one person has several keys. Two names are the same person's when they share a name
word of three letters or more, or two of their words begin with the same five letters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from warta.model import Analysis

_PERSON = "per:"
_SKIPPED = frozenset({"statement"})
_NAMING = frozenset({"title", "body"})
_WORD = 3  # shortest name word compared
_PREFIX = 5  # letters two glued name words must share


@dataclass(frozen=True, slots=True)
class LeadActions:
    """An article's lead actions (event type -> persons acting or acted on) and the persons it names."""

    actions: Mapping[str, frozenset[str]]
    people: frozenset[str]  # every person the title and the body name


def lead_actions(analysis: Analysis) -> LeadActions:
    """The non-statement events of the body's first sentence with a person as actor or target."""
    found: dict[str, set[str]] = {}
    for event in analysis.events:
        if event.type in _SKIPPED or event.field != "body" or event.index != 0 or event.sentence_start != 0:
            continue
        for key in (event.actor, event.target):
            if key and key.startswith(_PERSON):
                found.setdefault(event.type, set()).add(key)
    people = {m.key for m in analysis.mentions if m.key and m.key.startswith(_PERSON) and m.field in _NAMING}
    return LeadActions({t: frozenset(keys) for t, keys in found.items()}, frozenset(people))


def name_words(keys: Iterable[str]) -> set[str]:
    """The words of entity keys' names: ``per:zarof-ricar`` -> {"zarof", "ricar"}."""
    return {w for key in keys for w in key.partition(":")[2].split("-") if len(w) >= _WORD}


def same_people(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two sets of person keys share a person, by name words (see the module's docstring)."""
    words_a, words_b = name_words(a), name_words(b)
    if words_a & words_b:
        return True
    prefixes = {w[:_PREFIX] for w in words_a if len(w) >= _PREFIX}
    return any(len(w) >= _PREFIX and w[:_PREFIX] in prefixes for w in words_b)


def conflicts(article: LeadActions, actions: Mapping[str, set[str]], people: set[str]) -> bool:
    """Whether the article's lead reports an action of a story's kind on other people only.

    ``actions`` and ``people`` are the story's: the union of its articles' :class:`LeadActions`.
    """
    for kind, persons in article.actions.items():
        theirs = actions.get(kind)
        if (
            theirs
            and not same_people(persons, theirs)
            and not same_people(theirs, article.people)
            and not same_people(persons, people)
        ):
            return True
    return False


__all__ = ["LeadActions", "conflicts", "lead_actions", "name_words", "same_people"]
