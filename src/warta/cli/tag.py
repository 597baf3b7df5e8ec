"""``warta tag --conll FILE``: named entities for pre-tokenised text, in CoNLL form."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TextIO

import click

# Sentences are tagged in groups of this many so a large file streams in bounded memory while
# the tagger still gets batches big enough to be fast.
CHUNK = 1000


def _sentences(stream: TextIO) -> Iterator[list[str]]:
    from warta.lang.id.ner.conll import read_blocks

    for block in read_blocks(stream):
        yield [row[0] for row in block]


@click.command("tag")
@click.option(
    "--conll",
    "conll",
    type=click.File("r", encoding="utf-8", errors="replace"),
    required=True,
    help="Tokens in the first column, a blank line between sentences; - reads standard input.",
)
@click.option(
    "--domain",
    type=click.Choice(["idner", "nergrit", "nerp"]),
    default=None,
    help="Annotation style to imitate (default: idner, Indonesian news).",
)
def tag_command(conll: TextIO, domain: str | None) -> None:
    """Tag named entities (PER, ORG, LOC) in a CoNLL token file.

    Writes one ``token<TAB>tag`` line per token in IOB2 (B-PER, I-ORG, O...), with a blank line
    between sentences, so the output can be scored against any annotated corpus. Other columns
    of the input are ignored; tokens keep their spelling.
    """
    # Imported here, not at the top: the tagger pulls in NumPy, which the other commands do not need.
    from warta.lang.id.ner import load_tagger

    tagger = load_tagger(domain)
    out = sys.stdout
    chunk: list[list[str]] = []
    wrote = False
    for sentence in _sentences(conll):
        chunk.append(sentence)
        if len(chunk) >= CHUNK:
            wrote = _write(out, chunk, tagger.tag_many(chunk), wrote)
            chunk = []
    if chunk:
        wrote = _write(out, chunk, tagger.tag_many(chunk), wrote)
    if not wrote:
        click.echo(f"warta: {conll.name}: no tokens to tag (empty input)", err=True)
        raise SystemExit(1)


def _write(out: TextIO, sentences: list[list[str]], labels: list[list[str]], wrote: bool) -> bool:
    from warta.lang.id.ner.conll import format_tagged

    for tokens, tags in zip(sentences, labels, strict=True):
        out.write(("\n" if wrote else "") + format_tagged(tokens, tags))
        wrote = True
    out.flush()
    return wrote
