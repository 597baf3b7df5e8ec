"""Speaker phrases: who a quote's attribution names, with the role and affiliation written there.

An attribution names its speaker in a short phrase: after the cue ("kata juru bicara Dewan
Keamanan Nasional AS, John Kirby, kepada wartawan"), or before the speech verb ("Menteri
Pertahanan Amerika Serikat, Lloyd Austin, bulan lalu, menyatakan"). The phrase is cut into
comma chunks; the chunk holding a person (else an organisation) is the speaker, and the role is
the chunk's words before the name, else the chunk next to it when it reads like a role
("penasihat Kremlin"): it starts with a title, an office or a role word, or names an
organisation. A phrase with no name may hold a pronoun ("dia"), which stands for the last
speaker, or a bare title ("Presiden"), which stands for the person last written with it.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from warta.lang.id.aliases import default_aliases, match_form
from warta.lang.id.speech import speech_cues
from warta.model import Mention

__all__ = ["People", "Speaker", "phrase_after", "subject_before"]

_WORD: Final = re.compile(r"[^\W_][\w'’-]*|[^\w\s]")
_HARD_STOPS: Final = frozenset('.;!?“”"„«»:\n')
# A speaker phrase is a name with a role: longer than this it has run into the next clause.
MAX_PHRASE_WORDS: Final = 24
MAX_ROLE_WORDS: Final = 14
# No entity mention is longer than this (characters): the look-back when narrowing the mentions
# to a phrase's window, so a phrase costs its own length, not the article's.
LONGEST_MENTION: Final = 300
# How many people back a bare title ("kata Presiden") looks for the person last written with it:
# a title points at someone named recently; the bound keeps 500 such cues linear.
TITLE_LOOKBACK: Final = 64


@dataclass(frozen=True, slots=True)
class Speaker:
    """What an attribution says about its speaker."""

    text: str | None = None  # the name, pronoun or title as written
    mention: Mention | None = None  # the entity mention naming the speaker
    role: str | None = None
    affiliation: str | None = None
    pronoun: bool = False  # "dia", "beliau": the last speaker
    title: str | None = None  # a bare title ("Presiden"): the person last written with it


@functools.cache
def _role_starts() -> frozenset[str]:
    honorifics = default_aliases().honorifics
    words = {" ".join(p) for p in honorifics.titles | honorifics.offices}
    return frozenset(words | speech_cues().role_words)


def _reads_like_role(chunk: str, mentions: Sequence[Mention]) -> bool:
    words = match_form(chunk).split()
    if not words or len(words) > MAX_ROLE_WORDS:
        return False
    starts = _role_starts()
    return words[0] in starts or " ".join(words[:2]) in starts or any(m.label == "ORG" for m in mentions)


def _near(mentions: Sequence[Mention], start: int, end: int) -> Sequence[Mention]:
    """The mentions (sorted by start) that overlap text[start:end], found by bisection."""
    low = bisect_left(mentions, start - LONGEST_MENTION, key=lambda m: m.start)
    high = bisect_left(mentions, end, lo=low, key=lambda m: m.start)
    return [m for m in mentions[low:high] if m.end > start]


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def _inside(mentions: Sequence[Mention], start: int, end: int) -> list[Mention]:
    return [m for m in mentions if m.start >= start and m.end <= end]


def _chunks(text: str, start: int, end: int, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """(start, end) of the comma-separated chunks of text[start:end]; commas inside a mention do not cut."""
    spans: list[tuple[int, int]] = []
    chunk_start = start
    for position in range(start, end):
        if text[position] == "," and not any(m.start < position < m.end for m in mentions):
            spans.append((chunk_start, position))
            chunk_start = position + 1
    spans.append((chunk_start, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return out


def _affiliation(mentions: Sequence[Mention]) -> str | None:
    for label in ("ORG", "LOC"):
        named = [m for m in mentions if m.label == label]
        if named:
            return named[-1].canonical or named[-1].text
    return None


def _speaker_in(text: str, start: int, end: int, mentions: Sequence[Mention], *, after_cue: bool) -> Speaker | None:
    here = _inside(mentions, start, end)
    chunks = [c for c in _chunks(text, start, end, here) if c[0] < c[1]]
    if not chunks:
        return None
    people = [m for m in here if m.label == "PER"]
    if not people and after_cue:  # a chunk of capitalised words only: a name the model missed ("…, Alamsyah,")
        for chunk in chunks[1:]:
            words = [text[s:e] for s, e in _words(text, *chunk)]
            if words and all(w[:1].isupper() for w in words) and not _inside(here, *chunk):
                role = text[chunks[0][0] : chunks[0][1]] if _reads_like_role(text[slice(*chunks[0])], here) else None
                return Speaker(text=" ".join(words), role=role, affiliation=_affiliation(_inside(here, *chunks[0])))
    if not people:  # "kata politisi Partai Hanura itu": someone named before, described again
        described = _described(text, chunks, after_cue=after_cue)
        if described is not None:
            return described
    if not people:  # an organisation speaks when the phrase starts with it ("kata Polri", "Kemenkes menegaskan")
        people = [m for m in here if m.label in ("ORG", "LOC") and any(c[0] == m.start for c in chunks)]
    if not people:
        return _unnamed(text, chunks[0] if after_cue else chunks[-1], here)
    name = people[0] if after_cue else people[-1]
    position = next(i for i, c in enumerate(chunks) if c[0] <= name.start and name.end <= c[1])
    chunk = chunks[position]
    role_span: tuple[int, int] | None = None
    if name.start > chunk[0]:
        role_span = (chunk[0], name.start)
    elif position > 0 and _reads_like_role(text[slice(*chunks[position - 1])], _inside(here, *chunks[position - 1])):
        role_span = chunks[position - 1]
    elif position + 1 < len(chunks) and _reads_like_role(
        text[slice(*chunks[position + 1])], _inside(here, *chunks[position + 1])
    ):
        role_span = chunks[position + 1]
    role = text[role_span[0] : role_span[1]].strip(" ,") if role_span else None
    role_mentions = _inside(here, *role_span) if role_span else []
    return Speaker(
        text=name.text,
        mention=name,
        role=role or None,
        affiliation=_affiliation([m for m in role_mentions if m is not name]),
    )


def _described(text: str, chunks: Sequence[tuple[int, int]], *, after_cue: bool) -> Speaker | None:
    """A description ending with a demonstrative stands for the last speaker, like a pronoun.

    After a cue the phrase's first chunk must end with it ("kata anggota Komisi IX DPR itu");
    before a verb the last chunk must hold it among its last three words ("Pria berusia 44
    tahun ini bahkan menyatakan"; "Wakil rakyat dari …, itu juga menilai", where the
    description is the chunk before). The description is the role, as written.
    """
    position = 0 if after_cue else len(chunks) - 1
    words = _words(text, *chunks[position])
    if not words:
        return None
    demonstratives = speech_cues().demonstratives
    tail = words[-1:] if after_cue else words[-3:]
    at = next((i for i in range(len(tail) - 1, -1, -1) if text[slice(*tail[i])].casefold() in demonstratives), None)
    if at is None:
        return None
    stop = tail[at][0]
    role_start = chunks[position][0]
    if stop == role_start and position > 0:  # "…, itu juga menilai": the chunk before describes
        role_start, stop = chunks[position - 1]
    role = text[role_start:stop].strip(" ,")
    if not role or role.casefold().split()[0] in speech_cues().pronouns:
        return None
    return Speaker(text=text[role_start : tail[at][1]].strip(" ,"), pronoun=True, role=role)


def _unnamed(text: str, chunk: tuple[int, int], mentions: Sequence[Mention]) -> Speaker | None:
    """A phrase without a recognised name: a pronoun, a bare title, or capitalised words."""
    words = [text[s:e] for s, e in _words(text, *chunk)]
    if not words:
        return None
    cues = speech_cues()
    first = words[0].casefold()
    if first in cues.pronouns:
        return Speaker(text=words[0], pronoun=True)
    phrase = text[chunk[0] : chunk[1]]
    if _reads_like_role(phrase, mentions):
        names = [w for w in words[1:] if w[:1].isupper() and match_form(w) not in _role_starts()]
        if names:  # "Irjen Fadil": a title, then a name the model did not tag
            return Speaker(text=" ".join(names), role=" ".join(words[: len(words) - len(names)]) or None)
        return Speaker(text=phrase, title=phrase)
    capitalised = []
    for word in words:
        if not word[:1].isupper():
            break
        capitalised.append(word)
    return Speaker(text=" ".join(capitalised)) if capitalised else None


def phrase_after(text: str, start: int, limit: int, mentions: Sequence[Mention]) -> tuple[Speaker | None, int]:
    """The speaker named right after a cue at ``start`` (and where the phrase ends).

    ``mentions`` are the field's entity mentions sorted by start.
    """
    cues = speech_cues()
    mentions = _near(mentions, start, limit)
    end = start
    for number, (s, e) in enumerate(_words(text, start, limit)):
        word = text[s:e]
        if word in _HARD_STOPS or number >= MAX_PHRASE_WORDS:
            break
        inside_name = any(m.start <= s < m.end for m in mentions)
        if not inside_name and word.casefold() in cues.phrase_stops and number > 0:
            break
        end = e
    if end == start:
        return None, start
    return _speaker_in(text, start, end, mentions, after_cue=True), end


def subject_before(text: str, start: int, end: int, mentions: Sequence[Mention]) -> Speaker | None:
    """The speaker named as the subject of a speech verb: text[start:end] is the clause before the verb.

    ``mentions`` are the field's entity mentions sorted by start.
    """
    span = _words(text, start, end)
    if len(span) > MAX_PHRASE_WORDS * 2:  # only the last part of a long clause can be its subject
        start = span[-MAX_PHRASE_WORDS * 2][0]
    mentions = _near(mentions, start, end)
    return _speaker_in(text, start, end, mentions, after_cue=False)


class People:
    """A field's people (PER mentions in reading order), indexed by the words of their names: where a
    pronoun, a short name or a bare title finds the person it stands for."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.people = [m for m in mentions if m.label == "PER"]
        self.starts = [m.start for m in self.people]
        self.by_word: dict[str, list[int]] = {}
        for number, person in enumerate(self.people):
            for word in set(match_form(person.canonical or person.text).split()):
                self.by_word.setdefault(word, []).append(number)

    def count_before(self, position: int) -> int:
        """How many people start at or before ``position``."""
        return bisect_right(self.starts, position)

    def last_before(self, position: int) -> Mention | None:
        count = self.count_before(position)
        return self.people[count - 1] if count else None

    def by_name(self, speaker: Speaker, position: int | None) -> Mention | None:
        """The last person (before ``position``, or anywhere) whose name shares a word with the speaker's."""
        if not speaker.text:
            return None
        limit = len(self.people) if position is None else self.count_before(position)
        best = -1
        for word in set(match_form(speaker.text).split()):
            numbers = self.by_word.get(word)
            if numbers:
                below = bisect_left(numbers, limit)
                if below:
                    best = max(best, numbers[below - 1])
        return self.people[best] if best >= 0 else None

    def by_title(self, title: str, text: str, position: int) -> Mention | None:
        """The person last written with ``title`` in front ("Presiden Joko Widodo" for "kata Presiden")."""
        wanted = match_form(title)
        if not wanted:
            return None
        count = self.count_before(position)
        for person in reversed(self.people[max(0, count - TITLE_LOOKBACK) : count]):
            if wanted in match_form(text[max(0, person.start - 60) : person.end]):
                return person
        return None
