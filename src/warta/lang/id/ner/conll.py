"""Reading and writing CoNLL-style token files, and mapping each corpus's tags to PER/ORG/LOC.

A CoNLL file here is one token per line, the token in the first column and (for annotated
files) the tag in the last one, with a blank line between sentences. Columns are split on
runs of whitespace, so ``token POS TAG`` (idner-news-2k), ``token<TAB>TAG`` (IndoNLU) and a bare
token column all read the same way; Windows line ends are accepted.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

ENTITY_TYPES = ("PER", "ORG", "LOC")
LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")

# Each corpus's entity types mapped to warta's; a type mapped to None becomes O. The choices are
# explained in docs/model-card.md ("Label mapping").
TAG_MAPS: dict[str, dict[str, str | None]] = {
    "idner": {"PER": "PER", "ORG": "ORG", "LOC": "LOC"},
    "nergrit": {"PERSON": "PER", "ORGANISATION": "ORG", "PLACE": "LOC"},
    # NERP: PPL people, IND institutions and companies, PLC places; EVT (events such as "Piala
    # Dunia", "Pemilu 2014") and FNB (food and drink) have no counterpart and are dropped.
    "nerp": {"PPL": "PER", "IND": "ORG", "PLC": "LOC", "EVT": None, "FNB": None},
}


@dataclass(frozen=True, slots=True)
class Sentence:
    """An annotated sentence: tokens and their IOB2 tags (same length)."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


def read_blocks(lines: Iterable[str]) -> Iterator[list[list[str]]]:
    """Yield each sentence as a list of whitespace-split rows; blank lines separate sentences.

    A line holding only whitespace counts as blank. Leading and trailing whitespace on a line
    is ignored, so tabs versus spaces and ``\\r\\n`` line ends do not matter.
    """
    block: list[list[str]] = []
    for line in lines:
        row = line.split()
        if row:
            block.append(row)
        elif block:
            yield block
            block = []
    if block:
        yield block


def map_tag(tag: str, mapping: Mapping[str, str | None]) -> str:
    """One corpus tag as a warta IOB2 tag: ``B-PLACE`` -> ``B-LOC``; unknown or dropped types -> O."""
    if tag == "O" or len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    kind = mapping.get(tag[2:])
    return f"{tag[0]}-{kind}" if kind else "O"


def repair_iob2(tags: Iterable[str]) -> list[str]:
    """Make a tag sequence valid IOB2: an I- that does not continue its type becomes B-."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def label_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entities in an IOB2 tag sequence as ``(start, end, type)``, end exclusive, in order.

    Chunks are read the way conlleval reads them: a chunk starts at a ``B-`` tag, or at an
    ``I-`` tag that follows O or another type, so a stray ``I-`` is an entity, not an error.
    """
    out: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate((*tags, "O")):
        prefix, _, tag_kind = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and tag_kind != kind)
        if start >= 0 and (begins or prefix not in ("B", "I")):
            out.append((start, i, kind))
            start, kind = -1, ""
        if begins:
            start, kind = i, tag_kind
    return out


def read_corpus(lines: Iterable[str], corpus: str) -> list[Sentence]:
    """Read an annotated corpus (tag in the last column) with its tags mapped to PER/ORG/LOC."""
    mapping = TAG_MAPS[corpus]
    sentences = []
    for block in read_blocks(lines):
        tokens = tuple(row[0] for row in block)
        tags = repair_iob2(map_tag(row[-1] if len(row) > 1 else "O", mapping) for row in block)
        sentences.append(Sentence(tokens, tuple(tags)))
    return sentences


def format_tagged(tokens: Iterable[str], tags: Iterable[str]) -> str:
    """``token<TAB>tag`` lines for one sentence, each ending in a newline."""
    return "".join(f"{token}\t{tag}\n" for token, tag in zip(tokens, tags, strict=True))
