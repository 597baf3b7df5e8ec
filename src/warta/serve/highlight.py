"""Article text as segments a template can render safely: plain text, or an entity mention to
link. Built from the stored mention offsets; templates escape every segment's text.

A mention whose offsets do not land on its own text (a store written by an older pipeline) is
left out rather than trusted, and so is one overlapping a mention already placed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from warta.model import PARAGRAPH_SEPARATOR
from warta.store import MentionSpan

__all__ = ["Segment", "marked", "paragraphs"]


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text; ``key`` (with ``label`` and ``canonical``) when it names an entity."""

    text: str
    key: str | None = None
    label: str | None = None
    canonical: str | None = None


def paragraphs(texts: Sequence[str], mentions: Sequence[MentionSpan]) -> list[list[Segment]]:
    """Each body paragraph as segments, its entity mentions apart from the text around them."""
    body = [m for m in mentions if m.field == "body"]
    body.sort(key=lambda m: (m.start, -m.end))
    out: list[list[Segment]] = []
    start = 0
    cursor = 0  # index into body
    for text in texts:
        end = start + len(text)
        segments: list[Segment] = []
        done = 0  # offset into this paragraph already emitted
        while cursor < len(body) and body[cursor].start < end:
            mention = body[cursor]
            cursor += 1
            local_start, local_end = mention.start - start, mention.end - start
            if local_start < done or local_end > len(text) or text[local_start:local_end] != mention.text:
                continue
            if local_start > done:
                segments.append(Segment(text[done:local_start]))
            segments.append(Segment(mention.text, mention.key, mention.label, mention.canonical))
            done = local_end
        if done < len(text):
            segments.append(Segment(text[done:]))
        out.append(segments)
        start = end + len(PARAGRAPH_SEPARATOR)
    return out


#: Marks the store puts around matched words in search snippets for the reader: private-use
#: characters, which no article holds, so a snippet splits back into text and matches.
OPEN_MARK, CLOSE_MARK = "\ue000", "\ue001"


def marked(snippet: str) -> list[tuple[str, bool]]:
    """A snippet with :data:`OPEN_MARK`/:data:`CLOSE_MARK` as ``(text, matched)`` runs."""
    out: list[tuple[str, bool]] = []
    for n, part in enumerate(snippet.split(OPEN_MARK)):
        if n == 0:
            if part:
                out.append((part, False))
            continue
        hit, _, rest = part.partition(CLOSE_MARK)
        if hit:
            out.append((hit, True))
        if rest:
            out.append((rest, False))
    return out
